//! The report's tables, computed exactly (`Num`) from the evaluated units. Renderers (Markdown,
//! CSV, Excel, HTML) only format what is here.

//!
//! Every word a table carries (titles, column headers, notes, row labels, level names) is in the
//! report's language: from the message catalogue (`src/l10n/*/report.ftl`), or the schema's and
//! ruleset's own texts in that language (`Lang::pick`). Numbers stay numbers (`Cell`): renderers
//! write them in their format's notation.

use super::answers::answers_table;
use crate::eval::{IndexOutcome, UnitOutcome};
use crate::hir::{GroupValue, Grouping, GroupingKind, Program};
use crate::l10n::{Arg, Lang};
use crate::num::{Num, Rounding};
use crate::schema::Question;
use crate::value::Value;

/// One evaluated unit as the report sees it.
#[derive(Debug, Clone)]
pub struct UnitData {
    pub id: String,
    pub outcome: UnitOutcome,
    /// The answers as evaluation saw them (after follow-up conditions).
    pub answers: Vec<Value>,
    /// The derived values (`let`s).
    pub lets: Vec<Value>,
}

impl UnitData {
    fn value(&self, v: GroupValue) -> Value {
        let got = match v {
            GroupValue::Slot(s) => self.answers.get(s),
            GroupValue::Let(l) => self.lets.get(l),
        };
        got.copied().unwrap_or(Value::UNANSWERED)
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// A share whose base is below this is flagged (the report's "Bāze ... ir neliela").
    pub min_base: usize,
    /// How many units the top lists show (more when units tie).
    pub top: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_base: 10,
            top: 3,
        }
    }
}

/// A grouping applied to the data: the group of every unit.
#[derive(Debug, Clone)]
pub struct Breakdown {
    pub name: String,
    /// The grouping's title in the report's language.
    pub title: String,
    /// Group labels; the last is `report-no-value` ("nav datu") when some unit has no value.
    pub labels: Vec<String>,
    /// Whether the last label is the group of units without a value.
    pub has_no_value: bool,
    /// Per unit: index into `labels`.
    pub of_unit: Vec<usize>,
    /// A grouping by a choice (shown as a column of the results table).
    pub is_choice: bool,
}

/// The units one table row covers.
#[derive(Debug, Clone)]
pub struct RowGroup {
    /// The grouping's title; empty for the overall row.
    pub grouping: String,
    pub label: String,
    pub members: Vec<usize>,
    /// The group of the units without a value for the grouping.
    pub no_value: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u64),
    /// A number shown with this many decimals.
    Number(Num, u32),
    /// A number shown exactly (answers as given: sums, minima, maxima).
    Exact(Num),
    /// A share in 0..1, written as a percentage (0–100) in every format: its column's header
    /// says `(%)`.
    Share(Num),
    Empty,
}

/// A chart of a table (HTML).
#[derive(Debug, Clone)]
pub enum Chart {
    /// One horizontal bar per row, stacked by segment (level shares).
    Stacked {
        segments: Vec<String>,
        /// Whether a segment is the zero level (drawn apart in grey).
        zero_first: bool,
        /// (grouping title, bar label, shares); bars of one grouping are drawn under its title.
        bars: Vec<(String, String, Vec<Num>)>,
    },
    /// For each category (answer option) one bar per series (overall and groups).
    Grouped {
        /// What the series are (overall, and the groups of which grouping).
        caption: String,
        categories: Vec<String>,
        series: Vec<(String, Vec<Option<Num>>)>,
    },
}

/// What a table is about (for renderers that treat kinds differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Results,
    Units,
    Levels,
    Stats,
    Top,
    Answers,
    Provenance,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// A stable identifier: file name of the CSV, anchor in HTML, base of the sheet name.
    pub id: String,
    pub kind: TableKind,
    pub title: String,
    /// Base, definitions, warnings: printed under the title.
    pub notes: Vec<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub chart: Option<Chart>,
}

/// Everything `eindex report` renders.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub tables: Vec<Table>,
    /// How shares and scores are rounded for display (the survey header's `rounding`).
    pub rounding: Rounding,
    /// The language of the words (already in the tables) and of the numbers Markdown and HTML
    /// write (a decimal comma in Latvian).
    pub lang: Lang,
}

