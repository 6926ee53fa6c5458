//! (c) Section levels beyond what the constraints allow.
//!
//! A section's score is `100 × points / max` over the rules not excluded. Its upper bound under
//! the constraints takes each rule on its own — its most points keeping every constraint (from
//! `rows.rs` when its values cover every case, else its static maximum) and whether it can be
//! excluded — and chooses the rules to count that give the highest ratio (the rules that must
//! count, then the others by points per maximum while that raises the ratio). Treating rules
//! that share questions as independent can only raise the bound, so a level above it is
//! unreachable. The same bound without the constraints must reach the level, or the
//! constraints are not what makes it unreachable. A rule whose values tried need not cover
//! every case counts with its static maximum; when its best points found would make a level
//! unreachable, that level is reported as not decided. So does a `sum` or `points` rule with
//! more combinations than the budget when its least points would (a table says itself that its
//! rows were not decided).

use super::domain::question;
use super::rows::{rule_reads, Reach, Study};
use super::{Analysis, BUDGET};
use crate::check::CheckError;
use crate::eval::compared;
use crate::hir::{MissingState, Outcome, Program, Rule, Scoring, Section, ThresholdKind};
use crate::num::{Num, Rounding};
use std::collections::BTreeSet;

/// A rule's reach without the constraints, with them, and with them as far as the values
/// tried show (a lower estimate, for what could not be decided).
struct Bounds {
    free: Reach,
    held: Reach,
    found: Reach,
}

/// The most a rule gives by its static maximum; it can be excluded when a missing state its
/// handlers exclude can occur for a question it reads.
pub(super) fn static_reach(p: &Program, r: &Rule) -> Reach {
    let read = rule_reads(p, r);
    let can = |state: MissingState| match state {
        MissingState::Unanswered => !read.is_empty(),
        MissingState::NotAsked => read
            .iter()
            .any(|&s| matches!(p.ask_if.get(s), Some(Some(_)))),
        MissingState::NotApplicable => read.iter().any(|&s| question(p, s).allow_not_applicable),
        MissingState::DontKnow => read.iter().any(|&s| question(p, s).allow_dont_know),
    };
    Reach {
        best: Some(r.max),
        exclude: MissingState::ALL
            .into_iter()
            .any(|m| r.handlers[m.index()] == Some(Outcome::Exclude) && can(m)),
    }
}

/// The highest score the rules allow, with its points and maximum: the rules that must count,
/// then the others by points per maximum while that raises the ratio. `None`: no rule counts.
fn best_score(rules: &[(Reach, Num)]) -> Option<(Num, Num, Num)> {
    let (mut pts, mut max) = (Num::ZERO, Num::ZERO);
    let mut optional = Vec::new();
    for &(reach, m) in rules {
        match (reach.best, reach.exclude) {
            (Some(b), false) => {
                pts = pts.add(b).ok()?;
                max = max.add(m).ok()?;
            }
            (Some(b), true) if m > Num::ZERO => optional.push((b, m)),
            _ => {}
        }
    }
    // by points per maximum, highest first: b1/m1 > b2/m2 ⇔ b1·m2 > b2·m1
    optional.sort_by(|x, y| {
        let l = y.0.mul(x.1).unwrap_or(Num::ZERO);
        let r = x.0.mul(y.1).unwrap_or(Num::ZERO);
        l.cmp(&r)
    });
    for (b, m) in optional {
        let raises = max.is_zero() || b.mul(max).ok()? > pts.mul(m).ok()?;
        if !raises {
            break;
        }
        pts = pts.add(b).ok()?;
        max = max.add(m).ok()?;
    }
    if max.is_zero() {
        return None;
    }
    let score = Num::HUNDRED.mul(pts).ok()?.div(max).ok()??;
    Some((score, pts, max))
}

