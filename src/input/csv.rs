//! CSV: UTF-8 (optional BOM), `,` `;` or tab detected from the header line, quoted cells.
//!
//! The file is read record by record into one reused `ByteRecord`; the header is mapped to
//! slots once; each cell is decoded on its own so that invalid UTF-8 is reported with its row
//! and column. Rows of the wrong length are reported (the reader runs in flexible mode only so
//! that it can go on after such a row).

use super::cell::{int_cell, multi_cell, nfc_trim, one_byte_cell, FastCell, Slots, MAX_CELL_BYTES};
use super::error::InputError;
use super::kind::InputErrorKind;
use super::source::{Peeked, Reader};
use super::{CellRef, FileCtx, Place, RowData, Sink};
use crate::schema::Ref;
use crate::suggest;
use crate::value::Value;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

/// What a column holds.
enum Col<'a> {
    Unit,
    /// A slot; `source_error` is set when the file's declared source may not answer it.
    Slot {
        slot: usize,
        source_error: Option<Box<InputErrorKind>>,
        /// The plain-cell decoder (`General` when the column has a source error).
        fast: FastCell<'a>,
    },
    /// Unknown or repeated column (already reported); its cells are not read.
    Ignore,
    /// A column with an empty header: its cells must be empty.
    Unnamed,
}

/// Reads one CSV file into the sink.
pub(crate) fn read<R: Read, S: Sink>(
    ctx: &FileCtx,
    input: Peeked<R>,
    sink: &mut S,
) -> Result<(), S::Err> {
    let Some((mut rdr, decoder)) = open(ctx, input, sink) else {
        return Ok(());
    };
    let mut rec = ::csv::ByteRecord::new();
    // Row numbers count records (a cell with a line break does not start a new row); the header
    // is row 1. Empty lines are skipped by the reader and not counted.
    let mut row: u64 = 1;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                sink.file_error(read_error(ctx, &e, row + 1));
                break;
            }
        }
        row += 1;
        decoder.row(ctx, &rec, row, sink)?;
    }
    Ok(())
}

/// The error for a record that cannot be read (row `row`).
pub(crate) fn read_error(ctx: &FileCtx, e: &::csv::Error, row: u64) -> InputError {
    let kind = InputErrorKind::Unreadable {
        reason: e.to_string(),
    };
    InputError::file(ctx.name, Place::Row, kind).at_row(row)
}

/// Unknown columns of a header that get a "did you mean" (the rest a plain hint).
const HINTED_COLUMNS: usize = 50;

/// A CSV file's reader, positioned after the header.
pub(crate) type Records<R> = ::csv::Reader<Reader<R>>;

/// Opens a CSV file: BOM, encoding, delimiter and header (problems go to the sink). `None` when
/// the file cannot be read (no header, no unit column, ...). The file's first bytes (`input`'s
/// head) hold its header line, unless it is longer than [`super::source::HEAD_MAX`].
pub(crate) fn open<'a, R: Read, S: Sink>(
    ctx: &FileCtx<'a, '_>,
    input: Peeked<R>,
    sink: &mut S,
) -> Option<(Records<R>, Decoder<'a>)> {
    let ferr = |kind: InputErrorKind| InputError::file(ctx.name, Place::Row, kind);
    let unreadable = |e: &dyn std::fmt::Display| InputErrorKind::Unreadable {
        reason: e.to_string(),
    };
    let head = input.head();
    if let Some(what) = super::sheet::magic(head) {
        let kind = InputErrorKind::WorkbookAsText {
            what,
            format: "CSV",
        };
        sink.file_error(ferr(kind));
        return None;
    }
    if let Some(wide) = super::encoding::detect(head) {
        sink.file_error(super::encoding::problem(ctx.name, super::Format::Csv, wide));
        return None;
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let delim = detect_delimiter(ctx, &head[bom..]);
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .buffer_capacity(1 << 16)
        .from_reader(input.into_reader(bom));
    let mut rec = ::csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => {
            sink.file_error(ferr(InputErrorKind::NoHeader {
                unit_column: ctx.unit_column.to_string(),
            }));
            return None;
        }
        Err(e) => {
            sink.file_error(ferr(unreadable(&e)).at_row(1));
            return None;
        }
    }
    let decoder = Decoder::new(ctx, &rec, 1, Some(delim), sink)?;
    Some((rdr, decoder))
}

