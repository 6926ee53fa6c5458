//! Reading municipalities' submissions (CSV, workbooks, JSON, JSON Lines) into typed per-unit answers.
//!
//! [`load`] reads every file, parses each cell by its question's kind, and merges the units
//! across files by id and source precedence. Nothing is dropped silently: every data row ends up
//! in a [`Unit`], in [`Loaded::rejected`], in an error that names its row, or is counted as a
//! blank row. [`stream_csv`] reads one large CSV without keeping the units in memory.
//!
//! The accepted formats and normalisation choices are described in `docs/input.md`.

mod cell;
mod csv;
mod encoding;
mod error;
mod hint;
mod json;
mod kind;
mod merge;
mod parallel;
mod sheet;
mod source;
#[cfg(test)]
mod tests;

pub use cell::parse_value;
pub use error::{column_letters, ColumnRef, InputError, Place};
pub use kind::{excerpt, InputErrorKind, NumberHint, SheetCell};
pub use parallel::{stream_parallel, Work};

use crate::schema::{Schema, Source};
use crate::value::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input file and the source its answers come from (`expert=answers.csv`). The path `-` is
/// standard input.
///
/// A source that can be read only once (standard input, a FIFO) is read once by all the
/// readings of a spec and its clones: what the first reading read is kept for the next ones.
#[derive(Debug, Clone)]
pub struct InputSpec {
    pub path: PathBuf,
    pub source: Option<Source>,
    once: source::Once,
}

/// Two specs are equal when they name the same path and source.
impl PartialEq for InputSpec {
    fn eq(&self, o: &InputSpec) -> bool {
        self.path == o.path && self.source == o.source
    }
}

impl Eq for InputSpec {}

impl InputSpec {
    pub fn new(path: impl Into<PathBuf>, source: Option<Source>) -> Self {
        InputSpec {
            path: path.into(),
            source,
            once: source::Once::default(),
        }
    }

    /// Whether the spec reads standard input (its path is `-`).
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// Parses every argument ([`InputSpec::parse`]); standard input may be named only once
    /// (as `-`, `/dev/stdin`, `/dev/fd/0` or `/proc/self/fd/0`), and so may a FIFO.
    pub fn parse_all(args: &[String]) -> Result<Vec<InputSpec>, String> {
        let specs = args
            .iter()
            .map(|a| InputSpec::parse(a))
            .collect::<Result<Vec<_>, _>>()?;
        for (j, b) in specs.iter().enumerate() {
            for (i, a) in specs[..j].iter().enumerate() {
                if let Some(what) = a.read_once_with(b) {
                    return Err(format!(
                        "`{}` (argument {}) and `{}` (argument {}) both name {what}, which can be read only once",
                        args[i],
                        i + 1,
                        args[j],
                        j + 1
                    ));
                }
            }
        }
        Ok(specs)
    }

    /// What `self` and `o` both read if it is a source that can be read only once.
    fn read_once_with(&self, o: &InputSpec) -> Option<&'static str> {
        let stdin = |s: &InputSpec| {
            s.is_stdin()
                || ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
                    .iter()
                    .any(|p| s.path.as_os_str() == *p)
        };
        if stdin(self) && stdin(o) {
            return Some("standard input");
        }
        let once = std::fs::metadata(&self.path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        let same = || match (self.path.canonicalize(), o.path.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        (once && same()).then_some("a pipe")
    }

    /// `[SOURCE=]PATH`: `expert=data/experts.csv`, or just `data/self.csv`.
    ///
    /// A prefix that is a word but not a source is an error (`experts=a.csv`), unless the whole
    /// argument names an existing file.
    pub fn parse(arg: &str) -> Result<InputSpec, String> {
        if let Some((pre, path)) = arg.split_once('=') {
            if let Some(src) = Source::parse(pre.trim()) {
                if path.is_empty() {
                    return Err(format!("`{arg}`: the path after `=` is missing"));
                }
                return Ok(InputSpec::new(path, Some(src)));
            }
            let wordlike = !pre.is_empty()
                && pre
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if wordlike && !Path::new(arg).exists() {
                let names = Source::ALL.map(Source::as_str);
                let hint = crate::suggest::hint(pre, names, "source");
                return Err(format!("`{pre}` is not a source: {hint}"));
            }
        }
        if arg.is_empty() {
            return Err("empty input path".into());
        }
        Ok(InputSpec::new(arg, None))
    }
}

/// How to read a file. Detected from the extension and content unless given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Csv,
    Json,
    JsonLines,
    /// A spreadsheet workbook (xlsx, xlsm, xlsb, xls, ods): one sheet of it.
    Workbook,
}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The column (CSV) or key (JSON) naming the unit; default: the schema's `unit_column`.
    pub unit_column: Option<String>,
    /// Load the good units and reject the bad ones (with reasons) instead of failing.
    pub lenient: bool,
    /// Force a format for every file.
    pub format: Option<Format>,
    /// The sheet read from a workbook (default: the first).
    pub sheet: Option<String>,
    /// Which source wins when two answer the same question, highest first. Sources not listed
    /// rank below the listed ones in the default order (expert, auto, self).
    pub precedence: Vec<Source>,
}

