//! Alternative groupings: the group facts checked with every other metadata field that has the
//! grouping field's options (2022: `type_in_annex` next to `type`).

use super::*;

impl Cx<'_> {
    /// Other single-choice metadata fields with the same options as the grouping field (e.g. the
    /// published table's own typing): the group facts are checked with them too, and a difference
    /// is reported as an inconsistency of the source.
    pub fn grouping_checks(&mut self, facts: Option<&Facts>) {
        let (Some(f), Some(g)) = (facts, self.group.clone()) else {
            return;
        };
        let p = self.p;
        let nq = p.schema.questions.len();
        let q = self.meta(g.slot);
        let ids: Vec<&str> = q.kind.options().iter().map(|o| o.id.as_str()).collect();
        for (mi, alt) in p.schema.meta.iter().enumerate() {
            let slot = nq + mi;
            let alt_ids: Vec<&str> = alt.kind.options().iter().map(|o| o.id.as_str()).collect();
            if slot == g.slot || alt_ids != ids {
                continue;
            }
            let differ = self.differing_units(&g, slot, alt);
            if differ.is_empty() {
                continue;
            }
            let (held_main, fail_alt, fail_main_pass_alt) = self.group_facts_both_ways(f, &g, slot);
            let sizes = |s: usize| -> String {
                q.kind
                    .options()
                    .iter()
                    .enumerate()
                    .map(|(i, o)| format!("{} {}", o.id, self.members_of(s, i as u16).len()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (main, other) = (g.id.as_str().into(), alt.id.as_str().into());
            let (status, note) = if !fail_main_pass_alt.is_empty() {
                let facts = fail_main_pass_alt.join(", ").into();
                let args = [("main", main), ("other", other), ("facts", facts)];
                (Status::Failed, Msg.f("verify-grouping-fails", args))
            } else if !fail_alt.is_empty() {
                let args = [
                    ("units", differ.join("; ").into()),
                    ("held", held_main.into()),
                    ("main", main),
                    ("other", other),
                    ("facts", Text::join(fail_alt, "; ")),
                ];
                (
                    Status::InconsistentInSource,
                    Msg.f("verify-grouping-inconsistent", args),
                )
            } else {
                let units = differ.join("; ").into();
                (
                    Status::Passed,
                    Msg.f("verify-grouping-either", [("units", units)]),
                )
            };
            self.push(Check {
                area: "grouping".into(),
                fact: "grouping".into(),
                what: Msg.f(
                    "verify-grouping",
                    [
                        ("main", g.id.as_str().into()),
                        ("other", alt.id.as_str().into()),
                    ],
                ),
                unit: None,
                target: None,
                published: format!("`{}`: {}", alt.id, sizes(slot)).into(),
                computed: Msg.f(
                    "verify-grouping-needs",
                    [
                        ("main", g.id.as_str().into()),
                        ("sizes", sizes(g.slot).into()),
                    ],
                ),
                status,
                note: Some(note),
                detail: None,
                at: None,
            });
        }
    }

    /// The units the two fields put in different groups, with both values.
    fn differing_units(&self, g: &GroupField, slot: usize, alt: &Question) -> Vec<String> {
        let p = self.p;
        self.units
            .iter()
            .filter(|u| u.answers.get(slot) != u.answers.get(g.slot))
            .map(|u| {
                format!(
                    "{} ({} {}, {} {})",
                    u.id,
                    g.id,
                    crate::render::value_text(
                        p,
                        g.slot,
                        u.answers.get(g.slot).copied().unwrap_or(Value::UNANSWERED)
                    ),
                    alt.id,
                    crate::render::value_text(
                        p,
                        slot,
                        u.answers.get(slot).copied().unwrap_or(Value::UNANSWERED)
                    )
                )
            })
            .collect()
    }

    /// Every group fact with the grouping field and with the field in `slot`: how many hold with
    /// the grouping field, the failures of those that fail only with the other field, and the
    /// facts that fail only with the grouping field.
    fn group_facts_both_ways(
        &self,
        f: &Facts,
        g: &GroupField,
        slot: usize,
    ) -> (usize, Vec<Text>, Vec<String>) {
        let mut held_main = 0usize;
        let mut fail_alt: Vec<Text> = Vec::new();
        let mut fail_main_pass_alt: Vec<String> = Vec::new();
        for s in self.scopes(f) {
            let Some(t) = s.target else { continue };
            for (k, v) in &s.facts.facts {
                let Some((base, Some(gname))) = parse_base(k.get_ref()) else {
                    continue;
                };
                let Ok(o) = self.group_option(gname) else {
                    continue;
                };
                let path = format!("{}.{}", s.path, k.get_ref());
                let zero = match base {
                    Base::Levels => zero_count(s.facts, Some(gname)),
                    _ => None,
                };
                let worst = |cs: Vec<Check>| cs.iter().any(|c| c.status == Status::Failed);
                let main = self.group_fact(
                    &path,
                    t,
                    base,
                    &self.members_of(g.slot, o),
                    Some(gname),
                    v,
                    zero,
                );
                let alt_cs = self.group_fact(
                    &path,
                    t,
                    base,
                    &self.members_of(slot, o),
                    Some(gname),
                    v,
                    zero,
                );
                let alt_detail: Vec<Text> = alt_cs
                    .iter()
                    .filter(|c| c.status == Status::Failed)
                    .map(|c| {
                        Msg.f(
                            "verify-grouping-failure",
                            [
                                ("fact", path.as_str().into()),
                                ("what", c.what.clone()),
                                ("published", c.published.clone()),
                                ("computed", c.computed.clone()),
                            ],
                        )
                    })
                    .collect();
                let (mf, af) = (worst(main), worst(alt_cs));
                if !mf {
                    held_main += 1;
                }
                if !mf && af {
                    fail_alt.extend(alt_detail);
                } else if mf && !af {
                    fail_main_pass_alt.push(path);
                }
            }
        }
        (held_main, fail_alt, fail_main_pass_alt)
    }
}
