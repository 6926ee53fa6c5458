//! `eindex test`: run the test cases written next to a ruleset (`tests.toml`, `*.tests.toml`).

use crate::app::{self, output, AppError};
use crate::testing::{report, run_cases, spec, test_files, Coverage};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex test`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The ruleset folder (its `tests.toml` and `*.tests.toml` are run).
    pub ruleset: PathBuf,
    /// Run only the cases whose name contains this text.
    pub filter: Option<String>,
    /// With a filter: run only the case whose name is exactly the filter.
    #[arg(long)]
    pub exact: bool,
    /// A tests file to run instead of the ones in the ruleset folder (repeatable).
    #[arg(long = "file")]
    pub files: Vec<PathBuf>,
    /// Also list the rules, table rows and options that no case exercises.
    #[arg(long)]
    pub coverage: bool,
    #[command(flatten)]
    pub people: output::PeopleArgs,
}

/// Runs `eindex test`.
pub fn run(args: &Args) -> app::Result<ExitCode> {
    let rs = app::checked_ruleset(&args.ruleset)?;
    let Some(p) = &rs.program else {
        return Err(AppError::RulesetHasErrors {
            path: args.ruleset.display().to_string(),
        });
    };
    let paths = if args.files.is_empty() {
        test_files(&rs.dir)
    } else {
        args.files.clone()
    };
    if paths.is_empty() {
        eprintln!(
            "error: `{}` has no tests.toml (or *.tests.toml)",
            rs.dir.display()
        );
        eprintln!(
            "  help: write test cases in {}/tests.toml; see \"Test cases\" in docs/language.md",
            rs.dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    let filter = |name: &str| match &args.filter {
        None => true,
        Some(f) if args.exact => name == f,
        Some(f) => name.contains(f.as_str()),
    };
    let lang = args.people.lang(&p.schema);
    let plan = crate::plan::lower(p);
    let mut coverage = args.coverage.then(|| Coverage::new(p));
    let mut all = Vec::new();
    let mut filtered = 0;
    let mut bad = false;
    for path in &paths {
        let name = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(source) => return Err(AppError::Read { path: name, source }),
        };
        match spec::parse(&name, &text, p) {
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                bad = true;
            }
            Ok(file) => {
                let (results, f) =
                    run_cases(p, &plan, &rs.sources, &file, &filter, &mut coverage, lang);
                filtered += f;
                all.push((name, results));
            }
        }
    }
    if bad {
        return Err(AppError::Spec {
            message: "the tests files have errors; no case was run".into(),
            status: 1,
        });
    }
    let (text, ok) = report(&all, filtered, lang);
    app::print_stdout(&text);
    if let Some(c) = &coverage {
        app::print_stdout(&format!("\n{}", c.render(p, &rs.sources)));
    }
    Ok(app::status(ok))
}
