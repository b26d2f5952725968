//! Encoding JPEGs: a decoded photo fitted to an edge (the `image` crate), and RGB pixels turned
//! upright (libjpeg-turbo).

use image::DynamicImage;

use super::refuse;
use crate::{Error, Result};

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
