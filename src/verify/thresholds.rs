//! Which thresholds the published facts allow: the interval of every bound that the level counts
//! and the "lacks N points to reach level k" remarks leave open, on the grid of the compared values
//! (`compare rounded d`: steps of 10^−d).
//!
//! Bounds are handled as inclusive upper bounds `u1 < u2 < … < u_n` (a `lower` ruleset bound `l`
//! is the upper bound `l − step`). Facts used:
//!
//! * complete level counts of a set of units (the counts cover every unit of the set): with `C_k`
//!   units at levels `≤ k`, `u_k` lies between the `C_k`-th lowest value and the next value − step;
//! * "unit with value `x` lacks `N` points to reach level `k`": `x + N` is the lowest value of
//!   level `k`, so `u_{k−1} = x + N − step`, and the unit is at level `k − 1`: `u_{k−2} < x`.
//!   Without `N`, only that the unit is below level `k`: `u_{k−1} ≥ x`.
//!
//! The bounds are then made strictly increasing (`u_k ≥ u_{k−1} + step`) and kept in
//! `0 ..= 100 − step`; an empty interval means no thresholds satisfy the facts together.

use super::text::{Msg, Text};
use crate::num::Num;
use std::collections::BTreeMap;

/// A bound's value, as the texts write it.
fn num(v: Num) -> Text {
    Text::num(v.to_string())
}

/// Level counts of one set of units.
#[derive(Debug, Clone)]
pub struct CountFact {
    /// E.g. `levels` or `levels_regional`.
    pub desc: Text,
    /// Compared values of the set's units that are not at level 0.
    pub values: Vec<Num>,
    /// Level (≥ 1) → count.
    pub counts: BTreeMap<u8, usize>,
}

/// A "lacks N points to reach level k" remark.
#[derive(Debug, Clone)]
pub struct LacksFact {
    pub desc: Text,
    /// The unit's compared value.
    pub x: Num,
    pub points: Option<Num>,
    pub to_level: u8,
}

/// The interval of one bound and the facts that set its ends.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Bound {
    pub lo: Num,
    pub hi: Num,
    pub lo_from: Vec<Text>,
    pub hi_from: Vec<Text>,
}

impl Bound {
    pub fn pinned(&self) -> bool {
        self.lo == self.hi
    }

    pub fn text(&self) -> Text {
        if self.lo == self.hi {
            num(self.lo)
        } else if self.lo > self.hi {
            Msg.t("verify-bound-none")
        } else {
            Text::join([num(self.lo), num(self.hi)], "..")
        }
    }

    fn raise(&mut self, v: Num, why: Text) {
        if v > self.lo {
            self.lo = v;
            self.lo_from = vec![why];
        } else if v == self.lo && !self.lo_from.contains(&why) {
            self.lo_from.push(why);
        }
    }

