//! `eindex report`: Markdown snapshot and hand-computed tables on a small ruleset
//! (tests/cases/report/), the Excel workbook read back with calamine, the HTML page opened in a
//! real browser (chromium, headless), and the bundled 2022 data against the published results.

use crate::common::{self, Run};
use std::path::Path;

const RULESET: &str = "tests/cases/report/ruleset";
const UNITS: &str = "tests/cases/report/units.csv";

/// `eindex args…` with `SOURCE_DATE_EPOCH=0`, so that the reports' dates are fixed.
fn eindex(args: &[&str]) -> Run {
    common::run(common::command(args).env("SOURCE_DATE_EPOCH", "0"))
}

/// One table as CSV rows (header first).
fn csv_table(ruleset: &str, units: &str, id: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["report", ruleset, units, "--format", "csv", "--table", id];
    args.extend_from_slice(extra);
    let text = eindex(&args).ok();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The row of `table` whose grouping and group columns are as given.
fn row<'a>(table: &'a [Vec<String>], grouping: &str, group: &str) -> &'a [String] {
    table
        .iter()
        .find(|r| r[0] == grouping && r[1] == group)
        .unwrap_or_else(|| panic!("no row {grouping}/{group} in {table:?}"))
}

fn col(table: &[Vec<String>], name: &str) -> usize {
    table[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", table[0]))
}

#[test]
fn markdown_snapshot() {
    let md = eindex(&["report", RULESET, UNITS]).ok();
    insta::assert_snapshot!(md);
}

/// Values computed by hand from tests/cases/report/units.csv (communication: social media, 1
/// point each, cap 2, plus website research regular 2 / irregular 1, of 4 points).
#[test]
fn tables_match_hand_computation() {
    let t = csv_table(RULESET, UNITS, "levels_communication", &[]);
    let all = row(&t, "", "Kopā");
    // U08 has no communication answers; the other 11 score 100, 50, 50, 50, 25, 50, 75, 100, 25, 75, 75
    assert_eq!(all[col(&t, "n")], "11");
    assert_eq!(all[col(&t, "Bez vērtējuma")], "1");
    let counts: Vec<&str> = (1..=5)
        .map(|l| {
            let name = t[0]
                .iter()
                .position(|c| c.starts_with(&format!("{l} – ")) && c.ends_with("(skaits)"))
                .unwrap();
            all[name].as_str()
        })
        .collect();
    assert_eq!(counts, ["0", "2", "4", "3", "2"]);
    // a column that says % holds a percentage: 2 of 11 = 18.1818…%
    assert_eq!(all[col(&t, "2 – intuitīvs (%)")], "18.1818");

    let s = csv_table(RULESET, UNITS, "stats_communication", &[]);
    let all = row(&s, "", "Kopā");
    // 675 / 11 = 61.3636...; median of the 11 sorted scores is the 6th: 50
    assert_eq!(all[col(&s, "Vidējais")], "61.364");
    assert_eq!(all[col(&s, "Mediāna")], "50.000");
    let state = row(&s, "Pašvaldības veids", "valstspilsēta");
    // U01 100, U02 50, U03 50, U09 100: median of an even count is the mean of the middle two
    assert_eq!(state[col(&s, "Vidējais")], "75.000");
    assert_eq!(state[col(&s, "Mediāna")], "75.000");

    // top 3 with ties: U01 and U09 share rank 1; U07, U11, U12 share rank 3 and are all listed
    let top = csv_table(RULESET, UNITS, "top_communication", &[]);
    let overall: Vec<(&str, &str)> = top
        .iter()
        .filter(|r| r[1] == "Kopā")
        .map(|r| (r[2].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        overall,
        [
            ("1", "U01"),
            ("1", "U09"),
            ("3", "U07"),
            ("3", "U11"),
            ("3", "U12")
        ]
    );

    // quartiles of e_share over 11 units (U07 has no documents): 0, .1, .2 | .5, .75, .8, .8 | .9, .95, .95 | 1
    let u = csv_table(RULESET, UNITS, "units", &[]);
    let q: Vec<(&str, &str)> = u
        .iter()
        .filter(|r| r[0] == "E-dokumentu īpatsvars (kvartiles)")
        .map(|r| (r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        q,
        [
            ("Q1 (≤ 0,20)", "3"),
            ("Q2 (0,20–0,80]", "4"),
            ("Q3 (0,80–0,95]", "3"),
            ("Q4 (> 0,95)", "1"),
            ("nav datu", "1")
        ]
    );

    // answer shares: base = units that answered; a small base is flagged
    let a = csv_table(RULESET, UNITS, "answers_q_sat_used", &["--min-base", "5"]);
    let all = row(&a, "", "Kopā");
    assert_eq!(all[col(&a, "n")], "7"); // 4 not asked, 1 don't know
    assert_eq!(all[col(&a, "Ieviesti uzlabojumi (%)")], "42.8571");
    assert_eq!(all[col(&a, "Piezīme")], "");
    let regional = row(
        &a,
        "Pašvaldības veids",
        "reģionālas nozīmes attīstības centrs",
    );
    assert_eq!(regional[col(&a, "n")], "2");
    assert_eq!(regional[col(&a, "Piezīme")], "*n < 5");
}

#[test]
fn by_selects_groupings_and_rejects_unknown_names() {
    let t = csv_table(RULESET, UNITS, "units", &["--by", "region", "--by", "type"]);
    let groupings: Vec<&str> = t[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        groupings,
        [
            "",
            "Reģions",
            "Reģions",
            "Reģions",
            "Pašvaldības veids",
            "Pašvaldības veids",
            "Pašvaldības veids"
        ]
    );
    let out = eindex(&["report", RULESET, UNITS, "--by", "regon"]);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert!(
        err.contains("`--by regon`") && err.contains("did you mean `region`?"),
        "{err}"
    );
}

#[test]
fn xlsx_has_every_sheet_and_the_right_cells() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = common::temp_dir("report-xlsx");
    let path = dir.path().join("report.xlsx");
    eindex(&["report", RULESET, UNITS, "-o", path.to_str().unwrap()]).ok();
    let mut wb: Xlsx<_> = open_workbook(&path).expect("open the workbook");
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.first().map(String::as_str), Some("results"));
    assert_eq!(names.last().map(String::as_str), Some("provenance"));
    for want in [
        "units",
        "levels_index",
        "stats_communication",
        "top_open_data",
        "q_sat_used",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "no sheet {want} in {names:?}"
        );
    }
    assert!(names.iter().all(|n| n.chars().count() <= 31));

    // layout: title row, one note, a blank row, the header, the data
    let results = wb.worksheet_range("results").unwrap();
    assert_eq!(
        results.get_value((0, 0)),
        Some(&Data::String("Rezultāti pa vienībām".into()))
    );
    assert_eq!(
        results.get_value((3, 0)),
        Some(&Data::String("Vienība".into()))
    );
    assert_eq!(results.get_value((4, 0)), Some(&Data::String("U01".into())));
    // U02's index: (2·50 + 2·66.67 + 1·66.67) / 5 = 60, level 3 by name
    let results_col = |name: &str| {
        (0..results.width())
            .find(|&c| results.get_value((3, c as u32)) == Some(&Data::String(name.into())))
            .unwrap_or_else(|| panic!("no column {name}")) as u32
    };
    let index_col = results_col("E-indekss");
    assert_eq!(results.get_value((5, index_col)), Some(&Data::Float(60.0)));
    assert_eq!(
        results.get_value((5, results_col("E-indekss: līmenis"))),
        Some(&Data::String("3 – definēts".into()))
    );
    // section names, not ids, head the section columns
    assert_eq!(
        results.get_value((5, results_col("Klientu apkalpošana un atbalsts"))),
        Some(&Data::Float(200.0 / 3.0))
    );

    let levels = wb.worksheet_range("levels_communication").unwrap();
    assert_eq!(levels.get_value((3, 2)), Some(&Data::String("n".into())));
    assert_eq!(levels.get_value((4, 1)), Some(&Data::String("Kopā".into())));
    assert_eq!(levels.get_value((4, 2)), Some(&Data::Float(11.0)));
    // level 3 count (4 units) and percentage (4/11 = 36.36…%, a number with a whole-number
    // format, under a header that says %)
    assert_eq!(levels.get_value((4, 5)), Some(&Data::Float(4.0)));
    assert_eq!(
        levels.get_value((3, 10)),
        Some(&Data::String("3 – definēts (%)".into()))
    );
    match levels.get_value((4, 10)) {
        Some(Data::Float(f)) => assert!((f - 400.0 / 11.0).abs() < 1e-9, "{f}"),
        other => panic!("expected a percentage, found {other:?}"),
    }

    let prov = wb.worksheet_range("provenance").unwrap();
    let items: Vec<String> = (4..prov.height() as u32)
        .filter_map(|r| match prov.get_value((r, 0)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for want in [
        "rīks",
        "izveidots",
        "noteikumu kopa",
        "noteikumu kopas fails",
        "ievades fails",
        "vienības",
    ] {
        assert!(items.iter().any(|i| i == want), "no {want} in {items:?}");
    }
}

/// Opens the HTML report in headless chromium and checks that every chart drew all its bars and
/// that the page logged no console error. Set EINDEX_SKIP_BROWSER to skip on machines without
/// a browser; otherwise a missing browser fails the test.
#[test]
fn html_charts_render_in_a_browser() {
    let dir = common::temp_dir("report-html");
    let page = dir.path().join("report.html");
    eindex(&["report", RULESET, UNITS, "-o", page.to_str().unwrap()]).ok();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("<link") && !html.contains("src="),
        "the page must be self-contained"
    );
    let expected = html.matches("<figure class=\"chart\"").count();
    // levels of the index and 3 sections, answers of the 4 choice questions
    assert_eq!(expected, 4 + 4, "level charts and answer charts");

    let Some(browser) = common::browser() else {
        return;
    };
    let profile = dir.path().join("profile");
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let (dom, log) = common::dump_dom(browser, &profile, &url);
    // the page logs nothing when all is well: any console message (chromium logs console.error
    // and uncaught exceptions as `INFO:CONSOLE`) is a failure
    let console: Vec<&str> = common::console_lines(&log);
    assert!(
        console.is_empty(),
        "console errors:\n{}",
        console.join("\n")
    );
    let attr = |name: &str| -> Option<usize> {
        let at = dom.find(&format!("{name}=\""))? + name.len() + 2;
        dom[at..].split('"').next()?.parse().ok()
    };
    assert_eq!(
        attr("data-charts"),
        Some(expected),
        "the page script did not run:\n{dom:.2000}"
    );
    assert_eq!(
        attr("data-charts-ok"),
        Some(expected),
        "some charts did not draw all their bars"
    );
    assert_eq!(dom.matches("data-rendered=\"ok\"").count(), expected);
}

// ------------------------------------------------------------------ bundled 2022 data

const DATA_2022: &str = "data/2022/synthetic-submissions-2022.csv";

fn published() -> toml::Value {
    let text = std::fs::read_to_string("../shared/reference/published-2022.toml")
        .expect("../shared/reference/published-2022.toml (CI has ../shared beside the repo)");
    toml::Value::Table(text.parse().unwrap())
}

/// Level counts per measure from Annex 1's published scores and the ruleset's thresholds (the
/// levels the bundled data is calibrated to): measure id → level → units.
fn annex1_levels() -> std::collections::BTreeMap<String, std::collections::BTreeMap<u8, usize>> {
    let rs = eindex::ruleset::load(Path::new("rules/2022")).unwrap();
    let p = rs.program.expect("rules/2022 is clean");
    let mut r = csv::Reader::from_path("../shared/reference/annex1-2022.csv")
        .expect("../shared/reference/annex1-2022.csv (CI has ../shared beside the repo)");
    let head = r.headers().unwrap().clone();
    let mut out: std::collections::BTreeMap<String, std::collections::BTreeMap<u8, usize>> =
        Default::default();
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut add = |id: &str, th: &eindex::hir::Thresholds, zero_apart: bool| {
            let c = head.iter().position(|h| h == id).unwrap();
            let Ok(v) = rec[c].parse::<eindex::num::Num>() else {
                return; // section not submitted
            };
            let level = if zero_apart && v.is_zero() {
                0
            } else {
                th.level(v)
            };
            *out.entry(id.to_string())
                .or_default()
                .entry(level)
                .or_default() += 1;
        };
        add("e_index", &p.index.thresholds, false);
        for sec in &p.sections {
            add(&sec.id, &sec.thresholds, sec.zero_apart);
        }
    }
    out
}

