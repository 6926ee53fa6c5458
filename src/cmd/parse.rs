//! `eindex parse`: print the syntax tree of a .rules file (for debugging the language).

use crate::app::{self, AppError};
use crate::diag::{self, Diagnostic};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex parse`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The .rules file.
    pub file: PathBuf,
}

/// Runs `eindex parse`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let path = &args.file;
    let text = std::fs::read_to_string(path).map_err(|source| AppError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let mut sources = crate::source::SourceMap::new();
    let id = sources.add(path, text.clone());
    let (file, errors) = crate::syntax::parse(id, &text);
    app::print_stdout(&format!("{file:#?}\n"));
    if errors.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        let diags: Vec<Diagnostic> = errors.into_iter().map(Diagnostic::Syntax).collect();
        eprint!(
            "{}",
            diag::render_human(&diags, &sources, app::color_stderr(), 100)
        );
        Ok(ExitCode::from(1))
    }
}
