//! `eindex new-year`: a new ruleset folder for next year from last year's: the files copied, the
//! year bumped in the survey header and the schema, the tests carried over, the calibration notes
//! emptied, and a checklist of what to review printed (docs/workflow.md, "Starting next year").

use crate::app::{self, new_year};
use clap::Args as ClapArgs;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex new-year`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Last year's ruleset folder (it must check clean).
    pub ruleset: PathBuf,
    /// The new survey year.
    #[arg(value_parser = clap::value_parser!(i64).range(1000..=9999))]
    pub year: i64,
    /// The new folder (it must not exist). Default: the ruleset's folder with the year in its
    /// name replaced (`rules/2022` → `rules/2023`), or `<year>` next to it.
    #[arg(long)]
    pub to: Option<PathBuf>,
}

/// Runs `eindex new-year`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let to = match &args.to {
        Some(t) => t.clone(),
        None => {
            let old = new_year::survey_year(&args.ruleset)?;
            new_year::default_target(&args.ruleset, old, args.year)
        }
    };
    let made = new_year::new_year(&args.ruleset, &to, args.year)?;
    let (errors, warnings) = new_year::check_new(&made.dir)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "created {} from {}: {} files, year {} → {}, {} calibration note{} emptied",
        made.dir.display(),
        args.ruleset.display(),
        made.files,
        made.old_year,
        made.year,
        made.notes,
        crate::text::plural_s(made.notes)
    );
    let _ = writeln!(out, "\nto review before scoring {}:", made.year);
    for item in &made.checklist {
        let _ = writeln!(out, "  [ ] {item}");
    }
    let _ = writeln!(
        out,
        "\n`eindex check {}`: {errors} error{}, {warnings} warning{}",
        made.dir.display(),
        crate::text::plural_s(errors),
        crate::text::plural_s(warnings)
    );
    app::print_stdout(&out);
    Ok(app::status(errors == 0))
}
