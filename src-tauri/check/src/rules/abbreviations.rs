//! `abbreviations.unexplained`: an abbreviation in capitals ("AL", "IS", "NGOs") that the story
//! never spells out at its first use. Spelled out means "Arab League (AL)", "AL (Arab League)", or
//! words whose initials make it ("Arab League", "Islamic State of Iraq and Syria" for ISIS, small
//! words such as "of" and "and" skipped) somewhere before it. Only the first use is flagged.
//!
//! The headline and kicker may use an abbreviation the copy explains: the first use judged is the
//! first one below them (standfirst, captions, body), and a head use is flagged only when the
//! copy never uses the abbreviation at all. Left alone: the library's `known_abbreviations`, the
//! dateline field and a dateline at the start of a paragraph ("ALGIERS (AFP) —"), credits and
//! bylines (agency names), the story's first word set in capitals ("TWO men were held"), an
//! agency slug closing a paragraph ("(VNA)", "— AFP"), a headline or
//! kicker set wholly in capitals (style, not abbreviations), a run of three capitalised words or
//! more (a shouted phrase), Roman numerals of I, V and X ("World War II"), words with digits
//! ("MH17", "G7"), "TK" (a note, for `structure.tk`), notes, and an abbreviation that is part of a
//! name: beside a capitalised word inside a sentence ("ABC News", "Windows XP", "PlayStation VR"),
//! anywhere in the story when the story never spells it out (the story that writes "CBC News"
//! may say "the CBC": the name is the broadcaster's own, not jargon to spell out).

use std::collections::HashSet;
use std::ops::Range;

use crate::finding::{Category, Field, Severity};
use crate::text::Passage;
use crate::tokens::{dateline_end, is_all_caps, without_possessive, words};
use crate::{Context, Finding};

/// Small words an expansion may hold without an initial of its own.
const SMALL: &[&str] = &["of", "and", "the", "for", "on", "in", "to", "de", "du", "des", "la", "le", "&"];

/// One abbreviation written in a passage.
struct Abbr {
    passage: usize,
    range: Range<usize>,
    /// The abbreviation without a plural or possessive ending.
    abbr: String,
}

pub fn story(passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    let known: HashSet<&str> = cx.settings.known_abbreviations.iter().map(String::as_str).collect();
    let mut seen: Vec<String> = Vec::new();
    // A story whose first word is set in capitals, as many papers set it ("TWO men have been
    // arrested"), opens with a word, not an abbreviation.
    let first_body = passages.iter().position(|p| p.place.field == Field::Body);
    let opener = |a: &Abbr| {
        let text = &passages[a.passage].text;
        let word = &text[a.range.clone()];
        Some(a.passage) == first_body
            && a.range.start == 0
            && word.chars().count() >= 3
            && text[a.range.end..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_lowercase))
            && cx.speller.is_some_and(|s| s.knows(&word.to_lowercase()))
    };
    let found: Vec<(Abbr, bool)> = passages
        .iter()
        .enumerate()
        .filter(|(_, p)| !matches!(p.place.field, Field::Dateline | Field::Credit | Field::Byline))
        .flat_map(|(i, p)| {
            abbreviations(p)
                .into_iter()
                .map(move |(range, abbr, in_name)| (Abbr { passage: i, range, abbr }, in_name))
        })
        .filter(|(a, _)| !opener(a))
        .collect();
    // Names the story writes with an abbreviation it never spells out ("CBC News"): one a story
    // explains ("USI Art Collection", then "the University of Southern Indiana") is explained
    // at its first use like any other.
    let mut names: HashSet<String> =
        found.iter().filter(|(_, in_name)| *in_name).map(|(a, _)| a.abbr.clone()).collect();
    names.retain(|abbr| !found.iter().any(|(b, _)| &b.abbr == abbr && spelled_out(passages, b)));
    let all: Vec<Abbr> = found
        .into_iter()
        .map(|(a, _)| a)
        .filter(|a| !known.contains(a.abbr.as_str()) && !names.contains(&a.abbr))
        .collect();
    let in_head = |a: &Abbr| matches!(passages[a.passage].place.field, Field::Kicker | Field::Headline);
    for a in &all {
        if seen.contains(&a.abbr) {
            continue;
        }
        seen.push(a.abbr.clone());
        // The first use in the copy, or in the head when the copy never has it.
        let first = all.iter().find(|b| b.abbr == a.abbr && !in_head(b)).unwrap_or(a);
        if spelled_out(passages, first) {
            continue;
        }
        let p = &passages[first.passage];
        out.push(p.finding(
            "abbreviations.unexplained",
            Category::Style,
            Severity::Warning,
            first.range.clone(),
            format!("{} is not spelled out at its first use", first.abbr),
            Vec::new(),
        ));
    }
}

