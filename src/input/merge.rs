//! Merging rows into units: by unit id across files, by source precedence within a slot.

use super::cell::Slots;
use super::{
    describe_cell, Buffers, FileInfo, InputError, InputErrorKind, LoadOptions, Loaded, Origin,
    Overridden, Rejected, RowData, Sink, StreamSummary, Unit,
};
use crate::schema::{QuestionKind, Source};
use crate::value::Value;
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::hash::{BuildHasherDefault, Hasher};

/// Default precedence, highest first, for sources the caller did not rank.
const DEFAULT_ORDER: [Source; 3] = [Source::Expert, Source::Auto, Source::SelfAssessment];

/// Fills a fresh unit from its first row. `declared` is the file's source.
fn unit_from_row(slots: &Slots, declared: Option<Source>, r: RowData) -> Unit {
    let id = r.id.unwrap_or_default();
    let sources = r
        .answers
        .iter()
        .enumerate()
        .map(|(slot, v)| {
            if given(v) {
                slot_source(slots, declared, slot)
            } else {
                None
            }
        })
        .collect();
    Unit {
        id,
        answers: r.answers,
        texts: r.texts,
        sources,
        origins: vec![Origin {
            file: r.file,
            row: r.row,
        }],
        cells: r.cells,
        overridden: Vec::new(),
        columns: None,
    }
}

/// The source of an answer in a slot: the file's declared one, else the question's first.
fn slot_source(slots: &Slots, declared: Option<Source>, slot: usize) -> Option<Source> {
    let info = &slots.infos[slot];
    if info.is_meta {
        declared
    } else {
        declared.or_else(|| info.q.sources.first().copied())
    }
}

fn given(v: &Value) -> bool {
    !matches!(v, Value::Missing(crate::hir::MissingState::Unanswered))
}

struct Acc {
    unit: Unit,
    bad: bool,
    /// Indexes into `Merger::errors` of this unit's problems.
    reasons: Vec<usize>,
}

/// Collects rows from all files into units (used by [`super::load`]).
pub(crate) struct Merger<'a, 's> {
    slots: &'a Slots<'s>,
    rank: Vec<Source>,
    files: Vec<FileInfo>,
    index: HashMap<String, usize>,
    accs: Vec<Acc>,
    errors: Vec<InputError>,
    /// For each error: the unit it belongs to.
    owner: Vec<Option<usize>>,
    rows_read: u64,
    blank_rows: u64,
}

impl<'a, 's> Merger<'a, 's> {
    pub fn new(slots: &'a Slots<'s>, opts: &LoadOptions) -> Self {
        let mut rank: Vec<Source> = Vec::new();
        for s in opts.precedence.iter().chain(DEFAULT_ORDER.iter()) {
            if !rank.contains(s) {
                rank.push(*s);
            }
        }
        Merger {
            slots,
            rank,
            files: Vec::new(),
            index: HashMap::new(),
            accs: Vec::new(),
            errors: Vec::new(),
            owner: Vec::new(),
            rows_read: 0,
            blank_rows: 0,
        }
    }

    pub fn add_file(&mut self, f: FileInfo) {
        self.files.push(f);
    }

    /// Names the sheet read from workbook `file`.
    pub fn set_sheet(&mut self, file: u16, sheet: String) {
        if let Some(f) = self.files.get_mut(file as usize) {
            f.sheet = Some(sheet);
        }
    }

    fn push_error(&mut self, unit: Option<usize>, e: InputError) {
        if let Some(u) = unit {
            self.accs[u].reasons.push(self.errors.len());
            self.accs[u].bad = true;
        }
        self.errors.push(e);
        self.owner.push(unit);
    }

    pub fn finish(self, lenient: bool) -> Loaded {
        let mut units = Vec::new();
        let mut rejected = Vec::new();
        for acc in self.accs {
            if acc.bad {
                rejected.push(Rejected {
                    unit: acc.unit.id,
                    origins: acc.unit.origins,
                    reasons: acc
                        .reasons
                        .iter()
                        .map(|&i| self.errors[i].clone())
                        .collect(),
                });
            } else {
                units.push(acc.unit);
            }
        }
        let errors = if lenient {
            self.errors
                .into_iter()
                .zip(self.owner)
                .filter(|(_, o)| o.is_none())
                .map(|(e, _)| e)
                .collect()
        } else {
            self.errors
        };
        Loaded {
            units,
            errors,
            rejected,
            rows_read: self.rows_read,
            blank_rows: self.blank_rows,
            files: self.files,
        }
    }
}

