//! Rounding bounds: the interval of values a computation could have given had its rounded inputs
//! been anywhere in their rounding interval.
//!
//! An answer to a `decimal` question written with `k` decimals is taken to be a value rounded to
//! `k` decimals (half up, as the survey header rounds): the true value lies in `[v − δ, v + δ)`,
//! `δ = 0.5·10^−k`, clipped to the question's `min`/`max` (a printed 0 with `min = 0` can only be
//! in `[0, 0.5)`). Integer questions, choices and yes/no answers are exact.
//!
//! A section's interval is found by evaluating the unit at the corners of its rounded inputs (every
//! combination of low and high ends; exact for scores that are monotone in each input, as sums,
//! `points <question>`, `match` ranges and tables are). Above [`MAX_CORNERS_INPUTS`] inputs the
//! effects of the inputs one at a time are added instead (exact for additive sections). The index is
//! increasing in every section score, so its interval is the weighted mean of the section intervals
//! with the unit's renormalised weights: for whole-number section scores the half-width is
//! `Σ w_i·0.5 / Σ w` over the sections used, less the part of sections clipped at a bound.

use crate::eval::{EvalError, Evaluator, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;

/// Sections with more rounded inputs than this use the one-at-a-time sum instead of corners.
pub const MAX_CORNERS_INPUTS: usize = 8;

/// A closed interval `[lo, hi]` of possible values (`lo == hi`: exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Interval {
    pub lo: Num,
    pub hi: Num,
}

impl Interval {
    pub fn exact(v: Num) -> Interval {
        Interval { lo: v, hi: v }
    }

