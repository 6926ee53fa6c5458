//! (b) Rows and arms only forbidden answers reach, and each rule's most points under the
//! constraints (for `levels.rs`).
//!
//! A rule is studied when it reads a question of a component (directly, through `let`s or
//! follow-up conditions). Its questions and those of every component it touches are tried in
//! every combination — now with every missing state a question allows, since handlers and
//! `missing` cells tell them apart — on a plan holding the rule alone and the components'
//! constraints. A row that counts for some combination, but for none that keeps every
//! constraint, is unreachable because of the constraints (rows no combination reaches are left
//! to the table checks).

use super::domain::Domain;
use super::domain::{self, Mode};
use super::uses::{self, Uses};
use super::{show, Analysis, Status, Walk};
use crate::check::CheckError;
use crate::eval::{Evaluator, UnitOutcome, Why};
use crate::hir::{Expr, Program, Rule, Scoring};
use crate::num::Num;
use crate::plan::{Plan, SectionPlan};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The most a rule gives: its best points when it counts, and whether it can be excluded.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Reach {
    pub best: Option<Num>,
    pub exclude: bool,
}

impl Reach {
    fn add(&mut self, points: Option<Num>) {
        match points {
            None => self.exclude = true,
            Some(p) => self.best = Some(self.best.map_or(p, |b| b.max(p))),
        }
    }
}

/// What trying a rule's questions showed.
pub(super) struct Study {
    pub rule: usize,
    /// Every combination was tried.
    pub complete: bool,
    /// Why the values tried may miss a case (empty: they cover every case).
    pub gaps: Vec<String>,
    /// Without the constraints.
    pub free: Reach,
    /// Keeping every constraint.
    pub held: Reach,
    /// Per set of constraints broken, the most points a combination breaking them gave.
    pub broken_best: BTreeMap<BTreeSet<usize>, Num>,
}

/// What the tries showed about one row.
#[derive(Default, Clone)]
struct RowSeen {
    any: bool,
    clean: bool,
    /// The constraints broken by every combination that reached it (else by any).
    every: Option<BTreeSet<usize>>,
    some: BTreeSet<usize>,
    example: Option<(usize, String)>,
}

/// One combination of a rule's own questions: whether some answers to the other questions keep
/// every constraint, else what the answers tried broke.
#[derive(Default)]
struct Completion {
    clean: bool,
    every: Option<BTreeSet<usize>>,
    some: BTreeSet<usize>,
    /// The answers tried that broke the fewest `require`s (how many, and the text).
    example: Option<(usize, String)>,
}

impl Completion {
    fn note(
        &mut self,
        b: &[Value],
        broken: &[(u32, u32)],
        unit_of: &[(usize, usize, BTreeSet<usize>)],
        p: &Program,
        read: &BTreeSet<usize>,
    ) {
        let set: BTreeSet<usize> = broken.iter().map(|v| unit_of[v.0 as usize].0).collect();
        self.some.extend(set.iter().copied());
        self.every = Some(match self.every.take() {
            None => set,
            Some(e) => e.intersection(&set).copied().collect(),
        });
        // the example that breaks the fewest constraints shows best what blocks the answers
        if self.example.as_ref().is_none_or(|e| broken.len() < e.0) {
            let mut shown = read.clone();
            for v in broken {
                shown.extend(unit_of[v.0 as usize].2.iter().copied());
            }
            let shown: Vec<usize> = shown.into_iter().collect();
            let what = breaks(p, broken, unit_of);
            let text = format!("{} breaks {what}", show::answers(p, &shown, b));
            self.example = Some((broken.len(), text));
        }
    }

    /// The constraints every completion broke (else those some broke).
    fn blockers(&self) -> BTreeSet<usize> {
        match &self.every {
            Some(e) if !e.is_empty() => e.clone(),
            _ => self.some.clone(),
        }
    }
}

/// What the tries of one rule showed.
#[derive(Default)]
struct Tally {
    free: Reach,
    held: Reach,
    broken_best: BTreeMap<BTreeSet<usize>, Num>,
    rows: Vec<RowSeen>,
    /// Combinations no row counted for (no match, or a handler).
    uncounted: u64,
    overflow: bool,
}

