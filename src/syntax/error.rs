//! Syntax errors, and their conversion from pest errors.

use super::grammar::Rule;
use super::scan::ITEM_STARTS;
use crate::source::Span;

/// The deepest nesting of brackets, `not`/`-` chains and sub-expressions an expression may have.
pub const MAX_NESTING: usize = 64;

/// The largest height of an expression tree (a chain `a + b + ...` adds one level per operator).
pub const MAX_HEIGHT: usize = 512;

/// The words that can never be names.
/// (The grammar's `reserved` rule; the help of [`SyntaxError::ReservedWord`] lists them too.)
pub const RESERVED: &[&str] = &[
    "and",
    "or",
    "not",
    "in",
    "has",
    "if",
    "then",
    "else",
    "missing",
    "survey",
    "levels",
    "defaults",
    "section",
    "index",
    "let",
    "rule",
    "group",
    "constraint",
];

/// A problem found while reading the text of a `.rules` file (or of an `ask_if` expression).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum SyntaxError {
    /// The parser met a token that cannot stand here.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(eindex::syntax::unexpected))]
    Unexpected {
        /// What could have been written here, e.g. "`=>` or a number".
        expected: String,
        /// What was written, e.g. "`foo`" or "end of file".
        found: String,
        #[label("expected {expected}")]
        span: Span,
        /// How to write the construct that failed.
        #[help]
        help: String,
    },

    /// A reserved word stands where a name is needed.
    #[error("`{word}` is a reserved word and cannot be used as a name")]
    #[diagnostic(
        code(eindex::syntax::reserved_word),
        help(
            "choose another name; the reserved words are and, or, not, in, has, if, then, else, \
             missing, survey, levels, defaults, section, index, let, rule, group and constraint"
        )
    )]
    ReservedWord {
        word: String,
        #[label("a name is expected here")]
        span: Span,
    },

    /// `0,5`: a number written with a decimal comma.
    #[error("`{written}` is written with a decimal comma")]
    #[diagnostic(code(eindex::syntax::decimal_comma))]
    DecimalComma {
        written: String,
        #[label("a decimal comma")]
        span: Span,
        /// "write 0.5 (a decimal point, not a comma)"
        #[help]
        help: String,
    },

    /// `20%`: a number followed by a percent sign.
    #[error("a number cannot have a `%` sign")]
    #[diagnostic(code(eindex::syntax::percent_sign))]
    PercentSign {
        #[label("leave out this `%`")]
        span: Span,
        #[help]
        help: String,
    },

    /// A block's `{` has no `}` by the end of its item.
    #[error("a `}}` is missing: the `{{` of this `{block}` is not closed")]
    #[diagnostic(code(eindex::syntax::unclosed_block))]
    Unclosed {
        /// What the `{` opens: `match`, `rule`, `sum`, a set...
        block: String,
        #[label("this `{{` is not closed")]
        span: Span,
        /// Where the item ends without the `}`.
        #[label("the `{block}` needs a `}}` by here")]
        end: Span,
        #[help]
        help: String,
    },

    /// A string runs to the end of its line without a closing quote.
    #[error("unterminated string")]
    #[diagnostic(
        code(eindex::syntax::unterminated_string),
        help("close the string with `\"` on the same line (write `\\\"` for a quote inside it)")
    )]
    UnterminatedString {
        #[label("this string is not closed")]
        span: Span,
    },

    /// A backslash in a string is followed by something other than `"` or `\`.
    #[error("invalid escape `{escape}` in a string")]
    #[diagnostic(
        code(eindex::syntax::invalid_escape),
        help("the only escapes are `\\\"` (a quote) and `\\\\` (a backslash)")
    )]
    InvalidEscape {
        escape: String,
        #[label("not a valid escape")]
        span: Span,
    },

    /// Brackets or operators are nested deeper than the parser allows.
    #[error("nesting is too deep (more than {limit} levels)")]
    #[diagnostic(
        code(eindex::syntax::too_deep),
        help("split the expression into several `let` definitions")
    )]
    TooDeep {
        limit: usize,
        #[label("the limit is exceeded here")]
        span: Span,
    },

    /// A number literal does not fit an exact number (at most 36 digits).
    #[error("the number `{text}` is too large")]
    #[diagnostic(
        code(eindex::syntax::number_too_large),
        help("a number may have at most 36 digits in all (before and after the decimal point)")
    )]
    NumberTooLarge {
        text: String,
        #[label("too many digits")]
        span: Span,
    },

    /// `a < b < c`: comparisons are not associative.
    #[error("comparisons cannot be chained")]
    #[diagnostic(
        code(eindex::syntax::chained_comparison),
        help("join the comparisons with `and` (`a < b and b < c`) or add parentheses")
    )]
    ChainedComparison {
        #[label("this compares the result of a comparison")]
        span: Span,
    },

    /// `f(zero: 0, a)`: positional arguments come before named ones.
    #[error("a positional argument follows a named argument")]
    #[diagnostic(
        code(eindex::syntax::positional_after_named),
        help("write the positional arguments first: `ratio(a, b, zero: 0)`")
    )]
    PositionalAfterNamed {
        #[label("move this argument before the named ones")]
        span: Span,
    },

    /// The parse tree had a shape the builder did not expect: a bug in eindex, not in the input.
    #[error("internal parser error: {message}")]
    #[diagnostic(
        code(eindex::syntax::internal),
        help("this is a bug in eindex; please report it together with the input file")
    )]
    Internal {
        message: String,
        #[label("while reading this")]
        span: Span,
    },
}