/// The abbreviations of a passage, with their ranges and whether each is part of a name there,
/// outside the parts left alone.
fn abbreviations(p: &Passage) -> Vec<(Range<usize>, String, bool)> {
    let text = &p.text;
    let head = matches!(p.place.field, Field::Kicker | Field::Headline);
    if head && !text.chars().any(char::is_lowercase) {
        return Vec::new();
    }
    let dateline = dateline_end(text).unwrap_or(0);
    let slug = slug_start(text).unwrap_or(text.len());
    // Split hyphenated words: "anti-IS" holds IS.
    let mut parts: Vec<Range<usize>> = Vec::new();
    for w in words(text) {
        let mut at = w.start;
        for part in text[w.clone()].split(['-', '‑']) {
            parts.push(at..at + part.len());
            at += part.len() + 1;
        }
    }
    let caps: Vec<Option<String>> = parts.iter().map(|r| abbreviation(&text[r.clone()])).collect();
    let mut out = Vec::new();
    for (i, r) in parts.iter().enumerate() {
        let Some(abbr) = &caps[i] else { continue };
        // A run of three words in capitals is a phrase shouted, not abbreviations.
        let in_run = (i.saturating_sub(2)..=i)
            .any(|s| (s..s + 3).all(|j| parts.get(j).is_some_and(|r| capitals(&text[r.clone()]))));
        // Part of a name ("ABC News", "Windows XP", "PlayStation VR"): a capitalised word in lower
        // case letters right beside it, inside a sentence.
        let name_word = |j: usize| {
            let Some(w) = parts.get(j) else { return false };
            let (a, b) = if j < i { (w.end, r.start) } else { (r.end, w.start) };
            let word = &text[w.clone()];
            &text[a..b] == " "
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().any(char::is_lowercase)
                && !text[..w.start].trim_end().ends_with(['.', '!', '?'])
                && !text[..w.start].trim().is_empty()
        };
        // A title after it ("AL Secretary-General") does not make a name.
        let whole = |j: usize| parts.get(j).is_some_and(|w| !text[w.end..].starts_with(['-', '‑']));
        let in_name = (i > 0 && name_word(i - 1)) || (name_word(i + 1) && whole(i + 1));
        if in_run || r.end <= dateline || r.start >= slug || p.in_note(r) || before_zip_code(text, r) {
            continue;
        }
        // Before a title ("AL Secretary General", "UN Envoy") it names the body the title belongs
        // to, which the reader still needs spelled out: a name for this use only.
        let titled = parts.get(i + 1).is_some_and(|w| TITLES.contains(&&text[w.clone()]));
        out.push((r.clone(), abbr.clone(), in_name && !titled));
    }
    out
}

/// Titles that follow the abbreviation of the body they belong to.
const TITLES: &[&str] = &[
    "Secretary",
    "President",
    "Vice",
    "Minister",
    "Chief",
    "Director",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Commander",
    "Ambassador",
    "Envoy",
    "Head",
    "Leader",
    "General",
    "Deputy",
    "Foreign",
    "Prime",
    "Member",
    "Members",
    "Official",
    "Officials",
    "Governor",
    "Representative",
    "Special",
    "Commissioner",
    "Delegate",
    "Delegation",
    "Chairmanship",
];

fn capitals(word: &str) -> bool {
    word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase)
}

/// The abbreviation a word is, if it is one: capitals ("AL"), with a plural or possessive ending
/// ("NGOs", "IS’s").
fn abbreviation(word: &str) -> Option<String> {
    let possessive = without_possessive(word);
    let stem = Some(possessive)
        .filter(|s| s.len() < word.len())
        .or_else(|| word.strip_suffix('s'))
        .filter(|s| is_all_caps(s))
        .unwrap_or(word);
    let roman = stem.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    (is_all_caps(stem) && !roman && stem != "TK" && stem.chars().all(char::is_alphabetic))
        .then(|| stem.to_string())
}

/// Where an agency slug closing a paragraph starts: "(VNA)", "— AFP", "VNA/VNS".
fn slug_start(text: &str) -> Option<usize> {
    let trimmed = text.trim_end().trim_end_matches('.');
    let is_slug = |s: &str| {
        !s.is_empty() && s.split(['/', ' ', ',']).filter(|w| !w.is_empty()).all(|w| capitals(w) || w == "&")
    };
    if let Some(inner) = trimmed.strip_suffix(')') {
        let open = inner.rfind('(')?;
        return is_slug(&inner[open + 1..]).then_some(open);
    }
    let dash = trimmed.rfind(['—', '–'])?;
    let tail = trimmed[dash..].trim_start_matches(['—', '–']).trim();
    is_slug(tail).then_some(dash)
}

