//! `eindex test`: integration tests on small rulesets written for the purpose
//! (tests/cases/workflow/), and the bundled rules/2022 with its tests.toml.

use crate::common::eindex;

#[test]
fn passing_cases_report_like_cargo_test() {
    let (code, out, _) = eindex(&["test", "tests/cases/workflow/old"]).into_parts();
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("test result: ok. 4 passed, 0 failed, 0 filtered out"),
        "{out}"
    );
    insta::assert_snapshot!("test_passing", out);
}

#[test]
fn failing_cases_show_expected_actual_and_trace() {
    let (code, out, _) = eindex(&[
        "test",
        "tests/cases/workflow/old",
        "--file",
        "tests/cases/workflow/failing.tests.toml",
    ])
    .into_parts();
    assert_eq!(code, 1);
    assert!(
        out.contains("test wrong_points_and_level ... FAILED"),
        "{out}"
    );
    assert!(out.contains("rule.site: expected 2, actual 1"), "{out}");
    assert!(
        out.contains("section.web.level: expected 2 (vidējs), actual 1 (zems)"),
        "{out}"
    );
    assert!(
        out.contains("rule site (model.rules:"),
        "the trace names the rule: {out}"
    );
    assert!(out.contains("2 failed"), "{out}");
    insta::assert_snapshot!("test_failing", out);
}

#[test]
fn filter_selects_cases_by_name() {
    let (code, out, _) = eindex(&["test", "tests/cases/workflow/old", "web"]).into_parts();
    assert_eq!(code, 0);
    assert!(out.contains("test web_at_40 ... ok"), "{out}");
    assert!(out.contains("1 passed, 0 failed, 3 filtered out"), "{out}");
    let (_, out, _) = eindex(&["test", "tests/cases/workflow/old", "top", "--exact"]).into_parts();
    assert!(out.contains("1 passed, 0 failed, 3 filtered out"), "{out}");
}

#[test]
fn errors_in_the_tests_file_name_line_and_column() {
    let (code, out, err) = eindex(&["test", "tests/cases/workflow/bad_tests"]).into_parts();
    assert_eq!(code, 1);
    assert!(out.is_empty(), "no case runs: {out}");
    insta::assert_snapshot!("test_bad_file", err.replace('\\', "/"));
    assert!(err.contains("tests.toml:3:"), "{err}");
    assert!(err.contains("did you mean `q_site`?"), "{err}");
    assert!(err.contains("there is no rule `sight`"), "{err}");
}

#[test]
fn coverage_lists_what_no_case_exercises() {
    let (code, out, _) = eindex(&["test", "tests/cases/workflow/old", "--coverage"]).into_parts();
    assert_eq!(code, 0);
    // no case answers `none` for the site or selects `x`
    assert!(out.contains("site arm 3: `none => 0`"), "{out}");
    assert!(out.contains("channels: x"), "{out}");
    insta::assert_snapshot!("test_coverage", out);
}

#[test]
fn a_ruleset_without_tests_says_where_to_write_them() {
    let (code, _, err) = eindex(&["test", "tests/cases/workflow/fmt"]).into_parts();
    assert_eq!(code, 1);
    assert!(err.contains("has no tests.toml"), "{err}");
}

#[test]
fn bundled_2022_tests_pass() {
    let (code, out, err) = eindex(&["test", "rules/2022"]).into_parts();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" 0 failed"), "{out}");
}
