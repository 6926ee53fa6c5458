//! The problems each reader reports: file, row, column and message.

use super::*;
use crate::num::Num;
use crate::schema::Schema;
use std::path::Path;

fn schema() -> Schema {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/2022");
    let rs = crate::ruleset::load(&dir).expect("rules/2022 loads");
    rs.program.expect("a checked program").schema
}

/// Writes `text` to a temporary file named `name` and reads it with `read`; the first line
/// of every problem.
fn problems<T: std::fmt::Debug>(
    name: &str,
    text: &str,
    read: impl Fn(&Path) -> Result<T, Vec<SpecError>>,
) -> Vec<String> {
    let dir = tempfile::Builder::new()
        .prefix("eindex-spec-")
        .tempdir()
        .unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let errors = read(&path).expect_err("the file has problems");
    let _ = std::fs::remove_file(&path);
    let prefix = format!("{}", path.display());
    errors
        .iter()
        .map(|e| {
            let s = e.to_string();
            let first = s.lines().next().unwrap_or_default().to_string();
            first.replacen(&prefix, "", 1)
        })
        .collect()
}

#[test]
fn targets_problems_name_row_and_column() {
    let s = schema();
    let text = "unit,type,planning_region,employees,communication,customer_service,service_provision,internal_processes,open_data,comunication,type
A,regional,zemgale,420,56,44,50,51,0,1,regional
B,regionalx,zemgale,abc,156,-4,x,51%,,1,regional
,regional,zemgale,420,56,44,50,51,0,1,regional
A,regional,zemgale,420,56,44,50,51,0,1,regional
";
    assert_eq!(
        problems("t.csv", text, |p| read_targets(p, &s)),
        [
            ":1:10 (column `comunication`): unknown column `comunication`",
            ":1:11 (column `type`): column `type` appears twice",
            ":3:2 (column `type`): `regionalx` is not a value of `type`",
            ":3:4 (column `employees`): `abc` is not a value of `employees`",
            ":3:5 (column `communication`): `156` is not a score from 0 to 100",
            ":3:6 (column `customer_service`): `-4` is not a score from 0 to 100",
            ":3:7 (column `service_provision`): `x` is not a score from 0 to 100",
            ":4:1 (column `unit`): the unit id is empty",
            ":5:1 (column `unit`): unit `A` appears twice (also row 2)",
        ]
    );
    let ok = "unit,type,employees,communication,index\nC,Regional,420,56%,40\n";
    let dir = tempfile::Builder::new()
        .prefix("eindex-spec-ok-")
        .tempdir()
        .unwrap();
    std::fs::write(dir.path().join("ok.csv"), ok).unwrap();
    let t = read_targets(&dir.path().join("ok.csv"), &s).expect("valid targets");
    assert!(t.has_index);
    let u = &t.units[0];
    assert_eq!(u.meta_text[0].as_deref(), Some("regional"));
    assert_eq!(u.sections[0], Some(Num::int(56)));
    assert_eq!(u.index, Some(Num::int(40)));
    assert_eq!(u.sections[1], None);
}

#[test]
fn shares_problems_name_row_and_column() {
    let s = schema();
    let text = "question,option,share,note
q_social_media,facebook,100%,x
q_social_media,facebok,50%,x
q_nope,facebook,50%,x
q_social_media,dont_know,5%,x
q_a11y_statement,yes,97%,
q_a11y_statement,maybe,97%,
q_a11y_statement,yes,90%,
q_websites_count,one|sevral,50%,
q_docs_received,one,50%,
q_websites_count,one,150%,
";
    assert_eq!(
        problems("s.csv", text, |p| read_shares(&[p], &s)),
        [
            ":3:2 (column `option`): `facebok` is not an option of `q_social_media`",
            ":4:1 (column `question`): `q_nope` is not a question of the schema",
            ":5:2 (column `option`): `q_social_media` does not accept \"don't know\"",
            ":7:2 (column `option`): `maybe` is not an answer of the yes/no question `q_a11y_statement`",
            ":8:2 (column `option`): `q_a11y_statement` `yes` already has a share (row 6)",
            ":9:2 (column `option`): `sevral` is not an option of `q_websites_count`",
            ":10:2 (column `option`): `q_docs_received` is a integer question; only `dont_know` shares can be given for it",
            ":11:3 (column `share`): `150%` is not a share",
        ]
    );
}

