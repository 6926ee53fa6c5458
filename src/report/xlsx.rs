//! The report as an Excel workbook (rust_xlsxwriter): the results per unit first (the Annex 1
//! layout), one sheet per table, the provenance last. Each sheet has a title row, the notes
//! (base and definitions), a frozen header, percentage formats and fitted column widths.
//!
//! Cells hold numbers, not text: an exact score is written as the nearest binary float and shown
//! with the survey's display decimals, so the workbook can be recomputed. A percentage (a column
//! whose header says `(%)`) holds the percent value (0–100, e.g. 91.89…), shown whole like the
//! report prints it; Excel shows the decimal mark of its own locale.

use super::{cell_text, percent, Cell, Report, Table, TableKind};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use std::collections::HashSet;
use std::path::Path;

/// A valid, unique sheet name (at most 31 characters, none of `[]:*?/\`).
pub fn sheet_name(id: &str, used: &mut HashSet<String>) -> String {
    let base: String = id
        .strip_prefix("answers_")
        .unwrap_or(id)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let cut = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
    let mut name = cut(&base, 31);
    let mut k = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!("~{k}");
        name = format!("{}{suffix}", cut(&base, 31 - suffix.len()));
        k += 1;
    }
    used.insert(name.to_lowercase());
    name
}

fn decimals_format(d: u32) -> String {
    if d == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(d as usize))
    }
}

fn write_sheet(wb: &mut Workbook, report: &Report, t: &Table, name: &str) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(13);
    let note = Format::new().set_italic().set_font_color("#555555");
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("#EEF2F7");
    let pct = Format::new().set_num_format("0");
    let int = Format::new().set_num_format("0");
    let decimals: Vec<Format> = (0..=9)
        .map(|d| Format::new().set_num_format(decimals_format(d)))
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, &t.title, &title)?;
    let mut row = 1u32;
    for n in &t.notes {
        ws.write_string_with_format(row, 0, n, &note)?;
        row += 1;
    }
    row += 1;
    let header = row;
    let mut widths: Vec<usize> = t
        .columns
        .iter()
        .map(|c| c.chars().count().min(24))
        .collect();
    for (c, h) in t.columns.iter().enumerate() {
        ws.write_string_with_format(header, c as u16, h, &head)?;
    }
    for r in &t.rows {
        row += 1;
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(row, col, s)?;
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(row, col, *n as f64, &int)?;
                }
                Cell::Number(n, d) => {
                    let f = &decimals[(*d as usize).min(decimals.len() - 1)];
                    ws.write_number_with_format(row, col, n.to_f64(), f)?;
                }
                Cell::Exact(n) => {
                    ws.write_number(row, col, n.to_f64())?;
                }
                Cell::Share(s) => {
                    if let Some(v) = percent(*s) {
                        ws.write_number_with_format(row, col, v.to_f64(), &pct)?;
                    }
                }
                Cell::Empty => {}
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell_text(report, cell).chars().count());
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    let frozen_cols = match t.kind {
        TableKind::Results => 1,
        TableKind::Provenance => 0,
        _ => 2,
    };
    ws.set_freeze_panes(header + 1, frozen_cols)?;
    Ok(())
}

/// Writes the workbook. The results sheet comes first, the provenance last, whatever their
/// order in the report.
pub fn write(report: &Report, path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let mut used = HashSet::new();
    let mut order: Vec<&Table> = Vec::new();
    order.extend(
        report
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::Results),
    );
    order.extend(
        report
            .tables
            .iter()
            .filter(|t| !matches!(t.kind, TableKind::Results | TableKind::Provenance)),
    );
    order.extend(
        report
            .tables
            .iter()
            .filter(|t| t.kind == TableKind::Provenance),
    );
    for t in order {
        let name = sheet_name(&t.id, &mut used);
        write_sheet(&mut wb, report, t, &name)?;
    }
    wb.save(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_and_unique() {
        let mut used = HashSet::new();
        let a = sheet_name("answers_q_service_applications_electronic_x", &mut used);
        let b = sheet_name("answers_q_service_applications_electronic_y", &mut used);
        assert_eq!(a.chars().count(), 31);
        assert!(b.chars().count() <= 31);
        assert_ne!(a, b);
        assert_eq!(sheet_name("a/b", &mut used), "a_b");
    }
}
