//! The typed shape of the facts file, as serde reads it, with the span of every fact.
//!
//! The keys of an index or section table decide the type of their value (`levels_<group>` a table
//! level = count, `mean` a number, `top3` a list of units, `lacks` a list of `{ unit, points,
//! to_level }`, ...), so the tables are read by a visitor that picks the type per key: a value of
//! the wrong form is an error at its place that says what was expected. Keys without a meaning
//! for the tool are kept as values (the checks list them as not checked).
//!
//! `[answers.<question id>]` tables are read by `answer_model`.
//!
//! The tables outside `[e_index]`/`[index]`, `[sections.<id>]`, `[answers]` and `[groups]` hold
//! general facts, each read with the span of its own key (`participation.invited`). Their forms
//! are not enforced: a general fact of a form its check does not take is listed as not checked, as
//! any unknown key.
//!
//! The checks read every fact from this model, and place each check at the key of its fact.

use super::answer_model::AnswerFacts;
use super::{parse_base, parse_level_units, Base};
use crate::verify::table::PubValue;
use indexmap::IndexMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::HashSet;
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
    /// `[answers.<question id>]`.
    Answers(Vec<(Spanned<String>, AnswerFacts)>),
    /// Any other table (`[participation]`): general facts, each with its key.
    General(Vec<(Spanned<String>, GeneralFact)>),
    /// A top-level key that is not a table: a general fact.
    Fact(GeneralFact),
}

/// A general fact: the form its check reads, and the value as written (shown when not checked).
#[derive(Debug, Clone)]
pub(super) struct GeneralFact {
    pub form: GeneralForm,
    pub value: toml::Value,
}

/// The form of a general fact's value, as the checks take it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum GeneralForm {
    /// An integer (`index_computed = 37`).
    Integer(i64),
    /// A list: its strings (`names_lv = [ ... ]`).
    Strings(Vec<String>),
    /// A table: its integer entries (`by_planning_region = { Vidzeme = 10 }`).
    Counts(Vec<(String, i64)>),
    /// Any other value.
    Other,
}

impl GeneralFact {
    fn new(value: toml::Value) -> GeneralFact {
        let form = match &value {
            toml::Value::Integer(i) => GeneralForm::Integer(*i),
            toml::Value::Array(a) => GeneralForm::Strings(
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect(),
            ),
            toml::Value::Table(t) => GeneralForm::Counts(
                t.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_integer()?)))
                    .collect(),
            ),
            _ => GeneralForm::Other,
        };
        GeneralFact { form, value }
    }
}

impl<'de> Deserialize<'de> for GeneralFact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        toml::Value::deserialize(d).map(GeneralFact::new)
    }
}

/// The facts of the index or of one section, in file order.
#[derive(Debug, Clone)]
pub(super) struct ScopeFacts {
    pub facts: Vec<(Spanned<String>, ScopeFact)>,
}

/// One fact of an index or section table.
#[derive(Debug, Clone)]
pub(super) enum ScopeFact {
    /// `levels[_<group>] = { 3 = 12, 2 = 23 }`.
    Levels(IndexMap<LevelKey, u32>),
    /// `zero_score[_<group>] = 18`.
    Zero(u32),
    /// `mean[_<group>] = 48.6`.
    Mean(FactNumber),
    /// `top<N>[_<group>] = [ ... ]`.
    Top(Vec<String>),
    /// `precise = { unit = 72.4 }`.
    Precise(IndexMap<String, FactNumber>),
    /// `lacks = [ { unit, points, to_level } ]`, each with the span of its entry.
    Lacks(Vec<Spanned<LacksEntry>>),
    /// `level_<k>_units = [ ... ]`.
    LevelUnits(Vec<String>),
    /// A key without a meaning for the tool.
    Other(toml::Value),
}

/// `{ unit = "...", points = 1, to_level = 3 }`; `points` may be left out. Read as a serde
/// derive with `deny_unknown_fields` reads it (a table, or a list in field order, with the same
/// messages), keeping the form it is written in to write it back.
#[derive(Debug, Clone)]
pub(super) struct LacksEntry {
    pub unit: String,
    pub points: Option<FactNumber>,
    pub to_level: u8,
    /// The fields in the order written; `None` for the list form.
    written: Option<Vec<LacksField>>,
}

