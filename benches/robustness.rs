//! `eindex robustness` on the 2022 published model: the 37 units of Annex 1, every declared input
//! of rules/2022-published/uncertainty.rules (16), N = 10,000 base points of the Sobol' sequence:
//! N·(d + 2) = 180,000 runs for the sensitivity indices, with the bootstrap (200 resamples) — on one
//! thread and on two. The model (scores per unit) is built once outside the timing, as the command
//! builds it once before the runs.
//!
//! `cargo bench --bench robustness`

use criterion::{criterion_group, criterion_main, Criterion};
use eindex::input::{self, InputSpec, LoadOptions};
use eindex::robust::analysis::{self, Settings};
use eindex::robust::model::Model;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let rs = eindex::ruleset::load(Path::new("rules/2022-published")).expect("ruleset loads");
    let p = rs.program.expect("rules/2022-published checks");
    let data = Path::new("data/2022-published/annex1.csv");
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let units: Vec<_> = input::load(&p.schema, &[InputSpec::new(data, None)], &opts)
        .units
        .into_iter()
        .map(|u| (u.id, u.answers))
        .collect();
    assert_eq!(units.len(), 37);
    let model = Model::build(&p, &units, &[]).expect("model");
    let mut g = c.benchmark_group("robustness");
    g.sample_size(10);
    for jobs in [1, 2] {
        let settings = Settings {
            samples: 10_000,
            seed: 1,
            jobs,
            resamples: 200,
            confidence: 0.95,
            force_sampling: false,
            progress: false,
        };
        g.bench_function(
            format!("2022_published_37_units_16_inputs_n10000_jobs{jobs}"),
            |b| {
                b.iter(|| {
                    analysis::run(&model, Vec::new(), Vec::new(), &settings)
                        .map(|o| o.analysis.units.len())
                        .unwrap_or(0)
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
