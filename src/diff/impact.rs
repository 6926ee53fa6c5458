//! The impact of a change on submissions: every unit evaluated with both versions.

use crate::eval::{IndexOutcome, UnitOutcome};
use crate::hir::Program;
use crate::input::{self, InputSpec, LoadOptions, Loaded};
use crate::l10n::{Arg, Lang};
use crate::num::Num;
use crate::render::fmt_score;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// A score and level in one version (`None` fields: not computable there).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scored {
    /// As displayed.
    pub score: Option<String>,
    pub level: Option<u8>,
    #[serde(skip)]
    pub exact: Option<Num>,
}

impl Scored {
    const NONE: Scored = Scored {
        score: None,
        level: None,
        exact: None,
    };
}

/// One section (or the index) of one unit, before and after.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pair {
    pub name: String,
    pub old: Scored,
    pub new: Scored,
}

impl Pair {
    pub fn level_changed(&self) -> bool {
        self.old.level != self.new.level
    }

    pub fn changed(&self) -> bool {
        self.old.exact != self.new.exact || self.old.level != self.new.level
    }
}

/// One unit evaluated with both versions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnitImpact {
    pub unit: String,
    pub sections: Vec<Pair>,
    pub index: Pair,
    pub rank_old: Option<usize>,
    pub rank_new: Option<usize>,
    /// Why the unit has no result in a version (rejected input), if so.
    pub old_problem: Option<Rejection>,
    pub new_problem: Option<Rejection>,
}

/// Why a version rejects a unit: the input stage's diagnostic (English in every language, as
/// the diagnostics of `check` and of the input stage are), if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection(pub Option<String>);

impl Rejection {
    /// `rejected: <diagnostic>` in `lang` (the diagnostic as the input stage wrote it).
    pub fn text(&self, lang: Lang) -> String {
        let m = lang.messages();
        match &self.0 {
            None => m.t("diff-rejected"),
            Some(d) => m.f("diff-rejected-because", &[("problem", Arg::Str(d))]),
        }
    }
}

/// In JSON, the English text.
impl Serialize for Rejection {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

/// An input problem of one version. The diagnostics are the input stage's and the evaluator's,
/// English in every language (like those of `check`; docs/design.md, "Words people read"): only
/// the words around them are in the language people read.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A problem of a file, column or value (`file:line:col (column …): … help: …`).
    Input(String),
    /// A unit the version rejects, and why.
    Rejected { unit: String, diagnostic: String },
    /// A unit the evaluator could not evaluate, and why.
    NotEvaluated { unit: String, message: String },
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        let m = lang.messages();
        match self {
            Problem::Input(d) => d.clone(),
            Problem::Rejected { unit, diagnostic } => m.f(
                "diff-unit-rejected",
                &[("unit", Arg::Str(unit)), ("problem", Arg::Str(diagnostic))],
            ),
            Problem::NotEvaluated { unit, message } => m.f(
                "diff-unit-not-evaluated",
                &[("unit", Arg::Str(unit)), ("problem", Arg::Str(message))],
            ),
        }
    }
}

/// In JSON, the English text.
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

impl UnitImpact {
    pub fn changed(&self) -> bool {
        self.index.changed()
            || self.sections.iter().any(Pair::changed)
            || self.rank_old != self.rank_new
            || self.old_problem != self.new_problem
    }
}

/// Answers to a question only one version knows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OneSided {
    pub question: String,
    /// `old` or `new`: the version that knows the question.
    pub known_by: String,
    /// Units that answered it (as read by the version that knows it).
    pub answers: usize,
    /// What it means, in English (JSON); the renderings write [`OneSided::note_in`].
    pub note: String,
    /// The question a removed one was likely renamed to.
    #[serde(skip)]
    pub renamed_to: Option<String>,
}

