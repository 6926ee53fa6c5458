//! The syntax stage: `.rules` text → typed AST with spans, plus syntax diagnostics.
//!
//! A file is split into top-level items (see [`scan`]) and each is parsed on its own, so one bad
//! item does not hide the errors of the others.

pub mod ast;
mod builder;
mod error;
mod grammar;
mod scan;
#[cfg(test)]
mod tests;

pub use error::SyntaxError;

use crate::source;
use error::Origin;
use grammar::{Rule, RulesParser};
use pest::Parser;

/// Parses one file. Returns every item it could parse AND every syntax error (error recovery).
pub fn parse(file: u16, src: &str) -> (ast::File, Vec<SyntaxError>) {
    let parsed = parse_recovering(file, src);
    (parsed.file, parsed.errors)
}

/// A file as [`parse_recovering`] reads it.
pub struct Parsed {
    pub file: ast::File,
    pub errors: Vec<SyntaxError>,
    /// The items left out for a syntax error.
    pub broken: Vec<ast::BrokenItem>,
}

/// Parses one file like [`parse`], and also says what the items it left out were.
pub fn parse_recovering(file: u16, src: &str) -> Parsed {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut broken = Vec::new();
    for chunk in scan::split_items(src) {
        let (n_items, n_errors) = (items.len(), errors.len());
        parse_chunk(file, src, chunk.clone(), &mut items, &mut errors);
        if errors.len() > n_errors && items.len() == n_items {
            broken.push(broken_item(file, src, chunk));
        }
    }
    Parsed {
        file: ast::File { items },
        errors,
        broken,
    }
}

/// What the words of a chunk that did not parse tell about it.
fn broken_item(file: u16, src: &str, chunk: std::ops::Range<usize>) -> ast::BrokenItem {
    let words: Vec<String> = error::words_outside_strings(&src[chunk.clone()])
        .into_iter()
        .map(str::to_string)
        .collect();
    let keyword = words
        .first()
        .map(|w| w.to_lowercase())
        .filter(|w| scan::ITEM_STARTS.contains(&w.as_str()));
    let name = keyword.as_ref().and_then(|_| words.get(1).cloned());
    ast::BrokenItem {
        keyword,
        name,
        words,
        span: source::Span::new(file, chunk.start, chunk.end),
    }
}

/// Parses the item of `src[chunk]` into `items`, or its errors into `errors`.
fn parse_chunk(
    file: u16,
    src: &str,
    chunk: std::ops::Range<usize>,
    items: &mut Vec<ast::Item>,
    errors: &mut Vec<SyntaxError>,
) {
    let at = Origin {
        file,
        full: src,
        base: chunk.start,
        shift: 0,
    };
    let text = &src[chunk];
    let lexical = scan::lexical_errors(text, at.base, file);
    if !lexical.is_empty() {
        errors.extend(lexical);
        return;
    }
    match RulesParser::parse(Rule::file, text) {
        Ok(pairs) => builder::Builder::new(at).file(pairs, items, errors),
        Err(e) => errors.push(error::from_pest(&e, text, at)),
    }
}

/// Parses one expression (used for `ask_if` conditions in the TOML schema). `base` is added to all
/// span offsets so spans point into the enclosing file.
pub fn parse_expr(file: u16, src: &str, base: usize) -> Result<ast::Expr, SyntaxError> {
    let at = Origin {
        file,
        full: src,
        base: 0,
        shift: base,
    };
    if let Some(e) = scan::lexical_errors(src, base, file).into_iter().next() {
        return Err(e);
    }
    match RulesParser::parse(Rule::expr_only, src) {
        Ok(pairs) => builder::Builder::new(at).expr_only(pairs),
        Err(e) => Err(error::from_pest(&e, src, at)),
    }
}
