//! Deterministic stand-in submissions for a ruleset's schema: used by the benchmark and the tests
//! when no real data is at hand (`data/2022/` is not bundled yet). Seeded; no external crates.

use crate::eval::Evaluator;
use crate::hir::Program;
use crate::input::Unit;
use crate::num::Num;
use crate::plan;
use crate::schema::QuestionKind;
use crate::value::Value;

/// splitmix64
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

/// `n` units named `Vienība 01` …, each question answered with probability 0.9 (by its first
/// source), follow-ups consistent with their conditions.
pub fn units_2022(p: &Program, n: usize) -> Vec<Unit> {
    let plan = plan::lower(p);
    let mut ev = Evaluator::new(&plan);
    let mut rng = Rng(2022);
    let nq = p.schema.questions.len();
    (0..n)
        .map(|i| {
            let mut answers = vec![Value::UNANSWERED; plan.n_slots];
            for (s, q) in p.schema.questions.iter().enumerate() {
                if rng.below(10) == 0 {
                    continue;
                }
                answers[s] = match &q.kind {
                    QuestionKind::Single(o) => Value::Choice(rng.below(o.len() as u64) as u16),
                    QuestionKind::YesNo => Value::Bool(rng.below(2) == 1),
                    QuestionKind::Multi(o) => {
                        let n = o.len().min(127);
                        let mut m = 0u128;
                        for b in 0..n {
                            if rng.below(2) == 1 {
                                m |= 1u128 << b;
                            }
                        }
                        if m == 0 {
                            m = 1u128 << rng.below(n as u64);
                        }
                        Value::Multi(m)
                    }
                    QuestionKind::Integer { min, max, .. } => {
                        let lo = min.map_or(0, |x| x.numer());
                        let hi = max.map_or(lo + 1000, |x| x.numer()).min(lo + 2000);
                        Value::Num(Num::int(lo + rng.below((hi - lo + 1) as u64) as i128))
                    }
                    QuestionKind::Decimal { min, .. } => {
                        let lo = min.map_or(0, |x| x.numer() / x.denom().max(1));
                        Value::Num(Num::int(lo + rng.below(100) as i128))
                    }
                    QuestionKind::Text => Value::UNANSWERED,
                };
            }
            if let Ok(o) = ev.eval(&answers) {
                for s in o.answered_not_asked {
                    answers[s] = Value::UNANSWERED;
                }
            }
            let sources = (0..plan.n_slots)
                .map(|s| {
                    (s < nq && answers[s].is_answered())
                        .then(|| p.schema.questions[s].sources.first().copied())
                        .flatten()
                })
                .collect();
            Unit {
                id: format!("Vienība {:02}", i + 1),
                texts: vec![None; plan.n_slots],
                sources,
                origins: Vec::new(),
                cells: vec![None; plan.n_slots],
                overridden: Vec::new(),
                columns: None,
                answers,
            }
        })
        .collect()
}
