//! `eindex synth`: generate synthetic submissions calibrated to target section scores (seeded, reproducible).

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex synth`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
}

/// Runs `eindex synth`.
pub fn run(_args: &Args) -> ExitCode {
    eprintln!("error: `eindex synth` is not available in this build yet");
    ExitCode::from(2)
}
