//! The texts of answers in both languages, and the level bands, for the explanation's data.

use super::build::level_interval;
use super::model::{Band, OptionText};
use crate::hir::{MissingState, Program, Thresholds};
use crate::schema::{Question, QuestionKind};
use crate::value::Value;

fn question(p: &Program, slot: usize) -> &Question {
    if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    }
}

/// The question's type as the explanation names it.
pub fn kind(p: &Program, slot: usize) -> &'static str {
    match question(p, slot).kind {
        QuestionKind::Single(_) => "single",
        QuestionKind::Multi(_) => "multi",
        QuestionKind::YesNo => "yesno",
        QuestionKind::Integer { .. } => "integer",
        QuestionKind::Decimal { .. } => "number",
        QuestionKind::Text => "text",
    }
}

/// The English label of an answer: option labels in English (the Latvian one where an option
/// has none), `Yes`/`No`, else the value as text.
pub fn label_en(p: &Program, slot: usize, v: Value) -> String {
    let q = question(p, slot);
    let en = |o: &crate::schema::OptionDef| o.en.clone().unwrap_or_else(|| o.lv.clone());
    match (v, &q.kind) {
        (Value::Choice(i), _) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(String::new, en),
        (Value::Multi(m), _) => {
            let opts = q.kind.options();
            let l: Vec<String> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| en(&opts[i]))
                .collect();
            l.join("; ")
        }
        (Value::Bool(b), QuestionKind::YesNo) => if b { "Yes" } else { "No" }.to_string(),
        (Value::Missing(MissingState::NotAsked), _) => "(not asked)".to_string(),
        _ => crate::render::value_text(p, slot, v),
    }
}

/// The options a change of a multiple choice from `from` to `to` selects and deselects (empty
/// for other questions).
pub fn option_changes(
    p: &Program,
    slot: usize,
    from: Value,
    to: Value,
) -> (Vec<OptionText>, Vec<OptionText>) {
    let q = question(p, slot);
    let bits = |v: Value| match v {
        Value::Multi(m) => Some(m),
        Value::Missing(_) => Some(0),
        _ => None,
    };
    let (Some(a), Some(b), QuestionKind::Multi(opts)) = (bits(from), bits(to), &q.kind) else {
        return (Vec::new(), Vec::new());
    };
    let pick = |mask: u128| {
        (0..opts.len())
            .filter(|i| mask & (1u128 << i) != 0)
            .map(|i| OptionText {
                id: opts[i].id.clone(),
                lv: opts[i].lv.clone(),
                en: opts[i].en.clone(),
            })
            .collect::<Vec<_>>()
    };
    (pick(b & !a), pick(a & !b))
}

/// Every level's band of compared values (level 0 first when the levels set it apart).
pub fn bands(p: &Program, t: &Thresholds, zero_apart: bool) -> Vec<Band> {
    let mut out = Vec::new();
    if zero_apart && p.zero_level.is_some() {
        out.push(Band {
            level: 0,
            interval: level_interval(t, 0, true),
        });
    }
    for level in 1..=(t.bounds.len() + 1) as u8 {
        out.push(Band {
            level,
            interval: level_interval(t, level, zero_apart),
        });
    }
    out
}
