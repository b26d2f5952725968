//! The headline (the `Field::Headline` passage only).
//!
//! - `headline.length`: longer than `settings.headline_max` characters; the finding covers the
//!   characters over the limit, and the message gives the count.
//! - `headline.case`, against `settings.headline_case`:
//!   - Sentence case: with a dictionary, a capitalised word after the first that is an ordinary
//!     word (its lower-case form is in the dictionary), unless it is part of a name (a run of
//!     capitalised words holding a word the dictionary does not know in lower case: "Arab League",
//!     "AL Secretary-General"). Without a dictionary, names cannot be told from words, so only a
//!     headline in title case is flagged (every major word after the first capitalised), once.
//!   - Title case: a major word in lower case (articles, short conjunctions and prepositions are
//!     not major words; the first and last words always are).
//!
//! Left alone either way: abbreviations and words in capitals, words with digits or inner
//! capitals ("iPhone"), the first word, the word after a colon, a dash or an opening quote.

use std::ops::Range;

use crate::finding::{Category, Field, Severity};
use crate::settings::HeadlineCase;
use crate::spelling::Names;
use crate::text::Passage;
use crate::tokens::{is_all_caps, words};
use crate::{Context, Finding};

/// Words title case leaves in lower case.
const MINOR: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off",
    "on", "per", "to", "up", "via", "vs", "with", "from", "into", "onto", "over",
];

/// The headline's rules, with the story's names: a capitalised word the copy also capitalises
/// inside its sentences ("Mecca", "Church of Scientology", "Internet Explorer") is a name.
pub fn story(passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    let copy: Vec<Passage> = passages
        .iter()
        .filter(|p| !matches!(p.place.field, Field::Headline | Field::Kicker))
        .cloned()
        .collect();
    let names = crate::spelling::names(&copy);
    for p in passages.iter().filter(|p| p.place.field == Field::Headline) {
        check_with(p, cx, &names, out);
    }
}

#[cfg(test)]
pub fn check(p: &Passage, cx: &Context, out: &mut Vec<Finding>) {
    check_with(p, cx, &Names::default(), out);
}

fn check_with(p: &Passage, cx: &Context, names: &Names, out: &mut Vec<Finding>) {
    if p.place.field != Field::Headline {
        return;
    }
    let text = &p.text;
    let count = text.chars().count();
    let max = cx.settings.headline_max as usize;
    if max > 0 && count > max {
        let over = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
        out.push(p.finding(
            "headline.length",
            Category::Style,
            Severity::Warning,
            over..text.len(),
            format!("the headline has {count} characters (more than {max})"),
            Vec::new(),
        ));
    }
    match cx.settings.headline_case {
        HeadlineCase::Sentence => sentence_case(p, cx, names, out),
        HeadlineCase::Title => title_case(p, out),
        HeadlineCase::Any => {}
    }
}

