//! The details of a change, as the comparison finds them (`arm \`several\`: 1 → 2`), written in
//! the language people read for the text and Markdown renderings (the words from
//! `src/l10n/*/diff.ftl`, numbers with the language's decimal mark) and in English in JSON, a
//! text for programs that does not change with `--lang`. Rule syntax in backticks (cells of a
//! row, keywords such as `cap` or `exclude`) stays as written in every language.

use crate::hir::Outcome;
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use serde::{Serialize, Serializer};

/// A question's kind with its range (`integer 0..100`).
#[derive(Debug, Clone, PartialEq)]
pub struct Kind {
    /// The schema's (English) name of the kind (`QuestionKind::name`).
    pub name: &'static str,
    pub min: Option<Num>,
    pub max: Option<Num>,
}

impl Kind {
    pub fn of(kind: &crate::schema::QuestionKind) -> Kind {
        use crate::schema::QuestionKind as K;
        let (min, max) = match kind {
            K::Integer { min, max, .. } | K::Decimal { min, max, .. } => (*min, *max),
            _ => (None, None),
        };
        Kind {
            name: kind.name(),
            min,
            max,
        }
    }

    /// `jā/nē`, `vesels skaitlis 0..100`.
    pub fn text(&self, lang: Lang) -> String {
        let m = lang.messages();
        let name = match self.name {
            "single choice" => m.t("diff-kind-single"),
            "multiple choice" => m.t("diff-kind-multi"),
            "yes/no" => m.t("diff-kind-yes-no"),
            "integer" => m.t("diff-kind-integer"),
            "decimal" => m.t("diff-kind-decimal"),
            "free text" => m.t("diff-kind-text"),
            other => other.to_string(),
        };
        let n = |x: &Option<Num>| x.map(|v| num(v, lang)).unwrap_or_default();
        if self.min.is_none() && self.max.is_none() {
            name
        } else {
            format!("{name} {}..{}", n(&self.min), n(&self.max))
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

/// A section's or the index's thresholds: their kind and bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Thresholds {
    pub upper: bool,
    pub bounds: Vec<Num>,
}

impl Thresholds {
    pub fn of(t: &crate::hir::Thresholds) -> Thresholds {
        Thresholds {
            upper: t.kind == crate::hir::ThresholdKind::Upper,
            bounds: t.bounds.clone(),
        }
    }

    /// `upper 40, 70`; in Latvian `augšējās robežas 40; 70` (decimal commas, so semicolons).
    fn text(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Lv { "; " } else { ", " };
        let b: Vec<String> = self.bounds.iter().map(|n| num(*n, lang)).collect();
        lang.messages().f(
            "diff-thresholds-side",
            &[
                ("kind", Arg::Str(if self.upper { "upper" } else { "lower" })),
                ("bounds", Arg::Str(&b.join(sep))),
            ],
        )
    }
}

/// One change of a question, rule, section or the index.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Kind(Kind, Kind),
    /// `None`: a metadata field.
    Section(Option<String>, Option<String>),
    OptionsAdded(Vec<String>),
    OptionsRemoved(Vec<String>),
    OptionText {
        id: String,
        old: String,
        new: String,
    },
    Text(String, String),
    /// Source ids, each side joined by `, `.
    Sources(String, String),
    AskIfAdded,
    AskIfRemoved,
    AskIfChanged,
    /// The allowed tokens (`not_applicable`, `dont_know`), each side possibly empty.
    Tokens(Vec<String>, Vec<String>),
    /// The forms (`table`, `match`, `sum`, `points`).
    Scoring(&'static str, &'static str),
    /// Hit policies, in lower case.
    HitPolicy(String, String),
    Inputs(usize, usize),
    /// A row (`arm`: an arm of a `match`) as written: `cells => points`.
    RowRemoved {
        arm: bool,
        row: String,
    },
    /// A row's points as written.
    RowChanged {
        arm: bool,
        cells: String,
        old: String,
        new: String,
    },
    RowAdded {
        arm: bool,
        row: String,
    },
    Reordered {
        arm: bool,
    },
    OptionPoints {
        id: String,
        old: Num,
        new: Num,
    },
    Cap(Option<Num>, Option<Num>),
    Floor(Option<Num>, Option<Num>),
    Question(String, String),
    Handler {
        state: &'static str,
        old: Option<Outcome>,
        new: Option<Outcome>,
    },
    Maximum(Num, Num),
    Minimum(Num, Num),
    ExpressionChanged,
    DefinitionChanged,
    Title(String, String),
    Thresholds(Thresholds, Thresholds),
    MaxPoints(Num, Num),
    ZeroApart(bool, bool),
    /// The `applicable if` condition as written; `None`: the default.
    Applicable(Option<String>, Option<String>),
    Proportional(bool, bool),
    Weight {
        section: String,
        old: Option<Num>,
        new: Option<Num>,
    },
    MinSections(usize, usize),
    /// Display, compare and rounding, each side as one text.
    Display(String, String),
}

/// A number in the language's notation.
fn num(n: Num, lang: Lang) -> String {
    lang.decimal(&n.to_string())
}

/// Points as written in a row: a number in the language's notation, anything else as it is.
fn written_points(s: &str, lang: Lang) -> String {
    if s.parse::<Num>().is_ok() {
        lang.decimal(s)
    } else {
        s.to_string()
    }
}

/// The arguments of an `old → new` message.
fn pair<'a>(old: &'a str, new: &'a str) -> [(&'static str, Arg<'a>); 2] {
    [("old", Arg::Str(old)), ("new", Arg::Str(new))]
}

