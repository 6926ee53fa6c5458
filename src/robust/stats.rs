//! Estimators on model outputs: variance-based (Sobol') sensitivity indices from a Saltelli
//! design, and percentiles and summaries of an output's distribution.
//!
//! # Sobol' indices
//!
//! [`sobol_indices`] reads the outputs Y of a [`super::design::Design::saltelli`] design (n·(d+2)
//! values, per base point j: f(A_j), f(AB_j^(1)), …, f(AB_j^(d)), f(B_j)) and computes the point
//! estimates exactly as SALib 1.6.0's `SALib.analyze.sobol.analyze(problem, Y,
//! calc_second_order=False)` does:
//!
//! 1. Y is standardised with its mean and population standard deviation (ddof 0):
//!    z = (Y − mean(Y)) / std(Y).
//! 2. V = var(A ∪ B), the population variance of the 2n values z(A_j), z(B_j) (not of all of z).
//! 3. First order, Saltelli et al. (2010), "Variance based sensitivity analysis of model output.
//!    Design and estimator for the total sensitivity index", Comput. Phys. Commun. 181(2),
//!    259–270, table 2 (b): S1_i = mean_j( z(B_j) · (z(AB_j^(i)) − z(A_j)) ) / V.
//! 4. Total, Jansen (1999), "Analysis of variance designs for model output", Comput. Phys.
//!    Commun. 117, 35–43 (Saltelli et al. 2010, table 2 (f)):
//!    ST_i = ½ · mean_j( (z(A_j) − z(AB_j^(i)))² ) / V.
//!
//! Confidence: the bootstrap as SALib does it — draw n base points with replacement `resamples`
//! times, estimate S1_i and ST_i on each draw (a draw whose A ∪ B variance is at most
//! `f64::EPSILON` counts as 0, as in SALib), and report z_{(1+conf)/2} times the sample standard
//! deviation (ddof 1) of the estimates. The draws come from our SplitMix64
//! ([`crate::synth::rng::Rng`]), so the half-widths are deterministic for a seed but not SALib's
//! numbers.
//!
//! Where we differ from SALib on purpose: when Y is constant SALib standardises by dividing 0 by 0
//! (a numpy RuntimeWarning) and then reports 0 for every index, and when only A ∪ B is (nearly)
//! constant it reports 0 with a warning; here the indices are `None` with the reason
//! ([`Undefined`]): "no input has any influence" is not what such outputs show. Bad arguments (a length that is not n·(d+2), non-finite outputs, a confidence
//! level outside (0, 1)) are errors ([`StatsError`]), never panics.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::synth::rng::Rng;

/// Why [`sobol_indices`] cannot run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error("{got} outputs for a Saltelli design of n = {n} base points and d = {d} inputs (expected n·(d+2))")]
    Shape { n: usize, d: usize, got: usize },
    #[error("output {row} is {value}: every output must be a finite number")]
    NotFinite { row: usize, value: f64 },
    #[error("confidence level {0} is not strictly between 0 and 1")]
    Confidence(f64),
}

/// Why the indices are not defined for these outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// Every output is the same (variance 0): no input changes anything.
    ConstantOutput,
    /// The A and B rows give (nearly) the same output, so the variance the indices are relative
    /// to is 0 (SALib reports 0 with a warning).
    ConstantBaseOutputs,
}

impl Undefined {
    /// A sentence for the user.
    pub fn reason(self) -> &'static str {
        match self {
            Undefined::ConstantOutput => "every sample gives the same output: nothing to apportion",
            Undefined::ConstantBaseOutputs => {
                "the A and B samples give the same output: the estimators' variance is 0"
            }
        }
    }
}

/// The indices of one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputIndices {
    /// First-order index S1 (Saltelli 2010).
    pub s1: f64,
    /// Bootstrap confidence half-width of `s1` (`None` with fewer than 2 resamples).
    pub s1_conf: Option<f64>,
    /// Total index ST (Jansen 1999).
    pub st: f64,
    /// Bootstrap confidence half-width of `st`.
    pub st_conf: Option<f64>,
}

