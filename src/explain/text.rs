//! The terminal rendering of the methodologist's view (`--detail technical`), in the chosen
//! language: fits 100 columns (names wrap at word boundaries, never cut); colour only when asked
//! (a tty without NO_COLOR). The words every technical renderer shares ([`Words`]) live here.

use super::model::*;
use crate::l10n::{Arg, Lang, Messages};

const WIDTH: usize = 100;

struct Out {
    s: String,
    color: bool,
}

impl Out {
    fn paint(&self, code: &str, t: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    }

    fn line(&mut self, t: &str) {
        self.s.push_str(t);
        self.s.push('\n');
    }

    /// Wraps `t` at word boundaries: first line after `first`, the rest indented by `indent`.
    fn wrapped(&mut self, first: &str, indent: usize, t: &str) {
        for l in wrap(first, indent, t) {
            self.line(&l);
        }
    }
}

/// Word-wraps to 100 columns (counting characters, so Latvian letters count once).
pub(super) fn wrap(first: &str, indent: usize, t: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = first.to_string();
    let mut len = first.chars().count();
    let mut empty = true;
    for w in t.split_whitespace() {
        let wl = w.chars().count();
        if !empty && len + 1 + wl > WIDTH {
            lines.push(std::mem::take(&mut cur));
            cur = " ".repeat(indent);
            len = indent;
            empty = true;
        }
        if !empty {
            cur.push(' ');
            len += 1;
        }
        cur.push_str(w);
        len += wl;
        empty = false;
    }
    lines.push(cur);
    lines
}

/// Word-wraps `t` into lines of at most `first` characters (the first line) and `rest` (the
/// others); a word longer than the width stands alone on its line, whole.
fn wrap_cols(t: &str, first: usize, rest: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut len = 0;
    for w in t.split_whitespace() {
        let wl = w.chars().count();
        let width = if lines.is_empty() { first } else { rest };
        if len > 0 && len + 1 + wl > width {
            lines.push(std::mem::take(&mut cur));
            len = 0;
        }
        if len > 0 {
            cur.push(' ');
            len += 1;
        }
        cur.push_str(w);
        len += wl;
    }
    lines.push(cur);
    lines
}

fn pad(t: &str, n: usize) -> String {
    let c = t.chars().count();
    if c >= n {
        t.to_string()
    } else {
        format!("{t}{}", " ".repeat(n - c))
    }
}

fn rpad(t: &str, n: usize) -> String {
    let c = t.chars().count();
    if c >= n {
        t.to_string()
    } else {
        format!("{}{t}", " ".repeat(n - c))
    }
}

/// A weight (exact fraction) as a percentage with one decimal (`.`; see [`Words::num`]).
pub(super) fn percent(w: &str) -> String {
    let n = parse_num(w);
    match n.and_then(|n| n.mul(crate::num::Num::HUNDRED).ok()) {
        Some(p) => format!("{}%", p.format(1, crate::num::Rounding::HalfUp)),
        None => w.to_string(),
    }
}

/// An exact score as one decimal (`.`; see [`Words::num`]).
pub(super) fn short(v: Option<&str>) -> String {
    match v.and_then(parse_num) {
        Some(n) => n.format(1, crate::num::Rounding::HalfUp),
        None => v.unwrap_or("").to_string(),
    }
}

pub(super) fn parse_num(s: &str) -> Option<crate::num::Num> {
    match s.split_once('/') {
        Some((a, b)) => crate::num::Num::frac(a.parse().ok()?, b.parse().ok()?),
        None => s.parse().ok(),
    }
}

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
    levels: &'a [LevelInfo],
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

    fn reason_part(&self, part: &str) -> Option<String> {
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

/// Renders the whole document.
pub fn render(doc: &Document, color: bool, lang: Lang) -> String {
    let w = Words::new(doc, lang);
    let mut o = Out {
        s: String::new(),
        color,
    };
    for (i, u) in doc.units.iter().enumerate() {
        if i > 0 {
            o.line("");
        }
        unit(&mut o, &w, u);
    }
    if doc.units.is_empty() {
        o.line(&w.m.t("tech-no-units"));
    }
    o.s
}

fn unit(o: &mut Out, w: &Words, u: &UnitExplanation) {
    let head = format!("━━ {} ", u.unit);
    let fill = WIDTH.saturating_sub(head.chars().count());
    let h = format!("{head}{}", "━".repeat(fill));
    let h = o.paint("1", &h);
    o.line(&h);
    index(o, w, u);
    if !u.ignored_answers.is_empty() {
        o.wrapped(
            &format!("{}: ", w.m.t("tech-ignored")),
            2,
            &u.ignored_answers.join(", "),
        );
    }
    for s in &u.sections {
        o.line("");
        section(o, w, s);
    }
}

/// The width of the index table's first column: the sections' names.
const NAME_COL: usize = 62;

/// A table row: `name` wrapped in a column of [`NAME_COL`] (continuation lines indented by 2
/// more), `cols` after the first line.
fn name_row(o: &mut Out, name: &str, cols: &str) {
    let lines = wrap_cols(name, NAME_COL, NAME_COL - 2);
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            let t = format!("  {} {cols}", pad(l, NAME_COL));
            o.line(t.trim_end());
        } else {
            o.line(&format!("    {l}"));
        }
    }
}

