//! Importing stories from files: Markdown with YAML front matter, or plain text (a first line
//! that reads as a headline is one, blank lines between paragraphs). Both end up as the typed
//! document tree.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::document::{
    link_allowed, Block, HeadingAttrs, Inline, LinkAttrs, ListItem, Mark, OrderedListAttrs,
};
use crate::{Document, Error, Library, Result, Status, Story, StoryId};

/// Largest file accepted for import (a novel is about 1 MB).
pub const MAX_IMPORT_BYTES: u64 = 8 * 1024 * 1024;
/// Quotes and lists nested deeper than this (in frames: a list item is two) are flattened.
const MAX_NESTING: usize = 16;

/// The front matter fields Byline reads (Hugo/Jekyll names accepted where they differ).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<String>,
    headline: Option<String>,
    kicker: Option<String>,
    standfirst: Option<String>,
    description: Option<String>,
    byline: Option<String>,
    author: Option<String>,
    dateline: Option<String>,
    status: Option<String>,
    tags: Vec<String>,
    slug: Option<String>,
    word_target: Option<u32>,
    /// The story's language (`language`, or Hugo's `lang`).
    language: Option<String>,
    lang: Option<String>,
}

/// Reads a story from text. `name` (the file name) decides Markdown vs plain text when there is
/// no front matter.
pub fn parse(text: &str, name: &Path) -> Result<Story> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let markdown_name = name
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown" | "mdown"));
    let mut story = blank_story();
    if let Some(rest) = text.strip_prefix("---\n") {
        let (yaml, body) = match rest.find("\n---\n") {
            Some(end) => (&rest[..end], &rest[end + 5..]),
            None if rest.ends_with("\n---") => (&rest[..rest.len() - 4], ""),
            None => return Err(Error::InvalidInput("front matter starts with `---` but never ends".into())),
        };
        let front: FrontMatter = if yaml.trim().is_empty() {
            FrontMatter::default()
        } else {
            serde_norway::from_str(yaml)
                .map_err(|e| Error::InvalidInput(format!("front matter is not valid YAML: {e}")))?
        };
        let (headline, body) = markdown(body);
        apply_front_matter(&mut story, front)?;
        if story.headline.is_empty() {
            story.headline = headline.unwrap_or_default();
        }
        story.body = body;
    } else if markdown_name {
        let (headline, body) = markdown(&text);
        story.headline = headline.unwrap_or_default();
        story.body = body;
        if story.headline.is_empty() {
            if let Some((first, rest)) = headline_line(&text) {
                story.headline = first.trim_start_matches('#').trim().to_string();
                story.body = markdown(rest).1;
            }
        }
    } else {
        let (headline, rest) = headline_line(&text).unwrap_or(("", text.trim_start()));
        story.headline = headline.to_string();
        let paragraphs: Vec<String> = rest
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        story.body = Document::from_paragraphs(&paragraphs);
    }
    if story.headline.is_empty() && story.body.content.is_empty() {
        return Err(Error::InvalidInput(format!("{} holds no story text", name.display())));
    }
    if story.body.content.is_empty() {
        story.body = Document::default();
    }
    story.stats = story.body.stats();
    Ok(story)
}

impl Library {
    /// Imports a story file into the library (see [`parse`]).
    pub fn import_file(&mut self, path: &Path) -> Result<Story> {
        // Bounded: a file that grows after the check is still not read past the limit.
        let bytes = crate::files::read_bounded(path, MAX_IMPORT_BYTES, "story file")?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::InvalidInput(format!("{} is not UTF-8 text", path.display())))?;
        let story = parse(&text, path)?;
        let at = crate::time::now();
        self.insert_story(story, at)
    }
}

/// Longest first line taken for a headline: a longer one is the lead, written on one line.
const MAX_HEADLINE_LINE: usize = 150;

