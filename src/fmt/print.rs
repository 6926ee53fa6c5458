//! The syntax tree printed as layout units: one unit per line-level construct (a header, a table
//! row, a setting, a closing brace), each with the source range it came from so comments can be
//! put back next to it.

use super::doc::{self, Doc};
use crate::num::Num;
use crate::source::{Span, Spanned};
use crate::syntax::ast::*;

mod uncertain;

/// The line width expressions are broken at.
pub const WIDTH: usize = 100;
const INDENT: usize = 2;

/// One printed construct.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Source byte range (a comment strictly inside it cannot be kept next to it).
    pub start: usize,
    pub end: usize,
    /// Lines without the leading indentation (continuation lines carry their own alignment).
    pub lines: Vec<String>,
    pub depth: usize,
    /// The unit ends with `{`.
    pub opens: bool,
    /// The unit is a closing `}`.
    pub closes: bool,
    /// The block the unit belongs to (trailing comments align within a block).
    pub block: usize,
    /// Printed exactly as written (the item holds a comment that cannot be moved).
    pub verbatim: bool,
}

pub struct Printer<'a> {
    pub src: &'a str,
    pub units: Vec<Unit>,
    next_block: usize,
    block: usize,
    depth: usize,
}

/// The text of a number as written, when it reads back as the same value.
fn num(src: &str, n: &Spanned<Num>) -> String {
    let s = n.span;
    match src.get(s.start as usize..s.end as usize) {
        Some(t) if t.trim().parse::<Num>().ok() == Some(n.node) => t.trim().to_string(),
        _ => n.node.to_string(),
    }
}

