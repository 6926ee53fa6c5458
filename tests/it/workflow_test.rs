//! `eindex test`: integration tests on small rulesets written for the purpose
//! (tests/cases/workflow/), and the bundled rules/2022 with its tests.toml.

use crate::common::{denied_words, eindex, words};

#[test]
fn passing_cases_report_like_cargo_test() {
    let (code, out, _) = eindex(&["test", "--lang", "en", "tests/cases/workflow/old"]).into_parts();
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
        "--lang",
        "en",
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
        out.contains("section.web.level: expected 2 (medium), actual 1 (low)"),
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
    let (code, out, _) =
        eindex(&["test", "--lang", "en", "tests/cases/workflow/old", "web"]).into_parts();
    assert_eq!(code, 0);
    assert!(out.contains("test web_at_40 ... ok"), "{out}");
    assert!(out.contains("1 passed, 0 failed, 3 filtered out"), "{out}");
    let (_, out, _) = eindex(&[
        "test",
        "--lang",
        "en",
        "tests/cases/workflow/old",
        "top",
        "--exact",
    ])
    .into_parts();
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
    let (code, out, _) = eindex(&[
        "test",
        "--lang",
        "en",
        "tests/cases/workflow/old",
        "--coverage",
    ])
    .into_parts();
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
    let (code, out, err) = eindex(&["test", "--lang", "en", "rules/2022"]).into_parts();
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(" 0 failed"), "{out}");
}

/// A copy of rules/2022 in a temporary folder, with `edit` applied to each `(file, from, to)`.
fn edited_2022(tag: &str, edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = crate::common::temp_dir(tag);
    for e in std::fs::read_dir("rules/2022").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    dir
}

/// The example: the general `own | vk_handbook` row moved to the top of the `first`
/// table of `cs_requirements` shadows the four better rows (two edits: out, then in at the top).
const WRONG_ORDER: [(&str, &str, &str); 2] = [
    (
        "customer_service.rules",
        "    own | vk_handbook, -,    -    => 6 ",
        "    # moved up: ",
    ),
    (
        "customer_service.rules",
        "    own | vk_handbook, >= 2, >= 2 => 12",
        "    own | vk_handbook, -,    -    => 6\n    own | vk_handbook, >= 2, >= 2 => 12",
    ),
];

#[test]
fn a_wrong_order_first_table_fails_check_when_the_section_is_pinned() {
    let dir = edited_2022("pins-check", &WRONG_ORDER);
    let path = dir.path().to_str().unwrap();
    let (code, _, err) = eindex(&["check", path]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("eindex::check::max_differs"), "{err}");
    // the rule's own pin names the rows that lost the points; the section's error would only
    // repeat it
    assert!(
        err.contains("the maximum of rule `cs_requirements` is 8, but `max 12` is pinned"),
        "{err}"
    );
    assert!(
        err.contains("row 2 (12 points) never applies, shadowed by row 1"),
        "{err}"
    );
    assert!(err.contains("1 error, 4 warnings"), "{err}");
    // without the rule's pin, the section's names the rule with its maximum and the rows
    let unpin_rule = ("customer_service.rules", "  max 12\n", "");
    let dir = edited_2022(
        "pins-check-section",
        &[WRONG_ORDER[0], WRONG_ORDER[1], unpin_rule],
    );
    let (code, _, err) = eindex(&["check", dir.path().to_str().unwrap()]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the maximum of section `customer_service` is 46, but `max 50` is pinned"),
        "{err}"
    );
    assert!(
        err.contains("rule `cs_requirements` gives at most 8: row 2 (12 points) never applies"),
        "{err}"
    );
    assert!(err.contains("1 error, 4 warnings"), "{err}");
}

#[test]
fn tests_toml_asserts_maxima_and_reachable_levels() {
    // without the pin, `check` only warns: the tests.toml assertions catch the fall
    let unpin = ("customer_service.rules", "  max 50 ", "         ");
    let unpin_rule = ("customer_service.rules", "  max 12\n", "");
    let dir = edited_2022(
        "pins-test",
        &[WRONG_ORDER[0], WRONG_ORDER[1], unpin, unpin_rule],
    );
    let path = dir.path().to_str().unwrap();
    let (code, _, err) = eindex(&["check", path]).into_parts();
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = eindex(&["test", "--lang", "en", path, "max."]).into_parts();
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("test max.communication ... ok"), "{out}");
    assert!(
        out.contains("test max.customer_service ... FAILED"),
        "{out}"
    );
    assert!(
        out.contains("max.customer_service: expected 50, derived 46 (cs_requirements 8 + "),
        "{out}"
    );
    assert!(
        out.contains("max.cs_requirements: expected 12, derived 8"),
        "{out}"
    );
    // the levels: a section whose points cannot reach level 5 any more
    let tests = dir.path().join("tests.toml");
    let text = std::fs::read_to_string(&tests).unwrap();
    std::fs::write(
        &tests,
        text.replace(
            "communication = [1, 2, 3, 4, 5]",
            "communication = [1, 2, 3, 4]",
        ),
    )
    .unwrap();
    let (code, out, _) = eindex(&["test", "--lang", "en", path, "reachable."]).into_parts();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("reachable.communication: expected [1, 2, 3, 4], derived [1, 2, 3, 4, 5]"),
        "{out}"
    );
    assert!(out.contains("4 passed, 1 failed"), "{out}");
}

