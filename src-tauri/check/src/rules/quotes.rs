//! Quotation marks.
//!
//! - `quotes.reversed`: a closing mark used to open a quote (`to ” eradicate”`, suggesting
//!   `“eradicate”`) or an opening one used to close (`the “hawks“ said`); an opening single mark
//!   written where an apostrophe goes (`Egypt‘s`, `the ‘90s`).
//! - `quotes.unclosed` (story rule): a quote opened and never closed in its paragraph, or a closing
//!   mark with no opening one. A paragraph whose quote runs on into the next is news style when the
//!   next paragraph starts with an opening mark, or closes the quote without opening another
//!   first (a quote across two paragraphs): that is left alone.
//! - `quotes.mixed` (story rule): straight and curly double quotes both used in one story; the
//!   minority style's marks are flagged, with the majority's mark as the suggestion.
//!
//! Left alone: apostrophes (`’` inside or at the start of a word: `Egypt’s`, `’90s`), single quotes
//! for unclosed and mixed quotes (a straight or closing single mark is also an apostrophe, so
//! they cannot be counted), marks inside notes and web addresses, and a closing mark with a stray
//! space before it (that is spacing, not a reversed mark).
//!
//! Language: the marks come from [`marks`], which knows English only, as [`Context`] has no
//! language yet. French (« ») goes there: the walk is written over [`Marks`], but French sets a
//! space inside its marks (`« mot »`), so its position test must look past that space.

use crate::finding::{Category, Severity};
use crate::text::{Kind, Passage};
use crate::tokens::{addresses, is_saying};
use crate::{Context, Finding};

/// The double quotation marks of a language.
#[derive(Debug, Clone, Copy)]
pub struct Marks {
    pub open: char,
    pub close: char,
}

pub const ENGLISH: Marks = Marks { open: '“', close: '”' };

/// The quotation marks of the story's language. English until the context carries a language;
/// French would be `Marks { open: '«', close: '»' }` with a spacing-aware position test.
pub fn marks(cx: &Context) -> Marks {
    let _ = cx;
    ENGLISH
}

const STRAIGHT: char = '"';

/// Where a mark stands: after a space and before a word (it opens), after a word and before a
/// space or punctuation (it closes), or neither clearly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Open,
    Close,
    SpacesBoth,
    Unclear,
}

fn position(text: &str, at: usize, len: usize) -> Position {
    let prev = text[..at].chars().next_back();
    let next = text[at + len..].chars().next();
    let open_side = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/‘“«".contains(c));
    let close_side = next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–-…’”»".contains(c));
    let space_both = prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace);
    match (open_side, close_side) {
        _ if space_both => Position::SpacesBoth,
        (true, false) => Position::Open,
        (false, true) => Position::Close,
        _ => Position::Unclear,
    }
}

/// What one walk over a passage's marks finds.
#[derive(Debug, Default)]
struct Scan {
    reversed: Vec<Finding>,
    /// Byte offsets of opening marks never closed, and of closing marks never opened.
    unclosed: Vec<usize>,
    orphans: Vec<usize>,
}

/// The marks of `text` outside notes and addresses: (byte offset, mark).
fn quote_marks(p: &Passage, wanted: &[char]) -> Vec<(usize, char)> {
    let skip = addresses(&p.text);
    p.text
        .char_indices()
        .filter(|&(at, c)| {
            wanted.contains(&c)
                && !p.in_note(&(at..at + c.len_utf8()))
                && !skip.iter().any(|a| a.contains(&at))
        })
        .collect()
}

