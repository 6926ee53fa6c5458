//! The checked program: every name resolved against the schema, every expression typed, every rule's
//! maximum derived. The checker produces it; `plan::lower` compiles it for evaluation.

use crate::num::{Num, Rounding};
use crate::schema::{Schema, Source};
use crate::source::Span;

/// A checked ruleset.
#[derive(Debug, Clone)]
pub struct Program {
    pub schema: Schema,
    pub survey: SurveyInfo,
    pub levels: Vec<Level>,
    /// Level 0, for sections with `zero apart`.
    pub zero_level: Option<Level>,
    pub sections: Vec<Section>,
    pub index: Index,
    /// In dependency order: a let only reads lets before it.
    pub lets: Vec<Let>,
    pub rules: Vec<Rule>,
    /// `ask_if` per question slot, resolved; evaluated in `ask_order`.
    pub ask_if: Vec<Option<Expr>>,
    pub ask_order: Vec<usize>,
    /// `group` declarations, in source order: how `eindex report` breaks results down.
    pub groupings: Vec<Grouping>,
    /// `constraint` declarations, in source order: answers that cannot be given together.
    pub constraints: Vec<Constraint>,
    /// The `uncertain` declarations: what a robustness analysis varies.
    pub uncertainty: Uncertainty,
}

impl Program {
    /// Whether some constraint reads slot `slot` (as its `when_slots` and `Require::slots` list
    /// the slots: directly or through a `let`).
    pub fn constrains(&self, slot: usize) -> bool {
        self.constraints.iter().any(|c| {
            c.when_slots.contains(&slot) || c.requires.iter().any(|r| r.slots.contains(&slot))
        })
    }

    /// The options of multiple choice `slot` that exclude every other (`require exclusive(q, o)`
    /// in a constraint without `when`), as a bit mask.
    pub fn exclusive_options(&self, slot: usize) -> u128 {
        self.constraints
            .iter()
            .filter(|c| c.when.is_none())
            .flat_map(|c| &c.requires)
            .filter_map(|r| r.exclusive)
            .filter(|&(s, _)| s == slot)
            .fold(0, |m, (_, o)| m | o)
    }
}

/// A constraint: when `when` is true (or absent), every `require` must be true. A condition that
/// is missing (an answer it reads is missing) is not a violation.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub name: String,
    /// The message for people, in the ruleset's language.
    pub message: String,
    /// The message in English.
    pub en: Option<String>,
    pub when: Option<Expr>,
    pub requires: Vec<Require>,
    /// Question slots `when` reads.
    pub when_slots: Vec<usize>,
    pub span: Span,
}

/// One `require` of a constraint.
#[derive(Debug, Clone)]
pub struct Require {
    pub expr: Expr,
    /// Question slots it reads (sorted): the columns a violation names.
    pub slots: Vec<usize>,
    /// `exclusive(q, options)`: the multiple choice's slot and the options' mask.
    pub exclusive: Option<(usize, u128)>,
    pub span: Span,
}

/// A breakdown of the units for reports (`group <name> "<title>" by|bands|quartiles ...`).
#[derive(Debug, Clone)]
pub struct Grouping {
    pub name: String,
    /// The title as written, else the field's Latvian label, else the name.
    pub title: String,
    pub kind: GroupingKind,
    pub span: Span,
}

/// The value a grouping reads: a question or metadata slot, or a `let`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupValue {
    Slot(usize),
    Let(usize),
}

#[derive(Debug, Clone)]
pub enum GroupingKind {
    /// One group per option of a single choice (option order); for yes/no (a question or a
    /// boolean `let`) the groups are `yes` then `no`.
    Choice {
        value: GroupValue,
        groups: Vec<GroupLabel>,
        /// The value is yes/no (`Value::Bool`), not a choice.
        yes_no: bool,
    },
    /// Fixed cut points over a number; the last band has no upper bound (`else`).
    Bands { value: GroupValue, bands: Vec<Band> },
    /// Four groups cut at the quartiles of the data (computed by the report).
    Quartiles { value: GroupValue },
}

