//! Sampling designs on the unit hypercube [0, 1)^d from an Owen-scrambled Sobol' sequence.
//!
//! The sequence is `sobol_burley`'s (Burley 2020, "Practical Hash-based Owen Scrambling", JCGT
//! 9(4), with the Joe–Kuo direction numbers): seedable, at most 2^16 points ([`MAX_POINTS`]) in at
//! most 256 dimensions ([`MAX_DIMENSIONS`]).
//!
//! **Exact values.** The crate turns the top 23 bits of a scrambled 32-bit integer into an `f32`
//! by placing them in the mantissa of a number in [1, 2) and subtracting 1 (exact by Sterbenz's
//! lemma), so every coordinate is k / 2^23 for an integer 0 ≤ k < 2^23 ([`BITS`]); [`as_ratio`]
//! recovers k, and the tests check it for every sampled value. Such a number has a finite
//! decimal expansion of at most 23 digits after the point, which [`Design::write_csv`] prints in
//! full: any correctly rounding parser (Rust's, Python's `float`, numpy's) reads back exactly the
//! same number, in `f32` or `f64`.
//!
//! **Saltelli's design** ([`Design::saltelli`], Saltelli 2002; Saltelli et al. 2010): base points
//! j = 0..n of the 2d-dimensional sequence, A_j = dimensions 0..d and B_j = dimensions d..2d; for
//! each j the rows are A_j, then AB_j^(i) for i = 1..d (A_j with column i taken from B_j), then
//! B_j — n·(d + 2) rows, the layout of SALib's `sample.sobol.sample` (and the older
//! `sample.saltelli.sample`) with `calc_second_order=False`, which `stats::sobol_indices` reads.
//!
//! The balance properties of a Sobol' sequence hold for powers of two: prefer n = 2^m.

use std::io::{self, Write};

/// Bits of every coordinate: each is k / 2^`BITS` with k < 2^`BITS`.
pub const BITS: u32 = 23;

/// The most points (base points of a Saltelli design) the sequence gives: indices 0..2^16.
pub const MAX_POINTS: usize = 1 << 16;

/// The most dimensions of the sequence; a Saltelli design uses 2d of them, so d ≤ 128.
pub const MAX_DIMENSIONS: usize = sobol_burley::NUM_DIMENSIONS as usize;

/// Why a design cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DesignError {
    #[error("a design needs at least one input (d = 0)")]
    NoInputs,
    #[error("a design needs at least one point (n = 0)")]
    NoPoints,
    #[error("{d} inputs need {dims} dimensions of the Sobol' sequence; it has {max}")]
    TooManyInputs { d: usize, dims: usize, max: usize },
    #[error("{n} points asked for; the Sobol' sequence gives at most {max}")]
    TooManyPoints { n: usize, max: usize },
    #[error("a design of {n} points in {d} inputs has too many values to hold")]
    TooLarge { n: usize, d: usize },
}

/// What the rows of a [`Design`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// n·(d + 2) rows: per base point A, AB^(1..d), B ([`Design::saltelli`]).
    Saltelli,
    /// n rows, one per point ([`Design::points`]).
    Points,
}

/// A matrix of points in [0, 1)^d, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    /// Base points (for [`Layout::Points`], the rows).
    pub n: usize,
    /// Inputs: the columns.
    pub d: usize,
    /// How the rows are laid out.
    pub layout: Layout,
    rows: Vec<f32>,
}

impl Design {
    /// Saltelli's design for first-order and total indices: n·(d + 2) rows (see the module doc).
    pub fn saltelli(n: usize, d: usize, seed: u32) -> Result<Design, DesignError> {
        let dims = d.checked_mul(2).ok_or(DesignError::TooLarge { n, d })?;
        check(n, d, dims)?;
        let values = n
            .checked_mul(d + 2)
            .and_then(|rows| rows.checked_mul(d))
            .ok_or(DesignError::TooLarge { n, d })?;
        let mut rows = Vec::with_capacity(values);
        let mut a = vec![0f32; d];
        let mut b = vec![0f32; d];
        for j in 0..n {
            // `check` bounds n by 2^16 and 2d by 256: the casts are lossless.
            for i in 0..d {
                a[i] = sobol_burley::sample(j as u32, i as u32, seed);
                b[i] = sobol_burley::sample(j as u32, (d + i) as u32, seed);
            }
            rows.extend_from_slice(&a);
            for i in 0..d {
                let start = rows.len();
                rows.extend_from_slice(&a);
                rows[start + i] = b[i];
            }
            rows.extend_from_slice(&b);
        }
        Ok(Design {
            n,
            d,
            layout: Layout::Saltelli,
            rows,
        })
    }

