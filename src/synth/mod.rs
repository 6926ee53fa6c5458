//! `eindex synth`: generate synthetic submissions calibrated to target section scores (seeded,
//! reproducible).
//!
//! Inputs (all CSV, see `docs/data-2022.md`):
//! - `--targets`: a unit column, metadata columns, one column per section id with the target score
//!   (empty = the section is not submitted: all its questions stay unanswered) and optionally
//!   `index` (the target index, whose level must be reproduced; default: the index of the target
//!   section scores).
//! - `--shares`: `question,option,share` — the share of the units asked a question that chose the
//!   option (`a|b` = any of them; of a multiple choice also `a&b`, `a&!b` (a pattern) and
//!   `count=2`, `count>=3`, `count<=1`, `count=2..4` (how many options, `none` not counted); see
//!   [`Selection`]; `yes`/`no` for yes/no questions; `dont_know`). Other columns (notes) are
//!   ignored.
//! - `--directions`: `question,option,group,relation,than` — a statement without a number: the
//!   share of `group` is `>`, `>=`, `<`, `<=` or `=` that of the `than` group (`FIELD=VALUE`,
//!   `FIELD!=VALUE`, `all`) or a share. A soft cost: the search prefers data where it holds.
//! - `--numbers`: `question,low,high[,per][,part_of]` — how numeric answers are drawn: a value in
//!   `low..high`, a factor in `low..high` times a numeric metadata field (`per`), or a fraction in
//!   `low..high` of another numeric answer (`part_of`). Without a row: `min..min+100`.
//!
//! The generated answers must keep the ruleset's constraints: a unit that breaks one is an error
//! (the command exits 1), since `eval` would reject it.
//!
//! Conventions: an option with id `none` of a multiple choice is exclusive (chosen alone); a
//! multiple choice without one always has at least one option selected; free-text questions are
//! left empty. The share base is every unit a question was asked of (its follow-up condition holds).
//!
//! Every section score must end within `--tolerance` points of its target, at the same level (the
//! ruleset's thresholds and compare mode), with the same index level; the command exits 1 (after
//! writing the file) when the search could not achieve it.

pub mod rng;
mod search;
mod spec;

pub use search::{DirectionFit, FigureFit, Outcome, ShareFit, UnitFit, Weights};
pub use spec::{
    parse_selection, read_directions, read_figures, read_numbers, read_shares, read_targets,
    DirGroup, DirectionRow, FigureGroup, FigureRow, Measure, NumberSpec, Relation, SelectError,
    Selection, ShareGroup, ShareRow, ShareWhat, SpecError, Targets, Than,
};

use crate::hir::{MissingState, Program};
use crate::num::{Num, Rounding};
use crate::schema::{QuestionKind, Schema};
use crate::text::plural_s;
use crate::value::Value;
use clap::ValueEnum;
use std::io::Write;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthFormat {
    Csv,
    Json,
}

/// What the answers are calibrated to besides the targets' scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct Calibration<'a> {
    /// Published answer shares (`--shares`).
    pub shares: &'a [ShareRow],
    /// Published totals, pooled ratios and counts of numeric answers (`--figures`).
    pub figures: &'a [FigureRow],
    /// How numeric answers are drawn (`--numbers`).
    pub numbers: &'a [NumberSpec],
    /// Statements without a number: one group's share above another's (`--directions`).
    pub directions: &'a [DirectionRow],
}

/// Generates synthetic submissions; see the module docs.
pub fn generate(
    program: &Program,
    targets: &Targets,
    cal: &Calibration<'_>,
    seed: u64,
    tolerance: Num,
    iterations: u64,
) -> Result<Outcome, crate::eval::EvalError> {
    let plan = crate::plan::lower(program);
    let inputs = search::Inputs {
        shares: cal.shares,
        figures: cal.figures,
        directions: cal.directions,
        numbers: cal.numbers,
    };
    let synth = search::Synth::new(&plan, &program.schema, targets, inputs, tolerance);
    synth.run(targets, seed, iterations, 4)
}

