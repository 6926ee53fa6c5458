//! The report's tables, computed exactly (`Num`) from the evaluated units. Renderers (Markdown,
//! CSV, Excel, HTML) only format what is here.

use crate::eval::{IndexOutcome, UnitOutcome};
use crate::hir::{GroupValue, Grouping, GroupingKind, Program};
use crate::num::{Num, Rounding};
use crate::schema::{Question, QuestionKind};
use crate::text::plural_s;
use crate::value::Value;

/// The label of the row that covers every unit.
pub const OVERALL: &str = "Kopā";
/// The group of units that have no value for a grouping.
pub const NO_VALUE: &str = "nav datu";

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
    pub title: String,
    /// Group labels; the last is [`NO_VALUE`] when some unit has no value.
    pub labels: Vec<String>,
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
    /// A share in 0..1, shown as a percentage.
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
}

/// The value a grouping reads, per unit, and the units' groups.
pub fn breakdown(p: &Program, g: &Grouping, units: &[UnitData]) -> Breakdown {
    let values: Vec<Value> = units.iter().map(|u| u.value(g.kind.value())).collect();
    let (mut labels, of): (Vec<String>, Vec<Option<usize>>) = match &g.kind {
        GroupingKind::Choice { groups, .. } => (
            groups.iter().map(|l| l.label.clone()).collect(),
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
        GroupingKind::Quartiles { .. } => quartiles(p, &values),
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
        labels.push(NO_VALUE.to_string());
    }
    Breakdown {
        name: g.name.clone(),
        title: g.title.clone(),
        labels,
        of_unit,
        is_choice: matches!(g.kind, GroupingKind::Choice { .. }),
    }
}

/// Quartile groups by the nearest-rank method: `Q_k` is the value at sorted position
/// `ceil(k·n/4)`; group 1 holds values `<= Q1`, group k values in `(Q_{k-1}, Q_k]`, group 4 the
/// rest. Equal values always share a group (a group can then be empty).
fn quartiles(p: &Program, values: &[Value]) -> (Vec<String>, Vec<Option<usize>>) {
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
            if integer {
                n.to_string()
            } else {
                n.format(2, p.survey.rounding)
            }
        };
        match cuts {
            [a, b, c] => vec![
                format!("Q1 (≤ {})", f(*a)),
                format!("Q2 ({}–{}]", f(*a), f(*b)),
                format!("Q3 ({}–{}]", f(*b), f(*c)),
                format!("Q4 (> {})", f(*c)),
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
pub fn row_groups(units: &[UnitData], breakdowns: &[Breakdown]) -> Vec<RowGroup> {
    let mut out = vec![RowGroup {
        grouping: String::new(),
        label: OVERALL.to_string(),
        members: (0..units.len()).collect(),
    }];
    for b in breakdowns {
        for (gi, label) in b.labels.iter().enumerate() {
            out.push(RowGroup {
                grouping: b.title.clone(),
                label: label.clone(),
                members: (0..units.len()).filter(|&u| b.of_unit[u] == gi).collect(),
            });
        }
    }
    out
}

fn row_head(g: &RowGroup) -> Vec<Cell> {
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

fn share(count: usize, base: usize) -> Cell {
    match Num::frac(count as i128, base as i128) {
        Some(s) => Cell::Share(s),
        None => Cell::Empty,
    }
}

fn opt_number(v: Option<Num>, decimals: u32) -> Cell {
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

    pub fn title(self, p: &Program) -> String {
        match self.0 {
            None => p.index.title.clone(),
            Some(s) => p.sections[s].lv.clone(),
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

fn level_head(p: &Program, l: u8) -> String {
    format!("{l} {}", crate::render::level_name(p, l))
}

/// Level counts and shares per group (the report's figures 3, 12, 23, 36, 49, 56).
pub fn levels_table(p: &Program, m: Measure, units: &[UnitData], groups: &[RowGroup]) -> Table {
    let levels = m.levels(p);
    let mut columns = vec!["grouping".into(), "group".into(), "n".into()];
    columns.extend(levels.iter().map(|&l| format!("{} (n)", level_head(p, l))));
    columns.extend(levels.iter().map(|&l| format!("{} (%)", level_head(p, l))));
    columns.push("no score".into());
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
        title: format!("Līmeņu sadalījums: {}", m.title(p)),
        notes: vec![
            "Units per maturity level, and their share of the units with a score in the group (n). \"no score\": units of the group without a score (not computable, or the section not applicable)."
                .into(),
        ],
        columns,
        rows,
        chart: (!bars.is_empty()).then(|| Chart::Stacked {
            segments: levels.iter().map(|&l| level_head(p, l)).collect(),
            zero_first,
            bars,
        }),
    }
}

/// Mean, median, minimum and maximum score per group.
pub fn stats_table(p: &Program, m: Measure, units: &[UnitData], groups: &[RowGroup]) -> Table {
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
        title: format!("Vidējie rādītāji: {}", m.title(p)),
        notes: vec![format!(
            "Mean, median, minimum and maximum of the exact scores (0–100) of the units with a score; shown with {d} decimal{}.",
            plural_s(d)
        )],
        columns: ["grouping", "group", "n", "mean", "median", "min", "max"]
            .map(String::from)
            .to_vec(),
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
) -> Table {
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
            row.push(Cell::Text(if tied { "tie".into() } else { String::new() }));
            rows.push(row);
        }
    }
    Table {
        id: format!("top_{}", m.id(p)),
        kind: TableKind::Top,
        title: format!("Augstākie rezultāti (top {top}): {}", m.title(p)),
        notes: vec![format!(
            "The {top} highest exact scores per group; units with equal scores share a rank and all units tied at rank {top} or better are listed (ordered by name)."
        )],
        columns: ["grouping", "group", "rank", "unit", "score", "note"]
            .map(String::from)
            .to_vec(),
        rows,
        chart: None,
    }
}

/// The number of units per group.
pub fn units_table(units: &[UnitData], groups: &[RowGroup]) -> Table {
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
        title: "Vienības pa grupām".into(),
        notes: vec![format!(
            "Evaluated units per group, and their share of all {total} evaluated units."
        )],
        columns: ["grouping", "group", "n", "share"]
            .map(String::from)
            .to_vec(),
        rows,
        chart: None,
    }
}

/// The results per unit (the layout of the report's Annex 1): groups, index, section scores.
pub fn results_table(p: &Program, units: &[UnitData], breakdowns: &[Breakdown]) -> Table {
    let d = p.survey.display;
    let choice: Vec<&Breakdown> = breakdowns.iter().filter(|b| b.is_choice).collect();
    let mut columns = vec!["unit".to_string()];
    columns.extend(choice.iter().map(|b| b.title.clone()));
    for m in measures(p) {
        columns.push(m.id(p));
        columns.push(format!("{} level", m.id(p)));
    }
    columns.push("status".into());
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
                    row.push(Cell::Int(u64::from(l)));
                }
                None => row.extend([Cell::Empty, Cell::Empty]),
            }
        }
        row.push(Cell::Text(crate::render::status_text(
            p,
            &Ok(u.outcome.clone()),
        )));
        rows.push(row);
    }
    Table {
        id: "results".into(),
        kind: TableKind::Results,
        title: "Rezultāti pa vienībām".into(),
        notes: vec![format!(
            "One row per evaluated unit, in input order: the {} and each section's score (0–100, {d} decimal{}) and level; empty where the unit has no score.",
            p.index.title,
            plural_s(d)
        )],
        columns,
        rows,
        chart: None,
    }
}

