//! `eindex diff`: compare two versions of a ruleset: what changed, and its impact on submissions.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex diff`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex diff`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex diff` is not available in this build yet");
    ExitCode::from(2)
}
