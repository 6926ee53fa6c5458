//! `eindex fmt`: format .rules files in the canonical layout.
//!
//! The file is parsed, the syntax tree printed again in one layout (two-space indentation, aligned
//! match/sum arms, table columns, handler names and level names, one blank line between blocks), and
//! every comment put back: a comment on a line of its own goes before the construct that follows it
//! (at that construct's indentation), a comment after code stays at the end of that line (trailing
//! comments of a block are aligned, at the author's column when they shared one). An item with a
//! comment *inside* a construct printed on one line (e.g. between the lines of an expression) is
//! kept exactly as written. Files with syntax errors are never rewritten. Folders are searched
//! recursively. See docs/workflow.md.
//!
//! - `files`: which files a command line names;
//! - `print`: the syntax tree as layout units; `doc`: the expression pretty printer;
//! - `layout`: units and comments merged and rendered.

mod doc;
pub mod files;
mod layout;
mod print;

use crate::syntax::{self, ast};
use layout::layout;
use std::path::Path;

/// Why a text could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtError {
    /// The text has syntax errors (rendered diagnostics).
    Syntax(String),
    /// The formatted text would not parse to the same rules (a bug: the file is left alone).
    Changed(String),
}

/// The span text of a syntax-error list, rendered.
fn syntax_errors(errors: Vec<syntax::SyntaxError>, name: &str, src: &str) -> String {
    let mut sources = crate::source::SourceMap::new();
    sources.add(Path::new(name), src.to_string());
    let diags: Vec<crate::diag::Diagnostic> = errors
        .into_iter()
        .map(crate::diag::Diagnostic::Syntax)
        .collect();
    crate::diag::render_human(&diags, &sources, false, 100)
}

/// The syntax tree with every span removed, as text: equal for two files exactly when they hold
/// the same rules.
pub fn ast_fingerprint(file: &ast::File) -> String {
    strip_spans(&format!("{file:?}"))
}

/// Removes `12:30..45` span notations (and `synthetic`) from a Debug rendering.
fn strip_spans(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let digits = |mut j: usize| {
        let st = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        (j > st).then_some(j)
    };
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Some(j) = digits(i) {
                if b.get(j) == Some(&b':') {
                    if let Some(k) = digits(j + 1) {
                        if b.get(k..k + 2) == Some(b"..") {
                            if let Some(m) = digits(k + 2) {
                                out.push('_');
                                i = m;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out.replace("synthetic", "_")
}

/// An expression without spans, as text (two are equal when they are written alike).
pub fn expr_fingerprint(e: &ast::Expr) -> String {
    strip_spans(&format!("{e:?}"))
}

/// Whether two files hold the same rules (same syntax tree, spans aside).
pub fn same_ast(a: &ast::File, b: &ast::File) -> bool {
    ast_fingerprint(a) == ast_fingerprint(b)
}

/// Formats one `.rules` text. `name` is used in error messages.
pub fn format_source(name: &str, src: &str) -> Result<String, FmtError> {
    let (file, errors) = syntax::parse(0, src);
    if !errors.is_empty() {
        return Err(FmtError::Syntax(syntax_errors(errors, name, src)));
    }
    let out = layout(src, &file);
    let (again, errors) = syntax::parse(0, &out);
    if !errors.is_empty() || !same_ast(&file, &again) {
        return Err(FmtError::Changed(format!(
            "{name}: formatting would change the rules; the file was left as it is (please report this)"
        )));
    }
    Ok(out)
}

/// A unified diff of `old` → `new` with file headers.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_maxima_are_printed_back() {
        let messy = "section s {   thresholds upper 20, 40, 60, 80 max   50 }\n\
                     rule r in s { max 6 match q { a => 6  b => 0 } when unanswered => 0 }\n";
        let once = format_source("p.rules", messy).unwrap();
        assert_eq!(
            once,
            "section s {\n  thresholds upper 20, 40, 60, 80\n  max 50\n}\n\n\
             rule r in s {\n  max 6\n  match q {\n    a => 6\n    b => 0\n  }\n  when unanswered => 0\n}\n"
        );
        assert_eq!(format_source("p.rules", &once).unwrap(), once);
        let (a, _) = crate::syntax::parse(0, messy);
        let (b, _) = crate::syntax::parse(0, &once);
        assert!(same_ast(&a, &b));
        assert!(ast_fingerprint(&b).contains("Max"));
    }

    #[test]
    fn spans_are_stripped() {
        assert_eq!(
            strip_spans("\"x\" @0:12..15, span: 3:1..2"),
            "\"x\" @_, span: _"
        );
        assert_eq!(strip_spans("a1:2..3"), "a1:2..3");
    }
}
