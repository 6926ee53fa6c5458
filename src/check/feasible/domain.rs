//! The candidate values of each slot: a finite set that, when the slot is used only in atoms
//! (compared with constants or with other questions, tested against option sets), holds a
//! representative of every class of values the expressions tell apart — so trying every
//! combination decides exactly what any answers could do.
//!
//! - yes/no: both answers; single choice: one option per class of options no test tells apart;
//! - multiple choice: per class of interchangeable options (same membership in every tested
//!   set, same `sum` points), each number of selected options up to what a `count` comparison
//!   or a `has all` can tell apart;
//! - numbers: the domain's bounds, every constant compared with (in the domain), and between
//!   two of those (and beyond the last, when unbounded) `k` distinct values, `k` being the
//!   number of questions compared with each other in that group — enough for every ordering of
//!   them. A number used in arithmetic gets one more value per gap, but is not covered: the
//!   domain records why (`gaps`).

use super::uses::{SlotUse, Uses};
use crate::hir::{MissingState, Program};
use crate::num::Num;
use crate::schema::{Question, QuestionKind};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Which missing answers to try.
#[derive(Clone, Copy)]
pub(super) enum Mode<'a> {
    /// Satisfiability: every question answered (its value, or not asked by its follow-up
    /// condition), except those whose being answered is tested, which may be unanswered.
    Answered,
    /// A rule's reach: every missing state a question allows for the slots the rule reads
    /// (their handlers differ), `unanswered` for the others.
    Rule(&'a BTreeSet<usize>),
}

/// The candidate values of a set of slots.
pub(super) struct Domain {
    pub slots: Vec<usize>,
    pub values: Vec<Vec<Value>>,
    /// Why the values may miss a case (empty: every case is covered).
    pub gaps: Vec<String>,
    /// The number of combinations (saturating).
    pub combos: u64,
}

impl Domain {
    /// The part of the domain over `keep`'s slots, and the rest.
    pub fn split(&self, keep: &BTreeSet<usize>) -> (Domain, Domain) {
        let empty = || Domain {
            slots: Vec::new(),
            values: Vec::new(),
            gaps: Vec::new(),
            combos: 1,
        };
        let (mut a, mut b) = (empty(), empty());
        for (&s, vals) in self.slots.iter().zip(&self.values) {
            let d = if keep.contains(&s) { &mut a } else { &mut b };
            d.slots.push(s);
            d.values.push(vals.clone());
            d.combos = d.combos.saturating_mul(vals.len() as u64);
        }
        (a, b)
    }
}

/// The question (or metadata field) of a slot.
pub(super) fn question(p: &Program, s: usize) -> &Question {
    let nq = p.schema.questions.len();
    if s < nq {
        &p.schema.questions[s]
    } else {
        &p.schema.meta[s - nq]
    }
}

/// The candidate values of `slots` for the uses in `uses`; a multiple choice with more
/// than `limit` combinations of its own is left with its tested sets only (a gap).
pub(super) fn build(
    p: &Program,
    slots: &BTreeSet<usize>,
    uses: &Uses,
    mode: Mode,
    limit: u64,
) -> Domain {
    let groups = groups(p, slots, uses);
    let none = SlotUse::default();
    let alone = Group::default();
    let mut d = Domain {
        slots: slots.iter().copied().collect(),
        values: Vec::new(),
        gaps: Vec::new(),
        combos: 1,
    };
    for &s in slots {
        let q = question(p, s);
        let u = uses.by_slot.get(&s).unwrap_or(&none);
        let g = groups.get(&s).unwrap_or(&alone);
        let mut vals = answered_values(q, u, g, limit, &mut d.gaps);
        match mode {
            Mode::Answered if !u.missing_matters => {}
            Mode::Answered => vals.push(Value::UNANSWERED),
            Mode::Rule(read) => {
                vals.push(Value::UNANSWERED);
                if read.contains(&s) {
                    if q.allow_not_applicable {
                        vals.push(Value::Missing(MissingState::NotApplicable));
                    }
                    if q.allow_dont_know {
                        vals.push(Value::Missing(MissingState::DontKnow));
                    }
                }
            }
        }
        d.combos = d.combos.saturating_mul(vals.len() as u64);
        d.values.push(vals);
    }
    d
}

