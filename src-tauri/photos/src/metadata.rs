//! Photo metadata: the caption, credit, creator and rights a picture file carries, read so the desk
//! does not retype them, and written into export renditions so the words travel with the picture.
//!
//! Sources are read in the newsroom's order of trust: XMP first, then IPTC IIM, then EXIF. Each
//! source is parsed on its own; a broken block is skipped and never stops the others from being
//! read, and no input — truncated, oversized or hostile — makes this module panic.
//!
//! Library choices:
//! - XMP is read with `quick-xml` (already in the workspace's lock file, pure Rust, streaming, with
//!   namespace resolution so `dc:`/`photoshop:` prefixes are matched by URI, not by spelling). It
//!   expands no DTD entities, so "billion laughs" packets are simply rejected. XMP is *written* with
//!   `byline_model::xml::Xml`, the workspace's one XML writer (quick-xml's escaping underneath).
//! - JPEG segments, Photoshop 8BIM/IPTC IIM and TIFF/EXIF IFDs are small, bounds-checked hand-written
//!   parsers (`jpeg`, `iim`, `tiff` submodules). One TIFF reader serves EXIF in JPEG, PNG and WebP
//!   and whole TIFF files (tags 700 XMP and 33723 IPTC), and the minimal EXIF we write is a dozen
//!   lines; `kamadak-exif` would add a dependency and still need our own writer.

mod containers;
mod iim;
mod jpeg;
mod tiff;
mod trailer;
mod xmp;

use std::borrow::Cow;

pub use trailer::{soft_edits, SoftEdits};

pub use byline_model::PhotoMetadata;

/// What to write into an export rendition. Empty strings are left out of every block.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenditionMetadata {
    pub caption: String,
    pub credit: String,
    pub creator: String,
    pub copyright: String,
    pub alt_text: String,
    /// The agency's instructions and usage terms, carried as the file had them.
    pub instructions: String,
    pub usage_terms: String,
}

/// Why metadata could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum MetadataError {
    #[error(
        "this file is not a picture Byline can read metadata from (JPEG, HEIC, PNG, WebP, TIFF or AVIF)"
    )]
    UnknownFormat,
    #[error("this file is not a JPEG picture")]
    NotJpeg,
    #[error("the JPEG picture is damaged ({0}); nothing was written")]
    DamagedJpeg(&'static str),
    #[error("the {what} would be {len} bytes, more than one JPEG segment holds ({max} bytes)")]
    TooLarge { what: &'static str, len: usize, max: usize },
}

/// The metadata blocks found in one file, still undecoded.
#[derive(Debug, Default)]
struct Embedded<'a> {
    /// The XMP packet.
    xmp: Option<Cow<'a, [u8]>>,
    /// IPTC IIM datasets (the payload of Photoshop resource 0x0404, or TIFF tag 33723).
    iim: Option<Vec<u8>>,
    /// A TIFF structure (byte-order mark onwards) holding EXIF IFD0.
    exif: Option<Cow<'a, [u8]>>,
}

/// Reads the metadata of a JPEG, PNG (iTXt `XML:com.adobe.xmp`, eXIf), WebP (`XMP `, `EXIF`
/// chunks) or TIFF (IFD0, tag 700 XMP, tag 33723 IPTC, tag 34377 Photoshop) file.
///
/// A damaged file gives whatever could be read before the damage; a file of no known format is
/// an error.
/// The EXIF orientation (1–8) of a JPEG, read from its header without decoding or copying it.
pub fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    if !jpeg::is_jpeg(bytes) {
        return None;
    }
    jpeg::header_segments(bytes)
        .into_iter()
        .filter(|s| s.marker == jpeg::APP1)
        .find_map(|s| s.payload.strip_prefix(jpeg::EXIF_HEADER))
        .and_then(tiff::orientation)
}

/// The EXIF orientation (1–8) in a TIFF structure (an EXIF block from its byte-order mark).
pub fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    tiff::orientation(tiff)
}

/// The readers one by one, for the fuzz targets (`src-tauri/fuzz`): each must take any bytes
/// without panicking, hanging or allocating without bound.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    pub fn iim(block: &[u8]) -> PhotoMetadata {
        super::iim::read(block)
    }

    pub fn xmp(packet: &[u8]) -> Option<PhotoMetadata> {
        super::xmp::read(packet)
    }

    pub fn exif(tiff: &[u8]) -> (PhotoMetadata, Option<u16>) {
        (super::tiff::read_exif(tiff), super::tiff::orientation(tiff))
    }

    /// A JPEG rendition with new metadata written over whatever `bytes` held.
    pub fn rewrite(bytes: &[u8]) -> Option<Vec<u8>> {
        let meta = RenditionMetadata {
            caption: "Caption".into(),
            credit: "AFP".into(),
            creator: "Jane Roe".into(),
            copyright: "© AFP".into(),
            alt_text: "A man at a lectern".into(),
            instructions: "EDITORIAL USE ONLY".into(),
            usage_terms: "No archive".into(),
        };
        write_jpeg(bytes, &meta, None).ok()
    }
}

/// The length of a JPEG's picture: up to and including the end-of-image marker that closes its
/// scans (a trailer may follow it); `None` when the file stops before it.
pub fn jpeg_picture_len(bytes: &[u8]) -> Option<usize> {
    jpeg::image_end(bytes)
}

