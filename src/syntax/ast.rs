//! The typed syntax tree of a `.rules` file. Every node that a diagnostic can point at has a span.
//!
//! Names are not resolved here: `Name` is whatever identifier was written; the checker decides
//! whether it is a question, a `let`, an option or a section.

use crate::num::Num;
use crate::source::{Span, Spanned};

pub type Name = Spanned<String>;

/// One parsed `.rules` file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
}

/// An item that did not parse, as far as its words tell: so that one syntax error does not
/// cascade, the checker still counts a `section` block with an error as present, and a question
/// named in a broken rule as read.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenItem {
    /// The item's keyword in lower case (`rule`, `section`, ...), if its first word is one.
    pub keyword: Option<String>,
    /// The word after the keyword (the item's name), if any.
    pub name: Option<String>,
    /// The words outside strings and comments, in order.
    pub words: Vec<String>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Survey(Survey),
    Levels(Levels),
    Defaults(Defaults),
    Section(SectionDef),
    Index(IndexDef),
    Let(LetDef),
    Rule(RuleDef),
    /// `group <name> "<title>" by|bands|quartiles ...` (report breakdowns)
    Grouping(GroupingDef),
    /// `constraint <name> "<message>" en "<message>" { when ... require ... }`
    Constraint(ConstraintDef),
    /// `uncertain { ... }`: the method choices a robustness analysis varies.
    Uncertain(UncertainDef),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Survey(x) => x.span,
            Item::Levels(x) => x.span,
            Item::Defaults(x) => x.span,
            Item::Section(x) => x.span,
            Item::Index(x) => x.span,
            Item::Let(x) => x.span,
            Item::Rule(x) => x.span,
            Item::Grouping(x) => x.span,
            Item::Constraint(x) => x.span,
            Item::Uncertain(x) => x.span,
        }
    }
}

/// `survey "name" { year 2022 schema "questionnaire.toml" sources expert > auto > self ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    pub name: Spanned<String>,
    pub settings: Vec<SurveySetting>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SurveySetting {
    /// `year 2022`
    Year(Spanned<Num>),
    /// `schema "questionnaire.toml"`
    Schema(Spanned<String>),
    /// `sources expert > auto > self`
    Sources(Vec<Name>),
    /// `display 1`
    Display(Spanned<Num>),
    /// `compare exact` (None) or `compare rounded 0` (Some(decimals))
    Compare(Spanned<Option<Spanned<Num>>>),
    /// `rounding half_up`
    Rounding(Name),
}

/// `levels { 1 "situatīvs" en "situational" ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Levels {
    pub levels: Vec<LevelDef>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LevelDef {
    pub number: Spanned<Num>,
    pub name: Spanned<String>,
    pub en: Option<Spanned<String>>,
    pub span: Span,
}

/// `defaults { unanswered => 0 ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    pub handlers: Vec<Handler>,
    pub span: Span,
}

/// `unanswered => 0` inside `defaults`, or `when not_asked => exclude` inside a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// `unanswered`, `not_asked`, `not_applicable` or `dont_know` (checked later).
    pub state: Name,
    pub outcome: Spanned<Outcome>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Points(Num),
    Exclude,
}