pub fn report(
    p: &Program,
    out: &Outcome,
    tolerance: Num,
    seed: u64,
    elapsed: std::time::Duration,
    verbose: bool,
) -> bool {
    let mut err = std::io::stderr().lock();
    let sections: Vec<&str> = p.schema.section_ids().collect();
    let bad: Vec<&UnitFit> = out.units.iter().filter(|u| !u.ok()).collect();
    let max_dev = out
        .units
        .iter()
        .map(|u| u.max_deviation)
        .fold(Num::ZERO, Num::max);
    let fmt = |n: Num| n.format(2, Rounding::HalfUp);
    let _ = writeln!(
        err,
        "synth: {} units, seed {seed}, {} moves, {:.1} s",
        out.units.len(),
        out.moves,
        elapsed.as_secs_f64()
    );
    let _ = writeln!(
        err,
        "  sections: max |score - target| = {} (tolerance {}); {} of {} units meet every target (score, section levels, index level)",
        fmt(max_dev),
        tolerance.to_exact_string(),
        out.units.len() - bad.len(),
        out.units.len()
    );
    if verbose || !bad.is_empty() {
        report_units(&mut err, &sections, out, verbose);
    }
    if !out.shares.is_empty() {
        report_shares(&mut err, &out.shares, verbose);
    }
    if !out.figures.is_empty() {
        report_figures(&mut err, &out.figures, verbose);
    }
    if !out.directions.is_empty() {
        report_directions(&mut err, &out.directions, verbose);
    }
    if !bad.is_empty() {
        let _ = writeln!(
            err,
            "error: {} unit{} do not meet their targets; try another --seed or more --iterations",
            bad.len(),
            plural_s(bad.len())
        );
    }
    let broken = contradictions(p, out);
    for (unit, constraint) in &broken {
        let _ = writeln!(
            err,
            "error: the answers made for unit `{unit}` break constraint `{constraint}`; eval would reject it (adjust --shares / --numbers so that they respect the constraints)"
        );
    }
    bad.is_empty() && broken.is_empty()
}

/// The (unit, constraint) pairs of generated units whose answers break a constraint.
fn contradictions(p: &Program, out: &Outcome) -> Vec<(String, String)> {
    let plan = crate::plan::lower(p);
    let mut ev = crate::eval::Evaluator::new(&plan);
    let mut found = Vec::new();
    let mut broken = Vec::new();
    for (u, answers) in out.units.iter().zip(&out.answers) {
        // an arithmetic overflow was reported by the search already
        if ev.violations(answers, &mut found).is_ok() {
            for &(c, _) in &found {
                let name = p.constraints[c as usize].name.clone();
                if !broken.contains(&(u.id.clone(), name.clone())) {
                    broken.push((u.id.clone(), name));
                }
            }
        }
    }
    broken
}

/// The fit of every unit (with `verbose`) or of those off target: its largest deviation, the
/// score and target of each section, and what it misses.
fn report_units(err: &mut impl Write, sections: &[&str], out: &Outcome, verbose: bool) {
    let fmt = |n: Num| n.format(2, Rounding::HalfUp);
    let _ = writeln!(
        err,
        "  unit: max deviation; score/target per section ({})",
        sections.join(", ")
    );
    for u in &out.units {
        if !verbose && u.ok() {
            continue;
        }
        let cells: Vec<String> = u
            .sections
            .iter()
            .map(|(s, t)| match (s, t) {
                (Some(s), Some(t)) => format!("{}/{}", fmt(*s), t.to_exact_string()),
                (None, None) => "-".into(),
                (s, t) => format!(
                    "{}/{}",
                    s.map_or("none".into(), fmt),
                    t.map_or("none".into(), |t| t.to_exact_string())
                ),
            })
            .collect();
        let mut flags = Vec::new();
        if !u.within_tolerance {
            flags.push("OUT OF TOLERANCE");
        }
        if !u.levels_match {
            flags.push("SECTION LEVEL DIFFERS");
        }
        if !u.index_level_match {
            flags.push("INDEX LEVEL DIFFERS");
        }
        if !u.presence_match {
            flags.push("SECTION PRESENCE DIFFERS");
        }
        let _ = writeln!(
            err,
            "    {}: {}; {}{}{}",
            u.id,
            fmt(u.max_deviation),
            cells.join(" "),
            if flags.is_empty() { "" } else { "  " },
            flags.join(", ")
        );
    }
}

