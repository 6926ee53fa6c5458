//! `eindex robustness --format html` and `--format xlsx`: the page opens in a browser and every
//! chart draws all its marks, it speaks one language, the workbook holds the numbers of
//! `--format json`, and both are the same bytes on every run.

use crate::common::{self, denied_words, eindex, words};
use eindex::l10n::Lang;
use std::path::Path;

const EXHAUSTIVE: &str = "tests/cases/robustness/exhaustive";
const EXHAUSTIVE_UNITS: &str = "tests/cases/robustness/exhaustive/units.csv";
const PUBLISHED: &str = "rules/2022-published";
const PUBLISHED_UNITS: &str = "data/2022-published/annex1.csv";

/// The arguments of a run on one of the two cases: `exhaustive` (3 units, every combination) or
/// the 2022 published ruleset (37 units, sampled with N = 256).
fn case(exhaustive: bool) -> Vec<&'static str> {
    if exhaustive {
        vec!["robustness", EXHAUSTIVE, EXHAUSTIVE_UNITS]
    } else {
        vec!["robustness", PUBLISHED, PUBLISHED_UNITS, "--samples", "256"]
    }
}

/// The output of `eindex robustness` on a case in a format and language, written to `out`.
fn write(exhaustive: bool, format: &str, lang: &str, out: &Path) {
    let mut args = case(exhaustive);
    args.extend(["--format", format, "--lang", lang, "-o"]);
    args.push(out.to_str().expect("utf-8 path"));
    eindex(&args).ok();
}

fn json(exhaustive: bool) -> serde_json::Value {
    let mut args = case(exhaustive);
    args.extend(["--format", "json"]);
    serde_json::from_str(&eindex(&args).ok()).expect("JSON")
}

/// `name="…"` values of every element that has the attribute, in order.
fn attrs(dom: &str, name: &str) -> Vec<String> {
    let pat = format!(" {name}=\"");
    dom.match_indices(&pat)
        .filter_map(|(i, _)| dom[i + pat.len()..].split('"').next())
        .map(str::to_string)
        .collect()
}

/// Checks, in the browser, every chart: its SVG has a size, and each of its `.mark` elements
/// has a box on the page. Injected by the test only: the page itself has no script.
const CHECKER: &str = r#"<script>
(function () {
  var figs = document.querySelectorAll('figure.chart');
  var ok = 0;
  for (var i = 0; i < figs.length; i++) {
    var f = figs[i];
    var svg = f.querySelector('svg');
    var marks = svg ? svg.querySelectorAll('.mark') : [];
    var drawn = 0;
    for (var k = 0; k < marks.length; k++) {
      var b = marks[k].getBBox();
      var r = marks[k].getBoundingClientRect();
      if ((b.width > 0 || b.height > 0) && (r.width > 0 || r.height > 0)) { drawn++; }
    }
    var box = svg ? svg.getBoundingClientRect() : null;
    var want = parseInt(f.getAttribute('data-marks'), 10);
    f.setAttribute('data-drawn', String(drawn));
    if (svg && box.width > 0 && box.height > 0 && drawn === want) { ok++; }
  }
  document.body.setAttribute('data-charts', String(figs.length));
  document.body.setAttribute('data-charts-ok', String(ok));
})();
</script>
</body>"#;

/// Opens `page` (with the checker) in headless chromium and returns the DOM after the checker
/// ran, or `None` with EINDEX_SKIP_BROWSER set.
fn browser_dom(dir: &Path, page: &Path) -> Option<String> {
    let browser = common::browser()?;
    let html = std::fs::read_to_string(page).unwrap();
    let checked = dir.join("checked.html");
    std::fs::write(&checked, html.replace("</body>", CHECKER)).unwrap();
    let url = format!("file://{}", checked.canonicalize().unwrap().display());
    let (dom, log) = common::dump_dom(browser, &dir.join("profile"), &url);
    let console: Vec<&str> = common::console_lines(&log);
    assert!(
        console.is_empty(),
        "console errors:\n{}",
        console.join("\n")
    );
    Some(dom)
}

