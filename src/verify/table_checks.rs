//! The published table against the computed values: every value (equal, explained by rounding or
//! not), every metadata cell, and the units only one side lists.

use super::facts::{self, Cx};
use super::table::{target_name, PubRow};
use super::{compare_value, shown, Check, ColumnSummary, Msg, Status, Text};
use crate::hir::MissingState;
use crate::num::Num;
use crate::value::Value;

/// The published table against the computed values.
pub(super) fn table_checks(cx: &mut Cx<'_>) -> Vec<ColumnSummary> {
    let p = cx.p;
    let nt = p.sections.len() + 1;
    let mut sums: Vec<ColumnSummary> = (0..nt)
        .filter_map(|t| {
            let name = target_name(p, t).to_string();
            let header = cx
                .published
                .mapping
                .iter()
                .find(|(n, _)| *n == name)?
                .1
                .clone();
            Some(ColumnSummary {
                target: name,
                header,
                compared: 0,
                equal: 0,
                explained: 0,
                failed: 0,
                largest: None,
            })
        })
        .collect();
    let published = cx.published;
    for row in &published.rows {
        let Some(ui) = cx.unit_index(&row.unit) else {
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: Msg.f("verify-row-unit-published", [("row", row_no(row))]),
                unit: Some(row.unit.clone()),
                target: None,
                published: Msg.t("verify-listed"),
                computed: Msg.t("verify-not-in-submissions"),
                status: Status::Failed,
                note: cx.unit_hint(&row.unit),
                detail: None,
                at: None,
            });
            continue;
        };
        value_checks(cx, &mut sums, row, ui);
        meta_checks(cx, row, ui);
    }
    unlisted_units(cx);
    sums
}

/// The values of one row, each against the unit's computed value; counted in `sums`.
fn value_checks(cx: &mut Cx<'_>, sums: &mut [ColumnSummary], row: &PubRow, ui: usize) {
    let p = cx.p;
    let nt = p.sections.len() + 1;
    for t in 0..nt {
        let name = target_name(p, t).to_string();
        let Some(sum) = sums.iter_mut().find(|s| s.target == name) else {
            continue;
        };
        let val = cx.units[ui].vals[t];
        let (status, published_text, computed, note, detail) = match (&row.values[t], val) {
            (None, None) => (Status::Passed, "–".into(), "–".into(), None, None),
            (Some(pv), None) => (
                Status::Failed,
                Text::num(&pv.text),
                "–".into(),
                Some(Msg.t("verify-tool-no-value")),
                None,
            ),
            (None, Some(v)) => (
                Status::Failed,
                "–".into(),
                shown(p, v.exact, p.survey.display),
                Some(Msg.t("verify-table-no-value")),
                None,
            ),
            (Some(pv), Some(v)) => {
                let diff = pv.value.sub(v.exact).unwrap_or(Num::ZERO);
                if sum
                    .largest
                    .as_ref()
                    .is_none_or(|(_, m)| diff.abs() > m.abs())
                {
                    sum.largest = Some((row.unit.clone(), diff));
                }
                let (s, c, n, d) = compare_value(p, pv, &v);
                (s, Text::num(&pv.text), c, n, d)
            }
        };
        sum.compared += 1;
        match status {
            Status::Passed => sum.equal += 1,
            Status::ExplainedByRounding => sum.explained += 1,
            _ => sum.failed += 1,
        }
        cx.push(Check {
            area: "table".into(),
            fact: "table".into(),
            what: Msg.f("verify-row", [("row", row_no(row))]),
            unit: Some(row.unit.clone()),
            target: Some(name),
            published: published_text,
            computed,
            status,
            note,
            detail,
            at: None,
        });
    }
}

/// The metadata cells of one row against the unit's metadata.
fn meta_checks(cx: &mut Cx<'_>, row: &PubRow, ui: usize) {
    let p = cx.p;
    for (slot, text) in &row.meta {
        let q = &p.schema.meta[slot - p.schema.questions.len()];
        let have = cx.units[ui]
            .answers
            .get(*slot)
            .copied()
            .unwrap_or(Value::UNANSWERED);
        let have_text = match have {
            Value::Missing(m) => Msg.t(match m {
                MissingState::Unanswered => "answer-unanswered",
                MissingState::NotAsked => "answer-not-asked",
                MissingState::NotApplicable => "answer-not-applicable",
                MissingState::DontKnow => "answer-dont-know",
            }),
            _ => crate::render::value_text(p, *slot, have).into(),
        };
        let same = match (facts::option_of(q, text), have) {
            (Some(i), Value::Choice(j)) => i == j,
            (None, _) => text.is_empty() && !have.is_answered(),
            _ => false,
        };
        cx.push(Check {
            area: "table".into(),
            fact: "table".into(),
            what: Msg.f(
                "verify-row-metadata",
                [("row", row_no(row)), ("field", q.id.as_str().into())],
            ),
            unit: Some(row.unit.clone()),
            target: None,
            published: text.into(),
            computed: have_text,
            status: if same { Status::Passed } else { Status::Failed },
            note: (!same).then(|| Msg.t("verify-metadata-differs")),
            detail: None,
            at: None,
        });
    }
}

/// The units of the submissions the published table does not list.
fn unlisted_units(cx: &mut Cx<'_>) {
    let published = cx.published;
    let listed: std::collections::HashSet<String> =
        published.rows.iter().map(|r| facts::key(&r.unit)).collect();
    for u in cx.units {
        if !listed.contains(&facts::key(&u.id)) {
            cx.push(Check {
                area: "table".into(),
                fact: "table".into(),
                what: Msg.t("verify-unit-in-submissions"),
                unit: Some(u.id.clone()),
                target: None,
                published: Msg.t("verify-not-in-table"),
                computed: Msg.t("verify-evaluated"),
                status: Status::Failed,
                note: None,
                detail: None,
                at: None,
            });
        }
    }
}

/// The row number of a published row, as an argument.
fn row_no(row: &PubRow) -> Text {
    Text::Int(i64::try_from(row.row).unwrap_or(i64::MAX))
}
