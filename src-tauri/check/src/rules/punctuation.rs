//! Punctuation marks and the spaces around them (English spacing).
//!
//! - `punctuation.doubled`: the same mark twice (`,,` `;;` `::` `..` `!!` `??`). An ellipsis
//!   (three dots or more, or `…`) and `?!`/`!?` are left alone.
//! - `punctuation.space-before`: a space before `, . ; : ! ?` (`the minister ,`). Left alone: a
//!   spaced ellipsis (`wait ... and see`), a dot starting a word (`.38 calibre`, `.docx`), a line
//!   that starts with the mark.
//! - `punctuation.space-after`: no space after `, ; :` before a letter (`said,the`), or after a
//!   sentence's `.`, `?` or `!` (closing quote included) before a capital (`Iraq.The`). Left alone:
//!   numbers (`3.5`, `10,000`, `12:30`), web and mail addresses, initials and abbreviations
//!   (`U.S.`, `J.K. Rowling`, `Ph.D`, `e.g.`), file names with a short capital extension
//!   (`report.PDF`) and an ellipsis.
//! - `punctuation.stop-before-quote`: a full stop right before a closing quote in the middle of a
//!   sentence (`called it “a disgrace.” and left`, `“We will win.” he said`). Left alone: an
//!   abbreviation or ellipsis before the mark, and a quote that ends its sentence.
//!
//! Typography follows the story's language. In French a space before `; : ! ?` is correct (it is
//! not flagged), and its absence is:
//! - `punctuation.french-space`: no space before `; : ! ?` or before `»`, or after `«`
//!   (`Bonjour!`, `«mot»`); the suggestion puts a no-break space (narrow before `; ! ?`).
//!   Left alone: times and scores (`12:30`, `3:1`), addresses, a mark after a mark (`?!`).
//!
//! Suggestions are the corrected text. Notes are never flagged.

use std::ops::Range;

use crate::finding::{Category, Severity};
use crate::rules::after_last;
use crate::rules::sentences::ABBREVIATIONS;
use crate::text::Passage;
use crate::tokens::{addresses, is_saying};
use crate::Finding;

const CLOSERS: &[char] = &['”', '’', '"', ')', '»'];

/// Whose typography a story follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typography {
    English,
    /// French: a space before `; : ! ?` and inside « ».
    French,
}

impl Typography {
    /// The typography of a BCP 47 language tag (French for `fr`, `fr-CA`…; English otherwise).
    pub fn of(language: &str) -> Self {
        if byline_model::language::primary_language(language) == "fr" {
            Typography::French
        } else {
            Typography::English
        }
    }
}

pub fn check(p: &Passage, typography: Typography, out: &mut Vec<Finding>) {
    let skip = addresses(&p.text);
    let mut found = Vec::new();
    doubled(&p.text, &mut found);
    space_before(&p.text, typography, &mut found);
    if typography == Typography::French {
        french_spaces(&p.text, &mut found);
    }
    space_after(&p.text, &mut found);
    stop_before_quote(&p.text, &mut found);
    for (rule, range, message, suggestions) in found {
        if p.in_note(&range) || skip.iter().any(|a| a.start < range.end && range.start < a.end) {
            continue;
        }
        out.push(p.finding(rule, Category::Punctuation, Severity::Warning, range, message, suggestions));
    }
}

type Found = (&'static str, Range<usize>, String, Vec<String>);

fn doubled(text: &str, out: &mut Vec<Found>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let run = chars[i..].iter().take_while(|&&(_, d)| d == c).count();
        let end = chars.get(i + run).map_or(text.len(), |&(e, _)| e);
        let slip = match c {
            ',' | ';' | ':' | '!' | '?' => run >= 2,
            '.' => run == 2,
            _ => false,
        };
        if slip {
            out.push(("punctuation.doubled", at..end, format!("“{}” twice", c), vec![c.to_string()]));
        }
        i += run;
    }
}

fn space_before(text: &str, typography: Typography, out: &mut Vec<Found>) {
    for (at, c) in text.char_indices() {
        if !matches!(c, ',' | '.' | ';' | ':' | '!' | '?') {
            continue;
        }
        if typography == Typography::French && matches!(c, ';' | ':' | '!' | '?') {
            continue;
        }
        let before = &text[..at];
        let trimmed = before.trim_end_matches([' ', '\u{a0}']);
        if trimmed.len() == before.len() || trimmed.is_empty() || trimmed.ends_with(['\n', '(', '[']) {
            continue;
        }
        let after = &text[at + 1..];
        // An ellipsis set off by spaces, or a dot that starts a word or a number.
        if c == '.' && (after.starts_with('.') || after.chars().next().is_some_and(char::is_alphanumeric)) {
            continue;
        }
        if matches!(c, ',' | ':') && after.chars().next().is_some_and(|d| d.is_ascii_digit()) {
            continue;
        }
        // A mark repeated with spaces, as in `? ! ?`, or a dash before it.
        if trimmed.ends_with(['.', '…', '—', '–', '-', '!', '?', ':', ';', ',']) {
            continue;
        }
        out.push((
            "punctuation.space-before",
            trimmed.len()..at + 1,
            format!("a space before “{c}”"),
            vec![c.to_string()],
        ));
    }
}

