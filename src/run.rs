//! `eindex eval`: load submissions, evaluate every unit, render the results.

use crate::cli::{load_ruleset, print_diagnostics};
use crate::eval::Evaluator;
use crate::hir::Program;
use crate::input::{self, InputError, InputSpec, LoadOptions, Loaded};
use crate::plan;
use crate::render::{self, UnitResult};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct EvalArgs {
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Csv,
    Json,
    /// Section points, scores with 6 decimals and levels (the benchmark model's output,
    /// docs/performance.md).
    Bench,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InFormat {
    Csv,
    Json,
    Jsonl,
}

/// Loads a ruleset and fails (exit 1) when it has errors.
pub fn checked_program(path: &std::path::Path) -> Result<Program, ExitCode> {
    let rs = load_ruleset(path)?;
    if rs.has_errors() {
        print_diagnostics(&rs);
        eprintln!(
            "error: the ruleset has errors; run `eindex check {}` and fix them first",
            path.display()
        );
        return Err(ExitCode::from(1));
    }
    rs.program.ok_or(ExitCode::from(1))
}

/// Parses `[SOURCE=]PATH` arguments.
pub fn input_specs(args: &[String]) -> Result<Vec<InputSpec>, ExitCode> {
    args.iter()
        .map(|a| InputSpec::parse(a))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            eprintln!("error: {e}");
            ExitCode::from(2)
        })
}

/// How the submission files are read: the options `eval`, `explain` and `report` share.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Read every input file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InFormat>,
    /// The column (CSV) or key (JSON) holding the unit id (default: the schema's, else `unit`).
    #[arg(long)]
    pub unit_column: Option<String>,
    /// Go on past bad units and values: use the valid units and list every rejected unit and
    /// value (default: fail and list every problem).
    #[arg(long)]
    pub lenient: bool,
}

impl InputArgs {
    /// The load options these arguments give for program `p`.
    pub fn load_options(&self, p: &Program) -> LoadOptions {
        load_options(p, self.unit_column.clone(), self.lenient, self.input_format)
    }
}

pub fn load_options(
    p: &Program,
    unit_column: Option<String>,
    lenient: bool,
    format: Option<InFormat>,
) -> LoadOptions {
    LoadOptions {
        unit_column,
        lenient,
        format: format.map(|f| match f {
            InFormat::Csv => input::Format::Csv,
            InFormat::Json => input::Format::Json,
            InFormat::Jsonl => input::Format::JsonLines,
        }),
        precedence: p.survey.sources.clone(),
    }
}

/// Every unit evaluated, plus the problems evaluation found (answers to questions not asked).
pub struct Evaluated<'a> {
    pub results: Vec<UnitResult<'a>>,
    pub problems: Vec<InputError>,
}

/// Evaluates every loaded unit.
pub fn evaluate_all<'a>(p: &Program, loaded: &'a Loaded) -> Evaluated<'a> {
    let plan = plan::lower(p);
    let mut ev = Evaluator::new(&plan);
    let mut problems = Vec::new();
    let results = loaded
        .units
        .iter()
        .map(|u| {
            let outcome = ev.eval(&u.answers).map_err(|e| e.to_string());
            if let Ok(o) = &outcome {
                for &slot in &o.answered_not_asked {
                    problems.push(not_asked_problem(p, loaded, u, slot));
                }
            }
            UnitResult { unit: u, outcome }
        })
        .collect();
    Evaluated { results, problems }
}

/// The problem "answered although not asked" for a unit's slot.
pub fn not_asked_problem(p: &Program, loaded: &Loaded, u: &input::Unit, slot: usize) -> InputError {
    not_asked_in(
        p,
        &|f| loaded.files.get(f as usize).map(|f| f.name.clone()),
        u,
        slot,
    )
}

fn not_asked_in(
    p: &Program,
    file_name: &dyn Fn(u16) -> Option<String>,
    u: &input::Unit,
    slot: usize,
) -> InputError {
    let q = &p.schema.questions[slot];
    let cond = q
        .ask_if
        .as_ref()
        .map(|_| "its follow-up condition")
        .unwrap_or("its condition");
    let mut e = InputError::file(
        "",
        input::Place::Row,
        format!(
            "`{}` is answered although {cond} is false for this unit, so it was not asked",
            q.id
        ),
    );
    if let Some(cell) = u.cell(slot) {
        e.file = file_name(cell.file).unwrap_or_default();
        e.row = Some(cell.row);
        e = match cell.column {
            Some(c) => e.at_column(c as usize, &q.id),
            None => e.at_key(&q.id),
        };
    }
    e.unit = Some(u.id.clone());
    e.help = Some("leave the follow-up answer empty, or correct the answer it depends on; the answer is ignored".into());
    e
}

