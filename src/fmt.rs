//! `eindex fmt`: format .rules files in the canonical layout.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex fmt`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex fmt`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex fmt` is not available in this build yet");
    ExitCode::from(2)
}
