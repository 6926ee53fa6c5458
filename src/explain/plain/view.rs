//! What a municipality reads, in its language: built from the explanation's data (and nothing
//! else) into sentences and small tables, which the text, Markdown and HTML renderers lay out.
//!
//! One kind of points: the section's points of 100 (the score levels compare, whole in 2022 as
//! the report prints them); a rule's lost points are converted to them
//! (`missed / section maximum × 100`). No ids, no rule syntax.

use crate::explain::model::*;
use crate::l10n::{Arg, Lang, Messages};
use crate::num::{Num, Rounding};

/// One unit's page.
pub struct UnitView {
    pub unit: String,
    pub title: String,
    /// The E-index sentence and its gap sentence.
    pub index: Vec<String>,
    pub index_score: Option<Num>,
    pub index_bands: Vec<BandView>,
    pub index_level: Option<u8>,
    pub index_level_label: String,
    pub sections: Vec<SectionRow>,
    /// Per section: its name and the titles of the criteria with every point.
    pub well: Vec<(String, Vec<String>)>,
    /// Per section: its name and its largest losses.
    pub lost: Vec<(String, Vec<String>)>,
    pub actions: Vec<ActionGroup>,
}

pub struct SectionRow {
    pub name: String,
    /// Whole section points, in the language's notation.
    pub score: Option<String>,
    pub score_num: Option<Num>,
    pub level: Option<u8>,
    pub level_label: String,
    pub next: String,
    /// The gap as a sentence ("Līdz 4. līmenim „pārvaldīts” trūkst 15 punktu.").
    pub gap: Option<String>,
    pub bands: Vec<BandView>,
}

/// A level's band, for drawing: the level, its name, and where it ends (points of 100).
pub struct BandView {
    pub level: u8,
    pub name: String,
    pub low: Num,
    pub high: Num,
}

pub struct ActionGroup {
    /// "Saziņa ar sabiedrību un līdzdalība: 4. līmenis „pārvaldīts”"
    pub heading: String,
    /// "2 darbības", or why there are none.
    pub summary: String,
    pub items: Vec<Action>,
    /// "Pēc tam: 82 punkti, …"
    pub result: Option<String>,
}

pub struct Action {
    /// What to do, in a sentence.
    pub what: String,
    /// The options a multiple-choice change adds (for the renderers that list them).
    pub added: Vec<String>,
    pub question: String,
    pub note: Option<String>,
}

pub fn num(s: &str) -> Option<Num> {
    match s.split_once('/') {
        Some((a, b)) => Num::frac(a.parse().ok()?, b.parse().ok()?),
        None => s.parse().ok(),
    }
}

/// A number of points as the report prints a section's: whole.
fn whole(n: Num) -> String {
    n.format(0, Rounding::HalfUp)
}

