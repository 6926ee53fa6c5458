//! Answers and their changes: the first answer of a question sampled from its prior, a proposed
//! change (half of the proposals follow the published shares), and numeric answers recomputed from
//! their parameters.

use super::{Synth, Var};
use crate::hir::MissingState;
use crate::num::Num;
use crate::synth::rng::Rng;
use crate::value::Value;

const DK: Value = Value::Missing(MissingState::DontKnow);

/// The index picked by `x` (drawn in `0..sum of weights`) when the weights are laid end to end;
/// `fallback` when `x` is past them all (rounding).
pub(super) fn roulette(mut x: f64, weights: impl Iterator<Item = f64>, fallback: usize) -> usize {
    for (i, w) in weights.enumerate() {
        if x < w {
            return i;
        }
        x -= w;
    }
    fallback
}

/// A multiple-choice answer with option `k` toggled: the `none` option alone clears the others,
/// any other clears `none`; nothing selected falls back to `none` (`None` without one).
fn toggled(cur: Value, k: usize, none: Option<usize>) -> Option<u128> {
    let cur_bits = match cur {
        Value::Multi(b) => b,
        _ => 0,
    };
    Some(if Some(k) == none {
        1u128 << k
    } else {
        let mut b = cur_bits;
        if let Some(z) = none {
            b &= !(1u128 << z);
        }
        b ^= 1u128 << k;
        if b == 0 {
            1u128 << none?
        } else {
            b
        }
    })
}

