//! Spelling against a Hunspell dictionary (through spellbook) and the library's own word list.
//! A word the dictionary does not know is flagged when it is lower case, starts a sentence, or is
//! a near miss of a known word; an unknown capitalised word elsewhere is taken as a name, since
//! news copy is full of names no dictionary holds.

use std::collections::HashSet;

use crate::finding::{Category, Field, Severity};
use crate::text::Passage;
use crate::tokens::{
    dateline_end, doublings_in, is_all_caps, starts_sentence, without_possessive, words, words_of,
};
use crate::Finding;

/// A dictionary of one language, loaded from Hunspell's `.aff` and `.dic` text.
pub struct Speller {
    language: String,
    dictionary: Dictionary,
    /// The dictionary's own names: its entries written with a capital ("Algeria").
    names: HashSet<String>,
    /// Words the dictionary lacks that its language's word list spells ([`Speller::with_words`]).
    words: HashSet<String>,
    /// The language's other spelling (British for an American dictionary), read when a word
    /// first looks like one of its spellings ([`Speller::with_variant`]).
    variant: Option<Variant>,
    /// Words built of known words (prefixed, compounds) judged so far: judging one asks for
    /// suggestions, which takes milliseconds, and the editor re-checks a paragraph as it changes.
    built: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

/// A dictionary kept as text until it is first needed.
struct Variant {
    language: String,
    aff: String,
    dic: String,
    dictionary: std::sync::OnceLock<Option<Dictionary>>,
}

/// A Hunspell dictionary with a fixed hasher. Spellbook's default hasher is seeded anew in each
/// process, and its suggestions among words that score alike follow its tables' order: with a
/// random seed, the same slip got different suggestions from one run to the next, and so was
/// judged a slip in one and a name in the other ("Dissapoint" starting a sentence).
type Dictionary = spellbook::Dictionary<foldhash::fast::FixedState>;

fn dictionary(aff: &str, dic: &str) -> Result<Dictionary, spellbook::ParseDictionaryError> {
    spellbook::Dictionary::new_with_hasher(aff, dic, foldhash::fast::FixedState::with_seed(0x6279_6c69_6e65))
}

impl Speller {
    /// Loads a dictionary; a damaged one is an error that names it.
    pub fn new(language: &str, aff: &str, dic: &str) -> Result<Self, String> {
        let dictionary =
            dictionary(aff, dic).map_err(|e| format!("the {language} dictionary could not be read: {e}"))?;
        let names = dic
            .lines()
            .skip(1)
            .map(|line| line.split(['/', '\t']).next().unwrap_or(""))
            .filter(|stem| stem.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_string)
            .collect();
        Ok(Speller {
            language: language.to_string(),
            dictionary,
            names,
            words: HashSet::new(),
            variant: None,
            built: Default::default(),
        })
    }

    /// The same speller, accepting a word of the language's other spelling ("colour",
    /// "iodised", "labelled" in an American story) when that spelling's dictionary holds it.
    /// The dictionary is read the first time a word looks like one of its spellings; a damaged
    /// one accepts nothing (and the log says so).
    pub fn with_variant(mut self, language: &str, aff: String, dic: String) -> Speller {
        self.variant = Some(Variant {
            language: language.to_string(),
            aff,
            dic,
            dictionary: std::sync::OnceLock::new(),
        });
        self
    }

    /// The same speller, also taking the words of a plain word list (one per line, `#` starts a
    /// comment): the variant spellings, plurals and names a word list such as SCOWL spells and a
    /// Hunspell dictionary leaves out ("protestors", "militaries", "Bogotá").
    pub fn with_words(mut self, list: &str) -> Speller {
        for word in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if word.chars().next().is_some_and(char::is_uppercase) {
                self.names.insert(word.to_string());
            }
            self.words.insert(word.to_string());
        }
        self
    }

    /// Whether the word list holds `word`: as written, with a capital starting a sentence
    /// ("Protestors"), or in capitals ("MILITARIES").
    fn listed(&self, word: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        if self.words.contains(word) {
            return true;
        }
        let mut chars = word.chars();
        let Some(first) = chars.next() else { return false };
        let rest = chars.as_str();
        if rest.chars().all(|c| !c.is_uppercase()) {
            let lowered: String = first.to_lowercase().chain(rest.chars()).collect();
            return self.words.contains(&lowered);
        }
        word.chars().all(|c| !c.is_lowercase()) && self.words.contains(&word.to_lowercase())
    }

    /// The language this dictionary spells (`en-US`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the dictionary knows `word` (curly apostrophes read as straight ones): as
    /// written, in the language's other spelling, or as a word built of words it knows (a
    /// prefix, a closed compound) that is not one edit from a word it knows.
    pub fn knows(&self, word: &str) -> bool {
        let word = word.replace('’', "'");
        self.knows_as_written(&word)
            || self.other_spelling_knows(&word)
            || self.is_built(&word)
            || (word.contains('\'') && CONTRACTED.contains(&word.to_lowercase().as_str()))
    }

    /// A prefixed word or a closed compound that is not a near miss (remembered).
    fn is_built(&self, word: &str) -> bool {
        if !(self.is_prefixed(word) || self.is_compound(word)) {
            return false;
        }
        if let Some(&known) = self.built.lock().unwrap_or_else(|e| e.into_inner()).get(word) {
            return known;
        }
        let known = !self.near_miss(word);
        let mut built = self.built.lock().unwrap_or_else(|e| e.into_inner());
        if built.len() >= MAX_BUILT {
            built.clear();
        }
        built.insert(word.to_string(), known);
        known
    }

    /// A word of the other spelling of the language: it maps to a word this dictionary knows
    /// ("colour": "color"), and the other spelling's dictionary holds it as written (so that a
    /// slip the mapping happens to mend, "aftre" to "after", is still a slip). Without that
    /// dictionary the mapping alone decides.
    fn other_spelling_knows(&self, word: &str) -> bool {
        if !other_spellings(word).iter().any(|w| self.knows_as_written(w)) {
            return false;
        }
        let Some(variant) = &self.variant else { return true };
        let dictionary = variant.dictionary.get_or_init(|| {
            dictionary(&variant.aff, &variant.dic)
                .map_err(|e| tracing::warn!(language = %variant.language, "dictionary not read: {e}"))
                .ok()
        });
        dictionary.as_ref().is_some_and(|d| holds(word, |w| d.check(w)))
    }

    /// A known word behind a prefix that makes words of any word ("counterterrorism").
    fn is_prefixed(&self, word: &str) -> bool {
        PREFIXES.iter().any(|prefix| {
            word.strip_prefix(prefix).is_some_and(|rest| rest.len() >= 4 && self.dictionary.check(rest))
        })
    }

    /// One edit from a word the dictionary knows, or from one in the other spelling
    /// ("interrest": "interest"; "collour": "colour" is "color" in an American dictionary).
    fn near_miss(&self, word: &str) -> bool {
        let near = |w: &str| {
            let mut found = Vec::new();
            self.dictionary.suggest(w, &mut found);
            found.iter().any(|s| !s.contains([' ', '-']) && distance(s, w) <= 1)
        };
        near(word) || other_spellings(word).iter().any(|w| near(w))
    }

    /// A closed compound of two words the dictionary knows ("gameplay", "spinoff", "Wikinews",
    /// "cosplayer"): news copy coins them faster than dictionaries list them. Not a compound: a
    /// part that is a function word (a missed space: "fromthe", "eachother") or a phrase news
    /// style writes open ([`RUN_TOGETHER`]); and [`Speller::knows`] takes none that is a near miss
    /// (a slip that happens to split in two: "backround", "billlion", "collour"). The
    /// `compounds` test spells every one-letter slip of the Wikinews corpus's words.
    fn is_compound(&self, word: &str) -> bool {
        // English only: its news copy coins closed compounds; German's dictionary compounds by
        // itself, and elsewhere two words run together are a missed space ("parceque").
        if byline_model::language::primary_language(&self.language) != "en" {
            return false;
        }
        let lower = word.to_lowercase();
        if lower.chars().count() < 6
            || !lower.chars().all(char::is_alphabetic)
            || RUN_TOGETHER.contains(&lower.as_str())
        {
            return false;
        }
        let part =
            |p: &str| p.chars().count() >= 3 && !FUNCTION_WORDS.contains(&p) && self.dictionary.check(p);
        // A second part that is a suffix makes no compound: "-ally" is an adverb's ending, and
        // an adverb the dictionary lacks is a slip ("publically").
        let head = |p: &str| part(p) && !SUFFIX_WORDS.contains(&p);
        lower.char_indices().map(|(i, _)| i).any(|i| i > 0 && part(&lower[..i]) && head(&lower[i..]))
    }

