//! `eindex explain`: explain why each unit got its levels, and which answers would reach the next level.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex explain`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex explain`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex explain` is not available in this build yet");
    ExitCode::from(2)
}
