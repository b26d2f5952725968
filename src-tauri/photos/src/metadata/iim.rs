//! IPTC IIM (the wire services' original photo metadata): reads and writes the datasets, and the
//! Photoshop "8BIM" resource block (id 0x0404) that carries them inside a JPEG's APP13.
//!
//! A dataset is `1C`, record, dataset number, a 2-byte big-endian length (or, with its top bit
//! set, the number of following bytes that hold the length), then the data.
//!
//! Text is UTF-8 when dataset 1:90 declares it (`ESC % G`). Without that declaration the spec's
//! default is Latin-1, but many newsroom tools write undeclared UTF-8; so undeclared text that is
//! valid UTF-8 is read as UTF-8 and anything else as Latin-1 (a Latin-1 text with accents is
//! almost never valid UTF-8).

use super::text::{clean, truncate_utf8, utf8_or_latin1};
use super::{PhotoMetadata, RenditionMetadata};

const TAG_MARKER: u8 = 0x1C;
const UTF8_DECLARATION: &[u8] = b"\x1b%G";
const IPTC_RESOURCE_ID: u16 = 0x0404;
/// The longest caption (2:120) the IIM spec allows.
const MAX_CAPTION_BYTES: usize = 2000;
/// The longest Special Instructions (2:40) the IIM spec allows.
const MAX_INSTRUCTIONS_BYTES: usize = 256;
/// The longest dataset written with the plain 2-byte length; longer ones use the extended form.
const MAX_STANDARD_LENGTH: usize = 0x7FFF;

/// One dataset.
#[derive(Debug, Clone, Copy)]
struct DataSet<'a> {
    record: u8,
    number: u8,
    data: &'a [u8],
}

/// The datasets of an IIM block, up to the first damaged one.
fn datasets(block: &[u8]) -> Vec<DataSet<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(header) = block.get(pos..pos + 5) {
        if header[0] != TAG_MARKER {
            break;
        }
        let (record, number) = (header[1], header[2]);
        let short = usize::from(u16::from_be_bytes([header[3], header[4]]));
        let mut data_start = pos + 5;
        let length = if short & 0x8000 == 0 {
            short
        } else {
            // Extended dataset: the low 15 bits say how many bytes hold the length.
            let n = short & 0x7FFF;
            if n == 0 || n > 4 {
                break;
            }
            let Some(len_bytes) = block.get(data_start..data_start + n) else {
                break;
            };
            data_start += n;
            len_bytes.iter().fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
        };
        let Some(data) = data_start.checked_add(length).and_then(|end| block.get(data_start..end)) else {
            break;
        };
        out.push(DataSet { record, number, data });
        pos = data_start + length;
    }
    out
}

/// The 4-byte signed big-endian integers of a record's datasets: (dataset number, value).
pub(super) fn numbers(block: &[u8], record: u8) -> Vec<(u8, i32)> {
    datasets(block)
        .into_iter()
        .filter(|d| d.record == record)
        .filter_map(|d| Some((d.number, i32::from_be_bytes(d.data.try_into().ok()?))))
        .collect()
}

/// The caption, headline, credit, creator, copyright, source, date and place IIM holds.
pub(super) fn read(block: &[u8]) -> PhotoMetadata {
    let sets = datasets(block);
    let declared_utf8 = sets
        .iter()
        .any(|s| s.record == 1 && s.number == 90 && s.data.windows(3).any(|w| w == UTF8_DECLARATION));
    let decode = |data: &[u8]| -> Option<String> {
        let text =
            if declared_utf8 { String::from_utf8_lossy(data).into_owned() } else { utf8_or_latin1(data) };
        clean(&text)
    };
    let all = |number: u8| -> Vec<String> {
        sets.iter().filter(|s| s.record == 2 && s.number == number).filter_map(|s| decode(s.data)).collect()
    };
    let first = |number: u8| all(number).into_iter().next();
    let creators = all(80);
    PhotoMetadata {
        caption: first(120),
        headline: first(105),
        credit: first(110),
        creator: (!creators.is_empty()).then(|| creators.join(", ")),
        copyright: first(116),
        source: first(115),
        date_created: first(55).and_then(|date| iso_date_time(&date, first(60).as_deref())),
        city: first(90),
        country: first(101),
        instructions: first(40),
        ..PhotoMetadata::default()
    }
}

