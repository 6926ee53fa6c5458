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

/// The test units, repeated under new ids (`G0001`, ...) until there are `n`; unit `long` (its
/// 1-based number) gets an id of 51 characters.
fn many_units(n: usize, long: usize) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(UNITS).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap().to_string();
    let rows: Vec<&str> = lines.map(|l| l.split_once(',').unwrap().1).collect();
    let units = (1..=n)
        .map(|i| {
            let id = if i == long {
                format!("L{}", "o".repeat(48) + "ng")
            } else {
                format!("G{i:04}")
            };
            format!("{id},{}\n", rows[i % rows.len()])
        })
        .collect();
    (header, units)
}

/// A table of more units than the first block streams: the unit column's width comes from the
/// first 1,000 rows (a longer id later is cut to it), the same on one thread or two, and the
/// in-memory path (two files) writes the same table.
#[test]
fn the_table_streams_with_the_width_of_its_first_rows() {
    let dir = common::temp_dir("eval-table");
    let (header, units) = many_units(2_500, 2_200);
    let all = dir.path().join("all.csv");
    std::fs::write(&all, format!("{header}\n{}", units.concat())).unwrap();
    let table = |args: &[&str]| {
        let mut a = vec!["eval", RULESET];
        a.extend_from_slice(args);
        a.extend_from_slice(&["--format", "table", "--lenient"]);
        eindex(&a)
    };
    let one = table(&[path_str(&all)]);
    assert!(matches!(one.code, 0 | 3), "{}", one.stderr);
    let lines: Vec<&str> = one.stdout.lines().collect();
    // heads, 2,500 units (those rejected are left out), a blank line and the legend
    assert!(lines[0].starts_with("vienība  "), "{}", lines[0]);
    assert!(lines.len() > 2_000, "{}", lines.len());
    assert!(lines.iter().any(|l| l.starts_with("G0001   ")));
    // the long id is cut to the width of the head `vienība` (wider than `G0001`)
    assert!(lines.iter().any(|l| l.starts_with("Loooooo  ")));
    assert!(!one.stdout.contains("Looooooo"), "the long id is cut");
    let cut: Vec<&&str> = lines.iter().filter(|l| l.starts_with("Loooo")).collect();
    assert_eq!(cut.len(), 1, "{cut:?}");
    assert_eq!(
        table(&[path_str(&all), "-j", "2"]).stdout,
        one.stdout,
        "-j 2"
    );
    // two files: the in-memory path
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, format!("{header}\n{}", units[..1_200].concat())).unwrap();
    std::fs::write(&b, format!("{header}\n{}", units[1_200..].concat())).unwrap();
    assert_eq!(
        table(&[path_str(&a), path_str(&b)]).stdout,
        one.stdout,
        "in memory"
    );
    // a few units: the width of the longest id
    let few = dir.path().join("few.csv");
    std::fs::write(&few, format!("{header}\n{}", units[2_195..2_205].concat())).unwrap();
    let t = table(&[path_str(&few)]);
    let cut = format!("L{} ", "o".repeat(35));
    assert!(
        t.stdout.lines().any(|l| l.starts_with(&cut)),
        "{}",
        t.stdout
    );
}

