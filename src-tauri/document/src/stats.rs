//! The counts: words, characters, reading time and notes, by a small state machine over the
//! copy's characters, as the editor counts them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{Block, Document, Inline, Mark};

/// Counts derived from the body (notes are not copy and are not counted as words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoryStats {
    pub words: u32,
    pub characters: u32,
    pub reading_minutes: u32,
    /// TK markers and newsroom notes still in the copy.
    pub notes: u32,
}

/// Words per minute used for reading time.
pub const READING_WORDS_PER_MINUTE: usize = 230;

impl Document {
    /// Words, characters, reading time and notes, counted as the editor counts them.
    pub fn stats(&self) -> StoryStats {
        let mut counter = Counter::default();
        for block in &self.content {
            counter.block(block);
        }
        counter.finish()
    }
}

/// Character classes of the word counter: space, `T`, `K`, another letter or digit, other.
const SPACE: u8 = 0;
const LETTER_T: u8 = 1;
const LETTER_K: u8 = 2;
const ALNUM: u8 = 3;
const OTHER: u8 = 4;

/// Counter states: 0 between tokens, 1 in a token with no letter or digit yet, 2 `T`, 3 `TK`,
/// 4 `TK` then punctuation, 5 any other token with a letter or digit. A token is a word when it
/// has a letter or digit; it is a TK note when, trimmed of punctuation, it is exactly `TK`.
const NEXT: [[u8; 5]; 6] =
    [[0, 2, 5, 5, 1], [0, 2, 5, 5, 1], [0, 5, 3, 5, 5], [0, 5, 5, 5, 4], [0, 5, 5, 5, 4], [0, 5, 5, 5, 5]];
const ENDS_WORD: [usize; 6] = [0, 0, 1, 1, 1, 1];
const ENDS_TK: [usize; 6] = [0, 0, 0, 1, 1, 0];

const fn ascii_classes() -> [u8; 128] {
    let mut table = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c == b' ' || (c >= b'\t' && c <= b'\r') {
            SPACE
        } else if c == b'T' {
            LETTER_T
        } else if c == b'K' {
            LETTER_K
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    table
}

static ASCII_CLASS: [u8; 128] = ascii_classes();

fn class_of(c: char) -> u8 {
    if c.is_ascii() {
        ASCII_CLASS[c as usize]
    } else if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        ALNUM
    } else {
        OTHER
    }
}

/// Walks the tree once, counting the copy (notes left out) with a small state machine over its
/// characters; a token may run across text nodes (`Aboul-` bold, `Gheit` plain).
#[derive(Default)]
struct Counter {
    words: usize,
    characters: usize,
    notes: usize,
    tk: usize,
    in_note: bool,
    state: u8,
}

impl Counter {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                for inline in content {
                    self.inline(inline);
                }
                self.end_block();
            }
            Block::Blockquote { content } => content.iter().for_each(|b| self.block(b)),
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                content.iter().flat_map(|item| &item.content).for_each(|b| self.block(b))
            }
            Block::Figure { .. } | Block::HorizontalRule => self.end_block(),
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text { text, marks } => {
                let note = marks.contains(&Mark::Note);
                if note {
                    if !self.in_note {
                        self.notes += 1;
                    }
                } else {
                    self.text(text);
                }
                self.in_note = note;
            }
            // Separates words like a new line, but is not a character of the copy.
            Inline::HardBreak => {
                self.in_note = false;
                self.end_token();
            }
        }
    }

    fn text(&mut self, text: &str) {
        let (mut state, mut words, mut tk) = (self.state as usize, 0usize, 0usize);
        let mut step = |class: u8| {
            let space = usize::from(class == SPACE);
            words += space * ENDS_WORD[state];
            tk += space * ENDS_TK[state];
            state = NEXT[state][class as usize] as usize;
        };
        if text.is_ascii() {
            self.characters += text.len();
            for &b in text.as_bytes() {
                step(ASCII_CLASS[(b & 0x7f) as usize]);
            }
        } else {
            for c in text.chars() {
                self.characters += 1;
                step(class_of(c));
            }
        }
        self.state = state as u8;
        self.words += words;
        self.tk += tk;
    }

    fn end_token(&mut self) {
        let state = self.state as usize;
        self.words += ENDS_WORD[state];
        self.tk += ENDS_TK[state];
        self.state = 0;
    }

    fn end_block(&mut self) {
        self.in_note = false;
        self.end_token();
    }

    fn finish(mut self) -> StoryStats {
        self.end_block();
        StoryStats {
            words: self.words as u32,
            characters: self.characters as u32,
            reading_minutes: self.words.div_ceil(READING_WORDS_PER_MINUTE) as u32,
            notes: (self.notes + self.tk) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_words_characters_reading_time_and_notes() {
        let doc = Document::from_value(&json!({"type": "doc", "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Mr. Aboul-Gheit said — TK "},
                {"type": "text", "text": "check title", "marks": [{"type": "note"}]},
                {"type": "text", "text": "more", "marks": [{"type": "note"}, {"type": "em"}]},
                {"type": "text", "text": " today."}
            ]},
            {"type": "paragraph", "content": [{"type": "text", "text": "TK: add quote"}]}
        ]}))
        .expect("valid");
        let stats = doc.stats();
        // "Mr." "Aboul-Gheit" "said" "TK" "today." | "TK:" "add" "quote"; the dash is not a word.
        assert_eq!(stats.words, 8);
        assert_eq!(stats.characters, "Mr. Aboul-Gheit said — TK  today.".chars().count() as u32 + 13);
        assert_eq!(stats.reading_minutes, 1);
        // one note run (two adjacent note texts) + two standalone TKs
        assert_eq!(stats.notes, 3);
        assert_eq!(Document::default().stats().words, 0);
        assert_eq!(Document::default().stats().reading_minutes, 0);
    }
}

