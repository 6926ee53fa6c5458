//! Setting up the search from its inputs: how each answer may change (per unit: the questions of
//! a section the unit does not submit stay fixed), how numeric answers are generated and in which
//! order, the sampling priors from the published shares, and the movable questions per section.

use super::{NumGen, Prior, Synth, Var, Weights};
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::{QuestionKind, Schema};
use crate::synth::spec::{
    DirGroup, DirectionRow, FigureRow, Measure, NumberSpec, ShareRow, ShareWhat, Targets, Than,
};

impl<'a> Synth<'a> {
    pub fn new(
        plan: &'a Plan,
        schema: &'a Schema,
        targets: &Targets,
        cal: Inputs<'a>,
        tolerance: Num,
    ) -> Self {
        let Inputs {
            shares,
            figures,
            directions,
            numbers,
        } = cal;
        let nq = schema.questions.len();
        let base_vars = question_vars(schema, shares, figures, directions);
        let vars = unit_vars(schema, targets, &base_vars);
        let numgen = number_generators(schema, numbers);
        let num_order = totals_first(&numgen);
        let mut in_group: Vec<Vec<bool>> = shares
            .iter()
            .map(|r| {
                targets
                    .units
                    .iter()
                    .map(|t| match &r.group {
                        None => true,
                        Some(g) => t.meta_text[g.meta].as_deref() == Some(g.value.as_str()),
                    })
                    .collect()
            })
            .collect();
        let mut tallies: Vec<(usize, ShareWhat)> =
            shares.iter().map(|r| (r.slot, r.what)).collect();
        let dir_sides = direction_tallies(directions, targets, &mut tallies, &mut in_group);
        let mut pattern_tallies = vec![Vec::new(); nq];
        for (i, &(slot, what)) in tallies.iter().enumerate() {
            if matches!(what, ShareWhat::Pattern { .. } | ShareWhat::Count { .. }) {
                pattern_tallies[slot].push(i);
            }
        }
        let row_units = in_group
            .iter()
            .map(|m| (0..m.len()).filter(|&u| m[u]).collect())
            .collect();
        let (profile, priors) = prior_profiles(shares, &in_group, targets.units.len(), |rows| {
            (0..nq)
                .map(|slot| prior(&base_vars[slot], slot, rows))
                .collect()
        });
        let section_slots = movable_by_section(schema, &vars);
        let fig_in_group = super::figures::membership(figures, targets);
        Synth {
            plan,
            schema,
            vars,
            section_slots,
            numgen,
            num_order,
            priors,
            profile,
            tallies,
            row_units,
            in_group,
            shares,
            directions,
            dir_sides,
            pattern_tallies,
            figures,
            fig_units: fig_in_group
                .iter()
                .map(|m| (0..m.len()).filter(|&u| m[u]).collect())
                .collect(),
            fig_in_group,
            tolerance,
            tol_f: tolerance.to_f64(),
            weights: Weights::default(),
            share_scale: (targets.units.len() as f64 / 30.0).min(1.0),
        }
    }
}

/// What the search is calibrated to besides the targets.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub shares: &'a [ShareRow],
    pub figures: &'a [FigureRow],
    pub directions: &'a [DirectionRow],
    pub numbers: &'a [NumberSpec],
}

/// Appends a tally for each side of each direction (with its units); gives each direction's
/// tallies.
fn direction_tallies(
    directions: &[DirectionRow],
    targets: &Targets,
    tallies: &mut Vec<(usize, ShareWhat)>,
    in_group: &mut Vec<Vec<bool>>,
) -> Vec<(usize, Option<usize>)> {
    let mut side = |slot: usize, what: ShareWhat, g: &Option<DirGroup>| {
        tallies.push((slot, what));
        in_group.push(
            targets
                .units
                .iter()
                .map(|t| g.as_ref().is_none_or(|g| g.contains(&t.meta_text)))
                .collect(),
        );
        tallies.len() - 1
    };
    directions
        .iter()
        .map(|d| {
            let a = side(d.slot, d.what, &d.group);
            let b = match &d.than {
                Than::Group(g) => Some(side(d.slot, d.what, g)),
                Than::Share(_) => None,
            };
            (a, b)
        })
        .collect()
}

