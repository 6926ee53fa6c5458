//! Every kind has its own code, `eindex::input::<name>`, listed in docs/diagnostics.md.

use super::*;
use std::collections::HashSet;

/// One kind of each variant.
fn one_of_each() -> Vec<InputErrorKind> {
    use InputErrorKind as K;
    let s = |t: &str| t.to_string();
    vec![
        K::Unreadable { reason: s("gone") },
        K::TooLarge {
            what: "the workbook file",
            limit_mib: 128,
            hint: "save the sheet as CSV UTF-8",
        },
        K::Utf16 {
            bom: true,
            csv: true,
        },
        K::Utf32 {
            bom: true,
            csv: false,
        },
        K::NoHeader {
            unit_column: s("unit"),
        },
        K::EmptyFile,
        K::LineNotUtf8 { line: 2 },
        K::NotAnArray { found: "a string" },
        K::JsonSyntax { reason: s("eof") },
        K::WorkbookAsText {
            what: "a zip archive (xlsx, ods)",
            format: "CSV",
        },
        K::NoSheet {
            name: Some(s("Atbildes")),
            hint: s("the workbook's sheets: `Sheet1`"),
        },
        K::MergedHeader { range: s("B1:D1") },
        K::WorkbookCell {
            cell: SheetCell::Error(s("#N/A")),
        },
        K::UnknownColumn {
            name: s("q"),
            hint: s("did you mean `q1`?"),
        },
        K::RepeatedColumn {
            name: s("q"),
            first: 2,
            second: 3,
        },
        K::RepeatedUnitColumn {
            name: s("unit"),
            first: 1,
            second: 3,
        },
        K::NoUnitColumn {
            unit_column: s("unit"),
            closest: None,
        },
        K::CellNotUtf8 {
            byte: 0xFF,
            position: 1,
        },
        K::RowLength {
            cells: 3,
            columns: 2,
            line_break: false,
            delimiter: ',',
        },
        K::UnclosedQuote {
            first_line: 4,
            last_line: 38,
            rows: 34,
            units: vec![s("A"), s("B")],
        },
        K::NoUnitId {
            unit_column: s("unit"),
        },
        K::UnitIdTooLong { bytes: 2 << 20 },
        K::UnitIdControl { id: s("\0") },
        K::CellTooLong { bytes: 2 << 20 },
        K::UnnamedColumn { column: 2, more: 0 },
        K::NotAnObject {
            found: "a number",
            unit_column: s("unit"),
        },
        K::NoUnitKey {
            unit_column: s("unit"),
        },
        K::EmptyUnitId,
        K::UnitIdType { found: "a boolean" },
        K::RepeatedUnitKey { key: s("unit") },
        K::RepeatedKey { key: s("q") },
        K::UnknownKey {
            key: s("q"),
            hint: s("did you mean `q1`?"),
        },
        K::MisplacedKey {
            key: s("q"),
            is_meta: false,
        },
        K::WrongSource {
            question: s("q"),
            file_source: Source::Expert,
            allowed: vec![Source::SelfAssessment],
        },
        K::TokenNotAllowed {
            value: s("NA"),
            question: s("q"),
            state: MissingState::NotApplicable,
        },
        K::NotYesNo { value: s("maybe") },
        K::BelowMinimum {
            value: s("-1"),
            question: s("q"),
            min: Num::ZERO,
            max: None,
        },
        K::AboveMaximum {
            value: s("2"),
            question: s("q"),
            min: None,
            max: Num::ONE,
        },
        K::NotAnOption {
            value: s("x"),
            question: s("q"),
            hint: s("did you mean `y`?"),
        },
        K::OptionTwice { option: s("a") },
        K::NotWhole {
            value: s("1.5"),
            question: s("q"),
        },
        K::AmbiguousThousands {
            value: s("1,049"),
            mark: ',',
            suggestion: s("1049"),
            question: s("q"),
        },
        K::ThousandsSeparators {
            value: s("1 049"),
            suggestion: s("1049"),
        },
        K::NotANumber {
            value: s("x"),
            question: s("q"),
            hint: NumberHint::Whole,
        },
        K::InexactNumber {
            value: s("1e400"),
            why: Inexact::Large,
        },
        K::WrongType {
            question: s("q"),
            expected: "a string",
            found: "a number",
        },
        K::WrongItemType {
            question: s("q"),
            found: "a number",
        },
        K::ValueTooLong { bytes: 2 << 20 },
        K::RepeatedUnit {
            unit: s("A"),
            place: Place::Row,
            first: 2,
            second: 3,
        },
        K::MetadataDisagrees {
            field: s("type"),
            here: s("a"),
            there: s("b"),
            there_cell: s("a.csv:2:2"),
        },
        K::AnsweredTwice {
            question: s("q"),
            by: None,
            first: s("a.csv:2:2"),
            second: s("b.csv:2:2"),
        },
        K::NotAsked {
            question: s("q"),
            follow_up: true,
        },
        K::Constraint {
            constraint: s("c"),
            message: s("m"),
            answers: s("a"),
        },
        K::Overflow { what: s("w") },
        K::RowWhileOpening,
    ]
}