pub fn print_input_errors(errors: &[InputError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {e}");
    }
}

pub fn eval(args: &EvalArgs) -> ExitCode {
    let p = match checked_program(&args.ruleset) {
        Ok(p) => p,
        Err(c) => return c,
    };
    let specs = match input_specs(&args.submissions) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let opts = args.input.load_options(&p);
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
        if let Some(code) = streaming::eval(&p, &specs[0], &opts, args, format) {
            return code;
        }
    }
    let loaded = input::load(&p.schema, &specs, &opts);
    let ev = evaluate_all(&p, &loaded);
    let counts = Counts::of(&loaded, &ev);
    let fatal = !args.input.lenient
        && (!loaded.errors.is_empty() || !loaded.rejected.is_empty() || !ev.problems.is_empty());
    if fatal {
        report_fatal(&loaded.errors, &loaded.rejected, &ev.problems, &counts);
        return ExitCode::from(1);
    }
    let mut out = match open_output(args) {
        Ok(o) => o,
        Err(c) => return c,
    };
    let written = match format {
        OutFormat::Table => out.write_all(render::table(&p, &ev.results).as_bytes()),
        OutFormat::Csv => render::write_csv(&p, &ev.results, &mut out),
        OutFormat::Json => render::write_json(&p, &ev.results, &mut out),
        OutFormat::Bench => render::write_bench(&p, &ev.results, &mut out),
    }
    .and_then(|()| out.flush());
    if let Err(c) = write_result(written) {
        return c;
    }
    report_lenient(args, &loaded.errors, &loaded.rejected, &ev.problems);
    summary(&counts, false);
    ExitCode::SUCCESS
}

/// The output: the file given with `--output`, or standard output.
pub(crate) fn open_output(args: &EvalArgs) -> Result<Box<dyn Write>, ExitCode> {
    Ok(match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// Exit status 2 for a write error (a closed pipe is not an error).
pub(crate) fn write_result(written: std::io::Result<()>) -> Result<(), ExitCode> {
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the results: {e}");
            return Err(ExitCode::from(2));
        }
    }
    Ok(())
}

/// Strict mode with problems: every problem, the count, and the summary line.
pub(crate) fn report_fatal(
    errors: &[InputError],
    rejected: &[input::Rejected],
    problems: &[InputError],
    counts: &Counts,
) {
    print_input_errors(errors);
    for r in rejected {
        print_input_errors(&r.reasons);
    }
    print_input_errors(problems);
    let n = errors.len() + rejected.iter().map(|r| r.reasons.len()).sum::<usize>() + problems.len();
    eprintln!("error: {n} problem{} in the submissions; nothing was scored (use --lenient to score the valid units)", crate::text::plural_s(n));
    summary(counts, true);
}

/// Lenient mode: what was left out, after the output.
pub(crate) fn report_lenient(
    args: &EvalArgs,
    errors: &[InputError],
    rejected: &[input::Rejected],
    problems: &[InputError],
) {
    if args.input.lenient {
        print_input_errors(errors);
        for r in rejected {
            eprintln!("rejected unit `{}`:", r.unit);
            print_input_errors(&r.reasons);
        }
        for e in problems {
            eprintln!("ignored value: {e}");
        }
    }
}

/// What the closing line counts.
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    /// Good units (evaluated or not).
    pub units: usize,
    pub rejected: usize,
    pub rows_read: u64,
    pub blank_rows: u64,
    pub evaluated: usize,
    pub not_computable: usize,
    pub failed_eval: usize,
}

impl Counts {
    fn of(loaded: &Loaded, ev: &Evaluated<'_>) -> Counts {
        let mut c = Counts {
            units: loaded.units.len(),
            rejected: loaded.rejected.len(),
            rows_read: loaded.rows_read,
            blank_rows: loaded.blank_rows,
            ..Counts::default()
        };
        for r in &ev.results {
            c.add(&r.outcome);
        }
        c
    }

