//! `eindex lsp`: the language server for editors (see [`crate::lsp`] and docs/editors.md).

use crate::app;
use clap::Args as ClapArgs;
use std::process::ExitCode;

/// The long help of `eindex lsp --help`.
pub const LONG_ABOUT: &str = "Run the language server for .rules files, speaking the Language \
Server Protocol over standard input and output (an editor starts it; see docs/editors.md).\n\n\
The server speaks for the ruleset folder of each file it is given (its .rules files and \
questionnaire.toml together): diagnostics as you type (those of `eindex check`), hover, go to \
definition, references, symbols, completion, formatting (`eindex fmt`), quick fixes for the \
checker's suggestions, and code lenses that evaluate a section for one unit of the submissions \
next to the ruleset and run its tests.toml.\n\n\
Settings (initializationOptions, or `eindex` in workspace/didChangeConfiguration): \
`submissions` (the file the evaluate lens reads; default: the first *.csv, *.xlsx or *.json \
in the ruleset folder) and `unit` (default: the first unit).";

/// Arguments of `eindex lsp`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Talk over standard input and output (the only transport, and the default; accepted
    /// because editors' clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Runs `eindex lsp` until the editor stops it.
pub fn run(_args: &Args) -> app::Result<ExitCode> {
    match crate::lsp::serve_stdio() {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("error: eindex lsp: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
