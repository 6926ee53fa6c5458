//! The explanation for a municipality (`--detail plain`, the default): what a Latvian official
//! reads, in the survey's language, without ids or rule syntax. [`view`] turns the explanation's
//! data into sentences; `text`, `markdown` and `html` lay them out.

mod html;
mod markdown;
mod text;
pub mod view;

use super::model::Document;
use crate::l10n::Lang;

pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

/// One row of the index page of `--out-dir`: the unit, its file, its E-index and level.
pub struct IndexEntry {
    pub unit: String,
    pub file: String,
    pub index: Option<String>,
    pub level: String,
}

/// The index page of `--out-dir` as HTML (or Markdown with `md`): one link per unit.
pub fn render_index(doc: &Document, entries: &[IndexEntry], lang: Lang, md: bool) -> String {
    if md {
        markdown::index(doc, entries, lang)
    } else {
        html::index(doc, entries, lang)
    }
}

/// The entry of the index page for the unit `u` of `doc`, written to `file`.
pub fn index_entry(doc: &Document, u: usize, file: &str, lang: Lang) -> IndexEntry {
    let b = view::Builder::new(doc, lang);
    let x = &doc.units[u];
    IndexEntry {
        unit: x.unit.clone(),
        file: file.to_string(),
        index: x.index.display.as_deref().map(|d| lang.decimal(d)),
        level: x.index.level.map(|l| b.level_label(l)).unwrap_or_default(),
    }
}