/// Whether the abbreviation is spelled out at or before this use.
fn spelled_out(passages: &[Passage], a: &Abbr) -> bool {
    let p = &passages[a.passage];
    let text = &p.text;
    // "Arab League (AL)": the use in brackets after words, alone or with another abbreviation
    // it is written with ("Coalition of Concerned Teachers Ghana (CCT-GH)").
    let inside =
        text[..a.range.start].rfind('(').zip(text[a.range.end..].find(')')).is_some_and(|(open, close)| {
            let inner = text[open + 1..a.range.end + close].trim();
            !inner.is_empty() && !inner.contains(char::is_whitespace) && !inner.contains(char::is_lowercase)
        });
    // "AL (Arab League)": a capitalised name in brackets right after.
    let after = text[a.range.end..].trim_start_matches(['’', '\'', 's']);
    let explained =
        after.strip_prefix(" (").is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase));
    if inside || explained {
        return true;
    }
    // Initials of words before the use, in this passage or an earlier one.
    let letters: Vec<char> = a.abbr.chars().collect();
    passages[..a.passage]
        .iter()
        .map(|q| q.text.as_str())
        .chain([&text[..a.range.start]])
        .any(|t| initials(t, &letters))
}

/// A state in a postal address: two capitals before a ZIP code ("Wilmington, IL 60481").
fn before_zip_code(text: &str, r: &Range<usize>) -> bool {
    let Some(rest) = text[r.end..].strip_prefix(' ') else { return false };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    r.len() == 2 && digits == 5
}

