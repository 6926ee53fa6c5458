//! `eindex lsp`: a language server for `.rules` files, over standard input and output.
//!
//! The server speaks for a ruleset folder — its `.rules` files and `questionnaire.toml` together —
//! as `eindex check` sees it, with the editor's unsaved texts in place of the files
//! ([`crate::ruleset::load_overlay`]). It is synchronous (rust-analyzer's `lsp-server` transport
//! and `lsp-types`): one thread handles the messages in order; the diagnostics of an edit are
//! computed once the messages that arrived with it are handled (a burst of keystrokes is
//! checked once).
//!
//! - `server`: the message loop, dispatch and capabilities;
//! - `state`: open documents, settings, the analysis of each folder;
//! - `pos`: positions (UTF-16 or UTF-8) and URIs; `refs`: what each name stands for;
//! - `diagnostics`, `hover`, `navigation` (definition, references, symbols), `completion`,
//!   `actions` (quick fixes, formatting, lenses and their commands).
//!
//! See docs/editors.md.

mod actions;
mod completion;
mod diagnostics;
mod hover;
mod navigation;
mod pos;
mod refs;
mod server;
mod state;

pub use completion::KEYWORDS;
pub use server::{serve, serve_stdio};