impl GroupingKind {
    pub fn value(&self) -> GroupValue {
        match self {
            GroupingKind::Choice { value, .. }
            | GroupingKind::Bands { value, .. }
            | GroupingKind::Quartiles { value } => *value,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupLabel {
    pub id: String,
    pub label: String,
}

/// A band: values below `upper` (`(bound, inclusive)`) and not in an earlier band; `None` = `else`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub label: String,
    pub upper: Option<(Num, bool)>,
}

impl Band {
    /// Whether `v` is at or below this band's upper bound (bands are tried in order).
    pub fn admits(&self, v: Num) -> bool {
        match self.upper {
            None => true,
            Some((b, true)) => v <= b,
            Some((b, false)) => v < b,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SurveyInfo {
    pub name: String,
    pub year: Option<i64>,
    /// Highest precedence first.
    pub sources: Vec<Source>,
    pub display: u32,
    /// `None`: compare the exact score; `Some(d)`: compare the score rounded to `d` decimals.
    pub compare: Option<u32>,
    pub rounding: Rounding,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Level {
    pub number: u8,
    pub lv: String,
    pub en: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdKind {
    /// Bounds are the highest score of levels 1..n-1 (inclusive).
    Upper,
    /// Bounds are the lowest score of levels 2..n (inclusive).
    Lower,
}

#[derive(Debug, Clone)]
pub struct Thresholds {
    pub kind: ThresholdKind,
    /// One bound per level boundary: `levels - 1` of them.
    pub bounds: Vec<Num>,
    pub span: Span,
}

impl Thresholds {
    /// The level (1-based) of a compared value.
    pub fn level(&self, v: Num) -> u8 {
        let passed = self
            .bounds
            .iter()
            .filter(|b| match self.kind {
                ThresholdKind::Upper => v > **b,
                ThresholdKind::Lower => v >= **b,
            })
            .count();
        1 + passed as u8
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub lv: String,
    pub en: Option<String>,
    pub thresholds: Thresholds,
    pub zero_apart: bool,
    /// `None`: the default, applicable when any question of the section is answered.
    pub applicable: Option<Expr>,
    /// Question slots of the section (for `answered_any`).
    pub questions: Vec<usize>,
    pub rules: Vec<usize>,
    /// Sum of the rules' maxima.
    pub max: Num,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Index {
    pub title: String,
    /// One weight per section (schema order).
    pub weights: Vec<Num>,
    pub proportional: bool,
    pub min_sections: usize,
    pub thresholds: Thresholds,
}

#[derive(Debug, Clone)]
pub struct Let {
    pub name: String,
    pub expr: Expr,
    pub ty: Ty,
    pub span: Span,
}

/// What a rule scores when its input is not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "points")]
pub enum Outcome {
    Points(Num),
    Exclude,
}

/// Why a value is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingState {
    Unanswered,
    NotAsked,
    NotApplicable,
    DontKnow,
}

impl MissingState {
    pub const ALL: [MissingState; 4] = [
        MissingState::Unanswered,
        MissingState::NotAsked,
        MissingState::NotApplicable,
        MissingState::DontKnow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MissingState::Unanswered => "unanswered",
            MissingState::NotAsked => "not_asked",
            MissingState::NotApplicable => "not_applicable",
            MissingState::DontKnow => "dont_know",
        }
    }

    pub fn parse(s: &str) -> Option<MissingState> {
        MissingState::ALL.into_iter().find(|m| m.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub title: Option<String>,
    /// The English title (`rule id "…" en "…" in section`).
    pub title_en: Option<String>,
    pub section: usize,
    pub scoring: Scoring,
    /// Per `MissingState::index()`: the handler (rule's own, else the default). `None` only for
    /// states this rule can never meet.
    pub handlers: [Option<Outcome>; 4],
    pub max: Num,
    pub min: Num,
    /// Question slots the rule reads, directly or through lets (sorted, unique).
    pub reads: Vec<usize>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitPolicy {
    First,
    Unique,
    Max,
    Min,
    Sum,
}

#[derive(Debug, Clone)]
pub enum Scoring {
    /// A decision table; a `match` is a one-column first-hit table (`from_match`).
    Table {
        policy: HitPolicy,
        inputs: Vec<Expr>,
        rows: Vec<Row>,
        from_match: bool,
    },
    /// Sum of the selected options' points, limited to `floor..=cap`.
    Sum {
        question: usize,
        points: Vec<Num>,
        cap: Option<Num>,
        floor: Option<Num>,
    },
    Points(Expr),
}

impl Scoring {
    /// The form as the rules language writes it: `match`, `table`, `sum` or `points`.
    pub fn form(&self) -> &'static str {
        match self {
            Scoring::Table {
                from_match: true, ..
            } => "match",
            Scoring::Table { .. } => "table",
            Scoring::Sum { .. } => "sum",
            Scoring::Points(_) => "points",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub points: Num,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// `-`: anything, including missing.
    Any,
    /// `missing`
    Missing,
    /// `else` in a `match`: any answered value.
    Answered,
    /// Options (bit i = option i; yes/no: bit 0 = no, bit 1 = yes); `negated` matches answered
    /// values outside the set.
    Options {
        mask: u128,
        negated: bool,
    },
    Range(Interval),
}

/// A numeric interval; `None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub low: Option<(Num, bool)>,
    pub high: Option<(Num, bool)>,
}

impl Interval {
    pub const ALL: Interval = Interval {
        low: None,
        high: None,
    };

    pub fn contains(&self, v: Num) -> bool {
        let lo_ok = match self.low {
            None => true,
            Some((b, incl)) => v > b || (incl && v == b),
        };
        let hi_ok = match self.high {
            None => true,
            Some((b, incl)) => v < b || (incl && v == b),
        };
        lo_ok && hi_ok
    }

    pub fn describe(&self) -> String {
        match (self.low, self.high) {
            (None, None) => "any number".into(),
            (Some((a, true)), Some((b, true))) if a == b => format!("= {a}"),
            (Some((a, i)), None) => format!("{} {a}", if i { ">=" } else { ">" }),
            (None, Some((b, i))) => format!("{} {b}", if i { "<=" } else { "<" }),
            (Some((a, ia)), Some((b, ib))) => format!(
                "{}{a}, {b}{}",
                if ia { "[" } else { "(" },
                if ib { "]" } else { ")" }
            ),
        }
    }
}

/// The type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    Num,
    Bool,
    /// A single-choice answer of question (or metadata) slot `usize`.
    Choice(usize),
    /// A multiple-choice answer.
    Multi(usize),
    /// Free text: never usable in scoring.
    Text,
    /// The literal `missing`.
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arith {
    Add,
    Sub,
    Mul,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A resolved, typed expression. Slots: questions first, then metadata (`schema.questions.len() + i`).
#[derive(Debug, Clone)]
pub enum Expr {
    Num(Num),
    Bool(bool),
    /// An option of a choice question, by index.
    Option(u16),
    Missing,
    Slot(usize),
    Let(usize),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Arith(Arith, Box<Expr>, Box<Expr>),
    Cmp(Cmp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// Single choice in the set (negated: not in).
    In(Box<Expr>, u128, bool),
    /// Multiple choice has any (`all = false`) / all of the set.
    Has(Box<Expr>, u128, bool),
    Count(Box<Expr>),
    Answered(usize),
    Asked(usize),
    /// Any question of the section has an answer.
    AnsweredAny(usize),
    Ratio(Box<Expr>, Box<Expr>, Option<Num>),
    Min(Vec<Expr>),
    Max(Vec<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

/// The method choices of the ruleset's `uncertain` blocks, checked: what `eindex robustness`
/// varies. Empty when the ruleset declares none.
#[derive(Debug, Clone, Default)]
pub struct Uncertainty {
    pub inputs: Vec<UncertainInput>,
}

/// One uncertain input: a dimension of the robustness analysis.
#[derive(Debug, Clone)]
pub struct UncertainInput {
    /// How people and `--format json` name it: `weights`, `weight open_data`,
    /// `threshold index 2`, `missing dont_know`, `rule r_x`.
    pub name: String,
    pub kind: InputKind,
    pub span: Span,
}

/// The values an uncertain number can take, each equally likely.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Any value from `lo` to `hi` (uniform).
    Interval { lo: Num, hi: Num },
    /// One of these (sorted, unique).
    Discrete(Vec<Num>),
}

impl Values {
    /// The number of values, if finite.
    pub fn count(&self) -> Option<usize> {
        match self {
            Values::Interval { .. } => None,
            Values::Discrete(v) => Some(v.len()),
        }
    }
}

#[derive(Debug, Clone)]
pub enum InputKind {
    /// Whole weight sets: `sets[0]` is the index's own (named `nominal`), then the named ones in
    /// the order written. One weight per section (schema order).
    WeightSets {
        names: Vec<String>,
        sets: Vec<Vec<Num>>,
    },
    /// One section's weight.
    Weight { section: usize, values: Values },
    /// Bound `bound` (0-based: between levels `bound + 1` and `bound + 2`) of a section's
    /// thresholds, or of the index's (`section: None`).
    Threshold {
        section: Option<usize>,
        bound: usize,
        values: Values,
    },
    /// Alternatives to the `defaults` handler of a missing state, for the rules that use it.
    Missing {
        state: MissingState,
        outcomes: Vec<Outcome>,
        /// The position of the `defaults` handler in `outcomes`.
        nominal: usize,
        /// The rules whose handler for `state` is the default one.
        rules: Vec<usize>,
    },
    /// Alternative scorings of a rule: `rules[0]` is the rule as written.
    Rule {
        rule: usize,
        labels: Vec<(String, Option<String>)>,
        rules: Vec<Rule>,
    },
}

impl InputKind {
    /// Whether the input changes section scores (and needs the answers evaluated again), rather
    /// than only how scores are weighted and cut into levels.
    pub fn is_structural(&self) -> bool {
        matches!(self, InputKind::Missing { .. } | InputKind::Rule { .. })
    }

    /// The number of values a discrete input takes (`None`: an interval).
    pub fn count(&self) -> Option<usize> {
        match self {
            InputKind::WeightSets { sets, .. } => Some(sets.len()),
            InputKind::Weight { values, .. } | InputKind::Threshold { values, .. } => {
                values.count()
            }
            InputKind::Missing { outcomes, .. } => Some(outcomes.len()),
            InputKind::Rule { rules, .. } => Some(rules.len()),
        }
    }
}
