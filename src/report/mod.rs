//! `eindex report`: level distributions, group breakdowns and answer shares as Excel, HTML, CSV or
//! Markdown, computed from the same ruleset and submissions as `eindex eval` (see docs/reports.md).
//!
//! ```text
//! ruleset + submissions ──eval──▶ UnitData ──tables::build──▶ Report ──▶ markdown | csv | xlsx | html
//! ```

pub mod answers;
pub mod csv;
pub mod html;
pub mod markdown;
pub mod tables;
pub mod xlsx;

use crate::eval::Evaluator;
use crate::hir::{GroupLabel, GroupValue, Grouping, GroupingKind, Program};
use crate::input::{self, InputError};
use crate::l10n::{Arg, Lang};
use crate::plan::Plan;
use crate::schema::{QuestionKind, Ref};
use clap::ValueEnum;
use sha2::{Digest, Sha256};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
pub use tables::{Cell, Chart, Options, Report, Table, TableKind, UnitData};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Html,
    Csv,
    Md,
}

/// Units above which a progress bar is shown (on a terminal only).
const PROGRESS_FROM: usize = 10_000;

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

/// What [`evaluate`] gives: the evaluated units, the answers given to questions that were not
/// asked, and the units whose evaluation failed (overflow), as rejected units.
pub type Evaluated = (Vec<UnitData>, Vec<InputError>, Vec<input::Rejected>);

/// Evaluates every unit (with a progress bar for large inputs on a terminal); `sources` (the
/// ruleset's) let a failure name its place.
pub fn evaluate(
    p: &Program,
    plan: &Plan,
    loaded: &input::Loaded,
    sources: Option<&crate::source::SourceMap>,
) -> Evaluated {
    let mut ev = Evaluator::new(plan);
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
    let mut failed = Vec::new();
    let name = |f: u16| loaded.files.get(f as usize).map(|f| f.name.clone());
    for (i, u) in loaded.units.iter().enumerate() {
        match ev.eval(&u.answers) {
            Ok(o) => {
                for &slot in &o.answered_not_asked {
                    problems.push(crate::batch::not_asked_problem(p, loaded, u, slot));
                }
                units.push(UnitData {
                    id: u.id.clone(),
                    outcome: o,
                    answers: ev.effective_answers().to_vec(),
                    lets: ev.let_values().to_vec(),
                });
            }
            Err(e) => failed.push(input::Rejected {
                unit: u.id.clone(),
                origins: u.origins.clone(),
                reasons: vec![crate::batch::eval_failure(p, sources, &name, u, &e)],
            }),
        }
        if i % 1024 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    (units, problems, failed)
}

/// Keeps only the named tables, in the order named.
pub fn select_tables(report: &mut Report, ids: &[String]) -> Result<(), String> {
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

pub fn relative(path: &Path, dir: &Path) -> String {
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
    /// The provenance table, its words in `lang`.
    pub fn table(&self, lang: Lang) -> Table {
        let msg = lang.messages();
        let text =
            |k: String, v: String, h: String| vec![Cell::Text(k), Cell::Text(v), Cell::Text(h)];
        let mut rows = vec![
            text(
                msg.t("report-prov-tool"),
                format!("eindex {}", env!("CARGO_PKG_VERSION")),
                String::new(),
            ),
            text(
                msg.t("report-prov-generated"),
                self.generated.clone(),
                String::new(),
            ),
            text(
                msg.t("report-prov-ruleset"),
                self.ruleset.clone(),
                ruleset_hash(&self.ruleset_files),
            ),
        ];
        let mut files: Vec<&(String, Vec<u8>)> = self.ruleset_files.iter().collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, bytes) in files {
            rows.push(text(
                msg.t("report-prov-ruleset-file"),
                name.clone(),
                hex(&Sha256::digest(bytes)),
            ));
        }
        for path in &self.inputs {
            let hash = std::fs::read(path)
                .map(|b| hex(&Sha256::digest(&b)))
                .unwrap_or_else(|e| {
                    msg.f(
                        "report-prov-unreadable",
                        &[("reason", Arg::Str(&e.to_string()))],
                    )
                });
            rows.push(text(
                msg.t("report-prov-input-file"),
                path.display().to_string(),
                hash,
            ));
        }
        rows.push(text(
            msg.t("report-prov-units"),
            msg.f(
                "report-prov-units-value",
                &[
                    ("read", Arg::from(self.units_read)),
                    ("reported", Arg::from(self.units_reported)),
                    ("rejected", Arg::from(self.units_rejected)),
                ],
            ),
            String::new(),
        ));
        rows.push(text(
            msg.t("report-prov-groupings"),
            self.groupings.join(", "),
            String::new(),
        ));
        rows.push(text(
            msg.t("report-prov-options"),
            format!(
                "--min-base {}, --top {}",
                self.options.min_base, self.options.top
            ),
            String::new(),
        ));
        Table {
            id: "provenance".into(),
            kind: TableKind::Provenance,
            title: msg.t("report-provenance-title"),
            notes: vec![msg.t("report-provenance-note")],
            columns: vec![
                msg.t("report-prov-col-item"),
                msg.t("report-prov-col-value"),
                "SHA-256".into(),
            ],
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

/// Formats a cell for text output (Markdown, HTML) in the report's language: shares as whole
/// percentages like the report prints them (`92%`), decimals with the language's decimal mark
/// (`48,6` in Latvian).
pub fn cell_text(report: &Report, c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n, d) => report.lang.decimal(&n.format(*d, report.rounding)),
        Cell::Exact(n) => report.lang.decimal(&n.to_string()),
        Cell::Share(s) => match percent(*s) {
            Some(v) => format!("{}%", v.format(0, report.rounding)),
            None => String::new(),
        },
        Cell::Empty => String::new(),
    }
}

/// A share (0..1) as a percentage (0–100), exactly; `None` on overflow.
pub fn percent(share: crate::num::Num) -> Option<crate::num::Num> {
    share.mul(crate::num::Num::HUNDRED).ok()
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