fn string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn names(v: &[Name]) -> String {
    v.iter()
        .map(|n| n.node.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

fn set(v: &[Name]) -> String {
    format!(
        "{{{}}}",
        v.iter()
            .map(|n| n.node.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Offset of `ch` after `pos`, skipping white space and comments (the parser accepted the file,
/// so nothing else can come between).
pub fn find_after(src: &str, pos: usize, ch: char) -> usize {
    let b = src.as_bytes();
    let mut i = pos.min(b.len());
    while i < b.len() {
        let c = b[i];
        if c == ch as u8 {
            return i;
        }
        if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    pos
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

fn width(v: impl Iterator<Item = String>) -> usize {
    v.map(|s| s.chars().count()).max().unwrap_or(0)
}

impl<'a> Printer<'a> {
    pub fn new(src: &'a str) -> Self {
        Printer {
            src,
            units: Vec::new(),
            next_block: 1,
            block: 0,
            depth: 0,
        }
    }

    fn unit(&mut self, start: usize, end: usize, line: String) {
        self.units.push(Unit {
            start,
            end,
            lines: vec![line],
            depth: self.depth,
            opens: false,
            closes: false,
            block: self.block,
            verbatim: false,
        });
    }

    fn multi(&mut self, start: usize, end: usize, lines: Vec<String>) {
        self.unit(start, end, String::new());
        if let Some(u) = self.units.last_mut() {
            u.lines = lines;
        }
    }

    /// A line ending in `{`: the following units are one level deeper. Returns the outer block.
    fn open(&mut self, start: usize, brace: usize, line: String) -> usize {
        self.unit(start, brace + 1, format!("{line} {{"));
        if let Some(u) = self.units.last_mut() {
            u.opens = true;
        }
        self.depth += 1;
        let outer = self.block;
        self.block = self.next_block;
        self.next_block += 1;
        outer
    }

    fn close(&mut self, brace: usize, outer: usize) {
        self.depth -= 1;
        self.block = outer;
        self.unit(brace, brace + 1, "}".to_string());
        if let Some(u) = self.units.last_mut() {
            u.closes = true;
        }
    }

    /// The position of the `}` that closes a block whose last child ends at `last`.
    fn closing(&self, last: usize) -> usize {
        find_after(self.src, last, '}')
    }

    /// Prints one item. `let_pad` aligns the `=` of adjacent `let`s.
    pub fn item(&mut self, item: &Item, let_pad: usize) {
        let start = item.span().start as usize;
        match item {
            Item::Survey(s) => self.survey(s, start),
            Item::Levels(l) => self.levels(l, start),
            Item::Defaults(d) => {
                let brace = find_after(self.src, start + "defaults".len(), '{');
                let outer = self.open(start, brace, "defaults".to_string());
                let last = self.handlers(&d.handlers, false, brace + 1);
                let close = self.closing(last);
                self.close(close, outer);
            }
            Item::Section(s) => self.section(s, start),
            Item::Index(x) => self.index(x, start),
            Item::Let(l) => {
                let head = format!("let {} = ", pad(&l.name.node, let_pad));
                let lines = self.expr_lines(&head, &l.value);
                self.multi(start, l.span.end as usize, lines);
            }
            Item::Rule(r) => self.rule(r),
            Item::Grouping(g) => self.grouping(g, start),
            Item::Constraint(c) => self.constraint(c, start),
            Item::Uncertain(u) => self.uncertain(u, start),
        }
    }

    /// `constraint name "message" en "message" { when ... require ... }`.
    fn constraint(&mut self, c: &ConstraintDef, start: usize) {
        let after = c.en.as_ref().unwrap_or(&c.message).span.end as usize;
        let brace = find_after(self.src, after, '{');
        let mut head = format!("constraint {} {}", c.name.node, string(&c.message.node));
        if let Some(en) = &c.en {
            head = format!("{head} en {}", string(&en.node));
        }
        let outer = self.open(start, brace, head);
        let mut last = brace + 1;
        let clauses = c.when.iter().map(|e| ("when", e));
        for (word, e) in clauses.chain(c.requires.iter().map(|e| ("require", e))) {
            let kw = self.keyword_before(e.span.start as usize, word);
            let lines = self.expr_lines(&format!("{word} "), e);
            self.multi(kw, e.span.end as usize, lines);
            last = e.span.end as usize;
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// `survey "name" { settings }`.
    fn survey(&mut self, s: &Survey, start: usize) {
        let src = self.src;
        let brace = find_after(src, s.name.span.end as usize, '{');
        let outer = self.open(start, brace, format!("survey {}", string(&s.name.node)));
        let mut last = brace + 1;
        for setting in &s.settings {
            let (a, b, text) = match setting {
                SurveySetting::Year(n) => (n.span, n.span, format!("year {}", num(src, n))),
                SurveySetting::Schema(p) => (p.span, p.span, format!("schema {}", string(&p.node))),
                SurveySetting::Sources(v) => {
                    let first = v.first().map(|n| n.span);
                    let lastn = v.last().map(|n| n.span);
                    let text = format!(
                        "sources {}",
                        v.iter()
                            .map(|n| n.node.as_str())
                            .collect::<Vec<_>>()
                            .join(" > ")
                    );
                    match (first, lastn) {
                        (Some(a), Some(b)) => (a, b, text),
                        _ => continue,
                    }
                }
                SurveySetting::Display(n) => (n.span, n.span, format!("display {}", num(src, n))),
                SurveySetting::Compare(c) => match &c.node {
                    None => (c.span, c.span, "compare exact".to_string()),
                    Some(d) => (c.span, c.span, format!("compare rounded {}", num(src, d))),
                },
                SurveySetting::Rounding(r) => (r.span, r.span, format!("rounding {}", r.node)),
            };
            self.unit(a.start as usize, b.end as usize, text);
            last = b.end as usize;
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// `levels { number "name" en "name" }`, numbers and names aligned.
    fn levels(&mut self, l: &Levels, start: usize) {
        let src = self.src;
        let brace = find_after(src, start + "levels".len(), '{');
        let outer = self.open(start, brace, "levels".to_string());
        let nw = width(l.levels.iter().map(|d| num(src, &d.number)));
        let sw = width(
            l.levels
                .iter()
                .filter(|d| d.en.is_some())
                .map(|d| string(&d.name.node)),
        );
        let mut last = brace + 1;
        for d in &l.levels {
            let mut line = format!("{} {}", pad(&num(src, &d.number), nw), string(&d.name.node));
            if let Some(en) = &d.en {
                line = format!(
                    "{} {} en {}",
                    pad(&num(src, &d.number), nw),
                    pad(&string(&d.name.node), sw),
                    string(&en.node)
                );
            }
            self.unit(d.span.start as usize, d.span.end as usize, line);
            last = d.span.end as usize;
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// `section name { settings }`.
    fn section(&mut self, s: &SectionDef, start: usize) {
        let src = self.src;
        let brace = find_after(src, s.name.span.end as usize, '{');
        let outer = self.open(start, brace, format!("section {}", s.name.node));
        let mut last = brace + 1;
        for setting in &s.settings {
            match setting {
                SectionSetting::Max(n) => last = self.pin(n),
                SectionSetting::Thresholds(t) => {
                    let line = self.thresholds(t);
                    self.unit(t.span.start as usize, t.span.end as usize, line);
                    last = t.span.end as usize;
                }
                SectionSetting::ZeroApart(sp) => {
                    self.unit(sp.start as usize, sp.end as usize, "zero apart".into());
                    last = sp.end as usize;
                }
                SectionSetting::ApplicableIf(e) => {
                    let kw = self.keyword_before(e.span.start as usize, "applicable");
                    let lines = self.expr_lines("applicable if ", e);
                    self.multi(kw, e.span.end as usize, lines);
                    last = e.span.end as usize;
                }
            }
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// `index "title" { weights, min_sections, thresholds }`.
    fn index(&mut self, x: &IndexDef, start: usize) {
        let src = self.src;
        let after = x
            .title
            .as_ref()
            .map_or(start + "index".len(), |t| t.span.end as usize);
        let brace = find_after(src, after, '{');
        let head = match &x.title {
            Some(t) => format!("index {}", string(&t.node)),
            None => "index".to_string(),
        };
        let outer = self.open(start, brace, head);
        let mut last = brace + 1;
        for setting in &x.settings {
            match setting {
                IndexSetting::Weights(ws, sp) => {
                    let b = find_after(src, sp.start as usize + "weights".len(), '{');
                    let inner = self.open(sp.start as usize, b, "weights".to_string());
                    let c = self.named_numbers(ws, " ", b + 1);
                    self.close(c, inner);
                    last = c + 1;
                }
                IndexSetting::WeightsProportional(sp) => {
                    self.unit(
                        sp.start as usize,
                        sp.end as usize,
                        "weights proportional".into(),
                    );
                    last = sp.end as usize;
                }
                IndexSetting::MinSections(n) => {
                    let kw = self.keyword_before(n.span.start as usize, "min_sections");
                    self.unit(
                        kw,
                        n.span.end as usize,
                        format!("min_sections {}", num(src, n)),
                    );
                    last = n.span.end as usize;
                }
                IndexSetting::Thresholds(t) => {
                    let line = self.thresholds(t);
                    self.unit(t.span.start as usize, t.span.end as usize, line);
                    last = t.span.end as usize;
                }
            }
        }
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// `group name "title" by|quartiles|bands ...`.
    fn grouping(&mut self, g: &GroupingDef, start: usize) {
        let src = self.src;
        let mut head = format!("group {}", g.name.node);
        if let Some(t) = &g.title {
            head = format!("{head} {}", string(&t.node));
        }
        match &g.kind {
            GroupingKind::By(n) => {
                self.unit(start, g.span.end as usize, format!("{head} by {}", n.node))
            }
            GroupingKind::Quartiles(n) => self.unit(
                start,
                g.span.end as usize,
                format!("{head} quartiles {}", n.node),
            ),
            GroupingKind::Bands { value, bands, .. } => {
                let brace = find_after(src, value.span.end as usize, '{');
                let outer = self.open(start, brace, format!("{head} bands {}", value.node));
                let w = width(bands.iter().map(|b| string(&b.label.node)));
                let mut last = brace + 1;
                for b in bands {
                    let rest = match &b.upper {
                        None => "else".to_string(),
                        Some(u) => format!(
                            "{} {}",
                            if u.inclusive { "<=" } else { "<" },
                            num(src, &u.value)
                        ),
                    };
                    self.unit(
                        b.span.start as usize,
                        b.span.end as usize,
                        format!("{} {rest}", pad(&string(&b.label.node), w)),
                    );
                    last = b.span.end as usize;
                }
                let close = self.closing(last);
                self.close(close, outer);
            }
        }
    }

    /// The start of `kw` written before `pos` (for settings whose span starts after the keyword).
    fn keyword_before(&self, pos: usize, kw: &str) -> usize {
        self.src.get(..pos).and_then(|s| s.rfind(kw)).unwrap_or(pos)
    }

    /// `max 50` (a section's or a rule's pinned maximum). Returns where it ends.
    fn pin(&mut self, n: &Spanned<Num>) -> usize {
        let kw = self.keyword_before(n.span.start as usize, "max");
        let line = format!("max {}", num(self.src, n));
        self.unit(kw, n.span.end as usize, line);
        n.span.end as usize
    }

    fn thresholds(&self, t: &Thresholds) -> String {
        let kind = match t.kind.node {
            ThresholdKind::Upper => "upper",
            ThresholdKind::Lower => "lower",
        };
        let b: Vec<String> = t.bounds.iter().map(|n| num(self.src, n)).collect();
        format!("thresholds {kind} {}", b.join(", "))
    }

    /// `when state => outcome` (rule) or `state => outcome` (defaults), aligned. Returns the end.
    fn handlers(&mut self, hs: &[Handler], when: bool, mut last: usize) -> usize {
        let w = if when {
            0
        } else {
            width(hs.iter().map(|h| h.state.node.clone()))
        };
        for h in hs {
            let out = match &h.outcome.node {
                Outcome::Exclude => "exclude".to_string(),
                Outcome::Points(_) => {
                    let s = h.outcome.span;
                    match self.src.get(s.start as usize..s.end as usize) {
                        Some(t) if t.trim().parse::<Num>().is_ok() => t.trim().to_string(),
                        _ => match h.outcome.node {
                            Outcome::Points(n) => n.to_string(),
                            Outcome::Exclude => "exclude".into(),
                        },
                    }
                }
            };
            let line = if when {
                format!("when {} => {out}", h.state.node)
            } else {
                format!("{} => {out}", pad(&h.state.node, w))
            };
            self.unit(h.span.start as usize, h.span.end as usize, line);
            last = h.span.end as usize;
        }
        last
    }

    fn range(&self, r: &Range) -> String {
        let src = self.src;
        match (&r.low, &r.high) {
            (Some(a), Some(b)) if a.inclusive && b.inclusive && a.value.node == b.value.node => {
                format!("= {}", num(src, &a.value))
            }
            (Some(a), Some(b)) => format!(
                "{}{}, {}{}",
                if a.inclusive { "[" } else { "(" },
                num(src, &a.value),
                num(src, &b.value),
                if b.inclusive { "]" } else { ")" }
            ),
            (Some(a), None) => format!(
                "{} {}",
                if a.inclusive { ">=" } else { ">" },
                num(src, &a.value)
            ),
            (None, Some(b)) => format!(
                "{} {}",
                if b.inclusive { "<=" } else { "<" },
                num(src, &b.value)
            ),
            // not produced by the parser
            (None, None) => ">= 0".to_string(),
        }
    }

    fn pattern(&self, p: &Pattern) -> String {
        match p {
            Pattern::Options(v, _) => names(v),
            Pattern::Range(r) => self.range(r),
            Pattern::Else(_) => "else".to_string(),
        }
    }

    fn cell(&self, c: &Cell) -> String {
        match c {
            Cell::Any(_) => "-".to_string(),
            Cell::Missing(_) => "missing".to_string(),
            Cell::Options(v, _) => names(v),
            Cell::NotOptions(v, _) if v.len() == 1 => format!("not {}", v[0].node),
            Cell::NotOptions(v, _) => format!("not ({})", names(v)),
            Cell::Range(r) => self.range(r),
        }
    }

    fn rule(&mut self, r: &RuleDef) {
        let src = self.src;
        let start = r.span.start as usize;
        let mut head = format!("rule {}", r.name.node);
        if let Some(t) = &r.title {
            head = format!("{head} {}", string(&t.node));
        }
        if let Some(t) = &r.title_en {
            head = format!("{head} en {}", string(&t.node));
        }
        head = format!("{head} in {}", r.section.node);
        let brace = find_after(src, r.section.span.end as usize, '{');
        let outer = self.open(start, brace, head);
        if let Some(n) = &r.max {
            self.pin(n);
        }
        let mut last = self.scoring(&r.scoring);
        last = self.handlers(&r.handlers, true, last);
        let close = self.closing(last);
        self.close(close, outer);
    }

    /// The scoring block of a rule. Returns where it ends.
    fn scoring(&mut self, s: &Scoring) -> usize {
        match s {
            Scoring::Match { value, arms, span } => self.match_arms(value, arms, *span),
            Scoring::Sum {
                question,
                arms,
                cap,
                floor,
                span,
            } => self.sum(question, arms, (cap, floor), *span),
            Scoring::Points { value, span } => {
                let lines = self.expr_lines("points ", value);
                self.multi(span.start as usize, value.span.end as usize, lines);
                value.span.end as usize
            }
            Scoring::Table(t) => self.table(t),
        }
    }

    /// `match value { pattern => points }`, the patterns aligned. Returns where it ends.
    fn match_arms(&mut self, value: &Expr, arms: &[MatchArm], span: Span) -> usize {
        let src = self.src;
        let b = find_after(src, value.span.end as usize, '{');
        let lines = self.expr_lines("match ", value);
        let line = lines.join("\n");
        let inner = self.open(span.start as usize, b, line);
        self.split_last_multiline();
        let pats: Vec<String> = arms.iter().map(|a| self.pattern(&a.pattern)).collect();
        let w = width(pats.iter().cloned());
        let mut l = b + 1;
        for (a, p) in arms.iter().zip(&pats) {
            self.unit(
                a.span.start as usize,
                a.span.end as usize,
                format!("{} => {}", pad(p, w), num(src, &a.points)),
            );
            l = a.span.end as usize;
        }
        let c = self.closing(l);
        self.close(c, inner);
        c + 1
    }

    /// One line per `name<sep>number` (index weights, `sum` arms), the names padded to one width;
    /// `from` is just after the opening brace. Returns where the closing brace is.
    fn named_numbers(&mut self, pairs: &[(Name, Spanned<Num>)], sep: &str, from: usize) -> usize {
        let src = self.src;
        let w = width(pairs.iter().map(|(n, _)| n.node.clone()));
        let mut l = from;
        for (n, v) in pairs {
            self.unit(
                n.span.start as usize,
                v.span.end as usize,
                format!("{}{sep}{}", pad(&n.node, w), num(src, v)),
            );
            l = v.span.end as usize;
        }
        self.closing(l)
    }

    /// `sum question { option => points }` and its `cap`/`floor`. Returns where it ends.
    fn sum(
        &mut self,
        question: &Name,
        arms: &[(Name, Spanned<Num>)],
        (cap, floor): (&Option<Spanned<Num>>, &Option<Spanned<Num>>),
        span: Span,
    ) -> usize {
        let src = self.src;
        let b = find_after(src, question.span.end as usize, '{');
        let inner = self.open(span.start as usize, b, format!("sum {}", question.node));
        let c = self.named_numbers(arms, " => ", b + 1);
        self.close(c, inner);
        let mut limits: Vec<(usize, usize, String)> = Vec::new();
        if let Some(x) = cap {
            let kw = self.keyword_before(x.span.start as usize, "cap");
            limits.push((kw, x.span.end as usize, format!("cap {}", num(src, x))));
        }
        if let Some(x) = floor {
            let kw = self.keyword_before(x.span.start as usize, "floor");
            limits.push((kw, x.span.end as usize, format!("floor {}", num(src, x))));
        }
        limits.sort_by_key(|l| l.0);
        let mut end = c + 1;
        for (a, b, t) in limits {
            self.unit(a, b, t);
            end = b;
        }
        end
    }

    /// `table policy (inputs) { cells => points }`, the columns aligned. Returns where it ends.
    fn table(&mut self, t: &Table) -> usize {
        let src = self.src;
        let policy = match t.policy.node {
            HitPolicy::First => "first",
            HitPolicy::Unique => "unique",
            HitPolicy::Max => "max",
            HitPolicy::Min => "min",
            HitPolicy::Sum => "sum",
        };
        let inputs: Vec<String> = t
            .inputs
            .iter()
            .map(|e| {
                let mut s = String::new();
                flat(&expr_doc(self.src, e, 0), &mut s);
                s
            })
            .collect();
        let after = t
            .inputs
            .last()
            .map_or(t.policy.span.end as usize, |e| e.span.end as usize);
        let paren = find_after(src, after, ')');
        let b = find_after(src, paren + 1, '{');
        let inner = self.open(
            t.span.start as usize,
            b,
            format!("table {policy} ({})", inputs.join(", ")),
        );
        let cells: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| self.cell(c)).collect())
            .collect();
        let ncol = cells.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..ncol)
            .map(|i| {
                let last = i + 1 == ncol;
                width(cells.iter().filter_map(|r| r.get(i)).map(|c| {
                    if last {
                        c.clone()
                    } else {
                        format!("{c},")
                    }
                }))
            })
            .collect();
        let mut l = b + 1;
        for (row, cs) in t.rows.iter().zip(&cells) {
            let mut line = String::new();
            for (i, c) in cs.iter().enumerate() {
                let last = i + 1 == cs.len();
                let cell = if last { c.clone() } else { format!("{c},") };
                line.push_str(&pad(&cell, widths[i]));
                line.push(' ');
            }
            line.push_str(&format!("=> {}", num(src, &row.points)));
            self.unit(row.span.start as usize, row.span.end as usize, line);
            l = row.span.end as usize;
        }
        let c = self.closing(l);
        self.close(c, inner);
        c + 1
    }

    /// A `match` header whose expression broke over lines: keep the lines in one unit.
    fn split_last_multiline(&mut self) {
        if let Some(u) = self.units.last_mut() {
            if u.lines.len() == 1 && u.lines[0].contains('\n') {
                u.lines = u.lines[0].split('\n').map(str::to_string).collect();
            }
        }
    }

    /// `head` followed by the expression, broken over lines if it does not fit.
    fn expr_lines(&self, head: &str, e: &Expr) -> Vec<String> {
        let start = self.depth * INDENT + head.chars().count();
        let d = expr_doc(self.src, e, 0);
        let mut lines = doc::render(&d, start, WIDTH);
        if let Some(first) = lines.first_mut() {
            *first = format!("{head}{first}");
        }
        // continuation lines are aligned from column 0 of the indented block
        for l in lines.iter_mut().skip(1) {
            let trimmed = l.trim_start();
            let lead = l.len() - trimmed.len();
            *l = format!(
                "{}{trimmed}",
                " ".repeat(lead.saturating_sub(self.depth * INDENT))
            );
        }
        lines
    }
}

fn flat(d: &Doc, out: &mut String) {
    match d {
        Doc::Text(s) => out.push_str(s),
        Doc::Line => out.push(' '),
        Doc::Concat(v) | Doc::Group(v) => v.iter().for_each(|x| flat(x, out)),
    }
}

/// Binding strength of an expression, as the parser sees it (higher binds tighter).
fn prec(e: &Expr) -> u8 {
    match &*e.kind {
        ExprKind::Binary(op, ..) => match op {
            BinOp::Or => 1,
            BinOp::And => 3,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 7,
            BinOp::Add | BinOp::Sub => 9,
            BinOp::Mul | BinOp::Div => 11,
        },
        ExprKind::Not(_) => 5,
        ExprKind::In { .. } | ExprKind::Has { .. } | ExprKind::HasSet { .. } => 7,
        ExprKind::Neg(_) => 13,
        ExprKind::If(..) => 0,
        ExprKind::Number(_) | ExprKind::Name(_) | ExprKind::MissingLit | ExprKind::Call { .. } => {
            15
        }
    }
}

/// The expression as a document; parenthesised when its strength is below `min`.
pub fn expr_doc(src: &str, e: &Expr, min: u8) -> Doc {
    let d = expr_inner(src, e);
    if prec(e) < min {
        Doc::Concat(vec![Doc::text("("), Doc::Group(vec![d]), Doc::text(")")])
    } else {
        d
    }
}

fn expr_inner(src: &str, e: &Expr) -> Doc {
    match &*e.kind {
        ExprKind::Number(n) => {
            let t = src
                .get(e.span.start as usize..e.span.end as usize)
                .map(|t| t.trim_matches(|c: char| c == '(' || c == ')' || c.is_whitespace()))
                .filter(|t| t.parse::<Num>().ok() == Some(*n))
                .map_or_else(|| n.to_string(), str::to_string);
            Doc::Text(t)
        }
        ExprKind::Name(n) => Doc::text(n.clone()),
        ExprKind::MissingLit => Doc::text("missing"),
        ExprKind::Neg(x) => Doc::Concat(vec![Doc::text("-"), expr_doc(src, x, 13)]),
        ExprKind::Not(x) => Doc::Concat(vec![Doc::text("not "), expr_doc(src, x, 5)]),
        ExprKind::Binary(op, ..) => binary(src, e, *op),
        ExprKind::In {
            value,
            options,
            negated,
        } => Doc::Concat(vec![
            expr_doc(src, value, 8),
            Doc::text(format!(
                " {}in {}",
                if *negated { "not " } else { "" },
                set(options)
            )),
        ]),
        ExprKind::Has { value, option } => Doc::Concat(vec![
            expr_doc(src, value, 8),
            Doc::text(format!(" has {}", option.node)),
        ]),
        ExprKind::HasSet {
            value,
            all,
            options,
        } => Doc::Concat(vec![
            expr_doc(src, value, 8),
            Doc::text(format!(
                " has {} {}",
                if *all { "all" } else { "any" },
                set(options)
            )),
        ]),
        ExprKind::If(..) => if_chain(src, e),
        ExprKind::Call { func, args, named } => call(src, func, args, named),
    }
}

/// A binary operation: a comparison as one group, else the left-leaning chain of operators of
/// the same strength as one group that breaks before each operator.
fn binary(src: &str, e: &Expr, op: BinOp) -> Doc {
    let p = prec(e);
    if p == 7 {
        if let ExprKind::Binary(_, _, l, r) = &*e.kind {
            return Doc::Group(vec![
                expr_doc(src, l, 8),
                Doc::text(format!(" {} ", op.symbol())),
                expr_doc(src, r, 8),
            ]);
        }
    }
    // a left-leaning chain of operators of the same strength: `a + b - c`
    let mut parts: Vec<(Option<BinOp>, &Expr)> = Vec::new();
    let mut cur = e;
    while let ExprKind::Binary(o, _, l, r) = &*cur.kind {
        if prec(cur) != p {
            break;
        }
        parts.push((Some(*o), r));
        cur = l;
    }
    parts.push((None, cur));
    parts.reverse();
    let mut v = Vec::new();
    for (i, (_, x)) in parts.iter().enumerate() {
        if i == 0 {
            v.push(expr_doc(src, x, p));
        } else {
            v.push(Doc::Line);
            v.push(Doc::text(format!("{} ", op_at(e, i).symbol())));
            v.push(expr_doc(src, x, p + 1));
        }
    }
    Doc::Group(v)
}

/// `if c then a else if d then b else x`, breaking before each `else`.
fn if_chain(src: &str, e: &Expr) -> Doc {
    let mut v = Vec::new();
    let mut cur = e;
    let mut first = true;
    loop {
        match &*cur.kind {
            ExprKind::If(c, t, f) => {
                if !first {
                    v.push(Doc::Line);
                    v.push(Doc::text("else "));
                }
                v.push(Doc::text("if "));
                v.push(expr_doc(src, c, 0));
                v.push(Doc::text(" then "));
                v.push(expr_doc(src, t, 0));
                first = false;
                cur = f;
            }
            _ => {
                v.push(Doc::Line);
                v.push(Doc::text("else "));
                v.push(expr_doc(src, cur, 0));
                break;
            }
        }
    }
    Doc::Group(v)
}

/// `func(arg, name: arg)`.
fn call(src: &str, func: &Name, args: &[Expr], named: &[(Name, Expr)]) -> Doc {
    let mut v = vec![Doc::text(format!("{}(", func.node))];
    let mut first = true;
    for a in args {
        if !first {
            v.push(Doc::text(", "));
        }
        v.push(expr_doc(src, a, 0));
        first = false;
    }
    for (n, a) in named {
        if !first {
            v.push(Doc::text(", "));
        }
        v.push(Doc::text(format!("{}: ", n.node)));
        v.push(expr_doc(src, a, 0));
        first = false;
    }
    v.push(Doc::text(")"));
    Doc::Concat(v)
}

/// The operator before the `i`-th operand (1-based) of the left-leaning chain rooted at `e`.
fn op_at(e: &Expr, i: usize) -> BinOp {
    // walk down the left spine: the root's operator is the last one
    let mut ops = Vec::new();
    let mut cur = e;
    let p = prec(e);
    while let ExprKind::Binary(o, _, l, _) = &*cur.kind {
        if prec(cur) != p {
            break;
        }
        ops.push(*o);
        cur = l;
    }
    ops.reverse();
    ops.get(i - 1).copied().unwrap_or(BinOp::Add)
}
