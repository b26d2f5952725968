//! Export renditions of a story's photos: the original read from the library, the story's words
//! for that use written inside (the photos crate's `rendition` does the work).

use super::Library;
use byline_model::{Error, PhotoUse, Result};
use byline_photos::ingest::{self, PhotoFormat};
use byline_photos::metadata::RenditionMetadata;
use byline_photos::rendition::{self, RenditionJob, RenditionOptions};

impl Library {
    /// What it takes to make the rendition of one photo use of a story.
    pub fn rendition_job(&self, story: &str, use_id: &str) -> Result<RenditionJob> {
        let story_id = self.resolve(story)?;
        let photo_use = self
            .photo_uses_of(&story_id)?
            .into_iter()
            .find(|u| u.id == use_id)
            .ok_or_else(|| Error::InvalidInput(format!("story {story_id} has no photo {use_id}")))?;
        self.rendition_job_of(photo_use)
    }

    /// The rendition job of a photo use as given (the story's words as they are now, or as
    /// they were frozen in an outbox item): the original read from the library.
    pub fn rendition_job_of(&self, photo_use: PhotoUse) -> Result<RenditionJob> {
        let photo = self.photo(&photo_use.photo)?.ok_or_else(|| {
            Error::InvalidInput(format!("photo {} is missing from the library", photo_use.photo))
        })?;
        let format = PhotoFormat::parse(&photo.format).unwrap_or(PhotoFormat::Jpeg);
        let path = ingest::original_path(self.dir(), &photo.sha256, format);
        let original = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let instructions = instructions(&photo_use);
        let words = RenditionMetadata {
            caption: photo_use.caption,
            credit: photo_use.credit,
            creator: photo_use.creator,
            copyright: photo_use.copyright,
            alt_text: photo_use.alt_text,
            instructions,
            usage_terms: photo_use.usage_terms,
        };
        Ok(RenditionJob::new(original, format, photo.original_name, words))
    }

    /// The export rendition of one photo use of a story, as JPEG bytes.
    pub fn rendition(&self, story: &str, use_id: &str, options: RenditionOptions) -> Result<Vec<u8>> {
        rendition::check(options)?;
        self.rendition_job(story, use_id)?.render(options)
    }

    /// The renditions of several photo uses, made side by side (one worker per core).
    pub fn renditions(
        &self,
        story: &str,
        use_ids: &[String],
        options: RenditionOptions,
    ) -> Result<Vec<Vec<u8>>> {
        rendition::check(options)?;
        let jobs: Vec<RenditionJob> =
            use_ids.iter().map(|u| self.rendition_job(story, u)).collect::<Result<_>>()?;
        rendition::render_all(&jobs, options)
    }
}

/// The instructions a rendition carries: a stand-in says so first (a desk's "STAND-IN:" note, as
/// agencies write "EDS NOTE:"), so the file itself warns whoever receives it; then the agency's
/// own instructions as the file had them.
fn instructions(photo_use: &PhotoUse) -> String {
    let stand_in = photo_use.stand_in.trim();
    let agency = photo_use.instructions.trim();
    match (stand_in.is_empty(), agency.is_empty()) {
        (true, _) => photo_use.instructions.clone(),
        (false, true) => format!("STAND-IN: {stand_in}"),
        (false, false) => format!("STAND-IN: {stand_in} {agency}"),
    }
}
