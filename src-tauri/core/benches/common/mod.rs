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

/// 20 different 6000x4000 JPEGs (quality 97) cut from the source photo, cached under target/.
pub fn photo_set(source: &Path, count: usize, chroma: Chroma) -> Vec<PathBuf> {
    let folder = format!("../../target/bench-photos-{}-q97", chroma.label().replace(':', ""));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    std::fs::create_dir_all(&dir).expect("bench folder");
    let files: Vec<PathBuf> = (0..count).map(|i| dir.join(format!("camera-{i:02}.jpg"))).collect();
    if files.iter().all(|f| f.exists()) {
        return files;
    }
    let base = image::open(source).expect("source photo").to_rgb8();
    for (i, file) in files.iter().enumerate() {
        // Each a different crop, scaled up to 24 MP and flipped every other time.
        let (w, h) = (base.width(), base.height());
        let (cw, ch) = (w * 3 / 4, h * 3 / 4);
        let (x, y) = ((w - cw) * (i as u32 % 5) / 4, (h - ch) * (i as u32 / 5) / 3);
        let crop = image::imageops::crop_imm(&base, x, y, cw, ch).to_image();
        let mut big = image::imageops::resize(&crop, 6000, 4000, image::imageops::FilterType::Triangle);
        if i % 2 == 1 {
            image::imageops::flip_horizontal_in_place(&mut big);
        }
        let image = turbojpeg::Image {
            pixels: big.as_raw().as_slice(),
            width: 6000,
            pitch: 3 * 6000,
            height: 4000,
            format: turbojpeg::PixelFormat::RGB,
        };
        let jpeg = turbojpeg::compress(image, 97, chroma.subsamp()).expect("encode");
        std::fs::write(file, &*jpeg).expect("write");
    }
    files
}

/// `count` different 12-megapixel HEICs (4032x3024, as an iPhone writes them) cut from the source
/// photo and encoded by Debian's `heif-enc` (x265, quality 80), cached under target/.
pub fn heic_set(source: &Path, count: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-photos-heic-12mp");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let files: Vec<PathBuf> = (0..count).map(|i| dir.join(format!("IMG_{:04}.HEIC", 1000 + i))).collect();
    if files.iter().all(|f| f.exists()) {
        return files;
    }
    let base = image::open(source).expect("source photo").to_rgb8();
    let (w, h) = (4032u32, 3024u32);
    for (i, file) in files.iter().enumerate() {
        // Each a different crop (the source is wider), scaled to 12 MP, flipped every other time.
        let (cw, ch) = (base.width() * 2 / 3, base.height() * 2 / 3);
        let (x, y) = ((base.width() - cw) * (i as u32 % 5) / 4, (base.height() - ch) * (i as u32 / 5) / 3);
        let crop = image::imageops::crop_imm(&base, x, y, cw, ch).to_image();
        let mut photo = image::imageops::resize(&crop, w, h, image::imageops::FilterType::Triangle);
        if i % 2 == 1 {
            image::imageops::flip_horizontal_in_place(&mut photo);
        }
        let png = dir.join(format!("source-{i}.png"));
        photo.save(&png).expect("write the source");
        let status = std::process::Command::new("heif-enc")
            .args(["-q", "80", "-o"])
            .arg(file)
            .arg(&png)
            .status()
            .expect("heif-enc (apt install libheif-examples)");
        assert!(status.success(), "heif-enc failed on {}", png.display());
        std::fs::remove_file(&png).expect("remove the source");
    }
    files
}

/// `count` different 12-megapixel JPEGs (4032x3024, 4:2:0, quality 92, as a phone writes them)
/// cut from the source photo, cached under target/.
pub fn phone_set(source: &Path, count: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-photos-phone-12mp");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let files: Vec<PathBuf> = (0..count).map(|i| dir.join(format!("IMG_{:04}.jpg", 2000 + i))).collect();
    if files.iter().all(|f| f.exists()) {
        return files;
    }
    let base = image::open(source).expect("source photo").to_rgb8();
    let (w, h) = (4032u32, 3024u32);
    for (i, file) in files.iter().enumerate() {
        let (cw, ch) = (base.width() * 3 / 5, base.height() * 3 / 5);
        let (x, y) = ((base.width() - cw) * (i as u32 % 10) / 9, (base.height() - ch) * (i as u32 / 10) / 4);
        let crop = image::imageops::crop_imm(&base, x, y, cw, ch).to_image();
        let mut photo = image::imageops::resize(&crop, w, h, image::imageops::FilterType::Triangle);
        if i % 2 == 1 {
            image::imageops::flip_horizontal_in_place(&mut photo);
        }
        let image = turbojpeg::Image {
            pixels: photo.as_raw().as_slice(),
            width: w as usize,
            pitch: 3 * w as usize,
            height: h as usize,
            format: turbojpeg::PixelFormat::RGB,
        };
        let jpeg = turbojpeg::compress(image, 92, turbojpeg::Subsamp::Sub2x2).expect("encode");
        std::fs::write(file, &*jpeg).expect("write");
    }
    files
}
