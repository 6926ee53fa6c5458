//! JSON (an array of objects) and JSON Lines (one object per line).
//!
//! Objects are flat (`{"unit": "...", "q": "opt"}`) or nested (`{"unit": "...", "meta": {...},
//! "answers": {...}}`); both may be mixed. Objects are read into [`J`] by [`tree::parse`], which
//! keeps repeated keys so that they can be reported and numbers as written so that they are read
//! exactly ([`number`]). Plain flat lines of JSON Lines are decoded without it, by [`FastLines`].

use super::cell::{nfc_trim, FastCell, Slots, MAX_CELL_BYTES};
use super::error::{CellError, InputError};
use super::kind::InputErrorKind;
use super::{Buffers, CellRef, FileCtx, Format, Place, RowData, Sink};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::suggest;
use crate::value::Value;
use std::borrow::Cow;
use tree::{Syntax, J};

pub(crate) mod number;
mod tree;

/// Reads a JSON or JSON Lines file into the sink.
pub(crate) fn read<S: Sink>(
    ctx: &FileCtx,
    bytes: &[u8],
    format: Format,
    sink: &mut S,
) -> Result<(), S::Err> {
    let place = if format == Format::Json {
        Place::Object
    } else {
        Place::Line
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let kind = InputErrorKind::LineNotUtf8 { line };
            sink.file_error(InputError::file(ctx.name, Place::Line, kind));
            return Ok(());
        }
    };
    if text.trim().is_empty() {
        sink.file_error(InputError::file(ctx.name, place, InputErrorKind::EmptyFile));
        return Ok(());
    }
    match format {
        Format::Json => match tree::parse(text) {
            Ok(J::Arr(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    object(ctx, (i + 1) as u64, Place::Object, item, sink)?;
                }
            }
            Ok(J::Obj(o)) => object(ctx, 1, Place::Object, J::Obj(o), sink)?,
            Ok(other) => {
                let found = other.type_name();
                let kind = InputErrorKind::NotAnArray { found };
                sink.file_error(InputError::file(ctx.name, place, kind))
            }
            Err(e) => sink.file_error(syntax_error(ctx, &e, 0)),
        },
        _ => {
            // a single pretty-printed object is also accepted
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') && text.lines().filter(|l| !l.trim().is_empty()).count() > 1
            {
                if let Ok(J::Obj(o)) = tree::parse(text) {
                    let line = (text.len() - trimmed.len()) as u64;
                    let line = text[..line as usize].matches('\n').count() as u64 + 1;
                    return object(ctx, line, Place::Line, J::Obj(o), sink);
                }
            }
            let mut lines = Lines::new(ctx, true);
            for (i, l) in text.lines().enumerate() {
                let line = (i + 1) as u64;
                if l.trim().is_empty() {
                    continue;
                }
                if let Err(e) = lines.line(ctx, line, l, sink)? {
                    // the row is read (and lost): count it as a row with an error
                    sink.row(RowData::new(
                        ctx.file,
                        line,
                        Place::Line,
                        vec![syntax_error(ctx, &e, line)],
                    ))?;
                }
            }
        }
    }
    Ok(())
}

/// Reads a JSON Lines file line by line into the sink (for [`super::stream`]).
///
/// The result is what [`read`] gives for the same file, or `Ok(Err(reason))` when only [`read`]
/// can read it: a line that is not UTF-8 (reported for the whole file), an empty file, or a first
/// object that does not fit on its line (maybe a pretty-printed object).
///
/// Plain lines are decoded by [`FastLines`]; the others (and lines with any problem) by the
/// general path, [`J`] and [`object`] (as in [`read`]).
pub(crate) fn read_lines<R: std::io::BufRead, S: Sink>(
    ctx: &FileCtx,
    input: R,
    sink: &mut S,
) -> Result<Result<(), &'static str>, S::Err> {
    read_lines_with(ctx, input, sink, true)
}

