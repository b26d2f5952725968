//! TIFF structures: reads EXIF IFD0 (and the Exif sub-IFD's capture date) from the TIFF block that
//! JPEG, PNG and WebP embed or that a TIFF file is, and writes the minimal EXIF of a rendition.
//!
//! Every offset and count is checked against the data; only IFD0 and the Exif sub-IFD are
//! followed, so crafted offset loops cannot recurse.

use super::text::{clean, iso_date, utf8_or_latin1};
use super::{PhotoMetadata, RenditionMetadata};

const TAG_IMAGE_DESCRIPTION: u16 = 0x010E;
const TAG_ORIENTATION: u16 = 0x0112;
const TAG_X_RESOLUTION: u16 = 0x011A;
const TAG_Y_RESOLUTION: u16 = 0x011B;
const TAG_RESOLUTION_UNIT: u16 = 0x0128;
const TAG_ARTIST: u16 = 0x013B;
const TAG_YCBCR_POSITIONING: u16 = 0x0213;
const TAG_XMP: u16 = 700;
const TAG_COPYRIGHT: u16 = 0x8298;
const TAG_IPTC: u16 = 33723;
const TAG_PHOTOSHOP: u16 = 34377;
const TAG_EXIF_IFD: u16 = 0x8769;
const TAG_DATE_TIME_ORIGINAL: u16 = 0x9003;
const TAG_OFFSET_TIME_ORIGINAL: u16 = 0x9011;

const TYPE_ASCII: u16 = 2;
const TYPE_SHORT: u16 = 3;
const TYPE_RATIONAL: u16 = 5;

/// True when the bytes start with a TIFF byte-order mark and magic number.
pub(super) fn is_tiff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// One IFD entry, its value bytes already located.
#[derive(Debug, Clone, Copy)]
struct Entry<'a> {
    tag: u16,
    kind: u16,
    value: &'a [u8],
}

/// A TIFF structure with its byte order.
struct Tiff<'a> {
    data: &'a [u8],
    big_endian: bool,
}

impl<'a> Tiff<'a> {
    fn new(data: &'a [u8]) -> Option<Tiff<'a>> {
        is_tiff(data).then(|| Tiff { data, big_endian: data[0] == b'M' })
    }

    fn u16_at(&self, pos: usize) -> Option<u16> {
        let b = self.data.get(pos..pos.checked_add(2)?)?;
        Some(if self.big_endian {
            u16::from_be_bytes([b[0], b[1]])
        } else {
            u16::from_le_bytes([b[0], b[1]])
        })
    }

    fn u32_at(&self, pos: usize) -> Option<u32> {
        let b = self.data.get(pos..pos.checked_add(4)?)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) })
    }

    /// The entries of the IFD at `offset`; a damaged entry is skipped, a damaged IFD is empty.
    fn ifd(&self, offset: usize) -> Vec<Entry<'a>> {
        let Some(count) = self.u16_at(offset) else {
            return Vec::new();
        };
        let mut entries = Vec::new();
        for i in 0..usize::from(count) {
            let at = offset + 2 + i * 12;
            let (Some(tag), Some(kind), Some(n)) =
                (self.u16_at(at), self.u16_at(at + 2), self.u32_at(at + 4))
            else {
                break;
            };
            let Some(size) = type_size(kind).and_then(|s| s.checked_mul(n as usize)) else {
                continue;
            };
            let value = if size <= 4 {
                self.data.get(at + 8..at + 8 + size)
            } else {
                self.u32_at(at + 8)
                    .and_then(|off| self.data.get(off as usize..(off as usize).checked_add(size)?))
            };
            if let Some(value) = value {
                entries.push(Entry { tag, kind, value });
            }
        }
        entries
    }

    fn ifd0(&self) -> Vec<Entry<'a>> {
        self.u32_at(4).map(|off| self.ifd(off as usize)).unwrap_or_default()
    }

    /// A LONG (or IFD-typed) value, as for sub-IFD pointers.
    fn long(&self, entry: &Entry<'_>) -> Option<usize> {
        let b = entry.value.get(0..4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some((if self.big_endian { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }) as usize)
    }
}

/// Bytes per value of each TIFF field type; `None` for unknown types.
fn type_size(kind: u16) -> Option<usize> {
    match kind {
        1 | 2 | 6 | 7 => Some(1),
        3 | 8 => Some(2),
        4 | 9 | 11 | 13 => Some(4),
        5 | 10 | 12 => Some(8),
        _ => None,
    }
}