    fn knows_as_written(&self, word: &str) -> bool {
        holds(word, |w| self.spells(w))
    }

    /// Suggestions for `word`, best first: the closest (fewest edits, a swap of two letters
    /// counting as one), then the same length, then the dictionary's own order.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.suggest(&word.replace('’', "'"), &mut out);
        // The commonest slips double a letter or leave one single, often both in one word
        // ("Dissapoint", "accomodate", "tommorow"): those mends are tried directly, since
        // Spellbook's suggestions can miss them.
        for mended in redoubled(word) {
            if !out.contains(&mended) && self.dictionary.check(&mended) {
                out.push(mended);
            }
        }
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

    /// Whether the dictionary or its word list spells `word` as written (no built words: a
    /// cheap test, for the near misses of a word).
    pub(crate) fn spells(&self, word: &str) -> bool {
        self.dictionary.check(word) || self.listed(word)
    }

    /// Whether `word` is, as written, a name the dictionary holds (a cheap test).
    pub(crate) fn is_name(&self, word: &str) -> bool {
        self.names.contains(word)
    }

    /// Whether `word` is a name the dictionary holds as an entry of its own ("Algeria").
    pub fn knows_name(&self, word: &str) -> bool {
        let word = word.replace('’', "'");
        self.names.contains(word.strip_suffix("'s").unwrap_or(&word))
    }
}

/// Whether `spells` takes `word` as written, or each part of a hyphenated word, the first of
/// which may be a prefix written with a hyphen ("pre-pandemic", "non-Muslim", "mid-June").
fn holds(word: &str, spells: impl Fn(&str) -> bool) -> bool {
    spells(word)
        || (word.contains('-')
            && word
                .split('-')
                .enumerate()
                .all(|(i, part)| part.is_empty() || spells(part) || (i == 0 && is_hyphen_prefix(part))))
}

/// Prefixes English writes with a hyphen before any word, which dictionaries do not list as
/// words of their own.
const HYPHEN_PREFIXES: &[&str] = &[
    "pre", "post", "non", "mid", "anti", "co", "ex", "re", "semi", "sub", "pro", "multi", "inter", "intra",
    "ultra", "neo", "pan", "bi", "tri", "quasi", "de", "un", "mis", "mega", "micro", "macro", "mini",
    "hyper", "cyber", "geo", "eco", "socio", "agro", "bio", "e",
];

fn is_hyphen_prefix(part: &str) -> bool {
    HYPHEN_PREFIXES.contains(&part.to_lowercase().as_str())
}

/// A prefix whose word comes later ("pre- and post-war"), or a prefix before a name: one that is
/// not a long near miss of a word ("pre-Covid", "anti-Trump", "post-Brexit"; not "mid-Feburary").
/// A short one is a name, as on its own (see [`LONG`]).
fn prefixed(text: &str, range: &std::ops::Range<usize>, speller: &Speller) -> bool {
    let word = &text[range.clone()];
    let before_name = || {
        word.split_once('-').is_some_and(|(p, name)| {
            is_hyphen_prefix(p)
                && name.chars().next().is_some_and(char::is_uppercase)
                && !name.contains('-')
                && !(name.chars().count() >= LONG && speller.near_miss(name))
        })
    };
    (text[range.end..].starts_with("- ") && is_hyphen_prefix(word)) || before_name()
}

/// Abbreviations headlines and notices write with an apostrophe ("Gov't to review fees").
const CONTRACTED: &[&str] =
    &["gov't", "gov't's", "gov'ts", "int'l", "nat'l", "ass'n", "dep't", "cont'd", "sec'y"];

/// Built words remembered at most (a pasted word list must not grow the memory without end).
const MAX_BUILT: usize = 10_000;

/// Words that make no closed compound: a word run into one of them is a missed space ("andthe",
/// "eachother", "everytime").
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "from", "was", "were", "has", "have", "had", "been", "will", "are",
    "you", "not", "but", "his", "her", "hers", "its", "our", "ours", "their", "this", "these", "those",
    "who", "whom", "whose", "which", "what", "when", "where", "there", "here", "then", "than", "them",
    "they", "she", "him", "any", "all", "some", "each", "every", "into", "onto", "upon", "about", "after",
    "before", "also", "just", "only", "very", "more", "most", "such", "both", "either", "neither", "nor",
    "yet", "can", "could", "would", "should", "shall", "may", "might", "must", "does", "did", "being",
    "even", "though", "although", "never", "ever", "why", "how", "too", "per",
];

/// Words that are also suffixes: as the second part of an unknown word they make a derived word
/// the dictionary would list, not a compound.
const SUFFIX_WORDS: &[&str] = &["ally"];

/// Phrases news style writes open or hyphenated, never closed, though both halves are words.
const RUN_TOGETHER: &[&str] =
    &["highschool", "longterm", "shortterm", "fulltime", "parttime", "thankyou", "nevermind", "eventhough"];

/// Prefixes that make a word of any word ("counterterrorism", "neuropsychological"), which no
/// dictionary lists in full. Short ones ("re", "co") are left out: they would hide slips.
const PREFIXES: &[&str] = &[
    "counter", "neuro", "anti", "multi", "inter", "cyber", "micro", "macro", "over", "under", "super",
    "post", "mega", "mini", "semi", "pseudo", "hyper", "nano", "giga", "tera",
];

/// The word in the other English spelling (a British word in an American dictionary, or the
/// reverse): "iodised" is "iodized", "colour" "color", "labelled" "labeled", "foetus" "fetus",
/// "co-ordinated" "coordinated", "centre" "center", "defence" "defense". News copy mixes both;
/// a variant spelling is not a slip.
fn other_spellings(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for ending in
        ["e", "ed", "es", "ing", "er", "ers", "ation", "ations", "ational", "ant", "ance", "able", "ably"]
    {
        if let Some(stem) = word.strip_suffix(&format!("is{ending}")).filter(|s| s.len() >= 2) {
            out.push(format!("{stem}iz{ending}"));
        }
    }
    // A doubled l before an ending ("labelled", "travelling", "counsellor", "marvellous").
    for ending in ["lled", "lling", "ller", "llers", "llor", "llors", "llous"] {
        if let Some(stem) = word.strip_suffix(ending).filter(|s| s.len() >= 2) {
            out.push(format!("{stem}{}", &ending[1..]));
        }
    }
    let mut swap = |from: &str, to: &str| {
        for (at, _) in word.match_indices(from) {
            out.push(format!("{}{to}{}", &word[..at], &word[at + from.len()..]));
        }
    };
    swap("our", "or");
    swap("oe", "e");
    swap("ae", "e");
    swap("ence", "ense");
    swap("ogue", "og");
    swap("tre", "ter");
    swap("yse", "yze");
    swap("ys", "yz");
    swap("-", "");
    // Words English spells two ways letter by letter: "tyre", "sceptical", "mould", "aluminium",
    // "cheque", "manoeuvre", "pyjamas", "draughtsman", "jewellery", "plough", "programme",
    // "ageing", "judgement", "practised", "sulphur".
    for (from, to) in [
        ("yre", "ire"),
        ("sc", "sk"),
        ("ould", "old"),
        ("oult", "olt"),
        ("ium", "um"),
        ("que", "ck"),
        ("oeuvre", "euver"),
        ("yjama", "ajama"),
        ("aught", "aft"),
        ("llery", "lry"),
        ("ough", "ow"),
        ("gramme", "gram"),
        ("eing", "ing"),
        ("dgement", "dgment"),
        ("tis", "tic"),
        ("ulph", "ulf"),
        ("lment", "llment"),
        ("lful", "llful"),
    ] {
        swap(from, to);
    }
    // A single l closing a word where American writes two ("enrol", "fulfil", "instil").
    if word.ends_with('l') {
        out.push(format!("{word}l"));
    }
    for (british, american) in [
        ("amongst", "among"),
        ("whilst", "while"),
        ("learnt", "learned"),
        ("kerb", "curb"),
        ("kerbs", "curbs"),
        ("kerbside", "curbside"),
        ("storey", "story"),
        ("storeys", "stories"),
        ("gaol", "jail"),
        ("gaols", "jails"),
        ("cosy", "cozy"),
    ] {
        if word.eq_ignore_ascii_case(british) {
            out.push(american.to_string());
        }
    }
    out
}

