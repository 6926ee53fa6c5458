//! (a) Constraints that no answers satisfy.
//!
//! A `require` is met when some answers to its component's questions make its constraint apply
//! (`when` true), make the `require` checkable (not missing: its questions asked and answered)
//! and break no constraint of the component. Questions are answered with values (not
//! `dont_know`/`not_applicable`, which never break a constraint); a question the constraints
//! test with `answered`/`asked` may also be left unanswered. A `require` that is checkable for
//! some answers but never without breaking a constraint is unsatisfiable — every unit that
//! answers those questions would be rejected. One that is never checkable (its `when` never
//! holds, or its questions are never asked together) is not reported.

use super::domain::{self, Mode};
use super::uses::Uses;
use super::{show, Analysis, Status, Walk, BUDGET};
use crate::check::CheckError;
use crate::eval::Evaluator;
use std::collections::{BTreeMap, BTreeSet};

/// What the tries showed about one unit.
#[derive(Default, Clone)]
struct Seen {
    /// Checkable for some combination.
    checkable: bool,
    /// Checkable and every constraint met for some combination.
    met: bool,
    /// The constraints broken whenever it was checkable.
    broken_by: BTreeSet<usize>,
    /// Up to three combinations that broke something, with what they broke (unit indices).
    examples: Vec<(String, BTreeSet<usize>)>,
}

