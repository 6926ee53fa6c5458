//! A self-contained HTML page for all selected units: inline CSS, a table of contents, no
//! scripts and no external assets. Every text is escaped.

use super::model::*;
use super::text::{answer, improvement_head, level_text, percent, short};
use crate::text::escape_html as esc;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}\
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}.gap{color:#8a5a00}.lvl{font-weight:bold;color:#035}\
.imp{background:#eef7ee;border-left:4px solid #4a4;padding:.25rem .75rem;margin:.5rem 0 1rem}\
.miss{color:#a00}section.unit{border-top:3px solid #035;margin-top:2rem}small{color:#666}";

pub fn render(doc: &Document, _lang: crate::l10n::Lang) -> String {
    let mut s = String::new();
    let year = doc.survey.year.map(|y| format!(" {y}")).unwrap_or_default();
    let title = format!("{}{year}: explanation", doc.survey.name);
    s.push_str("<!DOCTYPE html>\n<html lang=\"lv\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    ));
    s.push_str(&format!(
        "<h1>{}</h1>\n<nav><h2>Contents</h2>\n<ol>\n",
        esc(&title)
    ));
    for (i, u) in doc.units.iter().enumerate() {
        s.push_str(&format!(
            "<li><a href=\"#u{i}\">{}</a></li>\n",
            esc(&u.unit)
        ));
    }
    s.push_str("</ol></nav>\n");
    for (i, u) in doc.units.iter().enumerate() {
        unit(&mut s, i, u);
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn unit(s: &mut String, i: usize, u: &UnitExplanation) {
    s.push_str(&format!(
        "<section class=\"unit\" id=\"u{i}\">\n<h2>{}</h2>\n",
        esc(&u.unit)
    ));
    let ix = &u.index;
    if ix.status == "computed" {
        s.push_str(&format!(
            "<p><strong>{}: {}</strong> <span class=\"lvl\">{}</span>, interval {}</p>\n",
            esc(&ix.title),
            esc(ix.display.as_deref().unwrap_or("")),
            esc(&level_text(ix.level, &ix.level_name)),
            esc(&ix.interval.as_ref().map(Interval::text).unwrap_or_default())
        ));
    } else {
        s.push_str(&format!(
            "<p class=\"miss\"><strong>{}: not computable</strong></p>\n",
            esc(&ix.title)
        ));
    }
    let m = &ix.min_sections;
    s.push_str(&format!(
        "<p>Minimum sections: at least {} needed, {} present: {}.</p>\n",
        m.required,
        m.present,
        if m.held {
            "held"
        } else {
            "<strong class=\"miss\">not held</strong>"
        }
    ));
    s.push_str("<table><tr><th>Section</th><th>Weight</th><th>Score</th><th>Contribution</th><th>Note</th></tr>\n");
    for x in &ix.sections {
        s.push_str(&format!(
            "<tr><td>{} <small>{}</small></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(&x.lv),
            esc(&x.section),
            esc(&x.weight.as_deref().map(percent).unwrap_or_else(|| format!("({})", x.declared_weight))),
            esc(&short(x.score.as_deref())),
            esc(x.contribution_display.as_deref().unwrap_or("")),
            esc(&x.left_out.as_deref().map(|r| format!("left out: {r}")).unwrap_or_default())
        ));
    }
    s.push_str("</table>\n");
    if let Some(g) = &ix.gap {
        s.push_str(&format!(
            "<p class=\"gap\">{} <small>({})</small></p>\n",
            esc(&g.lv),
            esc(&g.en)
        ));
    }
    if let Some(imp) = &ix.improvement {
        improvement(s, imp, "the index");
    }
    if !u.ignored_answers.is_empty() {
        s.push_str(&format!(
            "<p>Ignored answers (their follow-up condition is false): {}</p>\n",
            esc(&u.ignored_answers.join(", "))
        ));
    }
    for sec in &u.sections {
        section(s, sec);
    }
    s.push_str("</section>\n");
}

fn improvement(s: &mut String, imp: &Improvement, what: &str) {
    s.push_str(&format!(
        "<div class=\"imp\"><p><strong>{}</strong></p>\n",
        esc(&improvement_head(imp, what))
    ));
    if !imp.changes.is_empty() {
        s.push_str("<table><tr><th>#</th><th>Question</th><th>Now</th><th>Change to</th><th>Source</th></tr>\n");
        for (i, c) in imp.changes.iter().enumerate() {
            s.push_str(&format!(
                "<tr><td class=\"n\">{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                i + 1,
                esc(&c.question),
                esc(&c.text),
                esc(&answer(&c.from_label, &c.from_value)),
                esc(&answer(&c.to_label, &c.to_value)),
                esc(c.source.as_deref().unwrap_or(""))
            ));
        }
        s.push_str("</table>\n");
    }
    let mut notes = Vec::new();
    for c in &imp.dropped {
        notes.push(format!(
            "dropped: <code>{}</code> (no longer asked; was {})",
            esc(&c.question),
            esc(&answer(&c.from_label, &c.from_value))
        ));
    }
    if !imp.newly_asked.is_empty() {
        notes.push(format!(
            "newly asked, left unanswered: {}",
            esc(&imp.newly_asked.join(", "))
        ));
    }
    if let (Some(d), Some(l)) = (&imp.result_display, imp.result_level) {
        notes.push(format!(
            "result: {} (level {l}); {}",
            esc(d),
            if imp.minimal {
                "no smaller set of changes reaches it"
            } else {
                "not proven minimal"
            }
        ));
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            notes.push(esc(r));
        }
    }
    if !notes.is_empty() {
        s.push_str("<ul>\n");
        for n in notes {
            s.push_str(&format!("<li>{n}</li>\n"));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</div>\n");
}

fn section(s: &mut String, sec: &SectionExplanation) {
    s.push_str(&format!(
        "<h3>{} <small>{}</small></h3>\n",
        esc(&sec.lv),
        esc(&sec.id)
    ));
    if sec.status != "scored" {
        s.push_str(&format!(
            "<p class=\"miss\">Not scored: {}</p>\n",
            esc(sec.missing_reason.as_deref().unwrap_or(""))
        ));
    } else {
        s.push_str(&format!(
            "<p>Score <strong>{}</strong> ({} of {} points), <span class=\"lvl\">{}</span>, interval {} <small>(thresholds {})</small></p>\n",
            esc(sec.display.as_deref().unwrap_or("")),
            esc(sec.points.as_deref().unwrap_or("")),
            esc(sec.max.as_deref().unwrap_or("")),
            esc(&level_text(sec.level, &sec.level_name)),
            esc(&sec.interval.as_ref().map(Interval::text).unwrap_or_default()),
            esc(&sec.thresholds)
        ));
        if let Some(g) = &sec.gap {
            let raw = g
                .raw_points
                .as_deref()
                .map(|r| format!("; at least {r} rule points"))
                .unwrap_or_default();
            s.push_str(&format!(
                "<p class=\"gap\">{} <small>({}{})</small></p>\n",
                esc(&g.lv),
                esc(&g.en),
                esc(&raw)
            ));
        }
    }
    s.push_str("<table><tr><th>Rule</th><th>Points</th><th>Why</th><th>Answers</th></tr>\n");
    for r in &sec.rules {
        let pts = match &r.points {
            Some(p) => format!("{p} / {}", r.max),
            None => format!("excluded (/ {})", r.max),
        };
        let answers: Vec<String> = r
            .inputs
            .iter()
            .map(|a| {
                format!(
                    "<code>{}</code> {}: <strong>{}</strong>{}",
                    esc(&a.question),
                    esc(&a.text),
                    esc(&answer(&a.label, &a.value)),
                    a.source
                        .as_deref()
                        .map(|x| format!(" <small>[{}]</small>", esc(x)))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.push_str(&format!(
            "<tr><td><code>{}</code> {}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&r.rule),
            esc(r.title.as_deref().unwrap_or("")),
            esc(&pts),
            esc(&r.why.text),
            answers.join("<br>")
        ));
    }
    s.push_str("</table>\n");
    if !sec.lost.is_empty() {
        s.push_str("<p>Where the points were lost:</p>\n<ul>\n");
        for l in &sec.lost {
            s.push_str(&format!(
                "<li><code>{}</code> {}: −{} of {}</li>\n",
                esc(&l.rule),
                esc(l.title.as_deref().unwrap_or("")),
                esc(&l.missed),
                esc(&l.max)
            ));
        }
        s.push_str("</ul>\n");
    }
    if let Some(imp) = &sec.improvement {
        improvement(s, imp, "this section");
    }
}
