//! The component search: a knapsack over the components' options gives each section's reachable
//! `(points, max, present)` with the fewest changes (its frontier, cached while no component
//! gains options); `dp_search` deepens the components one change at a time until the best set
//! found is known to be minimal.

use super::components::Comp;
use super::{Changes, SearchOutcome, Target, UnitSearch};
use crate::num::Num;

/// A set found by the knapsack: `(changes, overshoot, which options)`.
pub(super) type Solution = (usize, Num, Trail);

/// Every reachable `(changes, points, max, present)` of a section, with a witness.
pub(super) type Frontier = Vec<((usize, Num, Num, bool), State)>;

/// A frontier and the number of component options it was built from.
pub(super) type CachedFrontier = (usize, std::rc::Rc<Frontier>);

/// A partial solution of the knapsack over components.
#[derive(Debug, Clone)]
pub(super) struct State {
    pub(super) trail: Trail,
}

/// Which component options a partial solution uses (shared, cheap to extend).
#[derive(Debug, Clone, Default)]
pub(super) struct Trail(Option<std::rc::Rc<Link>>);

#[derive(Debug)]
enum Link {
    Opt(Trail, usize, usize),
    Join(Trail, Trail),
}

impl Trail {
    fn opt(&self, comp: usize, opt: usize) -> Trail {
        Trail(Some(std::rc::Rc::new(Link::Opt(self.clone(), comp, opt))))
    }

    pub(super) fn join(&self, other: &Trail) -> Trail {
        match (&self.0, &other.0) {
            (_, None) => self.clone(),
            (None, _) => other.clone(),
            _ => Trail(Some(std::rc::Rc::new(Link::Join(
                self.clone(),
                other.clone(),
            )))),
        }
    }

    fn collect(&self, comps: &[Comp], out: &mut Changes) {
        match self.0.as_deref() {
            None => {}
            Some(Link::Opt(prev, c, o)) => {
                prev.collect(comps, out);
                out.extend_from_slice(&comps[*c].opts[*o].changes);
            }
            Some(Link::Join(a, b)) => {
                a.collect(comps, out);
                b.collect(comps, out);
            }
        }
    }
}

