//! `eindex diff`: compare two versions of a ruleset: what changed, and its impact on submissions.

use crate::app::{self, output, AppError, ReadArgs};
use crate::diff::{compare, render, Format};
use crate::ruleset::Ruleset;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex diff`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The old version of the ruleset (folder).
    pub old: PathBuf,
    /// The new version of the ruleset (folder).
    pub new: PathBuf,
    /// Submission files (`[SOURCE=]PATH`): show the impact of the change on every unit.
    pub submissions: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub input: ReadArgs,
    /// List every unit in the impact table, not only those with a change.
    #[arg(long)]
    pub all_units: bool,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub people: output::PeopleArgs,
}

/// Runs `eindex diff`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let old = checked_version(&args.old)?;
    let new = checked_version(&args.new)?;
    let (Some(po), Some(pn)) = (&old.program, &new.program) else {
        return Err(AppError::VersionHasErrors {
            path: args.old.display().to_string(),
        });
    };
    let specs = app::input_specs(&args.submissions, &args.input)?;
    let report = compare(
        &args.old.display().to_string(),
        (po, &old.sources),
        &args.new.display().to_string(),
        (pn, &new.sources),
        &specs,
        &args.input.load_options(pn, true),
    );
    // the language: --lang, else the new version's survey's
    let text = render(
        &report,
        args.format,
        args.all_units,
        args.people.lang(&pn.schema),
    );
    match &args.output {
        Some(path) => output::write_file(path, text.as_bytes())?,
        None => app::print_stdout(&text),
    }
    // the report lists the input problems; the status says whether the impact is complete
    Ok(match &report.impact {
        Some(i) if i.whole_file_problem => {
            eprintln!("error: a problem with a whole input file or column (listed in the report) makes the impact incomplete");
            ExitCode::from(1)
        }
        Some(i) if !i.old_input_problems.is_empty() || !i.new_input_problems.is_empty() => {
            eprintln!("note: units or answers with problems (listed in the report) are left out of the impact (exit status {})", app::verdict::LOSSY);
            ExitCode::from(app::verdict::LOSSY)
        }
        _ => ExitCode::SUCCESS,
    })
}

/// One version of the ruleset, which must check clean.
fn checked_version(path: &Path) -> app::Result<Ruleset> {
    let rs = app::load_ruleset(path)?;
    if rs.has_errors() {
        app::print_diagnostics(&rs);
        return Err(AppError::VersionHasErrors {
            path: path.display().to_string(),
        });
    }
    Ok(rs)
}