/// A grouping's title in `lang`: the field's own text in that language when the title is the
/// field's Latvian text (a grouping `by` or `bands` over a question or metadata field), else the
/// title as the ruleset writes it.
fn grouping_title(p: &Program, g: &Grouping, lang: Lang) -> String {
    match g.kind.value() {
        GroupValue::Slot(s) => match slot_question(p, s) {
            Some(q) if q.lv == g.title => lang.pick(&q.lv, q.en.as_deref()).to_string(),
            _ => g.title.clone(),
        },
        GroupValue::Let(_) => g.title.clone(),
    }
}

/// The question or metadata field of a slot.
fn slot_question(p: &Program, slot: usize) -> Option<&Question> {
    let nq = p.schema.questions.len();
    if slot < nq {
        p.schema.questions.get(slot)
    } else {
        p.schema.meta.get(slot - nq)
    }
}

/// The labels of the groups of a grouping by a choice, in `lang`: yes/no from the catalogue,
/// an option's text in the language (found by its id), else the label as declared.
fn choice_labels(
    p: &Program,
    value: GroupValue,
    groups: &[crate::hir::GroupLabel],
    yes_no: bool,
    lang: Lang,
) -> Vec<String> {
    let m = lang.messages();
    if yes_no {
        return vec![m.t("report-yes"), m.t("report-no")];
    }
    let options = match value {
        GroupValue::Slot(s) => slot_question(p, s).map(|q| q.kind.options()),
        GroupValue::Let(_) => None,
    };
    groups
        .iter()
        .map(|g| {
            options
                .and_then(|o| o.iter().find(|o| o.id == g.id))
                .map_or_else(
                    || g.label.clone(),
                    |o| lang.pick(&o.lv, o.en.as_deref()).to_string(),
                )
        })
        .collect()
}

/// The name of a level in `lang` (level 0: the `zero apart` level).
pub fn level_name(p: &Program, level: u8, lang: Lang) -> &str {
    let l = if level == 0 {
        p.zero_level.as_ref()
    } else {
        p.levels.get(level as usize - 1)
    };
    l.map_or("", |l| lang.pick(&l.lv, l.en.as_deref()))
}

/// A level with its name: "3 – definēts".
pub fn level_label(p: &Program, level: u8, lang: Lang) -> String {
    lang.messages().f(
        "report-level",
        &[
            ("level", Arg::from(level)),
            ("name", Arg::Str(level_name(p, level, lang))),
        ],
    )
}

/// The value a grouping reads, per unit, and the units' groups.
pub fn breakdown(p: &Program, g: &Grouping, units: &[UnitData], lang: Lang) -> Breakdown {
    let values: Vec<Value> = units.iter().map(|u| u.value(g.kind.value())).collect();
    let (mut labels, of): (Vec<String>, Vec<Option<usize>>) = match &g.kind {
        GroupingKind::Choice {
            value,
            groups,
            yes_no,
        } => (
            choice_labels(p, *value, groups, *yes_no, lang),
            values
                .iter()
                .map(|v| match *v {
                    Value::Choice(i) if (i as usize) < groups.len() => Some(i as usize),
                    Value::Bool(true) => Some(0),
                    Value::Bool(false) => Some(1),
                    _ => None,
                })
                .collect(),
        ),
        GroupingKind::Bands { bands, .. } => (
            bands.iter().map(|b| b.label.clone()).collect(),
            values
                .iter()
                .map(|v| match *v {
                    Value::Num(n) => bands.iter().position(|b| b.admits(n)),
                    _ => None,
                })
                .collect(),
        ),
        GroupingKind::Quartiles { .. } => quartiles(p, &values, lang),
    };
    let mut of_unit = Vec::with_capacity(of.len());
    let none = labels.len();
    let mut any_none = false;
    for g in of {
        of_unit.push(g.unwrap_or_else(|| {
            any_none = true;
            none
        }));
    }
    if any_none {
        labels.push(lang.messages().t("report-no-value"));
    }
    Breakdown {
        name: g.name.clone(),
        title: grouping_title(p, g, lang),
        labels,
        has_no_value: any_none,
        of_unit,
        is_choice: matches!(g.kind, GroupingKind::Choice { .. }),
    }
}

