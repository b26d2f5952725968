//! The copy desk: a story's spelling, grammar, punctuation, house style, captions and structure,
//! checked as a colleague at the journalist's elbow would, and reported as findings.
//!
//! Owns: the findings model, how a story is read into passages, the spelling check over a
//! Hunspell dictionary and the library's words, and the newsroom rules (one module each under
//! `rules/`), each switchable per library. Pure over a story: dictionaries arrive as text and
//! words as lists. Must not touch: SQL, the file system, the network, the UI.

pub mod finding;
pub mod rules;
pub mod settings;
pub mod spelling;
pub mod text;
pub mod tokens;

pub use finding::{Category, Field, Finding, Place, Report, Severity};
pub use settings::{CheckSettings, HeadlineCase, VariantGroup};
pub use spelling::{Speller, WordList};

use byline_model::Story;

/// What a check needs besides the story.
pub struct Context<'a> {
    pub settings: &'a CheckSettings,
    /// The dictionary of the story's language, when there is one.
    pub speller: Option<&'a Speller>,
    /// The library's own words.
    pub library_words: &'a WordList,
    /// Words the journalist chose to ignore in this story.
    pub ignored: &'a WordList,
}

/// Every finding of `story`, in reading order.
pub fn check(story: &Story, cx: &Context) -> Report {
    let passages = text::passages(story);
    let mut findings = Vec::new();
    let names = spelling::names(&passages);
    for p in &passages {
        if let Some(speller) = cx.speller {
            spelling::check(p, speller, cx.library_words, cx.ignored, &names, &mut findings);
        }
        rules::passage(p, cx, &mut findings);
    }
    rules::story(story, &passages, cx, &mut findings);
    findings.retain(|f| cx.settings.enabled(&f.rule));
    // Reading order: the passage's position, then the offset.
    let order = |f: &Finding| passages.iter().position(|p| p.place == f.place).unwrap_or(usize::MAX);
    findings.sort_by_key(|f| (order(f), f.start, f.end));
    findings.dedup();
    Report { findings, missing_dictionaries: Vec::new() }
}
