//! Starting next year's ruleset from last year's (`eindex new-year`, docs/workflow.md "Starting
//! next year").
//!
//! The folder is copied file by file (never over an existing folder), then in the copy:
//!
//! - the survey header's `year` and the schema's `[survey] year` are set to the new year;
//! - calibration notes are emptied from the `.rules` files (see [`strip_calibration`] for how a
//!   note is marked), and the files are formatted again (trailing comments realigned);
//! - the tests files are carried over as they are.
//!
//! What cannot be decided by a program is returned as a checklist: the thresholds derived from
//! last year's results, the index weights, the pinned maxima, the open method choices
//! (`uncertain`), the questionnaire's questions, the tests and every line that still names last
//! year.

use super::{AppError, Result};
use crate::ruleset;
use crate::source::line_col;
use crate::syntax::{self, ast};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `new-year` made.
#[derive(Debug, Clone)]
pub struct NewYear {
    pub dir: PathBuf,
    pub old_year: i64,
    pub year: i64,
    /// Files copied.
    pub files: usize,
    /// Calibration notes emptied.
    pub notes: usize,
    /// What to review, one entry per line (already worded).
    pub checklist: Vec<String>,
}

/// The default new folder: `rules/2022` → `rules/2023` (the old year in the folder's name
/// replaced), else `<parent>/<year>`.
pub fn default_target(from: &Path, old_year: i64, year: i64) -> PathBuf {
    let name = from
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let old = old_year.to_string();
    let parent = from.parent().unwrap_or(Path::new("."));
    if name.contains(&old) {
        parent.join(name.replacen(&old, &year.to_string(), 1))
    } else {
        parent.join(year.to_string())
    }
}

/// The survey year of a ruleset that checks clean.
pub fn survey_year(from: &Path) -> Result<i64> {
    let rs = super::checked_ruleset(from)?;
    rs.program
        .as_ref()
        .and_then(|p| p.survey.year)
        .ok_or_else(|| AppError::Argument {
            message: format!(
                "the survey header of `{}` names no `year`; add `year <n>` to it first",
                from.display()
            ),
        })
}

