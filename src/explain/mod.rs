//! `eindex explain`: why each unit got its levels, how far the next level is, and the smallest
//! set of answer changes that would reach it.
//!
//! [`build::Explainer`] turns a unit's evaluation into the data of [`model`] (what `--format json`
//! prints); [`search`] finds the improvements; `text`, `markdown` and `html` render the data.

pub mod build;
mod html;
mod markdown;
pub mod matching;
pub mod model;
pub mod search;
mod text;

pub use build::{Explainer, Options, SourcePolicy};
pub use html::render as render_html;
pub use markdown::render as render_markdown;
pub use text::render as render_text;

use crate::input::{self, Unit};
use crate::plan;
use crate::run::{checked_program, input_specs, print_input_errors, InputArgs};
use crate::schema::Source;
use clap::{Args as ClapArgs, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex explain`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files, each optionally prefixed with its source: `expert=observed.csv`.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Explain only this unit (case and diacritics ignored: `cesu` finds `Cēsu novada
    /// pašvaldība`); repeat for several. Default: every unit.
    #[arg(long = "unit", value_name = "NAME")]
    pub units: Vec<String>,
    /// Show only this section (its id); repeat for several. The index is always shown.
    #[arg(long = "section", value_name = "S")]
    pub sections: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Do not search for the answer changes that reach the next level.
    #[arg(long)]
    pub no_improvements: bool,
    /// Let the search change answers of any source (default: only the sources that answered
    /// the unit, or `self` when none did).
    #[arg(long, conflicts_with = "source")]
    pub any_source: bool,
    /// Let the search change answers of this source only; repeat for several.
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,
    /// Work limit of one search, in evaluations.
    #[arg(long, default_value_t = 200_000)]
    pub max_evaluations: usize,
    #[command(flatten)]
    pub input: InputArgs,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Md,
    Html,
}

/// Picks units by the `--unit` queries (all when none).
pub fn select_units<'u>(units: &'u [Unit], queries: &[String]) -> Result<Vec<&'u Unit>, String> {
    if queries.is_empty() {
        return Ok(units.iter().collect());
    }
    let names: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let mut picked: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    for q in queries {
        match matching::find(&names, q) {
            Ok(i) if !picked.contains(&i) => picked.push(i),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(picked.into_iter().map(|i| &units[i]).collect())
    } else {
        Err(errors.join("\n"))
    }
}

/// Renders a document in a format (`color` only affects text).
pub fn render(doc: &model::Document, format: Format, color: bool) -> String {
    match format {
        Format::Text => render_text(doc, color),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Md => render_markdown(doc),
        Format::Html => render_html(doc),
    }
}

/// Runs `eindex explain`.
pub fn run(args: &Args) -> ExitCode {
    let p = match checked_program(&args.ruleset) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let specs = match input_specs(&args.submissions) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let mut sections = Vec::new();
    for s in &args.sections {
        match p.schema.section_index(s) {
            Some(i) => sections.push(i),
            None => {
                let hint = crate::suggest::hint(s, p.schema.section_ids(), "section");
                eprintln!("error: unknown section `{s}`: {hint}");
                return ExitCode::from(2);
            }
        }
    }
    let sources = if args.any_source {
        SourcePolicy::Any
    } else if args.source.is_empty() {
        SourcePolicy::Unit
    } else {
        let mut v = Vec::new();
        for s in &args.source {
            match Source::parse(s) {
                Some(x) => v.push(x),
                None => {
                    let hint = crate::suggest::hint(s, Source::ALL.map(Source::as_str), "source");
                    eprintln!("error: `{s}` is not a source: {hint}");
                    return ExitCode::from(2);
                }
            }
        }
        SourcePolicy::List(v)
    };
    let opts = args.input.load_options(&p);
    let loaded = input::load(&p.schema, &specs, &opts);
    if !args.input.lenient && (!loaded.errors.is_empty() || !loaded.rejected.is_empty()) {
        print_input_errors(&loaded.errors);
        for r in &loaded.rejected {
            print_input_errors(&r.reasons);
        }
        eprintln!("error: the submissions have problems; nothing was explained (use --lenient to explain the valid units)");
        return ExitCode::from(1);
    }
    if args.input.lenient {
        print_input_errors(&loaded.errors);
        for r in &loaded.rejected {
            eprintln!("rejected unit `{}`:", r.unit);
            print_input_errors(&r.reasons);
        }
    }
    let units = match select_units(&loaded.units, &args.units) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = plan::lower(&p);
    let ex = Explainer::new(
        &p,
        &plan,
        Options {
            sections,
            improvements: !args.no_improvements,
            sources,
            max_evaluations: args.max_evaluations,
        },
    );
    let mut out_units = Vec::with_capacity(units.len());
    for u in units {
        match ex.explain(u) {
            Ok(e) => out_units.push(e),
            Err(e) => eprintln!("error: unit `{}` cannot be evaluated: {e}", u.id),
        }
    }
    let doc = ex.document(out_units);
    let color = args.output.is_none() && crate::cli::color_stdout();
    let text = render(&doc, args.format, color);
    let written = match &args.output {
        Some(path) => std::fs::write(path, text.as_bytes()).map_err(|e| {
            eprintln!("error: cannot write `{}`: {e}", path.display());
        }),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => {
                    eprintln!("error: cannot write the explanation: {e}");
                    Err(())
                }
            }
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::from(2),
    }
}
