//! The derived thumbnail and preview of a photo: the fast JPEG path (a reduced-size decode,
//! plane by plane for colour photos) where it applies, libheif's decode and the same resizer
//! for HEIC and AVIF, the `image` crate otherwise.

use std::path::Path;

use byline_model::files::write_atomically;
use image::DynamicImage;

use super::decode::decode;
use super::encode::{encode_rgb, jpeg_fitting};
use super::heif::decode_heif;
use super::orient::upright_planes;
use super::paths::{derived_path, DerivedKind, PREVIEW_EDGE, THUMBNAIL_EDGE};
use super::refuse;
use super::resize::{fit, fit_ref, resize_planes};
use super::scaled::ScaledDecoder;
use super::sniff::PhotoFormat;
use crate::Result;

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
    write_derived_rgb(library, sha256, decoded.pixels, decoded.orientation, name)?;
    Ok(Some(full_size))
}

/// The derived files from RGB pixels: the SIMD resizer for the preview and the thumbnail, each
/// turned upright after resizing (cheaper than before), libjpeg-turbo to encode them.
fn write_derived_rgb(
    library: &Path,
    sha256: &str,
    pixels: fast_image_resize::images::Image<'static>,
    orientation: image::metadata::Orientation,
    name: &str,
) -> Result<()> {
    let preview = fit(pixels, PREVIEW_EDGE, name)?;
    let thumbnail = fit_ref(&preview, THUMBNAIL_EDGE, name)?;
    for (kind, img) in [(DerivedKind::Preview, preview), (DerivedKind::Thumbnail, thumbnail)] {
        let jpeg = encode_rgb(img, Some(orientation), 82, name)?;
        write_atomically(&derived_path(library, kind, sha256), &jpeg, false)?;
    }
    Ok(())
}

/// The derived files of a HEIC or AVIF photo: libheif's decode, then as a JPEG's RGB path.
/// Returns the upright size.
fn write_derived_heif(library: &Path, sha256: &str, bytes: &[u8], name: &str) -> Result<(u32, u32)> {
    use image::metadata::Orientation;
    let decoded = decode_heif(bytes, name)?;
    let rgb = decoded.image.into_rgb8();
    let (w, h) = rgb.dimensions();
    let pixels = fast_image_resize::images::Image::from_vec_u8(
        w,
        h,
        rgb.into_raw(),
        fast_image_resize::PixelType::U8x3,
    )
    .map_err(|e| refuse(name, format!("could not resize: {e}")))?;
    write_derived_rgb(library, sha256, pixels, decoded.orientation, name)?;
    let turned = matches!(
        decoded.orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    Ok(if turned { (h, w) } else { (w, h) })
}

/// A JPEG rendition of a colour JPEG without leaving YCbCr, as the derived files are made: the
/// planes decoded at the smallest DCT scale that still covers `long_edge`, resized plane by plane
/// to fit it, turned upright when `upright` (otherwise left as stored, for a rendition that keeps
/// the original's EXIF orientation), and encoded as they are at `quality`. `None` when this path
/// does not apply (grey, CMYK or unusual JPEGs), and the caller decodes to RGB.
pub fn jpeg_rendition_planar(
    bytes: &[u8],
    long_edge: u32,
    quality: i32,
    upright: bool,
    name: &str,
) -> Result<Option<Vec<u8>>> {
    let Some(decoder) = ScaledDecoder::open(bytes, long_edge, name)? else { return Ok(None) };
    if !decoder.planar() {
        return Ok(None);
    }
    let orientation = decoder.orientation;
    let planes = decoder.planes(bytes, name)?;
    let mut fitted = resize_planes(&planes, long_edge, name)?;
    drop(planes);
    if upright {
        fitted = upright_planes(fitted, orientation);
    }
    let encode_error = |e: turbojpeg::Error| refuse(name, format!("could not encode a JPEG: {e}"));
    let mut compressor = turbojpeg::Compressor::new().map_err(encode_error)?;
    compressor.set_quality(quality).map_err(encode_error)?;
    let jpeg = compressor.compress_yuv_to_vec(fitted.as_deref()).map_err(encode_error)?;
    Ok(Some(jpeg))
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
    if format.is_heif() {
        return write_derived_heif(library, sha256, bytes, name);
    }
    let image = decode(bytes, format, name)?;
    write_derived(library, sha256, &image)?;
    Ok((image.width(), image.height()))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::ingest::scaled::{decode_jpeg_scaled, scale_for};

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

    /// A flat grey JPEG, `w` x `h`.
    fn grey_jpeg(w: usize, h: usize) -> Vec<u8> {
        let pixels = vec![100u8; w * h];
        let image = turbojpeg::Image {
            pixels: pixels.as_slice(),
            width: w,
            pitch: w,
            height: h,
            format: turbojpeg::PixelFormat::GRAY,
        };
        turbojpeg::compress(image, 90, turbojpeg::Subsamp::Gray).expect("jpeg").to_vec()
    }

    /// A rendition made without leaving YCbCr is the one the RGB path makes: the same size (turned
    /// upright or left as stored), pixels within JPEG noise.
    #[test]
    fn planar_renditions_are_the_rgb_ones() {
        let decode = |jpeg: &[u8]| image::load_from_memory(jpeg).expect("decodes").to_rgb8();
        for (w, h, subsamp, orientation) in [
            (2401, 1601, turbojpeg::Subsamp::Sub2x1, 1u8),
            (4032, 3024, turbojpeg::Subsamp::Sub2x2, 6),
            (1205, 803, turbojpeg::Subsamp::None, 3),
        ] {
            let jpeg = with_orientation(&picture(w, h, subsamp), orientation);
            for upright in [true, false] {
                let planar =
                    jpeg_rendition_planar(&jpeg, 1000, 88, upright, "r.jpg").expect("made").expect("planar");
                let decoded = decode_jpeg_scaled(&jpeg, 1000, "r.jpg").expect("decode").expect("jpeg");
                let fitted = fit(decoded.pixels, 1000, "r.jpg").expect("fit");
                let rgb =
                    encode_rgb(fitted, upright.then_some(decoded.orientation), 88, "r.jpg").expect("encode");
                let (a, b) = (decode(&planar), decode(&rgb));
                assert_eq!(
                    a.dimensions(),
                    b.dimensions(),
                    "{w}x{h} orientation {orientation} upright {upright}"
                );
                let d = difference(&a, &b);
                assert!(d < 4.0, "{w}x{h} orientation {orientation}: planar and RGB differ by {d:.2}");
            }
        }
        // A grey JPEG is left to the RGB path.
        let grey = grey_jpeg(320, 240);
        assert!(jpeg_rendition_planar(&grey, 200, 88, true, "g.jpg").expect("ok").is_none());
    }

    /// Grey photos are left to the RGB path; turned colour photos take the planar one.
    #[test]
    fn grey_photos_take_the_rgb_path_turned_ones_the_planar_path() {
        let dir = tempfile::tempdir().expect("dir");
        let grey = grey_jpeg(640, 480);
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
