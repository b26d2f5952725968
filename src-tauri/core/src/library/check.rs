//! The copy desk over a library: a story checked with the dictionary of its language (loaded on
//! first use and kept), the library's own words and the words ignored in the story; and the
//! library dictionary itself (add, remove, list, import and export as a plain word list).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use byline_check::grammar::Hit as GrammarHit;
use byline_check::{CheckSettings, Context, Gazetteer, Grammar, Report, Speller, WordList};
use byline_model::{Error, Result, Story, StoryId};

use super::Library;

/// The environment variable that points Byline at a folder of dictionaries (`<tag>/<tag>.aff`).
pub const DICTIONARIES_ENV: &str = "BYLINE_DICTIONARIES";

/// Longest word the library dictionary takes.
const MAX_WORD_CHARS: usize = 64;

/// Dictionaries loaded so far; a language without one (or with a damaged one) is remembered
/// with the reason, so it is said once and not searched for again.
#[derive(Default)]
pub(super) struct Spellers {
    loaded: HashMap<String, std::result::Result<Arc<Speller>, String>>,
    /// The gazetteer, read on first use.
    places: Option<Arc<Gazetteer>>,
    /// Harper's grammar by English dialect (`en-GB`), loaded on the first story that needs it.
    grammars: HashMap<String, Option<Arc<Grammar>>>,
    /// Stories whose stored grammar memo a grammar (by language) was handed: read once, not on
    /// every check after each pause in typing.
    recalled: std::collections::HashSet<(String, StoryId)>,
}

/// The gazetteer of known places (`gazetteer/places.txt` where the package puts the program's
/// data, see [`crate::paths::asset_dirs`], with the provinces and states of `regions.txt` beside
/// it); empty, with a warning in the log, when there is none.
pub fn gazetteer() -> Gazetteer {
    for dir in crate::paths::asset_dirs("gazetteer") {
        if let Ok(mut list) = std::fs::read_to_string(dir.join("places.txt")) {
            match std::fs::read_to_string(dir.join("regions.txt")) {
                Ok(regions) => list.push_str(&regions),
                Err(e) => tracing::warn!("no provinces in the gazetteer ({}): {e}", dir.display()),
            }
            return Gazetteer::new(&list);
        }
    }
    tracing::warn!("no gazetteer found: misspelt places are only caught through the dictionary");
    Gazetteer::default()
}

/// Where dictionaries are looked for, in order: `BYLINE_DICTIONARIES`, where the package puts the
/// program's data (see [`crate::paths::asset_dirs`]), then on Linux the system's Hunspell folder.
pub fn dictionary_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os(DICTIONARIES_ENV).filter(|v| !v.is_empty()) {
        dirs.push(PathBuf::from(dir));
    }
    dirs.extend(crate::paths::asset_dirs("dictionaries"));
    #[cfg(target_os = "linux")]
    dirs.push(PathBuf::from("/usr/share/hunspell"));
    dirs
}

/// The `.aff` and `.dic` files for a language tag, if any folder has them: the tag itself
/// (`en-GB`), then its language alone (`fr` for `fr-CA`), English falling back to `en-US`;
/// bundled folders name them `<tag>/<tag>.aff`, Hunspell's own `<ll_CC>.aff`.
pub fn find_dictionary(language: &str, dirs: &[PathBuf]) -> Option<(PathBuf, PathBuf)> {
    let primary = byline_model::language::primary_language(language);
    let mut tags = vec![language.to_string(), primary.clone()];
    if primary == "en" {
        tags.push("en-US".into());
    }
    for dir in dirs {
        for tag in &tags {
            let system = tag.replace('-', "_");
            for (aff, dic) in [
                (dir.join(tag).join(format!("{tag}.aff")), dir.join(tag).join(format!("{tag}.dic"))),
                (dir.join(format!("{system}.aff")), dir.join(format!("{system}.dic"))),
            ] {
                if aff.is_file() && dic.is_file() {
                    return Some((aff, dic));
                }
            }
        }
    }
    None
}

