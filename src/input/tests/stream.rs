//! Streaming: the streamed units are the loaded ones, on one thread and on several
//! (`input::stream`, `input::stream_parallel`), and the speed test of the stream reader.

use super::*;

/// A streamed unit is the unit the in-memory reader makes of the same row: the same answers,
/// texts, sources, origins, and the cell of every value (`Unit::cell`), also of the values the
/// plain-cell decoders read without recording a cell.
#[test]
fn streamed_units_match_loaded_units() {
    let s = schema();
    let opts = LoadOptions {
        lenient: true,
        ..LoadOptions::default()
    };
    let (mut compared, mut cells, mut sources) = (0, 0, 0);
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "jsonl")
        ) {
            continue;
        }
        let spec = InputSpec::new(path.clone(), None);
        let loaded = load(&s, std::slice::from_ref(&spec), &opts);
        let mut streamed = Vec::new();
        let _ = stream(&s, &spec, &opts, |u: &mut Unit| {
            streamed.push(u.clone());
            Ok::<(), ()>(())
        });
        for u in &streamed {
            let Some(l) = loaded.units.iter().find(|l| l.id == u.id) else {
                continue;
            };
            assert_eq!(unit_line(u), unit_line(l), "{path:?} unit {}", u.id);
            compared += 1;
            cells += l.cells.iter().flatten().count();
            sources += l.sources.iter().flatten().count();
        }
    }
    assert!(
        compared > 10 && cells > 20 && sources > 20,
        "only {compared} units, {cells} cells, {sources} sources compared"
    );
}

#[test]
fn stream_matches_load() {
    let s = schema();
    let mut seen = Vec::new();
    let sum = stream_csv(&s, &spec("accounting.csv"), &LoadOptions::default(), |u| {
        seen.push(u);
        Ok::<(), ()>(())
    })
    .unwrap();
    let ids: Vec<&str> = seen.iter().map(|u| u.id.as_str()).collect();
    // C's first row is bad; its second row is a duplicate id
    assert_eq!(ids, ["A", "D", "E"]);
    assert_eq!(sum.rows_read, 8);
    assert_eq!(sum.units, 3);
    assert_eq!(sum.blank_rows, 1);
    assert_eq!(sum.rejected.len(), 3);
    assert_eq!(sum.errors.len(), 4);
    // an error from the callback stops the reading
    let r = stream_csv(&s, &spec("accounting.csv"), &LoadOptions::default(), |_| {
        Err("stop")
    });
    assert_eq!(r.unwrap_err(), "stop");
}

