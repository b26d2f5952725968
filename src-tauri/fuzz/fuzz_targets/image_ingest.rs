//! Photo ingest on arbitrary bytes: type sniffing, size limits before decoding, the decoders and
//! the derived thumbnail/preview (HEIC and AVIF through libheif, with the box walk that finds
//! their rotation). A bad photo is an error, never a crash.
#![no_main]
use byline_core::photos::ingest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(format) = ingest::sniff(data, "fuzz") else { return };
    let dir = std::env::temp_dir().join(format!("byline-fuzz-ingest-{}", std::process::id()));
    let _ = ingest::derive(&dir, "0000000000000000000000000000000000000000000000000000000000000000", data, format, "fuzz");
});