impl Synth<'_> {
    /// Recomputes numeric answers from their parameters (totals before parts).
    pub(super) fn refresh_numbers(&self, answers: &mut [Value], params: &[f64], vars: &[Var]) {
        let nq = self.schema.questions.len();
        for &slot in &self.num_order {
            if matches!(vars[slot], Var::Fixed) {
                continue;
            }
            if answers[slot] == Value::Missing(MissingState::DontKnow) {
                continue;
            }
            let Some(g) = &self.numgen[slot] else {
                continue;
            };
            let p = params[slot];
            let raw = if let Some(m) = g.per {
                match answers[nq + m] {
                    Value::Num(n) => Some(n.to_f64() * p),
                    _ => Some(p),
                }
            } else if let Some(t) = g.part_of {
                match answers[t] {
                    Value::Num(n) => Some(n.to_f64() * p),
                    _ => None,
                }
            } else {
                Some(p)
            };
            answers[slot] = match raw {
                None => {
                    let dk = matches!(vars[slot], Var::Number { dk: true });
                    if dk {
                        Value::Missing(MissingState::DontKnow)
                    } else {
                        Value::UNANSWERED
                    }
                }
                Some(mut x) => {
                    if let Some(lo) = g.min {
                        x = x.max(lo);
                    }
                    if let Some(hi) = g.max {
                        x = x.min(hi);
                    }
                    let n = if g.integer {
                        Num::int(x.round() as i128)
                    } else {
                        Num::frac((x * 100.0).round() as i128, 100).unwrap_or(Num::ZERO)
                    };
                    Value::Num(n)
                }
            };
        }
    }

    /// The first answer of `slot` and its number parameter, drawn from the prior.
    pub(super) fn sample(&self, rng: &mut Rng, u: usize, slot: usize, var: &Var) -> (Value, f64) {
        let pr = &self.priors[self.profile[u]][slot];
        let param = match &self.numgen[slot] {
            Some(g) => rng.range(g.low, g.high),
            None => 0.0,
        };
        if pr.dk > 0.0 && rng.chance(pr.dk) {
            return (Value::Missing(MissingState::DontKnow), param);
        }
        let v = match var {
            Var::Fixed => Value::UNANSWERED,
            Var::Single { n, .. } => {
                let total: f64 = pr.p.iter().sum();
                let x = rng.f64() * total;
                Value::Choice(roulette(x, pr.p.iter().copied(), n - 1) as u16)
            }
            Var::Multi { n, none, .. } => {
                if let Some(z) = none {
                    if rng.chance(pr.none_alone) {
                        return (Value::Multi(1u128 << z), param);
                    }
                }
                let mut bits = 0u128;
                for i in 0..*n {
                    if Some(i) != *none && rng.chance(pr.p[i]) {
                        bits |= 1u128 << i;
                    }
                }
                if bits == 0 {
                    bits = match none {
                        Some(z) => 1u128 << z,
                        None => {
                            let best = (0..*n)
                                .max_by(|&a, &b| pr.p[a].total_cmp(&pr.p[b]).then(b.cmp(&a)))
                                .unwrap_or(0);
                            1u128 << best
                        }
                    };
                }
                Value::Multi(bits)
            }
            Var::YesNo { .. } => Value::Bool(rng.chance(pr.yes)),
            Var::Number { .. } => Value::Num(Num::ZERO), // set by refresh_numbers
        };
        (v, param)
    }

    /// A changed answer for `slot`, or `None` when the proposal is not valid.
    pub(super) fn propose(
        &self,
        rng: &mut Rng,
        u: usize,
        slot: usize,
        var: &Var,
        cur: Value,
        param: f64,
    ) -> Option<(Value, f64)> {
        match *var {
            Var::Fixed => None,
            Var::Single { n, dk } => {
                let k = self.single_pick(rng, u, slot, n, dk);
                let v = if k == n { DK } else { Value::Choice(k as u16) };
                (v != cur).then_some((v, param))
            }
            Var::YesNo { dk } => {
                let v = self.yes_no_pick(rng, u, slot, dk);
                (v != cur).then_some((v, param))
            }
            Var::Multi { n, none, dk } => {
                if !self.pattern_tallies[slot].is_empty() && rng.chance(0.25) {
                    if let Some(v) = self.pattern_jump(rng, u, slot, none, cur) {
                        return Some((v, param));
                    }
                }
                let k = self.multi_pick(rng, u, slot, n, none, dk, cur);
                if k == n {
                    return (cur != DK).then_some((DK, param));
                }
                let v = Value::Multi(toggled(cur, k, none)?);
                (v != cur).then_some((v, param))
            }
            Var::Number { dk } => {
                if dk && rng.chance(0.15) {
                    return Some(if cur == DK {
                        (Value::Num(Num::ZERO), param)
                    } else {
                        (DK, param)
                    });
                }
                // the value itself is recomputed from the parameter by `refresh_numbers`
                let v = if cur == DK {
                    Value::Num(Num::ZERO)
                } else {
                    cur
                };
                Some((v, self.propose_number(rng, slot, param)))
            }
        }
    }

    /// A single choice's proposed option (`n`: "don't know"): half of the proposals follow the
    /// published shares, half are uniform.
    fn single_pick(&self, rng: &mut Rng, u: usize, slot: usize, n: usize, dk: bool) -> usize {
        let pr = &self.priors[self.profile[u]][slot];
        if rng.chance(0.5) && pr.p.len() == n {
            let total: f64 = pr.p.iter().sum::<f64>() + pr.dk;
            let x = rng.f64() * total;
            roulette(x, pr.p.iter().copied(), if dk { n } else { n - 1 })
        } else {
            rng.below(n + usize::from(dk))
        }
    }

    /// A yes/no question's proposed answer: half of the time by the shares, else uniform.
    fn yes_no_pick(&self, rng: &mut Rng, u: usize, slot: usize, dk: bool) -> Value {
        let pr = &self.priors[self.profile[u]][slot];
        if rng.chance(0.5) && !(dk && rng.chance(pr.dk)) {
            return Value::Bool(rng.chance(pr.yes));
        }
        match rng.below(2 + usize::from(dk)) {
            0 => Value::Bool(true),
            1 => Value::Bool(false),
            _ => DK,
        }
    }

    /// The option of a multiple choice to toggle (`n`: "don't know"): half of the proposals
    /// toggle towards the shares, an unselected option by its share, a selected one by the share
    /// of units without it; the others are uniform.
    #[allow(clippy::too_many_arguments)]
    fn multi_pick(
        &self,
        rng: &mut Rng,
        u: usize,
        slot: usize,
        n: usize,
        none: Option<usize>,
        dk: bool,
        cur: Value,
    ) -> usize {
        let pr = &self.priors[self.profile[u]][slot];
        if !(rng.chance(0.5) && pr.p.len() == n) {
            return rng.below(n + usize::from(dk));
        }
        let bits = match cur {
            Value::Multi(b) => b,
            _ => 0,
        };
        let w = |i: usize| {
            if Some(i) == none {
                0.0
            } else if bits & (1u128 << i) != 0 {
                1.0 - pr.p[i]
            } else {
                pr.p[i]
            }
        };
        let total: f64 = (0..n).map(w).sum();
        if total <= 0.0 {
            rng.below(n + usize::from(dk))
        } else {
            let x = rng.f64() * total;
            roulette(x, (0..n).map(w), n - 1)
        }
    }

    fn propose_number(&self, rng: &mut Rng, slot: usize, param: f64) -> f64 {
        let Some(g) = &self.numgen[slot] else {
            return param;
        };
        if rng.chance(0.5) {
            rng.range(g.low, g.high)
        } else {
            let step = (g.high - g.low) * 0.1 * (rng.f64() * 2.0 - 1.0);
            (param + step).clamp(g.low, g.high)
        }
    }
}
