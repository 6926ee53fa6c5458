//! The analysis on small rulesets over the check cases' schema and prelude.

use crate::check::{check, CheckError};
use crate::{schema, syntax};

/// The diagnostics of `prelude.rules` plus `case` (codes, in order).
fn codes(case: &str) -> Vec<String> {
    diagnostics(case)
        .iter()
        .map(|d| {
            miette::Diagnostic::code(d)
                .map(|c| c.to_string())
                .unwrap_or_default()
        })
        .collect()
}

fn diagnostics(case: &str) -> Vec<CheckError> {
    let dir = std::path::Path::new("tests/cases/check");
    let schema_text = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
    let prelude = std::fs::read_to_string(dir.join("prelude.rules")).unwrap();
    let schema = schema::load(2, &schema_text).unwrap();
    let (a, ea) = syntax::parse(0, &prelude);
    let (b, eb) = syntax::parse(1, case);
    assert!(ea.is_empty() && eb.is_empty(), "{eb:?}");
    check(&[a, b], &schema).1
}

#[test]
fn satisfiable_constraints_say_nothing() {
    let case = r#"
constraint within "a" en "a" {
  require q_edocs <= q_docs
}
constraint used_needs_measure "b" en "b" {
  when q_sat_measured = no
  require not answered(q_sat_used)
}
constraint answered_docs "c" en "c" {
  require answered(q_docs)
}
"#;
    assert_eq!(codes(case), Vec::<String>::new());
}

#[test]
fn a_require_never_checkable_is_not_unsatisfiable() {
    // `q_sat_used` is asked only when `q_sat_measured = yes`: the require can never be checked
    let case = r#"
constraint never "a" en "a" {
  when q_sat_measured = no
  require q_sat_used = improved and q_sat_used = projects
}
"#;
    assert_eq!(codes(case), Vec::<String>::new());
}

#[test]
fn contradicting_requires_are_unsatisfiable() {
    let case = r#"
constraint both "a" en "a" {
  require q_social has facebook
  require not (q_social has facebook)
}
"#;
    assert_eq!(codes(case), ["eindex::check::unsatisfiable_constraint"]);
}

#[test]
fn a_floor_arm_the_match_needs_is_not_reported_but_points_are() {
    let floor = r#"
constraint some "a" en "a" { require q_edocs > 0 }
rule edocs in open_data {
  match q_edocs {
    < 1  => 0
    >= 1 => 1
  }
}
"#;
    assert_eq!(codes(floor), Vec::<String>::new());
    // an arm with more points than the rule's least is reported (and, being the rule's
    // maximum, it keeps the section from its top level)
    let points = floor.replace("< 1  => 0", "< 1  => 2");
    assert_eq!(
        codes(&points),
        [
            "eindex::check::level_unreachable_by_constraint",
            "eindex::check::unreachable_by_constraint"
        ]
    );
}

#[test]
fn a_row_reached_only_by_forbidden_answers_names_the_constraint() {
    let case = r#"
constraint twitter_alone "a" en "a" { require exclusive(q_social, twitter) }
rule twitter_plus in communication {
  table first (q_social has twitter, count(q_social)) {
    yes, >= 2 => 1
    yes, -    => 1
    -,   -    => 0
  }
}
"#;
    let d = diagnostics(case);
    assert_eq!(d.len(), 1, "{d:?}");
    let CheckError::UnreachableByConstraint { what, reason, .. } = &d[0] else {
        panic!("{d:?}");
    };
    assert_eq!(what, "row 1");
    assert!(reason.contains("`twitter_alone`"), "{reason}");
    assert!(reason.contains("exclusive(q_social, twitter)"), "{reason}");
}

#[test]
fn an_example_shows_the_answers_that_reached_the_row() {
    // what completing the answers showed is worked out once per answers to the constrained
    // questions (`q_sat_measured`, `q_ux`), first for answers to `q_social` that miss the row:
    // the example must still show the answers that reached it
    let case = r#"
constraint research_needs_measuring "a" en "a" {
  when q_sat_measured = no
  require q_ux != regular
}
rule research_with_twitter in customer_service {
  table first (q_sat_measured, q_ux, q_social has twitter) {
    no, regular, yes => 3
    -,  -,       -   => 0
  }
}
"#;
    let d = diagnostics(case);
    let Some(CheckError::UnreachableByConstraint { what, reason, .. }) = d
        .iter()
        .find(|e| matches!(e, CheckError::UnreachableByConstraint { .. }))
    else {
        panic!("{d:?}");
    };
    assert_eq!(what, "row 1");
    assert!(reason.contains("q_social = twitter"), "{reason}");
}
