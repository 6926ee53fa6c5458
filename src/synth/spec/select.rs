//! What an option cell of a share (or an option key of an answer fact) selects, for a choice
//! question. One syntax, shared by `eindex synth --shares`/`--directions` and `eindex verify`'s
//! answer facts:
//!
//! | cell | counts the units that |
//! | --- | --- |
//! | `a` | chose (single) or selected (multiple) `a` |
//! | `a\|b` | chose or selected any of `a`, `b` |
//! | `a&b` | selected both `a` and `b` (multiple choice) |
//! | `a&!b` | selected `a` and not `b`; `!b` alone: did not select `b` (multiple choice) |
//! | `count=2` | selected exactly 2 options (multiple choice) |
//! | `count>=3`, `count<=1` | selected at least 3, at most 1 options |
//! | `count=2..4` | selected 2 to 4 options |
//!
//! `count` leaves out an option with the id `none` (the answer "none of these"): `count=0` is
//! the units answering `none`. `|` and `&` do not mix.

use crate::schema::OptionDef;
use crate::suggest;

/// A selection of a choice question's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Any of these options.
    Any(u128),
    /// Every option of `all` and none of `not` (multiple choice).
    Pattern { all: u128, not: u128 },
    /// Between `min` and `max` (inclusive) of the options in `of` (multiple choice).
    Count { of: u128, min: u32, max: u32 },
}

/// A cell that selects nothing the question has: the message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectError {
    pub message: String,
    pub hint: String,
}

const FORMS: &str =
    "write an option (`a`), any of several (`a|b`), a pattern of a multiple choice \
                     (`a&b`, `a&!b`) or a number of options selected (`count=2`, `count>=3`, \
                     `count<=1`, `count=2..4`)";

impl Selection {
    /// Whether a single choice `i` counts.
    pub fn counts_choice(self, i: u16) -> bool {
        match self {
            Selection::Any(m) => m & (1u128 << i) != 0,
            _ => false,
        }
    }

    /// Whether the selected options `b` of a multiple choice count.
    pub fn counts_multi(self, b: u128) -> bool {
        match self {
            Selection::Any(m) => m & b != 0,
            Selection::Pattern { all, not } => b & all == all && b & not == 0,
            Selection::Count { of, min, max } => {
                let c = (b & of).count_ones();
                min <= c && c <= max
            }
        }
    }
}

fn err(message: String, hint: impl Into<String>) -> SelectError {
    SelectError {
        message,
        hint: hint.into(),
    }
}

/// The selection a cell writes, for question `qid` with options `opts` (`multi`: a multiple
/// choice).
pub fn parse_selection(
    cell: &str,
    qid: &str,
    opts: &[OptionDef],
    multi: bool,
) -> Result<Selection, SelectError> {
    let cell = cell.trim();
    let only_multi = |form: &str| {
        err(
            format!(
                "`{cell}`: {form} is for multiple-choice questions, and `{qid}` is a single choice"
            ),
            "a single choice has one answer: write an option (`a`) or any of several (`a|b`)",
        )
    };
    // `count…` is a number of options, unless it names options (`country`, `count|a`)
    let option_id = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let counting = cell.strip_prefix("count").filter(|rest| {
        !rest.starts_with(option_id)
            && !cell.contains(['|', '&'])
            && !opts.iter().any(|o| o.id == cell)
    });
    if let Some(rest) = counting {
        if !multi {
            return Err(only_multi("a number of options selected"));
        }
        return count(cell, rest.trim_start(), opts);
    }
    let index = |part: &str| -> Result<usize, SelectError> {
        if part.is_empty() {
            return Err(err(format!("`{cell}` has an empty option"), FORMS));
        }
        opts.iter().position(|o| o.id == part).ok_or_else(|| {
            err(
                format!("`{part}` is not an option of `{qid}`"),
                suggest::hint(part, opts.iter().map(|o| o.id.as_str()), "option"),
            )
        })
    };
    let (has_and, has_or) = (cell.contains('&'), cell.contains('|'));
    if has_and && has_or {
        return Err(err(
            format!("`{cell}` mixes `|` and `&`"),
            "write either any of the options (`a|b`) or a pattern (`a&!b`), not both",
        ));
    }
    if !has_and && !cell.starts_with('!') {
        let mut mask = 0u128;
        for part in cell.split('|').map(str::trim) {
            mask |= 1u128 << index(part)?;
        }
        return Ok(Selection::Any(mask));
    }
    if !multi {
        return Err(only_multi("a pattern"));
    }
    let (mut all, mut not) = (0u128, 0u128);
    for part in cell.split('&').map(str::trim) {
        match part.strip_prefix('!') {
            Some(p) => not |= 1u128 << index(p.trim())?,
            None => all |= 1u128 << index(part)?,
        }
    }
    if all & not != 0 {
        return Err(err(
            format!("`{cell}` asks for an option both selected and not"),
            "name each option once, with `!` where it must not be selected",
        ));
    }
    Ok(Selection::Pattern { all, not })
}

