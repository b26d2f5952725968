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
    /// The dictionary's own names: its entries written with a capital ("Algeria").
    names: HashSet<String>,
}

impl Speller {
    /// Loads a dictionary; a damaged one is an error that names it.
    pub fn new(language: &str, aff: &str, dic: &str) -> Result<Self, String> {
        let dictionary = spellbook::Dictionary::new(aff, dic)
            .map_err(|e| format!("the {language} dictionary could not be read: {e}"))?;
        let names = dic
            .lines()
            .skip(1)
            .map(|line| line.split(['/', '\t']).next().unwrap_or(""))
            .filter(|stem| stem.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_string)
            .collect();
        Ok(Speller { language: language.to_string(), dictionary, names })
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

    /// Suggestions for `word`, best first: the closest (fewest edits, a swap of two letters
    /// counting as one), then the same length, then the dictionary's own order.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(&word.replace('’', "'"), &mut out);
        let len = word.chars().count();
        let letters = |w: &str| {
            let mut l: Vec<char> = w.to_lowercase().chars().collect();
            l.sort_unstable();
            l
        };
        let mine = letters(word);
        // Two letters swapped is the commonest slip of the keyboard ("Teh", "recieved").
        out.sort_by_key(|s| (distance(s, word), letters(s) != mine, s.chars().count().abs_diff(len)));
        out.truncate(5);
        out
    }

    /// Whether `word` is a name the dictionary holds as an entry of its own ("Algeria").
    pub fn knows_name(&self, word: &str) -> bool {
        let word = word.replace('’', "'");
        self.names.contains(word.strip_suffix("'s").unwrap_or(&word))
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

/// The spelling findings of one passage. `names` are the capitalised words the story uses inside
/// sentences: such a word starting a sentence is a name too ("Blinken said"), not a slip.
pub fn check(
    p: &Passage,
    speller: &Speller,
    library: &WordList,
    ignored: &WordList,
    names: &WordList,
    with_suggestions: bool,
    out: &mut Vec<Finding>,
) {
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
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        // A capitalised word needs its suggestions to tell a name from a slip.
        let suggestions = if with_suggestions || capitalised { speller.suggest(word) } else { Vec::new() };
        if capitalised {
            // An unknown name is not a slip. A near miss of a name the dictionary holds
            // ("Algieria") is, and so is a near miss of any word starting a sentence ("Teh"),
            // unless the story uses the word as a name elsewhere.
            // A word right after another capitalised one is part of a longer name ("Luigi Di
            // Maio"): names are not near misses of one another.
            let before = p.text[..range.start].trim_end_matches(' ');
            let after_name = before.len() < range.start
                && before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            if after_name {
                continue;
            }
            let near = if starts_sentence(&p.text, &range) && !names.contains(word) {
                suggestions.iter().any(|s| distance(s, word) <= near_enough(word))
            } else {
                suggestions.iter().any(|s| speller.knows_name(s) && distance(s, word) <= near_enough(word))
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
            if with_suggestions { suggestions } else { Vec::new() },
        ));
    }
}

/// How many edits still make a near miss: one, or two in a long word (a short name is often
/// two edits from some other name).
fn near_enough(word: &str) -> usize {
    if word.chars().count() >= 8 {
        2
    } else {
        1
    }
}

/// Capitalised words used inside sentences (not first), across all passages: the story's names.
pub fn names(passages: &[Passage]) -> WordList {
    let mut out = Vec::new();
    for p in passages {
        for range in words(&p.text) {
            let word = &p.text[range.clone()];
            if word.chars().next().is_some_and(char::is_uppercase) && !starts_sentence(&p.text, &range) {
                out.push(word.to_string());
            }
        }
    }
    WordList { words: out.into_iter().collect() }
}

/// Edits between two words (a swap of two neighbouring letters is one edit), ignoring case.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
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
    d[a.len()][b.len()]
}
