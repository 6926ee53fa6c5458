//! Snapshot tests of `eindex check` diagnostics: one `.rules` file per case in `tests/cases/check/`.
//!
//! A case is checked together with `prelude.rules` (a clean ruleset) unless its first line says
//! `# no-prelude`. Every case must produce at least one diagnostic, and the rendered diagnostics are
//! compared with the reviewed snapshot.

use eindex::diag;
use eindex::ruleset;
use std::path::{Path, PathBuf};

fn render(dir: &Path, files: &[PathBuf]) -> (String, usize) {
    let rs = ruleset::load_files(dir, files).expect("case files are readable");
    let text = diag::render_human(&rs.diagnostics, &rs.sources, false, 80);
    (text, rs.diagnostics.len())
}

/// Stack for the case suite: the depth case (`too_deep`) recurses as deep as
/// the checker allows, which in a debug build needs more than a test thread's default 2 MiB.
const CASE_STACK: usize = 64 << 20;

#[test]
fn check_diagnostics() {
    let suite = std::thread::Builder::new()
        .stack_size(CASE_STACK)
        .spawn(|| {
            // the snapshot is taken in this function, so the snapshots keep their names
            insta::glob!("../cases/check", "*.rules", |path| {
                if let Some(rendered) = check_case(path) {
                    insta::assert_snapshot!(rendered);
                }
            });
        })
        .unwrap();
    if let Err(panic) = suite.join() {
        std::panic::resume_unwind(panic);
    }
}

/// The rendered diagnostics of one case (`None` for the prelude itself).
fn check_case(path: &Path) -> Option<String> {
    let dir = Path::new("tests/cases/check");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    if name == "prelude.rules" {
        return None;
    }
    let rel = dir.join(&name);
    // bytes, not text: `not_utf8.rules` is not valid UTF-8
    let bytes = std::fs::read(&rel).unwrap();
    let files = if bytes.starts_with(b"# no-prelude") {
        vec![rel.clone()]
    } else {
        vec![dir.join("prelude.rules"), rel.clone()]
    };
    let (rendered, count) = render(dir, &files);
    assert!(count > 0, "{name}: expected at least one diagnostic");
    Some(rendered)
}

#[test]
fn prelude_is_clean() {
    let dir = Path::new("tests/cases/check");
    let (rendered, count) = render(dir, &[dir.join("prelude.rules")]);
    assert_eq!(count, 0, "{rendered}");
}

#[test]
fn three_independent_mistakes_are_all_reported() {
    let dir = Path::new("tests/cases/check");
    let rs = ruleset::load_files(
        dir,
        &[dir.join("prelude.rules"), dir.join("three_mistakes.rules")],
    )
    .unwrap();
    let codes: Vec<String> = rs
        .diagnostics
        .iter()
        .map(|d| {
            d.as_miette()
                .code()
                .map(|c| c.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        codes,
        [
            "eindex::check::unknown_name",
            "eindex::check::unknown_option",
            "eindex::check::unknown_section"
        ]
    );
}

#[test]
fn bad_schema_reports_every_problem() {
    let rs = ruleset::load(Path::new("tests/cases/check/bad_schema")).unwrap();
    let rendered = diag::render_human(&rs.diagnostics, &rs.sources, false, 80);
    assert!(rs.diagnostics.len() >= 5, "{rendered}");
    insta::assert_snapshot!(rendered);
}

#[test]
fn bundled_2022_rules_are_clean() {
    let rs = ruleset::load(Path::new("rules/2022")).unwrap();
    let rendered = diag::render_human(&rs.diagnostics, &rs.sources, false, 80);
    assert!(rs.diagnostics.is_empty(), "{rendered}");
    let p = rs.program.expect("program");
    let maxima: Vec<String> = p
        .sections
        .iter()
        .map(|s| format!("{} {}", s.id, s.max))
        .collect();
    assert_eq!(
        maxima,
        [
            "communication 50",
            "customer_service 50",
            "service_provision 50",
            "internal_processes 50",
            "open_data 50"
        ]
    );
}

/// The codes of a ruleset's diagnostics, in order.
fn codes(rs: &ruleset::Ruleset) -> Vec<String> {
    rs.diagnostics
        .iter()
        .map(|d| {
            d.as_miette()
                .code()
                .map(|c| c.to_string())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn everyday_schema_error_and_rule_errors_are_reported_together() {
    let rs = ruleset::load(Path::new("tests/cases/check/everyday_schema_error")).unwrap();
    let rendered = diag::render_human(&rs.diagnostics, &rs.sources, false, 80);
    // the rule error is found although the schema has an error; the rule reading the broken
    // question gets one note, not "unknown question"
    assert_eq!(
        codes(&rs),
        [
            "eindex::check::unknown_option",
            "eindex::check::depends_on_schema_error",
            "eindex::schema::unknown_type"
        ],
        "{rendered}"
    );
    assert!(rs.program.is_none());
    insta::assert_snapshot!(rendered);
}

#[test]
fn everyday_one_file_is_checked_within_its_folder() {
    // a valid file of rules/2022 on its own checks clean: the folder gives the context
    let out = crate::common::eindex(&["check", "rules/2022/communication.rules"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("rules/2022/communication.rules: 0 errors, 0 warnings"),
        "{}",
        out.stderr
    );
    // with a mistake in it and one in another file: the file's is shown, the other counted
    let dir = crate::common::temp_dir("everyday");
    for f in std::fs::read_dir("rules/2022").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let edit = |name: &str, from: &str, to: &str| {
        let p = dir.path().join(name);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from));
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit("communication.rules", "irregular => 2", "irregularly => 2");
    edit("open_data.rules", "in open_data", "in opendata");
    let file = dir.path().join("communication.rules");
    let out = crate::common::eindex(&["check", file.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("no option `irregularly`"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("opendata"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("communication.rules: 1 error, 0 warnings"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("(checked with it): 1 error, 0 warnings"),
        "{}",
        out.stderr
    );
}

#[test]
fn everyday_broken_items_do_not_cascade() {
    // each mistake gives exactly one diagnostic (the everyday_* cases' snapshots show which)
    let dir = Path::new("tests/cases/check");
    for f in std::fs::read_dir(dir).unwrap() {
        let path = f.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("everyday_") && name.ends_with(".rules")) {
            continue;
        }
        let rs = ruleset::load_files(dir, std::slice::from_ref(&path)).unwrap();
        let rendered = diag::render_human(&rs.diagnostics, &rs.sources, false, 80);
        assert_eq!(rs.diagnostics.len(), 1, "{name}:\n{rendered}");
    }
}
