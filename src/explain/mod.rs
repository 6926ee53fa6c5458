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
pub mod search;
mod text;

pub use build::{Explainer, Options, SourcePolicy};
pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

use crate::input::Unit;
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

/// Renders a document in a format (`color` only affects text).
pub fn render(doc: &model::Document, format: Format, color: bool) -> String {
    match format {
        Format::Text => render_text(doc, color),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Md => render_markdown(doc),
        Format::Html => render_html(doc),
    }
}