/// The prior profiles: units in the same groups of the share rows share one. A profile's rows
/// are the overall shares, each replaced by the share of a group its units are in (same question
/// and option). Gives each unit's profile and each profile's priors (built by `build`).
fn prior_profiles(
    shares: &[ShareRow],
    in_group: &[Vec<bool>],
    n_units: usize,
    build: impl Fn(&[ShareRow]) -> Vec<Prior>,
) -> (Vec<usize>, Vec<Vec<Prior>>) {
    let grouped: Vec<&Vec<bool>> = shares
        .iter()
        .zip(in_group)
        .filter(|(r, _)| r.group.is_some())
        .map(|(_, m)| m)
        .collect();
    let mut keys: Vec<Vec<bool>> = Vec::new();
    let mut profile = Vec::with_capacity(n_units);
    for u in 0..n_units {
        let key: Vec<bool> = grouped.iter().map(|m| m[u]).collect();
        let k = match keys.iter().position(|k| *k == key) {
            Some(k) => k,
            None => {
                keys.push(key);
                keys.len() - 1
            }
        };
        profile.push(k);
    }
    let priors = (0..keys.len())
        .map(|k| {
            let u = profile.iter().position(|&p| p == k).unwrap_or(0);
            let grouped = |r: &ShareRow, i: usize| r.group.is_some() && in_group[i][u];
            let rows: Vec<ShareRow> = shares
                .iter()
                .enumerate()
                .filter(|&(i, r)| {
                    grouped(r, i)
                        || (r.group.is_none()
                            && !shares.iter().enumerate().any(|(j, g)| {
                                grouped(g, j) && g.slot == r.slot && g.what == r.what
                            }))
                })
                .map(|(_, r)| r.clone())
                .collect();
            build(&rows)
        })
        .collect();
    (profile, priors)
}

/// How each question's answer may change, before looking at the units. "Don't know" is an
/// answer the search gives where a share asks for it, or a figure counts units without a number.
fn question_vars(
    schema: &Schema,
    shares: &[ShareRow],
    figures: &[FigureRow],
    directions: &[DirectionRow],
) -> Vec<Var> {
    let has_dk = |slot: usize| {
        shares
            .iter()
            .any(|r| r.slot == slot && r.what == ShareWhat::DontKnow)
            || directions
                .iter()
                .any(|d| d.slot == slot && d.what == ShareWhat::DontKnow)
            || figures.iter().any(|f| match &f.measure {
                Measure::MissingAny(q) | Measure::MissingAll(q) => {
                    q.contains(&slot) && schema.questions[slot].allow_dont_know
                }
                _ => false,
            })
    };
    schema
        .questions
        .iter()
        .enumerate()
        .map(|(slot, q)| {
            let dk = has_dk(slot);
            match &q.kind {
                QuestionKind::Single(o) => Var::Single { n: o.len(), dk },
                QuestionKind::Multi(o) => Var::Multi {
                    n: o.len(),
                    none: o.iter().position(|x| x.id == "none"),
                    dk,
                },
                QuestionKind::YesNo => Var::YesNo { dk },
                QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => Var::Number { dk },
                QuestionKind::Text => Var::Fixed,
            }
        })
        .collect()
}

/// Per unit: the questions of a section the unit does not submit stay fixed.
fn unit_vars(schema: &Schema, targets: &Targets, base_vars: &[Var]) -> Vec<Vec<Var>> {
    targets
        .units
        .iter()
        .map(|t| {
            base_vars
                .iter()
                .enumerate()
                .map(|(slot, v)| match schema.questions[slot].section {
                    Some(s) if t.sections[s].is_none() => Var::Fixed,
                    _ => v.clone(),
                })
                .collect()
        })
        .collect()
}

/// How each numeric question's value is generated (`None` for the other questions): from its
/// `--numbers` row, else a value in `min..min+100` within its bounds.
fn number_generators(schema: &Schema, numbers: &[NumberSpec]) -> Vec<Option<NumGen>> {
    let nq = schema.questions.len();
    let mut numgen: Vec<Option<NumGen>> = vec![None; nq];
    for (slot, q) in schema.questions.iter().enumerate() {
        let (min, max) = q.kind.bounds();
        let (min, max) = (min.map(Num::to_f64), max.map(Num::to_f64));
        let integer = matches!(q.kind, QuestionKind::Integer { .. });
        if !q.kind.is_numeric() {
            continue;
        }
        numgen[slot] = Some(match numbers.iter().find(|n| n.slot == slot) {
            Some(n) => NumGen {
                low: n.low,
                high: n.high,
                per: n.per,
                part_of: n.part_of,
                min,
                max,
                integer,
            },
            None => {
                let low = min.unwrap_or(0.0);
                NumGen {
                    low,
                    high: max.unwrap_or(low + 100.0).min(low + 100.0),
                    per: None,
                    part_of: None,
                    min,
                    max,
                    integer,
                }
            }
        });
    }
    numgen
}