/// The speller of a language from the first dictionary folder that has it, with the other
/// English spelling's dictionary for English; the error says why spelling is not checked.
pub fn load_speller(language: &str) -> std::result::Result<Speller, String> {
    let dirs = dictionary_dirs();
    let (aff, dic) = find_dictionary(language, &dirs)
        .ok_or_else(|| format!("there is no {language} dictionary: spelling is not checked"))?;
    let read = |tag: &str, p: &Path| {
        std::fs::read_to_string(p)
            .map_err(|e| format!("the {tag} dictionary {} could not be read: {e}", p.display()))
    };
    let mut speller = Speller::new(language, &read(language, &aff)?, &read(language, &dic)?)?;
    tracing::info!(language, aff = %aff.display(), "dictionary loaded");
    // The words a word list spells and the dictionary lacks (English: SCOWL's variants).
    let words = aff.with_extension("words");
    if words.is_file() {
        match read(language, &words) {
            Ok(list) => speller = speller.with_words(&list),
            Err(e) => tracing::warn!("{e}"),
        }
    }
    // English names each country's people ("Emirati", "Motswana"): the gazetteer lists them.
    if byline_model::language::primary_language(language) == "en" {
        let peoples = crate::paths::asset_dirs("gazetteer")
            .into_iter()
            .find_map(|dir| std::fs::read_to_string(dir.join("demonyms.txt")).ok());
        match peoples {
            Some(list) => speller = speller.with_words(&list),
            None => tracing::warn!("no list of peoples in the gazetteer: some, such as Emirati, are flagged"),
        }
    }
    // English has two spellings: the other one's dictionary tells its words from slips.
    if let Some(other) = other_english(language) {
        // Only that spelling's own files (a fallback to this language's would accept nothing new).
        let found = find_dictionary(other, &dirs).filter(|(aff, _)| {
            aff.file_stem().is_some_and(|s| s.to_string_lossy().replace('_', "-") == other)
        });
        if let Some((aff, dic)) = found {
            match read(other, &aff).and_then(|aff| Ok((aff, read(other, &dic)?))) {
                Ok((aff, dic)) => speller = speller.with_variant(other, aff, dic),
                Err(e) => tracing::warn!("{e}"),
            }
        }
    }
    Ok(speller)
}

/// The other English spelling's dictionary: British for American (and Canadian) copy, American
/// for British, Irish, Australian, New Zealand and South African copy.
fn other_english(language: &str) -> Option<&'static str> {
    if byline_model::language::primary_language(language) != "en" {
        return None;
    }
    match byline_model::language::region(language).as_deref() {
        Some("GB" | "IE" | "AU" | "NZ" | "ZA") => Some("en-US"),
        _ => Some("en-GB"),
    }
}

impl Spellers {
    fn get(&mut self, language: &str) -> std::result::Result<Arc<Speller>, String> {
        self.loaded
            .entry(language.to_string())
            .or_insert_with(|| load_speller(language).map(Arc::new))
            .clone()
    }

    fn places(&mut self) -> Arc<Gazetteer> {
        self.places.get_or_insert_with(|| Arc::new(gazetteer())).clone()
    }

    /// Harper for the story's language, when it is English.
    fn grammar(&mut self, language: &str) -> Option<Arc<Grammar>> {
        self.grammars
            .entry(language.to_string())
            .or_insert_with(|| {
                let grammar = Grammar::for_language(language).map(Arc::new);
                if grammar.is_some() {
                    tracing::info!(language, "grammar rules loaded");
                }
                grammar
            })
            .clone()
    }
}

impl Library {
    /// Every copy-desk finding of a story, in reading order, spelt in the story's language. A
    /// language without a dictionary is named in the report and the other rules still run.
    pub fn check_story(&mut self, id_or_slug: &str, suggestions: bool) -> Result<Report> {
        let check = self.prepare_check(id_or_slug, suggestions)?;
        let report = check.run();
        self.keep_check(&check);
        Ok(report)
    }