/// What a group of numeric questions compared with each other (`q_a <= q_b`) shares: they
/// take their candidates from one grid, so that every order of them can be tried.
#[derive(Debug, Default, Clone)]
struct Group {
    /// How many questions it has.
    size: usize,
    /// Every constant any of them is compared with, and their bounds.
    consts: Vec<Num>,
    integer: bool,
    decimal: bool,
}

/// Each slot's group.
fn groups(p: &Program, slots: &BTreeSet<usize>, uses: &Uses) -> BTreeMap<usize, Group> {
    let mut root: BTreeMap<usize, usize> = slots.iter().map(|&s| (s, s)).collect();
    fn find(root: &mut BTreeMap<usize, usize>, s: usize) -> usize {
        let mut r = s;
        while let Some(&up) = root.get(&r) {
            if up == r {
                break;
            }
            r = up;
        }
        root.insert(s, r);
        r
    }
    for &(a, b) in &uses.related {
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        if ra != rb {
            root.insert(ra, rb);
        }
    }
    let roots: Vec<(usize, usize)> = slots.iter().map(|&s| (s, find(&mut root, s))).collect();
    let mut by_root: BTreeMap<usize, Group> = BTreeMap::new();
    for &(s, r) in &roots {
        let g = by_root.entry(r).or_default();
        g.size += 1;
        if let Some(u) = uses.by_slot.get(&s) {
            g.consts.extend(u.consts.iter().copied());
        }
        match &question(p, s).kind {
            QuestionKind::Integer { min, max, .. } => {
                g.integer = true;
                g.consts.extend(min.iter().chain(max));
            }
            QuestionKind::Decimal { min, max, .. } => {
                g.decimal = true;
                g.consts.extend(min.iter().chain(max));
            }
            _ => {}
        }
    }
    roots
        .into_iter()
        .map(|(s, r)| (s, by_root[&r].clone()))
        .collect()
}

fn answered_values(
    q: &Question,
    u: &SlotUse,
    g: &Group,
    limit: u64,
    gaps: &mut Vec<String>,
) -> Vec<Value> {
    match &q.kind {
        QuestionKind::YesNo => vec![Value::Bool(true), Value::Bool(false)],
        QuestionKind::Text => vec![Value::Text],
        QuestionKind::Single(opts) => classes(opts.len(), u)
            .iter()
            .map(|c| Value::Choice(c[0] as u16))
            .collect(),
        QuestionKind::Multi(opts) => match selections(opts.len(), u, limit) {
            Some(v) => v.into_iter().map(Value::Multi).collect(),
            None => {
                gaps.push(format!(
                    "`{}` has too many combinations of options to try them all",
                    q.id
                ));
                let mut v = vec![0u128];
                v.extend(u.masks.iter().map(|m| m.0));
                v.extend((0..opts.len()).map(|i| 1u128 << i));
                v.dedup();
                v.into_iter().map(Value::Multi).collect()
            }
        },
        QuestionKind::Integer { min, max, .. } | QuestionKind::Decimal { min, max, .. } => {
            let integer = matches!(q.kind, QuestionKind::Integer { .. });
            let extra = if u.opaque {
                gaps.push(format!(
                    "`{}` is used in arithmetic, where the values tried need not cover every case",
                    q.id
                ));
                1
            } else {
                0
            };
            let mixed = g.integer && g.decimal;
            let k = g.size.max(1) + extra;
            let mut consts = u.consts.clone();
            consts.extend(g.consts.iter().copied());
            numbers(*min, *max, integer, &consts, k, mixed)
                .into_iter()
                .map(Value::Num)
                .collect()
        }
    }
}

