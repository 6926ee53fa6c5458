//! The first definition of a name defined twice: the checker reports the second definition
//! ([`CheckError::Duplicate`]); here, where every file is known, the error of a named item also
//! gets the first one ([`CheckError::Redefined`]), labelled when it is in the same file and named
//! in the help when it is in another.

use super::CheckError;
use crate::schema::{Ref, Schema};
use crate::source::{SourceMap, Span};
use crate::syntax::ast;

/// Turns the duplicate errors of named items in `errors` into [`CheckError::Redefined`].
pub fn label_first_definitions(
    errors: &mut [CheckError],
    files: &[ast::File],
    schema: &Schema,
    sources: &SourceMap,
) {
    for e in errors.iter_mut() {
        let CheckError::Duplicate {
            what,
            name,
            span,
            help,
        } = e
        else {
            continue;
        };
        let Some(first) = first_definition(what, name, *span, files, schema) else {
            continue;
        };
        let same_file = first.file == span.file;
        let help = if same_file {
            help.clone()
        } else {
            format!(
                "the first definition is in {}; {help}",
                place(first, sources)
            )
        };
        *e = CheckError::Redefined {
            what,
            name: std::mem::take(name),
            span: *span,
            first: same_file.then_some(first),
            help,
        };
    }
}

/// Where the first definition of `name` (a `what`) is, before `second`.
fn first_definition(
    what: &str,
    name: &str,
    second: Span,
    files: &[ast::File],
    schema: &Schema,
) -> Option<Span> {
    if what == "name" {
        // a `let` with the id of a question or metadata field
        return Some(match schema.lookup(name)? {
            Ref::Question(i) => schema.questions.get(i)?.span,
            Ref::Meta(i) => schema.meta.get(i)?.span,
        });
    }
    files
        .iter()
        .flat_map(|f| &f.items)
        .filter_map(|item| item_name(what, item))
        .find(|n| n.node == name && n.span != second)
        .map(|n| n.span)
}

/// The name of `item` if it is a `what` ("rule", "value", ...).
fn item_name<'i>(what: &str, item: &'i ast::Item) -> Option<&'i ast::Name> {
    match (what, item) {
        ("rule", ast::Item::Rule(r)) => Some(&r.name),
        ("value", ast::Item::Let(l)) => Some(&l.name),
        ("section", ast::Item::Section(s)) => Some(&s.name),
        ("constraint", ast::Item::Constraint(c)) => Some(&c.name),
        ("grouping", ast::Item::Grouping(g)) => Some(&g.name),
        _ => None,
    }
}

/// "model.rules, line 12" for a span.
fn place(span: Span, sources: &SourceMap) -> String {
    match sources.get(span.file) {
        Some(f) => format!("{}, line {}", f.name, f.line_of(span.start as usize) + 1),
        None => "another file".to_string(),
    }
}
