//! IPTC ninjs 3.1 (News in JSON): the story as one JSON news object, its photos and related
//! stories as associations, so a wire system or CMS can take it without reading HTML.
//!
//! Plain-text fields carry the text as typed (JSON escapes it), less the characters XML 1.0
//! forbids, so a ninjs → XML converter downstream never chokes; the body is `body::html`.
//! Names follow the 3.1 schema exactly (camelCase, no extra properties): the schema has no
//! kicker or credit field, so the kicker is a headline with role `kicker`, the standfirst a
//! description with role `summary`, and a photo's caption, credit line and alt text are
//! descriptions with roles `caption`, `creditline` and `alttext`; a stand-in photo's note is its
//! `edNote` (and shows in the body's figure, as in the HTML).

use serde_json::{json, Map, Value};
use time::OffsetDateTime;

use super::{body, ExportInput, ExportPhoto, OutputFile};
use byline_model::{Error, PhotoRole, Result, Status};

/// The IPTC item relation a related story is associated with.
pub const SEE_ALSO: &str = "http://cv.iptc.org/newscodes/itemrelation/seeAlso";
/// The schema this export validates against.
pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#";

/// Renders `<slug>.json`.
pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    let value = news_object(input)?;
    let mut bytes = serde_json::to_vec_pretty(&value)
        .map_err(|e| Error::InvalidInput(format!("could not write the ninjs export: {e}")))?;
    bytes.push(b'\n');
    Ok(vec![OutputFile { path: format!("{}.json", input.story.slug), bytes }])
}

/// The story as a ninjs news object.
pub fn news_object(input: &ExportInput) -> Result<Value> {
    let story = &input.story;
    let mut o = Map::new();
    o.insert("uri".into(), json!(format!("urn:byline:story:{}", story.id)));
    o.insert("standard".into(), json!({"name": "ninjs", "version": "3.1", "schema": SCHEMA_URI}));
    o.insert("type".into(), json!("text"));
    o.insert("representationType".into(), json!("full"));
    o.insert("language".into(), json!(story.language));
    o.insert("version".into(), json!(story.revision.to_string()));
    o.insert("firstCreated".into(), json!(rfc3339(story.created)?));
    o.insert("versionCreated".into(), json!(rfc3339(story.updated)?));
    let pub_status = if story.status == Status::Published { "usable" } else { "withheld" };
    o.insert("pubStatus".into(), json!(pub_status));
    insert_text(&mut o, "slugline", &story.slug);

    let mut headlines = vec![json!({"role": "main", "value": plain(&story.headline)})];
    if !story.kicker.trim().is_empty() {
        headlines.push(json!({"role": "kicker", "value": plain(&story.kicker)}));
    }
    o.insert("headlines".into(), Value::Array(headlines));
    if !story.standfirst.trim().is_empty() {
        o.insert("descriptions".into(), json!([{"role": "summary", "value": plain(&story.standfirst)}]));
    }
    insert_text(&mut o, "by", &story.byline);
    insert_text(&mut o, "located", &story.dateline);
    let html = body::html(input, &|file| image_href(file));
    let stats = &story.stats;
    o.insert(
        "bodies".into(),
        json!([{
            "role": "main",
            "contentType": "text/html",
            "wordCount": stats.words,
            "charCount": stats.characters,
            "value": html,
        }]),
    );
    let subjects: Vec<Value> = story
        .tags
        .iter()
        .map(|t| plain(t))
        .filter(|t| !t.trim().is_empty())
        .map(|t| json!({"name": t, "literal": t}))
        .collect();
    if !subjects.is_empty() {
        o.insert("subjects".into(), Value::Array(subjects));
    }

    let mut associations = Vec::new();
    for (n, photo) in input.lead.iter().chain(input.inline.iter()).enumerate() {
        let name = if photo.photo_use.role == PhotoRole::Lead && n == 0 {
            "leadimage".to_string()
        } else {
            format!("image{n}")
        };
        associations.push(picture(photo, &name));
    }
    for (n, related) in input.related.iter().enumerate() {
        let url = related.url.as_deref().filter(|u| is_web_url(u));
        let uri = match url {
            Some(u) => u.to_string(),
            None => format!("urn:byline:story:{}:related:{}", story.id, n + 1),
        };
        let mut a = Map::new();
        a.insert("name".into(), json!(format!("related{}", n + 1)));
        a.insert("rel".into(), json!(SEE_ALSO));
        a.insert("uri".into(), json!(uri));
        a.insert("type".into(), json!("text"));
        a.insert("headlines".into(), json!([{"role": "main", "value": plain(&related.title)}]));
        if let Some(u) = url {
            a.insert("renditions".into(), json!([{"name": "web", "href": u, "contentType": "text/html"}]));
        }
        associations.push(Value::Object(a));
    }
    if !associations.is_empty() {
        o.insert("associations".into(), Value::Array(associations));
    }
    Ok(Value::Object(o))
}

/// A photo as a picture association.
fn picture(photo: &ExportPhoto, name: &str) -> Value {
    let u = &photo.photo_use;
    let mut a = Map::new();
    a.insert("name".into(), json!(name));
    a.insert("uri".into(), json!(format!("urn:byline:photo-use:{}", u.id)));
    a.insert("type".into(), json!("picture"));
    let descriptions: Vec<Value> =
        [("caption", &u.caption), ("creditline", &u.credit_line), ("alttext", &u.alt_text)]
            .into_iter()
            .map(|(role, text)| (role, plain(text)))
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(role, text)| json!({"role": role, "contentType": "text/plain", "value": text.trim()}))
            .collect();
    if !descriptions.is_empty() {
        a.insert("descriptions".into(), Value::Array(descriptions));
    }
    insert_text(&mut a, "by", &u.creator);
    insert_text(&mut a, "copyrightNotice", &u.copyright);
    // A stand-in's note, for the receiving desk: ninjs's note to internal staff, never published.
    insert_text(&mut a, "edNote", &u.stand_in);
    a.insert(
        "renditions".into(),
        json!([{
            "name": "baseImage",
            "href": image_href(&photo.file_name),
            "contentType": "image/jpeg",
            "width": photo.width,
            "height": photo.height,
            "sizeInBytes": photo.jpeg.len(),
        }]),
    );
    Value::Object(a)
}

/// Where a photo's file sits beside the JSON in a package.
fn image_href(file_name: &str) -> String {
    format!("images/{file_name}")
}

/// Adds `key` when `text` has something in it.
fn insert_text(o: &mut Map<String, Value>, key: &str, text: &str) {
    let text = plain(text);
    if !text.trim().is_empty() {
        o.insert(key.into(), json!(text.trim()));
    }
}

/// Text as carried in ninjs: as typed, without the characters no export carries (the one rule
/// of `byline_model::xml::forbidden`, so ninjs and NewsML say the same).
pub fn plain(text: &str) -> String {
    byline_model::xml::carried(text).into_owned()
}

/// Only web addresses leave as links; anything else (`javascript:`…) is not a URL we vouch for.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
        })
}

/// RFC 3339, as both standards want their dates; refused rather than left empty for a time RFC
/// 3339 cannot print (the schema and the XSD both require a date).
pub(crate) fn rfc3339(when: OffsetDateTime) -> Result<String> {
    Some(byline_model::time::rfc3339(when))
        .filter(|t| !t.is_empty())
        .ok_or_else(|| Error::InvalidInput(format!("the date {when} cannot be exported as RFC 3339")))
}
