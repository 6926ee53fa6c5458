//! Hostile questionnaires (issue 18): a schema from another year or a colleague, with a huge
//! option list, a line of a megabyte or nesting past every limit, gives located diagnostics in
//! bounded time. (A type name of 70,000 characters: tests/it/messy_rules.rs.)
//!
//! Each case is the check fixture's schema (tests/cases/check/schema.toml) with one question
//! appended, checked with the fixture's clean prelude (which does not read the new question).

use crate::common::{self, run_guarded};
use std::path::Path;
use std::time::Duration;

const HANG_GUARD: Duration = Duration::from_secs(20);

/// `eindex check --format json` on the fixture with `extra` appended to its schema.
fn check_with(extra: &str) -> (i32, serde_json::Value, String) {
    let dir = common::temp_dir("messy-schema");
    let src = Path::new("tests/cases/check");
    let mut schema = std::fs::read_to_string(src.join("schema.toml")).unwrap();
    schema.push_str(extra);
    std::fs::write(dir.path().join("schema.toml"), schema).unwrap();
    std::fs::copy(src.join("prelude.rules"), dir.path().join("a.rules")).unwrap();
    let path = dir.path().to_str().unwrap();
    let run = run_guarded(
        &mut common::command(&["check", path, "--format", "json"]),
        HANG_GUARD,
    );
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}\n{}", run.stdout, run.stderr));
    (run.code, json, run.stderr)
}

fn question(ty: &str, more: &str) -> String {
    format!(
        "\n[[question]]\nid = \"q_hostile\"\nsection = \"communication\"\nlv = \"Q\"\ntype = \"{ty}\"\nscored = false\n{more}\n"
    )
}

/// The diagnostics of a run, as `(code, message, line)`.
fn diagnostics(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn options(n: usize) -> String {
    let list: Vec<String> = (0..n).map(|i| format!("{{ id = \"o{i}\" }}")).collect();
    format!("options = [{}]", list.join(", "))
}

#[test]
fn a_hundred_thousand_options_are_one_located_error() {
    // once quadratic (every option compared with every earlier one for duplicates): minutes
    let (code, json, _) = check_with(&question("single", &options(100_000)));
    assert_eq!(code, 1);
    let d = diagnostics(&json);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "eindex::schema::options");
    assert_eq!(d[0].1, "100000 options: at most 127 are supported");
}

#[test]
fn option_limits_follow_the_checkers_masks() {
    // a single choice keeps one of the 128 bits for "missing"; a multiple choice uses all 128
    let (code, json, _) = check_with(&question("single", &options(127)));
    assert_eq!(code, 0, "{json}");
    let (code, json, _) = check_with(&question("single", &options(128)));
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics(&json)[0].1,
        "128 options: at most 127 are supported"
    );
    let (code, json, _) = check_with(&question("multi", &options(128)));
    assert_eq!(code, 0, "{json}");
    let (code, json, _) = check_with(&question("multi", &options(129)));
    assert_eq!(code, 1);
    assert_eq!(
        diagnostics(&json)[0].1,
        "129 options: at most 128 are supported"
    );
}

#[test]
fn a_megabyte_line_and_deep_nesting_are_located() {
    let text = format!("en = \"{}\"", "ā".repeat(500_000));
    let (code, json, _) = check_with(&question("bogus", &text));
    assert_eq!(code, 1);
    let d = diagnostics(&json);
    assert!(
        d.iter().any(|x| x.0 == "eindex::schema::unknown_type"),
        "{d:?}"
    );

    let deep = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (code, json, _) = check_with(&format!("\n{deep}\n"));
    assert_eq!(code, 1);
    let d = diagnostics(&json);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "eindex::schema::toml");

    let ask = format!("ask_if = \"{}q_ux = none\"", "not ".repeat(100_000));
    let (code, json, _) = check_with(&question("yes_no", &ask));
    assert_eq!(code, 1);
    let d = diagnostics(&json);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].0, "eindex::schema::ask_if");
    assert!(d[0].1.contains("nesting is too deep"), "{d:?}");
}

/// Found by fuzzing `load_schema` (session 9): a TOML syntax error in the middle of a
/// 280,000-character line took more than 15 s to render in the instrumented build (the drawing
/// before the windowed, grouped rendering). The human report now shows a window of the line.
#[test]
fn a_toml_error_in_the_middle_of_a_long_line_is_shown_through_a_window() {
    let list: Vec<String> = (0..10_000)
        .map(|i| {
            if i == 2_480 {
                format!("{{ id = \"o{i}\", lv = \"        id = \"o{i}\" }}")
            } else {
                format!("{{ id = \"o{i}\", lv = \"O\" }}")
            }
        })
        .collect();
    let extra = question("single", &format!("options = [{}]", list.join(", ")));
    let dir = common::temp_dir("messy-schema-long-toml");
    let src = Path::new("tests/cases/check");
    let mut schema = std::fs::read_to_string(src.join("schema.toml")).unwrap();
    schema.push_str(&extra);
    std::fs::write(dir.path().join("schema.toml"), schema).unwrap();
    std::fs::copy(src.join("prelude.rules"), dir.path().join("a.rules")).unwrap();
    let human = run_guarded(
        &mut common::command(&["check", dir.path().to_str().unwrap()]),
        HANG_GUARD,
    );
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(
        human.stderr.contains("eindex::schema::toml"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("shown around the place"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.len() < 2_000, "{}", human.stderr);
}
