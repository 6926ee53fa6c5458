//! (c) Load arbitrary submissions (CSV, JSON, JSON Lines) against the 2022 model or the
//! benchmark model (`bench/model-150`, whose one-byte option ids reach the plain-cell decoders and
//! the JSON Lines scanner) and evaluate every unit loaded. The first byte picks the format, strict
//! or lenient mode (bit 2) and the model (bit 3). CSV and JSON Lines are also streamed, on one
//! thread and on two (`stream_parallel`, as `eval --jobs 2`): both must give the same units and
//! summary.
#![no_main]

use eindex::{eval, hir, input, plan, ruleset};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// The 2022 model (`bench == false`) or the benchmark model, loaded once.
fn model(bench: bool) -> &'static (hir::Program, plan::Plan) {
    static M: [OnceLock<(hir::Program, plan::Plan)>; 2] = [OnceLock::new(), OnceLock::new()];
    M[usize::from(bench)].get_or_init(|| {
        let rules = if bench { "../bench/model-150" } else { "../rules/2022" };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rules);
        let rs = ruleset::load(&dir).expect("the ruleset loads");
        let p = rs.program.expect("the ruleset checks clean");
        let plan = plan::lower(&p);
        (p, plan)
    })
}

/// Keeps the streamed units (as text) of `stream_parallel`.
struct Collect;

impl input::Work for Collect {
    type Out = Vec<String>;
    fn unit(&mut self, u: &mut input::Unit, out: &mut Vec<String>) {
        out.push(format!("{u:?}"));
    }
    fn end_chunk(&mut self, _: &mut Vec<String>) {}
    fn clear(out: &mut Vec<String>) {
        out.clear();
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else {
        return;
    };
    let (p, plan) = model(mode & 8 != 0);
    let ext = match mode % 3 {
        0 => "csv",
        1 => "jsonl",
        _ => "json",
    };
    let path = std::env::temp_dir().join(format!("eindex-fuzz-{}.{ext}", std::process::id()));
    if std::fs::write(&path, body).is_err() {
        return;
    }
    let opts = input::LoadOptions {
        lenient: mode & 4 != 0,
        precedence: p.survey.sources.clone(),
        ..input::LoadOptions::default()
    };
    let loaded = input::load(&p.schema, &[input::InputSpec::new(&path, None)], &opts);
    let mut ev = eval::Evaluator::new(plan);
    for u in &loaded.units {
        let _ = ev.eval(&u.answers);
    }
    if ext != "json" {
        let spec = input::InputSpec::new(&path, None);
        let mut one = Vec::new();
        let a = input::stream(&p.schema, &spec, &opts, |u: &mut input::Unit| {
            one.push(format!("{u:?}"));
            Ok::<(), ()>(())
        });
        let mut two = Vec::new();
        let b = input::stream_parallel(
            &p.schema,
            &spec,
            &opts,
            2,
            &|| Collect,
            &mut |out: &mut Vec<String>| {
                two.append(out);
                Ok::<(), ()>(())
            },
        );
        match (a, b) {
            (Ok(a), Ok(b)) => {
                assert_eq!(format!("{a:?}"), format!("{b:?}"));
                assert_eq!(one, two);
            }
            (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}")),
            (a, b) => panic!("one thread: {a:?}; two: {b:?}"),
        }
    }
});
