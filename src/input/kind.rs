//! The kinds of problem the input stage reports: one [`InputErrorKind`] variant per kind, with
//! the data it names, its message (`Display`), its help and its code (`eindex::input::<kind>`).
//! The codes are listed in docs/diagnostics.md ("Input problems").
//!
//! Where the problem is (file, row, column, unit) is [`super::InputError`]'s part; a kind only
//! says what is wrong.

use super::error::Place;
use crate::hir::MissingState;
use crate::num::Num;
use crate::schema::Source;
use miette::Diagnostic;
use thiserror::Error;

/// What is wrong with a file, a row or a value.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum InputErrorKind {
    // ---- the file
    /// The file (or a record of it) cannot be read: missing, not permitted, an I/O error.
    #[error("cannot read the file: {reason}")]
    #[diagnostic(code(eindex::input::unreadable))]
    Unreadable { reason: String },

    /// A file read whole (a workbook, a JSON array) past its limit: `what` is what was too
    /// large ("the workbook file", "the workbook's unpacked contents", "the JSON array file"),
    /// `limit_mib` the limit, `hint` what to do.
    #[error("{what} is larger than {limit_mib} MiB, the limit for a file that is read whole")]
    #[diagnostic(code(eindex::input::too_large), help("{hint}"))]
    TooLarge {
        what: &'static str,
        limit_mib: u64,
        hint: &'static str,
    },

    /// A file saved as UTF-16 (Excel's "Unicode text"): with a byte-order mark, or without one
    /// (`bom: false`: a NUL byte in every other place of its first line). `csv`: a CSV file
    /// (else JSON), for the help.
    #[error("{}", wide_message(16, *bom))]
    #[diagnostic(code(eindex::input::utf16), help("{}", save_as_utf8(*csv)))]
    Utf16 { bom: bool, csv: bool },

    /// A file saved as UTF-32 (with a byte-order mark, or `bom: false`: three NUL bytes in every
    /// four of its first line).
    #[error("{}", wide_message(32, *bom))]
    #[diagnostic(code(eindex::input::utf32), help("{}", save_as_utf8(*csv)))]
    Utf32 { bom: bool, csv: bool },

    /// A CSV file without even a header row.
    #[error("empty file (no header)")]
    #[diagnostic(
        code(eindex::input::no_header),
        help("the first row must name the columns: `{unit_column}` and the question ids")
    )]
    NoHeader { unit_column: String },

    /// A JSON or JSON Lines file with nothing but white space.
    #[error("empty file (no data)")]
    #[diagnostic(code(eindex::input::empty_file))]
    EmptyFile,

    /// A JSON or JSON Lines file that is not UTF-8 (`line`: the first bad line).
    #[error("line {line} is not valid UTF-8")]
    #[diagnostic(
        code(eindex::input::line_not_utf8),
        help("JSON files must be UTF-8; save the file as UTF-8")
    )]
    LineNotUtf8 { line: usize },

    /// A JSON file that holds something else than an array of objects (or one object).
    #[error("the file holds {found}, not an array of objects")]
    #[diagnostic(
        code(eindex::input::not_an_array),
        help("write `[ {{\"unit\": \"...\", ...}}, ... ]`, or one object per line (JSON Lines)")
    )]
    NotAnArray { found: &'static str },

    /// Invalid JSON (`reason`: the JSON parser's message with its line and column).
    #[error("invalid JSON: {reason}")]
    #[diagnostic(
        code(eindex::input::json_syntax),
        help("check the brackets, quotes and commas around this place")
    )]
    JsonSyntax { reason: String },

    // ---- a workbook
    /// A workbook (xlsx, ods, xls) read as CSV or JSON (`--input-format`). `what`: what its first
    /// bytes say it is; `format`: what it was read as.
    #[error("the file is a workbook ({what}), not {format}")]
    #[diagnostic(
        code(eindex::input::workbook_as_text),
        help("leave out `--input-format` (or give `--input-format workbook`) and eindex reads its first sheet (or `--sheet NAME`)")
    )]
    WorkbookAsText {
        what: &'static str,
        format: &'static str,
    },

    /// A workbook without the sheet `--sheet` names (`name`), or without any sheet (`None`).
    /// `hint`: the sheets it has.
    #[error("{}", match name { Some(n) => format!("the workbook has no sheet `{}`", excerpt(n)), None => "the workbook has no sheet".to_string() })]
    #[diagnostic(code(eindex::input::no_sheet), help("{hint}"))]
    NoSheet { name: Option<String>, hint: String },

    /// Header cells merged into one (`range`: `B1:D1`): the columns after the first have no
    /// name.
    #[error("the header cells {range} are merged, so only the first of their columns has a name")]
    #[diagnostic(
        code(eindex::input::merged_header),
        help("unmerge the cells and give each column its own name (the unit column or a question id)")
    )]
    MergedHeader { range: String },

    /// A workbook cell whose value is not text or a number that can be read exactly.
    #[error("{}", cell.message())]
    #[diagnostic(code(eindex::input::workbook_cell), help("{}", cell.help()))]
    WorkbookCell { cell: SheetCell },

    // ---- the CSV header
    /// A header cell that is neither the unit column nor a question or metadata id.
    #[error("unknown column `{}`", excerpt(.name))]
    #[diagnostic(code(eindex::input::unknown_column), help("{hint}"))]
    UnknownColumn { name: String, hint: String },

    /// A question or metadata column named twice (`first`, `second`: 1-based columns).
    #[error("column `{}` appears twice (columns {first} and {second})", excerpt(.name))]
    #[diagnostic(
        code(eindex::input::repeated_column),
        help("delete or rename one of them; only the first is read")
    )]
    RepeatedColumn {
        name: String,
        first: usize,
        second: usize,
    },

    /// The unit column named twice.
    #[error("the unit column `{}` appears twice (columns {first} and {second})", excerpt(.name))]
    #[diagnostic(
        code(eindex::input::repeated_unit_column),
        help("delete or rename one of them")
    )]
    RepeatedUnitColumn {
        name: String,
        first: usize,
        second: usize,
    },

    /// No column is the unit column (`closest`: a header name close to it, if one is).
    #[error("no unit column `{unit_column}` in the header")]
    #[diagnostic(
        code(eindex::input::no_unit_column),
        help("{}", no_unit_column_help(unit_column, closest.as_deref()))
    )]
    NoUnitColumn {
        unit_column: String,
        closest: Option<String>,
    },

    // ---- a CSV row
    /// A cell (or header cell) that is not UTF-8: `byte` at 1-based `position` in the cell.
    #[error("the cell is not valid UTF-8 (byte 0x{byte:02X} at byte {position} of the cell)")]
    #[diagnostic(
        code(eindex::input::not_utf8),
        help("the file is probably saved in another encoding (e.g. Windows-1257); save it as \"CSV UTF-8\"")
    )]
    CellNotUtf8 { byte: u8, position: usize },

    /// A row with another number of cells than the header has columns. `line_break`: a cell
    /// holds a line break (and the row is short); `delimiter`: the file's.
    #[error("the row has {cells} cells but the header has {columns} columns")]
    #[diagnostic(
        code(eindex::input::row_length),
        help("{}", row_length_help(*cells, *columns, *line_break, *delimiter))
    )]
    RowLength {
        cells: usize,
        columns: usize,
        line_break: bool,
        delimiter: char,
    },

    /// A quote that opens a CSV cell and is not closed where the row ends, so that the lines after
    /// it were read as part of one cell (to the end of the file, or to the next quote). A problem
    /// of the file: the rows in those lines are not read. `first_line`..=`last_line`: the lines
    /// read as one row; `rows`: how many of the swallowed lines look like rows (a record of the
    /// header's length with a unit id), `units`: the ids of the first few of them.
    #[error("a quote `\"` is not closed, so the file could not be read from this row on: lines {first_line} to {last_line} were read as one row, and {}", unit_list(units, *rows))]
    #[diagnostic(
        code(eindex::input::unclosed_quote),
        help("find the cell in this row whose opening quote `\"` has no closing one, and close or remove it (a quote inside a quoted cell is written `\"\"`)")
    )]
    UnclosedQuote {
        first_line: u64,
        last_line: u64,
        rows: usize,
        units: Vec<String>,
    },

    /// A CSV row whose unit cell is empty.
    #[error("the row has no unit id")]
    #[diagnostic(
        code(eindex::input::no_unit_id),
        help("fill in `{unit_column}`, or delete the row if it is not a unit")
    )]
    NoUnitId { unit_column: String },

    /// A unit id with a control character (a NUL, a tab, a line break...): the file is damaged
    /// or not read in its encoding. `id`: the id, escaped for the message.
    #[error("the unit id `{}` holds a control character ({})", excerpt(.id), first_control(.id))]
    #[diagnostic(
        code(eindex::input::unit_id_control),
        help("a unit id is a name or code such as `Ādažu novads` or `0001`, without control characters; correct the id (the file may be damaged or saved in another encoding)")
    )]
    UnitIdControl { id: String },

    /// A unit id over 1 MiB (`bytes` long).
    #[error("the unit id is {} long (cells are limited to 1 MiB)", mib(*bytes))]
    #[diagnostic(code(eindex::input::unit_id_too_long))]
    UnitIdTooLong { bytes: usize },

    /// A cell over 1 MiB (`bytes` long).
    #[error("the cell is {} long; cells are limited to 1 MiB", mib(*bytes))]
    #[diagnostic(
        code(eindex::input::cell_too_long),
        help("shorten the text, or check for an unclosed quote `\"`")
    )]
    CellTooLong { bytes: usize },

    /// A value in a column without a name (`column`: 1-based; `more`: how many further columns
    /// without a name hold a value in the row — one problem per row).
    #[error("a value in column {column}, which has no name{}", if *more > 0 { format!(" (and in {more} more columns without a name)") } else { String::new() })]
    #[diagnostic(
        code(eindex::input::unnamed_column),
        help("name the column in the header row, or delete the value")
    )]
    UnnamedColumn { column: usize, more: usize },

    // ---- a JSON object
    /// An array entry or JSON Lines line that is not an object.
    #[error("expected an object, found {found}")]
    #[diagnostic(
        code(eindex::input::not_an_object),
        help("each entry is an object such as {{\"{unit_column}\": \"...\", ...}}")
    )]
    NotAnObject {
        found: &'static str,
        unit_column: String,
    },

    /// An object without the unit key.
    #[error("the object has no `{unit_column}` key")]
    #[diagnostic(
        code(eindex::input::no_unit_key),
        help("every object names its unit: {{\"{unit_column}\": \"...\", ...}}")
    )]
    NoUnitKey { unit_column: String },

    /// The unit key with an empty string or `null`.
    #[error("the unit id is empty")]
    #[diagnostic(code(eindex::input::empty_unit_id))]
    EmptyUnitId,

    /// The unit key with a boolean, an array or an object.
    #[error("the unit id must be a string or a number, not {found}")]
    #[diagnostic(code(eindex::input::unit_id_type))]
    UnitIdType { found: &'static str },

    /// The unit key given twice in an object.
    #[error("key `{}` appears twice", excerpt(.key))]
    #[diagnostic(code(eindex::input::repeated_unit_key))]
    RepeatedUnitKey { key: String },

    /// A question or metadata key given twice in an object (also: at the top level and nested).
    #[error("key `{}` appears twice", excerpt(.key))]
    #[diagnostic(
        code(eindex::input::repeated_key),
        help("give each answer once (a key may be at the top level or under `answers`/`meta`, not both)")
    )]
    RepeatedKey { key: String },

    /// A key that is no question or metadata id.
    #[error("unknown key `{}`", excerpt(.key))]
    #[diagnostic(code(eindex::input::unknown_key), help("{hint}"))]
    UnknownKey { key: String, hint: String },

    /// A metadata field under `answers` (`is_meta`), or a question under `meta`.
    #[error(
        "`{key}` is {}, so it cannot be under `{}`",
        if *is_meta { "a metadata field" } else { "a question" },
        if *is_meta { "answers" } else { "meta" }
    )]
    #[diagnostic(
        code(eindex::input::misplaced_key),
        help("move `{key}` into `{}` (or to the top level)", if *is_meta { "meta" } else { "answers" })
    )]
    MisplacedKey { key: String, is_meta: bool },

    // ---- a value
    /// An answer to a question the file's declared source does not answer.
    #[error("`{question}` is not answered by `{}` (this file's source)", file_source.as_str())]
    #[diagnostic(
        code(eindex::input::wrong_source),
        help(
            "`{question}` is answered by: {}; move the answer to a file of that source",
            source_list(allowed)
        )
    )]
    WrongSource {
        question: String,
        file_source: Source,
        allowed: Vec<Source>,
    },

    /// A not-applicable or don't-know token for a question that does not allow it.
    #[error("`{}` means \"{}\", which `{question}` does not accept", excerpt(.value), token_words(*state).0)]
    #[diagnostic(
        code(eindex::input::token_not_allowed),
        help(
            "leave the cell empty if it is not answered, or add `allow = [\"{}\"]` to `{question}` in the questionnaire",
            token_words(*state).1
        )
    )]
    TokenNotAllowed {
        value: String,
        question: String,
        state: MissingState,
    },

    /// Not one of the yes/no words.
    #[error("`{}` is not a yes/no answer", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::not_yes_no),
        help("write yes or no (also accepted: true/false, 1/0, jā/nē)")
    )]
    NotYesNo { value: String },

    /// A number below the question's `min` (`max`: its maximum, for the help).
    #[error("{} is below the minimum {min} of `{question}`", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::below_minimum),
        help("{}", range_help(question, Some(*min), *max))
    )]
    BelowMinimum {
        value: String,
        question: String,
        min: Num,
        max: Option<Num>,
    },

    /// A number above the question's `max` (`min`: its minimum, for the help).
    #[error("{} is above the maximum {max} of `{question}`", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::above_maximum),
        help("{}", range_help(question, *min, Some(*max)))
    )]
    AboveMaximum {
        value: String,
        question: String,
        min: Option<Num>,
        max: Num,
    },

    /// Not an option of a choice question (`hint`: the nearest option, or the options).
    #[error("`{}` is not an option of `{question}`", excerpt(.value))]
    #[diagnostic(code(eindex::input::not_an_option), help("{hint}"))]
    NotAnOption {
        value: String,
        question: String,
        hint: String,
    },

    /// An option named twice in a multiple choice.
    #[error("option `{}` is named twice", excerpt(.option))]
    #[diagnostic(
        code(eindex::input::option_twice),
        help("name each chosen option once")
    )]
    OptionTwice { option: String },

    /// A fraction for an integer question.
    #[error("{} is not a whole number", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::not_whole),
        help("`{question}` is an integer question; write a whole number such as `12`")
    )]
    NotWhole { value: String, question: String },

    /// `1,049` for an integer question: a decimal mark or a thousands separator.
    #[error("{} is not a whole number", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::ambiguous_thousands),
        help("if `{mark}` separates thousands here, remove it: write `{suggestion}`; `{question}` takes whole numbers")
    )]
    AmbiguousThousands {
        value: String,
        mark: char,
        suggestion: String,
        question: String,
    },

    /// `1 049 816`, `1,049,816`, `1.049,5`.
    #[error("`{}` contains thousands separators", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::thousands_separators),
        help("remove the separators: write `{suggestion}`")
    )]
    ThousandsSeparators { value: String, suggestion: String },

    /// Text that is no number, for a numeric question.
    #[error("`{}` is not a number", excerpt(.value))]
    #[diagnostic(
        code(eindex::input::not_a_number),
        help("{}", not_a_number_help(*hint, question))
    )]
    NotANumber {
        value: String,
        question: String,
        hint: NumberHint,
    },

    /// A number that does not fit eindex's exact numbers (`1e400`, `1e-400`, 40 digits): more
    /// than [`MAX_DIGITS`] significant digits, or before or after the decimal point. It is
    /// rejected, never rounded.
    #[error("{} {}", excerpt(.value), inexact_reason(*why))]
    #[diagnostic(
        code(eindex::input::inexact_number),
        help("eindex computes exactly, with at most 36 significant digits and at most 36 digits on either side of the decimal point (leading zeros do not count); check the value")
    )]
    InexactNumber { value: String, why: Inexact },

    /// A JSON value of a type the question does not take (`expected`, `found`: descriptions).
    #[error("`{question}` expects {expected}, found {found}")]
    #[diagnostic(code(eindex::input::wrong_type))]
    WrongType {
        question: String,
        expected: &'static str,
        found: &'static str,
    },

    /// A JSON array for a multiple choice with something else than strings in it.
    #[error("`{question}` expects an array of option ids (strings), found {found} in it")]
    #[diagnostic(code(eindex::input::wrong_item_type))]
    WrongItemType {
        question: String,
        found: &'static str,
    },

    /// A JSON string over 1 MiB (`bytes` long).
    #[error("the value is {bytes} bytes long; values are limited to 1 MiB")]
    #[diagnostic(code(eindex::input::value_too_long))]
    ValueTooLong { bytes: usize },

    // ---- merging rows into units
    /// A unit id on two rows of one file (`first`, `second`: the rows, lines or objects).
    #[error(
        "unit `{}` appears twice in this file: {} {first} and {second}",
        excerpt(.unit),
        place.plural()
    )]
    #[diagnostic(
        code(eindex::input::repeated_unit),
        help("keep one row per unit: merge the two rows or delete one")
    )]
    RepeatedUnit {
        unit: String,
        place: Place,
        first: u64,
        second: u64,
    },

    /// Two files of a unit that give a metadata field different values (`there`: the value
    /// read before, in cell `there_cell`).
    #[error("metadata `{field}` is `{}` here but `{}` in {there_cell}", excerpt(.here), excerpt(.there))]
    #[diagnostic(
        code(eindex::input::metadata_disagrees),
        help("metadata must agree in every file of a unit")
    )]
    MetadataDisagrees {
        field: String,
        here: String,
        there: String,
        there_cell: String,
    },

    /// One source answering a question twice for a unit (in cells `first` and `second`).
    #[error(
        "`{question}` is answered twice by `{}`: in {first} and in {second}",
        by.map_or("?", Source::as_str)
    )]
    #[diagnostic(
        code(eindex::input::answered_twice),
        help("a source may answer a question once; remove one answer, or declare the files' sources (`expert=file.csv`)")
    )]
    AnsweredTwice {
        question: String,
        by: Option<Source>,
        first: String,
        second: String,
    },

    // ---- evaluating
    /// An answer to a question whose condition (`follow_up`: a follow-up condition) is false
    /// for the unit, found when the unit is evaluated.
    #[error(
        "`{question}` is answered although {} is false for this unit, so it was not asked",
        if *follow_up { "its follow-up condition" } else { "its condition" }
    )]
    #[diagnostic(
        code(eindex::input::not_asked),
        help("leave the follow-up answer empty, or correct the answer it depends on (with --lenient the answer is ignored and the unit scored without it)")
    )]
    NotAsked { question: String, follow_up: bool },

    /// Answers that break a `constraint` of the ruleset (`answers`: each question it reads
    /// with its value and column).
    #[error("the answers contradict each other: {message} (constraint `{constraint}`; {answers})")]
    #[diagnostic(
        code(eindex::input::constraint),
        help("correct the answer that is wrong in the source data; the unit is not scored while its answers contradict each other (with --lenient it is rejected and the other units are scored)")
    )]
    Constraint {
        constraint: String,
        message: String,
        answers: String,
    },

    /// The unit's answers make a computation leave the exact range (`what`: the item and its
    /// place in the rules).
    #[error("the unit cannot be scored: arithmetic overflow while evaluating {what}")]
    #[diagnostic(
        code(eindex::input::overflow),
        help("a number in the answers (or a constant of the rules) is too large for exact arithmetic; check this unit's numbers")
    )]
    Overflow { what: String },

    /// A reader sent a row while a file was being opened (a bug; reported, not lost).
    #[error("internal error: a row was read while opening the file")]
    #[diagnostic(code(eindex::input::internal))]
    RowWhileOpening,
}

