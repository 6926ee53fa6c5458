//! `uncertain { ... }` blocks: the method choices a robustness analysis varies, checked against
//! the ruleset they vary (docs/language.md, "Uncertainty").
//!
//! Every input names something the ruleset defines (a section, a bound of its thresholds, a
//! missing state of `defaults`, a rule) and must include the value the ruleset writes (its
//! nominal value), so that the nominal run is one of the runs the analysis makes.

use super::items::Handlers;
use super::{CheckError, Checker};
use crate::hir::{self, InputKind, MissingState, Outcome, UncertainInput, Values};
use crate::num::Num;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, Choice, UncertainEntry};
use std::collections::BTreeMap;

/// The most values a `[lo, hi] step s` grid may expand to.
const MAX_GRID: usize = 10_000;

/// What the checked program offers the uncertain inputs to vary.
pub(super) struct Varied<'p> {
    pub defaults: &'p Handlers,
    pub rules: &'p [hir::Rule],
    pub sections: &'p [hir::Section],
    pub index: &'p hir::Index,
}

impl<'a> Checker<'a> {
    /// Checks every `uncertain` entry of the ruleset.
    pub(super) fn uncertainty(&mut self, items: &[&'a ast::Item], v: &Varied) -> hir::Uncertainty {
        let entries: Vec<&ast::UncertainEntry> = items
            .iter()
            .filter_map(|i| match i {
                ast::Item::Uncertain(u) => Some(u),
                _ => None,
            })
            .flat_map(|u| u.entries.iter())
            .collect();
        let mut inputs = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut weight_sets: Vec<(&ast::Name, Vec<Num>)> = Vec::new();
        let mut alternatives: BTreeMap<usize, AltInput> = BTreeMap::new();
        // where the first weight set was declared: the weight sets are one input, listed there
        let mut sets_at: Option<usize> = None;
        for e in &entries {
            match e {
                UncertainEntry::WeightSet {
                    name,
                    weights,
                    span,
                } => {
                    sets_at.get_or_insert(inputs.len());
                    if let Some(set) = self.weight_set(name, weights, *span, v) {
                        if weight_sets.iter().any(|(n, _)| n.node == name.node) {
                            self.duplicate_input(&format!("weights {}", name.node), name.span);
                        } else {
                            weight_sets.push((name, set));
                        }
                    }
                }
                UncertainEntry::Weight {
                    section,
                    choice,
                    span,
                } => {
                    if let Some(input) = self.weight_input(section, choice, *span, v) {
                        self.push_input(input, &mut inputs, &mut seen);
                    }
                }
                UncertainEntry::Threshold {
                    target,
                    bound,
                    choice,
                    span,
                } => {
                    if let Some(input) = self.threshold_input(target, bound, choice, *span, v) {
                        self.push_input(input, &mut inputs, &mut seen);
                    }
                }
                UncertainEntry::Missing {
                    state,
                    choice,
                    span,
                } => {
                    if let Some(input) = self.missing_input(items, state, choice, *span, v) {
                        self.push_input(input, &mut inputs, &mut seen);
                    }
                }
                UncertainEntry::Alternative(a) => self.alternative(a, v, &mut alternatives),
            }
        }
        self.weight_sets_input(weight_sets, v, &mut inputs, sets_at.unwrap_or(0));
        for (rule, (span, labels, rules)) in alternatives {
            let name = format!("rule {}", v.rules[rule].name);
            inputs.push(UncertainInput {
                name,
                kind: InputKind::Rule {
                    rule,
                    labels,
                    rules,
                },
                span,
            });
        }
        // declaration order (the weight sets are one input, where the first set is written)
        inputs.sort_by_key(|i| (i.span.file, i.span.start));
        self.threshold_orders(&inputs, v);
        hir::Uncertainty { inputs }
    }

    fn push_input(
        &mut self,
        input: UncertainInput,
        inputs: &mut Vec<UncertainInput>,
        seen: &mut BTreeMap<String, Span>,
    ) {
        if seen.contains_key(&input.name) {
            self.duplicate_input(&input.name, input.span);
            return;
        }
        seen.insert(input.name.clone(), input.span);
        inputs.push(input);
    }

    fn duplicate_input(&mut self, name: &str, span: Span) {
        self.err(CheckError::Duplicate {
            what: "uncertain input",
            name: name.to_string(),
            span,
            help: "declare each uncertain input once, with all the values it can take".into(),
        });
    }

    fn uncertain_err(&mut self, message: String, span: Span, label: &str, help: String) {
        self.err(CheckError::Uncertain {
            message,
            span,
            label: label.into(),
            help,
        });
    }

    /// The section a name refers to, or an error with a suggestion.
    fn varied_section(&mut self, name: &ast::Name) -> Option<usize> {
        let s = self.schema.section_index(&name.node);
        if s.is_none() {
            self.err(CheckError::UnknownSection {
                name: name.node.clone(),
                span: name.span,
                hint: suggest::hint(&name.node, self.schema.section_ids(), "section"),
            });
        }
        s
    }

    /// The values of a choice of numbers; `None` (reported) when it is empty or not numbers.
    fn values(&mut self, choice: &Choice, what: &str) -> Option<Values> {
        match choice {
            Choice::Interval { lo, hi, step, span } => {
                if lo.node > hi.node {
                    self.uncertain_err(
                        format!("the interval [{}, {}] of {what} is empty", lo.node, hi.node),
                        *span,
                        "low end above high end",
                        format!("write the low end first: [{}, {}]", hi.node, lo.node),
                    );
                    return None;
                }
                match step {
                    None if lo.node == hi.node => {
                        self.uncertain_err(
                            format!("the interval of {what} holds one value: nothing varies"),
                            *span,
                            "one value",
                            "give an interval with two different ends, or remove the line".into(),
                        );
                        None
                    }
                    None => Some(Values::Interval {
                        lo: lo.node,
                        hi: hi.node,
                    }),
                    Some(s) => self.grid(lo.node, hi.node, s, what).map(Values::Discrete),
                }
            }
            Choice::Set(values, span) => {
                let mut out = Vec::new();
                for o in values {
                    match o.node {
                        ast::Outcome::Points(p) => out.push(p),
                        ast::Outcome::Exclude => {
                            self.uncertain_err(
                                format!("`exclude` is not a value of {what}"),
                                o.span,
                                "not a number",
                                "only `missing` alternatives can be `exclude`".into(),
                            );
                            return None;
                        }
                    }
                }
                out.sort();
                out.dedup();
                if out.len() < 2 {
                    self.uncertain_err(
                        format!("the set of {what} holds one value: nothing varies"),
                        *span,
                        "one value",
                        "list at least two values, or remove the line".into(),
                    );
                    return None;
                }
                Some(Values::Discrete(out))
            }
        }
    }

    /// `[lo, hi] step s`: lo, lo + s, ... up to hi.
    fn grid(
        &mut self,
        lo: Num,
        hi: Num,
        step: &crate::source::Spanned<Num>,
        what: &str,
    ) -> Option<Vec<Num>> {
        if step.node <= Num::ZERO {
            self.uncertain_err(
                format!("the step of {what} must be above 0"),
                step.span,
                "not above 0",
                "write a positive step, e.g. `step 1`".into(),
            );
            return None;
        }
        let mut out = vec![lo];
        let mut x = lo;
        loop {
            let next = match x.add(step.node) {
                Ok(n) if n <= hi => n,
                _ => break,
            };
            if out.len() >= MAX_GRID {
                self.uncertain_err(
                    format!("the grid of {what} has more than {MAX_GRID} values"),
                    step.span,
                    "too fine",
                    "use a larger step, or an interval without a step (any value)".into(),
                );
                return None;
            }
            out.push(next);
            x = next;
        }
        if out.len() < 2 {
            self.uncertain_err(
                format!("the grid of {what} holds one value: nothing varies"),
                step.span,
                "step longer than the interval",
                "use a step shorter than the interval".into(),
            );
            return None;
        }
        Some(out)
    }

    /// Reports a nominal value the values do not include.
    fn holds_nominal(&mut self, values: &Values, nominal: Num, what: &str, span: Span) -> bool {
        let ok = match values {
            Values::Interval { lo, hi } => *lo <= nominal && nominal <= *hi,
            Values::Discrete(v) => v.contains(&nominal),
        };
        if !ok {
            self.uncertain_err(
                format!("the values of {what} do not include its nominal value {nominal}"),
                span,
                "nominal value not among these",
                format!(
                    "the ruleset scores with {nominal}; include it, so that the published result is one of the runs"
                ),
            );
        }
        ok
    }

    fn weight_input(
        &mut self,
        section: &ast::Name,
        choice: &Choice,
        span: Span,
        v: &Varied,
    ) -> Option<UncertainInput> {
        let s = self.varied_section(section)?;
        let what = format!("the weight of `{}`", section.node);
        let values = self.values(choice, &what)?;
        let low = match &values {
            Values::Interval { lo, .. } => *lo,
            Values::Discrete(x) => x.first().copied().unwrap_or(Num::ZERO),
        };
        if low.is_negative() {
            self.uncertain_err(
                format!("{what} can be negative"),
                choice.span(),
                "below 0",
                "weights are 0 or more".into(),
            );
            return None;
        }
        if v.index.proportional {
            self.uncertain_err(
                "the index has `weights proportional`: there are no weights to vary".into(),
                span,
                "weights are not written",
                "write the weights in the index (`weights { ... }`) to vary them".into(),
            );
            return None;
        }
        let nominal = v.index.weights.get(s).copied().unwrap_or(Num::ZERO);
        self.holds_nominal(&values, nominal, &what, choice.span())
            .then(|| UncertainInput {
                name: format!("weight {}", section.node),
                kind: InputKind::Weight { section: s, values },
                span,
            })
    }

    /// A named weight set: one weight per section, 0 or more, not all 0.
    fn weight_set(
        &mut self,
        name: &ast::Name,
        weights: &[(ast::Name, crate::source::Spanned<Num>)],
        span: Span,
        v: &Varied,
    ) -> Option<Vec<Num>> {
        if name.node == "nominal" {
            self.uncertain_err(
                "`nominal` names the index's own weights".into(),
                name.span,
                "reserved name",
                "give the alternative set another name".into(),
            );
            return None;
        }
        let mut set: Vec<Option<Num>> = vec![None; v.sections.len()];
        let mut ok = true;
        for (sec, w) in weights {
            let Some(s) = self.varied_section(sec) else {
                ok = false;
                continue;
            };
            if set[s].is_some() {
                self.duplicate_input(&format!("weight {}", sec.node), sec.span);
                ok = false;
            } else if w.node.is_negative() {
                self.err(CheckError::NegativeWeight {
                    value: w.node,
                    section: sec.node.clone(),
                    span: w.span,
                });
                ok = false;
            }
            set[s] = Some(w.node);
        }
        let missing: Vec<String> = (0..set.len())
            .filter(|&i| set[i].is_none())
            .map(|i| v.sections[i].id.clone())
            .collect();
        if !missing.is_empty() {
            self.uncertain_err(
                format!(
                    "the weight set `{}` has no weight for {}",
                    name.node,
                    missing.join(", ")
                ),
                span,
                "incomplete",
                "give every section a weight (0 leaves a section out)".into(),
            );
            return None;
        }
        let set: Vec<Num> = set.into_iter().map(|w| w.unwrap_or(Num::ZERO)).collect();
        if set.iter().all(|w| w.is_zero()) {
            self.err(CheckError::AllWeightsZero { span });
            return None;
        }
        ok.then_some(set)
    }

    /// The named weight sets as one input, after the index's own set.
    fn weight_sets_input(
        &mut self,
        sets: Vec<(&ast::Name, Vec<Num>)>,
        v: &Varied,
        inputs: &mut Vec<UncertainInput>,
        at: usize,
    ) {
        let Some((first, _)) = sets.first() else {
            return;
        };
        let span = first.span;
        if let Some(w) = inputs
            .iter()
            .find(|i| matches!(i.kind, InputKind::Weight { .. }))
        {
            self.uncertain_err(
                "weight sets and single uncertain weights cannot be combined".into(),
                w.span,
                "a single weight",
                "declare either whole alternative sets (`weights name { ... }`) or an interval per weight".into(),
            );
            return;
        }
        let mut names = vec!["nominal".to_string()];
        let mut all = vec![v.index.weights.clone()];
        for (n, s) in sets {
            names.push(n.node.clone());
            all.push(s);
        }
        inputs.insert(
            at.min(inputs.len()),
            UncertainInput {
                name: "weights".into(),
                kind: InputKind::WeightSets { names, sets: all },
                span,
            },
        );
    }
}

impl<'a> Checker<'a> {
    fn threshold_input(
        &mut self,
        target: &ast::Name,
        bound: &crate::source::Spanned<Num>,
        choice: &Choice,
        span: Span,
        v: &Varied,
    ) -> Option<UncertainInput> {
        let (section, thresholds) = if target.node == "index" {
            (None, &v.index.thresholds)
        } else {
            let s = self.varied_section(target)?;
            (Some(s), &v.sections.get(s)?.thresholds)
        };
        let n = thresholds.bounds.len();
        let k = bound.node;
        let position = (k.is_integer() && k >= Num::ONE && k <= Num::int(n as i128))
            .then(|| k.to_i64().unwrap_or(1) as usize - 1);
        let Some(b) = position else {
            self.uncertain_err(
                format!("`{}` has no threshold bound {k}", target.node),
                bound.span,
                "no such bound",
                format!("the bounds are numbered 1..{n}: bound k lies between levels k and k + 1"),
            );
            return None;
        };
        let what = format!("threshold bound {k} of `{}`", target.node);
        let values = self.values(choice, &what)?;
        let (lo, hi) = bounds_of(&values);
        let out_of_range = match thresholds.kind {
            hir::ThresholdKind::Upper => lo.is_negative() || hi >= Num::HUNDRED,
            hir::ThresholdKind::Lower => lo <= Num::ZERO || hi > Num::HUNDRED,
        };
        if out_of_range {
            self.uncertain_err(
                format!("the values of {what} do not fit in 0..100"),
                choice.span(),
                "outside 0..100",
                "scores run from 0 to 100; every level must stay reachable".into(),
            );
            return None;
        }
        self.holds_nominal(&values, thresholds.bounds[b], &what, choice.span())
            .then(|| UncertainInput {
                name: format!("threshold {} {k}", target.node),
                kind: InputKind::Threshold {
                    section,
                    bound: b,
                    values,
                },
                span,
            })
    }

