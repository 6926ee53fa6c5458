//! Per-unit evaluation of the benchmark model (bench/model-150, ../shared/bench/MODEL.md):
//! `Evaluator::eval` (with the per-rule trace) and `Evaluator::eval_into` without it (what
//! `eval --format csv|bench` uses), on 1,000 deterministic pseudo-random units.
//!
//! `cargo bench --bench eval`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use eindex::eval::{Evaluator, UnitOutcome};
use eindex::num::Num;
use eindex::value::Value;
use std::path::Path;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Answers shaped like gen.py's: 4 % unanswered, choices A-D, selections of A-E, integers.
fn units(n: usize, slots: usize) -> Vec<Vec<Value>> {
    let mut r = Rng(20240601);
    (0..n)
        .map(|_| {
            (0..slots)
                .map(|slot| {
                    let q = slot % 30 + 1;
                    if r.below(25) == 0 {
                        return Value::UNANSWERED;
                    }
                    match q {
                        1..=15 | 30 => Value::Choice(r.below(4) as u16),
                        16..=25 => Value::Multi(1 + r.below(31) as u128),
                        _ => Value::Num(Num::int(r.below(2500) as i128 - 50)),
                    }
                })
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rs = eindex::ruleset::load(Path::new("bench/model-150")).unwrap();
    let p = rs.program.unwrap();
    let plan = eindex::plan::lower(&p);
    let data = units(1000, plan.n_slots);
    let mut g = c.benchmark_group("eval model-150");
    g.throughput(Throughput::Elements(data.len() as u64));
    g.bench_function("eval (trace)", |b| {
        let mut ev = Evaluator::new(&plan);
        b.iter(|| {
            for a in &data {
                std::hint::black_box(ev.eval(a).unwrap());
            }
        })
    });
    g.bench_function("eval_into (no trace)", |b| {
        let mut ev = Evaluator::new(&plan);
        let mut out = UnitOutcome::empty();
        b.iter(|| {
            for a in &data {
                ev.eval_into(a, &mut out, false).unwrap();
                std::hint::black_box(&out);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