impl Tally {
    fn record(&mut self, points: Option<Num>, why: &Why, c: Completion) {
        self.free.add(points);
        if c.clean {
            self.held.add(points);
        } else if let Some(pts) = points {
            let e = self.broken_best.entry(c.blockers()).or_insert(pts);
            *e = (*e).max(pts);
        }
        let Why::Rows { rows: hit } = why else {
            self.uncounted += 1;
            return;
        };
        for &h in hit {
            let Some(row) = self.rows.get_mut(h) else {
                continue;
            };
            row.any = true;
            if c.clean {
                row.clean = true;
                continue;
            }
            let set = c.blockers();
            row.some.extend(set.iter().copied());
            row.every = Some(match row.every.take() {
                None => set,
                Some(e) => e.intersection(&set).copied().collect(),
            });
            if let Some(e) = &c.example {
                if row.example.as_ref().is_none_or(|r| e.0 < r.0) {
                    row.example = Some(e.clone());
                }
            }
        }
    }
}

/// A rule's own expressions.
fn rule_exprs(r: &Rule) -> Vec<&Expr> {
    match &r.scoring {
        Scoring::Table { inputs, .. } => inputs.iter().collect(),
        Scoring::Sum { .. } => Vec::new(),
        Scoring::Points(e) => vec![e],
    }
}

/// The slots a rule reads (its own expressions, through `let`s).
pub(super) fn rule_reads(p: &Program, r: &Rule) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    match &r.scoring {
        Scoring::Table { inputs, .. } => inputs.iter().for_each(|e| uses::mentions(p, e, &mut out)),
        Scoring::Sum { question, .. } => {
            out.insert(*question);
        }
        Scoring::Points(e) => uses::mentions(p, e, &mut out),
    }
    out
}

