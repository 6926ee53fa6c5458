//! `eindex eval`: load submissions, evaluate every unit, render the results.

use crate::app::stream::{self, Job, OutFormat};
use crate::app::verdict::{InputProblems, Verdict};
use crate::app::{self, output, AppError, Counts, InputArgs};
use crate::render::{self, dialect::CsvDialect, Style};
use clap::Args as ClapArgs;
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex eval`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files (CSV, JSON, JSON Lines), each optionally prefixed with the source of its
    /// answers: `expert=observed.csv`. Units are merged across files by id.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Output format (default: from the extension of `-o` — .csv, .json, .jsonl, .xlsx —, else
    /// `table` on a terminal, else `csv`). `jsonl`: one JSON object per unit per line; `xlsx`:
    /// an Excel workbook with the columns of `csv` (needs `-o`).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the results to this file instead of standard output; its extension (.csv, .json,
    /// .jsonl, .xlsx) chooses the format, and must agree with `--format` when both are given.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// JSON and JSON Lines without every rule's trace (each unit's `rules`): its scores,
    /// levels and status only, about a twentieth of the size (for large runs).
    #[arg(long)]
    pub no_trace: bool,
    /// Evaluate on this many threads (output order and content do not change).
    #[arg(short, long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
    #[command(flatten)]
    pub people: output::PeopleArgs,
    #[command(flatten)]
    pub csv: output::CsvArgs,
}

/// Runs `eindex eval`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let format = output_format(args.format, args.output.as_deref())?;
    if args.no_trace && !matches!(format, OutFormat::Json | OutFormat::Jsonl) {
        return Err(AppError::argument(
            "--no-trace leaves the trace out of JSON: it goes with --format json or jsonl (or -o results.json / .jsonl)",
        ));
    }
    if args.csv.csv_dialect != CsvDialect::Standard && format != OutFormat::Csv {
        return Err(AppError::argument(
            "--csv-dialect excel-lv is how CSV is written: it goes with --format csv (or -o results.csv)",
        ));
    }
    let c = app::compile(&args.ruleset)?;
    let p = &c.program;
    let style = Style {
        lang: args.people.lang(&p.schema),
        dialect: args.csv.csv_dialect,
    };
    let specs = app::input_specs(&args.submissions, &args.input.read)?;
    let opts = args.input.load_options(p);
    // One file: stream, unit by unit (flat memory). `None`: the file needs the in-memory reader
    // (see `input::stream`), whatever was made so far is discarded.
    if specs.len() == 1 {
        let job = Job {
            format,
            jobs: args.jobs as usize,
            lenient: args.input.lenient,
            output: args.output.as_ref(),
            read: &args.input.read,
            trace: !args.no_trace,
            style,
        };
        if let Some(result) = stream::eval(&c, &specs[0], &opts, &job) {
            return result;
        }
    }
    let loaded = app::inputs::load(&c, &specs, &opts, &args.input.read)?;
    let ev = app::evaluate_all(p, &c.plan, &loaded, Some(&c.sources));
    let counts = Counts::of(&loaded, &ev);
    let mut rejected = loaded.rejected.clone();
    rejected.extend(ev.failed.iter().cloned());
    let problems = InputProblems::new(&loaded.errors, &rejected, &ev.problems, &args.input.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(args.input.lenient) {
        return Ok(problems.report_fatal(Some(&counts), status, whole_file, "scored"));
    }
    if format == OutFormat::Xlsx {
        let rows: Vec<_> = ev
            .results
            .iter()
            .map(|r| render::results_row(p, style.lang, &r.unit.id, &r.outcome))
            .collect();
        stream::write_workbook(p, style, &rows, args.output.as_ref())?;
        return Ok(problems.report_written(&counts));
    }
    let mut out = output::open_output(args.output.as_ref())?;
    let written = match format {
        OutFormat::Table => out.write_all(render::table(p, style.lang, &ev.results).as_bytes()),
        OutFormat::Csv => render::write_csv(p, &ev.results, style, &mut out),
        OutFormat::Json => render::write_json(p, &ev.results, style.lang, !args.no_trace, &mut out),
        OutFormat::Jsonl => {
            render::write_jsonl(p, &ev.results, style.lang, !args.no_trace, &mut out)
        }
        OutFormat::Bench => render::write_bench(p, &ev.results, &mut out),
        // written above
        OutFormat::Xlsx => Ok(()),
    }
    .and_then(|()| out.flush());
    output::written(written)?;
    Ok(problems.report_written(&counts))
}

/// The formats `-o`'s extension names, as `(extension, format)`.
const EXTENSIONS: [(&str, OutFormat); 4] = [
    ("csv", OutFormat::Csv),
    ("json", OutFormat::Json),
    ("jsonl", OutFormat::Jsonl),
    ("xlsx", OutFormat::Xlsx),
];

/// The output format: `--format`, else the extension of `-o`, else `table` on a terminal and
/// `csv` elsewhere. A `--format` that contradicts the extension (`-o out.json --format csv`),
/// an extension that names no format (without `--format`) and `xlsx` without `-o` are
/// argument errors; with `--format`, any other extension is taken as it is. `bench` is CSV: it may be written to a `.csv` file.
fn output_format(format: Option<OutFormat>, output: Option<&Path>) -> app::Result<OutFormat> {
    let Some(path) = output else {
        return match format {
            Some(OutFormat::Xlsx) => Err(AppError::argument(stream::XLSX_NEEDS_FILE)),
            Some(f) => Ok(f),
            None if std::io::stdout().is_terminal() => Ok(OutFormat::Table),
            None => Ok(OutFormat::Csv),
        };
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let by_ext = EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|&(_, f)| f);
    let name = |f: OutFormat| f.to_possible_value().map(|v| v.get_name().to_string());
    match (format, by_ext) {
        (None, Some(f)) => Ok(f),
        (None, None) => Err(AppError::argument(format!(
            "cannot tell the output format from `{}`: name the file .csv, .json, .jsonl or .xlsx, or give --format",
            path.display()
        ))),
        (Some(f), Some(e)) if f == e || (f, e) == (OutFormat::Bench, OutFormat::Csv) => Ok(f),
        (Some(f), Some(_)) => Err(AppError::argument(format!(
            "`--format {}` contradicts the output file `{}` (.{ext} is {}): give a matching extension or leave out --format",
            name(f).unwrap_or_default(),
            path.display(),
            by_ext.and_then(name).unwrap_or_default()
        ))),
        (Some(f), None) => Ok(f),
    }
}