/// `count=k`, `count>=k`, `count<=k`, `count=a..b` (`rest` after `count`).
fn count(cell: &str, rest: &str, opts: &[OptionDef]) -> Result<Selection, SelectError> {
    let of = opts
        .iter()
        .enumerate()
        .filter(|(_, o)| o.id != "none")
        .fold(0u128, |m, (i, _)| m | 1u128 << i);
    let n = of.count_ones();
    let bad = || {
        err(
            format!("`{cell}` is not a number of options selected"),
            "write `count=2`, `count>=3`, `count<=1` or `count=2..4`",
        )
    };
    let num = |s: &str| s.trim().parse::<u32>().map_err(|_| bad());
    let (min, max) = if let Some(k) = rest.strip_prefix(">=") {
        (num(k)?, n)
    } else if let Some(k) = rest.strip_prefix("<=") {
        (0, num(k)?)
    } else if let Some(k) = rest.strip_prefix('=') {
        match k.split_once("..") {
            Some((a, b)) => (num(a)?, num(b)?),
            None => (num(k)?, num(k)?),
        }
    } else {
        return Err(bad());
    };
    if min > max || min > n {
        return Err(err(
            format!(
                "`{cell}` can never hold: the question has {n} options to select (besides `none`)"
            ),
            format!("write a number from 0 to {n}, the smaller bound first"),
        ));
    }
    Ok(Selection::Count {
        of,
        min,
        max: max.min(n),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(ids: &[&str]) -> Vec<OptionDef> {
        ids.iter()
            .map(|id| OptionDef {
                id: id.to_string(),
                lv: String::new(),
                en: None,
                span: crate::source::Span::default(),
            })
            .collect()
    }

    #[test]
    fn every_form_parses_and_counts() {
        let o = opts(&["a", "b", "c", "none"]);
        let p = |s: &str| parse_selection(s, "q", &o, true).unwrap();
        assert_eq!(p("a|c"), Selection::Any(0b101));
        assert_eq!(p("a & !b"), Selection::Pattern { all: 1, not: 2 });
        assert_eq!(p("!b"), Selection::Pattern { all: 0, not: 2 });
        let c2 = p("count=2");
        assert_eq!(
            c2,
            Selection::Count {
                of: 0b111,
                min: 2,
                max: 2
            }
        );
        assert_eq!(
            p("count>=1"),
            Selection::Count {
                of: 7,
                min: 1,
                max: 3
            }
        );
        assert_eq!(
            p("count<=1"),
            Selection::Count {
                of: 7,
                min: 0,
                max: 1
            }
        );
        assert_eq!(
            p("count=1..2"),
            Selection::Count {
                of: 7,
                min: 1,
                max: 2
            }
        );
        assert!(c2.counts_multi(0b011) && !c2.counts_multi(0b111) && !c2.counts_multi(0b001));
        // `none` is not counted
        assert!(p("count=0").counts_multi(0b1000));
        let ab = p("a&!b");
        assert!(ab.counts_multi(0b101) && !ab.counts_multi(0b011) && !ab.counts_multi(0b100));
        assert!(p("a&b").counts_multi(0b011) && !p("a&b").counts_multi(0b001));
    }

    #[test]
    fn bad_cells_say_what_to_write() {
        let o = opts(&["staff", "funding"]);
        let e = |s: &str, multi| parse_selection(s, "q", &o, multi).unwrap_err();
        assert!(
            e("staf&funding", true).hint.contains("`staff`"),
            "{:?}",
            e("staf", true)
        );
        assert!(e("staff|funding&staff", true).message.contains("mixes"));
        assert!(e("staff&!staff", true).message.contains("both"));
        assert!(e("count=3", true).message.contains("never hold"));
        assert!(e("count==1", true).hint.contains("count>=3"));
        assert!(e("count=2..1", true).message.contains("never hold"));
        assert!(e("count=1", false).message.contains("single choice"));
        assert!(e("staff&funding", false).message.contains("single choice"));
        assert!(e("staff&", true).message.contains("empty option"));
        // an option whose id begins with `count` is an option
        let o = opts(&["country", "count"]);
        let p = |s: &str| parse_selection(s, "q", &o, true).unwrap();
        assert_eq!(p("country"), Selection::Any(1));
        assert_eq!(p("count"), Selection::Any(2));
        assert_eq!(p("count|country"), Selection::Any(3));
        assert_eq!(
            p("count=1"),
            Selection::Count {
                of: 3,
                min: 1,
                max: 1
            }
        );
    }
}
