//! A self-contained HTML page of the methodologist's view for all selected units, in the chosen
//! language (`<html lang>` says which): inline CSS, a table of contents, no scripts and no
//! external assets. Every text is escaped.

use super::model::*;
use super::text::{min_sections, percent, short};
use super::words::{capital, Of, Words};
use crate::l10n::{Arg, Lang};
use crate::text::escape_html as esc;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}\
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap}.gap{color:#8a5a00}.lvl{font-weight:bold;color:#035}\
.imp{background:#eef7ee;border-left:4px solid #4a4;padding:.25rem .75rem;margin:.5rem 0 1rem}\
.miss{color:#a00}section.unit{border-top:3px solid #035;margin-top:2rem}small{color:#666}";

/// A table's header row: `cols` are the column names.
fn header(cols: &[String]) -> String {
    let th: String = cols
        .iter()
        .map(|c| format!("<th>{}</th>", esc(&capital(c))))
        .collect();
    format!("<table><tr>{th}</tr>\n")
}

pub fn render(doc: &Document, lang: Lang) -> String {
    let w = Words::new(doc, lang);
    let mut s = String::new();
    let year = doc.survey.year.map(|y| format!(" {y}")).unwrap_or_default();
    let survey = format!("{}{year}", doc.survey.name);
    let title = w.m.f("tech-doc-title", &[("survey", Arg::Str(&survey))]);
    s.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang.as_str()
    ));
    s.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    ));
    s.push_str(&format!(
        "<h1>{}</h1>\n<nav><h2>{}</h2>\n<ol>\n",
        esc(&title),
        esc(&w.m.t("tech-contents"))
    ));
    for (i, u) in doc.units.iter().enumerate() {
        s.push_str(&format!(
            "<li><a href=\"#u{i}\">{}</a></li>\n",
            esc(&u.unit)
        ));
    }
    s.push_str("</ol></nav>\n");
    for (i, u) in doc.units.iter().enumerate() {
        unit(&mut s, &w, i, u);
    }
    s.push_str("</body>\n</html>\n");
    s
}

fn unit(s: &mut String, w: &Words, i: usize, u: &UnitExplanation) {
    let m = w.m;
    s.push_str(&format!(
        "<section class=\"unit\" id=\"u{i}\">\n<h2>{}</h2>\n",
        esc(&u.unit)
    ));
    let ix = &u.index;
    let title = w.index_title(ix);
    if ix.status == "computed" {
        s.push_str(&format!(
            "<p><strong>{}: {}</strong> <span class=\"lvl\">{}</span>, {}</p>\n",
            esc(&title),
            esc(&w.num(ix.display.as_deref().unwrap_or(""))),
            esc(&w.level(ix.level, ix.level_name.as_deref())),
            esc(&w.interval_words(ix.interval.as_ref()))
        ));
    } else {
        s.push_str(&format!(
            "<p class=\"miss\"><strong>{}: {}</strong></p>\n",
            esc(&title),
            esc(&m.t("not-computable"))
        ));
    }
    let ms = &ix.min_sections;
    let min = esc(&capital(&min_sections(w, ms)));
    if ms.held {
        s.push_str(&format!("<p>{min}.</p>\n"));
    } else {
        s.push_str(&format!("<p class=\"miss\"><strong>{min}.</strong></p>\n"));
    }
    s.push_str(&header(&[
        m.t("tech-col-section"),
        m.t("tech-col-weight"),
        m.t("tech-col-score"),
        m.t("tech-col-contribution"),
        m.t("tech-col-note"),
    ]));
    for x in &ix.sections {
        let weight = x
            .weight
            .as_deref()
            .map(percent)
            .unwrap_or_else(|| format!("({})", x.declared_weight));
        let note = x
            .left_out
            .as_deref()
            .map(|r| m.f("tech-left-out", &[("reason", Arg::Str(&w.reason(r)))]))
            .unwrap_or_default();
        s.push_str(&format!(
            "<tr><td>{} <small>{}</small></td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(w.section_name(&x.lv, x.en.as_deref())),
            esc(&x.section),
            esc(&w.num(&weight)),
            esc(&w.num(&short(x.score.as_deref()))),
            esc(&w.num(x.contribution_display.as_deref().unwrap_or(""))),
            esc(&note)
        ));
    }
    s.push_str("</table>\n");
    if !ms.held {
        let names: Vec<String> = ms
            .missing
            .iter()
            .map(|x| {
                format!(
                    "<code>{}</code> ({})",
                    esc(&x.section),
                    esc(&w.reason(&x.reason))
                )
            })
            .collect();
        s.push_str(&format!(
            "<p class=\"miss\">{}: {}</p>\n",
            esc(&capital(&m.t("tech-missing-sections"))),
            names.join("; ")
        ));
    }
    if let Some(g) = &ix.gap {
        s.push_str(&format!(
            "<p class=\"gap\">{}</p>\n",
            esc(&capital(&w.gap(g)))
        ));
    }
    if let Some(imp) = &ix.improvement {
        improvement(s, w, imp, Of::Index);
    }
    if !u.ignored_answers.is_empty() {
        s.push_str(&format!(
            "<p>{}: {}</p>\n",
            esc(&capital(&m.t("tech-ignored"))),
            esc(&u.ignored_answers.join(", "))
        ));
    }
    for sec in &u.sections {
        section(s, w, sec);
    }
    s.push_str("</section>\n");
}

