//! Scoring a few changed answers without a full evaluation: re-evaluating only the rules that
//! read the changed questions (and the presence of the sections they decide), and adding up the
//! effects of private changes measured one at a time.

use super::{Scores, UnitSearch};
use crate::num::Num;
use crate::value::Value;

pub(super) fn pm_scores(pm: &[(Num, Num, bool)]) -> Scores {
    pm.iter()
        .map(|&(p, m, present)| present.then_some((p, m)))
        .collect()
}

/// Base scores plus the effects of private changes (each measured alone against the base).
pub(super) fn d_add<'s>(base: &Scores, cands: impl Iterator<Item = &'s Scores>) -> Option<Scores> {
    let mut out = base.clone();
    for c in cands {
        for (cur, (b, x)) in out.iter_mut().zip(base.iter().zip(c)) {
            if b == x {
                continue;
            }
            let (Some((bp, bm)), Some((xp, xm)), Some((op, om))) = (b, x, cur.as_mut()) else {
                return None;
            };
            *op = op.add(xp.sub(*bp).ok()?).ok()?;
            *om = om.add(xm.sub(*bm).ok()?).ok()?;
        }
    }
    Some(out)
}

impl UnitSearch<'_> {
    /// Points and maximum of each section's included rules at the base answers (also for
    /// sections without a score: what they would score if they had one).
    pub(super) fn baseline(&self) -> Vec<(Num, Num)> {
        self.baseline_pm.clone()
    }

    /// Scores after `changes`, re-evaluating only the rules that read the changed questions;
    /// `None` when the answers break a constraint (a set of changes is a whole).
    pub(super) fn partial(&mut self, changes: &[(usize, Value)]) -> Option<Vec<(Num, Num, bool)>> {
        self.partial_with(changes, true)
    }

    /// Scores after one change, the constraints not checked: a candidate answer that breaks a
    /// constraint another change could mend stays a candidate (see `admissible`).
    pub(super) fn partial_alone(
        &mut self,
        change: (usize, Value),
    ) -> Option<Vec<(Num, Num, bool)>> {
        self.partial_with(&[change], false)
    }

    fn partial_with(
        &mut self,
        changes: &[(usize, Value)],
        check: bool,
    ) -> Option<Vec<(Num, Num, bool)>> {
        let mut rules = std::mem::take(&mut self.rules_scratch);
        rules.clear();
        for c in changes {
            rules.extend_from_slice(&self.deps.slot_rules[c.0]);
        }
        rules.sort_unstable();
        rules.dedup();
        let mut secs: Vec<usize> = rules.iter().map(|&r| self.p.rules[r].section).collect();
        for c in changes {
            for (t, d) in self.deps.presence.iter().enumerate() {
                if d.contains(&c.0) {
                    secs.push(t);
                }
            }
        }
        secs.sort_unstable();
        secs.dedup();
        for &(s, v) in changes {
            self.work[s] = v;
        }
        self.evaluations += 1;
        let mut pts = std::mem::take(&mut self.points_scratch);
        let mut changed = std::mem::take(&mut self.changed_scratch);
        changed.clear();
        changed.extend(changes.iter().map(|c| c.0));
        let mut ok = self
            .ev
            .eval_rules(&self.work, &changed, &rules, &mut pts)
            .is_ok();
        // answers that break a constraint are not an option (each change alone was checked
        // when it became a candidate: only tied changes can break one together)
        if check && ok && changes.iter().any(|&(s, _)| self.ties.tied[s]) {
            let mut which: Vec<usize> = changes
                .iter()
                .flat_map(|&(s, _)| self.ties.watch[s].iter().copied())
                .collect();
            which.sort_unstable();
            which.dedup();
            let mut broken = Vec::new();
            ok = self.ev.last_violations_of(&which, &mut broken).is_ok() && broken.is_empty();
        }
        self.changed_scratch = changed;
        for &(s, _) in changes {
            self.work[s] = self.base[s];
        }
        let mut out: Vec<(Num, Num, bool)> = self
            .baseline_pm
            .iter()
            .zip(&self.base_scores)
            .map(|(pm, sc)| (pm.0, pm.1, sc.is_some()))
            .collect();
        let mut fine = ok;
        if ok {
            for (i, &r) in rules.iter().enumerate() {
                let s = self.p.rules[r].section;
                let max = self.p.rules[r].max;
                let old = self.base_outcome.rules[r]
                    .points
                    .map_or((Num::ZERO, Num::ZERO), |p| (p, max));
                let new = pts[i].map_or((Num::ZERO, Num::ZERO), |p| (p, max));
                let upd = out[s]
                    .0
                    .add(new.0)
                    .and_then(|x| x.sub(old.0))
                    .and_then(|p| {
                        out[s]
                            .1
                            .add(new.1)
                            .and_then(|x| x.sub(old.1))
                            .map(|m| (p, m))
                    });
                match upd {
                    Ok((p, m)) => {
                        out[s].0 = p;
                        out[s].1 = m;
                    }
                    Err(_) => fine = false,
                }
            }
            for &s in &secs {
                match self.ev.section_applicable(s) {
                    Ok(app) => out[s].2 = app && !out[s].1.is_zero(),
                    Err(_) => fine = false,
                }
            }
        }
        self.rules_scratch = rules;
        self.points_scratch = pts;
        fine.then_some(out)
    }
}
