//! IPTC NewsML-G2 2.35: the story as a `newsMessage` whose `packageItem` groups the text
//! `newsItem` (body as XHTML in `inlineXML`) and one picture `newsItem` per photo, for wire
//! systems and archives that speak G2. Written with `byline_model::xml::Xml`, which escapes every
//! text and attribute; the body is `body::write_html`, well-formed XHTML, into the same writer.
//!
//! QCodes come from the IPTC catalog (`ninat:`, `stat:`, `drol:`, `irel:`); the two roles IPTC
//! has no code for (the kicker as a headline, the package's one group) use Byline's own schemes,
//! declared in an inline `catalog` so every QCode resolves. A stand-in photo's note is its item's
//! `edNote` (and shows in the body's figure, as in the HTML).

use super::ninjs::{is_web_url, rfc3339};
use super::{body, ExportInput, ExportPhoto, OutputFile};
use byline_model::language::is_right_to_left;
use byline_model::xml::{carried, Xml};
use byline_model::{Result, Status};

/// The IPTC catalog that resolves the `ninat:`, `stat:`, `drol:` and `irel:` aliases.
pub const IPTC_CATALOG: &str = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml";
const NAR: &str = "http://iptc.org/std/nar/2006-10-01/";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const ITEM_ATTRS: [(&str, &str); 3] =
    [("standard", "NewsML-G2"), ("standardversion", "2.35"), ("conformance", "power")];

/// Renders `<slug>.xml`.
pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    Ok(vec![OutputFile { path: format!("{}.xml", input.story.slug), bytes: message(input)?.into_bytes() }])
}

/// The whole `newsMessage`, one element a line.
pub fn message(input: &ExportInput) -> Result<String> {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("newsMessage", &[("xmlns", NAR)]).newline();
    x.start("header", &[]).newline();
    x.leaf("sent", &[], &rfc3339(input.exported)?).newline();
    x.end().newline(); // header
    x.start("itemSet", &[]).newline();
    package_item(input, &mut x)?;
    text_item(input, &mut x)?;
    for photo in photos(input) {
        picture_item(input, photo, &mut x)?;
    }
    x.end().newline(); // itemSet
    x.end().newline(); // newsMessage
    Ok(x.finish())
}

fn photos(input: &ExportInput) -> impl Iterator<Item = &ExportPhoto> {
    input.lead.iter().chain(input.inline.iter())
}

fn story_guid(input: &ExportInput) -> String {
    format!("urn:byline:story:{}", input.story.id)
}

fn picture_guid(photo: &ExportPhoto) -> String {
    format!("urn:byline:photo-use:{}", photo.photo_use.id)
}

/// G2 versions are positive integers.
fn version(input: &ExportInput) -> String {
    input.story.revision.max(1).to_string()
}

/// Opens a `packageItem` or `newsItem`.
fn start_item(input: &ExportInput, name: &str, guid: &str, x: &mut Xml) {
    let version = version(input);
    let mut attributes = ITEM_ATTRS.to_vec();
    attributes.extend([
        ("guid", guid),
        ("version", version.as_str()),
        ("xml:lang", input.story.language.as_str()),
    ]);
    x.start(name, &attributes).newline();
}

fn catalogs(x: &mut Xml) {
    x.empty("catalogRef", &[("href", IPTC_CATALOG)]).newline();
    x.start("catalog", &[]).newline();
    x.empty("scheme", &[("alias", "bylhrol"), ("uri", "urn:byline:cv:headlinerole:")]).newline();
    x.empty("scheme", &[("alias", "bylgrol"), ("uri", "urn:byline:cv:grouprole:")]).newline();
    x.end().newline();
}

/// Opens `itemMeta` and writes what every item has; the caller closes it.
fn item_meta(input: &ExportInput, class: &str, x: &mut Xml) -> Result<()> {
    let story = &input.story;
    let status = if story.status == Status::Published { "stat:usable" } else { "stat:withheld" };
    x.start("itemMeta", &[]).newline();
    x.empty("itemClass", &[("qcode", class)]).newline();
    x.empty("provider", &[("literal", "Byline")]).newline();
    x.leaf("versionCreated", &[], &rfc3339(story.updated)?).newline();
    x.leaf("firstCreated", &[], &rfc3339(story.created)?).newline();
    x.empty("pubStatus", &[("qcode", status)]).newline();
    Ok(())
}

/// An `itemRef` to one of the package's items.
fn item_ref(input: &ExportInput, guid: &str, class: &str, title: &str, x: &mut Xml) {
    let version = version(input);
    x.start(
        "itemRef",
        &[("residref", guid), ("version", &version), ("contenttype", "application/vnd.iptc.g2.newsitem+xml")],
    )
    .newline();
    x.empty("itemClass", &[("qcode", class)]).newline();
    x.leaf("title", &[], title).newline();
    x.end().newline();
}

fn package_item(input: &ExportInput, x: &mut Xml) -> Result<()> {
    let story = &input.story;
    start_item(input, "packageItem", &format!("urn:byline:package:{}", story.id), x);
    catalogs(x);
    item_meta(input, "ninat:composite", x)?;
    x.end().newline(); // itemMeta
    x.start("contentMeta", &[]).newline();
    x.leaf("headline", &[], &story.headline).newline();
    x.end().newline(); // contentMeta
    x.start("groupSet", &[("root", "G1")]).newline();
    x.start("group", &[("id", "G1"), ("role", "bylgrol:story")]).newline();
    item_ref(input, &story_guid(input), "ninat:text", &story.headline, x);
    for photo in photos(input) {
        item_ref(input, &picture_guid(photo), "ninat:picture", &trimmed(&photo.photo_use.caption), x);
    }
    x.end().newline(); // group
    x.end().newline(); // groupSet
    x.end().newline(); // packageItem
    Ok(())
}

