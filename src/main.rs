use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    eindex::cli::run(eindex::cli::Cli::parse())
}
