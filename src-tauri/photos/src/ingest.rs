//! Bringing a photo into the library: type read from the bytes, a content-addressed original
//! (SHA-256), and the derived thumbnail and preview, the only image bytes the webview ever sees.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// Largest photo file accepted (a 100-megapixel camera JPEG is about 60 MB).
pub const MAX_PHOTO_BYTES: u64 = 200 * 1024 * 1024;
/// Largest side accepted before decoding, and the decoder's allocation budget.
const MAX_SIDE: u32 = 20_000;
/// Largest photo decoded, in pixels (a 100-megapixel medium-format camera fits).
pub const MAX_MEGAPIXELS: u64 = 100;
const MAX_DECODE_BYTES: u64 = 1024 * 1024 * 1024;
/// Long edge of the derived files.
pub const THUMBNAIL_EDGE: u32 = 400;
pub const PREVIEW_EDGE: u32 = 1600;

/// The photo types Byline takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
    Webp,
    Tiff,
}

impl PhotoFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tif",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "jpeg",
            PhotoFormat::Png => "png",
            PhotoFormat::Webp => "webp",
            PhotoFormat::Tiff => "tiff",
        }
    }

    pub fn parse(s: &str) -> Option<PhotoFormat> {
        [PhotoFormat::Jpeg, PhotoFormat::Png, PhotoFormat::Webp, PhotoFormat::Tiff]
            .into_iter()
            .find(|f| f.as_str() == s)
    }

    fn image_format(self) -> ImageFormat {
        match self {
            PhotoFormat::Jpeg => ImageFormat::Jpeg,
            PhotoFormat::Png => ImageFormat::Png,
            PhotoFormat::Webp => ImageFormat::WebP,
            PhotoFormat::Tiff => ImageFormat::Tiff,
        }
    }
}

fn refuse(name: &str, problem: impl Into<String>) -> Error {
    Error::Photo { file: name.to_string(), problem: problem.into() }
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedKind {
    Thumbnail,
    Preview,
}

impl DerivedKind {
    pub fn folder(self) -> &'static str {
        match self {
            DerivedKind::Thumbnail => "thumbnails",
            DerivedKind::Preview => "previews",
        }
    }

    fn edge(self) -> u32 {
        match self {
            DerivedKind::Thumbnail => THUMBNAIL_EDGE,
            DerivedKind::Preview => PREVIEW_EDGE,
        }
    }
}

/// Refuses, before anything is allocated, a photo larger than Byline takes, naming the limit.
fn check_size(width: u32, height: u32, name: &str) -> Result<()> {
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

/// Decodes a photo with size limits, applying its EXIF orientation exactly once.
pub fn decode(bytes: &[u8], format: PhotoFormat, name: &str) -> Result<DynamicImage> {
    decode_with(bytes, format, name, true)
}

/// [`decode`], leaving the pixels as stored when `orient` is false (for a rendition that keeps
/// the original EXIF, whose orientation tag then still applies).
pub fn decode_with(bytes: &[u8], format: PhotoFormat, name: &str, orient: bool) -> Result<DynamicImage> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let broken = |e: image::ImageError| refuse(name, format!("the photo could not be decoded: {e}"));
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, name)?;
    // A damaged EXIF block must not stop the photo: its orientation falls back to normal.
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    if orient {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

pub use byline_model::files::write_atomically;

/// A JPEG of `image` scaled to fit `edge` (never enlarged).
pub fn jpeg_fitting(image: &DynamicImage, edge: u32, quality: u8) -> Result<Vec<u8>> {
    let scaled = if image.width().max(image.height()) > edge {
        image.resize(edge, edge, image::imageops::FilterType::Triangle)
    } else {
        image.clone()
    };
    let rgb = scaled.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&rgb)
        .map_err(|e| Error::InvalidInput(format!("could not encode a JPEG: {e}")))?;
    Ok(out)
}

