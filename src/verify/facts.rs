//! The facts file and the checks of each published fact.
//!
//! Understood keys (in `[e_index]` / `[index]` and `[sections.<id>]`):
//! `levels` (level → count), `zero_score`, `mean`, `top<N>` (ordered unit list), each optionally
//! `_<group>`; `precise` (unit → value), `lacks` (`{ unit, points, to_level }`),
//! `level_<k>_units`. Anywhere else: `index_computed`, `min_sections_for_index`, `sections_total`,
//! `by_<metadata field>` (option → units), `names_lv`/`names_en` (level names). `[groups]` maps group
//! names to options (`field = "type"`, `valstspilsetas = "valstspilseta"`). Every other key is listed
//! as not checked.

use super::bounds::{self, Interval};
use super::error::VerifyError;
use super::table::{target_name, PubValue, Published};
use super::thresholds::{self, CountFact, LacksFact};
use super::{
    compare_value, gap, iv_text, lacks_text, level_text, short, Check, GroupingInfo, Options,
    Status, ThresholdReport, UnitValues, Val,
};
use crate::eval;
use crate::hir::{Program, ThresholdKind};
use crate::num::Num;
use crate::plan::Plan;
use crate::schema::Question;
use crate::suggest;
use crate::value::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A facts file.
#[derive(Debug, Clone)]
pub struct Facts {
    pub path: String,
    pub table: toml::Table,
}

/// Reads a facts file (TOML).
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
    Ok(Facts { path: name, table })
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

