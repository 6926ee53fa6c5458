//! JSON (an array of objects) and JSON Lines (one object per line).
//!
//! Objects are flat (`{"unit": "...", "q": "opt"}`) or nested (`{"unit": "...", "meta": {...},
//! "answers": {...}}`); both may be mixed. Objects are read into [`J`], which keeps repeated
//! keys so that they can be reported. Plain flat lines of JSON Lines are decoded without it, by
//! [`FastLines`].

use super::cell::{json_number, nfc_trim, FastCell, Slots, MAX_CELL_BYTES};
use super::error::{CellError, InputError};
use super::{Buffers, CellRef, FileCtx, Format, Place, RowData, Sink};
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::suggest;
use crate::value::Value;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// A JSON value that keeps every key of an object, in order. Strings without escapes borrow
/// from the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum J<'a> {
    Null,
    Bool(bool),
    Num(serde_json::Number),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
}

/// An object key, borrowed when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl J<'_> {
    fn type_name(&self) -> &'static str {
        match self {
            J::Null => "null",
            J::Bool(_) => "a boolean",
            J::Num(_) => "a number",
            J::Str(_) => "a string",
            J::Arr(_) => "an array",
            J::Obj(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for J<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J<'de>, D::Error> {
        d.deserialize_any(JVisitor)
    }
}

struct JVisitor;

