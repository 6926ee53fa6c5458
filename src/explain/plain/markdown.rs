//! The municipality's explanation as Markdown.

use super::view::{Builder, UnitView};
use super::IndexEntry;
use crate::explain::model::Document;
use crate::l10n::{Arg, Lang};

/// Escapes what Markdown would read as markup in a table cell or a line.
fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

pub fn render(doc: &Document, lang: Lang) -> String {
    let b = Builder::new(doc, lang);
    let mut out = String::new();
    for (i, u) in doc.units.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        unit(&mut out, &b, &b.unit(u));
    }
    if doc.units.is_empty() {
        out.push_str(&b.m.t("plain-no-units"));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&md(&b
        .m
        .f("plain-footer", &[("survey", Arg::Str(&doc.survey.name))])));
    out.push('\n');
    out
}

fn unit(out: &mut String, b: &Builder, v: &UnitView) {
    let m = b.m;
    out.push_str(&format!("# {}\n\n", md(&v.title)));
    for s in &v.index {
        out.push_str(&format!("{}\n", md(s)));
    }
    out.push_str(&format!("\n## {}\n\n", m.t("plain-sections-heading")));
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|--:|---|---|\n",
        m.t("plain-col-section"),
        m.t("plain-col-score"),
        m.t("plain-col-level"),
        m.t("plain-col-next")
    ));
    for s in &v.sections {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md(&s.name),
            s.score.as_deref().unwrap_or("–"),
            md(&s.level_label),
            md(&s.next)
        ));
    }
    out.push_str(&format!("\n## {}\n\n", m.t("plain-well-heading")));
    for (section, items) in &v.well {
        let text = if items.is_empty() {
            m.t("plain-well-none")
        } else {
            items.join("; ")
        };
        out.push_str(&format!("- **{}**: {}\n", md(section), md(&text)));
    }
    out.push_str(&format!("\n## {}\n\n", m.t("plain-lost-heading")));
    for (section, items) in &v.lost {
        let text = if items.is_empty() {
            m.t("plain-lost-none")
        } else {
            items.join("; ")
        };
        out.push_str(&format!("- **{}**: {}\n", md(section), md(&text)));
    }
    out.push_str(&format!("\n## {}\n\n", m.t("plain-actions-heading")));
    out.push_str(&format!("{}\n", md(&m.t("plain-actions-intro"))));
    for g in &v.actions {
        out.push_str(&format!("\n### {}\n\n{}\n", md(&g.heading), md(&g.summary)));
        if !g.items.is_empty() {
            out.push('\n');
        }
        for (i, a) in g.items.iter().enumerate() {
            out.push_str(&format!(
                "{}. {}  \n   {}",
                i + 1,
                md(&a.what),
                md(&a.question)
            ));
            if let Some(n) = &a.note {
                out.push_str(&format!("  \n   {}", md(n)));
            }
            out.push('\n');
        }
        if let Some(r) = &g.result {
            out.push_str(&format!("\n{}\n", md(r)));
        }
    }
}

/// The index page of `--out-dir` in Markdown.
pub fn index(doc: &Document, entries: &[IndexEntry], lang: Lang) -> String {
    let m = lang.messages();
    let mut out = format!(
        "# {} {}\n\n",
        md(&doc.survey.name),
        doc.survey.year.map(|y| y.to_string()).unwrap_or_default()
    );
    out.push_str(&format!(
        "| {} | {} | {} |\n|---|--:|---|\n",
        m.t("plain-index-col-unit"),
        m.t("plain-index-col-index"),
        m.t("plain-index-col-level")
    ));
    for e in entries {
        out.push_str(&format!(
            "| [{}]({}) | {} | {} |\n",
            md(&e.unit),
            e.file,
            e.index.as_deref().unwrap_or("–"),
            md(&e.level)
        ));
    }
    out
}