/// [`read_lines`], with or without the fast path (`fast`: only tests turn it off).
fn read_lines_with<R: std::io::BufRead, S: Sink>(
    ctx: &FileCtx,
    mut input: R,
    sink: &mut S,
    fast: bool,
) -> Result<Result<(), &'static str>, S::Err> {
    let mut lines = Lines::new(ctx, fast);
    let mut buf = Vec::with_capacity(1 << 12);
    let mut line = 0u64;
    let mut any = false;
    loop {
        buf.clear();
        match read_until_newline(&mut input, &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => return Ok(Err("the file cannot be read")),
        }
        line += 1;
        match lines.decode(ctx, line, &buf, sink)? {
            LineKind::Blank => continue,
            LineKind::Row => {}
            LineKind::NotUtf8 => return Ok(Err("a line is not UTF-8")),
            LineKind::NotJson(_) if !any => {
                return Ok(Err("the first object does not fit on one line"))
            }
            LineKind::NotJson(e) => sink.row(RowData::new(ctx.file, line, Place::Line, vec![e]))?,
        }
        any = true;
    }
    if !any {
        return Ok(Err("the file is empty"));
    }
    Ok(Ok(()))
}

/// What a line of a JSON Lines file was (see [`Lines::decode`]).
pub(crate) enum LineKind {
    /// Only spaces: skipped, not counted.
    Blank,
    /// An object, sent to the sink as a row.
    Row,
    /// Not JSON: the error for the line (not sent; if it is the first object of the file, the
    /// file may be pretty-printed JSON, which only `load` reads).
    NotJson(InputError),
    /// Not UTF-8 (only `load` reads such a file).
    NotUtf8,
}

/// Reads the lines of a JSON Lines file: plain lines by [`FastLines`] (unless it is off), the
/// others by the general path, [`J`] and [`object`].
pub(crate) struct Lines<'a> {
    fast: Option<FastLines<'a>>,
    /// The vectors of a row the fast path gave up on, for the next row that needs some.
    spare: Option<Buffers>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(ctx: &FileCtx<'a, '_>, fast: bool) -> Self {
        Lines {
            fast: fast.then(|| FastLines::new(ctx)),
            spare: None,
        }
    }

    /// Decodes line number `line` of the file (`raw`: its bytes, with the line end if any).
    pub(crate) fn decode<S: Sink>(
        &mut self,
        ctx: &FileCtx,
        line: u64,
        raw: &[u8],
        sink: &mut S,
    ) -> Result<LineKind, S::Err> {
        let mut bytes = raw;
        if line == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        // `str::lines`: a line ends at `\n` or `\r\n`
        if let Some(b) = bytes.strip_suffix(b"\n") {
            bytes = b.strip_suffix(b"\r").unwrap_or(b);
        }
        let Ok(l) = std::str::from_utf8(bytes) else {
            return Ok(LineKind::NotUtf8);
        };
        if l.trim().is_empty() {
            return Ok(LineKind::Blank);
        }
        Ok(match self.line(ctx, line, l, sink)? {
            Ok(()) => LineKind::Row,
            Err(e) => LineKind::NotJson(syntax_error(ctx, &e, line)),
        })
    }

    /// Reads line `line` (`l`, not blank) into the sink; `Ok(Err(_))` (and nothing sent to the
    /// sink) when the line is not JSON.
    fn line<S: Sink>(
        &mut self,
        ctx: &FileCtx,
        line: u64,
        l: &str,
        sink: &mut S,
    ) -> Result<Result<(), Syntax>, S::Err> {
        if let Some(fast) = &mut self.fast {
            let mut rd = RowData::new(ctx.file, line, Place::Line, Vec::new());
            self.spare
                .take()
                .unwrap_or_else(|| sink.buffers())
                .into_row(&mut rd, ctx.slots.len());
            if let Some(id) = fast.row(ctx, line, l, &mut rd) {
                rd.id = Some(id);
                return sink.row(rd).map(Ok);
            }
            self.spare = Some(Buffers {
                answers: rd.answers,
                texts: rd.texts,
                cells: rd.cells,
            });
        }
        let mut held = Held {
            sink,
            buffers: &mut self.spare,
        };
        match tree::parse(l) {
            Ok(v) => object(ctx, line, Place::Line, v, &mut held).map(Ok),
            Err(e) => Ok(Err(e)),
        }
    }
}

