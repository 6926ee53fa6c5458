//! Renderers of evaluation results: a terminal table, CSV, and JSON with the full per-rule trace.

mod json;

pub use json::{write_json, write_json_header, write_json_unit, JSON_SCHEMA_VERSION};

use crate::eval::{IndexOutcome, SectionMissing, UnitOutcome};
use crate::hir::{MissingState, Program};
use crate::input::Unit;
use crate::num::Num;
use crate::schema::QuestionKind;
use crate::value::Value;
use std::io::{self, Write};

/// One evaluated (or not evaluable) unit.
pub struct UnitResult<'a> {
    pub unit: &'a Unit,
    pub outcome: Result<UnitOutcome, String>,
}

/// A score as displayed (the survey's `display` decimals).
pub fn fmt_score(p: &Program, v: Num) -> String {
    v.format(p.survey.display, p.survey.rounding)
}

/// `2 intuitīvs` / `0 0%`.
pub fn level_label(p: &Program, level: u8) -> String {
    let name = if level == 0 {
        p.zero_level.as_ref().map_or("", |l| l.lv.as_str())
    } else {
        p.levels
            .get(level as usize - 1)
            .map_or("", |l| l.lv.as_str())
    };
    format!("{level} {name}")
}

pub fn level_name(p: &Program, level: u8) -> &str {
    if level == 0 {
        p.zero_level.as_ref().map_or("", |l| l.lv.as_str())
    } else {
        p.levels
            .get(level as usize - 1)
            .map_or("", |l| l.lv.as_str())
    }
}

/// Why a section has no score, in words.
pub fn section_missing_text(m: &SectionMissing) -> &'static str {
    match m {
        SectionMissing::NoAnswers => "no answers in this section",
        SectionMissing::NotApplicable => "section not applicable (its `applicable if` is false)",
        SectionMissing::AllExcluded => "every rule of the section was excluded",
    }
}

/// The status column: `evaluated`, or why not.
pub fn status_text(p: &Program, o: &Result<UnitOutcome, String>) -> String {
    match o {
        Err(e) => format!("rejected: {e}"),
        Ok(o) => match &o.index {
            IndexOutcome::Computed { .. } => "evaluated".to_string(),
            IndexOutcome::NotComputable {
                sections,
                required,
                missing,
            } => {
                let names: Vec<&str> = missing.iter().map(|&s| p.sections[s].id.as_str()).collect();
                format!(
                    "not computable: {sections} of {} sections, at least {required} needed (missing: {})",
                    p.sections.len(),
                    names.join(", ")
                )
            }
        },
    }
}

/// A value as text: option id, `yes`/`no`, number, or the missing state.
pub fn value_text(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match v {
        Value::Missing(m) => m.as_str().to_string(),
        Value::Num(n) => n.to_string(),
        Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
        Value::Choice(i) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(|| i.to_string(), |o| o.id.clone()),
        Value::Multi(m) => {
            let opts = q.kind.options();
            let ids: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].id.as_str())
                .collect();
            ids.join("|")
        }
        Value::Text => "(text)".to_string(),
    }
}

/// The Latvian label of an answer (option labels), for explanations.
pub fn value_label(p: &Program, slot: usize, v: Value) -> String {
    let q = if slot < p.schema.questions.len() {
        &p.schema.questions[slot]
    } else {
        &p.schema.meta[slot - p.schema.questions.len()]
    };
    match (v, &q.kind) {
        (Value::Choice(i), _) => q
            .kind
            .options()
            .get(i as usize)
            .map_or_else(String::new, |o| o.lv.clone()),
        (Value::Multi(m), _) => {
            let opts = q.kind.options();
            let l: Vec<&str> = (0..opts.len())
                .filter(|i| m & (1u128 << i) != 0)
                .map(|i| opts[i].lv.as_str())
                .collect();
            l.join("; ")
        }
        (Value::Bool(b), QuestionKind::YesNo) => if b { "Jā" } else { "Nē" }.to_string(),
        (Value::Missing(MissingState::NotAsked), _) => "(nav jautāts / not asked)".to_string(),
        _ => value_text(p, slot, v),
    }
}

