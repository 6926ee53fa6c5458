//! The search loop: every unit starts from answers sampled from the priors, then rounds of
//! simulated annealing moves each change one or two answers of a unit and keep the change by the
//! Metropolis rule on the total cost (the unit's and the shares'), at a cooling temperature.
//!
//! Every random draw happens in a fixed order, so a seed gives the same file.

use super::{Outcome, ShareFit, Synth, UnitState, Var};
use crate::eval::{self, Evaluator};
use crate::hir::MissingState;
use crate::num::Num;
use crate::plan::Plan;
use crate::synth::rng::{exp_neg, Rng};
use crate::synth::spec::{TargetUnit, Targets};
use crate::value::Value;

/// The search besides the units' own states: generator, evaluator, share tallies and buffers.
pub(super) struct Search<'p> {
    pub(super) rng: Rng,
    ev: Evaluator<'p>,
    /// Per tally (share row, side of a direction): the units counting for it, and the units
    /// asked (its base).
    pub(super) count: Vec<i64>,
    pub(super) base: Vec<i64>,
    /// The contributions of the answers under trial (see [`Synth::trial`]).
    new_contrib: Vec<u8>,
    /// Per figure: the totals over the units; the parts of the answers under trial.
    pub(super) fig_tot: Vec<super::figures::Part>,
    new_fig: Vec<super::figures::Part>,
    /// The answers and parameters before the current move, and the answers before a try.
    scratch: Vec<Value>,
    scratch_params: Vec<f64>,
    inner: Vec<Value>,
    moves: u64,
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

fn asked_flags(effective: &[Value], nq: usize) -> Vec<bool> {
    effective[..nq]
        .iter()
        .map(|v| *v != Value::Missing(MissingState::NotAsked))
        .collect()
}

