//! `eindex man`: the manual page (roff), generated from the command-line definitions
//! (clap_mangen): `eindex man > eindex.1`, or `eindex man --dir man/` for one page per
//! subcommand too (`eindex-eval.1`, ...).

use crate::app::{self, AppError};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `eindex man`.
#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Write `eindex.1` and one page per subcommand into this folder instead of printing
    /// the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

fn page(command: clap::Command) -> app::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut buf)
        .map_err(|source| AppError::Format {
            what: "manual page",
            source,
        })?;
    Ok(buf)
}

/// Writes the manual page of `command` (the whole command line, from `cli`).
pub fn run(args: &Args, command: clap::Command) -> app::Result<ExitCode> {
    let Some(dir) = &args.dir else {
        app::output::write_stdout(&page(command)?, "manual page")?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).map_err(|e| AppError::WriteInto {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut command = command;
    command.build();
    let mut pages = vec![("eindex.1".to_string(), page(command.clone())?)];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("eindex-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), page(sub)?));
    }
    for (file, bytes) in &pages {
        app::output::write_file(&dir.join(file), bytes)?;
    }
    eprintln!("{} manual pages written to {}", pages.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}
