//! `eindex completions <SHELL>`: a shell completion script, generated from the command-line
//! definitions (clap_complete), on standard output.

use crate::app;
use clap::Args as ClapArgs;
use clap_complete::Shell;
use std::process::ExitCode;

/// Arguments of `eindex completions`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The shell: bash, elvish, fish, powershell or zsh.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script of `command` (the whole command line, from `cli`).
pub fn run(args: &Args, mut command: clap::Command) -> app::Result<ExitCode> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut command, "eindex", &mut buf);
    app::output::write_stdout(&buf, "completions")?;
    Ok(ExitCode::SUCCESS)
}
