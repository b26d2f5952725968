//! `grammar.a-an`: "a" before a vowel sound or "an" before a consonant sound, in English ("a
//! apple", "an delegation"). The sound is the word's, not its letter's: an hour, an honest, an
//! heir; a university, a European, a one-off, a user; an 8-year-old, an 11th, an 18-month;
//! initialisms by the name of their first letter (an MP, an FBI agent, a US official, an X-ray, a
//! U-turn); abbreviations read as words by their first sound (a NATO summit, an OPEC deal).
//!
//! Left alone: words with both uses ("a/an historic", "hotel", "herb", "LED", "URL"…), a capital
//! "A" inside a sentence (a letter or a grade: "Plan A in"), an article before punctuation or a
//! number other than a word ("a ’90s hit"), a currency before an amount ("a RO 300 fee": a rial
//! Omani), and notes.

use crate::finding::{Category, Severity};
use crate::text::Passage;
use crate::tokens::{starts_sentence, words};
use crate::Finding;

/// Words starting with a vowel letter said with a consonant sound (prefixes, lower case).
const YOU_ONE: &[&str] = &[
    "uni", "unan", "unes", "use", "usi", "usu", "usa", "usur", "uti", "uto", "ute", "uta", "uri", "ura",
    "ure", "uru", "uro", "uga", "uk", "ubi", "uku", "uv", "eu", "ewe", "once", "ouija",
];
/// Exceptions to those prefixes: "un-" words said with a vowel.
const UN: &[&str] = &["unid", "unim", "unin", "uninh", "unil"];
/// Words starting with a silent h (prefixes, lower case).
const SILENT_H: &[&str] = &["hour", "honest", "honour", "honor", "heir"];
/// Words said either way: never flagged.
const EITHER: &[&str] = &["historic", "hotel", "herb", "habitual", "hypothe", "horrific", "hilarious"];
/// Abbreviations said either way, or as words though they look like initialisms.
const EITHER_ABBR: &[&str] = &["LED", "URL", "SQL", "FAQ", "GIF", "SAT"];
const SAID_AS_WORDS: &[&str] = &["SIM", "PIN", "RAM", "ROM", "SWAT", "SARS", "AIDS"];

/// Letters whose name starts with a vowel sound: "an MP", "an FBI agent".
fn letter_vowel(c: char) -> bool {
    matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'F' | 'H' | 'I' | 'L' | 'M' | 'N' | 'O' | 'R' | 'S' | 'X')
}

/// Whether `word` starts with a vowel sound; `None` when either article goes.
pub fn vowel_sound(word: &str) -> Option<bool> {
    let first = word.chars().next()?;
    if first.is_ascii_digit() {
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let eleven = (digits.starts_with("11") || digits.starts_with("18")) && matches!(digits.len(), 2 | 4);
        return Some(digits.starts_with('8') || eleven);
    }
    let head = word.split(['-', '‑']).next().unwrap_or(word);
    let letters: Vec<char> = head.chars().collect();
    if letters.len() == 1 && letters[0].is_alphabetic() && word.len() > head.len() {
        // A letter on its own before a hyphen: "an X-ray", "a U-turn", "an e-book".
        return Some(letter_vowel(letters[0]));
    }
    let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    if caps {
        if EITHER_ABBR.contains(&head) {
            return None;
        }
        let vowels = letters.iter().filter(|c| "AEIOU".contains(**c)).count();
        let consonant_run = letters.windows(3).any(|w| w.iter().all(|c| !"AEIOU".contains(*c)));
        let as_word = SAID_AS_WORDS.contains(&head) || (letters.len() >= 4 && vowels >= 1 && !consonant_run);
        if !as_word {
            return Some(letter_vowel(letters[0]));
        }
    }
    let lower = word.to_lowercase();
    if EITHER.iter().any(|p| lower.starts_with(p)) {
        return None;
    }
    if SILENT_H.iter().any(|p| lower.starts_with(p)) {
        return Some(true);
    }
    if lower == "one" || lower.starts_with("one-") || lower.starts_with("oneself") {
        return Some(false);
    }
    if YOU_ONE.iter().any(|p| lower.starts_with(p)) && !UN.iter().any(|p| lower.starts_with(p)) {
        return Some(false);
    }
    Some(matches!(lower.chars().next()?, 'a' | 'e' | 'i' | 'o' | 'u'))
}

