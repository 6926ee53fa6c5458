//! The reference evaluator: follow-up conditions, derived values and every rule's general code
//! (tables, `sum`, `points` expressions), with the per-rule trace. The fast forms (`fast.rs`,
//! `kernel.rs`) stand in for a rule's general code when they have a result; they give exactly
//! what this code gives.

use super::fast::int_of;
use super::{overflow, overflow_at, EvalAt, EvalError, Evaluator, RuleOutcome, UnitOutcome, Why};
use crate::hir::{Cell, HitPolicy, MissingState, Outcome};
use crate::num::{Num, Overflow};
use crate::plan::{Code, RuleKind, RulePlan};
use crate::value::Value;

/// The reference evaluator's scratch vectors, reused from unit to unit.
#[derive(Default)]
pub(super) struct Scratch {
    /// A table rule's input values.
    inputs: Vec<Value>,
    /// Table rows that matched (hit policy `sum`).
    hits: Vec<usize>,
}

/// Why a rule scored what it did, without allocating (see [`Why`]).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum WhyLite {
    /// One table row (first, unique, max, min).
    Row(usize),
    /// The rows in `Scratch::hits` (sum).
    Hits,
    NoMatch,
    Handler(MissingState),
    /// `sum` (the selection and raw sum are recomputed for the trace).
    Sum {
        limited: bool,
    },
    Expression,
}

/// The raw sum of a multiple choice's selected options' points.
fn sum_raw(points: &[Num], sel: u128) -> Result<Num, Overflow> {
    let mut raw = Num::ZERO;
    for (i, p) in points.iter().enumerate() {
        if sel & (1u128 << i) != 0 {
            raw = raw.add(*p)?;
        }
    }
    Ok(raw)
}

/// What a table rule gives for its input values.
pub(super) fn table_rule(
    r: &RulePlan,
    policy: HitPolicy,
    rows: &[(Vec<Cell>, Num)],
    from_match: bool,
    inputs: &[Value],
    hits: &mut Vec<usize>,
) -> Result<(Option<Num>, WhyLite), Overflow> {
    let first_missing = inputs.iter().find_map(|v| v.missing());
    Ok(match (from_match, first_missing) {
        (true, Some(m)) => handler(r, m),
        _ => match table(policy, rows, inputs, hits)? {
            Some((p, why)) => (Some(p), why),
            None => match first_missing {
                Some(m) => handler(r, m),
                None => (Some(Num::ZERO), WhyLite::NoMatch),
            },
        },
    })
}

/// What a rule gives when an input is missing.
fn handler(r: &RulePlan, state: MissingState) -> (Option<Num>, WhyLite) {
    let points = match r.handlers[state.index()] {
        Outcome::Points(p) => Some(p),
        Outcome::Exclude => None,
    };
    (points, WhyLite::Handler(state))
}

fn cell_matches(cell: &Cell, v: Value) -> bool {
    match (cell, v) {
        (Cell::Any, _) => true,
        (Cell::Missing, Value::Missing(_)) => true,
        (_, Value::Missing(_)) | (Cell::Missing, _) => false,
        (Cell::Answered, _) => true,
        (Cell::Options { mask, negated }, Value::Choice(i)) => {
            (mask & (1u128 << i) != 0) != *negated
        }
        (Cell::Options { mask, negated }, Value::Bool(b)) => {
            (mask & (1u128 << u32::from(b)) != 0) != *negated
        }
        (Cell::Range(iv), Value::Num(n)) => iv.contains(n),
        _ => false,
    }
}

/// Applies a decision table; `None` when no row matches. The rows that counted are the
/// returned `WhyLite::Row` or, for `sum`, `hits`.
fn table(
    policy: HitPolicy,
    rows: &[(Vec<Cell>, Num)],
    inputs: &[Value],
    hits: &mut Vec<usize>,
) -> Result<Option<(Num, WhyLite)>, Overflow> {
    hits.clear();
    let mut acc: Option<(Num, usize)> = None;
    for (i, (cells, p)) in rows.iter().enumerate() {
        if !cells.iter().zip(inputs).all(|(c, v)| cell_matches(c, *v)) {
            continue;
        }
        match policy {
            HitPolicy::First | HitPolicy::Unique => return Ok(Some((*p, WhyLite::Row(i)))),
            HitPolicy::Sum => {
                acc = Some((acc.map_or(Num::ZERO, |a| a.0).add(*p)?, i));
                hits.push(i);
            }
            HitPolicy::Max => {
                if acc.is_none_or(|a| *p > a.0) {
                    acc = Some((*p, i));
                }
            }
            HitPolicy::Min => {
                if acc.is_none_or(|a| *p < a.0) {
                    acc = Some((*p, i));
                }
            }
        }
    }
    Ok(acc.map(|(a, i)| {
        if policy == HitPolicy::Sum {
            (a, WhyLite::Hits)
        } else {
            (a, WhyLite::Row(i))
        }
    }))
}