/// Whether the bytes are a TIFF structure (as TIFF files and most camera RAW files are).
pub fn is_tiff(bytes: &[u8]) -> bool {
    tiff::is_tiff(bytes)
}

/// Whether a TIFF structure is a DNG: its first IFD holds DNGVersion (tag 0xC612).
pub fn is_dng(bytes: &[u8]) -> bool {
    tiff::ifd0_has(bytes, 0xC612)
}

pub fn read(bytes: &[u8]) -> Result<PhotoMetadata, MetadataError> {
    let embedded = containers::find(bytes)?;
    let from_xmp = embedded.xmp.as_deref().and_then(xmp::read).unwrap_or_default();
    // A Photo Mechanic trailer's IPTC fields count as the file's own IIM, after it.
    let trailer_iim = if jpeg::is_jpeg(bytes) { trailer::block(bytes).map(iim::read) } else { None };
    let from_iim =
        embedded.iim.as_deref().map(iim::read).unwrap_or_default().or(trailer_iim.unwrap_or_default());
    let from_exif = embedded.exif.as_deref().map(tiff::read_exif).unwrap_or_default();
    let soft_edits =
        if jpeg::is_jpeg(bytes) { trailer::soft_edits(bytes).and_then(|e| e.in_words()) } else { None };
    Ok(PhotoMetadata { soft_edits, ..from_xmp.or(from_iim).or(from_exif) })
}

/// Returns a new JPEG: all existing APP1 (EXIF and XMP) and APP13 (Photoshop/IPTC) segments
/// removed, then new ones written: XMP (dc:description, photoshop:Credit, dc:creator, dc:rights,
/// Iptc4xmpCore:AltTextAccessibility), IPTC IIM in a Photoshop APP13 8BIM 0x0404 block (1:90
/// declaring UTF-8; 2:120, 2:110, 2:80, 2:116), and a fresh minimal EXIF (IFD0 ImageDescription,
/// Artist, Copyright, and the original Orientation so the picture is not turned; no GPS IFD, no
/// serial numbers, no maker notes).
///
/// With `keep_original_exif_from` (the original file's bytes, when the user chose "keep GPS"), that
/// file's EXIF block is copied unchanged instead of the minimal one (if it has none, the minimal
/// one is written).
///
/// Anything after the end-of-image marker (such as the extra images an MPF file appends, each with
/// its own EXIF and GPS) and the APP2 MPF index pointing at it are dropped too.
pub fn write_jpeg(
    jpeg: &[u8],
    meta: &RenditionMetadata,
    keep_original_exif_from: Option<&[u8]>,
) -> Result<Vec<u8>, MetadataError> {
    let parsed = jpeg::parse_full(jpeg)?;

    let kept_exif = match keep_original_exif_from {
        Some(original) => containers::exif_app1_payload(original)?,
        None => None,
    };
    let exif_payload = match kept_exif {
        Some(payload) => payload,
        None => {
            let orientation = parsed.exif().and_then(tiff::orientation);
            let mut payload = jpeg::EXIF_HEADER.to_vec();
            payload.extend_from_slice(&tiff::minimal_exif(meta, orientation));
            payload
        }
    };
    let mut xmp_payload = jpeg::XMP_HEADER.to_vec();
    xmp_payload.extend_from_slice(xmp::write(meta).as_bytes());
    let mut photoshop_payload = jpeg::PHOTOSHOP_HEADER.to_vec();
    photoshop_payload.extend_from_slice(&iim::photoshop_iptc_block(&iim::write(meta)));

    let new_segments = [
        (jpeg::APP1, "EXIF block", exif_payload),
        (jpeg::APP1, "XMP packet", xmp_payload),
        (jpeg::APP13, "IPTC block", photoshop_payload),
    ];
    parsed.rebuild(&new_segments)
}

/// Shared text helpers for the decoders.
mod text {
    /// Trims whitespace and NULs; `None` when nothing is left.
    pub(super) fn clean(s: &str) -> Option<String> {
        let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\0');
        (!t.is_empty()).then(|| t.to_string())
    }

    /// Decodes bytes that should be UTF-8 but may be Latin-1 (old EXIF and IIM writers).
    pub(super) fn utf8_or_latin1(bytes: &[u8]) -> String {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => latin1(bytes),
        }
    }

    /// ISO 8859-1: every byte is the code point of the same number.
    pub(super) fn latin1(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| char::from(b)).collect()
    }

    /// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
    pub(super) fn truncate_utf8(s: &str, max: usize) -> &str {
        if s.len() <= max {
            return s;
        }
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        &s[..end]
    }

    /// Turns EXIF-style `YYYY:MM:DD HH:MM:SS` (or an XMP value written that way) into ISO 8601;
    /// ISO text passes through. Blank or all-zero dates give `None`.
    pub(super) fn iso_date(s: &str) -> Option<String> {
        let s = clean(s)?;
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        if !digits(0..4) {
            return None;
        }
        if s.starts_with("0000") {
            return None;
        }
        if b.get(4) == Some(&b':') && b.get(7) == Some(&b':') && digits(5..7) && digits(8..10) {
            let mut out = format!("{}-{}-{}", &s[0..4], &s[5..7], &s[8..10]);
            if b.get(10).is_some_and(|c| *c == b' ' || *c == b'T') && digits(11..13) {
                out.push('T');
                out.push_str(s.get(11..)?);
            }
            return Some(out);
        }
        Some(s)
    }
}