fn index(o: &mut Out, w: &Words, u: &UnitExplanation) {
    let ix = &u.index;
    let m = w.m;
    let title = w.index_title(ix);
    if ix.status == "computed" {
        let lv = w.level(ix.level, ix.level_name.as_deref());
        let t = format!(
            "{title}: {}  {}  {}",
            w.num(ix.display.as_deref().unwrap_or("")),
            o.paint("1;36", &lv),
            w.interval_words(ix.interval.as_ref())
        );
        o.line(&t);
    } else {
        let t = format!("{title}: {}", m.t("not-computable"));
        let t = o.paint("1;31", &t);
        o.line(&t);
    }
    let ms = &ix.min_sections;
    o.line(&format!("  {}", min_sections(w, ms)));
    o.line(&format!(
        "  {} {} {} {}",
        pad(&m.t("tech-col-section"), NAME_COL),
        rpad(&m.t("tech-col-weight"), 8),
        rpad(&m.t("tech-col-score"), 10),
        rpad(&m.t("tech-col-contribution"), 13)
    ));
    for s in &ix.sections {
        let name = format!("{} ({})", w.section_name(&s.lv, s.en.as_deref()), s.section);
        match (&s.weight, s.used) {
            (Some(wt), true) => name_row(
                o,
                &name,
                &format!(
                    "{} {} {}",
                    rpad(&w.num(&percent(wt)), 8),
                    rpad(&w.num(&short(s.score.as_deref())), 10),
                    rpad(&w.num(s.contribution_display.as_deref().unwrap_or("")), 13)
                ),
            ),
            _ => {
                name_row(
                    o,
                    &name,
                    &rpad(&format!("({})", w.num(&s.declared_weight)), 8),
                );
                let why = w.reason(s.left_out.as_deref().unwrap_or(""));
                o.wrapped(
                    "    ",
                    6,
                    &m.f("tech-left-out", &[("reason", Arg::Str(&why))]),
                );
            }
        }
    }
    if !ms.held {
        let names: Vec<String> = ms
            .missing
            .iter()
            .map(|x| format!("{} ({})", x.section, w.reason(&x.reason)))
            .collect();
        o.wrapped(
            &format!("  {}: ", m.t("tech-missing-sections")),
            4,
            &names.join("; "),
        );
    }
    if let Some(g) = &ix.gap {
        let t = o.paint("33", &w.gap(g));
        o.wrapped("  ", 4, &t);
    }
    if let Some(imp) = &ix.improvement {
        improvement(o, w, imp, Of::Index);
    }
}

/// "minimum sections: at least 2 needed, 3 present: held".
pub(super) fn min_sections(w: &Words, ms: &MinSections) -> String {
    w.m.f(
        "tech-min-sections",
        &[
            ("required", Arg::from(ms.required)),
            ("present", Arg::from(ms.present)),
            ("held", Arg::Str(if ms.held { "yes" } else { "no" })),
        ],
    )
}

