//! The checker's diagnostics as LSP diagnostics: the same code, message, range and help as
//! `eindex check --format json` gives (the pieces of [`crate::diag::to_json`]), published for
//! every file of the folder — an empty list clears a file's diagnostics once they are fixed.

use super::pos::{uri_of, Encoding, Lines};
use super::state::Folder;
use crate::check::Severity;
use crate::diag::{tame, Diagnostic};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams,
};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a diagnostic carries for code actions (`data`): its help and label as the CLI shows them.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Data {
    pub help: Option<String>,
    pub label: Option<String>,
}

/// One diagnostic for the editor.
pub fn convert(
    d: &Diagnostic,
    folder: &Folder,
    enc: Encoding,
) -> Option<(PathBuf, lsp_types::Diagnostic)> {
    let span = d.span();
    let sources = &folder.loaded.ruleset.sources;
    // a diagnostic without a place (the schema file missing) shows at the start of the first file
    let file = if span.is_synthetic() {
        sources.get(0)?
    } else {
        sources.get(span.file)?
    };
    let lines = Lines::new(&file.text, enc);
    let (start, end) = if span.is_synthetic() {
        (0, 0)
    } else {
        (span.start as usize, span.end as usize)
    };
    let m = d.as_miette();
    let code = m.code().map(|c| c.to_string()).unwrap_or_default();
    let label = m
        .labels()
        .and_then(|mut l| l.next())
        .and_then(|l| l.label().map(tame));
    let help = m.help().map(|h| tame(&h.to_string()));
    let mut message = tame(&m.to_string());
    if let Some(l) = &label {
        message.push_str(&format!(" ({l})"));
    }
    if let Some(h) = &help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    let related = related(d, file, &lines);
    let diag = lsp_types::Diagnostic {
        range: lines.range(start, end),
        severity: Some(match d.severity() {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: (!code.is_empty()).then_some(NumberOrString::String(code)),
        source: Some("eindex".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: serde_json::to_value(Data { help, label }).ok(),
        ..Default::default()
    };
    Some((file.path.clone(), diag))
}

/// The second and later labels of a diagnostic (`first defined here`), as related places.
fn related(
    d: &Diagnostic,
    file: &crate::source::SourceFile,
    lines: &Lines<'_>,
) -> Vec<DiagnosticRelatedInformation> {
    let Some(uri) = uri_of(&file.path) else {
        return Vec::new();
    };
    let Some(labels) = d.as_miette().labels() else {
        return Vec::new();
    };
    labels
        .skip(1)
        .map(|l| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: lines.range(l.offset(), l.offset() + l.len()),
            },
            message: l.label().map(tame).unwrap_or_default(),
        })
        .collect()
}

/// The diagnostics of every file of the folder: each `.rules` file (and the schema when it has
/// any) gets a list, empty when it is clean. `versions`: the open documents' versions.
pub fn by_file(folder: &Folder, enc: Encoding) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = folder
        .loaded
        .ruleset
        .rule_files
        .iter()
        .map(|p| (p.clone(), Vec::new()))
        .collect();
    for d in &folder.loaded.ruleset.diagnostics {
        if let Some((path, diag)) = convert(d, folder, enc) {
            out.entry(path).or_default().push(diag);
        }
    }
    out
}

/// The notifications that publish `diags`, and clear the files of `before` that no longer have
/// any.
pub fn publish(
    diags: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    before: &[PathBuf],
    version: impl Fn(&PathBuf) -> Option<i32>,
) -> Vec<PublishDiagnosticsParams> {
    let mut out = Vec::new();
    for p in before {
        if !diags.contains_key(p) {
            if let Some(uri) = uri_of(p) {
                out.push(PublishDiagnosticsParams::new(uri, Vec::new(), version(p)));
            }
        }
    }
    for (p, ds) in diags {
        if let Some(uri) = uri_of(&p) {
            let v = version(&p);
            out.push(PublishDiagnosticsParams::new(uri, ds, v));
        }
    }
    out
}
