//! The DOCX for an editor (`<slug>.docx`): the story written by `byline-docx` from the export
//! input, with the same metadata-bearing renditions as the other formats and story links
//! resolved as they are.

use byline_docx::{DocxStory, Picture};
use byline_model::language::is_right_to_left;
use byline_model::time::rfc3339;
use byline_model::Result;

use super::{ExportInput, ExportPhoto};

fn picture(photo: &ExportPhoto) -> Picture<'_> {
    let u = &photo.photo_use;
    Picture {
        jpeg: &photo.jpeg,
        width: photo.width,
        height: photo.height,
        alt: &u.alt_text,
        caption: &u.caption,
        credit_line: &u.credit_line,
        stand_in: &u.stand_in,
    }
}

/// The DOCX file's bytes.
pub fn render(input: &ExportInput) -> Result<Vec<u8>> {
    let s = &input.story;
    let (created, modified) = (rfc3339(s.created), rfc3339(s.updated));
    let figure = |use_id: &str| input.figure(use_id).map(picture);
    let link = |href: &str| super::body::link_target(input, href);
    byline_docx::write(&DocxStory {
        kicker: &s.kicker,
        headline: &s.headline,
        standfirst: &s.standfirst,
        byline: &s.byline,
        dateline: &s.dateline,
        language: &s.language,
        right_to_left: is_right_to_left(&s.language),
        tags: &s.tags,
        created: &created,
        modified: &modified,
        body: &s.body,
        lead: input.lead.as_ref().map(picture),
        figure: &figure,
        link: &link,
    })
}
