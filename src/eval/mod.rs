//! Evaluation: runs the flat plan on one unit's answers and records why each rule scored what it did.

mod kernel;
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
            section_points: Vec::new(),
        }
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

/// Why a rule scored what it did, without allocating (see [`Why`]).
#[derive(Clone, Copy, PartialEq)]
enum WhyLite {
    /// One table row (first, unique, max, min).
    Row(usize),
    /// The rows in `Evaluator::hits` (sum).
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

/// Reusable evaluation state (stack and scratch vectors), one per thread.
pub struct Evaluator<'p> {
    plan: &'p Plan,
    vm: vm::Vm,
    answers: Vec<Value>,
    asked: Vec<bool>,
    lets: Vec<Value>,
    inputs: Vec<Value>,
    /// Table rows that matched (hit policy `sum`).
    hits: Vec<usize>,
    /// Each rule's points (`None`: excluded) for the unit being evaluated.
    points: Vec<Option<Num>>,
    /// Sections that count in the index.
    have: Vec<usize>,
    /// A faster equivalent form of each rule, prepared once (see [`Fast`]).
    fast: Vec<Fast>,
    /// Each section's maximum when no rule is excluded (`None`: the sum overflows).
    full_max: Vec<Option<Num>>,
    /// Each section's points when all its rules gave integer points (the unit being evaluated).
    int_sums: Vec<Option<i128>>,
    /// A base answer vector's follow-up and derived-value state (see [`Evaluator::prime`]).
    primed: Option<Box<Primed>>,
    /// Every rule on the general path and sections summed as rationals (tests compare the fast
    /// paths with this).
    general_only: bool,
    /// What the last incremental call changed in the base state.
    inc: Incremental,
    /// All rules in integer form, for evaluations without trace (`None`: some rule has no such
    /// form, or a section's maximum overflows).
    kernel: Option<kernel::Kernel>,
    /// Per section with a whole-number maximum of at most [`MEMO_MAX`] points: the score,
    /// compared value and level of every whole number of points `0..=max`, for units where
    /// no rule is excluded (computed once, by the same code as every other score).
    scores: Vec<Option<Vec<(Num, Num, u8)>>>,
    /// The index's weights per set of sections used (a bit set; see [`IndexMemo`]).
    index_memos: Vec<(u64, IndexMemo)>,
}

/// The largest section maximum [`Evaluator::scores`] tabulates.
const MEMO_MAX: i64 = 4096;

/// The most sets of sections [`Evaluator::index_memos`] keeps.
const INDEX_MEMOS: usize = 64;

/// The most entries [`Evaluator::scores`] holds for all sections together.
const MEMO_BUDGET: i64 = 8192;

/// What the index needs that depends only on which sections have a score: their weights'
/// sum, the renormalised weights, and, when every used section has a tabulated score, the
/// index as one fraction of their points: `value = Σ coef[s] × points[s] / denom`.
struct IndexMemo {
    /// The sections used.
    have: Vec<usize>,
    wsum: Num,
    weights: Vec<Num>,
    /// `(coef, denom)`; `None` when a section has no tabulated score or the numbers are large.
    linear: Option<(Vec<i128>, i128)>,
}

/// The undo log of [`Evaluator::eval_rules`] after [`Evaluator::prime`]: `live` when
/// `answers`, `asked` and `lets` hold the primed base state except the slots and derived values
/// listed (a full evaluation clears it).
#[derive(Default)]
struct Incremental {
    live: bool,
    slots: Vec<u32>,
    lets: Vec<u32>,
    /// Per slot: listed in `slots`.
    mark: Vec<bool>,
}

/// The state [`Evaluator::eval_rules`] starts from when the answers differ from a base in a few
/// slots: it re-runs only the follow-up conditions and derived values that read a changed slot.
struct Primed {
    /// The base answers as given.
    raw: Vec<Value>,
    /// After the follow-up conditions.
    effective: Vec<Value>,
    asked: Vec<bool>,
    lets: Vec<Value>,
    /// Per follow-up condition (in `Plan::ask` order), the slots it reads.
    ask_reads: Vec<Vec<u32>>,
    /// Per derived value, the slots and the derived values it reads.
    let_reads: Vec<(Vec<u32>, Vec<u32>)>,
}

/// The slots (answers and asked states) and derived values an expression reads.
fn reads(code: &crate::plan::Code, plan: &Plan) -> (Vec<u32>, Vec<u32>) {
    use crate::plan::Op;
    let (mut slots, mut lets) = (Vec::new(), Vec::new());
    for op in &code.ops {
        match *op {
            Op::Slot(s) | Op::Answered(s) | Op::Asked(s) => slots.push(s),
            Op::Let(l) => lets.push(l),
            Op::AnsweredAny(sec) => {
                if let Some(sp) = plan.sections.get(sec as usize) {
                    slots.extend_from_slice(&sp.questions);
                }
            }
            _ => {}
        }
    }
    slots.sort_unstable();
    slots.dedup();
    lets.sort_unstable();
    lets.dedup();
    (slots, lets)
}

/// What a rule gives for given inputs, prepared in advance; `int` is the points as an integer
/// (when they are one).
#[derive(Clone, Copy, PartialEq)]
struct Entry {
    points: Option<Num>,
    why: WhyLite,
    int: Option<i64>,
}

