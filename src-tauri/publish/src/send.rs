//! One send, the same for every kind of site: the photos first (each found again on the site
//! before anything is uploaded twice), then the post (updated when the site has it, created
//! otherwise), every step written down in the ledger as soon as the site confirms it, so a send
//! that stops anywhere resumes without a second post or a second copy of a photo.

use byline_export::{ExportInput, ExportPhoto};
use byline_model::xml::Xml;
use byline_model::SendStatus;

use crate::SendError;

/// A photo on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteMedia {
    pub id: String,
    pub url: String,
}

/// A post on the site: its id, its address, when the site says it last changed (the site's
/// own text, compared as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemotePost {
    pub id: String,
    pub url: String,
    pub modified: String,
}

/// A photo to upload: the rendition and its words.
#[derive(Debug, Clone, Copy)]
pub struct MediaUpload<'a> {
    /// Byline's identifier for this photo on any site, inside the file name.
    pub key: &'a str,
    pub file_name: &'a str,
    pub jpeg: &'a [u8],
    /// The caption as printed: caption and credit line.
    pub caption: &'a str,
    pub alt_text: &'a str,
    /// The caption alone, for the site's description field.
    pub description: &'a str,
}

/// The post as a site receives it.
#[derive(Debug, Clone)]
pub struct PostBody {
    pub title: String,
    /// The body as HTML: figures with their captions and credit lines, links to other stories
    /// at their addresses on this site, the related posts at the end.
    pub html: String,
    pub excerpt: String,
    pub tags: Vec<String>,
    pub status: SendStatus,
    pub slug: String,
    pub language: String,
    /// The lead photo, its printed caption and alt text.
    pub featured: Option<(RemoteMedia, String, String)>,
    /// Byline's mark in the post (the story's id), by which a post whose creation was not
    /// confirmed is found again.
    pub marker: String,
}