/// A field of a `lacks` entry.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LacksField {
    Unit,
    Points,
    ToLevel,
}

const LACKS_FIELDS: &[&str] = &["unit", "points", "to_level"];

impl<'de> Deserialize<'de> for LacksField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "unit" => Ok(LacksField::Unit),
            "points" => Ok(LacksField::Points),
            "to_level" => Ok(LacksField::ToLevel),
            _ => Err(de::Error::unknown_field(&s, LACKS_FIELDS)),
        }
    }
}

impl<'de> Deserialize<'de> for LacksEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("LacksEntry", LACKS_FIELDS, LacksVisitor)
    }
}

struct LacksVisitor;

impl<'de> Visitor<'de> for LacksVisitor {
    type Value = LacksEntry;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("struct LacksEntry")
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<LacksEntry, A::Error> {
        let len = "struct LacksEntry with 3 elements";
        let unit = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &len))?;
        let points = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &len))?;
        let to_level = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(2, &len))?;
        Ok(LacksEntry {
            unit,
            points,
            to_level,
            written: None,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LacksEntry, A::Error> {
        let (mut unit, mut points, mut to_level) = (None, None, None);
        let mut order = Vec::new();
        while let Some(field) = map.next_key::<LacksField>()? {
            if order.contains(&field) {
                let name = LACKS_FIELDS[field as usize];
                return Err(de::Error::duplicate_field(name));
            }
            order.push(field);
            match field {
                LacksField::Unit => unit = Some(map.next_value()?),
                LacksField::Points => points = map.next_value()?,
                LacksField::ToLevel => to_level = Some(map.next_value()?),
            }
        }
        Ok(LacksEntry {
            unit: unit.ok_or_else(|| de::Error::missing_field("unit"))?,
            points,
            to_level: to_level.ok_or_else(|| de::Error::missing_field("to_level"))?,
            written: Some(order),
        })
    }
}

impl LacksEntry {
    /// The entry as it is written: a table in its field order, or a list.
    fn to_value(&self) -> toml::Value {
        use toml::Value as V;
        let value = |f: LacksField| match f {
            LacksField::Unit => Some(V::String(self.unit.clone())),
            LacksField::Points => self.points.map(FactNumber::to_value),
            LacksField::ToLevel => Some(V::Integer(i64::from(self.to_level))),
        };
        let all = [LacksField::Unit, LacksField::Points, LacksField::ToLevel];
        match &self.written {
            Some(order) => V::Table(
                order
                    .iter()
                    .filter_map(|&f| Some((LACKS_FIELDS[f as usize].to_string(), value(f)?)))
                    .collect(),
            ),
            None => V::Array(all.into_iter().filter_map(value).collect()),
        }
    }
}

/// A level number written as a key (`3 = 12`), with the key as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct LevelKey {
    pub level: u8,
    pub text: String,
}

impl<'de> Deserialize<'de> for LevelKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.parse() {
            Ok(level) => Ok(LevelKey { level, text: s }),
            Err(_) => Err(de::Error::custom(format!(
                "expected a level number (0..=255), found `{s}`"
            ))),
        }
    }
}

/// A number as the report prints it: an integer or a decimal.
#[derive(Debug, Clone, Copy)]
pub(super) enum FactNumber {
    Integer(i64),
    Float(f64),
}

impl FactNumber {
    /// The number with the precision it is written with.
    pub fn to_pub(self) -> Option<PubValue> {
        match self {
            FactNumber::Integer(i) => PubValue::parse(&i.to_string()),
            FactNumber::Float(f) => PubValue::parse(&format!("{f}")),
        }
    }

