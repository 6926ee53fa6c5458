//! Reading one CSV or JSON Lines file on several threads (`eval --jobs N`).
//!
//! The calling thread only splits the file: CSV records (csv_core) or JSON Lines lines
//! (`memchr`), into chunks of rows. `jobs` threads each take a chunk, decode its rows with the
//! same decoders the single-threaded reader uses ([`super::csv::Decoder`], [`json::Lines`]),
//! make the good rows into units and hand them to their [`Work`] (evaluate, render). A writer
//! thread takes the chunks back in input order and does what has to be done in order: it
//! counts rows, checks that unit ids do not repeat and collects the problems and rejected
//! units ([`Ledger`], the same as the single-threaded reader's), then writes the chunk's output.
//!
//! So the outcome is that of [`super::stream`] for the file: the same units, output in input
//! order, the same summary, the same [`StreamStop::NeedsLoad`] (tests in `input::tests`).

use super::csv::{self as csv_file, Decoder};
use super::json::{self, LineKind, Lines};
use super::merge::{Ledger, UnitMaker};
use super::{
    cannot_read, source, stream_start, Buffers, FileCtx, Format, InputError, InputErrorKind,
    InputSpec, LoadOptions, Opened, Origin, Place, RowData, Sink, StreamStop, StreamSummary, Unit,
};
use crate::schema::Schema;
use std::convert::Infallible;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

/// What the threads do with the units they decode.
pub trait Work {
    /// The output of a chunk of units (for example their rendered rows); chunks are written in
    /// input order.
    type Out: Send + Default;
    /// One good unit; what the work leaves in it is reused for the next row.
    fn unit(&mut self, u: &mut Unit, out: &mut Self::Out);
    /// The chunk's units are done.
    fn end_chunk(&mut self, out: &mut Self::Out);
    /// Empties an output for reuse (after it was written, or when it is not written because
    /// reading stopped).
    fn clear(out: &mut Self::Out);
}

/// Rows per chunk.
pub(crate) const CHUNK: usize = 256;

/// [`super::stream`] with the rows decoded and the units processed on `jobs` threads; `write`
/// gets each chunk's output in input order (on another thread than the caller's).
pub fn stream_parallel<W, E>(
    schema: &Schema,
    spec: &InputSpec,
    opts: &LoadOptions,
    jobs: usize,
    new_work: &(dyn Fn() -> W + Sync),
    write: &mut (dyn FnMut(&mut W::Out) -> Result<(), E> + Send),
) -> Result<StreamSummary, StreamStop<E>>
where
    W: Work,
    E: Send,
{
    stream_parallel_with(schema, spec, opts, jobs, CHUNK, new_work, write)
}

/// [`stream_parallel`] with `chunk` rows per chunk (tests use small chunks).
pub(crate) fn stream_parallel_with<W, E>(
    schema: &Schema,
    spec: &InputSpec,
    opts: &LoadOptions,
    jobs: usize,
    chunk: usize,
    new_work: &(dyn Fn() -> W + Sync),
    write: &mut (dyn FnMut(&mut W::Out) -> Result<(), E> + Send),
) -> Result<StreamSummary, StreamStop<E>>
where
    W: Work,
    E: Send,
{
    let (format, slots, name, opened) = stream_start(schema, spec, opts)?;
    let ctx = FileCtx::new(&slots, 0, &name, spec, opts);
    let mut ledger = Ledger::new(name.clone(), opts.lenient);
    ledger.hash_ids(|| "a unit id may repeat");
    let Some((mut source, decoder)) = open(&ctx, opened, format, &mut ledger) else {
        return Ok(ledger.finish());
    };
    let ctx = &ctx;
    let pool = 2 * jobs + 2;
    let (free_tx, free_rx) = mpsc::channel::<Chunk<W::Out>>();
    for _ in 0..pool {
        let _ = free_tx.send(Chunk::default());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<Chunk<W::Out>>(pool);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Chunk<W::Out>>();
    let stop = AtomicBool::new(false);
    let (decoder, work_rx, stop) = (&decoder, &work_rx, &stop);
    std::thread::scope(|scope| {
        let mut workers = Vec::with_capacity(jobs);
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            workers.push(scope.spawn(move || {
                // a worker that panics tells the writer, which then stops everything (instead
                // of waiting for the lost chunk forever)
                let _failed = Failed(done_tx.clone());
                let mut maker = UnitMaker::new(ctx.slots, ctx.source);
                let mut work = new_work();
                let mut lines = Lines::new(ctx, true);
                loop {
                    let next = work_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some(mut c) = next else { break };
                    c.decode(ctx, decoder.as_ref(), &mut lines, &mut maker, &mut work);
                    if done_tx.send(c).is_err() {
                        break;
                    }
                }
            }));
        }
        drop(done_tx);
        let writer = scope.spawn(move || {
            let writer = Writer {
                ledger,
                free: free_tx,
                stop,
                format,
            };
            writer.run::<W, E>(done_rx, write)
        });
        // the reader (this thread)
        let mut seq = 0u64;
        while !stop.load(Ordering::Relaxed) {
            let Ok(mut c) = free_rx.recv() else { break };
            c.seq = seq;
            seq += 1;
            let more = source.fill(ctx, &mut c, chunk);
            if work_tx.send(c).is_err() || !more {
                break;
            }
        }
        drop(work_tx);
        let written = writer.join();
        // Joined one by one, the workers' threads have ended, thread-local storage and all,
        // when this returns (the end of the scope waits only for their closures: LeakSanitizer
        // saw a channel's thread-local context not yet freed). A worker's panic goes on as
        // this thread's, as the scope would have made it.
        let mut panicked = None;
        for worker in workers {
            if let Err(payload) = worker.join() {
                panicked.get_or_insert(payload);
            }
        }
        if let Some(payload) = panicked {
            std::panic::resume_unwind(payload);
        }
        match written {
            Ok((ledger, None)) => Ok(ledger.finish()),
            Ok((_, Some(stopped))) => Err(stopped),
            Err(_) => Err(StreamStop::NeedsLoad("a reading thread failed")),
        }
    })
}

