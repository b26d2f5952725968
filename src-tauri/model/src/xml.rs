//! XML out: the one writer for every XML Byline produces (a rendition's XMP packet, the
//! NewsML-G2 export, the XHTML body and the HTML page around it), and the one rule for which
//! characters XML can carry.
//!
//! [`Xml`] is a thin layer over `quick_xml::Writer`: every text and attribute value is escaped by
//! quick-xml (`&`, `<`, `>`, `"`, `'`, and a carriage return as `&#13;`; in attributes also tab
//! and line feed as `&#9;`/`&#10;`), after the characters XML 1.0 and HTML forbid are dropped
//! ([`forbidden`]). Nothing else in Byline escapes XML or HTML by hand.

use std::borrow::Cow;

use quick_xml::events::{BytesDecl, BytesEnd, BytesPI, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// Characters a text written as XML 1.0 or HTML may not carry: C0 controls but tab, line feed and
/// carriage return; DEL and the C1 controls (U+007F–U+009F); Unicode noncharacters
/// (U+FDD0–U+FDEF, and U+xFFFE and U+xFFFF in every plane).
pub fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// `text` less the [`forbidden`] characters: what a text written by [`Xml`] reads back as.
pub fn carried(text: &str) -> Cow<'_, str> {
    if text.chars().any(forbidden) {
        Cow::Owned(text.chars().filter(|&c| !forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Who reads what the writer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// XML parsers only: a carriage return is kept, as `&#13;`.
    Xml,
    /// HTML parsers too (polyglot HTML/XHTML): a carriage return, alone or before a line feed,
    /// is written as a line feed, which is what an HTML parser turns it into anyway, since HTML
    /// forbids the `&#13;` that would keep it.
    Html,
}

/// An XML document or fragment being written. Elements are closed in the order they were
/// opened ([`Xml::end`] closes the innermost), so the output is always well-formed; no white
/// space is added, callers place line breaks with [`Xml::newline`].
pub struct Xml {
    writer: Writer<Vec<u8>>,
    syntax: Syntax,
    /// Names of the elements open, outermost first.
    open: Vec<String>,
}

impl Default for Xml {
    fn default() -> Self {
        Xml::new()
    }
}

impl Xml {
    /// A writer for XML.
    pub fn new() -> Xml {
        Xml::with_syntax(Syntax::Xml)
    }

    /// A writer for markup HTML parsers read too (see [`Syntax::Html`]).
    pub fn html() -> Xml {
        Xml::with_syntax(Syntax::Html)
    }

    fn with_syntax(syntax: Syntax) -> Xml {
        Xml { writer: Writer::new(Vec::new()), syntax, open: Vec::new() }
    }

    /// Writing into a `Vec` cannot fail.
    fn event(&mut self, event: Event<'_>) -> &mut Self {
        let _ = self.writer.write_event(event);
        self
    }

    /// A text or attribute value as quick-xml is to escape it: forbidden characters dropped and,
    /// for HTML, carriage returns made line feeds.
    fn prepare<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let text = carried(text);
        if self.syntax == Syntax::Html && text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            text
        }
    }

    fn tag<'n>(&self, name: &'n str, attributes: &[(&str, &str)]) -> BytesStart<'n> {
        let mut tag = BytesStart::new(name);
        for &(key, value) in attributes {
            tag.push_attribute((key, self.prepare(value)));
        }
        tag
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn declaration(&mut self) -> &mut Self {
        self.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
    }

    /// `<!DOCTYPE name>`; `name` is written as it is.
    pub fn doctype(&mut self, name: &str) -> &mut Self {
        self.event(Event::DocType(BytesText::from_escaped(name)))
    }

    /// `<?target content?>`; both are written as they are (a processing instruction has no
    /// escaping) and must not contain `?>`.
    pub fn instruction(&mut self, target: &str, content: &str) -> &mut Self {
        debug_assert!(!target.contains("?>") && !content.contains("?>"));
        self.event(Event::PI(BytesPI::new(format!("{target} {content}"))))
    }

    /// Opens `<name k="v"…>`; values are escaped.
    pub fn start(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        let tag = self.tag(name, attributes);
        self.open.push(name.to_string());
        self.event(Event::Start(tag))
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) -> &mut Self {
        match self.open.pop() {
            Some(name) => self.event(Event::End(BytesEnd::new(name))),
            None => {
                debug_assert!(false, "no element is open");
                self
            }
        }
    }

    /// `<name k="v"…/>`; values are escaped. In HTML, only for void elements (`img`, `br`…).
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> &mut Self {
        let tag = self.tag(name, attributes);
        self.event(Event::Empty(tag))
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let text = self.prepare(text);
        self.event(Event::Text(BytesText::new(&text)))
    }

    /// `<name k="v"…>text</name>`, everything escaped.
    pub fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> &mut Self {
        self.start(name, attributes).text(text).end()
    }

    /// A line break between elements.
    pub fn newline(&mut self) -> &mut Self {
        self.event(Event::Text(BytesText::from_escaped("\n")))
    }

    /// Writes `fragment` as it is, less the forbidden characters, for content already in the
    /// output's syntax that escaping would spoil: the JSON of an HTML `<script>` element, a
    /// stylesheet. The caller vouches that it is well-formed where it is put.
    pub fn raw(&mut self, fragment: &str) -> &mut Self {
        self.event(Event::Text(BytesText::from_escaped(carried(fragment))))
    }

    /// The markup written so far, with any element still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        let bytes = self.writer.into_inner();
        // Only `&str` went in, so this is UTF-8.
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::XmlVersion;

    fn xml(write: impl FnOnce(&mut Xml)) -> String {
        let mut x = Xml::new();
        write(&mut x);
        x.finish()
    }

    #[test]
    fn text_escapes_the_five_markup_characters() {
        let out = xml(|x| {
            x.text(r#"a & b < c > d "e" 'f'"#);
        });
        assert_eq!(out, "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    }

    #[test]
    fn attribute_values_are_escaped_and_keep_their_white_space() {
        let out = xml(|x| {
            x.empty("a", &[("href", "/?a=1&b=\"2\"<'3'>"), ("title", "one\ttwo\nthree")]);
        });
        assert_eq!(
            out,
            r#"<a href="/?a=1&amp;b=&quot;2&quot;&lt;&apos;3&apos;&gt;" title="one&#9;two&#10;three"/>"#
        );
    }

    #[test]
    fn forbidden_characters_are_dropped_from_text_and_attributes() {
        let hostile =
            "a\u{0}b\u{8}c\u{b}d\u{c}e\u{1b}f\u{7f}g\u{85}h\u{9f}i\u{fdd0}j\u{fdef}k\u{fffe}l\u{ffff}m\
                       \u{1fffe}n\u{10ffff}o";
        let out = xml(|x| {
            x.leaf("p", &[("title", hostile)], hostile);
        });
        assert_eq!(out, r#"<p title="abcdefghijklmno">abcdefghijklmno</p>"#);
        // Tab, line feed and the neighbours of the forbidden ranges are kept.
        let kept = "tab\tline\nfeed é 東京 \u{a0} \u{fdcf} \u{fdf0} \u{fffd} \u{1f600}";
        assert_eq!(
            xml(|x| {
                x.text(kept);
            }),
            kept
        );
        assert_eq!(carried(hostile), "abcdefghijklmno");
        assert!(matches!(carried("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn a_carriage_return_survives_in_xml_and_becomes_a_line_feed_in_html() {
        let out = xml(|x| {
            x.leaf("a", &[("t", "1\r2")], "3\r\n4");
        });
        assert_eq!(out, "<a t=\"1&#13;2\">3&#13;\n4</a>");
        let mut html = Xml::html();
        html.leaf("p", &[("title", "1\r2")], "3\r\n4\r5");
        assert_eq!(html.finish(), "<p title=\"1&#10;2\">3\n4\n5</p>");
    }

    #[test]
    fn elements_nest_and_close_innermost_first() {
        let out = xml(|x| {
            x.start("a", &[("k", "v")]).start("b", &[]).text("t").end().empty("c", &[]).newline();
            x.leaf("d", &[], "").end();
        });
        assert_eq!(out, "<a k=\"v\"><b>t</b><c/>\n<d></d></a>");
        // What is still open when the writer finishes is closed.
        let out = xml(|x| {
            x.start("a", &[]).start("b", &[]).text("t");
        });
        assert_eq!(out, "<a><b>t</b></a>");
    }

    #[test]
    fn declaration_doctype_instruction_and_raw_fragments() {
        let out = xml(|x| {
            x.declaration().newline().instruction("xpacket", "end=\"w\"").doctype("html");
            x.start("script", &[]).raw("{\"a\":\"'\\u003c'\"}\u{1}").end();
        });
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xpacket end=\"w\"?><!DOCTYPE html>\
             <script>{\"a\":\"'\\u003c'\"}</script>"
        );
    }

    #[test]
    fn what_is_written_reads_back_as_the_text_less_forbidden_characters() {
        let text = "R&D <b>\"quoted\"</b> 'single' \t\n\r end \u{1}\u{ffff}";
        let out = xml(|x| {
            x.leaf("root", &[("attr", text)], text);
        });
        let mut reader = quick_xml::Reader::from_str(&out);
        let mut read_text = String::new();
        let mut read_attr = String::new();
        loop {
            match reader.read_event().expect("well-formed") {
                Event::Start(e) => {
                    let a = e.attributes().next().expect("one attribute").expect("attribute");
                    read_attr = a.normalized_value(XmlVersion::Implicit1_0).expect("value").into_owned();
                }
                Event::Text(t) => read_text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => match r.resolve_char_ref().expect("char ref") {
                    Some(c) => read_text.push(c),
                    None => read_text.push_str(
                        quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                            .expect("predefined entity"),
                    ),
                },
                Event::End(_) => {}
                Event::Eof => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        let expected = carried(text);
        assert_eq!(read_text, expected);
        assert_eq!(read_attr, expected);
    }
}
