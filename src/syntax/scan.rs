//! A lexical pre-scan, before pest: splits a file into top-level items (for error recovery) and
//! finds unterminated strings, bad escapes and too-deep bracket nesting, which would otherwise give
//! confusing errors or deep recursion.

use super::error::{SyntaxError, MAX_NESTING};
use crate::source::Span;
use std::ops::Range;

/// The words that start a top-level item when they are the first word of a line.
pub(super) const ITEM_STARTS: &[&str] = &[
    "survey",
    "levels",
    "defaults",
    "section",
    "index",
    "let",
    "rule",
    "group",
    "constraint",
    "uncertain",
];

/// Splits `src` into chunks of whole lines, each starting at a line whose first word starts an
/// item (the first chunk also holds whatever precedes the first item). The chunks cover `src`.
pub(super) fn split_items(src: &str) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        if line_start > 0 && starts_item(line) {
            starts.push(line_start);
        }
        line_start += line.len();
    }
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(src.len());
        chunks.push(s..e);
    }
    chunks
}

/// Whether the first word of `line` starts an item. Strings never span lines, so a line cannot
/// begin inside a string. The word is compared without case: a `Rule` written by mistake starts
/// an item of its own (and gets its own error), so it does not take the item before it down too.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '\u{FEFF}']);
    let end = t
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    let word = &t[..end];
    ITEM_STARTS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The `{` of `chunk` that is never closed, if any (its offset in `chunk`).
///
/// Braces are paired as written; where a `}` is indented less than the line of the `{` it closes,
/// that `{` is the one more likely missing its `}` (the `}` belongs to an outer block), as in
///
/// ```text
/// rule r in s {
///   match q {
///     a => 1
/// }
/// ```
///
/// where the `}` closes the `match` by count but the `match` is what lacks its `}`.
pub(super) fn unclosed_brace(chunk: &str) -> Option<usize> {
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut suspect: Option<usize> = None;
    for (i, c) in code_chars(chunk) {
        match c {
            '{' => open.push((i, indent_of_line(chunk, i))),
            '}' => {
                let Some((at, indent)) = open.pop() else {
                    continue;
                };
                if suspect.is_none() && indent_of_line(chunk, i) < indent {
                    suspect = Some(at);
                }
            }
            _ => {}
        }
    }
    let innermost = open.last().map(|&(at, _)| at)?;
    Some(suspect.unwrap_or(innermost))
}

/// The characters of `text` outside strings and comments, with their offsets.
fn code_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    text.char_indices().filter(move |&(_, c)| {
        if in_comment {
            in_comment = c != '\n';
            return false;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_string = false;
            }
            return false;
        }
        match c {
            '"' => in_string = true,
            '#' => in_comment = true,
            _ => return true,
        }
        false
    })
}

/// The indentation (in characters) of the line holding offset `at`.
fn indent_of_line(text: &str, at: usize) -> usize {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count()
}

/// Lexical problems in `text` (a chunk starting at `base` in file `file`): unterminated strings,
/// invalid escapes, and bracket nesting deeper than [`MAX_NESTING`] (reported once).
pub(super) fn lexical_errors(text: &str, base: usize, file: u16) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    let mut chars = text.char_indices().peekable();
    let span = |s: usize, e: usize| Span::new(file, base + s, base + e);
    while let Some((i, c)) = chars.next() {
        match c {
            '#' => while chars.next_if(|&(_, c)| c != '\n').is_some() {},
            '"' => {
                let mut closed = false;
                while let Some((j, c)) = chars.next_if(|&(_, c)| c != '\n' && c != '\r') {
                    match c {
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\\' => match chars.next_if(|&(_, c)| c != '\n' && c != '\r') {
                            Some((_, '"' | '\\')) => {}
                            Some((k, other)) => errors.push(SyntaxError::InvalidEscape {
                                escape: format!("\\{other}"),
                                span: span(j, k + other.len_utf8()),
                            }),
                            None => errors.push(SyntaxError::InvalidEscape {
                                escape: "\\".to_string(),
                                span: span(j, j + 1),
                            }),
                        },
                        _ => {}
                    }
                }
                if !closed {
                    let end = chars.peek().map_or(text.len(), |&(j, _)| j);
                    errors.push(SyntaxError::UnterminatedString { span: span(i, end) });
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    errors.push(SyntaxError::TooDeep {
                        limit: MAX_NESTING,
                        span: span(i, i + 1),
                    });
                }
            }
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    errors
}