impl InputErrorKind {
    /// The help as text, if the kind has one.
    pub fn help_text(&self) -> Option<String> {
        Diagnostic::help(self).map(|h| h.to_string())
    }

    /// Whether the problem loses a whole file or column (every unit's answers there), rather
    /// than one value, row or unit: such a problem fails a command in every mode, `--lenient`
    /// covers units and values only. An exhaustive match, so that a new kind must be placed.
    pub fn whole_file(&self) -> bool {
        use InputErrorKind as K;
        match self {
            K::Unreadable { .. }
            | K::TooLarge { .. }
            | K::Utf16 { .. }
            | K::Utf32 { .. }
            | K::CellNotUtf8 { .. }
            | K::UnclosedQuote { .. }
            | K::NoHeader { .. }
            | K::EmptyFile
            | K::NotAnArray { .. }
            | K::JsonSyntax { .. }
            | K::UnknownColumn { .. }
            | K::RepeatedColumn { .. }
            | K::RepeatedUnitColumn { .. }
            | K::NoUnitColumn { .. }
            | K::UnnamedColumn { .. }
            | K::WorkbookAsText { .. }
            | K::NoSheet { .. }
            | K::MergedHeader { .. }
            | K::RowWhileOpening
            // the reader stops at a line that is not UTF-8: the lines after it are not read
            | K::LineNotUtf8 { .. } => true,
            K::RowLength { .. }
            | K::NoUnitId { .. }
            | K::UnitIdTooLong { .. }
            | K::UnitIdControl { .. }
            | K::CellTooLong { .. }
            | K::NotAnObject { .. }
            | K::NoUnitKey { .. }
            | K::EmptyUnitId
            | K::UnitIdType { .. }
            | K::RepeatedUnitKey { .. }
            | K::RepeatedKey { .. }
            | K::UnknownKey { .. }
            | K::MisplacedKey { .. }
            | K::WrongSource { .. }
            | K::TokenNotAllowed { .. }
            | K::NotYesNo { .. }
            | K::BelowMinimum { .. }
            | K::AboveMaximum { .. }
            | K::NotAnOption { .. }
            | K::OptionTwice { .. }
            | K::NotWhole { .. }
            | K::AmbiguousThousands { .. }
            | K::ThousandsSeparators { .. }
            | K::NotANumber { .. }
            | K::InexactNumber { .. }
            | K::WrongType { .. }
            | K::WrongItemType { .. }
            | K::ValueTooLong { .. }
            | K::RepeatedUnit { .. }
            | K::MetadataDisagrees { .. }
            | K::AnsweredTwice { .. }
            | K::NotAsked { .. }
            | K::Constraint { .. }
            | K::WorkbookCell { .. }
            | K::Overflow { .. } => false,
        }
    }

