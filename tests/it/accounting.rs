//! Nothing lost or changed in silence (issue 17): every problem printed and counted once, exit
//! statuses that never hide a loss.

use crate::common::eindex;

/// The bundled 2022 submissions with `edit` applied to their lines, in a scratch folder.
fn bundled_with(tag: &str, edit: impl Fn(usize, &str) -> String) -> (tempfile::TempDir, String) {
    let csv = std::fs::read_to_string("data/2022/synthetic-submissions-2022.csv").unwrap();
    let text: Vec<String> = csv.lines().enumerate().map(|(i, l)| edit(i, l)).collect();
    let dir = crate::common::temp_dir(tag);
    let path = dir.path().join("submissions.csv");
    std::fs::write(&path, text.join("\n") + "\n").unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

#[test]
fn a_bad_value_is_printed_and_counted_once_in_strict_mode() {
    // row 4 (the third unit): `q_docs_received` (column 61) becomes `abc`
    let (_dir, path) = bundled_with("once", |i, l| {
        if i != 3 {
            return l.to_string();
        }
        let mut cells: Vec<&str> = l.split(',').collect();
        cells[60] = "abc";
        cells.join(",")
    });
    for extra in [&[][..], &["-j", "2"][..], &["--format", "table"][..]] {
        let mut args = vec!["eval", "rules/2022", path.as_str()];
        args.extend_from_slice(extra);
        let (code, _, err) = eindex(&args).into_parts();
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(
            err.matches("`abc` is not a number").count(),
            1,
            "{args:?}: {err}"
        );
        assert!(
            err.contains("error: 1 problem in the submissions"),
            "{args:?}: {err}"
        );
    }
}

/// The bundled header with `q_ux_research` misspelled: the column's answers would be lost.
fn misspelled_column(i: usize, l: &str) -> String {
    if i == 0 {
        l.replace("q_ux_research", "q_ux_reserch")
    } else {
        l.to_string()
    }
}

#[test]
fn a_dropped_column_fails_also_with_lenient_unless_named() {
    let (_dir, path) = bundled_with("column", misspelled_column);
    let (code, out, err) = eindex(&["eval", "rules/2022", &path, "--lenient"]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "nothing is written: {out}");
    assert!(err.contains("unknown column `q_ux_reserch`"), "{err}");
    assert!(
        err.contains("--lenient does not go past a problem with a whole file or column"),
        "{err}"
    );
    assert!(
        err.contains("37 units read (37 rows): 37 valid, 0 rejected — nothing scored"),
        "{err}"
    );
    // named explicitly, the column is left out and the run is clean
    let args = [
        "eval",
        "rules/2022",
        &path,
        "--ignore-column",
        "q_ux_reserch",
    ];
    let (code, out, err) = eindex(&args).into_parts();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 38, "{out}");
    // a name that matches no unknown column is a mistake of the command line
    let args = [
        "eval",
        "rules/2022",
        &path,
        "--ignore-column",
        "q_ux_research",
    ];
    let (code, _, err) = eindex(&args).into_parts();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no input file has an unknown column `q_ux_research`"),
        "{err}"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_error_in_every_mode_and_command() {
    let dir = crate::common::temp_dir("unreadable");
    let missing = dir.path().join("missing.csv");
    let missing = missing.to_str().unwrap();
    let folder = dir.path().to_str().unwrap();
    let bundled = "data/2022/synthetic-submissions-2022.csv";
    let expert = format!("expert={missing}");
    let runs: [&[&str]; 6] = [
        &["eval", "rules/2022", missing],
        &["eval", "rules/2022", missing, "--lenient"],
        &["eval", "rules/2022", folder, "--lenient"],
        &["eval", "rules/2022", bundled, &expert, "--lenient"],
        &["explain", "rules/2022", missing, "--lenient"],
        &["report", "rules/2022", missing, "--lenient"],
    ];
    for args in runs {
        let (code, out, err) = eindex(args).into_parts();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.contains("cannot read the file"), "{args:?}: {err}");
    }
}

