//! The terminal rendering of the methodologist's view (`--detail technical`), in the chosen
//! language: fits 100 columns (names wrap at word boundaries, never cut); colour only when asked
//! (a tty without NO_COLOR). The words every technical renderer shares are in `words.rs`.

use super::model::*;
use super::words::{Of, Words};
use crate::l10n::{Arg, Lang};

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