    /// Whether the problem is that a file could not be read at all (an I/O error: exit status 2).
    pub fn is_io(&self) -> bool {
        matches!(self, InputErrorKind::Unreadable { .. })
    }
}

/// What is wrong with a workbook cell (see [`InputErrorKind::WorkbookCell`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetCell {
    /// A date or a time, as the cell shows it (`2022-03-01`, `2022-03-01 12:30`).
    Date(String),
    /// A duration (ISO 8601, as an ods file holds it).
    Duration(String),
    /// An error value: `#N/A`, `#DIV/0!`, ...
    Error(String),
    /// A formula whose value was not saved with the workbook.
    Formula(String),
    /// A number stored as a binary fraction that is neither a whole number nor a short decimal
    /// (its shortest exact text: `0.30000000000000004`).
    Inexact(String),
}

impl SheetCell {
    fn message(&self) -> String {
        match self {
            SheetCell::Date(d) => format!("the cell holds a date or time ({d}), which no question takes"),
            SheetCell::Duration(d) => format!("the cell holds a duration ({d}), which no question takes"),
            SheetCell::Error(e) => format!("the cell holds the spreadsheet error {e}"),
            SheetCell::Formula(f) => format!(
                "the cell holds the formula `={}` but no value: the workbook was saved without computing it",
                excerpt(f)
            ),
            SheetCell::Inexact(v) => format!(
                "the cell holds the number {v}: not a whole number or a short decimal, so not exactly the value the cell shows"
            ),
        }
    }

