//! Finding units by name: case and diacritics ignored ("cesu" finds "Cēsu novada pašvaldība").

use crate::suggest::{comparable, fold};

/// The units a query selects, or an error message that lists the closest names / the matches.
pub fn find(names: &[&str], query: &str) -> Result<usize, String> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Err("empty unit name".into());
    }
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let exact: Vec<usize> = (0..names.len()).filter(|&i| folded[i] == q).collect();
    if exact.len() == 1 {
        return Ok(exact[0]);
    }
    let words: Vec<&str> = q.split_whitespace().collect();
    let hits: Vec<usize> = (0..names.len())
        .filter(|&i| words.iter().all(|w| folded[i].contains(w)))
        .collect();
    match hits.len() {
        1 => Ok(hits[0]),
        0 => {
            // ranked on their first characters: the distance costs the product of the lengths
            let q = comparable(&q);
            let mut ranked: Vec<(f64, usize)> = (0..names.len())
                .map(|i| {
                    let whole = strsim::jaro_winkler(q, comparable(&folded[i]));
                    let word = folded[i]
                        .split_whitespace()
                        .map(|w| strsim::jaro_winkler(q, comparable(w)))
                        .fold(0.0, f64::max);
                    (whole.max(word), i)
                })
                .collect();
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let close: Vec<String> = ranked
                .iter()
                .take(5)
                .map(|&(_, i)| format!("`{}`", names[i]))
                .collect();
            if close.is_empty() {
                Err(format!(
                    "no unit matches `{query}`: the submissions have no units"
                ))
            } else {
                Err(format!(
                    "no unit matches `{query}`; the closest names are: {}",
                    close.join(", ")
                ))
            }
        }
        _ => {
            let list: Vec<String> = hits.iter().map(|&i| format!("`{}`", names[i])).collect();
            Err(format!(
                "`{query}` matches {} units: {}; give more of the name",
                hits.len(),
                list.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 4] = [
        "Cēsu novada pašvaldība",
        "Rīgas valstspilsētas pašvaldība",
        "Rēzeknes novada pašvaldība",
        "Rēzeknes valstspilsētas pašvaldība",
    ];

    #[test]
    fn ignores_case_and_diacritics() {
        assert_eq!(find(&NAMES, "cesu"), Ok(0));
        assert_eq!(find(&NAMES, "RIGAS"), Ok(1));
        assert_eq!(find(&NAMES, "rezeknes novada"), Ok(2));
    }

    #[test]
    fn several_matches_are_listed() {
        let e = find(&NAMES, "rēzeknes").unwrap_err();
        assert!(e.contains("matches 2 units"), "{e}");
        assert!(e.contains("Rēzeknes novada pašvaldība") && e.contains("Rēzeknes valstspilsētas"));
    }

    #[test]
    fn no_match_lists_the_closest() {
        let e = find(&NAMES, "cesis").unwrap_err();
        assert!(e.starts_with("no unit matches `cesis`"), "{e}");
        assert!(e.contains("`Cēsu novada pašvaldība`"), "{e}");
    }
}
