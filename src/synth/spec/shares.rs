//! The shares file: `question,option,share` rows, the published answer shares to match.

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
    let v = n.to_f64();
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