/// The options of a choice question as (label) list, and the index of each answer.
fn option_labels(q: &Question) -> Vec<String> {
    match &q.kind {
        QuestionKind::YesNo => vec!["Jā".into(), "Nē".into()],
        k => k.options().iter().map(|o| o.lv.clone()).collect(),
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
) -> Option<Table> {
    let q = &p.schema.questions[slot];
    let numeric = q.kind.is_numeric();
    if matches!(q.kind, QuestionKind::Text) {
        return None;
    }
    let labels = option_labels(q);
    let mut columns = vec!["grouping".into(), "group".into(), "n".into()];
    if numeric {
        columns.extend(["sum", "mean", "median", "min", "max"].map(String::from));
    } else {
        columns.extend(labels.iter().cloned());
    }
    columns.push("note".into());
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
            format!("*n < {}", opts.min_base)
        } else {
            String::new()
        }));
        rows.push(row);
    }
    let notes = answers_notes(q, slot, units, any_small, opts);
    let caption = match chart_groups.first().map(|&i| &groups[i]) {
        Some(g) => format!("{OVERALL} and by {}", g.grouping),
        None => OVERALL.to_string(),
    };
    let chart = (!numeric && !labels.is_empty()).then(|| Chart::Grouped {
        caption,
        categories: labels.clone(),
        series,
    });
    Some(Table {
        id: format!("answers_{}", q.id),
        kind: TableKind::Answers,
        title: format!("{}: {}", q.id, q.lv),
        notes,
        columns,
        rows,
        chart,
    })
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
) -> Vec<String> {
    let numeric = q.kind.is_numeric();
    let multi = matches!(q.kind, QuestionKind::Multi(_));
    // what the base leaves out, over all units
    let mut states = [0usize; 4];
    for u in units {
        if let Some(Value::Missing(m)) = u.answers.get(slot) {
            states[m.index()] += 1;
        }
    }
    let mut notes = vec![format!(
        "{}{}",
        q.lv,
        match &q.en {
            Some(en) => format!(" ({en})"),
            None => String::new(),
        }
    )];
    notes.push(if numeric {
        "Base n: the units of the group that answered. Sum, minimum and maximum as answered; mean and median exact, shown with 1 decimal.".to_string()
    } else if multi {
        "Multiple choice: the share of the units that answered (n) selecting each option; the shares can add up to more than 100%.".to_string()
    } else {
        "Share of the units of the group that answered (n) giving each answer.".to_string()
    });
    let left_out: Vec<String> = crate::hir::MissingState::ALL
        .iter()
        .filter(|m| states[m.index()] > 0)
        .map(|m| {
            let what = match m {
                crate::hir::MissingState::Unanswered => "unanswered",
                crate::hir::MissingState::NotAsked => "not asked",
                crate::hir::MissingState::NotApplicable => "not applicable",
                crate::hir::MissingState::DontKnow => "don't know",
            };
            format!("{} {what}", states[m.index()])
        })
        .collect();
    if !left_out.is_empty() {
        notes.push(format!("Not in the base: {}.", left_out.join(", ")));
    }
    if any_small {
        notes.push(format!(
            "*Bāze šajā jautājumā ir neliela (n < {}), tāpēc procentuālajam attēlojumam ir ilustratīva nozīme.",
            opts.min_base
        ));
    }
    notes
}

