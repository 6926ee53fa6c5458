//! Workbooks (xlsx, xlsm, xlsb, xls, ods), read through calamine: one sheet, the first or the one
//! `--sheet` names.
//!
//! The sheet's first row that is not empty is the header; every row under it is turned into a
//! record of cell texts and decoded by the CSV reader's [`Decoder`], so that a workbook's cells
//! mean what the same text means in a CSV file (the same options, tokens, numbers, problems).
//! Rows and columns are the sheet's own (row 4, column G is cell `G4`; a sheet whose cells start
//! at column C has two empty columns before them), and problems are placed in the sheet
//! ([`Place::Cell`]: `answers.xlsx, sheet Atbildes, cell G4`).
//!
//! A cell's text: a string as it is; a number stored as a whole number as its digits; a number
//! stored as a float (all numbers of an xlsx file) as its shortest exact decimal, when that is a
//! whole number or a short decimal — what the cell shows — and refused otherwise
//! (`0.30000000000000004`); `TRUE`/`FALSE` as `true`/`false`. Dates, durations, error values
//! (`#N/A`) and formulas saved without their value are refused with a message of their own
//! ([`SheetCell`]); header cells merged into one are reported.

use super::csv::Decoder;
use super::error::InputError;
use super::kind::{InputErrorKind, SheetCell};
use super::{FileCtx, Place, RowData, Sink};
use calamine::{Data, Dimensions, Range, Reader, Sheets};
use std::borrow::Cow;
use std::io::Cursor;

/// What a workbook's first bytes say it is: a zip archive (xlsx, xlsm, xlsb, ods) or an OLE
/// compound file (xls). `None` for anything else.
pub(crate) fn magic(head: &[u8]) -> Option<&'static str> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if head.starts_with(b"PK\x03\x04") {
        Some("a zip archive, as xlsx and ods files are")
    } else if head.starts_with(&OLE) {
        Some("an OLE compound file, as xls files are")
    } else {
        None
    }
}

/// What a workbook's zip entries declare they unpack to, in all (0 for a file that is not a
/// zip archive, such as an xls file, or one whose directory cannot be read: calamine then
/// reports it). Declared sizes are what a zip bomb is caught by before anything is unpacked.
pub(crate) fn unpacked_size(bytes: &[u8]) -> u64 {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add)
}

/// A workbook's sheet as read: its name, values, formulas and merged cells.
struct Sheet {
    name: String,
    values: Range<Data>,
    formulas: Option<Range<String>>,
    merged: Vec<Dimensions>,
}

/// Reads sheet `wanted` (default: the first) of the workbook `bytes` into the sink. Returns the
/// name of the sheet read (`None` when none could be).
pub(crate) fn read<S: Sink>(
    ctx: &FileCtx,
    bytes: Vec<u8>,
    wanted: Option<&str>,
    sink: &mut S,
) -> Result<Option<String>, S::Err> {
    let sheet = match open(&bytes, wanted) {
        Ok(s) => s,
        Err(kind) => {
            sink.file_error(InputError::file(ctx.name, Place::Cell, kind));
            return Ok(None);
        }
    };
    let name = sheet.name.clone();
    let (Some(start), Some(end)) = (sheet.values.start(), sheet.values.end()) else {
        let kind = InputErrorKind::NoHeader {
            unit_column: ctx.unit_column.to_string(),
        };
        sink.file_error(InputError::file(ctx.name, Place::Cell, kind));
        return Ok(Some(name));
    };
    let width = end.1 as usize + 1;
    let header_row = start.0;
    let mut rec = ::csv::ByteRecord::new();
    for col in 0..=end.1 {
        match sheet.values.get_value((header_row, col)) {
            Some(Data::String(s)) => rec.push_field(s.as_bytes()),
            Some(Data::Empty) | None => rec.push_field(b""),
            Some(d) => rec.push_field(d.to_string().as_bytes()),
        }
    }
    for m in &sheet.merged {
        if m.start.0 <= header_row && header_row <= m.end.0 && m.start.1 < m.end.1 {
            let kind = InputErrorKind::MergedHeader {
                range: format!("{}:{}", cell_name(m.start), cell_name(m.end)),
            };
            let e = InputError::file(ctx.name, Place::Cell, kind)
                .at_row(u64::from(header_row) + 1)
                .at_column(m.start.1 as usize + 1, "");
            sink.file_error(e);
        }
    }
    let Some(decoder) = Decoder::new(ctx, &rec, u64::from(header_row) + 1, None, sink) else {
        return Ok(Some(name));
    };
    let mut problems = Vec::new();
    for r in header_row + 1..=end.0 {
        let row = u64::from(r) + 1;
        rec.clear();
        for col in 0..width as u32 {
            let value = sheet.values.get_value((r, col));
            let formula = sheet.formulas.as_ref().and_then(|f| f.get_value((r, col)));
            match cell_text(value, formula.map(String::as_str)) {
                Ok(text) => rec.push_field(text.as_bytes()),
                Err(cell) => {
                    rec.push_field(b"");
                    problems.push((col as usize + 1, cell));
                }
            }
        }
        row_into(ctx, &decoder, &rec, row, &mut problems, sink)?;
    }
    Ok(Some(name))
}

