//! `eval --format xlsx` (or `-o results.xlsx`): the results as an Excel workbook of one sheet
//! with the columns of `eval --format csv` (machine ids in the header, level names in the
//! chosen language), under a title row and a note in that language; frozen header and unit
//! column, fitted widths.
//!
//! Scores are numbers shown with the survey's display decimals (the cell holds the exact score's
//! nearest binary float; Excel shows the decimal mark of its own locale), levels and the number
//! of sections used are whole numbers, a missing score is an empty cell. A workbook is written
//! whole, so the rows are collected during the run ([`results_row`]) and written at its end
//! ([`write_xlsx`]).

use super::{level_name_in, score_columns, status_text};
use crate::eval::{EvalError, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::path::Path;

/// A cell of the results sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    Text(String),
    Int(u64),
    /// A score, shown with the survey's display decimals.
    Score(Num),
    Empty,
}

/// One unit's row: the cells of its CSV row (with the level names in `lang`).
pub fn results_row(
    p: &Program,
    lang: Lang,
    unit: &str,
    outcome: &Result<UnitOutcome, EvalError>,
) -> Vec<XlsxCell> {
    let mut row = vec![XlsxCell::Text(unit.to_string())];
    let level = |l: u8| {
        [
            XlsxCell::Int(u64::from(l)),
            XlsxCell::Text(level_name_in(p, l, lang).to_string()),
        ]
    };
    let Ok(o) = outcome else {
        row.extend((0..3 * (p.sections.len() + 1) + 1).map(|_| XlsxCell::Empty));
        row.push(XlsxCell::Text(status_text(p, outcome)));
        return row;
    };
    for s in &o.sections {
        match s {
            Ok(s) => {
                row.push(XlsxCell::Score(s.score));
                row.extend(level(s.level));
            }
            Err(_) => row.extend([XlsxCell::Empty, XlsxCell::Empty, XlsxCell::Empty]),
        }
    }
    match &o.index {
        IndexOutcome::Computed {
            value, level: l, ..
        } => {
            row.push(XlsxCell::Score(*value));
            row.extend(level(*l));
        }
        IndexOutcome::NotComputable { .. } => {
            row.extend([XlsxCell::Empty, XlsxCell::Empty, XlsxCell::Empty]);
        }
    }
    row.push(XlsxCell::Int(o.section_count() as u64));
    row.push(XlsxCell::Text(match &o.index {
        IndexOutcome::Computed { .. } => "evaluated".to_string(),
        IndexOutcome::NotComputable { .. } => status_text(p, outcome),
    }));
    row
}

/// The text a cell shows (for the column widths).
fn shown(p: &Program, c: &XlsxCell) -> String {
    match c {
        XlsxCell::Text(s) => s.clone(),
        XlsxCell::Int(n) => n.to_string(),
        XlsxCell::Score(v) => v.format(p.survey.display, p.survey.rounding),
        XlsxCell::Empty => String::new(),
    }
}

/// Writes the workbook of `rows` (from [`results_row`], in output order) to `path`.
pub fn write_xlsx(
    p: &Program,
    lang: Lang,
    rows: &[Vec<XlsxCell>],
    path: &Path,
) -> Result<(), XlsxError> {
    let m = lang.messages();
    let d = p.survey.display;
    let columns = score_columns(p, true);
    let title = Format::new().set_bold().set_font_size(13);
    let note_format = Format::new().set_italic().set_font_color("#555555");
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("#EEF2F7");
    let int = Format::new().set_num_format("0");
    let score = Format::new().set_num_format(if d == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(d as usize))
    });
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    // the sheet's name stays `results` in every language: scripts open it by name
    ws.set_name("results")?;
    ws.write_string_with_format(0, 0, m.t("eval-xlsx-title"), &title)?;
    let note = m.f(
        "eval-xlsx-note",
        &[
            ("decimals", Arg::from(d as usize)),
            ("survey", Arg::Str(&p.survey.name)),
        ],
    );
    ws.write_string_with_format(1, 0, note, &note_format)?;
    let header = 3;
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count().min(24)).collect();
    for (c, h) in columns.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, h, &head)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = header + 1 + i as u32;
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            match cell {
                XlsxCell::Text(s) => {
                    ws.write_string(row, col, s)?;
                }
                XlsxCell::Int(n) => {
                    ws.write_number_with_format(row, col, *n as f64, &int)?;
                }
                XlsxCell::Score(v) => {
                    ws.write_number_with_format(row, col, v.to_f64(), &score)?;
                }
                XlsxCell::Empty => {}
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(shown(p, cell).chars().count());
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    ws.set_freeze_panes(header + 1, 1)?;
    wb.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row has one cell per column, whatever the outcome.
    #[test]
    fn a_row_has_a_cell_per_column() {
        let rs = crate::ruleset::load(Path::new("tests/cases/constraints/ruleset")).unwrap();
        let p = rs.program.expect("the ruleset compiles");
        let columns = score_columns(&p, true);
        let row = results_row(&p, Lang::Lv, "U1", &Err(EvalError::default()));
        assert_eq!(row.len(), columns.len());
        let plan = crate::plan::lower(&p);
        let mut ev = crate::eval::Evaluator::new(&plan);
        let outcome = ev.eval(&vec![crate::value::Value::UNANSWERED; plan.n_slots]);
        assert_eq!(
            results_row(&p, Lang::En, "U1", &outcome).len(),
            columns.len()
        );
    }
}
