//! `eindex eval`: load submissions, evaluate every unit, render the results.

use crate::app::stream::{self, Job, OutFormat};
use crate::app::verdict::{InputProblems, Verdict};
use crate::app::{self, output, Counts, InputArgs};
use crate::render;
use clap::Args as ClapArgs;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex eval`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files (CSV, JSON, JSON Lines), each optionally prefixed with the source of its
    /// answers: `expert=observed.csv`. Units are merged across files by id.
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// Output format (default: `table` on a terminal, else `csv`).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the results to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Evaluate on this many threads (output order and content do not change).
    #[arg(short, long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub jobs: u16,
}

/// Runs `eindex eval`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let c = app::compile(&args.ruleset)?;
    let p = &c.program;
    let specs = app::input_specs(&args.submissions)?;
    let opts = args.input.load_options(p);
    let format = args.format.unwrap_or(
        if args.output.is_none() && std::io::stdout().is_terminal() {
            OutFormat::Table
        } else {
            OutFormat::Csv
        },
    );
    // One file and a format written unit by unit: stream (flat memory). `None`: the file needs
    // the in-memory reader (see `input::stream`), whatever was made so far is discarded.
    if specs.len() == 1 && format != OutFormat::Table {
        let job = Job {
            format,
            jobs: args.jobs as usize,
            lenient: args.input.lenient,
            output: args.output.as_ref(),
            read: &args.input.read,
        };
        if let Some(result) = stream::eval(&c, &specs[0], &opts, &job) {
            return result;
        }
    }
    let loaded = app::inputs::load(&c, &specs, &opts, &args.input.read)?;
    let ev = app::evaluate_all(p, &c.plan, &loaded, Some(&c.sources));
    let counts = Counts::of(&loaded, &ev);
    let mut rejected = loaded.rejected.clone();
    rejected.extend(ev.failed.iter().cloned());
    let problems = InputProblems::new(&loaded.errors, &rejected, &ev.problems, &args.input.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(args.input.lenient) {
        return Ok(problems.report_fatal(Some(&counts), status, whole_file, "scored"));
    }
    let mut out = output::open_output(args.output.as_ref())?;
    let written = match format {
        OutFormat::Table => out.write_all(render::table(p, &ev.results).as_bytes()),
        OutFormat::Csv => render::write_csv(p, &ev.results, &mut out),
        OutFormat::Json => render::write_json(p, &ev.results, &mut out),
        OutFormat::Bench => render::write_bench(p, &ev.results, &mut out),
    }
    .and_then(|()| out.flush());
    output::written(written)?;
    Ok(problems.report_written(&counts))
}