/// Decodes the records of one CSV file (its header mapped to slots). Shared by the threads that
/// decode rows with `--jobs`.
pub(crate) struct Decoder<'a> {
    /// The columns by how their cells are decoded.
    plain: Plain<'a>,
    plan: Vec<Col<'a>>,
    names: Vec<String>,
    unit_idx: usize,
    /// The column of each slot (1-based; 0: none).
    columns: Arc<[u32]>,
    /// The CSV file's delimiter; `None` for a workbook's rows.
    delim: Option<u8>,
}

impl<'a> Decoder<'a> {
    /// The decoder of the rows under header record `rec` (row `header_row`): problems of the
    /// header go to the sink; `None` when the rows cannot be read (no unit column). `delim`: the
    /// CSV file's delimiter (`None`: the cells were not read from text, as a workbook's, and
    /// cannot hold an unclosed quote).
    pub(crate) fn new<S: Sink>(
        ctx: &FileCtx<'a, '_>,
        rec: &::csv::ByteRecord,
        header_row: u64,
        delim: Option<u8>,
        sink: &mut S,
    ) -> Option<Decoder<'a>> {
        let (plan, names, unit_idx) = header(ctx, rec, header_row, sink)?;
        // the column of each slot, for the cells the plain-cell decoders do not record
        let mut slot_columns = vec![0u32; ctx.slots.len()];
        for (i, p) in plan.iter().enumerate() {
            if let (Col::Slot { slot, .. }, Ok(col)) = (p, u32::try_from(i + 1)) {
                if let Some(c) = slot_columns.get_mut(*slot) {
                    *c = col;
                }
            }
        }
        let mut plain = Plain::default();
        for (i, c) in plan.iter().enumerate() {
            match c {
                Col::Slot { slot, fast, .. } => match *fast {
                    FastCell::OneByte(t) => plain.one_byte.push((i, *slot, t)),
                    FastCell::Multi(t) => plain.multi.push((i, *slot, t)),
                    FastCell::Int { min, max } => plain.int.push((i, *slot, (min, max))),
                    FastCell::General => plain.general.push(i),
                },
                Col::Unnamed => plain.general.push(i),
                Col::Unit | Col::Ignore => {}
            }
        }
        Some(Decoder {
            plain,
            plan,
            names,
            unit_idx,
            columns: slot_columns.into(),
            delim,
        })
    }
}