/// The page is self-contained, has its four charts with the expected marks, and in the browser
/// every chart drew every mark.
fn charts_draw(exhaustive: bool, lang: &str, marks: Option<&[usize]>) {
    let dir = common::temp_dir("robustness-html");
    let page = dir.path().join("robustness.html");
    write(exhaustive, "html", lang, &page);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\""));
    assert!(html.contains(&format!("<html lang=\"{lang}\">")));
    for outside in ["<script", "<link", "src=", "https:", "url(", "@import"] {
        assert!(!html.contains(outside), "the page has `{outside}`");
    }
    let ids = attrs(&html, "id");
    for chart in [
        "chart-ranks",
        "chart-levels",
        "chart-sobol-rank",
        "chart-sobol-level",
    ] {
        assert!(ids.iter().any(|i| i == chart), "no {chart} in {ids:?}");
    }
    let want: Vec<usize> = attrs(&html, "data-marks")
        .iter()
        .map(|m| m.parse().unwrap())
        .collect();
    assert_eq!(want.len(), 4, "four charts");
    if let Some(marks) = marks {
        assert_eq!(want, marks, "marks per chart");
    }
    assert_eq!(
        html.matches("role=\"img\" aria-labelledby=").count(),
        4,
        "each chart is labelled"
    );
    let Some(dom) = browser_dom(dir.path(), &page) else {
        return;
    };
    let count = |name: &str| attrs(&dom, name).first().and_then(|v| v.parse().ok());
    assert_eq!(count("data-charts"), Some(4), "the checker did not run");
    let drawn: Vec<usize> = attrs(&dom, "data-drawn")
        .iter()
        .map(|m| m.parse().unwrap())
        .collect();
    assert_eq!(drawn, want, "marks drawn per chart");
    assert_eq!(count("data-charts-ok"), Some(4), "a chart did not draw");
}

#[test]
fn html_charts_draw_in_a_browser_exhaustive() {
    // ranks: 3 units × (interval, median, nominal); levels: z 2 parts, y and w 1 each; the rank
    // shift's indices are undefined (no rank moves); level change: S1 and ST of 2 inputs
    charts_draw(true, "en", Some(&[9, 4, 0, 4]));
}

#[test]
fn html_charts_draw_in_a_browser_2022() {
    charts_draw(false, "lv", None);
}