/// A data row: the file (index into the specs) and its row number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Origin {
    pub file: u16,
    /// CSV: the record number with the header as row 1 (first data row = 2).
    /// JSON Lines: the line. JSON array: the object number (1-based).
    pub row: u64,
}

/// Where one value was read: file, row, and CSV column (1-based; `None` for JSON, where the
/// key is the slot's id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct CellRef {
    pub file: u16,
    pub row: u64,
    pub column: Option<u32>,
}

/// An answer that lost to a higher-precedence source.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Overridden {
    pub slot: usize,
    pub source: Option<Source>,
    #[serde(skip)]
    pub value: Value,
    pub text: Option<String>,
    pub cell: CellRef,
}

/// One municipality's answers. Slots: `schema.questions` first, then `schema.meta`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// NFC, trimmed.
    pub id: String,
    pub answers: Vec<Value>,
    /// Raw (trimmed, NFC) text for free-text questions and metadata fields.
    pub texts: Vec<Option<String>>,
    /// Who gave each slot (questions); metadata has the file's declared source, if any.
    pub sources: Vec<Option<Source>>,
    /// The rows this unit was read from, in reading order.
    pub origins: Vec<Origin>,
    /// Where each slot's (winning) value was read; use [`Unit::cell`], which also knows the
    /// cells a streaming CSV reader did not record one by one.
    pub cells: Vec<Option<CellRef>>,
    pub overridden: Vec<Overridden>,
    /// For a unit read from one CSV row by `input::stream`: the column of each slot (1-based;
    /// 0: none). A value read by a plain-cell decoder has no `cells` entry; its cell is its
    /// column in the unit's row (see [`Unit::cell`]).
    pub(crate) columns: Option<Arc<[u32]>>,
}

impl Unit {
    /// An empty unit (no allocation).
    pub(crate) fn blank() -> Unit {
        Unit {
            id: String::new(),
            answers: Vec::new(),
            texts: Vec::new(),
            sources: Vec::new(),
            origins: Vec::new(),
            cells: Vec::new(),
            overridden: Vec::new(),
            columns: None,
        }
    }

    /// Where the value of `slot` was read, if it was.
    pub fn cell(&self, slot: usize) -> Option<CellRef> {
        if let Some(c) = self.cells.get(slot).copied().flatten() {
            return Some(c);
        }
        let col = *self.columns.as_ref()?.get(slot)?;
        match (self.origins.as_slice(), self.answers.get(slot)) {
            ([o], Some(v)) if col > 0 && v.is_answered() => Some(CellRef {
                file: o.file,
                row: o.row,
                column: Some(col),
            }),
            _ => None,
        }
    }

    /// The value of a question or metadata field by id.
    pub fn get(&self, schema: &Schema, id: &str) -> Option<Value> {
        let slot = slot_of(schema, id)?;
        self.answers.get(slot).copied()
    }

    /// The kept text of a free-text question or metadata field by id.
    pub fn text(&self, schema: &Schema, id: &str) -> Option<&str> {
        let slot = slot_of(schema, id)?;
        self.texts.get(slot)?.as_deref()
    }
}

/// The slot of a question or metadata id: questions first, then metadata.
pub fn slot_of(schema: &Schema, id: &str) -> Option<usize> {
    match schema.lookup(id)? {
        crate::schema::Ref::Question(i) => Some(i),
        crate::schema::Ref::Meta(i) => Some(schema.questions.len() + i),
    }
}