impl Decoder<'_> {
    /// The header's name of column `i` (0-based).
    pub(crate) fn column_name(&self, i: usize) -> Option<&str> {
        self.names.get(i).map(String::as_str)
    }

    /// Decodes record `rec`, row `row`, into the sink (a blank row, or a row with its id,
    /// answers and problems).
    pub(crate) fn row<S: Sink>(
        &self,
        ctx: &FileCtx,
        rec: &::csv::ByteRecord,
        row: u64,
        sink: &mut S,
    ) -> Result<(), S::Err> {
        let Decoder {
            plan,
            plain,
            columns,
            ..
        } = self;
        let ncols = plan.len();
        let nslots = ctx.slots.len();
        // the record's bytes are its cells' bytes, without delimiters
        if rec.as_slice().trim_ascii().is_empty() {
            sink.blank(ctx.file, row);
            return Ok(());
        }
        let mut rd = RowData::new(ctx.file, row, Place::Row, Vec::new());
        let id = self.unit_id(ctx, rec, row);
        // only a quoted cell holds a line break: it may be a quote that is not closed and took
        // the rows after it in
        if memchr::memchr(b'\n', rec.as_slice()).is_some() {
            if let Some(kind) = self.unclosed_quote(rec) {
                // a problem of the file, not of this row's unit (no id: it is not a unit row)
                let unit = id.as_ref().ok().map(String::as_str);
                rd.errors.push(
                    InputError::file(ctx.name, Place::Row, kind)
                        .at_row(row)
                        .for_unit(unit),
                );
                return sink.row(rd);
            }
        }
        if rec.len() != ncols {
            let e = self
                .length_error(ctx, rec, row)
                .for_unit(id.as_ref().ok().map(String::as_str));
            rd.id = id.ok();
            rd.errors.push(e);
            return sink.row(rd);
        }
        let id = match id {
            Ok(id) => id,
            Err(e) => {
                rd.errors.push(*e);
                return sink.row(rd);
            }
        };
        sink.buffers().into_row(&mut rd, nslots);
        rd.columns = Some(Arc::clone(columns));
        // the plain cells; then, in column order, the cells that need the general path: those
        // of `plain.general` and the plain columns' cells that are not plain
        let mut pending = Vec::new();
        plain.cells(ctx.slots, rec, &mut rd.answers, &mut pending);
        let general = if pending.is_empty() {
            &plain.general
        } else {
            pending.extend_from_slice(&plain.general);
            pending.sort_unstable();
            &pending
        };
        self.general(ctx, rec, row, &id, general, &mut rd);
        rd.id = Some(id);
        sink.row(rd)
    }

    /// The unit id of record `rec` (row `row`), NFC and trimmed, or why the row has none.
    #[inline]
    fn unit_id(
        &self,
        ctx: &FileCtx,
        rec: &::csv::ByteRecord,
        row: u64,
    ) -> Result<String, Box<InputError>> {
        let no_id = || InputErrorKind::NoUnitId {
            unit_column: ctx.unit_column.to_string(),
        };
        // the problem, and whether it is placed at the unit column's cell
        let problem = match rec.get(self.unit_idx).map(<[u8]>::trim_ascii) {
            // (a row this short has the wrong length, which is what is reported)
            None => (no_id(), false),
            Some(b) if b.len() > MAX_CELL_BYTES => {
                (InputErrorKind::UnitIdTooLong { bytes: b.len() }, true)
            }
            Some(b) => match std::str::from_utf8(b) {
                Ok(s) => {
                    let s = nfc_trim(s);
                    if s.is_empty() {
                        (no_id(), true)
                    } else if s.contains(char::is_control) {
                        (InputErrorKind::UnitIdControl { id: s }, true)
                    } else {
                        return Ok(s);
                    }
                }
                Err(e) => (utf8_kind(b, e), true),
            },
        };
        let e = InputError::file(ctx.name, Place::Row, problem.0).at_row(row);
        Err(Box::new(if problem.1 {
            e.at_column(self.unit_idx + 1, &self.names[self.unit_idx])
        } else {
            e
        }))
    }

    /// [`InputErrorKind::UnclosedQuote`] when a cell of `rec` holds line breaks and some of the
    /// lines after the first look like rows: a record of the header's length (read with the
    /// file's delimiter) with a unit id. `None` for a cell with line breaks that is just text.
    #[cold]
    fn unclosed_quote(&self, rec: &::csv::ByteRecord) -> Option<InputErrorKind> {
        const NAMED: usize = 5;
        let delim = self.delim?;
        let cell = rec.iter().find(|c| c.contains(&b'\n'))?;
        let after = &cell[memchr::memchr(b'\n', cell)? + 1..];
        let mut lines = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(after);
        let (mut rows, mut units) = (0, Vec::new());
        let mut r = ::csv::ByteRecord::new();
        while let Ok(true) = lines.read_byte_record(&mut r) {
            let id = r.get(self.unit_idx).map(<[u8]>::trim_ascii).unwrap_or(&[]);
            if r.len() != self.plan.len() || id.is_empty() {
                continue;
            }
            rows += 1;
            if units.len() < NAMED {
                units.push(nfc_trim(&String::from_utf8_lossy(id)));
            }
        }
        if rows == 0 {
            return None;
        }
        let first_line = rec.position().map_or(0, |p| p.line());
        let breaks = rec.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        Some(InputErrorKind::UnclosedQuote {
            first_line,
            last_line: first_line + breaks - u64::from(rec.as_slice().last() == Some(&b'\n')),
            rows,
            units,
        })
    }

    /// The problem of a record whose length is not the header's.
    #[cold]
    fn length_error(&self, ctx: &FileCtx, rec: &::csv::ByteRecord, row: u64) -> InputError {
        let columns = self.plan.len();
        let kind = InputErrorKind::RowLength {
            cells: rec.len(),
            columns,
            line_break: rec.len() < columns && rec.iter().any(|c| c.contains(&b'\n')),
            delimiter: self.delim.map_or(',', char::from),
        };
        InputError::file(ctx.name, Place::Row, kind).at_row(row)
    }

    /// Decodes the cells of columns `general` (in column order) by the general path, which
    /// reads any cell and reports every problem. `id`: the row's unit.
    #[inline]
    fn general(
        &self,
        ctx: &FileCtx,
        rec: &::csv::ByteRecord,
        row: u64,
        id: &str,
        general: &[usize],
        rd: &mut RowData,
    ) {
        let Decoder { plan, names, .. } = self;
        let err = |kind: InputErrorKind| {
            InputError::file(ctx.name, Place::Row, kind)
                .at_row(row)
                .for_unit(Some(id))
        };
        // the row's text when it is ASCII, found when a cell first needs the general path
        let mut ascii: Option<Option<&str>> = None;
        // values in columns without a name: one problem per row (a header of 100,000 empty
        // names would otherwise give 100,000 per row)
        let mut unnamed: Option<usize> = None;
        for &i in general {
            let Some(b) = rec.get(i).map(<[u8]>::trim_ascii) else {
                continue;
            };
            if b.is_empty() {
                continue;
            }
            let (slot, source_error) = match &plan[i] {
                Col::Slot {
                    slot, source_error, ..
                } => (*slot, source_error),
                Col::Unit | Col::Ignore => continue,
                Col::Unnamed => {
                    note_unnamed(&mut unnamed, &mut rd.errors, || {
                        let kind = InputErrorKind::UnnamedColumn {
                            column: i + 1,
                            more: 0,
                        };
                        err(kind).at_column(i + 1, "")
                    });
                    continue;
                }
            };
            let cell_err = |kind: InputErrorKind| err(kind).at_column(i + 1, &names[i]);
            if b.len() > MAX_CELL_BYTES {
                let kind = InputErrorKind::CellTooLong { bytes: b.len() };
                rd.errors.push(cell_err(kind));
                continue;
            }
            let decoded = match ascii_cell(rec, i, &mut ascii) {
                Some(t) => Ok(t),
                None => std::str::from_utf8(b),
            };
            let s = match decoded {
                // Unicode spaces (NBSP, ...) can only be at the ends if a non-ASCII byte is
                Ok(s) if b[0] >= 0x80 || b[b.len() - 1] >= 0x80 => s.trim(),
                Ok(s) => s,
                Err(e) => {
                    rd.errors.push(cell_err(utf8_kind(b, e)));
                    continue;
                }
            };
            if s.is_empty() {
                continue;
            }
            match ctx.slots.parse(slot, s) {
                Ok(v) => {
                    if matches!(v, Value::Missing(crate::hir::MissingState::Unanswered)) {
                        continue;
                    }
                    if let Some(kind) = source_error {
                        rd.errors.push(cell_err(InputErrorKind::clone(kind)));
                        continue;
                    }
                    rd.answers[slot] = v;
                    rd.cells[slot] = Some(CellRef {
                        file: ctx.file,
                        row,
                        column: Some((i + 1) as u32),
                    });
                    if ctx.slots.infos[slot].keep_text {
                        rd.texts[slot] = Some(nfc_trim(s));
                    }
                }
                Err(ce) => rd.errors.push(cell_err(*ce.0)),
            }
        }
    }
}

