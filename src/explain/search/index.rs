//! The index target: the sections' frontiers combined into the index, the fewest changes first
//! (exact), then the least overshoot among sets of that size. Runs on integers over common
//! denominators when the numbers fit, else on exact rationals.

use super::knapsack::{Solution, Trail};
use super::UnitSearch;
use crate::eval;
use crate::num::Num;

impl UnitSearch<'_> {
    /// Combines the sections' frontiers into the index: the fewest changes (exact), then among
    /// sets of that size the least overshoot (over at most 4096 partial sums per state).
    pub(super) fn index_dp(
        &self,
        kmax: usize,
        baseline: &[(Num, Num)],
        need: Num,
        target_level: u8,
    ) -> Option<Solution> {
        use std::collections::BTreeMap;
        let plan = self.plan;
        // per section: the fewest changes per distinct score (None: no score), as
        // `(changes, Some((weight × score, weight)), trail)`
        let mut per_section: Vec<Vec<IndexOption<Num>>> = Vec::new();
        for s in 0..self.p.sections.len() {
            let w = plan.weights[s];
            let mut best: BTreeMap<Option<Num>, (usize, Trail)> = BTreeMap::new();
            if w.is_zero() {
                best.insert(None, (0, Trail::default()));
            } else {
                for &((k, p, m, present), ref st) in self.section_frontier(s, baseline).iter() {
                    let score = if present {
                        Self::score_of((p, m))
                    } else {
                        None
                    };
                    if present && score.is_none() || k > kmax {
                        continue;
                    }
                    if best.get(&score).is_some_and(|(kk, _)| *kk <= k) {
                        continue;
                    }
                    best.insert(score, (k, st.trail.clone()));
                }
            }
            let mut options = Vec::with_capacity(best.len());
            for (sc, (k, trail)) in best {
                let add = match sc {
                    Some(sc) => Some((w.mul(sc).ok()?, w)),
                    None => None,
                };
                options.push((k, add, trail));
            }
            per_section.push(options);
        }
        let reaches = |count: usize, w: Num, acc: Num| -> Option<Num> {
            if count < plan.min_sections || count == 0 {
                return None;
            }
            let v = acc.div(w).ok().flatten()?;
            (plan.index_thresholds.level(eval::compared(plan, v)) >= target_level).then_some(v)
        };
        // the same search on integers over common denominators when they fit (most rulesets):
        // exact, and several times faster than rational sums
        match scaled(&per_section) {
            Some((ints, d, wd)) => index_core(&ints, kmax, need, |count, w, acc| {
                let w = Num::frac(w, wd)?;
                reaches(count, w, Num::frac(acc, d)?)
            }),
            None => index_core(&per_section, kmax, need, reaches),
        }
    }
}

/// One way a section can end in the index search: changes, `(weight × score, weight)` (none:
/// no score) and the changes' trail.
type IndexOption<A> = (usize, Option<(A, A)>, Trail);

/// A number the index search adds exactly.
trait Acc: Copy + Ord {
    const ZERO: Self;
    fn plus(self, o: Self) -> Option<Self>;
}

impl Acc for Num {
    const ZERO: Num = Num::ZERO;
    fn plus(self, o: Num) -> Option<Num> {
        self.add(o).ok()
    }
}

impl Acc for i128 {
    const ZERO: i128 = 0;
    fn plus(self, o: i128) -> Option<i128> {
        self.checked_add(o)
    }
}

/// The options with every weighted score as an integer over one denominator `d` and every
/// weight over one denominator `wd`: `(options, d, wd)`; `None` when a number does not fit.
#[allow(clippy::type_complexity)]
fn scaled(
    per_section: &[Vec<IndexOption<Num>>],
) -> Option<(Vec<Vec<IndexOption<i128>>>, i128, i128)> {
    use num_integer::Integer;
    let lcm = |a: i128, b: i128| -> Option<i128> { (a / a.gcd(&b)).checked_mul(b) };
    let (mut d, mut wd) = (1i128, 1i128);
    for (_, add, _) in per_section.iter().flatten() {
        if let Some((x, w)) = add {
            d = lcm(d, x.denom())?;
            wd = lcm(wd, w.denom())?;
        }
    }
    // an integer over a common denominator, with headroom for summing every section
    let limit = i128::MAX / 1024;
    let int = |x: Num, den: i128| -> Option<i128> {
        let v = x.numer().checked_mul(den / x.denom())?;
        (v.checked_abs()? <= limit).then_some(v)
    };
    let mut out = Vec::with_capacity(per_section.len());
    for options in per_section {
        let mut o = Vec::with_capacity(options.len());
        for (k, add, trail) in options {
            let add = match add {
                Some((x, w)) => Some((int(*x, d)?, int(*w, wd)?)),
                None => None,
            };
            o.push((*k, add, trail.clone()));
        }
        out.push(o);
    }
    Some((out, d, wd))
}

