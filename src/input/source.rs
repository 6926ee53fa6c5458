//! Where a submission's bytes come from, and its first bytes looked at without losing them.
//!
//! A file is read through one open reader: [`peek`] reads its first bytes (enough to detect the
//! format and, for CSV, to hold the header line), and [`Peeked::into_reader`] hands the same
//! reader on with those bytes in front, so nothing is read twice and nothing is lost. That is
//! what makes a pipe, a FIFO, `/dev/stdin` and `-` (standard input) read like a file.
//!
//! A regular file is opened afresh each time it is read (the streaming reader may give up and
//! leave the file to the in-memory one, which reads it again). A source that can be read only
//! once (`-`, a FIFO, a character device, a socket) is opened once per [`InputSpec`]: what is
//! read from it is kept in a temporary file (in memory if none can be made), and every later
//! reading of the same spec replays those bytes and then reads on where the first one stopped.

use super::InputSpec;
use std::fs::File;
use std::io::{self, Cursor, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

/// How many bytes [`peek`] reads at most (it stops earlier at the end of the first line).
pub(crate) const HEAD_MAX: usize = 1 << 16;

/// A source's reader.
pub(crate) type Source = Box<dyn Read + Send>;

/// A reader whose first bytes were read (see [`peek`]).
pub(crate) struct Peeked<R> {
    head: Vec<u8>,
    rest: R,
}

/// The reader a [`Peeked`] becomes: its head, then the rest, each line at most [`LINE_MAX`].
pub(crate) type Reader<R> = LineLimit<io::Chain<Cursor<Vec<u8>>, R>>;

/// The longest line a CSV or JSON Lines file may have (a row of the 2022 questionnaire is a few
/// kilobytes; a cell is at most 1 MiB): past it reading stops with an error, so a file without
/// line breaks (`/dev/zero`, a binary file) never fills the memory.
pub(crate) const LINE_MAX: usize = 32 << 20;

/// A reader that fails when a line passes [`LINE_MAX`] bytes.
pub(crate) struct LineLimit<R> {
    inner: R,
    /// Bytes since the last line break, and the 1-based line they are on.
    since: usize,
    line: u64,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = &buf[..n];
        match memchr::memrchr(b'\n', got) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', got).count() as u64;
                self.since = n - last - 1;
            }
            None => self.since += n,
        }
        if self.since > LINE_MAX {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "line {} has no line break in its first {} MiB (lines are limited to {} MiB): is it a CSV or JSON Lines file?",
                    self.line,
                    LINE_MAX >> 20,
                    LINE_MAX >> 20
                ),
            ));
        }
        Ok(n)
    }
}

impl<R: Read> Peeked<R> {
    /// The bytes read so far (at most [`HEAD_MAX`] and at least up to the end of the first line
    /// that is not blank, unless the source ends before).
    pub fn head(&self) -> &[u8] {
        &self.head
    }

    /// The whole source, head first; `skip` bytes of the head are passed over (a BOM).
    pub fn into_reader(self, skip: usize) -> Reader<R> {
        let mut head = Cursor::new(self.head);
        head.set_position(skip as u64);
        LineLimit {
            inner: head.chain(self.rest),
            since: 0,
            line: 1,
        }
    }

    /// Everything the source holds, or `None` when it holds more than `limit` bytes (what was
    /// read is dropped: a file read whole is not read past its limit, whatever it is — a
    /// character device never ends).
    pub fn read_all(self, limit: u64) -> io::Result<Option<Vec<u8>>> {
        let Peeked { mut head, rest } = self;
        let left = (limit + 1).saturating_sub(head.len() as u64);
        rest.take(left).read_to_end(&mut head)?;
        Ok((head.len() as u64 <= limit).then_some(head))
    }
}

