//! Whether every score the ruleset can compute fits the evaluator's exact arithmetic.
//!
//! Scores are rationals of 128-bit integers (`Num`): a ruleset whose constants have very many
//! digits (a rule worth 10^-35 points, 36-digit weights) would make every unit's evaluation
//! overflow. The checker bounds the integers the evaluation of a section score and of the index
//! needs, from the constants alone, and rejects a ruleset where the bound does not fit:
//!
//! - a section's points are a sum of rule points, each a constant (arm and row values, option
//!   points, cap, floor, handler points) or a `points` expression: their common denominator `D`
//!   divides the least common multiple of the constants' denominators (of a `points` expression:
//!   the constants it is written with; the answers' own decimals are the data's business, and an
//!   overflow they cause is reported for the unit), their size is at most `B`, the sum over the
//!   rules of the largest absolute points; the score `100 × points / max` then needs
//!   `100 × B × D × den(max)` and `D × num(max)`;
//! - the index is a weighted mean of section scores: with `L` the least common multiple of the
//!   weights' denominators, `W` the sum of the weights times `L`, and `S` the least common
//!   multiple of the score denominators (`D × num(max)` per section), it needs about
//!   `100 × W × S × 10^compare`.
//!
//! Each must stay below 2^120 (a margin below the 2^127 of `i128` for the rounding steps).

use super::{CheckError, Checker};
use crate::hir::{self, Expr, Outcome, Scoring};
use crate::num::Num;
use num_integer::Integer;

/// The largest integer a bound may reach.
const LIMIT: i128 = 1 << 120;

/// `a × b`, `None` past [`LIMIT`].
fn mul(a: i128, b: i128) -> Option<i128> {
    a.checked_mul(b).filter(|x| x.abs() < LIMIT)
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    let g = a.gcd(&b);
    if g == 0 {
        return Some(a.max(b));
    }
    mul(a / g, b)
}

/// The denominators of the constants of an expression.
fn expr_dens(e: &Expr, out: &mut Vec<i128>) {
    match e {
        Expr::Num(n) => out.push(n.denom()),
        Expr::Ratio(a, b, z) => {
            expr_dens(a, out);
            expr_dens(b, out);
            if let Some(z) = z {
                out.push(z.denom());
            }
        }
        Expr::Neg(x) | Expr::Not(x) | Expr::In(x, ..) | Expr::Has(x, ..) | Expr::Count(x) => {
            expr_dens(x, out)
        }
        Expr::Arith(_, a, b) | Expr::Cmp(_, a, b) | Expr::And(a, b) | Expr::Or(a, b) => {
            expr_dens(a, out);
            expr_dens(b, out);
        }
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().for_each(|x| expr_dens(x, out)),
        Expr::If(c, a, b) => {
            expr_dens(c, out);
            expr_dens(a, out);
            expr_dens(b, out);
        }
        Expr::Bool(_)
        | Expr::Option(_)
        | Expr::Missing
        | Expr::Slot(_)
        | Expr::Let(_)
        | Expr::Answered(_)
        | Expr::Asked(_)
        | Expr::AnsweredAny(_) => {}
    }
}

/// The denominators of every constant a rule's points can be.
fn rule_dens(r: &hir::Rule) -> Vec<i128> {
    let mut out: Vec<i128> = r
        .handlers
        .iter()
        .flatten()
        .filter_map(|h| match h {
            Outcome::Points(n) => Some(n.denom()),
            Outcome::Exclude => None,
        })
        .collect();
    match &r.scoring {
        Scoring::Table { rows, .. } => out.extend(rows.iter().map(|row| row.points.denom())),
        Scoring::Sum {
            points, cap, floor, ..
        } => {
            out.extend(points.iter().map(|n| n.denom()));
            out.extend(cap.iter().chain(floor).map(|n| n.denom()));
        }
        Scoring::Points(e) => expr_dens(e, &mut out),
    }
    out
}

