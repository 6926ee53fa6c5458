//! Builds the explanation of one unit from its evaluation and the improvement searches.

use super::model::*;
use super::search::{Deps, Found, SearchOutcome, Target, UnitSearch};
use crate::eval::{self, IndexOutcome, RuleOutcome, SectionMissing, UnitOutcome, Why};
use crate::hir::{Cell, Expr, HitPolicy, Program, Row, Scoring, ThresholdKind, Thresholds, Ty};
use crate::input::Unit;
use crate::num::Num;
use crate::plan::Plan;
use crate::render::{level_name, section_missing_text, value_label, value_text};
use crate::schema::{QuestionKind, Source};
use crate::value::Value;

/// Which sources' answers the search may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourcePolicy {
    /// The sources that answered the unit's questions (`self` when none did).
    Unit,
    Any,
    List(Vec<Source>),
}

/// What to explain.
#[derive(Debug, Clone)]
pub struct Options {
    /// Section indices to show (empty: all).
    pub sections: Vec<usize>,
    pub improvements: bool,
    pub sources: SourcePolicy,
    pub max_evaluations: usize,
    /// Proposals may deselect options the unit selected and lower numbers it reported.
    pub allow_removals: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            sections: Vec::new(),
            improvements: true,
            sources: SourcePolicy::Unit,
            max_evaluations: 200_000,
            allow_removals: false,
        }
    }
}

/// Everything one program needs, computed once.
pub struct Explainer<'a> {
    pub p: &'a Program,
    pub plan: &'a Plan,
    pub deps: Deps,
    pub opts: Options,
}

fn amount_text(p: &Program, n: Num) -> String {
    match p.survey.compare {
        Some(d) => n.format(d, p.survey.rounding),
        None => n.to_exact_string(),
    }
}

fn score_text(p: &Program, n: Num) -> String {
    crate::render::fmt_score(p, n)
}

/// "1 punkta" / "2 punktu" (genitive after "trūkst").
fn lv_points(a: &str) -> &'static str {
    let int: Option<u64> = a.parse().ok();
    match int {
        Some(n) if n % 10 == 1 && n % 100 != 11 => "punkta",
        _ => "punktu",
    }
}

fn en_points(a: &str) -> &'static str {
    if a == "1" {
        "point"
    } else {
        "points"
    }
}

/// The interval of compared values a level covers.
pub fn level_interval(t: &Thresholds, level: u8, zero_apart: bool) -> Interval {
    let s = |n: Num| n.to_exact_string();
    if level == 0 {
        return Interval {
            low: "0".into(),
            low_inclusive: true,
            high: "0".into(),
            high_inclusive: true,
        };
    }
    let k = level as usize;
    let low = if k == 1 {
        None
    } else {
        t.bounds.get(k - 2).copied()
    };
    let high = t.bounds.get(k - 1).copied();
    let (low_inclusive, high_inclusive) = match t.kind {
        ThresholdKind::Upper => (low.is_none() && !zero_apart, high.is_some()),
        ThresholdKind::Lower => (low.is_some() || !zero_apart, false),
    };
    Interval {
        low: s(low.unwrap_or(Num::ZERO)),
        low_inclusive,
        high: s(high.unwrap_or(Num::HUNDRED)),
        high_inclusive: high_inclusive || high.is_none(),
    }
}

fn thresholds_text(t: &Thresholds) -> String {
    let kind = match t.kind {
        ThresholdKind::Upper => "upper",
        ThresholdKind::Lower => "lower",
    };
    let b: Vec<String> = t.bounds.iter().map(|b| b.to_exact_string()).collect();
    format!("{kind} {}", b.join(", "))
}

