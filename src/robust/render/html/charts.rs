//! The charts of the robustness page, as inline SVG: rank intervals, stacked level
//! probabilities, Sobol indices with confidence whiskers.
//!
//! Every drawn data element has the class `mark`, and each `<figure>` says how many it holds in
//! `data-marks`, so a browser test can check that all of them drew. Shapes as well as colours
//! tell the series apart, so the charts read in print and in grey.

use super::super::Names;
use crate::l10n::Arg;
use crate::robust::result::{Analysis, Indices, Method, UnitResult};
use crate::text::escape_html as esc;
use std::fmt::Write;

/// Colours of levels 0–5 (0: counted apart), as the report draws them.
const LEVEL_COLOURS: [&str; 6] = [
    "#b8b8b8", "#c0392b", "#e67e22", "#e8c21a", "#7cb35b", "#2e7d32",
];
/// No index in the run.
const NONE_COLOUR: &str = "#4d4d4d";
const INK: &str = "#1d232b";
const GRID: &str = "#d5dbe2";
const RANGE: &str = "#9fb7d3";
const MEDIAN: &str = "#1f3b63";
const NOMINAL: &str = "#c0392b";
const S1_COLOUR: &str = "#1f3b63";
const ST_COLOUR: &str = "#8fb3de";

const LABEL_W: f64 = 290.0;
const PLOT_W: f64 = 520.0;
const RIGHT_W: f64 = 110.0;
const WIDTH: f64 = LABEL_W + PLOT_W + RIGHT_W;
const ROW_H: f64 = 19.0;
/// The distance between the S1 and the ST bar of an input.
const BAR_PITCH: f64 = 13.0;

/// The colour of a level.
pub(super) fn level_colour(level: u8) -> &'static str {
    LEVEL_COLOURS[usize::from(level).min(LEVEL_COLOURS.len() - 1)]
}

/// Whether text on this level colour should be dark.
fn dark_text(level: u8) -> bool {
    matches!(level, 0 | 2 | 3 | 4)
}

/// `s` cut to `n` characters with an ellipsis.
pub(super) fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A number for an SVG attribute: fixed decimals, so the page is byte-identical across runs.
fn f(x: f64) -> String {
    let x = if x.is_finite() { x } else { 0.0 };
    format!("{x:.1}")
}

/// The `<figure>` around a chart; `title` names it for screen readers and as a tooltip.
fn figure(id: &str, title: &str, marks: usize, height: f64, body: &str) -> String {
    format!(
        "<figure class=\"chart\" id=\"chart-{id}\" data-marks=\"{marks}\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"chart-{id}-title\"><title id=\"chart-{id}-title\">{t}</title>{body}</svg></figure>\n",
        w = f(WIDTH),
        h = f(height),
        t = esc(title)
    )
}

/// One legend entry: a swatch (`shape` drawn at x, y) and its label; returns the next x.
fn legend_item(out: &mut String, x: f64, y: f64, swatch: &str, label: &str) -> f64 {
    let _ = write!(
        out,
        "<g transform=\"translate({},{})\">{swatch}</g><text x=\"{}\" y=\"{}\">{}</text>",
        f(x),
        f(y),
        f(x + 18.0),
        f(y + 4.0),
        esc(label)
    );
    x + 30.0 + 6.5 * label.chars().count() as f64
}

/// A row label, right-aligned before the plot, with `tip` (else the full text) as tooltip.
fn row_label(out: &mut String, y: f64, text: &str, tip: Option<&str>) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"{}><title>{}</title>{}</text>",
        f(LABEL_W - 8.0),
        f(y + 4.0),
        if tip.is_some() {
            " font-weight=\"bold\""
        } else {
            ""
        },
        esc(tip.unwrap_or(text)),
        esc(&shorten(text, 42))
    );
}