fn improvement(o: &mut Out, w: &Words, imp: &Improvement, of: Of) {
    let head = w.improvement_head(imp, of);
    let head = o.paint("1;32", &head);
    o.wrapped("  ", 4, &head);
    for (i, c) in imp.changes.iter().enumerate() {
        o.wrapped(
            &format!("    {}. ", i + 1),
            7,
            &format!(
                "{} {}",
                c.question,
                w.quote(w.question(&c.text, c.text_en.as_deref()))
            ),
        );
        let src = c
            .source
            .as_ref()
            .map(|s| format!("  [{}]", w.source(s)))
            .unwrap_or_default();
        for (k, l) in w.change(c).iter().enumerate() {
            let tail = if k == 0 { src.as_str() } else { "" };
            o.wrapped("       ", 9, &format!("{l}{tail}"));
        }
    }
    for c in &imp.dropped {
        o.wrapped("    ", 6, &w.dropped(c, &c.question));
    }
    if !imp.newly_asked.is_empty() {
        o.wrapped(
            &format!("    {}: ", w.m.t("tech-newly-asked")),
            6,
            &imp.newly_asked.join(", "),
        );
    }
    if let Some(r) = w.result(imp) {
        o.wrapped("    ", 6, &r);
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            o.wrapped("    ", 4, &w.reason(r));
        }
    }
}

fn section(o: &mut Out, w: &Words, s: &SectionExplanation) {
    let m = w.m;
    // the full name, wrapped; the rule fills the rest of the last line
    let name = format!("{} ({})", w.section_name(&s.lv, s.en.as_deref()), s.id);
    let lines = wrap_cols(&name, WIDTH - 7, WIDTH - 7);
    let last = lines.len() - 1;
    for (i, l) in lines.iter().enumerate() {
        let pre = if i == 0 { "── " } else { "   " };
        let mut h = format!("{pre}{l}");
        if i == last {
            let fill = WIDTH.saturating_sub(h.chars().count() + 1).max(3);
            h = format!("{h} {}", "─".repeat(fill));
        }
        let h = o.paint("1", &h);
        o.line(&h);
    }
    if s.status != "scored" {
        let why = w.reason(s.missing_reason.as_deref().unwrap_or(""));
        let t = m.f("tech-not-scored", &[("reason", Arg::Str(&why))]);
        let t = o.paint("31", &t);
        o.wrapped("", 2, &t);
    } else {
        let lv = w.level(s.level, s.level_name.as_deref());
        let score = m.f(
            "tech-score",
            &[
                (
                    "display",
                    Arg::Str(&w.num(s.display.as_deref().unwrap_or(""))),
                ),
                (
                    "points",
                    Arg::Str(&w.num(s.points.as_deref().unwrap_or(""))),
                ),
                ("max", Arg::Num(s.max.as_deref().unwrap_or(""))),
            ],
        );
        let t = format!(
            "{score}  {}  {}",
            o.paint("1;36", &lv),
            w.interval_words(s.interval.as_ref()),
        );
        o.line(&t);
        o.line(&w.thresholds(&s.thresholds));
        if let Some(g) = &s.gap {
            let t = o.paint("33", &w.gap(g));
            o.wrapped("", 2, &t);
        }
    }
    o.line(&m.t("tech-rules"));
    for r in &s.rules {
        let pts = w.points(r.points.as_deref(), &r.max);
        let name = rule_name(w, &r.rule, r.title.as_deref(), r.title_en.as_deref());
        two_cols(o, &name, &rpad(&pts, 16));
        o.wrapped("      ", 6, &w.why(r));
        for a in &r.inputs {
            o.wrapped(
                "      · ",
                8,
                &format!(
                    "{} {}",
                    a.question,
                    w.quote(w.question(&a.text, a.text_en.as_deref()))
                ),
            );
            let mut t = format!("= {}", w.answer(&a.kind, &a.value, &a.label, &a.label_en));
            if let Some(src) = &a.source {
                t.push_str(&format!("  [{}]", w.source(src)));
            }
            for ov in &a.overridden {
                t.push_str(&format!("  {}", w.wins_over(ov)));
            }
            o.wrapped("          ", 10, &t);
        }
    }
    if !s.lost.is_empty() {
        o.line(&m.t("tech-lost"));
        for l in &s.lost {
            let name = rule_name(w, &l.rule, l.title.as_deref(), l.title_en.as_deref());
            let lost = m.f(
                "tech-points-lost",
                &[
                    ("missed", Arg::Str(&w.num(&l.missed))),
                    ("max", Arg::Str(&w.num(&l.max))),
                ],
            );
            two_cols(o, &name, &lost);
        }
    }
    if let Some(imp) = &s.improvement {
        improvement(o, w, imp, Of::Section);
    }
}