/// `input.read_until(b'\n', buf)`, finding the line end with `memchr` (which searches long
/// lines several times faster than the standard library's search).
pub(crate) fn read_until_newline<R: std::io::BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let (done, used) = {
            let available = match input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            match memchr::memchr(b'\n', available) {
                Some(i) => {
                    buf.extend_from_slice(&available[..=i]);
                    (true, i + 1)
                }
                None => {
                    buf.extend_from_slice(available);
                    (available.is_empty(), available.len())
                }
            }
        };
        input.consume(used);
        read += used;
        if done {
            return Ok(read);
        }
    }
}

/// A sink that hands out the vectors of a row the fast path gave up on before asking the
/// real sink for new ones.
struct Held<'h, S> {
    sink: &'h mut S,
    buffers: &'h mut Option<Buffers>,
}

impl<S: Sink> Sink for Held<'_, S> {
    type Err = S::Err;
    fn file_error(&mut self, e: InputError) {
        self.sink.file_error(e);
    }
    fn row(&mut self, r: RowData) -> Result<(), S::Err> {
        self.sink.row(r)
    }
    fn blank(&mut self, file: u16, row: u64) {
        self.sink.blank(file, row);
    }
    fn buffers(&mut self) -> Buffers {
        self.buffers.take().unwrap_or_else(|| self.sink.buffers())
    }
}

/// The fast path of [`read_lines`]: one flat object decoded straight into a row's vectors,
/// without building a [`J`] tree or allocating per value.
///
/// It reads only plain lines (the form [`Scanner`] scans: no escapes, integers, `null`, arrays
/// of strings): keys each a known slot given once; the unit id given once, as an ASCII string
/// without surrounding spaces or as a whole number; each value null or one that its slot's
/// [`FastCell`] decoder accepts. For anything else (and for every JSON error) it gives up, and
/// the line is read again from the start by the general path, which reports every problem. A
/// row it reads is the row the general path makes of the line.
struct FastLines<'a> {
    /// Each slot's decoder; `FastCell::General` for the slots only the general path reads (free
    /// text, metadata, slots this file's source may not answer, slots without a fast decoder).
    cells: Vec<FastCell<'a>>,
    /// `seen[slot] == line` when the line being read gave the slot.
    seen: Vec<u64>,
    /// The slot after the last one read: keys usually come in the schema's order.
    next: usize,
    /// The slot whose id is the unit column's name, if one is: never matched as the expected
    /// key (the unit column comes first).
    unit_clash: Option<usize>,
}

impl<'a> FastLines<'a> {
    fn new(ctx: &FileCtx<'a, '_>) -> Self {
        let slots = ctx.slots;
        let cells = (0..slots.len())
            .map(|slot| match ctx.source_error(slot) {
                Some(_) => FastCell::General,
                None => slots.fast_cell(slot),
            })
            .collect();
        FastLines {
            cells,
            seen: vec![0; slots.len()],
            next: 0,
            unit_clash: slots.infos.iter().position(|i| i.q.id == ctx.unit_column),
        }
    }

