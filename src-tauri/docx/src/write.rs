//! A story written as a DOCX an editor opens in Word or LibreOffice: the head in its own styles
//! (Kicker, Title, Subtitle for the standfirst, Byline, Dateline), the lead photo and the body's
//! figures as inline pictures whose description is the alt text, each followed by its caption and
//! credit line (style Caption, the credit in character style Credit, a stand-in's note first in
//! character style StandIn), headings, lists (Word
//! numbering, nested, an ordered list's start kept), quotes (style Quote), bold, italic, links
//! (story links as the caller resolves them, plain text when it cannot), rules (style Rule), and
//! TK notes as Word comments, never in the text. The core properties carry the headline as the
//! title, the byline as the author, the tags as keywords, the kicker as the subject, the
//! standfirst as the description, and the story's language.

use std::io::Write;

use byline_document::{Block, Document, Inline, ListItem, Mark};
use byline_model::xml::Xml;
use byline_model::{Error, Result};

use crate::ooxml::{self, A, PIC, R, W, WP};

/// A picture as the DOCX carries it: the rendition's JPEG (metadata inside) and the words.
#[derive(Debug, Clone, Copy)]
pub struct Picture<'a> {
    pub jpeg: &'a [u8],
    pub width: u32,
    pub height: u32,
    pub alt: &'a str,
    pub caption: &'a str,
    /// The credit line as printed ("Photo: AFP/VNA").
    pub credit_line: &'a str,
    /// The note that the picture only stands in for the real one (empty when it is the real
    /// one): printed first in its caption, in character style StandIn.
    pub stand_in: &'a str,
}

/// What a DOCX of a story holds.
pub struct DocxStory<'a> {
    pub kicker: &'a str,
    pub headline: &'a str,
    pub standfirst: &'a str,
    pub byline: &'a str,
    pub dateline: &'a str,
    /// BCP 47 (`en-GB`, `ar`).
    pub language: &'a str,
    pub right_to_left: bool,
    pub tags: &'a [String],
    /// W3CDTF (RFC 3339) times.
    pub created: &'a str,
    pub modified: &'a str,
    pub body: &'a Document,
    pub lead: Option<Picture<'a>>,
    /// The picture of a figure node's photo use, when the export has it.
    pub figure: &'a dyn Fn(&str) -> Option<Picture<'a>>,
    /// Where a link points in the DOCX (`story:` links resolved), or `None` for plain text.
    pub link: &'a dyn Fn(&str) -> Option<String>,
}

/// Text width of the page between margins, in EMU (16 cm): pictures wider than that are scaled.
const TEXT_WIDTH_EMU: u64 = 16 * 360_000;
/// EMU per pixel at 96 dpi.
const EMU_PER_PX: u64 = 9_525;

/// The DOCX file of a story.
pub fn write(story: &DocxStory) -> Result<Vec<u8>> {
    let mut w = Writer::new(story);
    w.head();
    for block in &story.body.content {
        w.block(block, Context::default());
    }
    w.finish()
}

/// Where a block is written: inside a quote, inside a list at a depth.
#[derive(Clone, Copy, Default)]
struct Context {
    quote: bool,
    /// (numbering id, level) of the list item whose first paragraph this is.
    item: Option<(u32, u32)>,
    /// The depth of the list the block is in (continuation paragraphs are indented).
    in_list: bool,
    level: u32,
}

struct Relationship {
    id: String,
    kind: &'static str,
    target: String,
    external: bool,
}

struct Writer<'s, 'a> {
    story: &'s DocxStory<'a>,
    body: Xml,
    relationships: Vec<Relationship>,
    media: Vec<(String, &'a [u8])>,
    /// TK notes, by comment id.
    comments: Vec<String>,
    /// `w:num` entries: (abstract numbering, start), numbered from 1.
    numbers: Vec<(u32, u32, u32)>,
    pictures: u32,
}

impl<'s, 'a> Writer<'s, 'a> {
    fn new(story: &'s DocxStory<'a>) -> Self {
        let mut relationships = Vec::new();
        for (kind, target) in [
            (ooxml::REL_STYLES, "styles.xml"),
            (ooxml::REL_NUMBERING, "numbering.xml"),
            (ooxml::REL_COMMENTS, "comments.xml"),
            (ooxml::REL_SETTINGS, "settings.xml"),
        ] {
            let id = format!("rId{}", relationships.len() + 1);
            relationships.push(Relationship { id, kind, target: target.into(), external: false });
        }
        let mut body = Xml::new();
        body.declaration().newline();
        body.start(
            "w:document",
            &[("xmlns:w", W), ("xmlns:r", R), ("xmlns:wp", WP), ("xmlns:a", A), ("xmlns:pic", PIC)],
        );
        body.start("w:body", &[]);
        Writer {
            story,
            body,
            relationships,
            media: Vec::new(),
            comments: Vec::new(),
            numbers: Vec::new(),
            pictures: 0,
        }
    }

