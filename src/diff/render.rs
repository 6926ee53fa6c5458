//! Text and Markdown renderings of a diff report.

use super::impact::{Impact, Pair, Scored};
use super::Report;
use crate::text::{escape_markdown, plural_s, Md};
use std::fmt::Write as _;

fn scored(s: &Scored) -> String {
    match (&s.score, s.level) {
        (Some(x), Some(l)) => format!("{x} ({l})"),
        _ => "–".to_string(),
    }
}

fn pair(p: &Pair) -> String {
    format!("{} → {}", scored(&p.old), scored(&p.new))
}

fn rank(r: Option<usize>) -> String {
    r.map_or_else(|| "–".to_string(), |r| r.to_string())
}

/// `(name, changes)` sections of the report, in order, shared by both renderings.
fn change_blocks(r: &Report) -> Vec<(String, Vec<String>)> {
    let c = &r.changes;
    let s = &c.schema;
    let mut schema = Vec::new();
    for x in &s.sections_added {
        schema.push(format!("section added: {x}"));
    }
    for x in &s.sections_removed {
        schema.push(format!("section removed: {x}"));
    }
    for q in &s.questions_added {
        schema.push(format!(
            "question added: `{}` ({}, {}) \"{}\"",
            q.id,
            q.kind,
            q.section.as_deref().unwrap_or("metadata"),
            q.text
        ));
    }
    for q in &s.questions_removed {
        schema.push(format!(
            "question removed: `{}` ({}, {}) \"{}\"",
            q.id,
            q.kind,
            q.section.as_deref().unwrap_or("metadata"),
            q.text
        ));
    }
    for x in &s.likely_renames {
        schema.push(format!(
            "likely rename: `{}` → `{}` (same text and options)",
            x.old, x.new
        ));
    }
    for q in &s.questions_changed {
        for ch in &q.changes {
            schema.push(format!("`{}`: {ch}", q.id));
        }
    }
    let mut rules = Vec::new();
    for x in &c.rules.added {
        rules.push(format!("rule added: {x}"));
    }
    for x in &c.rules.removed {
        rules.push(format!("rule removed: {x}"));
    }
    for x in &c.rules.changed {
        for ch in &x.changes {
            rules.push(format!("`{}`: {ch}", x.name));
        }
    }
    let mut sections = Vec::new();
    for x in &c.sections {
        for ch in &x.changes {
            sections.push(format!("`{}`: {ch}", x.name));
        }
    }
    vec![
        ("questionnaire".to_string(), schema),
        ("rules".to_string(), rules),
        ("sections".to_string(), sections),
        ("index".to_string(), c.index.clone()),
    ]
}

fn level_line(i: &Impact) -> Vec<String> {
    i.level_changes
        .iter()
        .map(|s| {
            if s.units.is_empty() {
                format!("{}: no unit changes level", s.name)
            } else {
                format!(
                    "{}: {} unit{} change level ({} up, {} down): {}",
                    s.name,
                    s.units.len(),
                    plural_s(s.units.len()),
                    s.up,
                    s.down,
                    s.units.join(", ")
                )
            }
        })
        .collect()
}

pub fn text(r: &Report, all_units: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "eindex diff {} → {}", r.old, r.new);
    if r.changes.is_empty() {
        let _ = writeln!(
            s,
            "\nno changes in the questionnaire, rules, sections or index"
        );
    }
    for (title, lines) in change_blocks(r) {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{title}:");
        for l in lines {
            let _ = writeln!(s, "  {l}");
        }
    }
    if let Some(i) = &r.impact {
        text_impact(&mut s, i, all_units);
    }
    s
}

/// The impact part of the text report: level changes, index computability, one-sided
/// questions, input problems, then the units.
fn text_impact(s: &mut String, i: &Impact, all_units: bool) {
    let _ = writeln!(
        s,
        "\nimpact on {} unit{} ({}):",
        i.units,
        plural_s(i.units),
        i.files.join(", ")
    );
    for l in level_line(i) {
        let _ = writeln!(s, "  {l}");
    }
    if !i.become_computable.is_empty() {
        let _ = writeln!(
            s,
            "  index becomes computable: {}",
            i.become_computable.join(", ")
        );
    }
    if !i.stop_computable.is_empty() {
        let _ = writeln!(
            s,
            "  index stops being computable: {}",
            i.stop_computable.join(", ")
        );
    }
    for o in &i.one_sided {
        let _ = writeln!(
            s,
            "  `{}` is known only to the {} version: {}",
            o.question, o.known_by, o.note
        );
    }
    for (who, v) in [
        ("old", &i.old_input_problems),
        ("new", &i.new_input_problems),
    ] {
        if !v.is_empty() {
            let _ = writeln!(s, "  input problems with the {who} version ({}):", v.len());
            for p in v {
                let _ = writeln!(s, "    {p}");
            }
        }
    }
    text_unit_rows(s, i, all_units);
}