/// The share summary, and every share (with `verbose`) or those more than 3 points off.
fn report_shares(err: &mut impl Write, shares: &[ShareFit], verbose: bool) {
    let worst = shares
        .iter()
        .max_by(|a, b| a.deviation_pp().abs().total_cmp(&b.deviation_pp().abs()));
    let mean = shares.iter().map(|s| s.deviation_pp().abs()).sum::<f64>() / shares.len() as f64;
    let over3 = shares
        .iter()
        .filter(|s| s.deviation_pp().abs() > 3.0)
        .count();
    if let Some(w) = worst {
        let _ = writeln!(
            err,
            "  shares: {} rows, mean |deviation| {mean:.1} pp, max {:.1} pp ({}), {over3} rows above 3 pp",
            shares.len(),
            w.deviation_pp().abs(),
            w.label
        );
    }
    for s in shares {
        if verbose || s.deviation_pp().abs() > 3.0 {
            let _ = writeln!(
                err,
                "    {}: {:.0}% ({} of {}), target {:.0}%, {:+.1} pp",
                s.label,
                100.0 * s.actual(),
                s.count,
                s.base,
                100.0 * s.target,
                s.deviation_pp()
            );
        }
    }
}

/// The figures: how many are within 2 (percent of a total, points of a share; counts exact),
/// and every figure (with `verbose`) or those that are not.
fn report_figures(err: &mut impl Write, figures: &[FigureFit], verbose: bool) {
    let within = figures.iter().filter(|f| f.within(2.0)).count();
    let _ = writeln!(
        err,
        "  figures: {} rows, {within} within 2% of a total, 2 points of a share, or exact (counts)",
        figures.len()
    );
    for f in figures {
        if !verbose && f.within(2.0) {
            continue;
        }
        let (actual, target, dev) = match f.measure {
            Measure::Ratio(..) => (
                format!("{:.1}%", 100.0 * f.actual),
                format!("{:.0}%", 100.0 * f.target),
                format!("{:+.1} pp", f.deviation()),
            ),
            Measure::Sum(_) => (
                format!("{:.0}", f.actual),
                format!("{:.0}", f.target),
                format!("{:+.1}%", f.deviation()),
            ),
            _ => (
                format!("{:.0}", f.actual),
                format!("{:.0}", f.target),
                format!("{:+.0}", f.deviation()),
            ),
        };
        let _ = writeln!(err, "    {}: {actual}, target {target}, {dev}", f.label);
    }
}

/// The directions: how many hold, and every direction (with `verbose`) or those that do not.
fn report_directions(err: &mut impl Write, dirs: &[DirectionFit], verbose: bool) {
    let holds = dirs.iter().filter(|d| d.holds() == Some(true)).count();
    let _ = writeln!(err, "  directions: {} rows, {holds} hold", dirs.len());
    let pct = |(k, n): (usize, usize)| {
        if n == 0 {
            "no unit".to_string()
        } else {
            format!("{:.1}% ({k} of {n})", 100.0 * k as f64 / n as f64)
        }
    };
    for d in dirs {
        let holds = d.holds();
        if !verbose && holds == Some(true) {
            continue;
        }
        let than = match d.than {
            Ok(t) => pct(t),
            Err(x) => format!("{:.0}%", 100.0 * x),
        };
        let verdict = match holds {
            Some(true) => "holds",
            Some(false) => "does not hold",
            None => "not computable",
        };
        let _ = writeln!(
            err,
            "    {}: {} {} {than}: {verdict}",
            d.label,
            pct(d.side),
            d.relation.symbol()
        );
    }
}

