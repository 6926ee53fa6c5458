//! Upper bounds of the value a target can reach: the base and each question's additive gain
//! when every rule it touches scores full points. They filter the candidates for a target, order
//! the sets the deepening search tries, and say when a target is out of reach before any search.

use super::candidates::{Cand, SlotCands};
use super::{SearchOutcome, Target, UnitSearch};
use crate::num::Num;

/// Slot candidates after filtering for a target: `(candidates, base bound, gains, order)`.
type Filtered = (Vec<SlotCands>, Num, Vec<Num>, Vec<usize>);

impl UnitSearch<'_> {
    /// Upper bounds of the target's value: the base and each slot's additive gain.
    fn bounds(&self, t: Target, slots: &[SlotCands]) -> Option<(Num, Vec<Num>)> {
        let o = &self.base_outcome;
        // per section: base bound and per-rule headroom divided by the least possible maximum
        let sec_bound = |s: usize| -> Option<(Num, Num)> {
            let (p0, m0) = self.base_scores[s]?;
            let mut m_lo = m0;
            for &r in &self.p.sections[s].rules {
                if o.rules[r].points.is_some() && self.deps.excludable[r] {
                    m_lo = m_lo.sub(o.rules[r].max).ok()?;
                }
            }
            if m_lo <= Num::ZERO {
                return None;
            }
            Some((Num::HUNDRED.mul(p0).ok()?.div(m_lo).ok()??, m_lo))
        };
        let headroom = |r: usize| -> Num {
            let ro = &o.rules[r];
            match ro.points {
                Some(p) => ro.max.sub(p).unwrap_or(ro.max).max(Num::ZERO),
                None => ro.max,
            }
        };
        let slot_gain = |s: usize, sec: usize, m_lo: Num| -> Option<Num> {
            let mut h = Num::ZERO;
            for &r in &self.deps.slot_rules[s] {
                if self.p.rules[r].section == sec {
                    h = h.add(headroom(r)).ok()?;
                }
            }
            Num::HUNDRED.mul(h).ok()?.div(m_lo).ok()?
        };
        match t {
            Target::Section { section, .. } => {
                let (u0, m_lo) = sec_bound(section)?;
                let gains = slots
                    .iter()
                    .map(|c| slot_gain(c.slot, section, m_lo))
                    .collect::<Option<Vec<_>>>()?;
                Some((u0, gains))
            }
            Target::Index { .. } => {
                let plan = self.plan;
                let present: Vec<usize> = (0..self.base_scores.len())
                    .filter(|&s| self.base_scores[s].is_some() && !plan.weights[s].is_zero())
                    .collect();
                let mut w = Num::ZERO;
                for &s in &present {
                    w = w.add(plan.weights[s]).ok()?;
                }
                if w.is_zero() {
                    return None;
                }
                let mut u0 = Num::ZERO;
                let mut m_los = vec![None; self.base_scores.len()];
                for &s in &present {
                    let (b, m_lo) = sec_bound(s)?;
                    u0 = u0.add(plan.weights[s].mul(b).ok()?.div(w).ok()??).ok()?;
                    m_los[s] = Some(m_lo);
                }
                let mut gains = Vec::with_capacity(slots.len());
                for c in slots {
                    let mut g = Num::ZERO;
                    #[allow(clippy::needless_range_loop)]
                    for s in 0..self.base_scores.len() {
                        let ws = plan.weights[s].div(w).ok()??;
                        if let Some(m_lo) = m_los[s] {
                            g = g.add(ws.mul(slot_gain(c.slot, s, m_lo)?).ok()?).ok()?;
                        } else if self.base_scores[s].is_none()
                            && (self.deps.presence[s].contains(&c.slot)
                                || self.deps.slot_rules[c.slot]
                                    .iter()
                                    .any(|&r| self.p.rules[r].section == s))
                        {
                            g = g.add(ws.mul(Num::HUNDRED).ok()?).ok()?;
                        }
                    }
                    gains.push(g);
                }
                Some((u0, gains))
            }
        }
    }

    /// Whether a private candidate can help the target at all.
    fn helps(&self, c: &Cand, t: Target) -> bool {
        let diff = |s: usize| -> Option<(Num, Num)> {
            let (p1, m1) = c.scores[s]?;
            let (p0, m0) = self.base_scores[s]?;
            Some((p1.sub(p0).ok()?, m1.sub(m0).ok()?))
        };
        match t {
            Target::Section { section, .. } => match diff(section) {
                Some((dp, dm)) => !dm.is_zero() || dp > Num::ZERO,
                None => true,
            },
            Target::Index { .. } => {
                let mut any_m = false;
                let mut gain = Num::ZERO;
                for s in 0..c.scores.len() {
                    if let Some((dp, dm)) = diff(s) {
                        any_m |= !dm.is_zero();
                        if let Some((_, m0)) = self.base_scores[s] {
                            let g = self.plan.weights[s]
                                .mul(dp)
                                .ok()
                                .and_then(|x| x.div(m0).ok().flatten())
                                .unwrap_or(Num::ZERO);
                            gain = gain.add(g).unwrap_or(gain);
                        }
                    }
                }
                any_m || gain > Num::ZERO
            }
        }
    }

    /// The candidates that can matter for `t` (every coupled one; the private ones that help).
    fn helpful(&self, t: Target, all: &[SlotCands]) -> Vec<SlotCands> {
        all.iter()
            .map(|sc| SlotCands {
                slot: sc.slot,
                private: sc.private,
                cands: sc
                    .cands
                    .iter()
                    .filter(|c| !sc.private || self.helps(c, t))
                    .cloned()
                    .collect(),
            })
            .filter(|sc| !sc.cands.is_empty())
            .collect()
    }

    /// The base bound and the sum of the positive gains of `slots`, when there is a bound.
    fn bound_total(&self, t: Target, slots: &[SlotCands]) -> Option<(Num, Vec<Num>, Num)> {
        let (u0, gains) = self.bounds(t, slots)?;
        let total = gains
            .iter()
            .filter(|g| **g > Num::ZERO)
            .fold(u0, |acc, x| acc.add(*x).unwrap_or(acc));
        Some((u0, gains, total))
    }

    /// The candidates that can matter for `t`, the base bound, and the slots' gains sorted
    /// (best first); `None` when even full points everywhere cannot reach `need`.
    pub(super) fn filtered(&self, t: Target, all: &[SlotCands], need: Num) -> Option<Filtered> {
        let slots = self.helpful(t, all);
        let (u0, gains, total) = match self.bound_total(t, &slots) {
            Some(b) => b,
            None if slots.is_empty() => return None,
            None => {
                let n = slots.len();
                (Num::ZERO, vec![Num::int(1_000_000); n], Num::int(1_000_000))
            }
        };
        if total < need {
            return None;
        }
        let mut order: Vec<usize> = (0..slots.len()).filter(|&i| gains[i] > Num::ZERO).collect();
        order.sort_by(|&a, &b| gains[b].cmp(&gains[a]).then(a.cmp(&b)));
        let g: Vec<Num> = order.iter().map(|&i| gains[i]).collect();
        Some((slots, u0, g, order))
    }

    /// Why `t` is out of reach when [`Self::filtered`] found no candidate set can reach `need`:
    /// the bound over the candidates that help (the same bound `filtered` tested).
    pub(super) fn out_of_reach(&self, t: Target, all: &[SlotCands], need: Num) -> SearchOutcome {
        let slots = self.helpful(t, all);
        let what = match t {
            Target::Section { .. } => "the section",
            Target::Index { .. } => "the index",
        };
        let fmt = |n: Num| n.format(self.p.survey.display, self.p.survey.rounding);
        let reason = match self.bound_total(t, &slots) {
            Some((_, _, total)) if !slots.is_empty() => format!(
                "even full points in every rule that an allowed change improves would give {what} at most {} (needs {})",
                fmt(total.min(Num::HUNDRED)),
                fmt(need)
            ),
            _ => format!("no allowed change of an answer raises {what}"),
        };
        SearchOutcome::OutOfReach { reason }
    }

    /// Out of reach by the bound alone (before any search).
    pub(super) fn quick_out_of_reach(&mut self, t: Target) -> Option<SearchOutcome> {
        let need = self.need(t)?;
        let all = self.slots.take().unwrap_or_default();
        let r = match self.filtered(t, &all, need) {
            Some(_) => None,
            None => Some(self.out_of_reach(t, &all, need)),
        };
        self.slots = Some(all);
        r
    }
}
