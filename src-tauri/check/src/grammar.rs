//! Grammar and usage in English, through Harper (`harper-core`), tuned for news copy.
//!
//! Harper's curated rules run over each passage on their own (they read one sentence or one
//! paragraph), so the editor re-checks only the edited block. A finding's rule id is
//! `harper.<Rule>` (`harper.WrongApostrophe`), switchable per library like Byline's own rules.
//!
//! Switched off, with the reason ([`OFF`], [`OFF_KINDS`] and, in a setting, [`MISFIRES`]): the rules Byline writes itself for
//! newsroom copy (spelling, a/an, doubled words, a sentence going on in lowercase, unclosed
//! quotes), and the rules that misfire on news copy (tested on the Wikinews corpus in
//! `tests/corpus/`): names and agency spellings missing from Harper's dictionary, quotes that run
//! long or start with a lowercase word after `", it added;`, style preferences that are a house's
//! choice rather than a slip.
//!
//! Loading Harper's dictionary and rules takes about half a second and reading a paragraph a few
//! milliseconds, so what Harper found in each passage is remembered by the passage's text (and
//! kept by the library), and Harper is loaded only when a passage it never read turns up.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use harper_core::linting::{LintGroup, LintKind, Suggestion};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

use crate::finding::{Category, Field, Severity};
use crate::text::Passage;
use crate::tokens::is_all_caps;
use crate::Finding;

/// Harper's rules that do not run, and why.
pub const OFF: &[(&str, &str)] = &[
    ("SpellCheck", "spelling is Byline's: Hunspell dictionaries in the story's language, the library's words and the gazetteer"),
    ("AnA", "Byline's grammar.a-an knows how newsrooms say abbreviations and numbers (an NGO, an 18-year-old)"),
    ("RepeatedWords", "Byline's words.doubled; Harper's flags names such as Duran Duran"),
    ("SentenceCapitalization", "Byline's sentences.lowercase; Harper's flags the words after a quote's attribution (\"…\", it added; and)"),
    ("UnclosedQuotes", "Byline's quotes.unclosed: a quote that runs on into the next paragraph has no closing mark, as news copy does"),
    ("LongSentences", "a lead and a quote run long on purpose; length is the editor's call, not a slip"),
    ("OxfordComma", "agency style (AP, Reuters, AFP) leaves the serial comma out"),
    ("SplitWords", "splits real words missing from Harper's dictionary (debutants, spinoff, transboundary)"),
    ("DisjointPrefixes", "British and agency spellings keep the hyphen (counter-terrorism, re-emergence)"),
    ("OrthographicConsistency", "flags names and addresses written as their owners write them (www, chan)"),
    ("CompoundNouns", "open and closed forms are both standard (school children); the house-style table decides"),
    ("UseEllipsisCharacter", "wire copy writes three full stops; both are correct"),
    ("HyphenateNumberDay", "misreads a year followed by a noun (2018 day)"),
    ("MissingPreposition", "misreads nouns used as verbs in headlinese and reported speech"),
    ("OneOfTheSingular", "misreads \"one of the four\" and adjectives after \"one of the\""),
    ("MassNouns", "flags count uses of nouns that have both (a passion)"),
    ("ItsPossessive", "misreads a quote that starts \"It's\" followed by a name"),
    ("TheProperNounPossessive", "flags \"the Polaroid's front flash\": a brand used as a common noun"),
    ("WrongNegative", "flags abbreviations and rare words (UNC, unclosed)"),
    ("ExpandGovt", "Govt. is a headline abbreviation; the house style decides"),
    ("ExpandMinimum", "flags Min, a name and a title (Min. = minister) in news copy"),
    ("NumericRangeEnDash", "agency style writes scores, votes and ranges with a hyphen (won 2-1, a vote of 31-18); the house decides"),
    ("AvoidAndAlso", "\"and also\" joins two actions of one subject in news copy (\"can serve it at home and also plans to appeal\")"),
    ("QuantifierNumeralConflict", "\"some 40,000 families\" is news English for about 40,000"),
    ("CondenseAllThe", "\"all of the area's residents\" is standard English; \"all the\" is a preference"),
];