/// A text file's first line and the text after it, when that line reads as a headline: short,
/// not a sentence ending in a full stop, and not the first line of a paragraph wrapped onto the
/// next (which goes on in lowercase). A file that opens with its lead has no headline line.
fn headline_line(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim();
    let sentence = first.ends_with('.') && !first.ends_with("...");
    let wrapped =
        rest.lines().next().and_then(|l| l.trim_start().chars().next()).is_some_and(char::is_lowercase);
    let reads_as_headline = first.trim_start_matches('#').trim().chars().count() <= MAX_HEADLINE_LINE;
    (reads_as_headline && !sentence && !wrapped).then_some((first, rest))
}

pub(crate) fn blank_story() -> Story {
    Story {
        id: StoryId::new(),
        slug: String::new(),
        kicker: String::new(),
        headline: String::new(),
        standfirst: String::new(),
        byline: String::new(),
        dateline: String::new(),
        language: crate::language::default_language(),
        status: Status::Draft,
        tags: vec![],
        word_target: None,
        created: crate::time::now(),
        updated: crate::time::now(),
        revision: 0,
        published: None,
        body: Document::new(vec![]),
        related: vec![],
        photos: vec![],
        stats: Default::default(),
    }
}

fn apply_front_matter(story: &mut Story, front: FrontMatter) -> Result<()> {
    let text = |v: Option<String>| v.map(|s| s.trim().to_string()).unwrap_or_default();
    story.headline = text(front.headline.or(front.title));
    story.kicker = text(front.kicker);
    story.standfirst = text(front.standfirst.or(front.description));
    story.byline = text(front.byline.or(front.author));
    story.dateline = text(front.dateline);
    if let Some(status) = front.status {
        story.status = status.parse()?;
    }
    story.tags = front.tags;
    if let Some(slug) = front.slug {
        crate::slug::validate(&slug)?;
        story.slug = slug;
    }
    story.word_target = front.word_target.filter(|w| *w > 0);
    if let Some(language) = front.language.or(front.lang) {
        story.language = crate::language::check_language(&language)?;
    }
    Ok(())
}

/// Open containers while converting Markdown.
enum Frame {
    Container(Vec<Block>),
    Quote(Vec<Block>),
    List { start: Option<u64>, items: Vec<ListItem> },
    Item(Vec<Block>),
    Text { heading: Option<u8>, inlines: Vec<Inline>, implicit: bool },
}

struct Builder {
    stack: Vec<Frame>,
    marks: Vec<Mark>,
}

impl Builder {
    fn close_implicit(&mut self) {
        if matches!(self.stack.last(), Some(Frame::Text { implicit: true, .. })) {
            self.end_text();
        }
    }

    fn add_block(&mut self, block: Block) {
        self.close_implicit();
        match self.stack.last_mut() {
            Some(Frame::Container(b) | Frame::Quote(b) | Frame::Item(b)) => b.push(block),
            Some(Frame::List { items, .. }) => items.push(ListItem::new(vec![block])),
            Some(Frame::Text { .. }) | None => {}
        }
    }

    fn add_inline(&mut self, inline: Inline) {
        if !matches!(self.stack.last(), Some(Frame::Text { .. })) {
            self.stack.push(Frame::Text { heading: None, inlines: vec![], implicit: true });
        }
        if let Some(Frame::Text { inlines, .. }) = self.stack.last_mut() {
            inlines.push(inline);
        }
    }

    fn text(&mut self, text: &str) {
        if !text.is_empty() {
            // Nested emphasis (`*a *b* a*`) or links inside links open the same kind of mark
            // twice; a text carries each kind once (the innermost link wins), as in ProseMirror.
            let mut marks: Vec<Mark> = Vec::with_capacity(self.marks.len());
            for mark in self.marks.iter().rev() {
                if !marks.iter().any(|m| std::mem::discriminant(m) == std::mem::discriminant(mark)) {
                    marks.push(mark.clone());
                }
            }
            marks.reverse();
            self.add_inline(Inline::Text { text: text.to_string(), marks });
        }
    }

    fn end_text(&mut self) {
        if let Some(Frame::Text { heading, inlines, .. }) = self.stack.pop() {
            let block = match heading {
                Some(level) => Block::Heading { attrs: HeadingAttrs { level }, content: inlines },
                None => Block::Paragraph { content: inlines },
            };
            self.add_block(block);
        }
    }

