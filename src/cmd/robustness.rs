//! `eindex robustness`: how sure each unit's level is under the method choices the ruleset's
//! `uncertain` blocks leave open, and which choice decides it (docs/robustness.md).

use crate::app::output::PeopleArgs;
use crate::app::verdict::{InputProblems, Verdict, LOSSY};
use crate::app::{self, output, AppError, Compiled, InputArgs};
use crate::hir::{InputKind, Program, Values};
use crate::l10n::{Arg, Lang};
use crate::robust::analysis::{self, Settings};
use crate::robust::model::Model;
use crate::robust::render::{self, Format};
use crate::robust::result::{InputInfo, LevelName};
use crate::source::SourceMap;
use clap::Args as ClapArgs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `eindex robustness`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder (with `uncertain { ... }` declarations).
    pub ruleset: PathBuf,
    /// Submission files (CSV, JSON, JSON Lines, workbooks), each optionally prefixed with the
    /// source of its answers: `expert=observed.csv`.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Base points N of the Sobol sequence: N·(d + 2) runs for d inputs. Ignored when every
    /// combination is enumerated (all inputs discrete and no more combinations than that).
    #[arg(long, default_value_t = 4096, value_name = "N")]
    pub samples: usize,
    /// Seed of the scrambled Sobol sequence and of the bootstrap.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u32,
    /// Threads for the sampled runs (results do not depend on it).
    #[arg(long, default_value_t = 1, value_name = "J")]
    pub jobs: usize,
    /// Bootstrap resamples for the confidence intervals of the Sobol indices.
    #[arg(long, default_value_t = 200, value_name = "R")]
    pub resamples: usize,
    /// Confidence level of those intervals.
    #[arg(long, default_value_t = 0.95, value_name = "P")]
    pub confidence: f64,
    /// Vary only this input (by its name as the text report lists it, e.g. `weights` or
    /// `threshold index 2`); repeat for several. The others keep their nominal values.
    #[arg(long = "only", value_name = "INPUT")]
    pub only: Vec<String>,
    /// Sample even when every combination could be enumerated.
    #[arg(long)]
    pub sample: bool,
    /// Write the sample matrix and the two outputs per run into this folder (sampled runs):
    /// `samples.csv` (x1..xd in [0, 1)), `rank_shift.csv`, `level_change.csv`, `problem.json`.
    #[arg(long, value_name = "DIR")]
    pub write_samples: Option<PathBuf>,
    /// Output format (default: from the extension of `-o`, else text).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Output file.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub people: PeopleArgs,
}

