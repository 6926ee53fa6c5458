//! Problems the checker finds in a ruleset. Each variant documents a snippet that triggers it.

use crate::source::Span;
use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, Error, Diagnostic)]
pub enum CheckError {
    /// `match q_socail { ... }` — no question or `let` of that name.
    #[error("unknown {what} `{name}`")]
    #[diagnostic(code(eindex::check::unknown_name), help("{hint}"))]
    UnknownName {
        what: &'static str,
        name: String,
        #[label("not defined")]
        span: Span,
        hint: String,
    },

    /// `q_ux = regularly` when `q_ux` has no option `regularly`.
    #[error("`{question}` has no option `{option}`")]
    #[diagnostic(code(eindex::check::unknown_option), help("{hint}"))]
    UnknownOption {
        question: String,
        option: String,
        #[label("not an option of `{question}`")]
        span: Span,
        hint: String,
    },

    /// `rule r in comunication { ... }`
    #[error("unknown section `{name}`")]
    #[diagnostic(code(eindex::check::unknown_section), help("{hint}"))]
    UnknownSection {
        name: String,
        #[label("not a section of the schema")]
        span: Span,
        hint: String,
    },

    /// `sum q_type { ... }` where `q_type` is a single choice.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(eindex::check::type_mismatch), help("{help}"))]
    TypeMismatch {
        expected: String,
        found: String,
        #[label("this is {found}")]
        span: Span,
        help: String,
    },

    /// `q_employees < q_social_media`
    #[error("cannot compare {left} with {right}")]
    #[diagnostic(code(eindex::check::incompatible_comparison), help("{help}"))]
    IncompatibleComparison {
        left: String,
        right: String,
        #[label("{left} {op} {right}")]
        span: Span,
        op: String,
        help: String,
    },

