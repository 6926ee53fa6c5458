//! The facts file and the checks of each published fact.
//!
//! Understood keys (in `[e_index]` / `[index]` and `[sections.<id>]`):
//! `levels` (level → count), `zero_score`, `mean`, `top<N>` (ordered unit list), each optionally
//! `_<group>`; `precise` (unit → value), `lacks` (`{ unit, points, to_level }`),
//! `level_<k>_units`. Anywhere else: `index_computed`, `min_sections_for_index`, `sections_total`,
//! `by_<metadata field>` (option → units), `names_lv`/`names_en` (level names). `[groups]` maps group
//! names to options (`field = "type"`, `valstspilsetas = "valstspilseta"`). `[answers.<question>]`
//! tables give answer shares and counts (`answers`). Every other key is listed as not checked.

use super::bounds::{self, Interval};
use super::error::VerifyError;
use super::table::{target_name, PubValue, Published};
use super::thresholds::{self, CountFact, LacksFact};
use super::Location;
use super::{
    compare_value, gap, iv_text, lacks_text, level_name, short, Check, GroupingInfo, Msg, Options,
    Status, Text, ThresholdReport, UnitValues, Val,
};
use crate::eval;
use crate::hir::{Program, ThresholdKind};
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::Question;
use crate::suggest;
use crate::value::Value;
pub(crate) use answers::answer_ids;
use indexmap::IndexMap;
use model::{
    FactNumber, GeneralFact, GeneralForm, LacksEntry, LevelKey, ScopeFact, ScopeFacts, TopEntry,
};
use scope::zero_count;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

mod answer_model;
mod answers;
mod group;
mod groupings;
mod model;
mod scope;
mod threshold_checks;

/// A facts file.
#[derive(Debug, Clone)]
pub struct Facts {
    pub path: String,
    /// The file's text (for the places of its facts).
    text: String,
    /// The file as the typed model reads it.
    raw: model::RawFacts,
}

impl Facts {
    /// The place of the fact whose key has `span`.
    fn loc(&self, span: Range<usize>) -> Location {
        Location::of(&self.text, span.start)
    }
}

/// Reads a facts file (TOML): first as plain TOML (a syntax error), then through the typed model
/// (a fact of the wrong form).
pub fn load_facts(path: &Path) -> Result<Facts, VerifyError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| VerifyError::FactsRead {
        path: name.clone(),
        source,
    })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let place = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                let col = s.start
                    - text[..s.start.min(text.len())]
                        .rfind('\n')
                        .map_or(0, |i| i + 1)
                    + 1;
                format!(":{line}:{col}")
            })
            .unwrap_or_default();
        VerifyError::FactsToml {
            path: name.clone(),
            place,
            message: e.message().to_string(),
        }
    })?;
    // the top-level keys whose value is a table: their keys are facts
    let tables: HashSet<String> = table
        .iter()
        .filter(|(_, v)| v.is_table())
        .map(|(k, _)| k.clone())
        .collect();
    let raw = model::read(&text, &tables).map_err(|e| VerifyError::FactsShape {
        path: name.clone(),
        place: e
            .span()
            .map(|s| {
                let l = Location::of(&text, s.start);
                format!(":{}:{}", l.line, l.column)
            })
            .unwrap_or_default(),
        message: e.message().to_string(),
    })?;
    Ok(Facts {
        path: name,
        text,
        raw,
    })
}

/// The comparison key of a unit name: NFC, trimmed.
pub(crate) fn key(s: &str) -> String {
    suggest::nfc(s.trim())
}

/// The option of a single-choice field named by `text` (id or Latvian label; case and diacritics
/// ignored).
pub(crate) fn option_of(q: &Question, text: &str) -> Option<u16> {
    let opts = q.kind.options();
    let t = text.trim();
    if let Some(i) = opts.iter().position(|o| o.id == t || o.lv == t) {
        return Some(i as u16);
    }
    let f = suggest::fold(t);
    opts.iter()
        .position(|o| suggest::fold(&o.id) == f || suggest::fold(&o.lv) == f)
        .map(|i| i as u16)
}

/// A value of the facts file as one line (`{ Vidzeme = 10, Latgale = 9 }`).
fn compact(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => format!("\"{s}\""),
        toml::Value::Table(t) => {
            let parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k} = {}", compact(v)))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        toml::Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(compact).collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Base {
    Levels,
    Zero,
    Mean,
    Top(usize),
}

