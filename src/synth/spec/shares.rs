//! The shares file: `question,option,share[,group]` rows, the published answer shares to match.
//! A `group` cell `FIELD=VALUE` (a metadata field and one of its values: `type=valstspilseta`)
//! restricts the share's base to the units of that group; empty = every unit.

use super::select::{parse_selection, Selection};
use super::{SpecError, Table};
use crate::hir::MissingState;
use crate::num::Num;
use crate::schema::{Question, QuestionKind, Schema};
use crate::suggest;
use crate::value::Value;
use std::path::Path;

/// What a share counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ShareWhat {
    /// Units choosing (single) or selecting (multiple) any of these options.
    Options(u128),
    /// Units selecting every option of `all` and none of `not` (multiple choice: `a&!b`).
    Pattern {
        all: u128,
        not: u128,
    },
    /// Units selecting `min..=max` of the options `of` (multiple choice: `count=2`).
    Count {
        of: u128,
        min: u32,
        max: u32,
    },
    Yes,
    No,
    DontKnow,
}

/// The units a share is about: those whose metadata field `meta` has the value `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareGroup {
    /// Index of the metadata field in the schema.
    pub meta: usize,
    /// The value as the targets file gives it (an option id for a choice field).
    pub value: String,
}

/// One published share: of the units the question was asked of (in `group`, when given),
/// `share` chose `what`.
#[derive(Debug, Clone)]
pub struct ShareRow {
    pub slot: usize,
    pub what: ShareWhat,
    /// 0..1
    pub share: f64,
    /// The group the share is about; `None`: every unit.
    pub group: Option<ShareGroup>,
    /// The file the row is in.
    pub file: String,
    pub row: u64,
    /// `question option` (and ` [field=value]` for a group), as written.
    pub label: String,
}

impl ShareRow {
    /// Whether an (effective) answer counts for this share.
    pub fn counts(&self, v: Value) -> bool {
        self.what.counts(v)
    }
}

impl ShareWhat {
    /// Whether an (effective) answer counts.
    pub fn counts(self, v: Value) -> bool {
        match (self.selection(), v) {
            (Some(s), Value::Choice(i)) => return s.counts_choice(i),
            (Some(s), Value::Multi(b)) => return s.counts_multi(b),
            _ => {}
        }
        match (self, v) {
            (ShareWhat::Yes, Value::Bool(b)) => b,
            (ShareWhat::No, Value::Bool(b)) => !b,
            (ShareWhat::DontKnow, Value::Missing(MissingState::DontKnow)) => true,
            _ => false,
        }
    }

    /// The selection of a choice question's answers, for the forms that are one.
    pub fn selection(self) -> Option<Selection> {
        match self {
            ShareWhat::Options(m) => Some(Selection::Any(m)),
            ShareWhat::Pattern { all, not } => Some(Selection::Pattern { all, not }),
            ShareWhat::Count { of, min, max } => Some(Selection::Count { of, min, max }),
            _ => None,
        }
    }

    fn of_selection(s: Selection) -> ShareWhat {
        match s {
            Selection::Any(m) => ShareWhat::Options(m),
            Selection::Pattern { all, not } => ShareWhat::Pattern { all, not },
            Selection::Count { of, min, max } => ShareWhat::Count { of, min, max },
        }
    }
}

pub(super) fn parse_share(s: &str) -> Option<f64> {
    let (body, pct) = match s.strip_suffix('%') {
        Some(b) => (b.trim(), true),
        None => (s, false),
    };
    let n = body.parse::<Num>().ok()?;
    let v = n.to_f64();
    let v = if pct { v / 100.0 } else { v };
    (0.0..=1.0).contains(&v).then_some(v)
}