impl OneSided {
    /// What the answers to a question only one version knows mean, in `lang`.
    pub fn note_in(&self, lang: Lang) -> String {
        let m = lang.messages();
        let n = [("n", Arg::from(self.answers))];
        match (self.known_by.as_str(), &self.renamed_to) {
            ("old", None) => m.f("diff-note-old", &n),
            ("old", Some(to)) => m.f(
                "diff-note-old-renamed",
                &[("n", Arg::from(self.answers)), ("new", Arg::Str(to))],
            ),
            _ if self.answers == 0 => m.t("diff-note-new-none"),
            _ => m.f("diff-note-new", &n),
        }
    }
}

/// How many units change level in a section (or the index), and which.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelSummary {
    pub name: String,
    pub up: usize,
    pub down: usize,
    /// `unit: 2 → 3`.
    pub units: Vec<String>,
    /// The same, as `(unit, old level, new level)` (for the renderings, which name the levels).
    #[serde(skip)]
    pub moves: Vec<(String, u8, u8)>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Impact {
    pub files: Vec<String>,
    pub units: usize,
    pub level_changes: Vec<LevelSummary>,
    /// Units whose index becomes computable / stops being computable.
    pub become_computable: Vec<String>,
    pub stop_computable: Vec<String>,
    pub one_sided: Vec<OneSided>,
    /// Input problems of each version (rejected units, unreadable values, unknown columns).
    pub old_input_problems: Vec<Problem>,
    pub new_input_problems: Vec<Problem>,
    /// A problem lost a whole file or column for a version (the impact is incomplete).
    pub whole_file_problem: bool,
    /// Every unit (those without any change too), in input order.
    pub per_unit: Vec<UnitImpact>,
}

/// Loads the submissions leniently for one version (its source precedence; the unit column and
/// format of `read`).
fn load(p: &Program, specs: &[InputSpec], read: &LoadOptions) -> Loaded {
    let opts = LoadOptions {
        lenient: true,
        precedence: p.survey.sources.clone(),
        ..read.clone()
    };
    let mut loaded = input::load(&p.schema, specs, &opts);
    crate::batch::reject_contradictions(p, &crate::plan::lower(p), &mut loaded);
    loaded
}

/// The file problems of a version's load, but the unknown columns of questions the other version
/// knows (reported as one-sided questions).
fn kept_errors<'l>(
    loaded: &'l Loaded,
    skip_columns: &'l [String],
) -> impl Iterator<Item = &'l crate::input::InputError> {
    loaded.errors.iter().filter(move |e| {
        !(matches!(*e.kind, crate::input::InputErrorKind::UnknownColumn { .. })
            && e.column
                .as_ref()
                .is_some_and(|c| skip_columns.contains(&c.name)))
    })
}

fn problems(loaded: &Loaded, skip_columns: &[String]) -> Vec<Problem> {
    let mut v: Vec<Problem> = kept_errors(loaded, skip_columns)
        .map(|e| Problem::Input(e.to_string().replace('\n', " ")))
        .collect();
    for r in &loaded.rejected {
        for e in &r.reasons {
            v.push(Problem::Rejected {
                unit: r.unit.clone(),
                diagnostic: e.to_string().replace('\n', " "),
            });
        }
    }
    v
}

fn scored(p: &Program, o: &UnitOutcome) -> (Vec<Scored>, Scored) {
    let secs = o
        .sections
        .iter()
        .map(|s| match s {
            Ok(x) => Scored {
                score: Some(fmt_score(p, x.score)),
                level: Some(x.level),
                exact: Some(x.score),
            },
            Err(_) => Scored::NONE,
        })
        .collect();
    let idx = match &o.index {
        IndexOutcome::Computed { value, level, .. } => Scored {
            score: Some(fmt_score(p, *value)),
            level: Some(*level),
            exact: Some(*value),
        },
        IndexOutcome::NotComputable { .. } => Scored::NONE,
    };
    (secs, idx)
}

/// Competition ranks by index (highest first; ties share a rank).
fn ranks(values: &[(String, Option<Num>)]) -> BTreeMap<String, usize> {
    let mut v: Vec<(&String, Num)> = values
        .iter()
        .filter_map(|(u, x)| x.map(|x| (u, x)))
        .collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    let mut out = BTreeMap::new();
    for (i, (u, x)) in v.iter().enumerate() {
        let rank = v.iter().position(|(_, y)| y == x).unwrap_or(i) + 1;
        out.insert((*u).clone(), rank);
    }
    out
}