/// `mean_regional` → (Mean, Some("regional")).
fn parse_base(key: &str) -> Option<(Base, Option<&str>)> {
    for (prefix, base) in [
        ("levels", Base::Levels),
        ("zero_score", Base::Zero),
        ("mean", Base::Mean),
    ] {
        if key == prefix {
            return Some((base, None));
        }
        if let Some(g) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('_')) {
            return Some((base, Some(g)));
        }
    }
    let rest = key.strip_prefix("top")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok()?;
    let after = &rest[digits.len()..];
    if after.is_empty() {
        Some((Base::Top(n), None))
    } else {
        after.strip_prefix('_').map(|g| (Base::Top(n), Some(g)))
    }
}

/// `level_3_units` → 3.
fn parse_level_units(key: &str) -> Option<u8> {
    key.strip_prefix("level_")?
        .strip_suffix("_units")?
        .parse()
        .ok()
}

/// An index or section table of the facts file.
struct Scope<'f> {
    path: String,
    target: Option<usize>,
    /// The span of the table's name (`e_index`, the section id).
    name: Range<usize>,
    facts: &'f ScopeFacts,
}

#[derive(Debug, Clone)]
struct GroupField {
    slot: usize,
    id: String,
}

/// The verification context: the program, the computed values and the checks found so far.
pub(crate) struct Cx<'a> {
    pub p: &'a Program,
    pub plan: &'a Plan,
    pub units: &'a [UnitValues],
    pub published: &'a Published,
    by_key: HashMap<String, usize>,
    /// Per unit: its published row.
    pub_row: Vec<Option<usize>>,
    group: Option<GroupField>,
    /// `(name in the facts, option id)`.
    names: Vec<(String, String)>,
    /// `(unit, target) → precise published value`.
    precise: HashMap<(usize, usize), PubValue>,
    /// `--share-tolerance`, in points.
    share_tolerance: Num,
    pub checks: Vec<Check>,
}

