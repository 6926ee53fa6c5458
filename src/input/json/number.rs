//! Numbers read exactly from their text (never through floating point): JSON numbers, and the
//! CSV cells that the quick reader of `cell::parse_number` leaves (many digits, leading zeros).
//!
//! A number is `D × 10^k` with the digits `D` and the exponent `k` taken from the text (the
//! fraction's length and the `e` part). It is exact when it has at most [`MAX_DIGITS`]
//! significant digits, at most that many before the decimal point once the exponent is applied,
//! and at most that many after it; else it is rejected with the reason ([`Inexact`]), never
//! rounded (`1e400`, `1e-400`, 40 nines, or 400 zeros after `0.` before a `1`). Leading zeros
//! are not significant: `00012` is 12. `27319.0000000000000001` is that number, so it is not a
//! whole number.

use crate::input::kind::{Inexact, MAX_DIGITS};
use crate::num::Num;

/// The exact value of the number `text` (JSON number syntax; also `.5` and `5.`, as a CSV cell
/// may have them), or why it does not fit (see the module's description). Leading zeros, and
/// trailing zeros of a fraction, do not count: `00012` is 12.
pub(crate) fn exact(text: &str) -> Result<Num, Inexact> {
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mant, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = || int.bytes().chain(frac.bytes());
    // the significant digits: no leading or trailing zeros
    let lead = digits().take_while(|&c| c == b'0').count();
    let all = int.len() + frac.len();
    if lead == all {
        return Ok(Num::ZERO);
    }
    let trail = digits().rev().take_while(|&c| c == b'0').count();
    let sig = all - lead - trail;
    // the value is (significant digits) × 10^k; an exponent too long for an i64 is far beyond
    let e: i64 = match exp {
        Some(e) => e.parse().map_err(|_| {
            if e.starts_with('-') {
                Inexact::Small
            } else {
                Inexact::Large
            }
        })?,
        None => 0,
    };
    let k = i64::try_from(frac.len())
        .ok()
        .and_then(|f| e.checked_sub(f))
        .and_then(|k| k.checked_add(i64::try_from(trail).ok()?))
        .ok_or(if e < 0 {
            Inexact::Small
        } else {
            Inexact::Large
        })?;
    let max = MAX_DIGITS as i64;
    if sig > MAX_DIGITS {
        return Err(Inexact::Digits(sig));
    }
    if k > max - sig as i64 {
        return Err(Inexact::Large);
    }
    if k < -max {
        return Err(Inexact::Small);
    }
    let mut d: i128 = 0;
    for c in digits().skip(lead).take(sig) {
        d = d * 10 + i128::from(c - b'0');
    }
    if neg {
        d = -d;
    }
    // within the limits above: 10^36 and (at most 36 digits) × 10^k fit an i128
    let scale = 10i128
        .checked_pow(u32::try_from(k.unsigned_abs()).map_err(|_| Inexact::Large)?)
        .ok_or(Inexact::Large)?;
    if k >= 0 {
        d.checked_mul(scale).map(Num::int).ok_or(Inexact::Large)
    } else {
        Num::frac(d, scale).ok_or(Inexact::Small)
    }
}

/// The JSON number `text` as an `i64` when it is written as a whole number that fits (`12`,
/// `-7`; not `12.0` or `1e1`).
#[inline]
pub(crate) fn int(text: &str) -> Option<i64> {
    if text.bytes().any(|c| matches!(c, b'.' | b'e' | b'E')) {
        return None;
    }
    text.parse().ok()
}

/// A number's text for a message: as written, or its start and end when it is long.
pub(crate) fn excerpt(text: &str) -> String {
    const KEEP: usize = 16;
    if text.len() <= 3 * KEEP {
        return text.to_string();
    }
    // a number's text is ASCII
    format!(
        "{}…{} ({} characters)",
        &text[..KEEP],
        &text[text.len() - KEEP..],
        text.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    #[test]
    fn exact_numbers() {
        assert_eq!(exact("0.1"), Ok(n("0.1")));
        assert_eq!(exact("1e20"), Ok(n("100000000000000000000")));
        assert_eq!(exact("-2.5E-3"), Ok(n("-0.0025")));
        assert_eq!(exact("1E+2"), Ok(Num::int(100)));
        assert_eq!(exact("-0"), Ok(Num::ZERO));
        assert_eq!(exact("0e999999999999999999999"), Ok(Num::ZERO));
        assert_eq!(exact("1200e-2"), Ok(Num::int(12)));
        assert_eq!(
            exact("27319.0000000000000001"),
            Ok(n("27319.0000000000000001"))
        );
        assert_ne!(exact("27319.0000000000000001"), Ok(Num::int(27319)));
        assert_eq!(exact("1e-5"), Ok(n("0.00001")));
        assert_eq!(
            exact("10000000000000000000001"),
            Ok(n("10000000000000000000001"))
        );
        // 36 digits fit, on either side of the point
        assert_eq!(exact("1e35"), Ok(n(&format!("1{}", "0".repeat(35)))));
        assert_eq!(exact("1e-36").ok(), Num::frac(1, 10i128.pow(36)));
        assert!(exact(&"9".repeat(36)).is_ok());
        // beyond: rejected, never rounded
        for t in [
            "1e400",
            "1e-400",
            "-1e400",
            "1e36",
            "1e-37",
            "1e99999999999999999999",
            &"9".repeat(37),
            &format!("0.{}1", "0".repeat(400)),
            &format!("1.{}1", "0".repeat(40)),
        ] {
            assert!(exact(t).is_err(), "{t}");
        }
        // the reason, and leading zeros do not count
        assert_eq!(exact(&"1".repeat(40)), Err(Inexact::Digits(40)));
        assert_eq!(exact("1e40"), Err(Inexact::Large));
        assert_eq!(exact("1e99999999999999999999"), Err(Inexact::Large));
        assert_eq!(exact("1e-99999999999999999999"), Err(Inexact::Small));
        assert_eq!(exact("1e-40"), Err(Inexact::Small));
        assert_eq!(exact(&format!("{}12", "0".repeat(40))), Ok(Num::int(12)));
        assert_eq!(exact(&format!("-{}1.50", "0".repeat(60))), Ok(n("-1.5")));
        assert_eq!(exact("+7"), Ok(Num::int(7)));
        assert_eq!(exact(".5"), Ok(n("0.5")));
        assert_eq!(exact("5."), Ok(Num::int(5)));
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(int("12"), Some(12));
        assert_eq!(int("-7"), Some(-7));
        assert_eq!(int("12.0"), None);
        assert_eq!(int("1e1"), None);
        assert_eq!(int("9223372036854775808"), None);
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("1e400"), "1e400");
        let long = format!("0.{}1", "0".repeat(400));
        assert_eq!(
            excerpt(&long),
            "0.00000000000000…0000000000000001 (403 characters)"
        );
    }
}