#[test]
fn encodings_and_broken_json_fail_also_with_lenient() {
    let dir = crate::common::temp_dir("encodings");
    let csv = std::fs::read_to_string("data/2022/synthetic-submissions-2022.csv").unwrap();
    // UTF-16 (little endian, with a byte order mark)
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    // Windows-1257: the Latvian letters as single bytes (ā = 0xE2, ī = 0xEE, š = 0xF0, ...)
    let win: Vec<u8> = csv
        .chars()
        .map(|c| if c.is_ascii() { c as u8 } else { 0xE2 })
        .collect();
    let files: [(&str, Vec<u8>, &str); 3] = [
        ("utf16.csv", utf16, "UTF-16"),
        ("win1257.csv", win, "not valid UTF-8"),
        (
            "broken.json",
            b"[{\"unit\": \"a\",".to_vec(),
            "invalid JSON",
        ),
    ];
    for (name, bytes, says) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let args = ["eval", "rules/2022", path.to_str().unwrap(), "--lenient"];
        let (code, out, err) = eindex(&args).into_parts();
        assert_eq!(code, 1, "{name}: {err}");
        assert!(out.is_empty(), "{name}: {out}");
        assert!(err.contains(says), "{name}: {err}");
    }
}

#[test]
fn problems_of_one_kind_in_one_column_are_grouped() {
    // every unit's `q_docs_received` (column 61) is `abc`
    let (_dir, path) = bundled_with("grouped", |i, l| {
        if i == 0 {
            return l.to_string();
        }
        let mut cells: Vec<&str> = l.split(',').collect();
        cells[60] = "abc";
        cells.join(",")
    });
    let (code, _, err) = eindex(&["eval", "rules/2022", &path]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("`abc` is not a number").count(), 5, "{err}");
    assert!(
        err.contains("… and 32 more problems like this (eindex::input::not_a_number) in column `q_docs_received`"),
        "{err}"
    );
    assert!(
        err.contains("error: 37 problems in the submissions"),
        "{err}"
    );
    let (_, _, err) = eindex(&["eval", "rules/2022", &path, "--all-problems"]).into_parts();
    assert_eq!(err.matches("`abc` is not a number").count(), 37, "{err}");
    // lenient: the rejected units are grouped alike, and the run says it left them out
    let (code, _, err) = eindex(&["eval", "rules/2022", &path, "--lenient"]).into_parts();
    assert_eq!(code, 3, "{err}");
    assert_eq!(err.matches("rejected unit `").count(), 5, "{err}");
    assert!(
        err.contains("37 units read (37 rows): 0 evaluated, 0 not computable, 37 rejected — results written without the 37 rejected units (exit status 3)"),
        "{err}"
    );
}

