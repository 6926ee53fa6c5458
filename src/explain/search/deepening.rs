//! Iterative deepening over the number of changed answers, the fallback when the component
//! search cannot decide: sets of questions in order of their gain bound, each skipped when its
//! bound cannot reach the target, and every combination of the candidate answers of a surviving
//! set scored (by addition when every question of the set is private).

use super::candidates::SlotCands;
use super::partial::{d_add, pm_scores};
use super::{Changes, SearchOutcome, Target, UnitSearch};
use crate::num::Num;

impl UnitSearch<'_> {
    pub(super) fn deepen(&mut self, t: Target, cap: usize, all: &[SlotCands]) -> SearchOutcome {
        let Some(need) = self.need(t) else {
            return SearchOutcome::OutOfReach {
                reason: "the target level has no threshold".into(),
            };
        };
        let Some((slots, u0, g, order)) = self.filtered(t, all, need) else {
            return self.out_of_reach(t, all, need);
        };
        // suffix sums of the sorted gains: the best any r more slots can add
        let mut dfs = Dfs {
            t,
            need,
            gains: g,
            order,
            cap,
            best: None,
            capped: false,
        };
        for k in 1..=dfs.order.len() {
            let top: Num = dfs
                .gains
                .iter()
                .take(k)
                .fold(u0, |a, x| a.add(*x).unwrap_or(a));
            if top < need {
                continue;
            }
            let mut chosen = Vec::with_capacity(k);
            self.dfs_sets(&mut dfs, &slots, k, 0, u0, &mut chosen);
            if let Some(best) = dfs.best.take() {
                let minimal = !dfs.capped;
                return match self.verify(t, best.1) {
                    Some(found) => SearchOutcome::Found {
                        found: Box::new(found),
                        minimal,
                    },
                    None => SearchOutcome::Stopped {
                        reason: "the set found did not verify with the evaluator".into(),
                    },
                };
            }
            if dfs.capped {
                return SearchOutcome::Stopped {
                    reason: format!(
                        "search stopped early after {} evaluations without finding a set of {k} or fewer changes",
                        self.evaluations
                    ),
                };
            }
        }
        SearchOutcome::OutOfReach {
            reason: "no combination of valid answers the unit may change reaches it".into(),
        }
    }

    fn dfs_sets(
        &mut self,
        d: &mut Dfs,
        slots: &[SlotCands],
        k: usize,
        from: usize,
        acc: Num,
        chosen: &mut Vec<usize>,
    ) {
        if chosen.len() == k {
            self.try_set(d, slots, chosen);
            return;
        }
        let r = k - chosen.len();
        let n = d.order.len();
        for j in from..=n.saturating_sub(r) {
            if j >= n || d.capped {
                return;
            }
            // best possible: this slot and the r-1 next ones (sorted by gain)
            let mut bound = acc.add(d.gains[j]).unwrap_or(acc);
            for x in d.gains.iter().skip(j + 1).take(r - 1) {
                bound = bound.add(*x).unwrap_or(bound);
            }
            if bound < d.need {
                return;
            }
            chosen.push(d.order[j]);
            let next = acc.add(d.gains[j]).unwrap_or(acc);
            self.dfs_sets(d, slots, k, j + 1, next, chosen);
            chosen.pop();
        }
    }

    /// Scores every combination of candidate answers of one set of slots.
    fn try_set(&mut self, d: &mut Dfs, slots: &[SlotCands], set: &[usize]) {
        let mut sorted = set.to_vec();
        sorted.sort_by_key(|&i| slots[i].slot);
        let additive = sorted.iter().all(|&i| slots[i].private);
        let mut idx = vec![0usize; sorted.len()];
        loop {
            if self.evaluations >= d.cap || self.additions >= d.cap.saturating_mul(20) {
                d.capped = true;
                return;
            }
            let scores = if additive {
                self.additions += 1;
                d_add(
                    &self.base_scores,
                    sorted
                        .iter()
                        .zip(&idx)
                        .map(|(&i, &c)| &slots[i].cands[c].scores),
                )
            } else {
                let changes: Changes = sorted
                    .iter()
                    .zip(&idx)
                    .map(|(&i, &c)| (slots[i].slot, slots[i].cands[c].value))
                    .collect();
                self.partial(&changes).map(|pm| pm_scores(&pm))
            };
            if let Some((v, level)) = scores.as_ref().and_then(|s| self.measure(s, d.t)) {
                let target_level = match d.t {
                    Target::Section { level, .. } | Target::Index { level } => level,
                };
                if level >= target_level {
                    let over = v.sub(d.need).unwrap_or(Num::ZERO);
                    if d.best.as_ref().is_none_or(|(o, _)| over < *o) {
                        let changes: Changes = sorted
                            .iter()
                            .zip(&idx)
                            .map(|(&i, &c)| (slots[i].slot, slots[i].cands[c].value))
                            .collect();
                        if self.keeps_constraints(&changes) {
                            d.best = Some((over, changes));
                        }
                    }
                }
            }
            // next combination (odometer)
            let mut pos = 0;
            loop {
                if pos == idx.len() {
                    return;
                }
                idx[pos] += 1;
                if idx[pos] < slots[sorted[pos]].cands.len() {
                    break;
                }
                idx[pos] = 0;
                pos += 1;
            }
        }
    }
}

struct Dfs {
    t: Target,
    need: Num,
    gains: Vec<Num>,
    order: Vec<usize>,
    cap: usize,
    best: Option<(Num, Changes)>,
    capped: bool,
}
