//! A photo use's caption, credit and alt text, read together (a story rule over the passages of
//! each use).
//!
//! - `captions.missing-caption`, `captions.missing-credit`, `captions.missing-alt`: the field is
//!   empty (a finding about the whole field, offsets 0). Errors: a photo should not go out without
//!   them.
//! - `captions.not-a-sentence`: a caption that does not end with `.`, `!` or `?` (a closing quote
//!   or bracket after one is fine); the suggestion adds the full stop (or puts it in place of a
//!   trailing comma, colon or semicolon).
//! - `captions.credit-in-caption`: "Photo:", "Photograph:", "Photos:" or "Picture:" in the caption,
//!   or the credit's own text closing it or in brackets ("… in Algiers. AFP/VNA"): the credit has
//!   its own field and its line is printed from it.
//! - `captions.alt-is-caption`: the alt text repeats the caption (trimmed, ignoring case).
//!
//! Left alone: the credit named inside a sentence of the caption ("told AFP on Monday"), and a
//! caption's full stop inside its closing quote.

use byline_model::Story;

use crate::finding::{Category, Field, Severity};
use crate::text::Passage;
use crate::Finding;

/// Labels that introduce a credit.
const LABELS: &[&str] = &["photo:", "photograph:", "photos:", "picture:", "photo by "];

pub fn story(story: &Story, passages: &[Passage], out: &mut Vec<Finding>) {
    let mut uses: Vec<&str> = Vec::new();
    for p in passages {
        if let Some(id) = &p.place.photo_use {
            if !uses.contains(&id.as_str()) {
                uses.push(id);
            }
        }
    }
    for id in uses {
        let field = |f: Field| {
            passages.iter().find(|p| p.place.photo_use.as_deref() == Some(id) && p.place.field == f)
        };
        let number = story.photos.iter().position(|u| u.id == id).map_or(0, |i| i + 1);
        let (Some(caption), Some(credit), Some(alt)) =
            (field(Field::Caption), field(Field::Credit), field(Field::AltText))
        else {
            continue;
        };
        for (p, rule, what) in [
            (caption, "captions.missing-caption", "caption"),
            (credit, "captions.missing-credit", "credit"),
            (alt, "captions.missing-alt", "alt text"),
        ] {
            if p.text.trim().is_empty() {
                out.push(p.finding(
                    rule,
                    Category::Captions,
                    Severity::Error,
                    0..0,
                    format!("photo {number} has no {what}"),
                    Vec::new(),
                ));
            }
        }
        // A caption closed by its credit is judged once the credit is out.
        if !credit_in_caption(caption, credit.text.trim(), out) {
            not_a_sentence(caption, out);
        }
        let (c, a) = (caption.text.trim(), alt.text.trim());
        if !a.is_empty() && a.to_lowercase() == c.to_lowercase() {
            let start = alt.text.len() - alt.text.trim_start().len();
            out.push(alt.finding(
                "captions.alt-is-caption",
                Category::Captions,
                Severity::Warning,
                start..start + a.len(),
                format!("photo {number}: the alt text repeats the caption; describe what the photo shows"),
                Vec::new(),
            ));
        }
    }
}

fn not_a_sentence(p: &Passage, out: &mut Vec<Finding>) {
    let text = p.text.trim_end();
    if text.trim().is_empty() {
        return;
    }
    let bare = text.trim_end_matches(['”', '’', '"', '\'', ')', '»']);
    if bare.ends_with(['.', '!', '?', '…']) {
        return;
    }
    // The last word, with any trailing mark.
    let start = crate::rules::after_last(bare.trim_end_matches([',', ';', ':']), char::is_whitespace);
    let start = start.max(p.text.len() - p.text.trim_start().len());
    let last = &text[start..];
    let fixed = match last.strip_suffix([',', ';', ':']) {
        Some(word) => format!("{word}."),
        None if bare.len() < text.len() => format!("{}.{}", &bare[start..], &text[bare.len()..]),
        None => format!("{last}."),
    };
    out.push(p.finding(
        "captions.not-a-sentence",
        Category::Captions,
        Severity::Warning,
        start..text.len(),
        "the caption does not end like a sentence",
        vec![fixed],
    ));
}