/// Findings of Harper's rules in a setting where they misfire on news copy, left out: the rule,
/// what comes right before the flagged words, the flagged words themselves (empty: any) and what
/// comes right after (any case), and why.
pub const MISFIRES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "ThatThan",
        "further ",
        "",
        "",
        "\"the court heard further that\": further is an adverb (moreover), not a comparison",
    ),
    ("ThereToTheir", "", "", " needs to", "\"there needs to be\": needs is the verb, not their needs"),
    (
        "PronounVerbAgreement",
        "",
        "struck",
        "",
        "Harper's dictionary lists \"struck\" as a base form, so it reads \"he struck\" as \"he strike\"",
    ),
    (
        "MissingTo",
        "",
        "",
        " be| is| are| was| were",
        "\"if need be\", \"the yield expected is\": before a form of be, the word is an idiom or a participle, not a verb wanting to",
    ),
    (
        "MissingTo",
        "",
        "attempted",
        " suicide",
        "\"has attempted suicide\" is a charge and a statistic, as \"attempted murder\" is; Harper reads suicide as a verb",
    ),
    (
        "InflectedVerbAfterTo",
        "due |owing |prone |according |thanks |exposed |vulnerable |susceptible |subject ",
        "",
        "",
        "\"due to landslides\": after due, owing, prone… to is a preposition, and the noun after it no verb",
    ),
    (
        "NounVerbConfusion",
        "to ",
        "effect",
        " change| changes| reform| reforms| a change| real change| lasting change| positive change",
        "\"to effect change\": effect is the verb meaning to bring about, not affect",
    ),
];

/// Kinds of Harper finding that are a matter of taste, not a slip: not reported.
pub const OFF_KINDS: &[(LintKind, &str)] = &[
    (LintKind::Style, "a preference; the house-style table holds the house's"),
    (LintKind::Enhancement, "a suggestion to write better, not a slip"),
    (LintKind::Readability, "sentence length and the like: the editor's call"),
    (LintKind::Regionalism, "the story's language tag (en-US, en-GB…) already sets the dialect"),
    (LintKind::Spelling, "spelling is Byline's (see SpellCheck)"),
];

/// Harper's English checker for one dialect. Harper itself is loaded on the first passage it has
/// not read before; what it found in each passage is remembered by the passage's [`key`], and a
/// library keeps those memos ([`Grammar::remember`], [`Grammar::learned`]) so that a story
/// checked before is not read again.
pub struct Grammar {
    dialect: Dialect,
    harper: OnceLock<Harper>,
    memo: Mutex<Memo>,
}

struct Harper {
    dictionary: Arc<FstDictionary>,
    rules: Mutex<LintGroup>,
}

#[derive(Default)]
struct Memo {
    hits: HashMap<u64, Arc<[Hit]>>,
    /// Keys read by Harper since the last [`Grammar::learned`].
    fresh: Vec<u64>,
}

/// Passages remembered at most; past it the memo starts again (a long session edits thousands
/// of paragraphs).
const MEMO_MAX: usize = 50_000;

/// What Harper found in a passage, as remembered: byte offsets in the passage's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub suggestions: Vec<String>,
}

impl Grammar {
    /// Harper for a language tag, when it is English (`en`, `en-GB`…); `None` otherwise. Cheap:
    /// Harper loads when it first reads a passage.
    pub fn for_language(tag: &str) -> Option<Grammar> {
        Some(Grammar { dialect: dialect(tag)?, harper: OnceLock::new(), memo: Mutex::default() })
    }

