//! `eindex verify`: compare the tool's results with a published table and a file of published facts.
//!
//! The published table gives per unit the section scores and the index as printed; the facts file
//! (TOML, the format of `published-2022.toml`) gives level counts, means, top lists, precise values
//! and "lacks N points to reach level k" remarks. Every comparison is a [`Check`] with a
//! [`Status`]: passed, explained by rounding (the published value lies in the interval the
//! computation could give with its inputs anywhere in their rounding interval, see [`bounds`]),
//! failed, inconsistent in the source (the published facts contradict each other, whatever the
//! ruleset), or not checked (a fact the tool cannot interpret). Reference: docs/verify.md.

pub mod bounds;
mod facts;
pub mod table;
pub mod thresholds;

use crate::eval::{self, Evaluator, IndexOutcome};
use crate::hir::Program;
use crate::input::{self, Loaded};
use crate::num::Num;
use crate::plan::{self, Plan};
use crate::value::Value;
use bounds::Interval;
use clap::{Args as ClapArgs, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use table::{target_name, PubValue, Published};

/// Arguments of `eindex verify`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files, as for `eindex eval` (`[SOURCE=]PATH`).
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// The published table (CSV): a unit column and one column per section id and `e_index`
    /// (or `index`).
    #[arg(long)]
    pub published: PathBuf,
    /// The published facts (TOML): level counts, means, top lists, precise values, "lacks" remarks.
    #[arg(long)]
    pub facts: Option<PathBuf>,
    /// The metadata field that groups units for facts such as `mean_<group>` (e.g. `type`).
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// A group name used in the facts file and the option of `--group-by` it means
    /// (repeatable): `--group valstspilsetas=valstspilseta`. Names equal to an option id need none.
    #[arg(long = "group", value_name = "NAME=OPTION")]
    pub groups: Vec<String>,
    /// A published-table column with another name (repeatable): `--column index=E-indekss`,
    /// `--column unit=Pašvaldība`, `--column communication=CO`.
    #[arg(long = "column", value_name = "TARGET=HEADER")]
    pub columns: Vec<String>,
    /// The submissions' unit column (default: the schema's, else `unit`).
    #[arg(long)]
    pub unit_column: Option<String>,
    /// Take every answer as exact (no rounding intervals for decimal answers).
    #[arg(long)]
    pub exact_inputs: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: VerifyFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyFormat {
    Text,
    Json,
}

/// What the verification is run with, apart from the data.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Paths as given, for the report header.
    pub ruleset: String,
    pub submissions: Vec<String>,
    pub group_by: Option<String>,
    /// `(name in the facts, option id)`.
    pub groups: Vec<(String, String)>,
    pub exact_inputs: bool,
}

/// The outcome of one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    ExplainedByRounding,
    Failed,
    InconsistentInSource,
    NotChecked,
}

impl Status {
    fn tag(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::ExplainedByRounding => "rounding",
            Status::Failed => "FAILED",
            Status::InconsistentInSource => "SOURCE",
            Status::NotChecked => "not checked",
        }
    }
}

/// One comparison of a published figure with the tool's result.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// `table`, `facts`, `thresholds`, `grouping`.
    pub area: String,
    /// Where the fact is: `table`, `e_index.precise`, `sections.communication.levels`, ...
    pub fact: String,
    /// What is compared, in words.
    pub what: String,
    pub unit: Option<String>,
    /// A section id or `index`.
    pub target: Option<String>,
    pub published: String,
    pub computed: String,
    pub status: Status,
    pub note: Option<String>,
    /// For value comparisons: the exact difference and the computation's interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
}

/// The numbers behind a value comparison.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Detail {
    /// published − computed (exact).
    pub difference: Num,
    /// The values the computation can give (rounded inputs anywhere in their interval).
    pub possible: Interval,
}

/// Per published-table column: how its values compare.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnSummary {
    pub target: String,
    pub header: String,
    pub compared: usize,
    pub equal: usize,
    pub explained: usize,
    pub failed: usize,
    /// Largest |published − computed| and its unit.
    pub largest: Option<(String, Num)>,
}

/// The thresholds the facts allow for one section or the index.
#[derive(Debug, Clone, Serialize)]
pub struct ThresholdReport {
    pub target: String,
    /// The ruleset's bounds in upper form.
    pub ruleset: Vec<Num>,
    pub analysis: thresholds::Analysis,
}