fn scan(p: &Passage, m: Marks) -> Scan {
    let text = &p.text;
    let mut out = Scan::default();
    let curly = quote_marks(p, &[m.open, m.close]);
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < curly.len() {
        let (at, c) = curly[i];
        let len = c.len_utf8();
        let pos = position(text, at, len);
        if c == m.close {
            let opens = pos == Position::Open || (pos == Position::SpacesBoth && open.is_none());
            if opens {
                // A closing mark where a quote starts: flag it with its quote when the quote ends.
                if let Some(&(end, e)) = curly.get(i + 1) {
                    let inner = text[at + len..end].trim();
                    out.reversed.push(p.finding(
                        "quotes.reversed",
                        Category::Punctuation,
                        Severity::Error,
                        at..end + e.len_utf8(),
                        format!("the quote opens with a closing mark {}", m.close),
                        vec![format!("{}{inner}{}", m.open, m.close)],
                    ));
                    open = None;
                    i += 2;
                    continue;
                }
                out.reversed.push(p.finding(
                    "quotes.reversed",
                    Category::Punctuation,
                    Severity::Error,
                    at..at + len,
                    format!("the quote opens with a closing mark {}", m.close),
                    vec![m.open.to_string()],
                ));
                open = Some(at);
            } else if open.take().is_none() {
                out.orphans.push(at);
            }
        } else {
            let closes = pos == Position::Close || (pos == Position::SpacesBoth && open.is_some());
            if closes && open.is_some() {
                out.reversed.push(p.finding(
                    "quotes.reversed",
                    Category::Punctuation,
                    Severity::Error,
                    at..at + len,
                    format!("the quote closes with an opening mark {}", m.open),
                    vec![m.close.to_string()],
                ));
                open = None;
            } else {
                if let Some(before) = open.replace(at) {
                    out.unclosed.push(before);
                }
            }
        }
        i += 1;
    }
    out.unclosed.extend(open);
    // Straight marks: opening or closing by where they stand; an unclear one toggles.
    let mut open: Option<usize> = None;
    for (at, c) in quote_marks(p, &[STRAIGHT]) {
        match (position(text, at, c.len_utf8()), open) {
            (Position::Close, None) => out.orphans.push(at),
            (Position::Open, Some(before)) => {
                out.unclosed.push(before);
                open = Some(at);
            }
            (_, Some(_)) => open = None,
            (_, None) => open = Some(at),
        }
    }
    out.unclosed.extend(open);
    // An opening single mark after a letter or digit is an apostrophe turned the wrong way.
    for (at, c) in quote_marks(p, &['‘']) {
        if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            out.reversed.push(p.finding(
                "quotes.reversed",
                Category::Punctuation,
                Severity::Error,
                at..at + c.len_utf8(),
                "an opening quote mark ‘ where an apostrophe or closing mark ’ goes",
                vec!["’".to_string()],
            ));
        }
    }
    out
}