#[test]
fn an_arithmetic_overflow_is_a_located_problem_that_counts() {
    let dir = crate::common::temp_dir("overflow");
    for f in ["model.rules", "questionnaire.toml"] {
        let from = std::path::Path::new("tests/cases/constraints/ruleset").join(f);
        std::fs::copy(from, dir.path().join(f)).unwrap();
    }
    let big = "100000000000000000000000000000000000";
    let rules = format!(
        "{}\nlet huge = q_docs_total * {big} * {big}\n\nrule overflow in office {{\n  match huge {{\n    > 0 => 0\n    else => 0\n  }}\n}}\n",
        std::fs::read_to_string(dir.path().join("model.rules")).unwrap()
    );
    std::fs::write(dir.path().join("model.rules"), rules).unwrap();
    let ruleset = dir.path().to_str().unwrap();
    let csv = "tests/cases/constraints/submissions.csv";
    for extra in [&[][..], &["-j", "2"][..], &["--format", "table"][..]] {
        let mut args = vec!["eval", ruleset, csv, "--lenient"];
        args.extend_from_slice(extra);
        let (code, out, err) = eindex(&args).into_parts();
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(!out.contains("Alfa"), "{args:?}: {out}");
        assert!(
            err.contains("submissions.csv:2 (unit `Alfa`): the unit cannot be scored: arithmetic overflow while evaluating `let huge` (")
                && err.contains("model.rules:"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("5 units read (5 rows): 0 evaluated, 1 not computable, 4 rejected"),
            "{args:?}: {err}"
        );
    }
    let (code, _, err) = eindex(&["eval", ruleset, csv]).into_parts();
    assert_eq!(code, 1, "strict: nothing is scored: {err}");
    assert!(
        err.contains("error: 4 problems in the submissions"),
        "{err}"
    );
}

#[test]
fn an_unclosed_quote_fails_also_with_lenient_and_names_what_it_swallowed() {
    // row 4 (the third unit): its id opens a quote that is never closed
    let (_dir, path) = bundled_with("quote", |i, l| {
        if i == 3 {
            format!("\"{l}")
        } else {
            l.to_string()
        }
    });
    for extra in [&["--lenient"][..], &["--lenient", "-j", "2"][..], &[][..]] {
        let mut args = vec!["eval", "rules/2022", path.as_str()];
        args.extend_from_slice(extra);
        let (code, out, err) = eindex(&args).into_parts();
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.contains(
                "a quote `\"` is not closed, so the file could not be read from this row on"
            ),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("and 34 of them look like rows of units"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("nothing scored because of the problems above"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn messages_echo_a_short_excerpt_of_a_long_value_and_escape_control_characters() {
    // row 4: a 5,000-character value with a NUL, and a 3,000-character unit id on row 5
    let (_dir, path) = bundled_with("excerpt", |i, l| {
        let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
        match i {
            3 => cells[60] = format!("{}\u{0}", "x".repeat(5000)),
            4 => cells[0] = "y".repeat(3000),
            _ => return l.to_string(),
        }
        cells.join(",")
    });
    let (code, _, err) = eindex(&["eval", "rules/2022", &path]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "`{}… (5001 characters)` is not a number",
            "x".repeat(60)
        )),
        "{err}"
    );
    assert!(!err.contains('\u{0}'), "a raw NUL is never echoed");
    assert!(err.lines().all(|l| l.chars().count() < 400), "{err}");
}

/// A source without line breaks (`/dev/zero`) is refused after at most one line limit (32 MiB)
/// in every format, never read to the end of memory.
#[cfg(target_os = "linux")]
#[test]
fn a_source_without_line_breaks_fails_fast() {
    for (format, says, status) in [
        ("csv", "has no line break in its first 32 MiB", 2),
        ("jsonl", "invalid JSON", 1),
        ("json", "invalid JSON", 1),
        // a workbook is read whole, up to its limit
        (
            "workbook",
            "the workbook file is larger than 128 MiB, the limit for a file that is read whole",
            1,
        ),
    ] {
        let args = [
            "eval",
            "rules/2022",
            "/dev/zero",
            "--input-format",
            format,
            "--lenient",
        ];
        let (code, out, err) = eindex(&args).into_parts();
        assert_eq!(code, status, "{format}: {err}");
        assert!(out.is_empty(), "{format}");
        assert!(err.contains(says), "{format}: {err}");
    }
    // detected as CSV when no format is named
    let (code, _, err) = eindex(&["eval", "rules/2022", "/dev/zero"]).into_parts();
    assert_eq!(code, 2, "{err}");
}

/// A header of thousands of unknown or unnamed columns (a wrong export): each kind is reported
/// as a few problems and a count, values in unnamed columns once per row, did-you-mean only for
/// the first columns.
#[test]
fn thousands_of_unknown_or_unnamed_columns_are_grouped() {
    const N: usize = 3000;
    let (_dir, unknown) = bundled_with("unknown-cols", |i, l| {
        if i == 0 {
            let extra: Vec<String> = (0..N).map(|k| format!("zz{k}")).collect();
            format!("{l},{}", extra.join(","))
        } else {
            format!("{l}{}", ",".repeat(N))
        }
    });
    let (code, _, err) = eindex(&["eval", "rules/2022", &unknown]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("unknown column `zz").count(), 5, "{err}");
    assert!(
        err.contains(&format!(
            "… and {} more problems like this (eindex::input::unknown_column)",
            N - 5
        )),
        "{err}"
    );
    assert!(err.lines().count() < 30, "{err}");
    let (_dir, unnamed) = bundled_with("unnamed-cols", |i, l| {
        if i == 0 {
            format!("{l}{}", ",".repeat(N))
        } else {
            format!("{l}{}", ",1".repeat(N))
        }
    });
    let (code, _, err) = eindex(&["eval", "rules/2022", &unnamed]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "which has no name (and in {} more columns without a name)",
            N - 1
        )),
        "{err}"
    );
    assert!(
        err.contains("error: 37 problems in the submissions"),
        "one per row: {err}"
    );
}

#[test]
fn a_file_in_another_encoding_is_reported_once_for_the_file() {
    let csv = std::fs::read_to_string("data/2022/synthetic-submissions-2022.csv").unwrap();
    let win: Vec<u8> = csv
        .chars()
        .map(|c| if c.is_ascii() { c as u8 } else { 0xE2 })
        .collect();
    let dir = crate::common::temp_dir("encoding-once");
    let path = dir.path().join("win1257.csv");
    std::fs::write(&path, win).unwrap();
    let (code, _, err) =
        eindex(&["eval", "rules/2022", path.to_str().unwrap(), "--lenient"]).into_parts();
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("is not valid UTF-8").count(), 1, "{err}");
    assert!(
        err.contains("more problems like this (eindex::input::not_utf8) in"),
        "{err}"
    );
}

