//! The facts of the file, table by table: the general facts (`[participation]`, level names,
//! `by_<field>`), and in each index or section table the per-unit facts (`precise`, `lacks`,
//! `level_<k>_units`); the facts over a set of units go to `group`.

use super::*;

impl Cx<'_> {
    /// Every fact of the file, in file order; each check is placed at its fact's key.
    pub fn run_facts(&mut self, f: &Facts) {
        let mut scopes = self.scopes(f).into_iter();
        for (key, entry) in &f.raw.entries {
            let k = key.get_ref();
            match entry {
                TopEntry::Groups(_) => {}
                TopEntry::Scope(_) => {
                    if let Some(s) = scopes.next() {
                        self.scope_facts(f, &s);
                    }
                }
                TopEntry::Sections(secs) => {
                    for s in scopes.by_ref().take(secs.len()) {
                        self.scope_facts(f, &s);
                    }
                }
                TopEntry::Answers(qs) => self.answer_facts(f, qs),
                TopEntry::General(facts) => {
                    for (k2, g) in facts {
                        let start = self.checks.len();
                        self.general(&format!("{k}.{}", k2.get_ref()), k2.get_ref(), g);
                        self.place(start, f.loc(k2.span()));
                    }
                }
                TopEntry::Fact(g) => {
                    let start = self.checks.len();
                    self.general(k, k, g);
                    self.place(start, f.loc(key.span()));
                }
            }
        }
    }

    /// The facts of an index or section table; a section the ruleset does not have is listed as
    /// not checked.
    fn scope_facts(&mut self, f: &Facts, s: &Scope) {
        let Some(t) = s.target else {
            let start = self.checks.len();
            self.not_checked(
                s.path.clone(),
                &s.facts.to_value(),
                Msg.t("verify-no-such-section"),
            );
            self.place(start, f.loc(s.name.clone()));
            return;
        };
        for (key, fact) in &s.facts.facts {
            let start = self.checks.len();
            self.scope_fact(f, s, t, key.get_ref(), fact);
            self.place(start, f.loc(key.span()));
        }
    }

    /// Facts outside the index and section tables.
    fn general(&mut self, path: &str, k: &str, g: &GeneralFact) {
        let p = self.p;
        let ns = p.sections.len();
        match (k, &g.form) {
            ("index_computed", GeneralForm::Integer(n)) => {
                let c = self.units.iter().filter(|u| u.vals[ns].is_some()).count();
                self.push(simple_check(
                    path,
                    Msg.t("verify-units-with-index"),
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("min_sections_for_index", GeneralForm::Integer(n)) => {
                let c = p.index.min_sections;
                self.push(simple_check(
                    path,
                    Msg.t("verify-min-sections"),
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("sections_total", GeneralForm::Integer(n)) => {
                self.push(simple_check(
                    path,
                    Msg.t("verify-sections-total"),
                    n.to_string(),
                    ns.to_string(),
                ));
            }
            ("names_lv" | "names_en", GeneralForm::Strings(published)) => {
                let computed: Vec<String> = p
                    .levels
                    .iter()
                    .map(|l| {
                        if k == "names_lv" {
                            l.lv.clone()
                        } else {
                            l.en.clone().unwrap_or_default()
                        }
                    })
                    .collect();
                let what = if k == "names_lv" {
                    Msg.t("verify-level-names-lv")
                } else {
                    Msg.t("verify-level-names-en")
                };
                self.push(simple_check(
                    path,
                    what,
                    published.join(", "),
                    computed.join(", "),
                ));
            }
            (_, GeneralForm::Counts(counts)) if k.starts_with("by_") => {
                self.by_field_fact(path, k, counts, &g.value)
            }
            _ => self.not_checked(path.into(), &g.value, Msg.t("verify-no-meaning")),
        }
    }

    /// One fact of an index or section table.
    fn scope_fact(&mut self, f: &Facts, s: &Scope, t: usize, k: &str, fact: &ScopeFact) {
        let path = format!("{}.{k}", s.path);
        match fact {
            ScopeFact::Levels(_) | ScopeFact::Zero(_) | ScopeFact::Mean(_) | ScopeFact::Top(_) => {
                if let Some((base, group)) = parse_base(k) {
                    self.group_fact_of(s.facts, &path, t, base, group, fact);
                }
            }
            ScopeFact::LevelUnits(list) => {
                if let Some(level) = parse_level_units(k) {
                    self.level_units(&path, t, level, list, s.facts);
                }
            }
            ScopeFact::Precise(values) => self.precise_facts(&path, t, values),
            ScopeFact::Lacks(items) => self.lacks_facts(f, &path, t, items),
            ScopeFact::Other(v) => self.not_checked(path, v, Msg.t("verify-unknown-fact")),
        }
    }

    /// A fact over all units or a group (`base`, `group` from its key).
    fn group_fact_of(
        &mut self,
        facts: &ScopeFacts,
        path: &str,
        t: usize,
        base: Base,
        group: Option<&str>,
        fact: &ScopeFact,
    ) {
        let members = match group {
            None => Ok((self.all_units(), None)),
            Some(g) => self.group_option(g).map(|o| {
                let slot = self.group.as_ref().map_or(0, |x| x.slot);
                (self.members_of(slot, o), Some(g.to_string()))
            }),
        };
        match members {
            Ok((m, g)) => {
                let zero = match base {
                    Base::Levels => zero_count(facts, g.as_deref()),
                    _ => None,
                };
                let cs = self.group_fact(path, t, base, &m, g.as_deref(), fact, zero);
                self.checks.extend(cs);
            }
            Err(e) => self.not_checked(path.into(), &fact.to_value(), group_error_text(&e)),
        }
    }

    fn precise_facts(&mut self, path: &str, t: usize, values: &IndexMap<String, FactNumber>) {
        for (u, x) in values {
            let what = Msg.f("verify-precise-value", [("unit", u.into())]);
            let mut ch = self.fact_check(path.into(), what, t);
            ch.unit = Some(u.clone());
            let Some(pv) = x.to_pub() else {
                ch.status = Status::NotChecked;
                ch.published = compact(&x.to_value()).into();
                ch.note = Some(Msg.t("verify-expected-number"));
                self.push(ch);
                continue;
            };
            ch.published = Text::num(&pv.text);
            let Some(ui) = self.unit_index(u) else {
                ch.status = Status::Failed;
                ch.computed = Msg.t("verify-unit-not-submitted");
                ch.note = self.unit_hint(u);
                self.push(ch);
                continue;
            };
            let Some(val) = self.val(ui, t) else {
                ch.status = Status::Failed;
                ch.computed = "–".into();
                self.push(ch);
                continue;
            };
            let (s, c, note, detail) = compare_value(self.p, &pv, &val);
            ch.status = s;
            ch.computed = c;
            ch.note = note;
            ch.detail = detail;
            self.push(ch);
            // the precise value against the table's printed value
            if let Some(tv) =
                self.pub_row[ui].and_then(|r| self.published.rows[r].values[t].clone())
            {
                let what = Msg.f("verify-table-agrees", [("unit", u.into())]);
                let mut cc = self.fact_check(path.into(), what, t);
                cc.unit = Some(u.clone());
                let r = pv.value.round(tv.decimals, self.p.survey.rounding);
                cc.published = Msg.f("verify-in-table", [("value", Text::num(&tv.text))]);
                cc.computed = Text::join(
                    [
                        Text::num(&pv.text),
                        Text::num(r.format(tv.decimals, self.p.survey.rounding)),
                    ],
                    " → ",
                );
                cc.status = if r == tv.value {
                    Status::Passed
                } else {
                    Status::InconsistentInSource
                };
                if cc.status != Status::Passed {
                    cc.note = Some(Msg.t("verify-text-and-table-differ"));
                }
                self.push(cc);
            }
        }
    }

    /// `lacks = [ ... ]`: each entry, placed at the entry.
    fn lacks_facts(&mut self, f: &Facts, path: &str, t: usize, items: &[Spanned<LacksEntry>]) {
        for (i, item) in items.iter().enumerate() {
            let start = self.checks.len();
            self.lacks_fact(format!("{path}[{i}]"), t, item.get_ref());
            self.place(start, f.loc(item.span()));
        }
    }

    /// One "lacks N points to reach level k" remark against the unit's gap to the next level.
    fn lacks_fact(&mut self, fact: String, t: usize, item: &LacksEntry) {
        let unit = item.unit.as_str();
        let to = item.to_level;
        let points = item.points.and_then(|p| p.to_pub()).map(|p| p.value);
        let mut ch = self.fact_check(fact, unit.into(), t);
        ch.unit = Some(unit.to_string());
        ch.published = lacks_text(self.p, points, to);
        let Some(ui) = self.unit_index(unit) else {
            ch.status = Status::Failed;
            ch.computed = Msg.t("verify-unit-not-submitted");
            ch.note = self.unit_hint(unit);
            self.push(ch);
            return;
        };
        let Some(val) = self.val(ui, t) else {
            ch.status = Status::Failed;
            ch.computed = Msg.t("verify-no-value");
            self.push(ch);
            return;
        };
        let g = gap(self.p, self.plan, t, val.compared);
        ch.computed = match &g {
            Some(g) => lacks_text(self.p, Some(g.amount), g.next_level),
            None => Msg.t("verify-at-top-level"),
        };
        let matches = |g: &Option<eval::Gap>| {
            g.as_ref()
                .is_some_and(|g| g.next_level == to && points.is_none_or(|p| p == g.amount))
        };
        ch.status = if matches(&g) {
            if points.is_none() {
                ch.note = Some(Msg.t("verify-points-omitted"));
            }
            Status::Passed
        } else {
            let eps = Num::frac(1, 1_000_000_000_000).unwrap_or(Num::ZERO);
            let ends = [
                val.possible.lo,
                val.possible.hi.sub(eps).unwrap_or(val.possible.hi),
            ];
            if val.possible.lo != val.possible.hi
                && ends
                    .iter()
                    .any(|e| matches(&gap(self.p, self.plan, t, self.compared(*e))))
            {
                Status::ExplainedByRounding
            } else {
                Status::Failed
            }
        };
        self.push(ch);
    }

    /// `level_<k>_units = [ ... ]`: the units at level k; and that the list agrees with `levels.k`.
    fn level_units(
        &mut self,
        path: &str,
        t: usize,
        level: u8,
        list: &[String],
        facts: &ScopeFacts,
    ) {
        let names: Vec<&str> = list.iter().map(String::as_str).collect();
        let what = Msg.f(
            "verify-level-units-by-name",
            [("level", level.into()), ("name", level_name(self.p, level))],
        );
        let mut ch = self.fact_check(path.into(), what, t);
        ch.published = names.join(", ").into();
        let mut at: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.val(u, t).is_some_and(|x| x.level == level))
            .collect();
        at.sort_by_key(|&u| std::cmp::Reverse(self.val(u, t).map(|x| x.exact)));
        ch.computed = at
            .iter()
            .map(|&u| self.units[u].id.clone())
            .collect::<Vec<_>>()
            .join(", ")
            .into();
        let idx: Vec<Option<usize>> = names.iter().map(|n| self.unit_index(n)).collect();
        let same = idx.len() == at.len() && idx.iter().all(|u| u.is_some_and(|u| at.contains(&u)));
        ch.status = if same { Status::Passed } else { Status::Failed };
        self.push(ch);
        let listed = match facts.get("levels") {
            Some(ScopeFact::Levels(m)) => m
                .iter()
                .find(|(l, _)| l.text == level.to_string())
                .map(|(_, n)| i64::from(*n)),
            _ => None,
        };
        if let Some(n) = listed {
            let what = Msg.f(
                "verify-list-agrees",
                [("key", format!("levels.{level}").into())],
            );
            let mut cc = self.fact_check(path.into(), what, t);
            cc.published = Msg.f("verify-units-listed", [("n", names.len().into())]);
            cc.computed = format!("levels.{level} = {n}").into();
            cc.status = if names.len() as i64 == n {
                Status::Passed
            } else {
                Status::InconsistentInSource
            };
            self.push(cc);
        }
    }

    /// `by_<field> = { option = units }`: the units per option of a metadata field.
    fn by_field_fact(&mut self, path: &str, k: &str, counts: &[(String, i64)], v: &toml::Value) {
        let p = self.p;
        let field = &k[3..];
        let nq = p.schema.questions.len();
        let Some(mi) = p
            .schema
            .meta
            .iter()
            .position(|m| m.id == field && !m.kind.options().is_empty())
        else {
            self.not_checked(path.into(), v, Msg.t("verify-no-such-field"));
            return;
        };
        let q = &p.schema.meta[mi];
        for (opt, n) in counts {
            let n = *n;
            match option_of(q, opt) {
                Some(o) => {
                    let c = self.members_of(nq + mi, o).len();
                    let what = Msg.f(
                        "verify-units-with-option",
                        [("field", field.into()), ("option", opt.into())],
                    );
                    let mut ch = simple_check(path, what, n.to_string(), c.to_string());
                    ch.fact = format!("{path}.{opt}");
                    self.push(ch);
                }
                None => self.not_checked(
                    format!("{path}.{opt}"),
                    &toml::Value::Integer(n),
                    Msg.f(
                        "verify-not-an-option",
                        [("option", opt.into()), ("field", field.into())],
                    ),
                ),
            }
        }
    }
}

/// A fact compared as text: passed when equal.
fn simple_check(path: &str, what: Text, published: String, computed: String) -> Check {
    Check {
        area: "facts".into(),
        fact: path.to_string(),
        what,
        unit: None,
        target: None,
        status: if published == computed {
            Status::Passed
        } else {
            Status::Failed
        },
        published: published.into(),
        computed: computed.into(),
        note: None,
        detail: None,
        at: None,
    }
}

/// The `zero_score` (of `group`) of a table, counted apart from the levels.
pub(super) fn zero_count(facts: &ScopeFacts, group: Option<&str>) -> Option<usize> {
    let key = match group {
        None => "zero_score".to_string(),
        Some(g) => format!("zero_score_{g}"),
    };
    match facts.get(&key) {
        Some(ScopeFact::Zero(n)) => Some(*n as usize),
        _ => None,
    }
}
