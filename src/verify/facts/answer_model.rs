//! The typed shape of the answer facts: `[answers.<question id>]` tables with `shares`,
//! `counts` and `answered` keys, each optionally `_<group>` (docs/verify.md, "Answer facts").
//!
//! As for the index and section tables, the key decides the form of its value: `shares` a table
//! option → percentage, `counts` a table option → units, `answered` a number of units. A value of
//! the wrong form is an error at its place; a key without a meaning is kept (listed as not checked).
//! Every option key keeps its span, so that each check (and an unknown option) is placed at it.

use super::model::FactNumber;
use indexmap::IndexMap;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use toml::Spanned;

/// What an answer fact gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AnswerBase {
    /// `shares`: percent of the units answering that gave the option.
    Shares,
    /// `counts`: the number of units that gave the option.
    Counts,
    /// `answered`: the number of units answering (the base of the shares).
    Answered,
}

/// `shares_regional` → (Shares, Some("regional")).
pub(super) fn parse_answer_key(key: &str) -> Option<(AnswerBase, Option<&str>)> {
    for (prefix, base) in [
        ("shares", AnswerBase::Shares),
        ("counts", AnswerBase::Counts),
        ("answered", AnswerBase::Answered),
    ] {
        if key == prefix {
            return Some((base, None));
        }
        if let Some(g) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) {
            return Some((base, Some(g)));
        }
    }
    None
}

/// The answer facts of one question, in file order.
#[derive(Debug, Clone)]
pub(super) struct AnswerFacts {
    pub facts: Vec<(Spanned<String>, AnswerFact)>,
}

/// One fact of a question's table.
#[derive(Debug, Clone)]
pub(super) enum AnswerFact {
    /// `shares[_<group>] = { option = percent }`.
    Shares(Vec<(Spanned<String>, FactNumber)>),
    /// `counts[_<group>] = { option = units }`.
    Counts(Vec<(Spanned<String>, u32)>),
    /// `answered[_<group>] = units`.
    Answered(u32),
    /// A key without a meaning for the tool.
    Other(toml::Value),
}

impl<'de> Deserialize<'de> for AnswerFacts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnswerFacts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of answer facts (`shares`, `counts`, `answered`)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnswerFacts, A::Error> {
                let mut facts = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let fact = match parse_answer_key(key.get_ref()) {
                        Some((AnswerBase::Shares, _)) => {
                            let m: IndexMap<Spanned<String>, FactNumber> = map.next_value()?;
                            AnswerFact::Shares(m.into_iter().collect())
                        }
                        Some((AnswerBase::Counts, _)) => {
                            let m: IndexMap<Spanned<String>, u32> = map.next_value()?;
                            AnswerFact::Counts(m.into_iter().collect())
                        }
                        Some((AnswerBase::Answered, _)) => AnswerFact::Answered(map.next_value()?),
                        None => AnswerFact::Other(map.next_value()?),
                    };
                    facts.push((key, fact));
                }
                Ok(AnswerFacts { facts })
            }
        }
        d.deserialize_map(V)
    }
}

impl AnswerFact {
    /// The fact as TOML writes it.
    pub fn to_value(&self) -> toml::Value {
        use toml::Value as V;
        match self {
            AnswerFact::Shares(m) => V::Table(
                m.iter()
                    .map(|(k, x)| (k.get_ref().clone(), x.to_value()))
                    .collect(),
            ),
            AnswerFact::Counts(m) => V::Table(
                m.iter()
                    .map(|(k, n)| (k.get_ref().clone(), V::Integer(i64::from(*n))))
                    .collect(),
            ),
            AnswerFact::Answered(n) => V::Integer(i64::from(*n)),
            AnswerFact::Other(v) => v.clone(),
        }
    }
}

impl AnswerFacts {
    /// The table as TOML writes it (for a question the checks cannot place).
    pub fn to_value(&self) -> toml::Value {
        let mut t = toml::Table::new();
        for (k, f) in &self.facts {
            t.insert(k.get_ref().clone(), f.to_value());
        }
        toml::Value::Table(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_keys_with_groups() {
        assert_eq!(parse_answer_key("shares"), Some((AnswerBase::Shares, None)));
        assert_eq!(
            parse_answer_key("shares_valstspilsetas"),
            Some((AnswerBase::Shares, Some("valstspilsetas")))
        );
        assert_eq!(
            parse_answer_key("counts_regional"),
            Some((AnswerBase::Counts, Some("regional")))
        );
        assert_eq!(
            parse_answer_key("answered"),
            Some((AnswerBase::Answered, None))
        );
        assert_eq!(parse_answer_key("sharesx"), None);
        assert_eq!(parse_answer_key("note"), None);
    }

    #[test]
    fn shares_in_both_forms_and_wrong_forms() {
        #[derive(Debug, Deserialize)]
        struct F {
            q: AnswerFacts,
        }
        let inline = "q = { shares = { a = 76, \"b|c\" = 25.5 }, counts = { yes = 3 } }\n";
        let tables = "[q.shares]\na = 76\n\"b|c\" = 25.5\n[q.counts]\nyes = 3\n";
        for text in [inline, tables] {
            let f: F = toml::from_str(text).unwrap();
            let AnswerFact::Shares(s) = &f.q.facts[0].1 else {
                panic!("{:?}", f.q)
            };
            let keys: Vec<&str> = s.iter().map(|(k, _)| &text[k.span()]).collect();
            assert_eq!(keys, ["a", "\"b|c\""]);
            assert!(matches!(f.q.facts[1].1, AnswerFact::Counts(_)));
        }
        let e = toml::from_str::<F>("[q]\nshares = { a = \"76\" }\n").unwrap_err();
        assert!(e.message().contains("expected a number"), "{e}");
        let e = toml::from_str::<F>("[q]\ncounts = { a = 2.5 }\n").unwrap_err();
        assert!(e.message().contains("invalid type"), "{e}");
    }
}
