//! The published figures in the search: each unit's contribution to every figure (a total, a
//! pooled ratio's numerator and denominator, a count of units without a number), their cost and
//! the moves aimed at a figure that is off.

use super::anneal::Search;
use super::{Synth, UnitState, Var};
use crate::synth::spec::{FigureGroup, FigureRow, Measure};
use crate::synth::Targets;
use crate::value::Value;

/// A unit's part of one figure: (numerator, denominator); the denominator is unused by totals
/// and counts.
pub(super) type Part = (f64, f64);

/// A figure as achieved.
pub struct FigureFit {
    pub label: String,
    pub measure: Measure,
    pub target: f64,
    /// The total, the pooled share (0..1) or the count achieved.
    pub actual: f64,
}

impl FigureFit {
    /// The deviation in the figure's own terms: percent of the total for `sum`, percentage
    /// points for `ratio`, units for `missing_*`.
    pub fn deviation(&self) -> f64 {
        deviation(&self.measure, self.target, self.actual)
    }

    /// Whether the deviation is within `tolerance` (percent of a total, points of a share;
    /// counts of units must be exact).
    pub fn within(&self, tolerance: f64) -> bool {
        match self.measure {
            Measure::MissingAny(_) | Measure::MissingAll(_) => self.deviation() == 0.0,
            _ => self.deviation().abs() <= tolerance,
        }
    }
}

fn deviation(m: &Measure, target: f64, actual: f64) -> f64 {
    match m {
        Measure::Sum(_) if target > 0.0 => 100.0 * (actual / target - 1.0),
        Measure::Sum(_) => actual,
        Measure::Ratio(..) => 100.0 * (actual - target),
        Measure::MissingAny(_) | Measure::MissingAll(_) => actual - target,
    }
}

/// The value of a figure from its totals.
fn actual(m: &Measure, (num, den): Part) -> f64 {
    match m {
        Measure::Ratio(..) if den > 0.0 => num / den,
        Measure::Ratio(..) => 0.0,
        _ => num,
    }
}

fn number(v: Value) -> Option<f64> {
    match v {
        Value::Num(n) => Some(n.to_f64()),
        _ => None,
    }
}

/// Per figure and unit: whether the unit is in the figure's group.
pub(super) fn membership(figures: &[FigureRow], targets: &Targets) -> Vec<Vec<bool>> {
    figures
        .iter()
        .map(|f| {
            targets
                .units
                .iter()
                .enumerate()
                .map(|(u, t)| match &f.group {
                    FigureGroup::All => true,
                    FigureGroup::Unit(i) => *i == u,
                    FigureGroup::Meta(g) => {
                        t.meta_text[g.meta].as_deref() == Some(g.value.as_str())
                    }
                })
                .collect()
        })
        .collect()
}

/// The question slots a figure reads (the moves aimed at it change one of them).
pub(super) fn slots(m: &Measure) -> Vec<usize> {
    match m {
        Measure::Sum(q) => vec![*q],
        Measure::Ratio(a, b) => vec![*a, *b],
        Measure::MissingAny(q) | Measure::MissingAll(q) => q.clone(),
    }
}

impl Synth<'_> {
    /// Unit `u`'s part of every figure, from its effective answers.
    pub(super) fn figure_parts(&self, u: usize, effective: &[Value], out: &mut Vec<Part>) {
        out.clear();
        for (i, f) in self.figures.iter().enumerate() {
            if !self.fig_in_group[i][u] {
                out.push((0.0, 0.0));
                continue;
            }
            let missing = |q: &usize| number(effective[*q]).is_none();
            out.push(match &f.measure {
                Measure::Sum(q) => (number(effective[*q]).unwrap_or(0.0), 0.0),
                Measure::Ratio(a, b) => match (number(effective[*a]), number(effective[*b])) {
                    (Some(x), Some(y)) => (x, y),
                    _ => (0.0, 0.0),
                },
                Measure::MissingAny(qs) => (f64::from(u8::from(qs.iter().any(missing))), 0.0),
                Measure::MissingAll(qs) => (f64::from(u8::from(qs.iter().all(missing))), 0.0),
            });
        }
    }

    /// The cost of figure `i` at totals `tot`: nothing within half a percent (or point), then
    /// squared, steeper beyond 2 (the tolerance); a unit too many or too few in a count costs as
    /// much as 10 points.
    pub(super) fn figure_cost(&self, i: usize, tot: Part) -> f64 {
        let f = &self.figures[i];
        let dev = deviation(&f.measure, f.target, actual(&f.measure, tot)).abs();
        let dev = match f.measure {
            Measure::MissingAny(_) | Measure::MissingAll(_) => 10.0 * dev,
            _ => dev,
        };
        let excess = (dev - 0.5).max(0.0);
        let wall = (dev - 2.0).max(0.0);
        self.weights.share * (excess * excess + 10.0 * wall * wall)
    }

    /// The change of the figures' cost when a unit's parts change from `old` to `new`.
    pub(super) fn figures_delta(&self, tot: &[Part], old: &[Part], new: &[Part]) -> f64 {
        let mut delta = 0.0;
        for i in 0..self.figures.len() {
            if old[i] == new[i] {
                continue;
            }
            let t = tot[i];
            let moved = (t.0 - old[i].0 + new[i].0, t.1 - old[i].1 + new[i].1);
            delta += self.figure_cost(i, moved) - self.figure_cost(i, t);
        }
        delta
    }

    /// A tenth of the moves aim at a figure that is off (chosen by its cost): a unit of its
    /// group and one of the questions it reads.
    pub(super) fn pick_figure(
        &self,
        s: &mut Search<'_>,
        states: &[UnitState],
    ) -> Option<(usize, usize)> {
        let nf = self.figures.len();
        if nf == 0 || !s.rng.chance(0.1) {
            return None;
        }
        let cost = |i: usize| self.figure_cost(i, s.fig_tot[i]);
        let costs: f64 = (0..nf).map(cost).sum();
        if costs <= 0.0 {
            return None;
        }
        let x = s.rng.f64() * costs;
        let i = super::moves::roulette(x, (0..nf).map(cost), nf - 1);
        let units = &self.fig_units[i];
        if units.is_empty() {
            return None;
        }
        let u = units[s.rng.below(units.len())];
        let qs = slots(&self.figures[i].measure);
        let q = qs[s.rng.below(qs.len())];
        (states[u].asked[q] && !matches!(self.vars[u][q], Var::Fixed)).then_some((u, q))
    }

    /// The figures as achieved.
    pub(super) fn figure_fits(&self, tot: &[Part]) -> Vec<FigureFit> {
        self.figures
            .iter()
            .zip(tot)
            .map(|(f, t)| FigureFit {
                label: f.label.clone(),
                measure: f.measure.clone(),
                target: f.target,
                actual: actual(&f.measure, *t),
            })
            .collect()
    }
}
