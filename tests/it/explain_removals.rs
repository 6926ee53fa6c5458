//! `eindex explain` on the bundled 2022 model and the synthetic 2022 submissions: by default no
//! proposal lowers a number the unit reported, deselects an option it selected (but an
//! exclusive one, dropped when another is added), or changes a fact about the municipality.

use eindex::explain::search::exclusive_options;
use eindex::explain::{Explainer, Options};
use eindex::input::{self, InputSpec, LoadOptions};
use eindex::plan;
use eindex::value::Value;
use std::path::Path;

#[test]
fn proposals_keep_what_the_units_report_and_never_change_facts() {
    let rs = eindex::ruleset::load(Path::new("rules/2022")).expect("ruleset readable");
    assert!(!rs.has_errors());
    let p = rs.program.expect("checked program");
    let plan = plan::lower(&p);
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let spec = InputSpec::new("data/2022/synthetic-submissions-2022.csv", None);
    let units = input::load(&p.schema, &[spec], &opts).units;
    assert_eq!(units.len(), 37);
    let facts: Vec<&str> = p
        .schema
        .questions
        .iter()
        .filter(|q| q.fact)
        .map(|q| q.id.as_str())
        .collect();
    assert!(facts.contains(&"q_docs_received") && facts.contains(&"q_docs_sent"));
    let ex = Explainer::new(&p, &plan, Options::default());
    let mut ev = eindex::eval::Evaluator::new(&plan);
    let mut changes = 0;
    let mut exclusive_dropped = 0;
    for u in &units {
        let e = ex.explain(u).expect("explained");
        let imps = e
            .sections
            .iter()
            .filter_map(|s| s.improvement.as_ref())
            .chain(e.index.improvement.as_ref());
        for imp in imps {
            // the answers the proposal leads to keep every constraint (none-type options
            // alone, parts not above their whole, ...)
            let mut answers = u.answers.clone();
            for c in &imp.changes {
                let (slot, _) = p.schema.question(&c.question).unwrap();
                answers[slot] = input::parse_value(&p.schema, slot, &c.to_value).unwrap();
                if let (Value::Multi(a), Value::Multi(b)) = (u.answers[slot], answers[slot]) {
                    let excl = exclusive_options(&p, slot);
                    assert!(
                        b & excl == 0 || b.count_ones() == 1,
                        "{}: {}",
                        u.id,
                        c.question
                    );
                    exclusive_dropped += usize::from(a & excl != 0 && b & excl == 0);
                }
            }
            let mut broken = Vec::new();
            ev.violations(&answers, &mut broken).unwrap();
            let names: Vec<&str> = broken
                .iter()
                .map(|&(c, _)| p.constraints[c as usize].name.as_str())
                .collect();
            assert!(names.is_empty(), "{}: the proposal breaks {names:?}", u.id);
            for part in ["q_edocs_received", "q_edocs_sent"] {
                let (e, _) = p.schema.question(part).unwrap();
                let (t, _) = p.schema.question(&part.replace("edocs", "docs")).unwrap();
                if let (Value::Num(e), Value::Num(t)) = (answers[e], answers[t]) {
                    assert!(e <= t, "{}: {part} {e} above its total {t}", u.id);
                }
            }
            for c in &imp.changes {
                changes += 1;
                let (slot, q) = p.schema.question(&c.question).unwrap();
                assert!(!q.fact, "{}: changes the fact {}", u.id, q.id);
                let from = u.answers[slot];
                let to = input::parse_value(&p.schema, slot, &c.to_value).unwrap();
                match (from, to) {
                    (Value::Num(a), Value::Num(b)) => {
                        assert!(b > a, "{}: lowers {} {a} → {b}", u.id, q.id)
                    }
                    (Value::Multi(a), Value::Multi(b)) => {
                        let kept = a & !exclusive_options(&p, slot);
                        assert_eq!(b & kept, kept, "{}: deselects options of {}", u.id, q.id);
                    }
                    _ => {}
                }
            }
        }
    }
    assert!(changes > 200, "{changes} changes checked");
    // the 68 proposals added options next to "none": now "none" goes
    assert!(
        exclusive_dropped > 10,
        "{exclusive_dropped} exclusive options dropped"
    );
}

/// With `--allow-removals` proposals may again lower a reported number or deselect an option
/// (the issue counted 23 such proposals on the bundled data, e.g. Rīga's communication).
#[test]
fn allow_removals_lifts_the_restriction() {
    let out = crate::common::eindex(&[
        "explain",
        "rules/2022",
        "data/2022/synthetic-submissions-2022.csv",
        "--allow-removals",
        "--format",
        "json",
    ])
    .ok();
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["search"]["allow_removals"], true);
    let rs = eindex::ruleset::load(Path::new("rules/2022")).expect("ruleset readable");
    let p = rs.program.expect("checked program");
    let mut removals = 0;
    for u in doc["units"].as_array().unwrap() {
        let mut imps: Vec<&serde_json::Value> = u["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| &s["improvement"])
            .collect();
        imps.push(&u["index"]["improvement"]);
        for c in imps
            .iter()
            .filter_map(|i| i["changes"].as_array())
            .flatten()
        {
            let (slot, _) = p.schema.question(c["question"].as_str().unwrap()).unwrap();
            let parse = |k: &str| input::parse_value(&p.schema, slot, c[k].as_str().unwrap());
            match (parse("from_value"), parse("to_value")) {
                (Ok(Value::Num(a)), Ok(Value::Num(b))) if b < a => removals += 1,
                (Ok(Value::Multi(a)), Ok(Value::Multi(b))) if a & !b != 0 => removals += 1,
                _ => {}
            }
        }
    }
    assert!(
        removals > 0,
        "no proposal removes anything with --allow-removals"
    );
}

/// A question declared a fact is never changed: with every question of the property-test
/// ruleset a fact, every next level is out of reach, and the reason names the facts.
#[test]
fn facts_are_never_changed_and_the_reason_says_so() {
    let src = Path::new("tests/cases/explain/prop");
    let dir = tempfile::tempdir().unwrap();
    let schema = std::fs::read_to_string(src.join("questionnaire.toml")).unwrap();
    let schema = schema.replace("source = \"self\"\n", "source = \"self\"\nfact = true\n");
    std::fs::write(dir.path().join("questionnaire.toml"), schema).unwrap();
    std::fs::copy(src.join("model.rules"), dir.path().join("model.rules")).unwrap();
    let data = dir.path().join("data.csv");
    std::fs::write(&data, "unit,p1,p2,p3,p4,p5,p6\nVienība,b,yes,no,x,1,4\n").unwrap();
    let rs = eindex::ruleset::load(dir.path()).expect("ruleset readable");
    let p = rs.program.expect("checked program");
    assert!(p.schema.questions.iter().all(|q| q.fact));
    let plan = plan::lower(&p);
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let units = input::load(&p.schema, &[InputSpec::new(&data, None)], &opts).units;
    let ex = Explainer::new(&p, &plan, Options::default());
    let e = ex.explain(&units[0]).expect("explained");
    let imps: Vec<_> = e
        .sections
        .iter()
        .filter_map(|s| s.improvement.as_ref())
        .chain(e.index.improvement.as_ref())
        .filter(|i| i.status != "top_level")
        .collect();
    assert!(!imps.is_empty());
    for imp in imps {
        assert_eq!(imp.status, "out_of_reach");
        let reason = imp.reason.as_deref().unwrap_or("");
        assert!(
            reason.contains("facts about the municipality, which explain never changes: p"),
            "{reason}"
        );
    }
}
