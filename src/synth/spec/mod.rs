//! The inputs of `eindex synth`: target scores per unit, published answer shares and the
//! generation ranges of numeric questions. Each is a small CSV; every problem names the file, row
//! and column, says what was expected and how to fix it.
//!
//! [`Table`] reads a file; `targets`, `shares` and `numbers` check one file each.

mod directions;
mod figures;
mod numbers;
mod select;
mod shares;
mod targets;
#[cfg(test)]
mod tests;

pub use directions::{read_directions, DirGroup, DirectionRow, Relation, Than};
pub use figures::{read_figures, FigureGroup, FigureRow, Measure};
pub use numbers::{read_numbers, NumberSpec};
pub use select::{parse_selection, SelectError, Selection};
pub use shares::{read_shares, ShareGroup, ShareRow, ShareWhat};
pub use targets::{read_targets, TargetUnit, Targets};

use crate::suggest;
use std::fmt;
use std::path::Path;

/// A problem in one of the synth input files.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub file: String,
    /// 1-based row (the header is row 1); `None` for the whole file.
    pub row: Option<u64>,
    /// 1-based column and its name.
    pub column: Option<(usize, String)>,
    pub message: String,
    pub help: Option<String>,
}

/// How [`Table::read`] begins the message of a file it cannot read.
const UNREADABLE: &str = "cannot read the file";

impl SpecError {
    /// The file could not be read at all (an I/O error: exit status 2).
    pub fn is_io(&self) -> bool {
        self.row.is_none() && self.message.starts_with(UNREADABLE)
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ":{r}")?;
            if let Some((c, _)) = &self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some((_, name)) = &self.column {
            if !name.is_empty() {
                write!(f, " (column `{name}`)")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

/// One CSV file read into strings, with its header.
struct Table {
    file: String,
    header: Vec<String>,
    /// (row number, cells)
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn read(path: &Path) -> Result<Table, Vec<SpecError>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![SpecError {
                file: file.clone(),
                row: None,
                column: None,
                message: format!("{UNREADABLE}: {e}"),
                help: Some("check the path".into()),
            }]
        })?;
        Table::parse(&file, &text)
    }

    fn parse(file: &str, text: &str) -> Result<Table, Vec<SpecError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header = None;
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for (i, rec) in rd.records().enumerate() {
            let row = i as u64 + 1;
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    errors.push(SpecError {
                        file: file.to_string(),
                        row: Some(row),
                        column: None,
                        message: format!("not a valid CSV record: {e}"),
                        help: Some("quote cells that contain commas or quotes".into()),
                    });
                    continue;
                }
            };
            let cells: Vec<String> = rec.iter().map(|c| suggest::nfc(c.trim())).collect();
            if header.is_none() {
                header = Some(cells);
                continue;
            }
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let ncols = header.as_ref().map_or(0, Vec::len);
            if cells.len() != ncols {
                errors.push(SpecError {
                    file: file.to_string(),
                    row: Some(row),
                    column: None,
                    message: format!(
                        "the row has {} cells but the header has {ncols} columns",
                        cells.len()
                    ),
                    help: Some("give every row one cell per header column".into()),
                });
                continue;
            }
            rows.push((row, cells));
        }
        let Some(header) = header else {
            return Err(vec![SpecError {
                file: file.to_string(),
                row: None,
                column: None,
                message: "empty file (no header row)".into(),
                help: Some("the first row must name the columns".into()),
            }]);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Table {
            file: file.to_string(),
            header,
            rows,
        })
    }

    fn err(&self, row: u64, col: usize, message: String, help: Option<String>) -> SpecError {
        SpecError {
            file: self.file.clone(),
            row: Some(row),
            column: Some((col + 1, self.header.get(col).cloned().unwrap_or_default())),
            message,
            help,
        }
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn require(&self, name: &str, errors: &mut Vec<SpecError>) -> usize {
        match self.column(name) {
            Some(c) => c,
            None => {
                errors.push(SpecError {
                    file: self.file.clone(),
                    row: Some(1),
                    column: None,
                    message: format!("no column `{name}` in the header"),
                    help: Some(format!(
                        "the header is: {}; add a `{name}` column",
                        self.header.join(",")
                    )),
                });
                usize::MAX
            }
        }
    }
}