/// Found by fuzzing (session 9): a JSON Lines file with a line that is not UTF-8 was read as
/// nothing at all in lenient mode — its valid units silently dropped, exit 3 and a closing line
/// "results written without  (exit status 3)". The reader stops at such a line, so the file is
/// a whole-file problem: it fails in every mode.
#[test]
fn a_json_lines_file_with_a_line_not_utf8_fails_also_with_lenient() {
    let dir = crate::common::temp_dir("jsonl-not-utf8");
    let path = dir.path().join("answers.jsonl");
    std::fs::write(
        &path,
        b"{\"unit\":\"A\",\"type\":\"regional\"}\nB,\xff\xfe\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    for extra in [&[][..], &["--lenient"][..], &["--lenient", "-j", "2"][..]] {
        let mut args = vec!["eval", "rules/2022", path];
        args.extend_from_slice(extra);
        let (code, out, err) = eindex(&args).into_parts();
        assert_eq!(code, 1, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(err.matches("line 2 is not valid UTF-8").count(), 1, "{err}");
        assert!(err.contains("nothing scored"), "{err}");
    }
}

/// In lenient mode a line that is not read as a unit (here an array where an object belongs)
/// is named in the closing line: once "results written without  (exit status 3)", with nothing
/// between "without" and the parenthesis.
#[test]
fn a_lenient_run_that_leaves_out_a_line_says_so_in_its_closing_line() {
    let dir = crate::common::temp_dir("jsonl-array-line");
    let path = dir.path().join("answers.jsonl");
    std::fs::write(&path, "{\"unit\":\"A\",\"type\":\"regional\"}\n[1]\n").unwrap();
    let (code, _, err) =
        eindex(&["eval", "rules/2022", path.to_str().unwrap(), "--lenient"]).into_parts();
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("expected an object, found an array"), "{err}");
    assert!(
        err.contains("results written without the rows named above (exit status 3)"),
        "{err}"
    );
}