/// Quartile groups by the nearest-rank method: `Q_k` is the value at sorted position
/// `ceil(k·n/4)`; group 1 holds values `<= Q1`, group k values in `(Q_{k-1}, Q_k]`, group 4 the
/// rest. Equal values always share a group (a group can then be empty). The cut points in the
/// labels are written in `lang`'s notation ("Q2 (0,20–0,80]" in Latvian).
fn quartiles(p: &Program, values: &[Value], lang: Lang) -> (Vec<String>, Vec<Option<usize>>) {
    let mut nums: Vec<Num> = values
        .iter()
        .filter_map(|v| match v {
            Value::Num(n) => Some(*n),
            _ => None,
        })
        .collect();
    nums.sort();
    let labels_for = |cuts: &[Num]| -> Vec<String> {
        let integer = nums.iter().all(|n| n.is_integer());
        let f = |n: Num| {
            lang.decimal(&if integer {
                n.to_string()
            } else {
                n.format(2, p.survey.rounding)
            })
        };
        let m = lang.messages();
        let between = |k: usize, from: Num, to: Num| {
            m.f(
                "report-quartile-between",
                &[
                    ("k", Arg::from(k)),
                    ("from", Arg::Str(&f(from))),
                    ("to", Arg::Str(&f(to))),
                ],
            )
        };
        match cuts {
            [a, b, c] => vec![
                m.f("report-quartile-first", &[("to", Arg::Str(&f(*a)))]),
                between(2, *a, *b),
                between(3, *b, *c),
                m.f("report-quartile-last", &[("from", Arg::Str(&f(*c)))]),
            ],
            _ => vec!["Q1".into(), "Q2".into(), "Q3".into(), "Q4".into()],
        }
    };
    if nums.is_empty() {
        return (labels_for(&[]), vec![None; values.len()]);
    }
    let n = nums.len();
    let cuts: Vec<Num> = (1..=3).map(|k| nums[(k * n).div_ceil(4) - 1]).collect();
    let of = values
        .iter()
        .map(|v| match v {
            Value::Num(x) => Some(cuts.iter().position(|c| x <= c).unwrap_or(3)),
            _ => None,
        })
        .collect();
    (labels_for(&cuts), of)
}

/// The overall row group, then every group of every breakdown.
pub fn row_groups(units: &[UnitData], breakdowns: &[Breakdown], lang: Lang) -> Vec<RowGroup> {
    let mut out = vec![RowGroup {
        grouping: String::new(),
        label: lang.messages().t("report-overall"),
        members: (0..units.len()).collect(),
        no_value: false,
    }];
    for b in breakdowns {
        for (gi, label) in b.labels.iter().enumerate() {
            out.push(RowGroup {
                grouping: b.title.clone(),
                label: label.clone(),
                members: (0..units.len()).filter(|&u| b.of_unit[u] == gi).collect(),
                no_value: b.has_no_value && gi + 1 == b.labels.len(),
            });
        }
    }
    out
}

pub(super) fn row_head(g: &RowGroup) -> Vec<Cell> {
    vec![Cell::Text(g.grouping.clone()), Cell::Text(g.label.clone())]
}

/// Exact mean; `None` when empty or on overflow.
pub fn mean(v: &[Num]) -> Option<Num> {
    if v.is_empty() {
        return None;
    }
    let mut s = Num::ZERO;
    for x in v {
        s = s.add(*x).ok()?;
    }
    s.div(Num::int(v.len() as i128)).ok()?
}

/// Exact median of sorted values.
pub fn median(sorted: &[Num]) -> Option<Num> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        return Some(sorted[n / 2]);
    }
    let s = sorted[n / 2 - 1].add(sorted[n / 2]).ok()?;
    s.div(Num::int(2)).ok()?
}

pub(super) fn share(count: usize, base: usize) -> Cell {
    match Num::frac(count as i128, base as i128) {
        Some(s) => Cell::Share(s),
        None => Cell::Empty,
    }
}

pub(super) fn opt_number(v: Option<Num>, decimals: u32) -> Cell {
    v.map_or(Cell::Empty, |n| Cell::Number(n, decimals))
}

/// A measure: the index (`None`) or a section.
#[derive(Debug, Clone, Copy)]
pub struct Measure(pub Option<usize>);

impl Measure {
    pub fn id(self, p: &Program) -> String {
        match self.0 {
            None => "index".to_string(),
            Some(s) => p.sections[s].id.clone(),
        }
    }

    /// The measure's name in `lang`: the section's text in the language; the index's title as
    /// the ruleset writes it, except that the catalogue's "E-indekss" is "E-index" in English.
    pub fn title(self, p: &Program, lang: Lang) -> String {
        match self.0 {
            None => {
                let lv = Lang::Lv.messages().t("index-title");
                if p.index.title == lv {
                    lang.messages().t("index-title")
                } else {
                    p.index.title.clone()
                }
            }
            Some(s) => {
                let sec = &p.sections[s];
                lang.pick(&sec.lv, sec.en.as_deref()).to_string()
            }
        }
    }