/// Vertical grid lines with their labels at `ticks` (value, x), from `top` to `bottom`.
fn grid(out: &mut String, ticks: &[(String, f64)], top: f64, bottom: f64) {
    for (label, x) in ticks {
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{GRID}\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text>",
            f(top),
            f(bottom),
            f(top - 5.0),
            esc(label),
            x = f(*x),
        );
    }
}

/// The rank interval of each unit (COINr's uncertainty plot): a bar from the 5th to the 95th
/// percentile rank, a dot at the median, a diamond at the nominal rank; `units` in nominal
/// rank order.
pub fn ranks(n: &Names, units: &[&UnitResult]) -> String {
    let m = n.msg;
    let rows: Vec<&&UnitResult> = units
        .iter()
        .filter(|u| u.rank_median.is_some() || u.nominal_rank.is_some())
        .collect();
    let max = rows
        .iter()
        .flat_map(|u| [u.nominal_rank, u.rank_p95, u.rank_median])
        .flatten()
        .max()
        .unwrap_or(1)
        .max(2);
    let x = |r: u32| {
        LABEL_W + 10.0 + f64::from(r.saturating_sub(1)) / f64::from(max - 1) * (PLOT_W - 20.0)
    };
    let mut body = String::new();
    let range_swatch =
        format!("<rect x=\"0\" y=\"-3\" width=\"14\" height=\"6\" rx=\"3\" fill=\"{RANGE}\"/>");
    let median_swatch = format!("<circle cx=\"7\" cy=\"0\" r=\"4\" fill=\"{MEDIAN}\"/>");
    let nominal_swatch = diamond(7.0, 0.0, "");
    let mut lx = legend_item(
        &mut body,
        0.0,
        12.0,
        &range_swatch,
        &m.t("robust-html-interval"),
    );
    lx = legend_item(
        &mut body,
        lx,
        12.0,
        &median_swatch,
        &m.t("robust-html-median"),
    );
    legend_item(
        &mut body,
        lx,
        12.0,
        &nominal_swatch,
        &m.t("robust-html-nominal-rank"),
    );
    let top = 48.0;
    let bottom = top + rows.len() as f64 * ROW_H + 4.0;
    let step = nice_step(max);
    let mut at: Vec<u32> = std::iter::once(1)
        .chain((step..=max).step_by(step as usize))
        .collect();
    if at.last().is_some_and(|&l| 2 * (max - l) >= step) {
        at.push(max);
    }
    let ticks: Vec<(String, f64)> = at.iter().map(|&r| (r.to_string(), x(r))).collect();
    grid(&mut body, &ticks, top, bottom);
    let mut marks = 0;
    for (i, u) in rows.iter().enumerate() {
        let cy = top + ROW_H * (i as f64 + 0.5) + 2.0;
        let label = match u.nominal_rank {
            Some(r) => format!("{r}. {}", u.unit),
            None => u.unit.clone(),
        };
        row_label(&mut body, cy, &label, None);
        if let (Some(lo), Some(hi)) = (u.rank_p05, u.rank_p95) {
            let _ = write!(
                body,
                "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" rx=\"3\" fill=\"{RANGE}\"><title>{}: {lo}–{hi}</title></rect>",
                f(x(lo) - 4.0),
                f(cy - 3.0),
                f(x(hi) - x(lo) + 8.0),
                esc(&m.t("robust-html-interval"))
            );
            marks += 1;
        }
        if let Some(med) = u.rank_median {
            let _ = write!(
                body,
                "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{MEDIAN}\"><title>{}: {med}</title></circle>",
                f(x(med)),
                f(cy),
                esc(&m.t("robust-html-median"))
            );
            marks += 1;
        }
        if let Some(r) = u.nominal_rank {
            let tip = format!("{}: {r}", m.t("robust-html-nominal-rank"));
            body.push_str(&diamond(x(r), cy, &tip));
            marks += 1;
        }
    }
    let _ = write!(
        body,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"axis\">{}</text>",
        f(LABEL_W + PLOT_W / 2.0),
        f(bottom + 16.0),
        esc(&m.t("robust-html-ranks-axis"))
    );
    figure(
        "ranks",
        &m.t("robust-html-ranks"),
        marks,
        bottom + 24.0,
        &body,
    )
}

