//! Errors found while reading submissions: each names the file, the row (or JSON line/object),
//! the column (or JSON key) and the unit when they are known, and what went wrong as an
//! [`InputErrorKind`] (one variant, with its own code, per kind of problem).

use super::kind::InputErrorKind;
use serde::ser::SerializeStruct;
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
    /// A cell of a workbook's sheet: the row as the spreadsheet numbers it (1-based), and the
    /// column (1-based, shown as letters: `G4`).
    Cell,
}

impl Place {
    /// The plural word for what the place counts: `rows`, `lines`, `objects`.
    pub fn plural(self) -> &'static str {
        match self {
            Place::Row | Place::Cell => "rows",
            Place::Line => "lines",
            Place::Object => "objects",
        }
    }
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
/// `data.csv:14:3 (column `q_x`, unit `Cēsu novads`): message` / `  help: ...`. The message and
/// the help are the [`InputErrorKind`]'s; the diagnostic code is the kind's
/// (`eindex::input::<kind>`, listed in docs/diagnostics.md).
///
/// Serialized (JSON) as `file`, `place`, `row`, `column`, `unit`, `message`, `help`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The sheet of a workbook ([`Place::Cell`]) (boxed: it is rare, and an error is moved
    /// around in `Result`s).
    pub sheet: Option<Box<String>>,
    /// What is wrong (boxed: errors are moved around in `Result`s and rows, and the kinds are
    /// large).
    pub kind: Box<InputErrorKind>,
}

impl InputError {
    /// A problem of kind `kind` in `file` (as a whole until a row, column or key is attached).
    pub fn file(file: &str, place: Place, kind: impl Into<Box<InputErrorKind>>) -> InputError {
        InputError {
            file: file.to_string(),
            place,
            row: None,
            column: None,
            unit: None,
            sheet: None,
            kind: kind.into(),
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

    /// The message (the kind's `Display`).
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The help, if the kind has one.
    pub fn help_text(&self) -> Option<String> {
        self.kind.help_text()
    }

    /// The position part: `data.csv:14:3`, `data.jsonl:7`, `data.json, object 12`,
    /// `answers.xlsx, sheet Atbildes, cell G4`.
    pub fn position(&self) -> String {
        let mut s = self.file.clone();
        if let Some(sheet) = &self.sheet {
            s.push_str(&format!(", sheet {}", sheet_name(sheet)));
        }
        match (self.place, self.row) {
            (_, None) => {}
            (Place::Cell, Some(r)) => match &self.column {
                Some(ColumnRef { index: Some(c), .. }) => {
                    s.push_str(&format!(", cell {}{r}", column_letters(*c)))
                }
                _ => s.push_str(&format!(", row {r}")),
            },
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

/// A sheet's name as a position shows it: quoted (`'Sheet 1'`) when it holds a space, a comma or
/// a quote.
pub(crate) fn sheet_name(name: &str) -> String {
    let name = super::kind::excerpt(name);
    if name.contains([' ', ',', '\'']) {
        format!("'{}'", name.replace('\'', "''"))
    } else {
        name
    }
}

/// A spreadsheet's letters for 1-based column `c`: 1 → `A`, 27 → `AA`.
pub fn column_letters(c: usize) -> String {
    let mut c = c;
    let mut out = Vec::new();
    while c > 0 {
        let d = (c - 1) % 26;
        out.push(b'A' + d as u8);
        c = (c - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.position())?;
        let mut ctx = Vec::new();
        // a column without a name is named by its number in the position
        if let Some(c) = self.column.as_ref().filter(|c| !c.name.is_empty()) {
            let name = super::kind::excerpt(&c.name);
            if c.index.is_some() {
                ctx.push(format!("column `{name}`"));
            } else {
                ctx.push(format!("key `{name}`"));
            }
        }
        if let Some(u) = &self.unit {
            ctx.push(format!("unit `{}`", super::kind::excerpt(u)));
        }
        if !ctx.is_empty() {
            write!(f, " ({})", ctx.join(", "))?;
        }
        write!(f, ": {}", self.kind)?;
        if let Some(h) = miette::Diagnostic::help(&*self.kind) {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// The help is already part of `Display`, so the diagnostic only adds the kind's code.
impl miette::Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(&*self.kind)
    }
}

/// The fields the error was serialized with before it had a kind: the kind as `message` and
/// `help` strings.
impl serde::Serialize for InputError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("InputError", 8)?;
        st.serialize_field("file", &self.file)?;
        match &self.sheet {
            Some(sheet) => st.serialize_field("sheet", sheet.as_str())?,
            None => st.skip_field("sheet")?,
        }
        st.serialize_field("place", &self.place)?;
        st.serialize_field("row", &self.row)?;
        st.serialize_field("column", &self.column)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("message", &self.message())?;
        st.serialize_field("help", &self.help_text())?;
        st.end()
    }
}

/// A cell-level problem before its position is attached. Boxed, so that the decoders'
/// `Result<Value, CellError>` stays small on the path every cell takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CellError(pub Box<InputErrorKind>);

impl From<InputErrorKind> for CellError {
    #[inline]
    fn from(kind: InputErrorKind) -> Self {
        CellError(Box::new(kind))
    }
}

impl CellError {
    /// The message (the kind's `Display`).
    pub fn message(&self) -> String {
        self.0.to_string()
    }

    /// The help, if the kind has one.
    pub fn help(&self) -> Option<String> {
        self.0.help_text()
    }
}