/// A number of the facts file and its printed precision.
fn fact_num(v: &toml::Value) -> Option<PubValue> {
    match v {
        toml::Value::Integer(i) => PubValue::parse(&i.to_string()),
        toml::Value::Float(f) => PubValue::parse(&format!("{f}")),
        _ => None,
    }
}

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
        let groups_tbl = facts
            .and_then(|f| f.table.get("groups"))
            .and_then(|g| g.as_table());
        let field = opts.group_by.clone().or_else(|| {
            groups_tbl
                .and_then(|g| g.get("field"))
                .and_then(|v| v.as_str())
                .map(String::from)
        });
        let nq = p.schema.questions.len();
        let group = match field {
            None => None,
            Some(f) => {
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
                Some(GroupField {
                    slot: nq + idx,
                    id: f,
                })
            }
        };
        let mut names: Vec<(String, String)> = opts.groups.clone();
        if let Some(g) = groups_tbl {
            for (k, v) in g {
                if k == "field" {
                    continue;
                }
                if let Some(o) = v.as_str() {
                    if !names.iter().any(|(n, _)| n == k) {
                        names.push((k.clone(), o.to_string()));
                    }
                }
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
            checks: Vec::new(),
        };
        if let Some(f) = facts {
            for (_, t, tbl) in cx.scopes(f) {
                if let Some(toml::Value::Table(pr)) = tbl.get("precise") {
                    for (u, v) in pr {
                        if let (Some(ui), Some(pv)) = (cx.unit_index(u), fact_num(v)) {
                            cx.precise.insert((ui, t), pv);
                        }
                    }
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

    pub fn unit_hint(&self, name: &str) -> Option<String> {
        Some(suggest::hint(
            name,
            self.units.iter().map(|u| u.id.as_str()),
            "unit",
        ))
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

    /// `(path, target, table)` of each `[e_index]`/`[index]` and `[sections.<id>]` table.
    fn scopes<'f>(&self, f: &'f Facts) -> Vec<(String, usize, &'f toml::Table)> {
        let mut out = Vec::new();
        let ns = self.p.sections.len();
        for (k, v) in &f.table {
            match (k.as_str(), v) {
                ("e_index" | "index", toml::Value::Table(t)) => out.push((k.clone(), ns, t)),
                ("sections", toml::Value::Table(secs)) => {
                    for (id, sv) in secs {
                        if let (Some(s), toml::Value::Table(t)) =
                            (self.p.sections.iter().position(|x| &x.id == id), sv)
                        {
                            out.push((format!("sections.{id}"), s, t));
                        }
                    }
                }
                _ => {}
            }
        }
        out
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

    fn fact_check(&self, fact: String, what: String, target: usize) -> Check {
        Check {
            area: "facts".into(),
            fact,
            what,
            unit: None,
            target: Some(target_name(self.p, target).to_string()),
            published: String::new(),
            computed: String::new(),
            status: Status::Passed,
            note: None,
            detail: None,
        }
    }

    fn not_checked(&mut self, fact: String, v: &toml::Value, why: &str) {
        self.push(Check {
            area: "facts".into(),
            fact,
            what: String::new(),
            unit: None,
            target: None,
            published: compact(v),
            computed: String::new(),
            status: Status::NotChecked,
            note: Some(why.into()),
            detail: None,
        });
    }

    // -------------------------------------------------------------- the facts

    pub fn run_facts(&mut self, f: &Facts) {
        let ns = self.p.sections.len();
        for (k, v) in &f.table {
            match (k.as_str(), v) {
                ("groups", _) => {}
                ("e_index" | "index", toml::Value::Table(t)) => self.scope(k, ns, t),
                ("sections", toml::Value::Table(secs)) => {
                    for (id, sv) in secs {
                        let path = format!("sections.{id}");
                        match (self.p.sections.iter().position(|x| &x.id == id), sv) {
                            (Some(s), toml::Value::Table(t)) => self.scope(&path, s, t),
                            _ => self.not_checked(
                                path,
                                sv,
                                "the ruleset has no section of this name",
                            ),
                        }
                    }
                }
                (_, toml::Value::Table(t)) => {
                    for (k2, v2) in t {
                        self.general(&format!("{k}.{k2}"), k2, v2);
                    }
                }
                _ => self.general(k, k, v),
            }
        }
    }

    /// Facts outside the index and section tables.
    fn general(&mut self, path: &str, k: &str, v: &toml::Value) {
        let p = self.p;
        let int = v.as_integer();
        let ns = p.sections.len();
        let simple = |what: &str, published: String, computed: String| Check {
            area: "facts".into(),
            fact: path.to_string(),
            what: what.into(),
            unit: None,
            target: None,
            status: if published == computed {
                Status::Passed
            } else {
                Status::Failed
            },
            published,
            computed,
            note: None,
            detail: None,
        };
        match (k, int) {
            ("index_computed", Some(n)) => {
                let c = self.units.iter().filter(|u| u.vals[ns].is_some()).count();
                self.push(simple(
                    "units with a computed index",
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("min_sections_for_index", Some(n)) => {
                let c = p.index.min_sections;
                self.push(simple(
                    "sections needed for the index (min_sections)",
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("sections_total", Some(n)) => {
                self.push(simple(
                    "sections of the ruleset",
                    n.to_string(),
                    ns.to_string(),
                ));
            }
            ("names_lv" | "names_en", _) if v.is_array() => {
                let published: Vec<String> = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                let computed: Vec<String> = p
                    .levels
                    .iter()
                    .map(|l| {
                        if k == "names_lv" {
                            l.lv.clone()
                        } else {
                            l.en.clone().unwrap_or_default()
                        }
                    })
                    .collect();
                let what = if k == "names_lv" {
                    "level names (Latvian)"
                } else {
                    "level names (English)"
                };
                self.push(simple(what, published.join(", "), computed.join(", ")));
            }
            _ if k.starts_with("by_") && v.is_table() => {
                let field = &k[3..];
                let nq = p.schema.questions.len();
                let Some(mi) = p
                    .schema
                    .meta
                    .iter()
                    .position(|m| m.id == field && !m.kind.options().is_empty())
                else {
                    self.not_checked(
                        path.into(),
                        v,
                        "no single-choice metadata field of this name in the schema",
                    );
                    return;
                };
                let q = &p.schema.meta[mi];
                for (opt, n) in v.as_table().into_iter().flatten() {
                    let Some(n) = n.as_integer() else { continue };
                    match option_of(q, opt) {
                        Some(o) => {
                            let c = self.members_of(nq + mi, o).len();
                            let mut ch = simple(
                                &format!("units with {field} = {opt}"),
                                n.to_string(),
                                c.to_string(),
                            );
                            ch.fact = format!("{path}.{opt}");
                            self.push(ch);
                        }
                        None => self.not_checked(
                            format!("{path}.{opt}"),
                            &toml::Value::Integer(n),
                            &format!("`{opt}` is not an option of `{field}`"),
                        ),
                    }
                }
            }
            _ => self.not_checked(
                path.into(),
                v,
                "no generic meaning: nothing in the ruleset or the submissions to compare it with",
            ),
        }
    }

    /// The facts of one section or of the index.
    fn scope(&mut self, scope: &str, t: usize, tbl: &toml::Table) {
        let zero_all = tbl.get("zero_score").and_then(|v| v.as_integer());
        for (k, v) in tbl {
            let path = format!("{scope}.{k}");
            if let Some((base, group)) = parse_base(k) {
                let members = match group {
                    None => Ok((self.all_units(), None)),
                    Some(g) => self.group_option(g).map(|o| {
                        let slot = self.group.as_ref().map_or(0, |x| x.slot);
                        (self.members_of(slot, o), Some(g.to_string()))
                    }),
                };
                match members {
                    Ok((m, g)) => {
                        let zero = match (&base, &g) {
                            (Base::Levels, None) => zero_all.map(|z| z as usize),
                            (Base::Levels, Some(g)) => tbl
                                .get(&format!("zero_score_{g}"))
                                .and_then(|v| v.as_integer())
                                .map(|z| z as usize),
                            _ => None,
                        };
                        let cs = self.group_fact(&path, t, base, &m, g.as_deref(), v, zero);
                        self.checks.extend(cs);
                    }
                    Err(e) => self.not_checked(path, v, &e.to_string()),
                }
                continue;
            }
            if let Some(level) = parse_level_units(k) {
                self.level_units(&path, t, level, v, tbl);
                continue;
            }
            match k.as_str() {
                "precise" => self.precise_facts(&path, t, v),
                "lacks" => self.lacks_facts(&path, t, v),
                _ => self.not_checked(
                    path,
                    v,
                    "not a fact `eindex verify` knows (see docs/verify.md)",
                ),
            }
        }
    }

    /// A fact that depends on a set of units (all, or a group).
    #[allow(clippy::too_many_arguments)]
    fn group_fact(
        &self,
        path: &str,
        t: usize,
        base: Base,
        members: &[usize],
        group: Option<&str>,
        v: &toml::Value,
        zero: Option<usize>,
    ) -> Vec<Check> {
        let prefix = group.map(|g| format!("{g}: ")).unwrap_or_default();
        let have: Vec<(usize, Val)> = members
            .iter()
            .filter_map(|&u| self.val(u, t).map(|x| (u, x)))
            .collect();
        let bad = |what: &str| {
            let mut c = self.fact_check(path.into(), format!("{prefix}{what}"), t);
            c.published = compact(v);
            c.status = Status::NotChecked;
            c.note = Some(format!("cannot read the fact: expected {what}"));
            vec![c]
        };
        match base {
            Base::Levels => {
                let Some(tbl) = v.as_table() else {
                    return bad("a table level = count");
                };
                let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
                for (lk, lv) in tbl {
                    match (lk.parse::<u8>(), lv.as_integer()) {
                        (Ok(l), Some(n)) if n >= 0 => {
                            counts.insert(l, n as usize);
                        }
                        _ => return bad("a table level = count"),
                    }
                }
                let mut out = Vec::new();
                let ranges: Vec<(u8, (u8, u8))> = have
                    .iter()
                    .map(|(_, x)| (x.level, self.level_range(t, x)))
                    .collect();
                for (&l, &n) in counts.iter().rev() {
                    let c = ranges.iter().filter(|(lv, _)| *lv == l).count();
                    let lo = ranges.iter().filter(|(_, r)| *r == (l, l)).count();
                    let hi = ranges.iter().filter(|(_, r)| r.0 <= l && l <= r.1).count();
                    let mut ch = self.fact_check(
                        path.into(),
                        format!("{prefix}units at level {}", level_text(self.p, l)),
                        t,
                    );
                    ch.published = n.to_string();
                    ch.computed = c.to_string();
                    ch.status = if c == n {
                        Status::Passed
                    } else if lo <= n && n <= hi {
                        ch.note = Some(format!("with rounded inputs the count can be {lo}..{hi}"));
                        Status::ExplainedByRounding
                    } else {
                        ch.note = Some(format!("with rounded inputs the count can be {lo}..{hi}"));
                        Status::Failed
                    };
                    out.push(ch);
                }
                let listed: usize = counts.values().sum::<usize>() + zero.unwrap_or(0);
                let n = have.len();
                if listed > n {
                    let mut ch =
                        self.fact_check(path.into(), format!("{prefix}level counts add up"), t);
                    ch.published = format!("{listed} units");
                    ch.computed = format!("{n} units with a value");
                    ch.status = Status::InconsistentInSource;
                    ch.note = Some("the published counts name more units than have a value".into());
                    out.push(ch);
                } else if listed == n {
                    let others: Vec<String> = (0..=self.p.levels.len() as u8)
                        .filter(|l| !(counts.contains_key(l) || (*l == 0 && zero.is_some())))
                        .filter_map(|l| {
                            let c = have.iter().filter(|(_, x)| x.level == l).count();
                            (c > 0).then(|| format!("{c} at level {l}"))
                        })
                        .collect();
                    let mut ch = self.fact_check(
                        path.into(),
                        format!(
                            "{prefix}no unit at the levels not listed (the counts cover all {n})"
                        ),
                        t,
                    );
                    ch.published = "0".into();
                    ch.computed = if others.is_empty() {
                        "0".into()
                    } else {
                        others.join(", ")
                    };
                    ch.status = if others.is_empty() {
                        Status::Passed
                    } else {
                        Status::Failed
                    };
                    out.push(ch);
                }
                out
            }
            Base::Zero => {
                let Some(n) = v.as_integer() else {
                    return bad("a count");
                };
                let n = n as usize;
                let is_zero = |x: &Num| self.compared(*x).is_zero();
                let c = have.iter().filter(|(_, x)| x.compared.is_zero()).count();
                let eps = Num::frac(1, 1_000_000_000_000).unwrap_or(Num::ZERO);
                let lo = have
                    .iter()
                    .filter(|(_, x)| {
                        is_zero(
                            &x.possible
                                .hi
                                .sub(eps)
                                .unwrap_or(x.possible.hi)
                                .max(x.possible.lo),
                        )
                    })
                    .count();
                let hi = have.iter().filter(|(_, x)| is_zero(&x.possible.lo)).count();
                let mut ch =
                    self.fact_check(path.into(), format!("{prefix}units with a score of 0"), t);
                ch.published = n.to_string();
                ch.computed = c.to_string();
                ch.status = if c == n {
                    Status::Passed
                } else if lo <= n && n <= hi {
                    Status::ExplainedByRounding
                } else {
                    Status::Failed
                };
                vec![ch]
            }
            Base::Mean => {
                let Some(pv) = fact_num(v) else {
                    return bad("a number");
                };
                let mut ch = self.fact_check(
                    path.into(),
                    format!("{prefix}mean of {} units", have.len()),
                    t,
                );
                ch.published = pv.text.clone();
                if have.is_empty() {
                    ch.computed = "no unit".into();
                    ch.status = Status::Failed;
                    return vec![ch];
                }
                let n = Num::int(have.len() as i128);
                let mut sum = Num::ZERO;
                let (mut lo, mut hi) = (Num::ZERO, Num::ZERO);
                for (u, x) in &have {
                    let f = self.feasible(*u, t, x);
                    sum = sum.add(x.exact).unwrap_or(sum);
                    lo = lo.add(f.lo).unwrap_or(lo);
                    hi = hi.add(f.hi).unwrap_or(hi);
                }
                let div = |x: Num| x.div(n).ok().flatten().unwrap_or(Num::ZERO);
                let mean = div(sum);
                let iv = Interval {
                    lo: div(lo),
                    hi: div(hi),
                };
                let val = Val {
                    exact: mean,
                    possible: iv,
                    compared: mean,
                    level: 0,
                };
                let (s, c, note, detail) = compare_value(self.p, &pv, &val);
                ch.computed = c;
                ch.status = s;
                ch.detail = detail;
                ch.note = note.map(|n| {
                    format!("{n} (each unit's value narrowed to what the published table prints for it)")
                });
                vec![ch]
            }
            Base::Top(n) => {
                let Some(list) = v.as_array() else {
                    return bad("a list of units");
                };
                let names: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
                let mut ch = self.fact_check(path.into(), format!("{prefix}top {n}"), t);
                ch.published = names.join(", ");
                // the computed order; among equal values the units the list names come first
                let rank = |u: usize| {
                    names
                        .iter()
                        .position(|nm| self.unit_index(nm) == Some(u))
                        .unwrap_or(usize::MAX)
                };
                let mut sorted = have.clone();
                sorted.sort_by(|a, b| {
                    b.1.exact
                        .cmp(&a.1.exact)
                        .then(rank(a.0).cmp(&rank(b.0)))
                        .then(a.0.cmp(&b.0))
                });
                ch.computed = sorted
                    .iter()
                    .take(n)
                    .map(|(u, x)| format!("{} {}", self.units[*u].id, short(x.exact)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut idx = Vec::new();
                for nm in &names {
                    match self
                        .unit_index(nm)
                        .filter(|u| have.iter().any(|(h, _)| h == u))
                    {
                        Some(u) => idx.push(u),
                        None => {
                            ch.status = Status::Failed;
                            ch.note = Some(format!(
                                "`{nm}` has no value here; {}",
                                self.unit_hint(nm).unwrap_or_default()
                            ));
                            return vec![ch];
                        }
                    }
                }
                if names.len() != n.min(have.len()) {
                    ch.status = Status::InconsistentInSource;
                    ch.note = Some(format!("the list names {} units, not {n}", names.len()));
                    return vec![ch];
                }
                let value = |u: usize| have.iter().find(|(h, _)| *h == u).map(|(_, x)| *x);
                let listed: Vec<Val> = idx.iter().filter_map(|&u| value(u)).collect();
                let others: Vec<(usize, Val)> = have
                    .iter()
                    .filter(|(u, _)| !idx.contains(u))
                    .copied()
                    .collect();
                let ordered = listed.windows(2).all(|w| w[0].exact >= w[1].exact);
                let last = listed.iter().map(|x| x.exact).min().unwrap_or(Num::ZERO);
                let above = others.iter().all(|(_, x)| x.exact <= last);
                let ties: Vec<String> = others
                    .iter()
                    .filter(|(_, x)| x.exact == last)
                    .map(|(u, _)| self.units[*u].id.clone())
                    .collect();
                if ordered && above {
                    ch.status = Status::Passed;
                    if !ties.is_empty() {
                        ch.note = Some(format!(
                            "tie at rank {n} ({}): also {}",
                            short(last),
                            ties.join(", ")
                        ));
                    }
                    return vec![ch];
                }
                // with rounding: give each listed unit the highest value it can have in order,
                // every other unit its lowest
                let mut cur: Option<Num> = None;
                let mut ok = true;
                for &u in &idx {
                    let Some(x) = value(u) else { continue };
                    let f = self.feasible(u, t, &x);
                    let top = cur.map_or(f.hi, |c| c.min(f.hi));
                    if top < f.lo {
                        ok = false;
                    }
                    cur = Some(top);
                }
                let floor = cur.unwrap_or(Num::ZERO);
                let beaten: Vec<String> = others
                    .iter()
                    .filter(|(u, x)| self.feasible(*u, t, x).lo > floor)
                    .map(|(u, _)| self.units[*u].id.clone())
                    .collect();
                if ok && beaten.is_empty() {
                    ch.status = Status::ExplainedByRounding;
                    ch.note = Some(self.order_note(t, &idx, &others, last));
                } else {
                    ch.status = Status::Failed;
                    ch.note = Some(if beaten.is_empty() {
                        "the listed order cannot hold even within the rounding intervals".into()
                    } else {
                        format!("ranked above the list's last unit: {}", beaten.join(", "))
                    });
                }
                vec![ch]
            }
        }
    }

    /// Why a top list the computed values order differently is within rounding: the pairs the
    /// data give in the other order, and each such unit's interval and printed value.
    fn order_note(&self, t: usize, idx: &[usize], others: &[(usize, Val)], last: Num) -> String {
        let value = |u: usize| self.val(u, t).map_or(Num::ZERO, |x| x.exact);
        let mut swapped: Vec<(usize, usize)> = idx
            .windows(2)
            .filter(|w| value(w[0]) < value(w[1]))
            .map(|w| (w[0], w[1]))
            .collect();
        if let Some(&low) = idx.iter().find(|&&u| value(u) == last) {
            swapped.extend(
                others
                    .iter()
                    .filter(|(_, x)| x.exact > last)
                    .map(|(o, _)| (low, *o)),
            );
        }
        let name = |u: usize| self.units[u].id.as_str();
        let pairs: Vec<String> = swapped
            .iter()
            .map(|&(a, b)| {
                format!(
                    "{} {} above {} {}",
                    name(b),
                    short(value(b)),
                    name(a),
                    short(value(a))
                )
            })
            .collect();
        let mut involved: Vec<usize> = Vec::new();
        for &(a, b) in &swapped {
            for u in [a, b] {
                if !involved.contains(&u) {
                    involved.push(u);
                }
            }
        }
        let ranges: Vec<String> = involved
            .iter()
            .filter_map(|&u| {
                let x = self.val(u, t)?;
                let printed = self
                    .pub_value(u, t)
                    .map(|pv| format!(" (printed {})", pv.text))
                    .unwrap_or_default();
                Some(format!("{} {}{printed}", name(u), iv_text(&x.possible)))
            })
            .collect();
        if pairs.is_empty() {
            return "the order holds for some values within the rounding intervals".into();
        }
        format!(
            "the data give {}; the published order holds within rounding: with rounded inputs {}",
            pairs.join(", "),
            ranges.join(", ")
        )
    }

    fn precise_facts(&mut self, path: &str, t: usize, v: &toml::Value) {
        let Some(tbl) = v.as_table() else {
            self.not_checked(path.into(), v, "expected a table unit = value");
            return;
        };
        for (u, x) in tbl {
            let mut ch = self.fact_check(path.into(), format!("precise value: {u}"), t);
            ch.unit = Some(u.clone());
            let Some(pv) = fact_num(x) else {
                ch.status = Status::NotChecked;
                ch.published = compact(x);
                ch.note = Some("expected a number".into());
                self.push(ch);
                continue;
            };
            ch.published = pv.text.clone();
            let Some(ui) = self.unit_index(u) else {
                ch.status = Status::Failed;
                ch.computed = "unit not in the submissions".into();
                ch.note = self.unit_hint(u);
                self.push(ch);
                continue;
            };
            let Some(val) = self.val(ui, t) else {
                ch.status = Status::Failed;
                ch.computed = "–".into();
                self.push(ch);
                continue;
            };
            let (s, c, note, detail) = compare_value(self.p, &pv, &val);
            ch.status = s;
            ch.computed = c;
            ch.note = note;
            ch.detail = detail;
            self.push(ch);
            // the precise value against the table's printed value
            if let Some(tv) =
                self.pub_row[ui].and_then(|r| self.published.rows[r].values[t].clone())
            {
                let mut cc =
                    self.fact_check(path.into(), format!("the table's value agrees: {u}"), t);
                cc.unit = Some(u.clone());
                let r = pv.value.round(tv.decimals, self.p.survey.rounding);
                cc.published = format!("table {}", tv.text);
                cc.computed = format!(
                    "{} → {}",
                    pv.text,
                    r.format(tv.decimals, self.p.survey.rounding)
                );
                cc.status = if r == tv.value {
                    Status::Passed
                } else {
                    Status::InconsistentInSource
                };
                if cc.status != Status::Passed {
                    cc.note =
                        Some("the text and the table print different values for this unit".into());
                }
                self.push(cc);
            }
        }
    }

    fn lacks_facts(&mut self, path: &str, t: usize, v: &toml::Value) {
        let Some(list) = v.as_array() else {
            self.not_checked(
                path.into(),
                v,
                "expected a list of { unit, points, to_level }",
            );
            return;
        };
        for (i, item) in list.iter().enumerate() {
            let fact = format!("{path}[{i}]");
            let tbl = item.as_table();
            let unit = tbl.and_then(|x| x.get("unit")).and_then(|x| x.as_str());
            let to = tbl
                .and_then(|x| x.get("to_level"))
                .and_then(|x| x.as_integer());
            let points = tbl
                .and_then(|x| x.get("points"))
                .and_then(fact_num)
                .map(|p| p.value);
            let (Some(unit), Some(to)) = (unit, to) else {
                self.not_checked(fact, item, "expected { unit, points, to_level }");
                return;
            };
            let to = to.clamp(0, 255) as u8;
            let mut ch = self.fact_check(fact, unit.to_string(), t);
            ch.unit = Some(unit.to_string());
            ch.published = lacks_text(self.p, points, to);
            let Some(ui) = self.unit_index(unit) else {
                ch.status = Status::Failed;
                ch.computed = "unit not in the submissions".into();
                ch.note = self.unit_hint(unit);
                self.push(ch);
                continue;
            };
            let Some(val) = self.val(ui, t) else {
                ch.status = Status::Failed;
                ch.computed = "no value".into();
                self.push(ch);
                continue;
            };
            let g = gap(self.p, self.plan, t, val.compared);
            ch.computed = match &g {
                Some(g) => lacks_text(self.p, Some(g.amount), g.next_level),
                None => "at the top level".into(),
            };
            let matches = |g: &Option<eval::Gap>| {
                g.as_ref()
                    .is_some_and(|g| g.next_level == to && points.is_none_or(|p| p == g.amount))
            };
            ch.status = if matches(&g) {
                if points.is_none() {
                    ch.note =
                        Some("the report omits the number of points; the level agrees".into());
                }
                Status::Passed
            } else {
                let eps = Num::frac(1, 1_000_000_000_000).unwrap_or(Num::ZERO);
                let ends = [
                    val.possible.lo,
                    val.possible.hi.sub(eps).unwrap_or(val.possible.hi),
                ];
                if val.possible.lo != val.possible.hi
                    && ends
                        .iter()
                        .any(|e| matches(&gap(self.p, self.plan, t, self.compared(*e))))
                {
                    Status::ExplainedByRounding
                } else {
                    Status::Failed
                }
            };
            self.push(ch);
        }
    }

    fn level_units(&mut self, path: &str, t: usize, level: u8, v: &toml::Value, tbl: &toml::Table) {
        let Some(list) = v.as_array() else {
            self.not_checked(path.into(), v, "expected a list of units");
            return;
        };
        let names: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
        let mut ch = self.fact_check(
            path.into(),
            format!("units at level {}, by name", level_text(self.p, level)),
            t,
        );
        ch.published = names.join(", ");
        let mut at: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.val(u, t).is_some_and(|x| x.level == level))
            .collect();
        at.sort_by_key(|&u| std::cmp::Reverse(self.val(u, t).map(|x| x.exact)));
        ch.computed = at
            .iter()
            .map(|&u| self.units[u].id.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let idx: Vec<Option<usize>> = names.iter().map(|n| self.unit_index(n)).collect();
        let same = idx.len() == at.len() && idx.iter().all(|u| u.is_some_and(|u| at.contains(&u)));
        ch.status = if same { Status::Passed } else { Status::Failed };
        self.push(ch);
        if let Some(n) = tbl
            .get("levels")
            .and_then(|l| l.as_table())
            .and_then(|l| l.get(&level.to_string()))
            .and_then(|x| x.as_integer())
        {
            let mut cc = self.fact_check(
                path.into(),
                format!("the list agrees with levels.{level}"),
                t,
            );
            cc.published = format!("{} units listed", names.len());
            cc.computed = format!("levels.{level} = {n}");
            cc.status = if names.len() as i64 == n {
                Status::Passed
            } else {
                Status::InconsistentInSource
            };
            self.push(cc);
        }
    }

    // -------------------------------------------------------------- thresholds

    /// The compared value the report's own figures give a unit (precise, else table, else computed).
    fn pub_compared(&self, u: usize, t: usize) -> Option<Num> {
        match self.pub_value(u, t) {
            Some(pv) => Some(self.compared(pv.value)),
            None => self.val(u, t).map(|v| v.compared),
        }
    }

    pub fn threshold_checks(&mut self, facts: Option<&Facts>) -> Vec<ThresholdReport> {
        let Some(f) = facts else { return Vec::new() };
        let p = self.p;
        let nb = p.levels.len().saturating_sub(1);
        let Some(d) = p.survey.compare else {
            self.push(Check {
                area: "thresholds".into(),
                fact: "thresholds".into(),
                what: "thresholds the facts allow".into(),
                unit: None,
                target: None,
                published: String::new(),
                computed: String::new(),
                status: Status::NotChecked,
                note: Some("levels compare exact values (`compare exact`): threshold intervals are analysed only for `compare rounded d`".into()),
                detail: None,
            });
            return Vec::new();
        };
        let step = Num::frac(1, 10i128.pow(d)).unwrap_or(Num::ONE);
        let mut out = Vec::new();
        for (scope, t, tbl) in self.scopes(f) {
            let zero_apart = p.sections.get(t).is_some_and(|s| s.zero_apart);
            let values_of = |members: &[usize]| -> Vec<Num> {
                members
                    .iter()
                    .filter_map(|&u| self.pub_compared(u, t))
                    .filter(|c| !(zero_apart && c.is_zero()))
                    .collect()
            };
            let mut counts = Vec::new();
            let mut lacks = Vec::new();
            for (k, v) in tbl {
                if let Some((Base::Levels, g)) = parse_base(k) {
                    let members = match g {
                        None => self.all_units(),
                        Some(g) => match self.group_option(g) {
                            Ok(o) => self.members_of(self.group.as_ref().map_or(0, |x| x.slot), o),
                            Err(_) => continue,
                        },
                    };
                    let c: BTreeMap<u8, usize> = v
                        .as_table()
                        .into_iter()
                        .flatten()
                        .filter_map(|(lk, lv)| Some((lk.parse().ok()?, lv.as_integer()? as usize)))
                        .filter(|(l, _)| *l > 0)
                        .collect();
                    counts.push(CountFact {
                        desc: format!("{k} {}", compact(v)),
                        values: values_of(&members),
                        counts: c,
                    });
                }
                if k == "lacks" {
                    for item in v.as_array().into_iter().flatten() {
                        let tb = item.as_table();
                        let unit = tb.and_then(|x| x.get("unit")).and_then(|x| x.as_str());
                        let to = tb
                            .and_then(|x| x.get("to_level"))
                            .and_then(|x| x.as_integer());
                        let points = tb
                            .and_then(|x| x.get("points"))
                            .and_then(fact_num)
                            .map(|p| p.value);
                        if let (Some(unit), Some(to)) = (unit, to) {
                            if let Some(x) =
                                self.unit_index(unit).and_then(|u| self.pub_compared(u, t))
                            {
                                lacks.push(LacksFact {
                                    desc: format!(
                                        "{unit} ({}) {}",
                                        short(x),
                                        lacks_text(p, points, to as u8)
                                    ),
                                    x,
                                    points,
                                    to_level: to as u8,
                                });
                            }
                        }
                    }
                }
            }
            if counts.is_empty() && lacks.is_empty() {
                continue;
            }
            let a = thresholds::analyse(nb, step, &counts, &lacks);
            let th = match p.sections.get(t) {
                Some(s) => &s.thresholds,
                None => &p.index.thresholds,
            };
            let ruleset: Vec<Num> = th
                .bounds
                .iter()
                .take(nb)
                .map(|b| match th.kind {
                    ThresholdKind::Upper => *b,
                    ThresholdKind::Lower => b.sub(step).unwrap_or(*b),
                })
                .collect();
            let name = target_name(p, t).to_string();
            if let Some(conflict) = &a.conflict {
                // the level facts of this target cannot all hold: their failures are the source's
                let levels_prefix = format!("{scope}.levels");
                let lacks_prefix = format!("{scope}.lacks");
                for c in self.checks.iter_mut() {
                    if c.area == "facts"
                        && c.status == Status::Failed
                        && (c.fact.starts_with(&levels_prefix) || c.fact.starts_with(&lacks_prefix))
                    {
                        c.status = Status::InconsistentInSource;
                        let n = format!(
                            "no thresholds satisfy every level fact of `{scope}`: {conflict}"
                        );
                        c.note = Some(match c.note.take() {
                            Some(old) => format!("{old}; {n}"),
                            None => n,
                        });
                    }
                }
                self.push(Check {
                    area: "thresholds".into(),
                    fact: format!("{scope}.levels"),
                    what: format!("{name}: thresholds that satisfy every level fact"),
                    unit: None,
                    target: Some(name.clone()),
                    published: "level counts and \"lacks\" remarks".into(),
                    computed: "no thresholds satisfy them together".into(),
                    status: Status::InconsistentInSource,
                    note: Some(conflict.clone()),
                    detail: None,
                });
            } else {
                for (k, b) in a.bounds.iter().enumerate() {
                    let r = ruleset.get(k).copied();
                    let inside = r.is_some_and(|x| b.lo <= x && x <= b.hi);
                    self.push(Check {
                        area: "thresholds".into(),
                        fact: format!("{scope}.levels"),
                        what: format!("{name} u{}", k + 1),
                        unit: None,
                        target: Some(name.clone()),
                        published: format!("facts allow {}", b.text()),
                        computed: format!("ruleset {}", r.map_or("–".into(), |x| x.to_string())),
                        status: if inside {
                            Status::Passed
                        } else {
                            Status::Failed
                        },
                        note: (!inside).then(|| {
                            format!(
                                "≥ {} ({}), ≤ {} ({})",
                                b.lo,
                                b.lo_from.join("; "),
                                b.hi,
                                b.hi_from.join("; ")
                            )
                        }),
                        detail: None,
                    });
                }
            }
            out.push(ThresholdReport {
                target: name,
                ruleset,
                analysis: a,
            });
        }
        out
    }

    // -------------------------------------------------------------- alternative groupings

    /// Other single-choice metadata fields with the same options as the grouping field (e.g. the
    /// published table's own typing): the group facts are checked with them too, and a difference
    /// is reported as an inconsistency of the source.
    pub fn grouping_checks(&mut self, facts: Option<&Facts>) {
        let (Some(f), Some(g)) = (facts, self.group.clone()) else {
            return;
        };
        let p = self.p;
        let nq = p.schema.questions.len();
        let q = self.meta(g.slot);
        let ids: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
        for (mi, alt) in p.schema.meta.iter().enumerate() {
            let slot = nq + mi;
            let alt_ids: Vec<&str> = alt.kind.options().iter().map(|o| o.id.as_str()).collect();
            if slot == g.slot || alt_ids != ids {
                continue;
            }
            let differ: Vec<String> = self
                .units
                .iter()
                .filter(|u| u.answers.get(slot) != u.answers.get(g.slot))
                .map(|u| {
                    format!(
                        "{} ({} {}, {} {})",
                        u.id,
                        g.id,
                        crate::render::value_text(
                            p,
                            g.slot,
                            u.answers.get(g.slot).copied().unwrap_or(Value::UNANSWERED)
                        ),
                        alt.id,
                        crate::render::value_text(
                            p,
                            slot,
                            u.answers.get(slot).copied().unwrap_or(Value::UNANSWERED)
                        )
                    )
                })
                .collect();
            if differ.is_empty() {
                continue;
            }
            let mut held_main = 0usize;
            let mut fail_alt: Vec<String> = Vec::new();
            let mut fail_main_pass_alt: Vec<String> = Vec::new();
            for (scope, t, tbl) in self.scopes(f) {
                for (k, v) in tbl {
                    let Some((base, Some(gname))) = parse_base(k) else {
                        continue;
                    };
                    let Ok(o) = self.group_option(gname) else {
                        continue;
                    };
                    let path = format!("{scope}.{k}");
                    let zero = tbl
                        .get(&format!("zero_score_{gname}"))
                        .and_then(|v| v.as_integer())
                        .map(|z| z as usize);
                    let zero = if base == Base::Levels { zero } else { None };
                    let worst = |cs: Vec<Check>| cs.iter().any(|c| c.status == Status::Failed);
                    let main = self.group_fact(
                        &path,
                        t,
                        base,
                        &self.members_of(g.slot, o),
                        Some(gname),
                        v,
                        zero,
                    );
                    let alt_cs = self.group_fact(
                        &path,
                        t,
                        base,
                        &self.members_of(slot, o),
                        Some(gname),
                        v,
                        zero,
                    );
                    let alt_detail: Vec<String> = alt_cs
                        .iter()
                        .filter(|c| c.status == Status::Failed)
                        .map(|c| {
                            format!(
                                "{path} ({}: published {}, computed {})",
                                c.what, c.published, c.computed
                            )
                        })
                        .collect();
                    let (mf, af) = (worst(main), worst(alt_cs));
                    if !mf {
                        held_main += 1;
                    }
                    if !mf && af {
                        fail_alt.extend(alt_detail);
                    } else if mf && !af {
                        fail_main_pass_alt.push(path);
                    }
                }
            }
            let sizes = |s: usize| -> String {
                q.kind
                    .options()
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{} {}", o.id, self.members_of(s, i as u16).len()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (status, note) = if !fail_main_pass_alt.is_empty() {
                (
                    Status::Failed,
                    format!(
                        "these group facts fail with `{}` but hold with `{}`: {}",
                        g.id,
                        alt.id,
                        fail_main_pass_alt.join(", ")
                    ),
                )
            } else if !fail_alt.is_empty() {
                (
                    Status::InconsistentInSource,
                    format!(
                        "units typed differently: {}. All {held_main} group facts hold with `{}`; with `{}` these fail: {}",
                        differ.join("; "),
                        g.id,
                        alt.id,
                        fail_alt.join("; ")
                    ),
                )
            } else {
                (
                    Status::Passed,
                    format!(
                        "units typed differently: {}; the group facts hold either way",
                        differ.join("; ")
                    ),
                )
            };
            self.push(Check {
                area: "grouping".into(),
                fact: "grouping".into(),
                what: format!("grouping `{}` against `{}`", g.id, alt.id),
                unit: None,
                target: None,
                published: format!("`{}`: {}", alt.id, sizes(slot)),
                computed: format!("the group facts need `{}`: {}", g.id, sizes(g.slot)),
                status,
                note: Some(note),
                detail: None,
            });
        }
    }
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
        let v = fact_num(&toml::Value::Float(48.6)).unwrap();
        assert_eq!((v.text.as_str(), v.decimals), ("48.6", 1));
        let v = fact_num(&toml::Value::Integer(56)).unwrap();
        assert_eq!((v.text.as_str(), v.decimals), ("56", 0));
    }
}
