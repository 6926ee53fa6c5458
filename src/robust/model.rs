//! The analysis model: the units' section scores under every combination of the structural
//! inputs (missing-answer treatments, rule alternatives), and what the other inputs vary.
//!
//! Structural inputs change the points: for each combination the program is rebuilt (handlers
//! replaced, rules swapped, section maxima summed again), lowered and run on every unit, once.
//! Weights and thresholds only change how those scores are combined and cut into levels, so a
//! sample costs a weighted sum and some comparisons, never a new evaluation of the answers.

use crate::eval::Evaluator;
use crate::hir::{InputKind, Outcome, Program, ThresholdKind, Values};
use crate::num::{Num, Rounding};
use crate::plan;
use crate::value::Value;

/// The most combinations of structural inputs evaluated.
pub const MAX_COMBOS: usize = 4096;

/// One input as the analysis varies it.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub kind: InputKind,
    /// The number of values of a discrete input; `None`: an interval.
    pub count: Option<usize>,
}

impl Input {
    /// The labels of a discrete input's values (for reports); empty for an interval.
    pub fn labels(&self) -> Vec<String> {
        match &self.kind {
            InputKind::WeightSets { names, .. } => names.clone(),
            InputKind::Weight { values, .. } | InputKind::Threshold { values, .. } => {
                match values {
                    Values::Discrete(v) => v.iter().map(|n| n.to_string()).collect(),
                    Values::Interval { .. } => Vec::new(),
                }
            }
            InputKind::Missing { outcomes, .. } => outcomes
                .iter()
                .map(|o| match o {
                    Outcome::Points(p) => p.to_string(),
                    Outcome::Exclude => "exclude".into(),
                })
                .collect(),
            InputKind::Rule { labels, .. } => labels.iter().map(|(l, _)| l.clone()).collect(),
        }
    }
}

/// Everything a sample is computed from.
#[derive(Debug, Clone)]
pub struct Model {
    pub inputs: Vec<Input>,
    /// Indices into `inputs` of the structural ones, in order (the digits of a combination).
    pub structural: Vec<usize>,
    pub units: Vec<String>,
    pub sections: Vec<String>,
    /// `scores[combo][unit * n_sections + section]`: the section's exact score, `None` when the
    /// section has none (not answered, not applicable, every rule excluded).
    pub scores: Vec<Vec<Option<Num>>>,
    /// `compared[combo][..]`: the value levels compare (rounded per the survey header).
    pub compared: Vec<Vec<Option<Num>>>,
    pub weights: Vec<Num>,
    pub min_sections: usize,
    /// Nominal thresholds: one list per section, then the index's.
    pub thresholds: Vec<Vec<Num>>,
    pub kinds: Vec<ThresholdKind>,
    pub zero_apart: Vec<bool>,
    pub compare: Option<u32>,
    pub rounding: Rounding,
    /// Decimals the survey displays scores with.
    pub display: u32,
    pub n_levels: usize,
}

/// Why the model could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("the ruleset declares no `uncertain` inputs: there is nothing to vary (docs/language.md, \"Uncertainty\")")]
    NoInputs,
    #[error("the structural inputs (missing treatments, rule alternatives) combine into {0} variants, more than {MAX_COMBOS}")]
    TooManyCombos(usize),
    #[error("no uncertain input `{name}`: {hint}")]
    UnknownInput { name: String, hint: String },
    #[error("unit `{unit}` could not be evaluated with {variant}: {reason}")]
    Eval {
        unit: String,
        variant: String,
        reason: String,
    },
}