/// The text table of the units with a change (every unit with `all_units`).
fn text_unit_rows(s: &mut String, i: &Impact, all_units: bool) {
    let rows: Vec<_> = i
        .per_unit
        .iter()
        .filter(|u| all_units || u.changed())
        .collect();
    if rows.is_empty() {
        let _ = writeln!(s, "  no unit's scores, levels or rank change");
    } else {
        let w = rows
            .iter()
            .map(|u| u.unit.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            s,
            "\n  {:<w$}  {:<27}  {:<9}  changed sections (score (level) old → new)",
            "unit", "index old → new", "rank"
        );
        for u in rows {
            let secs: Vec<String> = u
                .sections
                .iter()
                .filter(|p| p.changed())
                .map(|p| format!("{} {}", p.name, pair(p)))
                .collect();
            let mut line = format!(
                "  {:<w$}  {:<27}  {:<9}  {}",
                u.unit,
                pair(&u.index),
                format!("{} → {}", rank(u.rank_old), rank(u.rank_new)),
                secs.join("; ")
            );
            for (who, p) in [("old", &u.old_problem), ("new", &u.new_problem)] {
                if let Some(p) = p {
                    line.push_str(&format!(" [{who}: {p}]"));
                }
            }
            let _ = writeln!(s, "{}", line.trim_end());
        }
    }
}

fn md_cell(t: &str) -> String {
    escape_markdown(t, Md::Pipe)
}

pub fn markdown(r: &Report, all_units: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Ruleset change: `{}` → `{}`", r.old, r.new);
    if r.changes.is_empty() {
        let _ = writeln!(
            s,
            "\nNo changes in the questionnaire, rules, sections or index."
        );
    }
    for (title, lines) in change_blocks(r) {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n### {}{}\n", title[..1].to_uppercase(), &title[1..]);
        for l in lines {
            let _ = writeln!(s, "- {l}");
        }
    }
    if let Some(i) = &r.impact {
        markdown_impact(&mut s, i, all_units);
    }
    s
}

/// The impact part of the Markdown report: the level-change table, notes, then the units.
fn markdown_impact(s: &mut String, i: &Impact, all_units: bool) {
    let _ = writeln!(
        s,
        "\n### Impact on {} unit{}\n\nSubmissions: {}\n",
        i.units,
        plural_s(i.units),
        i.files
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(s, "| | units changing level | up | down | which |");
    let _ = writeln!(s, "| --- | ---: | ---: | ---: | --- |");
    for l in &i.level_changes {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            l.name,
            l.units.len(),
            l.up,
            l.down,
            md_cell(&l.units.join(", "))
        );
    }
    let notes = markdown_notes(i);
    if !notes.is_empty() {
        let _ = writeln!(s);
        for n in notes {
            let _ = writeln!(s, "- {}", md_cell(&n));
        }
    }
    markdown_unit_rows(s, i, all_units);
}

/// Index computability, one-sided questions and input problems, one note each.
fn markdown_notes(i: &Impact) -> Vec<String> {
    let mut notes = Vec::new();
    if !i.become_computable.is_empty() {
        notes.push(format!(
            "Index becomes computable: {}",
            i.become_computable.join(", ")
        ));
    }
    if !i.stop_computable.is_empty() {
        notes.push(format!(
            "Index stops being computable: {}",
            i.stop_computable.join(", ")
        ));
    }
    for o in &i.one_sided {
        notes.push(format!(
            "`{}` is known only to the {} version: {}",
            o.question, o.known_by, o.note
        ));
    }
    for (who, v) in [
        ("old", &i.old_input_problems),
        ("new", &i.new_input_problems),
    ] {
        for p in v {
            notes.push(format!("Input problem ({who} version): {p}"));
        }
    }
    notes
}

/// The Markdown table of the units with a change (every unit with `all_units`): index, rank
/// and every section, a changed level in bold.
fn markdown_unit_rows(s: &mut String, i: &Impact, all_units: bool) {
    let rows: Vec<_> = i
        .per_unit
        .iter()
        .filter(|u| all_units || u.changed())
        .collect();
    if !rows.is_empty() {
        let names: Vec<&str> = i.per_unit[0]
            .sections
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        let _ = write!(s, "\n| unit | index | rank |");
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
                pair(&u.index),
                rank(u.rank_old),
                rank(u.rank_new)
            );
            for p in &u.sections {
                let cell = if p.changed() { pair(p) } else { scored(&p.new) };
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
        let _ = writeln!(
            s,
            "\nScores as displayed, level in parentheses; a changed level is in bold; – = not computable."
        );
    }
}