pub struct Builder<'a> {
    pub doc: &'a Document,
    pub lang: Lang,
    pub m: &'static Messages,
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a Document, lang: Lang) -> Builder<'a> {
        Builder {
            doc,
            lang,
            m: lang.messages(),
        }
    }

    fn level_name(&self, level: u8) -> String {
        self.doc
            .levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| self.lang.pick(&l.lv, l.en.as_deref()).to_string())
            .unwrap_or_default()
    }

    /// "3. līmenis „definēts”" (level 0: its name only).
    pub fn level_label(&self, level: u8) -> String {
        let name = self.level_name(level);
        if level == 0 {
            self.m.f("plain-level-zero", &[("name", Arg::Str(&name))])
        } else {
            self.m.f(
                "plain-level",
                &[("level", level.into()), ("name", Arg::Str(&name))],
            )
        }
    }

    fn level_target(&self, level: u8) -> String {
        let name = self.level_name(level);
        self.m.f(
            "plain-level-target",
            &[("level", level.into()), ("name", Arg::Str(&name))],
        )
    }

    fn bands(&self, bands: &[Band]) -> Vec<BandView> {
        bands
            .iter()
            .filter_map(|b| {
                Some(BandView {
                    level: b.level,
                    name: self.level_name(b.level),
                    low: num(&b.interval.low)?,
                    high: num(&b.interval.high)?,
                })
            })
            .collect()
    }

    fn gap_sentence(&self, g: &Gap) -> String {
        let target = self.level_target(g.next_level);
        let amount = num(&g.amount).map_or(g.amount.clone(), whole_up);
        let id = if g.strict {
            "plain-gap-more"
        } else {
            "plain-gap"
        };
        self.m.f(
            id,
            &[("level", Arg::Str(&target)), ("n", Arg::Num(&amount))],
        )
    }

    pub fn unit(&self, u: &UnitExplanation) -> UnitView {
        let m = self.m;
        let title = match self.doc.survey.year {
            Some(y) => m.f(
                "plain-title",
                &[("unit", Arg::Str(&u.unit)), ("year", Arg::Int(y))],
            ),
            None => m.f("plain-title-no-year", &[("unit", Arg::Str(&u.unit))]),
        };
        let ix = &u.index;
        let mut index = Vec::new();
        let mut index_level_label = String::new();
        match (ix.display.as_deref(), ix.level) {
            (Some(d), Some(l)) if ix.status == "computed" => {
                index_level_label = self.level_label(l);
                index.push(m.f(
                    "plain-index-line",
                    &[
                        ("score", Arg::Num(d)),
                        ("level", Arg::Str(&index_level_label)),
                    ],
                ));
                match &ix.gap {
                    Some(g) => index.push(self.gap_sentence(g)),
                    None => index.push(m.t("plain-top")),
                }
            }
            _ => index.push(m.f(
                "plain-index-not-computable",
                &[
                    ("present", ix.min_sections.present.into()),
                    ("total", ix.sections.len().into()),
                    ("required", ix.min_sections.required.into()),
                ],
            )),
        }
        let sections = u.sections.iter().map(|s| self.section_row(s)).collect();
        let well = u
            .sections
            .iter()
            .map(|s| (self.section_name(s), self.well(s)))
            .collect();
        let lost = u
            .sections
            .iter()
            .map(|s| (self.section_name(s), self.lost(s)))
            .collect();
        let mut actions = Vec::new();
        if let Some(imp) = &ix.improvement {
            actions.push(self.actions(&m.t("index-title"), imp, true));
        }
        for s in &u.sections {
            if let Some(imp) = &s.improvement {
                actions.push(self.actions(&self.section_name(s), imp, false));
            }
        }
        UnitView {
            unit: u.unit.clone(),
            title,
            index,
            index_score: ix.display.as_deref().and_then(num),
            index_bands: self.bands(&ix.bands),
            index_level: ix.level,
            index_level_label,
            sections,
            well,
            lost,
            actions,
        }
    }

    pub fn section_name(&self, s: &SectionExplanation) -> String {
        self.lang.pick(&s.lv, s.en.as_deref()).to_string()
    }

    fn section_row(&self, s: &SectionExplanation) -> SectionRow {
        let m = self.m;
        let score_num = s.compared.as_deref().and_then(num);
        let next = match (&s.gap, s.level) {
            (Some(g), _) => {
                let a = num(&g.amount).map_or(g.amount.clone(), whole_up);
                let n = m.f("plain-next-points", &[("n", Arg::Num(&a))]);
                if g.strict {
                    m.f("plain-next-more", &[("n", Arg::Str(&n))])
                } else {
                    n
                }
            }
            (None, Some(_)) => m.t("plain-next-top"),
            (None, None) => String::new(),
        };
        SectionRow {
            name: self.section_name(s),
            score: score_num.map(|n| self.lang.decimal(&whole(n))),
            score_num,
            level: s.level,
            level_label: s
                .level
                .map_or_else(|| m.t("plain-section-missing"), |l| self.level_label(l)),
            next,
            gap: s.gap.as_ref().map(|g| self.gap_sentence(g)),
            bands: self.bands(&s.bands),
        }
    }

    fn rule_title(&self, r: &RuleExplanation) -> String {
        match &r.title {
            Some(t) => self.lang.pick(t, r.title_en.as_deref()).to_string(),
            // an untitled rule: the text of its first question
            None => r
                .inputs
                .first()
                .map(|a| self.lang.pick(&a.text, a.text_en.as_deref()).to_string())
                .unwrap_or_else(|| r.rule.clone()),
        }
    }

    fn well(&self, s: &SectionExplanation) -> Vec<String> {
        s.rules
            .iter()
            .filter(|r| !r.excluded && r.missed == "0" && r.max != "0")
            .map(|r| self.rule_title(r))
            .collect()
    }

    /// The largest losses of a section (at most three), in section points.
    fn lost(&self, s: &SectionExplanation) -> Vec<String> {
        let Some(max) = s.max.as_deref().and_then(num).filter(|m| !m.is_zero()) else {
            return Vec::new();
        };
        let to_section = |raw: &str| -> Option<Num> {
            num(raw)?.mul(Num::HUNDRED).ok()?.div(max).ok().flatten()
        };
        let mut v: Vec<(Num, String)> = Vec::new();
        for r in s.rules.iter().filter(|r| !r.excluded && r.missed != "0") {
            let (Some(missed), Some(rmax)) = (to_section(&r.missed), to_section(&r.max)) else {
                continue;
            };
            let got = rmax.sub(missed).unwrap_or(Num::ZERO);
            let text = self.m.f(
                "plain-lost-item",
                &[
                    ("title", Arg::Str(&self.rule_title(r))),
                    ("got", Arg::Num(&whole(got))),
                    ("max", Arg::Num(&whole(rmax))),
                ],
            );
            v.push((missed, text));
        }
        // most lost first; ties in the rules' order (a stable sort)
        v.sort_by_key(|x| std::cmp::Reverse(x.0));
        v.into_iter().take(3).map(|x| x.1).collect()
    }

    fn actions(&self, what: &str, imp: &Improvement, index: bool) -> ActionGroup {
        let m = self.m;
        let target = self.level_label(imp.target_level);
        let target_to = self.level_target(imp.target_level);
        let heading = if matches!(imp.status.as_str(), "not_computable" | "top_level") {
            what.to_string()
        } else {
            m.f(
                "plain-actions-for",
                &[("what", Arg::Str(what)), ("level", Arg::Str(&target))],
            )
        };
        let found =
            !imp.changes.is_empty() && matches!(imp.status.as_str(), "found" | "stopped_early");
        let summary = match imp.status.as_str() {
            _ if found => {
                let mut s = m.f("plain-actions-count", &[("n", imp.changes.len().into())]);
                if !imp.minimal {
                    s = format!("{s}. {}", m.t("plain-action-not-minimal"));
                }
                s
            }
            "top_level" => m.t("plain-top"),
            "not_computable" => m.t("plain-not-computable"),
            "stopped_early" => m.f("plain-stopped", &[("level", Arg::Str(&target_to))]),
            _ => m.f("plain-out-of-reach", &[("level", Arg::Str(&target))]),
        };
        let items = if found {
            imp.changes.iter().map(|c| self.action(c)).collect()
        } else {
            Vec::new()
        };
        let result = match (found, &imp.result_display, imp.result_level) {
            // the index as the report prints it (one decimal), a section's points whole
            (true, Some(d), Some(l)) if index => Some(m.f(
                "plain-action-result-index",
                &[
                    ("score", Arg::Num(d)),
                    ("level", Arg::Str(&self.level_label(l))),
                ],
            )),
            (true, Some(d), Some(l)) => {
                let score = num(d).map_or(d.clone(), whole);
                Some(m.f(
                    "plain-action-result",
                    &[
                        ("score", Arg::Num(&score)),
                        ("level", Arg::Str(&self.level_label(l))),
                    ],
                ))
            }
            _ => None,
        };
        ActionGroup {
            heading,
            summary,
            items,
            result,
        }
    }

    /// An answer's label in the language, or the word for a missing answer.
    fn label(&self, value: &str, lv: &str, en: &str) -> String {
        let m = self.m;
        match value {
            "not_applicable" => m.t("answer-not-applicable"),
            "dont_know" => m.t("answer-dont-know"),
            "unanswered" => m.t("answer-unanswered"),
            "not_asked" => m.t("answer-not-asked"),
            "" => m.t("plain-none-selected"),
            _ => match self.lang {
                Lang::En => en.to_string(),
                Lang::Lv => lv.to_string(),
            },
        }
    }

    fn action(&self, c: &Change) -> Action {
        let m = self.m;
        let opt = |o: &OptionText| self.lang.pick(&o.lv, o.en.as_deref()).to_string();
        let added: Vec<String> = c.added.iter().map(opt).collect();
        // Without --allow-removals a proposal deselects only what an added option excludes
        // (a "none" answer): implied by the addition, not a thing to do.
        let removed: Vec<String> = if self.doc.search.allow_removals || added.is_empty() {
            c.removed.iter().map(opt).collect()
        } else {
            Vec::new()
        };
        let what = if c.kind == "multi" {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(m.f(
                    "plain-action-add",
                    &[("options", Arg::Str(&added.join("; ")))],
                ));
            }
            if !removed.is_empty() {
                parts.push(m.f(
                    "plain-action-remove",
                    &[("options", Arg::Str(&removed.join("; ")))],
                ));
            }
            parts.join(" ")
        } else {
            let from = self.label(&c.from_value, &c.from_label, &c.from_label_en);
            let to = self.label(&c.to_value, &c.to_label, &c.to_label_en);
            if matches!(c.kind.as_str(), "integer" | "number") {
                let d = |s: &str| self.lang.decimal(s);
                m.f(
                    "plain-action-number",
                    &[("to", Arg::Str(&d(&to))), ("from", Arg::Str(&d(&from)))],
                )
            } else {
                m.f(
                    "plain-action-choose",
                    &[("to", Arg::Str(&to)), ("from", Arg::Str(&from))],
                )
            }
        };
        let note = match c.source.as_deref() {
            Some("expert") => Some(m.t("plain-action-by-expert")),
            Some("auto") => Some(m.t("plain-action-by-auto")),
            _ => None,
        };
        Action {
            what,
            added,
            question: m.f(
                "plain-action-question",
                &[(
                    "question",
                    Arg::Str(self.lang.pick(&c.text, c.text_en.as_deref())),
                )],
            ),
            note,
        }
    }
}

/// Points still needed, as whole points: rounded up (2.25 needed points are 3 whole ones).
fn whole_up(n: Num) -> String {
    let down = n.round(0, Rounding::HalfUp);
    let up = if down < n {
        down.add(Num::ONE).unwrap_or(down)
    } else {
        down
    };
    whole(up)
}