/// The nominal-rank diamond at (x, y); `tip` its tooltip (none when empty, in the legend).
fn diamond(x: f64, y: f64, tip: &str) -> String {
    let (class, title) = if tip.is_empty() {
        ("", String::new())
    } else {
        (" class=\"mark\"", format!("<title>{}</title>", esc(tip)))
    };
    format!(
        "<path{class} d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"none\" stroke=\"{NOMINAL}\" stroke-width=\"2\">{title}</path>",
        f(x),
        f(y - 5.5),
        f(x + 5.5),
        f(y),
        f(x),
        f(y + 5.5),
        f(x - 5.5),
        f(y)
    )
}

/// A step for rank ticks: about eight ticks.
fn nice_step(max: u32) -> u32 {
    [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|s| max / s <= 8)
        .unwrap_or(max.div_ceil(8).max(1))
}

/// The legend of the index levels (and `no index` when some run has none).
fn level_legend(a: &Analysis, n: &Names, body: &mut String, with_none: bool) {
    let mut x = 0.0;
    let mut y = 12.0;
    let mut items: Vec<(String, &str)> = a
        .levels
        .iter()
        .map(|l| (n.level(a, Some(l.level)), level_colour(l.level)))
        .collect();
    if with_none {
        items.push((n.msg.t("robust-no-index"), NONE_COLOUR));
    }
    for (label, colour) in items {
        let w = 30.0 + 6.5 * label.chars().count() as f64;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            y += 18.0;
        }
        let swatch = format!(
            "<rect x=\"0\" y=\"-6\" width=\"12\" height=\"12\" fill=\"{colour}\" stroke=\"{INK}\" stroke-width=\"0.5\"/>"
        );
        x = legend_item(body, x, y, &swatch, &label);
    }
}

/// The probability of each index level per unit, as stacked bars; `units` in nominal rank
/// order. The nominal level's part is outlined; flagged units are bold with a `!`.
pub fn levels(a: &Analysis, n: &Names, units: &[&UnitResult]) -> String {
    let m = n.msg;
    let with_none = units.iter().any(|u| u.index.none.count > 0);
    let mut body = String::new();
    level_legend(a, n, &mut body, with_none);
    let top = 34.0;
    let mut marks = 0;
    for (i, u) in units.iter().enumerate() {
        let y = top + i as f64 * ROW_H;
        let label = if u.flag {
            format!("! {}", u.unit)
        } else {
            u.unit.clone()
        };
        let tip = format!("{}: {}", u.unit, m.t("robust-html-flagged"));
        row_label(&mut body, y + 8.0, &label, u.flag.then_some(tip.as_str()));
        let mut parts: Vec<(Option<u8>, &crate::robust::result::Prob)> =
            u.index.levels.iter().map(|(l, p)| (Some(*l), p)).collect();
        parts.push((None, &u.index.none));
        let mut x = LABEL_W;
        let mut outline = String::new();
        for (level, p) in parts.into_iter().filter(|(_, p)| p.count > 0) {
            let w = p.p * PLOT_W;
            let colour = level.map_or(NONE_COLOUR, level_colour);
            let shown = match &p.exact {
                Some(e) => format!("{} ({e})", n.percent(p.p)),
                None => n.percent(p.p),
            };
            let _ = write!(
                body,
                "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" fill=\"{colour}\"><title>{}: {shown}</title></rect>",
                f(x),
                f(y),
                f(w.max(1.0)),
                esc(&n.level(a, level))
            );
            marks += 1;
            if w >= 44.0 {
                let text_colour = if level.is_some_and(dark_text) {
                    INK
                } else {
                    "#fff"
                };
                let _ = write!(
                    body,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{text_colour}\" class=\"in\">{}</text>",
                    f(x + w / 2.0),
                    f(y + 11.5),
                    esc(&n.percent(p.p))
                );
            }
            if !u.holds && level.is_some() && level == u.nominal_level {
                outline = format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"2\"/>",
                    f(x + 1.0),
                    f(y + 1.0),
                    f((w - 2.0).max(1.0))
                );
            }
            x += w;
        }
        body.push_str(&outline);
    }
    let h = top + units.len() as f64 * ROW_H + 6.0;
    figure("levels", &m.t("robust-html-levels"), marks, h, &body)
}