impl Evaluator<'_> {
    /// Evaluates the answers in `self.answers` (one per slot).
    pub(super) fn eval_loaded(
        &mut self,
        out: &mut UnitOutcome,
        trace: bool,
    ) -> Result<(), EvalError> {
        let r = self.conditions_loaded(&mut out.answered_not_asked);
        self.ignored.clear();
        self.ignored.extend_from_slice(&out.answered_not_asked);
        r?;
        self.violations_into(&mut out.violations)?;
        out.rules.clear();
        self.points.clear();
        if !trace && self.kernel_sums() {
            return self.sections_and_index(out);
        }
        self.score_rules(out, trace)?;
        self.sections_and_index(out)
    }

    /// Each rule's points into `points` and, while they are integers, each section's points
    /// into `int_sums`; with `trace`, why each rule scored what it did into `out.rules`.
    fn score_rules(&mut self, out: &mut UnitOutcome, trace: bool) -> Result<(), EvalError> {
        let plan = self.plan;
        // each section's points as an integer while every rule gives integer points
        self.int_sums.clear();
        let start = if self.fast.general_only {
            None
        } else {
            Some(0)
        };
        self.int_sums.resize(plan.sections.len(), start);
        for (i, r) in plan.rules.iter().enumerate() {
            let (points, why, int) = match self.fast.rules[i].scored(&self.answers, trace) {
                Some(x) => x,
                None => {
                    let (points, why) =
                        self.rule(i, r).map_err(|_| overflow_at(EvalAt::Rule(i)))?;
                    (points, why, int_of(points))
                }
            };
            if let Some(sum) = self.int_sums.get_mut(r.section) {
                *sum = match (*sum, int) {
                    (Some(t), Some(p)) => t.checked_add(i128::from(p)),
                    _ => None,
                };
            }
            self.points.push(points);
            if trace {
                let why = self.why(i, r, why)?;
                out.rules.push(RuleOutcome {
                    points,
                    max: r.max,
                    why,
                });
            }
        }
        Ok(())
    }

    /// The trace of rule `i`'s result: `why` with the rows that counted, or a `sum`'s
    /// selection and raw sum.
    fn why(&self, i: usize, r: &RulePlan, why: WhyLite) -> Result<Why, EvalError> {
        Ok(match why {
            WhyLite::Row(row) => Why::Rows { rows: vec![row] },
            WhyLite::Hits => Why::Rows {
                rows: self.scratch.hits.clone(),
            },
            WhyLite::NoMatch => Why::NoMatch,
            WhyLite::Handler(state) => Why::Handler { state },
            WhyLite::Sum { limited } => {
                let (selected, raw) = match &r.kind {
                    RuleKind::Sum { slot, points, .. } => match self.answers[*slot as usize] {
                        Value::Multi(sel) => (
                            sel,
                            sum_raw(points, sel).map_err(|_| overflow_at(EvalAt::Rule(i)))?,
                        ),
                        _ => (0, Num::ZERO),
                    },
                    _ => (0, Num::ZERO),
                };
                Why::Sum {
                    selected,
                    raw,
                    limited,
                }
            }
            WhyLite::Expression => Why::Expression,
        })
    }

    /// What rule `i` (`r`) gives for the current answers: its fast form's result when it has
    /// one, else its general code's.
    pub(super) fn rule(
        &mut self,
        i: usize,
        r: &RulePlan,
    ) -> Result<(Option<Num>, WhyLite), Overflow> {
        if let Some(x) = self.fast.rules[i].result(&self.answers) {
            return Ok(x);
        }
        let handler = |state: MissingState| handler(r, state);
        Ok(match &r.kind {
            RuleKind::Points(code) => match run!(self, code)? {
                Value::Num(n) => (Some(n), WhyLite::Expression),
                Value::Missing(m) => handler(m),
                _ => (Some(Num::ZERO), WhyLite::Expression),
            },
            RuleKind::Sum {
                slot,
                points,
                cap,
                floor,
            } => match self.answers[*slot as usize] {
                Value::Multi(sel) => {
                    let raw = sum_raw(points, sel)?;
                    let mut v = raw;
                    if let Some(c) = cap {
                        v = v.min(*c);
                    }
                    if let Some(f) = floor {
                        v = v.max(*f);
                    }
                    (Some(v), WhyLite::Sum { limited: v != raw })
                }
                Value::Missing(m) => handler(m),
                _ => (Some(Num::ZERO), WhyLite::NoMatch),
            },
            RuleKind::Table {
                policy,
                inputs,
                rows,
                from_match,
            } => {
                self.scratch.inputs.clear();
                for code in inputs {
                    let v = match code.ops.as_slice() {
                        // a question read as is (every `match` on a question): skip the VM
                        [crate::plan::Op::Slot(s)] => self
                            .answers
                            .get(*s as usize)
                            .copied()
                            .unwrap_or(Value::UNANSWERED),
                        _ => run!(self, code)?,
                    };
                    self.scratch.inputs.push(v);
                }
                table_rule(
                    r,
                    *policy,
                    rows,
                    *from_match,
                    &self.scratch.inputs,
                    &mut self.scratch.hits,
                )?
            }
        })
    }

    /// Runs the follow-up conditions and the derived values on `answers` (all of them); the
    /// answers they ignored go to [`Evaluator::answered_not_asked`].
    pub(super) fn conditions(&mut self, answers: &[Value]) -> Result<(), EvalError> {
        self.answers.clear();
        self.answers.extend_from_slice(answers);
        self.answers.resize(self.plan.n_slots, Value::UNANSWERED);
        let mut ignored = std::mem::take(&mut self.ignored);
        let r = self.conditions_loaded(&mut ignored);
        self.ignored = ignored;
        r
    }

    /// Runs the follow-up conditions and the derived values on the answers in `self.answers`
    /// (all of them). A question whose condition is not true is not asked: its answer becomes
    /// `not_asked`, and if it was answered its slot goes into `ignored` (cleared first; in
    /// `Plan::ask` order).
    ///
    /// The one loop for every full run of the conditions: [`Evaluator::eval_into`] passes its
    /// outcome's `answered_not_asked`, [`Evaluator::prime`] and [`Evaluator::eval_rules`]
    /// (through [`Evaluator::conditions`]) the evaluator's own list, and the incremental
    /// re-run (`incremental.rs`) applies each condition by the same [`Evaluator::follow_up`].
    /// There were two copies once, and only the one of `eval_into` recorded the ignored
    /// answers. Recording is right in every path: an answer to a question that was not asked
    /// is never used (it is `not_asked` before any rule or derived value reads it), and never
    /// dropped silently either — whoever calls `prime` or `eval_rules` can read
    /// [`Evaluator::answered_not_asked`] (`eindex explain` has no need to: it removes the
    /// ignored answers that `eval` reports before it primes, and checks every change it
    /// proposes with `eval`, whose outcome reports them).
    fn conditions_loaded(&mut self, ignored: &mut Vec<usize>) -> Result<(), EvalError> {
        let plan = self.plan;
        self.inc.log.live = false;
        ignored.clear();
        if !plan.ask.is_empty() {
            self.asked.iter_mut().for_each(|a| *a = true);
        }
        for (slot, code) in &plan.ask {
            self.follow_up(*slot as usize, code, ignored)?;
        }
        self.lets.clear();
        for (i, code) in plan.lets.iter().enumerate() {
            let v = run!(self, code).map_err(|_| overflow_at(EvalAt::Let(i)))?;
            self.lets.push(v);
        }
        Ok(())
    }

    /// The constraints the current answers break, into `out` (cleared first): a constraint
    /// applies when its `when` is true (or absent), and a `require` is broken when it is false
    /// (missing is not a violation).
    pub(super) fn violations_into(&mut self, out: &mut Vec<(u32, u32)>) -> Result<(), EvalError> {
        out.clear();
        for i in 0..self.plan.constraints.len() {
            self.violations_of(i, out)?;
        }
        Ok(())
    }

    /// The `require`s of constraint `i` the current answers break, appended to `out`.
    pub(super) fn violations_of(
        &mut self,
        i: usize,
        out: &mut Vec<(u32, u32)>,
    ) -> Result<(), EvalError> {
        let plan = self.plan;
        let Some(c) = plan.constraints.get(i) else {
            return Ok(());
        };
        if let Some(w) = &c.when {
            let v = run!(self, w).map_err(|_| overflow_at(EvalAt::Constraint(i)))?;
            if v != Value::Bool(true) {
                return Ok(());
            }
        }
        for (j, r) in c.requires.iter().enumerate() {
            let v = run!(self, r).map_err(|_| overflow_at(EvalAt::Constraint(i)))?;
            if v == Value::Bool(false) {
                out.push((i as u32, j as u32));
            }
        }
        Ok(())
    }

    /// Applies the follow-up condition `code` of slot `s` to the current answers (`s` counts as
    /// asked while it runs): when it is not true, `s` is not asked, its answer becomes
    /// `not_asked` and, if it was answered, `s` goes into `ignored`.
    #[inline]
    pub(super) fn follow_up(
        &mut self,
        s: usize,
        code: &Code,
        ignored: &mut Vec<usize>,
    ) -> Result<(), EvalError> {
        let v = run!(self, code).map_err(|_| overflow("a follow-up condition"))?;
        if v != Value::Bool(true) {
            self.asked[s] = false;
            if self.answers[s].is_answered() {
                ignored.push(s);
            }
            self.answers[s] = Value::Missing(MissingState::NotAsked);
        }
        Ok(())
    }
}