/// Known places (countries, capitals, towns of 15,000 people or more): their words are never
/// flagged, and an unknown capitalised word one edit from one of them is a misspelt place.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    words: PlaceNames,
    /// The places named in one word. Only these are near misses outside a dateline: a word of a
    /// longer name is not a place of its own ("Singh" of "Kot Singh", "Land"), and other names
    /// are one edit from such words.
    whole: PlaceNames,
    /// The major places named in one word (countries, capitals, cities of half a million people;
    /// marked `*` in the list): a short word one edit from one is a misspelling of it ("Cario").
    major: PlaceNames,
    /// Every word by first letter (lower case), with its length in characters and its lower
    /// case, for the near-miss search.
    by_initial: std::collections::HashMap<char, Vec<Near>>,
}

/// A gazetteer word as the near-miss search reads it.
#[derive(Debug, Clone)]
struct Near {
    letters: usize,
    word: String,
    lower: String,
}

/// A set of the gazetteer's names, hashed with a fast fixed hasher: some 38,000 names are read at
/// each start of the program.
type PlaceNames = HashSet<String, foldhash::fast::FixedState>;

impl Gazetteer {
    /// From a list of place names, one per line ("Rio de Janeiro" gives Rio and Janeiro), a major
    /// place marked with a `*` before its name.
    pub fn new(list: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in list.lines() {
            let (major, line) = match line.strip_prefix('*') {
                Some(name) => (true, name),
                None => (false, line),
            };
            let ranges = words_of(line);
            let one_word = ranges.len() == 1;
            for range in ranges {
                let word = &line[range];
                if !word.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                // Copy often drops a name's apostrophe ("Maan" for Ma'an): that form is the place too.
                let bare = word
                    .contains(['\'', '’'])
                    .then(|| word.chars().filter(|c| !matches!(c, '\'' | '’')).collect::<String>());
                for form in std::iter::once(word).chain(bare.as_deref()) {
                    if one_word {
                        g.whole.insert(form.to_string());
                        if major {
                            g.major.insert(form.to_string());
                        }
                    }
                }
                if let Some(bare) = bare {
                    g.words.insert(bare);
                }
                if g.words.insert(word.to_string()) {
                    let initial =
                        word.chars().next().map(|c| c.to_lowercase().next().unwrap_or(c)).unwrap_or(' ');
                    let near = Near {
                        letters: word.chars().count(),
                        word: word.to_string(),
                        lower: word.to_lowercase(),
                    };
                    g.by_initial.entry(initial).or_default().push(near);
                }
            }
        }
        g
    }

    /// Whether `word` is a word of a known place.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Whether `word` is a known place named in one word.
    pub fn is_place(&self, word: &str) -> bool {
        self.whole.contains(word)
    }

    /// Whether `word` is a major place named in one word (a country, a capital, a city of half a
    /// million people).
    pub fn is_major(&self, word: &str) -> bool {
        self.major.contains(word)
    }

    /// The known places named in one word nearest to `word` (one edit, or two in a long word),
    /// nearest first. Places starting with the word's first or second letter: a slip can swap
    /// the first two ("Osmalia": Somalia).
    pub fn near(&self, word: &str) -> Vec<String> {
        self.nearest(word, true)
    }

    /// [`Gazetteer::near`] among every word of every place ("Janiero": Janeiro): for a word
    /// known to name a place, as a dateline's does.
    pub fn near_word(&self, word: &str) -> Vec<String> {
        self.nearest(word, false)
    }

    fn nearest(&self, word: &str, whole_only: bool) -> Vec<String> {
        let lower: Vec<char> = word.chars().take(2).flat_map(char::to_lowercase).collect();
        let (first, second) = (lower.first().copied().unwrap_or(' '), lower.get(1).copied().unwrap_or(' '));
        // A place whose first two letters are the word's, swapped ("Osmalia": Somalia).
        let swapped = |n: &&Near| {
            let mut c = n.lower.chars();
            c.next() == Some(second) && c.next() == Some(first)
        };
        let len = word.chars().count();
        let lower = word.to_lowercase();
        // Lengths first: they rule out most names before any hashing or edit distance.
        let by = |initial: char| {
            self.by_initial
                .get(&initial)
                .into_iter()
                .flatten()
                .filter(move |n| n.letters >= 4 && n.letters.abs_diff(len) <= 2)
                .filter(move |n| !whole_only || self.whole.contains(&n.word))
        };
        let others = if second == first { None } else { Some(by(second).filter(swapped)) };
        let mut out: Vec<(usize, String)> = by(first)
            .chain(others.into_iter().flatten())
            .map(|n| (byline_model::edit::distance(&n.lower, &lower), n.word.clone()))
            .filter(|(d, _)| *d <= near_enough(word))
            .collect();
        out.sort();
        out.into_iter().map(|(_, p)| p).collect()
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

    /// Whether the list holds `word` with this case (a name, not the lower-case word).
    pub fn contains_exactly(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word) || self.words.contains(&word.to_lowercase())
    }
}

/// What a story accepts besides the dictionary: the library's words, the words ignored in the
/// story, the story's names, and the known places.
#[derive(Clone, Copy)]
pub struct Known<'a> {
    pub library: &'a WordList,
    pub ignored: &'a WordList,
    pub names: &'a Names,
    pub places: &'a Gazetteer,
}