    /// The key a passage's findings are remembered by: its text, the dialect and the rules.
    pub fn key(&self, text: &str) -> u64 {
        static RULES: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
            let mut h = std::hash::DefaultHasher::new();
            (RULES_VERSION, OFF).hash(&mut h);
            h.finish()
        });
        let mut h = std::hash::DefaultHasher::new();
        (*RULES, self.dialect as u32, text).hash(&mut h);
        h.finish()
    }

    /// Takes findings remembered from an earlier check (by a library, across runs).
    pub fn remember(&self, memos: impl IntoIterator<Item = (u64, Vec<Hit>)>) {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        for (key, hits) in memos {
            memo.hits.entry(key).or_insert_with(|| hits.into());
        }
    }

    /// What Harper read since the last call, for the library to keep.
    pub fn learned(&self) -> Vec<(u64, Vec<Hit>)> {
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        let fresh = std::mem::take(&mut memo.fresh);
        fresh.into_iter().filter_map(|k| memo.hits.get(&k).map(|h| (k, h.to_vec()))).collect()
    }

    /// The keys of the passages (and slices of long ones) of `story` that grammar reads.
    pub fn keys(&self, story: &byline_model::Story) -> Vec<u64> {
        let passages = crate::text::passages(story);
        let prose = passages.iter().filter(|p| reads(p));
        prose.flat_map(|p| slices(&p.text).into_iter().map(|r| self.key(&p.text[r]))).collect()
    }

    /// Harper's findings in one passage (outside its notes). A long passage is read in slices
    /// of whole sentences, each remembered on its own, so that a pasted 1 MB paragraph costs
    /// one slice's reading when one sentence of it changes.
    pub fn check(&self, p: &Passage, out: &mut Vec<Finding>) {
        if !reads(p) {
            return;
        }
        for slice in slices(&p.text) {
            let hits = self.hits(&p.text[slice.clone()]);
            for hit in hits.iter() {
                let range = slice.start + hit.start..slice.start + hit.end;
                if p.text.get(range.clone()).is_none() || p.in_note(&range) {
                    continue;
                }
                out.push(p.finding(
                    &hit.rule,
                    hit.category,
                    hit.severity,
                    range,
                    hit.message.clone(),
                    hit.suggestions.clone(),
                ));
            }
        }
    }

    /// Reads ahead, on every core, the passages of `passages` Harper has not read yet, so that
    /// [`Grammar::check`] then finds them remembered. A story checked for the first time (an
    /// import, a pasted wire story) is read in a fraction of the time one core takes; with few
    /// unread slices, or one core, this does nothing and `check` reads them as it goes.
    pub fn read_ahead(&self, passages: &[Passage]) {
        let mut unread: Vec<&str> = {
            let memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
            let slices = passages
                .iter()
                .filter(|p| reads(p))
                .flat_map(|p| slices(&p.text).into_iter().map(|r| &p.text[r]));
            slices.filter(|text| !memo.hits.contains_key(&self.key(text))).collect()
        };
        unread.sort_unstable();
        unread.dedup();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_READERS);
        if cores < 2 || unread.len() < READ_AHEAD_MIN {
            return;
        }
        // Longest first, dealt out in turn: the readers finish at about the same time.
        unread.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let main = self.harper();
        let read: Vec<(u64, Vec<Hit>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (1..cores)
                .map(|worker| {
                    let share: Vec<&str> = unread.iter().skip(worker).step_by(cores).copied().collect();
                    scope.spawn(move || {
                        let harper = Harper::new(self.dialect, main.dictionary.clone());
                        share.into_iter().map(|t| (self.key(t), harper.read(t))).collect::<Vec<_>>()
                    })
                })
                .collect();
            let mut read: Vec<_> =
                unread.iter().step_by(cores).map(|t| (self.key(t), main.read(t))).collect();
            for worker in workers {
                // A reader that panicked leaves its passages to `check`, which reads them itself.
                read.extend(worker.join().unwrap_or_default());
            }
            read
        });
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.hits.len() + read.len() >= MEMO_MAX {
            *memo = Memo::default();
        }
        for (key, hits) in read {
            memo.hits.insert(key, hits.into());
            memo.fresh.push(key);
        }
    }

    /// What Harper finds in a text: remembered, or read now and remembered.
    fn hits(&self, text: &str) -> Arc<[Hit]> {
        let key = self.key(text);
        if let Some(hits) = self.memo.lock().unwrap_or_else(|e| e.into_inner()).hits.get(&key) {
            return hits.clone();
        }
        let hits: Arc<[Hit]> = self.harper().read(text).into();
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if memo.hits.len() >= MEMO_MAX {
            *memo = Memo::default();
        }
        memo.hits.insert(key, hits.clone());
        memo.fresh.push(key);
        hits
    }

    fn harper(&self) -> &Harper {
        self.harper.get_or_init(|| Harper::new(self.dialect, FstDictionary::curated()))
    }
}

