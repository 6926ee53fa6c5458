//! `eindex synth`: generate synthetic submissions calibrated to target section scores (seeded,
//! reproducible). See `crate::synth` and docs/data-2022.md.

use crate::app::{self, AppError};
use crate::num::Num;
use crate::synth::{
    generate, read_directions, read_figures, read_numbers, read_shares, read_targets, report,
    write_csv, write_json, Calibration, SpecError, SynthFormat,
};
use clap::Args as ClapArgs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex synth`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Target scores: unit, metadata and one column per section (empty = section not submitted).
    #[arg(long)]
    pub targets: PathBuf,
    /// Published answer shares to match: `question,option,share[,group]` (repeatable: several
    /// files; a `group` cell `type=valstspilseta` gives the share of that group's units).
    #[arg(long)]
    pub shares: Vec<PathBuf>,
    /// Published totals and pooled ratios of numeric answers, and counts of units without one:
    /// `measure,group,value` (`sum(Q)`, `ratio(A, B)`, `missing_any(A, B)`, `missing_all(A, B)`).
    #[arg(long)]
    pub figures: Option<PathBuf>,
    /// Statements without a number, kept as soft costs: `question,option,group,relation,than`
    /// (the share of `group` `>`, `>=`, `<`, `<=` or `=` that of the `than` group or a share).
    #[arg(long)]
    pub directions: Option<PathBuf>,
    /// How numeric answers are drawn: `question,low,high[,per][,part_of]`.
    #[arg(long)]
    pub numbers: Option<PathBuf>,
    /// Seed of the pseudo-random generator: the same inputs and seed give the same file.
    #[arg(long)]
    pub seed: u64,
    /// Write the submissions to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Largest allowed distance, in score points, of a section score from its target.
    #[arg(long, default_value = "3")]
    pub tolerance: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SynthFormat::Csv)]
    pub format: SynthFormat,
    /// Moves per search round (default: 3 000 per unit).
    #[arg(long)]
    pub iterations: Option<u64>,
    /// Print the fit of every unit and share, not only the summary.
    #[arg(long)]
    pub verbose: bool,
}

/// Prints the errors of a targets, shares or numbers file.
fn spec_errors(errors: &[SpecError]) -> AppError {
    for e in &errors[..errors.len().saturating_sub(1)] {
        eprintln!("error: {e}");
    }
    AppError::Spec {
        message: errors.last().map_or_else(
            || "the targets, shares or numbers file has errors".to_string(),
            ToString::to_string,
        ),
        status: if errors.iter().any(SpecError::is_io) {
            2
        } else {
            1
        },
    }
}

/// Runs `eindex synth`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let p = app::compile(&args.ruleset)?.program;
    let tolerance = match args.tolerance.trim().parse::<Num>() {
        Ok(t) if !t.is_negative() => t,
        _ => {
            return Err(AppError::argument(format!(
                "--tolerance `{}` is not a number of points; write e.g. `3` or `2.5`",
                args.tolerance
            )))
        }
    };
    let schema = &p.schema;
    let targets = read_targets(&args.targets, schema).map_err(|e| spec_errors(&e))?;
    let share_files: Vec<&std::path::Path> = args.shares.iter().map(PathBuf::as_path).collect();
    let shares = read_shares(&share_files, schema).map_err(|e| spec_errors(&e))?;
    let numbers = match &args.numbers {
        Some(path) => read_numbers(path, schema).map_err(|e| spec_errors(&e))?,
        None => Vec::new(),
    };
    let figures = match &args.figures {
        Some(path) => read_figures(path, schema, &targets).map_err(|e| spec_errors(&e))?,
        None => Vec::new(),
    };
    let directions = match &args.directions {
        Some(path) => read_directions(path, schema).map_err(|e| spec_errors(&e))?,
        None => Vec::new(),
    };
    let iterations = args
        .iterations
        .unwrap_or(3_000 * targets.units.len() as u64)
        .max(1);
    let started = std::time::Instant::now();
    let cal = Calibration {
        shares: &shares,
        figures: &figures,
        numbers: &numbers,
        directions: &directions,
    };
    let out = generate(&p, &targets, &cal, args.seed, tolerance, iterations).map_err(|e| {
        AppError::Evaluation {
            message: e.to_string(),
        }
    })?;
    let elapsed = started.elapsed();
    let mut buf = Vec::new();
    let written = match args.format {
        SynthFormat::Csv => write_csv(schema, &targets, &out, &mut buf),
        SynthFormat::Json => write_json(schema, &targets, &out, &mut buf),
    };
    written.map_err(|source| AppError::Format {
        what: "submissions",
        source,
    })?;
    let result = match &args.output {
        Some(path) => std::fs::write(path, &buf).map_err(|e| (path.display().to_string(), e)),
        None => std::io::stdout()
            .lock()
            .write_all(&buf)
            .map_err(|e| ("standard output".to_string(), e)),
    };
    if let Err((path, e)) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(AppError::Write {
                path,
                reason: e.to_string(),
            });
        }
    }
    let ok = report(&p, &out, tolerance, args.seed, elapsed, args.verbose);
    Ok(app::status(ok))
}
