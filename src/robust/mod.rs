//! Uncertainty and sensitivity analysis of the index (`eindex robustness`, docs/robustness.md).
//!
//! ```text
//! hir::Uncertainty ──▶ model (scores per structural variant) ──▶ engine (one run: levels, ranks)
//!                                                            ╰─▶ analysis (enumerate, or sample
//!                        design (Saltelli on Sobol') ─────────────╯  the design) ──▶ result ──▶ render
//!                        stats (Sobol' indices, bootstrap) ◀── outputs per run
//! ```
//!
//! - [`design`]: where to evaluate — the Saltelli design on an Owen-scrambled Sobol' sequence
//!   (`sobol_burley`), every coordinate an exact dyadic rational k / 2^23.
//! - [`stats`]: first-order and total Sobol' indices with bootstrap confidence half-widths (the
//!   point estimates as SALib's `sobol.analyze` computes them).
//! - [`model`], [`engine`], [`tally`], [`analysis`]: the runs over the ruleset's inputs.
//! - [`result`], [`render`]: what was found, and how people read it.

pub mod analysis;
pub mod design;
pub mod engine;
pub mod model;
pub mod render;
pub mod result;
pub mod stats;
pub mod tally;