/// Unread slices below which reading ahead on other cores costs more than it saves (each
/// reader builds its own rules and its thread's tagger).
const READ_AHEAD_MIN: usize = 16;
/// Readers at most: past a few, building each one's rules costs more than it saves.
const MAX_READERS: usize = 8;

/// The prefix of Harper's rule ids.
const HARPER: &str = "harper.";

/// Whether a rule id is one of Harper's.
pub fn is_harper(rule: &str) -> bool {
    rule.starts_with(HARPER)
}

/// Bumped when the way findings are made from Harper's changes, so old memos are not used.
const RULES_VERSION: &str = "harper-core 3.0 / byline 4";

/// Longest slice Harper reads at once, in bytes (a few long paragraphs' worth).
const SLICE_BYTES: usize = 4_000;

/// A text cut into slices of whole sentences of at most about [`SLICE_BYTES`] (a sentence
/// longer than that is a slice of its own, cut at a space if it must be).
fn slices(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > SLICE_BYTES {
        let window = &text[start..];
        let limit = window.floor_char_boundary(SLICE_BYTES);
        // The last sentence end (". " then a capital) before the limit, else the last space.
        let sentence_end = window[..limit].rmatch_indices(['.', '!', '?']).map(|(i, _)| i + 1).find(|&i| {
            window[i..].starts_with(' ') && window[i + 1..].chars().next().is_some_and(char::is_uppercase)
        });
        let cut = sentence_end.or_else(|| window[..limit].rfind(' ')).filter(|&c| c > 0).unwrap_or(limit);
        out.push(start..start + cut);
        start += cut;
    }
    out.push(start..text.len());
    out
}

/// Whether grammar reads a passage: prose, not names, datelines, credits or headlines
/// (headlinese drops articles and verbs on purpose; Byline's headline rules read those).
fn reads(p: &Passage) -> bool {
    !matches!(
        p.place.field,
        Field::Kicker | Field::Headline | Field::Byline | Field::Dateline | Field::Credit
    ) && !p.text.trim().is_empty()
}

impl Harper {
    /// Harper's curated rules for a dialect, without the ones switched [`OFF`].
    fn new(dialect: Dialect, dictionary: Arc<FstDictionary>) -> Harper {
        let mut rules = LintGroup::new_curated(dictionary.clone(), dialect);
        for (rule, _) in OFF {
            rules.config.set_rule_enabled(*rule, false);
        }
        Harper { dictionary, rules: Mutex::new(rules) }
    }

