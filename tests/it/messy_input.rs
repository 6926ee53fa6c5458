//! A property of `eindex eval` that holds for every submissions file, however messy: the closing
//! line accounts for every row and every unit, and the exit status tells the truth.
//!
//! Generated CSV and JSON Lines files for the constraints ruleset (tests/cases/constraints):
//! shuffled, unknown, misspelled, repeated and unnamed columns, blank rows, repeated and empty
//! unit ids, bad values, values out of range, contradicting answers, extra and missing cells,
//! unclosed quotes, a BOM, CRLF line ends. Each file is evaluated strictly, with `--lenient`, and
//! both on two threads, through the binary (and leniently from standard input), and checked:
//!
//! - the closing line counts the file's rows and blank rows (as the file was generated: empty lines
//!   are not rows in CSV, blank lines are not rows in JSON Lines) and its units (one per distinct
//!   unit id), and the outcomes add up to the units;
//! - exit 0: nothing was reported (no `error:`, `rejected`, `ignored` line) and every unit id of
//!   the file is in the output; exit 3 (`--lenient` left something out): the output was written,
//!   something was listed, and every unit id is in the output or named on stderr (unless problems
//!   of one kind were too many to list: with `--all-problems` they are all listed); exit 1:
//!   nothing on stdout; no other status;
//! - the number of threads changes neither the output nor the status nor the closing line; a
//!   strict run that succeeds is a lenient run that succeeds with the same output.
//!
//! `PROPTEST_CASES=2000 cargo test --release --test it messy_input` runs it longer.

use crate::common::{self, command, run, Run};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

const RULESET: &str = "tests/cases/constraints/ruleset";

/// A column of the generated header.
#[derive(Debug, Clone)]
enum Col {
    Unit,
    /// A question of the ruleset (index into [`QUESTIONS`]).
    Question(usize),
    /// A misspelled question or an unknown column.
    Unknown(&'static str),
    /// A column with an empty name.
    Unnamed,
}

const QUESTIONS: [&str; 5] = [
    "q_channels",
    "q_docs_total",
    "q_docs_e",
    "q_plan",
    "q_plan_pages",
];

const UNKNOWN: [&str; 4] = ["q_chanels", "q_docs_tota", "comment", "Q_PLAN"];

impl Col {
    fn name(&self) -> &'static str {
        match self {
            Col::Unit => "unit",
            Col::Question(i) => QUESTIONS[*i],
            Col::Unknown(n) => n,
            Col::Unnamed => "",
        }
    }
}

/// Cell values: good ones, contradicting ones, bad ones, out of range.
const VALUES: [&str; 28] = [
    "",
    "",
    "yes",
    "no",
    "fb",
    "fb|yt",
    "fb|none",
    "none",
    "x|yt",
    "0",
    "12",
    "80",
    "100",
    "120",
    "1000001",
    "-5",
    "abc",
    "1.5",
    "NA",
    "DK",
    " 7 ",
    "1e3",
    "ja",
    "fb|fb",
    "1e-400",
    "5.0",
    "27319.0000000000000001",
    "10000000000000000000001",
];

/// Unit ids: repeated, empty, blank, with spaces, numeric-looking, not ASCII.
const IDS: [&str; 13] = [
    "Alfa",
    "Beta",
    "Gamma",
    "\u{112}ta",
    "E\u{304}ta",
    "007",
    "42",
    "",
    "  ",
    "Alfa ",
    "Delta",
    "Omega, Jr.",
    "Ze\"ta",
];

/// A generated data row.
#[derive(Debug, Clone)]
enum Row {
    /// An empty line (`0`), a row of empty cells (`1`), a line of spaces (`2`).
    Blank(u8),
    Data {
        id: usize,
        /// One value index per column (those past the header's length are ignored).
        cells: Vec<usize>,
        /// Cells after the header's (`> 0`) or left out at the end (`< 0`).
        extra: i8,
    },
}

/// A generated submissions file.
#[derive(Debug, Clone)]
struct Messy {
    cols: Vec<Col>,
    rows: Vec<Row>,
    /// A quote that is never closed: before the cell of (row, column).
    quote: Option<(usize, usize)>,
    bom: bool,
    crlf: bool,
    jsonl: bool,
    /// Values written as JSON numbers where they look like numbers.
    numbers: bool,
    /// Run with `--all-problems` (else problems of one kind are listed up to 5).
    all_problems: bool,
}