impl UnitSearch<'_> {
    /// Section `s`'s frontier: every `(points, max, present)` the options enumerated so far
    /// reach, as `(changes, points, max, present)` with the fewest changes and a witness.
    pub(super) fn section_frontier(
        &self,
        s: usize,
        baseline: &[(Num, Num)],
    ) -> std::rc::Rc<Frontier> {
        // options only ever grow: their number tells whether a cached frontier is current
        let comps = self.comps.as_deref().unwrap_or(&[]);
        let version: usize = comps
            .iter()
            .filter(|c| c.sections.contains(&s))
            .map(|c| c.opts.len())
            .sum();
        let mut cache = self.frontiers.borrow_mut();
        if cache.len() <= s {
            cache.resize(s + 1, None);
        }
        if let Some((v, f)) = &cache[s] {
            if *v == version {
                return f.clone();
            }
        }
        let f = std::rc::Rc::new(self.compute_frontier(s, baseline));
        cache[s] = Some((version, f.clone()));
        f
    }

    fn compute_frontier(&self, s: usize, baseline: &[(Num, Num)]) -> Frontier {
        use std::collections::BTreeMap;
        let comps = self.comps.as_deref().unwrap_or(&[]);
        // (points, max, present) -> the fewest changes reaching it, and which
        type Frontier = BTreeMap<(Num, Num, bool), (usize, Trail)>;
        let mut states: Frontier = BTreeMap::new();
        states.insert(
            (baseline[s].0, baseline[s].1, self.base_scores[s].is_some()),
            (0, Trail::default()),
        );
        for (ci, c) in comps
            .iter()
            .enumerate()
            .filter(|(_, c)| c.sections.contains(&s))
        {
            let base = self.comp_base(c, baseline);
            let bi = base.iter().position(|e| e.0 == s).unwrap_or(0);
            let mut next = states.clone();
            for (key, (k0, ch0)) in &states {
                for (oi, o) in c.opts.iter().enumerate() {
                    let k = k0 + o.k;
                    let e = &o.effect[bi];
                    let (Ok(dp), Ok(dm)) = (e.1.sub(base[bi].1), e.2.sub(base[bi].2)) else {
                        continue;
                    };
                    let (Ok(p), Ok(m)) = (key.0.add(dp), key.1.add(dm)) else {
                        continue;
                    };
                    let nk = (p, m, key.2 || e.3);
                    if next.get(&nk).is_some_and(|(kk, _)| *kk <= k) {
                        continue;
                    }
                    next.insert(nk, (k, ch0.opt(ci, oi)));
                }
            }
            states = next;
        }
        states
            .into_iter()
            .map(|((p, m, present), (k, trail))| ((k, p, m, present), State { trail }))
            .collect()
    }

    /// The exact score of `(points, max)`.
    pub(super) fn score_of(pm: (Num, Num)) -> Option<Num> {
        Num::HUNDRED.mul(pm.0).ok()?.div(pm.1).ok()?
    }

    /// Component search; `None` when it cannot decide (then the set search runs).
    pub(super) fn dp_search(&mut self, t: Target, cap: usize) -> Option<SearchOutcome> {
        self.build_comps();
        let need = self.need(t)?;
        let target_level = match t {
            Target::Section { level, .. } | Target::Index { level } => level,
        };
        let max_k = self.slots.as_ref().map_or(0, |s| s.len());
        let baseline = self.baseline();
        if let Target::Index { .. } = t {
            // the index decomposes by section only if no component spans two sections
            let comps = self.comps.as_deref().unwrap_or(&[]);
            if comps.iter().any(|c| c.sections.len() > 1) {
                return None;
            }
        }
        // gain bounds per slot (sound, additive): a component needs options with j changes
        // only if its own bound plus the best kmax - j other slots can reach `need`
        let all = self.slots.take().unwrap_or_default();
        let filtered = self.filtered(t, &all, need);
        self.slots = Some(all);
        let gain_of: Vec<(usize, Num)> = match &filtered {
            Some((fs, _, g, order)) => order
                .iter()
                .zip(g)
                .map(|(&i, &x)| (fs[i].slot, x))
                .collect(),
            None => Vec::new(),
        };
        let u0 = filtered.as_ref().map(|f| f.1);
        let mut last: Option<(usize, Option<Solution>)> = None;
        for kmax in 1..=max_k {
            let limits = self.comp_limits(kmax, u0, &gain_of, need);
            let complete = self.deepen_comps(&limits, cap);
            let full = self
                .comps
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .all(|c| c.depth >= c.members.len());
            let kmax = if complete && full { max_k } else { kmax };
            // the knapsack only changes when a component gained options
            let n_opts: usize = self
                .comps
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .map(|c| c.opts.len())
                .sum();
            if last.as_ref().is_none_or(|(n, _)| *n != n_opts) {
                let best = match t {
                    Target::Section { section, .. } => {
                        self.section_best(section, &baseline, need, target_level)
                    }
                    Target::Index { .. } => self.index_dp(max_k, &baseline, need, target_level),
                };
                last = Some((n_opts, best));
            }
            // a set of at most kmax changes uses only options enumerated so far: minimal
            let found = last
                .as_ref()
                .and_then(|(_, b)| b.as_ref())
                .filter(|b| b.0 <= kmax || (complete && full));
            if let Some((_, _, trail)) = found {
                let mut changes = Vec::new();
                trail.collect(self.comps.as_deref().unwrap_or(&[]), &mut changes);
                changes.sort_by_key(|c| c.0);
                return self.verify(t, changes).map(|found| SearchOutcome::Found {
                    found: Box::new(found),
                    minimal: complete,
                });
            }
            if complete && full {
                break;
            }
            if !complete {
                return Some(SearchOutcome::Stopped {
                    reason: format!(
                        "search stopped early after {} evaluations without finding a set of {kmax} or fewer changes",
                        self.evaluations
                    ),
                });
            }
        }
        Some(SearchOutcome::OutOfReach {
            reason: "no combination of valid answers the unit may change reaches it".into(),
        })
    }
    /// Per component: the most changes its options need for a set of at most `kmax` changes,
    /// the largest `j` whose bound (the base bound `u0`, the component's own gains and the best
    /// `kmax - j` gains of the other slots) reaches `need`; `kmax` when there is no bound.
    fn comp_limits(
        &self,
        kmax: usize,
        u0: Option<Num>,
        gain_of: &[(usize, Num)],
        need: Num,
    ) -> Vec<usize> {
        let slots = self.slots.as_deref().unwrap_or(&[]);
        let comps = self.comps.as_deref().unwrap_or(&[]);
        comps
            .iter()
            .map(|c| {
                let Some(u0) = u0 else {
                    return kmax; // no bound: enumerate everything
                };
                let mine: Vec<usize> = c.members.iter().map(|&m| slots[m].slot).collect();
                let own = gain_of
                    .iter()
                    .filter(|(s, _)| mine.contains(s))
                    .fold(Num::ZERO, |a, (_, g)| a.add(*g).unwrap_or(a));
                let others: Vec<Num> = gain_of
                    .iter()
                    .filter(|(s, _)| !mine.contains(s))
                    .map(|(_, g)| *g)
                    .collect();
                let mut lim = 0;
                for j in 1..=kmax.min(c.members.len()) {
                    let rest = others
                        .iter()
                        .take(kmax - j)
                        .fold(Num::ZERO, |a, g| a.add(*g).unwrap_or(a));
                    let b = u0.add(own).and_then(|x| x.add(rest)).unwrap_or(u0);
                    if b >= need {
                        lim = j;
                    }
                }
                lim
            })
            .collect()
    }

    /// The best set reaching `target_level` in `section` over the options enumerated so far:
    /// the fewest changes, then the least overshoot over `need` (first found on ties).
    fn section_best(
        &self,
        section: usize,
        baseline: &[(Num, Num)],
        need: Num,
        target_level: u8,
    ) -> Option<Solution> {
        let states = self.section_frontier(section, baseline);
        let mut best: Option<Solution> = None;
        for &((k, p, m, present), ref st) in states.iter() {
            if !present {
                continue;
            }
            let Some((v, level)) = self.section_level(section, (p, m)) else {
                continue;
            };
            if level < target_level {
                continue;
            }
            let over = v.sub(need).unwrap_or(Num::ZERO);
            if best.as_ref().is_none_or(|b| (k, over) < (b.0, b.1)) {
                best = Some((k, over, st.trail.clone()));
            }
        }
        best
    }
}
