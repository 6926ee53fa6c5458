//! The published table: a CSV with a unit column and one column per section (named by the section
//! id) and the index (`e_index` or `index`); `--column TARGET=HEADER` maps other names.

use super::error::VerifyError;
use crate::hir::Program;
use crate::num::Num;
use std::path::Path;

/// A published number and the precision it was printed with.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PubValue {
    pub value: Num,
    pub decimals: u32,
    pub text: String,
}

impl PubValue {
    /// Parses `48.6`, `48,6` (decimal comma) or `44`.
    pub fn parse(text: &str) -> Option<PubValue> {
        let t = text.trim();
        let norm = if t.contains(',') && !t.contains('.') {
            t.replace(',', ".")
        } else {
            t.to_string()
        };
        let value: Num = norm.parse().ok()?;
        let decimals = norm.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        Some(PubValue {
            value,
            decimals,
            text: t.to_string(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct PubRow {
    /// CSV record number, header = 1.
    pub row: u64,
    pub unit: String,
    /// One per target: the sections (schema order), then the index.
    pub values: Vec<Option<PubValue>>,
    /// `(metadata slot, text)` for columns named like a metadata field of the schema.
    pub meta: Vec<(usize, String)>,
}

#[derive(Debug, Clone)]
pub struct Published {
    pub path: String,
    pub rows: Vec<PubRow>,
    /// `(target, header)` for every target found.
    pub mapping: Vec<(String, String)>,
    /// Targets without a column.
    pub absent: Vec<String>,
    /// Metadata columns compared with the submissions.
    pub meta_columns: Vec<String>,
    /// Columns neither mapped nor metadata.
    pub ignored: Vec<String>,
}

/// No published table (only facts are checked): no rows, no columns.
pub static NO_TABLE: Published = Published {
    path: String::new(),
    rows: Vec::new(),
    mapping: Vec::new(),
    absent: Vec::new(),
    meta_columns: Vec::new(),
    ignored: Vec::new(),
};

/// The name of target `t`: a section id, or `index`.
pub fn target_name(p: &Program, t: usize) -> &str {
    p.sections.get(t).map_or("index", |s| s.id.as_str())
}

/// Reads the published table. `columns`: `(target, header)` overrides; target `unit` names the
/// unit column. Errors name the file, row and column.
pub fn read(
    path: &Path,
    p: &Program,
    columns: &[(String, String)],
) -> Result<Published, Vec<VerifyError>> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| {
        vec![VerifyError::TableRead {
            path: name.clone(),
            source,
        }]
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
        Some(Err(e)) => {
            return Err(vec![VerifyError::TableHeader {
                path: name,
                place: ":1".into(),
                message: format!("cannot read the header: {e}"),
            }])
        }
        None => {
            return Err(vec![VerifyError::TableHeader {
                path: name,
                place: String::new(),
                message: "empty file (no header row)".into(),
            }])
        }
    };
    let nt = p.sections.len() + 1;
    let mut errors = unknown_targets(p, columns);
    let wanted =
        |target: &str, defaults: &[&str]| wanted_column(&name, &header, columns, target, defaults);
    let unit_default = p.schema.unit_column.clone();
    let unit_col = match wanted("unit", &[unit_default.as_str(), "unit"]) {
        Ok(Some(c)) => Some(c),
        Ok(None) => {
            errors.push(VerifyError::TableColumn {
                message: format!(
                    "{name}:1: no unit column `{unit_default}`; the header has: {}; name it with --column unit=HEADER",
                    header.join(", ")
                ),
            });
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut target_cols: Vec<Option<usize>> = Vec::with_capacity(nt);
    for t in 0..nt {
        let tn = target_name(p, t).to_string();
        let defaults: Vec<&str> = if t == p.sections.len() {
            vec!["e_index", "index"]
        } else {
            vec![tn.as_str()]
        };
        match wanted(&tn, &defaults) {
            Ok(c) => target_cols.push(c),
            Err(e) => {
                errors.push(e);
                target_cols.push(None);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let unit_col = unit_col.unwrap_or(0);
    let (meta_cols, ignored) = other_columns(p, &header, unit_col, &target_cols);
    let rows = read_rows(
        records,
        &name,
        p,
        unit_col,
        &target_cols,
        &meta_cols,
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mapping, absent) = mapping(p, &header, &target_cols);
    Ok(Published {
        path: name,
        rows,
        mapping,
        absent,
        meta_columns: meta_cols.iter().map(|&(c, _)| header[c].clone()).collect(),
        ignored,
    })
}

/// The `--column` overrides whose target is no section, `index` or `unit`.
fn unknown_targets(p: &Program, columns: &[(String, String)]) -> Vec<VerifyError> {
    let mut errors = Vec::new();
    for (target, _) in columns {
        if target != "unit" && target != "index" && !p.sections.iter().any(|s| &s.id == target) {
            let names: Vec<&str> = p.sections.iter().map(|s| s.id.as_str()).collect();
            errors.push(VerifyError::TableColumn {
            message: format!(
                "--column {target}=…: `{target}` is not a section of the ruleset nor `index` or `unit` (sections: {})",
                names.join(", ")
            ),
        });
        }
    }
    errors
}

/// The columns that are neither the unit nor a target: metadata fields `(column, slot)` and the
/// rest (not compared).
fn other_columns(
    p: &Program,
    header: &[String],
    unit_col: usize,
    target_cols: &[Option<usize>],
) -> (Vec<(usize, usize)>, Vec<String>) {
    let mut meta_cols = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if i == unit_col || target_cols.contains(&Some(i)) {
            continue;
        }
        match p.schema.meta.iter().position(|m| &m.id == h) {
            Some(m) => meta_cols.push((i, p.schema.questions.len() + m)),
            None => ignored.push(h.clone()),
        }
    }
    (meta_cols, ignored)
}

/// The rows after the header: unit, values per target, metadata cells; problems go to `errors`.
fn read_rows(
    records: csv::StringRecordsIter<'_, &[u8]>,
    name: &str,
    p: &Program,
    unit_col: usize,
    target_cols: &[Option<usize>],
    meta_cols: &[(usize, usize)],
    errors: &mut Vec<VerifyError>,
) -> Vec<PubRow> {
    let nt = target_cols.len();
    let mut rows: Vec<PubRow> = Vec::new();
    for (n, rec) in records.enumerate() {
        let row = n as u64 + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(VerifyError::TableRow {
                    path: name.to_string(),
                    row,
                    column: String::new(),
                    message: format!("cannot read the row: {e}"),
                });
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let unit = rec.get(unit_col).unwrap_or("").trim().to_string();
        if unit.is_empty() {
            errors.push(VerifyError::TableRow {
                path: name.to_string(),
                row,
                column: format!(":{}", unit_col + 1),
                message: "the unit cell is empty (every row needs a unit)".into(),
            });
            continue;
        }
        if let Some(first) = rows.iter().find(|r| r.unit == unit) {
            errors.push(VerifyError::TableRow {
                path: name.to_string(),
                row,
                column: format!(":{}", unit_col + 1),
                message: format!(
                    "unit `{unit}` appears twice (first on row {}); keep one row per unit",
                    first.row
                ),
            });
            continue;
        }
        let mut values = Vec::with_capacity(nt);
        for (t, col) in target_cols.iter().enumerate() {
            let cell = col.and_then(|c| rec.get(c)).unwrap_or("").trim();
            if cell.is_empty() {
                values.push(None);
                continue;
            }
            match PubValue::parse(cell) {
                Some(v) => values.push(Some(v)),
                None => {
                    errors.push(VerifyError::TableRow {
                        path: name.to_string(),
                        row,
                        column: format!(":{}", col.map_or(0, |c| c + 1)),
                        message: format!(
                            "`{cell}` in column `{}` is not a number (expected e.g. 48.6 or 44, or an empty cell)",
                            target_name(p, t)
                        ),
                    });
                    values.push(None);
                }
            }
        }
        let meta = meta_cols
            .iter()
            .map(|&(c, slot)| (slot, rec.get(c).unwrap_or("").trim().to_string()))
            .collect();
        rows.push(PubRow {
            row,
            unit,
            values,
            meta,
        });
    }
    rows
}

/// `(target, header)` of the targets with a column, and the targets without one.
fn mapping(
    p: &Program,
    header: &[String],
    target_cols: &[Option<usize>],
) -> (Vec<(String, String)>, Vec<String>) {
    let mut mapping = Vec::new();
    let mut absent = Vec::new();
    for (t, c) in target_cols.iter().enumerate() {
        match c {
            Some(c) => mapping.push((target_name(p, t).to_string(), header[*c].clone())),
            None => absent.push(target_name(p, t).to_string()),
        }
    }
    (mapping, absent)
}

/// The column of `target`: the `--column` override (an error when the header lacks it), else the
/// first of `defaults` the header has.
fn wanted_column(
    name: &str,
    header: &[String],
    columns: &[(String, String)],
    target: &str,
    defaults: &[&str],
) -> Result<Option<usize>, VerifyError> {
    let find = |h: &str| header.iter().position(|x| x == h);
    if let Some((_, h)) = columns.iter().find(|(t, _)| t == target) {
        return find(h).map(Some).ok_or_else(|| VerifyError::TableColumn {
            message: format!(
                "{name}:1: no column `{h}` (from --column {target}={h}); the header has: {}",
                header.join(", ")
            ),
        });
    }
    Ok(defaults.iter().find_map(|d| find(d)))
}
