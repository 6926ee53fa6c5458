//! `eindex diff`: rule and schema changes and their impact, on small rulesets written for the
//! purpose (tests/cases/workflow/old → new) and on a copy of rules/2022 with one threshold moved.

use crate::common::{self, denied_words, eindex, words};
use std::path::Path;

const OLD: &str = "tests/cases/workflow/old";
const NEW: &str = "tests/cases/workflow/new";
const SUBS: &str = "tests/cases/workflow/old/submissions.csv";

#[test]
fn rules_and_schema_changes() {
    let (code, out, err) = eindex(&["diff", OLD, NEW, "--lang", "en"]).into_parts();
    assert_eq!(code, 0, "{err}");
    for needle in [
        "question added: `q_app`",
        "likely rename: `q_chat` → `q_chatbot`",
        "`q_channels`: options added: tt",
        "`q_channels`: options removed: x",
        "`q_docs`: type: integer 0..100 → decimal 0..100",
        "rule added: app (web)",
        "`site`: arm `several`: 1 → 2",
        "`channels`: cap: 2 → 3",
        "`plan`: row `yes, -`: 1 → 0.5",
        "`plan`: row added: `yes, draft => 1`",
        "`web`: thresholds: upper 40, 70 → upper 35, 70",
        "weight of web: 1 → 2",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in:\n{out}");
    }
    assert!(!out.contains("impact"), "no submissions, no impact");
    // in Latvian (the survey's language, the default), the frame words and the details are
    // Latvian; rule syntax in backticks stays as written
    let lv = eindex(&["diff", OLD, NEW]).ok();
    for needle in [
        "\nanketa:\n",
        "pievienots jautājums: `q_app`",
        "iespējams, pārdēvēts: `q_chat` → `q_chatbot`",
        "pievienots noteikums: app (web)",
        "\nnoteikumi:\n",
        "\nsadaļas:\n",
        "\nindekss:\n",
        "`web`: sliekšņi: augšējās robežas 40; 70 → augšējās robežas 35; 70",
        "`site`: zars `several`: 1 → 2",
        "`plan`: rinda `yes, -`: 1 → 0,5",
        "`q_docs`: tips: vesels skaitlis 0..100 → decimālskaitlis 0..100",
    ] {
        assert!(lv.contains(needle), "missing `{needle}` in:\n{lv}");
    }
}

#[test]
fn impact_text_markdown_and_json() {
    let (code, text, err) = eindex(&["diff", OLD, NEW, SUBS, "--lang", "en"]).into_parts();
    // the new version drops option `x`: two units are rejected under it and left out
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("left out of the impact (exit status 3)"),
        "{err}"
    );
    insta::assert_snapshot!("diff_text", text);
    let (_, lv, _) = eindex(&["diff", OLD, NEW, SUBS]).into_parts();
    insta::assert_snapshot!("diff_text_lv", lv);
    let (_, md, _) =
        eindex(&["diff", OLD, NEW, SUBS, "--format", "md", "--lang", "en"]).into_parts();
    insta::assert_snapshot!("diff_md", md);
    let (_, md, _) = eindex(&["diff", OLD, NEW, SUBS, "--format", "md"]).into_parts();
    insta::assert_snapshot!("diff_md_lv", md);
    let (_, json, _) = eindex(&["diff", OLD, NEW, SUBS, "--format", "json"]).into_parts();
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    insta::assert_snapshot!("diff_json", json);
    // answers to a question only one version knows are accounted for, never dropped
    let one_sided = v["impact"]["one_sided"].as_array().unwrap();
    let chat = one_sided
        .iter()
        .find(|o| o["question"] == "q_chat")
        .unwrap();
    assert_eq!(chat["known_by"], "old");
    assert_eq!(
        chat["answers"], 4,
        "Alfa, Beta, Gamma and Delta answered q_chat"
    );
    // units the new version rejects are listed with the reason
    let problems = v["impact"]["new_input_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0]
        .as_str()
        .unwrap()
        .contains("`x` is not an option of `q_channels`"));
    assert_eq!(v["impact"]["stop_computable"], serde_json::json!(["Delta"]));
    // every unit is in the per-unit list
    assert_eq!(v["impact"]["per_unit"].as_array().unwrap().len(), 5);
}