impl SyntaxError {
    /// Where the error is.
    pub fn span(&self) -> Span {
        match self {
            SyntaxError::Unexpected { span, .. }
            | SyntaxError::ReservedWord { span, .. }
            | SyntaxError::DecimalComma { span, .. }
            | SyntaxError::PercentSign { span, .. }
            | SyntaxError::Unclosed { span, .. }
            | SyntaxError::UnterminatedString { span }
            | SyntaxError::InvalidEscape { span, .. }
            | SyntaxError::TooDeep { span, .. }
            | SyntaxError::NumberTooLarge { span, .. }
            | SyntaxError::ChainedComparison { span }
            | SyntaxError::PositionalAfterNamed { span }
            | SyntaxError::Internal { span, .. } => *span,
        }
    }
}

/// Where a chunk of text sits in its file, to turn chunk offsets into file spans.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin<'a> {
    pub file: u16,
    /// The whole text the spans point into.
    pub full: &'a str,
    /// Offset of the parsed chunk in `full`.
    pub base: usize,
    /// Added to every offset in `full` (an `ask_if` expression sits inside a larger file).
    pub shift: usize,
}

impl Origin<'_> {
    /// The span of the chunk offsets `start..end`, without trailing white space and comments
    /// (pest leaves the white space skipped after a node's last token inside the node).
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (start, end) = (self.base + start, self.base + end);
        self.full_span(start, trim_end(self.full, start, end))
    }

    /// The span of the offsets `start..end` of `full`.
    pub fn full_span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.shift + start, self.shift + end)
    }
}

/// The end of `full[start..end]` without trailing white space and comments.
fn trim_end(full: &str, start: usize, mut end: usize) -> usize {
    let Some(text) = full.get(start..end) else {
        return end;
    };
    let mut text = text;
    loop {
        text = text.trim_end();
        // strings do not span lines, so the last line holds any trailing comment
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        // most spans hold no `#`: a byte search spares the character scan (every node of a deep
        // expression on one long line is trimmed)
        if !text.as_bytes()[line_start..].contains(&b'#') {
            break;
        }
        match comment_start(&text[line_start..]) {
            Some(hash) => text = &text[..line_start + hash],
            None => break,
        }
    }
    end = start + text.len();
    end
}

/// The offset of the `#` that starts a comment in `line`, if any.
fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '#' {
            return Some(i);
        }
    }
    None
}

