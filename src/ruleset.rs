//! Loading a ruleset folder: every `.rules` file, the schema its header names, and the checks.
//!
//! ```text
//! rules/2022/*.rules ──parse──▶ ast::File ─┐
//! questionnaire.toml ──load───▶ Schema ────┴─check──▶ hir::Program ──lower──▶ plan::Plan
//! ```

use crate::check::{self, CheckError, Severity};
use crate::diag::Diagnostic;
use crate::hir::Program;
use crate::schema;
use crate::source::{SourceMap, Span};
use crate::syntax::{self, ast};
use std::path::{Path, PathBuf};

/// A loaded (and, where possible, checked) ruleset.
pub struct Ruleset {
    pub dir: PathBuf,
    pub sources: SourceMap,
    /// The `.rules` files, in the order they were read.
    pub rule_files: Vec<PathBuf>,
    /// `Some` when there is no error.
    pub program: Option<Program>,
    pub diagnostics: Vec<Diagnostic>,
    /// The source id of the one `.rules` file named when it was loaded within its folder (see
    /// [`load`]); `eindex check` shows its diagnostics and counts the others.
    pub focus: Option<u16>,
}

impl Ruleset {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
            .count()
    }
}

/// An I/O problem that stops loading altogether (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read `{path}`: {reason}")]
    Read { path: String, reason: String },
    #[error("`{path}` holds no .rules files")]
    NoRules { path: String },
}

/// Loads the ruleset at `path`: a folder (all its `.rules` files) or a single `.rules` file.
///
/// A single file is a part of the ruleset in its folder (`rules/2022/communication.rules`): the
/// whole folder is loaded, so the other files give the context, and [`Ruleset::focus`] names the
/// file. Only where the folder's `.rules` files hold more than one `survey` header (a folder of
/// separate rulesets, as the test cases are) is the file loaded alone.
pub fn load(path: &Path) -> Result<Ruleset, LoadError> {
    let (dir, files, focus) = if path.is_dir() {
        (path.to_path_buf(), rules_in(path)?, None)
    } else {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::metadata(path).map_err(|e| read_err(path, e))?;
        let mut files = rules_in(&dir)?;
        if !files.iter().any(|f| same_file(f, path)) {
            files.push(path.to_path_buf());
        }
        let headers = files.iter().filter(|f| has_survey_header(f)).count();
        if files.len() > 1 && headers <= 1 {
            (dir, files, Some(path))
        } else {
            (dir, vec![path.to_path_buf()], None)
        }
    };
    if files.is_empty() {
        return Err(LoadError::NoRules {
            path: path.display().to_string(),
        });
    }
    let mut rs = load_files(&dir, &files)?;
    if let Some(named) = focus {
        let ids = 0..rs.sources.files().len();
        rs.focus = ids
            .zip(rs.sources.files())
            .find(|(_, f)| same_file(&f.path, named))
            .and_then(|(id, _)| u16::try_from(id).ok());
    }
    Ok(rs)
}

fn read_err(p: &Path, e: std::io::Error) -> LoadError {
    LoadError::Read {
        path: p.display().to_string(),
        reason: e.to_string(),
    }
}

