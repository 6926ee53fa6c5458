//! Turning one cell (or JSON string/number) into a [`Value`] by the slot's question kind.
//!
//! Everything the hot path needs is prepared once per load in [`Slots`]: normalised option ids
//! and labels, tokens, bounds. Exact matches are plain byte comparisons; normalisation
//! (NFC + lower case) only runs when the exact match fails.

use super::error::CellError;
use super::json::number;
use super::kind::{InputErrorKind, NumberHint};
use crate::hir::MissingState;
use crate::num::Num;
use crate::schema::{Question, QuestionKind, Schema};
use crate::value::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use unicode_normalization::UnicodeNormalization;

/// Cells longer than this are rejected without being decoded or copied.
pub const MAX_CELL_BYTES: usize = 1 << 20;

/// NFC and lower case: the key for case- and normalisation-insensitive comparison.
pub(crate) fn key(s: &str) -> String {
    s.trim().nfc().flat_map(char::to_lowercase).collect()
}

/// NFC of a trimmed string, without allocating twice for ASCII.
pub(crate) fn nfc_trim(s: &str) -> String {
    let s = s.trim();
    if s.is_ascii() {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// One slot (a question or a metadata field) with what parsing needs.
pub(crate) struct SlotInfo<'s> {
    pub q: &'s Question,
    pub is_meta: bool,
    /// Keep the raw text: free-text questions and all metadata.
    pub keep_text: bool,
    /// `key()` of each option id.
    id_keys: Vec<String>,
    /// `key()` of each option's Latvian label.
    label_keys: Vec<String>,
    min: Option<Num>,
    max: Option<Num>,
    /// `min` and `max` as 64-bit integers, when they are whole numbers (or absent).
    int_bounds: Option<(Option<i64>, Option<i64>)>,
    /// When every option id is one distinct ASCII byte: `Slots::tables[one_byte][b]` is 1 + the
    /// index of the option whose id is `b` (0: none).
    one_byte: Option<usize>,
}

/// `bits` with the option whose one-byte id is `c` added (table `t`, see `FastCell::Multi`);
/// `None` for a byte that is no option, an option named twice, or an option beyond the 64th (64-bit
/// arithmetic: those take the general path).
#[inline]
fn add_option(t: &[u8; 128], bits: u64, c: u8) -> Option<u64> {
    let i = *t.get(usize::from(c))?;
    if i == 0 || i > 64 {
        return None;
    }
    let bit = 1u64 << (i - 1);
    if bits & bit != 0 {
        return None;
    }
    Some(bits | bit)
}

/// [`FastCell::OneByte`]: a cell of one option byte.
#[inline(always)]
pub(crate) fn one_byte_cell(t: &[u8; 128], b: &[u8]) -> Option<Value> {
    match b {
        [c] => match t.get(*c as usize) {
            Some(&i) if i > 0 => Some(Value::Choice(u16::from(i - 1))),
            _ => None,
        },
        _ => None,
    }
}

/// [`FastCell::Multi`]: `a|b|c`, an option byte at every even position, `|` at every odd one
/// (what `multi_fast` accepts of the cell split at `|`, without the splitting; `|` itself is
/// never an option: option ids are letters, digits and `_`).
#[inline(always)]
pub(crate) fn multi_cell(t: &[u8; 128], b: &[u8]) -> Option<Value> {
    if b.len().is_multiple_of(2) {
        return None;
    }
    let mut bits = add_option(t, 0, *b.first()?)?;
    for pair in b[1..].chunks_exact(2) {
        if pair[0] != b'|' {
            return None;
        }
        bits = add_option(t, bits, pair[1])?;
    }
    Some(Value::Multi(u128::from(bits)))
}

/// [`FastCell::Int`]: a whole number of at most 18 digits within `min..=max`.
#[inline(always)]
pub(crate) fn int_cell(min: Option<i64>, max: Option<i64>, b: &[u8]) -> Option<Value> {
    let (neg, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let mut n: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(c - b'0');
    }
    int_within(min, max, if neg { -n } else { n })
}

/// `n` as a value when it is within `min..=max`.
#[inline(always)]
fn int_within(min: Option<i64>, max: Option<i64>, n: i64) -> Option<Value> {
    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
        return None;
    }
    Some(Value::Num(Num::int(i128::from(n))))
}

