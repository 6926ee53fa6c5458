//! Renderers of evaluation results: a terminal table (`table.rs`), CSV, JSON (and JSON Lines)
//! with the full per-rule trace or without it (`json.rs`), and an Excel workbook of the CSV's
//! columns.

pub mod dialect;
mod json;
mod table;

pub use json::{
    write_json, write_json_header, write_json_unit, write_jsonl, write_jsonl_unit,
    JSON_SCHEMA_VERSION,
};
pub use table::{table, TableRows, TABLE_BLOCK};

use crate::eval::{EvalError, IndexOutcome, SectionMissing, UnitOutcome};
use crate::hir::{MissingState, Program};
use crate::input::Unit;
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;
use std::io::{self, Write};

/// One evaluated (or not evaluable) unit.
pub struct UnitResult<'a> {
    pub unit: &'a Unit,
    pub outcome: Result<UnitOutcome, EvalError>,
}

/// A score as displayed (the survey's `display` decimals).
pub fn fmt_score(p: &Program, v: Num) -> String {
    v.format(p.survey.display, p.survey.rounding)
}

pub fn level_name(p: &Program, level: u8) -> &str {
    if level == 0 {
        p.zero_level.as_ref().map_or("", |l| l.lv.as_str())
    } else {
        p.levels
            .get(level as usize - 1)
            .map_or("", |l| l.lv.as_str())
    }
}

/// Why a section has no score, in words.
pub fn section_missing_text(m: &SectionMissing) -> &'static str {
    match m {
        SectionMissing::NoAnswers => "no answers in this section",
        SectionMissing::NotApplicable => "section not applicable (its `applicable if` is false)",
        SectionMissing::AllExcluded => "every rule of the section was excluded",
    }
}

/// The status column: `evaluated`, or why not.
pub fn status_text(p: &Program, o: &Result<UnitOutcome, EvalError>) -> String {
    match o {
        Err(e) => format!("rejected: {e}"),
        Ok(o) => match &o.index {
            IndexOutcome::Computed { .. } => "evaluated".to_string(),
            IndexOutcome::NotComputable {
                sections,
                required,
                missing,
            } => {
                let names: Vec<&str> = missing.iter().map(|&s| p.sections[s].id.as_str()).collect();
                format!(
                    "not computable: {sections} of {} sections, at least {required} needed (missing: {})",
                    p.sections.len(),
                    names.join(", ")
                )
            }
        },
    }
}

/// A value as text: option id, `yes`/`no`, number, or the missing state.
pub fn value_text(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match v {
        Value::Missing(m) => m.as_str().to_string(),
        Value::Num(n) => n.to_string(),
        Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
        Value::Choice(i) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(|| i.to_string(), |o| o.id.clone()),
        Value::Multi(m) => {
            let opts = q.kind.options();
            let ids: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].id.as_str())
                .collect();
            ids.join("|")
        }
        Value::Text => "(text)".to_string(),
    }
}

/// The Latvian label of an answer (option labels), for explanations.
pub fn value_label(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match (v, &q.kind) {
        (Value::Choice(i), _) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(String::new, |o| o.lv.clone()),
        (Value::Multi(m), _) => {
            let opts = q.kind.options();
            let l: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].lv.as_str())
                .collect();
            l.join("; ")
        }
        (Value::Bool(b), QuestionKind::YesNo) => if b { "Jā" } else { "Nē" }.to_string(),
        (Value::Missing(MissingState::NotAsked), _) => "(nav jautāts / not asked)".to_string(),
        _ => value_text(p, slot, v),
    }
}