    /// Reads line `line` (`l`, not blank) into `rd`, whose vectors hold unanswered slots; the
    /// unit id, or `None` when the general path has to read the line (`rd` is then partly
    /// written).
    fn row(&mut self, ctx: &FileCtx, line: u64, l: &str, rd: &mut RowData) -> Option<String> {
        let slots = ctx.slots;
        let mut p = Scanner {
            b: l.as_bytes(),
            at: 0,
        };
        let mut id = None;
        p.eat(b'{')?;
        if !p.peek_is(b'}') {
            loop {
                // keys usually come in the schema's order: the expected one is matched in place
                let expected = slots.infos.get(self.next).map(|i| i.q.id.as_bytes());
                let key = match expected {
                    Some(k) if Some(self.next) != self.unit_clash && p.key_is(k) => None,
                    _ => Some(p.string()?),
                };
                p.eat(b':')?;
                if key == Some(ctx.unit_column.as_bytes()) {
                    if id.is_some() {
                        return None;
                    }
                    id = Some(match p.value()? {
                        PlainValue::Str(v) => {
                            let v = std::str::from_utf8(v).ok()?;
                            // what the general path keeps as it is (`nfc_trim` leaves it alone)
                            if v.is_empty() || !v.is_ascii() || v.trim().len() != v.len() {
                                return None;
                            }
                            v.to_string()
                        }
                        // as written (no leading zeros, `-0` is not read here)
                        PlainValue::Int(n) => n.to_string(),
                        PlainValue::Uint(n) => n.to_string(),
                        PlainValue::Null | PlainValue::List(_) => return None,
                    });
                } else {
                    let slot = match key {
                        None => self.next,
                        Some(key) => slots.slot(std::str::from_utf8(key).ok()?)?,
                    };
                    self.next = slot + 1;
                    if std::mem::replace(self.seen.get_mut(slot)?, line) == line {
                        return None;
                    }
                    let cell = *self.cells.get(slot)?;
                    if matches!(cell, FastCell::General) {
                        return None;
                    }
                    let v = match p.value()? {
                        PlainValue::Null => None,
                        PlainValue::Str(v) => Some(slots.parse_fast(cell, v)?),
                        PlainValue::Int(n) => Some(slots.int_fast(cell, n)?),
                        PlainValue::Uint(n) => Some(slots.int_fast(cell, i64::try_from(n).ok()?)?),
                        PlainValue::List(list) => {
                            Some(slots.multi_fast(cell, PlainList(list).map(Some))?)
                        }
                    };
                    if let Some(v) = v {
                        *rd.answers.get_mut(slot)? = v;
                        *rd.cells.get_mut(slot)? = Some(CellRef {
                            file: ctx.file,
                            row: line,
                            column: None,
                        });
                    }
                }
                if !p.comma() {
                    break;
                }
            }
        }
        p.eat(b'}')?;
        p.ws();
        if p.at != p.b.len() {
            return None;
        }
        id
    }
}

/// A scanner of the plain form of a JSON Lines object, for [`FastLines`]: strings without
/// escapes, whole numbers that fit an `i64` or a `u64`, `null`, and arrays of such strings.
/// Everything else (escapes, fractions, exponents, `true`, objects, any JSON error) is `None`:
/// the line is then read by the general path ([`tree::parse`]), which decides what it is and
/// reports every problem. What this accepts is valid JSON, read as the general path reads it (the
/// fast and general paths are compared on generated lines in the tests).
struct Scanner<'l> {
    b: &'l [u8],
    at: usize,
}

/// A value of the plain form.
enum PlainValue<'l> {
    Null,
    /// A string's bytes (no escapes, no control characters).
    Str(&'l [u8]),
    /// A negative whole number.
    Int(i64),
    /// A whole number ≥ 0.
    Uint(u64),
    /// The text between an array's brackets: strings separated by commas (see [`PlainList`]).
    List(&'l [u8]),
}

impl<'l> Scanner<'l> {
    /// Skips JSON white space.
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.at) {
            self.at += 1;
        }
    }

    #[inline]
    fn peek_is(&mut self, c: u8) -> bool {
        self.ws();
        self.b.get(self.at) == Some(&c)
    }

    /// `c`, after white space.
    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        if self.peek_is(c) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// Whether a `,` follows (and is passed).
    #[inline]
    fn comma(&mut self) -> bool {
        self.eat(b',').is_some()
    }

    /// A string without escapes, after white space.
    #[inline]
    fn string(&mut self) -> Option<&'l [u8]> {
        self.eat(b'"')?;
        let rest = self.b.get(self.at..)?;
        let len = rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at += len + 1;
        rest.get(..len)
    }

    /// Whether the next string (after white space) is `k`, a question or metadata id (an
    /// identifier, `schema::is_identifier`: no `"`, `\\` or control character); passes it if so.
    #[inline]
    fn key_is(&mut self, k: &[u8]) -> bool {
        self.ws();
        let Some(rest) = self.b.get(self.at..) else {
            return false;
        };
        let n = k.len();
        let quoted = rest.first() == Some(&b'"') && rest.get(n + 1) == Some(&b'"');
        // a byte loop: keys are short, a call to `memcmp` would cost more
        if quoted && rest[1..=n].iter().zip(k).all(|(a, b)| a == b) {
            self.at += n + 2;
            true
        } else {
            false
        }
    }

    /// A value, after white space.
    #[inline]
    fn value(&mut self) -> Option<PlainValue<'l>> {
        self.ws();
        match *self.b.get(self.at)? {
            b'"' => self.string().map(PlainValue::Str),
            b'n' => {
                let v = self.b.get(self.at..self.at + 4)?;
                self.at += 4;
                (v == b"null").then_some(PlainValue::Null)
            }
            b'[' => {
                self.at += 1;
                let start = self.at;
                if !self.peek_is(b']') {
                    loop {
                        self.string()?;
                        if !self.comma() {
                            break;
                        }
                    }
                }
                let list = self.b.get(start..self.at)?;
                self.eat(b']')?;
                Some(PlainValue::List(list))
            }
            b'-' => {
                self.at += 1;
                // `-0` is left to the general path (an id is kept as written)
                match self.digits()? {
                    0 => None,
                    n if n <= 1 << 63 => Some(PlainValue::Int((n as i64).wrapping_neg())),
                    _ => None,
                }
            }
            _ => self.digits().map(PlainValue::Uint),
        }
    }

    /// A JSON integer's digits (no leading zeros, not followed by a fraction or exponent) as
    /// a `u64`; `None` when it does not fit.
    #[inline]
    fn digits(&mut self) -> Option<u64> {
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(&c) = self.b.get(self.at).filter(|c| c.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.at += 1;
        }
        let len = self.at - start;
        let leading_zero = len > 1 && self.b.get(start) == Some(&b'0');
        let fraction = matches!(self.b.get(self.at), Some(b'.' | b'e' | b'E'));
        (len > 0 && !leading_zero && !fraction).then_some(n)
    }
}

