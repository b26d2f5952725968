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
    /// HEIF with HEVC (an iPhone's HEIC), read through libheif.
    Heic,
    /// HEIF with AV1, read through libheif.
    Avif,
}

impl PhotoFormat {
    /// The file extension an original is stored with.
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tif",
            PhotoFormat::Heic => "heic",
            PhotoFormat::Avif => "avif",
        }
    }

    /// The name stored in the library database.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpeg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tiff",
            PhotoFormat::Heic => "heic",
            PhotoFormat::Avif => "avif",
        }
    }

    const ALL: [PhotoFormat; 6] = [
        PhotoFormat::Jpeg,
        PhotoFormat::Png,
        PhotoFormat::Webp,
        PhotoFormat::Tiff,
        PhotoFormat::Heic,
        PhotoFormat::Avif,
    ];

    /// Whether libheif reads it (the `image` crate reads the others).
    pub fn is_heif(self) -> bool {
        matches!(self, PhotoFormat::Heic | PhotoFormat::Avif)
    }

    /// The format a stored name ([`PhotoFormat::as_str`]) stands for.
    pub fn parse(s: &str) -> Option<PhotoFormat> {
        PhotoFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The `image` crate's name for this format (`None` for the HEIF ones, read by libheif).
    pub(super) fn image_format(self) -> Option<ImageFormat> {
        match self {
            PhotoFormat::Jpeg => Some(ImageFormat::Jpeg),
            PhotoFormat::Png => Some(ImageFormat::Png),
            PhotoFormat::Webp => Some(ImageFormat::WebP),
            PhotoFormat::Tiff => Some(ImageFormat::Tiff),
            PhotoFormat::Heic | PhotoFormat::Avif => None,
        }
    }
}

/// Reads the type from the bytes (never from the file name).
pub fn sniff(bytes: &[u8], name: &str) -> Result<PhotoFormat> {
    if bytes.is_empty() {
        return Err(refuse(name, "the file is empty (0 bytes)"));
    }
    match byline_heif::brand(bytes) {
        Some(byline_heif::Brand::Heic) => return Ok(PhotoFormat::Heic),
        Some(byline_heif::Brand::Avif) => return Ok(PhotoFormat::Avif),
        None => {}
    }
    if let Some(kind) = camera_raw(bytes, name) {
        return Err(refuse(
            name,
            format!(
                "camera RAW files ({kind}) are not supported: export a JPEG from the raw converter \
                 (Lightroom, Capture One, darktable…) and attach that"
            ),
        ));
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
        Ok(ImageFormat::Gif) => Err(refuse(
            name,
            "GIF is not supported: it holds graphics and animations, not photos; save it as PNG \
             (a graphic) or JPEG (a photo) and attach that",
        )),
        Ok(ImageFormat::Bmp) => Err(refuse(
            name,
            "BMP is not supported: save it as JPEG (a photo) or PNG (a screenshot or graphic) and attach that",
        )),
        Ok(other) => Err(refuse(
            name,
            format!("{other:?} is not supported: Byline takes JPEG, HEIC, PNG, WebP, TIFF and AVIF photos"),
        )),
        Err(_) => Err(refuse(name, "not a photo Byline can read (JPEG, HEIC, PNG, WebP, TIFF or AVIF)")),
    }
}

