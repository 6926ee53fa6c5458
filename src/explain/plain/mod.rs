//! The explanation for a municipality (`--detail plain`, the default).
use super::model::Document;
use crate::l10n::Lang;

pub fn render_text(doc: &Document, lang: Lang) -> String {
    super::render_text(doc, false, lang)
}
pub fn render_markdown(doc: &Document, lang: Lang) -> String {
    super::render_markdown(doc, lang)
}
pub fn render_html(doc: &Document, lang: Lang) -> String {
    super::render_html(doc, lang)
}