    /// The number as TOML writes it.
    pub fn to_value(self) -> toml::Value {
        match self {
            FactNumber::Integer(i) => toml::Value::Integer(i),
            FactNumber::Float(f) => toml::Value::Float(f),
        }
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
                Ok(FactNumber::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<FactNumber, E> {
                i64::try_from(v)
                    .map(FactNumber::Integer)
                    .map_err(|_| E::custom(format!("number out of range: {v}")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<FactNumber, E> {
                Ok(FactNumber::Float(v))
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

/// Reads the facts file; `tables` are the top-level keys whose value is a table (the file as
/// plain TOML says which), so that a table of general facts is read key by key.
pub(super) fn read(text: &str, tables: &HashSet<String>) -> Result<RawFacts, toml::de::Error> {
    FactsSeed { tables }.deserialize(toml::Deserializer::parse(text)?)
}

struct FactsSeed<'t> {
    tables: &'t HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for FactsSeed<'_> {
    type Value = RawFacts;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawFacts, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed<'_> {
    type Value = RawFacts;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a facts file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawFacts, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let k = key.get_ref().as_str();
            let entry = match k {
                "groups" => TopEntry::Groups(map.next_value()?),
                "e_index" | "index" => TopEntry::Scope(map.next_value()?),
                "sections" => {
                    let secs: IndexMap<Spanned<String>, ScopeFacts> = map.next_value()?;
                    TopEntry::Sections(secs.into_iter().collect())
                }
                "answers" => {
                    let qs: IndexMap<Spanned<String>, AnswerFacts> = map.next_value()?;
                    TopEntry::Answers(qs.into_iter().collect())
                }
                _ if self.tables.contains(k) => {
                    let facts: IndexMap<Spanned<String>, GeneralFact> = map.next_value()?;
                    TopEntry::General(facts.into_iter().collect())
                }
                _ => TopEntry::Fact(map.next_value()?),
            };
            entries.push((key, entry));
        }
        Ok(RawFacts { entries })
    }
}

impl RawFacts {
    /// Every `precise` value: `(section id, or None for the index; unit, value)`.
    pub fn precise(&self) -> Vec<(Option<&str>, &str, FactNumber)> {
        let mut out = Vec::new();
        for (section, s) in self.scopes() {
            for (_, fact) in &s.facts {
                if let ScopeFact::Precise(m) = fact {
                    out.extend(m.iter().map(|(u, v)| (section, u.as_str(), *v)));
                }
            }
        }
        out
    }

    /// The index and section tables in file order: `(section id, or None for the index; facts)`.
    pub fn scopes(&self) -> Vec<(Option<&str>, &ScopeFacts)> {
        let mut out = Vec::new();
        for (_, entry) in &self.entries {
            match entry {
                TopEntry::Scope(s) => out.push((None, s)),
                TopEntry::Sections(secs) => {
                    out.extend(secs.iter().map(|(id, s)| (Some(id.get_ref().as_str()), s)));
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
}

impl ScopeFacts {
    /// The fact under `key`.
    pub fn get(&self, key: &str) -> Option<&ScopeFact> {
        self.facts
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, f)| f)
    }

    /// The span of the key `key`.
    pub fn key_span(&self, key: &str) -> Option<std::ops::Range<usize>> {
        self.facts
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(k, _)| k.span())
    }

    /// The table as TOML writes it (for a table the checks cannot place).
    pub fn to_value(&self) -> toml::Value {
        let mut t = toml::Table::new();
        for (k, f) in &self.facts {
            t.insert(k.get_ref().clone(), f.to_value());
        }
        toml::Value::Table(t)
    }
}

impl ScopeFact {
    /// The fact as TOML writes it.
    pub fn to_value(&self) -> toml::Value {
        use toml::Value as V;
        let strings = |l: &[String]| V::Array(l.iter().map(|s| V::String(s.clone())).collect());
        match self {
            ScopeFact::Levels(m) => V::Table(
                m.iter()
                    .map(|(k, n)| (k.text.clone(), V::Integer(i64::from(*n))))
                    .collect(),
            ),
            ScopeFact::Zero(n) => V::Integer(i64::from(*n)),
            ScopeFact::Mean(x) => x.to_value(),
            ScopeFact::Top(l) | ScopeFact::LevelUnits(l) => strings(l),
            ScopeFact::Precise(m) => {
                V::Table(m.iter().map(|(u, x)| (u.clone(), x.to_value())).collect())
            }
            ScopeFact::Lacks(items) => {
                V::Array(items.iter().map(|e| e.get_ref().to_value()).collect())
            }
            ScopeFact::Other(v) => v.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> RawFacts {
        let table: toml::Table = text.parse().unwrap();
        let tables = table
            .iter()
            .filter(|(_, v)| v.is_table())
            .map(|(k, _)| k.clone())
            .collect();
        read(text, &tables).unwrap()
    }

    #[test]
    fn general_facts_are_read_key_by_key_in_any_form() {
        let text = "published = 2022-12-01\nsections_total = 5\n\n[participation]\n\
                    invited = 45\nwhen = 2022-12-01\nnames_lv = [\"a\", 1, \"b\"]\n\
                    by_region = { A = 2, B = \"x\" }\n";
        let raw = read_text(text);
        let keys: Vec<&str> = raw.entries.iter().map(|(k, _)| &text[k.span()]).collect();
        assert_eq!(keys, ["published", "sections_total", "participation"]);
        let TopEntry::Fact(g) = &raw.entries[0].1 else {
            panic!("{:?}", raw.entries[0])
        };
        assert!(matches!(g.value, toml::Value::Datetime(_)));
        assert_eq!(g.form, GeneralForm::Other);
        let TopEntry::Fact(g) = &raw.entries[1].1 else {
            panic!("{:?}", raw.entries[1])
        };
        assert_eq!(g.form, GeneralForm::Integer(5));
        let TopEntry::General(facts) = &raw.entries[2].1 else {
            panic!("{:?}", raw.entries[2])
        };
        let read: Vec<(&str, &GeneralForm)> = facts
            .iter()
            .map(|(k, g)| (&text[k.span()], &g.form))
            .collect();
        assert_eq!(
            read,
            [
                ("invited", &GeneralForm::Integer(45)),
                ("when", &GeneralForm::Other),
                (
                    "names_lv",
                    &GeneralForm::Strings(vec!["a".into(), "b".into()])
                ),
                ("by_region", &GeneralForm::Counts(vec![("A".into(), 2)])),
            ]
        );
    }

    #[test]
    fn a_table_of_facts_is_written_back_as_toml() {
        let text = "[sections.nope]\nlevels = { 3 = 1, 02 = 2 }\nmean = 48.6\nzero_score = 4\n\
                    top3 = [\"A\"]\nprecise = { A = 7 }\n\
                    lacks = [ { to_level = 3, unit = \"A\" }, [\"B\", 2, 4] ]\nnote = \"x\"\n";
        let raw = read_text(text);
        let TopEntry::Sections(secs) = &raw.entries[0].1 else {
            panic!("{:?}", raw.entries[0])
        };
        assert_eq!(&text[secs[0].0.span()], "nope");
        assert_eq!(
            super::super::compact(&secs[0].1.to_value()),
            "{ levels = { 3 = 1, 02 = 2 }, mean = 48.6, zero_score = 4, top3 = [\"A\"], \
             precise = { A = 7 }, lacks = [{ to_level = 3, unit = \"A\" }, [\"B\", 2, 4]], note = \"x\" }"
        );
    }

    /// What `LacksEntry` was read as before: a serde derive.
    mod derived {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        pub struct LacksEntry {
            pub unit: String,
            pub points: Option<f64>,
            pub to_level: u8,
        }
    }

    #[test]
    fn lacks_entries_are_read_as_the_derive_read_them() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Ours {
            lacks: Vec<LacksEntry>,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Derived {
            lacks: Vec<derived::LacksEntry>,
        }
        for entry in [
            "{ unit = \"A\", point = 1, to_level = 3 }",
            "{ points = 1, to_level = 3 }",
            "{ unit = \"A\", points = 1 }",
            "{ unit = 5, to_level = 3 }",
            "{ unit = \"A\", to_level = 300 }",
            "5",
            "[\"A\", 1]",
        ] {
            let text = format!("lacks = [ {{ unit = \"B\", to_level = 2 }}, {entry} ]\n");
            let ours = toml::from_str::<Ours>(&text).unwrap_err();
            let derived = toml::from_str::<Derived>(&text).unwrap_err();
            assert_eq!(ours.to_string(), derived.to_string(), "{entry}");
            assert_eq!(ours.span(), derived.span(), "{entry}");
        }
        // (both ignore elements past the third)
        for entry in [
            "{ to_level = 3, unit = \"A\" }",
            "[\"A\", 1, 3]",
            "[\"A\", 1, 3, 4]",
        ] {
            let text = format!("lacks = [ {entry} ]\n");
            assert!(toml::from_str::<Ours>(&text).is_ok(), "{entry}");
            assert!(toml::from_str::<Derived>(&text).is_ok(), "{entry}");
        }
    }
}