    /// Harper's findings in a text, kept as hits.
    fn read(&self, text: &str) -> Vec<Hit> {
        let document = Document::new_plain_english(text, self.dictionary.as_ref());
        let lints = self.rules.lock().unwrap_or_else(|e| e.into_inner()).organized_lints(&document);
        // Harper counts characters; hits count bytes.
        let bytes: Vec<usize> =
            text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
        let mut out = Vec::new();
        // A dateline writes its place in capitals ("BELIZE CITY, Jan. 3 –"): Harper's
        // capitalisation rules would have it written as a name.
        let dateline = crate::tokens::dateline_end(text).unwrap_or(0);
        for (rule, lints) in lints {
            for lint in lints {
                if OFF_KINDS.iter().any(|(k, _)| *k == lint.lint_kind) {
                    continue;
                }
                let (Some(&start), Some(&end)) = (bytes.get(lint.span.start), bytes.get(lint.span.end))
                else {
                    continue;
                };
                if start >= end || cuts_a_word(text, &(start..end)) {
                    continue;
                }
                if misfires(&rule, text, start..end) || (end <= dateline && is_all_caps(&text[start..end])) {
                    continue;
                }
                let written = &text[start..end];
                let (category, severity) = category(lint.lint_kind);
                out.push(Hit {
                    rule: format!("{HARPER}{rule}"),
                    category,
                    severity,
                    start,
                    end,
                    message: message(&lint.message),
                    suggestions: lint.suggestions.iter().map(|s| suggestion(written, s)).collect(),
                });
            }
        }
        out
    }
}

/// Whether a finding of `rule` at `range` is one of the [`MISFIRES`]: the text before it ends
/// with one of the entry's `|`-separated endings, the flagged words are the entry's, and the text
/// after it starts with one of its beginnings, as whole words (" be" is not " because").
fn misfires(rule: &str, text: &str, range: std::ops::Range<usize>) -> bool {
    let before = text[text.floor_char_boundary(range.start.saturating_sub(20))..range.start].to_lowercase();
    let after = text[range.end..text.ceil_char_boundary(range.end + 20)].to_lowercase();
    let written = text[range].to_lowercase();
    let begins = |a: &str| {
        a.split('|').any(|a| {
            after.strip_prefix(a).is_some_and(|rest| !rest.chars().next().is_some_and(char::is_alphanumeric))
        })
    };
    MISFIRES.iter().any(|(r, b, w, a, _)| {
        *r == rule
            && b.split('|').any(|b| before.ends_with(b))
            && (w.is_empty() || written == *w)
            && begins(a)
    })
}

/// Whether a finding's edge falls inside a hyphenated word: Harper reads "the re-emergence" as
/// "the re", and suggests "there".
fn cuts_a_word(text: &str, range: &std::ops::Range<usize>) -> bool {
    let hyphen = |c: char| matches!(c, '-' | '‑');
    text[range.end..].chars().next().is_some_and(hyphen)
        || text[..range.start].chars().last().is_some_and(hyphen)
}

/// The dialect of an English language tag.
fn dialect(tag: &str) -> Option<Dialect> {
    if byline_model::language::primary_language(tag) != "en" {
        return None;
    }
    Some(match tag.split(['-', '_']).nth(1).map(str::to_ascii_uppercase).as_deref() {
        Some("GB" | "IE" | "NZ" | "ZA") => Dialect::British,
        Some("AU") => Dialect::Australian,
        Some("CA") => Dialect::Canadian,
        Some("IN") => Dialect::Indian,
        _ => Dialect::American,
    })
}

fn category(kind: LintKind) -> (Category, Severity) {
    match kind {
        LintKind::Punctuation | LintKind::Formatting => (Category::Punctuation, Severity::Warning),
        LintKind::Capitalization => (Category::Grammar, Severity::Warning),
        LintKind::Redundancy | LintKind::Repetition | LintKind::WordChoice | LintKind::Usage => {
            (Category::Grammar, Severity::Advice)
        }
        _ => (Category::Grammar, Severity::Warning),
    }
}

/// A suggestion as a replacement of the flagged text.
fn suggestion(written: &str, s: &Suggestion) -> String {
    match s {
        Suggestion::ReplaceWith(chars) => chars.iter().collect(),
        Suggestion::InsertAfter(chars) => format!("{written}{}", chars.iter().collect::<String>()),
        Suggestion::Remove => String::new(),
    }
}

