//! The integration tests, linked as one test binary (`it`) rather than one per file: each module
//! is one former `tests/<name>.rs` binary, `common` holds what they share (running the `eindex`
//! binary, temporary folders).
//!
//! Run one module with `cargo test --test it <module>::` (e.g. `cargo test --test it cli::`).
//! Snapshots are in `tests/it/snapshots/`, named `it__<module>__<name>.snap`; the cases the tests
//! read are in `tests/cases/` (paths relative to the crate root, where cargo runs the tests).

mod common;

mod accounting;
mod bench_model;
mod check_cases;
mod check_proptest;
mod cli;
mod constraints;
mod eval_cases;
mod eval_output;
mod explain;
mod explain_bench;
mod explain_plain;
mod explain_published;
mod explain_removals;
mod input_sources;
mod l10n;
mod layers;
mod lsp;
mod lsp_grammar;
mod messy_input;
mod messy_rules;
mod messy_schema;
mod new_year;
mod replay_2022;
mod report;
mod robust_salib;
mod robustness;
mod robustness_render;
mod spreadsheets;
mod stages;
mod synth_2022;
mod verify_2022;
mod verify_answers;
mod workflow_diff;
mod workflow_fmt;
mod workflow_test;