/// Converts a pest error on a chunk into a [`SyntaxError`].
pub(super) fn from_pest(
    err: &pest::error::Error<Rule>,
    chunk: &str,
    at: Origin<'_>,
) -> SyntaxError {
    let pos = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((p, _)) => p,
    };
    let abs = at.base + pos.min(chunk.len());
    let (found, span) = found_at(at, abs);
    match &err.variant {
        pest::error::ErrorVariant::CustomError { .. } => SyntaxError::TooDeep {
            limit: MAX_NESTING,
            span,
        },
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let word = found.trim_matches('`');
            // only where a plain name was expected (not an operand, not at the next item)
            let name_only = positives.contains(&Rule::ident) && !positives.contains(&Rule::number);
            if pos < chunk.len() && name_only && RESERVED.contains(&word) {
                return SyntaxError::ReservedWord {
                    word: word.to_string(),
                    span,
                };
            }
            if let Some(e) = everyday_mistake(chunk, pos, at, &found, span) {
                return e;
            }
            let expected = expected_list(positives);
            let mut help = help_for(chunk, pos, positives);
            if let Some(lower) = capitalised_keyword(word, &expected) {
                help = format!("keywords are lower case: write `{lower}`");
            } else if let Some(word) = did_you_mean(word, &expected) {
                help = format!("did you mean `{word}`? {help}");
            }
            SyntaxError::Unexpected {
                expected,
                found,
                span,
                help,
            }
        }
    }
}

/// The errors whose cause is plain from the text around the error: a decimal comma (`0,5`), a
/// percent sign (`20%`), and a block whose `}` is missing (the parser only fails at the end of
/// the item, or at the next one).
fn everyday_mistake(
    chunk: &str,
    pos: usize,
    at: Origin<'_>,
    found: &str,
    span: Span,
) -> Option<SyntaxError> {
    let before = chunk.get(..pos).unwrap_or(chunk);
    let after_digit = before.ends_with(|c: char| c.is_ascii_digit());
    let rest = chunk.get(pos..).unwrap_or("");
    let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let frac_len = rest.strip_prefix(',').map_or(0, digits);
    if after_digit && frac_len > 0 {
        let int_len = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let int = &before[pos - int_len..];
        let frac = &rest[1..1 + frac_len];
        return Some(SyntaxError::DecimalComma {
            written: format!("{int},{frac}"),
            span: at.full_span(at.base + pos - int_len, at.base + pos + 1 + frac_len),
            help: format!("write {int}.{frac} (a decimal point, not a comma)"),
        });
    }
    if found == "`%`" && after_digit {
        return Some(SyntaxError::PercentSign {
            span,
            help: percent_help(chunk, pos),
        });
    }
    if is_blank(rest) {
        return unclosed(chunk, at);
    }
    None
}

/// The help for a `%` after a number at `pos`: the line as it should be, for thresholds.
fn percent_help(chunk: &str, pos: usize) -> String {
    let line_start = chunk[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line_end = chunk[pos..].find('\n').map_or(chunk.len(), |i| pos + i);
    let line = &chunk[line_start..line_end];
    let code = &line[..comment_start(line).unwrap_or(line.len())];
    if let Some(at) = code.find("thresholds") {
        let setting = code[at..].split('}').next().unwrap_or("").trim();
        format!(
            "leave out `%`: thresholds are percentages of the maximum written as plain numbers, \
             `{}`",
            setting.replace('%', "")
        )
    } else {
        "leave out `%`: write a share as a plain number (`0.5`, not `50%`)".to_string()
    }
}

/// Whether `text` holds only white space and comments.
fn is_blank(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim_start();
        l.is_empty() || l.starts_with('#')
    })
}

/// The error for a chunk that ends with a `{` not closed.
fn unclosed(chunk: &str, at: Origin<'_>) -> Option<SyntaxError> {
    let open = super::scan::unclosed_brace(chunk)?;
    let words = words_outside_strings(&chunk[..open]);
    let block = match words.last().copied() {
        Some("in" | "has" | "any" | "all") => "set",
        _ => words
            .iter()
            .rev()
            .copied()
            .find(|w| BLOCK_WORDS.contains(w))
            .unwrap_or("block"),
    };
    let abs = at.base + open;
    let line = at.full.get(..abs).unwrap_or("").matches('\n').count() + 1;
    let end = trim_end(at.full, at.base, at.base + chunk.len());
    let what = if block == "set" {
        "the set".to_string()
    } else {
        format!("the `{block}`")
    };
    Some(SyntaxError::Unclosed {
        block: block.to_string(),
        span: at.full_span(abs, abs + 1),
        end: at.full_span(end, end),
        help: format!(
            "add the `}}` that closes {what} opened on line {line}: every `{{` needs its own `}}`"
        ),
    })
}