/// A unit that was not loaded, with every reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    pub unit: String,
    pub origins: Vec<Origin>,
    pub reasons: Vec<InputError>,
}

/// An input file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub name: String,
    pub format: Format,
    pub source: Option<Source>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Good units, in order of first appearance.
    pub units: Vec<Unit>,
    /// Strict mode: every problem. Lenient mode: the problems that belong to no unit (file
    /// problems, rows without a unit id); unit problems are in `rejected`.
    pub errors: Vec<InputError>,
    /// Units not loaded (both modes), in order of first appearance, with all their reasons.
    pub rejected: Vec<Rejected>,
    /// Data rows read (CSV records after the header, JSON objects/lines).
    pub rows_read: u64,
    /// Rows whose cells are all empty (skipped; counted in `rows_read`).
    pub blank_rows: u64,
    /// The files, indexed by `Origin::file` / `CellRef::file`.
    pub files: Vec<FileInfo>,
}

impl Loaded {
    /// `data.csv:14:3`, `data.jsonl:7`, `data.json, object 12` for a cell.
    pub fn describe(&self, cell: &CellRef) -> String {
        describe_cell(&self.files, cell)
    }

    /// True when nothing went wrong.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.rejected.is_empty()
    }

    /// Places problem `e` in its sheet when its file is a workbook (a problem made with the
    /// row and column of a cell, as the merging and the checks of the rules make them, is shown
    /// as `answers.xlsx, sheet Atbildes, cell G4`).
    pub fn locate(&self, e: &mut InputError) {
        locate(&self.files, e);
    }

    /// [`Loaded::locate`] for every problem, of the files and of the rejected units.
    pub fn locate_all(&mut self) {
        let files = &self.files;
        if !files.iter().any(|f| f.format == Format::Workbook) {
            return;
        }
        for e in self.errors.iter_mut() {
            locate(files, e);
        }
        for r in self.rejected.iter_mut() {
            for e in r.reasons.iter_mut() {
                locate(files, e);
            }
        }
    }
}

/// See [`Loaded::locate`].
fn locate(files: &[FileInfo], e: &mut InputError) {
    if e.place != Place::Row && e.place != Place::Cell {
        return;
    }
    let book = files
        .iter()
        .find(|f| f.format == Format::Workbook && f.name == e.file);
    if let Some(f) = book {
        e.place = Place::Cell;
        if e.sheet.is_none() {
            e.sheet = f.sheet.clone().map(Box::new);
        }
    }
}

pub(crate) fn describe_cell(files: &[FileInfo], cell: &CellRef) -> String {
    let Some(f) = files.get(cell.file as usize) else {
        return format!("file {} row {}", cell.file, cell.row);
    };
    match (f.format, cell.column) {
        (Format::Json, _) => format!("{}, object {}", f.name, cell.row),
        (Format::Workbook, c) => {
            let sheet = f
                .sheet
                .as_deref()
                .map(error::sheet_name)
                .unwrap_or_default();
            match c {
                Some(c) => format!(
                    "{}, sheet {sheet}, cell {}{}",
                    f.name,
                    column_letters(c as usize),
                    cell.row
                ),
                None => format!("{}, sheet {sheet}, row {}", f.name, cell.row),
            }
        }
        (_, Some(c)) => format!("{}:{}:{c}", f.name, cell.row),
        (_, None) => format!("{}:{}", f.name, cell.row),
    }
}

/// What [`stream_csv`] read.
#[derive(Debug, Clone, Default)]
pub struct StreamSummary {
    pub rows_read: u64,
    pub blank_rows: u64,
    /// Units passed to the callback.
    pub units: u64,
    /// As in [`Loaded::errors`]. A duplicate unit id is reported here; its first row has
    /// already been passed on.
    pub errors: Vec<InputError>,
    pub rejected: Vec<Rejected>,
}

/// One row as a reader produced it, before merging.
pub(crate) struct RowData {
    pub file: u16,
    pub row: u64,
    pub place: Place,
    /// NFC, trimmed; `None` when the row has no (readable) unit id — then `errors` says why.
    pub id: Option<String>,
    pub answers: Vec<Value>,
    pub texts: Vec<Option<String>>,
    pub cells: Vec<Option<CellRef>>,
    /// CSV: the column of each slot (see [`Unit::columns`]); answered slots without a `cells`
    /// entry were read from their column of this row.
    pub columns: Option<Arc<[u32]>>,
    /// Problems of this row (their `unit` is filled in).
    pub errors: Vec<InputError>,
}