/// IIM `CCYYMMDD` and `HHMMSS±HHMM` as ISO 8601; a bad time is left out, a bad date gives `None`.
fn iso_date_time(date: &str, time: Option<&str>) -> Option<String> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if date.len() != 8 || !digits(date) || date == "00000000" {
        return None;
    }
    let mut out = format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]);
    if let Some(time) = time {
        if time.len() >= 6 && time.is_char_boundary(6) && digits(&time[0..6]) {
            out.push_str(&format!("T{}:{}:{}", &time[0..2], &time[2..4], &time[4..6]));
            let zone = &time[6..];
            let zb = zone.as_bytes();
            if zone.len() == 5 && (zb[0] == b'+' || zb[0] == b'-') && digits(&zone[1..]) {
                out.push_str(&format!("{}:{}", &zone[0..3], &zone[3..5]));
            }
        }
    }
    Some(out)
}

/// The IIM block of a rendition: 1:90 declaring UTF-8, 2:00 record version, then 2:80 By-line,
/// 2:110 Credit, 2:116 Copyright Notice and 2:120 Caption (cut to 2,000 bytes at a character
/// boundary, as the spec allows no more), in dataset order; empty fields are left out.
pub(super) fn write(meta: &RenditionMetadata) -> Vec<u8> {
    let mut out = Vec::new();
    push_dataset(&mut out, 1, 90, UTF8_DECLARATION);
    push_dataset(&mut out, 2, 0, &[0, 4]);
    let fields = [
        (40, truncate_utf8(&meta.instructions, MAX_INSTRUCTIONS_BYTES)),
        (80, meta.creator.as_str()),
        (110, meta.credit.as_str()),
        (116, meta.copyright.as_str()),
        (120, truncate_utf8(&meta.caption, MAX_CAPTION_BYTES)),
    ];
    for (number, text) in fields {
        if !text.is_empty() {
            push_dataset(&mut out, 2, number, text.as_bytes());
        }
    }
    out
}

fn push_dataset(out: &mut Vec<u8>, record: u8, number: u8, data: &[u8]) {
    out.extend_from_slice(&[TAG_MARKER, record, number]);
    if data.len() <= MAX_STANDARD_LENGTH {
        // Fits in 15 bits, so the cast cannot truncate.
        out.extend_from_slice(&(data.len() as u16).to_be_bytes());
    } else {
        // Extended form: 0x8004, then the length in four bytes.
        out.extend_from_slice(&0x8004u16.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    }
    out.extend_from_slice(data);
}

/// The IIM datasets inside Photoshop image resources (the first 0x0404 resource).
pub(super) fn from_photoshop(resources: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    while let Some(header) = resources.get(pos..pos + 7) {
        if !matches!(&header[0..4], b"8BIM" | b"PHUT" | b"AgHg" | b"DCSR" | b"MeSa") {
            return None;
        }
        let id = u16::from_be_bytes([header[4], header[5]]);
        // Pascal name: a length byte and the name, padded to an even total.
        let name_total = (1 + usize::from(header[6]) + 1) & !1;
        let size_at = pos + 6 + name_total;
        let size_bytes = resources.get(size_at..size_at + 4)?;
        let size = u32::from_be_bytes([size_bytes[0], size_bytes[1], size_bytes[2], size_bytes[3]]) as usize;
        let data_start = size_at + 4;
        let data = resources.get(data_start..data_start.checked_add(size)?)?;
        if id == IPTC_RESOURCE_ID {
            return Some(data);
        }
        pos = data_start + size + (size & 1);
    }
    None
}

/// A Photoshop image-resource block holding `iim` as resource 0x0404 (the APP13 payload after
/// the `Photoshop 3.0\0` header).
pub(super) fn photoshop_iptc_block(iim: &[u8]) -> Vec<u8> {
    let mut out = b"8BIM".to_vec();
    out.extend_from_slice(&IPTC_RESOURCE_ID.to_be_bytes());
    out.extend_from_slice(&[0, 0]); // empty name, padded to even
    out.extend_from_slice(&u32::try_from(iim.len()).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        out.push(0);
    }
    out
}
