//! The text verdict of `eindex verify`, part by part: the header, the published table, the fact
//! checks by scope, the thresholds the facts allow, the inconsistencies of the source and the facts
//! not checked, and the tally. Every word is in the language of `--lang` (the message catalogue,
//! `src/l10n/*/verify.ftl`; the checks keep their texts as [`Text`]s until here); names stay as
//! they are: unit names, fact keys, section and column ids, file paths. Columns are padded by
//! characters (Rust's format width), so Latvian diacritics keep them aligned, and each column is
//! as wide as its longest header or value in the language.

use super::{iv_text, signed, Check, Status, Text, Verification};
use crate::hir::Program;
use crate::l10n::{Arg, Lang, Messages};
use crate::num::Num;

/// The verdict as text.
pub fn render_text(p: &Program, v: &Verification, lang: Lang) -> String {
    let m = lang.messages();
    let mut s = String::new();
    header(&mut s, v, m);
    published_table(&mut s, v, lang);
    fact_checks(&mut s, v, lang);
    thresholds(&mut s, p, v, lang);
    source_and_skipped(&mut s, v, lang);
    verdict(&mut s, v, lang);
    s
}

/// One line, without trailing blanks.
fn w(s: &mut String, line: String) {
    s.push_str(line.trim_end());
    s.push('\n');
}

/// The width of a text in characters.
fn width(t: &str) -> usize {
    t.chars().count()
}

/// The header: the inputs, the column mapping, the groups.
fn header(s: &mut String, v: &Verification, m: &Messages) {
    w(s, "eindex verify".into());
    let labels = [
        m.t("verify-head-ruleset"),
        m.t("verify-head-submissions"),
        m.t("verify-head-published"),
        m.t("verify-head-facts"),
        m.t("verify-head-groups"),
        m.t("verify-head-inputs"),
    ];
    let lw = labels.iter().map(|l| width(l)).max().unwrap_or(0) + 2;
    let line = |s: &mut String, label: &str, text: String| {
        w(s, format!("  {label:<lw$}{text}"));
    };
    line(s, &labels[0], v.ruleset.clone());
    let n = m.f("verify-units-count", &[("n", Arg::from(v.units_submitted))]);
    line(s, &labels[1], format!("{} ({n})", v.submissions.join(", ")));
    let columns: Vec<String> = v
        .published_columns
        .iter()
        .map(|(t, h)| {
            if t == h {
                t.clone()
            } else {
                format!("{t} = `{h}`")
            }
        })
        .collect();
    let text = match &v.published {
        Some(file) => m.f(
            "verify-head-table",
            &[
                ("file", Arg::Str(file)),
                ("n", Arg::from(v.units_published)),
                ("columns", Arg::Str(&columns.join(", "))),
            ],
        ),
        None => m.t("verify-head-no-table"),
    };
    line(s, &labels[2], text);
    if !v.published_meta_columns.is_empty() {
        let c = v.published_meta_columns.join(", ");
        line(
            s,
            "",
            m.f("verify-head-metadata", &[("columns", Arg::Str(&c))]),
        );
    }
    if !v.published_ignored_columns.is_empty() {
        let c = v.published_ignored_columns.join(", ");
        line(
            s,
            "",
            m.f("verify-head-ignored", &[("columns", Arg::Str(&c))]),
        );
    }
    if let Some(f) = &v.facts {
        line(s, &labels[3], f.clone());
    }
    if let Some(g) = &v.grouping {
        let sizes: Vec<String> = g.sizes.iter().map(|(o, n)| format!("{o} {n}")).collect();
        let names: Vec<String> = g
            .names
            .iter()
            .map(|(n, o)| {
                if n == o {
                    n.clone()
                } else {
                    format!("{n} = {o}")
                }
            })
            .collect();
        let names = if names.is_empty() {
            m.t("verify-none")
        } else {
            names.join(", ")
        };
        let text = m.f(
            "verify-head-grouping",
            &[
                ("field", Arg::Str(&g.field)),
                ("sizes", Arg::Str(&sizes.join(", "))),
                ("names", Arg::Str(&names)),
            ],
        );
        line(s, &labels[4], text);
    }
    let inputs = if v.exact_inputs {
        m.t("verify-inputs-exact")
    } else {
        m.t("verify-inputs-rounded")
    };
    line(s, &labels[5], inputs);
    s.push('\n');
}

