//! CSV: UTF-8 (optional BOM), `,` `;` or tab detected from the header line, quoted cells.
//!
//! The file is read record by record into one reused `ByteRecord`; the header is mapped to
//! slots once; each cell is decoded on its own so that invalid UTF-8 is reported with its row
//! and column. Rows of the wrong length are reported (the reader runs in flexible mode only so
//! that it can go on after such a row).

use super::cell::{int_cell, multi_cell, nfc_trim, one_byte_cell, FastCell, Slots, MAX_CELL_BYTES};
use super::error::InputError;
use super::{CellRef, FileCtx, Place, RowData, Sink};
use crate::schema::Ref;
use crate::suggest;
use crate::value::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

/// What a column holds.
enum Col<'a> {
    Unit,
    /// A slot; `source_error` is set when the file's declared source may not answer it.
    Slot {
        slot: usize,
        source_error: Option<(String, String)>,
        /// The plain-cell decoder (`General` when the column has a source error).
        fast: FastCell<'a>,
    },
    /// Unknown or repeated column (already reported); its cells are not read.
    Ignore,
    /// A column with an empty header: its cells must be empty.
    Unnamed,
}

fn mib(n: usize) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

/// Reads one CSV file into the sink.
pub(crate) fn read<R: Read, S: Sink>(ctx: &FileCtx, input: R, sink: &mut S) -> Result<(), S::Err> {
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
    InputError::file(ctx.name, Place::Row, format!("cannot read the file: {e}")).at_row(row)
}

/// A CSV file's reader, positioned after the header.
pub(crate) type Records<R> = ::csv::Reader<BufReader<R>>;

/// Opens a CSV file: BOM, encoding, delimiter and header (problems go to the sink). `None` when
/// the file cannot be read (no header, no unit column, ...).
pub(crate) fn open<'a, R: Read, S: Sink>(
    ctx: &FileCtx<'a, '_>,
    input: R,
    sink: &mut S,
) -> Option<(Records<R>, Decoder<'a>)> {
    let ferr = |msg: String| InputError::file(ctx.name, Place::Row, msg);
    let mut br = BufReader::with_capacity(1 << 16, input);
    let head: Vec<u8> = match br.fill_buf() {
        Ok(b) => b.to_vec(),
        Err(e) => {
            sink.file_error(ferr(format!("cannot read the file: {e}")));
            return None;
        }
    };
    if head.starts_with(b"\xEF\xBB\xBF") {
        br.consume(3);
    } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        sink.file_error(
            ferr("the file is UTF-16 encoded".into())
                .with_help("save it as \"CSV UTF-8\" (in Excel: Save As → CSV UTF-8)"),
        );
        return None;
    }
    let delim = detect_delimiter(ctx, head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head));
    let mut rdr = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .buffer_capacity(1 << 16)
        .from_reader(br);
    let mut rec = ::csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => {
            sink.file_error(ferr("empty file (no header)".into()).with_help(format!(
                "the first row must name the columns: `{}` and the question ids",
                ctx.unit_column
            )));
            return None;
        }
        Err(e) => {
            sink.file_error(ferr(format!("cannot read the file: {e}")).at_row(1));
            return None;
        }
    }
    let header_row = 1;
    let (plan, names, unit_idx) = header(ctx, &rec, header_row, sink)?;
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
    Some((
        rdr,
        Decoder {
            plain,
            plan,
            names,
            unit_idx,
            columns: slot_columns.into(),
            delim,
        },
    ))
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
    delim: u8,
}

