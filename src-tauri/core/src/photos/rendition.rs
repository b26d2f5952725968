//! Export renditions: a re-encoded JPEG (2048 px long edge by default) that carries the story's
//! caption, credit, creator, copyright and alt text inside the file (XMP, IPTC IIM, EXIF), with
//! GPS position and camera serial numbers stripped unless the export keeps them.

use crate::photos::ingest::{self, PhotoFormat};
use crate::photos::metadata::{self, RenditionMetadata};
use crate::store::Library;
use crate::{Error, Result};

/// Long edge of an export rendition unless the export says otherwise.
pub const DEFAULT_LONG_EDGE: u32 = 2048;

/// Choices an export makes about its photo renditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenditionOptions {
    pub long_edge: u32,
    /// Keep the original's EXIF (GPS position included). Off by default: it can expose a source.
    pub keep_gps: bool,
}

impl Default for RenditionOptions {
    fn default() -> Self {
        RenditionOptions { long_edge: DEFAULT_LONG_EDGE, keep_gps: false }
    }
}

/// One rendition to make: the original's bytes and what to write into the copy. Making it needs
/// no library, so an export makes several at once.
pub struct RenditionJob {
    original: Vec<u8>,
    format: PhotoFormat,
    name: String,
    meta: RenditionMetadata,
}

impl RenditionJob {
    /// The rendition's JPEG bytes.
    pub fn render(&self, options: RenditionOptions) -> Result<Vec<u8>> {
        let keep = options.keep_gps && self.format == PhotoFormat::Jpeg;
        let name = &self.name;
        // A kept EXIF block keeps its orientation tag, so the pixels stay as stored; otherwise
        // they are turned upright here and the new EXIF says nothing about orientation.
        let fast = if self.format == PhotoFormat::Jpeg {
            ingest::decode_jpeg_scaled(&self.original, options.long_edge, name)?
        } else {
            None
        };
        let jpeg = match fast {
            Some(decoded) => {
                let fitted = ingest::fit(decoded.pixels, options.long_edge, name)?;
                ingest::encode_rgb(fitted, (!keep).then_some(decoded.orientation), 88, name)?
            }
            None => {
                let image = ingest::decode_with(&self.original, self.format, name, !keep)?;
                ingest::jpeg_fitting(&image, options.long_edge, 88)?
            }
        };
        metadata::write_jpeg(&jpeg, &self.meta, keep.then_some(self.original.as_slice())).map_err(|e| {
            Error::Photo { file: name.clone(), problem: format!("metadata could not be written: {e}") }
        })
    }
}

fn check(options: RenditionOptions) -> Result<()> {
    if !(64..=16_384).contains(&options.long_edge) {
        return Err(Error::InvalidInput(format!(
            "a rendition of {} px is out of range (64 to 16384)",
            options.long_edge
        )));
    }
    Ok(())
}

impl Library {
    /// What it takes to make the rendition of one photo use of a story.
    pub fn rendition_job(&self, story: &str, use_id: &str) -> Result<RenditionJob> {
        let story_id = self.resolve(story)?;
        let photo_use = self
            .photo_uses_of(&story_id)?
            .into_iter()
            .find(|u| u.id == use_id)
            .ok_or_else(|| Error::InvalidInput(format!("story {story_id} has no photo {use_id}")))?;
        let photo = self.photo(&photo_use.photo)?.ok_or_else(|| {
            Error::InvalidInput(format!("photo {} is missing from the library", photo_use.photo))
        })?;
        let format = PhotoFormat::parse(&photo.format).unwrap_or(PhotoFormat::Jpeg);
        let path = ingest::original_path(self.dir(), &photo.sha256, format);
        let original = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        Ok(RenditionJob {
            original,
            format,
            name: photo.original_name,
            meta: RenditionMetadata {
                caption: photo_use.caption,
                credit: photo_use.credit,
                creator: photo_use.creator,
                copyright: photo_use.copyright,
                alt_text: photo_use.alt_text,
            },
        })
    }

    /// The export rendition of one photo use of a story, as JPEG bytes.
    pub fn rendition(&self, story: &str, use_id: &str, options: RenditionOptions) -> Result<Vec<u8>> {
        check(options)?;
        self.rendition_job(story, use_id)?.render(options)
    }

    /// The renditions of several photo uses, made side by side (one worker per core).
    pub fn renditions(
        &self,
        story: &str,
        use_ids: &[String],
        options: RenditionOptions,
    ) -> Result<Vec<Vec<u8>>> {
        check(options)?;
        let jobs: Vec<RenditionJob> =
            use_ids.iter().map(|u| self.rendition_job(story, u)).collect::<Result<_>>()?;
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8);
        let chunk = jobs.len().div_ceil(workers).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = jobs
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|j| j.render(options)).collect::<Result<Vec<_>>>())
                })
                .collect();
            let mut out = Vec::with_capacity(jobs.len());
            for h in handles {
                out.extend(h.join().map_err(|_| Error::InvalidInput("a rendition worker stopped".into()))??);
            }
            Ok(out)
        })
    }
}
