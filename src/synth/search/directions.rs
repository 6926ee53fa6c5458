//! Directions in the search: a soft cost when one group's share does not stand in its relation
//! to another's (or to a fixed share), and the answers of a multiple choice made to fit a
//! pattern or a number of options selected (a move towards such share rows).

use super::anneal::Search;
use super::Synth;
use crate::synth::rng::Rng;
use crate::synth::spec::{Relation, ShareWhat, Than};
use crate::value::Value;

/// A direction as achieved: the tallies of both sides.
pub struct DirectionFit {
    pub label: String,
    pub relation: Relation,
    /// (count, base) of the direction's group.
    pub side: (usize, usize),
    /// (count, base) of the `than` group, or the fixed share (0..1).
    pub than: Result<(usize, usize), f64>,
}

impl DirectionFit {
    /// Whether the relation holds, compared exactly (`None`: a side has no unit to count).
    pub fn holds(&self) -> Option<bool> {
        let (k, n) = self.side;
        if n == 0 {
            return None;
        }
        Some(match self.than {
            // k/n against k2/n2: k·n2 against k2·n
            Ok((k2, n2)) if n2 > 0 => self.relation.holds(k * n2, k2 * n),
            Ok(_) => return None,
            // a published share is a percentage: k/n against p/100, as 100·k against p·n
            Err(x) => {
                let p = (x * 1e6).round() as u128;
                self.relation.holds(1_000_000 * k as u128, p * n as u128)
            }
        })
    }
}

/// How far, in percentage points, `a` falls short of standing in `rel` to `b`; a strict
/// relation asks for one point of difference.
fn shortfall(rel: Relation, a: f64, b: f64) -> f64 {
    let pp = 100.0 * (a - b);
    match rel {
        Relation::Greater => 1.0 - pp,
        Relation::AtLeast => -pp,
        Relation::Less => 1.0 + pp,
        Relation::AtMost => pp,
        Relation::Equal => pp.abs(),
    }
}

impl Synth<'_> {
    /// The cost of direction `d` at the tallies `(count, base)` of its sides.
    pub(super) fn direction_cost(&self, d: usize, a: (i64, i64), b: Option<(i64, i64)>) -> f64 {
        let dir = &self.directions[d];
        let share = |(k, n): (i64, i64)| (n > 0).then(|| k as f64 / n as f64);
        let Some(x) = share(a) else { return 0.0 };
        let y = match (&dir.than, b) {
            (Than::Share(v), _) => *v,
            (Than::Group(_), Some(b)) => match share(b) {
                Some(y) => y,
                None => return 0.0,
            },
            (Than::Group(_), None) => return 0.0,
        };
        let short = shortfall(dir.relation, x, y);
        let exact = dir.relation == Relation::Equal;
        if short <= 0.0 || (exact && short < 1e-9) {
            return 0.0;
        }
        let w = self.share_scale * self.weights.share * 2.0;
        w * (20.0 + short * short)
    }

    /// The change of the directions' cost when one unit's tallies go from `old` to `new`.
    pub(super) fn directions_delta(&self, s: &Search<'_>, old: &[u8], new: &[u8]) -> f64 {
        let mut delta = 0.0;
        for (d, &(ta, tb)) in self.dir_sides.iter().enumerate() {
            let changed = |t: usize| old[t] != new[t];
            if !changed(ta) && !tb.is_some_and(changed) {
                continue;
            }
            let now = |t: usize| (s.count[t], s.base[t]);
            let then = |t: usize| {
                let (a, b) = (old[t], new[t]);
                (
                    s.count[t] + i64::from(b & 1) - i64::from(a & 1),
                    s.base[t] + i64::from(b >> 1) - i64::from(a >> 1),
                )
            };
            delta += self.direction_cost(d, then(ta), tb.map(then))
                - self.direction_cost(d, now(ta), tb.map(now));
        }
        delta
    }

    /// The directions' total cost at the current tallies.
    pub(super) fn directions_cost(&self, s: &Search<'_>) -> Vec<f64> {
        let now = |t: usize| (s.count[t], s.base[t]);
        (0..self.directions.len())
            .map(|d| {
                let (ta, tb) = self.dir_sides[d];
                self.direction_cost(d, now(ta), tb.map(now))
            })
            .collect()
    }

    /// The directions as achieved.
    pub(super) fn direction_fits(&self, s: &Search<'_>) -> Vec<DirectionFit> {
        let now = |t: usize| (s.count[t] as usize, s.base[t] as usize);
        self.directions
            .iter()
            .zip(&self.dir_sides)
            .map(|(d, &(ta, tb))| DirectionFit {
                label: d.label.clone(),
                relation: d.relation,
                side: now(ta),
                than: match (&d.than, tb) {
                    (Than::Share(v), _) => Err(*v),
                    (Than::Group(_), Some(t)) => Ok(now(t)),
                    (Than::Group(_), None) => Ok((0, 0)),
                },
            })
            .collect()
    }

    /// A multiple-choice answer made to fit one of the pattern or count tallies of `slot` that
    /// unit `u` is in (drawn at random), changing as few options as it can; `None` when there is
    /// none, or it already fits.
    pub(super) fn pattern_jump(
        &self,
        rng: &mut Rng,
        u: usize,
        slot: usize,
        none: Option<usize>,
        cur: Value,
    ) -> Option<Value> {
        let mine: Vec<usize> = self.pattern_tallies[slot]
            .iter()
            .copied()
            .filter(|&t| self.in_group[t][u])
            .collect();
        if mine.is_empty() {
            return None;
        }
        let bits = match cur {
            Value::Multi(b) => b,
            _ => 0,
        };
        let none_bit = none.map_or(0, |z| 1u128 << z);
        let mut b = match self.tallies[mine[rng.below(mine.len())]].1 {
            ShareWhat::Pattern { all, not } => (bits | all) & !not,
            ShareWhat::Count { of, min, max } => {
                let mut b = bits & of;
                while b.count_ones() < min {
                    let free: Vec<u32> = (0..128).filter(|i| of & !b & (1u128 << i) != 0).collect();
                    b |= 1u128 << free[rng.below(free.len())];
                }
                while b.count_ones() > max {
                    let set: Vec<u32> = (0..128).filter(|i| b & (1u128 << i) != 0).collect();
                    b &= !(1u128 << set[rng.below(set.len())]);
                }
                b
            }
            _ => return None,
        };
        if b & !none_bit != 0 {
            b &= !none_bit;
        } else if b == 0 {
            b = none_bit;
        }
        (b != 0 && Value::Multi(b) != cur).then_some(Value::Multi(b))
    }
}