impl Entry {
    fn new((points, why): (Option<Num>, WhyLite)) -> Entry {
        Entry {
            points,
            why,
            int: int_of(points),
        }
    }
}

/// Points as a 64-bit integer, if they are one (`None` also for an excluded rule).
fn int_of(points: Option<Num>) -> Option<i64> {
    points.and_then(Num::to_i64)
}

/// The class of a choice, missing state or yes/no for a [`Column`] whose options from `bound` on
/// are named by no cell (see there); `None` for other values.
#[inline(always)]
fn plain_class(v: &Value, bound: usize) -> Option<usize> {
    match *v {
        Value::Choice(c) if c < 128 => Some(usize::from(c).min(bound)),
        Value::Missing(m) => Some(bound + 1 + m.index()),
        Value::Bool(b) => Some(bound + 5 + usize::from(b)),
        _ => None,
    }
}

/// How one input of a table is classified for [`Fast::Lookup`]: `Choice(c)` for `c < bound`
/// is class `c`; `Choice(bound..128)` class `bound` (no cell tells them apart); then the four
/// missing states; then `Bool(false)`, `Bool(true)`; then, when the table's cells compare the
/// input with numbers (`breaks`, ascending), one class per open interval between two breaks and
/// one per break (`< b0`, `b0`, `(b0, b1)`, …, `> bk`): every cell matches all numbers of a
/// class or none. Other values have no class.
#[derive(Clone)]
struct Column {
    slot: usize,
    bound: usize,
    breaks: Vec<Num>,
    /// `breaks` as 64-bit integers, when they all are: whole-number answers are then
    /// classified without rational comparisons.
    int_breaks: Option<Vec<i64>>,
    /// `count_classes()`, kept.
    classes: usize,
}

impl Column {
    fn new(slot: usize, bound: usize, breaks: Vec<Num>) -> Column {
        let int_breaks = breaks.iter().map(|b| b.to_i64()).collect();
        let mut c = Column {
            slot,
            bound,
            breaks,
            int_breaks,
            classes: 0,
        };
        c.classes = c.count_classes();
        c
    }

    #[inline]
    fn classes(&self) -> usize {
        self.classes
    }

    fn count_classes(&self) -> usize {
        let numbers = if self.breaks.is_empty() {
            0
        } else {
            2 * self.breaks.len() + 1
        };
        self.bound + 1 + 4 + 2 + numbers
    }

    #[inline(always)]
    fn class(&self, v: &Value) -> Option<usize> {
        if let Some(class) = plain_class(v, self.bound) {
            return Some(class);
        }
        match *v {
            Value::Num(n) if !self.breaks.is_empty() => {
                if let Some(ib) = &self.int_breaks {
                    if let Some(x) = n.to_i64() {
                        let i = ib.partition_point(|b| *b < x);
                        let exact = ib.get(i) == Some(&x);
                        return Some(self.bound + 7 + 2 * i + usize::from(exact));
                    }
                }
                let i = self.breaks.partition_point(|b| *b < n);
                let exact = self.breaks.get(i) == Some(&n);
                Some(self.bound + 7 + 2 * i + usize::from(exact))
            }
            _ => None,
        }
    }

    /// A value of each class (`None`: no number lies strictly between two breaks, which
    /// cannot happen for distinct rationals, or the arithmetic overflows).
    fn value(&self, class: usize) -> Option<Value> {
        Some(if class <= self.bound {
            Value::Choice(class as u16)
        } else if class <= self.bound + 4 {
            Value::Missing(MissingState::ALL[class - self.bound - 1])
        } else if class <= self.bound + 6 {
            Value::Bool(class == self.bound + 6)
        } else {
            let k = class - self.bound - 7;
            let i = k / 2;
            if k % 2 == 1 {
                Value::Num(*self.breaks.get(i)?)
            } else {
                let n = match (i.checked_sub(1).map(|j| self.breaks[j]), self.breaks.get(i)) {
                    (None, Some(hi)) => hi.sub(Num::ONE).ok()?,
                    (Some(lo), None) => lo.add(Num::ONE).ok()?,
                    (Some(lo), Some(hi)) => lo.add(*hi).ok()?.div(Num::int(2)).ok()??,
                    (None, None) => return None,
                };
                Value::Num(n)
            }
        })
    }
}

/// A rule in a form that gives the same results with less work.
enum Fast {
    /// A table (every `match` is one) with one or two inputs that read questions as they are:
    /// the result for every combination of input classes (`None`: take the general path).
    Lookup {
        columns: Vec<Column>,
        /// `distinct[index[k]]` is the result for class combination `k` (`u16::MAX`: none).
        /// Two bytes per combination: a table's few distinct results are shared, and the
        /// tables of a whole ruleset stay in the fastest cache.
        index: Vec<u16>,
        distinct: Vec<Entry>,
        /// The integer points of each combination (`i32::MIN`: not an integer that fits, or no
        /// result): what an evaluation without trace needs, one load away.
        ints: Vec<i32>,
    },
    /// `sum` whose option points are all integers.
    IntSum {
        slot: usize,
        points: Vec<i64>,
        cap: Option<Num>,
        floor: Option<Num>,
        /// `cap` and `floor` as 64-bit integers, when they are (`i64::MAX` / `i64::MIN`: none).
        int_limits: Option<(i64, i64)>,
    },
    General,
}