    fn relationship(&mut self, kind: &'static str, target: String, external: bool) -> String {
        let id = format!("rId{}", self.relationships.len() + 1);
        self.relationships.push(Relationship { id: id.clone(), kind, target, external });
        id
    }

    /// Kicker, headline, standfirst, byline, dateline and the lead photo, each when it has text.
    fn head(&mut self) {
        let s = self.story;
        for (style, text) in [
            (ooxml::KICKER, s.kicker),
            (ooxml::TITLE, s.headline),
            (ooxml::SUBTITLE, s.standfirst),
            (ooxml::BYLINE, s.byline),
            (ooxml::DATELINE, s.dateline),
        ] {
            if !text.trim().is_empty() {
                self.start_paragraph(Some(style), None);
                self.text_run(text, &[], None);
                self.body.end();
            }
        }
        if let Some(lead) = s.lead {
            self.figure(&lead);
        }
    }

    fn start_paragraph(&mut self, style: Option<&str>, numbering: Option<(u32, u32)>) {
        self.body.start("w:p", &[]);
        if style.is_some() || numbering.is_some() {
            self.body.start("w:pPr", &[]);
            if let Some(style) = style {
                self.body.empty("w:pStyle", &[("w:val", style)]);
            }
            if let Some((num, level)) = numbering {
                self.body.start("w:numPr", &[]);
                self.body.empty("w:ilvl", &[("w:val", &level.to_string())]);
                self.body.empty("w:numId", &[("w:val", &num.to_string())]);
                self.body.end();
            }
            self.body.end();
        }
    }

    /// A run of text with bold, italic and a character style.
    fn text_run(&mut self, text: &str, marks: &[Mark], char_style: Option<&str>) {
        self.body.start("w:r", &[]);
        let bold = marks.contains(&Mark::Strong);
        let italic = marks.contains(&Mark::Em);
        if bold || italic || char_style.is_some() || self.story.right_to_left {
            self.body.start("w:rPr", &[]);
            if let Some(style) = char_style {
                self.body.empty("w:rStyle", &[("w:val", style)]);
            }
            if bold {
                self.body.empty("w:b", &[]).empty("w:bCs", &[]);
            }
            if italic {
                self.body.empty("w:i", &[]).empty("w:iCs", &[]);
            }
            if self.story.right_to_left {
                self.body.empty("w:rtl", &[]);
            }
            self.body.end();
        }
        self.body.leaf("w:t", &[("xml:space", "preserve")], text);
        self.body.end();
    }

    fn inlines(&mut self, content: &[Inline]) {
        for inline in content {
            match inline {
                Inline::HardBreak => {
                    self.body.start("w:r", &[]).empty("w:br", &[]).end();
                }
                Inline::Text { text, marks } if marks.contains(&Mark::Note) => self.note(text),
                Inline::Text { text, marks } => {
                    let href = marks.iter().find_map(|m| match m {
                        Mark::Link { attrs } => Some(attrs.href.as_str()),
                        _ => None,
                    });
                    match href.and_then(|h| (self.story.link)(h)) {
                        Some(url) => {
                            let id = self.relationship(ooxml::REL_HYPERLINK, url, true);
                            self.body.start("w:hyperlink", &[("r:id", &id)]);
                            self.text_run(text, marks, Some(ooxml::HYPERLINK));
                            self.body.end();
                        }
                        None => self.text_run(text, marks, None),
                    }
                }
            }
        }
    }

    /// A TK note: a Word comment anchored where the note was, its text never in the body.
    fn note(&mut self, text: &str) {
        let id = self.comments.len().to_string();
        self.comments.push(text.to_string());
        self.body.empty("w:commentRangeStart", &[("w:id", &id)]);
        self.body.empty("w:commentRangeEnd", &[("w:id", &id)]);
        self.body.start("w:r", &[]);
        self.body.start("w:rPr", &[]).empty("w:rStyle", &[("w:val", "CommentReference")]).end();
        self.body.empty("w:commentReference", &[("w:id", &id)]);
        self.body.end();
    }

