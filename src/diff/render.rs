//! Text and Markdown renderings of a diff report, in the language people read (`--lang`): the
//! words come from the message catalogue (`src/l10n/*/diff.ftl`), the details of a change too
//! (`zars \`several\`: 1 → 2`; rule syntax in backticks stays as written), scores are written
//! with the language's decimal mark and levels with their names (`2 intuitīvs → 3 definēts`,
//! each version's own names). The input problems are the input stage's diagnostics
//! (`file:line:col … help: …`): they stay in English in every language, as the diagnostics of
//! `check` and of the input stage do (docs/design.md, "Words people read"); only the words
//! around them (`vienība \`X\` noraidīta:`) are in the language.

use super::impact::{Impact, Pair, Scored};
use super::Report;
use crate::hir::Level;
use crate::l10n::{Arg, Lang, Messages};
use crate::text::{escape_markdown, Md};
use std::fmt::Write as _;

/// What the renderings need besides the report: the language and each version's levels.
struct Words<'r> {
    lang: Lang,
    m: &'static Messages,
    old_levels: &'r [Level],
    new_levels: &'r [Level],
}

impl<'r> Words<'r> {
    fn new(r: &'r Report, lang: Lang) -> Self {
        Words {
            lang,
            m: lang.messages(),
            old_levels: &r.levels.0,
            new_levels: &r.levels.1,
        }
    }

    /// A level with its name in one version (`2 intuitīvs`; the number alone without a name).
    fn level(&self, level: u8, levels: &[Level]) -> String {
        let name = levels
            .iter()
            .find(|l| l.number == level)
            .map_or("", |l| self.lang.pick(&l.lv, l.en.as_deref()));
        if name.is_empty() || name == level.to_string() {
            level.to_string()
        } else {
            format!("{level} {name}")
        }
    }

    /// A score and level in one version: `56,0 2 intuitīvs`, or `–`.
    fn scored(&self, s: &Scored, levels: &[Level]) -> String {
        match (&s.score, s.level) {
            (Some(x), Some(l)) => format!("{} {}", self.lang.decimal(x), self.level(l, levels)),
            _ => "–".to_string(),
        }
    }

    /// `old → new`, each in its version's levels.
    fn pair(&self, p: &Pair) -> String {
        format!(
            "{} → {}",
            self.scored(&p.old, self.old_levels),
            self.scored(&p.new, self.new_levels)
        )
    }

    /// `unit: 3 definēts → 2 intuitīvs`.
    fn moves(&self, moves: &[(String, u8, u8)]) -> String {
        let v: Vec<String> = moves
            .iter()
            .map(|(u, a, b)| {
                format!(
                    "{u}: {} → {}",
                    self.level(*a, self.old_levels),
                    self.level(*b, self.new_levels)
                )
            })
            .collect();
        v.join(", ")
    }
}

fn rank(r: Option<usize>) -> String {
    r.map_or_else(|| "–".to_string(), |r| r.to_string())
}

