//! YCbCr planes turned upright by an EXIF orientation.

use image::DynamicImage;

/// 4:2:0 planes turned upright by an EXIF orientation, plane by plane, as
/// [`DynamicImage::apply_orientation`] turns pixels. The luma plane is turned without its
/// padding and padded again; with an odd width or height, a mirrored chroma plane is off by
/// half a chroma sample at that edge, which a thumbnail or preview does not show.
pub(super) fn upright_planes(
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
