//! The hand-written baseline for `bench/run.sh`: parses the benchmark submissions (CSV or JSON
//! Lines, ../shared/bench/MODEL.md section 4) and prints MODEL.md section 5, with no rules engine.
//! Exact integer arithmetic for the levels; `%.6f` of one f64 division (exact enough: MODEL.md 3).
//!
//! Usage: bench-baseline FILE.csv|FILE.jsonl > out.csv

use serde::Deserialize;
use std::io::{self, BufRead, BufWriter, Write};

const W: [i64; 5] = [2, 3, 2, 8, 2];
const MAX: i64 = 86;

/// One answer: `None` = unanswered.
#[derive(Clone, Copy, Default)]
struct Sec {
    q: [i64; 30],
    answered: bool,
    q01: Option<u8>,
    q30: Option<u8>,
}

fn letter(s: &str) -> u8 {
    s.as_bytes()[0] - b'A'
}

fn points(q: usize, v: &str) -> i64 {
    match q {
        1..=15 => i64::from(letter(v)),
        16..=25 => (v.split('|').count() as i64).min(3),
        26..=29 => {
            let n: i64 = v.parse().expect("integer");
            if n < 10 {
                0
            } else if n <= 100 {
                1
            } else {
                2
            }
        }
        _ => 0,
    }
}

fn combination(q01: Option<u8>, q30: Option<u8>) -> i64 {
    // A=0 B=1 C=2 D=3; rows of MODEL.md section 1
    match (q01, q30) {
        (Some(3), Some(3)) => 3,
        (Some(3), _) => 2,
        (Some(2), Some(2 | 3)) => 2,
        (_, Some(0)) => 0,
        (Some(1 | 2), _) => 1,
        _ => 0,
    }
}

fn level(num: i64, den: i64) -> u8 {
    1 + [20, 40, 60, 80].iter().filter(|&&t| 100 * num >= t * den).count() as u8
}

fn write_row(out: &mut impl Write, id: &str, secs: &[Sec; 5]) -> io::Result<()> {
    let mut pts = [0i64; 5];
    for (k, s) in secs.iter().enumerate() {
        pts[k] = s.q.iter().sum::<i64>() + combination(s.q01, s.q30);
    }
    write!(out, "{id}")?;
    for p in pts {
        write!(out, ",{p}")?;
    }
    let (mut num, mut den) = (0i64, 0i64);
    for k in 0..5 {
        if secs[k].answered {
            write!(out, ",{:.6}", (100 * pts[k]) as f64 / MAX as f64)?;
            num += W[k] * pts[k];
            den += MAX * W[k];
        } else {
            out.write_all(b",")?;
        }
    }
    if den > 0 {
        write!(out, ",{:.6}", (100 * num) as f64 / den as f64)?;
    } else {
        out.write_all(b",")?;
    }
    for k in 0..5 {
        if secs[k].answered {
            write!(out, ",{}", level(pts[k], MAX))?;
        } else {
            out.write_all(b",")?;
        }
    }
    if den > 0 {
        writeln!(out, ",{}", level(num, den))
    } else {
        writeln!(out, ",")
    }
}

fn set(secs: &mut [Sec; 5], col: usize, v: &str) {
    let q = col % 30 + 1;
    let l = (q == 1 || q == 30).then(|| letter(v));
    set_points(secs, col, points(q, v), l);
}

fn csv(path: &str, out: &mut impl Write) -> io::Result<()> {
    let mut rdr = csv::Reader::from_path(path)?;
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec)? {
        let mut secs = [Sec::default(); 5];
        for (i, v) in rec.iter().enumerate().skip(1) {
            if !v.is_empty() {
                set(&mut secs, i - 1, v);
            }
        }
        write_row(out, &rec[0], &secs)?;
    }
    Ok(())
}

/// One submission of a JSON Lines file, scored while it is parsed.
struct JRow {
    id: String,
    secs: [Sec; 5],
}

/// One answer value: `42`, `"B"`, `["A","C"]` (its option count and first letter), or `null`.
enum JVal<'a> {
    Int(i64),
    Str(&'a str),
    Arr(usize),
    Null,
}

impl<'de> Deserialize<'de> for JVal<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JVal<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<JVal<'de>, E> {
                Ok(JVal::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<JVal<'de>, E> {
                Ok(JVal::Int(v as i64))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<JVal<'de>, E> {
                Ok(JVal::Str(v))
            }
            fn visit_unit<E>(self) -> Result<JVal<'de>, E> {
                Ok(JVal::Null)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<JVal<'de>, A::Error> {
                let mut n = 0;
                while a.next_element::<&str>()?.is_some() {
                    n += 1;
                }
                Ok(JVal::Arr(n))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for JRow {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = JRow;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a submission")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<JRow, A::Error> {
                let mut row = JRow { id: String::new(), secs: [Sec::default(); 5] };
                while let Some(key) = m.next_key::<&str>()? {
                    if key == "id" {
                        row.id = m.next_value::<i64>()?.to_string();
                        continue;
                    }
                    // s{k}_q{nn}
                    let b = key.as_bytes();
                    let col = (b[1] - b'1') as usize * 30 + ((b[4] - b'0') * 10 + (b[5] - b'0')) as usize - 1;
                    match m.next_value::<JVal>()? {
                        JVal::Int(n) => set_points(&mut row.secs, col, if n < 10 { 0 } else if n <= 100 { 1 } else { 2 }, None),
                        JVal::Str(s) => set(&mut row.secs, col, s),
                        JVal::Arr(n) if n > 0 => set_points(&mut row.secs, col, (n as i64).min(3), None),
                        _ => {}
                    }
                }
                Ok(row)
            }
        }
        d.deserialize_map(V)
    }
}

fn set_points(secs: &mut [Sec; 5], col: usize, p: i64, letter: Option<u8>) {
    let (k, q) = (col / 30, col % 30 + 1);
    let s = &mut secs[k];
    s.answered = true;
    s.q[q - 1] = p;
    if q == 1 {
        s.q01 = letter;
    } else if q == 30 {
        s.q30 = letter;
    }
}

fn jsonl(path: &str, out: &mut impl Write) -> io::Result<()> {
    let mut rdr = io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut line = String::new();
    while rdr.read_line(&mut line)? > 0 {
        let row: JRow = serde_json::from_str(&line).map_err(io::Error::other)?;
        write_row(out, &row.id, &row.secs)?;
        line.clear();
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let path = std::env::args().nth(1).expect("usage: bench-baseline FILE");
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    out.write_all(b"id,s1_pts,s2_pts,s3_pts,s4_pts,s5_pts,s1_pct,s2_pct,s3_pct,s4_pct,s5_pct,total,s1_lvl,s2_lvl,s3_lvl,s4_lvl,s5_lvl,total_lvl\n")?;
    if path.ends_with(".jsonl") {
        jsonl(&path, &mut out)?;
    } else {
        csv(&path, &mut out)?;
    }
    out.flush()
}