/// The `.rules` files of folder `dir`, sorted.
fn rules_in(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| read_err(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether two paths name the same file (`rules/2022/a.rules` and `./rules/2022/a.rules`).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether a line of the file starts with the word `survey` (a ruleset's header).
fn has_survey_header(file: &Path) -> bool {
    let text = std::fs::read(file).unwrap_or_default();
    String::from_utf8_lossy(&text).lines().any(|l| {
        let l = l.trim_start_matches([' ', '\t', '\u{FEFF}']);
        l.strip_prefix("survey")
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}

/// Loads the given `.rules` files as one ruleset whose schema path is relative to `dir`.
pub fn load_files(dir: &Path, files: &[PathBuf]) -> Result<Ruleset, LoadError> {
    Ok(load_overlay(dir, files, &Overlay::new())?.ruleset)
}

/// Texts that stand in for files on disk (an editor's open, unsaved documents), by path. A path
/// is looked up as given and, failing that, canonicalised.
pub type Overlay = std::collections::HashMap<PathBuf, String>;

/// A ruleset loaded with [`load_overlay`], and what the checker read to check it: the syntax
/// tree of each `.rules` file (with its source id) and the schema, for tools that look up names
/// at a place (the language server).
pub struct Loaded {
    pub ruleset: Ruleset,
    /// `(source id, syntax tree)` of every `.rules` file that is valid UTF-8, in file order.
    pub files: Vec<(u16, ast::File)>,
    /// The schema as far as it loaded (`None` when it could not be read or parsed at all).
    pub schema: Option<crate::schema::Schema>,
}

/// The text of `f`: from the overlay when it holds the file, else read from disk.
fn read_with(overlay: &Overlay, f: &Path) -> Result<Vec<u8>, LoadError> {
    if let Some(t) = overlay.get(f) {
        return Ok(t.clone().into_bytes());
    }
    if !overlay.is_empty() {
        if let Some(t) = f.canonicalize().ok().and_then(|c| overlay.get(&c)) {
            return Ok(t.clone().into_bytes());
        }
    }
    std::fs::read(f).map_err(|e| read_err(f, e))
}

/// Loads the given `.rules` files as [`load_files`] does, but takes the text of a file (a `.rules`
/// file or the schema) from `overlay` where it holds one.
pub fn load_overlay(dir: &Path, files: &[PathBuf], overlay: &Overlay) -> Result<Loaded, LoadError> {
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut parsed: Vec<ast::File> = Vec::new();
    let mut ids: Vec<u16> = Vec::new();
    let mut broken: Vec<ast::BrokenItem> = Vec::new();
    for f in files {
        let bytes = read_with(overlay, f)?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let id = sources.add(f, text);
                diagnostics.push(Diagnostic::Check(CheckError::NotUtf8 {
                    span: Span::new(id, valid, valid + 1),
                }));
                continue;
            }
        };
        let id = sources.add(f, text.clone());
        let p = syntax::parse_recovering(id, &text);
        diagnostics.extend(p.errors.into_iter().map(Diagnostic::Syntax));
        parsed.push(p.file);
        ids.push(id);
        broken.extend(p.broken);
    }
    let schema_ref = schema_path(&parsed);
    let schema_rel = schema_ref
        .as_ref()
        .map_or("questionnaire.toml", |s| s.node.as_str());
    let schema_path = dir.join(schema_rel);
    let schema_text = read_with(overlay, &schema_path)
        .map_err(|e| match e {
            LoadError::Read { reason, .. } => reason,
            LoadError::NoRules { path } => path,
        })
        // the message `read_to_string` gives
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| "stream did not contain valid UTF-8".into())
        });
    let mut schema = None;
    let program = match schema_text {
        Err(e) => {
            let span = schema_ref
                .as_ref()
                .map_or_else(|| Span::new(0, 0, 0), |s| s.span);
            let reason = match &schema_ref {
                Some(_) => e.to_string(),
                None => format!(
                    "no `survey {{ schema \"...\" }}` header names the schema, and the default is not there ({e})"
                ),
            };
            diagnostics.push(Diagnostic::Check(CheckError::SchemaFile {
                path: schema_path.display().to_string(),
                reason,
                span,
            }));
            None
        }
        Ok(text) => {
            let id = sources.add(&schema_path, text.clone());
            let (program, loaded) =
                check_with_schema(id, &text, &parsed, &broken, &sources, &mut diagnostics);
            schema = loaded;
            program
        }
    };
    diagnostics.sort_by_key(|d| {
        let s = d.span();
        (s.file, s.start, s.end)
    });
    let has_error = diagnostics.iter().any(|d| d.severity() == Severity::Error);
    let ruleset = Ruleset {
        dir: dir.to_path_buf(),
        sources,
        rule_files: files.to_vec(),
        program: if has_error { None } else { program },
        diagnostics,
        focus: None,
    };
    Ok(Loaded {
        ruleset,
        files: ids.into_iter().zip(parsed).collect(),
        schema,
    })
}

/// Loads the schema (source `id`, `text`) and checks the rules against it. Schema errors and
/// rule errors are reported together: the rules are checked against the schema without its
/// broken questions. The program only when the schema has no error; the schema as far as it loaded.
fn check_with_schema(
    id: u16,
    text: &str,
    parsed: &[ast::File],
    broken: &[ast::BrokenItem],
    sources: &SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Program>, Option<schema::Schema>) {
    let (schema, errs) = schema::load_partial(id, text);
    let schema_ok = errs.is_empty();
    diagnostics.extend(errs.into_iter().map(Diagnostic::Schema));
    let Some(schema) = schema else {
        return (None, None);
    };
    let (program, mut errs) = check::check_with(parsed, broken, &schema);
    check::label_first_definitions(&mut errs, parsed, &schema, sources);
    diagnostics.extend(errs.into_iter().map(Diagnostic::Check));
    (program.filter(|_| schema_ok), Some(schema))
}

fn schema_path(files: &[ast::File]) -> Option<crate::source::Spanned<String>> {
    files.iter().flat_map(|f| &f.items).find_map(|i| match i {
        ast::Item::Survey(s) => s.settings.iter().find_map(|x| match x {
            ast::SurveySetting::Schema(p) => Some(p.clone()),
            _ => None,
        }),
        _ => None,
    })
}
