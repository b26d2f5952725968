//! The size limits: how large a photo file and a decoded photo may be, checked before anything
//! is allocated.

use super::refuse;
use crate::Result;

/// Largest photo file accepted (a 100-megapixel camera JPEG is about 60 MB).
pub const MAX_PHOTO_BYTES: u64 = 200 * 1024 * 1024;
/// Largest side accepted before decoding.
pub(super) const MAX_SIDE: u32 = 20_000;
/// Largest photo decoded, in pixels (a 100-megapixel medium-format camera fits).
pub const MAX_MEGAPIXELS: u64 = 100;
/// The decoder's allocation budget.
pub(super) const MAX_DECODE_BYTES: u64 = 1024 * 1024 * 1024;

/// Refuses, before anything is allocated, a photo larger than Byline takes, naming the limit.
pub(super) fn check_size(width: u32, height: u32, name: &str) -> Result<()> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_MEGAPIXELS * 1_000_000 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(refuse(
            name,
            format!(
                "it is {width}x{height} ({} megapixels); Byline takes photos up to {MAX_MEGAPIXELS} megapixels and {MAX_SIDE} pixels a side",
                pixels.div_ceil(1_000_000)
            ),
        ));
    }
    Ok(())
}
