//! `eindex report`: level distributions, group breakdowns and answer shares as Excel, HTML, CSV or
//! Markdown, computed from the same ruleset and submissions as `eindex eval` (see docs/reports.md).
//!
//! ```text
//! ruleset + submissions ──eval──▶ UnitData ──tables::build──▶ Report ──▶ markdown | csv | xlsx | html
//! ```

pub mod csv;
pub mod html;
pub mod markdown;
pub mod tables;
pub mod xlsx;

use crate::cli::{load_ruleset, print_diagnostics};
use crate::eval::Evaluator;
use crate::hir::{GroupLabel, GroupValue, Grouping, GroupingKind, Program};
use crate::input::{self, InputError};
use crate::run::{self, InputArgs};
use crate::schema::{QuestionKind, Ref};
use crate::text::plural_s;
use clap::{Args as ClapArgs, ValueEnum};
use sha2::{Digest, Sha256};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
pub use tables::{Cell, Chart, Options, Report, Table, TableKind, UnitData};

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
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Html,
    Csv,
    Md,
}

/// Units above which a progress bar is shown (on a terminal only).
const PROGRESS_FROM: usize = 10_000;

/// Runs `eindex report`.
pub fn run(args: &Args) -> ExitCode {
    match try_run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(c) => c,
    }
}

fn fail(code: u8, msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(code)
}

fn try_run(args: &Args) -> Result<(), ExitCode> {
    let format = output_format(args)?;
    if format == Format::Xlsx && args.output.is_none() {
        return Err(fail(
            2,
            "an Excel report needs an output file: add `-o report.xlsx`",
        ));
    }
    let rs = load_ruleset(&args.ruleset)?;
    if rs.has_errors() {
        print_diagnostics(&rs);
        return Err(fail(
            1,
            format!(
                "the ruleset has errors; run `eindex check {}` and fix them first",
                args.ruleset.display()
            ),
        ));
    }
    let Some(p) = rs.program.as_ref() else {
        return Err(ExitCode::from(1));
    };
    let groupings = select_groupings(p, &args.by).map_err(|m| fail(2, m))?;
    let specs = run::input_specs(&args.submissions)?;
    let opts = args.input.load_options(p);
    let loaded = input::load(&p.schema, &specs, &opts);
    let (units, problems, failed_eval) = evaluate(p, &loaded);
    let fatal = !loaded.errors.is_empty() || !loaded.rejected.is_empty() || !problems.is_empty();
    if fatal {
        run::print_input_errors(&loaded.errors);
        if args.input.lenient {
            // strict mode lists every problem in `errors` already
            for r in &loaded.rejected {
                eprintln!("rejected unit `{}`:", r.unit);
                run::print_input_errors(&r.reasons);
            }
        }
        for e in &problems {
            eprintln!(
                "{}: {e}",
                if args.input.lenient {
                    "ignored value"
                } else {
                    "error"
                }
            );
        }
        if !args.input.lenient {
            return Err(fail(
                1,
                "problems in the submissions; no report was made (use --lenient to report on the valid units)",
            ));
        }
    }
    if units.is_empty() {
        return Err(fail(
            1,
            "no unit could be evaluated; there is nothing to report",
        ));
    }
    let report_opts = Options {
        min_base: args.min_base,
        top: args.top.max(1),
    };
    let mut report = tables::build(p, &units, &groupings, &report_opts);
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
        units_rejected: loaded.rejected.len() + failed_eval,
        groupings: groupings.iter().map(|g| g.name.clone()).collect(),
        options: report_opts,
        generated: generated_at(),
    };
    report.tables.push(prov.table());
    if !args.tables.is_empty() {
        select_tables(&mut report, &args.tables).map_err(|m| fail(2, m))?;
    }
    write(&report, format, args.output.as_deref())?;
    eprintln!(
        "{} table{} from {} unit{}{}",
        report.tables.len(),
        plural_s(report.tables.len()),
        units.len(),
        plural_s(units.len()),
        args.output
            .as_ref()
            .map(|o| format!(" written to {}", o.display()))
            .unwrap_or_default()
    );
    Ok(())
}

