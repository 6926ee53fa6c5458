//! Problems the checker finds in a ruleset. Each variant documents a snippet that triggers it.

use crate::num::Num;
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

    /// A name of a question left out of the schema for a schema error: one note per item, in
    /// place of the errors the missing question would cause.
    #[error("`{question}` is left out of the check: it has a schema error")]
    #[diagnostic(
        code(eindex::check::depends_on_schema_error),
        severity(Warning),
        help(
            "fix the schema error of `{question}` in the questionnaire; what reads it is checked \
             once it is fixed"
        )
    )]
    DependsOnSchemaError {
        question: String,
        #[label("reads `{question}`")]
        span: Span,
    },

    /// A [`CheckError::Duplicate`] of a named item (rule, `let`, section block, constraint,
    /// grouping), with the first definition: the loader, which sees every file, finds it.
    #[error("{what} `{name}` is defined twice")]
    #[diagnostic(code(eindex::check::duplicate), help("{help}"))]
    Redefined {
        what: &'static str,
        name: String,
        #[label("second definition")]
        span: Span,
        /// The first definition, when it is in the same file (else `help` says where it is).
        #[label("first defined here")]
        first: Option<Span>,
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

    /// `uncertain { weight communication [3, 1] }`: an uncertain input that cannot be varied as
    /// written (empty interval, nominal value outside it, alternatives that break an order, ...).
    #[error("{message}")]
    #[diagnostic(code(eindex::check::uncertain), help("{help}"))]
    Uncertain {
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
        help: String,
    },

    /// `index { thresholds ... }` with neither `weights { ... }` nor `weights proportional`.
    #[error("the index has no weights")]
    #[diagnostic(
        code(eindex::check::weights),
        help("add `weights {{ section 1 ... }}` or `weights proportional`")
    )]
    NoWeights {
        #[label("here")]
        span: Span,
    },

    /// `weights { communication -2 }`
    #[error("negative weight {value} for `{section}`")]
    #[diagnostic(
        code(eindex::check::weights),
        help("weights are 0 or more (0 leaves the section out of the index)")
    )]
    NegativeWeight {
        value: Num,
        section: String,
        #[label("here")]
        span: Span,
    },

    /// `weights { ... }` without some of the schema's sections.
    #[error("the weights do not cover the section{} {}", if missing.len() > 1 { "s" } else { "" }, ticked(missing))]
    #[diagnostic(
        code(eindex::check::weights),
        help("give every section a weight (0 to leave it out of the index)")
    )]
    WeightsMissing {
        missing: Vec<String>,
        #[label("here")]
        span: Span,
    },

    /// `weights { a 0  b 0 ... }`
    #[error("all weights are 0")]
    #[diagnostic(
        code(eindex::check::weights),
        help("at least one section needs a positive weight")
    )]
    AllWeightsZero {
        #[label("here")]
        span: Span,
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

    /// A property of a decision table (or `match`) the checker could not prove within its
    /// limits: it is neither assumed nor refuted, so the table may be incomplete or a row dead.
    #[error("this table was not fully checked; not proven: {what}")]
    #[diagnostic(
        code(eindex::check::not_proven),
        severity(Warning),
        help("{why}. Split the table (e.g. one table per value of an input, or a `let` that combines inputs) or end it with a catch-all row `-, ... => 0`; docs/language.md (\"Limits\") lists the checker's limits")
    )]
    TableNotProven {
        what: String,
        why: String,
        #[label("not fully checked")]
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

    /// `section s { max 50 ... }` whose rules give at most 44 points (or `rule r in s { max 6 ... }`).
    #[error("the maximum of {what} is {derived}, but `max {pinned}` is pinned")]
    #[diagnostic(code(eindex::check::max_differs), help("{help}"))]
    MaxDiffers {
        what: String,
        derived: Num,
        pinned: Num,
        #[label("pinned here; derived {derived}")]
        span: Span,
        help: String,
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

    /// A `survey`, `levels` or `index` block is missing.
    #[error("the ruleset has no `{block}` block")]
    #[diagnostic(code(eindex::check::structure), help("add one, e.g.\n{example}"))]
    MissingBlock {
        block: String,
        example: String,
        #[label("here")]
        span: Span,
    },

    /// `levels { 1 "situatīvs" }`
    #[error("a ruleset needs at least two levels")]
    #[diagnostic(
        code(eindex::check::structure),
        help("list the levels 1, 2, ... with their names")
    )]
    TooFewLevels {
        #[label("here")]
        span: Span,
    },

    /// A section of the schema that no `section` block describes.
    #[error("section `{section}` has no `section` block in the rules")]
    #[diagnostic(
        code(eindex::check::structure),
        help("add `section {section} {{ thresholds upper ... }}` to a .rules file")
    )]
    SectionWithoutBlock {
        section: String,
        #[label("here")]
        span: Span,
    },

    /// `section communication { }` without `thresholds`.
    #[error("section `{section}` has no thresholds")]
    #[diagnostic(
        code(eindex::check::structure),
        help("add `thresholds upper a, b, c, d` (the highest score of levels 1..4)")
    )]
    SectionWithoutThresholds {
        section: String,
        #[label("here")]
        span: Span,
    },

    /// `index { weights { ... } }` without `thresholds`.
    #[error("the index has no thresholds")]
    #[diagnostic(
        code(eindex::check::structure),
        help("add `thresholds upper a, b, c, d`")
    )]
    IndexWithoutThresholds {
        #[label("here")]
        span: Span,
    },

    /// `sources expert > experts`
    #[error("unknown source `{name}`")]
    #[diagnostic(
        code(eindex::check::unknown_source),
        help("the sources are `self`, `expert` and `auto`")
    )]
    UnknownSource {
        name: String,
        #[label("not a source")]
        span: Span,
    },

    /// `rounding half_down`
    #[error("unknown rounding `{name}`")]
    #[diagnostic(
        code(eindex::check::unknown_rounding),
        help("use `half_up` (2.5 → 3) or `half_even` (2.5 → 2)")
    )]
    UnknownRounding {
        name: String,
        #[label("not a rounding rule")]
        span: Span,
    },

    /// `display 12`, `compare rounded 1.5`
    #[error("{value} is not a number of decimals")]
    #[diagnostic(
        code(eindex::check::decimals),
        help("write a whole number of decimal places, e.g. `display 1`")
    )]
    Decimals {
        value: Num,
        #[label("expected 0..9")]
        span: Span,
    },

    /// `levels { 1 ... 3 ... }` (reported once, at the first level out of place).
    #[error("level {level} is out of order")]
    #[diagnostic(
        code(eindex::check::level_order),
        help("number the levels 1, 2, 3, ... without gaps (0 is the optional zero level)")
    )]
    LevelOrder {
        level: Num,
        expected: i128,
        #[label("expected level {expected}")]
        span: Span,
    },

    /// `when unanswerd => 0`
    #[error("unknown answer state `{name}`")]
    #[diagnostic(code(eindex::check::unknown_state), help("{hint}"))]
    UnknownState {
        name: String,
        #[label("not a state")]
        span: Span,
        hint: String,
    },

    /// `zero apart` in a section when `levels` has no level 0.
    #[error("`zero apart` needs a level 0")]
    #[diagnostic(
        code(eindex::check::zero_apart_without_level_0),
        help("add `0 \"0%\" en \"zero score\"` to the `levels` block")
    )]
    ZeroApartWithoutLevel0 {
        #[label("no level 0 declared")]
        span: Span,
    },

    /// `min_sections 7` in an index of 5 sections.
    #[error("`min_sections {value}` is impossible with {sections} sections")]
    #[diagnostic(
        code(eindex::check::min_sections),
        help("the minimum number of sections a unit needs for an index")
    )]
    MinSections {
        value: Num,
        sections: usize,
        #[label("expected 1..{sections}")]
        span: Span,
    },

    /// `cap 1 floor 2`
    #[error("cap {cap} is below floor {floor}")]
    #[diagnostic(
        code(eindex::check::cap_below_floor),
        help("the cap is the most points, the floor the fewest")
    )]
    CapBelowFloor {
        cap: Num,
        floor: Num,
        #[label("cap < floor")]
        span: Span,
    },

    /// A table row `yes => 1` in a table of two inputs.
    #[error("row has {cells} cells, the table has {inputs} inputs")]
    #[diagnostic(
        code(eindex::check::row_width),
        help("write one cell per input, `-` for any value")
    )]
    RowWidth {
        cells: usize,
        inputs: usize,
        #[label("wrong number of cells")]
        span: Span,
    },

    /// `[100, 10] => 1`
    #[error("the range {range} is empty")]
    #[diagnostic(
        code(eindex::check::empty_range),
        help("write the lower bound first, e.g. `[10, 100]`")
    )]
    EmptyRange {
        range: String,
        #[label("empty")]
        span: Span,
    },

    /// `group g "G" by 3` — a grouping by something that is the same for every unit.
    #[error("`{name}` is not a question, metadata field or `let`")]
    #[diagnostic(
        code(eindex::check::group_by_constant),
        help("a grouping reads a value that differs between units")
    )]
    GroupByConstant {
        name: String,
        #[label("a constant")]
        span: Span,
    },

    /// `group g "G" bands q_docs { }`
    #[error("a grouping by bands needs at least one band")]
    #[diagnostic(
        code(eindex::check::no_bands),
        help("write the bands in increasing order, the last one `else`: `{{ \"0–99\" < 100  \"100+\" else }}`")
    )]
    NoBands {
        #[label("no bands")]
        span: Span,
    },

    /// `"" < 100` in a grouping's bands.
    #[error("a band has an empty label")]
    #[diagnostic(
        code(eindex::check::empty_band_label),
        help("give each band the label the report prints, e.g. \"100–499\"")
    )]
    EmptyBandLabel {
        #[label("empty")]
        span: Span,
    },

    /// `"rest" else` followed by more bands.
    #[error("only the last band can be `else`")]
    #[diagnostic(
        code(eindex::check::else_band_not_last),
        help("move the `else` band to the end, or give this band an upper bound (`< x`)")
    )]
    ElseBandNotLast {
        #[label("bands after it can never be reached")]
        span: Span,
    },

    /// `"≤ 99" < 100` then `"≤ 49" < 50`. The cut points are as written, e.g. `< 100`.
    #[error("the cut points are not increasing: {previous} then {bound}")]
    #[diagnostic(
        code(eindex::check::bands_not_increasing),
        help("write the bands from the lowest values to the highest; each upper bound must be above the one before")
    )]
    BandsNotIncreasing {
        previous: String,
        bound: String,
        #[label("not above the previous cut point")]
        span: Span,
    },

    /// Bands whose last band is `"100–499" < 500` instead of `else`.
    #[error("the last band has an upper bound, so larger values fall in no band")]
    #[diagnostic(
        code(eindex::check::missing_else_band),
        help("end the bands with one for the rest: `\"{bound}+\" else`")
    )]
    MissingElseBand {
        bound: Num,
        #[label("expected `else` here")]
        span: Span,
    },

    /// A 250-term sum `1 + 1 + ...`: deeper than the checker follows.
    #[error("expression nested too deeply")]
    #[diagnostic(
        code(eindex::check::too_deep),
        help("split it into `let` values (at most {max} levels)")
    )]
    TooDeep {
        max: usize,
        #[label("too deep")]
        span: Span,
    },

    /// `ask_if = "uses_fb"` in the schema, where `uses_fb` is a `let`.
    #[error("`ask_if` cannot use the derived value `{name}`")]
    #[diagnostic(
        code(eindex::check::let_in_ask_if),
        help("a follow-up condition may only read questions and metadata; write the condition on them")
    )]
    LetInAskIf {
        name: String,
        #[label("a `let`")]
        span: Span,
    },

    /// `let any = answered_any` (outside a section's `applicable if`).
    #[error("`answered_any` is only meaningful in a section's `applicable if`")]
    #[diagnostic(
        code(eindex::check::answered_any_outside_section),
        help("test single questions with `answered(q)`")
    )]
    AnsweredAnyOutsideSection {
        #[label("not in a section")]
        span: Span,
    },

    /// `q_edocs / q_docs`
    #[error("division by a value that may be 0")]
    #[diagnostic(
        code(eindex::check::division_by_value),
        help("use `ratio(a, b, zero: 0)` to say what the result is when the divisor is 0")
    )]
    DivisionByValue {
        #[label("not a non-zero number")]
        span: Span,
    },

    /// `count(q_social, q_ux)`
    #[error("`{func}` takes {expected} argument{}, found {found}", plural(*.expected))]
    #[diagnostic(code(eindex::check::arity), help("{}", call_help(.func)))]
    Arity {
        func: String,
        expected: usize,
        found: usize,
        #[label("wrong number of arguments")]
        span: Span,
    },

    /// `max()`
    #[error("`{func}` needs at least one argument")]
    #[diagnostic(code(eindex::check::no_arguments), help("{}", call_help(.func)))]
    NoArguments {
        func: String,
        #[label("no arguments")]
        span: Span,
    },

    /// `min(a, b, zero: 0)`, `ratio(a, b, zeor: 0)`
    #[error("`{func}` has no named argument `{name}`")]
    #[diagnostic(code(eindex::check::unknown_named_argument), help("{}", call_help(.func)))]
    UnknownNamedArgument {
        func: String,
        name: String,
        #[label("unexpected")]
        span: Span,
    },

    /// `answered(q_docs + 1)`
    #[error("`{func}` takes a question id")]
    #[diagnostic(
        code(eindex::check::expected_question_id),
        help("write `{func}(q_some_question)`")
    )]
    ExpectedQuestionId {
        func: String,
        #[label("not a question id")]
        span: Span,
    },

    /// `ratio(a, b, zero: q_docs)`
    #[error("`zero:` must be a number or `missing`")]
    #[diagnostic(
        code(eindex::check::ratio_zero),
        help("write e.g. `zero: 0` or `zero: missing`")
    )]
    RatioZero {
        #[label("not a constant")]
        span: Span,
    },

    /// `ratio(q_edocs, q_docs)`
    #[error("`ratio` must say what it gives when the divisor is 0")]
    #[diagnostic(
        code(eindex::check::ratio_without_zero),
        help("add `zero: 0` (or another number, or `zero: missing`) as the last argument")
    )]
    RatioWithoutZero {
        #[label("no `zero:`")]
        span: Span,
    },

    /// `exclusive(q_social, 3)`
    #[error("expected an option of the multiple choice")]
    #[diagnostic(
        code(eindex::check::expected_option),
        help(
            "write `exclusive(q, none)`: the question, then the options that exclude every other"
        )
    )]
    ExpectedOption {
        #[label("not an option name")]
        span: Span,
    },

    /// `exclusive(q, a, b)` naming every option of `q`.
    #[error("`exclusive` names every option of the question")]
    #[diagnostic(
        code(eindex::check::exclusive_every_option),
        help("name only the options that exclude all others, e.g. `none` or `dont_know`")
    )]
    ExclusiveEveryOption {
        #[label("no option is left to exclude")]
        span: Span,
    },

    /// `let x = exclusive(q, none)`
    #[error("`exclusive(q, option)` is a constraint, not a value")]
    #[diagnostic(
        code(eindex::check::exclusive_outside_constraint),
        help("write it alone after `require` in a `constraint`: `require exclusive(q, none)`")
    )]
    ExclusiveOutsideConstraint {
        #[label("only after `require`")]
        span: Span,
    },

    /// A constraint that no answers can satisfy.
    #[error("constraint `{name}` can never be met: {reason}")]
    #[diagnostic(code(eindex::check::unsatisfiable_constraint), help("{help}"))]
    UnsatisfiableConstraint {
        name: String,
        reason: String,
        help: String,
        #[label("no answers satisfy this")]
        span: Span,
    },

    /// A table row or `match` arm that only answers the constraints forbid would reach.
    #[error("{what} of rule `{rule}` can never apply: {reason}")]
    #[diagnostic(
        code(eindex::check::unreachable_by_constraint),
        severity(Warning),
        help("remove the row (or, if the table needs it to stay complete, give it the rule's least points), or correct the constraint if such answers are possible")
    )]
    UnreachableByConstraint {
        what: String,
        rule: String,
        reason: String,
        #[label("only answers that break a constraint reach this")]
        span: Span,
    },

    /// A level that no answers allowed by the constraints reach.
    #[error("{what} can never reach level {level}: {reason}")]
    #[diagnostic(
        code(eindex::check::level_unreachable_by_constraint),
        severity(Warning),
        help("lower the threshold, add points the constraints allow, or correct the constraint")
    )]
    LevelUnreachableByConstraint {
        what: String,
        level: u8,
        reason: String,
        #[label("this threshold")]
        span: Span,
    },

    /// What the constraints allow, where trying answers could not decide it: a constraint that
    /// may be unsatisfiable, a row or a level that may be unreachable (too many combinations,
    /// or numbers used in arithmetic, where the values tried need not cover every case).
    #[error("not decided whether {what}: {reason}")]
    #[diagnostic(
        code(eindex::check::constraint_not_proven),
        severity(Warning),
        help("the check tries every combination of the values the rules and constraints tell apart, up to 200000 per group of questions; split the constraint, narrow the questions' ranges, or compare questions directly instead of through arithmetic")
    )]
    ConstraintNotProven {
        /// "constraint `x` can be met", "row 2 of rule `r` can apply", ...
        what: String,
        reason: String,
        #[label("not decided")]
        span: Span,
    },

    /// Constants with so many digits that the scores would overflow the exact arithmetic.
    #[error("{what} cannot be computed exactly: {reason}")]
    #[diagnostic(code(eindex::check::arithmetic_range), help("scores are exact fractions of 128-bit integers; write points and weights with fewer digits"))]
    ArithmeticRange {
        what: String,
        reason: String,
        #[label("here")]
        span: Span,
    },

    /// A `.rules` file that is not valid UTF-8 (the place is its first invalid byte).
    #[error("the file is not valid UTF-8")]
    #[diagnostic(code(eindex::check::not_utf8), help("save the file as UTF-8"))]
    NotUtf8 {
        #[label("invalid byte")]
        span: Span,
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
            | Redefined { span, .. }
            | DependsOnSchemaError { span, .. }
            | Cycle { span, .. }
            | Thresholds { span, .. }
            | Uncertain { span, .. }
            | NoWeights { span }
            | NegativeWeight { span, .. }
            | WeightsMissing { span, .. }
            | AllWeightsZero { span }
            | UnhandledState { span, .. }
            | ShadowedRow { span, .. }
            | OverlappingRows { span, .. }
            | Uncovered { span, .. }
            | TableNotProven { span, .. }
            | IncompleteMatch { span, .. }
            | ZeroMax { span, .. }
            | MaxDiffers { span, .. }
            | UnreadQuestion { span, .. }
            | TextInScoring { span, .. }
            | Unbounded { span, .. }
            | MissingBlock { span, .. }
            | TooFewLevels { span }
            | SectionWithoutBlock { span, .. }
            | SectionWithoutThresholds { span, .. }
            | IndexWithoutThresholds { span }
            | UnknownSource { span, .. }
            | UnknownRounding { span, .. }
            | Decimals { span, .. }
            | LevelOrder { span, .. }
            | UnknownState { span, .. }
            | ZeroApartWithoutLevel0 { span }
            | MinSections { span, .. }
            | CapBelowFloor { span, .. }
            | RowWidth { span, .. }
            | EmptyRange { span, .. }
            | GroupByConstant { span, .. }
            | NoBands { span }
            | EmptyBandLabel { span }
            | ElseBandNotLast { span }
            | BandsNotIncreasing { span, .. }
            | MissingElseBand { span, .. }
            | TooDeep { span, .. }
            | LetInAskIf { span, .. }
            | AnsweredAnyOutsideSection { span }
            | DivisionByValue { span }
            | Arity { span, .. }
            | NoArguments { span, .. }
            | UnknownNamedArgument { span, .. }
            | ExpectedQuestionId { span, .. }
            | RatioZero { span }
            | RatioWithoutZero { span }
            | NotUtf8 { span }
            | ArithmeticRange { span, .. }
            | ExpectedOption { span }
            | ExclusiveEveryOption { span }
            | ExclusiveOutsideConstraint { span }
            | UnsatisfiableConstraint { span, .. }
            | UnreachableByConstraint { span, .. }
            | LevelUnreachableByConstraint { span, .. }
            | ConstraintNotProven { span, .. }
            | SchemaFile { span, .. } => *span,
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            CheckError::ShadowedRow { .. }
            | CheckError::IncompleteMatch { .. }
            | CheckError::UnreadQuestion { .. }
            | CheckError::DependsOnSchemaError { .. }
            | CheckError::UnreachableByConstraint { .. }
            | CheckError::LevelUnreachableByConstraint { .. }
            | CheckError::ConstraintNotProven { .. }
            | CheckError::TableNotProven { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Names in backticks, comma-separated: "`a`, `b`".
fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|m| format!("`{m}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plural ending of "argument" after a count.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// How to call a builtin function (the help of the argument diagnostics).
pub(super) fn call_help(f: &str) -> &'static str {
    match f {
        "ratio" => "write `ratio(numerator, divisor, zero: 0)`",
        "count" => "write `count(q_multi)`",
        "answered" => "write `answered(q)`",
        "asked" => "write `asked(q)`",
        _ => "write `min(a, b, ...)` or `max(a, b, ...)`",
    }
}