/// Camera RAW files, by their bytes: the TIFF-based ones (NEF, ARW, DNG, CR2, PEF…) look like
/// TIFF, so a TIFF with a camera's signature, a DNG version tag or a RAW file's extension is
/// one; CR3, RAF, ORF and RW2 have signatures of their own. Returns the kind, for the message.
fn camera_raw(bytes: &[u8], name: &str) -> Option<String> {
    const EXTENSIONS: &[&str] = &[
        "nef", "nrw", "arw", "srf", "sr2", "dng", "cr2", "crw", "pef", "srw", "raw", "rwl", "3fr", "iiq",
        "erf", "kdc", "mef", "mos", "x3f",
    ];
    let extension = std::path::Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"FUJIFILMCCD-RAW") {
        return Some("RAF".into());
    }
    if bytes.len() >= 12 && &bytes[4..12] == b"ftypcrx " {
        return Some("CR3".into());
    }
    if bytes.starts_with(b"IIRO") || bytes.starts_with(b"IIRS") || bytes.starts_with(b"MMOR") {
        return Some("ORF".into());
    }
    if bytes.starts_with(b"IIU\0") {
        return Some("RW2".into());
    }
    if !crate::metadata::is_tiff(bytes) {
        return None;
    }
    if bytes.get(8..10) == Some(b"CR") {
        return Some("CR2".into());
    }
    if extension == "dng" || crate::metadata::is_dng(bytes) {
        return Some("DNG".into());
    }
    EXTENSIONS.contains(&extension.as_str()).then(|| extension.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_read_from_the_bytes() {
        let ftyp = |brands: &[u8]| [&((brands.len() + 8) as u32).to_be_bytes()[..], b"ftyp", brands].concat();
        assert_eq!(sniff(&ftyp(b"heic\0\0\0\0mif1heic"), "IMG_0001.jpg").expect("heic"), PhotoFormat::Heic);
        assert_eq!(sniff(&ftyp(b"mif1\0\0\0\0mif1miafMA1B"), "x").expect("heif"), PhotoFormat::Heic);
        assert_eq!(sniff(&ftyp(b"avif\0\0\0\0avifmif1miaf"), "x.heic").expect("avif"), PhotoFormat::Avif);
        assert_eq!(sniff(&ftyp(b"mif1\0\0\0\0mif1avif"), "x").expect("avif"), PhotoFormat::Avif);
        // A video's ftyp is not a photo.
        let err = sniff(&ftyp(b"isom\0\0\x02\0isomiso2mp41"), "clip.mp4").expect_err("mp4");
        assert!(err.to_string().contains("not a photo"), "{err}");
        assert!(err.to_string().contains("clip.mp4"), "{err}");
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

    #[test]
    fn formats_byline_cannot_keep_say_what_to_do() {
        let gif = sniff(b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "anim.gif").expect_err("gif").to_string();
        assert!(gif.contains("GIF is not supported") && gif.contains("PNG"), "{gif}");
        let bmp =
            sniff(b"BM\x3e\0\0\0\0\0\0\0\x3e\0\0\0\x28\0\0\0", "scan.bmp").expect_err("bmp").to_string();
        assert!(bmp.contains("BMP is not supported") && bmp.contains("JPEG"), "{bmp}");
        let tiff_head = b"II*\0\x08\0\0\0\0\0\0\0".to_vec();
        for (bytes, name, kind) in [
            (tiff_head.clone(), "DSC_0001.NEF", "NEF"),
            (tiff_head.clone(), "_A7R0001.arw", "ARW"),
            (b"II*\0\x10\0\0\0CR\x02\0".to_vec(), "IMG_0001.dat", "CR2"),
            (b"FUJIFILMCCD-RAW 0201FF383501".to_vec(), "DSCF0001.jpg", "RAF"),
            (b"\0\0\0\x18ftypcrx \0\0\0\x01".to_vec(), "IMG_0001.CR3", "CR3"),
            (b"IIRO\x08\0\0\0".to_vec(), "P1010001.ORF", "ORF"),
            (tiff_head.clone(), "photo.dng", "DNG"),
            // A DNG named .tif: its DNGVersion tag gives it away.
            (
                b"II*\0\x08\0\0\0\x01\0\x12\xc6\x01\0\x04\0\0\0\x01\x04\0\0\0\0\0\0".to_vec(),
                "photo.tif",
                "DNG",
            ),
        ] {
            let err = sniff(&bytes, name).expect_err(name).to_string();
            assert!(
                err.contains(&format!("camera RAW files ({kind})")) && err.contains("export a JPEG"),
                "{name}: {err}"
            );
        }
        // A plain TIFF is a TIFF.
        let mut tiff = Vec::new();
        image::RgbImage::from_pixel(4, 4, image::Rgb([1, 2, 3]))
            .write_to(&mut std::io::Cursor::new(&mut tiff), image::ImageFormat::Tiff)
            .expect("tiff");
        assert_eq!(sniff(&tiff, "scan.tif").expect("tiff"), PhotoFormat::Tiff);
    }
}
