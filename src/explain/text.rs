//! The terminal rendering: fits 100 columns; colour only when asked (a tty without NO_COLOR).

use super::model::*;

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

fn cut(t: &str, n: usize) -> String {
    if t.chars().count() <= n {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
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

pub(super) fn level_text(level: Option<u8>, name: &Option<String>) -> String {
    match level {
        Some(l) => format!("level {l} ({})", name.as_deref().unwrap_or("")),
        None => "no level".into(),
    }
}

pub(super) fn count_changes(n: usize) -> String {
    if n == 1 {
        "1 change".into()
    } else {
        format!("{n} changes")
    }
}

/// Renders the whole document.
pub fn render(doc: &Document, color: bool, _lang: crate::l10n::Lang) -> String {
    let mut o = Out {
        s: String::new(),
        color,
    };
    for (i, u) in doc.units.iter().enumerate() {
        if i > 0 {
            o.line("");
        }
        unit(&mut o, u);
    }
    if doc.units.is_empty() {
        o.line("no units to explain");
    }
    o.s
}

fn unit(o: &mut Out, u: &UnitExplanation) {
    let head = format!("━━ {} ", u.unit);
    let fill = WIDTH.saturating_sub(head.chars().count());
    let h = format!("{head}{}", "━".repeat(fill));
    let h = o.paint("1", &h);
    o.line(&h);
    index(o, u);
    if !u.ignored_answers.is_empty() {
        o.wrapped(
            "ignored answers (their follow-up condition is false): ",
            2,
            &u.ignored_answers.join(", "),
        );
    }
    for s in &u.sections {
        o.line("");
        section(o, s);
    }
}

fn index(o: &mut Out, u: &UnitExplanation) {
    let ix = &u.index;
    if ix.status == "computed" {
        let lv = level_text(ix.level, &ix.level_name);
        let t = format!(
            "{}: {}  {}  interval {}",
            ix.title,
            ix.display.as_deref().unwrap_or(""),
            o.paint("1;36", &lv),
            ix.interval.as_ref().map(Interval::text).unwrap_or_default()
        );
        o.line(&t);
    } else {
        let t = format!("{}: not computable", ix.title);
        let t = o.paint("1;31", &t);
        o.line(&t);
    }
    let m = &ix.min_sections;
    o.line(&format!(
        "  minimum sections: at least {} needed, {} present: {}",
        m.required,
        m.present,
        if m.held { "held" } else { "NOT held" }
    ));
    o.line(&format!(
        "  {} {} {} {}",
        pad("section", 44),
        rpad("weight", 8),
        rpad("score", 7),
        rpad("contribution", 13)
    ));
    for s in &ix.sections {
        let name = cut(&format!("{} ({})", s.lv, s.section), 44);
        match (&s.weight, s.used) {
            (Some(w), true) => o.line(&format!(
                "  {} {} {} {}",
                pad(&name, 44),
                rpad(&percent(w), 8),
                rpad(&short(s.score.as_deref()), 7),
                rpad(s.contribution_display.as_deref().unwrap_or(""), 13)
            )),
            _ => o.wrapped(
                &format!(
                    "  {} {} ",
                    pad(&name, 44),
                    rpad(&format!("({})", s.declared_weight), 8)
                ),
                56,
                &format!("left out: {}", s.left_out.as_deref().unwrap_or("")),
            ),
        }
    }
    if !m.held {
        let names: Vec<String> = m
            .missing
            .iter()
            .map(|x| format!("{} ({})", x.section, x.reason))
            .collect();
        o.wrapped("  missing sections: ", 4, &names.join("; "));
    }
    if let Some(g) = &ix.gap {
        gap(o, g, 2);
    }
    if let Some(imp) = &ix.improvement {
        improvement(o, imp, "the index");
    }
}

/// A weight (exact fraction) as a percentage with one decimal.
pub(super) fn percent(w: &str) -> String {
    let n = parse_num(w);
    match n.and_then(|n| n.mul(crate::num::Num::HUNDRED).ok()) {
        Some(p) => format!("{}%", p.format(1, crate::num::Rounding::HalfUp)),
        None => w.to_string(),
    }
}

/// An exact score as one decimal.
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

fn gap(o: &mut Out, g: &Gap, indent: usize) {
    let pre = " ".repeat(indent);
    let t = o.paint("33", &g.lv);
    o.line(&format!("{pre}{t}"));
    let mut en = format!("{pre}{}", g.en);
    if let Some(r) = &g.raw_points {
        en.push_str(&format!(" (at least {r} rule points)"));
    }
    o.line(&en);
}

pub(super) fn improvement_head(imp: &Improvement, what: &str) -> String {
    let target = format!("level {} ({})", imp.target_level, imp.target_level_name);
    match imp.status.as_str() {
        "found" => format!(
            "What would reach {target} for {what}: {}",
            count_changes(imp.changes.len())
        ),
        "stopped_early" if !imp.changes.is_empty() => format!(
            "What would reach {target} for {what}: {} (search stopped early; best found)",
            count_changes(imp.changes.len())
        ),
        "stopped_early" => format!("{target} for {what}: search stopped early"),
        "top_level" => format!("{what} is already at the highest level"),
        "not_computable" => format!("no improvement for {what}: it is not computable"),
        _ => format!("{target} is out of reach for {what}"),
    }
}

fn improvement(o: &mut Out, imp: &Improvement, what: &str) {
    let head = improvement_head(imp, what);
    let head = o.paint("1;32", &head);
    o.line(&format!("  {head}"));
    for (i, c) in imp.changes.iter().enumerate() {
        o.wrapped(
            &format!("    {}. ", i + 1),
            7,
            &format!("{} „{}”", c.question, c.text),
        );
        o.wrapped(
            "       ",
            9,
            &format!(
                "{} → {}{}",
                answer(&c.from_label, &c.from_value),
                answer(&c.to_label, &c.to_value),
                c.source
                    .as_ref()
                    .map(|s| format!("  [{s}]"))
                    .unwrap_or_default()
            ),
        );
    }
    for c in &imp.dropped {
        o.wrapped(
            "    dropped: ",
            6,
            &format!(
                "{} (no longer asked; was {})",
                c.question,
                answer(&c.from_label, &c.from_value)
            ),
        );
    }
    if !imp.newly_asked.is_empty() {
        o.wrapped(
            "    newly asked, left unanswered: ",
            6,
            &imp.newly_asked.join(", "),
        );
    }
    if let (Some(d), Some(l)) = (&imp.result_display, imp.result_level) {
        o.line(&format!(
            "    result: {d} (level {l}), {} above the least value of the level; {}",
            imp.overshoot
                .as_deref()
                .map(|x| short(Some(x)))
                .unwrap_or_default(),
            if imp.minimal {
                "no smaller set reaches it"
            } else {
                "not proven minimal"
            }
        ));
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            o.wrapped("    ", 4, r);
        }
    }
}

pub(super) fn answer(label: &str, value: &str) -> String {
    if label.is_empty() || label == value {
        value.to_string()
    } else if value.contains('|') || value.chars().all(|c| c.is_ascii_digit() || c == '.') {
        label.to_string()
    } else {
        format!("{label} ({value})")
    }
}

fn section(o: &mut Out, s: &SectionExplanation) {
    let head = format!("── {} ({}) ", s.lv, s.id);
    let head = cut(&head, WIDTH - 4);
    let fill = WIDTH.saturating_sub(head.chars().count());
    let h = format!("{head}{}", "─".repeat(fill));
    let h = o.paint("1", &h);
    o.line(&h);
    if s.status != "scored" {
        let t = format!("not scored: {}", s.missing_reason.as_deref().unwrap_or(""));
        let t = o.paint("31", &t);
        o.line(&t);
    } else {
        let lv = level_text(s.level, &s.level_name);
        let t = format!(
            "score {} ({} of {} points)  {}  interval {}",
            s.display.as_deref().unwrap_or(""),
            s.points.as_deref().unwrap_or(""),
            s.max.as_deref().unwrap_or(""),
            o.paint("1;36", &lv),
            s.interval.as_ref().map(Interval::text).unwrap_or_default(),
        );
        o.line(&t);
        o.line(&format!("thresholds {}", s.thresholds));
        if let Some(g) = &s.gap {
            gap(o, g, 0);
        }
    }
    o.line("rules:");
    for r in &s.rules {
        let pts = match &r.points {
            Some(p) => format!("{p} of {}", r.max),
            None => format!("excluded (max {})", r.max),
        };
        let title = r
            .title
            .as_deref()
            .map(|t| format!(" „{t}”"))
            .unwrap_or_default();
        let name = cut(&format!("{}{title}", r.rule), 80);
        o.line(&format!(
            "  {} {}",
            pad(&name, 80),
            rpad(&pts, 16).trim_end()
        ));
        o.wrapped("      ", 6, &r.why.text);
        for a in &r.inputs {
            o.wrapped("      · ", 8, &format!("{} „{}”", a.question, a.text));
            let mut t = format!("= {}", answer(&a.label, &a.value));
            if let Some(src) = &a.source {
                t.push_str(&format!("  [{src}]"));
            }
            for ov in &a.overridden {
                t.push_str(&format!(
                    "  (wins over {} answer {})",
                    ov.source.as_deref().unwrap_or("another"),
                    ov.value.as_deref().unwrap_or("-")
                ));
            }
            o.wrapped("          ", 10, &t);
        }
    }
    if !s.lost.is_empty() {
        o.line("where the points were lost:");
        for l in &s.lost {
            let title = l
                .title
                .as_deref()
                .map(|t| format!(" „{t}”"))
                .unwrap_or_default();
            let name = cut(&format!("{}{title}", l.rule), 80);
            o.line(&format!("  {} −{} of {}", pad(&name, 80), l.missed, l.max));
        }
    }
    if let Some(imp) = &s.improvement {
        improvement(o, imp, "this section");
    }
}
