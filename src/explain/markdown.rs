//! Markdown rendering: a heading per unit and section, tables for weights, rules and changes.

use super::model::*;
use super::text::{answer, improvement_head, level_text, percent, short};
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

pub fn render(doc: &Document, _lang: crate::l10n::Lang) -> String {
    let mut s = String::new();
    let year = doc.survey.year.map(|y| format!(" {y}")).unwrap_or_default();
    s.push_str(&format!(
        "# {}{year}: explanation\n\n",
        esc(&doc.survey.name)
    ));
    s.push_str("## Contents\n\n");
    for u in &doc.units {
        s.push_str(&format!("- [{}](#{})\n", esc(&u.unit), anchor(&u.unit)));
    }
    s.push('\n');
    for u in &doc.units {
        unit(&mut s, u);
    }
    s
}

fn unit(s: &mut String, u: &UnitExplanation) {
    s.push_str(&format!("## {}\n\n", esc(&u.unit)));
    let ix = &u.index;
    if ix.status == "computed" {
        s.push_str(&format!(
            "**{}: {}**, {}, interval {}.\n\n",
            esc(&ix.title),
            ix.display.as_deref().unwrap_or(""),
            level_text(ix.level, &ix.level_name),
            ix.interval.as_ref().map(Interval::text).unwrap_or_default()
        ));
    } else {
        s.push_str(&format!("**{}: not computable.**\n\n", esc(&ix.title)));
    }
    let m = &ix.min_sections;
    s.push_str(&format!(
        "Minimum sections: at least {} needed, {} present: {}.\n\n",
        m.required,
        m.present,
        if m.held { "held" } else { "**not held**" }
    ));
    s.push_str("| Section | Weight | Score | Contribution | Note |\n|---|---:|---:|---:|---|\n");
    for x in &ix.sections {
        s.push_str(&format!(
            "| {} (`{}`) | {} | {} | {} | {} |\n",
            esc(&x.lv),
            x.section,
            x.weight
                .as_deref()
                .map(percent)
                .unwrap_or_else(|| format!("({})", x.declared_weight)),
            short(x.score.as_deref()),
            x.contribution_display.as_deref().unwrap_or(""),
            x.left_out
                .as_deref()
                .map(|r| format!("left out: {}", esc(r)))
                .unwrap_or_default()
        ));
    }
    s.push('\n');
    if let Some(g) = &ix.gap {
        s.push_str(&format!("*{}* ({}).\n\n", esc(&g.lv), esc(&g.en)));
    }
    if let Some(imp) = &ix.improvement {
        improvement(s, imp, "the index");
    }
    if !u.ignored_answers.is_empty() {
        s.push_str(&format!(
            "Ignored answers (their follow-up condition is false): {}.\n\n",
            esc(&u.ignored_answers.join(", "))
        ));
    }
    for sec in &u.sections {
        section(s, sec);
    }
}

fn improvement(s: &mut String, imp: &Improvement, what: &str) {
    s.push_str(&format!("**{}**\n\n", esc(&improvement_head(imp, what))));
    if !imp.changes.is_empty() {
        s.push_str("| # | Question | Now | Change to | Source |\n|---:|---|---|---|---|\n");
        for (i, c) in imp.changes.iter().enumerate() {
            s.push_str(&format!(
                "| {} | `{}` {} | {} | {} | {} |\n",
                i + 1,
                c.question,
                esc(&c.text),
                esc(&answer(&c.from_label, &c.from_value)),
                esc(&answer(&c.to_label, &c.to_value)),
                c.source.as_deref().unwrap_or("")
            ));
        }
        s.push('\n');
    }
    for c in &imp.dropped {
        s.push_str(&format!(
            "- dropped: `{}` (no longer asked; was {})\n",
            c.question,
            esc(&answer(&c.from_label, &c.from_value))
        ));
    }
    if !imp.newly_asked.is_empty() {
        s.push_str(&format!(
            "- newly asked, left unanswered: {}\n",
            esc(&imp.newly_asked.join(", "))
        ));
    }
    if let (Some(d), Some(l)) = (&imp.result_display, imp.result_level) {
        s.push_str(&format!(
            "- result: {d} (level {l}); {}\n",
            if imp.minimal {
                "no smaller set of changes reaches it"
            } else {
                "not proven minimal"
            }
        ));
    }
    if let Some(r) = &imp.reason {
        if imp.status != "top_level" {
            s.push_str(&format!("- {}\n", esc(r)));
        }
    }
    s.push('\n');
}

fn section(s: &mut String, sec: &SectionExplanation) {
    s.push_str(&format!("### {} (`{}`)\n\n", esc(&sec.lv), sec.id));
    if sec.status != "scored" {
        s.push_str(&format!(
            "Not scored: {}.\n\n",
            esc(sec.missing_reason.as_deref().unwrap_or(""))
        ));
    } else {
        s.push_str(&format!(
            "Score **{}** ({} of {} points), {}, interval {} (thresholds {}).\n\n",
            sec.display.as_deref().unwrap_or(""),
            sec.points.as_deref().unwrap_or(""),
            sec.max.as_deref().unwrap_or(""),
            level_text(sec.level, &sec.level_name),
            sec.interval
                .as_ref()
                .map(Interval::text)
                .unwrap_or_default(),
            sec.thresholds
        ));
        if let Some(g) = &sec.gap {
            let raw = g
                .raw_points
                .as_deref()
                .map(|r| format!("; at least {r} rule points"))
                .unwrap_or_default();
            s.push_str(&format!("*{}* ({}{raw}).\n\n", esc(&g.lv), esc(&g.en)));
        }
    }
    s.push_str("| Rule | Points | Why | Answers |\n|---|---:|---|---|\n");
    for r in &sec.rules {
        let title = r
            .title
            .as_deref()
            .map(|t| format!(" {}", esc(t)))
            .unwrap_or_default();
        let pts = match &r.points {
            Some(p) => format!("{p} / {}", r.max),
            None => format!("excluded (/ {})", r.max),
        };
        let answers: Vec<String> = r
            .inputs
            .iter()
            .map(|a| {
                format!(
                    "`{}` {}: **{}**{}",
                    a.question,
                    esc(&a.text),
                    esc(&answer(&a.label, &a.value)),
                    a.source
                        .as_deref()
                        .map(|x| format!(" \\[{x}\\]"))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.push_str(&format!(
            "| `{}`{title} | {pts} | {} | {} |\n",
            r.rule,
            esc(&r.why.text),
            answers.join("<br>")
        ));
    }
    s.push('\n');
    if !sec.lost.is_empty() {
        s.push_str("Where the points were lost:\n\n");
        for l in &sec.lost {
            let title = l
                .title
                .as_deref()
                .map(|t| format!(" {}", esc(t)))
                .unwrap_or_default();
            s.push_str(&format!(
                "- `{}`{title}: −{} of {}\n",
                l.rule, l.missed, l.max
            ));
        }
        s.push('\n');
    }
    if let Some(imp) = &sec.improvement {
        improvement(s, imp, "this section");
    }
}
