//! The explanation as data. `--format json` prints exactly this (documented in
//! docs/explain-json.md); the text, Markdown and HTML renderers read nothing else.
//!
//! Numbers that are scores or points are exact decimal strings (`"58"`, `"30.25"`, `"100/3"`), as
//! in `eval --format json`; `display` fields are rounded to the survey's display decimals.

use serde::Serialize;

/// Bumped when the shape changes incompatibly; additions keep the version.
pub const EXPLAIN_JSON_VERSION: u32 = 1;

/// The whole document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub eindex_explain: u32,
    pub survey: SurveyInfo,
    pub levels: Vec<LevelInfo>,
    /// How improvements were searched.
    pub search: SearchSettings,
    pub units: Vec<UnitExplanation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SurveyInfo {
    pub name: String,
    pub year: Option<i64>,
    pub display_decimals: u32,
    /// `"exact"`, or `"rounded N"`: levels compare the score rounded to N decimals.
    pub compare: String,
    pub rounding: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelInfo {
    pub level: u8,
    pub lv: String,
    pub en: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchSettings {
    /// False with `--no-improvements`: no `improvement` objects are computed.
    pub improvements: bool,
    /// Sources whose answers may be changed: `"unit"` (the sources that answered the unit),
    /// `"any"`, or an explicit list.
    pub sources: String,
    /// Work limit per search (evaluations with the real evaluator).
    pub max_evaluations: usize,
    /// True with `--allow-removals`: proposals may deselect reported options and lower
    /// reported numbers.
    pub allow_removals: bool,
}

/// One unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitExplanation {
    pub unit: String,
    /// Sources whose answers the improvement search was allowed to change, for this unit.
    pub changeable_sources: Vec<String>,
    pub index: IndexExplanation,
    /// The selected sections (all unless `--section` was given), in schema order.
    pub sections: Vec<SectionExplanation>,
    /// Questions answered although their follow-up condition is false: the answers were ignored.
    pub ignored_answers: Vec<String>,
}

/// An interval of scores: `low`/`high` with inclusiveness; rendered like `(60, 80]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interval {
    pub low: String,
    pub low_inclusive: bool,
    pub high: String,
    pub high_inclusive: bool,
}

