//! The answer facts: `[answers.<question id>]` tables of `shares`, `counts` and `answered`, each
//! optionally `_<group>`, checked against the submissions' answers (docs/verify.md, "Answer
//! facts").
//!
//! The base of a share is the units of the scope (all, or a group) the question was asked of
//! that answered it, as in `eindex report`'s answers tables (`src/report/answers.rs`): answers
//! after the follow-up conditions, leaving out the units not asked, not answering, "not
//! applicable" and "don't know". A `dont_know` share is of the units answering or saying "don't
//! know". A published percentage `p` with `d` decimals passes when the exact share `100·k/n`
//! rounds half up to `p`; it is explained by rounding when it lies on the closed interval
//! `p ± 0.5·10^−d` (an exact half the report rounded down); within tolerance when `|p − 100·k/n|`
//! is at most `--share-tolerance`; else it fails. Counts must be equal. All in exact rationals.

use super::answer_model::{parse_answer_key, AnswerFact, AnswerFacts};
use super::*;
use crate::hir::MissingState;
use crate::num::Rounding;
use crate::schema::QuestionKind;
use crate::synth::{parse_selection, Selection};
use crate::verify::Detail;

/// What an option key of an answer fact counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pick {
    /// Units whose choice is of the selection: any of some options (`a|b`), a pattern of a
    /// multiple choice (`a&!b`) or a number of its options (`count=2`); see
    /// [`crate::synth::Selection`].
    Select(Selection),
    Yes,
    No,
    DontKnow,
}

impl Pick {
    /// Whether an (effective) answer gave what the key names.
    fn counts(self, v: Value) -> bool {
        match (self, v) {
            (Pick::Select(s), Value::Choice(i)) => s.counts_choice(i),
            (Pick::Select(s), Value::Multi(b)) => s.counts_multi(b),
            (Pick::Yes, Value::Bool(b)) => b,
            (Pick::No, Value::Bool(b)) => !b,
            (Pick::DontKnow, Value::Missing(MissingState::DontKnow)) => true,
            _ => false,
        }
    }

    /// Whether a unit with this answer is in the base: it answered (the report's base); for a
    /// `dont_know` key, also when it said "don't know".
    fn in_base(self, v: Value) -> bool {
        v.is_answered() || (self == Pick::DontKnow && v == Value::Missing(MissingState::DontKnow))
    }
}

/// What the option key `key` of question `qid` counts; else the error's message (with a hint).
pub(super) fn pick_of(qid: &str, q: &Question, key: &str) -> Result<Pick, String> {
    if key == "dont_know" {
        return if q.allow_dont_know {
            Ok(Pick::DontKnow)
        } else {
            Err(format!(
                "`{qid}` does not accept \"don't know\"; a `dont_know` share needs `allow = [\"dont_know\"]` in the questionnaire"
            ))
        };
    }
    match &q.kind {
        QuestionKind::YesNo => match key {
            "yes" => Ok(Pick::Yes),
            "no" => Ok(Pick::No),
            _ => Err(format!(
                "`{key}` is not an answer of the yes/no question `{qid}`; write `yes`, `no` or `dont_know`"
            )),
        },
        QuestionKind::Single(opts) | QuestionKind::Multi(opts) => {
            let multi = matches!(q.kind, QuestionKind::Multi(_));
            parse_selection(key, qid, opts, multi)
                .map(Pick::Select)
                .map_err(|e| format!("{}; {}", e.message, e.hint))
        }
        k => Err(format!(
            "`{qid}` is a {} question: only `dont_know` can be counted for it",
            k.name()
        )),
    }
}

/// True when the schema has choice or yes/no questions: an answer-level schema, for which a
/// question id it lacks is an error rather than a fact it cannot check.
fn answer_level(p: &Program) -> bool {
    p.schema.questions.iter().any(|q| {
        matches!(
            q.kind,
            QuestionKind::YesNo | QuestionKind::Single(_) | QuestionKind::Multi(_)
        )
    })
}