/// The first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `(name, changes)` sections of the report, in order, shared by both renderings.
fn change_blocks(r: &Report, w: &Words) -> Vec<(String, Vec<String>)> {
    let m = w.m;
    let c = &r.changes;
    let s = &c.schema;
    let mut schema = Vec::new();
    for x in &s.sections_added {
        schema.push(m.f("diff-section-added", &[("name", Arg::Str(x))]));
    }
    for x in &s.sections_removed {
        schema.push(m.f("diff-section-removed", &[("name", Arg::Str(x))]));
    }
    let metadata = m.t("diff-metadata");
    for (id, list) in [
        ("diff-question-added", &s.questions_added),
        ("diff-question-removed", &s.questions_removed),
    ] {
        for q in list {
            let kind = q.kind.text(w.lang);
            let args = [
                ("id", Arg::Str(&q.id)),
                ("kind", Arg::Str(&kind)),
                (
                    "section",
                    Arg::Str(q.section.as_deref().unwrap_or(&metadata)),
                ),
                ("text", Arg::Str(&q.text)),
            ];
            schema.push(if id == "diff-question-added" {
                m.f("diff-question-added", &args)
            } else {
                m.f("diff-question-removed", &args)
            });
        }
    }
    for x in &s.likely_renames {
        schema.push(m.f(
            "diff-likely-rename",
            &[("old", Arg::Str(&x.old)), ("new", Arg::Str(&x.new))],
        ));
    }
    for q in &s.questions_changed {
        for ch in &q.changes {
            schema.push(format!("`{}`: {}", q.id, ch.text(w.lang)));
        }
    }
    let mut rules = Vec::new();
    for x in &c.rules.added {
        rules.push(m.f("diff-rule-added", &[("name", Arg::Str(x))]));
    }
    for x in &c.rules.removed {
        rules.push(m.f("diff-rule-removed", &[("name", Arg::Str(x))]));
    }
    for x in &c.rules.changed {
        for ch in &x.changes {
            rules.push(format!("`{}`: {}", x.name, ch.text(w.lang)));
        }
    }
    let mut sections = Vec::new();
    for x in &c.sections {
        for ch in &x.changes {
            sections.push(format!("`{}`: {}", x.name, ch.text(w.lang)));
        }
    }
    vec![
        (m.t("diff-questionnaire"), schema),
        (m.t("diff-rules"), rules),
        (m.t("diff-sections"), sections),
        (
            m.t("diff-index"),
            c.index.iter().map(|d| d.text(w.lang)).collect(),
        ),
    ]
}

/// The name of a section's (or the index's) line: the id, `index` in the language.
fn summary_name(name: &str, m: &Messages) -> String {
    if name == "index" {
        m.t("diff-index")
    } else {
        name.to_string()
    }
}

fn level_line(i: &Impact, w: &Words) -> Vec<String> {
    i.level_changes
        .iter()
        .map(|s| {
            let name = summary_name(&s.name, w.m);
            if s.units.is_empty() {
                w.m.f("diff-level-none", &[("name", Arg::Str(&name))])
            } else {
                w.m.f(
                    "diff-level-changes",
                    &[
                        ("name", Arg::Str(&name)),
                        ("n", Arg::from(s.units.len())),
                        ("up", Arg::from(s.up)),
                        ("down", Arg::from(s.down)),
                        ("units", Arg::Str(&w.moves(&s.moves))),
                    ],
                )
            }
        })
        .collect()
}

