//! The command line: parses the arguments and hands each subcommand to its module in `cmd`.
//! Nothing else lives here (see docs/design.md, "Where things live").

use crate::{app, cmd};
use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "eindex",
    version,
    about = "Score survey submissions with rules a methodologist can read, check and explain"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and type-check a ruleset against its questionnaire schema.
    #[command(
        override_usage = "eindex check [OPTIONS] <RULESET>\n       eindex check --explain <CODE> [--format json]"
    )]
    Check(cmd::check::Args),
    /// Score submissions with a ruleset.
    Eval(cmd::eval::Args),
    /// Explain why each unit got its levels, and which answers would reach the next level.
    Explain(cmd::explain::Args),
    /// Compare results with a published table and a file of published facts.
    Verify(cmd::verify::Args),
    /// Level distributions, group breakdowns and answer shares (Excel, HTML, CSV, Markdown).
    Report(cmd::report::Args),
    /// How sure each unit's level is under the ruleset's `uncertain` method choices, and which
    /// choice decides it (Sobol sensitivity indices).
    Robustness(cmd::robustness::Args),
    /// Run the test cases written next to a ruleset.
    Test(cmd::test::Args),
    /// Format .rules files in the canonical layout.
    Fmt(cmd::fmt::Args),
    /// Compare two versions of a ruleset and the impact of the change on submissions.
    Diff(cmd::diff::Args),
    /// Start next year's ruleset from last year's: copy, bump the year, print what to review.
    NewYear(cmd::new_year::Args),
    /// Generate synthetic submissions calibrated to target section scores (seeded).
    Synth(cmd::synth::Args),
    /// Print the syntax tree of a .rules file (for debugging the language).
    Parse(cmd::parse::Args),
    /// Run the language server for editors (over standard input and output).
    #[command(long_about = cmd::lsp::LONG_ABOUT)]
    Lsp(cmd::lsp::Args),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh).
    Completions(cmd::completions::Args),
    /// Print the manual page (roff), or write one page per subcommand into a folder.
    Man(cmd::man::Args),
}

/// Runs a parsed command line and gives the exit status.
pub fn run(cli: Cli) -> ExitCode {
    app::finish(match &cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Verify(a) => cmd::verify::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Robustness(a) => cmd::robustness::run(a),
        Command::Test(a) => cmd::test::run(a),
        Command::Fmt(a) => cmd::fmt::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::NewYear(a) => cmd::new_year::run(a),
        Command::Synth(a) => cmd::synth::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Lsp(a) => cmd::lsp::run(a),
        Command::Completions(a) => cmd::completions::run(a, Cli::command()),
        Command::Man(a) => cmd::man::run(a, Cli::command()),
    })
}
