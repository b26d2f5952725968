//! IPTC NewsML-G2 2.35: the story as a `newsMessage` whose `packageItem` groups the text
//! `newsItem` (body as XHTML in `inlineXML`) and one picture `newsItem` per photo, for wire
//! systems and archives that speak G2. Written by hand: every text and attribute goes through
//! [`body::escape`], and the body is `body::html`, which is well-formed XHTML.
//!
//! QCodes come from the IPTC catalog (`ninat:`, `stat:`, `drol:`, `irel:`); the two roles IPTC
//! has no code for (the kicker as a headline, the package's one group) use Byline's own schemes,
//! declared in an inline `catalog` so every QCode resolves.

use std::fmt::Write;

use super::ninjs::{is_web_url, plain, rfc3339};
use super::{body, ExportInput, ExportPhoto, OutputFile};
use byline_model::{Result, Status};

/// The IPTC catalog that resolves the `ninat:`, `stat:`, `drol:` and `irel:` aliases.
pub const IPTC_CATALOG: &str = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml";
const NAR: &str = "http://iptc.org/std/nar/2006-10-01/";
const ITEM_ATTRS: &str = r#"standard="NewsML-G2" standardversion="2.35" conformance="power""#;

/// Renders `<slug>.xml`.
pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    Ok(vec![OutputFile { path: format!("{}.xml", input.story.slug), bytes: message(input)?.into_bytes() }])
}

/// The whole `newsMessage`.
pub fn message(input: &ExportInput) -> Result<String> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<newsMessage xmlns=\"{NAR}\">");
    let _ = writeln!(out, "<header>\n<sent>{}</sent>\n</header>\n<itemSet>", rfc3339(input.exported)?);
    package_item(input, &mut out)?;
    text_item(input, &mut out)?;
    for photo in photos(input) {
        picture_item(input, photo, &mut out)?;
    }
    out.push_str("</itemSet>\n</newsMessage>\n");
    Ok(out)
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
fn version(input: &ExportInput) -> i64 {
    input.story.revision.max(1)
}

fn catalogs(out: &mut String) {
    let _ = writeln!(out, "<catalogRef href=\"{IPTC_CATALOG}\"/>");
    out.push_str(
        "<catalog>\n\
         <scheme alias=\"bylhrol\" uri=\"urn:byline:cv:headlinerole:\"/>\n\
         <scheme alias=\"bylgrol\" uri=\"urn:byline:cv:grouprole:\"/>\n\
         </catalog>\n",
    );
}

fn item_meta(input: &ExportInput, class: &str, out: &mut String) -> Result<()> {
    let story = &input.story;
    let status = if story.status == Status::Published { "stat:usable" } else { "stat:withheld" };
    let _ = write!(
        out,
        "<itemMeta>\n<itemClass qcode=\"{class}\"/>\n<provider literal=\"Byline\"/>\n\
         <versionCreated>{}</versionCreated>\n<firstCreated>{}</firstCreated>\n\
         <pubStatus qcode=\"{status}\"/>\n",
        rfc3339(story.updated)?,
        rfc3339(story.created)?
    );
    Ok(())
}

fn package_item(input: &ExportInput, out: &mut String) -> Result<()> {
    let story = &input.story;
    let _ = writeln!(
        out,
        "<packageItem {ITEM_ATTRS} guid=\"{}\" version=\"{}\">",
        body::escape(&format!("urn:byline:package:{}", story.id)),
        version(input)
    );
    catalogs(out);
    item_meta(input, "ninat:composite", out)?;
    out.push_str("</itemMeta>\n<contentMeta>\n");
    let _ = writeln!(out, "<headline>{}</headline>", body::escape(&story.headline));
    out.push_str("</contentMeta>\n<groupSet root=\"G1\">\n<group id=\"G1\" role=\"bylgrol:story\">\n");
    let _ = writeln!(
        out,
        "<itemRef residref=\"{}\" version=\"{}\" contenttype=\"application/vnd.iptc.g2.newsitem+xml\">\n\
         <itemClass qcode=\"ninat:text\"/>\n<title>{}</title>\n</itemRef>",
        body::escape(&story_guid(input)),
        version(input),
        body::escape(&story.headline)
    );
    for photo in photos(input) {
        let _ = writeln!(
            out,
            "<itemRef residref=\"{}\" version=\"{}\" contenttype=\"application/vnd.iptc.g2.newsitem+xml\">\n\
             <itemClass qcode=\"ninat:picture\"/>\n<title>{}</title>\n</itemRef>",
            body::escape(&picture_guid(photo)),
            version(input),
            trimmed(&photo.photo_use.caption)
        );
    }
    out.push_str("</group>\n</groupSet>\n</packageItem>\n");
    Ok(())
}