impl<'de> Visitor<'de> for JVisitor {
    type Value = J<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<J<'de>, E> {
        Ok(J::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J<'de>, E> {
        Ok(J::Num(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J<'de>, E> {
        Ok(J::Num(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J<'de>, E> {
        Ok(serde_json::Number::from_f64(v).map_or(J::Null, J::Num))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<J<'de>, E> {
        Ok(J::Str(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_none<E>(self) -> Result<J<'de>, E> {
        Ok(J::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<J<'de>, A::Error> {
        // one allocation for the usual short lists of option ids
        let mut v = Vec::with_capacity(a.size_hint().unwrap_or(0).clamp(8, 64));
        while let Some(x) = a.next_element()? {
            v.push(x);
        }
        Ok(J::Arr(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<J<'de>, A::Error> {
        let mut v = Vec::with_capacity(a.size_hint().unwrap_or(0).clamp(16, 256));
        while let Some((Key(k), x)) = a.next_entry::<Key<'de>, J<'de>>()? {
            v.push((k, x));
        }
        Ok(J::Obj(v))
    }
}

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
            sink.file_error(
                InputError::file(
                    ctx.name,
                    Place::Line,
                    format!("line {line} is not valid UTF-8"),
                )
                .with_help("JSON files must be UTF-8; save the file as UTF-8"),
            );
            return Ok(());
        }
    };
    if text.trim().is_empty() {
        sink.file_error(InputError::file(ctx.name, place, "empty file (no data)"));
        return Ok(());
    }
    match format {
        Format::Json => match serde_json::from_str::<J>(text) {
            Ok(J::Arr(items)) => {
                for (i, item) in items.into_iter().enumerate() {
                    object(ctx, (i + 1) as u64, Place::Object, item, sink)?;
                }
            }
            Ok(J::Obj(o)) => object(ctx, 1, Place::Object, J::Obj(o), sink)?,
            Ok(other) => sink.file_error(
                InputError::file(
                    ctx.name,
                    place,
                    format!("the file holds {}, not an array of objects", other.type_name()),
                )
                .with_help("write `[ {\"unit\": \"...\", ...}, ... ]`, or one object per line (JSON Lines)"),
            ),
            Err(e) => sink.file_error(syntax_error(ctx, &e, 0)),
        },
        _ => {
            // a single pretty-printed object is also accepted
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') && text.lines().filter(|l| !l.trim().is_empty()).count() > 1 {
                if let Ok(J::Obj(o)) = serde_json::from_str::<J>(text) {
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
    ) -> Result<Result<(), serde_json::Error>, S::Err> {
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
        match serde_json::from_str::<J>(l) {
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
/// It reads only plain lines: keys without escapes, each a known slot given once; the unit id
/// given once, as an ASCII string without surrounding spaces or as a whole number; each value
/// null or one that its slot's [`FastCell`] decoder accepts. For anything else (and for every
/// JSON error) it gives up, and the line is read again from the start by the general path,
/// which reports every problem. A row it reads is the row the general path makes of the line.
struct FastLines<'a> {
    /// Each slot's decoder; `FastCell::General` for the slots only the general path reads (free
    /// text, metadata, slots this file's source may not answer, slots without a fast decoder).
    cells: Vec<FastCell<'a>>,
    /// `seen[slot] == line` when the line being read gave the slot.
    seen: Vec<u64>,
    /// The slot after the last one read: keys usually come in the schema's order.
    next: usize,
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
        }
    }

    /// Reads line `line` (`l`, not blank) into `rd`, whose vectors hold unanswered slots; the
    /// unit id, or `None` when the general path has to read the line (`rd` is then partly
    /// written).
    fn row(&mut self, ctx: &FileCtx, line: u64, l: &str, rd: &mut RowData) -> Option<String> {
        let mut de = serde_json::Deserializer::from_str(l);
        let id = FlatRow {
            ctx,
            fast: self,
            line,
            answers: &mut rd.answers,
            refs: &mut rd.cells,
        }
        .deserialize(&mut de)
        .ok()?;
        de.end().ok()?;
        Some(id)
    }
}

/// The error that makes the fast path give up (its message is never shown).
fn not_plain<E: serde::de::Error>() -> E {
    E::custom("not a plain line")
}

/// One flat object into a row (see [`FastLines`]); its value is the unit id.
struct FlatRow<'r, 'a, 'c> {
    ctx: &'r FileCtx<'c, 'c>,
    fast: &'r mut FastLines<'a>,
    line: u64,
    answers: &'r mut [Value],
    refs: &'r mut [Option<CellRef>],
}

impl<'de> DeserializeSeed<'de> for FlatRow<'_, '_, '_> {
    type Value = String;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FlatRow<'_, '_, '_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a flat object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<String, A::Error> {
        let slots = self.ctx.slots;
        let fast = self.fast;
        let mut id = None;
        // a key with escapes is no borrowed `&str`: an error
        while let Some(key) = a.next_key::<&'de str>()? {
            if key == self.ctx.unit_column {
                if id.is_some() {
                    return Err(not_plain());
                }
                id = Some(a.next_value_seed(UnitId)?);
                continue;
            }
            let slot = match slots.infos.get(fast.next) {
                Some(info) if info.q.id == key => fast.next,
                _ => slots.slot(key).ok_or_else(not_plain)?,
            };
            fast.next = slot + 1;
            if std::mem::replace(&mut fast.seen[slot], self.line) == self.line {
                return Err(not_plain());
            }
            let cell = fast.cells[slot];
            if matches!(cell, FastCell::General) {
                return Err(not_plain());
            }
            if let Some(v) = a.next_value_seed(Answer { slots, cell })? {
                self.answers[slot] = v;
                self.refs[slot] = Some(CellRef {
                    file: self.ctx.file,
                    row: self.line,
                    column: None,
                });
            }
        }
        id.ok_or_else(not_plain)
    }
}

/// The unit id, when it is what the general path keeps as it is: an ASCII string without
/// surrounding spaces (`nfc_trim` leaves it alone), or a whole number.
struct UnitId;

impl<'de> DeserializeSeed<'de> for UnitId {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UnitId {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a unit id")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        if v.is_empty() || !v.is_ascii() || v.trim().len() != v.len() {
            return Err(not_plain());
        }
        Ok(v.to_string())
    }
    // as `serde_json::Number` shows them
    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// One answer by its slot's decoder: `Some(value)`, or `None` for null (not answered); an error
/// for a value the decoder does not accept.
///
/// Its methods (and [`FlatRow`]'s) are `#[inline]`: decoding a value costs about as much as a
/// call, and without the hints whether they were inlined into the loop over the keys changed
/// with unrelated code (by up to 6k instructions per benchmark line).
struct Answer<'r, 's> {
    slots: &'r Slots<'s>,
    cell: FastCell<'r>,
}

impl<'de> DeserializeSeed<'de> for Answer<'_, '_> {
    type Value = Option<Value>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Answer<'_, '_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a plain answer")
    }
    #[inline]
    fn visit_unit<E>(self) -> Result<Option<Value>, E> {
        Ok(None)
    }
    #[inline]
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        let v = self.slots.parse_fast(self.cell, v.as_bytes());
        v.map(Some).ok_or_else(not_plain)
    }
    #[inline]
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        let v = self.slots.int_fast(self.cell, v);
        v.map(Some).ok_or_else(not_plain)
    }
    #[inline]
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        let v = i64::try_from(v)
            .ok()
            .and_then(|v| self.slots.int_fast(self.cell, v));
        v.map(Some).ok_or_else(not_plain)
    }
    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Option<Value>, A::Error> {
        // the option ids decoded as they are read (a part with escapes is an error)
        let mut err = None;
        let parts = std::iter::from_fn(|| match a.next_element::<&'de str>() {
            Ok(p) => p.map(|p| Some(p.as_bytes())),
            Err(e) => {
                err = Some(e);
                None
            }
        });
        let v = self.slots.multi_fast(self.cell, parts);
        match err {
            Some(e) => Err(e),
            None => v.map(Some).ok_or_else(not_plain),
        }
    }
}

