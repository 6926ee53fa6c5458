//! The targets file: a unit column, metadata columns and one target score per section.

use super::{SpecError, Table};
use crate::num::Num;
use crate::schema::{Question, QuestionKind, Ref, Schema};
use crate::suggest;
use crate::value::Value;
use std::path::Path;

/// One unit of the targets file.
#[derive(Debug, Clone)]
pub struct TargetUnit {
    pub id: String,
    pub row: u64,
    /// One value per metadata field (schema order); unanswered when the column is absent or empty.
    pub meta: Vec<Value>,
    /// Raw text of every metadata cell (for output).
    pub meta_text: Vec<Option<String>>,
    /// Target score per section (schema order); `None`: the section is not submitted.
    pub sections: Vec<Option<Num>>,
    /// Target index value, when the file has an `index` column.
    pub index: Option<Num>,
}

#[derive(Debug, Clone)]
pub struct Targets {
    pub units: Vec<TargetUnit>,
    pub has_index: bool,
}

fn parse_percent(s: &str) -> Option<Num> {
    let s = s.strip_suffix('%').unwrap_or(s).trim();
    s.parse::<Num>().ok()
}

/// Option index by id, then by id or Latvian label ignoring case and diacritics.
fn option_of(q: &Question, s: &str) -> Option<usize> {
    let opts = q.kind.options();
    if let Some(i) = opts.iter().position(|o| o.id == s) {
        return Some(i);
    }
    let k = suggest::fold(s);
    opts.iter()
        .position(|o| suggest::fold(&o.id) == k)
        .or_else(|| opts.iter().position(|o| suggest::fold(&o.lv) == k))
}

/// What a column of the targets file holds.
enum Col {
    Unit,
    Meta(usize),
    Section(usize),
    Index,
}

/// Reads the targets: a unit column, metadata columns and one column per section (`index`
/// optional). Every other column is an error.
pub fn read_targets(path: &Path, schema: &Schema) -> Result<Targets, Vec<SpecError>> {
    let t = Table::read(path)?;
    let mut errors = Vec::new();
    let unit_col = t.require(&schema.unit_column, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let cols = target_columns(&t, schema, unit_col, &mut errors);
    let has_index = t.column("index").is_some();
    let mut units: Vec<TargetUnit> = Vec::new();
    for (row, cells) in &t.rows {
        let u = target_unit(&t, schema, &cols, *row, cells, &mut errors);
        if u.id.is_empty() {
            errors.push(t.err(
                *row,
                unit_col,
                "the unit id is empty".into(),
                Some("give every row a unit id".into()),
            ));
            continue;
        }
        if let Some(prev) = units.iter().find(|p| p.id == u.id) {
            errors.push(t.err(
                *row,
                unit_col,
                format!("unit `{}` appears twice (also row {})", u.id, prev.row),
                Some("give each unit one row".into()),
            ));
            continue;
        }
        units.push(u);
    }
    if units.is_empty() && errors.is_empty() {
        errors.push(SpecError {
            file: t.file.clone(),
            row: None,
            column: None,
            message: "no units (the file has only a header)".into(),
            help: Some("add one row per unit".into()),
        });
    }
    if errors.is_empty() {
        Ok(Targets { units, has_index })
    } else {
        Err(errors)
    }
}

/// What each column of the targets file holds (`None`: an error, reported).
fn target_columns(
    t: &Table,
    schema: &Schema,
    unit_col: usize,
    errors: &mut Vec<SpecError>,
) -> Vec<Option<Col>> {
    let mut cols = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let known: Vec<&str> = std::iter::once(schema.unit_column.as_str())
        .chain(schema.meta.iter().map(|m| m.id.as_str()))
        .chain(schema.section_ids())
        .chain(std::iter::once("index"))
        .collect();
    for (c, name) in t.header.iter().enumerate() {
        if seen.contains(&name.as_str()) {
            errors.push(t.err(
                1,
                c,
                format!("column `{name}` appears twice"),
                Some("keep one column of each name".into()),
            ));
            cols.push(None);
            continue;
        }
        seen.push(name);
        let col = if c == unit_col {
            Some(Col::Unit)
        } else if name == "index" {
            Some(Col::Index)
        } else if let Some(s) = schema.section_index(name) {
            Some(Col::Section(s))
        } else if let Some(Ref::Meta(m)) = schema.lookup(name) {
            Some(Col::Meta(m))
        } else {
            errors.push(t.err(
                1,
                c,
                format!("unknown column `{name}`"),
                Some(format!(
                    "{} (targets take the unit column, metadata fields, section ids and `index`)",
                    suggest::hint(name, known.iter().copied(), "column")
                )),
            ));
            None
        };
        cols.push(col);
    }
    cols
}

/// One row of the targets file; the problems of its cells go to `errors`.
fn target_unit(
    t: &Table,
    schema: &Schema,
    cols: &[Option<Col>],
    row: u64,
    cells: &[String],
    errors: &mut Vec<SpecError>,
) -> TargetUnit {
    let mut u = TargetUnit {
        id: String::new(),
        row,
        meta: vec![Value::UNANSWERED; schema.meta.len()],
        meta_text: vec![None; schema.meta.len()],
        sections: vec![None; schema.sections.len()],
        index: None,
    };
    for (c, cell) in cells.iter().enumerate() {
        let Some(col) = &cols[c] else { continue };
        if cell.is_empty() && !matches!(col, Col::Unit) {
            continue;
        }
        match col {
            Col::Unit => u.id = cell.clone(),
            Col::Meta(m) => {
                let q = &schema.meta[*m];
                u.meta_text[*m] = Some(cell.clone());
                match meta_value(q, cell) {
                    Ok(v) => {
                        u.meta[*m] = v;
                        if let Value::Choice(i) = v {
                            u.meta_text[*m] = Some(q.kind.options()[i as usize].id.clone());
                        }
                    }
                    Err(h) => errors.push(t.err(
                        row,
                        c,
                        format!("`{cell}` is not a value of `{}`", q.id),
                        Some(h),
                    )),
                }
            }
            Col::Section(_) | Col::Index => match parse_percent(cell) {
                Some(n) if !n.is_negative() && n <= Num::HUNDRED => match col {
                    Col::Section(s) => u.sections[*s] = Some(n),
                    _ => u.index = Some(n),
                },
                _ => errors.push(t.err(
                    row,
                    c,
                    format!("`{cell}` is not a score from 0 to 100"),
                    Some(
                        "write the target score as a number such as `56` or `12.5`; leave the cell empty if the section was not submitted"
                            .into(),
                    ),
                )),
            },
        }
    }
    u
}

/// The value of a metadata cell, or the help for a value that is not one.
fn meta_value(q: &Question, cell: &str) -> Result<Value, String> {
    match &q.kind {
        QuestionKind::Single(_) => option_of(q, cell)
            .map(|i| Value::Choice(i as u16))
            .ok_or_else(|| {
                suggest::hint(
                    cell,
                    q.kind.options().iter().map(|o| o.id.as_str()),
                    "option",
                )
            }),
        k if k.is_numeric() => cell
            .parse::<Num>()
            .map(Value::Num)
            .map_err(|_| "write a plain number such as `250`".to_string()),
        _ => Ok(Value::Text),
    }
}
