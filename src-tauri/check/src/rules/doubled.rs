//! `words.doubled`: the same word twice in a row ("the the"), a slip every writer makes. Names
//! and numbers that really repeat ("Bora Bora", "had had", "that that") are left alone.

use crate::finding::{Category, Severity};
use crate::spelling::Names;
use crate::text::Passage;
use crate::tokens::doublings;
use crate::{Context, Finding};

/// Doublings English uses on purpose, and names that are one word twice (Bora Bora, Walla Walla,
/// Pago Pago, Sirhan Sirhan, TomTom written apart, the band Duran Duran, mahi-mahi written
/// apart). A capitalised word twice is not taken as a name in general: a name typed twice is as
/// common a slip as any other word; but a capitalised doubling written twice in the story is one.
const MEANT: &[&str] = &[
    "had", "that", "is", "bora", "walla", "pago", "sirhan", "tom", "duran", "mahi", "can", "do", "no",
    "very", "so",
];

/// `names`: the story's names, which hold the doublings it writes more than once ("Bafana Bafana",
/// South Africa's team, in every paragraph of a match report): a slip is rarely made twice, and
/// of a word the dictionary knows ("Group Group") never meant.
pub fn check(p: &Passage, cx: &Context, names: &Names, out: &mut Vec<Finding>) {
    for (range, a) in doublings(&p.text) {
        // A name: a word the dictionary does not know, capitalised, doubled more than once.
        let name = names.doubled(a)
            && a.chars().skip(1).any(char::is_lowercase)
            && !cx.speller.is_some_and(|s| s.knows(a));
        if !MEANT.contains(&a.to_lowercase().as_str())
            && !a.chars().any(char::is_numeric)
            && !p.in_note(&range)
            && !name
        {
            out.push(p.finding(
                "words.doubled",
                Category::Grammar,
                Severity::Error,
                range,
                format!("“{a}” twice in a row"),
                vec![a.to_string()],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};

    fn found(text: &str) -> Vec<String> {
        in_story(&[text])
    }

    fn in_story(paragraphs: &[&str]) -> Vec<String> {
        let passages: Vec<Passage> =
            paragraphs.iter().map(|t| Passage::plain(Place::field(Field::Standfirst), t)).collect();
        let names = crate::spelling::names(&passages);
        let settings = crate::CheckSettings::default();
        let cx = Context {
            speller: Some(&crate::rules::testing::EN_US),
            ..crate::rules::testing::with(&settings)
        };
        let mut out = Vec::new();
        for p in &passages {
            check(p, &cx, &names, &mut out);
        }
        out.into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn flags_a_doubled_word_and_leaves_meant_ones() {
        assert_eq!(found("The minister received the the delegation."), ["the the"]);
        assert_eq!(found("The The minister"), ["The The"]);
        assert!(found("He had had enough; that that was so. Bora Bora, 20 20.").is_empty());
        assert!(found("the, the end").is_empty(), "punctuation between is not a doubling");
        assert!(found("The band Duran Duran played in Pago Pago.").is_empty(), "names");
        assert_eq!(found("He met Paris Paris officials."), ["Paris Paris"], "a name typed twice");
    }

    #[test]
    fn a_doubling_the_story_writes_twice_is_a_name() {
        assert!(in_story(&["Bafana Bafana won.", "The coach of Bafana Bafana said so."]).is_empty());
        assert_eq!(in_story(&["Bafana Bafana won.", "The coach said so."]), ["Bafana Bafana"]);
        assert_eq!(in_story(&["the the vote", "and the the count"]), ["the the", "the the"], "not a name");
        assert_eq!(in_story(&["Group Group G.", "Group Group H."]), ["Group Group", "Group Group"], "a word");
        assert_eq!(in_story(&["At USI USI.", "The USI USI."]), ["USI USI", "USI USI"], "capitals");
    }
}
