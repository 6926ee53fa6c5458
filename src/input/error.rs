//! Errors found while reading submissions: each names the file, the row (or JSON line/object),
//! the column (or JSON key) and the unit when they are known.

use std::fmt;

/// What a row number counts in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// A CSV record; the header is row 1, so the first data row is row 2.
    Row,
    /// A line of a JSON Lines file.
    Line,
    /// An object of a JSON array (1-based).
    Object,
}

/// A CSV column (1-based `index`) or a JSON key (`index` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ColumnRef {
    pub index: Option<usize>,
    pub name: String,
}

/// One problem in the input.
///
/// `Display` gives one line with the position, then the help on a second line:
/// `data.csv:14:3 (column `q_x`, unit `Cēsu novads`): message` / `  help: ...`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    /// The file as the user named it.
    pub file: String,
    /// What `row` counts.
    pub place: Place,
    /// CSV row (header = 1), JSON Lines line, or JSON array object number.
    pub row: Option<u64>,
    pub column: Option<ColumnRef>,
    /// The unit the problem belongs to, when known.
    pub unit: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl InputError {
    /// A problem with the file as a whole.
    pub fn file(file: &str, place: Place, message: impl Into<String>) -> InputError {
        InputError {
            file: file.to_string(),
            place,
            row: None,
            column: None,
            unit: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }

    /// A CSV column (1-based).
    pub fn at_column(mut self, index: usize, name: &str) -> Self {
        self.column = Some(ColumnRef {
            index: Some(index),
            name: name.to_string(),
        });
        self
    }

    /// A JSON key.
    pub fn at_key(mut self, key: &str) -> Self {
        self.column = Some(ColumnRef {
            index: None,
            name: key.to_string(),
        });
        self
    }

    pub fn for_unit(mut self, unit: Option<&str>) -> Self {
        self.unit = unit.map(str::to_string);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The position part: `data.csv:14:3`, `data.jsonl:7`, `data.json, object 12`.
    pub fn position(&self) -> String {
        let mut s = self.file.clone();
        match (self.place, self.row) {
            (_, None) => {}
            (Place::Object, Some(r)) => s.push_str(&format!(", object {r}")),
            (_, Some(r)) => {
                s.push_str(&format!(":{r}"));
                if let Some(ColumnRef { index: Some(c), .. }) = &self.column {
                    s.push_str(&format!(":{c}"));
                }
            }
        }
        s
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.position())?;
        let mut ctx = Vec::new();
        // a column without a name is named by its number in the position
        if let Some(c) = self.column.as_ref().filter(|c| !c.name.is_empty()) {
            if c.index.is_some() {
                ctx.push(format!("column `{}`", c.name));
            } else {
                ctx.push(format!("key `{}`", c.name));
            }
        }
        if let Some(u) = &self.unit {
            ctx.push(format!("unit `{u}`"));
        }
        if !ctx.is_empty() {
            write!(f, " ({})", ctx.join(", "))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// The help is already part of `Display`, so the diagnostic only adds a code.
impl miette::Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("eindex::input"))
    }
}

/// A cell-level problem before its position is attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellError {
    pub message: String,
    pub help: Option<String>,
}

impl CellError {
    pub fn new(message: impl Into<String>) -> Self {
        CellError {
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
