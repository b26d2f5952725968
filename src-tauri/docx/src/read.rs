//! A DOCX read into a story: the head from its styles (or the core properties), the body as a
//! document tree, embedded pictures with their alt text and the caption after them, Word
//! comments as TK notes, tracked changes taken as accepted (and counted).
//!
//! Untrusted input: the zip is checked before anything is inflated (entries, sizes, ratios), each
//! part is read with a hard limit, a part that declares a DOCTYPE is refused (entities are never
//! expanded), macro-enabled files and encrypted ones are refused with what to do, and pictures
//! linked from the internet are never fetched.

use std::collections::HashMap;
use std::io::Read;

use byline_document::{
    Block, Document, FigureAttrs, HeadingAttrs, Inline, LinkAttrs, ListItem, Mark, OrderedListAttrs,
};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::ooxml;

/// What a DOCX gave.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDocx {
    pub kicker: String,
    pub headline: String,
    pub standfirst: String,
    pub byline: String,
    pub dateline: String,
    /// The core properties' language, when set.
    pub language: Option<String>,
    /// The core properties' keywords.
    pub tags: Vec<String>,
    /// The body; a figure's photo use is the `placeholder` of one of `images`.
    pub body: Document,
    pub images: Vec<ImportedImage>,
    /// Insertions, deletions, moves and format changes, all taken as accepted.
    pub tracked_changes: usize,
    /// Word comments, now TK notes in the text.
    pub comments: usize,
    /// What was left out, for the journalist ("a picture linked from the internet was not fetched").
    pub notices: Vec<String>,
}

/// A picture embedded in the DOCX.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedImage {
    /// What the body's figure holds until the photo is attached.
    pub placeholder: String,
    /// Its name in the DOCX (`media/image1.jpeg`).
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt: String,
    pub caption: String,
    /// The credit line as printed after the caption ("Photo: AFP/VNA"), if there was one.
    pub credit_line: String,
    /// The note that the picture only stands in for the real one: the caption's runs in
    /// character style StandIn, as Byline writes it (empty when there were none).
    pub stand_in: String,
    /// It stood before the body (after the headline): the story's lead photo.
    pub lead: bool,
}

/// Why a DOCX was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    #[error("the file is empty (0 bytes)")]
    Empty,
    #[error(
        "the file is password-protected or is an old Word 97-2003 document (.doc): open it in Word or \
         LibreOffice, remove the password, save it as .docx and import that"
    )]
    Encrypted,
    #[error("this is not a DOCX (a Word document): {0}")]
    NotDocx(String),
    #[error(
        "the document contains macros (.docm): Byline never imports macros; save it as a plain .docx \
         (Word document) and import that"
    )]
    Macros,
    #[error("the DOCX is too large to import safely: {0}")]
    TooLarge(String),
    #[error("the DOCX is damaged: {0}")]
    Damaged(String),
}

/// Parts at most in a DOCX (Word writes a dozen, plus one per picture).
const MAX_ENTRIES: usize = 2_000;
/// Largest part, inflated (a picture of a 100-megapixel camera is about 60 MB).
const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// Largest total, inflated.
const MAX_TOTAL_BYTES: u64 = 500 * 1024 * 1024;
/// Largest inflation ratio of a large part (text compresses about 10:1; a zip bomb 1000:1).
const MAX_RATIO: u64 = 200;