/// Reads the first bytes of `r`: until they hold a line break after some byte that is not white
/// space, [`HEAD_MAX`] bytes, or the end of the source. A pipe may give its bytes a few at a
/// time, so one read is not enough.
pub(crate) fn peek<R: Read>(mut r: R) -> io::Result<Peeked<R>> {
    let mut head = vec![0u8; HEAD_MAX];
    let mut len = 0;
    // where the first byte that is not white space is, once it was read
    let mut text: Option<usize> = None;
    while len < HEAD_MAX {
        let n = match r.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let from = len;
        len += n;
        if text.is_none() {
            text = head[from..len]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map(|i| from + i);
        }
        if let Some(t) = text {
            if memchr::memchr(b'\n', &head[t.max(from)..len]).is_some() {
                break;
            }
        }
    }
    head.truncate(len);
    Ok(Peeked { head, rest: r })
}

/// Opens `spec`'s source for reading from its start: standard input for `-`, else the file.
pub(crate) fn open(spec: &InputSpec) -> io::Result<Source> {
    if spec.is_stdin() {
        return Ok(spec.once.replay(|| Ok(Box::new(io::stdin()))));
    }
    match std::fs::metadata(&spec.path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let path = spec.path.clone();
            spec.once
                .try_replay(move || Ok(Box::new(File::open(path)?) as Source))
        }
        _ => Ok(Box::new(File::open(&spec.path)?)),
    }
}

/// The source of a spec that can be read only once, shared by the spec's clones: opened by the
/// first reading, and kept as it is read.
#[derive(Clone, Default)]
pub(crate) struct Once(Arc<Mutex<Option<Spool>>>);

impl std::fmt::Debug for Once {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Once")
    }
}

impl Once {
    /// A reader from the start of the source (opened with `open` if it was not yet).
    fn replay(&self, open: impl FnOnce() -> io::Result<Source>) -> Source {
        match self.try_replay(open) {
            Ok(r) => r,
            Err(e) => Box::new(Failed(Some(e))),
        }
    }

    fn try_replay(&self, open: impl FnOnce() -> io::Result<Source>) -> io::Result<Source> {
        let mut spool = self.0.lock().map_err(|_| poisoned())?;
        if spool.is_none() {
            *spool = Some(Spool {
                inner: open()?,
                store: Store::new(),
                len: 0,
                eof: false,
            });
        }
        Ok(Box::new(Replay {
            spool: Arc::clone(&self.0),
            pos: 0,
        }))
    }
}

fn poisoned() -> io::Error {
    io::Error::other("a thread reading the input failed")
}

/// A reader that fails with the error of opening its source.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::other("cannot read")))
    }
}

/// A source read once, and what was read of it.
struct Spool {
    inner: Source,
    store: Store,
    /// Bytes read from `inner` (all in `store`, unless it is lost).
    len: u64,
    /// `inner` is at its end.
    eof: bool,
}

/// Where the bytes read from a once-only source are kept.
enum Store {
    File(File),
    Memory(Vec<u8>),
    /// They could not be kept (the reason): reading them again fails.
    Lost(String),
}

impl Store {
    fn new() -> Store {
        match tempfile::tempfile() {
            Ok(f) => Store::File(f),
            Err(_) => Store::Memory(Vec::new()),
        }
    }

    /// Keeps `b` after the bytes kept before.
    fn append(&mut self, b: &[u8]) {
        let r = match self {
            Store::File(f) => f.seek(SeekFrom::End(0)).and_then(|_| f.write_all(b)),
            Store::Memory(v) => {
                v.extend_from_slice(b);
                Ok(())
            }
            Store::Lost(_) => Ok(()),
        };
        if let Err(e) = r {
            *self = Store::Lost(e.to_string());
        }
    }

    /// Reads kept bytes from `pos` into `buf`.
    fn read_at(&mut self, pos: u64, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Store::File(f) => {
                f.seek(SeekFrom::Start(pos))?;
                f.read(buf)
            }
            Store::Memory(v) => {
                let start = usize::try_from(pos).unwrap_or(usize::MAX).min(v.len());
                let n = buf.len().min(v.len() - start);
                buf[..n].copy_from_slice(&v[start..start + n]);
                Ok(n)
            }
            Store::Lost(why) => Err(io::Error::other(format!(
                "it was read before and could not be kept for reading again ({why})"
            ))),
        }
    }
}

