//! The municipality's explanation as a self-contained web page (inline CSS and SVG, no
//! scripts): one page per unit prints on at most two A4 sheets (`@page` rules, a compact
//! print type size; with several units, each starts on a new sheet); each score is drawn
//! against the level bands.

use super::view::{BandView, Builder, UnitView};
use super::IndexEntry;
use crate::explain::model::Document;
use crate::l10n::{Arg, Lang};
use crate::num::{Num, Rounding};
use crate::text::escape_html as esc;

const STYLE: &str = "\
body{font-family:system-ui,'Segoe UI',Arial,sans-serif;max-width:52rem;margin:1.5rem auto;padding:0 1rem;color:#1d1d1d;line-height:1.35}\
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.1rem 0 .3rem;border-bottom:1px solid #bbb}\
h3{font-size:1rem;margin:.7rem 0 .2rem}p{margin:.25rem 0}.sub{color:#555}.lead{font-size:1.1rem}\
table{border-collapse:collapse;width:100%}td,th{padding:.2rem .4rem;text-align:left;vertical-align:middle;border-bottom:1px solid #ddd}\
th{font-weight:600;background:#f2f2f2}td.n{text-align:right;white-space:nowrap}td.bar{width:26%}td.n{width:4rem}\
svg.bands{width:100%;height:1.4rem;display:block}ul,ol{margin:.2rem 0;padding-left:1.3rem}li{margin:.15rem 0}\
.q{color:#555;font-size:.9em}.note{color:#555;font-size:.9em;font-style:italic}footer{margin-top:1rem;color:#666;font-size:.85em}\
.legend span{display:inline-block;margin-right:.8rem;font-size:.85em}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.25rem;vertical-align:-.1rem}\
@page{size:A4;margin:12mm 14mm}\
@media print{body{max-width:none;margin:0;padding:0;font-size:8.5pt;line-height:1.2}h1{font-size:13pt}h2{font-size:10pt;margin:.5rem 0 .15rem;break-after:avoid}td,th{padding:.1rem .3rem}svg.bands{height:1rem}li{margin:.05rem 0}\
h3{font-size:9pt;margin:.4rem 0 .1rem;break-after:avoid}article+article{break-before:page}li,tr{break-inside:avoid}.lead{font-size:10pt}}";

/// The colours of the level bands, lowest level first (level 0 is not drawn: it is a point).
const BAND_COLOURS: [&str; 6] = [
    "#e6e6e6", "#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#b6d7a8",
];

fn colour(level: u8) -> &'static str {
    BAND_COLOURS[usize::from(level).min(BAND_COLOURS.len() - 1)]
}

/// An exact number as an SVG coordinate (one decimal is finer than a printed pixel).
fn coord(n: Num) -> String {
    n.format(1, Rounding::HalfUp)
}

/// A bar from 0 to 100 with the level bands and a mark at the score.
fn bands_svg(bands: &[BandView], score: Option<Num>, label: &str) -> String {
    let mut s = format!(
        "<svg class=\"bands\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\">",
        esc(label)
    );
    for b in bands.iter().filter(|b| b.high > b.low) {
        let w = b.high.sub(b.low).unwrap_or(Num::ZERO);
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"1\" width=\"{}\" height=\"8\" fill=\"{}\"><title>{}</title></rect>",
            coord(b.low),
            coord(w),
            colour(b.level),
            esc(&b.name)
        ));
    }
    if let Some(v) = score {
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"0\" width=\"0.8\" height=\"10\" fill=\"#1d1d1d\"/>",
            coord(
                v.sub(Num::frac(2, 5).unwrap_or(Num::ZERO))
                    .unwrap_or(v)
                    .max(Num::ZERO)
            )
        ));
    }
    s.push_str("</svg>");
    s
}

fn head(out: &mut String, lang: Lang, title: &str) {
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.as_str(),
        esc(title)
    ));
}

pub fn render(doc: &Document, lang: Lang) -> String {
    let b = Builder::new(doc, lang);
    let views: Vec<UnitView> = doc.units.iter().map(|u| b.unit(u)).collect();
    let title = match views.as_slice() {
        [one] => one.title.clone(),
        _ => format!(
            "{} {}",
            doc.survey.name,
            doc.survey.year.map(|y| y.to_string()).unwrap_or_default()
        ),
    };
    let mut out = String::new();
    head(&mut out, lang, &title);
    for v in &views {
        unit(&mut out, &b, v);
    }
    if views.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", esc(&b.m.t("plain-no-units"))));
    }
    out.push_str(&format!(
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&b
            .m
            .f("plain-footer", &[("survey", Arg::Str(&doc.survey.name))]))
    ));
    out
}