/// The result of [`sobol_indices`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SobolIndices {
    pub n: usize,
    pub d: usize,
    pub resamples: usize,
    pub conf_level: f64,
    /// Mean of all n·(d+2) outputs.
    pub mean: f64,
    /// Population variance (ddof 0) of all n·(d+2) outputs, before standardising.
    pub variance: f64,
    /// Per input, in column order; `None` when [`SobolIndices::undefined`] says why.
    pub inputs: Option<Vec<InputIndices>>,
    pub undefined: Option<Undefined>,
}

/// First-order and total Sobol' indices with bootstrap confidence half-widths from the outputs
/// `y` of a Saltelli design of `n` base points in `d` inputs (see the module doc for the
/// estimators). Deterministic for `seed`.
pub fn sobol_indices(
    y: &[f64],
    n: usize,
    d: usize,
    resamples: usize,
    conf: f64,
    seed: u64,
) -> Result<SobolIndices, StatsError> {
    let rows = n.checked_mul(d.saturating_add(2));
    if rows != Some(y.len()) || n == 0 || d == 0 {
        return Err(StatsError::Shape { n, d, got: y.len() });
    }
    if let Some((row, &value)) = y.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(StatsError::NotFinite { row, value });
    }
    if !(conf > 0.0 && conf < 1.0) {
        return Err(StatsError::Confidence(conf));
    }
    let (mean, variance) = mean_variance(y.iter().copied());
    let mut result = SobolIndices {
        n,
        d,
        resamples,
        conf_level: conf,
        mean,
        variance,
        inputs: None,
        undefined: None,
    };
    if y.iter().all(|&v| v == y[0]) || variance <= 0.0 {
        result.undefined = Some(Undefined::ConstantOutput);
        return Ok(result);
    }
    let std = variance.sqrt();
    let z: Vec<f64> = y.iter().map(|&v| (v - mean) / std).collect();
    let outputs = Outputs { z: &z, d };
    let all: Vec<usize> = (0..n).collect();
    let mut s1 = vec![0.0; d];
    let mut st = vec![0.0; d];
    if !outputs.estimate(&all, &mut s1, &mut st) {
        result.undefined = Some(Undefined::ConstantBaseOutputs);
        return Ok(result);
    }
    let (s1_conf, st_conf) = bootstrap(&outputs, n, resamples, conf, seed);
    let inputs = (0..d)
        .map(|i| InputIndices {
            s1: s1[i],
            s1_conf: s1_conf.as_ref().map(|c| c[i]),
            st: st[i],
            st_conf: st_conf.as_ref().map(|c| c[i]),
        })
        .collect();
    result.inputs = Some(inputs);
    Ok(result)
}

/// Half-widths (S1, ST) per input: z_{(1+conf)/2} · sd (ddof 1) of the estimates on `resamples`
/// draws of the base points with replacement; `None` for fewer than 2 draws.
fn bootstrap(
    outputs: &Outputs,
    n: usize,
    resamples: usize,
    conf: f64,
    seed: u64,
) -> (Option<Vec<f64>>, Option<Vec<f64>>) {
    if resamples < 2 {
        return (None, None);
    }
    let d = outputs.d;
    let mut rng = Rng::new(seed);
    let mut draw = vec![0usize; n];
    let mut s1 = vec![0.0; d];
    let mut st = vec![0.0; d];
    // Estimates per input, one row of `resamples` values each.
    let mut s1_all = vec![Vec::with_capacity(resamples); d];
    let mut st_all = vec![Vec::with_capacity(resamples); d];
    for _ in 0..resamples {
        for slot in draw.iter_mut() {
            *slot = rng.below(n);
        }
        if !outputs.estimate(&draw, &mut s1, &mut st) {
            s1.fill(0.0);
            st.fill(0.0);
        }
        for i in 0..d {
            s1_all[i].push(s1[i]);
            st_all[i].push(st[i]);
        }
    }
    let z = normal_quantile(0.5 + conf / 2.0);
    let half = |all: Vec<Vec<f64>>| all.iter().map(|e| z * sample_std(e)).collect();
    (Some(half(s1_all)), Some(half(st_all)))
}

/// Standardised outputs in the Saltelli layout.
struct Outputs<'a> {
    z: &'a [f64],
    d: usize,
}

