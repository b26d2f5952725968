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

impl Library {
    /// The export rendition of one photo use of a story, as JPEG bytes.
    pub fn rendition(&self, story: &str, use_id: &str, options: RenditionOptions) -> Result<Vec<u8>> {
        if !(64..=16_384).contains(&options.long_edge) {
            return Err(Error::InvalidInput(format!(
                "a rendition of {} px is out of range (64 to 16384)",
                options.long_edge
            )));
        }
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
        let keep = options.keep_gps && format == PhotoFormat::Jpeg;
        // A kept EXIF block keeps its orientation tag, so the pixels stay as stored; otherwise
        // they are turned upright here and the new EXIF says nothing about orientation.
        let image = ingest::decode_with(&original, format, &photo.original_name, !keep)?;
        let jpeg = ingest::jpeg_fitting(&image, options.long_edge, 88)?;
        let meta = RenditionMetadata {
            caption: photo_use.caption.clone(),
            credit: photo_use.credit.clone(),
            creator: photo_use.creator.clone(),
            copyright: photo_use.copyright.clone(),
            alt_text: photo_use.alt_text.clone(),
        };
        metadata::write_jpeg(&jpeg, &meta, keep.then_some(original.as_slice())).map_err(|e| Error::Photo {
            file: photo.original_name.clone(),
            problem: format!("metadata could not be written: {e}"),
        })
    }
}
