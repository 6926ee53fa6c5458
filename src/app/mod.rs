//! The application layer: the path every command takes, so that commands stay thin.
//!
//! ```text
//! cli (arguments) ──▶ cmd::<command>::run ──▶ app: load → check → lower once → load input → evaluate
//!                                               │                         └── stream (eval's engine)
//!                                               └── problems, stdout, colour, AppError → exit status
//! ```
//!
//! Commands (`src/cmd/`) import this layer and the core stages, never `cli` or each other; the core
//! stages never import this layer. See docs/design.md, "Where things live".

mod error;
pub mod inputs;
pub mod new_year;
pub mod output;
pub mod stream;
pub mod verdict;

pub use error::AppError;
pub use inputs::{
    evaluate_all, input_specs, load_options, not_asked_named, not_asked_problem,
    print_input_errors, Counts, Evaluated, InFormat, InputArgs, ReadArgs,
};
pub use output::{color_stderr, color_stdout, print_stdout, write_stdout};

use crate::diag;
use crate::hir::Program;
use crate::plan::{self, Plan};
use crate::ruleset::{self, Ruleset};
use crate::source::SourceMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// What a command returns: its exit status when it ran to the end, or why it could not.
pub type Result<T> = std::result::Result<T, AppError>;

/// Renders a command's error (one `error: …` line on standard error) and gives the exit status.
pub fn finish(result: Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

/// Loads a ruleset (its diagnostics are in it, unprinted).
pub fn load_ruleset(path: &Path) -> Result<Ruleset> {
    Ok(ruleset::load(path)?)
}

/// Prints a ruleset's diagnostics to stderr (human form).
pub fn print_diagnostics(rs: &Ruleset) {
    if rs.diagnostics.is_empty() {
        return;
    }
    let width = 100;
    let text = diag::render_human(&rs.diagnostics, &rs.sources, color_stderr(), width);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Loads a ruleset that must check clean: with errors, prints its diagnostics and fails.
pub fn checked_ruleset(path: &Path) -> Result<Ruleset> {
    let rs = load_ruleset(path)?;
    if rs.has_errors() || rs.program.is_none() {
        print_diagnostics(&rs);
        return Err(AppError::RulesetHasErrors {
            path: path.display().to_string(),
        });
    }
    Ok(rs)
}

/// A checked program and its evaluation plan, lowered once for the whole command, with the
/// ruleset's sources (to name a place in the rules).
pub struct Compiled {
    pub program: Program,
    pub plan: Plan,
    pub sources: SourceMap,
}

impl Compiled {
    pub fn new(program: Program, sources: SourceMap) -> Compiled {
        let plan = plan::lower(&program);
        Compiled {
            program,
            plan,
            sources,
        }
    }
}

/// Loads, checks and lowers a ruleset that must check clean.
pub fn compile(path: &Path) -> Result<Compiled> {
    let rs = checked_ruleset(path)?;
    match rs.program {
        Some(p) => Ok(Compiled::new(p, rs.sources)),
        None => Err(AppError::RulesetHasErrors {
            path: path.display().to_string(),
        }),
    }
}

/// Exit status 0 or 1 from a verdict.
pub fn status(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