fn col() -> impl Strategy<Value = Col> {
    prop_oneof![
        16 => (0..QUESTIONS.len()).prop_map(Col::Question),
        1 => (0..UNKNOWN.len()).prop_map(|i| Col::Unknown(UNKNOWN[i])),
        1 => Just(Col::Unnamed),
        1 => Just(Col::Unit),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        1 => (0u8..3).prop_map(Row::Blank),
        6 => (
            0..IDS.len(),
            prop::collection::vec(0..VALUES.len(), 8),
            prop_oneof![8 => Just(0i8), 1 => Just(1i8), 1 => Just(-1i8)],
        )
            .prop_map(|(id, cells, extra)| Row::Data { id, cells, extra }),
    ]
}

fn messy() -> impl Strategy<Value = Messy> {
    let cols = (
        prop::collection::vec(col(), 0..5),
        prop::bool::weighted(0.95),
    )
        .prop_flat_map(|(mut cols, unit)| {
            if unit {
                cols.push(Col::Unit);
            }
            Just(cols).prop_shuffle()
        });
    (
        cols,
        prop::collection::vec(row(), 0..10),
        prop::option::weighted(0.1, (0..10usize, 0..6usize)),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(cols, rows, quote, bom, crlf, jsonl, numbers, all_problems)| Messy {
                cols,
                rows,
                quote,
                bom,
                crlf,
                jsonl,
                numbers,
                all_problems,
            },
        )
}

impl Messy {
    fn eol(&self) -> &'static str {
        if self.crlf {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The cells of data row `r` (`id` in the unit column), extra cells included.
    fn cells(&self, id: usize, cells: &[usize], extra: i8) -> Vec<(&'static str, String)> {
        let mut out: Vec<(&'static str, String)> = self
            .cols
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let v = match col {
                    Col::Unit => IDS[id],
                    // an unnamed column's cells must be empty; mostly they are
                    Col::Unnamed if !cells[c % cells.len()].is_multiple_of(4) => "",
                    _ => VALUES[cells[c % cells.len()]],
                };
                (col.name(), v.to_string())
            })
            .collect();
        match extra {
            e if e > 0 => out.push(("extra", "1".into())),
            e if e < 0 => {
                out.pop();
            }
            _ => {}
        }
        out
    }

    fn text(&self) -> String {
        let mut s = String::new();
        if self.bom {
            s.push('\u{feff}');
        }
        let eol = self.eol();
        if !self.jsonl {
            let names: Vec<&str> = self.cols.iter().map(Col::name).collect();
            s.push_str(&names.join(","));
            s.push_str(eol);
        }
        for (r, row) in self.rows.iter().enumerate() {
            match row {
                Row::Blank(0) => {}
                Row::Blank(1) if !self.jsonl => s.push_str(&",".repeat(self.cols.len().max(1) - 1)),
                Row::Blank(_) => s.push_str("   "),
                Row::Data { id, cells, extra } => {
                    let cells = self.cells(*id, cells, *extra);
                    let quote = self.quote.and_then(|(qr, qc)| (qr == r).then_some(qc));
                    s.push_str(&if self.jsonl {
                        self.json_line(&cells, quote)
                    } else {
                        csv_line(&cells, quote)
                    });
                }
            }
            s.push_str(eol);
        }
        s
    }

    fn json_line(&self, cells: &[(&str, String)], quote: Option<usize>) -> String {
        let mut parts = Vec::new();
        for (c, (name, v)) in cells.iter().enumerate() {
            let key = serde_json::to_string(name).unwrap();
            let number = if *name == "unit" {
                v.parse::<u64>().is_ok() && !v.starts_with('0')
            } else {
                v.parse::<f64>().is_ok() && v.trim() == v
            };
            let value = if quote == Some(c) {
                format!("\"{v}")
            } else if self.numbers && number {
                v.clone()
            } else {
                serde_json::to_string(v).unwrap()
            };
            parts.push(format!("{key}:{value}"));
        }
        format!("{{{}}}", parts.join(","))
    }

