//! The typed shape of the facts file, as serde reads it, with the span of every fact.
//!
//! The keys of an index or section table decide the type of their value (`levels_<group>` a table
//! level = count, `mean` a number, `top3` a list of units, `lacks` a list of `{ unit, points,
//! to_level }`, ...), so the tables are read by a visitor that picks the type per key: a value of
//! the wrong form is an error at its place that says what was expected. Keys without a meaning
//! for the tool are kept as values (the checks list them as not checked), as are the tables
//! outside `[e_index]`/`[index]`, `[sections.<id>]` and `[groups]` (general facts, checked by key).
//!
//! The checks read the values from the file's `toml::Table`; this model validates the file and
//! gives each fact path (`sections.communication.levels_regional`) its place.

use super::{parse_base, parse_level_units, Base};
use crate::hir::Section;
use crate::verify::table::PubValue;
use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use toml::Spanned;

/// The facts file: its top-level keys in file order.
#[derive(Debug, Clone)]
pub(super) struct RawFacts {
    pub entries: Vec<(Spanned<String>, TopEntry)>,
}

/// A top-level key of the facts file.
#[derive(Debug, Clone)]
pub(super) enum TopEntry {
    /// `[groups]`: `field = "type"`, `name = "option"`.
    Groups(IndexMap<String, Spanned<String>>),
    /// `[e_index]` or `[index]`.
    Scope(ScopeFacts),
    /// `[sections.<id>]`.
    Sections(Vec<(Spanned<String>, ScopeFacts)>),
    /// Anything else: general facts, checked by key (from the file's table).
    Other(#[allow(dead_code)] Spanned<toml::Value>),
}

/// The facts of the index or of one section, in file order.
#[derive(Debug, Clone)]
pub(super) struct ScopeFacts {
    pub facts: Vec<(Spanned<String>, ScopeFact)>,
}

/// One fact of an index or section table. Read to validate the file and to place each fact; the
/// checks still read the values from the file's table.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub(super) enum ScopeFact {
    /// `levels[_<group>] = { 3 = 12, 2 = 23 }`.
    Levels(IndexMap<Spanned<LevelKey>, Spanned<u32>>),
    /// `zero_score[_<group>] = 18`.
    Zero(Spanned<u32>),
    /// `mean[_<group>] = 48.6`.
    Mean(Spanned<FactNumber>),
    /// `top<N>[_<group>] = [ ... ]`.
    Top(Vec<Spanned<String>>),
    /// `precise = { unit = 72.4 }`.
    Precise(IndexMap<Spanned<String>, Spanned<FactNumber>>),
    /// `lacks = [ { unit, points, to_level } ]`.
    Lacks(Vec<Spanned<LacksEntry>>),
    /// `level_<k>_units = [ ... ]`.
    LevelUnits(Vec<Spanned<String>>),
    /// A key without a meaning for the tool.
    Other(Spanned<toml::Value>),
}

/// `{ unit = "...", points = 1, to_level = 3 }`; `points` may be left out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LacksEntry {
    #[allow(dead_code)]
    pub unit: String,
    #[allow(dead_code)]
    pub points: Option<FactNumber>,
    #[allow(dead_code)]
    pub to_level: u8,
}

/// A level number written as a key (`3 = 12`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct LevelKey(#[allow(dead_code)] pub u8);

impl<'de> Deserialize<'de> for LevelKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map(LevelKey).map_err(|_| {
            de::Error::custom(format!("expected a level number (0..=255), found `{s}`"))
        })
    }
}

/// A number as the report prints it: an integer or a decimal.
#[derive(Debug, Clone)]
pub(super) struct FactNumber(pub f64);

impl FactNumber {
    /// The number with the precision it is written with, as `fact_num` reads it from the table.
    pub fn to_pub(&self) -> Option<PubValue> {
        PubValue::parse(&format!("{}", self.0))
    }
}

