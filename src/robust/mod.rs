//! Uncertainty and sensitivity analysis of the index (issue 22, `eindex robustness`): the numerical
//! core, independent of the rules language.
//!
//! - [`design`]: where to evaluate — the Saltelli design on an Owen-scrambled Sobol' sequence
//!   (`sobol_burley`), with every coordinate an exact dyadic rational k / 2^23, and plain
//!   quasi-random points for uncertainty analysis.
//! - [`stats`]: what the evaluations say — first-order and total Sobol' indices with bootstrap
//!   confidence half-widths (the point estimates as SALib 1.6's `sobol.analyze` computes them),
//!   percentiles and summaries of output distributions.

pub mod design;
pub mod stats;