/// The grouping used for group facts.
#[derive(Debug, Clone, Serialize)]
pub struct GroupingInfo {
    pub field: String,
    /// `(option id, units)`.
    pub sizes: Vec<(String, usize)>,
    /// `(name in the facts, option id)`.
    pub names: Vec<(String, String)>,
}

/// Everything `eindex verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub ruleset: String,
    pub submissions: Vec<String>,
    pub published: String,
    pub facts: Option<String>,
    pub units_submitted: usize,
    pub units_published: usize,
    pub units_matched: usize,
    pub published_columns: Vec<(String, String)>,
    pub published_meta_columns: Vec<String>,
    pub published_ignored_columns: Vec<String>,
    pub exact_inputs: bool,
    pub grouping: Option<GroupingInfo>,
    pub columns: Vec<ColumnSummary>,
    pub thresholds: Vec<ThresholdReport>,
    pub checks: Vec<Check>,
}

/// Counts of checks by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub checks: usize,
    pub passed: usize,
    pub explained_by_rounding: usize,
    pub failed: usize,
    pub inconsistent_in_source: usize,
    pub not_checked: usize,
}

impl Verification {
    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for c in &self.checks {
            match c.status {
                Status::Passed => t.passed += 1,
                Status::ExplainedByRounding => t.explained_by_rounding += 1,
                Status::Failed => t.failed += 1,
                Status::InconsistentInSource => t.inconsistent_in_source += 1,
                Status::NotChecked => t.not_checked += 1,
            }
        }
        t.checks = self.checks.len() - t.not_checked;
        t
    }

    /// True when nothing failed (source inconsistencies and unchecked facts do not fail).
    pub fn ok(&self) -> bool {
        self.tally().failed == 0
    }

    pub fn by_status(&self, s: Status) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(move |c| c.status == s)
    }
}

/// One computed value of a unit (a section score or the index).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Val {
    pub exact: Num,
    /// What the computation could give with its rounded inputs anywhere in their interval.
    pub possible: Interval,
    pub compared: Num,
    pub level: u8,
}

/// A unit's computed values: the sections (schema order), then the index.
#[derive(Debug, Clone)]
pub struct UnitValues {
    pub id: String,
    pub answers: Vec<Value>,
    pub vals: Vec<Option<Val>>,
}

/// Evaluates every loaded unit and the interval of each of its values.
pub fn compute(
    p: &Program,
    loaded: &Loaded,
    exact_inputs: bool,
) -> Result<Vec<UnitValues>, String> {
    let plan = plan::lower(p);
    let mut ev = Evaluator::new(&plan);
    let mut out = Vec::with_capacity(loaded.units.len());
    for u in &loaded.units {
        let o = ev
            .eval(&u.answers)
            .map_err(|e| format!("unit `{}`: {e}", u.id))?;
        let ivs = bounds::section_intervals(p, &mut ev, &u.answers, &o, exact_inputs)
            .map_err(|e| format!("unit `{}`: {e}", u.id))?;
        let mut vals: Vec<Option<Val>> = o
            .sections
            .iter()
            .zip(&ivs)
            .map(|(s, iv)| {
                let s = s.as_ref().ok()?;
                Some(Val {
                    exact: s.score,
                    possible: iv.unwrap_or(Interval::exact(s.score)),
                    compared: s.compared,
                    level: s.level,
                })
            })
            .collect();
        vals.push(match &o.index {
            IndexOutcome::Computed {
                value,
                compared,
                level,
                ..
            } => Some(Val {
                exact: *value,
                possible: bounds::unit_index_interval(&o, &ivs).unwrap_or(Interval::exact(*value)),
                compared: *compared,
                level: *level,
            }),
            IndexOutcome::NotComputable { .. } => None,
        });
        out.push(UnitValues {
            id: u.id.clone(),
            answers: u.answers.clone(),
            vals,
        });
    }
    Ok(out)
}