/// Harper writes its messages in Markdown: code spans become quoted words.
fn message(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut open = true;
    for c in markdown.chars() {
        match c {
            '`' => {
                out.push(if open { '“' } else { '”' });
                open = !open;
            }
            '*' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Place;
    use std::sync::LazyLock;

    static EN: LazyLock<Grammar> = LazyLock::new(|| Grammar::for_language("en-US").expect("English"));

    fn findings(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        EN.check(&Passage::plain(Place::block(vec![0]), text), &mut out);
        out
    }

    #[test]
    fn flags_grammar_slips_in_news_copy() {
        for (text, rule, flagged) in [
            ("The minister said he would of resigned had the vote failed.", "harper.ModalOf", "would of"),
            ("The spokesman said they don`t comment on ongoing cases.", "harper.WrongApostrophe", "don`t"),
            ("Prices rose by $ 50 over the year, officials said.", "harper.CurrencyPlacement", "$ 50"),
            ("Prices rose faster that expected this year.", "harper.ThatThan", "that"),
            ("They parked there car outside the station.", "harper.ThereToTheir", "there"),
            ("They goes to the market on Fridays.", "harper.PronounVerbAgreement", "goes"),
            // The misfires above leave the rules' real catches alone.
            ("They need talk about it, and he wanted go home.", "harper.MissingTo", "need"),
            ("The council had to expanded its budget.", "harper.InflectedVerbAfterTo", "to expanded"),
            ("The ruling will effect thousands of tenants.", "harper.NounVerbConfusion", "effect"),
        ] {
            let found = findings(text);
            assert!(
                found.iter().any(|f| f.rule == rule && f.text.contains(flagged.trim())),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn leaves_news_copy_alone() {
        for text in [
            "“Foolhardy provocation deserves harsh punishment”, it added; and, later, officials met.",
            "Posters, leaflets and banners were taken down on Friday, the ministry said.",
            "Senior researcher Mu Li, of the University of NSW, said the school children were tested.",
            "Counter-terrorism officers said the re-emergence of the group was a concern...",
            "It's Warhol. The band Duran Duran played.",
            "Sarkozy can serve that time at home and also plans to appeal.",
            "Coffs United defeated Port United 2-1 after the game was poised at 1-1, in a season of 10-12 games.",
            "The court heard further that he had fled, and some 40,000 families were moved.",
            "Mr. Warner continued: \"There needs to be a deterrent sentence.\"",
            "He struck 17 boundaries, and she struck a deal.",
            "The ministry will step in if need be. The average yield expected are 39 bushels.",
            "One in five students has attempted suicide, the survey found.",
            "Dozens died due to landslides, and the valley is prone to floods.",
            "Firms used technology to effect change, and ministers want to effect reforms.",
            "BELIZE CITY, Mon. Jan. 3, 2021– A man was gunned down on Monday.",
        ] {
            assert_eq!(findings(text), Vec::<Finding>::new(), "{text}");
        }
    }

    /// Reading ahead on every core finds what reading passage by passage finds, remembers every
    /// passage it read, and leaves the rest to `check`.
    #[test]
    fn reading_ahead_finds_what_reading_in_turn_finds() {
        let texts: Vec<String> = (0..40)
            .map(|i| match i % 3 {
                0 => format!("The minister said he would of resigned had vote {i} failed."),
                1 => format!("The spokesman said they don`t comment on case {i}."),
                _ => format!("Posters and banners were taken down on day {i}, the ministry said."),
            })
            .collect();
        let passages: Vec<Passage> =
            texts.iter().enumerate().map(|(i, t)| Passage::plain(Place::block(vec![i as u32]), t)).collect();
        let in_turn = Grammar::for_language("en-US").expect("English");
        let ahead = Grammar::for_language("en-US").expect("English");
        ahead.read_ahead(&passages);
        let read = ahead.learned();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 {
            assert_eq!(read.len(), passages.len(), "every passage read ahead and remembered");
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for p in &passages {
            in_turn.check(p, &mut a);
            ahead.check(p, &mut b);
        }
        assert_eq!(a, b);
        assert_eq!(a.iter().filter(|f| f.rule == "harper.ModalOf").count(), 14);
        assert_eq!(a.iter().filter(|f| f.rule == "harper.WrongApostrophe").count(), 13);
        if cores > 1 {
            assert!(ahead.learned().is_empty(), "check found everything remembered");
        }
    }

    #[test]
    fn only_english_has_harper_and_dialects_follow_the_tag() {
        assert!(dialect("fr").is_none() && dialect("ar").is_none() && dialect("").is_none());
        assert_eq!(dialect("en-GB"), Some(Dialect::British));
        assert_eq!(dialect("en"), Some(Dialect::American));
        assert_eq!(dialect("en-AU"), Some(Dialect::Australian));
    }

    #[test]
    fn findings_land_on_the_right_characters_and_messages_read_plainly() {
        let text = "Café owners said they don`t agree.";
        let found = findings(text);
        let f = found.iter().find(|f| f.rule == "harper.WrongApostrophe").expect("apostrophe");
        // "é" is one UTF-16 unit: the editor's offsets count it once.
        assert_eq!((f.start, f.end), (22, 27));
        assert_eq!(f.suggestions.first().map(String::as_str), Some("don't"));
        assert!(!f.message.contains('`'), "{}", f.message);
    }

    #[test]
    fn a_passage_read_once_is_remembered_and_a_remembered_one_never_loads_harper() {
        let first = Grammar::for_language("en-GB").expect("English");
        let text = "They said they don`t know.";
        let passage = Passage::plain(Place::block(vec![0]), text);
        let mut out = Vec::new();
        first.check(&passage, &mut out);
        let learned = first.learned();
        assert_eq!(learned.len(), 1, "one passage read");
        assert!(first.learned().is_empty(), "handed over once");
        assert!(learned[0].1.iter().any(|h| h.rule == "harper.WrongApostrophe"));

        let second = Grammar::for_language("en-GB").expect("English");
        assert_eq!(second.key(text), learned[0].0, "keys are stable across loads");
        second.remember(learned);
        let mut again = Vec::new();
        second.check(&passage, &mut again);
        assert_eq!(again, out);
        assert!(second.harper.get().is_none(), "Harper was not loaded for a remembered passage");
        // Another dialect or text is another key.
        let american = Grammar::for_language("en-US").expect("English");
        assert_ne!(american.key(text), second.key(text));
        assert_ne!(second.key("They said."), second.key(text));
    }

    #[test]
    fn a_long_paragraph_is_read_in_slices_of_whole_sentences_and_offsets_stay_right() {
        let sentence = "The council met on Monday and voted on the harbour plan after a long night. ";
        let mut text = sentence.repeat(200);
        text.push_str("They said they don`t know.");
        let cut = slices(&text);
        assert!(cut.len() > 3, "{} slices", cut.len());
        assert_eq!(cut.first().map(|r| r.start), Some(0));
        assert_eq!(cut.last().map(|r| r.end), Some(text.len()));
        for pair in cut.windows(2) {
            assert_eq!(pair[0].end, pair[1].start, "slices cover the text");
            assert!(text[pair[1].clone()].starts_with(" The") || text[pair[1].clone()].starts_with(" They"));
        }
        assert!(cut.iter().all(|r| r.len() <= SLICE_BYTES));
        let found = findings(&text);
        let f = found.iter().find(|f| f.rule == "harper.WrongApostrophe").expect("found in the last slice");
        assert_eq!(f.text, "don`t");
        // One word past the limit with no space: cut at the limit, on a character boundary.
        let blob = "é".repeat(SLICE_BYTES);
        assert!(slices(&blob).iter().all(|r| blob.is_char_boundary(r.start) && blob.is_char_boundary(r.end)));
    }
}
