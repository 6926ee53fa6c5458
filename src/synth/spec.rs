//! The inputs of `eindex synth`: target scores per unit, published answer shares and the
//! generation ranges of numeric questions. Each is a small CSV; every problem names the file, row
//! and column, says what was expected and how to fix it.

use crate::hir::MissingState;
use crate::num::Num;
use crate::schema::{Question, QuestionKind, Ref, Schema};
use crate::suggest;
use crate::value::Value;
use std::fmt;
use std::path::Path;

/// A problem in one of the synth input files.
#[derive(Debug, Clone, PartialEq)]
pub struct SpecError {
    pub file: String,
    /// 1-based row (the header is row 1); `None` for the whole file.
    pub row: Option<u64>,
    /// 1-based column and its name.
    pub column: Option<(usize, String)>,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ":{r}")?;
            if let Some((c, _)) = &self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some((_, name)) = &self.column {
            if !name.is_empty() {
                write!(f, " (column `{name}`)")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

/// One CSV file read into strings, with its header.
struct Table {
    file: String,
    header: Vec<String>,
    /// (row number, cells)
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn read(path: &Path) -> Result<Table, Vec<SpecError>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            vec![SpecError {
                file: file.clone(),
                row: None,
                column: None,
                message: format!("cannot read the file: {e}"),
                help: Some("check the path".into()),
            }]
        })?;
        Table::parse(&file, &text)
    }

    fn parse(file: &str, text: &str) -> Result<Table, Vec<SpecError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header = None;
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        for (i, rec) in rd.records().enumerate() {
            let row = i as u64 + 1;
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    errors.push(SpecError {
                        file: file.to_string(),
                        row: Some(row),
                        column: None,
                        message: format!("not a valid CSV record: {e}"),
                        help: Some("quote cells that contain commas or quotes".into()),
                    });
                    continue;
                }
            };
            let cells: Vec<String> = rec.iter().map(|c| suggest::nfc(c.trim())).collect();
            if header.is_none() {
                header = Some(cells);
                continue;
            }
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let ncols = header.as_ref().map_or(0, Vec::len);
            if cells.len() != ncols {
                errors.push(SpecError {
                    file: file.to_string(),
                    row: Some(row),
                    column: None,
                    message: format!(
                        "the row has {} cells but the header has {ncols} columns",
                        cells.len()
                    ),
                    help: Some("give every row one cell per header column".into()),
                });
                continue;
            }
            rows.push((row, cells));
        }
        let Some(header) = header else {
            return Err(vec![SpecError {
                file: file.to_string(),
                row: None,
                column: None,
                message: "empty file (no header row)".into(),
                help: Some("the first row must name the columns".into()),
            }]);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Table {
            file: file.to_string(),
            header,
            rows,
        })
    }

    fn err(&self, row: u64, col: usize, message: String, help: Option<String>) -> SpecError {
        SpecError {
            file: self.file.clone(),
            row: Some(row),
            column: Some((col + 1, self.header.get(col).cloned().unwrap_or_default())),
            message,
            help,
        }
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    fn require(&self, name: &str, errors: &mut Vec<SpecError>) -> usize {
        match self.column(name) {
            Some(c) => c,
            None => {
                errors.push(SpecError {
                    file: self.file.clone(),
                    row: Some(1),
                    column: None,
                    message: format!("no column `{name}` in the header"),
                    help: Some(format!(
                        "the header is: {}; add a `{name}` column",
                        self.header.join(",")
                    )),
                });
                usize::MAX
            }
        }
    }
}

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

/// What a share counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ShareWhat {
    /// Units choosing (single) or selecting (multiple) any of these options.
    Options(u128),
    Yes,
    No,
    DontKnow,
}

/// One published share: of the units the question was asked of, `share` chose `what`.
#[derive(Debug, Clone)]
pub struct ShareRow {
    pub slot: usize,
    pub what: ShareWhat,
    /// 0..1
    pub share: f64,
    pub row: u64,
    /// `question option`, as written.
    pub label: String,
}

