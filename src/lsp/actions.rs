//! Quick fixes, formatting, code lenses and the commands they run.
//!
//! - A diagnostic whose help says "did you mean `x`?" gets a quick fix that writes `x` in place
//!   of the misspelt name (the checker's suggestion, as `eindex check` prints it).
//! - Formatting is `eindex fmt`'s ([`crate::fmt::format_source`]); a file with syntax errors is
//!   left as it is.
//! - Each `section` gets a lens that evaluates it for one unit of the submissions next to the
//!   ruleset (or named by the `eindex.submissions` setting); the `survey` header gets one that
//!   runs the folder's `tests.toml` cases (`eindex test`'s library code), titled with the result.

use super::diagnostics::Data;
use super::pos::Lines;
use super::state::{Folder, Settings};
use crate::eval::Evaluator;
use crate::input::{self, InputSpec};
use crate::syntax::ast::Item;
use crate::testing::{self, spec, CaseResult};
use lsp_types::{CodeAction, CodeActionKind, CodeLens, Command, TextEdit, Url, WorkspaceEdit};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The command of the evaluate lens: arguments `[ruleset, section, unit or null]` (the ruleset:
/// its folder, or a `.rules` file that is a ruleset alone).
pub const EVALUATE: &str = "eindex.evaluateSection";
/// The command of the tests lens: argument `[ruleset]`.
pub const RUN_TESTS: &str = "eindex.runTests";

/// The name a help text suggests: `did you mean `x`?` gives `x`.
pub fn suggestion(help: &str) -> Option<&str> {
    let rest = &help[help.find("did you mean `")? + "did you mean `".len()..];
    let name = &rest[..rest.find('`')?];
    (!name.is_empty()).then_some(name)
}

/// Quick fixes for the diagnostics among `diags` (the client's, carrying our `data`) that
/// suggest a name. `text`: the document's text, to check that the range holds one word.
pub fn quick_fixes(
    uri: &Url,
    text: &str,
    lines: &Lines<'_>,
    diags: &[lsp_types::Diagnostic],
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for d in diags {
        let help = d
            .data
            .as_ref()
            .and_then(|v| serde_json::from_value::<Data>(v.clone()).ok())
            .and_then(|data| data.help)
            .or_else(|| d.message.split_once("\nhelp: ").map(|(_, h)| h.to_string()));
        let Some(help) = help else { continue };
        let Some(name) = suggestion(&help) else {
            continue;
        };
        let (start, end) = (lines.offset(d.range.start), lines.offset(d.range.end));
        let word = text.get(start..end).unwrap_or("");
        if word.is_empty() || word == name || word.contains(|c: char| c.is_whitespace()) {
            continue;
        }
        let edit = TextEdit::new(d.range, name.to_string());
        let mut changes = HashMap::new();
        changes.insert(uri.clone(), vec![edit]);
        out.push(CodeAction {
            title: format!("Change `{word}` to `{name}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![d.clone()]),
            edit: Some(WorkspaceEdit::new(changes)),
            is_preferred: Some(true),
            ..Default::default()
        });
    }
    out
}

/// The edits that format `text` (one edit replacing the whole text), or none when it is
/// formatted already or does not parse.
pub fn format(name: &str, text: &str, lines: &Lines<'_>) -> Result<Vec<TextEdit>, String> {
    match crate::fmt::format_source(name, text) {
        Ok(out) if out == text => Ok(Vec::new()),
        Ok(out) => Ok(vec![TextEdit::new(lines.whole(), out)]),
        Err(crate::fmt::FmtError::Syntax(_)) => Ok(Vec::new()),
        Err(crate::fmt::FmtError::Changed(m)) => Err(m),
    }
}

/// The lenses of source `id`: evaluate each section, run the tests (on the `survey` header).
pub fn lenses(folder: &Folder, id: u16, lines: &Lines<'_>, ruleset: &Path) -> Vec<CodeLens> {
    let Some(file) = folder.ast(id) else {
        return Vec::new();
    };
    let dir = serde_json::Value::String(ruleset.display().to_string());
    let mut out = Vec::new();
    for item in &file.items {
        let (span, command) = match item {
            Item::Section(s) => (
                s.name.span,
                Command::new(
                    format!("▶ evaluate `{}` for a unit", s.name.node),
                    EVALUATE.into(),
                    Some(vec![
                        dir.clone(),
                        s.name.node.clone().into(),
                        serde_json::Value::Null,
                    ]),
                ),
            ),
            Item::Survey(s) if folder.loaded.ruleset.program.is_some() => (
                s.name.span,
                Command::new(
                    tests_title(folder),
                    RUN_TESTS.into(),
                    Some(vec![dir.clone()]),
                ),
            ),
            _ => continue,
        };
        out.push(CodeLens {
            range: lines.range(span.start as usize, span.end as usize),
            command: Some(command),
            data: None,
        });
    }
    out
}

fn tests_title(folder: &Folder) -> String {
    match run_tests(folder) {
        Ok(files) if files.is_empty() => "no tests.toml".into(),
        Ok(files) => {
            let all: Vec<&CaseResult> = files.iter().flat_map(|(_, r)| r).collect();
            let failed = all.iter().filter(|r| !r.passed()).count();
            format!("▶ tests: {} passed, {failed} failed", all.len() - failed)
        }
        Err(e) => format!("▶ tests: {e}"),
    }
}

/// Runs the folder's tests files; per file, each case's result.
pub fn run_tests(folder: &Folder) -> Result<Vec<(String, Vec<CaseResult>)>, String> {
    let rs = &folder.loaded.ruleset;
    let p = rs.program.as_ref().ok_or("the ruleset has errors")?;
    let plan = crate::plan::lower(p);
    let lang = p.schema.language;
    let mut out = Vec::new();
    for path in testing::test_files(&rs.dir) {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
        let file = spec::parse(&name, &text, p).map_err(|errs| {
            errs.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let (results, _) =
            testing::run_cases(p, &plan, &rs.sources, &file, &|_| true, &mut None, lang);
        out.push((name, results));
    }
    Ok(out)
}

/// The text `eindex test` prints for the folder's tests.
pub fn tests_report(folder: &Folder) -> Result<String, String> {
    let files = run_tests(folder)?;
    if files.is_empty() {
        return Err("the ruleset folder has no tests.toml".into());
    }
    let lang = folder
        .loaded
        .ruleset
        .program
        .as_ref()
        .map_or(crate::l10n::Lang::En, |p| p.schema.language);
    Ok(testing::report(&files, 0, lang).0)
}

/// The submissions file the evaluate command reads: the setting (relative to the folder), else
/// the first `*.csv`, `*.xlsx` or `*.json` of the folder.
pub fn submissions(dir: &Path, settings: &Settings) -> Result<PathBuf, String> {
    if let Some(p) = &settings.submissions {
        return Ok(if p.is_absolute() {
            p.clone()
        } else {
            dir.join(p)
        });
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "csv" || x == "xlsx" || x == "json")
        })
        .collect();
    found.sort();
    found.into_iter().next().ok_or_else(|| {
        format!(
            "no submissions: put a *.csv, *.xlsx or *.json next to the ruleset in {}, or set `eindex.submissions`",
            dir.display()
        )
    })
}

/// Evaluates `section` for `unit` (default: the setting's, else the first unit) of the
/// submissions; the line to show.
pub fn evaluate(
    folder: &Folder,
    settings: &Settings,
    section: &str,
    unit: Option<&str>,
) -> Result<String, String> {
    let rs = &folder.loaded.ruleset;
    let p = rs
        .program
        .as_ref()
        .ok_or("the ruleset has errors: fix them to evaluate it")?;
    let s = p
        .sections
        .iter()
        .position(|x| x.id == section)
        .ok_or_else(|| format!("no section `{section}`"))?;
    let path = submissions(&rs.dir, settings)?;
    // as `eindex eval --lenient` reads it: the good units, whatever the bad rows
    let opts = input::LoadOptions {
        unit_column: None,
        lenient: true,
        format: None,
        sheet: None,
        precedence: p.survey.sources.clone(),
    };
    let loaded = input::load(&p.schema, &[InputSpec::new(&path, None)], &opts);
    let wanted = unit.or(settings.unit.as_deref());
    let u = match wanted {
        Some(id) => loaded.units.iter().find(|u| u.id == id),
        None => loaded.units.first(),
    }
    .ok_or_else(|| match wanted {
        Some(id) => format!("no unit `{id}` in {}", path.display()),
        None => format!("no unit could be read from {}", path.display()),
    })?;
    let plan = crate::plan::lower(p);
    let o = Evaluator::new(&plan)
        .eval(&u.answers)
        .map_err(|e| e.to_string())?;
    let sec = &p.sections[s];
    let file = path
        .file_name()
        .map_or(String::new(), |f| f.to_string_lossy().into_owned());
    Ok(match o.sections.get(s) {
        Some(Ok(so)) => format!(
            "{}, {}: {} of {} points, score {}, level {} «{}» ({file})",
            u.id,
            sec.id,
            so.points,
            so.max,
            crate::render::fmt_score(p, so.score),
            so.level,
            crate::render::level_name(p, so.level),
        ),
        Some(Err(m)) => format!("{}, {}: no score ({m:?}) ({file})", u.id, sec.id),
        None => format!("{}, {}: no score ({file})", u.id, sec.id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_name_is_read_from_the_help() {
        assert_eq!(suggestion("did you mean `q_docs`?"), Some("q_docs"));
        assert_eq!(
            suggestion("did you mean `in`? a rule names its section"),
            Some("in")
        );
        assert_eq!(suggestion("the options here are: `a`, `b`"), None);
        assert_eq!(suggestion("did you mean `"), None);
    }
}
