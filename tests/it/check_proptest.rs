//! No input text makes the parser or the checker panic: random edits of a valid ruleset are parsed
//! and checked against the test schema.

use eindex::{check, schema, syntax};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "rule",
    "let",
    "section",
    "index",
    "levels",
    "defaults",
    "survey",
    "match",
    "sum",
    "table",
    "points",
    "first",
    "unique",
    "max",
    "min",
    "when",
    "=>",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    "|",
    "-",
    "not",
    "in",
    "has",
    "any",
    "all",
    "if",
    "then",
    "else",
    "and",
    "or",
    "=",
    "<",
    ">=",
    "0",
    "1",
    "0.5",
    "100",
    "-3",
    "q_ux",
    "q_social",
    "q_sat_used",
    "q_docs",
    "e_share",
    "regular",
    "facebook",
    "missing",
    "yes",
    "no",
    "ratio(",
    "zero:",
    "count(",
    "answered(",
    "exclude",
    "unanswered",
    "not_asked",
    "cap",
    "floor",
    "thresholds",
    "upper",
    "lower",
    "weights",
    "communication",
    "open_data",
    "\"x\"",
    "\n",
    " ",
];

fn edit() -> impl Strategy<Value = (usize, usize, Vec<usize>)> {
    (
        any::<usize>(),
        0usize..40,
        prop::collection::vec(0..TOKENS.len(), 0..6),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn edits_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let schema_text = std::fs::read_to_string("tests/cases/check/schema.toml").unwrap();
        let schema = schema::load(1, &schema_text).expect("test schema loads");
        let mut text = std::fs::read_to_string("tests/cases/check/prelude.rules").unwrap();
        for (at, del, ins) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) { at -= 1; }
            let mut end = (at + del).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            let insert: String = ins.iter().map(|&i| format!("{} ", TOKENS[i])).collect();
            text.replace_range(at..end, &insert);
        }
        let (file, _errors) = syntax::parse(0, &text);
        let (_program, diags) = check::check(&[file], &schema);
        for d in &diags {
            let s = d.span();
            prop_assert!(s.start <= s.end);
        }
    }
}
