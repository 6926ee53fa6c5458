//! Go to definition, find references and the symbols of a file.
//!
//! Questions and options are defined in the schema (`questionnaire.toml`); `let`s, rules and
//! sections in the `.rules` files (a section also in the schema, where the rules do not declare
//! it). The references of a question are every place that names it and, for a rule that reads
//! it only through a `let`, the rule's name.

use super::pos::{uri_of, Encoding, Lines};
use super::refs::{field, Occurrence, Target};
use super::state::Folder;
use crate::source::Span;
use crate::syntax::ast::Item;
use lsp_types::{DocumentSymbol, Location, SymbolKind};

/// The place a span of the folder is at.
pub fn location(folder: &Folder, span: Span, enc: Encoding) -> Option<Location> {
    let f = folder.source(span.file)?;
    let lines = Lines::new(&f.text, enc);
    Some(Location {
        uri: uri_of(&f.path)?,
        range: lines.range(span.start as usize, span.end as usize),
    })
}

/// Every occurrence of the folder, with its source id.
fn all(folder: &Folder) -> impl Iterator<Item = &Occurrence> {
    let mut ids: Vec<&u16> = folder.names.keys().collect();
    ids.sort();
    ids.into_iter().flat_map(|id| &folder.names[id])
}

/// Where `target` is defined.
pub fn definition(folder: &Folder, target: &Target) -> Option<Span> {
    let schema = folder.loaded.schema.as_ref();
    match target {
        Target::Question(id) => Some(field(schema?, id)?.span),
        Target::Option { question, option } => {
            let schema = schema?;
            let mut qs: Vec<&crate::schema::Question> = match question {
                Some(q) => field(schema, q).into_iter().collect(),
                None => schema.questions.iter().collect(),
            };
            qs.retain(|q| q.option_index(option).is_some());
            let q = qs.first()?;
            q.kind
                .options()
                .iter()
                .find(|o| o.id == *option)
                .map(|o| o.span)
        }
        Target::Let(_) | Target::Rule(_) => all(folder)
            .find(|o| o.def && o.target == *target)
            .map(|o| o.span),
        Target::Section(id) => all(folder)
            .find(|o| o.def && o.target == *target)
            .map(|o| o.span)
            .or_else(|| Some(schema?.sections.iter().find(|s| s.id == *id)?.span)),
        Target::Threshold { .. } => None,
    }
}

/// The places that name `target` (with its definition when `with_def`), in file order; for a
/// question also the rules that read it through a `let`.
pub fn references(folder: &Folder, target: &Target, with_def: bool) -> Vec<Span> {
    let mut out: Vec<Span> = all(folder)
        .filter(|o| o.target == *target && (with_def || !o.def))
        .map(|o| o.span)
        .collect();
    if let (Target::Question(id), Some(p)) = (target, &folder.loaded.ruleset.program) {
        if let Some(slot) = p.schema.lookup(id).map(|r| match r {
            crate::schema::Ref::Question(i) => i,
            crate::schema::Ref::Meta(i) => p.schema.questions.len() + i,
        }) {
            let named: std::collections::HashSet<&str> = all(folder)
                .filter(|o| o.target == *target)
                .filter_map(|o| o.rule.as_deref())
                .collect();
            for r in &p.rules {
                if r.reads.contains(&slot) && !named.contains(r.name.as_str()) {
                    if let Some(o) =
                        all(folder).find(|o| o.def && o.target == Target::Rule(r.name.clone()))
                    {
                        out.push(o.span);
                    }
                }
            }
        }
    }
    if with_def {
        if let Some(d) = definition(folder, target) {
            if !out.contains(&d) {
                out.insert(0, d);
            }
        }
    }
    out
}

/// The sections, rules, `let`s, levels and index of a file.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written
pub fn symbols(folder: &Folder, id: u16, enc: Encoding) -> Vec<DocumentSymbol> {
    let (Some(file), Some(src)) = (folder.ast(id), folder.source(id)) else {
        return Vec::new();
    };
    let lines = Lines::new(&src.text, enc);
    let sym = |name: String, detail: Option<String>, kind, span: Span, sel: Span| DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(span.start as usize, span.end as usize),
        selection_range: lines.range(sel.start as usize, sel.end as usize),
        children: None,
    };
    let mut out = Vec::new();
    for item in &file.items {
        let s = match item {
            Item::Section(s) => sym(
                s.name.node.clone(),
                None,
                SymbolKind::NAMESPACE,
                s.span,
                s.name.span,
            ),
            Item::Rule(r) => sym(
                r.name.node.clone(),
                Some(format!("in {}", r.section.node)),
                SymbolKind::FUNCTION,
                r.span,
                r.name.span,
            ),
            Item::Let(l) => sym(
                l.name.node.clone(),
                None,
                SymbolKind::VARIABLE,
                l.span,
                l.name.span,
            ),
            Item::Levels(l) => sym("levels".into(), None, SymbolKind::ENUM, l.span, l.span),
            Item::Index(ix) => sym("index".into(), None, SymbolKind::MODULE, ix.span, ix.span),
            Item::Grouping(g) => sym(
                g.name.node.clone(),
                Some("group".into()),
                SymbolKind::STRUCT,
                g.span,
                g.name.span,
            ),
            Item::Constraint(c) => sym(
                c.name.node.clone(),
                Some("constraint".into()),
                SymbolKind::EVENT,
                c.span,
                c.name.span,
            ),
            Item::Uncertain(u) => sym("uncertain".into(), None, SymbolKind::OBJECT, u.span, u.span),
            Item::Survey(_) | Item::Defaults(_) => continue,
        };
        out.push(s);
    }
    out
}
