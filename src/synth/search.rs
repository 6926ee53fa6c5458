//! The calibration: answers are initialised by sampling the published shares, then a simulated
//! annealing local search changes one answer at a time, re-evaluating the unit with the real
//! [`Evaluator`], to bring every section score to its target (same level, same index level) while
//! keeping the answer shares close to the published ones.
//!
//! Answers are kept for every question, including follow-ups whose condition is false ("latent"
//! answers): the evaluator ignores an answer it did not ask for, so the scores are those of the
//! data with such answers blank, and the output writes only what was asked.
//!
//! The search cost is a heuristic in floating point; every deviation it reports and every level it
//! checks is computed exactly from the evaluator's [`Num`] scores.

use super::rng::{exp_neg, Rng};
use super::spec::{NumberSpec, ShareRow, ShareWhat, TargetUnit, Targets};
use crate::eval::{self, Evaluator, IndexOutcome, UnitOutcome};
use crate::hir::MissingState;
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::{QuestionKind, Schema};
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
            hard: 400.0,
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
    pub moves: u64,
}

struct UnitState {
    answers: Vec<Value>,
    params: Vec<f64>,
    movable: Vec<usize>,
    target_levels: Vec<Option<u8>>,
    target_scores: Vec<Option<f64>>,
    index_target: Option<(f64, u8)>,
    cost: f64,
    contrib: Vec<u8>,
    /// Per question slot: asked in the last accepted evaluation.
    asked: Vec<bool>,
}

pub struct Synth<'a> {
    plan: &'a Plan,
    schema: &'a Schema,
    vars: Vec<Vec<Var>>,
    /// Per unit and section: the question slots that may change.
    section_slots: Vec<Vec<Vec<usize>>>,
    numgen: Vec<Option<NumGen>>,
    num_order: Vec<usize>,
    priors: Vec<Prior>,
    shares: &'a [ShareRow],
    tolerance: Num,
    tol_f: f64,
    weights: Weights,
    /// Shares of a handful of units say little: their weight shrinks below 30 units.
    share_scale: f64,
}

fn to_f64(n: Num) -> f64 {
    n.numer() as f64 / n.denom() as f64
}

fn level_of(plan: &Plan, s: usize, score: Num) -> u8 {
    let sp = &plan.sections[s];
    let c = eval::compared(plan, score);
    if sp.zero_apart && c.is_zero() {
        0
    } else {
        sp.thresholds.level(c)
    }
}

/// The index of the target scores, aggregated as the plan does (weights renormalised over the
/// sections present; `None` below `min_sections`).
fn target_index(plan: &Plan, t: &TargetUnit) -> Option<Num> {
    let have: Vec<usize> = (0..plan.sections.len())
        .filter(|&s| t.sections[s].is_some() && !plan.weights[s].is_zero())
        .collect();
    if have.is_empty() || have.len() < plan.min_sections {
        return None;
    }
    let mut wsum = Num::ZERO;
    let mut acc = Num::ZERO;
    for &s in &have {
        wsum = wsum.add(plan.weights[s]).ok()?;
        acc = acc.add(plan.weights[s].mul(t.sections[s]?).ok()?).ok()?;
    }
    acc.div(wsum).ok()?
}

