//! Resolution and checking: a parsed ruleset plus its schema become a [`hir::Program`].
//!
//! The checker never stops at the first problem: it reports every error and warning it finds, in
//! source order, and produces a program only when there is no error.

mod arith;
mod calls;
mod cascade;
mod constraints;
mod error;
mod expr;
mod feasible;
mod first_def;
mod groupings;
mod items;
mod pins;
mod rules;
mod tables;

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

    fn resolve_let(&mut self, idx: usize) -> Option<Typed> {
        match &self.let_state[idx] {
            LetState::Done(r) => {
                let (hir_idx, t) = r.as_ref()?;
                let mut out = t.clone();
                out.expr = hir::Expr::Let(*hir_idx);
                return Some(out);
            }
            LetState::InProgress => {
                let start = self.let_stack.iter().position(|&i| i == idx).unwrap_or(0);
                let mut path: Vec<&str> = self.let_stack[start..]
                    .iter()
                    .map(|&i| self.let_defs[i].name.node.as_str())
                    .collect();
                path.push(&self.let_defs[idx].name.node);
                let path = path.join(" → ");
                let def = self.let_defs[idx];
                self.err(CheckError::Cycle {
                    name: def.name.node.clone(),
                    path,
                    span: def.name.span,
                });
                return None;
            }
            LetState::Todo => {}
        }
        if self.let_stack.len() > expr::MAX_DEPTH {
            let def = self.let_defs[idx];
            self.err(CheckError::LetChainTooDeep {
                max: expr::MAX_DEPTH,
                span: def.name.span,
            });
            self.let_state[idx] = LetState::Done(None);
            return None;
        }
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
