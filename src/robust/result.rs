//! What a robustness analysis found: the JSON schema of `eindex robustness --format json`
//! (docs/robustness.md) and what every other format renders.

use serde::Serialize;

/// The whole analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// `exhaustive` (every combination once) or `sampled` (Saltelli design).
    pub method: Method,
    pub inputs: Vec<InputInfo>,
    pub sections: Vec<String>,
    /// Level numbers with their names, lowest first (0 when some section counts zero apart).
    pub levels: Vec<LevelName>,
    pub units: Vec<UnitResult>,
    /// Per input, in declaration order.
    pub sensitivity: Vec<Sensitivity>,
    /// The outputs' variance: when 0 no input moves anything and the indices are `null`.
    pub variance: Outputs<f64>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Method {
    Exhaustive {
        /// Runs: the product of the inputs' numbers of values.
        combinations: u64,
    },
    Sampled {
        /// Base points N of the Sobol sequence.
        samples: usize,
        /// N·(d + 2) runs for the sensitivity indices; the 2N of matrices A and B give the
        /// distributions.
        runs: usize,
        seed: u32,
        /// Bootstrap resamples for the confidence intervals, and their level.
        resamples: usize,
        confidence: f64,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    /// `weights`, `weight open_data`, `threshold index 2`, `missing dont_know`, `rule r_x`.
    pub name: String,
    /// The values: labels of a discrete input, or `[lo, hi]`.
    pub values: Vec<String>,
    /// The nominal value (the one the ruleset scores with), as `values` writes it.
    pub nominal: String,
    /// Where it is declared: `file:line:col`.
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelName {
    pub level: u8,
    pub name: String,
}

/// A probability: `count / runs`; exact when enumerated (`exact` is the reduced fraction).
#[derive(Debug, Clone, Serialize)]
pub struct Prob {
    pub p: f64,
    pub count: u64,
    pub runs: u64,
    /// `"1/3"`: the exact probability, given when the analysis enumerated every combination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact: Option<String>,
}

/// The probability of each level, lowest first; `none`: no score / index.
#[derive(Debug, Clone, Serialize)]
pub struct LevelProbs {
    pub levels: Vec<(u8, Prob)>,
    pub none: Prob,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitResult {
    pub unit: String,
    /// The nominal E-index (exact decimal as the survey displays it) and its level and rank.
    pub nominal_index: Option<String>,
    pub nominal_level: Option<u8>,
    pub nominal_rank: Option<u32>,
    pub index: LevelProbs,
    pub sections: Vec<LevelProbs>,
    /// Ranks over the runs (nearest-rank percentiles).
    pub rank_median: Option<u32>,
    pub rank_p05: Option<u32>,
    pub rank_p95: Option<u32>,
    /// The most likely index level (the lower one on a tie).
    pub most_likely: Option<u8>,
    /// The nominal level is not the most likely one.
    pub flag: bool,
    /// The nominal level holds in every run.
    pub holds: bool,
    /// Per input: the probability that redrawing that input alone changes the unit's index
    /// level (inputs in declaration order).
    pub moved_by: Vec<f64>,
}

/// A pair of values, one per output.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Outputs<T> {
    /// Mean absolute rank shift from the nominal ranks.
    pub rank_shift: T,
    /// Share of units whose index level differs from the nominal one.
    pub level_change: T,
}

/// First-order and total Sobol indices of one input, for each output.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    pub input: String,
    pub rank_shift: Indices,
    pub level_change: Indices,
}

#[derive(Debug, Clone, Serialize)]
pub struct Indices {
    /// `None` when the output does not vary.
    pub first: Option<f64>,
    pub total: Option<f64>,
    /// Half-widths of the bootstrap confidence intervals (sampled analyses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_ci: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_ci: Option<f64>,
}