/// The spelling findings of one passage. `names` are the capitalised words the story uses inside
/// sentences: such a word starting a sentence is a name too ("Blinken said"), not a slip.
pub fn check(p: &Passage, speller: &Speller, known: &Known, with_suggestions: bool, out: &mut Vec<Finding>) {
    let Known { library, ignored, names, places } = *known;
    let english = byline_model::language::primary_language(speller.language()) == "en";
    let credits = credit_lines(&p.text);
    // A dateline: the field, or one opening a paragraph ("ALGIERS, June 28 (VNA) –").
    let dateline = if p.place.field == Field::Dateline { Some(p.text.len()) } else { dateline_end(&p.text) };
    // Unknown small-letter words inside a quote: (word's position, finding's index in `out`).
    let mut quoted_unknown: Vec<(usize, usize)> = Vec::new();
    for (at, range) in words(&p.text).into_iter().enumerate() {
        let word = &p.text[range.clone()];
        // A dateline writes its place in capitals: a near miss of a known place is a slip there
        // ("ALGEIRS"), where anywhere else a word in capitals is an abbreviation.
        if dateline.is_some_and(|end| range.end <= end) && is_all_caps(word) && !p.in_note(&range) {
            // An agency in brackets ("(REUTERS)") is not the place; a word added to the
            // library's words or ignored in the story is meant.
            let bracketed = p.text[..range.start].ends_with('(');
            if bracketed || library.contains(word) || ignored.contains(word) {
                continue;
            }
            if let Some(place) = misspelt_place_in_capitals(word, speller, places) {
                out.push(p.finding(
                    "spelling.unknown",
                    Category::Spelling,
                    Severity::Error,
                    range,
                    format!(
                        "“{word}” is not a place the {} dictionary or the gazetteer knows",
                        speller.language()
                    ),
                    if with_suggestions { vec![place.to_uppercase()] } else { Vec::new() },
                ));
            }
            continue;
        }
        // Two words run together: a number and a word ("60people", "$3million"), a title and a
        // name ("MPLouis").
        let meant = library.contains(word) || ignored.contains(word);
        if let Some(at) = run_together(word, speller).filter(|_| !meant && !p.in_note(&range)) {
            let (first, second) = word.split_at(at);
            out.push(p.finding(
                "spelling.run-together",
                Category::Spelling,
                Severity::Error,
                range,
                format!("a space is missing between “{first}” and “{second}”"),
                if with_suggestions { vec![format!("{first} {second}")] } else { Vec::new() },
            ));
            continue;
        }
        if p.in_note(&range)
            || word.chars().any(|c| c.is_numeric())
            || is_all_caps(word.trim_end_matches(['s', '\'', '’']))
            || library.contains(word)
            || ignored.contains(word)
            || places.contains(word)
            || speller.knows(word)
            || prefixed(&p.text, &range, speller)
        {
            continue;
        }
        // An Arabic name with its article ("al-Amr", "el-Sisi").
        let arabic = ["al-", "el-", "Al-", "El-"]
            .iter()
            .any(|a| word.strip_prefix(a).is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase)));
        if arabic || in_phrase(&p.text, &range, english) {
            continue;
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        // The known places near the word, looked for once and only when a rule needs them.
        let near_places = std::cell::OnceCell::new();
        let near_places = || near_places.get_or_init(|| places.near(word));
        let one_edit_from_a_place = || near_places().iter().any(|place| distance(place, word) <= 1);
        // A name written as its owner writes it, a capital after a small letter ("iPhone",
        // "iTaukei", "BelTA", "YouTube"), unless it is a place's first two letters swapped
        // ("oRmania").
        let chars: Vec<char> = word.chars().collect();
        let swapped = chars.len() > 2 && chars[0].is_lowercase() && chars[1].is_uppercase();
        let inner_capital = chars.windows(2).any(|w| w[0].is_lowercase() && w[1].is_uppercase())
            && !(swapped && one_edit_from_a_place());
        // A name in the plural ("Ghanaians", "the Kennedys"); a name ending in s takes -es, so
        // "Pariss" is a slip.
        let plural_name = capitalised
            && word
                .strip_suffix('s')
                .is_some_and(|stem| !stem.ends_with('s') && (speller.is_name(stem) || places.contains(stem)));
        // The plural of a noun in -ity, which the dictionary may list alone ("ethnicities").
        let plural_ity = word.strip_suffix("ities").is_some_and(|stem| speller.spells(&format!("{stem}ity")));
        if inner_capital || plural_name || plural_ity {
            continue;
        }
        // In English copy, a word with letters English does not write is a foreign word or a
        // name as its own language writes it ("canasta básica", "Yucatán", "coup d'état"),
        // unless it is one edit from a known place ("Algéria").
        let foreign = english && word.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
        if foreign && !(capitalised && one_edit_from_a_place()) {
            continue;
        }
        // A name particle between two capitalised words ("Haut du Mont", "Luiz da Silva").
        if PARTICLES.contains(&word) && between_capitals(&p.text, &range) {
            continue;
        }
        if capitalised
            && (names.repeated(word) || credits.iter().any(|c| c.start <= range.start && range.end <= c.end))
        {
            continue;
        }
        // A near miss of a known place comes first ("Algieria": Algeria).
        let near_places: &[String] = if capitalised { near_places() } else { &[] };
        // One edit from a known place ("Algeirs, Algeria"; "Algeirs, June 28"): a slip even
        // before a region (but a word written twice is a name: "Allton" is not Alton). Of a
        // place that is not major, only in a long word ([`LONG`]): a short name is often one
        // edit from one of the world's 30,000 towns ("Sindh": Sinda, "Lando": Pando, "Panti":
        // Patti, "Waze": Ware).
        let letters = word.chars().count();
        let near_place = letters >= 5
            && near_places.iter().any(|p| distance(p, word) <= 1 && (letters >= LONG || places.is_major(p)));
        if capitalised {
            // A word right after another capitalised one is part of a longer name ("Luigi Di
            // Maio"): names are not near misses of one another.
            let before = p.text[..range.start].trim_end_matches(' ');
            let previous = before.rsplit(' ').next().unwrap_or("");
            let after_name = before.len() < range.start
                && (before
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
                    // Initials ("K.C. Maurer") and name particles ("la Repubblica").
                    || is_initials(previous)
                    || PARTICLES.contains(&previous));
            // So is a word right before a capitalised one ("Andreas Granqvist", "Nacer Chadli").
            // Or before a particle and a capitalised word ("Haut du Mont").
            let rest = &p.text[range.end..];
            let after_particle = rest.strip_prefix(' ').and_then(|r| {
                PARTICLES.iter().find_map(|particle| r.strip_prefix(particle)?.strip_prefix(' '))
            });
            let before_name = [rest.strip_prefix(' '), after_particle]
                .iter()
                .flatten()
                .any(|r| r.chars().next().is_some_and(char::is_uppercase));
            // A place named with its region ("Kanata, Ontario").
            let before_place = rest.strip_prefix(", ").is_some_and(|r| {
                let next: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
                next.chars().next().is_some_and(char::is_uppercase) && speller.knows_name(&next)
            });
            if after_name || before_name || (before_place && !near_place) {
                continue;
            }
        }
        // Suggestions cost milliseconds: asked for once, within the check's budget.
        let mut suggested: Option<Vec<String>> = None;
        let mut suggestions = |names: &Names| -> Vec<String> {
            suggested
                .get_or_insert_with(
                    || if names.take_suggestion() { speller.suggest(word) } else { Vec::new() },
                )
                .clone()
        };
        if capitalised {
            // An unknown name is not a slip. A near miss of a place the dictionary holds
            // ("Algieria") is, and so is a near miss of any word starting a sentence ("Teh"),
            // unless the story uses the word as a name elsewhere. One edit is looked for
            // directly; two, in a long word, among the suggestions. A short name one edit from
            // another name is not: the world's names are many, and short ones are often one
            // edit from some name of the dictionary ("Pravin": Previn, "Sindh": Singh).
            let stem = without_possessive(word);
            let at_start = starts_sentence(&p.text, &range) && !names.contains(word) && !names.contains(stem);
            let long = stem.chars().count() >= LONG;
            let near = near_place
                || (at_start && one_edit_away(&word.to_lowercase(), |w| speller.spells(w)))
                || one_edit_away(word, |w| speller.is_name(w) && (long || places.is_major(w)))
                || (near_enough(stem) > 1
                    && suggestions(names).iter().any(|s| {
                        (at_start || speller.knows_name(s)) && distance(s, word) <= near_enough(stem)
                    }));
            if !near {
                continue;
            }
        }
        let mut suggestions = if with_suggestions { suggestions(names) } else { Vec::new() };
        if with_suggestions && !near_places.is_empty() {
            // Nearest first; on a tie the dictionary's word ("Teh": The before Tel).
            let mut ranked: Vec<(usize, bool, String)> =
                suggestions.drain(..).map(|s| (distance(&s, word), false, s)).collect();
            for place in near_places {
                if !ranked.iter().any(|(_, _, s)| s == place) {
                    ranked.push((distance(place, word), true, place.clone()));
                }
            }
            ranked.sort_by_key(|(d, is_place, _)| (*d, *is_place));
            suggestions = ranked.into_iter().map(|(_, _, s)| s).take(5).collect();
        }
        if word.starts_with(char::is_lowercase) && in_quote(&p.text[..range.start]) {
            quoted_unknown.push((at, out.len()));
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
    // A quote in another language (Krio, Pidgin, Samoan) is not misspelt English: three unknown
    // small-letter words within nine words of a quote are its words, not slips.
    let foreign: Vec<usize> = quoted_unknown
        .iter()
        .filter(|(at, _)| quoted_unknown.iter().filter(|(other, _)| at.abs_diff(*other) <= 4).count() >= 3)
        .map(|&(_, index)| index)
        .collect();
    for index in foreign.into_iter().rev() {
        out.remove(index);
    }
}

/// Whether text ending with `before` is inside a quote: more opening marks than closing ones
/// (curly), or an odd number of straight ones.
fn in_quote(before: &str) -> bool {
    let count = |c: char| before.chars().filter(|&b| b == c).count();
    count('“') > count('”') || count('"') % 2 == 1
}

/// Letters from which a capitalised word one edit from any name or place is taken for a slip of
/// it ("Brazillian", "Kanatta"); a shorter one is often one edit from some name by chance.
const LONG: usize = 7;

/// `word` with one or two of its letters doubled or undoubled ("Dissapoint": "Disappoint",
/// "Disapoint", "Dissappoint"…), for words of up to 20 letters.
fn redoubled(word: &str) -> Vec<String> {
    fn toggles(chars: &[char]) -> Vec<Vec<char>> {
        let mut out = Vec::new();
        for i in 0..chars.len() {
            if !chars[i].is_alphabetic() {
                continue;
            }
            let mut v = chars.to_vec();
            if chars.get(i + 1) == Some(&chars[i]) {
                v.remove(i);
            } else if i == 0 || chars[i - 1] != chars[i] {
                v.insert(i, chars[i].to_lowercase().next().unwrap_or(chars[i]));
            } else {
                continue;
            }
            out.push(v);
        }
        out
    }
    let chars: Vec<char> = word.chars().collect();
    if chars.len() > 20 {
        return Vec::new();
    }
    let once = toggles(&chars);
    let twice = once.iter().flat_map(|v| toggles(v));
    let mut out: Vec<String> = once.iter().cloned().chain(twice).map(|v| v.into_iter().collect()).collect();
    out.sort_unstable();
    out.dedup();
    out.retain(|w| w != word);
    out
}

/// Titles written before a name ("MP Louis Ng"), which copy sometimes runs into it.
const TITLES: &[&str] = &["MP", "MPP", "MLA", "MEP", "MSP", "MNA", "MK", "TD", "PM", "VP", "CEO", "IGP"];

/// Units written onto a number ("5mins", "10yrs") that a dictionary also holds as words.
const UNITS: &[&str] = &["mins", "secs", "hrs", "yrs", "kmph", "kph", "mph", "kgs", "lbs", "sqft"];

/// Where `word` splits into two words run together, if it is a number run into a word of four
/// letters or more ("60people", "38were", "3million"; not "10kg", "1990s", "4th", "5mins"), or a
/// title in capitals run into a name ("MPLouis"; not "JPMorgan", "MPs").
fn run_together(word: &str, speller: &Speller) -> Option<usize> {
    let at = word.find(char::is_alphabetic)?;
    let (number, rest) = word.split_at(at);
    if number.is_empty() {
        // The name's capital is the letter before the first small one.
        let small = word.char_indices().find(|&(_, c)| c.is_lowercase())?.0;
        let name = word[..small].char_indices().last()?.0;
        let (title, rest) = word.split_at(name);
        let a_name = rest.chars().count() >= 3 && rest.chars().skip(1).all(char::is_lowercase);
        return (TITLES.contains(&title) && a_name).then_some(name);
    }
    let a_number = number.starts_with(|c: char| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    let a_word = rest.chars().count() >= 4
        && rest.chars().all(char::is_lowercase)
        && !UNITS.contains(&rest)
        && speller.knows(rest);
    (a_number && a_word).then_some(at)
}

/// Phrases English borrows whole, whose words the dictionary lacks on their own ("de facto",
/// "bona fide", "habeas corpus"): such a word is spelt right inside its phrase (and flagged
/// anywhere else). Unaccented forms, as copy often writes them ("coup d'etat"): a word with its
/// accents is a foreign word in English copy anyway.
const PHRASES: &[&str] = &[
    "a posteriori",
    "a priori",
    "ad hominem",
    "ad infinitum",
    "ad interim",
    "ad nauseam",
    "ad valorem",
    "agent provocateur",
    "alma mater",
    "alter ego",
    "amicus curiae",
    "annus horribilis",
    "bete noire",
    "bona fide",
    "bona fides",
    "carte blanche",
    "casus belli",
    "cause celebre",
    "caveat emptor",
    "cordon sanitaire",
    "coup d'etat",
    "coup de grace",
    "cri de coeur",
    "cum laude",
    "de facto",
    "de jure",
    "de minimis",
    "de novo",
    "de rigueur",
    "deja vu",
    "en masse",
    "en route",
    "enfant terrible",
    "esprit de corps",
    "et al",
    "et cetera",
    "ex gratia",
    "ex officio",
    "ex parte",
    "ex post facto",
    "fait accompli",
    "faux pas",
    "femme fatale",
    "force majeure",
    "habeas corpus",
    "hors de combat",
    "in absentia",
    "in camera",
    "in extremis",
    "in loco parentis",
    "in memoriam",
    "in situ",
    "in toto",
    "in utero",
    "in vitro",
    "in vivo",
    "inter alia",
    "ipso facto",
    "joie de vivre",
    "laissez faire",
    "laissez-faire",
    "locus standi",
    "magna cum laude",
    "magnum opus",
    "mala fide",
    "mea culpa",
    "mens rea",
    "modus operandi",
    "modus vivendi",
    "mutatis mutandis",
    "noblesse oblige",
    "nom de guerre",
    "nom de plume",
    "non compos mentis",
    "nouveau riche",
    "obiter dicta",
    "obiter dictum",
    "par excellence",
    "per annum",
    "per diem",
    "per se",
    "persona non grata",
    "post hoc",
    "post mortem",
    "prima facie",
    "pro bono",
    "pro forma",
    "pro tem",
    "quid pro quo",
    "raison d'etre",
    "res judicata",
    "rigor mortis",
    "savoir faire",
    "sine die",
    "sotto voce",
    "sub judice",
    "sub rosa",
    "sui generis",
    "summa cum laude",
    "tabula rasa",
    "terra nullius",
    "tete-a-tete",
    "tour de force",
    "ultra vires",
    "vis-a-vis",
    "viva voce",
    "vox pop",
    "vox populi",
];

/// Whether the word at `range` is a word of one of [`PHRASES`], written inside it (English only).
fn in_phrase(text: &str, range: &std::ops::Range<usize>, english: bool) -> bool {
    if !english {
        return false;
    }
    let fold = |t: &str| t.replace('’', "'").to_lowercase();
    let word = fold(&text[range.clone()]);
    // The words around it, within the longest phrase's reach.
    let before = fold(&text[text.floor_char_boundary(range.start.saturating_sub(40))..range.start]);
    let after = fold(&text[range.end..text.ceil_char_boundary(range.end + 40)]);
    let whole =
        |rest: Option<&str>, edge: Option<char>| rest.is_some() && !edge.is_some_and(char::is_alphanumeric);
    PHRASES.iter().any(|phrase| {
        let words: Vec<&str> = phrase.split(' ').collect();
        words.iter().enumerate().filter(|(_, w)| **w == word).any(|(i, _)| {
            let head: String = words[..i].iter().map(|w| format!("{w} ")).collect();
            let tail: String = words[i + 1..].iter().map(|w| format!(" {w}")).collect();
            let left = before.strip_suffix(head.as_str());
            let right = after.strip_prefix(tail.as_str());
            whole(left, left.and_then(|l| l.chars().next_back()))
                && whole(right, right.and_then(|r| r.chars().next()))
        })
    })
}

/// Lower-case words that start a name ("la Repubblica", "van Gogh", "de Gaulle"), or join two
/// of its words ("Ecole des Champions", "Rio dos Sinos").
const PARTICLES: &[&str] = &[
    "la", "le", "les", "de", "des", "da", "das", "do", "dos", "di", "du", "del", "della", "van", "von",
    "der", "den", "bin", "ibn",
];

/// The known place a word in capitals is one edit from ("ALGEIRS": Algiers), when the word is
/// neither a place nor a word itself. As in the body, a word under [`LONG`] letters is only taken
/// for a major place ("JAPN": Japan); one a letter from a small town is a town of its own
/// ("PICTOU" is not Pitou, "ONAWA" not Ogawa).
fn misspelt_place_in_capitals(word: &str, speller: &Speller, places: &Gazetteer) -> Option<String> {
    let mut chars = word.chars();
    let title: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
    // A dateline's place is a place, so four letters are enough to judge ("JAPN": Japan).
    let letters = title.chars().count();
    if letters < 4 || places.contains(&title) || speller.knows(&title) || speller.knows(word) {
        return None;
    }
    places
        .near_word(&title)
        .into_iter()
        .find(|p| distance(p, &title) <= 1 && (letters >= LONG || places.is_major(p)))
}

/// Whether a word one edit from `word` (a letter dropped, added, changed, or two swapped) passes
/// `known`: the near misses of a slip, found by trying each edit rather than by asking for
/// suggestions, which costs a hundred times more. Letters tried: the Latin alphabet, the
/// accented letters of Europe's languages and the word's own; a capital first letter stays one.
fn one_edit_away(word: &str, mut known: impl FnMut(&str) -> bool) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let mut letters: Vec<char> = ('a'..='z').chain("àâäáãåçéèêëíìîïñóòôöõúùûüýÿæœß".chars()).collect();
    for c in chars.iter().flat_map(|c| c.to_lowercase()) {
        if c.is_alphabetic() && !letters.contains(&c) {
            letters.push(c);
        }
    }
    let capital = chars.first().is_some_and(|c| c.is_uppercase());
    let mut buf = String::with_capacity(word.len() + 4);
    let mut test = |v: &[char]| {
        buf.clear();
        buf.extend(v);
        !buf.is_empty() && known(&buf)
    };
    let n = chars.len();
    let mut v: Vec<char> = Vec::with_capacity(n + 1);
    for i in 0..n {
        v.clear();
        v.extend(chars[..i].iter().chain(&chars[i + 1..]));
        if i == 0 && capital {
            if let Some(first) = v.first_mut() {
                *first = first.to_uppercase().next().unwrap_or(*first);
            }
        }
        if test(&v) {
            return true;
        }
    }
    for i in 1..n {
        v.clear();
        v.extend(&chars);
        v.swap(i - 1, i);
        if i == 1 && capital {
            // The capital stays first ("Hte": The).
            v[0] = v[0].to_uppercase().next().unwrap_or(v[0]);
            v[1] = v[1].to_lowercase().next().unwrap_or(v[1]);
        }
        if test(&v) {
            return true;
        }
    }
    for i in 0..=n {
        for &letter in &letters {
            let c = if i == 0 && capital { letter.to_uppercase().next().unwrap_or(letter) } else { letter };
            if i < n && c != chars[i] {
                v.clear();
                v.extend(&chars);
                v[i] = c;
                if test(&v) {
                    return true;
                }
            }
            v.clear();
            v.extend(chars[..i].iter().chain(std::iter::once(&c)).chain(&chars[i..]));
            if i == 0 && capital {
                // Inserted before the capital: the capital is now the second letter.
                if let Some(second) = v.get_mut(1) {
                    *second = second.to_lowercase().next().unwrap_or(*second);
                }
            }
            if test(&v) {
                return true;
            }
        }
    }
    false
}

/// Whether the words on both sides of `range` (one space away) are capitalised.
fn between_capitals(text: &str, range: &std::ops::Range<usize>) -> bool {
    let capital_before = text[..range.start]
        .strip_suffix(' ')
        .and_then(|b| b.chars().next_back())
        .is_some_and(|c| c.is_alphabetic())
        && text[..range.start - 1]
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    let capital_after =
        text[range.end..].strip_prefix(' ').is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase));
    capital_before && capital_after
}