/// The format: `--format`, else the extension of `-o`, else Markdown.
fn output_format(args: &Args) -> Result<Format, ExitCode> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let Some(out) = &args.output else {
        return Ok(Format::Md);
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" => Ok(Format::Xlsx),
        "html" | "htm" => Ok(Format::Html),
        "md" | "markdown" => Ok(Format::Md),
        "csv" => Ok(Format::Csv),
        _ if out.is_dir() => Ok(Format::Csv),
        _ => Err(fail(
            2,
            format!(
                "cannot tell the format from `{}`: name the file .xlsx, .html, .md or .csv, or give --format",
                out.display()
            ),
        )),
    }
}

/// The groupings `--by` names (declared `group`s, or single-choice fields used directly).
/// Without `--by`: every declared grouping, or, when the ruleset declares none, every
/// single-choice metadata field.
pub fn select_groupings(p: &Program, by: &[String]) -> Result<Vec<Grouping>, String> {
    if by.is_empty() {
        if !p.groupings.is_empty() {
            return Ok(p.groupings.clone());
        }
        let nq = p.schema.questions.len();
        return Ok(p
            .schema
            .meta
            .iter()
            .enumerate()
            .filter_map(|(i, m)| adhoc(p, nq + i, &m.id))
            .collect());
    }
    let mut out: Vec<Grouping> = Vec::new();
    for name in by {
        if out.iter().any(|g| &g.name == name) {
            continue;
        }
        if let Some(g) = p.groupings.iter().find(|g| &g.name == name) {
            out.push(g.clone());
            continue;
        }
        let slot = match p.schema.lookup(name) {
            Some(Ref::Question(i)) => Some(i),
            Some(Ref::Meta(i)) => Some(p.schema.questions.len() + i),
            None => None,
        };
        match slot.and_then(|s| adhoc(p, s, name)) {
            Some(g) => out.push(g),
            None => {
                let names: Vec<&str> = p.groupings.iter().map(|g| g.name.as_str()).collect();
                let hint = if names.is_empty() {
                    "the ruleset declares no `group`; give a single-choice metadata field or question, or declare groupings (docs/language.md, \"Groupings\")".to_string()
                } else {
                    crate::suggest::hint(name, names.iter().copied(), "grouping")
                };
                return Err(format!(
                    "`--by {name}`: not a grouping of the ruleset nor a single-choice field; {hint}"
                ));
            }
        }
    }
    Ok(out)
}

/// A grouping by a single-choice or yes/no slot that the ruleset does not declare.
fn adhoc(p: &Program, slot: usize, name: &str) -> Option<Grouping> {
    let nq = p.schema.questions.len();
    let q = if slot < nq {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - nq]
    };
    let (groups, yes_no) = match &q.kind {
        QuestionKind::Single(opts) => (
            opts.iter()
                .map(|o| GroupLabel {
                    id: o.id.clone(),
                    label: o.lv.clone(),
                })
                .collect(),
            false,
        ),
        QuestionKind::YesNo => (
            vec![
                GroupLabel {
                    id: "yes".into(),
                    label: "Jā".into(),
                },
                GroupLabel {
                    id: "no".into(),
                    label: "Nē".into(),
                },
            ],
            true,
        ),
        _ => return None,
    };
    Some(Grouping {
        name: name.to_string(),
        title: q.lv.clone(),
        kind: GroupingKind::Choice {
            value: GroupValue::Slot(slot),
            groups,
            yes_no,
        },
        span: q.span,
    })
}