#[cfg(test)]
mod shared_stats_cases {
    //! The same cases run in the UI's Vitest suite, so both counts agree.
    use super::*;
    use serde_json::Value;

    #[test]
    fn counts_agree_with_the_shared_fixture() {
        let text = include_str!("../../../tests/fixtures/stats.json");
        let cases: Vec<Value> = serde_json::from_str(text).expect("fixture is JSON");
        assert!(cases.len() >= 4);
        for case in cases {
            let name = case["name"].as_str().unwrap_or("?");
            let doc = Document::from_value(&case["doc"]).expect(name);
            let want: StoryStats = serde_json::from_value(case["stats"].clone()).expect(name);
            assert_eq!(doc.stats(), want, "{name}");
        }
    }
}

#[cfg(test)]
mod counting_paths_agree {
    //! The ASCII fast path and the general path must count alike.
    use super::*;

    fn stats_of(texts: &[&str]) -> StoryStats {
        let content = texts.iter().map(|t| Inline::Text { text: t.to_string(), marks: vec![] }).collect();
        Document::new(vec![Block::Paragraph { content }]).stats()
    }

    #[test]
    fn ascii_and_unicode_copy_count_the_same() {
        let cases: &[&[&str]] = &[
            &["TK", " (TK) T.K TKs xTK TK. -TK- ", "T", "K"],
            &["Aboul-", "Gheit said ", "\u{2014} ", "TK"],
            &["  lead  ", "  ", "trail\t\n", "T", "K,", " end"],
            &["...", "--", "a", ".", "b", " 42 ", "T-", "K"],
        ];
        for texts in cases {
            let ascii = stats_of(texts);
            // The same copy with a non-ASCII character appended to each text node (outside any
            // token) takes the general path; words and notes must not change.
            let unicode: Vec<String> = texts.iter().map(|t| format!("{t}\u{00a0}")).collect();
            let spaced: Vec<String> = texts.iter().map(|t| format!("{t} ")).collect();
            let u = stats_of(&unicode.iter().map(String::as_str).collect::<Vec<_>>());
            let a = stats_of(&spaced.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!((u.words, u.notes), (a.words, a.notes), "{texts:?}");
            assert!(ascii.words > 0, "{texts:?}");
        }
        assert_eq!(stats_of(&["T", "K"]).notes, 1, "a TK split across text nodes is still a TK");
        assert_eq!(stats_of(&["T-", "K"]).notes, 0);
        assert_eq!(stats_of(&["(T", "K)"]).notes, 1);
        assert_eq!(stats_of(&["Aboul-", "Gheit"]).words, 1);
        assert_eq!(
            stats_of(&["x ", "TK", " y"]),
            StoryStats { words: 3, characters: 6, reading_minutes: 1, notes: 1 }
        );
    }
}
