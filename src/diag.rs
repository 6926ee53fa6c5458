//! Diagnostics of every stage, and how they are shown: miette's graphical report for people,
//! one JSON object per diagnostic for tools.

use crate::check::{CheckError, Severity};
use crate::schema::SchemaError;
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::SyntaxError;
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// A problem found in a ruleset, from whichever stage found it.
#[derive(Debug, Clone)]
pub enum Diagnostic {
    Syntax(SyntaxError),
    Schema(SchemaError),
    Check(CheckError),
}

impl Diagnostic {
    pub fn span(&self) -> Span {
        match self {
            Diagnostic::Syntax(e) => e.span(),
            Diagnostic::Schema(e) => e.span(),
            Diagnostic::Check(e) => e.span(),
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Diagnostic::Check(e) => e.severity(),
            _ => Severity::Error,
        }
    }

    pub fn as_miette(&self) -> &dyn miette::Diagnostic {
        match self {
            Diagnostic::Syntax(e) => e,
            Diagnostic::Schema(e) => e,
            Diagnostic::Check(e) => e,
        }
    }
}

/// A diagnostic with its source attached, so miette can draw the snippet.
#[derive(Debug)]
struct WithSource<'a> {
    inner: &'a dyn miette::Diagnostic,
    /// `None`: drawn without a snippet.
    source: Option<Window<'a>>,
}

/// The lines of a file around a diagnostic's labels, standing in for the whole file: miette
/// finds a span's line by scanning its source from the start, which for thousands of
/// diagnostics in a large file is quadratic. Offsets and line numbers are translated, so the
/// report is the same as with the whole file.
#[derive(Debug)]
struct Window<'a> {
    name: &'a str,
    text: &'a str,
    /// Byte offset and 0-based line of `text` in the file.
    base: usize,
    base_line: usize,
}

impl<'a> Window<'a> {
    /// The window of `file` covering every label of `d`, with `margin` lines around them.
    fn around(file: &'a SourceFile, d: &dyn miette::Diagnostic, margin: usize) -> Window<'a> {
        let (mut lo, mut hi) = (usize::MAX, 0);
        for l in d.labels().into_iter().flatten() {
            lo = lo.min(l.offset());
            hi = hi.max(l.offset() + l.len());
        }
        if lo > hi {
            (lo, hi) = (0, 0);
        }
        let first = file.line_of(lo).saturating_sub(margin);
        let last = file.line_of(hi) + margin + 1;
        let (base, end) = (file.line_start(first), file.line_start(last));
        match file.text.get(base..end) {
            Some(text) => Window {
                name: &file.name,
                text,
                base,
                base_line: first,
            },
            None => Window {
                name: &file.name,
                text: &file.text,
                base: 0,
                base_line: 0,
            },
        }
    }
}

impl miette::SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let local = span
            .offset()
            .checked_sub(self.base)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let inner = self
            .text
            .read_span(&(local, span.len()).into(), before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            (inner.span().offset() + self.base, inner.span().len()).into(),
            inner.line() + self.base_line,
            inner.column(),
            inner.line_count() + self.base_line,
        )))
    }
}

impl std::fmt::Display for WithSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&tame(&self.inner.to_string()))
    }
}

impl std::error::Error for WithSource<'_> {}

impl miette::Diagnostic for WithSource<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let h = self.inner.help()?;
        Some(Box::new(tame(&h.to_string())))
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let labels = self.inner.labels()?;
        Some(Box::new(labels.map(|l| {
            miette::LabeledSpan::new_with_span(l.label().map(tame), *l.inner())
        })))
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
}

/// Renders diagnostics for a person. `color`: ANSI colours; `width`: terminal width.
pub fn render_human(
    diags: &[Diagnostic],
    sources: &SourceMap,
    color: bool,
    width: usize,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    // per (code, file, line): how many were seen, and where the count of the hidden ones is
    let mut groups: HashMap<(String, u16, usize), (usize, usize)> = HashMap::new();
    let mut hidden: Vec<(String, String, usize)> = Vec::new();
    for d in diags {
        let span = d.span();
        let file = if span.is_synthetic() {
            None
        } else {
            sources.get(span.file)
        };
        if let Some(f) = file {
            let code = d
                .as_miette()
                .code()
                .map(|c| c.to_string())
                .unwrap_or_default();
            let line = f.line_of(span.start as usize);
            let g = groups
                .entry((code.clone(), span.file, line))
                .or_insert((0, usize::MAX));
            g.0 += 1;
            if g.0 > GROUP_SHOWN {
                if g.1 == usize::MAX {
                    g.1 = hidden.len();
                    hidden.push((code, format!("{}:{}", f.name, line + 1), 0));
                }
                hidden[g.1].2 += 1;
                continue;
            }
        }
        render_one(&handler, &mut out, d, file);
        out.push('\n');
    }
    for (code, place, more) in hidden {
        let _ = writeln!(
            out,
            "  … and {more} more {} like this ({code}) on {place}; `eindex check --format json` lists every one\n",
            if more == 1 { "diagnostic" } else { "diagnostics" }
        );
    }
    out
}

