//! `eindex report`: level distributions, group breakdowns and answer shares as Excel, HTML, CSV or Markdown.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex report`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex report`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex report` is not available in this build yet");
    ExitCode::from(2)
}