/// An ASCII field's text: NUL-separated parts (as in EXIF Copyright: photographer, editor) joined
/// with ", ". UTF-8 is accepted, as exiftool writes it; other bytes are read as Latin-1.
fn ascii(entry: &Entry<'_>) -> Option<String> {
    if entry.kind != TYPE_ASCII && entry.kind != 7 && entry.kind != 1 {
        return None;
    }
    let parts: Vec<String> =
        entry.value.split(|&b| b == 0).filter_map(|p| clean(&utf8_or_latin1(p))).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The caption, creator, copyright and capture date EXIF holds.
pub(super) fn read_exif(data: &[u8]) -> PhotoMetadata {
    let Some(tiff) = Tiff::new(data) else {
        return PhotoMetadata::default();
    };
    let ifd0 = tiff.ifd0();
    let find = |entries: &[Entry<'_>], tag: u16| entries.iter().find(|e| e.tag == tag).and_then(ascii);
    let exif_ifd = ifd0
        .iter()
        .find(|e| e.tag == TAG_EXIF_IFD)
        .and_then(|e| tiff.long(e))
        .map(|off| tiff.ifd(off))
        .unwrap_or_default();
    let date_created = find(&exif_ifd, TAG_DATE_TIME_ORIGINAL).and_then(|d| iso_date(&d)).map(|date| {
        match find(&exif_ifd, TAG_OFFSET_TIME_ORIGINAL) {
            Some(offset) if date.contains('T') => format!("{date}{offset}"),
            _ => date,
        }
    });
    PhotoMetadata {
        caption: find(&ifd0, TAG_IMAGE_DESCRIPTION),
        creator: find(&ifd0, TAG_ARTIST),
        copyright: find(&ifd0, TAG_COPYRIGHT),
        date_created,
        ..PhotoMetadata::default()
    }
}

/// Whether IFD0 of a TIFF structure holds `tag` (DNGVersion, 0xC612, tells a DNG from a TIFF).
pub(super) fn ifd0_has(data: &[u8], tag: u16) -> bool {
    Tiff::new(data).is_some_and(|tiff| tiff.ifd0().iter().any(|e| e.tag == tag))
}

/// The EXIF Orientation (1–8) of IFD0, if any.
pub(super) fn orientation(data: &[u8]) -> Option<u16> {
    let tiff = Tiff::new(data)?;
    let entry = tiff.ifd0().into_iter().find(|e| e.tag == TAG_ORIENTATION && e.kind == TYPE_SHORT)?;
    let b = entry.value.get(0..2)?;
    let value =
        if tiff.big_endian { u16::from_be_bytes([b[0], b[1]]) } else { u16::from_le_bytes([b[0], b[1]]) };
    (1..=8).contains(&value).then_some(value)
}

/// A copy of an EXIF block whose IFD0 orientation, if any, says "upright" (1): for pixels already
/// turned, so no reader turns them again. Nothing else changes.
pub(super) fn upright(data: &[u8]) -> Vec<u8> {
    let mut out = data.to_vec();
    let Some(tiff) = Tiff::new(data) else { return out };
    let entry = tiff.ifd0().into_iter().find(|e| e.tag == TAG_ORIENTATION && e.kind == TYPE_SHORT);
    if let Some(entry) = entry.filter(|e| e.value.len() >= 2) {
        // The value lies inside `data`: its offset there is the same in the copy.
        let at = entry.value.as_ptr() as usize - data.as_ptr() as usize;
        let one = if tiff.big_endian { 1u16.to_be_bytes() } else { 1u16.to_le_bytes() };
        out[at..at + 2].copy_from_slice(&one);
    }
    out
}

/// The metadata blocks a TIFF file keeps in IFD0.
#[derive(Debug, Default)]
pub(super) struct FileBlocks<'a> {
    pub(super) xmp: Option<&'a [u8]>,
    pub(super) iptc: Option<&'a [u8]>,
    pub(super) photoshop: Option<&'a [u8]>,
}

/// Finds tags 700 (XMP), 33723 (IPTC IIM) and 34377 (Photoshop resources) in a TIFF file.
pub(super) fn file_blocks(data: &[u8]) -> FileBlocks<'_> {
    let Some(tiff) = Tiff::new(data) else {
        return FileBlocks::default();
    };
    let mut blocks = FileBlocks::default();
    for entry in tiff.ifd0() {
        match entry.tag {
            TAG_XMP => blocks.xmp = blocks.xmp.or(Some(entry.value)),
            TAG_IPTC => blocks.iptc = blocks.iptc.or(Some(entry.value)),
            TAG_PHOTOSHOP => blocks.photoshop = blocks.photoshop.or(Some(entry.value)),
            _ => {}
        }
    }
    blocks
}