impl ShareRow {
    /// Whether an (effective) answer counts for this share.
    pub fn counts(&self, v: Value) -> bool {
        match (self.what, v) {
            (ShareWhat::Options(m), Value::Choice(i)) => m & (1u128 << i) != 0,
            (ShareWhat::Options(m), Value::Multi(b)) => m & b != 0,
            (ShareWhat::Yes, Value::Bool(b)) => b,
            (ShareWhat::No, Value::Bool(b)) => !b,
            (ShareWhat::DontKnow, Value::Missing(MissingState::DontKnow)) => true,
            _ => false,
        }
    }
}

fn parse_share(s: &str) -> Option<f64> {
    let (body, pct) = match s.strip_suffix('%') {
        Some(b) => (b.trim(), true),
        None => (s, false),
    };
    let n = body.parse::<Num>().ok()?;
    let v = n.numer() as f64 / n.denom() as f64;
    let v = if pct { v / 100.0 } else { v };
    (0.0..=1.0).contains(&v).then_some(v)
}

/// Reads `question,option,share` rows (other columns, e.g. notes, are ignored).
pub fn read_shares(path: &Path, schema: &Schema) -> Result<Vec<ShareRow>, Vec<SpecError>> {
    let t = Table::read(path)?;
    let mut errors = Vec::new();
    let cq = t.require("question", &mut errors);
    let co = t.require("option", &mut errors);
    let cs = t.require("share", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out: Vec<ShareRow> = Vec::new();
    for (row, cells) in &t.rows {
        let (qid, opt, share) = (&cells[cq], &cells[co], &cells[cs]);
        let Some((slot, q)) = schema.question(qid) else {
            errors.push(t.err(
                *row,
                cq,
                format!("`{qid}` is not a question of the schema"),
                Some(suggest::hint(qid, schema.question_ids(), "question")),
            ));
            continue;
        };
        let what = match share_what(&t, schema, *row, co, (qid, q), opt) {
            Ok(w) => w,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let Some(v) = parse_share(share) else {
            errors.push(t.err(
                *row,
                cs,
                format!("`{share}` is not a share"),
                Some("write a share from 0 to 1 (`0.76`) or a percentage (`76%`)".into()),
            ));
            continue;
        };
        if let Some(prev) = out.iter().find(|r| r.slot == slot && r.what == what) {
            errors.push(t.err(
                *row,
                co,
                format!("`{qid}` `{opt}` already has a share (row {})", prev.row),
                Some("give each question and option one share".into()),
            ));
            continue;
        }
        out.push(ShareRow {
            slot,
            what,
            share: v,
            row: *row,
            label: format!("{qid} {opt}"),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What the `option` cell of a share row counts, for question `q`.
fn share_what(
    t: &Table,
    schema: &Schema,
    row: u64,
    co: usize,
    (qid, q): (&str, &Question),
    opt: &str,
) -> Result<ShareWhat, SpecError> {
    Ok(if opt == "dont_know" {
        if !q.allow_dont_know {
            return Err(t.err(
                row,
                co,
                format!("`{qid}` does not accept \"don't know\""),
                Some(format!(
                    "add `allow = [\"dont_know\"]` to `{qid}` in the questionnaire, or remove the row"
                )),
            ));
        }
        if schema.tokens.dont_know.is_empty() {
            return Err(t.err(
                row,
                co,
                "the schema has no \"don't know\" token to write".into(),
                Some("add `dont_know = [\"DK\"]` under [tokens] in the questionnaire".into()),
            ));
        }
        ShareWhat::DontKnow
    } else {
        match &q.kind {
            QuestionKind::YesNo => match opt {
                "yes" => ShareWhat::Yes,
                "no" => ShareWhat::No,
                _ => {
                    return Err(t.err(
                        row,
                        co,
                        format!("`{opt}` is not an answer of the yes/no question `{qid}`"),
                        Some("write `yes`, `no` or `dont_know`".into()),
                    ));
                }
            },
            QuestionKind::Single(opts) | QuestionKind::Multi(opts) => {
                let mut mask = 0u128;
                let mut bad = None;
                for part in opt.split('|').map(str::trim) {
                    match opts.iter().position(|o| o.id == part) {
                        Some(i) => mask |= 1u128 << i,
                        None => bad = Some(part.to_string()),
                    }
                }
                if let Some(b) = bad {
                    return Err(t.err(
                        row,
                        co,
                        format!("`{b}` is not an option of `{qid}`"),
                        Some(format!(
                            "{} (several options: `a|b` = any of them)",
                            suggest::hint(&b, opts.iter().map(|o| o.id.as_str()), "option")
                        )),
                    ));
                }
                ShareWhat::Options(mask)
            }
            _ => {
                return Err(t.err(
                    row,
                    co,
                    format!(
                        "`{qid}` is a {} question; only `dont_know` shares can be given for it",
                        q.kind.name()
                    ),
                    Some("remove the row, or give the range of its values in --numbers".into()),
                ));
            }
        }
    })
}

/// How the values of one numeric question are generated.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberSpec {
    pub slot: usize,
    /// Value range, or factor range with `per`, or fraction range (0..1) with `part_of`.
    pub low: f64,
    pub high: f64,
    /// Metadata slot (index into `schema.meta`) the factor multiplies.
    pub per: Option<usize>,
    /// Question slot whose value this one is a fraction of.
    pub part_of: Option<usize>,
}

fn parse_f64(s: &str) -> Option<f64> {
    let n = s.parse::<Num>().ok()?;
    Some(n.numer() as f64 / n.denom() as f64)
}

/// Reads `question,low,high[,per][,part_of]` rows.
pub fn read_numbers(path: &Path, schema: &Schema) -> Result<Vec<NumberSpec>, Vec<SpecError>> {
    let t = Table::read(path)?;
    let mut errors = Vec::new();
    let cq = t.require("question", &mut errors);
    let cl = t.require("low", &mut errors);
    let ch = t.require("high", &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let cper = t.column("per");
    let cpart = t.column("part_of");
    let mut out: Vec<NumberSpec> = Vec::new();
    for (row, cells) in &t.rows {
        let qid = &cells[cq];
        let Some((slot, q)) = schema.question(qid) else {
            errors.push(t.err(
                *row,
                cq,
                format!("`{qid}` is not a question of the schema"),
                Some(suggest::hint(qid, schema.question_ids(), "question")),
            ));
            continue;
        };
        if !q.kind.is_numeric() {
            errors.push(t.err(
                *row,
                cq,
                format!("`{qid}` is a {} question, not a number", q.kind.name()),
                Some("list only integer and decimal questions here".into()),
            ));
            continue;
        }
        let (low, high) = match number_range(&t, *row, (cl, ch), cells) {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let per = match per_field(&t, schema, *row, cper, cells) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let part_of = match part_of_field(&t, schema, *row, cpart, cells, slot) {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some((c, _)) = part_of {
            if per.is_some() {
                errors.push(t.err(
                    *row,
                    c,
                    "a question cannot have both `per` and `part_of`".into(),
                    Some("keep one of them".into()),
                ));
                continue;
            }
            if !(0.0..=1.0).contains(&low) || !(0.0..=1.0).contains(&high) {
                errors.push(t.err(
                    *row,
                    cl,
                    "with `part_of`, low and high are fractions from 0 to 1".into(),
                    Some("write e.g. `0.2` and `1`".into()),
                ));
                continue;
            }
        }
        let part_of = part_of.map(|(_, s)| s);
        if out.iter().any(|n| n.slot == slot) {
            errors.push(t.err(
                *row,
                cq,
                format!("`{qid}` is listed twice"),
                Some("give each question one row".into()),
            ));
            continue;
        }
        out.push(NumberSpec {
            slot,
            low,
            high,
            per,
            part_of,
        });
    }
    errors.extend(part_of_cycles(&out, schema, &t.file));
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The `per` cell of a `--numbers` row: a numeric metadata field, or nothing.
fn per_field(
    t: &Table,
    schema: &Schema,
    row: u64,
    cper: Option<usize>,
    cells: &[String],
) -> Result<Option<usize>, SpecError> {
    match cper.map(|c| (c, &cells[c])) {
        Some((c, p)) if !p.is_empty() => match schema.lookup(p) {
            Some(Ref::Meta(m)) if schema.meta[m].kind.is_numeric() => Ok(Some(m)),
            _ => Err(t.err(
                row,
                c,
                format!("`{p}` is not a numeric metadata field"),
                Some(suggest::hint(
                    p,
                    schema
                        .meta
                        .iter()
                        .filter(|m| m.kind.is_numeric())
                        .map(|m| m.id.as_str()),
                    "numeric metadata field",
                )),
            )),
        },
        _ => Ok(None),
    }
}

/// The `part_of` cell of the `--numbers` row of question `slot`: (its column, another numeric
/// question), or nothing.
fn part_of_field(
    t: &Table,
    schema: &Schema,
    row: u64,
    cpart: Option<usize>,
    cells: &[String],
    slot: usize,
) -> Result<Option<(usize, usize)>, SpecError> {
    match cpart.map(|c| (c, &cells[c])) {
        Some((c, p)) if !p.is_empty() => match schema.question(p) {
            Some((s, pq)) if pq.kind.is_numeric() && s != slot => Ok(Some((c, s))),
            _ => Err(t.err(
                row,
                c,
                format!("`{p}` is not another numeric question"),
                Some("name the question whose value this one is a part of".into()),
            )),
        },
        _ => Ok(None),
    }
}

/// `part_of` chains must end: one problem per question that is, through them, a part of itself.
fn part_of_cycles(out: &[NumberSpec], schema: &Schema, file: &str) -> Vec<SpecError> {
    let mut errors = Vec::new();
    for n in out {
        let mut cur = n.part_of;
        let mut steps = 0;
        while let Some(s) = cur {
            steps += 1;
            if s == n.slot || steps > out.len() {
                errors.push(SpecError {
                    file: file.to_string(),
                    row: None,
                    column: None,
                    message: format!(
                        "`{}` is, through `part_of`, a part of itself",
                        schema.questions[n.slot].id
                    ),
                    help: Some("break the cycle of `part_of` references".into()),
                });
                break;
            }
            cur = out.iter().find(|m| m.slot == s).and_then(|m| m.part_of);
        }
    }
    errors
}

/// The `low` and `high` cells of a `--numbers` row: two numbers, `low <= high`.
fn number_range(
    t: &Table,
    row: u64,
    (cl, ch): (usize, usize),
    cells: &[String],
) -> Result<(f64, f64), SpecError> {
    let (Some(low), Some(high)) = (parse_f64(&cells[cl]), parse_f64(&cells[ch])) else {
        return Err(t.err(
            row,
            cl,
            format!("`{}`..`{}` is not a range of numbers", cells[cl], cells[ch]),
            Some("write plain numbers such as `15` and `60`".into()),
        ));
    };
    if low > high {
        return Err(t.err(
            row,
            cl,
            format!("low {low} is above high {high}"),
            Some("swap the two values".into()),
        ));
    }
    Ok((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/2022");
        let rs = crate::ruleset::load(&dir).expect("rules/2022 loads");
        rs.program.expect("a checked program").schema
    }

    /// Writes `text` to a temporary file named `name` and reads it with `read`; the first line
    /// of every problem.
    fn problems<T: std::fmt::Debug>(
        name: &str,
        text: &str,
        read: impl Fn(&Path) -> Result<T, Vec<SpecError>>,
    ) -> Vec<String> {
        let dir = std::env::temp_dir().join(format!("eindex-spec-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let errors = read(&path).expect_err("the file has problems");
        let _ = std::fs::remove_file(&path);
        let prefix = format!("{}", path.display());
        errors
            .iter()
            .map(|e| {
                let s = e.to_string();
                let first = s.lines().next().unwrap_or_default().to_string();
                first.replacen(&prefix, "", 1)
            })
            .collect()
    }

    #[test]
    fn targets_problems_name_row_and_column() {
        let s = schema();
        let text = "unit,type,planning_region,employees,communication,customer_service,service_provision,internal_processes,open_data,comunication,type
A,regional,zemgale,420,56,44,50,51,0,1,regional
B,regionalx,zemgale,abc,156,-4,x,51%,,1,regional
,regional,zemgale,420,56,44,50,51,0,1,regional
A,regional,zemgale,420,56,44,50,51,0,1,regional
";
        assert_eq!(
            problems("t.csv", text, |p| read_targets(p, &s)),
            [
                ":1:10 (column `comunication`): unknown column `comunication`",
                ":1:11 (column `type`): column `type` appears twice",
                ":3:2 (column `type`): `regionalx` is not a value of `type`",
                ":3:4 (column `employees`): `abc` is not a value of `employees`",
                ":3:5 (column `communication`): `156` is not a score from 0 to 100",
                ":3:6 (column `customer_service`): `-4` is not a score from 0 to 100",
                ":3:7 (column `service_provision`): `x` is not a score from 0 to 100",
                ":4:1 (column `unit`): the unit id is empty",
                ":5:1 (column `unit`): unit `A` appears twice (also row 2)",
            ]
        );
        let ok = "unit,type,employees,communication,index\nC,Regional,420,56%,40\n";
        let dir = std::env::temp_dir().join(format!("eindex-spec-ok-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ok.csv"), ok).unwrap();
        let t = read_targets(&dir.join("ok.csv"), &s).expect("valid targets");
        let _ = std::fs::remove_dir_all(&dir);
        assert!(t.has_index);
        let u = &t.units[0];
        assert_eq!(u.meta_text[0].as_deref(), Some("regional"));
        assert_eq!(u.sections[0], Some(Num::int(56)));
        assert_eq!(u.index, Some(Num::int(40)));
        assert_eq!(u.sections[1], None);
    }

    #[test]
    fn shares_problems_name_row_and_column() {
        let s = schema();
        let text = "question,option,share,note
q_social_media,facebook,100%,x
q_social_media,facebok,50%,x
q_nope,facebook,50%,x
q_social_media,dont_know,5%,x
q_a11y_statement,yes,97%,
q_a11y_statement,maybe,97%,
q_a11y_statement,yes,90%,
q_websites_count,one|sevral,50%,
q_docs_received,one,50%,
q_websites_count,one,150%,
";
        assert_eq!(
            problems("s.csv", text, |p| read_shares(p, &s)),
            [
                ":3:2 (column `option`): `facebok` is not an option of `q_social_media`",
                ":4:1 (column `question`): `q_nope` is not a question of the schema",
                ":5:2 (column `option`): `q_social_media` does not accept \"don't know\"",
                ":7:2 (column `option`): `maybe` is not an answer of the yes/no question `q_a11y_statement`",
                ":8:2 (column `option`): `q_a11y_statement` `yes` already has a share (row 6)",
                ":9:2 (column `option`): `sevral` is not an option of `q_websites_count`",
                ":10:2 (column `option`): `q_docs_received` is a integer question; only `dont_know` shares can be given for it",
                ":11:3 (column `share`): `150%` is not a share",
            ]
        );
    }

    #[test]
    fn numbers_problems_name_row_and_column() {
        let s = schema();
        let text = "question,low,high,per,part_of
q_docs_received,25,90,employees,
q_docs_received,25,90,employees,
q_social_media,1,2,,
q_docs_sent,a,2,,
q_edocs_received,5,2,,
q_edocs_sent,0.1,1,type,
q_service_applications_total,0.1,1,employees,q_docs_sent
q_service_applications_electronic,0.1,2,,q_service_applications_total
q_od_datasets,0.1,1,,q_od_datasets
";
        assert_eq!(
            problems("n.csv", text, |p| read_numbers(p, &s)),
            [
                ":3:1 (column `question`): `q_docs_received` is listed twice",
                ":4:1 (column `question`): `q_social_media` is a multiple choice question, not a number",
                ":5:2 (column `low`): `a`..`2` is not a range of numbers",
                ":6:2 (column `low`): low 5 is above high 2",
                ":7:4 (column `per`): `type` is not a numeric metadata field",
                ":8:5 (column `part_of`): a question cannot have both `per` and `part_of`",
                ":9:2 (column `low`): with `part_of`, low and high are fractions from 0 to 1",
                ":10:5 (column `part_of`): `q_od_datasets` is not another numeric question",
            ]
        );
        let cycle = "question,low,high,part_of
q_docs_received,0.1,1,q_docs_sent
q_docs_sent,0.1,1,q_docs_received
";
        assert_eq!(
            problems("c.csv", cycle, |p| read_numbers(p, &s)),
            [
                ": `q_docs_received` is, through `part_of`, a part of itself",
                ": `q_docs_sent` is, through `part_of`, a part of itself",
            ]
        );
    }
}