    /// Reports adjacent bounds of one thresholds list whose values can cross (or meet).
    fn threshold_orders(&mut self, inputs: &[UncertainInput], v: &Varied) {
        let targets: Vec<Option<usize>> = (0..v.sections.len()).map(Some).chain([None]).collect();
        for t in targets {
            let thresholds = match t {
                Some(s) => &v.sections[s].thresholds,
                None => &v.index.thresholds,
            };
            let ranges: Vec<(Num, Num, Option<&UncertainInput>)> = thresholds
                .bounds
                .iter()
                .enumerate()
                .map(|(b, nominal)| {
                    let input = inputs.iter().find(|i| {
                        matches!(&i.kind, InputKind::Threshold { section, bound, .. } if *section == t && *bound == b)
                    });
                    match input.map(|i| &i.kind) {
                        Some(InputKind::Threshold { values, .. }) => {
                            let (lo, hi) = bounds_of(values);
                            (lo, hi, input)
                        }
                        _ => (*nominal, *nominal, None),
                    }
                })
                .collect();
            for w in ranges.windows(2) {
                let ((_, hi, a), (lo, _, b)) = (w[0], w[1]);
                if hi < lo {
                    continue;
                }
                let Some(at) = b.or(a) else { continue };
                self.uncertain_err(
                    format!(
                        "the thresholds can fall out of order: a bound can be {hi} while the next can be {lo}"
                    ),
                    at.span,
                    "overlaps the neighbouring bound",
                    "each bound must stay below the next one under every choice: narrow the values so they do not meet".into(),
                );
            }
        }
    }