/// Whether consecutive capitalised words of `text` have these initials (small words skipped).
/// Words are consecutive when only spaces or a hyphen stand between them.
fn initials(text: &str, letters: &[char]) -> bool {
    let mut ws: Vec<Range<usize>> = Vec::new();
    for w in words(text) {
        let mut at = w.start;
        for part in text[w.clone()].split(['-', '‑']) {
            ws.push(at..at + part.len());
            at += part.len() + 1;
        }
    }
    let joined = |a: &Range<usize>, b: &Range<usize>| {
        text.get(a.end..b.start)
            .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '‑')))
    };
    (0..ws.len()).any(|start| {
        let mut need = letters.iter().peekable();
        let mut prev: Option<&Range<usize>> = None;
        for r in &ws[start..] {
            let Some(&&c) = need.peek() else { break };
            if prev.is_some_and(|p| !joined(p, r)) {
                break;
            }
            let w = &text[r.clone()];
            let first = w.chars().next().unwrap_or(' ');
            let name = w.chars().skip(1).any(char::is_lowercase) || w.chars().count() == 1;
            if first == c && name {
                need.next();
            } else if !(prev.is_some() && SMALL.contains(&w.to_lowercase().as_str())) {
                break;
            }
            prev = Some(r);
        }
        need.peek().is_none()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use crate::rules::testing::{body, context};

    fn found(passages: &[Passage]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        story(passages, &context(), &mut out);
        out.into_iter().map(|f| (f.text, f.message)).collect()
    }

    fn texts(paragraphs: &[&str]) -> Vec<String> {
        found(&body(paragraphs)).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn an_abbreviation_inside_a_name_is_left_alone() {
        assert!(texts(&["According to ABC News, IE6 shipped with Windows XP and PlayStation VR."]).is_empty());
        assert!(texts(&["In the demonstration of Batman: Arkham VR, players fly."]).is_empty());
        assert!(texts(&["Sony, Microsoft, and PlayStation VR all had lines."]).is_empty());
        assert_eq!(texts(&["The NTSB said so. A spokesperson for the IAEA left."]), ["NTSB", "IAEA"]);
    }

    /// A story that names "CBC News" may say "the CBC" before it: the broadcaster's name, not
    /// jargon. An abbreviation no name in the story holds is still flagged, and so is one before
    /// a title ("AL Secretary General": the body the title belongs to).
    #[test]
    fn an_abbreviation_the_story_uses_in_a_name_is_a_name_everywhere() {
        assert!(texts(&["Someone gave it to the CBC today.", "A spokeswoman told CBC News so."]).is_empty());
        assert!(texts(&["Playstation VR demo.", "Sony and PlayStation VR had large areas."]).is_empty());
        assert_eq!(texts(&["Someone gave it to the CBC today.", "A spokeswoman told the BBC so."]), ["CBC"]);
        assert_eq!(texts(&["The AL chief spoke.", "Then AL Secretary General Aboul-Gheit left."]), ["AL"]);
        assert_eq!(
            texts(&[
                "Prints at USI.",
                "The University of Southern Indiana shows them.",
                "The USI Art Collection."
            ]),
            ["USI"],
            "a name the story spells out is spelled out first"
        );
    }

    #[test]
    fn flags_the_first_use_only() {
        assert_eq!(
            found(&body(&["the AL Secretary-General said", "against IS and the AL"])),
            [
                ("AL".to_string(), "AL is not spelled out at its first use".to_string()),
                ("IS".to_string(), "IS is not spelled out at its first use".to_string())
            ]
        );
        assert_eq!(texts(&["the NGOs said", "NGO"]), ["NGOs"]);
        assert_eq!(texts(&["anti-IS coalition"]), ["IS"]);
        assert_eq!(texts(&["the AL said", "the Arab League (AL) said"]), ["AL"], "spelled out too late");
    }

    #[test]
    fn leaves_spelled_out_and_known_abbreviations_alone() {
        assert!(texts(&["the Arab League (AL) said", "the AL"]).is_empty());
        assert!(texts(&["the AL (Arab League) said", "the AL"]).is_empty());
        assert!(texts(&["the Arab League said", "the AL chief"]).is_empty());
        assert!(texts(&["the Islamic State of Iraq and Syria", "ISIS"]).is_empty());
        assert!(texts(&["the UN, the US and NATO, the EU’s, the UK"]).is_empty());
        assert!(
            texts(&["The FTSE 100 and the CAC 40 fell, CCTV footage showed an SUV"]).is_empty(),
            "market indices and everyday abbreviations are in the starter list"
        );
        assert_eq!(
            texts(&["held in Rome (Italy), Secretary Blinken said IS"]),
            ["IS"],
            "initials across brackets"
        );
        assert!(
            texts(&["the Coalition of Concerned Teachers Ghana (CCT-GH) struck", "CCT-GH said"]).is_empty(),
            "each part of an abbreviation defined in brackets"
        );
        assert_eq!(
            texts(&["the union (CCT-GH strike) said"]),
            ["CCT", "GH"],
            "brackets holding more than it"
        );
    }

    #[test]
    fn a_state_in_a_postal_address_is_not_jargon() {
        assert!(texts(&["Kuzma Care Cottage, 635 S. Main St., Wilmington, IL 60481."]).is_empty());
        assert_eq!(texts(&["the IL 6048 gene"]), ["IL"], "not a ZIP code");
        assert_eq!(texts(&["the IOC 60481 form"]), ["IOC"], "not a state");
    }

    #[test]
    fn leaves_datelines_slugs_credits_numerals_and_shouting_alone() {
        assert!(texts(&["ALGIERS (AFP) — The minister said", "WASHINGTON, D.C., March 3 (VNA) – Talks"])
            .is_empty());
        assert!(texts(&["The talks ended. (VNA)", "The talks ended. — VNA/VNS"]).is_empty());
        assert!(texts(&["World War II and Louis XIV", "flight MH17 and the G7", "a TK here"]).is_empty());
        assert!(texts(&["They shouted “STOP THE WAR NOW” outside"]).is_empty());
        let credit = Passage::plain(Place::photo(Field::Credit, "u1"), "VNA");
        let dateline = Passage::plain(Place::field(Field::Dateline), "HANOI");
        assert!(found(&[credit, dateline]).is_empty());
    }

    #[test]
    fn a_story_opening_with_a_word_in_capitals_opens_with_a_word() {
        let settings = crate::CheckSettings::default();
        let cx = Context {
            speller: Some(&crate::rules::testing::EN_US),
            ..crate::rules::testing::with(&settings)
        };
        let run = |paragraphs: &[&str]| {
            let mut out = Vec::new();
            story(&body(paragraphs), &cx, &mut out);
            out.into_iter().map(|f| f.text).collect::<Vec<_>>()
        };
        assert!(run(&["TWO men have been arrested.", "Police said so."]).is_empty());
        assert_eq!(
            run(&["Police said so.", "HAVING lost, they left."]),
            ["HAVING"],
            "only the story's first word"
        );
        assert_eq!(run(&["BNP leaders met."]), ["BNP"], "not a word: an abbreviation");
        assert_eq!(run(&["IS fighters fled."]), ["IS"], "three letters at least");
        assert!(run(&[
            "ISLAMABAD: The Ministry of Interior said.",
            "KATHMANDU, Nov 23: The EC (Election Commission) met."
        ])
        .is_empty());
    }

    #[test]
    fn judges_the_head_by_the_copy_below_it() {
        let head = |t: &str| Passage::plain(Place::field(Field::Headline), t);
        let mut ps = vec![
            head("AL chief calls for action"),
            Passage::plain(Place::field(Field::Kicker), "ARAB WORLD"),
        ];
        ps.extend(body(&["The Arab League (AL) chief said"]));
        assert!(found(&ps).is_empty());
        let mut ps = vec![head("AL chief calls for action")];
        ps.extend(body(&["The AL chief said"]));
        assert_eq!(found(&ps)[0].0, "AL");
        assert_eq!(found(&ps[..1])[0].0, "AL", "only in the head: flagged there");
    }
}