/// Decodes one row (`rec`, sheet row `row`) into the sink with the `problems` of its cells
/// (1-based column, what is wrong), which were left empty in `rec`.
fn row_into<S: Sink>(
    ctx: &FileCtx,
    decoder: &Decoder,
    rec: &::csv::ByteRecord,
    row: u64,
    problems: &mut Vec<(usize, SheetCell)>,
    sink: &mut S,
) -> Result<(), S::Err> {
    if !problems.is_empty() && rec.as_slice().trim_ascii().is_empty() {
        // nothing but cells that cannot be read: a row without a unit id
        let errors = cell_errors(ctx, decoder, row, None, problems);
        return sink.row(RowData::new(ctx.file, row, Place::Cell, errors));
    }
    let mut cells = Cells {
        inner: sink,
        problems,
        ctx,
        decoder,
    };
    decoder.row(ctx, rec, row, &mut cells)
}

/// The errors of `problems` (emptied) in row `row` of unit `unit`.
fn cell_errors(
    ctx: &FileCtx,
    decoder: &Decoder,
    row: u64,
    unit: Option<&str>,
    problems: &mut Vec<(usize, SheetCell)>,
) -> Vec<InputError> {
    problems
        .drain(..)
        .map(|(col, cell)| {
            let name = decoder.column_name(col - 1).unwrap_or_default();
            InputError::file(ctx.name, Place::Cell, InputErrorKind::WorkbookCell { cell })
                .at_row(row)
                .at_column(col, name)
                .for_unit(unit)
        })
        .collect()
}

/// A sink that adds the problems of a row's cells to the row the decoder sends on.
struct Cells<'a, 'c, S> {
    inner: &'a mut S,
    problems: &'a mut Vec<(usize, SheetCell)>,
    ctx: &'a FileCtx<'c, 'c>,
    decoder: &'a Decoder<'c>,
}

impl<S: Sink> Sink for Cells<'_, '_, S> {
    type Err = S::Err;

    fn file_error(&mut self, e: InputError) {
        self.inner.file_error(e);
    }

    fn row(&mut self, mut r: RowData) -> Result<(), S::Err> {
        r.place = Place::Cell;
        let errors = cell_errors(
            self.ctx,
            self.decoder,
            r.row,
            r.id.as_deref(),
            self.problems,
        );
        r.errors.extend(errors);
        // in column order, as a CSV row's
        r.errors
            .sort_by_key(|e| e.column.as_ref().and_then(|c| c.index));
        self.inner.row(r)
    }

    fn blank(&mut self, file: u16, row: u64) {
        self.inner.blank(file, row);
    }

    fn buffers(&mut self) -> super::Buffers {
        self.inner.buffers()
    }
}

/// Opens the workbook and reads sheet `wanted` (default: the first). (The bytes are borrowed:
/// calamine tries each format on a clone of its reader, which for a borrowed slice copies
/// nothing.)
fn open(bytes: &[u8], wanted: Option<&str>) -> Result<Sheet, Box<InputErrorKind>> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Box::new(InputErrorKind::Unreadable {
            reason: format!("not a workbook that can be read: {e}"),
        })
    })?;
    let names = book.sheet_names();
    let name = match wanted {
        None => names.first(),
        Some(w) => names.iter().find(|n| n.as_str() == w).or_else(|| {
            names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(w.trim()))
        }),
    };
    let Some(name) = name.cloned() else {
        let hint = match (wanted, names.is_empty()) {
            (_, true) => "save the data as a sheet of the workbook".to_string(),
            (Some(w), false) => crate::suggest::hint(w, names.iter().map(String::as_str), "sheet"),
            (None, false) => String::new(),
        };
        return Err(Box::new(InputErrorKind::NoSheet {
            name: wanted.map(str::to_string),
            hint,
        }));
    };
    let values = book.worksheet_range(&name).map_err(|e| {
        Box::new(InputErrorKind::Unreadable {
            reason: format!("cannot read sheet `{name}`: {e}"),
        })
    })?;
    let formulas = book.worksheet_formula(&name).ok();
    let merged = match &mut book {
        Sheets::Xlsx(x) => match x.load_merged_regions() {
            Ok(()) => x
                .merged_regions_by_sheet(&name)
                .into_iter()
                .map(|(_, _, d)| *d)
                .collect(),
            Err(_) => Vec::new(),
        },
        Sheets::Xls(x) => x.worksheet_merge_cells(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(Sheet {
        name,
        values,
        formulas,
        merged,
    })
}

/// `B1` for 0-based `(row, column)`.
fn cell_name((row, col): (u32, u32)) -> String {
    format!(
        "{}{}",
        super::column_letters(col as usize + 1),
        u64::from(row) + 1
    )
}

/// The text of a cell with `value` (and `formula`, when it holds one), or what is wrong with it.
fn cell_text<'a>(
    value: Option<&'a Data>,
    formula: Option<&str>,
) -> Result<Cow<'a, str>, SheetCell> {
    let formula = formula.filter(|f| !f.trim().is_empty());
    match (value, formula) {
        (None | Some(Data::Empty), Some(f)) => return Err(SheetCell::Formula(f.to_string())),
        (Some(Data::String(s)), Some(f)) if s.is_empty() => {
            return Err(SheetCell::Formula(f.to_string()))
        }
        // a formula's error saved as its text (as some writers do)
        (Some(Data::String(s)), Some(_)) if ERRORS.contains(&s.as_str()) => {
            return Err(SheetCell::Error(s.clone()))
        }
        _ => {}
    }
    match value {
        None | Some(Data::Empty) => Ok(Cow::Borrowed("")),
        Some(Data::String(s)) => Ok(Cow::Borrowed(s)),
        Some(Data::Int(i)) => Ok(Cow::Owned(i.to_string())),
        Some(Data::Float(f)) => shown(*f).map(Cow::Owned),
        Some(Data::Bool(b)) => Ok(Cow::Borrowed(if *b { "true" } else { "false" })),
        Some(Data::DateTime(d)) if d.is_duration() => Err(SheetCell::Duration(d.to_string())),
        Some(Data::DateTime(d)) => Err(SheetCell::Date(date_text(d.as_f64()))),
        Some(Data::DateTimeIso(d)) => Err(SheetCell::Date(d.clone())),
        Some(Data::DurationIso(d)) => Err(SheetCell::Duration(d.clone())),
        Some(Data::Error(e)) => Err(SheetCell::Error(e.to_string())),
    }
}

