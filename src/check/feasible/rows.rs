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
//!
//! The work is kept small without changing what is found: what completing a combination showed
//! depends only on the answers to the constrained questions, so it is worked out once for each
//! of those ([`Analysis::tally`]); a rule whose questions include all the constraints' is
//! evaluated together with them; the walk stops once every row is reached keeping the
//! constraints and the rule's most points (and exclusion) too, since no further combination can
//! change the study; and examples are kept as answers and written out only when reported.

use super::domain::Domain;
use super::domain::{self, Mode};
use super::uses::{self, Uses};
use super::{show, Analysis, Status, Walk};
use crate::check::CheckError;
use crate::eval::{Evaluator, RuleOutcome, UnitOutcome, Why};
use crate::hir::{Expr, Program, Rule, Scoring};
use crate::num::Num;
use crate::plan::{Plan, SectionPlan};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// The answers that reached it breaking the fewest `require`s.
    example: Option<Example>,
}

/// Answers that break some `require`s, kept as values (written out only when reported).
#[derive(Clone)]
struct Example {
    /// The `require`s broken (indices into the study's units' constraints, as the probe plan
    /// reports them).
    broken: Vec<(u32, u32)>,
    /// The whole answer vector.
    answers: Vec<Value>,
}

/// One combination of a rule's own questions: whether some answers to the other questions keep
/// every constraint, else what the answers tried broke.
#[derive(Default)]
struct Completion {
    clean: bool,
    every: Option<BTreeSet<usize>>,
    some: BTreeSet<usize>,
    /// The answers tried that broke the fewest `require`s (the first such).
    example: Option<Example>,
}

