//! Workbook input (xlsx written here by rust_xlsxwriter; ods put together from its XML; and xlsx
//! and ods files saved by LibreOffice, in tests/cases/input/libreoffice): the 2022 answers as a
//! workbook score
//! exactly as the CSV, problems are placed in the sheet (`answers.xlsx, sheet Atbildes, cell G4`),
//! cells a CSV file cannot hold (dates, error values, formulas without a value, inexact floats,
//! merged header cells) each get a message, `--sheet` picks a sheet, and a workbook is never
//! read as text.
//!
//! `data/2022/synthetic-submissions-2022.xlsx` is made from the CSV by
//! [`the_2022_workbook_is_made_from_the_csv`]: run it with `EINDEX_WRITE_WORKBOOK=1` to write the
//! file again (`EINDEX_WRITE_WORKBOOK=1 cargo test --test it spreadsheets::the_2022`).

use crate::common::{eindex, temp_dir};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
use std::path::Path;

const CSV: &str = "data/2022/synthetic-submissions-2022.csv";
const XLSX: &str = "data/2022/synthetic-submissions-2022.xlsx";

/// The rows of a CSV file (the header first).
fn csv_rows(path: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Whether a CSV cell is written as a number: plain digits (no leading zero, which an id such
/// as `0001` would lose), as a spreadsheet program stores what it recognises as a number.
fn numeric(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && digits.len() < 15
}

/// Writes `rows` into `sheet` from its cell A1: numbers as numbers, the rest as text.
fn write_rows(sheet: &mut Worksheet, rows: &[Vec<String>]) {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if cell.is_empty() {
                continue;
            }
            if numeric(cell) {
                sheet
                    .write_number(r, c, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
}

/// A workbook of one sheet `name` holding `rows`; `edit` changes the sheet before it is saved.
fn workbook(path: &Path, name: &str, rows: &[Vec<String>], edit: impl FnOnce(&mut Worksheet)) {
    let mut book = Workbook::new();
    // a fixed date, so that the same rows give the same bytes
    let created = ExcelDateTime::from_ymd(2023, 1, 1).unwrap();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name(name).unwrap();
    write_rows(sheet, rows);
    edit(sheet);
    book.save(path).unwrap();
}

/// `eval rules/2022 <input>` with extra arguments: (exit code, stdout, stderr).
fn eval(input: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["eval", "rules/2022", input];
    args.extend_from_slice(extra);
    eindex(&args).into_parts()
}

/// The CSV's and the workbook's results are the same bytes, in the default table and as CSV.
fn same_as_csv(book: &str) {
    for format in ["table", "csv"] {
        let (code, out, err) = eval(book, &["--format", format]);
        let (csv_code, csv_out, csv_err) = eval(CSV, &["--format", format]);
        assert_eq!(code, csv_code, "{err}");
        assert_eq!(out, csv_out, "{format}");
        assert_eq!(err, csv_err.replace(CSV, book), "{format}");
    }
}

#[test]
fn the_2022_workbook_is_made_from_the_csv() {
    let dir = temp_dir("sheet-2022");
    let path = dir.path().join("answers.xlsx");
    workbook(&path, "Atbildes", &csv_rows(CSV), |_| {});
    same_as_csv(path.to_str().unwrap());
    if std::env::var_os("EINDEX_WRITE_WORKBOOK").is_some() {
        std::fs::copy(&path, XLSX).unwrap();
    }
}

#[test]
fn the_bundled_2022_workbook_scores_as_the_csv() {
    same_as_csv(XLSX);
}

/// The first `n` rows of the 2022 CSV (the header and `n - 1` units).
fn first_rows(n: usize) -> Vec<Vec<String>> {
    csv_rows(CSV).into_iter().take(n).collect()
}

/// The 0-based column of `id` in the 2022 CSV.
fn column(rows: &[Vec<String>], id: &str) -> u16 {
    rows[0].iter().position(|c| c == id).unwrap() as u16
}

#[test]
fn cells_a_csv_cannot_hold_each_get_a_message_at_their_cell() {
    let dir = temp_dir("sheet-cells");
    let path = dir.path().join("answers.xlsx");
    let rows = first_rows(6);
    let employees = column(&rows, "employees");
    let apps = column(&rows, "q_service_applications_total");
    let sites = column(&rows, "q_websites_count");
    workbook(&path, "Atbildes", &rows, |s| {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let day = ExcelDateTime::from_ymd(2022, 3, 1).unwrap();
        // row 2: a date; row 3: an error value; row 4: an inexact float; row 5: a formula
        // saved without its value; row 6: a float that is a whole number (fine)
        s.write_datetime_with_format(1, employees, &day, &date)
            .unwrap();
        s.write_formula(2, apps, "=1/0").unwrap();
        s.set_formula_result(2, apps, "#DIV/0!");
        s.write_number(3, employees, 0.1 + 0.2).unwrap();
        s.write_formula(4, sites, "=A1").unwrap();
        s.set_formula_result(4, sites, "");
        s.write_number(5, employees, 420.0).unwrap();
    });
    let name = path.to_str().unwrap();
    let (code, out, err) = eval(name, &[]);
    assert_eq!(code, 1, "{out}{err}");
    let at = |cell: &str| format!("{name}, sheet Atbildes, cell {cell}");
    let col = |c: u16| eindex::input::column_letters(c as usize + 1);
    for (cell, message) in [
        (
            format!("{}2", col(employees)),
            "the cell holds a date or time (2022-03-01)",
        ),
        (
            format!("{}3", col(apps)),
            "the cell holds the spreadsheet error #DIV/0!",
        ),
        (
            format!("{}4", col(employees)),
            "the cell holds the number 0.30000000000000004",
        ),
        (
            format!("{}5", col(sites)),
            "the cell holds the formula `=A1` but no value",
        ),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&at(&cell)))
            .unwrap_or_else(|| panic!("no problem at {cell}:\n{err}"));
        assert!(line.contains(message), "{line}");
    }
    assert_eq!(err.matches(", sheet Atbildes, cell ").count(), 4, "{err}");
    assert!(
        err.contains("5 units read (5 rows): 1 valid, 4 rejected"),
        "{err}"
    );
    // leniently the fifth unit is scored, and the other four are rejected with their reasons
    let (code, out, err) = eval(name, &["--lenient", "--format", "csv"]);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(err.contains(&at(&format!("{}3", col(apps)))), "{err}");
}

#[test]
fn an_empty_or_merged_header_cell_is_reported() {
    let dir = temp_dir("sheet-header");
    let path = dir.path().join("answers.xlsx");
    let mut rows = first_rows(3);
    // an empty header cell over values, after the last column
    let last = rows[0].len();
    rows[0].push(String::new());
    rows[1].push("stray".into());
    workbook(&path, "Atbildes", &rows, |s| {
        let n = rows[0].len() as u16;
        s.merge_range(0, n, 0, n + 1, "notes", &Format::new())
            .unwrap();
    });
    let name = path.to_str().unwrap();
    let (code, _, err) = eval(name, &[]);
    assert_eq!(code, 1, "{err}");
    let col = |c: usize| eindex::input::column_letters(c + 1);
    let unnamed = format!("{name}, sheet Atbildes, cell {}2", col(last));
    assert!(err.contains(&unnamed), "{err}");
    assert!(err.contains("which has no name"), "{err}");
    let merged = format!(
        "{name}, sheet Atbildes, cell {}1: the header cells {}1:{}1 are merged",
        col(last + 1),
        col(last + 1),
        col(last + 2)
    );
    assert!(err.contains(&merged), "{err}");
}

#[test]
fn a_sheet_is_picked_by_name() {
    let dir = temp_dir("sheet-pick");
    let path = dir.path().join("answers.xlsx");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Notes")
        .unwrap()
        .write_string(0, 0, "read me")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Atbildes").unwrap();
    write_rows(sheet, &csv_rows(CSV));
    book.save(&path).unwrap();
    let name = path.to_str().unwrap();
    // the first sheet is read by default: it has no unit column
    let (code, _, err) = eval(name, &[]);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!("{name}, sheet Notes, cell A1")),
        "{err}"
    );
    assert!(err.contains("no unit column `unit`"), "{err}");
    let (code, out, err) = eval(name, &["--sheet", "Atbildes", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, eval(CSV, &["--format", "csv"]).1);
    let (code, _, err) = eval(name, &["--sheet", "Atbilde"]);
    assert_eq!(code, 1);
    assert!(err.contains("the workbook has no sheet `Atbilde`"), "{err}");
    assert!(err.contains("Atbildes"), "{err}");
}

#[test]
fn a_workbook_is_never_read_as_text() {
    let dir = temp_dir("sheet-text");
    let path = dir.path().join("answers.xlsx");
    workbook(&path, "Atbildes", &csv_rows(CSV), |_| {});
    let name = path.to_str().unwrap();
    // told to read it as CSV or JSON: it says it is a workbook
    for format in ["csv", "json", "jsonl"] {
        let (code, _, err) = eval(name, &["--input-format", format]);
        assert_ne!(code, 0);
        assert!(
            err.contains("the file is a workbook (a zip archive"),
            "{err}"
        );
        assert!(!err.contains("Windows-1257"), "{err}");
    }
    // named `.csv`, it is read as the workbook it is
    let renamed = dir.path().join("answers.csv");
    std::fs::copy(&path, &renamed).unwrap();
    let (code, out, err) = eval(renamed.to_str().unwrap(), &["--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, eval(CSV, &["--format", "csv"]).1);
    // a file that only looks like one is refused with the reason
    let fake = dir.path().join("fake.xlsx");
    std::fs::write(&fake, b"PK\x03\x04 not really a zip").unwrap();
    let (code, _, err) = eval(fake.to_str().unwrap(), &[]);
    assert_ne!(code, 0);
    assert!(err.contains("not a workbook that can be read"), "{err}");
}

#[test]
fn workbooks_merge_by_unit_id_with_source_prefixes() {
    let dir = temp_dir("sheet-merge");
    let rows = csv_rows(CSV);
    // the unit column with the columns up to the last one experts answer, and with the rest
    // (self-assessment only: `self=` is checked)
    let half = column(&rows, "q_web_eservice_info") as usize + 1;
    let part = |from: usize, to: usize| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                std::iter::once(r[0].clone())
                    .chain(r[from..to].iter().cloned())
                    .collect()
            })
            .collect()
    };
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    workbook(&a, "A", &part(1, half), |_| {});
    workbook(&b, "B", &part(half, rows[0].len()), |_| {});
    let b_arg = format!("self={}", b.display());
    let (code, out, err) = eval(a.to_str().unwrap(), &[&b_arg, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, eval(CSV, &["--format", "csv"]).1);
}

#[test]
fn every_row_of_a_sheet_is_accounted_for_as_in_csv() {
    let dir = temp_dir("sheet-accounting");
    let rows = first_rows(4);
    let width = rows[0].len();
    let mut no_id = rows[2].clone();
    no_id[0] = String::new();
    // a unit, a blank row, a row without a unit id, the unit again, two more units
    let messy = vec![
        rows[0].clone(),
        rows[1].clone(),
        vec![String::new(); width],
        no_id,
        rows[1].clone(),
        rows[2].clone(),
        rows[3].clone(),
    ];
    let book = dir.path().join("messy.xlsx");
    workbook(&book, "Atbildes", &messy, |_| {});
    let csv_path = dir.path().join("messy.csv");
    let mut w = csv::Writer::from_path(&csv_path).unwrap();
    for r in &messy {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    for extra in [&[][..], &["--lenient"][..], &["--lenient", "-j", "2"][..]] {
        let (code, out, err) = eval(book.to_str().unwrap(), extra);
        let (csv_code, csv_out, csv_err) = eval(csv_path.to_str().unwrap(), extra);
        assert_eq!(code, csv_code, "{extra:?}: {err}");
        assert_eq!(out, csv_out, "{extra:?}");
        // the same closing line, which counts every row
        assert_eq!(
            err.lines().last(),
            csv_err.lines().last(),
            "{extra:?}: {err}"
        );
        assert!(err.contains("(6 rows, 1 blank"), "{err}");
        let at = |place: &str| format!("{}, sheet Atbildes, {place}", book.display());
        // the row without a unit id at its unit cell, the repeated unit at its row
        assert!(err.contains(&at("cell A4 (column `unit`)")), "{err}");
        assert!(err.contains(&at("row 5 (unit")), "{err}");
    }
}

// ---- an OpenDocument spreadsheet (no ods writer is installed here: the file is put together
// from its XML in a zip archive whose entries are stored, not compressed)

/// CRC-32 (IEEE), as a zip entry's header holds it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of `files`, stored (method 0).
fn stored_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, len, nlen) = (crc32(data), data.len() as u32, name.len() as u16);
        // version, flags, method, time, date
        let common = |v: &mut Vec<u8>| {
            for x in [20u16, 0, 0, 0, 0x21] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            for x in [crc, len, len] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&nlen.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes());
        common(&mut central);
        // comment length, disk, internal (2 bytes each) and external (4) attributes, offset
        central.extend_from_slice(&[0u8; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (at, size, n) = (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// An .ods file of one sheet `name`: numbers as `float` cells (as LibreOffice stores them), the
/// rest as text; `cell` may replace a cell's XML (0-based row and column).
fn ods(name: &str, rows: &[Vec<String>], cell: impl Fn(usize, usize) -> Option<String>) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut table = String::new();
    for (r, row) in rows.iter().enumerate() {
        table.push_str("<table:table-row>");
        for (c, v) in row.iter().enumerate() {
            let xml = match cell(r, c) {
                Some(x) => x,
                None if v.is_empty() => "<table:table-cell/>".to_string(),
                None if numeric(v) => format!(
                    r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
                ),
                None => format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                    esc(v)
                ),
            };
            table.push_str(&xml);
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{name}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    stored_zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("META-INF/manifest.xml", manifest.as_bytes().to_vec()),
        ("content.xml", content.into_bytes()),
    ])
}

#[test]
fn an_ods_file_scores_as_the_csv_and_refuses_a_date() {
    let dir = temp_dir("sheet-ods");
    let path = dir.path().join("answers.ods");
    std::fs::write(&path, ods("Atbildes", &csv_rows(CSV), |_, _| None)).unwrap();
    same_as_csv(path.to_str().unwrap());
    // a date in `employees` of the first unit, and a float that is no short decimal in the second
    let rows = first_rows(3);
    let employees = column(&rows, "employees") as usize;
    let odd = ods("Atbildes", &rows, |r, c| {
        match (r, c == employees) {
        (1, true) => Some(r#"<table:table-cell office:value-type="date" office:date-value="2022-03-01"><text:p>01.03.22</text:p></table:table-cell>"#.to_string()),
        (2, true) => Some(r#"<table:table-cell office:value-type="float" office:value="0.30000000000000004"><text:p>0.3</text:p></table:table-cell>"#.to_string()),
        _ => None,
    }
    });
    let path = dir.path().join("odd.ods");
    std::fs::write(&path, odd).unwrap();
    let name = path.to_str().unwrap();
    let (code, _, err) = eval(name, &[]);
    assert_eq!(code, 1, "{err}");
    let col = eindex::input::column_letters(employees + 1);
    assert!(
        err.contains(&format!("{name}, sheet Atbildes, cell {col}2 (column `employees`, unit `Aizkraukles novada pašvaldība`): the cell holds a date or time (2022-03-01)")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{name}, sheet Atbildes, cell {col}3"))
            && err.contains("0.30000000000000004"),
        "{err}"
    );
}

// ---- workbooks saved by LibreOffice (tests/cases/input/libreoffice/README.md says how)

const LIBREOFFICE: &str = "tests/cases/input/libreoffice";

#[test]
fn libreoffice_workbooks_score_as_the_csv() {
    // the CSV the workbooks were converted from (the bundled answers of their day)
    let source = format!("{LIBREOFFICE}/answers-2022.csv");
    let from_csv = eindex(&["eval", "rules/2022", &source, "--format", "csv"]);
    assert_eq!(from_csv.code, 0, "{}", from_csv.stderr);
    for ext in ["xlsx", "ods"] {
        let path = format!("{LIBREOFFICE}/answers-2022.{ext}");
        let out = eindex(&["eval", "rules/2022", &path, "--format", "csv"]);
        assert_eq!(out.code, 0, "{path}: {}", out.stderr);
        assert_eq!(out.stdout, from_csv.stdout, "{path}");
        assert_eq!(out.stderr, from_csv.stderr, "{path}: the same closing line");
    }
}

#[test]
fn libreoffice_date_formula_and_fraction_cells() {
    for ext in ["xlsx", "ods"] {
        let path = format!("{LIBREOFFICE}/odd.{ext}");
        let out = eindex(&[
            "eval",
            "rules/2022",
            &path,
            "--format",
            "jsonl",
            "--lenient",
        ]);
        assert_eq!(out.code, 3, "{path}: {}", out.stderr);
        let place = |cell: &str| format!("odd.{ext}, sheet odd, cell {cell}");
        // the date LibreOffice made of `2022-05-01`
        assert!(out.stderr.contains(&place("BI2")), "{}", out.stderr);
        assert!(
            out.stderr
                .contains("the cell holds a date or time (2022-05-01)"),
            "{}",
            out.stderr
        );
        // a fraction in an integer question, stored as a float
        assert!(out.stderr.contains(&place("BK4")), "{}", out.stderr);
        assert!(
            out.stderr.contains("12.5 is not a whole number"),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr
                .contains("1 evaluated, 0 not computable, 2 rejected"),
            "{}",
            out.stderr
        );
        // the formula's saved value is the answer
        let unit: serde_json::Value =
            serde_json::from_str(out.stdout.lines().next().expect("one unit")).unwrap();
        assert_eq!(unit["unit"], "Alūksnes novada pašvaldība");
        let read_sent = unit["rules"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["inputs"].as_array().unwrap().iter())
            .find(|i| i["question"] == "q_docs_sent")
            .map(|i| i["value"].clone());
        assert_eq!(read_sent, Some(serde_json::json!("40002")), "{path}");
    }
}

/// A zip bomb: a small workbook whose entries unpack to more than the limit is refused by what
/// its directory declares, before anything is unpacked (docs/input.md, "Limits").
#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused() {
    use std::io::Write;
    let dir = temp_dir("sheet-bomb");
    let path = dir.path().join("bomb.xlsx");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let block = vec![b' '; 1 << 20];
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        for _ in 0..1025 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
    }
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 4 << 20, "{packed} bytes");
    let out = eindex(&["eval", "rules/2022", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the workbook, unpacked, is larger than 1024 MiB"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("save the sheet as CSV UTF-8"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

/// `--sheet` is used only by workbooks: given with none, it is refused rather than ignored.
#[test]
fn a_sheet_without_a_workbook_is_refused() {
    let out = eindex(&["eval", "rules/2022", CSV, "--sheet", "Atbildes"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--sheet Atbildes names a sheet, but no input is a workbook"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // with a workbook among the inputs it is taken
    let out = eindex(&[
        "eval",
        "rules/2022",
        XLSX,
        "--sheet",
        "atbildes",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}
