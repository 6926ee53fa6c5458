//! Exact numbers: every score, weight, threshold and numeric answer is a rational number.
//!
//! Arithmetic is checked: an overflow is an error, never a wrong value or a panic.

use num_integer::Integer;
use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, Zero};
use std::fmt;
use std::str::FromStr;

/// An exact rational number.
///
/// Stored as a reduced `Ratio<i128>` (positive denominator). The arithmetic and the ordering have
/// fast paths for the common case of numerators and denominators that fit in 64 bits (products
/// then fit in 128 bits, and the reduction uses a 64-bit gcd); results are the same exact values.
#[derive(Clone, Copy, Default)]
pub struct Num(Ratio<i128>);

// Every `Num` is reduced with a positive denominator, so two are equal exactly when their parts
// are (`Ratio`'s own `==` goes through its general ordering, which divides).
impl PartialEq for Num {
    #[inline]
    fn eq(&self, o: &Num) -> bool {
        self.numer() == o.numer() && self.denom() == o.denom()
    }
}

impl Eq for Num {}

impl std::hash::Hash for Num {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.numer().hash(h);
        self.denom().hash(h);
    }
}

/// `n` fits in an `i64`.
#[inline]
fn small(n: i128) -> bool {
    n as i64 as i128 == n
}

impl PartialOrd for Num {
    #[inline]
    fn partial_cmp(&self, o: &Num) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Num {
    /// The rational order (as `Ratio`), without divisions when the parts fit in 64 bits.
    #[inline]
    fn cmp(&self, o: &Num) -> std::cmp::Ordering {
        let (a, b, c, d) = (self.numer(), self.denom(), o.numer(), o.denom());
        if b == d {
            return a.cmp(&c);
        }
        if small(a) && small(b) && small(c) && small(d) {
            // denominators are positive
            return (a * d).cmp(&(c * b));
        }
        self.0.cmp(&o.0)
    }
}

/// How a number is rounded to a number of decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    HalfUp,
    HalfEven,
}

/// Arithmetic left the range of exact numbers (128-bit numerator and denominator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// The arithmetic methods are checked: they return `Err(Overflow)` instead of wrapping or
/// panicking, which is why they are not the `std::ops` traits.
#[allow(clippy::should_implement_trait)]
impl Num {
    pub const ZERO: Num = Num(Ratio::new_raw(0, 1));
    pub const ONE: Num = Num(Ratio::new_raw(1, 1));
    pub const HUNDRED: Num = Num(Ratio::new_raw(100, 1));

    pub fn int(n: i128) -> Num {
        Num(Ratio::from_integer(n))
    }

    /// `n / d`; `None` when `d` is 0.
    pub fn frac(n: i128, d: i128) -> Option<Num> {
        if d == 0 {
            None
        } else if d > 0 {
            Some(Num::reduced(n, d))
        } else {
            Some(Num(Ratio::new(n, d)))
        }
    }

    /// `mantissa / 10^scale` (a decimal read from text: `-12.5` is `decimal(-125, 1)`);
    /// `None` when `scale > 18`.
    pub fn decimal(mantissa: i64, scale: u32) -> Option<Num> {
        if scale == 0 {
            return Some(Num::int(i128::from(mantissa)));
        }
        let d = 10i64.checked_pow(scale)?;
        Some(Num::reduced(i128::from(mantissa), i128::from(d)))
    }

    /// `n / d` reduced, for `d > 0`; a 64-bit gcd when both fit.
    #[inline]
    fn reduced(n: i128, d: i128) -> Num {
        debug_assert!(d > 0);
        if d == 1 {
            return Num(Ratio::new_raw(n, 1));
        }
        if small(n) && small(d) {
            let (n, d) = (n as i64, d as i64);
            // d > 0, so 1 <= g <= d <= i64::MAX
            let g = n.unsigned_abs().gcd(&(d as u64)) as i64;
            return Num(Ratio::new_raw(i128::from(n / g), i128::from(d / g)));
        }
        Num(Ratio::new(n, d))
    }

    pub fn numer(self) -> i128 {
        *self.0.numer()
    }

