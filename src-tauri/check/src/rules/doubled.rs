//! `words.doubled`: the same word twice in a row ("the the"), a slip every writer makes. Names
//! and numbers that really repeat ("Bora Bora", "had had", "that that") are left alone.

use crate::finding::{Category, Severity};
use crate::text::Passage;
use crate::tokens::words;
use crate::Finding;

/// Doublings English uses on purpose, and names that are one word twice (Bora Bora, Walla Walla,
/// Pago Pago, Sirhan Sirhan, TomTom written apart, the band Duran Duran, mahi-mahi written
/// apart). A capitalised word twice is not taken as a name in general: a name typed twice is as
/// common a slip as any other word.
const MEANT: &[&str] = &[
    "had", "that", "is", "bora", "walla", "pago", "sirhan", "tom", "duran", "mahi", "can", "do", "no",
    "very", "so",
];

pub fn check(p: &Passage, out: &mut Vec<Finding>) {
    let w = words(&p.text);
    for pair in w.windows(2) {
        let (a, b) = (&p.text[pair[0].clone()], &p.text[pair[1].clone()]);
        let between = &p.text[pair[0].end..pair[1].start];
        if a.to_lowercase() == b.to_lowercase()
            && between.chars().all(|c| c == ' ')
            && !between.is_empty()
            && !MEANT.contains(&a.to_lowercase().as_str())
            && !a.chars().any(char::is_numeric)
            && !p.in_note(&(pair[0].start..pair[1].end))
        {
            out.push(p.finding(
                "words.doubled",
                Category::Grammar,
                Severity::Error,
                pair[0].start..pair[1].end,
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
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Standfirst), text), &mut out);
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
}
