//! Section scores and the index from the rules' points, with the two memos that make them
//! cheap: the score memo (each section's score and level for every whole number of points,
//! tabulated once) and the index memo (the renormalised weights, and the index as one
//! fraction, per set of sections used).

use super::{
    compared, overflow, EvalError, Evaluator, IndexOutcome, SectionMissing, SectionOutcome,
    UnitOutcome,
};
use crate::num::{Num, Overflow};
use crate::plan::{Plan, SectionPlan};
use crate::value::Value;

/// The memos of section scores and of the index, prepared per plan (see the module
/// documentation).
pub(super) struct Memos {
    /// Each section's maximum when no rule is excluded (`None`: the sum overflows).
    pub(super) full_max: Vec<Option<Num>>,
    /// Per section with a whole-number maximum of at most [`MEMO_MAX`] points: the score,
    /// compared value and level of every whole number of points `0..=max`, for units where
    /// no rule is excluded (computed once, by the same code as every other score).
    pub(super) scores: Vec<Option<Vec<(Num, Num, u8)>>>,
    /// The index's weights per set of sections used (a bit set; see [`IndexMemo`]).
    index_memos: Vec<(u64, IndexMemo)>,
    /// Sections that count in the index.
    have: Vec<usize>,
}

/// The largest section maximum [`Memos::scores`] tabulates.
const MEMO_MAX: i64 = 4096;

/// The most sets of sections [`Memos::index_memos`] keeps.
const INDEX_MEMOS: usize = 64;

/// The most entries [`Memos::scores`] holds for all sections together.
const MEMO_BUDGET: i64 = 8192;

/// What the index needs that depends only on which sections have a score: their weights'
/// sum, the renormalised weights, and, when every used section has a tabulated score, the
/// index as one fraction of their points: `value = Σ coef[s] × points[s] / denom`.
struct IndexMemo {
    /// The sections used.
    have: Vec<usize>,
    wsum: Num,
    weights: Vec<Num>,
    /// `(coef, denom)`; `None` when a section has no tabulated score or the numbers are large.
    linear: Option<(Vec<i128>, i128)>,
}

impl Memos {
    pub(super) fn new(plan: &Plan) -> Memos {
        let full_max: Vec<Option<Num>> = plan
            .sections
            .iter()
            .map(|sp| {
                sp.rules
                    .iter()
                    .try_fold(Num::ZERO, |m, &r| m.add(plan.rules[r].max))
                    .ok()
            })
            .collect();
        // at most MEMO_BUDGET entries in all, so that a ruleset of many sections does not
        // make every evaluator slow to create
        let mut budget = MEMO_BUDGET;
        let scores = plan
            .sections
            .iter()
            .zip(&full_max)
            .map(|(sp, max)| {
                let max = (*max)?;
                let m = max.to_i64().filter(|m| (1..=MEMO_MAX).contains(m))?;
                budget = budget.checked_sub(m + 1)?;
                (0..=m)
                    .map(|p| score_level(plan, sp, Num::int(i128::from(p)), max).ok())
                    .collect()
            })
            .collect();
        Memos {
            full_max,
            scores,
            index_memos: Vec::new(),
            have: Vec::with_capacity(plan.sections.len()),
        }
    }

    /// No score tabulated: every score computed as it comes (for tests).
    pub(super) fn untabulated(&mut self) {
        self.scores.iter_mut().for_each(|t| *t = None);
    }