/// Writes the thumbnail and preview of a decoded photo.
pub fn write_derived(library: &Path, sha256: &str, image: &DynamicImage) -> Result<()> {
    // The preview first, then the thumbnail from the preview: far cheaper than from the original.
    let preview = if image.width().max(image.height()) > PREVIEW_EDGE {
        image.resize(PREVIEW_EDGE, PREVIEW_EDGE, image::imageops::FilterType::Triangle)
    } else {
        image.clone()
    };
    for kind in [DerivedKind::Preview, DerivedKind::Thumbnail] {
        let jpeg = jpeg_fitting(&preview, kind.edge(), 82)?;
        write_atomically(&derived_path(library, kind, sha256), &jpeg, false)?;
    }
    Ok(())
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

    #[test]
    fn hashes_are_stable_hex() {
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

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
mod protocol_tests {
    use super::*;

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

/// A JPEG decoded at a reduced DCT size (libjpeg-turbo scaling): never expanded in full.
pub struct ScaledJpeg {
    pub pixels: fast_image_resize::images::Image<'static>,
    /// The EXIF orientation, not yet applied to `pixels`.
    pub orientation: image::metadata::Orientation,
    /// The upright size of the full photo.
    pub full_size: (u32, u32),
}

/// A JPEG opened for a reduced-size decode: libjpeg-turbo set to the smallest DCT scale whose
/// long edge is still at least the size asked for (or the whole photo when it is smaller), with
/// the header and the EXIF orientation read once for whichever decode follows.
struct ScaledDecoder {
    decompressor: turbojpeg::Decompressor,
    header: turbojpeg::DecompressHeader,
    factor: turbojpeg::ScalingFactor,
    scaled: turbojpeg::DecompressHeader,
    orientation: image::metadata::Orientation,
}

impl ScaledDecoder {
    /// `None` when libjpeg-turbo cannot take this file, so the caller falls back to the `image`
    /// crate; an error for a photo larger than Byline takes.
    fn open(bytes: &[u8], min_long_edge: u32, name: &str) -> Result<Option<ScaledDecoder>> {
        let Ok(mut decompressor) = turbojpeg::Decompressor::new() else { return Ok(None) };
        let Ok(header) = decompressor.read_header(bytes) else { return Ok(None) };
        check_size(header.width as u32, header.height as u32, name)?;
        let factor = scale_for(header.width.max(header.height), min_long_edge);
        if decompressor.set_scaling_factor(factor).is_err() {
            return Ok(None);
        }
        // Read from the header in place: the image crate's decoder would copy the whole file first.
        let orientation = crate::metadata::jpeg_orientation(bytes)
            .and_then(|o| image::metadata::Orientation::from_exif(o as u8))
            .unwrap_or(image::metadata::Orientation::NoTransforms);
        Ok(Some(ScaledDecoder { decompressor, factor, scaled: header.scaled(factor), header, orientation }))
    }

    /// The upright size of the full photo.
    fn full_size(&self) -> (u32, u32) {
        let (w, h) = (self.header.width as u32, self.header.height as u32);
        let swapped = matches!(
            self.orientation,
            image::metadata::Orientation::Rotate90
                | image::metadata::Orientation::Rotate270
                | image::metadata::Orientation::Rotate90FlipH
                | image::metadata::Orientation::Rotate270FlipH
        );
        if swapped {
            (h, w)
        } else {
            (w, h)
        }
    }

    /// True when the derived files can be made without leaving YCbCr: a colour photo with a
    /// chroma subsampling the planar path is tested with (turned or not: the small planes are
    /// turned upright after resizing). Grey and CMYK photos take the RGB path.
    fn planar(&self) -> bool {
        use turbojpeg::Subsamp;
        self.header.colorspace == turbojpeg::Colorspace::YCbCr
            && !self.header.is_lossless
            && matches!(
                self.header.subsamp,
                Subsamp::None | Subsamp::Sub2x1 | Subsamp::Sub2x2 | Subsamp::Sub1x2
            )
    }

    /// Decodes to RGB pixels (orientation not applied).
    fn rgb(mut self, bytes: &[u8], name: &str) -> Result<ScaledJpeg> {
        // Chroma is upsampled from a reduced-size decode anyway: the fast path loses nothing visible.
        let _ = self.decompressor.set_fast_upsample(true);
        let (width, height) = (self.scaled.width, self.scaled.height);
        let mut image = turbojpeg::Image {
            pixels: vec![0u8; 3 * width * height],
            width,
            pitch: 3 * width,
            height,
            format: turbojpeg::PixelFormat::RGB,
        };
        if let Err(e) = self.decompressor.decompress(bytes, image.as_deref_mut()) {
            return Err(refuse(name, format!("the photo could not be decoded: {e}")));
        }
        let pixels = fast_image_resize::images::Image::from_vec_u8(
            width as u32,
            height as u32,
            image.pixels,
            fast_image_resize::PixelType::U8x3,
        )
        .map_err(|e| refuse(name, format!("could not resize: {e}")))?;
        let full_size = self.full_size();
        Ok(ScaledJpeg { pixels, orientation: self.orientation, full_size })
    }

    /// Decodes to its Y, Cb and Cr planes (no colour conversion, no chroma upsampling). At 1/4
    /// scale, the JPEGs cameras and phones write go through [`super::quarter`], which skips most
    /// of the Huffman work and gives 4:2:0 planes whatever the photo's subsampling;
    /// libjpeg-turbo takes the rest, and gives the planes as they are stored.
    fn planes(mut self, bytes: &[u8], name: &str) -> Result<turbojpeg::YuvImage<Vec<u8>>> {
        if self.factor == turbojpeg::ScalingFactor::ONE_QUARTER {
            if let Some(planes) = super::quarter::decode(bytes) {
                if (planes.width, planes.height) == (self.scaled.width, self.scaled.height) {
                    return Ok(planes);
                }
            }
        }
        let mut planes = turbojpeg::YuvImage {
            pixels: Vec::new(),
            width: self.scaled.width,
            align: 1,
            height: self.scaled.height,
            subsamp: self.header.subsamp,
        };
        let len = turbojpeg::yuv_pixels_len(planes.width, 1, planes.height, planes.subsamp)
            .map_err(|e| refuse(name, format!("the photo could not be decoded: {e}")))?;
        planes.pixels = vec![0u8; len];
        if let Err(e) = self.decompressor.decompress_to_yuv(bytes, planes.as_deref_mut()) {
            return Err(refuse(name, format!("the photo could not be decoded: {e}")));
        }
        Ok(planes)
    }
}

/// Decodes a JPEG at the smallest DCT scale whose long edge is still at least `min_long_edge`
/// (or in full when the photo is smaller). `None` when libjpeg-turbo cannot take this file, so
/// the caller falls back to the `image` crate.
pub fn decode_jpeg_scaled(bytes: &[u8], min_long_edge: u32, name: &str) -> Result<Option<ScaledJpeg>> {
    match ScaledDecoder::open(bytes, min_long_edge, name)? {
        Some(decoder) => decoder.rgb(bytes, name).map(Some),
        None => Ok(None),
    }
}

/// Encodes RGB pixels as a JPEG with libjpeg-turbo, turning them upright first when asked.
pub fn encode_rgb(
    img: fast_image_resize::images::Image<'static>,
    orientation: Option<image::metadata::Orientation>,
    quality: i32,
    name: &str,
) -> Result<Vec<u8>> {
    let (w, h) = (img.width(), img.height());
    let rgb = image::RgbImage::from_raw(w, h, img.into_vec())
        .ok_or_else(|| refuse(name, "could not resize: buffer size"))?;
    let rgb = match orientation {
        Some(o) if o != image::metadata::Orientation::NoTransforms => {
            let mut upright = DynamicImage::ImageRgb8(rgb);
            upright.apply_orientation(o);
            upright.into_rgb8()
        }
        _ => rgb,
    };
    let jpeg = turbojpeg::compress(
        turbojpeg::Image {
            pixels: rgb.as_raw().as_slice(),
            width: rgb.width() as usize,
            pitch: 3 * rgb.width() as usize,
            height: rgb.height() as usize,
            format: turbojpeg::PixelFormat::RGB,
        },
        quality,
        turbojpeg::Subsamp::Sub2x2,
    )
    .map_err(|e| refuse(name, format!("could not encode a JPEG: {e}")))?;
    Ok(jpeg.to_vec())
}

/// The derived files of a JPEG the fast way: a reduced-size decode, a SIMD resizer for the
/// preview and the thumbnail, libjpeg-turbo to encode them. Colour photos never leave YCbCr:
/// decoded to their Y, Cb and Cr planes, each plane resized (and turned upright) on its own and
/// the planes encoded as they are, with no colour conversion, chroma upsampling or downsampling
/// on the way and half the memory of RGB. Returns the upright size of the original, or `None`
/// when this path does not apply and [`write_derived`] must be used.
pub fn write_derived_jpeg_fast(
    library: &Path,
    sha256: &str,
    bytes: &[u8],
    name: &str,
) -> Result<Option<(u32, u32)>> {
    let Some(decoder) = ScaledDecoder::open(bytes, PREVIEW_EDGE * 9 / 10, name)? else { return Ok(None) };
    let full_size = decoder.full_size();
    if decoder.planar() {
        let orientation = decoder.orientation;
        let planes = decoder.planes(bytes, name)?;
        let preview = resize_planes(&planes, PREVIEW_EDGE, name)?;
        drop(planes);
        let thumbnail = resize_planes(&preview, THUMBNAIL_EDGE, name)?;
        let (preview, thumbnail) =
            (upright_planes(preview, orientation), upright_planes(thumbnail, orientation));
        let encode_error = |e: turbojpeg::Error| refuse(name, format!("could not encode a JPEG: {e}"));
        let mut compressor = turbojpeg::Compressor::new().map_err(encode_error)?;
        compressor.set_quality(82).map_err(encode_error)?;
        for (kind, img) in [(DerivedKind::Preview, &preview), (DerivedKind::Thumbnail, &thumbnail)] {
            let jpeg = compressor.compress_yuv_to_vec(img.as_deref()).map_err(encode_error)?;
            write_atomically(&derived_path(library, kind, sha256), &jpeg, false)?;
        }
        return Ok(Some(full_size));
    }
    let decoded = decoder.rgb(bytes, name)?;
    let preview = fit(decoded.pixels, PREVIEW_EDGE, name)?;
    let thumbnail = fit_ref(&preview, THUMBNAIL_EDGE, name)?;
    for (kind, img) in [(DerivedKind::Preview, preview), (DerivedKind::Thumbnail, thumbnail)] {
        let jpeg = encode_rgb(img, Some(decoded.orientation), 82, name)?;
        write_atomically(&derived_path(library, kind, sha256), &jpeg, false)?;
    }
    Ok(Some(full_size))
}

/// 4:2:0 planes turned upright by an EXIF orientation, plane by plane, as
/// [`DynamicImage::apply_orientation`] turns pixels. The luma plane is turned without its
/// padding and padded again; with an odd width or height, a mirrored chroma plane is off by
/// half a chroma sample at that edge, which a thumbnail or preview does not show.
fn upright_planes(
    planes: turbojpeg::YuvImage<Vec<u8>>,
    orientation: image::metadata::Orientation,
) -> turbojpeg::YuvImage<Vec<u8>> {
    if orientation == image::metadata::Orientation::NoTransforms {
        return planes;
    }
    let turn = |pixels: &[u8], (stride, rows): (usize, usize), (w, h): (usize, usize)| {
        let mut plane = image::GrayImage::new(w as u32, h as u32);
        for (y, row) in plane.rows_mut().enumerate() {
            for (x, pixel) in row.enumerate() {
                pixel.0[0] = pixels[y.min(rows - 1) * stride + x.min(stride - 1)];
            }
        }
        let mut turned = DynamicImage::ImageLuma8(plane);
        turned.apply_orientation(orientation);
        turned.into_luma8()
    };
    let (y_size, uv_size) = (planes.y_size(), planes.uv_size());
    let luma = turn(&planes.pixels, y_size, (planes.width, planes.height));
    let (width, height) = (luma.width() as usize, luma.height() as usize);
    let mut out =
        turbojpeg::YuvImage { pixels: Vec::new(), width, align: 1, height, subsamp: planes.subsamp };
    let (oy, ouv) = (out.y_size(), out.uv_size());
    out.pixels.reserve(oy.0 * oy.1 + 2 * ouv.0 * ouv.1);
    for row in 0..oy.1 {
        let line = &luma.as_raw()[row.min(height - 1) * width..][..width];
        out.pixels.extend_from_slice(line);
        out.pixels.extend(std::iter::repeat_n(line[width - 1], oy.0 - width));
    }
    let chroma = &planes.pixels[y_size.0 * y_size.1..];
    for plane in chroma.chunks_exact(uv_size.0 * uv_size.1).take(2) {
        out.pixels.extend_from_slice(turn(plane, uv_size, uv_size).as_raw());
    }
    out
}

/// The smallest DCT scale whose long edge is still at least `want` (or the whole photo).
fn scale_for(long: usize, want: u32) -> turbojpeg::ScalingFactor {
    let want = (want as usize).min(long);
    [
        turbojpeg::ScalingFactor::ONE_EIGHTH,
        turbojpeg::ScalingFactor::ONE_QUARTER,
        turbojpeg::ScalingFactor::ONE_HALF,
        turbojpeg::ScalingFactor::ONE,
    ]
    .into_iter()
    .find(|f| f.scale(long) >= want)
    .unwrap_or(turbojpeg::ScalingFactor::ONE)
}

/// YCbCr planes scaled to fit `edge` (never enlarged), as 4:2:0 planes whatever the source's
/// subsampling (what the derived JPEGs are encoded with): each plane resized on its own to the
/// sizes TurboJPEG expects, the luma plane padded to whole chroma samples by repeating its last
/// column and row.
fn resize_planes(
    src: &turbojpeg::YuvImage<Vec<u8>>,
    edge: u32,
    name: &str,
) -> Result<turbojpeg::YuvImage<Vec<u8>>> {
    let (w, h) = (src.width as u32, src.height as u32);
    let (nw, nh) = if w.max(h) <= edge { (w, h) } else { fitted(w, h, edge) };
    let mut out = turbojpeg::YuvImage {
        pixels: Vec::new(),
        width: nw as usize,
        align: 1,
        height: nh as usize,
        subsamp: turbojpeg::Subsamp::Sub2x2,
    };
    out.pixels = vec![
        0u8;
        turbojpeg::yuv_pixels_len(out.width, 1, out.height, out.subsamp)
            .map_err(|e| refuse(name, format!("could not resize: {e}")))?
    ];
    let (sy, (su_w, su_h)) = (src.y_size(), src.uv_size());
    let (oy, (ou_w, ou_h)) = (out.y_size(), out.uv_size());
    let (hs, vs) = src.subsamp.size();
    let src_y = &src.pixels[..sy.0 * sy.1];
    let (src_u, src_v) = src.pixels[sy.0 * sy.1..].split_at(su_w * su_h);
    let (dst_y, dst_uv) = out.pixels.split_at_mut(oy.0 * oy.1);
    let (dst_u, dst_v) = dst_uv.split_at_mut(ou_w * ou_h);
    // Luma: the visible w x h, into nw x nh (or as it is), then padded.
    let resized;
    let (y, y_stride): (&[u8], usize) = if (nw, nh) == (w, h) {
        (src_y, sy.0)
    } else {
        resized = resize_plane(src_y, sy.0, sy.1, (w, h), (nw, nh), name)?;
        (&resized, nw as usize)
    };
    let (nw, nh) = (nw as usize, nh as usize);
    for row in 0..oy.1 {
        let from = &y[row.min(nh - 1) * y_stride..][..nw];
        let to = &mut dst_y[row * oy.0..][..oy.0];
        to[..nw].copy_from_slice(from);
        to[nw..].fill(from[nw - 1]);
    }
    // Chroma: the samples that cover the visible image, into the new plane size.
    let visible = (w.div_ceil(hs as u32), h.div_ceil(vs as u32));
    for (from, to) in [(&src_u[..su_w * su_h], &mut *dst_u), (&src_v[..su_w * su_h], &mut *dst_v)] {
        let plane = resize_plane(from, su_w, su_h, visible, (ou_w as u32, ou_h as u32), name)?;
        to.copy_from_slice(&plane);
    }
    Ok(out)
}

/// One 8-bit plane (`stride` x `rows`), its top-left `visible` part resized to `to`.
fn resize_plane(
    plane: &[u8],
    stride: usize,
    rows: usize,
    visible: (u32, u32),
    to: (u32, u32),
    name: &str,
) -> Result<Vec<u8>> {
    let src = fast_image_resize::images::ImageRef::new(
        stride as u32,
        rows as u32,
        plane,
        fast_image_resize::PixelType::U8,
    )
    .map_err(|e| refuse(name, format!("could not resize: {e}")))?;
    let mut dst = fast_image_resize::images::Image::new(to.0, to.1, fast_image_resize::PixelType::U8);
    let options = fast_image_resize::ResizeOptions::new()
        .resize_alg(fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Bilinear))
        .crop(0.0, 0.0, f64::from(visible.0), f64::from(visible.1));
    fast_image_resize::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| refuse(name, format!("could not resize: {e}")))?;
    Ok(dst.into_vec())
}

/// The size that fits `edge` on the long side, keeping the proportions.
fn fitted(w: u32, h: u32, edge: u32) -> (u32, u32) {
    if w >= h {
        (edge, ((u64::from(h) * u64::from(edge)) / u64::from(w)).max(1) as u32)
    } else {
        (((u64::from(w) * u64::from(edge)) / u64::from(h)).max(1) as u32, edge)
    }
}

/// `src` scaled to fit `edge` (never enlarged), with a filter suited to downscaling.
pub fn fit(
    src: fast_image_resize::images::Image<'static>,
    edge: u32,
    name: &str,
) -> Result<fast_image_resize::images::Image<'static>> {
    if src.width().max(src.height()) <= edge {
        return Ok(src);
    }
    fit_ref(&src, edge, name)
}

