#![forbid(unsafe_code)]
//! `eindex`: a survey methodology as code.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! .rules text ──syntax::parse──▶ ast (spans on every node)
//! questionnaire.toml ──schema::load──▶ Schema
//! ast + Schema ──check::check──▶ hir::Program (resolved, typed, maxima derived)
//! hir::Program ──plan::lower──▶ plan::Plan (flat: slots, bytecode, table rows)
//! submissions ──input::load──▶ units ──eval::Evaluator──▶ outcomes with a trace ──render──▶ text/CSV/JSON
//! ```
//!
//! Every stage reports problems as `miette` diagnostics with exact spans (`diag`).
//!
//! On top of the stages: `app`, the path every command takes (load → check → lower once → load
//! input → evaluate, problems, output), `cmd`, one module per subcommand, and `cli`, which only
//! parses the arguments and dispatches.

pub mod app;
pub mod batch;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod diag;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod fmt;
pub mod hir;
pub mod input;
pub mod l10n;
pub mod lsp;
pub mod num;
pub mod plan;
pub mod render;
pub mod report;
pub mod robust;
pub mod ruleset;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod syntax;
pub mod synth;
pub mod testing;
pub mod text;
pub mod value;
pub mod verify;
