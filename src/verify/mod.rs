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
mod error;
mod facts;
mod render;
pub mod table;
mod table_checks;
pub mod text;
pub mod thresholds;

use crate::eval::{self, Evaluator, IndexOutcome};
use crate::hir::Program;
use crate::input::Loaded;
use crate::num::Num;
use crate::plan::Plan;
use crate::value::Value;
use bounds::Interval;
use clap::ValueEnum;
pub use error::VerifyError;
use serde::Serialize;
use table::{PubValue, Published};
pub use text::{Msg, Text};

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
    /// `--share-tolerance`: points a published share may be off and not fail (0: rounding only).
    pub share_tolerance: Num,
}

/// The outcome of one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    ExplainedByRounding,
    /// A share off by more than rounding but within `--share-tolerance`: not failed.
    WithinTolerance,
    Failed,
    InconsistentInSource,
    NotChecked,
}

/// One comparison of a published figure with the tool's result.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// `table`, `facts`, `thresholds`, `grouping`.
    pub area: String,
    /// Where the fact is: `table`, `e_index.precise`, `sections.communication.levels`, ...
    pub fact: String,
    /// What is compared, in words (JSON: in English).
    pub what: Text,
    pub unit: Option<String>,
    /// A section id or `index`.
    pub target: Option<String>,
    pub published: Text,
    pub computed: Text,
    pub status: Status,
    pub note: Option<Text>,
    /// For value comparisons: the exact difference and the computation's interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Detail>,
    /// Where the fact is in the facts file (facts and threshold checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
}

/// A place in a file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The place of byte `offset` of `text`.
    pub fn of(text: &str, offset: usize) -> Location {
        let before = text.get(..offset.min(text.len())).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
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
    /// The published table; `None` when only facts are checked.
    pub published: Option<String>,
    pub facts: Option<String>,
    pub units_submitted: usize,
    pub units_published: usize,
    pub units_matched: usize,
    pub published_columns: Vec<(String, String)>,
    pub published_meta_columns: Vec<String>,
    pub published_ignored_columns: Vec<String>,
    pub exact_inputs: bool,
    /// `--share-tolerance` (0: shares are compared up to rounding only).
    pub share_tolerance: Num,
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
    pub within_tolerance: usize,
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
                Status::WithinTolerance => t.within_tolerance += 1,
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
    /// The answers as evaluation saw them: after the follow-up conditions (what answer facts
    /// count, as `eindex report` does).
    pub effective: Vec<Value>,
    pub vals: Vec<Option<Val>>,
}

/// Evaluates every loaded unit and the interval of each of its values.
pub fn compute(
    p: &Program,
    plan: &Plan,
    loaded: &Loaded,
    exact_inputs: bool,
) -> Result<Vec<UnitValues>, VerifyError> {
    let mut ev = Evaluator::new(plan);
    let mut out = Vec::with_capacity(loaded.units.len());
    for u in &loaded.units {
        let failed = |e: &dyn std::fmt::Display| VerifyError::Eval {
            unit: u.id.clone(),
            message: e.to_string(),
        };
        let o = ev.eval(&u.answers).map_err(|e| failed(&e))?;
        let effective = ev.effective_answers().to_vec();
        let ivs = bounds::section_intervals(p, &mut ev, &u.answers, &o, exact_inputs)
            .map_err(|e| failed(&e))?;
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
            effective,
            vals,
        });
    }
    Ok(out)
}

