//! Errors found while loading a questionnaire schema.

use crate::source::Span;
use miette::Diagnostic;
use thiserror::Error;

/// A problem in `questionnaire.toml`. Every variant points at the place in the TOML file.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum SchemaError {
    /// The file is not valid TOML, or a field has the wrong type, or a field is unknown.
    #[error("{message}")]
    #[diagnostic(
        code(eindex::schema::toml),
        help("see docs/schema.md for the fields a questionnaire.toml may have")
    )]
    Toml {
        message: String,
        #[label("here")]
        span: Span,
    },

    /// `[[question]] id = "q1"` twice.
    #[error("`{id}` is defined twice")]
    #[diagnostic(
        code(eindex::schema::duplicate_id),
        help("question, metadata and section ids must be unique; rename one of them")
    )]
    DuplicateId {
        id: String,
        #[label("second definition")]
        span: Span,
    },

    /// `section = "comunication"`
    #[error("unknown section `{name}`")]
    #[diagnostic(code(eindex::schema::unknown_section), help("{hint}"))]
    UnknownSection {
        name: String,
        #[label("not declared under [sections]")]
        span: Span,
        hint: String,
    },

    /// A question without `section`, or a metadata field with one.
    #[error("{message}")]
    #[diagnostic(code(eindex::schema::section_field), help("{hint}"))]
    SectionField {
        message: String,
        #[label("here")]
        span: Span,
        hint: String,
    },

    /// `type = "choice"`
    #[error("unknown question type `{name}`")]
    #[diagnostic(
        code(eindex::schema::unknown_type),
        help("use one of: single, multi, yes_no, integer, decimal, text")
    )]
    UnknownType {
        name: String,
        #[label("unknown type")]
        span: Span,
    },

    /// Options on a numeric question, none on a choice question, duplicate option ids ...
    #[error("{message}")]
    #[diagnostic(code(eindex::schema::options), help("{hint}"))]
    Options {
        message: String,
        #[label("here")]
        span: Span,
        hint: String,
    },

    /// `min`/`max` wrong.
    #[error("{message}")]
    #[diagnostic(code(eindex::schema::range), help("{hint}"))]
    Range {
        message: String,
        #[label("here")]
        span: Span,
        hint: String,
    },

    /// `source = "experts"`, `allow = ["na"]`
    #[error("unknown {what} `{name}`")]
    #[diagnostic(code(eindex::schema::unknown_keyword), help("use one of: {expected}"))]
    UnknownKeyword {
        what: &'static str,
        name: String,
        expected: &'static str,
        #[label("unknown {what}")]
        span: Span,
    },

    /// `ask_if = "q1 = "` does not parse.
    #[error("`ask_if` condition does not parse: {message}")]
    #[diagnostic(
        code(eindex::schema::ask_if),
        help("write the condition in the rules' expression language, e.g. `q_sms_exists = yes`")
    )]
    AskIf {
        message: String,
        #[label("{label}")]
        span: Span,
        label: String,
    },
}

impl SchemaError {
    pub fn span(&self) -> Span {
        match self {
            SchemaError::Toml { span, .. }
            | SchemaError::DuplicateId { span, .. }
            | SchemaError::UnknownSection { span, .. }
            | SchemaError::SectionField { span, .. }
            | SchemaError::UnknownType { span, .. }
            | SchemaError::Options { span, .. }
            | SchemaError::Range { span, .. }
            | SchemaError::UnknownKeyword { span, .. }
            | SchemaError::AskIf { span, .. } => *span,
        }
    }
}
