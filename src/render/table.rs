//! `eval --format table`: a table for the terminal (100 columns), written row by row.
//!
//! The section columns have a fixed width (from their heads); the unit column is as wide as the
//! longest unit id among the first [`TABLE_BLOCK`] rows (4 to 36 characters). Those rows are
//! held until the width is known, then written, and every later row is written at once with the
//! same width (a longer id is cut to it), so that the memory a table takes does not grow with
//! the number of units. The table's words are in [`Words`], in one place.

use super::{fmt_score, status_text};
use crate::eval::{EvalError, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use std::fmt::Write as _;

/// The rows held to fix the width of the unit column.
pub const TABLE_BLOCK: usize = 1000;

/// The words of the table (its heads, legend and marks).
struct Words {
    unit: &'static str,
    index: &'static str,
    status: &'static str,
    /// A section or index without a score.
    none: &'static str,
    rejected: &'static str,
    legend: &'static str,
    columns: &'static str,
}

const WORDS: Words = Words {
    unit: "unit",
    index: "index",
    status: "status",
    none: "–",
    rejected: "rejected",
    legend: "score (level)",
    columns: "columns",
};

/// The narrowest and widest unit column.
const UNIT_WIDTH: (usize, usize) = (4, 36);

/// A table being written: the heads, and the first rows until the unit column's width is fixed.
pub struct TableRows {
    heads: Vec<String>,
    col_w: usize,
    /// The unit column's width, once fixed.
    unit_w: Option<usize>,
    /// The first rows, until the width is fixed: each unit id and the rest of its row.
    held: Vec<(String, String)>,
    block: usize,
}

impl TableRows {
    pub fn new(p: &Program) -> Self {
        TableRows::with_block(p, TABLE_BLOCK)
    }

    /// A table whose unit column's width is fixed by its first `block` rows (tests use small
    /// blocks).
    pub fn with_block(p: &Program, block: usize) -> Self {
        let heads = short_heads(p);
        let col_w = heads
            .iter()
            .map(|h| h.chars().count())
            .max()
            .unwrap_or(4)
            .max(9);
        TableRows {
            heads,
            col_w,
            unit_w: None,
            held: Vec::new(),
            block: block.max(1),
        }
    }

    /// The row of a unit without its id (the part that does not depend on the unit column's
    /// width): its cells, each after a space, and the status when it is not `evaluated`.
    pub fn cells(&self, p: &Program, outcome: &Result<UnitOutcome, EvalError>) -> String {
        let col_w = self.col_w;
        let mut s = String::new();
        match outcome {
            Ok(o) => {
                for sec in &o.sections {
                    let cell = match sec {
                        Ok(x) => format!("{} ({})", fmt_score(p, x.score), x.level),
                        Err(_) => WORDS.none.to_string(),
                    };
                    let _ = write!(s, " {cell:>col_w$}");
                }
                let idx = match &o.index {
                    IndexOutcome::Computed { value, level, .. } => {
                        format!("{} ({level})", fmt_score(p, *value))
                    }
                    IndexOutcome::NotComputable { .. } => WORDS.none.to_string(),
                };
                let _ = write!(s, " {idx:>col_w$}");
                if !matches!(o.index, IndexOutcome::Computed { .. }) {
                    let _ = write!(s, "  {}", status_text(p, outcome));
                }
            }
            Err(e) => {
                let _ = write!(s, "  {}: {e}", WORDS.rejected);
            }
        }
        s
    }

    /// One unit's row (see [`TableRows::push`]).
    pub fn row(
        &mut self,
        p: &Program,
        unit: &str,
        outcome: &Result<UnitOutcome, EvalError>,
        out: &mut Vec<u8>,
    ) {
        let cells = self.cells(p, outcome);
        self.push(unit.to_string(), cells, out);
    }

    /// A row made by [`TableRows::cells`]: held while the unit column's width is not fixed,
    /// written to `out` after that.
    pub fn push(&mut self, unit: String, cells: String, out: &mut Vec<u8>) {
        match self.unit_w {
            Some(w) => write_row(&unit, &cells, w, out),
            None => {
                // no more of an id is shown than the widest column (an id may be 1 MiB long)
                let unit = match unit.char_indices().nth(UNIT_WIDTH.1) {
                    Some((end, _)) => unit[..end].to_string(),
                    None => unit,
                };
                self.held.push((unit, cells));
                if self.held.len() >= self.block {
                    self.release(out);
                }
            }
        }
    }

    /// Fixes the unit column's width from the rows held, and writes the heads and those rows.
    fn release(&mut self, out: &mut Vec<u8>) {
        let w = self
            .held
            .iter()
            .map(|(u, _)| u.chars().count())
            .max()
            .unwrap_or(0)
            .clamp(UNIT_WIDTH.0, UNIT_WIDTH.1);
        self.unit_w = Some(w);
        let col_w = self.col_w;
        let mut s = format!("{:<w$}", WORDS.unit);
        for h in &self.heads {
            let _ = write!(s, " {h:>col_w$}");
        }
        let _ = writeln!(s, " {:>col_w$}  {}", WORDS.index, WORDS.status);
        out.extend_from_slice(s.as_bytes());
        for (unit, cells) in std::mem::take(&mut self.held) {
            write_row(&unit, &cells, w, out);
        }
    }

    /// Ends the table: the rows still held, then the legend.
    pub fn finish(&mut self, p: &Program, out: &mut Vec<u8>) {
        if self.unit_w.is_none() {
            self.release(out);
        }
        let legend: Vec<String> = p
            .levels
            .iter()
            .map(|l| format!("{} {}", l.number, l.lv))
            .collect();
        let mut s = format!("\n{}: {}\n", WORDS.legend, legend.join(", "));
        let cols: Vec<String> = self
            .heads
            .iter()
            .zip(&p.sections)
            .filter(|(h, s)| h.as_str() != s.id)
            .map(|(h, s)| format!("{h} = {}", s.id))
            .collect();
        if !cols.is_empty() {
            let _ = writeln!(s, "{}: {}", WORDS.columns, cols.join(", "));
        }
        out.extend_from_slice(s.as_bytes());
    }
}

/// A row: the unit id cut to and padded to `w` characters, then its cells.
fn write_row(unit: &str, cells: &str, w: usize, out: &mut Vec<u8>) {
    let name: String = unit.chars().take(w).collect();
    let s = format!("{name:<w$}{cells}\n");
    out.extend_from_slice(s.as_bytes());
}

/// Short column heads for the sections: unique prefixes of their ids.
fn short_heads(p: &Program) -> Vec<String> {
    let ids: Vec<&str> = p.sections.iter().map(|s| s.id.as_str()).collect();
    for len in 4..=16 {
        let heads: Vec<String> = ids.iter().map(|i| i.chars().take(len).collect()).collect();
        let mut sorted = heads.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() == heads.len() {
            return heads;
        }
    }
    ids.iter().map(|s| s.to_string()).collect()
}

/// The whole table of `results` (the in-memory path of `eval`; the streamed one writes the
/// same rows through [`TableRows`]).
pub fn table(p: &Program, results: &[super::UnitResult<'_>]) -> String {
    let mut rows = TableRows::new(p);
    let mut out = Vec::new();
    for r in results {
        rows.row(p, &r.unit.id, &r.outcome, &mut out);
    }
    rows.finish(p, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Evaluator;
    use crate::value::Value;

    /// The first `block` rows fix the unit column; later rows are written at once, a longer id
    /// cut; the whole table is the in-memory one when every row fits in the block.
    #[test]
    fn the_first_block_fixes_the_width() {
        let p = crate::ruleset::load(std::path::Path::new("bench/model-150"))
            .expect("loads")
            .program
            .expect("checks");
        let plan = crate::plan::lower(&p);
        let mut ev = Evaluator::new(&plan);
        let outcome = ev.eval(&vec![Value::UNANSWERED; plan.n_slots]);
        let ids = ["A1", "B22", "a-much-longer-unit-id", "C"];
        let mut t = TableRows::with_block(&p, 2);
        let mut out = Vec::new();
        t.row(&p, ids[0], &outcome, &mut out);
        assert!(out.is_empty(), "held until the block is full");
        t.row(&p, ids[1], &outcome, &mut out);
        let heads = String::from_utf8(out.clone()).unwrap();
        assert_eq!(heads.lines().count(), 3, "{heads}");
        assert!(heads.starts_with("unit "), "{heads}");
        for id in &ids[2..] {
            t.row(&p, id, &outcome, &mut out);
        }
        t.finish(&p, &mut out);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[3].starts_with("a-mu "), "cut to 4: {}", lines[3]);
        assert!(lines[4].starts_with("C    "), "{}", lines[4]);
        assert!(text.contains("\nscore (level): "));
        // every row in one block: as wide as the longest id
        let mut t = TableRows::new(&p);
        let mut out = Vec::new();
        for id in ids {
            t.row(&p, id, &outcome, &mut out);
        }
        t.finish(&p, &mut out);
        let text = String::from_utf8(out).unwrap();
        assert!(text
            .lines()
            .any(|l| l.starts_with("a-much-longer-unit-id ")));
        assert!(text.starts_with(&format!("{:<21} ", "unit")));
    }
}
