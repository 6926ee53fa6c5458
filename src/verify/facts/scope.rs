//! The facts of the file, table by table: the general facts (`[participation]`, level names,
//! `by_<field>`), and in each index or section table the per-unit facts (`precise`, `lacks`,
//! `level_<k>_units`); the facts over a set of units go to `group`.

use super::*;

impl Cx<'_> {
    pub fn run_facts(&mut self, f: &Facts) {
        let ns = self.p.sections.len();
        for (k, v) in &f.table {
            match (k.as_str(), v) {
                ("groups", _) => {}
                ("e_index" | "index", toml::Value::Table(t)) => self.scope(k, ns, t),
                ("sections", toml::Value::Table(secs)) => {
                    for (id, sv) in secs {
                        let path = format!("sections.{id}");
                        match (self.p.sections.iter().position(|x| &x.id == id), sv) {
                            (Some(s), toml::Value::Table(t)) => self.scope(&path, s, t),
                            _ => self.not_checked(
                                path,
                                sv,
                                "the ruleset has no section of this name",
                            ),
                        }
                    }
                }
                (_, toml::Value::Table(t)) => {
                    for (k2, v2) in t {
                        self.general(&format!("{k}.{k2}"), k2, v2);
                    }
                }
                _ => self.general(k, k, v),
            }
        }
    }

    /// Facts outside the index and section tables.
    fn general(&mut self, path: &str, k: &str, v: &toml::Value) {
        let p = self.p;
        let int = v.as_integer();
        let ns = p.sections.len();
        match (k, int) {
            ("index_computed", Some(n)) => {
                let c = self.units.iter().filter(|u| u.vals[ns].is_some()).count();
                self.push(simple_check(
                    path,
                    "units with a computed index",
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("min_sections_for_index", Some(n)) => {
                let c = p.index.min_sections;
                self.push(simple_check(
                    path,
                    "sections needed for the index (min_sections)",
                    n.to_string(),
                    c.to_string(),
                ));
            }
            ("sections_total", Some(n)) => {
                self.push(simple_check(
                    path,
                    "sections of the ruleset",
                    n.to_string(),
                    ns.to_string(),
                ));
            }
            ("names_lv" | "names_en", _) if v.is_array() => {
                let published: Vec<String> = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
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
                    "level names (Latvian)"
                } else {
                    "level names (English)"
                };
                self.push(simple_check(
                    path,
                    what,
                    published.join(", "),
                    computed.join(", "),
                ));
            }
            _ if k.starts_with("by_") && v.is_table() => self.by_field_fact(path, k, v),
            _ => self.not_checked(
                path.into(),
                v,
                "no generic meaning: nothing in the ruleset or the submissions to compare it with",
            ),
        }
    }

    /// The facts of one section or of the index.
    fn scope(&mut self, scope: &str, t: usize, tbl: &toml::Table) {
        let zero_all = tbl.get("zero_score").and_then(|v| v.as_integer());
        for (k, v) in tbl {
            let path = format!("{scope}.{k}");
            if let Some((base, group)) = parse_base(k) {
                let members = match group {
                    None => Ok((self.all_units(), None)),
                    Some(g) => self.group_option(g).map(|o| {
                        let slot = self.group.as_ref().map_or(0, |x| x.slot);
                        (self.members_of(slot, o), Some(g.to_string()))
                    }),
                };
                match members {
                    Ok((m, g)) => {
                        let zero = match (&base, &g) {
                            (Base::Levels, None) => zero_all.map(|z| z as usize),
                            (Base::Levels, Some(g)) => tbl
                                .get(&format!("zero_score_{g}"))
                                .and_then(|v| v.as_integer())
                                .map(|z| z as usize),
                            _ => None,
                        };
                        let cs = self.group_fact(&path, t, base, &m, g.as_deref(), v, zero);
                        self.checks.extend(cs);
                    }
                    Err(e) => self.not_checked(path, v, &e.to_string()),
                }
                continue;
            }
            if let Some(level) = parse_level_units(k) {
                self.level_units(&path, t, level, v, tbl);
                continue;
            }
            match k.as_str() {
                "precise" => self.precise_facts(&path, t, v),
                "lacks" => self.lacks_facts(&path, t, v),
                _ => self.not_checked(
                    path,
                    v,
                    "not a fact `eindex verify` knows (see docs/verify.md)",
                ),
            }
        }
    }

    fn precise_facts(&mut self, path: &str, t: usize, v: &toml::Value) {
        let Some(tbl) = v.as_table() else {
            self.not_checked(path.into(), v, "expected a table unit = value");
            return;
        };
        for (u, x) in tbl {
            let mut ch = self.fact_check(path.into(), format!("precise value: {u}"), t);
            ch.unit = Some(u.clone());
            let Some(pv) = fact_num(x) else {
                ch.status = Status::NotChecked;
                ch.published = compact(x);
                ch.note = Some("expected a number".into());
                self.push(ch);
                continue;
            };
            ch.published = pv.text.clone();
            let Some(ui) = self.unit_index(u) else {
                ch.status = Status::Failed;
                ch.computed = "unit not in the submissions".into();
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
                let mut cc =
                    self.fact_check(path.into(), format!("the table's value agrees: {u}"), t);
                cc.unit = Some(u.clone());
                let r = pv.value.round(tv.decimals, self.p.survey.rounding);
                cc.published = format!("table {}", tv.text);
                cc.computed = format!(
                    "{} → {}",
                    pv.text,
                    r.format(tv.decimals, self.p.survey.rounding)
                );
                cc.status = if r == tv.value {
                    Status::Passed
                } else {
                    Status::InconsistentInSource
                };
                if cc.status != Status::Passed {
                    cc.note =
                        Some("the text and the table print different values for this unit".into());
                }
                self.push(cc);
            }
        }
    }

    fn lacks_facts(&mut self, path: &str, t: usize, v: &toml::Value) {
        let Some(list) = v.as_array() else {
            self.not_checked(
                path.into(),
                v,
                "expected a list of { unit, points, to_level }",
            );
            return;
        };
        for (i, item) in list.iter().enumerate() {
            let fact = format!("{path}[{i}]");
            let tbl = item.as_table();
            let unit = tbl.and_then(|x| x.get("unit")).and_then(|x| x.as_str());
            let to = tbl
                .and_then(|x| x.get("to_level"))
                .and_then(|x| x.as_integer());
            let points = tbl
                .and_then(|x| x.get("points"))
                .and_then(fact_num)
                .map(|p| p.value);
            let (Some(unit), Some(to)) = (unit, to) else {
                self.not_checked(fact, item, "expected { unit, points, to_level }");
                return;
            };
            let to = to.clamp(0, 255) as u8;
            let mut ch = self.fact_check(fact, unit.to_string(), t);
            ch.unit = Some(unit.to_string());
            ch.published = lacks_text(self.p, points, to);
            let Some(ui) = self.unit_index(unit) else {
                ch.status = Status::Failed;
                ch.computed = "unit not in the submissions".into();
                ch.note = self.unit_hint(unit);
                self.push(ch);
                continue;
            };
            let Some(val) = self.val(ui, t) else {
                ch.status = Status::Failed;
                ch.computed = "no value".into();
                self.push(ch);
                continue;
            };
            let g = gap(self.p, self.plan, t, val.compared);
            ch.computed = match &g {
                Some(g) => lacks_text(self.p, Some(g.amount), g.next_level),
                None => "at the top level".into(),
            };
            let matches = |g: &Option<eval::Gap>| {
                g.as_ref()
                    .is_some_and(|g| g.next_level == to && points.is_none_or(|p| p == g.amount))
            };
            ch.status = if matches(&g) {
                if points.is_none() {
                    ch.note =
                        Some("the report omits the number of points; the level agrees".into());
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
    }

    fn level_units(&mut self, path: &str, t: usize, level: u8, v: &toml::Value, tbl: &toml::Table) {
        let Some(list) = v.as_array() else {
            self.not_checked(path.into(), v, "expected a list of units");
            return;
        };
        let names: Vec<&str> = list.iter().filter_map(|x| x.as_str()).collect();
        let mut ch = self.fact_check(
            path.into(),
            format!("units at level {}, by name", level_text(self.p, level)),
            t,
        );
        ch.published = names.join(", ");
        let mut at: Vec<usize> = (0..self.units.len())
            .filter(|&u| self.val(u, t).is_some_and(|x| x.level == level))
            .collect();
        at.sort_by_key(|&u| std::cmp::Reverse(self.val(u, t).map(|x| x.exact)));
        ch.computed = at
            .iter()
            .map(|&u| self.units[u].id.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let idx: Vec<Option<usize>> = names.iter().map(|n| self.unit_index(n)).collect();
        let same = idx.len() == at.len() && idx.iter().all(|u| u.is_some_and(|u| at.contains(&u)));
        ch.status = if same { Status::Passed } else { Status::Failed };
        self.push(ch);
        if let Some(n) = tbl
            .get("levels")
            .and_then(|l| l.as_table())
            .and_then(|l| l.get(&level.to_string()))
            .and_then(|x| x.as_integer())
        {
            let mut cc = self.fact_check(
                path.into(),
                format!("the list agrees with levels.{level}"),
                t,
            );
            cc.published = format!("{} units listed", names.len());
            cc.computed = format!("levels.{level} = {n}");
            cc.status = if names.len() as i64 == n {
                Status::Passed
            } else {
                Status::InconsistentInSource
            };
            self.push(cc);
        }
    }
    /// `by_<field> = { option = units }`: the units per option of a metadata field.
    fn by_field_fact(&mut self, path: &str, k: &str, v: &toml::Value) {
        let p = self.p;
        let field = &k[3..];
        let nq = p.schema.questions.len();
        let Some(mi) = p
            .schema
            .meta
            .iter()
            .position(|m| m.id == field && !m.kind.options().is_empty())
        else {
            self.not_checked(
                path.into(),
                v,
                "no single-choice metadata field of this name in the schema",
            );
            return;
        };
        let q = &p.schema.meta[mi];
        for (opt, n) in v.as_table().into_iter().flatten() {
            let Some(n) = n.as_integer() else { continue };
            match option_of(q, opt) {
                Some(o) => {
                    let c = self.members_of(nq + mi, o).len();
                    let mut ch = simple_check(
                        path,
                        &format!("units with {field} = {opt}"),
                        n.to_string(),
                        c.to_string(),
                    );
                    ch.fact = format!("{path}.{opt}");
                    self.push(ch);
                }
                None => self.not_checked(
                    format!("{path}.{opt}"),
                    &toml::Value::Integer(n),
                    &format!("`{opt}` is not an option of `{field}`"),
                ),
            }
        }
    }
}

/// A fact compared as text: passed when equal.
fn simple_check(path: &str, what: &str, published: String, computed: String) -> Check {
    Check {
        area: "facts".into(),
        fact: path.to_string(),
        what: what.into(),
        unit: None,
        target: None,
        status: if published == computed {
            Status::Passed
        } else {
            Status::Failed
        },
        published,
        computed,
        note: None,
        detail: None,
        at: None,
    }
}