/// Runs every check.
pub fn verify(
    p: &Program,
    units: &[UnitValues],
    published: &Published,
    facts: Option<&facts::Facts>,
    opts: &Options,
) -> Result<Verification, String> {
    let plan = plan::lower(p);
    let mut cx = facts::Cx::new(p, &plan, units, published, facts, opts)?;
    let columns = table_checks(&mut cx);
    if let Some(f) = facts {
        cx.run_facts(f);
    }
    let thresholds = cx.threshold_checks(facts);
    cx.grouping_checks(facts);
    let grouping = cx.grouping_info();
    Ok(Verification {
        ruleset: opts.ruleset.clone(),
        submissions: opts.submissions.clone(),
        published: published.path.clone(),
        facts: facts.map(|f| f.path.clone()),
        units_submitted: units.len(),
        units_published: published.rows.len(),
        units_matched: cx.matched(),
        published_columns: published.mapping.clone(),
        published_meta_columns: published.meta_columns.clone(),
        published_ignored_columns: published.ignored.clone(),
        exact_inputs: opts.exact_inputs,
        grouping,
        columns,
        thresholds,
        checks: cx.checks,
    })
}

pub use facts::{load_facts, Facts};

/// A value shown to `d` decimals, and the exact value to 3 decimals when it differs.
fn shown(p: &Program, v: Num, d: u32) -> String {
    let r = v.format(d, p.survey.rounding);
    if v.round(d, p.survey.rounding) == v {
        r
    } else {
        format!("{r} ({})", v.format(3, p.survey.rounding))
    }
}

fn short(v: Num) -> String {
    if v.is_integer() {
        v.to_string()
    } else {
        v.format(3, crate::num::Rounding::HalfUp)
    }
}

fn iv_text(iv: &Interval) -> String {
    if iv.lo == iv.hi {
        short(iv.lo)
    } else {
        format!("{}..{}", short(iv.lo), short(iv.hi))
    }
}

/// Compares one published value with a computed one: equal at the published precision, within
/// the rounding interval, or not.
fn compare_value(
    p: &Program,
    pv: &PubValue,
    v: &Val,
) -> (Status, String, Option<String>, Option<Detail>) {
    let d = pv.decimals;
    let computed = shown(p, v.exact, d);
    let diff = pv.value.sub(v.exact).unwrap_or(Num::ZERO);
    let detail = Some(Detail {
        difference: diff,
        possible: v.possible,
    });
    if v.exact.round(d, p.survey.rounding) == pv.value {
        return (Status::Passed, computed, None, detail);
    }
    let pub_iv = bounds::published_interval(pv.value, d);
    let note = format!(
        "difference {}; published {} stands for {}, the computation can give {}",
        signed(diff),
        pv.text,
        iv_text(&pub_iv),
        iv_text(&v.possible)
    );
    if pub_iv.meets(&v.possible) {
        (Status::ExplainedByRounding, computed, Some(note), detail)
    } else {
        (Status::Failed, computed, Some(note), detail)
    }
}

fn signed(v: Num) -> String {
    let s = v.format(3, crate::num::Rounding::HalfUp);
    if v.is_negative() {
        s
    } else {
        format!("+{s}")
    }
}

