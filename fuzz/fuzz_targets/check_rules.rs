//! (a) Parse and check an arbitrary `.rules` file against the 2022 schema, and render every
//! diagnostic as `eindex check` does (miette's report and the JSON form: spans at any offset,
//! many diagnostics in one file); when it checks clean, lower it and evaluate an empty unit.
#![no_main]

use eindex::diag::{self, Diagnostic};
use eindex::source::SourceMap;
use eindex::{check, eval, plan, schema, syntax};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn schema_2022() -> &'static schema::Schema {
    static S: OnceLock<schema::Schema> = OnceLock::new();
    S.get_or_init(|| {
        let text = include_str!("../../rules/2022/questionnaire.toml");
        schema::load(1, text).expect("the 2022 schema loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sources = SourceMap::new();
    let id = sources.add(std::path::Path::new("fuzz.rules"), text.as_ref());
    let (file, errors) = syntax::parse(id, &text);
    let (program, diags) = check::check(&[file], schema_2022());
    let all: Vec<Diagnostic> = errors
        .into_iter()
        .map(Diagnostic::Syntax)
        .chain(diags.into_iter().map(Diagnostic::Check))
        .collect();
    let _ = diag::render_human(&all, &sources, false, 100);
    for d in &all {
        let _ = diag::to_json(d, &sources);
    }
    if let Some(p) = program {
        let plan = plan::lower(&p);
        let answers = vec![eindex::value::Value::UNANSWERED; plan.n_slots];
        let _ = eval::Evaluator::new(&plan).eval(&answers);
    }
});
