//! Resolving and typing expressions, with the interval of values a number can take (for the
//! static maximum of rules) and the question slots it reads (for missing-answer analysis).

use super::{CheckError, Checker};
use crate::hir::{Arith, Cmp, Expr, Ty};
use crate::num::Num;
use crate::schema::{QuestionKind, Ref};
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, BinOp, ExprKind};
use std::collections::BTreeSet;

/// A checked expression.
#[derive(Debug, Clone)]
pub struct Typed {
    pub expr: Expr,
    pub ty: Ty,
    /// For numbers: the lowest and highest value (None = unbounded).
    pub lo: Option<Num>,
    pub hi: Option<Num>,
    /// For numbers: always a whole number.
    pub integer: bool,
    /// Slots whose value is read (a missing answer there makes this value missing).
    pub reads: BTreeSet<usize>,
    /// Every slot mentioned, including through `answered(q)` and `asked(q)`.
    pub mentions: BTreeSet<usize>,
}

impl Typed {
    pub(super) fn new(expr: Expr, ty: Ty) -> Typed {
        Typed {
            expr,
            ty,
            lo: None,
            hi: None,
            integer: false,
            reads: BTreeSet::new(),
            mentions: BTreeSet::new(),
        }
    }

    pub(super) fn num(expr: Expr, lo: Option<Num>, hi: Option<Num>, integer: bool) -> Typed {
        Typed {
            lo,
            hi,
            integer,
            ..Typed::new(expr, Ty::Num)
        }
    }

    fn constant(n: Num) -> Typed {
        Typed::num(Expr::Num(n), Some(n), Some(n), n.is_integer())
    }

    pub(super) fn with_deps(mut self, others: &[&Typed]) -> Typed {
        for o in others {
            self.reads.extend(o.reads.iter().copied());
            self.mentions.extend(o.mentions.iter().copied());
        }
        self
    }
}

/// Where an expression appears: decides whether `answered_any` is allowed.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// Inside `applicable if` of this section.
    pub section: Option<usize>,
    /// Inside a schema `ask_if`: only questions and metadata may be read.
    pub in_ask_if: bool,
}

pub(super) const MAX_DEPTH: usize = 200;

