//! Reading archives and folders of stories: story packages (the `.zip` Byline exports) and
//! folders of Markdown or text files.
//!
//! Nothing is ever extracted to disk: entries are read into memory, checked, and go into the
//! library through the same paths as single imports, so no entry can write anywhere. Before any
//! entry is read, the archive is refused as a whole, naming the entry, when an entry's name has
//! `..`, is absolute, has a drive letter or a backslash, or is a symlink; and when the archive
//! holds too many entries or expands to too much (zip bombs), whatever its headers claim.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Library, Result, Story};

/// Most entries an archive may hold.
pub const MAX_ENTRIES: usize = 2_000;
/// Most bytes one entry may expand to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes a whole archive may expand to.
pub const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
/// Largest expansion ratio of one entry (a zip bomb expands far beyond this).
pub const MAX_RATIO: u64 = 200;
/// Deepest folder level read when importing a folder, and most files taken from it.
pub const MAX_DEPTH: usize = 8;
pub const MAX_FILES: usize = 2_000;

/// What an import did (a file, a Word file, a story package, a folder, or files dropped on the
/// library).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    #[ts(type = "string[]")]
    pub stories: Vec<crate::StoryId>,
    /// Files (or a Word file's pictures) left out, each with why; the rest went in.
    pub skipped: Vec<crate::SkippedPhoto>,
    /// What else the journalist should know ("3 tracked changes were accepted").
    #[serde(default)]
    pub notes: Vec<String>,
}

fn refuse(archive: &Path, problem: String) -> Error {
    Error::InvalidInput(format!("{} refused: {problem}", archive.display()))
}

/// Why an entry name is unsafe, or `None` when it is a plain relative path.
pub fn unsafe_entry_name(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("an empty name");
    }
    if name.contains('\0') || name.chars().any(char::is_control) {
        return Some("a control character in its name");
    }
    if name.contains('\\') {
        return Some("a backslash in its name");
    }
    let bytes = name.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Some("a drive letter");
    }
    if name.starts_with('/') {
        return Some("an absolute path");
    }
    for component in Path::new(name).components() {
        match component {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Some("`..` in its path"),
            Component::RootDir | Component::Prefix(_) => return Some("an absolute path"),
        }
    }
    None
}

/// An archive's entries, checked and read into memory (directories left out).
pub fn read_zip(path: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    crate::files::regular_file(path, "story package")?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| refuse(path, format!("not a readable zip archive ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(path, format!("it holds {} entries; at most {MAX_ENTRIES} are read", zip.len())));
    }
    // Every name and size is checked before anything is read.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| refuse(path, format!("entry {i} is damaged ({e})")))?;
        let name = entry
            .name()
            .map_err(|e| refuse(path, format!("entry {i} has an unreadable name ({e})")))?
            .to_string();
        let shown: String = name.chars().filter(|c| !c.is_control()).take(120).collect();
        if let Some(problem) = unsafe_entry_name(&name) {
            return Err(refuse(path, format!("the entry `{shown}` has {problem}")));
        }
        if entry.is_symlink() || entry.unix_mode().is_some_and(|m| m & 0o170000 == 0o120000) {
            return Err(refuse(path, format!("the entry `{shown}` is a symbolic link")));
        }
        if entry.size() > MAX_ENTRY_BYTES {
            return Err(refuse(
                path,
                format!(
                    "the entry `{shown}` expands to {} MB; at most {} MB",
                    entry.size() >> 20,
                    MAX_ENTRY_BYTES >> 20
                ),
            ));
        }
        if entry.size() > 1 << 20 && entry.size() / entry.compressed_size().max(1) > MAX_RATIO {
            return Err(refuse(
                path,
                format!(
                    "the entry `{shown}` expands {}-fold: a zip bomb",
                    entry.size() / entry.compressed_size().max(1)
                ),
            ));
        }
        declared += entry.size();
        if declared > MAX_TOTAL_BYTES {
            return Err(refuse(path, format!("it expands to more than {} MB", MAX_TOTAL_BYTES >> 20)));
        }
    }
    let mut out = Vec::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| refuse(path, format!("entry {i} cannot be read ({e})")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| refuse(path, format!("entry {i} has an unreadable name ({e})")))?
            .to_string();
        // Headers can lie: never read more than the limits, whatever they said.
        let mut bytes = Vec::new();
        entry
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| refuse(path, format!("the entry `{name}` cannot be read ({e})")))?;
        total += bytes.len() as u64;
        if bytes.len() as u64 > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES {
            return Err(refuse(path, format!("the entry `{name}` expands beyond what its header said")));
        }
        out.push((name, bytes));
    }
    Ok(out)
}