/// Reads `question,option,share[,group]` rows (other columns, e.g. notes, are ignored) from
/// each file in turn; a question, option and group has one share across all the files.
pub fn read_shares(paths: &[&Path], schema: &Schema) -> Result<Vec<ShareRow>, Vec<SpecError>> {
    let mut out: Vec<ShareRow> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match Table::read(path) {
            Ok(t) => read_table(&t, schema, &mut out, &mut errors),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads one shares file into `out`.
fn read_table(t: &Table, schema: &Schema, out: &mut Vec<ShareRow>, errors: &mut Vec<SpecError>) {
    let before = errors.len();
    let cq = t.require("question", errors);
    let co = t.require("option", errors);
    let cs = t.require("share", errors);
    let cg = t.column("group");
    if errors.len() > before {
        return;
    }
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
        let what = match share_what(t, schema, *row, co, (qid, q), opt) {
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
        let group = match cg.map(|c| (c, cells[c].as_str())) {
            Some((c, g)) if !g.is_empty() => match share_group(t, schema, *row, c, g) {
                Ok(g) => Some(g),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
            _ => None,
        };
        if let Some(prev) = out
            .iter()
            .find(|r| r.slot == slot && r.what == what && r.group == group)
        {
            errors.push(t.err(
                *row,
                co,
                if prev.file == t.file {
                    format!("`{qid}` `{opt}` already has a share (row {})", prev.row)
                } else {
                    format!(
                        "`{qid}` `{opt}` already has a share ({} row {})",
                        prev.file, prev.row
                    )
                },
                Some("give each question, option and group one share".into()),
            ));
            continue;
        }
        let label = match &group {
            Some(g) => format!("{qid} {opt} [{}={}]", schema.meta[g.meta].id, g.value),
            None => format!("{qid} {opt}"),
        };
        out.push(ShareRow {
            slot,
            what,
            share: v,
            group,
            file: t.file.clone(),
            row: *row,
            label,
        });
    }
}

/// The group of a `group` cell: `FIELD=VALUE`, a metadata field of the schema and (for a choice
/// field) one of its options.
pub(super) fn share_group(
    t: &Table,
    schema: &Schema,
    row: u64,
    col: usize,
    cell: &str,
) -> Result<ShareGroup, SpecError> {
    let Some((field, value)) = cell.split_once('=').map(|(f, v)| (f.trim(), v.trim())) else {
        return Err(t.err(
            row,
            col,
            format!("`{cell}` is not a group"),
            Some(
                "write the metadata field and its value: `type=valstspilseta` (empty = every unit)"
                    .into(),
            ),
        ));
    };
    let Some(meta) = schema.meta.iter().position(|m| m.id == field) else {
        return Err(t.err(
            row,
            col,
            format!("`{field}` is not a metadata field of the schema"),
            Some(suggest::hint(
                field,
                schema.meta.iter().map(|m| m.id.as_str()),
                "metadata field",
            )),
        ));
    };
    let opts = schema.meta[meta].kind.options();
    if !opts.is_empty() && !opts.iter().any(|o| o.id == value) {
        return Err(t.err(
            row,
            col,
            format!("`{value}` is not a value of the metadata field `{field}`"),
            Some(suggest::hint(
                value,
                opts.iter().map(|o| o.id.as_str()),
                "value",
            )),
        ));
    }
    Ok(ShareGroup {
        meta,
        value: value.to_string(),
    })
}

/// What the `option` cell of a share row counts, for question `q`.
pub(super) fn share_what(
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
                let multi = matches!(q.kind, QuestionKind::Multi(_));
                match parse_selection(opt, qid, opts, multi) {
                    Ok(sel) => ShareWhat::of_selection(sel),
                    Err(e) if e.message.contains("is not an option") => {
                        let forms = "several options: `a|b` any of them, `a&!b` a pattern, `count=2` how many";
                        return Err(t.err(
                            row,
                            co,
                            e.message,
                            Some(format!("{} ({forms})", e.hint)),
                        ));
                    }
                    Err(e) => return Err(t.err(row, co, e.message, Some(e.hint))),
                }
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