/// The words the casing rules judge: (range, whether it starts the headline or a part of it).
fn judged(text: &str) -> Vec<(Range<usize>, bool)> {
    let ws = words(text);
    ws.iter()
        .enumerate()
        .map(|(i, r)| {
            let before = text[..r.start].trim_end();
            let starts = i == 0 || before.ends_with([':', '—', '–', '“', '‘', '"', '\'', '(', '?', '!', '.']);
            (r.clone(), starts)
        })
        .filter(|(r, _)| {
            let w = &text[r.clone()];
            !w.chars().any(|c| c.is_numeric())
                && !w.chars().skip(1).any(char::is_uppercase)
                && w.chars().next().is_some_and(char::is_alphabetic)
        })
        .collect()
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn sentence_case(p: &Passage, cx: &Context, names: &Names, out: &mut Vec<Finding>) {
    let text = &p.text;
    let all = words(text);
    let judged = judged(text);
    if let Some(speller) = cx.speller {
        for (r, starts) in &judged {
            let w = &text[r.clone()];
            // A name the copy capitalises, or one the dictionary holds ("China", not "china").
            if *starts || !capitalised(w) || names.contains_exactly(w) || speller.knows_name(w) {
                continue;
            }
            let lower = w.to_lowercase();
            if !speller.knows(&lower) {
                continue;
            }
            // Part of a name: a run of capitalised words holding one that is not an ordinary word.
            let i = all.iter().position(|a| a == r).unwrap_or(0);
            let joined = |a: usize, b: usize| text[all[a].end..all[b].start].chars().all(char::is_whitespace);
            let mut lo = i;
            while lo > 0 && joined(lo - 1, lo) && capitalised(&text[all[lo - 1].clone()]) {
                lo -= 1;
            }
            let mut hi = i;
            while hi + 1 < all.len() && joined(hi, hi + 1) && capitalised(&text[all[hi + 1].clone()]) {
                hi += 1;
            }
            let name = (lo..=hi).filter(|&j| j != i).any(|j| {
                let other = &text[all[j].clone()];
                is_all_caps(other) || !speller.knows(&other.to_lowercase())
            });
            if name {
                continue;
            }
            out.push(p.finding(
                "headline.case",
                Category::Style,
                Severity::Advice,
                r.clone(),
                format!("“{w}” in capitals: the house writes headlines in sentence case"),
                vec![lower],
            ));
        }
        return;
    }
    // Without a dictionary: title case is every major word after the first capitalised.
    let major: Vec<&str> = judged
        .iter()
        .filter(|(_, starts)| !starts)
        .map(|(r, _)| &text[r.clone()])
        .filter(|w| !MINOR.contains(&w.to_lowercase().as_str()) && !is_all_caps(w))
        .collect();
    let caps = major.iter().filter(|w| capitalised(w)).count();
    if caps >= 2 && caps == major.len() {
        out.push(p.finding(
            "headline.case",
            Category::Style,
            Severity::Advice,
            0..0,
            "the headline is in title case: the house writes headlines in sentence case",
            Vec::new(),
        ));
    }
}

fn title_case(p: &Passage, out: &mut Vec<Finding>) {
    let text = &p.text;
    let judged = judged(text);
    let last = judged.last().map(|(r, _)| r.clone());
    for (r, starts) in &judged {
        let w = &text[r.clone()];
        // The first part of a hyphenated word decides ("anti-IS", "Secretary-general").
        let head = w.split(['-', '‑']).next().unwrap_or(w);
        if capitalised(head) {
            continue;
        }
        let minor = MINOR.contains(&head.to_lowercase().as_str()) && !starts && Some(r) != last.as_ref();
        if minor {
            continue;
        }
        let mut chars = w.chars();
        let fixed: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
        out.push(p.finding(
            "headline.case",
            Category::Style,
            Severity::Advice,
            r.clone(),
            format!("“{w}” in lower case: the house writes headlines in title case"),
            vec![fixed],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testing::with;
    use crate::CheckSettings;

    fn found(text: &str, case: HeadlineCase) -> Vec<(String, String, String)> {
        let settings = CheckSettings { headline_case: case, ..CheckSettings::default() };
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Headline), text), &with(&settings), &mut out);
        out.into_iter().map(|f| (f.rule, f.text, f.message)).collect()
    }

    #[test]
    fn a_name_the_copy_capitalises_is_left_alone_in_a_sentence_case_headline() {
        let settings = CheckSettings::default();
        let cx = Context { speller: Some(&crate::rules::testing::EN_US), ..with(&settings) };
        let headline = |t: &str| Passage::plain(Place::field(Field::Headline), t);
        let mut copy = crate::rules::testing::body(&["At least 107 died in Mecca when the Church said so."]);
        copy.insert(0, headline("At least 107 killed in Mecca crane collapse, Church Says"));
        let mut out = Vec::new();
        story(&copy, &cx, &mut out);
        let texts: Vec<String> = out.into_iter().map(|f| f.text).collect();
        assert_eq!(texts, ["Says"], "Mecca and Church are names the copy uses; Says is a slip");
    }

    #[test]
    fn a_name_the_dictionary_holds_is_left_alone_in_a_sentence_case_headline() {
        let settings = CheckSettings::default();
        let cx = Context { speller: Some(&crate::rules::testing::EN_US), ..with(&settings) };
        let mut copy = crate::rules::testing::body(&["The quake struck on Saturday."]);
        copy.insert(
            0,
            Passage::plain(Place::field(Field::Headline), "Strong quake in western China Kills four"),
        );
        let mut out = Vec::new();
        story(&copy, &cx, &mut out);
        let texts: Vec<String> = out.into_iter().map(|f| f.text).collect();
        assert_eq!(texts, ["Kills"], "China is a name though the copy never writes it");
    }

    #[test]
    fn flags_a_long_headline_with_its_count() {
        let long = "AL Secretary-General calls for international efforts to eliminate IS at once";
        let f = found(long, HeadlineCase::Any);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1, "t once");
        assert_eq!(f[0].2, "the headline has 76 characters (more than 70)");
        assert!(found(
            "AL Secretary-General calls for international efforts to eliminate IS",
            HeadlineCase::Any
        )
        .is_empty());
        let accents = "é".repeat(70);
        assert!(found(&accents, HeadlineCase::Any).is_empty(), "characters, not bytes");
    }

    #[test]
    fn flags_title_case_in_a_sentence_case_house() {
        let f = found("Arab League Chief Calls For International Action", HeadlineCase::Sentence);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "headline.case");
        assert!(found(
            "AL Secretary-General calls for international efforts to eliminate IS",
            HeadlineCase::Sentence
        )
        .is_empty());
        assert!(
            found("Blinken visits New York: Talks begin with UN and NATO", HeadlineCase::Sentence).is_empty()
        );
        assert!(found("ARAB LEAGUE CALLS FOR ACTION", HeadlineCase::Sentence).is_empty());
    }

    #[test]
    fn flags_lower_case_major_words_in_a_title_case_house() {
        let f: Vec<String> =
            found("AL Secretary-General calls for efforts to eliminate IS", HeadlineCase::Title)
                .into_iter()
                .map(|f| f.1)
                .collect();
        assert_eq!(f, ["calls", "efforts", "eliminate"]);
        assert!(found("Talks Begin in Rome: A Deal for the Region and iPhone 15 Sales", HeadlineCase::Title)
            .is_empty());
        assert_eq!(found("What Is It for", HeadlineCase::Title)[0].1, "for", "the last word is major");
    }

    #[test]
    fn leaves_other_fields_alone() {
        let settings = CheckSettings::default();
        let mut out = Vec::new();
        let long = "x".repeat(200);
        check(&Passage::plain(Place::field(Field::Standfirst), &long), &with(&settings), &mut out);
        assert!(out.is_empty());
    }
}
