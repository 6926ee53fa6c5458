//! Submissions: the input options commands share, loading, evaluating every unit, and reporting
//! the problems found on the way (with the closing line that accounts for every unit).

use super::{AppError, Result};
pub use crate::batch::{evaluate_all, not_asked_named, not_asked_problem, Evaluated};
use crate::eval::{EvalError, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::input::{self, InputError, InputSpec, LoadOptions, Loaded};
use clap::{Args, ValueEnum};
use std::io::Write;

/// A submission file format named on the command line.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InFormat {
    Csv,
    Json,
    Jsonl,
}

/// How the submission files are read: the options every command that reads submissions shares
/// (`verify` and `diff` take these alone: the first reads strictly, the second leniently).
#[derive(Args, Debug, Clone)]
pub struct ReadArgs {
    /// Read every input file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InFormat>,
    /// The column (CSV) or key (JSON) holding the unit id (default: the schema's, else `unit`).
    #[arg(long)]
    pub unit_column: Option<String>,
}

impl ReadArgs {
    /// The load options these arguments give for program `p`.
    pub fn load_options(&self, p: &Program, lenient: bool) -> LoadOptions {
        load_options(p, self.unit_column.clone(), lenient, self.input_format)
    }
}

/// [`ReadArgs`] and `--lenient`: the input options of `eval`, `explain` and `report`.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// Go on past bad units and values: use the valid units and list every rejected unit and
    /// value (default: fail and list every problem).
    #[arg(long)]
    pub lenient: bool,
}

impl InputArgs {
    /// The load options these arguments give for program `p`.
    pub fn load_options(&self, p: &Program) -> LoadOptions {
        self.read.load_options(p, self.lenient)
    }
}

pub fn load_options(
    p: &Program,
    unit_column: Option<String>,
    lenient: bool,
    format: Option<InFormat>,
) -> LoadOptions {
    LoadOptions {
        unit_column,
        lenient,
        format: format.map(|f| match f {
            InFormat::Csv => input::Format::Csv,
            InFormat::Json => input::Format::Json,
            InFormat::Jsonl => input::Format::JsonLines,
        }),
        precedence: p.survey.sources.clone(),
    }
}

/// Reads the submissions of `specs`, and rejects the units whose answers break a constraint of
/// the ruleset (listed with the units the reader rejected).
pub fn load(c: &super::Compiled, specs: &[InputSpec], opts: &LoadOptions) -> Loaded {
    let mut loaded = input::load(&c.program.schema, specs, opts);
    crate::batch::reject_contradictions(&c.program, &c.plan, &mut loaded);
    loaded
}

/// Parses `[SOURCE=]PATH` arguments.
pub fn input_specs(args: &[String]) -> Result<Vec<InputSpec>> {
    InputSpec::parse_all(args).map_err(|message| AppError::InputArgument { message })
}

/// Prints input problems, one `error: …` each (with its help line).
pub fn print_input_errors(errors: &[InputError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

/// Prints the problems of a load that a strict command does not go past: every file problem and
/// every reason a unit was rejected.
pub fn print_load_problems(loaded: &Loaded) {
    print_input_errors(&loaded.errors);
    for r in &loaded.rejected {
        print_input_errors(&r.reasons);
    }
}

/// Lenient mode: the file problems and each rejected unit with its reasons.
pub fn print_rejected(errors: &[InputError], rejected: &[input::Rejected]) {
    print_input_errors(errors);
    for r in rejected {
        eprintln!("rejected unit `{}`:", r.unit);
        print_input_errors(&r.reasons);
    }
}

/// Strict mode with problems: every problem, the count, and the summary line.
pub fn report_fatal(
    errors: &[InputError],
    rejected: &[input::Rejected],
    problems: &[InputError],
    counts: &Counts,
) {
    print_input_errors(errors);
    for r in rejected {
        print_input_errors(&r.reasons);
    }
    print_input_errors(problems);
    let n = errors.len() + rejected.iter().map(|r| r.reasons.len()).sum::<usize>() + problems.len();
    eprintln!("error: {n} problem{} in the submissions; nothing was scored (use --lenient to score the valid units)", crate::text::plural_s(n));
    summary(counts, true);
}

/// Lenient mode: what was left out, after the output.
pub fn report_lenient(
    lenient: bool,
    errors: &[InputError],
    rejected: &[input::Rejected],
    problems: &[InputError],
) {
    if lenient {
        print_rejected(errors, rejected);
        for e in problems {
            eprintln!("ignored value: {e}");
        }
    }
}

/// What the closing line counts.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    /// Good units (evaluated or not).
    pub units: usize,
    pub rejected: usize,
    pub rows_read: u64,
    pub blank_rows: u64,
    pub evaluated: usize,
    pub not_computable: usize,
    pub failed_eval: usize,
}

impl Counts {
    pub fn of(loaded: &Loaded, ev: &Evaluated<'_>) -> Counts {
        let mut c = Counts {
            units: loaded.units.len(),
            rejected: loaded.rejected.len(),
            rows_read: loaded.rows_read,
            blank_rows: loaded.blank_rows,
            ..Counts::default()
        };
        for r in &ev.results {
            c.add(&r.outcome);
        }
        c
    }

    /// Counts one evaluated unit.
    pub fn add(&mut self, o: &std::result::Result<UnitOutcome, EvalError>) {
        match o {
            Ok(o) if matches!(o.index, IndexOutcome::Computed { .. }) => self.evaluated += 1,
            Ok(_) => self.not_computable += 1,
            Err(_) => self.failed_eval += 1,
        }
    }

    pub fn merge(&mut self, o: &Counts) {
        self.evaluated += o.evaluated;
        self.not_computable += o.not_computable;
        self.failed_eval += o.failed_eval;
    }
}

/// The closing line that accounts for every input unit.
pub fn summary(c: &Counts, failed: bool) {
    let units = c.units + c.rejected;
    eprintln!(
        "{units} unit{} read ({} row{}{}): {} evaluated, {} not computable, {} rejected{}",
        crate::text::plural_s(units),
        c.rows_read,
        crate::text::plural_s(c.rows_read),
        if c.blank_rows > 0 {
            format!(", {} blank", c.blank_rows)
        } else {
            String::new()
        },
        c.evaluated,
        c.not_computable,
        c.rejected + c.failed_eval,
        if failed {
            " — not scored because of the problems above"
        } else {
            ""
        }
    );
}