impl Model {
    /// Builds the model of `program` for the units' answers (`units`: id and answers). With
    /// `only` not empty, only the inputs of those names vary; the others keep their nominal
    /// values.
    pub fn build(
        program: &Program,
        units: &[(String, Vec<Value>)],
        only: &[String],
    ) -> Result<Model, ModelError> {
        let declared = &program.uncertainty.inputs;
        for name in only {
            if !declared.iter().any(|i| &i.name == name) {
                return Err(ModelError::UnknownInput {
                    name: name.clone(),
                    hint: crate::suggest::hint(
                        name,
                        declared.iter().map(|i| i.name.as_str()),
                        "input",
                    ),
                });
            }
        }
        let inputs: Vec<Input> = declared
            .iter()
            .filter(|i| only.is_empty() || only.contains(&i.name))
            .map(|i| Input {
                name: i.name.clone(),
                count: i.kind.count(),
                kind: i.kind.clone(),
            })
            .collect();
        if inputs.is_empty() {
            return Err(ModelError::NoInputs);
        }
        let structural: Vec<usize> = (0..inputs.len())
            .filter(|&i| inputs[i].kind.is_structural())
            .collect();
        let n_combos = structural
            .iter()
            .try_fold(1usize, |acc, &i| {
                acc.checked_mul(inputs[i].count.unwrap_or(1))
            })
            .filter(|&n| n <= MAX_COMBOS)
            .ok_or(ModelError::TooManyCombos(
                structural
                    .iter()
                    .map(|&i| inputs[i].count.unwrap_or(1))
                    .fold(1usize, usize::saturating_mul),
            ))?;
        let n_sections = program.sections.len();
        let mut scores = Vec::with_capacity(n_combos);
        let mut compared = Vec::with_capacity(n_combos);
        for combo in 0..n_combos {
            let digits = digits_of(combo, &structural, &inputs);
            let variant = variant_program(program, &inputs, &structural, &digits);
            let plan = plan::lower(&variant);
            let mut ev = Evaluator::new(&plan);
            let mut s = Vec::with_capacity(units.len() * n_sections);
            let mut c = Vec::with_capacity(units.len() * n_sections);
            for (id, answers) in units {
                let o = ev.eval(answers).map_err(|e| ModelError::Eval {
                    unit: id.clone(),
                    variant: describe_combo(&inputs, &structural, &digits),
                    reason: e.to_string(),
                })?;
                for sec in &o.sections {
                    s.push(sec.as_ref().ok().map(|x| x.score));
                    c.push(sec.as_ref().ok().map(|x| x.compared));
                }
            }
            scores.push(s);
            compared.push(c);
        }
        let mut thresholds: Vec<Vec<Num>> = program
            .sections
            .iter()
            .map(|s| s.thresholds.bounds.clone())
            .collect();
        thresholds.push(program.index.thresholds.bounds.clone());
        let mut kinds: Vec<ThresholdKind> =
            program.sections.iter().map(|s| s.thresholds.kind).collect();
        kinds.push(program.index.thresholds.kind);
        Ok(Model {
            inputs,
            structural,
            units: units.iter().map(|(id, _)| id.clone()).collect(),
            sections: program.sections.iter().map(|s| s.id.clone()).collect(),
            scores,
            compared,
            weights: program.index.weights.clone(),
            min_sections: program.index.min_sections,
            thresholds,
            kinds,
            zero_apart: program.sections.iter().map(|s| s.zero_apart).collect(),
            compare: program.survey.compare,
            rounding: program.survey.rounding,
            display: program.survey.display,
            n_levels: program.levels.len(),
        })
    }

    /// The value levels compare, for an index value.
    pub fn compared_index(&self, v: Num) -> Num {
        match self.compare {
            None => v,
            Some(d) => v.round(d, self.rounding),
        }
    }

    /// The combination of structural inputs chosen by `choice` (one value index per input).
    pub fn combo_of(&self, choice: &[usize]) -> usize {
        self.structural.iter().fold(0, |acc, &i| {
            acc * self.inputs[i].count.unwrap_or(1) + choice[i]
        })
    }
}

/// The digits (value indices) of combination `combo`, one per structural input.
fn digits_of(mut combo: usize, structural: &[usize], inputs: &[Input]) -> Vec<usize> {
    let mut d = vec![0; structural.len()];
    for (k, &i) in structural.iter().enumerate().rev() {
        let m = inputs[i].count.unwrap_or(1).max(1);
        d[k] = combo % m;
        combo /= m;
    }
    d
}

/// A combination in words: `missing dont_know = exclude, rule r_x = "label"`.
fn describe_combo(inputs: &[Input], structural: &[usize], digits: &[usize]) -> String {
    let parts: Vec<String> = structural
        .iter()
        .zip(digits)
        .map(|(&i, &d)| {
            let label = inputs[i].labels().get(d).cloned().unwrap_or_default();
            format!("{} = {label}", inputs[i].name)
        })
        .collect();
    if parts.is_empty() {
        "the nominal rules".into()
    } else {
        parts.join(", ")
    }
}

/// The program with the structural inputs set to `digits`.
fn variant_program(
    program: &Program,
    inputs: &[Input],
    structural: &[usize],
    digits: &[usize],
) -> Program {
    let mut p = program.clone();
    for (&i, &d) in structural.iter().zip(digits) {
        match &inputs[i].kind {
            InputKind::Missing {
                state,
                outcomes,
                rules,
                ..
            } => {
                let o = outcomes[d];
                for &r in rules {
                    let rule = &mut p.rules[r];
                    rule.handlers[state.index()] = Some(o);
                    if let Outcome::Points(x) = o {
                        rule.max = rule.max.max(x);
                        rule.min = rule.min.min(x);
                    }
                }
            }
            InputKind::Rule { rule, rules, .. } => p.rules[*rule] = rules[d].clone(),
            _ => {}
        }
    }
    for (s, section) in p.sections.iter_mut().enumerate() {
        section.max = p
            .rules
            .iter()
            .filter(|r| r.section == s)
            .fold(Num::ZERO, |acc, r| acc.add(r.max).unwrap_or(acc));
    }
    p
}

/// A section level: 0 for a zero score counted apart, else by the thresholds.
pub fn level(kind: ThresholdKind, bounds: &[Num], zero_apart: bool, compared: Num) -> u8 {
    if zero_apart && compared.is_zero() {
        return 0;
    }
    let passed = bounds
        .iter()
        .filter(|b| match kind {
            ThresholdKind::Upper => compared > **b,
            ThresholdKind::Lower => compared >= **b,
        })
        .count();
    1 + passed as u8
}