/// Cell `i` of `rec`, trimmed, when the row is ASCII (then every cell is valid UTF-8 and is a
/// slice of the row's text, which `ascii` keeps once found).
fn ascii_cell<'r>(
    rec: &'r ::csv::ByteRecord,
    i: usize,
    ascii: &mut Option<Option<&'r str>>,
) -> Option<&'r str> {
    let all = *ascii.get_or_insert_with(|| {
        let b = rec.as_slice();
        if b.is_ascii() {
            std::str::from_utf8(b).ok()
        } else {
            None
        }
    });
    all?.get(rec.range(i)?).map(str::trim_ascii)
}

/// A value in a column without a name: the row's first such value is a problem (`first`), each
/// later one is counted in it (`unnamed`: where the problem is in `errors`).
fn note_unnamed(
    unnamed: &mut Option<usize>,
    errors: &mut Vec<InputError>,
    first: impl FnOnce() -> InputError,
) {
    match unnamed.and_then(|k| errors.get_mut(k)) {
        Some(e) => {
            if let InputErrorKind::UnnamedColumn { more, .. } = &mut *e.kind {
                *more += 1;
            }
        }
        None => {
            *unnamed = Some(errors.len());
            errors.push(first());
        }
    }
}

/// The bounds of a [`FastCell::Int`] column: `(min, max)`.
type IntBounds = (Option<i64>, Option<i64>);