/// Runs `eindex robustness`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let format = output_format(args)?;
    check_settings(args, format)?;
    let c = app::compile(&args.ruleset)?;
    let p = &c.program;
    if p.uncertainty.inputs.is_empty() {
        return Err(AppError::argument(format!(
            "`{}` declares no `uncertain` inputs: there is nothing to vary; add an `uncertain {{ ... }}` block (docs/language.md, \"Uncertainty\")",
            args.ruleset.display()
        )));
    }
    let specs = app::input_specs(&args.submissions, &args.input.read)?;
    let opts = args.input.load_options(p);
    let loaded = app::inputs::load(&c, &specs, &opts, &args.input.read)?;
    let problems = InputProblems::new(&loaded.errors, &loaded.rejected, &[], &args.input.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(args.input.lenient) {
        return Ok(problems.report_fatal(None, status, whole_file, "analysed"));
    }
    let units: Vec<(String, Vec<crate::value::Value>)> = loaded
        .units
        .iter()
        .map(|u| (u.id.clone(), u.answers.clone()))
        .collect();
    if units.is_empty() {
        return Err(AppError::Submissions {
            message: "no unit could be read; there is nothing to analyse".into(),
        });
    }
    let model = Model::build(p, &units, &args.only).map_err(|e| AppError::Submissions {
        message: e.to_string(),
    })?;
    let lang = args.people.lang(&p.schema);
    let settings = Settings {
        samples: args.samples,
        seed: args.seed,
        jobs: args.jobs,
        resamples: args.resamples,
        confidence: args.confidence,
        force_sampling: args.sample,
        progress: true,
    };
    let infos = input_infos(&c)
        .into_iter()
        .filter(|i| args.only.is_empty() || args.only.contains(&i.name))
        .collect();
    let found = analysis::run(&model, infos, level_names(p, lang), &settings)
        .map_err(|e| AppError::argument(e.to_string()))?;
    if let Some(dir) = &args.write_samples {
        match &found.samples {
            Some(s) => {
                render::write_samples(dir, s, &found.analysis).map_err(|e| write_error(dir, e))?
            }
            None => eprintln!("{}", lang.messages().t("robust-no-samples")),
        }
    }
    write(&found.analysis, format, args.output.as_deref(), lang, p)?;
    let left_out = problems.report_left_out();
    Ok(if left_out {
        ExitCode::from(LOSSY)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_settings(args: &Args, format: Format) -> app::Result<()> {
    if args.samples == 0 || args.samples > 1 << 20 {
        return Err(AppError::argument(
            "--samples must be between 1 and 1048576",
        ));
    }
    if args.jobs == 0 {
        return Err(AppError::argument("--jobs must be at least 1"));
    }
    if !(args.confidence > 0.0 && args.confidence < 1.0) {
        return Err(AppError::argument(
            "--confidence must lie between 0 and 1, e.g. 0.95",
        ));
    }
    if format == Format::Xlsx && args.output.is_none() {
        return Err(AppError::argument(
            "an Excel workbook needs an output file: add `-o robustness.xlsx`",
        ));
    }
    Ok(())
}

/// The format: `--format`, else the extension of `-o`, else text.
fn output_format(args: &Args) -> app::Result<Format> {
    output::format_of(
        args.format,
        args.output.as_deref(),
        Format::Text,
        &[
            ("xlsx", Format::Xlsx),
            ("html", Format::Html),
            ("htm", Format::Html),
            ("md", Format::Md),
            ("markdown", Format::Md),
            ("json", Format::Json),
            ("txt", Format::Text),
        ],
        None,
        ".txt, .json, .md, .html or .xlsx",
    )
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

fn write(
    a: &crate::robust::result::Analysis,
    format: Format,
    out: Option<&Path>,
    lang: Lang,
    p: &Program,
) -> app::Result<()> {
    let to_out = |bytes: &[u8]| output::write_to(out, bytes, "robustness analysis");
    let names = render::Names::new(p, lang);
    match format {
        Format::Text => to_out(render::text(a, &names).as_bytes()),
        Format::Md => to_out(render::markdown(a, &names).as_bytes()),
        Format::Json => to_out(render::json(a).as_bytes()),
        Format::Html => to_out(render::html(a, &names).as_bytes()),
        Format::Xlsx => {
            let Some(path) = out else {
                return Err(AppError::argument(
                    "an Excel workbook needs an output file: add `-o robustness.xlsx`",
                ));
            };
            render::xlsx(a, &names, path).map_err(|e| write_error(path, e))?;
            let msg = lang.messages();
            let path = path.display().to_string();
            eprintln!("{}", msg.f("robust-written", &[("path", Arg::Str(&path))]));
            Ok(())
        }
    }
}

/// What the inputs are, for the reports.
fn input_infos(c: &Compiled) -> Vec<InputInfo> {
    let p = &c.program;
    p.uncertainty
        .inputs
        .iter()
        .map(|i| {
            let (values, nominal) = values_of(p, &i.kind);
            InputInfo {
                name: i.name.clone(),
                values,
                nominal,
                at: place(&c.sources, i.span),
            }
        })
        .collect()
}

fn values_of(p: &Program, kind: &InputKind) -> (Vec<String>, String) {
    let vals = |v: &Values| match v {
        Values::Interval { lo, hi } => vec![format!("[{lo}, {hi}]")],
        Values::Discrete(xs) => xs.iter().map(|x| x.to_string()).collect(),
    };
    match kind {
        InputKind::WeightSets { names, .. } => (names.clone(), "nominal".into()),
        InputKind::Weight { section, values } => (
            vals(values),
            p.index
                .weights
                .get(*section)
                .map(|w| w.to_string())
                .unwrap_or_default(),
        ),
        InputKind::Threshold {
            section,
            bound,
            values,
        } => {
            let t = match section {
                Some(s) => &p.sections[*s].thresholds,
                None => &p.index.thresholds,
            };
            (
                vals(values),
                t.bounds
                    .get(*bound)
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
            )
        }
        InputKind::Missing {
            outcomes, nominal, ..
        } => {
            let text: Vec<String> = outcomes
                .iter()
                .map(|o| match o {
                    crate::hir::Outcome::Points(x) => x.to_string(),
                    crate::hir::Outcome::Exclude => "exclude".into(),
                })
                .collect();
            let nom = text.get(*nominal).cloned().unwrap_or_default();
            (text, nom)
        }
        // the rule as written is `nominal`, as the index's own weights are
        InputKind::Rule { labels, .. } => {
            let text: Vec<String> = std::iter::once("nominal".to_string())
                .chain(labels.iter().skip(1).map(|(l, _)| l.clone()))
                .collect();
            (text, "nominal".into())
        }
    }
}

fn place(sources: &SourceMap, span: crate::source::Span) -> String {
    match (sources.get(span.file), sources.line_col(span)) {
        (Some(f), Some((l, c))) => format!("{}:{l}:{c}", f.path.display()),
        _ => String::new(),
    }
}

fn level_names(p: &Program, lang: Lang) -> Vec<LevelName> {
    p.zero_level
        .iter()
        .chain(&p.levels)
        .map(|l| LevelName {
            level: l.number,
            name: lang.pick(&l.lv, l.en.as_deref()).to_string(),
        })
        .collect()
}
