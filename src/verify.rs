//! `eindex verify`: compare results with a published table and a file of published facts.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex verify`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex verify`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex verify` is not available in this build yet");
    ExitCode::from(2)
}
