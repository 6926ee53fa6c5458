//! The analysis as Markdown: the same tables as the text report, as pipe tables.

use super::text::{method_line, summary, unit_cells};
use super::{by_rank, Names};
use crate::l10n::Arg;
use crate::robust::result::Analysis;

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
    format!("| {} |\n", cells.join(" | "))
}

fn head(cells: &[String]) -> String {
    let mut s = row(cells);
    s.push_str(&format!("|{}\n", " --- |".repeat(cells.len())));
    s
}

/// The whole Markdown report.
pub fn markdown(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let mut out = format!(
        "# {}\n\n",
        m.f("robust-title", &[("survey", Arg::Str(&n.survey))])
    );
    out.push_str(&method_line(a, n));
    out.push_str("\n\n## ");
    out.push_str(&m.f("robust-inputs", &[("n", Arg::from(a.inputs.len()))]));
    out.push_str("\n\n");
    out.push_str(&head(&[
        m.t("robust-head-input"),
        m.t("robust-head-values"),
        m.t("robust-head-nominal"),
        m.t("robust-head-declared"),
    ]));
    for i in &a.inputs {
        out.push_str(&row(&[
            format!("`{}`", i.name),
            super::text::values_text(&i.values, n),
            i.nominal.clone(),
            i.at.clone(),
        ]));
    }
    out.push_str("\n## ");
    out.push_str(&m.t("robust-units"));
    out.push_str("\n\n");
    out.push_str(&head(&[
        m.t("robust-head-rank"),
        m.t("robust-head-unit"),
        n.index.clone(),
        m.t("robust-head-level"),
        m.t("robust-head-probability"),
        m.t("robust-head-ranks"),
        m.t("robust-head-other-levels"),
        m.t("robust-head-movers"),
    ]));
    for u in by_rank(a) {
        // the text table's cells, the mark joined to the probability
        let mut cells = unit_cells(a, n, u);
        let mark = cells.remove(5);
        cells[4] = format!("{} {mark}", cells[4]).trim().to_string();
        out.push_str(&row(&cells));
    }
    out.push_str("\n## ");
    out.push_str(&m.t("robust-sensitivity"));
    out.push_str("\n\n");
    out.push_str(&head(&[
        m.t("robust-head-input"),
        m.t("robust-head-rank-s1"),
        m.t("robust-head-rank-st"),
        m.t("robust-head-level-s1"),
        m.t("robust-head-level-st"),
    ]));
    for s in &a.sensitivity {
        out.push_str(&row(&[
            format!("`{}`", s.input),
            n.index_value(s.rank_shift.first),
            n.index_value(s.rank_shift.total),
            n.index_value(s.level_change.first),
            n.index_value(s.level_change.total),
        ]));
    }
    out.push('\n');
    out.push_str(&summary(a, n));
    out
}
