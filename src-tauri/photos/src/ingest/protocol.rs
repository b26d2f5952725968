//! The `photo:` protocol's path check: which derived file a request names, if any.

use std::path::{Path, PathBuf};

use super::paths::{derived_path, DerivedKind};

/// Why a request for a derived file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DerivedRefusal {
    /// Not of the form `/thumbnails/<sha256>.jpg` or `/previews/<sha256>.jpg`.
    BadPath,
    /// No such file (or not a plain file: symlinks are refused).
    NotFound,
}

/// Maps a photo-protocol path (`/thumbnails/<sha256>.jpg`) to the derived file it names. Only
/// the two derived folders, only 64-hex names, only plain files: never an original, never a path
/// outside the derived folder, no `..`, no dotfiles, no symlinks.
pub fn resolve_derived(library: &Path, url_path: &str) -> std::result::Result<PathBuf, DerivedRefusal> {
    let mut parts = url_path.strip_prefix('/').unwrap_or(url_path).split('/');
    let (Some(folder), Some(file), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(DerivedRefusal::BadPath);
    };
    let kind = match folder {
        "thumbnails" => DerivedKind::Thumbnail,
        "previews" => DerivedKind::Preview,
        _ => return Err(DerivedRefusal::BadPath),
    };
    let Some(sha) = file.strip_suffix(".jpg") else {
        return Err(DerivedRefusal::BadPath);
    };
    if sha.len() != 64 || !sha.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(DerivedRefusal::BadPath);
    }
    let path = derived_path(library, kind, sha);
    match std::fs::symlink_metadata(&path) {
        Ok(meta) if meta.file_type().is_file() => Ok(path),
        _ => Err(DerivedRefusal::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use byline_model::files::write_atomically;

    use super::*;
    use crate::ingest::paths::original_path;
    use crate::ingest::sniff::PhotoFormat;

    #[test]
    fn only_derived_files_are_served() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sha = "ab".repeat(32);
        let thumb = derived_path(dir.path(), DerivedKind::Thumbnail, &sha);
        write_atomically(&thumb, b"jpeg", false).expect("write");
        let original = original_path(dir.path(), &sha, PhotoFormat::Jpeg);
        write_atomically(&original, b"original", false).expect("write");
        assert_eq!(resolve_derived(dir.path(), &format!("/thumbnails/{sha}.jpg")), Ok(thumb.clone()));
        assert_eq!(
            resolve_derived(dir.path(), &format!("/previews/{sha}.jpg")),
            Err(DerivedRefusal::NotFound)
        );
        for bad in [
            format!("/originals/ab/{sha}.jpg"),
            format!("/thumbnails/../originals/{sha}.jpg"),
            "/thumbnails/..%2F..%2Flibrary.sqlite".to_string(),
            "/../library.sqlite".to_string(),
            "/etc/passwd".to_string(),
            format!("/thumbnails/.{sha}.jpg"),
            format!("/thumbnails/{}.jpg", "AB".repeat(32)),
            format!("/thumbnails/{sha}.png"),
            format!("/thumbnails/{sha}.jpg/x"),
            "/thumbnails/".to_string(),
            String::new(),
        ] {
            assert_eq!(resolve_derived(dir.path(), &bad), Err(DerivedRefusal::BadPath), "{bad}");
        }
        // A symlink planted in the derived folder is not followed.
        let other = "cd".repeat(32);
        let link = derived_path(dir.path(), DerivedKind::Thumbnail, &other);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&original, &link).expect("symlink");
            assert_eq!(
                resolve_derived(dir.path(), &format!("/thumbnails/{other}.jpg")),
                Err(DerivedRefusal::NotFound)
            );
        }
    }
}
