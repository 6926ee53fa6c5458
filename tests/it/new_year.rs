//! `eindex new-year`: next year's ruleset from rules/2022, which checks clean, runs last year's
//! tests, has its year bumped and its calibration notes emptied; an existing folder is refused.

use crate::common::{eindex, temp_dir};
use std::path::Path;

/// rules/2022 copied to `<tmp>/2022`.
fn copy_2022(tmp: &Path) -> std::path::PathBuf {
    let from = tmp.join("2022");
    std::fs::create_dir(&from).unwrap();
    for e in std::fs::read_dir("rules/2022").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), from.join(e.file_name())).unwrap();
    }
    from
}

#[test]
fn next_year_from_2022_checks_clean_and_keeps_its_tests() {
    let tmp = temp_dir("new-year");
    let from = copy_2022(tmp.path());
    let (code, out, err) = eindex(&["new-year", from.to_str().unwrap(), "2023"]).into_parts();
    assert_eq!(code, 0, "{out}{err}");
    let to = tmp.path().join("2023");
    assert!(
        to.join("tests.toml").is_file(),
        "the tests are carried over"
    );
    assert!(out.contains("year 2022 → 2023"), "{out}");
    assert!(out.contains("calibration notes emptied"), "{out}");
    // the checklist
    for item in [
        "[ ] thresholds derived from the 2022 results",
        "section communication (communication.rules:",
        "[ ] index weights: model.rules:",
        "[ ] pinned maxima",
        "[ ] questions added or removed: update questionnaire.toml",
        "[ ] tests carried over: tests.toml",
        "still name 2022",
    ] {
        assert!(out.contains(item), "{item}: {out}");
    }
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    // the year, in the survey header and the schema
    let model = std::fs::read_to_string(to.join("model.rules")).unwrap();
    assert!(model.contains("  year 2023\n"), "{model}");
    let schema = std::fs::read_to_string(to.join("questionnaire.toml")).unwrap();
    assert!(schema.contains("\nyear = 2023\n"), "{schema}");
    // calibration notes emptied, other comments kept
    let comm = std::fs::read_to_string(to.join("communication.rules")).unwrap();
    assert!(!comm.to_lowercase().contains("calibration"), "{comm}");
    assert!(
        comm.contains("# statement without proof (or proof not observed)\n"),
        "{comm}"
    );
    // the new folder checks clean, is formatted, and passes last year's tests
    let (code, _, err) = eindex(&["check", to.to_str().unwrap()]).into_parts();
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 errors, 0 warnings"), "{err}");
    let (code, out, _) = eindex(&["fmt", "--check", to.to_str().unwrap()]).into_parts();
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = eindex(&["test", to.to_str().unwrap()]).into_parts();
    assert_eq!(code, 0, "{out}");
    // last year's folder is untouched
    let old = std::fs::read_to_string(from.join("communication.rules")).unwrap();
    assert_eq!(
        old,
        std::fs::read_to_string("rules/2022/communication.rules").unwrap()
    );
}

#[test]
fn an_existing_folder_is_never_overwritten() {
    let tmp = temp_dir("new-year-exists");
    let from = copy_2022(tmp.path());
    let to = tmp.path().join("next");
    std::fs::create_dir(&to).unwrap();
    std::fs::write(to.join("keep.txt"), "mine").unwrap();
    let (code, out, err) = eindex(&[
        "new-year",
        from.to_str().unwrap(),
        "2023",
        "--to",
        to.to_str().unwrap(),
    ])
    .into_parts();
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("already exists; new-year never writes over a folder"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(to.join("keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&to).unwrap().count(), 1);
}

#[test]
fn a_ruleset_with_errors_is_not_carried_forward() {
    let tmp = temp_dir("new-year-errors");
    let from = copy_2022(tmp.path());
    let path = from.join("communication.rules");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("regular   => 4", "regullar  => 4")).unwrap();
    let (code, _, err) = eindex(&["new-year", from.to_str().unwrap(), "2023"]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("has no option `regullar`"), "{err}");
    assert!(!tmp.path().join("2023").exists());
}
