//! JPEG structure: finds the metadata segments for reading, and rebuilds a file with new ones.
//!
//! A JPEG is SOI, then segments (`FF xx` plus a 2-byte big-endian length that counts itself),
//! then after each SOS header the entropy-coded data, in which `FF` is followed by `00` (a
//! stuffed byte), a restart marker, or the next real marker; EOI ends the picture.

use super::MetadataError;

pub(super) const APP1: u8 = 0xE1;
pub(super) const APP13: u8 = 0xED;
const APP0: u8 = 0xE0;
const APP2: u8 = 0xE2;
const SOS: u8 = 0xDA;
const EOI: u8 = 0xD9;

pub(super) const EXIF_HEADER: &[u8] = b"Exif\0\0";
pub(super) const XMP_HEADER: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
pub(super) const PHOTOSHOP_HEADER: &[u8] = b"Photoshop 3.0\0";
const MPF_HEADER: &[u8] = b"MPF\0";

/// The largest payload one segment holds (the length field counts its own two bytes).
pub(super) const MAX_PAYLOAD: usize = 0xFFFF - 2;

/// A marker segment with a length field.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment<'a> {
    pub(super) marker: u8,
    pub(super) payload: &'a [u8],
}

/// One piece of a JPEG file, in file order.
#[derive(Debug)]
enum Piece<'a> {
    /// A segment with a length; `raw` is the whole segment, marker included.
    Segment { segment: Segment<'a>, raw: &'a [u8] },
    /// A marker without length (RSTn, TEM) or entropy-coded data, copied as is.
    Raw(&'a [u8]),
}

/// A JPEG split into pieces.
#[derive(Debug)]
pub(super) struct Jpeg<'a> {
    pieces: Vec<Piece<'a>>,
}

/// True when the bytes start with a JPEG start-of-image marker.
pub(super) fn is_jpeg(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8])
}

/// Where the picture ends: the offset just past the end-of-image marker that closes its scans.
/// `None` when the file stops before it (cut off while copying). Whatever follows (a Photo
/// Mechanic or FotoStation trailer, a phone's own blocks, MPF extra images) is not the picture.
pub(super) fn image_end(bytes: &[u8]) -> Option<usize> {
    if !is_jpeg(bytes) {
        return None;
    }
    let mut pos = 2;
    let mut seen_sos = false;
    loop {
        // Stray bytes before a marker (a segment whose length is off) are skipped, as decoders do.
        let (marker, start) = next_marker(bytes, pos).or_else(|| {
            let at =
                pos + bytes.get(pos..)?.windows(2).position(|w| w[0] == 0xFF && w[1] != 0 && w[1] != 0xFF)?;
            next_marker(bytes, at)
        })?;
        if marker == EOI {
            return seen_sos.then_some(start + 2);
        }
        if has_no_length(marker) {
            pos = start + 2;
            continue;
        }
        let (_, end) = segment_at(bytes, start)?;
        pos = end;
        if marker == SOS {
            seen_sos = true;
            pos = entropy_end(bytes, pos);
        }
    }
}

/// The segments before the first SOS, for reading: stops quietly at the first damage.
pub(super) fn header_segments(bytes: &[u8]) -> Vec<Segment<'_>> {
    let mut segments = Vec::new();
    let mut pos = 2;
    while let Some((marker, start)) = next_marker(bytes, pos) {
        if marker == SOS || marker == EOI {
            break;
        }
        if has_no_length(marker) {
            pos = start + 2;
            continue;
        }
        match segment_at(bytes, start) {
            Some((segment, end)) => {
                segments.push(segment);
                pos = end;
            }
            None => break,
        }
    }
    segments
}

/// The whole file, for rewriting: any damage is an error, since we would otherwise write a
/// broken picture.
pub(super) fn parse_full(bytes: &[u8]) -> Result<Jpeg<'_>, MetadataError> {
    if !is_jpeg(bytes) {
        return Err(MetadataError::NotJpeg);
    }
    let mut pieces = Vec::new();
    let mut pos = 2;
    let mut seen_sos = false;
    loop {
        if seen_sos && pos >= bytes.len() {
            // Image data that simply stops without EOI: common enough, and EOI is written back.
            return Ok(Jpeg { pieces });
        }
        let (marker, start) = next_marker(bytes, pos)
            .ok_or(MetadataError::DamagedJpeg("it ends before the end-of-image marker"))?;
        if marker == EOI {
            // Whatever follows EOI (MPF extra images, trailers) is dropped.
            return if seen_sos {
                Ok(Jpeg { pieces })
            } else {
                Err(MetadataError::DamagedJpeg("it has no image data"))
            };
        }
        if has_no_length(marker) {
            pieces.push(Piece::Raw(bytes.get(start..start + 2).unwrap_or_default()));
            pos = start + 2;
            continue;
        }
        let (segment, end) = segment_at(bytes, start)
            .ok_or(MetadataError::DamagedJpeg("a segment runs past the end of the file"))?;
        pieces.push(Piece::Segment { segment, raw: &bytes[start..end] });
        pos = end;
        if marker == SOS {
            seen_sos = true;
            let data_end = entropy_end(bytes, pos);
            pieces.push(Piece::Raw(&bytes[pos..data_end]));
            pos = data_end;
        }
    }
}

