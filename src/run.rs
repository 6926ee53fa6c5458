//! `eindex eval`: load submissions, evaluate every unit, render the results.

use crate::cli::{load_ruleset, print_diagnostics};
use crate::eval::Evaluator;
use crate::hir::Program;
use crate::input::{self, InputError, InputSpec, LoadOptions, Loaded};
use crate::plan;
use crate::render::{self, UnitResult};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files (CSV, JSON, JSON Lines), each optionally prefixed with the source of its
    /// answers: `expert=observed.csv`. Units are merged across files by id.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Output format (default: `table` on a terminal, else `csv`).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    /// Read every input file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InFormat>,
    /// The column (CSV) or key (JSON) holding the unit id (default: the schema's, else `unit`).
    #[arg(long)]
    pub unit_column: Option<String>,
    /// Evaluate what can be evaluated; list every rejected unit and value instead of failing.
    #[arg(long)]
    pub lenient: bool,
    /// Write the results to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InFormat {
    Csv,
    Json,
    Jsonl,
}

/// Loads a ruleset and fails (exit 1) when it has errors.
pub fn checked_program(path: &std::path::Path) -> Result<Program, ExitCode> {
    let rs = load_ruleset(path)?;
    if rs.has_errors() {
        print_diagnostics(&rs);
        eprintln!(
            "error: the ruleset has errors; run `eindex check {}` and fix them first",
            path.display()
        );
        return Err(ExitCode::from(1));
    }
    rs.program.ok_or(ExitCode::from(1))
}

/// Parses `[SOURCE=]PATH` arguments.
pub fn input_specs(args: &[String]) -> Result<Vec<InputSpec>, ExitCode> {
    args.iter()
        .map(|a| InputSpec::parse(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })
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

/// Every unit evaluated, plus the problems evaluation found (answers to questions not asked).
pub struct Evaluated<'a> {
    pub results: Vec<UnitResult<'a>>,
    pub problems: Vec<InputError>,
}

/// Evaluates every loaded unit.
pub fn evaluate_all<'a>(p: &Program, loaded: &'a Loaded) -> Evaluated<'a> {
    let plan = plan::lower(p);
    let mut ev = Evaluator::new(&plan);
    let mut problems = Vec::new();
    let results = loaded
        .units
        .iter()
        .map(|u| {
            let outcome = ev.eval(&u.answers).map_err(|e| e.to_string());
            if let Ok(o) = &outcome {
                for &slot in &o.answered_not_asked {
                    problems.push(not_asked_problem(p, loaded, u, slot));
                }
            }
            UnitResult { unit: u, outcome }
        })
        .collect();
    Evaluated { results, problems }
}

fn not_asked_problem(p: &Program, loaded: &Loaded, u: &input::Unit, slot: usize) -> InputError {
    let q = &p.schema.questions[slot];
    let cond = q
        .ask_if
        .as_ref()
        .map(|_| "its follow-up condition")
        .unwrap_or("its condition");
    let mut e = InputError::file(
        "",
        input::Place::Row,
        format!(
            "`{}` is answered although {cond} is false for this unit, so it was not asked",
            q.id
        ),
    );
    if let Some(cell) = u.cells.get(slot).copied().flatten() {
        let f = loaded.files.get(cell.file as usize);
        e.file = f.map(|f| f.name.clone()).unwrap_or_default();
        e.row = Some(cell.row);
        e = match cell.column {
            Some(c) => e.at_column(c as usize, &q.id),
            None => e.at_key(&q.id),
        };
    }
    e.unit = Some(u.id.clone());
    e.help = Some("leave the follow-up answer empty, or correct the answer it depends on; the answer is ignored".into());
    e
}

pub fn print_input_errors(errors: &[InputError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

pub fn eval(args: &EvalArgs) -> ExitCode {
    let p = match checked_program(&args.ruleset) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let specs = match input_specs(&args.submissions) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let opts = load_options(
        &p,
        args.unit_column.clone(),
        args.lenient,
        args.input_format,
    );
    let loaded = input::load(&p.schema, &specs, &opts);
    let ev = evaluate_all(&p, &loaded);
    let fatal = !args.lenient
        && (!loaded.errors.is_empty() || !loaded.rejected.is_empty() || !ev.problems.is_empty());
    if fatal {
        print_input_errors(&loaded.errors);
        for r in &loaded.rejected {
            print_input_errors(&r.reasons);
        }
        print_input_errors(&ev.problems);
        let n = loaded.errors.len()
            + loaded
                .rejected
                .iter()
                .map(|r| r.reasons.len())
                .sum::<usize>()
            + ev.problems.len();
        eprintln!("error: {n} problem{} in the submissions; nothing was scored (use --lenient to score the valid units)", if n == 1 { "" } else { "s" });
        summary(&loaded, &ev, true);
        return ExitCode::from(1);
    }
    let format = args.format.unwrap_or(
        if args.output.is_none() && std::io::stdout().is_terminal() {
            OutFormat::Table
        } else {
            OutFormat::Csv
        },
    );
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let written = match format {
        OutFormat::Table => out.write_all(render::table(&p, &ev.results).as_bytes()),
        OutFormat::Csv => render::write_csv(&p, &ev.results, &mut out),
        OutFormat::Json => render::write_json(&p, &ev.results, &mut out),
    }
    .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the results: {e}");
            return ExitCode::from(2);
        }
    }
    if args.lenient {
        print_input_errors(&loaded.errors);
        for r in &loaded.rejected {
            eprintln!("rejected unit `{}`:", r.unit);
            print_input_errors(&r.reasons);
        }
        for e in &ev.problems {
            eprintln!("ignored value: {e}");
        }
    }
    summary(&loaded, &ev, false);
    ExitCode::SUCCESS
}

/// The closing line that accounts for every input unit.
fn summary(loaded: &Loaded, ev: &Evaluated<'_>, failed: bool) {
    let evaluated = ev
        .results
        .iter()
        .filter(|r| {
            r.outcome
                .as_ref()
                .is_ok_and(|o| matches!(o.index, crate::eval::IndexOutcome::Computed { .. }))
        })
        .count();
    let not_computable = ev
        .results
        .iter()
        .filter(|r| {
            r.outcome
                .as_ref()
                .is_ok_and(|o| !matches!(o.index, crate::eval::IndexOutcome::Computed { .. }))
        })
        .count();
    let failed_eval = ev.results.iter().filter(|r| r.outcome.is_err()).count();
    let units = loaded.units.len() + loaded.rejected.len();
    eprintln!(
        "{units} unit{} read ({} row{}{}): {evaluated} evaluated, {not_computable} not computable, {} rejected{}",
        if units == 1 { "" } else { "s" },
        loaded.rows_read,
        if loaded.rows_read == 1 { "" } else { "s" },
        if loaded.blank_rows > 0 { format!(", {} blank", loaded.blank_rows) } else { String::new() },
        loaded.rejected.len() + failed_eval,
        if failed { " — not scored because of the problems above" } else { "" }
    );
}
