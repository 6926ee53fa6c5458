//! Evaluating loaded submissions as a batch: every unit, and each answer given to a question that
//! was not asked, as an input problem that names its file, row and column.

use crate::eval::Evaluator;
use crate::hir::Program;
use crate::input::{self, InputError, Loaded};
use crate::plan::Plan;
use crate::render::UnitResult;

/// Every unit evaluated, plus the problems evaluation found: answers to questions not asked
/// (ignored), and the units that could not be evaluated (rejected; not among `results`).
pub struct Evaluated<'a> {
    pub results: Vec<UnitResult<'a>>,
    pub problems: Vec<InputError>,
    pub failed: Vec<input::Rejected>,
}

/// Evaluates every loaded unit; `sources` (the ruleset's) let a failure name its place.
pub fn evaluate_all<'a>(
    p: &Program,
    plan: &Plan,
    loaded: &'a Loaded,
    sources: Option<&crate::source::SourceMap>,
) -> Evaluated<'a> {
    let mut ev = Evaluator::new(plan);
    let mut problems = Vec::new();
    let mut failed = Vec::new();
    let mut results = Vec::with_capacity(loaded.units.len());
    let name = |f: u16| loaded.files.get(f as usize).map(|f| f.name.clone());
    for u in &loaded.units {
        match ev.eval(&u.answers) {
            Ok(o) => {
                for &slot in &o.answered_not_asked {
                    problems.push(not_asked_problem(p, loaded, u, slot));
                }
                results.push(UnitResult {
                    unit: u,
                    outcome: Ok(o),
                });
            }
            Err(e) => failed.push(input::Rejected {
                unit: u.id.clone(),
                origins: u.origins.clone(),
                reasons: vec![eval_failure(p, sources, &name, u, &e)],
            }),
        }
    }
    Evaluated {
        results,
        problems,
        failed,
    }
}

/// Moves every unit whose answers break a constraint from `loaded.units` to `loaded.rejected`
/// (which of the contradicting answers is wrong is unknown, so no answer of it is used).
pub fn reject_contradictions(p: &Program, plan: &Plan, loaded: &mut Loaded) {
    if p.constraints.is_empty() {
        return;
    }
    let mut ev = Evaluator::new(plan);
    let mut found = Vec::new();
    let units = std::mem::take(&mut loaded.units);
    for u in units {
        // an evaluation error (overflow) is reported when the unit is evaluated
        if ev.violations(&u.answers, &mut found).is_ok() && !found.is_empty() {
            let files = &loaded.files;
            let name = |f: u16| files.get(f as usize).map(|f| f.name.clone());
            let r = contradiction(p, &name, &u, &found);
            loaded.rejected.push(r);
        } else {
            loaded.units.push(u);
        }
    }
}

/// A unit rejected because its answers break constraints: one problem per broken `require`,
/// placed at the first answer it reads, naming every answer it reads.
pub fn contradiction(
    p: &Program,
    file_name: &dyn Fn(u16) -> Option<String>,
    u: &input::Unit,
    violations: &[(u32, u32)],
) -> input::Rejected {
    let reasons = violations
        .iter()
        .filter_map(|&(c, r)| {
            let c = p.constraints.get(c as usize)?;
            let req = c.requires.get(r as usize)?;
            let mut slots: Vec<usize> = c.when_slots.clone();
            slots.extend(&req.slots);
            slots.sort_unstable();
            slots.dedup();
            Some(violation(p, file_name, u, c, &slots))
        })
        .collect();
    input::Rejected {
        unit: u.id.clone(),
        origins: u.origins.clone(),
        reasons,
    }
}

