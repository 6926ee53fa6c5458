//! The layout pass: the printer's units of every item and the source's comments merged in source
//! order (own-line comments before the construct that follows them, trailing comments at the end
//! of their line, blank lines kept where the layout allows them), then rendered with indentation
//! and aligned trailing comments.
//!
//! Alignment of trailing comments: a *run* is a sequence of consecutive code lines of one block
//! (a blank line, a comment on its own line or a line of another block ends it). The trailing
//! comments of a run start at one column: two spaces after its longest commented line, unless two
//! or more of them stood at one and the same column in the source and that column is at least as
//! far: then the author's column is kept. A comment alone in its run keeps its column (if at least
//! as far) only when another trailing comment of the same item (rule, section, ...) is at that
//! column too, e.g. a `cap` commented in line with the arms above it. See docs/workflow.md.

use super::print::{Printer, Unit};
use crate::syntax::ast;

/// A comment in the source.
#[derive(Debug, Clone)]
struct Comment {
    start: usize,
    end: usize,
    text: String,
    /// Nothing but white space before it on its line.
    standalone: bool,
    /// The column it starts at: characters before it on its line (a byte order mark not counted).
    col: usize,
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
                    col: before.chars().filter(|&c| c != '\u{FEFF}').count(),
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

/// The comment(s) after the code of a line.
#[derive(Debug, Clone)]
struct Trailing {
    text: String,
    /// The column the (first) comment started at in the source.
    col: usize,
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
        /// The index of the item the unit belongs to.
        item: usize,
        trailing: Option<Trailing>,
    },
}

/// Items that may stay on adjacent lines without a blank line between them.
fn one_liner(item: &ast::Item) -> bool {
    matches!(item, ast::Item::Let(_))
        || matches!(item, ast::Item::Grouping(g) if !matches!(g.kind, ast::GroupingKind::Bands { .. }))
}

/// The formatted text of a parsed file.
pub(super) fn layout(src: &str, file: &ast::File) -> String {
    let comments = comments(src);
    let let_pad = let_pads(src, file, &comments);
    let units = item_units(src, file, &comments, &let_pad);
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
    render(&merge(src, file, &comments, &units))
}

/// `let` alignment: the name width of each item's run of adjacent lets (no blank line or comment
/// between); 0 for other items.
fn let_pads(src: &str, file: &ast::File, comments: &[Comment]) -> Vec<usize> {
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
    let_pad
}

/// Units per item (with the item's index); an item with a comment inside a unit is kept verbatim.
fn item_units(
    src: &str,
    file: &ast::File,
    comments: &[Comment],
    let_pad: &[usize],
) -> Vec<(usize, Unit)> {
    let mut units: Vec<(usize, Unit)> = Vec::new();
    for (k, item) in file.items.iter().enumerate() {
        let mut p = Printer::new(src);
        p.item(item, let_pad[k]);
        let inside = comments
            .iter()
            .any(|c| p.units.iter().any(|u| c.start > u.start && c.start < u.end));
        if inside {
            units.push((k, verbatim_unit(src, item)));
        } else {
            units.extend(p.units.into_iter().map(|u| (k, u)));
        }
    }
    units
}

/// The item exactly as written, as one unit.
fn verbatim_unit(src: &str, item: &ast::Item) -> Unit {
    let sp = item.span();
    let text = &src[sp.start as usize..sp.end as usize];
    let lines = text.split('\n').map(|l| l.trim_end().to_string()).collect();
    Unit {
        start: sp.start as usize,
        end: sp.end as usize,
        lines,
        depth: 0,
        opens: false,
        closes: false,
        block: 0,
        verbatim: true,
    }
}

/// Merges units and comments in source order.
fn merge(src: &str, file: &ast::File, comments: &[Comment], units: &[(usize, Unit)]) -> Vec<Out> {
    let mut m = Merge {
        src,
        file,
        out: Vec::new(),
        prev_end: 0,
        prev_item: None,
        prev_opens: false,
    };
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
            m.comment(c, next_unit);
        } else {
            let Some((k, u)) = next_unit else { break };
            ui += 1;
            m.code(*k, u);
        }
    }
    m.out
}

/// The state of [`merge`]: the output so far and what came last.
struct Merge<'a> {
    src: &'a str,
    file: &'a ast::File,
    out: Vec<Out>,
    /// Where the last unit or comment ended in the source.
    prev_end: usize,
    /// The item of the last unit (or of the unit a comment belongs to).
    prev_item: Option<usize>,
    /// The last output ended with `{`.
    prev_opens: bool,
}

