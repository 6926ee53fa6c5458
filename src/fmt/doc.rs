//! A small Wadler-style pretty printer for expressions: a group is printed on one line when it fits
//! the width, else each of its line breaks becomes a new line aligned where the group started.

/// A document.
#[derive(Debug, Clone)]
pub enum Doc {
    Text(String),
    /// A space when the enclosing group is flat, else a new line at the group's column.
    Line,
    Concat(Vec<Doc>),
    /// Flat if it fits, else its `Line`s break; breaks align at the column where the group starts.
    Group(Vec<Doc>),
}

impl Doc {
    pub fn text(s: impl Into<String>) -> Doc {
        Doc::Text(s.into())
    }

    /// Width when printed flat.
    fn flat_width(&self) -> usize {
        match self {
            Doc::Text(s) => s.chars().count(),
            Doc::Line => 1,
            Doc::Concat(v) | Doc::Group(v) => v.iter().map(Doc::flat_width).sum(),
        }
    }

    fn flat(&self, out: &mut String) {
        match self {
            Doc::Text(s) => out.push_str(s),
            Doc::Line => out.push(' '),
            Doc::Concat(v) | Doc::Group(v) => v.iter().for_each(|d| d.flat(out)),
        }
    }
}

/// Renders `doc` starting at column `start` (the text before it on the first line is the
/// caller's); lines after the first are indented with spaces. Returns the lines.
pub fn render(doc: &Doc, start: usize, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut col = start;
    go(doc, start, width, false, &mut lines, &mut col);
    lines
}

fn go(
    doc: &Doc,
    align: usize,
    width: usize,
    broken: bool,
    lines: &mut Vec<String>,
    col: &mut usize,
) {
    match doc {
        Doc::Text(s) => {
            if let Some(l) = lines.last_mut() {
                l.push_str(s);
            }
            *col += s.chars().count();
        }
        Doc::Line => {
            if broken {
                lines.push(" ".repeat(align));
                *col = align;
            } else {
                if let Some(l) = lines.last_mut() {
                    l.push(' ');
                }
                *col += 1;
            }
        }
        Doc::Concat(v) => {
            for d in v {
                go(d, align, width, broken, lines, col);
            }
        }
        Doc::Group(v) => {
            let here = *col;
            let fits = here + doc.flat_width() <= width;
            if fits {
                let mut s = String::new();
                doc.flat(&mut s);
                if let Some(l) = lines.last_mut() {
                    l.push_str(&s);
                }
                *col += s.chars().count();
            } else {
                for d in v {
                    go(d, here, width, true, lines, col);
                }
            }
        }
    }
}