/// Evaluates every unit (with a progress bar for large inputs on a terminal). Returns the
/// evaluated units, the answers given to questions that were not asked, and the number of units
/// whose evaluation failed (overflow).
fn evaluate(p: &Program, loaded: &input::Loaded) -> (Vec<UnitData>, Vec<InputError>, usize) {
    let plan = crate::plan::lower(p);
    let mut ev = Evaluator::new(&plan);
    let bar = if loaded.units.len() > PROGRESS_FROM && std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(loaded.units.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} units ({eta})")
        {
            b.set_style(style);
        }
        b.set_message("evaluating");
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut units = Vec::with_capacity(loaded.units.len());
    let mut problems = Vec::new();
    let mut failed = 0;
    for (i, u) in loaded.units.iter().enumerate() {
        match ev.eval(&u.answers) {
            Ok(o) => {
                for &slot in &o.answered_not_asked {
                    problems.push(run::not_asked_problem(p, loaded, u, slot));
                }
                units.push(UnitData {
                    id: u.id.clone(),
                    outcome: o,
                    answers: ev.effective_answers().to_vec(),
                    lets: ev.let_values().to_vec(),
                });
            }
            Err(e) => {
                eprintln!("error: unit `{}`: {e}; it is left out of the report", u.id);
                failed += 1;
            }
        }
        if i % 1024 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    (units, problems, failed)
}

/// Keeps only the named tables, in the order named.
fn select_tables(report: &mut Report, ids: &[String]) -> Result<(), String> {
    let mut keep = Vec::new();
    for id in ids {
        match report.tables.iter().position(|t| &t.id == id) {
            Some(i) => keep.push(report.tables[i].clone()),
            None => {
                let all: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
                return Err(format!(
                    "no table `{id}`: {}",
                    crate::suggest::hint(id, all.iter().copied(), "table")
                ));
            }
        }
    }
    report.tables = keep;
    Ok(())
}

fn write(report: &Report, format: Format, output: Option<&Path>) -> Result<(), ExitCode> {
    let to_out = |bytes: &[u8]| -> Result<(), ExitCode> {
        match output {
            Some(path) => std::fs::write(path, bytes)
                .map_err(|e| fail(2, format!("cannot write `{}`: {e}", path.display()))),
            None => {
                let mut out = std::io::stdout().lock();
                match out.write_all(bytes).and_then(|()| out.flush()) {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(fail(2, format!("cannot write the report: {e}")))
                    }
                    _ => Ok(()),
                }
            }
        }
    };
    match format {
        Format::Md => to_out(markdown::render(report).as_bytes()),
        Format::Html => to_out(html::render(report).as_bytes()),
        Format::Xlsx => {
            let Some(path) = output else {
                return Err(fail(
                    2,
                    "an Excel report needs an output file: add `-o report.xlsx`",
                ));
            };
            xlsx::write(report, path)
                .map_err(|e| fail(2, format!("cannot write `{}`: {e}", path.display())))
        }
        Format::Csv => match output {
            Some(path) if path.extension().is_some_and(|e| e == "csv") => {
                if report.tables.len() != 1 {
                    return Err(fail(
                        2,
                        format!(
                            "`{}` is one file but the report has {} tables: give a folder (one CSV per table) or pick one with --table",
                            path.display(),
                            report.tables.len()
                        ),
                    ));
                }
                let mut buf = Vec::new();
                csv::write_table(report, &report.tables[0], &mut buf)
                    .map_err(|e| fail(2, format!("cannot write the table: {e}")))?;
                to_out(&buf)
            }
            Some(dir) => csv::write_dir(report, dir)
                .map_err(|e| fail(2, format!("cannot write into `{}`: {e}", dir.display()))),
            None if report.tables.len() == 1 => {
                let mut buf = Vec::new();
                csv::write_table(report, &report.tables[0], &mut buf)
                    .map_err(|e| fail(2, format!("cannot write the table: {e}")))?;
                to_out(&buf)
            }
            None => Err(fail(
                2,
                "CSV writes one file per table: give a folder with `-o`, or pick one table with --table",
            )),
        },
    }
}

