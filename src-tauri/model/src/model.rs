//! The newsroom's words as types: `Story`, `Status`, `RelatedLink`, `Revision`…
//!
//! These cross IPC as JSON (serde) and are mirrored in TypeScript by ts-rs into `ui/src/bindings/`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

use crate::{Document, Error, Result};
pub use byline_document::StoryStats;

/// A story's id: a UUIDv7, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub Uuid);

impl StoryId {
    pub fn new() -> Self {
        StoryId(Uuid::now_v7())
    }
}

impl Default for StoryId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for StoryId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Uuid::parse_str(s).map(StoryId)
    }
}

/// Where a story stands on its way to publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Editing,
    Ready,
    Published,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::Editing, Status::Ready, Status::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Editing => "editing",
            Status::Ready => "ready",
            Status::Published => "published",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Status::ALL.into_iter().find(|st| st.as_str().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
            Error::InvalidInput(format!("unknown status `{s}`: use draft, editing, ready or published"))
        })
    }
}

/// One entry of a story's "Related Posts": another story of the library, or an external URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLink {
    #[ts(type = "string | null")]
    pub story_id: Option<StoryId>,
    pub url: Option<String>,
    pub title: String,
    /// Set when read: the story it points at is in the trash or gone. Ignored when saving.
    #[serde(default)]
    pub broken: bool,
}

/// A story with everything in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Story {
    #[ts(type = "string")]
    pub id: StoryId,
    pub slug: String,
    pub kicker: String,
    pub headline: String,
    pub standfirst: String,
    pub byline: String,
    pub dateline: String,
    /// The story's language, a BCP 47 tag (`en-US`, `fr`, `ar`): spelling, exports and the
    /// direction of the text follow it.
    #[serde(default = "crate::language::default_language")]
    pub language: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub word_target: Option<u32>,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated: OffsetDateTime,
    /// The revision this content is; an edit must name it as its base.
    pub revision: i64,
    /// When the story was first marked published.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub published: Option<OffsetDateTime>,
    pub body: Document,
    pub related: Vec<RelatedLink>,
    /// The photos of this story: the lead first, then inline figures in order.
    #[serde(default)]
    pub photos: Vec<PhotoUse>,
    pub stats: StoryStats,
}

/// What a save answers: the new revision and what the core decided (slug, time, counts), without
/// the story itself. The app's autosave sends a whole body and needs only this back; a long
/// story's body is not carried back over the webview bridge on every save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveReceipt {
    #[ts(type = "string")]
    pub id: StoryId,
    pub slug: String,
    pub revision: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub published: Option<OffsetDateTime>,
    pub stats: StoryStats,
}

/// A row of the library list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StorySummary {
    #[ts(type = "string")]
    pub id: StoryId,
    pub slug: String,
    pub kicker: String,
    pub headline: String,
    pub status: Status,
    pub words: u32,
    pub word_target: Option<u32>,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated: OffsetDateTime,
}

/// What an editor sends to save: every editable field, and the revision it started from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoryEdit {
    #[ts(type = "string")]
    pub id: StoryId,
    pub base_revision: i64,
    pub slug: String,
    pub kicker: String,
    pub headline: String,
    pub standfirst: String,
    pub byline: String,
    pub dateline: String,
    /// A BCP 47 tag; revisions saved before stories had a language read as the default.
    #[serde(default = "crate::language::default_language")]
    pub language: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub word_target: Option<u32>,
    pub body: Document,
}

impl StoryEdit {
    /// Reads an edit as it arrives over IPC, naming what is wrong (a bad body is an
    /// invalid-document error with its path).
    pub fn from_value(mut value: serde_json::Value) -> Result<StoryEdit> {
        let body = match value.get_mut("body") {
            Some(body) => Document::from_value(&body.take())?,
            None => return Err(Error::InvalidInput("invalid story edit: it has no `body`".into())),
        };
        value["body"] = Document::new(vec![]).to_value();
        let mut edit: StoryEdit = serde_json::from_value(value)
            .map_err(|e| Error::InvalidInput(format!("invalid story edit: {e}")))?;
        edit.body = body;
        Ok(edit)
    }
}