/// Whether a quote opening at `at` opens speech, as one running on into the next paragraph does:
/// at the paragraph's start, after a colon, a comma or a dash, or after a verb of saying ("He
/// said “We…").
fn opens_speech(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    if before.is_empty() || before.ends_with([':', ',', '—', '–', '-']) {
        return true;
    }
    is_saying(before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
}

/// `quotes.reversed` over one passage.
pub fn check(p: &Passage, cx: &Context, out: &mut Vec<Finding>) {
    out.extend(scan(p, marks(cx)).reversed);
}

/// `quotes.unclosed` and `quotes.mixed` over the story's passages.
pub fn story(passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    let m = marks(cx);
    let mut scans: Vec<Scan> = passages.iter().map(|p| scan(p, m)).collect();
    // A quote that runs on into the next paragraph, which closes it without reopening it (the
    // closing mark before any opening one there), is one quote across two paragraphs.
    for i in 1..passages.len() {
        let (head, tail) = scans.split_at_mut(i);
        let (prev, next) = (&mut head[i - 1], &mut tail[0]);
        let body = |p: &Passage| p.kind != Kind::Field;
        if !body(&passages[i - 1]) || !body(&passages[i]) {
            continue;
        }
        let (Some(&open), Some(&close)) = (prev.unclosed.iter().max(), next.orphans.iter().min()) else {
            continue;
        };
        let reopened = next.unclosed.iter().any(|&at| at < close);
        if !reopened {
            prev.unclosed.retain(|&at| at != open);
            next.orphans.retain(|&at| at != close);
        }
    }
    for (i, (p, s)) in passages.iter().zip(scans).enumerate() {
        // A quote that runs on into the next paragraph, which reopens it, is news style.
        let runs_on = p.kind != Kind::Field
            && passages.get(i + 1).is_some_and(|next| {
                next.kind != Kind::Field && next.text.trim_start().starts_with([m.open, STRAIGHT])
            });
        for &at in &s.unclosed {
            // Runs on only where speech opens: not a stray mark inside a sentence ("Sheriff
            // Brent “Dickson presented") before a paragraph that opens a quote of its own.
            if !(runs_on && opens_speech(&p.text, at)) {
                let c = p.text[at..].chars().next().unwrap_or(m.open);
                out.push(p.finding(
                    "quotes.unclosed",
                    Category::Punctuation,
                    Severity::Error,
                    at..at + c.len_utf8(),
                    "this quote is never closed in its paragraph",
                    Vec::new(),
                ));
            }
        }
        for &at in &s.orphans {
            let c = p.text[at..].chars().next().unwrap_or(m.close);
            out.push(p.finding(
                "quotes.unclosed",
                Category::Punctuation,
                Severity::Error,
                at..at + c.len_utf8(),
                "this closing quote mark has no opening one",
                Vec::new(),
            ));
        }
    }
    mixed(passages, m, out);
}

fn mixed(passages: &[Passage], m: Marks, out: &mut Vec<Finding>) {
    let straight: Vec<(usize, usize)> = passages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| quote_marks(p, &[STRAIGHT]).into_iter().map(move |(at, _)| (i, at)))
        .collect();
    let curly: Vec<(usize, usize, char)> = passages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| quote_marks(p, &[m.open, m.close]).into_iter().map(move |(at, c)| (i, at, c)))
        .collect();
    if straight.is_empty() || curly.is_empty() {
        return;
    }
    if straight.len() <= curly.len() {
        for (i, at) in straight {
            let p = &passages[i];
            let curl = match position(&p.text, at, 1) {
                Position::Open => m.open,
                Position::Close => m.close,
                _ if p.text[..at].trim_end().is_empty() => m.open,
                _ => m.close,
            };
            out.push(p.finding(
                "quotes.mixed",
                Category::Punctuation,
                Severity::Warning,
                at..at + 1,
                "a straight quote mark in a story that uses curly ones",
                vec![curl.to_string()],
            ));
        }
    } else {
        for (i, at, c) in curly {
            out.push(passages[i].finding(
                "quotes.mixed",
                Category::Punctuation,
                Severity::Warning,
                at..at + c.len_utf8(),
                "a curly quote mark in a story that uses straight ones",
                vec![STRAIGHT.to_string()],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};
    use crate::rules::testing::{body, context};

    fn reversed(text: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        check(&Passage::plain(Place::field(Field::Standfirst), text), &context(), &mut out);
        out.into_iter().map(|f| (f.text, f.suggestions)).collect()
    }

    fn story_found(paragraphs: &[&str]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        story(&body(paragraphs), &context(), &mut out);
        out.into_iter().map(|f| (f.rule, f.text)).collect()
    }

    #[test]
    fn flags_reversed_marks() {
        assert_eq!(
            reversed("the key solution to ” eradicate” IS and"),
            [("” eradicate”".to_string(), vec!["“eradicate”".to_string()])]
        );
        assert_eq!(reversed("the ”hawks” said"), [("”hawks”".to_string(), vec!["“hawks”".to_string()])]);
        assert_eq!(reversed("the “hawks“ said"), [("“".to_string(), vec!["”".to_string()])]);
        assert_eq!(reversed("in Egypt‘s capital"), [("‘".to_string(), vec!["’".to_string()])]);
    }

    #[test]
    fn leaves_apostrophes_and_good_quotes_alone() {
        assert!(reversed("Egypt’s “full support” in the ’90s, the ‘hawks’ and “Yes,” he said.").is_empty());
        assert!(reversed("He said: “We have received worrying signals”.").is_empty());
        assert!(reversed("“Quote one” and “quote two” (“three”)").is_empty());
        assert!(reversed("see https://example.org/a”b for it").is_empty());
    }

    #[test]
    fn flags_unclosed_quotes_but_not_a_quote_running_on() {
        assert_eq!(
            story_found(&["He said: “We will go on.", "The meeting ended."]),
            [("quotes.unclosed".to_string(), "“".to_string())]
        );
        assert!(story_found(&["He said: “We will go on.", "“And we will win,” he added."]).is_empty());
        assert!(story_found(&["He said: \"We will go on.", "\"And we will win,\" he added."]).is_empty());
        for opening in
            ["“We will go on.", "He said “We will go on.", "He said, “We will go on.", "Then — “we go on."]
        {
            assert!(story_found(&[opening, "“And we will win,” he added."]).is_empty(), "{opening}");
        }
        assert_eq!(
            story_found(&["Sheriff Brent “Dickson presented a request.", "“This will help,” Dickson said."]),
            [("quotes.unclosed".to_string(), "“".to_string())],
            "a stray mark inside a sentence does not run on"
        );
        assert_eq!(
            story_found(&["He said we will go on.” Then he left."]),
            [("quotes.unclosed".to_string(), "”".to_string())]
        );
        assert_eq!(
            story_found(&["A \"quote with no end."]),
            [("quotes.unclosed".to_string(), "\"".to_string())]
        );
    }

    #[test]
    fn a_quote_closed_in_the_next_paragraph_is_one_quote() {
        assert!(story_found(&["He said, \"We learned a lot.", "It was a very emotional day.\""]).is_empty());
        assert!(story_found(&["He said: “We will go on.", "And we will win.” Then he left."]).is_empty());
        // Two paragraphs later is not the next one: still flagged.
        assert_eq!(story_found(&["He said: “We will go on.", "The end.", "And win.” Then"]).len(), 2);
    }

    #[test]
    fn flags_the_minority_style_of_mixed_quotes() {
        let found = story_found(&["“One,” he said.", "“Two,” she said.", "Then \"three\" came."]);
        assert_eq!(
            found,
            [("quotes.mixed".to_string(), "\"".to_string()), ("quotes.mixed".to_string(), "\"".to_string())]
        );
        assert!(story_found(&["\"One,\" he said.", "\"Two\" and 5\u{2019}s."]).is_empty());
    }

    #[test]
    fn skips_notes() {
        let mut p = Passage::plain(Place::block(vec![0]), "text ”note” here");
        p.notes.push(5..14);
        let mut out = Vec::new();
        check(&p, &context(), &mut out);
        assert!(out.is_empty());
    }
}