fn text_item(input: &ExportInput, out: &mut String) -> Result<()> {
    let story = &input.story;
    let _ = writeln!(
        out,
        "<newsItem {ITEM_ATTRS} guid=\"{}\" version=\"{}\">",
        body::escape(&story_guid(input)),
        version(input)
    );
    catalogs(out);
    item_meta(input, "ninat:text", out)?;
    for related in &input.related {
        match related.url.as_deref().filter(|u| is_web_url(u)) {
            Some(url) => {
                let _ = writeln!(
                    out,
                    "<link rel=\"irel:seeAlso\" href=\"{}\" contenttype=\"text/html\">\n<title>{}</title>\n</link>",
                    body::escape(url),
                    body::escape(&related.title)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "<link rel=\"irel:seeAlso\">\n<title>{}</title>\n</link>",
                    body::escape(&related.title)
                );
            }
        }
    }
    out.push_str("</itemMeta>\n<contentMeta>\n");
    for tag in story.tags.iter().filter(|t| !t.trim().is_empty()) {
        let _ = writeln!(out, "<keyword>{}</keyword>", one_line(tag));
    }
    let _ = writeln!(out, "<slugline>{}</slugline>", body::escape(&story.slug));
    let _ = writeln!(out, "<headline>{}</headline>", body::escape(&story.headline));
    if !story.kicker.trim().is_empty() {
        let _ = writeln!(out, "<headline role=\"bylhrol:kicker\">{}</headline>", body::escape(&story.kicker));
    }
    if !story.dateline.trim().is_empty() {
        let _ = writeln!(out, "<dateline>{}</dateline>", body::escape(&story.dateline));
    }
    if !story.byline.trim().is_empty() {
        let _ = writeln!(out, "<by>{}</by>", body::escape(&story.byline));
    }
    if !story.standfirst.trim().is_empty() {
        let _ = writeln!(
            out,
            "<description role=\"drol:summary\">{}</description>",
            body::escape(&story.standfirst)
        );
    }
    out.push_str("</contentMeta>\n<contentSet>\n");
    let _ = write!(
        out,
        "<inlineXML contenttype=\"application/xhtml+xml\" wordcount=\"{}\" charcount=\"{}\">\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<title>{}</title>\n</head>\n<body>\n",
        story.stats.words,
        story.stats.characters,
        body::escape(&story.headline)
    );
    out.push_str(&body::html(input, &|file| format!("images/{file}")));
    out.push_str("</body>\n</html>\n</inlineXML>\n</contentSet>\n</newsItem>\n");
    Ok(())
}

fn picture_item(input: &ExportInput, photo: &ExportPhoto, out: &mut String) -> Result<()> {
    let u = &photo.photo_use;
    let _ = writeln!(
        out,
        "<newsItem {ITEM_ATTRS} guid=\"{}\" version=\"{}\">",
        body::escape(&picture_guid(photo)),
        version(input)
    );
    catalogs(out);
    if !u.copyright.trim().is_empty() {
        let _ = writeln!(
            out,
            "<rightsInfo>\n<copyrightNotice>{}</copyrightNotice>\n</rightsInfo>",
            trimmed(&u.copyright)
        );
    }
    item_meta(input, "ninat:picture", out)?;
    out.push_str("</itemMeta>\n<contentMeta>\n");
    if !u.creator.trim().is_empty() {
        let _ = writeln!(out, "<creator>\n<name>{}</name>\n</creator>", one_line(&u.creator));
        let _ = writeln!(out, "<by>{}</by>", trimmed(&u.creator));
    }
    if !u.credit_line.trim().is_empty() {
        let _ = writeln!(out, "<creditline>{}</creditline>", one_line(&u.credit_line));
    }
    if !u.caption.trim().is_empty() {
        let _ = writeln!(out, "<description role=\"drol:caption\">{}</description>", trimmed(&u.caption));
    }
    if !u.alt_text.trim().is_empty() {
        let _ = writeln!(out, "<description role=\"drol:altText\">{}</description>", trimmed(&u.alt_text));
    }
    let _ = write!(
        out,
        "</contentMeta>\n<contentSet>\n<remoteContent href=\"{}\" contenttype=\"image/jpeg\" width=\"{}\" height=\"{}\" size=\"{}\"/>\n\
         </contentSet>\n</newsItem>\n",
        body::escape(&format!("images/{}", photo.file_name)),
        photo.width,
        photo.height,
        photo.jpeg.len()
    );
    Ok(())
}

/// A field as printed: escaped, without outer spaces (after dropping what XML cannot carry).
fn trimmed(text: &str) -> String {
    body::escape(plain(text).trim())
}

/// A field G2 types as one line (`IntlStringType`: keyword, creditline, name): tabs and line
/// breaks become spaces, or the item would not validate.
fn one_line(text: &str) -> String {
    trimmed(&text.replace(['\t', '\n', '\r'], " "))
}
