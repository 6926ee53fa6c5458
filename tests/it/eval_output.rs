//! `eval -o FILE`: the extension chooses the format (csv, json, jsonl, xlsx), a `--format` that
//! contradicts it is refused, and every format holds the same units, streamed or not, on one
//! thread or several.

use crate::common::{self, eindex};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::Path;

const RULESET: &str = "tests/cases/report/ruleset";
const UNITS: &str = "tests/cases/report/units.csv";

/// `eval` of the test units with `extra` arguments; the exit status must be 0.
fn eval_ok(extra: &[&str]) -> String {
    let mut args = vec!["eval", RULESET, UNITS];
    args.extend_from_slice(extra);
    eindex(&args).ok()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_extension_chooses_the_format() {
    let dir = common::temp_dir("eval-output");
    let csv = eval_ok(&["--format", "csv"]);
    let json = eval_ok(&["--format", "json"]);
    let jsonl = eval_ok(&["--format", "jsonl"]);
    for (name, want) in [("r.csv", &csv), ("r.json", &json), ("R.JSONL", &jsonl)] {
        let path = dir.path().join(name);
        assert_eq!(eval_ok(&["-o", path_str(&path)]), "", "nothing on stdout");
        let got = std::fs::read_to_string(&path).unwrap();
        assert_eq!(&got, want, "{name}");
    }
    // the same with --format given too
    let path = dir.path().join("again.json");
    eval_ok(&["-o", path_str(&path), "--format", "json"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), json);
    // bench is CSV
    let path = dir.path().join("bench.csv");
    eval_ok(&["-o", path_str(&path), "--format", "bench"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        eval_ok(&["--format", "bench"])
    );
}

#[test]
fn jsonl_is_json_s_units_one_per_line() {
    let json: serde_json::Value = serde_json::from_str(&eval_ok(&["--format", "json"])).unwrap();
    let units = json["units"].as_array().unwrap();
    assert!(units.len() > 3);
    for jobs in ["1", "2"] {
        let jsonl = eval_ok(&["--format", "jsonl", "-j", jobs]);
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(&lines, units, "-j {jobs}");
    }
    // two files: the in-memory path
    let two = eindex(&[
        "eval",
        RULESET,
        UNITS,
        UNITS,
        "--format",
        "jsonl",
        "--lenient",
    ]);
    assert_eq!(two.code, 3, "{}", two.stderr);
    assert!(two.stdout.lines().count() <= units.len());
    for l in two.stdout.lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
}

/// The cells of the workbook's only sheet as text, from the header row on.
fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("open the workbook");
    assert_eq!(wb.sheet_names(), vec!["results".to_string()]);
    let range = wb.worksheet_range("results").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Rezultāti pa vienībām".into()))
    );
    range
        .rows()
        .skip(3)
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn xlsx_holds_the_csv_table() {
    let dir = common::temp_dir("eval-xlsx");
    let csv = eval_ok(&["--format", "csv"]);
    let want: Vec<Vec<String>> = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let mut runs = vec![vec!["-j", "1"], vec!["-j", "2"]];
    runs.push(vec!["--format", "xlsx"]);
    for (i, extra) in runs.iter().enumerate() {
        let path = dir.path().join(format!("r{i}.xlsx"));
        let mut args = vec!["-o", path_str(&path)];
        args.extend_from_slice(extra);
        assert_eq!(eval_ok(&args), "");
        let got = sheet(&path);
        assert_eq!(got.len(), want.len(), "{extra:?}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.len(), w.len(), "{g:?} vs {w:?}");
            for (a, b) in g.iter().zip(w) {
                // a score is a number in the workbook, its rounded text in the CSV
                let same = a == b
                    || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if (x - y).abs() < 0.051);
                assert!(same, "{a} vs {b} in {g:?} / {w:?}");
            }
        }
    }
    // two files: the in-memory path writes the same table
    let path = dir.path().join("two.xlsx");
    let two = eindex(&[
        "eval",
        RULESET,
        UNITS,
        UNITS,
        "--lenient",
        "-o",
        path_str(&path),
    ]);
    assert_eq!(two.code, 3, "{}", two.stderr);
    assert_eq!(sheet(&path)[0], want[0]);
}

#[test]
fn a_contradicting_or_unknown_format_is_an_argument_error() {
    let dir = common::temp_dir("eval-mismatch");
    let out = |name: &str| path_str(&dir.path().join(name)).to_string();
    let cases: [(Vec<String>, &[&str]); 5] = [
        (
            vec![
                "-o".into(),
                out("out.json"),
                "--format".into(),
                "csv".into(),
            ],
            &["`--format csv`", "out.json"],
        ),
        (
            vec![
                "-o".into(),
                out("out.xlsx"),
                "--format".into(),
                "jsonl".into(),
            ],
            &["`--format jsonl`", "out.xlsx"],
        ),
        (
            vec![
                "-o".into(),
                out("out.csv"),
                "--format".into(),
                "table".into(),
            ],
            &["`--format table`", "out.csv"],
        ),
        (
            vec!["-o".into(), out("out.txt")],
            &["out.txt", ".csv, .json, .jsonl or .xlsx", "--format"],
        ),
        (vec!["--format".into(), "xlsx".into()], &["-o results.xlsx"]),
    ];
    for (extra, want) in cases {
        let mut args = vec!["eval", RULESET, UNITS];
        args.extend(extra.iter().map(String::as_str));
        let run = eindex(&args);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        for w in want {
            assert!(
                run.stderr.contains(w),
                "{extra:?}: no {w} in {}",
                run.stderr
            );
        }
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file written"
    );
    // an unknown extension with --format is taken as it is
    let path = dir.path().join("results.txt");
    eval_ok(&["-o", path_str(&path), "--format", "csv"]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        eval_ok(&["--format", "csv"])
    );
}

#[test]
fn a_failed_run_writes_no_workbook() {
    let dir = common::temp_dir("eval-xlsx-fail");
    let path = dir.path().join("r.xlsx");
    let run = eindex(&[
        "eval",
        "tests/cases/constraints/ruleset",
        "tests/cases/constraints/submissions.csv",
        "-o",
        path_str(&path),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!path.exists());
    let run = eindex(&[
        "eval",
        "tests/cases/constraints/ruleset",
        "tests/cases/constraints/submissions.csv",
        "--lenient",
        "-o",
        path_str(&path),
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    let rows = sheet(&path);
    let units: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(units, ["Alfa", "Epsilon"]);
}
