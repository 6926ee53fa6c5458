//! Evaluation: runs the flat plan on one unit's answers and records why each rule scored what it did.

mod vm;

use crate::hir::{Cell, HitPolicy, MissingState, Outcome, ThresholdKind, Thresholds};
use crate::num::{Num, Overflow};
use crate::plan::{Plan, RuleKind, RulePlan};
use crate::value::Value;
use serde::Serialize;

/// Arithmetic left the exact range while scoring.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("arithmetic overflow while evaluating {place}")]
pub struct EvalError {
    pub place: String,
}

/// Why a rule scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Why {
    /// Table rows (0-based) that matched and counted; a `match` arm is a row.
    Rows { rows: Vec<usize> },
    /// No row matched.
    NoMatch,
    /// An input was missing: the handler for this state applied.
    Handler { state: MissingState },
    /// Selected options of a multiple choice (bit mask) and whether cap/floor limited the sum.
    Sum {
        selected: u128,
        raw: Num,
        limited: bool,
    },
    /// `points <expression>`.
    Expression,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleOutcome {
    /// `None`: the rule is excluded (neither points nor maximum).
    pub points: Option<Num>,
    pub max: Num,
    pub why: Why,
}

/// Why a section has no score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum SectionMissing {
    /// None of its questions is answered.
    NoAnswers,
    /// Its `applicable if` condition is false (or missing).
    NotApplicable,
    /// Every rule was excluded.
    AllExcluded,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionOutcome {
    pub points: Num,
    pub max: Num,
    /// 100 × points / max, exact.
    pub score: Num,
    /// The value levels compare (exact, or rounded per the survey header).
    pub compared: Num,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum IndexOutcome {
    Computed {
        value: Num,
        compared: Num,
        level: u8,
        /// Renormalised weights of the sections used (schema order; 0 for sections left out).
        weights: Vec<Num>,
    },
    NotComputable {
        sections: usize,
        required: usize,
        missing: Vec<usize>,
    },
}

/// Everything the evaluator found for one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitOutcome {
    pub rules: Vec<RuleOutcome>,
    pub sections: Vec<Result<SectionOutcome, SectionMissing>>,
    pub index: IndexOutcome,
    /// Slots answered although their follow-up condition was false (the answers were ignored).
    pub answered_not_asked: Vec<usize>,
}

impl UnitOutcome {
    pub fn section_count(&self) -> usize {
        self.sections.iter().filter(|s| s.is_ok()).count()
    }
}

/// Runs compiled code with the evaluator's current answers (a macro so the borrows stay disjoint).
macro_rules! run {
    ($self:ident, $code:expr) => {{
        let ctx = vm::Ctx {
            answers: &$self.answers,
            asked: &$self.asked,
            lets: &$self.lets,
            sections: &$self.plan.sections,
        };
        $self.vm.run($code, &ctx)
    }};
}

/// Reusable evaluation state (stack and scratch vectors), one per thread.
pub struct Evaluator<'p> {
    plan: &'p Plan,
    vm: vm::Vm,
    answers: Vec<Value>,
    asked: Vec<bool>,
    lets: Vec<Value>,
    inputs: Vec<Value>,
}