pub fn check(p: &Passage, out: &mut Vec<Finding>) {
    let text = &p.text;
    let ws = words(text);
    for pair in ws.windows(2) {
        let (art, next) = (&pair[0], &pair[1]);
        let article = &text[art.clone()];
        let an = match article {
            "a" => false,
            "an" => true,
            "A" | "An" if starts_sentence(text, art) => article == "An",
            _ => continue,
        };
        let between = &text[art.end..next.start];
        if between != " "
            && between != "\u{a0}"
            && !(between.starts_with(' ') && between[1..].chars().all(|c| "“‘\"(".contains(c)))
        {
            continue;
        }
        let range = art.start..next.end;
        if p.in_note(&range) {
            continue;
        }
        let word = &text[next.clone()];
        // A currency before an amount is said by its name ("a RO 300 fee": a rial Omani).
        let amount = text[next.end..]
            .strip_prefix([' ', '\u{a0}'])
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if amount && word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let Some(vowel) = vowel_sound(word) else { continue };
        if vowel == an {
            continue;
        }
        let fixed = match (article, vowel) {
            ("a", _) => "an",
            ("A", _) => "An",
            ("an", _) => "a",
            _ => "A",
        };
        let message = if vowel {
            format!("“{fixed}” before the vowel sound of “{word}”")
        } else {
            format!("“{fixed}” before the consonant sound of “{word}”")
        };
        out.push(p.finding(
            "grammar.a-an",
            Category::Grammar,
            Severity::Warning,
            range,
            message,
            vec![format!("{fixed}{between}{word}")],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};

    fn found(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Standfirst), text), &mut out);
        out.into_iter().map(|f| (f.text, f.suggestions.join("|"))).collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        found(text).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn flags_the_wrong_article() {
        assert_eq!(found("a apple"), [("a apple".to_string(), "an apple".to_string())]);
        assert_eq!(
            found("He met an delegation"),
            [("an delegation".to_string(), "a delegation".to_string())]
        );
        assert_eq!(
            found("An university. A hour"),
            [
                ("An university".to_string(), "A university".to_string()),
                ("A hour".to_string(), "An hour".to_string())
            ]
        );
        assert_eq!(
            flagged(
                "a MP, an US official, a FBI agent, an European, an one-off, a 8-year-old, a “unusual” day"
            ),
            ["a MP", "an US", "a FBI", "an European", "an one-off", "a 8-year-old", "a “unusual"]
        );
    }

    #[test]
    fn knows_the_usual_exceptions() {
        assert!(flagged(
            "an hour, an honest man, an heir, a university, a European, a one-off, an MP, an FBI agent, a US official, \
             a UN envoy, an EU plan, an IS fighter, a NATO summit, an OPEC deal, a UNESCO site, an X-ray, a U-turn, \
             an 8-year-old, an 11th hour, an 18-month, a 1990s hit, an 1800s house, a user, a unanimous vote, \
             an unidentified man, an unusual day, an uninsured driver, a Ukrainian, an Uzbek, an Uber, a once-great, \
             a SIM card, an SUV, an HIV test, an NGO"
        )
        .is_empty());
    }

    #[test]
    fn leaves_either_way_words_letters_and_notes_alone() {
        assert!(flagged(
            "a historic and an historic day, an hotel, a LED and an LED, Plan A in, Group A and"
        )
        .is_empty());
        assert!(flagged("a ’90s hit, a (not so) big day").is_empty());
        // A currency code before an amount is said as the currency.
        assert!(flagged("pay a RO 300 fee, an SR 50 fine").is_empty());
        assert_eq!(flagged("a RO official"), ["a RO"]);
        let mut p = Passage::plain(Place::block(vec![0]), "x a apple");
        p.notes.push(2..9);
        let mut out = Vec::new();
        check(&p, &mut out);
        assert!(out.is_empty());
    }
}
