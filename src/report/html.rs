//! The report as one self-contained HTML page: inline CSS, inline SVG charts (stacked bars of
//! level distributions, grouped bars of answer shares) and a small inline script that checks
//! every chart drew its bars. No external assets; readable on screen and in print.

use super::{cell_text, Cell, Chart, Report, Table};
use crate::num::Num;
use crate::text::escape_html as esc;
use std::fmt::Write;

const LEVEL_COLOURS: [&str; 6] = [
    "#b8b8b8", "#c0392b", "#e67e22", "#e8c21a", "#7cb35b", "#2e7d32",
];
const SERIES_COLOURS: [&str; 8] = [
    "#1f3b63", "#4f81bd", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f",
];

const STYLE: &str = r#"
:root { --ink: #1d232b; --muted: #5b6570; --rule: #d5dbe2; --head: #eef2f7; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 32px 0 4px; padding-top: 8px; border-top: 2px solid var(--rule); }
p.note { color: var(--muted); margin: 2px 0; }
code { font-size: 12px; color: var(--muted); }
nav ol { columns: 2; font-size: 13px; }
table { border-collapse: collapse; margin: 10px 0 4px; font-size: 13px; }
th, td { border: 1px solid var(--rule); padding: 3px 7px; vertical-align: top; }
th { background: var(--head); text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.scroll { overflow-x: auto; }
figure.chart { margin: 12px 0; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
figure.chart text.in { fill: #fff; font-size: 11px; }
figure.chart text.dark { fill: var(--ink); font-size: 11px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav { display: none; }
  section.table { break-inside: avoid-page; }
  figure.chart, table { break-inside: avoid; }
  h2 { break-after: avoid; }
  .scroll { overflow: visible; }
}
"#;

/// Checks, in the browser, that every chart drew all its bars; marks the page for tests and logs
/// a console error for a chart that did not.
const SCRIPT: &str = r#"
(function () {
  var figs = document.querySelectorAll('figure.chart');
  var ok = 0;
  for (var i = 0; i < figs.length; i++) {
    var f = figs[i];
    var want = parseInt(f.getAttribute('data-bars'), 10);
    var svg = f.querySelector('svg');
    var got = svg ? svg.querySelectorAll('rect.bar').length : 0;
    var box = svg ? svg.getBoundingClientRect() : null;
    var drawn = svg && box.width > 0 && box.height > 0 && got === want;
    f.setAttribute('data-rendered', drawn ? 'ok' : 'missing');
    if (drawn) { ok++; } else { console.error('chart ' + f.id + ': ' + got + ' of ' + want + ' bars drawn'); }
  }
  document.body.setAttribute('data-charts', String(figs.length));
  document.body.setAttribute('data-charts-ok', String(ok));
})();
"#;

fn pct(report: &Report, s: Num) -> String {
    cell_text(report, &Cell::Share(s))
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

const LABEL_W: f64 = 300.0;
const PLOT_W: f64 = 460.0;

fn legend(out: &mut String, items: &[(String, &str)], y: f64) -> f64 {
    let mut x = 0.0;
    let mut y = y;
    for (label, colour) in items {
        let w = 22.0 + 7.0 * label.chars().count().min(40) as f64;
        if x + w > LABEL_W + PLOT_W + 60.0 {
            x = 0.0;
            y += 18.0;
        }
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            y - 10.0,
            x + 16.0,
            y,
            esc(&shorten(label, 40))
        );
        x += w;
    }
    y + 14.0
}

fn stacked(
    report: &Report,
    id: &str,
    title: &str,
    segments: &[String],
    zero_first: bool,
    bars: &[(String, String, Vec<Num>)],
) -> String {
    let colour = |i: usize| -> &str {
        let level = if zero_first { i } else { i + 1 };
        LEVEL_COLOURS[level.min(LEVEL_COLOURS.len() - 1)]
    };
    let items: Vec<(String, &str)> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| (s.clone(), colour(i)))
        .collect();
    let mut body = String::new();
    let top = legend(&mut body, &items, 14.0) + 6.0;
    let row_h = 24.0;
    let mut y = top - row_h;
    let mut current: Option<&str> = None;
    for (grouping, label, shares) in bars {
        if !grouping.is_empty() && current != Some(grouping.as_str()) {
            y += row_h;
            let _ = write!(
                body,
                r#"<text x="0" y="{:.1}" font-weight="bold">{}</text>"#,
                y + 16.0,
                esc(&shorten(grouping, 80))
            );
        }
        current = Some(grouping.as_str());
        y += row_h;
        let _ = write!(
            body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end"><title>{}</title>{}</text>"#,
            LABEL_W - 8.0,
            y + 15.0,
            esc(label),
            esc(&shorten(label, 44))
        );
        let mut x = LABEL_W;
        for (i, s) in shares.iter().enumerate() {
            let w = s.to_f64() * PLOT_W;
            let _ = write!(
                body,
                r#"<rect class="bar" x="{x:.2}" y="{y:.1}" width="{w:.2}" height="18" fill="{}"><title>{}: {}</title></rect>"#,
                colour(i),
                esc(&segments[i]),
                esc(&pct(report, *s))
            );
            if w >= 28.0 {
                let dark = matches!(colour(i), "#e8c21a" | "#b8b8b8" | "#7cb35b" | "#e67e22");
                let _ = write!(
                    body,
                    r#"<text class="{}" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                    if dark { "dark" } else { "in" },
                    x + w / 2.0,
                    y + 13.0,
                    esc(&pct(report, *s))
                );
            }
            x += w;
        }
    }
    let h = y + row_h + 4.0;
    svg(id, title, segments.len() * bars.len(), h, &body)
}

fn grouped(
    report: &Report,
    id: &str,
    title: &str,
    caption: &str,
    categories: &[String],
    series: &[(String, Vec<Option<Num>>)],
) -> String {
    let items: Vec<(String, &str)> = series
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (s.clone(), SERIES_COLOURS[i % SERIES_COLOURS.len()]))
        .collect();
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<text x="0" y="14" font-weight="bold">{}</text>"#,
        esc(caption)
    );
    let top = legend(&mut body, &items, 34.0) + 6.0;
    let bar_h = 13.0;
    let group_h = bar_h * series.len() as f64 + 10.0;
    for (c, cat) in categories.iter().enumerate() {
        let y0 = top + c as f64 * group_h;
        let _ = write!(
            body,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end"><title>{}</title>{}</text>"#,
            LABEL_W - 8.0,
            y0 + bar_h * series.len() as f64 / 2.0 + 4.0,
            esc(cat),
            esc(&shorten(cat, 44))
        );
        for (k, (name, values)) in series.iter().enumerate() {
            let y = y0 + k as f64 * bar_h;
            let v = values.get(c).copied().flatten();
            let w = v.map_or(0.0, |v| v.to_f64() * PLOT_W);
            let shown = v.map_or_else(|| "–".to_string(), |v| pct(report, v));
            let _ = write!(
                body,
                r#"<rect class="bar" x="{LABEL_W:.1}" y="{y:.1}" width="{w:.2}" height="{:.1}" fill="{}"><title>{}: {}</title></rect><text class="dark" x="{:.1}" y="{:.1}">{}</text>"#,
                bar_h - 2.0,
                SERIES_COLOURS[k % SERIES_COLOURS.len()],
                esc(name),
                esc(&shown),
                LABEL_W + w + 4.0,
                y + bar_h - 3.5,
                esc(&shown)
            );
        }
    }
    let h = top + categories.len() as f64 * group_h + 4.0;
    svg(id, title, categories.len() * series.len(), h, &body)
}

/// The chart's `<figure>`; `title` (the table's, in the report's language) labels it for screen
/// readers.
fn svg(id: &str, title: &str, bars: usize, h: f64, body: &str) -> String {
    let w = LABEL_W + PLOT_W + 60.0;
    format!(
        r#"<figure class="chart" id="chart-{id}" data-bars="{bars}"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{label}">{body}</svg></figure>
"#,
        id = esc(id),
        label = esc(title)
    )
}

fn table_html(report: &Report, t: &Table) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<section class=\"table\" id=\"{}\">\n<h2>{}</h2>\n<code>{}</code>\n",
        esc(&t.id),
        esc(&t.title),
        esc(&t.id)
    );
    for n in &t.notes {
        let _ = writeln!(s, "<p class=\"note\">{}</p>", esc(n));
    }
    if let Some(chart) = &t.chart {
        s.push_str(&match chart {
            Chart::Stacked {
                segments,
                zero_first,
                bars,
            } => stacked(report, &t.id, &t.title, segments, *zero_first, bars),
            Chart::Grouped {
                caption,
                categories,
                series,
            } => grouped(report, &t.id, &t.title, caption, categories, series),
        });
    }
    s.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for c in &t.columns {
        let _ = write!(s, "<th>{}</th>", esc(c));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        s.push_str("<tr>");
        for c in r {
            let num = matches!(
                c,
                Cell::Int(_) | Cell::Number(..) | Cell::Exact(_) | Cell::Share(_)
            );
            let _ = write!(
                s,
                "<td{}>{}</td>",
                if num { " class=\"num\"" } else { "" },
                esc(&cell_text(report, c))
            );
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div>\n</section>\n");
    s
}

/// The whole page.
pub fn render(report: &Report) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<nav aria-label=\"{}\"><ol>\n",
        report.lang.as_str(),
        esc(&report.title),
        esc(&report.title),
        esc(&report.lang.messages().t("report-contents"))
    );
    for t in &report.tables {
        let _ = writeln!(
            s,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&t.id),
            esc(&t.title)
        );
    }
    s.push_str("</ol></nav>\n");
    for t in &report.tables {
        s.push_str(&table_html(report, t));
    }
    let _ = write!(s, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    s
}