/// The text a reader sees: the page without its style and tags, with the `aria-label`s.
fn visible_words(html: &str) -> Vec<String> {
    let body = html.split("</style>").last().unwrap_or(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let mut w = words(&text);
    w.extend(attrs(html, "aria-label").iter().flat_map(|a| words(a)));
    w
}

#[test]
fn html_speaks_the_report_language() {
    let ids = [
        "robust-html-ranks",
        "robust-html-ranks-note",
        "robust-html-levels-note",
        "robust-html-sections-note",
        "robust-html-moves-note",
        "robust-html-undefined",
        "robust-head-unit",
        "robust-html-summary",
    ];
    let dir = common::temp_dir("robustness-lang");
    // words of the ruleset and its data (input names, level names, the survey's name)
    let mut data = words(&serde_json::to_string(&json(true)).unwrap());
    for f in ["model.rules", "questionnaire.toml", "units.csv"] {
        data.extend(words(
            &std::fs::read_to_string(Path::new(EXHAUSTIVE).join(f)).unwrap(),
        ));
    }
    for (lang, other) in [(Lang::En, Lang::Lv), (Lang::Lv, Lang::En)] {
        let page = dir.path().join(format!("{}.html", lang.as_str()));
        write(true, "html", lang.as_str(), &page);
        let html = std::fs::read_to_string(&page).unwrap();
        let own: Vec<String> = ids
            .iter()
            .flat_map(|id| words(&lang.messages().t(id)))
            .collect();
        let deny: Vec<String> = ids
            .iter()
            .flat_map(|id| words(&other.messages().t(id)))
            .filter(|w| w.chars().count() > 2 && !own.contains(w) && !data.contains(w))
            .collect();
        assert!(deny.len() >= 10, "too few words to check: {deny:?}");
        let deny: Vec<&str> = deny.iter().map(String::as_str).collect();
        let found = denied_words(visible_words(&html), &deny);
        assert!(found.is_empty(), "{lang} page has {other} words: {found:?}");
        for id in ["robust-html-ranks", "robust-html-undefined"] {
            let t = lang.messages().t(id);
            assert!(html.contains(&t), "{lang} page lacks {id}: {t}");
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(1.0)
}

/// The workbook of a case and its sheets by the catalogue's names.
fn workbook(
    exhaustive: bool,
    lang: Lang,
    dir: &Path,
) -> calamine::Xlsx<std::io::BufReader<std::fs::File>> {
    let path = dir.join("robustness.xlsx");
    write(exhaustive, "xlsx", lang.as_str(), &path);
    calamine::open_workbook(&path).expect("open the workbook")
}

/// The row of `unit` and the column headed `head` in a sheet whose header is row 0.
fn cell(range: &calamine::Range<calamine::Data>, unit: &str, head: &str) -> calamine::Data {
    use calamine::Data;
    let col = (0..range.width() as u32)
        .find(|&c| range.get_value((0, c)) == Some(&Data::String(head.into())))
        .unwrap_or_else(|| panic!("no column {head}"));
    let unit_col = (0..range.width() as u32)
        .find(|&c| {
            (1..range.height() as u32)
                .any(|r| range.get_value((r, c)) == Some(&Data::String(unit.into())))
        })
        .unwrap_or_else(|| panic!("no unit {unit}"));
    let row = (1..range.height() as u32)
        .find(|&r| range.get_value((r, unit_col)) == Some(&Data::String(unit.into())))
        .unwrap();
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn number(d: &calamine::Data) -> f64 {
    match d {
        calamine::Data::Float(x) => *x,
        calamine::Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn xlsx_holds_the_numbers_of_json() {
    use calamine::Reader;
    for exhaustive in [true, false] {
        let lang = if exhaustive { Lang::En } else { Lang::Lv };
        let m = lang.messages();
        let dir = common::temp_dir("robustness-xlsx");
        let mut wb = workbook(exhaustive, lang, dir.path());
        let j = json(exhaustive);
        let names = wb.sheet_names().to_vec();
        for id in [
            "robust-xlsx-sheet-about",
            "robust-xlsx-sheet-inputs",
            "robust-xlsx-sheet-units",
            "robust-xlsx-sheet-levels",
            "robust-xlsx-sheet-sections",
            "robust-xlsx-sheet-sensitivity",
            "robust-xlsx-sheet-moves",
        ] {
            assert!(
                names.contains(&m.t(id)),
                "no sheet {} in {names:?}",
                m.t(id)
            );
        }
        assert!(names.iter().all(|n| n.chars().count() <= 31));

        let units = wb.worksheet_range(&m.t("robust-xlsx-sheet-units")).unwrap();
        let levels = wb
            .worksheet_range(&m.t("robust-xlsx-sheet-levels"))
            .unwrap();
        let moves = wb.worksheet_range(&m.t("robust-xlsx-sheet-moves")).unwrap();
        for u in j["units"].as_array().unwrap() {
            let name = u["unit"].as_str().unwrap();
            let nominal = u["nominal_level"].as_u64().unwrap();
            let (_, p) = u["index"]["levels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|lp| (lp[0].as_u64().unwrap(), lp[1]["p"].as_f64().unwrap()))
                .find(|(l, _)| *l == nominal)
                .unwrap();
            let got = number(&cell(&units, name, &m.t("robust-head-probability")));
            assert!(close(got, p), "{name}: P(nominal level) {got} ≠ {p}");
            let rank = number(&cell(&units, name, &m.t("robust-xlsx-head-median")));
            assert_eq!(
                rank,
                u["rank_median"].as_f64().unwrap(),
                "{name}: median rank"
            );
            for lp in u["index"]["levels"].as_array().unwrap() {
                let head = j["levels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|l| l["level"] == lp[0])
                    .map(|l| format!("{} ({})", lp[0], l["name"].as_str().unwrap()))
                    .unwrap();
                let got = number(&cell(&levels, name, &head));
                assert!(close(got, lp[1]["p"].as_f64().unwrap()), "{name}: {head}");
            }
            for (input, p) in j["inputs"]
                .as_array()
                .unwrap()
                .iter()
                .zip(u["moved_by"].as_array().unwrap())
            {
                let got = number(&cell(&moves, name, input["name"].as_str().unwrap()));
                assert!(close(got, p.as_f64().unwrap()), "{name} moved by {input}");
            }
        }
        if exhaustive {
            // z: nominal level 3 with probability 1/3, level 4 with 2/3
            let z = number(&cell(&levels, "z", "4 (managed)"));
            assert!(close(z, 2.0 / 3.0), "{z}");
        }

        let sens = wb
            .worksheet_range(&m.t("robust-xlsx-sheet-sensitivity"))
            .unwrap();
        for s in j["sensitivity"].as_array().unwrap() {
            let input = s["input"].as_str().unwrap();
            let st = cell(&sens, input, &m.t("robust-head-level-st"));
            match s["level_change"]["total"].as_f64() {
                Some(v) => assert!(close(number(&st), v), "{input}: level change ST"),
                None => assert_eq!(st, calamine::Data::Empty),
            }
            let s1 = cell(&sens, input, &m.t("robust-head-rank-s1"));
            match s["rank_shift"]["first"].as_f64() {
                Some(v) => assert!(close(number(&s1), v), "{input}: rank shift S1"),
                None => assert_eq!(s1, calamine::Data::Empty, "{input}: undefined is empty"),
            }
            if let Some(ci) = s["rank_shift"]["first_ci"].as_f64() {
                let head = format!("{} ±", m.t("robust-head-rank-s1"));
                assert!(close(number(&cell(&sens, input, &head)), ci), "{input}: CI");
            }
        }
    }
}

#[test]
fn html_and_xlsx_are_the_same_bytes_on_every_run() {
    let dir = common::temp_dir("robustness-bytes");
    for (format, ext) in [("html", "html"), ("xlsx", "xlsx")] {
        for exhaustive in [true, false] {
            let one = dir.path().join(format!("one.{ext}"));
            let two = dir.path().join(format!("two.{ext}"));
            write(exhaustive, format, "lv", &one);
            std::thread::sleep(std::time::Duration::from_millis(1100));
            write(exhaustive, format, "lv", &two);
            let (a, b) = (std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
            assert!(!a.is_empty());
            assert!(
                a == b,
                "{format} differs between two runs (exhaustive: {exhaustive})"
            );
        }
    }
}
