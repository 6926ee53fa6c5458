//! Hover: what a name at a place stands for, in Markdown.
//!
//! - a question: its Latvian and English text, type, options with their labels, who answers it
//!   (sources) and its follow-up condition (`ask_if`);
//! - a rule: its section and the most points it can give;
//! - a threshold: the level names on either side of it;
//! - an option: its label; a `let`: its definition; a section: its title, thresholds and maximum.

use super::refs::{field, Target};
use super::state::Folder;
use crate::hir::Program;
use crate::schema::{Question, QuestionKind, Schema};
use crate::syntax::ast::{self, Item};
use std::fmt::Write as _;

/// The Markdown for `target`, if there is anything to say.
pub fn text(folder: &Folder, target: &Target) -> Option<String> {
    let schema = folder.loaded.schema.as_ref();
    let program = folder.loaded.ruleset.program.as_ref();
    match target {
        Target::Question(id) => Some(question(folder, field(schema?, id)?)),
        Target::Option { question, option } => option_text(schema?, question.as_deref(), option),
        Target::Rule(name) => rule(folder, program, name),
        Target::Threshold { section, bound } => threshold(folder, section.as_deref(), *bound),
        Target::Let(name) => let_text(folder, program, name),
        Target::Section(name) => section(folder, program, name),
    }
}

/// The source text of a span of the folder.
fn snippet(folder: &Folder, span: crate::source::Span) -> Option<&str> {
    let f = folder.source(span.file)?;
    f.text.get(span.start as usize..span.end as usize)
}

fn question(folder: &Folder, q: &Question) -> String {
    let mut s = format!("**{}** — {}\n\n{}", q.id, q.kind.name(), q.lv);
    if let Some(en) = &q.en {
        let _ = write!(s, "\n\n*{en}*");
    }
    if let QuestionKind::Integer { unit, min, max } | QuestionKind::Decimal { unit, min, max } =
        &q.kind
    {
        let bound = |b: &Option<crate::num::Num>| b.map_or("…".to_string(), |n| n.to_string());
        let _ = write!(s, "\n\nrange: {} – {}", bound(min), bound(max));
        if let Some(u) = unit {
            let _ = write!(s, " {u}");
        }
    }
    let options = q.kind.options();
    if !options.is_empty() {
        s.push_str("\n\noptions:");
        for o in options {
            let _ = write!(s, "\n- `{}` — {}", o.id, o.lv);
            if let Some(en) = &o.en {
                let _ = write!(s, " (*{en}*)");
            }
        }
    }
    if !q.sources.is_empty() {
        let names: Vec<&str> = q.sources.iter().map(|x| x.as_str()).collect();
        let _ = write!(s, "\n\nanswered by: {}", names.join(", "));
    }
    if let Some(cond) = q.ask_if.as_ref().and_then(|e| snippet(folder, e.span)) {
        let _ = write!(s, "\n\nasked if: `{cond}`");
    }
    s
}

fn option_text(schema: &Schema, question: Option<&str>, option: &str) -> Option<String> {
    let in_question = |q: &Question| {
        q.kind
            .options()
            .iter()
            .find(|o| o.id == option)
            .map(|o| (q.id.clone(), o.clone()))
    };
    let found = match question {
        Some(id) => field(schema, id).and_then(in_question),
        // without a question in context: the option of that name, if only one question has it
        None => {
            let all: Vec<_> = schema.questions.iter().filter_map(in_question).collect();
            (all.len() == 1).then(|| all[0].clone())
        }
    }?;
    let (q, o) = found;
    let mut s = format!("option **{}** of `{q}`\n\n{}", o.id, o.lv);
    if let Some(en) = &o.en {
        let _ = write!(s, "\n\n*{en}*");
    }
    Some(s)
}

fn rule(folder: &Folder, program: Option<&Program>, name: &str) -> Option<String> {
    if let Some(p) = program {
        let r = p.rules.iter().find(|r| r.name == name)?;
        let sec = p.sections.get(r.section)?;
        let mut s = format!("rule **{}**", r.name);
        if let Some(t) = &r.title {
            let _ = write!(s, " — {t}");
        }
        if let Some(t) = &r.title_en {
            let _ = write!(s, "\n\n*{t}*");
        }
        let _ = write!(
            s,
            "\n\nsection: `{}` ({})\n\nat most {} points (of the section's {})",
            sec.id, sec.lv, r.max, sec.max
        );
        return Some(s);
    }
    // with errors in the ruleset: what the rule itself says
    let r = folder
        .asts()
        .flat_map(|(_, f)| &f.items)
        .find_map(|i| match i {
            Item::Rule(r) if r.name.node == name => Some(r),
            _ => None,
        })?;
    let mut s = format!("rule **{}**\n\nsection: `{}`", r.name.node, r.section.node);
    match &r.max {
        Some(m) => {
            let _ = write!(s, "\n\nat most {} points (as pinned by `max`)", m.node);
        }
        None => s.push_str("\n\n(its maximum is known once the ruleset checks without errors)"),
    }
    Some(s)
}