impl Detail {
    /// The change in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.question_text(lang)
            .or_else(|| self.rule_text(lang))
            .or_else(|| self.section_text(lang))
            .unwrap_or_default()
    }

    /// A change of a question.
    fn question_text(&self, lang: Lang) -> Option<String> {
        let m = lang.messages();
        let list = |v: &[String]| {
            if v.is_empty() {
                m.t("diff-nothing")
            } else {
                v.join(", ")
            }
        };
        Some(match self {
            Detail::Kind(a, b) => m.f(
                "diff-type",
                &[
                    ("old", Arg::Str(&a.text(lang))),
                    ("new", Arg::Str(&b.text(lang))),
                ],
            ),
            Detail::Section(a, b) => {
                let s = |x: &Option<String>| x.clone().unwrap_or_else(|| m.t("diff-metadata"));
                m.f(
                    "diff-section",
                    &[("old", Arg::Str(&s(a))), ("new", Arg::Str(&s(b)))],
                )
            }
            Detail::OptionsAdded(v) => m.f(
                "diff-options-added",
                &[("options", Arg::Str(&v.join(", ")))],
            ),
            Detail::OptionsRemoved(v) => m.f(
                "diff-options-removed",
                &[("options", Arg::Str(&v.join(", ")))],
            ),
            Detail::OptionText { id, old, new } => m.f(
                "diff-option-text",
                &[
                    ("id", Arg::Str(id)),
                    ("old", Arg::Str(old)),
                    ("new", Arg::Str(new)),
                ],
            ),
            Detail::Text(a, b) => m.f("diff-text", &[("old", Arg::Str(a)), ("new", Arg::Str(b))]),
            Detail::Sources(a, b) => m.f(
                "diff-sources",
                &[("old", Arg::Str(a)), ("new", Arg::Str(b))],
            ),
            Detail::AskIfAdded => m.t("diff-ask-if-added"),
            Detail::AskIfRemoved => m.t("diff-ask-if-removed"),
            Detail::AskIfChanged => m.t("diff-ask-if-changed"),
            Detail::Tokens(a, b) => m.f(
                "diff-tokens",
                &[("old", Arg::Str(&list(a))), ("new", Arg::Str(&list(b)))],
            ),
            _ => return None,
        })
    }

    /// A change of a rule.
    fn rule_text(&self, lang: Lang) -> Option<String> {
        let m = lang.messages();
        let opt_num = |x: &Option<Num>| x.map_or_else(|| m.t("diff-none"), |n| num(n, lang));
        let outcome = |o: &Option<Outcome>| match o {
            None => m.t("diff-none"),
            Some(Outcome::Exclude) => m.t("diff-exclude"),
            Some(Outcome::Points(n)) => num(*n, lang),
        };
        Some(match self {
            Detail::Scoring(a, b) => m.f(
                "diff-scoring",
                &[("old", Arg::Str(a)), ("new", Arg::Str(b))],
            ),
            Detail::HitPolicy(a, b) => m.f(
                "diff-hit-policy",
                &[("old", Arg::Str(a)), ("new", Arg::Str(b))],
            ),
            Detail::Inputs(a, b) => m.f(
                "diff-inputs",
                &[("old", Arg::from(*a)), ("new", Arg::from(*b))],
            ),
            Detail::RowRemoved { arm, row } => {
                let args = [("row", Arg::Str(row))];
                if *arm {
                    m.f("diff-arm-removed", &args)
                } else {
                    m.f("diff-row-removed", &args)
                }
            }
            Detail::RowChanged {
                arm,
                cells,
                old,
                new,
            } => {
                let (old, new) = (written_points(old, lang), written_points(new, lang));
                let args = [
                    ("cells", Arg::Str(cells)),
                    ("old", Arg::Str(&old)),
                    ("new", Arg::Str(&new)),
                ];
                if *arm {
                    m.f("diff-arm-changed", &args)
                } else {
                    m.f("diff-row-changed", &args)
                }
            }
            Detail::RowAdded { arm, row } => {
                let args = [("row", Arg::Str(row))];
                if *arm {
                    m.f("diff-arm-added", &args)
                } else {
                    m.f("diff-row-added", &args)
                }
            }
            Detail::Reordered { arm: true } => m.t("diff-arms-reordered"),
            Detail::Reordered { arm: false } => m.t("diff-rows-reordered"),
            Detail::OptionPoints { id, old, new } => m.f(
                "diff-option-points",
                &[
                    ("id", Arg::Str(id)),
                    ("old", Arg::Str(&num(*old, lang))),
                    ("new", Arg::Str(&num(*new, lang))),
                ],
            ),
            Detail::Cap(a, b) => m.f("diff-cap", &pair(&opt_num(a), &opt_num(b))),
            Detail::Floor(a, b) => m.f("diff-floor", &pair(&opt_num(a), &opt_num(b))),
            Detail::Question(a, b) => m.f("diff-question", &pair(a, b)),
            Detail::Handler { state, old, new } => m.f(
                "diff-handler",
                &[
                    ("state", Arg::Str(state)),
                    ("old", Arg::Str(&outcome(old))),
                    ("new", Arg::Str(&outcome(new))),
                ],
            ),
            Detail::Maximum(a, b) => m.f("diff-maximum", &pair(&num(*a, lang), &num(*b, lang))),
            Detail::Minimum(a, b) => m.f("diff-minimum", &pair(&num(*a, lang), &num(*b, lang))),
            Detail::ExpressionChanged => m.t("diff-expression-changed"),
            Detail::DefinitionChanged => m.t("diff-definition-changed"),
            Detail::Title(a, b) => m.f("diff-title", &pair(a, b)),
            _ => return None,
        })
    }

    /// A change of a section or the index.
    fn section_text(&self, lang: Lang) -> Option<String> {
        let m = lang.messages();
        let opt_num = |x: &Option<Num>| x.map_or_else(|| m.t("diff-none"), |n| num(n, lang));
        let boolean = |b: bool| {
            if b {
                m.t("diff-bool-true")
            } else {
                m.t("diff-bool-false")
            }
        };
        Some(match self {
            Detail::Thresholds(a, b) => m.f("diff-thresholds", &pair(&a.text(lang), &b.text(lang))),
            Detail::MaxPoints(a, b) => {
                m.f("diff-max-points", &pair(&num(*a, lang), &num(*b, lang)))
            }
            Detail::ZeroApart(a, b) => m.f("diff-zero-apart", &pair(&boolean(*a), &boolean(*b))),
            Detail::Applicable(a, b) => {
                let c = |x: &Option<String>| {
                    x.clone().unwrap_or_else(|| m.t("diff-applicable-default"))
                };
                m.f("diff-applicable", &pair(&c(a), &c(b)))
            }
            Detail::Proportional(a, b) => {
                m.f("diff-proportional", &pair(&boolean(*a), &boolean(*b)))
            }
            Detail::Weight { section, old, new } => m.f(
                "diff-weight",
                &[
                    ("section", Arg::Str(section)),
                    ("old", Arg::Str(&opt_num(old))),
                    ("new", Arg::Str(&opt_num(new))),
                ],
            ),
            Detail::MinSections(a, b) => m.f(
                "diff-min-sections",
                &[("old", Arg::from(*a)), ("new", Arg::from(*b))],
            ),
            Detail::Display(a, b) => m.f("diff-display", &pair(a, b)),
            _ => return None,
        })
    }
}

