//! The improvement search: the smallest set of answer changes that lifts a section (or the index)
//! to the next level.
//!
//! 1. **Candidates.** For every question the unit may change (a scored question that one of the
//!    allowed sources answers) that can affect a score: every other valid answer. Single choice:
//!    every other option; yes/no: the other answer; multiple choice: every other non-empty
//!    selection (up to 8 options; above that each option toggled, all options, and the options
//!    with positive points in `sum` rules); numbers: `min`, `max`, and one value per interval on
//!    which the rules reading the question score the same, found by bisection between the range
//!    bounds the rules use (the value nearest the current answer, or the interval's smallest
//!    value when unanswered). Each candidate is evaluated alone with the real evaluator.
//! 2. **Private and coupled questions.** A question is *private* when it gates no follow-up, is in
//!    no `applicable if`, and every rule reading it reads no other changeable question. Private
//!    changes add up exactly (rules are additive within a section), so their combinations are
//!    scored without evaluating; candidates with the same effect are merged, and those that do
//!    not help are dropped. Any set with a coupled question is evaluated with the real evaluator
//!    on the changed answer vector (follow-ups follow: a change that makes a follow-up not asked
//!    drops its answer; one that makes it asked leaves it unanswered).
//! 3. **Iterative deepening** over the number of changed answers k = 1, 2, … For each k, sets of
//!    questions are enumerated in order of their gain bound; a set is skipped when even full points
//!    in every rule it touches could not reach the target (a sound, additive upper bound), and
//!    every combination of candidate answers of a surviving set is scored. The first k with a hit
//!    is the minimum; among its hits the one with the least overshoot wins (first found on ties).
//! 4. The work is capped; when the cap is hit the search says so and returns the best set found.

use crate::eval::{self, Evaluator, UnitOutcome};
use crate::hir::{Cell, Expr, MissingState, Outcome, Program, Scoring};
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::QuestionKind;
use crate::value::Value;
use std::collections::BTreeSet;

/// Points and maximum of each section (`None`: the section has no score).
pub type Scores = Vec<Option<(Num, Num)>>;

/// Answer changes: `(slot, new value)`.
pub type Changes = Vec<(usize, Value)>;

/// A set found by the knapsack: `(changes, overshoot, which options)`.
type Solution = (usize, Num, Trail);

/// Slot candidates after filtering for a target: `(candidates, base bound, gains, order)`.
type Filtered = (Vec<SlotCands>, Num, Vec<Num>, Vec<usize>);

/// What the search must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Section { section: usize, level: u8 },
    Index { level: u8 },
}

/// Which slots every rule and section depends on (per program).
pub struct Deps {
    /// Per rule: every question slot its points can depend on (through lets and follow-ups).
    pub rule_deps: Vec<Vec<usize>>,
    /// Per slot: the rules depending on it.
    pub slot_rules: Vec<Vec<usize>>,
    /// Per slot: it appears in a follow-up condition or an `applicable if`.
    pub gate: Vec<bool>,
    /// Per section: the slots that decide whether it has a score.
    pub presence: Vec<Vec<usize>>,
    /// Per slot: numbers the rules compare it with directly (range bounds, comparisons).
    pub marks: Vec<Vec<Num>>,
    /// Per rule: a change can exclude it (an `exclude` handler for unanswered or not asked).
    pub excludable: Vec<bool>,
    /// Per multiple-choice slot: every way the rules read it (`has`, `count`, `sum`), or `None`
    /// when some expression uses the raw selection. Selections that agree on every atom are
    /// interchangeable.
    atoms: Vec<Option<Vec<Atom>>>,
}

/// One way an expression reads a multiple choice.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Has(u128, bool),
    Count,
    Sum(Vec<Num>, Option<Num>, Option<Num>),
}

impl Atom {
    fn value(&self, mask: u128) -> Num {
        match self {
            Atom::Has(m, all) => {
                let hit = if *all { mask & m == *m } else { mask & m != 0 };
                Num::int(i128::from(hit))
            }
            Atom::Count => Num::int(i128::from(mask.count_ones())),
            Atom::Sum(points, cap, floor) => sum_points(&[(points, *cap, *floor)], mask)[0],
        }
    }
}

/// Collects the atoms reading each slot; a raw read marks the slot `None`.
fn atoms_of(e: &Expr, atoms: &mut [Option<Vec<Atom>>]) {
    let mut push = |s: usize, a: Atom| {
        if let Some(Some(v)) = atoms.get_mut(s) {
            if !v.contains(&a) {
                v.push(a);
            }
        }
    };
    match e {
        Expr::Has(x, m, all) => match &**x {
            Expr::Slot(s) => push(*s, Atom::Has(*m, *all)),
            other => atoms_of(other, atoms),
        },
        Expr::Count(x) => match &**x {
            Expr::Slot(s) => push(*s, Atom::Count),
            other => atoms_of(other, atoms),
        },
        Expr::Slot(s) => {
            if let Some(a) = atoms.get_mut(*s) {
                *a = None;
            }
        }
        Expr::Num(_)
        | Expr::Bool(_)
        | Expr::Option(_)
        | Expr::Missing
        | Expr::Let(_)
        | Expr::Answered(_)
        | Expr::Asked(_)
        | Expr::AnsweredAny(_) => {}
        Expr::Neg(x) | Expr::Not(x) | Expr::In(x, ..) => atoms_of(x, atoms),
        Expr::Arith(_, x, y)
        | Expr::Cmp(_, x, y)
        | Expr::And(x, y)
        | Expr::Or(x, y)
        | Expr::Ratio(x, y, _) => {
            atoms_of(x, atoms);
            atoms_of(y, atoms);
        }
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| atoms_of(x, atoms)),
        Expr::If(c, a, b) => {
            atoms_of(c, atoms);
            atoms_of(a, atoms);
            atoms_of(b, atoms);
        }
    }
}

struct Walk<'a> {
    p: &'a Program,
    out: BTreeSet<usize>,
    seen_let: Vec<bool>,
    seen_ask: Vec<bool>,
}

impl Walk<'_> {
    fn new(p: &Program) -> Walk<'_> {
        Walk {
            p,
            out: BTreeSet::new(),
            seen_let: vec![false; p.lets.len()],
            seen_ask: vec![false; p.ask_if.len()],
        }
    }

    fn ask(&mut self, s: usize) {
        if s < self.seen_ask.len() && !self.seen_ask[s] {
            self.seen_ask[s] = true;
            if let Some(e) = &self.p.ask_if[s] {
                self.expr(e);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Num(_) | Expr::Bool(_) | Expr::Option(_) | Expr::Missing => {}
            Expr::Slot(s) | Expr::Answered(s) => {
                self.out.insert(*s);
                self.ask(*s);
            }
            Expr::Asked(s) => self.ask(*s),
            Expr::AnsweredAny(sec) => {
                for &q in &self.p.sections[*sec].questions {
                    self.out.insert(q);
                    self.ask(q);
                }
            }
            Expr::Let(l) => {
                if !self.seen_let[*l] {
                    self.seen_let[*l] = true;
                    let e = &self.p.lets[*l].expr;
                    self.expr(e);
                }
            }
            Expr::Neg(x) | Expr::Not(x) | Expr::In(x, ..) | Expr::Has(x, ..) | Expr::Count(x) => {
                self.expr(x)
            }
            Expr::Arith(_, x, y)
            | Expr::Cmp(_, x, y)
            | Expr::And(x, y)
            | Expr::Or(x, y)
            | Expr::Ratio(x, y, _) => {
                self.expr(x);
                self.expr(y);
            }
            Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| self.expr(x)),
            Expr::If(c, a, b) => {
                self.expr(c);
                self.expr(a);
                self.expr(b);
            }
        }
    }
}

/// Numbers compared directly with a slot: `q >= 5`, `5 < q`.
fn cmp_marks(e: &Expr, marks: &mut [Vec<Num>]) {
    let mut visit = |x: &Expr| cmp_marks(x, marks);
    match e {
        Expr::Cmp(_, a, b) => {
            if let (Expr::Slot(s), Expr::Num(n)) | (Expr::Num(n), Expr::Slot(s)) = (&**a, &**b) {
                if let Some(m) = marks.get_mut(*s) {
                    m.push(*n);
                }
            }
            cmp_marks(a, marks);
            cmp_marks(b, marks);
        }
        Expr::Neg(x) | Expr::Not(x) | Expr::In(x, ..) | Expr::Has(x, ..) | Expr::Count(x) => {
            visit(x)
        }
        Expr::Arith(_, x, y) | Expr::And(x, y) | Expr::Or(x, y) | Expr::Ratio(x, y, _) => {
            cmp_marks(x, marks);
            cmp_marks(y, marks);
        }
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| cmp_marks(x, marks)),
        Expr::If(c, a, b) => {
            cmp_marks(c, marks);
            cmp_marks(a, marks);
            cmp_marks(b, marks);
        }
        _ => {}
    }
}