pub fn text(r: &Report, all_units: bool, lang: Lang) -> String {
    let w = Words::new(r, lang);
    let mut s = String::new();
    let _ = writeln!(s, "eindex diff {} → {}", r.old, r.new);
    if r.changes.is_empty() {
        let _ = writeln!(s, "\n{}", w.m.t("diff-no-changes"));
    }
    for (title, lines) in change_blocks(r, &w) {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{title}:");
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
    if let Some(i) = &r.impact {
        text_impact(&mut s, i, all_units, &w);
    }
    s
}

/// Index computability, one-sided questions (the lines both renderings share).
fn impact_notes(i: &Impact, m: &Messages) -> Vec<String> {
    let lang = m.lang();
    let mut notes = Vec::new();
    if !i.become_computable.is_empty() {
        let units = i.become_computable.join(", ");
        notes.push(m.f("diff-become-computable", &[("units", Arg::Str(&units))]));
    }
    if !i.stop_computable.is_empty() {
        let units = i.stop_computable.join(", ");
        notes.push(m.f("diff-stop-computable", &[("units", Arg::Str(&units))]));
    }
    for o in &i.one_sided {
        let note = o.note_in(lang);
        let args = [
            ("question", Arg::Str(&o.question)),
            ("note", Arg::Str(&note)),
        ];
        notes.push(if o.known_by == "old" {
            m.f("diff-one-sided-old", &args)
        } else {
            m.f("diff-one-sided-new", &args)
        });
    }
    notes
}

/// The impact part of the text report: level changes, index computability, one-sided
/// questions, input problems, then the units.
fn text_impact(s: &mut String, i: &Impact, all_units: bool, w: &Words) {
    let m = w.m;
    let _ = writeln!(
        s,
        "\n{}:",
        m.f(
            "diff-impact",
            &[
                ("n", Arg::from(i.units)),
                ("files", Arg::Str(&i.files.join(", "))),
            ]
        )
    );
    for l in level_line(i, w) {
        let _ = writeln!(s, "  {l}");
    }
    for n in impact_notes(i, m) {
        let _ = writeln!(s, "  {n}");
    }
    for (old, v) in [
        (true, &i.old_input_problems),
        (false, &i.new_input_problems),
    ] {
        if !v.is_empty() {
            let args = [("n", Arg::from(v.len()))];
            let head = if old {
                m.f("diff-input-problems-old", &args)
            } else {
                m.f("diff-input-problems-new", &args)
            };
            let _ = writeln!(s, "  {head}:");
            // the diagnostics stay English (see the module's comment)
            for p in v {
                let _ = writeln!(s, "    {}", p.text(w.lang));
            }
        }
    }
    text_unit_rows(s, i, all_units, w);
}

/// `[new: rejected …]`: why a unit has no result in a version.
fn problems(u: &super::impact::UnitImpact, m: &Messages) -> String {
    let mut out = String::new();
    if let Some(p) = &u.old_problem {
        let p = p.text(m.lang());
        let _ = write!(
            out,
            " [{}]",
            m.f("diff-problem-old", &[("problem", Arg::Str(&p))])
        );
    }
    if let Some(p) = &u.new_problem {
        let p = p.text(m.lang());
        let _ = write!(
            out,
            " [{}]",
            m.f("diff-problem-new", &[("problem", Arg::Str(&p))])
        );
    }
    out
}

/// The text table of the units with a change (every unit with `all_units`).
fn text_unit_rows(s: &mut String, i: &Impact, all_units: bool, w: &Words) {
    let m = w.m;
    let rows: Vec<_> = i
        .per_unit
        .iter()
        .filter(|u| all_units || u.changed())
        .collect();
    if rows.is_empty() {
        let _ = writeln!(s, "  {}", m.t("diff-no-unit-changes"));
        return;
    }
    let (unit_h, index_h, rank_h) = (
        m.t("diff-col-unit"),
        m.t("diff-col-index"),
        m.t("diff-col-rank"),
    );
    let width = |it: &mut dyn Iterator<Item = String>, head: &str| {
        it.map(|x| x.chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(4)
    };
    let uw = width(&mut rows.iter().map(|u| u.unit.clone()), &unit_h);
    let iw = width(&mut rows.iter().map(|u| w.pair(&u.index)), &index_h);
    let ranks =
        |u: &super::impact::UnitImpact| format!("{} → {}", rank(u.rank_old), rank(u.rank_new));
    let rw = width(&mut rows.iter().map(|u| ranks(u)), &rank_h);
    let _ = writeln!(
        s,
        "\n  {unit_h:<uw$}  {index_h:<iw$}  {rank_h:<rw$}  {}",
        m.t("diff-col-sections")
    );
    for u in rows {
        let secs: Vec<String> = u
            .sections
            .iter()
            .filter(|p| p.changed())
            .map(|p| format!("{} {}", p.name, w.pair(p)))
            .collect();
        let line = format!(
            "  {:<uw$}  {:<iw$}  {:<rw$}  {}{}",
            u.unit,
            w.pair(&u.index),
            ranks(u),
            secs.join("; "),
            problems(u, m)
        );
        let _ = writeln!(s, "{}", line.trim_end());
    }
}

fn md_cell(t: &str) -> String {
    escape_markdown(t, Md::Pipe)
}

pub fn markdown(r: &Report, all_units: bool, lang: Lang) -> String {
    let w = Words::new(r, lang);
    let m = w.m;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "## {}",
        m.f(
            "diff-md-title",
            &[("old", Arg::Str(&r.old)), ("new", Arg::Str(&r.new))]
        )
    );
    if r.changes.is_empty() {
        let _ = writeln!(s, "\n{}.", capitalised(&m.t("diff-no-changes")));
    }
    for (title, lines) in change_blocks(r, &w) {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n### {}\n", capitalised(&title));
        for l in lines {
            let _ = writeln!(s, "- {l}");
        }
    }
    if let Some(i) = &r.impact {
        markdown_impact(&mut s, i, all_units, &w);
    }
    s
}

/// The impact part of the Markdown report: the level-change table, notes, then the units.
fn markdown_impact(s: &mut String, i: &Impact, all_units: bool, w: &Words) {
    let m = w.m;
    let files: Vec<String> = i.files.iter().map(|f| format!("`{f}`")).collect();
    let _ = writeln!(
        s,
        "\n### {}\n\n{}\n",
        m.f("diff-md-impact", &[("n", Arg::from(i.units))]),
        m.f(
            "diff-md-submissions",
            &[("files", Arg::Str(&files.join(", ")))]
        )
    );
    let _ = writeln!(
        s,
        "| | {} | {} | {} | {} |",
        m.t("diff-md-col-changing"),
        m.t("diff-md-col-up"),
        m.t("diff-md-col-down"),
        m.t("diff-md-col-which")
    );
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | --- |");
    for l in &i.level_changes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            summary_name(&l.name, m),
            l.units.len(),
            l.up,
            l.down,
            md_cell(&w.moves(&l.moves))
        );
    }
    let mut notes: Vec<String> = impact_notes(i, m).iter().map(|n| capitalised(n)).collect();
    for (old, v) in [
        (true, &i.old_input_problems),
        (false, &i.new_input_problems),
    ] {
        // the diagnostics stay English (see the module's comment)
        for p in v {
            let p = p.text(w.lang);
            let args = [("problem", Arg::Str(&p))];
            notes.push(if old {
                m.f("diff-md-problem-old", &args)
            } else {
                m.f("diff-md-problem-new", &args)
            });
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(s);
        for n in notes {
            let _ = writeln!(s, "- {}", md_cell(&n));
        }
    }
    markdown_unit_rows(s, i, all_units, w);
}