impl Synth<'_> {
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
            states.push(self.initial_state(&mut rng, &mut ev, targets, u, t)?);
        }
        let nr = self.tallies.len();
        let mut count = vec![0i64; nr];
        let mut base = vec![0i64; nr];
        for st in &states {
            for r in 0..nr {
                base[r] += i64::from(st.contrib[r] >> 1);
                count[r] += i64::from(st.contrib[r] & 1);
            }
        }
        let mut fig_tot = vec![(0.0, 0.0); self.figures.len()];
        for st in &states {
            for (t, p) in fig_tot.iter_mut().zip(&st.fig) {
                t.0 += p.0;
                t.1 += p.1;
            }
        }
        let mut s = Search {
            rng,
            ev,
            count,
            base,
            new_contrib: Vec::with_capacity(nr),
            fig_tot,
            new_fig: Vec::with_capacity(self.figures.len()),
            scratch: Vec::with_capacity(plan.n_slots),
            scratch_params: Vec::with_capacity(nq),
            inner: Vec::with_capacity(plan.n_slots),
            moves: 0,
        };
        for round in 0..rounds {
            let t0 = if round == 0 { 6.0 } else { 1.5 };
            let t1 = 0.01;
            for it in 0..iterations {
                let frac = it as f64 / iterations as f64;
                let cool = 1.0 - frac;
                let temp = t1 + (t0 - t1) * cool * cool * cool;
                self.step(&mut s, &mut states, temp)?;
            }
            let all_ok = targets.units.iter().zip(&states).all(|(t, st)| {
                s.ev.eval(&st.answers)
                    .map(|o| self.fit(t, st, &o).ok())
                    .unwrap_or(false)
            });
            if all_ok {
                break;
            }
        }
        self.outcome(targets, &states, s)
    }

    /// A unit's first answers (metadata from the targets, questions sampled from the priors),
    /// evaluated, with its targets.
    fn initial_state(
        &self,
        rng: &mut Rng,
        ev: &mut Evaluator<'_>,
        targets: &Targets,
        u: usize,
        t: &TargetUnit,
    ) -> Result<UnitState, eval::EvalError> {
        let plan = self.plan;
        let nq = self.schema.questions.len();
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
            let (v, p) = self.sample(rng, u, slot, &vars[slot]);
            answers[slot] = v;
            params[slot] = p;
        }
        self.refresh_numbers(&mut answers, &params, vars);
        let movable = (0..nq)
            .filter(|&s| !matches!(vars[s], Var::Fixed))
            .collect();
        let target_scores = t.sections.iter().map(|s| s.map(Num::to_f64)).collect();
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
                    i.to_f64(),
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
            fig: Vec::new(),
            asked: Vec::new(),
        };
        let o = ev.eval(&st.answers)?;
        st.cost = self.unit_cost(&st, &o);
        st.asked = asked_flags(ev.effective_answers(), nq);
        let mut c = Vec::new();
        self.contributions(u, ev.effective_answers(), &mut c);
        st.contrib = c;
        let mut f = Vec::new();
        self.figure_parts(u, ev.effective_answers(), &mut f);
        st.fig = f;
        Ok(st)
    }

    /// One move: pick a unit and a question, propose a change (sometimes paired with a second
    /// answer of the same section), judge it and keep or undo it.
    fn step(
        &self,
        s: &mut Search<'_>,
        states: &mut [UnitState],
        temp: f64,
    ) -> Result<(), eval::EvalError> {
        let pick = self
            .pick_share(s, states)
            .or_else(|| self.pick_figure(s, states));
        let (u, slot) = match pick {
            Some(p) => p,
            None => match self.pick_unit(&mut s.rng, states) {
                Some(p) => p,
                None => return Ok(()),
            },
        };
        let st = &mut states[u];
        let var = &self.vars[u][slot];
        let Some((new_v, new_p)) =
            self.propose(&mut s.rng, u, slot, var, st.answers[slot], st.params[slot])
        else {
            return Ok(());
        };
        let second = self.paired(&mut s.rng, u, slot, st);
        s.moves += 1;
        if second.is_none() && !st.asked[slot] && !matches!(var, Var::Number { .. }) {
            // a follow-up that is not asked: its (latent) answer changes nothing now
            st.answers[slot] = new_v;
            st.params[slot] = new_p;
            return Ok(());
        }
        s.scratch.clear();
        s.scratch.extend_from_slice(&st.answers);
        s.scratch_params.clear();
        s.scratch_params.extend_from_slice(&st.params);
        st.answers[slot] = new_v;
        st.params[slot] = new_p;
        if let Some((s2, v2, p2)) = second {
            st.answers[s2] = v2;
            st.params[s2] = p2;
        }
        let (new_cost, delta) = self.judge(s, st, u, slot, pick.is_some())?;
        let accept = delta <= 0.0 || s.rng.f64() < exp_neg(delta / temp);
        if accept {
            self.accept(s, st, new_cost);
        } else {
            st.answers.clear();
            st.answers.extend_from_slice(&s.scratch);
            st.params.clear();
            st.params.extend_from_slice(&s.scratch_params);
        }
        Ok(())
    }

    /// A quarter of the moves target the question of a share that is off (chosen by its cost)
    /// in a unit that answers it; `None` for the other moves, and when the unit drawn does not
    /// answer it.
    fn pick_share(&self, s: &mut Search<'_>, states: &[UnitState]) -> Option<(usize, usize)> {
        let nr = self.shares.len();
        let targeted = nr + self.directions.len() > 0 && s.rng.chance(0.25);
        if targeted {
            let dir_costs = self.directions_cost(s);
            let cost = |r: usize| {
                if r < nr {
                    self.share_cost(r, s.count[r], s.base[r])
                } else {
                    dir_costs[r - nr]
                }
            };
            let n = nr + dir_costs.len();
            let costs: f64 = (0..n).map(cost).sum();
            if costs > 0.0 {
                let x = s.rng.f64() * costs;
                let pick = super::moves::roulette(x, (0..n).map(cost), n - 1);
                // a direction: a unit of either side
                let tally = if pick < nr {
                    pick
                } else {
                    match self.dir_sides[pick - nr] {
                        (_, Some(b)) if s.rng.chance(0.5) => b,
                        (a, _) => a,
                    }
                };
                let q = self.tallies[tally].0;
                let units = &self.row_units[tally];
                if units.is_empty() {
                    return None;
                }
                let u = units[s.rng.below(units.len())];
                if states[u].asked[q] && !matches!(self.vars[u][q], Var::Fixed) {
                    return Some((u, q));
                }
            }
        }
        None
    }

    /// The other moves pick a unit (half of the time the worse of two: units off target get
    /// more moves) and one of its questions; `None` when the unit has nothing to change.
    fn pick_unit(&self, rng: &mut Rng, states: &[UnitState]) -> Option<(usize, usize)> {
        let n_units = states.len();
        let mut u = rng.below(n_units);
        if rng.chance(0.5) {
            let v = rng.below(n_units);
            if states[v].cost > states[u].cost {
                u = v;
            }
        }
        if states[u].movable.is_empty() {
            return None;
        }
        let m = &states[u].movable;
        Some((u, m[rng.below(m.len())]))
    }

    /// A paired move changes a second answer of the same section, so that one score can stay
    /// while the answers behind it change (crossing the tolerance barrier).
    fn paired(
        &self,
        rng: &mut Rng,
        u: usize,
        slot: usize,
        st: &UnitState,
    ) -> Option<(usize, Value, f64)> {
        if !rng.chance(0.4) {
            return None;
        }
        let same = match self.schema.questions[slot].section {
            Some(sec) => &self.section_slots[u][sec],
            None => &st.movable,
        };
        let s2 = same[rng.below(same.len())];
        if s2 == slot {
            None
        } else {
            let var2 = &self.vars[u][s2];
            self.propose(rng, u, s2, var2, st.answers[s2], st.params[s2])
                .map(|(v, p)| (s2, v, p))
        }
    }

    /// The changed unit's new cost and the change of the total cost. Follow-ups the move opened
    /// start from their latent answers, usually far from fitting, and a worse move may need a
    /// second answer to pay: such moves get a few tries of further changes first (each kept
    /// when it lowers the cost), then the whole move is judged.
    fn judge(
        &self,
        s: &mut Search<'_>,
        st: &mut UnitState,
        u: usize,
        slot: usize,
        targeted: bool,
    ) -> Result<(f64, f64), eval::EvalError> {
        let (mut new_cost, mut delta) = self.trial(s, st, u)?;
        let newly: Vec<usize> = {
            let eff = s.ev.effective_answers();
            st.movable
                .iter()
                .copied()
                .filter(|&q| !st.asked[q] && eff[q] != Value::Missing(MissingState::NotAsked))
                .take(4)
                .collect()
        };
        let section = self.schema.questions[slot].section;
        let complete = !newly.is_empty() || (delta > 0.0 && (targeted || s.rng.chance(0.1)));
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
                tries.push(same[s.rng.below(same.len())]);
            }
            for q in tries {
                let var_q = &self.vars[u][q];
                let Some((vq, pq)) =
                    self.propose(&mut s.rng, u, q, var_q, st.answers[q], st.params[q])
                else {
                    continue;
                };
                s.inner.clear();
                s.inner.extend_from_slice(&st.answers);
                let old_pq = st.params[q];
                st.answers[q] = vq;
                st.params[q] = pq;
                let (_, d) = self.trial(s, st, u)?;
                if d < delta {
                    delta = d;
                } else {
                    st.answers.clear();
                    st.answers.extend_from_slice(&s.inner);
                    st.params[q] = old_pq;
                }
            }
            // leave the evaluator and contributions on the state kept
            let (c, d) = self.trial(s, st, u)?;
            new_cost = c;
            delta = d;
        }
        Ok((new_cost, delta))
    }

    /// Evaluates a unit's changed answers: its new cost, and the change of the total cost
    /// (unit and shares) against its last accepted state. Leaves the contributions in
    /// `s.new_contrib`.
    fn trial(
        &self,
        s: &mut Search<'_>,
        st: &mut UnitState,
        u: usize,
    ) -> Result<(f64, f64), eval::EvalError> {
        if !self.num_order.is_empty() {
            self.refresh_numbers(&mut st.answers, &st.params, &self.vars[u]);
        }
        let o = s.ev.eval(&st.answers)?;
        let new_cost = self.unit_cost(st, &o);
        self.contributions(u, s.ev.effective_answers(), &mut s.new_contrib);
        self.figure_parts(u, s.ev.effective_answers(), &mut s.new_fig);
        let mut delta = new_cost - st.cost + self.figures_delta(&s.fig_tot, &st.fig, &s.new_fig);
        if !self.directions.is_empty() {
            delta += self.directions_delta(s, &st.contrib, &s.new_contrib);
        }
        for r in 0..self.shares.len() {
            let (a, b) = (st.contrib[r], s.new_contrib[r]);
            if a == b {
                continue;
            }
            let dc = i64::from(b & 1) - i64::from(a & 1);
            let db = i64::from(b >> 1) - i64::from(a >> 1);
            delta += self.share_cost(r, s.count[r] + dc, s.base[r] + db)
                - self.share_cost(r, s.count[r], s.base[r]);
        }
        Ok((new_cost, delta))
    }

    /// Keeps the answers under trial: the unit's cost, the share tallies, its contributions
    /// and which questions it is asked.
    fn accept(&self, s: &mut Search<'_>, st: &mut UnitState, new_cost: f64) {
        st.cost = new_cost;
        for r in 0..self.tallies.len() {
            let (a, b) = (st.contrib[r], s.new_contrib[r]);
            if a != b {
                s.count[r] += i64::from(b & 1) - i64::from(a & 1);
                s.base[r] += i64::from(b >> 1) - i64::from(a >> 1);
            }
        }
        std::mem::swap(&mut st.contrib, &mut s.new_contrib);
        for ((t, old), new) in s.fig_tot.iter_mut().zip(&st.fig).zip(&s.new_fig) {
            t.0 += new.0 - old.0;
            t.1 += new.1 - old.1;
        }
        std::mem::swap(&mut st.fig, &mut s.new_fig);
        let eff = s.ev.effective_answers();
        for (a, v) in st.asked.iter_mut().zip(eff) {
            *a = *v != Value::Missing(MissingState::NotAsked);
        }
    }

    /// The result: every unit's effective answers and exact fit, and the shares achieved.
    fn outcome(
        &self,
        targets: &Targets,
        states: &[UnitState],
        mut s: Search<'_>,
    ) -> Result<Outcome, eval::EvalError> {
        let nq = self.schema.questions.len();
        let n_units = states.len();
        let mut answers = Vec::with_capacity(n_units);
        let mut units = Vec::with_capacity(n_units);
        for (t, st) in targets.units.iter().zip(states) {
            let o = s.ev.eval(&st.answers)?;
            units.push(self.fit(t, st, &o));
            let mut eff = s.ev.effective_answers().to_vec();
            for (m, v) in t.meta.iter().enumerate() {
                eff[nq + m] = *v;
            }
            answers.push(eff);
        }
        let shares = self
            .shares
            .iter()
            .enumerate()
            .map(|(r, sh)| ShareFit {
                label: sh.label.clone(),
                target: sh.share,
                count: s.count[r] as usize,
                base: s.base[r] as usize,
            })
            .collect();
        Ok(Outcome {
            answers,
            units,
            shares,
            figures: self.figure_fits(&s.fig_tot),
            directions: self.direction_fits(&s),
            moves: s.moves,
        })
    }
}
