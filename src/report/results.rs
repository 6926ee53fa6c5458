//! `eval --format xlsx` (or `-o results.xlsx`): the results as an Excel workbook of one sheet,
//! `results`, with the columns of `eval --format csv`, written by the report's workbook writer
//! (`report::xlsx`: title row, note, frozen header, fitted widths).
//!
//! Scores are numbers shown with the survey's display decimals (the cell holds the exact score's
//! nearest binary float, as in the report's workbook), levels and the number of sections used
//! are whole numbers, a missing score is an empty cell. A workbook is written whole, so the rows
//! are collected during the run ([`results_row`]) and written at its end ([`write_xlsx`]).

use super::{Cell, Report, Table, TableKind};
use crate::eval::{EvalError, IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::render::status_text;
use std::path::Path;

/// The columns of `eval --format csv`: unit, each section's score and level, index, index level,
/// sections used, status.
fn columns(p: &Program) -> Vec<String> {
    let mut columns = vec!["unit".to_string()];
    for s in &p.sections {
        columns.push(format!("{}_score", s.id));
        columns.push(format!("{}_level", s.id));
    }
    columns.extend(["index", "index_level", "sections_used", "status"].map(String::from));
    columns
}

/// One unit's row, the cells of its CSV row.
pub fn results_row(p: &Program, unit: &str, outcome: &Result<UnitOutcome, EvalError>) -> Vec<Cell> {
    let d = p.survey.display;
    let mut row = vec![Cell::Text(unit.to_string())];
    let Ok(o) = outcome else {
        row.extend((0..2 * p.sections.len() + 3).map(|_| Cell::Empty));
        row.push(Cell::Text(status_text(p, outcome)));
        return row;
    };
    for s in &o.sections {
        match s {
            Ok(s) => row.extend([Cell::Number(s.score, d), Cell::Int(u64::from(s.level))]),
            Err(_) => row.extend([Cell::Empty, Cell::Empty]),
        }
    }
    match &o.index {
        IndexOutcome::Computed { value, level, .. } => {
            row.extend([Cell::Number(*value, d), Cell::Int(u64::from(*level))]);
        }
        IndexOutcome::NotComputable { .. } => row.extend([Cell::Empty, Cell::Empty]),
    }
    row.push(Cell::Int(o.section_count() as u64));
    row.push(Cell::Text(match &o.index {
        IndexOutcome::Computed { .. } => "evaluated".to_string(),
        IndexOutcome::NotComputable { .. } => status_text(p, outcome),
    }));
    row
}

/// Writes the workbook of `rows` (from [`results_row`], in output order) to `path`.
pub fn write_xlsx(
    p: &Program,
    rows: Vec<Vec<Cell>>,
    path: &Path,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let d = p.survey.display;
    let table = Table {
        id: "results".into(),
        kind: TableKind::Results,
        title: "Rezultāti pa vienībām".into(),
        notes: vec![format!(
            "One row per unit, in input order, with the columns of `eindex eval --format csv`: each section's score (0–100, {d} decimal{}) and level, the {} and its level; empty where the unit has no score.",
            crate::text::plural_s(d),
            p.index.title,
        )],
        columns: columns(p),
        rows,
        chart: None,
    };
    let report = Report {
        title: p.survey.name.clone(),
        tables: vec![table],
        rounding: p.survey.rounding,
        lang: p.schema.language,
    };
    crate::report::xlsx::write(&report, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{CsvKind, CsvRows};

    /// The workbook's columns are the CSV's, and a row has one cell per column.
    #[test]
    fn columns_are_the_csv_columns() {
        let rs = crate::ruleset::load(Path::new("tests/cases/constraints/ruleset")).unwrap();
        let p = rs.program.expect("the ruleset compiles");
        let mut head = Vec::new();
        CsvRows::new(CsvKind::Scores).header(&p, &mut head);
        let head = String::from_utf8(head).unwrap();
        assert_eq!(head.trim_end().split(',').collect::<Vec<_>>(), columns(&p));
        let row = results_row(&p, "U1", &Err(EvalError::default()));
        assert_eq!(row.len(), columns(&p).len());
    }
}
