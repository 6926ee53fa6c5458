//! The analysis as text for a terminal: the method, the inputs, one line per unit (by nominal
//! rank), the sensitivity indices, and a closing summary.

use super::{by_rank, movers, nominal_probability, Names};
use crate::l10n::Arg;
use crate::robust::result::{Analysis, Method, UnitResult};

/// Columns of text padded by characters (not bytes: Latvian letters are two bytes).
pub(super) fn columns(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < r.len() {
                let pad = widths[c] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The values of an input; a long list is shortened to its ends and its count:
/// `0, 1, …, 23 (24 vērtības)`.
pub(crate) fn values_text(values: &[String], n: &Names) -> String {
    if values.len() <= 6 {
        return values.join(", ");
    }
    let count = n
        .msg
        .f("robust-values-count", &[("n", Arg::from(values.len()))]);
    format!(
        "{}, {}, …, {} ({count})",
        values[0],
        values[1],
        values[values.len() - 1]
    )
}

/// The method line.
pub(super) fn method_line(a: &Analysis, n: &Names) -> String {
    match &a.method {
        Method::Exhaustive { combinations } => n.msg.f(
            "robust-method-exhaustive",
            &[("combinations", Arg::Int(*combinations as i64))],
        ),
        Method::Sampled {
            samples,
            runs,
            seed,
            resamples,
            confidence,
        } => {
            let conf = format!("{}", (confidence * 100.0).round());
            n.msg.f(
                "robust-method-sampled",
                &[
                    ("samples", Arg::from(*samples)),
                    ("runs", Arg::from(*runs)),
                    ("seed", Arg::Int(i64::from(*seed))),
                    ("resamples", Arg::from(*resamples)),
                    ("confidence", Arg::Num(&conf)),
                ],
            )
        }
    }
}

/// The rank cell: `3 (2–5)`.
pub(super) fn rank_cell(u: &UnitResult) -> String {
    match (u.rank_median, u.rank_p05, u.rank_p95) {
        (Some(m), Some(a), Some(b)) => format!("{m} ({a}–{b})"),
        _ => "–".into(),
    }
}

/// The other levels a unit can get, with their probabilities: `2 (intuitīvs) 12 %`.
pub(super) fn other_levels(a: &Analysis, n: &Names, u: &UnitResult) -> String {
    let mut parts: Vec<String> = u
        .index
        .levels
        .iter()
        .filter(|(l, p)| Some(*l) != u.nominal_level && p.count > 0)
        .map(|(l, p)| format!("{} {}", n.level(a, Some(*l)), n.percent(p.p)))
        .collect();
    if u.nominal_level.is_some() && u.index.none.count > 0 {
        parts.push(format!(
            "{} {}",
            n.msg.t("robust-no-index"),
            n.percent(u.index.none.p)
        ));
    }
    parts.join("; ")
}

/// The inputs that move the unit, at most three: `threshold index 2 (50 %)`.
pub(super) fn movers_cell(a: &Analysis, n: &Names, u: &UnitResult) -> String {
    movers(a, u)
        .iter()
        .take(3)
        .map(|(name, p)| format!("{name} ({})", n.percent(*p)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The mark of a unit: `!` when the nominal level is not the most likely, `=` when it holds in
/// every run.
pub(super) fn mark(u: &UnitResult) -> &'static str {
    if u.flag {
        "!"
    } else if u.holds {
        "="
    } else {
        ""
    }
}

/// One unit's row of the units table: rank, unit, index, nominal level, its probability, the
/// mark, ranks, other levels, the inputs that move it.
pub(super) fn unit_cells(a: &Analysis, n: &Names, u: &UnitResult) -> Vec<String> {
    vec![
        u.nominal_rank
            .map(|r| r.to_string())
            .unwrap_or_else(|| "–".into()),
        u.unit.clone(),
        u.nominal_index
            .as_deref()
            .map(|s| n.lang.decimal(s))
            .unwrap_or_else(|| "–".into()),
        n.level(a, u.nominal_level),
        n.percent(nominal_probability(u)),
        mark(u).to_string(),
        rank_cell(u),
        other_levels(a, n, u),
        movers_cell(a, n, u),
    ]
}

/// The whole text report.
pub fn text(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let mut out = String::new();
    out.push_str(&m.f("robust-title", &[("survey", Arg::Str(&n.survey))]));
    out.push('\n');
    out.push_str(&method_line(a, n));
    out.push_str("\n\n");
    out.push_str(&m.f("robust-inputs", &[("n", Arg::from(a.inputs.len()))]));
    out.push('\n');
    let mut rows = Vec::new();
    for i in &a.inputs {
        rows.push(vec![
            i.name.clone(),
            values_text(&i.values, n),
            m.f("robust-nominal", &[("value", Arg::Str(&i.nominal))]),
            i.at.clone(),
        ]);
    }
    out.push_str(&columns(&rows));
    out.push('\n');
    out.push_str(&m.t("robust-units"));
    out.push('\n');
    let mut rows = vec![vec![
        m.t("robust-head-rank"),
        m.t("robust-head-unit"),
        n.index.clone(),
        m.t("robust-head-level"),
        m.t("robust-head-probability"),
        String::new(),
        m.t("robust-head-ranks"),
        m.t("robust-head-other-levels"),
        m.t("robust-head-movers"),
    ]];
    for u in by_rank(a) {
        rows.push(unit_cells(a, n, u));
    }
    out.push_str(&columns(&rows));
    out.push('\n');
    out.push_str(&sensitivity_text(a, n));
    out.push('\n');
    out.push_str(&summary(a, n));
    out
}

fn sensitivity_text(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let mut out = m.t("robust-sensitivity");
    out.push('\n');
    let ci = |v: Option<f64>| match v {
        Some(x) => format!(" ±{}", n.index_value(Some(x))),
        None => String::new(),
    };
    let mut rows = vec![vec![
        m.t("robust-head-input"),
        m.t("robust-head-rank-s1"),
        m.t("robust-head-rank-st"),
        m.t("robust-head-level-s1"),
        m.t("robust-head-level-st"),
    ]];
    for s in &a.sensitivity {
        rows.push(vec![
            s.input.clone(),
            format!(
                "{}{}",
                n.index_value(s.rank_shift.first),
                ci(s.rank_shift.first_ci)
            ),
            format!(
                "{}{}",
                n.index_value(s.rank_shift.total),
                ci(s.rank_shift.total_ci)
            ),
            format!(
                "{}{}",
                n.index_value(s.level_change.first),
                ci(s.level_change.first_ci)
            ),
            format!(
                "{}{}",
                n.index_value(s.level_change.total),
                ci(s.level_change.total_ci)
            ),
        ]);
    }
    out.push_str(&columns(&rows));
    if a.variance.level_change <= 0.0 {
        out.push_str(&m.t("robust-no-variance"));
        out.push('\n');
    }
    out
}

/// The closing lines: how many units keep their level under every choice, how many do not.
pub(super) fn summary(a: &Analysis, n: &Names) -> String {
    let with_index = a.units.iter().filter(|u| u.nominal_level.is_some()).count();
    let holds = a.units.iter().filter(|u| u.holds).count();
    let flagged: Vec<&str> = a
        .units
        .iter()
        .filter(|u| u.flag)
        .map(|u| u.unit.as_str())
        .collect();
    let mut out = n.msg.f(
        "robust-summary",
        &[
            ("holds", Arg::from(holds)),
            ("units", Arg::from(with_index)),
            ("depends", Arg::from(with_index - holds)),
        ],
    );
    out.push('\n');
    if !flagged.is_empty() {
        out.push_str(&n.msg.f(
            "robust-summary-flagged",
            &[
                ("n", Arg::from(flagged.len())),
                ("units", Arg::Str(&flagged.join(", "))),
            ],
        ));
        out.push('\n');
    }
    out
}
