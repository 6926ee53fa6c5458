//! `eval --format table`: a table for the terminal, written row by row, in the language of
//! `--lang` (default: the survey's).
//!
//! Each unit takes two lines: its scores (with the survey's display decimals and the language's
//! decimal mark), and under each score its level with the level's name (`2 intuitīvs`). The
//! heads are the sections' titles in the language, wrapped over two lines (a title longer than
//! two lines is cut with `…`, and then every section's full title is listed under the table);
//! the legend lists every level the ruleset declares, level 0 included. A column is as wide as
//! the longest level label, so the 2022 model's table is 120 characters wide with a 35-character
//! unit column.
//!
//! The unit column is as wide as the longest unit id among the first [`TABLE_BLOCK`] rows (4 to
//! 36 characters). Those rows are held until the width is known, then written, and every later
//! row is written at once with the same width (a longer id is cut to it), so that the memory a
//! table takes does not grow with the number of units. The table's words are in the message
//! catalogue (`src/l10n/*/tables.ftl`).

use super::{declared_levels, fmt_score, level_label, section_title, status_words};
use crate::eval::{EvalError, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::l10n::Lang;
use crate::num::Num;
use std::fmt::Write as _;

/// The rows held to fix the width of the unit column.
pub const TABLE_BLOCK: usize = 1000;

/// A section or index without a score.
const NONE: &str = "–";

/// The space between columns.
const GAP: &str = "  ";

/// The narrowest and widest unit column.
const UNIT_WIDTH: (usize, usize) = (4, 36);

/// The narrowest score column.
const MIN_COLUMN: usize = 8;

/// A table being written: the heads, and the first rows until the unit column's width is fixed.
pub struct TableRows {
    lang: Lang,
    /// Each section's head, on two lines.
    heads: Vec<(String, String)>,
    /// Whether a section's title was cut in its head.
    cut: bool,
    /// The width of a score column.
    col_w: usize,
    /// The width of the widest score (`100.0`).
    score_w: usize,
    /// The unit column's width, once fixed.
    unit_w: Option<usize>,
    /// The first rows, until the width is fixed: each unit id and the rest of its row.
    held: Vec<(String, String)>,
    block: usize,
}

impl TableRows {
    pub fn new(p: &Program, lang: Lang) -> Self {
        TableRows::with_block(p, lang, TABLE_BLOCK)
    }

    /// A table whose unit column's width is fixed by its first `block` rows (tests use small
    /// blocks).
    pub fn with_block(p: &Program, lang: Lang, block: usize) -> Self {
        let score_w = lang.decimal(&fmt_score(p, Num::HUNDRED)).chars().count();
        let col_w = declared_levels(p)
            .map(|l| level_label(p, l.number, lang).chars().count())
            .chain([score_w, MIN_COLUMN])
            .max()
            .unwrap_or(MIN_COLUMN);
        let mut cut = false;
        let heads = (0..p.sections.len())
            .map(|s| {
                let (a, b, was_cut) = wrap(section_title(p, s, lang), col_w);
                cut |= was_cut;
                (a, b)
            })
            .collect();
        TableRows {
            lang,
            heads,
            cut,
            col_w,
            score_w,
            unit_w: None,
            held: Vec::new(),
            block: block.max(1),
        }
    }

    /// The row of a unit without its id (the part that does not depend on the unit column's
    /// width): its two lines, each cell after [`GAP`]: the scores (and the status when the
    /// index is not computable), then the levels.
    pub fn cells(&self, p: &Program, outcome: &Result<UnitOutcome, EvalError>) -> String {
        let (col_w, score_w, lang) = (self.col_w, self.score_w, self.lang);
        let mut scores = String::new();
        let mut levels = String::new();
        let mut cell = |score: Option<(Num, u8)>| match score {
            Some((v, l)) => {
                let v = lang.decimal(&fmt_score(p, v));
                let v = format!("{v:>score_w$}");
                let _ = write!(scores, "{GAP}{v:<col_w$}");
                let _ = write!(levels, "{GAP}{:<col_w$}", level_label(p, l, lang));
            }
            None => {
                let _ = write!(
                    scores,
                    "{GAP}{NONE:>score_w$}{:<w$}",
                    "",
                    w = col_w - score_w
                );
                let _ = write!(levels, "{GAP}{:<col_w$}", "");
            }
        };
        match outcome {
            Ok(o) => {
                for sec in &o.sections {
                    cell(sec.as_ref().ok().map(|x| (x.score, x.level)));
                }
                cell(match &o.index {
                    IndexOutcome::Computed { value, level, .. } => Some((*value, *level)),
                    IndexOutcome::NotComputable { .. } => None,
                });
                let status = status_words(p, outcome, lang);
                if !status.is_empty() {
                    let _ = write!(scores, "{GAP}{status}");
                }
            }
            Err(_) => {
                let _ = write!(scores, "{GAP}{}", status_words(p, outcome, lang));
            }
        }
        let (scores, levels) = (scores.trim_end(), levels.trim_end());
        if levels.is_empty() {
            scores.to_string()
        } else {
            format!("{scores}\n{levels}")
        }
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
        let m = self.lang.messages();
        let unit_word = m.t("eval-table-unit");
        let w = self
            .held
            .iter()
            .map(|(u, _)| u.chars().count())
            .chain([unit_word.chars().count()])
            .max()
            .unwrap_or(0)
            .clamp(UNIT_WIDTH.0, UNIT_WIDTH.1);
        self.unit_w = Some(w);
        let col_w = self.col_w;
        let mut first = format!("{unit_word:<w$}");
        let mut second = format!("{:<w$}", "");
        for (a, b) in &self.heads {
            let _ = write!(first, "{GAP}{a:<col_w$}");
            let _ = write!(second, "{GAP}{b:<col_w$}");
        }
        // a unit not evaluated has its status after the index: `nav aprēķināms: …`
        let _ = write!(first, "{GAP}{}", m.t("index-title"));
        let mut s = format!("{}\n", first.trim_end());
        if !second.trim().is_empty() {
            let _ = writeln!(s, "{}", second.trim_end());
        }
        out.extend_from_slice(s.as_bytes());
        for (unit, cells) in std::mem::take(&mut self.held) {
            write_row(&unit, &cells, w, out);
        }
    }

    /// Ends the table: the rows still held, then the legend (every level the ruleset declares)
    /// and, when a section's title was cut in its head, every section's full title.
    pub fn finish(&mut self, p: &Program, out: &mut Vec<u8>) {
        if self.unit_w.is_none() {
            self.release(out);
        }
        let lang = self.lang;
        let m = lang.messages();
        let levels: Vec<String> = declared_levels(p)
            .map(|l| level_label(p, l.number, lang))
            .collect();
        let mut s = format!("\n{}: {}\n", m.t("eval-table-levels"), levels.join(", "));
        if self.cut {
            let _ = writeln!(s, "{}:", m.t("eval-table-sections"));
            for (i, sec) in p.sections.iter().enumerate() {
                let _ = writeln!(s, "  {} ({})", section_title(p, i, lang), sec.id);
            }
        }
        out.extend_from_slice(s.as_bytes());
    }
}

/// A row: the unit id cut to and padded to `w` characters, then its cells (a second line under
/// the first, after `w` spaces).
fn write_row(unit: &str, cells: &str, w: usize, out: &mut Vec<u8>) {
    let name: String = unit.chars().take(w).collect();
    let mut lines = cells.split('\n');
    let mut s = format!("{name:<w$}{}", lines.next().unwrap_or(""));
    for l in lines {
        let _ = write!(s, "\n{:<w$}{l}", "");
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    out.extend_from_slice(s.as_bytes());
}

/// A title on two lines of at most `w` characters, broken between words; what does not fit is
/// cut with `…` (the `bool`: whether it was).
fn wrap(title: &str, w: usize) -> (String, String, bool) {
    let mut lines = [String::new(), String::new()];
    let mut line = 0;
    let mut cut = false;
    for word in title.split_whitespace() {
        let len = |s: &String| s.chars().count();
        let fits = |s: &String| len(s) + usize::from(!s.is_empty()) + word.chars().count() <= w;
        if line == 0 && !fits(&lines[0]) && !lines[0].is_empty() {
            line = 1;
        }
        if fits(&lines[line]) {
            if !lines[line].is_empty() {
                lines[line].push(' ');
            }
            lines[line].push_str(word);
        } else {
            // the rest does not fit: end the line with `…`
            let l = &mut lines[line];
            if l.is_empty() {
                *l = word.chars().take(w.saturating_sub(1)).collect();
            } else if len(l) + 1 > w {
                // the line's last word gives way to `…` (a single word is cut)
                *l = match l.rfind(' ') {
                    Some(i) => l[..i].to_string(),
                    None => l.chars().take(w.saturating_sub(1)).collect(),
                };
            }
            l.push('…');
            cut = true;
            break;
        }
    }
    let [a, b] = lines;
    (a, b, cut)
}

/// The whole table of `results` (the in-memory path of `eval`; the streamed one writes the
/// same rows through [`TableRows`]).
pub fn table(p: &Program, lang: Lang, results: &[super::UnitResult<'_>]) -> String {
    let mut rows = TableRows::new(p, lang);
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
        let mut t = TableRows::with_block(&p, Lang::En, 2);
        let mut out = Vec::new();
        t.row(&p, ids[0], &outcome, &mut out);
        assert!(out.is_empty(), "held until the block is full");
        t.row(&p, ids[1], &outcome, &mut out);
        let heads = String::from_utf8(out.clone()).unwrap();
        // the heads (one line: no title is wrapped), a line per unit (no level: no second line)
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
        assert!(text.contains("\nLevels: 1, 2, 3, 4, 5\n"), "{text}");
        // every row in one block: as wide as the longest id
        let mut t = TableRows::new(&p, Lang::En);
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

    /// The 2022 model in Latvian: level names under the scores, decimal commas, the section
    /// titles wrapped, every declared level (0 too) in the legend, 120 characters at most.
    #[test]
    fn levels_by_name_in_the_language() {
        let p = crate::ruleset::load(std::path::Path::new("rules/2022"))
            .expect("loads")
            .program
            .expect("checks");
        let plan = crate::plan::lower(&p);
        let mut ev = Evaluator::new(&plan);
        let spec = crate::input::InputSpec::new("data/2022/synthetic-submissions-2022.csv", None);
        let loaded = crate::input::load(&p.schema, &[spec], &Default::default());
        let unit = &loaded.units[0];
        assert_eq!(unit.id, "Aizkraukles novada pašvaldība");
        // 56.0 (2), 42.0 (2), 50.0 (1), 52.0 (3), 0.0 (0); index 44.2 (2)
        let outcome = ev.eval(&unit.answers);
        let mut t = TableRows::new(&p, Lang::Lv);
        let mut out = Vec::new();
        t.row(&p, &unit.id, &outcome, &mut out);
        t.finish(&p, &mut out);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("vienība "), "{text}");
        assert!(lines[0].contains("  Saziņa ar  "), "{text}");
        assert!(lines[0].ends_with("  E-indekss"), "{text}");
        assert!(lines[1].contains("  sabiedrību…"), "{text}");
        assert_eq!(
            lines[2],
            "Aizkraukles novada pašvaldība   56,0          42,0          50,0          52,0           0,0          44,2"
        );
        assert_eq!(
            lines[3],
            "                               2 intuitīvs   2 intuitīvs   1 situatīvs   3 definēts    0 0%          2 intuitīvs"
        );
        assert!(
            text.contains(
                "\nLīmeņi: 0 0%, 1 situatīvs, 2 intuitīvs, 3 definēts, 4 pārvaldīts, 5 optimāls\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("\n  Atvērto datu pieejamība (open_data)\n"),
            "{text}"
        );
        for l in text.lines() {
            assert!(l.chars().count() <= 120, "{l}");
        }
        let en = table_text(&p, Lang::En, &outcome);
        assert!(
            en.contains("\nLevels: 0 zero score, 1 situational, 2 intuitive"),
            "{en}"
        );
        assert!(
            en.lines().nth(3).unwrap().contains("  1 situational  "),
            "{en}"
        );
        assert!(en.lines().nth(2).unwrap().contains("  56.0  "), "{en}");
    }

    fn table_text(p: &Program, lang: Lang, outcome: &Result<UnitOutcome, EvalError>) -> String {
        let mut t = TableRows::new(p, lang);
        let mut out = Vec::new();
        t.row(p, "U", outcome, &mut out);
        t.finish(p, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn titles_wrap_over_two_lines() {
        let w = |t: &str, n: usize| wrap(t, n);
        assert_eq!(
            w("Atvērto datu pieejamība", 12),
            ("Atvērto datu".into(), "pieejamība".into(), false)
        );
        assert_eq!(
            w("Saziņa ar sabiedrību un līdzdalība", 12),
            ("Saziņa ar".into(), "sabiedrību…".into(), true)
        );
        assert_eq!(
            w("Pakalpojumu pārvaldības sistēma", 12),
            ("Pakalpojumu".into(), "pārvaldības…".into(), true)
        );
        assert_eq!(w("Dati", 12), ("Dati".into(), String::new(), false));
        assert_eq!(
            w("Internal processes and inter-institutional cooperation", 13),
            ("Internal".into(), "processes…".into(), true)
        );
        assert_eq!(
            w("Neizrunājamsgarumvārds", 8),
            ("Neizrun…".into(), String::new(), true)
        );
    }
}
