//! Spelling against a Hunspell dictionary (through spellbook) and the library's own word list.
//! A word the dictionary does not know is flagged when it is lower case, starts a sentence, or is
//! a near miss of a known word; an unknown capitalised word elsewhere is taken as a name, since
//! news copy is full of names no dictionary holds.

use std::collections::HashSet;

use crate::finding::{Category, Severity};
use crate::text::Passage;
use crate::tokens::{is_all_caps, starts_sentence, words};
use crate::Finding;

/// A dictionary of one language, loaded from Hunspell's `.aff` and `.dic` text.
pub struct Speller {
    language: String,
    dictionary: spellbook::Dictionary,
}

impl Speller {
    /// Loads a dictionary; a damaged one is an error that names it.
    pub fn new(language: &str, aff: &str, dic: &str) -> Result<Self, String> {
        let dictionary = spellbook::Dictionary::new(aff, dic)
            .map_err(|e| format!("the {language} dictionary could not be read: {e}"))?;
        Ok(Speller { language: language.to_string(), dictionary })
    }

    /// The language this dictionary spells (`en-US`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the dictionary knows `word` (curly apostrophes read as straight ones).
    pub fn knows(&self, word: &str) -> bool {
        let word = word.replace('’', "'");
        self.dictionary.check(&word)
            || (word.contains('-')
                && word.split('-').all(|part| part.is_empty() || self.dictionary.check(part)))
    }

    /// Suggestions for `word`, best first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(&word.replace('’', "'"), &mut out);
        out.truncate(5);
        out
    }
}

/// The library's own words (names such as Aboul-Gheit), matched as written or in lower case.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: HashSet<String>,
}

impl WordList {
    pub fn new<I: IntoIterator<Item = String>>(words: I) -> Self {
        WordList { words: words.into_iter().flat_map(|w| [w.to_lowercase(), w]).collect() }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word) || self.words.contains(&word.to_lowercase())
    }
}

/// The spelling findings of one passage.
pub fn check(p: &Passage, speller: &Speller, library: &WordList, ignored: &WordList, out: &mut Vec<Finding>) {
    for range in words(&p.text) {
        let word = &p.text[range.clone()];
        if p.in_note(&range)
            || word.chars().any(|c| c.is_numeric())
            || is_all_caps(word)
            || library.contains(word)
            || ignored.contains(word)
            || speller.knows(word)
        {
            continue;
        }
        let suggestions = speller.suggest(word);
        if word.chars().next().is_some_and(char::is_uppercase) {
            // An unknown name is not a slip; a near miss of a known name ("Algieria") is, and so
            // is a near miss of any word at the start of a sentence ("Teh").
            let near = if starts_sentence(&p.text, &range) {
                suggestions.iter().any(|s| close(s, word))
            } else {
                suggestions.iter().any(|s| s.chars().next().is_some_and(char::is_uppercase) && close(s, word))
            };
            if !near {
                continue;
            }
        }
        out.push(p.finding(
            "spelling.unknown",
            Category::Spelling,
            Severity::Error,
            range,
            format!("“{word}” is not in the {} dictionary", speller.language()),
            suggestions,
        ));
    }
}

/// Whether two words are at most two edits apart (a transposition is one edit), ignoring case.
fn close(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()] <= 2
}