    /// n quasi-random points in [0, 1)^d, for plain uncertainty analysis. They are the A rows of
    /// `saltelli(n, d, seed)`: the first d dimensions of the same sequence.
    pub fn points(n: usize, d: usize, seed: u32) -> Result<Design, DesignError> {
        check(n, d, d)?;
        let values = n.checked_mul(d).ok_or(DesignError::TooLarge { n, d })?;
        let mut rows = Vec::with_capacity(values);
        for j in 0..n {
            rows.extend((0..d).map(|i| sobol_burley::sample(j as u32, i as u32, seed)));
        }
        Ok(Design {
            n,
            d,
            layout: Layout::Points,
            rows,
        })
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len() / self.d.max(1)
    }

    /// Whether there are no rows (never, for a design made by [`Design::saltelli`] or
    /// [`Design::points`]).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row `r` (d values), or `None` past the end.
    pub fn row(&self, r: usize) -> Option<&[f32]> {
        let start = r.checked_mul(self.d)?;
        self.rows.get(start..start.checked_add(self.d)?)
    }

    /// The rows in order.
    pub fn rows(&self) -> impl Iterator<Item = &[f32]> + '_ {
        self.rows.chunks_exact(self.d.max(1))
    }

    /// The matrix as CSV: a header `x1,…,xd`, then one line per row, each value as the exact
    /// decimal of k / 2^23 (see the module doc).
    pub fn write_csv<W: Write>(&self, mut w: W) -> io::Result<()> {
        let header: Vec<String> = (1..=self.d).map(|i| format!("x{i}")).collect();
        writeln!(w, "{}", header.join(","))?;
        let mut line = String::new();
        for row in self.rows() {
            line.clear();
            for (i, &u) in row.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                push_exact(&mut line, u);
            }
            line.push('\n');
            w.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

fn check(n: usize, d: usize, dims: usize) -> Result<(), DesignError> {
    if d == 0 {
        return Err(DesignError::NoInputs);
    }
    if n == 0 {
        return Err(DesignError::NoPoints);
    }
    if dims > MAX_DIMENSIONS {
        return Err(DesignError::TooManyInputs {
            d,
            dims,
            max: MAX_DIMENSIONS,
        });
    }
    if n > MAX_POINTS {
        return Err(DesignError::TooManyPoints { n, max: MAX_POINTS });
    }
    Ok(())
}

/// The numerator k of `u` = k / 2^[`BITS`], or `None` when `u` is not such a number in [0, 1).
pub fn as_ratio(u: f32) -> Option<u32> {
    if !(0.0..1.0).contains(&u) {
        return None;
    }
    // Scaling by a power of two is exact in f64, and so is the integer test below.
    let scaled = f64::from(u) * f64::from(1u32 << BITS);
    (scaled.fract() == 0.0).then_some(scaled as u32)
}

/// The exact decimal of `u` (k / 2^23 = k·5^23 / 10^23), shortest form: `0`, `0.5`,
/// `0.0000001192092895507812`…; a value that is not k / 2^23 in [0, 1) falls back to the shortest
/// `f64` text that reads back as the same number.
pub fn exact_decimal(u: f32) -> String {
    let mut s = String::new();
    push_exact(&mut s, u);
    s
}

fn push_exact(out: &mut String, u: f32) {
    let Some(k) = as_ratio(u) else {
        out.push_str(&f64::from(u).to_string());
        return;
    };
    if k == 0 {
        out.push('0');
        return;
    }
    let digits = u128::from(k) * 5u128.pow(BITS);
    let text = format!("{digits:0width$}", width = BITS as usize);
    out.push_str("0.");
    out.push_str(text.trim_end_matches('0'));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_an_exact_multiple_of_2_to_the_minus_23() {
        for seed in [0, 1, 2022] {
            let design = Design::saltelli(4096, 8, seed).unwrap();
            for row in design.rows() {
                for &u in row {
                    let k = as_ratio(u).unwrap_or_else(|| panic!("{u} is not k/2^23"));
                    assert!(k < 1 << BITS);
                    assert_eq!(f64::from(k) / f64::from(1u32 << BITS), f64::from(u));
                }
            }
        }
        // And the bits are all used: some value needs the 23rd bit.
        let design = Design::points(1024, 4, 5).unwrap();
        assert!(design
            .rows()
            .flatten()
            .any(|&u| as_ratio(u).unwrap() % 2 == 1));
    }

    #[test]
    fn as_ratio_rejects_what_is_not_k_over_2_to_the_23() {
        assert_eq!(as_ratio(0.0), Some(0));
        assert_eq!(as_ratio(0.5), Some(1 << 22));
        assert_eq!(as_ratio(1.0), None);
        assert_eq!(as_ratio(-0.25), None);
        assert_eq!(as_ratio(f32::NAN), None);
        assert_eq!(as_ratio(1e-30), None);
        assert_eq!(as_ratio(f32::from_bits(1)), None);
    }

    #[test]
    fn exact_decimals_read_back_as_the_same_number() {
        assert_eq!(exact_decimal(0.0), "0");
        assert_eq!(exact_decimal(0.5), "0.5");
        assert_eq!(exact_decimal(0.75), "0.75");
        let tiny = 1.0 / (1u32 << 23) as f32;
        assert_eq!(exact_decimal(tiny), "0.00000011920928955078125");
        let design = Design::saltelli(256, 5, 9).unwrap();
        for &u in design.rows().flatten() {
            let text = exact_decimal(u);
            assert_eq!(text.parse::<f64>().unwrap(), f64::from(u), "{text}");
            assert_eq!(text.parse::<f32>().unwrap(), u, "{text}");
        }
        assert_eq!(exact_decimal(1.5), "1.5");
    }

    #[test]
    fn saltelli_rows_are_a_then_ab_then_b() {
        let (n, d) = (64, 4);
        let design = Design::saltelli(n, d, 3).unwrap();
        assert_eq!(design.len(), n * (d + 2));
        let plain = Design::points(n, d, 3).unwrap();
        for j in 0..n {
            let base = j * (d + 2);
            let a = design.row(base).unwrap();
            let b = design.row(base + d + 1).unwrap();
            assert_eq!(a, plain.row(j).unwrap());
            for i in 0..d {
                let ab = design.row(base + 1 + i).unwrap();
                for c in 0..d {
                    assert_eq!(ab[c], if c == i { b[c] } else { a[c] });
                }
            }
            for (i, &v) in b.iter().enumerate() {
                assert_eq!(v, sobol_burley::sample(j as u32, (d + i) as u32, 3));
            }
        }
        assert_eq!(design.row(design.len()), None);
        assert_eq!(design.row(usize::MAX), None);
    }

    #[test]
    fn a_seed_fixes_the_rows() {
        let a = Design::saltelli(128, 3, 7).unwrap();
        assert_eq!(a, Design::saltelli(128, 3, 7).unwrap());
        assert_ne!(a.rows, Design::saltelli(128, 3, 8).unwrap().rows);
    }

    #[test]
    fn points_are_stratified() {
        // The first 2^m points of a (scrambled) Sobol' sequence put one point in each of the 2^m
        // intervals [k/2^m, (k+1)/2^m) of every single dimension.
        let design = Design::points(256, 6, 11).unwrap();
        for dim in 0..6 {
            let mut cells: Vec<usize> = design.rows().map(|r| (r[dim] * 256.0) as usize).collect();
            cells.sort_unstable();
            assert_eq!(cells, (0..256).collect::<Vec<_>>(), "dimension {dim}");
        }
    }

    #[test]
    fn bad_sizes_are_errors() {
        assert_eq!(Design::saltelli(8, 0, 0), Err(DesignError::NoInputs));
        assert_eq!(Design::saltelli(0, 2, 0), Err(DesignError::NoPoints));
        assert_eq!(
            Design::saltelli(8, 129, 0),
            Err(DesignError::TooManyInputs {
                d: 129,
                dims: 258,
                max: 256
            })
        );
        assert!(Design::saltelli(8, 128, 0).is_ok());
        assert!(Design::points(8, 256, 0).is_ok());
        assert!(Design::points(8, 257, 0).is_err());
        assert_eq!(
            Design::saltelli(MAX_POINTS + 1, 2, 0),
            Err(DesignError::TooManyPoints {
                n: MAX_POINTS + 1,
                max: MAX_POINTS
            })
        );
        assert!(Design::saltelli(usize::MAX, usize::MAX, 0).is_err());
        assert!(Design::points(usize::MAX, 3, 0).is_err());
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_row() {
        let design = Design::saltelli(4, 2, 1).unwrap();
        let mut out = Vec::new();
        design.write_csv(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "x1,x2");
        assert_eq!(lines.len(), 1 + 4 * 4);
        for (line, row) in lines[1..].iter().zip(design.rows()) {
            let values: Vec<f32> = line.split(',').map(|v| v.parse().unwrap()).collect();
            assert_eq!(values, row);
        }
    }
}