impl<'a> Cx<'a> {
    pub fn new(
        p: &'a Program,
        plan: &'a Plan,
        units: &'a [UnitValues],
        published: &'a Published,
        facts: Option<&Facts>,
        opts: &Options,
    ) -> Result<Self, VerifyError> {
        let by_key: HashMap<String, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (key(&u.id), i))
            .collect();
        let mut pub_row = vec![None; units.len()];
        for (r, row) in published.rows.iter().enumerate() {
            if let Some(&u) = by_key.get(&key(&row.unit)) {
                pub_row[u] = Some(r);
            }
        }
        let groups = facts.and_then(|f| f.raw.groups());
        let field = opts.group_by.clone().or_else(|| {
            groups
                .and_then(|g| g.get("field"))
                .map(|v| v.get_ref().clone())
        });
        let group = match field {
            None => None,
            Some(f) => Some(group_field(p, f)?),
        };
        let nq = p.schema.questions.len();
        let mut names: Vec<(String, String)> = opts.groups.clone();
        for (k, v) in groups.into_iter().flatten() {
            if k != "field" && !names.iter().any(|(n, _)| n == k) {
                names.push((k.clone(), v.get_ref().clone()));
            }
        }
        if let Some(g) = &group {
            let q = &p.schema.meta[g.slot - nq];
            for (n, o) in &names {
                if q.option_index(o).is_none() {
                    let ids: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
                    return Err(VerifyError::GroupOption {
                        name: n.clone(),
                        option: o.clone(),
                        field: g.id.clone(),
                        hint: suggest::hint(o, ids.iter().copied(), "option"),
                    });
                }
            }
        } else if !names.is_empty() {
            return Err(VerifyError::GroupWithoutField);
        }
        let mut cx = Cx {
            p,
            plan,
            units,
            published,
            by_key,
            pub_row,
            group,
            names,
            precise: HashMap::new(),
            share_tolerance: opts.share_tolerance,
            checks: Vec::new(),
        };
        if let Some(f) = facts {
            for (section, unit, value) in f.raw.precise() {
                let t = match section {
                    None => Some(p.sections.len()),
                    Some(id) => p.sections.iter().position(|x| x.id == id),
                };
                if let (Some(t), Some(ui), Some(pv)) = (t, cx.unit_index(unit), value.to_pub()) {
                    cx.precise.insert((ui, t), pv);
                }
            }
        }
        Ok(cx)
    }

    pub fn push(&mut self, c: Check) {
        self.checks.push(c);
    }

    pub fn matched(&self) -> usize {
        self.pub_row.iter().filter(|r| r.is_some()).count()
    }

    /// The unit named `name`: exact (NFC) or, if unique, ignoring case and diacritics.
    pub fn unit_index(&self, name: &str) -> Option<usize> {
        if let Some(&i) = self.by_key.get(&key(name)) {
            return Some(i);
        }
        let f = suggest::fold(name);
        let hits: Vec<usize> = (0..self.units.len())
            .filter(|&i| suggest::fold(&self.units[i].id) == f)
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }

    /// What to say of a unit name no unit has: the closest name, else the names there are.
    pub fn unit_hint(&self, name: &str) -> Option<Text> {
        let ids = self.units.iter().map(|u| u.id.as_str());
        Some(match suggest::closest(name, ids.clone()) {
            Some(c) => Msg.f("verify-did-you-mean", [("name", c.into())]),
            None if self.units.is_empty() => Msg.t("verify-no-units"),
            None if self.units.len() <= 12 => {
                let all: Vec<Text> = ids.map(|u| format!("`{u}`").into()).collect();
                Msg.f("verify-units-are", [("units", Text::join(all, ", "))])
            }
            None => Msg.t("verify-no-such-unit"),
        })
    }

    pub fn grouping_info(&self) -> Option<GroupingInfo> {
        let g = self.group.as_ref()?;
        let q = self.meta(g.slot);
        let sizes = q
            .kind
            .options()
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.clone(), self.members_of(g.slot, i as u16).len()))
            .collect();
        Some(GroupingInfo {
            field: g.id.clone(),
            sizes,
            names: self.names.clone(),
        })
    }

    fn meta(&self, slot: usize) -> &'a Question {
        &self.p.schema.meta[slot - self.p.schema.questions.len()]
    }

    fn members_of(&self, slot: usize, opt: u16) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&i| self.units[i].answers.get(slot) == Some(&Value::Choice(opt)))
            .collect()
    }

    /// The option a group name of the facts means.
    fn group_option(&self, name: &str) -> Result<u16, VerifyError> {
        let Some(g) = &self.group else {
            return Err(VerifyError::NoGrouping { name: name.into() });
        };
        let q = self.meta(g.slot);
        let id = self
            .names
            .iter()
            .find(|(n, _)| n == name)
            .map_or(name, |(_, o)| o.as_str());
        q.option_index(id).map(|i| i as u16).ok_or_else(|| {
            let ids: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
            VerifyError::UnknownGroup {
                name: name.into(),
                field: g.id.clone(),
                options: ids.join(", "),
            }
        })
    }

    /// Each `[e_index]`/`[index]` and `[sections.<id>]` table: its path, its target (`None` for a
    /// section the ruleset does not have), the span of its name and its facts.
    fn scopes<'f>(&self, f: &'f Facts) -> Vec<Scope<'f>> {
        let ns = self.p.sections.len();
        let mut out = Vec::new();
        for (key, entry) in &f.raw.entries {
            match entry {
                TopEntry::Scope(facts) => out.push(Scope {
                    path: key.get_ref().clone(),
                    target: Some(ns),
                    name: key.span(),
                    facts,
                }),
                TopEntry::Sections(secs) => {
                    for (id, facts) in secs {
                        out.push(Scope {
                            path: format!("sections.{}", id.get_ref()),
                            target: self.p.sections.iter().position(|x| &x.id == id.get_ref()),
                            name: id.span(),
                            facts,
                        });
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Gives the checks from `start` on that have no place yet the place `at`.
    fn place(&mut self, start: usize, at: Location) {
        for c in self.checks.iter_mut().skip(start) {
            c.at.get_or_insert(at);
        }
    }

    fn val(&self, u: usize, t: usize) -> Option<Val> {
        self.units[u].vals[t]
    }

    fn compared(&self, v: Num) -> Num {
        eval::compared(self.plan, v)
    }

    fn level_of(&self, t: usize, compared: Num) -> u8 {
        match self.p.sections.get(t) {
            Some(s) if s.zero_apart && compared.is_zero() => 0,
            Some(s) => s.thresholds.level(compared),
            None => self.p.index.thresholds.level(compared),
        }
    }

    /// The lowest and highest level a unit's value can have within its rounding interval (the
    /// interval's upper end is open: a value rounded half up never reaches it).
    fn level_range(&self, t: usize, v: &Val) -> (u8, u8) {
        if v.possible.lo == v.possible.hi {
            return (v.level, v.level);
        }
        let eps = Num::frac(1, 1_000_000_000_000).unwrap_or(Num::ZERO);
        let hi = v.possible.hi.sub(eps).unwrap_or(v.possible.hi);
        let a = self.level_of(t, self.compared(v.possible.lo));
        let b = self.level_of(t, self.compared(hi));
        (a.min(v.level), b.max(v.level))
    }

    /// The most precise published value of a unit: `precise` fact, else the table.
    fn pub_value(&self, u: usize, t: usize) -> Option<PubValue> {
        if let Some(v) = self.precise.get(&(u, t)) {
            return Some(v.clone());
        }
        let r = self.pub_row[u]?;
        self.published.rows[r].values[t].clone()
    }

    /// A unit's value interval narrowed by what the report printed for it.
    fn feasible(&self, u: usize, t: usize, v: &Val) -> Interval {
        match self.pub_value(u, t) {
            Some(pv) => bounds::published_interval(pv.value, pv.decimals)
                .intersect(&v.possible)
                .unwrap_or(v.possible),
            None => v.possible,
        }
    }

    fn all_units(&self) -> Vec<usize> {
        (0..self.units.len()).collect()
    }

    fn fact_check(&self, fact: String, what: Text, target: usize) -> Check {
        Check {
            area: "facts".into(),
            fact,
            what,
            unit: None,
            target: Some(target_name(self.p, target).to_string()),
            published: Text::default(),
            computed: Text::default(),
            status: Status::Passed,
            note: None,
            detail: None,
            at: None,
        }
    }

    fn not_checked(&mut self, fact: String, v: &toml::Value, why: Text) {
        self.push(Check {
            area: "facts".into(),
            fact,
            what: Text::default(),
            unit: None,
            target: None,
            published: compact(v).into(),
            computed: Text::default(),
            status: Status::NotChecked,
            note: Some(why),
            detail: None,
            at: None,
        });
    }
}

/// Why a group fact is not checked (a [`VerifyError`] of its group), in words of the catalogue.
fn group_error_text(e: &VerifyError) -> Text {
    match e {
        VerifyError::NoGrouping { name } => Msg.f("verify-no-grouping", [("name", name.into())]),
        VerifyError::UnknownGroup {
            name,
            field,
            options,
        } => Msg.f(
            "verify-unknown-group",
            [
                ("name", name.into()),
                ("field", field.into()),
                ("options", options.into()),
            ],
        ),
        other => other.to_string().into(),
    }
}

/// The `--group-by` field: a single-choice metadata field of the schema.
fn group_field(p: &Program, f: String) -> Result<GroupField, VerifyError> {
    let nq = p.schema.questions.len();
    let idx = p
        .schema
        .meta
        .iter()
        .position(|m| m.id == f && !m.kind.options().is_empty())
        .ok_or_else(|| {
            let names: Vec<&str> = p
                .schema
                .meta
                .iter()
                .filter(|m| !m.kind.options().is_empty())
                .map(|m| m.id.as_str())
                .collect();
            VerifyError::GroupBy {
                hint: suggest::hint(&f, names.iter().copied(), "field"),
                field: f.clone(),
            }
        })?;
    Ok(GroupField {
        slot: nq + idx,
        id: f,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fact_keys_with_groups() {
        assert_eq!(parse_base("mean"), Some((Base::Mean, None)));
        assert_eq!(
            parse_base("mean_regional"),
            Some((Base::Mean, Some("regional")))
        );
        assert_eq!(parse_base("top3"), Some((Base::Top(3), None)));
        assert_eq!(
            parse_base("top5_valstspilsetas"),
            Some((Base::Top(5), Some("valstspilsetas")))
        );
        assert_eq!(parse_base("levels"), Some((Base::Levels, None)));
        assert_eq!(parse_base("zero_score"), Some((Base::Zero, None)));
        assert_eq!(parse_base("lacks"), None);
        assert_eq!(parse_base("topx"), None);
        assert_eq!(parse_level_units("level_3_units"), Some(3));
        assert_eq!(parse_level_units("level_units"), None);
    }

    #[test]
    fn facts_numbers_keep_their_precision() {
        let v = FactNumber::Float(48.6).to_pub().unwrap();
        assert_eq!((v.text.as_str(), v.decimals), ("48.6", 1));
        let v = FactNumber::Integer(56).to_pub().unwrap();
        assert_eq!((v.text.as_str(), v.decimals), ("56", 0));
    }
}
