//! The component decomposition on the small explain ruleset (tests/cases/explain/tiny), and the
//! iterative deepening (which the component search leaves the index to when a question is scored
//! in two sections) against brute force on a variant of the property-test ruleset.

use super::{Deps, SearchOutcome, Target, UnitSearch};
use crate::eval::{Evaluator, IndexOutcome};
use crate::input::{self, InputSpec, LoadOptions};
use crate::num::Num;
use crate::plan;
use crate::schema::{QuestionKind, Source};
use crate::value::Value;
use std::path::{Path, PathBuf};

fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/explain/tiny")
}

/// A component: its questions with their numbers of candidates, its depth and options.
type Summary<'a> = (Vec<(&'a str, usize)>, usize, usize);

#[test]
fn coupled_questions_share_a_component() {
    let dir = tiny();
    let p = crate::ruleset::load(&dir)
        .expect("ruleset readable")
        .program
        .expect("checked program");
    let plan = plan::lower(&p);
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let spec = InputSpec::new(dir.join("self.csv"), Some(Source::SelfAssessment));
    let loaded = input::load(&p.schema, &[spec], &opts);
    let unit = loaded
        .units
        .iter()
        .find(|u| u.id.starts_with("Zemās"))
        .expect("the low unit");
    let deps = Deps::new(&p);
    let changeable = (0..plan.n_slots)
        .map(|s| s < p.schema.questions.len())
        .collect();
    let mut search = UnitSearch::new(&p, &plan, &deps, &unit.answers, changeable).unwrap();
    assert!(search.components().is_empty());
    let section = p.schema.section_index("pakalpojumi").unwrap();
    let report = search.search(Target::Section { section, level: 2 }, 10_000);
    assert!(matches!(report.outcome, SearchOutcome::Found { .. }));
    // questions read by one rule (the chat table, the document share) or deciding whether a
    // section is scored (`applicable if`) form one component; only the components of the target
    // section have options (enumerated to one change)
    let summary = search.components();
    let comps: Vec<Summary> = summary
        .iter()
        .map(|c| {
            let qs = c.questions.iter().map(|(q, n)| (q.as_str(), *n)).collect();
            (qs, c.depth, c.options)
        })
        .collect();
    assert_eq!(
        comps,
        vec![
            (vec![("q_portal", 2)], 1, 2),
            (vec![("q_chat", 1), ("q_chat_weekend", 2)], 1, 2),
            (vec![("q_channels", 2)], 1, 2),
            (vec![("q_docs_e", 4), ("q_docs_total", 1)], 0, 0),
            (vec![("q_esign", 1)], 0, 0),
            (vec![("q_archive", 2)], 0, 0),
            (vec![("q_data_applies", 1), ("q_data_quality", 3)], 0, 0),
        ]
    );
}

/// Every valid answer of question `s` of the property-test questionnaire.
fn valid_values(p: &crate::hir::Program, s: usize) -> Vec<Value> {
    match &p.schema.questions[s].kind {
        QuestionKind::Single(o) => (0..o.len() as u16).map(Value::Choice).collect(),
        QuestionKind::YesNo => vec![Value::Bool(false), Value::Bool(true)],
        QuestionKind::Multi(o) => (1..1u128 << o.len()).map(Value::Multi).collect(),
        QuestionKind::Integer { min, max, .. } => {
            let (lo, hi) = (min.map_or(0, |x| x.numer()), max.map_or(6, |x| x.numer()));
            (lo..=hi).map(|n| Value::Num(Num::int(n))).collect()
        }
        _ => Vec::new(),
    }
}

/// The index level after `changes` to `base`.
fn index_level(ev: &mut Evaluator<'_>, base: &[Value], changes: &[(usize, Value)]) -> Option<u8> {
    let mut a = base.to_vec();
    for &(s, v) in changes {
        a[s] = v;
    }
    match ev.eval(&a).ok()?.index {
        IndexOutcome::Computed { level, .. } => Some(level),
        IndexOutcome::NotComputable { .. } => None,
    }
}

/// Whether some set of `k` changes (questions `from..`) to `base` lifts the index to `level`.
fn some_set_reaches(
    ev: &mut Evaluator<'_>,
    values: &[Vec<Value>],
    base: &[Value],
    chosen: &mut Vec<(usize, Value)>,
    from: usize,
    k: usize,
    level: u8,
) -> bool {
    if chosen.len() == k {
        return index_level(ev, base, chosen).is_some_and(|l| l >= level);
    }
    for s in from..values.len() {
        for &v in &values[s] {
            if v == base[s] {
                continue;
            }
            chosen.push((s, v));
            let hit = some_set_reaches(ev, values, base, chosen, s + 1, k, level);
            chosen.pop();
            if hit {
                return true;
            }
        }
    }
    false
}

/// A question scored in two sections keeps the index from decomposing by section, so the
/// index target falls back to the iterative deepening over sets of questions: what it finds
/// reaches the level, and no smaller set does (brute force).
#[test]
fn index_search_with_a_question_in_two_sections_is_minimal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/explain/prop");
    let dir = tempfile::tempdir().unwrap();
    let schema = std::fs::read_to_string(src.join("questionnaire.toml")).unwrap();
    std::fs::write(dir.path().join("questionnaire.toml"), schema).unwrap();
    let mut rules = std::fs::read_to_string(src.join("model.rules")).unwrap();
    rules.push_str("\nrule r5 in s2 {\n  match p1 {\n    a => 0\n    b => 2\n    c => 1\n  }\n}\n");
    std::fs::write(dir.path().join("model.rules"), rules).unwrap();
    let p = crate::ruleset::load(dir.path())
        .expect("ruleset readable")
        .program
        .expect("checked program");
    let plan = plan::lower(&p);
    let deps = Deps::new(&p);
    let nq = p.schema.questions.len();
    let values: Vec<Vec<Value>> = (0..nq).map(|s| valid_values(&p, s)).collect();
    let mut ev = Evaluator::new(&plan);
    let mut found = 0;
    let mut x: u64 = 7;
    for _ in 0..24 {
        // a pseudo-random submission (a linear congruential walk), some answers left out
        let answers: Vec<Value> = (0..plan.n_slots)
            .map(|s| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let r = (x >> 33) as usize;
                match values.get(s) {
                    Some(v) if !r.is_multiple_of(5) => v[r % v.len()],
                    _ => Value::UNANSWERED,
                }
            })
            .collect();
        let changeable = (0..plan.n_slots).map(|s| s < nq).collect();
        let mut search = UnitSearch::new(&p, &plan, &deps, &answers, changeable).unwrap();
        let base = search.base().to_vec();
        let Some(current) = index_level(&mut ev, &base, &[]) else {
            continue;
        };
        if current as usize >= p.levels.len() {
            continue;
        }
        let level = current + 1;
        match search.search(Target::Index { level }, 200_000).outcome {
            SearchOutcome::Found { found: f, minimal } => {
                found += 1;
                assert!(minimal);
                assert!(index_level(&mut ev, &base, &f.changes).is_some_and(|l| l >= level));
                let k = f.changes.len();
                for j in 1..k {
                    let mut chosen = Vec::new();
                    assert!(
                        !some_set_reaches(&mut ev, &values, &base, &mut chosen, 0, j, level),
                        "{base:?}: a set of {j} changes reaches level {level}, found {:?}",
                        f.changes
                    );
                }
            }
            SearchOutcome::OutOfReach { .. } => {}
            SearchOutcome::Stopped { reason } => panic!("stopped: {reason}"),
        }
    }
    assert!(found >= 10, "{found} sets found");
}
