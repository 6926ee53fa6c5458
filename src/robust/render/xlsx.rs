//! The analysis as an Excel workbook (rust_xlsxwriter): one sheet per table — the summary, the
//! inputs, the units, the index level probabilities, the section level probabilities, the Sobol
//! indices and the moves (unit × input). Headers in the report's language, a frozen header row,
//! numbers as numbers: probabilities are the shares of `--format json` (0–1) shown as percents,
//! Sobol indices with three decimals. The file is the same bytes on every run (a fixed creation
//! date).

use super::text::{method_line, summary};
use super::{by_rank, nominal_probability, Names};
use crate::l10n::Arg;
use crate::robust::result::{Analysis, Indices, LevelProbs, Method, UnitResult};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};
use std::collections::HashSet;
use std::path::Path;

/// A cell of a sheet.
enum Cell {
    Text(String),
    /// A count or a rank.
    Int(i64),
    /// A number with this many decimals.
    Num(f64, usize),
    /// A probability (0–1), shown as a percent.
    Pct(f64),
    Bool(bool),
    Empty,
}

impl Cell {
    /// Its width in characters, for the column width.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            Cell::Int(n) => n.to_string().len(),
            Cell::Num(_, d) => d + 4,
            Cell::Pct(_) => 7,
            Cell::Bool(_) => 6,
            Cell::Empty => 0,
        }
    }
}

fn opt_int(v: Option<u32>) -> Cell {
    v.map_or(Cell::Empty, |r| Cell::Int(i64::from(r)))
}

fn opt_index(v: Option<f64>) -> Cell {
    match v {
        Some(x) if x.is_finite() => Cell::Num(x, 3),
        _ => Cell::Empty,
    }
}

/// One sheet: its name, header and rows.
struct Sheet {
    name: String,
    head: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Columns frozen at the left (the unit's name).
    frozen_cols: u16,
}

/// A valid, unique sheet name: at most 31 characters, none of `[]:*?/\`, no leading or trailing
/// apostrophe, not empty.
fn sheet_name(title: &str, used: &mut HashSet<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let base = if clean.is_empty() { "sheet" } else { clean };
    let cut = |s: &str, n: usize| -> String { s.chars().take(n).collect() };
    let mut name = cut(base, 31);
    let mut k = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" {k}");
        name = format!("{}{suffix}", cut(base, 31 - suffix.len()));
        k += 1;
    }
    used.insert(name.to_lowercase());
    name
}

fn write_sheet(wb: &mut Workbook, s: &Sheet) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("#EEF2F7");
    let int = Format::new().set_num_format("0");
    let pct = Format::new().set_num_format("0.0%");
    let decimals: Vec<Format> = (0..=6)
        .map(|d| match d {
            0 => Format::new().set_num_format("0"),
            d => Format::new().set_num_format(format!("0.{}", "0".repeat(d))),
        })
        .collect();
    let ws = wb.add_worksheet();
    ws.set_name(&s.name)?;
    let mut widths: Vec<usize> = s.head.iter().map(|h| h.chars().count().min(18)).collect();
    for (c, h) in s.head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(t) => ws.write_string(r, col, t).map(|_| ())?,
                Cell::Int(n) => ws
                    .write_number_with_format(r, col, *n as f64, &int)
                    .map(|_| ())?,
                Cell::Num(x, d) => {
                    let f = &decimals[(*d).min(decimals.len() - 1)];
                    ws.write_number_with_format(r, col, *x, f).map(|_| ())?
                }
                Cell::Pct(p) => ws.write_number_with_format(r, col, *p, &pct).map(|_| ())?,
                Cell::Bool(b) => ws.write_boolean(r, col, *b).map(|_| ())?,
                Cell::Empty => {}
            }
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.width());
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
    }
    ws.set_freeze_panes(1, s.frozen_cols)?;
    Ok(())
}

fn about(a: &Analysis, n: &Names) -> Vec<Vec<Cell>> {
    let mut rows = vec![vec![Cell::Text(method_line(a, n))]];
    rows.extend(
        summary(a, n)
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| vec![Cell::Text(l.to_string())]),
    );
    rows
}

fn inputs(a: &Analysis, n: &Names) -> Sheet {
    let m = n.msg;
    Sheet {
        name: m.t("robust-xlsx-sheet-inputs"),
        head: vec![
            m.t("robust-head-input"),
            m.t("robust-head-values"),
            m.t("robust-xlsx-head-count"),
            m.t("robust-head-nominal"),
            m.t("robust-head-declared"),
        ],
        rows: a
            .inputs
            .iter()
            .map(|i| {
                vec![
                    Cell::Text(i.name.clone()),
                    Cell::Text(i.values.join(", ")),
                    Cell::Int(i.values.len() as i64),
                    Cell::Text(i.nominal.clone()),
                    Cell::Text(i.at.clone()),
                ]
            })
            .collect(),
        frozen_cols: 1,
    }
}

