//! (b) Load an arbitrary questionnaire schema and render every error as `eindex check` does
//! (miette's report and the JSON form: spans at any offset, long lines, many errors).
#![no_main]

use eindex::diag::{self, Diagnostic};
use eindex::source::SourceMap;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(errors) = eindex::schema::load(0, text) {
            let mut sources = SourceMap::new();
            sources.add(std::path::Path::new("questionnaire.toml"), text);
            let all: Vec<Diagnostic> = errors.into_iter().map(Diagnostic::Schema).collect();
            let _ = diag::render_human(&all, &sources, false, 100);
            for d in &all {
                let _ = diag::to_json(d, &sources);
            }
        }
    }
});