fn syntax_error(ctx: &FileCtx, e: &serde_json::Error, line: u64) -> InputError {
    let (l, place) = if line > 0 {
        (line, Place::Line)
    } else {
        (e.line() as u64, Place::Line)
    };
    InputError::file(ctx.name, place, format!("invalid JSON: {e}"))
        .at_row(l)
        .with_help("check the brackets, quotes and commas around this place")
}

/// One object → one row.
fn object<S: Sink>(
    ctx: &FileCtx,
    row: u64,
    place: Place,
    v: J,
    sink: &mut S,
) -> Result<(), S::Err> {
    let slots = ctx.slots;
    let n = slots.len();
    let err = |msg: String| InputError::file(ctx.name, place, msg).at_row(row);
    let mut rd = RowData::new(ctx.file, row, place, Vec::new());
    let J::Obj(entries) = v else {
        rd.errors.push(
            err(format!("expected an object, found {}", v.type_name())).with_help(format!(
                "each entry is an object such as {{\"{}\": \"...\", ...}}",
                ctx.unit_column
            )),
        );
        return sink.row(rd);
    };
    // the unit id first, so that every other error can name the unit
    let unit_col = ctx.unit_column;
    let mut id: Option<String> = None;
    let mut id_err: Option<InputError> = None;
    let mut id_count = 0;
    for (k, x) in &entries {
        if k.as_ref() != unit_col {
            continue;
        }
        id_count += 1;
        if id_count > 1 {
            continue;
        }
        match x {
            J::Str(s) if !s.trim().is_empty() => id = Some(nfc_trim(s)),
            J::Num(num) => id = Some(num.to_string()),
            J::Str(_) | J::Null => {
                id_err = Some(err("the unit id is empty".into()).at_key(unit_col))
            }
            other => {
                id_err = Some(
                    err(format!(
                        "the unit id must be a string or a number, not {}",
                        other.type_name()
                    ))
                    .at_key(unit_col),
                )
            }
        }
    }
    let Some(id) = id else {
        rd.errors.push(id_err.unwrap_or_else(|| {
            err(format!("the object has no `{unit_col}` key")).with_help(format!(
                "every object names its unit: {{\"{unit_col}\": \"...\", ...}}"
            ))
        }));
        return sink.row(rd);
    };
    sink.buffers().into_row(&mut rd, n);
    let mut seen = vec![false; n];
    let uid = Some(id.as_str());
    if id_count > 1 {
        rd.errors.push(
            err(format!("key `{unit_col}` appears twice"))
                .at_key(unit_col)
                .for_unit(uid),
        );
    }
    let mut handle = |key: &str, x: J<'_>, want: Option<bool>, rd: &mut RowData| {
        let kerr = |msg: String| err(msg).at_key(key).for_unit(uid);
        let slot = match slots.slot(key) {
            Some(slot) => slot,
            None => {
                let cands: Vec<&str> = std::iter::once(unit_col)
                    .chain(slots.infos.iter().map(|i| i.q.id.as_str()))
                    .chain(["answers", "meta"])
                    .collect();
                rd.errors.push(
                    kerr(format!("unknown key `{key}`"))
                        .with_help(suggest::hint(key, cands, "key")),
                );
                return;
            }
        };
        let is_meta = slots.infos[slot].is_meta;
        if want == Some(!is_meta) {
            let (is, under) = if is_meta {
                ("a metadata field", "answers")
            } else {
                ("a question", "meta")
            };
            rd.errors.push(
                kerr(format!("`{key}` is {is}, so it cannot be under `{under}`")).with_help(
                    if is_meta {
                        format!("move `{key}` into `meta` (or to the top level)")
                    } else {
                        format!("move `{key}` into `answers` (or to the top level)")
                    },
                ),
            );
            return;
        }
        if std::mem::replace(&mut seen[slot], true) {
            rd.errors.push(kerr(format!("key `{key}` appears twice")).with_help(
                "give each answer once (a key may be at the top level or under `answers`/`meta`, not both)",
            ));
            return;
        }
        match value(slots, slot, &x, slots.infos[slot].keep_text) {
            Ok(None) => {}
            Ok(Some((v, text))) => {
                if let Some((m, h)) = ctx.source_error(slot) {
                    rd.errors.push(kerr(m).with_help(h));
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
            Err(ce) => rd.errors.push(kerr(ce.message).with_help_opt(ce.help)),
        }
    };
    for (k, x) in entries {
        if k.as_ref() == unit_col {
            continue;
        }
        let nested = matches!(x, J::Obj(_)) && slots.slot(&k).is_none();
        match (k.as_ref(), x) {
            ("answers", J::Obj(inner)) if nested => {
                for (k2, x2) in inner {
                    handle(&k2, x2, Some(false), &mut rd);
                }
            }
            ("meta", J::Obj(inner)) if nested => {
                for (k2, x2) in inner {
                    handle(&k2, x2, Some(true), &mut rd);
                }
            }
            (_, x) => handle(&k, x, None, &mut rd),
        }
    }
    rd.id = Some(id);
    sink.row(rd)
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
        J::Num(num) => match num.as_i64().and_then(|n| slots.int_fast(fast, n)) {
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
    let wrong = || {
        CellError::new(format!(
            "`{}` expects {}, found {}",
            info.q.id,
            expected(kind),
            x.type_name()
        ))
    };
    match x {
        J::Null => Ok(None),
        J::Str(s) => {
            if s.len() > MAX_CELL_BYTES {
                return Err(CellError::new(format!(
                    "the value is {} bytes long; values are limited to 1 MiB",
                    s.len()
                )));
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
        J::Num(num) if !keep && kind.is_numeric() && num.as_i64().is_some() => {
            // an integer read directly (as `json_number` reads its text)
            let n = Num::int(i128::from(num.as_i64().unwrap_or(0)));
            match slots.number(slot, n, "") {
                Ok(v) => Ok(Some((v, None))),
                // the message names the value
                Err(_) => slots
                    .number(slot, n, &num.to_string())
                    .map(|v| Some((v, None))),
            }
        }
        J::Num(num) => {
            let raw = num.to_string();
            match kind {
                QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => {
                    let n = json_number(&raw).ok_or_else(|| {
                        CellError::new(format!("{raw} cannot be represented exactly"))
                            .help("write the number in full (or as a string)")
                    })?;
                    Ok(Some((slots.number(slot, n, &raw)?, Some(raw))))
                }
                QuestionKind::YesNo if raw == "0" || raw == "1" => {
                    Ok(Some((Value::Bool(raw == "1"), Some(raw))))
                }
                _ => Err(wrong()),
            }
        }
        J::Arr(items) => match kind {
            QuestionKind::Multi(_) => {
                let mut parts = Vec::with_capacity(items.len());
                for it in items {
                    match it {
                        J::Str(s) => parts.push(s.as_ref()),
                        other => {
                            return Err(CellError::new(format!(
                                "`{}` expects an array of option ids (strings), found {} in it",
                                info.q.id,
                                other.type_name()
                            )))
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