impl Fast {
    fn of(r: &RulePlan) -> Fast {
        match &r.kind {
            RuleKind::Sum {
                slot,
                points,
                cap,
                floor,
            } if points.iter().all(|p| p.is_integer()) => {
                let ints: Option<Vec<i64>> = points.iter().map(|p| p.to_i64()).collect();
                match ints {
                    Some(points) if points.len() <= 128 => {
                        let int = |b: Option<Num>, none: i64| b.map_or(Some(none), Num::to_i64);
                        let int_limits = match (int(*cap, i64::MAX), int(*floor, i64::MIN)) {
                            (Some(c), Some(f)) => Some((c, f)),
                            _ => None,
                        };
                        Fast::IntSum {
                            slot: *slot as usize,
                            points,
                            cap: *cap,
                            floor: *floor,
                            int_limits,
                        }
                    }
                    _ => Fast::General,
                }
            }
            RuleKind::Table {
                policy,
                inputs,
                rows,
                from_match,
            } if (1..=2).contains(&inputs.len()) => {
                let mut columns = Vec::new();
                for (j, code) in inputs.iter().enumerate() {
                    let [crate::plan::Op::Slot(slot)] = code.ops.as_slice() else {
                        return Fast::General;
                    };
                    let used = rows.iter().fold(0u128, |m, (cells, _)| match cells.get(j) {
                        Some(Cell::Options { mask, .. }) => m | mask,
                        _ => m,
                    });
                    let mut breaks: Vec<Num> = rows
                        .iter()
                        .filter_map(|(cells, _)| match cells.get(j) {
                            Some(Cell::Range(iv)) => Some(iv),
                            _ => None,
                        })
                        .flat_map(|iv| iv.low.into_iter().chain(iv.high).map(|b| b.0))
                        .collect();
                    breaks.sort();
                    breaks.dedup();
                    columns.push(Column::new(
                        *slot as usize,
                        (128 - used.leading_zeros() as usize).min(127),
                        breaks,
                    ));
                }
                let total: usize = columns.iter().map(|c| c.classes()).product();
                if total > 4096 {
                    return Fast::General;
                }
                let mut hits = Vec::new();
                let mut inputs = Vec::with_capacity(columns.len());
                let mut distinct: Vec<Entry> = Vec::new();
                let index: Vec<u16> = (0..total)
                    .map(|mut k| {
                        inputs.clear();
                        for c in columns.iter().rev() {
                            inputs.push(c.value(k % c.classes())?);
                            k /= c.classes();
                        }
                        inputs.reverse();
                        let e = match table_rule(r, *policy, rows, *from_match, &inputs, &mut hits)
                        {
                            Ok((_, WhyLite::Hits)) | Err(_) => return None,
                            Ok(res) => Entry::new(res),
                        };
                        let at = match distinct.iter().position(|d| *d == e) {
                            Some(at) => at,
                            None => {
                                distinct.push(e);
                                distinct.len() - 1
                            }
                        };
                        // total <= 4096 combinations, so fewer distinct results than u16::MAX
                        u16::try_from(at).ok()
                    })
                    .map(|at| at.unwrap_or(u16::MAX))
                    .collect();
                let ints = index
                    .iter()
                    .map(|&at| {
                        distinct
                            .get(usize::from(at))
                            .and_then(|e| e.int)
                            .and_then(|p| i32::try_from(p).ok())
                            .filter(|p| *p != i32::MIN)
                            .unwrap_or(i32::MIN)
                    })
                    .collect();
                Fast::Lookup {
                    columns,
                    index,
                    distinct,
                    ints,
                }
            }
            _ => Fast::General,
        }
    }
}

/// The integer option points of the selection `sel`, added. (At most 128 points of 64 bits:
/// the sum fits in 128 bits.)
#[inline(always)]
fn int_total(points: &[i64], sel: u128) -> i128 {
    let mut bits = sel;
    let mut total: i128 = 0;
    while bits != 0 {
        let b = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let Some(p) = points.get(b) {
            total += i128::from(*p);
        }
    }
    total
}

/// A `sum` of integer option points over the selection `sel`, limited to `floor..=cap`; and
/// whether the limit applied.
#[inline(always)]
fn int_sum(points: &[i64], sel: u128, cap: i64, floor: i64) -> (i128, bool) {
    let total = int_total(points, sel);
    let v = total.min(i128::from(cap)).max(i128::from(floor));
    (v, v != total)
}

