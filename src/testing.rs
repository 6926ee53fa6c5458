//! `eindex test`: run the test cases written next to a ruleset.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex test`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex test`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex test` is not available in this build yet");
    ExitCode::from(2)
}