impl Sink for Merger<'_, '_> {
    type Err = Infallible;

    fn file_error(&mut self, e: InputError) {
        self.push_error(None, e);
    }

    fn blank(&mut self, _file: u16, _row: u64) {
        self.rows_read += 1;
        self.blank_rows += 1;
    }

    fn row(&mut self, mut r: RowData) -> Result<(), Infallible> {
        self.rows_read += 1;
        r.fill_cells();
        let Some(id) = r.id.clone() else {
            for e in r.errors.drain(..) {
                self.push_error(None, e);
            }
            return Ok(());
        };
        let declared = self.files.get(r.file as usize).and_then(|f| f.source);
        let origin = Origin {
            file: r.file,
            row: r.row,
        };
        let Some(&u) = self.index.get(&id) else {
            let u = self.accs.len();
            self.index.insert(id, u);
            let errors = std::mem::take(&mut r.errors);
            self.accs.push(Acc {
                unit: unit_from_row(self.slots, declared, r),
                bad: false,
                reasons: Vec::new(),
            });
            for e in errors {
                self.push_error(Some(u), e);
            }
            return Ok(());
        };
        let prev = self.accs[u]
            .unit
            .origins
            .iter()
            .find(|o| o.file == r.file)
            .copied();
        self.accs[u].unit.origins.push(origin);
        for e in std::mem::take(&mut r.errors) {
            self.push_error(Some(u), e);
        }
        if let Some(prev) = prev {
            let kind = InputErrorKind::RepeatedUnit {
                unit: id.clone(),
                place: r.place,
                first: prev.row,
                second: r.row,
            };
            let e = InputError::file(&self.files[r.file as usize].name, r.place, kind)
                .at_row(r.row)
                .for_unit(Some(&id));
            self.push_error(Some(u), e);
            return Ok(());
        }
        for slot in 0..r.answers.len() {
            if given(&r.answers[slot]) {
                self.answer(u, &id, &mut r, slot, declared);
            }
        }
        Ok(())
    }
}

impl Merger<'_, '_> {
    /// Merges the answer in `slot` of row `r` into unit `u` (`id`): taken when the unit has
    /// none, else by source precedence (the other answer is kept as overridden). Metadata that
    /// disagrees, or a source that answers twice, is a problem of the unit.
    #[inline]
    fn answer(
        &mut self,
        u: usize,
        id: &str,
        r: &mut RowData,
        slot: usize,
        declared: Option<Source>,
    ) {
        let v = r.answers[slot];
        let slots = self.slots;
        let info = &slots.infos[slot];
        let cell = r.cells[slot].unwrap_or(super::CellRef {
            file: r.file,
            row: r.row,
            column: None,
        });
        let text = r.texts[slot].take();
        let unit = &self.accs[u].unit;
        let old = unit.answers[slot];
        if !given(&old) {
            let unit = &mut self.accs[u].unit;
            unit.answers[slot] = v;
            unit.texts[slot] = text;
            unit.cells[slot] = Some(cell);
            unit.sources[slot] = slot_source(slots, declared, slot);
            return;
        }
        let old_cell =
            || unit.cells[slot].map_or_else(String::new, |c| describe_cell(&self.files, &c));
        if info.is_meta {
            let same = old == v
                && (!matches!(info.q.kind, QuestionKind::Text) || unit.texts[slot] == text);
            if !same {
                let kind = InputErrorKind::MetadataDisagrees {
                    field: info.q.id.clone(),
                    here: text.as_deref().unwrap_or("?").to_string(),
                    there: unit.texts[slot].as_deref().unwrap_or("?").to_string(),
                    there_cell: old_cell(),
                };
                let e = self.cell_error(r, id, &cell, &info.q.id, kind);
                self.push_error(Some(u), e);
            }
            return;
        }
        let new_src = slot_source(slots, declared, slot);
        let old_src = unit.sources[slot];
        if new_src == old_src {
            let kind = InputErrorKind::AnsweredTwice {
                question: info.q.id.clone(),
                by: new_src,
                first: old_cell(),
                second: describe_cell(&self.files, &cell),
            };
            let e = self.cell_error(r, id, &cell, &info.q.id, kind);
            self.push_error(Some(u), e);
            return;
        }
        let unit = &mut self.accs[u].unit;
        if rank_lt(&self.rank, new_src, old_src) {
            // the new answer wins
            unit.overridden.push(Overridden {
                slot,
                source: old_src,
                value: old,
                text: unit.texts[slot].take(),
                cell: unit.cells[slot].unwrap_or(cell),
            });
            unit.answers[slot] = v;
            unit.texts[slot] = text;
            unit.cells[slot] = Some(cell);
            unit.sources[slot] = new_src;
        } else {
            unit.overridden.push(Overridden {
                slot,
                source: new_src,
                value: v,
                text,
                cell,
            });
        }
    }