fn legend(b: &Builder, bands: &[BandView]) -> String {
    let mut s = String::from("<p class=\"legend\">");
    for x in bands.iter().filter(|x| x.high > x.low) {
        s.push_str(&format!(
            "<span><i style=\"background:{}\"></i>{}</span>",
            colour(x.level),
            esc(&b.level_label(x.level))
        ));
    }
    s.push_str("</p>\n");
    s
}

fn unit(out: &mut String, b: &Builder, v: &UnitView) {
    let m = b.m;
    out.push_str(&format!("<article>\n<h1>{}</h1>\n", esc(&v.title)));
    out.push_str(&format!(
        "<p class=\"sub\">{}</p>\n",
        esc(&m.t("plain-subtitle"))
    ));
    for (i, s) in v.index.iter().enumerate() {
        let class = if i == 0 { " class=\"lead\"" } else { "" };
        let text = if i == 0 {
            format!("<strong>{}</strong>", esc(s))
        } else {
            esc(s)
        };
        out.push_str(&format!("<p{class}>{text}</p>\n"));
    }
    if v.index_level.is_some() {
        out.push_str(&bands_svg(
            &v.index_bands,
            v.index_score,
            &v.index_level_label,
        ));
        out.push('\n');
    }
    out.push_str(&format!(
        "<h2>{}</h2>\n",
        esc(&m.t("plain-sections-heading"))
    ));
    out.push_str(&format!(
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th></tr>\n",
        esc(&m.t("plain-col-section")),
        esc(&m.t("plain-col-score")),
        esc(&m.t("plain-col-level")),
        esc(&m.t("plain-col-next"))
    ));
    for s in &v.sections {
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"bar\">{}</td></tr>\n",
            esc(&s.name),
            esc(s.score.as_deref().unwrap_or("–")),
            esc(&s.level_label),
            esc(&s.next),
            bands_svg(&s.bands, s.score_num, &s.level_label)
        ));
    }
    out.push_str("</table>\n");
    if let Some(s) = v.sections.first() {
        out.push_str(&legend(b, &s.bands));
    }
    list(
        out,
        &m.t("plain-well-heading"),
        &v.well,
        &m.t("plain-well-none"),
    );
    list(
        out,
        &m.t("plain-lost-heading"),
        &v.lost,
        &m.t("plain-lost-none"),
    );
    out.push_str(&format!(
        "<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(&m.t("plain-actions-heading")),
        esc(&m.t("plain-actions-intro"))
    ));
    for g in &v.actions {
        out.push_str(&format!(
            "<h3>{}</h3>\n<p>{}</p>\n",
            esc(&g.heading),
            esc(&g.summary)
        ));
        if !g.items.is_empty() {
            out.push_str("<ol>\n");
            for a in &g.items {
                out.push_str(&format!(
                    "<li>{}<br><span class=\"q\">{}</span>",
                    esc(&a.what),
                    esc(&a.question)
                ));
                if let Some(n) = &a.note {
                    out.push_str(&format!("<br><span class=\"note\">{}</span>", esc(n)));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n");
        }
        if let Some(r) = &g.result {
            out.push_str(&format!("<p>{}</p>\n", esc(r)));
        }
    }
    out.push_str("</article>\n");
}

fn list(out: &mut String, heading: &str, groups: &[(String, Vec<String>)], none: &str) {
    out.push_str(&format!("<h2>{}</h2>\n<ul>\n", esc(heading)));
    for (section, items) in groups {
        let text = if items.is_empty() {
            none.to_string()
        } else {
            items.join("; ")
        };
        out.push_str(&format!(
            "<li><strong>{}</strong>: {}</li>\n",
            esc(section),
            esc(&text)
        ));
    }
    out.push_str("</ul>\n");
}

/// The index page of `--out-dir`.
pub fn index(doc: &Document, entries: &[IndexEntry], lang: Lang) -> String {
    let m = lang.messages();
    let title = format!(
        "{} {}",
        doc.survey.name,
        doc.survey.year.map(|y| y.to_string()).unwrap_or_default()
    );
    let mut out = String::new();
    head(&mut out, lang, &title);
    out.push_str(&format!(
        "<h1>{}</h1>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(&title),
        esc(&m.t("plain-index-col-unit")),
        esc(&m.t("plain-index-col-index")),
        esc(&m.t("plain-index-col-level"))
    ));
    for e in entries {
        out.push_str(&format!(
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(&e.file),
            esc(&e.unit),
            esc(e.index.as_deref().unwrap_or("–")),
            esc(&e.level)
        ));
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}
