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

/// Which of eight ASCII bytes (little-endian in `x`) are white space as the counter sees it
/// (space, tab, line feed, vertical tab, form feed, carriage return): bit `k` for byte `k`.
fn spaces_of(x: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte that equals 0x20 (exact: no borrow crosses bytes).
    let t = x ^ (0x20 * ONES);
    let blank = !(((t & !HIGH) + !HIGH) | t) & HIGH;
    // Bytes below 0x80 plus 0x80 - n set their high bit exactly when they are n or more.
    let control = (x + (0x80 - 9) * ONES) & !(x + (0x80 - 14) * ONES) & HIGH;
    // One bit per byte, gathered into the low eight bits.
    ((((blank | control) >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56) as u32
}

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
        if text.is_ascii() {
            self.characters += text.len();
            self.ascii(text.as_bytes());
        } else {
            for c in text.chars() {
                self.characters += 1;
                self.step(class_of(c));
            }
        }
    }

    /// One character through the state machine.
    fn step(&mut self, class: u8) {
        let state = self.state as usize;
        if class == SPACE {
            self.words += ENDS_WORD[state];
            self.tk += ENDS_TK[state];
        }
        self.state = NEXT[state][class as usize];
    }

    /// ASCII copy without running every character through the machine: its answer for a whole
    /// token depends only on how the token starts. One that starts with a letter or digit other
    /// than `T` is a word and never a TK; tokens starting with `T` or punctuation (a few in a
    /// hundred) go through the machine, and so does the last one when no space ends it, since it
    /// may run on into the next text node. Token starts are found eight bytes at a time.
    fn ascii(&mut self, bytes: &[u8]) {
        let class = |b: u8| ASCII_CLASS[(b & 0x7f) as usize];
        let mut i = 0;
        // A token carried over from the previous text node ends at the first space.
        while self.state != 0 && i < bytes.len() {
            self.step(class(bytes[i]));
            i += 1;
        }
        let rest = &bytes[i..];
        let end = rest.iter().rposition(|&b| class(b) == SPACE).map_or(0, |at| at + 1);
        let (closed, open) = rest.split_at(end);
        let mut words = 0;
        let mut after_space = 1u32;
        let mut chunks = closed.chunks_exact(8);
        let mut scan = |at: usize, eight: [u8; 8], counter: &mut Self| {
            let space = spaces_of(u64::from_le_bytes(eight));
            let mut starts = !space & ((space << 1) | after_space) & 0xff;
            after_space = space >> 7;
            while starts != 0 {
                let k = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let c = class(eight[k]);
                if c == ALNUM || c == LETTER_K {
                    words += 1;
                } else {
                    // `closed` ends with a space, so the token ends inside it.
                    for &b in &closed[at + k..] {
                        counter.step(class(b));
                        if counter.state == 0 {
                            break;
                        }
                    }
                }
            }
        };
        let mut at = 0;
        for chunk in chunks.by_ref() {
            scan(at, chunk.try_into().expect("eight bytes"), self);
            at += 8;
        }
        // The last few bytes, padded with spaces, which start no token.
        let mut eight = [b' '; 8];
        eight[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        scan(at, eight, self);
        self.words += words;
        open.iter().for_each(|&b| self.step(class(b)));
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
        assert_eq!(stats_of(&["a T", "K b"]).notes, 1);
        assert_eq!(
            stats_of(&["word", "s and TK", ". (TK) x"]),
            StoryStats { words: 5, characters: 20, reading_minutes: 1, notes: 2 }
        );
        assert_eq!(stats_of(&["T-", "K"]).notes, 0);
        assert_eq!(stats_of(&["(T", "K)"]).notes, 1);
        assert_eq!(stats_of(&["Aboul-", "Gheit"]).words, 1);
        assert_eq!(
            stats_of(&["x ", "TK", " y"]),
            StoryStats { words: 3, characters: 6, reading_minutes: 1, notes: 1 }
        );
    }

    /// Every character through the state machine, one by one: the reference the token-at-a-time
    /// ASCII path must agree with.
    fn by_characters(texts: &[String]) -> StoryStats {
        let mut counter = Counter::default();
        for text in texts {
            counter.characters += text.chars().count();
            text.bytes().for_each(|b| counter.step(ASCII_CLASS[b as usize]));
        }
        counter.finish()
    }

    #[test]
    fn the_token_path_agrees_with_the_character_machine() {
        // A small xorshift over an alphabet rich in the cases that matter: T, K, punctuation,
        // every kind of space, and tokens cut across text nodes at every point.
        let alphabet = b"TKTKtkab1 .,-()\t\n\r\x0b\x0c  \"'";
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..3000 {
            let texts: Vec<String> = (0..1 + next(4))
                .map(|_| (0..next(12)).map(|_| alphabet[next(alphabet.len())] as char).collect())
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            assert_eq!(stats_of(&refs), by_characters(&texts), "{texts:?}");
        }
    }
}
