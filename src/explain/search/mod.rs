//! The improvement search: the smallest set of answer changes that lifts a section (or the index)
//! to the next level.
//!
//! 1. **Dependencies** (`deps`). Per program: which questions every rule, follow-up condition
//!    and `applicable if` reads, the numbers the rules compare each question with, and how the
//!    rules read each multiple choice.
//! 2. **Candidates** (`candidates`, `numeric`). For every question the unit may change (a scored
//!    question that one of the allowed sources answers, not declared a `fact`) that can affect a
//!    score: the other valid answers it may take. Single choice: every other option; yes/no: the
//!    other answer; multiple choice: every other non-empty selection (up to 8 options; above
//!    that each option added or toggled, all options, and the options with positive points in
//!    `sum` rules); numbers: see `numeric`. Unless removals are allowed, a selection keeps every
//!    reported option (but an exclusive one, [`exclusive_options`], which goes when another is
//!    added) and a number is not lowered. Each candidate is scored alone by re-evaluating the
//!    rules that read it (`partial`).
//! 3. **Private and coupled questions.** A question is *private* when it gates no follow-up, is in
//!    no `applicable if`, and every rule reading it reads no other changeable question. Private
//!    changes add up exactly (rules are additive within a section), so their combinations are
//!    scored without evaluating; candidates with the same effect are merged, and those that do
//!    not help are dropped. Any set with a coupled question is evaluated with the real evaluator
//!    on the changed answer vector (follow-ups follow: a change that makes a follow-up not asked
//!    drops its answer; one that makes it asked leaves it unanswered).
//! 4. **Bounds** (`bounds`). A sound, additive upper bound of the target's value: the base and
//!    each question's gain when every rule it touches scores full points. A target the bound
//!    cannot reach is out of reach before any search.
//! 5. **Components** (`components`, `knapsack`, `index`). Questions whose effects interact (they
//!    share a rule, or decide whether a section is scored) form a component; the options of each
//!    component are enumerated with up to k changes, k = 1, 2, …, and a knapsack over the
//!    components gives each section's reachable scores with the fewest changes. A section target
//!    takes the fewest changes, then the least overshoot; the index combines the sections'
//!    frontiers (only when no component spans two sections).
//! 6. **Iterative deepening** (`deepening`), when the component search cannot decide: over the
//!    number of changed answers k = 1, 2, … For each k, sets of questions are enumerated in order
//!    of their gain bound; a set is skipped when even full points in every rule it touches could
//!    not reach the target, and every combination of candidate answers of a surviving set is
//!    scored. The first k with a hit is the minimum; among its hits the one with the least
//!    overshoot wins (first found on ties).
//! 7. The work is capped; when the cap is hit the search says so and returns the best set found.
//!
//! The objective: the fewest changed answers, then the least overshoot over the target level's
//! least exact value. Every set found is tightened (`tighten`: the raised numbers of a set of
//! several changes lowered to the least value still reaching the level) and verified with the
//! real evaluator before it is reported.

mod admissible;
mod bounds;
mod candidates;
mod components;
mod deepening;
mod deps;
mod index;
mod knapsack;
mod numeric;
mod partial;
#[cfg(test)]
mod tests;
mod tighten;

pub use candidates::exclusive_options;
pub use deps::Deps;

use crate::eval::{self, Evaluator, UnitOutcome};
use crate::hir::Program;
use crate::num::Num;
use crate::plan::Plan;
use crate::value::Value;
use candidates::SlotCands;
use components::Comp;
use knapsack::CachedFrontier;

/// Points and maximum of each section (`None`: the section has no score).
pub type Scores = Vec<Option<(Num, Num)>>;

/// Answer changes: `(slot, new value)`.
pub type Changes = Vec<(usize, Value)>;

/// What the search must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Section { section: usize, level: u8 },
    Index { level: u8 },
}

/// A set of changes that reaches the target, verified with the real evaluator.
#[derive(Debug, Clone)]
pub struct Found {
    /// `(slot, new value)`, in slot order.
    pub changes: Changes,
    pub outcome: UnitOutcome,
    /// The answers as evaluated after the changes (follow-ups not asked are `not_asked`).
    pub effective: Vec<Value>,
    /// The section score or index value reached (exact).
    pub value: Num,
    pub level: u8,
    /// `value` minus the least exact value of the target level.
    pub overshoot: Num,
}

#[derive(Debug, Clone)]
pub enum SearchOutcome {
    /// `minimal`: every smaller set of candidate changes was checked.
    Found {
        found: Box<Found>,
        minimal: bool,
    },
    OutOfReach {
        reason: String,
    },
    /// The work limit was hit before any set was found.
    Stopped {
        reason: String,
    },
}

#[derive(Debug, Clone)]
pub struct SearchReport {
    pub outcome: SearchOutcome,
    pub evaluations: usize,
}

