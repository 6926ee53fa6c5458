//! The thresholds the level facts allow (`super::super::thresholds` does the analysis): the
//! facts of each table turned into counts and "lacks" remarks, and the ruleset's bounds checked
//! against the intervals.

use super::*;

impl Cx<'_> {
    /// The compared value the report's own figures give a unit (precise, else table, else computed).
    fn pub_compared(&self, u: usize, t: usize) -> Option<Num> {
        match self.pub_value(u, t) {
            Some(pv) => Some(self.compared(pv.value)),
            None => self.val(u, t).map(|v| v.compared),
        }
    }

    pub fn threshold_checks(&mut self, facts: Option<&Facts>) -> Vec<ThresholdReport> {
        let Some(f) = facts else { return Vec::new() };
        let p = self.p;
        let nb = p.levels.len().saturating_sub(1);
        let Some(d) = p.survey.compare else {
            self.push(Check {
                area: "thresholds".into(),
                fact: "thresholds".into(),
                what: Msg.t("verify-thresholds-what"),
                unit: None,
                target: None,
                published: Text::default(),
                computed: Text::default(),
                status: Status::NotChecked,
                note: Some(Msg.t("verify-thresholds-exact")),
                detail: None,
                at: None,
            });
            return Vec::new();
        };
        let step = Num::frac(1, 10i128.pow(d)).unwrap_or(Num::ONE);
        let mut out = Vec::new();
        for s in self.scopes(f) {
            let Some(t) = s.target else { continue };
            let (counts, lacks) = self.threshold_facts(t, s.facts);
            if counts.is_empty() && lacks.is_empty() {
                continue;
            }
            let a = thresholds::analyse(nb, step, &counts, &lacks);
            let th = match p.sections.get(t) {
                Some(s) => &s.thresholds,
                None => &p.index.thresholds,
            };
            let ruleset: Vec<Num> = th
                .bounds
                .iter()
                .take(nb)
                .map(|b| match th.kind {
                    ThresholdKind::Upper => *b,
                    ThresholdKind::Lower => b.sub(step).unwrap_or(*b),
                })
                .collect();
            let start = self.checks.len();
            self.threshold_verdict(&s.path, t, &a, &ruleset);
            // the checks of the table's thresholds: at its `levels`, else at its name
            let at = s.facts.key_span("levels").unwrap_or(s.name.clone());
            self.place(start, f.loc(at));
            out.push(ThresholdReport {
                target: target_name(p, t).to_string(),
                ruleset,
                analysis: a,
            });
        }
        out
    }

    /// The level counts and "lacks" remarks of one table, with the published values they concern.
    fn threshold_facts(&self, t: usize, facts: &ScopeFacts) -> (Vec<CountFact>, Vec<LacksFact>) {
        let p = self.p;
        let zero_apart = p.sections.get(t).is_some_and(|s| s.zero_apart);
        let values_of = |members: &[usize]| -> Vec<Num> {
            members
                .iter()
                .filter_map(|&u| self.pub_compared(u, t))
                .filter(|c| !(zero_apart && c.is_zero()))
                .collect()
        };
        let mut counts = Vec::new();
        let mut lacks = Vec::new();
        for (k, fact) in &facts.facts {
            match fact {
                ScopeFact::Levels(levels) => {
                    let Some((Base::Levels, g)) = parse_base(k.get_ref()) else {
                        continue;
                    };
                    let members = match g {
                        None => self.all_units(),
                        Some(g) => match self.group_option(g) {
                            Ok(o) => self.members_of(self.group.as_ref().map_or(0, |x| x.slot), o),
                            Err(_) => continue,
                        },
                    };
                    let c: BTreeMap<u8, usize> = levels
                        .iter()
                        .map(|(l, n)| (l.level, *n as usize))
                        .filter(|(l, _)| *l > 0)
                        .collect();
                    counts.push(CountFact {
                        desc: format!("{} {}", k.get_ref(), compact(&fact.to_value())).into(),
                        values: values_of(&members),
                        counts: c,
                    });
                }
                ScopeFact::Lacks(items) => {
                    for item in items {
                        let LacksEntry {
                            unit,
                            points,
                            to_level: to,
                            ..
                        } = item.get_ref();
                        let points = points.and_then(|p| p.to_pub()).map(|p| p.value);
                        if let Some(x) = self.unit_index(unit).and_then(|u| self.pub_compared(u, t))
                        {
                            lacks.push(LacksFact {
                                desc: Text::concat([
                                    unit.as_str().into(),
                                    " (".into(),
                                    short(x),
                                    ") ".into(),
                                    lacks_text(p, points, *to),
                                ]),
                                x,
                                points,
                                to_level: *to,
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        (counts, lacks)
    }

    /// The ruleset's bounds of one target against the intervals the facts allow; when no bounds
    /// satisfy the facts, their failed level checks become the source's inconsistencies.
    fn threshold_verdict(
        &mut self,
        scope: &str,
        t: usize,
        a: &thresholds::Analysis,
        ruleset: &[Num],
    ) {
        let name = target_name(self.p, t).to_string();
        if let Some(conflict) = &a.conflict {
            // the level facts of this target cannot all hold: their failures are the source's
            let levels_prefix = format!("{scope}.levels");
            let lacks_prefix = format!("{scope}.lacks");
            for c in self.checks.iter_mut() {
                if c.area == "facts"
                    && c.status == Status::Failed
                    && (c.fact.starts_with(&levels_prefix) || c.fact.starts_with(&lacks_prefix))
                {
                    c.status = Status::InconsistentInSource;
                    let n = Msg.f(
                        "verify-no-thresholds-for",
                        [("scope", scope.into()), ("conflict", conflict.clone())],
                    );
                    c.note = Some(match c.note.take() {
                        Some(old) => Text::join([old, n], "; "),
                        None => n,
                    });
                }
            }
            self.push(Check {
                area: "thresholds".into(),
                fact: format!("{scope}.levels"),
                what: Msg.f("verify-thresholds-for", [("target", name.as_str().into())]),
                unit: None,
                target: Some(name.clone()),
                published: Msg.t("verify-level-facts"),
                computed: Msg.t("verify-no-thresholds"),
                status: Status::InconsistentInSource,
                note: Some(conflict.clone()),
                detail: None,
                at: None,
            });
        } else {
            for (k, b) in a.bounds.iter().enumerate() {
                let r = ruleset.get(k).copied();
                let inside = r.is_some_and(|x| b.lo <= x && x <= b.hi);
                self.push(Check {
                    area: "thresholds".into(),
                    fact: format!("{scope}.levels"),
                    what: format!("{name} u{}", k + 1).into(),
                    unit: None,
                    target: Some(name.clone()),
                    published: Msg.f("verify-facts-allow", [("bound", b.text())]),
                    computed: Msg.f(
                        "verify-ruleset-bound",
                        [("bound", r.map_or("–".into(), |x| Text::num(x.to_string())))],
                    ),
                    status: if inside {
                        Status::Passed
                    } else {
                        Status::Failed
                    },
                    note: (!inside).then(|| {
                        Text::concat([
                            "≥ ".into(),
                            Text::num(b.lo.to_string()),
                            " (".into(),
                            Text::join(b.lo_from.clone(), "; "),
                            "), ≤ ".into(),
                            Text::num(b.hi.to_string()),
                            " (".into(),
                            Text::join(b.hi_from.clone(), "; "),
                            ")".into(),
                        ])
                    }),
                    detail: None,
                    at: None,
                });
            }
        }
    }
}
