//! `sentences.lowercase`: a sentence that goes on in lower case after a full stop ("worrying
//! signals. about the return"), usually a full stop that should be a comma or nothing. Ellipses,
//! abbreviations ("Mr.", "e.g.", "U.S.") and numbers ("3.5") are not the end of a sentence.

use crate::finding::{Category, Severity};
use crate::text::Passage;
use crate::Finding;

/// Words that end with a full stop without ending a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev",
    "prof", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "nos", "vol", "approx", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m", "fig", "cf", "al",
];

pub fn check(p: &Passage, out: &mut Vec<Finding>) {
    let text = &p.text;
    for (at, _) in text.match_indices(". ") {
        // The word before the full stop.
        let before = &text[..at];
        let word_start = crate::rules::after_last(before, |c| c.is_whitespace() || c == '(');
        let word = before[word_start..].to_lowercase();
        if word.is_empty()
            || before.ends_with('.')
            || ABBREVIATIONS.contains(&word.as_str())
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
            || word.contains('.')
        {
            continue;
        }
        let rest = &text[at + 2..];
        let next_end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let next = &rest[..next_end];
        if next.chars().next().is_some_and(char::is_lowercase) {
            let range = at..at + 2 + next_end;
            if p.in_note(&range) {
                continue;
            }
            let mut capital = next.chars();
            let fixed = capital.next().map(|c| c.to_uppercase().collect::<String>() + capital.as_str());
            out.push(
                p.finding(
                    "sentences.lowercase",
                    Category::Grammar,
                    Severity::Warning,
                    range,
                    "the sentence goes on in lower case after a full stop: a comma, or a capital?",
                    [format!(", {next}"), format!(" {next}")]
                        .into_iter()
                        .chain(fixed.map(|f| format!(". {f}")))
                        .collect(),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};

    fn found(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Standfirst), text), &mut out);
        out.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn flags_lower_case_after_a_full_stop() {
        assert_eq!(found("We have received worrying signals. about the return"), [". about"]);
        assert_eq!(found("against IS. aimed at achieving"), [". aimed"]);
    }

    #[test]
    fn leaves_abbreviations_numbers_and_ellipses_alone() {
        assert!(found(
            "Mr. smith, e.g. this, the U.S. government, 3.5 percent, wait... and see, at 9 a.m. today"
        )
        .is_empty());
        assert!(found("It ended. The next one began.").is_empty());
    }
}
