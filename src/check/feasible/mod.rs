//! What the constraints allow, decided by trying answers: a constraint (or a set of them) that
//! no answers satisfy, a table row or `match` arm only forbidden answers reach, a section level
//! only forbidden answers reach (docs/diagnostics.md, "How constraints are checked").
//!
//! The unit of work is one `require` of a constraint together with the constraint's `when`.
//! Units that read a common question (directly, through `let`s, or through the follow-up
//! conditions of the questions they read) form a component; each component is decided on its
//! own by trying every combination of candidate values for its questions (`domain.rs`) with the
//! real evaluator ([`crate::eval::Evaluator`]) on a plan that holds only what is being decided.
//! The candidate values cover every case the expressions tell apart unless a number is used in
//! arithmetic; then, and when a component has more than [`BUDGET`] combinations, the checker
//! claims only what a combination it tried proves, and says what it could not decide.
//!
//! - `sat.rs`: (a) constraints no answers satisfy;
//! - `rows.rs`: each rule that reads a constrained question, tried with and without the
//!   constraints: (b) rows and arms only forbidden answers reach, and its most points;
//! - `levels.rs`: (c) section levels beyond the most points the constraints allow.

mod domain;
mod levels;
mod rows;
mod sat;
mod show;
mod uses;

use super::CheckError;
use crate::hir::{Expr, Program};
use crate::plan::{self, ConstraintPlan, Plan};
use crate::value::Value;
use domain::Domain;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The most combinations tried for one component or one rule.
pub(super) const BUDGET: u64 = 200_000;

/// The most combinations tried for the whole ruleset (so that `check` stays fast).
const TOTAL_BUDGET: u64 = 1_000_000;

/// The diagnostics of the analysis of `p`'s constraints (none when it has none).
pub(super) fn check(p: &Program) -> Vec<CheckError> {
    if p.constraints.is_empty() {
        return Vec::new();
    }
    let mut a = Analysis::new(p);
    let mut out = Vec::new();
    let status = a.satisfiability(&mut out);
    let studies = a.rules(&status, &mut out);
    a.levels(&studies, &mut out);
    out
}

/// Why an enumeration of `combos` combinations stopped before the end.
fn over_budget(combos: u64) -> String {
    if combos > BUDGET {
        format!("its questions have {combos} combinations of the values that matter; the check tries at most {BUDGET}")
    } else {
        format!("the check's budget of {TOTAL_BUDGET} combinations for the whole ruleset ran out")
    }
}

/// One `require` of a constraint, with the slots it and the constraint's `when` read.
pub(super) struct Unit {
    pub c: usize,
    pub r: usize,
    pub slots: BTreeSet<usize>,
}

/// Units that share questions.
pub(super) struct Component {
    pub units: Vec<usize>,
    pub slots: BTreeSet<usize>,
}

/// What the satisfiability check found for a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// Every constraint can be met (or never applies).
    Met,
    /// Reported as an error: the rules it touches are not analysed further.
    Unsat,
    /// Reported as not decided.
    Undecided,
}

/// How an enumeration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Walk {
    /// Every combination was tried.
    Done,
    /// The visitor stopped it (it had its answer).
    Stopped,
    /// The budget ran out first.
    OverBudget,
}

pub(super) struct Analysis<'p> {
    p: &'p Program,
    plan: Plan,
    units: Vec<Unit>,
    comps: Vec<Component>,
    /// Combinations tried so far (against [`TOTAL_BUDGET`]).
    spent: u64,
}

impl<'p> Analysis<'p> {
    fn new(p: &'p Program) -> Self {
        let units = units(p);
        let comps = components(&units);
        Analysis {
            p,
            plan: plan::lower(p),
            units,
            comps,
            spent: 0,
        }
    }

    /// The combinations this enumeration may still try.
    fn allowance(&self) -> u64 {
        BUDGET.min(TOTAL_BUDGET.saturating_sub(self.spent))
    }

