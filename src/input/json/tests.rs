//! The fast path of `read_lines` against the general path: every line must give the same rows
//! and problems, whichever path reads it.

use super::*;
use crate::schema::{Schema, Source};
use proptest::prelude::*;
use std::convert::Infallible;

/// One-byte options (`one`, `many`), whole-number bounds (`count`, `share`), no bounds (`open`):
/// the slots with a fast decoder. The others only the general path reads.
const SCHEMA: &str = r#"
[survey]
name = "Lines"
year = 2022

[tokens]
not_applicable = ["NA"]
dont_know = ["DK"]

[sections.s]
lv = "S"

[[meta]]
id = "kind"
lv = "Veids"
type = "single"
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }]

[[question]]
id = "one"
section = "s"
lv = "Viena"
type = "single"
allow = ["not_applicable", "dont_know"]
source = ["self", "expert"]
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }, { id = "C", lv = "c" }, { id = "D", lv = "d" }, { id = "E", lv = "Ē" }]

[[question]]
id = "many"
section = "s"
lv = "Vairākas"
type = "multi"
source = ["self", "expert"]
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }, { id = "C", lv = "c" }, { id = "D", lv = "d" }, { id = "E", lv = "e" }]

[[question]]
id = "count"
section = "s"
lv = "Skaits"
type = "integer"
source = ["self", "expert"]
min = -50
max = 1000

[[question]]
id = "share"
section = "s"
lv = "Daļa"
type = "decimal"
source = ["self", "expert"]
min = 0
max = 100

[[question]]
id = "open"
section = "s"
lv = "Bez robežām"
type = "integer"
source = ["self", "expert"]

[[question]]
id = "yn"
section = "s"
lv = "Jā vai nē"
type = "yes_no"
source = ["self", "expert"]

[[question]]
id = "long"
section = "s"
lv = "Garas izvēles"
type = "single"
source = ["self", "expert"]
options = [{ id = "alpha", lv = "alfa" }, { id = "beta", lv = "beta" }]

[[question]]
id = "note"
section = "s"
lv = "Piezīme"
type = "text"
source = ["self", "expert"]

[[question]]
id = "exp"
section = "s"
lv = "Eksperta"
type = "single"
source = "expert"
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }]
"#;

fn schema() -> Schema {
    crate::schema::load(0, SCHEMA).unwrap_or_else(|e| panic!("test schema: {e:?}"))
}

fn ctx<'a, 's>(slots: &'a Slots<'s>, source: Option<Source>) -> FileCtx<'a, 's> {
    FileCtx {
        slots,
        file: 3,
        name: "t.jsonl",
        source,
        unit_column: "unit",
    }
}

/// What a sink was given, in order.
#[derive(Debug, PartialEq)]
enum Got {
    FileError(InputError),
    Row {
        file: u16,
        row: u64,
        place: Place,
        id: Option<String>,
        answers: Vec<Value>,
        texts: Vec<Option<String>>,
        cells: Vec<Option<CellRef>>,
        errors: Vec<InputError>,
    },
    Blank(u16, u64),
}

/// A sink that records everything and, like the streaming sink, hands out used vectors (here
/// full of junk, of the row's length or not) for the reader to overwrite.
struct Record {
    got: Vec<Got>,
    n: usize,
    handed: usize,
}

impl Sink for Record {
    type Err = Infallible;
    fn file_error(&mut self, e: InputError) {
        self.got.push(Got::FileError(e));
    }
    fn row(&mut self, r: RowData) -> Result<(), Infallible> {
        self.got.push(Got::Row {
            file: r.file,
            row: r.row,
            place: r.place,
            id: r.id,
            answers: r.answers,
            texts: r.texts,
            cells: r.cells,
            errors: r.errors,
        });
        Ok(())
    }
    fn blank(&mut self, file: u16, row: u64) {
        self.got.push(Got::Blank(file, row));
    }
    fn buffers(&mut self) -> Buffers {
        self.handed += 1;
        let n = self.n + self.handed % 3;
        Buffers {
            answers: vec![Value::Bool(true); n],
            texts: vec![Some("junk".to_string()); n],
            cells: vec![
                Some(CellRef {
                    file: 9,
                    row: 9,
                    column: Some(9),
                });
                n
            ],
        }
    }
}

