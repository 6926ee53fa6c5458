//! Exact set algebra over *cubes*, for the decision-table proofs of [`super::tables`].
//!
//! A table's input columns are cut into atoms (see `tables`); a row matches one set of atoms per
//! column, so the answers a row matches form a cube: the product of its per-column atom masks.
//! The questions the checker asks — is some combination matched by no row, can a row ever be the
//! first to match, which earlier rows take its place — are questions about a cube minus a union
//! of cubes. They are answered without listing combinations: a cube minus a row splits into at
//! most one disjoint cube per column, and only the pieces that still meet a later row are split
//! further. The pieces are explored lowest combination first, so the first piece that meets no
//! row holds the lowest uncovered combination (the one the enumeration used to report).
//!
//! The work is bounded by a [`Budget`] of steps (a piece tested against a row, or a piece made);
//! when it runs out the answer is [`Explored::OutOfBudget`] and the checker says which property
//! it could not prove, never silently nothing.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// Steps one proof may take (a piece tested against a row, or a piece made): about 0.2 s of work
/// in a release build, so that the two proofs of a table stay well within a second. Documented
/// in docs/language.md ("Limits").
pub const MAX_STEPS: u64 = 10_000_000;

/// The steps left to a proof.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    left: u64,
}

impl Budget {
    pub fn new(steps: u64) -> Budget {
        Budget { left: steps }
    }

    /// The standard budget of one proof, [`MAX_STEPS`].
    pub fn standard() -> Budget {
        Budget::new(MAX_STEPS)
    }

    /// Takes `n` steps; `false` when there are not that many left.
    fn spend(&mut self, n: u64) -> bool {
        match self.left.checked_sub(n) {
            Some(l) => {
                self.left = l;
                true
            }
            None => {
                self.left = 0;
                false
            }
        }
    }
}

/// What is left of a cube once some rows are taken away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Explored {
    /// Nothing: the rows cover the cube. The rows (positions in the slice given) that were
    /// first to match some combination of it, ascending.
    Empty(Vec<usize>),
    /// The lowest combination (an atom per column) that no row matches.
    Point(Vec<u32>),
    /// The budget ran out before the answer was known.
    OutOfBudget,
}

/// True when two cubes share a combination.
pub fn meets(a: &[u128], b: &[u128]) -> bool {
    a.iter().zip(b).all(|(x, y)| x & y != 0)
}

/// The lowest combination of a non-empty cube: the lowest atom of each column.
fn lowest(cube: &[u128]) -> Vec<u32> {
    cube.iter().map(|m| m.trailing_zeros()).collect()
}

/// Takes `rows` (in order) away from `cube`. Rows are tried in order, so under a first-hit
/// policy [`Explored::Empty`] lists the rows that are first to match some part of the cube.
pub fn explore(cube: &[u128], rows: &[&[u128]], budget: &mut Budget) -> Explored {
    if cube.contains(&0) {
        return Explored::Empty(Vec::new());
    }
    // (lowest combination, piece, first row that may still meet it), lowest first
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((lowest(cube), cube.to_vec(), 0usize)));
    let mut first = BTreeSet::new();
    while let Some(Reverse((low, piece, from))) = heap.pop() {
        let mut hit = None;
        for (r, row) in rows.iter().enumerate().skip(from) {
            if !budget.spend(1) {
                return Explored::OutOfBudget;
            }
            if meets(&piece, row) {
                hit = Some(r);
                break;
            }
        }
        let Some(r) = hit else {
            return Explored::Point(low);
        };
        // the piece misses every row before `r`: where it meets row `r`, `r` is first
        first.insert(r);
        let row = rows[r];
        let mut rest = piece;
        for c in 0..rest.len() {
            let outside = rest[c] & !row[c];
            if outside != 0 {
                if !budget.spend(1) {
                    return Explored::OutOfBudget;
                }
                let mut part = rest.clone();
                part[c] = outside;
                heap.push(Reverse((lowest(&part), part, r + 1)));
                rest[c] &= row[c];
            }
        }
    }
    Explored::Empty(first.into_iter().collect())
}

/// For each row, whether it can be the first to match some combination (rows taken in the
/// order given): `Some(true)` it can, `Some(false)` it never can, `None` not decided (budget).
pub fn reachable(rows: &[&[u128]], budget: &mut Budget) -> Vec<Option<bool>> {
    (0..rows.len())
        .map(|r| match explore(rows[r], &rows[..r], budget) {
            Explored::Point(_) => Some(true),
            Explored::Empty(_) => Some(false),
            Explored::OutOfBudget => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cube_minus_rows() {
        // two columns of atoms {0, 1, 2}
        let all = [0b111u128, 0b111];
        let left = [0b001u128, 0b111];
        let right = [0b110u128, 0b011];
        let mut b = Budget::standard();
        assert_eq!(
            explore(&all, &[&left, &right], &mut b),
            Explored::Point(vec![1, 2])
        );
        let rest = [0b110u128, 0b100];
        assert_eq!(
            explore(&all, &[&left, &right, &rest], &mut b),
            Explored::Empty(vec![0, 1, 2])
        );
        // the rows that take part: `rest` is never reached for the left column
        assert_eq!(
            explore(&left, &[&left, &right, &rest], &mut b),
            Explored::Empty(vec![0])
        );
    }

    #[test]
    fn out_of_budget_is_said() {
        let all = [0b111u128, 0b111];
        let left = [0b001u128, 0b111];
        assert_eq!(
            explore(&all, &[&left], &mut Budget::new(1)),
            Explored::OutOfBudget
        );
    }

    #[test]
    fn many_columns_are_not_enumerated() {
        // 30 columns of 10 options: 10^30 combinations; one row covers all but one option of
        // the last column
        let mut row = vec![(1u128 << 10) - 1; 30];
        row[29] = (1u128 << 9) - 1;
        let all = vec![(1u128 << 10) - 1; 30];
        let mut gap = vec![0u32; 30];
        gap[29] = 9;
        let mut b = Budget::standard();
        assert_eq!(explore(&all, &[&row], &mut b), Explored::Point(gap));
    }
}
