//! `eindex diff`: compare two versions of a ruleset: what changed, and its impact on submissions.
//!
//! Rules, sections and questions are matched by id; a removed and an added question with the same
//! text and options are reported as a likely rename. With submissions, every unit is loaded
//! (leniently) and evaluated with both versions. See docs/workflow.md.

pub mod changes;
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
    Report {
        old: old_name.to_string(),
        new: new_name.to_string(),
        changes: c,
        impact,
    }
}

/// Renders a report.
pub fn render(r: &Report, format: Format, all_units: bool) -> String {
    match format {
        Format::Text => render::text(r, all_units),
        Format::Md => render::markdown(r, all_units),
        Format::Json => serde_json::to_string_pretty(r).unwrap_or_default() + "\n",
    }
}
