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

/// Regions whose paper is US Letter, not A4 (the UI's `paperForLanguage` keeps the same list).
const LETTER_REGIONS: &[&str] = &["US", "CA", "MX", "PH"];

/// The region of a tag: the first two-letter or three-digit subtag after the primary one (a
/// script or an extlang may come between; private use, `x-…`, and what follows is no region).
pub fn region(tag: &str) -> Option<String> {
    for part in tag.trim().split(['-', '_']).skip(1) {
        match part.len() {
            1 => return None,
            2 if part.chars().all(|c| c.is_ascii_alphabetic()) => return Some(part.to_ascii_uppercase()),
            3 if part.chars().all(|c| c.is_ascii_digit()) => return Some(part.to_string()),
            _ => {}
        }
    }
    None
}

/// Whether a story in this language is printed on US Letter rather than A4.
pub fn uses_letter_paper(tag: &str) -> bool {
    region(tag).is_some_and(|r| LETTER_REGIONS.contains(&r.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_their_paper() {
        assert_eq!(region("en-US").as_deref(), Some("US"));
        assert_eq!(region("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(region("es-419").as_deref(), Some("419"));
        assert_eq!(region("en-x-us"), None);
        assert_eq!(region("fr"), None);
        assert!(uses_letter_paper("en-US") && uses_letter_paper("fr-CA") && uses_letter_paper("zh-Hant-US"));
        assert!(!uses_letter_paper("en-GB") && !uses_letter_paper("es-419") && !uses_letter_paper("en-x-us"));
    }

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