/// Initials such as "K.C." or "J.": capitals each followed by a full stop.
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 8
        && word.split_terminator('.').all(|i| i.chars().count() == 1 && i.chars().all(char::is_uppercase))
        && word.ends_with('.')
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
pub fn names(passages: &[Passage]) -> Names {
    let mut inside = Vec::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    // Capitalised doublings, to find those written more than once ("Bafana Bafana").
    let mut doubled: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in passages {
        let ranges = words(&p.text);
        for range in &ranges {
            let word = &p.text[range.clone()];
            if word.chars().next().is_some_and(char::is_uppercase) {
                *seen.entry(word).or_default() += 1;
                if !starts_sentence(&p.text, range) {
                    inside.push(word.to_string());
                }
            }
        }
        for (_, word) in doublings_in(&p.text, &ranges) {
            if word.chars().next().is_some_and(char::is_uppercase) {
                *doubled.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    Names {
        doubled: doubled.into_iter().filter(|(_, n)| *n >= 2).map(|(w, _)| w).collect(),
        inside: WordList { words: inside.into_iter().collect() },
        repeated: seen.into_iter().filter(|(_, n)| *n >= 2).map(|(w, _)| w.to_string()).collect(),
        suggestions_left: std::cell::Cell::new(MAX_SUGGESTED_WORDS),
    }
}

/// Labels that open a credit inside copy ("… in Algiers. Photo: AFP/VNA", "Video: Miharris").
const CREDIT_LABELS: &[&str] =
    &["Photo:", "Photos:", "Photograph:", "Picture:", "Image:", "Video:", "Audio:", "Credit:"];

/// The credits written into a text: from a label to the end of its sentence (the names there
/// are people and agencies, never misspellings to flag).
fn credit_lines(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for label in CREDIT_LABELS {
        for (at, _) in text.match_indices(label) {
            let start = at + label.len();
            let rest = &text[start..];
            let end = rest
                .match_indices(['.', '\n'])
                .map(|(i, _)| i)
                .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with([' ', '\n']))
                .map_or(text.len(), |i| start + i);
            out.push(start..end);
        }
    }
    out
}

/// Words a check looks up suggestions for, at most: a suggestion costs milliseconds, and a story
/// full of unknown tokens (code, a pasted table) must not hold the library for seconds. They are
/// asked for to show, and to judge a long capitalised word two edits from a known one. Past it,
/// an unknown word is flagged without suggestions, and an unknown capitalised one is a slip only
/// when it is one edit from a known word or name (tried directly) or a near miss of a place.
pub const MAX_SUGGESTED_WORDS: usize = 60;

/// The story's names: capitalised words it uses inside sentences, and those it writes more than
/// once (a name spelt the same way twice is taken as meant; a slip is rarely repeated).
#[derive(Debug, Clone, Default)]
pub struct Names {
    inside: WordList,
    /// Capitalised words the story writes twice in a row more than once, lowercased.
    doubled: HashSet<String>,
    repeated: HashSet<String>,
    /// What is left of this check's suggestion budget ([`MAX_SUGGESTED_WORDS`]).
    suggestions_left: std::cell::Cell<usize>,
}

impl Names {
    /// Whether the story uses `word` as a name inside a sentence.
    pub fn contains(&self, word: &str) -> bool {
        self.inside.contains(word)
    }

    /// Whether the story uses `word`, written exactly so, as a name inside a sentence.
    pub fn contains_exactly(&self, word: &str) -> bool {
        self.inside.contains_exactly(word)
    }

    /// Takes one word from the check's suggestion budget; false when it is spent.
    pub fn take_suggestion(&self) -> bool {
        let left = self.suggestions_left.get();
        self.suggestions_left.set(left.saturating_sub(1));
        left > 0
    }

    /// Whether the story writes `word` twice in a row, capitalised, more than once (a name
    /// such as "Bafana Bafana").
    pub fn doubled(&self, word: &str) -> bool {
        self.doubled.contains(&word.to_lowercase())
    }

    /// Whether the story writes `word`, capitalised, more than once.
    pub fn repeated(&self, word: &str) -> bool {
        self.repeated.contains(word)
    }
}

/// Edits between two words (a swap of two neighbouring letters is one edit), ignoring case.
fn distance(a: &str, b: &str) -> usize {
    byline_model::edit::distance(&a.to_lowercase(), &b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Field, Place};

    use crate::rules::testing::EN_US;

    /// The findings of `text` in a field, against `places`: the words flagged and their suggestions.
    fn findings(field: Field, text: &str, places: &Gazetteer) -> Vec<(String, Vec<String>)> {
        let p = Passage::plain(Place::field(field), text);
        let names = names(std::slice::from_ref(&p));
        let none = WordList::default();
        let mut out = Vec::new();
        let known = Known { library: &none, ignored: &none, names: &names, places };
        check(&p, &EN_US, &known, true, &mut out);
        out.into_iter().map(|f| (f.text, f.suggestions)).collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        findings(Field::Standfirst, text, &Gazetteer::default()).into_iter().map(|(word, _)| word).collect()
    }

    #[test]
    fn a_letter_doubled_or_left_single_is_mended_in_the_suggestions() {
        for (slip, word) in
            [("Dissapoint", "Disappoint"), ("accomodate", "accommodate"), ("tommorow", "tomorrow")]
        {
            assert!(EN_US.suggest(slip).iter().any(|s| s == word), "{slip}: {:?}", EN_US.suggest(slip));
        }
        // Starting a sentence, two edits from a word: a slip, in every run.
        assert_eq!(flagged("Dissapoint officials said so."), ["Dissapoint"]);
    }

    #[test]
    fn a_quote_in_another_language_is_not_misspelt_english() {
        let krio = "“APC nor to bad party, na di pipul wae dae represent wi bad,” the minister said.";
        assert!(flagged(krio).is_empty(), "{:?}", flagged(krio));
        // Slips inside a quote, or packed outside one, are still slips.
        assert_eq!(flagged("“We recieved the letter,” she said."), ["recieved"]);
        assert_eq!(
            flagged("the goverment recieved teh delegaton"),
            ["goverment", "recieved", "teh", "delegaton"]
        );
    }

    #[test]
    fn words_run_together_are_split() {
        let found = findings(
            Field::Standfirst,
            "At least 60people died and 38were hurt; $3million was pledged, said MPLouis Ng.",
            &Gazetteer::default(),
        );
        let expected = [
            ("60people", "60 people"),
            ("38were", "38 were"),
            ("3million", "3 million"),
            ("MPLouis", "MP Louis"),
        ];
        assert_eq!(found, expected.map(|(w, s)| (w.to_string(), vec![s.to_string()])));
        let fine = "A 1990s hit: 10kg, 5mins, 3pm, the 4th, 2.5bn, 100m, COVID19, G7, three MPs, 3D.";
        assert!(flagged(fine).is_empty(), "{:?}", flagged(fine));
        assert_eq!(run_together("JPMorgan", &EN_US), None, "JP is no title");
    }

    #[test]
    fn british_spellings_and_prefixed_words_are_not_slips() {
        assert!(flagged(
            "The iodised salt, the colour, labelled and favoured, the foetus, co-ordinated sanitisers \
             amongst counterterrorism and neuropsychological work, characterised as labour, 14 nanograms, \
             cognisant of a recognisable organisational fault."
        )
        .is_empty());
        assert_eq!(
            flagged("The iodysed salt and the collour were labeleld."),
            ["iodysed", "collour", "labeleld"]
        );
        assert!(flagged("The travelling counsellor, marvellous.").is_empty());
        let british = "The tyres on the kerb, a sceptical draughtsman, aluminium, mould, a cheque, the \
                       manoeuvre, pyjamas, jewellery, a plough, the programme, ageing, a judgement, she \
                       practised, sulphur, an instalment; they enrol and fulfil; a six-storey block.";
        assert!(flagged(british).is_empty(), "{:?}", flagged(british));
        assert_eq!(flagged("the tyrse, a scepitcal man, the jewelery"), ["tyrse", "scepitcal", "jewelery"]);
        assert_eq!(flagged("the Brazillian team"), ["Brazillian"], "a doubled l only before an ending");
        assert_eq!(
            flagged("Pre-pandemic levels, pre-election talks, a non-Muslim, mid-June, pre- and post-war years, pre-Covid."),
            Vec::<String>::new(),
            "prefixes written with a hyphen"
        );
        assert_eq!(
            flagged("in mid-Feburary, pre-pandmic and pree-war"),
            ["mid-Feburary", "pre-pandmic", "pree-war"]
        );
        assert!(flagged("Gov't to review fees, int'l talks").is_empty(), "contractions of headlines");
        assert_eq!(flagged("the gov'r said"), ["gov'r"]);
    }

    #[test]
    fn borrowed_phrases_foreign_words_plurals_and_names_written_their_way_are_not_slips() {
        assert!(flagged(
            "A de facto ban, a bona fide offer, prima facie and per se; a coup d’état, vis-à-vis."
        )
        .is_empty());
        assert_eq!(
            flagged("The facto was clear and the bona was fide."),
            ["facto", "bona", "fide"],
            "outside the phrase"
        );
        assert_eq!(flagged("It was made facto."), ["facto"], "a phrase of whole words");
        assert!(flagged("Prices of the canasta básica rose in Yucatán.").is_empty(), "foreign words");
        assert!(flagged("Ghanaians, the Kennedys, ethnicities, iTaukei Fijians and eBay.").is_empty());
        assert!(flagged("Lukashenko said so, BelTA has learned, and posted it on YouTube.").is_empty());
        assert_eq!(flagged("The ethnicitys and the Ghanaianss."), ["ethnicitys", "Ghanaianss"]);
        // Short names one edit from a name of the dictionary are names; a long one is a slip,
        // and so is a slip of a word starting a sentence.
        assert!(flagged("Activists Pravin (24) and others were held in Sindh, near Lebak.").is_empty());
        assert_eq!(flagged("Teh activists met the Brazillian envoy."), ["Teh", "Brazillian"]);
        assert!(flagged("They met President Macri. Macri's minister left.").is_empty(), "a name, possessive");
    }

    /// A slip that the mapping between the two spellings happens to mend ("aftre" to "after",
    /// "killled" to "killed") is a slip: the British dictionary does not hold it. So is a
    /// prefixed word one edit from a word ("interrest").
    #[test]
    fn slips_that_look_british_or_prefixed_are_slips() {
        assert_eq!(
            flagged("Yestreday, aftre the vidoe, he was killled and the intrenet was interresting."),
            ["Yestreday", "aftre", "vidoe", "killled", "intrenet", "interresting"]
        );
    }

    #[test]
    fn closed_compounds_of_two_words_are_words_but_slips_and_missed_spaces_are_not() {
        assert!(flagged(
            "Gameplay was delayed. A cosplayer and the spinoff, Wikinews said, drew the crowds."
        )
        .is_empty());
        assert_eq!(
            flagged("The backround of the billlion deal: fromthe start eachother and everytime."),
            ["backround", "billlion", "fromthe", "eachother", "everytime"]
        );
        assert_eq!(
            flagged("He would withold the highschool longterm plan."),
            ["withold", "highschool", "longterm"]
        );
        assert_eq!(flagged("It was said publically."), ["publically"], "-ally is a suffix, not a word");
        let french = Speller::new(
            "fr",
            include_str!("../../../assets/dictionaries/fr/fr.aff"),
            include_str!("../../../assets/dictionaries/fr/fr.dic"),
        )
        .expect("fr");
        assert!(french.knows("parce") && french.knows("que") && !french.knows("parceque"));
    }

    #[test]
    fn first_names_and_abbreviations_with_s_are_names_but_a_misspelt_place_is_not() {
        assert!(
            flagged("The striker Andreas Granqvist scored; IE's share and NSW's schools fell.").is_empty()
        );
        assert_eq!(flagged("Officials in Algieria were told."), ["Algieria"]);
    }

    #[test]
    fn initials_particles_arabic_articles_and_regions_mark_names() {
        assert!(flagged(
            "Said K.C. Maurer of la Repubblica to al-Ikhbariya from Kanata, Ontario, and director al-Amr."
        )
        .is_empty());
        assert_eq!(flagged("Officials in Algieria, the capital and al-amr."), ["Algieria", "al-amr"]);
    }

    fn flagged_with_places(field: Field, text: &str) -> Vec<(String, Vec<String>)> {
        let places =
            Gazetteer::new("*Algiers\n*Algeria\n*Rome\n*Hanoi\n*Rio de Janeiro\n*Somalia\n*Japan\nAsya\n");
        findings(field, text, &places)
    }

    #[test]
    fn a_place_written_without_its_apostrophe_is_the_place() {
        let places = Gazetteer::new("*Sana'a\nMa'an\n");
        assert!(places.contains("Sanaa") && places.is_major("Sanaa") && places.contains("Maan"));
        assert!(findings(Field::Body, "in Sanaa, Sana'a, Maan and Ma'an", &places).is_empty());
        let without = Gazetteer::new("*Sana'a\n");
        assert!(!without.contains("Maan"));
    }

    /// A short name one edit from a town that is not major is a name, even one the dictionary
    /// knows as a name ("Patti"); one edit from a major place, or a long word one edit from any
    /// place, is a slip.
    #[test]
    fn a_near_miss_of_a_small_place_is_a_slip_only_in_a_long_word() {
        let places = Gazetteer::new("Sinda\nPando\nGalapa\n*Algeria\nMankesim\nPatti\nWare\n*Cairo\n");
        let flagged = |text: &str| -> Vec<String> {
            findings(Field::Standfirst, text, &places).into_iter().map(|(w, _)| w).collect()
        };
        assert!(flagged("The storm Lando hit Sindh and then Galala city.").is_empty());
        assert_eq!(flagged("The envoy flew to Algieria and to Mankessim town."), ["Algieria", "Mankessim"]);
        assert_eq!(flagged("The envoy flew to Galapaa."), ["Galapaa"], "seven letters");
        assert!(flagged("held at the department, Panti, Yaba, said traffic site Waze.").is_empty());
        assert_eq!(flagged("The envoy flew to Cario."), ["Cario"], "a major place");
        let paris = Gazetteer::new("*Paris\n");
        let in_paris = |text: &str| -> Vec<String> {
            findings(Field::Standfirst, text, &paris).into_iter().map(|(w, _)| w).collect()
        };
        assert_eq!(in_paris("Reports came from Pariss on Friday."), ["Pariss"], "not a plural");
        assert!(in_paris("Both Parises and the Kennedys came.").is_empty());
        // The same in a dateline's capitals: a small town's name is a town of its own.
        let dateline = |text: &str| -> Vec<String> {
            findings(Field::Dateline, text, &places).into_iter().map(|(w, _)| w).collect()
        };
        assert!(dateline("PANTI, June 28 (NAN)").is_empty());
        assert_eq!(dateline("CARIO, June 28 (AFP)"), ["CARIO"]);
        assert_eq!(dateline("MANKESSIM, June 28"), ["MANKESSIM"]);
    }

    /// A dateline writes its place in capitals; a misspelt one is a slip, in the dateline field
    /// or opening a paragraph, and so is one before a region or a date.
    #[test]
    fn a_misspelt_place_in_a_dateline_is_a_slip() {
        let found = flagged_with_places(Field::Dateline, "ALGEIRS, June 28 (VNA)");
        assert_eq!(found, [("ALGEIRS".to_string(), vec!["ALGIERS".to_string()])]);
        let p = Passage::plain(Place::field(Field::Dateline), "ALGEIRS, June 28");
        let (names, places) = (names(std::slice::from_ref(&p)), Gazetteer::new("Algiers\n"));
        let ignored = WordList::new(["ALGEIRS".to_string()]);
        let mut out = Vec::new();
        let known =
            Known { library: &WordList::default(), ignored: &ignored, names: &names, places: &places };
        check(&p, &EN_US, &known, true, &mut out);
        assert!(out.is_empty(), "ignored in the story: {out:?}");
        assert!(flagged_with_places(Field::Dateline, "ALGIERS, June 28 (VNA)").is_empty());
        assert!(flagged_with_places(Field::Dateline, "RIO DE JANEIRO (AFP)").is_empty());
        assert_eq!(flagged_with_places(Field::Dateline, "RIO DE JANIERO")[0].0, "JANIERO");
        let body = flagged_with_places(Field::Standfirst, "HANOY, June 28 (VNA) – Talks opened.");
        assert_eq!(body.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["HANOY"]);
        assert!(
            flagged_with_places(Field::Standfirst, "The UNHCR and NATO met in Hanoi.").is_empty(),
            "capitals outside a dateline are abbreviations"
        );
        let first_two_swapped = flagged_with_places(Field::Dateline, "OSMALIA, June 28 (REUTERS)");
        assert_eq!(first_two_swapped, [("OSMALIA".to_string(), vec!["SOMALIA".to_string()])]);
        assert_eq!(
            flagged_with_places(Field::Dateline, "JAPN (AFP)")[0].0,
            "JAPN",
            "four letters in a dateline"
        );
        assert!(flagged_with_places(Field::Dateline, "TOKYO (REUTRS)").is_empty(), "an agency is no place");
        assert!(
            flagged_with_places(Field::Standfirst, "Officials met Zasya on Monday.").is_empty(),
            "only a swap of the first two letters looks past the first: Zasya is not Asya"
        );
        for text in ["Algeirs, June 28", "Talks in Algeirs, Algeria, opened."] {
            let found = flagged_with_places(Field::Dateline, text);
            assert_eq!(found.first().map(|f| f.0.as_str()), Some("Algeirs"), "{text}");
        }
    }

    /// A slip one edit from a word or a name is found by trying the edits, so it is flagged
    /// when the check's suggestion budget is spent (a long story full of names spends it).
    #[test]
    fn a_near_miss_is_found_once_the_suggestion_budget_is_spent() {
        let p = Passage::plain(
            Place::field(Field::Standfirst),
            "Goverment officials met Mandella on Monday. Teh talks ended. Nwizi left.",
        );
        let names = names(std::slice::from_ref(&p));
        while names.take_suggestion() {}
        let none = WordList::default();
        let places = Gazetteer::default();
        let mut out = Vec::new();
        check(
            &p,
            &EN_US,
            &Known { library: &none, ignored: &none, names: &names, places: &places },
            true,
            &mut out,
        );
        let texts: Vec<&str> = out.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Goverment", "Mandella", "Teh"], "Nwizi is a name");
        assert!(out.iter().all(|f| f.suggestions.is_empty()), "no budget left for suggestions");
        assert!(one_edit_away("Algieria", |w| w == "Algeria") && one_edit_away("Tne", |w| w == "The"));
        assert!(one_edit_away("Hte", |w| w == "The") && one_edit_away("Ecuadr", |w| w == "Ecuador"));
        assert!(!one_edit_away("Aglieria", |w| w == "Algeria"), "two edits");
    }

    #[test]
    fn a_particle_between_names_is_part_of_the_name() {
        assert!(flagged(
            "Flats around the Haut du Mont estate and Luiz da Silva were named at the Ecole des Champions."
        )
        .is_empty());
        assert_eq!(
            flagged("The plan du jour was named."),
            ["du", "jour"],
            "a particle between lower-case words"
        );
    }

    /// The word list beside the dictionary (SCOWL's variants the Hunspell dictionary leaves out)
    /// spells words, in any case a sentence gives them, and names; slips of them are still slips.
    #[test]
    fn the_word_list_spells_variants_plurals_and_names() {
        assert!(flagged(
            "Protestors met the militaries. The protestors, PROTESTORS and a pigmy goat went to Bogotá."
        )
        .is_empty());
        assert_eq!(flagged("The protestorss and the militarys left."), ["protestorss", "militarys"]);
        let bare = Speller::new(
            "en-US",
            include_str!("../../../assets/dictionaries/en-US/en-US.aff"),
            include_str!("../../../assets/dictionaries/en-US/en-US.dic"),
        )
        .expect("en-US");
        assert!(!bare.knows("protestors"), "the dictionary alone lacks it: the list is what spells it");
        let listed = bare.with_words("# a comment\n\nprotestors\nBogotá\n");
        assert!(listed.knows("protestors") && listed.knows("Protestors") && listed.knows_name("Bogotá"));
        assert!(!listed.knows("# a comment") && !listed.knows("bogotá"), "a name keeps its capital");
    }

    #[test]
    fn names_in_a_credit_and_bare_domains_are_not_slips_but_a_misspelling_after_the_credit_is() {
        assert!(flagged("The hall in Evansville. Video: Miharris & Acphillips. Image: Snbehnke.").is_empty());
        assert!(flagged("Security firm Secunia.com said so.").is_empty());
        assert_eq!(flagged("Photo: AFP/Ekrem. Teh minister recieved them."), ["Teh", "recieved"]);
    }
}