fn violation(
    p: &Program,
    file_name: &dyn Fn(u16) -> Option<String>,
    u: &input::Unit,
    c: &crate::hir::Constraint,
    slots: &[usize],
) -> InputError {
    let answers: Vec<String> = slots
        .iter()
        .map(|&s| {
            let id = slot_id(p, s);
            let v = u
                .answers
                .get(s)
                .copied()
                .unwrap_or(crate::value::Value::UNANSWERED);
            let mut text = format!("`{id}` = {}", crate::render::value_text(p, s, v));
            if let Some(cell) = u.cell(s) {
                if let Some(col) = cell.column {
                    text.push_str(&format!(" (column {col})"));
                }
            }
            text
        })
        .collect();
    let message = match &c.en {
        Some(en) => format!("{} / {en}", c.message),
        None => c.message.clone(),
    };
    let kind = input::InputErrorKind::Constraint {
        constraint: c.name.clone(),
        message,
        answers: answers.join(", "),
    };
    let mut e = InputError::file("", input::Place::Row, kind);
    let first = slots.iter().find_map(|&s| u.cell(s).map(|c| (s, c)));
    let origin = u.origins.first();
    e.file = first
        .map(|(_, c)| c.file)
        .or(origin.map(|o| o.file))
        .and_then(file_name)
        .unwrap_or_default();
    e.row = first.map(|(_, c)| c.row).or(origin.map(|o| o.row));
    if let Some((s, cell)) = first {
        let id = slot_id(p, s);
        e = match cell.column {
            Some(col) => e.at_column(col as usize, id),
            None => e.at_key(id),
        };
    }
    e.unit = Some(u.id.clone());
    e
}

/// The problem "answered although not asked" for a unit's slot.
pub fn not_asked_problem(p: &Program, loaded: &Loaded, u: &input::Unit, slot: usize) -> InputError {
    let mut e = not_asked_in(
        p,
        &|f| loaded.files.get(f as usize).map(|f| f.name.clone()),
        u,
        slot,
    );
    loaded.locate(&mut e);
    e
}

/// `not_asked_problem` with the file names given directly (for streaming).
pub fn not_asked_named(p: &Program, name: &str, u: &input::Unit, slot: usize) -> InputError {
    not_asked_in(p, &|f| (f == 0).then(|| name.to_string()), u, slot)
}

fn not_asked_in(
    p: &Program,
    file_name: &dyn Fn(u16) -> Option<String>,
    u: &input::Unit,
    slot: usize,
) -> InputError {
    let q = &p.schema.questions[slot];
    let kind = input::InputErrorKind::NotAsked {
        question: q.id.clone(),
        follow_up: q.ask_if.is_some(),
    };
    let mut e = InputError::file("", input::Place::Row, kind);
    if let Some(cell) = u.cell(slot) {
        e.file = file_name(cell.file).unwrap_or_default();
        e.row = Some(cell.row);
        e = match cell.column {
            Some(c) => e.at_column(c as usize, &q.id),
            None => e.at_key(&q.id),
        };
    }
    e.unit = Some(u.id.clone());
    e
}

/// The problem "the unit cannot be scored" for an evaluation error of unit `u`: names the `let`,
/// rule or constraint, with its place in the rules when `sources` has it.
pub fn eval_failure(
    p: &Program,
    sources: Option<&crate::source::SourceMap>,
    file_name: &dyn Fn(u16) -> Option<String>,
    u: &input::Unit,
    e: &crate::eval::EvalError,
) -> InputError {
    use crate::eval::EvalAt;
    let named = match e.at {
        Some(EvalAt::Let(i)) => p.lets.get(i).map(|l| (format!("`let {}`", l.name), l.span)),
        Some(EvalAt::Rule(i)) => p
            .rules
            .get(i)
            .map(|r| (format!("rule `{}`", r.name), r.span)),
        Some(EvalAt::Constraint(i)) => p
            .constraints
            .get(i)
            .map(|c| (format!("constraint `{}`", c.name), c.span)),
        None => None,
    };
    let what = match named {
        Some((name, span)) => {
            let place = sources.and_then(|m| {
                let file = m.get(span.file)?;
                let (line, col) = m.line_col(span)?;
                Some(format!(" ({}:{line}:{col})", file.name))
            });
            format!("{name}{}", place.unwrap_or_default())
        }
        None => e.place.clone(),
    };
    let mut err = InputError::file(
        "",
        input::Place::Row,
        input::InputErrorKind::Overflow { what },
    );
    if let Some(o) = u.origins.first() {
        err.file = file_name(o.file).unwrap_or_default();
        err.row = Some(o.row);
    }
    err.unit = Some(u.id.clone());
    err
}

/// The id of a question or metadata slot.
fn slot_id(p: &Program, s: usize) -> &str {
    let nq = p.schema.questions.len();
    match s.checked_sub(nq) {
        None => &p.schema.questions[s].id,
        Some(m) => p.schema.meta.get(m).map_or("", |q| q.id.as_str()),
    }
}
