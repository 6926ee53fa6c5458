//! `eval` of one CSV or JSON Lines file, unit by unit: read → evaluate → write, with flat memory
//! (the table too: its unit column's width is fixed by its first rows, see `render::TableRows`).
//!
//! The output is held (in memory, then in a temporary file) until the whole file is read, because
//! in strict mode a problem in the last row means that nothing is written; then it is copied to
//! the output. With `--jobs N` the rows are decoded, evaluated and rendered on N threads, in
//! chunks, and written in input order (`input::stream_parallel`).

use super::inputs::{not_asked_named, Counts};
use super::output::{open_output, written};
use super::verdict::{InputProblems, Verdict};
use super::{AppError, Compiled, Result};
use crate::eval::{EvalError, Evaluator, UnitOutcome};
use crate::hir::Program;
use crate::input::{self, InputError, InputSpec, LoadOptions, StreamStop, Unit};
use crate::render::{self, CsvKind, CsvRows, Style, TableRows, UnitResult, XlsxCell};
use crate::source::SourceMap;
use clap::ValueEnum;
use std::io::{self, Seek, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use tempfile::SpooledTempFile;

/// The output formats of `eval`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
    /// One JSON object per unit per line (an element of `json`'s `units`).
    Jsonl,
    /// An Excel workbook with the columns of `csv` (needs `-o`).
    Xlsx,
    /// Section points, scores with 6 decimals and levels (the benchmark model's output,
    /// docs/performance.md).
    Bench,
}

/// What a streamed `eval` writes and how.
pub struct Job<'a> {
    pub format: OutFormat,
    pub jobs: usize,
    pub lenient: bool,
    pub output: Option<&'a PathBuf>,
    /// How the submissions are read (`--ignore-column`, `--all-problems`).
    pub read: &'a super::inputs::ReadArgs,
    /// JSON and JSON Lines with every rule's trace (not with `--no-trace`).
    pub trace: bool,
    /// The language of level names and the table's words, and the CSV dialect.
    pub style: Style,
}

/// Output held in memory up to this size, then in an anonymous temporary file, so that peak
/// memory does not grow with the output (1 MiB of buffer, whatever the number of rows).
const SPOOL_LIMIT: usize = 1 << 20;

/// A spool for the output: written while the file is read, copied to the output at the end.
fn spool() -> SpooledTempFile {
    SpooledTempFile::new(SPOOL_LIMIT)
}

