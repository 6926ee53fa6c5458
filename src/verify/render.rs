//! The text verdict of `eindex verify`, part by part: the header, the published table, the fact
//! checks by scope, the thresholds the facts allow, the inconsistencies of the source and the facts
//! not checked, and the tally. The headings and the verdict are in the language of `--lang`
//! (the message catalogue, `src/l10n/*/verify.ftl`); the lines of each check (fact ids, the
//! facts' descriptions, the column table) keep their technical English words.

use super::{iv_text, signed, Check, Status, Verification};
use crate::hir::Program;
use crate::l10n::{Arg, Lang, Messages};
use crate::num::Num;

/// The verdict as text.
pub fn render_text(p: &Program, v: &Verification, lang: Lang) -> String {
    let m = lang.messages();
    let mut s = String::new();
    header(&mut s, v);
    published_table(&mut s, v, m);
    fact_checks(&mut s, v, m);
    thresholds(&mut s, p, v, m);
    source_and_skipped(&mut s, v, m);
    verdict(&mut s, v, m);
    s
}

/// One line, without trailing blanks.
fn w(s: &mut String, line: String) {
    s.push_str(line.trim_end());
    s.push('\n');
}

/// The header: the inputs, the column mapping, the groups.
fn header(s: &mut String, v: &Verification) {
    w(s, "eindex verify".into());
    w(s, format!("  ruleset      {}", v.ruleset));
    w(
        s,
        format!(
            "  submissions  {} ({} units)",
            v.submissions.join(", "),
            v.units_submitted
        ),
    );
    w(
        s,
        format!(
            "  published    {} ({} units; columns: {})",
            v.published,
            v.units_published,
            v.published_columns
                .iter()
                .map(|(t, h)| if t == h {
                    t.clone()
                } else {
                    format!("{t} = `{h}`")
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
    if !v.published_meta_columns.is_empty() {
        w(
            s,
            format!(
                "               metadata compared: {}",
                v.published_meta_columns.join(", ")
            ),
        );
    }
    if !v.published_ignored_columns.is_empty() {
        w(
            s,
            format!(
                "               not compared: {}",
                v.published_ignored_columns.join(", ")
            ),
        );
    }
    if let Some(f) = &v.facts {
        w(s, format!("  facts        {f}"));
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
        w(
            s,
            format!(
                "  groups       by `{}`: {}; names in the facts: {}",
                g.field,
                sizes.join(", "),
                if names.is_empty() {
                    "none".into()
                } else {
                    names.join(", ")
                }
            ),
        );
    }
    w(
        s,
        format!(
            "  inputs       {}",
            if v.exact_inputs {
                "taken as exact (--exact-inputs)"
            } else {
                "decimal answers taken as rounded to their written decimals (whole numbers ±0.5)"
            }
        ),
    );
    s.push('\n');
}

/// The published table: the summary per column and every difference.
fn published_table(s: &mut String, v: &Verification, m: &Messages) {
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
    w(
        s,
        format!(
            "  {:<20} {:>8} {:>6} {:>9} {:>14}  largest difference (published − computed)",
            "column", "compared", "equal", "rounding", "NOT explained"
        ),
    );
    for c in &v.columns {
        let largest = match &c.largest {
            Some((u, d)) if !d.is_zero() => format!("{} ({u})", signed(*d)),
            _ => "0".into(),
        };
        w(
            s,
            format!(
                "  {:<20} {:>8} {:>6} {:>9} {:>14}  {largest}",
                c.target, c.compared, c.equal, c.explained, c.failed
            ),
        );
    }
    let diffs: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "table" && c.status != Status::Passed)
        .collect();
    if !diffs.is_empty() {
        s.push('\n');
        w(s, format!("  {}:", m.t("verify-differences")));
        let uw = diffs
            .iter()
            .filter_map(|c| c.unit.as_ref().map(|u| u.chars().count()))
            .max()
            .unwrap_or(4)
            .max(4);
        w(
            s,
            format!(
                "  {:<uw$}  {:<18} {:>9}  {:<12} {:>10}  {:<17} verdict",
                "unit", "column", "published", "computed", "difference", "computation gives"
            ),
        );
        for c in diffs {
            let (diff, range) = match (&c.detail, c.status) {
                (Some(d), _) => (signed(d.difference), iv_text(&d.possible)),
                _ => (String::new(), String::new()),
            };
            w(
                s,
                format!(
                    "  {:<uw$}  {:<18} {:>9}  {:<12} {:>10}  {:<17} {}{}",
                    c.unit.as_deref().unwrap_or(""),
                    c.target.as_deref().unwrap_or(&c.what),
                    c.published,
                    c.computed,
                    diff,
                    range,
                    verdict_word(c.status),
                    match (&c.detail, &c.note) {
                        (None, Some(n)) => format!(": {n}"),
                        _ => String::new(),
                    }
                ),
            );
        }
        w(
            s,
            "  (computation gives: the values the computation can give with every rounded input anywhere in its rounding interval)".into(),
        );
    }
}

/// Every fact check, by scope.
fn fact_checks(s: &mut String, v: &Verification, m: &Messages) {
    let fact_checks: Vec<&Check> = v
        .checks
        .iter()
        .filter(|c| c.area == "facts" && c.status != Status::NotChecked)
        .collect();
    if !fact_checks.is_empty() {
        s.push('\n');
        let file = v.facts.as_deref().unwrap_or("");
        w(s, m.f("verify-facts", &[("file", Arg::Str(file))]));
        let mut scope = String::new();
        for c in fact_checks {
            let sc = c.fact.split('.').take(if c.fact.starts_with("sections.") {
                2
            } else {
                1
            });
            let sc: Vec<&str> = sc.collect();
            let sc = sc.join(".");
            if sc != scope {
                w(s, format!("  [{sc}]"));
                scope = sc;
            }
            if c.published.chars().count() <= 14 && c.computed.chars().count() <= 24 {
                w(
                    s,
                    format!(
                        "    {:<8} {:<60} published {:<14} computed {}",
                        c.status.tag(),
                        c.what,
                        c.published,
                        c.computed
                    ),
                );
            } else {
                w(s, format!("    {:<8} {}", c.status.tag(), c.what));
                w(s, format!("             published: {}", c.published));
                w(s, format!("             computed:  {}", c.computed));
            }
            if let Some(n) = &c.note {
                w(s, format!("             {n}"));
            }
        }
    }
}

/// The thresholds the facts allow, and the facts that pin them.
fn thresholds(s: &mut String, p: &Program, v: &Verification, m: &Messages) {
    if !v.thresholds.is_empty() {
        s.push('\n');
        let step = p.survey.compare.map_or("exact".to_string(), |d| {
            Num::frac(1, 10i128.pow(d)).map_or("1".into(), |x| x.to_string())
        });
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
        for t in &v.thresholds {
            let cells: Vec<String> = t
                .analysis
                .bounds
                .iter()
                .enumerate()
                .map(|(k, b)| {
                    let r = t.ruleset.get(k).map_or("–".into(), |x| x.to_string());
                    let inside = t.ruleset.get(k).is_some_and(|x| b.lo <= *x && *x <= b.hi);
                    format!(
                        "u{} {}{} ({r}{})",
                        k + 1,
                        b.text(),
                        if b.pinned() { "*" } else { "" },
                        if inside { "" } else { " OUTSIDE" }
                    )
                })
                .collect();
            w(s, format!("  {:<20} {}", t.target, cells.join("  ")));
        }
        for t in &v.thresholds {
            for (k, b) in t.analysis.bounds.iter().enumerate() {
                if b.pinned() {
                    let mut from: Vec<&String> = Vec::new();
                    for x in b.lo_from.iter().chain(&b.hi_from) {
                        if !from.contains(&x) {
                            from.push(x);
                        }
                    }
                    let from: Vec<&str> = from.iter().map(|x| x.as_str()).collect();
                    w(
                        s,
                        format!(
                            "    {} u{} = {} pinned by: {}",
                            t.target,
                            k + 1,
                            b.lo,
                            from.join("; ")
                        ),
                    );
                }
            }
            for u in &t.analysis.unused {
                w(s, format!("    {}: not used: {u}", t.target));
            }
        }
    }
}

/// The inconsistencies of the source, and the facts not checked.
fn source_and_skipped(s: &mut String, v: &Verification, m: &Messages) {
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
        w(s, format!("  {}: {}", c.fact, c.what));
        w(
            s,
            format!("    published: {} | tool: {}", c.published, c.computed),
        );
        if let Some(n) = &c.note {
            w(s, format!("    {n}"));
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
            w(
                s,
                format!(
                    "  {} = {}: {}",
                    c.fact,
                    c.published,
                    c.note.as_deref().unwrap_or("")
                ),
            );
        }
    }
}

/// The tally, each failure and the result.
fn verdict(s: &mut String, v: &Verification, m: &Messages) {
    let t = v.tally();
    s.push('\n');
    w(
        s,
        m.f(
            "verify-verdict",
            &[
                ("checks", Arg::from(t.checks)),
                ("passed", Arg::from(t.passed)),
                ("rounding", Arg::from(t.explained_by_rounding)),
                ("failed", Arg::from(t.failed)),
                ("inconsistent", Arg::from(t.inconsistent_in_source)),
                ("skipped", Arg::from(t.not_checked)),
            ],
        ),
    );
    for c in v.by_status(Status::Failed) {
        w(
            s,
            format!(
                "  FAILED {}{}{}: published {}, computed {}{}",
                c.fact,
                c.unit
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default(),
                c.target
                    .as_deref()
                    .map(|t| format!(" {t}"))
                    .unwrap_or_default(),
                c.published,
                c.computed,
                c.note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            ),
        );
    }
    w(
        s,
        if t.failed == 0 && t.inconsistent_in_source > 0 {
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

fn verdict_word(s: Status) -> &'static str {
    match s {
        Status::Passed => "equal",
        Status::ExplainedByRounding => "explained by rounding",
        Status::Failed => "NOT explained",
        Status::InconsistentInSource => "inconsistent in the source",
        Status::NotChecked => "not checked",
    }
}