    /// The unit's exact score and level, if it has one.
    pub fn of(self, o: &UnitOutcome) -> Option<(Num, u8)> {
        match self.0 {
            None => match &o.index {
                IndexOutcome::Computed { value, level, .. } => Some((*value, *level)),
                IndexOutcome::NotComputable { .. } => None,
            },
            Some(s) => o
                .sections
                .get(s)
                .and_then(|r| r.as_ref().ok())
                .map(|x| (x.score, x.level)),
        }
    }

    /// The levels a score can have, in display order.
    pub fn levels(self, p: &Program) -> Vec<u8> {
        let zero = match self.0 {
            Some(s) => p.sections[s].zero_apart,
            None => false,
        };
        let mut v: Vec<u8> = if zero { vec![0] } else { Vec::new() };
        v.extend(p.levels.iter().map(|l| l.number));
        v
    }
}

/// Every measure: the index, then the sections in schema order.
pub fn measures(p: &Program) -> Vec<Measure> {
    std::iter::once(Measure(None))
        .chain((0..p.sections.len()).map(|s| Measure(Some(s))))
        .collect()
}

/// The columns every breakdown table starts with: grouping, group, n.
pub(super) fn head_columns(lang: Lang) -> Vec<String> {
    let m = lang.messages();
    vec![
        m.t("report-col-grouping"),
        m.t("report-col-group"),
        m.t("report-col-n"),
    ]
}

/// Level counts and shares per group (the report's figures 3, 12, 23, 36, 49, 56).
pub fn levels_table(
    p: &Program,
    m: Measure,
    units: &[UnitData],
    groups: &[RowGroup],
    lang: Lang,
) -> Table {
    let msg = lang.messages();
    let levels = m.levels(p);
    let mut columns = head_columns(lang);
    columns.extend(levels.iter().map(|&l| {
        msg.f(
            "report-level-count",
            &[
                ("level", Arg::from(l)),
                ("name", Arg::Str(level_name(p, l, lang))),
            ],
        )
    }));
    columns.extend(levels.iter().map(|&l| {
        msg.f(
            "report-level-percent",
            &[
                ("level", Arg::from(l)),
                ("name", Arg::Str(level_name(p, l, lang))),
            ],
        )
    }));
    columns.push(msg.t("report-col-no-score"));
    let mut rows = Vec::new();
    let mut bars = Vec::new();
    for g in groups {
        let scored: Vec<u8> = g
            .members
            .iter()
            .filter_map(|&u| m.of(&units[u].outcome).map(|(_, l)| l))
            .collect();
        let n = scored.len();
        let counts: Vec<usize> = levels
            .iter()
            .map(|&l| scored.iter().filter(|&&x| x == l).count())
            .collect();
        let mut row = row_head(g);
        row.push(Cell::Int(n as u64));
        row.extend(counts.iter().map(|&c| Cell::Int(c as u64)));
        row.extend(counts.iter().map(|&c| share(c, n)));
        row.push(Cell::Int((g.members.len() - n) as u64));
        rows.push(row);
        if n > 0 {
            let shares = counts
                .iter()
                .map(|&c| Num::frac(c as i128, n as i128).unwrap_or(Num::ZERO))
                .collect();
            bars.push((g.grouping.clone(), format!("{} (n={n})", g.label), shares));
        }
    }
    let zero_first = levels.first() == Some(&0);
    Table {
        id: format!("levels_{}", m.id(p)),
        kind: TableKind::Levels,
        title: msg.f(
            "report-levels-title",
            &[("measure", Arg::Str(&m.title(p, lang)))],
        ),
        notes: vec![msg.t("report-levels-note")],
        columns,
        rows,
        chart: (!bars.is_empty()).then(|| Chart::Stacked {
            segments: levels.iter().map(|&l| level_label(p, l, lang)).collect(),
            zero_first,
            bars,
        }),
    }
}

