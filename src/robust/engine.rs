//! One run of the analysis: the inputs set to one point, the units' index, levels and ranks.
//!
//! Exact throughout: a sampled interval value is a dyadic rational (the sequence's 23-bit
//! fraction, see [`pick`]) placed in its interval with rational arithmetic; index values are
//! compared as exact rationals. Index values and ranks depend only on the structural
//! combination and the weights, so when every weight input is discrete they are kept per choice
//! and a run costs only the level comparisons.

use super::design::{as_ratio, BITS};
use super::model::{level, Model};
use crate::hir::{InputKind, Values};
use crate::num::Num;
use std::collections::HashMap;
use std::sync::Arc;

/// A level that could not be given (section without a score, index not computable).
pub const NONE: u8 = u8::MAX;

/// Where one input stands in a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    /// The value at this position of a discrete input.
    Index(usize),
    /// A value of an interval input.
    Value(Num),
}

/// A coordinate u = k / 2^23 in [0, 1) as a pick of `input`'s values: the ⌊u·m⌋-th of m
/// discrete values; lo + u·(hi − lo), exactly, for an interval.
pub fn pick(model: &Model, input: usize, u: f32) -> Pick {
    let k = u64::from(as_ratio(u).unwrap_or(0));
    let inp = &model.inputs[input];
    match (inp.count, interval_of(&inp.kind)) {
        (Some(m), _) => Pick::Index(((k * m as u64) >> BITS) as usize),
        (None, Some((lo, hi))) => {
            let frac = Num::frac(k as i128, 1i128 << BITS).unwrap_or(Num::ZERO);
            let v = hi
                .sub(lo)
                .and_then(|w| w.mul(frac))
                .and_then(|x| x.add(lo))
                .unwrap_or(lo);
            Pick::Value(v)
        }
        (None, None) => Pick::Index(0),
    }
}

fn interval_of(kind: &InputKind) -> Option<(Num, Num)> {
    match kind {
        InputKind::Weight {
            values: Values::Interval { lo, hi },
            ..
        }
        | InputKind::Threshold {
            values: Values::Interval { lo, hi },
            ..
        } => Some((*lo, *hi)),
        _ => None,
    }
}

/// The nominal pick of every input: the value the ruleset scores with.
pub fn nominal(model: &Model) -> Vec<Pick> {
    model
        .inputs
        .iter()
        .map(|inp| match &inp.kind {
            InputKind::WeightSets { .. } | InputKind::Rule { .. } => Pick::Index(0),
            InputKind::Missing { nominal, .. } => Pick::Index(*nominal),
            InputKind::Weight { section, values } => {
                at_value(values, model.weights.get(*section).copied())
            }
            InputKind::Threshold {
                section,
                bound,
                values,
            } => {
                let t = section.unwrap_or(model.sections.len());
                at_value(
                    values,
                    model.thresholds.get(t).and_then(|b| b.get(*bound)).copied(),
                )
            }
        })
        .collect()
}

fn at_value(values: &Values, v: Option<Num>) -> Pick {
    let v = v.unwrap_or(Num::ZERO);
    match values {
        Values::Discrete(xs) => Pick::Index(xs.iter().position(|x| *x == v).unwrap_or(0)),
        Values::Interval { .. } => Pick::Value(v),
    }
}

/// The index values (per unit), their compared values and ranks for one choice of weights.
#[derive(Debug)]
struct Ranked {
    compared: Vec<Option<Num>>,
    rank: Vec<u32>,
}

/// What one run gives, per unit.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub index_level: Vec<u8>,
    /// `[unit * sections + section]`
    pub section_level: Vec<u8>,
    /// 1 = highest index; ties share the better rank; 0 = no index.
    pub rank: Vec<u32>,
}

/// Runs the model at points; keeps the index per choice of weights when they are discrete.
pub struct Engine<'m> {
    model: &'m Model,
    memo: HashMap<Vec<usize>, Arc<Ranked>>,
    discrete_weights: bool,
    thresholds: Vec<Vec<Num>>,
    weights: Vec<Num>,
}