impl Library {
    /// Imports a story package (the `.zip` Byline exports): its Hugo page becomes the story and
    /// its photos are attached, their captions and credits read from the metadata inside them.
    pub fn import_package(&mut self, path: &Path) -> Result<ImportReport> {
        let entries = read_zip(path)?;
        let page = entries
            .iter()
            .find(|(name, _)| name == "hugo/index.md")
            .or_else(|| entries.iter().find(|(name, _)| name.ends_with(".md")))
            .ok_or_else(|| refuse(path, "it holds no story (no hugo/index.md or other .md file)".into()))?;
        let text = std::str::from_utf8(&page.1)
            .map_err(|_| refuse(path, format!("the entry `{}` is not UTF-8 text", page.0)))?;
        let story = crate::import::parse(text, Path::new(&page.0))?;
        let lead_name = lead_photo_name(text);
        let story = self.insert_story(story, crate::time::now())?;
        let mut skipped = Vec::new();
        let folder = page.0.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        for (name, bytes) in entries.iter().filter(|(n, _)| n.starts_with(&folder) && is_photo_name(n)) {
            let file = name.rsplit('/').next().unwrap_or(name);
            let lead = lead_name.as_deref() == Some(file);
            match self.attach_photo_bytes(&story.id.to_string(), bytes, file, lead) {
                Ok(report) => skipped.extend(report.skipped),
                Err(e) => skipped.push(crate::SkippedPhoto { file: name.clone(), problem: e.to_string() }),
            }
        }
        Ok(ImportReport { stories: vec![story.id], skipped, notes: vec![] })
    }

    /// Imports every Markdown and text file of a folder (and its subfolders, up to
    /// [`MAX_DEPTH`] levels). Symbolic links are never followed; a file that cannot be imported
    /// is named in the report and the rest go on.
    pub fn import_folder(&mut self, dir: &Path) -> Result<ImportReport> {
        let meta = std::fs::symlink_metadata(dir).map_err(|e| Error::io(dir, e))?;
        if !meta.is_dir() {
            return Err(Error::InvalidInput(format!("{} is not a folder", dir.display())));
        }
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        walk(dir, 0, &mut files, &mut skipped)?;
        if files.len() > MAX_FILES {
            return Err(Error::InvalidInput(format!(
                "{} holds {} story files; at most {MAX_FILES} are imported at once",
                dir.display(),
                files.len()
            )));
        }
        files.sort();
        let mut stories = Vec::new();
        let mut notes = Vec::new();
        for file in files {
            match self.import_text(&file, &mut notes) {
                Ok(story) => stories.push(story),
                Err(e) => skipped
                    .push(crate::SkippedPhoto { file: file.display().to_string(), problem: e.to_string() }),
            }
        }
        Ok(ImportReport { stories, skipped, notes })
    }

    /// Imports each of `paths` (files dropped on the library, or chosen): what one cannot
    /// import is skipped with why, and the others go in.
    pub fn import_paths(&mut self, paths: &[PathBuf]) -> ImportReport {
        let mut report = ImportReport { stories: vec![], skipped: vec![], notes: vec![] };
        for path in paths {
            match self.import_path(path) {
                Ok(one) => {
                    report.stories.extend(one.stories);
                    report.skipped.extend(one.skipped);
                    report.notes.extend(one.notes);
                }
                Err(e) => report
                    .skipped
                    .push(crate::SkippedPhoto { file: path.display().to_string(), problem: e.to_string() }),
            }
        }
        report
    }

