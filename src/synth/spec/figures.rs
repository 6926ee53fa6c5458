//! The figures file: `measure,group,value` rows, published totals and pooled ratios of numeric
//! answers (report 4.5.6: documents received and sent, their electronic shares) and counts of
//! units without an answer.
//!
//! Measures: `sum(Q)` (the total of a numeric question over the group's units), `ratio(A, B)`
//! (pooled: the total of A over the total of B, over the units that answer both; a share),
//! `missing_any(A, B, …)` and `missing_all(A, B, …)` (how many units leave any / all of the
//! questions without a number). Groups: empty (every unit), `FIELD=VALUE` as in the shares file,
//! or `unit=NAME` (one unit of the targets file).

use super::shares::share_group;
use super::{ShareGroup, SpecError, Table, Targets};
use crate::num::Num;
use crate::schema::Schema;
use crate::suggest;
use std::path::Path;

/// What a figure measures.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Sum(usize),
    Ratio(usize, usize),
    MissingAny(Vec<usize>),
    MissingAll(Vec<usize>),
}

/// The units a figure is about.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureGroup {
    All,
    Meta(ShareGroup),
    /// The index of the unit in the targets file.
    Unit(usize),
}

/// One published figure.
#[derive(Debug, Clone)]
pub struct FigureRow {
    pub measure: Measure,
    pub group: FigureGroup,
    /// A total (`sum`), a share 0..1 (`ratio`) or a count of units (`missing_*`).
    pub target: f64,
    /// `measure [group]`, as written.
    pub label: String,
}

/// Reads `measure,group,value` rows (other columns, e.g. notes, are ignored).
pub fn read_figures(
    path: &Path,
    schema: &Schema,
    targets: &Targets,
) -> Result<Vec<FigureRow>, Vec<SpecError>> {
    let t = Table::read(path)?;
    let mut errors = Vec::new();
    let cm = t.require("measure", &mut errors);
    let cg = t.require("group", &mut errors);
    let cv = t.require("value", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out: Vec<FigureRow> = Vec::new();
    for (row, cells) in &t.rows {
        let measure = match measure(&t, schema, *row, cm, &cells[cm]) {
            Ok(m) => m,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let group = match figure_group(&t, schema, targets, *row, cg, &cells[cg]) {
            Ok(g) => g,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let Some(target) = value(&measure, &cells[cv]) else {
            errors.push(t.err(
                *row,
                cv,
                format!("`{}` is not a value for this measure", cells[cv]),
                Some(
                    "write a total for `sum` (`1049816`), a share for `ratio` (`79%` or `0.79`), a count of units for `missing_any`/`missing_all` (`4`)"
                        .into(),
                ),
            ));
            continue;
        };
        let label = if cells[cg].is_empty() {
            cells[cm].clone()
        } else {
            format!("{} [{}]", cells[cm], cells[cg])
        };
        if let Some(prev) = out.iter().find(|f| f.label == label) {
            errors.push(t.err(
                *row,
                cm,
                format!("`{label}` is given twice"),
                Some(format!(
                    "keep one row for it (the other is `{}`)",
                    prev.target
                )),
            ));
            continue;
        }
        out.push(FigureRow {
            measure,
            group,
            target,
            label,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The value of a row: a number (`1 049 816` with spaces allowed), or for a ratio a share.
fn value(m: &Measure, cell: &str) -> Option<f64> {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let (body, pct) = match compact.strip_suffix('%') {
        Some(b) => (b, true),
        None => (compact.as_str(), false),
    };
    let v = body.parse::<Num>().ok()?.to_f64();
    match m {
        Measure::Ratio(..) => {
            let v = if pct { v / 100.0 } else { v };
            (0.0..=1.0).contains(&v).then_some(v)
        }
        Measure::Sum(_) => (!pct && v >= 0.0).then_some(v),
        Measure::MissingAny(_) | Measure::MissingAll(_) => {
            (!pct && v >= 0.0 && v.fract() == 0.0).then_some(v)
        }
    }
}

/// A `measure` cell: `sum(Q)`, `ratio(A, B)`, `missing_any(A, …)`, `missing_all(A, …)`.
fn measure(
    t: &Table,
    schema: &Schema,
    row: u64,
    col: usize,
    cell: &str,
) -> Result<Measure, SpecError> {
    let bad = |msg: String| {
        t.err(
            row,
            col,
            msg,
            Some("write `sum(Q)`, `ratio(A, B)`, `missing_any(A, B)` or `missing_all(A, B)` with numeric questions".into()),
        )
    };
    let Some((name, rest)) = cell.split_once('(') else {
        return Err(bad(format!("`{cell}` is not a measure")));
    };
    let Some(args) = rest.trim_end().strip_suffix(')') else {
        return Err(bad(format!("`{cell}` lacks its closing `)`")));
    };
    let mut slots = Vec::new();
    for a in args.split(',').map(str::trim) {
        match schema.question(a) {
            Some((slot, q)) if q.kind.is_numeric() => slots.push(slot),
            Some((_, q)) => {
                return Err(bad(format!(
                    "`{a}` is a {} question, not a number",
                    q.kind.name()
                )))
            }
            None => {
                return Err(t.err(
                    row,
                    col,
                    format!("`{a}` is not a question of the schema"),
                    Some(suggest::hint(a, schema.question_ids(), "question")),
                ))
            }
        }
    }
    match (name.trim(), slots.as_slice()) {
        ("sum", &[q]) => Ok(Measure::Sum(q)),
        ("ratio", &[a, b]) => Ok(Measure::Ratio(a, b)),
        ("missing_any", s) if !s.is_empty() => Ok(Measure::MissingAny(slots)),
        ("missing_all", s) if !s.is_empty() => Ok(Measure::MissingAll(slots)),
        ("sum" | "ratio", _) => Err(bad(format!(
            "`{}` takes {} question{}",
            name.trim(),
            if name.trim() == "sum" { "one" } else { "two" },
            if name.trim() == "sum" { "" } else { "s" }
        ))),
        (other, _) => Err(bad(format!("`{other}` is not a measure"))),
    }
}

/// A `group` cell: empty, `FIELD=VALUE` or `unit=NAME`.
fn figure_group(
    t: &Table,
    schema: &Schema,
    targets: &Targets,
    row: u64,
    col: usize,
    cell: &str,
) -> Result<FigureGroup, SpecError> {
    if cell.is_empty() {
        return Ok(FigureGroup::All);
    }
    if let Some(name) = cell.strip_prefix("unit=").map(str::trim) {
        return match targets.units.iter().position(|u| u.id == name) {
            Some(i) => Ok(FigureGroup::Unit(i)),
            None => Err(t.err(
                row,
                col,
                format!("`{name}` is not a unit of the targets file"),
                Some(suggest::hint(
                    name,
                    targets.units.iter().map(|u| u.id.as_str()),
                    "unit",
                )),
            )),
        };
    }
    share_group(t, schema, row, col, cell).map(FigureGroup::Meta)
}
