//! The words every technical renderer (text, Markdown, HTML) shares: the frame of the
//! methodologist's view in one language, every heading, label and sentence from the catalogue.

use super::model::*;
use super::text::{parse_num, short};
use crate::l10n::{Arg, Lang, Messages};

/// An answer as value and label: the label, with the id after it when they differ.
fn answer(label: &str, value: &str) -> String {
    if label.is_empty() || label == value {
        value.to_string()
    } else if value.contains('|') || value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        label.to_string()
    } else {
        format!("{label} ({value})")
    }
}

/// `Upper`-case first letter (for a phrase that opens a sentence or a heading).
pub(super) fn capital(t: &str) -> String {
    let mut c = t.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether the improvement is of the index (`index`) or a section (`section`): the `$what` of
/// the catalogue's improvement messages.
#[derive(Clone, Copy)]
pub(super) enum Of {
    Index,
    Section,
}

impl Of {
    fn id(self) -> &'static str {
        match self {
            Of::Index => "index",
            Of::Section => "section",
        }
    }
}

/// The frame words of the technical view in one language: every heading, label and sentence
/// comes from the catalogue (`src/l10n/*/technical.ftl`, `common.ftl`).
pub(super) struct Words<'a> {
    pub lang: Lang,
    pub m: &'static Messages,
    pub(super) levels: &'a [LevelInfo],
}