/// A located error of the facts file.
fn shape(f: &Facts, span: Range<usize>, message: String) -> VerifyError {
    let l = f.loc(span);
    VerifyError::FactsShape {
        path: f.path.clone(),
        place: format!(":{}:{}", l.line, l.column),
        message,
    }
}

/// The `[answers]` tables of the facts file.
fn answer_tables(f: &Facts) -> impl Iterator<Item = &(Spanned<String>, AnswerFacts)> {
    f.raw.entries.iter().flat_map(|(_, e)| match e {
        TopEntry::Answers(qs) => qs.as_slice(),
        _ => &[],
    })
}

/// Checks every question and option id of the answer facts before any check: an id the schema
/// does not have stops the command at its place, with a suggestion. A question the schema lacks
/// is not an error when the schema has no choice or yes/no question at all (a score-level
/// ruleset): its facts are listed as not checked.
pub(crate) fn answer_ids(p: &Program, f: &Facts) -> Result<(), VerifyError> {
    for (qid, facts) in answer_tables(f) {
        let Some((_, q)) = p.schema.question(qid.get_ref()) else {
            if !answer_level(p) {
                continue;
            }
            let hint = suggest::hint(qid.get_ref(), p.schema.question_ids(), "question");
            let message = format!(
                "`{}` is not a question of the schema; {hint}",
                qid.get_ref()
            );
            return Err(shape(f, qid.span(), message));
        };
        for (_, fact) in &facts.facts {
            let keys: Vec<&Spanned<String>> = match fact {
                AnswerFact::Shares(m) => m.iter().map(|(k, _)| k).collect(),
                AnswerFact::Counts(m) => m.iter().map(|(k, _)| k).collect(),
                _ => Vec::new(),
            };
            for k in keys {
                pick_of(qid.get_ref(), q, k.get_ref()).map_err(|m| shape(f, k.span(), m))?;
            }
        }
    }
    Ok(())
}

/// One option of a fact: its path and key, the question's slot, what it counts and the group's
/// name.
struct OptionFact<'s> {
    path: String,
    key: &'s str,
    slot: usize,
    pick: Pick,
    group: Option<&'s str>,
}