/// The name in a kind's code. An exhaustive match: a new kind does not compile here until it is
/// added (and so to [`one_of_each`] and the docs, which the test checks).
fn name(k: &InputErrorKind) -> &'static str {
    use InputErrorKind as K;
    match k {
        K::Unreadable { .. } => "unreadable",
        K::TooLarge { .. } => "too_large",
        K::Utf16 { .. } => "utf16",
        K::Utf32 { .. } => "utf32",
        K::NoHeader { .. } => "no_header",
        K::EmptyFile => "empty_file",
        K::LineNotUtf8 { .. } => "line_not_utf8",
        K::NotAnArray { .. } => "not_an_array",
        K::JsonSyntax { .. } => "json_syntax",
        K::WorkbookAsText { .. } => "workbook_as_text",
        K::NoSheet { .. } => "no_sheet",
        K::MergedHeader { .. } => "merged_header",
        K::WorkbookCell { .. } => "workbook_cell",
        K::UnknownColumn { .. } => "unknown_column",
        K::RepeatedColumn { .. } => "repeated_column",
        K::RepeatedUnitColumn { .. } => "repeated_unit_column",
        K::NoUnitColumn { .. } => "no_unit_column",
        K::CellNotUtf8 { .. } => "not_utf8",
        K::RowLength { .. } => "row_length",
        K::UnclosedQuote { .. } => "unclosed_quote",
        K::NoUnitId { .. } => "no_unit_id",
        K::UnitIdTooLong { .. } => "unit_id_too_long",
        K::CellTooLong { .. } => "cell_too_long",
        K::UnnamedColumn { .. } => "unnamed_column",
        K::NotAnObject { .. } => "not_an_object",
        K::NoUnitKey { .. } => "no_unit_key",
        K::EmptyUnitId => "empty_unit_id",
        K::UnitIdType { .. } => "unit_id_type",
        K::RepeatedUnitKey { .. } => "repeated_unit_key",
        K::RepeatedKey { .. } => "repeated_key",
        K::UnknownKey { .. } => "unknown_key",
        K::MisplacedKey { .. } => "misplaced_key",
        K::WrongSource { .. } => "wrong_source",
        K::TokenNotAllowed { .. } => "token_not_allowed",
        K::NotYesNo { .. } => "not_yes_no",
        K::BelowMinimum { .. } => "below_minimum",
        K::AboveMaximum { .. } => "above_maximum",
        K::NotAnOption { .. } => "not_an_option",
        K::OptionTwice { .. } => "option_twice",
        K::NotWhole { .. } => "not_whole",
        K::AmbiguousThousands { .. } => "ambiguous_thousands",
        K::ThousandsSeparators { .. } => "thousands_separators",
        K::NotANumber { .. } => "not_a_number",
        K::InexactNumber { .. } => "inexact_number",
        K::UnitIdControl { .. } => "unit_id_control",
        K::WrongType { .. } => "wrong_type",
        K::WrongItemType { .. } => "wrong_item_type",
        K::ValueTooLong { .. } => "value_too_long",
        K::RepeatedUnit { .. } => "repeated_unit",
        K::MetadataDisagrees { .. } => "metadata_disagrees",
        K::AnsweredTwice { .. } => "answered_twice",
        K::NotAsked { .. } => "not_asked",
        K::Constraint { .. } => "constraint",
        K::Overflow { .. } => "overflow",
        K::RowWhileOpening => "internal",
    }
}

#[test]
fn every_kind_has_its_own_documented_code() {
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"),
    )
    .unwrap();
    let input_section = docs
        .split("## Input problems")
        .nth(1)
        .expect("docs/diagnostics.md has an \"Input problems\" section");
    let kinds = one_of_each();
    let mut names = HashSet::new();
    let mut codes = HashSet::new();
    for k in &kinds {
        let code = Diagnostic::code(k)
            .map(|c| c.to_string())
            .unwrap_or_default();
        assert_eq!(code, format!("eindex::input::{}", name(k)), "{k:?}");
        assert!(names.insert(name(k)), "{k:?} twice in one_of_each");
        assert!(codes.insert(code.clone()), "code {code} twice");
        assert!(
            input_section.contains(&format!("`{code}`")),
            "{code} is not in the Input problems section of docs/diagnostics.md"
        );
        // every kind says what is wrong
        assert!(!k.to_string().is_empty(), "{k:?}");
    }
    // as many kinds as `name` has arms
    assert_eq!(kinds.len(), 55);
}

#[test]
fn the_help_comes_from_the_kind() {
    let k = InputErrorKind::BelowMinimum {
        value: "-1".into(),
        question: "q_docs".into(),
        min: Num::ZERO,
        max: Some(Num::from(10)),
    };
    assert_eq!(k.to_string(), "-1 is below the minimum 0 of `q_docs`");
    assert_eq!(
        k.help_text().as_deref(),
        Some("the allowed range of `q_docs` is 0 to 10")
    );
    let k = InputErrorKind::RowLength {
        cells: 2,
        columns: 3,
        line_break: true,
        delimiter: ';',
    };
    assert!(k.help_text().unwrap().contains("line break"));
    let k = InputErrorKind::UnclosedQuote {
        first_line: 4,
        last_line: 38,
        rows: 34,
        units: vec!["A".into(), "B".into()],
    };
    assert_eq!(
        k.to_string(),
        "a quote `\"` is not closed, so the file could not be read from this row on: lines 4 to 38 were read as one row, and 34 of them look like rows of units: `A`, `B` and 32 more"
    );
    assert_eq!(InputErrorKind::EmptyFile.help_text(), None);
}
