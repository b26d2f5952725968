//! XMP: reads the newsroom's properties from an RDF/XML packet, and writes a rendition's packet.
//!
//! Properties are recognised by namespace URI and local name, as children of `rdf:Description`
//! either as elements (`<photoshop:Credit>…</photoshop:Credit>`, language alternatives, sequences)
//! or as attributes (`photoshop:Credit="…"`). A packet that is not well-formed, too large or too
//! deeply nested is skipped as a whole, so the IIM and EXIF blocks are used instead.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use byline_model::xml::Xml;

use super::text::{clean, iso_date};
use super::{PhotoMetadata, RenditionMetadata};

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
const XMP_BASIC: &str = "http://ns.adobe.com/xap/1.0/";
const IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
const XMP_RIGHTS: &str = "http://ns.adobe.com/xap/1.0/rights/";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Larger packets are not XMP we want to read (a JPEG segment holds 64 KiB).
const MAX_PACKET_BYTES: usize = 16 * 1024 * 1024;
/// Deeper nesting is not XMP we want to read.
const MAX_DEPTH: usize = 64;

/// The properties we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Property {
    Description,
    Headline,
    Credit,
    Creator,
    Rights,
    Source,
    DateCreated,
    CreateDate,
    City,
    Country,
    AltText,
    ExtendedDescription,
    Instructions,
    UsageTerms,
}

const PROPERTY_COUNT: usize = 14;