/// CSV: one row per unit.
pub fn write_csv(p: &Program, results: &[UnitResult<'_>], w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec!["unit".to_string()];
    for s in &p.sections {
        header.push(format!("{}_score", s.id));
        header.push(format!("{}_level", s.id));
    }
    header.extend(["index", "index_level", "sections_used", "status"].map(String::from));
    out.write_record(&header)?;
    for r in results {
        out.write_record(csv_row(p, r))?;
    }
    out.flush()
}

fn csv_row(p: &Program, r: &UnitResult<'_>) -> Vec<String> {
    let mut row = vec![r.unit.id.clone()];
    match &r.outcome {
        Ok(o) => {
            for s in &o.sections {
                match s {
                    Ok(s) => {
                        row.push(fmt_score(p, s.score));
                        row.push(s.level.to_string());
                    }
                    Err(_) => row.extend([String::new(), String::new()]),
                }
            }
            match &o.index {
                IndexOutcome::Computed { value, level, .. } => {
                    row.push(fmt_score(p, *value));
                    row.push(level.to_string());
                }
                IndexOutcome::NotComputable { .. } => row.extend([String::new(), String::new()]),
            }
            row.push(o.section_count().to_string());
        }
        Err(_) => {
            row.extend(std::iter::repeat_n(String::new(), 2 * p.sections.len() + 3));
        }
    }
    row.push(status_text(p, &r.outcome));
    row
}

/// Short column heads for the sections: unique prefixes of their ids.
fn short_heads(p: &Program) -> Vec<String> {
    let ids: Vec<&str> = p.sections.iter().map(|s| s.id.as_str()).collect();
    for len in 4..=16 {
        let heads: Vec<String> = ids.iter().map(|i| i.chars().take(len).collect()).collect();
        let mut sorted = heads.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() == heads.len() {
            return heads;
        }
    }
    ids.iter().map(|s| s.to_string()).collect()
}

/// A terminal table that fits 100 columns: unit, each section's score and level, index.
pub fn table(p: &Program, results: &[UnitResult<'_>]) -> String {
    let heads = short_heads(p);
    let unit_w = results
        .iter()
        .map(|r| r.unit.id.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 36);
    let col_w = heads
        .iter()
        .map(|h| h.chars().count())
        .max()
        .unwrap_or(4)
        .max(9);
    let mut s = String::new();
    s.push_str(&format!("{:<unit_w$}", "unit"));
    for h in &heads {
        s.push_str(&format!(" {h:>col_w$}"));
    }
    s.push_str(&format!(" {:>col_w$}  status\n", "index"));
    for r in results {
        let name: String = r.unit.id.chars().take(unit_w).collect();
        s.push_str(&format!("{name:<unit_w$}"));
        match &r.outcome {
            Ok(o) => {
                for sec in &o.sections {
                    let cell = match sec {
                        Ok(x) => format!("{} ({})", fmt_score(p, x.score), x.level),
                        Err(_) => "–".to_string(),
                    };
                    s.push_str(&format!(" {cell:>col_w$}"));
                }
                let idx = match &o.index {
                    IndexOutcome::Computed { value, level, .. } => {
                        format!("{} ({level})", fmt_score(p, *value))
                    }
                    IndexOutcome::NotComputable { .. } => "–".to_string(),
                };
                s.push_str(&format!(" {idx:>col_w$}"));
                let status = status_text(p, &r.outcome);
                if status != "evaluated" {
                    s.push_str(&format!("  {status}"));
                }
            }
            Err(e) => s.push_str(&format!("  rejected: {e}")),
        }
        s.push('\n');
    }
    let legend: Vec<String> = p
        .levels
        .iter()
        .map(|l| format!("{} {}", l.number, l.lv))
        .collect();
    s.push_str(&format!("\nscore (level): {}\n", legend.join(", ")));
    let cols: Vec<String> = heads
        .iter()
        .zip(&p.sections)
        .filter(|(h, s)| h.as_str() != s.id)
        .map(|(h, s)| format!("{h} = {}", s.id))
        .collect();
    if !cols.is_empty() {
        s.push_str(&format!("columns: {}\n", cols.join(", ")));
    }
    s
}
