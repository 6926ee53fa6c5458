//! The pest parser generated from `grammar/rules.pest`. Its `Rule` and `Pair` types stay inside
//! `syntax/`.

/// The generated parser.
#[derive(pest_derive::Parser)]
#[grammar = "../grammar/rules.pest"]
pub(super) struct RulesParser;