    /// A problem of unit `id` at `cell` (of `slot`, named `key`) in row `r`.
    #[cold]
    fn cell_error(
        &self,
        r: &RowData,
        id: &str,
        cell: &super::CellRef,
        key: &str,
        kind: InputErrorKind,
    ) -> InputError {
        let e = InputError::file(&self.files[r.file as usize].name, r.place, kind)
            .at_row(r.row)
            .for_unit(Some(id));
        match cell.column {
            Some(c) => e.at_column(c as usize, key),
            None => e.at_key(key),
        }
    }
}

/// `a` ranks above `b`.
fn rank_lt(rank: &[Source], a: Option<Source>, b: Option<Source>) -> bool {
    let r = |s: Option<Source>| {
        s.and_then(|s| rank.iter().position(|x| *x == s))
            .unwrap_or(usize::MAX)
    };
    r(a) < r(b)
}

/// Passes each good unit of one file to a callback (used by [`super::stream_csv`] and
/// [`super::stream`]). The callback gets the unit by `&mut`; what it leaves in it is reused for
/// the next row.
pub(crate) struct Streamer<F, E> {
    ledger: Ledger<E>,
    maker: UnitMaker,
    f: F,
}

/// The in-order half of reading a file unit by unit: counts rows, checks that unit ids do not
/// repeat, and collects the problems and rejected units, in reading order. (With `--jobs` the
/// rows are decoded on several threads and their outcomes come here in order; see
/// [`super::parallel`].)
pub(crate) struct Ledger<E> {
    name: String,
    lenient: bool,
    seen: Seen<E>,
    summary: StreamSummary,
}

/// Makes units from good rows, reusing the previous unit's vectors.
pub(crate) struct UnitMaker {
    /// The previous unit, whose vectors the next row reuses.
    spare: Unit,
    /// The source of an answer in each slot (`slot_source`).
    slot_sources: Vec<Option<Source>>,
}

/// Unit ids already read: exactly, or as 64-bit hashes (flat memory; a repeated hash stops
/// reading with the given error).
enum Seen<E> {
    Exact(HashMap<String, u64>),
    Hashed(HashSet<u64, BuildHasherDefault<PassThrough>>, fn() -> E),
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn id_hash(id: &str) -> u64 {
    // SipHash with fixed keys: deterministic
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    h.write(id.as_bytes());
    h.finish()
}

impl<E> Ledger<E> {
    pub fn new(name: String, lenient: bool) -> Self {
        Ledger {
            name,
            lenient,
            seen: Seen::Exact(HashMap::new()),
            summary: StreamSummary::default(),
        }
    }

    /// Remember ids as hashes; a repeated hash stops reading with `stop()`.
    pub fn hash_ids(&mut self, stop: fn() -> E) {
        self.seen = Seen::Hashed(HashSet::default(), stop);
    }

    pub fn finish(self) -> StreamSummary {
        self.summary
    }

    pub fn file_error(&mut self, e: InputError) {
        self.summary.errors.push(e);
    }

    pub fn blank(&mut self) {
        self.summary.rows_read += 1;
        self.summary.blank_rows += 1;
    }

    fn reject(&mut self, id: String, origin: Origin, reasons: Vec<InputError>) {
        if !self.lenient {
            self.summary.errors.extend(reasons.iter().cloned());
        }
        self.summary.rejected.push(Rejected {
            unit: id,
            origins: vec![origin],
            reasons,
        });
    }

