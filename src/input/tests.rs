//! Tests of the input stage. Fixtures: `tests/cases/input/`.

use super::*;
use crate::hir::MissingState;
use crate::num::Num;
use crate::schema::Schema;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

mod stream;

const SCHEMA: &str = r#"
[survey]
name = "Test"
year = 2022

[tokens]
not_applicable = ["NA", "n/a", "nav attiecināms"]
dont_know = ["DK", "nezinu"]

[sections.communication]
lv = "Saziņa"

[[meta]]
id = "type"
lv = "Pašvaldības veids"
type = "single"
options = [
  { id = "valstspilseta", lv = "valstspilsēta" },
  { id = "novads", lv = "novads" },
]

[[meta]]
id = "region"
lv = "Reģions"
type = "text"

[[question]]
id = "q_social"
section = "communication"
lv = "Sociālie mediji"
type = "multi"
source = "self"
options = [
  { id = "facebook", lv = "Facebook" },
  { id = "instagram", lv = "Instagram" },
  { id = "x_twitter", lv = "X" },
]

[[question]]
id = "q_channel"
section = "communication"
lv = "Saziņas kanāls"
type = "single"
source = ["self", "expert"]
allow = ["dont_know"]
options = [
  { id = "epasts", lv = "e-pasts" },
  { id = "tālrunis", lv = "tālrunis" },
  { id = "klatiene", lv = "klātienē" },
]

[[question]]
id = "q_site"
section = "communication"
lv = "Vai ir tīmekļvietne?"
type = "yes_no"
source = ["self", "expert"]
allow = ["not_applicable"]

[[question]]
id = "q_docs"
section = "communication"
lv = "Dokumentu skaits"
type = "integer"
min = 0
max = 10000000
source = "self"

[[question]]
id = "q_share"
section = "communication"
lv = "E-pakalpojumu daļa, %"
type = "decimal"
min = 0
max = 100
source = ["self", "expert"]

[[question]]
id = "q_comment"
section = "communication"
lv = "Komentārs"
type = "text"
source = "self"
"#;

fn schema() -> Schema {
    crate::schema::load(0, SCHEMA).unwrap_or_else(|e| panic!("test schema: {e:?}"))
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/input")
}

fn case(name: &str) -> PathBuf {
    dir().join(name)
}

fn spec(name: &str) -> InputSpec {
    InputSpec::new(case(name), None)
}

fn load_with(specs: &[InputSpec], opts: &LoadOptions) -> Loaded {
    let l = load(&schema(), specs, opts);
    check_accounting(&l);
    l
}

fn load1(name: &str) -> Loaded {
    load_with(&[spec(name)], &LoadOptions::default())
}

/// Errors as the user sees them, with the fixture directory left out.
fn shown(errors: &[InputError]) -> Vec<String> {
    shown_from(&dir(), errors)
}

/// Errors as the user sees them, with directory `d` left out.
fn shown_from(d: &Path, errors: &[InputError]) -> Vec<String> {
    let prefix = format!("{}/", d.display());
    errors
        .iter()
        .map(|e| e.to_string().replace(&prefix, ""))
        .collect()
}

fn errs(l: &Loaded) -> Vec<String> {
    shown(&l.errors)
}

fn ids(l: &Loaded) -> Vec<&str> {
    l.units.iter().map(|u| u.id.as_str()).collect()
}

fn get(u: &Unit, id: &str) -> Value {
    u.get(&schema(), id).unwrap()
}

fn num(s: &str) -> Value {
    Value::Num(s.parse::<Num>().unwrap())
}

fn unit<'a>(l: &'a Loaded, id: &str) -> &'a Unit {
    l.units
        .iter()
        .find(|u| u.id == id)
        .unwrap_or_else(|| panic!("no unit {id}: {:?}", errs(l)))
}

/// Every data row is in a unit, a rejected unit, an error naming it, or a blank row.
fn check_accounting(l: &Loaded) {
    let in_units: usize = l.units.iter().map(|u| u.origins.len()).sum();
    let in_rejected: usize = l.rejected.iter().map(|r| r.origins.len()).sum();
    let mut unit_rows: HashSet<(u16, u64)> = HashSet::new();
    for o in l.units.iter().flat_map(|u| &u.origins) {
        assert!(unit_rows.insert((o.file, o.row)), "row {o:?} in two units");
    }
    for o in l.rejected.iter().flat_map(|r| &r.origins) {
        assert!(unit_rows.insert((o.file, o.row)), "row {o:?} twice");
    }
    // errors with a row but no unit: rows that are nowhere else (a header error is row 1)
    let orphan: HashSet<(String, u64)> = l
        .errors
        .iter()
        // (a row that swallowed the rows after it names its unit, but is no unit's row)
        .filter(|e| e.unit.is_none() || matches!(*e.kind, InputErrorKind::UnclosedQuote { .. }))
        .filter(|e| !(e.place == Place::Row && e.row == Some(1)))
        .filter_map(|e| e.row.map(|r| (e.file.clone(), r)))
        .collect();
    assert_eq!(
        l.rows_read,
        (in_units + in_rejected + orphan.len()) as u64 + l.blank_rows,
        "row accounting: units {in_units}, rejected {in_rejected}, error rows {}, blank {}; errors {:?}",
        orphan.len(),
        l.blank_rows,
        errs(l)
    );
}