/// The spaces French sets before `; : ! ?` and `»` and after `«`, where they are missing.
fn french_spaces(text: &str, out: &mut Vec<Found>) {
    const NARROW: char = '\u{202f}';
    const NO_BREAK: char = '\u{a0}';
    let spaced = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || c == NARROW || c == NO_BREAK);
    let word_edge = |ch: char| ch.is_whitespace() || matches!(ch, NARROW | NO_BREAK | '«' | '(');
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let prev = text[..at].chars().next_back();
        let next = text[end..].chars().next();
        let (range, fixed) = match c {
            ';' | ':' | '!' | '?' => {
                if spaced(prev) || prev.is_some_and(|p| ";:!?".contains(p)) {
                    continue;
                }
                // 12:30, 3:1.
                if c == ':'
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit())
                {
                    continue;
                }
                let start = after_last(&text[..at], word_edge);
                let space = if c == ':' { NO_BREAK } else { NARROW };
                (start..end, format!("{}{space}{c}", &text[start..at]))
            }
            '«' if !spaced(next) => {
                let word = next_word(text, end);
                (at..word, format!("«{NO_BREAK}{}", &text[end..word]))
            }
            '»' if !spaced(prev) => {
                let start = after_last(&text[..at], word_edge);
                (start..end, format!("{}{NO_BREAK}»", &text[start..at]))
            }
            _ => continue,
        };
        let shown =
            if c == '«' || c == '»' { "inside « »".to_string() } else { format!("before “{c}”") };
        out.push((
            "punctuation.french-space",
            range,
            format!("French sets a no-break space {shown}"),
            vec![fixed],
        ));
    }
}

fn space_after(text: &str, out: &mut Vec<Found>) {
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        match c {
            ',' | ';' | ':' => {
                let next = text[end..].chars().next();
                if next.is_some_and(|n| n.is_alphabetic() || n == '“') {
                    let word = next_word(text, end);
                    out.push((
                        "punctuation.space-after",
                        at..word,
                        format!("no space after “{c}”"),
                        vec![format!("{c} {}", &text[end..word])],
                    ));
                }
            }
            '.' | '?' | '!' => {
                // The sentence's end: the mark, then any closing quote or bracket.
                let rest = &text[end..];
                let closers = rest.len() - rest.trim_start_matches(CLOSERS).len();
                let close_end = end + closers;
                let next = text[close_end..].chars().next();
                let capital = next.is_some_and(char::is_uppercase) || (next == Some('“'));
                if !capital || text[..at].ends_with(['.', '?', '!']) {
                    continue;
                }
                // Straight quotes: `."Hello` could be either side of a quote; leave it.
                if text[end..close_end].contains('"') {
                    continue;
                }
                let word = next_word(text, close_end);
                if c == '.' && (initial_before(text, at) || short_after(&text[close_end..word], text, word)) {
                    continue;
                }
                out.push((
                    "punctuation.space-after",
                    at..word,
                    format!("no space after “{c}”"),
                    vec![format!("{} {}", &text[at..close_end], &text[close_end..word])],
                ));
            }
            _ => {}
        }
    }
}

/// The end of the word (with an opening quote before it) starting at `from`.
fn next_word(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let skipped = rest.len() - rest.trim_start_matches('“').len();
    let rest = &rest[skipped..];
    from + skipped + rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
}

/// Whether the word before the dot at `at` is a single letter or a known abbreviation:
/// initials (`U.S`, `J.K`), `e.g`, `Mr`.
fn initial_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let word_start = after_last(before, |c| !c.is_alphanumeric());
    let word = &before[word_start..];
    word.chars().count() == 1 || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether the words after a quote are its speech tag (`he said`, `she told reporters`).