impl RowData {
    /// A row with no id, no answers and the given problems (a reader fills in the rest).
    pub fn new(file: u16, row: u64, place: Place, errors: Vec<InputError>) -> RowData {
        RowData {
            file,
            row,
            place,
            id: None,
            answers: Vec::new(),
            texts: Vec::new(),
            cells: Vec::new(),
            columns: None,
            errors,
        }
    }

    /// Records the cell of every answered slot that has a column but no `cells` entry (for
    /// readers that merge rows, which need every cell).
    pub fn fill_cells(&mut self) {
        let Some(cols) = self.columns.take() else {
            return;
        };
        for (slot, (cell, v)) in self.cells.iter_mut().zip(&self.answers).enumerate() {
            match cols.get(slot) {
                Some(&col) if col > 0 && cell.is_none() && v.is_answered() => {
                    *cell = Some(CellRef {
                        file: self.file,
                        row: self.row,
                        column: Some(col),
                    })
                }
                _ => {}
            }
        }
    }
}

/// Vectors a reader fills one row into.
#[derive(Default)]
pub(crate) struct Buffers {
    pub answers: Vec<Value>,
    pub texts: Vec<Option<String>>,
    pub cells: Vec<Option<CellRef>>,
}

impl Buffers {
    /// Fills the row's vectors with `n` unanswered slots (reusing these buffers' memory; the
    /// texts are only rewritten when some slot had one).
    pub fn into_row(self, rd: &mut RowData, n: usize) {
        fn reset<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
            if v.len() == n {
                v.fill(x);
            } else {
                v.clear();
                v.resize(n, x);
            }
        }
        rd.answers = self.answers;
        reset(&mut rd.answers, n, Value::UNANSWERED);
        rd.cells = self.cells;
        reset(&mut rd.cells, n, None);
        rd.texts = self.texts;
        if rd.texts.len() != n || rd.texts.iter().any(Option::is_some) {
            rd.texts.clear();
            rd.texts.resize(n, None);
        }
    }
}

/// Where readers send what they read. Every data row goes to `row` or `blank` exactly once.
pub(crate) trait Sink {
    type Err;
    fn file_error(&mut self, e: InputError);
    fn row(&mut self, r: RowData) -> Result<(), Self::Err>;
    fn blank(&mut self, file: u16, row: u64);
    /// Vectors for the next row (a streaming sink hands back the previous unit's, so that
    /// reading does not allocate per row). Their contents are to be overwritten.
    fn buffers(&mut self) -> Buffers {
        Buffers::default()
    }
}

/// The unit column in effect.
pub(crate) fn unit_column<'a>(schema: &'a Schema, opts: &'a LoadOptions) -> &'a str {
    opts.unit_column.as_deref().unwrap_or(&schema.unit_column)
}

