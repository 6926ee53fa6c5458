//! The first definition of a name defined twice: the checker reports the second definition
//! ([`CheckError::Duplicate`]); here, where every file is known, the error of a named item also
//! gets the first one ([`CheckError::Redefined`]), labelled when it is in the same file and named
//! in the help when it is in another.

use super::CheckError;
use crate::schema::{Ref, Schema};
use crate::source::{SourceMap, Span};
use crate::syntax::ast;
use std::collections::HashMap;

/// Turns the duplicate errors of named items in `errors` into [`CheckError::Redefined`].
pub fn label_first_definitions(
    errors: &mut [CheckError],
    files: &[ast::File],
    schema: &Schema,
    sources: &SourceMap,
) {
    let firsts = first_names(files);
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
        let Some(first) = first_definition(what, name, *span, &firsts, schema) else {
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

/// The first definition of each `(kind, name)` of the named items.
fn first_names(files: &[ast::File]) -> HashMap<(&'static str, &str), Span> {
    let mut firsts = HashMap::new();
    for item in files.iter().flat_map(|f| &f.items) {
        if let Some((what, n)) = item_name(item) {
            firsts.entry((what, n.node.as_str())).or_insert(n.span);
        }
    }
    firsts
}

/// Where the first definition of `name` (a `what`) is, when it is not `second`.
fn first_definition(
    what: &'static str,
    name: &str,
    second: Span,
    firsts: &HashMap<(&'static str, &str), Span>,
    schema: &Schema,
) -> Option<Span> {
    if what == "name" {
        // a `let` with the id of a question or metadata field
        return Some(match schema.lookup(name)? {
            Ref::Question(i) => schema.questions.get(i)?.span,
            Ref::Meta(i) => schema.meta.get(i)?.span,
        });
    }
    firsts
        .get(&(what, name))
        .copied()
        .filter(|&first| first != second)
}

/// The kind (as [`CheckError::Duplicate`] names it) and the name of a named item.
fn item_name(item: &ast::Item) -> Option<(&'static str, &ast::Name)> {
    match item {
        ast::Item::Rule(r) => Some(("rule", &r.name)),
        ast::Item::Let(l) => Some(("value", &l.name)),
        ast::Item::Section(s) => Some(("section", &s.name)),
        ast::Item::Constraint(c) => Some(("constraint", &c.name)),
        ast::Item::Grouping(g) => Some(("grouping", &g.name)),
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
