//! Markdown rendering of the methodologist's view, in the chosen language: a heading per unit and
//! section, tables for weights, rules and changes.

use super::model::*;
use super::text::{min_sections, percent, short};
use super::words::{capital, Of, Words};
use crate::l10n::{Arg, Lang};
use crate::text::{escape_markdown, Md};

/// Escapes text for a Markdown table cell or paragraph.
fn esc(t: &str) -> String {
    escape_markdown(t, Md::Inline)
}

/// A GitHub-style heading anchor.
pub(super) fn anchor(t: &str) -> String {
    let mut s = String::new();
    for c in crate::suggest::fold(t).chars() {
        if c.is_alphanumeric() {
            s.push(c);
        } else if (c == ' ' || c == '-' || c == '_') && !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// A table's header row and alignment row: `cols` are (message text, right-aligned).
fn header(cols: &[(String, bool)]) -> String {
    let names: Vec<String> = cols
        .iter()
        .map(|(n, _)| escape_markdown(&capital(n), Md::Cell))
        .collect();
    let align: Vec<&str> = cols
        .iter()
        .map(|(_, r)| if *r { "---:" } else { "---" })
        .collect();
    format!("| {} |\n|{}|\n", names.join(" | "), align.join("|"))
}

pub fn render(doc: &Document, lang: Lang) -> String {
    let w = Words::new(doc, lang);
    let mut s = String::new();
    let year = doc.survey.year.map(|y| format!(" {y}")).unwrap_or_default();
    let survey = format!("{}{year}", doc.survey.name);
    s.push_str(&format!(
        "# {}\n\n",
        esc(&w.m.f("tech-doc-title", &[("survey", Arg::Str(&survey))]))
    ));
    s.push_str(&format!("## {}\n\n", esc(&w.m.t("tech-contents"))));
    for u in &doc.units {
        s.push_str(&format!("- [{}](#{})\n", esc(&u.unit), anchor(&u.unit)));
    }
    s.push('\n');
    for u in &doc.units {
        unit(&mut s, &w, u);
    }
    s
}

fn unit(s: &mut String, w: &Words, u: &UnitExplanation) {
    let m = w.m;
    s.push_str(&format!("## {}\n\n", esc(&u.unit)));
    let ix = &u.index;
    let title = w.index_title(ix);
    if ix.status == "computed" {
        s.push_str(&format!(
            "**{}: {}**, {}, {}.\n\n",
            esc(&title),
            w.num(ix.display.as_deref().unwrap_or("")),
            esc(&w.level(ix.level, ix.level_name.as_deref())),
            esc(&w.interval_words(ix.interval.as_ref()))
        ));
    } else {
        s.push_str(&format!(
            "**{}: {}.**\n\n",
            esc(&title),
            esc(&m.t("not-computable"))
        ));
    }
    let ms = &ix.min_sections;
    let min = esc(&capital(&min_sections(w, ms)));
    if ms.held {
        s.push_str(&format!("{min}.\n\n"));
    } else {
        s.push_str(&format!("**{min}.**\n\n"));
    }
    s.push_str(&header(&[
        (m.t("tech-col-section"), false),
        (m.t("tech-col-weight"), true),
        (m.t("tech-col-score"), true),
        (m.t("tech-col-contribution"), true),
        (m.t("tech-col-note"), false),
    ]));
    for x in &ix.sections {
        s.push_str(&format!(
            "| {} (`{}`) | {} | {} | {} | {} |\n",
            esc(w.section_name(&x.lv, x.en.as_deref())),
            x.section,
            w.num(
                &x.weight
                    .as_deref()
                    .map(percent)
                    .unwrap_or_else(|| format!("({})", x.declared_weight))
            ),
            w.num(&short(x.score.as_deref())),
            w.num(x.contribution_display.as_deref().unwrap_or("")),
            x.left_out
                .as_deref()
                .map(|r| esc(&m.f("tech-left-out", &[("reason", Arg::Str(&w.reason(r)))])))
                .unwrap_or_default()
        ));
    }
    s.push('\n');
    if !ms.held {
        let names: Vec<String> = ms
            .missing
            .iter()
            .map(|x| format!("`{}` ({})", x.section, esc(&w.reason(&x.reason))))
            .collect();
        s.push_str(&format!(
            "{}: {}.\n\n",
            esc(&capital(&m.t("tech-missing-sections"))),
            names.join("; ")
        ));
    }
    if let Some(g) = &ix.gap {
        s.push_str(&format!("*{}*.\n\n", esc(&capital(&w.gap(g)))));
    }
    if let Some(imp) = &ix.improvement {
        improvement(s, w, imp, Of::Index);
    }
    if !u.ignored_answers.is_empty() {
        s.push_str(&format!(
            "{}: {}.\n\n",
            esc(&capital(&m.t("tech-ignored"))),
            esc(&u.ignored_answers.join(", "))
        ));
    }
    for sec in &u.sections {
        section(s, w, sec);
    }
}

fn improvement(s: &mut String, w: &Words, imp: &Improvement, of: Of) {
    let m = w.m;
    s.push_str(&format!(
        "**{}**\n\n",
        esc(&capital(&w.improvement_head(imp, of)))
    ));
    if !imp.changes.is_empty() {
        s.push_str(&header(&[
            ("#".to_string(), true),
            (m.t("tech-col-question"), false),
            (m.t("tech-col-change"), false),
            (m.t("tech-col-source"), false),
        ]));
        for (i, c) in imp.changes.iter().enumerate() {
            let change: Vec<String> = w.change(c).iter().map(|l| esc(l)).collect();
            s.push_str(&format!(
                "| {} | `{}` {} | {} | {} |\n",
                i + 1,
                c.question,
                esc(w.question(&c.text, c.text_en.as_deref())),
                change.join("<br>"),
                esc(&c.source.as_deref().map(|x| w.source(x)).unwrap_or_default())
            ));
        }
        s.push('\n');
    }
    for c in &imp.dropped {
        // the question id as code: a placeholder through the escaping
        let t = esc(&w.dropped(c, "\u{0}"));
        s.push_str(&format!(
            "- {}\n",
            t.replace('\u{0}', &format!("`{}`", c.question))
        ));
    }
    if !imp.newly_asked.is_empty() {
        s.push_str(&format!(
            "- {}: {}\n",
            esc(&m.t("tech-newly-asked")),
            esc(&imp.newly_asked.join(", "))
        ));
    }
    if let Some(r) = w.result(imp) {
        s.push_str(&format!("- {}\n", esc(&r)));
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            s.push_str(&format!("- {}\n", esc(&w.reason(r))));
        }
    }
    s.push('\n');
}

fn section(s: &mut String, w: &Words, sec: &SectionExplanation) {
    let m = w.m;
    s.push_str(&format!(
        "### {} (`{}`)\n\n",
        esc(w.section_name(&sec.lv, sec.en.as_deref())),
        sec.id
    ));
    if sec.status != "scored" {
        let why = w.reason(sec.missing_reason.as_deref().unwrap_or(""));
        s.push_str(&format!(
            "{}.\n\n",
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
            "{}, {}, {}. {}.\n\n",
            esc(&capital(&score)),
            esc(&w.level(sec.level, sec.level_name.as_deref())),
            esc(&w.interval_words(sec.interval.as_ref())),
            esc(&capital(&w.thresholds(&sec.thresholds)))
        ));
        if let Some(g) = &sec.gap {
            s.push_str(&format!("*{}*.\n\n", esc(&capital(&w.gap(g)))));
        }
    }
    s.push_str(&header(&[
        (m.t("tech-col-rule"), false),
        (m.t("tech-col-points"), true),
        (m.t("tech-col-why"), false),
        (m.t("tech-col-answers"), false),
    ]));
    for r in &sec.rules {
        let title = w
            .title(r.title.as_deref(), r.title_en.as_deref())
            .map(|t| format!(" {}", esc(t)))
            .unwrap_or_default();
        let answers: Vec<String> = r
            .inputs
            .iter()
            .map(|a| {
                format!(
                    "`{}` {}: **{}**{}",
                    a.question,
                    esc(w.question(&a.text, a.text_en.as_deref())),
                    esc(&w.answer(&a.kind, &a.value, &a.label, &a.label_en)),
                    a.source
                        .as_deref()
                        .map(|x| format!(" \\[{}\\]", esc(&w.source(x))))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.push_str(&format!(
            "| `{}`{title} | {} | {} | {} |\n",
            r.rule,
            esc(&w.points(r.points.as_deref(), &r.max)),
            esc(&w.why(r)),
            answers.join("<br>")
        ));
    }
    s.push('\n');
    if !sec.lost.is_empty() {
        s.push_str(&format!("{}\n\n", esc(&capital(&m.t("tech-lost")))));
        for l in &sec.lost {
            let title = w
                .title(l.title.as_deref(), l.title_en.as_deref())
                .map(|t| format!(" {}", esc(t)))
                .unwrap_or_default();
            let lost = m.f(
                "tech-points-lost",
                &[
                    ("missed", Arg::Str(&w.num(&l.missed))),
                    ("max", Arg::Str(&w.num(&l.max))),
                ],
            );
            s.push_str(&format!("- `{}`{title}: {}\n", l.rule, esc(&lost)));
        }
        s.push('\n');
    }
    if let Some(imp) = &sec.improvement {
        improvement(s, w, imp, Of::Section);
    }
}
