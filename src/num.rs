//! Exact numbers: every score, weight, threshold and numeric answer is a rational number.
//!
//! Arithmetic is checked: an overflow is an error, never a wrong value or a panic.

use num_integer::Integer;
use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, Zero};
use std::fmt;
use std::str::FromStr;

/// An exact rational number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Num(Ratio<i128>);

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
        } else {
            Some(Num(Ratio::new(n, d)))
        }
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
        self.0.checked_sub(&o.0).map(Num).ok_or(Overflow)
    }

    pub fn mul(self, o: Num) -> Result<Num, Overflow> {
        self.0.checked_mul(&o.0).map(Num).ok_or(Overflow)
    }

    /// `None` when dividing by zero, `Err` on overflow.
    pub fn div(self, o: Num) -> Result<Option<Num>, Overflow> {
        if o.is_zero() {
            return Ok(None);
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

    /// Formats with exactly `decimals` places (rounding half up; exact for the stored value).
    pub fn format(self, decimals: u32, mode: Rounding) -> String {
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

    #[test]
    fn overflow_is_an_error() {
        let big = Num::int(i128::MAX);
        assert_eq!(big.add(Num::ONE), Err(Overflow));
        assert!(big.mul(Num::int(2)).is_err());
        assert_eq!(Num::ONE.div(Num::ZERO), Ok(None));
    }
}
