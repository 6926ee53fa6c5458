//! `eindex diff`: compare two versions of a ruleset: what changed, and its impact on submissions.
//!
//! Rules, sections and questions are matched by id; a removed and an added question with the same
//! text and options are reported as a likely rename. With submissions, every unit is loaded
//! (leniently) and evaluated with both versions. See docs/workflow.md.

pub mod changes;
pub mod impact;
mod render;

use crate::source::SourceMap;
use clap::{Args as ClapArgs, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;
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
    /// The column (CSV) or key (JSON) holding the unit id.
    #[arg(long)]
    pub unit_column: Option<String>,
    /// List every unit in the impact table, not only those with a change.
    #[arg(long)]
    pub all_units: bool,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Md,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub old: String,
    pub new: String,
    pub changes: changes::Changes,
    pub impact: Option<impact::Impact>,
}

/// Compares two loaded programs (and, with submissions, their impact).
pub fn compare(
    old_name: &str,
    old: (&crate::hir::Program, &SourceMap),
    new_name: &str,
    new: (&crate::hir::Program, &SourceMap),
    specs: &[crate::input::InputSpec],
    unit_column: Option<String>,
) -> Report {
    let c = changes::compare(
        &changes::Side {
            p: old.0,
            sources: old.1,
        },
        &changes::Side {
            p: new.0,
            sources: new.1,
        },
    );
    let impact = (!specs.is_empty())
        .then(|| impact::impact(old.0, new.0, specs, unit_column, &c.schema.likely_renames));
    Report {
        old: old_name.to_string(),
        new: new_name.to_string(),
        changes: c,
        impact,
    }
}

/// Renders a report.
pub fn render(r: &Report, format: Format, all_units: bool) -> String {
    match format {
        Format::Text => render::text(r, all_units),
        Format::Md => render::markdown(r, all_units),
        Format::Json => serde_json::to_string_pretty(r).unwrap_or_default() + "\n",
    }
}

/// Runs `eindex diff`.
pub fn run(args: &Args) -> ExitCode {
    let load = |path: &PathBuf| -> Result<crate::ruleset::Ruleset, ExitCode> {
        let rs = crate::cli::load_ruleset(path)?;
        if rs.has_errors() {
            crate::cli::print_diagnostics(&rs);
            eprintln!(
                "error: `{}` has errors; run `eindex check {}` and fix them first",
                path.display(),
                path.display()
            );
            return Err(ExitCode::from(1));
        }
        Ok(rs)
    };
    let old = match load(&args.old) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let new = match load(&args.new) {
        Ok(r) => r,
        Err(c) => return c,
    };
    let (Some(po), Some(pn)) = (&old.program, &new.program) else {
        return ExitCode::from(1);
    };
    let specs = match crate::run::input_specs(&args.submissions) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let report = compare(
        &args.old.display().to_string(),
        (po, &old.sources),
        &args.new.display().to_string(),
        (pn, &new.sources),
        &specs,
        args.unit_column.clone(),
    );
    let text = render(&report, args.format, args.all_units);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return ExitCode::from(2);
            }
        }
        None => crate::cli::print_stdout(&text),
    }
    ExitCode::SUCCESS
}