/// The format of a file: the override, else a workbook by its first bytes (a zip archive or an
/// OLE file, whatever its name), else `.xlsx/.xlsm/.xlsb/.xls/.ods` → workbook,
/// `.csv/.tsv/.txt` → CSV, `.jsonl/.ndjson` → JSON Lines, `.json` → JSON (an array) or JSON
/// Lines; else by the first non-space byte.
pub(crate) fn detect_format(path: &Path, forced: Option<Format>, head: &[u8]) -> Format {
    if let Some(f) = forced {
        return f;
    }
    if sheet::magic(head).is_some() {
        return Format::Workbook;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let first = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .copied();
    match ext.as_deref() {
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => Format::Workbook,
        Some("csv" | "tsv" | "txt") => Format::Csv,
        Some("jsonl" | "ndjson") => Format::JsonLines,
        Some("json") if first == Some(b'[') => Format::Json,
        Some("json") => Format::JsonLines,
        _ => match first {
            Some(b'[') => Format::Json,
            Some(b'{') => Format::JsonLines,
            _ => Format::Csv,
        },
    }
}

/// Whether any of the files is read as a workbook: `forced` when the format is named
/// (`--input-format`), else as [`load`] detects it (for `--sheet`, which only a workbook uses).
/// A source read once (`-`, a FIFO) keeps what is peeked here for its reading.
pub fn any_workbook(specs: &[InputSpec], forced: Option<bool>) -> bool {
    if let Some(workbook) = forced {
        return workbook;
    }
    specs.iter().any(|spec| {
        let opened = source::open(spec).and_then(source::peek);
        let head = opened.as_ref().map_or(&[][..], |p| p.head());
        detect_format(&spec.path, None, head) == Format::Workbook
    })
}

/// Reads every file and merges the units. Never panics on bad input; see [`Loaded`].
///
/// Each file is opened once: its format is detected from its first bytes (`source::peek`),
/// which are then read again from memory by the file's reader.
pub fn load(schema: &Schema, specs: &[InputSpec], opts: &LoadOptions) -> Loaded {
    let slots = cell::Slots::new(schema);
    let mut merger = merge::Merger::new(&slots, opts);
    for (i, spec) in specs.iter().enumerate() {
        let name = spec.path.display().to_string();
        let file = i as u16;
        let opened = source::open(spec).and_then(source::peek);
        let head = opened.as_ref().map_or(&[][..], |p| p.head());
        let format = detect_format(&spec.path, opts.format, head);
        merger.add_file(FileInfo {
            name: name.clone(),
            format,
            source: spec.source,
            sheet: None,
        });
        let ctx = FileCtx::new(&slots, file, &name, spec, opts);
        // (a CSV reader tells the encoding itself: every reading of a CSV file opens it so)
        let wide = opened
            .as_ref()
            .ok()
            .and_then(|p| encoding::detect(p.head()));
        let r = match (opened, wide) {
            (Ok(peeked), _) if format == Format::Csv => csv::read(&ctx, peeked, &mut merger),
            (Ok(peeked), _) if format == Format::Workbook => {
                read_workbook(&ctx, peeked, opts, &mut merger);
                Ok(())
            }
            (Ok(peeked), _) if sheet::magic(peeked.head()).is_some() => {
                let what = sheet::magic(peeked.head()).unwrap_or_default();
                let format = if format == Format::Json {
                    "JSON"
                } else {
                    "JSON Lines"
                };
                let kind = InputErrorKind::WorkbookAsText { what, format };
                merger.file_error(InputError::file(&name, Place::Row, kind));
                Ok(())
            }
            (Ok(_), Some(wide)) => {
                merger.file_error(encoding::problem(&name, format, wide));
                Ok(())
            }
            // a file that cannot be JSON is judged by its first bytes: reading on would take in
            // the whole of `/dev/zero`
            (Ok(peeked), None) if !json_start(peeked.head()) => {
                json::read(&ctx, peeked.head(), format, &mut merger)
            }
            (Ok(peeked), None) => match read_json_source(peeked, format) {
                Ok(Some(bytes)) => json::read(&ctx, &bytes, format, &mut merger),
                Ok(None) => {
                    let kind = InputErrorKind::TooLarge {
                        what: "the JSON array file",
                        limit_mib: JSON_ARRAY_MAX >> 20,
                        hint: "write one object per line (JSON Lines, `.jsonl`), which is read a line at a time",
                    };
                    merger.file_error(InputError::file(&name, Place::Row, kind));
                    Ok(())
                }
                Err(e) => {
                    merger.file_error(cannot_read(&name, format, &e));
                    Ok(())
                }
            },
            (Err(e), _) => {
                merger.file_error(cannot_read(&name, format, &e));
                Ok(())
            }
        };
        let Ok(()) = r;
    }
    let mut loaded = merger.finish(opts.lenient);
    loaded.locate_all();
    loaded
}

/// Reads a workbook's sheet into the merger (which learns the sheet's name).
fn read_workbook(
    ctx: &FileCtx,
    peeked: source::Peeked<source::Source>,
    opts: &LoadOptions,
    merger: &mut merge::Merger,
) {
    let too_large = |what, limit: u64| {
        let kind = InputErrorKind::TooLarge {
            what,
            limit_mib: limit >> 20,
            hint: "save the sheet as CSV UTF-8, which is read a row at a time",
        };
        InputError::file(ctx.name, Place::Row, kind)
    };
    let bytes = match peeked.read_all(WORKBOOK_FILE_MAX) {
        Ok(Some(b)) => b,
        Ok(None) => {
            merger.file_error(too_large("the workbook file", WORKBOOK_FILE_MAX));
            return;
        }
        Err(e) => {
            merger.file_error(cannot_read(ctx.name, Format::Workbook, &e));
            return;
        }
    };
    if sheet::unpacked_size(&bytes) > WORKBOOK_UNPACKED_MAX {
        merger.file_error(too_large("the workbook, unpacked,", WORKBOOK_UNPACKED_MAX));
        return;
    }
    let Ok(sheet) = sheet::read(ctx, bytes, opts.sheet.as_deref(), merger);
    if let Some(sheet) = sheet {
        merger.set_sheet(ctx.file, sheet);
    }
}

/// Reads one CSV file row by row, passing each good unit to `f` without keeping it.
///
/// Duplicate unit ids are still detected (the ids are kept in a set). Problems are collected in
/// the summary as in [`load`]; an error returned by `f` stops reading and is returned.
pub fn stream_csv<E>(
    schema: &Schema,
    spec: &InputSpec,
    opts: &LoadOptions,
    f: impl FnMut(Unit) -> Result<(), E>,
) -> Result<StreamSummary, E> {
    let slots = cell::Slots::new(schema);
    let name = spec.path.display().to_string();
    let mut f = f;
    // the unit is handed over, so the reader gets fresh vectors for each row
    let cb = |u: &mut Unit| f(std::mem::replace(u, Unit::blank()));
    let mut sink = merge::Streamer::new(&slots, name.clone(), spec.source, opts.lenient, cb);
    let ctx = FileCtx::new(&slots, 0, &name, spec, opts);
    match source::open(spec).and_then(source::peek) {
        Ok(peeked) => csv::read(&ctx, peeked, &mut sink)?,
        Err(e) => sink.file_error(cannot_read(&name, Format::Csv, &e)),
    }
    Ok(sink.finish())
}

/// Why [`stream`] stopped before the end of the file.
#[derive(Debug)]
pub enum StreamStop<E> {
    /// The callback returned this error.
    Callback(E),
    /// The file has to be read with [`load`] instead (the reason says why: a unit id that may
    /// repeat, a JSON array, a line that is not UTF-8, ...). Units may already have been passed
    /// to the callback; the caller discards what it made of them and calls [`load`], which
    /// reports the problem exactly.
    NeedsLoad(&'static str),
}

/// Reads one CSV or JSON Lines file unit by unit, passing each good unit to `f`. What `f` leaves
/// in the unit (its vectors, or others swapped in) is reused for the next row, so reading does not
/// allocate per row.
///
/// Problems are collected in the summary as in [`stream_csv`]. To keep memory flat, unit ids are
/// remembered as 64-bit hashes: when an id's hash was seen before (a repeated unit, or
/// rarely a collision) reading stops with [`StreamStop::NeedsLoad`], and so it does for input
/// that only [`load`] reads (a JSON array, a pretty-printed JSON object, a JSON Lines file that
/// is not UTF-8 or is empty). When `stream` returns `Ok`, the units passed to `f`, the errors
/// and the rejected units are exactly what [`load`] gives for the file (in strict and lenient
/// mode), in the same order.
pub fn stream<E>(
    schema: &Schema,
    spec: &InputSpec,
    opts: &LoadOptions,
    f: impl FnMut(&mut Unit) -> Result<(), E>,
) -> Result<StreamSummary, StreamStop<E>> {
    let (format, slots, name, opened) = stream_start(schema, spec, opts)?;
    let mut f = f;
    let cb = |u: &mut Unit| f(u).map_err(StreamStop::Callback);
    let mut sink = merge::Streamer::new(&slots, name.clone(), spec.source, opts.lenient, cb);
    sink.hash_ids(|| StreamStop::NeedsLoad("a unit id may repeat"));
    let ctx = FileCtx::new(&slots, 0, &name, spec, opts);
    match opened {
        Ok(peeked) => match format {
            Format::JsonLines => {
                let r = std::io::BufReader::with_capacity(1 << 16, peeked.into_reader(0));
                json::read_lines(&ctx, r, &mut sink)?.map_err(StreamStop::NeedsLoad)?
            }
            _ => csv::read(&ctx, peeked, &mut sink)?,
        },
        Err(e) => sink.file_error(cannot_read(&name, format, &e)),
    }
    Ok(sink.finish())
}

/// Whether `head` (a file's first bytes) can start a JSON array or JSON Lines file: after a
/// BOM and white space, `[` or `{` (or nothing yet).
fn json_start(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_none_or(|b| *b == b'[' || *b == b'{')
}

/// All of a JSON source; JSON Lines through the line limit (`source::LINE_MAX`).
fn read_json_source(
    peeked: source::Peeked<source::Source>,
    format: Format,
) -> std::io::Result<Option<Vec<u8>>> {
    if format == Format::JsonLines {
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut peeked.into_reader(0), &mut all)?;
        Ok(Some(all))
    } else {
        peeked.read_all(JSON_ARRAY_MAX)
    }
}

/// The largest workbook file read (it is read whole: calamine needs all of it), documented in
/// docs/input.md ("Limits").
pub const WORKBOOK_FILE_MAX: u64 = 128 << 20;
/// The most a workbook's zip entries may declare they unpack to (a small file that unpacks to
/// gigabytes is refused before anything is unpacked).
pub const WORKBOOK_UNPACKED_MAX: u64 = 1 << 30;
/// The largest JSON array file read (read whole; JSON Lines is read a line at a time).
pub const JSON_ARRAY_MAX: u64 = 512 << 20;

/// A file opened and its first bytes read (or why it cannot be read).
type Opened = std::io::Result<source::Peeked<source::Source>>;

/// What streaming a file starts with: its format (a JSON array is not streamed), the slots, the
/// file's name and the file, opened.
fn stream_start<'s, E>(
    schema: &'s Schema,
    spec: &InputSpec,
    opts: &LoadOptions,
) -> Result<(Format, cell::Slots<'s>, String, Opened), StreamStop<E>> {
    let opened = source::open(spec).and_then(source::peek);
    let head = opened.as_ref().map_or(&[][..], |p| p.head());
    let format = detect_format(&spec.path, opts.format, head);
    if format == Format::Json {
        return Err(StreamStop::NeedsLoad("a JSON array is read as a whole"));
    }
    if format == Format::Workbook {
        return Err(StreamStop::NeedsLoad("a workbook is read as a whole"));
    }
    if format == Format::JsonLines && encoding::detect(head).is_some() {
        return Err(StreamStop::NeedsLoad("the file is not UTF-8"));
    }
    Ok((
        format,
        cell::Slots::new(schema),
        spec.path.display().to_string(),
        opened,
    ))
}