/// What a table rule gives for its input values.
fn table_rule(
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

impl<'p> Evaluator<'p> {
    pub fn new(plan: &'p Plan) -> Self {
        let fast: Vec<Fast> = plan.rules.iter().map(Fast::of).collect();
        let full_max: Vec<Option<Num>> = plan
            .sections
            .iter()
            .map(|sp| {
                sp.rules
                    .iter()
                    .try_fold(Num::ZERO, |m, &r| m.add(plan.rules[r].max))
                    .ok()
            })
            .collect();
        // the kernel's section sums are used as they are: every maximum must be known
        let kernel = if full_max.iter().all(Option::is_some) {
            kernel::Kernel::new(plan, &fast)
        } else {
            None
        };
        // at most MEMO_BUDGET entries in all, so that a ruleset of many sections does not
        // make every evaluator slow to create
        let mut budget = MEMO_BUDGET;
        let scores = plan
            .sections
            .iter()
            .zip(&full_max)
            .map(|(sp, max)| {
                let max = (*max)?;
                let m = max.to_i64().filter(|m| (1..=MEMO_MAX).contains(m))?;
                budget = budget.checked_sub(m + 1)?;
                (0..=m)
                    .map(|p| score_level(plan, sp, Num::int(i128::from(p)), max).ok())
                    .collect()
            })
            .collect();
        Evaluator {
            plan,
            scores,
            index_memos: Vec::new(),
            vm: vm::Vm::default(),
            answers: Vec::with_capacity(plan.n_slots),
            asked: vec![true; plan.n_slots],
            lets: Vec::with_capacity(plan.lets.len()),
            inputs: Vec::new(),
            hits: Vec::new(),
            points: Vec::with_capacity(plan.rules.len()),
            have: Vec::with_capacity(plan.sections.len()),
            fast,
            kernel,
            int_sums: Vec::with_capacity(plan.sections.len()),
            primed: None,
            general_only: false,
            inc: Incremental::default(),
            full_max,
        }
    }

    /// The same evaluator without its prepared fast paths: every rule runs its general code and
    /// section points are summed as rationals. For tests that check the fast paths give exactly
    /// the same outcomes.
    #[doc(hidden)]
    pub fn without_fast_paths(mut self) -> Self {
        self.fast = self.plan.rules.iter().map(|_| Fast::General).collect();
        self.kernel = None;
        self.scores.iter_mut().for_each(|t| *t = None);
        self.general_only = true;
        self
    }

    /// Whether evaluations without trace run on the integer kernel (see `kernel.rs`); for
    /// tests that must know they exercise it.
    #[doc(hidden)]
    pub fn has_kernel(&self) -> bool {
        self.kernel.is_some()
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

    /// Evaluates the answers in `self.answers` (one per slot).
    fn eval_loaded(&mut self, out: &mut UnitOutcome, trace: bool) -> Result<(), EvalError> {
        let plan = self.plan;
        self.inc.live = false;
        out.answered_not_asked.clear();
        if !plan.ask.is_empty() {
            self.asked.iter_mut().for_each(|a| *a = true);
        }
        for (slot, code) in &plan.ask {
            let v = run!(self, code).map_err(|_| overflow("a follow-up condition"))?;
            if v != Value::Bool(true) {
                let s = *slot as usize;
                self.asked[s] = false;
                if self.answers[s].is_answered() {
                    out.answered_not_asked.push(s);
                }
                self.answers[s] = Value::Missing(MissingState::NotAsked);
            }
        }
        self.lets.clear();
        for (i, code) in plan.lets.iter().enumerate() {
            let v = run!(self, code).map_err(|_| overflow(&format!("derived value #{}", i + 1)))?;
            self.lets.push(v);
        }
        out.rules.clear();
        self.points.clear();
        if !trace && self.kernel_sums() {
            return self.sections_and_index(out);
        }
        // each section's points as an integer while every rule gives integer points
        self.int_sums.clear();
        let start = if self.general_only { None } else { Some(0) };
        self.int_sums.resize(plan.sections.len(), start);
        for (i, r) in plan.rules.iter().enumerate() {
            let fast = match &self.fast[i] {
                // without trace only the points count (`why` is not read)
                Fast::Lookup { .. } if !trace => self.lookup_int(i).map(|p| {
                    (
                        Some(Num::int(i128::from(p))),
                        WhyLite::Expression,
                        Some(i64::from(p)),
                    )
                }),
                Fast::Lookup { .. } => self.lookup(i).map(|e| (e.points, e.why, e.int)),
                Fast::IntSum {
                    slot,
                    points,
                    int_limits: Some((cap, floor)),
                    ..
                } => match self.answers[*slot] {
                    Value::Multi(sel) => {
                        let (v, limited) = int_sum(points, sel, *cap, *floor);
                        Some((
                            Some(Num::int(v)),
                            WhyLite::Sum { limited },
                            i64::try_from(v).ok(),
                        ))
                    }
                    _ => None,
                },
                _ => None,
            };
            let (points, why, int) = match fast {
                Some(x) => x,
                None => {
                    let (points, why) = self
                        .rule(i, r)
                        .map_err(|_| overflow(&format!("rule #{}", i + 1)))?;
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
                let why = match why {
                    WhyLite::Row(row) => Why::Rows { rows: vec![row] },
                    WhyLite::Hits => Why::Rows {
                        rows: self.hits.clone(),
                    },
                    WhyLite::NoMatch => Why::NoMatch,
                    WhyLite::Handler(state) => Why::Handler { state },
                    WhyLite::Sum { limited } => {
                        let (selected, raw) = match &r.kind {
                            RuleKind::Sum { slot, points, .. } => {
                                match self.answers[*slot as usize] {
                                    Value::Multi(sel) => (
                                        sel,
                                        sum_raw(points, sel)
                                            .map_err(|_| overflow(&format!("rule #{}", i + 1)))?,
                                    ),
                                    _ => (0, Num::ZERO),
                                }
                            }
                            _ => (0, Num::ZERO),
                        };
                        Why::Sum {
                            selected,
                            raw,
                            limited,
                        }
                    }
                    WhyLite::Expression => Why::Expression,
                };
                out.rules.push(RuleOutcome {
                    points,
                    max: r.max,
                    why,
                });
            }
        }
        self.sections_and_index(out)
    }

    /// Each section's points by the kernel into `int_sums`, when it has them for the current
    /// answers (`false`: evaluate the rules the ordinary way).
    #[inline]
    fn kernel_sums(&mut self) -> bool {
        let Some(k) = &mut self.kernel else {
            return false;
        };
        if !k.run(&self.answers) {
            return false;
        }
        self.int_sums.clear();
        self.int_sums
            .extend(k.sums.iter().map(|&s| Some(i128::from(s))));
        true
    }

    /// The sections' and the index's outcomes from the rules' points (`int_sums`, else
    /// `points`).
    fn sections_and_index(&mut self, out: &mut UnitOutcome) -> Result<(), EvalError> {
        out.sections.clear();
        out.section_points.clear();
        for s in 0..self.plan.sections.len() {
            let (section, points) = self.section(s).map_err(|_| overflow("a section score"))?;
            out.sections.push(section);
            out.section_points.push(points);
        }
        self.index(&out.sections, &mut out.index)
            .map_err(|_| overflow("the index"))?;
        Ok(())
    }

    /// The class combination of a table rule's inputs for the current answers.
    #[inline(always)]
    fn combination(&self, columns: &[Column]) -> Option<usize> {
        let mut k = 0;
        for c in columns {
            let v = self.answers.get(c.slot).unwrap_or(&Value::UNANSWERED);
            k = k * c.classes() + c.class(v)?;
        }
        Some(k)
    }

    /// The prepared integer points of rule `i` for the current answers, if it has them.
    #[inline(always)]
    fn lookup_int(&self, i: usize) -> Option<i32> {
        let Fast::Lookup { columns, ints, .. } = &self.fast[i] else {
            return None;
        };
        let p = *ints.get(self.combination(columns)?)?;
        (p != i32::MIN).then_some(p)
    }

    /// The prepared result of rule `i` for the current answers, if it has one.
    #[inline(always)]
    fn lookup(&self, i: usize) -> Option<&Entry> {
        let Fast::Lookup {
            columns,
            index,
            distinct,
            ..
        } = &self.fast[i]
        else {
            return None;
        };
        distinct.get(usize::from(*index.get(self.combination(columns)?)?))
    }

    fn rule(&mut self, i: usize, r: &RulePlan) -> Result<(Option<Num>, WhyLite), Overflow> {
        let handler = |state: MissingState| handler(r, state);
        match &self.fast[i] {
            Fast::Lookup { .. } => {
                if let Some(e) = self.lookup(i) {
                    return Ok((e.points, e.why));
                }
            }
            Fast::IntSum {
                slot,
                points,
                cap,
                floor,
                int_limits,
            } => {
                if let Value::Multi(sel) = self.answers[*slot] {
                    if let Some((cap, floor)) = int_limits {
                        let (v, limited) = int_sum(points, sel, *cap, *floor);
                        return Ok((Some(Num::int(v)), WhyLite::Sum { limited }));
                    }
                    let raw = Num::int(int_total(points, sel));
                    let mut v = raw;
                    if let Some(c) = cap {
                        v = v.min(*c);
                    }
                    if let Some(f) = floor {
                        v = v.max(*f);
                    }
                    return Ok((Some(v), WhyLite::Sum { limited: v != raw }));
                }
            }
            Fast::General => {}
        }
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
                self.inputs.clear();
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
                    self.inputs.push(v);
                }
                table_rule(r, *policy, rows, *from_match, &self.inputs, &mut self.hits)?
            }
        })
    }

    /// Runs the follow-up conditions and the derived values on `answers` (all of them).
    fn conditions(&mut self, answers: &[Value]) -> Result<(), EvalError> {
        let plan = self.plan;
        self.inc.live = false;
        self.answers.clear();
        self.answers.extend_from_slice(answers);
        self.answers.resize(plan.n_slots, Value::UNANSWERED);
        self.asked.iter_mut().for_each(|a| *a = true);
        for (slot, code) in &plan.ask {
            let v = run!(self, code).map_err(|_| overflow("a follow-up condition"))?;
            if v != Value::Bool(true) {
                let s = *slot as usize;
                self.asked[s] = false;
                self.answers[s] = Value::Missing(MissingState::NotAsked);
            }
        }
        self.lets.clear();
        for (i, code) in plan.lets.iter().enumerate() {
            let v = run!(self, code).map_err(|_| overflow(&format!("derived value #{}", i + 1)))?;
            self.lets.push(v);
        }
        Ok(())
    }

    /// Makes later [`Evaluator::eval_rules`] calls whose answers differ from `answers` in a few
    /// slots re-run only the follow-up conditions and derived values that read those slots.
    /// Without it (or when the plan's conditions are not in an order that allows it) every
    /// call runs all of them; the results are the same.
    pub fn prime(&mut self, answers: &[Value]) -> Result<(), EvalError> {
        let plan = self.plan;
        self.primed = None;
        let ask_reads: Vec<Vec<u32>> = plan.ask.iter().map(|(_, c)| reads(c, plan).0).collect();
        let let_reads: Vec<(Vec<u32>, Vec<u32>)> =
            plan.lets.iter().map(|c| reads(c, plan)).collect();
        // re-running a part is the same as running everything only if every condition reads
        // answers whose own condition came before it, no derived value, and every derived
        // value reads only earlier ones
        let mut position = vec![usize::MAX; plan.n_slots];
        for (i, (slot, _)) in plan.ask.iter().enumerate() {
            if let Some(p) = position.get_mut(*slot as usize) {
                *p = i;
            }
        }
        let ordered_asks = plan.ask.iter().enumerate().all(|(i, (slot, code))| {
            reads(code, plan).1.is_empty()
                && ask_reads[i].iter().all(|&r| {
                    r == *slot
                        || position
                            .get(r as usize)
                            .is_none_or(|&p| p == usize::MAX || p < i)
                })
        });
        let ordered_lets = let_reads
            .iter()
            .enumerate()
            .all(|(i, (_, ls))| ls.iter().all(|&l| (l as usize) < i));
        self.conditions(answers)?;
        if ordered_asks && ordered_lets {
            self.primed = Some(Box::new(Primed {
                raw: answers.to_vec(),
                effective: self.answers.clone(),
                asked: self.asked.clone(),
                lets: self.lets.clone(),
                ask_reads,
                let_reads,
            }));
        }
        Ok(())
    }

    /// The follow-up conditions and derived values for `answers`, which differ from the primed
    /// base at most in the slots `changed`, re-running only what reads a changed slot.
    fn conditions_from(
        &mut self,
        base: &Primed,
        answers: &[Value],
        changed: &[usize],
    ) -> Result<(), EvalError> {
        let plan = self.plan;
        let mut inc = std::mem::take(&mut self.inc);
        if inc.live {
            // back to the base: undo what the previous call changed
            for &i in &inc.slots {
                self.answers[i as usize] = base.effective[i as usize];
                self.asked[i as usize] = base.asked[i as usize];
                inc.mark[i as usize] = false;
            }
            for &l in &inc.lets {
                self.lets[l as usize] = base.lets[l as usize];
            }
        } else {
            self.answers.clear();
            self.answers.extend_from_slice(&base.effective);
            self.asked.clear();
            self.asked.extend_from_slice(&base.asked);
            self.lets.clear();
            self.lets.extend_from_slice(&base.lets);
            inc.mark.clear();
            inc.mark.resize(plan.n_slots, false);
            inc.live = true;
        }
        inc.slots.clear();
        inc.lets.clear();
        let result = self.rerun(base, answers, changed, &mut inc);
        self.inc = inc;
        result
    }

    /// Applies `changed` to the base state and re-runs what reads a changed slot, recording
    /// every slot and derived value it changes in `inc`.
    fn rerun(
        &mut self,
        base: &Primed,
        answers: &[Value],
        changed: &[usize],
        inc: &mut Incremental,
    ) -> Result<(), EvalError> {
        let plan = self.plan;
        for &i in changed {
            if let (Some(new), Some(old)) = (answers.get(i), base.raw.get(i)) {
                if new != old && !inc.mark[i] {
                    inc.mark[i] = true;
                    inc.slots.push(i as u32);
                    self.answers[i] = *new;
                    self.asked[i] = true;
                }
            }
        }
        if inc.slots.is_empty() {
            return Ok(());
        }
        for (i, (slot, code)) in plan.ask.iter().enumerate() {
            let s = *slot as usize;
            if !inc.mark[s] && !base.ask_reads[i].iter().any(|&r| inc.mark[r as usize]) {
                continue;
            }
            if !inc.mark[s] {
                inc.mark[s] = true;
                inc.slots.push(*slot);
            }
            self.answers[s] = answers.get(s).copied().unwrap_or(Value::UNANSWERED);
            self.asked[s] = true;
            let v = run!(self, code).map_err(|_| overflow("a follow-up condition"))?;
            if v != Value::Bool(true) {
                self.asked[s] = false;
                self.answers[s] = Value::Missing(MissingState::NotAsked);
            }
        }
        for (i, code) in plan.lets.iter().enumerate() {
            let (slots, lets) = &base.let_reads[i];
            let touched = slots.iter().any(|&r| inc.mark[r as usize])
                || lets.iter().any(|l| inc.lets.contains(l));
            if !touched {
                continue;
            }
            let v = run!(self, code).map_err(|_| overflow(&format!("derived value #{}", i + 1)))?;
            if v != self.lets[i] {
                self.lets[i] = v;
                inc.lets.push(i as u32);
            }
        }
        Ok(())
    }

    /// Evaluates the follow-up conditions, the derived values and only the rules `rules`, for
    /// searches that change a few answers and re-score just the rules reading them (used by
    /// `eindex explain`). `points[i]` receives the points of rule `rules[i]` (`None`: excluded);
    /// [`Evaluator::section_applicable`] then tells whether a section has a score. After
    /// [`Evaluator::prime`], `answers` must differ from the primed answers only in the slots
    /// `changed` (otherwise `changed` is not used).
    pub fn eval_rules(
        &mut self,
        answers: &[Value],
        changed: &[usize],
        rules: &[usize],
        points: &mut Vec<Option<Num>>,
    ) -> Result<(), EvalError> {
        let plan = self.plan;
        match self.primed.take() {
            Some(primed) if primed.raw.len() == answers.len() => {
                let r = self.conditions_from(&primed, answers, changed);
                self.primed = Some(primed);
                r?;
            }
            other => {
                self.primed = other;
                self.conditions(answers)?;
            }
        }
        points.clear();
        for &r in rules {
            let Some(rp) = plan.rules.get(r) else {
                return Err(overflow(&format!("rule #{}", r + 1)));
            };
            let (p, _) = self
                .rule(r, rp)
                .map_err(|_| overflow(&format!("rule #{}", r + 1)))?;
            points.push(p);
        }
        Ok(())
    }

    /// Whether section `s` is applicable under the answers of the last evaluation (its
    /// `applicable if`, or else any of its questions answered).
    pub fn section_applicable(&mut self, s: usize) -> Result<bool, EvalError> {
        let plan = self.plan;
        let Some(sp) = plan.sections.get(s) else {
            return Ok(false);
        };
        Ok(match &sp.applicable {
            Some(code) => {
                run!(self, code).map_err(|_| overflow("a section condition"))? == Value::Bool(true)
            }
            None => sp
                .questions
                .iter()
                .any(|&q| self.answers[q as usize].is_answered()),
        })
    }

    /// A section's outcome, and its points also when it has no score.
    #[allow(clippy::type_complexity)]
    fn section(
        &mut self,
        s: usize,
    ) -> Result<(Result<SectionOutcome, SectionMissing>, Option<Num>), Overflow> {
        let plan = self.plan;
        let sp = &plan.sections[s];
        let applicable = match &sp.applicable {
            Some(code) => run!(self, code)? == Value::Bool(true),
            None => sp
                .questions
                .iter()
                .any(|&q| self.answers[q as usize].is_answered()),
        };
        let full_max = self.full_max[s];
        let int_sum = self.int_sums.get(s).copied().flatten();
        let sum = |pts: &[Option<Num>]| -> Result<(Num, Num), Overflow> {
            // integers, no rule excluded: one integer sum, the maximum known in advance
            if let (Some(full_max), Some(total)) = (full_max, int_sum) {
                return Ok((Num::int(total), full_max));
            }
            if let Some(full_max) = full_max {
                let mut total: i128 = 0;
                let mut fast = true;
                for &r in &sp.rules {
                    match pts[r] {
                        Some(p) if p.is_integer() => match total.checked_add(p.numer()) {
                            Some(t) => total = t,
                            None => {
                                fast = false;
                                break;
                            }
                        },
                        _ => {
                            fast = false;
                            break;
                        }
                    }
                }
                if fast {
                    return Ok((Num::int(total), full_max));
                }
            }
            let mut points = Num::ZERO;
            let mut max = Num::ZERO;
            for &r in &sp.rules {
                if let Some(p) = pts[r] {
                    points = points.add(p)?;
                    max = max.add(plan.rules[r].max)?;
                }
            }
            Ok((points, max))
        };
        if !applicable {
            let missing = if sp.applicable.is_some() {
                SectionMissing::NotApplicable
            } else {
                SectionMissing::NoAnswers
            };
            return Ok((Err(missing), sum(&self.points).ok().map(|(p, _)| p)));
        }
        let (points, max) = sum(&self.points)?;
        if max.is_zero() {
            return Ok((Err(SectionMissing::AllExcluded), Some(points)));
        }
        let tabulated = match (&self.scores[s], points.to_i64()) {
            (Some(t), Some(p)) if Some(max) == full_max => {
                usize::try_from(p).ok().and_then(|p| t.get(p)).copied()
            }
            _ => None,
        };
        let (score, compared, level) = match tabulated {
            Some(x) => x,
            None => score_level(plan, sp, points, max)?,
        };
        Ok((
            Ok(SectionOutcome {
                points,
                max,
                score,
                compared,
                level,
            }),
            Some(points),
        ))
    }

    /// The index, written into `out` (reusing its vectors).
    fn index(
        &mut self,
        sections: &[Result<SectionOutcome, SectionMissing>],
        out: &mut IndexOutcome,
    ) -> Result<(), Overflow> {
        let plan = self.plan;
        self.have.clear();
        self.have.extend(
            (0..sections.len()).filter(|&s| sections[s].is_ok() && !plan.weights[s].is_zero()),
        );
        let have = &self.have;
        if have.len() < plan.min_sections || have.is_empty() {
            let mut missing = match std::mem::replace(out, IndexOutcome::placeholder()) {
                IndexOutcome::NotComputable { mut missing, .. } => {
                    missing.clear();
                    missing
                }
                _ => Vec::new(),
            };
            missing.extend((0..sections.len()).filter(|s| !have.contains(s)));
            *out = IndexOutcome::NotComputable {
                sections: have.len(),
                required: plan.min_sections.max(1),
                missing,
            };
            return Ok(());
        }
        // the memo of this set of sections (a bit set, when there are at most 64)
        let key = (sections.len() <= 64).then(|| have.iter().fold(0u64, |k, &s| k | 1 << s));
        let at = self.index_memos.iter().position(|(k, _)| Some(*k) == key);
        let fresh;
        let memo = match (at, key) {
            (Some(at), _) => &self.index_memos[at].1,
            (None, Some(key)) => {
                let memo = self.index_memo_for(sections.len())?;
                if self.index_memos.len() >= INDEX_MEMOS {
                    self.index_memos.clear();
                }
                self.index_memos.push((key, memo));
                &self.index_memos[self.index_memos.len() - 1].1
            }
            // more than 64 sections: not kept
            (None, None) => {
                fresh = self.index_memo_for(sections.len())?;
                &fresh
            }
        };
        let value = match Self::linear_index(memo, sections, &self.full_max) {
            Some(v) => v,
            None => {
                let mut acc = Num::ZERO;
                for &s in &memo.have {
                    if let Ok(o) = &sections[s] {
                        acc = acc.add(plan.weights[s].mul(o.score)?)?;
                    }
                }
                acc.div(memo.wsum)?.unwrap_or(Num::ZERO)
            }
        };
        let mut weights = match std::mem::replace(out, IndexOutcome::placeholder()) {
            IndexOutcome::Computed { mut weights, .. } => {
                weights.clear();
                weights
            }
            _ => Vec::new(),
        };
        weights.extend_from_slice(&memo.weights);
        let compared = compared(plan, value);
        *out = IndexOutcome::Computed {
            value,
            compared,
            level: plan.index_thresholds.level(compared),
            weights,
        };
        Ok(())
    }
}