/// `portal „E-pakalpojumu portāls”`.
fn rule_name(w: &Words, rule: &str, title: Option<&str>, title_en: Option<&str>) -> String {
    match w.title(title, title_en) {
        Some(t) => format!("{rule} {}", w.quote(t)),
        None => rule.to_string(),
    }
}

/// A rule's name wrapped in a column of 80 (continuation lines indented by 2 more), `right`
/// after its first line.
fn two_cols(o: &mut Out, name: &str, right: &str) {
    for (i, l) in wrap_cols(name, 80, 78).iter().enumerate() {
        if i == 0 {
            let t = format!("  {} {right}", pad(l, 80));
            o.line(t.trim_end());
        } else {
            o.line(&format!("    {l}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(lang: Lang) -> Words<'static> {
        Words {
            lang,
            m: lang.messages(),
            levels: &[],
        }
    }

    /// Every reason the data gives, as the builder and the search write them.
    const REASONS: &[&str] = &[
        "no answers in this section: none of its 4 questions is answered",
        "no answers in this section",
        "section not applicable (its `applicable if` is false)",
        "every rule of the section was excluded",
        "weight 0 in the index",
        "the index is not computable",
        "the index needs at least 2 sections with a score; the unit has 1",
        "already at the highest level",
        "search stopped early after 200000 evaluations; best found",
        "search stopped early after 31 evaluations without finding a set of 3 or fewer changes",
        "the set found did not verify with the evaluator",
        "the target level has no threshold",
        "no combination of valid answers the unit may change reaches it; facts about the \
         municipality, which explain never changes: p, q; questions it may not change (their \
         source is not among the unit's own): q_data_quality (expert), q_x (self/expert); \
         proposals keep every option and number the unit reports (--allow-removals lifts this)",
        "even full points in every rule that an allowed change improves would give the section \
         at most 75.5 (needs 80.0)",
        "no allowed change of an answer raises the index",
    ];

    /// The English catalogue says exactly what the data says, and every part is known to the
    /// Latvian one (nothing stays English).
    #[test]
    fn every_reason_is_in_the_catalogue() {
        let (en, lv) = (words(Lang::En), words(Lang::Lv));
        for r in REASONS {
            for part in r.split("; ") {
                assert_eq!(en.reason_part(part).as_deref(), Some(part), "{part}");
                assert!(lv.reason_part(part).is_some(), "{part}");
            }
        }
        assert_eq!(
            lv.reason(REASONS[0]),
            "sadaļā nav atbilžu: nav atbildēts neviens no tās 4 jautājumiem"
        );
        assert_eq!(
            lv.reason(REASONS[13]),
            "pat pilni punkti katrā noteikumā, ko uzlabo atļauta izmaiņa, sadaļai dotu ne vairāk \
             kā 75,5 (vajag 80,0)"
        );
        assert_eq!(lv.reason("something new"), "something new");
    }

    #[test]
    fn the_gap_is_one_sentence_in_the_case_latvian_needs() {
        let lv = words(Lang::Lv);
        let g = |amount: &str, raw: Option<&str>| Gap {
            next_level: 4,
            next_level_name: "pārvaldīts".into(),
            target: "80".into(),
            strict: false,
            amount: amount.into(),
            raw_points: raw.map(String::from),
            lv: String::new(),
            en: String::new(),
        };
        assert_eq!(
            lv.gap(&g("15", None)),
            "trūkst 15 punktu, lai sasniegtu 4. līmeni „pārvaldīts”"
        );
        assert_eq!(
            lv.gap(&g("21", Some("2.05"))),
            "trūkst 21 punkta, lai sasniegtu 4. līmeni „pārvaldīts” (vērtējuma punkti; \
             noteikumu punktos — vēl vismaz 2,05)"
        );
        assert_eq!(
            words(Lang::En).gap(&g("1", None)),
            "lacks 1 point to reach level 4 “pārvaldīts”"
        );
    }

    #[test]
    fn names_wrap_at_words_and_are_never_cut() {
        let t = "Saziņa ar sabiedrību un līdzdalība (communication)";
        let lines = wrap_cols(t, 44, 42);
        assert_eq!(
            lines,
            ["Saziņa ar sabiedrību un līdzdalība", "(communication)"]
        );
        assert_eq!(wrap_cols("a", 44, 42), ["a"]);
    }
}
