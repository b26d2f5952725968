//! The document tree from untrusted JSON (what the editor sends on every save): any input is
//! either a valid document or a named error, and a valid one survives a round trip.
#![no_main]
use byline_core::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(doc) = Document::from_json(text) {
        let again = Document::from_value(&doc.to_value()).expect("a valid document stays valid");
        assert_eq!(again, doc);
        let _ = doc.stats();
        let _ = doc.plain_text();
        let _ = doc.story_links();
    }
});
