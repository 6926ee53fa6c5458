//! Decision-table analysis: each input column's values are cut into finitely many *atoms* (an
//! option, a point or an open interval between two bounds, or "missing"); every cell is then a set
//! of atoms, so shadowing, overlap and coverage are exact set questions over atom combinations,
//! answered by the cube algebra of [`super::cubes`] within a budget of steps. A question the
//! budget does not settle is answered "not proven" (`Err(NotProven)` / `None`), never guessed.

use super::cubes::{self, Budget, Explored};
use crate::hir::{Cell, HitPolicy, Interval, Ty};
use crate::num::Num;

/// Combinations enumerated at most for the bounds of a `sum` table (the only question still
/// answered by listing combinations). Documented in docs/language.md ("Limits").
pub const MAX_COMBOS: usize = 200_000;

/// Atoms a numeric column may have (besides "missing"): a cell is a 128-bit mask.
pub const MAX_ATOMS: usize = 127;

/// A proof that ran out of its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotProven;

/// One input column's atoms.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// Display text of each atom; the last one is "missing".
    pub atoms: Vec<String>,
    /// For numeric columns: a representative value of each non-missing atom.
    pub reps: Vec<Num>,
    pub numeric: bool,
}

impl Column {
    pub fn missing_bit(&self) -> u32 {
        (self.atoms.len() - 1) as u32
    }

    pub fn answered_mask(&self) -> u128 {
        let all = all_bits(self.atoms.len());
        all & !(1u128 << self.missing_bit())
    }
}

fn all_bits(n: usize) -> u128 {
    if n >= 128 {
        u128::MAX
    } else {
        (1u128 << n) - 1
    }
}

/// Builds the atoms of a choice or yes/no column.
pub fn choice_column(name: String, option_names: Vec<String>) -> Column {
    let mut atoms = option_names;
    atoms.push("missing".into());
    Column {
        name,
        atoms,
        reps: Vec::new(),
        numeric: false,
    }
}

/// Builds the atoms of a numeric column from the bounds its cells use and the value's domain.
/// `None` when there would be more than [`MAX_ATOMS`] atoms (the table is then not analysed).
pub fn numeric_column(
    name: String,
    cells: &[&Interval],
    lo: Option<Num>,
    hi: Option<Num>,
    integer: bool,
) -> Option<Column> {
    let mut points: Vec<Num> = Vec::new();
    for iv in cells {
        points.extend(iv.low.map(|b| b.0));
        points.extend(iv.high.map(|b| b.0));
    }
    points.extend(lo);
    points.extend(hi);
    points.sort();
    points.dedup();
    let domain = Interval {
        low: lo.map(|l| (l, true)),
        high: hi.map(|h| (h, true)),
    };
    let mut atoms = Vec::new();
    let mut reps = Vec::new();
    let mut push = |label: String, rep: Num| {
        if domain.contains(rep) {
            atoms.push(label);
            reps.push(rep);
        }
    };
    let one = Num::ONE;
    if let Some(&first) = points.first() {
        if let Ok(r) = first.sub(one) {
            push(format!("< {first}"), if integer { floor_int(r) } else { r });
        }
    }
    for (i, &p) in points.iter().enumerate() {
        if integer && !p.is_integer() {
            // not an integer: no answer can be exactly here
        } else {
            push(format!("{p}"), p);
        }
        if let Some(&next) = points.get(i + 1) {
            let rep = if integer {
                floor_int(p).add(one).ok()
            } else {
                p.add(next)
                    .ok()
                    .and_then(|s| s.div(Num::int(2)).ok().flatten())
            };
            if let Some(rep) = rep {
                if rep > p && rep < next {
                    push(format!("a value in ({p}, {next})"), rep);
                }
            }
        } else if let Ok(r) = p.add(one) {
            push(format!("> {p}"), if integer { floor_int(r) } else { r });
        }
    }
    if points.is_empty() {
        push("any number".into(), Num::ZERO);
    }
    if atoms.len() > MAX_ATOMS {
        return None;
    }
    atoms.push("missing".into());
    Some(Column {
        name,
        atoms,
        reps,
        numeric: true,
    })
}

