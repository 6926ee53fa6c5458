//! `eindex robustness`: a model with a closed-form answer (within sampling error), an exhaustive
//! enumeration that must be exact, determinism across runs and `--jobs`, the 2022 application, and
//! the errors a user can make on the command line. The estimators themselves are compared with
//! SALib in `robust_salib.rs`; the HTML and workbook in `robustness_render.rs`.

use crate::common::eindex;
use serde_json::Value;

fn analysis(args: &[&str]) -> Value {
    let mut all = vec!["robustness"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&eindex(&all).ok()).expect("JSON")
}

fn unit<'a>(a: &'a Value, id: &str) -> &'a Value {
    a["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == id)
        .unwrap_or_else(|| panic!("no unit {id}"))
}

/// The probability of index level `level` of a unit (`p`, `count`, `runs`, `exact`).
fn level(u: &Value, level: u64) -> &Value {
    u["index"]["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l[0] == level)
        .map_or(&Value::Null, |l| &l[1])
}

const CLOSED: [&str; 2] = [
    "tests/cases/robustness/closed_form",
    "tests/cases/robustness/closed_form/units.csv",
];
const EXHAUSTIVE: [&str; 2] = [
    "tests/cases/robustness/exhaustive",
    "tests/cases/robustness/exhaustive/units.csv",
];

/// One weight uniform on [0, 3]: unit x is at level 4 exactly when w < 1/3, so P(4) = 1/9 and
/// P(3) = 8/9. The 2N = 8192 quasi-random runs of A and B are well within 0.01 of that (a plain
/// random sample of that size has a standard error of 0.0035).
#[test]
fn closed_form_probabilities_within_sampling_error() {
    let a = analysis(&[CLOSED[0], CLOSED[1], "--samples", "4096"]);
    assert_eq!(a["method"]["kind"], "sampled");
    let x = unit(&a, "x");
    let p4 = level(x, 4)["p"].as_f64().unwrap();
    let p3 = level(x, 3)["p"].as_f64().unwrap();
    assert!(
        (p4 - 1.0 / 9.0).abs() < 0.01,
        "P(level 4) = {p4}, expected 1/9"
    );
    assert!(
        (p3 - 8.0 / 9.0).abs() < 0.01,
        "P(level 3) = {p3}, expected 8/9"
    );
    assert_eq!(
        level(x, 2)["count"],
        0,
        "w = 3 exactly (level 2) is never drawn"
    );
    assert_eq!(x["nominal_level"], 3);
    assert_eq!(x["holds"], false);
    // unit y scores 60 in both sections: no weight moves it
    let y = unit(&a, "y");
    assert_eq!(y["holds"], true);
    assert_eq!(level(y, 3)["p"], 1.0);
    // the weight is the only input: it explains all of the level changes
    let s = &a["sensitivity"][0]["level_change"];
    assert!(
        s["first"].as_f64().unwrap() > 0.9 && s["total"].as_f64().unwrap() > 0.9,
        "{s}"
    );
}

/// Two weight sets × three thresholds, every combination once: exact fractions.
#[test]
fn exhaustive_enumeration_is_exact() {
    let a = analysis(&[EXHAUSTIVE[0], EXHAUSTIVE[1]]);
    assert_eq!(a["method"]["kind"], "exhaustive");
    assert_eq!(a["method"]["combinations"], 6);
    let z = unit(&a, "z");
    assert_eq!(level(z, 4)["exact"], "2/3");
    assert_eq!(level(z, 3)["exact"], "1/3");
    assert_eq!(z["nominal_level"], 3);
    assert_eq!(z["most_likely"], 4);
    assert_eq!(z["flag"], true, "nominal level 3 is not the most likely");
    // redrawing the weights changes z's level in 1/3 of the pairs, the threshold in 2/9
    let moved: Vec<f64> = z["moved_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(a["inputs"][0]["name"], "weights", "declaration order");
    assert!((moved[0] - 1.0 / 3.0).abs() < 1e-12, "{moved:?}");
    assert!((moved[1] - 2.0 / 9.0).abs() < 1e-12, "{moved:?}");
    // exact variance decomposition: Y = [z changed] / 3 units, worked out by hand
    let s = &a["sensitivity"];
    let close = |v: &Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-12;
    assert!(close(&s[0]["level_change"]["first"], 0.5), "{s}");
    assert!(close(&s[0]["level_change"]["total"], 0.75), "{s}");
    assert!(close(&s[1]["level_change"]["first"], 0.25), "{s}");
    assert!(close(&s[1]["level_change"]["total"], 0.5), "{s}");
    // ranks never change here: no variance, no indices
    assert_eq!(s[0]["rank_shift"]["first"], Value::Null);
    let w = unit(&a, "w");
    assert_eq!(w["holds"], true);
}

#[test]
fn output_is_deterministic_and_independent_of_jobs() {
    let args = [
        "robustness",
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--samples",
        "512",
        "--format",
        "json",
    ];
    let one = eindex(&args).ok();
    let again = eindex(&args).ok();
    let mut with_jobs = args.to_vec();
    with_jobs.extend_from_slice(&["--jobs", "3"]);
    let three = eindex(&with_jobs).ok();
    assert_eq!(one, again);
    assert_eq!(one, three, "--jobs must not change the result");
    let mut other_seed = args.to_vec();
    other_seed.extend_from_slice(&["--seed", "2"]);
    assert_ne!(one, eindex(&other_seed).ok(), "the seed is used");
}

/// The 2022 application: every published level holds under the weights and thresholds the
/// published facts allow, except where the index, computed from the printed whole-number section
/// scores, lands on a bound (docs/robustness-2022.md).
#[test]
fn published_2022_levels_under_the_open_choices() {
    let a = analysis(&[
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--samples",
        "1024",
    ]);
    let units = a["units"].as_array().unwrap();
    assert_eq!(units.len(), 37);
    let moved: Vec<&str> = units
        .iter()
        .filter(|u| u["holds"] == false)
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        moved,
        ["Siguldas novada pašvaldība"],
        "units whose level can change"
    );
    let flagged = units.iter().filter(|u| u["flag"] == true).count();
    assert_eq!(flagged, 0, "every nominal level stays the most likely");
    // every section level of every unit holds: the section thresholds vary only within what the
    // published level counts allow
    for u in units {
        for (s, probs) in u["sections"].as_array().unwrap().iter().enumerate() {
            let sure = probs["levels"]
                .as_array()
                .unwrap()
                .iter()
                .chain([&serde_json::json!([255, probs["none"]])])
                .any(|l| l[1]["p"] == 1.0);
            assert!(sure, "{} section {s}: {probs}", u["unit"]);
        }
    }
}

#[test]
fn only_restricts_the_inputs_and_unknown_names_are_suggested() {
    let a = analysis(&[
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--only",
        "weights",
        "--only",
        "threshold index 2",
    ]);
    // 3 weight sets × 3 bounds: enumerated
    assert_eq!(a["method"]["combinations"], 9);
    assert_eq!(a["inputs"].as_array().unwrap().len(), 2);
    let (code, _, err) = eindex(&[
        "robustness",
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--only",
        "threshold index 7",
    ])
    .into_parts();
    assert_ne!(code, 0);
    assert!(
        err.contains("no uncertain input `threshold index 7`"),
        "{err}"
    );
    assert!(err.contains("did you mean"), "{err}");
}

#[test]
fn a_ruleset_without_uncertain_inputs_is_an_error_that_says_what_to_add() {
    let (code, out, err) = eindex(&[
        "robustness",
        "tests/cases/check/prelude.rules",
        "data/2022/synthetic-submissions-2022.csv",
    ])
    .into_parts();
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("declares no `uncertain` inputs"), "{err}");
    assert!(err.contains("uncertain {"), "{err}");
}

/// The answer-level model with the bundled data: point alternatives and the treatment of "don't
/// know" are structural (the answers are scored again for each), all inputs are discrete and few,
/// so every combination is computed.
#[test]
fn answer_level_model_with_missing_treatments_and_rule_alternatives() {
    let a = analysis(&["rules/2022", "data/2022/synthetic-submissions-2022.csv"]);
    assert_eq!(a["method"]["kind"], "exhaustive");
    let names: Vec<&str> = a["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "weights",
            "threshold index 2",
            "missing dont_know",
            "rule cs_requirements"
        ]
    );
    assert_eq!(a["units"].as_array().unwrap().len(), 37);
    // the customer-service alternative moves some unit's customer-service level (section 1)
    let cs_moves = a["units"].as_array().unwrap().iter().any(|u| {
        let probs = &u["sections"][1]["levels"];
        probs
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l[1]["count"].as_u64().unwrap() > 0)
            .count()
            > 1
    });
    assert!(
        cs_moves,
        "no unit's customer-service level depends on the alternative"
    );
}