    pub fn denom(self) -> i128 {
        *self.0.denom()
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_integer(self) -> bool {
        self.0.is_integer()
    }

    /// An `f64` approximation (numerator and denominator converted, then divided): for sampling,
    /// plots and spreadsheet cells, never for scoring.
    pub fn to_f64(self) -> f64 {
        self.numer() as f64 / self.denom() as f64
    }

    /// The number as an `i64`, if it is a whole number that fits.
    #[inline]
    pub fn to_i64(self) -> Option<i64> {
        if self.denom() == 1 {
            i64::try_from(self.numer()).ok()
        } else {
            None
        }
    }

    pub fn is_negative(self) -> bool {
        self.0.is_negative()
    }

    pub fn add(self, o: Num) -> Result<Num, Overflow> {
        if self.denom() == 1 && o.denom() == 1 {
            return self
                .numer()
                .checked_add(o.numer())
                .map(Num::int)
                .ok_or(Overflow);
        }
        let (a, b, c, d) = (self.numer(), self.denom(), o.numer(), o.denom());
        if small(a) && small(b) && small(c) && small(d) {
            if let Some(n) = (a * d).checked_add(c * b) {
                return Ok(Num::reduced(n, b * d));
            }
        }
        self.0.checked_add(&o.0).map(Num).ok_or(Overflow)
    }

    pub fn sub(self, o: Num) -> Result<Num, Overflow> {
        if self.denom() == 1 && o.denom() == 1 {
            return self
                .numer()
                .checked_sub(o.numer())
                .map(Num::int)
                .ok_or(Overflow);
        }
        let (a, b, c, d) = (self.numer(), self.denom(), o.numer(), o.denom());
        if small(a) && small(b) && small(c) && small(d) {
            if let Some(n) = (a * d).checked_sub(c * b) {
                return Ok(Num::reduced(n, b * d));
            }
        }
        self.0.checked_sub(&o.0).map(Num).ok_or(Overflow)
    }

    pub fn mul(self, o: Num) -> Result<Num, Overflow> {
        let (a, b, c, d) = (self.numer(), self.denom(), o.numer(), o.denom());
        if small(a) && small(b) && small(c) && small(d) {
            // products of 64-bit numbers fit in 128 bits
            return Ok(Num::reduced(a * c, b * d));
        }
        self.0.checked_mul(&o.0).map(Num).ok_or(Overflow)
    }

    /// `None` when dividing by zero, `Err` on overflow.
    pub fn div(self, o: Num) -> Result<Option<Num>, Overflow> {
        if o.is_zero() {
            return Ok(None);
        }
        let (a, b, c, d) = (self.numer(), self.denom(), o.numer(), o.denom());
        if small(a) && small(b) && small(c) && small(d) {
            let (n, d) = if c < 0 {
                (-(a * d), -(b * c))
            } else {
                (a * d, b * c)
            };
            return Ok(Some(Num::reduced(n, d)));
        }
        self.0
            .checked_div(&o.0)
            .map(|r| Some(Num(r)))
            .ok_or(Overflow)
    }

    pub fn neg(self) -> Result<Num, Overflow> {
        Num::ZERO.sub(self)
    }

    pub fn min(self, o: Num) -> Num {
        if o < self {
            o
        } else {
            self
        }
    }

    pub fn max(self, o: Num) -> Num {
        if o > self {
            o
        } else {
            self
        }
    }

    /// Rounds to `decimals` places with the given rule.
    pub fn round(self, decimals: u32, mode: Rounding) -> Num {
        if let Some(q) = self.scaled_round_small(decimals, mode) {
            // decimals <= 18 here
            return Num::reduced(i128::from(q), 10i128.pow(decimals));
        }
        let Some(scale) = 10i128.checked_pow(decimals) else {
            return self;
        };
        let Some(scaled_num) = self.numer().checked_mul(scale) else {
            return self;
        };
        let d = self.denom();
        let (q, r) = scaled_num.div_mod_floor(&d);
        // r in [0, d): compare 2r with d to decide.
        let twice = r.checked_mul(2).unwrap_or(i128::MAX);
        let up = match twice.cmp(&d) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match mode {
                // half away from zero: for negatives floor already moved away, so ties go up
                // only for positives.
                Rounding::HalfUp => scaled_num >= 0,
                Rounding::HalfEven => q.is_odd(),
            },
        };
        let q = if up { q + 1 } else { q };
        Num(Ratio::new(q, scale))
    }