    fn block(&mut self, block: &Block, cx: Context) {
        let style_for_text = |cx: &Context| -> Option<&'static str> {
            if cx.quote {
                Some(ooxml::QUOTE)
            } else if cx.in_list {
                Some(ooxml::LIST_PARAGRAPH)
            } else {
                None
            }
        };
        match block {
            Block::Paragraph { content } => {
                self.start_paragraph(style_for_text(&cx), cx.item);
                self.inlines(content);
                self.body.end();
            }
            Block::Heading { attrs, content } => {
                self.start_paragraph(Some(&ooxml::heading(attrs.level)), cx.item);
                self.inlines(content);
                self.body.end();
            }
            Block::Blockquote { content } => {
                for (i, b) in content.iter().enumerate() {
                    let item = if i == 0 { cx.item } else { None };
                    self.block(b, Context { quote: true, item, ..cx });
                }
            }
            Block::BulletList { content } => self.list(content, ooxml::BULLETS, 1, cx),
            Block::OrderedList { attrs, content } => self.list(content, ooxml::NUMBERS, attrs.start, cx),
            Block::Figure { attrs } => {
                if let Some(picture) = (self.story.figure)(&attrs.photo_use) {
                    self.figure(&picture);
                }
            }
            Block::HorizontalRule => {
                self.start_paragraph(Some(ooxml::RULE), None);
                self.body.end();
            }
        }
    }

    fn list(&mut self, items: &[ListItem], kind: u32, start: u32, cx: Context) {
        let level = if cx.in_list { cx.level + 1 } else { 0 }.min(8);
        self.numbers.push((kind, start.max(1), level));
        let num = self.numbers.len() as u32;
        for item in items {
            for (i, b) in item.content.iter().enumerate() {
                let item_start = (i == 0).then_some((num, level));
                self.block(b, Context { quote: cx.quote, item: item_start, in_list: true, level });
            }
        }
    }

