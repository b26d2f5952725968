//! Export for publishing: every format renders from the typed document tree, escapes all text,
//! and is written through a temporary folder that is flushed and renamed into place, so a
//! destination never holds half an export. TK notes never leave Byline.

mod assemble;
pub mod body;
pub mod checklist;
pub mod filename;
pub mod html;
pub mod hugo;
pub mod newsml;
pub mod ninjs;
pub mod package;

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::photos::rendition::RenditionOptions;
use crate::{Error, PhotoRole, PhotoUse, Result, Story};

/// The formats a story can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A folder with `index.html` and `images/`.
    Html,
    /// A Hugo page bundle: `index.md` with YAML front matter and the photos beside it.
    Hugo,
    /// IPTC ninjs 3.1 JSON.
    Ninjs,
    /// IPTC NewsML-G2 2.35 package.
    Newsml,
    /// One `.zip` holding all of the above, the renditions and a manifest.
    Zip,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "hugo" | "markdown" => Ok(Format::Hugo),
            "ninjs" => Ok(Format::Ninjs),
            "newsml" | "newsml-g2" => Ok(Format::Newsml),
            "zip" | "package" => Ok(Format::Zip),
            other => Err(Error::InvalidInput(format!(
                "unknown export format `{other}`: use html, hugo, ninjs, newsml or zip"
            ))),
        }
    }
}

/// Choices an export makes.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub rendition: RenditionOptions,
    /// Where published stories live (`https://example.org/news/`): story links become
    /// `<base><slug>/`; without it they are exported as plain text.
    pub base_url: Option<String>,
}

/// A photo as an export carries it: its use in the story and the rendition file.
#[derive(Debug, Clone)]
pub struct ExportPhoto {
    pub photo_use: PhotoUse,
    /// File name inside the export (`images/…` for HTML), safe on every OS.
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    /// The rendition's JPEG bytes, metadata inside.
    pub jpeg: Vec<u8>,
}

/// An entry of "Related Posts" as exported: a title and, when it has one, a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRelated {
    pub title: String,
    pub url: Option<String>,
}

/// Everything an exporter needs, gathered once.
#[derive(Debug, Clone)]
pub struct ExportInput {
    pub story: Story,
    pub lead: Option<ExportPhoto>,
    /// Inline photos, in body order (those with a figure in the body first).
    pub inline: Vec<ExportPhoto>,
    pub related: Vec<ExportRelated>,
    pub base_url: Option<String>,
    /// When this export was made.
    pub exported: OffsetDateTime,
    /// Slugs of the library's stories, for story links (`story:<id>` → slug).
    pub story_slugs: Vec<(String, String)>,
}

impl ExportInput {
    /// The photo a figure node points at.
    pub fn figure(&self, use_id: &str) -> Option<&ExportPhoto> {
        self.inline.iter().chain(self.lead.iter()).find(|p| p.photo_use.id == use_id)
    }

    /// The slug of a story of the library by id.
    pub fn story_slug(&self, id: &str) -> Option<String> {
        self.story_slugs.iter().find(|(i, _)| i.eq_ignore_ascii_case(id)).map(|(_, s)| s.clone())
    }

    /// The published URL of another story, when a base URL is set.
    pub fn story_url(&self, slug: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{}/{}/", base.trim_end_matches('/'), slug))
    }

    /// The caption as printed: caption, then the credit line.
    pub fn printed_caption(photo: &PhotoUse) -> String {
        [photo.caption.trim(), photo.credit_line.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A file an exporter made, relative to the export's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Writes `files` as the folder `dest` (which must not exist): first into a temporary sibling,
/// every file flushed, then renamed into place in one step.
pub fn write_folder(dest: &Path, files: &[OutputFile]) -> Result<PathBuf> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another destination (nothing was overwritten)",
            dest.display()
        )));
    }
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::InvalidInput(format!(
            "the destination folder {} does not exist",
            parent.display()
        )));
    }
    let tmp = parent.join(format!(
        ".{}.partial-{}",
        dest.file_name().and_then(|n| n.to_str()).unwrap_or("export"),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir(&tmp)?;
        for file in files {
            let path = tmp.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut f = std::fs::File::create(&path)?;
            std::io::Write::write_all(&mut f, &file.bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, dest)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(Error::io(dest, e));
    }
    Ok(dest.to_path_buf())
}

/// Writes one file atomically (temporary sibling, flush, rename); refuses to overwrite.
pub fn write_file(dest: &Path, bytes: &[u8]) -> Result<PathBuf> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another destination (nothing was overwritten)",
            dest.display()
        )));
    }
    crate::photos::ingest::write_atomically(dest, bytes, true)?;
    Ok(dest.to_path_buf())
}

/// Lead first, then inline photos as the exporters want them.
pub(crate) fn split_photos(photos: Vec<ExportPhoto>) -> (Option<ExportPhoto>, Vec<ExportPhoto>) {
    let mut lead = None;
    let mut inline = Vec::new();
    for p in photos {
        if p.photo_use.role == PhotoRole::Lead && lead.is_none() {
            lead = Some(p);
        } else {
            inline.push(p);
        }
    }
    (lead, inline)
}