impl Analysis<'_> {
    /// Decides every component; reports what no answers satisfy and what was not decided.
    pub(super) fn satisfiability(&mut self, out: &mut Vec<CheckError>) -> Vec<Status> {
        (0..self.comps.len())
            .map(|ci| self.component(ci, out))
            .collect()
    }

    fn component(&mut self, ci: usize, out: &mut Vec<CheckError>) -> Status {
        let p = self.p;
        let units = self.comps[ci].units.clone();
        let slots = self.comps[ci].slots.clone();
        let mut uses = Uses::new(p);
        for &u in &units {
            let (c, r) = self.unit_parts(u);
            if let Some(w) = &c.when {
                uses.condition(w);
            }
            uses.condition(&r.expr);
        }
        for &s in &slots {
            if let Some(Some(cond)) = p.ask_if.get(s) {
                uses.condition(cond);
            }
        }
        let d = domain::build(p, &slots, &uses, Mode::Answered, BUDGET);
        let mut plan = self.probe_plan(&units, true);
        self.prune(&mut plan, &slots, &self.unit_exprs(&units));
        let mut ev = Evaluator::new(&plan);
        let mut seen = vec![Seen::default(); units.len()];
        let mut overflow = false;
        let mut broken = Vec::new();
        let unit_c: Vec<usize> = units.iter().map(|&u| self.units[u].c).collect();
        // the questions each `require` and its `when` read (what an example shows)
        let require_slots: Vec<BTreeSet<usize>> = units
            .iter()
            .map(|&u| {
                let (c, r) = self.unit_parts(u);
                let mut out = BTreeSet::new();
                super::uses::mentions(p, &r.expr, &mut out);
                if let Some(w) = &c.when {
                    super::uses::mentions(p, w, &mut out);
                }
                out
            })
            .collect();
        let walk = self.each(&d, |a| {
            if ev.violations(a, &mut broken).is_err() {
                overflow = true;
                return true;
            }
            let falses: BTreeSet<usize> = broken
                .iter()
                .filter(|v| v.1 == 0)
                .map(|v| v.0 as usize)
                .collect();
            for (k, s) in seen.iter_mut().enumerate() {
                if !broken.iter().any(|v| v.0 as usize == k) {
                    continue;
                }
                s.checkable = true;
                if falses.is_empty() {
                    s.met = true;
                    continue;
                }
                s.broken_by.extend(falses.iter().map(|&f| unit_c[f]));
                if s.examples.len() < 3 && s.examples.iter().all(|e| e.1 != falses) {
                    let shown: Vec<usize> = falses
                        .iter()
                        .flat_map(|&f| require_slots[f].iter().copied())
                        .collect::<BTreeSet<usize>>()
                        .into_iter()
                        .collect();
                    s.examples
                        .push((show::answers(p, &shown, a), falses.clone()));
                }
            }
            !seen.iter().all(|s| s.met)
        });
        let mut gaps = d.gaps.clone();
        if overflow {
            gaps.push("the arithmetic overflowed for some of the values tried".into());
        }
        self.report(&units, &seen, &d, walk, &gaps, out)
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        units: &[usize],
        seen: &[Seen],
        d: &domain::Domain,
        walk: Walk,
        gaps: &[String],
        out: &mut Vec<CheckError>,
    ) -> Status {
        let decided = walk != Walk::OverBudget && gaps.is_empty();
        let mut status = Status::Met;
        let mut conflicts: BTreeMap<BTreeSet<usize>, usize> = BTreeMap::new();
        let mut undecided: BTreeSet<usize> = BTreeSet::new();
        for (k, s) in seen.iter().enumerate() {
            if s.met || !(s.checkable || walk == Walk::OverBudget) {
                continue;
            }
            let c = self.units[units[k]].c;
            if decided {
                conflicts.entry(s.broken_by.clone()).or_insert(k);
            } else if undecided.insert(c) {
                status = Status::Undecided;
                out.push(self.undecided(units, k, s, d, walk, gaps));
            }
        }
        for (_, k) in conflicts {
            status = Status::Unsat;
            out.push(self.unsatisfiable(units, k, &seen[k], d));
        }
        status
    }

    fn unsatisfiable(&self, units: &[usize], k: usize, s: &Seen, d: &domain::Domain) -> CheckError {
        let (c, r) = self.unit_parts(units[k]);
        let this = self.units[units[k]].c;
        let others: BTreeSet<usize> = s.broken_by.iter().copied().filter(|&o| o != this).collect();
        let together = if others.is_empty() {
            String::new()
        } else {
            format!("together with {}, ", self.constraint_names(&others))
        };
        let reason = format!(
            "{together}no answers meet `{}` where it applies: {}; every combination of the values the constraints tell apart was tried ({})",
            show::require(self.p, r),
            self.examples(units, s),
            show::tried(self.p, d),
        );
        CheckError::UnsatisfiableConstraint {
            name: c.name.clone(),
            reason,
            help: "a unit answering these questions would always be rejected; correct the constraint or the ones it conflicts with, or limit it with `when`".into(),
            span: r.span,
        }
    }

    fn undecided(
        &self,
        units: &[usize],
        k: usize,
        s: &Seen,
        d: &domain::Domain,
        walk: Walk,
        gaps: &[String],
    ) -> CheckError {
        let (c, r) = self.unit_parts(units[k]);
        let why = if walk == Walk::OverBudget {
            super::over_budget(d.combos)
        } else {
            format!(
                "no combination tried meets it ({}), but the values tried need not cover every case: {}",
                self.examples(units, s),
                gaps.join("; ")
            )
        };
        CheckError::ConstraintNotProven {
            what: format!("constraint `{}` can be met", c.name),
            reason: format!("`{}`: {why}", show::require(self.p, r)),
            span: r.span,
        }
    }

    /// "q_a = 0, q_b = 0 breaks `q_a > q_b` and `q_b > q_a`; ...".
    fn examples(&self, units: &[usize], s: &Seen) -> String {
        if s.examples.is_empty() {
            return "no combination could be checked".into();
        }
        s.examples
            .iter()
            .map(|(answers, broke)| {
                let rs: Vec<String> = broke
                    .iter()
                    .map(|&k| {
                        let (c, r) = self.unit_parts(units[k]);
                        format!("`{}` ({})", show::require(self.p, r), c.name)
                    })
                    .collect();
                format!("{answers} breaks {}", rs.join(" and "))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}
