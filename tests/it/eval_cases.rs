//! Evaluator tests on small rulesets whose expected scores are computed by hand (arithmetic in the
//! comments). Rulesets and submissions: tests/cases/eval/<name>/.

use eindex::eval::{Evaluator, IndexOutcome, Why};
use eindex::hir::{MissingState, Program};
use eindex::input::{self, InputSpec, LoadOptions};
use eindex::num::Num;
use eindex::value::Value;
use eindex::{plan, render, ruleset};
use std::path::Path;

fn program(dir: &str) -> Program {
    let rs = ruleset::load(Path::new(dir)).expect("ruleset loads");
    assert!(rs.diagnostics.is_empty(), "{dir} should check clean");
    rs.program.expect("program")
}

fn eval_csv(dir: &str) -> String {
    let p = program(dir);
    let spec = InputSpec::new(format!("{dir}/submissions.csv"), None);
    let loaded = input::load(&p.schema, &[spec], &LoadOptions::default());
    assert!(
        loaded.errors.is_empty() && loaded.rejected.is_empty(),
        "{:?}",
        loaded.errors
    );
    let ev = eindex::batch::evaluate_all(&p, &eindex::plan::lower(&p), &loaded, None);
    let mut out = Vec::new();
    render::write_csv(&p, &ev.results, render::Style::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_scoring_form_by_hand() {
    // s_a (max 3 + 3 + 2 = 8), s_b (max 2 + 2 + 1 = 5), s_c (max 4 + 3 + 3 + 2 = 12; the `sum`
    // table's maximum is 3, because x1 and x3 exclude each other). Weights s_a 2, s_b 1, s_c 1.
    //
    // full: s_a = high 3 + multi f|i|t|y (raw 5, cap 3) 3 + share 80/100 = 0.8 (>= 0.75) 2 = 8/8 = 100
    //       s_b = follow p 2 + num 85 (>= 80) 2 + yes 1 = 5/5 = 100
    //       s_c = first (x1,yes) 4 + max(rows 1,2,3 match: 1,2,3) 3 + sum (x1: 1, yes: 1) 2 + unique x1 2
    //           = 11/12 = 91.67
    //       index = (2·100 + 100 + 91.67) / 4 = 97.92 → level 5
    // zero_docs: s_a = low 0 + multi unanswered 0 + ratio(0, 0, zero: 0) = 0 → 0 = 0/8 = 0
    //       s_b = follow not asked (b_yes = no) 0 + num DK 0 + yes no 0 = 0/5 = 0
    //       s_c has no answers → left out; index over 2 sections = (2·0 + 0)/3 = 0 → level 1
    // not_applicable: s_a = mid 1 + multi y 2 + share 25/100 = 0.25 (in [0.25, 0.75)) 1 = 4/8 = 50
    //       s_b = follow NA → excluded (max 5 − 2 = 3) + num 50 1 + yes 1 = 2/3 = 66.67
    //       s_c = first (x3,no) row 4 0 + max: no row → 0 + sum x3 2 + unique x3 0 = 2/12 = 16.67
    //       index = (2·50 + 66.67 + 16.67) / 4 = 45.83 → level 3 (40 < 46 ≤ 60, compared rounded)
    // one_section: s_a = 3/8 = 37.5, s_b and s_c have no answers → 1 of 3 sections < 2: not computable
    let expected = "\
unit,s_a_score,s_a_level,s_a_level_name,s_b_score,s_b_level,s_b_level_name,s_c_score,s_c_level,s_c_level_name,index,index_level,index_level_name,sections_used,status
full,100.00,5,optimāls,100.00,5,optimāls,91.67,5,optimāls,97.92,5,optimāls,3,evaluated
zero_docs,0.00,1,situatīvs,0.00,1,situatīvs,,,,0.00,1,situatīvs,2,evaluated
not_applicable,50.00,3,definēts,66.67,4,pārvaldīts,16.67,1,situatīvs,45.83,3,definēts,3,evaluated
one_section,37.50,2,intuitīvs,,,,,,,,,,1,\"not computable: 1 of 3 sections, at least 2 needed (missing: s_b, s_c)\"
";
    assert_eq!(eval_csv("tests/cases/eval/features"), expected);
}

#[test]
fn threshold_boundaries_by_hand() {
    // s: score = x / 2, compared rounded to whole percent, upper bounds 20, 40, 60, 80 (inclusive).
    //   x = 120    → 60     → level 3 (60 is the highest score of level 3)
    //   x = 121    → 60.5   → compared 61 → level 4
    //   x = 120.9  → 60.45  → compared 60 → level 3
    //   x = 120.99 → 60.495 → compared 60 → level 3 (displayed "60.50" at 2 decimals: the level
    //                compares the exact score rounded once, never the displayed text)
    // t: score = y, lower bounds 20, 40, 60, 80 (a value on the threshold takes the higher level).
    //   60 → 4; 59.9 → compared 60 → 4; 59.4 → 59 → 3; 59.5 → 60 → 4; 0 → 1.
    // index: weights proportional to the maxima (200 and 100): (200·s + 100·t) / 300.
    //   exactly_60: 60 → 3; just_above_60: (200·60.5 + 100·59.9)/300 = 60.3 → compared 60 → 3
    let expected = "\
unit,s_score,s_level,s_level_name,t_score,t_level,t_level_name,index,index_level,index_level_name,sections_used,status
exactly_60,60.00,3,definēts,60.00,4,pārvaldīts,60.00,3,definēts,2,evaluated
just_above_60,60.50,4,pārvaldīts,59.90,4,pārvaldīts,60.30,3,definēts,2,evaluated
rounds_down,60.45,3,definēts,59.40,3,definēts,60.10,3,definēts,2,evaluated
rounds_up,60.50,3,definēts,59.50,4,pārvaldīts,60.16,3,definēts,2,evaluated
zero,0.00,1,situatīvs,0.00,1,situatīvs,0.00,1,situatīvs,2,evaluated
";
    assert_eq!(eval_csv("tests/cases/eval/boundaries"), expected);
}

#[test]
fn trace_says_why() {
    let p = program("tests/cases/eval/features");
    let spec = InputSpec::new("tests/cases/eval/features/submissions.csv", None);
    let loaded = input::load(&p.schema, &[spec], &LoadOptions::default());
    let plan = plan::lower(&p);
    let mut ev = Evaluator::new(&plan);
    let rule = |name: &str| p.rules.iter().position(|r| r.name == name).unwrap();

    let full = ev.eval(&loaded.units[0].answers).unwrap();
    // the cap limited the multiple choice: raw 5, scored 3
    assert_eq!(
        full.rules[rule("r_multi")].why,
        Why::Sum {
            selected: 0b1111,
            raw: Num::int(5),
            limited: true
        }
    );
    // max policy: rows 1, 2, 3 match; row 3 (3 points) wins
    assert_eq!(full.rules[rule("t_max")].why, Why::Rows { rows: vec![2] });
    assert_eq!(full.rules[rule("t_max")].points, Some(Num::int(3)));
    // sum policy: rows 1 and 2 add up
    assert_eq!(
        full.rules[rule("t_sum")].why,
        Why::Rows { rows: vec![0, 1] }
    );

    let zero = ev.eval(&loaded.units[1].answers).unwrap();
    assert_eq!(
        zero.rules[rule("r_follow")].why,
        Why::Handler {
            state: MissingState::NotAsked
        }
    );
    assert_eq!(
        zero.rules[rule("r_num")].why,
        Why::Handler {
            state: MissingState::DontKnow
        }
    );

    let na = ev.eval(&loaded.units[2].answers).unwrap();
    assert_eq!(
        na.rules[rule("r_follow")].points,
        None,
        "not applicable excludes the rule"
    );
    assert_eq!(na.rules[rule("t_max")].why, Why::NoMatch);
    let IndexOutcome::Computed { weights, .. } = &na.index else {
        panic!("index computed")
    };
    // weights renormalised over the sections used: 2/4, 1/4, 1/4
    assert_eq!(
        weights,
        &vec![
            Num::frac(1, 2).unwrap(),
            Num::frac(1, 4).unwrap(),
            Num::frac(1, 4).unwrap()
        ]
    );

    let one = ev.eval(&loaded.units[3].answers).unwrap();
    assert_eq!(
        one.index,
        IndexOutcome::NotComputable {
            sections: 1,
            required: 2,
            missing: vec![1, 2]
        }
    );
}

#[test]
fn renormalised_index_is_exact() {
    // (2·50 + 66.67 + 16.67)/4 exactly: s_b = 200/3, s_c = 50/3 → (100 + 200/3 + 50/3)/4 = 275/6
    let p = program("tests/cases/eval/features");
    let spec = InputSpec::new("tests/cases/eval/features/submissions.csv", None);
    let loaded = input::load(&p.schema, &[spec], &LoadOptions::default());
    let plan = plan::lower(&p);
    let o = Evaluator::new(&plan)
        .eval(&loaded.units[2].answers)
        .unwrap();
    let IndexOutcome::Computed { value, .. } = o.index else {
        panic!("computed")
    };
    assert_eq!(value, Num::frac(275, 6).unwrap());
}

/// The evaluator's prepared fast paths (lookup tables for tables and `match`es on choices,
/// yes/no and numbers, integer sums) give exactly the outcome of the general code, trace
/// included, on random answers: every option, every missing state, and numbers at, between and
/// around the bounds the rules use.
#[test]
fn fast_paths_agree_with_the_general_path() {
    use eindex::schema::QuestionKind;
    use eindex::value::Value;
    // a small deterministic generator (SplitMix64)
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n.max(1)
    };
    let numbers: Vec<Num> = [-1, 0, 1, 5, 9, 10, 11, 50, 99, 100, 101, 1000, 20000, 50000]
        .iter()
        .map(|&n| Num::int(n))
        .chain([
            Num::frac(1, 2).unwrap(),
            Num::frac(3, 4).unwrap(),
            Num::frac(199, 2).unwrap(),
        ])
        .collect();
    for dir in [
        "rules/2022",
        "bench/model-150",
        "tests/cases/explain/prop",
        "rules/2022-published",
        "tests/cases/kernel",
    ] {
        let p = program(dir);
        let plan = plan::lower(&p);
        let mut fast = Evaluator::new(&plan);
        let mut general = Evaluator::new(&plan).without_fast_paths();
        // these two models are all integer tables and sums: they run on the kernel
        let kernel = dir == "bench/model-150" || dir == "tests/cases/kernel";
        assert_eq!(fast.has_kernel(), kernel, "{dir}");
        let kinds: Vec<&QuestionKind> = p
            .schema
            .questions
            .iter()
            .chain(&p.schema.meta)
            .map(|q| &q.kind)
            .collect();
        for _ in 0..3000 {
            let answers: Vec<Value> = kinds
                .iter()
                .map(|k| {
                    if next(6) == 0 {
                        return Value::Missing(MissingState::ALL[next(4) as usize]);
                    }
                    match k {
                        QuestionKind::Single(o) => Value::Choice(next(o.len() as u64) as u16),
                        QuestionKind::Multi(o) => Value::Multi(
                            (next(u64::MAX) as u128) & ((1u128 << o.len().min(64)) - 1),
                        ),
                        QuestionKind::YesNo => Value::Bool(next(2) == 1),
                        QuestionKind::Integer { .. } | QuestionKind::Decimal { .. } => {
                            Value::Num(numbers[next(numbers.len() as u64) as usize])
                        }
                        QuestionKind::Text => Value::Text,
                    }
                })
                .collect();
            let a = fast.eval(&answers);
            let b = general.eval(&answers);
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "{dir}: answers {answers:?}"
            );
            // without trace (CSV and bench output), in the unit's own vector: the same outcome
            // but the per-rule trace, and the answers left as they were
            let mut own = answers.clone();
            let mut c = eindex::eval::UnitOutcome::empty();
            let c = fast
                .eval_vec_into(&mut own, &mut c, false)
                .map(|()| c)
                .map_err(|e| e.to_string());
            let b = b.map(|mut o| {
                o.rules.clear();
                o
            });
            assert_eq!(
                format!("{c:?}"),
                format!("{:?}", b.map_err(|e| e.to_string())),
                "{dir} (no trace): answers {answers:?}"
            );
            assert_eq!(own, answers);
        }
    }
}