/// [`fit`] from a borrowed image (always a new image).
fn fit_ref(
    src: &fast_image_resize::images::Image<'static>,
    edge: u32,
    name: &str,
) -> Result<fast_image_resize::images::Image<'static>> {
    let (w, h) = (src.width(), src.height());
    if w.max(h) <= edge {
        return Ok(src.copy());
    }
    let (nw, nh) = fitted(w, h, edge);
    let mut dst = fast_image_resize::images::Image::new(nw, nh, fast_image_resize::PixelType::U8x3);
    let options = fast_image_resize::ResizeOptions::new()
        .resize_alg(fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Bilinear));
    fast_image_resize::Resizer::new()
        .resize(src, &mut dst, &options)
        .map_err(|e| refuse(name, format!("could not resize: {e}")))?;
    Ok(dst)
}

/// Makes the derived files of one photo (the fast JPEG path where it applies) and returns its
/// upright size. Decoding is also the check that the photo is whole.
pub fn derive(
    library: &Path,
    sha256: &str,
    bytes: &[u8],
    format: PhotoFormat,
    name: &str,
) -> Result<(u32, u32)> {
    if format == PhotoFormat::Jpeg {
        if let Some(size) = write_derived_jpeg_fast(library, sha256, bytes, name)? {
            return Ok(size);
        }
    }
    let image = decode(bytes, format, name)?;
    write_derived(library, sha256, &image)?;
    Ok((image.width(), image.height()))
}