    /// A plan for deciding `units`: the follow-up conditions and `let`s of the ruleset, no
    /// rule, and per unit a constraint with its `when` and its `require` (and, with
    /// `negation`, the `require` negated, which is "broken" exactly when the `require` holds).
    fn probe_plan(&self, units: &[usize], negation: bool) -> Plan {
        let base = &self.plan;
        let constraints = units
            .iter()
            .map(|&u| {
                let (c, r) = self.unit_parts(u);
                let mut requires = vec![plan::compile(&r.expr)];
                if negation {
                    requires.push(plan::compile(&Expr::Not(Box::new(r.expr.clone()))));
                }
                ConstraintPlan {
                    when: c.when.as_ref().map(plan::compile),
                    requires,
                }
            })
            .collect();
        Plan {
            n_slots: base.n_slots,
            n_questions: base.n_questions,
            ask: base.ask.clone(),
            lets: base.lets.clone(),
            rules: Vec::new(),
            sections: Vec::new(),
            weights: Vec::new(),
            min_sections: 1,
            index_thresholds: base.index_thresholds.clone(),
            compare: base.compare,
            rounding: base.rounding,
            constraints,
        }
    }

    /// The `when`s and `require`s of `units`.
    fn unit_exprs(&self, units: &[usize]) -> Vec<&'p Expr> {
        let mut out = Vec::new();
        for &u in units {
            let (c, r) = self.unit_parts(u);
            out.extend(c.when.as_ref());
            out.push(&r.expr);
        }
        out
    }

    fn unit_parts(&self, u: usize) -> (&'p crate::hir::Constraint, &'p crate::hir::Require) {
        let unit = &self.units[u];
        let c = &self.p.constraints[unit.c];
        (c, &c.requires[unit.r])
    }

    /// "constraint `a`", "constraints `a` and `b`" for constraint indices.
    fn constraint_names(&self, cs: &BTreeSet<usize>) -> String {
        let names: Vec<String> = cs
            .iter()
            .map(|&c| format!("`{}`", self.p.constraints[c].name))
            .collect();
        match names.as_slice() {
            [one] => format!("constraint {one}"),
            [init @ .., last] => format!("constraints {} and {last}", init.join(", ")),
            [] => "no constraint".into(),
        }
    }

    /// Calls `visit` on every combination of `d`'s values (the other slots unanswered) until
    /// it returns `false` or the allowance runs out.
    fn each(&mut self, d: &Domain, visit: impl FnMut(&[Value]) -> bool) -> Walk {
        let mut answers = vec![Value::UNANSWERED; self.plan.n_slots];
        let (walk, tried) = odometer(d, &mut answers, self.allowance(), visit);
        self.spent += tried;
        walk
    }

    /// Keeps in `plan` only the follow-up conditions of `slots` and the `let`s `exprs` read
    /// (the others compute nothing, and are dropped with the codes renumbered): every
    /// evaluation then does only what matters.
    fn prune(&self, plan: &mut Plan, slots: &BTreeSet<usize>, exprs: &[&Expr]) {
        plan.ask.retain(|(s, _)| slots.contains(&(*s as usize)));
        let mut lets = HashSet::new();
        for e in exprs {
            uses::lets_read(self.p, e, &mut lets);
        }
        // the kept `let`s in their order (a `let` reads only earlier ones)
        let mut renumber: Vec<Option<u32>> = vec![None; plan.lets.len()];
        let mut kept = Vec::new();
        for (i, code) in std::mem::take(&mut plan.lets).into_iter().enumerate() {
            if lets.contains(&i) {
                renumber[i] = u32::try_from(kept.len()).ok();
                kept.push(code);
            }
        }
        plan.lets = kept;
        for_each_code(plan, |code| {
            for op in &mut code.ops {
                if let plan::Op::Let(l) = op {
                    // a dropped `let` reads as unanswered, as it did when it computed nothing
                    *op = match renumber.get(*l as usize).copied().flatten() {
                        Some(n) => plan::Op::Let(n),
                        None => plan::Op::Const(Value::UNANSWERED),
                    };
                }
            }
        });
    }
}