/// The nominal index as a number with the survey's decimals (`"72.6"` → 72.6, one decimal).
fn index_cell(u: &UnitResult) -> Cell {
    let Some(s) = u.nominal_index.as_deref() else {
        return Cell::Empty;
    };
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
    match s.parse::<f64>() {
        Ok(x) => Cell::Num(x, decimals),
        Err(_) => Cell::Text(s.to_string()),
    }
}

fn units(a: &Analysis, n: &Names, order: &[&UnitResult]) -> Sheet {
    let m = n.msg;
    let level_name = |l: Option<u8>| {
        l.and_then(|l| a.levels.iter().find(|x| x.level == l))
            .map_or(Cell::Empty, |x| Cell::Text(x.name.clone()))
    };
    Sheet {
        name: m.t("robust-xlsx-sheet-units"),
        head: vec![
            m.t("robust-head-rank"),
            m.t("robust-head-unit"),
            n.index.clone(),
            m.t("robust-head-level"),
            m.t("robust-xlsx-head-level-name"),
            m.t("robust-head-probability"),
            m.t("robust-xlsx-head-most-likely"),
            m.t("robust-xlsx-head-median"),
            m.t("robust-xlsx-head-p05"),
            m.t("robust-xlsx-head-p95"),
            m.t("robust-xlsx-head-flag"),
            m.t("robust-xlsx-head-holds"),
        ],
        rows: order
            .iter()
            .map(|u| {
                vec![
                    opt_int(u.nominal_rank),
                    Cell::Text(u.unit.clone()),
                    index_cell(u),
                    u.nominal_level.map_or(Cell::Empty, |l| Cell::Int(l.into())),
                    level_name(u.nominal_level),
                    Cell::Pct(nominal_probability(u)),
                    u.most_likely.map_or(Cell::Empty, |l| Cell::Int(l.into())),
                    opt_int(u.rank_median),
                    opt_int(u.rank_p05),
                    opt_int(u.rank_p95),
                    Cell::Bool(u.flag),
                    Cell::Bool(u.holds),
                ]
            })
            .collect(),
        frozen_cols: 2,
    }
}

