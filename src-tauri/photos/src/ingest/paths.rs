//! Where a photo's files live in a library: the content address (SHA-256) that names them, the
//! original's path, and the derived files' kinds, sizes and paths.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::sniff::PhotoFormat;

/// Long edge of the derived files.
pub const THUMBNAIL_EDGE: u32 = 400;
/// Long edge of the derived preview.
pub const PREVIEW_EDGE: u32 = 1600;

/// The content address of a file: lowercase hex SHA-256.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Where an original lives inside the library: `originals/ab/abcdef….jpg`.
pub fn original_path(library: &Path, sha256: &str, format: PhotoFormat) -> PathBuf {
    library.join("originals").join(&sha256[..2]).join(format!("{sha256}.{}", format.extension()))
}

/// Where the derived files live: `derived/thumbnails/<sha>.jpg`, `derived/previews/<sha>.jpg`.
pub fn derived_path(library: &Path, kind: DerivedKind, sha256: &str) -> PathBuf {
    library.join("derived").join(kind.folder()).join(format!("{sha256}.jpg"))
}

/// The two derived files of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedKind {
    Thumbnail,
    Preview,
}

impl DerivedKind {
    /// The folder under `derived/` that holds this kind.
    pub fn folder(self) -> &'static str {
        match self {
            DerivedKind::Thumbnail => "thumbnails",
            DerivedKind::Preview => "previews",
        }
    }

    /// The long edge this kind is made to fit.
    pub(super) fn edge(self) -> u32 {
        match self {
            DerivedKind::Thumbnail => THUMBNAIL_EDGE,
            DerivedKind::Preview => PREVIEW_EDGE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_hex() {
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