    /// Whether two closed intervals share a point.
    pub fn meets(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    pub fn contains(&self, v: Num) -> bool {
        self.lo <= v && v <= self.hi
    }

    /// The common part, if any.
    pub fn intersect(&self, o: &Interval) -> Option<Interval> {
        let lo = self.lo.max(o.lo);
        let hi = self.hi.min(o.hi);
        (lo <= hi).then_some(Interval { lo, hi })
    }
}

/// The number of decimals `v` is written with (`44` → 0, `48.6` → 1); `None` when it has more
/// than 9 or does not terminate.
pub fn decimals(v: Num) -> Option<u32> {
    let mut x = v;
    for k in 0..=9u32 {
        if x.is_integer() {
            return Some(k);
        }
        x = x.mul(Num::int(10)).ok()?;
    }
    None
}

/// Half the last written digit: `0.5·10^−k`.
pub fn half_unit(decimals: u32) -> Num {
    Num::frac(5, 10i128.pow(decimals.min(30) + 1)).unwrap_or(Num::ZERO)
}

/// The values a number rounded to its written decimals may have come from, clipped to
/// `[min, max]`. `None` when the number is taken as exact (more than 9 decimals).
pub fn rounding_interval(v: Num, min: Option<Num>, max: Option<Num>) -> Option<Interval> {
    let d = decimals(v)?;
    let h = half_unit(d);
    let mut lo = v.sub(h).ok()?;
    let mut hi = v.add(h).ok()?;
    if let Some(m) = min {
        lo = lo.max(m);
    }
    if let Some(m) = max {
        hi = hi.min(m);
    }
    Some(Interval { lo, hi })
}

/// The interval of a published value printed with `decimals` decimals.
pub fn published_interval(v: Num, decimals: u32) -> Interval {
    let h = half_unit(decimals);
    Interval {
        lo: v.sub(h).unwrap_or(v),
        hi: v.add(h).unwrap_or(v),
    }
}

/// The index interval: weighted mean of the section intervals with the renormalised weights the
/// evaluator used (`weights[s] = 0` for sections left out).
pub fn index_interval(weights: &[Num], sections: &[Option<Interval>]) -> Option<Interval> {
    let mut lo = Num::ZERO;
    let mut hi = Num::ZERO;
    for (w, iv) in weights.iter().zip(sections) {
        if w.is_zero() {
            continue;
        }
        let iv = iv.as_ref()?;
        lo = lo.add(w.mul(iv.lo).ok()?).ok()?;
        hi = hi.add(w.mul(iv.hi).ok()?).ok()?;
    }
    Some(Interval { lo, hi })
}

/// The rounded inputs of one unit: `(slot, interval)` for each answered `decimal` question.
pub fn rounded_inputs(p: &Program, answers: &[Value]) -> Vec<(usize, Interval)> {
    let mut out = Vec::new();
    for (slot, q) in p.schema.questions.iter().enumerate() {
        let QuestionKind::Decimal { .. } = q.kind else {
            continue;
        };
        let Some(Value::Num(v)) = answers.get(slot).copied() else {
            continue;
        };
        let (min, max) = q.kind.bounds();
        if let Some(iv) = rounding_interval(v, min, max) {
            if iv.lo != iv.hi {
                out.push((slot, iv));
            }
        }
    }
    out
}

/// Per section (schema order): the interval of its score, `None` when the section has no score.
/// With `exact_inputs` every interval is the computed score itself.
pub fn section_intervals(
    p: &Program,
    ev: &mut Evaluator<'_>,
    answers: &[Value],
    base: &UnitOutcome,
    exact_inputs: bool,
) -> Result<Vec<Option<Interval>>, EvalError> {
    let rounded = if exact_inputs {
        Vec::new()
    } else {
        rounded_inputs(p, answers)
    };
    let mut out = Vec::with_capacity(p.sections.len());
    for (s, sec) in p.sections.iter().enumerate() {
        let Ok(so) = &base.sections[s] else {
            out.push(None);
            continue;
        };
        let reads: Vec<(usize, Interval)> = rounded
            .iter()
            .filter(|(slot, _)| sec.rules.iter().any(|&r| p.rules[r].reads.contains(slot)))
            .copied()
            .collect();
        let c = so.score;
        let mut iv = Interval::exact(c);
        if reads.is_empty() {
            out.push(Some(iv));
            continue;
        }
        let mut work = answers.to_vec();
        let mut score_at = |work: &[Value]| -> Result<Option<Num>, EvalError> {
            let o = ev.eval(work)?;
            Ok(o.sections[s].as_ref().ok().map(|x| x.score))
        };
        if reads.len() <= MAX_CORNERS_INPUTS {
            for mask in 0u32..(1 << reads.len()) {
                for (i, (slot, r)) in reads.iter().enumerate() {
                    work[*slot] = Value::Num(if mask & (1 << i) != 0 { r.hi } else { r.lo });
                }
                if let Some(v) = score_at(&work)? {
                    iv.lo = iv.lo.min(v);
                    iv.hi = iv.hi.max(v);
                }
            }
        } else {
            let (mut down, mut up) = (Num::ZERO, Num::ZERO);
            for (slot, r) in &reads {
                let (mut dmin, mut dmax) = (Num::ZERO, Num::ZERO);
                for end in [r.lo, r.hi] {
                    work[*slot] = Value::Num(end);
                    if let Some(v) = score_at(&work)? {
                        let d = v.sub(c).map_err(|_| overflow())?;
                        dmin = dmin.min(d);
                        dmax = dmax.max(d);
                    }
                }
                work[*slot] = answers[*slot];
                down = down.add(dmin).map_err(|_| overflow())?;
                up = up.add(dmax).map_err(|_| overflow())?;
            }
            iv.lo = c.add(down).map_err(|_| overflow())?;
            iv.hi = c.add(up).map_err(|_| overflow())?;
        }
        out.push(Some(iv));
    }
    Ok(out)
}

fn overflow() -> EvalError {
    EvalError {
        place: "a rounding bound".into(),
        at: None,
    }
}

/// The index interval of a unit from its section intervals, `None` when it has no index.
pub fn unit_index_interval(o: &UnitOutcome, sections: &[Option<Interval>]) -> Option<Interval> {
    match &o.index {
        IndexOutcome::Computed { weights, .. } => index_interval(weights, sections),
        IndexOutcome::NotComputable { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    #[test]
    fn decimals_of_written_numbers() {
        assert_eq!(decimals(n("44")), Some(0));
        assert_eq!(decimals(n("48.6")), Some(1));
        assert_eq!(decimals(n("0.125")), Some(3));
        assert_eq!(decimals(Num::frac(1, 3).unwrap()), None);
    }

    #[test]
    fn rounding_interval_is_clipped_at_the_bounds() {
        let iv = rounding_interval(n("44"), Some(Num::ZERO), Some(Num::HUNDRED)).unwrap();
        assert_eq!((iv.lo, iv.hi), (n("43.5"), n("44.5")));
        let zero = rounding_interval(Num::ZERO, Some(Num::ZERO), Some(Num::HUNDRED)).unwrap();
        assert_eq!((zero.lo, zero.hi), (Num::ZERO, n("0.5")));
        let top = rounding_interval(Num::HUNDRED, Some(Num::ZERO), Some(Num::HUNDRED)).unwrap();
        assert_eq!((top.lo, top.hi), (n("99.5"), Num::HUNDRED));
        let dec = rounding_interval(n("58.4"), None, None).unwrap();
        assert_eq!((dec.lo, dec.hi), (n("58.35"), n("58.45")));
    }

    /// The index half-width is Σ w_i·0.5 / Σ w over the sections used: with all five sections it
    /// is 0.5; a section clipped at 0 only widens the upper side.
    #[test]
    fn index_bound_comes_from_the_weights() {
        let w: Vec<Num> = [2, 3, 2, 8, 2]
            .iter()
            .map(|&x| Num::frac(x, 17).unwrap())
            .collect();
        let secs = |xs: [i128; 5]| -> Vec<Option<Interval>> {
            xs.iter()
                .map(|&x| rounding_interval(Num::int(x), Some(Num::ZERO), Some(Num::HUNDRED)))
                .collect()
        };
        // Sigulda: 20 66 90 80 88 → 1234/17 ± 0.5
        let iv = index_interval(&w, &secs([20, 66, 90, 80, 88])).unwrap();
        let c = Num::frac(1234, 17).unwrap();
        assert_eq!(iv.lo, c.sub(n("0.5")).unwrap());
        assert_eq!(iv.hi, c.add(n("0.5")).unwrap());
        // open data 0: the lower side shrinks by its weight share, 0.5·15/17
        let iv = index_interval(&w, &secs([0, 48, 75, 74, 56])).unwrap();
        let c = Num::frac(998, 17).unwrap();
        assert_eq!(c.sub(iv.lo).unwrap(), Num::frac(15, 34).unwrap());
        assert_eq!(iv.hi.sub(c).unwrap(), n("0.5"));
        // four sections (open data left out): renormalised over 15, still ±0.5
        let w4: Vec<Num> = [0, 3, 2, 8, 2]
            .iter()
            .map(|&x| Num::frac(x, 15).unwrap())
            .collect();
        let mut s4 = secs([0, 52, 65, 71, 46]);
        s4[0] = None;
        let iv = index_interval(&w4, &s4).unwrap();
        let c = Num::frac(946, 15).unwrap();
        assert_eq!(iv.hi.sub(c).unwrap(), n("0.5"));
        assert_eq!(c.sub(iv.lo).unwrap(), n("0.5"));
        // an exact section (no rounding) narrows the bound to the rounded sections' share
        let mut exact = secs([20, 66, 90, 80, 88]);
        exact[3] = Some(Interval::exact(Num::int(80)));
        let iv = index_interval(&w, &exact).unwrap();
        let c = Num::frac(1234, 17).unwrap();
        assert_eq!(iv.hi.sub(c).unwrap(), Num::frac(9, 34).unwrap()); // 0.5·9/17
    }
}