    /// A picture in its own paragraph (style Figure), then its caption and credit line.
    fn figure(&mut self, picture: &Picture<'a>) {
        self.pictures += 1;
        let n = self.pictures;
        let name = format!("image{n}.jpeg");
        self.media.push((name.clone(), picture.jpeg));
        let id = self.relationship(ooxml::REL_IMAGE, format!("media/{name}"), false);
        let (w, h) = (u64::from(picture.width.max(1)), u64::from(picture.height.max(1)));
        let cx = (w * EMU_PER_PX).min(TEXT_WIDTH_EMU);
        let cy = cx * h / w;
        let (cx, cy, n) = (cx.to_string(), cy.to_string(), n.to_string());
        self.start_paragraph(Some(ooxml::FIGURE), None);
        let x = &mut self.body;
        x.start("w:r", &[]).start("w:drawing", &[]);
        x.start("wp:inline", &[("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0")]);
        x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)]);
        x.empty("wp:docPr", &[("id", &n), ("name", &format!("Picture {n}")), ("descr", picture.alt.trim())]);
        x.start("wp:cNvGraphicFramePr", &[]).empty("a:graphicFrameLocks", &[("noChangeAspect", "1")]).end();
        x.start("a:graphic", &[]).start("a:graphicData", &[("uri", PIC)]);
        x.start("pic:pic", &[]);
        x.start("pic:nvPicPr", &[]);
        x.empty("pic:cNvPr", &[("id", &n), ("name", &name), ("descr", picture.alt.trim())]);
        x.empty("pic:cNvPicPr", &[]);
        x.end();
        x.start("pic:blipFill", &[]);
        x.empty("a:blip", &[("r:embed", &id)]);
        x.start("a:stretch", &[]).empty("a:fillRect", &[]).end();
        x.end();
        x.start("pic:spPr", &[]);
        x.start("a:xfrm", &[])
            .empty("a:off", &[("x", "0"), ("y", "0")])
            .empty("a:ext", &[("cx", &cx), ("cy", &cy)])
            .end();
        x.start("a:prstGeom", &[("prst", "rect")]).empty("a:avLst", &[]).end();
        x.end();
        x.end(); // pic:pic
        x.end().end(); // graphicData, graphic
        x.end(); // wp:inline
        x.end().end(); // w:drawing, w:r
        x.end(); // w:p
        let (caption, credit) = (picture.caption.trim(), picture.credit_line.trim());
        let stand_in = picture.stand_in.trim();
        if !caption.is_empty() || !credit.is_empty() || !stand_in.is_empty() {
            self.start_paragraph(Some(ooxml::CAPTION), None);
            if !stand_in.is_empty() {
                self.text_run(stand_in, &[], Some(ooxml::STAND_IN));
                if !caption.is_empty() || !credit.is_empty() {
                    self.text_run(" ", &[], None);
                }
            }
            if !caption.is_empty() {
                self.text_run(caption, &[], None);
            }
            if !credit.is_empty() {
                if !caption.is_empty() {
                    self.text_run(" ", &[], None);
                }
                self.text_run(credit, &[], Some(ooxml::CREDIT));
            }
            self.body.end();
        }
    }

    fn finish(mut self) -> Result<Vec<u8>> {
        // The page: A4, or Letter where it is the norm; 2.5 cm margins.
        let (page_w, page_h) = if byline_model::language::uses_letter_paper(self.story.language) {
            ("12240", "15840")
        } else {
            ("11906", "16838")
        };
        self.body.start("w:sectPr", &[]);
        self.body.empty("w:pgSz", &[("w:w", page_w), ("w:h", page_h)]);
        self.body.empty(
            "w:pgMar",
            &[
                ("w:top", "1417"),
                ("w:right", "1417"),
                ("w:bottom", "1417"),
                ("w:left", "1417"),
                ("w:header", "708"),
                ("w:footer", "708"),
                ("w:gutter", "0"),
            ],
        );
        self.body.end();
        let document = self.body.finish();
        let language = if self.story.language.trim().is_empty() { "en" } else { self.story.language };
        let styles = ooxml::STYLES
            .replace("{LANG}", &escape_attribute(language))
            .replace("{BIDI}", if self.story.right_to_left { "<w:bidi/>" } else { "" })
            .replace("{RTL}", if self.story.right_to_left { "<w:rtl/>" } else { "" });
        let parts: Vec<(String, Vec<u8>)> = vec![
            ("[Content_Types].xml".into(), content_types().into_bytes()),
            ("_rels/.rels".into(), package_relationships().into_bytes()),
            ("docProps/core.xml".into(), core_properties(self.story).into_bytes()),
            ("docProps/app.xml".into(), app_properties().into_bytes()),
            ("word/document.xml".into(), document.into_bytes()),
            ("word/styles.xml".into(), styles.into_bytes()),
            ("word/numbering.xml".into(), numbering(&self.numbers).into_bytes()),
            ("word/comments.xml".into(), comments(&self.comments, self.story.modified).into_bytes()),
            ("word/settings.xml".into(), ooxml::SETTINGS.as_bytes().to_vec()),
            ("word/_rels/document.xml.rels".into(), relationships(&self.relationships).into_bytes()),
        ];
        let fail =
            |e: &dyn std::fmt::Display| Error::InvalidInput(format!("the DOCX could not be written: {e}"));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflated =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let stored =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (path, bytes) in &parts {
            zip.start_file(path.as_str(), deflated).map_err(|e| fail(&e))?;
            zip.write_all(bytes).map_err(|e| fail(&e))?;
        }
        // JPEGs are compressed already.
        for (name, jpeg) in &self.media {
            zip.start_file(format!("word/media/{name}"), stored).map_err(|e| fail(&e))?;
            zip.write_all(jpeg).map_err(|e| fail(&e))?;
        }
        Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
    }
}

/// A value for an attribute written into a template as it is.
fn escape_attribute(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

fn content_types() -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("Types", &[("xmlns", ooxml::CONTENT_TYPES)]);
    x.empty(
        "Default",
        &[("Extension", "rels"), ("ContentType", "application/vnd.openxmlformats-package.relationships+xml")],
    );
    x.empty("Default", &[("Extension", "xml"), ("ContentType", "application/xml")]);
    x.empty("Default", &[("Extension", "jpeg"), ("ContentType", "image/jpeg")]);
    let word = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", format!("{word}.document.main+xml")),
        ("/word/styles.xml", format!("{word}.styles+xml")),
        ("/word/numbering.xml", format!("{word}.numbering+xml")),
        ("/word/comments.xml", format!("{word}.comments+xml")),
        ("/word/settings.xml", format!("{word}.settings+xml")),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml".into()),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml".into()),
    ] {
        x.empty("Override", &[("PartName", part), ("ContentType", &kind)]);
    }
    x.finish()
}