/// The published table against the computed values.
fn table_checks(cx: &mut facts::Cx<'_>) -> Vec<ColumnSummary> {
    let p = cx.p;
    let nt = p.sections.len() + 1;
    let mut sums: Vec<ColumnSummary> = (0..nt)
        .filter_map(|t| {
            let name = target_name(p, t).to_string();
            let header = cx
                .published
                .mapping
                .iter()
                .find(|(n, _)| *n == name)?
                .1
                .clone();
            Some(ColumnSummary {
                target: name,
                header,
                compared: 0,
                equal: 0,
                explained: 0,
                failed: 0,
                largest: None,
            })
        })
        .collect();
    let published = cx.published;
    for row in &published.rows {
        let Some(ui) = cx.unit_index(&row.unit) else {
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: format!("row {}: unit in the published table", row.row),
                unit: Some(row.unit.clone()),
                target: None,
                published: "listed".into(),
                computed: "not in the submissions".into(),
                status: Status::Failed,
                note: cx.unit_hint(&row.unit),
                detail: None,
            });
            continue;
        };
        for t in 0..nt {
            let name = target_name(p, t).to_string();
            let Some(sum) = sums.iter_mut().find(|s| s.target == name) else {
                continue;
            };
            let val = cx.units[ui].vals[t];
            let (status, published_text, computed, note, detail) = match (&row.values[t], val) {
                (None, None) => (Status::Passed, "–".into(), "–".into(), None, None),
                (Some(pv), None) => (
                    Status::Failed,
                    pv.text.clone(),
                    "–".into(),
                    Some("the tool computes no value (section without a score, or index not computable)".into()),
                    None,
                ),
                (None, Some(v)) => (
                    Status::Failed,
                    "–".into(),
                    shown(p, v.exact, p.survey.display),
                    Some("the published table has no value".into()),
                    None,
                ),
                (Some(pv), Some(v)) => {
                    let diff = pv.value.sub(v.exact).unwrap_or(Num::ZERO);
                    if sum.largest.as_ref().is_none_or(|(_, m)| diff.abs() > m.abs()) {
                        sum.largest = Some((row.unit.clone(), diff));
                    }
                    let (s, c, n, d) = compare_value(p, pv, &v);
                    (s, pv.text.clone(), c, n, d)
                }
            };
            sum.compared += 1;
            match status {
                Status::Passed => sum.equal += 1,
                Status::ExplainedByRounding => sum.explained += 1,
                _ => sum.failed += 1,
            }
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: format!("row {}", row.row),
                unit: Some(row.unit.clone()),
                target: Some(name),
                published: published_text,
                computed,
                status,
                note,
                detail,
            });
        }
        for (slot, text) in &row.meta {
            let q = &p.schema.meta[slot - p.schema.questions.len()];
            let have = cx.units[ui]
                .answers
                .get(*slot)
                .copied()
                .unwrap_or(Value::UNANSWERED);
            let have_text = crate::render::value_text(p, *slot, have);
            let same = match (facts::option_of(q, text), have) {
                (Some(i), Value::Choice(j)) => i == j,
                (None, _) => text.is_empty() && !have.is_answered(),
                _ => false,
            };
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: format!("row {}: metadata `{}`", row.row, q.id),
                unit: Some(row.unit.clone()),
                target: None,
                published: text.clone(),
                computed: have_text,
                status: if same { Status::Passed } else { Status::Failed },
                note: (!same)
                    .then(|| "the submissions' metadata differs from the published table".into()),
                detail: None,
            });
        }
    }
    let listed: std::collections::HashSet<String> =
        published.rows.iter().map(|r| facts::key(&r.unit)).collect();
    for u in cx.units {
        if !listed.contains(&facts::key(&u.id)) {
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: "unit in the submissions".into(),
                unit: Some(u.id.clone()),
                target: None,
                published: "not in the published table".into(),
                computed: "evaluated".into(),
                status: Status::Failed,
                note: None,
                detail: None,
            });
        }
    }
    sums
}

/// The level name, for texts: `3 (definēts)`.
fn level_text(p: &Program, level: u8) -> String {
    format!("{level} ({})", crate::render::level_name(p, level))
}

/// "lacks 1 point to reach level 3 (definēts)".
pub fn lacks_text(p: &Program, points: Option<Num>, level: u8) -> String {
    let pts = match points {
        Some(n) if n == Num::ONE => "1 point".to_string(),
        Some(n) => format!("{} points", short(n)),
        None => "(a number of) points".to_string(),
    };
    format!("lacks {pts} to reach level {}", level_text(p, level))
}

/// The gap of a computed value to the next level, with the ruleset's thresholds.
fn gap(p: &Program, plan: &Plan, t: usize, compared: Num) -> Option<eval::Gap> {
    let th = match p.sections.get(t) {
        Some(s) => &s.thresholds,
        None => &p.index.thresholds,
    };
    eval::gap_to_next(th, plan.compare, compared)
}

// ------------------------------------------------------------------ rendering

