//! Slugs: the URL-safe name of a story, made from its headline and editable by hand.

use crate::{Error, Result};

/// Longest slug we make; publishing systems and file systems both like them short.
pub const MAX_SLUG_LEN: usize = 80;

/// Makes a slug from a headline: ASCII (diacritics folded), lowercase, words joined by `-`.
pub fn slugify(headline: &str) -> String {
    let ascii = deunicode::deunicode(headline).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if slug.len() + word.len() + 1 > MAX_SLUG_LEN {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str(
            &ascii.chars().filter(char::is_ascii_alphanumeric).take(MAX_SLUG_LEN).collect::<String>(),
        );
    }
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

/// Checks a slug typed by hand: lowercase letters, digits and single hyphens.
pub fn validate(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= MAX_SLUG_LEN
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "slug `{slug}` is not usable: use lowercase letters, digits and single hyphens, \
             at most {MAX_SLUG_LEN} characters"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_like_the_headline() {
        assert_eq!(
            slugify("AL Secretary-General calls for international efforts to eliminate IS"),
            "al-secretary-general-calls-for-international-efforts-to-eliminate-is"
        );
        assert_eq!(slugify("Aboul-Gheit à Alger : « l’unité »"), "aboul-gheit-a-alger-l-unite");
        assert_eq!(slugify("  ??? "), "untitled");
        assert_eq!(slugify("Hà Nội mưa lớn"), "ha-noi-mua-lon");
        assert!(slugify(&"word ".repeat(100)).len() <= MAX_SLUG_LEN);
        validate(&slugify(&"word ".repeat(100))).expect("generated slugs are valid");
    }

    #[test]
    fn hand_typed_slugs_are_checked() {
        validate("rome-coalition-2026").expect("valid");
        for bad in ["", "Upper", "two--hyphens", "-lead", "trail-", "spa ce", "../etc", "é"] {
            assert!(validate(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
