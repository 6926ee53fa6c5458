//! Submissions read from anything: every fixture fed through a pipe (as `-` and, on Unix, as
//! `/dev/stdin`) and through a FIFO gives the output of reading the file, byte for byte apart
//! from the file's name; standard input may be named only once.

use crate::common::{command, run, temp_dir, Run};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// The fixtures fed through pipes: CSV (plain, with a BOM, with CRLF line ends, semicolons),
/// a JSON array, JSON Lines, and files with problems (some of which make the streaming reader
/// give up and leave the file to the in-memory one, which must read the same bytes again).
fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let csv = std::fs::read("data/2022/synthetic-submissions-2022.csv").unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&csv);
    let crlf = text.replace('\n', "\r\n");
    let json = std::fs::read_to_string("data/2022/synthetic-submissions-2022.json").unwrap();
    let units: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let lines: String = units.iter().map(|u| format!("{u}\n")).collect();
    let mut bom_lines = "\u{feff}".to_string();
    bom_lines.push_str(&lines.replace('\n', "\r\n"));
    // the same unit twice: the streaming reader stops and `load` reads the file
    let twice = format!("{text}{}", text.lines().nth(1).unwrap());
    let semicolon = text.replace(',', ";");
    let unclosed = unclosed_quote_in_row_4();
    let made: [(&str, &[u8]); 9] = [
        ("plain.csv", &csv),
        ("bom.csv", &bom),
        ("crlf.csv", crlf.as_bytes()),
        ("array.json", json.as_bytes()),
        ("lines.jsonl", lines.as_bytes()),
        ("bom-crlf.jsonl", bom_lines.as_bytes()),
        ("twice.csv", twice.as_bytes()),
        ("semicolon.csv", semicolon.as_bytes()),
        ("unclosed.csv", unclosed.as_bytes()),
    ];
    let mut paths = Vec::new();
    for (name, bytes) in made {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        paths.push(p);
    }
    paths.push(PathBuf::from("tests/cases/constraints/submissions.jsonl"));
    paths.push(PathBuf::from("tests/cases/input/accounting.csv"));
    paths.push(PathBuf::from("tests/cases/input/invalid_utf8.csv"));
    paths
}

