//! The candidate answers of each question the unit may change: every other valid answer it may
//! take (multiple choice reduced to one answer per distinct effect on the rules; numbers in
//! `numeric`), each scored alone, and whether the question is private (its changes add up
//! exactly). Unless removals are allowed, a multiple choice keeps every option the unit selected
//! but the exclusive ones, and a number is not lowered.

use super::partial::pm_scores;
use super::{Scores, UnitSearch};
use crate::hir::{Program, Scoring};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;

/// Options of multiple choice `slot` that exclude every other (such as "none of these"): a
/// proposal selects one of them alone, and drops it when it adds another option. From the
/// ruleset's constraints (`require exclusive(q, none)`).
pub fn exclusive_options(p: &Program, slot: usize) -> u128 {
    p.exclusive_options(slot)
}

/// One candidate answer of one question, and the scores when it alone is changed.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub(super) value: Value,
    pub(super) scores: Scores,
    /// Per section: points, maximum and whether it has a score.
    pub(super) pm: Vec<(Num, Num, bool)>,
}

#[derive(Debug, Clone)]
pub(super) struct SlotCands {
    pub(super) slot: usize,
    pub(super) private: bool,
    pub(super) cands: Vec<Cand>,
}

impl UnitSearch<'_> {
    fn relevant(&self, s: usize) -> bool {
        !self.deps.slot_rules[s].is_empty()
            || self
                .deps
                .presence
                .iter()
                .enumerate()
                .any(|(sec, d)| self.base_scores[sec].is_none() && d.contains(&s))
    }

    pub(super) fn prepare(&mut self) {
        if self.slots.is_some() {
            return;
        }
        let nq = self.p.schema.questions.len();
        let mut slots = Vec::new();
        for s in 0..nq {
            if !self.changeable.get(s).copied().unwrap_or(false) || !self.relevant(s) {
                continue;
            }
            let values = self.values_for(s);
            let mut cands = Vec::with_capacity(values.len());
            for v in values {
                if !self.admissible(s, v) {
                    continue;
                }
                if let Some(pm) = self.partial_alone((s, v)) {
                    cands.push(Cand {
                        value: v,
                        scores: pm_scores(&pm),
                        pm,
                    });
                }
            }
            let presence_changes = cands.iter().any(|c| {
                c.scores
                    .iter()
                    .zip(&self.base_scores)
                    .any(|(a, b)| a.is_some() != b.is_some())
            });
            let private = !presence_changes
                && self.structurally_private(s)
                && self.constraint_partners(s).is_empty();
            if private {
                let mut seen: Vec<Scores> = vec![self.base_scores.clone()];
                cands.retain(|c| {
                    if seen.contains(&c.scores) {
                        false
                    } else {
                        seen.push(c.scores.clone());
                        true
                    }
                });
            }
            if !cands.is_empty() {
                slots.push(SlotCands {
                    slot: s,
                    private,
                    cands,
                });
            }
        }
        self.slots = Some(slots);
    }

    /// Every valid answer of slot `s` other than the current one, most natural first.
    fn values_for(&mut self, s: usize) -> Vec<Value> {
        let cur = self.base[s];
        let q = &self.p.schema.questions[s];
        match &q.kind {
            QuestionKind::Single(opts) => (0..opts.len() as u16)
                .map(Value::Choice)
                .filter(|v| *v != cur)
                .collect(),
            QuestionKind::YesNo => [Value::Bool(true), Value::Bool(false)]
                .into_iter()
                .filter(|v| *v != cur)
                .collect(),
            QuestionKind::Multi(opts) => {
                let n = opts.len().min(127);
                let answered = matches!(cur, Value::Multi(_));
                let cur_mask = match cur {
                    Value::Multi(m) => m,
                    _ => 0,
                };
                let excl = exclusive_options(self.p, s);
                // what a proposal keeps: every reported option but the exclusive ones (they go
                // when another option is added)
                let keep = if self.allow_removals {
                    0
                } else {
                    cur_mask & !excl
                };
                let full = (1u128 << n) - 1;
                let mut masks: Vec<u128> = if n <= 8 {
                    (1..(1u128 << n)).collect()
                } else {
                    let mut m: Vec<u128> = (0..n)
                        .flat_map(|i| [cur_mask ^ (1u128 << i), keep | (1u128 << i)])
                        .collect();
                    m.push(full & !excl);
                    m.push(self.positive_mask(s) | keep);
                    m
                };
                masks.retain(|&m| {
                    m != 0
                        && (m != cur_mask || !answered)
                        && m & keep == keep
                        && (m & excl == 0 || m.count_ones() == 1)
                });
                masks.sort_by_key(|&m| ((m ^ cur_mask).count_ones(), m));
                masks.dedup();
                if let Some(Some(atoms)) = self.deps.atoms.get(s) {
                    // selections that agree on every `has`, `count` and `sum` reading the
                    // question are interchangeable: keep the one nearest the current answer
                    let sig = |m: u128| -> Vec<Num> { atoms.iter().map(|a| a.value(m)).collect() };
                    let mut seen: Vec<Vec<Num>> = Vec::new();
                    if matches!(cur, Value::Multi(_)) {
                        seen.push(sig(cur_mask));
                    }
                    masks.retain(|&m| {
                        let sig = sig(m);
                        if seen.contains(&sig) {
                            false
                        } else {
                            seen.push(sig);
                            true
                        }
                    });
                }
                masks.into_iter().map(Value::Multi).collect()
            }
            QuestionKind::Integer { min, max, .. } => self
                .numeric(s, *min, *max, Num::ONE)
                .into_iter()
                .map(Value::Num)
                .collect(),
            QuestionKind::Decimal { min, max, .. } => self
                .numeric(s, *min, *max, Num::frac(1, 100).unwrap_or(Num::ONE))
                .into_iter()
                .map(Value::Num)
                .collect(),
            QuestionKind::Text => Vec::new(),
        }
    }

    /// Options with positive points in the `sum` rules reading multiple choice `s`.
    fn positive_mask(&self, s: usize) -> u128 {
        let mut m = 0u128;
        for r in &self.p.rules {
            if let Scoring::Sum {
                question, points, ..
            } = &r.scoring
            {
                if *question == s {
                    for (i, p) in points.iter().enumerate() {
                        if *p > Num::ZERO {
                            m |= 1u128 << i;
                        }
                    }
                }
            }
        }
        m
    }

    /// No follow-up or section condition reads `s`, and no rule reading `s` reads another
    /// question the search may change.
    pub(super) fn structurally_private(&self, s: usize) -> bool {
        !self.deps.gate[s]
            && self.deps.slot_rules[s].iter().all(|&r| {
                self.deps.rule_deps[r]
                    .iter()
                    .all(|&d| d == s || !self.changeable.get(d).copied().unwrap_or(false))
            })
    }
}