/// A reader of a once-only source from its start: the kept bytes, then on from the source.
struct Replay {
    spool: Arc<Mutex<Option<Spool>>>,
    pos: u64,
}

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut guard = self.spool.lock().map_err(|_| poisoned())?;
        let Some(sp) = guard.as_mut() else {
            return Ok(0);
        };
        if self.pos < sp.len {
            let n = sp.store.read_at(self.pos, buf)?;
            if n == 0 {
                return Err(io::Error::other("the kept copy of the input is shorter"));
            }
            self.pos += n as u64;
            return Ok(n);
        }
        if sp.eof || buf.is_empty() {
            return Ok(0);
        }
        let n = sp.inner.read(buf)?;
        if n == 0 {
            sp.eof = true;
            return Ok(0);
        }
        sp.store.append(&buf[..n]);
        sp.len += n as u64;
        self.pos = sp.len;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives its bytes `step` at a time, as a pipe may.
    struct Trickle<'a> {
        b: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.b.len());
            buf[..n].copy_from_slice(&self.b[..n]);
            self.b = &self.b[n..];
            Ok(n)
        }
    }

    #[test]
    fn peek_reads_the_first_line_and_loses_nothing() {
        let text = b"\n\n  unit,q1,q2\nA,1,2\n";
        for step in [1, 2, 5, 100] {
            let p = peek(Trickle { b: text, step }).unwrap();
            assert!(p.head().ends_with(b"q2\n") || p.head().len() > 14, "{step}");
            let mut all = Vec::new();
            p.into_reader(0).read_to_end(&mut all).unwrap();
            assert_eq!(all, text);
        }
        let p = peek(Trickle { b: text, step: 3 }).unwrap();
        assert_eq!(p.read_all(1 << 20).unwrap().as_deref(), Some(&text[..]));
        // the limit: exactly the file's length is read whole, one byte less is refused
        let len = text.len() as u64;
        let p = peek(Trickle { b: text, step: 3 }).unwrap();
        assert_eq!(p.read_all(len).unwrap().as_deref(), Some(&text[..]));
        let p = peek(Trickle { b: text, step: 3 }).unwrap();
        assert_eq!(p.read_all(len - 1).unwrap(), None);
        // a source that never ends stops at the limit
        let p = peek(std::io::repeat(b'x')).unwrap();
        assert_eq!(p.read_all(1 << 20).unwrap(), None);
        let p = peek(&b"\xEF\xBB\xBFunit\nA\n"[..]).unwrap();
        let mut all = Vec::new();
        p.into_reader(3).read_to_end(&mut all).unwrap();
        assert_eq!(all, b"unit\nA\n");
    }

    #[test]
    fn a_once_only_source_is_replayed() {
        let once = Once::default();
        let text: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let data = text.clone();
        let mut first = once.replay(move || Ok(Box::new(Cursor::new(data)) as Source));
        let mut part = vec![0u8; 70_000];
        first.read_exact(&mut part).unwrap();
        assert_eq!(part, text[..70_000]);
        // a second reading gets everything: the kept part, then the rest
        let mut second = once.replay(|| panic!("opened twice"));
        let mut all = Vec::new();
        second.read_to_end(&mut all).unwrap();
        assert_eq!(all, text);
        // and so does a third, from the kept copy alone
        let mut all = Vec::new();
        once.replay(|| panic!("opened twice"))
            .read_to_end(&mut all)
            .unwrap();
        assert_eq!(all, text);
        // the first reader goes on where it stopped
        let mut rest = Vec::new();
        first.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, text[70_000..]);
    }

    #[test]
    fn kept_in_memory_or_lost() {
        let mut s = Store::Memory(Vec::new());
        s.append(b"abc");
        let mut buf = [0u8; 2];
        assert_eq!(s.read_at(1, &mut buf).unwrap(), 2);
        assert_eq!(&buf, b"bc");
        let mut s = Store::Lost("disk full".into());
        assert!(s
            .read_at(0, &mut buf)
            .unwrap_err()
            .to_string()
            .contains("disk full"));
    }
}