impl<'p> Evaluator<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        Evaluator {
            plan,
            vm: vm::Vm::default(),
            answers: Vec::with_capacity(plan.n_slots),
            asked: vec![true; plan.n_slots],
            lets: Vec::with_capacity(plan.lets.len()),
            inputs: Vec::new(),
        }
    }

    /// The answers as the last evaluation saw them (after follow-up conditions were applied).
    pub fn effective_answers(&self) -> &[Value] {
        &self.answers
    }

    /// Evaluates one unit. `answers` has one value per slot (questions, then metadata).
    pub fn eval(&mut self, answers: &[Value]) -> Result<UnitOutcome, EvalError> {
        let plan = self.plan;
        self.answers.clear();
        self.answers.extend_from_slice(answers);
        self.answers.resize(plan.n_slots, Value::UNANSWERED);
        self.asked.iter_mut().for_each(|a| *a = true);
        let mut answered_not_asked = Vec::new();
        for (slot, code) in &plan.ask {
            let v = run!(self, code).map_err(|_| overflow("a follow-up condition"))?;
            if v != Value::Bool(true) {
                let s = *slot as usize;
                self.asked[s] = false;
                if self.answers[s].is_answered() {
                    answered_not_asked.push(s);
                }
                self.answers[s] = Value::Missing(MissingState::NotAsked);
            }
        }
        self.lets.clear();
        for (i, code) in plan.lets.iter().enumerate() {
            let v = run!(self, code).map_err(|_| overflow(&format!("derived value #{}", i + 1)))?;
            self.lets.push(v);
        }
        let mut rules = Vec::with_capacity(plan.rules.len());
        for (i, r) in plan.rules.iter().enumerate() {
            rules.push(
                self.rule(r)
                    .map_err(|_| overflow(&format!("rule #{}", i + 1)))?,
            );
        }
        let sections = (0..plan.sections.len())
            .map(|s| self.section(s, &rules))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| overflow("a section score"))?;
        let index = index(plan, &sections).map_err(|_| overflow("the index"))?;
        Ok(UnitOutcome {
            rules,
            sections,
            index,
            answered_not_asked,
        })
    }

    fn rule(&mut self, r: &RulePlan) -> Result<RuleOutcome, Overflow> {
        let handler = |state: MissingState| -> (Option<Num>, Why) {
            let points = match r.handlers[state.index()] {
                Outcome::Points(p) => Some(p),
                Outcome::Exclude => None,
            };
            (points, Why::Handler { state })
        };
        let (points, why) = match &r.kind {
            RuleKind::Points(code) => match run!(self, code)? {
                Value::Num(n) => (Some(n), Why::Expression),
                Value::Missing(m) => handler(m),
                _ => (Some(Num::ZERO), Why::Expression),
            },
            RuleKind::Sum {
                slot,
                points,
                cap,
                floor,
            } => match self.answers[*slot as usize] {
                Value::Multi(sel) => {
                    let mut raw = Num::ZERO;
                    for (i, p) in points.iter().enumerate() {
                        if sel & (1u128 << i) != 0 {
                            raw = raw.add(*p)?;
                        }
                    }
                    let mut v = raw;
                    if let Some(c) = cap {
                        v = v.min(*c);
                    }
                    if let Some(f) = floor {
                        v = v.max(*f);
                    }
                    (
                        Some(v),
                        Why::Sum {
                            selected: sel,
                            raw,
                            limited: v != raw,
                        },
                    )
                }
                Value::Missing(m) => handler(m),
                _ => (Some(Num::ZERO), Why::NoMatch),
            },
            RuleKind::Table {
                policy,
                inputs,
                rows,
                from_match,
            } => {
                self.inputs.clear();
                for code in inputs {
                    let v = run!(self, code)?;
                    self.inputs.push(v);
                }
                let first_missing = self.inputs.iter().find_map(|v| v.missing());
                match (from_match, first_missing) {
                    (true, Some(m)) => handler(m),
                    _ => match table(*policy, rows, &self.inputs)? {
                        Some((p, hit)) => (Some(p), Why::Rows { rows: hit }),
                        None => match first_missing {
                            Some(m) => handler(m),
                            None => (Some(Num::ZERO), Why::NoMatch),
                        },
                    },
                }
            }
        };
        Ok(RuleOutcome {
            points,
            max: r.max,
            why,
        })
    }

    fn section(
        &mut self,
        s: usize,
        rules: &[RuleOutcome],
    ) -> Result<Result<SectionOutcome, SectionMissing>, Overflow> {
        let plan = self.plan;
        let sp = &plan.sections[s];
        let applicable = match &sp.applicable {
            Some(code) => run!(self, code)? == Value::Bool(true),
            None => sp
                .questions
                .iter()
                .any(|&q| self.answers[q as usize].is_answered()),
        };
        if !applicable {
            return Ok(Err(if sp.applicable.is_some() {
                SectionMissing::NotApplicable
            } else {
                SectionMissing::NoAnswers
            }));
        }
        let mut points = Num::ZERO;
        let mut max = Num::ZERO;
        for &r in &sp.rules {
            if let Some(p) = rules[r].points {
                points = points.add(p)?;
                max = max.add(rules[r].max)?;
            }
        }
        if max.is_zero() {
            return Ok(Err(SectionMissing::AllExcluded));
        }
        let score = Num::HUNDRED.mul(points)?.div(max)?.unwrap_or(Num::ZERO);
        let compared = compared(plan, score);
        let level = if sp.zero_apart && compared.is_zero() {
            0
        } else {
            sp.thresholds.level(compared)
        };
        Ok(Ok(SectionOutcome {
            points,
            max,
            score,
            compared,
            level,
        }))
    }
}