/// What a reader knows about the file it reads.
pub(crate) struct FileCtx<'a, 's> {
    pub slots: &'a cell::Slots<'s>,
    pub file: u16,
    pub name: &'a str,
    pub source: Option<Source>,
    pub unit_column: &'a str,
}

impl<'a, 's> FileCtx<'a, 's> {
    /// The context of file number `file` (`name`, read as `spec` says, with `opts`).
    pub fn new(
        slots: &'a cell::Slots<'s>,
        file: u16,
        name: &'a str,
        spec: &InputSpec,
        opts: &'a LoadOptions,
    ) -> Self {
        FileCtx {
            slots,
            file,
            name,
            source: spec.source,
            unit_column: unit_column(slots.schema, opts),
        }
    }
}

impl FileCtx<'_, '_> {
    /// An error if the file's declared source may not answer `slot` (metadata: any source).
    pub fn source_error(&self, slot: usize) -> Option<InputErrorKind> {
        let info = &self.slots.infos[slot];
        let src = self.source?;
        if info.is_meta || info.q.sources.contains(&src) {
            return None;
        }
        Some(InputErrorKind::WrongSource {
            question: info.q.id.clone(),
            file_source: src,
            allowed: info.q.sources.clone(),
        })
    }
}

fn cannot_read(name: &str, format: Format, e: &std::io::Error) -> InputError {
    let place = match format {
        Format::Json => Place::Object,
        Format::JsonLines => Place::Line,
        Format::Csv => Place::Row,
        Format::Workbook => Place::Cell,
    };
    InputError::file(
        name,
        place,
        InputErrorKind::Unreadable {
            reason: e.to_string(),
        },
    )
}
