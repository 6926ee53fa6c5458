//! (a) Parse and check an arbitrary `.rules` file against the 2022 schema; when it checks clean,
//! lower it and evaluate an empty unit.
#![no_main]

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
    let (file, _errors) = syntax::parse(0, &text);
    let (program, _diags) = check::check(&[file], schema_2022());
    if let Some(p) = program {
        let plan = plan::lower(&p);
        let answers = vec![eindex::value::Value::UNANSWERED; plan.n_slots];
        let _ = eval::Evaluator::new(&plan).eval(&answers);
    }
});
