//! The levels a section can reach, for `[reachable]` in tests.toml.
//!
//! Each rule is taken on its own, counted (not excluded), with every value its rows, arms,
//! options (every selection of a `sum`) or handlers give, kept within the rule's derived minimum
//! and maximum; a `points` rule, or a form with too many combinations, gives every value between
//! its minimum and maximum. The section's totals are the sums of one value per rule, its score
//! `100 × total / max` compared as the survey compares (`compare rounded`), and its level the one
//! the thresholds give (level 0 for a score of 0 in a `zero apart` section). Rules that share
//! questions are treated as independent, so the list can hold a level no answers reach; a level
//! left out is out of reach of every answer.

use crate::hir::{Program, Rule, Scoring, Section};
use crate::num::Num;
use std::collections::BTreeSet;

/// The most values a rule's set, or a section's totals, may hold before they count as a range.
const LIMIT: usize = 4096;

/// The values a rule or a section can take: a finite set, or every number in a range.
#[derive(Debug, Clone)]
enum Values {
    Set(BTreeSet<Num>),
    Range(Num, Num),
}

/// The levels section `s` can reach, in increasing order.
pub fn reachable_levels(p: &Program, s: usize) -> Vec<u8> {
    let section = &p.sections[s];
    let mut total = Values::Set(BTreeSet::from([Num::ZERO]));
    for &r in &section.rules {
        total = add(&total, &rule_values(&p.rules[r]));
    }
    let mut levels = BTreeSet::new();
    match total {
        Values::Set(set) => {
            for t in set {
                if let Some(l) = level(p, section, t) {
                    levels.insert(l);
                }
            }
        }
        Values::Range(lo, hi) => {
            if let (Some(a), Some(b)) = (level(p, section, lo), level(p, section, hi)) {
                levels.extend(a..=b);
                // from level 0 (a score of 0 counted apart) a range goes on through the scores
                // just above 0
                if a == 0 && lo < hi {
                    if let Some(tiny) = Num::frac(1, 1_000_000) {
                        levels.extend(section.thresholds.level(tiny)..=b);
                    }
                }
            }
        }
    }
    levels.into_iter().collect()
}

/// The level of `total` points of the section.
fn level(p: &Program, section: &Section, total: Num) -> Option<u8> {
    if section.max <= Num::ZERO {
        return None;
    }
    let score = Num::HUNDRED.mul(total).ok()?.div(section.max).ok()??;
    let compared = match p.survey.compare {
        None => score,
        Some(d) => score.round(d, p.survey.rounding),
    };
    if section.zero_apart && compared.is_zero() {
        return Some(0);
    }
    Some(section.thresholds.level(compared))
}

/// Every total of one value from `a` and one from `b`.
fn add(a: &Values, b: &Values) -> Values {
    match (a, b) {
        (Values::Set(x), Values::Set(y)) => {
            let mut out = BTreeSet::new();
            for u in x {
                for v in y {
                    match u.add(*v) {
                        Ok(s) => {
                            out.insert(s);
                        }
                        Err(_) => return range_of_sum(a, b),
                    }
                    if out.len() > LIMIT {
                        return range_of_sum(a, b);
                    }
                }
            }
            Values::Set(out)
        }
        _ => range_of_sum(a, b),
    }
}

/// The least and the greatest value.
fn lowest(v: &Values) -> (Num, Num) {
    match v {
        Values::Set(s) => (
            s.first().copied().unwrap_or(Num::ZERO),
            s.last().copied().unwrap_or(Num::ZERO),
        ),
        Values::Range(lo, hi) => (*lo, *hi),
    }
}

fn range_of_sum(a: &Values, b: &Values) -> Values {
    let ((alo, ahi), (blo, bhi)) = (lowest(a), lowest(b));
    match (alo.add(blo), ahi.add(bhi)) {
        (Ok(lo), Ok(hi)) => Values::Range(lo, hi),
        _ => Values::Range(alo, ahi),
    }
}