impl<'a> Words<'a> {
    pub fn new(doc: &'a Document, lang: Lang) -> Words<'a> {
        Words {
            lang,
            m: lang.messages(),
            levels: &doc.levels,
        }
    }

    /// A decimal in the language's notation (`58,7` in Latvian).
    pub fn num(&self, s: &str) -> String {
        self.lang.decimal(s)
    }

    /// Quotation marks of the language: „…” in Latvian, “…” in English.
    pub fn quote(&self, t: &str) -> String {
        match self.lang {
            Lang::Lv => format!("„{t}”"),
            Lang::En => format!("“{t}”"),
        }
    }

    /// The name of a level in the language (`fallback`, the Latvian name, when it has none).
    pub fn level_name(&self, level: u8, fallback: &str) -> String {
        match self.levels.iter().find(|l| l.level == level) {
            Some(l) => self.lang.pick(&l.lv, l.en.as_deref()).to_string(),
            None => fallback.to_string(),
        }
    }

    /// "3. līmenis „definēts”" / "level 3 “defined”"; "bez līmeņa" / "no level".
    pub fn level(&self, level: Option<u8>, name: Option<&str>) -> String {
        match level {
            Some(l) => {
                let name = self.level_name(l, name.unwrap_or(""));
                self.m.f(
                    "level-named",
                    &[("level", Arg::from(l)), ("name", Arg::Str(&name))],
                )
            }
            None => self.m.t("tech-no-level"),
        }
    }

    /// An interval of scores; in Latvian the bounds are separated by `;` (their decimal mark is
    /// a comma): `(30; 60]`.
    pub fn interval(&self, i: &Interval) -> String {
        let t = i.text();
        match self.lang {
            Lang::Lv => t.replace(", ", "; ").replace('.', ","),
            Lang::En => t,
        }
    }

    /// "interval (30, 60]" / "intervāls (30; 60]".
    pub fn interval_words(&self, i: Option<&Interval>) -> String {
        let t = i.map(|i| self.interval(i)).unwrap_or_default();
        self.m.f("tech-interval", &[("interval", Arg::Str(&t))])
    }

    /// The index's title: the ruleset's (Latvian) one, or "E-index" in English.
    pub fn index_title(&self, ix: &IndexExplanation) -> String {
        match self.lang {
            Lang::Lv => ix.title.clone(),
            Lang::En => self.m.t("index-title"),
        }
    }

    /// A section's name in the language.
    pub fn section_name<'s>(&self, lv: &'s str, en: Option<&'s str>) -> &'s str {
        self.lang.pick(lv, en)
    }

    /// A source's name: "pašvērtējums" / "self-assessment"; an unknown id as is.
    pub fn source(&self, id: &str) -> String {
        match id {
            "self" => self.m.t("source-self"),
            "expert" => self.m.t("source-expert"),
            "auto" => self.m.t("source-auto"),
            _ => id.to_string(),
        }
    }

    /// The word for a missing state, `None` for anything else.
    pub fn missing_word(&self, state: &str) -> Option<String> {
        Some(match state {
            "unanswered" => self.m.t("answer-unanswered"),
            "not_asked" => self.m.t("answer-not-asked"),
            "not_applicable" => self.m.t("answer-not-applicable"),
            "dont_know" => self.m.t("answer-dont-know"),
            _ => return None,
        })
    }

    /// An answer in the language: the label with the id after it, a number in the language's
    /// notation, a missing state as its word with the id (`nav jautāts (not_asked)`).
    pub fn answer(&self, kind: &str, value: &str, label: &str, label_en: &str) -> String {
        // a missing state's label is its id, or a parenthesised "(nav jautāts / not asked)"
        if label == value || label.starts_with('(') || label.is_empty() {
            if let Some(w) = self.missing_word(value) {
                return format!("{w} ({value})");
            }
        }
        if kind == "integer" || kind == "number" {
            return self.num(value);
        }
        answer(self.lang.pick(label, Some(label_en)), value)
    }

    /// An option of a multiple choice with its id.
    pub fn option(&self, o: &OptionText) -> String {
        answer(self.lang.pick(&o.lv, o.en.as_deref()), &o.id)
    }

    /// "3 of 4" / "3 no 4"; an excluded rule: "excluded (max 4)".
    pub fn points(&self, points: Option<&str>, max: &str) -> String {
        let max = self.num(max);
        match points {
            Some(p) => {
                let p = self.num(p);
                self.m.f(
                    "tech-points-of",
                    &[("points", Arg::Str(&p)), ("max", Arg::Str(&max))],
                )
            }
            None => self.m.f("tech-excluded", &[("max", Arg::Str(&max))]),
        }
    }

    /// Why a rule gave its points, from the structured trace (the rule syntax as written).
    pub fn why(&self, r: &RuleExplanation) -> String {
        let w = &r.why;
        let pts = self.points(r.points.as_deref(), &r.max);
        let rows = w
            .rows
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let syntax = w.row_text.join("; ");
        match w.kind.as_str() {
            "arm" => self.m.f(
                "tech-why-arm",
                &[
                    ("rows", Arg::Str(&rows)),
                    ("syntax", Arg::Str(&syntax)),
                    ("points", Arg::Str(&pts)),
                ],
            ),
            "row" if w.policy.is_some() => self.m.f(
                "tech-why-row",
                &[
                    ("k", Arg::from(w.rows.len())),
                    ("rows", Arg::Str(&rows)),
                    ("policy", Arg::Str(w.policy.as_deref().unwrap_or(""))),
                    ("syntax", Arg::Str(&syntax)),
                    ("points", Arg::Str(&pts)),
                ],
            ),
            "no_match" => self.m.f("tech-why-no-match", &[("points", Arg::Str(&pts))]),
            "handler" => {
                let state = w.state.as_deref().unwrap_or("");
                let word = self
                    .missing_word(state)
                    .unwrap_or_else(|| state.to_string());
                self.m.f(
                    "tech-why-handler",
                    &[
                        ("word", Arg::Str(&word)),
                        ("state", Arg::Str(state)),
                        ("points", Arg::Str(&pts)),
                    ],
                )
            }
            "sum" if w.raw.is_some() => {
                let raw = self.num(w.raw.as_deref().unwrap_or(""));
                if w.limited == Some(true) {
                    // a sum above its points was capped (to the points), one below was floored
                    let above = match (w.raw.as_deref().and_then(parse_num), &r.points) {
                        (Some(a), Some(p)) => parse_num(p).is_some_and(|p| a > p),
                        _ => true,
                    };
                    let limit = format!(
                        "{} {}",
                        if above { "cap" } else { "floor" },
                        r.points.as_deref().unwrap_or("")
                    );
                    self.m.f(
                        "tech-why-sum-limited",
                        &[
                            ("raw", Arg::Str(&raw)),
                            ("limit", Arg::Str(limit.trim_end())),
                            ("points", Arg::Str(&pts)),
                        ],
                    )
                } else {
                    self.m.f(
                        "tech-why-sum",
                        &[("raw", Arg::Str(&raw)), ("points", Arg::Str(&pts))],
                    )
                }
            }
            "expression" => self
                .m
                .f("tech-why-expression", &[("points", Arg::Str(&pts))]),
            _ => pts,
        }
    }

    /// The distance to the next level in one sentence; for a section, the rule points as a
    /// second clause that says what they are.
    pub fn gap(&self, g: &Gap) -> String {
        let name = self.level_name(g.next_level, &g.next_level_name);
        let mut t = self.m.f(
            "tech-gap",
            &[
                ("n", Arg::Num(&g.amount)),
                ("strict", Arg::Str(if g.strict { "yes" } else { "no" })),
                ("level", Arg::from(g.next_level)),
                ("name", Arg::Str(&name)),
            ],
        );
        if let Some(r) = &g.raw_points {
            let r = self.num(r);
            t.push(' ');
            t.push_str(&self.m.f("tech-gap-rule-points", &[("n", Arg::Str(&r))]));
        }
        t
    }

    /// The head line of an improvement.
    pub fn improvement_head(&self, imp: &Improvement, of: Of) -> String {
        let name = self.level_name(imp.target_level, &imp.target_level_name);
        let args = [
            ("what", Arg::Str(of.id())),
            ("level", Arg::from(imp.target_level)),
            ("name", Arg::Str(&name)),
            ("k", Arg::from(imp.changes.len())),
        ];
        match imp.status.as_str() {
            "found" => self.m.f("tech-improve-found", &args),
            "stopped_early" if !imp.changes.is_empty() => {
                self.m.f("tech-improve-stopped-best", &args)
            }
            "stopped_early" => self.m.f("tech-improve-stopped", &args),
            "top_level" => self.m.f("tech-improve-top", &args),
            "not_computable" => self.m.f("tech-improve-not-computable", &args),
            _ => self.m.f("tech-improve-out-of-reach", &args),
        }
    }

    /// The result of the changes, when there is one.
    pub fn result(&self, imp: &Improvement) -> Option<String> {
        let (Some(d), Some(l)) = (&imp.result_display, imp.result_level) else {
            return None;
        };
        let over = imp
            .overshoot
            .as_deref()
            .map(|x| short(Some(x)))
            .unwrap_or_default();
        Some(self.m.f(
            "tech-result",
            &[
                ("value", Arg::Str(&self.num(d))),
                ("level", Arg::from(l)),
                ("over", Arg::Str(&self.num(&over))),
                ("minimal", Arg::Str(if imp.minimal { "yes" } else { "no" })),
            ],
        ))
    }

    /// A dropped follow-up answer.
    pub fn dropped(&self, c: &Change, question: &str) -> String {
        let was = self.answer(&c.kind, &c.from_value, &c.from_label, &c.from_label_en);
        self.m.f(
            "tech-dropped",
            &[("question", Arg::Str(question)), ("was", Arg::Str(&was))],
        )
    }

    /// What a change does: `from → to`, or for a multiple choice the options it selects
    /// (`+ …`) and deselects (`− …`), each a line.
    pub fn change(&self, c: &Change) -> Vec<String> {
        if c.kind == "multi" && !(c.added.is_empty() && c.removed.is_empty()) {
            let list = |v: &[OptionText]| {
                v.iter()
                    .map(|o| self.option(o))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let mut out = Vec::new();
            if !c.added.is_empty() {
                out.push(format!("+ {}", list(&c.added)));
            }
            if !c.removed.is_empty() {
                out.push(format!("− {}", list(&c.removed)));
            }
            return out;
        }
        vec![format!(
            "{} → {}",
            self.answer(&c.kind, &c.from_value, &c.from_label, &c.from_label_en),
            self.answer(&c.kind, &c.to_value, &c.to_label, &c.to_label_en)
        )]
    }

    /// "thresholds upper 20, 50" / "sliekšņi (līmeņu augšējās robežas): 20; 50".
    pub fn thresholds(&self, t: &str) -> String {
        let (kind, bounds) = t.split_once(' ').unwrap_or(("", t));
        let bounds = match self.lang {
            Lang::Lv => bounds.replace(", ", "; ").replace('.', ","),
            Lang::En => bounds.to_string(),
        };
        self.m.f(
            "tech-thresholds",
            &[("kind", Arg::Str(kind)), ("bounds", Arg::Str(&bounds))],
        )
    }

    /// A rule's title in the language, if any.
    pub fn title<'s>(&self, lv: Option<&'s str>, en: Option<&'s str>) -> Option<&'s str> {
        lv.map(|t| self.lang.pick(t, en))
    }

    /// A question's text in the language.
    pub fn question<'s>(&self, lv: &'s str, en: Option<&'s str>) -> &'s str {
        self.lang.pick(lv, en)
    }

    /// "(wins over the expert assessment answer 3)".
    pub fn wins_over(&self, ov: &OverriddenAnswer) -> String {
        let src = ov
            .source
            .as_deref()
            .map(|s| self.source(s))
            .unwrap_or_default();
        self.m.f(
            "tech-wins-over",
            &[
                ("source", Arg::Str(&src)),
                ("value", Arg::Str(ov.value.as_deref().unwrap_or("-"))),
            ],
        )
    }

    /// A reason the data gives in English (why a section is left out, why a level is out of
    /// reach) in the language: each `; `-separated part the catalogue knows is translated, any
    /// other part stays as it is.
    pub fn reason(&self, en: &str) -> String {
        if self.lang == Lang::En {
            return en.to_string();
        }
        en.split("; ")
            .map(|part| self.reason_part(part).unwrap_or_else(|| part.to_string()))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub(super) fn reason_part(&self, part: &str) -> Option<String> {
        let m = self.m;
        let fixed = [
            ("no answers in this section", "tech-reason-no-answers"),
            (
                "every rule of the section was excluded",
                "tech-reason-all-excluded",
            ),
            ("weight 0 in the index", "tech-reason-weight-zero"),
            (
                "the index is not computable",
                "tech-reason-index-not-computable",
            ),
            ("already at the highest level", "tech-reason-top"),
            ("best found", "tech-reason-best-found"),
            (
                "the set found did not verify with the evaluator",
                "tech-reason-not-verified",
            ),
            (
                "the target level has no threshold",
                "tech-reason-no-threshold",
            ),
            (
                "no combination of valid answers the unit may change reaches it",
                "tech-reason-no-combination",
            ),
            (
                "proposals keep every option and number the unit reports \
                 (--allow-removals lifts this)",
                "tech-reason-keep",
            ),
        ];
        if let Some((_, id)) = fixed.iter().find(|(t, _)| *t == part) {
            return Some(self.fixed_reason(id));
        }
        if part == "section not applicable (its `applicable if` is false)" {
            return Some(m.t("tech-reason-not-applicable"));
        }
        let what = |w: &str| match w {
            "the index" => Some("index"),
            "the section" => Some("section"),
            _ => None,
        };
        if let Some(k) = between(
            part,
            "no answers in this section: none of its ",
            " questions is answered",
        ) {
            let k: i64 = k.parse().ok()?;
            return Some(m.f("tech-reason-no-answers-count", &[("k", Arg::Int(k))]));
        }
        if let Some(r) = between(part, "the index needs at least ", " sections with a score") {
            let r: i64 = r.parse().ok()?;
            return Some(m.f("tech-reason-index-needs", &[("required", Arg::Int(r))]));
        }
        if let Some(n) = part.strip_prefix("the unit has ") {
            let n: i64 = n.parse().ok()?;
            return Some(m.f("tech-reason-unit-has", &[("present", Arg::Int(n))]));
        }
        if let Some(rest) = part.strip_prefix("search stopped early after ") {
            if let Some(n) = rest.strip_suffix(" evaluations") {
                let n: i64 = n.parse().ok()?;
                return Some(m.f("tech-reason-stopped", &[("n", Arg::Int(n))]));
            }
            let (n, k) = rest.split_once(" evaluations without finding a set of ")?;
            let k = k.strip_suffix(" or fewer changes")?;
            let (n, k): (i64, i64) = (n.parse().ok()?, k.parse().ok()?);
            return Some(m.f(
                "tech-reason-stopped-without",
                &[("n", Arg::Int(n)), ("k", Arg::Int(k))],
            ));
        }
        if let Some(rest) = part.strip_prefix(
            "even full points in every rule that an allowed change improves would give ",
        ) {
            let (w, rest) = rest.split_once(" at most ")?;
            let (most, needs) = rest.split_once(" (needs ")?;
            let needs = needs.strip_suffix(')')?;
            return Some(m.f(
                "tech-reason-bound",
                &[
                    ("what", Arg::Str(what(w)?)),
                    ("most", Arg::Str(&self.num(most))),
                    ("needs", Arg::Str(&self.num(needs))),
                ],
            ));
        }
        if let Some(w) = part.strip_prefix("no allowed change of an answer raises ") {
            return Some(m.f("tech-reason-no-raise", &[("what", Arg::Str(what(w)?))]));
        }
        if let Some(list) =
            part.strip_prefix("facts about the municipality, which explain never changes: ")
        {
            return Some(m.f("tech-reason-facts", &[("list", Arg::Str(list))]));
        }
        if let Some(list) = part.strip_prefix(
            "questions it may not change (their source is not among the unit's own): ",
        ) {
            // `q_x (expert)`, `q_y (self/expert)`: the sources by name (in English the data's
            // ids, as `--source` takes them)
            if self.lang == Lang::En {
                return Some(m.f("tech-reason-fixed", &[("list", Arg::Str(list))]));
            }
            let items: Vec<String> = list
                .split(", ")
                .map(
                    |item| match item.strip_suffix(')').and_then(|i| i.split_once(" (")) {
                        Some((q, who)) => {
                            let who: Vec<String> = who.split('/').map(|s| self.source(s)).collect();
                            format!("{q} ({})", who.join("/"))
                        }
                        None => item.to_string(),
                    },
                )
                .collect();
            return Some(m.f(
                "tech-reason-fixed",
                &[("list", Arg::Str(&items.join(", ")))],
            ));
        }
        None
    }

    /// A message of the reasons without arguments (the ids are literal for the catalogue test).
    fn fixed_reason(&self, id: &str) -> String {
        let m = self.m;
        match id {
            "tech-reason-no-answers" => m.t("tech-reason-no-answers"),
            "tech-reason-all-excluded" => m.t("tech-reason-all-excluded"),
            "tech-reason-weight-zero" => m.t("tech-reason-weight-zero"),
            "tech-reason-index-not-computable" => m.t("tech-reason-index-not-computable"),
            "tech-reason-top" => m.t("tech-reason-top"),
            "tech-reason-best-found" => m.t("tech-reason-best-found"),
            "tech-reason-not-verified" => m.t("tech-reason-not-verified"),
            "tech-reason-no-threshold" => m.t("tech-reason-no-threshold"),
            "tech-reason-no-combination" => m.t("tech-reason-no-combination"),
            _ => m.t("tech-reason-keep"),
        }
    }
}

/// The text between `pre` and `post` when `t` is exactly `pre … post`.
fn between<'t>(t: &'t str, pre: &str, post: &str) -> Option<&'t str> {
    t.strip_prefix(pre)?.strip_suffix(post)
}
