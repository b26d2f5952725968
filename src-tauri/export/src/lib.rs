//! Export for publishing: every format renders from the typed document tree and escapes all
//! text; TK notes never leave Byline. Each renderer is a pure `render(&ExportInput)` that returns
//! the files it makes; the `Library` façade gathers the input and writes the files into place.
//!
//! Owns: the export formats (HTML, Hugo, ninjs, NewsML-G2, DOCX through `byline-docx`, the
//! story package), dates as readers read them, safe file names
//! and the pre-publish checklist's rules. Must not touch: SQL, the file system, the network.

pub mod body;
pub mod checklist;
pub mod dates;
pub mod docx;
pub mod filename;
pub mod html;
pub mod hugo;
pub mod newsml;
pub mod ninjs;
pub mod package;
pub mod pdf;

use time::OffsetDateTime;

pub use byline_model::{Error, Result};
use byline_model::{PhotoRole, PhotoUse, Story};
use byline_photos::rendition::RenditionOptions;
pub use byline_proof::Paper;

/// The formats a story can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ExportFormat")]
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
    /// A Word file for an editor: `<slug>.docx`.
    Docx,
    /// A PDF proof to print: `<slug>.pdf`.
    Pdf,
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
            "docx" | "word" => Ok(Format::Docx),
            "pdf" | "proof" => Ok(Format::Pdf),
            other => Err(Error::InvalidInput(format!(
                "unknown export format `{other}`: use html, hugo, ninjs, newsml, docx, pdf or zip"
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
    /// The PDF proof's paper.
    pub paper: byline_proof::Paper,
}

/// What the export dialog asks for; the destination folder comes from the native dialog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: Format,
    /// Long edge of the photo renditions in pixels (256–8192).
    pub long_edge: u32,
    /// Keep GPS position and camera details in exported photos (off protects sources).
    pub keep_gps: bool,
    /// Base URL for story links (http or https), or none.
    pub base_url: Option<String>,
    /// The PDF proof's paper (A4 unless asked).
    #[serde(default)]
    pub paper: byline_proof::Paper,
}

impl ExportRequest {
    /// The choices this request makes.
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            rendition: RenditionOptions { long_edge: self.long_edge, keep_gps: self.keep_gps },
            base_url: self.base_url.clone(),
            paper: self.paper,
        }
    }
}

/// Where an export went: `path` is none when the journalist closed the folder dialog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ExportDone {
    pub path: Option<String>,
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
    /// Addresses already known for other stories (where a site published them): they win over
    /// `base_url` and the slug.
    pub story_urls: Vec<(String, String)>,
    /// The PDF proof's paper.
    pub paper: byline_proof::Paper,
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

    /// Where a story link (`story:<id>`) points: the story's known address, else its slug under
    /// the base URL; none without either.
    pub fn story_link(&self, id: &str) -> Option<String> {
        match self.story_urls.iter().find(|(i, _)| i.eq_ignore_ascii_case(id)) {
            Some((_, url)) => Some(url.clone()),
            None => self.story_slug(id).and_then(|slug| self.story_url(&slug)),
        }
    }

    /// The published URL of another story, when a base URL is set.
    pub fn story_url(&self, slug: &str) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{}/{}/", base.trim_end_matches('/'), slug))
    }

    /// The caption as printed: a stand-in's note, the caption, then the credit line.
    pub fn printed_caption(photo: &PhotoUse) -> String {
        [photo.stand_in.trim(), photo.caption.trim(), photo.credit_line.trim()]
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

/// Lead first, then inline photos as the exporters want them.
pub fn split_photos(photos: Vec<ExportPhoto>) -> (Option<ExportPhoto>, Vec<ExportPhoto>) {
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
