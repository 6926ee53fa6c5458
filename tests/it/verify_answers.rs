//! `eindex verify` with answer facts (`[answers.<question>]`, docs/verify.md "Answer facts"):
//!
//! - `data/2022/published-answers-2022.toml` holds exactly the rows of `data/2022/shares.csv` and
//!   `data/2022/group-shares.csv` (it is generated from them: `EINDEX_WRITE_DATA=1 cargo test
//!   --release --test it verify_answers::` rewrites it), so the two cannot drift apart;
//! - on the bundled (synthetic) 2022 submissions with `--share-tolerance 5`, every share is
//!   passed, explained by rounding or within tolerance, except the rows `data/2022/infeasible.csv`
//!   lists, which fail;
//! - a hand-made case (`tests/cases/verify-answers/`) shows each status, a group, a count, the base,
//!   and an unknown option id as a located error.

use crate::common::eindex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const RULESET: &str = "rules/2022";
const DATA: &str = "data/2022/synthetic-submissions-2022.csv";
const FACTS: &str = "data/2022/published-answers-2022.toml";
const CASE: &str = "tests/cases/verify-answers";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One published share as the CSV files give it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Share {
    question: String,
    /// The group suffix of the facts file (`valstspilsetas`, `regional`), or none (every unit).
    group: Option<String>,
    option: String,
    /// Whole percent, as written without `%`.
    percent: String,
}

/// The suffix of the facts file for a `group` cell; `Err` for a group the file leaves out.
fn suffix(cell: &str) -> Result<Option<String>, ()> {
    match cell {
        "" => Ok(None),
        "type=valstspilseta" => Ok(Some("valstspilsetas".into())),
        "type=regional" => Ok(Some("regional".into())),
        _ => Err(()),
    }
}

/// The rows of both share files with their notes, and the number of rows of other groups.
fn csv_rows() -> (Vec<(Share, String)>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for file in ["data/2022/shares.csv", "data/2022/group-shares.csv"] {
        let mut rd = csv::Reader::from_path(root().join(file)).unwrap();
        let h: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| h.iter().position(|x| x == name);
        let (q, o, s, n) = (col("question"), col("option"), col("share"), col("note"));
        let (q, o, s, n) = (q.unwrap(), o.unwrap(), s.unwrap(), n.unwrap());
        for r in rd.records() {
            let r = r.unwrap();
            let Ok(group) = suffix(col("group").map_or("", |g| &r[g])) else {
                skipped += 1;
                continue;
            };
            let percent = r[s].strip_suffix('%').expect("a share in percent");
            let share = Share {
                question: r[q].to_string(),
                group,
                option: r[o].to_string(),
                percent: percent.to_string(),
            };
            out.push((share, r[n].to_string()));
        }
    }
    (out, skipped)
}

/// The shares of an answer facts file.
fn toml_shares(text: &str) -> Vec<Share> {
    let t: toml::Table = text.parse().unwrap();
    let mut out = Vec::new();
    for (q, facts) in t["answers"].as_table().unwrap() {
        for (key, opts) in facts.as_table().unwrap() {
            let group = match key.as_str() {
                "shares" => None,
                k => Some(k.strip_prefix("shares_").expect("only shares").to_string()),
            };
            for (option, v) in opts.as_table().unwrap() {
                out.push(Share {
                    question: q.clone(),
                    group: group.clone(),
                    option: option.clone(),
                    percent: v.as_integer().expect("whole percent").to_string(),
                });
            }
        }
    }
    out
}

/// A key of the facts file: bare, or quoted (`"a|b"`).
fn toml_key(k: &str) -> String {
    if k.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_string()
    } else {
        format!("\"{k}\"")
    }
}

