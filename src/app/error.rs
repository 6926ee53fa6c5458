//! The errors a command can end with, and their exit statuses.
//!
//! A command returns `Ok(status)` when it ran to the end (status 1 is a verdict: the ruleset, the
//! submissions or the checks have problems, and those were already printed), or an [`AppError`]
//! when it could not do its work. [`crate::app::finish`] renders the error as one
//! `error: …` line on standard error and turns it into the exit status.

use crate::ruleset::LoadError;
use std::process::ExitCode;

/// Why a command could not do its work.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AppError {
    /// The ruleset folder or file cannot be read.
    #[error(transparent)]
    #[diagnostic(code(eindex::app::ruleset_unreadable))]
    Ruleset(#[from] LoadError),
    /// The ruleset has errors (its diagnostics were printed).
    #[error("the ruleset has errors; run `eindex check {path}` and fix them first")]
    #[diagnostic(code(eindex::app::ruleset_has_errors))]
    RulesetHasErrors { path: String },
    /// One of the two versions `diff` compares has errors (its diagnostics were printed).
    #[error("`{path}` has errors; run `eindex check {path}` and fix them first")]
    #[diagnostic(code(eindex::app::version_has_errors))]
    VersionHasErrors { path: String },
    /// A `[SOURCE=]PATH` argument that names no source or no path.
    #[error("{message}")]
    #[diagnostic(code(eindex::app::input_argument))]
    InputArgument { message: String },
    /// A file the command needs cannot be read.
    #[error("cannot read `{path}`: {source}")]
    #[diagnostic(code(eindex::app::read))]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A file the command writes cannot be written.
    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(code(eindex::app::write))]
    Write { path: String, reason: String },
    /// A folder the command writes files into cannot be written.
    #[error("cannot write into `{path}`: {reason}")]
    #[diagnostic(code(eindex::app::write))]
    WriteInto { path: String, reason: String },
    /// Standard output (or the output file) failed while the results were written.
    #[error("cannot write the {what}: {source}")]
    #[diagnostic(code(eindex::app::output))]
    Output {
        what: &'static str,
        source: std::io::Error,
    },
    /// What the command made cannot be put in its output format.
    #[error("cannot format the {what}: {source}")]
    #[diagnostic(code(eindex::app::format))]
    Format {
        what: &'static str,
        source: std::io::Error,
    },
    /// A command-line value the command cannot use (an unknown section, source, unit, table or
    /// grouping; a malformed `NAME=VALUE` pair; an output that does not fit the format). The
    /// message names the value and says what was expected.
    #[error("{message}")]
    #[diagnostic(code(eindex::app::argument))]
    Argument { message: String },
    /// The submissions have problems (each was printed) and the command does not go on past them.
    #[error("{message}")]
    #[diagnostic(code(eindex::app::submissions))]
    Submissions { message: String },
    /// A file of the command's own (tests, targets, shares, facts) has errors (each was printed).
    #[error("{message}")]
    #[diagnostic(code(eindex::app::spec))]
    Spec { message: String, status: u8 },
    /// `verify` could not compare (its published table or facts file, or an evaluation).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Verify(#[from] crate::verify::VerifyError),
    /// Evaluation failed (an arithmetic overflow names the rule).
    #[error("{message}")]
    #[diagnostic(code(eindex::app::evaluation))]
    Evaluation { message: String },
}

impl AppError {
    /// A command-line value that cannot be used.
    pub fn argument(message: impl Into<String>) -> AppError {
        AppError::Argument {
            message: message.into(),
        }
    }

    /// The exit status: 1 when the ruleset or the submissions have problems, 2 when the command
    /// was asked something it cannot do (arguments, files).
    pub fn status(&self) -> u8 {
        match self {
            AppError::RulesetHasErrors { .. }
            | AppError::VersionHasErrors { .. }
            | AppError::Submissions { .. }
            | AppError::Evaluation { .. } => 1,
            AppError::Spec { status, .. } => *status,
            AppError::Ruleset(_)
            | AppError::InputArgument { .. }
            | AppError::Read { .. }
            | AppError::Write { .. }
            | AppError::WriteInto { .. }
            | AppError::Output { .. }
            | AppError::Format { .. }
            | AppError::Argument { .. }
            | AppError::Verify(_) => 2,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.status())
    }
}
