//! A story's language as a BCP 47 tag (`en-US`, `fr`, `ar-EG`): checked and written in its
//! usual case, and the direction its script runs in.

use crate::{Error, Result};

/// The language of a story nobody chose one for.
pub const DEFAULT_LANGUAGE: &str = "en-US";

/// Languages written right to left (by their primary subtag). Kurdish is not among them: `ku`
/// (Kurmanji) is mostly written in Latin letters; Sorani, in Arabic script, is `ckb`.
const RIGHT_TO_LEFT: &[&str] =
    &["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "syr", "ug", "ur", "yi"];

/// The default language, for stories (and old revisions) written before stories had one.
pub fn default_language() -> String {
    DEFAULT_LANGUAGE.to_string()
}

/// A language tag as typed, checked and in its usual case (`EN-us` → `en-US`, `zh-hant` →
/// `zh-Hant`); refused, naming it, when it is not a BCP 47 tag.
pub fn check_language(tag: &str) -> Result<String> {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let mut out = primary.to_ascii_lowercase();
    let mut ok = primary_ok;
    for part in parts {
        ok &= (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric());
        out.push('-');
        if part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push_str(&part.to_ascii_uppercase());
        } else if part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()) {
            let mut chars = part.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(&chars.as_str().to_ascii_lowercase());
        } else {
            out.push_str(&part.to_ascii_lowercase());
        }
    }
    if ok && tag.len() <= 35 {
        Ok(out)
    } else {
        Err(Error::InvalidInput(format!(
            "“{}” is not a language tag: use one such as en-US, en-GB, fr, es, de or ar",
            tag.chars().take(40).collect::<String>()
        )))
    }
}

/// The primary language of a tag, lower-cased (`fr` for `fr-CA`, `en` for `en_GB`).
pub fn primary_language(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// Whether text in this language runs right to left (`dir="rtl"`).
pub fn is_right_to_left(tag: &str) -> bool {
    RIGHT_TO_LEFT.contains(&primary_language(tag).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_cased() {
        assert_eq!(check_language(" EN-us ").expect("en-US"), "en-US");
        assert_eq!(check_language("zh-hant-tw").expect("zh"), "zh-Hant-TW");
        assert_eq!(check_language("ar").expect("ar"), "ar");
        for bad in ["", "e", "english", "en_US", "en--US", "<b>", "en-US-toolongsubtag"] {
            assert!(check_language(bad).is_err(), "{bad:?} taken");
        }
    }

    #[test]
    fn direction_follows_the_language() {
        assert!(is_right_to_left("ar-EG") && is_right_to_left("he") && is_right_to_left("fa"));
        assert!(!is_right_to_left("en-US") && !is_right_to_left("fr"));
    }
}