/// A decoder for the plain cells of one slot, prepared once per column (see
/// [`Slots::parse_fast`]).
#[derive(Clone, Copy)]
pub(crate) enum FastCell<'s> {
    /// Always the general path.
    General,
    /// A single choice whose option ids are single ASCII bytes (the slot's `one_byte`).
    OneByte(&'s [u8; 128]),
    /// A multiple choice whose option ids are single ASCII bytes.
    Multi(&'s [u8; 128]),
    /// A number question with whole-number (or no) bounds.
    Int { min: Option<i64>, max: Option<i64> },
}

/// All slots of a schema: questions first, then metadata.
pub(crate) struct Slots<'s> {
    pub schema: &'s Schema,
    pub infos: Vec<SlotInfo<'s>>,
    /// The distinct one-byte option tables (see `SlotInfo::one_byte`).
    tables: Vec<[u8; 128]>,
    /// `(key(token), state)`.
    tokens: Vec<(String, MissingState)>,
    tokens_non_ascii: bool,
    /// Bit `n` set when some token is `n` bytes long (`n < 64`; bit 63 for longer ones).
    token_lens: u64,
    /// Slot by question or metadata id (as `Schema::lookup`, with a cheaper hash).
    by_id: HashMap<&'s str, usize, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: a fast hash for short keys (ids).
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl<'s> Slots<'s> {
    pub fn new(schema: &'s Schema) -> Self {
        // questions with the same option ids share one table (they stay in the fastest cache)
        let mut tables: Vec<[u8; 128]> = Vec::new();
        let mut mk = |q: &'s Question, is_meta: bool| {
            let opts = q.kind.options();
            let (min, max) = q.kind.bounds();
            let mut table = [0u8; 128];
            let ok = opts.len() < 128
                && opts.iter().enumerate().all(|(i, o)| {
                    let b = o.id.as_bytes();
                    let fits = b.len() == 1 && b[0] < 128 && table[b[0] as usize] == 0;
                    if fits {
                        table[b[0] as usize] = i as u8 + 1;
                    }
                    fits
                });
            let one_byte = ok.then(|| match tables.iter().position(|t| *t == table) {
                Some(at) => at,
                None => {
                    tables.push(table);
                    tables.len() - 1
                }
            });
            let int_bound = |b: Option<Num>| b.map_or(Some(None), |n| n.to_i64().map(Some));
            let int_bounds = match (int_bound(min), int_bound(max)) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            };
            SlotInfo {
                int_bounds,
                one_byte,
                q,
                is_meta,
                keep_text: is_meta || matches!(q.kind, QuestionKind::Text),
                id_keys: opts.iter().map(|o| key(&o.id)).collect(),
                label_keys: opts.iter().map(|o| key(&o.lv)).collect(),
                min,
                max,
            }
        };
        let mut infos: Vec<SlotInfo<'s>> = schema.questions.iter().map(|q| mk(q, false)).collect();
        infos.extend(schema.meta.iter().map(|q| mk(q, true)));
        let mut tokens = Vec::new();
        for t in &schema.tokens.not_applicable {
            tokens.push((key(t), MissingState::NotApplicable));
        }
        for t in &schema.tokens.dont_know {
            tokens.push((key(t), MissingState::DontKnow));
        }
        let tokens_non_ascii = tokens.iter().any(|(t, _)| !t.is_ascii());
        let token_lens = tokens.iter().fold(0u64, |m, (t, _)| m | len_bit(t.len()));
        let by_id = infos
            .iter()
            .enumerate()
            .map(|(slot, i)| (i.q.id.as_str(), slot))
            .collect();
        Slots {
            schema,
            tables,
            by_id,
            infos,
            tokens,
            tokens_non_ascii,
            token_lens,
        }
    }

    pub fn len(&self) -> usize {
        self.infos.len()
    }

    /// The slot of a question or metadata id.
    pub fn slot(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// A special token (`NA`, `DK`, ...), compared case-insensitively after trimming.
    pub fn token(&self, s: &str) -> Option<MissingState> {
        if self.token_lens & len_bit(s.len()) == 0 && (s.is_ascii() || !self.tokens_non_ascii) {
            return None;
        }
        for (t, m) in &self.tokens {
            if t.len() == s.len() && s.eq_ignore_ascii_case(t) {
                return Some(*m);
            }
        }
        if self.tokens_non_ascii && !s.is_ascii() {
            let k = key(s);
            return self.tokens.iter().find(|(t, _)| *t == k).map(|(_, m)| *m);
        }
        None
    }

    /// How cells of `slot` can be decoded without the general path ([`FastCell`]).
    pub fn fast_cell(&self, slot: usize) -> FastCell<'_> {
        let info = &self.infos[slot];
        if info.keep_text {
            return FastCell::General;
        }
        let table = info.one_byte.and_then(|t| self.tables.get(t));
        match (&info.q.kind, table, info.int_bounds) {
            (QuestionKind::Single(_), Some(t), _) => FastCell::OneByte(t),
            (QuestionKind::Multi(_), Some(t), _) => FastCell::Multi(t),
            (QuestionKind::Integer { .. } | QuestionKind::Decimal { .. }, _, Some((min, max))) => {
                FastCell::Int { min, max }
            }
            _ => FastCell::General,
        }
    }

    /// A multiple choice from its parts (a cell split at `|`, or a JSON array's strings; `None`
    /// for a part that is no string) by `fast`, when every part is one option byte, each once;
    /// `None`: use [`Slots::multi`] (which gives the same value for every list this accepts).
    #[inline(always)]
    pub fn multi_fast<'a>(
        &self,
        fast: FastCell,
        parts: impl Iterator<Item = Option<&'a [u8]>>,
    ) -> Option<Value> {
        let FastCell::Multi(t) = fast else {
            return None;
        };
        let mut bits: u64 = 0;
        for p in parts {
            let &[c] = p? else {
                return None;
            };
            bits = add_option(t, bits, c)?;
        }
        (bits != 0).then_some(Value::Multi(u128::from(bits)))
    }

    /// A whole number (JSON) for a slot whose cells decode by `fast`, when it is within the
    /// bounds; `None`: use [`Slots::number`].
    #[inline]
    pub fn int_fast(&self, fast: FastCell, n: i64) -> Option<Value> {
        match fast {
            FastCell::Int { min, max } => int_within(min, max, n),
            _ => None,
        }
    }

    /// The value of a trimmed, non-empty cell by `fast`, when the cell is in the plain form
    /// the fast decoder knows (one option byte; option bytes joined by `|`, each once; a
    /// whole number within the bounds) and is no missing-value token. `None`: use
    /// [`Slots::parse`], which gives the same value for every cell this accepts (and the
    /// errors for the others).
    #[inline(always)]
    pub fn parse_fast(&self, fast: FastCell, b: &[u8]) -> Option<Value> {
        if self.may_be_token(b) {
            return None;
        }
        match fast {
            FastCell::General => None,
            FastCell::OneByte(t) => one_byte_cell(t, b),
            FastCell::Multi(t) => multi_cell(t, b),
            FastCell::Int { min, max } => int_cell(min, max, b),
        }
    }

    /// Whether a missing-value token has the length of `b`: then only the general path knows
    /// what the cell is (what [`Slots::parse_fast`] checks before its decoders).
    #[inline(always)]
    pub fn may_be_token(&self, b: &[u8]) -> bool {
        self.token_lens & len_bit(b.len()) != 0
    }

    /// Parses a trimmed, non-empty cell for `slot`.
    pub fn parse(&self, slot: usize, s: &str) -> Result<Value, CellError> {
        let info = &self.infos[slot];
        let q = info.q;
        if let Some(m) = self.token(s) {
            let allowed = match m {
                MissingState::NotApplicable => q.allow_not_applicable,
                MissingState::DontKnow => q.allow_dont_know,
                _ => false,
            };
            if allowed {
                return Ok(Value::Missing(m));
            }
            if matches!(q.kind, QuestionKind::Text) {
                // free text that happens to read "NA": keep it as text
                return Ok(Value::Text);
            }
            return Err(InputErrorKind::TokenNotAllowed {
                value: s.to_string(),
                question: q.id.clone(),
                state: m,
            }
            .into());
        }
        match &q.kind {
            QuestionKind::Single(_) => self.option(info, s).map(|i| Value::Choice(i as u16)),
            QuestionKind::Multi(_) => self
                .multi(info, SplitBar(Some(s)))
                .map_err(|e| super::hint::multi(self, info, s, e)),
            QuestionKind::YesNo => yes_no(s).map(Value::Bool).ok_or_else(|| {
                InputErrorKind::NotYesNo {
                    value: s.to_string(),
                }
                .into()
            }),
            QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => {
                let integer = matches!(q.kind, QuestionKind::Integer { .. });
                let n = parse_number(s, integer, &q.id)?;
                self.check_bounds(info, n, s)
            }
            QuestionKind::Text => Ok(Value::Text),
        }
    }

    /// A number already parsed (JSON), checked against the slot's kind and bounds.
    pub fn number(&self, slot: usize, n: Num, raw: &str) -> Result<Value, CellError> {
        let info = &self.infos[slot];
        if matches!(info.q.kind, QuestionKind::Integer { .. }) && !n.is_integer() {
            return Err(not_whole(raw, &info.q.id));
        }
        self.check_bounds(info, n, raw)
    }

    fn check_bounds(&self, info: &SlotInfo, n: Num, raw: &str) -> Result<Value, CellError> {
        if let Some(min) = info.min {
            if num_lt(n, min) {
                return Err(InputErrorKind::BelowMinimum {
                    value: raw.to_string(),
                    question: info.q.id.clone(),
                    min,
                    max: info.max,
                }
                .into());
            }
        }
        if let Some(max) = info.max {
            if num_lt(max, n) {
                return Err(InputErrorKind::AboveMaximum {
                    value: raw.to_string(),
                    question: info.q.id.clone(),
                    min: info.min,
                    max,
                }
                .into());
            }
        }
        Ok(Value::Num(n))
    }

    /// Option index: exact id, then id ignoring case and Unicode normalisation, then the
    /// Latvian label likewise (when exactly one option has it).
    pub fn option(&self, info: &SlotInfo, s: &str) -> Result<usize, CellError> {
        let b = s.as_bytes();
        if let (Some(t), [c]) = (info.one_byte.and_then(|t| self.tables.get(t)), b) {
            if let Some(&i) = t.get(*c as usize) {
                if i > 0 {
                    return Ok(i as usize - 1);
                }
            }
        }
        let opts = info.q.kind.options();
        // lengths and first bytes first: most ids are short, and a slice comparison calls memcmp
        if let Some(i) = opts.iter().position(|o| {
            let id = o.id.as_bytes();
            id.len() == b.len() && id.first() == b.first() && id == b
        }) {
            return Ok(i);
        }
        let k = key(s);
        if let Some(i) = info.id_keys.iter().position(|x| *x == k) {
            return Ok(i);
        }
        let mut by_label = info.label_keys.iter().enumerate().filter(|(_, x)| **x == k);
        if let (Some((i, _)), None) = (by_label.next(), by_label.next()) {
            return Ok(i);
        }
        Err(InputErrorKind::NotAnOption {
            value: s.to_string(),
            question: info.q.id.clone(),
            hint: super::hint::option(s, opts),
        }
        .into())
    }

    /// A multiple choice from its parts (`a|b` split at `|`, or a JSON array's strings).
    pub fn multi<'a>(
        &self,
        info: &SlotInfo,
        parts: impl Iterator<Item = &'a str>,
    ) -> Result<Value, CellError> {
        let mut bits: u128 = 0;
        let mut any = false;
        for p in parts {
            let p = trim(p);
            if p.is_empty() {
                continue;
            }
            any = true;
            let i = self.option(info, p)?;
            let bit = 1u128 << i;
            if bits & bit != 0 {
                return Err(InputErrorKind::OptionTwice {
                    option: info.q.kind.options()[i].id.clone(),
                }
                .into());
            }
            bits |= bit;
        }
        Ok(if any {
            Value::Multi(bits)
        } else {
            Value::UNANSWERED
        })
    }
}