    fn missing_input(
        &mut self,
        items: &[&'a ast::Item],
        state: &ast::Name,
        choice: &Choice,
        span: Span,
        v: &Varied,
    ) -> Option<UncertainInput> {
        let Some(st) = MissingState::parse(&state.node) else {
            let names = MissingState::ALL.map(MissingState::as_str);
            self.err(CheckError::UnknownState {
                name: state.node.clone(),
                span: state.span,
                hint: suggest::hint(&state.node, names, "state"),
            });
            return None;
        };
        let Choice::Set(values, _) = choice else {
            self.uncertain_err(
                format!("`missing {}` takes a set of outcomes", st.as_str()),
                choice.span(),
                "an interval",
                "list what the state can score: `{0, exclude}`".into(),
            );
            return None;
        };
        let mut outcomes: Vec<Outcome> = Vec::new();
        for o in values {
            let o = match o.node {
                ast::Outcome::Points(p) => Outcome::Points(p),
                ast::Outcome::Exclude => Outcome::Exclude,
            };
            if !outcomes.contains(&o) {
                outcomes.push(o);
            }
        }
        let Some((nominal_outcome, _)) = v.defaults[st.index()] else {
            self.uncertain_err(
                format!("`defaults` says nothing about `{}`", st.as_str()),
                state.span,
                "no nominal treatment",
                format!("add `{} => ...` to the `defaults` block", st.as_str()),
            );
            return None;
        };
        let Some(nominal) = outcomes.iter().position(|o| *o == nominal_outcome) else {
            let shown = match nominal_outcome {
                Outcome::Points(p) => p.to_string(),
                Outcome::Exclude => "exclude".into(),
            };
            self.uncertain_err(
                format!(
                    "the alternatives for `{}` do not include its nominal treatment {shown}",
                    st.as_str()
                ),
                choice.span(),
                "nominal treatment not among these",
                format!("`defaults` scores it {shown}; include it"),
            );
            return None;
        };
        if outcomes.len() < 2 {
            self.uncertain_err(
                format!(
                    "the set for `{}` holds one outcome: nothing varies",
                    st.as_str()
                ),
                choice.span(),
                "one outcome",
                "list at least two outcomes, e.g. `{0, exclude}`".into(),
            );
            return None;
        }
        let own = rules_with_own_handler(items, st);
        let rules: Vec<usize> = v
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.handlers[st.index()].is_some() && !own.contains(&r.name.as_str()))
            .map(|(i, _)| i)
            .collect();
        if rules.is_empty() {
            self.uncertain_err(
                format!("no rule meets `{}` with the default treatment", st.as_str()),
                state.span,
                "varies nothing",
                "remove the line: every rule that can meet this state says itself what it scores"
                    .into(),
            );
            return None;
        }
        Some(UncertainInput {
            name: format!("missing {}", st.as_str()),
            kind: InputKind::Missing {
                state: st,
                outcomes,
                nominal,
                rules,
            },
            span,
        })
    }