    /// What the file holds, read as the documentation says it is read: its rows, blank rows and
    /// unit ids; `None` when it cannot be read as a whole (no unit column, a quote that is not
    /// closed).
    fn expected(&self, text: &str) -> Option<Expected> {
        // a quote that is not closed: the file is read to where it can be (not checked here)
        let quoted = self.quote.is_some_and(|(r, c)| match self.rows.get(r) {
            Some(Row::Data { id, cells, extra }) => c < self.cells(*id, cells, *extra).len(),
            _ => false,
        });
        if quoted {
            return None;
        }
        if self.jsonl {
            return self.expected_jsonl(text);
        }
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body.as_bytes())
            .records()
            .map(|r| r.unwrap())
            .collect();
        let header = records.first()?;
        let unit = header.iter().position(|h| h == "unit")?;
        let mut e = Expected::default();
        for r in &records[1..] {
            e.rows += 1;
            if r.iter().all(|c| c.trim().is_empty()) {
                e.blank += 1;
            } else if let Some(id) = r.get(unit).map(str::trim).filter(|i| !i.is_empty()) {
                e.ids.insert(id.nfc().collect());
            }
        }
        Some(e)
    }

    fn expected_jsonl(&self, text: &str) -> Option<Expected> {
        let mut e = Expected::default();
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        for line in body.lines() {
            if line.trim().is_empty() {
                continue;
            }
            e.rows += 1;
            let v: serde_json::Value = serde_json::from_str(line).ok()?;
            // a repeated `unit` key repeats the same id (see `cells`)
            let id = match &v["unit"] {
                serde_json::Value::Number(n) => Some(n.to_string()),
                u => u.as_str().map(str::to_string),
            };
            if let Some(id) = id.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
                e.ids.insert(id.nfc().collect());
            }
        }
        Some(e)
    }
}