/// Runs every check. Without a published table (`None`), only the facts are checked.
pub fn verify(
    p: &Program,
    plan: &Plan,
    units: &[UnitValues],
    published: Option<&Published>,
    facts: Option<&facts::Facts>,
    opts: &Options,
) -> Result<Verification, VerifyError> {
    let table = published.unwrap_or(&table::NO_TABLE);
    if let Some(f) = facts {
        facts::answer_ids(p, f)?;
    }
    let mut cx = facts::Cx::new(p, plan, units, table, facts, opts)?;
    let columns = match published {
        Some(_) => table_checks::table_checks(&mut cx),
        None => Vec::new(),
    };
    if let Some(f) = facts {
        cx.run_facts(f);
    }
    let thresholds = cx.threshold_checks(facts);
    cx.grouping_checks(facts);
    let grouping = cx.grouping_info();
    Ok(Verification {
        ruleset: opts.ruleset.clone(),
        submissions: opts.submissions.clone(),
        published: published.map(|t| t.path.clone()),
        facts: facts.map(|f| f.path.clone()),
        units_submitted: units.len(),
        units_published: table.rows.len(),
        units_matched: cx.matched(),
        published_columns: table.mapping.clone(),
        published_meta_columns: table.meta_columns.clone(),
        published_ignored_columns: table.ignored.clone(),
        exact_inputs: opts.exact_inputs,
        share_tolerance: opts.share_tolerance,
        grouping,
        columns,
        thresholds,
        checks: cx.checks,
    })
}

pub use facts::{load_facts, Facts};
pub use render::render_text;

/// A value shown to `d` decimals, and the exact value to 3 decimals when it differs.
fn shown(p: &Program, v: Num, d: u32) -> Text {
    let r = Text::num(v.format(d, p.survey.rounding));
    if v.round(d, p.survey.rounding) == v {
        r
    } else {
        Text::concat([
            r,
            " (".into(),
            Text::num(v.format(3, p.survey.rounding)),
            ")".into(),
        ])
    }
}

/// A number as written in the texts: whole, or to 3 decimals.
fn short(v: Num) -> Text {
    Text::num(if v.is_integer() {
        v.to_string()
    } else {
        v.format(3, crate::num::Rounding::HalfUp)
    })
}

/// An interval `lo..hi`, or its one value.
fn iv_text(iv: &Interval) -> Text {
    if iv.lo == iv.hi {
        short(iv.lo)
    } else {
        Text::join([short(iv.lo), short(iv.hi)], "..")
    }
}

/// Compares one published value with a computed one: equal at the published precision, within
/// the rounding interval, or not.
fn compare_value(
    p: &Program,
    pv: &PubValue,
    v: &Val,
) -> (Status, Text, Option<Text>, Option<Detail>) {
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
    let note = Msg.f(
        "verify-difference-note",
        [
            ("difference", signed(diff)),
            ("published", Text::num(&pv.text)),
            ("stands", iv_text(&pub_iv)),
            ("possible", iv_text(&v.possible)),
        ],
    );
    if pub_iv.meets(&v.possible) {
        (Status::ExplainedByRounding, computed, Some(note), detail)
    } else {
        (Status::Failed, computed, Some(note), detail)
    }
}

/// A difference with its sign: `+0.588`, `-0.824`.
fn signed(v: Num) -> Text {
    let s = v.format(3, crate::num::Rounding::HalfUp);
    Text::num(if v.is_negative() { s } else { format!("+{s}") })
}

/// A level's name in both languages (the ruleset's).
fn level_name(p: &Program, level: u8) -> Text {
    let l = p
        .levels
        .iter()
        .chain(&p.zero_level)
        .find(|l| l.number == level);
    Text::Pick {
        lv: l.map_or(String::new(), |l| l.lv.clone()),
        en: l.and_then(|l| l.en.clone()),
    }
}

/// "lacks 1 point to reach level 3 (definēts)"; without points, "lacks (a number of) points …".
pub fn lacks_text(p: &Program, points: Option<Num>, level: u8) -> Text {
    let name = level_name(p, level);
    match points {
        Some(n) => {
            let n = if n.is_integer() {
                n.to_string()
            } else {
                n.format(3, crate::num::Rounding::HalfUp)
            };
            Msg.f(
                "verify-lacks",
                [
                    ("points", Text::Count(n)),
                    ("level", level.into()),
                    ("name", name),
                ],
            )
        }
        None => Msg.f(
            "verify-lacks-unknown",
            [("level", level.into()), ("name", name)],
        ),
    }
}

/// The gap of a computed value to the next level, with the ruleset's thresholds.
fn gap(p: &Program, plan: &Plan, t: usize, compared: Num) -> Option<eval::Gap> {
    let th = match p.sections.get(t) {
        Some(s) => &s.thresholds,
        None => &p.index.thresholds,
    };
    eval::gap_to_next(th, plan.compare, compared)
}