impl Deps {
    pub fn new(p: &Program) -> Deps {
        let nq = p.schema.questions.len();
        let n_slots = nq + p.schema.meta.len();
        let mut rule_deps = Vec::with_capacity(p.rules.len());
        let mut marks = vec![Vec::new(); n_slots];
        for r in &p.rules {
            let mut w = Walk::new(p);
            match &r.scoring {
                Scoring::Table { inputs, rows, .. } => {
                    for (i, e) in inputs.iter().enumerate() {
                        w.expr(e);
                        cmp_marks(e, &mut marks);
                        if let Expr::Slot(s) = e {
                            for row in rows {
                                if let Some(Cell::Range(iv)) = row.cells.get(i) {
                                    for (b, _) in iv.low.iter().chain(iv.high.iter()) {
                                        marks[*s].push(*b);
                                    }
                                }
                            }
                        }
                    }
                }
                Scoring::Sum { question, .. } => {
                    w.out.insert(*question);
                    w.ask(*question);
                }
                Scoring::Points(e) => {
                    w.expr(e);
                    cmp_marks(e, &mut marks);
                }
            }
            rule_deps.push(w.out.into_iter().collect::<Vec<_>>());
        }
        for l in &p.lets {
            cmp_marks(&l.expr, &mut marks);
        }
        let mut slot_rules = vec![Vec::new(); n_slots];
        for (r, d) in rule_deps.iter().enumerate() {
            for &s in d {
                slot_rules[s].push(r);
            }
        }
        let mut gate = vec![false; n_slots];
        for e in p.ask_if.iter().flatten() {
            let mut w = Walk::new(p);
            w.expr(e);
            cmp_marks(e, &mut marks);
            for s in w.out {
                gate[s] = true;
            }
        }
        let presence = p
            .sections
            .iter()
            .map(|sec| {
                let mut w = Walk::new(p);
                match &sec.applicable {
                    Some(e) => w.expr(e),
                    None => {
                        for &q in &sec.questions {
                            w.out.insert(q);
                            w.ask(q);
                        }
                    }
                }
                if sec.applicable.is_some() {
                    for &s in &w.out {
                        gate[s] = true;
                    }
                }
                w.out.into_iter().collect()
            })
            .collect();
        for m in &mut marks {
            m.sort();
            m.dedup();
        }
        let excludable = p
            .rules
            .iter()
            .map(|r| {
                [MissingState::Unanswered, MissingState::NotAsked]
                    .iter()
                    .any(|s| r.handlers[s.index()] == Some(Outcome::Exclude))
            })
            .collect();
        let mut atoms: Vec<Option<Vec<Atom>>> = (0..n_slots)
            .map(|s| {
                let multi = s < nq && matches!(p.schema.questions[s].kind, QuestionKind::Multi(_));
                multi.then(Vec::new)
            })
            .collect();
        for r in &p.rules {
            match &r.scoring {
                Scoring::Table { inputs, .. } => {
                    inputs.iter().for_each(|e| atoms_of(e, &mut atoms))
                }
                Scoring::Sum {
                    question,
                    points,
                    cap,
                    floor,
                } => {
                    if let Some(Some(v)) = atoms.get_mut(*question) {
                        v.push(Atom::Sum(points.clone(), *cap, *floor));
                    }
                }
                Scoring::Points(e) => atoms_of(e, &mut atoms),
            }
        }
        for l in &p.lets {
            atoms_of(&l.expr, &mut atoms);
        }
        for e in p.ask_if.iter().flatten() {
            atoms_of(e, &mut atoms);
        }
        for sec in &p.sections {
            if let Some(e) = &sec.applicable {
                atoms_of(e, &mut atoms);
            }
        }
        Deps {
            rule_deps,
            slot_rules,
            gate,
            presence,
            marks,
            excludable,
            atoms,
        }
    }
}

/// One candidate answer of one question, and the scores when it alone is changed.
#[derive(Debug, Clone)]
struct Cand {
    value: Value,
    scores: Scores,
    /// Per section: points, maximum and whether it has a score.
    pm: Vec<(Num, Num, bool)>,
}