/// `read_lines` over `text`, with or without the fast path.
fn by_lines(ctx: &FileCtx, text: &str, fast: bool) -> (Result<(), &'static str>, Vec<Got>) {
    by_lines_from(ctx, text.as_bytes(), fast)
}

fn by_lines_from(
    ctx: &FileCtx,
    input: impl std::io::BufRead,
    fast: bool,
) -> (Result<(), &'static str>, Vec<Got>) {
    let mut sink = Record {
        got: Vec::new(),
        n: ctx.slots.len(),
        handed: 0,
    };
    let Ok(r) = read_lines_with(ctx, input, &mut sink, fast);
    (r, sink.got)
}

/// Whether the fast path reads `line` (rather than giving it to the general path).
fn fast_reads(ctx: &FileCtx, line: &str) -> bool {
    let mut rd = RowData::new(ctx.file, 1, Place::Line, Vec::new());
    Buffers::default().into_row(&mut rd, ctx.slots.len());
    FastLines::new(ctx).row(ctx, 1, line, &mut rd).is_some()
}

/// Both paths give the same for `text` (one line or a file): rows, problems, result. Lines are
/// also read through a small buffer, which most of them do not fit in, and by [`read`].
fn same(ctx: &FileCtx, text: &str) -> Result<(), TestCaseError> {
    let (fast, general) = (by_lines(ctx, text, true), by_lines(ctx, text, false));
    prop_assert_eq!(&fast, &general, "{}", text);
    let small = std::io::BufReader::with_capacity(7, text.as_bytes());
    prop_assert_eq!(by_lines_from(ctx, small, true), fast, "{}", text);
    // `read` (the whole file at once) gives the same when `read_lines` can read the file
    if general.0.is_ok() {
        let mut sink = Record {
            got: Vec::new(),
            n: ctx.slots.len(),
            handed: 0,
        };
        let Ok(()) = read(ctx, text.as_bytes(), Format::JsonLines, &mut sink);
        prop_assert_eq!(sink.got, general.1, "{}", text);
    }
    Ok(())
}