#[test]
fn reachable_levels_leave_out_what_no_points_reach() {
    let dir = crate::common::temp_dir("pins-levels");
    for f in ["model.rules", "questionnaire.toml"] {
        std::fs::copy(format!("tests/cases/workflow/old/{f}"), dir.path().join(f)).unwrap();
    }
    let p = eindex::ruleset::load(dir.path()).unwrap().program.unwrap();
    // every section of the small model reaches its first level (no points) and its top one
    for s in 0..p.sections.len() {
        let levels = eindex::testing::reachable_levels(&p, s);
        assert_eq!(levels.first(), Some(&1), "{}", p.sections[s].id);
        assert_eq!(
            levels.last().copied(),
            Some(p.levels.len() as u8),
            "{}",
            p.sections[s].id
        );
    }
}

#[test]
fn tests_toml_max_and_reachable_name_unknown_entries() {
    let dir = edited_2022("pins-bad", &[]);
    let tests = dir.path().join("tests.toml");
    let text = std::fs::read_to_string(&tests).unwrap();
    std::fs::write(
        &tests,
        text.replace("cs_requirements = 12", "cs_requirement = 12")
            .replace("open_data = [0, 1, 2, 3, 4, 5]", "open_data = [0, 1, 9]"),
    )
    .unwrap();
    let (code, _, err) = eindex(&["test", dir.path().to_str().unwrap()]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("there is no section or rule `cs_requirement`"),
        "{err}"
    );
    assert!(err.contains("did you mean `cs_requirements`?"), "{err}");
    assert!(
        err.contains("`reachable.open_data` expects a list of levels of this ruleset"),
        "{err}"
    );
}

/// English words of the test report's failures, trace and coverage (not the `test NAME ...
/// ok/FAILED` lines, which keep the `cargo test` form, nor keys of the tests file such as
/// `rule.site` and `section.web.level`, file names (`model.rules`), nor rule syntax such as
/// `sum` and `none => 0`).
const ENGLISH_TEST_WORDS: &[&str] = &[
    "expected",
    "actual",
    "derived",
    "line",
    "points",
    "compared",
    "thresholds",
    "upper",
    "reads",
    "arm",
    "row",
    "weight",
    "handler",
    "applied",
    "input",
    "of",
    "trace",
    "failures",
    "running",
    "passed",
    "filtered",
    "coverage",
    "never",
    "note",
    "score",
    "answer",
    "options",
    "fire",
    "selected",
];

/// The Latvian report (the default for the small model's survey) of failing cases, their
/// trace, a `[max]` and `[reachable]` failure and the coverage has no English word; the same
/// runs in English have many (so the list can catch them).
#[test]
fn the_latvian_report_has_no_english_words() {
    // a failing rule expectation, `[max]` and `[reachable]` entry of the 2022 tests
    let pinned = edited_2022(
        "pins-lv",
        &[
            (
                "tests.toml",
                "expect.rule.cs_requirements = 12",
                "expect.rule.cs_requirements = 10",
            ),
            (
                "tests.toml",
                "\ncs_requirements = 12",
                "\ncs_requirements = 11",
            ),
            (
                "tests.toml",
                "communication = [1, 2, 3, 4, 5]",
                "communication = [1, 2, 3, 4]",
            ),
        ],
    );
    let runs: [&[&str]; 3] = [
        &[
            "test",
            "tests/cases/workflow/old",
            "--file",
            "tests/cases/workflow/failing.tests.toml",
        ],
        &["test", "tests/cases/workflow/old", "--coverage"],
        &["test", pinned.path().to_str().unwrap()],
    ];
    let mut all_lv = String::new();
    let mut all_en = String::new();
    for args in runs {
        let lv = eindex(args).into_parts().1;
        let mut en_args = args.to_vec();
        en_args.extend(["--lang", "en"]);
        let en = eindex(&en_args).into_parts().1;
        assert_eq!(
            denied_words(words(&lv), ENGLISH_TEST_WORDS),
            Vec::<String>::new(),
            "{lv}"
        );
        all_lv.push_str(&lv);
        all_en.push_str(&en);
    }
    assert!(
        all_lv.contains("max.cs_requirements: gaidīts 11, aprēķināts 12 ("),
        "{all_lv}"
    );
    let caught = denied_words(words(&all_en), ENGLISH_TEST_WORDS);
    assert!(caught.len() >= 25, "the list catches only {caught:?}");
}

/// In Latvian (the survey's language, the default) the frame words and the level names are
/// Latvian; the `test NAME ... ok` lines keep the form of `cargo test`.
#[test]
fn the_report_in_latvian() {
    let (code, out, _) = eindex(&["test", "tests/cases/workflow/old"]).into_parts();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\nizpilda 4 testus no "), "{out}");
    assert!(out.contains("test web_at_40 ... ok"), "{out}");
    assert!(
        out.contains("testu rezultāts: ok. izdevās 4, neizdevās 0, atlasē neiekļauti 0"),
        "{out}"
    );
    let (_, en, _) = eindex(&[
        "test",
        "--lang",
        "en",
        "tests/cases/workflow/old",
        "--file",
        "tests/cases/workflow/failing.tests.toml",
    ])
    .into_parts();
    assert!(
        en.contains("section.web.level: expected 2 (medium), actual 1 (low)"),
        "{en}"
    );
}
