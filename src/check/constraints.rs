//! `constraint` items: answers that cannot be given together. Each `when` and `require` is a
//! condition over questions (and `let`s); `require exclusive(q, o, ...)` says that options `o` of
//! multiple choice `q` exclude every other option.

use super::expr::Ctx;
use super::{CheckError, Checker};
use crate::hir::{self, Expr, Ty};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::syntax::ast::{self, ExprKind};
use std::collections::HashMap;

const CTX: Ctx = Ctx {
    section: None,
    in_ask_if: false,
};

impl Checker<'_> {
    /// Every `constraint` item, checked.
    pub(super) fn constraints(&mut self, items: &[&ast::Item]) -> Vec<hir::Constraint> {
        let mut out = Vec::new();
        let mut seen: HashMap<&str, ()> = HashMap::new();
        for item in items {
            let ast::Item::Constraint(c) = item else {
                continue;
            };
            if seen.insert(c.name.node.as_str(), ()).is_some() {
                self.err(CheckError::Duplicate {
                    what: "constraint",
                    name: c.name.node.clone(),
                    span: c.name.span,
                    help: format!(
                        "`constraint {}` is already defined earlier in the ruleset; rename one of them",
                        c.name.node
                    ),
                });
            }
            if let Some(k) = self.constraint(c) {
                out.push(k);
            }
        }
        out
    }

    fn constraint(&mut self, c: &ast::ConstraintDef) -> Option<hir::Constraint> {
        let when = c.when.as_ref().map(|w| self.expect_bool(w, CTX, 0));
        let mut requires = Vec::new();
        let mut ok = true;
        for r in &c.requires {
            match self.require(r) {
                Some(r) => requires.push(r),
                None => ok = false,
            }
        }
        let (when, when_slots) = match when {
            None => (None, Vec::new()),
            Some(None) => return None,
            // `mentions`: also the questions tested with `answered`/`asked`, which a
            // violation involves as much as those it reads
            Some(Some(t)) => (Some(t.expr), t.mentions.into_iter().collect()),
        };
        ok.then(|| hir::Constraint {
            name: c.name.node.clone(),
            message: c.message.node.clone(),
            en: c.en.as_ref().map(|e| e.node.clone()),
            when,
            requires,
            when_slots,
            span: c.span,
        })
    }

    fn require(&mut self, e: &ast::Expr) -> Option<hir::Require> {
        if let ExprKind::Call { func, args, named } = e.kind.as_ref() {
            if func.node == "exclusive" && named.is_empty() {
                return self.exclusive(args, e);
            }
        }
        let t = self.expect_bool(e, CTX, 0)?;
        Some(hir::Require {
            expr: t.expr,
            slots: t.mentions.into_iter().collect(),
            exclusive: None,
            span: e.span,
        })
    }

    /// `exclusive(q, o1, o2, ...)`: each of the options is selected only alone. As a condition:
    /// `(not q has o1 or count(q) = 1) and ...`.
    fn exclusive(&mut self, args: &[ast::Expr], e: &ast::Expr) -> Option<hir::Require> {
        if args.len() < 2 {
            self.err(CheckError::Arity {
                func: "exclusive".into(),
                expected: 2,
                found: args.len(),
                span: e.span,
            });
            return None;
        }
        let t = self.expr(&args[0], CTX, 0)?;
        let slot = match t.ty {
            Ty::Multi(slot) if matches!(t.expr, Expr::Slot(_)) => slot,
            _ => {
                self.mismatch(
                    "a multiple-choice question",
                    &t,
                    args[0].span,
                    "`exclusive(q, none)` names a multiple choice and its options that exclude every other",
                );
                return None;
            }
        };
        let mut names = Vec::new();
        for a in &args[1..] {
            match a.kind.as_ref() {
                ExprKind::Name(n) => names.push(ast::Name::new(n.clone(), a.span)),
                _ => {
                    self.err(CheckError::ExpectedOption { span: a.span });
                    return None;
                }
            }
        }
        let mask = self.option_mask(slot, &names)?;
        let n_options = match &self.slot_question(slot).kind {
            QuestionKind::Multi(o) => o.len(),
            _ => 0,
        };
        if mask.count_ones() as usize >= n_options {
            self.err(CheckError::ExclusiveEveryOption { span: e.span });
            return None;
        }
        let q = || Box::new(Expr::Slot(slot));
        let mut expr: Option<Expr> = None;
        for bit in 0..128u32 {
            if mask & (1u128 << bit) == 0 {
                continue;
            }
            let has = Expr::Has(q(), 1u128 << bit, false);
            let alone = Expr::Cmp(
                hir::Cmp::Eq,
                Box::new(Expr::Count(q())),
                Box::new(Expr::Num(Num::ONE)),
            );
            let one = Expr::Or(Box::new(Expr::Not(Box::new(has))), Box::new(alone));
            expr = Some(match expr {
                None => one,
                Some(x) => Expr::And(Box::new(x), Box::new(one)),
            });
        }
        Some(hir::Require {
            expr: expr?,
            slots: vec![slot],
            exclusive: Some((slot, mask)),
            span: e.span,
        })
    }
}