/// The words whose block a `{` opens.
const BLOCK_WORDS: &[&str] = &[
    "match",
    "sum",
    "table",
    "weights",
    "bands",
    "survey",
    "levels",
    "defaults",
    "section",
    "index",
    "rule",
    "constraint",
];

/// The keyword `word` stands for when it is written with capitals (`Rule`, `MATCH`): one of the
/// words expected here, or one that starts an item.
fn capitalised_keyword(word: &str, expected: &str) -> Option<String> {
    let lower = word.to_lowercase();
    if lower == word {
        return None;
    }
    let expected_word = expected.split('`').skip(1).step_by(2).any(|w| w == lower);
    (expected_word || ITEM_STARTS.contains(&lower.as_str())).then_some(lower)
}

/// The token at `abs` as shown in "found ...", and its span.
pub(super) fn found_at(at: Origin<'_>, abs: usize) -> (String, Span) {
    let full = at.full;
    let rest = full.get(abs..).unwrap_or("");
    let skipped = rest.len() - rest.trim_start().len();
    let start = abs + skipped;
    let rest = rest.trim_start();
    let Some(first) = rest.chars().next() else {
        // point just after the last token of the file
        let end = trim_end(full, 0, full.len());
        return ("end of file".to_string(), at.full_span(end, end));
    };
    let len = if is_word_char(first) {
        rest.find(|c: char| !is_word_char(c) && c != '.')
            .unwrap_or(rest.len())
    } else if first == '"' {
        return ("a string".to_string(), at.full_span(start, start + 1));
    } else if ["=>", "<=", ">=", "!="]
        .iter()
        .any(|op| rest.starts_with(op))
    {
        2
    } else {
        first.len_utf8()
    };
    let token = &rest[..len];
    let shown: String = token.chars().take(40).collect();
    (format!("`{shown}`"), at.full_span(start, start + len))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// "a, b or c" from the rules pest tried, grouped and without duplicates.
fn expected_list(positives: &[Rule]) -> String {
    let only_item_level = positives.iter().all(|r| is_item_level(*r));
    // where an operand may start, pest lists each kind of operand; after an operand, each operator
    let operand_start = positives.contains(&Rule::number);
    let after_operand = positives.contains(&Rule::op_or);
    let mut seen: Vec<&'static str> = Vec::new();
    for &rule in positives {
        let d = if !only_item_level && is_item_level(rule) {
            continue;
        } else if operand_start && starts_operand(rule) {
            "an expression"
        } else if after_operand && follows_operand(rule) {
            "an operator"
        } else {
            describe(rule)
        };
        if !seen.contains(&d) {
            seen.push(d);
        }
    }
    match seen.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// Rules tried where an operand may start.
fn starts_operand(rule: Rule) -> bool {
    use Rule as R;
    matches!(
        rule,
        R::op_not | R::op_neg | R::number | R::missing_lit | R::w_if | R::ident | R::t_lparen
    )
}

/// Rules tried after an operand: operators, and `(` of a call.
fn follows_operand(rule: Rule) -> bool {
    use Rule as R;
    matches!(
        rule,
        R::w_not
            | R::w_in
            | R::w_has
            | R::t_lparen
            | R::op_or
            | R::op_and
            | R::op_eq
            | R::op_ne
            | R::op_lt
            | R::op_le
            | R::op_gt
            | R::op_ge
            | R::op_add
            | R::op_sub
            | R::op_mul
            | R::op_div
    )
}

/// Rules tried between items: the item keywords and the end of the file.
fn is_item_level(rule: Rule) -> bool {
    is_item_start(rule) || matches!(rule, Rule::EOI | Rule::file)
}

fn is_item_start(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::w_survey
            | Rule::w_levels
            | Rule::w_defaults
            | Rule::w_section
            | Rule::w_index
            | Rule::w_let
            | Rule::w_rule
            | Rule::w_group
            | Rule::w_constraint
            | Rule::w_uncertain
    )
}

/// How a grammar rule is named in "expected ..." messages.
pub(super) fn describe(rule: Rule) -> &'static str {
    word(rule).unwrap_or_else(|| structure(rule))
}

