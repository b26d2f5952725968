//! The copy desk: a story's spelling, grammar, punctuation, house style, captions and structure,
//! checked as a colleague at the journalist's elbow would, and reported as findings.
//!
//! Owns: the findings model, how a story is read into passages, the spelling check over a
//! Hunspell dictionary and the library's words, and the newsroom rules (one module each under
//! `rules/`), each switchable per library. Pure over a story: dictionaries arrive as text and
//! words as lists. Must not touch: SQL, the file system, the network, the UI.

pub mod finding;
pub mod grammar;
pub mod rules;
pub mod settings;
pub mod spelling;
pub mod text;
pub mod tokens;

pub use finding::{Category, Field, Finding, Place, Report, Severity};
pub use grammar::Grammar;
pub use settings::{CheckSettings, HeadlineCase, VariantGroup};
pub use spelling::{Gazetteer, Speller, WordList};

use byline_model::Story;
use rules::punctuation::Typography;

/// What a check needs besides the story.
pub struct Context<'a> {
    pub settings: &'a CheckSettings,
    /// The dictionary of the story's language, when there is one.
    pub speller: Option<&'a Speller>,
    /// Harper's grammar rules, for an English story.
    pub grammar: Option<&'a Grammar>,
    /// The library's own words.
    pub library_words: &'a WordList,
    /// Words the journalist chose to ignore in this story.
    pub ignored: &'a WordList,
    /// Known places (never flagged; near misses of them are).
    pub places: &'a Gazetteer,
    /// Whether spelling findings carry suggestions (off, a check is faster: the editor asks for
    /// them when a popover opens).
    pub suggestions: bool,
}

/// Every finding of `story`, in reading order.
pub fn check(story: &Story, cx: &Context) -> Report {
    let passages = text::passages(story);
    let names = spelling::names(&passages);
    let typography = Typography::of(&story.language);
    if let Some(grammar) = cx.grammar {
        grammar.read_ahead(&passages);
    }
    let mut findings = Vec::new();
    for p in &passages {
        passage_findings(p, cx, typography, &names, &mut findings);
    }
    rules::story(story, &passages, cx, &mut findings);
    Report { findings: in_reading_order(findings, &passages, cx), missing_dictionaries: Vec::new() }
}

/// The findings after one body block was edited: the block's own (spelling and the rules that
/// read one passage) and the story-wide rules'. The editor merges them with what it had for the
/// other blocks.
pub fn check_block(story: &Story, block: &[u32], cx: &Context) -> Vec<Finding> {
    let passages = text::passages(story);
    let names = spelling::names(&passages);
    let typography = Typography::of(&story.language);
    let mut findings = Vec::new();
    for p in passages.iter().filter(|p| p.place.field == Field::Body && p.place.block == block) {
        passage_findings(p, cx, typography, &names, &mut findings);
    }
    rules::story(story, &passages, cx, &mut findings);
    in_reading_order(findings, &passages, cx)
}

fn passage_findings(
    p: &text::Passage,
    cx: &Context,
    typography: Typography,
    names: &spelling::Names,
    out: &mut Vec<Finding>,
) {
    if let Some(speller) = cx.speller {
        let known =
            spelling::Known { library: cx.library_words, ignored: cx.ignored, names, places: cx.places };
        spelling::check(p, speller, &known, cx.suggestions, out);
    }
    if let Some(grammar) = cx.grammar {
        grammar.check(p, out);
    }
    rules::passage(p, cx, typography, names, out);
}

/// The findings the settings keep, by the passage's position, then the offset; no duplicates.
fn in_reading_order(mut findings: Vec<Finding>, passages: &[text::Passage], cx: &Context) -> Vec<Finding> {
    findings.retain(|f| cx.settings.enabled(&f.rule));
    let position: std::collections::HashMap<&Place, usize> =
        passages.iter().enumerate().map(|(i, p)| (&p.place, i)).rev().collect();
    findings.sort_by_key(|f| (position.get(&f.place).copied().unwrap_or(usize::MAX), f.start, f.end));
    findings.dedup();
    // Where Byline's own rule and Harper flag the same words ("Teh": a misspelling, and "did you
    // mean the article?"), Byline's finding is the one shown.
    let own: std::collections::HashMap<&Place, Vec<(u32, u32)>> =
        // (A finding about a whole field, at 0..0, shadows nothing.)
        findings.iter().filter(|f| !grammar::is_harper(&f.rule) && f.end > f.start).fold(Default::default(), |mut m, f| {
            m.entry(&f.place).or_default().push((f.start, f.end));
            m
        });
    let overlaps = |f: &Finding| {
        own.get(&f.place)
            .is_some_and(|ranges| ranges.iter().any(|&(s, e)| f.start < e && s < f.end.max(f.start + 1)))
    };
    let shadowed: Vec<bool> = findings.iter().map(|f| grammar::is_harper(&f.rule) && overlaps(f)).collect();
    let mut keep = shadowed.iter().map(|s| !s);
    findings.retain(|_| keep.next().unwrap_or(true));
    findings
}
