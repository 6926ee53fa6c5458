//! Evaluation: runs the flat plan on one unit's answers and records why each rule scored what it did.
//!
//! The parts: `reference.rs`, the reference evaluator (follow-up conditions, derived values,
//! every rule's general code, the trace); `fast.rs`, each rule's prepared fast form (lookups
//! over classes of values, integer sums) and `kernel.rs`, all of them in one integer form for
//! evaluations without trace; `scores.rs`, section scores and the index with their memos;
//! `incremental.rs`, priming and partial re-evaluation for searches; `vm.rs`, the bytecode
//! interpreter for compiled expressions.

/// Runs compiled code with the evaluator's current answers (a macro so the borrows stay disjoint).
macro_rules! run {
    ($self:ident, $code:expr) => {{
        let ctx = $crate::eval::vm::Ctx {
            answers: &$self.answers,
            asked: &$self.asked,
            lets: &$self.lets,
            sections: &$self.plan.sections,
        };
        $self.vm.run($code, &ctx)
    }};
}

mod fast;
mod incremental;
mod kernel;
mod reference;
mod scores;
mod vm;

use crate::hir::{MissingState, ThresholdKind, Thresholds};
use crate::num::Num;
use crate::plan::Plan;
use crate::value::Value;
use serde::Serialize;

/// Arithmetic left the exact range while scoring.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("arithmetic overflow while evaluating {place}")]
#[diagnostic(
    code(eindex::eval::overflow),
    help("a number in the answers or the rules is too large for exact arithmetic; check the answers of this unit")
)]
pub struct EvalError {
    /// What was being evaluated, by number ("rule #3"); `at` says which item it is.
    pub place: String,
    pub at: Option<EvalAt>,
}

/// The item of the program whose evaluation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalAt {
    /// `Program::lets[i]`
    Let(usize),
    /// `Program::rules[i]`
    Rule(usize),
    /// `Program::constraints[i]`
    Constraint(usize),
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
    /// The constraints the answers break: (constraint, `require`) indices into
    /// `Program::constraints`, in order. A unit with violations is scored all the same; the
    /// commands reject it (which of the contradicting answers is wrong is unknown).
    pub violations: Vec<(u32, u32)>,
    /// Each section's points (the sum over its rules that are not excluded), also for sections
    /// without a score — there, what the rules scored for the missing answers (usually 0).
    /// Schema order. `None` only when that sum overflows for a section without a score.
    pub section_points: Vec<Option<Num>>,
}

impl UnitOutcome {
    pub fn section_count(&self) -> usize {
        self.sections.iter().filter(|s| s.is_ok()).count()
    }

    /// An empty outcome, to be filled by [`Evaluator::eval_into`].
    pub fn empty() -> Self {
        UnitOutcome {
            rules: Vec::new(),
            sections: Vec::new(),
            index: IndexOutcome::NotComputable {
                sections: 0,
                required: 0,
                missing: Vec::new(),
            },
            answered_not_asked: Vec::new(),
            violations: Vec::new(),
            section_points: Vec::new(),
        }
    }
}

/// Reusable evaluation state (stack and scratch vectors), one per thread.
pub struct Evaluator<'p> {
    plan: &'p Plan,
    vm: vm::Vm,
    /// The unit being evaluated, as compiled code reads it: the answers after follow-up
    /// conditions, whether each slot was asked, the derived values.
    answers: Vec<Value>,
    asked: Vec<bool>,
    lets: Vec<Value>,
    /// Slots answered although their follow-up condition was false (see
    /// [`Evaluator::answered_not_asked`]).
    ignored: Vec<usize>,
    /// Each rule's points (`None`: excluded) for the unit being evaluated.
    points: Vec<Option<Num>>,
    /// Each section's points when all its rules gave integer points (the unit being evaluated).
    int_sums: Vec<Option<i128>>,
    /// The reference evaluator's scratch vectors.
    scratch: reference::Scratch,
    /// The rules' fast forms and the integer kernel.
    fast: fast::Tables,
    /// Each section's maximum, the score memo and the index memo.
    memo: scores::Memos,
    /// The primed base and undo log of incremental evaluation.
    inc: incremental::Incremental,
}