#[test]
fn numbers_problems_name_row_and_column() {
    let s = schema();
    let text = "question,low,high,per,part_of
q_docs_received,25,90,employees,
q_docs_received,25,90,employees,
q_social_media,1,2,,
q_docs_sent,a,2,,
q_edocs_received,5,2,,
q_edocs_sent,0.1,1,type,
q_service_applications_total,0.1,1,employees,q_docs_sent
q_service_applications_electronic,0.1,2,,q_service_applications_total
q_od_datasets,0.1,1,,q_od_datasets
";
    assert_eq!(
        problems("n.csv", text, |p| read_numbers(p, &s)),
        [
            ":3:1 (column `question`): `q_docs_received` is listed twice",
            ":4:1 (column `question`): `q_social_media` is a multiple choice question, not a number",
            ":5:2 (column `low`): `a`..`2` is not a range of numbers",
            ":6:2 (column `low`): low 5 is above high 2",
            ":7:4 (column `per`): `type` is not a numeric metadata field",
            ":8:5 (column `part_of`): a question cannot have both `per` and `part_of`",
            ":9:2 (column `low`): with `part_of`, low and high are fractions from 0 to 1",
            ":10:5 (column `part_of`): `q_od_datasets` is not another numeric question",
        ]
    );
    let cycle = "question,low,high,part_of
q_docs_received,0.1,1,q_docs_sent
q_docs_sent,0.1,1,q_docs_received
";
    assert_eq!(
        problems("c.csv", cycle, |p| read_numbers(p, &s)),
        [
            ": `q_docs_received` is, through `part_of`, a part of itself",
            ": `q_docs_sent` is, through `part_of`, a part of itself",
        ]
    );
}

#[test]
fn group_shares_name_the_field_and_value() {
    let s = schema();
    let text = "question,option,share,group,note
q_social_media,instagram,86%,type=valstspilseta,x
q_social_media,instagram,76%,,x
q_social_media,twitter,86%,typ=valstspilseta,x
q_social_media,twitter,86%,type=valstspilsetas,x
q_social_media,twitter,86%,valstspilseta,x
q_social_media,instagram,80%,type=valstspilseta,x
";
    assert_eq!(
        problems("g.csv", text, |p| read_shares(&[p], &s)),
        [
            ":4:4 (column `group`): `typ` is not a metadata field of the schema",
            ":5:4 (column `group`): `valstspilsetas` is not a value of the metadata field `type`",
            ":6:4 (column `group`): `valstspilseta` is not a group",
            ":7:2 (column `option`): `q_social_media` `instagram` already has a share (row 2)",
        ]
    );
    let dir = tempfile::Builder::new()
        .prefix("eindex-spec-groups-")
        .tempdir()
        .unwrap();
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
    std::fs::write(&a, "question,option,share\nq_social_media,instagram,76%\n").unwrap();
    std::fs::write(
        &b,
        "question,option,share,group\nq_social_media,instagram,86%,type=valstspilseta\nq_social_media,instagram,70%,\n",
    )
    .unwrap();
    let errors = read_shares(&[a.as_path(), b.as_path()], &s).expect_err("a share twice");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        format!(
            "`q_social_media` `instagram` already has a share ({} row 2)",
            a.display()
        )
    );
    let rows = read_shares(&[a.as_path()], &s).expect("valid");
    assert_eq!(rows[0].group, None);
    std::fs::write(
        &b,
        "question,option,share,group\nq_social_media,instagram,86%,type=valstspilseta\n",
    )
    .unwrap();
    let rows = read_shares(&[a.as_path(), b.as_path()], &s).expect("valid");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1].label,
        "q_social_media instagram [type=valstspilseta]"
    );
    assert_eq!(
        s.meta[rows[1].group.as_ref().expect("a group").meta].id,
        "type"
    );
}

#[test]
fn figures_problems_name_row_and_column() {
    let s = schema();
    let dir = tempfile::Builder::new()
        .prefix("eindex-spec-fig-")
        .tempdir()
        .unwrap();
    let tpath = dir.path().join("t.csv");
    std::fs::write(
        &tpath,
        "unit,type,employees,communication\nA,regional,420,56\nRīgas dome,valstspilseta,4800,80\n",
    )
    .unwrap();
    let targets = read_targets(&tpath, &s).expect("valid targets");
    let text = "measure,group,value,note
sum(q_docs_received),,1 049 816,ok
\"ratio(q_edocs_received, q_docs_received)\",type=valstspilseta,90%,ok
\"ratio(q_edocs_sent, q_docs_sent)\",unit=Rīgas dome,92%,ok
\"missing_any(q_edocs_received, q_edocs_sent)\",,4,ok
sum(q_social_media),,5,bad
mean(q_docs_sent),,5,bad
sum(q_docs_sent,,5,bad
\"ratio(q_edocs_sent, q_docs_sent)\",unit=Rigas dome,92%,bad
\"ratio(q_edocs_sent, q_docs_sent)\",,192%,bad
missing_all(q_edocs_sent),,1.5,bad
sum(q_docs_received),,1049816,twice
";
    assert_eq!(
        problems("f.csv", text, |p| read_figures(p, &s, &targets)),
        [
            ":6:1 (column `measure`): `q_social_media` is a multiple choice question, not a number",
            ":7:1 (column `measure`): `mean` is not a measure",
            ":8:1 (column `measure`): `sum(q_docs_sent` lacks its closing `)`",
            ":9:2 (column `group`): `Rigas dome` is not a unit of the targets file",
            ":10:3 (column `value`): `192%` is not a value for this measure",
            ":11:3 (column `value`): `1.5` is not a value for this measure",
            ":12:1 (column `measure`): `sum(q_docs_received)` is given twice",
        ]
    );
    let ok = dir.path().join("ok.csv");
    std::fs::write(&ok, text.lines().take(5).collect::<Vec<_>>().join("\n")).unwrap();
    let rows = read_figures(&ok, &s, &targets).expect("valid figures");
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].target, 1_049_816.0);
    assert_eq!(rows[1].target, 0.9);
    assert_eq!(rows[2].group, FigureGroup::Unit(1));
    assert!(matches!(&rows[3].measure, Measure::MissingAny(q) if q.len() == 2));
}

