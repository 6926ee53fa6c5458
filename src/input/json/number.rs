//! JSON numbers read exactly from their text (never through floating point).
//!
//! A number is `D × 10^k` with the digits `D` and the exponent `k` taken from the text (the
//! fraction's length and the `e` part). It is exact when it fits the limits of a number read
//! from a CSV cell: at most [`MAX_DIGITS`] digits before the decimal point once the exponent is
//! applied, and at most that many after it; else it is rejected, never rounded (`1e400`,
//! `1e-400`, or 400 zeros before a `1`). `27319.0000000000000001` is that number, so it is not a
//! whole number.

use crate::num::Num;

/// The digits a number may have before, and after, its decimal point (as in a CSV cell).
pub(crate) const MAX_DIGITS: usize = 36;

/// The exact value of the JSON number `text` (valid JSON number syntax), or `None` when it does
/// not fit (see the module's description).
pub(crate) fn exact(text: &str) -> Option<Num> {
    let (neg, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
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
        return Some(Num::ZERO);
    }
    let trail = digits().rev().take_while(|&c| c == b'0').count();
    let sig = all - lead - trail;
    // the value is (significant digits) × 10^k
    let e: i64 = match exp {
        Some(e) => e.parse().ok()?,
        None => 0,
    };
    let k = e
        .checked_sub(i64::try_from(frac.len()).ok()?)?
        .checked_add(i64::try_from(trail).ok()?)?;
    let max = MAX_DIGITS as i64;
    if sig > MAX_DIGITS || k > max - sig as i64 || k < -max {
        return None;
    }
    let mut d: i128 = 0;
    for c in digits().skip(lead).take(sig) {
        d = d * 10 + i128::from(c - b'0');
    }
    if neg {
        d = -d;
    }
    let scale = 10i128.checked_pow(u32::try_from(k.unsigned_abs()).ok()?)?;
    if k >= 0 {
        Some(Num::int(d.checked_mul(scale)?))
    } else {
        Num::frac(d, scale)
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
        assert_eq!(exact("0.1"), Some(n("0.1")));
        assert_eq!(exact("1e20"), Some(n("100000000000000000000")));
        assert_eq!(exact("-2.5E-3"), Some(n("-0.0025")));
        assert_eq!(exact("1E+2"), Some(Num::int(100)));
        assert_eq!(exact("-0"), Some(Num::ZERO));
        assert_eq!(exact("0e999999999999999999999"), Some(Num::ZERO));
        assert_eq!(exact("1200e-2"), Some(Num::int(12)));
        assert_eq!(
            exact("27319.0000000000000001"),
            Some(n("27319.0000000000000001"))
        );
        assert_ne!(exact("27319.0000000000000001"), Some(Num::int(27319)));
        assert_eq!(exact("1e-5"), Some(n("0.00001")));
        assert_eq!(
            exact("10000000000000000000001"),
            Some(n("10000000000000000000001"))
        );
        // 36 digits fit, on either side of the point
        assert_eq!(exact("1e35"), Some(n(&format!("1{}", "0".repeat(35)))));
        assert_eq!(exact("1e-36"), Num::frac(1, 10i128.pow(36)));
        assert!(exact(&"9".repeat(36)).is_some());
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
            assert_eq!(exact(t), None, "{t}");
        }
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
