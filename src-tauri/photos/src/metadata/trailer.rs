//! Photo Mechanic's trailer: after a JPEG's end-of-image marker, IIM datasets (its own "soft
//! edits" under record 2, numbers 209 and up, and sometimes the IPTC fields), padded, then a
//! 12-byte footer: the block's length (4 bytes, big-endian) and `cbipcbbl`. FotoStation and
//! phones write other trailers, which are left alone.

use super::{iim, jpeg};

const SIGNATURE: &[u8] = b"cbipcbbl";
/// Soft-edit datasets (record 2), each a 4-byte signed big-endian integer.
const ROTATION: u8 = 216;
const CROP: [u8; 4] = [217, 218, 219, 220];

/// The IIM block of a JPEG's Photo Mechanic trailer, when it has one after its picture.
pub(super) fn block(bytes: &[u8]) -> Option<&[u8]> {
    let footer_at = bytes.len().checked_sub(12)?;
    if &bytes[footer_at + 4..] != SIGNATURE {
        return None;
    }
    let len = u32::from_be_bytes(bytes[footer_at..footer_at + 4].try_into().ok()?) as usize;
    let start = footer_at.checked_sub(len)?;
    // The trailer follows the picture; it never overlaps it.
    (jpeg::image_end(bytes)? <= start).then(|| &bytes[start..footer_at])
}

/// What Photo Mechanic's trailer says should be done to the picture: shown with the photo as
/// information, never applied (the photographer's desk decides).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SoftEdits {
    /// Degrees clockwise: 0, 90, 180 or 270.
    pub rotation: Option<u16>,
    /// Left, top, right, bottom, in the trailer's units.
    pub crop: Option<[i32; 4]>,
}

impl SoftEdits {
    /// The edits as the photo panel shows them ("Photo Mechanic asks to rotate 90° and crop
    /// (10, 20)–(300, 200); not applied"), or `None` when there are none.
    pub fn in_words(&self) -> Option<String> {
        let mut asks = Vec::new();
        if let Some(r) = self.rotation.filter(|&r| r != 0) {
            asks.push(format!("rotate {r}° clockwise"));
        }
        if let Some([l, t, r, b]) = self.crop {
            asks.push(format!("crop to ({l}, {t})–({r}, {b})"));
        }
        (!asks.is_empty()).then(|| format!("Photo Mechanic asks to {}; not applied", asks.join(" and ")))
    }
}

/// The soft edits of a JPEG's Photo Mechanic trailer, if it has one.
pub fn soft_edits(bytes: &[u8]) -> Option<SoftEdits> {
    let values = iim::numbers(block(bytes)?, 2);
    let value = |n: u8| values.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
    let rotation = value(ROTATION).and_then(|r| [0, 90, 180, 270].get(usize::try_from(r).ok()?).copied());
    let crop = CROP.iter().map(|&n| value(n)).collect::<Option<Vec<i32>>>();
    let crop = crop.and_then(|c| <[i32; 4]>::try_from(c).ok()).filter(|c| c.iter().any(|&v| v != 0));
    Some(SoftEdits { rotation, crop })
}
