//! Tightening a set of several changes: each raised number is lowered, the other changes fixed,
//! to the least value (at the question's step) that still reaches the target. The candidates of
//! a number realise every level a change of it alone can reach, but a set of several changes
//! may need a value between two candidates: tightening finds it (by bisection, assuming the
//! target's value does not fall as the number rises) and so only ever lowers the overshoot.
//! The tightened set is verified like any other; when it does not verify the set is kept as
//! found.

use super::partial::pm_scores;
use super::{Changes, Target, UnitSearch};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;

impl UnitSearch<'_> {
    /// Whether `changes` reach the target level (rules re-scored, not verified).
    fn reaches(&mut self, t: Target, changes: &[(usize, Value)]) -> bool {
        let level = match t {
            Target::Section { level, .. } | Target::Index { level } => level,
        };
        self.partial(changes)
            .map(|pm| pm_scores(&pm))
            .and_then(|sc| self.measure(&sc, t))
            .is_some_and(|(_, l)| l >= level)
    }

    /// `changes` with every raised number of a set of two or more lowered to the least value
    /// that still reaches `t` with the others.
    pub(super) fn tighten(&mut self, t: Target, changes: &Changes) -> Changes {
        let mut out = changes.clone();
        if out.len() < 2 {
            return out;
        }
        for i in 0..out.len() {
            let (s, v) = out[i];
            let Value::Num(high) = v else { continue };
            let (step, min) = match &self.p.schema.questions[s].kind {
                QuestionKind::Integer { min, .. } => (Num::ONE, *min),
                QuestionKind::Decimal { min, .. } => (Num::frac(1, 100).unwrap_or(Num::ONE), *min),
                _ => continue,
            };
            // below `near` nothing is tried: the reported number, or the least valid answer
            let near = match self.base[s] {
                Value::Num(c) if c < high => c,
                Value::Num(_) => continue,
                _ => {
                    let lo = min.unwrap_or(Num::ZERO).min(high);
                    out[i].1 = Value::Num(lo);
                    if self.reaches(t, &out) {
                        continue;
                    }
                    lo
                }
            };
            let (mut near, mut far) = (near, high);
            loop {
                let n = match far.sub(near).ok().and_then(|d| d.div(step).ok().flatten()) {
                    Some(q) => q.numer().div_euclid(q.denom()),
                    None => 0,
                };
                if n <= 1 {
                    break;
                }
                let Ok(m) = step.mul(Num::int(n / 2)).and_then(|h| near.add(h)) else {
                    break;
                };
                out[i].1 = Value::Num(m);
                if self.reaches(t, &out) {
                    far = m;
                } else {
                    near = m;
                }
            }
            out[i].1 = Value::Num(far);
        }
        out
    }
}