/// The x axis of a Sobol chart: its domain, rounded out to quarters, at least [0, 1] and at most
/// [-1, 2] (whiskers beyond are cut at the edge).
fn sobol_domain(values: &[(Option<f64>, Option<f64>)]) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 1.0;
    for (v, ci) in values {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            let c = ci.filter(|c| c.is_finite()).unwrap_or(0.0).abs();
            lo = lo.min(v - c);
            hi = hi.max(v + c);
        }
    }
    (
        ((lo * 4.0).floor() / 4.0).max(-1.0),
        ((hi * 4.0).ceil() / 4.0).min(2.0),
    )
}

/// The Sobol indices (S1 and ST) of every input for one output, as horizontal bars with
/// whiskers for the confidence intervals; undefined indices said so in words.
pub fn sobol(
    a: &Analysis,
    n: &Names,
    id: &str,
    title: &str,
    pick: fn(&crate::robust::result::Sensitivity) -> &Indices,
) -> String {
    let m = n.msg;
    let rows: Vec<(&str, &Indices)> = a
        .sensitivity
        .iter()
        .map(|s| (s.input.as_str(), pick(s)))
        .collect();
    let all: Vec<(Option<f64>, Option<f64>)> = rows
        .iter()
        .flat_map(|(_, i)| [(i.first, i.first_ci), (i.total, i.total_ci)])
        .collect();
    let (lo, hi) = sobol_domain(&all);
    let x = |v: f64| LABEL_W + (v.clamp(lo, hi) - lo) / (hi - lo) * PLOT_W;
    let mut body = String::new();
    let bar = |c: &str| {
        format!("<rect x=\"0\" y=\"-5\" width=\"14\" height=\"10\" fill=\"{c}\" stroke=\"{INK}\" stroke-width=\"0.5\"/>")
    };
    let mut lx = legend_item(
        &mut body,
        0.0,
        12.0,
        &bar(S1_COLOUR),
        &m.t("robust-html-s1"),
    );
    lx = legend_item(&mut body, lx, 12.0, &bar(ST_COLOUR), &m.t("robust-html-st"));
    if let Method::Sampled { confidence, .. } = &a.method {
        let conf = format!("{}", (confidence * 100.0).round());
        let whisker =
            format!("<path d=\"M1 -4V4M1 0H13M13 -4V4\" stroke=\"{INK}\" fill=\"none\"/>");
        let label = m.f("robust-html-whiskers", &[("confidence", Arg::Num(&conf))]);
        legend_item(&mut body, lx, 12.0, &whisker, &label);
    }
    let top = 48.0;
    let group = 2.0 * BAR_PITCH + 8.0;
    let bottom = top + rows.len() as f64 * group + 2.0;
    let step = if hi - lo > 1.5 { 0.5 } else { 0.25 };
    let ticks: Vec<(String, f64)> = (0..=((hi - lo) / step).round() as i64)
        .map(|k| lo + k as f64 * step)
        .map(|v| (n.lang.decimal(&format!("{v:.2}")), x(v)))
        .collect();
    grid(&mut body, &ticks, top, bottom);
    let _ = write!(
        body,
        "<line x1=\"{z}\" y1=\"{}\" x2=\"{z}\" y2=\"{}\" stroke=\"{INK}\"/>",
        f(top),
        f(bottom),
        z = f(x(0.0))
    );
    let mut marks = 0;
    for (i, (input, ix)) in rows.iter().enumerate() {
        let y = top + 5.0 + i as f64 * group;
        row_label(&mut body, y + BAR_PITCH, input, None);
        if ix.first.is_none() && ix.total.is_none() {
            let _ = write!(
                body,
                "<text x=\"{}\" y=\"{}\" class=\"undefined\">{}</text>",
                f(x(0.0) + 6.0),
                f(y + 15.0),
                esc(&m.t("robust-html-undefined"))
            );
            continue;
        }
        let series = [
            ("robust-html-s1", ix.first, ix.first_ci, S1_COLOUR),
            ("robust-html-st", ix.total, ix.total_ci, ST_COLOUR),
        ];
        for (k, (name, v, ci, colour)) in series.into_iter().enumerate() {
            let by = y + k as f64 * BAR_PITCH;
            marks += sobol_bar(&mut body, n, (by, &x), (v, ci), (&m.t(name), colour));
        }
    }
    figure(id, title, marks, bottom + 8.0, &body)
}