    fn lower(&mut self, v: Num, why: Text) {
        if v < self.hi {
            self.hi = v;
            self.hi_from = vec![why];
        } else if v == self.hi && !self.hi_from.contains(&why) {
            self.hi_from.push(why);
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Analysis {
    /// `u_1 ..= u_n` (upper-bound form).
    pub bounds: Vec<Bound>,
    /// When no thresholds satisfy the facts: which bound and which facts collide.
    pub conflict: Option<Text>,
    /// Count facts that could not be used (they do not cover every unit of their set).
    pub unused: Vec<Text>,
}

/// Analyses `n` bounds on a grid of `step`.
pub fn analyse(n: usize, step: Num, counts: &[CountFact], lacks: &[LacksFact]) -> Analysis {
    let top = Num::HUNDRED.sub(step).unwrap_or(Num::HUNDRED);
    let mut b: Vec<Bound> = (0..n)
        .map(|_| Bound {
            lo: Num::ZERO,
            hi: top,
            lo_from: vec![],
            hi_from: vec![],
        })
        .collect();
    let mut unused = Vec::new();
    for f in counts {
        let total: usize = f.counts.values().sum();
        let in_range = f.counts.keys().all(|&k| k >= 1 && (k as usize) <= n + 1);
        if total != f.values.len() || !in_range {
            unused.push(Msg.f(
                "verify-counts-unused",
                [
                    ("fact", f.desc.clone()),
                    ("total", total.into()),
                    ("n", f.values.len().into()),
                ],
            ));
            continue;
        }
        let mut v = f.values.clone();
        v.sort();
        let mut cum = 0usize;
        for k in 1..=n {
            cum += f.counts.get(&(k as u8)).copied().unwrap_or(0);
            if cum > 0 {
                let x = v[cum - 1];
                let why = Msg.f(
                    "verify-bound-at-most",
                    [
                        ("fact", f.desc.clone()),
                        ("n", cum.into()),
                        ("level", k.into()),
                        ("highest", num(x)),
                    ],
                );
                b[k - 1].raise(x, why);
            }
            if cum < v.len() {
                let x = v[cum];
                if let Ok(h) = x.sub(step) {
                    let why = Msg.f(
                        "verify-bound-above",
                        [
                            ("fact", f.desc.clone()),
                            ("value", num(x)),
                            ("level", k.into()),
                        ],
                    );
                    b[k - 1].lower(h, why);
                }
            }
        }
    }
    for f in lacks {
        let k = f.to_level as usize;
        if k < 2 || k > n + 1 {
            continue;
        }
        match f.points {
            Some(pts) => {
                if let Ok(u) = f.x.add(pts).and_then(|t| t.sub(step)) {
                    b[k - 2].raise(u, f.desc.clone());
                    b[k - 2].lower(u, f.desc.clone());
                }
            }
            None => b[k - 2].raise(f.x, f.desc.clone()),
        }
        if k >= 3 {
            if let Ok(h) = f.x.sub(step) {
                let why = Msg.f(
                    "verify-bound-so-at",
                    [("fact", f.desc.clone()), ("level", (k - 1).into())],
                );
                b[k - 3].lower(h, why);
            }
        }
    }
    for k in 1..n {
        if let Ok(l) = b[k - 1].lo.add(step) {
            if l > b[k].lo {
                let why = format!("u{} < u{}", k, k + 1).into();
                b[k].raise(l, why);
            }
        }
    }
    for k in (0..n.saturating_sub(1)).rev() {
        if let Ok(h) = b[k + 1].hi.sub(step) {
            if h < b[k].hi {
                let why = format!("u{} < u{}", k + 1, k + 2).into();
                b[k].lower(h, why);
            }
        }
    }
    let conflict = b
        .iter()
        .enumerate()
        .find(|(_, x)| x.lo > x.hi)
        .map(|(k, x)| {
            Msg.f(
                "verify-bound-conflict",
                [
                    ("bound", format!("u{}", k + 1).into()),
                    ("lo", num(x.lo)),
                    ("lo_from", Text::join(x.lo_from.clone(), "; ")),
                    ("hi", num(x.hi)),
                    ("hi_from", Text::join(x.hi_from.clone(), "; ")),
                ],
            )
        });
    Analysis {
        bounds: b,
        conflict,
        unused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(xs: &[i128]) -> Vec<Num> {
        xs.iter().map(|&x| Num::int(x)).collect()
    }

    #[test]
    fn counts_and_lacks_pin_a_bound() {
        let counts = CountFact {
            desc: "levels".into(),
            values: ints(&[24, 40, 60, 60, 62, 78, 86, 88]),
            counts: [(2u8, 4usize), (3, 2), (4, 2)].into_iter().collect(),
        };
        let a = analyse(4, Num::ONE, std::slice::from_ref(&counts), &[]);
        assert!(a.conflict.is_none());
        assert_eq!((a.bounds[0].lo, a.bounds[0].hi), (Num::ZERO, Num::int(23)));
        assert_eq!(
            (a.bounds[1].lo, a.bounds[1].hi),
            (Num::int(60), Num::int(61))
        );
        assert_eq!(
            (a.bounds[2].lo, a.bounds[2].hi),
            (Num::int(78), Num::int(85))
        );
        assert_eq!(
            (a.bounds[3].lo, a.bounds[3].hi),
            (Num::int(88), Num::int(99))
        );
        let lacks = LacksFact {
            desc: "lacks".into(),
            x: Num::int(60),
            points: Some(Num::ONE),
            to_level: 3,
        };
        let a = analyse(4, Num::ONE, &[counts], &[lacks]);
        assert!(a.bounds[1].pinned());
        assert_eq!(a.bounds[1].lo, Num::int(60));
    }

    #[test]
    fn contradicting_facts_are_a_conflict() {
        let counts = CountFact {
            desc: "levels".into(),
            values: ints(&[50, 60, 70]),
            counts: [(2u8, 1usize), (3, 2)].into_iter().collect(),
        };
        // 60 lacks 2 points to level 3 → u2 = 61, but the counts put 60 at level 3 (u2 ≤ 59)
        let lacks = LacksFact {
            desc: "lacks".into(),
            x: Num::int(60),
            points: Some(Num::int(2)),
            to_level: 3,
        };
        let a = analyse(4, Num::ONE, &[counts], &[lacks]);
        let c = a.conflict.expect("conflict").en();
        assert!(c.starts_with("u2"), "{c}");
    }

    #[test]
    fn incomplete_counts_are_not_used() {
        let counts = CountFact {
            desc: "levels".into(),
            values: ints(&[50, 60, 70]),
            counts: [(2u8, 1usize)].into_iter().collect(),
        };
        let a = analyse(4, Num::ONE, &[counts], &[]);
        assert_eq!(a.unused.len(), 1);
        assert_eq!(a.bounds[0].lo, Num::ZERO);
    }
}
