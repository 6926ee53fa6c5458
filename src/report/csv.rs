//! The report as CSV: one file per table, for scripts. Shares are fractions (0..1) with 6
//! decimals, scores have the survey's display decimals plus 2, so nothing is lost to rounding
//! that a script would need.

use super::{Cell, Report, Table};
use std::io::{self, Write};
use std::path::Path;

fn text(report: &Report, c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Number(n, d) => n.format(d + 2, report.rounding),
        Cell::Exact(n) => n.to_string(),
        Cell::Share(s) => s.format(6, report.rounding),
        Cell::Empty => String::new(),
    }
}

/// Writes one table: a header row, then the rows.
pub fn write_table(report: &Report, t: &Table, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(&t.columns)?;
    for r in &t.rows {
        out.write_record(r.iter().map(|c| text(report, c)))?;
    }
    out.flush()
}

/// Writes every table to `<dir>/<id>.csv` (creating the folder).
pub fn write_dir(report: &Report, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for t in &report.tables {
        let mut f = io::BufWriter::new(std::fs::File::create(dir.join(format!("{}.csv", t.id)))?);
        write_table(report, t, &mut f)?;
        f.flush()?;
    }
    Ok(())
}
