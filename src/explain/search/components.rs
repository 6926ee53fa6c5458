//! Components: questions whose effects interact (they share a rule, or decide whether a section
//! with an `applicable if` is scored). The options of each component (one per distinct effect on
//! its sections) are enumerated with up to a given number of changes, deepened on demand.

use super::candidates::SlotCands;
use super::deps::Deps;
use super::{Changes, UnitSearch};
use crate::eval::UnitOutcome;
use crate::hir::Program;
use crate::num::Num;
use std::collections::BTreeSet;

/// One way of changing the answers of one component, and its effect on each section it touches.
#[derive(Debug, Clone)]
pub(super) struct Opt {
    pub(super) k: usize,
    /// `(section, points, max, present)` after the change (points/max from the rules, whether
    /// or not the section is present).
    pub(super) effect: Vec<(usize, Num, Num, bool)>,
    pub(super) changes: Changes,
}

/// Questions whose effects interact: they share a rule, one gates another, or one decides
/// whether the section of the others is scored.
#[derive(Debug, Clone)]
pub(super) struct Comp {
    /// Indices into the unit's slot candidates.
    pub(super) members: Vec<usize>,
    pub(super) sections: Vec<usize>,
    /// Options with up to this many changes are enumerated.
    pub(super) depth: usize,
    pub(super) opts: Vec<Opt>,
    /// The effects of `opts` (one option per effect).
    pub(super) seen: BTreeSet<Vec<(usize, Num, Num, bool)>>,
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn find(parent: &mut [usize], mut a: usize) -> usize {
    while parent[a] != a {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    a
}

impl UnitSearch<'_> {
    pub(super) fn build_comps(&mut self) {
        if self.comps.is_some() {
            return;
        }
        self.prepare();
        let slots = self.slots.as_ref().map_or(&[][..], |v| &v[..]);
        let n = slots.len();
        let pos = |s: usize| slots.iter().position(|c| c.slot == s);
        let mut parent: Vec<usize> = (0..n).collect();
        for d in &self.deps.rule_deps {
            let members: Vec<usize> = d.iter().filter_map(|&s| pos(s)).collect();
            for w in members.windows(2) {
                union(&mut parent, w[0], w[1]);
            }
        }
        // answers tied by a constraint are changed together
        for (i, sc) in slots.iter().enumerate() {
            for &t in self.constraint_partners(sc.slot) {
                if let Some(j) = pos(t) {
                    union(&mut parent, i, j);
                }
            }
        }
        for (si, sec) in self.p.sections.iter().enumerate() {
            if sec.applicable.is_none() {
                continue;
            }
            let mut members: Vec<usize> = self.deps.presence[si]
                .iter()
                .filter_map(|&s| pos(s))
                .collect();
            for &r in &sec.rules {
                members.extend(self.deps.rule_deps[r].iter().filter_map(|&s| pos(s)));
            }
            for w in members.windows(2) {
                union(&mut parent, w[0], w[1]);
            }
        }
        let mut comps: Vec<Comp> = Vec::new();
        let mut root_of: Vec<Option<usize>> = vec![None; n];
        #[allow(clippy::needless_range_loop)]
        for i in 0..n {
            let r = find(&mut parent, i);
            let ci = match root_of[r] {
                Some(c) => c,
                None => {
                    comps.push(Comp {
                        members: Vec::new(),
                        sections: Vec::new(),
                        depth: 0,
                        opts: Vec::new(),
                        seen: BTreeSet::new(),
                    });
                    root_of[r] = Some(comps.len() - 1);
                    comps.len() - 1
                }
            };
            comps[ci].members.push(i);
            let s = slots[i].slot;
            for &r in &self.deps.slot_rules[s] {
                comps[ci].sections.push(self.p.rules[r].section);
            }
            for (si, d) in self.deps.presence.iter().enumerate() {
                if d.contains(&s) {
                    comps[ci].sections.push(si);
                }
            }
        }
        for c in &mut comps {
            c.sections.sort();
            c.sections.dedup();
        }
        self.comps = Some(comps);
    }

    /// Enumerates the options of every component up to `depth` changes. False when the work
    /// limit stopped it.
    pub(super) fn deepen_comps(&mut self, limits: &[usize], cap: usize) -> bool {
        let mut comps = self.comps.take().unwrap_or_default();
        let slots = self.slots.take().unwrap_or_default();
        let base_present: Vec<bool> = self.base_scores.iter().map(|s| s.is_some()).collect();
        let mut ok = true;
        'outer: for (ci, c) in comps.iter_mut().enumerate() {
            let depth = limits.get(ci).copied().unwrap_or(0);
            while c.depth < depth.min(c.members.len()) {
                let j = c.depth + 1;
                // every subset of j members, every combination of their candidates
                let mut subset: Vec<usize> = (0..j).collect();
                loop {
                    if !self.subset_options(c, &slots, &subset, &base_present, cap) {
                        ok = false;
                        break 'outer;
                    }
                    if !next_subset(&mut subset, c.members.len()) {
                        break;
                    }
                }
                c.depth = j;
                if self.saturated(c, &slots, &base_present) {
                    c.depth = c.members.len();
                }
            }
        }
        self.slots = Some(slots);
        self.comps = Some(comps);
        ok
    }