/// Makes the derived files of photo files into `out` (as a library would), `workers` at a time
/// on the same batch workers as an import; for the benchmark against vipsthumbnail. Returns how
/// many were made, or the first file's error.
pub fn derive_files(files: &[PathBuf], out: &Path, workers: usize) -> Result<usize> {
    let derive_file = |file: &PathBuf| -> Result<()> {
        let name = file.display().to_string();
        super::batch::guarded(&name, || {
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let format = sniff(&bytes, &name)?;
            derive(out, &content_hash(&bytes), &bytes, format, &name).map(drop)
        })
    };
    let mut made = 0;
    let mut first_error = None;
    super::batch::in_order(files, workers, derive_file, |_, result| match result {
        Ok(()) => {
            made += 1;
            std::ops::ControlFlow::Continue(())
        }
        Err(e) => {
            first_error.get_or_insert(e);
            std::ops::ControlFlow::Break(())
        }
    });
    first_error.map_or(Ok(made), Err)
}

#[cfg(test)]
pub(crate) mod yuv_tests {
    use super::*;

    /// A picture with gradients, a sharp-edged block and fine stripes (full blocks, long runs
    /// of coefficients), `w` x `h`, as a JPEG with `subsamp`.
    pub(crate) fn picture(w: usize, h: usize, subsamp: turbojpeg::Subsamp) -> Vec<u8> {
        let mut rgb = vec![0u8; w * h * 3];
        for y in 0..h {
            for x in 0..w {
                let i = (y * w + x) * 3;
                let block = x > w / 3 && x < w / 2 && y > h / 4 && y < h / 2;
                let stripes = x > w * 2 / 3 && (x / 3 + y / 5) % 2 == 0;
                rgb[i] = if block { 230 } else { (x * 255 / w) as u8 };
                rgb[i + 1] = if block {
                    30
                } else if stripes {
                    250
                } else {
                    (y * 255 / h) as u8
                };
                rgb[i + 2] = if block { 40 } else { 128 };
            }
        }
        let image = turbojpeg::Image {
            pixels: rgb.as_slice(),
            width: w,
            pitch: w * 3,
            height: h,
            format: turbojpeg::PixelFormat::RGB,
        };
        turbojpeg::compress(image, 95, subsamp).expect("jpeg").to_vec()
    }

