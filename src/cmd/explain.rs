//! `eindex explain`: why each unit got its levels, how far the next level is, and the smallest
//! set of answer changes that would reach it.

use crate::app::output::PeopleArgs;
use crate::app::verdict::{InputProblems, Verdict, LOSSY};
use crate::app::{self, output, AppError, InputArgs};
use crate::explain::model::Document;
use crate::explain::plain;
use crate::explain::{
    render, select_units, Detail, Explainer, Format, Options, SourcePolicy, Style,
};
use crate::l10n::Arg;
use crate::schema::Source;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
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
    /// Who it is for: `plain` (the municipality: sentences from question texts and answer
    /// labels, what to do next) or `technical` (the methodologist: rules, rows, ids, exact
    /// points). JSON always has everything.
    #[arg(long, value_enum, default_value = "plain")]
    pub detail: Detail,
    #[command(flatten)]
    pub people: PeopleArgs,
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
    /// Let proposals deselect options the unit selected and lower numbers it reported (by
    /// default a proposal only adds to what the unit reports; facts never change).
    #[arg(long)]
    pub allow_removals: bool,
    /// Work limit of one search, in evaluations.
    #[arg(long, default_value_t = 200_000)]
    pub max_evaluations: usize,
    #[command(flatten)]
    pub input: InputArgs,
    /// Write to this file instead of standard output.
    #[arg(short, long, conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write one file per unit into this folder (created if missing), named after the unit
    /// (`cesu-novada-pasvaldiba.html`), and an index page (`index.html`, or `index.md` for the
    /// other formats) that links them.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

/// Runs `eindex explain`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let c = app::compile(&args.ruleset)?;
    let p = &c.program;
    let specs = app::input_specs(&args.submissions, &args.input.read)?;
    let mut sections = Vec::new();
    for s in &args.sections {
        match p.schema.section_index(s) {
            Some(i) => sections.push(i),
            None => {
                let hint = crate::suggest::hint(s, p.schema.section_ids(), "section");
                return Err(AppError::argument(format!("unknown section `{s}`: {hint}")));
            }
        }
    }
    let sources = source_policy(args)?;
    let opts = args.input.load_options(p);
    let loaded = app::inputs::load(&c, &specs, &opts, &args.input.read)?;
    let problems = InputProblems::new(&loaded.errors, &loaded.rejected, &[], &args.input.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(args.input.lenient) {
        return Ok(problems.report_fatal(None, status, whole_file, "explained"));
    }
    let units = select_units(&loaded.units, &args.units).map_err(AppError::argument)?;
    let ex = Explainer::new(
        p,
        &c.plan,
        Options {
            sections,
            improvements: !args.no_improvements,
            sources,
            max_evaluations: args.max_evaluations,
            allow_removals: args.allow_removals,
        },
    );
    let mut out_units = Vec::with_capacity(units.len());
    let mut failed = 0;
    for u in units {
        match ex.explain(u) {
            Ok(e) => out_units.push(e),
            Err(e) => {
                eprintln!("error: unit `{}` cannot be evaluated: {e}", u.id);
                failed += 1;
            }
        }
    }
    let doc = ex.document(out_units);
    let style = Style {
        lang: args.people.lang(&p.schema),
        detail: args.detail,
        color: args.output.is_none() && app::color_stdout(),
    };
    match &args.out_dir {
        Some(dir) => write_dir(dir, &doc, args.format, style)?,
        None => {
            let text = render(&doc, args.format, style);
            output::write_to(args.output.as_deref(), text.as_bytes(), "explanation")?;
        }
    }
    let left_out = problems.report_left_out();
    Ok(if failed > 0 && !args.input.lenient {
        ExitCode::from(1)
    } else if failed > 0 || left_out {
        ExitCode::from(LOSSY)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whose answers the search may change: `--any-source`, `--source`, else the unit's own.
fn source_policy(args: &Args) -> app::Result<SourcePolicy> {
    Ok(if args.any_source {
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
                    return Err(AppError::argument(format!("`{s}` is not a source: {hint}")));
                }
            }
        }
        SourcePolicy::List(v)
    })
}

/// `--out-dir`: one file per unit, named after the unit (a number added when two names give
/// the same file name), and an index page.
fn write_dir(dir: &Path, doc: &Document, format: Format, style: Style) -> app::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| AppError::WriteInto {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let ext = match format {
        Format::Text => "txt",
        Format::Json => "json",
        Format::Md => "md",
        Format::Html => "html",
    };
    let mut used = std::collections::HashSet::new();
    used.insert("index".to_string());
    let mut entries = Vec::with_capacity(doc.units.len());
    for (i, u) in doc.units.iter().enumerate() {
        let stem = crate::text::file_stem(&u.unit);
        let mut name = stem.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{n}");
            n += 1;
        }
        let file = format!("{name}.{ext}");
        let one = Document {
            units: vec![u.clone()],
            ..doc.clone()
        };
        let text = render(
            &one,
            format,
            Style {
                color: false,
                ..style
            },
        );
        output::write_file(&dir.join(&file), text.as_bytes())?;
        entries.push(plain::index_entry(doc, i, &file, style.lang));
    }
    let md = format != Format::Html;
    let index = plain::render_index(doc, &entries, style.lang, md);
    let index_file = if md { "index.md" } else { "index.html" };
    output::write_file(&dir.join(index_file), index.as_bytes())?;
    let shown_dir = dir.display().to_string();
    eprintln!(
        "{}",
        style.lang.messages().f(
            "plain-out-dir-done",
            &[
                ("files", Arg::from(entries.len())),
                ("index", Arg::Str(index_file)),
                ("dir", Arg::Str(&shown_dir)),
            ],
        )
    );
    Ok(())
}
