//! Bringing a photo into the library: type read from the bytes, a content-addressed original
//! (SHA-256), and the derived thumbnail and preview, the only image bytes the webview ever sees.
//!
//! One file per job: `sniff` (the type), `limits` (sizes refused before decoding), `paths` (the
//! content address and where files live), `protocol` (the `photo:` path check), `decode` (the
//! `image` crate's decode), `scaled` (libjpeg-turbo's reduced-size decode), `resize`, `orient`
//! (planes turned upright), `encode` (JPEGs out), `derive` (the thumbnail and preview), `bench`
//! (the thumbnail benchmark's batch).

mod bench;
mod decode;
mod derive;
mod encode;
mod heif;
mod limits;
mod orient;
mod paths;
mod protocol;
mod resize;
mod scaled;
mod sniff;

pub use bench::derive_files;
pub use decode::{decode, decode_with};
pub use derive::{derive, jpeg_rendition_planar, write_derived, write_derived_jpeg_fast};
pub use encode::{encode_rgb, jpeg_fitting};
pub use limits::{MAX_MEGAPIXELS, MAX_PHOTO_BYTES};
pub use paths::{content_hash, derived_path, original_path, DerivedKind, PREVIEW_EDGE, THUMBNAIL_EDGE};
pub use protocol::{resolve_derived, DerivedRefusal};
pub use resize::fit;
pub use scaled::{decode_jpeg_scaled, ScaledJpeg};
pub use sniff::{sniff, PhotoFormat};

/// A test JPEG with gradients, a sharp-edged block and fine stripes; the quarter decoder's tests
/// use it too.
#[cfg(test)]
pub(crate) use derive::tests::picture;

use crate::Error;

/// The error for a photo `name` that Byline refuses, saying why.
fn refuse(name: &str, problem: impl Into<String>) -> Error {
    Error::Photo { file: name.to_string(), problem: problem.into() }
}
