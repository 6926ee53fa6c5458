//! The facts over a set of units (all, or a group): level counts, zero scores, means and top
//! lists, each with its rounding analysis.

use super::*;

impl Cx<'_> {
    /// A fact that depends on a set of units (all, or a group); `fact` is the value of a
    /// `levels`, `zero_score`, `mean` or `top<N>` key (`base`), with or without a group suffix.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn group_fact(
        &self,
        path: &str,
        t: usize,
        base: Base,
        members: &[usize],
        group: Option<&str>,
        fact: &ScopeFact,
        zero: Option<usize>,
    ) -> Vec<Check> {
        let have: Vec<(usize, Val)> = members
            .iter()
            .filter_map(|&u| self.val(u, t).map(|x| (u, x)))
            .collect();
        let f = GroupFact {
            path,
            t,
            group,
            have: &have,
        };
        match (base, fact) {
            (Base::Levels, ScopeFact::Levels(counts)) => self.levels_fact(&f, counts, zero),
            (Base::Zero, ScopeFact::Zero(n)) => self.zero_fact(&f, *n as usize),
            (Base::Mean, ScopeFact::Mean(x)) => self.mean_fact(&f, *x),
            (Base::Top(n), ScopeFact::Top(list)) => self.top_fact(&f, n, list),
            // the model reads each of these keys as its fact
            _ => Vec::new(),
        }
    }

    /// `levels = { 3 = 12, 2 = 23 }`: each count (with the counts rounded inputs allow), and that no
    /// unit is at a level not listed when the counts (and `zero`) cover every unit.
    fn levels_fact(
        &self,
        f: &GroupFact,
        levels: &IndexMap<LevelKey, u32>,
        zero: Option<usize>,
    ) -> Vec<Check> {
        let GroupFact {
            path,
            t,
            group,
            have,
        } = *f;
        let counts: BTreeMap<u8, usize> =
            levels.iter().map(|(l, n)| (l.level, *n as usize)).collect();
        let mut out = Vec::new();
        let ranges: Vec<(u8, (u8, u8))> = have
            .iter()
            .map(|(_, x)| (x.level, self.level_range(t, x)))
            .collect();
        for (&l, &n) in counts.iter().rev() {
            let c = ranges.iter().filter(|(lv, _)| *lv == l).count();
            let lo = ranges.iter().filter(|(_, r)| *r == (l, l)).count();
            let hi = ranges.iter().filter(|(_, r)| r.0 <= l && l <= r.1).count();
            let what = Msg.f(
                "verify-units-at-level",
                [("level", l.into()), ("name", level_name(self.p, l))],
            );
            let mut ch = self.fact_check(path.into(), in_group(group, what), t);
            ch.published = n.to_string().into();
            ch.computed = c.to_string().into();
            let can_be = Msg.f(
                "verify-count-can-be",
                [("range", format!("{lo}..{hi}").into())],
            );
            ch.status = if c == n {
                Status::Passed
            } else if lo <= n && n <= hi {
                ch.note = Some(can_be);
                Status::ExplainedByRounding
            } else {
                ch.note = Some(can_be);
                Status::Failed
            };
            out.push(ch);
        }
        let listed: usize = counts.values().sum::<usize>() + zero.unwrap_or(0);
        let n = have.len();
        if listed > n {
            let what = in_group(group, Msg.t("verify-counts-add-up"));
            let mut ch = self.fact_check(path.into(), what, t);
            ch.published = Msg.f("verify-units-count", [("n", listed.into())]);
            ch.computed = Msg.f("verify-units-with-value", [("n", n.into())]);
            ch.status = Status::InconsistentInSource;
            ch.note = Some(Msg.t("verify-counts-exceed"));
            out.push(ch);
        } else if listed == n {
            let others: Vec<Text> = (0..=self.p.levels.len() as u8)
                .filter(|l| !(counts.contains_key(l) || (*l == 0 && zero.is_some())))
                .filter_map(|l| {
                    let c = have.iter().filter(|(_, x)| x.level == l).count();
                    (c > 0)
                        .then(|| Msg.f("verify-n-at-level", [("n", c.into()), ("level", l.into())]))
                })
                .collect();
            let what = Msg.f("verify-no-other-levels", [("n", n.into())]);
            let mut ch = self.fact_check(path.into(), in_group(group, what), t);
            ch.published = "0".into();
            ch.status = if others.is_empty() {
                Status::Passed
            } else {
                Status::Failed
            };
            ch.computed = if others.is_empty() {
                "0".into()
            } else {
                Text::join(others, ", ")
            };
            out.push(ch);
        }
        out
    }

    /// `zero_score = 18`: the units with a score of 0.
    fn zero_fact(&self, f: &GroupFact, n: usize) -> Vec<Check> {
        let GroupFact {
            path,
            t,
            group,
            have,
        } = *f;
        let is_zero = |x: &Num| self.compared(*x).is_zero();
        let c = have.iter().filter(|(_, x)| x.compared.is_zero()).count();
        let eps = Num::frac(1, 1_000_000_000_000).unwrap_or(Num::ZERO);
        let lo = have
            .iter()
            .filter(|(_, x)| {
                is_zero(
                    &x.possible
                        .hi
                        .sub(eps)
                        .unwrap_or(x.possible.hi)
                        .max(x.possible.lo),
                )
            })
            .count();
        let hi = have.iter().filter(|(_, x)| is_zero(&x.possible.lo)).count();
        let what = in_group(group, Msg.t("verify-zero-score"));
        let mut ch = self.fact_check(path.into(), what, t);
        ch.published = n.to_string().into();
        ch.computed = c.to_string().into();
        ch.status = if c == n {
            Status::Passed
        } else if lo <= n && n <= hi {
            Status::ExplainedByRounding
        } else {
            Status::Failed
        };
        vec![ch]
    }

    /// `mean = 56`: the mean of the units' values, with the interval of the values the report prints.
    fn mean_fact(&self, f: &GroupFact, mean: FactNumber) -> Vec<Check> {
        let GroupFact {
            path,
            t,
            group,
            have,
        } = *f;
        let Some(pv) = mean.to_pub() else {
            // a TOML number the report cannot print (`nan`, `inf`)
            let what = in_group(group, Msg.t("verify-a-number"));
            let mut c = self.fact_check(path.into(), what, t);
            c.published = compact(&mean.to_value()).into();
            c.status = Status::NotChecked;
            c.note = Some(Msg.t("verify-not-a-number"));
            return vec![c];
        };
        let what = Msg.f("verify-mean-of", [("n", have.len().into())]);
        let mut ch = self.fact_check(path.into(), in_group(group, what), t);
        ch.published = Text::num(&pv.text);
        if have.is_empty() {
            ch.computed = Msg.t("verify-no-unit");
            ch.status = Status::Failed;
            return vec![ch];
        }
        let n = Num::int(have.len() as i128);
        let mut sum = Num::ZERO;
        let (mut lo, mut hi) = (Num::ZERO, Num::ZERO);
        for (u, x) in have {
            let f = self.feasible(*u, t, x);
            sum = sum.add(x.exact).unwrap_or(sum);
            lo = lo.add(f.lo).unwrap_or(lo);
            hi = hi.add(f.hi).unwrap_or(hi);
        }
        let div = |x: Num| x.div(n).ok().flatten().unwrap_or(Num::ZERO);
        let mean = div(sum);
        let iv = Interval {
            lo: div(lo),
            hi: div(hi),
        };
        let val = Val {
            exact: mean,
            possible: iv,
            compared: mean,
            level: 0,
        };
        let (s, c, note, detail) = compare_value(self.p, &pv, &val);
        ch.computed = c;
        ch.status = s;
        ch.detail = detail;
        ch.note = note.map(|n| Msg.f("verify-mean-narrowed", [("note", n)]));
        vec![ch]
    }

    /// `top3 = [ ... ]`: order and membership; ties at rank n are named; when the computed order
    /// differs, whether rounding explains it.
    fn top_fact(&self, f: &GroupFact, n: usize, list: &[String]) -> Vec<Check> {
        let GroupFact {
            path,
            t,
            group,
            have,
        } = *f;
        let names: Vec<&str> = list.iter().map(String::as_str).collect();
        let what = in_group(group, Msg.f("verify-top", [("n", n.into())]));
        let mut ch = self.fact_check(path.into(), what, t);
        ch.published = names.join(", ").into();
        // the computed order; among equal values the units the list names come first
        let rank = |u: usize| {
            names
                .iter()
                .position(|nm| self.unit_index(nm) == Some(u))
                .unwrap_or(usize::MAX)
        };
        let mut sorted = have.clone();
        sorted.sort_by(|a, b| {
            b.1.exact
                .cmp(&a.1.exact)
                .then(rank(a.0).cmp(&rank(b.0)))
                .then(a.0.cmp(&b.0))
        });
        ch.computed = Text::join(
            sorted
                .iter()
                .take(n)
                .map(|(u, x)| self.named_value(*u, short(x.exact))),
            ", ",
        );
        let mut idx = Vec::new();
        for nm in &names {
            match self
                .unit_index(nm)
                .filter(|u| have.iter().any(|(h, _)| h == u))
            {
                Some(u) => idx.push(u),
                None => {
                    ch.status = Status::Failed;
                    ch.note = Some(Msg.f(
                        "verify-unit-no-value-here",
                        [
                            ("unit", nm.to_string().into()),
                            ("hint", self.unit_hint(nm).unwrap_or_default()),
                        ],
                    ));
                    return vec![ch];
                }
            }
        }
        if names.len() != n.min(have.len()) {
            ch.status = Status::InconsistentInSource;
            ch.note = Some(Msg.f(
                "verify-list-length",
                [("listed", names.len().into()), ("n", n.into())],
            ));
            return vec![ch];
        }
        let value = |u: usize| have.iter().find(|(h, _)| *h == u).map(|(_, x)| *x);
        let listed: Vec<Val> = idx.iter().filter_map(|&u| value(u)).collect();
        let others: Vec<(usize, Val)> = have
            .iter()
            .filter(|(u, _)| !idx.contains(u))
            .copied()
            .collect();
        let ordered = listed.windows(2).all(|w| w[0].exact >= w[1].exact);
        let last = listed.iter().map(|x| x.exact).min().unwrap_or(Num::ZERO);
        let above = others.iter().all(|(_, x)| x.exact <= last);
        let ties: Vec<String> = others
            .iter()
            .filter(|(_, x)| x.exact == last)
            .map(|(u, _)| self.units[*u].id.clone())
            .collect();
        if ordered && above {
            ch.status = Status::Passed;
            if !ties.is_empty() {
                ch.note = Some(Msg.f(
                    "verify-tie",
                    [
                        ("rank", n.into()),
                        ("value", short(last)),
                        ("units", ties.join(", ").into()),
                    ],
                ));
            }
            return vec![ch];
        }
        self.top_within_rounding(f, ch, &idx, &others, last)
    }

    /// A top list the computed values order differently: give each listed unit the highest value
    /// it can have in order, every other unit its lowest.
    fn top_within_rounding(
        &self,
        f: &GroupFact,
        mut ch: Check,
        idx: &[usize],
        others: &[(usize, Val)],
        last: Num,
    ) -> Vec<Check> {
        let t = f.t;
        let value = |u: usize| f.have.iter().find(|(h, _)| *h == u).map(|(_, x)| *x);
        // with rounding: give each listed unit the highest value it can have in order,
        // every other unit its lowest
        let mut cur: Option<Num> = None;
        let mut ok = true;
        for &u in idx {
            let Some(x) = value(u) else { continue };
            let f = self.feasible(u, t, &x);
            let top = cur.map_or(f.hi, |c| c.min(f.hi));
            if top < f.lo {
                ok = false;
            }
            cur = Some(top);
        }
        let floor = cur.unwrap_or(Num::ZERO);
        let beaten: Vec<String> = others
            .iter()
            .filter(|(u, x)| self.feasible(*u, t, x).lo > floor)
            .map(|(u, _)| self.units[*u].id.clone())
            .collect();
        if ok && beaten.is_empty() {
            ch.status = Status::ExplainedByRounding;
            ch.note = Some(self.order_note(t, idx, others, last));
        } else {
            ch.status = Status::Failed;
            ch.note = Some(if beaten.is_empty() {
                Msg.t("verify-order-impossible")
            } else {
                Msg.f("verify-ranked-above", [("units", beaten.join(", ").into())])
            });
        }
        vec![ch]
    }

    /// Why a top list the computed values order differently is within rounding: the pairs the
    /// data give in the other order, and each such unit's interval and printed value.
    fn order_note(&self, t: usize, idx: &[usize], others: &[(usize, Val)], last: Num) -> Text {
        let value = |u: usize| self.val(u, t).map_or(Num::ZERO, |x| x.exact);
        let mut swapped: Vec<(usize, usize)> = idx
            .windows(2)
            .filter(|w| value(w[0]) < value(w[1]))
            .map(|w| (w[0], w[1]))
            .collect();
        if let Some(&low) = idx.iter().find(|&&u| value(u) == last) {
            swapped.extend(
                others
                    .iter()
                    .filter(|(_, x)| x.exact > last)
                    .map(|(o, _)| (low, *o)),
            );
        }
        let pairs: Vec<Text> = swapped
            .iter()
            .map(|&(a, b)| {
                Msg.f(
                    "verify-above",
                    [
                        ("higher", self.named_value(b, short(value(b)))),
                        ("lower", self.named_value(a, short(value(a)))),
                    ],
                )
            })
            .collect();
        let mut involved: Vec<usize> = Vec::new();
        for &(a, b) in &swapped {
            for u in [a, b] {
                if !involved.contains(&u) {
                    involved.push(u);
                }
            }
        }
        let ranges: Vec<Text> = involved
            .iter()
            .filter_map(|&u| {
                let x = self.val(u, t)?;
                let range = self.named_value(u, iv_text(&x.possible));
                Some(match self.pub_value(u, t) {
                    Some(pv) => Msg.f(
                        "verify-printed",
                        [("range", range), ("printed", Text::num(&pv.text))],
                    ),
                    None => range,
                })
            })
            .collect();
        if pairs.is_empty() {
            return Msg.t("verify-order-holds-somewhere");
        }
        Msg.f(
            "verify-order-note",
            [
                ("pairs", Text::join(pairs, ", ")),
                ("ranges", Text::join(ranges, ", ")),
            ],
        )
    }

    /// A unit's name and a value of it: `Rīgas dome 52`.
    fn named_value(&self, u: usize, value: Text) -> Text {
        Text::join([self.units[u].id.as_str().into(), value], " ")
    }
}

/// What every group fact is checked with.
#[derive(Clone, Copy)]
pub(super) struct GroupFact<'x> {
    path: &'x str,
    t: usize,
    /// The group's name in the facts (`valstspilsetas`), if any.
    group: Option<&'x str>,
    /// The units of the set that have a value, with it.
    have: &'x Vec<(usize, Val)>,
}

/// A check's description within a group: `valstspilsetas: top 3`.
fn in_group(group: Option<&str>, what: Text) -> Text {
    match group {
        Some(g) => Text::join([g.into(), what], ": "),
        None => what,
    }
}
