//! The candidate values of a number question.
//!
//! A number's candidates are the values the search considers for it (each scored alone by the
//! rules that read it):
//!
//! - **A small range** (at most 65 values at the question's step — 1 for integers, 0.01 for
//!   decimals): every value.
//! - **Otherwise, pieces.** The rules reading the question give the same points on intervals
//!   ("pieces"); the interval ends are found by bisection from the numbers the rules compare
//!   the question with, the range bounds and the current answer, at most 64 boundaries above
//!   the current answer and 64 below. Each piece contributes the value nearest the current
//!   answer (its smallest value above it, its largest below; its smallest when unanswered).
//!   When every boundary was found, these values realise every effect a single change of the
//!   question can have, so the search over them is exact.
//! - **Level values**, when the boundaries were too many to find (`points x` gives every value
//!   its own points): for every level of every section the question is scored in, and every
//!   level of the index, that the question changed alone can reach, the value nearest the
//!   current answer that reaches it, found by bisection on the question's step grid (exact when
//!   the score does not fall as the value moves away from the current answer, as with `points`
//!   and every rule that grows with the value).
//! - The range's maximum always, and its minimum when lowering is allowed (they dominate every
//!   other value for a score that grows, or falls, with the value).
//!
//! By default a reported number is never lowered: the candidates are the values above it.

use super::UnitSearch;
use crate::num::Num;
use crate::value::Value;

/// At most this many piece boundaries on each side of the current answer.
const CUT_BUDGET: usize = 64;

/// `floor(v / step) * step`.
fn floor_to(v: Num, step: Num) -> Num {
    let Ok(Some(q)) = v.div(step) else { return v };
    let f = q.numer().div_euclid(q.denom());
    Num::int(f).mul(step).unwrap_or(v)
}

/// The number of whole steps from `a` to `b` (rounded down; 0 when `b <= a`).
fn steps(a: Num, b: Num, step: Num) -> i128 {
    match b.sub(a).ok().and_then(|d| d.div(step).ok().flatten()) {
        Some(q) if q > Num::ZERO => q.numer().div_euclid(q.denom()),
        _ => 0,
    }
}

/// Piece boundaries found so far, `(last value of a piece, first value of the next)`, and the
/// boundaries each side may still add.
struct Cuts {
    found: Vec<(Num, Num)>,
    budget: usize,
    exhausted: bool,
}