impl<'a> Synth<'a> {
    pub fn new(
        plan: &'a Plan,
        schema: &'a Schema,
        targets: &Targets,
        shares: &'a [ShareRow],
        numbers: &[NumberSpec],
        tolerance: Num,
    ) -> Self {
        let nq = schema.questions.len();
        let has_dk = |slot: usize| {
            shares
                .iter()
                .any(|r| r.slot == slot && r.what == ShareWhat::DontKnow)
        };
        let base_vars: Vec<Var> = schema
            .questions
            .iter()
            .enumerate()
            .map(|(slot, q)| {
                let dk = has_dk(slot);
                match &q.kind {
                    QuestionKind::Single(o) => Var::Single { n: o.len(), dk },
                    QuestionKind::Multi(o) => Var::Multi {
                        n: o.len(),
                        none: o.iter().position(|x| x.id == "none"),
                        dk,
                    },
                    QuestionKind::YesNo => Var::YesNo { dk },
                    QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => {
                        Var::Number { dk }
                    }
                    QuestionKind::Text => Var::Fixed,
                }
            })
            .collect();
        let vars: Vec<Vec<Var>> = targets
            .units
            .iter()
            .map(|t| {
                base_vars
                    .iter()
                    .enumerate()
                    .map(|(slot, v)| match schema.questions[slot].section {
                        Some(s) if t.sections[s].is_none() => Var::Fixed,
                        _ => v.clone(),
                    })
                    .collect()
            })
            .collect();
        let mut numgen: Vec<Option<NumGen>> = vec![None; nq];
        for (slot, q) in schema.questions.iter().enumerate() {
            let (min, max) = q.kind.bounds();
            let (min, max) = (min.map(to_f64), max.map(to_f64));
            let integer = matches!(q.kind, QuestionKind::Integer { .. });
            if !q.kind.is_numeric() {
                continue;
            }
            numgen[slot] = Some(match numbers.iter().find(|n| n.slot == slot) {
                Some(n) => NumGen {
                    low: n.low,
                    high: n.high,
                    per: n.per,
                    part_of: n.part_of,
                    min,
                    max,
                    integer,
                },
                None => {
                    let low = min.unwrap_or(0.0);
                    NumGen {
                        low,
                        high: max.unwrap_or(low + 100.0).min(low + 100.0),
                        per: None,
                        part_of: None,
                        min,
                        max,
                        integer,
                    }
                }
            });
        }
        // totals before their parts
        let mut num_order: Vec<usize> = Vec::new();
        let numeric: Vec<usize> = (0..nq).filter(|&s| numgen[s].is_some()).collect();
        while num_order.len() < numeric.len() {
            let before = num_order.len();
            for &s in &numeric {
                if num_order.contains(&s) {
                    continue;
                }
                let ready = match numgen[s].as_ref().and_then(|g| g.part_of) {
                    Some(p) => num_order.contains(&p) || numgen[p].is_none(),
                    None => true,
                };
                if ready {
                    num_order.push(s);
                }
            }
            if num_order.len() == before {
                // a cycle (rejected when reading --numbers); keep the rest in schema order
                let rest: Vec<usize> = numeric
                    .iter()
                    .copied()
                    .filter(|s| !num_order.contains(s))
                    .collect();
                num_order.extend(rest);
            }
        }
        let priors = (0..nq)
            .map(|slot| prior(&base_vars[slot], slot, shares))
            .collect();
        let section_slots = vars
            .iter()
            .map(|vs: &Vec<Var>| {
                (0..schema.sections.len())
                    .map(|sec| {
                        (0..nq)
                            .filter(|&q| {
                                schema.questions[q].section == Some(sec)
                                    && !matches!(vs[q], Var::Fixed)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Synth {
            plan,
            schema,
            vars,
            section_slots,
            numgen,
            num_order,
            priors,
            shares,
            tolerance,
            tol_f: to_f64(tolerance),
            weights: Weights::default(),
            share_scale: (targets.units.len() as f64 / 30.0).min(1.0),
        }
    }

    /// Recomputes numeric answers from their parameters (totals before parts).
    fn refresh_numbers(&self, answers: &mut [Value], params: &[f64], vars: &[Var]) {
        let nq = self.schema.questions.len();
        for &slot in &self.num_order {
            if matches!(vars[slot], Var::Fixed) {
                continue;
            }
            if answers[slot] == Value::Missing(MissingState::DontKnow) {
                continue;
            }
            let Some(g) = &self.numgen[slot] else {
                continue;
            };
            let p = params[slot];
            let raw = if let Some(m) = g.per {
                match answers[nq + m] {
                    Value::Num(n) => Some(to_f64(n) * p),
                    _ => Some(p),
                }
            } else if let Some(t) = g.part_of {
                match answers[t] {
                    Value::Num(n) => Some(to_f64(n) * p),
                    _ => None,
                }
            } else {
                Some(p)
            };
            answers[slot] = match raw {
                None => {
                    let dk = matches!(vars[slot], Var::Number { dk: true });
                    if dk {
                        Value::Missing(MissingState::DontKnow)
                    } else {
                        Value::UNANSWERED
                    }
                }
                Some(mut x) => {
                    if let Some(lo) = g.min {
                        x = x.max(lo);
                    }
                    if let Some(hi) = g.max {
                        x = x.min(hi);
                    }
                    let n = if g.integer {
                        Num::int(x.round() as i128)
                    } else {
                        Num::frac((x * 100.0).round() as i128, 100).unwrap_or(Num::ZERO)
                    };
                    Value::Num(n)
                }
            };
        }
    }

    fn sample(&self, rng: &mut Rng, slot: usize, var: &Var) -> (Value, f64) {
        let pr = &self.priors[slot];
        let param = match &self.numgen[slot] {
            Some(g) => rng.range(g.low, g.high),
            None => 0.0,
        };
        if pr.dk > 0.0 && rng.chance(pr.dk) {
            return (Value::Missing(MissingState::DontKnow), param);
        }
        let v = match var {
            Var::Fixed => Value::UNANSWERED,
            Var::Single { n, .. } => {
                let total: f64 = pr.p.iter().sum();
                let mut x = rng.f64() * total;
                let mut pick = n - 1;
                for (i, p) in pr.p.iter().enumerate() {
                    if x < *p {
                        pick = i;
                        break;
                    }
                    x -= p;
                }
                Value::Choice(pick as u16)
            }
            Var::Multi { n, none, .. } => {
                if let Some(z) = none {
                    if rng.chance(pr.none_alone) {
                        return (Value::Multi(1u128 << z), param);
                    }
                }
                let mut bits = 0u128;
                for i in 0..*n {
                    if Some(i) != *none && rng.chance(pr.p[i]) {
                        bits |= 1u128 << i;
                    }
                }
                if bits == 0 {
                    bits = match none {
                        Some(z) => 1u128 << z,
                        None => {
                            let best = (0..*n)
                                .max_by(|&a, &b| pr.p[a].total_cmp(&pr.p[b]).then(b.cmp(&a)))
                                .unwrap_or(0);
                            1u128 << best
                        }
                    };
                }
                Value::Multi(bits)
            }
            Var::YesNo { .. } => Value::Bool(rng.chance(pr.yes)),
            Var::Number { .. } => Value::Num(Num::ZERO), // set by refresh_numbers
        };
        (v, param)
    }

    /// A changed answer for `slot`, or `None` when the proposal is not valid.
    fn propose(
        &self,
        rng: &mut Rng,
        slot: usize,
        var: &Var,
        cur: Value,
        param: f64,
    ) -> Option<(Value, f64)> {
        const DK: Value = Value::Missing(MissingState::DontKnow);
        match *var {
            Var::Fixed => None,
            Var::Single { n, dk } => {
                // half of the proposals follow the published shares, half are uniform
                let pr = &self.priors[slot];
                let k = if rng.chance(0.5) && pr.p.len() == n {
                    let total: f64 = pr.p.iter().sum::<f64>() + pr.dk;
                    let mut x = rng.f64() * total;
                    let mut pick = if dk { n } else { n - 1 };
                    for (i, p) in pr.p.iter().enumerate() {
                        if x < *p {
                            pick = i;
                            break;
                        }
                        x -= p;
                    }
                    pick
                } else {
                    rng.below(n + usize::from(dk))
                };
                let v = if k == n { DK } else { Value::Choice(k as u16) };
                (v != cur).then_some((v, param))
            }
            Var::YesNo { dk } => {
                let pr = &self.priors[slot];
                if rng.chance(0.5) && !(dk && rng.chance(pr.dk)) {
                    let v = Value::Bool(rng.chance(pr.yes));
                    return (v != cur).then_some((v, param));
                }
                let k = rng.below(2 + usize::from(dk));
                let v = match k {
                    0 => Value::Bool(true),
                    1 => Value::Bool(false),
                    _ => DK,
                };
                (v != cur).then_some((v, param))
            }
            Var::Multi { n, none, dk } => {
                let pr = &self.priors[slot];
                let k = if rng.chance(0.5) && pr.p.len() == n {
                    // toggle towards the shares: an unselected option by its share, a selected one
                    // by the share of units without it
                    let bits = match cur {
                        Value::Multi(b) => b,
                        _ => 0,
                    };
                    let w = |i: usize| {
                        if Some(i) == none {
                            0.0
                        } else if bits & (1u128 << i) != 0 {
                            1.0 - pr.p[i]
                        } else {
                            pr.p[i]
                        }
                    };
                    let total: f64 = (0..n).map(w).sum();
                    if total <= 0.0 {
                        rng.below(n + usize::from(dk))
                    } else {
                        let mut x = rng.f64() * total;
                        let mut pick = n - 1;
                        for i in 0..n {
                            if x < w(i) {
                                pick = i;
                                break;
                            }
                            x -= w(i);
                        }
                        pick
                    }
                } else {
                    rng.below(n + usize::from(dk))
                };
                if k == n {
                    return (cur != DK).then_some((DK, param));
                }
                let cur_bits = match cur {
                    Value::Multi(b) => b,
                    _ => 0,
                };
                let bits = if Some(k) == none {
                    1u128 << k
                } else {
                    let mut b = cur_bits;
                    if let Some(z) = none {
                        b &= !(1u128 << z);
                    }
                    b ^= 1u128 << k;
                    if b == 0 {
                        1u128 << none?
                    } else {
                        b
                    }
                };
                let v = Value::Multi(bits);
                (v != cur).then_some((v, param))
            }
            Var::Number { dk } => {
                if dk && rng.chance(0.15) {
                    return Some(if cur == DK {
                        (Value::Num(Num::ZERO), param)
                    } else {
                        (DK, param)
                    });
                }
                // the value itself is recomputed from the parameter by `refresh_numbers`
                let v = if cur == DK {
                    Value::Num(Num::ZERO)
                } else {
                    cur
                };
                Some((v, self.propose_number(rng, slot, param)))
            }
        }
    }

    fn propose_number(&self, rng: &mut Rng, slot: usize, param: f64) -> f64 {
        let Some(g) = &self.numgen[slot] else {
            return param;
        };
        if rng.chance(0.5) {
            rng.range(g.low, g.high)
        } else {
            let step = (g.high - g.low) * 0.1 * (rng.f64() * 2.0 - 1.0);
            (param + step).clamp(g.low, g.high)
        }
    }

    fn unit_cost(&self, st: &UnitState, o: &UnitOutcome) -> f64 {
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
                    let d = (to_f64(so.score) - t).abs();
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
                let d = to_f64(*value) - t;
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

    fn contributions(&self, effective: &[Value], out: &mut Vec<u8>) {
        out.clear();
        for r in self.shares {
            let v = effective[r.slot];
            let asked = v != Value::Missing(MissingState::NotAsked);
            let c = u8::from(asked) << 1 | u8::from(asked && r.counts(v));
            out.push(c);
        }
    }

    fn share_cost(&self, r: usize, count: i64, base: i64) -> f64 {
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

    /// Runs the search. `iterations` moves per round; up to `rounds` rounds until every unit fits.
    pub fn run(
        &self,
        targets: &Targets,
        seed: u64,
        iterations: u64,
        rounds: u32,
    ) -> Result<Outcome, eval::EvalError> {
        let plan = self.plan;
        let nq = self.schema.questions.len();
        let mut rng = Rng::new(seed);
        let mut ev = Evaluator::new(plan);
        let mut states: Vec<UnitState> = Vec::with_capacity(targets.units.len());
        for (u, t) in targets.units.iter().enumerate() {
            let vars = &self.vars[u];
            let mut answers = vec![Value::UNANSWERED; plan.n_slots];
            for (m, v) in t.meta.iter().enumerate() {
                answers[nq + m] = *v;
            }
            let mut params = vec![0.0; nq];
            for slot in 0..nq {
                if matches!(vars[slot], Var::Fixed) {
                    continue;
                }
                let (v, p) = self.sample(&mut rng, slot, &vars[slot]);
                answers[slot] = v;
                params[slot] = p;
            }
            self.refresh_numbers(&mut answers, &params, vars);
            let movable = (0..nq)
                .filter(|&s| !matches!(vars[s], Var::Fixed))
                .collect();
            let target_scores = t.sections.iter().map(|s| s.map(to_f64)).collect();
            let target_levels = t
                .sections
                .iter()
                .enumerate()
                .map(|(s, v)| v.map(|v| level_of(plan, s, v)))
                .collect();
            let index_target = if targets.has_index { t.index } else { None }
                .or_else(|| target_index(plan, t))
                .map(|i| {
                    (
                        to_f64(i),
                        plan.index_thresholds.level(eval::compared(plan, i)),
                    )
                });
            let mut st = UnitState {
                answers,
                params,
                movable,
                target_levels,
                target_scores,
                index_target,
                cost: 0.0,
                contrib: Vec::new(),
                asked: Vec::new(),
            };
            let o = ev.eval(&st.answers)?;
            st.cost = self.unit_cost(&st, &o);
            st.asked = asked_flags(ev.effective_answers(), nq);
            let mut c = Vec::new();
            self.contributions(ev.effective_answers(), &mut c);
            st.contrib = c;
            states.push(st);
        }
        let nr = self.shares.len();
        let mut count = vec![0i64; nr];
        let mut base = vec![0i64; nr];
        for st in &states {
            for r in 0..nr {
                base[r] += i64::from(st.contrib[r] >> 1);
                count[r] += i64::from(st.contrib[r] & 1);
            }
        }
        let mut scratch: Vec<Value> = Vec::with_capacity(plan.n_slots);
        let mut scratch_params: Vec<f64> = Vec::with_capacity(nq);
        let mut inner: Vec<Value> = Vec::with_capacity(plan.n_slots);
        let mut new_contrib: Vec<u8> = Vec::with_capacity(nr);
        let mut moves = 0u64;
        let n_units = states.len();
        for round in 0..rounds {
            let t0 = if round == 0 { 6.0 } else { 1.5 };
            let t1 = 0.01;
            for it in 0..iterations {
                let frac = it as f64 / iterations as f64;
                let cool = 1.0 - frac;
                let temp = t1 + (t0 - t1) * cool * cool * cool;
                // a quarter of the moves target the question of a share that is off (chosen by
                // its cost) in a unit that answers it; the others pick a unit (half of the time
                // the worse of two: units off target get more moves) and one of its questions
                let targeted = nr > 0 && rng.chance(0.25);
                let mut pick = None;
                if targeted {
                    let costs: f64 = (0..nr).map(|r| self.share_cost(r, count[r], base[r])).sum();
                    if costs > 0.0 {
                        let mut x = rng.f64() * costs;
                        let mut row = nr - 1;
                        for r in 0..nr {
                            let c = self.share_cost(r, count[r], base[r]);
                            if x < c {
                                row = r;
                                break;
                            }
                            x -= c;
                        }
                        let q = self.shares[row].slot;
                        let u = rng.below(n_units);
                        if states[u].asked[q] && !matches!(self.vars[u][q], Var::Fixed) {
                            pick = Some((u, q));
                        }
                    }
                }
                let (u, slot) = match pick {
                    Some(p) => p,
                    None => {
                        let mut u = rng.below(n_units);
                        if rng.chance(0.5) {
                            let v = rng.below(n_units);
                            if states[v].cost > states[u].cost {
                                u = v;
                            }
                        }
                        if states[u].movable.is_empty() {
                            continue;
                        }
                        let m = &states[u].movable;
                        (u, m[rng.below(m.len())])
                    }
                };
                let st = &mut states[u];
                let var = &self.vars[u][slot];
                let Some((new_v, new_p)) =
                    self.propose(&mut rng, slot, var, st.answers[slot], st.params[slot])
                else {
                    continue;
                };
                // a paired move changes a second answer of the same section, so that one score
                // can stay while the answers behind it change (crossing the tolerance barrier)
                let second = if rng.chance(0.4) {
                    let same = match self.schema.questions[slot].section {
                        Some(sec) => &self.section_slots[u][sec],
                        None => &st.movable,
                    };
                    let s2 = same[rng.below(same.len())];
                    if s2 == slot {
                        None
                    } else {
                        let var2 = &self.vars[u][s2];
                        self.propose(&mut rng, s2, var2, st.answers[s2], st.params[s2])
                            .map(|(v, p)| (s2, v, p))
                    }
                } else {
                    None
                };
                moves += 1;
                if second.is_none() && !st.asked[slot] && !matches!(var, Var::Number { .. }) {
                    // a follow-up that is not asked: its (latent) answer changes nothing now
                    st.answers[slot] = new_v;
                    st.params[slot] = new_p;
                    continue;
                }
                scratch.clear();
                scratch.extend_from_slice(&st.answers);
                scratch_params.clear();
                scratch_params.extend_from_slice(&st.params);
                st.answers[slot] = new_v;
                st.params[slot] = new_p;
                if let Some((s2, v2, p2)) = second {
                    st.answers[s2] = v2;
                    st.params[s2] = p2;
                }
                let (mut new_cost, mut delta) =
                    self.trial(&mut ev, st, u, &count, &base, &mut new_contrib)?;
                // follow-ups this move opened start from their latent answers, usually far from
                // fitting: give each a few tries first, then judge the whole move
                let newly: Vec<usize> = {
                    let eff = ev.effective_answers();
                    st.movable
                        .iter()
                        .copied()
                        .filter(|&q| {
                            !st.asked[q] && eff[q] != Value::Missing(MissingState::NotAsked)
                        })
                        .take(4)
                        .collect()
                };
                let section = self.schema.questions[slot].section;
                let complete =
                    !newly.is_empty() || (delta > 0.0 && (pick.is_some() || rng.chance(0.1)));
                if complete {
                    // tries: each newly opened follow-up, then any answer of the same section
                    let mut tries: Vec<usize> = Vec::with_capacity(newly.len() * 6 + 12);
                    for &q in &newly {
                        tries.extend(std::iter::repeat_n(q, 6));
                    }
                    let same = match section {
                        Some(sec) => &self.section_slots[u][sec],
                        None => &st.movable,
                    };
                    for _ in 0..12 {
                        tries.push(same[rng.below(same.len())]);
                    }
                    for q in tries {
                        let var_q = &self.vars[u][q];
                        let Some((vq, pq)) =
                            self.propose(&mut rng, q, var_q, st.answers[q], st.params[q])
                        else {
                            continue;
                        };
                        inner.clear();
                        inner.extend_from_slice(&st.answers);
                        let old_pq = st.params[q];
                        st.answers[q] = vq;
                        st.params[q] = pq;
                        let (_, d) = self.trial(&mut ev, st, u, &count, &base, &mut new_contrib)?;
                        if d < delta {
                            delta = d;
                        } else {
                            st.answers.clear();
                            st.answers.extend_from_slice(&inner);
                            st.params[q] = old_pq;
                        }
                    }
                    // leave the evaluator and contributions on the state kept
                    let (c, d) = self.trial(&mut ev, st, u, &count, &base, &mut new_contrib)?;
                    new_cost = c;
                    delta = d;
                }
                let accept = delta <= 0.0 || rng.f64() < exp_neg(delta / temp);
                if accept {
                    st.cost = new_cost;
                    for r in 0..nr {
                        let (a, b) = (st.contrib[r], new_contrib[r]);
                        if a != b {
                            count[r] += i64::from(b & 1) - i64::from(a & 1);
                            base[r] += i64::from(b >> 1) - i64::from(a >> 1);
                        }
                    }
                    std::mem::swap(&mut st.contrib, &mut new_contrib);
                    let eff = ev.effective_answers();
                    for (a, v) in st.asked.iter_mut().zip(eff) {
                        *a = *v != Value::Missing(MissingState::NotAsked);
                    }
                } else {
                    st.answers.clear();
                    st.answers.extend_from_slice(&scratch);
                    st.params.clear();
                    st.params.extend_from_slice(&scratch_params);
                }
            }
            let all_ok = targets.units.iter().zip(&states).all(|(t, st)| {
                ev.eval(&st.answers)
                    .map(|o| self.fit(t, st, &o).ok())
                    .unwrap_or(false)
            });
            if all_ok {
                break;
            }
        }
        let mut answers = Vec::with_capacity(n_units);
        let mut units = Vec::with_capacity(n_units);
        for (t, st) in targets.units.iter().zip(&states) {
            let o = ev.eval(&st.answers)?;
            units.push(self.fit(t, st, &o));
            let mut eff = ev.effective_answers().to_vec();
            for (m, v) in t.meta.iter().enumerate() {
                eff[nq + m] = *v;
            }
            answers.push(eff);
        }
        let shares = self
            .shares
            .iter()
            .enumerate()
            .map(|(r, s)| ShareFit {
                label: s.label.clone(),
                target: s.share,
                count: count[r] as usize,
                base: base[r] as usize,
            })
            .collect();
        Ok(Outcome {
            answers,
            units,
            shares,
            moves,
        })
    }

    /// Evaluates a unit's changed answers: its new cost, and the change of the total cost
    /// (unit and shares) against its last accepted state. Leaves the contributions in `out`.
    fn trial(
        &self,
        ev: &mut Evaluator<'_>,
        st: &mut UnitState,
        u: usize,
        count: &[i64],
        base: &[i64],
        out: &mut Vec<u8>,
    ) -> Result<(f64, f64), eval::EvalError> {
        if !self.num_order.is_empty() {
            self.refresh_numbers(&mut st.answers, &st.params, &self.vars[u]);
        }
        let o = ev.eval(&st.answers)?;
        let new_cost = self.unit_cost(st, &o);
        self.contributions(ev.effective_answers(), out);
        let mut delta = new_cost - st.cost;
        for r in 0..self.shares.len() {
            let (a, b) = (st.contrib[r], out[r]);
            if a == b {
                continue;
            }
            let dc = i64::from(b & 1) - i64::from(a & 1);
            let db = i64::from(b >> 1) - i64::from(a >> 1);
            delta += self.share_cost(r, count[r] + dc, base[r] + db)
                - self.share_cost(r, count[r], base[r]);
        }
        Ok((new_cost, delta))
    }

    /// The exact fit of one unit.
    fn fit(&self, t: &TargetUnit, st: &UnitState, o: &UnitOutcome) -> UnitFit {
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

fn asked_flags(effective: &[Value], nq: usize) -> Vec<bool> {
    effective[..nq]
        .iter()
        .map(|v| *v != Value::Missing(MissingState::NotAsked))
        .collect()
}

/// Initial sampling probabilities from the share rows of one question.
fn prior(var: &Var, slot: usize, shares: &[ShareRow]) -> Prior {
    let rows: Vec<&ShareRow> = shares.iter().filter(|r| r.slot == slot).collect();
    let dk = rows
        .iter()
        .find(|r| r.what == ShareWhat::DontKnow)
        .map_or(0.0, |r| r.share);
    let mut pr = Prior {
        dk,
        ..Prior::default()
    };
    match var {
        Var::YesNo { .. } => {
            pr.yes = rows
                .iter()
                .find_map(|r| match r.what {
                    ShareWhat::Yes => Some(r.share),
                    ShareWhat::No => Some(1.0 - r.share - dk),
                    _ => None,
                })
                .unwrap_or(0.5)
                .clamp(0.0, 1.0);
            if dk < 1.0 {
                pr.yes = (pr.yes / (1.0 - dk)).clamp(0.0, 1.0);
            }
        }
        Var::Single { n, .. } | Var::Multi { n, .. } => {
            let n = *n;
            let multi = matches!(var, Var::Multi { .. });
            let mut p: Vec<Option<f64>> = vec![None; n];
            for r in &rows {
                if let ShareWhat::Options(m) = r.what {
                    if m.count_ones() == 1 {
                        p[m.trailing_zeros() as usize] = Some(r.share);
                    }
                }
            }
            for r in &rows {
                if let ShareWhat::Options(m) = r.what {
                    if m.count_ones() > 1 {
                        let members: Vec<usize> =
                            (0..n).filter(|i| m & (1u128 << i) != 0).collect();
                        let known: f64 = members.iter().filter_map(|&i| p[i]).sum();
                        let unknown: Vec<usize> =
                            members.into_iter().filter(|&i| p[i].is_none()).collect();
                        if !unknown.is_empty() {
                            let each = ((r.share - known).max(0.0)) / unknown.len() as f64;
                            for i in unknown {
                                p[i] = Some(each);
                            }
                        }
                    }
                }
            }
            if let Var::Multi { none, .. } = var {
                if let Some(z) = none {
                    pr.none_alone = p[*z].take().unwrap_or(0.0);
                }
                pr.p = p
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        if Some(i) == *none {
                            0.0
                        } else {
                            x.unwrap_or(0.25)
                        }
                    })
                    .collect();
            }
            if !multi {
                let known: f64 = p.iter().flatten().sum();
                let unknown = p.iter().filter(|x| x.is_none()).count();
                let rest = (1.0 - known - dk).max(0.0);
                pr.p = p
                    .iter()
                    .map(|x| x.unwrap_or(rest / unknown.max(1) as f64))
                    .collect();
                if pr.p.iter().sum::<f64>() <= 0.0 {
                    pr.p = vec![1.0; n];
                }
            }
        }
        _ => {}
    }
    pr
}