/// The verdict as text.
pub fn render_text(p: &Program, v: &Verification) -> String {
    let mut s = String::new();
    let w = |s: &mut String, line: String| {
        s.push_str(line.trim_end());
        s.push('\n');
    };
    w(&mut s, "eindex verify".into());
    w(&mut s, format!("  ruleset      {}", v.ruleset));
    w(
        &mut s,
        format!(
            "  submissions  {} ({} units)",
            v.submissions.join(", "),
            v.units_submitted
        ),
    );
    w(
        &mut s,
        format!(
            "  published    {} ({} units; columns: {})",
            v.published,
            v.units_published,
            v.published_columns
                .iter()
                .map(|(t, h)| if t == h {
                    t.clone()
                } else {
                    format!("{t} = `{h}`")
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if !v.published_meta_columns.is_empty() {
        w(
            &mut s,
            format!(
                "               metadata compared: {}",
                v.published_meta_columns.join(", ")
            ),
        );
    }
    if !v.published_ignored_columns.is_empty() {
        w(
            &mut s,
            format!(
                "               not compared: {}",
                v.published_ignored_columns.join(", ")
            ),
        );
    }
    if let Some(f) = &v.facts {
        w(&mut s, format!("  facts        {f}"));
    }
    if let Some(g) = &v.grouping {
        let sizes: Vec<String> = g.sizes.iter().map(|(o, n)| format!("{o} {n}")).collect();
        let names: Vec<String> = g
            .names
            .iter()
            .map(|(n, o)| {
                if n == o {
                    n.clone()
                } else {
                    format!("{n} = {o}")
                }
            })
            .collect();
        w(
            &mut s,
            format!(
                "  groups       by `{}`: {}; names in the facts: {}",
                g.field,
                sizes.join(", "),
                if names.is_empty() {
                    "none".into()
                } else {
                    names.join(", ")
                }
            ),
        );
    }
    w(
        &mut s,
        format!(
            "  inputs       {}",
            if v.exact_inputs {
                "taken as exact (--exact-inputs)"
            } else {
                "decimal answers taken as rounded to their written decimals (whole numbers ±0.5)"
            }
        ),
    );
    s.push('\n');

    // published table
    w(
        &mut s,
        format!(
            "Published table: {} of {} units matched",
            v.units_matched, v.units_published
        ),
    );
    w(
        &mut s,
        format!(
            "  {:<20} {:>8} {:>6} {:>9} {:>14}  largest difference (published − computed)",
            "column", "compared", "equal", "rounding", "NOT explained"
        ),
    );
    for c in &v.columns {
        let largest = match &c.largest {
            Some((u, d)) if !d.is_zero() => format!("{} ({u})", signed(*d)),
            _ => "0".into(),
        };
        w(
            &mut s,
            format!(
                "  {:<20} {:>8} {:>6} {:>9} {:>14}  {largest}",
                c.target, c.compared, c.equal, c.explained, c.failed
            ),
        );
    }
    let diffs: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "table" && c.status != Status::Passed)
        .collect();
    if !diffs.is_empty() {
        s.push('\n');
        w(&mut s, "  Differences:".into());
        let uw = diffs
            .iter()
            .filter_map(|c| c.unit.as_ref().map(|u| u.chars().count()))
            .max()
            .unwrap_or(4)
            .max(4);
        w(
            &mut s,
            format!(
                "  {:<uw$}  {:<18} {:>9}  {:<12} {:>10}  {:<17} verdict",
                "unit", "column", "published", "computed", "difference", "computation gives"
            ),
        );
        for c in diffs {
            let (diff, range) = match (&c.detail, c.status) {
                (Some(d), _) => (signed(d.difference), iv_text(&d.possible)),
                _ => (String::new(), String::new()),
            };
            w(
                &mut s,
                format!(
                    "  {:<uw$}  {:<18} {:>9}  {:<12} {:>10}  {:<17} {}{}",
                    c.unit.as_deref().unwrap_or(""),
                    c.target.as_deref().unwrap_or(&c.what),
                    c.published,
                    c.computed,
                    diff,
                    range,
                    verdict_word(c.status),
                    match (&c.detail, &c.note) {
                        (None, Some(n)) => format!(": {n}"),
                        _ => String::new(),
                    }
                ),
            );
        }
        w(
            &mut s,
            "  (computation gives: the values the computation can give with every rounded input anywhere in its rounding interval)".into(),
        );
    }

    // facts
    let fact_checks: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "facts" && c.status != Status::NotChecked)
        .collect();
    if !fact_checks.is_empty() {
        s.push('\n');
        w(
            &mut s,
            format!("Facts: {}", v.facts.as_deref().unwrap_or("")),
        );
        let mut scope = String::new();
        for c in fact_checks {
            let sc = c.fact.split('.').take(if c.fact.starts_with("sections.") {
                2
            } else {
                1
            });
            let sc: Vec<&str> = sc.collect();
            let sc = sc.join(".");
            if sc != scope {
                w(&mut s, format!("  [{sc}]"));
                scope = sc;
            }
            if c.published.chars().count() <= 14 && c.computed.chars().count() <= 24 {
                w(
                    &mut s,
                    format!(
                        "    {:<8} {:<60} published {:<14} computed {}",
                        c.status.tag(),
                        c.what,
                        c.published,
                        c.computed
                    ),
                );
            } else {
                w(&mut s, format!("    {:<8} {}", c.status.tag(), c.what));
                w(&mut s, format!("             published: {}", c.published));
                w(&mut s, format!("             computed:  {}", c.computed));
            }
            if let Some(n) = &c.note {
                w(&mut s, format!("             {n}"));
            }
        }
    }

    // thresholds
    if !v.thresholds.is_empty() {
        s.push('\n');
        let step = p.survey.compare.map_or("exact".to_string(), |d| {
            Num::frac(1, 10i128.pow(d)).map_or("1".into(), |x| x.to_string())
        });
        w(
            &mut s,
            format!(
                "Thresholds the facts allow (inclusive upper bounds of levels 1..{}, on a grid of {step}; ruleset value in brackets, * = pinned by the facts)",
                p.levels.len().saturating_sub(1)
            ),
        );
        for t in &v.thresholds {
            let cells: Vec<String> = t
                .analysis
                .bounds
                .iter()
                .enumerate()
                .map(|(k, b)| {
                    let r = t.ruleset.get(k).map_or("–".into(), |x| x.to_string());
                    let inside = t.ruleset.get(k).is_some_and(|x| b.lo <= *x && *x <= b.hi);
                    format!(
                        "u{} {}{} ({r}{})",
                        k + 1,
                        b.text(),
                        if b.pinned() { "*" } else { "" },
                        if inside { "" } else { " OUTSIDE" }
                    )
                })
                .collect();
            w(&mut s, format!("  {:<20} {}", t.target, cells.join("  ")));
        }
        for t in &v.thresholds {
            for (k, b) in t.analysis.bounds.iter().enumerate() {
                if b.pinned() {
                    let mut from: Vec<&String> = Vec::new();
                    for x in b.lo_from.iter().chain(&b.hi_from) {
                        if !from.contains(&x) {
                            from.push(x);
                        }
                    }
                    let from: Vec<&str> = from.iter().map(|x| x.as_str()).collect();
                    w(
                        &mut s,
                        format!(
                            "    {} u{} = {} pinned by: {}",
                            t.target,
                            k + 1,
                            b.lo,
                            from.join("; ")
                        ),
                    );
                }
            }
            for u in &t.analysis.unused {
                w(&mut s, format!("    {}: not used: {u}", t.target));
            }
        }
    }

    // source inconsistencies
    let src: Vec<&Check> = v.by_status(Status::InconsistentInSource).collect();
    s.push('\n');
    w(
        &mut s,
        format!("Inconsistent in the source ({}):", src.len()),
    );
    if src.is_empty() {
        w(&mut s, "  none found".into());
    }
    for c in src {
        w(&mut s, format!("  {}: {}", c.fact, c.what));
        w(
            &mut s,
            format!("    published: {} | tool: {}", c.published, c.computed),
        );
        if let Some(n) = &c.note {
            w(&mut s, format!("    {n}"));
        }
    }
    let skipped: Vec<&Check> = v.by_status(Status::NotChecked).collect();
    if !skipped.is_empty() {
        s.push('\n');
        w(&mut s, format!("Not checked ({}):", skipped.len()));
        for c in skipped {
            w(
                &mut s,
                format!(
                    "  {} = {}: {}",
                    c.fact,
                    c.published,
                    c.note.as_deref().unwrap_or("")
                ),
            );
        }
    }

    // verdict
    let t = v.tally();
    s.push('\n');
    w(
        &mut s,
        format!(
            "Verdict: {} checks: {} passed, {} explained by rounding, {} FAILED; {} inconsistent in the source; {} facts not checked",
            t.checks, t.passed, t.explained_by_rounding, t.failed, t.inconsistent_in_source, t.not_checked
        ),
    );
    for c in v.by_status(Status::Failed) {
        w(
            &mut s,
            format!(
                "  FAILED {}{}{}: published {}, computed {}{}",
                c.fact,
                c.unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default(),
                c.target
                    .as_deref()
                    .map(|t| format!(" {t}"))
                    .unwrap_or_default(),
                c.published,
                c.computed,
                c.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            ),
        );
    }
    w(
        &mut s,
        if t.failed == 0 && t.inconsistent_in_source > 0 {
            format!(
                "Result: the ruleset reproduces every published figure it can check (up to rounding); {} finding{} of the source contradict{} other published figures (listed above)",
                t.inconsistent_in_source,
                crate::text::plural_s(t.inconsistent_in_source),
                if t.inconsistent_in_source == 1 { "s" } else { "" }
            )
        } else if t.failed == 0 {
            "Result: the ruleset reproduces every published figure it can check (up to rounding)"
                .into()
        } else {
            format!(
                "Result: {} published figure{} NOT reproduced",
                t.failed,
                crate::text::plural_s(t.failed)
            )
        },
    );
    s
}

fn verdict_word(s: Status) -> &'static str {
    match s {
        Status::Passed => "equal",
        Status::ExplainedByRounding => "explained by rounding",
        Status::Failed => "NOT explained",
        Status::InconsistentInSource => "inconsistent in the source",
        Status::NotChecked => "not checked",
    }
}

// ------------------------------------------------------------------ the command

fn parse_pairs(args: &[String], what: &str) -> Result<Vec<(String, String)>, String> {
    args.iter()
        .map(|a| {
            a.split_once('=')
                .map(|(x, y)| (x.trim().to_string(), y.trim().to_string()))
                .filter(|(x, y)| !x.is_empty() && !y.is_empty())
                .ok_or_else(|| format!("`{a}`: expected {what}"))
        })
        .collect()
}

/// Runs `eindex verify`.
pub fn run(args: &Args) -> ExitCode {
    let p = match crate::run::checked_program(&args.ruleset) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        ExitCode::from(2)
    };
    let groups = match parse_pairs(
        &args.groups,
        "NAME=OPTION, e.g. valstspilsetas=valstspilseta",
    ) {
        Ok(g) => g,
        Err(e) => return fail(format!("--group {e}")),
    };
    let columns = match parse_pairs(&args.columns, "TARGET=HEADER, e.g. index=E-indekss") {
        Ok(c) => c,
        Err(e) => return fail(format!("--column {e}")),
    };
    let specs = match crate::run::input_specs(&args.submissions) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let lo = crate::run::load_options(&p, args.unit_column.clone(), false, None);
    let loaded = input::load(&p.schema, &specs, &lo);
    if !loaded.is_clean() {
        crate::run::print_input_errors(&loaded.errors);
        for r in &loaded.rejected {
            crate::run::print_input_errors(&r.reasons);
        }
        return fail(
            "the submissions have problems (see above); fix them, or check them with `eindex eval`"
                .into(),
        );
    }
    let published = match table::read(&args.published, &p, &columns) {
        Ok(t) => t,
        Err(errs) => {
            for e in &errs {
                eprintln!("error: {e}");
            }
            return ExitCode::from(2);
        }
    };
    let facts = match &args.facts {
        Some(path) => match load_facts(path) {
            Ok(f) => Some(f),
            Err(e) => return fail(e),
        },
        None => None,
    };
    let opts = Options {
        ruleset: args.ruleset.display().to_string(),
        submissions: args.submissions.clone(),
        group_by: args.group_by.clone(),
        groups,
        exact_inputs: args.exact_inputs,
    };
    let units = match compute(&p, &loaded, args.exact_inputs) {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    let v = match verify(&p, &units, &published, facts.as_ref(), &opts) {
        Ok(v) => v,
        Err(e) => return fail(e),
    };
    let text = match args.format {
        VerifyFormat::Text => render_text(&p, &v),
        VerifyFormat::Json => {
            let mut j = serde_json::to_value(&v).unwrap_or_default();
            if let Some(o) = j.as_object_mut() {
                o.insert(
                    "tally".into(),
                    serde_json::to_value(v.tally()).unwrap_or_default(),
                );
                o.insert("ok".into(), serde_json::Value::Bool(v.ok()));
            }
            serde_json::to_string_pretty(&j).unwrap_or_default() + "\n"
        }
    };
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return fail(format!("cannot write the verdict: {e}"));
        }
    }
    if v.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
