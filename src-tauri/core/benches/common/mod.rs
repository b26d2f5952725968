//! Camera-size test photos for the benchmarks, cut from a real photo (see
//! `scripts/bench-thumbnails.sh`, which fetches one from Debian's mate-backgrounds package).

use std::path::{Path, PathBuf};

/// 20 different 6000x4000 JPEGs cut from the source photo (cached under target/).
pub fn photo_set(source: &Path, count: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-photos-q97");
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
        let mut bytes = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 97)
            .encode_image(&big)
            .expect("encode");
        std::fs::write(file, bytes).expect("write");
    }
    files
}