    /// Accounts for one data row: its unit id (`None`: the row has none, `errors` say why), where
    /// it is and its problems. `Ok(Some(id))`: a good unit, counted; `Ok(None)`: the row's
    /// problems are recorded (a repeated id, any problem of the row); `Err`: a repeated id hash.
    pub fn row(
        &mut self,
        id: Option<String>,
        origin: Origin,
        place: super::Place,
        mut errors: Vec<InputError>,
    ) -> Result<Option<String>, E> {
        self.summary.rows_read += 1;
        let Some(id) = id else {
            self.summary.errors.append(&mut errors);
            return Ok(None);
        };
        match &mut self.seen {
            Seen::Exact(seen) => {
                if let Some(&prev) = seen.get(&id) {
                    let kind = InputErrorKind::RepeatedUnit {
                        unit: id.clone(),
                        place,
                        first: prev,
                        second: origin.row,
                    };
                    let e = InputError::file(&self.name, place, kind)
                        .at_row(origin.row)
                        .for_unit(Some(&id));
                    errors.push(e);
                    self.reject(id, origin, errors);
                    return Ok(None);
                }
                seen.insert(id.clone(), origin.row);
            }
            Seen::Hashed(seen, stop) => {
                if !seen.insert(id_hash(&id)) {
                    return Err(stop());
                }
            }
        }
        if !errors.is_empty() {
            self.reject(id, origin, errors);
            return Ok(None);
        }
        self.summary.units += 1;
        Ok(Some(id))
    }
}

impl UnitMaker {
    pub fn new(slots: &Slots, declared: Option<Source>) -> Self {
        UnitMaker {
            spare: Unit::blank(),
            slot_sources: (0..slots.len())
                .map(|slot| slot_source(slots, declared, slot))
                .collect(),
        }
    }

    /// Vectors for the next row: the previous unit's.
    pub fn buffers(&mut self) -> Buffers {
        Buffers {
            answers: std::mem::take(&mut self.spare.answers),
            texts: std::mem::take(&mut self.spare.texts),
            cells: std::mem::take(&mut self.spare.cells),
        }
    }

    /// The unit of a good row (as `unit_from_row`, reusing the previous unit's vectors).
    pub fn unit(&mut self, id: String, r: RowData) -> &mut Unit {
        let unit = &mut self.spare;
        unit.id = id;
        unit.sources.clear();
        // a select, not a branch: which slots are answered is not predictable
        unit.sources.extend(
            r.answers
                .iter()
                .zip(&self.slot_sources)
                .map(|(v, &s)| [None, s][usize::from(given(v))]),
        );
        unit.answers = r.answers;
        unit.texts = r.texts;
        unit.cells = r.cells;
        unit.columns = r.columns;
        unit.origins.clear();
        unit.origins.push(Origin {
            file: r.file,
            row: r.row,
        });
        unit.overridden.clear();
        unit
    }
}

impl<F, E> Streamer<F, E> {
    pub fn new(slots: &Slots, name: String, declared: Option<Source>, lenient: bool, f: F) -> Self {
        Streamer {
            ledger: Ledger::new(name, lenient),
            maker: UnitMaker::new(slots, declared),
            f,
        }
    }

    /// Remember ids as hashes; a repeated hash stops reading with `stop()`.
    pub fn hash_ids(&mut self, stop: fn() -> E) {
        self.ledger.hash_ids(stop);
    }

    pub fn finish(self) -> StreamSummary {
        self.ledger.finish()
    }
}

impl<F, E> Sink for Streamer<F, E>
where
    F: FnMut(&mut Unit) -> Result<(), E>,
{
    type Err = E;

    fn file_error(&mut self, e: InputError) {
        self.ledger.file_error(e);
    }

    fn blank(&mut self, _file: u16, _row: u64) {
        self.ledger.blank();
    }

    fn buffers(&mut self) -> Buffers {
        self.maker.buffers()
    }

    fn row(&mut self, mut r: RowData) -> Result<(), E> {
        let origin = Origin {
            file: r.file,
            row: r.row,
        };
        let errors = std::mem::take(&mut r.errors);
        match self.ledger.row(r.id.take(), origin, r.place, errors)? {
            Some(id) => (self.f)(self.maker.unit(id, r)),
            None => Ok(()),
        }
    }
}