/// A CSV line of `cells`; a value with a comma or a quote is quoted.
fn csv_line(cells: &[(&str, String)], quote: Option<usize>) -> String {
    let cell = |c: usize, v: &str| {
        if quote == Some(c) {
            format!("\"{v}")
        } else if v.contains([',', '"']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let parts: Vec<String> = cells
        .iter()
        .enumerate()
        .map(|(c, (_, v))| cell(c, v))
        .collect();
    parts.join(",")
}

/// What the closing line must say.
#[derive(Debug, Default)]
struct Expected {
    rows: u64,
    blank: u64,
    ids: BTreeSet<String>,
}

/// The numbers of the closing line: units, rows, blank rows, and the outcomes (evaluated, not
/// computable, rejected; or valid, rejected).
#[derive(Debug, PartialEq)]
struct Closing {
    units: u64,
    rows: u64,
    blank: u64,
    outcomes: Vec<u64>,
    line: String,
}

fn closing(stderr: &str) -> Option<Closing> {
    let line = stderr.lines().rev().find(|l| l.contains(" read ("))?;
    let num = |s: &str| s.trim().parse::<u64>().ok();
    let (units, rest) = line.split_once(" unit")?;
    let (_, rest) = rest.split_once(" read (")?;
    let (rows_part, outcome) = rest.split_once("): ")?;
    let mut parts = rows_part.split(", ");
    let rows = num(parts.next()?.split(' ').next()?)?;
    let mut blank = 0;
    for p in parts {
        if let Some(b) = p.strip_suffix(" blank") {
            blank = num(b)?;
        }
    }
    let outcome = outcome.split(" — ").next()?;
    let outcomes = outcome
        .split(", ")
        .map(|p| num(p.split(' ').next().unwrap_or("")))
        .collect::<Option<Vec<u64>>>()?;
    Some(Closing {
        units: num(units)?,
        rows,
        blank,
        outcomes,
        line: line.to_string(),
    })
}

/// The unit ids in the first column of a CSV output (after its header).
fn output_ids(stdout: &str) -> BTreeSet<String> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(stdout.as_bytes())
        .records()
        .filter_map(|r| r.ok()?.get(0).map(str::to_string))
        .collect()
}

fn eval(file: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["eval", RULESET, file.to_str().unwrap(), "--format", "csv"];
    args.extend_from_slice(extra);
    run(&mut command(&args))
}

/// Checks one run of `m` (read as `e`); `what` names the run in failures.
fn check_run(r: &Run, e: Option<&Expected>, what: &str) -> Result<(), TestCaseError> {
    let err = &r.stderr;
    prop_assert!(
        matches!(r.code, 0 | 1 | 3),
        "{what}: exit status {}\n{err}",
        r.code
    );
    let c = closing(err);
    if r.code != 1 {
        prop_assert!(c.is_some(), "{what}: no closing line\n{err}");
    } else {
        prop_assert_eq!(&r.stdout, "", "{}: exit 1 with output", what);
    }
    let listed = err
        .lines()
        .any(|l| l.starts_with("error:") || l.starts_with("rejected") || l.starts_with("ignored"));
    let out = output_ids(&r.stdout);
    match r.code {
        0 => prop_assert!(!listed, "{what}: exit 0 with problems listed\n{err}"),
        3 => {
            prop_assert!(!r.stdout.is_empty(), "{what}: exit 3 without output");
            prop_assert!(listed, "{what}: exit 3, nothing listed\n{err}");
        }
        _ => {}
    }
    let (Some(c), Some(e)) = (c, e) else {
        return Ok(());
    };
    prop_assert_eq!(c.rows, e.rows, "{}: rows\n{}", what, err);
    prop_assert_eq!(c.blank, e.blank, "{}: blank rows\n{}", what, err);
    prop_assert_eq!(
        c.units,
        e.ids.len() as u64,
        "{}: units {:?}\n{}",
        what,
        e.ids,
        err
    );
    prop_assert_eq!(
        c.outcomes.iter().sum::<u64>(),
        c.units,
        "{}: outcomes\n{}",
        what,
        c.line
    );
    // problems of one kind past the first 5 are counted, not listed (nor their units named)
    let capped = err.contains("--all-problems lists every one");
    if r.code != 1 && !capped {
        for id in &e.ids {
            let named = out.contains(id) || err.contains(&format!("`{id}`"));
            prop_assert!(
                named,
                "{}: unit `{}` neither in the output nor named\n{}",
                what,
                id,
                err
            );
            if r.code == 0 {
                prop_assert!(out.contains(id), "{}: exit 0 without `{}`", what, id);
            }
        }
    }
    Ok(())
}

fn check(m: &Messy) -> Result<(), TestCaseError> {
    let dir = common::temp_dir("messy");
    let file = dir
        .path()
        .join(if m.jsonl { "sub.jsonl" } else { "sub.csv" });
    let text = m.text();
    std::fs::write(&file, &text).unwrap();
    let e = m.expected(&text);
    let eval = |extra: &[&str]| {
        let mut args = extra.to_vec();
        if m.all_problems {
            args.push("--all-problems");
        }
        eval(&file, &args)
    };
    let strict = eval(&[]);
    let lenient = eval(&["--lenient"]);
    for (r, what) in [(&strict, "strict"), (&lenient, "--lenient")] {
        check_run(r, e.as_ref(), what)?;
    }
    for (r, extra) in [
        (&strict, vec!["-j", "2"]),
        (&lenient, vec!["--lenient", "-j", "2"]),
    ] {
        let two = eval(&extra);
        let what = format!("{extra:?}");
        check_run(&two, e.as_ref(), &what)?;
        prop_assert_eq!(two.code, r.code, "{}: status", what);
        prop_assert_eq!(&two.stdout, &r.stdout, "{}: output", what);
        prop_assert_eq!(
            closing(&two.stderr),
            closing(&r.stderr),
            "{}: closing line",
            what
        );
    }
    // the same file through a pipe
    let mut cmd = command(&["eval", RULESET, "-", "--format", "csv", "--lenient"]);
    let piped = run(cmd.stdin(std::fs::File::open(&file).unwrap()));
    prop_assert_eq!(piped.code, lenient.code, "piped: status\n{}", piped.stderr);
    prop_assert_eq!(&piped.stdout, &lenient.stdout, "piped: output");
    prop_assert_eq!(
        closing(&piped.stderr),
        closing(&lenient.stderr),
        "piped: closing line"
    );
    if strict.code == 0 {
        prop_assert_eq!(lenient.code, 0);
        prop_assert_eq!(&lenient.stdout, &strict.stdout);
    }
    if lenient.code == 1 {
        prop_assert_eq!(strict.code, 1, "strict must fail where --lenient does");
    }
    Ok(())
}

proptest! {
    // 64 cases unless PROPTEST_CASES says otherwise
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_unit_is_accounted_for_and_the_status_tells_the_truth(m in messy()) {
        check(&m)?;
    }
}

// ---- hostile files (issue 18): each one problem that says what is wrong, never a raw NUL

const RULES_2022: &str = "rules/2022";
const DATA_2022: &str = "data/2022/synthetic-submissions-2022.csv";

/// The 2022 synthetic submissions: the header and the rows, as text.
fn rows_2022() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(DATA_2022).unwrap();
    let mut lines = text.lines().map(str::to_string);
    let header = lines.next().unwrap();
    (header, lines.collect())
}

