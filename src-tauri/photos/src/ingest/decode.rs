//! Decoding any photo Byline takes, within the size limits, with its orientation applied once:
//! the `image` crate's decoders, libheif for HEIC and AVIF.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::limits::{check_size, MAX_DECODE_BYTES, MAX_SIDE};
use super::refuse;
use super::sniff::PhotoFormat;
use crate::Result;

/// Decodes a photo with size limits, applying its EXIF orientation exactly once.
pub fn decode(bytes: &[u8], format: PhotoFormat, name: &str) -> Result<DynamicImage> {
    decode_with(bytes, format, name, true)
}

/// [`decode`], leaving the pixels as stored when `orient` is false (for a rendition that keeps
/// the original EXIF, whose orientation tag then still applies).
pub fn decode_with(bytes: &[u8], format: PhotoFormat, name: &str, orient: bool) -> Result<DynamicImage> {
    if format.is_heif() {
        let decoded = super::heif::decode_heif(bytes, name)?;
        let mut image = decoded.image;
        if orient {
            image.apply_orientation(decoded.orientation);
        }
        return Ok(image);
    }
    // A JPEG's trailer (after its end-of-image marker) is never read as picture data.
    let bytes = match format {
        PhotoFormat::Jpeg => &bytes[..crate::metadata::jpeg_picture_len(bytes).unwrap_or(bytes.len())],
        _ => bytes,
    };
    let Some(image_format) = format.image_format() else {
        return Err(refuse(name, "the photo could not be decoded: no decoder for it"));
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let broken = |e: image::ImageError| refuse(name, format!("the photo could not be decoded: {e}"));
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, name)?;
    // A damaged EXIF block must not stop the photo: its orientation falls back to normal.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    if orient {
        image.apply_orientation(orientation);
    }
    Ok(image)
}