    /// The index, written into `out` (reusing its vectors).
    pub(super) fn index(
        &mut self,
        plan: &Plan,
        sections: &[Result<SectionOutcome, SectionMissing>],
        out: &mut IndexOutcome,
    ) -> Result<(), Overflow> {
        self.have.clear();
        self.have.extend(
            (0..sections.len()).filter(|&s| sections[s].is_ok() && !plan.weights[s].is_zero()),
        );
        let have = &self.have;
        if have.len() < plan.min_sections || have.is_empty() {
            let mut missing = match std::mem::replace(out, IndexOutcome::placeholder()) {
                IndexOutcome::NotComputable { mut missing, .. } => {
                    missing.clear();
                    missing
                }
                _ => Vec::new(),
            };
            missing.extend((0..sections.len()).filter(|s| !have.contains(s)));
            *out = IndexOutcome::NotComputable {
                sections: have.len(),
                required: plan.min_sections.max(1),
                missing,
            };
            return Ok(());
        }
        // the memo of this set of sections (a bit set, when there are at most 64)
        let key = (sections.len() <= 64).then(|| have.iter().fold(0u64, |k, &s| k | 1 << s));
        let at = self.index_memos.iter().position(|(k, _)| Some(*k) == key);
        let fresh;
        let memo = match (at, key) {
            (Some(at), _) => &self.index_memos[at].1,
            (None, Some(key)) => {
                let memo = self.index_memo_for(plan, sections.len())?;
                if self.index_memos.len() >= INDEX_MEMOS {
                    self.index_memos.clear();
                }
                self.index_memos.push((key, memo));
                &self.index_memos[self.index_memos.len() - 1].1
            }
            // more than 64 sections: not kept
            (None, None) => {
                fresh = self.index_memo_for(plan, sections.len())?;
                &fresh
            }
        };
        let value = match Self::linear_index(memo, sections, &self.full_max) {
            Some(v) => v,
            None => {
                let mut acc = Num::ZERO;
                for &s in &memo.have {
                    if let Ok(o) = &sections[s] {
                        acc = acc.add(plan.weights[s].mul(o.score)?)?;
                    }
                }
                acc.div(memo.wsum)?.unwrap_or(Num::ZERO)
            }
        };
        let mut weights = match std::mem::replace(out, IndexOutcome::placeholder()) {
            IndexOutcome::Computed { mut weights, .. } => {
                weights.clear();
                weights
            }
            _ => Vec::new(),
        };
        weights.extend_from_slice(&memo.weights);
        let compared = compared(plan, value);
        *out = IndexOutcome::Computed {
            value,
            compared,
            level: plan.index_thresholds.level(compared),
            weights,
        };
        Ok(())
    }

    /// The index memo for the sections in `self.have` (out of `n`).
    fn index_memo_for(&self, plan: &Plan, n: usize) -> Result<IndexMemo, Overflow> {
        let have = self.have.clone();
        let mut wsum = Num::ZERO;
        for &s in &have {
            wsum = wsum.add(plan.weights[s])?;
        }
        let mut weights = vec![Num::ZERO; n];
        for &s in &have {
            weights[s] = plan.weights[s].div(wsum)?.unwrap_or(Num::ZERO);
        }
        // value = Σ weights[s] × 100 × points[s] / max[s]: the coefficients over one
        // denominator (the least common multiple of theirs), when it stays small
        let linear = (|| {
            let mut fracs = Vec::with_capacity(have.len());
            for &s in &have {
                self.scores.get(s)?.as_ref()?;
                let max = self.full_max.get(s).copied().flatten()?;
                fracs.push(weights[s].mul(Num::HUNDRED).ok()?.div(max).ok()??);
            }
            let mut denom: i128 = 1;
            for f in &fracs {
                let d = f.denom();
                denom = denom.checked_mul(d / num_integer::Integer::gcd(&denom, &d))?;
                if denom > 1 << 48 {
                    return None;
                }
            }
            let mut coef = vec![0i128; n];
            for (&s, f) in have.iter().zip(&fracs) {
                let c = f.numer().checked_mul(denom / f.denom())?;
                if c.unsigned_abs() > 1 << 60 {
                    return None;
                }
                coef[s] = c;
            }
            Some((coef, denom))
        })();
        Ok(IndexMemo {
            have,
            wsum,
            weights,
            linear,
        })
    }

    /// The index as one fraction (see [`IndexMemo`]), when every used section scored with no
    /// rule excluded and whole points within its table.
    fn linear_index(
        memo: &IndexMemo,
        sections: &[Result<SectionOutcome, SectionMissing>],
        full_max: &[Option<Num>],
    ) -> Option<Num> {
        let (coef, denom) = memo.linear.as_ref()?;
        let mut num: i128 = 0;
        for &s in &memo.have {
            let o = sections.get(s)?.as_ref().ok()?;
            let p = o.points.to_i64().filter(|p| (0..=MEMO_MAX).contains(p))?;
            if Some(o.max) != full_max.get(s).copied().flatten() {
                return None;
            }
            num = num.checked_add(coef.get(s)?.checked_mul(i128::from(p))?)?;
        }
        Num::frac(num, *denom)
    }
}

