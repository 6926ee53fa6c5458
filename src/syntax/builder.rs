//! Pest pairs → AST: one function per grammar rule.
//!
//! The grammar fixes the shape of every pair, but the builder does not rely on it blindly: a
//! [`Cursor`] over a pair's children returns [`SyntaxError::Internal`] on an unexpected shape.

use super::ast::*;
use super::error::{Origin, SyntaxError, MAX_HEIGHT, MAX_NESTING};
use super::grammar::Rule;
use crate::num::Num;
use crate::source::{Span, Spanned};
use pest::iterators::{Pair, Pairs};
use std::iter::Peekable;

mod uncertain;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Builds AST nodes from the pairs of one parsed chunk.
pub(super) struct Builder<'a> {
    at: Origin<'a>,
}

/// The children of one pair, consumed in order.
struct Cursor<'i> {
    rule: Rule,
    span: Span,
    inner: Peekable<Pairs<'i, Rule>>,
}

impl<'i> Cursor<'i> {
    /// The next child, whatever its rule.
    fn next(&mut self) -> Result<Pair<'i, Rule>> {
        self.inner.next().ok_or_else(|| SyntaxError::Internal {
            message: format!("`{:?}` has fewer children than expected", self.rule),
            span: self.span,
        })
    }

    /// The next child, which must be a `want`.
    fn expect(&mut self, want: Rule) -> Result<Pair<'i, Rule>> {
        let pair = self.next()?;
        if pair.as_rule() == want {
            Ok(pair)
        } else {
            Err(self.unexpected(&pair))
        }
    }

    /// The next child if it is a `want`.
    fn optional(&mut self, want: Rule) -> Option<Pair<'i, Rule>> {
        self.inner.next_if(|p| p.as_rule() == want)
    }

    /// Fails if any child is left.
    fn finish(mut self) -> Result<()> {
        match self.inner.next() {
            Some(extra) => Err(self.unexpected(&extra)),
            None => Ok(()),
        }
    }

    fn unexpected(&self, pair: &Pair<'_, Rule>) -> SyntaxError {
        SyntaxError::Internal {
            message: format!("unexpected `{:?}` in `{:?}`", pair.as_rule(), self.rule),
            span: self.span,
        }
    }
}

/// An expression and the height of its tree.
struct Built {
    expr: Expr,
    height: usize,
}

impl<'a> Builder<'a> {
    /// A builder for a chunk parsed at `at`.
    pub fn new(at: Origin<'a>) -> Self {
        Builder { at }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        self.at.span(s.start(), s.end())
    }