fn text_item(input: &ExportInput, x: &mut Xml) -> Result<()> {
    let story = &input.story;
    start_item(input, "newsItem", &story_guid(input), x);
    catalogs(x);
    item_meta(input, "ninat:text", x)?;
    for related in &input.related {
        match related.url.as_deref().filter(|u| is_web_url(u)) {
            Some(url) => {
                x.start("link", &[("rel", "irel:seeAlso"), ("href", url), ("contenttype", "text/html")])
            }
            None => x.start("link", &[("rel", "irel:seeAlso")]),
        };
        x.newline().leaf("title", &[], &related.title).newline();
        x.end().newline();
    }
    x.end().newline(); // itemMeta
    x.start("contentMeta", &[]).newline();
    for tag in story.tags.iter().filter(|t| !t.trim().is_empty()) {
        x.leaf("keyword", &[], &one_line(tag)).newline();
    }
    x.leaf("slugline", &[], &story.slug).newline();
    x.leaf("headline", &[], &story.headline).newline();
    if !story.kicker.trim().is_empty() {
        x.leaf("headline", &[("role", "bylhrol:kicker")], &story.kicker).newline();
    }
    if !story.dateline.trim().is_empty() {
        x.leaf("dateline", &[], &story.dateline).newline();
    }
    if !story.byline.trim().is_empty() {
        x.leaf("by", &[], &story.byline).newline();
    }
    if !story.standfirst.trim().is_empty() {
        x.leaf("description", &[("role", "drol:summary")], &story.standfirst).newline();
    }
    x.end().newline(); // contentMeta
    x.start("contentSet", &[]).newline();
    let (words, characters) = (story.stats.words.to_string(), story.stats.characters.to_string());
    x.start(
        "inlineXML",
        &[("contenttype", "application/xhtml+xml"), ("wordcount", &words), ("charcount", &characters)],
    )
    .newline();
    let dir = if is_right_to_left(&story.language) { "rtl" } else { "ltr" };
    x.start(
        "html",
        &[
            ("xmlns", XHTML),
            ("lang", story.language.as_str()),
            ("xml:lang", story.language.as_str()),
            ("dir", dir),
        ],
    )
    .newline();
    x.start("head", &[]).newline();
    x.leaf("title", &[], &story.headline).newline();
    x.end().newline(); // head
    x.start("body", &[]).newline();
    body::write_html(input, &|file| format!("images/{file}"), x);
    x.end().newline(); // body
    x.end().newline(); // html
    x.end().newline(); // inlineXML
    x.end().newline(); // contentSet
    x.end().newline(); // newsItem
    Ok(())
}

fn picture_item(input: &ExportInput, photo: &ExportPhoto, x: &mut Xml) -> Result<()> {
    let u = &photo.photo_use;
    start_item(input, "newsItem", &picture_guid(photo), x);
    catalogs(x);
    if !u.copyright.trim().is_empty() {
        x.start("rightsInfo", &[]).newline();
        x.leaf("copyrightNotice", &[], &trimmed(&u.copyright)).newline();
        x.end().newline();
    }
    item_meta(input, "ninat:picture", x)?;
    // A stand-in's note, for the receiving desk (G2's note to editorial staff).
    if !u.stand_in.trim().is_empty() {
        x.leaf("edNote", &[], &trimmed(&u.stand_in)).newline();
    }
    x.end().newline(); // itemMeta
    x.start("contentMeta", &[]).newline();
    if !u.creator.trim().is_empty() {
        x.start("creator", &[]).newline();
        x.leaf("name", &[], &one_line(&u.creator)).newline();
        x.end().newline();
        x.leaf("by", &[], &trimmed(&u.creator)).newline();
    }
    if !u.credit_line.trim().is_empty() {
        x.leaf("creditline", &[], &one_line(&u.credit_line)).newline();
    }
    if !u.caption.trim().is_empty() {
        x.leaf("description", &[("role", "drol:caption")], &trimmed(&u.caption)).newline();
    }
    if !u.alt_text.trim().is_empty() {
        x.leaf("description", &[("role", "drol:altText")], &trimmed(&u.alt_text)).newline();
    }
    x.end().newline(); // contentMeta
    x.start("contentSet", &[]).newline();
    let href = format!("images/{}", photo.file_name);
    let (width, height, size) =
        (photo.width.to_string(), photo.height.to_string(), photo.jpeg.len().to_string());
    x.empty(
        "remoteContent",
        &[
            ("href", &href),
            ("contenttype", "image/jpeg"),
            ("width", &width),
            ("height", &height),
            ("size", &size),
        ],
    )
    .newline();
    x.end().newline(); // contentSet
    x.end().newline(); // newsItem
    Ok(())
}

/// A field as printed: without outer spaces, after dropping what XML cannot carry.
fn trimmed(text: &str) -> String {
    carried(text).trim().to_string()
}

/// A field G2 types as one line (`IntlStringType`: keyword, creditline, name): tabs and line
/// breaks become spaces, or the item would not validate.
fn one_line(text: &str) -> String {
    trimmed(&text.replace(['\t', '\n', '\r'], " "))
}