    /// Everything a check of the story needs, gathered from the library, so that the check
    /// itself ([`StoryCheck::run`]) runs without holding it: a save never waits for the copy
    /// desk. Then [`Library::keep_check`] keeps what the grammar learned.
    pub fn prepare_check(&mut self, id_or_slug: &str, suggestions: bool) -> Result<StoryCheck> {
        let story = self.story(id_or_slug)?;
        let grammar = self.spellers.grammar(&story.language);
        if let Some(grammar) = &grammar {
            if self.spellers.recalled.insert((story.language.clone(), story.id)) {
                self.recall_grammar(&story.id, grammar);
            }
        }
        Ok(StoryCheck {
            settings: self.copy_desk_settings()?,
            library_words: WordList::new(self.store.dictionary_words()?),
            ignored: WordList::new(self.store.ignored_words(&story.id)?),
            speller: self.spellers.get(&story.language),
            places: self.spellers.places(),
            grammar,
            suggestions,
            story,
        })
    }

    /// Keeps what the grammar found in the story's passages as they stand now; a failure (a
    /// read-only library) only costs the next check time.
    pub fn keep_check(&mut self, check: &StoryCheck) {
        let Some(grammar) = &check.grammar else { return };
        let learned = grammar.learned();
        let keep: Vec<i64> = grammar.keys(&check.story).into_iter().map(|k| k as i64).collect();
        let add: Vec<(i64, String)> = learned
            .into_iter()
            .filter(|(key, _)| keep.contains(&(*key as i64)))
            .filter_map(|(key, hits)| Some((key as i64, serde_json::to_string(&hits).ok()?)))
            .collect();
        if let Err(e) = self.store.replace_grammar_memo(&check.story.id, &keep, &add) {
            tracing::warn!("the grammar memo could not be kept: {e}");
        }
    }

    /// Hands the grammar what it found in this story's passages at earlier checks (skipping a
    /// damaged memo: it is only derived).
    fn recall_grammar(&self, story: &StoryId, grammar: &Grammar) {
        match self.store.grammar_memo(story) {
            Ok(rows) => grammar.remember(rows.into_iter().filter_map(|(key, json)| {
                Some((key as u64, serde_json::from_str::<Vec<GrammarHit>>(&json).ok()?))
            })),
            Err(e) => tracing::warn!("the grammar memo could not be read: {e}"),
        }
    }

    /// The copy desk's settings: the starter ones until the library changes them.
    pub fn copy_desk_settings(&self) -> Result<CheckSettings> {
        match self.store.copy_desk_settings()? {
            None => Ok(CheckSettings::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| {
                Error::InvalidInput(format!(
                    "the library's copy-desk settings are damaged ({e}); set them again"
                ))
            }),
        }
    }

    /// Changes the copy desk's settings in one read-modify-write transaction; refused whole,
    /// naming the problem, when a house-style group has no preferred form or a form belongs to
    /// two groups, an abbreviation is not written in capitals, or the headline limit is 0.
    pub fn update_copy_desk_settings(
        &mut self,
        change: impl FnOnce(&mut CheckSettings) -> Result<()>,
    ) -> Result<CheckSettings> {
        let json = self.store.update_copy_desk_settings(|current| {
            let mut settings = match current {
                Some(json) => serde_json::from_str(&json).unwrap_or_default(),
                None => CheckSettings::default(),
            };
            change(&mut settings)?;
            check_copy_desk_settings(&mut settings)?;
            serde_json::to_string(&settings).map_err(|e| Error::InvalidInput(e.to_string()))
        })?;
        serde_json::from_str(&json).map_err(|e| Error::InvalidInput(e.to_string()))
    }