const HEAD: &str = "\
# The answer facts of the 2022 report (sections 4.2 to 4.6): every answer share of
# data/2022/shares.csv (overall) and data/2022/group-shares.csv (overall and by municipality type),
# with the note of its row. Shares are percent of the units answering the question (docs/verify.md,
# \"Answer facts\"); `\"a|b\"` = any of the options, `\"a&!b\"` = a and not b, `\"count=2\"` = two
# options selected.
#
# GENERATED from the two CSV files by tests/it/verify_answers.rs, which fails when they differ:
# edit the CSV files, then `EINDEX_WRITE_DATA=1 cargo test --release --test it verify_answers::`.
# Groups: `type=valstspilseta` is `_valstspilsetas` (--group valstspilsetas=valstspilseta, as in
# ../shared/reference/published-2022.toml), `type=regional` is `_regional`; rows of any other group
# would be skipped (there are none in 2022).
#
# eindex verify rules/2022 data/2022/synthetic-submissions-2022.csv \\
#     --facts data/2022/published-answers-2022.toml --group-by type \\
#     --group valstspilsetas=valstspilseta --share-tolerance 5
#
# The bundled submissions are SYNTHETIC, calibrated to these shares within 5 points; the rows of
# data/2022/infeasible.csv cannot be met (the report contradicts itself) and fail.
";

/// The facts file the CSV rows give, questions in the questionnaire's order.
fn generate(rows: &[(Share, String)], skipped: usize) -> String {
    let rs = eindex::ruleset::load(&root().join(RULESET)).expect("rules/2022 loads");
    let p = rs.program.expect("a checked program");
    let mut s = HEAD.to_string();
    if skipped > 0 {
        s.push_str(&format!("# ({skipped} rows of other groups skipped)\n"));
    }
    for q in &p.schema.questions {
        for group in [None, Some("valstspilsetas"), Some("regional")] {
            let mine: Vec<&(Share, String)> = rows
                .iter()
                .filter(|(r, _)| r.question == q.id && r.group.as_deref() == group)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let key = group.map_or("shares".to_string(), |g| format!("shares_{g}"));
            s.push_str(&format!("\n[answers.{}.{key}]\n", q.id));
            for (r, note) in mine {
                let line = format!("{} = {}", toml_key(&r.option), r.percent);
                s.push_str(&format!("{line:<28} # {note}\n"));
            }
        }
    }
    s
}

#[test]
fn the_answer_facts_hold_exactly_the_csv_rows() {
    let (rows, skipped) = csv_rows();
    assert_eq!(skipped, 0, "2022 has no rows of other groups");
    let path = root().join(FACTS);
    if std::env::var_os("EINDEX_WRITE_DATA").is_some() {
        std::fs::write(&path, generate(&rows, skipped)).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let mut from_toml = toml_shares(&text);
    let mut from_csv: Vec<Share> = rows.iter().map(|(r, _)| r.clone()).collect();
    from_toml.sort();
    from_csv.sort();
    assert_eq!(from_toml.len(), 286, "135 + 151 rows");
    assert_eq!(
        from_toml, from_csv,
        "{FACTS} and the share CSV files differ"
    );
    for (r, note) in &rows {
        assert!(
            text.contains(note.as_str()),
            "{r:?}: note {note:?} not in {FACTS}"
        );
    }
    // the generated file is what the generator gives (comments included)
    assert_eq!(
        text,
        generate(&rows, skipped),
        "regenerate {FACTS} (see its head)"
    );
}

/// `(question, option, group cell)` of the rows `infeasible.csv` lists.
fn infeasible() -> BTreeSet<(String, String, String)> {
    let mut rd = csv::Reader::from_path(root().join("data/2022/infeasible.csv")).unwrap();
    rd.records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[1].to_string(), r[2].to_string())
        })
        .collect()
}

/// `eindex verify` of the 2022 answer facts on the bundled submissions, `--share-tolerance 5`
/// unless `extra` gives it.
fn verify_2022(extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "verify",
        RULESET,
        DATA,
        "--facts",
        FACTS,
        "--group-by",
        "type",
        "--group",
        "valstspilsetas=valstspilseta",
    ];
    args.extend_from_slice(extra);
    if !extra.contains(&"--share-tolerance") {
        args.extend(["--share-tolerance", "5"]);
    }
    eindex(&args)
}