/// Reads the opened file as `format`: a JSON Lines file's lines, or a CSV file's records after
/// its header, with the header's decoder. `None` when nothing can be read (the ledger has the
/// problems).
fn open<'a>(
    ctx: &FileCtx<'a, '_>,
    opened: Opened,
    format: Format,
    ledger: &mut Ledger<&'static str>,
) -> Option<(Rows<source::Source>, Option<Decoder<'a>>)> {
    let file = match opened {
        Ok(f) => f,
        Err(e) => {
            ledger.file_error(cannot_read(ctx.name, format, &e));
            return None;
        }
    };
    match format {
        Format::JsonLines => {
            let input = std::io::BufReader::with_capacity(1 << 16, file.into_reader(0));
            Some((Rows::Lines { input, line: 0 }, None))
        }
        _ => {
            let mut opening = FileErrors(Vec::new());
            let opened = csv_file::open(ctx, file, &mut opening);
            for e in opening.0 {
                ledger.file_error(e);
            }
            let (records, decoder) = opened?;
            Some((Rows::Csv { records, row: 1 }, Some(decoder)))
        }
    }
}

/// The writer thread: takes the decoded chunks back in input order, accounts for their rows in
/// the ledger and writes their output; gives every chunk back for reuse.
struct Writer<'s, O> {
    ledger: Ledger<&'static str>,
    /// Where used chunks go back to (to the reader).
    free: mpsc::Sender<Chunk<O>>,
    /// Set when reading stops early (the reader and the workers stop too).
    stop: &'s AtomicBool,
    format: Format,
}