/// Builds every table: results, units per group, per measure levels/stats/top, answers per
/// question. Provenance is added by the caller.
pub fn build(p: &Program, units: &[UnitData], groupings: &[Grouping], opts: &Options) -> Report {
    let breakdowns: Vec<Breakdown> = groupings.iter().map(|g| breakdown(p, g, units)).collect();
    let groups = row_groups(units, &breakdowns);
    let mut tables = vec![
        results_table(p, units, &breakdowns),
        units_table(units, &groups),
    ];
    for m in measures(p) {
        tables.push(levels_table(p, m, units, &groups));
        tables.push(stats_table(p, m, units, &groups));
        tables.push(top_table(p, m, units, &groups, opts.top));
    }
    // the chart series of answer tables: overall plus the groups of the first choice grouping
    let mut chart_groups = Vec::new();
    let mut at = 1;
    for b in &breakdowns {
        if b.is_choice && chart_groups.is_empty() && b.labels.len() <= 8 {
            chart_groups = (at..at + b.labels.len())
                .filter(|&i| !groups[i].members.is_empty() && groups[i].label != NO_VALUE)
                .collect();
        }
        at += b.labels.len();
    }
    for slot in 0..p.schema.questions.len() {
        if let Some(t) = answers_table(p, slot, units, &groups, &chart_groups, opts) {
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
