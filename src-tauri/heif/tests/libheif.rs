//! HEIC and AVIF files made by Debian's `heif-enc` (package libheif-examples, installed by
//! `scripts/setup.sh`), read back through the libheif Byline loads.

use std::path::Path;
use std::process::Command;

use byline_heif::{brand, has_transformations, Brand, Heif, HeifError};

/// A `w` x `h` 4:2:0 picture as YUV4MPEG2: luma rising left to right, a constant red-ish chroma.
fn y4m(w: usize, h: usize) -> Vec<u8> {
    let mut out = format!("YUV4MPEG2 W{w} H{h} F25:1 Ip A1:1 C420jpeg\nFRAME\n").into_bytes();
    out.extend((0..h).flat_map(|_| (0..w).map(move |x| (16 + x * 200 / w) as u8)));
    out.extend(std::iter::repeat_n(110u8, (w / 2) * (h / 2)));
    out.extend(std::iter::repeat_n(190u8, (w / 2) * (h / 2)));
    out
}

/// The file `heif-enc` makes from `input` with `args`.
fn heif_enc(dir: &Path, input: &[u8], output: &str, args: &[&str]) -> Vec<u8> {
    let source = dir.join("source.y4m");
    std::fs::write(&source, input).expect("write the source");
    let out = dir.join(output);
    let status = Command::new("heif-enc")
        .args(args)
        .arg("-o")
        .arg(&out)
        .arg(&source)
        .output()
        .expect("heif-enc must be installed (apt-get install libheif-examples; scripts/setup.sh does)");
    assert!(status.status.success(), "heif-enc: {}", String::from_utf8_lossy(&status.stderr));
    std::fs::read(out).expect("heif-enc's file")
}

#[test]
fn heic_and_avif_from_heif_enc_decode_at_their_size_and_colour() {
    let dir = tempfile::tempdir().expect("dir");
    let version = byline_heif::version().expect("libheif loads (apt-get install libheif1)");
    assert!(version.starts_with("1."), "{version}");
    for (name, args, kind) in
        [("photo.heic", &["-q", "90"][..], Brand::Heic), ("photo.avif", &["-q", "90", "-A"][..], Brand::Avif)]
    {
        let file = heif_enc(dir.path(), &y4m(96, 64), name, args);
        assert_eq!(brand(&file), Some(kind), "{name}");
        assert!(!has_transformations(&file), "{name}: heif-enc writes no rotation here");
        let heif = Heif::open(&file, 20_000).expect(name);
        assert_eq!(heif.size(), (96, 64), "{name}");
        let decoded = heif.decode().expect(name);
        assert_eq!((decoded.width, decoded.height, decoded.alpha), (96, 64, false), "{name}");
        assert_eq!(decoded.pixels.len(), 96 * 64 * 3, "{name}");
        // Left is darker than right; the chroma (Cb low, Cr high) makes it red over blue.
        let pixel = |x: usize, y: usize| &decoded.pixels[(y * 96 + x) * 3..][..3];
        let (left, right) = (pixel(4, 32), pixel(90, 32));
        assert!(
            left.iter().sum::<u8>() as u32 + 100 < right.iter().map(|&v| u32::from(v)).sum::<u32>(),
            "{name}: {left:?} {right:?}"
        );
        assert!(right[0] > right[2], "{name}: red over blue, got {right:?}");
        // heif-enc wrote no EXIF or XMP from a Y4M source.
        assert_eq!((heif.exif(), heif.xmp()), (None, None), "{name}");
    }
}

#[test]
fn damaged_and_foreign_files_are_errors_not_crashes() {
    let dir = tempfile::tempdir().expect("dir");
    let file = heif_enc(dir.path(), &y4m(64, 64), "photo.heic", &["-q", "50"]);
    // Cut anywhere, the file is an error (or, cut only in its last bytes, a damaged picture),
    // never a crash.
    for end in (0..file.len()).step_by(37) {
        if let Ok(heif) = Heif::open(&file[..end], 20_000) {
            let _ = heif.decode();
        }
    }
    let err = Heif::open(&file[..file.len() / 3], 20_000).err().expect("a third of a file");
    assert!(matches!(err, HeifError::Libheif(_)), "{err}");
    assert!(!err.to_string().is_empty());
    assert!(Heif::open(b"not a heif file at all", 20_000).is_err());
    // A picture larger than the limit is refused before it is decoded.
    let big = heif_enc(dir.path(), &y4m(640, 480), "big.heic", &["-q", "10"]);
    assert!(Heif::open(&big, 400).is_err(), "640x480 over a 400x400 limit");
    assert!(Heif::open(&big, 640).is_ok());
}