/// Diagnostics of one kind (code) on one line drawn in full; the rest are counted (a line of
/// 100,000 unknown options would otherwise print 100,000 reports). JSON lists every one.
pub const GROUP_SHOWN: usize = 5;

/// A diagnostic drawn without its snippet.
fn bare(d: &Diagnostic) -> WithSource<'_> {
    WithSource {
        inner: d.as_miette(),
        source: None,
    }
}

/// Words (runs without white space) of a message longer than this many characters are cut
/// (a name of a megabyte is not echoed whole); see [`tame`].
pub const MAX_ECHOED_WORD: usize = 100;

/// Messages, labels and help texts longer than this many characters are cut.
pub const MAX_ECHOED_TEXT: usize = 2_000;

/// A message as it is shown: every word longer than [`MAX_ECHOED_WORD`] characters cut to its
/// start, `…` and its closing punctuation (the `` `, `` after a name), the whole cut at
/// [`MAX_ECHOED_TEXT`] characters.
pub fn tame(text: &str) -> String {
    if text.len() <= MAX_ECHOED_WORD {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(4 * MAX_ECHOED_TEXT));
    let mut word = 0;
    // the last characters of a word being cut
    let mut tail: Vec<char> = Vec::new();
    let mut shown = 0;
    let close = |out: &mut String, tail: &mut Vec<char>| {
        let keep = tail
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_punctuation())
            .count();
        let from = tail.len() - keep;
        out.extend(tail.drain(..).skip(from));
    };
    for c in text.chars() {
        if c.is_whitespace() {
            close(&mut out, &mut tail);
            word = 0;
        } else {
            word += 1;
            if word > MAX_ECHOED_WORD {
                if word == MAX_ECHOED_WORD + 1 {
                    out.push('…');
                }
                if tail.len() == 3 {
                    tail.remove(0);
                }
                tail.push(c);
                continue;
            }
        }
        if shown >= MAX_ECHOED_TEXT {
            out.push('…');
            return out;
        }
        out.push(c);
        shown += 1;
    }
    close(&mut out, &mut tail);
    out
}

/// Draws one diagnostic; when miette cannot draw it, a plain located message instead.
fn render_one(
    handler: &GraphicalReportHandler,
    out: &mut String,
    d: &Diagnostic,
    file: Option<&SourceFile>,
) {
    let mut one = String::new();
    let res = match file {
        Some(f) if long_lines(f, d.as_miette(), MARGIN) => plain(handler, &mut one, f, d),
        Some(f) => {
            let w = WithSource {
                inner: d.as_miette(),
                source: Some(Window::around(f, d.as_miette(), MARGIN)),
            };
            handler.render_report(&mut one, &w)
        }
        None => handler.render_report(&mut one, &bare(d)),
    };
    match res {
        Ok(()) => out.push_str(&one),
        Err(_) => fallback(out, d, file),
    }
}

/// A diagnostic as plain text, for when the graphical handler fails: severity, code, message,
/// place, label and help, with no drawing.
fn fallback(out: &mut String, d: &Diagnostic, file: Option<&SourceFile>) {
    let m = d.as_miette();
    let severity = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let code = m.code().map(|c| format!("[{c}]")).unwrap_or_default();
    let _ = writeln!(out, "{severity}{code}: {}", tame(&m.to_string()));
    if let Some(f) = file {
        let (line, col) = f.line_col(d.span().start as usize);
        let label = m
            .labels()
            .and_then(|mut l| l.next())
            .and_then(|l| l.label().map(|t| format!(" — {}", tame(t))))
            .unwrap_or_default();
        let _ = writeln!(out, "  at {}:{line}:{col}{label}", f.name);
    }
    if let Some(h) = m.help() {
        let _ = writeln!(out, "  help: {}", tame(&h.to_string()));
    }
}

/// Lines longer than this (in bytes) are not drawn whole: the diagnostic shows a window of the
/// line around its place instead (miette's drawing fails past column 65,535, and a line of a
/// megabyte per diagnostic would flood the terminal).
pub const MAX_DRAWN_LINE: usize = 400;

/// Lines drawn around a diagnostic's labels (miette draws fewer; the window must hold them).
const MARGIN: usize = 8;

/// How many characters of a long line are shown on each side of a diagnostic's place.
const EXCERPT_SIDE: usize = 40;

/// Whether a line the report of `d` would draw (its labels' lines and the `margin` lines around
/// them) is too long to draw.
fn long_lines(file: &SourceFile, d: &dyn miette::Diagnostic, margin: usize) -> bool {
    d.labels().into_iter().flatten().any(|l| {
        let first = file.line_of(l.offset()).saturating_sub(margin);
        let last = file.line_of(l.offset() + l.len()) + margin;
        (first..=last).any(|line| {
            file.line_start(line + 1)
                .saturating_sub(file.line_start(line))
                > MAX_DRAWN_LINE
        })
    })
}

