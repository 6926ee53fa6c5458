//! Constraints in the search: a proposal keeps every constraint of the ruleset.
//!
//! Two places enforce it. Every change set is re-evaluated by the real evaluator before it is
//! proposed, and a set whose answers break a constraint is not a proposal (`eval_with`). And a
//! candidate answer that breaks a constraint on its own, when every other answer that
//! constraint reads is one the search may not change, is dropped before the search starts: no
//! other change can mend it (e.g. more electronic documents than the fact "documents received",
//! or "none" with another option). A constraint that couples two answers the search may change is
//! kept only by the re-evaluation; docs/explain.md says what that means for minimality.

use super::{Changes, UnitSearch};
use crate::num::Num;
use crate::value::Value;

impl UnitSearch<'_> {
    /// Whether the base answers with `changes` keep every constraint.
    pub(super) fn keeps_constraints(&mut self, changes: &Changes) -> bool {
        if self.p.constraints.is_empty() {
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
    pub(super) fn constraint_partners(&self, s: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for c in &self.p.constraints {
            for r in &c.requires {
                let slots: Vec<usize> = c.when_slots.iter().chain(&r.slots).copied().collect();
                if !slots.contains(&s) {
                    continue;
                }
                for t in slots {
                    if t != s
                        && self.changeable.get(t).copied().unwrap_or(false)
                        && !out.contains(&t)
                    {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// Whether answer `v` of slot `s`, with every other answer as the unit gave it, keeps the
    /// constraints that only `s` among the changeable answers can affect.
    pub(super) fn admissible(&mut self, s: usize, v: Value) -> bool {
        let p = self.p;
        if p.constraints.is_empty() {
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
        if self.p.constraints.is_empty() {
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
