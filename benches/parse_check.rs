//! Parse and check times (bench/run.sh prints the command-line figures; docs/performance.md).
//!
//! `cargo bench --bench parse_check`: parsing the 2022 ruleset's .rules files, checking them
//! against the schema, and `ruleset::load` of the 2022 ruleset and of the benchmark model.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::Path;

fn rules_texts(dir: &str) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = rules_texts("rules/2022");
    c.bench_function("parse rules/2022", |b| {
        b.iter(|| {
            for (i, t) in texts.iter().enumerate() {
                let (file, errors) = eindex::syntax::parse(i as u16, t);
                assert!(errors.is_empty());
                std::hint::black_box(file);
            }
        })
    });
    let schema_text = std::fs::read_to_string("rules/2022/questionnaire.toml").unwrap();
    let schema = eindex::schema::load(100, &schema_text).ok().unwrap();
    let files: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| eindex::syntax::parse(i as u16, t).0)
        .collect();
    c.bench_function("check rules/2022 (parsed)", |b| {
        b.iter(|| {
            let (p, _) = eindex::check::check(&files, &schema);
            std::hint::black_box(p.is_some())
        })
    });
    c.bench_function("ruleset::load rules/2022", |b| {
        b.iter(|| {
            let rs = eindex::ruleset::load(Path::new("rules/2022")).unwrap();
            std::hint::black_box(rs.program.is_some())
        })
    });
    c.bench_function("ruleset::load bench/model-150", |b| {
        b.iter(|| {
            let rs = eindex::ruleset::load(Path::new("bench/model-150")).unwrap();
            std::hint::black_box(rs.program.is_some())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