impl Story {
    /// An edit of this story, based on its current revision.
    pub fn edit(&self) -> StoryEdit {
        StoryEdit {
            id: self.id,
            base_revision: self.revision,
            slug: self.slug.clone(),
            kicker: self.kicker.clone(),
            headline: self.headline.clone(),
            standfirst: self.standfirst.clone(),
            byline: self.byline.clone(),
            dateline: self.dateline.clone(),
            language: self.language.clone(),
            status: self.status,
            tags: self.tags.clone(),
            word_target: self.word_target,
            body: self.body.clone(),
        }
    }
}

/// The fields to start a story with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewStory {
    pub headline: String,
    pub kicker: Option<String>,
    pub byline: Option<String>,
}

/// A saved state of a story, as listed in the revisions panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionSummary {
    pub revision: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub saved: OffsetDateTime,
    pub headline: String,
    pub words: u32,
}

/// A revision opened for preview: the story's fields and body as they were saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevisionView {
    pub revision: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub saved: OffsetDateTime,
    pub story: StoryEdit,
}

/// Facts about the open library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryInfo {
    pub path: String,
    pub stories: u32,
    /// The program's version (the workspace's, the one the package carries).
    pub version: String,
}

/// A photo file in the library, with what its own metadata said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Photo {
    /// Content address of the original (SHA-256, hex).
    pub sha256: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub original_name: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub imported: OffsetDateTime,
    pub metadata: PhotoMetadata,
}

/// Where a photo sits in a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PhotoRole {
    /// Above the headline in exports; at most one per story.
    Lead,
    /// A figure in the body.
    Inline,
}

/// Which of a photo use's fields still say what the photo's own metadata said ("from IPTC").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FromPhoto {
    pub caption: bool,
    pub credit: bool,
    pub alt_text: bool,
    pub creator: bool,
    pub copyright: bool,
}

/// A photo in one story: this story's caption, credit and alt text, prefilled from the photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoUse {
    pub id: String,
    pub photo: String,
    pub role: PhotoRole,
    pub caption: String,
    pub credit: String,
    /// The credit as printed under the caption, by the library's template ("Photo: AFP/VNA").
    pub credit_line: String,
    pub alt_text: String,
    pub creator: String,
    pub copyright: String,
    pub width: u32,
    pub height: u32,
    pub from_photo: FromPhoto,
    /// The photo's own usage restrictions, read from the file and never edited: the agency's
    /// instructions and the usage terms (empty when it has none). They travel with it into
    /// renditions and are raised before publishing.
    #[serde(default)]
    pub instructions: String,
    #[serde(default)]
    pub usage_terms: String,
    /// The photo desk's soft edits (Photo Mechanic's rotation and crop), in words; shown, never
    /// applied (empty when there are none).
    #[serde(default)]
    pub soft_edits: String,
    /// The desk's note that this picture only stands in for the real one ("Sample photo —
    /// stand-in, not the person in the caption"); empty when it is the real one. The editor shows
    /// it on the photo, every export prints it beside the picture, and the checklist raises it.
    #[serde(default)]
    pub stand_in: String,
}

/// Changes to a photo use; fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoUseEdit {
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub alt_text: Option<String>,
    pub creator: Option<String>,
    pub copyright: Option<String>,
    pub role: Option<PhotoRole>,
    /// The stand-in note (an empty text: the photo is the real one).
    #[serde(default)]
    pub stand_in: Option<String>,
}

/// A photo that could not be attached, and why; the rest of the batch went on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SkippedPhoto {
    pub file: String,
    pub problem: String,
}

/// What attaching a batch of photos did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachReport {
    pub uses: Vec<PhotoUse>,
    pub skipped: Vec<SkippedPhoto>,
    /// The journalist stopped the batch; the photos before that point are attached.
    pub cancelled: bool,
}

/// How far a batch of photos has got, with the photo use the last file became (none when it
/// was skipped), so each photo can show as soon as it is attached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttachProgress {
    pub done: u32,
    pub total: u32,
    pub attached: Option<PhotoUse>,
}

/// What to fix in a story's photos before publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PhotoWarningKind {
    NoCredit,
    NoAltText,
    AltTextIsCaption,
    /// The photo carries the agency's instructions or usage terms: read them before publishing.
    Restricted,
    /// The photo only stands in for the real one: replace it before publishing.
    StandIn,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoWarning {
    pub photo_use: String,
    pub kind: PhotoWarningKind,
    pub message: String,
}