/// Makes `to` from `from` for `year` (see the module docs). `to` must not exist.
pub fn new_year(from: &Path, to: &Path, year: i64) -> Result<NewYear> {
    let old_year = survey_year(from)?;
    if to.exists() {
        return Err(AppError::Argument {
            message: format!(
                "`{}` already exists; new-year never writes over a folder: name another with `--to`, or remove it",
                to.display()
            ),
        });
    }
    let files = copy_tree(from, to)?;
    let mut out = NewYear {
        dir: to.to_path_buf(),
        old_year,
        year,
        files: files.len(),
        notes: 0,
        checklist: Vec::new(),
    };
    let mut schema = None;
    let mut rules_files = Vec::new();
    for f in &files {
        if f.extension().is_some_and(|e| e == "rules") {
            let text = read(f)?;
            let (text, notes) = strip_calibration(&text);
            out.notes += notes;
            let (file, _) = syntax::parse(0, &text);
            schema = schema.or_else(|| schema_of(&file));
            let text = bump_rules_year(&text, &file, year);
            let text = crate::fmt::format_source(&f.display().to_string(), &text).unwrap_or(text);
            write(f, &text)?;
            rules_files.push(f.clone());
        }
    }
    if let Some(s) = &schema {
        let path = to.join(s);
        if let Ok(text) = std::fs::read_to_string(&path) {
            write(&path, &bump_schema_year(&text, old_year, year))?;
        }
    }
    out.checklist = checklist(to, &rules_files, &files, old_year, year, schema.as_deref())?;
    Ok(out)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| AppError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| AppError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// Copies every file under `from` (hidden files and `target` folders left out) into `to`, which
/// is created. Returns the new files, in name order.
fn copy_tree(from: &Path, to: &Path) -> Result<Vec<PathBuf>> {
    let mkdir = |d: &Path| {
        std::fs::create_dir_all(d).map_err(|e| AppError::WriteInto {
            path: d.display().to_string(),
            reason: e.to_string(),
        })
    };
    mkdir(to)?;
    let rd = std::fs::read_dir(from).map_err(|source| AppError::Read {
        path: from.display().to_string(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    let mut out = Vec::new();
    for src in entries {
        let name = src.file_name().map(|n| n.to_string_lossy().to_string());
        let Some(name) = name.filter(|n| !n.starts_with('.') && n != "target") else {
            continue;
        };
        let dst = to.join(&name);
        if src.is_dir() {
            out.extend(copy_tree(&src, &dst)?);
        } else if src.is_file() {
            std::fs::copy(&src, &dst).map_err(|e| AppError::Write {
                path: dst.display().to_string(),
                reason: e.to_string(),
            })?;
            out.push(dst);
        }
    }
    Ok(out)
}

/// The schema file a `.rules` file's survey header names.
fn schema_of(file: &ast::File) -> Option<String> {
    file.items.iter().find_map(|i| match i {
        ast::Item::Survey(s) => s.settings.iter().find_map(|x| match x {
            ast::SurveySetting::Schema(p) => Some(p.node.clone()),
            _ => None,
        }),
        _ => None,
    })
}

/// `year <old>` in the survey header set to `year`.
fn bump_rules_year(text: &str, file: &ast::File, year: i64) -> String {
    for item in &file.items {
        let ast::Item::Survey(s) = item else { continue };
        for setting in &s.settings {
            if let ast::SurveySetting::Year(y) = setting {
                let (a, b) = (y.span.start as usize, y.span.end as usize);
                if let (Some(before), Some(after)) = (text.get(..a), text.get(b..)) {
                    return format!("{before}{year}{after}");
                }
            }
        }
    }
    text.to_string()
}

/// `year = <old>` in the schema's `[survey]` table set to `year`.
fn bump_schema_year(text: &str, old: i64, year: i64) -> String {
    let mut table = String::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            table = t
                .split(']')
                .next()
                .unwrap_or("")
                .trim_start_matches('[')
                .trim()
                .to_string();
        }
        let is_year = table == "survey"
            && t.strip_prefix("year")
                .map(|r| r.trim_start())
                .and_then(|r| r.strip_prefix('='))
                .is_some_and(|r| r.trim_start().starts_with(&old.to_string()));
        if is_year {
            out.push_str(&line.replacen(&old.to_string(), &year.to_string(), 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Empties the calibration notes of a `.rules` file; returns the text and how many were removed.
///
/// A calibration note is a comment whose text starts with the word `calibration` (any case:
/// `# Calibration: 6 -> 4`, `# calibration note: ...`). On a line of its own it runs to the end
/// of its comment block: the comment lines after it, up to a line that is not a comment or a
/// `#` alone. After code it runs to the end of the line; there it may also follow other words
/// (`# statement only; calibration: 5 -> 4`, `# partly enabled (calibration: 2 -> 1)`), which
/// are kept.
pub fn strip_calibration(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut notes = 0;
    let mut in_note = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let t = body.trim_start();
        if in_note && t.starts_with('#') && t != "#" {
            continue;
        }
        in_note = false;
        let Some(hash) = comment_start(body) else {
            out.push_str(line);
            continue;
        };
        let comment = &body[hash + 1..];
        let Some(at) = note_at(comment) else {
            out.push_str(line);
            continue;
        };
        notes += 1;
        let code = body[..hash].trim_end();
        if code.is_empty() {
            // a note on a line of its own
            in_note = true;
            continue;
        }
        let kept = comment[..at].trim_end_matches([' ', ';', ',', '(', '-']);
        out.push_str(code);
        if !kept.trim().is_empty() {
            out.push_str("  #");
            out.push_str(kept);
        }
        out.push_str(ending);
    }
    (out, notes)
}

/// Where the comment of a line starts (a `#` outside a string).
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '#' if !in_string => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where the word `calibration` starts in a comment's text, if it does (at a word start).
fn note_at(comment: &str) -> Option<usize> {
    let lower = comment.to_lowercase();
    if lower.len() != comment.len() {
        return None; // a letter that changes length in lower case: leave the comment alone
    }
    let mut from = 0;
    while let Some(k) = lower.get(from..).and_then(|s| s.find("calibration")) {
        let at = from + k;
        let before_ok = lower[..at]
            .chars()
            .last()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The review checklist (see the module docs).
fn checklist(
    to: &Path,
    rules_files: &[PathBuf],
    files: &[PathBuf],
    old: i64,
    year: i64,
    schema: Option<&str>,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let Places {
        thresholds,
        weights,
        pins,
        rule_pins,
        uncertain,
    } = places(to, rules_files)?;
    out.push(format!(
        "thresholds derived from the {old} results: review each against the {year} results: {}",
        thresholds.join(", ")
    ));
    if !weights.is_empty() {
        out.push(format!("index weights: {}", weights.join(", ")));
    }
    if !pins.is_empty() || rule_pins > 0 {
        let mut entry = format!(
            "pinned maxima (change a pin together with the points): {}",
            pins.join(", ")
        );
        if rule_pins > 0 {
            let _ = write!(
                entry,
                "{}{rule_pins} rule{} with `max`",
                if pins.is_empty() { "" } else { "; " },
                crate::text::plural_s(rule_pins)
            );
        }
        out.push(entry);
    }
    if !uncertain.is_empty() {
        let n: usize = uncertain.iter().map(|(_, n)| n).sum();
        let at: Vec<&str> = uncertain.iter().map(|(p, _)| p.as_str()).collect();
        out.push(format!(
            "open method choices for `eindex robustness` ({n} declared: {}): the values the {old} published facts allowed; review them against the {year} method and results",
            at.join(", ")
        ));
    }
    out.push(format!(
        "questions added or removed: update {} to the {year} questionnaire; `eindex check {}` then names every rule that reads a removed question and warns of every new question no rule reads",
        schema.unwrap_or("the schema"),
        to.display()
    ));
    let tests: Vec<String> = files
        .iter()
        .filter(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n == "tests.toml" || n.ends_with(".tests.toml"))
        })
        .map(|f| rel(to, f))
        .collect();
    if !tests.is_empty() {
        out.push(format!(
            "tests carried over: {}; cases that pin the {old} published figures must follow the {year} rules (`eindex test {}`)",
            tests.join(", "),
            to.display()
        ));
    }
    out.extend(naming_old_year(to, files, old)?);
    Ok(out)
}

/// Where the `.rules` files set what last year's results decided.
#[derive(Default)]
struct Places {
    thresholds: Vec<String>,
    weights: Vec<String>,
    pins: Vec<String>,
    /// Rules with a `max` of their own.
    rule_pins: usize,
    /// `uncertain` blocks: where each is, and how many inputs it declares.
    uncertain: Vec<(String, usize)>,
}

fn places(to: &Path, rules_files: &[PathBuf]) -> Result<Places> {
    let mut p = Places::default();
    for f in rules_files {
        let text = read(f)?;
        let (file, _) = syntax::parse(0, &text);
        let place = |offset: u32| {
            let (line, _) = line_col(&text, offset as usize);
            format!("{}:{line}", rel(to, f))
        };
        for item in &file.items {
            match item {
                ast::Item::Section(s) => {
                    for setting in &s.settings {
                        match setting {
                            ast::SectionSetting::Thresholds(t) => p.thresholds.push(format!(
                                "section {} ({})",
                                s.name.node,
                                place(t.span.start)
                            )),
                            ast::SectionSetting::Max(m) => p.pins.push(format!(
                                "section {} max {} ({})",
                                s.name.node,
                                m.node,
                                place(m.span.start)
                            )),
                            _ => {}
                        }
                    }
                }
                ast::Item::Index(x) => {
                    for setting in &x.settings {
                        match setting {
                            ast::IndexSetting::Thresholds(t) => p
                                .thresholds
                                .push(format!("index ({})", place(t.span.start))),
                            ast::IndexSetting::Weights(_, sp) => p.weights.push(place(sp.start)),
                            _ => {}
                        }
                    }
                }
                ast::Item::Rule(r) if r.max.is_some() => p.rule_pins += 1,
                ast::Item::Uncertain(u) => p.uncertain.push((place(u.span.start), u.entries.len())),
                _ => {}
            }
        }
    }
    Ok(p)
}

/// One entry listing the lines that still name the old year (comments, titles, notes).
fn naming_old_year(to: &Path, files: &[PathBuf], old: i64) -> Result<Vec<String>> {
    const SHOWN: usize = 12;
    let needle = old.to_string();
    let mut lines = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue; // not text
        };
        for (i, line) in text.lines().enumerate() {
            if line.contains(&needle) {
                lines.push(format!("{}:{}", rel(to, f), i + 1));
            }
        }
    }
    if lines.is_empty() {
        return Ok(Vec::new());
    }
    let mut entry = format!(
        "{} line{} still name {old} (references to last year's report or data may stay): ",
        lines.len(),
        crate::text::plural_s(lines.len())
    );
    let shown: Vec<&str> = lines.iter().take(SHOWN).map(String::as_str).collect();
    entry.push_str(&shown.join(", "));
    if lines.len() > SHOWN {
        let _ = write!(entry, " and {} more", lines.len() - SHOWN);
    }
    Ok(vec![entry])
}

/// `f` relative to `to`, with `/`.
fn rel(to: &Path, f: &Path) -> String {
    f.strip_prefix(to)
        .unwrap_or(f)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Loads the new folder to see that it checks clean (for the command's last line).
pub fn check_new(to: &Path) -> Result<(usize, usize)> {
    let rs = ruleset::load(to)?;
    let errors = rs
        .diagnostics
        .iter()
        .filter(|d| d.severity() == crate::check::Severity::Error)
        .count();
    Ok((errors, rs.diagnostics.len() - errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_notes_are_emptied_and_other_comments_kept() {
        let text = "# Intro.\n# Calibration (synth): a long\n# note over lines.\n#\n# kept\nrule r in s {\n  a => 1  # calibration: 2 -> 1\n  b => 2  # partly (calibration: 3 -> 2)\n  c => 3  # statement only; Calibration: 5 -> 4\n  d => 4  # recalibration is a word\n}\n";
        let (out, n) = strip_calibration(text);
        assert_eq!(n, 4);
        assert_eq!(
            out,
            "# Intro.\n#\n# kept\nrule r in s {\n  a => 1\n  b => 2  # partly\n  c => 3  # statement only\n  d => 4  # recalibration is a word\n}\n"
        );
    }

    #[test]
    fn the_schema_year_is_bumped_only_in_the_survey_table() {
        let text = "[survey]\nname = \"x\"\nyear = 2022\n\n[other]\nyear = 2022\n";
        assert_eq!(
            bump_schema_year(text, 2022, 2023),
            "[survey]\nname = \"x\"\nyear = 2023\n\n[other]\nyear = 2022\n"
        );
    }

    #[test]
    fn the_default_folder_replaces_the_year_in_the_name() {
        assert_eq!(
            default_target(Path::new("rules/2022"), 2022, 2023),
            PathBuf::from("rules/2023")
        );
        assert_eq!(
            default_target(Path::new("rules/model"), 2022, 2023),
            PathBuf::from("rules/2023")
        );
    }
}