impl Checker<'_> {
    /// Type name for messages.
    pub(super) fn ty_name(&self, ty: Ty) -> String {
        match ty {
            Ty::Num => "a number".into(),
            Ty::Bool => "yes/no".into(),
            Ty::Choice(s) => format!("a choice of `{}`", self.slot_id(s)),
            Ty::Multi(s) => format!("a multiple choice `{}`", self.slot_id(s)),
            Ty::Text => "free text".into(),
            Ty::Missing => "`missing`".into(),
        }
    }

    /// Checks an expression. `None` when an error was reported (no cascades).
    pub(super) fn expr(&mut self, e: &ast::Expr, ctx: Ctx, depth: usize) -> Option<Typed> {
        if depth == 0 {
            self.deep_reported = false;
        }
        if depth > MAX_DEPTH {
            // once per expression: the siblings of the first node too deep are as deep
            if !self.deep_reported {
                self.deep_reported = true;
                self.err(CheckError::TooDeep {
                    max: MAX_DEPTH,
                    span: e.span,
                });
            }
            return None;
        }
        let d = depth + 1;
        match e.kind.as_ref() {
            ExprKind::Number(n) => Some(Typed::constant(*n)),
            ExprKind::MissingLit => Some(Typed::new(Expr::Missing, Ty::Missing)),
            ExprKind::Name(n) => self.name(n, e.span, ctx),
            ExprKind::Neg(x) => self.neg(x, ctx, d),
            ExprKind::Not(x) => {
                let t = self.expect_bool(x, ctx, d)?;
                Some(Typed::new(Expr::Not(Box::new(t.expr.clone())), Ty::Bool).with_deps(&[&t]))
            }
            ExprKind::Binary(op, op_span, a, b) => {
                self.binary(*op, op_span.span, a, b, e.span, ctx, d)
            }
            ExprKind::In {
                value,
                options,
                negated,
            } => self.in_options(value, options, *negated, ctx, d),
            ExprKind::Has { value, option } => self.has(
                value,
                std::slice::from_ref(option),
                false,
                "`has` tests a multiple choice; for a single choice use `=` or `in {…}`",
                ctx,
                d,
            ),
            ExprKind::HasSet {
                value,
                all,
                options,
            } => self.has(
                value,
                options,
                *all,
                "`has any`/`has all` test a multiple choice",
                ctx,
                d,
            ),
            ExprKind::If(c, a, b) => self.if_then_else(c, a, b, e.span, ctx, d),
            ExprKind::Call { func, args, named } => self.call(func, args, named, e.span, ctx, d),
        }
    }

    /// `-x`: the bounds swap and change sign.
    fn neg(&mut self, x: &ast::Expr, ctx: Ctx, d: usize) -> Option<Typed> {
        let t = self.expect_num(x, ctx, d)?;
        let lo = t.hi.and_then(|h| h.neg().ok());
        let hi = t.lo.and_then(|l| l.neg().ok());
        let integer = t.integer;
        Some(Typed::num(Expr::Neg(Box::new(t.expr.clone())), lo, hi, integer).with_deps(&[&t]))
    }

    /// `q in {a, b}` and `q not in {a, b}` on a single choice.
    fn in_options(
        &mut self,
        value: &ast::Expr,
        options: &[ast::Name],
        negated: bool,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        let t = self.expr(value, ctx, d)?;
        let Ty::Choice(slot) = t.ty else {
            return self.mismatch(
                "a single-choice question",
                &t,
                value.span,
                "`in` tests a single choice; for a multiple choice use `has any {…}`",
            );
        };
        let mask = self.option_mask(slot, options)?;
        Some(
            Typed::new(Expr::In(Box::new(t.expr.clone()), mask, negated), Ty::Bool)
                .with_deps(&[&t]),
        )
    }

    /// `q has a` (one option, `all` false), `q has any {a, b}` and `q has all {a, b}` on a
    /// multiple choice; `help` is the hint when `q` is not one.
    fn has(
        &mut self,
        value: &ast::Expr,
        options: &[ast::Name],
        all: bool,
        help: &str,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        let t = self.expr(value, ctx, d)?;
        let Ty::Multi(slot) = t.ty else {
            return self.mismatch("a multiple-choice question", &t, value.span, help);
        };
        let mask = self.option_mask(slot, options)?;
        Some(Typed::new(Expr::Has(Box::new(t.expr.clone()), mask, all), Ty::Bool).with_deps(&[&t]))
    }

    /// `if c then a else b`: both branches give the same type (or one is `missing`).
    fn if_then_else(
        &mut self,
        c: &ast::Expr,
        a: &ast::Expr,
        b: &ast::Expr,
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        let c = self.expect_bool(c, ctx, d);
        let a = self.expr(a, ctx, d);
        let b = self.expr(b, ctx, d);
        let (c, a, b) = (c?, a?, b?);
        if a.ty != b.ty && !(a.ty == Ty::Missing || b.ty == Ty::Missing) {
            let (an, bn) = (self.ty_name(a.ty), self.ty_name(b.ty));
            self.err(CheckError::TypeMismatch {
                expected: an.clone(),
                found: bn.clone(),
                span,
                help: format!(
                    "both branches of `if` must give the same kind of value (here {an} and {bn})"
                ),
            });
            return None;
        }
        let ty = if a.ty == Ty::Missing { b.ty } else { a.ty };
        let lo = opt_min(a.lo, b.lo, a.ty == Ty::Missing, b.ty == Ty::Missing);
        let hi = opt_max(a.hi, b.hi, a.ty == Ty::Missing, b.ty == Ty::Missing);
        let integer = (a.integer || a.ty == Ty::Missing) && (b.integer || b.ty == Ty::Missing);
        let mut t = Typed::new(
            Expr::If(
                Box::new(c.expr.clone()),
                Box::new(a.expr.clone()),
                Box::new(b.expr.clone()),
            ),
            ty,
        )
        .with_deps(&[&c, &a, &b]);
        t.lo = lo;
        t.hi = hi;
        t.integer = integer;
        Some(t)
    }

    pub(super) fn name(&mut self, n: &str, span: Span, ctx: Ctx) -> Option<Typed> {
        if ctx.in_ask_if && self.lets_by_name.contains_key(n) {
            self.err(CheckError::LetInAskIf {
                name: n.to_string(),
                span,
            });
            return None;
        }
        if let Some(t) = self.let_value(n) {
            return t;
        }
        match n {
            "yes" => return Some(Typed::new(Expr::Bool(true), Ty::Bool)),
            "no" => return Some(Typed::new(Expr::Bool(false), Ty::Bool)),
            "answered_any" => {
                return match ctx.section {
                    Some(s) => Some(Typed::new(Expr::AnsweredAny(s), Ty::Bool)),
                    None => {
                        self.err(CheckError::AnsweredAnyOutsideSection { span });
                        None
                    }
                };
            }
            _ => {}
        }
        match self.schema.lookup(n) {
            Some(r) => {
                let slot = self.slot(r);
                Some(self.slot_value(slot))
            }
            None => {
                let candidates = self.value_names();
                self.err(CheckError::UnknownName {
                    what: "question or value",
                    name: n.to_string(),
                    span,
                    hint: suggest::hint(n, candidates.iter().map(String::as_str), "name"),
                });
                None
            }
        }
    }

    /// The typed value of a question or metadata slot.
    pub(super) fn slot_value(&self, slot: usize) -> Typed {
        let q = self.slot_question(slot);
        let mut t = match &q.kind {
            QuestionKind::Single(_) => Typed::new(Expr::Slot(slot), Ty::Choice(slot)),
            QuestionKind::Multi(_) => Typed::new(Expr::Slot(slot), Ty::Multi(slot)),
            QuestionKind::YesNo => Typed::new(Expr::Slot(slot), Ty::Bool),
            QuestionKind::Integer { min, max, .. } => {
                Typed::num(Expr::Slot(slot), *min, *max, true)
            }
            QuestionKind::Decimal { min, max, .. } => {
                Typed::num(Expr::Slot(slot), *min, *max, false)
            }
            QuestionKind::Text => Typed::new(Expr::Slot(slot), Ty::Text),
        };
        t.reads.insert(slot);
        t.mentions.insert(slot);
        t
    }

    fn value_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.lets_by_name.keys().cloned().collect();
        v.extend(self.schema.questions.iter().map(|q| q.id.clone()));
        v.extend(self.schema.meta.iter().map(|q| q.id.clone()));
        v
    }

    pub(super) fn expect_num(&mut self, e: &ast::Expr, ctx: Ctx, d: usize) -> Option<Typed> {
        let t = self.expr(e, ctx, d)?;
        if t.ty == Ty::Num {
            Some(t)
        } else {
            self.mismatch("a number", &t, e.span, "arithmetic and ranges need numbers")
        }
    }

    pub(super) fn expect_bool(&mut self, e: &ast::Expr, ctx: Ctx, d: usize) -> Option<Typed> {
        let t = self.expr(e, ctx, d)?;
        if t.ty == Ty::Bool {
            Some(t)
        } else {
            self.mismatch(
                "a condition (yes/no)",
                &t,
                e.span,
                "write a comparison, e.g. `q = yes`, `q in {a, b}`, `x >= 2`",
            )
        }
    }

    pub(super) fn mismatch(
        &mut self,
        expected: &str,
        t: &Typed,
        span: Span,
        help: &str,
    ) -> Option<Typed> {
        if t.ty == Ty::Text {
            if let Some(&slot) = t.reads.iter().next() {
                self.err(CheckError::TextInScoring {
                    question: self.slot_id(slot).to_string(),
                    span,
                });
                return None;
            }
        }
        let found = self.ty_name(t.ty);
        self.err(CheckError::TypeMismatch {
            expected: expected.to_string(),
            found,
            span,
            help: help.to_string(),
        });
        None
    }

    /// Bit mask of the named options of a choice slot, reporting unknown ones.
    pub(super) fn option_mask(&mut self, slot: usize, options: &[ast::Name]) -> Option<u128> {
        let mut mask = 0u128;
        let mut ok = true;
        for o in options {
            match self.option_bit(slot, o) {
                Some(b) => mask |= 1u128 << b,
                None => ok = false,
            }
        }
        ok.then_some(mask)
    }

    /// Index of an option of a choice slot (or of `yes`/`no` for yes/no: no = 0, yes = 1).
    pub(super) fn option_bit(&mut self, slot: usize, o: &ast::Name) -> Option<u32> {
        let q = self.slot_question(slot);
        if matches!(q.kind, QuestionKind::YesNo) {
            return match o.node.as_str() {
                "no" => Some(0),
                "yes" => Some(1),
                _ => {
                    let qid = q.id.clone();
                    self.err(CheckError::UnknownOption {
                        question: qid,
                        option: o.node.clone(),
                        span: o.span,
                        hint: "a yes/no question has the options `yes` and `no`".into(),
                    });
                    None
                }
            };
        }
        match q.option_index(&o.node) {
            Some(i) => Some(i as u32),
            None => {
                let ids: Vec<&str> = q.kind.options().iter().map(|x| x.id.as_str()).collect();
                let hint = suggest::hint(&o.node, ids.iter().copied(), "option");
                let qid = q.id.clone();
                self.err(CheckError::UnknownOption {
                    question: qid,
                    option: o.node.clone(),
                    span: o.span,
                    hint,
                });
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn binary(
        &mut self,
        op: BinOp,
        op_span: Span,
        a: &ast::Expr,
        b: &ast::Expr,
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        match op {
            BinOp::And | BinOp::Or => {
                let x = self.expect_bool(a, ctx, d);
                let y = self.expect_bool(b, ctx, d);
                let (x, y) = (x?, y?);
                let (ex, ey) = (Box::new(x.expr.clone()), Box::new(y.expr.clone()));
                let e = if op == BinOp::And {
                    Expr::And(ex, ey)
                } else {
                    Expr::Or(ex, ey)
                };
                Some(Typed::new(e, Ty::Bool).with_deps(&[&x, &y]))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                let x = self.expect_num(a, ctx, d);
                let y = self.expect_num(b, ctx, d);
                let (x, y) = (x?, y?);
                let (lo, hi) = match op {
                    BinOp::Add => (add(x.lo, y.lo), add(x.hi, y.hi)),
                    BinOp::Sub => (sub(x.lo, y.hi), sub(x.hi, y.lo)),
                    _ => mul_bounds(&x, &y),
                };
                let ar = match op {
                    BinOp::Add => Arith::Add,
                    BinOp::Sub => Arith::Sub,
                    _ => Arith::Mul,
                };
                let integer = x.integer && y.integer;
                Some(
                    Typed::num(
                        Expr::Arith(ar, Box::new(x.expr.clone()), Box::new(y.expr.clone())),
                        lo,
                        hi,
                        integer,
                    )
                    .with_deps(&[&x, &y]),
                )
            }
            BinOp::Div => {
                let x = self.expect_num(a, ctx, d)?;
                let divisor = match b.kind.as_ref() {
                    ExprKind::Number(n) if !n.is_zero() => *n,
                    _ => {
                        self.err(CheckError::DivisionByValue { span: b.span });
                        return None;
                    }
                };
                let inv = Num::ONE.div(divisor).ok().flatten()?;
                let c = Typed::constant(inv);
                let (lo, hi) = mul_bounds(&x, &c);
                Some(
                    Typed::num(
                        Expr::Arith(
                            Arith::Mul,
                            Box::new(x.expr.clone()),
                            Box::new(Expr::Num(inv)),
                        ),
                        lo,
                        hi,
                        false,
                    )
                    .with_deps(&[&x]),
                )
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                self.compare(op, op_span, a, b, span, ctx, d)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn compare(
        &mut self,
        op: BinOp,
        _op_span: Span,
        a: &ast::Expr,
        b: &ast::Expr,
        span: Span,
        ctx: Ctx,
        d: usize,
    ) -> Option<Typed> {
        let cmp = match op {
            BinOp::Eq => Cmp::Eq,
            BinOp::Ne => Cmp::Ne,
            BinOp::Lt => Cmp::Lt,
            BinOp::Le => Cmp::Le,
            BinOp::Gt => Cmp::Gt,
            _ => Cmp::Ge,
        };
        // `q = option`: the option side is resolved against the question side.
        let mut a_is_opt = self.is_bare_option_name(a);
        let mut b_is_opt = self.is_bare_option_name(b);
        // `q = yes` where `q` is a single choice with an option `yes`
        if !a_is_opt && !b_is_opt {
            b_is_opt = self.is_yes_no_option_of(a, b);
            a_is_opt = !b_is_opt && self.is_yes_no_option_of(b, a);
        }
        let (x, y) = if b_is_opt && !a_is_opt {
            let x = self.expr(a, ctx, d)?;
            let y = self.option_literal(&x, b, span)?;
            (x, y)
        } else if a_is_opt && !b_is_opt {
            let y = self.expr(b, ctx, d)?;
            let x = self.option_literal(&y, a, span)?;
            (x, y)
        } else {
            let x = self.expr(a, ctx, d);
            let y = self.expr(b, ctx, d);
            (x?, y?)
        };
        let ok = match (x.ty, y.ty) {
            (Ty::Num, Ty::Num) => true,
            (Ty::Bool, Ty::Bool) | (Ty::Choice(_), Ty::Choice(_)) => {
                let same = match (x.ty, y.ty) {
                    (Ty::Choice(p), Ty::Choice(q)) => p == q,
                    _ => true,
                };
                same && matches!(cmp, Cmp::Eq | Cmp::Ne)
            }
            _ => false,
        };
        if !ok {
            if x.ty == Ty::Text || y.ty == Ty::Text {
                let t = if x.ty == Ty::Text { &x } else { &y };
                return self.mismatch("a scored value", &t.clone(), span, "");
            }
            let (l, r) = (self.ty_name(x.ty), self.ty_name(y.ty));
            let help = if matches!(x.ty, Ty::Choice(_) | Ty::Bool) && x.ty == y.ty {
                "choices and yes/no answers can only be tested with `=` and `!=`".to_string()
            } else if matches!(x.ty, Ty::Multi(_)) || matches!(y.ty, Ty::Multi(_)) {
                "test a multiple choice with `q has option` or `count(q) >= n`".to_string()
            } else {
                "both sides must be numbers, or a choice and one of its options".to_string()
            };
            self.err(CheckError::IncompatibleComparison {
                left: l,
                right: r,
                op: op.symbol().to_string(),
                span,
                help,
            });
            return None;
        }
        Some(
            Typed::new(
                Expr::Cmp(cmp, Box::new(x.expr.clone()), Box::new(y.expr.clone())),
                Ty::Bool,
            )
            .with_deps(&[&x, &y]),
        )
    }

    /// `yes`/`no` written next to a single-choice question that has such an option.
    fn is_yes_no_option_of(&self, question: &ast::Expr, name: &ast::Expr) -> bool {
        let (ExprKind::Name(q), ExprKind::Name(n)) = (question.kind.as_ref(), name.kind.as_ref())
        else {
            return false;
        };
        matches!(n.as_str(), "yes" | "no")
            && self.schema.question(q).is_some_and(|(_, qd)| {
                matches!(qd.kind, QuestionKind::Single(_)) && qd.option_index(n).is_some()
            })
    }

    /// A bare name that is not a value (question, let, yes/no): it can only be an option.
    fn is_bare_option_name(&self, e: &ast::Expr) -> bool {
        match e.kind.as_ref() {
            ExprKind::Name(n) => {
                !self.lets_by_name.contains_key(n)
                    && self.schema.lookup(n).is_none()
                    && !matches!(n.as_str(), "yes" | "no" | "answered_any")
            }
            _ => false,
        }
    }

    fn option_literal(
        &mut self,
        other: &Typed,
        name_expr: &ast::Expr,
        op_span: Span,
    ) -> Option<Typed> {
        let ExprKind::Name(n) = name_expr.kind.as_ref() else {
            return None;
        };
        let name = ast::Name::new(n.clone(), name_expr.span);
        match other.ty {
            Ty::Choice(slot) => {
                let bit = self.option_bit(slot, &name)?;
                Some(Typed::new(Expr::Option(bit as u16), Ty::Choice(slot)))
            }
            Ty::Multi(slot) if self.slot_question(slot).option_index(n).is_some() => {
                let q = self.slot_id(slot);
                self.err(CheckError::TypeMismatch {
                    expected: "a single choice".into(),
                    found: format!("a multiple choice `{q}`"),
                    span: op_span,
                    help: format!("a multiple choice holds several options: write `{q} has {n}`"),
                });
                None
            }
            _ => {
                let candidates = self.value_names();
                self.err(CheckError::UnknownName {
                    what: "question or value",
                    name: n.clone(),
                    span: name_expr.span,
                    hint: suggest::hint(n, candidates.iter().map(String::as_str), "name"),
                });
                None
            }
        }
    }

    pub(super) fn slot(&self, r: Ref) -> usize {
        match r {
            Ref::Question(i) => i,
            Ref::Meta(i) => self.schema.questions.len() + i,
        }
    }
}

fn add(a: Option<Num>, b: Option<Num>) -> Option<Num> {
    a?.add(b?).ok()
}

fn sub(a: Option<Num>, b: Option<Num>) -> Option<Num> {
    a?.sub(b?).ok()
}

fn mul_bounds(x: &Typed, y: &Typed) -> (Option<Num>, Option<Num>) {
    let (Some(a), Some(b), Some(c), Some(d)) = (x.lo, x.hi, y.lo, y.hi) else {
        // a non-negative unbounded value times a non-negative constant stays non-negative
        let nonneg = |t: &Typed| t.lo.is_some_and(|l| !l.is_negative());
        if nonneg(x) && nonneg(y) {
            return (Some(Num::ZERO), None);
        }
        return (None, None);
    };
    let ps: Vec<Num> = [a.mul(c), a.mul(d), b.mul(c), b.mul(d)]
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    if ps.len() < 4 {
        return (None, None);
    }
    let lo = ps.iter().copied().reduce(Num::min);
    let hi = ps.iter().copied().reduce(Num::max);
    (lo, hi)
}

/// Combine when both are known (else unknown).
pub(super) fn both(a: Option<Num>, b: Option<Num>, f: fn(Num, Num) -> Num) -> Option<Num> {
    Some(f(a?, b?))
}

/// Combine when either is known (a `min` is bounded above by any bounded argument).
pub(super) fn either(a: Option<Num>, b: Option<Num>, f: fn(Num, Num) -> Num) -> Option<Num> {
    match (a, b) {
        (Some(x), Some(y)) => Some(f(x, y)),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    }
}

fn opt_min(a: Option<Num>, b: Option<Num>, a_missing: bool, b_missing: bool) -> Option<Num> {
    match (a_missing, b_missing) {
        (true, _) => b,
        (_, true) => a,
        _ => both(a, b, Num::min),
    }
}

fn opt_max(a: Option<Num>, b: Option<Num>, a_missing: bool, b_missing: bool) -> Option<Num> {
    match (a_missing, b_missing) {
        (true, _) => b,
        (_, true) => a,
        _ => both(a, b, Num::max),
    }
}
