//! Rules: scoring forms, missing-answer handlers, and each rule's derived maximum.

use super::cubes::Budget;
use super::expr::{Ctx, Typed};
use super::items::Handlers;
use super::tables::{self, Column, NotProven, Shadow};
use super::{CheckError, Checker};
use crate::hir::{self, Cell, HitPolicy, Interval, MissingState, Outcome, Ty};
use crate::num::Num;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, ExprKind};
use std::collections::{BTreeSet, HashMap};

const CTX: Ctx = Ctx {
    section: None,
    in_ask_if: false,
};

/// What a scoring form gives, before handlers.
struct Scored {
    scoring: hir::Scoring,
    /// Points it can give when its inputs are answered (or matched by wildcards).
    outcomes: Vec<Num>,
    /// For `sum` tables / multi sums: the exact bounds instead of the outcome list.
    bounds: Option<(Num, Num)>,
    reads: BTreeSet<usize>,
    mentions: BTreeSet<usize>,
}

impl Checker<'_> {
    pub(super) fn rules(&mut self, items: &[&ast::Item], defaults: &Handlers) -> Vec<hir::Rule> {
        let mut out = Vec::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        for item in items {
            let ast::Item::Rule(r) = item else { continue };
            if seen.contains_key(&r.name.node) {
                self.err(CheckError::Duplicate {
                    what: "rule",
                    name: r.name.node.clone(),
                    span: r.name.span,
                    help: "rule names are unique across all files of the ruleset; rename one"
                        .into(),
                });
                continue;
            }
            seen.insert(r.name.node.clone(), r.name.span);
            if let Some(rule) = self.rule(r, defaults) {
                out.push(rule);
            }
        }
        out
    }

    pub(super) fn rule(&mut self, r: &ast::RuleDef, defaults: &Handlers) -> Option<hir::Rule> {
        let section = self.schema.section_index(&r.section.node);
        if section.is_none() {
            self.err(CheckError::UnknownSection {
                name: r.section.node.clone(),
                span: r.section.span,
                hint: suggest::hint(&r.section.node, self.schema.section_ids(), "section"),
            });
        }
        let mut own: Handlers = [None; 4];
        for h in &r.handlers {
            self.handler_into(h, &mut own);
        }
        let scored = self.scoring(&r.scoring, &r.name.node);
        let (section, scored) = (section?, scored?);
        let handlers = self.resolve_handlers(r, &own, defaults, &scored.reads)?;
        let (mut min, mut max) = match scored.bounds {
            Some(b) => b,
            None => {
                let lo = scored
                    .outcomes
                    .iter()
                    .copied()
                    .reduce(Num::min)
                    .unwrap_or(Num::ZERO);
                let hi = scored
                    .outcomes
                    .iter()
                    .copied()
                    .reduce(Num::max)
                    .unwrap_or(Num::ZERO);
                (lo, hi)
            }
        };
        for o in handlers.iter().flatten() {
            if let Outcome::Points(p) = o {
                min = min.min(*p);
                max = max.max(*p);
            }
        }
        Some(hir::Rule {
            name: r.name.node.clone(),
            title: r.title.as_ref().map(|t| t.node.clone()),
            title_en: r.title_en.as_ref().map(|t| t.node.clone()),
            section,
            scoring: scored.scoring,
            handlers: handlers.map(|h| h),
            max,
            min,
            reads: scored.mentions.into_iter().collect(),
            span: r.name.span,
        })
    }

    /// Which missing states the rule can meet, and the handler for each.
    fn resolve_handlers(
        &mut self,
        r: &ast::RuleDef,
        own: &Handlers,
        defaults: &Handlers,
        reads: &BTreeSet<usize>,
    ) -> Option<[Option<Outcome>; 4]> {
        let mut out = [None; 4];
        let mut ok = true;
        for state in MissingState::ALL {
            let cause = reads.iter().copied().find(|&s| self.can_be(s, state));
            let handler = own[state.index()].or(defaults[state.index()]).map(|h| h.0);
            match (cause, handler) {
                (Some(_), Some(h)) | (None, Some(h)) => out[state.index()] = Some(h),
                (Some(slot), None) => {
                    let q = self.slot_id(slot).to_string();
                    let st = state.as_str();
                    self.err(CheckError::UnhandledState {
                        rule: r.name.node.clone(),
                        question: q,
                        state: st,
                        span: r.name.span,
                        help: format!("add `when {st} => 0` (or `=> exclude`) to the rule, or `{st} => 0` to the `defaults` block"),
                    });
                    ok = false;
                }
                (None, None) => {}
            }
        }
        ok.then_some(out)
    }

    fn can_be(&self, slot: usize, state: MissingState) -> bool {
        let q = self.slot_question(slot);
        match state {
            MissingState::Unanswered => true,
            MissingState::NotAsked => q.ask_if.is_some(),
            MissingState::NotApplicable => q.allow_not_applicable,
            MissingState::DontKnow => q.allow_dont_know,
        }
    }

    fn scoring(&mut self, s: &ast::Scoring, rule: &str) -> Option<Scored> {
        match s {
            ast::Scoring::Points { value, span } => {
                let t = self.expect_num(value, CTX, 0)?;
                let (Some(lo), Some(hi)) = (t.lo, t.hi) else {
                    self.err(CheckError::Unbounded {
                        rule: rule.to_string(),
                        span: *span,
                        help: "give the expression bounds, e.g. `min(x, 10)`, `max(x, 0)`, or score it with `match x { ranges }`".into(),
                    });
                    return None;
                };
                Some(Scored {
                    scoring: hir::Scoring::Points(t.expr.clone()),
                    outcomes: vec![lo, hi],
                    bounds: Some((lo, hi)),
                    reads: t.reads,
                    mentions: t.mentions,
                })
            }
            ast::Scoring::Sum {
                question,
                arms,
                cap,
                floor,
                ..
            } => self.sum(question, arms, cap.as_ref(), floor.as_ref()),
            ast::Scoring::Match { value, arms, span } => self.match_rule(value, arms, *span),
            ast::Scoring::Table(t) => self.table(t),
        }
    }

    fn sum(
        &mut self,
        question: &ast::Name,
        arms: &[(ast::Name, crate::source::Spanned<Num>)],
        cap: Option<&crate::source::Spanned<Num>>,
        floor: Option<&crate::source::Spanned<Num>>,
    ) -> Option<Scored> {
        let e = ast::Expr {
            kind: Box::new(ExprKind::Name(question.node.clone())),
            span: question.span,
        };
        let t = self.expr(&e, CTX, 0)?;
        let Ty::Multi(slot) = t.ty else {
            let help = if matches!(t.ty, Ty::Choice(_) | Ty::Bool) {
                "a single choice or yes/no is scored with `match q { option => points }`"
            } else {
                "`sum` adds the points of the selected options of a multiple-choice question"
            };
            return self
                .mismatch("a multiple-choice question", &t, question.span, help)
                .and(None);
        };
        let n = self.slot_question(slot).kind.options().len();
        let mut points = vec![Num::ZERO; n];
        let mut seen = vec![false; n];
        for (o, p) in arms {
            let Some(bit) = self.option_bit(slot, o) else {
                continue;
            };
            if seen[bit as usize] {
                self.err(CheckError::Duplicate {
                    what: "option",
                    name: o.node.clone(),
                    span: o.span,
                    help: "give each option its points once".into(),
                });
            }
            seen[bit as usize] = true;
            points[bit as usize] = p.node;
        }
        let mut hi = Num::ZERO;
        let mut lo = Num::ZERO;
        for p in &points {
            if p.is_negative() {
                lo = lo.add(*p).ok()?;
            } else {
                hi = hi.add(*p).ok()?;
            }
        }
        if let (Some(c), Some(f)) = (cap, floor) {
            if c.node < f.node {
                self.err(CheckError::CapBelowFloor {
                    cap: c.node,
                    floor: f.node,
                    span: c.span,
                });
                return None;
            }
        }
        let cap_v = cap.map(|c| c.node);
        let floor_v = floor.map(|f| f.node);
        if let Some(c) = cap_v {
            hi = hi.min(c);
            lo = lo.min(c);
        }
        if let Some(f) = floor_v {
            lo = lo.max(f);
            hi = hi.max(f);
        }
        Some(Scored {
            scoring: hir::Scoring::Sum {
                question: slot,
                points,
                cap: cap_v,
                floor: floor_v,
            },
            outcomes: vec![lo, hi],
            bounds: Some((lo, hi)),
            reads: t.reads,
            mentions: t.mentions,
        })
    }

    fn match_rule(
        &mut self,
        value: &ast::Expr,
        arms: &[ast::MatchArm],
        span: Span,
    ) -> Option<Scored> {
        let t = self.expr(value, CTX, 0)?;
        if !tables::table_input(t.ty) {
            let help = match t.ty {
                Ty::Multi(_) => "a multiple choice is scored with `sum q { option => points }`",
                _ => "`match` takes a single choice, a yes/no answer or a number",
            };
            return self
                .mismatch("a choice, yes/no or a number", &t, value.span, help)
                .and(None);
        }
        let mut rows = Vec::new();
        let mut ok = true;
        for arm in arms {
            let cell = match &arm.pattern {
                ast::Pattern::Else(_) => Some(Cell::Answered),
                ast::Pattern::Options(names, s) => self.options_cell(&t, names, false, *s),
                ast::Pattern::Range(r) => self.range_cell(&t, r, value),
            };
            match cell {
                Some(c) => rows.push(hir::Row {
                    cells: vec![c],
                    points: arm.points.node,
                    span: arm.span,
                }),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let name = input_name(value, 0);
        let outcomes = match self.columns(&[(&t, name)], &rows) {
            Ok(cols) => self.analyse_match(&cols, &rows, span),
            Err(why) => {
                self.not_proven(
                    vec!["whether every arm can apply and every answer meets an arm".into()],
                    why,
                    span,
                );
                rows.iter().map(|r| r.points).chain([Num::ZERO]).collect()
            }
        };
        Some(Scored {
            scoring: hir::Scoring::Table {
                policy: HitPolicy::First,
                inputs: vec![t.expr.clone()],
                rows,
                from_match: true,
            },
            outcomes,
            bounds: None,
            reads: t.reads,
            mentions: t.mentions,
        })
    }

    /// Shadowed arms and the answers no arm meets; the points the `match` can give.
    fn analyse_match(&mut self, cols: &[Column], rows: &[hir::Row], span: Span) -> Vec<Num> {
        let masks = row_masks(cols, rows);
        let mut outcomes: Vec<Num> = Vec::new();
        let mut unproven = Vec::new();
        let shadow = tables::shadowed(&masks, &mut Budget::standard());
        let undecided = self.report_shadowed(&shadow, rows, "arm", &mut outcomes);
        if !undecided.is_empty() {
            unproven.push(format!("whether arms {} can apply", list(&undecided)));
        }
        match tables::uncovered(cols, &masks, &mut Budget::standard()) {
            Ok(Some(combo)) => {
                self.err(CheckError::IncompleteMatch {
                    example: tables::describe(cols, &combo),
                    span,
                });
                outcomes.push(Num::ZERO);
            }
            Ok(None) => {}
            Err(NotProven) => {
                unproven.push("that every answer meets an arm".into());
                outcomes.push(Num::ZERO);
            }
        }
        self.not_proven(unproven, steps_why(), span);
        outcomes
    }

    /// Reports the rows (arms) that never fire; pushes the points of the others to `outcomes`
    /// and returns the undecided ones (0-based), whose points are pushed too.
    fn report_shadowed(
        &mut self,
        shadow: &[Shadow],
        rows: &[hir::Row],
        what: &str,
        outcomes: &mut Vec<Num>,
    ) -> Vec<usize> {
        let mut undecided = Vec::new();
        for (i, s) in shadow.iter().enumerate() {
            match s {
                Shadow::Never(by) => self.err(CheckError::ShadowedRow {
                    row: i + 1,
                    by: describe_rows(by, what),
                    span: rows[i].span,
                }),
                Shadow::Fires => outcomes.push(rows[i].points),
                Shadow::Undecided => {
                    undecided.push(i);
                    outcomes.push(rows[i].points);
                }
            }
        }
        undecided
    }

    /// One warning for the properties of a table that were not proven (none: nothing).
    fn not_proven(&mut self, what: Vec<String>, why: String, span: Span) {
        if what.is_empty() {
            return;
        }
        let what = match what.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}; {last}", rest.join("; ")),
            None => String::new(),
        };
        self.err(CheckError::TableNotProven { what, why, span });
    }

    fn table(&mut self, table: &ast::Table) -> Option<Scored> {
        let inputs: Vec<Option<Typed>> =
            table.inputs.iter().map(|e| self.expr(e, CTX, 0)).collect();
        let inputs: Vec<Typed> = inputs.into_iter().collect::<Option<_>>()?;
        let mut ok = true;
        for (t, e) in inputs.iter().zip(&table.inputs) {
            if !tables::table_input(t.ty) {
                self.mismatch("a choice, yes/no or a number", t, e.span, "a table input is a single choice, a yes/no answer or a number; test a multiple choice with a `let`, e.g. `let uses_fb = q has facebook`");
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        let rows = self.table_rows(table, &inputs)?;
        let named: Vec<(&Typed, String)> = inputs
            .iter()
            .zip(&table.inputs)
            .enumerate()
            .map(|(i, (t, e))| (t, input_name(e, i)))
            .collect();
        let policy = match table.policy.node {
            ast::HitPolicy::First => HitPolicy::First,
            ast::HitPolicy::Unique => HitPolicy::Unique,
            ast::HitPolicy::Max => HitPolicy::Max,
            ast::HitPolicy::Min => HitPolicy::Min,
            ast::HitPolicy::Sum => HitPolicy::Sum,
        };
        let (outcomes, bounds) = match self.columns(&named, &rows) {
            Ok(cols) => self.analyse_table(policy, &cols, &rows, table.span),
            // too many distinct bounds to analyse: every row may fire
            Err(why) => {
                let what = match policy {
                    HitPolicy::First => "whether every row can fire",
                    HitPolicy::Unique => "that every combination of answers matches a row",
                    _ => "the table's exact lowest and highest points",
                };
                self.not_proven(vec![what.into()], why, table.span);
                (
                    rows.iter().map(|r| r.points).chain([Num::ZERO]).collect(),
                    None,
                )
            }
        };
        let bounds = if policy == HitPolicy::Sum && bounds.is_none() {
            let mut lo = Num::ZERO;
            let mut hi = Num::ZERO;
            for r in &rows {
                if r.points.is_negative() {
                    lo = lo.add(r.points).ok()?;
                } else {
                    hi = hi.add(r.points).ok()?;
                }
            }
            Some((lo, hi))
        } else {
            bounds
        };
        let mut reads = BTreeSet::new();
        let mut mentions = BTreeSet::new();
        for t in &inputs {
            reads.extend(t.reads.iter().copied());
            mentions.extend(t.mentions.iter().copied());
        }
        Some(Scored {
            scoring: hir::Scoring::Table {
                policy,
                inputs: inputs.iter().map(|t| t.expr.clone()).collect(),
                rows,
                from_match: false,
            },
            outcomes,
            bounds,
            reads,
            mentions,
        })
    }

    /// Checks every row's cells against the table's inputs; `None` when any row has an error.
    fn table_rows(&mut self, table: &ast::Table, inputs: &[Typed]) -> Option<Vec<hir::Row>> {
        let mut ok = true;
        let mut rows = Vec::new();
        for row in &table.rows {
            if row.cells.len() != inputs.len() {
                self.err(CheckError::RowWidth {
                    cells: row.cells.len(),
                    inputs: inputs.len(),
                    span: row.span,
                });
                ok = false;
                continue;
            }
            let mut cells = Vec::new();
            for ((cell, t), e) in row.cells.iter().zip(inputs).zip(&table.inputs) {
                let c = match cell {
                    ast::Cell::Any(_) => Some(Cell::Any),
                    ast::Cell::Missing(_) => Some(Cell::Missing),
                    ast::Cell::Options(names, s) => self.options_cell(t, names, false, *s),
                    ast::Cell::NotOptions(names, s) => self.options_cell(t, names, true, *s),
                    ast::Cell::Range(r) => self.range_cell(t, r, e),
                };
                match c {
                    Some(c) => cells.push(c),
                    None => ok = false,
                }
            }
            rows.push(hir::Row {
                cells,
                points: row.points.node,
                span: row.span,
            });
        }
        ok.then_some(rows)
    }

    fn analyse_table(
        &mut self,
        policy: HitPolicy,
        cols: &[Column],
        rows: &[hir::Row],
        span: Span,
    ) -> (Vec<Num>, Option<(Num, Num)>) {
        let masks = row_masks(cols, rows);
        let mut outcomes = Vec::new();
        let mut unproven = Vec::new();
        let mut shadow = None;
        match policy {
            HitPolicy::First => {
                let s = tables::shadowed(&masks, &mut Budget::standard());
                let undecided = self.report_shadowed(&s, rows, "row", &mut outcomes);
                if !undecided.is_empty() {
                    unproven.push(format!("whether rows {} can fire", list(&undecided)));
                }
                shadow = Some(s);
            }
            HitPolicy::Unique => {
                for (a, b, combo) in tables::overlaps(&masks) {
                    self.err(CheckError::OverlappingRows {
                        a: a + 1,
                        b: b + 1,
                        example: tables::describe(cols, &combo),
                        span: rows[b].span,
                    });
                }
                match tables::uncovered(cols, &masks, &mut Budget::standard()) {
                    Ok(Some(combo)) => self.err(CheckError::Uncovered {
                        combination: tables::describe(cols, &combo),
                        span,
                    }),
                    Ok(None) => {}
                    Err(NotProven) => {
                        unproven.push("that every combination of answers matches a row".into())
                    }
                }
                outcomes.extend(rows.iter().map(|r| r.points));
            }
            HitPolicy::Max | HitPolicy::Min | HitPolicy::Sum => {
                outcomes.extend(rows.iter().map(|r| r.points))
            }
        }
        // exact bounds over every input combination, where they can be proven
        let points: Vec<Num> = rows.iter().map(|r| r.points).collect();
        let bounds = tables::outcome_bounds(
            policy,
            cols,
            &masks,
            &points,
            shadow.as_deref(),
            &mut Budget::standard(),
        );
        let why = if bounds.is_none() && policy == HitPolicy::Sum {
            format!("a `sum` table's points are found by trying every combination of its inputs' values, at most {}", tables::MAX_COMBOS)
        } else {
            steps_why()
        };
        if let Some((bounds, no_match)) = bounds {
            self.not_proven(unproven, why, span);
            let mut exact: Vec<Num> = bounds.map(|(lo, hi)| vec![lo, hi]).unwrap_or_default();
            if no_match {
                exact.push(Num::ZERO);
            }
            let lo = exact.iter().copied().reduce(Num::min).unwrap_or(Num::ZERO);
            let hi = exact.iter().copied().reduce(Num::max).unwrap_or(Num::ZERO);
            return (exact, Some((lo, hi)));
        }
        unproven.push(
            "its exact lowest and highest points (the rule's range is taken from its rows)".into(),
        );
        self.not_proven(unproven, why, span);
        if !matches!(
            tables::uncovered(cols, &masks, &mut Budget::standard()),
            Ok(None)
        ) {
            outcomes.push(Num::ZERO);
        }
        (outcomes, None)
    }

    /// The atoms of each input; `Err` (why) when an input has too many to analyse.
    fn columns(
        &mut self,
        inputs: &[(&Typed, String)],
        rows: &[hir::Row],
    ) -> Result<Vec<Column>, String> {
        let mut cols = Vec::new();
        for (i, (t, name)) in inputs.iter().enumerate() {
            let col = match t.ty {
                Ty::Choice(slot) => {
                    let names = self
                        .slot_question(slot)
                        .kind
                        .options()
                        .iter()
                        .map(|o| o.id.clone())
                        .collect();
                    tables::choice_column(name.clone(), names)
                }
                Ty::Bool => tables::choice_column(name.clone(), vec!["no".into(), "yes".into()]),
                _ => {
                    let ivs: Vec<&Interval> = rows
                        .iter()
                        .filter_map(|r| match &r.cells[i] {
                            Cell::Range(iv) => Some(iv),
                            _ => None,
                        })
                        .collect();
                    tables::numeric_column(name.clone(), &ivs, t.lo, t.hi, t.integer)
                        .ok_or_else(|| {
                            format!(
                                "the bounds of `{name}` cut its values into more than {} parts, the most the checker analyses",
                                tables::MAX_ATOMS
                            )
                        })?
                }
            };
            cols.push(col);
        }
        Ok(cols)
    }

    fn options_cell(
        &mut self,
        t: &Typed,
        names: &[ast::Name],
        negated: bool,
        span: Span,
    ) -> Option<Cell> {
        match t.ty {
            Ty::Choice(slot) => {
                let mask = self.option_mask(slot, names)?;
                Some(Cell::Options { mask, negated })
            }
            Ty::Bool => {
                let mut mask = 0u128;
                for n in names {
                    match n.node.as_str() {
                        "no" => mask |= 1,
                        "yes" => mask |= 2,
                        other => {
                            self.err(CheckError::TypeMismatch {
                                expected: "`yes` or `no`".into(),
                                found: format!("`{other}`"),
                                span: n.span,
                                help: "this input is a yes/no value".into(),
                            });
                            return None;
                        }
                    }
                }
                Some(Cell::Options { mask, negated })
            }
            _ => {
                self.err(CheckError::TypeMismatch {
                    expected: "a range (this input is a number)".into(),
                    found: "option names".into(),
                    span,
                    help: "write a range such as `>= 0.5` or `[10, 100]`".into(),
                });
                None
            }
        }
    }

    fn range_cell(&mut self, t: &Typed, r: &ast::Range, value: &ast::Expr) -> Option<Cell> {
        if t.ty != Ty::Num {
            let found = self.ty_name(t.ty);
            self.err(CheckError::TypeMismatch {
                expected: "option names".into(),
                found: format!("a range (the input is {found})"),
                span: r.span,
                help: "ranges apply to numbers; name options here (`a | b`, `not a`, `-`)".into(),
            });
            return None;
        }
        let iv = Interval {
            low: r.low.as_ref().map(|b| (b.value.node, b.inclusive)),
            high: r.high.as_ref().map(|b| (b.value.node, b.inclusive)),
        };
        if let (Some((a, ai)), Some((b, bi))) = (iv.low, iv.high) {
            if a > b || (a == b && !(ai && bi)) {
                self.err(CheckError::EmptyRange {
                    range: iv.describe(),
                    span: r.span,
                });
                return None;
            }
        }
        // outside the value's domain?
        let below = match (iv.high, t.lo) {
            (Some((h, incl)), Some(lo)) => h < lo || (h == lo && !incl),
            _ => false,
        };
        let above = match (iv.low, t.hi) {
            (Some((l, incl)), Some(hi)) => l > hi || (l == hi && !incl),
            _ => false,
        };
        if below || above {
            let domain = Interval {
                low: t.lo.map(|l| (l, true)),
                high: t.hi.map(|h| (h, true)),
            };
            self.err(CheckError::RangeOutsideDomain {
                range: iv.describe(),
                question: input_name(value, 0),
                domain: domain.describe(),
                span: r.span,
            });
            return None;
        }
        Some(Cell::Range(iv))
    }
}

fn row_masks(cols: &[Column], rows: &[hir::Row]) -> Vec<Vec<u128>> {
    rows.iter()
        .map(|r| {
            r.cells
                .iter()
                .zip(cols)
                .map(|(c, col)| tables::cell_mask(c, col))
                .collect()
        })
        .collect()
}

fn describe_rows(rows: &[usize], what: &str) -> String {
    match rows {
        [] => "it matches nothing".into(),
        [one] => format!("by {what} {}", one + 1),
        many => format!(
            "by {what}s {}",
            many.iter()
                .map(|r| (r + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// "3, 7 and 9" (1-based) of 0-based rows; a long list is cut.
fn list(rows: &[usize]) -> String {
    let mut parts: Vec<String> = rows.iter().take(10).map(|r| (r + 1).to_string()).collect();
    if rows.len() > 10 {
        parts.push(format!("{} more", rows.len() - 10));
    }
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn steps_why() -> String {
    format!(
        "the proof needs more than {} steps of set algebra, the most the checker takes",
        super::cubes::MAX_STEPS
    )
}

fn input_name(e: &ast::Expr, i: usize) -> String {
    match e.kind.as_ref() {
        ExprKind::Name(n) => n.clone(),
        _ => format!("input {}", i + 1),
    }
}
