//! `eindex diff`: compare two versions of a ruleset: what changed, and its impact on submissions.
//!
//! Rules, sections and questions are matched by id; a removed and an added question with the same
//! text and options are reported as a likely rename. With submissions, every unit is loaded
//! (leniently) and evaluated with both versions. See docs/workflow.md.

pub mod changes;
mod details;
pub mod impact;
mod render;

use crate::source::SourceMap;
use clap::ValueEnum;
use serde::Serialize;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Md,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub old: String,
    pub new: String,
    pub changes: changes::Changes,
    pub impact: Option<impact::Impact>,
    /// The levels each version declares (level 0 too): `(old, new)`, for the renderings.
    #[serde(skip)]
    pub levels: (Vec<crate::hir::Level>, Vec<crate::hir::Level>),
}

/// Compares two loaded programs (and, with submissions, their impact).
pub fn compare(
    old_name: &str,
    old: (&crate::hir::Program, &SourceMap),
    new_name: &str,
    new: (&crate::hir::Program, &SourceMap),
    specs: &[crate::input::InputSpec],
    read: &crate::input::LoadOptions,
) -> Report {
    let c = changes::compare(
        &changes::Side {
            p: old.0,
            sources: old.1,
        },
        &changes::Side {
            p: new.0,
            sources: new.1,
        },
    );
    let impact = (!specs.is_empty())
        .then(|| impact::impact(old.0, new.0, specs, read, &c.schema.likely_renames));
    let levels = |p: &crate::hir::Program| crate::render::declared_levels(p).cloned().collect();
    Report {
        old: old_name.to_string(),
        new: new_name.to_string(),
        changes: c,
        impact,
        levels: (levels(old.0), levels(new.0)),
    }
}

/// Renders a report; the text and Markdown in `lang` (JSON is for programs: its texts do not
/// change with the language).
pub fn render(r: &Report, format: Format, all_units: bool, lang: crate::l10n::Lang) -> String {
    match format {
        Format::Text => render::text(r, all_units, lang),
        Format::Md => render::markdown(r, all_units, lang),
        Format::Json => serde_json::to_string_pretty(r).unwrap_or_default() + "\n",
    }
}