/// The values one rule can give when it counts.
fn rule_values(r: &Rule) -> Values {
    let mut set: BTreeSet<Num> = BTreeSet::new();
    match &r.scoring {
        Scoring::Table { policy, rows, .. } => {
            let points: Vec<Num> = rows.iter().map(|row| row.points).collect();
            if *policy == crate::hir::HitPolicy::Sum {
                match subset_sums(&points, None, None) {
                    Some(s) => set.extend(s),
                    None => return Values::Range(r.min, r.max),
                }
            } else {
                set.extend(points);
                set.insert(Num::ZERO);
            }
        }
        Scoring::Sum {
            points, cap, floor, ..
        } => match subset_sums(points, *cap, *floor) {
            Some(s) => set.extend(s),
            None => return Values::Range(r.min, r.max),
        },
        Scoring::Points(_) => return Values::Range(r.min, r.max),
    }
    for o in r.handlers.iter().flatten() {
        if let crate::hir::Outcome::Points(p) = o {
            set.insert(*p);
        }
    }
    set.retain(|v| *v >= r.min && *v <= r.max);
    Values::Set(set)
}

/// The totals of every selection of `points`, limited to `floor..=cap`; `None` when there are
/// too many.
fn subset_sums(points: &[Num], cap: Option<Num>, floor: Option<Num>) -> Option<BTreeSet<Num>> {
    let mut sums = BTreeSet::from([Num::ZERO]);
    for &p in points {
        let mut next = sums.clone();
        for s in &sums {
            next.insert(s.add(p).ok()?);
        }
        if next.len() > LIMIT {
            return None;
        }
        sums = next;
    }
    Some(
        sums.into_iter()
            .map(|s| {
                let s = cap.map_or(s, |c| s.min(c));
                floor.map_or(s, |f| s.max(f))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, schema, syntax};

    /// The program of the check cases' prelude plus `extra`.
    fn program(extra: &str) -> Program {
        let dir = std::path::Path::new("tests/cases/check");
        let schema_text = std::fs::read_to_string(dir.join("schema.toml")).unwrap();
        let prelude = std::fs::read_to_string(dir.join("prelude.rules")).unwrap();
        let schema = schema::load(2, &schema_text).unwrap();
        let (a, _) = syntax::parse(0, &prelude);
        let (b, eb) = syntax::parse(1, extra);
        assert!(eb.is_empty(), "{eb:?}");
        let (p, errors) = check::check(&[a, b], &schema);
        p.unwrap_or_else(|| panic!("{errors:?}"))
    }

    fn levels_of(p: &Program, id: &str) -> Vec<u8> {
        let s = p.sections.iter().position(|s| s.id == id).unwrap();
        reachable_levels(p, s)
    }

    #[test]
    fn a_section_with_a_high_least_score_skips_the_low_levels() {
        // satisfaction 0..3 + floor_points 8 or 10: 8 of 13 points at least, a score of 62
        let p = program("rule floor_points in customer_service { match q_sat_measured { yes => 10  no => 8 } when unanswered => 8  when dont_know => 8 }");
        assert_eq!(levels_of(&p, "customer_service"), [4, 5]);
        // every level in a section whose points go from 0 to the maximum in small steps
        assert_eq!(levels_of(&p, "communication"), [1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_gap_in_the_points_leaves_out_a_level() {
        // communication: social 0..2 + ux 0..2 + all_or_nothing 0 or 16, of 20: scores 0..20
        // and 80..100, so levels 2 and 3 (above 20 up to 60) are out of reach
        let p = program("rule all_or_nothing in communication { match q_ux { regular => 16  irregular => 0  none => 0 } }");
        assert_eq!(levels_of(&p, "communication"), [1, 4, 5]);
    }

    #[test]
    fn subset_sums_are_limited_by_cap_and_floor() {
        let n = |v: i128| Num::int(v);
        let s = subset_sums(&[n(1), n(2), n(4)], Some(n(5)), Some(n(1))).unwrap();
        assert_eq!(
            s.into_iter().collect::<Vec<_>>(),
            [n(1), n(2), n(3), n(4), n(5)]
        );
    }
}