/// Published level counts (published-2022.toml) as measure id → level → units.
fn published_levels(facts: &toml::Value) -> Vec<(String, Vec<(u8, i64)>)> {
    let mut out = Vec::new();
    let levels = |t: &toml::Value| -> Vec<(u8, i64)> {
        t.as_table()
            .unwrap()
            .iter()
            .map(|(l, n)| (l.parse().unwrap(), n.as_integer().unwrap()))
            .collect()
    };
    out.push(("e_index".to_string(), levels(&facts["e_index"]["levels"])));
    for (id, f) in facts["sections"].as_table().unwrap() {
        let mut l = levels(&f["levels"]);
        if let Some(z) = f.get("zero_score") {
            l.push((0, z.as_integer().unwrap()));
        }
        out.push((id.clone(), l));
    }
    out
}

/// The report's count of units at `level` in the overall row of `levels_<measure>`.
fn level_count(t: &[Vec<String>], level: u8) -> usize {
    let c = t[0]
        .iter()
        .position(|h| h.starts_with(&format!("{level} – ")) && h.ends_with("(skaits)"))
        .unwrap_or_else(|| panic!("no column for level {level} in {:?}", t[0]));
    row(t, "", "Kopā")[c].parse().unwrap()
}

/// The bundled synthetic submissions are calibrated so that every unit's section levels are
/// Annex 1's. So the report's level counts must be the published ones (figures 3, 12, 23, 36, 49,
/// 56 and the text of 4.x, as in published-2022.toml); a difference also says what Annex 1's
/// scores give under the ruleset's thresholds, to tell a data problem from a threshold problem.
/// The group means must be within 3 points of the published ones.
#[test]
fn bundled_2022_reproduces_published_levels_and_means() {
    assert!(
        Path::new(DATA_2022).exists(),
        "{DATA_2022} is missing: the bundled 2022 submissions are made by `eindex synth` from data/2022/targets.csv, shares.csv and numbers.csv"
    );
    let facts = published();
    let annex = annex1_levels();
    let mut problems = Vec::new();
    for (id, levels) in published_levels(&facts) {
        let table = if id == "e_index" {
            "index".to_string()
        } else {
            id.clone()
        };
        let t = csv_table("rules/2022", DATA_2022, &format!("levels_{table}"), &[]);
        for (level, published) in levels {
            let from_annex = annex
                .get(&id)
                .and_then(|m| m.get(&level))
                .copied()
                .unwrap_or(0);
            let got = level_count(&t, level) as i64;
            if got != published {
                problems.push(format!(
                    "{id} level {level}: {got} units, published {published} (Annex 1 scores under the ruleset's thresholds give {from_annex})"
                ));
            }
        }
    }
    let num = |v: &toml::Value| v.as_float().or(v.as_integer().map(|i| i as f64));
    for (id, f) in facts["sections"].as_table().unwrap() {
        let s = csv_table("rules/2022", DATA_2022, &format!("stats_{id}"), &[]);
        for (key, grouping, group) in [
            ("mean", "", "Kopā"),
            ("mean_valstspilsetas", "Pašvaldības veids", "valstspilsēta"),
            (
                "mean_regional",
                "Pašvaldības veids",
                "reģionālas nozīmes attīstības centrs",
            ),
        ] {
            let Some(p) = f.get(key).and_then(num) else {
                continue;
            };
            let got: f64 = row(&s, grouping, group)[col(&s, "Vidējais")]
                .parse()
                .unwrap();
            if (got - p).abs() > 3.0 {
                problems.push(format!("{id} {key}: {got:.1}, published {p}"));
            }
        }
    }
    let e = &facts["e_index"];
    let s = csv_table("rules/2022", DATA_2022, "stats_index", &[]);
    for (key, group) in [
        ("mean_valstspilsetas", "valstspilsēta"),
        ("mean_regional", "reģionālas nozīmes attīstības centrs"),
    ] {
        let p = num(&e[key]).unwrap();
        let got: f64 = row(&s, "Pašvaldības veids", group)[col(&s, "Vidējais")]
            .parse()
            .unwrap();
        if (got - p).abs() > 3.0 {
            problems.push(format!("index {key}: {got:.1}, published {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "differences from the published results:\n{}",
        problems.join("\n")
    );
}

// ------------------------------------------------------------------ languages and notation

/// The bundled 2022 report in Markdown, in a language (`None`: the survey's default).
fn bundled_md(lang: Option<&str>) -> String {
    let mut args = vec!["report", "rules/2022", DATA_2022, "--format", "md"];
    if let Some(l) = lang {
        args.extend(["--lang", l]);
    }
    eindex(&args).ok()
}

/// The report without what changes with every edit of the bundled ruleset or data files but says
/// nothing about the report itself: the SHA-256 values and the tool's version.
fn redact(text: &str) -> String {
    let version = format!("eindex {}", env!("CARGO_PKG_VERSION"));
    let mut out = text.replace(&version, "eindex [version]");
    let bytes: Vec<char> = out.chars().collect();
    let mut redacted = String::with_capacity(out.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        if run == 64 {
            redacted.push_str("[sha256]");
            i += run;
        } else if run > 0 {
            redacted.extend(&bytes[i..i + run]);
            i += run;
        } else {
            redacted.push(bytes[i]);
            i += 1;
        }
    }
    out = redacted;
    out
}

/// The Latvian report on the bundled 2022 data (its survey's language, the default).
#[test]
fn bundled_2022_markdown_in_latvian() {
    let md = bundled_md(None);
    assert_eq!(
        md,
        bundled_md(Some("lv")),
        "the survey's language is Latvian"
    );
    insta::assert_snapshot!(redact(&md));
}

/// The English report on the bundled 2022 data.
#[test]
fn bundled_2022_markdown_in_english() {
    insta::assert_snapshot!(redact(&bundled_md(Some("en"))));
}

/// Words of the report's frame (headers, notes, labels) in English: none may appear in the
/// Latvian report. Question and option texts come from the schema's Latvian, so they cannot.
/// ("no" is not in the list: it is also a Latvian word, "2 no 5"; nor "data": a schema text
/// names data.gov.lv.)
const ENGLISH_FRAME: &[&str] = &[
    "grouping",
    "group",
    "groups",
    "mean",
    "median",
    "min",
    "max",
    "sum",
    "share",
    "level",
    "levels",
    "unit",
    "units",
    "note",
    "section",
    "sections",
    "total",
    "score",
    "scores",
    "rank",
    "tie",
    "count",
    "status",
    "evaluated",
    "computable",
    "missing",
    "provenance",
    "ruleset",
    "tool",
    "generated",
    "read",
    "reported",
    "rejected",
    "options",
    "base",
    "answered",
    "percentage",
    "decimal",
    "decimals",
    "yes",
    "and",
    "of",
    "the",
    "by",
    "per",
    "with",
    "chart",
    "contents",
    "rows",
];

/// Words of the report's frame in Latvian: none may appear in the English report of a survey
/// whose schema gives every text in English too.
const LATVIAN_FRAME: &[&str] = &[
    "kopā",
    "nav",
    "datu",
    "grupējums",
    "grupējumi",
    "grupa",
    "grupām",
    "vidējais",
    "vidējie",
    "rādītāji",
    "mediāna",
    "mazākais",
    "lielākais",
    "summa",
    "daļa",
    "līmenis",
    "līmeņu",
    "sadalījums",
    "vienība",
    "vienības",
    "piezīme",
    "sadaļa",
    "sadaļām",
    "bez",
    "vērtējuma",
    "vērtējums",
    "skaits",
    "vieta",
    "vietai",
    "dalīta",
    "statuss",
    "novērtēts",
    "aprēķināms",
    "izcelsme",
    "rīks",
    "izveidots",
    "noteikumu",
    "kopa",
    "fails",
    "iestatījumi",
    "augstākie",
    "rezultāti",
    "bāze",
    "bāzē",
    "jā",
    "nē",
    "un",
    "pa",
    "saturs",
    "rindu",
    "jautāts",
    "nezinu",
    "atbildēts",
    "attiecināms",
    "e-indekss",
    "indekss",
];

/// The words a reader reads in `text` (Markdown or HTML): without code spans (table ids), HTML
/// tags, the inline style and script, and the paths and file names of the provenance table.
fn read_words(text: &str) -> Vec<String> {
    let mut t = text.to_string();
    for (open, close) in [
        ("<style>", "</style>"),
        ("<script>", "</script>"),
        ("<code>", "</code>"),
        ("<", ">"),
        ("`", "`"),
    ] {
        let mut out = String::new();
        let mut rest = t.as_str();
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            out.push(' ');
            match rest[i + open.len()..].find(close) {
                Some(j) => rest = &rest[i + open.len() + j + close.len()..],
                None => {
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        t = out;
    }
    // the provenance table's paths and file names are not words of the report
    let t: String = t
        .split_whitespace()
        .filter(|w| !w.contains('/') && !w.contains(".rules") && !w.contains(".toml"))
        .collect::<Vec<_>>()
        .join(" ");
    t.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('-').to_lowercase())
        .collect()
}

/// The texts the bundled ruleset writes in Latvian only (it has no `en` for them): the survey's
/// name, the titles of the groupings over derived values and the labels of the bands. The English
/// report shows them as written.
fn latvian_only_texts() -> Vec<String> {
    let rs = eindex::ruleset::load(Path::new("rules/2022")).unwrap();
    let p = rs.program.expect("rules/2022 is clean");
    let mut out = vec![p.survey.name.clone()];
    for g in &p.groupings {
        out.push(g.title.clone());
        if let eindex::hir::GroupingKind::Bands { bands, .. } = &g.kind {
            out.extend(bands.iter().map(|b| b.label.clone()));
        }
    }
    // longest first, so that no text is cut by a shorter one inside it
    out.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    out
}

fn frame_words_in(text: &str, deny: &[&str]) -> Vec<String> {
    common::denied_words(read_words(text), deny)
}

/// The Latvian report has no English frame word, the English one no Latvian frame word, in
/// Markdown and HTML, on the bundled 2022 data (whose schema gives sections, questions and
/// options in both languages).
#[test]
fn each_language_keeps_to_its_words() {
    for format in ["md", "html"] {
        let lv = eindex(&["report", "rules/2022", DATA_2022, "--format", format]).ok();
        let en = eindex(&[
            "report",
            "rules/2022",
            DATA_2022,
            "--format",
            format,
            "--lang",
            "en",
        ])
        .ok();
        // the scan sees the words (it is not vacuous)
        assert!(read_words(&lv).iter().any(|w| w == "vidējais"), "{format}");
        assert!(read_words(&en).iter().any(|w| w == "mean"), "{format}");
        assert_eq!(
            frame_words_in(&lv, ENGLISH_FRAME),
            Vec::<String>::new(),
            "English words in the Latvian {format} report"
        );
        let mut en_frame = en.clone();
        for t in latvian_only_texts() {
            en_frame = en_frame.replace(&t, " ");
        }
        assert_eq!(
            frame_words_in(&en_frame, LATVIAN_FRAME),
            Vec::<String>::new(),
            "Latvian words in the English {format} report"
        );
    }
}

/// The page declares the language it is written in.
#[test]
fn html_declares_its_language() {
    let lv = eindex(&["report", RULESET, UNITS, "--format", "html"]).ok();
    assert!(lv.contains("<html lang=\"lv\">"), "{:.200}", lv);
    let en = eindex(&["report", RULESET, UNITS, "--format", "html", "--lang", "en"]).ok();
    assert!(en.contains("<html lang=\"en\">"), "{:.200}", en);
    assert!(en.contains("<th>Mean</th>") && lv.contains("<th>Vidējais</th>"));
}

/// Latvian text outputs write decimals with a comma (`48,6`), English ones with a point; both
/// write percentages whole.
#[test]
fn markdown_numbers_follow_the_language() {
    let args = ["report", RULESET, UNITS, "--table", "stats_communication"];
    let lv = eindex(&args).ok();
    let en = eindex(&[&args[..], &["--lang", "en"]].concat()).ok();
    // 675 / 11 = 61.36…, shown with the survey's 1 decimal
    assert!(
        lv.contains("| Kopā | 11 | 61,4 | 50,0 | 25,0 | 100,0 |"),
        "{lv}"
    );
    assert!(
        en.contains("| Total | 11 | 61.4 | 50.0 | 25.0 | 100.0 |"),
        "{en}"
    );
    assert!(!lv.contains("61.4"));
}

/// Every CSV column whose header says `(%)` holds percentages: 0 to 100, and the counts they
/// come from give them back (count / n · 100); the shares of a grouping's groups add up to 100.
#[test]
fn percent_columns_hold_percentages() {
    let t = csv_table(RULESET, UNITS, "levels_index", &[]);
    let n = col(&t, "n");
    let mut checked = 0;
    for (c, head) in t[0].iter().enumerate() {
        let Some(name) = head.strip_suffix(" (%)") else {
            continue;
        };
        let count = col(&t, &format!("{name} (skaits)"));
        for r in &t[1..] {
            if r[c].is_empty() {
                assert_eq!(r[n], "0", "an empty percentage has no base: {r:?}");
                continue;
            }
            let pct: f64 = r[c].parse().unwrap();
            let want = r[count].parse::<f64>().unwrap() / r[n].parse::<f64>().unwrap() * 100.0;
            assert!((0.0..=100.0).contains(&pct), "{head}: {pct}");
            assert!((pct - want).abs() < 1e-4, "{head}: {pct}, expected {want}");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} percentages checked");
    let u = csv_table(RULESET, UNITS, "units", &[]);
    let pct = col(&u, "Daļa (%)");
    assert_eq!(row(&u, "", "Kopā")[pct], "100.0000");
    let region: f64 = u[1..]
        .iter()
        .filter(|r| r[0] == "Reģions")
        .map(|r| r[pct].parse::<f64>().unwrap())
        .sum();
    assert!((region - 100.0).abs() < 1e-3, "{region}");
}

/// `--csv-dialect excel-lv`: a byte-order mark, `;` between fields, decimal commas in numbers
/// (texts as they are); `standard` (the default): none of these.
#[test]
fn csv_excel_lv_dialect() {
    let dir = common::temp_dir("report-csv-lv");
    let out = dir.path().join("tables");
    let lv = dir.path().join("lv");
    eindex(&[
        "report",
        RULESET,
        UNITS,
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ])
    .ok();
    eindex(&[
        "report",
        RULESET,
        UNITS,
        "--csv-dialect",
        "excel-lv",
        "--format",
        "csv",
        "-o",
        lv.to_str().unwrap(),
    ])
    .ok();
    let read = |d: &Path, id: &str| std::fs::read(d.join(format!("{id}.csv"))).unwrap();
    let excel = read(&lv, "stats_communication");
    assert!(
        excel.starts_with("\u{feff}".as_bytes()),
        "no byte-order mark"
    );
    let excel = String::from_utf8(excel).unwrap();
    let lines: Vec<&str> = excel.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Grupējums;Grupa;n;Vidējais;Mediāna;Mazākais;Lielākais"
    );
    assert_eq!(lines[1], ";Kopā;11;61,364;50,000;25,000;100,000");
    let standard = String::from_utf8(read(&out, "stats_communication")).unwrap();
    assert!(standard.starts_with("Grupējums,Grupa,n,Vidējais"));
    assert!(standard.contains(",Kopā,11,61.364,50.000,25.000,100.000\n"));
    // percentages, and a text with a decimal in it (a quartile label) is left as it is
    let units = String::from_utf8(read(&lv, "units")).unwrap();
    assert!(units.contains(";Kopā;12;100,0000\n"), "{units}");
    assert!(units.contains("E-dokumentu īpatsvars (kvartiles);Q1 (≤ 0,20);3;25,0000\n"));
    // every table is written in the dialect
    for entry in std::fs::read_dir(&lv).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
    }
    // one table to standard output, too
    let one = eindex(&[
        "report",
        RULESET,
        UNITS,
        "--format",
        "csv",
        "--table",
        "units",
        "--csv-dialect",
        "excel-lv",
        "--lang",
        "en",
    ])
    .ok();
    assert!(
        one.starts_with("\u{feff}Grouping;Group;n;Share (%)\n"),
        "{one}"
    );
    assert!(one.contains(";Total;12;100,0000\n"));
}

/// Truthful units, on the report's own tables (every table, both languages, bundled data): a
/// column holds shares (written as percentages) exactly when its header says `(%)`.
#[test]
fn a_column_holds_percentages_exactly_when_its_header_says_so() {
    use eindex::report::{tables, Cell, Options};
    let c = eindex::app::compile(Path::new("rules/2022")).unwrap();
    let p = &c.program;
    let specs = eindex::input::InputSpec::parse_all(&[DATA_2022.to_string()]).unwrap();
    let loaded = eindex::input::load(&p.schema, &specs, &Default::default());
    let (units, _, failed) = eindex::report::evaluate(p, &c.plan, &loaded, None);
    assert!(failed.is_empty() && units.len() == 37);
    for lang in eindex::l10n::Lang::ALL {
        let report = tables::build(p, &units, &p.groupings, &Options::default(), lang);
        let mut percent_columns = 0;
        for t in &report.tables {
            for (i, head) in t.columns.iter().enumerate() {
                let says = head.ends_with(" (%)");
                let shares = t.rows.iter().any(|r| matches!(r[i], Cell::Share(_)));
                let only_shares = t
                    .rows
                    .iter()
                    .all(|r| matches!(r[i], Cell::Share(_) | Cell::Empty));
                assert_eq!(says, shares, "{lang}: `{}` column `{head}`", t.id);
                if says {
                    assert!(only_shares, "{lang}: `{}` column `{head}`", t.id);
                    percent_columns += 1;
                }
            }
        }
        assert!(percent_columns > 200, "{lang}: {percent_columns}");
    }
}

/// The workbook in English: headers, level names and the provenance's words.
#[test]
fn xlsx_in_english() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = common::temp_dir("report-xlsx-en");
    let path = dir.path().join("report.xlsx");
    eindex(&[
        "report",
        RULESET,
        UNITS,
        "--lang",
        "en",
        "-o",
        path.to_str().unwrap(),
    ])
    .ok();
    let mut wb: Xlsx<_> = open_workbook(&path).expect("open the workbook");
    let results = wb.worksheet_range("results").unwrap();
    let head: Vec<String> = (0..results.width() as u32)
        .filter_map(|c| match results.get_value((3, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(head[0], "Unit");
    assert!(head.iter().any(|h| h == "E-index: level"), "{head:?}");
    assert!(head.iter().any(|h| h == "Communication"), "{head:?}");
    assert_eq!(head.last().map(String::as_str), Some("Status"));
    let level = head.iter().position(|h| h == "E-index: level").unwrap() as u32;
    // U02: index 60, level 3
    assert_eq!(
        results.get_value((5, level)),
        Some(&Data::String("3 – defined".into()))
    );
    let prov = wb.worksheet_range("provenance").unwrap();
    assert_eq!(
        prov.get_value((0, 0)),
        Some(&Data::String("Provenance".into()))
    );
    assert_eq!(prov.get_value((4, 0)), Some(&Data::String("tool".into())));
}