    /// Counts one evaluated unit.
    pub fn add(&mut self, o: &Result<crate::eval::UnitOutcome, String>) {
        match o {
            Ok(o) if matches!(o.index, crate::eval::IndexOutcome::Computed { .. }) => {
                self.evaluated += 1
            }
            Ok(_) => self.not_computable += 1,
            Err(_) => self.failed_eval += 1,
        }
    }

    pub fn merge(&mut self, o: &Counts) {
        self.evaluated += o.evaluated;
        self.not_computable += o.not_computable;
        self.failed_eval += o.failed_eval;
    }
}

/// The closing line that accounts for every input unit.
pub(crate) fn summary(c: &Counts, failed: bool) {
    let units = c.units + c.rejected;
    eprintln!(
        "{units} unit{} read ({} row{}{}): {} evaluated, {} not computable, {} rejected{}",
        crate::text::plural_s(units),
        c.rows_read,
        crate::text::plural_s(c.rows_read),
        if c.blank_rows > 0 {
            format!(", {} blank", c.blank_rows)
        } else {
            String::new()
        },
        c.evaluated,
        c.not_computable,
        c.rejected + c.failed_eval,
        if failed {
            " — not scored because of the problems above"
        } else {
            ""
        }
    );
}

/// `not_asked_problem` with the file names given directly (for streaming).
pub(crate) fn not_asked_named(p: &Program, name: &str, u: &input::Unit, slot: usize) -> InputError {
    not_asked_in(p, &|f| (f == 0).then(|| name.to_string()), u, slot)
}

/// `eval` of one CSV or JSON Lines file, unit by unit: read → evaluate → write, with flat memory.
///
/// The output is held (in memory, then in a temporary file) until the whole file is read, because
/// in strict mode a problem in the last row means that nothing is written; then it is copied to
/// the output. With `--jobs N` the rows are decoded, evaluated and rendered on N threads, in
/// chunks, and written in input order (`input::stream_parallel`).
mod streaming {
    use super::{
        not_asked_named, report_fatal, report_lenient, summary, write_result, Counts, EvalArgs,
        OutFormat,
    };
    use crate::eval::{Evaluator, UnitOutcome};
    use crate::hir::Program;
    use crate::input::{self, InputError, InputSpec, LoadOptions, StreamStop, Unit};
    use crate::plan::{self, Plan};
    use crate::render::{self, CsvKind, CsvRows, UnitResult};
    use std::fs::File;
    use std::io::{self, Read, Seek, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;

    /// Output held until the end: in memory up to `LIMIT`, then in a temporary file (so that
    /// peak memory does not grow with the output: 1 MiB of buffer, whatever the number of rows).
    pub(super) struct Spool {
        buf: Vec<u8>,
        file: Option<(File, PathBuf)>,
    }

    const LIMIT: usize = 1 << 20;

    impl Spool {
        pub fn new() -> Self {
            Spool {
                buf: Vec::with_capacity(1 << 16),
                file: None,
            }
        }

        fn spill(&mut self) -> io::Result<()> {
            if self.file.is_none() {
                let dir = std::env::temp_dir();
                let mut n = 0u32;
                let (f, path) = loop {
                    let path = dir.join(format!("eindex-eval-{}-{n}.tmp", std::process::id()));
                    match std::fs::OpenOptions::new()
                        .read(true)
                        .write(true)
                        .create_new(true)
                        .open(&path)
                    {
                        Ok(f) => break (f, path),
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                        Err(e) => return Err(e),
                    }
                };
                self.file = Some((f, path));
            }
            if let Some((f, _)) = &mut self.file {
                f.write_all(&self.buf)?;
            }
            self.buf.clear();
            Ok(())
        }

        /// Copies everything to `out`.
        pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
            if let Some((f, _)) = &mut self.file {
                f.flush()?;
                f.rewind()?;
                let mut chunk = vec![0u8; 1 << 20];
                loop {
                    let n = f.read(&mut chunk)?;
                    if n == 0 {
                        break;
                    }
                    out.write_all(&chunk[..n])?;
                }
            }
            out.write_all(&self.buf)
        }
    }