/// What a keyword rule (and the statement it starts) is called.
fn word(rule: Rule) -> Option<&'static str> {
    use Rule as R;
    Some(match rule {
        R::w_and | R::op_and => "`and`",
        R::w_or | R::op_or => "`or`",
        R::w_not | R::op_not => "`not`",
        R::w_in | R::op_in => "`in`",
        R::op_not_in => "`not in`",
        R::w_has | R::op_has | R::op_has_any | R::op_has_all => "`has`",
        R::w_any => "`any`",
        R::w_all => "`all`",
        R::w_if => "`if`",
        R::w_then => "`then`",
        R::w_else | R::else_pattern => "`else`",
        R::w_missing | R::missing_lit | R::missing_cell => "`missing`",
        R::w_year | R::year => "`year`",
        R::w_schema | R::schema => "`schema`",
        R::w_sources | R::sources => "`sources`",
        R::w_display | R::display => "`display`",
        R::w_compare | R::compare => "`compare`",
        R::w_rounded => "`rounded`",
        R::w_exact | R::compare_exact => "`exact`",
        R::w_rounding | R::rounding => "`rounding`",
        R::w_en => "`en`",
        R::w_exclude | R::exclude => "`exclude`",
        R::w_thresholds | R::thresholds => "`thresholds`",
        R::w_upper | R::w_lower | R::threshold_kind => "`upper` or `lower`",
        R::w_zero | R::zero_apart => "`zero`",
        R::w_apart => "`apart`",
        R::w_applicable | R::applicable_if => "`applicable`",
        R::w_weights | R::weights | R::weights_proportional => "`weights`",
        R::w_proportional => "`proportional`",
        R::w_min_sections | R::min_sections => "`min_sections`",
        R::w_match | R::match_scoring => "`match`",
        R::w_sum | R::sum_scoring => "`sum`",
        R::w_cap | R::cap => "`cap`",
        R::w_floor | R::floor => "`floor`",
        R::w_points | R::points_scoring => "`points`",
        R::w_table | R::table => "`table`",
        R::w_when | R::when_handler | R::constraint_when => "`when`",
        R::w_require | R::require => "`require`",
        R::w_pin | R::pin => "`max`",
        R::uncertain => "`uncertain`",
        R::w_weight | R::u_weight => "`weight`",
        R::w_threshold | R::u_threshold => "`threshold`",
        R::w_alternative | R::u_alternative => "`alternative`",
        R::w_step => "`step`",
        R::w_first | R::w_unique | R::w_max | R::w_min | R::hit_policy => {
            "a hit policy (`first`, `unique`, `max`, `min`, `sum`)"
        }
        _ => return None,
    })
}