    /// `round(decimals, mode) × 10^decimals` as an integer, computed in 64 bits; `None` when
    /// it does not fit (then [`Num::format`] takes the general path).
    #[inline]
    fn scaled_round_small(self, decimals: u32, mode: Rounding) -> Option<i64> {
        let (n, d) = (self.numer(), self.denom());
        if !small(n) || !small(d) {
            return None;
        }
        let scaled = (n as i64).checked_mul(10i64.checked_pow(decimals)?)?;
        let d = d as i64;
        let (q, r) = (scaled.div_euclid(d), scaled.rem_euclid(d));
        let up = match (2 * i128::from(r)).cmp(&i128::from(d)) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match mode {
                Rounding::HalfUp => scaled >= 0,
                Rounding::HalfEven => q % 2 != 0,
            },
        };
        q.checked_add(i64::from(up))
    }

    /// Writes the number with exactly `decimals` places, as [`Num::format`], without allocating.
    pub fn write_fixed<W: fmt::Write + ?Sized>(
        self,
        decimals: u32,
        mode: Rounding,
        w: &mut W,
    ) -> fmt::Result {
        match self.scaled_round_small(decimals, mode) {
            Some(q) => {
                let sign = if q < 0 { "-" } else { "" };
                let abs = q.unsigned_abs();
                if decimals == 0 {
                    write!(w, "{sign}{abs}")
                } else {
                    let scale = 10u64.pow(decimals);
                    write!(
                        w,
                        "{sign}{}.{:0width$}",
                        abs / scale,
                        abs % scale,
                        width = decimals as usize
                    )
                }
            }
            None => w.write_str(&self.format_general(decimals, mode)),
        }
    }

    /// Appends the number with exactly `decimals` places, as [`Num::format`], to a byte buffer.
    pub fn push_fixed(self, decimals: u32, mode: Rounding, out: &mut Vec<u8>) {
        match self.scaled_round_small(decimals, mode) {
            Some(q) => {
                if q < 0 {
                    out.push(b'-');
                }
                let abs = q.unsigned_abs();
                if decimals == 0 {
                    push_u64(out, abs);
                } else {
                    // `scaled_round_small` has checked that 10^decimals fits an i64
                    let scale = 10u64.pow(decimals);
                    push_u64(out, abs / scale);
                    out.push(b'.');
                    // the fraction with its leading zeros: the digits of `scale + fraction`
                    // after its leading 1 (below 2 * 10^18 < u64::MAX)
                    let mut b = itoa::Buffer::new();
                    out.extend_from_slice(&b.format(scale + abs % scale).as_bytes()[1..]);
                }
            }
            None => out.extend_from_slice(self.format_general(decimals, mode).as_bytes()),
        }
    }

    /// Formats with exactly `decimals` places (rounding half up; exact for the stored value).
    pub fn format(self, decimals: u32, mode: Rounding) -> String {
        if self.scaled_round_small(decimals, mode).is_some() {
            let mut s = String::new();
            let _ = self.write_fixed(decimals, mode, &mut s);
            return s;
        }
        self.format_general(decimals, mode)
    }

    fn format_general(self, decimals: u32, mode: Rounding) -> String {
        let r = self.round(decimals, mode);
        let scale = 10i128.pow(decimals.min(30));
        let scaled = r.numer() * (scale / r.denom().max(1)).max(1);
        let neg = scaled < 0;
        let abs = scaled.unsigned_abs();
        let int = abs / scale as u128;
        let frac = abs % scale as u128;
        let sign = if neg { "-" } else { "" };
        if decimals == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac:0width$}", width = decimals as usize)
        }
    }

    /// A short exact form: integers as integers, terminating decimals as decimals, else `n/d`.
    pub fn to_exact_string(self) -> String {
        if self.is_integer() {
            return self.numer().to_string();
        }
        // terminating decimal if denominator has only factors 2 and 5
        let mut d = self.denom();
        let mut places = 0u32;
        while d % 2 == 0 {
            d /= 2;
            places += 1;
        }
        let mut d5 = d;
        let mut places5 = 0u32;
        while d5 % 5 == 0 {
            d5 /= 5;
            places5 += 1;
        }
        if d5 == 1 && places.max(places5) <= 18 {
            let s = self.format(places.max(places5), Rounding::HalfUp);
            return s;
        }
        format!("{}/{}", self.numer(), self.denom())
    }

    pub fn abs(self) -> Num {
        Num(self.0.abs())
    }
}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

impl From<i64> for Num {
    fn from(n: i64) -> Self {
        Num::int(n as i128)
    }
}

/// A number written as a decimal (`12`, `-0.25`, `1e3` is not accepted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNumError;

impl FromStr for Num {
    type Err = ParseNumError;

    fn from_str(s: &str) -> Result<Num, ParseNumError> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if body.is_empty() {
            return Err(ParseNumError);
        }
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(ParseNumError);
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ParseNumError);
        }
        if int.len() + frac.len() > 36 {
            return Err(ParseNumError);
        }
        let digits: String = format!("{int}{frac}");
        let n: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| ParseNumError)?
        };
        let d = 10i128.checked_pow(frac.len() as u32).ok_or(ParseNumError)?;
        let n = if neg { -n } else { n };
        Ok(Num(Ratio::new(n, d)))
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_exact_string())
    }
}