impl<O> Writer<'_, O> {
    /// Runs until every chunk is back: the ledger, and why reading stopped early, if it did.
    fn run<W, E>(
        mut self,
        done: mpsc::Receiver<Chunk<O>>,
        write: &mut (dyn FnMut(&mut O) -> Result<(), E> + Send),
    ) -> (Ledger<&'static str>, Option<StreamStop<E>>)
    where
        W: Work<Out = O>,
    {
        let (free_tx, stop) = (&self.free, self.stop);
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0u64;
        let mut stopped: Option<StreamStop<E>> = None;
        // JSON Lines: whether an object was read (see `json::read_lines`)
        let mut any = false;
        for c in done {
            if c.failed {
                stopped = Some(StreamStop::NeedsLoad("a reading thread failed"));
                stop.store(true, Ordering::Relaxed);
            }
            if stopped.is_some() {
                // give every chunk back, so that the reader is not left waiting for one
                for mut c in std::iter::once(c).chain(std::mem::take(&mut pending).into_values()) {
                    W::clear(&mut c.out);
                    let _ = free_tx.send(c);
                }
                continue;
            }
            pending.insert(c.seq, c);
            while let Some(mut c) = pending.remove(&next) {
                next += 1;
                if stopped.is_none() {
                    if let Err(why) = c.account(&mut self.ledger, &mut any) {
                        stopped = Some(StreamStop::NeedsLoad(why));
                    } else if let Err(e) = write(&mut c.out) {
                        stopped = Some(StreamStop::Callback(e));
                    }
                    if stopped.is_some() {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
                W::clear(&mut c.out);
                c.events.clear();
                let _ = free_tx.send(c);
            }
        }
        if self.format == Format::JsonLines && !any && stopped.is_none() {
            stopped = Some(StreamStop::NeedsLoad("the file is empty"));
        }
        (self.ledger, stopped)
    }
}

/// Where the rows come from.
enum Rows<R: Read> {
    Csv {
        records: csv_file::Records<R>,
        /// The last row read (the header is row 1).
        row: u64,
    },
    Lines {
        input: std::io::BufReader<source::Reader<R>>,
        /// The last line read.
        line: u64,
    },
}

impl<R: Read> Rows<R> {
    /// Reads up to `n` rows into the chunk; `false` at the end of the file.
    fn fill(&mut self, ctx: &FileCtx, c: &mut Chunk<impl Send>, n: usize) -> bool {
        c.len = 0;
        c.text.clear();
        c.tail = None;
        while c.len < n {
            if c.rows.len() == c.len {
                c.rows.push(0);
                c.ends.push(0);
                c.records.push(::csv::ByteRecord::new());
            }
            match self {
                Rows::Csv { records, row, .. } => {
                    match records.read_byte_record(&mut c.records[c.len]) {
                        Ok(true) => {}
                        Ok(false) => return false,
                        Err(e) => {
                            c.tail = Some(Tail::Error(csv_file::read_error(ctx, &e, *row + 1)));
                            return false;
                        }
                    }
                    *row += 1;
                    c.rows[c.len] = *row;
                }
                Rows::Lines { input, line } => {
                    match json::read_until_newline(input, &mut c.text) {
                        Ok(0) => return false,
                        Ok(_) => {}
                        Err(_) => {
                            c.tail = Some(Tail::Stop("the file cannot be read"));
                            return false;
                        }
                    }
                    *line += 1;
                    c.rows[c.len] = *line;
                    c.ends[c.len] = c.text.len();
                }
            }
            c.len += 1;
        }
        true
    }
}

/// A problem that ended reading after a chunk's rows.
enum Tail {
    /// A file error (CSV: a record that cannot be read).
    Error(InputError),
    /// Only `load` can read the file.
    Stop(&'static str),
}

/// What a row turned out to be, for the in-order accounting.
enum Event {
    Blank,
    FileError(InputError),
    /// A row: its unit id, where it is and its problems (a good row's unit was already handed
    /// to the work).
    Row {
        id: Option<String>,
        origin: Origin,
        place: Place,
        errors: Vec<InputError>,
    },
    /// A JSON Lines line that is not JSON (see [`LineKind::NotJson`]).
    NotJson(u64, InputError),
    Stop(&'static str),
}

/// Rows on their way to a worker, and back with what became of them.
struct Chunk<O> {
    seq: u64,
    len: usize,
    /// Row (CSV) or line (JSON Lines) numbers.
    rows: Vec<u64>,
    /// CSV: the records.
    records: Vec<::csv::ByteRecord>,
    /// JSON Lines: the lines, one after the other, and where each ends in `text`.
    text: Vec<u8>,
    ends: Vec<usize>,
    tail: Option<Tail>,
    events: Vec<Event>,
    out: O,
    /// Sent by a worker that panicked (see [`Failed`]).
    failed: bool,
}

/// Tells the writer when a worker thread panics.
struct Failed<O: Default>(mpsc::Sender<Chunk<O>>);

impl<O: Default> Drop for Failed<O> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let c = Chunk {
                failed: true,
                ..Chunk::default()
            };
            let _ = self.0.send(c);
        }
    }
}

impl<O: Default> Default for Chunk<O> {
    fn default() -> Self {
        Chunk {
            seq: 0,
            len: 0,
            rows: Vec::new(),
            records: Vec::new(),
            text: Vec::new(),
            ends: Vec::new(),
            tail: None,
            events: Vec::new(),
            out: O::default(),
            failed: false,
        }
    }
}

impl<O> Chunk<O> {
    /// Decodes the rows (a worker).
    fn decode<W: Work<Out = O>>(
        &mut self,
        ctx: &FileCtx,
        decoder: Option<&Decoder>,
        lines: &mut Lines,
        maker: &mut UnitMaker,
        work: &mut W,
    ) {
        let Chunk {
            len,
            rows,
            records,
            text,
            ends,
            tail,
            events,
            out,
            ..
        } = self;
        events.clear();
        let mut sink = ChunkSink {
            maker,
            work,
            out,
            events,
        };
        let mut start = 0;
        for i in 0..*len {
            match decoder {
                Some(d) => {
                    let Ok(()) = d.row(ctx, &records[i], rows[i], &mut sink);
                }
                None => {
                    let line = &text[start..ends[i]];
                    start = ends[i];
                    let Ok(kind) = lines.decode(ctx, rows[i], line, &mut sink);
                    match kind {
                        LineKind::Blank | LineKind::Row => {}
                        LineKind::NotJson(e) => sink.events.push(Event::NotJson(rows[i], e)),
                        LineKind::NotUtf8 => sink.events.push(Event::Stop("a line is not UTF-8")),
                    }
                }
            }
        }
        match tail.take() {
            Some(Tail::Error(e)) => sink.events.push(Event::FileError(e)),
            Some(Tail::Stop(why)) => sink.events.push(Event::Stop(why)),
            None => {}
        }
        sink.work.end_chunk(sink.out);
    }

    /// Accounts for the chunk's rows in order (the writer); `Err`: only `load` can read the
    /// file, for this reason.
    fn account(
        &mut self,
        ledger: &mut Ledger<&'static str>,
        any: &mut bool,
    ) -> Result<(), &'static str> {
        for ev in self.events.drain(..) {
            match ev {
                Event::Blank => ledger.blank(),
                Event::FileError(e) => ledger.file_error(e),
                Event::Row {
                    id,
                    origin,
                    place,
                    errors,
                } => {
                    *any = true;
                    ledger.row(id, origin, place, errors)?;
                }
                // as `json::read_lines`
                Event::NotJson(_, _) if !*any => {
                    return Err("the first object does not fit on one line")
                }
                Event::NotJson(line, e) => {
                    let origin = Origin { file: 0, row: line };
                    ledger.row(None, origin, Place::Line, vec![e])?;
                }
                Event::Stop(why) => return Err(why),
            }
        }
        Ok(())
    }
}

