//! Constraints in the search: a proposal keeps every constraint of the ruleset.
//!
//! Two places enforce it. Every change set is re-evaluated by the real evaluator before it is
//! proposed, and a set whose answers break a constraint is not a proposal (`eval_with`). And a
//! candidate answer that breaks a constraint on its own, when every other answer that
//! constraint reads is one the search may not change, is dropped before the search starts: no
//! other change can mend it (e.g. more electronic documents than the fact "documents received",
//! or "none" with another option). A constraint that couples two answers the search may change is
//! kept only by the re-evaluation; docs/explain.md says what that means for minimality.

use super::{Changes, Deps, UnitSearch};
use crate::hir::Program;
use crate::num::Num;
use crate::value::Value;

impl UnitSearch<'_> {
    /// Whether the base answers with `changes` keep every constraint (the base answers do: a
    /// unit that breaks one is rejected before it is explained).
    pub(super) fn keeps_constraints(&mut self, changes: &Changes) -> bool {
        // each change alone keeps the constraints it alone decides (`admissible`); only a change
        // tied to another can break one together with it
        if !changes.iter().any(|&(s, _)| self.ties.tied[s]) {
            return true;
        }
        let mut answers = self.base.clone();
        for &(s, v) in changes {
            answers[s] = v;
        }
        self.evaluations += 1;
        let mut broken = Vec::new();
        self.ev.violations(&answers, &mut broken).is_ok() && broken.is_empty()
    }

    /// The slots a constraint ties to slot `s` that the search may change too: their changes
    /// are searched together (one component), and `s` is not private.
    pub(super) fn constraint_partners(&self, s: usize) -> &[usize] {
        &self.ties.partners[s]
    }

    /// Whether answer `v` of slot `s`, with every other answer as the unit gave it, keeps the
    /// constraints that only `s` among the changeable answers can affect.
    pub(super) fn admissible(&mut self, s: usize, v: Value) -> bool {
        let p = self.p;
        if !self.ties.constrained[s] {
            return true;
        }
        let mut answers = self.base.clone();
        answers[s] = v;
        let mut broken = Vec::new();
        if self.ev.violations(&answers, &mut broken).is_err() {
            return false;
        }
        self.evaluations += 1;
        broken.iter().all(|&(c, r)| {
            let c = &p.constraints[c as usize];
            let slots = c.when_slots.iter().chain(&c.requires[r as usize].slots);
            // another changeable answer could mend it: the re-evaluation decides
            slots
                .into_iter()
                .any(|&t| t != s && self.changeable.get(t).copied().unwrap_or(false))
        })
    }
}

impl UnitSearch<'_> {
    /// Narrows a number's range `lo..=hi` (on the grid of `step` from `lo`) to the values that
    /// keep the constraints the number alone can break, around `anchor` (the current answer):
    /// the largest admissible value above it and the smallest below it, by bisection. A range
    /// of admissible values is an interval for the constraints a number meets in practice
    /// (bounds by other answers, `x <= total`); values outside it are dropped one by one in any
    /// case (`admissible`), so a constraint that is not convex costs candidates, not proposals
    /// that break it.
    pub(super) fn admissible_range(
        &mut self,
        s: usize,
        lo: Num,
        hi: Num,
        step: Num,
        anchor: Option<Num>,
    ) -> (Num, Num) {
        if !self.ties.constrained[s] {
            return (lo, hi);
        }
        let ok = |me: &mut Self, x: Num| me.admissible(s, Value::Num(x));
        let Some(a) = anchor.filter(|&a| a >= lo && a <= hi && ok(self, a)) else {
            return (lo, hi);
        };
        let hi = if ok(self, hi) {
            hi
        } else {
            self.last_admissible(s, a, hi, step)
        };
        let lo = if ok(self, lo) {
            lo
        } else {
            self.last_admissible(s, a, lo, step)
        };
        (lo, hi)
    }

    /// The admissible value farthest from `good` (admissible) towards `bad` (not), on the grid
    /// of `step` from `good`.
    fn last_admissible(&mut self, s: usize, good: Num, bad: Num, step: Num) -> Num {
        let (mut good, mut bad) = (good, bad);
        loop {
            let Ok(gap) = bad.sub(good) else { return good };
            let Ok(Some(n)) = gap.div(step) else {
                return good;
            };
            let n = n.numer().div_euclid(n.denom()).abs();
            if n <= 1 {
                return good;
            }
            let half = Num::int(n / 2);
            let dir = if bad > good { Num::ONE } else { Num::int(-1) };
            let Ok(mid) = step
                .mul(half)
                .and_then(|h| h.mul(dir))
                .and_then(|h| good.add(h))
            else {
                return good;
            };
            if self.admissible(s, Value::Num(mid)) {
                good = mid;
            } else {
                bad = mid;
            }
        }
    }
}