/// A file's columns grouped by how their cells are decoded: each kind of plain cell (see
/// [`FastCell`]) has a loop of its own, without a branch on the kind per cell (which the
/// processor mispredicts when empty cells come at random), and the general path takes the rest.
#[derive(Default)]
struct Plain<'a> {
    /// `(column index, slot, option table)`.
    one_byte: Vec<(usize, usize, &'a [u8; 128])>,
    multi: Vec<(usize, usize, &'a [u8; 128])>,
    /// `(column index, slot, (min, max))`.
    int: Vec<(usize, usize, IntBounds)>,
    /// Columns whose cells always take the general path (slots without a plain decoder,
    /// columns without a name), in column order.
    general: Vec<usize>,
}

impl Plain<'_> {
    /// Decodes the plain cells of `rec` into `answers`; the index of each non-empty cell of a
    /// plain column that is not plain goes to `pending`. A plain cell's origin is its column in
    /// this row (`Decoder::columns`). Apart from `Decoder::row` so that these loops, which
    /// nearly every cell goes through, are compiled on their own (the general path's registers
    /// do not crowd them).
    #[inline(never)]
    fn cells(
        &self,
        slots: &Slots,
        rec: &::csv::ByteRecord,
        answers: &mut [Value],
        pending: &mut Vec<usize>,
    ) {
        #[inline(always)]
        fn each<T: Copy>(
            cols: &[(usize, usize, T)],
            slots: &Slots,
            rec: &::csv::ByteRecord,
            answers: &mut [Value],
            pending: &mut Vec<usize>,
            decode: impl Fn(T, &[u8]) -> Option<Value>,
        ) {
            for &(i, slot, how) in cols {
                let Some(b) = rec.get(i).map(<[u8]>::trim_ascii) else {
                    continue;
                };
                if b.is_empty() {
                    continue;
                }
                let v = if slots.may_be_token(b) {
                    None
                } else {
                    decode(how, b)
                };
                match (v, answers.get_mut(slot)) {
                    (Some(v), Some(a)) => *a = v,
                    _ => pending.push(i),
                }
            }
        }
        each(&self.one_byte, slots, rec, answers, pending, one_byte_cell);
        each(&self.multi, slots, rec, answers, pending, multi_cell);
        each(&self.int, slots, rec, answers, pending, |(min, max), b| {
            int_cell(min, max, b)
        });
    }
}

/// The problem of a cell `b` that is not UTF-8.
#[cold]
fn utf8_kind(b: &[u8], e: std::str::Utf8Error) -> InputErrorKind {
    let at = e.valid_up_to();
    InputErrorKind::CellNotUtf8 {
        byte: b[at],
        position: at + 1,
    }
}

/// Maps the header to columns; reports unknown, repeated and missing columns.
/// `None` when the file cannot be read (no unit column).
fn header<'a, S: Sink>(
    ctx: &FileCtx<'a, '_>,
    rec: &::csv::ByteRecord,
    header_row: u64,
    sink: &mut S,
) -> Option<(Vec<Col<'a>>, Vec<String>, usize)> {
    let schema = ctx.slots.schema;
    let nq = schema.questions.len();
    let mut plan = Vec::with_capacity(rec.len());
    let mut names = Vec::with_capacity(rec.len());
    let mut unit_idx: Option<usize> = None;
    let mut seen: HashMap<usize, usize> = HashMap::new();
    let mut unknown = 0usize;
    // the header's problems, sent when the unit column is known to be there or not
    let mut errs = Vec::new();
    let mut unknown_cols = Vec::new();
    let herr = |kind: InputErrorKind, col: usize, name: &str| {
        InputError::file(ctx.name, Place::Row, kind)
            .at_row(header_row)
            .at_column(col, name)
    };
    let candidates: Vec<&str> = std::iter::once(ctx.unit_column)
        .chain(schema.questions.iter().map(|q| q.id.as_str()))
        .chain(schema.meta.iter().map(|q| q.id.as_str()))
        .collect();
    for (i, raw) in rec.iter().enumerate() {
        let col = i + 1;
        let name = match std::str::from_utf8(raw) {
            Ok(s) => nfc_trim(s.trim_start_matches('\u{feff}')),
            Err(e) => {
                let lossy = String::from_utf8_lossy(raw).into_owned();
                errs.push(herr(utf8_kind(raw, e), col, &lossy));
                plan.push(Col::Ignore);
                names.push(lossy);
                continue;
            }
        };
        let c = if name.is_empty() {
            Col::Unnamed
        } else if name == ctx.unit_column {
            if let Some(u) = unit_idx {
                let kind = InputErrorKind::RepeatedUnitColumn {
                    name: name.clone(),
                    first: u + 1,
                    second: col,
                };
                errs.push(herr(kind, col, &name));
                Col::Ignore
            } else {
                unit_idx = Some(i);
                Col::Unit
            }
        } else {
            let slot = match schema.lookup(&name) {
                Some(Ref::Question(q)) => Some(q),
                Some(Ref::Meta(m)) => Some(nq + m),
                None => None,
            };
            match slot {
                Some(slot) => {
                    if let Some(first) = seen.get(&slot) {
                        let kind = InputErrorKind::RepeatedColumn {
                            name: name.clone(),
                            first: first + 1,
                            second: col,
                        };
                        errs.push(herr(kind, col, &name));
                        Col::Ignore
                    } else {
                        seen.insert(slot, i);
                        slot_col(ctx, slot)
                    }
                }
                None => {
                    unknown += 1;
                    let kind = unknown_column(&name, unknown, &candidates);
                    errs.push(herr(kind, col, &name));
                    unknown_cols.push(i);
                    Col::Ignore
                }
            }
        };
        plan.push(c);
        names.push(name);
    }
    match unit_idx {
        Some(u) => {
            errs.into_iter().for_each(|e| sink.file_error(e));
            Some((plan, names, u))
        }
        None => {
            let e = no_unit_column(ctx, &names, &unknown_cols, &mut errs).at_row(header_row);
            errs.into_iter().for_each(|e| sink.file_error(e));
            sink.file_error(e);
            None
        }
    }
}

