//! What the server knows: the open documents (their unsaved texts) and, per ruleset folder, the
//! last analysis of the folder with those texts in place of the files on disk.

use super::pos::{Encoding, Lines};
use super::refs::{self, Occurrence};
use crate::ruleset::{self, Loaded, Overlay};
use crate::source::SourceFile;
use crate::syntax::ast;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Settings a client gives in `initializationOptions` (or `workspace/didChangeConfiguration`,
/// under `eindex`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// The submissions file the evaluate command reads (relative to the ruleset folder, or
    /// absolute); default: the first `*.csv`, `*.xlsx` or `*.json` in the ruleset folder.
    pub submissions: Option<PathBuf>,
    /// The unit the evaluate lenses score; default: the first unit of the submissions.
    pub unit: Option<String>,
}

impl Settings {
    /// Settings from a JSON value: the object itself or its `eindex` member; unknown or badly
    /// typed settings are left at their defaults.
    pub fn from_json(v: &serde_json::Value) -> Settings {
        let v = v.get("eindex").unwrap_or(v);
        serde_json::from_value(v.clone()).unwrap_or_default()
    }
}

/// An open document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub text: String,
    pub version: i32,
}

/// A ruleset folder as last analysed.
pub struct Folder {
    pub loaded: Loaded,
    /// Per `.rules` source id: the names in it (see [`refs`]).
    pub names: HashMap<u16, Vec<Occurrence>>,
}

impl Folder {
    /// The source id of the file at `path`.
    pub fn source_id(&self, path: &Path) -> Option<u16> {
        let files = self.loaded.ruleset.sources.files();
        files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u16::try_from(i).ok())
    }

    pub fn source(&self, id: u16) -> Option<&SourceFile> {
        self.loaded.ruleset.sources.get(id)
    }

    /// The syntax tree of source `id`.
    pub fn ast(&self, id: u16) -> Option<&ast::File> {
        self.loaded
            .files
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, f)| f)
    }

    /// Every syntax tree of the folder.
    pub fn asts(&self) -> impl Iterator<Item = (u16, &ast::File)> {
        self.loaded.files.iter().map(|(i, f)| (*i, f))
    }
}

/// The server's state.
pub struct World {
    pub enc: Encoding,
    pub settings: Settings,
    pub docs: HashMap<PathBuf, Doc>,
    /// Per ruleset (see [`World::scope`]): its last analysis.
    pub folders: BTreeMap<PathBuf, Folder>,
    /// The ruleset of each `.rules` file asked about.
    pub scopes: HashMap<PathBuf, PathBuf>,
    /// Per ruleset: the files that were last published with diagnostics (to clear them).
    pub published: HashMap<PathBuf, Vec<PathBuf>>,
}

impl World {
    pub fn new(enc: Encoding, settings: Settings) -> World {
        World {
            enc,
            settings,
            docs: HashMap::new(),
            folders: BTreeMap::new(),
            scopes: HashMap::new(),
            published: HashMap::new(),
        }
    }

    /// The text of `path`: the open document's, else the file's on disk.
    pub fn text(&self, path: &Path) -> Option<String> {
        match self.docs.get(path) {
            Some(d) => Some(d.text.clone()),
            None => std::fs::read_to_string(path).ok(),
        }
    }

    /// Lines of a text, with the client's encoding.
    pub fn lines<'a>(&self, text: &'a str) -> Lines<'a> {
        Lines::new(text, self.enc)
    }

    /// The ruleset a `.rules` file belongs to: its folder, or — in a folder of separate rulesets,
    /// whose files hold more than one `survey` header (as `eindex check <file>` decides) — the
    /// file alone. Decided when first asked (a document is asked again when it is opened).
    pub fn scope(&mut self, path: &Path) -> Option<PathBuf> {
        if let Some(s) = self.scopes.get(path) {
            return Some(s.clone());
        }
        let dir = path.parent()?;
        let files = rules_files(dir, &self.docs);
        let headers = files
            .iter()
            .filter(|f| self.text(f).is_some_and(|t| has_survey_header(&t)))
            .count();
        let scope = if files.len() > 1 && headers > 1 {
            path.to_path_buf()
        } else {
            dir.to_path_buf()
        };
        self.scopes.insert(path.to_path_buf(), scope.clone());
        Some(scope)
    }

    /// Analyses a ruleset again (a folder, or a `.rules` file that is a ruleset alone, see
    /// [`World::scope`]) with the open documents in place of their files.
    pub fn analyse(&mut self, scope: &Path) -> Result<(), String> {
        let alone = scope.extension().is_some_and(|x| x == "rules");
        let dir = if alone {
            scope.parent().unwrap_or(scope)
        } else {
            scope
        };
        let files = if alone {
            vec![scope.to_path_buf()]
        } else {
            rules_files(dir, &self.docs)
        };
        let overlay: Overlay = self
            .docs
            .iter()
            .filter(|(p, _)| p.parent() == Some(dir))
            .map(|(p, d)| (p.clone(), d.text.clone()))
            .collect();
        let loaded = if files.is_empty() {
            return Err(format!("{} holds no .rules files", dir.display()));
        } else {
            ruleset::load_overlay(dir, &files, &overlay).map_err(|e| e.to_string())?
        };
        let lets = refs::let_names(loaded.files.iter().map(|(_, f)| f));
        let names = loaded
            .files
            .iter()
            .map(|(id, f)| (*id, refs::collect(f, loaded.schema.as_ref(), &lets)))
            .collect();
        self.folders
            .insert(scope.to_path_buf(), Folder { loaded, names });
        Ok(())
    }
}

/// The `.rules` files of folder `dir`: those on disk and the open documents not yet saved there,
/// sorted.
pub fn rules_files(dir: &Path, docs: &HashMap<PathBuf, Doc>) -> Vec<PathBuf> {
    let is_rules = |p: &Path| p.extension().is_some_and(|x| x == "rules");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_rules(p) && p.is_file())
                .collect()
        })
        .unwrap_or_default();
    for p in docs.keys() {
        if is_rules(p) && p.parent() == Some(dir) && !files.contains(p) {
            files.push(p.clone());
        }
    }
    files.sort();
    files
}

/// Whether a line of `text` starts with the word `survey` (a ruleset's header), as
/// [`crate::ruleset::load`] tells a folder of separate rulesets.
fn has_survey_header(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start_matches([' ', '\t', '\u{FEFF}']);
        l.strip_prefix("survey")
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}
