//! `eindex explain`'s search on the benchmark model (bench/model-150: 150 questions in 5
//! sections, `match`, `sum`, integer ranges and a combination table) with a few generated
//! submissions: every proposal re-evaluates to its target, and nothing is claimed out of reach
//! that the best answer to every question reaches.

use eindex::eval::{Evaluator, IndexOutcome};
use eindex::explain::search::{Deps, SearchOutcome, Target, UnitSearch};
use eindex::num::Num;
use eindex::plan;
use eindex::schema::QuestionKind;
use eindex::value::Value;
use std::path::Path;

fn reaches(ev: &mut Evaluator<'_>, a: &[Value], t: Target) -> bool {
    let o = ev.eval(a).unwrap();
    match t {
        Target::Section { section, level } => {
            o.sections[section].as_ref().is_ok_and(|s| s.level >= level)
        }
        Target::Index { level } => {
            matches!(o.index, IndexOutcome::Computed { level: l, .. } if l >= level)
        }
    }
}

#[test]
fn bench_model_proposals_reach_their_targets() {
    let rs = eindex::ruleset::load(Path::new("bench/model-150")).expect("ruleset readable");
    assert!(!rs.has_errors());
    let p = rs.program.expect("checked program");
    let plan = plan::lower(&p);
    let deps = Deps::new(&p);
    let nq = p.schema.questions.len();
    let mut ev = Evaluator::new(&plan);
    let mut x: u64 = 150;
    let mut rnd = |n: u64| {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (x >> 33) % n
    };
    let mut found = 0;
    for _ in 0..4 {
        // a generated submission: random answers, one in eight left out
        let answers: Vec<Value> = (0..plan.n_slots)
            .map(|s| {
                if s >= nq || rnd(8) == 0 {
                    return Value::UNANSWERED;
                }
                match &p.schema.questions[s].kind {
                    QuestionKind::Single(o) => Value::Choice(rnd(o.len() as u64) as u16),
                    QuestionKind::Multi(o) => Value::Multi(1 + rnd((1 << o.len()) - 1) as u128),
                    QuestionKind::YesNo => Value::Bool(rnd(2) == 0),
                    _ => Value::Num(Num::int(rnd(300) as i128)),
                }
            })
            .collect();
        let changeable = (0..plan.n_slots).map(|s| s < nq).collect();
        let mut search = UnitSearch::new(&p, &plan, &deps, &answers, changeable).unwrap();
        let base = search.base().to_vec();
        // every rule at its maximum at once, keeping what the unit reports: option D, every
        // option of a multiple choice, a number above 100 (the rules' top range)
        let best: Vec<Value> = (0..plan.n_slots)
            .map(|s| match p.schema.questions.get(s).map(|q| &q.kind) {
                Some(QuestionKind::Single(o)) => Value::Choice(o.len() as u16 - 1),
                Some(QuestionKind::Multi(o)) => Value::Multi((1 << o.len()) - 1),
                Some(QuestionKind::Integer { .. }) => match base[s] {
                    Value::Num(n) if n > Num::int(100) => base[s],
                    _ => Value::Num(Num::int(101)),
                },
                _ => base[s],
            })
            .collect();
        let o = search.base_outcome().clone();
        let mut targets: Vec<Target> = o
            .sections
            .iter()
            .enumerate()
            .filter_map(|(s, r)| {
                let so = r.as_ref().ok()?;
                ((so.level as usize) < p.levels.len()).then_some(Target::Section {
                    section: s,
                    level: so.level + 1,
                })
            })
            .collect();
        if let IndexOutcome::Computed { level, .. } = o.index {
            if (level as usize) < p.levels.len() {
                targets.push(Target::Index { level: level + 1 });
            }
        }
        for t in targets {
            match search.search(t, 200_000).outcome {
                SearchOutcome::Found { found: f, .. } => {
                    let mut a = base.clone();
                    for &(s, v) in &f.changes {
                        a[s] = v;
                    }
                    assert!(reaches(&mut ev, &a, t), "{t:?}: {:?}", f.changes);
                    found += 1;
                }
                SearchOutcome::OutOfReach { reason } => {
                    assert!(
                        !reaches(&mut ev, &best, t),
                        "{t:?}: out of reach ({reason})"
                    );
                }
                SearchOutcome::Stopped { reason } => panic!("{t:?}: stopped ({reason})"),
            }
        }
    }
    assert!(found >= 12, "{found} proposals");
}
