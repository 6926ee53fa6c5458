//! The answers tables of the report: for one question, the share of each option (or the
//! number statistics) per group.

use super::tables::{
    head_columns, mean, median, opt_number, row_head, share, Cell, Chart, Options, RowGroup, Table,
    TableKind, UnitData,
};
use crate::hir::Program;
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use crate::schema::{Question, QuestionKind};
use crate::value::Value;

/// The options of a choice question as a list of labels in `lang`.
fn option_labels(q: &Question, lang: Lang) -> Vec<String> {
    match &q.kind {
        QuestionKind::YesNo => {
            let m = lang.messages();
            vec![m.t("report-yes"), m.t("report-no")]
        }
        k => k
            .options()
            .iter()
            .map(|o| lang.pick(&o.lv, o.en.as_deref()).to_string())
            .collect(),
    }
}

/// Which options an answer selects (bit i = option i); `None` when not answered.
fn selected(v: Value) -> Option<u128> {
    match v {
        Value::Choice(i) => Some(1u128 << i),
        Value::Bool(true) => Some(1),
        Value::Bool(false) => Some(2),
        Value::Multi(m) => Some(m),
        _ => None,
    }
}

/// Answer shares of one question per group (figures 4 to 55 and the breakdown tables).
/// `None` for free-text questions.
pub fn answers_table(
    p: &Program,
    slot: usize,
    units: &[UnitData],
    groups: &[RowGroup],
    chart_groups: &[usize],
    opts: &Options,
    lang: Lang,
) -> Option<Table> {
    let msg = lang.messages();
    let q = &p.schema.questions[slot];
    let numeric = q.kind.is_numeric();
    if matches!(q.kind, QuestionKind::Text) {
        return None;
    }
    let labels = option_labels(q, lang);
    let columns = answers_columns(numeric, &labels, lang);
    let mut rows = Vec::new();
    let mut any_small = false;
    let mut series = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let answered: Vec<Value> = g
            .members
            .iter()
            .map(|&u| {
                units[u]
                    .answers
                    .get(slot)
                    .copied()
                    .unwrap_or(Value::UNANSWERED)
            })
            .filter(|v| v.is_answered())
            .collect();
        let n = answered.len();
        let small = n > 0 && n < opts.min_base;
        any_small |= small;
        let mut row = row_head(g);
        row.push(Cell::Int(n as u64));
        if numeric {
            row.extend(number_cells(&answered));
        } else {
            let masks: Vec<u128> = answered.iter().filter_map(|v| selected(*v)).collect();
            let counts: Vec<usize> = (0..labels.len())
                .map(|i| masks.iter().filter(|m| *m & (1u128 << i) != 0).count())
                .collect();
            row.extend(counts.iter().map(|&c| share(c, n)));
            if gi == 0 || chart_groups.contains(&gi) {
                let label = format!("{} (n={n})", g.label);
                series.push((
                    label,
                    counts
                        .iter()
                        .map(|&c| Num::frac(c as i128, n as i128))
                        .collect::<Vec<_>>(),
                ));
            }
        }
        row.push(Cell::Text(if small {
            msg.f(
                "report-small-base-flag",
                &[("min", Arg::from(opts.min_base))],
            )
        } else {
            String::new()
        }));
        rows.push(row);
    }
    let notes = answers_notes(q, slot, units, any_small, opts, lang);
    let overall = msg.t("report-overall");
    let caption = match chart_groups.first().map(|&i| &groups[i]) {
        Some(g) => msg.f(
            "report-chart-overall-and",
            &[
                ("overall", Arg::Str(&overall)),
                ("grouping", Arg::Str(&g.grouping)),
            ],
        ),
        None => overall,
    };
    let chart = (!numeric && !labels.is_empty()).then(|| Chart::Grouped {
        caption,
        categories: labels.clone(),
        series,
    });
    Some(Table {
        id: format!("answers_{}", q.id),
        kind: TableKind::Answers,
        title: format!("{}: {}", q.id, lang.pick(&q.lv, q.en.as_deref())),
        notes,
        columns,
        rows,
        chart,
    })
}

/// The columns of an answers table: the group head, then the number statistics or one share
/// per option, then the note.
fn answers_columns(numeric: bool, labels: &[String], lang: Lang) -> Vec<String> {
    let msg = lang.messages();
    let mut columns = head_columns(lang);
    if numeric {
        columns.extend([
            msg.t("report-col-sum"),
            msg.t("report-col-mean"),
            msg.t("report-col-median"),
            msg.t("report-col-min"),
            msg.t("report-col-max"),
        ]);
    } else {
        columns.extend(
            labels
                .iter()
                .map(|o| msg.f("report-col-option-percent", &[("option", Arg::Str(o))])),
        );
    }
    columns.push(msg.t("report-col-note"));
    columns
}

/// The sum, mean, median, minimum and maximum cells of the numeric answers of a group.
fn number_cells(answered: &[Value]) -> Vec<Cell> {
    let n = answered.len();
    let mut cells = Vec::with_capacity(5);
    let mut nums: Vec<Num> = answered
        .iter()
        .filter_map(|v| match v {
            Value::Num(x) => Some(*x),
            _ => None,
        })
        .collect();
    nums.sort();
    let sum = nums.iter().try_fold(Num::ZERO, |a, x| a.add(*x)).ok();
    cells.push(if n == 0 {
        Cell::Empty
    } else {
        sum.map_or(Cell::Empty, Cell::Exact)
    });
    cells.push(opt_number(mean(&nums), 1));
    cells.push(opt_number(median(&nums), 1));
    cells.push(nums.first().map_or(Cell::Empty, |x| Cell::Exact(*x)));
    cells.push(nums.last().map_or(Cell::Empty, |x| Cell::Exact(*x)));
    cells
}

/// The notes of an answers table: the question, the base, what the base leaves out (over all
/// units) and the small-base warning.
fn answers_notes(
    q: &Question,
    slot: usize,
    units: &[UnitData],
    any_small: bool,
    opts: &Options,
    lang: Lang,
) -> Vec<String> {
    let msg = lang.messages();
    let numeric = q.kind.is_numeric();
    let multi = matches!(q.kind, QuestionKind::Multi(_));
    // what the base leaves out, over all units
    let mut states = [0usize; 4];
    for u in units {
        if let Some(Value::Missing(m)) = u.answers.get(slot) {
            states[m.index()] += 1;
        }
    }
    let mut notes = vec![if numeric {
        msg.t("report-answers-note-numeric")
    } else if multi {
        msg.t("report-answers-note-multi")
    } else {
        msg.t("report-answers-note-single")
    }];
    let left_out: Vec<String> = crate::hir::MissingState::ALL
        .iter()
        .filter(|m| states[m.index()] > 0)
        .map(|m| {
            let what = match m {
                crate::hir::MissingState::Unanswered => msg.t("answer-unanswered"),
                crate::hir::MissingState::NotAsked => msg.t("answer-not-asked"),
                crate::hir::MissingState::NotApplicable => msg.t("answer-not-applicable"),
                crate::hir::MissingState::DontKnow => msg.t("answer-dont-know"),
            };
            msg.f(
                "report-answers-left-out-item",
                &[
                    ("n", Arg::from(states[m.index()])),
                    ("what", Arg::Str(&what)),
                ],
            )
        })
        .collect();
    if !left_out.is_empty() {
        notes.push(msg.f(
            "report-answers-left-out",
            &[("list", Arg::Str(&left_out.join(", ")))],
        ));
    }
    if any_small {
        notes.push(msg.f(
            "report-answers-small-base",
            &[("min", Arg::from(opts.min_base))],
        ));
    }
    notes
}