/// Reads a DOCX.
pub fn read(bytes: &[u8]) -> Result<ImportedDocx, DocxError> {
    if bytes.is_empty() {
        return Err(DocxError::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(DocxError::Encrypted);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(DocxError::NotDocx("it is not a zip package".into()));
    }
    let mut package = Package::open(bytes)?;
    let types = package.text("[Content_Types].xml")?.ok_or_else(|| missing("[Content_Types].xml"))?;
    if types.contains("macroEnabled") || package.has("word/vbaProject.bin") {
        return Err(DocxError::Macros);
    }
    let main = package
        .text("_rels/.rels")?
        .and_then(|rels| relationships(&rels).ok())
        .and_then(|rels| rels.into_values().find(|r| r.kind.ends_with("/officeDocument")).map(|r| r.target))
        .map(|t| t.trim_start_matches('/').to_string())
        .unwrap_or_else(|| "word/document.xml".into());
    let folder = main.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let document = package.text(&main)?.ok_or_else(|| missing(&main))?;
    let rels_path = format!("{folder}/_rels/{}.rels", main.rsplit('/').next().unwrap_or("document.xml"));
    let rels = match package.text(&rels_path)? {
        Some(text) => relationships(&text)?,
        None => HashMap::new(),
    };
    let target = |id: &str| rels.get(id);
    let styles = match rels.values().find(|r| r.kind.ends_with("/styles")) {
        Some(r) => {
            package.text(&join(&folder, &r.target))?.map(|t| styles(&t)).transpose()?.unwrap_or_default()
        }
        None => HashMap::new(),
    };
    let numbering = match rels.values().find(|r| r.kind.ends_with("/numbering")) {
        Some(r) => {
            package.text(&join(&folder, &r.target))?.map(|t| numbering(&t)).transpose()?.unwrap_or_default()
        }
        None => Numbering::default(),
    };
    let comments = match rels.values().find(|r| r.kind.ends_with("/comments")) {
        Some(r) => {
            package.text(&join(&folder, &r.target))?.map(|t| comments(&t)).transpose()?.unwrap_or_default()
        }
        None => HashMap::new(),
    };
    let core = match package.text("docProps/core.xml")? {
        Some(text) => core_properties(&text)?,
        None => HashMap::new(),
    };
    let paragraphs = paragraphs(&document, &|id| target(id).cloned(), &comments)?;
    let mut imported = Assembler::new(&styles, &numbering).assemble(paragraphs.paragraphs);
    imported.tracked_changes = paragraphs.tracked_changes;
    imported.comments = paragraphs.comments_used;
    imported.notices.extend(paragraphs.notices);
    // Pictures: the bytes of each embedded one; a missing or oversized one is left out.
    let mut images = Vec::new();
    for image in imported.images {
        let path = join(&folder, &image.name);
        match package.bytes(&path) {
            Ok(Some(bytes)) => images.push(ImportedImage { bytes, name: path, ..image }),
            Ok(None) => {
                imported.notices.push(format!("a picture ({path}) is missing from the file; left out"))
            }
            Err(e) => imported.notices.push(format!("a picture ({path}) was left out: {e}")),
        }
    }
    let kept: Vec<&str> = images.iter().map(|i| i.placeholder.as_str()).collect();
    imported.body.content = drop_figures(std::mem::take(&mut imported.body.content), &kept);
    imported.images = images;
    // The core properties fill what the body did not say.
    let property = |name: &str| core.get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if imported.headline.is_empty() {
        imported.headline = property("title").unwrap_or_default();
    }
    if imported.byline.is_empty() {
        imported.byline = property("creator").unwrap_or_default();
    }
    if imported.kicker.is_empty() {
        imported.kicker = property("subject").unwrap_or_default();
    }
    if imported.standfirst.is_empty() {
        imported.standfirst = property("description").unwrap_or_default();
    }
    imported.language = property("language");
    imported.tags = property("keywords")
        .map(|k| k.split([',', ';']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    if imported.body.content.is_empty() {
        imported.body = Document::default();
    }
    Ok(imported)
}

fn missing(part: &str) -> DocxError {
    DocxError::NotDocx(format!("it has no {part}"))
}

/// A part path relative to a folder (`word` + `media/image1.png`), or absolute (`/word/…`).
fn join(folder: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The zip, checked before anything is inflated.
struct Package<'a> {
    zip: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, DocxError> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| DocxError::NotDocx(format!("its zip structure cannot be read ({e})")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(DocxError::TooLarge(format!("it has {} parts (at most {MAX_ENTRIES})", zip.len())));
        }
        let mut total = 0u64;
        for i in 0..zip.len() {
            let entry = zip.by_index_raw(i).map_err(|e| DocxError::Damaged(e.to_string()))?;
            let (size, packed) = (entry.size(), entry.compressed_size().max(1));
            if size > MAX_PART_BYTES || (size > 10 * 1024 * 1024 && size / packed > MAX_RATIO) {
                return Err(DocxError::TooLarge(format!(
                    "{} inflates to {} MB from {} KB (a zip bomb?)",
                    entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                    size / (1024 * 1024),
                    packed / 1024
                )));
            }
            total += size;
        }
        if total > MAX_TOTAL_BYTES {
            return Err(DocxError::TooLarge(format!("its parts add up to {} MB", total / (1024 * 1024))));
        }
        Ok(Package { zip })
    }

    fn has(&mut self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's bytes, read with a hard limit whatever its header says.
    fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else { return Ok(None) };
        let entry = self.zip.by_index(index).map_err(|e| DocxError::Damaged(format!("{name}: {e}")))?;
        let mut out = Vec::new();
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| DocxError::Damaged(format!("{name} cannot be read ({e})")))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(DocxError::TooLarge(format!("{name} is larger than its header said")));
        }
        Ok(Some(out))
    }

    /// A part as text.
    fn text(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let Some(bytes) = self.bytes(name)? else { return Ok(None) };
        let text =
            String::from_utf8(bytes).map_err(|_| DocxError::Damaged(format!("{name} is not UTF-8 text")))?;
        let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
        Ok(Some(text))
    }
}

