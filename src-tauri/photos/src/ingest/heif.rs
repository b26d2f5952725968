//! HEIC and AVIF photos, read through libheif (the `byline-heif` crate) within the size limits,
//! and turned upright once: by the file's own rotation and mirror when it has them (libheif
//! applies those), by its EXIF orientation otherwise, never by both.

use image::metadata::Orientation;
use image::DynamicImage;

use super::limits::{check_size, MAX_SIDE};
use super::refuse;
use crate::Result;

/// A decoded HEIF photo, and the EXIF orientation still to apply to it.
pub(super) struct DecodedHeif {
    pub image: DynamicImage,
    pub orientation: Orientation,
}

/// Decodes the primary image of a HEIF file.
pub(super) fn decode_heif(bytes: &[u8], name: &str) -> Result<DecodedHeif> {
    let heif = byline_heif::Heif::open(bytes, MAX_SIDE).map_err(|e| refuse_heif(name, e))?;
    let (width, height) = heif.size();
    check_size(width, height, name)?;
    let decoded = heif.decode().map_err(|e| refuse_heif(name, e))?;
    let orientation = if byline_heif::has_transformations(bytes) {
        Orientation::NoTransforms
    } else {
        heif.exif()
            .and_then(|tiff| crate::metadata::tiff_orientation(&tiff))
            .and_then(|o| Orientation::from_exif(o as u8))
            .unwrap_or(Orientation::NoTransforms)
    };
    let (w, h) = (decoded.width, decoded.height);
    let image = if decoded.alpha {
        image::RgbaImage::from_raw(w, h, decoded.pixels).map(DynamicImage::ImageRgba8)
    } else {
        image::RgbImage::from_raw(w, h, decoded.pixels).map(DynamicImage::ImageRgb8)
    }
    .ok_or_else(|| refuse(name, "the photo could not be decoded: libheif returned too few pixels"))?;
    Ok(DecodedHeif { image, orientation })
}

fn refuse_heif(name: &str, error: byline_heif::HeifError) -> crate::Error {
    match error {
        byline_heif::HeifError::Unavailable(_) => refuse(name, error.to_string()),
        byline_heif::HeifError::Libheif(message) => {
            refuse(name, format!("the photo could not be decoded: {message}"))
        }
    }
}