    /// Switches one rule on or off (its id as findings name it), in one transaction.
    pub fn switch_rule(&mut self, rule: &str, on: bool) -> Result<CheckSettings> {
        let rule = rule.trim();
        if rule.is_empty()
            || rule.len() > 80
            || !rule.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(Error::InvalidInput(format!(
                "“{}” is not a rule id (such as quotes.mixed or harper.Dashes)",
                rule.chars().take(40).collect::<String>()
            )));
        }
        self.update_copy_desk_settings(|s| {
            s.disabled.retain(|d| d != rule);
            if !on {
                s.disabled.push(rule.to_string());
            }
            Ok(())
        })
    }

    /// The library's own words, in alphabetical order.
    pub fn dictionary_words(&self) -> Result<Vec<String>> {
        self.store.dictionary_words()
    }

    /// Adds words to the library dictionary; each must be a word (letters, digits, inner
    /// apostrophes, hyphens or full stops; at most 64 characters). Returns how many were new.
    pub fn add_dictionary_words(&mut self, words: &[String]) -> Result<usize> {
        let words: Vec<String> = words.iter().map(|w| check_word(w)).collect::<Result<_>>()?;
        self.store.add_dictionary_words(&words)
    }

    /// Removes a word from the library dictionary; says so when it was not there.
    pub fn remove_dictionary_word(&mut self, word: &str) -> Result<()> {
        if self.store.remove_dictionary_word(word.trim())? {
            Ok(())
        } else {
            Err(Error::InvalidInput(format!("“{}” is not in the library dictionary", word.trim())))
        }
    }

    /// Imports a plain word list (one word per line; blank lines and `#` comments skipped):
    /// the good lines are added, and the refused ones come back with their line number and why.
    pub fn import_dictionary(&mut self, text: &str) -> Result<ImportedWords> {
        let mut good = Vec::new();
        let mut refused = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match check_word(line) {
                Ok(word) => good.push(word),
                Err(e) => refused.push((n + 1, e.to_string())),
            }
        }
        let added = self.store.add_dictionary_words(&good)?;
        Ok(ImportedWords { added, already: good.len() - added, refused })
    }

    /// The library dictionary as a plain word list, one word per line.
    pub fn export_dictionary(&self) -> Result<String> {
        Ok(self.store.dictionary_words()?.into_iter().map(|w| w + "\n").collect())
    }

    /// Ignores a word in one story (it stays flagged elsewhere).
    pub fn ignore_word(&mut self, id_or_slug: &str, word: &str) -> Result<()> {
        let id = self.resolve(id_or_slug)?;
        self.store.ignore_word(&id, &check_word(word)?).map(drop)
    }
}

/// A story's check, gathered by [`Library::prepare_check`]; runs without the library.
pub struct StoryCheck {
    story: Story,
    settings: CheckSettings,
    library_words: WordList,
    ignored: WordList,
    speller: std::result::Result<Arc<Speller>, String>,
    places: Arc<Gazetteer>,
    grammar: Option<Arc<Grammar>>,
    suggestions: bool,
}

impl StoryCheck {
    /// The findings, in reading order.
    pub fn run(&self) -> Report {
        let cx = Context {
            settings: &self.settings,
            speller: self.speller.as_ref().ok().map(|s| s.as_ref()),
            grammar: self.grammar.as_deref(),
            library_words: &self.library_words,
            ignored: &self.ignored,
            places: &self.places,
            suggestions: self.suggestions,
        };
        let mut report = byline_check::check(&self.story, &cx);
        if let Err(reason) = &self.speller {
            report.missing_dictionaries.push(reason.clone());
        }
        report
    }
}

/// What an import of a word list did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedWords {
    pub added: usize,
    /// Words that were in the dictionary already.
    pub already: usize,
    /// (line number, why) of each refused line.
    pub refused: Vec<(usize, String)>,
}

/// Tidies and checks copy-desk settings as edited (see [`Library::update_copy_desk_settings`]).
fn check_copy_desk_settings(s: &mut CheckSettings) -> Result<()> {
    let mut seen: HashMap<String, String> = HashMap::new();
    for group in &mut s.house_style {
        group.preferred = group.preferred.trim().to_string();
        let mut variants: Vec<String> = Vec::new();
        for v in group.variants.iter().map(|v| v.trim()) {
            // Forms are matched ignoring case: one spelling of a form in a group is enough.
            if !v.is_empty()
                && !v.eq_ignore_ascii_case(&group.preferred)
                && !variants.iter().any(|k| k.eq_ignore_ascii_case(v))
            {
                variants.push(v.to_string());
            }
        }
        group.variants = variants;
        if group.preferred.is_empty() {
            return Err(Error::InvalidInput("a house-style group needs the form the house uses".into()));
        }
        for form in std::iter::once(&group.preferred).chain(&group.variants) {
            if let Some(other) = seen.insert(form.to_lowercase(), group.preferred.clone()) {
                return Err(Error::InvalidInput(format!(
                    "“{form}” is in the house style twice (under {other} and {}); keep it in one group",
                    group.preferred
                )));
            }
        }
    }
    for abbreviation in &mut s.known_abbreviations {
        *abbreviation = abbreviation.trim().to_string();
        let ok = abbreviation.chars().any(char::is_alphabetic)
            && abbreviation.chars().all(|c| c.is_alphanumeric() && !c.is_lowercase());
        if !ok {
            return Err(Error::InvalidInput(format!(
                "“{}” is not an abbreviation in capitals (such as UN or NATO)",
                abbreviation.chars().take(40).collect::<String>()
            )));
        }
    }
    s.known_abbreviations.sort();
    s.known_abbreviations.dedup();
    s.disabled.sort();
    s.disabled.dedup();
    if s.headline_max == 0 {
        return Err(Error::InvalidInput("the headline limit must be at least 1 character".into()));
    }
    Ok(())
}

