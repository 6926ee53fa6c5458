//! What changed between two checked rulesets: schema, rules, sections, index. The details are
//! values ([`Detail`]) that the renderings write in the language people read.

pub use super::details::{Detail, Kind, Thresholds};
use crate::hir::{Program, Row, Rule, Scoring};
use crate::schema::Question;
use crate::source::{SourceMap, Span};
use serde::Serialize;
use std::collections::BTreeSet;

/// A question as the report names it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionRef {
    pub id: String,
    pub section: Option<String>,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Rename {
    pub old: String,
    pub new: String,
}

/// Changes of one question that exists in both versions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct QuestionChange {
    pub id: String,
    pub changes: Vec<Detail>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SchemaChanges {
    pub sections_added: Vec<String>,
    pub sections_removed: Vec<String>,
    pub questions_added: Vec<QuestionRef>,
    pub questions_removed: Vec<QuestionRef>,
    /// A removed and an added question with the same text and options.
    pub likely_renames: Vec<Rename>,
    pub questions_changed: Vec<QuestionChange>,
}

/// One rule, or section, or the index: what changed, in words.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    pub name: String,
    pub changes: Vec<Detail>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct RuleChanges {
    /// `name (section)`.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<Change>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Changes {
    pub schema: SchemaChanges,
    pub rules: RuleChanges,
    pub sections: Vec<Change>,
    pub index: Vec<Detail>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// One side of the comparison.
pub struct Side<'a> {
    pub p: &'a Program,
    pub sources: &'a SourceMap,
}

impl Side<'_> {
    fn text(&self, span: Span) -> String {
        self.sources
            .get(span.file)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .map(normalise)
            .unwrap_or_default()
    }
}

