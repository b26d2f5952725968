//! Export renditions: a re-encoded JPEG (2048 px long edge by default) that carries the story's
//! caption, credit, creator, copyright and alt text inside the file (XMP, IPTC IIM, EXIF), with
//! GPS position and camera serial numbers stripped unless the export keeps them.

use crate::ingest::{self, PhotoFormat};
use crate::metadata::{self, RenditionMetadata};
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
    /// A job over a photo's original bytes, with the words the rendition is to carry.
    pub fn new(original: Vec<u8>, format: PhotoFormat, name: String, meta: RenditionMetadata) -> Self {
        RenditionJob { original, format, name, meta }
    }

    /// The rendition's JPEG bytes.
    pub fn render(&self, options: RenditionOptions) -> Result<Vec<u8>> {
        let keep = options.keep_gps;
        let name = &self.name;
        // A JPEG's kept EXIF block keeps its orientation tag, so its pixels stay as stored;
        // otherwise they are turned upright here, and the new EXIF says nothing about
        // orientation or the kept one (from a HEIC, PNG, WebP or TIFF) says upright.
        // A colour JPEG never leaves YCbCr (as its derived files); other JPEGs go through RGB.
        let planar = if self.format == PhotoFormat::Jpeg {
            ingest::jpeg_rendition_planar(&self.original, options.long_edge, 88, !keep, name)?
        } else {
            None
        };
        let fast = if self.format == PhotoFormat::Jpeg && planar.is_none() {
            ingest::decode_jpeg_scaled(&self.original, options.long_edge, name)?
        } else {
            None
        };
        let jpeg = match (planar, fast) {
            (Some(jpeg), _) => jpeg,
            (None, Some(decoded)) => {
                let fitted = ingest::fit(decoded.pixels, options.long_edge, name)?;
                ingest::encode_rgb(fitted, (!keep).then_some(decoded.orientation), 88, name)?
            }
            (None, None) => {
                let as_stored = keep && self.format == PhotoFormat::Jpeg;
                let image = ingest::decode_with(&self.original, self.format, name, !as_stored)?;
                ingest::jpeg_fitting(&image, options.long_edge, 88)?
            }
        };
        metadata::write_jpeg(&jpeg, &self.meta, keep.then_some(self.original.as_slice())).map_err(|e| {
            Error::Photo { file: name.clone(), problem: format!("metadata could not be written: {e}") }
        })
    }
}

pub fn check(options: RenditionOptions) -> Result<()> {
    if !(64..=16_384).contains(&options.long_edge) {
        return Err(Error::InvalidInput(format!(
            "a rendition of {} px is out of range (64 to 16384)",
            options.long_edge
        )));
    }
    Ok(())
}

/// Renders every job on a few threads, in order; the first failure is the answer.
pub fn render_all(jobs: &[RenditionJob], options: RenditionOptions) -> Result<Vec<Vec<u8>>> {
    check(options)?;
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
