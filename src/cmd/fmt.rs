//! `eindex fmt`: format .rules files in the canonical layout (docs/workflow.md). Folders are
//! walked recursively; finding no `.rules` file is an error.

use crate::app::{self, AppError};
use crate::fmt::{files, format_source, unified_diff, FmtError};
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex fmt`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// `.rules` files, or folders (every `.rules` file under them, recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Do not write; show a diff of every file that is not formatted and exit with status 1.
    #[arg(long)]
    pub check: bool,
}

/// What became of one file.
enum Outcome {
    /// Already formatted.
    Unchanged,
    /// Not formatted (`--check`: its diff was shown; else it was written).
    Formatted,
    /// It could not be read, formatted or written (the error was shown).
    Failed,
}

/// Formats (or, with `check`, checks) one file, reporting on stdout and stderr.
fn format_file(f: &Path, check: bool) -> Outcome {
    let name = f.display().to_string();
    let text = match std::fs::read_to_string(f) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read `{name}`: {e}");
            return Outcome::Failed;
        }
    };
    match format_source(&name, &text) {
        Err(FmtError::Syntax(d)) => {
            eprint!("{d}");
            eprintln!("error: `{name}` has syntax errors; it was not formatted");
            Outcome::Failed
        }
        Err(FmtError::Changed(m)) => {
            eprintln!("error: {m}");
            Outcome::Failed
        }
        Ok(out) if out == text => Outcome::Unchanged,
        Ok(out) => {
            if check {
                use std::io::Write as _;
                let _ = write!(
                    std::io::stdout().lock(),
                    "{}",
                    unified_diff(&name, &text, &out)
                );
            } else if let Err(e) = std::fs::write(f, out) {
                eprintln!("error: cannot write `{name}`: {e}");
                return Outcome::Failed;
            } else {
                eprintln!("formatted {name}");
            }
            Outcome::Formatted
        }
    }
}

/// Runs `eindex fmt`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let found = files::rules_files(&args.paths).map_err(AppError::argument)?;
    for p in &found.empty_folders {
        eprintln!("warning: no `.rules` files in `{}`", p.display());
    }
    let files = found.files;
    let mut unformatted = 0;
    let mut failed = 0;
    for f in &files {
        match format_file(f, args.check) {
            Outcome::Unchanged => {}
            Outcome::Formatted => unformatted += 1,
            Outcome::Failed => failed += 1,
        }
    }
    let plural = crate::text::plural_s(files.len());
    let errors = if failed > 0 {
        format!(", {failed} with errors")
    } else {
        String::new()
    };
    if args.check {
        eprintln!(
            "{} file{plural} checked: {unformatted} not formatted{errors}",
            files.len()
        );
        if unformatted > 0 || failed > 0 {
            return Ok(ExitCode::from(1));
        }
    } else {
        eprintln!(
            "{} file{plural}: {unformatted} formatted, {} already formatted{errors}",
            files.len(),
            files.len() - unformatted - failed
        );
        if failed > 0 {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
