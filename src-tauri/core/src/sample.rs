//! The sample story every new library starts with, built from `assets/sample/`.
//!
//! The file is the story as it was published: kicker, headline, the lead photo's caption with its
//! credit line, the body, and a "Related Posts" heading (which becomes the empty related list).
//! Its text is kept exactly as it is, imperfections included.

use byline_model::{Document, Status, Story, StoryId};

/// The sample story as published.
pub const TEXT: &str = include_str!("../../../assets/sample/arab-league-is-coalition.txt");

/// The sample's lead photo: a public-domain NASA portrait of astronaut Eileen Collins shipped by
/// Debian's python3-skimage package (see `assets/sample/LICENSE-lead-photo.md`). It stands in for
/// the story's wire photo, and is marked so ([`LEAD_PHOTO_STAND_IN`]); the caption and credit come
/// from the story.
pub const LEAD_PHOTO: &[u8] = include_bytes!("../../../assets/sample/lead-photo.png");
pub const LEAD_PHOTO_NAME: &str = "lead-photo.png";
/// Alt text describes what the photo really shows, never repeats the caption.
pub const LEAD_PHOTO_ALT: &str = "NASA astronaut Eileen Collins, smiling, in an orange flight suit with her \
     helmet in front of her, a US flag and a model of the Space Shuttle behind her";
/// The photo is not the person the caption names: the sample says so wherever the photo shows
/// (the editor's badge, every export, the checklist). `store/src/sql/0009-stand-in-photos.sql`
/// gives libraries seeded before the note the same words.
pub const LEAD_PHOTO_STAND_IN: &str = "Sample photo — stand-in, not the person in the caption";

/// The parts of the sample file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    pub kicker: String,
    pub headline: String,
    /// The lead photo's caption, without the credit line.
    pub lead_caption: String,
    /// The credit as the credit line names it ("AFP/VNA").
    pub lead_credit: String,
    pub paragraphs: Vec<String>,
}

/// Reads the sample file: blank lines separate its parts.
pub fn parts() -> Sample {
    let mut blocks: Vec<String> =
        TEXT.split("\n\n").map(|b| b.trim().to_string()).filter(|b| !b.is_empty()).collect();
    if blocks.last().is_some_and(|b| b == "Related Posts") {
        blocks.pop();
    }
    let mut blocks = blocks.into_iter();
    let kicker = blocks.next().unwrap_or_default();
    let headline = blocks.next().unwrap_or_default();
    let caption_line = blocks.next().unwrap_or_default();
    let (lead_caption, lead_credit) = match caption_line.rsplit_once(" Photo: ") {
        Some((caption, credit)) => (caption.to_string(), credit.to_string()),
        None => (caption_line, String::new()),
    };
    Sample { kicker, headline, lead_caption, lead_credit, paragraphs: blocks.collect() }
}

/// The sample as a story, ready to insert into a new library.
pub fn story() -> Story {
    let sample = parts();
    let body = Document::from_paragraphs(&sample.paragraphs);
    let stats = body.stats();
    Story {
        id: StoryId::new(),
        slug: String::new(),
        kicker: sample.kicker,
        headline: sample.headline,
        standfirst: String::new(),
        byline: String::new(),
        dateline: String::new(),
        language: crate::language::default_language(),
        status: Status::Ready,
        tags: vec!["Arab League".into(), "IS".into()],
        word_target: Some(500),
        created: crate::time::now(),
        updated: crate::time::now(),
        revision: 0,
        published: None,
        body,
        related: Vec::new(),
        photos: Vec::new(),
        stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_has_its_kicker_headline_caption_credit_and_body() {
        let s = parts();
        assert_eq!(s.kicker, "Photo captions");
        assert_eq!(s.headline, "AL Secretary-General calls for international efforts to eliminate IS");
        assert_eq!(
            s.lead_caption,
            "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria."
        );
        assert_eq!(s.lead_credit, "AFP/VNA");
        assert_eq!(s.paragraphs.len(), 7);
        assert!(s.paragraphs[0].starts_with("Speaking at the Ministerial Conference"));
        assert!(s.paragraphs.iter().all(|p| p != "Related Posts"));
        let story = story();
        assert!(story.related.is_empty());
        assert!(story.stats.words > 300, "{}", story.stats.words);
    }

    /// Libraries seeded before stand-in notes get the mark from the schema step, which finds the
    /// sample's lead photo by its content address and caption: both must be this sample's.
    #[test]
    fn the_upgrade_step_marks_this_sample_lead_photo_with_these_words() {
        let step = include_str!("../../store/src/sql/0009-stand-in-photos.sql");
        let hash = byline_photos::ingest::content_hash(LEAD_PHOTO);
        assert!(step.contains(&format!("photo = '{hash}'")), "the step names another photo than {hash}");
        assert!(step.contains(&format!("caption = '{}'", parts().lead_caption)));
        assert!(step.contains(&format!("SET stand_in = '{LEAD_PHOTO_STAND_IN}'")));
        assert!(!LEAD_PHOTO_ALT.contains(&parts().lead_caption), "the alt text describes the picture");
    }
}
