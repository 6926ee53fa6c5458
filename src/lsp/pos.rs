//! Places: LSP positions (line, character) ↔ byte offsets, and document URIs ↔ paths.
//!
//! The protocol counts characters in UTF-16 code units unless client and server agree on UTF-8
//! (`positionEncoding`, LSP 3.17). Latvian letters (`ā`, `ž`) are one UTF-16 unit and two UTF-8
//! bytes, so the two counts differ on nearly every line of a ruleset.

use lsp_types::{Position, Range, Url};
use std::path::{Path, PathBuf};

/// How the client counts characters in a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A text with the byte offset of each of its lines, to convert offsets and positions in
/// O(log n + the line's length).
pub struct Lines<'a> {
    pub text: &'a str,
    starts: Vec<usize>,
    pub enc: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, enc: Encoding) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts, enc }
    }

    /// The byte offset of `pos`; a position past the end of its line is the line's end, a line
    /// past the end of the text is the text's end.
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= pos.character {
                return start + i;
            }
            units += match self.enc {
                Encoding::Utf8 => c.len_utf8() as u32,
                Encoding::Utf16 => c.len_utf16() as u32,
            };
        }
        start + line.len()
    }

    /// The position of byte `offset` (an offset inside a character counts as its start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = &self.text[start..offset];
        let character = match self.enc {
            Encoding::Utf8 => col.len() as u32,
            Encoding::Utf16 => col.chars().map(|c| c.len_utf16() as u32).sum(),
        };
        Position {
            line: line as u32,
            character,
        }
    }

    /// The range of bytes `start..end`.
    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end.max(start)),
        }
    }

    /// The range covering the whole text.
    pub fn whole(&self) -> Range {
        self.range(0, self.text.len())
    }
}

/// The path of a `file:` URI.
pub fn path_of(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    uri.to_file_path().ok()
}

/// The `file:` URI of a path (made absolute against the working folder).
pub fn uri_of(path: &Path) -> Option<Url> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    Url::from_file_path(abs).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_utf8_columns_differ_after_latvian_letters() {
        let text = "# ā😀b\nlet x = 1\r\nž";
        let b = text.find('b').unwrap();
        let u16 = Lines::new(text, Encoding::Utf16);
        let u8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(u16.position(b), Position::new(0, 5));
        assert_eq!(u8.position(b), Position::new(0, 8));
        assert_eq!(u16.offset(Position::new(0, 5)), b);
        assert_eq!(u8.offset(Position::new(0, 8)), b);
        // past the end of a line: the line's end (before `\r\n`)
        assert_eq!(u16.offset(Position::new(1, 99)), text.find('\r').unwrap());
        assert_eq!(u16.offset(Position::new(9, 0)), text.len());
        assert_eq!(u16.position(text.len()), Position::new(2, 1));
        // inside a character: its start
        assert_eq!(u8.position(3), Position::new(0, 2));
    }
}
