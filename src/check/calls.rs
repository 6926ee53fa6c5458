//! Calls of the builtin functions, one function per family: `count`, `answered`/`asked`,
//! `min`/`max` and `ratio`, each with the interval of values it can give. [`Checker::call`]
//! checks what all calls share (named arguments, an unknown function name) and dispatches.

use super::expr::{both, either, Ctx, Typed};
use super::{CheckError, Checker};
use crate::hir::{Expr, Ty};
use crate::num::Num;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, ExprKind};

impl Checker<'_> {
    pub(super) fn call(
        &mut self,
        func: &ast::Name,
        args: &[ast::Expr],
        named: &[(ast::Name, ast::Expr)],
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        let f = func.node.as_str();
        if f != "ratio" {
            if let Some((n, _)) = named.first() {
                self.err(CheckError::UnknownNamedArgument {
                    func: f.to_string(),
                    name: n.node.clone(),
                    span: n.span,
                });
                return None;
            }
        }
        match f {
            "count" => self.count(args, span, ctx, d),
            "answered" | "asked" => self.answered_or_asked(f, args, span, ctx),
            "min" | "max" => self.min_max(f, args, span, ctx, d),
            "ratio" => self.ratio(args, named, span, ctx, d),
            "exclusive" => {
                self.err(CheckError::ExclusiveOutsideConstraint { span });
                None
            }
            _ => {
                self.err(CheckError::UnknownName {
                    what: "function",
                    name: f.to_string(),
                    span: func.span,
                    hint: suggest::hint(
                        f,
                        ["ratio", "min", "max", "count", "answered", "asked"],
                        "function",
                    ),
                });
                None
            }
        }
    }

    /// Whether `f` got `n` arguments; reports it when not.
    fn arity(&mut self, f: &str, args: &[ast::Expr], n: usize, span: Span) -> bool {
        if args.len() != n {
            self.err(CheckError::Arity {
                func: f.to_string(),
                expected: n,
                found: args.len(),
                span,
            });
            false
        } else {
            true
        }
    }

    /// `count(q_multi)`: the number of selected options.
    fn count(&mut self, args: &[ast::Expr], span: Span, ctx: Ctx, d: usize) -> Option<Typed> {
        if !self.arity("count", args, 1, span) {
            return None;
        }
        let t = self.expr(&args[0], ctx, d)?;
        let Ty::Multi(slot) = t.ty else {
            return self.mismatch(
                "a multiple-choice question",
                &t,
                args[0].span,
                "`count(q)` counts the selected options of a multiple choice",
            );
        };
        let n = self.slot_question(slot).kind.options().len();
        Some(
            Typed::num(
                Expr::Count(Box::new(t.expr.clone())),
                Some(Num::ZERO),
                Some(Num::int(n as i128)),
                true,
            )
            .with_deps(&[&t]),
        )
    }

    /// `answered(q)` and `asked(q)`: they take a question id, not a value.
    fn answered_or_asked(
        &mut self,
        f: &str,
        args: &[ast::Expr],
        span: Span,
        ctx: Ctx,
    ) -> Option<Typed> {
        if !self.arity(f, args, 1, span) {
            return None;
        }
        let slot = match args[0].kind.as_ref() {
            ExprKind::Name(n) => match self.schema.lookup(n) {
                Some(r) => self.slot(r),
                None => {
                    self.name(n, args[0].span, ctx)?;
                    return None;
                }
            },
            _ => {
                self.err(CheckError::ExpectedQuestionId {
                    func: f.to_string(),
                    span: args[0].span,
                });
                return None;
            }
        };
        let e = if f == "answered" {
            Expr::Answered(slot)
        } else {
            Expr::Asked(slot)
        };
        let mut t = Typed::new(e, Ty::Bool);
        t.mentions.insert(slot);
        // whether a question was asked depends on the questions its condition reads
        if f == "asked" {
            t.mentions.extend(self.ask_reads(slot));
        }
        Some(t)
    }

    /// `min(a, b, ...)` and `max(a, b, ...)`.
    fn min_max(
        &mut self,
        f: &str,
        args: &[ast::Expr],
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        if args.is_empty() {
            self.err(CheckError::NoArguments {
                func: f.to_string(),
                span,
            });
            return None;
        }
        let ts: Vec<Option<Typed>> = args.iter().map(|a| self.expect_num(a, ctx, d)).collect();
        let ts: Vec<Typed> = ts.into_iter().collect::<Option<_>>()?;
        let is_min = f == "min";
        let mut lo = ts[0].lo;
        let mut hi = ts[0].hi;
        for t in &ts[1..] {
            if is_min {
                lo = both(lo, t.lo, Num::min);
                hi = either(hi, t.hi, Num::min);
            } else {
                lo = either(lo, t.lo, Num::max);
                hi = both(hi, t.hi, Num::max);
            }
        }
        let integer = ts.iter().all(|t| t.integer);
        let exprs = ts.iter().map(|t| t.expr.clone()).collect();
        let e = if is_min {
            Expr::Min(exprs)
        } else {
            Expr::Max(exprs)
        };
        let refs: Vec<&Typed> = ts.iter().collect();
        Some(Typed::num(e, lo, hi, integer).with_deps(&refs))
    }

    /// `ratio(numerator, divisor, zero: z)`: `zero:` (a number or `missing`) is required.
    fn ratio(
        &mut self,
        args: &[ast::Expr],
        named: &[(ast::Name, ast::Expr)],
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        if !self.arity("ratio", args, 2, span) {
            return None;
        }
        let n = self.expect_num(&args[0], ctx, d);
        let q = self.expect_num(&args[1], ctx, d);
        let mut zero: Option<Option<Num>> = None;
        for (k, v) in named {
            if k.node != "zero" {
                self.err(CheckError::UnknownNamedArgument {
                    func: "ratio".into(),
                    name: k.node.clone(),
                    span: k.span,
                });
                return None;
            }
            zero = Some(match v.kind.as_ref() {
                ExprKind::Number(x) => Some(*x),
                ExprKind::MissingLit => None,
                _ => {
                    self.err(CheckError::RatioZero { span: v.span });
                    return None;
                }
            });
        }
        let (n, q) = (n?, q?);
        let Some(zero) = zero else {
            self.err(CheckError::RatioWithoutZero { span });
            return None;
        };
        let nonneg = |t: &Typed| t.lo.is_some_and(|l| !l.is_negative());
        let (mut lo, mut hi) = (None, None);
        if nonneg(&n) && nonneg(&q) {
            lo = Some(zero.map_or(Num::ZERO, |z| z.min(Num::ZERO)));
            // a ratio of non-negative numbers is unbounded above unless the divisor is bounded away from 0
            if let (Some(nh), Some(ql)) = (n.hi, q.lo) {
                if !ql.is_zero() {
                    hi = nh
                        .div(ql)
                        .ok()
                        .flatten()
                        .map(|h| zero.map_or(h, |z| h.max(z)));
                }
            }
        }
        Some(
            Typed::num(
                Expr::Ratio(Box::new(n.expr.clone()), Box::new(q.expr.clone()), zero),
                lo,
                hi,
                false,
            )
            .with_deps(&[&n, &q]),
        )
    }
}