/// Copies everything written to `spool` to `out`.
fn copy_spool(spool: &mut SpooledTempFile, out: &mut dyn Write) -> io::Result<()> {
    spool.flush()?;
    spool.rewind()?;
    io::copy(spool, out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Output larger than the in-memory limit goes through the temporary file and comes
    /// back whole and in order.
    #[test]
    fn spool_beyond_its_limit_gives_back_every_byte() {
        let piece: Vec<u8> = (0..=250u8).collect();
        let mut expected = Vec::new();
        let mut s = spool();
        while expected.len() < 2 * SPOOL_LIMIT + 12_345 {
            s.write_all(&piece).unwrap();
            expected.extend_from_slice(&piece);
        }
        assert!(s.is_rolled(), "beyond the limit the spool is a file");
        let mut out = Vec::new();
        copy_spool(&mut s, &mut out).unwrap();
        assert!(
            out == expected,
            "{} bytes back of {}",
            out.len(),
            expected.len()
        );
    }
}

/// Renders units in one output format, into a byte buffer; a workbook's rows are collected
/// (see [`Renderer::take_rows`]) and written at the end.
enum Renderer {
    Csv(CsvRows),
    Json {
        first: bool,
        trace: bool,
        style: Style,
    },
    Jsonl {
        trace: bool,
        style: Style,
    },
    Xlsx(Vec<Vec<XlsxCell>>, Style),
    /// The table; with `--jobs`, a thread's renderer makes each row's cells (`Some`: the unit
    /// ids and their rows' cells) and the writer writes them through its own table, in order,
    /// so that the unit column has one width.
    Table(TableRows, Option<Vec<(String, String)>>),
}

impl Renderer {
    fn new(p: &Program, format: OutFormat, trace: bool, style: Style) -> Self {
        match format {
            OutFormat::Bench => Renderer::Csv(CsvRows::new(CsvKind::Bench)),
            OutFormat::Json => Renderer::Json {
                first: true,
                trace,
                style,
            },
            OutFormat::Jsonl => Renderer::Jsonl { trace, style },
            OutFormat::Xlsx => Renderer::Xlsx(Vec::new(), style),
            OutFormat::Csv => Renderer::Csv(CsvRows::with_style(CsvKind::Scores, style)),
            OutFormat::Table => Renderer::Table(TableRows::new(p, style.lang), None),
        }
    }

    fn header(&mut self, p: &Program, out: &mut Vec<u8>) -> io::Result<()> {
        match self {
            Renderer::Csv(rows) => {
                rows.header(p, out);
                Ok(())
            }
            Renderer::Json { style, .. } => render::write_json_header(p, style.lang, out),
            // the table's heads come with its first rows
            Renderer::Jsonl { .. } | Renderer::Xlsx(..) | Renderer::Table(..) => Ok(()),
        }
    }

    /// The workbook rows collected so far (none for the other formats).
    fn take_rows(&mut self) -> Vec<Vec<XlsxCell>> {
        match self {
            Renderer::Xlsx(rows, _) => std::mem::take(rows),
            _ => Vec::new(),
        }
    }

    /// The table rows made so far by a thread's renderer (see [`Renderer::Table`]).
    fn take_cells(&mut self) -> Vec<(String, String)> {
        match self {
            Renderer::Table(_, Some(cells)) => std::mem::take(cells),
            _ => Vec::new(),
        }
    }

    fn unit(
        &mut self,
        p: &Program,
        u: &Unit,
        outcome: &mut std::result::Result<UnitOutcome, EvalError>,
        out: &mut Vec<u8>,
    ) -> io::Result<()> {
        match self {
            Renderer::Csv(rows) => {
                rows.row(p, &u.id, outcome, out);
                Ok(())
            }
            Renderer::Json {
                first,
                trace,
                style,
            } => {
                let res = with_result(u, outcome, |r| {
                    render::write_json_unit(p, r, style.lang, *first, *trace, out)
                });
                *first = false;
                res
            }
            Renderer::Jsonl { trace, style } => with_result(u, outcome, |r| {
                render::write_jsonl_unit(p, r, style.lang, *trace, out)
            }),
            Renderer::Xlsx(rows, style) => {
                rows.push(render::results_row(p, style.lang, &u.id, outcome));
                Ok(())
            }
            Renderer::Table(rows, None) => {
                rows.row(p, &u.id, outcome, out);
                Ok(())
            }
            Renderer::Table(rows, Some(cells)) => {
                cells.push((u.id.clone(), rows.cells(p, outcome)));
                Ok(())
            }
        }
    }

    fn trailer(&mut self, p: &Program, out: &mut Vec<u8>) {
        match self {
            Renderer::Json { .. } => out.extend_from_slice(b"\n]}\n"),
            Renderer::Table(rows, _) => rows.finish(p, out),
            _ => {}
        }
    }
}

/// Calls `f` with `u` and its outcome as a [`UnitResult`] (the outcome is lent, not copied).
fn with_result<T>(
    u: &Unit,
    outcome: &mut std::result::Result<UnitOutcome, EvalError>,
    f: impl FnOnce(&UnitResult<'_>) -> T,
) -> T {
    let r = UnitResult {
        unit: u,
        outcome: std::mem::replace(outcome, Err(EvalError::default())),
    };
    let res = f(&r);
    *outcome = r.outcome;
    res
}

/// Evaluates, renders and checks one unit at a time.
struct Worker<'p> {
    p: &'p Program,
    sources: &'p SourceMap,
    ev: Evaluator<'p>,
    outcome: std::result::Result<UnitOutcome, EvalError>,
    trace: bool,
    name: &'p str,
    counts: Counts,
    problems: Vec<InputError>,
    /// Units whose answers break a constraint, or that could not be evaluated (not rendered,
    /// not counted as evaluated).
    rejected: Vec<input::Rejected>,
}

impl<'p> Worker<'p> {
    fn new(c: &'p Compiled, format: OutFormat, trace: bool, name: &'p str) -> Self {
        let (p, plan) = (&c.program, &c.plan);
        Worker {
            p,
            sources: &c.sources,
            ev: Evaluator::new(plan),
            outcome: Ok(UnitOutcome::empty()),
            trace: trace && matches!(format, OutFormat::Json | OutFormat::Jsonl),
            name,
            counts: Counts::default(),
            problems: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// Evaluates `u`; `false` when it is rejected: its answers contradict each other, or it
    /// cannot be evaluated.
    fn unit(&mut self, u: &mut Unit) -> bool {
        let mut o = match std::mem::replace(&mut self.outcome, Err(EvalError::default())) {
            Ok(o) => o,
            Err(_) => UnitOutcome::empty(),
        };
        self.outcome = match self.ev.eval_vec_into(&mut u.answers, &mut o, self.trace) {
            Ok(()) => {
                for &slot in &o.answered_not_asked {
                    self.problems
                        .push(not_asked_named(self.p, self.name, u, slot));
                }
                Ok(o)
            }
            Err(e) => Err(e),
        };
        let name = |f: u16| (f == 0).then(|| self.name.to_string());
        match &self.outcome {
            Ok(o) if !o.violations.is_empty() => {
                let r = crate::batch::contradiction(self.p, &name, u, &o.violations);
                self.rejected.push(r);
                return false;
            }
            Err(e) => {
                let e = crate::batch::eval_failure(self.p, Some(self.sources), &name, u, e);
                self.rejected.push(input::Rejected {
                    unit: u.id.clone(),
                    origins: u.origins.clone(),
                    reasons: vec![e],
                });
                return false;
            }
            Ok(_) => {}
        }
        self.counts.add(&self.outcome);
        true
    }
}

/// Evaluates one file unit by unit. `None`: the file needs the in-memory reader (see
/// `input::stream`); whatever was made so far is discarded and the caller reads it with
/// `input::load` instead.
pub fn eval(
    c: &Compiled,
    spec: &InputSpec,
    opts: &LoadOptions,
    job: &Job<'_>,
) -> Option<Result<ExitCode>> {
    let p = &c.program;
    let format = job.format;
    let name = spec.path.display().to_string();
    let mut spool = spool();
    let mut renderer = Renderer::new(p, format, job.trace, job.style);
    let mut buf = Vec::with_capacity(1 << 16);
    // the workbook's rows (`--format xlsx`), in input order
    let mut rows = Vec::new();
    let read = renderer
        .header(p, &mut buf)
        .map_err(StreamStop::Callback)
        .and_then(|()| {
            if job.jobs > 1 {
                let sinks = Sinks {
                    spool: &mut spool,
                    buf: &mut buf,
                    rows: &mut rows,
                    renderer: &mut renderer,
                };
                parallel(c, spec, opts, job, &name, sinks)
            } else {
                let mut worker = Worker::new(c, format, job.trace, &name);
                let r = input::stream(&p.schema, spec, opts, |u: &mut Unit| {
                    if worker.unit(u) {
                        renderer.unit(p, u, &mut worker.outcome, &mut buf)?;
                    }
                    if buf.len() >= 1 << 16 {
                        spool.write_all(&buf)?;
                        buf.clear();
                    }
                    Ok(())
                });
                rows = renderer.take_rows();
                r.map(|s| (s, worker.counts, worker.problems, worker.rejected))
            }
        });
    let (sum, mut counts, problems, contradicted) = match read {
        Ok(x) => x,
        Err(StreamStop::NeedsLoad(_)) => return None,
        Err(StreamStop::Callback(e)) => return Some(Err(results_error(e))),
    };
    renderer.trailer(p, &mut buf);
    if let Err(e) = spool.write_all(&buf) {
        return Some(Err(results_error(e)));
    }
    // units rejected for contradicting answers or a failed evaluation were read as good units
    counts.units = (sum.units as usize).saturating_sub(contradicted.len());
    let mut errors = sum.errors;
    if let Err(e) = super::verdict::ignore_columns(&mut errors, &job.read.ignore_columns) {
        return Some(Err(AppError::argument(e)));
    }
    let mut rejected = sum.rejected;
    let sum_rejected = rejected.len();
    rejected.extend(contradicted);
    counts.rejected = rejected.len();
    counts.rows_read = sum.rows_read;
    counts.blank_rows = sum.blank_rows;
    // a streamed unit is one row; the contradicted units are among `sum.units`
    counts.unit_rows = sum.units + super::inputs::rejected_rows(&rejected[..sum_rejected]);
    let problems = InputProblems::new(&errors, &rejected, &problems, job.read);
    if let Verdict::Fatal { status, whole_file } = problems.verdict(job.lenient) {
        return Some(Ok(problems.report_fatal(
            Some(&counts),
            status,
            whole_file,
            "scored",
        )));
    }
    let done = match format {
        OutFormat::Xlsx => write_workbook(p, job.style, &rows, job.output),
        _ => finish_output(&mut spool, job),
    };
    Some(done.map(|()| problems.report_written(&counts)))
}

/// Writes `eval`'s workbook (`--format xlsx`) to `output`, which must be given.
pub fn write_workbook(
    p: &Program,
    style: Style,
    rows: &[Vec<XlsxCell>],
    output: Option<&PathBuf>,
) -> Result<()> {
    let Some(path) = output else {
        return Err(AppError::argument(XLSX_NEEDS_FILE));
    };
    render::write_xlsx(p, style.lang, rows, path).map_err(|e| AppError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// The error of `--format xlsx` without `-o`.
pub const XLSX_NEEDS_FILE: &str = "an Excel workbook needs an output file: add `-o results.xlsx`";

fn results_error(source: io::Error) -> AppError {
    AppError::Output {
        what: "results",
        source,
    }
}

/// Copies the spooled output to the output.
fn finish_output(spool: &mut SpooledTempFile, job: &Job<'_>) -> Result<()> {
    let mut out = open_output(job.output)?;
    written(copy_spool(spool, &mut out).and_then(|()| out.flush()))
}

/// The work of a thread with `--jobs`: evaluate and render.
struct ThreadJob<'p> {
    worker: Worker<'p>,
    renderer: Renderer,
}

/// A chunk's output: rendered units, their counts and problems.
#[derive(Default)]
struct Out {
    bytes: Vec<u8>,
    /// The workbook's rows (`--format xlsx`).
    rows: Vec<Vec<XlsxCell>>,
    /// The table's unit ids and rows' cells (`--format table`).
    table: Vec<(String, String)>,
    counts: Counts,
    problems: Vec<InputError>,
    rejected: Vec<input::Rejected>,
}

impl input::Work for ThreadJob<'_> {
    type Out = Out;

    fn unit(&mut self, u: &mut Unit, out: &mut Out) {
        if !self.worker.unit(u) {
            return;
        }
        // writing into memory does not fail
        let _ = self
            .renderer
            .unit(self.worker.p, u, &mut self.worker.outcome, &mut out.bytes);
    }

    fn end_chunk(&mut self, out: &mut Out) {
        out.rows.append(&mut self.renderer.take_rows());
        out.table.append(&mut self.renderer.take_cells());
        out.counts = std::mem::take(&mut self.worker.counts);
        out.problems.append(&mut self.worker.problems);
        out.rejected.append(&mut self.worker.rejected);
    }

    fn clear(out: &mut Out) {
        out.bytes.clear();
        out.rows.clear();
        out.table.clear();
        out.counts = Counts::default();
        out.problems.clear();
        out.rejected.clear();
    }
}

/// Where the output of [`parallel`] goes.
struct Sinks<'a> {
    spool: &'a mut SpooledTempFile,
    /// What was rendered before the first unit (the header).
    buf: &'a mut Vec<u8>,
    /// The workbook's rows (`--format xlsx`).
    rows: &'a mut Vec<Vec<XlsxCell>>,
    /// The renderer of the whole output (the table's rows are written through it).
    renderer: &'a mut Renderer,
}

/// Reads, decodes, evaluates and renders on `jobs` threads (`input::stream_parallel`); the
/// output is written in input order.
fn parallel(
    c: &Compiled,
    spec: &InputSpec,
    opts: &LoadOptions,
    job: &Job<'_>,
    name: &str,
    sinks: Sinks<'_>,
) -> std::result::Result<Streamed, StreamStop<io::Error>> {
    let Sinks {
        spool: w,
        buf,
        rows,
        renderer: whole,
    } = sinks;
    let (format, trace) = (job.format, job.trace);
    let new_job = || {
        let mut renderer = Renderer::new(&c.program, format, trace, job.style);
        match &mut renderer {
            // every unit of a JSON chunk starts with a comma; the first one's is dropped below
            Renderer::Json { first, .. } => *first = false,
            // a table's rows are written by `whole`, in order
            Renderer::Table(_, cells) => *cells = Some(Vec::new()),
            _ => {}
        }
        ThreadJob {
            worker: Worker::new(c, format, trace, name),
            renderer,
        }
    };
    let mut counts = Counts::default();
    let mut problems = Vec::new();
    let mut rejected = Vec::new();
    w.write_all(buf).map_err(StreamStop::Callback)?;
    buf.clear();
    let mut first = true;
    let mut write = |out: &mut Out| -> io::Result<()> {
        counts.merge(&out.counts);
        problems.append(&mut out.problems);
        rejected.append(&mut out.rejected);
        rows.append(&mut out.rows);
        if let Renderer::Table(table, _) = &mut *whole {
            for (unit, cells) in out.table.drain(..) {
                table.push(unit, cells, &mut out.bytes);
            }
        }
        if format == OutFormat::Json && first && !out.bytes.is_empty() {
            first = false;
            w.write_all(&out.bytes[1..])
        } else {
            w.write_all(&out.bytes)
        }
    };
    let sum = input::stream_parallel(
        &c.program.schema,
        spec,
        opts,
        job.jobs,
        &new_job,
        &mut write,
    )?;
    Ok((sum, counts, problems, rejected))
}

/// What reading a file gave: the reader's summary, the counts, the problems, and the units
/// rejected for contradicting answers.
type Streamed = (
    input::StreamSummary,
    Counts,
    Vec<InputError>,
    Vec<input::Rejected>,
);