#[test]
fn bom_is_skipped() {
    let l = load1("bom.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(ids(&l), ["Riga"]);
    assert_eq!(get(&l.units[0], "q_docs"), num("12"));
}

#[test]
fn semicolon_delimiter_is_detected() {
    let l = load1("semicolon.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(ids(&l), ["Cēsu novads", "Rēzekne"]);
    assert_eq!(get(&l.units[0], "q_docs"), num("1049"));
    assert_eq!(get(&l.units[1], "q_channel"), Value::Choice(2));
    assert_eq!(
        l.units[1].cells[slot_of(&schema(), "q_channel").unwrap()],
        Some(CellRef {
            file: 0,
            row: 3,
            column: Some(3)
        })
    );
}

#[test]
fn crlf_line_ends() {
    let l = load1("crlf.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(ids(&l), ["A", "B"]);
    let s = schema();
    assert_eq!(l.units[0].text(&s, "q_comment"), Some("first"));
    assert_eq!(l.units[1].text(&s, "q_comment"), Some("two\r\nlines"));
    assert_eq!(l.units[1].origins, [Origin { file: 0, row: 3 }]);
}

#[test]
fn quoted_cell_with_delimiter_and_newline() {
    let l = load1("quoted.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    let s = schema();
    assert_eq!(
        l.units[0].text(&s, "q_comment"),
        Some("hello, world\nsecond \"line\"")
    );
    assert_eq!(get(&l.units[0], "q_comment"), Value::Text);
    assert_eq!(get(&l.units[0], "q_docs"), num("3"));
    // the record after the two-line cell is row 3 (rows count records, not lines)
    assert_eq!(l.units[1].origins, [Origin { file: 0, row: 3 }]);
}

#[test]
fn decimal_comma() {
    let l = load1("decimal_comma.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(get(&l.units[0], "q_share"), num("12.5"));
    assert_eq!(get(&l.units[1], "q_share"), num("0.25"));
    assert_eq!(get(&l.units[2], "q_share"), num("0.125"));
}

#[test]
fn thousands_separators_are_rejected() {
    let l = load1("thousands.csv");
    assert_eq!(
        errs(&l),
        [
            "thousands.csv:2:2 (column `q_docs`, unit `A`): `1 049 816` contains thousands separators\n  help: remove the separators: write `1049816`",
            "thousands.csv:3:2 (column `q_docs`, unit `B`): `1,049,816` contains thousands separators\n  help: remove the separators: write `1049816`",
            "thousands.csv:4:2 (column `q_docs`, unit `C`): 1,5 is not a whole number\n  help: `q_docs` is an integer question; write a whole number such as `12`",
            "thousands.csv:5:2 (column `q_docs`, unit `D`): 1,049 is not a whole number\n  help: if `,` separates thousands here, remove it: write `1049`; `q_docs` takes whole numbers",
            "thousands.csv:6:3 (column `q_share`, unit `E`): `1.049,5` contains thousands separators\n  help: remove the separators: write `1049,5`",
        ]
    );
    // for a decimal question one comma is the decimal mark
    assert_eq!(ids(&l), ["F"]);
    assert_eq!(get(&l.units[0], "q_share"), num("1.049"));
    assert_eq!(get(&l.units[0], "q_docs"), num("1049816"));
}

#[test]
fn nfd_unit_ids_and_options_match_nfc() {
    let l = load_with(
        &[spec("nfd.csv"), spec("nfc.json")],
        &LoadOptions::default(),
    );
    assert_eq!(errs(&l), Vec::<String>::new());
    // one unit: the NFD id from the CSV and the NFC id from the JSON are the same
    assert_eq!(ids(&l), ["Cēsu novads"]);
    let u = &l.units[0];
    assert_eq!(u.origins.len(), 2);
    assert_eq!(get(u, "q_channel"), Value::Choice(1)); // id `tālrunis` written in NFD
    assert_eq!(get(u, "type"), Value::Choice(0)); // label `valstspilsēta` written in NFD
    assert_eq!(get(u, "q_site"), Value::Bool(true));
    assert_eq!(u.text(&schema(), "region"), Some("Vidzeme"));
}

#[test]
fn option_ids_ignore_case_and_spaces() {
    let l = load1("case.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(get(&l.units[0], "q_channel"), Value::Choice(0)); // "  EPASTS "
    assert_eq!(get(&l.units[0], "q_social"), Value::Multi(0b011)); // "Facebook | INSTAGRAM"
    assert_eq!(get(&l.units[0], "q_site"), Value::Bool(true)); // "JĀ"
    assert_eq!(get(&l.units[1], "q_channel"), Value::Choice(2)); // label "KLĀTIENĒ"
    assert_eq!(get(&l.units[1], "q_social"), Value::Multi(0b100));
    assert_eq!(get(&l.units[1], "q_site"), Value::Bool(false)); // "ne"
}

#[test]
fn unknown_column_with_suggestion() {
    let l = load1("unknown_column.csv");
    assert_eq!(
        errs(&l),
        ["unknown_column.csv:1:2 (column `q_dosc`): unknown column `q_dosc`\n  help: did you mean `q_docs`?"]
    );
    // the other columns are read
    assert_eq!(get(&l.units[0], "q_docs"), num("2"));
}

/// The kind of problem is typed and has its own code; the text and the serialized form are what
/// they were before the kinds (message and help strings).
#[test]
fn input_errors_have_a_kind_with_its_code() {
    let l = load1("unknown_column.csv");
    let e = &l.errors[0];
    assert!(
        matches!(&*e.kind, InputErrorKind::UnknownColumn { name, .. } if name == "q_dosc"),
        "{e:?}"
    );
    let code = miette::Diagnostic::code(e).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("eindex::input::unknown_column"));
    assert_eq!(e.message(), "unknown column `q_dosc`");
    assert_eq!(e.help_text().as_deref(), Some("did you mean `q_docs`?"));
    let json = serde_json::to_string(e)
        .unwrap()
        .replace(&format!("{}/", dir().display()), "");
    assert_eq!(
        json,
        r#"{"file":"unknown_column.csv","place":"row","row":1,"column":{"index":2,"name":"q_dosc"},"unit":null,"message":"unknown column `q_dosc`","help":"did you mean `q_docs`?"}"#
    );
    let l = load1("duplicate.csv");
    let e = &l.errors[0];
    assert!(
        matches!(&*e.kind, InputErrorKind::RepeatedUnit { .. }),
        "{e:?}"
    );
    let code = miette::Diagnostic::code(e).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("eindex::input::repeated_unit"));
}

#[test]
fn missing_unit_column() {
    let l = load1("missing_unit.csv");
    assert_eq!(
        errs(&l),
        // one mistake, one problem
        ["missing_unit.csv:1:1 (column `Unit`): no unit column `unit` in the header\n  help: is it column `Unit`? Pass `--unit-column Unit`, or rename the column to `unit`"]
    );
    assert!(l.units.is_empty());
    // the caller may name the column
    let opts = LoadOptions {
        unit_column: Some("Unit".into()),
        ..LoadOptions::default()
    };
    let l = load_with(&[spec("missing_unit.csv")], &opts);
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(ids(&l), ["A"]);
}

#[test]
fn empty_unit_id() {
    let l = load1("empty_id.csv");
    assert_eq!(
        errs(&l),
        ["empty_id.csv:3:1 (column `unit`): the row has no unit id\n  help: fill in `unit`, or delete the row if it is not a unit"]
    );
    assert_eq!(ids(&l), ["A", "B"]);
}

#[test]
fn duplicate_unit_rows() {
    let l = load1("duplicate.csv");
    assert_eq!(
        errs(&l),
        ["duplicate.csv:4 (unit `A`): unit `A` appears twice in this file: rows 2 and 4\n  help: keep one row per unit: merge the two rows or delete one"]
    );
    assert_eq!(ids(&l), ["B"]);
    assert_eq!(l.rejected.len(), 1);
    assert_eq!(l.rejected[0].unit, "A");
    assert_eq!(
        l.rejected[0].origins,
        [Origin { file: 0, row: 2 }, Origin { file: 0, row: 4 }]
    );
}

#[test]
fn empty_file() {
    let l = load1("empty.csv");
    assert_eq!(
        errs(&l),
        ["empty.csv: empty file (no header)\n  help: the first row must name the columns: `unit` and the question ids"]
    );
    assert_eq!(l.rows_read, 0);
}

#[test]
fn header_only() {
    let l = load1("header_only.csv");
    assert!(l.is_clean());
    assert!(l.units.is_empty());
    assert_eq!(l.rows_read, 0);
}

#[test]
fn text_in_numeric_column() {
    let l = load1("text_in_numeric.csv");
    assert_eq!(
        errs(&l),
        [
            "text_in_numeric.csv:2:2 (column `q_docs`, unit `A`): `daudz` is not a number\n  help: `q_docs` takes a whole number, e.g. `12`",
            "text_in_numeric.csv:3:2 (column `q_docs`, unit `B`): `12 gab.` is not a number\n  help: write only the number, without units or other text",
            "text_in_numeric.csv:4:3 (column `q_share`, unit `C`): `1e3` is not a number\n  help: write the number in full, without exponent notation",
        ]
    );
    assert!(l.units.is_empty());
}

#[test]
fn value_out_of_range() {
    let l = load1("range.csv");
    assert_eq!(
        errs(&l),
        [
            "range.csv:2:2 (column `q_docs`, unit `A`): -1 is below the minimum 0 of `q_docs`\n  help: the allowed range of `q_docs` is 0 to 10000000",
            "range.csv:3:3 (column `q_share`, unit `B`): 100.5 is above the maximum 100 of `q_share`\n  help: the allowed range of `q_share` is 0 to 100",
        ]
    );
    // the bounds are inclusive
    assert_eq!(ids(&l), ["C"]);
}

#[test]
fn multi_choice_option_named_twice() {
    let l = load1("multi_twice.csv");
    assert_eq!(
        errs(&l),
        [
            "multi_twice.csv:2:2 (column `q_social`, unit `A`): option `facebook` is named twice\n  help: name each chosen option once",
            "multi_twice.csv:3:2 (column `q_social`, unit `B`): `tiktok` is not an option of `q_social`\n  help: the options here are: `facebook`, `instagram`, `x_twitter`",
        ]
    );
    // " | " names no option: unanswered
    assert_eq!(ids(&l), ["C"]);
    assert_eq!(get(&l.units[0], "q_social"), Value::UNANSWERED);
}

#[test]
fn invalid_utf8_names_row_and_column() {
    let l = load1("invalid_utf8.csv");
    assert_eq!(
        errs(&l),
        ["invalid_utf8.csv:2:2 (column `q_comment`, unit `A`): the cell is not valid UTF-8 (byte 0xE9 at byte 4 of the cell)\n  help: the file is probably saved in another encoding (e.g. Windows-1257); save it as \"CSV UTF-8\""]
    );
    assert_eq!(ids(&l), ["B"]);
}

/// A scratch directory for generated files, removed when dropped.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("eindex-input-{name}-"))
        .tempdir()
        .unwrap()
}

#[test]
fn cell_over_one_mib_is_rejected() {
    let tmp = scratch("big");
    let d = tmp.path();
    let p = d.join("big.csv");
    let mut text = String::from("unit,q_comment,q_docs\nA,\"");
    text.push_str(&"x".repeat(2 << 20));
    text.push_str("\",1\nB,short,2\n");
    std::fs::write(&p, text).unwrap();
    let l = load_with(&[InputSpec::new(&p, None)], &LoadOptions::default());
    assert_eq!(
        shown_from(d, &l.errors),
        ["big.csv:2:2 (column `q_comment`, unit `A`): the cell is 2.0 MiB long; cells are limited to 1 MiB\n  help: shorten the text, or check for an unclosed quote `\"`"]
    );
    assert_eq!(ids(&l), ["B"]);
}

/// A questionnaire whose cells the CSV reader decodes by its plain decoders (one-byte option
/// ids, whole numbers), for the order of what the general path reports.
const PLAIN_SCHEMA: &str = r#"
[survey]
name = "Plain"
year = 2022

[tokens]
dont_know = ["99"]

[sections.s]
lv = "S"

[[question]]
id = "n"
section = "s"
lv = "N"
type = "integer"
min = 0
max = 100
allow = ["dont_know"]

[[question]]
id = "m"
section = "s"
lv = "M"
type = "multi"
options = [{ id = "A", lv = "A" }, { id = "B", lv = "B" }, { id = "C", lv = "C" }]

[[question]]
id = "d"
section = "s"
lv = "D"
type = "decimal"

[[question]]
id = "c"
section = "s"
lv = "C"
type = "single"
options = [{ id = "A", lv = "A" }, { id = "B", lv = "B" }]
"#;

/// The reader decodes plain cells kind by kind (one-byte choices, then multiple choices, then
/// numbers) and sends the rest to the general path afterwards: what that path reports is still
/// in column order, whichever kinds the columns are, and the plain cells' values are those of
/// the general path (a missing-value token that looks like a number is the token).
#[test]
fn plain_and_general_cells_report_in_column_order() {
    let s = crate::schema::load(0, PLAIN_SCHEMA).unwrap_or_else(|e| panic!("{e:?}"));
    let tmp = scratch("plain-order");
    let d = tmp.path();
    let p = d.join("plain.csv");
    std::fs::write(
        &p,
        "unit,d,n,m,,c\nU1,x,101,A|Z,v,Q\nU2,2.5,7,B|A,,B\nU3,,-1,A|A,,AB\nU4,,99,,,\n",
    )
    .unwrap();
    let l = load(&s, &[InputSpec::new(&p, None)], &LoadOptions::default());
    // the first line of each (the help lines are other tests' subject)
    let shown: Vec<String> = shown_from(d, &l.errors)
        .iter()
        .map(|t| t.lines().next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "plain.csv:2:2 (column `d`, unit `U1`): `x` is not a number",
            "plain.csv:2:3 (column `n`, unit `U1`): 101 is above the maximum 100 of `n`",
            "plain.csv:2:4 (column `m`, unit `U1`): `Z` is not an option of `m`",
            "plain.csv:2:5 (unit `U1`): a value in column 5, which has no name",
            "plain.csv:2:6 (column `c`, unit `U1`): `Q` is not an option of `c`",
            "plain.csv:4:3 (column `n`, unit `U3`): -1 is below the minimum 0 of `n`",
            "plain.csv:4:4 (column `m`, unit `U3`): option `A` is named twice",
            "plain.csv:4:6 (column `c`, unit `U3`): `AB` is not an option of `c`",
        ]
    );
    let u = l.units.iter().find(|u| u.id == "U2").expect("U2 loads");
    assert_eq!(u.get(&s, "d"), Some(num("2.5")));
    assert_eq!(u.get(&s, "n"), Some(Value::Num(Num::int(7))));
    assert_eq!(u.get(&s, "m"), Some(Value::Multi(0b011)));
    assert_eq!(u.get(&s, "c"), Some(Value::Choice(1)));
    // a cell that is a missing-value token is one, also where it would be a plain number
    let u = l.units.iter().find(|u| u.id == "U4").expect("U4 loads");
    assert_eq!(
        u.get(&s, "n"),
        Some(Value::Missing(crate::hir::MissingState::DontKnow))
    );
}

#[test]
fn json_wrong_type() {
    let l = load1("wrong_type.json");
    assert_eq!(
        errs(&l),
        [
            "wrong_type.json, object 2 (key `q_docs`, unit `B`): `q_docs` expects a whole number (or a string with one), found a boolean",
            "wrong_type.json, object 4 (key `q_social`, unit `D`): `q_social` expects an array of option ids (or a string `a|b`), found a number",
        ]
    );
    assert_eq!(ids(&l), ["A", "C"]);
    assert_eq!(get(&l.units[0], "q_docs"), num("12")); // a numeric string
    assert_eq!(get(&l.units[1], "q_social"), Value::Multi(1)); // a `|`-string
    assert_eq!(l.units[1].origins, [Origin { file: 0, row: 3 }]);
}

#[test]
fn json_null_is_unanswered() {
    let l = load1("null.json");
    assert_eq!(errs(&l), Vec::<String>::new());
    let u = &l.units[0];
    assert_eq!(get(u, "q_docs"), Value::UNANSWERED);
    assert_eq!(get(u, "q_channel"), Value::UNANSWERED);
    assert_eq!(get(u, "q_site"), Value::Bool(false));
    // an explicit empty array: answered, nothing chosen
    assert_eq!(get(u, "q_social"), Value::Multi(0));
    assert_eq!(u.sources[slot_of(&schema(), "q_docs").unwrap()], None);
}

#[test]
fn json_lines() {
    let l = load1("lines.jsonl");
    assert_eq!(errs(&l).len(), 1);
    assert!(
        errs(&l)[0].starts_with("lines.jsonl:4: invalid JSON: EOF while parsing a value"),
        "{:?}",
        errs(&l)
    );
    assert_eq!(ids(&l), ["A", "42"]); // a numeric id becomes a string
    assert_eq!(get(&l.units[0], "q_share"), num("0.1")); // exactly 1/10
    assert_eq!(get(&l.units[1], "q_site"), Value::Bool(true));
    assert_eq!(l.units[1].origins, [Origin { file: 0, row: 3 }]);
    assert_eq!(l.files[0].format, Format::JsonLines);
}

#[test]
fn nested_and_flat_json_agree() {
    let nested = load1("nested.json");
    let flat = load1("flat.json");
    assert_eq!(errs(&nested), Vec::<String>::new());
    assert_eq!(errs(&flat), Vec::<String>::new());
    let (a, b) = (&nested.units[0], &flat.units[0]);
    assert_eq!(a.answers, b.answers);
    assert_eq!(get(a, "q_social"), Value::Multi(0b101));
    assert_eq!(get(a, "q_share"), num("12.5"));
    assert_eq!(get(a, "q_channel"), Value::Missing(MissingState::DontKnow));
    assert_eq!(get(a, "type"), Value::Choice(1));
    let s = schema();
    assert_eq!(a.text(&s, "q_comment"), Some("labi"));
    assert_eq!(b.text(&s, "region"), Some("Vidzeme"));
}

#[test]
fn merge_self_and_expert_by_precedence() {
    let specs = [
        spec("self.csv"),
        InputSpec::new(case("expert.csv"), Some(Source::Expert)),
    ];
    let opts = LoadOptions {
        precedence: vec![Source::Expert, Source::SelfAssessment],
        ..LoadOptions::default()
    };
    let l = load_with(&specs, &opts);
    assert_eq!(errs(&l), Vec::<String>::new());
    assert_eq!(ids(&l), ["A", "B", "C"]);
    let s = schema();
    let share = slot_of(&s, "q_share").unwrap();
    let site = slot_of(&s, "q_site").unwrap();
    let a = unit(&l, "A");
    assert_eq!(get(a, "q_share"), num("45"));
    assert_eq!(a.sources[share], Some(Source::Expert));
    assert_eq!(
        a.cells[share],
        Some(CellRef {
            file: 1,
            row: 3,
            column: Some(4)
        })
    );
    assert_eq!(
        l.describe(&a.cells[share].unwrap()),
        format!("{}:3:4", case("expert.csv").display())
    );
    assert_eq!(
        a.overridden,
        [Overridden {
            slot: share,
            source: Some(Source::SelfAssessment),
            value: num("40"),
            text: None,
            cell: CellRef {
                file: 0,
                row: 2,
                column: Some(4)
            },
        }]
    );
    // the expert left q_site empty: the self-assessment stands
    assert_eq!(get(a, "q_site"), Value::Bool(true));
    assert_eq!(a.sources[site], Some(Source::SelfAssessment));
    assert_eq!(
        a.origins,
        [Origin { file: 0, row: 2 }, Origin { file: 1, row: 3 }]
    );
    let b = unit(&l, "B");
    assert_eq!(get(b, "q_site"), Value::Bool(true));
    assert_eq!(b.overridden.len(), 2);
    // a unit only the expert file has
    assert_eq!(get(unit(&l, "C"), "type"), Value::Choice(0));

    // with self first, self wins and the expert's answers are recorded as overridden
    let opts = LoadOptions {
        precedence: vec![Source::SelfAssessment, Source::Expert],
        ..LoadOptions::default()
    };
    let l = load_with(&specs, &opts);
    let a = unit(&l, "A");
    assert_eq!(get(a, "q_share"), num("40"));
    assert_eq!(a.overridden[0].source, Some(Source::Expert));
    assert_eq!(a.overridden[0].value, num("45"));
}

#[test]
fn declared_source_must_be_allowed() {
    let specs = [InputSpec::new(
        case("expert_bad_source.csv"),
        Some(Source::Expert),
    )];
    let l = load_with(&specs, &LoadOptions::default());
    assert_eq!(
        errs(&l),
        ["expert_bad_source.csv:2:2 (column `q_docs`, unit `A`): `q_docs` is not answered by `expert` (this file's source)\n  help: `q_docs` is answered by: self; move the answer to a file of that source"]
    );
}

#[test]
fn same_source_twice_is_an_error() {
    let l = load_with(
        &[spec("self.csv"), spec("self_again.csv")],
        &LoadOptions::default(),
    );
    assert_eq!(
        errs(&l),
        [
            ("self_again.csv:2:2 (column `q_docs`, unit `A`): `q_docs` is answered twice by `self`: in self.csv:2:5 and in self_again.csv:2:2\n  help: a source may answer a question once; remove one answer, or declare the files' sources (`expert=file.csv`)").to_string(),
            ("self_again.csv:3:2 (column `q_docs`, unit `B`): `q_docs` is answered twice by `self`: in self.csv:3:5 and in self_again.csv:3:2\n  help: a source may answer a question once; remove one answer, or declare the files' sources (`expert=file.csv`)").to_string(),
        ]
    );
    assert!(l.units.is_empty());
    assert_eq!(l.rejected.len(), 2);
}

#[test]
fn metadata_must_agree() {
    let l = load_with(
        &[spec("self.csv"), spec("meta_conflict.csv")],
        &LoadOptions::default(),
    );
    assert_eq!(
        errs(&l),
        [("meta_conflict.csv:2:2 (column `type`, unit `A`): metadata `type` is `valstspilseta` here but `novads` in self.csv:2:2\n  help: metadata must agree in every file of a unit").to_string()]
    );
    assert_eq!(ids(&l), ["B"]);
}

#[test]
fn lenient_rejects_only_the_bad_unit() {
    let opts = LoadOptions {
        lenient: true,
        ..LoadOptions::default()
    };
    let l = load_with(&[spec("lenient.csv")], &opts);
    assert!(l.errors.is_empty());
    assert_eq!(ids(&l), ["A", "C"]);
    assert_eq!(l.rejected.len(), 1);
    assert_eq!(l.rejected[0].unit, "B");
    assert_eq!(
        shown(&l.rejected[0].reasons),
        [
            "lenient.csv:3:2 (column `q_docs`, unit `B`): `x` is not a number\n  help: `q_docs` takes a whole number, e.g. `12`",
            "lenient.csv:3:3 (column `q_share`, unit `B`): 200 is above the maximum 100 of `q_share`\n  help: the allowed range of `q_share` is 0 to 100",
            "lenient.csv:3:4 (column `q_site`, unit `B`): `maybe` is not a yes/no answer\n  help: write yes or no (also accepted: true/false, 1/0, jā/nē)",
        ]
    );
    // strict: the same units load, and every problem is an error
    let l = load1("lenient.csv");
    assert_eq!(ids(&l), ["A", "C"]);
    assert_eq!(l.errors.len(), 3);
}

#[test]
fn row_accounting() {
    let l = load_with(
        &[spec("accounting.csv"), spec("accounting.jsonl")],
        &LoadOptions {
            lenient: true,
            ..LoadOptions::default()
        },
    );
    assert_eq!(l.rows_read, 12);
    assert_eq!(l.blank_rows, 1);
    assert_eq!(ids(&l), ["A", "D", "E", "F"]);
    assert_eq!(unit(&l, "A").origins.len(), 2);
    let rejected: Vec<(&str, usize)> = l
        .rejected
        .iter()
        .map(|r| (r.unit.as_str(), r.origins.len()))
        .collect();
    assert_eq!(rejected, [("B", 1), ("C", 2)]);
    let e = errs(&l);
    assert_eq!(e.len(), 3, "{e:?}");
    assert_eq!(e[0], "accounting.csv:5:1 (column `unit`): the row has no unit id\n  help: fill in `unit`, or delete the row if it is not a unit");
    assert!(e[1].starts_with("accounting.jsonl:2: the object has no `unit` key"));
    assert!(e[2].starts_with("accounting.jsonl:3: invalid JSON"));
    // rows count records: the empty line is skipped and not counted
    assert_eq!(unit(&l, "E").origins, [Origin { file: 0, row: 9 }]);
    assert!(shown(&l.rejected[0].reasons)[0].starts_with(
        "accounting.csv:4 (unit `B`): the row has 2 cells but the header has 3 columns"
    ));
    check_accounting(&l);
}

#[test]
fn input_spec_parse() {
    assert_eq!(
        InputSpec::parse("expert=data/e.csv"),
        Ok(InputSpec::new("data/e.csv", Some(Source::Expert)))
    );
    assert_eq!(
        InputSpec::parse("data/s.csv"),
        Ok(InputSpec::new("data/s.csv", None))
    );
    assert_eq!(
        InputSpec::parse("self=a=b.csv"),
        Ok(InputSpec::new("a=b.csv", Some(Source::SelfAssessment)))
    );
    assert_eq!(
        InputSpec::parse("experts=a.csv"),
        Err("`experts` is not a source: did you mean `expert`?".to_string())
    );
    assert!(InputSpec::parse("expert=").is_err());
}

#[test]
fn format_detection() {
    assert_eq!(detect_format(Path::new("a.csv"), None, b"[1]"), Format::Csv);
    assert_eq!(
        detect_format(Path::new("a.json"), None, b" [{}]"),
        Format::Json
    );
    assert_eq!(
        detect_format(Path::new("a.json"), None, b"{}\n{}"),
        Format::JsonLines
    );
    assert_eq!(
        detect_format(Path::new("a.ndjson"), None, b"[]"),
        Format::JsonLines
    );
    assert_eq!(detect_format(Path::new("a"), None, b"unit,q"), Format::Csv);
    assert_eq!(
        detect_format(Path::new("a.csv"), Some(Format::Json), b""),
        Format::Json
    );
}

#[test]
fn tokens_need_allow() {
    let tmp = scratch("tokens");
    let d = tmp.path();
    let p = d.join("t.csv");
    std::fs::write(
        &p,
        "unit,q_site,q_channel,q_docs,q_comment\nA,n/a,nezinu,,NA\nB,DK,NA,,\n",
    )
    .unwrap();
    let l = load_with(&[InputSpec::new(&p, None)], &LoadOptions::default());
    let a = unit(&l, "A");
    assert_eq!(
        get(a, "q_site"),
        Value::Missing(MissingState::NotApplicable)
    );
    assert_eq!(get(a, "q_channel"), Value::Missing(MissingState::DontKnow));
    assert_eq!(get(a, "q_comment"), Value::Text); // free text "NA" stays text
    let e: Vec<String> = l.errors.iter().map(|e| e.message()).collect();
    assert_eq!(
        e,
        [
            "`DK` means \"don't know\", which `q_site` does not accept",
            "`NA` means \"not applicable\", which `q_channel` does not accept",
        ]
    );
}

/// A quote that is not closed takes the rows after it into one cell: a problem of the file
/// (in both modes, not a rejected unit) that says from which row on the file was not read and
/// names the units in the lines it took. A cell with line breaks that is just text is read.
#[test]
fn an_unclosed_quote_is_a_problem_of_the_file() {
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "unclosed_quote.csv",
            &["A", "B"],
            "unclosed_quote.csv:4 (unit `C`): a quote `\"` is not closed, so the file could not be read from this row on: lines 4 to 7 were read as one row, and 3 of them look like rows of units: `D`, `E`, `F`",
        ),
        (
            "unclosed_quote_last.csv",
            &["A"],
            "unclosed_quote_last.csv:3 (unit `B`): a quote `\"` is not closed, so the file could not be read from this row on: lines 3 to 5 were read as one row, and 2 of them look like rows of units: `C`, `D`",
        ),
        // closed by the next quote: the rows after that are read
        (
            "quote_closed_later.csv",
            &["A", "E", "F"],
            "quote_closed_later.csv:3 (unit `B`): a quote `\"` is not closed, so the file could not be read from this row on: lines 3 to 5 were read as one row, and 1 of them looks like the row of unit `C`",
        ),
    ];
    for (name, units, message) in cases {
        for lenient in [false, true] {
            let opts = LoadOptions {
                lenient,
                ..LoadOptions::default()
            };
            let l = load_with(&[spec(name)], &opts);
            assert_eq!(ids(&l), units, "{name}");
            assert!(l.rejected.is_empty(), "{name}: {:?}", l.rejected);
            let shown = errs(&l);
            assert_eq!(shown.len(), 1, "{name}: {shown:?}");
            assert!(shown[0].starts_with(message), "{name}: {}", shown[0]);
            // streaming gives the same
            let mut streamed = Vec::new();
            let sum = stream(&schema(), &spec(name), &opts, |u: &mut Unit| {
                streamed.push(u.id.clone());
                Ok::<(), ()>(())
            })
            .unwrap();
            assert_eq!(streamed, units, "{name}");
            assert_eq!(super::tests::shown(&sum.errors), shown, "{name}");
            assert_eq!(sum.rows_read, l.rows_read);
        }
    }
    // a quoted cell with a line break, and no rows in it
    let l = load1("quoted.csv");
    assert_eq!(errs(&l), Vec::<String>::new());
}

/// Standard input, and a FIFO, may be named once: a second naming is an error naming both.
#[test]
fn a_source_read_once_is_named_once() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let e = InputSpec::parse_all(&args(&["a.csv", "-", "expert=-"])).unwrap_err();
    assert_eq!(
        e,
        "`-` (argument 2) and `expert=-` (argument 3) both name standard input, which can be read only once"
    );
    assert!(InputSpec::parse_all(&args(&["-", "/dev/stdin"])).is_err());
    let specs = InputSpec::parse_all(&args(&["-", "a.csv", "a.csv"])).unwrap();
    assert!(specs[0].is_stdin() && !specs[1].is_stdin());
    #[cfg(target_os = "linux")]
    {
        let tmp = scratch("fifo-twice");
        let fifo = tmp.path().join("f");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let f = fifo.to_str().unwrap().to_string();
        let e = InputSpec::parse_all(&[f.clone(), format!("expert={f}")]).unwrap_err();
        assert!(
            e.ends_with("both name a pipe, which can be read only once"),
            "{e}"
        );
    }
}
