//! The municipality's explanation as plain text (a terminal, an e-mail).

use super::view::{Builder, UnitView};
use crate::explain::model::Document;
use crate::l10n::{Arg, Lang};

const WIDTH: usize = 100;

fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let opts = textwrap::Options::new(WIDTH)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(rest);
    for l in textwrap::wrap(text, opts) {
        out.push_str(l.trim_end());
        out.push('\n');
    }
}

fn heading(out: &mut String, text: &str) {
    out.push('\n');
    out.push_str(text);
    out.push('\n');
    out.push_str(&"─".repeat(text.chars().count().min(WIDTH)));
    out.push('\n');
}

/// Renders every unit of the document.
pub fn render(doc: &Document, lang: Lang) -> String {
    let b = Builder::new(doc, lang);
    let mut out = String::new();
    for (i, u) in doc.units.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&"═".repeat(WIDTH));
            out.push('\n');
        }
        unit(&mut out, &b, &b.unit(u));
    }
    if doc.units.is_empty() {
        out.push_str(&b.m.t("plain-no-units"));
        out.push('\n');
    }
    out
}

fn unit(out: &mut String, b: &Builder, v: &UnitView) {
    let m = b.m;
    out.push_str(&v.title);
    out.push('\n');
    out.push_str(&"━".repeat(v.title.chars().count().min(WIDTH)));
    out.push('\n');
    for s in &v.index {
        wrap(out, "", "", s);
    }
    heading(out, &m.t("plain-sections-heading"));
    for s in &v.sections {
        let line = match &s.score_num {
            Some(n) => {
                let score = n.format(0, crate::num::Rounding::HalfUp);
                let mut l = m.f(
                    "plain-section-line",
                    &[
                        ("section", Arg::Str(&s.name)),
                        ("score", Arg::Num(&score)),
                        ("level", Arg::Str(&s.level_label)),
                    ],
                );
                if let Some(g) = &s.gap {
                    l = format!("{l} {g}");
                }
                l
            }
            None => format!("{}: {}", s.name, s.level_label),
        };
        wrap(out, "• ", "  ", &line);
    }
    heading(out, &m.t("plain-well-heading"));
    for (section, items) in &v.well {
        let text = if items.is_empty() {
            m.t("plain-well-none")
        } else {
            items.join("; ")
        };
        wrap(out, "• ", "  ", &format!("{section}: {text}"));
    }
    heading(out, &m.t("plain-lost-heading"));
    for (section, items) in &v.lost {
        let text = if items.is_empty() {
            m.t("plain-lost-none")
        } else {
            items.join("; ")
        };
        wrap(out, "• ", "  ", &format!("{section}: {text}"));
    }
    heading(out, &m.t("plain-actions-heading"));
    wrap(out, "", "", &m.t("plain-actions-intro"));
    for g in &v.actions {
        out.push('\n');
        wrap(out, "", "  ", &format!("{} — {}", g.heading, g.summary));
        for (i, a) in g.items.iter().enumerate() {
            let n = format!("  {}. ", i + 1);
            wrap(out, &n, "     ", &a.what);
            wrap(out, "     ", "     ", &a.question);
            if let Some(note) = &a.note {
                wrap(out, "     ", "     ", note);
            }
        }
        if let Some(r) = &g.result {
            wrap(out, "  ", "  ", r);
        }
    }
}