fn overflow(place: &str) -> EvalError {
    EvalError {
        place: place.to_string(),
    }
}

/// The value a level compares: exact, or rounded per the survey header.
pub fn compared(plan: &Plan, v: Num) -> Num {
    match plan.compare {
        None => v,
        Some(d) => v.round(d, plan.rounding),
    }
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

/// Applies a decision table; `None` when no row matches.
fn table(
    policy: HitPolicy,
    rows: &[(Vec<Cell>, Num)],
    inputs: &[Value],
) -> Result<Option<(Num, Vec<usize>)>, Overflow> {
    let mut hits = Vec::new();
    let mut acc: Option<Num> = None;
    for (i, (cells, p)) in rows.iter().enumerate() {
        if !cells.iter().zip(inputs).all(|(c, v)| cell_matches(c, *v)) {
            continue;
        }
        match policy {
            HitPolicy::First | HitPolicy::Unique => return Ok(Some((*p, vec![i]))),
            HitPolicy::Sum => {
                acc = Some(acc.unwrap_or(Num::ZERO).add(*p)?);
                hits.push(i);
            }
            HitPolicy::Max => {
                if acc.is_none_or(|a| *p > a) {
                    acc = Some(*p);
                    hits = vec![i];
                }
            }
            HitPolicy::Min => {
                if acc.is_none_or(|a| *p < a) {
                    acc = Some(*p);
                    hits = vec![i];
                }
            }
        }
    }
    Ok(acc.map(|a| (a, hits)))
}

fn index(
    plan: &Plan,
    sections: &[Result<SectionOutcome, SectionMissing>],
) -> Result<IndexOutcome, Overflow> {
    let have: Vec<usize> = (0..sections.len())
        .filter(|&s| sections[s].is_ok() && !plan.weights[s].is_zero())
        .collect();
    if have.len() < plan.min_sections || have.is_empty() {
        return Ok(IndexOutcome::NotComputable {
            sections: have.len(),
            required: plan.min_sections.max(1),
            missing: (0..sections.len()).filter(|s| !have.contains(s)).collect(),
        });
    }
    let mut wsum = Num::ZERO;
    let mut acc = Num::ZERO;
    for &s in &have {
        if let Ok(o) = &sections[s] {
            wsum = wsum.add(plan.weights[s])?;
            acc = acc.add(plan.weights[s].mul(o.score)?)?;
        }
    }
    let value = acc.div(wsum)?.unwrap_or(Num::ZERO);
    let mut weights = vec![Num::ZERO; sections.len()];
    for &s in &have {
        weights[s] = plan.weights[s].div(wsum)?.unwrap_or(Num::ZERO);
    }
    let compared = compared(plan, value);
    Ok(IndexOutcome::Computed {
        value,
        compared,
        level: plan.index_thresholds.level(compared),
        weights,
    })
}

/// How far a compared value is from the next level: the smallest increase of the compared value
/// that reaches it. `None` at the top level.
pub fn gap_to_next(t: &Thresholds, compare: Option<u32>, v: Num) -> Option<Gap> {
    let level = t.level(v);
    let bound = *t.bounds.get(level as usize - 1)?;
    let step = compare.map(|d| Num::frac(1, 10i128.pow(d)).unwrap_or(Num::ONE));
    let (target, strict) = match (t.kind, step) {
        // upper bounds are inclusive: the next level starts just above the bound
        (ThresholdKind::Upper, Some(step)) => (bound.add(step).ok()?, false),
        (ThresholdKind::Upper, None) => (bound, true),
        (ThresholdKind::Lower, _) => (bound, false),
    };
    Some(Gap {
        next_level: level + 1,
        target,
        amount: target.sub(v).ok()?,
        strict,
    })
}

/// Distance to the next level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub next_level: u8,
    /// The lowest compared value of the next level (or, when `strict`, the value to exceed).
    pub target: Num,
    pub amount: Num,
    /// The value must exceed `target` (exact comparison with upper bounds).
    pub strict: bool,
}
