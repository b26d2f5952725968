//! The newsroom rules, one module each. A passage rule reads one passage (the editor re-checks
//! only the edited block with these); a story rule reads the whole story (variants, the first use
//! of an abbreviation, structure, quotes running across paragraphs, a photo's three fields
//! together). Each finding names its rule id, which the library's settings can switch off.

pub mod abbreviations;
pub mod articles;
pub mod doubled;
pub mod headline;
pub mod house_style;
pub mod photos;
pub mod punctuation;
pub mod quotes;
pub mod sentences;
pub mod structure;

use byline_model::Story;

use crate::text::Passage;
use crate::{Context, Finding};

/// The rules that read one passage.
/// Typography (where spaces go around marks) follows the story's language.
pub fn passage(
    p: &Passage,
    cx: &Context,
    typography: punctuation::Typography,
    names: &crate::spelling::Names,
    out: &mut Vec<Finding>,
) {
    doubled::check(p, cx, names, out);
    sentences::check(p, out);
    quotes::check(p, cx, out);
    punctuation::check(p, typography, out);
    articles::check(p, out);
}

/// The rules that read the whole story.
pub fn story(story: &Story, passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    quotes::story(passages, cx, out);
    headline::story(passages, cx, out);
    house_style::story(passages, cx, out);
    abbreviations::story(passages, cx, out);
    photos::story(story, passages, out);
    structure::story(story, passages, out);
}

/// The byte offset just after the last character of `before` that `sep` matches (0 if none): where
/// the word ending `before` starts.
pub(crate) fn after_last(before: &str, sep: impl Fn(char) -> bool) -> usize {
    before.char_indices().rev().find(|&(_, c)| sep(c)).map_or(0, |(i, c)| i + c.len_utf8())
}

/// Shared by the rules' tests: a context with the starter settings, passages of body paragraphs.
#[cfg(test)]
pub(crate) mod testing {
    use std::sync::LazyLock;

    use crate::finding::Place;
    use crate::text::{Kind, Passage};
    use crate::{CheckSettings, Context, WordList};

    static SETTINGS: LazyLock<CheckSettings> = LazyLock::new(CheckSettings::default);
    static WORDS: LazyLock<WordList> = LazyLock::new(WordList::default);
    static PLACES: LazyLock<crate::Gazetteer> = LazyLock::new(crate::Gazetteer::default);

    /// The bundled en-US dictionary, with en-GB for British spellings (as the library loads it).
    pub static EN_US: LazyLock<crate::Speller> = LazyLock::new(|| {
        crate::Speller::new(
            "en-US",
            include_str!("../../../../assets/dictionaries/en-US/en-US.aff"),
            include_str!("../../../../assets/dictionaries/en-US/en-US.dic"),
        )
        .expect("en-US")
        .with_variant(
            "en-GB",
            include_str!("../../../../assets/dictionaries/en-GB/en-GB.aff").into(),
            include_str!("../../../../assets/dictionaries/en-GB/en-GB.dic").into(),
        )
        .with_words(include_str!("../../../../assets/dictionaries/en-US/en-US.words"))
    });

    pub fn context() -> Context<'static> {
        with(&SETTINGS)
    }

    pub fn with(settings: &CheckSettings) -> Context<'_> {
        Context {
            settings,
            speller: None,
            grammar: None,
            library_words: &WORDS,
            ignored: &WORDS,
            places: &PLACES,
            suggestions: true,
        }
    }

    /// Each text a body paragraph, in order.
    pub fn body(paragraphs: &[&str]) -> Vec<Passage> {
        paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| Passage {
                kind: Kind::Paragraph,
                ..Passage::plain(Place::block(vec![i as u32]), t)
            })
            .collect()
    }

    /// A story with this body (a document's JSON) and these photo uses.
    pub fn story(body: serde_json::Value, photos: Vec<serde_json::Value>) -> byline_model::Story {
        let doc = byline_document::Document::from_value(&body).expect("body");
        serde_json::from_value(serde_json::json!({
            "id": "0190f1c6-4a55-7000-8000-000000000001", "slug": "s", "kicker": "", "headline": "A headline",
            "standfirst": "", "byline": "", "dateline": "", "status": "draft", "tags": [],
            "wordTarget": null, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
            "revision": 1, "published": null, "body": body, "related": [], "photos": photos,
            "stats": doc.stats(),
        }))
        .expect("story")
    }

    /// A photo use's JSON.
    pub fn photo(id: &str, role: &str, caption: &str, credit: &str, alt: &str) -> serde_json::Value {
        let no = false;
        serde_json::json!({
            "id": id, "photo": "p1", "role": role, "caption": caption, "credit": credit,
            "creditLine": "", "altText": alt, "creator": "", "copyright": "", "width": 10, "height": 10,
            "fromPhoto": {"caption": no, "credit": no, "altText": no, "creator": no, "copyright": no}
        })
    }
}
