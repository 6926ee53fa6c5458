//! The numbers file: `question,low,high[,per][,part_of]` rows, how numeric answers are drawn.

use super::{SpecError, Table};
use crate::num::Num;
use crate::schema::{Ref, Schema};
use crate::suggest;
use std::path::Path;

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
    Some(n.to_f64())
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
