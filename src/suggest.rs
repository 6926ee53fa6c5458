//! "Did you mean …?" suggestions for unknown names, and name matching that ignores case and
//! diacritics.

use unicode_normalization::UnicodeNormalization;

/// Names longer than this (in characters) get no "did you mean" and are never suggested: string
/// distances cost the product of the two lengths, and a typo of a name this long is better found
/// by the place the diagnostic points to. Documented in docs/language.md ("Limits").
pub const MAX_SUGGESTED_LEN: usize = 100;

/// The candidate closest to `name`, if it is close enough to be a plausible typo.
///
/// Cost: each candidate is folded once and compared only when both names are at most
/// [`MAX_SUGGESTED_LEN`] characters long, so one call is linear in the candidates.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = name.chars().count();
    if len > MAX_SUGGESTED_LEN {
        return None;
    }
    let lname = fold(name);
    let lname_len = lname.chars().count();
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        if c.len() > 4 * MAX_SUGGESTED_LEN || c.chars().count() > MAX_SUGGESTED_LEN {
            continue;
        }
        let fc = fold(c);
        let score = strsim::jaro_winkler(&lname, &fc);
        // the edit distance is at least the difference in length: computed only when it can
        // decide (at most 3)
        let close_in_length = lname_len.abs_diff(fc.chars().count()) <= 3;
        let lev = if close_in_length {
            strsim::levenshtein(&lname, &fc)
        } else {
            usize::MAX
        };
        let plausible = score >= 0.85 || lev <= 2 || (lev <= 3 && len > 6);
        if plausible && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// At most [`MAX_SUGGESTED_LEN`] characters of a string: what is compared of a long name when
/// names are ranked by closeness rather than suggested.
pub fn comparable(s: &str) -> &str {
    match s.char_indices().nth(MAX_SUGGESTED_LEN) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// A help sentence: "did you mean `x`?" or a list of what is allowed.
pub fn hint<'a, I>(name: &str, candidates: I, what: &str) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match closest(name, candidates.clone()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            if all.is_empty() {
                format!("there are no {what}s to choose from here")
            } else if all.len() <= 12 {
                format!(
                    "the {what}s here are: {}",
                    all.iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!("no {what} is named like this; check the spelling")
            }
        }
    }
}

/// Lower case, NFC, diacritics removed: "Cēsu" and "cesu" fold to the same string.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// NFC form of a string (Latvian text may arrive decomposed).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        let c = ["q4_2_facebook", "q4_2_twitter", "communication"];
        assert_eq!(closest("q4_2_facebok", c), Some("q4_2_facebook"));
        assert_eq!(closest("comunication", c), Some("communication"));
        assert_eq!(closest("zzz", c), None);
    }

    #[test]
    fn long_names_get_no_suggestion_and_are_not_suggested() {
        let long = "a".repeat(MAX_SUGGESTED_LEN + 1);
        let near = format!("{}b", "a".repeat(MAX_SUGGESTED_LEN));
        assert_eq!(closest(&long, [near.as_str()]), None);
        assert_eq!(closest(&near[1..], [near.as_str()]), None);
        let ok = "a".repeat(MAX_SUGGESTED_LEN - 1);
        let ok_near = format!("{ok}b");
        assert_eq!(closest(&ok, [ok_near.as_str()]), Some(ok_near.as_str()));
        // a near miss of a megabyte is answered at once
        let huge = "x".repeat(1 << 20);
        let start = std::time::Instant::now();
        assert_eq!(closest(&huge, [format!("{huge}y").as_str()]), None);
        assert!(start.elapsed().as_secs() < 5);
        assert_eq!(comparable(&long).chars().count(), MAX_SUGGESTED_LEN);
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Cēsu novada"), "cesu novada");
        assert_eq!(fold("Ce\u{304}su"), "cesu");
        assert_eq!(nfc("Ce\u{304}su"), "Cēsu");
    }
}
