//! `eindex explain`: why each unit got its levels, how far the next level is, and the smallest
//! set of answer changes that would reach it.
//!
//! [`build::Explainer`] turns a unit's evaluation into the data of [`model`] (what `--format json`
//! prints); [`search`] finds the improvements; `text`, `markdown` and `html` render the data.

pub mod build;
mod html;
mod markdown;
pub mod matching;
pub mod model;
pub mod plain;
pub mod search;
mod text;
mod texts;
mod words;

pub use build::{Explainer, Options, SourcePolicy};
pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

use crate::input::Unit;
use crate::l10n::Lang;
use clap::ValueEnum;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Md,
    Html,
}

/// Picks units by the `--unit` queries (all when none).
pub fn select_units<'u>(units: &'u [Unit], queries: &[String]) -> Result<Vec<&'u Unit>, String> {
    if queries.is_empty() {
        return Ok(units.iter().collect());
    }
    let names: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let mut picked: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    for q in queries {
        match matching::find(&names, q) {
            Ok(i) if !picked.contains(&i) => picked.push(i),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(picked.into_iter().map(|i| &units[i]).collect())
    } else {
        Err(errors.join("\n"))
    }
}

/// Who the explanation is written for (`--detail`).
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// For the municipality: plain sentences from question texts and answer labels, the
    /// section's points only, what it does well, where it lost most, what to do next.
    #[default]
    Plain,
    /// For the methodologist: every rule with the row or arm that fired, ids, sources, exact
    /// points and intervals.
    Technical,
}

/// How a document is rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub lang: Lang,
    pub detail: Detail,
    /// Colour (terminal text only).
    pub color: bool,
}

/// Renders a document in a format. JSON is the same for every style: it keeps everything.
pub fn render(doc: &model::Document, format: Format, style: Style) -> String {
    match (format, style.detail) {
        (Format::Json, _) => {
            let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
            s.push('\n');
            s
        }
        (Format::Text, Detail::Plain) => plain::render_text(doc, style.lang),
        (Format::Md, Detail::Plain) => plain::render_markdown(doc, style.lang),
        (Format::Html, Detail::Plain) => plain::render_html(doc, style.lang),
        (Format::Text, Detail::Technical) => render_text(doc, style.color, style.lang),
        (Format::Md, Detail::Technical) => render_markdown(doc, style.lang),
        (Format::Html, Detail::Technical) => render_html(doc, style.lang),
    }
}