/// The search state for one unit.
pub struct UnitSearch<'a> {
    p: &'a Program,
    plan: &'a Plan,
    deps: &'a Deps,
    ev: Evaluator<'a>,
    base: Vec<Value>,
    base_effective: Vec<Value>,
    base_outcome: UnitOutcome,
    base_scores: Scores,
    changeable: Vec<bool>,
    /// Whether a proposal may deselect a reported option or lower a reported number.
    allow_removals: bool,
    /// Per slot, what the search knows of the constraints (see `admissible`).
    ties: admissible::Ties,
    slots: Option<Vec<SlotCands>>,
    comps: Option<Vec<Comp>>,
    /// Each section's points and maximum at the base answers (also without a score).
    baseline_pm: Vec<(Num, Num)>,
    /// The base answers, changed in place for partial evaluations and restored.
    work: Vec<Value>,
    rules_scratch: Vec<usize>,
    deps_rules_scratch: Vec<usize>,
    points_scratch: Vec<Option<Num>>,
    changed_scratch: Vec<usize>,
    /// Per section: the last frontier and the number of component options it was built from.
    frontiers: std::cell::RefCell<Vec<Option<CachedFrontier>>>,
    /// Evaluations with the real evaluator so far (candidates and searches).
    pub evaluations: usize,
    /// Combinations of private changes scored by addition (cheap; capped at 20 × the cap).
    pub additions: usize,
}

fn scores_of(o: &UnitOutcome) -> Scores {
    o.sections
        .iter()
        .map(|s| s.as_ref().ok().map(|s| (s.points, s.max)))
        .collect()
}