/// `eval rules/2022 FILE --format csv` (and `extra`) of `bytes` written to a file `name`.
fn eval_bytes(name: &str, bytes: &[u8], extra: &[&str]) -> Run {
    let dir = common::temp_dir("hostile");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec![
        "eval",
        RULES_2022,
        path.to_str().unwrap(),
        "--format",
        "csv",
    ];
    args.extend_from_slice(extra);
    let mut r = run(&mut command(&args));
    r.stderr = r.stderr.replace(path.to_str().unwrap(), name);
    r
}

/// The first two units with `employees` of the first set to `value`.
fn with_employees(value: &str) -> String {
    let (header, rows) = rows_2022();
    let col = header.split(',').position(|h| h == "employees").unwrap();
    let mut first: Vec<&str> = rows[0].split(',').collect();
    first[col] = value;
    format!("{header}\n{}\n{}\n", first.join(","), rows[1])
}

#[test]
fn a_number_with_too_many_digits_says_so_and_leading_zeros_do_not_count() {
    let forty = "1".repeat(40);
    let r = eval_bytes("big.csv", with_employees(&forty).as_bytes(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "big.csv:2:4 (column `employees`, unit `Aizkraukles novada pašvaldība`): {forty} has 40 significant digits, too many for exact arithmetic (at most 36)"
        )),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("without units"), "{}", r.stderr);
    // 40 zeros and 12 is 12
    let zeros = format!("{}12", "0".repeat(40));
    let padded = eval_bytes("zeros.csv", with_employees(&zeros).as_bytes(), &[]);
    let plain = eval_bytes("plain.csv", with_employees("12").as_bytes(), &[]);
    assert_eq!(padded.code, 0, "{}", padded.stderr);
    assert_eq!(padded.stdout, plain.stdout);
}

/// `text` in UTF-16 or UTF-32 (`le`: little-endian), with a byte-order mark or without.
fn wide(text: &str, bits: u8, le: bool, bom: bool) -> Vec<u8> {
    let text = if bom {
        format!("\u{feff}{text}")
    } else {
        text.to_string()
    };
    let mut out = Vec::new();
    if bits == 16 {
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
    } else {
        for c in text.chars() {
            let c = c as u32;
            out.extend(if le { c.to_le_bytes() } else { c.to_be_bytes() });
        }
    }
    out
}