    fn read(path: &Path) -> image::RgbImage {
        image::load_from_memory(&std::fs::read(path).expect("derived file")).expect("decodes").to_rgb8()
    }

    /// Mean absolute difference per channel value of two images of the same size.
    fn difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
        assert_eq!(a.dimensions(), b.dimensions());
        let sum: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
        sum as f64 / a.as_raw().len() as f64
    }

    /// The derived files of `jpeg` by the planar path and by the RGB path (as the code before
    /// the planar one made them), each in a new folder.
    fn both_paths(jpeg: &[u8]) -> (tempfile::TempDir, tempfile::TempDir, (u32, u32)) {
        let planar = tempfile::tempdir().expect("dir");
        let rgb = tempfile::tempdir().expect("dir");
        for kind in [DerivedKind::Preview, DerivedKind::Thumbnail] {
            for dir in [&planar, &rgb] {
                std::fs::create_dir_all(derived_path(dir.path(), kind, "x").parent().expect("folder"))
                    .expect("folder");
            }
        }
        let decoder = ScaledDecoder::open(jpeg, PREVIEW_EDGE * 9 / 10, "p.jpg").expect("open").expect("jpeg");
        assert!(decoder.planar(), "takes the planar path");
        let size =
            write_derived_jpeg_fast(planar.path(), "x", jpeg, "p.jpg").expect("planar").expect("taken");
        let decoded =
            decode_jpeg_scaled(jpeg, PREVIEW_EDGE * 9 / 10, "p.jpg").expect("decode").expect("jpeg");
        let preview = fit(decoded.pixels, PREVIEW_EDGE, "p.jpg").expect("fit");
        let thumbnail = fit_ref(&preview, THUMBNAIL_EDGE, "p.jpg").expect("fit");
        for (kind, img) in [(DerivedKind::Preview, preview), (DerivedKind::Thumbnail, thumbnail)] {
            let bytes = encode_rgb(img, Some(decoded.orientation), 82, "p.jpg").expect("encode");
            write_atomically(&derived_path(rgb.path(), kind, "x"), &bytes, false).expect("write");
        }
        (planar, rgb, size)
    }

    /// The two paths' files have the same size, the size asked for, and pixels within JPEG
    /// noise of each other.
    fn assert_alike(planar: &Path, rgb: &Path, full: (u32, u32), what: &str) {
        for kind in [DerivedKind::Preview, DerivedKind::Thumbnail] {
            let (a, b) = (read(&derived_path(planar, kind, "x")), read(&derived_path(rgb, kind, "x")));
            let long = a.width().max(a.height());
            assert!(
                long <= kind.edge() && long >= kind.edge() * 9 / 10 || long == full.0.max(full.1),
                "{what} {kind:?}: {}x{}",
                a.width(),
                a.height()
            );
            let d = difference(&a, &b);
            assert!(d < 4.0, "{what} {kind:?}: planar and RGB differ by {d:.2} per value");
        }
    }

    /// The planar path makes the same files as the RGB path (sizes exact, pixels within JPEG
    /// noise), for each subsampling it takes and for odd sizes that pad the planes, through
    /// libjpeg-turbo's planes at 1/2 scale and the quarter decoder's at 1/4.
    #[test]
    fn planes_give_what_rgb_gives() {
        for (w, h, subsamp) in [
            (3203, 2001, turbojpeg::Subsamp::Sub2x2),
            (2401, 3199, turbojpeg::Subsamp::Sub2x1),
            (1999, 1333, turbojpeg::Subsamp::None),
            (1281, 961, turbojpeg::Subsamp::Sub1x2),
            (1205, 803, turbojpeg::Subsamp::Sub2x2),
            // Large enough for 1/4 scale: the quarter decoder's planes.
            (5801, 3867, turbojpeg::Subsamp::None),
        ] {
            let jpeg = picture(w, h, subsamp);
            if scale_for(w.max(h), PREVIEW_EDGE * 9 / 10) == turbojpeg::ScalingFactor::ONE_QUARTER {
                assert!(crate::quarter::decode(&jpeg).is_some(), "{w}x{h}: the quarter decoder takes it");
            }
            let (planar, rgb, size) = both_paths(&jpeg);
            assert_eq!(size, (w as u32, h as u32));
            assert_alike(planar.path(), rgb.path(), size, &format!("{w}x{h} {subsamp:?}"));
        }
    }

    /// `jpeg` with an EXIF block that carries only an orientation.
    fn with_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
        let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0\x06\0\0\0\0\0\0\0".to_vec();
        exif[24] = orientation;
        let mut turned = vec![0xFF, 0xD8, 0xFF, 0xE1];
        turned.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        turned.append(&mut exif);
        turned.extend_from_slice(&jpeg[2..]);
        assert_eq!(crate::metadata::jpeg_orientation(&turned), Some(u16::from(orientation)));
        turned
    }

    /// Turned photos take the planar path too and come out as the RGB path turns them, for
    /// each EXIF orientation, odd sizes (padded planes) and the quarter decoder's planes.
    #[test]
    fn turned_photos_come_out_upright_on_the_planar_path() {
        for (w, h, subsamp) in
            [(1205, 803, turbojpeg::Subsamp::Sub2x2), (5803, 1443, turbojpeg::Subsamp::None)]
        {
            let plain = picture(w, h, subsamp);
            for orientation in 2..=8u8 {
                let turned = with_orientation(&plain, orientation);
                let (planar, rgb, size) = both_paths(&turned);
                let upright = if orientation >= 5 { (h as u32, w as u32) } else { (w as u32, h as u32) };
                assert_eq!(size, upright, "orientation {orientation}");
                assert_alike(planar.path(), rgb.path(), size, &format!("{w}x{h} orientation {orientation}"));
            }
        }
    }

    /// Grey photos are left to the RGB path; turned colour photos take the planar one.
    #[test]
    fn grey_photos_take_the_rgb_path_turned_ones_the_planar_path() {
        let dir = tempfile::tempdir().expect("dir");
        let grey = {
            let pixels = vec![100u8; 640 * 480];
            let image = turbojpeg::Image {
                pixels: pixels.as_slice(),
                width: 640,
                pitch: 640,
                height: 480,
                format: turbojpeg::PixelFormat::GRAY,
            };
            turbojpeg::compress(image, 90, turbojpeg::Subsamp::Gray).expect("jpeg").to_vec()
        };
        let planar = |jpeg: &[u8]| {
            ScaledDecoder::open(jpeg, PREVIEW_EDGE * 9 / 10, "x.jpg").expect("open").expect("jpeg").planar()
        };
        assert!(!planar(&grey));
        // The same colour JPEG with an EXIF orientation of 6 (turned 90 degrees).
        let plain = picture(640, 480, turbojpeg::Subsamp::Sub2x2);
        let turned = with_orientation(&plain, 6);
        assert!(planar(&plain));
        assert!(planar(&turned));
        // Made upright, turned at its size.
        for kind in [DerivedKind::Preview, DerivedKind::Thumbnail] {
            std::fs::create_dir_all(derived_path(dir.path(), kind, "t").parent().expect("folder"))
                .expect("folder");
        }
        let size =
            write_derived_jpeg_fast(dir.path(), "t", &turned, "t.jpg").expect("derived").expect("taken");
        assert_eq!(size, (480, 640));
        let thumb = image::open(derived_path(dir.path(), DerivedKind::Thumbnail, "t")).expect("thumbnail");
        assert_eq!((thumb.width(), thumb.height()), (300, 400));
    }
}
