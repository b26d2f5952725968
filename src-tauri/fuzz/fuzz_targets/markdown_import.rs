//! The Markdown importer (YAML front matter + CommonMark): any text becomes a story whose body
//! passes the document validator, or a clear error.
#![no_main]
use byline_core::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(story) = byline_core::import::parse(&text, std::path::Path::new("fuzz.md")) {
        Document::from_value(&story.body.to_value()).expect("imported bodies are valid documents");
    }
});