/// The index search over prepared options: pass 1 finds the fewest changes that reach the
/// level, pass 2 the least overshoot among sets of that size. `reaches(count, weight, sum)` is
/// the index value when it reaches the level (monotone in `sum`).
fn index_core<A: Acc>(
    per_section: &[Vec<IndexOption<A>>],
    kmax: usize,
    need: Num,
    reaches: impl Fn(usize, A, A) -> Option<Num>,
) -> Option<Solution> {
    // suffix[s]: the largest weighted sum the sections from s on can add, per (changes,
    // sections, weight); suffix[0] is pass 1
    let n = per_section.len();
    let mut suffix: Vec<MaxSums<A>> = vec![MaxSums::new(); n + 1];
    suffix[n].insert((0, 0, A::ZERO), A::ZERO);
    for s in (0..n).rev() {
        suffix[s] = extend_max(&suffix[s + 1], &per_section[s], kmax)?;
    }
    let kstar = suffix[0]
        .iter()
        .filter(|((_, count, w), acc)| reaches(*count, *w, **acc).is_some())
        .map(|((k, _, _), _)| *k)
        .min()?;
    // pass 2: every sum with at most kstar changes that can still reach the level (thinned to
    // 4096 per state), for the least overshoot; ties keep the first found
    let mut states: Vec<(Key<A>, Sums<A>)> =
        vec![((0, 0, A::ZERO), vec![(A::ZERO, Trail::default())])];
    for (s, options) in per_section.iter().enumerate() {
        // (sum, state, option, entry): sorting puts the first found of equal sums first
        let mut next: std::collections::BTreeMap<Key<A>, Vec<NextSum<A>>> =
            std::collections::BTreeMap::new();
        for (si, (key, sums)) in states.iter().enumerate() {
            for (oi, (k, add, _)) in options.iter().enumerate() {
                let nk = key.0 + k;
                if nk > kstar {
                    continue;
                }
                let (nkey, x) = match add {
                    Some((x, w)) => ((nk, key.1 + 1, key.2.plus(*w)?), *x),
                    None => ((nk, key.1, key.2), A::ZERO),
                };
                let slot = next.entry(nkey).or_default();
                for (ji, (acc, _)) in sums.iter().enumerate() {
                    slot.push((acc.plus(x)?, si as u32, oi as u32, ji as u32));
                }
            }
        }
        let mut out = Vec::with_capacity(next.len());
        for (key, mut cands) in next {
            cands.sort_unstable();
            cands.dedup_by_key(|c| c.0);
            // drop the sums that no choice in the remaining sections lifts to the level
            let from = suffix[s + 1]
                .iter()
                .filter(|((k, _, _), _)| key.0 + k <= kstar)
                .filter_map(|((_, c, w), add)| {
                    let (count, w) = (key.1 + c, key.2.plus(*w)?);
                    let i = cands.partition_point(|cand| {
                        cand.0
                            .plus(*add)
                            .is_none_or(|v| reaches(count, w, v).is_none())
                    });
                    (i < cands.len()).then_some(i)
                })
                .min();
            let Some(from) = from else { continue };
            cands.drain(..from);
            thin_sorted(&mut cands, 4096);
            let sums = cands
                .into_iter()
                .map(|(v, si, oi, ji)| {
                    let prev = &states[si as usize].1[ji as usize].1;
                    (v, prev.join(&options[oi as usize].2))
                })
                .collect();
            out.push((key, sums));
        }
        states = out;
    }
    let mut best: Option<Solution> = None;
    for ((k, count, w), sums) in states {
        for (acc, tr) in sums {
            let Some(v) = reaches(count, w, acc) else {
                continue;
            };
            let over = v.sub(need).unwrap_or(Num::ZERO);
            if best.as_ref().is_none_or(|b| (k, over) < (b.0, b.1)) {
                best = Some((k, over, tr));
            }
        }
    }
    best
}

/// A state of the index search: (changes, sections with a score, their weight).
type Key<A> = (usize, usize, A);

/// The weighted sums of a state, ascending, each with its changes.
type Sums<A> = Vec<(A, Trail)>;

/// A sum of the next state: `(sum, state, option, entry of the state)`.
type NextSum<A> = (A, u32, u32, u32);

/// The largest weighted sum per state.
type MaxSums<A> = std::collections::BTreeMap<Key<A>, A>;

/// `after` with one more section's options in front: the largest sum per state.
fn extend_max<A: Acc>(
    after: &MaxSums<A>,
    options: &[IndexOption<A>],
    kmax: usize,
) -> Option<MaxSums<A>> {
    let mut next = MaxSums::new();
    for (key, acc) in after {
        for (k, add, _) in options {
            let nk = key.0 + k;
            if nk > kmax {
                continue;
            }
            let (nkey, v) = match add {
                Some((x, w)) => ((nk, key.1 + 1, key.2.plus(*w)?), acc.plus(*x)?),
                None => ((nk, key.1, key.2), *acc),
            };
            let e = next.entry(nkey).or_insert(v);
            if v > *e {
                *e = v;
            }
        }
    }
    Some(next)
}

/// Keeps at most `n` of the sorted entries: the largest, and an even spread of the rest.
fn thin_sorted<T>(v: &mut Vec<T>, n: usize) {
    if v.len() <= n {
        return;
    }
    let last = v.len() - 1;
    let step = v.len().div_ceil(n - 1);
    let mut i = 0;
    v.retain(|_| {
        let keep = i % step == 0 || i == last;
        i += 1;
        keep
    });
}