/// The strings of a [`PlainValue::List`] (already checked by the scanner).
struct PlainList<'l>(&'l [u8]);

impl<'l> Iterator for PlainList<'l> {
    type Item = &'l [u8];
    fn next(&mut self) -> Option<&'l [u8]> {
        let mut p = Scanner { b: self.0, at: 0 };
        let s = p.string()?;
        p.comma();
        self.0 = self.0.get(p.at..)?;
        Some(s)
    }
}

fn syntax_error(ctx: &FileCtx, e: &Syntax, line: u64) -> InputError {
    let (l, place) = if line > 0 {
        (line, Place::Line)
    } else {
        (e.line as u64, Place::Line)
    };
    let kind = InputErrorKind::JsonSyntax {
        reason: e.to_string(),
    };
    InputError::file(ctx.name, place, kind).at_row(l)
}

/// One object → one row.
fn object<S: Sink>(
    ctx: &FileCtx,
    row: u64,
    place: Place,
    v: J,
    sink: &mut S,
) -> Result<(), S::Err> {
    let n = ctx.slots.len();
    let err = |kind: InputErrorKind| InputError::file(ctx.name, place, kind).at_row(row);
    let mut rd = RowData::new(ctx.file, row, place, Vec::new());
    let J::Obj(entries) = v else {
        let kind = InputErrorKind::NotAnObject {
            found: v.type_name(),
            unit_column: ctx.unit_column.to_string(),
        };
        rd.errors.push(err(kind));
        return sink.row(rd);
    };
    // the unit id first, so that every other error can name the unit
    let unit_col = ctx.unit_column;
    let (id, id_count) = match object_id(&entries, unit_col, err) {
        Ok(found) => found,
        Err(e) => {
            rd.errors.push(*e);
            return sink.row(rd);
        }
    };
    sink.buffers().into_row(&mut rd, n);
    if id_count > 1 {
        let kind = InputErrorKind::RepeatedUnitKey {
            key: unit_col.to_string(),
        };
        rd.errors
            .push(err(kind).at_key(unit_col).for_unit(Some(&id)));
    }
    let mut reader = Entries {
        ctx,
        row,
        place,
        id: &id,
        seen: vec![false; n],
    };
    for (k, x) in entries {
        if k.as_ref() == unit_col {
            continue;
        }
        let nested = matches!(x, J::Obj(_)) && ctx.slots.slot(&k).is_none();
        match (k.as_ref(), x) {
            ("answers", J::Obj(inner)) if nested => {
                for (k2, x2) in inner {
                    reader.entry(&k2, x2, Some(false), &mut rd);
                }
            }
            ("meta", J::Obj(inner)) if nested => {
                for (k2, x2) in inner {
                    reader.entry(&k2, x2, Some(true), &mut rd);
                }
            }
            (_, x) => reader.entry(&k, x, None, &mut rd),
        }
    }
    rd.id = Some(id);
    sink.row(rd)
}