fn speech_tag(after: &str) -> bool {
    after.split_whitespace().take(3).any(|w| is_saying(w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// Whether the word after the dot is one capital (`U.S`'s `S`) or a short capital extension of a
/// file name (`report.PDF`).
fn short_after(word: &str, text: &str, word_end: usize) -> bool {
    let letters = word.chars().count();
    let then = text[word_end..].chars().next();
    letters == 1
        || (letters <= 4
            && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && then.is_none_or(|c| c.is_whitespace() || ",;:)".contains(c)))
}

fn stop_before_quote(text: &str, out: &mut Vec<Found>) {
    for (at, _) in text.match_indices('.') {
        let rest = &text[at + 1..];
        let Some(q) = rest.chars().next().filter(|c| matches!(c, '”' | '"' | '’' | '»')) else {
            continue;
        };
        let after = &rest[q.len_utf8()..];
        // The sentence goes on: a comma or semicolon, or a lower-case word after a space.
        let goes_on = after.starts_with([',', ';'])
            || (after.starts_with(' ') && after.trim_start().chars().next().is_some_and(char::is_lowercase));
        if !goes_on || text[..at].ends_with('.') || initial_before(text, at) || text[..at].ends_with('…') {
            continue;
        }
        // The word before: an abbreviation written with dots (`U.S.”`) ends with one of its own.
        let before = &text[..at];
        let word_start = after_last(before, char::is_whitespace);
        if before[word_start..].contains('.') {
            continue;
        }
        out.push((
            "punctuation.stop-before-quote",
            at..at + 1 + q.len_utf8(),
            "a full stop inside the quote, but the sentence goes on".to_string(),
            if after.starts_with(' ') && speech_tag(after) {
                vec![format!(",{q}"), q.to_string()]
            } else if after.starts_with(' ') {
                vec![q.to_string(), format!(",{q}")]
            } else {
                vec![q.to_string()]
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};

    fn found(text: &str) -> Vec<(String, String, String)> {
        found_in(text, Typography::English)
    }

    fn found_in(text: &str, typography: Typography) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Standfirst), text), typography, &mut out);
        out.into_iter()
            .map(|f| (f.rule.trim_start_matches("punctuation.").to_string(), f.text, f.suggestions.join("|")))
            .collect()
    }

    fn one(rule: &str, text: &str, suggestion: &str) -> (String, String, String) {
        (rule.to_string(), text.to_string(), suggestion.to_string())
    }

    #[test]
    fn flags_doubled_marks_but_not_ellipses() {
        assert_eq!(found("the ministers,, and"), [one("doubled", ",,", ",")]);
        assert_eq!(found("It ended.. Then"), [one("doubled", "..", ".")]);
        assert!(found("wait... and see. Really?! Yes!? Then …").is_empty());
    }

    #[test]
    fn flags_a_space_before_a_mark() {
        assert_eq!(found("the minister , who"), [one("space-before", " ,", ",")]);
        assert_eq!(found("Is it over ?"), [one("space-before", " ?", "?")]);
        assert!(found("wait ... and see, a .38 calibre, the .docx file? No, 2 :30").is_empty());
        assert!(found("line one\n; two").is_empty());
    }

    #[test]
    fn flags_a_missing_space_after_a_mark() {
        assert_eq!(found("he said,the"), [one("space-after", ",the", ", the")]);
        assert_eq!(found("he said:“We"), [one("space-after", ":“We", ": “We")]);
        assert_eq!(found("in Iraq.The group"), [one("space-after", ".The", ". The")]);
        assert_eq!(found("“We won.”They left"), [one("space-after", ".”They", ".” They")]);
        assert_eq!(found("Why?Because"), [one("space-after", "?Because", "? Because")]);
    }

    #[test]
    fn leaves_numbers_addresses_abbreviations_and_files_alone() {
        assert!(found(
            "3.5 percent of 10,000 at 12:30, the U.S. and U.N.Security, J.K.Rowling, a Ph.D, e.g.,"
        )
        .is_empty());
        assert!(found("see www.Example.Org/A,B or mail Jo.Smith@Mail.Com and the report.PDF now").is_empty());
        assert!(found("https://x.org/a;b:c wait...And").is_empty());
        assert!(found("ALGIERS (AFP) — The minister said: “We will win.”").is_empty());
    }

    #[test]
    fn flags_a_full_stop_before_a_closing_quote_mid_sentence() {
        assert_eq!(found("called it “a disgrace.” and left"), [one("stop-before-quote", ".”", "”|,”")]);
        assert_eq!(found("“We will win.” he said"), [one("stop-before-quote", ".”", ",”|”")]);
        assert_eq!(found("“We will win.”, he said"), [one("stop-before-quote", ".”", "”")]);
        assert!(found("“We will win.” He left. The “U.S.” and “wait...” and “Inc.” firms").is_empty());
        assert!(found("He said: “We have received worrying signals”.").is_empty());
    }

    #[test]
    fn skips_notes() {
        let mut p = Passage::plain(Place::block(vec![0]), "fine ,,check this");
        p.notes.push(5..17);
        let mut out = Vec::new();
        check(&p, Typography::English, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn french_typography_wants_the_spaces_english_refuses() {
        assert_eq!(Typography::of("fr-CA"), Typography::French);
        assert_eq!(Typography::of("en-GB"), Typography::English);
        let french = |t: &str| found_in(t, Typography::French);
        // Correct French: nothing flagged, though English flags the spaces.
        for good in [
            "Il a dit : « Nous partirons demain ! » Pourquoi ? Parce que ; voilà.",
            "Rendez-vous à 12:30 ; le score était 3:1 ?!",
            "Voir https://example.org/a:b pour tout.",
        ] {
            assert_eq!(french(good), Vec::<(String, String, String)>::new(), "{good}");
        }
        assert!(!found("Il a dit : oui").is_empty(), "English flags a space before a colon");
        assert_eq!(
            french("Bonjour! Il a dit «oui»."),
            vec![
                one("french-space", "Bonjour!", "Bonjour\u{202f}!"),
                one("french-space", "«oui", "«\u{a0}oui"),
                one("french-space", "oui»", "oui\u{a0}»"),
            ]
        );
        assert_eq!(french("Attention: danger"), vec![one("french-space", "Attention:", "Attention\u{a0}:")]);
        // A space before a comma is wrong in French too.
        assert_eq!(french("Oui , merci"), vec![one("space-before", " ,", ",")]);
    }
}