    /// `[200, 300] => 1` for a question whose max is 100.
    #[error("range {range} lies outside `{question}`'s allowed values {domain}")]
    #[diagnostic(
        code(eindex::check::range_outside_domain),
        help("the schema allows {domain}; this arm can never apply. Fix the bounds or the schema's min/max")
    )]
    RangeOutsideDomain {
        range: String,
        question: String,
        domain: String,
        #[label("can never hold")]
        span: Span,
    },

    /// Two `rule social_media` (or two `let`, two `section communication` blocks ...).
    #[error("{what} `{name}` is defined twice")]
    #[diagnostic(code(eindex::check::duplicate), help("{help}"))]
    Duplicate {
        what: &'static str,
        name: String,
        #[label("second definition")]
        span: Span,
        help: String,
    },

    /// `let a = b + 1` and `let b = a * 2`
    #[error("`{name}` depends on itself: {path}")]
    #[diagnostic(
        code(eindex::check::cycle),
        help(
            "a derived value cannot use itself, directly or through other `let`s; break the cycle"
        )
    )]
    Cycle {
        name: String,
        path: String,
        #[label("cycle starts here")]
        span: Span,
    },

    /// `thresholds upper 30, 20, 80, 95`
    #[error("{message}")]
    #[diagnostic(code(eindex::check::thresholds), help("{help}"))]
    Thresholds {
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
        help: String,
    },

    /// `weights { communication -2 }`, or a section without a weight.
    #[error("{message}")]
    #[diagnostic(code(eindex::check::weights), help("{help}"))]
    Weights {
        message: String,
        #[label("here")]
        span: Span,
        help: String,
    },

    /// A rule reads a follow-up question (with `ask_if`) and neither the rule nor `defaults`
    /// says what it scores when the question was not asked.
    #[error("rule `{rule}` does not say what it scores when `{question}` is {state}")]
    #[diagnostic(code(eindex::check::unhandled_state), help("{help}"))]
    UnhandledState {
        rule: String,
        question: String,
        state: &'static str,
        #[label("reads `{question}`, which can be {state}")]
        span: Span,
        help: String,
    },

    /// Under `first`, a row that earlier rows always match before it.
    #[error("row {row} of the table can never fire")]
    #[diagnostic(
        code(eindex::check::shadowed_row),
        severity(Warning),
        help("every combination it matches is matched earlier ({by}); remove it or move it up")
    )]
    ShadowedRow {
        row: usize,
        by: String,
        #[label("shadowed")]
        span: Span,
    },

    /// Under `unique`, two rows that match the same answers.
    #[error("rows {a} and {b} of a `unique` table overlap")]
    #[diagnostic(
        code(eindex::check::overlapping_rows),
        help("both match {example}; make the rows exclusive or use the `first` policy")
    )]
    OverlappingRows {
        a: usize,
        b: usize,
        example: String,
        #[label("overlaps row {a}")]
        span: Span,
    },

    /// Under `unique`, answers that no row matches.
    #[error("no row of this `unique` table matches {combination}")]
    #[diagnostic(
        code(eindex::check::uncovered),
        help("add a row for this combination (or a catch-all row `-, ... => 0`)")
    )]
    Uncovered {
        combination: String,
        #[label("incomplete table")]
        span: Span,
    },

    /// A `match` whose arms leave some answered values without points.
    #[error("no arm matches {example}")]
    #[diagnostic(
        code(eindex::check::incomplete_match),
        severity(Warning),
        help("such answers score 0 points; add an arm (or `else => 0`) to make that explicit")
    )]
    IncompleteMatch {
        example: String,
        #[label("not exhaustive")]
        span: Span,
    },

    /// A section whose rules can give at most 0 points.
    #[error("section `{section}` has a maximum of 0 points")]
    #[diagnostic(
        code(eindex::check::zero_max),
        help("its score would be undefined: add rules that give points, or remove the section")
    )]
    ZeroMax {
        section: String,
        #[label("maximum 0")]
        span: Span,
    },

    /// A scored question that no rule reads.
    #[error("question `{question}` is not read by any rule")]
    #[diagnostic(
        code(eindex::check::unread_question),
        severity(Warning),
        help("score it, or mark it `scored = false` in the schema if it is kept for reports only")
    )]
    UnreadQuestion {
        question: String,
        #[label("never scored")]
        span: Span,
    },

    /// `points count(q_comment)` where `q_comment` is free text.
    #[error("free-text question `{question}` cannot be scored")]
    #[diagnostic(
        code(eindex::check::text_in_scoring),
        help("free text is never scored; only `answered({question})` may test it")
    )]
    TextInScoring {
        question: String,
        #[label("free text")]
        span: Span,
    },

    /// `points q_docs_total * 2` with no upper bound on `q_docs_total`.
    #[error("cannot derive the maximum points of rule `{rule}`")]
    #[diagnostic(code(eindex::check::unbounded), help("{help}"))]
    Unbounded {
        rule: String,
        #[label("no upper bound")]
        span: Span,
        help: String,
    },

    /// `survey`, `levels` or `index` missing, or given twice.
    #[error("{message}")]
    #[diagnostic(code(eindex::check::structure), help("{help}"))]
    Structure {
        message: String,
        #[label("here")]
        span: Span,
        help: String,
    },

    /// `when unanswerd => 0`, `rounding half_down`, an unknown function ...
    #[error("{message}")]
    #[diagnostic(code(eindex::check::invalid), help("{help}"))]
    Invalid {
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
        help: String,
    },

    /// The schema file named in `survey { schema "..." }` cannot be read.
    #[error("cannot read schema `{path}`: {reason}")]
    #[diagnostic(
        code(eindex::check::schema_file),
        help("the path is relative to the ruleset folder")
    )]
    SchemaFile {
        path: String,
        reason: String,
        #[label("here")]
        span: Span,
    },
}

impl CheckError {
    pub fn span(&self) -> Span {
        use CheckError::*;
        match self {
            UnknownName { span, .. }
            | UnknownOption { span, .. }
            | UnknownSection { span, .. }
            | TypeMismatch { span, .. }
            | IncompatibleComparison { span, .. }
            | RangeOutsideDomain { span, .. }
            | Duplicate { span, .. }
            | Cycle { span, .. }
            | Thresholds { span, .. }
            | Weights { span, .. }
            | UnhandledState { span, .. }
            | ShadowedRow { span, .. }
            | OverlappingRows { span, .. }
            | Uncovered { span, .. }
            | IncompleteMatch { span, .. }
            | ZeroMax { span, .. }
            | UnreadQuestion { span, .. }
            | TextInScoring { span, .. }
            | Unbounded { span, .. }
            | Structure { span, .. }
            | Invalid { span, .. }
            | SchemaFile { span, .. } => *span,
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            CheckError::ShadowedRow { .. }
            | CheckError::IncompleteMatch { .. }
            | CheckError::UnreadQuestion { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
