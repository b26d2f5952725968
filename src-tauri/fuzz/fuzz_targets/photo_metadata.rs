//! The photo metadata readers (IPTC IIM, XMP in UTF-8/16/32, EXIF/TIFF, the container walk that
//! finds them, HEIF metadata items through libheif, a JPEG's picture end and
//! Photo Mechanic's trailer) and the rendition writer, on arbitrary bytes: never a panic, a hang or an unbounded allocation.
#![no_main]
use byline_core::photos::metadata::{self, fuzzing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = metadata::read(data);
    let _ = metadata::jpeg_orientation(data);
    if let Some(end) = metadata::jpeg_picture_len(data) {
        assert!(end <= data.len(), "the picture ends inside the file");
    }
    let _ = metadata::soft_edits(data).map(|e| e.in_words());
    let _ = fuzzing::iim(data);
    let _ = fuzzing::xmp(data);
    let _ = fuzzing::exif(data);
    if let Some(out) = fuzzing::rewrite(data) {
        // What we write, we can read back.
        let meta = metadata::read(&out).expect("a rewritten JPEG has readable metadata");
        assert_eq!(meta.credit.as_deref(), Some("AFP"));
        assert_eq!(meta.instructions.as_deref(), Some("EDITORIAL USE ONLY"));
    }
});