/// The published table: the summary per column and every difference.
fn published_table(s: &mut String, v: &Verification, lang: Lang) {
    if v.published.is_none() {
        return;
    }
    let m = lang.messages();
    w(
        s,
        m.f(
            "verify-published-table",
            &[
                ("matched", Arg::from(v.units_matched)),
                ("published", Arg::from(v.units_published)),
            ],
        ),
    );
    let heads = [
        m.t("verify-col-column"),
        m.t("verify-col-compared"),
        m.t("verify-col-equal"),
        m.t("verify-col-rounding"),
        m.t("verify-col-failed"),
    ];
    // at least the widths of the English table
    let ws: Vec<usize> = heads
        .iter()
        .zip([20, 8, 6, 9, 14])
        .map(|(h, min)| width(h).max(min))
        .collect();
    let row = |cells: [&str; 5], last: &str| {
        format!(
            "  {:<w0$} {:>w1$} {:>w2$} {:>w3$} {:>w4$}  {last}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            cells[4],
            w0 = ws[0],
            w1 = ws[1],
            w2 = ws[2],
            w3 = ws[3],
            w4 = ws[4],
        )
    };
    let [h0, h1, h2, h3, h4] = &heads;
    w(s, row([h0, h1, h2, h3, h4], &m.t("verify-col-largest")));
    for c in &v.columns {
        let largest = match &c.largest {
            Some((u, d)) if !d.is_zero() => format!("{} ({u})", signed(*d).render(lang)),
            _ => "0".into(),
        };
        let n = [c.compared, c.equal, c.explained, c.failed].map(|x| x.to_string());
        w(s, row([&c.target, &n[0], &n[1], &n[2], &n[3]], &largest));
    }
    let diffs: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "table" && c.status != Status::Passed)
        .collect();
    if !diffs.is_empty() {
        s.push('\n');
        w(s, format!("  {}:", m.t("verify-differences")));
        differences(s, &diffs, lang);
        w(s, format!("  ({})", m.t("verify-possible-footnote")));
    }
}

/// The differences of the published table: one row each.
fn differences(s: &mut String, diffs: &[&Check], lang: Lang) {
    let m = lang.messages();
    let rows: Vec<[String; 7]> = diffs
        .iter()
        .map(|c| {
            let (diff, range) = match &c.detail {
                Some(d) => (
                    signed(d.difference).render(lang),
                    iv_text(&d.possible).render(lang),
                ),
                None => (String::new(), String::new()),
            };
            let verdict = match (&c.detail, &c.note) {
                (None, Some(n)) => format!("{}: {}", verdict_word(m, c.status), n.render(lang)),
                _ => verdict_word(m, c.status),
            };
            [
                c.unit.clone().unwrap_or_default(),
                c.target.clone().unwrap_or_else(|| c.what.render(lang)),
                c.published.render(lang),
                c.computed.render(lang),
                diff,
                range,
                verdict,
            ]
        })
        .collect();
    let heads = [
        m.t("verify-col-unit"),
        m.t("verify-col-column"),
        m.t("verify-col-published"),
        m.t("verify-col-computed"),
        m.t("verify-col-difference"),
        m.t("verify-col-possible"),
        m.t("verify-col-verdict"),
    ];
    // at least the widths of the English table; the unit column as wide as its longest name
    let mins = [4, 18, 9, 12, 10, 17];
    let ws: Vec<usize> = (0..6)
        .map(|i| {
            let cells = rows.iter().map(|r| width(&r[i]));
            let data = if i == 0 { cells.max().unwrap_or(0) } else { 0 };
            data.max(width(&heads[i])).max(mins[i])
        })
        .collect();
    let line = |r: &[String; 7]| {
        format!(
            "  {:<w0$}  {:<w1$} {:>w2$}  {:<w3$} {:>w4$}  {:<w5$} {}",
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            w0 = ws[0],
            w1 = ws[1],
            w2 = ws[2],
            w3 = ws[3],
            w4 = ws[4],
            w5 = ws[5],
        )
    };
    w(s, line(&heads));
    for r in &rows {
        w(s, line(r));
    }
}

