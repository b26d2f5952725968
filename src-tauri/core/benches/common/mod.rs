//! Camera-size test photos for the benchmarks, cut from a real photo (see
//! `scripts/bench-thumbnails.sh`, which fetches one from Debian's mate-backgrounds package).

// Each bench includes this module and uses part of it (the export bench one chroma set only).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// How a set's JPEGs store colour. Cameras differ: most interchangeable-lens cameras write
/// 4:2:2, phones 4:2:0, and editors at high quality (and the `image` crate) 4:4:4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chroma {
    Full444,
    Half422,
    Quarter420,
}

impl Chroma {
    pub const ALL: [Chroma; 3] = [Chroma::Full444, Chroma::Half422, Chroma::Quarter420];

    pub fn label(self) -> &'static str {
        match self {
            Chroma::Full444 => "4:4:4",
            Chroma::Half422 => "4:2:2",
            Chroma::Quarter420 => "4:2:0",
        }
    }

    fn subsamp(self) -> turbojpeg::Subsamp {
        match self {
            Chroma::Full444 => turbojpeg::Subsamp::None,
            Chroma::Half422 => turbojpeg::Subsamp::Sub2x1,
            Chroma::Quarter420 => turbojpeg::Subsamp::Sub2x2,
        }
    }
}

/// The files of a cached set under target/: `None` when they are all there already.
fn cached(folder: &str, names: impl Iterator<Item = String>) -> (Vec<PathBuf>, bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target").join(folder);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let files: Vec<PathBuf> = names.map(|n| dir.join(n)).collect();
    let done = files.iter().all(|f| f.exists());
    (files, done)
}

/// Photo `i` of a set: a different crop of the source (a `share` of each side, stepped over a
/// `grid` of places), scaled to `size` and flipped every other time.
fn variant(
    base: &image::RgbImage,
    i: usize,
    share: (u32, u32),
    grid: (u32, u32),
    size: (u32, u32),
) -> image::RgbImage {
    let (w, h) = (base.width(), base.height());
    let (cw, ch) = (w * share.0 / share.1, h * share.0 / share.1);
    let i = i as u32;
    let (x, y) = ((w - cw) * (i % grid.0) / (grid.0 - 1), (h - ch) * (i / grid.0) / (grid.1 - 1));
    let crop = image::imageops::crop_imm(base, x, y, cw, ch).to_image();
    let mut photo = image::imageops::resize(&crop, size.0, size.1, image::imageops::FilterType::Triangle);
    if i % 2 == 1 {
        image::imageops::flip_horizontal_in_place(&mut photo);
    }
    photo
}

/// A JPEG of `photo` by libjpeg-turbo.
fn jpeg(photo: &image::RgbImage, quality: i32, subsamp: turbojpeg::Subsamp) -> Vec<u8> {
    let image = turbojpeg::Image {
        pixels: photo.as_raw().as_slice(),
        width: photo.width() as usize,
        pitch: 3 * photo.width() as usize,
        height: photo.height() as usize,
        format: turbojpeg::PixelFormat::RGB,
    };
    turbojpeg::compress(image, quality, subsamp).expect("encode").to_vec()
}

/// 20 different 6000x4000 JPEGs (quality 97) cut from the source photo, cached under target/.
pub fn photo_set(source: &Path, count: usize, chroma: Chroma) -> Vec<PathBuf> {
    let folder = format!("bench-photos-{}-q97", chroma.label().replace(':', ""));
    let (files, done) = cached(&folder, (0..count).map(|i| format!("camera-{i:02}.jpg")));
    if !done {
        let base = image::open(source).expect("source photo").to_rgb8();
        for (i, file) in files.iter().enumerate() {
            let photo = variant(&base, i, (3, 4), (5, 4), (6000, 4000));
            std::fs::write(file, jpeg(&photo, 97, chroma.subsamp())).expect("write");
        }
    }
    files
}

/// `count` different 12-megapixel HEICs (4032x3024, as an iPhone writes them) cut from the source
/// photo and encoded by Debian's `heif-enc` (x265, quality 80), cached under target/.
pub fn heic_set(source: &Path, count: usize) -> Vec<PathBuf> {
    let (files, done) =
        cached("bench-photos-heic-12mp", (0..count).map(|i| format!("IMG_{:04}.HEIC", 1000 + i)));
    if !done {
        let base = image::open(source).expect("source photo").to_rgb8();
        for (i, file) in files.iter().enumerate() {
            let png = file.with_extension("png");
            variant(&base, i, (2, 3), (5, 4), (4032, 3024)).save(&png).expect("write the source");
            let status = std::process::Command::new("heif-enc")
                .args(["-q", "80", "-o"])
                .arg(file)
                .arg(&png)
                .status()
                .expect("heif-enc (apt install libheif-examples)");
            assert!(status.success(), "heif-enc failed on {}", png.display());
            std::fs::remove_file(&png).expect("remove the source");
        }
    }
    files
}

/// `count` different 12-megapixel JPEGs (4032x3024, 4:2:0, quality 92, as a phone writes them)
/// cut from the source photo, cached under target/.
pub fn phone_set(source: &Path, count: usize) -> Vec<PathBuf> {
    let (files, done) =
        cached("bench-photos-phone-12mp", (0..count).map(|i| format!("IMG_{:04}.jpg", 2000 + i)));
    if !done {
        let base = image::open(source).expect("source photo").to_rgb8();
        for (i, file) in files.iter().enumerate() {
            let photo = variant(&base, i, (3, 5), (10, 5), (4032, 3024));
            std::fs::write(file, jpeg(&photo, 92, turbojpeg::Subsamp::Sub2x2)).expect("write");
        }
    }
    files
}