impl Interval {
    pub fn text(&self) -> String {
        if self.low == self.high && self.low_inclusive && self.high_inclusive {
            return format!("[{}]", self.low);
        }
        format!(
            "{}{}, {}{}",
            if self.low_inclusive { "[" } else { "(" },
            self.low,
            self.high,
            if self.high_inclusive { "]" } else { ")" }
        )
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexExplanation {
    pub title: String,
    /// `computed` or `not_computable`.
    pub status: String,
    pub value: Option<String>,
    pub display: Option<String>,
    /// The value levels compare.
    pub compared: Option<String>,
    pub level: Option<u8>,
    pub level_name: Option<String>,
    /// The level's interval of compared values.
    pub interval: Option<Interval>,
    /// Every level's interval of compared values, lowest level first (the level bands).
    pub bands: Vec<Band>,
    /// Every section (schema order), used or left out.
    pub sections: Vec<IndexSection>,
    pub min_sections: MinSections,
    pub gap: Option<Gap>,
    pub improvement: Option<Improvement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexSection {
    pub section: String,
    pub lv: String,
    /// The weight as declared in the ruleset.
    /// The section's name in English, when the schema gives it.
    pub en: Option<String>,
    pub declared_weight: String,
    pub used: bool,
    /// Weight after renormalisation over the sections used (`null` when left out).
    pub weight: Option<String>,
    pub score: Option<String>,
    /// weight × score: the section's share of the index, in points of the index.
    pub contribution: Option<String>,
    pub contribution_display: Option<String>,
    /// Why the section is left out.
    pub left_out: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MinSections {
    pub required: usize,
    pub present: usize,
    pub held: bool,
    /// Sections without a score, with the reason (exactly which ones are missing).
    pub missing: Vec<MissingSection>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingSection {
    pub section: String,
    pub lv: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionExplanation {
    pub id: String,
    pub lv: String,
    pub en: Option<String>,
    /// `scored` or `missing`.
    pub status: String,
    pub missing_reason: Option<String>,
    pub points: Option<String>,
    pub max: Option<String>,
    pub score: Option<String>,
    pub display: Option<String>,
    pub compared: Option<String>,
    pub level: Option<u8>,
    pub level_name: Option<String>,
    pub interval: Option<Interval>,
    /// Every level's interval of compared values, lowest level first (the level bands).
    pub bands: Vec<Band>,
    pub thresholds: String,
    pub rules: Vec<RuleExplanation>,
    /// "Where the points were lost": rules with missed points, most missed first.
    pub lost: Vec<LostPoints>,
    pub gap: Option<Gap>,
    pub improvement: Option<Improvement>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LostPoints {
    pub rule: String,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub missed: String,
    pub max: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleExplanation {
    pub rule: String,
    pub title: Option<String>,
    pub title_en: Option<String>,
    /// `match`, `table`, `sum` or `points`.
    pub form: String,
    /// `null` when the rule is excluded (neither points nor maximum).
    pub points: Option<String>,
    pub max: String,
    pub missed: String,
    pub excluded: bool,
    pub why: WhyExplanation,
    pub inputs: Vec<AnswerExplanation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WhyExplanation {
    /// `row` (decision table), `arm` (match), `no_match`, `handler`, `sum`, `expression`.
    pub kind: String,
    /// 1-based rows (or arms) that fired.
    pub rows: Vec<usize>,
    /// The fired rows as written, `yes, -, yes => 5` (cells reconstructed from the checked rules).
    pub row_text: Vec<String>,
    /// Hit policy of a decision table: `first`, `unique`, `max`, `min`, `sum`.
    pub policy: Option<String>,
    /// For `handler`: the missing state that applied.
    pub state: Option<String>,
    /// For `sum`: the points before `cap`/`floor`, and whether they limited it.
    pub raw: Option<String>,
    pub limited: Option<bool>,
    /// One sentence.
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerExplanation {
    pub question: String,
    /// The question text in Latvian, as in the schema.
    pub text: String,
    /// The question text in English, when the schema gives it.
    pub text_en: Option<String>,
    /// The question's type: `single`, `multi`, `yesno`, `integer`, `number`, `text`.
    pub kind: String,
    /// Option ids / number / `yes`/`no` / missing state, as evaluated.
    pub value: String,
    /// Option labels in Latvian.
    pub label: String,
    /// Option labels in English (each option's Latvian label where it has no English one).
    pub label_en: String,
    /// The source whose answer counted (`self`, `expert`, `auto`), `null` when unanswered.
    pub source: Option<String>,
    /// Answers of other sources that lost to `source` by precedence.
    pub overridden: Vec<OverriddenAnswer>,
    /// False when the question's follow-up condition is false for this unit.
    pub asked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverriddenAnswer {
    pub source: Option<String>,
    pub value: Option<String>,
}

/// Distance to the next level.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub next_level: u8,
    pub next_level_name: String,
    /// The compared value the next level starts at (or, with `strict`, must exceed).
    pub target: String,
    pub strict: bool,
    /// In points of the section (or index): compared target − compared value.
    pub amount: String,
    /// For sections: the least raw rule points to add (exact; the section's maximum unchanged).
    pub raw_points: Option<String>,
    /// "trūkst 1 punkta, lai sasniegtu 3. līmeni (definēts)"
    pub lv: String,
    /// "lacks 1 point to reach level 3 (definēts)"
    pub en: String,
}

/// The smallest set of answer changes that reaches the next level, or why there is none.
#[derive(Debug, Clone, Serialize)]
pub struct Improvement {
    pub target_level: u8,
    pub target_level_name: String,
    /// `found`, `out_of_reach`, `top_level`, `not_computable`, `stopped_early`.
    pub status: String,
    /// True when no smaller set of (candidate) changes reaches the level.
    pub minimal: bool,
    pub changes: Vec<Change>,
    /// Follow-up answers dropped because a change makes their question not asked.
    pub dropped: Vec<Change>,
    /// Follow-ups a change makes asked, left unanswered.
    pub newly_asked: Vec<String>,
    /// The score (or index) and level after the changes.
    pub result_value: Option<String>,
    pub result_display: Option<String>,
    pub result_level: Option<u8>,
    /// Exact score above the next level's start.
    pub overshoot: Option<String>,
    /// Evaluations spent by the search.
    pub evaluations: usize,
    /// Why it is out of reach / why the search stopped.
    pub reason: Option<String>,
}

impl Improvement {
    /// An improvement with no changes (yet): `status`, the target level and the reason.
    pub fn empty(target_level: u8, target_level_name: String, status: &str) -> Improvement {
        Improvement {
            target_level,
            target_level_name,
            status: status.into(),
            minimal: false,
            changes: Vec::new(),
            dropped: Vec::new(),
            newly_asked: Vec::new(),
            result_value: None,
            result_display: None,
            result_level: None,
            overshoot: None,
            evaluations: 0,
            reason: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub question: String,
    pub text: String,
    pub text_en: Option<String>,
    /// The question's type: `single`, `multi`, `yesno`, `integer`, `number`, `text`.
    pub kind: String,
    pub section: Option<String>,
    pub from_value: String,
    pub from_label: String,
    pub from_label_en: String,
    pub to_value: String,
    pub to_label: String,
    pub to_label_en: String,
    /// For a multiple choice: the options the change selects, and those it deselects.
    pub added: Vec<OptionText>,
    pub removed: Vec<OptionText>,
    /// Which source's answer changes.
    pub source: Option<String>,
}

/// The interval of compared values one level covers.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    pub level: u8,
    pub interval: Interval,
}

/// An answer option: its id and labels.
#[derive(Debug, Clone, Serialize)]
pub struct OptionText {
    pub id: String,
    pub lv: String,
    pub en: Option<String>,
}
