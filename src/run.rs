//! `eindex eval`: load submissions, evaluate every unit, render the results.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files, each optionally prefixed with its source: `expert=answers.csv`.
    #[arg(required = true)]
    pub submissions: Vec<String>,
}

pub fn eval(_args: &EvalArgs) -> ExitCode {
    eprintln!("eval: not wired yet");
    ExitCode::from(2)
}
