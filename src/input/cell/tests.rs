//! Numbers, options and yes/no words as cells are read.

use super::*;

fn n(s: &str) -> Num {
    s.parse().unwrap()
}

#[test]
fn numbers() {
    assert_eq!(parse_number("12", true, "q"), Ok(Num::int(12)));
    assert_eq!(parse_number("-7", true, "q"), Ok(Num::int(-7)));
    assert_eq!(parse_number("12,5", false, "q"), Ok(n("12.5")));
    assert_eq!(parse_number("1,049", false, "q"), Ok(n("1.049")));
    assert_eq!(parse_number("12.0", true, "q"), Ok(Num::int(12)));
    assert_eq!(parse_number("-0.125", false, "q"), Ok(n("-0.125")));
    assert_eq!(parse_number("5.", false, "q"), Ok(Num::int(5)));
    assert_eq!(parse_number(".5", false, "q"), Ok(n("0.5")));
    assert!(parse_number("1.2.3", false, "q").is_err());
    assert!(parse_number("-", false, "q").is_err());
    assert_eq!(
        parse_number("123456789012345678.5", false, "q"),
        Ok(n("123456789012345678.5"))
    );
    // more digits than the fast path's `i64` holds (an overflow panic in a debug build)
    for big in [
        "9999999999999999999",
        "10000000000000000000001",
        "99999999999999999999.5",
    ] {
        assert_eq!(parse_number(big, false, "q"), Ok(n(big)), "{big}");
        assert_eq!(
            parse_number(big, false, "q"),
            parse_number_slow(big, false, "q")
        );
    }
    assert!(num_lt(n("0.5"), Num::ONE) && !num_lt(Num::ONE, n("0.5")));
    assert!(num_lt(n("-0.5"), Num::ZERO));
    let e = parse_number("1 049 816", true, "q").unwrap_err();
    assert_eq!(e.message(), "`1 049 816` contains thousands separators");
    assert_eq!(
        e.help().as_deref(),
        Some("remove the separators: write `1049816`")
    );
    let e = parse_number("1,049,816", true, "q").unwrap_err();
    assert_eq!(
        e.help().as_deref(),
        Some("remove the separators: write `1049816`")
    );
    let e = parse_number("-1.049,5", false, "q").unwrap_err();
    assert_eq!(
        e.help().as_deref(),
        Some("remove the separators: write `-1049,5`")
    );
    let e = parse_number("1,5", true, "q").unwrap_err();
    assert_eq!(e.message(), "1,5 is not a whole number");
    let e = parse_number("1,049", true, "q").unwrap_err();
    assert!(e.help().unwrap().contains("write `1049`"));
    assert!(parse_number("abc", true, "q").is_err());
    // leading zeros do not count; 37 or more significant digits are too many
    assert_eq!(
        parse_number(&format!("{}12", "0".repeat(40)), true, "q"),
        Ok(Num::int(12))
    );
    assert_eq!(
        parse_number(&format!("-{}12,50", "0".repeat(40)), false, "q"),
        Ok(n("-12.5"))
    );
    let e = parse_number(&"1".repeat(40), true, "q").unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            "{} has 40 significant digits, too many for exact arithmetic (at most 36)",
            "1".repeat(40)
        )
    );
    assert!(e.help().unwrap().contains("at most 36 significant digits"));
    let e = parse_number(&format!("0,{}1", "0".repeat(40)), false, "q").unwrap_err();
    assert!(e.message().contains("too many decimals"), "{}", e.message());
    assert!(parse_number("1e3", true, "q")
        .unwrap_err()
        .help()
        .unwrap()
        .contains("exponent"));
}

/// Options `A`..`E` (one byte each), the tokens `NA` and `99`: the fast decoder must step
/// aside for both.
const FAST_SCHEMA: &str = r#"
[survey]
name = "Fast"
year = 2022

[tokens]
not_applicable = ["NA"]
dont_know = ["99"]

[sections.s]
lv = "S"

[[question]]
id = "one"
section = "s"
lv = "Viena"
type = "single"
allow = ["not_applicable", "dont_know"]
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }, { id = "C", lv = "c" }, { id = "D", lv = "d" }, { id = "E", lv = "Ē" }]

[[question]]
id = "many"
section = "s"
lv = "Vairākas"
type = "multi"
options = [{ id = "A", lv = "a" }, { id = "B", lv = "b" }, { id = "C", lv = "c" }, { id = "D", lv = "d" }, { id = "E", lv = "e" }]

[[question]]
id = "count"
section = "s"
lv = "Skaits"
type = "integer"
min = -50
max = 1000