impl<'p> Evaluator<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        let memo = scores::Memos::new(plan);
        Evaluator {
            plan,
            fast: fast::Tables::new(plan, &memo.full_max),
            memo,
            vm: vm::Vm::default(),
            answers: Vec::with_capacity(plan.n_slots),
            asked: vec![true; plan.n_slots],
            lets: Vec::with_capacity(plan.lets.len()),
            ignored: Vec::new(),
            scratch: reference::Scratch::default(),
            points: Vec::with_capacity(plan.rules.len()),
            int_sums: Vec::with_capacity(plan.sections.len()),
            inc: incremental::Incremental::default(),
        }
    }

    /// The same evaluator without its prepared fast paths: every rule runs its general code and
    /// section points are summed as rationals. For tests that check the fast paths give exactly
    /// the same outcomes.
    #[doc(hidden)]
    pub fn without_fast_paths(mut self) -> Self {
        self.fast = fast::Tables::general(self.plan);
        self.memo.untabulated();
        self
    }

    /// Whether evaluations without trace run on the integer kernel (see `kernel.rs`); for
    /// tests that must know they exercise it.
    #[doc(hidden)]
    pub fn has_kernel(&self) -> bool {
        self.fast.kernel.is_some()
    }

    /// The slots the last evaluation ([`Evaluator::eval`], [`Evaluator::eval_into`],
    /// [`Evaluator::prime`] or [`Evaluator::eval_rules`]) answered although their follow-up
    /// condition was false, in `Plan::ask` order: those answers were ignored (as
    /// `UnitOutcome::answered_not_asked` lists them for `eval`).
    pub fn answered_not_asked(&self) -> &[usize] {
        &self.ignored
    }

    /// The answers as the last evaluation saw them (after follow-up conditions were applied).
    pub fn effective_answers(&self) -> &[Value] {
        &self.answers
    }

    /// The derived values (`let`s, in `Program::lets` order) of the last evaluation.
    pub fn let_values(&self) -> &[Value] {
        &self.lets
    }

    /// Evaluates one unit. `answers` has one value per slot (questions, then metadata).
    pub fn eval(&mut self, answers: &[Value]) -> Result<UnitOutcome, EvalError> {
        let mut out = UnitOutcome::empty();
        self.eval_into(answers, &mut out, true)?;
        Ok(out)
    }

    /// Evaluates one unit into `out`, reusing its buffers (no allocation per unit once they have
    /// grown). With `trace` the result is exactly what [`Evaluator::eval`] returns; without it
    /// `out.rules` is left empty (the per-rule trace is what costs most), everything else is the
    /// same. On an error `out` holds partial results.
    pub fn eval_into(
        &mut self,
        answers: &[Value],
        out: &mut UnitOutcome,
        trace: bool,
    ) -> Result<(), EvalError> {
        self.answers.clear();
        self.answers.extend_from_slice(answers);
        self.answers.resize(self.plan.n_slots, Value::UNANSWERED);
        self.eval_loaded(out, trace)
    }

    /// The constraints `answers` break (after follow-up conditions), as (constraint, `require`)
    /// indices into `Program::constraints`, into `out`; the rules are not scored.
    pub fn violations(
        &mut self,
        answers: &[Value],
        out: &mut Vec<(u32, u32)>,
    ) -> Result<(), EvalError> {
        self.conditions(answers)?;
        self.violations_into(out)
    }

    /// The `require`s of the constraints `which` (indices into `Program::constraints`) that the
    /// answers of the last evaluation break ([`Evaluator::eval_rules`] included: its follow-up
    /// conditions and derived values are complete), into `out` (cleared first).
    pub fn last_violations_of(
        &mut self,
        which: &[usize],
        out: &mut Vec<(u32, u32)>,
    ) -> Result<(), EvalError> {
        out.clear();
        for &i in which {
            self.violations_of(i, out)?;
        }
        Ok(())
    }

    /// As [`Evaluator::eval_into`], borrowing the answers' vector for the evaluation instead of
    /// copying it when that leaves it unchanged (no follow-up conditions, which would mark
    /// answers not asked; one answer per slot). `answers` is as before afterwards.
    pub fn eval_vec_into(
        &mut self,
        answers: &mut Vec<Value>,
        out: &mut UnitOutcome,
        trace: bool,
    ) -> Result<(), EvalError> {
        if !self.plan.ask.is_empty() || answers.len() != self.plan.n_slots {
            return self.eval_into(answers, out, trace);
        }
        std::mem::swap(&mut self.answers, answers);
        let r = self.eval_loaded(out, trace);
        std::mem::swap(&mut self.answers, answers);
        r
    }
}

fn overflow(place: &str) -> EvalError {
    EvalError {
        place: place.to_string(),
        at: None,
    }
}

/// An overflow in a `let`, rule or constraint, which the commands name with its place.
fn overflow_at(at: EvalAt) -> EvalError {
    let place = match at {
        EvalAt::Let(i) => format!("derived value #{}", i + 1),
        EvalAt::Rule(i) => format!("rule #{}", i + 1),
        EvalAt::Constraint(i) => format!("constraint #{}", i + 1),
    };
    EvalError {
        place,
        at: Some(at),
    }
}

/// The value a level compares: exact, or rounded per the survey header.
pub fn compared(plan: &Plan, v: Num) -> Num {
    match plan.compare {
        None => v,
        Some(d) => v.round(d, plan.rounding),
    }
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
