//! `eindex report`: level distributions, group breakdowns and answer shares as Excel, HTML, CSV or
//! Markdown (docs/reports.md).

use crate::app::output::{CsvArgs, PeopleArgs};
use crate::app::verdict::{InputProblems, Verdict, LOSSY};
use crate::app::{self, output, AppError, Compiled, InputArgs};
use crate::l10n::Arg;
use crate::render::dialect::CsvDialect;
use crate::report::{
    csv, generated_at, html, markdown, relative, select_groupings, select_tables, tables, xlsx,
    Format, Options, Provenance, Report,
};
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex report`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files (CSV, JSON, JSON Lines), each optionally prefixed with the source of its
    /// answers: `expert=observed.csv`.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Break the tables down by this grouping (a `group` of the ruleset, or a single-choice
    /// metadata field); repeat for several. Default: every `group` the ruleset declares.
    #[arg(long = "by", value_name = "GROUPING")]
    pub by: Vec<String>,
    /// Output format (default: from the extension of `-o`, else Markdown).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Output file (a folder for CSV: one file per table).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Flag shares whose base is smaller than this (the report's "Bāze ... ir neliela").
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub min_base: usize,
    /// How many units the top lists show per group (more when units tie).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub top: usize,
    /// Only these tables (by id, e.g. `levels_index`, `answers_q_dms`); repeat for several.
    #[arg(long = "table", value_name = "ID")]
    pub tables: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub people: PeopleArgs,
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// Runs `eindex report`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let format = output_format(args)?;
    if format == Format::Xlsx && args.output.is_none() {
        return Err(AppError::argument(
            "an Excel report needs an output file: add `-o report.xlsx`",
        ));
    }
    let mut rs = app::checked_ruleset(&args.ruleset)?;
    let Some(program) = rs.program.take() else {
        return Err(AppError::RulesetHasErrors {
            path: args.ruleset.display().to_string(),
        });
    };
    let c = Compiled::new(program, rs.sources.clone());
    let p = &c.program;
    let groupings = select_groupings(p, &args.by).map_err(AppError::argument)?;
    let specs = app::input_specs(&args.submissions, &args.input.read)?;
    let opts = args.input.load_options(p);
    let loaded = app::inputs::load(&c, &specs, &opts, &args.input.read)?;
    let (units, ignored, failed) = crate::report::evaluate(p, &c.plan, &loaded, Some(&c.sources));
    let mut rejected = loaded.rejected.clone();
    rejected.extend(failed);
    let problems = InputProblems::new(&loaded.errors, &rejected, &ignored, &args.input.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(args.input.lenient) {
        return Ok(problems.report_fatal(None, status, whole_file, "reported"));
    }
    if units.is_empty() {
        return Err(AppError::Submissions {
            message: "no unit could be evaluated; there is nothing to report".into(),
        });
    }
    let report_opts = Options {
        min_base: args.min_base,
        top: args.top.max(1),
    };
    let lang = args.people.lang(&p.schema);
    let mut report = tables::build(p, &units, &groupings, &report_opts, lang);
    let prov = Provenance {
        ruleset: args.ruleset.display().to_string(),
        ruleset_files: rs
            .sources
            .files()
            .iter()
            .map(|f| (relative(&f.path, &rs.dir), f.text.as_bytes().to_vec()))
            .collect(),
        inputs: specs.iter().map(|s| s.path.clone()).collect(),
        units_read: loaded.units.len() + loaded.rejected.len(),
        units_reported: units.len(),
        units_rejected: rejected.len(),
        groupings: groupings.iter().map(|g| g.name.clone()).collect(),
        options: report_opts,
        generated: generated_at(),
    };
    report.tables.push(prov.table(lang));
    if !args.tables.is_empty() {
        select_tables(&mut report, &args.tables).map_err(AppError::argument)?;
    }
    write(
        &report,
        format,
        args.csv.csv_dialect,
        args.output.as_deref(),
    )?;
    let msg = lang.messages();
    let counts = [
        ("tables", Arg::from(report.tables.len())),
        ("units", Arg::from(units.len())),
    ];
    eprintln!(
        "{}",
        match &args.output {
            Some(o) => {
                let path = o.display().to_string();
                let mut a = counts.to_vec();
                a.push(("path", Arg::Str(&path)));
                msg.f("report-done-to", &a)
            }
            None => msg.f("report-done", &counts),
        }
    );
    let left_out = problems.report_left_out();
    Ok(if left_out {
        ExitCode::from(LOSSY)
    } else {
        ExitCode::SUCCESS
    })
}

/// The format: `--format`, else the extension of `-o` (a folder: CSV), else Markdown.
fn output_format(args: &Args) -> app::Result<Format> {
    output::format_of(
        args.format,
        args.output.as_deref(),
        Format::Md,
        &[
            ("xlsx", Format::Xlsx),
            ("html", Format::Html),
            ("htm", Format::Html),
            ("md", Format::Md),
            ("markdown", Format::Md),
            ("csv", Format::Csv),
        ],
        Some(Format::Csv),
        ".xlsx, .html, .md or .csv",
    )
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// Writes the report in its format to `output` (a file, a folder for CSV) or standard output.
fn write(
    report: &Report,
    format: Format,
    dialect: CsvDialect,
    output: Option<&Path>,
) -> app::Result<()> {
    let to_out = |bytes: &[u8]| output::write_to(output, bytes, "report");
    match format {
        Format::Md => to_out(markdown::render(report).as_bytes()),
        Format::Html => to_out(html::render(report).as_bytes()),
        Format::Xlsx => {
            let Some(path) = output else {
                return Err(AppError::argument(
                    "an Excel report needs an output file: add `-o report.xlsx`",
                ));
            };
            xlsx::write(report, path).map_err(|e| write_error(path, e))
        }
        Format::Csv => write_csv(report, dialect, output, &to_out),
    }
}

/// CSV: one table to one `.csv` file or standard output, or one file per table in a folder.
fn write_csv(
    report: &Report,
    dialect: CsvDialect,
    output: Option<&Path>,
    to_out: &dyn Fn(&[u8]) -> app::Result<()>,
) -> app::Result<()> {
    let one_table = || -> app::Result<Vec<u8>> {
        let mut buf = Vec::new();
        csv::write_table(report, &report.tables[0], dialect, &mut buf).map_err(|source| {
            AppError::Output {
                what: "table",
                source,
            }
        })?;
        Ok(buf)
    };
    match output {
        Some(path) if path.extension().is_some_and(|e| e == "csv") => {
            if report.tables.len() != 1 {
                return Err(AppError::argument(format!(
                    "`{}` is one file but the report has {} tables: give a folder (one CSV per table) or pick one with --table",
                    path.display(),
                    report.tables.len()
                )));
            }
            to_out(&one_table()?)
        }
        Some(dir) => csv::write_dir(report, dialect, dir).map_err(|e| AppError::WriteInto {
            path: dir.display().to_string(),
            reason: e.to_string(),
        }),
        None if report.tables.len() == 1 => to_out(&one_table()?),
        None => Err(AppError::argument(
            "CSV writes one file per table: give a folder with `-o`, or pick one table with --table",
        )),
    }
}