    fn help(&self) -> String {
        match self {
            SheetCell::Date(_) | SheetCell::Duration(_) => "type the answer as the question takes it (format the cell as Text first, or the spreadsheet turns it into a date again)".to_string(),
            SheetCell::Error(e) => format!("correct the formula or value that gives {e}, or clear the cell"),
            SheetCell::Formula(_) => "open the workbook in a spreadsheet program and save it (its values are then stored), or replace the formula by its value".to_string(),
            SheetCell::Inexact(_) => "round the value in its cell (e.g. `=ROUND(A2; 2)`, then paste it as a value), or type the number".to_string(),
        }
    }
}

/// What the help of [`InputErrorKind::NotANumber`] suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberHint {
    /// `1e5`: write the number in full.
    Exponent,
    /// `12 kg`: digits with other text.
    Text,
    /// No digit, for an integer question.
    Whole,
    /// No digit, for a decimal question.
    Decimal,
}

/// The digits a number may have: significant digits, and digits before or after its decimal
/// point (leading zeros do not count). 36 digits fit eindex's exact rationals (128-bit) with
/// room for the arithmetic of a score.
pub const MAX_DIGITS: usize = 36;

/// Why a number cannot be used exactly (see [`InputErrorKind::InexactNumber`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inexact {
    /// This many significant digits (more than [`MAX_DIGITS`]).
    Digits(usize),
    /// More than [`MAX_DIGITS`] digits before the decimal point (`1e40`).
    Large,
    /// More than [`MAX_DIGITS`] digits after the decimal point (`1e-40`).
    Small,
}