impl Analysis<'_> {
    /// Studies every rule that reads a constrained question; reports rows only forbidden
    /// answers reach.
    pub(super) fn rules(&mut self, status: &[Status], out: &mut Vec<CheckError>) -> Vec<Study> {
        (0..self.p.rules.len())
            .filter_map(|i| self.study(i, status, out))
            .collect()
    }

    /// The slots to try for rule `i` and the units of the components it touches; `None` when
    /// it touches none, or one already reported unsatisfiable.
    fn scope(
        &self,
        read: &BTreeSet<usize>,
        status: &[Status],
    ) -> Option<(BTreeSet<usize>, Vec<usize>)> {
        let mut slots = read.clone();
        uses::close_over_follow_ups(self.p, &mut slots);
        let mut taken = vec![false; self.comps.len()];
        loop {
            let next = (0..self.comps.len())
                .find(|&c| !taken[c] && !self.comps[c].slots.is_disjoint(&slots))?;
            if status[next] == Status::Unsat {
                return None;
            }
            taken[next] = true;
            slots.extend(self.comps[next].slots.iter().copied());
            uses::close_over_follow_ups(self.p, &mut slots);
            if (0..self.comps.len()).all(|c| taken[c] || self.comps[c].slots.is_disjoint(&slots)) {
                break;
            }
        }
        let units = (0..self.comps.len())
            .filter(|&c| taken[c])
            .flat_map(|c| self.comps[c].units.iter().copied())
            .collect();
        Some((slots, units))
    }

    fn rule_uses(&self, i: usize, slots: &BTreeSet<usize>, units: &[usize]) -> Uses<'_> {
        let p = self.p;
        let mut u = Uses::new(p);
        match &p.rules[i].scoring {
            Scoring::Table { inputs, rows, .. } => {
                for (col, input) in inputs.iter().enumerate() {
                    let cells: Vec<_> = rows.iter().filter_map(|r| r.cells.get(col)).collect();
                    u.column(input, &cells);
                }
            }
            Scoring::Sum {
                question, points, ..
            } => u.sum(*question, points),
            Scoring::Points(e) => u.value(e),
        }
        for &k in units {
            let (c, r) = self.unit_parts(k);
            if let Some(w) = &c.when {
                u.condition(w);
            }
            u.condition(&r.expr);
        }
        for &s in slots {
            if let Some(Some(cond)) = p.ask_if.get(s) {
                u.condition(cond);
            }
        }
        u
    }

    /// A plan with rule `i` alone (in a section of its own) and the units' constraints.
    fn rule_plan(&self, i: usize, units: &[usize]) -> Plan {
        let mut plan = self.probe_plan(units, false);
        let mut rule = self.plan.rules[i].clone();
        let section = &self.plan.sections[rule.section];
        rule.section = 0;
        plan.sections = vec![SectionPlan {
            applicable: None,
            questions: Vec::new(),
            rules: vec![0],
            thresholds: section.thresholds.clone(),
            zero_apart: false,
            max: rule.max,
        }];
        plan.rules = vec![rule];
        plan.weights = vec![Num::ONE];
        plan
    }

    fn study(&mut self, i: usize, status: &[Status], out: &mut Vec<CheckError>) -> Option<Study> {
        let p = self.p;
        let rule = &p.rules[i];
        let read = rule_reads(p, rule);
        let (slots, units) = self.scope(&read, status)?;
        let uses = self.rule_uses(i, &slots, &units);
        let d = domain::build(p, &slots, &uses, Mode::Rule(&read), super::BUDGET);
        let n_rows = match &rule.scoring {
            Scoring::Table { rows, .. } => rows.len(),
            _ => 0,
        };
        let mut st = Study {
            rule: i,
            complete: false,
            gaps: d.gaps.clone(),
            free: Reach::default(),
            held: Reach::default(),
            broken_best: BTreeMap::new(),
        };
        if d.combos > self.allowance() {
            if n_rows > 0 {
                out.push(self.rows_undecided(rule, super::over_budget(d.combos)));
            }
            return Some(st);
        }
        let mut own = read.clone();
        uses::close_over_follow_ups(p, &mut own);
        let (mine, rest) = d.split(&own);
        let mut tally = Tally {
            rows: vec![RowSeen::default(); n_rows],
            ..Tally::default()
        };
        let walk = self.tally(i, &units, (&mine, &rest), &slots, &mut tally);
        st.free = tally.free;
        st.held = tally.held;
        st.broken_best = std::mem::take(&mut tally.broken_best);
        if tally.overflow {
            st.gaps
                .push("the arithmetic overflowed for some of the values tried".into());
        }
        st.complete = walk == Walk::Done;
        if !st.complete && n_rows > 0 {
            out.push(self.rows_undecided(rule, super::over_budget(d.combos)));
        }
        if st.complete {
            let needed = self.needed_rows(i, &mine, &tally);
            self.report_rows(rule, &tally.rows, &needed, &st.gaps, d.combos, out);
        }
        Some(st)
    }

    /// Tries rule `i` on every combination of its own questions (`mine`: the ones it reads and
    /// their follow-up conditions' questions), and for each, the rest of the components'
    /// questions until one combination keeps every constraint.
    fn tally(
        &mut self,
        i: usize,
        units: &[usize],
        (mine, rest): (&Domain, &Domain),
        slots: &BTreeSet<usize>,
        tally: &mut Tally,
    ) -> Walk {
        let p = self.p;
        let mut rule_plan = self.rule_plan(i, &[]);
        self.prune(&mut rule_plan, slots, &rule_exprs(&p.rules[i]));
        let mut probe = self.probe_plan(units, false);
        self.prune(&mut probe, slots, &self.unit_exprs(units));
        let mut rule_ev = Evaluator::new(&rule_plan);
        let mut probe_ev = Evaluator::new(&probe);
        let mut outcome = UnitOutcome::empty();
        let unit_of: Vec<(usize, usize, BTreeSet<usize>)> = units
            .iter()
            .map(|&k| {
                (
                    self.units[k].c,
                    self.units[k].r,
                    self.units[k].slots.clone(),
                )
            })
            .collect();
        let read = rule_reads(p, &p.rules[i]);
        let mut full = vec![Value::UNANSWERED; self.plan.n_slots];
        let mut inner = 0u64;
        let mut broken = Vec::new();
        let walk = self.each(mine, |a| {
            if rule_ev.eval_into(a, &mut outcome, true).is_err() {
                tally.overflow = true;
                return true;
            }
            let Some(r) = outcome.rules.first() else {
                return true;
            };
            // a completion of the other questions that keeps every constraint, else what
            // every completion breaks
            full.copy_from_slice(a);
            let mut c = Completion::default();
            let (_, n) = super::odometer(rest, &mut full, u64::MAX, |b| {
                if probe_ev.violations(b, &mut broken).is_err() {
                    return true;
                }
                if broken.is_empty() {
                    c.clean = true;
                    return false;
                }
                c.note(b, &broken, &unit_of, p, &read);
                true
            });
            inner += n;
            tally.record(r.points, &r.why, c);
            true
        });
        self.spent += inner;
        walk
    }

    /// The rows that keep the table complete: without them, some combination of `mine` that
    /// a row counted for would have none (the table checks would then report it).
    fn needed_rows(&mut self, i: usize, mine: &Domain, tally: &Tally) -> Vec<bool> {
        let mut needed = vec![false; tally.rows.len()];
        for (h, seen) in tally.rows.iter().enumerate() {
            if !seen.any || seen.clean {
                continue;
            }
            let mut plan = self.rule_plan(i, &[]);
            if let Some(crate::plan::RulePlan {
                kind: crate::plan::RuleKind::Table { rows, .. },
                ..
            }) = plan.rules.first_mut()
            {
                rows.remove(h);
            }
            let mut ev = Evaluator::new(&plan);
            let mut outcome = UnitOutcome::empty();
            let mut uncounted = 0u64;
            self.each(mine, |a| {
                if ev.eval_into(a, &mut outcome, true).is_ok()
                    && outcome
                        .rules
                        .first()
                        .is_some_and(|r| !matches!(r.why, Why::Rows { .. }))
                {
                    uncounted += 1;
                }
                true
            });
            needed[h] = uncounted > tally.uncounted;
        }
        needed
    }

    fn rows_undecided(&self, rule: &Rule, why: String) -> CheckError {
        CheckError::ConstraintNotProven {
            what: format!(
                "the constraints leave every {} of rule `{}` reachable",
                row_word(rule),
                rule.name
            ),
            reason: why,
            span: rule.span,
        }
    }

    fn report_rows(
        &self,
        rule: &Rule,
        rows: &[RowSeen],
        needed: &[bool],
        gaps: &[String],
        combos: u64,
        out: &mut Vec<CheckError>,
    ) {
        let Scoring::Table { rows: hrows, .. } = &rule.scoring else {
            return;
        };
        for (h, (seen, row)) in rows.iter().zip(hrows).enumerate() {
            if !seen.any || seen.clean {
                continue;
            }
            // a row the table needs for completeness that gives the least points is the
            // table's floor, not a promise of points
            if needed.get(h).copied().unwrap_or(false) && row.points <= rule.min {
                continue;
            }
            let blockers = match &seen.every {
                Some(e) if !e.is_empty() => e.clone(),
                _ => seen.some.clone(),
            };
            let example = seen.example.clone().map(|e| e.1).unwrap_or_default();
            let what = format!("{} {}", row_word(rule), h + 1);
            if gaps.is_empty() {
                out.push(CheckError::UnreachableByConstraint {
                    what,
                    rule: rule.name.clone(),
                    reason: format!(
                        "only answers that break {} reach it, e.g. {example} (all {combos} combinations of the values the rule and the constraints tell apart were tried)",
                        self.constraint_names(&blockers)
                    ),
                    span: row.span,
                });
            } else {
                out.push(CheckError::ConstraintNotProven {
                    what: format!("{what} of rule `{}` can apply", rule.name),
                    reason: format!(
                        "of the values tried, only answers that break {} reach it (e.g. {example}), but they need not cover every case: {}",
                        self.constraint_names(&blockers),
                        gaps.join("; ")
                    ),
                    span: row.span,
                });
            }
        }
    }
}

/// "arm" for a `match`, "row" for a table.
fn row_word(rule: &Rule) -> &'static str {
    match rule.scoring {
        Scoring::Table {
            from_match: true, ..
        } => "arm",
        _ => "row",
    }
}

/// "`q_a > q_b` (a_above_b) and ..." for the violations of a rule plan.
fn breaks(
    p: &Program,
    violations: &[(u32, u32)],
    unit_of: &[(usize, usize, BTreeSet<usize>)],
) -> String {
    violations
        .iter()
        .filter_map(|v| unit_of.get(v.0 as usize))
        .map(|&(c, r, _)| {
            let c = &p.constraints[c];
            format!("`{}` ({})", show::require(p, &c.requires[r]), c.name)
        })
        .collect::<Vec<_>>()
        .join(" and ")
}