/// `(line, whether the fast path reads it)`.
const CASES: &[(&str, bool)] = &[
    // plain lines
    (
        r#"{"unit":"u1","one":"A","many":["A","C"],"count":12,"share":50,"open":-7}"#,
        true,
    ),
    (r#"{"one":"B","many":["E"],"unit":"u2"}"#, true),
    (r#"{"count":1000,"unit":17}"#, true),
    (r#"{"unit":-3,"count":-50}"#, true),
    (r#"{"unit":18446744073709551615}"#, true),
    (r#"{"unit":"x"}"#, true),
    (r#" { "unit" : "x" , "one" : "C" }   "#, true),
    (r#"{"unit":"u","one":null,"count":null,"many":null}"#, true),
    (
        r#"{"unit":"u","count":"123","share":"100","open":"-10","many":"A|B"}"#,
        true,
    ),
    // a string as long as a token (`NA`, `DK`): only the general path knows
    (r#"{"unit":"u","count":"12"}"#, false),
    (r#"{"unit":"u","open":"-0"}"#, false),
    (r#"{"unit":"u","many":"A"}"#, true),
    (
        r#"{"unit":"u","open":9223372036854775807,"count":-0}"#,
        false,
    ),
    (r#"{"unit":"u","open":-9223372036854775808}"#, true),
    (r#"{"unit":"u","open":"123456789012345678"}"#, true),
    (r#"{"unit":"u","exp":"B"}"#, true),
    // the unit id
    (r#"{"unit":1.5}"#, false),
    (r#"{"unit":-0}"#, false),
    (r#"{"unit":1e3}"#, false),
    (r#"{"unit":""}"#, false),
    (r#"{"unit":"\t"}"#, false),
    (r#"{"unit":" u1"}"#, false),
    (r#"{"unit":"u1 "}"#, false),
    (r#"{"unit":null}"#, false),
    (r#"{"unit":true}"#, false),
    (r#"{"unit":[1]}"#, false),
    (r#"{"unit":{}}"#, false),
    (r#"{"unit":"Cēsis"}"#, false),
    (r#"{"unit":"Ce\u0304sis"}"#, false),
    ("{\"unit\":\"Ce\u{304}sis\"}", false),
    (r#"{"one":"A"}"#, false),
    (r#"{}"#, false),
    (r#"{"unit":"u","unit":"v"}"#, false),
    (r#"{"unit":"u","one":"A","unit":"u"}"#, false),
    (r#"{"\u0075nit":"u"}"#, false),
    // keys
    (r#"{"unit":"u","one":"A","one":"B"}"#, false),
    (r#"{"unit":"u","one":null,"one":"A"}"#, false),
    (r#"{"unit":"u","nope":1}"#, false),
    (r#"{"unit":"u","vienā":1}"#, false),
    (r#"{"unit":"u","\u006fne":"A"}"#, false),
    (r#"{"unit":"u","answers":{"one":"A"}}"#, false),
    (r#"{"unit":"u","meta":{"kind":"A"}}"#, false),
    (
        r#"{"unit":"u","answers":{"kind":"A"},"meta":{"one":"A"}}"#,
        false,
    ),
    (r#"{"unit":"u","kind":"A"}"#, false),
    (r#"{"unit":"u","note":"hi"}"#, false),
    (r#"{"unit":"u","note":null}"#, false),
    (r#"{"unit":"u","long":"alpha"}"#, false),
    (r#"{"unit":"u","yn":true}"#, false),
    // values
    (r#"{"unit":"u","many":[]}"#, false),
    (r#"{"unit":"u","many":[""]}"#, false),
    (r#"{"unit":"u","many":["A",1]}"#, false),
    (r#"{"unit":"u","many":[null]}"#, false),
    (r#"{"unit":"u","many":[["A"]]}"#, false),
    (r#"{"unit":"u","many":["A","A"]}"#, false),
    (r#"{"unit":"u","many":["a"]}"#, false),
    (r#"{"unit":"u","many":["Z"]}"#, false),
    (r#"{"unit":"u","many":["AB"]}"#, false),
    (r#"{"unit":"u","many":[" A"]}"#, false),
    (r#"{"unit":"u","many":["\u0041"]}"#, false),
    (r#"{"unit":"u","many":"A|A"}"#, false),
    (r#"{"unit":"u","many":"A||B"}"#, false),
    (r#"{"unit":"u","many":""}"#, false),
    (r#"{"unit":"u","one":""}"#, false),
    (r#"{"unit":"u","one":" "}"#, false),
    (r#"{"unit":"u","one":"a"}"#, false),
    (r#"{"unit":"u","one":" A"}"#, false),
    (r#"{"unit":"u","one":"F"}"#, false),
    (r#"{"unit":"u","one":"Ē"}"#, false),
    (r#"{"unit":"u","one":"NA"}"#, false),
    (r#"{"unit":"u","one":"DK"}"#, false),
    (r#"{"unit":"u","one":"na"}"#, false),
    (r#"{"unit":"u","count":"DK"}"#, false),
    (r#"{"unit":"u","one":1}"#, false),
    (r#"{"unit":"u","one":["A"]}"#, false),
    (r#"{"unit":"u","one":true}"#, false),
    (r#"{"unit":"u","one":{}}"#, false),
    (r#"{"unit":"u","count":"A"}"#, false),
    (r#"{"unit":"u","count":1001}"#, false),
    (r#"{"unit":"u","count":-51}"#, false),
    (r#"{"unit":"u","count":"1001"}"#, false),
    (r#"{"unit":"u","count":" 12"}"#, false),
    (r#"{"unit":"u","count":"12.0"}"#, false),
    (r#"{"unit":"u","count":"1 000"}"#, false),
    (r#"{"unit":"u","share":101}"#, false),
    (r#"{"unit":"u","count":1.0}"#, false),
    (r#"{"unit":"u","share":12.5}"#, false),
    (r#"{"unit":"u","count":1e3}"#, false),
    (r#"{"unit":"u","count":18446744073709551615}"#, false),
    (r#"{"unit":"u","open":18446744073709551616}"#, false),
    (r#"{"unit":"u","open":9223372036854775808}"#, false),
    (r#"{"unit":"u","open":"1234567890123456789"}"#, false),
    (r#"{"unit":"u","count":[1]}"#, false),
    // escapes: the general path decodes them
    (r#"{"unit":"u","one":"\u0041"}"#, false),
    (r#"{"unit":"u\u0031"}"#, false),
    (r#"{"unit":"a\tb"}"#, false),
    (r#"{"unit":"u","one":"A\"}"#, false),
    // white space wherever JSON allows it; numbers as the general path reads them
    (
        "{\t\"unit\"\t:\t\"u\"\t,\"many\":[ \"A\" , \"C\" ] }\r",
        true,
    ),
    (r#"{"unit":"u","many":[ ]}"#, false),
    (r#"{"unit":"u","many":[]}"#, false),
    (r#"{"unit":-9223372036854775808}"#, true),
    (r#"{"unit":0}"#, true),
    (r#"{"unit":-9223372036854775809}"#, false),
    (r#"{"unit":18446744073709551616}"#, false),
    (r#"{"unit":"u","count":0}"#, true),
    (r#"{"unit":"u","count":01}"#, false),
    (r#"{"unit":"u","count":-01}"#, false),
    (r#"{"unit":"u","count":+1}"#, false),
    (r#"{"unit":"u","count":-}"#, false),
    (r#"{"unit":"u","count":1.}"#, false),
    (r#"{"unit":"u","count":1E2}"#, false),
    (r#"{"unit":"u","count":12x}"#, false),
    (r#"{"unit":"u","one":nul}"#, false),
    (r#"{"unit":"u","one":nullx}"#, false),
    (r#"{"unit":"u","one":Null}"#, false),
    (r#"{"unit":null}"#, false),
    (r#"{"unit":["u"]}"#, false),
    (r#"{"unit":"u","unit":"u"}"#, false),
    (r#"{"unit":"u","one":"A","one":"A"}"#, false),
    (r#"{"unit":"u","nope":"A"}"#, false),
    (r#"{}"#, false),
    (r#"{ }"#, false),
    // JSON errors and other shapes
    (r#"{"unit":"u","many":["A",]}"#, false),
    (r#"{"unit":"u","many":["A" "C"]}"#, false),
    (r#"{"unit":"u","many":["A","C"}"#, false),
    (r#"{"unit":"u","many":[,"A"]}"#, false),
    (r#"{"unit":"u","count":12,}"#, false),
    (r#"{"unit":"u"}}"#, false),
    (r#"{"unit":"u""#, false),
    (r#"{"unit""u"}"#, false),
    (r#"{"unit":"u","#, false),
    (r#"{"unit":"#, false),
    (r#"{"#, false),
    (r#"{"unit":"u","one":"A""#, false),
    (r#"{"unit":"u",}"#, false),
    (r#"{"unit":"u" "one":"A"}"#, false),
    (r#"{"unit":"u","one":"A}"#, false),
    (r#"{"unit":"u","one":'A'}"#, false),
    (r#"{"unit":"u"} x"#, false),
    (r#"{"unit":"u"}{"unit":"v"}"#, false),
    (r#"{"unit":"u"},"#, false),
    ("{\"unit\":\"u\",\"one\":\"A\u{1}\"}", false),
    // a control character in a string is a JSON error, also where the string would do
    ("{\"unit\":\"u\u{1}v\"}", false),
    ("{\"unit\":\"a\tb\"}", false),
    ("not json", false),
    ("[1]", false),
    (r#"[{"unit":"u"}]"#, false),
    (r#""x""#, false),
    ("12", false),
    ("null", false),
];

#[test]
fn fast_path_takes_the_plain_lines_and_agrees() {
    let schema = schema();
    let slots = Slots::new(&schema);
    let ctx = ctx(&slots, None);
    let plain = r#"{"unit":"p","share":0}"#;
    for &(line, fast) in CASES {
        assert_eq!(fast_reads(&ctx, line), fast, "{line}");
        same(&ctx, line).unwrap();
        // after a plain line, and followed by one
        same(&ctx, &format!("{plain}\n{line}\n{plain}\n")).unwrap();
    }
    // every line in one file, with a byte order mark, CRLF line ends and blank lines
    let mut file = String::from("\u{FEFF}");
    for &(line, _) in CASES {
        file.push_str(line);
        file.push_str(if line.len() % 2 == 0 { "\r\n" } else { "\n\n" });
    }
    same(&ctx, &file).unwrap();
    same(&ctx, &file[3..]).unwrap();
    let (r, got) = by_lines(&ctx, &file, true);
    assert_eq!(r, Ok(()));
    assert_eq!(got.len(), CASES.len());
}

#[test]
fn fast_path_rows() {
    let schema = schema();
    let slots = Slots::new(&schema);
    let ctx = ctx(&slots, None);
    let (_, got) = by_lines(
        &ctx,
        "\n{\"count\":5,\"many\":[\"A\",\"E\"],\"unit\":7}",
        true,
    );
    let n = slots.len();
    let cell = Some(CellRef {
        file: 3,
        row: 2,
        column: None,
    });
    let mut answers = vec![Value::UNANSWERED; n];
    let mut cells = vec![None; n];
    for (slot, v) in [(1, Value::Multi(0b10001)), (2, Value::Num(Num::int(5)))] {
        answers[slot] = v;
        cells[slot] = cell;
    }
    assert_eq!(
        got,
        [Got::Row {
            file: 3,
            row: 2,
            place: Place::Line,
            id: Some("7".into()),
            answers,
            texts: vec![None; n],
            cells,
            errors: Vec::new(),
        }]
    );
}

#[test]
fn a_slot_the_source_may_not_answer_takes_the_general_path() {
    let schema = schema();
    let slots = Slots::new(&schema);
    let line = r#"{"unit":"u","one":"A","exp":"B"}"#;
    let ctx_self = ctx(&slots, Some(Source::SelfAssessment));
    assert!(!fast_reads(&ctx_self, line));
    assert!(fast_reads(&ctx_self, r#"{"unit":"u","one":"A"}"#));
    let ctx_expert = ctx(&slots, Some(Source::Expert));
    assert!(fast_reads(&ctx_expert, line));
    for source in [None, Some(Source::SelfAssessment), Some(Source::Expert)] {
        let ctx = ctx(&slots, source);
        for &(line, _) in CASES {
            same(&ctx, line).unwrap();
        }
    }
}

/// A key and its value, as JSON text.
fn entry() -> impl Strategy<Value = String> {
    let plain = prop_oneof![
        (
            Just("one"),
            prop::sample::select(vec!["\"A\"", "\"B\"", "\"E\"", "null"])
        ),
        (
            Just("many"),
            prop::sample::select(vec![
                "[\"A\"]",
                "[\"B\",\"E\"]",
                "[\"E\",\"A\",\"C\"]",
                "\"A|D\"",
                "null"
            ])
        ),
        (
            Just("count"),
            prop::sample::select(vec!["0", "-50", "1000", "\"123\"", "7"])
        ),
        (
            Just("share"),
            prop::sample::select(vec!["0", "100", "\"5\"", "null"])
        ),
        (
            Just("open"),
            prop::sample::select(vec!["-123456", "9223372036854775807", "\"42\""])
        ),
        // plain unless the file's source is `self`
        (Just("exp"), prop::sample::select(vec!["\"A\"", "\"B\""])),
    ]
    .prop_map(|(k, v)| format!("\"{k}\":{v}"));
    let key = prop::sample::select(vec![
        "\"one\"",
        "\"many\"",
        "\"count\"",
        "\"share\"",
        "\"open\"",
        "\"yn\"",
        "\"long\"",
        "\"note\"",
        "\"kind\"",
        "\"exp\"",
        "\"nope\"",
        "\"\\u006fne\"",
        "\"unit\"",
    ]);
    let scalar = prop::sample::select(vec![
        "\"A\"",
        "\"B\"",
        "\"F\"",
        "\"a\"",
        "\"AB\"",
        "\"NA\"",
        "\"DK\"",
        "\"na\"",
        "\"\"",
        "\" A\"",
        "\"A \"",
        "\"12\"",
        "\"-5\"",
        "\"-0\"",
        "\"1001\"",
        "\"-51\"",
        "\"12.5\"",
        "\"12,5\"",
        "\"A|B\"",
        "\"A|A\"",
        "\"A||B\"",
        "\"alpha\"",
        "\"\\u0041\"",
        "\"é\"",
        "\"e\\u0301\"",
        "\"yes\"",
        "0",
        "1",
        "-50",
        "-51",
        "100",
        "101",
        "1000",
        "1001",
        "12.5",
        "1e3",
        "1.0",
        "-0",
        "9223372036854775807",
        "9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "null",
        "true",
        "false",
    ]);
    let part = prop::sample::select(vec![
        "\"A\"",
        "\"B\"",
        "\"C\"",
        "\"a\"",
        "\"AB\"",
        "\"\"",
        "\" A\"",
        "1",
        "null",
        "\"\\u0041\"",
        "[\"A\"]",
        "{}",
    ]);
    let array = prop::collection::vec(part, 0..4).prop_map(|p| format!("[{}]", p.join(",")));
    let value = prop_oneof![
        4 => scalar.prop_map(String::from),
        2 => array,
    ];
    let any = (key, value.clone()).prop_map(|(k, v)| format!("{k}:{v}"));
    let nested = (
        prop::sample::select(vec!["\"answers\"", "\"meta\""]),
        prop::collection::vec(plain.clone(), 0..3),
    )
        .prop_map(|(k, inner)| format!("{k}:{{{}}}", inner.join(",")));
    prop_oneof![
        12 => plain,
        2 => any,
        1 => nested,
    ]
}

/// One line: entries with the unit id somewhere (or not), maybe broken.
fn line() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec![
        "\"u1\"",
        "\"u2\"",
        "17",
        "-3",
        "18446744073709551615",
        "1.5",
        "-0",
        "\"\"",
        "\" u1\"",
        "\"u1 \"",
        "null",
        "true",
        "\"Cēsis\"",
        "\"Ce\\u0304sis\"",
        "\"\\u0075\"",
        "[1]",
        "\"\\t\"",
    ]);
    let id = prop_oneof![4 => Just("\"u\""), 1 => id];
    (
        prop::collection::vec(entry(), 0..6),
        prop::option::weighted(0.9, (id, any::<prop::sample::Index>())),
        prop::sample::select(vec![",", ", ", " ,"]),
        prop_oneof![
            8 => Just(None),
            1 => any::<prop::sample::Index>().prop_map(Some),
        ],
        prop_oneof![
            6 => Just(""),
            1 => Just(" "),
            1 => prop::sample::select(vec!["x", "}", ",", "{}"]),
        ],
    )
        .prop_map(|(mut entries, id, sep, cut, tail)| {
            if let Some((id, at)) = id {
                let at = at.index(entries.len() + 1);
                entries.insert(at, format!("\"unit\":{id}"));
            }
            let mut line = format!("{{{}}}{tail}", entries.join(sep));
            if let Some(cut) = cut {
                let mut at = cut.index(line.len());
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                line.truncate(at);
            }
            line
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn fast_and_general_paths_agree(
        lines in prop::collection::vec(line(), 1..6),
        source in prop::sample::select(vec![None, Some(Source::SelfAssessment)]),
    ) {
        let schema = schema();
        let slots = Slots::new(&schema);
        let ctx = ctx(&slots, source);
        for l in &lines {
            same(&ctx, l)?;
        }
        same(&ctx, &lines.join("\n"))?;
    }
}

/// The generated lines are not all given up on: many are read by the fast path.
#[test]
fn generated_lines_are_often_plain() {
    use proptest::strategy::ValueTree;
    let schema = schema();
    let slots = Slots::new(&schema);
    let ctx = ctx(&slots, None);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = line();
    let mut fast = 0;
    let total = 2000;
    for _ in 0..total {
        let l = strategy.new_tree(&mut runner).expect("a line").current();
        same(&ctx, &l).unwrap();
        fast += usize::from(fast_reads(&ctx, &l));
    }
    assert!(
        fast * 8 > total,
        "{fast} of {total} lines read by the fast path"
    );
}

/// What reading `text` gives, as JSON Lines (both paths agree) and, wrapped in brackets, as a
/// JSON array.
fn read_both(ctx: &FileCtx, lines: &[&str]) -> (Vec<Got>, Vec<Got>) {
    let text = lines.join("\n");
    same(ctx, &text).unwrap();
    let (r, got) = by_lines(ctx, &text, true);
    assert_eq!(r, Ok(()), "{text}");
    let mut sink = Record {
        got: Vec::new(),
        n: ctx.slots.len(),
        handed: 0,
    };
    let Ok(()) = read(
        ctx,
        format!("[{}]", lines.join(",\n")).as_bytes(),
        Format::Json,
        &mut sink,
    );
    (got, sink.got)
}

/// A row's id, the value of `slot` and its problems' messages.
fn row_of(g: &Got, slot: usize) -> (Option<String>, Value, Vec<String>) {
    match g {
        Got::Row {
            id,
            answers,
            errors,
            ..
        } => (
            id.clone(),
            answers.get(slot).copied().unwrap_or(Value::UNANSWERED),
            errors.iter().map(|e| e.message()).collect(),
        ),
        other => panic!("not a row: {other:?}"),
    }
}

/// Numbers are read from their text: exact, or rejected with a message for that value (never
/// through floating point, never for the whole file); unit ids are kept as written.
#[test]
fn json_numbers_are_exact_or_rejected_one_by_one() {
    let schema = schema();
    let slots = Slots::new(&schema);
    let ctx = ctx(&slots, None);
    let (share, open) = (3, 4);
    let zeros = format!("0.{}1", "0".repeat(400));
    let tiny = format!(r#"{{"unit":"z","share":{zeros}}}"#);
    let lines = [
        r#"{"unit":"a","share":1e-400}"#,
        &tiny,
        r#"{"unit":"b","open":27319.0000000000000001}"#,
        r#"{"unit":"c","share":12.0000000000000000001}"#,
        r#"{"unit":"d","share":1e-5}"#,
        r#"{"unit":"e","open":1e400}"#,
        r#"{"unit":"f","open":-1E+3}"#,
        r#"{"unit":10000000000000000000001}"#,
        r#"{"unit":10000000000000000000002}"#,
        r#"{"unit":10000000000000000000000000000000000000000}"#,
        r#"{"unit":1e40}"#,
        r#"{"unit":18446744073709551616}"#,
        r#"{"unit":-0.50}"#,
    ];
    let (by_line, array) = read_both(&ctx, &lines);
    assert_eq!(by_line.len(), lines.len());
    assert_eq!(array.len(), lines.len());
    let too_many =
        "has too many decimals for exact arithmetic (at most 36 digits after the decimal point)";
    let too_large =
        "is too large for exact arithmetic (at most 36 digits before the decimal point)";
    let expect: [(&str, usize, Value, Option<String>); 13] = [
        (
            "a",
            share,
            Value::UNANSWERED,
            Some(format!("1e-400 {too_many}")),
        ),
        (
            "z",
            share,
            Value::UNANSWERED,
            Some(format!(
                "0.00000000000000…0000000000000001 (403 characters) {too_many}"
            )),
        ),
        (
            "b",
            open,
            Value::UNANSWERED,
            Some("27319.0000000000000001 is not a whole number".into()),
        ),
        (
            "c",
            share,
            Value::Num("12.0000000000000000001".parse().unwrap()),
            None,
        ),
        ("d", share, Value::Num("0.00001".parse().unwrap()), None),
        (
            "e",
            open,
            Value::UNANSWERED,
            Some(format!("1e400 {too_large}")),
        ),
        ("f", open, Value::Num(Num::int(-1000)), None),
        ("10000000000000000000001", open, Value::UNANSWERED, None),
        ("10000000000000000000002", open, Value::UNANSWERED, None),
        (
            "10000000000000000000000000000000000000000",
            open,
            Value::UNANSWERED,
            None,
        ),
        ("1e40", open, Value::UNANSWERED, None),
        ("18446744073709551616", open, Value::UNANSWERED, None),
        ("-0.50", open, Value::UNANSWERED, None),
    ];
    for (got, (id, slot, v, err)) in by_line.iter().zip(&expect) {
        let (gid, gv, gerr) = row_of(got, *slot);
        assert_eq!(gid.as_deref(), Some(*id));
        assert_eq!(gv, *v, "{id}");
        assert_eq!(gerr, err.iter().cloned().collect::<Vec<_>>(), "{id}");
    }
    // the array gives the same rows (numbered as objects)
    for (a, b) in array.iter().zip(&by_line) {
        for slot in [share, open] {
            assert_eq!(row_of(a, slot), row_of(b, slot));
        }
    }
}

/// In the whole reader: one number out of range rejects that unit, not the file, and two ids
/// that floating point would make one (`1e+22`) are two units.
#[test]
fn one_bad_number_rejects_one_unit() {
    let schema = schema();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.json");
    std::fs::write(
        &path,
        r#"[{"unit":10000000000000000000001,"open":1},{"unit":10000000000000000000002,"open":1e400},{"unit":"x","open":2}]"#,
    )
    .unwrap();
    let opts = crate::input::LoadOptions {
        lenient: true,
        ..Default::default()
    };
    let loaded = crate::input::load(&schema, &[crate::input::InputSpec::new(&path, None)], &opts);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let ids: Vec<&str> = loaded.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["10000000000000000000001", "x"]);
    assert_eq!(loaded.rejected.len(), 1);
    assert_eq!(loaded.rejected[0].unit, "10000000000000000000002");
}