impl Completion {
    fn note(&mut self, b: &[Value], broken: &[(u32, u32)], unit_c: &[usize]) {
        let set: BTreeSet<usize> = broken.iter().map(|v| unit_c[v.0 as usize]).collect();
        self.some.extend(set.iter().copied());
        self.every = Some(match self.every.take() {
            None => set,
            Some(e) => e.intersection(&set).copied().collect(),
        });
        // the example that breaks the fewest constraints shows best what blocks the answers
        if self
            .example
            .as_ref()
            .is_none_or(|e| broken.len() < e.broken.len())
        {
            self.example = Some(Example {
                broken: broken.to_vec(),
                answers: b.to_vec(),
            });
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
    /// How many rows are reached keeping every constraint.
    clean_rows: usize,
}

impl Tally {
    /// Records what the answers `a` (over the slots `mine`) gave and what completing them
    /// showed.
    fn record(&mut self, r: &RuleOutcome, c: &Completion, a: &[Value], mine: &[usize]) {
        let points = r.points;
        self.free.add(points);
        if c.clean {
            self.held.add(points);
        } else if let Some(pts) = points {
            let e = self.broken_best.entry(c.blockers()).or_insert(pts);
            *e = (*e).max(pts);
        }
        let Why::Rows { rows: hit } = &r.why else {
            self.uncounted += 1;
            return;
        };
        for &h in hit {
            let Some(row) = self.rows.get_mut(h) else {
                continue;
            };
            row.any = true;
            if c.clean {
                if !row.clean {
                    row.clean = true;
                    self.clean_rows += 1;
                }
                continue;
            }
            let set = c.blockers();
            row.some.extend(set.iter().copied());
            row.every = Some(match row.every.take() {
                None => set,
                Some(e) => e.intersection(&set).copied().collect(),
            });
            if let Some(e) = &c.example {
                if row
                    .example
                    .as_ref()
                    .is_none_or(|r| e.broken.len() < r.broken.len())
                {
                    // the completion may have been found for other answers to the questions
                    // no constraint reads: these answers' own values
                    let mut ex = e.clone();
                    for &s in mine {
                        ex.answers[s] = a[s];
                    }
                    row.example = Some(ex);
                }
            }
        }
    }

    /// Whether the remaining combinations can change nothing the study reports: every row
    /// reached keeping the constraints, and the rule's most points (and its exclusion, when
    /// a handler can exclude it) reached keeping them (so without them too).
    fn settled(&self, max: Num, can_exclude: bool) -> bool {
        self.clean_rows == self.rows.len()
            && self.held.best == Some(max)
            && self.free.best == Some(max)
            && (self.held.exclude || !can_exclude)
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
        let walk = self.tally(i, &units, (&mine, &rest), !d.gaps.is_empty(), &mut tally);
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
            let rows: Vec<(&RowSeen, String)> = tally
                .rows
                .iter()
                .map(|r| (r, self.example_text(r.example.as_ref(), &units, &read)))
                .collect();
            self.report_rows(rule, &rows, &needed, &st.gaps, d.combos, out);
        }
        Some(st)
    }

    /// Tries rule `i` on every combination of its own questions (`mine`: the ones it reads and
    /// their follow-up conditions' questions), and for each, the rest of the components'
    /// questions until one combination keeps every constraint. What the rest showed depends
    /// only on the answers to the questions the constraints read, so it is worked out once per
    /// combination of those; the walk ends early once the remaining combinations can change
    /// nothing ([`Tally::settled`]).
    fn tally(
        &mut self,
        i: usize,
        units: &[usize],
        (mine, rest): (&Domain, &Domain),
        gapped: bool,
        tally: &mut Tally,
    ) -> Walk {
        let p = self.p;
        let own: BTreeSet<usize> = mine.slots.iter().copied().collect();
        let mut rule_plan = self.rule_plan(i, &[]);
        self.prune(&mut rule_plan, &own, &rule_exprs(&p.rules[i]));
        let mut probe = self.probe_plan(units, false);
        let unit_slots: BTreeSet<usize> = units
            .iter()
            .flat_map(|&k| self.units[k].slots.iter().copied())
            .collect();
        self.prune(&mut probe, &unit_slots, &self.unit_exprs(units));
        // an overflow would add a gap: stopping early could miss one unless there is one
        let may_overflow = !gapped && may_overflow(p, &p.rules[i], mine);
        let rule = &p.rules[i];
        // a handler that excludes the rule for a missing state its questions can be in
        let can_exclude = super::levels::static_reach(p, rule).exclude;
        // when the rule reads every question of the constraints, one evaluation of the rule
        // with them tells both (the separate ones are the fallback when it fails)
        let both = rest.slots.is_empty().then(|| {
            let mut plan = self.rule_plan(i, units);
            let mut exprs = rule_exprs(&p.rules[i]);
            exprs.extend(self.unit_exprs(units));
            self.prune(&mut plan, &own, &exprs);
            plan
        });
        let mut both_ev = both.as_ref().map(Evaluator::new);
        let mut rule_ev = Evaluator::new(&rule_plan);
        let mut probe_ev = Evaluator::new(&probe);
        let mut outcome = UnitOutcome::empty();
        let unit_c: Vec<usize> = units.iter().map(|&k| self.units[k].c).collect();
        // the positions in `mine` of the questions the constraints read: the memo's key
        let keyed: Vec<usize> = (0..mine.slots.len())
            .filter(|&j| unit_slots.contains(&mine.slots[j]))
            .collect();
        let mut memo: HashMap<u64, Completion> = HashMap::new();
        let mut full = vec![Value::UNANSWERED; self.plan.n_slots];
        let mut inner = 0u64;
        let mut broken = Vec::new();
        let mut settled = false;
        let walk = self.each(mine, |a| {
            let together = both_ev
                .as_mut()
                .is_some_and(|ev| ev.eval_into(a, &mut outcome, true).is_ok());
            if !together && rule_ev.eval_into(a, &mut outcome, true).is_err() {
                tally.overflow = true;
                return true;
            }
            let Some(r) = outcome.rules.first() else {
                return true;
            };
            let c = memo.entry(memo_key(mine, &keyed, a)).or_insert_with(|| {
                let mut c = Completion::default();
                if together {
                    inner += 1;
                    match outcome.violations.as_slice() {
                        [] => c.clean = true,
                        broken => c.note(a, broken, &unit_c),
                    }
                    return c;
                }
                // a completion of the other questions that keeps every constraint, else what
                // every completion breaks
                full.copy_from_slice(a);
                let (_, n) = super::odometer(rest, &mut full, u64::MAX, |b| {
                    if probe_ev.violations(b, &mut broken).is_err() {
                        return true;
                    }
                    if broken.is_empty() {
                        c.clean = true;
                        return false;
                    }
                    c.note(b, &broken, &unit_c);
                    true
                });
                inner += n;
                c
            });
            tally.record(r, c, a, &mine.slots);
            settled = (tally.overflow || !may_overflow) && tally.settled(rule.max, can_exclude);
            !settled
        });
        self.spent += inner;
        if settled {
            Walk::Done
        } else {
            walk
        }
    }

    /// The rows that keep the table complete: without them, some combination of `mine` that
    /// a row counted for would have none (the table checks would then report it).
    fn needed_rows(&mut self, i: usize, mine: &Domain, tally: &Tally) -> Vec<bool> {
        let mut needed = vec![false; tally.rows.len()];
        let own: BTreeSet<usize> = mine.slots.iter().copied().collect();
        for (h, seen) in tally.rows.iter().enumerate() {
            if !seen.any || seen.clean {
                continue;
            }
            let mut plan = self.rule_plan(i, &[]);
            self.prune(&mut plan, &own, &rule_exprs(&self.p.rules[i]));
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
                // one combination more than with the row settles it
                uncounted <= tally.uncounted
            });
            needed[h] = uncounted > tally.uncounted;
        }
        needed
    }

    /// "q_a = 1, q_b = 0 breaks `q_b > 0` (b_positive)": the answers to the rule's questions
    /// (`read`) and to those of the `require`s broken (of `units`), and what they break.
    fn example_text(
        &self,
        ex: Option<&Example>,
        units: &[usize],
        read: &BTreeSet<usize>,
    ) -> String {
        let Some(ex) = ex else {
            return String::new();
        };
        let unit_of: Vec<(usize, usize, BTreeSet<usize>)> = units
            .iter()
            .map(|&k| {
                let u = &self.units[k];
                (u.c, u.r, u.slots.clone())
            })
            .collect();
        let mut shown = read.clone();
        for v in &ex.broken {
            if let Some(u) = unit_of.get(v.0 as usize) {
                shown.extend(u.2.iter().copied());
            }
        }
        let shown: Vec<usize> = shown.into_iter().collect();
        let what = breaks(self.p, &ex.broken, &unit_of);
        format!(
            "{} breaks {what}",
            show::answers(self.p, &shown, &ex.answers)
        )
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
        rows: &[(&RowSeen, String)],
        needed: &[bool],
        gaps: &[String],
        combos: u64,
        out: &mut Vec<CheckError>,
    ) {
        let Scoring::Table { rows: hrows, .. } = &rule.scoring else {
            return;
        };
        for (h, ((seen, example), row)) in rows.iter().zip(hrows).enumerate() {
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

/// The number of the combination of the values of `mine`'s slots at the positions `keyed` in
/// `a` (each slot's value by its place in its candidate values).
fn memo_key(mine: &Domain, keyed: &[usize], a: &[Value]) -> u64 {
    keyed.iter().fold(0u64, |k, &j| {
        let vals = &mine.values[j];
        let at = vals.iter().position(|v| *v == a[mine.slots[j]]);
        k.wrapping_mul(vals.len() as u64)
            .wrapping_add(at.unwrap_or(0) as u64)
    })
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

/// Whether evaluating rule `r` on answers from `d` can overflow: some arithmetic whose
/// integer operands are not small enough to prove it cannot (or a ratio, which makes fractions).
fn may_overflow(p: &Program, r: &Rule, d: &Domain) -> bool {
    const SMALL: u128 = 1 << 100;
    let small = |e: &Expr| magnitude(p, e, d).is_some_and(|m| m < SMALL);
    match &r.scoring {
        Scoring::Table { inputs, .. } => !inputs.iter().all(small),
        Scoring::Points(e) => !small(e),
        // integer points whose total is small cannot overflow however many are selected
        Scoring::Sum { points, .. } => {
            let total = points
                .iter()
                .try_fold(0u128, |t, p| t.checked_add(whole(*p)?));
            total.is_none_or(|t| t >= SMALL)
        }
    }
}

/// A bound on the absolute value of the integers `e` computes on answers from `d` (`None`:
/// none known, e.g. fractions).
fn magnitude(p: &Program, e: &Expr, d: &Domain) -> Option<u128> {
    let of = |x: &Expr| magnitude(p, x, d);
    match e {
        Expr::Num(n) => whole(*n),
        Expr::Slot(s) => {
            let at = d.slots.iter().position(|x| x == s)?;
            d.values[at].iter().try_fold(0u128, |m, v| match v {
                Value::Num(n) => Some(m.max(whole(*n)?)),
                _ => Some(m),
            })
        }
        Expr::Let(i) => of(&p.lets.get(*i)?.expr),
        Expr::Neg(x) => of(x),
        Expr::Arith(op, a, b) => {
            let (a, b) = (of(a)?, of(b)?);
            match op {
                crate::hir::Arith::Mul => a.checked_mul(b),
                _ => a.checked_add(b),
            }
        }
        Expr::Count(_) => Some(128),
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().try_fold(0u128, |m, x| Some(m.max(of(x)?))),
        Expr::If(c, a, b) => {
            of(c)?;
            Some(of(a)?.max(of(b)?))
        }
        Expr::Ratio(..) => None,
        // the operands of a test are evaluated too
        Expr::Not(x) | Expr::In(x, ..) | Expr::Has(x, ..) => of(x).map(|_| 0),
        Expr::Cmp(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
            of(a)?;
            of(b)?;
            Some(0)
        }
        Expr::Bool(_)
        | Expr::Option(_)
        | Expr::Missing
        | Expr::Answered(_)
        | Expr::Asked(_)
        | Expr::AnsweredAny(_) => Some(0),
    }
}

/// The absolute value of an integer (`None` for a fraction).
fn whole(n: Num) -> Option<u128> {
    n.is_integer().then(|| n.numer().unsigned_abs())
}