impl Property {
    fn from_name(namespace: &str, local: &str) -> Option<Property> {
        Some(match (namespace, local) {
            (DC, "description") => Property::Description,
            (DC, "creator") => Property::Creator,
            (DC, "rights") => Property::Rights,
            (PHOTOSHOP, "Headline") => Property::Headline,
            (PHOTOSHOP, "Credit") => Property::Credit,
            (PHOTOSHOP, "Source") => Property::Source,
            (PHOTOSHOP, "DateCreated") => Property::DateCreated,
            (PHOTOSHOP, "City") => Property::City,
            (PHOTOSHOP, "Country") => Property::Country,
            (XMP_BASIC, "CreateDate") => Property::CreateDate,
            (IPTC_CORE, "AltTextAccessibility") => Property::AltText,
            (IPTC_CORE, "ExtDescrAccessibility") => Property::ExtendedDescription,
            (PHOTOSHOP, "Instructions") => Property::Instructions,
            (XMP_RIGHTS, "UsageTerms") => Property::UsageTerms,
            _ => return None,
        })
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A property element being read.
#[derive(Debug)]
struct Collecting {
    property: Property,
    /// Element depth of the property element itself.
    depth: usize,
    /// Text directly inside the property (simple values).
    text: String,
    /// Finished `rdf:li` items: language (for alternatives) and text.
    items: Vec<(Option<String>, String)>,
    /// The `rdf:li` being read: its language and text so far.
    item: Option<(Option<String>, String)>,
}

impl Collecting {
    fn push_text(&mut self, s: &str) {
        match &mut self.item {
            Some((_, text)) => text.push_str(s),
            None => self.text.push_str(s),
        }
    }

    /// The value: the x-default (else first) item of a language alternative, all items of a
    /// list joined with ", ", or the simple text.
    fn value(self) -> Option<String> {
        if self.items.is_empty() {
            return clean(&self.text);
        }
        let is_alternative = self.items.iter().any(|(lang, _)| lang.is_some());
        if is_alternative {
            let default = self.items.iter().find(|(lang, _)| lang.as_deref() == Some("x-default"));
            return default.or(self.items.first()).and_then(|(_, text)| clean(text));
        }
        let parts: Vec<String> = self.items.iter().filter_map(|(_, text)| clean(text)).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The properties of an XMP packet; `None` when the packet is not XMP we can trust.
pub(super) fn read(packet: &[u8]) -> Option<PhotoMetadata> {
    if packet.len() > MAX_PACKET_BYTES {
        return None;
    }
    let text = decode(packet);
    let text = text.trim_start_matches('\u{feff}').trim_end_matches(['\0', ' ', '\n', '\r', '\t']);
    let values = properties(text)?;
    let take = |p: Property| values[p.index()].clone();
    Some(PhotoMetadata {
        caption: take(Property::Description),
        headline: take(Property::Headline),
        credit: take(Property::Credit),
        creator: take(Property::Creator),
        copyright: take(Property::Rights),
        source: take(Property::Source),
        date_created: take(Property::DateCreated)
            .or_else(|| take(Property::CreateDate))
            .and_then(|d| iso_date(&d)),
        city: take(Property::City),
        country: take(Property::Country),
        alt_text: take(Property::AltText),
        extended_description: take(Property::ExtendedDescription),
        instructions: take(Property::Instructions),
        usage_terms: take(Property::UsageTerms),
        soft_edits: None,
    })
}

/// A packet's text: UTF-8, UTF-16 or UTF-32 in either byte order, as the XMP specification
/// allows, told by the byte-order mark or by how the first character (`<` or the mark) is
/// spread over the bytes.
fn decode(packet: &[u8]) -> std::borrow::Cow<'_, str> {
    let units = |width: usize, big: bool| -> String {
        let chunks = packet.chunks_exact(width);
        if width == 2 {
            let words = chunks.map(|c| {
                if big {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            });
            char::decode_utf16(words).map(|c| c.unwrap_or('\u{fffd}')).collect()
        } else {
            chunks
                .map(|c| {
                    let n = if big {
                        u32::from_be_bytes([c[0], c[1], c[2], c[3]])
                    } else {
                        u32::from_le_bytes([c[0], c[1], c[2], c[3]])
                    };
                    char::from_u32(n).unwrap_or('\u{fffd}')
                })
                .collect()
        }
    };
    match packet {
        [0, 0, 0xFE, 0xFF, ..] | [0, 0, 0, b'<', ..] => units(4, true).into(),
        [0xFF, 0xFE, 0, 0, ..] | [b'<', 0, 0, 0, ..] => units(4, false).into(),
        [0xFE, 0xFF, ..] | [0, b'<', ..] => units(2, true).into(),
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => units(2, false).into(),
        _ => String::from_utf8_lossy(packet),
    }
}

/// Every property's value (the first occurrence wins), or `None` for a broken packet.
fn properties(text: &str) -> Option<[Option<String>; PROPERTY_COUNT]> {
    let mut values: [Option<String>; PROPERTY_COUNT] = Default::default();
    let mut reader = NsReader::from_str(text);
    // For each open element: is it an rdf:Description?
    let mut open: Vec<bool> = Vec::new();
    let mut collecting: Option<Collecting> = None;

    loop {
        let (resolved, event) = reader.read_resolved_event().ok()?;
        let namespace = match resolved {
            ResolveResult::Bound(ns) => Some(ns.0.to_string()),
            _ => None,
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let local = e.local_name();
                let local = local.as_ref();
                let ns = namespace.as_deref().unwrap_or("");
                let parent_is_description = open.last().copied().unwrap_or(false);
                let is_description = ns == RDF && local == "Description";
                if is_description {
                    attribute_properties(&reader, e, &mut values)?;
                }
                match &mut collecting {
                    Some(c) if ns == RDF && local == "li" && !is_empty => {
                        c.item = Some((language(&reader, e), String::new()));
                    }
                    Some(_) => {}
                    None if parent_is_description && !is_empty => {
                        if let Some(property) = Property::from_name(ns, local) {
                            collecting = Some(Collecting {
                                property,
                                depth: open.len() + 1,
                                text: String::new(),
                                items: Vec::new(),
                                item: None,
                            });
                        }
                    }
                    None => {}
                }
                if !is_empty {
                    open.push(is_description);
                    if open.len() > MAX_DEPTH {
                        return None;
                    }
                }
            }
            Event::End(_) => {
                let depth = open.len();
                open.pop()?;
                let ns = namespace.as_deref().unwrap_or("");
                if let Some(c) = &mut collecting {
                    if depth == c.depth {
                        if let Some(c) = collecting.take() {
                            let slot = &mut values[c.property.index()];
                            if slot.is_none() {
                                *slot = c.value();
                            }
                        }
                    } else if ns == RDF {
                        if let Some(item) = c.item.take() {
                            c.items.push(item);
                        }
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = &mut collecting {
                    c.push_text(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(c) = &mut collecting {
                    c.push_text(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().ok()? {
                    Some(ch) => ch.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())?.to_string(),
                };
                if let Some(c) = &mut collecting {
                    c.push_text(&ch);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    // An unclosed element means a truncated or broken packet.
    open.is_empty().then_some(values)
}

/// Records properties written as attributes of an `rdf:Description`.
fn attribute_properties(
    reader: &NsReader<&[u8]>,
    element: &BytesStart<'_>,
    values: &mut [Option<String>; PROPERTY_COUNT],
) -> Option<()> {
    for attribute in element.attributes() {
        let attribute = attribute.ok()?;
        let (resolved, local) = reader.resolver().resolve_attribute(attribute.key);
        let ResolveResult::Bound(ns) = resolved else {
            continue;
        };
        if let Some(property) = Property::from_name(ns.0, local.as_ref()) {
            let value = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok()?;
            let slot = &mut values[property.index()];
            if slot.is_none() {
                *slot = clean(&value);
            }
        }
    }
    Some(())
}

/// The `xml:lang` of an element, if any.
fn language(reader: &NsReader<&[u8]>, element: &BytesStart<'_>) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        let (resolved, local) = reader.resolver().resolve_attribute(attribute.key);
        let is_xml = matches!(resolved, ResolveResult::Bound(ns) if ns.0 == XML)
            || attribute.key.0.starts_with("xml:");
        (is_xml && local.as_ref() == "lang").then(|| attribute.value.trim().to_string())
    })
}

/// The XMP packet of a rendition: dc:description, dc:creator, dc:rights, photoshop:Credit and
/// Iptc4xmpCore:AltTextAccessibility, written with the workspace's XML writer (every value
/// escaped); empty fields are left out.
pub(super) fn write(meta: &RenditionMetadata) -> String {
    let mut x = Xml::new();
    x.instruction("xpacket", "begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"").newline();
    x.start("x:xmpmeta", &[("xmlns:x", "adobe:ns:meta/")]).newline();
    x.start("rdf:RDF", &[("xmlns:rdf", RDF)]).newline();
    x.start(
        "rdf:Description",
        &[
            ("rdf:about", ""),
            ("xmlns:dc", DC),
            ("xmlns:photoshop", PHOTOSHOP),
            ("xmlns:Iptc4xmpCore", IPTC_CORE),
            ("xmlns:xmpRights", XMP_RIGHTS),
        ],
    )
    .newline();
    // A property holding an `rdf:Alt` or `rdf:Seq` of one item.
    let one_item = |x: &mut Xml, name: &str, container: &str, item: &[(&str, &str)], value: &str| {
        x.start(name, &[]).newline().start(container, &[]).newline();
        x.leaf("rdf:li", item, value).newline();
        x.end().newline().end().newline();
    };
    let default_language = [("xml:lang", "x-default")];
    if !meta.caption.is_empty() {
        one_item(&mut x, "dc:description", "rdf:Alt", &default_language, &meta.caption);
    }
    if !meta.creator.is_empty() {
        one_item(&mut x, "dc:creator", "rdf:Seq", &[], &meta.creator);
    }
    if !meta.copyright.is_empty() {
        one_item(&mut x, "dc:rights", "rdf:Alt", &default_language, &meta.copyright);
    }
    if !meta.credit.is_empty() {
        x.leaf("photoshop:Credit", &[], &meta.credit).newline();
    }
    if !meta.alt_text.is_empty() {
        one_item(&mut x, "Iptc4xmpCore:AltTextAccessibility", "rdf:Alt", &default_language, &meta.alt_text);
    }
    if !meta.instructions.is_empty() {
        x.leaf("photoshop:Instructions", &[], &meta.instructions).newline();
    }
    if !meta.usage_terms.is_empty() {
        one_item(&mut x, "xmpRights:UsageTerms", "rdf:Alt", &default_language, &meta.usage_terms);
    }
    x.end().newline(); // rdf:Description
    x.end().newline(); // rdf:RDF
    x.end().newline(); // x:xmpmeta
    x.instruction("xpacket", "end=\"w\"");
    x.finish()
}