/// A diagnostic whose line is too long to draw: the report without the snippet, then the place
/// and a window of the line around it.
fn plain(
    handler: &GraphicalReportHandler,
    out: &mut String,
    file: &SourceFile,
    d: &Diagnostic,
) -> std::fmt::Result {
    handler.render_report(out, &bare(d))?;
    let offset = (d.span().start as usize).min(file.text.len());
    let (line, col) = file.line_col(offset);
    let start = file.line_start(line - 1);
    let end = file.line_start(line).min(file.text.len());
    let text = file.text.get(start..end).unwrap_or("");
    // the line's length in characters, from the index (counting a long line for every one of
    // its diagnostics was quadratic)
    let (_, end_col) = file.line_col(start + text.trim_end_matches(['\n', '\r']).len());
    let at = offset - start;
    let before: String = {
        let head = text.get(..at).unwrap_or("");
        let mut v: Vec<char> = head.chars().rev().take(EXCERPT_SIDE).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text
        .get(at..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .take(EXCERPT_SIDE)
        .collect();
    let lead = if before.chars().count() == EXCERPT_SIDE {
        "…"
    } else {
        ""
    };
    let tail = if after.chars().count() == EXCERPT_SIDE {
        "…"
    } else {
        ""
    };
    let clean = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let label = d
        .as_miette()
        .labels()
        .and_then(|mut l| l.next())
        .and_then(|l| l.label().map(|t| format!(" — {}", tame(t))))
        .unwrap_or_default();
    out.push_str(&format!(
        "  at {}:{line}:{col} (a line of {} characters; shown around the place){label}:\n    {lead}{}⟨here⟩{}{tail}\n",
        file.name,
        end_col - 1,
        clean(&before),
        clean(&after)
    ));
    Ok(())
}

/// One diagnostic as JSON (the stable format of `eindex check --format json`, see docs/diagnostics.md).
/// The fields are in alphabetical order, the order of the JSON object.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub code: String,
    pub column: Option<usize>,
    pub end_column: Option<usize>,
    pub end_line: Option<usize>,
    pub file: Option<String>,
    pub help: Option<String>,
    pub label: Option<String>,
    pub line: Option<usize>,
    pub message: String,
    pub severity: Severity,
}

pub fn to_json(d: &Diagnostic, sources: &SourceMap) -> JsonDiagnostic {
    let span = d.span();
    let file = if span.is_synthetic() {
        None
    } else {
        sources.get(span.file)
    };
    let (start, end) = match file {
        Some(f) => (
            Some(f.line_col(span.start as usize)),
            Some(f.line_col(span.end as usize)),
        ),
        None => (None, None),
    };
    let m = d.as_miette();
    JsonDiagnostic {
        file: file.map(|f| f.name.clone()),
        line: start.map(|s| s.0),
        column: start.map(|s| s.1),
        end_line: end.map(|s| s.0),
        end_column: end.map(|s| s.1),
        code: m.code().map(|c| c.to_string()).unwrap_or_default(),
        severity: d.severity(),
        message: tame(&m.to_string()),
        label: m
            .labels()
            .and_then(|mut l| l.next())
            .and_then(|l| l.label().map(tame)),
        help: m.help().map(|h| tame(&h.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_and_texts_are_cut() {
        let name = "a".repeat(1 << 20);
        let t = tame(&format!("the names here are: `{name}`, `y`"));
        assert_eq!(
            t,
            format!(
                "the names here are: `{}…`, `y`",
                "a".repeat(MAX_ECHOED_WORD - 1)
            )
        );
        let long = "l0 → ".repeat(10_000);
        let t = tame(&long);
        assert_eq!(t.chars().count(), MAX_ECHOED_TEXT + 1);
        assert!(t.ends_with('…'));
        assert_eq!(tame("short `name`"), "short `name`");
    }

    fn unknown(name: &str, span: Span) -> Diagnostic {
        Diagnostic::Check(CheckError::UnknownName {
            what: "question or value",
            name: name.to_string(),
            span,
            hint: "check the spelling".into(),
        })
    }

    #[test]
    fn the_plain_fallback_is_located() {
        let mut m = SourceMap::new();
        let id = m.add(
            std::path::Path::new("a.rules"),
            "let x = 1\nlet y = zāģ + qq\n",
        );
        let d = unknown("qq", Span::new(id, 26, 28));
        let mut out = String::new();
        fallback(&mut out, &d, m.get(id));
        assert_eq!(
            out,
            "error[eindex::check::unknown_name]: unknown question or value `qq`\n  at a.rules:2:15 — not defined\n  help: check the spelling\n"
        );
    }

    #[test]
    fn six_of_one_kind_on_a_line_show_five() {
        let mut m = SourceMap::new();
        let id = m.add(
            std::path::Path::new("a.rules"),
            "let y = a + b + c + d + e + f\n",
        );
        let diags: Vec<Diagnostic> = (0..6)
            .map(|i| unknown("n", Span::new(id, 8 + 4 * i, 9 + 4 * i)))
            .collect();
        let text = render_human(&diags, &m, false, 100);
        assert_eq!(text.matches("not defined").count(), 5, "{text}");
        assert!(
            text.contains(
                "… and 1 more diagnostic like this (eindex::check::unknown_name) on a.rules:1"
            ),
            "{text}"
        );
    }
}
