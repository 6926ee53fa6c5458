//! The command line as a user meets it: exit statuses, output formats, messages.

use crate::common::{self, text, Run};
use std::path::Path;

/// `eindex args…` with `NO_COLOR` unset, as a user's shell runs it: no colour comes from the pipe
/// alone.
fn eindex(args: &[&str]) -> Run {
    common::run(common::command(args).env_remove("NO_COLOR"))
}

/// A ruleset folder made of the shared check schema, the prelude and optionally one case.
fn case_dir(case: Option<&str>) -> tempfile::TempDir {
    let dir = common::temp_dir("cli");
    let src = Path::new("tests/cases/check");
    std::fs::copy(src.join("schema.toml"), dir.path().join("schema.toml")).unwrap();
    std::fs::copy(
        src.join("prelude.rules"),
        dir.path().join("a_prelude.rules"),
    )
    .unwrap();
    if let Some(c) = case {
        std::fs::copy(src.join(c), dir.path().join("b_case.rules")).unwrap();
    }
    dir
}

#[test]
fn check_clean_ruleset_prints_summary_and_exits_0() {
    let out = eindex(&["check", "rules/2022"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stdout = &out.stdout;
    assert!(stdout.contains("max points"), "{stdout}");
    assert!(
        stdout.contains("communication") && stdout.contains("50"),
        "{stdout}"
    );
    assert!(out.stderr.contains("0 errors, 0 warnings"));
}

#[test]
fn check_errors_exit_1_and_json_names_file_line_column() {
    let dir = case_dir(Some("three_mistakes.rules"));
    let d = dir.path().to_str().unwrap();
    let out = eindex(&["check", d]);
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(
        !stderr.contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
    assert!(stderr.contains("did you mean `q_ux`?"), "{stderr}");

    let out = eindex(&["check", d, "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 3);
    assert_eq!(v["errors"], 3);
    let first = &diags[0];
    assert!(first["file"].as_str().unwrap().ends_with("b_case.rules"));
    assert_eq!(first["line"], 2);
    assert_eq!(first["column"], 9);
    assert_eq!(first["code"], "eindex::check::unknown_name");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["help"], "did you mean `q_ux`?");
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = case_dir(Some("incomplete_match.rules"));
    let d = dir.path().to_str().unwrap();
    assert_eq!(eindex(&["check", d]).code, 0);
    assert_eq!(eindex(&["check", d, "--deny-warnings"]).code, 1);
}

#[test]
fn missing_ruleset_is_an_io_error_exit_2() {
    let out = eindex(&["check", "no/such/folder"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no/such/folder"));
}

#[test]
fn eval_bad_values_list_every_problem_with_place() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let out = eindex(&["eval", d, "tests/cases/cli/bad_value.csv"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "nothing is scored in strict mode");
    let stderr = &out.stderr;
    // both problems, each with file, row and column
    assert!(stderr.contains("bad_value.csv:2:4"), "{stderr}");
    assert!(stderr.contains("regularly"), "{stderr}");
    assert!(stderr.contains("bad_value.csv:3:8"), "{stderr}");
    assert!(stderr.contains("3 units read"), "{stderr}");
}

#[test]
fn eval_lenient_scores_the_valid_units_and_lists_the_rest() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let out = eindex(&[
        "eval",
        d,
        "tests/cases/cli/bad_value.csv",
        "--lenient",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.code, 3,
        "written, but units were left out: {}",
        out.stderr
    );
    let stdout = &out.stdout;
    assert_eq!(
        stdout.lines().count(),
        2,
        "header + the one valid unit:\n{stdout}"
    );
    assert!(stdout.contains("Valmieras novada pašvaldība"));
    let stderr = &out.stderr;
    assert!(
        stderr.contains("rejected unit `Cēsu novada pašvaldība`"),
        "{stderr}"
    );
    assert!(stderr.contains("rejected unit `Rīgas dome`"), "{stderr}");
    assert!(
        stderr.contains("3 units read (3 rows): 1 evaluated, 0 not computable, 2 rejected — results written without the 2 rejected units (exit status 3)"),
        "{stderr}"
    );
}

#[test]
fn eval_reports_an_answer_to_a_question_not_asked() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let out = eindex(&["eval", d, "tests/cases/cli/not_asked.csv"]);
    assert_eq!(out.code, 1);
    let stderr = &out.stderr;
    assert!(stderr.contains("not_asked.csv:2:4"), "{stderr}");
    assert!(
        stderr.contains("`q_sat_used` is answered although"),
        "{stderr}"
    );

    let out = eindex(&[
        "eval",
        d,
        "tests/cases/cli/not_asked.csv",
        "--lenient",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 3, "an answer was ignored: {}", out.stderr);
    assert!(out.stderr.contains("ignored value"));
    assert!(
        out.stderr
            .contains("results written without 1 ignored answer (exit status 3)"),
        "{}",
        out.stderr
    );
}

/// `--jobs` changes neither the output nor the messages, the summary or the exit status, with
/// bad values, rejected units and answers to questions not asked, in both modes.
#[test]
fn eval_jobs_give_the_same_output_and_messages() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let mut compared = 0;
    for file in [
        "tests/cases/cli/bad_value.csv",
        "tests/cases/cli/not_asked.csv",
    ] {
        for mode in [None, Some("--lenient")] {
            for format in ["csv", "json"] {
                let mut args = vec!["eval", d, file, "--format", format];
                args.extend(mode);
                let one = eindex(&args);
                args.extend(["--jobs", "3"]);
                let three = eindex(&args);
                assert_eq!(one.code, three.code, "{args:?}");
                assert_eq!(one.stdout, three.stdout, "{args:?}");
                assert_eq!(one.stderr, three.stderr, "{args:?}");
                assert!(one.stderr.contains(" read ("), "{args:?}");
                compared += usize::from(one.code == 3);
            }
        }
    }
    // the lenient runs score, and say that they left something out
    assert_eq!(compared, 4);
}

#[test]
fn eval_json_is_valid_and_carries_the_trace() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let out = eindex(&[
        "eval",
        d,
        "tests/cases/cli/bad_value.csv",
        "--lenient",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let unit = &v["units"][0];
    assert_eq!(unit["unit"], "Valmieras novada pašvaldība");
    let rules = unit["rules"].as_array().unwrap();
    let sat = rules.iter().find(|r| r["rule"] == "satisfaction").unwrap();
    assert_eq!(sat["points"], "2");
    assert_eq!(sat["why"]["rows"][0], 2);
    assert_eq!(sat["why"]["policy"], "first");
}

#[test]
fn eval_output_is_deterministic() {
    let dir = case_dir(None);
    let d = dir.path().to_str().unwrap();
    let a = eindex(&[
        "eval",
        d,
        "tests/cases/cli/bad_value.csv",
        "--lenient",
        "--format",
        "json",
    ]);
    let b = eindex(&[
        "eval",
        d,
        "tests/cases/cli/bad_value.csv",
        "--lenient",
        "--format",
        "json",
    ]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn unknown_source_prefix_is_a_usage_error() {
    let out = eindex(&["eval", "rules/2022", "experts=x.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("did you mean `expert`?"),
        "{}",
        out.stderr
    );
}

#[test]
fn check_summary_lists_the_groupings() {
    let out = eindex(&["check", "rules/2022"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stdout = &out.stdout;
    assert!(
        stdout.contains(
            "groupings for reports: type (2 groups), region (5 groups), employees (4 bands)"
        ),
        "{stdout}"
    );
    let out = eindex(&["check", "rules/2022", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let groupings = v["summary"]["groupings"]
        .as_array()
        .or_else(|| v["groupings"].as_array())
        .expect("groupings in the JSON summary");
    assert_eq!(groupings.len(), 7, "{v}");
    assert_eq!(groupings[2]["name"], "employees");
    assert_eq!(groupings[2]["groups"], "4 bands");
}

#[test]
fn a_closed_output_pipe_is_not_a_panic() {
    use std::process::{Command, Stdio};
    for args in [
        &["check", "rules/2022", "--format", "json"][..],
        &["test", "rules/2022"][..],
        &[
            "eval",
            "rules/2022",
            "data/2022/synthetic-submissions-2022.csv",
        ][..],
    ] {
        let mut child = Command::new(common::EINDEX)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        // the reader goes away before the output is written (as `eindex ... | head -0`)
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits");
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn completions_are_generated_from_the_command_line() {
    let out = eindex(&["completions", "bash"]).ok();
    assert!(out.contains("_eindex()"), "{out}");
    for sub in [
        "check",
        "eval",
        "explain",
        "verify",
        "report",
        "fmt",
        "--lenient",
    ] {
        assert!(out.contains(sub), "bash completion lacks {sub}");
    }
    let zsh = eindex(&["completions", "zsh"]).ok();
    assert!(zsh.starts_with("#compdef eindex"), "{zsh}");
    let bad = eindex(&["completions", "nosh"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("possible values"), "{}", bad.stderr);
}

#[test]
fn man_pages_are_generated_from_the_command_line() {
    let page = eindex(&["man"]).ok();
    assert!(page.contains(".TH eindex 1"), "{page}");
    assert!(
        page.contains("explain"),
        "the main page lists the subcommands"
    );
    let dir = common::temp_dir("man");
    let d = dir.path().to_str().unwrap();
    let run = eindex(&["man", "--dir", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.contains(&"eindex.1".to_string()), "{names:?}");
    assert!(names.contains(&"eindex-eval.1".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n == "eindex-help.1"), "{names:?}");
    let eval = std::fs::read_to_string(dir.path().join("eindex-eval.1")).unwrap();
    assert!(eval.contains("\\-\\-lenient"), "{eval}");
    assert_eq!(
        run.stderr,
        format!("{} manual pages written to {d}\n", names.len())
    );
}

/// A command that cannot do its work prints one `error:` line, with the exit status of its
/// kind: 2 for what was asked (arguments, files), 1 for problems in the ruleset or submissions.
#[test]
fn a_command_that_cannot_work_prints_one_error_line_and_its_status() {
    let unknown_section = eindex(&[
        "explain",
        "rules/2022",
        "data/2022/synthetic-submissions-2022.csv",
        "--section",
        "comunication",
        "--no-improvements",
    ]);
    assert_eq!(unknown_section.code, 2);
    assert_eq!(unknown_section.stdout, "");
    let lines: Vec<&str> = unknown_section.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", unknown_section.stderr);
    assert!(
        lines[0].starts_with("error: unknown section `comunication`:")
            && lines[0].contains("communication"),
        "{}",
        lines[0]
    );
    let bad_ruleset = case_dir(Some("cycle.rules"));
    let r = bad_ruleset.path().to_str().unwrap();
    let run = eindex(&["eval", r, "data/2022/synthetic-submissions-2022.csv"]);
    assert_eq!(run.code, 1);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!("error: the ruleset has errors; run `eindex check {r}` and fix them first")
    );
    assert_eq!(
        run.stderr.matches("error: the ruleset has errors").count(),
        1
    );
}