impl Evaluator<'_> {
    /// The sections' and the index's outcomes from the rules' points (`int_sums`, else
    /// `points`).
    pub(super) fn sections_and_index(&mut self, out: &mut UnitOutcome) -> Result<(), EvalError> {
        out.sections.clear();
        out.section_points.clear();
        for s in 0..self.plan.sections.len() {
            let (section, points) = self.section(s).map_err(|_| overflow("a section score"))?;
            out.sections.push(section);
            out.section_points.push(points);
        }
        self.memo
            .index(self.plan, &out.sections, &mut out.index)
            .map_err(|_| overflow("the index"))?;
        Ok(())
    }

    /// Whether section `s` is applicable under the answers of the last evaluation (its
    /// `applicable if`, or else any of its questions answered).
    pub fn section_applicable(&mut self, s: usize) -> Result<bool, EvalError> {
        let plan = self.plan;
        let Some(sp) = plan.sections.get(s) else {
            return Ok(false);
        };
        Ok(match &sp.applicable {
            Some(code) => {
                run!(self, code).map_err(|_| overflow("a section condition"))? == Value::Bool(true)
            }
            None => sp
                .questions
                .iter()
                .any(|&q| self.answers[q as usize].is_answered()),
        })
    }

    /// A section's outcome, and its points also when it has no score.
    #[allow(clippy::type_complexity)]
    fn section(
        &mut self,
        s: usize,
    ) -> Result<(Result<SectionOutcome, SectionMissing>, Option<Num>), Overflow> {
        let plan = self.plan;
        let sp = &plan.sections[s];
        let applicable = match &sp.applicable {
            Some(code) => run!(self, code)? == Value::Bool(true),
            None => sp
                .questions
                .iter()
                .any(|&q| self.answers[q as usize].is_answered()),
        };
        let full_max = self.memo.full_max[s];
        let int_sum = self.int_sums.get(s).copied().flatten();
        let sum = |pts: &[Option<Num>]| -> Result<(Num, Num), Overflow> {
            // integers, no rule excluded: one integer sum, the maximum known in advance
            if let (Some(full_max), Some(total)) = (full_max, int_sum) {
                return Ok((Num::int(total), full_max));
            }
            if let Some(full_max) = full_max {
                let mut total: i128 = 0;
                let mut fast = true;
                for &r in &sp.rules {
                    match pts[r] {
                        Some(p) if p.is_integer() => match total.checked_add(p.numer()) {
                            Some(t) => total = t,
                            None => {
                                fast = false;
                                break;
                            }
                        },
                        _ => {
                            fast = false;
                            break;
                        }
                    }
                }
                if fast {
                    return Ok((Num::int(total), full_max));
                }
            }
            let mut points = Num::ZERO;
            let mut max = Num::ZERO;
            for &r in &sp.rules {
                if let Some(p) = pts[r] {
                    points = points.add(p)?;
                    max = max.add(plan.rules[r].max)?;
                }
            }
            Ok((points, max))
        };
        if !applicable {
            let missing = if sp.applicable.is_some() {
                SectionMissing::NotApplicable
            } else {
                SectionMissing::NoAnswers
            };
            return Ok((Err(missing), sum(&self.points).ok().map(|(p, _)| p)));
        }
        let (points, max) = sum(&self.points)?;
        if max.is_zero() {
            return Ok((Err(SectionMissing::AllExcluded), Some(points)));
        }
        let tabulated = match (&self.memo.scores[s], points.to_i64()) {
            (Some(t), Some(p)) if Some(max) == full_max => {
                usize::try_from(p).ok().and_then(|p| t.get(p)).copied()
            }
            _ => None,
        };
        let (score, compared, level) = match tabulated {
            Some(x) => x,
            None => score_level(plan, sp, points, max)?,
        };
        Ok((
            Ok(SectionOutcome {
                points,
                max,
                score,
                compared,
                level,
            }),
            Some(points),
        ))
    }
}

/// A section's score (100 × points / max, exact), the value its levels compare, and its level.
fn score_level(
    plan: &Plan,
    sp: &SectionPlan,
    points: Num,
    max: Num,
) -> Result<(Num, Num, u8), Overflow> {
    let score = Num::HUNDRED.mul(points)?.div(max)?.unwrap_or(Num::ZERO);
    let compared = compared(plan, score);
    let level = if sp.zero_apart && compared.is_zero() {
        0
    } else {
        sp.thresholds.level(compared)
    };
    Ok((score, compared, level))
}

impl IndexOutcome {
    /// A value without allocation, replaced right away.
    fn placeholder() -> Self {
        IndexOutcome::NotComputable {
            sections: 0,
            required: 0,
            missing: Vec::new(),
        }
    }
}
