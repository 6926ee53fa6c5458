//! `eindex check`: parse and type-check a ruleset against its questionnaire schema; print every
//! diagnostic and, when it checks, a summary of what it defines.

use crate::app;
use crate::check::Severity;
use crate::diag;
use clap::{Args as ClapArgs, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex check`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder, or one .rules file of it (checked within its folder; only its
    /// diagnostics are shown).
    #[arg(required_unless_present = "explain")]
    pub ruleset: Option<PathBuf>,
    /// Output format of diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
    /// Treat warnings as errors (exit status 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Explain a diagnostic code instead of checking: what triggers it, an example and how to
    /// fix it (`eindex check --explain uncovered`; the full code or its last part).
    #[arg(long, value_name = "CODE", conflicts_with_all = ["ruleset", "deny_warnings"])]
    pub explain: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagFormat {
    Human,
    Json,
}

/// Errors and warnings among `diags`.
fn counts<'d>(diags: impl Iterator<Item = &'d diag::Diagnostic>) -> (usize, usize) {
    diags.fold((0, 0), |(e, w), d| match d.severity() {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    })
}

/// Runs `eindex check`.
///
/// Given one `.rules` file of a folder (no `survey` header of its own), the whole folder is
/// checked (see [`crate::ruleset::load`]) and only the file's diagnostics are shown; the other
/// files' are counted in one line, and the exit status is the file's.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    if let Some(code) = &args.explain {
        return explain(code, args.format);
    }
    let Some(ruleset) = &args.ruleset else {
        // clap requires one of the two
        return Err(app::AppError::argument(
            "give a ruleset folder, or --explain CODE",
        ));
    };
    let rs = app::load_ruleset(ruleset)?;
    let (shown, others): (Vec<&diag::Diagnostic>, Vec<&diag::Diagnostic>) = rs
        .diagnostics
        .iter()
        .partition(|d| rs.focus.is_none_or(|f| d.span().file == f));
    let (errors, warnings) = counts(shown.iter().copied());
    let (other_errors, other_warnings) = counts(others.iter().copied());
    match args.format {
        DiagFormat::Json => {
            let list: Vec<diag::JsonDiagnostic> = shown
                .iter()
                .map(|d| diag::to_json(d, &rs.sources))
                .collect();
            // a struct, not a `json!` tree: 100,000 diagnostics as `Value`s took 200 MB
            #[derive(serde::Serialize)]
            struct Counted {
                errors: usize,
                warnings: usize,
            }
            #[derive(serde::Serialize)]
            struct Out {
                diagnostics: Vec<diag::JsonDiagnostic>,
                errors: usize,
                #[serde(skip_serializing_if = "Option::is_none")]
                other_files: Option<Counted>,
                summary: Option<serde_json::Value>,
                warnings: usize,
            }
            let out = Out {
                diagnostics: list,
                errors,
                other_files: rs.focus.is_some().then_some(Counted {
                    errors: other_errors,
                    warnings: other_warnings,
                }),
                summary: rs.program.as_ref().map(summary_json),
                warnings,
            };
            app::print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&out).unwrap_or_default()
            ));
        }
        DiagFormat::Human => {
            let shown: Vec<diag::Diagnostic> = shown.into_iter().cloned().collect();
            let text = diag::render_human(&shown, &rs.sources, app::color_stderr(), 100);
            let _ = std::io::stderr().write_all(text.as_bytes());
            if let Some(p) = &rs.program {
                app::print_stdout(&summary_text(p));
            }
            // the file when one was named (checked within its folder, or alone in a folder of
            // separate rulesets), else the folder
            let checked = if rs.focus.is_some() || ruleset.is_file() {
                ruleset.display().to_string()
            } else {
                rs.dir.display().to_string()
            };
            eprintln!("{checked}: {}", tally(errors, warnings));
            if rs.focus.is_some() && other_errors + other_warnings > 0 {
                eprintln!(
                    "the other files of {} (checked with it): {}; run `eindex check {}` to see them",
                    rs.dir.display(),
                    tally(other_errors, other_warnings),
                    rs.dir.display()
                );
            }
        }
    }
    Ok(app::status(
        !(errors > 0 || (args.deny_warnings && warnings > 0)),
    ))
}

/// `eindex check --explain CODE`: the code's entry in docs/diagnostics.md.
fn explain(query: &str, format: DiagFormat) -> app::Result<ExitCode> {
    use crate::codes::{self, Lookup};
    let entry = match codes::lookup(query) {
        Lookup::Found(entry) => entry,
        Lookup::Ambiguous(codes) => {
            return Err(app::AppError::argument(format!(
                "`{}` is the last part of several codes: {}; give the whole code",
                crate::text::excerpt(query),
                codes.join(", ")
            )))
        }
        Lookup::Unknown { nearest } => {
            let hint = match nearest {
                Some(n) => format!("; did you mean `{n}`?"),
                None => String::new(),
            };
            return Err(app::AppError::argument(format!(
                "no diagnostic code `{}`{hint} (docs/diagnostics.md lists every code)",
                crate::text::excerpt(query)
            )));
        }
    };
    match format {
        DiagFormat::Human => app::print_stdout(&codes::render(&entry)),
        DiagFormat::Json => {
            // in the page's order: a list, not a map (whose keys would be sorted)
            let fields: Vec<serde_json::Value> = entry
                .fields
                .iter()
                .map(|(name, text)| serde_json::json!({ "name": name, "text": text }))
                .collect();
            let out = serde_json::json!({
                "code": entry.code,
                "group": entry.group,
                "fields": fields,
            });
            app::print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&out).unwrap_or_default()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// "1 error, 2 warnings"
fn tally(errors: usize, warnings: usize) -> String {
    format!(
        "{errors} error{}, {warnings} warning{}",
        crate::text::plural_s(errors),
        crate::text::plural_s(warnings)
    )
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
    let inputs = &p.uncertainty.inputs;
    if !inputs.is_empty() {
        s.push_str(&format!(
            "  uncertain for `eindex robustness`: {}\n",
            inputs
                .iter()
                .map(|i| match i.kind.count() {
                    Some(n) => format!("{} ({n} values)", i.name),
                    None => format!("{} (interval)", i.name),
                })
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