    fn cursor<'i>(&self, pair: Pair<'i, Rule>) -> Cursor<'i> {
        Cursor {
            rule: pair.as_rule(),
            span: self.span(&pair),
            inner: pair.into_inner().peekable(),
        }
    }

    fn internal(&self, pair: &Pair<'_, Rule>, what: &str) -> SyntaxError {
        SyntaxError::Internal {
            message: format!(
                "unexpected `{:?}` where {what} was expected",
                pair.as_rule()
            ),
            span: self.span(pair),
        }
    }

    // ------------------------------------------------------------ entry points

    /// Builds the items of a `file` parse; an item that fails to build gives an error instead.
    pub fn file(
        &self,
        pairs: Pairs<'_, Rule>,
        items: &mut Vec<Item>,
        errors: &mut Vec<SyntaxError>,
    ) {
        for top in pairs {
            for pair in top.into_inner() {
                if pair.as_rule() == Rule::EOI {
                    continue;
                }
                match self.item(pair) {
                    Ok(item) => items.push(item),
                    Err(e) => errors.push(e),
                }
            }
        }
    }

    /// Builds the expression of an `expr_only` parse.
    pub fn expr_only(&self, mut pairs: Pairs<'_, Rule>) -> Result<Expr> {
        let top = pairs.next().ok_or_else(|| SyntaxError::Internal {
            message: "empty parse".to_string(),
            span: self.at.span(0, 0),
        })?;
        let mut c = self.cursor(top);
        let expr = self.expr(c.expect(Rule::expr)?, 0)?;
        c.expect(Rule::EOI)?;
        c.finish()?;
        Ok(expr)
    }

    fn item(&self, pair: Pair<'_, Rule>) -> Result<Item> {
        Ok(match pair.as_rule() {
            Rule::survey => Item::Survey(self.survey(pair)?),
            Rule::levels => Item::Levels(self.levels(pair)?),
            Rule::defaults => Item::Defaults(self.defaults(pair)?),
            Rule::section => Item::Section(self.section(pair)?),
            Rule::index => Item::Index(self.index(pair)?),
            Rule::let_def => Item::Let(self.let_def(pair)?),
            Rule::rule_def => Item::Rule(self.rule_def(pair)?),
            Rule::group_def => Item::Grouping(self.group_def(pair)?),
            Rule::constraint_def => Item::Constraint(self.constraint_def(pair)?),
            Rule::uncertain => Item::Uncertain(self.uncertain(pair)?),
            _ => return Err(self.internal(&pair, "an item")),
        })
    }

    // ------------------------------------------------------------ tokens

    fn name(&self, pair: Pair<'_, Rule>) -> Result<Name> {
        if pair.as_rule() != Rule::ident {
            return Err(self.internal(&pair, "a name"));
        }
        Ok(Spanned::new(pair.as_str().to_string(), self.span(&pair)))
    }

    fn number(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Num>> {
        if !matches!(pair.as_rule(), Rule::signed_number | Rule::number) {
            return Err(self.internal(&pair, "a number"));
        }
        let span = self.span(&pair);
        let text = pair.as_str();
        match text.parse::<Num>() {
            Ok(n) => Ok(Spanned::new(n, span)),
            Err(_) => Err(SyntaxError::NumberTooLarge {
                text: shorten(text),
                span,
            }),
        }
    }

    fn string(&self, pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let raw = c.expect(Rule::string_raw)?;
        c.finish()?;
        Ok(Spanned::new(unescape(raw.as_str()), span))
    }

    fn names(&self, c: Cursor<'_>) -> Result<Vec<Name>> {
        c.inner.map(|p| self.name(p)).collect()
    }

    // ------------------------------------------------------------ survey, levels, defaults

    fn survey(&self, pair: Pair<'_, Rule>) -> Result<Survey> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.string(c.expect(Rule::string)?)?;
        let settings = c
            .inner
            .map(|p| self.survey_setting(p))
            .collect::<Result<_>>()?;
        Ok(Survey {
            name,
            settings,
            span,
        })
    }

    fn survey_setting(&self, pair: Pair<'_, Rule>) -> Result<SurveySetting> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = self.cursor(pair);
        let setting = match rule {
            Rule::year => SurveySetting::Year(self.number(c.next()?)?),
            Rule::schema => SurveySetting::Schema(self.string(c.expect(Rule::string)?)?),
            Rule::sources => return Ok(SurveySetting::Sources(self.names(c)?)),
            Rule::display => SurveySetting::Display(self.number(c.next()?)?),
            Rule::compare => match c.optional(Rule::compare_exact) {
                Some(_) => SurveySetting::Compare(Spanned::new(None, span)),
                None => SurveySetting::Compare(Spanned::new(Some(self.number(c.next()?)?), span)),
            },
            Rule::rounding => SurveySetting::Rounding(self.name(c.next()?)?),
            _ => return Err(c.unexpected_self()),
        };
        c.finish()?;
        Ok(setting)
    }

    fn levels(&self, pair: Pair<'_, Rule>) -> Result<Levels> {
        let span = self.span(&pair);
        let c = self.cursor(pair);
        let levels = c.inner.map(|p| self.level_def(p)).collect::<Result<_>>()?;
        Ok(Levels { levels, span })
    }

    fn level_def(&self, pair: Pair<'_, Rule>) -> Result<LevelDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let number = self.number(c.expect(Rule::signed_number)?)?;
        let name = self.string(c.expect(Rule::string)?)?;
        let en = self.optional_string(&mut c)?;
        c.finish()?;
        Ok(LevelDef {
            number,
            name,
            en,
            span,
        })
    }

    fn defaults(&self, pair: Pair<'_, Rule>) -> Result<Defaults> {
        let span = self.span(&pair);
        let c = self.cursor(pair);
        let handlers = c.inner.map(|p| self.handler(p)).collect::<Result<_>>()?;
        Ok(Defaults { handlers, span })
    }

    /// `state => outcome` (`handler`) or `when state => outcome` (`when_handler`).
    fn handler(&self, pair: Pair<'_, Rule>) -> Result<Handler> {
        if !matches!(pair.as_rule(), Rule::handler | Rule::when_handler) {
            return Err(self.internal(&pair, "a handler"));
        }
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let state = self.name(c.expect(Rule::ident)?)?;
        let outcome = self.outcome(c.next()?)?;
        c.finish()?;
        Ok(Handler {
            state,
            outcome,
            span,
        })
    }

    fn outcome(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Outcome>> {
        match pair.as_rule() {
            Rule::exclude => Ok(Spanned::new(Outcome::Exclude, self.span(&pair))),
            _ => {
                let n = self.number(pair)?;
                Ok(Spanned::new(Outcome::Points(n.node), n.span))
            }
        }
    }

    // ------------------------------------------------------------ sections and index

    fn section(&self, pair: Pair<'_, Rule>) -> Result<SectionDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let settings = c
            .inner
            .map(|p| self.section_setting(p))
            .collect::<Result<_>>()?;
        Ok(SectionDef {
            name,
            settings,
            span,
        })
    }

    fn section_setting(&self, pair: Pair<'_, Rule>) -> Result<SectionSetting> {
        match pair.as_rule() {
            Rule::pin => Ok(SectionSetting::Max(self.pin(pair)?)),
            Rule::thresholds => Ok(SectionSetting::Thresholds(self.thresholds(pair)?)),
            Rule::zero_apart => Ok(SectionSetting::ZeroApart(self.span(&pair))),
            Rule::applicable_if => {
                let mut c = self.cursor(pair);
                let value = self.expr(c.expect(Rule::expr)?, 0)?;
                c.finish()?;
                Ok(SectionSetting::ApplicableIf(value))
            }
            _ => Err(self.internal(&pair, "a section setting")),
        }
    }

    /// `max 50`
    fn pin(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Num>> {
        let mut c = self.cursor(pair);
        let n = self.number(c.expect(Rule::signed_number)?)?;
        c.finish()?;
        Ok(n)
    }

    fn thresholds(&self, pair: Pair<'_, Rule>) -> Result<Thresholds> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let kind_pair = c.expect(Rule::threshold_kind)?;
        let kind = match kind_pair.as_str() {
            "upper" => ThresholdKind::Upper,
            "lower" => ThresholdKind::Lower,
            _ => return Err(self.internal(&kind_pair, "`upper` or `lower`")),
        };
        let kind = Spanned::new(kind, self.span(&kind_pair));
        let bounds = c.inner.map(|p| self.number(p)).collect::<Result<_>>()?;
        Ok(Thresholds { kind, bounds, span })
    }

    fn index(&self, pair: Pair<'_, Rule>) -> Result<IndexDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let title = self.optional_string(&mut c)?;
        let settings = c
            .inner
            .map(|p| self.index_setting(p))
            .collect::<Result<_>>()?;
        Ok(IndexDef {
            title,
            settings,
            span,
        })
    }

    fn index_setting(&self, pair: Pair<'_, Rule>) -> Result<IndexSetting> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::weights => {
                let c = self.cursor(pair);
                let weights = c.inner.map(|p| self.weight(p)).collect::<Result<_>>()?;
                Ok(IndexSetting::Weights(weights, span))
            }
            Rule::weights_proportional => Ok(IndexSetting::WeightsProportional(span)),
            Rule::min_sections => {
                let mut c = self.cursor(pair);
                let n = self.number(c.next()?)?;
                c.finish()?;
                Ok(IndexSetting::MinSections(n))
            }
            Rule::thresholds => Ok(IndexSetting::Thresholds(self.thresholds(pair)?)),
            _ => Err(self.internal(&pair, "an index setting")),
        }
    }

    fn weight(&self, pair: Pair<'_, Rule>) -> Result<(Name, Spanned<Num>)> {
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let n = self.number(c.next()?)?;
        c.finish()?;
        Ok((name, n))
    }

    // ------------------------------------------------------------ let and rules

    fn let_def(&self, pair: Pair<'_, Rule>) -> Result<LetDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let value = self.expr(c.expect(Rule::expr)?, 0)?;
        c.finish()?;
        Ok(LetDef { name, value, span })
    }

    // ------------------------------------------------------------ constraints

    fn constraint_def(&self, pair: Pair<'_, Rule>) -> Result<ConstraintDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let message = self.string(c.expect(Rule::string)?)?;
        let en = self.optional_string(&mut c)?;
        let when = match c.optional(Rule::constraint_when) {
            Some(p) => {
                let mut w = self.cursor(p);
                let e = self.expr(w.expect(Rule::expr)?, 0)?;
                w.finish()?;
                Some(e)
            }
            None => None,
        };
        let mut requires = Vec::new();
        while let Some(p) = c.optional(Rule::require) {
            let mut r = self.cursor(p);
            requires.push(self.expr(r.expect(Rule::expr)?, 0)?);
            r.finish()?;
        }
        c.finish()?;
        Ok(ConstraintDef {
            name,
            message,
            en,
            when,
            requires,
            span,
        })
    }

    // ------------------------------------------------------------ groupings

    fn group_def(&self, pair: Pair<'_, Rule>) -> Result<GroupingDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let title = self.optional_string(&mut c)?;
        let kind_pair = c.next()?;
        let kind_span = self.span(&kind_pair);
        let kind_rule = kind_pair.as_rule();
        let mut k = self.cursor(kind_pair);
        let kind = match kind_rule {
            Rule::group_by => GroupingKind::By(self.name(k.expect(Rule::ident)?)?),
            Rule::group_quartiles => GroupingKind::Quartiles(self.name(k.expect(Rule::ident)?)?),
            Rule::group_bands => {
                let value = self.name(k.expect(Rule::ident)?)?;
                let mut bands = Vec::new();
                while let Some(b) = k.optional(Rule::band) {
                    bands.push(self.band(b)?);
                }
                GroupingKind::Bands {
                    value,
                    bands,
                    span: kind_span,
                }
            }
            _ => return Err(k.unexpected_self()),
        };
        k.finish()?;
        c.finish()?;
        Ok(GroupingDef {
            name,
            title,
            kind,
            span,
        })
    }

    fn band(&self, pair: Pair<'_, Rule>) -> Result<Band> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let label = self.string(c.expect(Rule::string)?)?;
        let upper = if c.optional(Rule::band_else).is_some() {
            None
        } else {
            let op = c.expect(Rule::band_op)?;
            let inclusive = op.as_str() == "<=";
            let op_span = self.span(&op);
            let value = self.number(c.expect(Rule::signed_number)?)?;
            Some(BandBound {
                value,
                inclusive,
                op: op_span,
            })
        };
        c.finish()?;
        Ok(Band { label, upper, span })
    }

    fn rule_def(&self, pair: Pair<'_, Rule>) -> Result<RuleDef> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let name = self.name(c.expect(Rule::ident)?)?;
        let title = self.optional_string(&mut c)?;
        let title_en = self.optional_string(&mut c)?;
        let section = self.name(c.expect(Rule::ident)?)?;
        let max = match c.optional(Rule::pin) {
            Some(p) => Some(self.pin(p)?),
            None => None,
        };
        let scoring = self.scoring(c.next()?)?;
        let handlers = c.inner.map(|p| self.handler(p)).collect::<Result<_>>()?;
        Ok(RuleDef {
            name,
            title,
            title_en,
            section,
            max,
            scoring,
            handlers,
            span,
        })
    }

    /// A string the grammar makes optional here (a title, an English text), if written.
    fn optional_string(&self, c: &mut Cursor<'_>) -> Result<Option<Spanned<String>>> {
        c.optional(Rule::string).map(|p| self.string(p)).transpose()
    }

    fn scoring(&self, pair: Pair<'_, Rule>) -> Result<Scoring> {
        match pair.as_rule() {
            Rule::match_scoring => self.match_scoring(pair),
            Rule::sum_scoring => self.sum_scoring(pair),
            Rule::points_scoring => {
                let span = self.span(&pair);
                let mut c = self.cursor(pair);
                let value = self.expr(c.expect(Rule::expr)?, 0)?;
                c.finish()?;
                Ok(Scoring::Points { value, span })
            }
            Rule::table => Ok(Scoring::Table(self.table(pair)?)),
            _ => Err(self.internal(&pair, "a scoring form")),
        }
    }

    fn match_scoring(&self, pair: Pair<'_, Rule>) -> Result<Scoring> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let value = self.expr(c.expect(Rule::expr)?, 0)?;
        let arms = c.inner.map(|p| self.match_arm(p)).collect::<Result<_>>()?;
        Ok(Scoring::Match { value, arms, span })
    }

    fn match_arm(&self, pair: Pair<'_, Rule>) -> Result<MatchArm> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let pattern = self.pattern(c.next()?)?;
        let points = self.number(c.expect(Rule::signed_number)?)?;
        c.finish()?;
        Ok(MatchArm {
            pattern,
            points,
            span,
        })
    }

    fn pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::else_pattern => Ok(Pattern::Else(span)),
            Rule::range => Ok(Pattern::Range(self.range(pair)?)),
            Rule::options => Ok(Pattern::Options(self.names(self.cursor(pair))?, span)),
            _ => Err(self.internal(&pair, "a pattern")),
        }
    }

    /// `< x` ... `= x`, or an interval `[a, b)`.
    fn range(&self, pair: Pair<'_, Rule>) -> Result<Range> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let first = c.next()?;
        let range = if first.as_rule() == Rule::range_op {
            let x = self.number(c.expect(Rule::signed_number)?)?;
            let bound = |inclusive| {
                Some(Bound {
                    value: x.clone(),
                    inclusive,
                })
            };
            let (low, high) = match first.as_str() {
                "<" => (None, bound(false)),
                "<=" => (None, bound(true)),
                ">" => (bound(false), None),
                ">=" => (bound(true), None),
                "=" => (bound(true), bound(true)),
                _ => return Err(self.internal(&first, "a comparison")),
            };
            Range { low, high, span }
        } else {
            let open = first.as_str() == "[";
            let a = self.number(c.expect(Rule::signed_number)?)?;
            let b = self.number(c.expect(Rule::signed_number)?)?;
            let close = c.expect(Rule::range_close)?.as_str() == "]";
            Range {
                low: Some(Bound {
                    value: a,
                    inclusive: open,
                }),
                high: Some(Bound {
                    value: b,
                    inclusive: close,
                }),
                span,
            }
        };
        c.finish()?;
        Ok(range)
    }

    fn sum_scoring(&self, pair: Pair<'_, Rule>) -> Result<Scoring> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let question = self.name(c.expect(Rule::ident)?)?;
        let (mut arms, mut cap, mut floor) = (Vec::new(), None, None);
        for p in c.inner {
            match p.as_rule() {
                Rule::sum_arm => {
                    let mut a = self.cursor(p);
                    let option = self.name(a.expect(Rule::ident)?)?;
                    arms.push((option, self.number(a.expect(Rule::signed_number)?)?));
                    a.finish()?;
                }
                Rule::cap => cap = Some(self.single_number(p)?),
                Rule::floor => floor = Some(self.single_number(p)?),
                _ => return Err(self.internal(&p, "an option, `cap` or `floor`")),
            }
        }
        Ok(Scoring::Sum {
            question,
            arms,
            cap,
            floor,
            span,
        })
    }

    /// The one number inside `cap`, `floor` and the like.
    fn single_number(&self, pair: Pair<'_, Rule>) -> Result<Spanned<Num>> {
        let mut c = self.cursor(pair);
        let n = self.number(c.expect(Rule::signed_number)?)?;
        c.finish()?;
        Ok(n)
    }

    fn table(&self, pair: Pair<'_, Rule>) -> Result<Table> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let policy_pair = c.expect(Rule::hit_policy)?;
        let policy = match policy_pair.as_str() {
            "first" => HitPolicy::First,
            "unique" => HitPolicy::Unique,
            "max" => HitPolicy::Max,
            "min" => HitPolicy::Min,
            "sum" => HitPolicy::Sum,
            _ => return Err(self.internal(&policy_pair, "a hit policy")),
        };
        let policy = Spanned::new(policy, self.span(&policy_pair));
        let mut inputs = Vec::new();
        while let Some(p) = c.optional(Rule::expr) {
            inputs.push(self.expr(p, 0)?);
        }
        let rows = c.inner.map(|p| self.table_row(p)).collect::<Result<_>>()?;
        Ok(Table {
            policy,
            inputs,
            rows,
            span,
        })
    }

    fn table_row(&self, pair: Pair<'_, Rule>) -> Result<TableRow> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let mut cells = Vec::new();
        loop {
            let p = c.next()?;
            if p.as_rule() == Rule::signed_number {
                let points = self.number(p)?;
                c.finish()?;
                return Ok(TableRow {
                    cells,
                    points,
                    span,
                });
            }
            cells.push(self.cell(p)?);
        }
    }

    fn cell(&self, pair: Pair<'_, Rule>) -> Result<Cell> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::any_cell => Ok(Cell::Any(span)),
            Rule::missing_cell => Ok(Cell::Missing(span)),
            Rule::range => Ok(Cell::Range(self.range(pair)?)),
            Rule::options => Ok(Cell::Options(self.names(self.cursor(pair))?, span)),
            Rule::not_cell => {
                let mut c = self.cursor(pair);
                let inner = c.next()?;
                let names = match inner.as_rule() {
                    Rule::options => self.names(self.cursor(inner))?,
                    _ => vec![self.name(inner)?],
                };
                c.finish()?;
                Ok(Cell::NotOptions(names, span))
            }
            _ => Err(self.internal(&pair, "a table cell")),
        }
    }

    // ------------------------------------------------------------ expressions

    /// An `expr` pair: a flat sequence of operands and operators, ordered by precedence here.
    fn expr(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
        Ok(self.expr_built(pair, depth)?.expr)
    }

    fn expr_built(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Built> {
        if pair.as_rule() != Rule::expr {
            return Err(self.internal(&pair, "an expression"));
        }
        self.check_depth(depth, self.span(&pair))?;
        let mut tokens = pair.into_inner().peekable();
        let built = self.pratt(&mut tokens, 0, depth)?;
        match tokens.next() {
            Some(extra) => Err(self.internal(&extra, "the end of the expression")),
            None => Ok(built),
        }
    }

    fn check_depth(&self, depth: usize, span: Span) -> Result<()> {
        if depth > MAX_NESTING {
            return Err(SyntaxError::TooDeep {
                limit: MAX_NESTING,
                span,
            });
        }
        Ok(())
    }

    /// Pratt parsing over the flat operand/operator pairs of an `expr`.
    fn pratt<'i>(
        &self,
        tokens: &mut Peekable<Pairs<'i, Rule>>,
        min_bp: u8,
        depth: usize,
    ) -> Result<Built> {
        let first = tokens.next().ok_or_else(|| SyntaxError::Internal {
            message: "an expression ended early".to_string(),
            span: self.at.span(0, 0),
        })?;
        let first_span = self.span(&first);
        self.check_depth(depth, first_span)?;
        let mut lhs = match prefix_bp(first.as_rule()) {
            Some(r_bp) => {
                let operand = self.pratt(tokens, r_bp, depth + 1)?;
                let span = first_span.to(operand.expr.span);
                let kind = match first.as_rule() {
                    Rule::op_not => ExprKind::Not(operand.expr),
                    _ => ExprKind::Neg(operand.expr),
                };
                self.node(kind, span, operand.height + 1)?
            }
            None => self.primary(first, depth)?,
        };
        let mut lhs_is_comparison = false;
        while let Some(next) = tokens.peek() {
            let rule = next.as_rule();
            let (l_bp, r_bp) = match (postfix_bp(rule), infix_bp(rule)) {
                (Some(l), _) => (l, None),
                (None, Some((l, r))) => (l, Some(r)),
                (None, None) => return Err(self.internal(next, "an operator")),
            };
            if l_bp < min_bp {
                break;
            }
            let Some(op) = tokens.next() else { break };
            let op_span = self.span(&op);
            let comparison = l_bp == CMP_BP;
            if comparison && lhs_is_comparison {
                return Err(SyntaxError::ChainedComparison { span: op_span });
            }
            lhs = match r_bp {
                None => self.postfix(lhs, op)?,
                Some(r_bp) => {
                    let rhs = self.pratt(tokens, r_bp, depth + 1)?;
                    self.binary(lhs, op, rhs)?
                }
            };
            lhs_is_comparison = comparison;
        }
        Ok(lhs)
    }

    /// A node of the given height, or `TooDeep` past [`MAX_HEIGHT`].
    fn node(&self, kind: ExprKind, span: Span, height: usize) -> Result<Built> {
        if height > MAX_HEIGHT {
            return Err(SyntaxError::TooDeep {
                limit: MAX_HEIGHT,
                span,
            });
        }
        Ok(Built {
            expr: Expr {
                kind: Box::new(kind),
                span,
            },
            height,
        })
    }

    fn binary(&self, lhs: Built, op: Pair<'_, Rule>, rhs: Built) -> Result<Built> {
        let bin = match op.as_rule() {
            Rule::op_or => BinOp::Or,
            Rule::op_and => BinOp::And,
            Rule::op_eq => BinOp::Eq,
            Rule::op_ne => BinOp::Ne,
            Rule::op_lt => BinOp::Lt,
            Rule::op_le => BinOp::Le,
            Rule::op_gt => BinOp::Gt,
            Rule::op_ge => BinOp::Ge,
            Rule::op_add => BinOp::Add,
            Rule::op_sub => BinOp::Sub,
            Rule::op_mul => BinOp::Mul,
            Rule::op_div => BinOp::Div,
            _ => return Err(self.internal(&op, "a binary operator")),
        };
        let span = lhs.expr.span.to(rhs.expr.span);
        let height = lhs.height.max(rhs.height) + 1;
        let op = Spanned::new((), self.span(&op));
        self.node(ExprKind::Binary(bin, op, lhs.expr, rhs.expr), span, height)
    }

    /// `in {..}`, `not in {..}`, `has x`, `has any {..}`, `has all {..}` applied to `lhs`.
    fn postfix(&self, lhs: Built, op: Pair<'_, Rule>) -> Result<Built> {
        let span = lhs.expr.span.to(self.span(&op));
        let height = lhs.height + 1;
        let value = lhs.expr;
        let rule = op.as_rule();
        let mut c = self.cursor(op);
        let kind = match rule {
            Rule::op_in | Rule::op_not_in => ExprKind::In {
                value,
                options: self.set(c.expect(Rule::set)?)?,
                negated: rule == Rule::op_not_in,
            },
            Rule::op_has_any | Rule::op_has_all => ExprKind::HasSet {
                value,
                all: rule == Rule::op_has_all,
                options: self.set(c.expect(Rule::set)?)?,
            },
            Rule::op_has => ExprKind::Has {
                value,
                option: self.name(c.expect(Rule::ident)?)?,
            },
            _ => return Err(c.unexpected_self()),
        };
        c.finish()?;
        self.node(kind, span, height)
    }

    fn set(&self, pair: Pair<'_, Rule>) -> Result<Vec<Name>> {
        self.names(self.cursor(pair))
    }

    fn primary(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Built> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::number => self.node(ExprKind::Number(self.number(pair)?.node), span, 1),
            Rule::missing_lit => self.node(ExprKind::MissingLit, span, 1),
            Rule::ident => self.node(ExprKind::Name(pair.as_str().to_string()), span, 1),
            Rule::paren => {
                // the parentheses are part of the operand's span
                let mut c = self.cursor(pair);
                let mut inner = self.expr_built(c.expect(Rule::expr)?, depth + 1)?;
                c.finish()?;
                inner.expr.span = span;
                Ok(inner)
            }
            Rule::if_expr => self.if_expr(pair, depth),
            Rule::call => self.call(pair, depth),
            _ => Err(self.internal(&pair, "an operand")),
        }
    }

    fn if_expr(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Built> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let cond = self.expr_built(c.expect(Rule::expr)?, depth + 1)?;
        let then = self.expr_built(c.expect(Rule::expr)?, depth + 1)?;
        let other = self.expr_built(c.expect(Rule::expr)?, depth + 1)?;
        c.finish()?;
        let height = cond.height.max(then.height).max(other.height) + 1;
        self.node(ExprKind::If(cond.expr, then.expr, other.expr), span, height)
    }

    fn call(&self, pair: Pair<'_, Rule>, depth: usize) -> Result<Built> {
        let span = self.span(&pair);
        let mut c = self.cursor(pair);
        let func = self.name(c.expect(Rule::ident)?)?;
        let (mut args, mut named) = (Vec::new(), Vec::new());
        let mut height = 1;
        for p in c.inner {
            match p.as_rule() {
                Rule::named_arg => {
                    let mut a = self.cursor(p);
                    let name = self.name(a.expect(Rule::ident)?)?;
                    let value = self.expr_built(a.expect(Rule::expr)?, depth + 1)?;
                    a.finish()?;
                    height = height.max(value.height + 1);
                    named.push((name, value.expr));
                }
                _ => {
                    if !named.is_empty() {
                        return Err(SyntaxError::PositionalAfterNamed {
                            span: self.span(&p),
                        });
                    }
                    let value = self.expr_built(p, depth + 1)?;
                    height = height.max(value.height + 1);
                    args.push(value.expr);
                }
            }
        }
        self.node(ExprKind::Call { func, args, named }, span, height)
    }
}

