//! How expressions use each question slot: which constants a number is compared with, which
//! option sets a choice is tested against, which numbers are compared with each other, and
//! whether a value flows into arithmetic (where no finite set of values is known to cover every
//! case). `domain.rs` turns this into the candidate values of each slot.

use crate::hir::{Cell, Expr, Program};
use crate::num::Num;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What the analysed expressions do with one slot.
#[derive(Debug, Default, Clone)]
pub(super) struct SlotUse {
    /// Numbers it is compared with (`q > 3`, a table range `[5, 20)`).
    pub consts: Vec<Num>,
    /// Option sets it is tested against (`q in {a, b}`, `q has all {a, b}` with `all`, cells).
    pub masks: Vec<(u128, bool)>,
    /// Numbers its `count(q)` is compared with.
    pub count_consts: Vec<Num>,
    /// `count(q)` used otherwise (every number of selected options matters).
    pub count_opaque: bool,
    /// Its value is used otherwise than compared with a constant or another question: every
    /// option matters, and for a number no finite set of values is known to cover every case.
    pub opaque: bool,
    /// `answered(q)` or `asked(q)` reads whether it has an answer.
    pub missing_matters: bool,
    /// A `sum` rule's points per option: options with other points are told apart, and every
    /// number of selected options matters.
    pub points: Option<Vec<Num>>,
}

/// The uses of every slot the analysed expressions read.
pub(super) struct Uses<'p> {
    p: &'p Program,
    pub by_slot: BTreeMap<usize, SlotUse>,
    /// Pairs of numeric slots compared with each other (`q_a <= q_b`).
    pub related: Vec<(usize, usize)>,
    seen_lets: HashSet<(usize, bool)>,
}

/// A constant operand.
enum Const {
    Num(Num),
    Option(u16),
    Other,
}

impl<'p> Uses<'p> {
    pub fn new(p: &'p Program) -> Self {
        Uses {
            p,
            by_slot: BTreeMap::new(),
            related: Vec::new(),
            seen_lets: HashSet::new(),
        }
    }

    fn at(&mut self, s: usize) -> &mut SlotUse {
        self.by_slot.entry(s).or_default()
    }

    /// A condition (`when`, `require`, a follow-up condition).
    pub fn condition(&mut self, e: &Expr) {
        self.walk(e, false);
    }

    /// A value whose every change may matter (a `points` expression).
    pub fn value(&mut self, e: &Expr) {
        self.walk(e, true);
    }

    /// A table input and the cells of its column.
    pub fn column(&mut self, input: &Expr, cells: &[&Cell]) {
        let Some(s) = self.as_slot(input) else {
            self.walk(input, true);
            return;
        };
        self.at(s);
        for cell in cells {
            match cell {
                Cell::Options { mask, .. } => self.at(s).masks.push((*mask, false)),
                Cell::Range(iv) => {
                    for (b, _) in [iv.low, iv.high].into_iter().flatten() {
                        self.at(s).consts.push(b);
                    }
                }
                Cell::Any | Cell::Missing | Cell::Answered => {}
            }
        }
    }

    /// A `sum` rule over multiple choice `s`.
    pub fn sum(&mut self, s: usize, points: &[Num]) {
        self.at(s).points = Some(points.to_vec());
    }

    /// `e` itself when it is a slot, directly or through `let`s.
    fn as_slot(&self, e: &Expr) -> Option<usize> {
        match e {
            Expr::Slot(s) => Some(*s),
            Expr::Let(i) => self.p.lets.get(*i).and_then(|l| self.as_slot(&l.expr)),
            _ => None,
        }
    }

    fn as_const(&self, e: &Expr) -> Option<Const> {
        match e {
            Expr::Num(n) => Some(Const::Num(*n)),
            Expr::Neg(x) => match self.as_const(x)? {
                Const::Num(n) => n.neg().ok().map(Const::Num),
                _ => None,
            },
            Expr::Option(o) => Some(Const::Option(*o)),
            Expr::Bool(_) | Expr::Missing => Some(Const::Other),
            Expr::Let(i) => self.p.lets.get(*i).and_then(|l| self.as_const(&l.expr)),
            _ => None,
        }
    }