fn package_relationships() -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("Relationships", &[("xmlns", ooxml::PACKAGE_RELS)]);
    for (id, kind, target) in [
        ("rId1", ooxml::REL_DOCUMENT, "word/document.xml"),
        ("rId2", ooxml::REL_CORE, "docProps/core.xml"),
        ("rId3", ooxml::REL_APP, "docProps/app.xml"),
    ] {
        x.empty("Relationship", &[("Id", id), ("Type", kind), ("Target", target)]);
    }
    x.finish()
}

fn relationships(all: &[Relationship]) -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("Relationships", &[("xmlns", ooxml::PACKAGE_RELS)]);
    for r in all {
        if r.external {
            x.empty(
                "Relationship",
                &[("Id", &r.id), ("Type", r.kind), ("Target", &r.target), ("TargetMode", "External")],
            );
        } else {
            x.empty("Relationship", &[("Id", &r.id), ("Type", r.kind), ("Target", &r.target)]);
        }
    }
    x.finish()
}

fn core_properties(s: &DocxStory) -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start(
        "cp:coreProperties",
        &[
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    let keywords = s.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(", ");
    for (name, value) in [
        ("dc:title", s.headline),
        ("dc:subject", s.kicker),
        ("dc:creator", s.byline),
        ("cp:keywords", keywords.as_str()),
        ("dc:description", s.standfirst),
        ("dc:language", s.language),
    ] {
        if !value.trim().is_empty() {
            x.leaf(name, &[], value.trim());
        }
    }
    for (name, value) in [("dcterms:created", s.created), ("dcterms:modified", s.modified)] {
        if !value.is_empty() {
            x.leaf(name, &[("xsi:type", "dcterms:W3CDTF")], value);
        }
    }
    x.finish()
}

fn app_properties() -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start(
        "Properties",
        &[("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties")],
    );
    x.leaf("Application", &[], &format!("Byline {}", env!("CARGO_PKG_VERSION")));
    x.finish()
}

/// The two abstract numberings (bullets, decimal numbers; nine levels each) and one `w:num` per
/// list, its start set on its own level.
fn numbering(numbers: &[(u32, u32, u32)]) -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("w:numbering", &[("xmlns:w", W)]);
    for (abstract_id, format) in [(ooxml::BULLETS, "bullet"), (ooxml::NUMBERS, "decimal")] {
        x.start("w:abstractNum", &[("w:abstractNumId", &abstract_id.to_string())]);
        x.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
        for level in 0..9u32 {
            x.start("w:lvl", &[("w:ilvl", &level.to_string())]);
            x.empty("w:start", &[("w:val", "1")]);
            x.empty("w:numFmt", &[("w:val", format)]);
            let text = if format == "bullet" {
                ["•", "◦", "▪"][level as usize % 3].to_string()
            } else {
                format!("%{}.", level + 1)
            };
            x.empty("w:lvlText", &[("w:val", &text)]);
            x.empty("w:lvlJc", &[("w:val", "left")]);
            let indent = (720 * (level + 1)).to_string();
            x.start("w:pPr", &[]).empty("w:ind", &[("w:left", &indent), ("w:hanging", "360")]).end();
            x.end();
        }
        x.end();
    }
    for (i, (abstract_id, start, level)) in numbers.iter().enumerate() {
        x.start("w:num", &[("w:numId", &(i + 1).to_string())]);
        x.empty("w:abstractNumId", &[("w:val", &abstract_id.to_string())]);
        x.start("w:lvlOverride", &[("w:ilvl", &level.to_string())]);
        x.empty("w:startOverride", &[("w:val", &start.to_string())]);
        x.end();
        x.end();
    }
    x.finish()
}

fn comments(notes: &[String], date: &str) -> String {
    let mut x = Xml::new();
    x.declaration().newline();
    x.start("w:comments", &[("xmlns:w", W)]);
    for (id, note) in notes.iter().enumerate() {
        let mut attributes =
            vec![("w:id", id.to_string()), ("w:author", "TK".into()), ("w:initials", "TK".into())];
        if !date.is_empty() {
            attributes.push(("w:date", date.to_string()));
        }
        let attributes: Vec<(&str, &str)> = attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
        x.start("w:comment", &attributes);
        x.start("w:p", &[]).start("w:pPr", &[]).empty("w:pStyle", &[("w:val", "CommentText")]).end();
        x.start("w:r", &[]).leaf("w:t", &[("xml:space", "preserve")], note).end();
        x.end();
        x.end();
    }
    x.finish()
}
