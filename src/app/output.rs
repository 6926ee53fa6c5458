//! Standard output, output files and colour.

use super::{AppError, Result};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether to use colour on stderr: only on a terminal, and never with NO_COLOR set.
pub fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && !no_color()
}

/// Whether to use colour on stdout: only on a terminal, and never with NO_COLOR set.
pub fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && !no_color()
}

/// Writes `text` to standard output. A reader that went away (`eindex check | head`) is not an
/// error worth a panic: the rest of the output is dropped.
pub fn print_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `bytes` to standard output; a closed pipe is not an error, any other failure is
/// reported as "cannot write the {what}".
pub fn write_stdout(bytes: &[u8], what: &'static str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(AppError::Output { what, source: e })
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` to the file `path`.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| AppError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// Writes `bytes` to `output` when given, else to standard output.
pub fn write_to(output: Option<&Path>, bytes: &[u8], what: &'static str) -> Result<()> {
    match output {
        Some(path) => write_file(path, bytes),
        None => write_stdout(bytes, what),
    }
}

/// A buffered writer: the file given with `--output`, or standard output.
pub fn open_output(output: Option<&PathBuf>) -> Result<Box<dyn Write>> {
    Ok(match output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                return Err(AppError::Write {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// The results of a write: a closed pipe is not an error.
pub fn written(result: std::io::Result<()>) -> Result<()> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(AppError::Output {
            what: "results",
            source: e,
        }),
        _ => Ok(()),
    }
}

/// The options of a command that writes for people: the language, and (where it writes CSV)
/// the CSV dialect.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PeopleArgs {
    /// The language of what people read (headings, sentences, level names, table headers; the
    /// column ids of CSV and JSON stay the same in every language); default: the survey's
    /// (`[survey] language` in questionnaire.toml, else `lv`).
    #[arg(long, value_enum)]
    pub lang: Option<crate::l10n::Lang>,
}

impl PeopleArgs {
    /// The language: `--lang`, else the survey's.
    pub fn lang(&self, schema: &crate::schema::Schema) -> crate::l10n::Lang {
        self.lang.unwrap_or(schema.language)
    }
}

/// `--csv-dialect`, for commands that write CSV.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct CsvArgs {
    /// How CSV output is written: `standard` (`,`, decimal points) or `excel-lv` (UTF-8 BOM,
    /// `;`, decimal commas: opens as it is in a spreadsheet in a Latvian locale).
    #[arg(long, value_enum, default_value = "standard")]
    pub csv_dialect: crate::render::dialect::CsvDialect,
}

/// An output format: `given` (`--format`), else the one the extension of `output` (`-o`) names in
/// `by_extension` (lower case, without the dot), else `folder` when `output` is an existing folder,
/// else `default` when there is no `-o`. An extension it cannot place is an error that lists
/// `names` (".xlsx, .html, .md or .csv").
pub fn format_of<F: Copy>(
    given: Option<F>,
    output: Option<&Path>,
    default: F,
    by_extension: &[(&str, F)],
    folder: Option<F>,
    names: &str,
) -> Result<F> {
    if let Some(f) = given {
        return Ok(f);
    }
    let Some(out) = output else {
        return Ok(default);
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some((_, f)) = by_extension.iter().find(|(e, _)| *e == ext) {
        return Ok(*f);
    }
    match folder {
        Some(f) if out.is_dir() => Ok(f),
        _ => Err(AppError::argument(format!(
            "cannot tell the format from `{}`: name the file {names}, or give --format",
            out.display()
        ))),
    }
}