/// The options of a choice in classes no test tells apart (option order).
fn classes(n: usize, u: &SlotUse) -> Vec<Vec<usize>> {
    if u.opaque {
        return (0..n).map(|i| vec![i]).collect();
    }
    let mut by_sig: BTreeMap<(Vec<bool>, Option<Num>), Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let sig: Vec<bool> = u.masks.iter().map(|m| m.0 & (1u128 << i) != 0).collect();
        let pts = u.points.as_ref().and_then(|p| p.get(i).copied());
        by_sig.entry((sig, pts)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_sig.into_values().collect();
    out.sort();
    out
}

/// The selections of a multiple choice of `n` options that cover every case the uses tell
/// apart; `None` when there are more than `limit`.
fn selections(n: usize, u: &SlotUse, limit: u64) -> Option<Vec<u128>> {
    let classes = classes(n, u);
    let every_count = u.points.is_some() || u.count_opaque || u.opaque;
    let count_cap = u
        .count_consts
        .iter()
        .filter(|c| !c.is_negative())
        .map(|c| c.numer().div_euclid(c.denom()) as usize + 1)
        .max()
        .unwrap_or(1);
    let caps: Vec<usize> = classes
        .iter()
        .map(|c| {
            let mask = c.iter().fold(0u128, |m, &i| m | 1u128 << i);
            let in_all = u.masks.iter().any(|&(m, all)| all && m & mask == mask);
            if every_count || in_all {
                c.len()
            } else {
                count_cap.min(c.len())
            }
        })
        .collect();
    let combos = caps
        .iter()
        .try_fold(1u64, |t, &c| t.checked_mul(c as u64 + 1))?;
    if combos > limit {
        return None;
    }
    let mut out = Vec::with_capacity(combos as usize);
    let mut counts = vec![0usize; classes.len()];
    loop {
        let mut sel = 0u128;
        for (c, &k) in classes.iter().zip(&counts) {
            sel = c.iter().take(k).fold(sel, |m, &i| m | 1u128 << i);
        }
        out.push(sel);
        // the next combination of counts (mixed radix)
        let mut i = 0;
        loop {
            if i == counts.len() {
                return Some(out);
            }
            if counts[i] < caps[i] {
                counts[i] += 1;
                break;
            }
            counts[i] = 0;
            i += 1;
        }
    }
}

fn floor(n: Num) -> i128 {
    n.numer().div_euclid(n.denom())
}

/// Candidate numbers of a domain `[lo, hi]` (either may be open) compared with `consts`:
/// the bounds, the constants inside, and `k` values in every gap between them. A decimal
/// question compared with integer ones (`mixed`) takes the integer values of each gap and `k`
/// values between every two of them, so that it can be equal to, below or above each.
pub(super) fn numbers(
    lo: Option<Num>,
    hi: Option<Num>,
    integer: bool,
    consts: &[Num],
    k: usize,
    mixed: bool,
) -> Vec<Num> {
    let inside = |c: &Num| lo.is_none_or(|l| *c >= l) && hi.is_none_or(|h| *c <= h);
    let mut crit: Vec<Num> = consts.iter().copied().filter(inside).collect();
    crit.extend(lo);
    crit.extend(hi);
    crit.sort();
    crit.dedup();
    let mut out: Vec<Num> = crit
        .iter()
        .copied()
        .filter(|c| !integer || c.is_integer())
        .collect();
    let mut edges: Vec<(Option<Num>, Option<Num>)> = Vec::new();
    match (crit.first(), crit.last()) {
        (Some(&first), Some(&last)) => {
            if lo.is_none() {
                edges.push((None, Some(first)));
            }
            edges.extend(crit.windows(2).map(|w| (Some(w[0]), Some(w[1]))));
            if hi.is_none() {
                edges.push((Some(last), None));
            }
        }
        _ => edges.push((Some(Num::int(-1)), None)),
    }
    for (a, b) in edges {
        if integer || !mixed {
            out.extend(between(a, b, integer, k));
            continue;
        }
        let mut ints = between(a, b, true, k);
        ints.sort();
        let mut cuts = vec![a];
        cuts.extend(ints.iter().map(|&i| Some(i)));
        cuts.push(b);
        out.extend(ints);
        for w in cuts.windows(2) {
            out.extend(between(w[0], w[1], false, k));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Up to `k` values strictly between `a` and `b` (`None`: unbounded on that side).
fn between(a: Option<Num>, b: Option<Num>, integer: bool, k: usize) -> Vec<Num> {
    let mut out = Vec::new();
    match (a, b, integer) {
        (Some(a), b, true) => {
            let mut v = floor(a) + 1;
            while out.len() < k && b.is_none_or(|b| Num::int(v) < b) {
                out.push(Num::int(v));
                v += 1;
            }
        }
        (None, Some(b), true) => {
            let mut v = -floor(b.neg().unwrap_or(b)) - 1;
            while out.len() < k {
                out.push(Num::int(v));
                v -= 1;
            }
        }
        (Some(a), Some(b), false) => {
            let step = b
                .sub(a)
                .ok()
                .and_then(|w| w.div(Num::int(k as i128 + 1)).ok()?);
            let mut v = a;
            for _ in 0..k {
                match step.and_then(|s| v.add(s).ok()) {
                    Some(next) => v = next,
                    None => break,
                }
                out.push(v);
            }
        }
        (Some(a), None, false) => {
            out.extend((1..=k as i128).filter_map(|j| a.add(Num::int(j)).ok()))
        }
        (None, Some(b), false) => {
            out.extend((1..=k as i128).filter_map(|j| b.sub(Num::int(j)).ok()))
        }
        (None, None, _) => out.extend((0..k as i128).map(Num::int)),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[i128]) -> Vec<Num> {
        v.iter().map(|&n| Num::int(n)).collect()
    }

    #[test]
    fn integers_cover_every_ordering_of_a_pair() {
        let got = numbers(Some(Num::ZERO), Some(Num::int(1000)), true, &[], 2, false);
        assert_eq!(got, nums(&[0, 1, 2, 1000]));
    }

    #[test]
    fn constants_split_the_domain() {
        let got = numbers(Some(Num::ZERO), None, true, &nums(&[0, 5, -3]), 1, false);
        assert_eq!(got, nums(&[0, 1, 5, 6]));
        let half = Num::frac(5, 2).unwrap();
        let got = numbers(None, None, true, &[half], 1, false);
        assert_eq!(got, nums(&[2, 3]));
    }

    #[test]
    fn a_decimal_compared_with_integers_can_equal_each_of_them() {
        let ten = Some(Num::int(10));
        let ints = numbers(Some(Num::ZERO), ten, true, &[], 2, true);
        let decs = numbers(Some(Num::ZERO), ten, false, &[], 2, true);
        assert_eq!(ints, nums(&[0, 1, 2, 10]));
        for i in &ints {
            assert!(decs.contains(i), "{decs:?}");
        }
        // and between two of them
        assert!(
            decs.iter().any(|d| *d > Num::ONE && *d < Num::int(2)),
            "{decs:?}"
        );
    }

    #[test]
    fn exclusive_tests_need_a_few_selections() {
        // options: none, a, b, c; `has none` and `count = 1`
        let u = SlotUse {
            masks: vec![(1, false)],
            count_consts: vec![Num::ONE],
            ..SlotUse::default()
        };
        let got = selections(4, &u, 1000).unwrap();
        // none: 0 or 1; others: 0, 1 or 2 of them
        assert_eq!(got.len(), 6);
        assert!(got.contains(&0b0111));
    }
}
