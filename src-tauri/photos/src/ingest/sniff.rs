//! The photo types Byline takes, read from a file's bytes (never from its name).

use image::ImageFormat;

use super::refuse;
use crate::Result;

/// The photo types Byline takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Webp,
    Tiff,
}

impl PhotoFormat {
    /// The file extension an original is stored with.
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tif",
        }
    }

    /// The name stored in the library database.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpeg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tiff",
        }
    }

    /// The format a stored name ([`PhotoFormat::as_str`]) stands for.
    pub fn parse(s: &str) -> Option<PhotoFormat> {
        [PhotoFormat::Jpeg, PhotoFormat::Png, PhotoFormat::Webp, PhotoFormat::Tiff]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    /// The `image` crate's name for this format.
    pub(super) fn image_format(self) -> ImageFormat {
        match self {
            PhotoFormat::Jpeg => ImageFormat::Jpeg,
            PhotoFormat::Png => ImageFormat::Png,
            PhotoFormat::Webp => ImageFormat::WebP,
            PhotoFormat::Tiff => ImageFormat::Tiff,
        }
    }
}

/// Reads the type from the bytes (never from the file name).
pub fn sniff(bytes: &[u8], name: &str) -> Result<PhotoFormat> {
    if bytes.is_empty() {
        return Err(refuse(name, "the file is empty (0 bytes)"));
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = String::from_utf8_lossy(&bytes[8..12]).to_string();
        if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif"].contains(&brand.as_str()) {
            return Err(refuse(
                name,
                format!("HEIC/HEIF and AVIF photos ({brand}) are not supported; export it as JPEG first"),
            ));
        }
    }
    match image::guess_format(bytes) {
        Ok(ImageFormat::Jpeg) => {
            // The decoder fills a cut-off JPEG with grey; the missing end marker gives it away.
            let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
            if end < 4 || bytes[end - 2..end] != [0xFF, 0xD9] {
                return Err(refuse(
                    name,
                    "the JPEG is incomplete (it has no end-of-image marker): it may have been cut off while copying",
                ));
            }
            Ok(PhotoFormat::Jpeg)
        }
        Ok(ImageFormat::Png) => Ok(PhotoFormat::Png),
        Ok(ImageFormat::WebP) => Ok(PhotoFormat::Webp),
        Ok(ImageFormat::Tiff) => Ok(PhotoFormat::Tiff),
        Ok(other) => Err(refuse(
            name,
            format!("{other:?} is not supported: Byline takes JPEG, PNG, WebP and TIFF photos"),
        )),
        Err(_) => Err(refuse(name, "not a photo Byline can read (JPEG, PNG, WebP or TIFF)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_read_from_the_bytes() {
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic");
        heic.extend_from_slice(&[0; 16]);
        let err = sniff(&heic, "IMG_0001.jpg").expect_err("heic");
        assert!(err.to_string().contains("HEIC/HEIF"), "{err}");
        assert!(err.to_string().contains("IMG_0001.jpg"), "{err}");
        let err = sniff(b"GIF89a\x01\x00\x01\x00", "anim.gif").expect_err("gif");
        assert!(err.to_string().contains("not supported"), "{err}");
        let err = sniff(b"hello, not a photo", "notes.jpg").expect_err("text");
        assert!(err.to_string().contains("not a photo"), "{err}");
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\xff\xd9", "x.png").expect("jpeg"),
            PhotoFormat::Jpeg
        );
        let err = sniff(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x12\x34", "cut.jpg").expect_err("cut");
        assert!(err.to_string().contains("incomplete"), "{err}");
        assert!(sniff(b"", "empty.jpg").expect_err("empty").to_string().contains("empty"));
    }
}