/// The numeric questions in generation order: totals before their parts.
fn totals_first(numgen: &[Option<NumGen>]) -> Vec<usize> {
    let nq = numgen.len();
    let mut num_order: Vec<usize> = Vec::new();
    let numeric: Vec<usize> = (0..nq).filter(|&s| numgen[s].is_some()).collect();
    while num_order.len() < numeric.len() {
        let before = num_order.len();
        for &s in &numeric {
            if num_order.contains(&s) {
                continue;
            }
            let ready = match numgen[s].as_ref().and_then(|g| g.part_of) {
                Some(p) => num_order.contains(&p) || numgen[p].is_none(),
                None => true,
            };
            if ready {
                num_order.push(s);
            }
        }
        if num_order.len() == before {
            // a cycle (rejected when reading --numbers); keep the rest in schema order
            let rest: Vec<usize> = numeric
                .iter()
                .copied()
                .filter(|s| !num_order.contains(s))
                .collect();
            num_order.extend(rest);
        }
    }
    num_order
}

/// Per unit and section: the question slots that may change.
fn movable_by_section(schema: &Schema, vars: &[Vec<Var>]) -> Vec<Vec<Vec<usize>>> {
    let nq = schema.questions.len();
    vars.iter()
        .map(|vs: &Vec<Var>| {
            (0..schema.sections.len())
                .map(|sec| {
                    (0..nq)
                        .filter(|&q| {
                            schema.questions[q].section == Some(sec) && !matches!(vs[q], Var::Fixed)
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Initial sampling probabilities from the share rows of one question.
fn prior(var: &Var, slot: usize, shares: &[ShareRow]) -> Prior {
    let rows: Vec<&ShareRow> = shares.iter().filter(|r| r.slot == slot).collect();
    let dk = rows
        .iter()
        .find(|r| r.what == ShareWhat::DontKnow)
        .map_or(0.0, |r| r.share);
    let mut pr = Prior {
        dk,
        ..Prior::default()
    };
    match var {
        Var::YesNo { .. } => {
            pr.yes = rows
                .iter()
                .find_map(|r| match r.what {
                    ShareWhat::Yes => Some(r.share),
                    ShareWhat::No => Some(1.0 - r.share - dk),
                    _ => None,
                })
                .unwrap_or(0.5)
                .clamp(0.0, 1.0);
            if dk < 1.0 {
                pr.yes = (pr.yes / (1.0 - dk)).clamp(0.0, 1.0);
            }
        }
        Var::Single { n, .. } | Var::Multi { n, .. } => {
            let n = *n;
            let multi = matches!(var, Var::Multi { .. });
            let mut p: Vec<Option<f64>> = vec![None; n];
            for r in &rows {
                if let ShareWhat::Options(m) = r.what {
                    if m.count_ones() == 1 {
                        p[m.trailing_zeros() as usize] = Some(r.share);
                    }
                }
            }
            for r in &rows {
                if let ShareWhat::Options(m) = r.what {
                    if m.count_ones() > 1 {
                        let members: Vec<usize> =
                            (0..n).filter(|i| m & (1u128 << i) != 0).collect();
                        let known: f64 = members.iter().filter_map(|&i| p[i]).sum();
                        let unknown: Vec<usize> =
                            members.into_iter().filter(|&i| p[i].is_none()).collect();
                        if !unknown.is_empty() {
                            let each = ((r.share - known).max(0.0)) / unknown.len() as f64;
                            for i in unknown {
                                p[i] = Some(each);
                            }
                        }
                    }
                }
            }
            if let Var::Multi { none, .. } = var {
                if let Some(z) = none {
                    pr.none_alone = p[*z].take().unwrap_or(0.0);
                }
                pr.p = p
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        if Some(i) == *none {
                            0.0
                        } else {
                            x.unwrap_or(0.25)
                        }
                    })
                    .collect();
            }
            if !multi {
                let known: f64 = p.iter().flatten().sum();
                let unknown = p.iter().filter(|x| x.is_none()).count();
                let rest = (1.0 - known - dk).max(0.0);
                pr.p = p
                    .iter()
                    .map(|x| x.unwrap_or(rest / unknown.max(1) as f64))
                    .collect();
                if pr.p.iter().sum::<f64>() <= 0.0 {
                    pr.p = vec![1.0; n];
                }
            }
        }
        _ => {}
    }
    pr
}