/// The unit id of an object (NFC, trimmed) and how many times its key is given, or why the
/// object has none (`err`: an error at the object).
fn object_id(
    entries: &[(Cow<str>, J)],
    unit_col: &str,
    err: impl Fn(InputErrorKind) -> InputError,
) -> Result<(String, usize), Box<InputError>> {
    let mut id: Option<String> = None;
    let mut id_err: Option<InputError> = None;
    let mut id_count = 0;
    for (k, x) in entries {
        if k.as_ref() != unit_col {
            continue;
        }
        id_count += 1;
        if id_count > 1 {
            continue;
        }
        match x {
            J::Str(s) if s.trim().contains(char::is_control) => {
                let kind = InputErrorKind::UnitIdControl {
                    id: s.trim().to_string(),
                };
                id_err = Some(err(kind).at_key(unit_col))
            }
            J::Str(s) if !s.trim().is_empty() => id = Some(nfc_trim(s)),
            // kept as written: `10000000000000000000001`, `1e40`
            J::Num(num) => id = Some(num.to_string()),
            J::Str(_) | J::Null => id_err = Some(err(InputErrorKind::EmptyUnitId).at_key(unit_col)),
            other => {
                let kind = InputErrorKind::UnitIdType {
                    found: other.type_name(),
                };
                id_err = Some(err(kind).at_key(unit_col))
            }
        }
    }
    match id {
        Some(id) => Ok((id, id_count)),
        None => Err(Box::new(id_err.unwrap_or_else(|| {
            err(InputErrorKind::NoUnitKey {
                unit_column: unit_col.to_string(),
            })
        }))),
    }
}

/// Reads the entries of one object (its unit `id`) into its row.
struct Entries<'c, 'a, 's> {
    ctx: &'c FileCtx<'a, 's>,
    row: u64,
    place: Place,
    id: &'c str,
    /// Whether each slot was given already (a second key for it is an error).
    seen: Vec<bool>,
}

impl Entries<'_, '_, '_> {
    /// One key and its value: `want` is `Some(is_meta)` for a key nested under `answers`
    /// (`false`) or `meta` (`true`), `None` at the top level.
    #[inline]
    fn entry(&mut self, key: &str, x: J<'_>, want: Option<bool>, rd: &mut RowData) {
        let (ctx, row, place, id) = (self.ctx, self.row, self.place, self.id);
        let slots = ctx.slots;
        let kerr = |kind: InputErrorKind| {
            InputError::file(ctx.name, place, kind)
                .at_row(row)
                .at_key(key)
                .for_unit(Some(id))
        };
        let slot = match slots.slot(key) {
            Some(slot) => slot,
            None => {
                let cands: Vec<&str> = std::iter::once(ctx.unit_column)
                    .chain(slots.infos.iter().map(|i| i.q.id.as_str()))
                    .chain(["answers", "meta"])
                    .collect();
                let kind = InputErrorKind::UnknownKey {
                    key: key.to_string(),
                    hint: suggest::hint(key, cands, "key"),
                };
                rd.errors.push(kerr(kind));
                return;
            }
        };
        let is_meta = slots.infos[slot].is_meta;
        if want == Some(!is_meta) {
            let key = key.to_string();
            rd.errors
                .push(kerr(InputErrorKind::MisplacedKey { key, is_meta }));
            return;
        }
        if std::mem::replace(&mut self.seen[slot], true) {
            let key = key.to_string();
            rd.errors.push(kerr(InputErrorKind::RepeatedKey { key }));
            return;
        }
        match value(slots, slot, &x, slots.infos[slot].keep_text) {
            Ok(None) => {}
            Ok(Some((v, text))) => {
                if let Some(kind) = ctx.source_error(slot) {
                    rd.errors.push(kerr(kind));
                    return;
                }
                rd.answers[slot] = v;
                rd.cells[slot] = Some(CellRef {
                    file: ctx.file,
                    row,
                    column: None,
                });
                if slots.infos[slot].keep_text {
                    rd.texts[slot] = text;
                }
            }
            Err(ce) => rd.errors.push(kerr(*ce.0)),
        }
    }
}

