//! Resizing with fast_image_resize: RGB images and YCbCr planes scaled to fit an edge.

use super::refuse;
use crate::Result;

/// YCbCr planes scaled to fit `edge` (never enlarged), as 4:2:0 planes whatever the source's
/// subsampling (what the derived JPEGs are encoded with): each plane resized on its own to the
/// sizes TurboJPEG expects, the luma plane padded to whole chroma samples by repeating its last
/// column and row.
pub(super) fn resize_planes(
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
pub(super) fn fit_ref(
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
