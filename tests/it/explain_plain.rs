//! The municipality's explanation (`--detail plain`, the default): snapshots of its Latvian and
//! English text for seven cases, the words it must not use, one file per unit, and the page
//! in a real browser (two A4 pages at most when printed).

use crate::common::{self, eindex, words};
use eindex::explain::{self, Detail, Explainer, Format, Options, SourcePolicy, Style};
use eindex::hir::Program;
use eindex::input::{self, InputSpec, LoadOptions, Unit};
use eindex::l10n::Lang;
use eindex::schema::Source;
use std::path::Path;
use std::process::Command;

const RULES_2022: &str = "rules/2022";
const DATA_2022: &str = "data/2022/synthetic-submissions-2022.csv";

fn program(dir: &str) -> Program {
    let rs = eindex::ruleset::load(Path::new(dir)).expect("ruleset readable");
    assert!(!rs.has_errors(), "{dir} has errors");
    rs.program.expect("checked program")
}

fn load(p: &Program, files: &[(&str, Option<Source>)]) -> Vec<Unit> {
    let specs: Vec<InputSpec> = files.iter().map(|(f, s)| InputSpec::new(f, *s)).collect();
    let opts = LoadOptions {
        precedence: p.survey.sources.clone(),
        ..Default::default()
    };
    let loaded = input::load(&p.schema, &specs, &opts);
    assert!(loaded.is_clean(), "{:?}", loaded.errors);
    loaded.units
}

/// The explanation document of the units `queries` name.
fn document(
    dir: &str,
    files: &[(&str, Option<Source>)],
    queries: &[&str],
    opts: Options,
) -> explain::model::Document {
    let p = program(dir);
    let plan = eindex::plan::lower(&p);
    let units = load(&p, files);
    let q: Vec<String> = queries.iter().map(|s| s.to_string()).collect();
    let picked = explain::select_units(&units, &q).expect("units found");
    let ex = Explainer::new(&p, &plan, opts);
    let out = picked
        .iter()
        .map(|u| ex.explain(u).expect("explained"))
        .collect();
    ex.document(out)
}

fn tiny(query: &str, opts: Options) -> explain::model::Document {
    document(
        "tests/cases/explain/tiny",
        &[
            (
                "tests/cases/explain/tiny/self.csv",
                Some(Source::SelfAssessment),
            ),
            ("tests/cases/explain/tiny/expert.csv", Some(Source::Expert)),
        ],
        &[query],
        opts,
    )
}

fn plain(lang: Lang) -> Style {
    Style {
        lang,
        detail: Detail::Plain,
        color: false,
    }
}

/// The seven cases: the six of tests/it/explain.rs (top level, level 1, exactly at a
/// threshold, one point below, below the minimum sections, out of reach with own answers)
/// and one municipality of the bundled 2022 data.
fn cases() -> Vec<(&'static str, explain::model::Document)> {
    let own = Options {
        sources: SourcePolicy::List(vec![Source::SelfAssessment]),
        ..Options::default()
    };
    vec![
        ("highest", tiny("ēdoles", Options::default())),
        ("level1", tiny("livanu", Options::default())),
        ("at_threshold", tiny("cesu", Options::default())),
        ("one_below", tiny("ogres", Options::default())),
        ("below_minimum", tiny("talsu", Options::default())),
        ("out_of_reach", tiny("rūjienas", own)),
        (
            "cesu_2022",
            document(
                RULES_2022,
                &[(DATA_2022, None)],
                &["cēsu"],
                Options::default(),
            ),
        ),
    ]
}

#[test]
fn seven_cases_in_latvian_and_english() {
    for (name, doc) in cases() {
        for lang in Lang::ALL {
            let text = explain::render(&doc, Format::Text, plain(lang));
            for l in text.lines() {
                assert!(l.chars().count() <= 100, "{name} {lang}: long line: {l}");
            }
            insta::assert_snapshot!(format!("{name}_{lang}"), text);
        }
    }
}