impl fmt::Debug for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_exact_string())
    }
}

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_exact_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(n("0.25"), Num::frac(1, 4).unwrap());
        assert_eq!(n("-3"), Num::int(-3));
        assert_eq!(n(".5"), Num::frac(1, 2).unwrap());
        assert!("1e3".parse::<Num>().is_err());
        assert!("".parse::<Num>().is_err());
        assert!("-".parse::<Num>().is_err());
    }

    #[test]
    fn rounds_half_up_and_half_even() {
        assert_eq!(n("2.5").round(0, Rounding::HalfUp), Num::int(3));
        assert_eq!(n("2.5").round(0, Rounding::HalfEven), Num::int(2));
        assert_eq!(n("3.5").round(0, Rounding::HalfEven), Num::int(4));
        assert_eq!(n("-2.5").round(0, Rounding::HalfUp), Num::int(-3));
        assert_eq!(n("59.49").round(0, Rounding::HalfUp), Num::int(59));
        assert_eq!(n("59.5").round(0, Rounding::HalfUp), Num::int(60));
    }

    #[test]
    fn formats_fixed_decimals() {
        let third = Num::frac(100, 3).unwrap();
        assert_eq!(third.format(1, Rounding::HalfUp), "33.3");
        assert_eq!(third.format(6, Rounding::HalfUp), "33.333333");
        assert_eq!(Num::frac(200, 3).unwrap().format(0, Rounding::HalfUp), "67");
        assert_eq!(n("-0.25").format(2, Rounding::HalfUp), "-0.25");
        assert_eq!(Num::int(40).format(6, Rounding::HalfUp), "40.000000");
        assert_eq!(third.to_exact_string(), "100/3");
        assert_eq!(n("0.125").to_exact_string(), "0.125");
    }

    /// The 64-bit fast paths give exactly what `Ratio<i128>` gives.
    #[test]
    fn fast_paths_agree_with_ratio() {
        let mut vals = vec![Num::ZERO, Num::ONE, Num::HUNDRED, Num::int(-7)];
        for (n, d) in [
            (1, 3),
            (-5, 7),
            (100, 86),
            (43, 50),
            (i64::MAX as i128, 3),
            (7, i64::MAX as i128),
        ] {
            vals.push(Num::frac(n, d).unwrap());
        }
        vals.push(Num::int(i128::from(i64::MAX) * 4));
        vals.push(Num::frac(1, i128::from(i64::MAX) * 8).unwrap());
        for &x in &vals {
            for &y in &vals {
                assert_eq!(
                    x.add(y).ok().map(|v| v.0),
                    x.0.checked_add(&y.0),
                    "{x} + {y}"
                );
                assert_eq!(
                    x.sub(y).ok().map(|v| v.0),
                    x.0.checked_sub(&y.0),
                    "{x} - {y}"
                );
                assert_eq!(
                    x.mul(y).ok().map(|v| v.0),
                    x.0.checked_mul(&y.0),
                    "{x} * {y}"
                );
                if !y.is_zero() {
                    assert_eq!(
                        x.div(y).ok().flatten().map(|v| v.0),
                        x.0.checked_div(&y.0),
                        "{x} / {y}"
                    );
                }
                assert_eq!(x.cmp(&y), x.0.cmp(&y.0), "{x} cmp {y}");
            }
            for dec in [0, 1, 2, 6] {
                for mode in [Rounding::HalfUp, Rounding::HalfEven] {
                    assert_eq!(
                        x.format(dec, mode),
                        x.format_general(dec, mode),
                        "{x} {dec}"
                    );
                    let mut b = Vec::new();
                    x.push_fixed(dec, mode, &mut b);
                    assert_eq!(String::from_utf8(b).unwrap(), x.format(dec, mode));
                }
            }
        }
        assert_eq!(Num::decimal(-125, 1), Some(n("-12.5")));
        assert_eq!(Num::decimal(42, 0), Some(Num::int(42)));
        assert_eq!(Num::decimal(1, 19), None);
        assert_eq!(n("2.5").format(0, Rounding::HalfEven), "2");
        assert_eq!(n("-0.0000001").format(6, Rounding::HalfUp), "0.000000");
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Num::int(i128::MAX);
        assert_eq!(big.add(Num::ONE), Err(Overflow));
        assert!(big.mul(Num::int(2)).is_err());
        assert_eq!(Num::ONE.div(Num::ZERO), Ok(None));
    }
}