/// A library search: words, "phrases", prefixes (`gheit*`) and `OR`, narrowed by filters.
/// Any other character is only part of a word: no query is a syntax error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchQuery {
    pub text: String,
    pub status: Option<Status>,
    pub tag: Option<String>,
    /// Updated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Updated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Match headlines only (for picking a story to link).
    pub headline_only: bool,
    /// At most this many hits (default 20).
    pub limit: Option<u32>,
    /// Skip this many hits (for the next page).
    pub offset: Option<u32>,
}

/// A piece of a snippet or headline; `hit` pieces match the query and are shown highlighted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TextSpan {
    pub text: String,
    pub hit: bool,
}

/// One search result, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    #[ts(type = "string")]
    pub id: StoryId,
    pub slug: String,
    pub kicker: String,
    pub headline: String,
    /// The headline with the matching words marked.
    pub headline_spans: Vec<TextSpan>,
    /// The best passage of the standfirst, body or captions, matching words marked.
    pub snippet: Vec<TextSpan>,
    pub status: Status,
    pub words: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated: OffsetDateTime,
    pub score: f32,
}

/// A page of search results and how many stories match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub total: u32,
    pub hits: Vec<SearchHit>,
}

/// Another story, as a link to it shows: its headline, or that it no longer exists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoryRef {
    #[ts(type = "string")]
    pub id: StoryId,
    pub slug: String,
    pub headline: String,
    pub status: Status,
    /// `false` when the story is in the trash or gone: a link to it is broken.
    pub exists: bool,
}

/// How one story points at another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LinkKind {
    /// A link in the body text.
    Body,
    /// An entry of the "Related Posts" list.
    Related,
}

/// A story that points at this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Backlink {
    pub story: StoryRef,
    /// Each way it points here (body, related or both).
    pub via: Vec<LinkKind>,
}

/// A story like this one that is not linked yet, with the words they share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub story: StoryRef,
    pub score: f32,
    /// The most telling words both stories use.
    pub shared: Vec<String>,
}

/// A page of the library list and how many stories it has in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoryPage {
    pub total: u32,
    pub offset: u32,
    pub stories: Vec<StorySummary>,
}

/// Library-wide settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibrarySettings {
    /// Where published stories live (`https://example.org/news`): story links and related
    /// stories export as `{baseUrl}/{slug}/`. Without it they export as plain text.
    pub base_url: Option<String>,
    /// How a photo credit is printed, e.g. `Photo: {credit}`.
    pub credit_template: String,
    /// The agency table: credits read from photo files print as these names.
    pub agencies: Vec<Agency>,
}

/// An agency as credit lines print it, and the other spellings photo files use for it
/// ("REUTERS", "Reuters Photo" print as "Reuters"). Case, spaces and punctuation do not matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Agency {
    pub name: String,
    pub spellings: Vec<String>,
}

/// How the library opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum LibraryState {
    /// Open for reading and writing.
    Ok,
    /// Damaged: opened read-only so its stories can still be read; nothing is written.
    ReadOnly,
    /// Could not be opened at all.
    Unavailable,
}

/// The library's state as the app shows it, with the way back when it is damaged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LibraryHealth {
    pub state: LibraryState,
    pub path: String,
    /// What is wrong (or, after a recovery, what was done).
    pub message: Option<String>,
    /// The last Byline did not close the library; it passed a quick check.
    pub after_unclean_shutdown: bool,
    /// The library's backups, newest first (when it is damaged).
    pub backups: Vec<Backup>,
    /// The newest backup that passes its integrity check.
    pub newest_good_backup: Option<Backup>,
}

impl LibraryHealth {
    pub fn ok(path: String) -> Self {
        LibraryHealth {
            state: LibraryState::Ok,
            path,
            message: None,
            after_unclean_shutdown: false,
            backups: Vec::new(),
            newest_good_backup: None,
        }
    }

    pub fn unavailable(path: String, message: String, backups: Vec<Backup>) -> Self {
        LibraryHealth {
            state: LibraryState::Unavailable,
            path,
            message: Some(message),
            after_unclean_shutdown: false,
            backups,
            newest_good_backup: None,
        }
    }
}