/// Words of the English frame (and of the rules language) that must not appear in Latvian
/// output. Matched as whole words, case-insensitively. (`no` and `to` are Latvian words too:
/// "16 no 24", "To novērtē eksperti".)
const ENGLISH_FRAME: &[&str] = &[
    "level",
    "levels",
    "point",
    "points",
    "interval",
    "rule",
    "rules",
    "section",
    "sections",
    "score",
    "lacks",
    "reach",
    "result",
    "match",
    "arm",
    "table",
    "row",
    "fired",
    "hit",
    "policy",
    "handler",
    "input",
    "asked",
    "answer",
    "change",
    "changes",
    "what",
    "where",
    "lost",
    "would",
    "minimum",
    "contents",
    "weight",
    "contribution",
    "question",
    "of",
    "the",
    "and",
    "is",
    "not",
    "none",
    "yes",
    "self",
    "expert",
    "auto",
    "unanswered",
    "not_asked",
    "dont_know",
    "not_applicable",
    "first",
    "unique",
    "max",
    "min",
    "sum",
];

/// Words of the Latvian frame that must not appear in English output.
const LATVIAN_FRAME: &[&str] = &[
    "līmenis",
    "līmenim",
    "līmeni",
    "punkti",
    "punktu",
    "punkts",
    "punkta",
    "trūkst",
    "sadaļa",
    "sadaļas",
    "jautājums",
    "darbība",
    "darbības",
    "darbību",
    "tagad",
    "panākt",
    "nodrošināt",
    "papildus",
    "pēc",
    "kur",
    "zaudēts",
    "jādara",
    "sasniegtu",
    "labi",
];

