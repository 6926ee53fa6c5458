//! Resolution and checking: a parsed ruleset plus its schema become a [`hir::Program`].
//!
//! The checker never stops at the first problem: it reports every error and warning it finds, in
//! source order, and produces a program only when there is no error.

mod arith;
mod calls;
mod cascade;
mod constraints;
mod cubes;
mod error;
mod expr;
mod feasible;
mod first_def;
mod groupings;
mod items;
mod pins;
mod rules;
mod tables;
mod uncertain;

pub use error::{CheckError, Severity};
pub use first_def::label_first_definitions;

use crate::hir::{self, Ty};
use crate::schema::{Question, Schema};
use crate::syntax::ast;
use expr::{Ctx, Typed};
use std::collections::{BTreeSet, HashMap};

/// Checks the items of all `.rules` files of a ruleset against the schema.
/// Returns the program (when there are no errors) and every diagnostic, sorted by place.
pub fn check(files: &[ast::File], schema: &Schema) -> (Option<hir::Program>, Vec<CheckError>) {
    check_with(files, &[], schema)
}

/// [`check`], also told of the items left out for syntax errors, so that their errors do not
/// cascade (see `cascade`).
pub fn check_with(
    files: &[ast::File],
    broken: &[ast::BrokenItem],
    schema: &Schema,
) -> (Option<hir::Program>, Vec<CheckError>) {
    let items: Vec<&ast::Item> = files.iter().flat_map(|f| f.items.iter()).collect();
    let mut c = Checker::new(schema, &items);
    let program = c.run(&items, broken);
    let mut diags = c.errors;
    diags.sort_by_key(|d| {
        let s = d.span();
        (s.file, s.start, s.end)
    });
    let has_error = diags.iter().any(|d| d.severity() == Severity::Error);
    (if has_error { None } else { program }, diags)
}

#[allow(clippy::large_enum_variant)]
enum LetState {
    Todo,
    InProgress,
    Done(Option<(usize, Typed)>),
}

pub(crate) struct Checker<'a> {
    schema: &'a Schema,
    errors: Vec<CheckError>,
    let_defs: Vec<&'a ast::LetDef>,
    lets_by_name: HashMap<String, usize>,
    let_state: Vec<LetState>,
    let_stack: Vec<usize>,
    lets: Vec<hir::Let>,
    /// Checked `ask_if` per question slot.
    ask: Vec<Option<Typed>>,
    /// An expression nested too deeply was reported in the expression being checked.
    deep_reported: bool,
}

