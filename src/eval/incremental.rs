//! Incremental evaluation for searches that change a few answers at a time (`eindex explain`):
//! [`Evaluator::prime`] records a base answer vector's follow-up and derived-value state and
//! what each condition reads; [`Evaluator::eval_rules`] then re-runs only the follow-up
//! conditions and derived values that read a changed slot, and only the rules asked for,
//! undoing the previous call's changes through an undo log instead of copying the base.

use super::{overflow_at, EvalAt, EvalError, Evaluator};
use crate::num::Num;
use crate::plan::Plan;
use crate::value::Value;

/// The incremental state of an evaluator: the primed base (if any) and the undo log of the
/// last incremental call.
#[derive(Default)]
pub(super) struct Incremental {
    /// A base answer vector's follow-up and derived-value state (see [`Evaluator::prime`]).
    primed: Option<Box<Primed>>,
    /// What the last incremental call changed in the base state.
    pub(super) log: UndoLog,
}

/// The undo log of [`Evaluator::eval_rules`] after [`Evaluator::prime`]: `live` when
/// `answers`, `asked` and `lets` hold the primed base state except the slots and derived values
/// listed (a full evaluation clears it).
#[derive(Default)]
pub(super) struct UndoLog {
    pub(super) live: bool,
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
    /// The slots whose base answers the follow-up conditions ignored (see
    /// [`Evaluator::answered_not_asked`]).
    ignored: Vec<usize>,
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

impl Evaluator<'_> {
    /// Makes later [`Evaluator::eval_rules`] calls whose answers differ from `answers` in a few
    /// slots re-run only the follow-up conditions and derived values that read those slots.
    /// Without it (or when the plan's conditions are not in an order that allows it) every
    /// call runs all of them; the results are the same.
    pub fn prime(&mut self, answers: &[Value]) -> Result<(), EvalError> {
        let plan = self.plan;
        self.inc.primed = None;
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
            self.inc.primed = Some(Box::new(Primed {
                raw: answers.to_vec(),
                effective: self.answers.clone(),
                asked: self.asked.clone(),
                lets: self.lets.clone(),
                ignored: self.ignored.clone(),
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
        let mut inc = std::mem::take(&mut self.inc.log);
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
        let mut ignored = std::mem::take(&mut self.ignored);
        ignored.clear();
        let result = self.rerun(base, answers, changed, &mut inc, &mut ignored);
        self.ignored = ignored;
        self.inc.log = inc;
        result
    }

    /// Applies `changed` to the base state and re-runs what reads a changed slot, recording
    /// every slot and derived value it changes in `inc`, and the answers the follow-up
    /// conditions ignore (as a full run would list them) in `ignored`.
    fn rerun(
        &mut self,
        base: &Primed,
        answers: &[Value],
        changed: &[usize],
        inc: &mut UndoLog,
        ignored: &mut Vec<usize>,
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
            ignored.extend_from_slice(&base.ignored);
            return Ok(());
        }
        for (i, (slot, code)) in plan.ask.iter().enumerate() {
            let s = *slot as usize;
            if !inc.mark[s] && !base.ask_reads[i].iter().any(|&r| inc.mark[r as usize]) {
                // neither the answer nor what the condition reads changed: as in the base
                if base.ignored.contains(&s) {
                    ignored.push(s);
                }
                continue;
            }
            if !inc.mark[s] {
                inc.mark[s] = true;
                inc.slots.push(*slot);
            }
            self.answers[s] = answers.get(s).copied().unwrap_or(Value::UNANSWERED);
            self.asked[s] = true;
            self.follow_up(s, code, ignored)?;
        }
        for (i, code) in plan.lets.iter().enumerate() {
            let (slots, lets) = &base.let_reads[i];
            let touched = slots.iter().any(|&r| inc.mark[r as usize])
                || lets.iter().any(|l| inc.lets.contains(l));
            if !touched {
                continue;
            }
            let v = run!(self, code).map_err(|_| overflow_at(EvalAt::Let(i)))?;
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
        match self.inc.primed.take() {
            Some(primed) if primed.raw.len() == answers.len() => {
                let r = self.conditions_from(&primed, answers, changed);
                self.inc.primed = Some(primed);
                r?;
            }
            other => {
                self.inc.primed = other;
                self.conditions(answers)?;
            }
        }
        points.clear();
        for &r in rules {
            let Some(rp) = plan.rules.get(r) else {
                return Err(overflow_at(EvalAt::Rule(r)));
            };
            let (p, _) = self.rule(r, rp).map_err(|_| overflow_at(EvalAt::Rule(r)))?;
            points.push(p);
        }
        Ok(())
    }
}