fn floor_int(n: Num) -> Num {
    let (q, d) = (n.numer(), n.denom());
    Num::int(num_integer::Integer::div_floor(&q, &d))
}

/// The atoms a cell matches.
pub fn cell_mask(cell: &Cell, col: &Column) -> u128 {
    let all = all_bits(col.atoms.len());
    match cell {
        Cell::Any => all,
        Cell::Missing => 1u128 << col.missing_bit(),
        Cell::Answered => col.answered_mask(),
        Cell::Options { mask, negated } => {
            if *negated {
                col.answered_mask() & !mask
            } else {
                *mask & col.answered_mask()
            }
        }
        Cell::Range(iv) => {
            let mut m = 0u128;
            for (i, r) in col.reps.iter().enumerate() {
                if iv.contains(*r) {
                    m |= 1u128 << i;
                }
            }
            m
        }
    }
}

/// Iterates over the combinations of atoms allowed by per-column masks (at most `limit`).
/// Returns `false` from the callback to stop. Returns `false` if the limit cut it short.
fn for_each_combo(masks: &[u128], limit: usize, f: &mut dyn FnMut(&[u32]) -> bool) -> bool {
    let bits: Vec<Vec<u32>> = masks
        .iter()
        .map(|m| (0..128u32).filter(|b| m & (1u128 << b) != 0).collect())
        .collect();
    if bits.iter().any(Vec::is_empty) {
        return true;
    }
    let total: usize = bits
        .iter()
        .map(Vec::len)
        .try_fold(1usize, |a, b| a.checked_mul(b))
        .unwrap_or(usize::MAX);
    if total > limit {
        return false;
    }
    let mut idx = vec![0usize; bits.len()];
    let mut combo: Vec<u32> = bits.iter().map(|b| b[0]).collect();
    loop {
        if !f(&combo) {
            return true;
        }
        let mut c = bits.len();
        loop {
            if c == 0 {
                return true;
            }
            c -= 1;
            idx[c] += 1;
            if idx[c] < bits[c].len() {
                combo[c] = bits[c][idx[c]];
                break;
            }
            idx[c] = 0;
            combo[c] = bits[c][0];
        }
    }
}

fn matches(row: &[u128], combo: &[u32]) -> bool {
    row.iter().zip(combo).all(|(m, &a)| m & (1u128 << a) != 0)
}

fn refs(rows: &[Vec<u128>]) -> Vec<&[u128]> {
    rows.iter().map(Vec::as_slice).collect()
}

/// Renders a combination: `(q_a = full, q_b = missing)`.
pub fn describe(cols: &[Column], combo: &[u32]) -> String {
    let parts: Vec<String> = cols
        .iter()
        .zip(combo)
        .map(|(c, &a)| {
            let v = &c.atoms[a as usize];
            if c.numeric && (v.starts_with('<') || v.starts_with('>') || v.starts_with('a')) {
                format!("{} {}", c.name, v.trim_start_matches("a value in "))
            } else {
                format!("{} = {v}", c.name)
            }
        })
        .collect();
    format!("({})", parts.join(", "))
}

/// Whether a row of a first-hit table can fire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shadow {
    Fires,
    /// Never: every combination it matches is matched first by these earlier rows (none: the
    /// row matches nothing).
    Never(Vec<usize>),
    /// Not decided within the budget.
    Undecided,
}

/// For each row, whether some combination it matches reaches it under first hit, and if not,
/// the earlier rows that are first to match its combinations.
pub fn shadowed(rows: &[Vec<u128>], budget: &mut Budget) -> Vec<Shadow> {
    let all = refs(rows);
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        // fast path: one earlier row whose cells all contain this row's cells
        if let Some(e) = (0..r).find(|&e| rows[e].iter().zip(row).all(|(a, b)| b & !a == 0)) {
            out.push(Shadow::Never(vec![e]));
            continue;
        }
        out.push(match cubes::explore(row, &all[..r], budget) {
            Explored::Point(_) => Shadow::Fires,
            Explored::Empty(by) => Shadow::Never(by),
            Explored::OutOfBudget => Shadow::Undecided,
        });
    }
    out
}