impl<'a> Jpeg<'a> {
    /// The TIFF data of the first EXIF APP1 segment.
    pub(super) fn exif(&self) -> Option<&'a [u8]> {
        self.pieces.iter().find_map(|piece| match piece {
            Piece::Segment { segment, .. } if segment.marker == APP1 => {
                segment.payload.strip_prefix(EXIF_HEADER)
            }
            _ => None,
        })
    }

    /// Writes the file again without its APP1, APP13 and MPF segments, with `new` segments
    /// (marker, what it is, payload) placed after SOI and any leading APP0 (JFIF) segments.
    pub(super) fn rebuild(&self, new: &[(u8, &'static str, Vec<u8>)]) -> Result<Vec<u8>, MetadataError> {
        let mut out = Vec::with_capacity(self.len_hint() + new.iter().map(|s| s.2.len() + 4).sum::<usize>());
        out.extend_from_slice(&[0xFF, 0xD8]);
        let leading_app0 = self
            .pieces
            .iter()
            .take_while(|p| matches!(p, Piece::Segment { segment, .. } if segment.marker == APP0))
            .count();
        for (i, piece) in self.pieces.iter().enumerate() {
            if i == leading_app0 {
                for (marker, what, payload) in new {
                    write_segment(&mut out, *marker, what, payload)?;
                }
            }
            match piece {
                Piece::Segment { segment, raw } => {
                    let dropped = segment.marker == APP1
                        || segment.marker == APP13
                        || (segment.marker == APP2 && segment.payload.starts_with(MPF_HEADER));
                    if !dropped {
                        out.extend_from_slice(raw);
                    }
                }
                Piece::Raw(raw) => out.extend_from_slice(raw),
            }
        }
        out.extend_from_slice(&[0xFF, EOI]);
        Ok(out)
    }

    fn len_hint(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Segment { raw, .. } | Piece::Raw(raw) => raw.len(),
            })
            .sum()
    }
}

/// Appends one segment, refusing a payload too large for the 16-bit length.
fn write_segment(
    out: &mut Vec<u8>,
    marker: u8,
    what: &'static str,
    payload: &[u8],
) -> Result<(), MetadataError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(MetadataError::TooLarge { what, len: payload.len(), max: MAX_PAYLOAD });
    }
    let length = u16::try_from(payload.len() + 2).map_err(|_| MetadataError::TooLarge {
        what,
        len: payload.len(),
        max: MAX_PAYLOAD,
    })?;
    out.extend_from_slice(&[0xFF, marker]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

/// Markers that stand alone: SOI, TEM and the restart markers.
fn has_no_length(marker: u8) -> bool {
    matches!(marker, 0xD8 | 0x01 | 0xD0..=0xD7)
}

/// The next marker at or after `pos` (skipping fill bytes): its code and the offset of its `FF`.
/// `None` when the bytes there are not a marker or the file ends.
fn next_marker(bytes: &[u8], pos: usize) -> Option<(u8, usize)> {
    if *bytes.get(pos)? != 0xFF {
        return None;
    }
    let mut at = pos;
    while bytes.get(at + 1) == Some(&0xFF) {
        at += 1;
    }
    let marker = *bytes.get(at + 1)?;
    (marker != 0x00).then_some((marker, at))
}

/// The segment whose marker `FF` is at `start`, and the offset just past it.
fn segment_at(bytes: &[u8], start: usize) -> Option<(Segment<'_>, usize)> {
    let marker = *bytes.get(start + 1)?;
    let len_bytes = bytes.get(start + 2..start + 4)?;
    let length = usize::from(u16::from_be_bytes([len_bytes[0], len_bytes[1]]));
    if length < 2 {
        return None;
    }
    let end = start.checked_add(2 + length)?;
    let payload = bytes.get(start + 4..end)?;
    Some((Segment { marker, payload }, end))
}

/// The end of the entropy-coded data starting at `pos`: the offset of the next marker that is not
/// a stuffed byte or a restart marker (or the file's end).
fn entropy_end(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos;
    while i + 1 < bytes.len() {
        if bytes[i] == 0xFF {
            let next = bytes[i + 1];
            if next == 0xFF {
                // A fill byte: the marker proper starts at the last FF.
                i += 1;
                continue;
            }
            if next != 0x00 && !(0xD0..=0xD7).contains(&next) {
                return i;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    bytes.len()
}