    impl Write for Spool {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.buf.extend_from_slice(b);
            if self.buf.len() >= LIMIT {
                self.spill()?;
            }
            Ok(b.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Drop for Spool {
        fn drop(&mut self) {
            if let Some((_, path)) = self.file.take() {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Output larger than the in-memory limit goes through the temporary file and comes
        /// back whole and in order; the file is removed afterwards.
        #[test]
        fn spool_beyond_its_limit_gives_back_every_byte() {
            let piece: Vec<u8> = (0..=250u8).collect();
            let mut expected = Vec::new();
            let mut spool = Spool::new();
            while expected.len() < 2 * LIMIT + 12_345 {
                spool.write_all(&piece).unwrap();
                expected.extend_from_slice(&piece);
            }
            let path = spool
                .file
                .as_ref()
                .map(|(_, p)| p.clone())
                .expect("spilled");
            assert!(spool.buf.len() < LIMIT);
            let mut out = Vec::new();
            spool.copy_to(&mut out).unwrap();
            assert!(
                out == expected,
                "{} bytes back of {}",
                out.len(),
                expected.len()
            );
            drop(spool);
            assert!(!path.exists());
        }
    }

    /// Renders units in one output format, into a byte buffer.
    enum Renderer {
        Csv(CsvRows),
        Json { first: bool },
    }

    impl Renderer {
        fn new(format: OutFormat) -> Self {
            match format {
                OutFormat::Bench => Renderer::Csv(CsvRows::new(CsvKind::Bench)),
                OutFormat::Json => Renderer::Json { first: true },
                _ => Renderer::Csv(CsvRows::new(CsvKind::Scores)),
            }
        }

        fn header(&mut self, p: &Program, out: &mut Vec<u8>) -> io::Result<()> {
            match self {
                Renderer::Csv(rows) => {
                    rows.header(p, out);
                    Ok(())
                }
                Renderer::Json { .. } => render::write_json_header(p, out),
            }
        }

        fn unit(
            &mut self,
            p: &Program,
            u: &Unit,
            outcome: &mut Result<UnitOutcome, String>,
            out: &mut Vec<u8>,
        ) -> io::Result<()> {
            match self {
                Renderer::Csv(rows) => {
                    rows.row(p, &u.id, outcome, out);
                    Ok(())
                }
                Renderer::Json { first } => {
                    let r = UnitResult {
                        unit: u,
                        outcome: std::mem::replace(outcome, Err(String::new())),
                    };
                    let res = render::write_json_unit(p, &r, *first, out);
                    *outcome = r.outcome;
                    *first = false;
                    res
                }
            }
        }

        fn trailer(&mut self, out: &mut Vec<u8>) {
            if let Renderer::Json { .. } = self {
                out.extend_from_slice(b"\n]}\n");
            }
        }
    }

    /// Evaluates, renders and checks one unit at a time.
    struct Worker<'p> {
        p: &'p Program,
        ev: Evaluator<'p>,
        outcome: Result<UnitOutcome, String>,
        trace: bool,
        name: &'p str,
        counts: Counts,
        problems: Vec<InputError>,
    }

    impl<'p> Worker<'p> {
        fn new(p: &'p Program, plan: &'p Plan, format: OutFormat, name: &'p str) -> Self {
            Worker {
                p,
                ev: Evaluator::new(plan),
                outcome: Ok(UnitOutcome::empty()),
                trace: format == OutFormat::Json,
                name,
                counts: Counts::default(),
                problems: Vec::new(),
            }
        }

        fn unit(&mut self, u: &mut Unit) {
            let mut o = match std::mem::replace(&mut self.outcome, Err(String::new())) {
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
                Err(e) => Err(e.to_string()),
            };
            self.counts.add(&self.outcome);
        }
    }

    /// `None`: read the file with `input::load` instead.
    pub(super) fn eval(
        p: &Program,
        spec: &InputSpec,
        opts: &LoadOptions,
        args: &EvalArgs,
        format: OutFormat,
    ) -> Option<ExitCode> {
        let plan = plan::lower(p);
        let name = spec.path.display().to_string();
        let mut spool = Spool::new();
        let mut renderer = Renderer::new(format);
        let mut buf = Vec::with_capacity(1 << 16);
        let read = renderer
            .header(p, &mut buf)
            .map_err(StreamStop::Callback)
            .and_then(|()| {
                if args.jobs > 1 {
                    let jobs = args.jobs as usize;
                    parallel(
                        p, &plan, spec, opts, format, &name, jobs, &mut spool, &mut buf,
                    )
                } else {
                    let mut worker = Worker::new(p, &plan, format, &name);
                    let mut renderer = Renderer::new(format);
                    let r = input::stream(&p.schema, spec, opts, |u: &mut Unit| {
                        worker.unit(u);
                        renderer.unit(p, u, &mut worker.outcome, &mut buf)?;
                        if buf.len() >= 1 << 16 {
                            spool.write_all(&buf)?;
                            buf.clear();
                        }
                        Ok(())
                    });
                    r.map(|s| (s, worker.counts, worker.problems))
                }
            });
        let (sum, mut counts, problems) = match read {
            Ok(x) => x,
            Err(StreamStop::NeedsLoad(_)) => return None,
            Err(StreamStop::Callback(e)) => {
                eprintln!("error: cannot write the results: {e}");
                return Some(ExitCode::from(2));
            }
        };
        renderer.trailer(&mut buf);
        if let Err(e) = spool.write_all(&buf) {
            eprintln!("error: cannot write the results: {e}");
            return Some(ExitCode::from(2));
        }
        counts.units = sum.units as usize;
        counts.rejected = sum.rejected.len();
        counts.rows_read = sum.rows_read;
        counts.blank_rows = sum.blank_rows;
        let fatal = !args.input.lenient
            && (!sum.errors.is_empty() || !sum.rejected.is_empty() || !problems.is_empty());
        if fatal {
            report_fatal(&sum.errors, &sum.rejected, &problems, &counts);
            return Some(ExitCode::from(1));
        }
        let mut out = match super::open_output(args) {
            Ok(o) => o,
            Err(c) => return Some(c),
        };
        let written = spool.copy_to(&mut out).and_then(|()| out.flush());
        if let Err(c) = write_result(written) {
            return Some(c);
        }
        report_lenient(args, &sum.errors, &sum.rejected, &problems);
        summary(&counts, false);
        Some(ExitCode::SUCCESS)
    }

    /// The work of a thread with `--jobs`: evaluate and render.
    struct Job<'p> {
        worker: Worker<'p>,
        renderer: Renderer,
    }

    /// A chunk's output: rendered units, their counts and problems.
    #[derive(Default)]
    struct Out {
        bytes: Vec<u8>,
        counts: Counts,
        problems: Vec<InputError>,
    }

    impl input::Work for Job<'_> {
        type Out = Out;

        fn unit(&mut self, u: &mut Unit, out: &mut Out) {
            self.worker.unit(u);
            // writing into memory does not fail
            let _ = self
                .renderer
                .unit(self.worker.p, u, &mut self.worker.outcome, &mut out.bytes);
        }

        fn end_chunk(&mut self, out: &mut Out) {
            out.counts = std::mem::take(&mut self.worker.counts);
            out.problems.append(&mut self.worker.problems);
        }

        fn clear(out: &mut Out) {
            out.bytes.clear();
            out.counts = Counts::default();
            out.problems.clear();
        }
    }