impl Cx<'_> {
    /// The answer facts of the `[answers]` tables, question by question.
    pub(super) fn answer_facts(&mut self, f: &Facts, qs: &[(Spanned<String>, AnswerFacts)]) {
        for (qid, facts) in qs {
            let path = format!("answers.{}", qid.get_ref());
            let Some((slot, q)) = self.p.schema.question(qid.get_ref()) else {
                let start = self.checks.len();
                let why = Msg.t("verify-no-such-question");
                self.not_checked(path, &facts.to_value(), why);
                self.place(start, f.loc(qid.span()));
                continue;
            };
            for (key, fact) in &facts.facts {
                let start = self.checks.len();
                self.answer_fact(f, &path, (slot, q), key.get_ref(), fact);
                self.place(start, f.loc(key.span()));
            }
        }
    }

    /// One key of a question's table: each of its options checked, placed at the option.
    fn answer_fact<'a>(
        &mut self,
        f: &Facts,
        path: &str,
        (slot, q): (usize, &Question),
        k: &'a str,
        fact: &'a AnswerFact,
    ) {
        let path = format!("{path}.{k}");
        let group = match (parse_answer_key(k), fact) {
            (
                Some((_, group)),
                AnswerFact::Shares(_) | AnswerFact::Counts(_) | AnswerFact::Answered(_),
            ) => group,
            _ => {
                self.not_checked(path, &fact.to_value(), Msg.t("verify-unknown-fact"));
                return;
            }
        };
        let members = match group {
            None => self.all_units(),
            Some(g) => match self.group_option(g) {
                Ok(o) => {
                    let gs = self.group.as_ref().map_or(0, |x| x.slot);
                    self.members_of(gs, o)
                }
                Err(e) => {
                    self.not_checked(path, &fact.to_value(), group_error_text(&e));
                    return;
                }
            },
        };
        let option = |key: &'a Spanned<String>| -> Option<OptionFact<'a>> {
            Some(OptionFact {
                path: format!("{path}.{}", key.get_ref()),
                key: key.get_ref(),
                slot,
                pick: pick_of(&q.id, q, key.get_ref()).ok()?,
                group,
            })
        };
        let mut checks = Vec::new();
        match fact {
            AnswerFact::Shares(m) => {
                for (key, x) in m {
                    if let Some(o) = option(key) {
                        checks.push((self.share_check(&o, &members, *x), key.span()));
                    }
                }
            }
            AnswerFact::Counts(m) => {
                for (key, n) in m {
                    if let Some(o) = option(key) {
                        checks.push((self.count_check(&o, &members, *n), key.span()));
                    }
                }
            }
            AnswerFact::Answered(n) => {
                let c = self.answered_check(&path, slot, &members, group, *n);
                self.push(c);
            }
            AnswerFact::Other(_) => {}
        }
        for (mut c, span) in checks {
            c.at = Some(f.loc(span));
            self.push(c);
        }
    }

    /// `(k, n)`: the units of `members` that gave what `pick` counts, of those in its base.
    fn answer_tally(&self, members: &[usize], slot: usize, pick: Pick) -> (usize, usize) {
        let answers = members
            .iter()
            .filter_map(|&u| self.units[u].effective.get(slot).copied())
            .filter(|&v| pick.in_base(v));
        answers.fold((0, 0), |(k, n), v| (k + usize::from(pick.counts(v)), n + 1))
    }

    /// `shares.<option> = p`: the share of the units answering that gave the option.
    fn share_check(&self, o: &OptionFact, members: &[usize], x: FactNumber) -> Check {
        let mut ch = answer_check(o.path.clone(), answer_what("share", o.key, o.group));
        ch.published = compact(&x.to_value()).into();
        let Some(pv) = x.to_pub() else {
            ch.status = Status::NotChecked;
            ch.note = Some(Msg.t("verify-expected-number"));
            return ch;
        };
        ch.published = Text::concat([Text::num(&pv.text), "%".into()]);
        let (k, n) = self.answer_tally(members, o.slot, o.pick);
        let share = Num::frac(100 * k as i128, n as i128);
        let Some(s) = share.filter(|_| n > 0) else {
            ch.status = Status::Failed;
            ch.computed = Msg.t("verify-answer-no-base");
            return ch;
        };
        let d = pv.decimals;
        ch.computed = Msg.f(
            "verify-answer-share-computed",
            [
                ("share", Text::num(s.format(d + 1, Rounding::HalfUp))),
                ("k", k.into()),
                ("n", n.into()),
            ],
        );
        let diff = pv.value.sub(s).unwrap_or(Num::ZERO);
        ch.detail = Some(Detail {
            difference: diff,
            possible: bounds::Interval::exact(s),
        });
        ch.status = share_status(pv.value, d, s, self.share_tolerance);
        if ch.status != Status::Passed {
            let mut note = Msg.f(
                "verify-answer-share-note",
                [
                    ("k", k.into()),
                    ("n", n.into()),
                    ("exact", short(s)),
                    ("difference", super::super::signed(diff)),
                    ("published", Text::num(&pv.text)),
                    ("stands", iv_text(&percent_interval(pv.value, d))),
                ],
            );
            if ch.status == Status::WithinTolerance {
                let tol = Msg.f(
                    "verify-answer-within-tolerance",
                    [("tolerance", short(self.share_tolerance))],
                );
                note = Text::join([note, tol], "; ");
            }
            ch.note = Some(note);
        }
        ch
    }

    /// `counts.<option> = n`: the number of units that gave the option (exact).
    fn count_check(&self, o: &OptionFact, members: &[usize], published: u32) -> Check {
        let mut ch = answer_check(o.path.clone(), answer_what("count", o.key, o.group));
        let (k, n) = self.answer_tally(members, o.slot, o.pick);
        ch.published = published.to_string().into();
        ch.computed = Msg.f(
            "verify-answer-count-computed",
            [("k", k.into()), ("n", n.into())],
        );
        ch.status = if k == published as usize {
            Status::Passed
        } else {
            Status::Failed
        };
        ch
    }

    /// `answered = n`: the number of units answering (the base of the shares).
    fn answered_check(
        &self,
        path: &str,
        slot: usize,
        members: &[usize],
        group: Option<&str>,
        published: u32,
    ) -> Check {
        let what = match group {
            None => Msg.t("verify-answer-answered"),
            Some(g) => Msg.f("verify-answer-answered-group", [("group", g.into())]),
        };
        let mut ch = answer_check(path.to_string(), what);
        let (_, n) = self.answer_tally(members, slot, Pick::Select(Selection::Any(0)));
        ch.published = published.to_string().into();
        ch.computed = n.to_string().into();
        ch.status = if n == published as usize {
            Status::Passed
        } else {
            Status::Failed
        };
        ch
    }
}

