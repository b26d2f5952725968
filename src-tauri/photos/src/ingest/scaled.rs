//! The reduced-size JPEG decode: libjpeg-turbo at the smallest DCT scale that still gives the
//! size asked for (the quarter decoder at 1/4 scale), to RGB pixels or to YCbCr planes.

use super::limits::check_size;
use super::refuse;
use crate::Result;

/// A JPEG decoded at a reduced DCT size (libjpeg-turbo scaling): never expanded in full.
pub struct ScaledJpeg {
    /// The pixels, RGB, at the reduced size.
    pub pixels: fast_image_resize::images::Image<'static>,
    /// The EXIF orientation, not yet applied to `pixels`.
    pub orientation: image::metadata::Orientation,
    /// The upright size of the full photo.
    pub full_size: (u32, u32),
}

/// A JPEG opened for a reduced-size decode: libjpeg-turbo set to the smallest DCT scale whose
/// long edge is still at least the size asked for (or the whole photo when it is smaller), with
/// the header and the EXIF orientation read once for whichever decode follows.
pub(super) struct ScaledDecoder {
    decompressor: turbojpeg::Decompressor,
    header: turbojpeg::DecompressHeader,
    factor: turbojpeg::ScalingFactor,
    scaled: turbojpeg::DecompressHeader,
    pub(super) orientation: image::metadata::Orientation,
}

impl ScaledDecoder {
    /// `None` when libjpeg-turbo cannot take this file, so the caller falls back to the `image`
    /// crate; an error for a photo larger than Byline takes.
    pub(super) fn open(bytes: &[u8], min_long_edge: u32, name: &str) -> Result<Option<ScaledDecoder>> {
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
    pub(super) fn full_size(&self) -> (u32, u32) {
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
    pub(super) fn planar(&self) -> bool {
        use turbojpeg::Subsamp;
        self.header.colorspace == turbojpeg::Colorspace::YCbCr
            && !self.header.is_lossless
            && matches!(
                self.header.subsamp,
                Subsamp::None | Subsamp::Sub2x1 | Subsamp::Sub2x2 | Subsamp::Sub1x2
            )
    }

    /// Decodes to RGB pixels (orientation not applied).
    pub(super) fn rgb(mut self, bytes: &[u8], name: &str) -> Result<ScaledJpeg> {
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
    /// scale, the JPEGs cameras and phones write go through [`crate::quarter`], which skips most
    /// of the Huffman work and gives 4:2:0 planes whatever the photo's subsampling;
    /// libjpeg-turbo takes the rest, and gives the planes as they are stored.
    pub(super) fn planes(mut self, bytes: &[u8], name: &str) -> Result<turbojpeg::YuvImage<Vec<u8>>> {
        if self.factor == turbojpeg::ScalingFactor::ONE_QUARTER {
            if let Some(planes) = crate::quarter::decode(bytes) {
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

/// The smallest DCT scale whose long edge is still at least `want` (or the whole photo).
pub(super) fn scale_for(long: usize, want: u32) -> turbojpeg::ScalingFactor {
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