/// `section communication { thresholds upper 29, 60, 80, 95  zero apart  applicable if answered_any }`
#[derive(Debug, Clone, PartialEq)]
pub struct SectionDef {
    pub name: Name,
    pub settings: Vec<SectionSetting>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SectionSetting {
    /// `max 50`: the section's intended maximum points.
    Max(Spanned<Num>),
    Thresholds(Thresholds),
    /// `zero apart`
    ZeroApart(Span),
    /// `applicable if <expr>`
    ApplicableIf(Expr),
}

/// `thresholds upper 29, 60, 80, 95` / `thresholds lower 30, 61, 81, 96`
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    pub kind: Spanned<ThresholdKind>,
    pub bounds: Vec<Spanned<Num>>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdKind {
    Upper,
    Lower,
}

/// `index "E-indekss" { weights {...} min_sections 3 thresholds upper ... }`
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDef {
    pub title: Option<Spanned<String>>,
    pub settings: Vec<IndexSetting>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum IndexSetting {
    /// `weights { communication 2 ... }`
    Weights(Vec<(Name, Spanned<Num>)>, Span),
    /// `weights proportional`
    WeightsProportional(Span),
    /// `min_sections 3`
    MinSections(Spanned<Num>),
    Thresholds(Thresholds),
}

/// `let name = expr`
#[derive(Debug, Clone, PartialEq)]
pub struct LetDef {
    pub name: Name,
    pub value: Expr,
    pub span: Span,
}

/// `constraint <name> "<message>" en "<message>" { when <condition> require <condition>... }`:
/// answers that cannot all be given together.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintDef {
    pub name: Name,
    /// The message for people, in the ruleset's language.
    pub message: Spanned<String>,
    /// The message in English.
    pub en: Option<Spanned<String>>,
    /// The constraint applies only to units for which this is true.
    pub when: Option<Expr>,
    /// Conditions every unit must meet (each may be missing: then it is not violated).
    pub requires: Vec<Expr>,
    pub span: Span,
}

/// `group <name> "<title>" <kind>`: how `eindex report` breaks results down.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupingDef {
    pub name: Name,
    pub title: Option<Spanned<String>>,
    pub kind: GroupingKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GroupingKind {
    /// `by type`: one group per option of a single choice (or yes/no).
    By(Name),
    /// `bands employees { "0–99" < 100  "100–499" <= 499  "500+" else }`
    Bands {
        value: Name,
        bands: Vec<Band>,
        span: Span,
    },
    /// `quartiles e_doc_share`: four groups cut at the quartiles of the data.
    Quartiles(Name),
}

/// `"label" < 100`, `"label" <= 99` or `"label" else`.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub label: Spanned<String>,
    /// `None` for `else`.
    pub upper: Option<BandBound>,
    pub span: Span,
}

/// The upper bound of a band: `< value` (`inclusive = false`) or `<= value`.
#[derive(Debug, Clone, PartialEq)]
pub struct BandBound {
    pub value: Spanned<Num>,
    pub inclusive: bool,
    /// The span of the operator.
    pub op: Span,
}

/// `rule id "title" in section { max <points> <scoring> <handlers> }`
#[derive(Debug, Clone, PartialEq)]
pub struct RuleDef {
    pub name: Name,
    pub title: Option<Spanned<String>>,
    /// `rule id "Latvian title" en "English title" in section`.
    pub title_en: Option<Spanned<String>>,
    pub section: Name,
    /// `max 6`: the rule's intended maximum points, if pinned.
    pub max: Option<Spanned<Num>>,
    pub scoring: Scoring,
    pub handlers: Vec<Handler>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scoring {
    /// `match value { pattern => points ... }`
    Match {
        value: Expr,
        arms: Vec<MatchArm>,
        span: Span,
    },
    /// `sum q { option => points ... } cap x floor y`
    Sum {
        question: Name,
        arms: Vec<(Name, Spanned<Num>)>,
        cap: Option<Spanned<Num>>,
        floor: Option<Spanned<Num>>,
        span: Span,
    },
    /// `points expr`
    Points { value: Expr, span: Span },
    /// `table first (a, b) { cell, cell => points ... }`
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct MatchArm {
    pub pattern: Pattern,
    pub points: Spanned<Num>,
    pub span: Span,
}

/// The left side of a `match` arm.
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
    /// `a | b` (one or more option ids, or `yes`/`no`)
    Options(Vec<Name>, Span),
    /// `< 10`, `[0.25, 0.5)` ...
    Range(Range),
    /// `else`
    Else(Span),
}

impl Pattern {
    pub fn span(&self) -> Span {
        match self {
            Pattern::Options(_, s) | Pattern::Else(s) => *s,
            Pattern::Range(r) => r.span,
        }
    }
}

/// A numeric range. `None` bounds are open to infinity.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub low: Option<Bound>,
    pub high: Option<Bound>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub value: Spanned<Num>,
    pub inclusive: bool,
}

