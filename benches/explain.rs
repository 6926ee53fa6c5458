//! `eindex explain` on the bundled 2022 model: every unit of the synthetic 2022 submissions
//! (data/2022/synthetic-submissions-2022.csv), with the improvement search for every section and
//! the index.
//!
//! `cargo bench --bench explain`

use criterion::{criterion_group, criterion_main, Criterion};
use eindex::explain::{Explainer, Options};
use eindex::input::{self, InputSpec, LoadOptions};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let rs = eindex::ruleset::load(Path::new("rules/2022")).expect("rules/2022 loads");
    let p = rs.program.expect("rules/2022 checks");
    let plan = eindex::plan::lower(&p);
    let data = Path::new("data/2022/synthetic-submissions-2022.csv");
    let opts = LoadOptions {
        lenient: true,
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let units = input::load(&p.schema, &[InputSpec::new(data, None)], &opts).units;
    assert!(!units.is_empty(), "no units in {}", data.display());
    let ex = Explainer::new(&p, &plan, Options::default());
    let mut g = c.benchmark_group("explain");
    g.sample_size(10);
    g.bench_function(
        format!("2022_all_{}_units_with_improvements", units.len()),
        |b| {
            b.iter(|| {
                units
                    .iter()
                    .map(|u| ex.explain(u).map_or(0, |e| e.sections.len()))
                    .sum::<usize>()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