/// The columns of a level distribution: every level, and `no index` when some unit has a run
/// without one. `dist` picks the distribution of a unit.
fn level_columns<'a>(
    a: &Analysis,
    order: &[&'a UnitResult],
    dist: &dyn Fn(&'a UnitResult) -> Option<&'a LevelProbs>,
) -> (Vec<u8>, bool) {
    let mut levels: Vec<u8> = a.levels.iter().map(|l| l.level).collect();
    for u in order {
        for (l, _) in dist(u).map_or(&[][..], |d| &d.levels[..]) {
            if !levels.contains(l) {
                levels.push(*l);
            }
        }
    }
    levels.sort_unstable();
    let none = order
        .iter()
        .any(|u| dist(u).is_some_and(|d| d.none.count > 0));
    (levels, none)
}

fn distribution_cells(d: Option<&LevelProbs>, levels: &[u8], none: bool) -> Vec<Cell> {
    let mut cells: Vec<Cell> = levels
        .iter()
        .map(|l| match d {
            None => Cell::Empty,
            Some(d) => Cell::Pct(super::level_probability(d, Some(*l))),
        })
        .collect();
    if none {
        cells.push(d.map_or(Cell::Empty, |d| Cell::Pct(d.none.p)));
    }
    cells
}

fn index_levels(a: &Analysis, n: &Names, order: &[&UnitResult]) -> Sheet {
    let m = n.msg;
    let (levels, none) = level_columns(a, order, &|u| Some(&u.index));
    let mut head = vec![m.t("robust-head-rank"), m.t("robust-head-unit")];
    head.extend(levels.iter().map(|l| n.level(a, Some(*l))));
    if none {
        head.push(m.t("robust-no-index"));
    }
    let rows = order
        .iter()
        .map(|u| {
            let mut r = vec![opt_int(u.nominal_rank), Cell::Text(u.unit.clone())];
            r.extend(distribution_cells(Some(&u.index), &levels, none));
            r
        })
        .collect();
    Sheet {
        name: m.t("robust-xlsx-sheet-levels"),
        head,
        rows,
        frozen_cols: 2,
    }
}

fn section_levels(a: &Analysis, n: &Names, order: &[&UnitResult]) -> Sheet {
    let m = n.msg;
    let mut head = vec![m.t("robust-head-rank"), m.t("robust-head-unit")];
    let mut rows: Vec<Vec<Cell>> = order
        .iter()
        .map(|u| vec![opt_int(u.nominal_rank), Cell::Text(u.unit.clone())])
        .collect();
    for (s, id) in a.sections.iter().enumerate() {
        let title = n.sections.get(s).unwrap_or(id);
        let (levels, none) = level_columns(a, order, &|u| u.sections.get(s));
        let mut labels: Vec<String> = levels.iter().map(|l| n.level(a, Some(*l))).collect();
        if none {
            labels.push(m.t("robust-html-no-score"));
        }
        head.extend(labels.iter().map(|l| {
            m.f(
                "robust-xlsx-head-section-level",
                &[("section", Arg::Str(title)), ("level", Arg::Str(l))],
            )
        }));
        for (row, u) in rows.iter_mut().zip(order) {
            row.extend(distribution_cells(u.sections.get(s), &levels, none));
        }
    }
    Sheet {
        name: m.t("robust-xlsx-sheet-sections"),
        head,
        rows,
        frozen_cols: 2,
    }
}

fn sensitivity(a: &Analysis, n: &Names) -> Sheet {
    let m = n.msg;
    let sampled = matches!(a.method, Method::Sampled { .. });
    let mut head = vec![m.t("robust-head-input")];
    for id in [
        "robust-head-rank-s1",
        "robust-head-rank-st",
        "robust-head-level-s1",
        "robust-head-level-st",
    ] {
        let h = m.t(id);
        if sampled {
            head.push(h.clone());
            head.push(m.f("robust-xlsx-head-ci", &[("of", Arg::Str(&h))]));
        } else {
            head.push(h);
        }
    }
    let pairs = |i: &Indices| [(i.first, i.first_ci), (i.total, i.total_ci)];
    let rows = a
        .sensitivity
        .iter()
        .map(|s| {
            let mut r = vec![Cell::Text(s.input.clone())];
            for (v, ci) in pairs(&s.rank_shift)
                .into_iter()
                .chain(pairs(&s.level_change))
            {
                r.push(opt_index(v));
                if sampled {
                    r.push(opt_index(ci));
                }
            }
            r
        })
        .collect();
    Sheet {
        name: m.t("robust-xlsx-sheet-sensitivity"),
        head,
        rows,
        frozen_cols: 1,
    }
}

fn moves(a: &Analysis, n: &Names, order: &[&UnitResult]) -> Sheet {
    let m = n.msg;
    let mut head = vec![m.t("robust-head-rank"), m.t("robust-head-unit")];
    head.extend(a.inputs.iter().map(|i| i.name.clone()));
    let rows = order
        .iter()
        .map(|u| {
            let mut r = vec![opt_int(u.nominal_rank), Cell::Text(u.unit.clone())];
            r.extend(
                (0..a.inputs.len())
                    .map(|i| u.moved_by.get(i).map_or(Cell::Empty, |p| Cell::Pct(*p))),
            );
            r
        })
        .collect();
    Sheet {
        name: m.t("robust-xlsx-sheet-moves"),
        head,
        rows,
        frozen_cols: 2,
    }
}

fn workbook(a: &Analysis, n: &Names) -> Result<Workbook, XlsxError> {
    let m = n.msg;
    let order = by_rank(a);
    let title = m.f("robust-title", &[("survey", Arg::Str(&n.survey))]);
    let mut sheets = vec![Sheet {
        name: m.t("robust-xlsx-sheet-about"),
        head: vec![title.clone()],
        rows: about(a, n),
        frozen_cols: 0,
    }];
    sheets.push(inputs(a, n));
    sheets.push(units(a, n, &order));
    sheets.push(index_levels(a, n, &order));
    sheets.push(section_levels(a, n, &order));
    sheets.push(sensitivity(a, n));
    sheets.push(moves(a, n, &order));
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&created),
    );
    let mut used = HashSet::new();
    for mut s in sheets {
        s.name = sheet_name(&s.name, &mut used);
        write_sheet(&mut wb, &s)?;
    }
    Ok(wb)
}

/// Writes the workbook.
pub fn xlsx(a: &Analysis, n: &Names, path: &Path) -> Result<(), String> {
    workbook(a, n)
        .and_then(|mut wb| wb.save(path))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        let long = "A very long sheet title: more than thirty-one characters";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert_ne!(a, b);
        assert!(!a.contains(':'));
        assert_eq!(sheet_name("a/b", &mut used), "a_b");
        assert_eq!(sheet_name("''", &mut used), "sheet");
    }
}
