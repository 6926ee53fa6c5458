//! `eindex check`: parse and type-check a ruleset against its questionnaire schema; print every
//! diagnostic and, when it checks, a summary of what it defines.

use crate::app;
use crate::diag;
use clap::{Args as ClapArgs, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex check`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder (or one .rules file).
    pub ruleset: PathBuf,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
    /// Treat warnings as errors (exit status 1).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagFormat {
    Human,
    Json,
}

/// Runs `eindex check`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let rs = app::load_ruleset(&args.ruleset)?;
    let errors = rs
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::check::Severity::Error)
        .count();
    let warnings = rs.warnings();
    match args.format {
        DiagFormat::Json => {
            let list: Vec<diag::JsonDiagnostic> = rs
                .diagnostics
                .iter()
                .map(|d| diag::to_json(d, &rs.sources))
                .collect();
            // a struct, not a `json!` tree: 100,000 diagnostics as `Value`s took 200 MB
            #[derive(serde::Serialize)]
            struct Out {
                diagnostics: Vec<diag::JsonDiagnostic>,
                errors: usize,
                summary: Option<serde_json::Value>,
                warnings: usize,
            }
            let out = Out {
                diagnostics: list,
                errors,
                summary: rs.program.as_ref().map(summary_json),
                warnings,
            };
            app::print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&out).unwrap_or_default()
            ));
        }
        DiagFormat::Human => {
            app::print_diagnostics(&rs);
            if let Some(p) = &rs.program {
                app::print_stdout(&summary_text(p));
            }
            eprintln!(
                "{}: {errors} error{}, {warnings} warning{}",
                rs.dir.display(),
                crate::text::plural_s(errors),
                crate::text::plural_s(warnings)
            );
        }
    }
    Ok(app::status(
        !(errors > 0 || (args.deny_warnings && warnings > 0)),
    ))
}

/// The summary `check` prints on success: sections, questions, rules and derived maxima.
pub fn summary_text(p: &crate::hir::Program) -> String {
    let mut s = String::new();
    let nq = p.schema.questions.iter().filter(|q| q.scored).count();
    s.push_str(&format!(
        "{} {}: {} sections, {} questions ({} scored), {} rules, {} derived values\n",
        p.survey.name,
        p.survey.year.map(|y| y.to_string()).unwrap_or_default(),
        p.sections.len(),
        p.schema.questions.len(),
        nq,
        p.rules.len(),
        p.lets.len()
    ));
    s.push_str(&format!(
        "  {:<24} {:>6} {:>10} {:>8}  thresholds\n",
        "section", "rules", "max points", "weight"
    ));
    for (i, sec) in p.sections.iter().enumerate() {
        s.push_str(&format!(
            "  {:<24} {:>6} {:>10} {:>8}  {} {}\n",
            sec.id,
            sec.rules.len(),
            sec.max.to_string(),
            p.index.weights[i].to_string(),
            match sec.thresholds.kind {
                crate::hir::ThresholdKind::Upper => "upper",
                crate::hir::ThresholdKind::Lower => "lower",
            },
            sec.thresholds
                .bounds
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s.push_str(&format!(
        "  index: weighted mean over at least {} of {} sections, thresholds {}\n",
        p.index.min_sections,
        p.sections.len(),
        p.index
            .thresholds
            .bounds
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if !p.groupings.is_empty() {
        s.push_str(&format!(
            "  groupings for reports: {}\n",
            p.groupings
                .iter()
                .map(|g| format!("{} ({})", g.name, grouping_groups(p, g)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    s
}

/// How a grouping splits the units: its groups, or "quartiles of <value>".
fn grouping_groups(p: &crate::hir::Program, g: &crate::hir::Grouping) -> String {
    use crate::hir::GroupingKind;
    match &g.kind {
        GroupingKind::Choice { groups, .. } => format!("{} groups", groups.len()),
        GroupingKind::Bands { bands, .. } => format!("{} bands", bands.len()),
        GroupingKind::Quartiles { value } => {
            let name = match *value {
                crate::hir::GroupValue::Slot(s) => {
                    let nq = p.schema.questions.len();
                    p.schema
                        .questions
                        .get(s)
                        .or_else(|| p.schema.meta.get(s.wrapping_sub(nq)))
                        .map(|q| q.id.clone())
                        .unwrap_or_default()
                }
                crate::hir::GroupValue::Let(l) => {
                    p.lets.get(l).map(|l| l.name.clone()).unwrap_or_default()
                }
            };
            format!("quartiles of {name}")
        }
    }
}

fn summary_json(p: &crate::hir::Program) -> serde_json::Value {
    serde_json::json!({
        "survey": p.survey.name,
        "year": p.survey.year,
        "questions": p.schema.questions.len(),
        "rules": p.rules.len(),
        "sections": p.sections.iter().enumerate().map(|(i, s)| serde_json::json!({
            "id": s.id,
            "rules": s.rules.len(),
            "max_points": s.max.to_string(),
            "weight": p.index.weights[i].to_string(),
        })).collect::<Vec<_>>(),
        "groupings": p.groupings.iter().map(|g| serde_json::json!({
            "name": g.name,
            "title": g.title,
            "groups": grouping_groups(p, g),
        })).collect::<Vec<_>>(),
    })
}
