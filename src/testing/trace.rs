//! The trace printed for a failing case: which rules produced a value, and why.

use crate::eval::SectionMissing;
use crate::eval::{IndexOutcome, UnitOutcome, Why};
use crate::hir::MissingState;
use crate::hir::{Program, Scoring, ThresholdKind};
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use crate::render::{fmt_score, level_name_in, value_text};
use crate::source::{SourceMap, Span};
use crate::value::Value;
use std::fmt::Write as _;

/// `communication.rules:14` (a rule of the language itself: "built in", in `lang`).
pub fn place(sources: &SourceMap, span: Span, lang: Lang) -> String {
    match sources.get(span.file) {
        Some(f) if !span.is_synthetic() => {
            let (line, _) = f.line_col(span.start as usize);
            let name = f
                .path
                .file_name()
                .map_or_else(|| f.name.clone(), |n| n.to_string_lossy().into_owned());
            format!("{name}:{line}")
        }
        _ => lang.messages().t("test-trace-built-in"),
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

/// `thresholds upper 40, 70` (Latvian: `sliekšņi (līmeņu augšējās robežas): 40; 70`, the bounds
/// with decimal commas and so parted by semicolons); the words are explain's technical ones.
fn thresholds_text(t: &crate::hir::Thresholds, lang: Lang) -> String {
    let kind = match t.kind {
        ThresholdKind::Upper => "upper",
        ThresholdKind::Lower => "lower",
    };
    let b: Vec<String> = t.bounds.iter().map(|n| num(*n, lang)).collect();
    let sep = if lang == Lang::Lv { "; " } else { ", " };
    lang.messages().f(
        "tech-thresholds",
        &[("kind", Arg::Str(kind)), ("bounds", Arg::Str(&b.join(sep)))],
    )
}

/// A number in the language's notation.
pub fn num(n: Num, lang: Lang) -> String {
    lang.decimal(&n.to_string())
}

/// A score as displayed, in the language's notation.
fn score(p: &Program, n: Num, lang: Lang) -> String {
    lang.decimal(&fmt_score(p, n))
}

/// Why a section has no score, in `lang` (explain's technical words).
fn missing_text(m: &SectionMissing, lang: Lang) -> String {
    let msg = lang.messages();
    match m {
        SectionMissing::NoAnswers => msg.t("tech-reason-no-answers"),
        SectionMissing::NotApplicable => msg.t("tech-reason-not-applicable"),
        SectionMissing::AllExcluded => msg.t("tech-reason-all-excluded"),
    }
}

/// An answer as the trace shows it: option ids as they are; in Latvian a missing state as its
/// word with the state (`nav atbildēts (unanswered)`), yes/no and numbers in Latvian.
fn answer(p: &Program, slot: usize, v: Value, lang: Lang) -> String {
    if lang == Lang::En {
        return value_text(p, slot, v);
    }
    let m = lang.messages();
    match v {
        Value::Missing(s) => {
            let word = match s {
                MissingState::Unanswered => m.t("answer-unanswered"),
                MissingState::NotAsked => m.t("answer-not-asked"),
                MissingState::NotApplicable => m.t("answer-not-applicable"),
                MissingState::DontKnow => m.t("answer-dont-know"),
            };
            format!("{word} ({})", s.as_str())
        }
        Value::Bool(true) => m.t("answer-yes"),
        Value::Bool(false) => m.t("answer-no"),
        Value::Num(n) => num(n, lang),
        _ => value_text(p, slot, v),
    }
}

/// The index: value, level, and each section's score and weight, in `lang`.
pub fn index(p: &Program, o: &UnitOutcome, lang: Lang) -> String {
    let m = lang.messages();
    let mut s = String::new();
    match &o.index {
        IndexOutcome::Computed {
            value,
            compared,
            level,
            weights,
        } => {
            let line = m.f(
                "test-trace-index",
                &[
                    ("value", Arg::Str(&score(p, *value, lang))),
                    ("compared", Arg::Str(&num(*compared, lang))),
                    ("level", Arg::from(*level)),
                    ("name", Arg::Str(level_name_in(p, *level, lang))),
                    (
                        "thresholds",
                        Arg::Str(&thresholds_text(&p.index.thresholds, lang)),
                    ),
                ],
            );
            let _ = writeln!(s, "  {line}");
            for (i, sec) in p.sections.iter().enumerate() {
                let line = match &o.sections[i] {
                    Ok(x) => m.f(
                        "test-trace-weight",
                        &[
                            ("section", Arg::Str(&sec.id)),
                            ("score", Arg::Str(&score(p, x.score, lang))),
                            ("weight", Arg::Str(&num(weights[i], lang))),
                        ],
                    ),
                    Err(why) => m.f(
                        "test-trace-left-out",
                        &[
                            ("section", Arg::Str(&sec.id)),
                            ("reason", Arg::Str(&missing_text(why, lang))),
                        ],
                    ),
                };
                let _ = writeln!(s, "    {line}");
            }
        }
        IndexOutcome::NotComputable {
            sections,
            required,
            missing,
        } => {
            let names: Vec<&str> = missing.iter().map(|&i| p.sections[i].id.as_str()).collect();
            let line = m.f(
                "test-trace-index-not-computable",
                &[
                    ("sections", Arg::from(*sections)),
                    ("required", Arg::from(*required)),
                    ("missing", Arg::Str(&names.join(", "))),
                ],
            );
            let _ = writeln!(s, "  {line}");
        }
    }
    s
}

/// A section's score and every rule of it, in `lang`.
pub fn section(
    p: &Program,
    sources: &SourceMap,
    o: &UnitOutcome,
    answers: &[Value],
    s: usize,
    lang: Lang,
) -> String {
    let m = lang.messages();
    let sec = &p.sections[s];
    let mut out = String::new();
    let line = match &o.sections[s] {
        Ok(x) => m.f(
            "test-trace-section",
            &[
                ("section", Arg::Str(&sec.id)),
                ("points", Arg::Str(&num(x.points, lang))),
                ("max", Arg::Num(&x.max.to_string())),
                ("score", Arg::Str(&score(p, x.score, lang))),
                ("compared", Arg::Str(&num(x.compared, lang))),
                ("level", Arg::from(x.level)),
                ("name", Arg::Str(level_name_in(p, x.level, lang))),
                (
                    "thresholds",
                    Arg::Str(&thresholds_text(&sec.thresholds, lang)),
                ),
            ],
        ),
        Err(why) => m.f(
            "test-trace-section-no-score",
            &[
                ("section", Arg::Str(&sec.id)),
                ("reason", Arg::Str(&missing_text(why, lang))),
            ],
        ),
    };
    let _ = writeln!(out, "  {line}");
    for &r in &sec.rules {
        out.push_str(&rule(p, sources, o, answers, r, "    ", lang));
    }
    out
}

/// Why a rule gave its points: the rows or arms that fired (as written), the handler, the
/// options summed, or the expression.
fn why(p: &Program, sources: &SourceMap, r: usize, why: &Why, lang: Lang) -> String {
    let m = lang.messages();
    let rule = &p.rules[r];
    match why {
        Why::Rows { rows } => {
            let (arms, table_rows) = match &rule.scoring {
                Scoring::Table {
                    rows, from_match, ..
                } => (*from_match, Some(rows)),
                _ => (false, None),
            };
            let parts: Vec<String> = rows
                .iter()
                .map(|&i| {
                    let text = table_rows
                        .and_then(|t| t.get(i))
                        .map(|row| source_text(sources, row.span))
                        .unwrap_or_default();
                    let args = [("n", Arg::from(i + 1)), ("syntax", Arg::Str(&text))];
                    if arms {
                        m.f("test-why-arm", &args)
                    } else {
                        m.f("test-why-row", &args)
                    }
                })
                .collect();
            parts.join(", ")
        }
        Why::NoMatch => m.t("test-why-no-match"),
        Why::Handler { state } => m.f("test-why-handler", &[("state", Arg::Str(state.as_str()))]),
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
                m.t("test-why-nothing")
            } else {
                ids
            };
            let args = [
                ("options", Arg::Str(&ids)),
                ("sum", Arg::Str(&num(*raw, lang))),
            ];
            if *limited {
                m.f("test-why-sum-limited", &args)
            } else {
                m.f("test-why-sum", &args)
            }
        }
        Why::Expression => m.t("test-why-expression"),
    }
}

/// One rule: points, why, and the answers it read, in `lang`.
pub fn rule(
    p: &Program,
    sources: &SourceMap,
    o: &UnitOutcome,
    answers: &[Value],
    r: usize,
    indent: &str,
    lang: Lang,
) -> String {
    let m = lang.messages();
    let rule = &p.rules[r];
    let ro = &o.rules[r];
    let points = match ro.points {
        Some(n) => m.f(
            "tech-points-of",
            &[
                ("points", Arg::Str(&num(n, lang))),
                ("max", Arg::Str(&num(ro.max, lang))),
            ],
        ),
        None => m.t("test-excluded"),
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
            format!("{id} = {}", answer(p, s, v, lang))
        })
        .collect();
    let line = m.f(
        "test-trace-rule",
        &[
            ("rule", Arg::Str(&rule.name)),
            ("place", Arg::Str(&place(sources, rule.span, lang))),
            ("points", Arg::Str(&points)),
            ("why", Arg::Str(&why(p, sources, r, &ro.why, lang))),
            ("reads", Arg::Str(&reads.join(", "))),
        ],
    );
    format!("{indent}{line}\n")
}
