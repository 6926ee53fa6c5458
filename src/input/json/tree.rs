//! [`J`], a JSON value that keeps every key of an object (so that repeated keys can be
//! reported) and every number as it is written (so that it is read exactly), and [`parse`],
//! which reads it from text.
//!
//! The parser follows RFC 8259 strictly, as `serde_json` does; it only differs in what it keeps:
//! a number's text instead of a floating-point value (so `1e400` is a number like any other here,
//! and whether it can be used is decided per value), and every key of an object. Its error
//! messages are `serde_json`'s: on invalid JSON the text is checked again by `serde_json`, whose
//! message (with line and column) is the one reported.

use std::borrow::Cow;

/// A JSON value that keeps every key of an object, in order. Strings without escapes and
/// numbers borrow from the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum J<'a> {
    Null,
    Bool(bool),
    /// The number's text, as written (valid JSON number syntax).
    Num(&'a str),
    Str(Cow<'a, str>),
    Arr(Vec<J<'a>>),
    Obj(Vec<(Cow<'a, str>, J<'a>)>),
}

impl J<'_> {
    pub(crate) fn type_name(&self) -> &'static str {
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

/// Invalid JSON: the message (with its line and column) and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syntax {
    pub message: String,
    pub line: usize,
}

impl std::fmt::Display for Syntax {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// How deeply arrays and objects may nest (as in `serde_json`).
const MAX_DEPTH: u32 = 128;

/// Reads one JSON value (with white space around it) from `text`.
pub(crate) fn parse(text: &str) -> Result<J<'_>, Syntax> {
    let mut p = Parser {
        s: text,
        b: text.as_bytes(),
        at: 0,
        depth: 0,
    };
    let v = p.value();
    let v = v.and_then(|v| {
        p.ws();
        if p.at < p.b.len() {
            Err(p.error("trailing characters"))
        } else {
            Ok(v)
        }
    });
    v.map_err(|mine| {
        // `serde_json`'s message when it finds the text invalid too (it always should), unless
        // it stopped at a number it cannot hold in floating point, which is no error here
        match serde_json::from_str::<Any>(text) {
            Err(e) if !e.to_string().starts_with("number out of range") => Syntax {
                message: e.to_string(),
                line: e.line(),
            },
            _ => mine,
        }
    })
}

/// Any JSON value, read by `serde_json` as it reads a value of unknown type and then dropped:
/// for `serde_json`'s error messages.
struct Any;

impl<'de> serde::Deserialize<'de> for Any {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Any, D::Error> {
        d.deserialize_any(AnyVisitor)
    }
}

struct AnyVisitor;

impl<'de> serde::de::Visitor<'de> for AnyVisitor {
    type Value = Any;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_str<E>(self, _: &str) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_unit<E>(self) -> Result<Any, E> {
        Ok(Any)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
        while a.next_element::<Any>()?.is_some() {}
        Ok(Any)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Any, A::Error> {
        while a.next_entry::<Any, Any>()?.is_some() {}
        Ok(Any)
    }
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    at: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    /// An error at the current position (`line L column C`, as `serde_json` counts them).
    #[cold]
    fn error(&self, what: &str) -> Syntax {
        let upto = &self.b[..self.at.min(self.b.len())];
        let line = upto.iter().filter(|&&c| c == b'\n').count() + 1;
        let column = upto.len() - upto.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
        Syntax {
            message: format!("{what} at line {line} column {column}"),
            line,
        }
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.at) {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Result<J<'a>, Syntax> {
        self.ws();
        let Some(&c) = self.b.get(self.at) else {
            return Err(self.error("EOF while parsing a value"));
        };
        match c {
            b'"' => self.string().map(J::Str),
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.error("recursion limit exceeded"));
                }
                self.at += 1;
                let v = if c == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                v
            }
            b'-' | b'0'..=b'9' => self.number().map(J::Num),
            b'n' => self.word("null", J::Null),
            b't' => self.word("true", J::Bool(true)),
            b'f' => self.word("false", J::Bool(false)),
            _ => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, w: &str, v: J<'a>) -> Result<J<'a>, Syntax> {
        if self.b[self.at..].starts_with(w.as_bytes()) {
            self.at += w.len();
            Ok(v)
        } else {
            Err(self.error("expected ident"))
        }
    }

    /// After `[`.
    fn array(&mut self) -> Result<J<'a>, Syntax> {
        let mut items = Vec::new();
        self.ws();
        if self.b.get(self.at) == Some(&b']') {
            self.at += 1;
            return Ok(J::Arr(items));
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.b.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(J::Arr(items));
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
                None => return Err(self.error("EOF while parsing a list")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<J<'a>, Syntax> {
        let mut entries = Vec::new();
        self.ws();
        if self.b.get(self.at) == Some(&b'}') {
            self.at += 1;
            return Ok(J::Obj(entries));
        }
        loop {
            self.ws();
            match self.b.get(self.at) {
                Some(b'"') => {}
                Some(_) => return Err(self.error("key must be a string")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            let k = self.string()?;
            self.ws();
            if self.b.get(self.at) != Some(&b':') {
                return Err(self.error("expected `:`"));
            }
            self.at += 1;
            entries.push((k, self.value()?));
            self.ws();
            match self.b.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(J::Obj(entries));
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
        }
    }

    /// A string, at its opening quote: borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Syntax> {
        self.at += 1;
        let start = self.at;
        loop {
            match self.b.get(self.at) {
                Some(b'"') => {
                    let s = &self.s[start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(c) if *c < 0x20 => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.at += 1,
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
        let mut out = String::from(&self.s[start..self.at]);
        loop {
            let run = self.at;
            while let Some(&c) = self.b.get(self.at) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.s[run..self.at]);
            match self.b.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    /// An escape, after its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Syntax> {
        let Some(&c) = self.b.get(self.at) else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        let ch = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if !self.b[self.at..].starts_with(b"\\u") {
                        return Err(self.error("unexpected end of hex escape"));
                    }
                    self.at += 2;
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                char::from_u32(code)
                    .ok_or_else(|| self.error("lone leading surrogate in hex escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, Syntax> {
        let digits = self.b.get(self.at..self.at + 4);
        let n = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|d| d.bytes().all(|c| c.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match n {
            Some(n) => {
                self.at += 4;
                Ok(n)
            }
            None => Err(self.error("invalid escape")),
        }
    }

    /// A number's text: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Result<&'a str, Syntax> {
        let start = self.at;
        if self.b.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.b.get(self.at) {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.b.get(self.at) == Some(&b'.') {
            self.at += 1;
            if !self.b.get(self.at).is_some_and(u8::is_ascii_digit) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.b.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.b.get(self.at) {
                self.at += 1;
            }
            if !self.b.get(self.at).is_some_and(u8::is_ascii_digit) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        Ok(&self.s[start..self.at])
    }

    fn digits(&mut self) {
        while self.b.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        let j = parse(
            r#" {"a": [1, -2.5e-3, 1e400, true, null], "a": "x\u00e9\ud83d\ude00\n", "b": {}} "#,
        )
        .unwrap();
        let J::Obj(e) = j else { panic!() };
        assert_eq!(e.len(), 3);
        assert_eq!(
            e[0].1,
            J::Arr(vec![
                J::Num("1"),
                J::Num("-2.5e-3"),
                J::Num("1e400"),
                J::Bool(true),
                J::Null
            ])
        );
        assert_eq!(e[1].1, J::Str(Cow::Owned("xé😀\n".into())));
        assert!(matches!(&e[0].0, Cow::Borrowed("a")));
    }

    #[test]
    fn errors_are_serde_jsons() {
        for bad in [
            "",
            "[1,",
            "{\"a\" 1}",
            "01",
            "1.",
            "-",
            "[1] x",
            "\"a\tb\"",
            "{1: 2}",
            "nul",
            "\"\\x\"",
            "[1,]",
            "\"\\ud800\"",
            "1e",
            "{\"a\":1,}",
        ] {
            let e = parse(bad).unwrap_err();
            let s = serde_json::from_str::<serde_json::Value>(bad).unwrap_err();
            assert_eq!(e.message, s.to_string(), "{bad:?}");
            assert_eq!(e.line, s.line());
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep).is_err());
        assert!(parse(&("[".repeat(100) + &"]".repeat(100))).is_ok());
    }

    /// The parser's own messages (used only if `serde_json` accepted what it rejects).
    #[test]
    fn own_messages_are_located() {
        let mut p = Parser {
            s: "[1,\n 2 x",
            b: b"[1,\n 2 x",
            at: 7,
            depth: 0,
        };
        p.ws();
        assert_eq!(
            p.error("expected `,` or `]`").message,
            "expected `,` or `]` at line 2 column 3"
        );
    }
}
