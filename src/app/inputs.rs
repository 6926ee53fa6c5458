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
    /// A spreadsheet workbook: xlsx, xlsm, xlsb, xls or ods.
    #[value(alias = "xlsx", alias = "xls", alias = "ods")]
    Workbook,
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
    /// The sheet to read from workbook inputs (xlsx, xls, ods); default: the first sheet.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Leave out this column of the input files, which the schema does not know (repeatable).
    /// Without it an unknown column fails the run, also with --lenient: its answers would be lost.
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore_columns: Vec<String>,
    /// List every problem in the submissions; by default problems of one kind in one column of
    /// one file are listed up to 5, then counted.
    #[arg(long)]
    pub all_problems: bool,
}

impl ReadArgs {
    /// The load options these arguments give for program `p`.
    pub fn load_options(&self, p: &Program, lenient: bool) -> LoadOptions {
        LoadOptions {
            sheet: self.sheet.clone(),
            ..load_options(p, self.unit_column.clone(), lenient, self.input_format)
        }
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
            InFormat::Workbook => input::Format::Workbook,
        }),
        precedence: p.survey.sources.clone(),
        sheet: None,
    }
}

/// Reads the submissions of `specs`, leaves out the columns `read` says to ignore, and rejects
/// the units whose answers break a constraint of the ruleset (listed with the units the reader
/// rejected).
pub fn load(
    c: &super::Compiled,
    specs: &[InputSpec],
    opts: &LoadOptions,
    read: &ReadArgs,
) -> Result<Loaded> {
    let mut loaded = input::load(&c.program.schema, specs, opts);
    super::verdict::ignore_columns(&mut loaded.errors, &read.ignore_columns)
        .map_err(AppError::argument)?;
    crate::batch::reject_contradictions(&c.program, &c.plan, &mut loaded);
    // the problems the checks of the rules found are placed in their sheets too
    loaded.locate_all();
    Ok(loaded)
}

/// Parses `[SOURCE=]PATH` arguments; `--sheet` is refused when no input is a workbook (it would
/// be ignored in silence).
pub fn input_specs(args: &[String], read: &ReadArgs) -> Result<Vec<InputSpec>> {
    let specs =
        InputSpec::parse_all(args).map_err(|message| AppError::InputArgument { message })?;
    if let Some(sheet) = &read.sheet {
        let forced = read.input_format.map(|f| f == InFormat::Workbook);
        if !input::any_workbook(&specs, forced) {
            return Err(AppError::argument(format!(
                "--sheet {} names a sheet, but no input is a workbook (xlsx, xlsm, xlsb, xls, ods): \
                 leave --sheet out, or give the workbook",
                crate::text::excerpt(sheet)
            )));
        }
    }
    Ok(specs)
}

/// Prints input problems, one `error: …` each (with its help line).
pub fn print_input_errors(errors: &[InputError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
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
    /// Rows that belong to a unit, good or rejected; the other rows that are not blank could not
    /// be read as a unit (no readable unit id, a repeated unit's later rows, ...).
    pub unit_rows: u64,
}

impl Counts {
    pub fn of(loaded: &Loaded, ev: &Evaluated<'_>) -> Counts {
        let mut c = Counts {
            units: loaded.units.len(),
            rejected: loaded.rejected.len(),
            rows_read: loaded.rows_read,
            blank_rows: loaded.blank_rows,
            unit_rows: loaded
                .units
                .iter()
                .map(|u| u.origins.len() as u64)
                .sum::<u64>()
                + rejected_rows(&loaded.rejected),
            ..Counts::default()
        };
        for r in &ev.results {
            c.add(&r.outcome);
        }
        // a unit that could not be evaluated is rejected (its rows are a unit's all the same)
        c.units -= ev.failed.len();
        c.rejected += ev.failed.len();
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

/// The rows the rejected units were read from.
pub fn rejected_rows(rejected: &[input::Rejected]) -> u64 {
    rejected.iter().map(|r| r.origins.len().max(1) as u64).sum()
}

/// How a run that read submissions ends, as its closing line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Every answer of every input was used.
    Scored,
    /// Nothing was scored because of the problems printed above.
    Failed,
    /// `--lenient`: the results were written without the rejected units and `ignored` answers.
    Lossy { ignored: usize },
}

/// The closing line that accounts for every input unit.
pub fn summary(c: &Counts, closing: Closing) {
    let units = c.units + c.rejected;
    let rejected = c.rejected + c.failed_eval;
    let tail = match closing {
        Closing::Scored => String::new(),
        Closing::Failed => " — nothing scored because of the problems above".to_string(),
        Closing::Lossy { ignored } => {
            let mut left = Vec::new();
            if rejected > 0 {
                left.push(format!(
                    "the {rejected} rejected unit{}",
                    crate::text::plural_s(rejected)
                ));
            }
            if ignored > 0 {
                left.push(format!(
                    "{ignored} ignored answer{}",
                    crate::text::plural_s(ignored)
                ));
            }
            if left.is_empty() {
                // a problem with a row or line that was not read as a unit
                left.push("the rows named above".to_string());
            }
            format!(
                " — results written without {} (exit status {})",
                left.join(" and "),
                super::verdict::LOSSY
            )
        }
    };
    let unread = c
        .rows_read
        .saturating_sub(c.blank_rows)
        .saturating_sub(c.unit_rows);
    let mut rows = format!("{} row{}", c.rows_read, crate::text::plural_s(c.rows_read));
    if c.blank_rows > 0 {
        rows.push_str(&format!(", {} blank", c.blank_rows));
    }
    if unread > 0 {
        rows.push_str(&format!(", {unread} not read as a unit"));
    }
    let outcome = if closing == Closing::Failed {
        format!("{} valid, {rejected} rejected", c.units)
    } else {
        format!(
            "{} evaluated, {} not computable, {rejected} rejected",
            c.evaluated, c.not_computable
        )
    };
    eprintln!(
        "{units} unit{} read ({rows}): {outcome}{tail}",
        crate::text::plural_s(units)
    );
}