/// A relationship of a part.
#[derive(Debug, Clone)]
struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

/// Every XML event of a part, refusing a DOCTYPE (entities are never expanded).
fn events(xml: &str, mut each: impl FnMut(Event<'_>) -> Result<(), DocxError>) -> Result<(), DocxError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(()),
            Ok(Event::DocType(_)) => {
                return Err(DocxError::Damaged(
                    "a part declares a DOCTYPE (entities), which Word never writes; refused".into(),
                ))
            }
            Ok(event) => each(event)?,
            Err(e) => {
                return Err(DocxError::Damaged(format!(
                    "its XML is broken at byte {}: {e}",
                    reader.buffer_position()
                )))
            }
        }
    }
}

/// The local name of an element (`w:p` → `p`).
fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// An attribute's value, normalised as XML 1.0 says.
fn value(a: &quick_xml::events::attributes::Attribute<'_>) -> String {
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default()
}

/// An attribute by its local name (`w:val` → `val`), unescaped.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| (a.key.local_name().as_ref() == name).then(|| value(&a)))
}

/// An attribute by its full name (`r:id`), for the names whose prefix matters.
fn attr_full(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| (a.key.as_ref() == name).then(|| value(&a)))
}

fn relationships(xml: &str) -> Result<HashMap<String, Relationship>, DocxError> {
    let mut out = HashMap::new();
    events(xml, |event| {
        if let Event::Start(e) | Event::Empty(e) = event {
            if local(&e) == "Relationship" {
                if let (Some(id), Some(kind), Some(target)) =
                    (attr(&e, "Id"), attr(&e, "Type"), attr(&e, "Target"))
                {
                    let external = attr(&e, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
                    out.insert(id, Relationship { kind, target, external });
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// A style: its name lowercased (`heading 1`, `title`) and what it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
}

fn styles(xml: &str) -> Result<HashMap<String, Style>, DocxError> {
    let mut out = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    events(xml, |event| {
        match event {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                "style" => current = attr(&e, "styleId").map(|id| (id, Style::default())),
                "name" => {
                    if let (Some((_, style)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                        style.name = v.to_lowercase();
                    }
                }
                "basedOn" => {
                    if let (Some((_, style)), Some(v)) = (current.as_mut(), attr(&e, "val")) {
                        style.based_on = Some(v);
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, style)) = current.take() {
                    out.insert(id, style);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// A list's kind and start, by numbering id and level.
#[derive(Debug, Clone, Default)]
struct Numbering {
    /// abstract id → level → (ordered, start)
    abstracts: HashMap<String, HashMap<u32, (bool, u32)>>,
    /// num id → (abstract id, level → start override)
    nums: HashMap<String, (String, HashMap<u32, u32>)>,
}

impl Numbering {
    /// Whether a list is ordered and where it starts, at a level.
    fn list(&self, num: &str, level: u32) -> (bool, u32) {
        let Some((abstract_id, overrides)) = self.nums.get(num) else { return (false, 1) };
        let (ordered, start) =
            self.abstracts.get(abstract_id).and_then(|l| l.get(&level)).copied().unwrap_or((false, 1));
        (ordered, overrides.get(&level).copied().unwrap_or(start))
    }
}

fn numbering(xml: &str) -> Result<Numbering, DocxError> {
    let mut out = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut level: Option<(u32, bool, u32)> = None;
    let mut num: Option<(String, String, HashMap<u32, u32>)> = None;
    let mut override_level: Option<u32> = None;
    events(xml, |event| {
        match event {
            Event::Start(e) | Event::Empty(e) => match local(&e).as_str() {
                "abstractNum" => abstract_id = attr(&e, "abstractNumId"),
                "lvl" if abstract_id.is_some() && num.is_none() => {
                    level = attr(&e, "ilvl").and_then(|v| v.parse().ok()).map(|l| (l, false, 1));
                }
                "start" => {
                    if let (Some(l), Some(v)) = (level.as_mut(), attr(&e, "val").and_then(|v| v.parse().ok()))
                    {
                        l.2 = v;
                    }
                }
                "numFmt" => {
                    if let (Some(l), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                        l.1 = !matches!(v.as_str(), "bullet" | "none");
                    }
                }
                "num" => num = attr(&e, "numId").map(|id| (id, String::new(), HashMap::new())),
                "abstractNumId" => {
                    if let (Some(n), Some(v)) = (num.as_mut(), attr(&e, "val")) {
                        n.1 = v;
                    }
                }
                "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Some(n), Some(l), Some(v)) =
                        (num.as_mut(), override_level, attr(&e, "val").and_then(|v| v.parse().ok()))
                    {
                        n.2.insert(l, v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "lvl" => {
                    if let (Some(a), Some((l, ordered, start))) = (abstract_id.as_ref(), level.take()) {
                        out.abstracts.entry(a.clone()).or_default().insert(l, (ordered, start));
                    }
                }
                "abstractNum" => abstract_id = None,
                "num" => {
                    if let Some((id, a, overrides)) = num.take() {
                        out.nums.insert(id, (a, overrides));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// Comment text by id (paragraphs joined with a space).
fn comments(xml: &str) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    events(xml, |event| {
        match event {
            Event::Start(e) => match local(&e).as_str() {
                "comment" => current = attr(&e, "id").map(|id| (id, String::new())),
                "t" => in_text = true,
                "p" => {
                    if let Some((_, text)) = current.as_mut() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&reference(&r)?);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "comment" => {
                    if let Some((id, text)) = current.take() {
                        out.insert(id, text.trim().to_string());
                    }
                }
                _ => {}
            },
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// The character an entity or character reference stands for; only XML's five and numeric ones.
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Result<String, DocxError> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Ok(c.to_string());
    }
    let name = r.xml10_content();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .ok_or_else(|| DocxError::Damaged(format!("an unknown entity &{name}; (never expanded)")))
}

fn core_properties(xml: &str) -> Result<HashMap<String, String>, DocxError> {
    let mut out = HashMap::new();
    let mut current: Option<String> = None;
    events(xml, |event| {
        match event {
            Event::Start(e) => current = Some(local(&e)),
            Event::Text(t) => {
                if let Some(name) = &current {
                    let text = t.xml10_content();
                    out.entry(name.clone()).or_insert_with(String::new).push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(name) = &current {
                    out.entry(name.clone()).or_insert_with(String::new).push_str(&reference(&r)?);
                }
            }
            Event::End(_) => current = None,
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// One paragraph of the document as read: its style, list place, inlines and pictures.
#[derive(Debug, Default, Clone)]
struct Paragraph {
    style: Option<String>,
    numbering: Option<(String, u32)>,
    content: Vec<Inline>,
    /// (relationship target, alt text) of each picture, in order.
    pictures: Vec<(String, String)>,
    /// The text of the runs in character style Credit.
    credit: String,
    /// The text of the runs in character style StandIn.
    stand_in: String,
    /// A bottom border with no text: a rule.
    border: bool,
}

struct Body {
    paragraphs: Vec<Paragraph>,
    tracked_changes: usize,
    comments_used: usize,
    notices: Vec<String>,
}

/// Run properties being read.
#[derive(Default, Clone)]
struct RunProps {
    bold: bool,
    italic: bool,
    style: Option<String>,
}

/// The paragraphs of `document.xml`, in order (table cells' paragraphs among them).
fn paragraphs(
    xml: &str,
    target: &dyn Fn(&str) -> Option<Relationship>,
    comments: &HashMap<String, String>,
) -> Result<Body, DocxError> {
    let mut out = Body { paragraphs: Vec::new(), tracked_changes: 0, comments_used: 0, notices: Vec::new() };
    let mut paragraph: Option<Paragraph> = None;
    let mut run = RunProps::default();
    let mut in_run_props = false;
    let mut in_text = false;
    // Depth inside content that is not taken: a deletion, a moved-away text, the old properties of
    // a format change, a fallback of alternate content.
    let mut skipping = 0usize;
    let mut link: Option<String> = None;
    // Complex field being read: (instruction, whether its result is being read).
    let mut field: Option<(String, bool)> = None;
    let mut in_instruction = false;
    let mut alt = String::new();
    let push_text = |p: &mut Paragraph, text: &str, run: &RunProps, link: &Option<String>| {
        if text.is_empty() {
            return;
        }
        if run.style.as_deref() == Some(ooxml::CREDIT) {
            p.credit.push_str(text);
        }
        if run.style.as_deref() == Some(ooxml::STAND_IN) {
            p.stand_in.push_str(text);
        }
        let mut marks = Vec::new();
        if let Some(href) = link {
            marks.push(Mark::Link { attrs: LinkAttrs { href: href.clone() } });
        }
        if run.bold {
            marks.push(Mark::Strong);
        }
        if run.italic {
            marks.push(Mark::Em);
        }
        push_inline(&mut p.content, Inline::Text { text: text.to_string(), marks });
    };
    events(xml, |event| {
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let e = e.clone();
                let name = local(&e);
                if skipping > 0 {
                    if !empty {
                        skipping += 1;
                    }
                    return Ok(());
                }
                match name.as_str() {
                    // A deletion, a moved-away text, the old properties of a format change.
                    "del" | "moveFrom" | "rPrChange" | "pPrChange" | "sectPrChange" | "tblPrChange"
                    | "numberingChange" => {
                        out.tracked_changes += 1;
                        if !empty {
                            skipping = 1;
                        }
                    }
                    "Fallback" if !empty => skipping = 1,
                    "ins" | "moveTo" => out.tracked_changes += 1,
                    "p" => {
                        paragraph = Some(Paragraph::default());
                        if empty {
                            out.paragraphs.push(paragraph.take().unwrap_or_default());
                        }
                    }
                    "pStyle" => {
                        if let Some(p) = paragraph.as_mut() {
                            p.style = attr(&e, "val");
                        }
                    }
                    "numId" => {
                        if let (Some(p), Some(id)) = (paragraph.as_mut(), attr(&e, "val")) {
                            let level = p.numbering.as_ref().map_or(0, |n| n.1);
                            p.numbering = (id != "0").then_some((id, level));
                        }
                    }
                    "ilvl" => {
                        if let (Some(p), Some(level)) =
                            (paragraph.as_mut(), attr(&e, "val").and_then(|v| v.parse().ok()))
                        {
                            let id = p.numbering.as_ref().map_or(String::new(), |n| n.0.clone());
                            p.numbering = Some((id, level));
                        }
                    }
                    "bottom" => {
                        if let Some(p) = paragraph.as_mut() {
                            p.border = attr(&e, "val").is_some_and(|v| v != "none" && v != "nil");
                        }
                    }
                    "r" => run = RunProps::default(),
                    "rPr" => in_run_props = true,
                    "b" if in_run_props => run.bold = on(&e),
                    "i" if in_run_props => run.italic = on(&e),
                    "rStyle" if in_run_props => run.style = attr(&e, "val"),
                    "t" if !empty => in_text = true,
                    "tab" if !in_run_props => {
                        if let Some(p) = paragraph.as_mut() {
                            push_text(p, " ", &run, &link);
                        }
                    }
                    "br" | "cr" => {
                        let page = attr(&e, "type").is_some_and(|t| t == "page" || t == "column");
                        if let (Some(p), false) = (paragraph.as_mut(), page) {
                            p.content.push(Inline::HardBreak);
                        }
                    }
                    "hyperlink" => {
                        link = attr_full(&e, "r:id").and_then(|id| target(&id)).map(|r| r.target);
                    }
                    "fldChar" => match attr(&e, "fldCharType").as_deref() {
                        Some("begin") => field = Some((String::new(), false)),
                        Some("separate") => {
                            if let Some((instruction, reading)) = field.as_mut() {
                                *reading = true;
                                link = hyperlink_field(instruction);
                            }
                        }
                        Some("end") if field.take().is_some() => link = None,
                        _ => {}
                    },
                    "instrText" => in_instruction = !empty,
                    "docPr" => alt = attr(&e, "descr").unwrap_or_default(),
                    "blip" => {
                        if let Some(p) = paragraph.as_mut() {
                            if let Some(rel) = attr_full(&e, "r:embed").and_then(|id| target(&id)) {
                                if rel.external {
                                    out.notices.push(format!(
                                        "a picture linked from the internet ({}) was not fetched",
                                        rel.target
                                    ));
                                } else {
                                    p.pictures.push((rel.target, std::mem::take(&mut alt)));
                                }
                            } else if let Some(rel) = attr_full(&e, "r:link").and_then(|id| target(&id)) {
                                out.notices.push(format!(
                                    "a picture linked from the internet ({}) was not fetched",
                                    rel.target
                                ));
                            }
                        }
                    }
                    "commentReference" => {
                        if let (Some(p), Some(note)) =
                            (paragraph.as_mut(), attr(&e, "id").and_then(|id| comments.get(&id)))
                        {
                            if !note.is_empty() {
                                out.comments_used += 1;
                                push_inline(
                                    &mut p.content,
                                    Inline::Text { text: note.clone(), marks: vec![Mark::Note] },
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if skipping > 0 {
                    return Ok(());
                }
                let text = t.xml10_content();
                if in_instruction {
                    if let Some((instruction, _)) = field.as_mut() {
                        instruction.push_str(&text);
                    }
                } else if in_text {
                    if let Some(p) = paragraph.as_mut() {
                        push_text(p, &text, &run, &link);
                    }
                }
            }
            Event::GeneralRef(r) if skipping == 0 && in_text => {
                let text = reference(&r)?;
                if let Some(p) = paragraph.as_mut() {
                    push_text(p, &text, &run, &link);
                }
            }
            Event::End(e) => {
                if skipping > 0 {
                    skipping -= 1;
                    return Ok(());
                }
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(p) = paragraph.take() {
                            out.paragraphs.push(p);
                        }
                    }
                    "rPr" => in_run_props = false,
                    "t" => in_text = false,
                    "instrText" => in_instruction = false,
                    "hyperlink" => link = None,
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(out)
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    !attr(e, "val").is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off" | "none"))
}

/// The URL of a `HYPERLINK "url"` field instruction.
fn hyperlink_field(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim();
    if rest.starts_with("\\l") {
        return None; // a bookmark inside the document
    }
    let url = rest.trim_start_matches('"').split('"').next()?.trim();
    (!url.is_empty()).then(|| url.to_string())
}

/// Adds an inline, joining it to the text before it when the marks are the same.
fn push_inline(content: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text { text: last, marks: last_marks }), Inline::Text { text, marks }) =
        (content.last_mut(), &inline)
    {
        if last_marks == marks {
            last.push_str(text);
            return;
        }
    }
    content.push(inline);
}

/// What a paragraph's style makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Kicker,
    Title,
    Subtitle,
    Byline,
    Dateline,
    Heading(u8),
    Quote,
    Caption,
    Rule,
    Figure,
    Text,
}

/// The roles of styles, by their names (a style whose id is the name without spaces counts too).
const ROLES: &[(&[&str], Role)] = &[
    (&["kicker"], Role::Kicker),
    (&["title"], Role::Title),
    (&["subtitle"], Role::Subtitle),
    (&["byline"], Role::Byline),
    (&["dateline"], Role::Dateline),
    (&["quote", "intense quote", "block text"], Role::Quote),
    (&["caption"], Role::Caption),
    (&["rule"], Role::Rule),
    (&["figure"], Role::Figure),
];

/// Turns paragraphs into the head and the tree.
struct Assembler<'a> {
    styles: &'a HashMap<String, Style>,
    numbering: &'a Numbering,
}

impl<'a> Assembler<'a> {
    fn new(styles: &'a HashMap<String, Style>, numbering: &'a Numbering) -> Assembler<'a> {
        Assembler { styles, numbering }
    }

    /// The role of a style id, by its name (language-independent for Word's own styles) or id,
    /// following `basedOn` a few steps.
    fn role(&self, style: Option<&str>) -> Role {
        let mut id = style;
        for _ in 0..5 {
            let Some(current) = id else { return Role::Text };
            let name = self.styles.get(current).map_or(String::new(), |s| s.name.clone());
            let by = |key: &str| name == key || current.eq_ignore_ascii_case(&key.replace(' ', ""));
            let role = ROLES.iter().find(|(names, _)| names.iter().any(|n| by(n))).map(|(_, role)| *role);
            let role = if role.is_some() {
                role
            } else {
                ooxml::heading_level(current)
                    .or_else(|| name.strip_prefix("heading ").and_then(|l| l.trim().parse().ok()))
                    .filter(|l| (1..=6).contains(l))
                    // A story's headings run from 2 to 4 (its headline is the 1).
                    .map(|l: u8| Role::Heading(l.clamp(2, 4)))
            };
            if let Some(role) = role {
                return role;
            }
            id = self.styles.get(current).and_then(|s| s.based_on.as_deref());
        }
        Role::Text
    }

    fn assemble(&self, paragraphs: Vec<Paragraph>) -> ImportedDocx {
        let mut out = ImportedDocx {
            kicker: String::new(),
            headline: String::new(),
            standfirst: String::new(),
            byline: String::new(),
            dateline: String::new(),
            language: None,
            tags: Vec::new(),
            body: Document::new(Vec::new()),
            images: Vec::new(),
            tracked_changes: 0,
            comments: 0,
            notices: Vec::new(),
        };
        let mut blocks: Vec<Block> = Vec::new();
        // The open lists: (level, ordered, start, items).
        let mut lists: Vec<(u32, bool, u32, Vec<ListItem>)> = Vec::new();
        let mut body_started = false;
        let mut iter = paragraphs.into_iter().peekable();
        while let Some(p) = iter.next() {
            let role = self.role(p.style.as_deref());
            let text = plain(&p.content);
            // Pictures, each a figure; the paragraph after them is their caption when it is
            // styled as one or worded as one.
            if !p.pictures.is_empty() {
                close_lists(&mut lists, &mut blocks);
                let lead = !body_started && out.images.is_empty() && !out.headline.is_empty();
                let caption = iter.next_if(|next| {
                    next.pictures.is_empty()
                        && (self.role(next.style.as_deref()) == Role::Caption
                            || worded_as_caption(&plain(&next.content)))
                });
                let count = p.pictures.len();
                for (i, (target, alt)) in p.pictures.into_iter().enumerate() {
                    let placeholder = format!("docx-image-{}", out.images.len() + 1);
                    let (caption_text, credit_line, stand_in) = match (&caption, i + 1 == count) {
                        (Some(c), true) => {
                            let stand_in = c.stand_in.trim();
                            let text = plain(&c.content);
                            let rest = text.trim().strip_prefix(stand_in).unwrap_or(&text);
                            let (caption, credit) = split_credit(rest, &c.credit);
                            (caption, credit, stand_in.to_string())
                        }
                        _ => (String::new(), String::new(), String::new()),
                    };
                    let is_lead = lead && i == 0;
                    if !is_lead {
                        blocks.push(Block::Figure { attrs: FigureAttrs { photo_use: placeholder.clone() } });
                    }
                    out.images.push(ImportedImage {
                        placeholder,
                        name: target,
                        bytes: Vec::new(),
                        alt,
                        caption: caption_text,
                        credit_line,
                        stand_in,
                        lead: is_lead,
                    });
                }
                if !text.trim().is_empty() {
                    body_started = true;
                    blocks.push(Block::Paragraph { content: p.content });
                }
                continue;
            }
            let head = |field: &mut String| {
                if field.is_empty() && !text.trim().is_empty() {
                    *field = text.trim().to_string();
                    true
                } else {
                    false
                }
            };
            let taken = match role {
                Role::Kicker if !body_started => head(&mut out.kicker),
                Role::Title if !body_started => head(&mut out.headline),
                Role::Subtitle if !body_started => head(&mut out.standfirst),
                Role::Byline if !body_started => head(&mut out.byline),
                Role::Dateline if !body_started => head(&mut out.dateline),
                _ => false,
            };
            if taken {
                continue;
            }
            // A list item (a paragraph with numbering), or a paragraph continuing one.
            if let Some((num, level)) = &p.numbering {
                if !num.is_empty() {
                    body_started = true;
                    let (ordered, start) = self.numbering.list(num, *level);
                    add_list_item(
                        &mut lists,
                        &mut blocks,
                        *level,
                        ordered,
                        start,
                        paragraph_block(role, p.content),
                    );
                    continue;
                }
            }
            if !lists.is_empty() && self.is_list_paragraph(p.style.as_deref()) && !text.trim().is_empty() {
                if let Some((_, _, _, items)) = lists.last_mut() {
                    if let Some(item) = items.last_mut() {
                        item.content.push(Block::Paragraph { content: p.content });
                        continue;
                    }
                }
            }
            close_lists(&mut lists, &mut blocks);
            if role == Role::Rule || (p.border && text.trim().is_empty()) {
                body_started = true;
                blocks.push(Block::HorizontalRule);
                continue;
            }
            if text.trim().is_empty()
                && !p
                    .content
                    .iter()
                    .any(|i| matches!(i, Inline::Text { marks, .. } if marks.contains(&Mark::Note)))
            {
                continue; // an empty paragraph: Word's spacing
            }
            body_started = true;
            match role {
                Role::Quote => match blocks.last_mut() {
                    Some(Block::Blockquote { content }) => {
                        content.push(Block::Paragraph { content: p.content })
                    }
                    _ => blocks
                        .push(Block::Blockquote { content: vec![Block::Paragraph { content: p.content }] }),
                },
                Role::Heading(level) => {
                    blocks.push(Block::Heading { attrs: HeadingAttrs { level }, content: p.content })
                }
                // A second title, or a head style inside the body: a top heading.
                Role::Title => {
                    blocks.push(Block::Heading { attrs: HeadingAttrs { level: 2 }, content: p.content })
                }
                _ => blocks.push(Block::Paragraph { content: p.content }),
            }
        }
        close_lists(&mut lists, &mut blocks);
        out.body = Document::new(blocks);
        out
    }

    fn is_list_paragraph(&self, style: Option<&str>) -> bool {
        style.is_some_and(|s| {
            s.eq_ignore_ascii_case(ooxml::LIST_PARAGRAPH)
                || self.styles.get(s).is_some_and(|st| st.name == "list paragraph")
        })
    }
}

/// The block of a list item's paragraph.
fn paragraph_block(role: Role, content: Vec<Inline>) -> Block {
    match role {
        Role::Heading(level) => Block::Heading { attrs: HeadingAttrs { level }, content },
        _ => Block::Paragraph { content },
    }
}

/// Adds an item at `level` to the open lists, opening or closing lists to get there.
fn add_list_item(
    lists: &mut Vec<(u32, bool, u32, Vec<ListItem>)>,
    blocks: &mut Vec<Block>,
    level: u32,
    ordered: bool,
    start: u32,
    block: Block,
) {
    // Close lists deeper than this level.
    while lists.last().is_some_and(|l| l.0 > level) {
        close_one(lists, blocks);
    }
    // A list of another kind at the same level ends the one open.
    if lists.last().is_some_and(|l| l.0 == level && l.1 != ordered) {
        close_one(lists, blocks);
    }
    if lists.last().is_none_or(|l| l.0 < level) {
        lists.push((level, ordered, start, Vec::new()));
    }
    if let Some((_, _, _, items)) = lists.last_mut() {
        items.push(ListItem::new(vec![block]));
    }
}

/// Closes the innermost open list into its parent item (or the blocks).
fn close_one(lists: &mut Vec<(u32, bool, u32, Vec<ListItem>)>, blocks: &mut Vec<Block>) {
    let Some((_, ordered, start, items)) = lists.pop() else { return };
    let list = if ordered {
        Block::OrderedList { attrs: OrderedListAttrs { start }, content: items }
    } else {
        Block::BulletList { content: items }
    };
    match lists.last_mut().and_then(|l| l.3.last_mut()) {
        Some(parent) => parent.content.push(list),
        None => blocks.push(list),
    }
}

fn close_lists(lists: &mut Vec<(u32, bool, u32, Vec<ListItem>)>, blocks: &mut Vec<Block>) {
    while !lists.is_empty() {
        close_one(lists, blocks);
    }
}

/// The text of inlines, notes left out.
fn plain(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { marks, .. } if marks.contains(&Mark::Note) => "",
            Inline::Text { text, .. } => text.as_str(),
            Inline::HardBreak => "\n",
        })
        .collect()
}

/// Credit labels a caption ends with ("… in Algiers. Photo: AFP/VNA").
const CREDIT_LABELS: &[&str] =
    &["Photo:", "Photos:", "Picture:", "Image:", "Foto:", "Photo :", "Crédit :", "Credit:"];

/// Whether a paragraph reads as a caption: it starts "Caption:" or ends with a credit line.
fn worded_as_caption(text: &str) -> bool {
    let text = text.trim();
    text.len() < 600
        && (text.to_lowercase().starts_with("caption:") || CREDIT_LABELS.iter().any(|l| text.contains(l)))
}

/// A caption paragraph split into the caption and its credit line: the runs in style Credit, or
/// the text from the last credit label on.
fn split_credit(text: &str, credit_runs: &str) -> (String, String) {
    let text = text.trim();
    let text = text.strip_prefix("Caption:").map_or(text, str::trim);
    let credit = credit_runs.trim();
    if !credit.is_empty() {
        if let Some(caption) = text.strip_suffix(credit) {
            return (caption.trim().to_string(), credit.to_string());
        }
    }
    match CREDIT_LABELS.iter().filter_map(|l| text.rfind(l)).max() {
        Some(at) => (
            text[..at].trim().trim_end_matches(['(', '—', '–', '-']).trim().to_string(),
            text[at..].trim().trim_end_matches(')').to_string(),
        ),
        None => (text.to_string(), String::new()),
    }
}

/// The blocks without figures whose picture was left out.
fn drop_figures(blocks: Vec<Block>, kept: &[&str]) -> Vec<Block> {
    blocks
        .into_iter()
        .filter(|b| !matches!(b, Block::Figure { attrs } if !kept.contains(&attrs.photo_use.as_str())))
        .collect()
}
