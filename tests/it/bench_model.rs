//! The benchmark model (../shared/bench/MODEL.md) as a ruleset (bench/model-150): eindex agrees
//! byte for byte with an independent exact scorer (bench/reference.py, Python `Fraction`s) on the
//! 10,000 submissions `gen.py` writes, in CSV and JSON Lines, sequentially and with `--jobs 2`.
//! Also: the streaming `eval` falls back to the in-memory reader where that one decides (a
//! repeated unit), and in strict mode writes nothing when a late row is bad.

use crate::common::{self, text, EINDEX};
use std::path::Path;
use std::process::Command;

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some("python3")
}

fn eval(args: &[&str]) -> (Vec<u8>, String, i32) {
    let out = Command::new(EINDEX)
        .arg("eval")
        .arg("bench/model-150")
        .args(args)
        .output()
        .expect("eindex runs");
    (
        out.stdout,
        text(&out.stderr),
        out.status.code().unwrap_or(-1),
    )
}

/// The first line that differs, for a readable failure.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  eindex:    {x}\n  reference: {y}", i + 1);
        }
    }
    format!(
        "line counts differ: {} vs {}",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn the_model_checks_clean_with_86_points_per_section() {
    let rs = eindex::ruleset::load(Path::new("bench/model-150")).unwrap();
    assert!(
        rs.diagnostics.is_empty(),
        "bench/model-150 must check clean"
    );
    let p = rs.program.unwrap();
    assert_eq!(p.schema.questions.len(), 150);
    assert_eq!(p.rules.len(), 150);
    let ids: Vec<&str> = p.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5"]);
    for s in &p.sections {
        assert_eq!(s.max, eindex::num::Num::int(86), "section {}", s.id);
    }
    let w: Vec<String> = p.index.weights.iter().map(|w| w.to_string()).collect();
    assert_eq!(w, ["2", "3", "2", "8", "2"]);
}

#[test]
fn agrees_with_the_reference_scorer_on_10000_submissions() {
    let Some(py) = python() else {
        eprintln!("SKIPPED: python3 is not installed; it is needed to generate the benchmark data");
        return;
    };
    let gen = Path::new("../shared/bench/gen.py");
    assert!(
        gen.exists(),
        "../shared/bench/gen.py is missing (CI has ../shared beside the repo)"
    );
    let tmp = common::temp_dir("bench-model-10k");
    let d = tmp.path();
    let st = Command::new(py)
        .args([gen.to_str().unwrap(), "10000", "--out", d.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(st.status.success(), "gen.py: {}", text(&st.stderr));
    let csv = d.join("subs_10000.csv");
    let jsonl = d.join("subs_10000.jsonl");
    let reference = Command::new(py)
        .args(["bench/reference.py", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(reference.status.success(), "reference.py failed");
    let expected = reference.stdout;
    assert_eq!(expected.iter().filter(|&&b| b == b'\n').count(), 10_001);

    for (label, args) in [
        ("csv", vec![csv.to_str().unwrap(), "--format", "bench"]),
        ("jsonl", vec![jsonl.to_str().unwrap(), "--format", "bench"]),
        (
            "csv --jobs 2",
            vec![csv.to_str().unwrap(), "--format", "bench", "--jobs", "2"],
        ),
        (
            "jsonl --jobs 2",
            vec![jsonl.to_str().unwrap(), "--format", "bench", "-j", "2"],
        ),
    ] {
        let (out, err, code) = eval(&args);
        assert_eq!(code, 0, "{label}: {err}");
        assert!(
            err.contains(
                "10000 units read (10000 rows): 9968 evaluated, 32 not computable, 0 rejected"
            ),
            "{label}: {err}"
        );
        assert!(
            out == expected,
            "{label} differs from the reference: {}",
            first_difference(&out, &expected)
        );
    }

    // the other output formats do not depend on streaming or threads either (on the first
    // 1,000 rows: the JSON trace is large)
    let text = std::fs::read_to_string(&csv).unwrap();
    let head: String = text.split_inclusive('\n').take(1001).collect();
    let small = d.join("subs_1000.csv");
    std::fs::write(&small, head).unwrap();
    for format in ["csv", "json"] {
        let (one, _, c1) = eval(&[small.to_str().unwrap(), "--format", format]);
        let (two, _, c2) = eval(&[small.to_str().unwrap(), "--format", format, "--jobs", "2"]);
        assert_eq!((c1, c2), (0, 0));
        assert!(one == two, "--format {format}: --jobs 2 changes the output");
    }
}

#[test]
fn a_repeated_unit_is_decided_by_the_in_memory_reader() {
    let tmp = common::temp_dir("bench-model-dup");
    let d = tmp.path();
    let header: Vec<String> = std::iter::once("id".to_string())
        .chain((1..=5).flat_map(|k| (1..=30).map(move |q| format!("s{k}_q{q:02}"))))
        .collect();
    let row = |id: &str, first: &str| {
        let mut cells = vec![id.to_string(), first.to_string()];
        cells.resize(151, String::new());
        cells.join(",")
    };
    let csv = d.join("dup.csv");
    let text = [
        header.join(","),
        row("1", "D"),
        row("2", "C"),
        row("2", "B"),
        row("3", "A"),
    ]
    .join("\n");
    std::fs::write(&csv, text + "\n").unwrap();
    let (out, err, code) = eval(&[csv.to_str().unwrap(), "--format", "bench", "--lenient"]);
    assert_eq!(code, 3, "a lenient run that left a unit out: {err}");
    let out = String::from_utf8(out).unwrap();
    // unit 2 is rejected with both rows named; 1 and 3 are scored
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, ["1", "3"], "{out}");
    assert!(
        err.contains("unit `2` appears twice in this file: rows 3 and 4"),
        "{err}"
    );
    // (D, unanswered) → row 2 of the table: 3 + 2 = 5 points
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("1,5,0,0,0,0,5.813953,,,,,5.813953,"),
        "{out}"
    );
}

#[test]
fn strict_mode_writes_nothing_when_a_late_row_is_bad() {
    let tmp = common::temp_dir("bench-model-strict");
    let d = tmp.path();
    let header: Vec<String> = std::iter::once("id".to_string())
        .chain((1..=5).flat_map(|k| (1..=30).map(move |q| format!("s{k}_q{q:02}"))))
        .collect();
    let mut lines = vec![header.join(",")];
    for i in 1..=3000 {
        let mut cells = vec![i.to_string(), if i == 3000 { "Z" } else { "B" }.to_string()];
        cells.resize(151, String::new());
        lines.push(cells.join(","));
    }
    let csv = d.join("late.csv");
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let target = d.join("out.csv");
    let (_, err, code) = eval(&[
        csv.to_str().unwrap(),
        "--format",
        "bench",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        !target.exists(),
        "nothing is written in strict mode when a row is bad"
    );
    assert!(err.contains("late.csv:3001:2"), "{err}");
    assert!(err.contains("nothing was scored"), "{err}");
}