/// Parses one value for one slot (question or metadata, as [`super::slot_of`] numbers them) the
/// way a CSV cell is parsed: trimmed; empty is unanswered; `a|b` for a multiple choice; the
/// schema's not-applicable / don't-know tokens. The error is `(message, help)`.
pub fn parse_value(
    schema: &Schema,
    slot: usize,
    text: &str,
) -> Result<Value, (String, Option<String>)> {
    let slots = Slots::new(schema);
    if slot >= slots.len() {
        return Err((
            format!("no question or metadata field has slot {slot}"),
            None,
        ));
    }
    let t = text.trim();
    if t.is_empty() {
        return Ok(Value::UNANSWERED);
    }
    slots.parse(slot, t).map_err(|e| (e.message(), e.help()))
}

/// `s.split('|')`, without a char searcher (`|` is ASCII, so every piece is a `str`).
struct SplitBar<'a>(Option<&'a str>);

impl<'a> Iterator for SplitBar<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = self.0?;
        match s.bytes().position(|b| b == b'|') {
            Some(i) => {
                self.0 = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                self.0 = None;
                Some(s)
            }
        }
    }
}

/// `s.trim()`, skipping the Unicode search when both ends are visible ASCII.
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if a > b' ' && a < 0x80 && z > b' ' && z < 0x80 => s,
        _ => s.trim(),
    }
}