impl UnitSearch<'_> {
    /// The points of every rule depending on slot `s` when `s` is `v`.
    fn rule_points(&mut self, s: usize, v: Num) -> Vec<Option<Num>> {
        let mut rules = std::mem::take(&mut self.deps_rules_scratch);
        rules.clear();
        rules.extend_from_slice(&self.deps.slot_rules[s]);
        let old = self.work[s];
        self.work[s] = Value::Num(v);
        self.evaluations += 1;
        let mut pts = Vec::with_capacity(rules.len());
        let ok = self
            .ev
            .eval_rules(&self.work, &[s], &rules, &mut pts)
            .is_ok();
        self.work[s] = old;
        self.deps_rules_scratch = rules;
        if ok {
            pts
        } else {
            Vec::new()
        }
    }

    /// Candidate numbers of slot `s` (see the module documentation).
    pub(super) fn numeric(
        &mut self,
        s: usize,
        min: Option<Num>,
        max: Option<Num>,
        step: Num,
    ) -> Vec<Num> {
        let cur = match self.base[s] {
            Value::Num(n) => Some(n),
            _ => None,
        };
        let marks = self.deps.marks[s].clone();
        let lo = min.unwrap_or_else(|| marks.iter().copied().chain(cur).fold(Num::ZERO, Num::min));
        let hi = max.unwrap_or_else(|| {
            let top = marks.iter().copied().chain(cur).fold(lo, Num::max);
            top.mul(Num::int(2))
                .and_then(|t| t.add(Num::ONE))
                .unwrap_or(top)
        });
        // a reported number is not lowered unless removals are allowed
        let lo = match cur {
            Some(c) if !self.allow_removals && c > lo => c,
            _ => lo,
        };
        if hi < lo {
            return Vec::new();
        }
        // only values that keep the constraints (e.g. a part not above its whole)
        let (lo, hi) = self.admissible_range(s, lo, hi, step, cur);
        if steps(lo, hi, step) <= 64 {
            return every_value(lo, hi, step, cur);
        }
        let (mut out, exhausted) = self.piece_values(s, lo, hi, step, cur, &marks);
        if exhausted {
            for x in self.level_values(s, lo, hi, step, cur) {
                if !out.contains(&x) {
                    out.push(x);
                }
            }
        }
        let below = cur.is_none_or(|c| lo < c);
        for x in [hi, lo] {
            if (x == hi || below) && Some(x) != cur && !out.contains(&x) {
                out.push(x);
            }
        }
        out
    }

    /// One value per piece of equal rule points (the one nearest `cur`), and whether the
    /// boundary budget ran out on either side.
    fn piece_values(
        &mut self,
        s: usize,
        lo: Num,
        hi: Num,
        step: Num,
        cur: Option<Num>,
        marks: &[Num],
    ) -> (Vec<Num>, bool) {
        let mut samples = vec![lo, hi];
        samples.extend(cur.filter(|c| *c >= lo && *c <= hi));
        for m in marks {
            let g = floor_to(*m, step);
            for d in [-1, 0, 1] {
                if let Ok(x) = g.add(step.mul(Num::int(d)).unwrap_or(Num::ZERO)) {
                    if x >= lo && x <= hi {
                        samples.push(x);
                    }
                }
            }
        }
        samples.sort();
        samples.dedup();
        let fs: Vec<Vec<Option<Num>>> = samples.iter().map(|&x| self.rule_points(s, x)).collect();
        let split = cur.map_or(0, |c| samples.partition_point(|x| *x < c));
        // above the current answer nearest first, then below it nearest first
        let mut up = Cuts {
            found: Vec::new(),
            budget: CUT_BUDGET,
            exhausted: false,
        };
        for i in split.max(1)..samples.len() {
            if fs[i - 1] != fs[i] {
                let (a, b) = (
                    (samples[i - 1], fs[i - 1].clone()),
                    (samples[i], fs[i].clone()),
                );
                self.bisect(s, a, b, step, &mut up, false);
            }
        }
        let mut down = Cuts {
            found: Vec::new(),
            budget: CUT_BUDGET,
            exhausted: false,
        };
        for i in (1..=split.min(samples.len() - 1)).rev() {
            if fs[i - 1] != fs[i] && samples[i - 1] < cur.unwrap_or(lo) {
                let (a, b) = (
                    (samples[i - 1], fs[i - 1].clone()),
                    (samples[i], fs[i].clone()),
                );
                self.bisect(s, a, b, step, &mut down, true);
            }
        }
        let exhausted = up.exhausted || down.exhausted;
        let mut cuts = up.found;
        cuts.extend(down.found);
        cuts.sort();
        cuts.dedup();
        let mut pieces: Vec<(Num, Num)> = Vec::new();
        let mut start = lo;
        for &(a, b) in &cuts {
            pieces.push((start, a));
            start = b;
        }
        pieces.push((start, hi));
        let mut out = Vec::new();
        for (a, b) in pieces {
            let pick = match cur {
                Some(c) if c >= a && c <= b => continue,
                Some(c) if c < a => a,
                Some(_) => b,
                None => a,
            };
            out.push(pick);
        }
        (out, exhausted)
    }

    /// Finds the piece boundaries between `a` and `b` (whose points differ); `rev` looks at the
    /// upper half first (nearest a current answer above).
    fn bisect(
        &mut self,
        s: usize,
        a: (Num, Vec<Option<Num>>),
        b: (Num, Vec<Option<Num>>),
        step: Num,
        cuts: &mut Cuts,
        rev: bool,
    ) {
        if cuts.budget == 0 {
            cuts.exhausted = true;
            return;
        }
        let n = steps(a.0, b.0, step);
        if n <= 1 {
            cuts.found.push((a.0, b.0));
            cuts.budget -= 1;
            return;
        }
        let Ok(m) = step.mul(Num::int(n / 2)).and_then(|h| a.0.add(h)) else {
            return;
        };
        let fm = self.rule_points(s, m);
        let left_differs = fm != a.1;
        let right_differs = fm != b.1;
        let mid = (m, fm);
        if rev {
            if right_differs {
                self.bisect(s, mid.clone(), b, step, cuts, rev);
            }
            if left_differs {
                self.bisect(s, a, mid, step, cuts, rev);
            }
        } else {
            if left_differs {
                self.bisect(s, a, mid.clone(), step, cuts, rev);
            }
            if right_differs {
                self.bisect(s, mid, b, step, cuts, rev);
            }
        }
    }

    /// Per target the change may reach (each level above the current one of each section `s`
    /// is scored in, and of the index): the value nearest the current answer that reaches it
    /// when `s` changes alone, on the grid of `step`.
    fn level_values(
        &mut self,
        s: usize,
        lo: Num,
        hi: Num,
        step: Num,
        cur: Option<Num>,
    ) -> Vec<Num> {
        let mut secs: Vec<usize> = self.deps.slot_rules[s]
            .iter()
            .map(|&r| self.p.rules[r].section)
            .collect();
        secs.sort_unstable();
        secs.dedup();
        let mut out = Vec::new();
        // upwards from the current answer (from below the range when unanswered)
        let start = cur.map_or(lo, |c| floor_to(c, step));
        let levels_at = |me: &mut Self, x: Num| me.levels_with(s, x, &secs);
        let base = match cur {
            Some(c) => levels_at(self, c),
            None => self.base_levels(&secs),
        };
        let mut search = |me: &mut Self, from: Num, to: Num| {
            let far = levels_at(me, to);
            for (i, (&b, &f)) in base.iter().zip(&far).enumerate() {
                for level in b.saturating_add(1)..=f {
                    let x = me.nearest_reaching(s, &secs, i, level, from, to, step);
                    if !out.contains(&x) {
                        out.push(x);
                    }
                }
            }
        };
        if start < hi {
            search(self, start, hi);
        }
        // downwards, when lowering is allowed
        if let Some(c) = cur {
            if lo < c {
                search(self, floor_to(c, step).max(lo), lo);
            }
        }
        out
    }

    /// The levels (sections `secs`, then the index; 0 when not scored) at the base answers.
    fn base_levels(&self, secs: &[usize]) -> Vec<u8> {
        let mut v: Vec<u8> = secs
            .iter()
            .map(|&sec| {
                self.base_scores[sec]
                    .and_then(|pm| self.section_level(sec, pm))
                    .map_or(0, |x| x.1)
            })
            .collect();
        v.push(self.index_level(&self.base_scores).map_or(0, |x| x.1));
        v
    }

    /// The levels (sections `secs`, then the index; 0 when not scored) when `s` alone is `x`.
    fn levels_with(&mut self, s: usize, x: Num, secs: &[usize]) -> Vec<u8> {
        let Some(pm) = self.partial_alone((s, Value::Num(x))) else {
            return vec![0; secs.len() + 1];
        };
        let scores = super::partial::pm_scores(&pm);
        let mut v: Vec<u8> = secs
            .iter()
            .map(|&sec| {
                scores[sec]
                    .and_then(|pm| self.section_level(sec, pm))
                    .map_or(0, |x| x.1)
            })
            .collect();
        v.push(self.index_level(&scores).map_or(0, |x| x.1));
        v
    }

    /// Bisection on the grid of `step` between `from` (below `level`) and `to` (reaching it):
    /// the value nearest `from` where measure `i` (a section of `secs`, or the index) reaches
    /// `level`, assuming it does not fall as the value moves towards `to`.
    #[allow(clippy::too_many_arguments)]
    fn nearest_reaching(
        &mut self,
        s: usize,
        secs: &[usize],
        i: usize,
        level: u8,
        from: Num,
        to: Num,
        step: Num,
    ) -> Num {
        let (mut near, mut far) = (from, to);
        if self.levels_with(s, near, secs)[i] >= level {
            return near;
        }
        loop {
            let (a, b) = if near < far { (near, far) } else { (far, near) };
            let n = steps(a, b, step);
            if n <= 1 {
                return far;
            }
            let Ok(m) = step.mul(Num::int(n / 2)).and_then(|h| a.add(h)) else {
                return far;
            };
            if self.levels_with(s, m, secs)[i] >= level {
                far = m;
            } else {
                near = m;
            }
        }
    }
}

/// Every value from `lo` to `hi` by `step`, except `cur`.
fn every_value(lo: Num, hi: Num, step: Num, cur: Option<Num>) -> Vec<Num> {
    let mut out = Vec::new();
    let mut x = lo;
    while x <= hi {
        if Some(x) != cur {
            out.push(x);
        }
        let Ok(nx) = x.add(step) else { break };
        x = nx;
    }
    out
}
