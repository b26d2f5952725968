//! The story package: one `.zip` holding every format, the photo renditions (metadata inside)
//! and a `manifest.json` that lists each file with its SHA-256.

use std::io::Write;

use serde_json::json;

use super::{ExportInput, OutputFile};
use byline_model::{Error, Result};

pub fn render(input: &ExportInput) -> Result<Vec<u8>> {
    let mut files: Vec<OutputFile> = Vec::new();
    let mut add = |prefix: &str, made: Vec<OutputFile>| {
        files.extend(
            made.into_iter().map(|f| OutputFile { path: format!("{prefix}{}", f.path), bytes: f.bytes }),
        );
    };
    add("html/", super::html::render(input)?);
    add("hugo/", super::hugo::render(input)?);
    add("", super::ninjs::render(input)?);
    add("", super::newsml::render(input)?);
    let docx = super::docx::render(input)?;
    files.push(OutputFile { path: format!("{}.docx", input.story.slug), bytes: docx });
    let pdf = super::pdf::render(input, input.paper)?;
    files.push(OutputFile { path: format!("{}.pdf", input.story.slug), bytes: pdf });
    let manifest = json!({
        "story": {
            "id": input.story.id.to_string(),
            "slug": input.story.slug,
            "headline": input.story.headline,
            "revision": input.story.revision,
        },
        "exported": byline_model::time::rfc3339(input.exported),
        "generator": format!("Byline {}", env!("CARGO_PKG_VERSION")),
        "files": files.iter().map(|f| json!({
            "path": f.path,
            "bytes": f.bytes.len(),
            "sha256": byline_photos::ingest::content_hash(&f.bytes),
        })).collect::<Vec<_>>(),
    });
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let fail =
        |e: &dyn std::fmt::Display| Error::InvalidInput(format!("the package could not be written: {e}"));
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| fail(&e))?;
    for (path, bytes) in std::iter::once(("manifest.json".to_string(), manifest.as_slice()))
        .chain(files.iter().map(|f| (f.path.clone(), f.bytes.as_slice())))
    {
        // JPEGs are already compressed: store them; deflate the text formats.
        let options = if path.ends_with(".jpg") { stored } else { deflated };
        zip.start_file(path, options).map_err(|e| fail(&e))?;
        zip.write_all(bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}