    fn end_container(&mut self) {
        self.close_implicit();
        match self.stack.pop() {
            Some(Frame::Quote(content)) if !content.is_empty() => {
                self.add_block(Block::Blockquote { content })
            }
            Some(Frame::Item(mut content)) => {
                if content.is_empty() {
                    content.push(Block::Paragraph { content: vec![] });
                }
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(ListItem::new(content));
                }
            }
            Some(Frame::List { start, items }) if !items.is_empty() => self.add_block(match start {
                Some(start) => Block::OrderedList {
                    attrs: OrderedListAttrs { start: u32::try_from(start.max(1)).unwrap_or(1) },
                    content: items,
                },
                None => Block::BulletList { content: items },
            }),
            _ => {}
        }
    }
}

/// Converts Markdown to a document. A leading level-1 heading is returned as the headline.
fn markdown(text: &str) -> (Option<String>, Document) {
    let mut flattened = 0usize;
    let mut b = Builder { stack: vec![Frame::Container(vec![])], marks: vec![] };
    let mut headline: Option<String> = None;
    let mut in_headline = false;
    let mut seen_block = false;
    let mut link_marks: Vec<bool> = vec![];
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })
                if !seen_block && headline.is_none() =>
            {
                in_headline = true;
                headline = Some(String::new());
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if in_headline => in_headline = false,
            Event::Text(t) | Event::Code(t) if in_headline => {
                if let Some(h) = headline.as_mut() {
                    h.push_str(&t);
                }
            }
            _ if in_headline => {}
            Event::Start(tag) => {
                seen_block = true;
                match tag {
                    Tag::Paragraph => {
                        b.close_implicit();
                        b.stack.push(Frame::Text { heading: None, inlines: vec![], implicit: false });
                    }
                    Tag::Heading { level, .. } => {
                        b.close_implicit();
                        let level = match level {
                            HeadingLevel::H1 | HeadingLevel::H2 => 2,
                            HeadingLevel::H3 => 3,
                            _ => 4,
                        };
                        b.stack.push(Frame::Text { heading: Some(level), inlines: vec![], implicit: false });
                    }
                    // Quotes and lists deeper than real copy ever goes are flattened into the
                    // deepest one kept: the text stays, and no later step recurses that deep.
                    Tag::BlockQuote(_) | Tag::List(_) | Tag::Item if b.stack.len() >= MAX_NESTING => {
                        b.close_implicit();
                        flattened += 1;
                    }
                    Tag::BlockQuote(_) => {
                        b.close_implicit();
                        b.stack.push(Frame::Quote(vec![]));
                    }
                    Tag::List(start) => {
                        b.close_implicit();
                        b.stack.push(Frame::List { start, items: vec![] });
                    }
                    Tag::Item => {
                        b.close_implicit();
                        b.stack.push(Frame::Item(vec![]));
                    }
                    Tag::CodeBlock(_) | Tag::HtmlBlock => {
                        b.close_implicit();
                        b.stack.push(Frame::Text { heading: None, inlines: vec![], implicit: false });
                    }
                    Tag::Emphasis => b.marks.push(Mark::Em),
                    Tag::Strong => b.marks.push(Mark::Strong),
                    Tag::Link { dest_url, .. } => {
                        let allowed = link_allowed(&dest_url);
                        if allowed {
                            b.marks.push(Mark::Link { attrs: LinkAttrs { href: dest_url.to_string() } });
                        }
                        link_marks.push(allowed);
                    }
                    _ => {}
                }
            }
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    b.end_text()
                }
                // Ends come innermost first: while any start was flattened, an end is its own.
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item if flattened > 0 => {
                    b.close_implicit();
                    flattened -= 1;
                }
                TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => b.end_container(),
                TagEnd::Emphasis | TagEnd::Strong => {
                    b.marks.pop();
                }
                // Every link end pops its entry; only an allowed link pushed a mark.
                TagEnd::Link if link_marks.pop().unwrap_or(false) => {
                    b.marks.pop();
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                seen_block = true;
                let t = t.trim_end_matches('\n');
                let mut lines = t.split('\n').peekable();
                while let Some(line) = lines.next() {
                    b.text(line);
                    if lines.peek().is_some() {
                        b.add_inline(Inline::HardBreak);
                    }
                }
            }
            Event::SoftBreak => b.text(" "),
            Event::HardBreak => b.add_inline(Inline::HardBreak),
            Event::Rule => {
                seen_block = true;
                b.add_block(Block::HorizontalRule);
            }
            _ => {}
        }
    }
    while b.stack.len() > 1 {
        match b.stack.last() {
            Some(Frame::Text { .. }) => b.end_text(),
            _ => b.end_container(),
        }
    }
    let content = match b.stack.pop() {
        Some(Frame::Container(content)) => content,
        _ => vec![],
    };
    let headline = headline.map(|h| h.trim().to_string()).filter(|h| !h.is_empty());
    let doc = Document::new(content);
    // Pathological nesting (sixty `>` in a row) makes a tree deeper than a body may be: keep
    // the words as plain paragraphs rather than refuse the file.
    if Document::from_value(&doc.to_value()).is_err() {
        tracing::warn!("imported Markdown nests too deeply; kept as plain paragraphs");
        let text = doc.plain_text();
        let paragraphs: Vec<&str> = text.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
        return (headline, Document::from_paragraphs(&paragraphs));
    }
    (headline, doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_first_line_is_the_headline() {
        let story = parse("Rome talks\n\nFirst  paragraph\nwraps here.\n\n\nSecond.\n", Path::new("a.txt"))
            .expect("parses");
        assert_eq!(story.headline, "Rome talks");
        assert_eq!(story.body.plain_text(), "First paragraph wraps here.\n\nSecond.");
    }

    #[test]
    fn a_file_that_opens_with_its_lead_has_no_headline_line() {
        let lead = "Lawmen have arrested at least two people who were directly involved in a protest on Sunday, officials said.";
        let story =
            parse(&format!("{lead}\n\nThe women were taken into police custody.\n"), Path::new("a.txt"))
                .expect("parses");
        assert_eq!(story.headline, "", "a sentence is the lead, not the headline");
        assert_eq!(story.body.plain_text(), format!("{lead}\n\nThe women were taken into police custody."));
        // A lead written on one line, however it ends: too long for a headline.
        let long = "Word ".repeat(40);
        let story = parse(&format!("{long}\n\nSecond."), Path::new("b.txt")).expect("parses");
        assert_eq!(story.headline, "");
        assert_eq!(story.body.content.len(), 2);
        // A paragraph wrapped at 72 columns: its first line goes on in lowercase on the next.
        let wrapped = "The minister said on Tuesday that the government would\nraise the tax on fuel.\n";
        let story = parse(wrapped, Path::new("c.txt")).expect("parses");
        assert_eq!(story.headline, "");
        assert_eq!(
            story.body.plain_text(),
            "The minister said on Tuesday that the government would raise the tax on fuel."
        );
        // A headline ending in a question mark or an abbreviation's full stops is still one.
        for headline in ["Will the bridge open on time?", "Talks resume in Rome..."] {
            let story = parse(&format!("{headline}\nBody.\n"), Path::new("d.txt")).expect("parses");
            assert_eq!(story.headline, headline);
            assert_eq!(story.body.plain_text(), "Body.");
        }
        // Markdown without a level-1 heading follows the same reading.
        let story = parse(&format!("{lead}\n\nMore."), Path::new("e.md")).expect("parses");
        assert_eq!(story.headline, "");
        assert_eq!(story.body.plain_text(), format!("{lead}\n\nMore."));
        let story = parse("## Rome talks\n\nMore.", Path::new("f.md")).expect("parses");
        assert_eq!(story.headline, "Rome talks");
    }

    #[test]
    fn markdown_with_front_matter() {
        let text = "---\ntitle: \"Coalition meets in Rome\"\nkicker: Diplomacy\nauthor: Jane Roe\nstatus: editing\ntags: [IS, Rome]\nslug: coalition-rome\n---\nLead with **bold** and *em* and a [link](https://example.org) and [bad](javascript:alert(1)).\n\n## Reactions\n\n- one\n- two\n\n> quoted\n\n1. first\n";
        let story = parse(text, Path::new("x.md")).expect("parses");
        assert_eq!(story.headline, "Coalition meets in Rome");
        assert_eq!(story.kicker, "Diplomacy");
        assert_eq!(story.byline, "Jane Roe");
        assert_eq!(story.status, Status::Editing);
        assert_eq!(story.tags, vec!["IS", "Rome"]);
        assert_eq!(story.slug, "coalition-rome");
        let json = serde_json::to_string(&story.body).expect("json");
        assert!(json.contains(r#"{"type":"strong"}"#), "{json}");
        assert!(json.contains("https://example.org"), "{json}");
        assert!(!json.contains("javascript"), "{json}");
        assert!(json.contains(r#""type":"bulletList""#) && json.contains(r#""type":"blockquote""#));
        assert!(json.contains(r#""type":"orderedList","attrs":{"start":1}"#), "{json}");
        // what we produce is what we accept
        Document::from_value(&story.body.to_value()).expect("importer output validates");
    }

    #[test]
    fn markdown_h1_becomes_the_headline() {
        let story = parse("# The headline\n\nBody text.", Path::new("s.md")).expect("parses");
        assert_eq!(story.headline, "The headline");
        assert_eq!(story.body.plain_text(), "Body text.");
    }

    #[test]
    fn bad_front_matter_is_named() {
        let err = parse("---\ntitle: [unclosed\n---\nbody", Path::new("x.md")).expect_err("bad yaml");
        assert!(err.to_string().contains("front matter is not valid YAML"), "{err}");
        let err = parse("---\nstatus: gone\n---\nbody", Path::new("x.md")).expect_err("bad status");
        assert!(err.to_string().contains("unknown status `gone`"), "{err}");
        let err = parse("---\ntitle: x\nbody never closes", Path::new("x.md")).expect_err("unclosed");
        assert!(err.to_string().contains("never ends"), "{err}");
        let err = parse("\n\n  \n", Path::new("x.txt")).expect_err("empty");
        assert!(err.to_string().contains("holds no story text"), "{err}");
    }

    /// Found by the `markdown_import` fuzz target: nested emphasis produced a text with the same
    /// mark twice, a body the store could not load again.
    #[test]
    fn nested_marks_are_carried_once() {
        for text in [
            "*a *b* a*",
            "***x***",
            "**a **b** a**",
            "[a [b](https://b.org) a](https://a.org)",
            "*a **b *c* b** a*",
        ] {
            let story = parse(text, Path::new("nested.md")).expect("parses");
            Document::from_value(&story.body.to_value()).unwrap_or_else(|e| panic!("{text}: {e}"));
        }
        let crash = include_bytes!("../tests/fixtures/fuzz/markdown_import-nested-marks.md");
        let story = parse(&String::from_utf8_lossy(crash), Path::new("crash.md")).expect("parses");
        Document::from_value(&story.body.to_value()).expect("a body the store can load");
    }

    /// Found by the `markdown_import` fuzz target: sixty nested quotes made a tree deeper than
    /// a body may be. The words are kept as paragraphs.
    #[test]
    fn absurd_nesting_keeps_the_words() {
        let deep = format!("# Deep\n\n{} deep words\n\nA second paragraph.\n", ">".repeat(60));
        let story = parse(&deep, Path::new("deep.md")).expect("parses");
        Document::from_value(&story.body.to_value()).expect("a body the store can load");
        assert!(
            story.body.plain_text().contains("deep words"),
            "{:?} / {}",
            story.headline,
            story.body.plain_text()
        );
        let lists = format!(
            "{}item\n",
            (0..40).map(|n| format!("{}- ", "  ".repeat(n))).collect::<Vec<_>>().join("\n")
        );
        let story = parse(&lists, Path::new("lists.md")).expect("parses");
        Document::from_value(&story.body.to_value()).expect("a body the store can load");
        let crash = include_bytes!("../tests/fixtures/fuzz/markdown_import-deep-quotes.md");
        let story = parse(&String::from_utf8_lossy(crash), Path::new("crash.md")).expect("parses");
        Document::from_value(&story.body.to_value()).expect("a body the store can load");
    }
}
