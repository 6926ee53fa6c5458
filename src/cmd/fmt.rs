//! `eindex fmt`: format .rules files in the canonical layout (docs/workflow.md).

use crate::app;
pub use crate::fmt::Args;
use std::process::ExitCode;

/// Runs `eindex fmt`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    Ok(crate::fmt::run(args))
}