fn expected(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single(_) => "a string (an option id)",
        QuestionKind::Multi(_) => "an array of option ids (or a string `a|b`)",
        QuestionKind::YesNo => "true or false (or \"yes\"/\"no\")",
        QuestionKind::Integer { .. } => "a whole number (or a string with one)",
        QuestionKind::Decimal { .. } => "a number (or a string with one)",
        QuestionKind::Text => "a string",
    }
}

/// One JSON value → the slot's value and, when `keep` (text-keeping slots), its text.
/// `Ok(None)`: no answer (null or an empty string).
fn value(
    slots: &Slots,
    slot: usize,
    x: &J,
    keep: bool,
) -> Result<Option<(Value, Option<String>)>, CellError> {
    // the plain forms first (`fast` is `General` for text-keeping slots)
    let fast = slots.fast_cell(slot);
    match x {
        J::Null => Ok(None),
        J::Str(s) => match slots.parse_fast(fast, s.as_bytes()) {
            Some(v) => Ok(Some((v, None))),
            None => value_general(slots, slot, x, keep),
        },
        J::Arr(items) if !items.is_empty() => {
            let parts = items.iter().map(|it| match it {
                J::Str(s) => Some(s.as_bytes()),
                _ => None,
            });
            match slots.multi_fast(fast, parts) {
                Some(v) => Ok(Some((v, None))),
                None => value_general(slots, slot, x, keep),
            }
        }
        J::Num(num) => match number::int(num).and_then(|n| slots.int_fast(fast, n)) {
            Some(v) => Ok(Some((v, None))),
            None => value_general(slots, slot, x, keep),
        },
        _ => value_general(slots, slot, x, keep),
    }
}

fn value_general(
    slots: &Slots,
    slot: usize,
    x: &J,
    keep: bool,
) -> Result<Option<(Value, Option<String>)>, CellError> {
    let info = &slots.infos[slot];
    let kind = &info.q.kind;
    let wrong = || -> CellError {
        InputErrorKind::WrongType {
            question: info.q.id.clone(),
            expected: expected(kind),
            found: x.type_name(),
        }
        .into()
    };
    match x {
        J::Null => Ok(None),
        J::Str(s) => {
            if s.len() > MAX_CELL_BYTES {
                return Err(InputErrorKind::ValueTooLong { bytes: s.len() }.into());
            }
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let v = slots.parse(slot, t)?;
            if v == Value::UNANSWERED {
                return Ok(None);
            }
            Ok(Some((v, keep.then(|| nfc_trim(t)))))
        }
        J::Bool(b) => match kind {
            QuestionKind::YesNo => Ok(Some((Value::Bool(*b), Some(b.to_string())))),
            _ => Err(wrong()),
        },
        J::Num(num) if !keep && kind.is_numeric() && number::int(num).is_some() => {
            // an integer read directly (as `number::exact` reads its text)
            let n = Num::int(i128::from(number::int(num).unwrap_or(0)));
            slots.number(slot, n, num).map(|v| Some((v, None)))
        }
        J::Num(raw) => match kind {
            QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => {
                let n = number::exact(raw).map_err(|why| -> CellError {
                    InputErrorKind::InexactNumber {
                        value: number::excerpt(raw),
                        why,
                    }
                    .into()
                })?;
                Ok(Some((slots.number(slot, n, raw)?, Some(raw.to_string()))))
            }
            QuestionKind::YesNo if *raw == "0" || *raw == "1" => {
                Ok(Some((Value::Bool(*raw == "1"), Some(raw.to_string()))))
            }
            _ => Err(wrong()),
        },
        J::Arr(items) => match kind {
            QuestionKind::Multi(_) => {
                let mut parts = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        J::Str(s) => parts.push(s.as_ref()),
                        other => {
                            return Err(InputErrorKind::WrongItemType {
                                question: info.q.id.clone(),
                                found: other.type_name(),
                            }
                            .into())
                        }
                    }
                }
                // an explicit empty array: answered, nothing chosen
                if parts.iter().all(|p| p.trim().is_empty()) {
                    return Ok(Some((Value::Multi(0), Some(String::new()))));
                }
                let v = slots.multi(info, parts.iter().copied())?;
                Ok(Some((v, keep.then(|| parts.join("|")))))
            }
            _ => Err(wrong()),
        },
        J::Obj(_) => Err(wrong()),
    }
}

#[cfg(test)]
mod tests;