fn inexact_reason(why: Inexact) -> String {
    match why {
        Inexact::Digits(n) => format!(
            "has {n} significant digits, too many for exact arithmetic (at most {MAX_DIGITS})"
        ),
        Inexact::Large => format!(
            "is too large for exact arithmetic (at most {MAX_DIGITS} digits before the decimal point)"
        ),
        Inexact::Small => format!(
            "has too many decimals for exact arithmetic (at most {MAX_DIGITS} digits after the decimal point)"
        ),
    }
}

/// `the file is UTF-16 encoded`, or that it looks so without a byte-order mark.
fn wide_message(bits: u8, bom: bool) -> String {
    if bom {
        format!("the file is UTF-{bits} encoded, not UTF-8")
    } else {
        let every = if bits == 16 {
            "every other byte"
        } else {
            "three bytes in every four"
        };
        format!(
            "the file looks UTF-{bits} encoded without a byte-order mark ({every} of its first line is 0), not UTF-8"
        )
    }
}

/// How to save a file as UTF-8 (`csv`: a CSV file, else JSON).
fn save_as_utf8(csv: bool) -> &'static str {
    if csv {
        "save it as \"CSV UTF-8\" (in Excel: Save As → CSV UTF-8; in LibreOffice: Save As → Text CSV, character set Unicode (UTF-8))"
    } else {
        "save it as UTF-8 (in a text editor: Save As → encoding UTF-8)"
    }
}