impl Cursor<'_> {
    /// The error for a pair whose own rule was not expected by its builder function.
    fn unexpected_self(&self) -> SyntaxError {
        SyntaxError::Internal {
            message: format!("unexpected `{:?}`", self.rule),
            span: self.span,
        }
    }
}

/// The binding power of comparisons (infix and postfix), which do not chain.
const CMP_BP: u8 = 7;

/// Right binding power of a prefix operator.
fn prefix_bp(rule: Rule) -> Option<u8> {
    match rule {
        Rule::op_not => Some(5),
        Rule::op_neg => Some(13),
        _ => None,
    }
}

/// Left binding power of a postfix operator (all are comparisons).
fn postfix_bp(rule: Rule) -> Option<u8> {
    match rule {
        Rule::op_in | Rule::op_not_in | Rule::op_has | Rule::op_has_any | Rule::op_has_all => {
            Some(CMP_BP)
        }
        _ => None,
    }
}

/// Left and right binding powers of an infix operator (left-associative: right = left + 1).
fn infix_bp(rule: Rule) -> Option<(u8, u8)> {
    let l = match rule {
        Rule::op_or => 1,
        Rule::op_and => 3,
        Rule::op_eq | Rule::op_ne | Rule::op_lt | Rule::op_le | Rule::op_gt | Rule::op_ge => CMP_BP,
        Rule::op_add | Rule::op_sub => 9,
        Rule::op_mul | Rule::op_div => 11,
        _ => return None,
    };
    Some((l, l + 1))
}

/// Resolves the `\"` and `\\` escapes of a string body.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A long literal cut for messages.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 48 {
        text.to_string()
    } else {
        let head: String = text.chars().take(45).collect();
        format!("{head}...")
    }
}