/// The text of one answer in a CSV cell (`None`: empty cell).
fn cell_text(schema: &Schema, q: &crate::schema::Question, v: Value) -> Option<String> {
    match v {
        Value::Choice(i) => q.kind.options().get(i as usize).map(|o| o.id.clone()),
        Value::Multi(bits) => Some(
            q.kind
                .options()
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1u128 << i) != 0)
                .map(|(_, o)| o.id.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        ),
        Value::Bool(b) => Some(if b { "yes" } else { "no" }.into()),
        Value::Num(n) => Some(n.to_exact_string()),
        Value::Missing(MissingState::DontKnow) => schema.tokens.dont_know.first().cloned(),
        Value::Missing(MissingState::NotApplicable) => {
            schema.tokens.not_applicable.first().cloned()
        }
        Value::Missing(_) | Value::Text => None,
    }
}

/// CSV: the unit column, the metadata fields, then every question (schema order).
pub fn write_csv(
    schema: &Schema,
    targets: &Targets,
    out: &Outcome,
    w: &mut impl Write,
) -> std::io::Result<()> {
    let mut wr = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(w);
    let nq = schema.questions.len();
    let mut header = vec![schema.unit_column.clone()];
    header.extend(schema.meta.iter().map(|m| m.id.clone()));
    header.extend(schema.questions.iter().map(|q| q.id.clone()));
    wr.write_record(&header)?;
    for (t, answers) in targets.units.iter().zip(&out.answers) {
        let mut row = vec![t.id.clone()];
        for (m, q) in schema.meta.iter().enumerate() {
            row.push(match answers[nq + m] {
                Value::Text => t.meta_text[m].clone().unwrap_or_default(),
                v => cell_text(schema, q, v).unwrap_or_default(),
            });
        }
        for (s, q) in schema.questions.iter().enumerate() {
            row.push(cell_text(schema, q, answers[s]).unwrap_or_default());
        }
        wr.write_record(&row)?;
    }
    wr.flush()
}

fn json_value(schema: &Schema, q: &crate::schema::Question, v: Value) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match (v, &q.kind) {
        (Value::Multi(bits), _) => J::Array(
            q.kind
                .options()
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1u128 << i) != 0)
                .map(|(_, o)| J::String(o.id.clone()))
                .collect(),
        ),
        (Value::Bool(b), _) => J::Bool(b),
        (Value::Num(n), QuestionKind::Integer { .. }) if n.is_integer() => {
            J::Number(n.to_i64()?.into())
        }
        (Value::Num(n), _) => J::String(n.to_exact_string()),
        _ => J::String(cell_text(schema, q, v)?),
    })
}

/// JSON: an array of `{"unit": .., "meta": {..}, "answers": {..}}` (unanswered questions omitted).
pub fn write_json(
    schema: &Schema,
    targets: &Targets,
    out: &Outcome,
    w: &mut impl Write,
) -> std::io::Result<()> {
    use serde_json::{Map, Value as J};
    let nq = schema.questions.len();
    let mut units = Vec::new();
    for (t, answers) in targets.units.iter().zip(&out.answers) {
        let mut meta = Map::new();
        for (m, q) in schema.meta.iter().enumerate() {
            let v = match answers[nq + m] {
                Value::Text => t.meta_text[m].clone().map(J::String),
                v => json_value(schema, q, v),
            };
            if let Some(v) = v {
                meta.insert(q.id.clone(), v);
            }
        }
        let mut ans = Map::new();
        for (s, q) in schema.questions.iter().enumerate() {
            if let Some(v) = json_value(schema, q, answers[s]) {
                ans.insert(q.id.clone(), v);
            }
        }
        let mut obj = Map::new();
        obj.insert(schema.unit_column.clone(), J::String(t.id.clone()));
        obj.insert("meta".into(), J::Object(meta));
        obj.insert("answers".into(), J::Object(ans));
        units.push(J::Object(obj));
    }
    serde_json::to_writer_pretty(&mut *w, &J::Array(units))?;
    w.write_all(b"\n")
}
