//! The analysis as one self-contained HTML page in the report's language: inline CSS and inline
//! SVG charts (`html/charts.rs`), no scripts, no external resources, nothing that changes from
//! run to run. The method and the inputs, the rank intervals, the level probabilities (index and
//! sections), the Sobol indices, which inputs move which units, and the closing summary.

mod charts;

use super::text::{method_line, summary};
use super::{by_rank, Names};
use crate::l10n::Arg;
use crate::robust::result::{Analysis, LevelProbs, UnitResult};
use crate::text::escape_html as esc;
use std::fmt::Write;

const STYLE: &str = r#"
:root { --ink: #1d232b; --muted: #5b6570; --rule: #d5dbe2; --head: #eef2f7; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 980px; padding: 24px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 28px 0 4px; padding-top: 8px; border-top: 2px solid var(--rule); }
p.method, p.note { color: var(--muted); margin: 2px 0 6px; }
table { border-collapse: collapse; margin: 10px 0 4px; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; vertical-align: top; }
th { background: var(--head); text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.dist, th[scope=row] { white-space: nowrap; }
h3 { font-size: 15px; margin: 18px 0 0; }
code { font-size: 12px; }
.scroll { overflow-x: auto; }
figure.chart { margin: 10px 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
figure.chart text.axis, figure.chart text.value { font-size: 11px; fill: var(--muted); }
figure.chart text.in { font-size: 11px; fill: inherit; }
figure.chart text.undefined { font-style: italic; fill: var(--muted); }
svg.mini { vertical-align: middle; margin-right: 6px; border: 1px solid var(--rule); }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  figure.chart, table { break-inside: avoid; }
  h2 { break-after: avoid; }
  .scroll { overflow: visible; }
}
"#;

/// The values of an input, a long grid summarised (as in the text report).
fn values_text(n: &Names, values: &[String]) -> String {
    super::text::values_text(values, n)
}

/// A table: header cells, then rows of ready HTML cells (`<td>…</td>`).
fn table(head: &[String], rows: &[String]) -> String {
    let mut s = String::from("<div class=\"scroll\"><table>\n<thead><tr>");
    for h in head {
        let _ = write!(s, "<th scope=\"col\">{}</th>", esc(h));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        let _ = writeln!(s, "<tr>{r}</tr>");
    }
    s.push_str("</tbody></table></div>\n");
    s
}

fn td(text: &str) -> String {
    format!("<td>{}</td>", esc(text))
}

fn td_num(text: &str) -> String {
    format!("<td class=\"num\">{}</td>", esc(text))
}

fn h2(id: &str, title: &str) -> String {
    format!("<h2 id=\"{id}\">{}</h2>\n", esc(title))
}

fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>\n", esc(text))
}

fn inputs_section(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let mut s = h2(
        "inputs",
        &m.f("robust-inputs", &[("n", Arg::from(a.inputs.len()))]),
    );
    let rows: Vec<String> = a
        .inputs
        .iter()
        .map(|i| {
            format!(
                "<th scope=\"row\"><code>{}</code></th>{}{}{}",
                esc(&i.name),
                td(&values_text(n, &i.values)),
                td(&i.nominal),
                td(&i.at)
            )
        })
        .collect();
    s.push_str(&table(
        &[
            m.t("robust-head-input"),
            m.t("robust-head-values"),
            m.t("robust-head-nominal"),
            m.t("robust-head-declared"),
        ],
        &rows,
    ));
    s
}

/// The level distribution of a section as text: `2: 40 %, 3: 60 %` (levels with a chance, and
/// the runs without a score).
fn distribution_text(n: &Names, p: &LevelProbs) -> String {
    let mut parts: Vec<String> = p
        .levels
        .iter()
        .filter(|(_, pr)| pr.count > 0)
        .map(|(l, pr)| format!("{l}: {}", n.percent(pr.p)))
        .collect();
    if p.none.count > 0 {
        parts.push(format!(
            "{}: {}",
            n.msg.t("robust-html-no-score"),
            n.percent(p.none.p)
        ));
    }
    if parts.is_empty() {
        "–".into()
    } else {
        parts.join(", ")
    }
}

fn distribution_cell(n: &Names, p: &LevelProbs) -> String {
    let mut shares: Vec<(Option<u8>, f64)> =
        p.levels.iter().map(|(l, pr)| (Some(*l), pr.p)).collect();
    shares.push((None, p.none.p));
    format!(
        "<td class=\"dist\">{}{}</td>",
        charts::mini_bar(&shares),
        esc(&distribution_text(n, p))
    )
}

fn rank_text(u: &UnitResult) -> String {
    u.nominal_rank
        .map(|r| r.to_string())
        .unwrap_or_else(|| "–".into())
}

fn sections_section(a: &Analysis, n: &Names, units: &[&UnitResult]) -> String {
    let m = n.msg;
    let mut s = h2("sections", &m.t("robust-html-sections"));
    s.push_str(&note(&m.t("robust-html-sections-note")));
    let mut head = vec![m.t("robust-head-rank"), m.t("robust-head-unit")];
    head.extend(
        a.sections
            .iter()
            .enumerate()
            .map(|(i, id)| n.sections.get(i).cloned().unwrap_or_else(|| id.clone())),
    );
    let rows: Vec<String> = units
        .iter()
        .map(|u| {
            let mut r = format!(
                "{}<th scope=\"row\">{}</th>",
                td_num(&rank_text(u)),
                esc(&u.unit)
            );
            for p in &u.sections {
                r.push_str(&distribution_cell(n, p));
            }
            r
        })
        .collect();
    s.push_str(&table(&head, &rows));
    s
}

fn sensitivity_section(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let mut s = h2("sensitivity", &m.t("robust-sensitivity"));
    if a.variance.level_change <= 0.0 {
        s.push_str(&note(&m.t("robust-no-variance")));
    }
    let rank_title = m.t("robust-html-sobol-rank");
    let _ = writeln!(s, "<h3>{}</h3>", esc(&rank_title));
    s.push_str(&charts::sobol(a, n, "sobol-rank", &rank_title, |x| {
        &x.rank_shift
    }));
    let level_title = m.t("robust-html-sobol-level");
    let _ = writeln!(s, "<h3>{}</h3>", esc(&level_title));
    s.push_str(&charts::sobol(a, n, "sobol-level", &level_title, |x| {
        &x.level_change
    }));
    let cell = |v: Option<f64>, ci: Option<f64>| match (v, ci) {
        (Some(_), Some(c)) => td_num(&format!("{} ±{}", n.index_value(v), n.index_value(Some(c)))),
        _ => td_num(&n.index_value(v)),
    };
    let rows: Vec<String> = a
        .sensitivity
        .iter()
        .map(|x| {
            format!(
                "<th scope=\"row\"><code>{}</code></th>{}{}{}{}",
                esc(&x.input),
                cell(x.rank_shift.first, x.rank_shift.first_ci),
                cell(x.rank_shift.total, x.rank_shift.total_ci),
                cell(x.level_change.first, x.level_change.first_ci),
                cell(x.level_change.total, x.level_change.total_ci)
            )
        })
        .collect();
    s.push_str(&table(
        &[
            m.t("robust-head-input"),
            m.t("robust-head-rank-s1"),
            m.t("robust-head-rank-st"),
            m.t("robust-head-level-s1"),
            m.t("robust-head-level-st"),
        ],
        &rows,
    ));
    s
}

/// Units whose level can change × the inputs that move some unit: the probability that the
/// input alone changes the level.
fn moves_section(a: &Analysis, n: &Names, units: &[&UnitResult]) -> String {
    let m = n.msg;
    let mut s = h2("moves", &m.t("robust-html-moves"));
    let moved = |u: &&&UnitResult| u.moved_by.iter().any(|p| *p > 0.0);
    let rows_units: Vec<&&UnitResult> = units.iter().filter(moved).collect();
    let cols: Vec<usize> = (0..a.inputs.len())
        .filter(|&i| {
            rows_units
                .iter()
                .any(|u| u.moved_by.get(i).is_some_and(|p| *p > 0.0))
        })
        .collect();
    if rows_units.is_empty() || cols.is_empty() {
        s.push_str(&note(&m.t("robust-html-moves-none")));
        return s;
    }
    s.push_str(&note(&m.t("robust-html-moves-note")));
    let mut head = vec![m.t("robust-head-rank"), m.t("robust-head-unit")];
    head.extend(cols.iter().map(|&i| a.inputs[i].name.clone()));
    let rows: Vec<String> = rows_units
        .iter()
        .map(|u| {
            let mut r = format!(
                "{}<th scope=\"row\">{}</th>",
                td_num(&rank_text(u)),
                esc(&u.unit)
            );
            for &i in &cols {
                let p = u.moved_by.get(i).copied().unwrap_or(0.0);
                if p > 0.0 {
                    let _ = write!(
                        r,
                        "<td class=\"num\" style=\"background: rgba(192, 57, 43, {:.2})\">{}</td>",
                        (p * 0.5).clamp(0.05, 0.5),
                        esc(&n.percent(p))
                    );
                } else {
                    r.push_str("<td></td>");
                }
            }
            r
        })
        .collect();
    s.push_str(&table(&head, &rows));
    s
}

/// The whole HTML page.
pub fn html(a: &Analysis, n: &Names) -> String {
    let m = n.msg;
    let title = m.f("robust-title", &[("survey", Arg::Str(&n.survey))]);
    let units = by_rank(a);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{t}</h1>\n",
        n.lang.as_str(),
        t = esc(&title)
    );
    let _ = writeln!(s, "<p class=\"method\">{}</p>", esc(&method_line(a, n)));
    s.push_str(&inputs_section(a, n));
    s.push_str(&h2("ranks", &m.t("robust-html-ranks")));
    s.push_str(&note(&m.t("robust-html-ranks-note")));
    s.push_str(&charts::ranks(n, &units));
    s.push_str(&h2("levels", &m.t("robust-html-levels")));
    s.push_str(&note(&m.t("robust-html-levels-note")));
    s.push_str(&charts::levels(a, n, &units));
    s.push_str(&sections_section(a, n, &units));
    s.push_str(&sensitivity_section(a, n));
    s.push_str(&moves_section(a, n, &units));
    s.push_str(&h2("summary", &m.t("robust-html-summary")));
    for line in summary(a, n).lines().filter(|l| !l.is_empty()) {
        let _ = writeln!(s, "<p>{}</p>", esc(line));
    }
    s.push_str("</body>\n</html>\n");
    s
}
