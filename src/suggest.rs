//! "Did you mean …?" suggestions for unknown names, and name matching that ignores case and
//! diacritics.

use unicode_normalization::UnicodeNormalization;

/// The candidate closest to `name`, if it is close enough to be a plausible typo.
pub fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lname = fold(name);
    let mut best: Option<(f64, &'a str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lname, &fold(c));
        let lev = strsim::levenshtein(&lname, &fold(c));
        let plausible = score >= 0.85 || lev <= 2 || (lev <= 3 && name.chars().count() > 6);
        if plausible && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
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
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Cēsu novada"), "cesu novada");
        assert_eq!(fold("Ce\u{304}su"), "cesu");
        assert_eq!(nfc("Ce\u{304}su"), "Cēsu");
    }
}