/// The Markdown table of the units with a change (every unit with `all_units`): index, rank
/// and every section, a changed level in bold.
fn markdown_unit_rows(s: &mut String, i: &Impact, all_units: bool, w: &Words) {
    let m = w.m;
    let rows: Vec<_> = i
        .per_unit
        .iter()
        .filter(|u| all_units || u.changed())
        .collect();
    if rows.is_empty() {
        return;
    }
    let names: Vec<&str> = i.per_unit[0]
        .sections
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let _ = write!(
        s,
        "\n| {} | {} | {} |",
        m.t("diff-col-unit"),
        m.t("diff-md-col-index"),
        m.t("diff-col-rank")
    );
    for n in &names {
        let _ = write!(s, " {n} |");
    }
    let _ = write!(s, "\n| --- | --- | --- |");
    for _ in &names {
        let _ = write!(s, " --- |");
    }
    let _ = writeln!(s);
    for u in rows {
        let _ = write!(
            s,
            "| {} | {} | {} → {} |",
            md_cell(&u.unit),
            w.pair(&u.index),
            rank(u.rank_old),
            rank(u.rank_new)
        );
        for p in &u.sections {
            let cell = if p.changed() {
                w.pair(p)
            } else {
                w.scored(&p.new, w.new_levels)
            };
            let _ = write!(
                s,
                " {} |",
                if p.level_changed() {
                    format!("**{cell}**")
                } else {
                    cell
                }
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "\n{}", m.t("diff-md-footnote"));
}