/// English words of the diff report (the changes, their details, the impact and its notes),
/// none of them an id of the small model, a word of its rule syntax (`yes, -`), of a file name
/// (`submissions.csv`) or of the input stage's diagnostics.
const ENGLISH_DIFF_WORDS: &[&str] = &[
    "question",
    "added",
    "removed",
    "likely",
    "rename",
    "same",
    "options",
    "type",
    "integer",
    "decimal",
    "rule",
    "arm",
    "maximum",
    "row",
    "thresholds",
    "upper",
    "points",
    "weight",
    "questionnaire",
    "rules",
    "sections",
    "index",
    "impact",
    "units",
    "changes",
    "level",
    "known",
    "only",
    "answered",
    "ignores",
    "renamed",
    "version",
    "problems",
    "problem",
    "rejected",
    "rank",
    "changed",
    "score",
    "displayed",
    "bold",
    "computable",
];

/// A report's words without the input stage's diagnostics (English by design): on each line,
/// what follows the words that introduce a rejected unit's diagnostic.
fn words_without_diagnostics(text: &str, rejected: &str) -> Vec<String> {
    text.lines()
        .flat_map(|l| words(l.split(rejected).next().unwrap_or(l)))
        .collect()
}

/// The Latvian report (the default for the small model), in text and Markdown, has no English
/// word but in the input stage's diagnostics; the English one has many (so the list can catch
/// them).
#[test]
fn the_latvian_report_has_no_english_words() {
    for format in ["text", "md"] {
        let (_, lv, _) = eindex(&["diff", OLD, NEW, SUBS, "--format", format]).into_parts();
        let (_, en, _) =
            eindex(&["diff", OLD, NEW, SUBS, "--format", format, "--lang", "en"]).into_parts();
        assert!(lv.contains("noraidīta: "), "{lv}");
        assert_eq!(
            denied_words(
                words_without_diagnostics(&lv, "noraidīta: "),
                ENGLISH_DIFF_WORDS
            ),
            Vec::<String>::new(),
            "{lv}"
        );
        let caught = denied_words(
            words_without_diagnostics(&en, "rejected: "),
            ENGLISH_DIFF_WORDS,
        );
        assert!(
            caught.len() >= 30,
            "{format}: the list catches only {caught:?}"
        );
    }
}

#[test]
fn identical_rulesets_have_no_changes() {
    let (code, out, _) = eindex(&["diff", OLD, OLD, SUBS, "--lang", "en"]).into_parts();
    assert_eq!(code, 0);
    assert!(
        out.contains("no changes in the questionnaire, rules, sections or index"),
        "{out}"
    );
    assert!(
        out.contains("no unit's scores, levels or rank change"),
        "{out}"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// The worked example of docs/workflow.md: communication's upper bound of level 2 moved 60 → 55.
#[test]
fn moving_one_2022_threshold() {
    let dir = common::temp_dir("diff");
    let new = dir.path().join("2022-55");
    copy_dir(Path::new("rules/2022"), &new);
    let f = new.join("communication.rules");
    let text = std::fs::read_to_string(&f).unwrap();
    let moved = text.replacen(
        "thresholds upper 20, 60, 80, 95",
        "thresholds upper 20, 55, 80, 95",
        1,
    );
    assert_ne!(
        text, moved,
        "the communication thresholds are where the example expects them"
    );
    std::fs::write(&f, moved).unwrap();
    let data = if Path::new("data/2022/synthetic-submissions-2022.csv").exists() {
        "data/2022/synthetic-submissions-2022.csv"
    } else {
        "tests/cases/workflow/sample-2022.csv"
    };
    let (code, json, err) = eindex(&[
        "diff",
        "rules/2022",
        new.to_str().unwrap(),
        data,
        "--format",
        "json",
    ])
    .into_parts();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["changes"]["sections"][0]["changes"][0],
        "thresholds: upper 20, 60, 80, 95 → upper 20, 55, 80, 95"
    );
    assert!(v["changes"]["rules"]["changed"]
        .as_array()
        .unwrap()
        .is_empty());
    // a lower bound can only raise communication levels; scores, other sections and the index stay
    for s in v["impact"]["level_changes"].as_array().unwrap() {
        if s["name"] == "communication" {
            assert_eq!(s["down"], 0);
        } else {
            assert_eq!(s["units"].as_array().unwrap().len(), 0, "{s}");
        }
    }
    for u in v["impact"]["per_unit"].as_array().unwrap() {
        assert_eq!(u["index"]["old"], u["index"]["new"]);
        assert_eq!(u["rank_old"], u["rank_new"]);
        for s in u["sections"].as_array().unwrap() {
            assert_eq!(s["old"]["score"], s["new"]["score"]);
            if s["old"]["level"] != s["new"]["level"] {
                // exactly the units whose communication score is in (55, 60]
                let score: f64 = s["old"]["score"].as_str().unwrap().parse().unwrap();
                assert!(
                    s["name"] == "communication" && score > 55.0 && score < 60.5,
                    "{u}"
                );
            }
        }
    }
}