type Results = BTreeMap<String, (Vec<Scored>, Scored)>;

fn evaluate(p: &Program, loaded: &Loaded) -> (Results, Vec<Problem>) {
    let ev = crate::batch::evaluate_all(p, &crate::plan::lower(p), loaded, None);
    let mut out = BTreeMap::new();
    for r in &ev.results {
        if let Ok(o) = &r.outcome {
            out.insert(r.unit.id.clone(), scored(p, o));
        }
    }
    let errors = ev
        .failed
        .iter()
        .flat_map(|r| &r.reasons)
        .map(|e| Problem::NotEvaluated {
            unit: e.unit.as_deref().unwrap_or("").to_string(),
            message: e.message(),
        })
        .collect();
    (out, errors)
}

/// Evaluates the submissions with both versions and compares.
pub fn impact(
    old: &Program,
    new: &Program,
    specs: &[InputSpec],
    read: &LoadOptions,
    renames: &[super::changes::Rename],
) -> Impact {
    let lo = load(old, specs, read);
    let ln = load(new, specs, read);
    let ids = |p: &Program| -> Vec<String> {
        p.schema
            .questions
            .iter()
            .chain(&p.schema.meta)
            .map(|q| q.id.clone())
            .collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let only_old: Vec<String> = old_ids
        .iter()
        .filter(|i| !new_ids.contains(i))
        .cloned()
        .collect();
    let only_new: Vec<String> = new_ids
        .iter()
        .filter(|i| !old_ids.contains(i))
        .cloned()
        .collect();
    let one_sided = one_sided((old, &lo, &only_old), (new, &ln, &only_new), renames);
    let (ro, eo) = evaluate(old, &lo);
    let (rn, en) = evaluate(new, &ln);
    let whole_file_problem = kept_errors(&lo, &only_new)
        .chain(kept_errors(&ln, &only_old))
        .any(|e| e.kind.whole_file());
    let mut old_problems = problems(&lo, &only_new);
    old_problems.extend(eo);
    let mut new_problems = problems(&ln, &only_old);
    new_problems.extend(en);
    let order = unit_order(&lo, &ln);
    let mut section_ids: Vec<String> = old.sections.iter().map(|s| s.id.clone()).collect();
    for s in &new.sections {
        if !section_ids.contains(&s.id) {
            section_ids.push(s.id.clone());
        }
    }
    let per_unit = per_unit(&order, &section_ids, (old, &lo, &ro), (new, &ln, &rn));
    let level_changes = level_changes(&section_ids, &per_unit);
    let become_computable = per_unit
        .iter()
        .filter(|u| u.index.old.level.is_none() && u.index.new.level.is_some())
        .map(|u| u.unit.clone())
        .collect();
    let stop_computable = per_unit
        .iter()
        .filter(|u| u.index.old.level.is_some() && u.index.new.level.is_none())
        .map(|u| u.unit.clone())
        .collect();
    Impact {
        files: specs.iter().map(|s| s.path.display().to_string()).collect(),
        units: order.len(),
        level_changes,
        become_computable,
        stop_computable,
        one_sided,
        old_input_problems: old_problems,
        new_input_problems: new_problems,
        whole_file_problem,
        per_unit,
    }
}

/// The questions only one version knows, with how many units answered them.
fn one_sided(
    (old, lo, only_old): (&Program, &Loaded, &[String]),
    (new, ln, only_new): (&Program, &Loaded, &[String]),
    renames: &[super::changes::Rename],
) -> Vec<OneSided> {
    let count = |p: &Program, l: &Loaded, id: &str| {
        input::slot_of(&p.schema, id).map_or(0, |s| {
            l.units
                .iter()
                .filter(|u| u.answers.get(s).is_some_and(|v| v.is_answered()))
                .count()
        })
    };
    let mut one_sided = Vec::new();
    for id in only_old {
        let renamed_to = renames.iter().find(|r| r.old == *id).map(|r| r.new.clone());
        one_sided.push(OneSided {
            question: id.clone(),
            known_by: "old".into(),
            answers: count(old, lo, id),
            note: String::new(),
            renamed_to,
        });
    }
    for id in only_new {
        one_sided.push(OneSided {
            question: id.clone(),
            known_by: "new".into(),
            answers: count(new, ln, id),
            note: String::new(),
            renamed_to: None,
        });
    }
    for o in &mut one_sided {
        o.note = o.note_in(Lang::En);
    }
    one_sided
}

/// Every unit either version saw, in input order.
fn unit_order(lo: &Loaded, ln: &Loaded) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for l in [lo, ln] {
        for u in l
            .units
            .iter()
            .map(|u| &u.id)
            .chain(l.rejected.iter().map(|r| &r.unit))
        {
            if !order.contains(u) {
                order.push(u.clone());
            }
        }
    }
    order
}