/// Whether the caption holds its credit (flagged).
fn credit_in_caption(p: &Passage, credit: &str, out: &mut Vec<Finding>) -> bool {
    let text = &p.text;
    let mut flagged = false;
    for label in LABELS {
        let Some(at) = find_ci(text, label) else { continue };
        let at_word = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        if !at_word {
            continue;
        }
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let end = at + text[at..end].trim_end().len();
        out.push(p.finding(
            "captions.credit-in-caption",
            Category::Captions,
            Severity::Warning,
            at..end,
            "the credit is in the caption; it has its own field",
            Vec::new(),
        ));
        flagged = true;
        break;
    }
    if flagged || credit.is_empty() {
        return flagged;
    }
    // The credit's text closing the caption, or in brackets.
    let Some(at) = find_ci(text, credit) else { return false };
    let end = at + credit.len();
    let rest = text[end..].trim_end().trim_end_matches(['.', ')']);
    let before = text[..at].trim_end();
    let closing =
        rest.is_empty() && (before.is_empty() || before.ends_with(['.', '—', '–', '-', '(', '/', '|']));
    let bracketed = before.ends_with('(') && text[end..].starts_with(')');
    if closing || bracketed {
        out.push(p.finding(
            "captions.credit-in-caption",
            Category::Captions,
            Severity::Warning,
            at..end,
            format!("the credit “{credit}” is in the caption; it has its own field"),
            Vec::new(),
        ));
    }
    closing || bracketed
}

/// The byte offset in `text` of the first case-insensitive match of `needle`.
fn find_ci(text: &str, needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    text.char_indices().map(|(i, _)| i).find(|&i| {
        let mut hay = text[i..].chars();
        n.iter().all(|&c| hay.next().is_some_and(|h| h.to_lowercase().eq(c.to_lowercase())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;

    fn story_with(caption: &str, credit: &str, alt: &str) -> Story {
        let body = serde_json::json!({"type": "doc", "content": [{"type": "paragraph"}]});
        testing::story(body, vec![testing::photo("u1", "lead", caption, credit, alt)])
    }

    fn found(caption: &str, credit: &str, alt: &str) -> Vec<(String, String, Vec<String>)> {
        let s = story_with(caption, credit, alt);
        let mut out = Vec::new();
        story(&s, &crate::text::passages(&s), &mut out);
        out.into_iter()
            .map(|f| (f.rule.trim_start_matches("captions.").to_string(), f.text, f.suggestions))
            .collect()
    }

    fn rules(caption: &str, credit: &str, alt: &str) -> Vec<String> {
        found(caption, credit, alt).into_iter().map(|f| f.0).collect()
    }

    const ALT: &str = "A man in a suit at a lectern";

    #[test]
    fn flags_missing_fields_as_errors() {
        assert_eq!(rules("", "", ""), ["missing-caption", "missing-credit", "missing-alt"]);
        assert!(rules("He speaks in Algiers.", "AFP/VNA", ALT).is_empty());
        let s = story_with("", "AFP", ALT);
        let mut out = Vec::new();
        story(&s, &crate::text::passages(&s), &mut out);
        assert_eq!((out[0].severity, out[0].start, out[0].end), (Severity::Error, 0, 0));
        assert_eq!(out[0].message, "photo 1 has no caption");
    }

    #[test]
    fn flags_a_caption_that_is_not_a_sentence() {
        assert_eq!(
            found("He speaks in Algiers", "AFP", ALT),
            [("not-a-sentence".into(), "Algiers".into(), vec!["Algiers.".into()])]
        );
        assert_eq!(
            found("He speaks in Algiers,", "AFP", ALT),
            [("not-a-sentence".into(), "Algiers,".into(), vec!["Algiers.".into()])]
        );
        assert!(rules("He said: “We will win.”", "AFP", ALT).is_empty());
        assert!(rules("Is it over? (File photo.)", "AFP", ALT).is_empty());
    }

    #[test]
    fn flags_the_credit_in_the_caption() {
        assert_eq!(
            found("He speaks in Algiers. Photo: AFP/VNA", "AFP/VNA", ALT),
            [("credit-in-caption".into(), "Photo: AFP/VNA".into(), vec![])]
        );
        assert_eq!(found("He speaks in Algiers. AFP/VNA", "AFP/VNA", ALT)[0].1, "AFP/VNA");
        assert_eq!(found("He speaks in Algiers (AFP).", "AFP", ALT)[0].1, "AFP");
        assert!(rules("He told AFP on Monday he would go.", "AFP", ALT).is_empty());
        assert!(rules("A photographer: he is one.", "AFP", ALT).is_empty());
    }

    #[test]
    fn flags_alt_text_that_repeats_the_caption() {
        assert_eq!(rules("He speaks in Algiers.", "AFP", " he speaks in algiers. "), ["alt-is-caption"]);
    }
}
