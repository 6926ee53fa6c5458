//! JSON output of `eval --format json`: the results and the full per-rule trace
//! (documented in docs/input.md, "Results"), and `--format jsonl`: the same unit objects, one per line.
//! With `--no-trace` (`trace: false`) a unit's object has no `rules` (the trace is most of its
//! size: about 18 kB of the 2022 model's units, against 1 kB without).

use super::{
    fmt_score, level_name_in, section_missing_text, status_text, value_label, value_text,
    UnitResult,
};
use crate::eval::{IndexOutcome, Why};
use crate::hir::{Program, Scoring};
use crate::l10n::Lang;
use serde_json::{json, Value as J};
use std::io::{self, Write};

/// Bumped when the shape changes incompatibly.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// The whole document: `{"eindex_json": 1, "lang": ..., "survey": ..., "units": [...]}`, the
/// level names in `lang`.
pub fn write_json(
    p: &Program,
    results: &[UnitResult<'_>],
    lang: Lang,
    trace: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    write_json_header(p, lang, w)?;
    for (i, r) in results.iter().enumerate() {
        write_json_unit(p, r, lang, i == 0, trace, w)?;
    }
    w.write_all(b"\n]}\n")
}

/// Everything before the first unit (for streaming).
pub fn write_json_header(p: &Program, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let head = json!({
        "eindex_json": JSON_SCHEMA_VERSION,
        "lang": lang,
        "survey": { "name": p.survey.name, "year": p.survey.year, "display_decimals": p.survey.display, "compare": p.survey.compare.map_or(J::from("exact"), |d| json!({"rounded": d})) },
        "levels": p.levels.iter().map(|l| json!({"level": l.number, "lv": l.lv, "en": l.en})).collect::<Vec<_>>(),
        "sections": p.sections.iter().enumerate().map(|(i, s)| json!({
            "id": s.id, "lv": s.lv, "en": s.en, "max_points": s.max.to_string(), "weight": p.index.weights[i].to_string(),
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string(&head).map_err(io::Error::other)?;
    text.pop(); // reopen the object to append "units"
    w.write_all(text.as_bytes())?;
    w.write_all(b",\"units\":[")
}

/// One unit (with its trace: `trace`), preceded by a comma unless it is the first.
pub fn write_json_unit(
    p: &Program,
    r: &UnitResult<'_>,
    lang: Lang,
    first: bool,
    trace: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    if !first {
        w.write_all(b",")?;
    }
    w.write_all(b"\n")?;
    let v = unit_json(p, r, lang, trace);
    serde_json::to_writer(&mut *w, &v).map_err(io::Error::other)
}

/// `eval --format jsonl`: one unit's object (an element of `--format json`'s `units`) on one
/// line.
pub fn write_jsonl_unit(
    p: &Program,
    r: &UnitResult<'_>,
    lang: Lang,
    trace: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let v = unit_json(p, r, lang, trace);
    serde_json::to_writer(&mut *w, &v).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// `eval --format jsonl`: every unit, one per line.
pub fn write_jsonl(
    p: &Program,
    results: &[UnitResult<'_>],
    lang: Lang,
    trace: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    for r in results {
        write_jsonl_unit(p, r, lang, trace, w)?;
    }
    w.flush()
}

fn unit_json(p: &Program, r: &UnitResult<'_>, lang: Lang, trace: bool) -> J {
    let nq = p.schema.questions.len();
    let meta: serde_json::Map<String, J> = p
        .schema
        .meta
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            r.unit
                .texts
                .get(nq + i)
                .cloned()
                .flatten()
                .map(|t| (m.id.clone(), J::from(t)))
        })
        .collect();
    let mut obj = json!({
        "unit": r.unit.id,
        "meta": meta,
        "status": status_text(p, &r.outcome),
    });
    let Ok(o) = &r.outcome else { return obj };
    let sections: Vec<J> = o
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            Ok(s) => json!({
                "id": p.sections[i].id, "score": s.score.to_string(), "display": fmt_score(p, s.score),
                "compared": s.compared.to_string(), "level": s.level, "level_name": level_name_in(p, s.level, lang),
                "points": s.points.to_string(), "max": s.max.to_string(),
            }),
            Err(m) => json!({"id": p.sections[i].id, "missing": section_missing_text(m)}),
        })
        .collect();
    let index = match &o.index {
        IndexOutcome::Computed {
            value,
            compared,
            level,
            weights,
        } => json!({
            "value": value.to_string(), "display": fmt_score(p, *value), "compared": compared.to_string(),
            "level": level, "level_name": level_name_in(p, *level, lang),
            "weights": weights.iter().enumerate().filter(|(_, w)| !w.is_zero()).map(|(i, w)| json!({"section": p.sections[i].id, "weight": w.to_string()})).collect::<Vec<_>>(),
        }),
        IndexOutcome::NotComputable {
            sections,
            required,
            missing,
        } => json!({
            "not_computable": true, "sections": sections, "required": required,
            "missing": missing.iter().map(|&s| p.sections[s].id.clone()).collect::<Vec<_>>(),
        }),
    };
    obj["sections"] = J::from(sections);
    obj["index"] = index;
    if trace {
        let rules: Vec<J> = o
            .rules
            .iter()
            .enumerate()
            .map(|(i, ro)| rule_json(p, r, i, ro))
            .collect();
        obj["rules"] = J::from(rules);
    }
    if !o.answered_not_asked.is_empty() {
        obj["ignored_answers"] = J::from(o.answered_not_asked.iter().map(|&s| json!({"question": p.schema.questions[s].id, "reason": "answered although its follow-up condition is false"})).collect::<Vec<_>>());
    }
    obj
}

fn rule_json(p: &Program, r: &UnitResult<'_>, i: usize, ro: &crate::eval::RuleOutcome) -> J {
    let rule = &p.rules[i];
    let inputs: Vec<J> = rule
        .reads
        .iter()
        .filter(|&&s| s < p.schema.questions.len())
        .map(|&s| {
            let v = r
                .unit
                .answers
                .get(s)
                .copied()
                .unwrap_or(crate::value::Value::UNANSWERED);
            let mut j = json!({
                "question": p.schema.questions[s].id,
                "value": value_text(p, s, v),
                "label": value_label(p, s, v),
                "source": r.unit.sources.get(s).copied().flatten().map(|x| x.as_str()),
            });
            let over: Vec<J> = r
                .unit
                .overridden
                .iter()
                .filter(|o| o.slot == s)
                .map(|o| json!({"source": o.source.map(|x| x.as_str()), "value": o.text}))
                .collect();
            if !over.is_empty() {
                j["overridden"] = J::from(over);
            }
            j
        })
        .collect();
    let policy = match &rule.scoring {
        Scoring::Table {
            policy,
            from_match: false,
            ..
        } => Some(format!("{policy:?}").to_lowercase()),
        _ => None,
    };
    let why = match &ro.why {
        Why::Rows { rows } => {
            json!({"kind": if matches!(rule.scoring, Scoring::Table { from_match: true, .. }) { "arm" } else { "rows" }, "rows": rows.iter().map(|r| r + 1).collect::<Vec<_>>(), "policy": policy})
        }
        Why::NoMatch => json!({"kind": "no_match"}),
        Why::Handler { state } => json!({"kind": "handler", "state": state.as_str()}),
        Why::Sum { raw, limited, .. } => {
            json!({"kind": "sum", "raw": raw.to_string(), "limited": limited})
        }
        Why::Expression => json!({"kind": "expression"}),
    };
    json!({
        "rule": rule.name,
        "title": rule.title,
        "section": p.sections[rule.section].id,
        "points": ro.points.map(|x| x.to_string()),
        "max": ro.max.to_string(),
        "excluded": ro.points.is_none(),
        "why": why,
        "inputs": inputs,
    })
}