/// Each unit's sections (by id, over both versions), index and rank, before and after.
fn per_unit(
    order: &[String],
    section_ids: &[String],
    (old, lo, ro): (&Program, &Loaded, &Results),
    (new, ln, rn): (&Program, &Loaded, &Results),
) -> Vec<UnitImpact> {
    let idx_values = |r: &Results| -> Vec<(String, Option<Num>)> {
        r.iter().map(|(u, (_, i))| (u.clone(), i.exact)).collect()
    };
    let (rank_o, rank_n) = (ranks(&idx_values(ro)), ranks(&idx_values(rn)));
    let rejected = |l: &Loaded, u: &str| {
        l.rejected
            .iter()
            .find(|r| r.unit == u)
            .map(|r| Rejection(r.reasons.first().map(|e| e.kind.to_string())))
    };
    let mut per_unit = Vec::new();
    for u in order {
        let o = ro.get(u);
        let n = rn.get(u);
        let sec = |p: &Program, r: Option<&(Vec<Scored>, Scored)>, id: &str| {
            let i = p.sections.iter().position(|s| s.id == id);
            match (r, i) {
                (Some((v, _)), Some(i)) => v[i].clone(),
                _ => Scored::NONE,
            }
        };
        let sections = section_ids
            .iter()
            .map(|id| Pair {
                name: id.clone(),
                old: sec(old, o, id),
                new: sec(new, n, id),
            })
            .collect();
        per_unit.push(UnitImpact {
            unit: u.clone(),
            sections,
            index: Pair {
                name: "index".into(),
                old: o.map_or(Scored::NONE, |x| x.1.clone()),
                new: n.map_or(Scored::NONE, |x| x.1.clone()),
            },
            rank_old: rank_o.get(u).copied(),
            rank_new: rank_n.get(u).copied(),
            old_problem: rejected(lo, u),
            new_problem: rejected(ln, u),
        });
    }
    per_unit
}

/// Per section (then the index): how many units change level, up and down, and which.
fn level_changes(section_ids: &[String], per_unit: &[UnitImpact]) -> Vec<LevelSummary> {
    let mut level_changes = Vec::new();
    for (k, name) in section_ids
        .iter()
        .chain(std::iter::once(&"index".to_string()))
        .enumerate()
    {
        let mut s = LevelSummary {
            name: name.clone(),
            up: 0,
            down: 0,
            units: Vec::new(),
            moves: Vec::new(),
        };
        for u in per_unit {
            let p = if k < section_ids.len() {
                &u.sections[k]
            } else {
                &u.index
            };
            if let (Some(a), Some(b)) = (p.old.level, p.new.level) {
                if a != b {
                    if b > a {
                        s.up += 1;
                    } else {
                        s.down += 1;
                    }
                    s.units.push(format!("{}: {a} → {b}", u.unit));
                    s.moves.push((u.unit.clone(), a, b));
                }
            }
        }
        level_changes.push(s);
    }
    level_changes
}