fn improvement(s: &mut String, w: &Words, imp: &Improvement, of: Of) {
    let m = w.m;
    s.push_str(&format!(
        "<div class=\"imp\"><p><strong>{}</strong></p>\n",
        esc(&capital(&w.improvement_head(imp, of)))
    ));
    if !imp.changes.is_empty() {
        s.push_str(&header(&[
            "#".to_string(),
            m.t("tech-col-question"),
            m.t("tech-col-change"),
            m.t("tech-col-source"),
        ]));
        for (i, c) in imp.changes.iter().enumerate() {
            let change: Vec<String> = w.change(c).iter().map(|l| esc(l)).collect();
            s.push_str(&format!(
                "<tr><td class=\"n\">{}</td><td><code>{}</code> {}</td><td>{}</td><td>{}</td></tr>\n",
                i + 1,
                esc(&c.question),
                esc(w.question(&c.text, c.text_en.as_deref())),
                change.join("<br>"),
                esc(&c.source.as_deref().map(|x| w.source(x)).unwrap_or_default())
            ));
        }
        s.push_str("</table>\n");
    }
    let mut notes = Vec::new();
    for c in &imp.dropped {
        // the question id as code: a placeholder through the escaping
        let t = esc(&w.dropped(c, "\u{0}"));
        notes.push(t.replace('\u{0}', &format!("<code>{}</code>", esc(&c.question))));
    }
    if !imp.newly_asked.is_empty() {
        notes.push(format!(
            "{}: {}",
            esc(&m.t("tech-newly-asked")),
            esc(&imp.newly_asked.join(", "))
        ));
    }
    if let Some(r) = w.result(imp) {
        notes.push(esc(&r));
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            notes.push(esc(&w.reason(r)));
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

fn section(s: &mut String, w: &Words, sec: &SectionExplanation) {
    let m = w.m;
    s.push_str(&format!(
        "<h3>{} <small>{}</small></h3>\n",
        esc(w.section_name(&sec.lv, sec.en.as_deref())),
        esc(&sec.id)
    ));
    if sec.status != "scored" {
        let why = w.reason(sec.missing_reason.as_deref().unwrap_or(""));
        s.push_str(&format!(
            "<p class=\"miss\">{}</p>\n",
            esc(&capital(
                &m.f("tech-not-scored", &[("reason", Arg::Str(&why))])
            ))
        ));
    } else {
        let score = m.f(
            "tech-score",
            &[
                (
                    "display",
                    Arg::Str(&w.num(sec.display.as_deref().unwrap_or(""))),
                ),
                (
                    "points",
                    Arg::Str(&w.num(sec.points.as_deref().unwrap_or(""))),
                ),
                ("max", Arg::Num(sec.max.as_deref().unwrap_or(""))),
            ],
        );
        s.push_str(&format!(
            "<p>{}, <span class=\"lvl\">{}</span>, {} <small>{}</small></p>\n",
            esc(&capital(&score)),
            esc(&w.level(sec.level, sec.level_name.as_deref())),
            esc(&w.interval_words(sec.interval.as_ref())),
            esc(&w.thresholds(&sec.thresholds))
        ));
        if let Some(g) = &sec.gap {
            s.push_str(&format!(
                "<p class=\"gap\">{}</p>\n",
                esc(&capital(&w.gap(g)))
            ));
        }
    }
    s.push_str(&header(&[
        m.t("tech-col-rule"),
        m.t("tech-col-points"),
        m.t("tech-col-why"),
        m.t("tech-col-answers"),
    ]));
    for r in &sec.rules {
        let answers: Vec<String> = r
            .inputs
            .iter()
            .map(|a| {
                format!(
                    "<code>{}</code> {}: <strong>{}</strong>{}",
                    esc(&a.question),
                    esc(w.question(&a.text, a.text_en.as_deref())),
                    esc(&w.answer(&a.kind, &a.value, &a.label, &a.label_en)),
                    a.source
                        .as_deref()
                        .map(|x| format!(" <small>[{}]</small>", esc(&w.source(x))))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.push_str(&format!(
            "<tr><td><code>{}</code> {}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>\n",
            esc(&r.rule),
            esc(w
                .title(r.title.as_deref(), r.title_en.as_deref())
                .unwrap_or("")),
            esc(&w.points(r.points.as_deref(), &r.max)),
            esc(&w.why(r)),
            answers.join("<br>")
        ));
    }
    s.push_str("</table>\n");
    if !sec.lost.is_empty() {
        s.push_str(&format!(
            "<p>{}</p>\n<ul>\n",
            esc(&capital(&m.t("tech-lost")))
        ));
        for l in &sec.lost {
            let lost = m.f(
                "tech-points-lost",
                &[
                    ("missed", Arg::Str(&w.num(&l.missed))),
                    ("max", Arg::Str(&w.num(&l.max))),
                ],
            );
            s.push_str(&format!(
                "<li><code>{}</code> {}: {}</li>\n",
                esc(&l.rule),
                esc(w
                    .title(l.title.as_deref(), l.title_en.as_deref())
                    .unwrap_or("")),
                esc(&lost)
            ));
        }
        s.push_str("</ul>\n");
    }
    if let Some(imp) = &sec.improvement {
        improvement(s, w, imp, Of::Section);
    }
}