/// `eindex eval rules/2022 ARG extra…` with `input` written to its standard input.
fn eval_piped(arg: &str, input: &[u8], extra: &[&str]) -> Run {
    let mut args = vec!["eval", "rules/2022", arg];
    args.extend_from_slice(extra);
    let mut cmd = command(&args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let bytes = input.to_vec();
    // written by another thread, so that a child that reads nothing does not block the test
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `eindex eval rules/2022 PATH extra…`, its output with the path written as `name`.
fn eval_file(path: &Path, name: &str, extra: &[&str]) -> Run {
    let p = path.to_str().unwrap();
    let mut args = vec!["eval", "rules/2022", p];
    args.extend_from_slice(extra);
    let r = run(&mut command(&args));
    Run {
        code: r.code,
        stdout: r.stdout.replace(p, name),
        stderr: r.stderr.replace(p, name),
    }
}

fn same(what: &str, file: &Run, piped: &Run) {
    assert_eq!(
        file.code, piped.code,
        "{what}: exit status\n{}",
        piped.stderr
    );
    assert_eq!(file.stdout, piped.stdout, "{what}: standard output");
    assert_eq!(file.stderr, piped.stderr, "{what}: standard error");
}

/// The ways the output is made: streamed (CSV), streamed on two threads, in memory (a table).
const MODES: [&[&str]; 3] = [
    &["--format", "csv"],
    &["--format", "csv", "--jobs", "2", "--lenient"],
    &["--format", "table"],
];

#[test]
fn every_fixture_through_a_pipe_reads_as_the_file() {
    let dir = temp_dir("pipes");
    for path in fixtures(dir.path()) {
        let bytes = std::fs::read(&path).unwrap();
        for extra in MODES {
            let what = format!("{} {extra:?}", path.display());
            let file = eval_file(&path, "-", extra);
            same(&what, &file, &eval_piped("-", &bytes, extra));
            if cfg!(unix) {
                let file = eval_file(&path, "/dev/stdin", extra);
                let piped = eval_piped("/dev/stdin", &bytes, extra);
                same(&format!("/dev/stdin {what}"), &file, &piped);
            }
        }
    }
}

/// The example: ten units on 256-byte lines, which a reader that looks at the first
/// 512 bytes and then opens the path again would lose two of.
#[test]
fn ten_long_lines_through_a_pipe_are_all_read() {
    let mut text = String::new();
    for i in 0..10 {
        let mut line = format!("{{\"unit\": \"U{i:02}\", \"q_websites_count\": \"one\"");
        line.push_str(&" ".repeat(254 - line.len()));
        line.push_str("}\n");
        assert_eq!(line.len(), 256);
        text.push_str(&line);
    }
    for arg in ["-", "/dev/stdin"] {
        let r = eval_piped(arg, text.as_bytes(), &["--format", "csv", "--lenient"]);
        assert!(
            r.stderr.contains("10 units read (10 rows)"),
            "{arg}: {}",
            r.stderr
        );
        for i in 0..10 {
            assert!(r.stdout.contains(&format!("U{i:02}")), "{arg}: U{i:02}");
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_fifo_reads_as_the_file() {
    let dir = temp_dir("fifo");
    let fixtures = fixtures(dir.path());
    for (k, path) in fixtures.iter().enumerate() {
        let fifo = dir.path().join(format!("fifo{k}"));
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let bytes = std::fs::read(path).unwrap();
        let name = fifo.to_str().unwrap().to_string();
        // the writer blocks until eindex opens the FIFO, then writes everything and closes it;
        // eindex must open it once (a second open would wait for a writer that never comes)
        let w = fifo.clone();
        let writer = std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(&w).unwrap();
            let _ = f.write_all(&bytes);
        });
        let extra = ["--format", "csv"];
        let piped =
            run(command(&["eval", "rules/2022", &name, extra[0], extra[1]]).stdin(Stdio::null()));
        writer.join().unwrap();
        let file = eval_file(path, &name, &extra);
        same(&format!("FIFO {}", path.display()), &file, &piped);
    }
}

#[test]
fn standard_input_is_named_once() {
    let dir = temp_dir("stdin-twice");
    let csv = dir.path().join("a.csv");
    std::fs::write(&csv, "unit\nA\n").unwrap();
    for (a, b) in [("-", "expert=-"), ("-", "/dev/stdin")] {
        let r = eval_piped(a, b"unit\nA\n", &[b, "--format", "csv"]);
        assert_eq!(r.code, 2, "{a} {b}: {}", r.stderr);
        let both = format!("`{a}` (argument 1) and `{b}` (argument 2) both name standard input");
        assert!(r.stderr.contains(&both), "{a} {b}: {}", r.stderr);
    }
    // once is fine, with a file beside it
    let r = eval_piped(
        "-",
        b"unit,q_websites_count\nA,one\n",
        &[csv.to_str().unwrap(), "--format", "csv"],
    );
    assert!(r.stderr.contains("1 unit read (2 rows)"), "{}", r.stderr);
}

/// The bundled 2022 submissions (37 rows) with a quote opened and not closed in row 4.
fn unclosed_quote_in_row_4() -> String {
    let text = std::fs::read_to_string("data/2022/synthetic-submissions-2022.csv").unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 38);
    let cells: Vec<&str> = lines[3].split(',').collect();
    let mut broken = cells.clone();
    let opened = format!("\"{}", cells[2]);
    broken[2] = &opened;
    lines[3] = broken.join(",");
    lines.join("\n") + "\n"
}

/// The example: the 34 rows after the quote are not read, and the run says so as a
/// problem of the file (named, with the rows it took in), also with `--lenient`.
#[test]
fn an_unclosed_quote_says_what_was_not_read() {
    let dir = temp_dir("unclosed");
    let path = dir.path().join("unclosed.csv");
    std::fs::write(&path, unclosed_quote_in_row_4()).unwrap();
    let p = path.to_str().unwrap();
    for extra in MODES {
        let mut args = vec!["eval", "rules/2022", p];
        args.extend_from_slice(extra);
        if !extra.contains(&"--lenient") {
            args.push("--lenient");
        }
        let r = run(&mut command(&args));
        let err = format!(
            "error: {p}:4 (unit `Augšdaugavas novada pašvaldība`): a quote `\"` is not closed, so the file could not be read from this row on: lines 4 to 38 were read as one row, and 34 of them look like rows of units: `Ādažu novada pašvaldība`, "
        );
        assert!(r.stderr.contains(&err), "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains("and 29 more"), "{extra:?}: {}", r.stderr);
        // the row is not a rejected unit: the problem is the file's
        assert!(
            !r.stderr.contains("rejected unit"),
            "{extra:?}: {}",
            r.stderr
        );
    }
}

/// `eindex eval rules/2022` over the bundled units as JSON Lines, with the text `number` written
/// in place of the first unit's `q_docs_received`, and `ids` as further units.
fn eval_numbers(number: &str, ids: &[&str], lenient: bool) -> Run {
    let json = std::fs::read_to_string("data/2022/synthetic-submissions-2022.json").unwrap();
    let mut units: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    units[0]["answers"]["q_docs_received"] = serde_json::json!(987654321);
    let mut text: String = units.iter().map(|u| format!("{u}\n")).collect();
    text = text.replacen("987654321", number, 1);
    for id in ids {
        text.push_str(&format!(
            "{{\"unit\": {id}, \"q_websites_count\": \"one\"}}\n"
        ));
    }
    let dir = temp_dir("numbers");
    let path = dir.path().join("n.jsonl");
    std::fs::write(&path, text).unwrap();
    let mut args = vec![
        "eval",
        "rules/2022",
        path.to_str().unwrap(),
        "--format",
        "csv",
    ];
    if lenient {
        args.push("--lenient");
    }
    let r = run(&mut command(&args));
    let p = path.to_str().unwrap();
    Run {
        code: r.code,
        stdout: r.stdout,
        stderr: r.stderr.replace(p, "n.jsonl"),
    }
}

/// The examples of JSON numbers: never through floating point.
#[test]
fn json_numbers_are_exact() {
    let aizkraukle = "Aizkraukles novada pašvaldība";
    let zeros = format!("0.{}1", "0".repeat(400));
    for tiny in ["1e-400", zeros.as_str()] {
        // strict: the value is a located problem; nothing is scored
        let r = eval_numbers(tiny, &[], false);
        assert_eq!(r.code, 1, "{tiny}: {}", r.stderr);
        let at = format!("error: n.jsonl:1 (key `q_docs_received`, unit `{aizkraukle}`): ");
        assert!(r.stderr.contains(&at), "{tiny}: {}", r.stderr);
        assert!(
            r.stderr.contains("too many decimals for exact arithmetic"),
            "{}",
            r.stderr
        );
        // lenient: that unit is rejected, the 36 others scored
        let r = eval_numbers(tiny, &[], true);
        assert!(
            r.stderr.contains("37 units read (37 rows): 36 evaluated"),
            "{}",
            r.stderr
        );
        assert!(!r.stdout.contains(aizkraukle));
    }
    // not a whole number (it is not 27319)
    let r = eval_numbers("27319.0000000000000001", &[], false);
    assert!(
        r.stderr
            .contains("27319.0000000000000001 is not a whole number"),
        "{}",
        r.stderr
    );
    // one number out of range rejects one unit, not the file
    let r = eval_numbers("1e400", &[], true);
    assert!(
        r.stderr.contains("37 units read (37 rows): 36 evaluated"),
        "{}",
        r.stderr
    );
    // numeric unit ids as written: two ids, not one `1e+22` twice
    let ids = [
        "10000000000000000000001",
        "10000000000000000000002",
        "10000000000000000000000000000000000000000",
        "18446744073709551616",
    ];
    let r = eval_numbers("27319", &ids, false);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("41 units read (41 rows): 37 evaluated, 4 not computable, 0 rejected"),
        "{}",
        r.stderr
    );
    for id in ids {
        assert!(r.stdout.contains(&format!("\n{id},")), "{id}: {}", r.stdout);
    }
}
