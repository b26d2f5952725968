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
            // The decoder fills a cut-off JPEG with grey; a scan never closed by its end-of-image
            // marker gives it away. Data after that marker (a photo desk's or a phone's trailer)
            // is normal and is not the picture.
            if crate::metadata::jpeg_picture_len(bytes).is_none() {
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
        let jpeg = tiny_jpeg();
        assert_eq!(sniff(&jpeg, "x.png").expect("jpeg"), PhotoFormat::Jpeg);
        let err = sniff(&jpeg[..jpeg.len() - 40], "cut.jpg").expect_err("cut");
        assert!(err.to_string().contains("incomplete"), "{err}");
        assert!(sniff(b"", "empty.jpg").expect_err("empty").to_string().contains("empty"));
    }

    /// A real 16x16 JPEG, as the `image` crate writes it.
    fn tiny_jpeg() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::from_fn(16, 16, |x, y| image::Rgb([x as u8 * 16, y as u8 * 16, 128]))
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .expect("encode");
        out
    }

    #[test]
    fn data_after_the_end_of_image_marker_is_a_trailer_not_damage() {
        let jpeg = tiny_jpeg();
        // A Photo Mechanic-style trailer (IIM records, padding, size, signature), a phone's own
        // block, trailing zeros, and bytes that look like markers.
        for trailer in [
            b"\x1c\x02\xd8\x00\x01\x01\0\0\0\0\x00\x00\x00\x0ecbipcbbl".to_vec(),
            b"SEFHSamsung block\xff\xd8\xff\xe1garbage".to_vec(),
            vec![0; 512],
            b"\xff\xd9\xff\xd9".to_vec(),
        ] {
            let mut file = jpeg.clone();
            file.extend_from_slice(&trailer);
            assert_eq!(sniff(&file, "trailer.jpg").expect("a complete JPEG"), PhotoFormat::Jpeg);
            assert_eq!(crate::metadata::jpeg_picture_len(&file), Some(jpeg.len()));
            let image =
                crate::ingest::decode::decode(&file, PhotoFormat::Jpeg, "trailer.jpg").expect("decodes");
            assert_eq!((image.width(), image.height()), (16, 16));
        }
        // A scan cut off, even when junk follows, is still refused.
        let mut cut = jpeg[..jpeg.len() / 2].to_vec();
        cut.extend_from_slice(&[0; 64]);
        assert!(sniff(&cut, "cut.jpg").expect_err("cut").to_string().contains("incomplete"));
    }
}