fn len_bit(n: usize) -> u64 {
    1u64 << n.min(63)
}

/// `yes/no/true/false/1/0/jā/nē/ja/ne`, case-insensitive.
pub(crate) fn yes_no(s: &str) -> Option<bool> {
    const YES: [&str; 4] = ["yes", "true", "1", "ja"];
    const NO: [&str; 4] = ["no", "false", "0", "ne"];
    if YES.iter().any(|y| s.eq_ignore_ascii_case(y)) {
        return Some(true);
    }
    if NO.iter().any(|n| s.eq_ignore_ascii_case(n)) {
        return Some(false);
    }
    if s.is_ascii() {
        return None;
    }
    match key(s).as_str() {
        "jā" => Some(true),
        "nē" => Some(false),
        _ => None,
    }
}

fn is_group_sep(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}' | '_'
    )
}

fn not_whole(raw: &str, id: &str) -> CellError {
    InputErrorKind::NotWhole {
        value: raw.to_string(),
        question: id.to_string(),
    }
    .into()
}

fn thousands(raw: &str, suggestion: &str) -> CellError {
    InputErrorKind::ThousandsSeparators {
        value: raw.to_string(),
        suggestion: suggestion.to_string(),
    }
    .into()
}

/// A number: `.` or `,` as the decimal mark, `-` sign. Grouped numbers (`1 049 816`,
/// `1,049,816`, `1.049,5`) are rejected with a message to remove the separators; for integer
/// questions `1,049` (one mark, three digits after it) is rejected as ambiguous.
pub(crate) fn parse_number(s: &str, integer: bool, id: &str) -> Result<Num, CellError> {
    // fast path: `12`, `-7`, `12.5`, `12,5` with at most 18 digits
    let b = s.as_bytes();
    let (neg, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let mut n: i64 = 0;
    let mut digits = 0u32;
    let mut int_digits = 0u32;
    let mut mark = false;
    let mut plain = body.len() <= 19;
    for &c in body.iter().take(20) {
        match c {
            // a 19th digit could overflow `n`: the slow path reads it
            b'0'..=b'9' if digits == 18 => {
                plain = false;
                break;
            }
            b'0'..=b'9' => {
                n = n * 10 + i64::from(c - b'0');
                digits += 1;
                if !mark {
                    int_digits += 1;
                }
            }
            b'.' | b',' if !mark => mark = true,
            _ => {
                plain = false;
                break;
            }
        }
    }
    if plain && digits <= 18 && int_digits > 0 {
        let n = i128::from(if neg { -n } else { n });
        if !mark {
            return Ok(Num::int(n));
        }
        let frac_digits = digits - int_digits;
        if !integer && frac_digits > 0 {
            if let Some(x) = Num::frac(n, 10i128.pow(frac_digits)) {
                return Ok(x);
            }
        }
    }
    parse_number_slow(s, integer, id)
}

/// `a < b` for numbers, without the division `Ratio::cmp` needs for different denominators.
pub(crate) fn num_lt(a: Num, b: Num) -> bool {
    if a.denom() == b.denom() {
        return a.numer() < b.numer();
    }
    match (
        a.numer().checked_mul(b.denom()),
        b.numer().checked_mul(a.denom()),
    ) {
        (Some(x), Some(y)) => x < y,
        _ => a < b,
    }
}

fn parse_number_slow(s: &str, integer: bool, id: &str) -> Result<Num, CellError> {
    let t = s.trim().replace('\u{2212}', "-");
    let body = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let numeric_chars = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let starts_digit = body.starts_with(|c: char| c.is_ascii_digit());
    // 1 049 816 / 1'049'816 / 1 049 816,5
    if starts_digit
        && body.chars().any(is_group_sep)
        && body.chars().all(|c| numeric_chars(c) || is_group_sep(c))
    {
        let sug: String = t.chars().filter(|c| !is_group_sep(*c)).collect();
        return Err(thousands(s, &sug));
    }
    let marks: Vec<(usize, char)> = body
        .char_indices()
        .filter(|(_, c)| *c == ',' || *c == '.')
        .collect();
    if marks.len() >= 2 && starts_digit && body.chars().all(numeric_chars) {
        // 1,049,816 / 1.049.816 / 1,049.5 / 1.049,5
        let last = marks[marks.len() - 1].1;
        let mixed = marks.iter().any(|(_, c)| *c != last);
        let sign = &t[..t.len() - body.len()];
        let sug: String = if mixed {
            let (pos, _) = marks[marks.len() - 1];
            let int: String = body[..pos].chars().filter(|c| c.is_ascii_digit()).collect();
            format!("{sign}{int}{}", &body[pos..])
        } else {
            format!("{sign}{}", body.replace([',', '.'], ""))
        };
        return Err(thousands(s, &sug));
    }
    if let [(pos, mark)] = marks[..] {
        let (ip, fp) = (&body[..pos], &body[pos + 1..]);
        if integer
            && fp.len() == 3
            && (1..=3).contains(&ip.len())
            && ip != "0"
            && (ip.chars().chain(fp.chars())).all(|c| c.is_ascii_digit())
        {
            let sign = &t[..t.len() - body.len()];
            return Err(InputErrorKind::AmbiguousThousands {
                value: s.to_string(),
                mark,
                suggestion: format!("{sign}{ip}{fp}"),
                question: id.to_string(),
            }
            .into());
        }
    }
    // digits with at most one mark: a number, unless it has too many digits to be exact
    if body.bytes().any(|c| c.is_ascii_digit()) && body.chars().all(numeric_chars) {
        return match number::exact(&t.replace(',', ".")) {
            Ok(n) if integer && !n.is_integer() => Err(not_whole(s, id)),
            Ok(n) => Ok(n),
            Err(why) => Err(InputErrorKind::InexactNumber {
                value: s.to_string(),
                why,
            }
            .into()),
        };
    }
    match t.replace(',', ".").parse::<Num>() {
        Ok(n) if integer && !n.is_integer() => Err(not_whole(s, id)),
        Ok(n) => Ok(n),
        Err(_) => {
            let has_digit = t.chars().any(|c| c.is_ascii_digit());
            let hint = if has_digit
                && t.contains(['e', 'E'])
                && t.chars().all(|c| numeric_chars(c) || "eE+-".contains(c))
            {
                NumberHint::Exponent
            } else if has_digit {
                NumberHint::Text
            } else if integer {
                NumberHint::Whole
            } else {
                NumberHint::Decimal
            };
            Err(InputErrorKind::NotANumber {
                value: s.to_string(),
                question: id.to_string(),
                hint,
            }
            .into())
        }
    }
}

#[cfg(test)]
mod tests;