impl Merge<'_> {
    /// A comment: after code on its line it is that line's trailing comment; on a line of its own
    /// it belongs to the next unit.
    fn comment(&mut self, c: &Comment, next_unit: Option<&(usize, Unit)>) {
        let src = self.src;
        if !c.standalone {
            if let Some(Out::Code { trailing, .. }) = self.out.last_mut() {
                match trailing {
                    None => {
                        *trailing = Some(Trailing {
                            text: c.text.clone(),
                            col: c.col,
                        })
                    }
                    Some(t) => {
                        t.text.push(' ');
                        t.text.push_str(&c.text);
                    }
                }
                self.prev_end = c.end;
                return;
            }
        }
        // a comment on its own line: it belongs to the next unit
        let (item, depth) = match next_unit {
            Some((k, u)) => (Some(*k), u.depth + usize::from(u.closes)),
            None => (None, 0),
        };
        let new_item = item != self.prev_item && self.prev_item.is_some();
        let blank = if new_item {
            true
        } else {
            has_blank_line(&src[self.prev_end.min(c.start)..c.start])
                && !self.prev_opens
                && !self.out.is_empty()
        };
        if blank && !self.out.is_empty() {
            self.out.push(Out::Blank);
        }
        self.out.push(Out::Comment {
            depth,
            text: c.text.clone(),
        });
        self.prev_end = c.end;
        self.prev_item = item.or(self.prev_item);
        self.prev_opens = false;
    }

    /// A unit of item `k`, after a blank line where the layout keeps or wants one.
    fn code(&mut self, k: usize, u: &Unit) {
        let between = &self.src[self.prev_end.min(u.start)..u.start];
        let blank = if self.prev_item.is_some() && self.prev_item != Some(k) {
            // a new item: one blank line, except between adjacent one-line items
            let was_comment = matches!(self.out.last(), Some(Out::Comment { .. }));
            if was_comment {
                has_blank_line(between)
            } else {
                let prev = self.prev_item.and_then(|p| self.file.items.get(p));
                let both = prev.is_some_and(one_liner) && one_liner(&self.file.items[k]);
                !both || has_blank_line(between)
            }
        } else {
            has_blank_line(between) && !self.prev_opens && !u.closes && !self.out.is_empty()
        };
        if blank && !self.out.is_empty() {
            self.out.push(Out::Blank);
        }
        self.prev_end = u.end;
        self.prev_item = Some(k);
        self.prev_opens = u.opens;
        self.out.push(Out::Code {
            unit: u.clone(),
            item: k,
            trailing: None,
        });
    }
}

/// A run of consecutive code lines of one block: `out[start..end]`.
struct Run {
    start: usize,
    end: usize,
    item: usize,
    /// The printed width of each commented line and the column its comment had in the source.
    commented: Vec<(usize, usize)>,
}

/// The runs of `out`.
fn runs(out: &[Out]) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < out.len() {
        let Out::Code { unit, item, .. } = &out[i] else {
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
        let commented = out[i..j]
            .iter()
            .filter_map(|o| match o {
                Out::Code {
                    unit,
                    trailing: Some(t),
                    ..
                } => Some((last_width(unit), t.col)),
                _ => None,
            })
            .collect();
        runs.push(Run {
            start: i,
            end: j,
            item: *item,
            commented,
        });
        i = j;
    }
    runs
}

/// The column trailing comments start at, per output element (see the module documentation).
/// Runs with two or more comments are decided first; then a lone comment whose column leaves two
/// spaces after its line keeps it when another comment of the same item is at that column too (a
/// run's decided column, or another such lone comment's).
fn comment_columns(out: &[Out]) -> Vec<usize> {
    let mut col = vec![0usize; out.len()];
    let runs = runs(out);
    // (item, column) of every comment that is at its column for sure or may stay there
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for r in &runs {
        match r.commented[..] {
            [] => {}
            [(w, c)] => {
                if c >= w + 2 {
                    taken.push((r.item, c));
                }
            }
            _ => {
                let c = run_column(&r.commented);
                col[r.start..r.end].fill(c);
                taken.extend(r.commented.iter().map(|_| (r.item, c)));
            }
        }
    }
    for r in &runs {
        if let [(w, c)] = r.commented[..] {
            let others = taken.iter().filter(|&&t| t == (r.item, c)).count();
            let c = if c >= w + 2 && others >= 2 { c } else { w + 2 };
            col[r.start..r.end].fill(c);
        }
    }
    col
}

/// The comment column of a run of two or more comments, given the printed width of each
/// commented line and the column its comment had in the source: the author's column when they
/// all shared it and it leaves two spaces after every line, else two spaces after the longest line.
fn run_column(lines: &[(usize, usize)]) -> usize {
    let least = lines.iter().map(|&(w, _)| w).max().unwrap_or(0) + 2;
    match lines {
        [(_, first), rest @ ..]
            if !rest.is_empty() && rest.iter().all(|&(_, c)| c == *first) && *first >= least =>
        {
            *first
        }
        _ => least,
    }
}

/// The final text: indentation, aligned trailing comments.
fn render(out: &[Out]) -> String {
    let col = comment_columns(out);
    let mut s = String::new();
    for (k, o) in out.iter().enumerate() {
        match o {
            Out::Blank => s.push('\n'),
            Out::Comment { depth, text } => {
                s.push_str(&" ".repeat(depth * 2));
                s.push_str(text);
                s.push('\n');
            }
            Out::Code { unit, trailing, .. } => {
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
                            l.push_str(&t.text);
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

/// The printed width of a unit's last line.
fn last_width(u: &Unit) -> usize {
    let last = u.lines.last().map_or(0, |l| l.chars().count());
    if u.verbatim && u.lines.len() > 1 {
        last
    } else {
        u.depth * 2 + last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines() {
        assert!(has_blank_line("}\n\n  rule"));
        assert!(has_blank_line("}\n  \t\n"));
        assert!(!has_blank_line("}\n  rule"));
    }

    #[test]
    fn comment_columns_are_counted_in_characters() {
        let c = comments("\u{FEFF}let ā = 1 # x\n  \"#\" # y\n");
        let cols: Vec<usize> = c.iter().map(|c| c.col).collect();
        assert_eq!(cols, vec![10, 6]);
    }

    #[test]
    fn a_run_keeps_the_column_its_comments_shared() {
        // two comments at column 20, lines up to 10 wide: kept
        assert_eq!(run_column(&[(8, 20), (10, 20)]), 20);
        // columns that differ: two spaces after the longest line
        assert_eq!(run_column(&[(8, 20), (10, 21)]), 12);
        // a shared column too close to the longest line: moved out
        assert_eq!(run_column(&[(8, 11), (10, 11)]), 12);
        assert_eq!(run_column(&[]), 2);
    }
}