impl Evaluator<'_> {
    /// The index memo for the sections in `self.have` (out of `n`).
    fn index_memo_for(&self, n: usize) -> Result<IndexMemo, Overflow> {
        let plan = self.plan;
        let have = self.have.clone();
        let mut wsum = Num::ZERO;
        for &s in &have {
            wsum = wsum.add(plan.weights[s])?;
        }
        let mut weights = vec![Num::ZERO; n];
        for &s in &have {
            weights[s] = plan.weights[s].div(wsum)?.unwrap_or(Num::ZERO);
        }
        // value = Σ weights[s] × 100 × points[s] / max[s]: the coefficients over one
        // denominator (the least common multiple of theirs), when it stays small
        let linear = (|| {
            let mut fracs = Vec::with_capacity(have.len());
            for &s in &have {
                self.scores.get(s)?.as_ref()?;
                let max = self.full_max.get(s).copied().flatten()?;
                fracs.push(weights[s].mul(Num::HUNDRED).ok()?.div(max).ok()??);
            }
            let mut denom: i128 = 1;
            for f in &fracs {
                let d = f.denom();
                denom = denom.checked_mul(d / num_integer::Integer::gcd(&denom, &d))?;
                if denom > 1 << 48 {
                    return None;
                }
            }
            let mut coef = vec![0i128; n];
            for (&s, f) in have.iter().zip(&fracs) {
                let c = f.numer().checked_mul(denom / f.denom())?;
                if c.unsigned_abs() > 1 << 60 {
                    return None;
                }
                coef[s] = c;
            }
            Some((coef, denom))
        })();
        Ok(IndexMemo {
            have,
            wsum,
            weights,
            linear,
        })
    }

    /// The index as one fraction (see [`IndexMemo`]), when every used section scored with no
    /// rule excluded and whole points within its table.
    fn linear_index(
        memo: &IndexMemo,
        sections: &[Result<SectionOutcome, SectionMissing>],
        full_max: &[Option<Num>],
    ) -> Option<Num> {
        let (coef, denom) = memo.linear.as_ref()?;
        let mut num: i128 = 0;
        for &s in &memo.have {
            let o = sections.get(s)?.as_ref().ok()?;
            let p = o.points.to_i64().filter(|p| (0..=MEMO_MAX).contains(p))?;
            if Some(o.max) != full_max.get(s).copied().flatten() {
                return None;
            }
            num = num.checked_add(coef.get(s)?.checked_mul(i128::from(p))?)?;
        }
        Num::frac(num, *denom)
    }
}

/// A section's score (100 × points / max, exact), the value its levels compare, and its level.
fn score_level(
    plan: &Plan,
    sp: &crate::plan::SectionPlan,
    points: Num,
    max: Num,
) -> Result<(Num, Num, u8), Overflow> {
    let score = Num::HUNDRED.mul(points)?.div(max)?.unwrap_or(Num::ZERO);
    let compared = compared(plan, score);
    let level = if sp.zero_apart && compared.is_zero() {
        0
    } else {
        sp.thresholds.level(compared)
    };
    Ok((score, compared, level))
}

impl IndexOutcome {
    /// A value without allocation, replaced right away.
    fn placeholder() -> Self {
        IndexOutcome::NotComputable {
            sections: 0,
            required: 0,
            missing: Vec::new(),
        }
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