/// In JSON, the English text (a stable text for programs, whatever `--lang` says).
impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    fn both(d: &Detail) -> (String, String) {
        (d.text(Lang::Lv), d.text(Lang::En))
    }

    #[test]
    fn details_in_both_languages_with_the_syntax_as_written() {
        let row = Detail::RowChanged {
            arm: false,
            cells: "yes, -".into(),
            old: "1".into(),
            new: "0.5".into(),
        };
        assert_eq!(
            both(&row),
            (
                "rinda `yes, -`: 1 → 0,5".into(),
                "row `yes, -`: 1 → 0.5".into()
            )
        );
        let th = Detail::Thresholds(
            Thresholds {
                upper: false,
                bounds: vec![n("40.5"), n("70")],
            },
            Thresholds {
                upper: true,
                bounds: vec![n("35"), n("70")],
            },
        );
        assert_eq!(
            both(&th),
            (
                "sliekšņi: apakšējās robežas 40,5; 70 → augšējās robežas 35; 70".into(),
                "thresholds: lower 40.5, 70 → upper 35, 70".into()
            )
        );
        let handler = Detail::Handler {
            state: "unanswered",
            old: None,
            new: Some(Outcome::Exclude),
        };
        assert_eq!(
            both(&handler),
            (
                "`when unanswered`: nav → `exclude`".into(),
                "when unanswered: none → exclude".into()
            )
        );
        let weight = Detail::Weight {
            section: "web".into(),
            old: None,
            new: Some(n("0.5")),
        };
        assert_eq!(
            both(&weight),
            (
                "sadaļas web svars: nav → 0,5".into(),
                "weight of web: none → 0.5".into()
            )
        );
        let tokens = Detail::Tokens(vec!["dont_know".into()], vec![]);
        assert_eq!(
            both(&tokens),
            (
                "atļautās īpašās atbildes: dont_know → nekādas".into(),
                "allowed tokens: dont_know → nothing".into()
            )
        );
    }

    #[test]
    fn kinds_name_their_range() {
        let k = Kind {
            name: "decimal",
            min: Some(n("0.5")),
            max: None,
        };
        assert_eq!(k.text(Lang::Lv), "decimālskaitlis 0,5..");
        assert_eq!(k.text(Lang::En), "decimal 0.5..");
        let yn = Kind {
            name: "yes/no",
            min: None,
            max: None,
        };
        assert_eq!(yn.text(Lang::Lv), "jā/nē");
        assert_eq!(serde_json::to_string(&yn).unwrap(), "\"yes/no\"");
    }
}