impl Checker<'_> {
    /// Reports a section or the index whose scores may not fit the exact arithmetic.
    pub(super) fn arithmetic_range(
        &mut self,
        rules: &[hir::Rule],
        sections: &[hir::Section],
        index: &hir::Index,
        compare: Option<u32>,
    ) {
        let mut score_dens = Vec::with_capacity(sections.len());
        for s in sections {
            match section_bound(rules, s) {
                Ok(den) => score_dens.push(den),
                Err((reason, rule)) => {
                    self.err(CheckError::ArithmeticRange {
                        what: format!("section `{}`", s.id),
                        reason,
                        span: rule.map_or(s.span, |r| rules[r].span),
                    });
                    return;
                }
            }
        }
        if let Err(reason) = index_bound(index, &score_dens, compare) {
            self.err(CheckError::ArithmeticRange {
                what: "the index".into(),
                reason,
                span: index.thresholds.span,
            });
        }
    }
}

/// The bound on a section's score denominator, or why it does not fit (and the rule to blame:
/// the one with the largest denominator, else the one with the largest points).
fn section_bound(rules: &[hir::Rule], s: &hir::Section) -> Result<i128, (String, Option<usize>)> {
    let mut den = 1i128;
    let mut size = Num::ZERO;
    let mut widest: Option<(i128, usize)> = None;
    let mut largest: Option<(Num, usize)> = None;
    for &r in &s.rules {
        let rule = &rules[r];
        for d in rule_dens(rule) {
            if widest.is_none_or(|(w, _)| d > w) {
                widest = Some((d, r));
            }
            den = lcm(den, d).ok_or_else(|| {
                (
                    format!("the denominators of its rules' points have a least common multiple past 2^120 (rule `{}` has points with denominator {d})", rule.name),
                    Some(r),
                )
            })?;
        }
        let big = rule.max.abs().max(rule.min.abs());
        if largest.is_none_or(|(l, _)| big > l) {
            largest = Some((big, r));
        }
        size = size.add(big).map_err(|_| {
            (
                format!(
                    "the points of its rules add up past the exact range (rule `{}`)",
                    rule.name
                ),
                Some(r),
            )
        })?;
    }
    // the size as an integer bound (rounded up)
    let b = size.numer() / size.denom() + 1;
    let max = s.max;
    let needed = mul(100, b)
        .and_then(|x| mul(x, den))
        .and_then(|x| mul(x, max.denom()));
    let score_den = mul(den, max.numer().abs().max(1));
    match (needed, score_den) {
        (Some(_), Some(sd)) => Ok(sd),
        _ => {
            let blame = match widest {
                Some((d, r)) if d > 1_000_000 => Some(r),
                _ => largest.map(|(_, r)| r),
            };
            Err((
                format!(
                    "its scores need integers past 2^120 (points up to {}, with a common denominator of {den}, of a maximum of {}); use constants with fewer digits",
                    size.to_exact_string(),
                    max.to_exact_string()
                ),
                blame,
            ))
        }
    }
}

/// Whether the weighted mean of section scores with denominators `score_dens` fits.
fn index_bound(
    index: &hir::Index,
    score_dens: &[i128],
    compare: Option<u32>,
) -> Result<(), String> {
    let too_big = || {
        "the weighted mean of the section scores needs integers past 2^120; use weights with fewer digits (e.g. 2, 3, 8 rather than 36-digit numbers)".to_string()
    };
    let mut l = 1i128;
    for w in &index.weights {
        l = lcm(l, w.denom()).ok_or_else(too_big)?;
    }
    let mut total = 0i128;
    for w in &index.weights {
        let scaled = mul(w.abs().numer(), l / w.denom()).ok_or_else(too_big)?;
        total = total
            .checked_add(scaled)
            .filter(|x| *x < LIMIT)
            .ok_or_else(too_big)?;
    }
    let mut s = 1i128;
    for &d in score_dens {
        s = lcm(s, d).ok_or_else(too_big)?;
    }
    let digits = 10i128
        .checked_pow(compare.unwrap_or(0))
        .ok_or_else(too_big)?;
    mul(100, total.max(1))
        .and_then(|x| mul(x, s))
        .and_then(|x| mul(x, digits))
        .map(|_| ())
        .ok_or_else(too_big)
}