/// The text a reader sees on a page: without the style sheet and the tags.
fn visible(html: &str) -> String {
    let body = match (html.find("</style>"), html.rfind("</body>")) {
        (Some(a), Some(b)) if a < b => &html[a..b],
        _ => html,
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn denied(text: &str, deny: &[&str]) -> Vec<String> {
    common::denied_words(words(text), deny)
}

/// No English frame word, no id and no rule syntax in the Latvian explanation of any of the
/// 37 municipalities, in text, Markdown and HTML; no Latvian frame word in the English one.
#[test]
fn each_language_speaks_only_its_own_frame() {
    let p = program(RULES_2022);
    let doc = document(RULES_2022, &[(DATA_2022, None)], &[], Options::default());
    assert_eq!(doc.units.len(), 37);
    let ids: Vec<&str> = p
        .schema
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .chain(p.rules.iter().map(|r| r.name.as_str()))
        .chain(p.sections.iter().map(|s| s.id.as_str()))
        .collect();
    for (lang, deny) in [(Lang::Lv, ENGLISH_FRAME), (Lang::En, LATVIAN_FRAME)] {
        for format in [Format::Text, Format::Md, Format::Html] {
            let out = explain::render(&doc, format, plain(lang));
            let text = if format == Format::Html {
                assert!(out.contains(&format!("<html lang=\"{lang}\">")));
                visible(&out)
            } else {
                out
            };
            // the survey's name (Latvian in both) is the one Latvian text the footer quotes
            let text = text.replace(&doc.survey.name, "");
            let bad = denied(&text, deny);
            assert!(
                bad.is_empty(),
                "{lang} {format:?}: frame words of the other language: {bad:?}"
            );
            // (in English, a one-word id such as `communication` is also an ordinary word)
            for w in words(&text) {
                let id = ids.contains(&w.as_str()) && (lang == Lang::Lv || w.contains('_'));
                assert!(!id, "{lang} {format:?}: an id: {w}");
            }
            assert!(!text.contains("=>"), "{lang} {format:?}: rule syntax");
        }
    }
}

/// The deny-lists find what they are for: the technical view in English is full of them.
#[test]
fn the_deny_lists_catch_the_technical_view() {
    let doc = tiny("livanu", Options::default());
    let tech = explain::render(
        &doc,
        Format::Text,
        Style {
            detail: Detail::Technical,
            ..plain(Lang::En)
        },
    );
    assert!(denied(&tech, ENGLISH_FRAME).len() >= 5, "{tech}");
    let lv = explain::render(&doc, Format::Text, plain(Lang::Lv));
    assert!(denied(&lv, LATVIAN_FRAME).len() >= 5, "{lv}");
}

#[test]
fn out_dir_writes_one_file_per_unit_and_an_index() {
    let dir = common::temp_dir("explain-out-dir");
    let out = dir.path().join("lapas");
    let run = eindex(&[
        "explain",
        RULES_2022,
        DATA_2022,
        "--format",
        "html",
        "--no-improvements",
        "--unit",
        "cēsu",
        "--unit",
        "rīgas",
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    let (code, _, err) = run.into_parts();
    assert_eq!(code, 0, "{err}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "cesu-novada-pasvaldiba.html",
            "index.html",
            "rigas-dome.html"
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"cesu-novada-pasvaldiba.html\">Cēsu novada pašvaldība</a>"));
    let cesu = std::fs::read_to_string(out.join("cesu-novada-pasvaldiba.html")).unwrap();
    assert!(cesu.contains("Cēsu novada pašvaldība") && !cesu.contains("Rīgas"));
    assert!(
        err.contains("2 faili un index.html saglabāti mapē"),
        "{err}"
    );
    // Markdown: index.md
    let md = dir.path().join("md");
    eindex(&[
        "explain",
        RULES_2022,
        DATA_2022,
        "--format",
        "md",
        "--no-improvements",
        "--unit",
        "cēsu",
        "--out-dir",
        md.to_str().unwrap(),
    ])
    .ok();
    assert!(md.join("index.md").is_file() && md.join("cesu-novada-pasvaldiba.md").is_file());
}

fn chromium(browser: &str, profile: &Path, args: &[String], url: &str) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {browser}: {e}"))
}

/// Pages of a PDF chromium printed (it writes one `/Type /Page` object per page).
fn pdf_pages(pdf: &[u8]) -> usize {
    let pat = b"/Type /Page";
    pdf.windows(pat.len() + 1)
        .filter(|w| &w[..pat.len()] == pat && w[pat.len()] != b's')
        .count()
}

/// The page of one municipality in Latvian and English, opened in headless chromium: the
/// rendered text speaks only its language's frame, and printed to PDF it fits two A4 pages.
/// Printed: Cēsu and the three longest pages of each language (the longest texts are the
/// ones at risk; printing all 74 would take minutes).
#[test]
fn the_page_prints_on_two_a4_pages_in_a_browser() {
    let Some(browser) = common::browser() else {
        return;
    };
    let dir = common::temp_dir("explain-browser");
    let profile = dir.path().join("profile");
    for lang in Lang::ALL {
        let out = dir.path().join(lang.as_str());
        eindex(&[
            "explain",
            RULES_2022,
            DATA_2022,
            "--format",
            "html",
            "--lang",
            lang.as_str(),
            "--out-dir",
            out.to_str().unwrap(),
        ])
        .ok();
        let cesu = out
            .join("cesu-novada-pasvaldiba.html")
            .canonicalize()
            .unwrap();
        let url = format!("file://{}", cesu.display());
        let dom = chromium(browser, &profile, &["--dump-dom".into()], &url);
        let dom = String::from_utf8_lossy(&dom.stdout);
        assert!(
            dom.contains("Cēsu novada pašvaldība"),
            "{browser} did not render the page"
        );
        let deny = if lang == Lang::Lv {
            ENGLISH_FRAME
        } else {
            LATVIAN_FRAME
        };
        let seen =
            visible(&dom).replace("Pašvaldību pašvērtējuma anketa un ekspertu vērtējums", "");
        assert_eq!(denied(&seen, deny), Vec::<String>::new(), "{lang}");
        let mut files: Vec<(u64, std::path::PathBuf)> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "index.html"))
            .map(|p| (std::fs::metadata(&p).unwrap().len(), p))
            .collect();
        assert_eq!(files.len(), 37, "{lang}: one page per municipality");
        files.sort();
        let mut printed: Vec<std::path::PathBuf> =
            files.iter().rev().take(3).map(|f| f.1.clone()).collect();
        printed.push(cesu.clone());
        let mut pages = Vec::new();
        for path in printed {
            let pdf = dir.path().join("page.pdf");
            let _ = std::fs::remove_file(&pdf);
            let url = format!("file://{}", path.canonicalize().unwrap().display());
            let args = [
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".to_string(),
            ];
            chromium(browser, &profile, &args, &url);
            let bytes = std::fs::read(&pdf).unwrap_or_default();
            pages.push((pdf_pages(&bytes), path.display().to_string()));
        }
        for (n, page) in &pages {
            assert!((1..=2).contains(n), "{lang}: {page} prints on {n} pages");
        }
    }
}
