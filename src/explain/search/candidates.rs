//! The candidate answers of each question the unit may change: every other valid answer
//! (multiple choice and numbers reduced to one answer per distinct effect on the rules), each
//! scored alone, and whether the question is private (its changes add up exactly).

use super::partial::pm_scores;
use super::{Scores, UnitSearch};
use crate::hir::Scoring;
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;

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

/// `floor(v / step) * step`.
fn floor_to(v: Num, step: Num) -> Num {
    let Ok(Some(q)) = v.div(step) else { return v };
    let f = q.numer().div_euclid(q.denom());
    Num::int(f).mul(step).unwrap_or(v)
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
                if let Some(pm) = self.partial(&[(s, v)]) {
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
            let private = !presence_changes && self.structurally_private(s);
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
                let cur_mask = match cur {
                    Value::Multi(m) => m,
                    _ => 0,
                };
                let mut masks: Vec<u128> = if n <= 8 {
                    (1..(1u128 << n)).collect()
                } else {
                    let mut m: Vec<u128> = (0..n).map(|i| cur_mask ^ (1u128 << i)).collect();
                    m.push((1u128 << n) - 1);
                    m.push(self.positive_mask(s));
                    m
                };
                masks.retain(|&m| m != 0 && (m != cur_mask || !matches!(cur, Value::Multi(_))));
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

    /// The points of every rule depending on slot `s` when `s` is `v`.
    fn rule_points(&mut self, s: usize, v: Num) -> Vec<Option<Num>> {
        let rules = std::mem::take(&mut self.deps_rules_scratch);
        let mut rules = rules;
        rules.clear();
        rules.extend_from_slice(&self.deps.slot_rules[s]);
        let old = self.work[s];
        self.work[s] = Value::Num(v);
        self.evaluations += 1;
        let mut pts = Vec::with_capacity(rules.len());
        let ok = self
            .ev
            .eval_rules(&self.work, &[s], &rules, &mut pts)
            .is_ok();
        self.work[s] = old;
        self.deps_rules_scratch = rules;
        if ok {
            pts
        } else {
            Vec::new()
        }
    }

    /// Candidate numbers: min, max, and one value per interval of equal rule points.
    fn numeric(&mut self, s: usize, min: Option<Num>, max: Option<Num>, step: Num) -> Vec<Num> {
        let cur = match self.base[s] {
            Value::Num(n) => Some(n),
            _ => None,
        };
        let marks = self.deps.marks[s].clone();
        let lo = min.unwrap_or_else(|| marks.iter().copied().chain(cur).fold(Num::ZERO, Num::min));
        let hi = max.unwrap_or_else(|| {
            let top = marks.iter().copied().chain(cur).fold(lo, Num::max);
            top.mul(Num::int(2))
                .and_then(|t| t.add(Num::ONE))
                .unwrap_or(top)
        });
        if hi < lo {
            return Vec::new();
        }
        // a small range: every value (exact whatever the rules do)
        if let Ok(Some(n)) = hi.sub(lo).unwrap_or(Num::ZERO).div(step) {
            if n <= Num::int(64) {
                let mut out = Vec::new();
                let mut x = lo;
                while x <= hi {
                    if Some(x) != cur {
                        out.push(x);
                    }
                    let Ok(nx) = x.add(step) else { break };
                    x = nx;
                }
                return out;
            }
        }
        let mut samples = vec![lo, hi];
        if let Some(c) = cur {
            if c >= lo && c <= hi {
                samples.push(c);
            }
        }
        for m in &marks {
            let g = floor_to(*m, step);
            for d in [-1, 0, 1] {
                if let Ok(x) = g.add(step.mul(Num::int(d)).unwrap_or(Num::ZERO)) {
                    if x >= lo && x <= hi {
                        samples.push(x);
                    }
                }
            }
        }
        samples.sort();
        samples.dedup();
        let fs: Vec<Vec<Option<Num>>> = samples.iter().map(|&x| self.rule_points(s, x)).collect();
        // piece boundaries: (last value of a piece, first value of the next)
        let mut cuts: Vec<(Num, Num)> = Vec::new();
        for i in 1..samples.len() {
            if fs[i - 1] != fs[i] {
                self.bisect(
                    s,
                    samples[i - 1],
                    fs[i - 1].clone(),
                    samples[i],
                    fs[i].clone(),
                    step,
                    &mut cuts,
                );
            }
            if cuts.len() > 64 {
                break;
            }
        }
        cuts.sort();
        let mut pieces: Vec<(Num, Num)> = Vec::new();
        let mut start = lo;
        for &(a, b) in &cuts {
            pieces.push((start, a));
            start = b;
        }
        pieces.push((start, hi));
        let mut out = Vec::new();
        for (a, b) in pieces {
            let pick = match cur {
                Some(c) if c >= a && c <= b => continue,
                Some(c) if c < a => a,
                Some(_) => b,
                None => a,
            };
            out.push(pick);
        }
        // min and max: for combinations with other changes (derived values of several answers)
        let coupled = !self.structurally_private(s);
        for x in [lo, hi] {
            if (cur.is_none() || coupled) && Some(x) != cur && !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }

    /// No follow-up or section condition reads `s`, and no rule reading `s` reads another
    /// question the search may change.
    fn structurally_private(&self, s: usize) -> bool {
        !self.deps.gate[s]
            && self.deps.slot_rules[s].iter().all(|&r| {
                self.deps.rule_deps[r]
                    .iter()
                    .all(|&d| d == s || !self.changeable.get(d).copied().unwrap_or(false))
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn bisect(
        &mut self,
        s: usize,
        a: Num,
        fa: Vec<Option<Num>>,
        b: Num,
        fb: Vec<Option<Num>>,
        step: Num,
        cuts: &mut Vec<(Num, Num)>,
    ) {
        let Ok(Some(n)) = b.sub(a).unwrap_or(Num::ZERO).div(step) else {
            return;
        };
        if n <= Num::ONE || cuts.len() > 64 {
            cuts.push((a, b));
            return;
        }
        let half = Num::int(n.numer().div_euclid(n.denom()) / 2);
        let Ok(m) = step.mul(half).and_then(|h| a.add(h)) else {
            return;
        };
        let fm = self.rule_points(s, m);
        if fm != fa {
            self.bisect(s, a, fa, m, fm.clone(), step, cuts);
        }
        if fm != fb {
            self.bisect(s, m, fm, b, fb, step, cuts);
        }
    }
}