/// What the search knows of the constraints per slot.
pub(super) struct Ties {
    /// A change of the slot may break a constraint: a constraint reads it, or it decides whether
    /// a question is asked (which `answered`/`asked` and missing answers see).
    pub constrained: Vec<bool>,
    /// Such a slot with another changeable answer in one of its constraints, or one deciding
    /// whether a question is asked: a change set with it is checked as a whole
    /// ([`UnitSearch::keeps_constraints`], `partial`).
    pub tied: Vec<bool>,
    /// The constraints to check when the slot changes (every one for a question-deciding slot).
    pub watch: Vec<Vec<usize>>,
    /// The other changeable slots a constraint ties the slot to.
    pub partners: Vec<Vec<usize>>,
}

pub(super) fn ties(p: &Program, deps: &Deps, changeable: &[bool]) -> Ties {
    let n = changeable.len();
    // a change that decides whether a question is asked leaves the base answers it would
    // reveal unanswered (so missing: no violation), unless a constraint tests presence
    let presence = p.constraints.iter().any(|c| {
        c.when.as_ref().is_some_and(tests_presence)
            || c.requires.iter().any(|r| tests_presence(&r.expr))
    });
    let gate = |s: usize| presence && deps.gate.get(s).copied().unwrap_or(false);
    let reads = |c: &crate::hir::Constraint, s: usize| {
        c.when_slots.contains(&s) || c.requires.iter().any(|r| r.slots.contains(&s))
    };
    let watch: Vec<Vec<usize>> = (0..n)
        .map(|s| {
            (0..p.constraints.len())
                .filter(|&i| gate(s) || reads(&p.constraints[i], s))
                .collect()
        })
        .collect();
    let constrained = watch.iter().map(|w| !w.is_empty()).collect();
    let partners: Vec<Vec<usize>> = (0..n)
        .map(|s| {
            let mut out = Vec::new();
            for c in &p.constraints {
                for r in &c.requires {
                    let slots: Vec<usize> = c.when_slots.iter().chain(&r.slots).copied().collect();
                    if !slots.contains(&s) {
                        continue;
                    }
                    for t in slots {
                        if t != s
                            && changeable.get(t).copied().unwrap_or(false)
                            && !out.contains(&t)
                        {
                            out.push(t);
                        }
                    }
                }
            }
            out
        })
        .collect();
    let tied = (0..n).map(|s| gate(s) || !partners[s].is_empty()).collect();
    Ties {
        constrained,
        tied,
        watch,
        partners,
    }
}

/// Whether `e` uses `answered(q)`, `asked(q)` or `answered_any`, which are never missing.
fn tests_presence(e: &crate::hir::Expr) -> bool {
    use crate::hir::Expr as E;
    match e {
        E::Answered(_) | E::Asked(_) | E::AnsweredAny(_) => true,
        // a `let` may test presence: assume it does
        E::Let(_) => true,
        E::Num(_) | E::Bool(_) | E::Option(_) | E::Missing | E::Slot(_) => false,
        E::Neg(x) | E::Not(x) | E::In(x, ..) | E::Has(x, ..) | E::Count(x) => tests_presence(x),
        E::Arith(_, a, b) | E::Cmp(_, a, b) | E::And(a, b) | E::Or(a, b) | E::Ratio(a, b, _) => {
            tests_presence(a) || tests_presence(b)
        }
        E::Min(xs) | E::Max(xs) => xs.iter().any(tests_presence),
        E::If(c, a, b) => tests_presence(c) || tests_presence(a) || tests_presence(b),
    }
}
