//! Importing a Word file (`.docx`) as a story: `byline-docx` reads it; its pictures go through
//! the same photo pipeline as an attached photo (type sniffed, metadata read, thumbnail and preview
//! made) and become the story's lead and figures with the caption, credit and alt text the file
//! gave them. A picture the pipeline refuses is skipped, its figure left out, and the rest goes in.

use std::path::Path;

use byline_docx::ImportedDocx;

use crate::{Document, Error, Library, PhotoUseEdit, Result, SkippedPhoto, Story};

/// Largest Word file imported (a story with a few dozen phone photos).
pub const MAX_DOCX_BYTES: u64 = 256 * 1024 * 1024;

/// What importing a Word file did.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxImport {
    pub story: Story,
    /// Tracked changes taken as accepted.
    pub tracked_changes: usize,
    /// Word comments, now TK notes.
    pub comments: usize,
    /// Pictures left out, each with why.
    pub skipped: Vec<SkippedPhoto>,
    /// What else the journalist should know (a picture linked from the internet, not fetched).
    pub notices: Vec<String>,
}

impl DocxImport {
    /// One line per thing worth saying, for the import's report.
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.tracked_changes {
            0 => {}
            1 => out.push("1 tracked change was accepted".into()),
            n => out.push(format!("{n} tracked changes were accepted")),
        }
        match self.comments {
            0 => {}
            1 => out.push("1 Word comment became a TK note".into()),
            n => out.push(format!("{n} Word comments became TK notes")),
        }
        out.extend(self.notices.iter().cloned());
        out
    }
}

impl Library {
    /// Imports a Word file as a new story with its pictures.
    pub fn import_docx(&mut self, path: &Path) -> Result<DocxImport> {
        let bytes = crate::files::read_bounded(path, MAX_DOCX_BYTES, "Word file")?;
        let imported = byline_docx::read(&bytes)
            .map_err(|e| Error::InvalidInput(format!("{} cannot be imported: {e}", path.display())))?;
        self.insert_docx(imported, path)
    }

    fn insert_docx(&mut self, imported: ImportedDocx, path: &Path) -> Result<DocxImport> {
        let ImportedDocx {
            kicker,
            headline,
            standfirst,
            byline,
            dateline,
            language,
            tags,
            body,
            images,
            tracked_changes,
            comments,
            notices,
        } = imported;
        if headline.is_empty() && body.plain_text().trim().is_empty() && images.is_empty() {
            return Err(Error::InvalidInput(format!("{} holds no story text", path.display())));
        }
        // The tree as the editor will save it: validated like every save.
        let body = Document::from_value(&body.to_value())
            .map_err(|e| Error::InvalidInput(format!("{}: the text cannot be kept: {e}", path.display())))?;
        let mut story = crate::import::blank_story();
        story.kicker = kicker;
        story.headline = headline;
        story.standfirst = standfirst;
        story.byline = byline;
        story.dateline = dateline;
        story.tags = tags;
        if let Some(tag) = language.and_then(|l| crate::language::check_language(&l).ok()) {
            story.language = tag;
        }
        story.stats = body.stats();
        story.body = body;
        let story = self.insert_story(story, crate::time::now())?;
        let id = story.id.to_string();
        // The pictures, through the photo pipeline.
        let template = self.credit_template()?;
        let mut uses: Vec<(String, Option<String>)> = Vec::new();
        let mut skipped = Vec::new();
        for image in &images {
            let name = image.name.rsplit('/').next().unwrap_or(&image.name).to_string();
            let photo = match self.import_photo_bytes(&image.bytes, &name) {
                Ok(photo) => photo,
                Err(e) => {
                    skipped.push(SkippedPhoto { file: name, problem: e.to_string() });
                    uses.push((image.placeholder.clone(), None));
                    continue;
                }
            };
            let use_id = self.add_use(&story.id, &photo, image.lead)?;
            let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            let edit = PhotoUseEdit {
                caption: some(&image.caption),
                credit: some(&credit_of(&image.credit_line, &template)),
                alt_text: some(&image.alt),
                stand_in: some(&image.stand_in),
                ..Default::default()
            };
            self.edit_photo_use(&id, &use_id, edit)?;
            uses.push((image.placeholder.clone(), Some(use_id)));
        }
        // The figures point at the uses made; a skipped picture's figure goes.
        let mut value = story.body.to_value();
        retarget_figures(&mut value, &uses);
        let mut edit = self.story(&id)?.edit();
        edit.body = Document::from_value(&value).map_err(|e| Error::InvalidInput(e.to_string()))?;
        self.save_story(edit)?;
        Ok(DocxImport { story: self.story(&id)?, tracked_changes, comments, skipped, notices })
    }
}

/// The credit in a credit line: what the template's `{credit}` stands for ("Photo: {credit}"
/// and "Photo: AFP/VNA" give "AFP/VNA"), or the line less a credit label.
fn credit_of(line: &str, template: &str) -> String {
    let line = line.trim();
    if let Some((before, after)) = template.split_once("{credit}") {
        if let Some(credit) =
            line.strip_prefix(before.trim_start()).and_then(|r| r.strip_suffix(after.trim_end()))
        {
            return credit.trim().to_string();
        }
    }
    let lower = line.to_lowercase();
    for label in ["photo:", "photos:", "picture:", "image:", "foto:", "credit:", "photo :", "crédit :"] {
        if lower.starts_with(label) {
            return line[label.len()..].trim().to_string();
        }
    }
    line.to_string()
}

/// Points each figure at its use, and drops the figures of pictures left out.
fn retarget_figures(value: &mut serde_json::Value, uses: &[(String, Option<String>)]) {
    let Some(content) = value.get_mut("content").and_then(|c| c.as_array_mut()) else { return };
    content.retain_mut(|node| {
        if node["type"] == "figure" {
            let placeholder = node["attrs"]["use"].as_str().unwrap_or_default().to_string();
            match uses.iter().find(|(p, _)| *p == placeholder) {
                Some((_, Some(use_id))) => {
                    node["attrs"]["use"] = serde_json::Value::String(use_id.clone());
                    true
                }
                _ => false,
            }
        } else {
            retarget_figures(node, uses);
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_credit_is_read_back_from_its_line() {
        assert_eq!(credit_of("Photo: AFP/VNA", "Photo: {credit}"), "AFP/VNA");
        assert_eq!(credit_of("(Reuters)", "({credit})"), "Reuters");
        assert_eq!(credit_of("Picture: Jane Roe", "Photo: {credit}"), "Jane Roe");
        assert_eq!(credit_of("AP", "Photo: {credit}"), "AP");
    }
}