    /// Imports a file, a story package or a folder, whichever `path` is.
    pub fn import_path(&mut self, path: &Path) -> Result<ImportReport> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return self.import_folder(path);
        }
        // A FIFO or a device is refused before anything opens it (an open could wait forever).
        crate::files::regular_file(path, "story file or story package")?;
        if is_word_name(path) {
            let import = self.import_docx(path)?;
            let notes = import.summary();
            return Ok(ImportReport { stories: vec![import.story.id], skipped: import.skipped, notes });
        }
        let mut head = [0u8; 4];
        let is_zip = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
            && head == *b"PK\x03\x04";
        if is_zip {
            return self.import_package(path);
        }
        if !is_text_story_name(path) {
            return Err(Error::InvalidInput(format!(
                "{} is not a story file Byline can import (a Word file .docx, Markdown, plain text or a story package .zip)",
                path.display()
            )));
        }
        let mut notes = Vec::new();
        let story = self.import_text(path, &mut notes)?;
        Ok(ImportReport { stories: vec![story], skipped: vec![], notes })
    }

    /// Imports a Markdown or plain-text story file, noting when it has no headline.
    fn import_text(&mut self, path: &Path, notes: &mut Vec<String>) -> Result<crate::StoryId> {
        let story: Story = self.import_file(path)?;
        if story.headline.is_empty() {
            let name = path.file_name().unwrap_or(path.as_os_str()).to_string_lossy();
            notes.push(format!(
                "{name} has no headline (its first line reads as the lead); the story waits for one"
            ));
        }
        Ok(story.id)
    }
}

/// A story in text by its name: Markdown, plain text, or a name without an extension.
fn is_text_story_name(path: &Path) -> bool {
    path.extension().is_none() || is_story_name(path)
}

/// A Word file by its name: `.docx` (and `.docm`, `.dotx` and `.doc`, which the reader refuses
/// saying why).
fn is_word_name(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("docx" | "docm" | "dotx" | "doc")
    )
}

fn is_photo_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jpg", ".jpeg", ".heic", ".heif", ".png", ".webp", ".tif", ".tiff", ".avif"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn is_story_name(name: &Path) -> bool {
    matches!(
        name.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("md" | "markdown" | "mdown" | "txt" | "text")
    )
}

/// The lead photo a Hugo page names in its front matter (`images: [file]`).
fn lead_photo_name(page: &str) -> Option<String> {
    let front = page.strip_prefix("---\n")?.split("\n---").next()?;
    let mut lines = front.lines().skip_while(|l| !l.starts_with("images:"));
    let first = lines.next()?;
    let inline = first.trim_start_matches("images:").trim();
    let item = if inline.starts_with('[') {
        inline.trim_matches(|c| c == '[' || c == ']').split(',').next()?.trim().to_string()
    } else {
        lines.next()?.trim().trim_start_matches('-').trim().to_string()
    };
    let item = item.trim_matches(|c| c == '\'' || c == '"').to_string();
    (!item.is_empty()).then_some(item)
}

fn walk(
    dir: &Path,
    depth: usize,
    files: &mut Vec<std::path::PathBuf>,
    skipped: &mut Vec<crate::SkippedPhoto>,
) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if kind.is_symlink() {
            skipped.push(crate::SkippedPhoto {
                file: path.display().to_string(),
                problem: "a symbolic link: links are not followed".into(),
            });
        } else if kind.is_dir() && !hidden {
            if depth + 1 >= MAX_DEPTH {
                skipped.push(crate::SkippedPhoto {
                    file: path.display().to_string(),
                    problem: format!("deeper than {MAX_DEPTH} folders"),
                });
            } else {
                walk(&path, depth + 1, files, skipped)?;
            }
        } else if kind.is_file() && !hidden && is_story_name(&path) {
            files.push(path);
            if files.len() > MAX_FILES {
                return Ok(());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_plain_relative_paths_only() {
        for ok in ["story.md", "hugo/index.md", "hugo/./photo.jpg", "a/b/c.txt", "été/reportage.md"] {
            assert_eq!(unsafe_entry_name(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("../evil.md", "`..`"),
            ("hugo/../../evil.md", "`..`"),
            ("/etc/passwd", "absolute"),
            ("C:\\Windows\\x.md", "backslash"),
            ("C:/Windows/x.md", "drive letter"),
            ("c:x.md", "drive letter"),
            ("a\\..\\b.md", "backslash"),
            ("nul\0byte.md", "control"),
            ("", "empty"),
        ] {
            let problem = unsafe_entry_name(bad).unwrap_or_else(|| panic!("{bad:?} accepted"));
            assert!(problem.contains(why), "{bad:?}: {problem}");
        }
    }

    #[test]
    fn the_lead_photo_comes_from_the_front_matter() {
        assert_eq!(
            lead_photo_name("---\ntitle: x\nimages:\n- rome-lead.jpg\n---\nbody").as_deref(),
            Some("rome-lead.jpg")
        );
        assert_eq!(lead_photo_name("---\nimages: [\"a.jpg\", b.jpg]\n---\n").as_deref(), Some("a.jpg"));
        assert_eq!(lead_photo_name("no front matter"), None);
    }
}