/// `U+0000`: the first control character of `s`.
fn first_control(s: &str) -> String {
    s.chars()
        .find(|c| c.is_control())
        .map_or_else(String::new, |c| format!("U+{:04X}", c as u32))
}

pub use crate::text::excerpt;

/// `1.0 MiB`.
fn mib(n: usize) -> String {
    format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
}

fn no_unit_column_help(unit_column: &str, closest: Option<&str>) -> String {
    match closest {
        Some(c) => format!(
            "is it column `{}`? Pass `--unit-column {}`, or rename the column to `{unit_column}`",
            excerpt(c),
            shell_word(&excerpt(c))
        ),
        None => format!(
            "add a column `{unit_column}` with the unit (municipality) ids, or set `unit_column` under [survey]"
        ),
    }
}

/// `s` as one word of a shell command: as it is when it is letters, digits, `_`, `-` and `.`,
/// else in single quotes.
fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_-.".contains(c)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// `5 of them look like rows of units: `A`, `B` and 3 more` for the rows that
/// [`InputErrorKind::UnclosedQuote`] found in the lines it took in.
fn unit_list(units: &[String], rows: usize) -> String {
    let named: Vec<String> = units.iter().map(|u| format!("`{}`", excerpt(u))).collect();
    let more = rows.saturating_sub(units.len());
    let list = if more > 0 {
        format!("{} and {more} more", named.join(", "))
    } else {
        named.join(", ")
    };
    if rows == 1 {
        format!("1 of them looks like the row of unit {list}")
    } else {
        format!("{rows} of them look like rows of units: {list}")
    }
}