impl Outputs<'_> {
    fn a(&self, j: usize) -> f64 {
        self.z[j * (self.d + 2)]
    }

    fn b(&self, j: usize) -> f64 {
        self.z[j * (self.d + 2) + self.d + 1]
    }

    fn ab(&self, j: usize, i: usize) -> f64 {
        self.z[j * (self.d + 2) + 1 + i]
    }

    /// S1 and ST of every input on the base points `js` (repeats allowed), into `s1` and `st`;
    /// `false` (and nothing written) when A ∪ B on them is (nearly) constant: SALib's test,
    /// ptp ≤ ε or variance ≤ ε.
    fn estimate(&self, js: &[usize], s1: &mut [f64], st: &mut [f64]) -> bool {
        let base = || js.iter().flat_map(|&j| [self.a(j), self.b(j)]);
        let (lo, hi) = base().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (_, var) = mean_variance(base());
        if hi - lo <= f64::EPSILON || var <= f64::EPSILON {
            return false;
        }
        let count = js.len() as f64;
        for i in 0..self.d {
            let mut first = Sum::default();
            let mut total = Sum::default();
            for &j in js {
                let (a, b, ab) = (self.a(j), self.b(j), self.ab(j, i));
                first.add(b * (ab - a));
                total.add((a - ab) * (a - ab));
            }
            s1[i] = first.value() / count / var;
            st[i] = 0.5 * (total.value() / count) / var;
        }
        true
    }
}

/// Neumaier's compensated sum: close to the exactly rounded sum whatever the order, so the
/// result does not depend on how numpy happens to add (pairwise) to within a few ulps.
#[derive(Default)]
struct Sum {
    sum: f64,
    carry: f64,
}

impl Sum {
    fn add(&mut self, v: f64) {
        let t = self.sum + v;
        if self.sum.abs() >= v.abs() {
            self.carry += (self.sum - t) + v;
        } else {
            self.carry += (v - t) + self.sum;
        }
        self.sum = t;
    }

    fn value(&self) -> f64 {
        self.sum + self.carry
    }
}

/// Mean and population variance (ddof 0), two passes like numpy's `var`; (NaN, NaN) when empty.
fn mean_variance<I: Iterator<Item = f64> + Clone>(values: I) -> (f64, f64) {
    let mut sum = Sum::default();
    let mut count = 0usize;
    for v in values.clone() {
        sum.add(v);
        count += 1;
    }
    let mean = sum.value() / count as f64;
    let mut squares = Sum::default();
    for v in values {
        squares.add((v - mean) * (v - mean));
    }
    (mean, squares.value() / count as f64)
}

/// Sample standard deviation (ddof 1); 0 for fewer than two values.
fn sample_std(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let (_, var) = mean_variance(values.iter().copied());
    (var * values.len() as f64 / (values.len() - 1) as f64).sqrt()
}

/// The standard normal quantile Φ⁻¹(p) (statrs, through the inverse complementary error
/// function); NaN outside [0, 1], ±∞ at 1 and 0.
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    Normal::standard().inverse_cdf(p)
}

/// The `p`-quantile (0 ≤ p ≤ 1) of `sorted` (ascending) by linear interpolation between the
/// closest ranks — Hyndman & Fan (1996) type 7, the default of numpy's `percentile` and R's
/// `quantile`: with h = (len − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). `None` when `sorted`
/// is empty or `p` is not in [0, 1]. Ranks go in as `f64` (exact for any `u32`).
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let below = sorted[lo];
    match sorted.get(lo + 1) {
        Some(&above) if h > lo as f64 => Some(below + (h - lo as f64) * (above - below)),
        _ => Some(below),
    }
}

/// A distribution in a few numbers (e.g. a unit's level or rank across the samples).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub count: usize,
    pub mean: f64,
    /// Population standard deviation (ddof 0).
    pub std: f64,
    pub min: f64,
    /// 5th, 50th and 95th percentiles ([`percentile`]).
    pub p05: f64,
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

/// [`Summary`] of `values` in any order; `None` when empty or any value is NaN.
pub fn summarize(values: &[f64]) -> Option<Summary> {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (mean, var) = mean_variance(sorted.iter().copied());
    Some(Summary {
        count: sorted.len(),
        mean,
        std: var.sqrt(),
        min: sorted[0],
        p05: percentile(&sorted, 0.05)?,
        median: percentile(&sorted, 0.5)?,
        p95: percentile(&sorted, 0.95)?,
        max: sorted[sorted.len() - 1],
    })
}

#[cfg(test)]
mod tests;