/// What the other rules (items, tokens, operators, parts of a rule) are called.
fn structure(rule: Rule) -> &'static str {
    use Rule as R;
    match rule {
        R::EOI => "end of file",
        R::w_survey
        | R::w_levels
        | R::w_defaults
        | R::w_section
        | R::w_index
        | R::w_let
        | R::w_rule
        | R::w_group
        | R::w_constraint
        | R::w_uncertain => {
            "an item (`survey`, `levels`, `defaults`, `section`, `index`, `let`, `rule`)"
        }
        R::ident | R::options => "a name",
        R::signed_number | R::number => "a number",
        R::string | R::string_raw => "a string",
        R::expr | R::expr_only => "an expression",
        R::t_lbrace | R::set => "`{`",
        R::t_rbrace => "`}`",
        R::t_lparen => "`(`",
        R::t_rparen => "`)`",
        R::t_comma => "`,`",
        R::t_arrow => "`=>`",
        R::t_colon => "`:`",
        R::t_assign => "`=`",
        R::t_bar => "`|`",
        R::t_gt => "`>`",
        R::t_lbracket => "`[`",
        R::t_rbracket => "`]`",
        R::u_weights => "`weights`",
        R::u_missing => "`missing`",
        R::u_interval => "an interval (`[a, b]` or `[a, b] step s`)",
        R::u_set => "a set of values (`{a, b}`)",
        R::index_word => "`index`",
        R::op_eq
        | R::op_ne
        | R::op_lt
        | R::op_le
        | R::op_gt
        | R::op_ge
        | R::op_add
        | R::op_sub
        | R::op_mul
        | R::op_div => "an operator",
        R::op_neg => "`-`",
        R::range | R::range_op | R::range_open => "a range (`< x`, `>= x`, `[a, b)`, ...)",
        R::range_close => "`]` or `)`",
        R::any_cell => "`-`",
        R::not_cell => "`not`",
        R::if_expr => "`if`",
        R::call => "a function call",
        R::paren => "`(`",
        R::named_arg => "a named argument",
        R::survey => "`survey`",
        R::levels => "`levels`",
        R::defaults => "`defaults`",
        R::section => "`section`",
        R::index => "`index`",
        R::let_def => "`let`",
        R::rule_def => "`rule`",
        R::group_def => "`group`",
        R::w_by | R::group_by => "`by`",
        R::w_bands | R::group_bands => "`bands`",
        R::w_quartiles | R::group_quartiles => "`quartiles`",
        R::band => "a band (`\"<label>\" < <number>` or `\"<label>\" else`)",
        R::band_op => "`<` or `<=`",
        R::band_else => "`else`",
        R::level_def => "a level (`1 \"name\" en \"english name\"`)",
        R::handler => "a handler (`unanswered => 0`)",
        R::weight => "a weight (`<section> <number>`)",
        R::match_arm => "a match arm (`<pattern> => <points>`)",
        R::sum_arm => "an option (`<option> => <points>`)",
        R::table_row => "a table row (`<cell>, ... => <points>`)",
        R::file => "an item (`survey`, `levels`, `defaults`, `section`, `index`, `let`, `rule`)",
        _ => "something else",
    }
}

/// The keyword of `expected` (a list with backquoted words) closest to a misspelt `found`.
fn did_you_mean<'e>(found: &str, expected: &'e str) -> Option<&'e str> {
    // keywords are short: a word much longer is no typo of one (and its distance would cost
    // its length times theirs)
    let len = found.chars().count();
    if !(3..=crate::suggest::MAX_SUGGESTED_LEN).contains(&len) {
        return None;
    }
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '_'))
        .map(|w| (strsim::levenshtein(found, w), w))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, w)| w)
}

/// The help text of an "unexpected" error: how to write the construct being parsed.
fn help_for(chunk: &str, pos: usize, positives: &[Rule]) -> String {
    let before = chunk.get(..pos).unwrap_or(chunk);
    let words = words_outside_strings(before);
    let item = words.iter().find(|w| ITEM_STARTS.contains(w)).copied();
    if is_malformed_number(chunk.get(pos..).unwrap_or("")) {
        return "numbers are written in decimal, like `12`, `0.25` or `-3` (no exponent, and a digit \
                before the point)"
            .to_string();
    }
    if positives.iter().all(|r| is_item_level(*r)) {
        return "a file holds only items, each starting on its own line with `survey`, `levels`, \
                `defaults`, `section`, `index`, `let` or `rule`; comments start with `#`"
            .to_string();
    }
    match item {
        Some("rule") => rule_help(&words, positives),
        Some("survey") => {
            "a survey header is written `survey \"<name>\" { year <n>  schema \"<file>\"  \
             sources <a> > <b>  display <decimals>  compare rounded <decimals>  rounding half_up }`"
                .to_string()
        }
        Some("levels") => {
            "levels are written `levels { 1 \"<name>\" en \"<english name>\" ... }`".to_string()
        }
        Some("defaults") => "defaults are written `defaults { unanswered => 0  not_asked => 0  \
             not_applicable => exclude  dont_know => 0 }`"
            .to_string(),
        Some("section") => {
            "a section is written `section <id> { max <points>  thresholds upper <a>, <b>, <c>, <d>  \
             zero apart  applicable if <condition> }` (each setting optional)"
                .to_string()
        }
        Some("index") => {
            "the index is written `index \"<title>\" { weights { <section> <weight> ... }  \
             min_sections <n>  thresholds upper <a>, <b>, <c>, <d> }`"
                .to_string()
        }
        Some("uncertain") if words.contains(&"alternative") => rule_help(&words, positives),
        Some("uncertain") => "an uncertain input is written `weight <section> [<low>, <high>]`, \
             `threshold <section|index> <bound> [<low>, <high>] step <s>`, `threshold ... {<a>, <b>}`, \
             `missing <state> {0, exclude}`, `weights <name> { <section> <weight> ... }` or \
             `alternative <rule> \"<label>\" { <scoring> }`"
            .to_string(),
        Some("let") => "a derived value is written `let <name> = <expression>`".to_string(),
        Some("constraint") => "a constraint is written `constraint <name> \"<message>\" en \"<English message>\" \
             { when <condition>  require <condition> ... }` (`when` optional; one or more `require`, \
             e.g. `require q_part <= q_total` or `require exclusive(q_multi, none)`)"
            .to_string(),
        Some("group") => "a grouping is written `group <name> \"<title>\" by <choice>`, \
             `group <name> \"<title>\" bands <value> { \"<label>\" < <number> ... \"<label>\" else }` \
             or `group <name> \"<title>\" quartiles <value>`"
            .to_string(),
        _ => "an expression combines names, numbers, `f(a, b)` calls and `( )` with operators \
              (`or`, `and`, `not`, `=`, `<`, `in {a, b}`, `has a`, `+`, `*` ...)"
            .to_string(),
    }
}