/// CSV: one row per unit.
pub fn write_csv(p: &Program, results: &[UnitResult<'_>], w: &mut dyn Write) -> io::Result<()> {
    write_rows(CsvKind::Scores, p, results, w)
}

fn write_rows(
    kind: CsvKind,
    p: &Program,
    results: &[UnitResult<'_>],
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut rows = CsvRows::new(kind);
    let mut buf = Vec::with_capacity(1 << 16);
    rows.header(p, &mut buf);
    for r in results {
        rows.row(p, &r.unit.id, &r.outcome, &mut buf);
        if buf.len() >= 1 << 16 {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    w.write_all(&buf)?;
    w.flush()
}

/// The columns of a CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvKind {
    /// `eval --format csv`: unit, each section's score and level, index, index level, sections
    /// used, status.
    Scores,
    /// `eval --format bench`: the benchmark model's output (docs/performance.md): unit, each
    /// section's points (also without a score), each section's score with 6 decimals, the index
    /// with 6 decimals, each section's level, the index level; empty when there is none.
    Bench,
}

/// Writes CSV rows one unit at a time (for streaming), straight into the output buffer.
pub struct CsvRows {
    kind: CsvKind,
}

/// A byte that puts a CSV field in double quotes.
fn needs_quotes(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// `fmt::Write` into a byte buffer.
struct Bytes<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Bytes<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// One CSV record being written straight into the output, as the `csv` crate's writer writes it
/// by default: fields separated by `,`, a field with `,` `"` CR or LF in double quotes (`"`
/// doubled), LF at the end. Only text fields are scanned for those bytes: numbers never hold
/// them.
struct Record<'o> {
    out: &'o mut Vec<u8>,
    /// Where the record starts in `out`.
    start: usize,
    /// Fields written so far.
    fields: usize,
}

impl<'o> Record<'o> {
    fn new(out: &'o mut Vec<u8>) -> Self {
        let start = out.len();
        Record {
            out,
            start,
            fields: 0,
        }
    }

    /// Starts a field.
    fn field(&mut self) -> &mut Vec<u8> {
        if self.fields > 0 {
            self.out.push(b',');
        }
        self.fields += 1;
        self.out
    }

    fn text(&mut self, s: &str) {
        let out = self.field();
        if s.bytes().any(needs_quotes) {
            out.push(b'"');
            for b in s.bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        } else {
            out.extend_from_slice(s.as_bytes());
        }
    }

    fn empty(&mut self, n: usize) {
        for _ in 0..n {
            self.field();
        }
    }

    fn fixed(&mut self, v: Num, decimals: u32, p: &Program) {
        v.push_fixed(decimals, p.survey.rounding, self.field());
    }

    fn display(&mut self, v: Num) {
        let out = self.field();
        match u64::try_from(v.numer()) {
            Ok(n) if v.is_integer() => crate::num::push_u64(out, n),
            _ => {
                use std::fmt::Write as _;
                let _ = write!(Bytes(out), "{v}");
            }
        }
    }

    fn int(&mut self, n: usize) {
        crate::num::push_u64(self.field(), n as u64);
    }

    /// Ends the record.
    fn end(self) {
        if self.fields == 1 && self.out.len() == self.start {
            // a record of one empty field is written as `""`
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
    }
}

impl CsvRows {
    pub fn new(kind: CsvKind) -> Self {
        CsvRows { kind }
    }

    /// The header row.
    pub fn header(&mut self, p: &Program, out: &mut Vec<u8>) {
        let mut r = Record::new(out);
        match self.kind {
            CsvKind::Scores => {
                r.text("unit");
                for s in &p.sections {
                    r.text(&format!("{}_score", s.id));
                    r.text(&format!("{}_level", s.id));
                }
                for h in ["index", "index_level", "sections_used", "status"] {
                    r.text(h);
                }
            }
            CsvKind::Bench => {
                r.text(&p.schema.unit_column);
                for suffix in ["pts", "pct"] {
                    for s in &p.sections {
                        r.text(&format!("{}_{suffix}", s.id));
                    }
                }
                r.text("total");
                for s in &p.sections {
                    r.text(&format!("{}_lvl", s.id));
                }
                r.text("total_lvl");
            }
        }
        r.end()
    }

    /// One unit's row.
    pub fn row(
        &mut self,
        p: &Program,
        unit: &str,
        outcome: &Result<UnitOutcome, EvalError>,
        out: &mut Vec<u8>,
    ) {
        let mut r = Record::new(out);
        r.text(unit);
        let n = p.sections.len();
        match (self.kind, outcome) {
            (CsvKind::Scores, Ok(o)) => {
                for s in &o.sections {
                    match s {
                        Ok(s) => {
                            r.fixed(s.score, p.survey.display, p);
                            r.int(s.level as usize);
                        }
                        Err(_) => r.empty(2),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed { value, level, .. } => {
                        r.fixed(*value, p.survey.display, p);
                        r.int(*level as usize);
                    }
                    IndexOutcome::NotComputable { .. } => r.empty(2),
                }
                r.int(o.section_count());
                match &o.index {
                    IndexOutcome::Computed { .. } => r.text("evaluated"),
                    _ => r.text(&status_text(p, outcome)),
                }
            }
            (CsvKind::Scores, Err(_)) => {
                r.empty(2 * n + 3);
                r.text(&status_text(p, outcome));
            }
            (CsvKind::Bench, Ok(o)) => {
                for pts in &o.section_points {
                    match pts {
                        Some(v) => r.display(*v),
                        None => r.empty(1),
                    }
                }
                for s in &o.sections {
                    match s {
                        Ok(s) => r.fixed(s.score, 6, p),
                        Err(_) => r.empty(1),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed { value, .. } => r.fixed(*value, 6, p),
                    IndexOutcome::NotComputable { .. } => r.empty(1),
                }
                for s in &o.sections {
                    match s {
                        Ok(s) => r.int(s.level as usize),
                        Err(_) => r.empty(1),
                    }
                }
                match &o.index {
                    IndexOutcome::Computed { level, .. } => r.int(*level as usize),
                    IndexOutcome::NotComputable { .. } => r.empty(1),
                }
            }
            (CsvKind::Bench, Err(_)) => r.empty(3 * n + 2),
        }
        r.end()
    }
}

/// `eval --format bench`: see [`CsvKind::Bench`].
pub fn write_bench(p: &Program, results: &[UnitResult<'_>], w: &mut dyn Write) -> io::Result<()> {
    write_rows(CsvKind::Bench, p, results, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Evaluator;
    use crate::value::Value;

    /// A row is written as the `csv` crate's writer writes the same fields: unit ids that need
    /// quotes get them (numbers never need them, so only text fields are scanned).
    #[test]
    fn csv_rows_quote_as_the_csv_writer() {
        let p = crate::ruleset::load(std::path::Path::new("bench/model-150"))
            .expect("loads")
            .program
            .expect("checks");
        let plan = crate::plan::lower(&p);
        let mut ev = Evaluator::new(&plan);
        let mut answers = vec![Value::UNANSWERED; plan.n_slots];
        answers[0] = Value::Choice(3);
        let outcome = ev.eval(&answers);
        for kind in [CsvKind::Scores, CsvKind::Bench] {
            let mut rows = CsvRows::new(kind);
            for id in [
                "plain",
                "a,b",
                "say \"hi\"",
                "two\nlines",
                "cr\r",
                "Jēkabpils",
                "",
            ] {
                let mut out = Vec::new();
                rows.row(&p, id, &outcome, &mut out);
                let mut rdr = ::csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(out.as_slice());
                let rec = rdr.records().next().expect("a row").expect("valid CSV");
                assert_eq!(&rec[0], id);
                let mut w = ::csv::Writer::from_writer(Vec::new());
                w.write_record(&rec).expect("writes");
                assert_eq!(
                    String::from_utf8_lossy(&w.into_inner().expect("flushes")),
                    String::from_utf8_lossy(&out),
                    "{id:?}"
                );
            }
        }
    }
}