/// `cargo test --release input::tests::stream_speed -- --ignored --nocapture`
#[test]
#[ignore]
fn stream_speed() {
    use std::fmt::Write as _;
    let tmp = scratch("speed");
    let d = tmp.path();
    let p = d.join("big.csv");
    let cols = 150;
    let kinds = ["q_docs", "q_share", "q_site", "q_channel", "q_social"];
    // 150 columns: the unit column, then the 5 questions repeated under aliases is not
    // possible, so build a schema with 150 questions instead.
    let mut toml = String::from("[sections.s]\nlv = \"s\"\n");
    for c in 0..cols {
        let k = kinds[c % kinds.len()];
        let body = match k {
            "q_docs" => "type = \"integer\"\nmin = 0\nmax = 1000000000",
            "q_share" => "type = \"decimal\"\nmin = 0\nmax = 100",
            "q_site" => "type = \"yes_no\"",
            "q_channel" => "type = \"single\"\noptions = [{ id = \"epasts\" }, { id = \"talrunis\" }, { id = \"klatiene\" }]",
            _ => "type = \"multi\"\noptions = [{ id = \"facebook\" }, { id = \"instagram\" }, { id = \"x_twitter\" }]",
        };
        writeln!(toml, "[[question]]\nid = \"c{c}\"\nsection = \"s\"\n{body}").unwrap();
    }
    let big = crate::schema::load(0, &toml).unwrap();
    let rows = 1_000_000;
    {
        use std::io::Write;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let mut line = String::from("unit");
        for c in 0..cols {
            write!(line, ",c{c}").unwrap();
        }
        writeln!(w, "{line}").unwrap();
        for r in 0..rows {
            line.clear();
            write!(line, "unit{r}").unwrap();
            for c in 0..cols {
                let v = match kinds[c % kinds.len()] {
                    "q_docs" => format!("{}", (r * 7 + c) % 100000),
                    "q_share" => format!("{}.5", (r + c) % 100),
                    "q_site" => (if (r + c) % 2 == 0 { "yes" } else { "no" }).to_string(),
                    "q_channel" => "talrunis".to_string(),
                    _ => "facebook|x_twitter".to_string(),
                };
                write!(line, ",{v}").unwrap();
            }
            writeln!(w, "{line}").unwrap();
        }
    }
    let size = std::fs::metadata(&p).unwrap().len();
    let t = std::time::Instant::now();
    let mut n = 0u64;
    let sum = stream_csv(
        &big,
        &InputSpec::new(&p, None),
        &LoadOptions::default(),
        |u| {
            n += u.answers.len() as u64;
            Ok::<(), ()>(())
        },
    )
    .unwrap();
    let el = t.elapsed();
    eprintln!(
        "{} rows x {cols} columns ({:.0} MB) in {el:?}; errors {}",
        sum.rows_read,
        size as f64 / 1e6,
        sum.errors.len()
    );
    assert_eq!(sum.units, rows as u64);
    assert_eq!(n, (rows * cols) as u64);
}

/// A unit as a line, with everything a reader fills in (the cell of every slot included).
fn unit_line(u: &Unit) -> String {
    let cells: Vec<Option<CellRef>> = (0..u.answers.len()).map(|s| u.cell(s)).collect();
    format!(
        "{} {:?} {:?} {:?} {:?} {:?} {:?}",
        u.id, u.answers, u.texts, u.sources, u.origins, u.overridden, cells
    )
}

/// Records the units of `stream_parallel` (each chunk's lines, then "end of chunk").
struct Recorder;

impl Work for Recorder {
    type Out = Vec<String>;
    fn unit(&mut self, u: &mut Unit, out: &mut Vec<String>) {
        out.push(unit_line(u));
        // what the work leaves in the unit must not leak into the next row
        u.answers.fill(Value::Num(Num::int(7)));
        u.texts.fill(Some("left over".into()));
        u.cells.fill(None);
    }
    fn end_chunk(&mut self, out: &mut Vec<String>) {
        out.push("end of chunk".into());
    }
    fn clear(out: &mut Vec<String>) {
        out.clear();
    }
}

/// The input files of the streaming tests: every fixture, plus files whose problems fall on
/// chunk boundaries (those in a scratch folder that lives as long as the returned `TempDir`).
fn stream_cases() -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = scratch("parallel");
    let d = tmp.path();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let good = |i: usize| format!("{{\"unit\": \"U{i}\", \"q_docs\": {i}, \"q_share\": 0.5}}\n");
    let mut generated: Vec<(&str, Vec<u8>)> = Vec::new();
    // JSON Lines: a line that is not JSON after the first object; blank lines; CRLF; a BOM
    let mut text = String::from("\u{feff}");
    for i in 0..9 {
        text.push_str(&good(i));
        if i % 3 == 1 {
            text.push_str("{\"unit\": \"broken\",\n\r\n   \n");
        }
    }
    generated.push((
        "broken_lines.jsonl",
        text.replace('\n', "\r\n").into_bytes(),
    ));
    // the first object is not on one line: only `load` reads the file
    generated.push((
        "pretty.jsonl",
        format!("\n\n{{\n\"unit\": \"A\"\n}}\n{}", good(1)).into_bytes(),
    ));
    // only blank lines; a line that is not UTF-8 after good ones; a repeated unit late
    generated.push(("blank.jsonl", b"\n  \n\n".to_vec()));
    let mut bad = (0..7).map(good).collect::<String>().into_bytes();
    bad.extend_from_slice(b"{\"unit\": \"X\xff\"}\n");
    generated.push(("not_utf8.jsonl", bad));
    let mut dup = (0..8).map(good).collect::<String>();
    dup.push_str(&good(2));
    generated.push(("repeated.jsonl", dup.into_bytes()));
    // CSV: good rows, bad values, rows without an id, blank rows, wrong lengths, in a row
    let mut csv = String::from("unit,q_docs,q_share,q_site\n");
    for i in 0..20 {
        csv.push_str(&match i % 5 {
            0 => format!("U{i},{i},1,yes\n"),
            1 => format!("U{i},x{i},1,\n"),
            2 => ",,,\n".into(),
            3 => format!(",{i},1,no\n"),
            _ => format!("U{i},{i}\n"),
        });
    }
    generated.push(("mixed.csv", csv.into_bytes()));
    for (name, bytes) in generated {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    }
    files.sort();
    (tmp, files)
}

