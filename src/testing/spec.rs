//! The test-case file (`tests.toml`): reading it, with every problem located at file:line:column.
//!
//! The problems are diagnostics of the tests file, written like those of `check` and of the input
//! stage (`file:line:col: message` and `help:`; the answers are read by the input stage's own
//! parser, whose messages they repeat): they stay in English in every language, as the design
//! says of diagnostics (docs/design.md, "Words people read").
//!
//! ```toml
//! [baseline.full]                      # named answer sets a case can start from
//! answers = { q_websites_count = "one", q_social_media = ["facebook", "youtube"] }
//!
//! [[case]]
//! name = "communication exactly at 60%"
//! baseline = "full"                    # a [baseline.*] or another case; optional
//! answers = { q_ux_research = "irregular", q_docs_sent = 120 }
//! expect.rule.ux_research = 3
//! expect.section.communication = { score = 60, level = 2 }
//! expect.index = "not computable"
//!
//! [max]                                # derived maxima, checked without answers
//! communication = 50                   # a section ...
//! social_media = 6                     # ... or a rule
//!
//! [reachable]                          # the levels a section's points can reach
//! open_data = [0, 1, 2, 3, 4, 5]
//! ```

use crate::hir::Program;
use crate::input;
use crate::num::Num;
use crate::source::line_col;
use crate::suggest;
use crate::value::Value;
use indexmap::IndexMap;
use serde::Deserialize;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A problem in a tests file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}

type Answers = IndexMap<String, Spanned<toml::Value>>;

/// The own answers of each baseline and case (`baseline x` / `case x`) and its `baseline` value.
type Own = IndexMap<String, (Vec<Option<Value>>, Option<Spanned<toml::Value>>)>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    baseline: IndexMap<String, RawBaseline>,
    #[serde(default)]
    case: Vec<RawCase>,
    #[serde(default)]
    max: IndexMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    reachable: IndexMap<String, Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    baseline: Option<Spanned<toml::Value>>,
    #[serde(default)]
    answers: Answers,
    #[serde(default)]
    meta: Answers,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    name: Spanned<String>,
    #[allow(dead_code)]
    description: Option<String>,
    baseline: Option<Spanned<toml::Value>>,
    #[serde(default)]
    answers: Answers,
    #[serde(default)]
    meta: Answers,
    expect: Option<RawExpect>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    #[serde(default)]
    rule: IndexMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    section: IndexMap<String, Spanned<toml::Value>>,
    index: Option<Spanned<toml::Value>>,
    /// Constraints the answers break: a name or a list of names.
    violates: Option<Spanned<toml::Value>>,
}

/// Where a case or expectation is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// What a case expects of a score (a section or the index).
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreExpect {
    NotComputable,
    Is {
        /// Compared at the survey's display precision.
        score: Option<Num>,
        level: Option<u8>,
    },
}

/// One expectation of a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// `rule.<name> = points` (`None`: `"excluded"`); compared exactly.
    Rule {
        rule: usize,
        points: Option<Num>,
    },
    Section {
        section: usize,
        expect: ScoreExpect,
    },
    Index(ScoreExpect),
    /// `violates = ["name", ...]`: exactly these constraints are broken (indices into
    /// `Program::constraints`, sorted).
    Violates(Vec<usize>),
}

/// An assertion about the ruleset itself (`[max]`, `[reachable]`), checked without answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Static {
    /// `[max] communication = 50`: the section's derived maximum.
    SectionMax { section: usize, points: Num },
    /// `[max] social_media = 6`: the rule's derived maximum.
    RuleMax { rule: usize, points: Num },
    /// `[reachable] communication = [1, 2, 3, 4, 5]`: the levels the section can reach (sorted).
    Reachable { section: usize, levels: Vec<u8> },
}

#[derive(Debug, Clone)]
pub struct Case {
    pub name: String,
    pub pos: Pos,
    /// One value per slot (questions, then metadata), baseline applied.
    pub answers: Vec<Value>,
    pub expects: Vec<(Expect, Pos)>,
}