/// Mean, median, minimum and maximum score per group.
pub fn stats_table(
    p: &Program,
    m: Measure,
    units: &[UnitData],
    groups: &[RowGroup],
    lang: Lang,
) -> Table {
    let msg = lang.messages();
    let d = p.survey.display;
    let mut rows = Vec::new();
    for g in groups {
        let mut scores: Vec<Num> = g
            .members
            .iter()
            .filter_map(|&u| m.of(&units[u].outcome).map(|(s, _)| s))
            .collect();
        scores.sort();
        let mut row = row_head(g);
        row.push(Cell::Int(scores.len() as u64));
        row.push(opt_number(mean(&scores), d));
        row.push(opt_number(median(&scores), d));
        row.push(opt_number(scores.first().copied(), d));
        row.push(opt_number(scores.last().copied(), d));
        rows.push(row);
    }
    Table {
        id: format!("stats_{}", m.id(p)),
        kind: TableKind::Stats,
        title: msg.f(
            "report-stats-title",
            &[("measure", Arg::Str(&m.title(p, lang)))],
        ),
        notes: vec![msg.f("report-stats-note", &[("decimals", Arg::Int(i64::from(d)))])],
        columns: {
            let mut c = head_columns(lang);
            c.extend([
                msg.t("report-col-mean"),
                msg.t("report-col-median"),
                msg.t("report-col-min"),
                msg.t("report-col-max"),
            ]);
            c
        },
        rows,
        chart: None,
    }
}