#[test]
fn pattern_and_count_shares_parse_and_bad_ones_say_what_to_write() {
    let s = schema();
    let text = "question,option,share
q_sp_owners,overall_owner&!per_service_owners,11%
q_sp_resources,count=1,35%
q_sp_resources,count>=4,20%
q_sp_owners,overall_owner&!per_servce_owners,11%
q_sp_resources,count=6,10%
q_sp_resources,count~2,10%
q_websites_count,one&several,10%
q_sp_owners,overall_owner|per_service_owners&none,10%
";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.csv");
    std::fs::write(&path, text).unwrap();
    let errors = read_shares(&[&path], &s).unwrap_err();
    let lines: Vec<String> = errors
        .iter()
        .map(|e| e.to_string().replacen(&path.display().to_string(), "", 1))
        .collect();
    assert_eq!(
        lines,
        [
            ":5:2 (column `option`): `per_servce_owners` is not an option of `q_sp_owners`\n  help: did you mean `per_service_owners`? (several options: `a|b` any of them, `a&!b` a pattern, `count=2` how many)",
            ":6:2 (column `option`): `count=6` can never hold: the question has 5 options to select (besides `none`)\n  help: write a number from 0 to 5, the smaller bound first",
            ":7:2 (column `option`): `count~2` is not a number of options selected\n  help: write `count=2`, `count>=3`, `count<=1` or `count=2..4`",
            ":8:2 (column `option`): `one&several`: a pattern is for multiple-choice questions, and `q_websites_count` is a single choice\n  help: a single choice has one answer: write an option (`a`) or any of several (`a|b`)",
            ":9:2 (column `option`): `overall_owner|per_service_owners&none` mixes `|` and `&`\n  help: write either any of the options (`a|b`) or a pattern (`a&!b`), not both",
        ]
    );
    // the good rows
    let good: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, good).unwrap();
    let rows = read_shares(&[&path], &s).unwrap();
    assert_eq!(rows[0].what, ShareWhat::Pattern { all: 1, not: 2 });
    assert_eq!(
        rows[1].what,
        ShareWhat::Count {
            of: 0b11111,
            min: 1,
            max: 1
        }
    );
    assert_eq!(
        rows[2].what,
        ShareWhat::Count {
            of: 0b11111,
            min: 4,
            max: 5
        }
    );
}

#[test]
fn directions_parse_and_problems_name_row_and_column() {
    let s = schema();
    let text = "question,option,group,relation,than,note
q_social_media,twitter,planning_region=riga,>,planning_region!=riga,x
q_hr_eprocesses,none,all,<,10%,x
q_social_media,twiter,,>,type=regional,x
q_social_media,twitter,type=regional,>>,type=valstspilseta,x
q_social_media,twitter,type=regional,>,type=regional,x
q_social_media,twitter,typ!=regional,>,all,x
q_social_media,twitter,type=regional,<,150%,x
q_social_media,twitter,type=regional,<,,x
";
    assert_eq!(
        problems("d.csv", text, |p| read_directions(p, &s)),
        [
            ":4:2 (column `option`): `twiter` is not an option of `q_social_media`",
            ":5:4 (column `relation`): `>>` is not a relation",
            ":6:5 (column `than`): a direction compares a group with itself",
            ":7:3 (column `group`): `typ` is not a metadata field of the schema",
            ":8:5 (column `than`): `150%` is not a share",
            ":9:5 (column `than`): the `than` cell is empty",
        ]
    );
    let good: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.csv");
    std::fs::write(&path, good).unwrap();
    let d = read_directions(&path, &s).unwrap();
    assert_eq!(d[0].relation, Relation::Greater);
    let riga = d[0].group.clone().unwrap();
    let other = match &d[0].than {
        Than::Group(Some(g)) => g.clone(),
        t => panic!("{t:?}"),
    };
    let meta = |r: &str| {
        let mut m = vec![None; s.meta.len()];
        m[riga.group.meta] = Some(r.to_string());
        m
    };
    assert!(riga.contains(&meta("riga")) && !riga.contains(&meta("latgale")));
    assert!(!other.contains(&meta("riga")) && other.contains(&meta("latgale")));
    assert_eq!(d[1].than, Than::Share(0.1));
    assert_eq!(d[1].group, None);
    assert!(d[1].relation.holds(9, 10) && !d[1].relation.holds(10, 10));
}