fn relative(path: &Path, dir: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Where the numbers come from: the last sheet of the workbook, the last table elsewhere.
pub struct Provenance {
    pub ruleset: String,
    /// Ruleset files (the `.rules` files and the schema) relative to the ruleset folder.
    pub ruleset_files: Vec<(String, Vec<u8>)>,
    pub inputs: Vec<PathBuf>,
    pub units_read: usize,
    pub units_reported: usize,
    pub units_rejected: usize,
    pub groupings: Vec<String>,
    pub options: Options,
    pub generated: String,
}

fn hex(d: &[u8]) -> String {
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 over the ruleset's files in name order: each name, a NUL, the content, a NUL.
pub fn ruleset_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut sorted: Vec<&(String, Vec<u8>)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut h = Sha256::new();
    for (name, bytes) in sorted {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(bytes);
        h.update([0]);
    }
    hex(&h.finalize())
}

impl Provenance {
    pub fn table(&self) -> Table {
        let text = |k: &str, v: String, h: String| {
            vec![Cell::Text(k.into()), Cell::Text(v), Cell::Text(h)]
        };
        let mut rows = vec![
            text(
                "tool",
                format!("eindex {}", env!("CARGO_PKG_VERSION")),
                String::new(),
            ),
            text("generated", self.generated.clone(), String::new()),
            text(
                "ruleset",
                self.ruleset.clone(),
                ruleset_hash(&self.ruleset_files),
            ),
        ];
        let mut files: Vec<&(String, Vec<u8>)> = self.ruleset_files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, bytes) in files {
            rows.push(text(
                "ruleset file",
                name.clone(),
                hex(&Sha256::digest(bytes)),
            ));
        }
        for path in &self.inputs {
            let hash = std::fs::read(path)
                .map(|b| hex(&Sha256::digest(&b)))
                .unwrap_or_else(|e| format!("unreadable: {e}"));
            rows.push(text("input file", path.display().to_string(), hash));
        }
        rows.push(text(
            "units",
            format!(
                "{} read, {} reported, {} rejected",
                self.units_read, self.units_reported, self.units_rejected
            ),
            String::new(),
        ));
        rows.push(text("groupings", self.groupings.join(", "), String::new()));
        rows.push(text(
            "options",
            format!(
                "min base {}, top {}",
                self.options.min_base, self.options.top
            ),
            String::new(),
        ));
        Table {
            id: "provenance".into(),
            kind: TableKind::Provenance,
            title: "Provenance".into(),
            notes: vec!["The ruleset hash is SHA-256 over its files in name order (name, NUL, content, NUL); each file's own SHA-256 follows.".into()],
            columns: ["item", "value", "sha256"].map(String::from).to_vec(),
            rows,
            chart: None,
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS UTC`: now, or `SOURCE_DATE_EPOCH` when set (reproducible builds).
pub fn generated_at() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    format_utc(secs)
}

/// Formats seconds since 1970 as a UTC date and time (proleptic Gregorian calendar).
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // civil_from_days (H. Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Formats a cell for text output (Markdown, HTML): shares as whole percentages like the report.
pub fn cell_text(report: &Report, c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n, d) => n.format(*d, report.rounding),
        Cell::Exact(n) => n.to_string(),
        Cell::Share(s) => match s.mul(crate::num::Num::HUNDRED) {
            Ok(v) => format!("{}%", v.format(0, report.rounding)),
            Err(_) => String::new(),
        },
        Cell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(1_700_000_000), "2023-11-14 22:13:20 UTC");
    }

    #[test]
    fn ruleset_hash_ignores_file_order() {
        let a = vec![
            ("a.rules".to_string(), b"x".to_vec()),
            ("b.toml".into(), b"y".to_vec()),
        ];
        let b = vec![a[1].clone(), a[0].clone()];
        assert_eq!(ruleset_hash(&a), ruleset_hash(&b));
        let c = vec![
            ("a.rules".to_string(), b"x".to_vec()),
            ("b.toml".into(), b"z".to_vec()),
        ];
        assert_ne!(ruleset_hash(&a), ruleset_hash(&c));
    }
}
