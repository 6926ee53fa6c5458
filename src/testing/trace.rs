//! The trace printed for a failing case: which rules produced a value, and why.

use crate::eval::{IndexOutcome, UnitOutcome, Why};
use crate::hir::{Program, Scoring, ThresholdKind};
use crate::l10n::Lang;
use crate::render::{fmt_score, level_name_in, section_missing_text, value_text};
use crate::source::{SourceMap, Span};
use crate::value::Value;
use std::fmt::Write as _;

/// `communication.rules:14`.
pub fn place(sources: &SourceMap, span: Span) -> String {
    match sources.get(span.file) {
        Some(f) if !span.is_synthetic() => {
            let (line, _) = f.line_col(span.start as usize);
            let name = f
                .path
                .file_name()
                .map_or_else(|| f.name.clone(), |n| n.to_string_lossy().into_owned());
            format!("{name}:{line}")
        }
        _ => "built in".to_string(),
    }
}

/// The source text of a span on one line (white space runs collapsed).
pub fn source_text(sources: &SourceMap, span: Span) -> String {
    sources
        .get(span.file)
        .and_then(|f| f.text.get(span.start as usize..span.end as usize))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn thresholds_text(t: &crate::hir::Thresholds) -> String {
    let kind = match t.kind {
        ThresholdKind::Upper => "upper",
        ThresholdKind::Lower => "lower",
    };
    let b: Vec<String> = t.bounds.iter().map(ToString::to_string).collect();
    format!("thresholds {kind} {}", b.join(", "))
}

/// The index: value, level, and each section's score and weight.
/// The level names are in `lang`.
pub fn index(p: &Program, o: &UnitOutcome, lang: Lang) -> String {
    let mut s = String::new();
    match &o.index {
        IndexOutcome::Computed {
            value,
            compared,
            level,
            weights,
        } => {
            let _ = writeln!(
                s,
                "  index = {} → compared {compared} → level {level} ({}); {}",
                fmt_score(p, *value),
                level_name_in(p, *level, lang),
                thresholds_text(&p.index.thresholds)
            );
            for (i, sec) in p.sections.iter().enumerate() {
                match &o.sections[i] {
                    Ok(x) => {
                        let _ = writeln!(
                            s,
                            "    {}: {} × weight {}",
                            sec.id,
                            fmt_score(p, x.score),
                            weights[i]
                        );
                    }
                    Err(m) => {
                        let _ =
                            writeln!(s, "    {}: left out ({})", sec.id, section_missing_text(m));
                    }
                }
            }
        }
        IndexOutcome::NotComputable {
            sections,
            required,
            missing,
        } => {
            let names: Vec<&str> = missing.iter().map(|&i| p.sections[i].id.as_str()).collect();
            let _ = writeln!(
                s,
                "  index not computable: {sections} section{} scored, at least {required} needed (missing: {})",
                crate::text::plural_s(*sections),
                names.join(", ")
            );
        }
    }
    s
}

/// A section's score and every rule of it.
pub fn section(
    p: &Program,
    sources: &SourceMap,
    o: &UnitOutcome,
    answers: &[Value],
    s: usize,
    lang: Lang,
) -> String {
    let sec = &p.sections[s];
    let mut out = String::new();
    match &o.sections[s] {
        Ok(x) => {
            let _ = writeln!(
                out,
                "  section {}: {} of {} points = {} → compared {} → level {} ({}); {}",
                sec.id,
                x.points,
                x.max,
                fmt_score(p, x.score),
                x.compared,
                x.level,
                level_name_in(p, x.level, lang),
                thresholds_text(&sec.thresholds)
            );
        }
        Err(m) => {
            let _ = writeln!(
                out,
                "  section {}: no score ({})",
                sec.id,
                section_missing_text(m)
            );
        }
    }
    for &r in &sec.rules {
        out.push_str(&rule(p, sources, o, answers, r, "    "));
    }
    out
}

/// One rule: points, why, and the answers it read.
pub fn rule(
    p: &Program,
    sources: &SourceMap,
    o: &UnitOutcome,
    answers: &[Value],
    r: usize,
    indent: &str,
) -> String {
    let rule = &p.rules[r];
    let ro = &o.rules[r];
    let points = match ro.points {
        Some(n) => format!("{n} of {}", ro.max),
        None => "excluded".to_string(),
    };
    let why = match &ro.why {
        Why::Rows { rows } => {
            let (what, table_rows) = match &rule.scoring {
                Scoring::Table {
                    rows, from_match, ..
                } => (if *from_match { "arm" } else { "row" }, Some(rows)),
                _ => ("row", None),
            };
            let parts: Vec<String> = rows
                .iter()
                .map(|&i| {
                    let text = table_rows
                        .and_then(|t| t.get(i))
                        .map(|row| source_text(sources, row.span))
                        .unwrap_or_default();
                    format!("{what} {} `{text}`", i + 1)
                })
                .collect();
            parts.join(", ")
        }
        Why::NoMatch => "no row matched (0 points)".to_string(),
        Why::Handler { state } => format!("an input is {}: its handler applied", state.as_str()),
        Why::Sum {
            selected,
            raw,
            limited,
        } => {
            let ids = match &rule.scoring {
                Scoring::Sum { question, .. } => value_text(p, *question, Value::Multi(*selected)),
                _ => String::new(),
            };
            let ids = if ids.is_empty() {
                "nothing".to_string()
            } else {
                ids
            };
            if *limited {
                format!("sum of {ids} = {raw}, limited by cap/floor")
            } else {
                format!("sum of {ids} = {raw}")
            }
        }
        Why::Expression => "expression".to_string(),
    };
    let reads: Vec<String> = rule
        .reads
        .iter()
        .map(|&s| {
            let id = if s < p.schema.questions.len() {
                &p.schema.questions[s].id
            } else {
                &p.schema.meta[s - p.schema.questions.len()].id
            };
            let v = answers.get(s).copied().unwrap_or(Value::UNANSWERED);
            format!("{id} = {}", value_text(p, s, v))
        })
        .collect();
    format!(
        "{indent}rule {} ({}): {points}; {why}; reads {}\n",
        rule.name,
        place(sources, rule.span),
        reads.join(", ")
    )
}