impl Analysis<'_> {
    /// Reports section levels the constraints make unreachable.
    pub(super) fn levels(&self, studies: &[Study], out: &mut Vec<CheckError>) {
        if studies.is_empty() {
            return;
        }
        for section in &self.p.sections {
            self.section(section, studies, out);
        }
    }

    fn bounds(&self, r: usize, studies: &[Study]) -> Bounds {
        let rule = &self.p.rules[r];
        let st = studies.iter().find(|s| s.rule == r);
        match st {
            None => Bounds {
                free: static_reach(self.p, rule),
                held: static_reach(self.p, rule),
                found: static_reach(self.p, rule),
            },
            Some(s) if s.complete && s.gaps.is_empty() => Bounds {
                free: s.free,
                held: s.held,
                found: s.held,
            },
            Some(s) => Bounds {
                free: static_reach(self.p, rule),
                held: static_reach(self.p, rule),
                // not tried at all: a table says so itself (rows not decided); for a `sum`
                // or `points` rule, the level is not decided if its least points matter
                found: if s.complete {
                    s.held
                } else if matches!(rule.scoring, Scoring::Table { .. }) {
                    static_reach(self.p, rule)
                } else {
                    Reach {
                        best: Some(rule.min),
                        ..static_reach(self.p, rule)
                    }
                },
            },
        }
    }

    /// The level a score reaches (0: no score).
    fn level_of(&self, section: &Section, score: Option<(Num, Num, Num)>) -> u8 {
        score.map_or(0, |(s, _, _)| {
            section.thresholds.level(compared(&self.plan, s))
        })
    }

    fn section(&self, section: &Section, studies: &[Study], out: &mut Vec<CheckError>) {
        if !section
            .rules
            .iter()
            .any(|&r| studies.iter().any(|s| s.rule == r))
        {
            return;
        }
        let bounds: Vec<(Bounds, Num)> = section
            .rules
            .iter()
            .map(|&r| (self.bounds(r, studies), self.p.rules[r].max))
            .collect();
        let pick = |f: fn(&Bounds) -> Reach| -> Vec<(Reach, Num)> {
            bounds.iter().map(|(b, m)| (f(b), *m)).collect()
        };
        let free = best_score(&pick(|b| b.free));
        let held = best_score(&pick(|b| b.held));
        let found = best_score(&pick(|b| b.found));
        let (l_free, l_held, l_found) = (
            self.level_of(section, free),
            self.level_of(section, held),
            self.level_of(section, found),
        );
        if l_held < l_free {
            out.push(self.unreachable(section, l_held + 1, held, studies));
        } else if l_found < l_held {
            let limited: Vec<String> = section
                .rules
                .iter()
                .filter(|&&r| {
                    studies
                        .iter()
                        .any(|s| s.rule == r && !(s.complete && s.gaps.is_empty()))
                })
                .map(|&r| format!("`{}`", self.p.rules[r].name))
                .collect();
            out.push(CheckError::ConstraintNotProven {
                what: format!("section `{}` can reach level {}", section.id, l_found + 1),
                reason: format!(
                    "with the values tried its rules give at most {}, below the level, but the values tried for {} need not cover every case (numbers in arithmetic, or more than {BUDGET} combinations)",
                    describe(found),
                    rule_list(&limited)
                ),
                span: section.thresholds.span,
            });
        }
    }

    fn unreachable(
        &self,
        section: &Section,
        level: u8,
        held: Option<(Num, Num, Num)>,
        studies: &[Study],
    ) -> CheckError {
        let t = &section.thresholds;
        let need = match (t.bounds.get(usize::from(level).saturating_sub(2)), t.kind) {
            (Some(b), ThresholdKind::Upper) => format!("a score above {b}"),
            (Some(b), ThresholdKind::Lower) => format!("a score of at least {b}"),
            (None, _) => "a score".into(),
        };
        let above = if usize::from(level) <= t.bounds.len() {
            " (the levels above it are out of reach too)"
        } else {
            ""
        };
        let mut limits = Vec::new();
        for &r in &section.rules {
            let Some(s) = studies.iter().find(|s| s.rule == r) else {
                continue;
            };
            if !(s.complete && s.gaps.is_empty()) || s.held == s.free {
                continue;
            }
            let best = s.held.best;
            let by: BTreeSet<usize> = s
                .broken_best
                .iter()
                .filter(|(_, &p)| best.is_none_or(|b| p > b))
                .flat_map(|(cs, _)| cs.iter().copied())
                .collect();
            let rule = &self.p.rules[r];
            limits.push(format!(
                "rule `{}` at most {} of {} points ({})",
                rule.name,
                best.map_or("no".into(), |b| b.to_string()),
                rule.max,
                self.constraint_names(&by)
            ));
        }
        CheckError::LevelUnreachableByConstraint {
            what: format!("section `{}`", section.id),
            level,
            reason: format!(
                "under the constraints its rules give at most {}, and level {level} needs {need}{above}; limited by: {}",
                describe(held),
                limits.join("; ")
            ),
            span: t.span,
        }
    }
}

/// "rule `a`", "rules `a` and `b`".
fn rule_list(names: &[String]) -> String {
    match names {
        [one] => format!("rule {one}"),
        [init @ .., last] => format!("rules {} and {last}", init.join(", ")),
        [] => "no rule".into(),
    }
}

/// "12 of 20 points, a score of 60".
fn describe(score: Option<(Num, Num, Num)>) -> String {
    match score {
        None => "no score (every rule is excluded)".into(),
        Some((s, p, m)) => {
            let exact = s.to_string();
            let s = if exact.contains('/') {
                format!("about {}", s.format(2, Rounding::HalfUp))
            } else {
                exact
            };
            format!("{p} of {m} points, a score of {s}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(best: i128, exclude: bool) -> (Reach, Num) {
        (
            Reach {
                best: Some(Num::int(best)),
                exclude,
            },
            Num::int(10),
        )
    }

    #[test]
    fn best_score_counts_excludable_rules_only_when_they_raise_it() {
        // 5/10 must count; 9/10 raises it, 2/10 would lower it
        let (s, p, m) = best_score(&[reach(5, false), reach(2, true), reach(9, true)]).unwrap();
        assert_eq!((s, p, m), (Num::int(70), Num::int(14), Num::int(20)));
        // nothing must count: the best alone
        let (s, ..) = best_score(&[reach(2, true), reach(9, true)]).unwrap();
        assert_eq!(s, Num::int(90));
    }
}