[[question]]
id = "share"
section = "s"
lv = "Daļa"
type = "decimal"
min = 0
max = 100

[[question]]
id = "open"
section = "s"
lv = "Bez robežām"
type = "integer"
"#;

mod fast {
    use super::*;
    use crate::schema::load;
    use proptest::prelude::*;

    /// Every cell the fast decoder accepts parses to the same value on the general path.
    fn agrees(slots: &Slots, slot: usize, cell: &str) -> Result<bool, TestCaseError> {
        let fast = slots.parse_fast(slots.fast_cell(slot), cell.as_bytes());
        if let Some(v) = fast {
            prop_assert_eq!(slots.parse(slot, cell).ok(), Some(v), "cell {:?}", cell);
        }
        Ok(fast.is_some())
    }

    #[test]
    fn fast_decoders_cover_the_plain_cells() {
        let schema = load(0, FAST_SCHEMA).expect("schema");
        let slots = Slots::new(&schema);
        let fast =
            |slot: usize, cell: &str| slots.parse_fast(slots.fast_cell(slot), cell.as_bytes());
        assert_eq!(fast(0, "D"), Some(Value::Choice(3)));
        assert_eq!(fast(1, "A|C|E"), Some(Value::Multi(0b10101)));
        assert_eq!(fast(1, "C|A"), Some(Value::Multi(0b101)));
        assert_eq!(fast(1, "E"), Some(Value::Multi(0b10000)));
        assert_eq!(fast(2, "-50"), Some(Value::Num(Num::int(-50))));
        assert_eq!(fast(3, "100"), Some(Value::Num(Num::int(100))));
        assert_eq!(
            fast(4, "123456789012345678"),
            Some(Value::Num(Num::int(123456789012345678)))
        );
        // the general path's business: tokens, case, duplicates, bounds, decimals, spaces
        for (slot, cell) in [
            (0, "NA"),
            (0, "d"),
            (1, "A|A"),
            (1, "A||B"),
            (1, "A|"),
            (1, "|"),
            (1, "|A"),
            (1, "A|B|"),
            (1, "AB|C"),
            (1, "A|BC"),
            (1, "A|B||"),
            (1, "A,B"),
            (1, "A B|C"),
            (2, "99"),
            (2, "-51"),
            (2, "1001"),
            (3, "12.5"),
            (3, "101"),
            (4, "1 000"),
            (4, "1234567890123456789"),
        ] {
            assert_eq!(fast(slot, cell), None, "{slot} {cell:?}");
        }
    }

    #[test]
    fn json_fast_paths_agree_with_the_general_ones() {
        let schema = load(0, FAST_SCHEMA).expect("schema");
        let slots = Slots::new(&schema);
        let many = slots.fast_cell(1);
        let lists: [&[&str]; 6] = [&["A", "C"], &["E"], &["A", "A"], &["a"], &["AB"], &[]];
        for parts in lists {
            let fast = slots.multi_fast(many, parts.iter().map(|p| Some(p.as_bytes())));
            if let Some(v) = fast {
                assert_eq!(slots.multi(&slots.infos[1], parts.iter().copied()), Ok(v));
            }
            assert_eq!(
                fast.is_some(),
                parts == ["A", "C"] || parts == ["E"],
                "{parts:?}"
            );
        }
        assert_eq!(
            slots.multi_fast(many, [Some(&b"A"[..]), None].into_iter()),
            None
        );
        for (slot, n, fast) in [
            (2, -50, true),
            (2, -51, false),
            (3, 100, true),
            (3, 101, false),
            (0, 1, false),
        ] {
            let got = slots.int_fast(slots.fast_cell(slot), n);
            assert_eq!(got.is_some(), fast, "{slot} {n}");
            if let Some(v) = got {
                assert_eq!(slots.number(slot, Num::int(i128::from(n)), ""), Ok(v));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn fast_and_general_paths_agree(
            slot in 0usize..5,
            cell in "[ABCDENabd|0-9,.-]{1,12}",
        ) {
            let schema = load(0, FAST_SCHEMA).expect("schema");
            let slots = Slots::new(&schema);
            agrees(&slots, slot, &cell)?;
        }
    }
}

#[test]
fn yes_no_words() {
    for y in ["yes", "YES", "True", "1", "jā", "JĀ", "ja\u{304}", "Ja"] {
        assert_eq!(yes_no(y), Some(true), "{y}");
    }
    for no in ["no", "false", "0", "nē", "NE"] {
        assert_eq!(yes_no(no), Some(false), "{no}");
    }
    assert_eq!(yes_no("maybe"), None);
}