/// The error values a formula can give.
const ERRORS: [&str; 8] = [
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#DATA!",
];

/// The most significant digits a number stored as a float is taken with (a spreadsheet shows
/// 15), and the most decimals.
const FLOAT_DIGITS: usize = 15;
const FLOAT_DECIMALS: usize = 9;

/// A float's text: its shortest exact decimal (Rust's `Display` of `f64`, which never uses an
/// exponent) when it has at most [`FLOAT_DIGITS`] significant digits and [`FLOAT_DECIMALS`]
/// decimals — the value the cell shows — else [`SheetCell::Inexact`].
pub(crate) fn shown(f: f64) -> Result<String, SheetCell> {
    let text = f.to_string();
    if !f.is_finite() {
        return Err(SheetCell::Inexact(text));
    }
    let digits = text.trim_start_matches('-');
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all: String = format!("{int}{frac}");
    let significant = all.trim_start_matches('0').trim_end_matches('0').len();
    if frac.len() <= FLOAT_DECIMALS && significant <= FLOAT_DIGITS {
        // `-0` is 0
        Ok(if f == 0.0 { "0".to_string() } else { text })
    } else {
        Err(SheetCell::Inexact(text))
    }
}

/// `2022-03-01` (with `12:30` when there is a time of day) for a date serial number of the
/// 1900 date system (day 1 is 1900-01-01; Lotus's 1900-02-29 is counted).
fn date_text(serial: f64) -> String {
    if !serial.is_finite() || serial.abs() > 1e7 {
        return serial.to_string();
    }
    let day = serial.floor();
    let minutes = ((serial - day) * 24.0 * 60.0).round() as i64;
    // days since 1970-01-01 (serial 25569)
    let z = day as i64 - 25569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let date = format!("{y:04}-{m:02}-{d:02}");
    if minutes == 0 {
        date
    } else {
        format!("{date} {:02}:{:02}", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_taken_as_shown() {
        assert_eq!(shown(3.0).unwrap(), "3");
        assert_eq!(shown(-0.0).unwrap(), "0");
        assert_eq!(shown(12.5).unwrap(), "12.5");
        assert_eq!(shown(0.1).unwrap(), "0.1");
        assert_eq!(shown(1e20).unwrap(), "100000000000000000000");
        assert!(shown(0.1 + 0.2).is_err());
        assert!(shown(1.0 / 3.0).is_err());
        assert!(shown(f64::NAN).is_err());
        assert!(shown(12_345_678_901_234_567.0).is_err());
    }

    #[test]
    fn dates_are_shown_as_dates() {
        assert_eq!(date_text(44621.0), "2022-03-01");
        assert_eq!(date_text(44621.5), "2022-03-01 12:00");
        assert_eq!(date_text(25569.0), "1970-01-01");
    }

    #[test]
    fn unpacked_size_is_what_the_entries_declare() {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            zip.write_all(&vec![b' '; 3 << 20]).unwrap();
            zip.start_file("b.xml", opts).unwrap();
            zip.write_all(b"<a/>").unwrap();
            zip.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 100_000, "{} bytes packed", bytes.len());
        assert_eq!(unpacked_size(&bytes), (3 << 20) + 4);
        assert_eq!(unpacked_size(b"unit,q1\n"), 0);
    }

    #[test]
    fn cells_are_named_as_spreadsheets_do() {
        assert_eq!(cell_name((0, 1)), "B1");
        assert_eq!(cell_name((3, 26)), "AA4");
        assert!(magic(b"PK\x03\x04rest").is_some());
        assert!(magic(b"unit,q1\n").is_none());
    }
}