/// A parsed tests file.
#[derive(Debug, Clone)]
pub struct TestFile {
    pub path: String,
    pub cases: Vec<Case>,
    /// `[max]` and `[reachable]`, in the order written.
    pub statics: Vec<(Static, Pos)>,
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    p: &'a Program,
}

impl Ctx<'_> {
    fn err(&self, span: Range<usize>, message: String, help: Option<String>) -> SpecError {
        let (line, column) = line_col(self.text, span.start);
        SpecError {
            file: self.path.to_string(),
            line,
            column,
            message,
            help,
        }
    }

    fn pos(&self, span: Range<usize>) -> Pos {
        let (line, column) = line_col(self.text, span.start);
        Pos { line, column }
    }
}

/// Parses a tests file against a checked program. Returns every problem found.
pub fn parse(path: &str, text: &str, p: &Program) -> Result<TestFile, Vec<SpecError>> {
    let cx = Ctx { path, text, p };
    let raw: RawFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![cx.err(
                span,
                e.message().trim().to_string(),
                Some("see \"Test cases\" in docs/language.md for the format of tests.toml".into()),
            )]);
        }
    };
    let mut errors = Vec::new();
    let n_slots = p.schema.questions.len() + p.schema.meta.len();
    // Answers of each baseline and case, before baselines are applied.
    let mut own: Own = IndexMap::new();
    for (name, b) in &raw.baseline {
        let vals = answers(&cx, &[&b.answers, &b.meta], n_slots, &mut errors);
        own.insert(format!("baseline {name}"), (vals, b.baseline.clone()));
    }
    let mut seen = std::collections::HashSet::new();
    for c in &raw.case {
        if !seen.insert(c.name.get_ref().clone()) {
            errors.push(cx.err(
                c.name.span(),
                format!("a case named `{}` is already defined", c.name.get_ref()),
                Some("give every case a unique name".into()),
            ));
        }
        let vals = answers(&cx, &[&c.answers, &c.meta], n_slots, &mut errors);
        own.insert(
            format!("case {}", c.name.get_ref()),
            (vals, c.baseline.clone()),
        );
    }
    let mut cases = Vec::new();
    for c in &raw.case {
        let key = format!("case {}", c.name.get_ref());
        let resolved = match resolve(&cx, &own, &key, &mut Vec::new()) {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let answers = resolved
            .into_iter()
            .map(|v| v.unwrap_or(Value::UNANSWERED))
            .collect();
        let expects = match &c.expect {
            Some(e) => expectations(&cx, e, &mut errors),
            None => Vec::new(),
        };
        let empty = c.expect.as_ref().is_none_or(|e| {
            e.rule.is_empty() && e.section.is_empty() && e.index.is_none() && e.violates.is_none()
        });
        if empty {
            errors.push(cx.err(
                c.name.span(),
                format!("case `{}` expects nothing", c.name.get_ref()),
                Some("add `expect.rule.<rule> = points`, `expect.section.<section> = { score = .., level = .. }`, `expect.index = ...` or `expect.violates = [\"<constraint>\"]`".into()),
            ));
        }
        cases.push(Case {
            name: c.name.get_ref().clone(),
            pos: cx.pos(c.name.span()),
            answers,
            expects,
        });
    }
    let statics = statics(&cx, &raw, &mut errors);
    if errors.is_empty() {
        Ok(TestFile {
            path: path.to_string(),
            cases,
            statics,
        })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// `[max]` and `[reachable]`.
fn statics(cx: &Ctx<'_>, raw: &RawFile, errors: &mut Vec<SpecError>) -> Vec<(Static, Pos)> {
    let p = cx.p;
    let mut out = Vec::new();
    for (name, v) in &raw.max {
        let section = p.sections.iter().position(|s| s.id == *name);
        let rule = p.rules.iter().position(|r| r.name == *name);
        let Some(points) = number(v.get_ref()) else {
            errors.push(cx.err(
                v.span(),
                format!("`max.{name}` expects points: a number"),
                Some(format!("write e.g. `{name} = 50` under `[max]`")),
            ));
            continue;
        };
        let item = match (section, rule) {
            (Some(section), None) => Static::SectionMax { section, points },
            (None, Some(rule)) => Static::RuleMax { rule, points },
            (Some(_), Some(_)) => {
                errors.push(cx.err(
                    v.span(),
                    format!("`{name}` is both a section and a rule"),
                    Some("rename the rule: `[max]` takes section and rule names".into()),
                ));
                continue;
            }
            (None, None) => {
                let names = p
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .chain(p.rules.iter().map(|r| r.name.as_str()));
                errors.push(cx.err(
                    v.span(),
                    format!("there is no section or rule `{name}`"),
                    Some(suggest::hint(name, names, "section or rule")),
                ));
                continue;
            }
        };
        out.push((item, cx.pos(v.span())));
    }
    for (name, v) in &raw.reachable {
        let Some(section) = p.sections.iter().position(|s| s.id == *name) else {
            errors.push(cx.err(
                v.span(),
                format!("there is no section `{name}`"),
                Some(suggest::hint(
                    name,
                    p.sections.iter().map(|s| s.id.as_str()),
                    "section",
                )),
            ));
            continue;
        };
        let levels: Option<Vec<u8>> = match v.get_ref() {
            toml::Value::Array(a) => a.iter().map(|x| level_of(p, x)).collect(),
            _ => None,
        };
        let Some(mut levels) = levels else {
            errors.push(cx.err(
                v.span(),
                format!("`reachable.{name}` expects a list of levels of this ruleset"),
                Some(format!(
                    "write e.g. `{name} = [1, 2, 3, 4, 5]` under `[reachable]` (numbers or level names)"
                )),
            ));
            continue;
        };
        levels.sort_unstable();
        levels.dedup();
        out.push((Static::Reachable { section, levels }, cx.pos(v.span())));
    }
    out
}

/// The answers of a baseline or case with its baselines applied (later wins).
fn resolve(
    cx: &Ctx<'_>,
    own: &Own,
    key: &str,
    stack: &mut Vec<String>,
) -> Result<Vec<Option<Value>>, SpecError> {
    let (vals, base) = &own[key];
    let mut out = vec![None; vals.len()];
    if let Some(b) = base {
        let names: Vec<&str> = match b.get_ref() {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) if a.iter().all(|x| x.is_str()) => {
                a.iter().filter_map(|x| x.as_str()).collect()
            }
            _ => return Err(cx.err(
                b.span(),
                "`baseline` must name a baseline or case, or list several".to_string(),
                Some(
                    "write `baseline = \"full\"` or `baseline = [\"a\", \"b\"]` (later ones win)"
                        .into(),
                ),
            )),
        };
        for name in names {
            let target = [format!("baseline {name}"), format!("case {name}")]
                .into_iter()
                .find(|k| own.contains_key(k));
            let Some(target) = target else {
                let all: Vec<&str> = own
                    .keys()
                    .filter_map(|k| k.split_once(' ').map(|(_, n)| n))
                    .collect();
                return Err(cx.err(
                    b.span(),
                    format!("no baseline or case is named `{name}`"),
                    Some(suggest::hint(name, all.iter().copied(), "name")),
                ));
            };
            if stack.contains(&target) || target == key {
                return Err(cx.err(
                    b.span(),
                    format!("baseline `{name}` leads back to itself"),
                    Some("a baseline chain must not form a cycle".into()),
                ));
            }
            stack.push(key.to_string());
            let r = resolve(cx, own, &target, stack)?;
            stack.pop();
            for (o, v) in out.iter_mut().zip(r) {
                if v.is_some() {
                    *o = v;
                }
            }
        }
    }
    for (o, v) in out.iter_mut().zip(vals) {
        if v.is_some() {
            *o = *v;
        }
    }
    Ok(out)
}

/// Parses answer tables into one optional value per slot.
fn answers(
    cx: &Ctx<'_>,
    tables: &[&Answers],
    n_slots: usize,
    errors: &mut Vec<SpecError>,
) -> Vec<Option<Value>> {
    let schema = &cx.p.schema;
    let mut out = vec![None; n_slots];
    for table in tables {
        for (id, v) in table.iter() {
            let Some(slot) = input::slot_of(schema, id) else {
                let names = schema
                    .questions
                    .iter()
                    .chain(&schema.meta)
                    .map(|q| q.id.as_str());
                errors.push(cx.err(
                    v.span(),
                    format!("`{id}` is not a question or metadata field of the schema"),
                    Some(suggest::hint(id, names, "question")),
                ));
                continue;
            };
            let text = match v.get_ref() {
                toml::Value::String(s) => Some(s.clone()),
                toml::Value::Integer(i) => Some(i.to_string()),
                toml::Value::Float(f) => Some(f.to_string()),
                toml::Value::Boolean(b) => Some(if *b { "yes" } else { "no" }.to_string()),
                toml::Value::Array(a) => {
                    let parts: Option<Vec<String>> =
                        a.iter().map(|x| x.as_str().map(str::to_string)).collect();
                    parts.map(|p| p.join("|"))
                }
                _ => None,
            };
            let Some(text) = text else {
                errors.push(cx.err(
                    v.span(),
                    format!("`{id}`: this kind of value is not an answer"),
                    Some("write an option id (\"regular\"), a list of option ids ([\"a\", \"b\"]), a number, true/false, or \"\" for unanswered".into()),
                ));
                continue;
            };
            match input::parse_value(schema, slot, &text) {
                Ok(val) => out[slot] = Some(val),
                Err((message, help)) => errors.push(cx.err(v.span(), message, help)),
            }
        }
    }
    out
}

fn expectations(cx: &Ctx<'_>, e: &RawExpect, errors: &mut Vec<SpecError>) -> Vec<(Expect, Pos)> {
    let p = cx.p;
    let mut out = Vec::new();
    for (name, v) in &e.rule {
        let Some(rule) = p.rules.iter().position(|r| r.name == *name) else {
            errors.push(cx.err(
                v.span(),
                format!("there is no rule `{name}`"),
                Some(suggest::hint(
                    name,
                    p.rules.iter().map(|r| r.name.as_str()),
                    "rule",
                )),
            ));
            continue;
        };
        let points = match v.get_ref() {
            toml::Value::String(s) if s == "excluded" => Some(None),
            other => number(other).map(Some),
        };
        match points {
            Some(points) => out.push((Expect::Rule { rule, points }, cx.pos(v.span()))),
            None => errors.push(
                cx.err(
                    v.span(),
                    format!("`rule.{name}` expects points: a number, or \"excluded\""),
                    Some(
                        "write e.g. `rule.social_media = 2` or `rule.social_media = \"excluded\"`"
                            .into(),
                    ),
                ),
            ),
        }
    }
    for (name, v) in &e.section {
        let Some(section) = p.sections.iter().position(|s| s.id == *name) else {
            errors.push(cx.err(
                v.span(),
                format!("there is no section `{name}`"),
                Some(suggest::hint(
                    name,
                    p.sections.iter().map(|s| s.id.as_str()),
                    "section",
                )),
            ));
            continue;
        };
        let what = format!("section.{name}");
        if let Some(expect) = score_expect(cx, &what, v, errors) {
            out.push((Expect::Section { section, expect }, cx.pos(v.span())));
        }
    }
    if let Some(v) = &e.index {
        if let Some(expect) = score_expect(cx, "index", v, errors) {
            out.push((Expect::Index(expect), cx.pos(v.span())));
        }
    }
    if let Some(v) = &e.violates {
        if let Some(list) = violates(cx, v, errors) {
            out.push((Expect::Violates(list), cx.pos(v.span())));
        }
    }
    out
}

/// `violates = "name"` or `violates = ["a", "b"]`: constraint names.
fn violates(
    cx: &Ctx<'_>,
    v: &Spanned<toml::Value>,
    errors: &mut Vec<SpecError>,
) -> Option<Vec<usize>> {
    let p = cx.p;
    let names: Vec<&toml::Value> = match v.get_ref() {
        toml::Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let mut out = Vec::new();
    for n in names {
        let Some(name) = n.as_str() else {
            errors.push(cx.err(
                v.span(),
                "`violates` expects constraint names".to_string(),
                Some("write e.g. `violates = [\"none_alone\"]`".into()),
            ));
            return None;
        };
        match p.constraints.iter().position(|c| c.name == name) {
            Some(i) => out.push(i),
            None => {
                errors.push(cx.err(
                    v.span(),
                    format!("there is no constraint `{name}`"),
                    Some(suggest::hint(
                        name,
                        p.constraints.iter().map(|c| c.name.as_str()),
                        "constraint",
                    )),
                ));
                return None;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

fn number(v: &toml::Value) -> Option<Num> {
    match v {
        toml::Value::Integer(i) => Some(Num::int(i128::from(*i))),
        toml::Value::Float(f) if f.is_finite() => f.to_string().parse().ok(),
        toml::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// `"not computable"`, or a table with `score` and/or `level`.
fn score_expect(
    cx: &Ctx<'_>,
    what: &str,
    v: &Spanned<toml::Value>,
    errors: &mut Vec<SpecError>,
) -> Option<ScoreExpect> {
    let p = cx.p;
    let bad = |message: String| {
        cx.err(
            v.span(),
            message,
            Some(format!(
                "write `{what} = \"not computable\"` or `{what} = {{ score = 56.5, level = 2 }}` (either key may be left out)"
            )),
        )
    };
    match v.get_ref() {
        toml::Value::String(s) if s == "not computable" => Some(ScoreExpect::NotComputable),
        toml::Value::Table(t) => {
            let mut score = None;
            let mut level = None;
            for (k, x) in t {
                match k.as_str() {
                    "score" => match number(x) {
                        Some(n) => {
                            let d = p.survey.display;
                            if n.round(d, p.survey.rounding) != n {
                                errors.push(cx.err(
                                    v.span(),
                                    format!("`{what}.score` = {n} has more decimals than the survey displays ({d})"),
                                    Some(format!("scores are compared as displayed: write the score with at most {d} decimal{}", crate::text::plural_s(d))),
                                ));
                                return None;
                            }
                            score = Some(n);
                        }
                        None => {
                            errors.push(bad(format!("`{what}.score` must be a number")));
                            return None;
                        }
                    },
                    "level" => match level_of(p, x) {
                        Some(l) => level = Some(l),
                        None => {
                            let names: Vec<String> = p
                                .levels
                                .iter()
                                .map(|l| format!("{} \"{}\"", l.number, l.lv))
                                .collect();
                            errors.push(cx.err(
                                v.span(),
                                format!("`{what}.level` is not a level of this ruleset"),
                                Some(format!("the levels are: {}", names.join(", "))),
                            ));
                            return None;
                        }
                    },
                    other => {
                        errors.push(bad(format!("`{what}` has no `{other}`")));
                        return None;
                    }
                }
            }
            if score.is_none() && level.is_none() {
                errors.push(bad(format!("`{what}` expects nothing")));
                return None;
            }
            Some(ScoreExpect::Is { score, level })
        }
        _ => {
            errors.push(bad(format!(
                "`{what}` must be \"not computable\" or a table"
            )));
            None
        }
    }
}

/// A level by number, or by its Latvian or English name.
fn level_of(p: &Program, v: &toml::Value) -> Option<u8> {
    match v {
        toml::Value::Integer(i) => {
            let n = u8::try_from(*i).ok()?;
            let exists =
                (n >= 1 && (n as usize) <= p.levels.len()) || (n == 0 && p.zero_level.is_some());
            exists.then_some(n)
        }
        toml::Value::String(s) => p
            .levels
            .iter()
            .chain(p.zero_level.iter())
            .find(|l| l.lv == *s || l.en.as_deref() == Some(s.as_str()))
            .map(|l| l.number),
        _ => None,
    }
}
