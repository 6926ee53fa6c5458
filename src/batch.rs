//! Evaluating loaded submissions as a batch: every unit, and each answer given to a question that
//! was not asked, as an input problem that names its file, row and column.

use crate::eval::Evaluator;
use crate::hir::Program;
use crate::input::{self, InputError, Loaded};
use crate::plan::Plan;
use crate::render::UnitResult;

/// Every unit evaluated, plus the problems evaluation found (answers to questions not asked).
pub struct Evaluated<'a> {
    pub results: Vec<UnitResult<'a>>,
    pub problems: Vec<InputError>,
}

/// Evaluates every loaded unit.
pub fn evaluate_all<'a>(p: &Program, plan: &Plan, loaded: &'a Loaded) -> Evaluated<'a> {
    let mut ev = Evaluator::new(plan);
    let mut problems = Vec::new();
    let results = loaded
        .units
        .iter()
        .map(|u| {
            let outcome = ev.eval(&u.answers);
            if let Ok(o) = &outcome {
                for &slot in &o.answered_not_asked {
                    problems.push(not_asked_problem(p, loaded, u, slot));
                }
            }
            UnitResult { unit: u, outcome }
        })
        .collect();
    Evaluated { results, problems }
}

/// The problem "answered although not asked" for a unit's slot.
pub fn not_asked_problem(p: &Program, loaded: &Loaded, u: &input::Unit, slot: usize) -> InputError {
    not_asked_in(
        p,
        &|f| loaded.files.get(f as usize).map(|f| f.name.clone()),
        u,
        slot,
    )
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
