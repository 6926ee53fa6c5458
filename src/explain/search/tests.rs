//! The component decomposition on the small explain ruleset (tests/cases/explain/tiny).

use super::{Deps, SearchOutcome, Target, UnitSearch};
use crate::input::{self, InputSpec, LoadOptions};
use crate::plan;
use crate::schema::Source;
use std::path::{Path, PathBuf};

fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/explain/tiny")
}

/// A component: its questions with their numbers of candidates, its depth and options.
type Summary<'a> = (Vec<(&'a str, usize)>, usize, usize);

#[test]
fn coupled_questions_share_a_component() {
    let dir = tiny();
    let p = crate::ruleset::load(&dir)
        .expect("ruleset readable")
        .program
        .expect("checked program");
    let plan = plan::lower(&p);
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let spec = InputSpec::new(dir.join("self.csv"), Some(Source::SelfAssessment));
    let loaded = input::load(&p.schema, &[spec], &opts);
    let unit = loaded
        .units
        .iter()
        .find(|u| u.id.starts_with("Zemās"))
        .expect("the low unit");
    let deps = Deps::new(&p);
    let changeable = (0..plan.n_slots)
        .map(|s| s < p.schema.questions.len())
        .collect();
    let mut search = UnitSearch::new(&p, &plan, &deps, &unit.answers, changeable).unwrap();
    assert!(search.components().is_empty());
    let section = p.schema.section_index("pakalpojumi").unwrap();
    let report = search.search(Target::Section { section, level: 2 }, 10_000);
    assert!(matches!(report.outcome, SearchOutcome::Found { .. }));
    // questions read by one rule (the chat table, the document share) or deciding whether a
    // section is scored (`applicable if`) form one component; only the components of the target
    // section have options (enumerated to one change)
    let summary = search.components();
    let comps: Vec<Summary> = summary
        .iter()
        .map(|c| {
            let qs = c.questions.iter().map(|(q, n)| (q.as_str(), *n)).collect();
            (qs, c.depth, c.options)
        })
        .collect();
    assert_eq!(
        comps,
        vec![
            (vec![("q_portal", 2)], 1, 2),
            (vec![("q_chat", 1), ("q_chat_weekend", 2)], 1, 2),
            (vec![("q_channels", 2)], 1, 2),
            (vec![("q_docs_e", 4), ("q_docs_total", 1)], 0, 0),
            (vec![("q_esign", 1)], 0, 0),
            (vec![("q_archive", 2)], 0, 0),
            (vec![("q_data_applies", 1), ("q_data_quality", 3)], 0, 0),
        ]
    );
}