/// `--no-trace`: every unit's object without `rules`, otherwise the same, streamed or not; only
/// with JSON.
#[test]
fn json_without_the_trace() {
    let full: serde_json::Value = serde_json::from_str(&eval_ok(&["--format", "json"])).unwrap();
    let mut want = full.clone();
    for u in want["units"].as_array_mut().unwrap() {
        let u = u.as_object_mut().unwrap();
        assert!(u.remove("rules").is_some() || u.get("sections").is_none());
    }
    for jobs in ["1", "2"] {
        let got = eval_ok(&["--format", "json", "--no-trace", "-j", jobs]);
        let got: serde_json::Value = serde_json::from_str(&got).unwrap();
        assert_eq!(got, want, "-j {jobs}");
        let jsonl = eval_ok(&["--format", "jsonl", "--no-trace", "-j", jobs]);
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(&lines, want["units"].as_array().unwrap(), "jsonl -j {jobs}");
    }
    // two files: the in-memory path (the second one another unit)
    let dir = common::temp_dir("eval-no-trace");
    let other = dir.path().join("other.csv");
    let text = std::fs::read_to_string(UNITS).unwrap();
    let mut lines = text.lines();
    let (header, row) = (lines.next().unwrap(), lines.next().unwrap());
    let row = format!("X01,{}", row.split_once(',').unwrap().1);
    std::fs::write(&other, format!("{header}\n{row}\n")).unwrap();
    let args = [
        "eval",
        RULESET,
        UNITS,
        path_str(&other),
        "--format",
        "jsonl",
    ];
    let two = eindex(&[&args[..], &["--no-trace"]].concat()).ok();
    let units = want["units"].as_array().unwrap();
    assert_eq!(two.lines().count(), units.len() + 1);
    assert!(!two.contains("\"rules\""));
    assert!(eindex(&args).ok().contains("\"rules\""));
    // not with another format
    let r = eindex(&["eval", RULESET, UNITS, "--format", "csv", "--no-trace"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--no-trace"), "{}", r.stderr);
}

/// CSV cells, read with `delimiter`.
fn csv_cells(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `--csv-dialect excel-lv`: a byte-order mark, `;` and decimal commas, otherwise the cells of
/// the standard CSV; streamed, on two threads and in memory alike; only with CSV.
#[test]
fn excel_lv_is_the_csv_for_a_latvian_spreadsheet() {
    let standard = eval_ok(&["--format", "csv"]);
    assert!(!standard.starts_with('\u{feff}'));
    let excel = eval_ok(&["--format", "csv", "--csv-dialect", "excel-lv"]);
    let body = excel.strip_prefix('\u{feff}').expect("a byte-order mark");
    assert!(!body.contains('\u{feff}'));
    let (want, got) = (csv_cells(&standard, b','), csv_cells(body, b';'));
    assert_eq!(got.len(), want.len());
    let mut commas = 0;
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g.len(), w.len(), "{g:?} vs {w:?}");
        for (a, b) in g.iter().zip(w) {
            if b.parse::<f64>().is_ok() && b.contains('.') {
                assert_eq!(a, &b.replace('.', ","));
                commas += 1;
            } else {
                assert_eq!(a, b);
            }
        }
    }
    assert!(commas > 10, "scores have decimal commas ({commas})");
    assert_eq!(
        eval_ok(&["--format", "csv", "--csv-dialect", "excel-lv", "-j", "2"]),
        excel
    );
    let two = eindex(&[
        "eval",
        RULESET,
        UNITS,
        UNITS,
        "--lenient",
        "--format",
        "csv",
        "--csv-dialect",
        "excel-lv",
    ]);
    assert!(two.stdout.starts_with("\u{feff}unit;"), "{}", two.stdout);
    for format in ["json", "table", "bench"] {
        let run = eindex(&[
            "eval",
            RULESET,
            UNITS,
            "--format",
            format,
            "--csv-dialect",
            "excel-lv",
        ]);
        assert_eq!(run.code, 2, "{format}: {}", run.stderr);
        assert!(run.stderr.contains("--format csv"), "{}", run.stderr);
    }
}

/// The level names follow `--lang` (default: the survey's, Latvian) in CSV and JSON; the column
/// ids do not change.
#[test]
fn level_names_in_the_chosen_language() {
    let lv = csv_cells(&eval_ok(&["--format", "csv"]), b',');
    let en = csv_cells(&eval_ok(&["--format", "csv", "--lang", "en"]), b',');
    assert_eq!(lv[0], en[0], "the same columns");
    let col = lv[0].iter().position(|c| c == "index_level_name").unwrap();
    assert_eq!(lv[0][col - 1], "index_level");
    let names = |rows: &[Vec<String>]| -> Vec<String> {
        rows[1..].iter().map(|r| r[col].clone()).collect()
    };
    assert!(names(&lv).iter().any(|n| n == "intuitīvs"), "{lv:?}");
    assert!(names(&en).iter().any(|n| n == "intuitive"), "{en:?}");
    let json: serde_json::Value = serde_json::from_str(&eval_ok(&[
        "--format",
        "json",
        "--no-trace",
        "--lang",
        "en",
    ]))
    .unwrap();
    assert_eq!(json["lang"], "en");
    let first = &json["units"][0]["index"];
    let level = first["level"].as_u64().unwrap() as usize;
    assert_eq!(first["level_name"], json["levels"][level - 1]["en"]);
}