/// The levels as declared: `(number, Latvian name, English name)`.
fn levels(folder: &Folder) -> Vec<(String, String, Option<String>)> {
    if let Some(p) = &folder.loaded.ruleset.program {
        return p
            .levels
            .iter()
            .map(|l| (l.number.to_string(), l.lv.clone(), l.en.clone()))
            .collect();
    }
    let declared = folder
        .asts()
        .flat_map(|(_, f)| &f.items)
        .find_map(|i| match i {
            Item::Levels(l) => Some(l),
            _ => None,
        });
    declared.map_or_else(Vec::new, |l: &ast::Levels| {
        l.levels
            .iter()
            .map(|d| {
                let en = d.en.as_ref().map(|e| e.node.clone());
                (d.number.node.to_string(), d.name.node.clone(), en)
            })
            .collect()
    })
}

/// The thresholds a section (or the index, `None`) declares: their kind.
fn threshold_kind(folder: &Folder, section: Option<&str>) -> Option<ast::ThresholdKind> {
    folder
        .asts()
        .flat_map(|(_, f)| &f.items)
        .find_map(|i| match (i, section) {
            (Item::Section(s), Some(name)) if s.name.node == name => {
                s.settings.iter().find_map(|x| match x {
                    ast::SectionSetting::Thresholds(t) => Some(t.kind.node),
                    _ => None,
                })
            }
            (Item::Index(ix), None) => ix.settings.iter().find_map(|x| match x {
                ast::IndexSetting::Thresholds(t) => Some(t.kind.node),
                _ => None,
            }),
            _ => None,
        })
}

fn threshold(folder: &Folder, section: Option<&str>, bound: usize) -> Option<String> {
    let levels = levels(folder);
    let kind = threshold_kind(folder, section)?;
    let name = |i: usize| {
        levels.get(i).map_or_else(
            || format!("level {}", i + 1),
            |(n, lv, en)| match en {
                Some(en) => format!("level {n} «{lv}» (*{en}*)"),
                None => format!("level {n} «{lv}»"),
            },
        )
    };
    let (below, above) = (name(bound), name(bound + 1));
    let whose = section.map_or("the index".to_string(), |s| format!("section `{s}`"));
    let rule = match kind {
        ast::ThresholdKind::Upper => "the highest score of",
        ast::ThresholdKind::Lower => "the lowest score of",
    };
    let of = match kind {
        ast::ThresholdKind::Upper => &below,
        ast::ThresholdKind::Lower => &above,
    };
    Some(format!(
        "threshold {} of {whose}: {rule} {of}\n\nbelow: {below}\n\nabove: {above}",
        bound + 1
    ))
}

fn let_text(folder: &Folder, program: Option<&Program>, name: &str) -> Option<String> {
    let l = folder
        .asts()
        .flat_map(|(_, f)| &f.items)
        .find_map(|i| match i {
            Item::Let(l) if l.name.node == name => Some(l),
            _ => None,
        })?;
    let mut s = format!("```\n{}\n```", snippet(folder, l.span)?);
    if let Some(ty) = program.and_then(|p| p.lets.iter().find(|x| x.name == name)) {
        let _ = write!(s, "\n\ntype: {}", ty_name(ty.ty));
    }
    Some(s)
}

fn ty_name(t: crate::hir::Ty) -> &'static str {
    use crate::hir::Ty;
    match t {
        Ty::Num => "number",
        Ty::Bool => "yes/no",
        Ty::Choice(_) => "single choice",
        Ty::Multi(_) => "multiple choice",
        Ty::Text => "free text",
        Ty::Missing => "missing",
    }
}

fn section(folder: &Folder, program: Option<&Program>, name: &str) -> Option<String> {
    let schema = folder.loaded.schema.as_ref()?;
    let info = schema.sections.iter().find(|s| s.id == name)?;
    let mut s = format!("section **{}** — {}", info.id, info.lv);
    if let Some(en) = &info.en {
        let _ = write!(s, "\n\n*{en}*");
    }
    if let Some(sec) = program.and_then(|p| p.sections.iter().find(|x| x.id == name)) {
        let bounds: Vec<String> = sec
            .thresholds
            .bounds
            .iter()
            .map(|b| b.to_string())
            .collect();
        let _ = write!(
            s,
            "\n\n{} rules, at most {} points; thresholds {}: {}",
            sec.rules.len(),
            sec.max,
            match sec.thresholds.kind {
                crate::hir::ThresholdKind::Upper => "upper",
                crate::hir::ThresholdKind::Lower => "lower",
            },
            bounds.join(", ")
        );
    }
    Some(s)
}