/// Every fact check, by scope.
fn fact_checks(s: &mut String, v: &Verification, lang: Lang) {
    let m = lang.messages();
    let fact_checks: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "facts" && c.status != Status::NotChecked)
        .collect();
    if fact_checks.is_empty() {
        return;
    }
    // (the header ends with a blank line; the published table's section does not)
    if v.published.is_some() {
        s.push('\n');
    }
    let file = v.facts.as_deref().unwrap_or("");
    w(s, m.f("verify-facts", &[("file", Arg::Str(file))]));
    // the status column as wide as its longest word (the tolerance's only when one is used)
    let tolerance = !v.share_tolerance.is_zero();
    let tw = [
        Status::Passed,
        Status::ExplainedByRounding,
        Status::Failed,
        Status::InconsistentInSource,
    ]
    .into_iter()
    .chain(tolerance.then_some(Status::WithinTolerance))
    .map(|st| width(&tag(m, st)))
    .max()
    .unwrap_or(8);
    let indent = " ".repeat(4 + tw + 1);
    let (published, computed) = (m.t("verify-published"), m.t("verify-computed"));
    let (pl, cl) = (format!("{published}:"), format!("{computed}:"));
    let lw = width(&pl).max(width(&cl));
    let mut scope = String::new();
    for c in fact_checks {
        let parts = if c.fact.starts_with("sections.") || c.fact.starts_with("answers.") {
            2
        } else {
            1
        };
        let sc = c.fact.split('.').take(parts).collect::<Vec<_>>().join(".");
        if sc != scope {
            w(s, format!("  [{sc}]"));
            scope = sc;
        }
        let (t, what) = (tag(m, c.status), c.what.render(lang));
        let (pv, cv) = (c.published.render(lang), c.computed.render(lang));
        if width(&pv) <= 14 && width(&cv) <= 24 {
            w(
                s,
                format!("    {t:<tw$} {what:<60} {published} {pv:<14} {computed} {cv}"),
            );
        } else {
            w(s, format!("    {t:<tw$} {what}"));
            w(s, format!("{indent}{pl:<lw$} {pv}"));
            w(s, format!("{indent}{cl:<lw$} {cv}"));
        }
        if let Some(n) = &c.note {
            w(s, format!("{indent}{}", n.render(lang)));
        }
    }
}

/// The thresholds the facts allow, and the facts that pin them.
fn thresholds(s: &mut String, p: &Program, v: &Verification, lang: Lang) {
    if v.thresholds.is_empty() {
        return;
    }
    let m = lang.messages();
    s.push('\n');
    let step = match p.survey.compare {
        None => m.t("verify-step-exact"),
        Some(d) => lang.decimal(&Num::frac(1, 10i128.pow(d)).map_or("1".into(), |x| x.to_string())),
    };
    w(
        s,
        m.f(
            "verify-thresholds",
            &[
                ("last", Arg::from(p.levels.len().saturating_sub(1))),
                ("step", Arg::Str(&step)),
            ],
        ),
    );
    let outside = m.t("verify-outside");
    for t in &v.thresholds {
        let cells: Vec<String> = t
            .analysis
            .bounds
            .iter()
            .enumerate()
            .map(|(k, b)| {
                let r = t
                    .ruleset
                    .get(k)
                    .map_or("–".into(), |x| lang.decimal(&x.to_string()));
                let inside = t.ruleset.get(k).is_some_and(|x| b.lo <= *x && *x <= b.hi);
                format!(
                    "u{} {}{} ({r}{})",
                    k + 1,
                    b.text().render(lang),
                    if b.pinned() { "*" } else { "" },
                    if inside {
                        String::new()
                    } else {
                        format!(" {outside}")
                    }
                )
            })
            .collect();
        w(s, format!("  {:<20} {}", t.target, cells.join("  ")));
    }
    for t in &v.thresholds {
        for (k, b) in t.analysis.bounds.iter().enumerate() {
            if b.pinned() {
                let mut from: Vec<&Text> = Vec::new();
                for x in b.lo_from.iter().chain(&b.hi_from) {
                    if !from.contains(&x) {
                        from.push(x);
                    }
                }
                let from: Vec<String> = from.iter().map(|x| x.render(lang)).collect();
                let text = m.f(
                    "verify-pinned",
                    &[
                        ("bound", Arg::Str(&format!("{} u{}", t.target, k + 1))),
                        ("value", Arg::Str(&lang.decimal(&b.lo.to_string()))),
                        ("facts", Arg::Str(&from.join("; "))),
                    ],
                );
                w(s, format!("    {text}"));
            }
        }
        for u in &t.analysis.unused {
            let text = m.f(
                "verify-not-used",
                &[
                    ("target", Arg::Str(&t.target)),
                    ("fact", Arg::Str(&u.render(lang))),
                ],
            );
            w(s, format!("    {text}"));
        }
    }
}

