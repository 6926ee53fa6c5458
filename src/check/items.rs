//! The ruleset's structure: survey header, levels, defaults, sections, index, follow-up conditions.

use super::cascade::Failed;
use super::expr::Ctx;
use super::{CheckError, Checker};
use crate::hir::{self, MissingState, Outcome, ThresholdKind};
use crate::num::{Num, Rounding};
use crate::schema::Source;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast;

/// Handlers from `defaults`, by `MissingState::index()`.
pub(super) type Handlers = [Option<(Outcome, Span)>; 4];

impl<'a> Checker<'a> {
    pub(super) fn run(
        &mut self,
        items: &[&'a ast::Item],
        broken: &'a [ast::BrokenItem],
    ) -> Option<hir::Program> {
        let anchor = items.first().map_or(Span::new(0, 0, 0), |i| {
            let s = i.span();
            Span::new(s.file, 0, 0)
        });
        let survey = self.survey(items, anchor);
        let (levels, zero_level) = self.levels(items, anchor);
        let defaults = self.defaults(items);
        self.check_ask_ifs();
        let ask_order = self.ask_order();
        for i in 0..self.let_defs.len() {
            self.resolve_let(i);
        }
        let rules = self.rules(items, &defaults);
        let failed = Failed::new(items, broken, &rules);
        let n_levels = levels.len();
        let sections = self.sections(items, n_levels, zero_level.is_some(), &rules);
        let index = self.index(items, n_levels, &sections, anchor);
        self.pins(items, &rules, &failed);
        self.unread_questions(&rules, &failed);
        let groupings = self.groupings(items);
        let constraints = self.constraints(items);
        self.drop_cascades(&failed);
        let (survey, index, sections) = (survey?, index?, sections?);
        self.arithmetic_range(&rules, &sections, &index, survey.compare);
        if levels.len() < 2 {
            return None;
        }
        let uncertainty = self.uncertainty(
            items,
            &super::uncertain::Varied {
                defaults: &defaults,
                rules: &rules,
                sections: &sections,
                index: &index,
            },
        );
        let program = hir::Program {
            schema: self.schema.clone(),
            survey,
            levels,
            zero_level,
            sections,
            index,
            lets: std::mem::take(&mut self.lets),
            rules,
            ask_if: self
                .ask
                .iter()
                .map(|a| a.as_ref().map(|t| t.expr.clone()))
                .collect(),
            ask_order,
            groupings,
            constraints,
            uncertainty,
        };
        // what the constraints allow, on a program without errors (it is decided by evaluating)
        if !program.constraints.is_empty() && !self.has_errors() {
            self.errors.extend(super::feasible::check(&program));
        }
        Some(program)
    }

    fn has_errors(&self) -> bool {
        self.errors
            .iter()
            .any(|e| e.severity() == super::Severity::Error)
    }

    fn single<'i, T>(
        &mut self,
        items: &[&'i ast::Item],
        pick: fn(&'i ast::Item) -> Option<&'i T>,
        span_of: fn(&T) -> Span,
        what: &str,
        example: &str,
        anchor: Span,
    ) -> Option<&'i T> {
        let found: Vec<&T> = items.iter().filter_map(|i| pick(i)).collect();
        if found.is_empty() {
            self.err(CheckError::MissingBlock {
                block: what.to_string(),
                example: example.to_string(),
                span: anchor,
            });
            return None;
        }
        for extra in &found[1..] {
            self.err(CheckError::Duplicate {
                what: "block",
                name: what.to_string(),
                span: span_of(extra),
                help: format!("a ruleset has exactly one `{what}` block; merge them"),
            });
        }
        Some(found[0])
    }

    fn survey(&mut self, items: &[&ast::Item], anchor: Span) -> Option<hir::SurveyInfo> {
        let s = self.single(
            items,
            |i| match i {
                ast::Item::Survey(s) => Some(s),
                _ => None,
            },
            |s| s.span,
            "survey",
            "survey \"Name\" { year 2022 schema \"questionnaire.toml\" sources expert > auto > self }",
            anchor,
        )?;
        let mut info = hir::SurveyInfo {
            name: s.name.node.clone(),
            year: None,
            sources: vec![Source::Expert, Source::Auto, Source::SelfAssessment],
            display: 1,
            compare: None,
            rounding: Rounding::HalfUp,
        };
        for setting in &s.settings {
            match setting {
                ast::SurveySetting::Year(y) => {
                    info.year = y.node.is_integer().then(|| y.node.numer() as i64)
                }
                ast::SurveySetting::Schema(_) => {}
                ast::SurveySetting::Sources(names) => {
                    let mut out = Vec::new();
                    for n in names {
                        match Source::parse(&n.node) {
                            Some(src) if !out.contains(&src) => out.push(src),
                            Some(_) => self.err(CheckError::Duplicate {
                                what: "source",
                                name: n.node.clone(),
                                span: n.span,
                                help: "name each source once".into(),
                            }),
                            None => self.err(CheckError::UnknownSource {
                                name: n.node.clone(),
                                span: n.span,
                            }),
                        }
                    }
                    // sources not named rank last, in the default order
                    for src in [Source::Expert, Source::Auto, Source::SelfAssessment] {
                        if !out.contains(&src) {
                            out.push(src);
                        }
                    }
                    info.sources = out;
                }
                ast::SurveySetting::Display(d) => info.display = self.decimals(d)?,
                ast::SurveySetting::Compare(c) => {
                    info.compare = match &c.node {
                        None => None,
                        Some(d) => Some(self.decimals(d)?),
                    }
                }
                ast::SurveySetting::Rounding(r) => {
                    info.rounding = match r.node.as_str() {
                        "half_up" => Rounding::HalfUp,
                        "half_even" => Rounding::HalfEven,
                        other => {
                            self.err(CheckError::UnknownRounding {
                                name: other.to_string(),
                                span: r.span,
                            });
                            return None;
                        }
                    }
                }
            }
        }
        Some(info)
    }

    fn decimals(&mut self, d: &crate::source::Spanned<Num>) -> Option<u32> {
        let n = d.node;
        if n.is_integer() && !n.is_negative() && n.numer() <= 9 {
            Some(n.numer() as u32)
        } else {
            self.err(CheckError::Decimals {
                value: n,
                span: d.span,
            });
            None
        }
    }

    fn levels(
        &mut self,
        items: &[&ast::Item],
        anchor: Span,
    ) -> (Vec<hir::Level>, Option<hir::Level>) {
        let Some(block) = self.single(
            items,
            |i| match i {
                ast::Item::Levels(l) => Some(l),
                _ => None,
            },
            |l| l.span,
            "levels",
            "levels { 1 \"situatīvs\" en \"situational\" 2 \"intuitīvs\" en \"intuitive\" ... }",
            anchor,
        ) else {
            return (Vec::new(), None);
        };
        let mut levels: Vec<hir::Level> = Vec::new();
        let mut zero = None;
        let mut gap_reported = false;
        for l in &block.levels {
            let n = l.number.node;
            let level = hir::Level {
                number: 0,
                lv: l.name.node.clone(),
                en: l.en.as_ref().map(|e| e.node.clone()),
            };
            if n.is_zero() && zero.is_none() {
                zero = Some(level);
                continue;
            }
            let expected = levels.len() as i128 + 1;
            if (!n.is_integer() || n.numer() != expected) && !gap_reported {
                // reported once: the levels after a gap are taken as written, so nothing cascades
                gap_reported = true;
                self.err(CheckError::LevelOrder {
                    level: n,
                    expected,
                    span: l.number.span,
                });
            }
            levels.push(hir::Level {
                number: expected as u8,
                ..level
            });
        }
        if levels.len() < 2 {
            self.err(CheckError::TooFewLevels { span: block.span });
        }
        (levels, zero)
    }

    fn defaults(&mut self, items: &[&ast::Item]) -> Handlers {
        let mut out: Handlers = [None; 4];
        let blocks: Vec<&ast::Defaults> = items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Defaults(d) => Some(d),
                _ => None,
            })
            .collect();
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                self.err(CheckError::Duplicate {
                    what: "block",
                    name: "defaults".into(),
                    span: b.span,
                    help: "a ruleset has at most one `defaults` block; merge them".into(),
                });
                continue;
            }
            for h in &b.handlers {
                self.handler_into(h, &mut out);
            }
        }
        out
    }

    /// Adds a handler to a table, reporting unknown states and duplicates.
    pub(super) fn handler_into(&mut self, h: &ast::Handler, out: &mut Handlers) {
        let Some(state) = MissingState::parse(&h.state.node) else {
            let names = MissingState::ALL.map(MissingState::as_str);
            self.err(CheckError::UnknownState {
                name: h.state.node.clone(),
                span: h.state.span,
                hint: suggest::hint(&h.state.node, names, "state"),
            });
            return;
        };
        if out[state.index()].is_some() {
            self.err(CheckError::Duplicate {
                what: "handler",
                name: state.as_str().into(),
                span: h.span,
                help: "say once what this state scores".into(),
            });
            return;
        }
        let o = match h.outcome.node {
            ast::Outcome::Points(p) => Outcome::Points(p),
            ast::Outcome::Exclude => Outcome::Exclude,
        };
        out[state.index()] = Some((o, h.span));
    }

    pub(super) fn thresholds(
        &mut self,
        t: &ast::Thresholds,
        n_levels: usize,
    ) -> Option<hir::Thresholds> {
        if n_levels < 2 {
            // `levels` already reported: bounds between fewer than two levels mean nothing
            return None;
        }
        let kind = match t.kind.node {
            ast::ThresholdKind::Upper => ThresholdKind::Upper,
            ast::ThresholdKind::Lower => ThresholdKind::Lower,
        };
        let bounds = self.threshold_count(t, kind, n_levels)?;
        let offset = if t.bounds.len() > bounds.len() && kind == ThresholdKind::Lower {
            1
        } else {
            0
        };
        let ok = self.thresholds_in_range_and_order(t, kind, &bounds, offset);
        ok.then_some(hir::Thresholds {
            kind,
            bounds,
            span: t.span,
        })
    }

    fn bad_thresholds(&mut self, message: String, span: Span, label: &str, help: String) {
        self.err(CheckError::Thresholds {
            message,
            span,
            label: label.into(),
            help,
        });
    }

    /// The bounds between the levels: one fewer than the levels, or with the outer bound written
    /// out (then it must be 100 or 0, and is dropped). `None` when the count is wrong.
    fn threshold_count(
        &mut self,
        t: &ast::Thresholds,
        kind: ThresholdKind,
        n_levels: usize,
    ) -> Option<Vec<Num>> {
        let mut bounds: Vec<Num> = t.bounds.iter().map(|b| b.node).collect();
        let need = n_levels.saturating_sub(1);
        // an explicit outer bound (upper: 100 for the top level; lower: 0 for level 1) may be written
        if bounds.len() == need + 1 {
            let (outer, at, want) = match kind {
                ThresholdKind::Upper => (bounds[need], need, Num::HUNDRED),
                ThresholdKind::Lower => (bounds[0], 0, Num::ZERO),
            };
            if outer != want {
                self.bad_thresholds(
                    format!(
                        "the thresholds do not cover 0..100: the last level must end at {want}"
                    ),
                    t.bounds[at].span,
                    "expected here",
                    format!(
                        "with {n_levels} levels write {need} bounds, or end the list with {want}"
                    ),
                );
                return None;
            }
            bounds.remove(at);
        } else if bounds.len() != need {
            self.bad_thresholds(
                format!("{} thresholds for {n_levels} levels", bounds.len()),
                t.span,
                "wrong count",
                format!(
                    "`thresholds {}` takes {need} bounds: the {} of levels {}",
                    if kind == ThresholdKind::Upper {
                        "upper"
                    } else {
                        "lower"
                    },
                    if kind == ThresholdKind::Upper {
                        "highest score"
                    } else {
                        "lowest score"
                    },
                    if kind == ThresholdKind::Upper {
                        format!("1..{need}")
                    } else {
                        format!("2..{n_levels}")
                    }
                ),
            );
            return None;
        }
        Some(bounds)
    }

    /// Reports every bound outside 0..100 or not above the one before; `bounds[i]` was written
    /// at `t.bounds[i + offset]`.
    fn thresholds_in_range_and_order(
        &mut self,
        t: &ast::Thresholds,
        kind: ThresholdKind,
        bounds: &[Num],
        offset: usize,
    ) -> bool {
        let mut ok = true;
        for (i, b) in bounds.iter().enumerate() {
            let span = t.bounds[i + offset].span;
            let out_of_range = match kind {
                ThresholdKind::Upper => b.is_negative() || *b >= Num::HUNDRED,
                ThresholdKind::Lower => !(b > &Num::ZERO && *b <= Num::HUNDRED),
            };
            if out_of_range {
                self.bad_thresholds(
                    format!("threshold {b} does not fit in 0..100"),
                    span,
                    "outside 0..100",
                    "scores run from 0 to 100; every level must be reachable".into(),
                );
                ok = false;
            }
            if i > 0 && *b <= bounds[i - 1] {
                self.bad_thresholds(
                    format!(
                        "thresholds are not strictly increasing: {} then {b}",
                        bounds[i - 1]
                    ),
                    span,
                    "not above the previous bound",
                    "each level's bound must be higher than the one before".into(),
                );
                ok = false;
            }
        }
        ok
    }

    fn check_ask_ifs(&mut self) {
        for (slot, q) in self.schema.questions.iter().enumerate() {
            let Some(cond) = &q.ask_if else { continue };
            let t = self.expect_bool(
                cond,
                Ctx {
                    section: None,
                    in_ask_if: true,
                },
                0,
            );
            if let Some(t) = &t {
                if t.reads.contains(&slot) {
                    self.err(CheckError::Cycle {
                        name: q.id.clone(),
                        path: format!("`{}` is asked only if it is answered", q.id),
                        span: cond.span,
                    });
                    continue;
                }
            }
            self.ask[slot] = t;
        }
    }

    /// Questions with `ask_if`, ordered so that a condition only reads questions decided before it.
    fn ask_order(&mut self) -> Vec<usize> {
        let n = self.schema.questions.len();
        let mut state = vec![0u8; n]; // 0 todo, 1 in progress, 2 done
        let mut order = Vec::new();
        for start in 0..n {
            if self.ask[start].is_none() || state[start] == 2 {
                continue;
            }
            // iterative DFS over ask_if dependencies
            let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, self.ask_deps(start))];
            state[start] = 1;
            while let Some((node, deps)) = stack.last_mut() {
                let node = *node;
                if let Some(d) = deps.pop() {
                    match state[d] {
                        0 => {
                            state[d] = 1;
                            let dd = self.ask_deps(d);
                            stack.push((d, dd));
                        }
                        1 => {
                            let q = &self.schema.questions[d];
                            if let Some(c) = &q.ask_if {
                                self.err(CheckError::Cycle {
                                    name: q.id.clone(),
                                    path: format!("the follow-up conditions of `{}` and `{}` depend on each other", q.id, self.schema.questions[node].id),
                                    span: c.span,
                                });
                            }
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    if self.ask[node].is_some() {
                        order.push(node);
                    }
                    stack.pop();
                }
            }
        }
        order
    }

    fn ask_deps(&self, slot: usize) -> Vec<usize> {
        self.ask_reads(slot)
            .into_iter()
            .filter(|&s| s < self.schema.questions.len() && self.ask[s].is_some())
            .collect()
    }

    fn sections(
        &mut self,
        items: &[&ast::Item],
        n_levels: usize,
        has_zero_level: bool,
        rules: &[hir::Rule],
    ) -> Option<Vec<hir::Section>> {
        let schema = self.schema;
        let mut blocks: Vec<Option<&ast::SectionDef>> = vec![None; schema.sections.len()];
        for item in items {
            let ast::Item::Section(s) = item else {
                continue;
            };
            match schema.section_index(&s.name.node) {
                None => self.err(CheckError::UnknownSection {
                    name: s.name.node.clone(),
                    span: s.name.span,
                    hint: suggest::hint(&s.name.node, schema.section_ids(), "section"),
                }),
                Some(i) if blocks[i].is_some() => self.err(CheckError::Duplicate {
                    what: "section",
                    name: s.name.node.clone(),
                    span: s.name.span,
                    help: "each section has one block; merge them".into(),
                }),
                Some(i) => blocks[i] = Some(s),
            }
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (i, info) in schema.sections.iter().enumerate() {
            let Some(block) = blocks[i] else {
                self.err(CheckError::SectionWithoutBlock {
                    section: info.id.clone(),
                    span: info.span,
                });
                ok = false;
                continue;
            };
            if let Some(s) = self.section(i, block, n_levels, has_zero_level, rules) {
                out.push(s);
            } else {
                ok = false;
            }
        }
        ok.then_some(out)
    }

    fn section(
        &mut self,
        i: usize,
        block: &ast::SectionDef,
        n_levels: usize,
        has_zero_level: bool,
        rules: &[hir::Rule],
    ) -> Option<hir::Section> {
        let info = &self.schema.sections[i];
        let mut thresholds = None;
        let mut zero_apart = false;
        let mut applicable = None;
        let mut seen_thresholds = false;
        for setting in &block.settings {
            match setting {
                // compared with the rules' points in `pins`
                ast::SectionSetting::Max(_) => {}
                ast::SectionSetting::Thresholds(t) => {
                    if seen_thresholds {
                        self.err(CheckError::Duplicate {
                            what: "setting",
                            name: "thresholds".into(),
                            span: t.span,
                            help: "give a section's thresholds once".into(),
                        });
                        continue;
                    }
                    seen_thresholds = true;
                    thresholds = self.thresholds(t, n_levels);
                }
                ast::SectionSetting::ZeroApart(span) => {
                    if !has_zero_level {
                        self.err(CheckError::ZeroApartWithoutLevel0 { span: *span });
                    }
                    zero_apart = true;
                }
                ast::SectionSetting::ApplicableIf(e) => {
                    let t = self.expect_bool(
                        e,
                        Ctx {
                            section: Some(i),
                            in_ask_if: false,
                        },
                        0,
                    );
                    applicable = t.map(|t| t.expr);
                }
            }
        }
        if !seen_thresholds {
            self.err(CheckError::SectionWithoutThresholds {
                section: info.id.clone(),
                span: block.name.span,
            });
        }
        let members: Vec<usize> = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.section == i)
            .map(|(k, _)| k)
            .collect();
        let mut max = Num::ZERO;
        for &r in &members {
            max = max.add(rules[r].max).ok()?;
        }
        if max <= Num::ZERO {
            self.err(CheckError::ZeroMax {
                section: info.id.clone(),
                span: block.name.span,
            });
            return None;
        }
        let questions = self
            .schema
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.section == Some(i))
            .map(|(k, _)| k)
            .collect();
        Some(hir::Section {
            id: info.id.clone(),
            lv: info.lv.clone(),
            en: info.en.clone(),
            thresholds: thresholds?,
            zero_apart,
            applicable,
            questions,
            rules: members,
            max,
            span: block.name.span,
        })
    }

    fn index(
        &mut self,
        items: &[&ast::Item],
        n_levels: usize,
        sections: &Option<Vec<hir::Section>>,
        anchor: Span,
    ) -> Option<hir::Index> {
        let block = self.single(
            items,
            |i| match i {
                ast::Item::Index(x) => Some(x),
                _ => None,
            },
            |x| x.span,
            "index",
            "index \"E-indekss\" { weights { ... } min_sections 3 thresholds upper 30, 60, 80, 95 }",
            anchor,
        )?;
        let n = self.schema.sections.len();
        let mut weights: Option<Vec<Num>> = None;
        let mut proportional = false;
        let mut min_sections = 1usize;
        let mut thresholds = None;
        let mut ok = true;
        for setting in &block.settings {
            match setting {
                ast::IndexSetting::Weights(list, span) => {
                    weights = self.weights(list, *span);
                    ok &= weights.is_some();
                }
                ast::IndexSetting::WeightsProportional(_) => proportional = true,
                ast::IndexSetting::MinSections(m) => {
                    let v = m.node;
                    if v.is_integer() && v.numer() >= 1 && v.numer() <= n as i128 {
                        min_sections = v.numer() as usize;
                    } else {
                        self.err(CheckError::MinSections {
                            value: v,
                            sections: n,
                            span: m.span,
                        });
                        ok = false;
                    }
                }
                ast::IndexSetting::Thresholds(t) => {
                    thresholds = self.thresholds(t, n_levels);
                    ok &= thresholds.is_some();
                }
            }
        }
        if weights.is_none() && !proportional && ok {
            self.err(CheckError::NoWeights { span: block.span });
            return None;
        }
        if thresholds.is_none() && ok {
            self.err(CheckError::IndexWithoutThresholds { span: block.span });
            return None;
        }
        let weights = match (weights, sections) {
            (Some(w), _) => w,
            (None, Some(s)) => s.iter().map(|s| s.max).collect(),
            (None, None) => return None,
        };
        Some(hir::Index {
            title: block
                .title
                .as_ref()
                .map_or_else(|| "index".to_string(), |t| t.node.clone()),
            weights,
            proportional,
            min_sections,
            thresholds: thresholds?,
        })
    }

    fn weights(
        &mut self,
        list: &[(ast::Name, crate::source::Spanned<Num>)],
        span: Span,
    ) -> Option<Vec<Num>> {
        let n = self.schema.sections.len();
        let mut w: Vec<Option<Num>> = vec![None; n];
        let mut ok = true;
        for (name, value) in list {
            let Some(i) = self.schema.section_index(&name.node) else {
                self.err(CheckError::UnknownSection {
                    name: name.node.clone(),
                    span: name.span,
                    hint: suggest::hint(&name.node, self.schema.section_ids(), "section"),
                });
                ok = false;
                continue;
            };
            if w[i].is_some() {
                self.err(CheckError::Duplicate {
                    what: "weight of section",
                    name: name.node.clone(),
                    span: name.span,
                    help: "give each section one weight".into(),
                });
                ok = false;
            } else if value.node.is_negative() {
                self.err(CheckError::NegativeWeight {
                    value: value.node,
                    section: name.node.clone(),
                    span: value.span,
                });
                ok = false;
            } else {
                w[i] = Some(value.node);
            }
        }
        let missing: Vec<&str> = self
            .schema
            .sections
            .iter()
            .zip(&w)
            .filter(|(_, w)| w.is_none())
            .map(|(s, _)| s.id.as_str())
            .collect();
        if !missing.is_empty() && ok {
            self.err(CheckError::WeightsMissing {
                missing: missing.iter().map(|m| m.to_string()).collect(),
                span,
            });
            return None;
        }
        let w: Vec<Num> = w.into_iter().map(Option::unwrap_or_default).collect();
        if ok && w.iter().all(|x| x.is_zero()) {
            self.err(CheckError::AllWeightsZero { span });
            return None;
        }
        ok.then_some(w)
    }
}
