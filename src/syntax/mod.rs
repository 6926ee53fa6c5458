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

use error::Origin;
use grammar::{Rule, RulesParser};
use pest::Parser;

/// Parses one file. Returns every item it could parse AND every syntax error (error recovery).
pub fn parse(file: u16, src: &str) -> (ast::File, Vec<SyntaxError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for chunk in scan::split_items(src) {
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
            continue;
        }
        match RulesParser::parse(Rule::file, text) {
            Ok(pairs) => builder::Builder::new(at).file(pairs, &mut items, &mut errors),
            Err(e) => errors.push(error::from_pest(&e, text, at)),
        }
    }
    (ast::File { items }, errors)
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
