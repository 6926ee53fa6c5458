//! The report as CSV: one file per table, for scripts and spreadsheets. The header row is in the
//! report's language; percentages (columns whose header says `(%)`) are percent values (0–100)
//! with 4 decimals, scores have the survey's display decimals plus 2, so nothing is lost to
//! rounding that a script would need. Numbers are written in the CSV dialect's notation: a
//! decimal point (`standard`), or a decimal comma with `;` between fields and a byte-order mark
//! (`excel-lv`).

use super::{percent, Cell, Report, Table};
use crate::render::dialect::CsvDialect;
use std::io::{self, Write};
use std::path::Path;

fn text(report: &Report, c: &Cell, dialect: CsvDialect) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n, d) => dialect.number(&n.format(d + 2, report.rounding)),
        Cell::Exact(n) => dialect.number(&n.to_string()),
        Cell::Share(s) => percent(*s).map_or_else(String::new, |v| {
            dialect.number(&v.format(4, report.rounding))
        }),
        Cell::Empty => String::new(),
    }
}

/// Writes one table: the dialect's preamble, a header row, then the rows.
pub fn write_table(
    report: &Report,
    t: &Table,
    dialect: CsvDialect,
    w: &mut dyn Write,
) -> io::Result<()> {
    w.write_all(dialect.preamble().as_bytes())?;
    let mut out = dialect.builder().from_writer(w);
    out.write_record(&t.columns)?;
    for r in &t.rows {
        out.write_record(r.iter().map(|c| text(report, c, dialect)))?;
    }
    out.flush()
}

/// Writes every table to `<dir>/<id>.csv` (creating the folder).
pub fn write_dir(report: &Report, dialect: CsvDialect, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for t in &report.tables {
        let mut f = io::BufWriter::new(std::fs::File::create(dir.join(format!("{}.csv", t.id)))?);
        write_table(report, t, dialect, &mut f)?;
        f.flush()?;
    }
    Ok(())
}