/// One bar of a Sobol chart at row top `by`, with its whisker and value; 1 when it drew a bar.
fn sobol_bar(
    body: &mut String,
    n: &Names,
    (by, x): (f64, &dyn Fn(f64) -> f64),
    (v, ci): (Option<f64>, Option<f64>),
    (name, colour): (&str, &str),
) -> usize {
    let Some(v) = v.filter(|v| v.is_finite()) else {
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\" class=\"undefined\">{name}: {}</text>",
            f(x(0.0) + 6.0),
            f(by + 9.0),
            esc(&n.msg.t("robust-html-undefined"))
        );
        return 0;
    };
    let (x0, x1) = (x(0.0), x(v));
    let mut shown = n.index_value(Some(v));
    if let Some(c) = ci.filter(|c| c.is_finite()) {
        shown = format!("{shown} ±{}", n.index_value(Some(c)));
    }
    let _ = write!(
        body,
        "<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"{colour}\" stroke=\"{INK}\" stroke-width=\"0.5\"><title>{}: {}</title></rect>",
        f(x0.min(x1)),
        f(by),
        f((x1 - x0).abs().max(1.0)),
        esc(name),
        esc(&shown)
    );
    let mut end = x0.max(x1);
    if let Some(c) = ci.filter(|c| c.is_finite() && *c > 0.0) {
        let (w0, w1) = (x(v - c), x(v + c));
        let cy = by + 5.0;
        let _ = write!(
            body,
            "<path class=\"ci\" d=\"M{a} {t}V{b}M{a} {m}H{c}M{c} {t}V{b}\" stroke=\"{INK}\" fill=\"none\"/>",
            a = f(w0),
            c = f(w1),
            t = f(cy - 3.5),
            b = f(cy + 3.5),
            m = f(cy)
        );
        end = end.max(w1);
    }
    let _ = write!(
        body,
        "<text x=\"{}\" y=\"{}\" class=\"value\">{}</text>",
        f(end + 4.0),
        f(by + 9.0),
        esc(&shown)
    );
    1
}

/// A small stacked bar of a level distribution, for a table cell (decorative: the cell's text
/// says the same).
pub fn mini_bar(levels: &[(Option<u8>, f64)]) -> String {
    let mut s = String::from(
        "<svg class=\"mini\" xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"10\" viewBox=\"0 0 40 10\" aria-hidden=\"true\">",
    );
    let mut x = 0.0;
    for (level, p) in levels.iter().filter(|(_, p)| *p > 0.0) {
        let w = p * 40.0;
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"0\" width=\"{}\" height=\"10\" fill=\"{}\"/>",
            f(x),
            f(w),
            level.map_or(NONE_COLOUR, level_colour)
        );
        x += w;
    }
    s.push_str("</svg>");
    s
}
