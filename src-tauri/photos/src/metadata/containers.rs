//! Where each file format keeps its metadata blocks: finds the XMP packet, the IPTC IIM datasets
//! and the EXIF TIFF structure in a JPEG, PNG, WebP, TIFF or HEIF file (its metadata items,
//! through libheif), without decoding the picture.
//!
//! Not read: compressed PNG iTXt XMP and the legacy PNG "Raw profile" text chunks (they need
//! zlib), JPEG Extended XMP (split over several segments; it never holds the fields we read).

use super::{iim, jpeg, tiff, Embedded, MetadataError};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const PNG_XMP_KEYWORD: &[u8] = b"XML:com.adobe.xmp";
/// More chunks than any real PNG or WebP has: a guard against crafted files of tiny chunks.
const MAX_CHUNKS: usize = 100_000;

/// Finds the metadata blocks of a file of any supported format.
pub(super) fn find(bytes: &[u8]) -> Result<Embedded<'_>, MetadataError> {
    if jpeg::is_jpeg(bytes) {
        Ok(in_jpeg(bytes))
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Ok(in_png(bytes))
    } else if is_webp(bytes) {
        Ok(in_webp(bytes))
    } else if tiff::is_tiff(bytes) {
        Ok(in_tiff(bytes))
    } else if byline_heif::brand(bytes).is_some() {
        Ok(in_heif(bytes))
    } else {
        Err(MetadataError::UnknownFormat)
    }
}

/// The payload of an EXIF APP1 segment (`Exif\0\0` + TIFF) carrying the EXIF of `original`,
/// copied byte for byte from a JPEG original (whose pixels a rendition keeps as stored), and
/// with its orientation made upright from any other (whose pixels a rendition turns upright);
/// `None` when the original has no EXIF.
pub(super) fn exif_app1_payload(original: &[u8]) -> Result<Option<Vec<u8>>, MetadataError> {
    if jpeg::is_jpeg(original) {
        let segment = jpeg::header_segments(original)
            .into_iter()
            .find(|s| s.marker == jpeg::APP1 && s.payload.starts_with(jpeg::EXIF_HEADER));
        return Ok(segment.map(|s| s.payload.to_vec()));
    }
    let found = find(original)?;
    Ok(found.exif.map(|exif| [jpeg::EXIF_HEADER, &tiff::upright(&exif)].concat()))
}

fn in_jpeg(bytes: &[u8]) -> Embedded<'_> {
    let mut found = Embedded::default();
    let mut photoshop: Vec<u8> = Vec::new();
    for segment in jpeg::header_segments(bytes) {
        match segment.marker {
            jpeg::APP1 => {
                if let Some(tiff) = segment.payload.strip_prefix(jpeg::EXIF_HEADER) {
                    found.exif = found.exif.or(Some(tiff.into()));
                } else if let Some(xmp) = segment.payload.strip_prefix(jpeg::XMP_HEADER) {
                    found.xmp = found.xmp.or(Some(xmp.into()));
                }
            }
            jpeg::APP13 => {
                // Photoshop resources may continue over several APP13 segments.
                if let Some(data) = segment.payload.strip_prefix(jpeg::PHOTOSHOP_HEADER) {
                    photoshop.extend_from_slice(data);
                }
            }
            _ => {}
        }
    }
    found.iim = iim::from_photoshop(&photoshop).map(<[u8]>::to_vec);
    found
}

fn in_png(bytes: &[u8]) -> Embedded<'_> {
    let mut found = Embedded::default();
    let mut pos = PNG_SIGNATURE.len();
    for _ in 0..MAX_CHUNKS {
        let Some(header) = bytes.get(pos..pos + 8) else {
            break;
        };
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        let Some(data) = pos.checked_add(8 + length).and_then(|end| bytes.get(pos + 8..end)) else {
            break;
        };
        match kind {
            b"iTXt" => {
                if let Some(xmp) = png_itxt_xmp(data) {
                    found.xmp = found.xmp.or(Some(xmp.into()));
                }
            }
            b"eXIf" => {
                let tiff = data.strip_prefix(jpeg::EXIF_HEADER).unwrap_or(data);
                found.exif = found.exif.or(Some(tiff.into()));
            }
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + length; // length, type, data, CRC
    }
    found
}

/// The text of an uncompressed iTXt chunk with the XMP keyword.
fn png_itxt_xmp(data: &[u8]) -> Option<&[u8]> {
    let rest = data.strip_prefix(PNG_XMP_KEYWORD)?.strip_prefix(b"\0")?;
    let (&compressed, rest) = rest.split_first()?;
    if compressed != 0 {
        return None;
    }
    let rest = rest.get(1..)?; // compression method
    let language_end = rest.iter().position(|&b| b == 0)?;
    let rest = rest.get(language_end + 1..)?;
    let translated_end = rest.iter().position(|&b| b == 0)?;
    rest.get(translated_end + 1..)
}

fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

fn in_webp(bytes: &[u8]) -> Embedded<'_> {
    let mut found = Embedded::default();
    let mut pos = 12;
    for _ in 0..MAX_CHUNKS {
        let Some(header) = bytes.get(pos..pos + 8) else {
            break;
        };
        let length = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let kind = &header[0..4];
        let Some(data) = pos.checked_add(8 + length).and_then(|end| bytes.get(pos + 8..end)) else {
            break;
        };
        match kind {
            b"XMP " => found.xmp = found.xmp.or(Some(data.into())),
            b"EXIF" => {
                let tiff = data.strip_prefix(jpeg::EXIF_HEADER).unwrap_or(data);
                found.exif = found.exif.or(Some(tiff.into()));
            }
            _ => {}
        }
        pos += 8 + length + (length & 1); // chunks are padded to an even length
    }
    found
}

/// A HEIF file's EXIF and XMP items, read through libheif; nothing when it cannot be loaded
/// (decoding the photo then says why).
fn in_heif(bytes: &[u8]) -> Embedded<'static> {
    let Ok(heif) = byline_heif::Heif::open(bytes, u32::MAX) else { return Embedded::default() };
    Embedded { xmp: heif.xmp().map(Into::into), iim: None, exif: heif.exif().map(Into::into) }
}

fn in_tiff(bytes: &[u8]) -> Embedded<'_> {
    let blocks = tiff::file_blocks(bytes);
    let iim = blocks.iptc.or_else(|| blocks.photoshop.and_then(iim::from_photoshop)).map(<[u8]>::to_vec);
    Embedded { xmp: blocks.xmp.map(Into::into), iim, exif: Some(bytes.into()) }
}
