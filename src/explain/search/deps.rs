//! Which questions every rule and section depends on, per program: the slots a rule's points
//! can read (through lets and follow-ups), the questions that gate follow-ups or sections, the
//! numbers the rules compare each question with, and how the rules read each multiple choice.

use crate::hir::{Cell, Expr, MissingState, Outcome, Program, Scoring};
use crate::num::Num;
use crate::schema::QuestionKind;
use std::collections::BTreeSet;

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
    pub(super) atoms: Vec<Option<Vec<Atom>>>,
}

/// One way an expression reads a multiple choice.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Atom {
    Has(u128, bool),
    Count,
    Sum(Vec<Num>, Option<Num>, Option<Num>),
}

impl Atom {
    pub(super) fn value(&self, mask: u128) -> Num {
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
        let mut marks = vec![Vec::new(); n_slots];
        let rule_deps = rule_deps(p, &mut marks);
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
        let presence = presence(p, &mut gate);
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
        Deps {
            rule_deps,
            slot_rules,
            gate,
            presence,
            marks,
            excludable,
            atoms: atoms(p, n_slots),
        }
    }
}

/// Per rule: every question slot its points can depend on. Adds the numbers the rules compare
/// slots with (comparisons and table range bounds) to `marks`.
fn rule_deps(p: &Program, marks: &mut [Vec<Num>]) -> Vec<Vec<usize>> {
    let mut rule_deps = Vec::with_capacity(p.rules.len());
    for r in &p.rules {
        let mut w = Walk::new(p);
        match &r.scoring {
            Scoring::Table { inputs, rows, .. } => {
                for (i, e) in inputs.iter().enumerate() {
                    w.expr(e);
                    cmp_marks(e, marks);
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
                cmp_marks(e, marks);
            }
        }
        rule_deps.push(w.out.into_iter().collect::<Vec<_>>());
    }
    rule_deps
}

/// Per section: the slots that decide whether it has a score (its `applicable if`, else its
/// questions). The slots an `applicable if` reads are marked in `gate`.
fn presence(p: &Program, gate: &mut [bool]) -> Vec<Vec<usize>> {
    p.sections
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
        .collect()
}

/// Per multiple-choice slot: every way the rules, lets and conditions read it (`None` for other
/// slots and for a multiple choice read raw somewhere).
fn atoms(p: &Program, n_slots: usize) -> Vec<Option<Vec<Atom>>> {
    let nq = p.schema.questions.len();
    let mut atoms: Vec<Option<Vec<Atom>>> = (0..n_slots)
        .map(|s| {
            let multi = s < nq && matches!(p.schema.questions[s].kind, QuestionKind::Multi(_));
            multi.then(Vec::new)
        })
        .collect();
    for r in &p.rules {
        match &r.scoring {
            Scoring::Table { inputs, .. } => inputs.iter().for_each(|e| atoms_of(e, &mut atoms)),
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
    atoms
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