/// The units with the highest scores per group. Units with equal exact scores share a rank
/// (1, 1, 3, ...), and every unit tied at the last rank shown is listed.
pub fn top_table(
    p: &Program,
    m: Measure,
    units: &[UnitData],
    groups: &[RowGroup],
    top: usize,
    lang: Lang,
) -> Table {
    let msg = lang.messages();
    let d = p.survey.display;
    let mut rows = Vec::new();
    for g in groups {
        let mut scored: Vec<(Num, &str)> = g
            .members
            .iter()
            .filter_map(|&u| {
                m.of(&units[u].outcome)
                    .map(|(s, _)| (s, units[u].id.as_str()))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut rank = 0;
        for (i, &(s, id)) in scored.iter().enumerate() {
            // competition ranking: a unit's rank is 1 + the number of units scoring higher
            if i == 0 || scored[i - 1].0 != s {
                rank = i + 1;
            }
            if rank > top {
                break;
            }
            let tied =
                (i > 0 && scored[i - 1].0 == s) || scored.get(i + 1).is_some_and(|x| x.0 == s);
            let mut row = row_head(g);
            row.push(Cell::Int(rank as u64));
            row.push(Cell::Text(id.to_string()));
            row.push(Cell::Number(s, d));
            row.push(Cell::Text(if tied {
                msg.t("report-tie")
            } else {
                String::new()
            }));
            rows.push(row);
        }
    }
    Table {
        id: format!("top_{}", m.id(p)),
        kind: TableKind::Top,
        title: msg.f(
            "report-top-title",
            &[
                ("top", Arg::from(top)),
                ("measure", Arg::Str(&m.title(p, lang))),
            ],
        ),
        notes: vec![msg.f("report-top-note", &[("top", Arg::from(top))])],
        columns: vec![
            msg.t("report-col-grouping"),
            msg.t("report-col-group"),
            msg.t("report-col-rank"),
            msg.t("report-col-unit"),
            msg.t("report-col-score"),
            msg.t("report-col-note"),
        ],
        rows,
        chart: None,
    }
}

/// The number of units per group.
pub fn units_table(units: &[UnitData], groups: &[RowGroup], lang: Lang) -> Table {
    let msg = lang.messages();
    let total = units.len();
    let rows = groups
        .iter()
        .map(|g| {
            let mut row = row_head(g);
            row.push(Cell::Int(g.members.len() as u64));
            row.push(share(g.members.len(), total));
            row
        })
        .collect();
    Table {
        id: "units".into(),
        kind: TableKind::Units,
        title: msg.t("report-units-title"),
        notes: vec![msg.f("report-units-note", &[("total", Arg::from(total))])],
        columns: {
            let mut c = head_columns(lang);
            c.push(msg.t("report-col-percent"));
            c
        },
        rows,
        chart: None,
    }
}

/// The results per unit (the layout of the report's Annex 1): groups, index, section scores.
pub fn results_table(
    p: &Program,
    units: &[UnitData],
    breakdowns: &[Breakdown],
    lang: Lang,
) -> Table {
    let msg = lang.messages();
    let d = p.survey.display;
    let choice: Vec<&Breakdown> = breakdowns.iter().filter(|b| b.is_choice).collect();
    let mut columns = vec![msg.t("report-col-unit")];
    columns.extend(choice.iter().map(|b| b.title.clone()));
    for m in measures(p) {
        let title = m.title(p, lang);
        columns.push(msg.f("report-col-level-of", &[("measure", Arg::Str(&title))]));
        columns.insert(columns.len() - 1, title);
    }
    columns.push(msg.t("report-col-status"));
    let mut rows = Vec::new();
    for (i, u) in units.iter().enumerate() {
        let mut row = vec![Cell::Text(u.id.clone())];
        for b in &choice {
            row.push(Cell::Text(b.labels[b.of_unit[i]].clone()));
        }
        for m in measures(p) {
            match m.of(&u.outcome) {
                Some((s, l)) => {
                    row.push(Cell::Number(s, d));
                    row.push(Cell::Text(level_label(p, l, lang)));
                }
                None => row.extend([Cell::Empty, Cell::Empty]),
            }
        }
        row.push(Cell::Text(status_text(p, &u.outcome, lang)));
        rows.push(row);
    }
    Table {
        id: "results".into(),
        kind: TableKind::Results,
        title: msg.t("report-results-title"),
        notes: vec![msg.f(
            "report-results-note",
            &[
                ("index", Arg::Str(&Measure(None).title(p, lang))),
                ("decimals", Arg::Int(i64::from(d))),
            ],
        )],
        columns,
        rows,
        chart: None,
    }
}

/// The status column: evaluated, or why the index is not computable (the missing sections by
/// name).
fn status_text(p: &Program, o: &UnitOutcome, lang: Lang) -> String {
    let msg = lang.messages();
    match &o.index {
        IndexOutcome::Computed { .. } => msg.t("report-status-evaluated"),
        IndexOutcome::NotComputable {
            sections,
            required,
            missing,
        } => {
            let names: Vec<String> = missing
                .iter()
                .map(|&s| Measure(Some(s)).title(p, lang))
                .collect();
            msg.f(
                "report-status-not-computable",
                &[
                    ("sections", Arg::from(*sections)),
                    ("total", Arg::from(p.sections.len())),
                    ("required", Arg::from(*required)),
                    ("missing", Arg::Str(&names.join(", "))),
                ],
            )
        }
    }
}

/// Builds every table: results, units per group, per measure levels/stats/top, answers per
/// question. Provenance is added by the caller.
pub fn build(
    p: &Program,
    units: &[UnitData],
    groupings: &[Grouping],
    opts: &Options,
    lang: Lang,
) -> Report {
    let breakdowns: Vec<Breakdown> = groupings
        .iter()
        .map(|g| breakdown(p, g, units, lang))
        .collect();
    let groups = row_groups(units, &breakdowns, lang);
    let mut tables = vec![
        results_table(p, units, &breakdowns, lang),
        units_table(units, &groups, lang),
    ];
    for m in measures(p) {
        tables.push(levels_table(p, m, units, &groups, lang));
        tables.push(stats_table(p, m, units, &groups, lang));
        tables.push(top_table(p, m, units, &groups, opts.top, lang));
    }
    // the chart series of answer tables: overall plus the groups of the first choice grouping
    let mut chart_groups = Vec::new();
    let mut at = 1;
    for b in &breakdowns {
        if b.is_choice && chart_groups.is_empty() && b.labels.len() <= 8 {
            chart_groups = (at..at + b.labels.len())
                .filter(|&i| !groups[i].members.is_empty() && !groups[i].no_value)
                .collect();
        }
        at += b.labels.len();
    }
    for slot in 0..p.schema.questions.len() {
        if let Some(t) = answers_table(p, slot, units, &groups, &chart_groups, opts, lang) {
            tables.push(t);
        }
    }
    Report {
        title: format!(
            "{}{}",
            p.survey.name,
            p.survey.year.map(|y| format!(" {y}")).unwrap_or_default()
        ),
        tables,
        rounding: p.survey.rounding,
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    #[test]
    fn exact_mean_and_median() {
        let v = [n("25"), n("50"), n("100")];
        assert_eq!(mean(&v), Num::frac(175, 3));
        assert_eq!(median(&v), Some(n("50")));
        assert_eq!(median(&[n("50"), n("100")]), Some(n("75")));
        assert_eq!(median(&[n("0.1"), n("0.2")]), Some(n("0.15")));
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn shares_are_exact_and_empty_without_base() {
        assert_eq!(share(1, 3), Cell::Share(Num::frac(1, 3).unwrap()));
        assert_eq!(share(0, 0), Cell::Empty);
    }
}