/// A quote not closed (`line_break`), cells missing (a short row), or an unquoted delimiter (a
/// long row).
fn row_length_help(cells: usize, columns: usize, line_break: bool, delimiter: char) -> String {
    if line_break {
        "a cell of this row holds a line break: a quote `\"` is probably not closed".to_string()
    } else if cells < columns {
        let missing = columns - cells;
        format!(
            "{missing} cell{} missing at the end of the row (an unanswered question is an empty cell: `{delimiter}{delimiter}`), or a line break inside a cell that is not in double quotes split the row in two (put such cells in double quotes)",
            if missing == 1 { " is" } else { "s are" }
        )
    } else {
        format!(
            "a cell probably contains an unquoted `{delimiter}`; put such cells in double quotes"
        )
    }
}

fn source_list(sources: &[Source]) -> String {
    let names: Vec<&str> = sources.iter().map(|s| s.as_str()).collect();
    names.join(", ")
}

/// What a token means and the `allow` keyword that accepts it.
fn token_words(state: MissingState) -> (&'static str, &'static str) {
    match state {
        MissingState::NotApplicable => ("not applicable", "not_applicable"),
        _ => ("don't know", "dont_know"),
    }
}

fn range_help(question: &str, min: Option<Num>, max: Option<Num>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("the allowed range of `{question}` is {a} to {b}"),
        (Some(a), None) => format!("`{question}` takes values from {a} up"),
        (None, Some(b)) => format!("`{question}` takes values up to {b}"),
        (None, None) => String::new(),
    }
}

fn not_a_number_help(hint: NumberHint, question: &str) -> String {
    match hint {
        NumberHint::Exponent => "write the number in full, without exponent notation".to_string(),
        NumberHint::Text => "write only the number, without units or other text".to_string(),
        NumberHint::Whole => format!("`{question}` takes a whole number, e.g. `12`"),
        NumberHint::Decimal => format!("`{question}` takes a number, e.g. `12` or `12,5`"),
    }
}

#[cfg(test)]
mod tests;
