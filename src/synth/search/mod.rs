//! The calibration: answers are initialised by sampling the published shares, then a simulated
//! annealing local search changes one answer at a time, re-evaluating the unit with the real
//! [`Evaluator`](crate::eval::Evaluator), to bring every section score to its target (same level, same index level) while
//! keeping the answer shares close to the published ones.
//!
//! Answers are kept for every question, including follow-ups whose condition is false ("latent"
//! answers): the evaluator ignores an answer it did not ask for, so the scores are those of the
//! data with such answers blank, and the output writes only what was asked.
//!
//! The search cost is a heuristic in floating point; every deviation it reports and every level it
//! checks is computed exactly from the evaluator's [`Num`] scores.
//!
//! The parts: [`setup`] builds the search from the inputs (what may change, sampling priors,
//! number generators), [`moves`] samples and proposes answers, [`cost`] scores a unit and the
//! shares, and [`anneal`] runs the rounds of moves.

mod anneal;
mod cost;
mod directions;
mod figures;
mod moves;
mod setup;

pub use directions::DirectionFit;
pub use figures::FigureFit;
pub use setup::Inputs;

use super::spec::{DirectionRow, FigureRow, ShareRow, ShareWhat};
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::Schema;
use crate::value::Value;

/// How one question's answer may change.
#[derive(Debug, Clone)]
enum Var {
    /// Never answered (free text), or in a section the unit does not submit.
    Fixed,
    Single {
        n: usize,
        dk: bool,
    },
    Multi {
        n: usize,
        none: Option<usize>,
        dk: bool,
    },
    YesNo {
        dk: bool,
    },
    Number {
        dk: bool,
    },
}

/// How a numeric question's value follows from its parameter.
#[derive(Debug, Clone)]
struct NumGen {
    low: f64,
    high: f64,
    per: Option<usize>,
    part_of: Option<usize>,
    min: Option<f64>,
    max: Option<f64>,
    integer: bool,
}

/// Initial sampling probabilities of one question.
#[derive(Debug, Clone, Default)]
struct Prior {
    /// Single: probability of each option; multi: of each option independently.
    p: Vec<f64>,
    yes: f64,
    dk: f64,
    /// Multi: probability of answering only the `none` option.
    none_alone: f64,
}

/// Search weights (see the module docs of `synth`).
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Per squared score point of a section's deviation from its target.
    pub section: f64,
    /// Per squared point of the index's deviation from its target.
    pub index: f64,
    /// Per squared percentage point of a share's deviation beyond what the base size forces.
    pub share: f64,
    /// For each broken hard constraint (level, tolerance, section presence).
    pub hard: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            section: 1.0,
            index: 0.5,
            share: 0.6,
            hard: 4000.0,
        }
    }
}

/// What the search found for one unit.
pub struct UnitFit {
    pub id: String,
    /// Per section: (score, target) — `None` where the section has no score / no target.
    pub sections: Vec<(Option<Num>, Option<Num>)>,
    pub levels_match: bool,
    pub index: Option<Num>,
    pub index_level_match: bool,
    pub max_deviation: Num,
    pub within_tolerance: bool,
    pub presence_match: bool,
}

impl UnitFit {
    pub fn ok(&self) -> bool {
        self.levels_match && self.index_level_match && self.within_tolerance && self.presence_match
    }
}

/// A share as achieved.
pub struct ShareFit {
    pub label: String,
    pub target: f64,
    pub count: usize,
    pub base: usize,
}

impl ShareFit {
    pub fn actual(&self) -> f64 {
        if self.base == 0 {
            0.0
        } else {
            self.count as f64 / self.base as f64
        }
    }
    /// Deviation in percentage points.
    pub fn deviation_pp(&self) -> f64 {
        100.0 * (self.actual() - self.target)
    }
}

pub struct Outcome {
    /// Effective answers per unit (questions then metadata; not-asked follow-ups missing).
    pub answers: Vec<Vec<Value>>,
    pub units: Vec<UnitFit>,
    pub shares: Vec<ShareFit>,
    pub figures: Vec<FigureFit>,
    pub directions: Vec<DirectionFit>,
    pub moves: u64,
}

/// One unit's answers during the search, with its targets and its last accepted evaluation.
struct UnitState {
    answers: Vec<Value>,
    params: Vec<f64>,
    movable: Vec<usize>,
    target_levels: Vec<Option<u8>>,
    target_scores: Vec<Option<f64>>,
    index_target: Option<(f64, u8)>,
    cost: f64,
    contrib: Vec<u8>,
    /// Per figure: the unit's part (see [`figures`]).
    fig: Vec<figures::Part>,
    /// Per question slot: asked in the last accepted evaluation.
    asked: Vec<bool>,
}

/// The search over every unit's answers: set up once from the inputs ([`Synth::new`]), run with
/// a seed ([`Synth::run`]).
pub struct Synth<'a> {
    plan: &'a Plan,
    schema: &'a Schema,
    vars: Vec<Vec<Var>>,
    /// Per unit and section: the question slots that may change.
    section_slots: Vec<Vec<Vec<usize>>>,
    numgen: Vec<Option<NumGen>>,
    num_order: Vec<usize>,
    /// Sampling priors per profile and question slot: units in the same groups of the share
    /// rows share a profile (a group's share replaces the overall one in its units' priors).
    priors: Vec<Vec<Prior>>,
    /// Per unit: its prior profile.
    profile: Vec<usize>,
    /// What is tallied over the units: each share row, then each side of each direction
    /// (question slot, what counts).
    tallies: Vec<(usize, ShareWhat)>,
    /// Per tally: the units in its group (every unit for an overall share).
    row_units: Vec<Vec<usize>>,
    /// Per tally and unit: whether the unit is in the tally's group.
    in_group: Vec<Vec<bool>>,
    shares: &'a [ShareRow],
    directions: &'a [DirectionRow],
    /// Per direction: the tallies of its group and of its `than` group (`None`: a fixed share).
    dir_sides: Vec<(usize, Option<usize>)>,
    /// Per question slot: the tallies of a pattern or a count of options (multiple choice).
    pattern_tallies: Vec<Vec<usize>>,
    figures: &'a [FigureRow],
    /// Per figure and unit: whether the unit is in the figure's group; per figure: its units.
    fig_in_group: Vec<Vec<bool>>,
    fig_units: Vec<Vec<usize>>,
    tolerance: Num,
    tol_f: f64,
    weights: Weights,
    /// Shares of a handful of units say little: their weight shrinks below 30 units.
    share_scale: f64,
}