    /// `alternative rule "label" { scoring }`: checked as the rule itself would be.
    fn alternative(
        &mut self,
        a: &ast::AlternativeDef,
        v: &Varied,
        out: &mut BTreeMap<usize, AltInput>,
    ) {
        let Some(i) = v.rules.iter().position(|r| r.name == a.rule.node) else {
            self.err(CheckError::UnknownName {
                what: "rule",
                name: a.rule.node.clone(),
                span: a.rule.span,
                hint: suggest::hint(
                    &a.rule.node,
                    v.rules.iter().map(|r| r.name.as_str()),
                    "rule",
                ),
            });
            return;
        };
        let original = &v.rules[i];
        let def = ast::RuleDef {
            name: a.rule.clone(),
            title: Some(a.label.clone()),
            title_en: a.label_en.clone(),
            section: crate::source::Spanned::new(
                v.sections[original.section].id.clone(),
                a.rule.span,
            ),
            max: a.max.clone(),
            scoring: a.scoring.clone(),
            handlers: a.handlers.clone(),
            span: a.span,
        };
        let Some(rule) = self.rule(&def, v.defaults) else {
            return;
        };
        let entry = out.entry(i).or_insert_with(|| {
            (
                a.span,
                vec![(
                    original
                        .title
                        .clone()
                        .unwrap_or_else(|| original.name.clone()),
                    original.title_en.clone(),
                )],
                vec![original.clone()],
            )
        });
        if entry.1.iter().skip(1).any(|(l, _)| *l == a.label.node) {
            self.duplicate_input(
                &format!("alternative {} \"{}\"", a.rule.node, a.label.node),
                a.label.span,
            );
            return;
        }
        entry.1.push((
            a.label.node.clone(),
            a.label_en.as_ref().map(|l| l.node.clone()),
        ));
        entry.2.push(rule);
    }
}

/// The alternatives of one rule: where first declared, labels, rules (the original first).
type AltInput = (Span, Vec<(String, Option<String>)>, Vec<hir::Rule>);

/// The lowest and highest of a set of values.
fn bounds_of(values: &Values) -> (Num, Num) {
    match values {
        Values::Interval { lo, hi } => (*lo, *hi),
        Values::Discrete(v) => (
            v.first().copied().unwrap_or(Num::ZERO),
            v.last().copied().unwrap_or(Num::ZERO),
        ),
    }
}

/// The rules that say themselves what `state` scores (`when state => ...`).
fn rules_with_own_handler<'i>(items: &[&'i ast::Item], state: MissingState) -> Vec<&'i str> {
    items
        .iter()
        .filter_map(|i| match i {
            ast::Item::Rule(r) => Some(r),
            _ => None,
        })
        .filter(|r| r.handlers.iter().any(|h| h.state.node == state.as_str()))
        .map(|r| r.name.node.as_str())
        .collect()
}