/// A share's status: passed when `100·k/n` rounds half up to the published value `p` (`d`
/// decimals); explained by rounding on the closed interval `p ± 0.5·10^−d`; within tolerance
/// when `|p − share| ≤ tolerance`; else failed.
pub(super) fn share_status(p: Num, d: u32, share: Num, tolerance: Num) -> Status {
    if share.round(d, Rounding::HalfUp) == p {
        return Status::Passed;
    }
    let off = p.sub(share).unwrap_or(Num::HUNDRED).abs();
    let half = bounds::published_interval(p, d);
    if half.lo <= share && share <= half.hi {
        Status::ExplainedByRounding
    } else if off <= tolerance {
        Status::WithinTolerance
    } else {
        Status::Failed
    }
}

/// What a published percentage stands for: `p ± 0.5·10^−d`, within 0..100.
fn percent_interval(p: Num, d: u32) -> bounds::Interval {
    let iv = bounds::published_interval(p, d);
    bounds::Interval {
        lo: iv.lo.max(Num::ZERO),
        hi: iv.hi.min(Num::HUNDRED),
    }
}

/// What an answer check compares: "share with `instagram`", "... in valstspilsetas".
fn answer_what(kind: &str, key: &str, group: Option<&str>) -> Text {
    let option = format!("`{key}`");
    match (kind, group) {
        ("share", None) => Msg.f("verify-answer-share", [("option", option.into())]),
        ("share", Some(g)) => Msg.f(
            "verify-answer-share-group",
            [("option", option.into()), ("group", g.into())],
        ),
        (_, None) => Msg.f("verify-answer-count", [("option", option.into())]),
        (_, Some(g)) => Msg.f(
            "verify-answer-count-group",
            [("option", option.into()), ("group", g.into())],
        ),
    }
}

/// An answer check, passed until compared.
fn answer_check(fact: String, what: Text) -> Check {
    Check {
        area: "facts".into(),
        fact,
        what,
        unit: None,
        target: None,
        published: Text::default(),
        computed: Text::default(),
        status: Status::Passed,
        note: None,
        detail: None,
        at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        s.parse().unwrap()
    }

    #[test]
    fn shares_round_half_up_then_rounding_then_tolerance() {
        let share = |k: i128, m: i128| Num::frac(100 * k, m).unwrap();
        // 28 of 37 = 75.676: 76
        assert_eq!(
            share_status(n("76"), 0, share(28, 37), n("0")),
            Status::Passed
        );
        // 1 of 8 = 12.5: 13 half up; 12 only as rounding
        assert_eq!(
            share_status(n("13"), 0, share(1, 8), n("0")),
            Status::Passed
        );
        assert_eq!(
            share_status(n("12"), 0, share(1, 8), n("0")),
            Status::ExplainedByRounding
        );
        // 3 of 8 = 37.5 against 37.4 (one decimal): off by 0.1, outside 37.35..37.45
        assert_eq!(
            share_status(n("37.4"), 1, share(3, 8), n("0")),
            Status::Failed
        );
        assert_eq!(
            share_status(n("37.4"), 1, share(3, 8), n("0.1")),
            Status::WithinTolerance
        );
        // 6 of 7 = 85.714 against 80: 5.714 points
        assert_eq!(
            share_status(n("80"), 0, share(6, 7), n("5")),
            Status::Failed
        );
        assert_eq!(
            share_status(n("81"), 0, share(6, 7), n("5")),
            Status::WithinTolerance
        );
    }
}