/// `table <policy> (inputs) { rows }`
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub policy: Spanned<HitPolicy>,
    pub inputs: Vec<Expr>,
    pub rows: Vec<TableRow>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitPolicy {
    First,
    Unique,
    Max,
    Min,
    Sum,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    pub points: Spanned<Num>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// `-`
    Any(Span),
    /// `missing`
    Missing(Span),
    /// `a | b`
    Options(Vec<Name>, Span),
    /// `not a`, `not (a | b)`
    NotOptions(Vec<Name>, Span),
    /// `< 3`, `[1, 2)`
    Range(Range),
}

impl Cell {
    pub fn span(&self) -> Span {
        match self {
            Cell::Any(s) | Cell::Missing(s) | Cell::Options(_, s) | Cell::NotOptions(_, s) => *s,
            Cell::Range(r) => r.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: Box<ExprKind>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `12`, `0.25`
    Number(Num),
    /// a question, `let`, option id, `yes`/`no` or `answered_any`: resolved by the checker
    Name(String),
    /// `missing` (only meaningful as `ratio(..., zero: missing)`)
    MissingLit,
    /// `-x`
    Neg(Expr),
    /// `not x`
    Not(Expr),
    Binary(BinOp, Spanned<()>, Expr, Expr),
    /// `q in {a, b}` (negated = `not in`)
    In {
        value: Expr,
        options: Vec<Name>,
        negated: bool,
    },
    /// `q has a`
    Has {
        value: Expr,
        option: Name,
    },
    /// `q has any {a, b}` / `q has all {a, b}`
    HasSet {
        value: Expr,
        all: bool,
        options: Vec<Name>,
    },
    /// `if c then a else b`
    If(Expr, Expr, Expr),
    /// `name(args)`, with optional named args (`zero: 0`)
    Call {
        func: Name,
        args: Vec<Expr>,
        named: Vec<(Name, Expr)>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }
}

/// `uncertain { ... }`: the method choices `eindex robustness` varies, each with its nominal value
/// where the rest of the ruleset writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertainDef {
    pub entries: Vec<UncertainEntry>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UncertainEntry {
    /// `weights <name> { <section> <number> ... }`: a named alternative to the index's weights.
    WeightSet {
        name: Name,
        weights: Vec<(Name, Spanned<Num>)>,
        span: Span,
    },
    /// `weight <section> <choice>`
    Weight {
        section: Name,
        choice: Choice,
        span: Span,
    },
    /// `threshold <section|index> <bound number> <choice>`
    Threshold {
        target: Name,
        bound: Spanned<Num>,
        choice: Choice,
        span: Span,
    },
    /// `missing <state> <choice>`: alternatives to the `defaults` handler of a missing state.
    Missing {
        state: Name,
        choice: Choice,
        span: Span,
    },
    /// `alternative <rule> "<label>" en "<label>" { <scoring> }`
    Alternative(AlternativeDef),
}

impl UncertainEntry {
    pub fn span(&self) -> Span {
        match self {
            UncertainEntry::WeightSet { span, .. }
            | UncertainEntry::Weight { span, .. }
            | UncertainEntry::Threshold { span, .. }
            | UncertainEntry::Missing { span, .. } => *span,
            UncertainEntry::Alternative(a) => a.span,
        }
    }
}

/// An alternative scoring of rule `rule`, in its section.
#[derive(Debug, Clone, PartialEq)]
pub struct AlternativeDef {
    pub rule: Name,
    pub label: Spanned<String>,
    pub label_en: Option<Spanned<String>>,
    pub max: Option<Spanned<Num>>,
    pub scoring: Scoring,
    pub handlers: Vec<Handler>,
    pub span: Span,
}

/// The values an uncertain input can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// `[lo, hi]` (any value) or `[lo, hi] step s` (lo, lo + s, ... up to hi).
    Interval {
        lo: Spanned<Num>,
        hi: Spanned<Num>,
        step: Option<Spanned<Num>>,
        span: Span,
    },
    /// `{a, b, exclude}`
    Set(Vec<Spanned<Outcome>>, Span),
}

impl Choice {
    pub fn span(&self) -> Span {
        match self {
            Choice::Interval { span, .. } | Choice::Set(_, span) => *span,
        }
    }
}