/// Calls `f` on every compiled expression of `plan`.
fn for_each_code(plan: &mut Plan, mut f: impl FnMut(&mut plan::Code)) {
    plan.ask.iter_mut().for_each(|(_, c)| f(c));
    plan.lets.iter_mut().for_each(&mut f);
    for r in &mut plan.rules {
        match &mut r.kind {
            plan::RuleKind::Table { inputs, .. } => inputs.iter_mut().for_each(&mut f),
            plan::RuleKind::Points(c) => f(c),
            plan::RuleKind::Sum { .. } => {}
        }
    }
    for s in &mut plan.sections {
        s.applicable.iter_mut().for_each(&mut f);
    }
    for c in &mut plan.constraints {
        c.when.iter_mut().for_each(&mut f);
        c.requires.iter_mut().for_each(&mut f);
    }
}

/// Writes every combination of `d`'s values into `answers` and calls `visit` on each until it
/// returns `false` or `limit` combinations were tried; returns how it ended and how many were
/// tried. `answers` holds the last combination tried afterwards.
fn odometer(
    d: &Domain,
    answers: &mut [Value],
    limit: u64,
    mut visit: impl FnMut(&[Value]) -> bool,
) -> (Walk, u64) {
    if d.values.iter().any(|v| v.is_empty()) {
        return (Walk::Done, 0);
    }
    for (i, &s) in d.slots.iter().enumerate() {
        answers[s] = d.values[i][0];
    }
    let mut idx = vec![0usize; d.slots.len()];
    let mut tried = 0u64;
    let walk = 'all: loop {
        if tried >= limit {
            break Walk::OverBudget;
        }
        tried += 1;
        if !visit(answers) {
            break Walk::Stopped;
        }
        // the next combination: the last slot turns fastest
        let mut i = d.slots.len();
        loop {
            if i == 0 {
                break 'all Walk::Done;
            }
            i -= 1;
            idx[i] += 1;
            if let Some(&v) = d.values[i].get(idx[i]) {
                answers[d.slots[i]] = v;
                break;
            }
            idx[i] = 0;
            answers[d.slots[i]] = d.values[i][0];
        }
    };
    (walk, tried)
}

/// Every `require` of every constraint as a unit.
fn units(p: &Program) -> Vec<Unit> {
    let mut out = Vec::new();
    for (ci, c) in p.constraints.iter().enumerate() {
        let mut when = BTreeSet::new();
        if let Some(w) = &c.when {
            uses::mentions(p, w, &mut when);
        }
        for (ri, r) in c.requires.iter().enumerate() {
            let mut slots = when.clone();
            uses::mentions(p, &r.expr, &mut slots);
            uses::close_over_follow_ups(p, &mut slots);
            out.push(Unit {
                c: ci,
                r: ri,
                slots,
            });
        }
    }
    out
}

/// Units grouped by shared slots (in the order of their first unit).
fn components(units: &[Unit]) -> Vec<Component> {
    let mut root: Vec<usize> = (0..units.len()).collect();
    fn find(root: &mut [usize], mut u: usize) -> usize {
        while root[u] != u {
            root[u] = root[root[u]];
            u = root[u];
        }
        u
    }
    let mut owner: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        for &s in &u.slots {
            match owner.get(&s) {
                Some(&o) => {
                    let (a, b) = (find(&mut root, o), find(&mut root, i));
                    if a != b {
                        root[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    owner.insert(s, i);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Component> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        let r = find(&mut root, i);
        let comp = by_root.entry(r).or_insert_with(|| Component {
            units: Vec::new(),
            slots: BTreeSet::new(),
        });
        comp.units.push(i);
        comp.slots.extend(u.slots.iter().copied());
    }
    by_root.into_values().collect()
}

#[cfg(test)]
mod tests;