/// The most index memos kept (each holds one value per unit).
const MEMOS: usize = 1 << 16;

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model) -> Self {
        let discrete_weights = model.inputs.iter().all(|i| match &i.kind {
            InputKind::Weight { values, .. } => values.count().is_some(),
            _ => true,
        });
        Engine {
            model,
            memo: HashMap::new(),
            discrete_weights,
            thresholds: model.thresholds.clone(),
            weights: model.weights.clone(),
        }
    }

    /// Runs the model with the inputs at `picks`, into `out`.
    pub fn run(&mut self, picks: &[Pick], out: &mut Run) {
        let m = self.model;
        let choice: Vec<usize> = picks
            .iter()
            .map(|p| match p {
                Pick::Index(i) => *i,
                Pick::Value(_) => 0,
            })
            .collect();
        let combo = m.combo_of(&choice);
        self.set_thresholds(picks);
        let ranked = self.ranked(picks, combo);
        let n_sec = m.sections.len();
        out.index_level.clear();
        out.section_level.clear();
        out.rank.clear();
        let idx = n_sec;
        for u in 0..m.units.len() {
            out.index_level.push(match ranked.compared[u] {
                Some(c) => level(m.kinds[idx], &self.thresholds[idx], false, c),
                None => NONE,
            });
            for s in 0..n_sec {
                out.section_level
                    .push(match m.compared[combo][u * n_sec + s] {
                        Some(c) => level(m.kinds[s], &self.thresholds[s], m.zero_apart[s], c),
                        None => NONE,
                    });
            }
        }
        out.rank.extend_from_slice(&ranked.rank);
    }

    fn set_thresholds(&mut self, picks: &[Pick]) {
        for (inp, p) in self.model.inputs.iter().zip(picks) {
            if let InputKind::Threshold {
                section,
                bound,
                values,
            } = &inp.kind
            {
                let t = section.unwrap_or(self.model.sections.len());
                self.thresholds[t][*bound] = value_of(values, *p);
            }
        }
    }

    /// The index of every unit for the weights of `picks` (kept when weights are discrete).
    fn ranked(&mut self, picks: &[Pick], combo: usize) -> Arc<Ranked> {
        let key: Option<Vec<usize>> = self.discrete_weights.then(|| {
            let mut k = vec![combo];
            for (inp, p) in self.model.inputs.iter().zip(picks) {
                if let (InputKind::Weight { .. } | InputKind::WeightSets { .. }, Pick::Index(i)) =
                    (&inp.kind, p)
                {
                    k.push(*i);
                }
            }
            k
        });
        if let Some(r) = key.as_ref().and_then(|k| self.memo.get(k)) {
            return Arc::clone(r);
        }
        self.set_weights(picks);
        let r = Arc::new(self.compute(combo));
        if let Some(k) = key {
            if self.memo.len() >= MEMOS {
                self.memo.clear();
            }
            self.memo.insert(k, Arc::clone(&r));
        }
        r
    }

    fn set_weights(&mut self, picks: &[Pick]) {
        self.weights.clone_from(&self.model.weights);
        for (inp, p) in self.model.inputs.iter().zip(picks) {
            match (&inp.kind, p) {
                (InputKind::WeightSets { sets, .. }, Pick::Index(i)) => {
                    if let Some(s) = sets.get(*i) {
                        self.weights.clone_from(s);
                    }
                }
                (InputKind::Weight { section, values }, p) => {
                    self.weights[*section] = value_of(values, *p);
                }
                _ => {}
            }
        }
    }

    /// Index values (renormalised over the sections a unit has, as the evaluator does), the
    /// values levels compare, and competition ranks.
    fn compute(&self, combo: usize) -> Ranked {
        let m = self.model;
        let n_sec = m.sections.len();
        let scores = &m.scores[combo];
        let values: Vec<Option<Num>> = (0..m.units.len())
            .map(|u| {
                let row = &scores[u * n_sec..(u + 1) * n_sec];
                index_value(row, &self.weights, m.min_sections)
            })
            .collect();
        let mut order: Vec<(Num, usize)> = values
            .iter()
            .enumerate()
            .filter_map(|(u, v)| v.map(|v| (v, u)))
            .collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut rank = vec![0u32; m.units.len()];
        for (pos, &(v, u)) in order.iter().enumerate() {
            rank[u] = if pos > 0 && order[pos - 1].0 == v {
                rank[order[pos - 1].1]
            } else {
                pos as u32 + 1
            };
        }
        Ranked {
            compared: values
                .iter()
                .map(|v| v.map(|v| m.compared_index(v)))
                .collect(),
            rank,
        }
    }
}

/// The value a pick stands for.
fn value_of(values: &Values, p: Pick) -> Num {
    match (values, p) {
        (_, Pick::Value(v)) => v,
        (Values::Discrete(xs), Pick::Index(i)) => xs.get(i).copied().unwrap_or(Num::ZERO),
        (Values::Interval { lo, .. }, Pick::Index(_)) => *lo,
    }
}

/// Σ w·score / Σ w over the sections with a score and a weight above 0; `None` below
/// `min_sections` (at least one).
pub fn index_value(scores: &[Option<Num>], weights: &[Num], min_sections: usize) -> Option<Num> {
    let mut num = Num::ZERO;
    let mut den = Num::ZERO;
    let mut have = 0;
    for (s, w) in scores.iter().zip(weights) {
        if let Some(s) = s {
            if !w.is_zero() {
                num = num.add(w.mul(*s).ok()?).ok()?;
                den = den.add(*w).ok()?;
                have += 1;
            }
        }
    }
    if have < min_sections.max(1) {
        return None;
    }
    num.div(den).ok()?
}