/// Pairs of rows matching a common combination, with one such combination.
pub fn overlaps(rows: &[Vec<u128>]) -> Vec<(usize, usize, Vec<u32>)> {
    let mut out = Vec::new();
    for b in 0..rows.len() {
        for a in 0..b {
            let common: Vec<u128> = rows[a].iter().zip(&rows[b]).map(|(x, y)| x & y).collect();
            if common.iter().all(|m| *m != 0) {
                let combo = common.iter().map(|m| m.trailing_zeros()).collect();
                out.push((a, b, combo));
                break; // one report per row is enough
            }
        }
    }
    out
}

/// The first combination of answered values (no missing atoms) that no row matches.
pub fn uncovered(
    cols: &[Column],
    rows: &[Vec<u128>],
    budget: &mut Budget,
) -> Result<Option<Vec<u32>>, NotProven> {
    let answered: Vec<u128> = cols.iter().map(Column::answered_mask).collect();
    match cubes::explore(&answered, &refs(rows), budget) {
        Explored::Point(p) => Ok(Some(p)),
        Explored::Empty(_) => Ok(None),
        Explored::OutOfBudget => Err(NotProven),
    }
}

/// The lowest and highest points the table can give over every combination of input atoms
/// (missing included), and whether some combination matches no row. `None` when that was not
/// proven within the budget (or, for `sum`, there are more than [`MAX_COMBOS`] combinations).
///
/// Under `first` and `unique` the points of a row are given when some combination reaches it
/// first; under `max` (`min`) likewise with the rows ordered by points, highest (lowest) first.
/// `shadow`: which rows fire under first hit, when [`shadowed`] has found it already (used
/// only for `first` and `unique`).
pub fn outcome_bounds(
    policy: HitPolicy,
    cols: &[Column],
    rows: &[Vec<u128>],
    points: &[Num],
    shadow: Option<&[Shadow]>,
    budget: &mut Budget,
) -> Option<(Option<(Num, Num)>, bool)> {
    let universe: Vec<u128> = cols.iter().map(|c| all_bits(c.atoms.len())).collect();
    if policy == HitPolicy::Sum {
        return sum_bounds(&universe, rows, points);
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    match policy {
        HitPolicy::Max => order.sort_by(|&a, &b| points[b].cmp(&points[a])),
        HitPolicy::Min => order.sort_by(|&a, &b| points[a].cmp(&points[b])),
        _ => {}
    }
    let ordered: Vec<&[u128]> = order.iter().map(|&r| rows[r].as_slice()).collect();
    let no_match = match cubes::explore(&universe, &ordered, budget) {
        Explored::Point(_) => true,
        Explored::Empty(_) => false,
        Explored::OutOfBudget => return None,
    };
    let fires: Vec<Option<bool>> = match shadow {
        Some(s) if matches!(policy, HitPolicy::First | HitPolicy::Unique) => s
            .iter()
            .map(|s| match s {
                Shadow::Fires => Some(true),
                Shadow::Never(_) => Some(false),
                Shadow::Undecided => None,
            })
            .collect(),
        _ => cubes::reachable(&ordered, budget),
    };
    let mut bounds: Option<(Num, Num)> = None;
    for (i, fires) in fires.into_iter().enumerate() {
        if fires? {
            let v = points[order[i]];
            bounds = Some(bounds.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
    }
    Some((bounds, no_match))
}

/// [`outcome_bounds`] of a `sum` table, by listing the combinations (at most [`MAX_COMBOS`]).
fn sum_bounds(
    universe: &[u128],
    rows: &[Vec<u128>],
    points: &[Num],
) -> Option<(Option<(Num, Num)>, bool)> {
    let mut bounds: Option<(Num, Num)> = None;
    let mut no_match = false;
    let mut overflow = false;
    let complete = for_each_combo(universe, MAX_COMBOS, &mut |combo| {
        let mut hit: Option<Num> = None;
        for (r, p) in rows.iter().zip(points) {
            if matches(r, combo) {
                hit = Some(match hit {
                    None => *p,
                    Some(h) => h.add(*p).unwrap_or_else(|_| {
                        overflow = true;
                        h
                    }),
                });
            }
        }
        match hit {
            Some(v) => {
                bounds = Some(bounds.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
            }
            None => no_match = true,
        }
        true
    });
    (complete && !overflow).then_some((bounds, no_match))
}

/// True if the type can be a table input.
pub fn table_input(ty: Ty) -> bool {
    matches!(ty, Ty::Num | Ty::Bool | Ty::Choice(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_atoms_split_at_bounds() {
        let a = Interval {
            low: None,
            high: Some((Num::int(10), false)),
        };
        let b = Interval {
            low: Some((Num::int(10), true)),
            high: Some((Num::int(100), true)),
        };
        let col = numeric_column("n".into(), &[&a, &b], None, None, true).unwrap();
        // < 10, 10, (10,100), 100, > 100, missing
        assert_eq!(col.atoms.len(), 6);
        assert_eq!(cell_mask(&Cell::Range(a), &col), 0b1);
        assert_eq!(cell_mask(&Cell::Range(b), &col), 0b1110);
        let rows = vec![
            vec![cell_mask(&Cell::Range(a), &col)],
            vec![cell_mask(&Cell::Range(b), &col)],
        ];
        let gap = uncovered(std::slice::from_ref(&col), &rows, &mut Budget::standard())
            .unwrap()
            .unwrap();
        assert_eq!(col.atoms[gap[0] as usize], "> 100");
    }

    #[test]
    fn shadowing_by_union_of_rows() {
        // column with options a, b (+missing): row0 = a, row1 = b, row2 = a|b -> shadowed by 0 and 1
        let rows = vec![vec![0b001], vec![0b010], vec![0b011]];
        let s = shadowed(&rows, &mut Budget::standard());
        assert_eq!(s[0], Shadow::Fires);
        assert_eq!(s[1], Shadow::Fires);
        assert_eq!(s[2], Shadow::Never(vec![0, 1]));
    }

    #[test]
    fn a_proof_out_of_budget_says_so() {
        let col = choice_column("q".into(), vec!["a".into(), "b".into(), "c".into()]);
        let cols = [col.clone(), col];
        let rows = vec![vec![0b001, 0b111], vec![0b010, 0b111], vec![0b011, 0b011]];
        let tiny = || Budget::new(2);
        assert_eq!(shadowed(&rows, &mut tiny())[2], Shadow::Undecided);
        assert_eq!(uncovered(&cols, &rows, &mut tiny()), Err(NotProven));
        let points = [Num::ONE, Num::ONE, Num::ONE];
        assert_eq!(
            outcome_bounds(HitPolicy::First, &cols, &rows, &points, None, &mut tiny()),
            None
        );
        // with the standard budget every answer is known
        let s = shadowed(&rows, &mut Budget::standard());
        assert_eq!(s[2], Shadow::Never(vec![0, 1]));
        let gap = uncovered(&cols, &rows, &mut Budget::standard()).unwrap();
        assert_eq!(gap, Some(vec![2, 0]));
    }

    #[test]
    fn max_and_min_bounds_order_rows_by_points() {
        // one column a|b|c (+missing): row 0 = any => 1, row 1 = a => 5
        let col = choice_column("q".into(), vec!["a".into(), "b".into(), "c".into()]);
        let cols = [col];
        let rows = vec![vec![0b1111], vec![0b0001]];
        let points = [Num::int(1), Num::int(5)];
        let b = |p| outcome_bounds(p, &cols, &rows, &points, None, &mut Budget::standard());
        let (one, five) = (Num::int(1), Num::int(5));
        assert_eq!(b(HitPolicy::Max), Some((Some((one, five)), false)));
        // under min row 1 never decides: every answer it matches gets 1
        assert_eq!(b(HitPolicy::Min), Some((Some((one, one)), false)));
        assert_eq!(b(HitPolicy::First), Some((Some((one, one)), false)));
        assert_eq!(b(HitPolicy::Sum), Some((Some((one, Num::int(6))), false)));
    }
}
