//! Source files, byte spans and spanned values.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A byte range in one source file, plus the file it belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: u16,
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// For nodes the compiler makes itself (defaults, desugared syntax): they have no place in a file.
    pub const SYNTHETIC: Span = Span {
        file: u16::MAX,
        start: 0,
        end: 0,
    };

    pub fn new(file: u16, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn is_synthetic(self) -> bool {
        self.file == u16::MAX
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        if self.is_synthetic() {
            return other;
        }
        if other.is_synthetic() {
            return self;
        }
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_synthetic() {
            write!(f, "synthetic")
        } else {
            write!(f, "{}:{}..{}", self.file, self.start, self.end)
        }
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start as usize, s.len()).into()
    }
}

/// A value with the span it was written at.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T: fmt::Debug> fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} @{:?}", self.node, self.span)
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.node
    }
}

/// One loaded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as it is shown in diagnostics.
    pub name: String,
    pub text: Arc<str>,
    /// Byte offset of the start of every line (diagnostics of a large file find their line by
    /// binary search instead of counting from the start).
    line_starts: Arc<[usize]>,
    /// Byte offset of every UTF-8 continuation byte, ascending: the characters between two
    /// offsets are the bytes between them less the continuation bytes, found by binary search
    /// (counting them for every diagnostic of a long line was quadratic).
    continuations: Arc<[usize]>,
}

impl SourceFile {
    /// A loaded file with its line and character index.
    pub fn new(path: &Path, text: Arc<str>) -> SourceFile {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let continuations = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b & 0xC0 == 0x80)
            .map(|(i, _)| i)
            .collect();
        SourceFile {
            path: path.to_path_buf(),
            name: path.display().to_string(),
            text,
            line_starts,
            continuations,
        }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_col`], in O(log n).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = (offset - start)
            - (self.continuations_before(offset) - self.continuations_before(start));
        (line + 1, col + 1)
    }

    /// How many continuation bytes lie before byte `offset`.
    fn continuations_before(&self, offset: usize) -> usize {
        self.continuations.partition_point(|&c| c < offset)
    }

    /// 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where 0-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// Every file a run has read, indexed by `Span::file`.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: &Path, text: impl Into<Arc<str>>) -> u16 {
        let id = self.files.len() as u16;
        self.files.push(SourceFile::new(path, text.into()));
        id
    }

    pub fn get(&self, id: u16) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// 1-based line and column (in characters) of the start of a span, in O(log n).
    pub fn line_col(&self, span: Span) -> Option<(usize, usize)> {
        let file = self.get(span.file)?;
        Some(file.line_col(span.start as usize))
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`. Linear in the offset: for
/// a text that is not loaded in a [`SourceMap`] (a file loaded there has [`SourceFile::line_col`]).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_line_col_matches_counting() {
        let text = "ab\nčē x\r\n\u{feff}ž😀y\n\nz";
        let f = SourceFile::new(Path::new("t"), text.into());
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(f.line_col(i), line_col(text, i), "offset {i}");
        }
        assert_eq!(f.line_col(text.len() + 10), line_col(text, text.len()));
    }
}