    /// Adds to `c` the options changing the members `subset` (every combination of their
    /// candidates), one per effect not seen yet. False when the work limit stopped it.
    fn subset_options(
        &mut self,
        c: &mut Comp,
        slots: &[SlotCands],
        subset: &[usize],
        base_present: &[bool],
        cap: usize,
    ) -> bool {
        let j = subset.len();
        let m = c.members.len();
        let mut idx = vec![0usize; j];
        loop {
            if self.evaluations >= cap {
                return false;
            }
            let changes: Changes = subset
                .iter()
                .zip(&idx)
                .map(|(&mi, &ci)| {
                    let sc = &slots[c.members[mi]];
                    (sc.slot, sc.cands[ci].value)
                })
                .collect();
            let pm = if m == 1 {
                Some(slots[c.members[0]].cands[idx[0]].pm.clone())
            } else {
                // `partial` leaves out answers that break a constraint
                self.partial(&changes)
            };
            if let Some(pm) = pm {
                let effect: Option<Vec<(usize, Num, Num, bool)>> = c
                    .sections
                    .iter()
                    .map(|&s| {
                        let (pt, mx, present) = pm[s];
                        if base_present[s] && !present {
                            return None; // never propose removing a section
                        }
                        Some((s, pt, mx, present))
                    })
                    .collect();
                if let Some(effect) = effect {
                    if c.seen.insert(effect.clone()) {
                        c.opts.push(Opt {
                            k: j,
                            effect,
                            changes,
                        });
                    }
                }
            }
            // odometer over candidates
            let mut pos = 0;
            loop {
                if pos == j {
                    break;
                }
                idx[pos] += 1;
                if idx[pos] < slots[c.members[subset[pos]]].cands.len() {
                    break;
                }
                idx[pos] = 0;
                pos += 1;
            }
            if pos == j {
                return true;
            }
        }
    }

    /// Whether component `c` is done whatever the depth asked: an option giving every rule of
    /// the component full points (its sections scored before and after) dominates every option
    /// with more changes, so a smallest set never uses those.
    fn saturated(&self, c: &Comp, slots: &[SlotCands], base_present: &[bool]) -> bool {
        let member_slots: Vec<usize> = c.members.iter().map(|&m| slots[m].slot).collect();
        c.sections.iter().all(|&s| base_present[s])
            && c.opts.iter().any(|o| {
                o.effect.iter().all(|&(s, pt, mx, present)| {
                    present
                        && Some((pt, mx))
                            == full_pm(self.p, self.deps, &self.base_outcome, &member_slots, s)
                })
            })
    }

    /// The base effect signature of a component (no change).
    pub(super) fn comp_base(
        &self,
        c: &Comp,
        baseline: &[(Num, Num)],
    ) -> Vec<(usize, Num, Num, bool)> {
        c.sections
            .iter()
            .map(|&s| {
                (
                    s,
                    baseline[s].0,
                    baseline[s].1,
                    self.base_scores[s].is_some(),
                )
            })
            .collect()
    }
}

/// Points and maximum of section `s` when every rule reading `members` scores full points and
/// the other rules score as in `o`.
fn full_pm(
    p: &Program,
    deps: &Deps,
    o: &UnitOutcome,
    members: &[usize],
    s: usize,
) -> Option<(Num, Num)> {
    let mut pm = (Num::ZERO, Num::ZERO);
    for &r in &p.sections[s].rules {
        let touched = members.iter().any(|&m| deps.slot_rules[m].contains(&r));
        let (pt, mx) = if touched {
            (p.rules[r].max, p.rules[r].max)
        } else {
            match o.rules[r].points {
                Some(pt) => (pt, p.rules[r].max),
                None => (Num::ZERO, Num::ZERO),
            }
        };
        pm = (pm.0.add(pt).ok()?, pm.1.add(mx).ok()?);
    }
    Some(pm)
}

/// Advances `subset` (ascending indices below `m`) to the next subset of its size in
/// lexicographic order; false after the last.
fn next_subset(subset: &mut [usize], m: usize) -> bool {
    let j = subset.len();
    let mut i = j;
    while i > 0 {
        i -= 1;
        if subset[i] < m - j + i {
            subset[i] += 1;
            for x in i + 1..j {
                subset[x] = subset[x - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// One component as the search built it (for tests): its questions with their numbers of
/// candidate answers, the depth its options are enumerated to, and the number of options.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CompSummary {
    pub questions: Vec<(String, usize)>,
    pub depth: usize,
    pub options: usize,
}

#[cfg(test)]
impl UnitSearch<'_> {
    /// The components built so far (empty before a search reached the component search).
    pub(super) fn components(&self) -> Vec<CompSummary> {
        let slots = self.slots.as_deref().unwrap_or(&[]);
        self.comps
            .as_deref()
            .unwrap_or(&[])
            .iter()
            .map(|c| CompSummary {
                questions: c
                    .members
                    .iter()
                    .map(|&m| {
                        let q = &self.p.schema.questions[slots[m].slot];
                        (q.id.clone(), slots[m].cands.len())
                    })
                    .collect(),
                depth: c.depth,
                options: c.opts.len(),
            })
            .collect()
    }
}