/// The checks of a JSON verdict by fact.
fn json_checks(stdout: &str) -> (serde_json::Value, BTreeMap<String, serde_json::Value>) {
    let j: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout:?}"));
    let checks = j["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["fact"].as_str().unwrap().to_string(), c.clone()))
        .collect();
    (j, checks)
}

#[test]
fn the_2022_shares_hold_within_5_points_except_the_infeasible_rows() {
    let out = verify_2022(&["--format", "json"]);
    assert_eq!(out.code, 1, "the infeasible rows fail: {}", out.stderr);
    let (j, checks) = json_checks(&out.stdout);
    let (rows, _) = csv_rows();
    let listed = infeasible();
    let mut by_status: BTreeMap<String, usize> = BTreeMap::new();
    let mut failed = BTreeSet::new();
    for (r, _) in &rows {
        let key = r
            .group
            .as_ref()
            .map_or("shares".into(), |g| format!("shares_{g}"));
        let fact = format!("answers.{}.{key}.{}", r.question, r.option);
        let c = checks
            .get(&fact)
            .unwrap_or_else(|| panic!("no check {fact}"));
        let status = c["status"].as_str().unwrap();
        *by_status.entry(status.to_string()).or_default() += 1;
        let cell = match r.group.as_deref() {
            None => "",
            Some("valstspilsetas") => "type=valstspilseta",
            Some(_) => "type=regional",
        };
        let id = (r.question.clone(), r.option.clone(), cell.to_string());
        if listed.contains(&id) {
            assert_eq!(status, "failed", "{fact} is listed as infeasible: {c}");
            failed.insert(id);
        } else {
            let ok = ["passed", "explained_by_rounding", "within_tolerance"];
            assert!(ok.contains(&status), "{fact}: {c}");
        }
    }
    assert_eq!(
        failed, listed,
        "every infeasible row is a share of the facts"
    );
    // every check is an answer share: no table, no other facts
    assert_eq!(checks.len(), rows.len());
    assert_eq!(j["published"], serde_json::Value::Null);
    assert_eq!(j["tally"]["failed"], listed.len());
    assert_eq!(j["share_tolerance"], "5");
    eprintln!("2022 answer facts: {} shares: {by_status:?}", rows.len());
    // without the tolerance, every share outside rounding fails
    let strict = verify_2022(&["--format", "json", "--share-tolerance", "0"]);
    let (j0, _) = json_checks(&strict.stdout);
    let tolerant = by_status.get("within_tolerance").copied().unwrap_or(0);
    assert_eq!(j0["tally"]["failed"], listed.len() + tolerant);
    assert_eq!(j0["tally"]["within_tolerance"], 0);
}

