//! One module per subcommand: its arguments (clap) and its `run`, on top of the application layer
//! ([`crate::app`]) and the core stages. A command never imports `cli` or another command.
//!
//! A new subcommand goes here: a file with `Args` and `pub fn run(args: &Args) -> app::Result<ExitCode>`,
//! a variant in `cli::Command`, one line in `cli::run`.

pub mod check;
pub mod completions;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod lsp;
pub mod man;
pub mod new_year;
pub mod parse;
pub mod report;
pub mod robustness;
pub mod synth;
pub mod test;
pub mod verify;