/// The sink of a worker: good rows become units for the work; every row leaves an event.
struct ChunkSink<'c, W: Work> {
    maker: &'c mut UnitMaker,
    work: &'c mut W,
    out: &'c mut W::Out,
    events: &'c mut Vec<Event>,
}

impl<W: Work> Sink for ChunkSink<'_, W> {
    type Err = Infallible;

    fn file_error(&mut self, e: InputError) {
        self.events.push(Event::FileError(e));
    }

    fn blank(&mut self, _file: u16, _row: u64) {
        self.events.push(Event::Blank);
    }

    fn buffers(&mut self) -> Buffers {
        self.maker.buffers()
    }

    fn row(&mut self, mut r: RowData) -> Result<(), Infallible> {
        let origin = Origin {
            file: r.file,
            row: r.row,
        };
        let place = r.place;
        let errors = std::mem::take(&mut r.errors);
        let id = match r.id.take() {
            // good so far: the writer's check of repeated ids stops everything if it repeats
            Some(id) if errors.is_empty() => {
                let u = self.maker.unit(id, r);
                self.work.unit(u, self.out);
                Some(std::mem::take(&mut u.id))
            }
            id => id,
        };
        self.events.push(Event::Row {
            id,
            origin,
            place,
            errors,
        });
        Ok(())
    }
}

/// The problems of opening a file (its rows are read afterwards, by the workers).
struct FileErrors(Vec<InputError>);

impl Sink for FileErrors {
    type Err = Infallible;

    fn file_error(&mut self, e: InputError) {
        self.0.push(e);
    }

    // opening a file reads no rows; were one sent here, it is reported, not lost
    fn row(&mut self, r: RowData) -> Result<(), Infallible> {
        let kind = InputErrorKind::RowWhileOpening;
        self.0
            .push(InputError::file("", r.place, kind).at_row(r.row));
        Ok(())
    }

    fn blank(&mut self, _file: u16, row: u64) {
        let kind = InputErrorKind::RowWhileOpening;
        self.0
            .push(InputError::file("", Place::Row, kind).at_row(row));
    }
}