impl Decoder<'_> {
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
            names,
            plain,
            unit_idx,
            columns,
            delim,
        } = self;
        let (unit_idx, delim) = (*unit_idx, *delim);
        let ncols = plan.len();
        let nslots = ctx.slots.len();
        // the record's bytes are its cells' bytes, without delimiters
        if rec.as_slice().trim_ascii().is_empty() {
            sink.blank(ctx.file, row);
            return Ok(());
        }
        let err = |msg: String| InputError::file(ctx.name, Place::Row, msg).at_row(row);
        let mut rd = RowData::new(ctx.file, row, Place::Row, Vec::new());
        // the unit id
        let id_col = unit_idx + 1;
        let uname = &names[unit_idx];
        let id: Result<String, InputError> = match rec.get(unit_idx).map(<[u8]>::trim_ascii) {
            None => Err(err("the row has no unit id".into())),
            Some(b) if b.len() > MAX_CELL_BYTES => Err(err(format!(
                "the unit id is {} long (cells are limited to 1 MiB)",
                mib(b.len())
            ))
            .at_column(id_col, uname)),
            Some(b) => match std::str::from_utf8(b) {
                Ok(s) => {
                    let s = nfc_trim(s);
                    if s.is_empty() {
                        Err(err("the row has no unit id".into())
                            .at_column(id_col, uname)
                            .with_help(format!(
                                "fill in `{}`, or delete the row if it is not a unit",
                                ctx.unit_column
                            )))
                    } else {
                        Ok(s)
                    }
                }
                Err(e) => Err(utf8_error(err(String::new()), b, e).at_column(id_col, uname)),
            },
        };
        if rec.len() != ncols {
            let help = if rec.len() < ncols && rec.iter().any(|c| c.contains(&b'\n')) {
                "a cell of this row holds a line break: a quote `\"` is probably not closed"
                    .to_string()
            } else {
                format!(
                    "a cell probably contains an unquoted `{}`; put such cells in double quotes",
                    delim as char
                )
            };
            let e = err(format!(
                "the row has {} cells but the header has {ncols} columns",
                rec.len()
            ))
            .with_help(help)
            .for_unit(id.as_ref().ok().map(String::as_str));
            rd.id = id.ok();
            rd.errors.push(e);
            return sink.row(rd);
        }
        let id = match id {
            Ok(id) => id,
            Err(e) => {
                rd.errors.push(e);
                return sink.row(rd);
            }
        };
        sink.buffers().into_row(&mut rd, nslots);
        rd.columns = Some(Arc::clone(columns));
        // the row's text when it is ASCII, found when a cell first needs the general path
        let mut ascii: Option<Option<&str>> = None;
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
                    rd.errors.push(
                        err(format!("a value in column {}, which has no name", i + 1))
                            .at_column(i + 1, "")
                            .for_unit(Some(&id))
                            .with_help("name the column in the header row, or delete the value"),
                    );
                    continue;
                }
            };
            let cell_err = |msg: String| err(msg).at_column(i + 1, &names[i]).for_unit(Some(&id));
            if b.len() > MAX_CELL_BYTES {
                rd.errors.push(
                    cell_err(format!(
                        "the cell is {} long; cells are limited to 1 MiB",
                        mib(b.len())
                    ))
                    .with_help("shorten the text, or check for an unclosed quote `\"`"),
                );
                continue;
            }
            // an ASCII row is valid UTF-8 in every cell: slice the row's text
            let all = *ascii.get_or_insert_with(|| {
                let b = rec.as_slice();
                if b.is_ascii() {
                    std::str::from_utf8(b).ok()
                } else {
                    None
                }
            });
            let text = match (all, rec.range(i)) {
                (Some(all), Some(r)) => all.get(r).map(|t| t.trim_ascii()),
                _ => None,
            };
            let decoded = match text {
                Some(t) => Ok(t),
                None => std::str::from_utf8(b),
            };
            let s = match decoded {
                // Unicode spaces (NBSP, ...) can only be at the ends if a non-ASCII byte is
                Ok(s) if b[0] >= 0x80 || b[b.len() - 1] >= 0x80 => s.trim(),
                Ok(s) => s,
                Err(e) => {
                    rd.errors.push(utf8_error(cell_err(String::new()), b, e));
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
                    if let Some((m, h)) = source_error {
                        rd.errors.push(cell_err(m.clone()).with_help(h.clone()));
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
                Err(ce) => rd.errors.push(cell_err(ce.message).with_help_opt(ce.help)),
            }
        }
        rd.id = Some(id);
        sink.row(rd)
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

fn utf8_error(base: InputError, b: &[u8], e: std::str::Utf8Error) -> InputError {
    let at = e.valid_up_to();
    let mut e = base;
    e.message = format!(
        "the cell is not valid UTF-8 (byte 0x{:02X} at byte {} of the cell)",
        b[at],
        at + 1
    );
    e.help = Some(
        "the file is probably saved in another encoding (e.g. Windows-1257); save it as \"CSV UTF-8\""
            .into(),
    );
    e
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
    let herr = |msg: String, col: usize, name: &str| {
        InputError::file(ctx.name, Place::Row, msg)
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
                sink.file_error(utf8_error(herr(String::new(), col, &lossy), raw, e));
                plan.push(Col::Ignore);
                names.push(lossy);
                continue;
            }
        };
        let c = if name.is_empty() {
            Col::Unnamed
        } else if name == ctx.unit_column {
            if let Some(u) = unit_idx {
                sink.file_error(
                    herr(
                        format!(
                            "the unit column `{name}` appears twice (columns {} and {col})",
                            u + 1
                        ),
                        col,
                        &name,
                    )
                    .with_help("delete or rename one of them"),
                );
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
                        sink.file_error(
                            herr(
                                format!(
                                    "column `{name}` appears twice (columns {} and {col})",
                                    first + 1
                                ),
                                col,
                                &name,
                            )
                            .with_help("delete or rename one of them; only the first is read"),
                        );
                        Col::Ignore
                    } else {
                        seen.insert(slot, i);
                        let source_error = ctx.source_error(slot);
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
                }
                None => {
                    sink.file_error(
                        herr(format!("unknown column `{name}`"), col, &name)
                            .with_help(suggest::hint(&name, candidates.iter().copied(), "column")),
                    );
                    Col::Ignore
                }
            }
        };
        plan.push(c);
        names.push(name);
    }
    match unit_idx {
        Some(u) => Some((plan, names, u)),
        None => {
            let close = suggest::closest(ctx.unit_column, names.iter().map(String::as_str));
            let help = match close {
                Some(c) => format!(
                    "is it column `{c}`? Rename it to `{}`, or pass the unit column's name (--unit-column)",
                    ctx.unit_column
                ),
                None => format!(
                    "add a column `{}` with the unit (municipality) ids, or set `unit_column` under [survey]",
                    ctx.unit_column
                ),
            };
            sink.file_error(
                InputError::file(
                    ctx.name,
                    Place::Row,
                    format!("no unit column `{}` in the header", ctx.unit_column),
                )
                .at_row(header_row)
                .with_help(help),
            );
            None
        }
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
