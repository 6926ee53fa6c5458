//! The costs the search minimises (floating point, a heuristic) and the exact fit it reports.

use super::{Synth, UnitFit, UnitState};
use crate::eval::{IndexOutcome, UnitOutcome};
use crate::hir::MissingState;
use crate::num::Num;
use crate::synth::spec::TargetUnit;
use crate::value::Value;

impl Synth<'_> {
    /// A unit's cost: squared deviations of its section scores and index from their targets,
    /// plus a penalty for each broken hard constraint (tolerance, level, section presence).
    pub(super) fn unit_cost(&self, st: &UnitState, o: &UnitOutcome) -> f64 {
        let w = &self.weights;
        let mut cost = 0.0;
        for (s, sec) in o.sections.iter().enumerate() {
            match (st.target_scores[s], sec) {
                (None, Err(_)) => {}
                (None, Ok(_)) => cost += w.hard * 4.0,
                // worse than any score the section could have: restoring it always pays
                (Some(_), Err(_)) => {
                    let e = 100.0 - self.tol_f + 1.0;
                    cost += w.hard * 4.0 + w.section * 1e4 + w.hard * 0.1 * e * e;
                }
                (Some(t), Ok(so)) => {
                    let d = (so.score.to_f64() - t).abs();
                    cost += w.section * d * d;
                    if d > self.tol_f {
                        let e = d - self.tol_f + 1.0;
                        cost += w.hard + w.hard * 0.1 * e * e;
                    }
                    if Some(so.level) != st.target_levels[s] {
                        cost += w.hard;
                    }
                }
            }
        }
        match (&o.index, st.index_target) {
            (IndexOutcome::Computed { value, level, .. }, Some((t, tl))) => {
                let d = value.to_f64() - t;
                cost += w.index * d * d;
                if *level != tl {
                    cost += w.hard;
                }
            }
            (IndexOutcome::NotComputable { .. }, None) => {}
            _ => cost += w.hard * 4.0,
        }
        cost
    }

    /// Per tally (share row, side of a direction), how unit `u`'s effective answers count: bit 1
    /// asked (in the base: in the tally's group and asked the question), bit 0 counted.
    pub(super) fn contributions(&self, u: usize, effective: &[Value], out: &mut Vec<u8>) {
        out.clear();
        for (i, &(slot, what)) in self.tallies.iter().enumerate() {
            let v = effective[slot];
            let asked = self.in_group[i][u] && v != Value::Missing(MissingState::NotAsked);
            let c = u8::from(asked) << 1 | u8::from(asked && what.counts(v));
            out.push(c);
        }
    }

    /// The cost of share row `r` at `count` of `base` units.
    pub(super) fn share_cost(&self, r: usize, count: i64, base: i64) -> f64 {
        if base <= 0 {
            return 0.0;
        }
        let actual = count as f64 / base as f64;
        let dev = 100.0 * (actual - self.shares[r].share);
        // half a unit of the base is rounding, except for "all" and "none", which are exact
        let target = self.shares[r].share;
        let grain = if target <= 0.0 || target >= 1.0 {
            0.0
        } else {
            50.0 / base as f64
        };
        let excess = (dev.abs() - grain).max(0.0);
        // steeper beyond 3 points, steeper still beyond 4, nearly a wall beyond 4.5 (later on
        // small bases, where one unit moves the share by more)
        let over = (dev.abs() - 3.0f64.max(grain + 1.5)).max(0.0);
        let far = (dev.abs() - 4.0f64.max(grain + 2.5)).max(0.0);
        let wall = (dev.abs() - 4.5f64.max(grain + 3.0)).max(0.0);
        self.share_scale
            * self.weights.share
            * (excess * excess + 2.0 * over * over + 10.0 * far * far + 100.0 * wall * wall)
    }

    /// The exact fit of one unit.
    pub(super) fn fit(&self, t: &TargetUnit, st: &UnitState, o: &UnitOutcome) -> UnitFit {
        let mut max_dev = Num::ZERO;
        let mut within = true;
        let mut levels = true;
        let mut presence = true;
        let mut sections = Vec::new();
        for (s, sec) in o.sections.iter().enumerate() {
            let target = t.sections[s];
            match (target, sec) {
                (Some(tv), Ok(so)) => {
                    let d = so.score.sub(tv).map(Num::abs).unwrap_or(Num::HUNDRED);
                    if d > max_dev {
                        max_dev = d;
                    }
                    if d > self.tolerance {
                        within = false;
                    }
                    if Some(so.level) != st.target_levels[s] {
                        levels = false;
                    }
                    sections.push((Some(so.score), Some(tv)));
                }
                (None, Err(_)) => sections.push((None, None)),
                (tv, sec) => {
                    presence = false;
                    sections.push((sec.as_ref().ok().map(|x| x.score), tv));
                }
            }
        }
        let (index, index_level_match) = match (&o.index, st.index_target) {
            (IndexOutcome::Computed { value, level, .. }, Some((_, tl))) => {
                (Some(*value), *level == tl)
            }
            (IndexOutcome::NotComputable { .. }, None) => (None, true),
            (IndexOutcome::Computed { value, .. }, None) => (Some(*value), false),
            (IndexOutcome::NotComputable { .. }, Some(_)) => (None, false),
        };
        UnitFit {
            id: t.id.clone(),
            sections,
            levels_match: levels,
            index,
            index_level_match,
            max_deviation: max_dev,
            within_tolerance: within,
            presence_match: presence,
        }
    }
}