/// The problem of the `nth` unknown column of a header, `name`: with a did-you-mean among
/// `candidates` for the first columns only (a header of 100,000 unknown columns, a wrong file,
/// would spend seconds on suggestions).
fn unknown_column(name: &str, nth: usize, candidates: &[&str]) -> InputErrorKind {
    let hint = if nth <= HINTED_COLUMNS {
        suggest::hint(name, candidates.iter().copied(), "column")
    } else {
        "no question or metadata field of the schema has this id".to_string()
    };
    InputErrorKind::UnknownColumn {
        name: name.to_string(),
        hint,
    }
}

/// The problem of a header without the unit column (`names`; `unknown`: the indices of the
/// columns the schema does not know, whose problems are among `errs`). The column it most
/// likely is — a name close to the unit column's, else the first column or the only unknown
/// one — is named in the help (`--unit-column Pašvaldība`), and its "unknown column" problem is
/// taken out of `errs`: it is one mistake, reported once.
fn no_unit_column(
    ctx: &FileCtx,
    names: &[String],
    unknown: &[usize],
    errs: &mut Vec<InputError>,
) -> InputError {
    let similar = suggest::closest(ctx.unit_column, names.iter().map(String::as_str))
        .and_then(|c| names.iter().position(|n| n == c));
    let likely = match (similar, unknown) {
        (Some(i), _) => Some(i),
        (None, [first, ..]) if *first == 0 => Some(0),
        (None, [only]) => Some(*only),
        _ => None,
    };
    let kind = InputErrorKind::NoUnitColumn {
        unit_column: ctx.unit_column.to_string(),
        closest: likely.and_then(|i| names.get(i)).cloned(),
    };
    let e = InputError::file(ctx.name, Place::Row, kind);
    match likely {
        Some(i) => {
            if unknown.contains(&i) {
                errs.retain(|e| {
                    !matches!(&*e.kind, InputErrorKind::UnknownColumn { .. })
                        || e.column.as_ref().and_then(|c| c.index) != Some(i + 1)
                });
            }
            e.at_column(i + 1, &names[i])
        }
        None => e,
    }
}

/// The column of `slot`: decoded by its plain-cell decoder unless the file's source may not
/// answer it.
fn slot_col<'a>(ctx: &FileCtx<'a, '_>, slot: usize) -> Col<'a> {
    let source_error = ctx.source_error(slot).map(Box::new);
    let fast = if source_error.is_some() {
        FastCell::General
    } else {
        ctx.slots.fast_cell(slot)
    };
    Col::Slot {
        slot,
        source_error,
        fast,
    }
}

/// `,`, `;` or tab: the one that splits the header line into the most known column names
/// (then the most columns; `,` on a tie).
fn detect_delimiter(ctx: &FileCtx, head: &[u8]) -> u8 {
    let line = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let line = String::from_utf8_lossy(line);
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t'] {
        let fields: Vec<&str> = line.split(d as char).collect();
        let known = fields
            .iter()
            .filter(|f| {
                let n = nfc_trim(f.trim().trim_matches('"'));
                n == ctx.unit_column || ctx.slots.schema.lookup(&n).is_some()
            })
            .count();
        if (known, fields.len()) > (best.1, best.2) {
            best = (d, known, fields.len());
        }
    }
    best.0
}
