//! `eindex fmt`: format .rules files in the canonical layout.
//!
//! The file is parsed, the syntax tree printed again in one layout (two-space indentation, aligned
//! match/sum arms, table columns, handler names and level names, one blank line between blocks), and
//! every comment put back: a comment on a line of its own goes before the construct that follows it
//! (at that construct's indentation), a comment after code stays at the end of that line (trailing
//! comments of a block are aligned). An item with a comment *inside* a construct printed on one line
//! (e.g. between the lines of an expression) is kept exactly as written. Files with syntax errors
//! are never rewritten. See docs/workflow.md.

mod doc;
mod print;

use crate::syntax::{self, ast};
use clap::Args as ClapArgs;
use print::{Printer, Unit};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex fmt`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// `.rules` files, or folders (every `.rules` file in them, not recursive).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Do not write; show a diff of every file that is not formatted and exit with status 1.
    #[arg(long)]
    pub check: bool,
}

/// Why a text could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FmtError {
    /// The text has syntax errors (rendered diagnostics).
    Syntax(String),
    /// The formatted text would not parse to the same rules (a bug: the file is left alone).
    Changed(String),
}

/// A comment in the source.
#[derive(Debug, Clone)]
struct Comment {
    start: usize,
    end: usize,
    text: String,
    /// Nothing but white space before it on its line.
    standalone: bool,
}

/// Every `#` comment outside strings.
fn comments(src: &str) -> Vec<Comment> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                line_start = i + 1;
                i += 1;
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'#' => {
                let start = i;
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                let before = &src[line_start..start];
                out.push(Comment {
                    start,
                    end: i,
                    text: src[start..i].trim_end().to_string(),
                    standalone: before.trim_start_matches('\u{FEFF}').trim().is_empty(),
                });
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether `text` holds an empty line (two line breaks with only white space between).
fn has_blank_line(text: &str) -> bool {
    let mut seen_newline = false;
    for c in text.chars() {
        match c {
            '\n' if seen_newline => return true,
            '\n' => seen_newline = true,
            ' ' | '\t' | '\r' | '\u{FEFF}' => {}
            _ => seen_newline = false,
        }
    }
    false
}

/// An output element before the final layout.
enum Out {
    Blank,
    Comment {
        depth: usize,
        text: String,
    },
    Code {
        unit: Unit,
        trailing: Option<String>,
    },
}

/// The span text of a syntax-error list, rendered.
fn syntax_errors(errors: Vec<syntax::SyntaxError>, name: &str, src: &str) -> String {
    let mut sources = crate::source::SourceMap::new();
    sources.add(Path::new(name), src.to_string());
    let diags: Vec<crate::diag::Diagnostic> = errors
        .into_iter()
        .map(crate::diag::Diagnostic::Syntax)
        .collect();
    crate::diag::render_human(&diags, &sources, false, 100)
}

/// The syntax tree with every span removed, as text: equal for two files exactly when they hold
/// the same rules.
pub fn ast_fingerprint(file: &ast::File) -> String {
    strip_spans(&format!("{file:?}"))
}

/// Removes `12:30..45` span notations (and `synthetic`) from a Debug rendering.
fn strip_spans(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let digits = |mut j: usize| {
        let st = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        (j > st).then_some(j)
    };
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            if let Some(j) = digits(i) {
                if b.get(j) == Some(&b':') {
                    if let Some(k) = digits(j + 1) {
                        if b.get(k..k + 2) == Some(b"..") {
                            if let Some(m) = digits(k + 2) {
                                out.push('_');
                                i = m;
                                continue;
                            }
                        }
                    }
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out.replace("synthetic", "_")
}

/// An expression without spans, as text (two are equal when they are written alike).
pub fn expr_fingerprint(e: &ast::Expr) -> String {
    strip_spans(&format!("{e:?}"))
}

/// Whether two files hold the same rules (same syntax tree, spans aside).
pub fn same_ast(a: &ast::File, b: &ast::File) -> bool {
    ast_fingerprint(a) == ast_fingerprint(b)
}

/// Items that may stay on adjacent lines without a blank line between them.
fn one_liner(item: &ast::Item) -> bool {
    matches!(item, ast::Item::Let(_))
        || matches!(item, ast::Item::Grouping(g) if !matches!(g.kind, ast::GroupingKind::Bands { .. }))
}

/// Formats one `.rules` text. `name` is used in error messages.
pub fn format_source(name: &str, src: &str) -> Result<String, FmtError> {
    let (file, errors) = syntax::parse(0, src);
    if !errors.is_empty() {
        return Err(FmtError::Syntax(syntax_errors(errors, name, src)));
    }
    let out = layout(src, &file);
    let (again, errors) = syntax::parse(0, &out);
    if !errors.is_empty() || !same_ast(&file, &again) {
        return Err(FmtError::Changed(format!(
            "{name}: formatting would change the rules; the file was left as it is (please report this)"
        )));
    }
    Ok(out)
}

fn layout(src: &str, file: &ast::File) -> String {
    let comments = comments(src);
    // `let` alignment: runs of adjacent lets (no blank line or comment between)
    let mut let_pad = vec![0usize; file.items.len()];
    let mut i = 0;
    while i < file.items.len() {
        let mut j = i;
        while let ast::Item::Let(_) = &file.items[j] {
            let next = j + 1;
            let adjacent =
                next < file.items.len() && matches!(file.items[next], ast::Item::Let(_)) && {
                    let a = file.items[j].span().end as usize;
                    let b = file.items[next].span().start as usize;
                    !has_blank_line(&src[a..b])
                        && !comments.iter().any(|c| c.start >= a && c.start < b)
                };
            if !adjacent {
                break;
            }
            j = next;
        }
        let w = (i..=j)
            .filter_map(|k| match &file.items[k] {
                ast::Item::Let(l) => Some(l.name.node.chars().count()),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        for p in let_pad.iter_mut().take(j + 1).skip(i) {
            *p = w;
        }
        i = j + 1;
    }
    // units per item; an item with a comment inside a unit is kept verbatim
    let mut units: Vec<(usize, Unit)> = Vec::new();
    for (k, item) in file.items.iter().enumerate() {
        let mut p = Printer::new(src);
        p.item(item, let_pad[k]);
        let inside = comments
            .iter()
            .any(|c| p.units.iter().any(|u| c.start > u.start && c.start < u.end));
        if inside {
            let sp = item.span();
            let text = &src[sp.start as usize..sp.end as usize];
            let lines = text.split('\n').map(|l| l.trim_end().to_string()).collect();
            units.push((
                k,
                Unit {
                    start: sp.start as usize,
                    end: sp.end as usize,
                    lines,
                    depth: 0,
                    opens: false,
                    closes: false,
                    block: 0,
                    verbatim: true,
                },
            ));
        } else {
            units.extend(p.units.into_iter().map(|u| (k, u)));
        }
    }
    // comments inside a verbatim item are part of it
    let verbatim: Vec<(usize, usize)> = units
        .iter()
        .filter(|(_, u)| u.verbatim)
        .map(|(_, u)| (u.start, u.end))
        .collect();
    let comments: Vec<Comment> = comments
        .into_iter()
        .filter(|c| !verbatim.iter().any(|(a, b)| c.start > *a && c.start < *b))
        .collect();
    // merge units and comments in source order
    let mut out: Vec<Out> = Vec::new();
    let mut prev_end = 0usize;
    let mut prev_item: Option<usize> = None;
    let mut prev_opens = false;
    let mut ci = 0;
    let mut ui = 0;
    loop {
        let next_comment = comments.get(ci);
        let next_unit = units.get(ui);
        let take_comment = match (next_comment, next_unit) {
            (Some(c), Some((_, u))) => c.start < u.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_comment {
            let Some(c) = next_comment else { break };
            ci += 1;
            if !c.standalone {
                if let Some(Out::Code { trailing, .. }) = out.last_mut() {
                    match trailing {
                        None => *trailing = Some(c.text.clone()),
                        Some(t) => {
                            t.push(' ');
                            t.push_str(&c.text);
                        }
                    }
                    prev_end = c.end;
                    continue;
                }
            }
            // a comment on its own line: it belongs to the next unit
            let (item, depth) = match next_unit {
                Some((k, u)) => (Some(*k), u.depth + usize::from(u.closes)),
                None => (None, 0),
            };
            let new_item = item != prev_item && prev_item.is_some();
            let blank = if new_item {
                true
            } else {
                has_blank_line(&src[prev_end.min(c.start)..c.start])
                    && !prev_opens
                    && !out.is_empty()
            };
            if blank && !out.is_empty() {
                out.push(Out::Blank);
            }
            out.push(Out::Comment {
                depth,
                text: c.text.clone(),
            });
            prev_end = c.end;
            prev_item = item.or(prev_item);
            prev_opens = false;
        } else {
            let Some((k, u)) = next_unit else { break };
            ui += 1;
            let between = &src[prev_end.min(u.start)..u.start];
            let blank = if prev_item.is_some() && prev_item != Some(*k) {
                // a new item: one blank line, except between adjacent one-line items
                let was_comment = matches!(out.last(), Some(Out::Comment { .. }));
                if was_comment {
                    has_blank_line(between)
                } else {
                    let prev = prev_item.and_then(|p| file.items.get(p));
                    let both = prev.is_some_and(one_liner) && one_liner(&file.items[*k]);
                    !both || has_blank_line(between)
                }
            } else {
                has_blank_line(between) && !prev_opens && !u.closes && !out.is_empty()
            };
            if blank && !out.is_empty() {
                out.push(Out::Blank);
            }
            prev_end = u.end;
            prev_item = Some(*k);
            prev_opens = u.opens;
            out.push(Out::Code {
                unit: u.clone(),
                trailing: None,
            });
        }
    }
    render(&out)
}

/// The final text: indentation, aligned trailing comments.
fn render(out: &[Out]) -> String {
    // trailing comments align within runs of code lines of the same block
    let mut col = vec![0usize; out.len()];
    let mut i = 0;
    while i < out.len() {
        let Out::Code { unit, .. } = &out[i] else {
            i += 1;
            continue;
        };
        let block = unit.block;
        let mut j = i;
        while j < out.len() {
            match &out[j] {
                Out::Code { unit: u, .. } if u.block == block => j += 1,
                _ => break,
            }
        }
        let w = out[i..j]
            .iter()
            .filter_map(|o| match o {
                Out::Code {
                    unit,
                    trailing: Some(_),
                } => Some(last_width(unit)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        for c in col.iter_mut().take(j).skip(i) {
            *c = w + 2;
        }
        i = j;
    }
    let mut s = String::new();
    for (k, o) in out.iter().enumerate() {
        match o {
            Out::Blank => s.push('\n'),
            Out::Comment { depth, text } => {
                s.push_str(&" ".repeat(depth * 2));
                s.push_str(text);
                s.push('\n');
            }
            Out::Code { unit, trailing } => {
                let n = unit.lines.len();
                for (li, line) in unit.lines.iter().enumerate() {
                    let mut l = if unit.verbatim && li > 0 {
                        line.clone()
                    } else {
                        format!("{}{line}", " ".repeat(unit.depth * 2))
                    };
                    if li + 1 == n {
                        if let Some(t) = trailing {
                            let w = l.chars().count();
                            l.push_str(&" ".repeat(col[k].saturating_sub(w).max(1)));
                            l.push_str(t);
                        }
                    }
                    s.push_str(l.trim_end());
                    s.push('\n');
                }
            }
        }
    }
    s
}

fn last_width(u: &Unit) -> usize {
    let last = u.lines.last().map_or(0, |l| l.chars().count());
    if u.verbatim && u.lines.len() > 1 {
        last
    } else {
        u.depth * 2 + last
    }
}

/// The `.rules` files named by the arguments (folders: their `.rules` files, sorted).
fn rules_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("cannot read `{}`: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "rules"))
                .collect();
            v.sort();
            files.extend(v);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(format!("`{}` does not exist", p.display()));
        }
    }
    Ok(files)
}

/// A unified diff of `old` → `new` with file headers.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}

/// Runs `eindex fmt`.
pub fn run(args: &Args) -> ExitCode {
    let files = match rules_files(&args.paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut unformatted = 0;
    let mut failed = 0;
    let mut written = 0;
    for f in &files {
        let name = f.display().to_string();
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot read `{name}`: {e}");
                failed += 1;
                continue;
            }
        };
        match format_source(&name, &text) {
            Err(FmtError::Syntax(d)) => {
                eprint!("{d}");
                eprintln!("error: `{name}` has syntax errors; it was not formatted");
                failed += 1;
            }
            Err(FmtError::Changed(m)) => {
                eprintln!("error: {m}");
                failed += 1;
            }
            Ok(out) if out == text => {}
            Ok(out) => {
                unformatted += 1;
                if args.check {
                    use std::io::Write as _;
                    let _ = write!(
                        std::io::stdout().lock(),
                        "{}",
                        unified_diff(&name, &text, &out)
                    );
                } else if let Err(e) = std::fs::write(f, out) {
                    eprintln!("error: cannot write `{name}`: {e}");
                    failed += 1;
                } else {
                    written += 1;
                    eprintln!("formatted {name}");
                }
            }
        }
    }
    if args.check {
        eprintln!(
            "{} file{} checked: {unformatted} not formatted{}",
            files.len(),
            crate::text::plural_s(files.len()),
            if failed > 0 {
                format!(", {failed} with errors")
            } else {
                String::new()
            }
        );
        if unformatted > 0 || failed > 0 {
            return ExitCode::from(1);
        }
    } else {
        eprintln!(
            "{} file{}: {written} formatted, {} already formatted{}",
            files.len(),
            crate::text::plural_s(files.len()),
            files.len() - written - failed,
            if failed > 0 {
                format!(", {failed} with errors")
            } else {
                String::new()
            }
        );
        if failed > 0 {
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_stripped() {
        assert_eq!(
            strip_spans("\"x\" @0:12..15, span: 3:1..2"),
            "\"x\" @_, span: _"
        );
        assert_eq!(strip_spans("a1:2..3"), "a1:2..3");
    }

    #[test]
    fn blank_lines() {
        assert!(has_blank_line("}\n\n  rule"));
        assert!(has_blank_line("}\n  \t\n"));
        assert!(!has_blank_line("}\n  rule"));
    }
}