#[derive(Debug, Clone)]
struct SlotCands {
    slot: usize,
    private: bool,
    cands: Vec<Cand>,
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

/// `floor(v / step) * step`.
fn floor_to(v: Num, step: Num) -> Num {
    let Ok(Some(q)) = v.div(step) else { return v };
    let f = q.numer().div_euclid(q.denom());
    Num::int(f).mul(step).unwrap_or(v)
}

impl<'a> UnitSearch<'a> {
    /// `answers`: the unit's answers (slots); answers to questions not asked are ignored.
    /// `changeable`: per slot, whether the search may change it.
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
        Ok(UnitSearch {
            p,
            plan,
            deps,
            ev,
            base,
            base_effective,
            base_outcome,
            base_scores,
            changeable,
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
        self.ev.eval(&a).ok()
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
            return Some(Num::ZERO); // from level 0 (zero apart): any positive score
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

    fn relevant(&self, s: usize) -> bool {
        !self.deps.slot_rules[s].is_empty()
            || self
                .deps
                .presence
                .iter()
                .enumerate()
                .any(|(sec, d)| self.base_scores[sec].is_none() && d.contains(&s))
    }

    fn prepare(&mut self) {
        if self.slots.is_some() {
            return;
        }
        let nq = self.p.schema.questions.len();
        let mut slots = Vec::new();
        for s in 0..nq {
            if !self.changeable.get(s).copied().unwrap_or(false) || !self.relevant(s) {
                continue;
            }
            let values = self.values_for(s);
            let mut cands = Vec::with_capacity(values.len());
            for v in values {
                if let Some(pm) = self.partial(&[(s, v)]) {
                    cands.push(Cand {
                        value: v,
                        scores: pm_scores(&pm),
                        pm,
                    });
                }
            }
            let presence_changes = cands.iter().any(|c| {
                c.scores
                    .iter()
                    .zip(&self.base_scores)
                    .any(|(a, b)| a.is_some() != b.is_some())
            });
            let private = !presence_changes && self.structurally_private(s);
            if private {
                let mut seen: Vec<Scores> = vec![self.base_scores.clone()];
                cands.retain(|c| {
                    if seen.contains(&c.scores) {
                        false
                    } else {
                        seen.push(c.scores.clone());
                        true
                    }
                });
            }
            if !cands.is_empty() {
                slots.push(SlotCands {
                    slot: s,
                    private,
                    cands,
                });
            }
        }
        self.slots = Some(slots);
    }

    /// Every valid answer of slot `s` other than the current one, most natural first.
    fn values_for(&mut self, s: usize) -> Vec<Value> {
        let cur = self.base[s];
        let q = &self.p.schema.questions[s];
        match &q.kind {
            QuestionKind::Single(opts) => (0..opts.len() as u16)
                .map(Value::Choice)
                .filter(|v| *v != cur)
                .collect(),
            QuestionKind::YesNo => [Value::Bool(true), Value::Bool(false)]
                .into_iter()
                .filter(|v| *v != cur)
                .collect(),
            QuestionKind::Multi(opts) => {
                let n = opts.len().min(127);
                let cur_mask = match cur {
                    Value::Multi(m) => m,
                    _ => 0,
                };
                let mut masks: Vec<u128> = if n <= 8 {
                    (1..(1u128 << n)).collect()
                } else {
                    let mut m: Vec<u128> = (0..n).map(|i| cur_mask ^ (1u128 << i)).collect();
                    m.push((1u128 << n) - 1);
                    m.push(self.positive_mask(s));
                    m
                };
                masks.retain(|&m| m != 0 && (m != cur_mask || !matches!(cur, Value::Multi(_))));
                masks.sort_by_key(|&m| ((m ^ cur_mask).count_ones(), m));
                masks.dedup();
                if let Some(Some(atoms)) = self.deps.atoms.get(s) {
                    // selections that agree on every `has`, `count` and `sum` reading the
                    // question are interchangeable: keep the one nearest the current answer
                    let sig = |m: u128| -> Vec<Num> { atoms.iter().map(|a| a.value(m)).collect() };
                    let mut seen: Vec<Vec<Num>> = Vec::new();
                    if matches!(cur, Value::Multi(_)) {
                        seen.push(sig(cur_mask));
                    }
                    masks.retain(|&m| {
                        let sig = sig(m);
                        if seen.contains(&sig) {
                            false
                        } else {
                            seen.push(sig);
                            true
                        }
                    });
                }
                masks.into_iter().map(Value::Multi).collect()
            }
            QuestionKind::Integer { min, max, .. } => self
                .numeric(s, *min, *max, Num::ONE)
                .into_iter()
                .map(Value::Num)
                .collect(),
            QuestionKind::Decimal { min, max, .. } => self
                .numeric(s, *min, *max, Num::frac(1, 100).unwrap_or(Num::ONE))
                .into_iter()
                .map(Value::Num)
                .collect(),
            QuestionKind::Text => Vec::new(),
        }
    }

    /// Options with positive points in the `sum` rules reading multiple choice `s`.
    fn positive_mask(&self, s: usize) -> u128 {
        let mut m = 0u128;
        for r in &self.p.rules {
            if let Scoring::Sum {
                question, points, ..
            } = &r.scoring
            {
                if *question == s {
                    for (i, p) in points.iter().enumerate() {
                        if *p > Num::ZERO {
                            m |= 1u128 << i;
                        }
                    }
                }
            }
        }
        m
    }

    /// The points of every rule depending on slot `s` when `s` is `v`.
    fn rule_points(&mut self, s: usize, v: Num) -> Vec<Option<Num>> {
        let rules = std::mem::take(&mut self.deps_rules_scratch);
        let mut rules = rules;
        rules.clear();
        rules.extend_from_slice(&self.deps.slot_rules[s]);
        let old = self.work[s];
        self.work[s] = Value::Num(v);
        self.evaluations += 1;
        let mut pts = Vec::with_capacity(rules.len());
        let ok = self
            .ev
            .eval_rules(&self.work, &[s], &rules, &mut pts)
            .is_ok();
        self.work[s] = old;
        self.deps_rules_scratch = rules;
        if ok {
            pts
        } else {
            Vec::new()
        }
    }

    /// Candidate numbers: min, max, and one value per interval of equal rule points.
    fn numeric(&mut self, s: usize, min: Option<Num>, max: Option<Num>, step: Num) -> Vec<Num> {
        let cur = match self.base[s] {
            Value::Num(n) => Some(n),
            _ => None,
        };
        let marks = self.deps.marks[s].clone();
        let lo = min.unwrap_or_else(|| marks.iter().copied().chain(cur).fold(Num::ZERO, Num::min));
        let hi = max.unwrap_or_else(|| {
            let top = marks.iter().copied().chain(cur).fold(lo, Num::max);
            top.mul(Num::int(2))
                .and_then(|t| t.add(Num::ONE))
                .unwrap_or(top)
        });
        if hi < lo {
            return Vec::new();
        }
        // a small range: every value (exact whatever the rules do)
        if let Ok(Some(n)) = hi.sub(lo).unwrap_or(Num::ZERO).div(step) {
            if n <= Num::int(64) {
                let mut out = Vec::new();
                let mut x = lo;
                while x <= hi {
                    if Some(x) != cur {
                        out.push(x);
                    }
                    let Ok(nx) = x.add(step) else { break };
                    x = nx;
                }
                return out;
            }
        }
        let mut samples = vec![lo, hi];
        if let Some(c) = cur {
            if c >= lo && c <= hi {
                samples.push(c);
            }
        }
        for m in &marks {
            let g = floor_to(*m, step);
            for d in [-1, 0, 1] {
                if let Ok(x) = g.add(step.mul(Num::int(d)).unwrap_or(Num::ZERO)) {
                    if x >= lo && x <= hi {
                        samples.push(x);
                    }
                }
            }
        }
        samples.sort();
        samples.dedup();
        let fs: Vec<Vec<Option<Num>>> = samples.iter().map(|&x| self.rule_points(s, x)).collect();
        // piece boundaries: (last value of a piece, first value of the next)
        let mut cuts: Vec<(Num, Num)> = Vec::new();
        for i in 1..samples.len() {
            if fs[i - 1] != fs[i] {
                self.bisect(
                    s,
                    samples[i - 1],
                    fs[i - 1].clone(),
                    samples[i],
                    fs[i].clone(),
                    step,
                    &mut cuts,
                );
            }
            if cuts.len() > 64 {
                break;
            }
        }
        cuts.sort();
        let mut pieces: Vec<(Num, Num)> = Vec::new();
        let mut start = lo;
        for &(a, b) in &cuts {
            pieces.push((start, a));
            start = b;
        }
        pieces.push((start, hi));
        let mut out = Vec::new();
        for (a, b) in pieces {
            let pick = match cur {
                Some(c) if c >= a && c <= b => continue,
                Some(c) if c < a => a,
                Some(_) => b,
                None => a,
            };
            out.push(pick);
        }
        // min and max: for combinations with other changes (derived values of several answers)
        let coupled = !self.structurally_private(s);
        for x in [lo, hi] {
            if (cur.is_none() || coupled) && Some(x) != cur && !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }

    /// No follow-up or section condition reads `s`, and no rule reading `s` reads another
    /// question the search may change.
    fn structurally_private(&self, s: usize) -> bool {
        !self.deps.gate[s]
            && self.deps.slot_rules[s].iter().all(|&r| {
                self.deps.rule_deps[r]
                    .iter()
                    .all(|&d| d == s || !self.changeable.get(d).copied().unwrap_or(false))
            })
    }

    #[allow(clippy::too_many_arguments)]
    fn bisect(
        &mut self,
        s: usize,
        a: Num,
        fa: Vec<Option<Num>>,
        b: Num,
        fb: Vec<Option<Num>>,
        step: Num,
        cuts: &mut Vec<(Num, Num)>,
    ) {
        let Ok(Some(n)) = b.sub(a).unwrap_or(Num::ZERO).div(step) else {
            return;
        };
        if n <= Num::ONE || cuts.len() > 64 {
            cuts.push((a, b));
            return;
        }
        let half = Num::int(n.numer().div_euclid(n.denom()) / 2);
        let Ok(m) = step.mul(half).and_then(|h| a.add(h)) else {
            return;
        };
        let fm = self.rule_points(s, m);
        if fm != fa {
            self.bisect(s, a, fa, m, fm.clone(), step, cuts);
        }
        if fm != fb {
            self.bisect(s, m, fm, b, fb, step, cuts);
        }
    }

    /// Upper bounds of the target's value: the base and each slot's additive gain.
    fn bounds(&self, t: Target, slots: &[SlotCands]) -> Option<(Num, Vec<Num>)> {
        let o = &self.base_outcome;
        // per section: base bound and per-rule headroom divided by the least possible maximum
        let sec_bound = |s: usize| -> Option<(Num, Num)> {
            let (p0, m0) = self.base_scores[s]?;
            let mut m_lo = m0;
            for &r in &self.p.sections[s].rules {
                if o.rules[r].points.is_some() && self.deps.excludable[r] {
                    m_lo = m_lo.sub(o.rules[r].max).ok()?;
                }
            }
            if m_lo <= Num::ZERO {
                return None;
            }
            Some((Num::HUNDRED.mul(p0).ok()?.div(m_lo).ok()??, m_lo))
        };
        let headroom = |r: usize| -> Num {
            let ro = &o.rules[r];
            match ro.points {
                Some(p) => ro.max.sub(p).unwrap_or(ro.max).max(Num::ZERO),
                None => ro.max,
            }
        };
        let slot_gain = |s: usize, sec: usize, m_lo: Num| -> Option<Num> {
            let mut h = Num::ZERO;
            for &r in &self.deps.slot_rules[s] {
                if self.p.rules[r].section == sec {
                    h = h.add(headroom(r)).ok()?;
                }
            }
            Num::HUNDRED.mul(h).ok()?.div(m_lo).ok()?
        };
        match t {
            Target::Section { section, .. } => {
                let (u0, m_lo) = sec_bound(section)?;
                let gains = slots
                    .iter()
                    .map(|c| slot_gain(c.slot, section, m_lo))
                    .collect::<Option<Vec<_>>>()?;
                Some((u0, gains))
            }
            Target::Index { .. } => {
                let plan = self.plan;
                let present: Vec<usize> = (0..self.base_scores.len())
                    .filter(|&s| self.base_scores[s].is_some() && !plan.weights[s].is_zero())
                    .collect();
                let mut w = Num::ZERO;
                for &s in &present {
                    w = w.add(plan.weights[s]).ok()?;
                }
                if w.is_zero() {
                    return None;
                }
                let mut u0 = Num::ZERO;
                let mut m_los = vec![None; self.base_scores.len()];
                for &s in &present {
                    let (b, m_lo) = sec_bound(s)?;
                    u0 = u0.add(plan.weights[s].mul(b).ok()?.div(w).ok()??).ok()?;
                    m_los[s] = Some(m_lo);
                }
                let mut gains = Vec::with_capacity(slots.len());
                for c in slots {
                    let mut g = Num::ZERO;
                    #[allow(clippy::needless_range_loop)]
                    for s in 0..self.base_scores.len() {
                        let ws = plan.weights[s].div(w).ok()??;
                        if let Some(m_lo) = m_los[s] {
                            g = g.add(ws.mul(slot_gain(c.slot, s, m_lo)?).ok()?).ok()?;
                        } else if self.base_scores[s].is_none()
                            && (self.deps.presence[s].contains(&c.slot)
                                || self.deps.slot_rules[c.slot]
                                    .iter()
                                    .any(|&r| self.p.rules[r].section == s))
                        {
                            g = g.add(ws.mul(Num::HUNDRED).ok()?).ok()?;
                        }
                    }
                    gains.push(g);
                }
                Some((u0, gains))
            }
        }
    }

    /// Whether a private candidate can help the target at all.
    fn helps(&self, c: &Cand, t: Target) -> bool {
        let diff = |s: usize| -> Option<(Num, Num)> {
            let (p1, m1) = c.scores[s]?;
            let (p0, m0) = self.base_scores[s]?;
            Some((p1.sub(p0).ok()?, m1.sub(m0).ok()?))
        };
        match t {
            Target::Section { section, .. } => match diff(section) {
                Some((dp, dm)) => !dm.is_zero() || dp > Num::ZERO,
                None => true,
            },
            Target::Index { .. } => {
                let mut any_m = false;
                let mut gain = Num::ZERO;
                for s in 0..c.scores.len() {
                    if let Some((dp, dm)) = diff(s) {
                        any_m |= !dm.is_zero();
                        if let Some((_, m0)) = self.base_scores[s] {
                            let g = self.plan.weights[s]
                                .mul(dp)
                                .ok()
                                .and_then(|x| x.div(m0).ok().flatten())
                                .unwrap_or(Num::ZERO);
                            gain = gain.add(g).unwrap_or(gain);
                        }
                    }
                }
                any_m || gain > Num::ZERO
            }
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

    fn debug_comps(&self) {
        if std::env::var_os("EINDEX_EXPLAIN_DEBUG").is_none() {
            return;
        }
        let slots = self.slots.as_deref().unwrap_or(&[]);
        for c in self.comps.as_deref().unwrap_or(&[]) {
            let names: Vec<String> = c
                .members
                .iter()
                .map(|&m| {
                    format!(
                        "{}:{}",
                        self.p.schema.questions[slots[m].slot].id,
                        slots[m].cands.len()
                    )
                })
                .collect();
            eprintln!(
                "  comp depth {} opts {} [{}]",
                c.depth,
                c.opts.len(),
                names.join(" ")
            );
        }
    }

    fn search_inner(&mut self, t: Target, cap: usize) -> SearchOutcome {
        self.prepare();
        if let Some(out) = self.quick_out_of_reach(t) {
            return out;
        }
        if let Some(out) = self.dp_search(t, cap) {
            if std::env::var_os("EINDEX_EXPLAIN_DEBUG").is_some() {
                eprintln!("{t:?}: {} evaluations", self.evaluations);
                self.debug_comps();
            }
            return out;
        }
        let all = self.slots.take().unwrap_or_default();
        let result = self.deepen(t, cap, &all);
        self.slots = Some(all);
        result
    }

    fn deepen(&mut self, t: Target, cap: usize, all: &[SlotCands]) -> SearchOutcome {
        let Some(need) = self.need(t) else {
            return SearchOutcome::OutOfReach {
                reason: "the target level has no threshold".into(),
            };
        };
        let Some((slots, u0, g, order)) = self.filtered(t, all, need) else {
            return self.out_of_reach(t, all, need);
        };
        // suffix sums of the sorted gains: the best any r more slots can add
        let mut dfs = Dfs {
            t,
            need,
            u0,
            gains: g,
            order,
            cap,
            best: None,
            capped: false,
        };
        for k in 1..=dfs.order.len() {
            let top: Num = dfs
                .gains
                .iter()
                .take(k)
                .fold(u0, |a, x| a.add(*x).unwrap_or(a));
            if top < need {
                continue;
            }
            let mut chosen = Vec::with_capacity(k);
            self.dfs_sets(&mut dfs, &slots, k, 0, u0, &mut chosen);
            if let Some(best) = dfs.best.take() {
                let minimal = !dfs.capped;
                return match self.verify(t, best.1) {
                    Some(found) => SearchOutcome::Found {
                        found: Box::new(found),
                        minimal,
                    },
                    None => SearchOutcome::Stopped {
                        reason: "the set found did not verify with the evaluator".into(),
                    },
                };
            }
            if dfs.capped {
                return SearchOutcome::Stopped {
                    reason: format!(
                        "search stopped early after {} evaluations without finding a set of {k} or fewer changes",
                        self.evaluations
                    ),
                };
            }
        }
        SearchOutcome::OutOfReach {
            reason: "no combination of valid answers the unit may change reaches it".into(),
        }
    }

    /// The candidates that can matter for `t`, the base bound, and the slots' gains sorted
    /// (best first); `None` when even full points everywhere cannot reach `need`.
    fn filtered(&self, t: Target, all: &[SlotCands], need: Num) -> Option<Filtered> {
        // the candidates that can matter for this target
        let slots: Vec<SlotCands> = all
            .iter()
            .map(|sc| SlotCands {
                slot: sc.slot,
                private: sc.private,
                cands: sc
                    .cands
                    .iter()
                    .filter(|c| !sc.private || self.helps(c, t))
                    .cloned()
                    .collect(),
            })
            .filter(|sc| !sc.cands.is_empty())
            .collect();
        let (u0, gains) = match self.bounds(t, &slots) {
            Some(b) => b,
            None => (Num::ZERO, vec![Num::int(1_000_000); slots.len()]),
        };
        let mut order: Vec<usize> = (0..slots.len()).filter(|&i| gains[i] > Num::ZERO).collect();
        order.sort_by(|&a, &b| gains[b].cmp(&gains[a]).then(a.cmp(&b)));
        let g: Vec<Num> = order.iter().map(|&i| gains[i]).collect();
        let total = g.iter().fold(u0, |acc, x| acc.add(*x).unwrap_or(acc));
        if total < need {
            return None;
        }
        Some((slots, u0, g, order))
    }

    fn out_of_reach(&self, t: Target, all: &[SlotCands], need: Num) -> SearchOutcome {
        let slots: Vec<SlotCands> = all.to_vec();
        let (u0, gains) = self.bounds(t, &slots).unwrap_or((Num::HUNDRED, Vec::new()));
        let total = gains
            .iter()
            .filter(|g| **g > Num::ZERO)
            .fold(u0, |acc, x| acc.add(*x).unwrap_or(acc));
        {
            let what = match t {
                Target::Section { .. } => "the section",
                Target::Index { .. } => "the index",
            };
            SearchOutcome::OutOfReach {
                reason: format!(
                    "even full points in every rule the unit's own answers can change would give {what} at most {} (needs {})",
                    total.min(Num::HUNDRED).format(self.p.survey.display, self.p.survey.rounding),
                    need.format(self.p.survey.display, self.p.survey.rounding)
                ),
            }
        }
    }

    /// Out of reach by the bound alone (before any search).
    fn quick_out_of_reach(&mut self, t: Target) -> Option<SearchOutcome> {
        let need = self.need(t)?;
        let all = self.slots.take().unwrap_or_default();
        let r = match self.filtered(t, &all, need) {
            Some(_) => None,
            None => Some(self.out_of_reach(t, &all, need)),
        };
        self.slots = Some(all);
        r
    }

    fn dfs_sets(
        &mut self,
        d: &mut Dfs,
        slots: &[SlotCands],
        k: usize,
        from: usize,
        acc: Num,
        chosen: &mut Vec<usize>,
    ) {
        if chosen.len() == k {
            self.try_set(d, slots, chosen);
            return;
        }
        let r = k - chosen.len();
        let n = d.order.len();
        for j in from..=n.saturating_sub(r) {
            if j >= n || d.capped {
                return;
            }
            // best possible: this slot and the r-1 next ones (sorted by gain)
            let mut bound = acc.add(d.gains[j]).unwrap_or(acc);
            for x in d.gains.iter().skip(j + 1).take(r - 1) {
                bound = bound.add(*x).unwrap_or(bound);
            }
            if bound < d.need {
                return;
            }
            chosen.push(d.order[j]);
            let next = acc.add(d.gains[j]).unwrap_or(acc);
            self.dfs_sets(d, slots, k, j + 1, next, chosen);
            chosen.pop();
        }
    }

    /// Scores every combination of candidate answers of one set of slots.
    fn try_set(&mut self, d: &mut Dfs, slots: &[SlotCands], set: &[usize]) {
        let mut sorted = set.to_vec();
        sorted.sort_by_key(|&i| slots[i].slot);
        let additive = sorted.iter().all(|&i| slots[i].private);
        let mut idx = vec![0usize; sorted.len()];
        loop {
            if self.evaluations >= d.cap || self.additions >= d.cap.saturating_mul(20) {
                d.capped = true;
                return;
            }
            let scores = if additive {
                self.additions += 1;
                d_add(
                    &self.base_scores,
                    sorted
                        .iter()
                        .zip(&idx)
                        .map(|(&i, &c)| &slots[i].cands[c].scores),
                )
            } else {
                let changes: Changes = sorted
                    .iter()
                    .zip(&idx)
                    .map(|(&i, &c)| (slots[i].slot, slots[i].cands[c].value))
                    .collect();
                self.partial(&changes).map(|pm| pm_scores(&pm))
            };
            if let Some((v, level)) = scores.as_ref().and_then(|s| self.measure(s, d.t)) {
                let target_level = match d.t {
                    Target::Section { level, .. } | Target::Index { level } => level,
                };
                if level >= target_level {
                    let over = v.sub(d.need).unwrap_or(Num::ZERO);
                    if d.best.as_ref().is_none_or(|(o, _)| over < *o) {
                        let changes = sorted
                            .iter()
                            .zip(&idx)
                            .map(|(&i, &c)| (slots[i].slot, slots[i].cands[c].value))
                            .collect();
                        d.best = Some((over, changes));
                    }
                }
            }
            // next combination (odometer)
            let mut pos = 0;
            loop {
                if pos == idx.len() {
                    return;
                }
                idx[pos] += 1;
                if idx[pos] < slots[sorted[pos]].cands.len() {
                    break;
                }
                idx[pos] = 0;
                pos += 1;
            }
        }
    }

    /// Re-evaluates a change set with the real evaluator.
    fn verify(&mut self, t: Target, changes: Changes) -> Option<Found> {
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

struct Dfs {
    t: Target,
    need: Num,
    #[allow(dead_code)]
    u0: Num,
    gains: Vec<Num>,
    order: Vec<usize>,
    cap: usize,
    best: Option<(Num, Changes)>,
    capped: bool,
}

/// What each `sum` rule gives for a selection (as the evaluator computes it).
fn sum_points(sums: &[(&[Num], Option<Num>, Option<Num>)], mask: u128) -> Vec<Num> {
    sums.iter()
        .map(|(points, cap, floor)| {
            let mut v = Num::ZERO;
            for (i, p) in points.iter().enumerate() {
                if mask & (1u128 << i) != 0 {
                    v = v.add(*p).unwrap_or(v);
                }
            }
            if let Some(c) = cap {
                v = v.min(*c);
            }
            if let Some(f) = floor {
                v = v.max(*f);
            }
            v
        })
        .collect()
}

fn pm_scores(pm: &[(Num, Num, bool)]) -> Scores {
    pm.iter()
        .map(|&(p, m, present)| present.then_some((p, m)))
        .collect()
}

/// Base scores plus the effects of private changes (each measured alone against the base).
fn d_add<'s>(base: &Scores, cands: impl Iterator<Item = &'s Scores>) -> Option<Scores> {
    let mut out = base.clone();
    for c in cands {
        for (cur, (b, x)) in out.iter_mut().zip(base.iter().zip(c)) {
            if b == x {
                continue;
            }
            let (Some((bp, bm)), Some((xp, xm)), Some((op, om))) = (b, x, cur.as_mut()) else {
                return None;
            };
            *op = op.add(xp.sub(*bp).ok()?).ok()?;
            *om = om.add(xm.sub(*bm).ok()?).ok()?;
        }
    }
    Some(out)
}

/// One way of changing the answers of one component, and its effect on each section it touches.
#[derive(Debug, Clone)]
struct Opt {
    k: usize,
    /// `(section, points, max, present)` after the change (points/max from the rules, whether
    /// or not the section is present).
    effect: Vec<(usize, Num, Num, bool)>,
    changes: Changes,
}

/// Questions whose effects interact: they share a rule, one gates another, or one decides
/// whether the section of the others is scored.
#[derive(Debug, Clone)]
struct Comp {
    /// Indices into the unit's slot candidates.
    members: Vec<usize>,
    sections: Vec<usize>,
    /// Options with up to this many changes are enumerated.
    depth: usize,
    opts: Vec<Opt>,
    /// The effects of `opts` (one option per effect).
    seen: BTreeSet<Vec<(usize, Num, Num, bool)>>,
}

/// Every reachable `(changes, points, max, present)` of a section, with a witness.
type Frontier = Vec<((usize, Num, Num, bool), State)>;

/// A frontier and the number of component options it was built from.
type CachedFrontier = (usize, std::rc::Rc<Frontier>);

/// A partial solution of the knapsack over components.
#[derive(Debug, Clone)]
struct State {
    trail: Trail,
}

/// Which component options a partial solution uses (shared, cheap to extend).
#[derive(Debug, Clone, Default)]
struct Trail(Option<std::rc::Rc<Link>>);

#[derive(Debug)]
enum Link {
    Opt(Trail, usize, usize),
    Join(Trail, Trail),
}

impl Trail {
    fn opt(&self, comp: usize, opt: usize) -> Trail {
        Trail(Some(std::rc::Rc::new(Link::Opt(self.clone(), comp, opt))))
    }

    fn join(&self, other: &Trail) -> Trail {
        match (&self.0, &other.0) {
            (_, None) => self.clone(),
            (None, _) => other.clone(),
            _ => Trail(Some(std::rc::Rc::new(Link::Join(
                self.clone(),
                other.clone(),
            )))),
        }
    }

    fn collect(&self, comps: &[Comp], out: &mut Changes) {
        match self.0.as_deref() {
            None => {}
            Some(Link::Opt(prev, c, o)) => {
                prev.collect(comps, out);
                out.extend_from_slice(&comps[*c].opts[*o].changes);
            }
            Some(Link::Join(a, b)) => {
                a.collect(comps, out);
                b.collect(comps, out);
            }
        }
    }
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn find(parent: &mut [usize], mut a: usize) -> usize {
    while parent[a] != a {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    a
}

impl UnitSearch<'_> {
    /// Points and maximum of each section's included rules at the base answers (also for
    /// sections without a score: what they would score if they had one).
    fn baseline(&self) -> Vec<(Num, Num)> {
        self.baseline_pm.clone()
    }

    /// Scores after `changes`, re-evaluating only the rules that read the changed questions.
    fn partial(&mut self, changes: &[(usize, Value)]) -> Option<Vec<(Num, Num, bool)>> {
        let mut rules = std::mem::take(&mut self.rules_scratch);
        rules.clear();
        for c in changes {
            rules.extend_from_slice(&self.deps.slot_rules[c.0]);
        }
        rules.sort_unstable();
        rules.dedup();
        let mut secs: Vec<usize> = rules.iter().map(|&r| self.p.rules[r].section).collect();
        for c in changes {
            for (t, d) in self.deps.presence.iter().enumerate() {
                if d.contains(&c.0) {
                    secs.push(t);
                }
            }
        }
        secs.sort_unstable();
        secs.dedup();
        for &(s, v) in changes {
            self.work[s] = v;
        }
        self.evaluations += 1;
        let mut pts = std::mem::take(&mut self.points_scratch);
        let mut changed = std::mem::take(&mut self.changed_scratch);
        changed.clear();
        changed.extend(changes.iter().map(|c| c.0));
        let ok = self
            .ev
            .eval_rules(&self.work, &changed, &rules, &mut pts)
            .is_ok();
        self.changed_scratch = changed;
        for &(s, _) in changes {
            self.work[s] = self.base[s];
        }
        let mut out: Vec<(Num, Num, bool)> = self
            .baseline_pm
            .iter()
            .zip(&self.base_scores)
            .map(|(pm, sc)| (pm.0, pm.1, sc.is_some()))
            .collect();
        let mut fine = ok;
        if ok {
            for (i, &r) in rules.iter().enumerate() {
                let s = self.p.rules[r].section;
                let max = self.p.rules[r].max;
                let old = self.base_outcome.rules[r]
                    .points
                    .map_or((Num::ZERO, Num::ZERO), |p| (p, max));
                let new = pts[i].map_or((Num::ZERO, Num::ZERO), |p| (p, max));
                let upd = out[s]
                    .0
                    .add(new.0)
                    .and_then(|x| x.sub(old.0))
                    .and_then(|p| {
                        out[s]
                            .1
                            .add(new.1)
                            .and_then(|x| x.sub(old.1))
                            .map(|m| (p, m))
                    });
                match upd {
                    Ok((p, m)) => {
                        out[s].0 = p;
                        out[s].1 = m;
                    }
                    Err(_) => fine = false,
                }
            }
            for &s in &secs {
                match self.ev.section_applicable(s) {
                    Ok(app) => out[s].2 = app && !out[s].1.is_zero(),
                    Err(_) => fine = false,
                }
            }
        }
        self.rules_scratch = rules;
        self.points_scratch = pts;
        fine.then_some(out)
    }

    fn build_comps(&mut self) {
        if self.comps.is_some() {
            return;
        }
        self.prepare();
        let slots = self.slots.as_ref().map_or(&[][..], |v| &v[..]);
        let n = slots.len();
        let pos = |s: usize| slots.iter().position(|c| c.slot == s);
        let mut parent: Vec<usize> = (0..n).collect();
        for d in &self.deps.rule_deps {
            let members: Vec<usize> = d.iter().filter_map(|&s| pos(s)).collect();
            for w in members.windows(2) {
                union(&mut parent, w[0], w[1]);
            }
        }
        for (si, sec) in self.p.sections.iter().enumerate() {
            if sec.applicable.is_none() {
                continue;
            }
            let mut members: Vec<usize> = self.deps.presence[si]
                .iter()
                .filter_map(|&s| pos(s))
                .collect();
            for &r in &sec.rules {
                members.extend(self.deps.rule_deps[r].iter().filter_map(|&s| pos(s)));
            }
            for w in members.windows(2) {
                union(&mut parent, w[0], w[1]);
            }
        }
        let mut comps: Vec<Comp> = Vec::new();
        let mut root_of: Vec<Option<usize>> = vec![None; n];
        #[allow(clippy::needless_range_loop)]
        for i in 0..n {
            let r = find(&mut parent, i);
            let ci = match root_of[r] {
                Some(c) => c,
                None => {
                    comps.push(Comp {
                        members: Vec::new(),
                        sections: Vec::new(),
                        depth: 0,
                        opts: Vec::new(),
                        seen: BTreeSet::new(),
                    });
                    root_of[r] = Some(comps.len() - 1);
                    comps.len() - 1
                }
            };
            comps[ci].members.push(i);
            let s = slots[i].slot;
            for &r in &self.deps.slot_rules[s] {
                comps[ci].sections.push(self.p.rules[r].section);
            }
            for (si, d) in self.deps.presence.iter().enumerate() {
                if d.contains(&s) {
                    comps[ci].sections.push(si);
                }
            }
        }
        for c in &mut comps {
            c.sections.sort();
            c.sections.dedup();
        }
        self.comps = Some(comps);
    }

    /// Enumerates the options of every component up to `depth` changes. False when the work
    /// limit stopped it.
    fn deepen_comps(&mut self, limits: &[usize], cap: usize) -> bool {
        let mut comps = self.comps.take().unwrap_or_default();
        let slots = self.slots.take().unwrap_or_default();
        let base_present: Vec<bool> = self.base_scores.iter().map(|s| s.is_some()).collect();
        let mut ok = true;
        'outer: for (ci, c) in comps.iter_mut().enumerate() {
            let depth = limits.get(ci).copied().unwrap_or(0);
            while c.depth < depth.min(c.members.len()) {
                let j = c.depth + 1;
                // every subset of j members, every combination of their candidates
                let m = c.members.len();
                let mut subset: Vec<usize> = (0..j).collect();
                loop {
                    let mut idx = vec![0usize; j];
                    loop {
                        if self.evaluations >= cap {
                            ok = false;
                            break 'outer;
                        }
                        let changes: Changes = subset
                            .iter()
                            .zip(&idx)
                            .map(|(&mi, &ci)| {
                                let sc = &slots[c.members[mi]];
                                (sc.slot, sc.cands[ci].value)
                            })
                            .collect();
                        let pm = if m == 1 {
                            Some(slots[c.members[0]].cands[idx[0]].pm.clone())
                        } else {
                            self.partial(&changes)
                        };
                        if let Some(pm) = pm {
                            let effect: Option<Vec<(usize, Num, Num, bool)>> = c
                                .sections
                                .iter()
                                .map(|&s| {
                                    let (pt, mx, present) = pm[s];
                                    if base_present[s] && !present {
                                        return None; // never propose removing a section
                                    }
                                    Some((s, pt, mx, present))
                                })
                                .collect();
                            if let Some(effect) = effect {
                                if c.seen.insert(effect.clone()) {
                                    c.opts.push(Opt {
                                        k: j,
                                        effect,
                                        changes,
                                    });
                                }
                            }
                        }
                        // odometer over candidates
                        let mut pos = 0;
                        loop {
                            if pos == j {
                                break;
                            }
                            idx[pos] += 1;
                            if idx[pos] < slots[c.members[subset[pos]]].cands.len() {
                                break;
                            }
                            idx[pos] = 0;
                            pos += 1;
                        }
                        if pos == j {
                            break;
                        }
                    }
                    // next subset of size j
                    let mut i = j;
                    loop {
                        if i == 0 {
                            break;
                        }
                        i -= 1;
                        if subset[i] < m - j + i {
                            subset[i] += 1;
                            for x in i + 1..j {
                                subset[x] = subset[x - 1] + 1;
                            }
                            i = usize::MAX;
                            break;
                        }
                    }
                    if i != usize::MAX {
                        break;
                    }
                }
                c.depth = j;
                // an option giving every rule of the component full points (its sections
                // scored before and after) dominates every option with more changes: a smallest
                // set never uses those, so the component is done
                let member_slots: Vec<usize> = c.members.iter().map(|&m| slots[m].slot).collect();
                if c.sections.iter().all(|&s| base_present[s])
                    && c.opts.iter().any(|o| {
                        o.effect.iter().all(|&(s, pt, mx, present)| {
                            present
                                && Some((pt, mx))
                                    == full_pm(
                                        self.p,
                                        self.deps,
                                        &self.base_outcome,
                                        &member_slots,
                                        s,
                                    )
                        })
                    })
                {
                    c.depth = c.members.len();
                }
            }
        }
        self.slots = Some(slots);
        self.comps = Some(comps);
        ok
    }

    /// The base effect signature of a component (no change).
    fn comp_base(&self, c: &Comp, baseline: &[(Num, Num)]) -> Vec<(usize, Num, Num, bool)> {
        c.sections
            .iter()
            .map(|&s| {
                (
                    s,
                    baseline[s].0,
                    baseline[s].1,
                    self.base_scores[s].is_some(),
                )
            })
            .collect()
    }

    /// Per section: every reachable `(k, points, max, present)` with up to `kmax` changes, and
    /// a witness. Components touching several sections make the index decomposition inexact:
    /// `None` then.
    fn section_frontier(&self, s: usize, baseline: &[(Num, Num)]) -> std::rc::Rc<Frontier> {
        // options only ever grow: their number tells whether a cached frontier is current
        let comps = self.comps.as_deref().unwrap_or(&[]);
        let version: usize = comps
            .iter()
            .filter(|c| c.sections.contains(&s))
            .map(|c| c.opts.len())
            .sum();
        let mut cache = self.frontiers.borrow_mut();
        if cache.len() <= s {
            cache.resize(s + 1, None);
        }
        if let Some((v, f)) = &cache[s] {
            if *v == version {
                return f.clone();
            }
        }
        let f = std::rc::Rc::new(self.compute_frontier(s, baseline));
        cache[s] = Some((version, f.clone()));
        f
    }

    fn compute_frontier(&self, s: usize, baseline: &[(Num, Num)]) -> Frontier {
        use std::collections::BTreeMap;
        let comps = self.comps.as_deref().unwrap_or(&[]);
        // (points, max, present) -> the fewest changes reaching it, and which
        type Frontier = BTreeMap<(Num, Num, bool), (usize, Trail)>;
        let mut states: Frontier = BTreeMap::new();
        states.insert(
            (baseline[s].0, baseline[s].1, self.base_scores[s].is_some()),
            (0, Trail::default()),
        );
        for (ci, c) in comps
            .iter()
            .enumerate()
            .filter(|(_, c)| c.sections.contains(&s))
        {
            let base = self.comp_base(c, baseline);
            let bi = base.iter().position(|e| e.0 == s).unwrap_or(0);
            let mut next = states.clone();
            for (key, (k0, ch0)) in &states {
                for (oi, o) in c.opts.iter().enumerate() {
                    let k = k0 + o.k;
                    let e = &o.effect[bi];
                    let (Ok(dp), Ok(dm)) = (e.1.sub(base[bi].1), e.2.sub(base[bi].2)) else {
                        continue;
                    };
                    let (Ok(p), Ok(m)) = (key.0.add(dp), key.1.add(dm)) else {
                        continue;
                    };
                    let nk = (p, m, key.2 || e.3);
                    if next.get(&nk).is_some_and(|(kk, _)| *kk <= k) {
                        continue;
                    }
                    next.insert(nk, (k, ch0.opt(ci, oi)));
                }
            }
            states = next;
        }
        states
            .into_iter()
            .map(|((p, m, present), (k, trail))| ((k, p, m, present), State { trail }))
            .collect()
    }

    /// The exact score of `(points, max)`.
    fn score_of(pm: (Num, Num)) -> Option<Num> {
        Num::HUNDRED.mul(pm.0).ok()?.div(pm.1).ok()?
    }

    /// Component search; `None` when it cannot decide (then the set search runs).
    fn dp_search(&mut self, t: Target, cap: usize) -> Option<SearchOutcome> {
        self.build_comps();
        let need = self.need(t)?;
        let target_level = match t {
            Target::Section { level, .. } | Target::Index { level } => level,
        };
        let max_k = self.slots.as_ref().map_or(0, |s| s.len());
        let baseline = self.baseline();
        if let Target::Index { .. } = t {
            // the index decomposes by section only if no component spans two sections
            let comps = self.comps.as_deref().unwrap_or(&[]);
            if comps.iter().any(|c| c.sections.len() > 1) {
                return None;
            }
        }
        // gain bounds per slot (sound, additive): a component needs options with j changes
        // only if its own bound plus the best kmax - j other slots can reach `need`
        let all = self.slots.take().unwrap_or_default();
        let filtered = self.filtered(t, &all, need);
        self.slots = Some(all);
        let gain_of: Vec<(usize, Num)> = match &filtered {
            Some((fs, _, g, order)) => order
                .iter()
                .zip(g)
                .map(|(&i, &x)| (fs[i].slot, x))
                .collect(),
            None => Vec::new(),
        };
        let u0 = filtered.as_ref().map(|f| f.1);
        let mut last: Option<(usize, Option<Solution>)> = None;
        for kmax in 1..=max_k {
            let limits: Vec<usize> = {
                let slots = self.slots.as_deref().unwrap_or(&[]);
                let comps = self.comps.as_deref().unwrap_or(&[]);
                comps
                    .iter()
                    .map(|c| {
                        let Some(u0) = u0 else {
                            return kmax; // no bound: enumerate everything
                        };
                        let mine: Vec<usize> = c.members.iter().map(|&m| slots[m].slot).collect();
                        let own = gain_of
                            .iter()
                            .filter(|(s, _)| mine.contains(s))
                            .fold(Num::ZERO, |a, (_, g)| a.add(*g).unwrap_or(a));
                        let others: Vec<Num> = gain_of
                            .iter()
                            .filter(|(s, _)| !mine.contains(s))
                            .map(|(_, g)| *g)
                            .collect();
                        let mut lim = 0;
                        for j in 1..=kmax.min(c.members.len()) {
                            let rest = others
                                .iter()
                                .take(kmax - j)
                                .fold(Num::ZERO, |a, g| a.add(*g).unwrap_or(a));
                            let b = u0.add(own).and_then(|x| x.add(rest)).unwrap_or(u0);
                            if b >= need {
                                lim = j;
                            }
                        }
                        lim
                    })
                    .collect()
            };
            let complete = self.deepen_comps(&limits, cap);
            let full = self
                .comps
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .all(|c| c.depth >= c.members.len());
            let kmax = if complete && full { max_k } else { kmax };
            // the knapsack only changes when a component gained options
            let n_opts: usize = self
                .comps
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .map(|c| c.opts.len())
                .sum();
            if last.as_ref().is_none_or(|(n, _)| *n != n_opts) {
                let best = match t {
                    Target::Section { section, .. } => {
                        let states = self.section_frontier(section, &baseline);
                        let mut best: Option<Solution> = None;
                        for &((k, p, m, present), ref st) in states.iter() {
                            if !present {
                                continue;
                            }
                            let Some((v, level)) = self.section_level(section, (p, m)) else {
                                continue;
                            };
                            if level < target_level {
                                continue;
                            }
                            let over = v.sub(need).unwrap_or(Num::ZERO);
                            if best.as_ref().is_none_or(|b| (k, over) < (b.0, b.1)) {
                                best = Some((k, over, st.trail.clone()));
                            }
                        }
                        best
                    }
                    Target::Index { .. } => self.index_dp(max_k, &baseline, need, target_level),
                };
                last = Some((n_opts, best));
            }
            // a set of at most kmax changes uses only options enumerated so far: minimal
            let found = last
                .as_ref()
                .and_then(|(_, b)| b.as_ref())
                .filter(|b| b.0 <= kmax || (complete && full));
            if let Some((_, _, trail)) = found {
                let mut changes = Vec::new();
                trail.collect(self.comps.as_deref().unwrap_or(&[]), &mut changes);
                changes.sort_by_key(|c| c.0);
                return self.verify(t, changes).map(|found| SearchOutcome::Found {
                    found: Box::new(found),
                    minimal: complete,
                });
            }
            if complete && full {
                break;
            }
            if !complete {
                return Some(SearchOutcome::Stopped {
                    reason: format!(
                        "search stopped early after {} evaluations without finding a set of {kmax} or fewer changes",
                        self.evaluations
                    ),
                });
            }
        }
        Some(SearchOutcome::OutOfReach {
            reason: "no combination of valid answers the unit may change reaches it".into(),
        })
    }

    /// Combines the sections' frontiers into the index: the fewest changes (exact), then among
    /// sets of that size the least overshoot (over at most 4096 partial sums per state).
    fn index_dp(
        &self,
        kmax: usize,
        baseline: &[(Num, Num)],
        need: Num,
        target_level: u8,
    ) -> Option<Solution> {
        use std::collections::BTreeMap;
        let plan = self.plan;
        // per section: the fewest changes per distinct score (None: no score), as
        // `(changes, Some((weight × score, weight)), trail)`
        let mut per_section: Vec<Vec<IndexOption<Num>>> = Vec::new();
        for s in 0..self.p.sections.len() {
            let w = plan.weights[s];
            let mut best: BTreeMap<Option<Num>, (usize, Trail)> = BTreeMap::new();
            if w.is_zero() {
                best.insert(None, (0, Trail::default()));
            } else {
                for &((k, p, m, present), ref st) in self.section_frontier(s, baseline).iter() {
                    let score = if present {
                        Self::score_of((p, m))
                    } else {
                        None
                    };
                    if present && score.is_none() || k > kmax {
                        continue;
                    }
                    if best.get(&score).is_some_and(|(kk, _)| *kk <= k) {
                        continue;
                    }
                    best.insert(score, (k, st.trail.clone()));
                }
            }
            let mut options = Vec::with_capacity(best.len());
            for (sc, (k, trail)) in best {
                let add = match sc {
                    Some(sc) => Some((w.mul(sc).ok()?, w)),
                    None => None,
                };
                options.push((k, add, trail));
            }
            per_section.push(options);
        }
        let reaches = |count: usize, w: Num, acc: Num| -> Option<Num> {
            if count < plan.min_sections || count == 0 {
                return None;
            }
            let v = acc.div(w).ok().flatten()?;
            (plan.index_thresholds.level(eval::compared(plan, v)) >= target_level).then_some(v)
        };
        // the same search on integers over common denominators when they fit (most rulesets):
        // exact, and several times faster than rational sums
        match scaled(&per_section) {
            Some((ints, d, wd)) => index_core(&ints, kmax, need, |count, w, acc| {
                let w = Num::frac(w, wd)?;
                reaches(count, w, Num::frac(acc, d)?)
            }),
            None => index_core(&per_section, kmax, need, reaches),
        }
    }
}

/// One way a section can end in the index search: changes, `(weight × score, weight)` (none:
/// no score) and the changes' trail.
type IndexOption<A> = (usize, Option<(A, A)>, Trail);

/// A number the index search adds exactly.
trait Acc: Copy + Ord {
    const ZERO: Self;
    fn plus(self, o: Self) -> Option<Self>;
}

impl Acc for Num {
    const ZERO: Num = Num::ZERO;
    fn plus(self, o: Num) -> Option<Num> {
        self.add(o).ok()
    }
}

impl Acc for i128 {
    const ZERO: i128 = 0;
    fn plus(self, o: i128) -> Option<i128> {
        self.checked_add(o)
    }
}

/// The options with every weighted score as an integer over one denominator `d` and every
/// weight over one denominator `wd`: `(options, d, wd)`; `None` when a number does not fit.
#[allow(clippy::type_complexity)]
fn scaled(
    per_section: &[Vec<IndexOption<Num>>],
) -> Option<(Vec<Vec<IndexOption<i128>>>, i128, i128)> {
    use num_integer::Integer;
    let lcm = |a: i128, b: i128| -> Option<i128> { (a / a.gcd(&b)).checked_mul(b) };
    let (mut d, mut wd) = (1i128, 1i128);
    for (_, add, _) in per_section.iter().flatten() {
        if let Some((x, w)) = add {
            d = lcm(d, x.denom())?;
            wd = lcm(wd, w.denom())?;
        }
    }
    // an integer over a common denominator, with headroom for summing every section
    let limit = i128::MAX / 1024;
    let int = |x: Num, den: i128| -> Option<i128> {
        let v = x.numer().checked_mul(den / x.denom())?;
        (v.checked_abs()? <= limit).then_some(v)
    };
    let mut out = Vec::with_capacity(per_section.len());
    for options in per_section {
        let mut o = Vec::with_capacity(options.len());
        for (k, add, trail) in options {
            let add = match add {
                Some((x, w)) => Some((int(*x, d)?, int(*w, wd)?)),
                None => None,
            };
            o.push((*k, add, trail.clone()));
        }
        out.push(o);
    }
    Some((out, d, wd))
}

/// The index search over prepared options: pass 1 finds the fewest changes that reach the
/// level, pass 2 the least overshoot among sets of that size. `reaches(count, weight, sum)` is
/// the index value when it reaches the level (monotone in `sum`).
fn index_core<A: Acc>(
    per_section: &[Vec<IndexOption<A>>],
    kmax: usize,
    need: Num,
    reaches: impl Fn(usize, A, A) -> Option<Num>,
) -> Option<Solution> {
    // suffix[s]: the largest weighted sum the sections from s on can add, per (changes,
    // sections, weight); suffix[0] is pass 1
    let n = per_section.len();
    let mut suffix: Vec<MaxSums<A>> = vec![MaxSums::new(); n + 1];
    suffix[n].insert((0, 0, A::ZERO), A::ZERO);
    for s in (0..n).rev() {
        suffix[s] = extend_max(&suffix[s + 1], &per_section[s], kmax)?;
    }
    let kstar = suffix[0]
        .iter()
        .filter(|((_, count, w), acc)| reaches(*count, *w, **acc).is_some())
        .map(|((k, _, _), _)| *k)
        .min()?;
    // pass 2: every sum with at most kstar changes that can still reach the level (thinned to
    // 4096 per state), for the least overshoot; ties keep the first found
    let mut states: Vec<(Key<A>, Sums<A>)> =
        vec![((0, 0, A::ZERO), vec![(A::ZERO, Trail::default())])];
    for (s, options) in per_section.iter().enumerate() {
        // (sum, state, option, entry): sorting puts the first found of equal sums first
        let mut next: std::collections::BTreeMap<Key<A>, Vec<NextSum<A>>> =
            std::collections::BTreeMap::new();
        for (si, (key, sums)) in states.iter().enumerate() {
            for (oi, (k, add, _)) in options.iter().enumerate() {
                let nk = key.0 + k;
                if nk > kstar {
                    continue;
                }
                let (nkey, x) = match add {
                    Some((x, w)) => ((nk, key.1 + 1, key.2.plus(*w)?), *x),
                    None => ((nk, key.1, key.2), A::ZERO),
                };
                let slot = next.entry(nkey).or_default();
                for (ji, (acc, _)) in sums.iter().enumerate() {
                    slot.push((acc.plus(x)?, si as u32, oi as u32, ji as u32));
                }
            }
        }
        let mut out = Vec::with_capacity(next.len());
        for (key, mut cands) in next {
            cands.sort_unstable();
            cands.dedup_by_key(|c| c.0);
            // drop the sums that no choice in the remaining sections lifts to the level
            let from = suffix[s + 1]
                .iter()
                .filter(|((k, _, _), _)| key.0 + k <= kstar)
                .filter_map(|((_, c, w), add)| {
                    let (count, w) = (key.1 + c, key.2.plus(*w)?);
                    let i = cands.partition_point(|cand| {
                        cand.0
                            .plus(*add)
                            .is_none_or(|v| reaches(count, w, v).is_none())
                    });
                    (i < cands.len()).then_some(i)
                })
                .min();
            let Some(from) = from else { continue };
            cands.drain(..from);
            thin_sorted(&mut cands, 4096);
            let sums = cands
                .into_iter()
                .map(|(v, si, oi, ji)| {
                    let prev = &states[si as usize].1[ji as usize].1;
                    (v, prev.join(&options[oi as usize].2))
                })
                .collect();
            out.push((key, sums));
        }
        states = out;
    }
    let mut best: Option<Solution> = None;
    for ((k, count, w), sums) in states {
        for (acc, tr) in sums {
            let Some(v) = reaches(count, w, acc) else {
                continue;
            };
            let over = v.sub(need).unwrap_or(Num::ZERO);
            if best.as_ref().is_none_or(|b| (k, over) < (b.0, b.1)) {
                best = Some((k, over, tr));
            }
        }
    }
    best
}

/// A state of the index search: (changes, sections with a score, their weight).
type Key<A> = (usize, usize, A);

/// The weighted sums of a state, ascending, each with its changes.
type Sums<A> = Vec<(A, Trail)>;

/// A sum of the next state: `(sum, state, option, entry of the state)`.
type NextSum<A> = (A, u32, u32, u32);

/// The largest weighted sum per state.
type MaxSums<A> = std::collections::BTreeMap<Key<A>, A>;

/// `after` with one more section's options in front: the largest sum per state.
fn extend_max<A: Acc>(
    after: &MaxSums<A>,
    options: &[IndexOption<A>],
    kmax: usize,
) -> Option<MaxSums<A>> {
    let mut next = MaxSums::new();
    for (key, acc) in after {
        for (k, add, _) in options {
            let nk = key.0 + k;
            if nk > kmax {
                continue;
            }
            let (nkey, v) = match add {
                Some((x, w)) => ((nk, key.1 + 1, key.2.plus(*w)?), acc.plus(*x)?),
                None => ((nk, key.1, key.2), *acc),
            };
            let e = next.entry(nkey).or_insert(v);
            if v > *e {
                *e = v;
            }
        }
    }
    Some(next)
}

/// Keeps at most `n` of the sorted entries: the largest, and an even spread of the rest.
fn thin_sorted<T>(v: &mut Vec<T>, n: usize) {
    if v.len() <= n {
        return;
    }
    let last = v.len() - 1;
    let step = v.len().div_ceil(n - 1);
    let mut i = 0;
    v.retain(|_| {
        let keep = i % step == 0 || i == last;
        i += 1;
        keep
    });
}

/// Points and maximum of section `s` when every rule reading `members` scores full points and
/// the other rules score as in `o`.
fn full_pm(
    p: &Program,
    deps: &Deps,
    o: &UnitOutcome,
    members: &[usize],
    s: usize,
) -> Option<(Num, Num)> {
    let mut pm = (Num::ZERO, Num::ZERO);
    for &r in &p.sections[s].rules {
        let touched = members.iter().any(|&m| deps.slot_rules[m].contains(&r));
        let (pt, mx) = if touched {
            (p.rules[r].max, p.rules[r].max)
        } else {
            match o.rules[r].points {
                Some(pt) => (pt, p.rules[r].max),
                None => (Num::ZERO, Num::ZERO),
            }
        };
        pm = (pm.0.add(pt).ok()?, pm.1.add(mx).ok()?);
    }
    Some(pm)
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