    /// Walks `e`; `value` when its value is used as such (arithmetic, a branch of such).
    fn walk(&mut self, e: &Expr, value: bool) {
        match e {
            Expr::Num(_) | Expr::Bool(_) | Expr::Option(_) | Expr::Missing => {}
            Expr::AnsweredAny(_) => {}
            Expr::Slot(s) => {
                let u = self.at(*s);
                u.opaque |= value;
            }
            Expr::Let(i) => {
                if self.seen_lets.insert((*i, value)) {
                    if let Some(l) = self.p.lets.get(*i) {
                        self.walk(&l.expr, value);
                    }
                }
            }
            Expr::Answered(s) | Expr::Asked(s) => self.at(*s).missing_matters = true,
            Expr::Cmp(_, a, b) => self.compare(a, b),
            Expr::In(x, mask, _) => self.options(x, *mask, false),
            Expr::Has(x, mask, all) => self.options(x, *mask, *all),
            Expr::Count(x) => match self.as_slot(x) {
                Some(s) => self.at(s).count_opaque = true,
                None => self.walk(x, true),
            },
            Expr::Not(x) => self.walk(x, false),
            Expr::And(a, b) | Expr::Or(a, b) => {
                self.walk(a, false);
                self.walk(b, false);
            }
            Expr::If(c, a, b) => {
                self.walk(c, false);
                self.walk(a, value);
                self.walk(b, value);
            }
            Expr::Neg(x) => self.walk(x, true),
            Expr::Arith(_, a, b) | Expr::Ratio(a, b, _) => {
                self.walk(a, true);
                self.walk(b, true);
            }
            Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| self.walk(x, true)),
        }
    }

    fn options(&mut self, x: &Expr, mask: u128, all: bool) {
        match self.as_slot(x) {
            Some(s) => self.at(s).masks.push((mask, all)),
            None => self.walk(x, true),
        }
    }

    /// `a <op> b`: a slot against a constant or another slot is an atom; anything else is
    /// used as a value.
    fn compare(&mut self, a: &Expr, b: &Expr) {
        for (x, y) in [(a, b), (b, a)] {
            if let (Some(s), Some(c)) = (self.as_slot(x), self.as_const(y)) {
                let u = self.at(s);
                match c {
                    Const::Num(n) => u.consts.push(n),
                    Const::Option(o) => u.masks.push((1u128 << o, false)),
                    Const::Other => {}
                }
                return;
            }
            if let (Expr::Count(q), Some(Const::Num(n))) = (x, self.as_const(y)) {
                if let Some(s) = self.as_slot(q) {
                    self.at(s).count_consts.push(n);
                    return;
                }
            }
        }
        if let (Some(s), Some(t)) = (self.as_slot(a), self.as_slot(b)) {
            self.at(s);
            self.at(t);
            self.related.push((s, t));
            return;
        }
        self.walk(a, true);
        self.walk(b, true);
    }
}

/// Every slot `e` mentions (reads, or tests with `answered`/`asked`), through `let`s.
pub(super) fn mentions(p: &Program, e: &Expr, out: &mut BTreeSet<usize>) {
    let mut seen = HashSet::new();
    mentions_in(p, e, out, &mut seen);
}

/// The `let`s `e` reads, directly or through other `let`s (added to `lets`).
pub(super) fn lets_read(p: &Program, e: &Expr, lets: &mut HashSet<usize>) {
    mentions_in(p, e, &mut BTreeSet::new(), lets);
}

pub(super) fn mentions_in(
    p: &Program,
    e: &Expr,
    out: &mut BTreeSet<usize>,
    seen: &mut HashSet<usize>,
) {
    match e {
        Expr::Num(_) | Expr::Bool(_) | Expr::Option(_) | Expr::Missing => {}
        Expr::Slot(s) | Expr::Answered(s) | Expr::Asked(s) => {
            out.insert(*s);
        }
        Expr::AnsweredAny(sec) => {
            if let Some(section) = p.sections.get(*sec) {
                out.extend(section.questions.iter().copied());
            }
        }
        Expr::Let(i) => {
            if seen.insert(*i) {
                if let Some(l) = p.lets.get(*i) {
                    mentions_in(p, &l.expr, out, seen);
                }
            }
        }
        Expr::Neg(x) | Expr::Not(x) | Expr::Count(x) => mentions_in(p, x, out, seen),
        Expr::In(x, ..) | Expr::Has(x, ..) => mentions_in(p, x, out, seen),
        Expr::Arith(_, a, b)
        | Expr::Cmp(_, a, b)
        | Expr::And(a, b)
        | Expr::Or(a, b)
        | Expr::Ratio(a, b, _) => {
            mentions_in(p, a, out, seen);
            mentions_in(p, b, out, seen);
        }
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| mentions_in(p, x, out, seen)),
        Expr::If(c, a, b) => {
            mentions_in(p, c, out, seen);
            mentions_in(p, a, out, seen);
            mentions_in(p, b, out, seen);
        }
    }
}

/// Adds to `slots` every slot their follow-up conditions read, until nothing new comes.
pub(super) fn close_over_follow_ups(p: &Program, slots: &mut BTreeSet<usize>) {
    let mut todo: Vec<usize> = slots.iter().copied().collect();
    while let Some(s) = todo.pop() {
        let Some(Some(cond)) = p.ask_if.get(s) else {
            continue;
        };
        let mut read = BTreeSet::new();
        mentions(p, cond, &mut read);
        for r in read {
            if slots.insert(r) {
                todo.push(r);
            }
        }
    }
}