impl<'a> UnitSearch<'a> {
    /// `answers`: the unit's answers (slots); answers to questions not asked are ignored.
    /// `changeable`: per slot, whether the search may change it (a question declared a `fact`
    /// never is). Proposals never remove what the unit reports unless [`Self::allow_removals`].
    pub fn new(
        p: &'a Program,
        plan: &'a Plan,
        deps: &'a Deps,
        answers: &[Value],
        changeable: Vec<bool>,
    ) -> Result<UnitSearch<'a>, eval::EvalError> {
        let mut ev = Evaluator::new(plan);
        let first = ev.eval(answers)?;
        let mut base = answers.to_vec();
        base.resize(plan.n_slots, Value::UNANSWERED);
        // an answer that was ignored stays unanswered if a change makes its question asked
        for &s in &first.answered_not_asked {
            base[s] = Value::UNANSWERED;
        }
        let base_outcome = ev.eval(&base)?;
        let base_effective = ev.effective_answers().to_vec();
        // the searches re-score a few rules for a few changed answers at a time
        ev.prime(&base)?;
        let base_scores = scores_of(&base_outcome);
        let baseline_pm = (0..p.sections.len())
            .map(|s| rules_pm(p, &base_outcome, s))
            .collect();
        let work = base.clone();
        let mut changeable = changeable;
        for (s, q) in p.schema.questions.iter().enumerate() {
            if q.fact {
                if let Some(c) = changeable.get_mut(s) {
                    *c = false;
                }
            }
        }
        let ties = admissible::ties(p, deps, &changeable);
        Ok(UnitSearch {
            p,
            plan,
            deps,
            ev,
            ties,
            base,
            base_effective,
            base_outcome,
            base_scores,
            changeable,
            allow_removals: false,
            slots: None,
            comps: None,
            baseline_pm,
            work,
            rules_scratch: Vec::new(),
            deps_rules_scratch: Vec::new(),
            points_scratch: Vec::new(),
            changed_scratch: Vec::new(),
            frontiers: Default::default(),
            evaluations: 2,
            additions: 0,
        })
    }

    /// Lets proposals deselect options the unit selected and lower numbers it reported
    /// (`--allow-removals`); call before the first search.
    pub fn allow_removals(mut self, allow: bool) -> Self {
        self.allow_removals = allow;
        self.slots = None;
        self.comps = None;
        self
    }

    /// Whether the search may change slot `s`.
    pub fn changeable(&self, s: usize) -> bool {
        self.changeable.get(s).copied().unwrap_or(false)
    }

    pub fn base(&self) -> &[Value] {
        &self.base
    }

    /// The base answers as evaluated (follow-ups not asked are `not_asked`).
    pub fn base_effective(&self) -> &[Value] {
        &self.base_effective
    }

    pub fn base_outcome(&self) -> &UnitOutcome {
        &self.base_outcome
    }

    fn eval_with(&mut self, changes: &[(usize, Value)]) -> Option<UnitOutcome> {
        let mut a = self.base.clone();
        for &(s, v) in changes {
            a[s] = v;
        }
        self.evaluations += 1;
        // answers that break a constraint are never a proposal (see `admissible`)
        self.ev.eval(&a).ok().filter(|o| o.violations.is_empty())
    }

    /// The exact section score, compared value and level for `(points, max)`.
    pub fn section_level(&self, s: usize, pm: (Num, Num)) -> Option<(Num, u8)> {
        let score = Num::HUNDRED.mul(pm.0).ok()?.div(pm.1).ok()??;
        let c = eval::compared(self.plan, score);
        let sp = &self.plan.sections[s];
        let level = if sp.zero_apart && c.is_zero() {
            0
        } else {
            sp.thresholds.level(c)
        };
        Some((score, level))
    }

    /// The exact index value and level, as the evaluator computes it.
    pub fn index_level(&self, scores: &Scores) -> Option<(Num, u8)> {
        let plan = self.plan;
        let have: Vec<usize> = (0..scores.len())
            .filter(|&s| scores[s].is_some() && !plan.weights[s].is_zero())
            .collect();
        if have.len() < plan.min_sections || have.is_empty() {
            return None;
        }
        let mut wsum = Num::ZERO;
        let mut acc = Num::ZERO;
        for &s in &have {
            let (score, _) = self.section_level(s, scores[s]?)?;
            wsum = wsum.add(plan.weights[s]).ok()?;
            acc = acc.add(plan.weights[s].mul(score).ok()?).ok()?;
        }
        let v = acc.div(wsum).ok()??;
        Some((v, plan.index_thresholds.level(eval::compared(plan, v))))
    }

    /// The value and level a target measures.
    fn measure(&self, scores: &Scores, t: Target) -> Option<(Num, u8)> {
        match t {
            Target::Section { section, .. } => self.section_level(section, scores[section]?),
            Target::Index { .. } => self.index_level(scores),
        }
    }

    /// The least exact value that can reach the target level (for bounds and overshoot).
    pub fn need(&self, t: Target) -> Option<Num> {
        let (thr, level) = match t {
            Target::Section { section, level } => (&self.plan.sections[section].thresholds, level),
            Target::Index { level } => (&self.plan.index_thresholds, level),
        };
        if level == 1 {
            // from level 0 (zero apart): a score whose compared value is above 0 — any
            // positive score when comparing exact scores, else half a unit of the last
            // compared decimal (0.5 with `compare rounded 0`)
            return match self.plan.compare {
                Some(d) => Num::frac(1, 2 * 10i128.pow(d)),
                None => Some(Num::ZERO),
            };
        }
        let bound = *thr.bounds.get(level as usize - 2)?;
        let start = match (thr.kind, self.plan.compare) {
            (crate::hir::ThresholdKind::Upper, Some(d)) => {
                bound.add(Num::frac(1, 10i128.pow(d))?).ok()?
            }
            _ => bound,
        };
        match self.plan.compare {
            Some(d) => start.sub(Num::frac(1, 2 * 10i128.pow(d))?).ok(),
            None => Some(start),
        }
    }

    /// Searches the smallest set of changes reaching `t`; `cap` limits the evaluations.
    pub fn search(&mut self, t: Target, cap: usize) -> SearchReport {
        let start = self.evaluations;
        self.additions = 0;
        let outcome = self.search_inner(t, cap.saturating_add(start));
        SearchReport {
            outcome,
            evaluations: self.evaluations - start,
        }
    }

    fn search_inner(&mut self, t: Target, cap: usize) -> SearchOutcome {
        self.prepare();
        if let Some(out) = self.quick_out_of_reach(t) {
            return out;
        }
        if let Some(out) = self.dp_search(t, cap) {
            return out;
        }
        let all = self.slots.take().unwrap_or_default();
        let result = self.deepen(t, cap, &all);
        self.slots = Some(all);
        result
    }

    /// Re-evaluates a change set with the real evaluator, tightened first when that verifies
    /// (see `tighten`).
    fn verify(&mut self, t: Target, changes: Changes) -> Option<Found> {
        let tight = self.tighten(t, &changes);
        if tight != changes {
            if let Some(found) = self.verify_as_is(t, tight) {
                return Some(found);
            }
        }
        self.verify_as_is(t, changes)
    }

    /// Re-evaluates a change set with the real evaluator.
    fn verify_as_is(&mut self, t: Target, changes: Changes) -> Option<Found> {
        let o = self.eval_with(&changes)?;
        let scores = scores_of(&o);
        let (value, level) = self.measure(&scores, t)?;
        let target_level = match t {
            Target::Section { level, .. } | Target::Index { level } => level,
        };
        if level < target_level {
            return None;
        }
        let need = self.need(t)?;
        Some(Found {
            changes,
            effective: self.ev.effective_answers().to_vec(),
            outcome: o,
            value,
            level,
            overshoot: value.sub(need).ok()?,
        })
    }
}

/// Points and maximum of a section's included rules in an outcome.
fn rules_pm(p: &Program, o: &UnitOutcome, s: usize) -> (Num, Num) {
    let mut pm = (Num::ZERO, Num::ZERO);
    for &r in &p.sections[s].rules {
        if let Some(pt) = o.rules[r].points {
            pm.0 = pm.0.add(pt).unwrap_or(pm.0);
            pm.1 = pm.1.add(o.rules[r].max).unwrap_or(pm.1);
        }
    }
    pm
}