/// Metadata read from a photo file (all optional), preferring XMP, then IPTC IIM, then EXIF.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhotoMetadata {
    /// XMP dc:description (x-default) > IIM 2:120 > EXIF ImageDescription.
    pub caption: Option<String>,
    /// photoshop:Headline > IIM 2:105.
    pub headline: Option<String>,
    /// photoshop:Credit > IIM 2:110.
    pub credit: Option<String>,
    /// dc:creator (all entries joined with ", ") > IIM 2:80 (all joined) > EXIF Artist.
    pub creator: Option<String>,
    /// dc:rights > IIM 2:116 > EXIF Copyright.
    pub copyright: Option<String>,
    /// photoshop:Source > IIM 2:115.
    pub source: Option<String>,
    /// photoshop:DateCreated / xmp:CreateDate > IIM 2:55 (+2:60) > EXIF DateTimeOriginal, as
    /// ISO 8601 text (`2020-07-08T09:49:13`, `2017-07-13T17:01:00+00:00`, or a bare date).
    pub date_created: Option<String>,
    /// photoshop:City > IIM 2:90.
    pub city: Option<String>,
    /// photoshop:Country > IIM 2:101.
    pub country: Option<String>,
    /// Iptc4xmpCore:AltTextAccessibility (x-default) only; never copied from the caption.
    pub alt_text: Option<String>,
    /// Iptc4xmpCore:ExtDescrAccessibility (x-default).
    pub extended_description: Option<String>,
    /// The agency's instructions: photoshop:Instructions > IIM 2:40 Special Instructions
    /// ("EDITORIAL USE ONLY", "MANDATORY CREDIT", "EMBARGOED UNTIL …").
    #[serde(default)]
    pub instructions: Option<String>,
    /// xmpRights:UsageTerms (x-default): the terms under which the photo may be used.
    #[serde(default)]
    pub usage_terms: Option<String>,
    /// What the photo desk's Photo Mechanic trailer asks to be done (rotation, crop), in words;
    /// shown with the photo, never applied.
    #[serde(default)]
    pub soft_edits: Option<String>,
}

impl PhotoMetadata {
    /// Fills every field still empty here from `other` (the less trusted source).
    pub fn or(self, other: PhotoMetadata) -> PhotoMetadata {
        PhotoMetadata {
            caption: self.caption.or(other.caption),
            headline: self.headline.or(other.headline),
            credit: self.credit.or(other.credit),
            creator: self.creator.or(other.creator),
            copyright: self.copyright.or(other.copyright),
            source: self.source.or(other.source),
            date_created: self.date_created.or(other.date_created),
            city: self.city.or(other.city),
            country: self.country.or(other.country),
            alt_text: self.alt_text.or(other.alt_text),
            extended_description: self.extended_description.or(other.extended_description),
            instructions: self.instructions.or(other.instructions),
            usage_terms: self.usage_terms.or(other.usage_terms),
            soft_edits: self.soft_edits.or(other.soft_edits),
        }
    }
}

/// A story as the search index reads it (from the store, through the façade): what is searched,
/// what filters it, and what a hit shows.
#[derive(Debug, Clone, Default)]
pub struct IndexedStory {
    pub id: String,
    pub slug: String,
    pub kicker: String,
    pub headline: String,
    /// Everything else that is searched: kicker, standfirst, byline, dateline, body, captions.
    pub text: String,
    pub status: String,
    pub tags: Vec<String>,
    /// Last update, unix milliseconds.
    pub updated: i64,
    pub words: u32,
}

/// A photo use as the library stores it, with its photo's own metadata: the credit rules (in
/// the photos crate) make it the [`PhotoUse`] the journalist sees.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredUse {
    pub id: String,
    pub photo: String,
    pub role: PhotoRole,
    pub caption: String,
    pub credit: String,
    pub alt_text: String,
    pub creator: String,
    pub copyright: String,
    pub width: u32,
    pub height: u32,
    /// The stand-in note; empty when the photo is the real one.
    pub stand_in: String,
    pub metadata: PhotoMetadata,
}

/// A backup file of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    pub file: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub made: OffsetDateTime,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Why it was made: `manual`, `close`, `daily`, `before-restore`.
    pub reason: String,
}
