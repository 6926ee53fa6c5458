//! The directions file: statements the report makes without a number ("Twitter is used more in
//! the Rīga planning region than elsewhere"), as `question,option,group,relation,than` rows.
//!
//! `option` is written as in the shares file (`a`, `a|b`, `a&!b`, `count=2`, `yes`, …). `group`
//! and `than` name units: empty or `all` (every unit), `FIELD=VALUE` (as in the shares file) or
//! `FIELD!=VALUE` (the other units); `than` may instead be a share (`10%`, `0.1`). `relation` is
//! one of `>`, `>=`, `<`, `<=`, `=`: the share of `group` stands so to that of `than`. Other
//! columns (`note`, `cannot_hold`) are for the reader and the replay test.

use super::shares::{parse_share, share_group, share_what};
use super::{ShareGroup, ShareWhat, SpecError, Table};
use crate::schema::Schema;
use std::path::Path;

/// Units of a direction's side: those of a group, or (`negate`) every other unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirGroup {
    pub group: ShareGroup,
    pub negate: bool,
}

impl DirGroup {
    /// Whether a unit with these metadata texts is in the group.
    pub fn contains(&self, meta_text: &[Option<String>]) -> bool {
        let is = meta_text.get(self.group.meta).and_then(Option::as_deref)
            == Some(self.group.value.as_str());
        is != self.negate
    }
}

/// How the two sides of a direction stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Greater,
    AtLeast,
    Less,
    AtMost,
    Equal,
}

impl Relation {
    /// Whether `a` relates so to `b` (exact comparison of what the caller computed).
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Relation::Greater => a > b,
            Relation::AtLeast => a >= b,
            Relation::Less => a < b,
            Relation::AtMost => a <= b,
            Relation::Equal => a == b,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Relation::Greater => ">",
            Relation::AtLeast => ">=",
            Relation::Less => "<",
            Relation::AtMost => "<=",
            Relation::Equal => "=",
        }
    }
}

/// What the share of a direction's `group` is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Than {
    /// The share among other units (`None`: every unit).
    Group(Option<DirGroup>),
    /// A fixed share, 0..1.
    Share(f64),
}

/// One direction: the share of `what` among `group`'s units stands in `relation` to `than`.
#[derive(Debug, Clone)]
pub struct DirectionRow {
    pub slot: usize,
    pub what: ShareWhat,
    pub group: Option<DirGroup>,
    pub relation: Relation,
    pub than: Than,
    pub file: String,
    pub row: u64,
    /// `question option [group] relation than`, as written.
    pub label: String,
}

/// Reads a directions file.
pub fn read_directions(path: &Path, schema: &Schema) -> Result<Vec<DirectionRow>, Vec<SpecError>> {
    let t = Table::read(path)?;
    let mut errors = Vec::new();
    let cols =
        ["question", "option", "group", "relation", "than"].map(|c| t.require(c, &mut errors));
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (row, cells) in &t.rows {
        match direction(&t, schema, *row, cells, cols) {
            Ok(d) => out.push(d),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// One row of the directions file.
fn direction(
    t: &Table,
    schema: &Schema,
    row: u64,
    cells: &[String],
    [cq, co, cg, cr, ct]: [usize; 5],
) -> Result<DirectionRow, SpecError> {
    let qid = cells[cq].as_str();
    let Some((slot, q)) = schema.question(qid) else {
        return Err(t.err(
            row,
            cq,
            format!("`{qid}` is not a question of the schema"),
            Some(crate::suggest::hint(qid, schema.question_ids(), "question")),
        ));
    };
    let what = share_what(t, schema, row, co, (qid, q), &cells[co])?;
    let group = dir_group(t, schema, row, cg, &cells[cg])?;
    let relation = match cells[cr].as_str() {
        ">" => Relation::Greater,
        ">=" => Relation::AtLeast,
        "<" => Relation::Less,
        "<=" => Relation::AtMost,
        "=" => Relation::Equal,
        r => {
            return Err(t.err(
                row,
                cr,
                format!("`{r}` is not a relation"),
                Some("write `>`, `>=`, `<`, `<=` or `=`".into()),
            ))
        }
    };
    let than_cell = cells[ct].as_str();
    let starts_numeric = than_cell.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let than = if starts_numeric {
        match parse_share(than_cell) {
            Some(v) => Than::Share(v),
            None => {
                return Err(t.err(
                    row,
                    ct,
                    format!("`{than_cell}` is not a share"),
                    Some(
                        "write a share from 0 to 1 (`0.1`), a percentage (`10%`) or a group (`type=regional`, `planning_region!=riga`, `all`)"
                            .into(),
                    ),
                ))
            }
        }
    } else {
        if than_cell.is_empty() {
            return Err(t.err(
                row,
                ct,
                "the `than` cell is empty".into(),
                Some("write a group (`type=regional`, `planning_region!=riga`, `all`) or a share (`10%`)".into()),
            ));
        }
        let g = dir_group(t, schema, row, ct, than_cell)?;
        if g == group {
            return Err(t.err(
                row,
                ct,
                "a direction compares a group with itself".into(),
                Some("name another group, e.g. `FIELD!=VALUE` for the other units".into()),
            ));
        }
        Than::Group(g)
    };
    let side = |g: &str| {
        if g.is_empty() {
            "all".to_string()
        } else {
            g.to_string()
        }
    };
    Ok(DirectionRow {
        slot,
        what,
        group,
        relation,
        than,
        file: t.file.clone(),
        row,
        label: format!(
            "{qid} {} [{}] {} {than_cell}",
            cells[co],
            side(&cells[cg]),
            cells[cr]
        ),
    })
}

/// A side's group: empty or `all` (every unit), `FIELD=VALUE` or `FIELD!=VALUE`.
fn dir_group(
    t: &Table,
    schema: &Schema,
    row: u64,
    col: usize,
    cell: &str,
) -> Result<Option<DirGroup>, SpecError> {
    if cell.is_empty() || cell == "all" {
        return Ok(None);
    }
    let (text, negate) = match cell.split_once("!=") {
        Some((f, v)) => (format!("{f}={v}"), true),
        None => (cell.to_string(), false),
    };
    let group = share_group(t, schema, row, col, &text).map_err(|mut e| {
        if e.message.contains("is not a group") {
            e.help = Some(
                "write `FIELD=VALUE` (`type=regional`), `FIELD!=VALUE` (the other units) or `all`"
                    .into(),
            );
        }
        e
    })?;
    Ok(Some(DirGroup { group, negate }))
}