/// The inconsistencies of the source, and the facts not checked.
fn source_and_skipped(s: &mut String, v: &Verification, lang: Lang) {
    let m = lang.messages();
    let src: Vec<&Check> = v.by_status(Status::InconsistentInSource).collect();
    s.push('\n');
    w(
        s,
        m.f("verify-inconsistent", &[("n", Arg::from(src.len()))]) + ":",
    );
    if src.is_empty() {
        w(s, format!("  {}", m.t("verify-none-found")));
    }
    for c in src {
        w(
            s,
            format!("  {}: {}", fact_name(m, &c.fact), c.what.render(lang)),
        );
        let line = m.f(
            "verify-source-line",
            &[
                ("published", Arg::Str(&c.published.render(lang))),
                ("tool", Arg::Str(&c.computed.render(lang))),
            ],
        );
        w(s, format!("    {line}"));
        if let Some(n) = &c.note {
            w(s, format!("    {}", n.render(lang)));
        }
    }
    let skipped: Vec<&Check> = v.by_status(Status::NotChecked).collect();
    if !skipped.is_empty() {
        s.push('\n');
        w(
            s,
            m.f("verify-not-checked", &[("n", Arg::from(skipped.len()))]) + ":",
        );
        for c in skipped {
            let note = c.note.as_ref().map(|n| n.render(lang)).unwrap_or_default();
            let (fact, value) = (fact_name(m, &c.fact), c.published.render(lang));
            w(s, format!("  {fact} = {value}: {note}"));
        }
    }
}

/// The tally, each failure and the result.
fn verdict(s: &mut String, v: &Verification, lang: Lang) {
    let m = lang.messages();
    let t = v.tally();
    s.push('\n');
    let tolerance = lang.decimal(&v.share_tolerance.to_string());
    let args = [
        ("checks", Arg::from(t.checks)),
        ("passed", Arg::from(t.passed)),
        ("rounding", Arg::from(t.explained_by_rounding)),
        ("failed", Arg::from(t.failed)),
        ("inconsistent", Arg::from(t.inconsistent_in_source)),
        ("skipped", Arg::from(t.not_checked)),
        ("tolerant", Arg::from(t.within_tolerance)),
        ("tolerance", Arg::Str(&tolerance)),
    ];
    w(
        s,
        if v.share_tolerance.is_zero() {
            m.f("verify-verdict", &args[..6])
        } else {
            m.f("verify-verdict-tolerance", &args)
        },
    );
    for c in v.by_status(Status::Failed) {
        let mut what = fact_name(m, &c.fact);
        for x in [&c.unit, &c.target].into_iter().flatten() {
            what.push(' ');
            what.push_str(x);
        }
        let line = m.f(
            "verify-failure",
            &[
                ("fact", Arg::Str(&what)),
                ("published", Arg::Str(&c.published.render(lang))),
                ("computed", Arg::Str(&c.computed.render(lang))),
            ],
        );
        let note = c
            .note
            .as_ref()
            .map(|n| format!(" ({})", n.render(lang)))
            .unwrap_or_default();
        w(s, format!("  {line}{note}"));
    }
    w(
        s,
        if t.failed == 0 && t.inconsistent_in_source == 0 && !v.share_tolerance.is_zero() {
            m.f(
                "verify-result-ok-tolerance",
                &[("tolerance", Arg::Str(&tolerance))],
            )
        } else if t.failed == 0 && t.inconsistent_in_source > 0 {
            m.f(
                "verify-result-ok-inconsistent",
                &[("n", Arg::from(t.inconsistent_in_source))],
            )
        } else if t.failed == 0 {
            m.t("verify-result-ok")
        } else {
            m.f("verify-result-failed", &[("n", Arg::from(t.failed))])
        },
    );
}

/// A check's status in the fact list: `passed`, `rounding`, `FAILED`, `SOURCE`.
fn tag(m: &Messages, s: Status) -> String {
    match s {
        Status::Passed => m.t("verify-status-passed"),
        Status::ExplainedByRounding => m.t("verify-status-rounding"),
        Status::WithinTolerance => m.t("verify-status-tolerance"),
        Status::Failed => m.t("verify-status-failed"),
        Status::InconsistentInSource => m.t("verify-status-source"),
        Status::NotChecked => m.t("verify-status-not-checked"),
    }
}

/// A difference's verdict in the published table's differences.
fn verdict_word(m: &Messages, s: Status) -> String {
    match s {
        Status::Passed => m.t("verify-verdict-equal"),
        Status::ExplainedByRounding => m.t("verify-verdict-rounding"),
        Status::WithinTolerance => m.t("verify-verdict-tolerance-word"),
        Status::Failed => m.t("verify-verdict-failed"),
        Status::InconsistentInSource => m.t("verify-verdict-source"),
        Status::NotChecked => m.t("verify-verdict-not-checked"),
    }
}

/// A check's fact as the verdict names it: a key of the facts file as it is, the tool's own
/// checks (`table`, `grouping`, `thresholds`) in words.
fn fact_name(m: &Messages, fact: &str) -> String {
    match fact {
        "table" => m.t("verify-fact-table"),
        "grouping" => m.t("verify-fact-grouping"),
        "thresholds" => m.t("verify-fact-thresholds"),
        key => key.to_string(),
    }
}