/// What a site can do, as a send needs it.
pub trait Cms: Send {
    /// Signs in and says what was found ("Signed in to News as editor").
    fn check(&self) -> Result<String, SendError>;
    /// A photo this library uploaded before (its key in the file name), if the site has it.
    fn find_media(&self, media: &MediaUpload<'_>) -> Result<Option<RemoteMedia>, SendError>;
    fn upload_media(&self, media: &MediaUpload<'_>) -> Result<RemoteMedia, SendError>;
    /// Sets the words of an uploaded photo where the site keeps them (caption, alt text).
    fn describe_media(&self, remote: &RemoteMedia, media: &MediaUpload<'_>) -> Result<(), SendError>;
    /// The post by id, none when the site no longer has it.
    fn post(&self, id: &str) -> Result<Option<RemotePost>, SendError>;
    /// A post carrying Byline's `marker`, looked for by its slug.
    fn find_post(&self, slug: &str, marker: &str) -> Result<Option<RemotePost>, SendError>;
    fn create_post(&self, post: &PostBody) -> Result<RemotePost, SendError>;
    fn update_post(&self, current: &RemotePost, post: &PostBody) -> Result<RemotePost, SendError>;
}

/// What the library knows of this story on this site from earlier sends.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The post: its id once the site confirmed it (none while a creation was not confirmed),
    /// and its modification date as the site gave it after Byline's last send.
    pub post: Option<KnownPost>,
    /// Photos uploaded before, by key.
    pub media: Vec<(String, RemoteMedia)>,
    /// An earlier attempt of this send stopped on the way: a photo it uploaded may be on the
    /// site without Byline knowing, so each photo not known is looked for before it is uploaded.
    pub resumed: bool,
}

#[derive(Debug, Clone, Default)]
pub struct KnownPost {
    pub remote_id: Option<String>,
    pub modified: Option<String>,
}

/// Where a send writes down each step the site confirmed, and whether to go on.
pub trait Ledger {
    /// Called before each step; an error (the item was cancelled) stops the send.
    fn progress(&mut self, done: u32, total: u32, label: &str) -> Result<(), SendError>;
    fn media_sent(&mut self, key: &str, media: &RemoteMedia) -> Result<(), SendError>;
    /// Just before a post is created: if the answer is lost, the next send looks for it.
    fn creating_post(&mut self) -> Result<(), SendError>;
    fn post_sent(&mut self, post: &RemotePost) -> Result<(), SendError>;
}

/// Byline's key for a photo use on any site: `byline-` and the use's id.
pub fn media_key(use_id: &str) -> String {
    format!("byline-{}", use_id.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
}

/// The file name a photo goes up as: the export's name with the key inside, so the site keeps
/// Byline's identifier where it can be found again.
fn upload_name(photo: &ExportPhoto, key: &str) -> String {
    let stem = photo.file_name.trim_end_matches(".jpg");
    format!("{stem}-{key}.jpg")
}

/// Sends the story of `input` to `cms`: photos, then the post. With `overwrite`, a post changed
/// on the site since Byline last sent it is replaced; without, the send stops with
/// [`SendError::Changed`] before anything is uploaded.
///
/// The photos' renditions arrive through `rendition`, one at a time in upload order (the lead,
/// then the inline photos), so a caller can make the next one while this one goes up; `input`
/// holds the photos without their bytes until then.
pub fn send(
    cms: &dyn Cms,
    mut input: ExportInput,
    status: SendStatus,
    known: &Known,
    overwrite: bool,
    ledger: &mut dyn Ledger,
    rendition: &mut dyn FnMut(&ExportPhoto) -> Result<ExportPhoto, SendError>,
) -> Result<RemotePost, SendError> {
    let count = input.lead.iter().count() + input.inline.len();
    let total = count as u32 + 1;

    // The post first looked at: a post changed on the site stops everything before an upload.
    ledger.progress(0, total, "Looking for the story on the site")?;
    let existing = match &known.post {
        Some(KnownPost { remote_id: Some(id), modified }) => match cms.post(id)? {
            Some(remote) => {
                if let Some(mine) = modified {
                    if *mine != remote.modified && !overwrite {
                        return Err(SendError::Changed { remote_modified: remote.modified });
                    }
                }
                Some(remote)
            }
            None => None,
        },
        // A creation Byline never heard back from: the site may have it.
        Some(KnownPost { remote_id: None, .. }) => cms.find_post(&input.story.slug, &marker(&input))?,
        None => None,
    };

    let mut uploaded: Vec<(String, RemoteMedia)> = Vec::new();
    let slots = input.lead.iter_mut().chain(input.inline.iter_mut());
    for (n, slot) in slots.enumerate() {
        ledger.progress(n as u32, total, &format!("Uploading photo {} of {count}", n + 1))?;
        *slot = rendition(slot)?;
        let photo = &*slot;
        let key = media_key(&photo.photo_use.id);
        let file_name = upload_name(photo, &key);
        let caption = ExportInput::printed_caption(&photo.photo_use);
        let upload = MediaUpload {
            key: &key,
            file_name: &file_name,
            jpeg: &photo.jpeg,
            caption: &caption,
            alt_text: photo.photo_use.alt_text.trim(),
            description: photo.photo_use.caption.trim(),
        };
        let remote = match known.media.iter().find(|(k, _)| *k == key) {
            Some((_, m)) => m.clone(),
            None => match if known.resumed { cms.find_media(&upload)? } else { None } {
                Some(found) => found,
                None => cms.upload_media(&upload)?,
            },
        };
        ledger.media_sent(&key, &remote)?;
        cms.describe_media(&remote, &upload)?;
        uploaded.push((photo.file_name.clone(), remote));
    }

    ledger.progress(count as u32, total, "Sending the story")?;
    let input = &input;
    let src = |file_name: &str| {
        uploaded.iter().find(|(f, _)| f == file_name).map(|(_, m)| m.url.clone()).unwrap_or_default()
    };
    let post = PostBody {
        title: input.story.headline.trim().to_string(),
        html: post_html(input, &src),
        excerpt: input.story.standfirst.trim().to_string(),
        tags: input.story.tags.clone(),
        status,
        slug: input.story.slug.clone(),
        language: input.story.language.clone(),
        featured: input.lead.as_ref().map(|lead| {
            let remote = uploaded.iter().find(|(f, _)| *f == lead.file_name).map(|(_, m)| m.clone());
            (
                remote.unwrap_or(RemoteMedia { id: String::new(), url: String::new() }),
                ExportInput::printed_caption(&lead.photo_use),
                lead.photo_use.alt_text.trim().to_string(),
            )
        }),
        marker: marker(input),
    };
    let sent = match existing {
        Some(current) => cms.update_post(&current, &post)?,
        None => {
            ledger.creating_post()?;
            cms.create_post(&post)?
        }
    };
    ledger.post_sent(&sent)?;
    ledger.progress(total, total, "Sent")?;
    Ok(sent)
}

/// Byline's mark for a story: its id.
fn marker(input: &ExportInput) -> String {
    format!("byline:{}", input.story.id)
}

/// The post's HTML: the dateline opening the body, the body's blocks (figures with their
/// photos on the site), the related posts; TK notes never (the body renderer drops them), and
/// a comment with Byline's mark so a post whose creation was not confirmed is found again.
pub fn post_html(input: &ExportInput, src: &dyn Fn(&str) -> String) -> String {
    let s = &input.story;
    let mut x = Xml::html();
    if !s.dateline.trim().is_empty() {
        x.leaf("p", &[("class", "dateline")], s.dateline.trim()).newline();
    }
    byline_export::body::write_html(input, src, &mut x);
    byline_export::body::write_related(input, &mut x);
    let mut html = x.finish();
    // The story's id is a UUID: nothing in it can end the comment.
    html.push_str(&format!("<!-- {} -->\n", marker(input)));
    html
}
