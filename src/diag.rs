//! Diagnostics of every stage, and how they are shown: miette's graphical report for people,
//! one JSON object per diagnostic for tools.

use crate::check::{CheckError, Severity};
use crate::schema::SchemaError;
use crate::source::{SourceFile, SourceMap, Span};
use crate::syntax::SyntaxError;
use miette::{GraphicalReportHandler, GraphicalTheme};
use serde::Serialize;

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
    source: Window<'a>,
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
        std::fmt::Display::fmt(self.inner, f)
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
        self.inner.help()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.inner.labels()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
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
    for d in diags {
        let span = d.span();
        let file = if span.is_synthetic() {
            None
        } else {
            sources.get(span.file)
        };
        let res = match file {
            Some(f) if long_lines(f, d.as_miette(), MARGIN) => plain(&handler, &mut out, f, d),
            Some(f) => {
                let w = WithSource {
                    inner: d.as_miette(),
                    source: Window::around(f, d.as_miette(), MARGIN),
                };
                handler.render_report(&mut out, &w)
            }
            None => handler.render_report(&mut out, d.as_miette()),
        };
        if res.is_err() {
            out.push_str(&d.as_miette().to_string());
        }
        out.push('\n');
    }
    out
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
    handler.render_report(out, d.as_miette())?;
    let offset = (d.span().start as usize).min(file.text.len());
    let (line, col) = file.line_col(offset);
    let start = file.line_start(line - 1);
    let end = file.line_start(line).min(file.text.len());
    let text = file.text.get(start..end).unwrap_or("");
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
        .and_then(|l| l.label().map(|t| format!(" — {t}")))
        .unwrap_or_default();
    out.push_str(&format!(
        "  at {}:{line}:{col} (a line of {} characters; shown around the place){label}:\n    {lead}{}⟨here⟩{}{tail}\n",
        file.name,
        text.chars().count(),
        clean(&before),
        clean(&after)
    ));
    Ok(())
}

/// One diagnostic as JSON (the stable format of `eindex check --format json`, see docs/diagnostics.md).
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
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
        message: m.to_string(),
        label: m
            .labels()
            .and_then(|mut l| l.next())
            .and_then(|l| l.label().map(str::to_string)),
        help: m.help().map(|h| h.to_string()),
    }
}