/// Whether `text` starts with something meant as a number but not written as one: `.5`, `1.`,
/// `1e3`, `12abc`.
fn is_malformed_number(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    match (digits, b.get(digits)) {
        (0, Some(b'.')) => b.get(1).is_some_and(u8::is_ascii_digit),
        (0, _) => false,
        (_, Some(b'.')) => !b.get(digits + 1).is_some_and(u8::is_ascii_digit),
        (_, Some(&c)) => c.is_ascii_alphabetic() || c == b'_',
        (_, None) => false,
    }
}

/// The help for an error inside a rule, by the scoring form written before the error.
fn rule_help(words: &[&str], positives: &[Rule]) -> String {
    let header = "a rule is written `rule <id> \"<title>\" in <section> { max <points>  <scoring>  when <state> => <points> }` \
                  (title, max and handlers optional)";
    if positives.contains(&Rule::w_in) && !positives.contains(&Rule::op_or) {
        return format!("{header}; the rule is missing `in <section>`");
    }
    let form = words
        .iter()
        .rev()
        .find(|w| ["match", "sum", "points", "table", "when"].contains(w));
    match form.copied() {
        Some("match") => {
            "a match is written `match <value> { <pattern> => <points> ... }`; a pattern \
             is `a`, `a | b`, `else`, or a range: `< x`, `<= x`, `> x`, `>= x`, `= x`, `[a, b)`"
                .to_string()
        }
        Some("sum") => {
            "a sum is written `sum <question> { <option> => <points> ... } cap <n> floor <n>` \
             (cap and floor optional)"
                .to_string()
        }
        Some("table") => {
            "a table is written `table first (<input>, ...) { <cell>, ... => <points> ... }`; \
             a cell is `-`, `missing`, `a | b`, `not a`, `not (a | b)`, `< x` or `[a, b)`"
                .to_string()
        }
        Some("when") => {
            "a handler is written `when unanswered|not_asked|not_applicable|dont_know => \
             <points>|exclude`"
                .to_string()
        }
        Some("points") => {
            "`points` is followed by an expression, e.g. `points if q = yes then 2 else 0`"
                .to_string()
        }
        _ => format!(
            "{header}; <scoring> is `match <value> {{ ... }}`, `sum <question> {{ ... }}`, \
             `points <expression>` or `table <policy> (<inputs>) {{ ... }}`"
        ),
    }
}

/// The words of `text` outside strings and comments, in order.
pub(super) fn words_outside_strings(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let plain = !in_string && !in_comment;
        if plain && is_word_char(c) {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(s) = word_start.take() {
            words.push(&text[s..i]);
        }
        if in_comment {
            in_comment = c != '\n';
        } else if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' || c == '\n' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c == '#' {
            in_comment = true;
        }
    }
    if let Some(s) = word_start {
        words.push(&text[s..]);
    }
    words
}