impl<'de> Deserialize<'de> for FactNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = FactNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number (e.g. 56 or 48.6)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<FactNumber, E> {
                Ok(FactNumber(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FactNumber, E> {
                Ok(FactNumber(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FactNumber, E> {
                Ok(FactNumber(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for ScopeFacts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = ScopeFacts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a table of facts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScopeFacts, A::Error> {
                let mut facts = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let fact = scope_fact(key.get_ref(), &mut map)?;
                    facts.push((key, fact));
                }
                Ok(ScopeFacts { facts })
            }
        }
        d.deserialize_map(V)
    }
}

/// The value of `key` in an index or section table, of the type the key calls for.
fn scope_fact<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<ScopeFact, A::Error> {
    Ok(match parse_base(key) {
        Some((Base::Levels, _)) => ScopeFact::Levels(map.next_value()?),
        Some((Base::Zero, _)) => ScopeFact::Zero(map.next_value()?),
        Some((Base::Mean, _)) => ScopeFact::Mean(map.next_value()?),
        Some((Base::Top(_), _)) => ScopeFact::Top(map.next_value()?),
        None if key == "precise" => ScopeFact::Precise(map.next_value()?),
        None if key == "lacks" => ScopeFact::Lacks(map.next_value()?),
        None if parse_level_units(key).is_some() => ScopeFact::LevelUnits(map.next_value()?),
        None => ScopeFact::Other(map.next_value()?),
    })
}

impl<'de> Deserialize<'de> for RawFacts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawFacts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a facts file")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFacts, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let entry = match key.get_ref().as_str() {
                        "groups" => TopEntry::Groups(map.next_value()?),
                        "e_index" | "index" => TopEntry::Scope(map.next_value()?),
                        "sections" => {
                            let secs: IndexMap<Spanned<String>, ScopeFacts> = map.next_value()?;
                            TopEntry::Sections(secs.into_iter().collect())
                        }
                        _ => TopEntry::Other(map.next_value()?),
                    };
                    entries.push((key, entry));
                }
                Ok(RawFacts { entries })
            }
        }
        d.deserialize_map(V)
    }
}

impl RawFacts {
    /// Every `precise` value: `(target, unit, value)`, the index being target `sections.len()`;
    /// tables of sections the ruleset does not have are left out.
    pub fn precise<'a>(&'a self, sections: &[Section]) -> Vec<(usize, &'a str, &'a FactNumber)> {
        let mut out = Vec::new();
        let mut add = |t: usize, s: &'a ScopeFacts| {
            for (_, fact) in &s.facts {
                if let ScopeFact::Precise(m) = fact {
                    for (u, v) in m {
                        out.push((t, u.get_ref().as_str(), v.get_ref()));
                    }
                }
            }
        };
        for (_, entry) in &self.entries {
            match entry {
                TopEntry::Scope(s) => add(sections.len(), s),
                TopEntry::Sections(secs) => {
                    for (id, s) in secs {
                        if let Some(t) = sections.iter().position(|x| &x.id == id.get_ref()) {
                            add(t, s);
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// `[groups]`, if the file has it.
    pub fn groups(&self) -> Option<&IndexMap<String, Spanned<String>>> {
        self.entries.iter().find_map(|(_, e)| match e {
            TopEntry::Groups(g) => Some(g),
            _ => None,
        })
    }

    /// Every fact path (`e_index.precise`, `sections.communication.lacks[1]`,
    /// `participation.invited`) with the byte offset of its key (of its entry, for list items).
    pub fn places(&self) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        for (key, entry) in &self.entries {
            let k = key.get_ref();
            out.push((k.clone(), key.span().start));
            match entry {
                TopEntry::Groups(g) => {
                    for (name, v) in g {
                        out.push((format!("{k}.{name}"), v.span().start));
                    }
                }
                TopEntry::Scope(s) => scope_places(k, s, &mut out),
                TopEntry::Sections(secs) => {
                    for (id, s) in secs {
                        let path = format!("{k}.{}", id.get_ref());
                        out.push((path.clone(), id.span().start));
                        scope_places(&path, s, &mut out);
                    }
                }
                TopEntry::Other(_) => {}
            }
        }
        out
    }
}

fn scope_places(path: &str, s: &ScopeFacts, out: &mut Vec<(String, usize)>) {
    for (key, fact) in &s.facts {
        let p = format!("{path}.{}", key.get_ref());
        out.push((p.clone(), key.span().start));
        if let ScopeFact::Lacks(items) = fact {
            for (i, item) in items.iter().enumerate() {
                out.push((format!("{p}[{i}]"), item.span().start));
            }
        }
    }
}