#[test]
fn a_utf16_or_utf32_file_is_one_problem_with_or_without_a_mark() {
    let csv = std::fs::read_to_string(DATA_2022).unwrap();
    let (header, rows) = rows_2022();
    let names: Vec<&str> = header.split(',').collect();
    let jsonl: String = rows[..3]
        .iter()
        .map(|r| {
            let obj: serde_json::Map<String, serde_json::Value> = names
                .iter()
                .zip(r.split(','))
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), serde_json::Value::from(v)))
                .collect();
            format!("{}\n", serde_json::Value::Object(obj))
        })
        .collect();
    for (name, text, how) in [
        ("s.csv", csv.as_str(), "\"CSV UTF-8\""),
        ("s.jsonl", jsonl.as_str(), "save it as UTF-8"),
    ] {
        for bits in [16, 32] {
            for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
                let what = format!("{name} UTF-{bits} le {le} bom {bom}");
                let r = eval_bytes(name, &wide(text, bits, le, bom), &[]);
                assert_eq!(r.code, 1, "{what}: {}", r.stderr);
                assert_eq!(r.stdout, "");
                let said = if bom {
                    format!("error: {name}: the file is UTF-{bits} encoded, not UTF-8")
                } else {
                    format!("error: {name}: the file looks UTF-{bits} encoded without a byte-order mark")
                };
                assert!(r.stderr.contains(&said), "{what}: {}", r.stderr);
                assert!(r.stderr.contains(how), "{what}: {}", r.stderr);
                // one problem, and no NUL echoed
                assert_eq!(
                    r.stderr.matches("error: ").count(),
                    2,
                    "{what}: {}",
                    r.stderr
                );
                assert!(!r.stderr.contains("unknown column `"), "{what}");
                assert!(!r.stderr.contains('\0') && !r.stderr.contains("\\u{0}"));
            }
        }
    }
}