/// An answer to a question whose follow-up condition is false is never used, and every way of
/// running the conditions reports it: `eval` in its outcome, and `eval`, `prime` and
/// `eval_rules` (a full run, or a partial re-run after `prime`) through
/// `Evaluator::answered_not_asked`. (The loop of `prime` and unprimed `eval_rules` used to be a
/// copy of `eval`'s that did not record the ignored answers.)
#[test]
fn every_evaluation_reports_answers_to_questions_not_asked() {
    let p = program("tests/cases/eval/features");
    let spec = InputSpec::new("tests/cases/eval/features/submissions.csv", None);
    let loaded = input::load(&p.schema, &[spec], &LoadOptions::default());
    let plan = plan::lower(&p);
    let q = |id: &str| p.schema.questions.iter().position(|q| q.id == id).unwrap();
    let (gate, follow) = (q("b_yes"), q("b_follow"));
    // `full`: b_yes = yes, b_follow = p (2 points); with b_yes = no, b_follow is not asked
    let mut asked = loaded.units[0].answers.clone();
    asked.resize(plan.n_slots, Value::UNANSWERED);
    assert_eq!(asked[gate], Value::Bool(true));
    assert!(asked[follow].is_answered());
    let mut not_asked = asked.clone();
    not_asked[gate] = Value::Bool(false);
    let all_rules: Vec<usize> = (0..plan.rules.len()).collect();
    let r_follow = p.rules.iter().position(|r| r.name == "r_follow").unwrap();

    let mut ev = Evaluator::new(&plan);
    let o = ev.eval(&not_asked).unwrap();
    assert_eq!(o.answered_not_asked, vec![follow]);
    assert_eq!(ev.answered_not_asked(), &[follow]);
    assert_eq!(
        ev.effective_answers()[follow],
        Value::Missing(MissingState::NotAsked)
    );
    let eval_points: Vec<Option<Num>> = o.rules.iter().map(|r| r.points).collect();
    assert_eq!(
        eval_points[r_follow],
        Some(Num::ZERO),
        "the answer p (2 points) is not used"
    );
    ev.eval(&asked).unwrap();
    assert!(ev.answered_not_asked().is_empty());

    // a full run of the conditions without `prime`
    let mut fresh = Evaluator::new(&plan);
    let mut pts = Vec::new();
    fresh
        .eval_rules(&not_asked, &[], &all_rules, &mut pts)
        .unwrap();
    assert_eq!(pts, eval_points);
    assert_eq!(fresh.answered_not_asked(), &[follow]);
    fresh.eval_rules(&asked, &[], &all_rules, &mut pts).unwrap();
    assert!(fresh.answered_not_asked().is_empty());

    // `prime` on a base with an ignored answer, then partial re-runs
    let mut primed = Evaluator::new(&plan);
    primed.prime(&not_asked).unwrap();
    assert_eq!(primed.answered_not_asked(), &[follow]);
    primed
        .eval_rules(&not_asked, &[], &all_rules, &mut pts)
        .unwrap();
    assert_eq!(primed.answered_not_asked(), &[follow], "nothing changed");
    assert_eq!(pts, eval_points);
    let mut other = not_asked.clone();
    other[q("b_num")] = Value::Num(Num::int(50));
    primed
        .eval_rules(&other, &[q("b_num")], &all_rules, &mut pts)
        .unwrap();
    assert_eq!(
        primed.answered_not_asked(),
        &[follow],
        "b_follow's condition not re-run"
    );
    primed
        .eval_rules(&asked, &[gate], &all_rules, &mut pts)
        .unwrap();
    assert!(primed.answered_not_asked().is_empty(), "asked again");
    assert_eq!(pts[r_follow], Some(Num::int(2)));
    primed
        .eval_rules(&not_asked, &[gate], &all_rules, &mut pts)
        .unwrap();
    assert_eq!(primed.answered_not_asked(), &[follow]);
    assert_eq!(pts, eval_points);

    // `prime` on a base without one; a change makes the answer ignored
    primed.prime(&asked).unwrap();
    assert!(primed.answered_not_asked().is_empty());
    primed
        .eval_rules(&not_asked, &[gate], &all_rules, &mut pts)
        .unwrap();
    assert_eq!(primed.answered_not_asked(), &[follow]);
    assert_eq!(pts, eval_points);
    primed
        .eval_rules(&asked, &[], &all_rules, &mut pts)
        .unwrap();
    assert!(primed.answered_not_asked().is_empty());
}