impl<'a> Explainer<'a> {
    pub fn new(p: &'a Program, plan: &'a Plan, opts: Options) -> Explainer<'a> {
        Explainer {
            p,
            plan,
            deps: Deps::new(p),
            opts,
        }
    }

    pub fn document(&self, units: Vec<UnitExplanation>) -> Document {
        let p = self.p;
        Document {
            eindex_explain: EXPLAIN_JSON_VERSION,
            survey: SurveyInfo {
                name: p.survey.name.clone(),
                year: p.survey.year,
                display_decimals: p.survey.display,
                compare: p
                    .survey
                    .compare
                    .map_or("exact".to_string(), |d| format!("rounded {d}")),
                rounding: match p.survey.rounding {
                    crate::num::Rounding::HalfUp => "half_up",
                    crate::num::Rounding::HalfEven => "half_even",
                }
                .into(),
            },
            levels: p
                .levels
                .iter()
                .chain(p.zero_level.iter())
                .map(|l| LevelInfo {
                    level: l.number,
                    lv: l.lv.clone(),
                    en: l.en.clone(),
                })
                .collect(),
            search: SearchSettings {
                improvements: self.opts.improvements,
                sources: match &self.opts.sources {
                    SourcePolicy::Unit => "unit".into(),
                    SourcePolicy::Any => "any".into(),
                    SourcePolicy::List(l) => {
                        l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
                    }
                },
                max_evaluations: self.opts.max_evaluations,
                allow_removals: self.opts.allow_removals,
            },
            units,
        }
    }

    /// The sources the search may change for this unit.
    pub fn allowed_sources(&self, unit: &Unit) -> Vec<Source> {
        let nq = self.p.schema.questions.len();
        let mut v: Vec<Source> = match &self.opts.sources {
            SourcePolicy::Any => Source::ALL.to_vec(),
            SourcePolicy::List(l) => l.clone(),
            SourcePolicy::Unit => {
                let mut v: Vec<Source> = unit.sources.iter().take(nq).flatten().copied().collect();
                if v.is_empty() {
                    v.push(Source::SelfAssessment);
                }
                v
            }
        };
        v.sort();
        v.dedup();
        v
    }

    /// Per slot: may the search change it.
    pub fn changeable(&self, unit: &Unit, allowed: &[Source]) -> Vec<bool> {
        let nq = self.p.schema.questions.len();
        (0..self.plan.n_slots)
            .map(|s| {
                if s >= nq {
                    return false;
                }
                let q = &self.p.schema.questions[s];
                if matches!(q.kind, QuestionKind::Text) || !q.scored || q.fact {
                    return false;
                }
                match unit.sources.get(s).copied().flatten() {
                    Some(src) if unit.answers.get(s).is_some_and(|v| v.is_answered()) => {
                        allowed.contains(&src)
                    }
                    _ => q.sources.iter().any(|x| allowed.contains(x)),
                }
            })
            .collect()
    }

    /// Explains one unit.
    pub fn explain(&self, unit: &Unit) -> Result<UnitExplanation, String> {
        let p = self.p;
        let allowed = self.allowed_sources(unit);
        let changeable = self.changeable(unit, &allowed);
        let mut search = UnitSearch::new(p, self.plan, &self.deps, &unit.answers, changeable)
            .map_err(|e| e.to_string())?
            .allow_removals(self.opts.allow_removals);
        let mut ev = eval::Evaluator::new(self.plan);
        let o = ev.eval(&unit.answers).map_err(|e| e.to_string())?;
        let effective = ev.effective_answers().to_vec();
        let selected: Vec<usize> = if self.opts.sections.is_empty() {
            (0..p.sections.len()).collect()
        } else {
            self.opts.sections.clone()
        };
        let sections = selected
            .iter()
            .map(|&s| self.section(unit, &o, &effective, s, &mut search))
            .collect();
        let index = self.index(unit, &o, &mut search);
        Ok(UnitExplanation {
            unit: unit.id.clone(),
            changeable_sources: allowed.iter().map(|s| s.as_str().to_string()).collect(),
            index,
            sections,
            ignored_answers: o
                .answered_not_asked
                .iter()
                .map(|&s| p.schema.questions[s].id.clone())
                .collect(),
        })
    }

    fn gap(&self, t: &Thresholds, zero_level: bool, compared: Num) -> Option<(Num, u8, Num, bool)> {
        if zero_level {
            // level 0 (zero apart) → level 1: a compared value above 0, that is the last
            // compared decimal (1 with `compare rounded 0`), or any positive exact score
            return Some(match self.p.survey.compare {
                Some(d) => {
                    let step = Num::frac(1, 10i128.pow(d))?;
                    (step, 1, step.sub(compared).ok()?, false)
                }
                None => (Num::ZERO, 1, Num::ZERO, true),
            });
        }
        let g = eval::gap_to_next(t, self.p.survey.compare, compared)?;
        Some((g.target, g.next_level, g.amount, g.strict))
    }

    fn gap_model(&self, target: Num, next: u8, amount: Num, strict: bool, raw: Option<Num>) -> Gap {
        let p = self.p;
        let name = level_name(p, next).to_string();
        let a = amount_text(p, amount);
        let (lv, en) = if strict {
            (
                format!(
                    "trūkst vairāk nekā {a} {}, lai sasniegtu {next}. līmeni ({name})",
                    lv_points(&a)
                ),
                format!(
                    "lacks more than {a} {} to reach level {next} ({name})",
                    en_points(&a)
                ),
            )
        } else {
            (
                format!(
                    "trūkst {a} {}, lai sasniegtu {next}. līmeni ({name})",
                    lv_points(&a)
                ),
                format!("lacks {a} {} to reach level {next} ({name})", en_points(&a)),
            )
        };
        Gap {
            next_level: next,
            next_level_name: name,
            target: target.to_exact_string(),
            strict,
            amount: a,
            raw_points: raw.map(|r| r.to_exact_string()),
            lv,
            en,
        }
    }

    fn section(
        &self,
        unit: &Unit,
        o: &UnitOutcome,
        effective: &[Value],
        s: usize,
        search: &mut UnitSearch<'_>,
    ) -> SectionExplanation {
        let p = self.p;
        let sec = &p.sections[s];
        let rules: Vec<RuleExplanation> = sec
            .rules
            .iter()
            .map(|&r| self.rule(unit, effective, r, &o.rules[r]))
            .collect();
        let mut e = SectionExplanation {
            id: sec.id.clone(),
            lv: sec.lv.clone(),
            en: sec.en.clone(),
            status: "scored".into(),
            missing_reason: None,
            points: None,
            max: None,
            score: None,
            display: None,
            compared: None,
            level: None,
            level_name: None,
            interval: None,
            bands: super::texts::bands(p, &sec.thresholds, sec.zero_apart),
            thresholds: thresholds_text(&sec.thresholds),
            rules,
            lost: self.lost_points(o, s),
            gap: None,
            improvement: None,
        };
        let so = match &o.sections[s] {
            Ok(so) => so,
            Err(m) => {
                e.status = "missing".into();
                e.missing_reason = Some(missing_reason(p, s, m));
                e.lost.clear();
                return e;
            }
        };
        e.points = Some(so.points.to_exact_string());
        e.max = Some(so.max.to_exact_string());
        e.score = Some(so.score.to_exact_string());
        e.display = Some(score_text(p, so.score));
        e.compared = Some(so.compared.to_exact_string());
        e.level = Some(so.level);
        e.level_name = Some(level_name(p, so.level).to_string());
        e.interval = Some(level_interval(&sec.thresholds, so.level, sec.zero_apart));
        let gap = self.gap(&sec.thresholds, so.level == 0, so.compared);
        let top = p.levels.len() as u8;
        match gap {
            Some((target, next, amount, strict)) => {
                let t = Target::Section {
                    section: s,
                    level: next,
                };
                let raw = search.need(t).and_then(|need| {
                    need.mul(so.max)
                        .ok()?
                        .div(Num::HUNDRED)
                        .ok()??
                        .sub(so.points)
                        .ok()
                        .map(|r| r.max(Num::ZERO))
                });
                e.gap = Some(self.gap_model(target, next, amount, strict, raw));
                if self.opts.improvements {
                    e.improvement = Some(self.improve(unit, search, t));
                }
            }
            None if self.opts.improvements => {
                e.improvement = Some(top_level(p, top));
            }
            None => {}
        }
        e
    }

    /// The rules of section `s` that scored less than their maximum, the most points lost first.
    fn lost_points(&self, o: &UnitOutcome, s: usize) -> Vec<LostPoints> {
        let p = self.p;
        let sec = &p.sections[s];
        let mut lost: Vec<(Num, LostPoints)> = sec
            .rules
            .iter()
            .filter_map(|&r| {
                let ro = &o.rules[r];
                let pts = ro.points?;
                let missed = ro.max.sub(pts).ok()?;
                (missed > Num::ZERO).then(|| {
                    (
                        missed,
                        LostPoints {
                            rule: p.rules[r].name.clone(),
                            title: p.rules[r].title.clone(),
                            title_en: p.rules[r].title_en.clone(),
                            missed: missed.to_exact_string(),
                            max: ro.max.to_exact_string(),
                        },
                    )
                })
            })
            .collect();
        lost.sort_by_key(|l| std::cmp::Reverse(l.0));
        lost.into_iter().map(|(_, l)| l).collect()
    }

    fn index(&self, unit: &Unit, o: &UnitOutcome, search: &mut UnitSearch<'_>) -> IndexExplanation {
        let p = self.p;
        let missing = self.missing_sections(o);
        let weights = match &o.index {
            IndexOutcome::Computed { weights, .. } => Some(weights.clone()),
            _ => None,
        };
        let sections = self.index_sections(o, &missing, weights.as_deref());
        let required = p.index.min_sections.max(1);
        let mut e = IndexExplanation {
            title: p.index.title.clone(),
            status: "computed".into(),
            value: None,
            display: None,
            compared: None,
            level: None,
            level_name: None,
            interval: None,
            bands: super::texts::bands(p, &p.index.thresholds, false),
            sections,
            min_sections: MinSections {
                required,
                present: o
                    .sections
                    .iter()
                    .enumerate()
                    .filter(|(s, r)| r.is_ok() && !p.index.weights[*s].is_zero())
                    .count(),
                held: matches!(o.index, IndexOutcome::Computed { .. }),
                missing,
            },
            gap: None,
            improvement: None,
        };
        match &o.index {
            IndexOutcome::NotComputable { .. } => {
                e.status = "not_computable".into();
                if self.opts.improvements {
                    e.improvement = Some(Improvement {
                        reason: Some(format!(
                            "the index needs at least {required} sections with a score; the unit has {}",
                            e.min_sections.present
                        )),
                        ..Improvement::empty(0, String::new(), "not_computable")
                    });
                }
            }
            IndexOutcome::Computed {
                value,
                compared,
                level,
                ..
            } => {
                e.value = Some(value.to_exact_string());
                e.display = Some(score_text(p, *value));
                e.compared = Some(compared.to_exact_string());
                e.level = Some(*level);
                e.level_name = Some(level_name(p, *level).to_string());
                e.interval = Some(level_interval(&p.index.thresholds, *level, false));
                match self.gap(&p.index.thresholds, false, *compared) {
                    Some((target, next, amount, strict)) => {
                        e.gap = Some(self.gap_model(target, next, amount, strict, None));
                        if self.opts.improvements {
                            e.improvement =
                                Some(self.improve(unit, search, Target::Index { level: next }));
                        }
                    }
                    None if self.opts.improvements => {
                        e.improvement = Some(top_level(p, p.levels.len() as u8));
                    }
                    None => {}
                }
            }
        }
        e
    }

    /// The sections left out of the index, and why.
    fn missing_sections(&self, o: &UnitOutcome) -> Vec<MissingSection> {
        let p = self.p;
        o.sections
            .iter()
            .enumerate()
            .filter_map(|(s, r)| {
                let reason = match r {
                    Err(m) => missing_reason(p, s, m),
                    Ok(_) if p.index.weights[s].is_zero() => "weight 0 in the index".into(),
                    Ok(_) => return None,
                };
                Some(MissingSection {
                    section: p.sections[s].id.clone(),
                    lv: p.sections[s].lv.clone(),
                    reason,
                })
            })
            .collect()
    }

    /// Each section's part in the index: its weight (as used, when the index is computed),
    /// score and contribution, or why it is left out.
    fn index_sections(
        &self,
        o: &UnitOutcome,
        missing: &[MissingSection],
        weights: Option<&[Num]>,
    ) -> Vec<IndexSection> {
        let p = self.p;
        p.sections
            .iter()
            .enumerate()
            .map(|(s, sec)| {
                let score = o.sections[s].as_ref().ok().map(|x| x.score);
                let w = weights.as_ref().map(|w| w[s]).filter(|w| !w.is_zero());
                let contribution = match (w, score) {
                    (Some(w), Some(sc)) => w.mul(sc).ok(),
                    _ => None,
                };
                IndexSection {
                    section: sec.id.clone(),
                    lv: sec.lv.clone(),
                    en: sec.en.clone(),
                    declared_weight: p.index.weights[s].to_exact_string(),
                    used: w.is_some(),
                    weight: w.map(|w| w.to_exact_string()),
                    score: score.map(|x| x.to_exact_string()),
                    contribution: contribution.map(|c| c.to_exact_string()),
                    contribution_display: contribution.map(|c| score_text(p, c)),
                    left_out: missing
                        .iter()
                        .find(|m| m.section == sec.id)
                        .map(|m| m.reason.clone())
                        .or_else(|| {
                            (weights.is_none() && score.is_some())
                                .then(|| "the index is not computable".to_string())
                        }),
                }
            })
            .collect()
    }

    fn improve(&self, unit: &Unit, search: &mut UnitSearch<'_>, t: Target) -> Improvement {
        let p = self.p;
        let level = match t {
            Target::Section { level, .. } | Target::Index { level } => level,
        };
        let report = search.search(t, self.opts.max_evaluations);
        let mut imp = Improvement {
            evaluations: report.evaluations,
            ..Improvement::empty(level, level_name(p, level).to_string(), "")
        };
        match report.outcome {
            SearchOutcome::Found { found, minimal } => {
                imp.status = if minimal { "found" } else { "stopped_early" }.into();
                if !minimal {
                    imp.reason = Some(format!(
                        "search stopped early after {} evaluations; best found",
                        report.evaluations
                    ));
                }
                imp.minimal = minimal;
                self.fill_found(unit, search, &found, &mut imp);
            }
            SearchOutcome::OutOfReach { reason } => {
                imp.status = "out_of_reach".into();
                imp.reason = Some(self.fixed_inputs(unit, search, t, reason));
            }
            SearchOutcome::Stopped { reason } => {
                imp.status = "stopped_early".into();
                imp.reason = Some(reason);
            }
        }
        imp
    }

    /// Adds the questions the target reads that the unit may not change: facts, and answers of
    /// other sources (and who answers them); and, unless removals are allowed, that proposals
    /// keep what the unit reports.
    fn fixed_inputs(
        &self,
        unit: &Unit,
        search: &UnitSearch<'_>,
        t: Target,
        reason: String,
    ) -> String {
        let p = self.p;
        let rules: Vec<usize> = match t {
            Target::Section { section, .. } => p.sections[section].rules.clone(),
            Target::Index { .. } => (0..p.rules.len()).collect(),
        };
        let mut fixed: Vec<String> = Vec::new();
        let mut facts: Vec<String> = Vec::new();
        let mut kept = false;
        for r in rules {
            for &s in &p.rules[r].reads {
                if s >= p.schema.questions.len() {
                    continue;
                }
                let q = &p.schema.questions[s];
                if q.fact {
                    if !facts.contains(&q.id) {
                        facts.push(q.id.clone());
                    }
                    continue;
                }
                if search.changeable(s) {
                    kept |= matches!(search.base()[s], Value::Num(_))
                        || matches!(search.base()[s], Value::Multi(m) if m != 0);
                    continue;
                }
                let who = match unit.sources.get(s).copied().flatten() {
                    Some(x) if unit.answers.get(s).is_some_and(|v| v.is_answered()) => {
                        x.as_str().to_string()
                    }
                    _ => q
                        .sources
                        .iter()
                        .map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join("/"),
                };
                let item = format!("{} ({who})", q.id);
                if !fixed.contains(&item) {
                    fixed.push(item);
                }
            }
        }
        let mut out = reason;
        if !facts.is_empty() {
            out.push_str(&format!(
                "; facts about the municipality, which explain never changes: {}",
                facts.join(", ")
            ));
        }
        if !fixed.is_empty() {
            out.push_str(&format!(
                "; questions it may not change (their source is not among the unit's own): {}",
                fixed.join(", ")
            ));
        }
        if kept && !self.opts.allow_removals {
            out.push_str(
                "; proposals keep every option and number the unit reports (--allow-removals lifts this)",
            );
        }
        out
    }

    fn change(&self, s: usize, from: Value, to: Value, allowed_src: Option<Source>) -> Change {
        let p = self.p;
        let q = &p.schema.questions[s];
        let (added, removed) = super::texts::option_changes(p, s, from, to);
        Change {
            question: q.id.clone(),
            text: q.lv.clone(),
            text_en: q.en.clone(),
            kind: super::texts::kind(p, s).into(),
            section: q.section.map(|x| p.schema.sections[x].id.clone()),
            from_value: value_text(p, s, from),
            from_label: value_label(p, s, from),
            from_label_en: super::texts::label_en(p, s, from),
            to_value: value_text(p, s, to),
            to_label: value_label(p, s, to),
            to_label_en: super::texts::label_en(p, s, to),
            added,
            removed,
            source: allowed_src.map(|x| x.as_str().to_string()),
        }
    }

    fn fill_found(&self, unit: &Unit, search: &UnitSearch<'_>, f: &Found, imp: &mut Improvement) {
        let p = self.p;
        let base = search.base();
        let allowed = self.allowed_sources(unit);
        for &(s, v) in &f.changes {
            let q = &p.schema.questions[s];
            let src = match unit.sources.get(s).copied().flatten() {
                Some(x) if base[s].is_answered() => Some(x),
                _ => q.sources.iter().copied().find(|x| allowed.contains(x)),
            };
            imp.changes.push(self.change(s, base[s], v, src));
        }
        let base_eff = search.base_effective();
        #[allow(clippy::needless_range_loop)]
        for s in 0..p.schema.questions.len() {
            if f.changes.iter().any(|c| c.0 == s) {
                continue;
            }
            let was = base_eff[s];
            let now = f.effective[s];
            if was.is_answered() && now == Value::Missing(crate::hir::MissingState::NotAsked) {
                imp.dropped
                    .push(self.change(s, was, now, unit.sources.get(s).copied().flatten()));
            }
            if was == Value::Missing(crate::hir::MissingState::NotAsked)
                && !now.is_answered()
                && now != was
            {
                imp.newly_asked.push(p.schema.questions[s].id.clone());
            }
        }
        imp.result_value = Some(f.value.to_exact_string());
        imp.result_display = Some(score_text(p, f.value));
        imp.result_level = Some(f.level);
        imp.overshoot = Some(f.overshoot.to_exact_string());
    }

    fn rule(
        &self,
        unit: &Unit,
        effective: &[Value],
        r: usize,
        ro: &RuleOutcome,
    ) -> RuleExplanation {
        let p = self.p;
        let rule = &p.rules[r];
        let form = rule.scoring.form();
        let inputs = rule
            .reads
            .iter()
            .filter(|&&s| s < p.schema.questions.len())
            .map(|&s| {
                let q = &p.schema.questions[s];
                let v = effective.get(s).copied().unwrap_or(Value::UNANSWERED);
                let raw = unit.answers.get(s).copied().unwrap_or(Value::UNANSWERED);
                let shown = if v == Value::Missing(crate::hir::MissingState::NotAsked) {
                    v
                } else {
                    raw
                };
                AnswerExplanation {
                    question: q.id.clone(),
                    text: q.lv.clone(),
                    text_en: q.en.clone(),
                    kind: super::texts::kind(p, s).into(),
                    value: value_text(p, s, shown),
                    label: value_label(p, s, shown),
                    label_en: super::texts::label_en(p, s, shown),
                    source: shown
                        .is_answered()
                        .then(|| unit.sources.get(s).copied().flatten())
                        .flatten()
                        .map(|x| x.as_str().to_string()),
                    overridden: unit
                        .overridden
                        .iter()
                        .filter(|o| o.slot == s)
                        .map(|o| OverriddenAnswer {
                            source: o.source.map(|x| x.as_str().to_string()),
                            value: o.text.clone(),
                        })
                        .collect(),
                    asked: v != Value::Missing(crate::hir::MissingState::NotAsked),
                }
            })
            .collect();
        let missed = match ro.points {
            Some(pt) => ro.max.sub(pt).unwrap_or(Num::ZERO),
            None => Num::ZERO,
        };
        RuleExplanation {
            rule: rule.name.clone(),
            title: rule.title.clone(),
            title_en: rule.title_en.clone(),
            form: form.into(),
            points: ro.points.map(|x| x.to_exact_string()),
            max: ro.max.to_exact_string(),
            missed: missed.to_exact_string(),
            excluded: ro.points.is_none(),
            why: self.why(r, ro),
            inputs,
        }
    }

    fn why(&self, r: usize, ro: &RuleOutcome) -> WhyExplanation {
        let p = self.p;
        let rule = &p.rules[r];
        let mut w = WhyExplanation {
            kind: String::new(),
            rows: Vec::new(),
            row_text: Vec::new(),
            policy: None,
            state: None,
            raw: None,
            limited: None,
            text: String::new(),
        };
        let pts = ro
            .points
            .map_or("excluded".to_string(), |x| format!("{x} of {}", ro.max));
        match (&ro.why, &rule.scoring) {
            (
                Why::Rows { rows },
                Scoring::Table {
                    policy,
                    inputs,
                    rows: trows,
                    from_match,
                },
            ) => {
                self.why_table(&mut w, rows, policy, inputs, trows, *from_match, &pts);
            }
            (Why::Rows { rows }, _) => {
                w.kind = "row".into();
                w.rows = rows.iter().map(|r| r + 1).collect();
                w.text = pts;
            }
            (Why::NoMatch, _) => {
                w.kind = "no_match".into();
                w.text = format!("no row matched: {pts}");
            }
            (Why::Handler { state }, _) => {
                w.kind = "handler".into();
                w.state = Some(state.as_str().into());
                w.text = format!("input is {}: handler gives {pts}", state.as_str());
            }
            (Why::Sum { raw, limited, .. }, Scoring::Sum { cap, floor, .. }) => {
                w.kind = "sum".into();
                w.raw = Some(raw.to_exact_string());
                w.limited = Some(*limited);
                w.text = if *limited {
                    let lim = match (cap, floor) {
                        (Some(c), _) if *raw > *c => format!("cap {c}"),
                        (_, Some(f)) => format!("floor {f}"),
                        _ => "limit".into(),
                    };
                    format!("selected options sum to {raw}, limited by {lim}: {pts}")
                } else {
                    format!("selected options sum to {raw}: {pts}")
                };
            }
            (Why::Sum { raw, limited, .. }, _) => {
                w.kind = "sum".into();
                w.raw = Some(raw.to_exact_string());
                w.limited = Some(*limited);
                w.text = pts;
            }
            (Why::Expression, _) => {
                w.kind = "expression".into();
                w.text = format!("expression gives {pts}");
            }
        }
        w
    }

    /// The rows (or match arms) of a table rule that fired, and the explanation's text.
    #[allow(clippy::too_many_arguments)]
    fn why_table(
        &self,
        w: &mut WhyExplanation,
        rows: &[usize],
        policy: &HitPolicy,
        inputs: &[Expr],
        trows: &[Row],
        from_match: bool,
        pts: &str,
    ) {
        w.rows = rows.iter().map(|r| r + 1).collect();
        w.row_text = rows
            .iter()
            .filter_map(|&i| trows.get(i))
            .map(|row| {
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .zip(inputs)
                    .map(|(c, e)| self.cell_text(c, e))
                    .collect();
                format!("{} => {}", cells.join(", "), row.points)
            })
            .collect();
        let list = w
            .rows
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        if from_match {
            w.kind = "arm".into();
            w.text = format!("match arm {list} `{}`: {pts}", w.row_text.join("; "));
        } else {
            let pol = format!("{policy:?}").to_lowercase();
            w.kind = "row".into();
            w.text = format!(
                "table row{} {list} fired under hit policy `{pol}` (`{}`): {pts}",
                crate::text::plural_s(rows.len()),
                w.row_text.join("; ")
            );
            w.policy = Some(pol);
        }
    }

    /// A table cell as written in the rules.
    fn cell_text(&self, c: &Cell, input: &Expr) -> String {
        match c {
            Cell::Any => "-".into(),
            Cell::Missing => "missing".into(),
            Cell::Answered => "else".into(),
            Cell::Range(iv) => iv.describe(),
            Cell::Options { mask, negated } => {
                let names = self.option_names(input);
                let picked: Vec<String> = (0..128)
                    .filter(|i| mask & (1u128 << i) != 0)
                    .map(|i| names.get(i).cloned().unwrap_or_else(|| i.to_string()))
                    .collect();
                let body = picked.join(" | ");
                match (negated, picked.len()) {
                    (true, 1) => format!("not {body}"),
                    (true, _) => format!("not ({body})"),
                    _ => body,
                }
            }
        }
    }

    fn option_names(&self, e: &Expr) -> Vec<String> {
        let p = self.p;
        let slot = match e {
            Expr::Slot(s) => Some(*s),
            Expr::Let(l) => match p.lets.get(*l).map(|l| l.ty) {
                Some(Ty::Choice(s)) => Some(s),
                Some(Ty::Bool) => return vec!["no".into(), "yes".into()],
                _ => None,
            },
            _ => return vec!["no".into(), "yes".into()],
        };
        let Some(s) = slot else {
            return Vec::new();
        };
        let nq = p.schema.questions.len();
        let q = if s < nq {
            &p.schema.questions[s]
        } else {
            &p.schema.meta[s - nq]
        };
        match &q.kind {
            QuestionKind::YesNo => vec!["no".into(), "yes".into()],
            k => k.options().iter().map(|o| o.id.clone()).collect(),
        }
    }
}

fn top_level(p: &Program, top: u8) -> Improvement {
    Improvement {
        minimal: true,
        reason: Some("already at the highest level".into()),
        ..Improvement::empty(top, level_name(p, top).to_string(), "top_level")
    }
}

fn missing_reason(p: &Program, s: usize, m: &SectionMissing) -> String {
    let sec = &p.sections[s];
    match m {
        SectionMissing::NoAnswers => {
            format!(
                "no answers in this section: none of its {} questions is answered",
                sec.questions.len()
            )
        }
        _ => section_missing_text(m).to_string(),
    }
}