#[test]
fn a_unit_id_with_a_control_character_is_rejected_and_never_written() {
    let (header, rows) = rows_2022();
    for id in ["\0", " \u{1} ", "A\tB", "x\u{7f}"] {
        let first = rows[0].split_once(',').unwrap().1;
        let text = format!("{header}\n\"{id}\",{first}\n{}\n", rows[1]);
        let r = eval_bytes("ids.csv", text.as_bytes(), &[]);
        assert_eq!(r.code, 1, "{id:?}: {}", r.stderr);
        assert!(
            r.stderr
                .contains("error: ids.csv:2:1 (column `unit`): the unit id `"),
            "{id:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("holds a control character (U+00"));
        let r = eval_bytes("ids.csv", text.as_bytes(), &["--lenient"]);
        assert_eq!(r.code, 3, "{id:?}: {}", r.stderr);
        assert_eq!(r.stdout.lines().count(), 2, "the header and one unit");
        for out in [&r.stdout, &r.stderr] {
            assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        }
    }
    // JSON Lines: the same
    let r = eval_bytes("ids.jsonl", b"{\"unit\": \"\\u0000\"}\n", &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "ids.jsonl:1 (key `unit`): the unit id `\\u{0}` holds a control character (U+0000)"
        ),
        "{}",
        r.stderr
    );
}

/// A line of a megabyte: a value of 1 MiB less a little is one located problem that echoes a
/// short excerpt; a cell over 1 MiB is refused as too long; a unit id over it too.
#[test]
fn a_line_of_a_megabyte_is_one_short_located_problem() {
    let big = "7".repeat((1 << 20) - 10);
    let r = eval_bytes("mb.csv", with_employees(&format!("x{big}")).as_bytes(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("mb.csv:2:4 (column `employees`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("characters)"), "an excerpt: {}", r.stderr);
    assert!(
        r.stderr.len() < 4_000,
        "{} bytes of messages",
        r.stderr.len()
    );
    let r = eval_bytes(
        "mb.csv",
        with_employees(&"7".repeat(1 << 21)).as_bytes(),
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("cells are limited to 1 MiB"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.len() < 4_000,
        "{} bytes of messages",
        r.stderr.len()
    );
    let (header, rows) = rows_2022();
    let rest = rows[0].split_once(',').unwrap().1;
    let text = format!("{header}\n{},{rest}\n", "u".repeat(1 << 21));
    let r = eval_bytes("id.csv", text.as_bytes(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("id.csv:2:1 (column `unit`): the unit id is 2.0 MiB long"),
        "{}",
        r.stderr
    );
}

// ---- everyday mistakes (issue 19): each problem's help says what to write

/// The first two units with the cell of column `id` of the first set to `value` (a CSV cell).
fn with_cell(id: &str, value: &str) -> String {
    let (header, rows) = rows_2022();
    let col = header.split(',').position(|h| h == id).unwrap();
    let mut first: Vec<&str> = rows[0].split(',').collect();
    first[col] = value;
    format!("{header}\n{}\n{}\n", first.join(","), rows[1])
}

/// The `error:` lines of a run that names a position (not the closing count), with their help.
fn problems(r: &Run) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in r.stderr.lines() {
        if line.starts_with("error: ") && line.contains(".csv") {
            out.push(line.to_string());
        } else if line.starts_with("  help: ") {
            if let Some(last) = out.last_mut() {
                last.push('\n');
                last.push_str(line);
            }
        }
    }
    out
}

#[test]
fn a_multiple_choice_as_a_spreadsheet_shows_it_is_told_about_the_bar() {
    let r = eval_bytes(
        "multi.csv",
        with_cell("q_social_media", "Facebook; Instagram").as_bytes(),
        &[],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("`Facebook; Instagram` is not an option of `q_social_media`"),
        "{}",
        p[0]
    );
    assert!(
        p[0].ends_with("help: the options of a multiple choice are separated by `|`, not `;`: write `facebook|instagram`"),
        "{}",
        p[0]
    );
    // a part that is no option is named, with its suggestion
    let r = eval_bytes(
        "typo.csv",
        with_cell("q_social_media", "\"Facebok, Instagram\"").as_bytes(),
        &[],
    );
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].ends_with("help: the options of a multiple choice are separated by `|`, not `,`; and `Facebok` is no option: did you mean `facebook`?"),
        "{}",
        p[0]
    );
    // written with bars, the labels are read
    let r = eval_bytes(
        "bars.csv",
        with_cell("q_social_media", "Facebook | Instagram").as_bytes(),
        &[],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_renamed_unit_column_is_one_problem_that_names_the_option() {
    let (header, rows) = rows_2022();
    let renamed = header.replacen("unit,", "Pašvaldība,", 1);
    let text = format!("{renamed}\n{}\n", rows[0]);
    let r = eval_bytes("renamed.csv", text.as_bytes(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        problems(&r),
        ["error: renamed.csv:1:1 (column `Pašvaldība`): no unit column `unit` in the header\n  help: is it column `Pašvaldība`? Pass `--unit-column Pašvaldība`, or rename the column to `unit`"]
    );
    // as the help says
    let r = eval_bytes(
        "renamed.csv",
        text.as_bytes(),
        &["--unit-column", "Pašvaldība"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // a name with a space is quoted for the shell
    let spaced = header.replacen("unit,", "Pašvaldības nosaukums,", 1);
    let r = eval_bytes(
        "spaced.csv",
        format!("{spaced}\n{}\n", rows[0]).as_bytes(),
        &[],
    );
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("Pass `--unit-column 'Pašvaldības nosaukums'`"),
        "{}",
        p[0]
    );
}

#[test]
fn a_label_typed_without_diacritics_is_suggested() {
    let text = with_cell("q_websites_count", "Viena oficiala timeklvietne");
    let r = eval_bytes("label.csv", text.as_bytes(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].ends_with("help: did you mean `one` (Viena oficiālā tīmekļvietne)?"),
        "{}",
        p[0]
    );
    // with its diacritics the label is an answer
    let text = with_cell("q_websites_count", "viena oficiālā tīmekļvietne");
    assert_eq!(eval_bytes("label.csv", text.as_bytes(), &[]).code, 0);
}

#[test]
fn a_short_row_is_not_blamed_on_a_comma() {
    let (header, rows) = rows_2022();
    let cut = rows[0].rsplitn(4, ',').last().unwrap();
    let text = format!("{header}\n{cut}\n{}\n", rows[1]);
    let r = eval_bytes("short.csv", text.as_bytes(), &[]);
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("the row has 77 cells but the header has 80 columns"),
        "{}",
        p[0]
    );
    assert!(
        p[0].contains("help: 3 cells are missing at the end of the row"),
        "{}",
        p[0]
    );
    assert!(p[0].contains("a line break inside a cell"), "{}", p[0]);
    assert!(!p[0].contains("unquoted `,`"), "{}", p[0]);
    // a long row keeps the comma hint
    let text = format!("{header}\n{},x\n{}\n", rows[0], rows[1]);
    let r = eval_bytes("long.csv", text.as_bytes(), &[]);
    let p = problems(&r);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].contains("a cell probably contains an unquoted `,`"),
        "{}",
        p[0]
    );
}