#[test]
fn the_2022_answer_verdict() {
    let out = verify_2022(&["--lang", "en"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("answers_2022_verdict", out.stdout);
}

/// `eindex verify` of the hand-made case, no published table, `--share-tolerance 5` unless
/// `extra` gives it.
fn case(facts: &str, extra: &[&str]) -> crate::common::Run {
    let (ruleset, units) = (format!("{CASE}/ruleset"), format!("{CASE}/units.csv"));
    let facts = format!("{CASE}/{facts}");
    let mut args = vec![
        "verify",
        &ruleset,
        &units,
        "--facts",
        &facts,
        "--group-by",
        "type",
    ];
    args.extend_from_slice(extra);
    if !extra.contains(&"--share-tolerance") {
        args.extend(["--share-tolerance", "5"]);
    }
    eindex(&args)
}

#[test]
fn a_hand_made_case_shows_every_status() {
    let out = case("facts.toml", &["--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stdout.is_empty(), "{}", out.stderr);
    let (j, checks) = json_checks(&out.stdout);
    let status = |fact: &str| checks[fact]["status"].as_str().unwrap().to_string();
    let computed = |fact: &str| checks[fact]["computed"].as_str().unwrap().to_string();
    // 4 of 11 = 36.36%: 36 by rounding half up; 7 of 11 = 63.64%: 63.6 to one decimal
    assert_eq!(status("answers.q_ux.shares.regular"), "passed");
    assert_eq!(computed("answers.q_ux.shares.regular"), "36.4% (4 of 11)");
    assert_eq!(status("answers.q_ux.shares.irregular|none"), "passed");
    // 8 of 10 answering (U04 and U08 left it unanswered: not in the base)
    assert_eq!(
        computed("answers.q_social.shares.facebook"),
        "80.0% (8 of 10)"
    );
    // 1 of 8 = 12.5%, printed 12: an exact half rounded down
    let dk = "answers.q_sat_used.shares.dont_know";
    assert_eq!(status(dk), "explained_by_rounding");
    // 5 of 10 = 50%, printed 53: within 5 points
    let ig = "answers.q_social.shares.instagram";
    assert_eq!(status(ig), "within_tolerance");
    assert_eq!(checks[ig]["detail"]["difference"], "3");
    assert_eq!(checks[ig]["at"]["line"], 5);
    // 3 of 10 = 30%, printed 40: fails with the share, k of n and the difference
    let tw = "answers.q_social.shares.twitter";
    assert_eq!(status(tw), "failed");
    assert_eq!(
        checks[tw]["note"],
        "3 of 10 = 30%; difference +10.000 points; published 40% stands for 39.500..40.500"
    );
    // the base: asked (q_sat_measured = yes, 8 units) and answering (not U05's "don't know")
    assert_eq!(status("answers.q_sat_used.answered"), "passed");
    assert_eq!(computed("answers.q_sat_used.answered"), "7");
    assert_eq!(
        status("answers.q_sat_measured.counts_regional.no"),
        "passed"
    );
    assert_eq!(
        status("answers.q_social.shares_valstspilseta.instagram"),
        "passed"
    );
    // an unknown group and an unknown key: not checked, with the reason
    assert_eq!(status("answers.q_social.shares_capital"), "not_checked");
    assert_eq!(status("answers.q_social.note"), "not_checked");
    let t = &j["tally"];
    assert_eq!(
        (
            &t["passed"],
            &t["explained_by_rounding"],
            &t["within_tolerance"],
            &t["failed"]
        ),
        (&12.into(), &1.into(), &1.into(), &1.into())
    );
    // without the tolerance the 53% fails too
    let strict = case(
        "facts.toml",
        &["--format", "json", "--share-tolerance", "0"],
    );
    let (_, c0) = json_checks(&strict.stdout);
    assert_eq!(c0[ig]["status"], "failed");
}

#[test]
fn the_hand_made_verdict_in_both_languages() {
    let en = case("facts.toml", &["--lang", "en"]);
    insta::assert_snapshot!("case_verdict_en", en.stdout);
    let lv = case("facts.toml", &["--lang", "lv"]);
    insta::assert_snapshot!("case_verdict_lv", lv.stdout);
}

#[test]
fn an_unknown_option_is_a_located_error_with_a_suggestion() {
    let out = case("facts-typo.toml", &[]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.trim(),
        "error: tests/cases/verify-answers/facts-typo.toml:5:27: `instagramm` is not an option \
         of `q_social`; did you mean `instagram`?"
    );
}

/// A copy of the case's facts with one text replaced, removed when dropped.
fn patched(from: &str, to: &str) -> tempfile::TempPath {
    let text = std::fs::read_to_string(Path::new(CASE).join("facts.toml")).unwrap();
    assert!(text.contains(from), "{from:?}");
    let file = tempfile::Builder::new()
        .prefix("eindex-answers-")
        .suffix(".toml")
        .tempfile()
        .unwrap();
    std::fs::write(file.path(), text.replacen(from, to, 1)).unwrap();
    file.into_temp_path()
}

#[test]
fn patterns_and_numbers_of_options_are_counted() {
    let out = case("facts-patterns.toml", &["--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let (j, checks) = json_checks(&out.stdout);
    let check = |fact: &str| {
        let c = &checks[&format!("answers.q_social.{fact}")];
        let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
        (s("status"), s("computed"))
    };
    let passed = |computed: &str| ("passed".to_string(), computed.to_string());
    // U02, U05, U07, U11 use Facebook without Instagram; U06 and U10 not Facebook
    assert_eq!(
        check("shares.facebook&!instagram"),
        passed("40.0% (4 of 10)")
    );
    assert_eq!(check("shares.!facebook"), passed("20.0% (2 of 10)"));
    assert_eq!(check("shares.count=1"), passed("50.0% (5 of 10)"));
    // two exactly: U01, U07, U09, U12 (U03 has three)
    assert_eq!(
        check("shares.count=2"),
        ("failed".to_string(), "40.0% (4 of 10)".to_string())
    );
    assert_eq!(check("counts.facebook&instagram").0, "passed");
    assert_eq!(check("counts.count>=2").0, "passed");
    assert_eq!(check("counts.count=3").0, "passed");
    // state cities U01, U03, U09 of U01..U03, U09
    assert_eq!(
        check("shares_valstspilseta.facebook&instagram"),
        passed("75.0% (3 of 4)")
    );
    assert_eq!(j["tally"]["failed"], 1);
}

#[test]
fn unknown_questions_and_wrong_forms_are_located_errors() {
    let (ruleset, units) = (format!("{CASE}/ruleset"), format!("{CASE}/units.csv"));
    for (from, to, says) in [
        (
            "[answers.q_ux]",
            "[answers.q_uxx]",
            ":12:10: `q_uxx` is not a question of the schema; did you mean `q_ux`?",
        ),
        (
            "shares = { yes = 73 }",
            "shares = { maybe = 73 }",
            ":16:12: `maybe` is not an answer of the yes/no question `q_sat_measured`",
        ),
        (
            "facebook = 80,",
            "facebook = \"80\",",
            ":5:23: invalid type: string \"80\", expected a number",
        ),
        (
            "shares = { yes = 73 }",
            "shares = { dont_know = 73 }",
            ":16:12: `q_sat_measured` does not accept \"don't know\"",
        ),
        (
            "shares = { regular = 36,",
            "shares = { \"regular&!none\" = 36,",
            ":13:12: `regular&!none`: a pattern is for multiple-choice questions, and `q_ux` is a single choice; a single choice has one answer",
        ),
        (
            "shares = { facebook = 80,",
            "shares = { \"count=4\" = 80,",
            ":5:12: `count=4` can never hold: the question has 3 options to select (besides `none`); write a number from 0 to 3",
        ),
        (
            "shares = { facebook = 80,",
            "shares = { \"facebook&!instagam\" = 80,",
            ":5:12: `instagam` is not an option of `q_social`; did you mean `instagram`?",
        ),
    ] {
        let f = patched(from, to);
        let fs = f.display().to_string();
        let out = eindex(&["verify", &ruleset, &units, "--facts", &fs]);
        assert_eq!(out.code, 2, "{to}: {}", out.stdout);
        assert!(
            out.stderr.contains(&format!("{fs}{says}")),
            "{to}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_score_level_ruleset_lists_answer_facts_as_not_checked() {
    let out = eindex(&[
        "verify",
        "rules/2022-published",
        "data/2022-published/annex1.csv",
        "--facts",
        FACTS,
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (j, checks) = json_checks(&out.stdout);
    assert_eq!(j["tally"]["checks"], 0);
    let c = &checks["answers.q_social_media"];
    assert_eq!(c["status"], "not_checked");
    assert!(
        c["note"]
            .as_str()
            .unwrap()
            .contains("no question of this id"),
        "{c}"
    );
}

#[test]
fn a_table_or_facts_is_needed() {
    let out = eindex(&["verify", "rules/2022", DATA]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--published"), "{}", out.stderr);
    let bad = verify_2022(&["--share-tolerance", "x"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--share-tolerance"), "{}", bad.stderr);
}