/// A big-endian TIFF holding only IFD0 with ImageDescription, Artist, Copyright (the non-empty
/// ones), Orientation when given, and the resolution and YCbCr positioning tags the EXIF spec
/// requires (72 dpi, centred: what exiftool and cameras write). Text is UTF-8 in ASCII-typed
/// fields, as exiftool reads it.
pub(super) fn minimal_exif(meta: &RenditionMetadata, orientation: Option<u16>) -> Vec<u8> {
    enum Value {
        Short(u16),
        Rational(u32, u32),
        Text(Vec<u8>),
    }
    let text = |s: &str| {
        let mut bytes: Vec<u8> = s.bytes().filter(|&b| b != 0).collect();
        if bytes.is_empty() {
            return None;
        }
        bytes.push(0);
        Some(Value::Text(bytes))
    };
    // Tags must be in ascending order.
    let fields: Vec<(u16, Value)> = [
        (TAG_IMAGE_DESCRIPTION, text(&meta.caption)),
        (TAG_ORIENTATION, orientation.map(Value::Short)),
        (TAG_X_RESOLUTION, Some(Value::Rational(72, 1))),
        (TAG_Y_RESOLUTION, Some(Value::Rational(72, 1))),
        (TAG_RESOLUTION_UNIT, Some(Value::Short(2))), // inches
        (TAG_ARTIST, text(&meta.creator)),
        (TAG_YCBCR_POSITIONING, Some(Value::Short(1))), // centred
        (TAG_COPYRIGHT, text(&meta.copyright)),
    ]
    .into_iter()
    .filter_map(|(tag, value)| value.map(|v| (tag, v)))
    .collect();

    let data_start = 8 + 2 + fields.len() * 12 + 4;
    let mut out = b"MM\0*".to_vec();
    out.extend_from_slice(&8u32.to_be_bytes());
    // Counts and offsets fit in u16/u32: the text comes from at most a JPEG segment's worth
    // (a larger block is refused when the segment is written).
    out.extend_from_slice(&(fields.len() as u16).to_be_bytes());
    let mut data_area: Vec<u8> = Vec::new();
    let mut out_of_line = |out: &mut Vec<u8>, bytes: &[u8]| {
        out.extend_from_slice(&((data_start + data_area.len()) as u32).to_be_bytes());
        data_area.extend_from_slice(bytes);
        if bytes.len() % 2 == 1 {
            data_area.push(0); // keep values word-aligned
        }
    };
    for (tag, value) in &fields {
        out.extend_from_slice(&tag.to_be_bytes());
        match value {
            Value::Short(v) => {
                out.extend_from_slice(&TYPE_SHORT.to_be_bytes());
                out.extend_from_slice(&1u32.to_be_bytes());
                out.extend_from_slice(&v.to_be_bytes());
                out.extend_from_slice(&[0, 0]);
            }
            Value::Rational(numerator, denominator) => {
                out.extend_from_slice(&TYPE_RATIONAL.to_be_bytes());
                out.extend_from_slice(&1u32.to_be_bytes());
                out_of_line(&mut out, &[numerator.to_be_bytes(), denominator.to_be_bytes()].concat());
            }
            Value::Text(bytes) => {
                out.extend_from_slice(&TYPE_ASCII.to_be_bytes());
                out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
                if bytes.len() <= 4 {
                    let mut inline = [0u8; 4];
                    inline[..bytes.len()].copy_from_slice(bytes);
                    out.extend_from_slice(&inline);
                } else {
                    out_of_line(&mut out, bytes);
                }
            }
        }
    }
    out.extend_from_slice(&0u32.to_be_bytes()); // no next IFD: no thumbnail
    out.extend_from_slice(&data_area);
    out
}