/// A word as the library dictionary takes it, trimmed; anything else is refused, naming it.
fn check_word(word: &str) -> Result<String> {
    let word = word.trim();
    // Shown as written, control characters as a replacement mark (they would not print).
    let shown: String = word.chars().take(40).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    let inner = |c: char| matches!(c, '\'' | '’' | '-' | '.');
    let ok = !word.is_empty()
        && word.chars().count() <= MAX_WORD_CHARS
        && word.chars().all(|c| c.is_alphanumeric() || inner(c))
        && word.chars().next().is_some_and(char::is_alphanumeric);
    if ok {
        Ok(word.to_string())
    } else {
        Err(Error::InvalidInput(format!(
            "“{shown}” is not a word the dictionary can take (letters and digits, with ' - or . inside, at most {MAX_WORD_CHARS} characters)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_checked_before_they_reach_the_dictionary() {
        for good in ["Aboul-Gheit", "Shoukry", "O’Brien", "U.N.", "Ahmed2"] {
            assert_eq!(check_word(&format!(" {good} ")).expect(good), good);
        }
        for bad in ["", "two words", "<script>", "a\u{0}b", "-lead", &"x".repeat(65), "\"quoted\""] {
            assert!(check_word(bad).is_err(), "{bad:?} was taken");
        }
    }

    #[test]
    fn a_dictionary_is_found_by_tag_then_language_then_system_name() {
        let dir = tempfile::tempdir().expect("temp");
        let bundled = dir.path().join("bundled");
        std::fs::create_dir_all(bundled.join("fr")).expect("dir");
        for f in ["fr/fr.aff", "fr/fr.dic"] {
            std::fs::write(bundled.join(f), "").expect("file");
        }
        let system = dir.path().join("system");
        std::fs::create_dir_all(&system).expect("dir");
        for f in ["en_US.aff", "en_US.dic", "pt_BR.aff", "pt_BR.dic"] {
            std::fs::write(system.join(f), "").expect("file");
        }
        let dirs = [bundled.clone(), system.clone()];
        assert_eq!(find_dictionary("fr-CA", &dirs).map(|d| d.0), Some(bundled.join("fr/fr.aff")));
        assert_eq!(find_dictionary("en", &dirs).map(|d| d.0), Some(system.join("en_US.aff")));
        assert_eq!(find_dictionary("pt-BR", &dirs).map(|d| d.0), Some(system.join("pt_BR.aff")));
        assert_eq!(find_dictionary("sw", &dirs), None);
    }

    #[test]
    fn the_bundled_gazetteer_knows_countries_towns_and_provinces() {
        let places = gazetteer();
        // A country, a town, and provinces the list of towns does not hold, one as ISO writes
        // it and one as English copy does.
        for place in ["Algeria", "Tizi Ouzou", "Balochistan", "Gauteng", "Kandahar", "Kandahār"] {
            assert!(place.split(' ').all(|w| places.contains(w)), "{place} is not known");
        }
        assert!(places.is_major("Algeria") && !places.is_major("Balochistan"));
        // ISO's footnote marks are not part of a name ("Alacant*").
        assert!(places.is_place("Alacant") && !places.contains("Alacant*"));
    }

    #[test]
    fn english_knows_the_peoples_of_every_country() {
        let speller = load_speller("en-GB").expect("the bundled en-GB dictionary");
        for people in ["Emirati", "Emiratis", "Motswana", "Kittitian", "Kenyans"] {
            assert!(speller.knows(people), "{people} is flagged");
        }
        assert!(!speller.knows("Emiratti"), "a slip in a people's name passes");
    }
}