/// Compares `stream_parallel` with `stream` on one file (both modes, 1–3 threads, chunks of
/// 1, 2, 3 and 256 rows): the same units in the same order, the same summary (rows, problems,
/// rejected units), or the same reason to read the file with `load` instead. Returns the number
/// of units and whether the file stopped streaming (`NeedsLoad`).
fn assert_parallel_matches(s: &Schema, path: &Path) -> (usize, bool) {
    let mut seen = (0, false);
    for lenient in [false, true] {
        let opts = LoadOptions {
            lenient,
            ..LoadOptions::default()
        };
        let spec = InputSpec::new(path, None);
        let mut units = Vec::new();
        let seq = stream(s, &spec, &opts, |u: &mut Unit| {
            units.push(unit_line(u));
            Ok::<(), ()>(())
        });
        let expected = match &seq {
            Ok(sum) => {
                seen.0 += units.len();
                format!("{units:#?}\n{sum:#?}")
            }
            Err(e) => {
                seen.1 = true;
                format!("{e:?}")
            }
        };
        for jobs in [1, 2, 3] {
            for chunk in [1, 2, 3, super::parallel::CHUNK] {
                let mut got = Vec::new();
                let par = super::parallel::stream_parallel_with(
                    s,
                    &spec,
                    &opts,
                    jobs,
                    chunk,
                    &|| Recorder,
                    &mut |out: &mut Vec<String>| {
                        got.extend(out.drain(..).filter(|l| l != "end of chunk"));
                        Ok::<(), ()>(())
                    },
                );
                let actual = match &par {
                    Ok(sum) => format!("{got:#?}\n{sum:#?}"),
                    Err(e) => format!("{e:?}"),
                };
                assert_eq!(
                    actual, expected,
                    "{path:?} lenient {lenient} jobs {jobs} chunk {chunk}"
                );
            }
        }
    }
    seen
}

/// `stream_parallel` gives what `stream` gives for every fixture and the chunk-boundary files.
#[test]
fn parallel_stream_matches_stream() {
    let s = schema();
    let (mut units, mut stops) = (0, 0);
    let (_tmp, cases) = stream_cases();
    for path in cases {
        let (u, stopped) = assert_parallel_matches(&s, &path);
        units += u;
        stops += usize::from(stopped);
    }
    // the cases cover units, problems and stops
    assert!(units > 40 && stops >= 6, "{units} units, {stops} stops");
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]
    /// Files made of random good and bad rows (values, ids, blank and broken rows, repeated
    /// units, bytes that are not UTF-8): `stream_parallel` gives what `stream` gives.
    #[test]
    fn parallel_stream_matches_stream_on_random_files(
        jsonl in proptest::bool::ANY,
        rows in proptest::collection::vec((0..PIECES_CSV.len(), 0..12usize), 0..40),
    ) {
        let tmp = scratch("parallel-prop");
        let d = tmp.path();
        let (path, mut text) = if jsonl {
            (d.join("random.jsonl"), Vec::new())
        } else {
            (d.join("random.csv"), b"unit,q_docs,q_share,q_site\n".to_vec())
        };
        for (piece, id) in rows {
            let p = if jsonl { PIECES_JSONL[piece] } else { PIECES_CSV[piece] };
            text.extend_from_slice(&p.replace("ID", &format!("U{id}")).into_bytes());
            if piece == 0 {
                text.extend_from_slice(b"\xff\n");
            }
        }
        std::fs::write(&path, &text).unwrap();
        assert_parallel_matches(&schema(), &path);
    }
}