    /// Reads, decodes, evaluates and renders on `jobs` threads (`input::stream_parallel`); the
    /// output is written in input order. `buf` holds what was rendered before the first unit
    /// (the header).
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn parallel(
        p: &Program,
        plan: &Plan,
        spec: &InputSpec,
        opts: &LoadOptions,
        format: OutFormat,
        name: &str,
        jobs: usize,
        w: &mut Spool,
        buf: &mut Vec<u8>,
    ) -> Result<(input::StreamSummary, Counts, Vec<InputError>), StreamStop<io::Error>> {
        let new_job = || {
            let mut renderer = Renderer::new(format);
            // every unit of a JSON chunk starts with a comma; the first one's is dropped below
            if let Renderer::Json { first } = &mut renderer {
                *first = false;
            }
            Job {
                worker: Worker::new(p, plan, format, name),
                renderer,
            }
        };
        let mut counts = Counts::default();
        let mut problems = Vec::new();
        w.write_all(buf).map_err(StreamStop::Callback)?;
        buf.clear();
        let mut first = true;
        let mut write = |out: &mut Out| -> io::Result<()> {
            counts.merge(&out.counts);
            problems.append(&mut out.problems);
            if format == OutFormat::Json && first && !out.bytes.is_empty() {
                first = false;
                w.write_all(&out.bytes[1..])
            } else {
                w.write_all(&out.bytes)
            }
        };
        let sum = input::stream_parallel(&p.schema, spec, opts, jobs, &new_job, &mut write)?;
        Ok((sum, counts, problems))
    }
}
