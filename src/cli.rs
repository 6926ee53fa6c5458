//! The command line: `eindex check`, `eindex eval`, `eindex parse`.

use crate::diag::{self, Diagnostic};
use crate::ruleset::{self, Ruleset};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    Check {
        /// The ruleset folder (or one .rules file).
        ruleset: PathBuf,
        /// Output format of diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: DiagFormat,
        /// Treat warnings as errors (exit status 1).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Score submissions with a ruleset.
    Eval(crate::run::EvalArgs),
    /// Explain why each unit got its levels, and which answers would reach the next level.
    Explain(crate::explain::Args),
    /// Compare results with a published table and a file of published facts.
    Verify(crate::verify::Args),
    /// Level distributions, group breakdowns and answer shares (Excel, HTML, CSV, Markdown).
    Report(crate::report::Args),
    /// Run the test cases written next to a ruleset.
    Test(crate::testing::Args),
    /// Format .rules files in the canonical layout.
    Fmt(crate::fmt::Args),
    /// Compare two versions of a ruleset and the impact of the change on submissions.
    Diff(crate::diff::Args),
    /// Generate synthetic submissions calibrated to target section scores (seeded).
    Synth(crate::synth::Args),
    /// Print the syntax tree of a .rules file (for debugging the language).
    Parse { file: PathBuf },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagFormat {
    Human,
    Json,
}

/// Whether to use colour on stderr: only on a terminal, and never with NO_COLOR set.
pub fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Writes `text` to standard output. A reader that went away (`eindex check | head`) is not an
/// error worth a panic: the rest of the output is dropped.
pub fn print_stdout(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

pub fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check {
            ruleset,
            format,
            deny_warnings,
        } => check(&ruleset, format, deny_warnings),
        Command::Eval(args) => crate::run::eval(&args),
        Command::Explain(args) => crate::explain::run(&args),
        Command::Verify(args) => crate::verify::run(&args),
        Command::Report(args) => crate::report::run(&args),
        Command::Test(args) => crate::testing::run(&args),
        Command::Fmt(args) => crate::fmt::run(&args),
        Command::Diff(args) => crate::diff::run(&args),
        Command::Synth(args) => crate::synth::run(&args),
        Command::Parse { file } => parse(&file),
    }
}

/// Loads a ruleset; on an I/O problem prints it and returns exit status 2.
pub fn load_ruleset(path: &std::path::Path) -> Result<Ruleset, ExitCode> {
    ruleset::load(path).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
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

fn check(path: &std::path::Path, format: DiagFormat, deny_warnings: bool) -> ExitCode {
    let rs = match load_ruleset(path) {
        Ok(rs) => rs,
        Err(code) => return code,
    };
    let errors = rs
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::check::Severity::Error)
        .count();
    let warnings = rs.warnings();
    match format {
        DiagFormat::Json => {
            let list: Vec<diag::JsonDiagnostic> = rs
                .diagnostics
                .iter()
                .map(|d| diag::to_json(d, &rs.sources))
                .collect();
            let out = serde_json::json!({
                "diagnostics": list,
                "errors": errors,
                "warnings": warnings,
                "summary": rs.program.as_ref().map(summary_json),
            });
            print_stdout(&format!(
                "{}\n",
                serde_json::to_string_pretty(&out).unwrap_or_default()
            ));
        }
        DiagFormat::Human => {
            print_diagnostics(&rs);
            if let Some(p) = &rs.program {
                print_stdout(&summary_text(p));
            }
            eprintln!(
                "{}: {errors} error{}, {warnings} warning{}",
                rs.dir.display(),
                crate::text::plural_s(errors),
                crate::text::plural_s(warnings)
            );
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

fn parse(path: &std::path::Path) -> ExitCode {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let mut sources = crate::source::SourceMap::new();
    let id = sources.add(path, text.clone());
    let (file, errors) = crate::syntax::parse(id, &text);
    print_stdout(&format!("{file:#?}\n"));
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        let diags: Vec<Diagnostic> = errors.into_iter().map(Diagnostic::Syntax).collect();
        eprint!(
            "{}",
            diag::render_human(&diags, &sources, color_stderr(), 100)
        );
        ExitCode::from(1)
    }
}