/// Rows of the random CSV files (`ID`: a unit id from a small set, so that some repeat). The
/// first is followed by a byte that is not UTF-8.
const PIECES_CSV: [&str; 10] = [
    "ID,1,",
    "ID,1,0.5,yes\n",
    "ID,2,0.25,no\n",
    "ID,x,1,\n",
    ",,,\n",
    ",3,1,no\n",
    "ID,4\n",
    "\"ID\",\"5\",\"1\",\"ye\ns\"\n",
    "\n",
    "ID,1 000,1,maybe\n",
];

/// Lines of the random JSON Lines files (as [`PIECES_CSV`]).
const PIECES_JSONL: [&str; 10] = [
    "{\"unit\": \"ID\", \"q_site\": \"",
    "{\"unit\": \"ID\", \"q_docs\": 1, \"q_share\": 0.5}\n",
    "{\"q_site\": \"no\", \"unit\": \"ID\"}\r\n",
    "{\"unit\": \"ID\", \"q_docs\": \"x\"}\n",
    "{\"q_docs\": 3}\n",
    "{\"unit\": \"ID\",\n",
    "   \n",
    "{\"unit\": \"ID\", \"q_docs\": [1, 2]}\n",
    "{\"unit\": \"ID\", \"extra\": {\"q_docs\": 1}}\n",
    "[1, 2]\n",
];

/// An error from the writer stops reading and is returned.
#[test]
fn parallel_stream_returns_the_writers_error() {
    let s = schema();
    let (_tmp, cases) = stream_cases();
    let path = cases
        .into_iter()
        .find(|p| p.ends_with("broken_lines.jsonl"))
        .unwrap();
    let spec = InputSpec::new(path, None);
    let mut calls = 0;
    let r = super::parallel::stream_parallel_with(
        &s,
        &spec,
        &LoadOptions::default(),
        2,
        1,
        &|| Recorder,
        &mut |_: &mut Vec<String>| {
            calls += 1;
            if calls == 2 {
                Err("disk full")
            } else {
                Ok(())
            }
        },
    );
    assert!(matches!(r, Err(StreamStop::Callback("disk full"))), "{r:?}");
    assert_eq!(calls, 2);
}

/// A worker that panics makes `stream_parallel` panic too (after every thread has ended); it
/// does not leave the other threads waiting for its chunk.
#[test]
fn parallel_stream_does_not_hang_when_a_worker_panics() {
    // one worker panics, at its second unit; the others go on
    static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    struct Panics(usize);
    impl Work for Panics {
        type Out = ();
        fn unit(&mut self, _: &mut Unit, _: &mut ()) {
            self.0 += 1;
            if self.0 == 2 && !PANICKED.swap(true, std::sync::atomic::Ordering::SeqCst) {
                panic!("deliberate panic in a test");
            }
        }
        fn end_chunk(&mut self, _: &mut ()) {}
        fn clear(_: &mut ()) {}
    }
    let (_tmp, cases) = stream_cases();
    let path = cases
        .into_iter()
        .find(|p| p.ends_with("broken_lines.jsonl"))
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let s = schema();
        let spec = InputSpec::new(path, None);
        let r = std::panic::catch_unwind(|| {
            super::parallel::stream_parallel_with(
                &s,
                &spec,
                &LoadOptions::default(),
                2,
                1,
                &|| Panics(0),
                &mut |_: &mut ()| Ok::<(), ()>(()),
            )
        });
        let _ = tx.send(r.is_err());
    });
    let panicked = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("stream_parallel hangs when a worker panics");
    assert!(panicked);
}
