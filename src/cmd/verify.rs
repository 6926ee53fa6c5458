//! `eindex verify`: compare results with a published table and a file of published facts
//! (docs/verify.md).

use crate::app::verdict::{InputProblems, Verdict};
use crate::app::{self, output, AppError, ReadArgs};
use crate::num::Num;
use crate::verify::{compute, load_facts, render_text, table, verify, Options, VerifyFormat};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex verify`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder.
    pub ruleset: PathBuf,
    /// Submission files, as for `eindex eval` (`[SOURCE=]PATH`).
    #[arg(required = true)]
    pub submissions: Vec<String>,
    /// The published table (CSV): a unit column and one column per section id and `e_index`
    /// (or `index`). Optional with --facts: without it only the facts are checked.
    #[arg(long, required_unless_present = "facts")]
    pub published: Option<PathBuf>,
    /// The published facts (TOML): level counts, means, top lists, precise values, "lacks"
    /// remarks, answer shares and counts.
    #[arg(long)]
    pub facts: Option<PathBuf>,
    /// Percentage points a published answer share may differ from the computed one and still
    /// not fail (status "within tolerance"; default 0: up to rounding only).
    #[arg(long, value_name = "POINTS", default_value = "0", value_parser = parse_points)]
    pub share_tolerance: Num,
    /// The metadata field that groups units for facts such as `mean_<group>` (e.g. `type`).
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// A group name used in the facts file and the option of `--group-by` it means
    /// (repeatable): `--group valstspilsetas=valstspilseta`. Names equal to an option id need none.
    #[arg(long = "group", value_name = "NAME=OPTION")]
    pub groups: Vec<String>,
    /// A published-table column with another name (repeatable): `--column index=E-indekss`,
    /// `--column unit=Pašvaldība`, `--column communication=CO`.
    #[arg(long = "column", value_name = "TARGET=HEADER")]
    pub columns: Vec<String>,
    #[command(flatten)]
    pub input: ReadArgs,
    /// Take every answer as exact (no rounding intervals for decimal answers).
    #[arg(long)]
    pub exact_inputs: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: VerifyFormat,
    #[command(flatten)]
    pub people: output::PeopleArgs,
}

/// A number of percentage points: a decimal from 0 to 100.
fn parse_points(s: &str) -> Result<Num, String> {
    let n: Num = s
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a number of points (e.g. 5 or 2.5)"))?;
    if n.is_negative() || n > Num::HUNDRED {
        return Err(format!("`{s}`: give 0 to 100 points"));
    }
    Ok(n)
}

/// `NAME=VALUE` pairs of a repeatable option.
fn parse_pairs(args: &[String], what: &str) -> Result<Vec<(String, String)>, String> {
    args.iter()
        .map(|a| {
            a.split_once('=')
                .map(|(x, y)| (x.trim().to_string(), y.trim().to_string()))
                .filter(|(x, y)| !x.is_empty() && !y.is_empty())
                .ok_or_else(|| format!("`{a}`: expected {what}"))
        })
        .collect()
}

/// Runs `eindex verify`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let c = app::compile(&args.ruleset)?;
    let p = &c.program;
    let groups = parse_pairs(
        &args.groups,
        "NAME=OPTION, e.g. valstspilsetas=valstspilseta",
    )
    .map_err(|e| AppError::argument(format!("--group {e}")))?;
    let columns = parse_pairs(&args.columns, "TARGET=HEADER, e.g. index=E-indekss")
        .map_err(|e| AppError::argument(format!("--column {e}")))?;
    let specs = app::input_specs(&args.submissions, &args.input)?;
    let lo = args.input.load_options(p, false);
    let loaded = app::inputs::load(&c, &specs, &lo, &args.input)?;
    let problems = InputProblems::new(&loaded.errors, &loaded.rejected, &[], &args.input);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(false) {
        return Ok(problems.report_fatal(None, status, whole_file, "verified"));
    }
    let published = match args.published.as_ref().map(|t| table::read(t, p, &columns)) {
        None => None,
        Some(Ok(t)) => Some(t),
        Some(Err(errs)) => {
            for e in &errs {
                eprintln!("error: {e}");
            }
            return Ok(ExitCode::from(2));
        }
    };
    let facts = match &args.facts {
        Some(path) => Some(load_facts(path)?),
        None => None,
    };
    let opts = Options {
        ruleset: args.ruleset.display().to_string(),
        submissions: args.submissions.clone(),
        group_by: args.group_by.clone(),
        groups,
        exact_inputs: args.exact_inputs,
        share_tolerance: args.share_tolerance,
    };
    let units = compute(p, &c.plan, &loaded, args.exact_inputs)?;
    let v = verify(
        p,
        &c.plan,
        &units,
        published.as_ref(),
        facts.as_ref(),
        &opts,
    )?;
    let text = match args.format {
        VerifyFormat::Text => render_text(p, &v, args.people.lang(&p.schema)),
        VerifyFormat::Json => {
            let mut j = serde_json::to_value(&v).unwrap_or_default();
            if let Some(o) = j.as_object_mut() {
                o.insert(
                    "tally".into(),
                    serde_json::to_value(v.tally()).unwrap_or_default(),
                );
                o.insert("ok".into(), serde_json::Value::Bool(v.ok()));
            }
            serde_json::to_string_pretty(&j).unwrap_or_default() + "\n"
        }
    };
    output::write_stdout(text.as_bytes(), "verdict")?;
    Ok(app::status(v.ok()))
}