impl<'a> Checker<'a> {
    fn new(schema: &'a Schema, items: &[&'a ast::Item]) -> Self {
        let mut c = Checker {
            schema,
            errors: Vec::new(),
            let_defs: Vec::new(),
            lets_by_name: HashMap::new(),
            let_state: Vec::new(),
            let_stack: Vec::new(),
            lets: Vec::new(),
            ask: vec![None; schema.questions.len()],
            deep_reported: false,
        };
        for item in items {
            if let ast::Item::Let(l) = item {
                if c.lets_by_name.contains_key(&l.name.node) {
                    c.err(CheckError::Duplicate {
                        what: "value",
                        name: l.name.node.clone(),
                        span: l.name.span,
                        help: format!(
                            "`let {}` is already defined earlier in the ruleset; rename one of them",
                            l.name.node
                        ),
                    });
                    continue;
                }
                if schema.lookup(&l.name.node).is_some() {
                    c.err(CheckError::Duplicate {
                        what: "name",
                        name: l.name.node.clone(),
                        span: l.name.span,
                        help:
                            "a `let` cannot have the id of a question or metadata field; rename it"
                                .into(),
                    });
                    continue;
                }
                c.lets_by_name.insert(l.name.node.clone(), c.let_defs.len());
                c.let_defs.push(l);
                c.let_state.push(LetState::Todo);
            }
        }
        c
    }

    pub(super) fn err(&mut self, e: CheckError) {
        self.errors.push(e);
    }

    pub(super) fn slot_question(&self, slot: usize) -> &'a Question {
        let nq = self.schema.questions.len();
        if slot < nq {
            &self.schema.questions[slot]
        } else {
            &self.schema.meta[slot - nq]
        }
    }

    pub(super) fn slot_id(&self, slot: usize) -> &'a str {
        &self.slot_question(slot).id
    }

    /// Question slots the `ask_if` of `slot` reads.
    pub(super) fn ask_reads(&self, slot: usize) -> BTreeSet<usize> {
        self.ask
            .get(slot)
            .and_then(|a| a.as_ref())
            .map(|t| t.reads.clone())
            .unwrap_or_default()
    }

    /// Resolves a `let` by name: `None` if `n` is not a let; `Some(None)` if it has errors.
    fn let_value(&mut self, n: &str) -> Option<Option<Typed>> {
        let &idx = self.lets_by_name.get(n)?;
        Some(self.resolve_let(idx))
    }

    /// Resolves a `let`, after every `let` it reads (in dependency order, without recursion:
    /// a chain of any length and order checks, see [`Checker::resolve_deps`]).
    fn resolve_let(&mut self, idx: usize) -> Option<Typed> {
        if matches!(self.let_state[idx], LetState::Todo) && self.let_stack.is_empty() {
            self.resolve_deps(idx);
        }
        match &self.let_state[idx] {
            LetState::Done(r) => {
                let (hir_idx, t) = r.as_ref()?;
                let mut out = t.clone();
                out.expr = hir::Expr::Let(*hir_idx);
                return Some(out);
            }
            LetState::InProgress => {
                let start = self.let_stack.iter().position(|&i| i == idx).unwrap_or(0);
                let path: Vec<usize> = self.let_stack[start..].to_vec();
                self.cycle(&path, idx);
                return None;
            }
            LetState::Todo => {}
        }
        self.resolve_one(idx)
    }

    /// Reports the cycle `path` → `back` (at `back`'s name).
    fn cycle(&mut self, path: &[usize], back: usize) {
        let mut names: Vec<&str> = path
            .iter()
            .map(|&i| self.let_defs[i].name.node.as_str())
            .collect();
        names.push(&self.let_defs[back].name.node);
        // a long cycle is named by its ends: the first and last `SHOWN` of its `let`s
        const SHOWN: usize = 6;
        let path = if names.len() > 2 * SHOWN + 1 {
            let skipped = format!("… {} more …", names.len() - 2 * SHOWN);
            let mut short: Vec<&str> = names[..SHOWN].to_vec();
            short.push(&skipped);
            short.extend_from_slice(&names[names.len() - SHOWN..]);
            short.join(" → ")
        } else {
            names.join(" → ")
        };
        let def = self.let_defs[back];
        self.err(CheckError::Cycle {
            name: def.name.node.clone(),
            path,
            span: def.name.span,
        });
    }

    /// Resolves the `let`s `root` reads, directly or not, then `root`: an iterative depth-first
    /// walk over the names each definition mentions, resolving each `let` after the ones it reads
    /// (post-order), so no resolution recurses into another. A `let` met again while it is on
    /// the walk's path closes a cycle: reported with its path, and the `let` fails (so do the
    /// ones that read it, without further reports).
    fn resolve_deps(&mut self, root: usize) {
        let mut on_path = vec![false; self.let_defs.len()];
        // (let, the lets it reads, how many of them were visited)
        let mut walk: Vec<(usize, Vec<usize>, usize)> = vec![(root, self.let_refs(root), 0)];
        on_path[root] = true;
        while let Some((idx, refs, next)) = walk.last_mut() {
            if let Some(&r) = refs.get(*next) {
                *next += 1;
                if on_path[r] {
                    let from = walk.iter().position(|w| w.0 == r).unwrap_or(0);
                    let path: Vec<usize> = walk[from..].iter().map(|w| w.0).collect();
                    self.cycle(&path, r);
                    self.let_state[r] = LetState::Done(None);
                } else if matches!(self.let_state[r], LetState::Todo) {
                    on_path[r] = true;
                    walk.push((r, self.let_refs(r), 0));
                }
                continue;
            }
            let idx = *idx;
            walk.pop();
            on_path[idx] = false;
            if matches!(self.let_state[idx], LetState::Todo) {
                self.resolve_one(idx);
            }
        }
    }

    /// The `let`s a definition mentions, in the order the checker meets them.
    fn let_refs(&self, idx: usize) -> Vec<usize> {
        let mut names = Vec::new();
        mentioned_names(&self.let_defs[idx].value, &mut names);
        names
            .into_iter()
            .filter_map(|n| self.lets_by_name.get(n).copied())
            .collect()
    }

    /// Checks one `let` (the ones it reads are resolved already, or fail).
    fn resolve_one(&mut self, idx: usize) -> Option<Typed> {
        self.let_state[idx] = LetState::InProgress;
        self.let_stack.push(idx);
        let def = self.let_defs[idx];
        let t = self.expr(
            &def.value,
            Ctx {
                section: None,
                in_ask_if: false,
            },
            0,
        );
        self.let_stack.pop();
        let result = t.and_then(|t| {
            if t.ty == Ty::Text || t.ty == Ty::Missing {
                self.mismatch(
                    "a number or a condition",
                    &t,
                    def.value.span,
                    "a `let` must compute a number, a condition or a choice",
                );
                return None;
            }
            let hir_idx = self.lets.len();
            self.lets.push(hir::Let {
                name: def.name.node.clone(),
                expr: t.expr.clone(),
                ty: t.ty,
                span: def.name.span,
            });
            Some((hir_idx, t))
        });
        // a cycle reported while resolving leaves InProgress behind only for this let
        self.let_state[idx] = LetState::Done(result.clone());
        let (hir_idx, t) = result?;
        let mut out = t;
        out.expr = hir::Expr::Let(hir_idx);
        Some(out)
    }
}

/// The names an expression mentions, left to right (its depth is bounded by the parser).
fn mentioned_names<'e>(e: &'e ast::Expr, out: &mut Vec<&'e str>) {
    use ast::ExprKind as K;
    match e.kind.as_ref() {
        K::Number(_) | K::MissingLit => {}
        K::Name(n) => out.push(n),
        K::Neg(x) | K::Not(x) => mentioned_names(x, out),
        K::Binary(_, _, a, b) => {
            mentioned_names(a, out);
            mentioned_names(b, out);
        }
        K::In { value, .. } | K::Has { value, .. } | K::HasSet { value, .. } => {
            mentioned_names(value, out)
        }
        K::If(c, a, b) => {
            mentioned_names(c, out);
            mentioned_names(a, out);
            mentioned_names(b, out);
        }
        K::Call { args, named, .. } => {
            for a in args {
                mentioned_names(a, out);
            }
            for (_, a) in named {
                mentioned_names(a, out);
            }
        }
    }
}
