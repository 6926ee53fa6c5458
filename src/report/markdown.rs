//! The report as Markdown: one section per table, for reading and pasting. Numbers are written
//! in the report's language (`48,6` in Latvian).

use super::{cell_text, Cell, Report, Table};
use crate::text::{escape_markdown, Md};

/// Escapes text for a Markdown table cell or note.
fn esc(s: &str) -> String {
    escape_markdown(s, Md::Cell)
}

/// Right-aligns numeric columns.
fn numeric_column(t: &Table, c: usize) -> bool {
    t.rows.iter().any(|r| {
        matches!(
            r.get(c),
            Some(Cell::Int(_) | Cell::Number(..) | Cell::Exact(_) | Cell::Share(_))
        )
    }) && t
        .rows
        .iter()
        .all(|r| !matches!(r.get(c), Some(Cell::Text(_))))
}

/// One table: `## title`, its notes, the table.
pub fn table(report: &Report, t: &Table) -> String {
    let mut s = format!("## {}\n\n", t.title);
    s.push_str(&format!("`{}`\n\n", t.id));
    for n in &t.notes {
        s.push_str(&format!("{}\n\n", esc(n)));
    }
    if t.rows.is_empty() {
        s.push_str(&report.lang.messages().t("report-no-rows"));
        s.push_str("\n\n");
        return s;
    }
    let heads: Vec<String> = t.columns.iter().map(|c| esc(c)).collect();
    s.push_str(&format!("| {} |\n", heads.join(" | ")));
    let aligns: Vec<&str> = (0..t.columns.len())
        .map(|c| if numeric_column(t, c) { "---:" } else { "---" })
        .collect();
    s.push_str(&format!("| {} |\n", aligns.join(" | ")));
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|c| esc(&cell_text(report, c))).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s.push('\n');
    s
}

/// The whole report: a title, a list of tables, then every table.
pub fn render(report: &Report) -> String {
    let mut s = format!("# {}\n\n", report.title);
    for t in &report.tables {
        s.push_str(&format!("- `{}`: {}\n", t.id, esc(&t.title)));
    }
    s.push('\n');
    for t in &report.tables {
        s.push_str(&table(report, t));
    }
    s
}