/// Source text without comments, white space runs collapsed.
fn normalise(t: &str) -> String {
    let mut out = String::new();
    for line in t.lines() {
        let mut in_str = false;
        let mut cut = line.len();
        let mut prev = ' ';
        for (i, c) in line.char_indices() {
            match c {
                '"' if prev != '\\' => in_str = !in_str,
                '#' if !in_str => {
                    cut = i;
                    break;
                }
                _ => {}
            }
            prev = c;
        }
        out.push(' ');
        out.push_str(&line[..cut]);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn qref(p: &Program, q: &Question) -> QuestionRef {
    QuestionRef {
        id: q.id.clone(),
        section: q.section.map(|s| p.schema.sections[s].id.clone()),
        kind: Kind::of(&q.kind),
        text: q.lv.clone(),
    }
}

/// Compares two checked programs.
pub fn compare(old: &Side<'_>, new: &Side<'_>) -> Changes {
    Changes {
        schema: schema(old.p, new.p),
        rules: rules(old, new),
        sections: sections(old, new),
        index: index(old.p, new.p),
    }
}

fn schema(old: &Program, new: &Program) -> SchemaChanges {
    let mut c = SchemaChanges::default();
    let os: BTreeSet<&str> = old.schema.section_ids().collect();
    let ns: BTreeSet<&str> = new.schema.section_ids().collect();
    c.sections_added = ns.difference(&os).map(|s| s.to_string()).collect();
    c.sections_removed = os.difference(&ns).map(|s| s.to_string()).collect();
    let all_old: Vec<&Question> = old
        .schema
        .questions
        .iter()
        .chain(&old.schema.meta)
        .collect();
    let all_new: Vec<&Question> = new
        .schema
        .questions
        .iter()
        .chain(&new.schema.meta)
        .collect();
    let find = |v: &[&Question], id: &str| v.iter().position(|q| q.id == id);
    for q in &all_new {
        if find(&all_old, &q.id).is_none() {
            c.questions_added.push(qref(new, q));
        }
    }
    for q in &all_old {
        match find(&all_new, &q.id) {
            None => c.questions_removed.push(qref(old, q)),
            Some(i) => {
                let n = all_new[i];
                let ch = question(old, new, q, n);
                if !ch.is_empty() {
                    c.questions_changed.push(QuestionChange {
                        id: q.id.clone(),
                        changes: ch,
                    });
                }
            }
        }
    }
    // likely renames: same text, same kind, same option ids
    let key = |q: &Question| {
        let opts: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
        (
            q.lv.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase(),
            Kind::of(&q.kind),
            opts.join("|"),
        )
    };
    let mut used = BTreeSet::new();
    for r in &c.questions_removed {
        let Some(oq) = all_old.iter().find(|q| q.id == r.id) else {
            continue;
        };
        let k = key(oq);
        let hit = c.questions_added.iter().find(|a| {
            !used.contains(&a.id)
                && all_new
                    .iter()
                    .find(|q| q.id == a.id)
                    .is_some_and(|nq| key(nq) == k)
        });
        if let Some(a) = hit {
            used.insert(a.id.clone());
            c.likely_renames.push(Rename {
                old: r.id.clone(),
                new: a.id.clone(),
            });
        }
    }
    c
}

fn question(old: &Program, new: &Program, o: &Question, n: &Question) -> Vec<Detail> {
    let mut ch = Vec::new();
    let (ok, nk) = (Kind::of(&o.kind), Kind::of(&n.kind));
    if ok != nk {
        ch.push(Detail::Kind(ok, nk));
    }
    let sec = |p: &Program, q: &Question| q.section.map(|s| p.schema.sections[s].id.clone());
    if sec(old, o) != sec(new, n) {
        ch.push(Detail::Section(sec(old, o), sec(new, n)));
    }
    let oo: Vec<&str> = o.kind.options().iter().map(|x| x.id.as_str()).collect();
    let no: Vec<&str> = n.kind.options().iter().map(|x| x.id.as_str()).collect();
    let added: Vec<String> = no
        .iter()
        .filter(|x| !oo.contains(x))
        .map(|x| x.to_string())
        .collect();
    let removed: Vec<String> = oo
        .iter()
        .filter(|x| !no.contains(x))
        .map(|x| x.to_string())
        .collect();
    if !added.is_empty() {
        ch.push(Detail::OptionsAdded(added));
    }
    if !removed.is_empty() {
        ch.push(Detail::OptionsRemoved(removed));
    }
    for ox in o.kind.options() {
        if let Some(nx) = n.kind.options().iter().find(|x| x.id == ox.id) {
            if ox.lv != nx.lv {
                ch.push(Detail::OptionText {
                    id: ox.id.clone(),
                    old: ox.lv.clone(),
                    new: nx.lv.clone(),
                });
            }
        }
    }
    if o.lv != n.lv {
        ch.push(Detail::Text(o.lv.clone(), n.lv.clone()));
    }
    let srcs = |q: &Question| {
        q.sources
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if srcs(o) != srcs(n) {
        ch.push(Detail::Sources(srcs(o), srcs(n)));
    }
    let cond = |q: &Question| q.ask_if.as_ref().map(crate::fmt::expr_fingerprint);
    if cond(o) != cond(n) {
        ch.push(match (&o.ask_if, &n.ask_if) {
            (None, Some(_)) => Detail::AskIfAdded,
            (Some(_), None) => Detail::AskIfRemoved,
            _ => Detail::AskIfChanged,
        });
    }
    if (o.allow_not_applicable, o.allow_dont_know) != (n.allow_not_applicable, n.allow_dont_know) {
        let a = |q: &Question| {
            let mut v = Vec::new();
            if q.allow_not_applicable {
                v.push("not_applicable".to_string());
            }
            if q.allow_dont_know {
                v.push("dont_know".to_string());
            }
            v
        };
        ch.push(Detail::Tokens(a(o), a(n)));
    }
    ch
}

/// A row's cells and points as written (`yes, -, yes`, `5`).
fn row_parts(side: &Side<'_>, span: Span) -> (String, String) {
    let t = side.text(span);
    match t.rsplit_once("=>") {
        Some((cells, pts)) => (cells.trim().to_string(), pts.trim().to_string()),
        None => (t, String::new()),
    }
}

fn rules(old: &Side<'_>, new: &Side<'_>) -> RuleChanges {
    let mut c = RuleChanges::default();
    let sec = |p: &Program, r: &Rule| p.sections[r.section].id.clone();
    for r in &new.p.rules {
        if !old.p.rules.iter().any(|o| o.name == r.name) {
            c.added.push(format!("{} ({})", r.name, sec(new.p, r)));
        }
    }
    for o in &old.p.rules {
        let Some(n) = new.p.rules.iter().find(|n| n.name == o.name) else {
            c.removed.push(format!("{} ({})", o.name, sec(old.p, o)));
            continue;
        };
        let mut ch = Vec::new();
        if sec(old.p, o) != sec(new.p, n) {
            ch.push(Detail::Section(Some(sec(old.p, o)), Some(sec(new.p, n))));
        }
        scoring_changes(old, new, o, n, &mut ch);
        for (i, state) in crate::hir::MissingState::ALL.iter().enumerate() {
            if o.handlers[i] != n.handlers[i] {
                ch.push(Detail::Handler {
                    state: state.as_str(),
                    old: o.handlers[i],
                    new: n.handlers[i],
                });
            }
        }
        if o.max != n.max {
            ch.push(Detail::Maximum(o.max, n.max));
        }
        if o.min != n.min {
            ch.push(Detail::Minimum(o.min, n.min));
        }
        if ch.is_empty() && old.text(o.span) != new.text(n.span) {
            ch.push(if matches!(o.scoring, Scoring::Points(_)) {
                Detail::ExpressionChanged
            } else {
                Detail::DefinitionChanged
            });
        }
        if o.title != n.title {
            ch.push(Detail::Title(
                o.title.clone().unwrap_or_default(),
                n.title.clone().unwrap_or_default(),
            ));
        }
        if !ch.is_empty() {
            c.changed.push(Change {
                name: o.name.clone(),
                changes: ch,
            });
        }
    }
    c
}

/// How a rule's scoring changed: its form, or within the same form, its rows or points.
fn scoring_changes(old: &Side<'_>, new: &Side<'_>, o: &Rule, n: &Rule, ch: &mut Vec<Detail>) {
    let (was, now) = (o.scoring.form(), n.scoring.form());
    if was != now {
        ch.push(Detail::Scoring(was, now));
        return;
    }
    match (&o.scoring, &n.scoring) {
        (
            Scoring::Table {
                rows: orows,
                policy: op,
                inputs: oi,
                ..
            },
            Scoring::Table {
                rows: nrows,
                policy: np,
                inputs: ni,
                from_match,
                ..
            },
        ) => {
            if op != np {
                let name = |p: &crate::hir::HitPolicy| format!("{p:?}").to_lowercase();
                ch.push(Detail::HitPolicy(name(op), name(np)));
            }
            if oi.len() != ni.len() {
                ch.push(Detail::Inputs(oi.len(), ni.len()));
            }
            table_rows(*from_match, (old, orows), (new, nrows), ch);
        }
        (
            Scoring::Sum {
                question: oq,
                points: opts,
                cap: ocap,
                floor: ofl,
            },
            Scoring::Sum {
                question: nq,
                points: npts,
                cap: ncap,
                floor: nfl,
            },
        ) => {
            let oqq = &old.p.schema.questions[*oq];
            let nqq = &new.p.schema.questions[*nq];
            if oqq.id != nqq.id {
                ch.push(Detail::Question(oqq.id.clone(), nqq.id.clone()));
            }
            let pts = |q: &Question, v: &[crate::num::Num], id: &str| {
                q.option_index(id).and_then(|i| v.get(i).copied())
            };
            let mut ids: Vec<&str> = oqq.kind.options().iter().map(|o| o.id.as_str()).collect();
            for o in nqq.kind.options() {
                if !ids.contains(&o.id.as_str()) {
                    ids.push(&o.id);
                }
            }
            for id in ids {
                let a = pts(oqq, opts, id).filter(|n| !n.is_zero());
                let b = pts(nqq, npts, id).filter(|n| !n.is_zero());
                if a != b {
                    let t = |x: Option<crate::num::Num>| x.unwrap_or(crate::num::Num::ZERO);
                    ch.push(Detail::OptionPoints {
                        id: id.to_string(),
                        old: t(a),
                        new: t(b),
                    });
                }
            }
            if ocap != ncap {
                ch.push(Detail::Cap(*ocap, *ncap));
            }
            if ofl != nfl {
                ch.push(Detail::Floor(*ofl, *nfl));
            }
        }
        (Scoring::Points(_), Scoring::Points(_)) => {}
        _ => {}
    }
}

/// Table rows (or match arms) removed, changed, added and reordered, matched by their cells as
/// written.
fn table_rows(
    arm: bool,
    (old, orows): (&Side<'_>, &[Row]),
    (new, nrows): (&Side<'_>, &[Row]),
    ch: &mut Vec<Detail>,
) {
    let op: Vec<(String, String)> = orows.iter().map(|r| row_parts(old, r.span)).collect();
    let np: Vec<(String, String)> = nrows.iter().map(|r| row_parts(new, r.span)).collect();
    for (cells, pts) in &op {
        match np.iter().find(|(c2, _)| c2 == cells) {
            None => ch.push(Detail::RowRemoved {
                arm,
                row: format!("{cells} => {pts}"),
            }),
            Some((_, p2)) if p2 != pts => ch.push(Detail::RowChanged {
                arm,
                cells: cells.clone(),
                old: pts.clone(),
                new: p2.clone(),
            }),
            _ => {}
        }
    }
    for (cells, pts) in &np {
        if !op.iter().any(|(c1, _)| c1 == cells) {
            ch.push(Detail::RowAdded {
                arm,
                row: format!("{cells} => {pts}"),
            });
        }
    }
    let order = |v: &[(String, String)], other: &[(String, String)]| {
        v.iter()
            .filter(|(c, _)| other.iter().any(|(c2, _)| c2 == c))
            .map(|(c, _)| c.clone())
            .collect::<Vec<_>>()
    };
    if order(&op, &np) != order(&np, &op) {
        ch.push(Detail::Reordered { arm });
    }
}

fn sections(old: &Side<'_>, new: &Side<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    for o in &old.p.sections {
        let Some(n) = new.p.sections.iter().find(|s| s.id == o.id) else {
            continue;
        };
        let mut ch = Vec::new();
        let (a, b) = (Thresholds::of(&o.thresholds), Thresholds::of(&n.thresholds));
        if a != b {
            ch.push(Detail::Thresholds(a, b));
        }
        if o.max != n.max {
            ch.push(Detail::MaxPoints(o.max, n.max));
        }
        if o.zero_apart != n.zero_apart {
            ch.push(Detail::ZeroApart(o.zero_apart, n.zero_apart));
        }
        let app = |s: &Side<'_>, x: &crate::hir::Section| {
            x.applicable.as_ref().map(|_| normalise_applicable(s, x))
        };
        if app(old, o) != app(new, n) {
            ch.push(Detail::Applicable(app(old, o), app(new, n)));
        }
        if !ch.is_empty() {
            out.push(Change {
                name: o.id.clone(),
                changes: ch,
            });
        }
    }
    out
}

/// The `applicable if` condition as written (from the section's source text).
fn normalise_applicable(side: &Side<'_>, s: &crate::hir::Section) -> String {
    let t = side.text(s.span);
    match t.split_once("applicable if") {
        Some((_, rest)) => {
            let rest = rest.trim();
            let cut = ["thresholds", "zero apart", "}"]
                .iter()
                .filter_map(|k| rest.find(k))
                .min()
                .unwrap_or(rest.len());
            rest[..cut].trim().to_string()
        }
        None => "(condition)".to_string(),
    }
}

fn index(old: &Program, new: &Program) -> Vec<Detail> {
    let mut ch = Vec::new();
    if old.index.proportional != new.index.proportional {
        ch.push(Detail::Proportional(
            old.index.proportional,
            new.index.proportional,
        ));
    }
    let mut ids: Vec<&str> = old.schema.section_ids().collect();
    for s in new.schema.section_ids() {
        if !ids.contains(&s) {
            ids.push(s);
        }
    }
    for id in ids {
        let w = |p: &Program| {
            p.sections
                .iter()
                .position(|s| s.id == id)
                .map(|i| p.index.weights[i])
        };
        let (a, b) = (w(old), w(new));
        if a != b {
            ch.push(Detail::Weight {
                section: id.to_string(),
                old: a,
                new: b,
            });
        }
    }
    if old.index.min_sections != new.index.min_sections {
        ch.push(Detail::MinSections(
            old.index.min_sections,
            new.index.min_sections,
        ));
    }
    let (a, b) = (
        Thresholds::of(&old.index.thresholds),
        Thresholds::of(&new.index.thresholds),
    );
    if a != b {
        ch.push(Detail::Thresholds(a, b));
    }
    let disp = |p: &Program| (p.survey.display, p.survey.compare, p.survey.rounding);
    if disp(old) != disp(new) {
        ch.push(Detail::Display(
            format!("{:?}", disp(old)),
            format!("{:?}", disp(new)),
        ));
    }
    ch
}
