//! The errors of `eindex verify`: files that cannot be read, a facts file or a published table of
//! the wrong shape, a grouping that does not fit the schema, a unit the evaluator rejects.
//!
//! Every variant has a code `eindex::verify::...` (listed in docs/diagnostics.md). Its message
//! (`Display`) is the line the command prints after `error: `, naming the file and, where there is
//! one, the place in it (`path:line:column`, or `path:row:column` for the published table).

use miette::Diagnostic;
use thiserror::Error;

/// A problem that stops `eindex verify`, or (for the group variants) a fact it cannot check.
#[derive(Debug, Error, Diagnostic)]
pub enum VerifyError {
    /// The facts file cannot be read (missing, not UTF-8, ...).
    #[error("{path}: cannot read the facts file: {source}")]
    #[diagnostic(code(eindex::verify::facts_read))]
    FactsRead {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// The facts file is not valid TOML.
    #[error("{path}{place}: not valid TOML: {message}")]
    #[diagnostic(
        code(eindex::verify::facts_toml),
        help("the facts file is TOML in the format of published-2022.toml (docs/verify.md)")
    )]
    FactsToml {
        path: String,
        /// `:line:column`, or empty when the parser names no place.
        place: String,
        message: String,
    },

    /// A fact of the wrong form: `mean = "56"`, `levels = { x = 2 }`, a `lacks` entry without
    /// `to_level` or with an unknown key.
    #[error("{path}{place}: {message}")]
    #[diagnostic(
        code(eindex::verify::facts_shape),
        help("docs/verify.md lists the facts `eindex verify` understands and the form of each")
    )]
    FactsShape {
        path: String,
        /// `:line:column`.
        place: String,
        message: String,
    },

    /// A unit the evaluator (or the rounding-interval analysis) rejects.
    #[error("unit `{unit}`: {message}")]
    #[diagnostic(code(eindex::verify::eval))]
    Eval { unit: String, message: String },

    /// `--group-by` names no single-choice metadata field of the schema.
    #[error("--group-by `{field}` is not a single-choice metadata field of the schema; {hint}")]
    #[diagnostic(code(eindex::verify::group_by))]
    GroupBy { field: String, hint: String },

    /// `--group NAME=OPTION` (or `[groups]` in the facts) names no option of the grouping field.
    #[error("--group {name}={option}: `{option}` is not an option of `{field}`; {hint}")]
    #[diagnostic(code(eindex::verify::group_option))]
    GroupOption {
        name: String,
        option: String,
        field: String,
        hint: String,
    },

    /// `--group` without a grouping field.
    #[error("--group needs --group-by FIELD (or `field` in the facts' [groups])")]
    #[diagnostic(code(eindex::verify::group_without_field))]
    GroupWithoutField,

    /// A group fact (`mean_regional`) without a grouping: listed as not checked.
    #[error("group `{name}`: no grouping given (use --group-by FIELD and --group {name}=OPTION)")]
    #[diagnostic(code(eindex::verify::no_grouping))]
    NoGrouping { name: String },

    /// A group fact whose group names no option: listed as not checked.
    #[error("group `{name}` is not an option of `{field}` ({options}); map it with --group {name}=OPTION")]
    #[diagnostic(code(eindex::verify::unknown_group))]
    UnknownGroup {
        name: String,
        field: String,
        options: String,
    },

    /// The published table cannot be read.
    #[error("{path}: cannot read the published table: {source}")]
    #[diagnostic(code(eindex::verify::table_read))]
    TableRead {
        path: String,
        #[source]
        source: std::io::Error,
    },

    /// The published table has no header row, or one the CSV reader rejects.
    #[error("{path}{place}: {message}")]
    #[diagnostic(code(eindex::verify::table_header))]
    TableHeader {
        path: String,
        /// `:1`, or empty for an empty file.
        place: String,
        message: String,
    },

    /// `--column TARGET=HEADER` with an unknown target, or a header the table does not have.
    #[error("{message}")]
    #[diagnostic(
        code(eindex::verify::table_column),
        help("TARGET is a section id, `index` or `unit`; HEADER a column of the table's header")
    )]
    TableColumn { message: String },

    /// A row of the published table: unreadable, without a unit, a unit twice, a cell that is no
    /// number.
    #[error("{path}:{row}{column}: {message}")]
    #[diagnostic(code(eindex::verify::table_row))]
    TableRow {
        path: String,
        row: u64,
        /// `:column`, or empty when the whole row is meant.
        column: String,
        message: String,
    },
}
