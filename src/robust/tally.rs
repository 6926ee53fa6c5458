//! Counting what runs give: level histograms per unit, ranks, and how often redrawing one
//! input alone changes a unit's index level.

use super::engine::{Run, NONE};

/// Counts over a set of runs, each with a whole-number weight (1 when sampled; exhaustive
/// enumeration counts every combination once).
#[derive(Debug, Clone)]
pub struct Tally {
    pub n_levels: usize,
    pub n_sections: usize,
    pub runs: u64,
    /// `[unit][slot]`: slot = level (0..=n_levels), n_levels + 1 = no index.
    pub index_levels: Vec<Vec<u64>>,
    /// `[unit][section][slot]`
    pub section_levels: Vec<Vec<Vec<u64>>>,
    /// `[unit]`: the ranks seen (0 = no index), one per run.
    pub ranks: Vec<Vec<u32>>,
}

impl Tally {
    pub fn new(n_units: usize, n_sections: usize, n_levels: usize) -> Self {
        Tally {
            n_levels,
            n_sections,
            runs: 0,
            index_levels: vec![vec![0; n_levels + 2]; n_units],
            section_levels: vec![vec![vec![0; n_levels + 2]; n_sections]; n_units],
            ranks: vec![Vec::new(); n_units],
        }
    }

    pub fn slot(&self, level: u8) -> usize {
        if level == NONE {
            self.n_levels + 1
        } else {
            (level as usize).min(self.n_levels)
        }
    }

    pub fn add(&mut self, run: &Run) {
        self.runs += 1;
        for (u, &l) in run.index_level.iter().enumerate() {
            let slot = self.slot(l);
            self.index_levels[u][slot] += 1;
            for s in 0..self.n_sections {
                let slot = self.slot(run.section_level[u * self.n_sections + s]);
                self.section_levels[u][s][slot] += 1;
            }
            self.ranks[u].push(run.rank[u]);
        }
    }

    /// Adds another tally's counts (runs in order: `other`'s come after this one's).
    pub fn merge(&mut self, other: Tally) {
        self.runs += other.runs;
        for (a, b) in self.index_levels.iter_mut().zip(other.index_levels) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
        for (a, b) in self.section_levels.iter_mut().zip(other.section_levels) {
            for (sa, sb) in a.iter_mut().zip(b) {
                sa.iter_mut().zip(sb).for_each(|(x, y)| *x += y);
            }
        }
        for (a, b) in self.ranks.iter_mut().zip(other.ranks) {
            a.extend(b);
        }
    }
}

/// The two outputs whose variance the sensitivity indices split: the mean absolute rank shift
/// from the nominal ranks (over the units ranked in both), and the share of units whose index
/// level differs from the nominal one (a unit without an index counts as differing).
pub fn outputs(run: &Run, nominal: &Run) -> (f64, f64) {
    let mut shift = 0u64;
    let mut ranked = 0u64;
    let mut changed = 0u64;
    let mut with_index = 0u64;
    for u in 0..nominal.rank.len() {
        if nominal.rank[u] > 0 && run.rank[u] > 0 {
            shift += u64::from(nominal.rank[u].abs_diff(run.rank[u]));
            ranked += 1;
        }
        if nominal.index_level[u] != NONE {
            with_index += 1;
            if run.index_level[u] != nominal.index_level[u] {
                changed += 1;
            }
        }
    }
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(shift, ranked), ratio(changed, with_index))
}

/// The p-th percentile (0..=100) of sorted ranks by the nearest-rank method: the smallest value
/// with at least p % of the values at or below it.
pub fn nearest_rank(sorted: &[u32], p: u32) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len() as u64;
    let k = (u64::from(p) * n).div_ceil(100).max(1);
    sorted.get(k as usize - 1).copied()
}
