//! The story body: a typed, ProseMirror-compatible document tree.
//!
//! The Rust types here are the schema's source of truth; the editor's TipTap schema mirrors them.
//! Parsing goes through [`Document::from_value`], which rejects any node, mark or attribute the
//! schema does not know, and any link that is not http, https, mailto or a story link, with an
//! error that names what was wrong and where (`content[2].content[0].marks[1]`).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// Counts derived from the body (notes are not copy and are not counted as words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StoryStats {
    pub words: u32,
    pub characters: u32,
    pub reading_minutes: u32,
    /// TK markers and newsroom notes still in the copy.
    pub notes: u32,
}

/// Deepest nesting accepted (blockquotes in lists in blockquotes…); real copy never comes close.
const MAX_DEPTH: usize = 48;
/// Words per minute used for reading time.
pub const READING_WORDS_PER_MINUTE: usize = 230;

/// A whole story body: `{"type": "doc", "content": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(rename = "Doc")]
pub struct Document {
    #[serde(rename = "type")]
    pub kind: DocTag,
    pub content: Vec<Block>,
}

/// The `type` of a document's root: always `"doc"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub enum DocTag {
    #[default]
    #[serde(rename = "doc")]
    Doc,
}

/// The `type` of a list item: always `"listItem"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
pub enum ListItemTag {
    #[default]
    #[serde(rename = "listItem")]
    ListItem,
}

/// Block-level nodes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    Paragraph {
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[ts(optional, as = "Option<Vec<Inline>>")]
        content: Vec<Inline>,
    },
    Heading {
        attrs: HeadingAttrs,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[ts(optional, as = "Option<Vec<Inline>>")]
        content: Vec<Inline>,
    },
    Blockquote {
        content: Vec<Block>,
    },
    BulletList {
        content: Vec<ListItem>,
    },
    OrderedList {
        attrs: OrderedListAttrs,
        content: Vec<ListItem>,
    },
    /// A photo in the body; points at a photo use of this story.
    Figure {
        attrs: FigureAttrs,
    },
    HorizontalRule,
}

/// One item of a bullet or ordered list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListItem {
    #[serde(rename = "type")]
    pub kind: ListItemTag,
    pub content: Vec<Block>,
}

impl ListItem {
    pub fn new(content: Vec<Block>) -> Self {
        ListItem { kind: ListItemTag::ListItem, content }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct HeadingAttrs {
    /// 2, 3 or 4: the headline is the story's only level-1 heading.
    pub level: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct OrderedListAttrs {
    pub start: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FigureAttrs {
    /// The photo use this figure shows.
    #[serde(rename = "use")]
    pub photo_use: String,
}

/// Inline nodes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Inline {
    Text {
        text: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[ts(optional, as = "Option<Vec<Mark>>")]
        marks: Vec<Mark>,
    },
    HardBreak,
}

/// Marks on text.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Mark {
    Strong,
    Em,
    Link {
        attrs: LinkAttrs,
    },
    /// TK and newsroom notes: shown in the editor, never exported.
    Note,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LinkAttrs {
    pub href: String,
}

/// What was wrong with a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentError {
    /// Path from the root, e.g. `content[2].content[0].marks[1]`; empty for the root.
    pub path: String,
    pub problem: String,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "at the document root: {}", self.problem)
        } else {
            write!(f, "at {}: {}", self.path, self.problem)
        }
    }
}

impl std::error::Error for DocumentError {}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Document::from_value(&value).map_err(serde::de::Error::custom)
    }
}

impl Default for Document {
    fn default() -> Self {
        Document::new(vec![Block::Paragraph { content: vec![] }])
    }
}

/// Is `href` a link the schema allows: http(s), mailto, or `story:<uuid>`?
pub fn link_allowed(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("story:") {
        return uuid::Uuid::parse_str(rest).is_ok();
    }
    let has_body = |prefix: &str| lower.len() > prefix.len() && lower.starts_with(prefix);
    let clean = !href.chars().any(|c| c.is_whitespace() || c.is_control());
    clean && (has_body("https://") || has_body("http://") || has_body("mailto:"))
}

impl Document {
    pub fn new(content: Vec<Block>) -> Self {
        Document { kind: DocTag::Doc, content }
    }

    /// Parses and validates a document from JSON text.
    pub fn from_json(text: &str) -> Result<Document, DocumentError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| DocumentError { path: String::new(), problem: format!("not JSON: {e}") })?;
        Document::from_value(&value)
    }

    /// Parses and validates a document from a JSON value.
    pub fn from_value(value: &Value) -> Result<Document, DocumentError> {
        let mut p = Parser { path: Vec::new() };
        let obj = p.node(value, &["type", "content"])?;
        p.expect_type(obj, "doc")?;
        let content = p.children(obj, 0, |p, v, depth| p.block(v, depth))?;
        Ok(Document::new(content))
    }

    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// A document of plain paragraphs, one per string.
    pub fn from_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Document {
        let content =
            paragraphs.iter().map(|t| Block::Paragraph { content: text_content(t.as_ref()) }).collect();
        Document::new(content)
    }

    /// Words, characters, reading time and notes, counted as the editor counts them.
    pub fn stats(&self) -> StoryStats {
        let mut counter = Counter::default();
        for block in &self.content {
            counter.block(block);
        }
        counter.finish()
    }

    /// The stories this body links to (`story:<id>` links), each once, in id order.
    pub fn story_links(&self) -> std::collections::BTreeSet<String> {
        fn blocks(content: &[Block], out: &mut std::collections::BTreeSet<String>) {
            for block in content {
                match block {
                    Block::Paragraph { content } | Block::Heading { content, .. } => inlines(content, out),
                    Block::Blockquote { content } => blocks(content, out),
                    Block::BulletList { content } | Block::OrderedList { content, .. } => {
                        content.iter().for_each(|item| blocks(&item.content, out))
                    }
                    Block::Figure { .. } | Block::HorizontalRule => {}
                }
            }
        }
        fn inlines(content: &[Inline], out: &mut std::collections::BTreeSet<String>) {
            for inline in content {
                if let Inline::Text { marks, .. } = inline {
                    for mark in marks {
                        if let Mark::Link { attrs } = mark {
                            if let Some(id) = attrs.href.strip_prefix("story:") {
                                out.insert(id.to_ascii_lowercase());
                            }
                        }
                    }
                }
            }
        }
        let mut out = std::collections::BTreeSet::new();
        blocks(&self.content, &mut out);
        out
    }

    /// The copy as plain text, blocks separated by blank lines, notes left out.
    pub fn plain_text(&self) -> String {
        let mut blocks = Vec::new();
        plain_blocks(&self.content, &mut blocks);
        blocks.join("\n\n")
    }
}

fn text_content(text: &str) -> Vec<Inline> {
    if text.is_empty() {
        vec![]
    } else {
        vec![Inline::Text { text: text.to_string(), marks: vec![] }]
    }
}

struct Parser {
    path: Vec<String>,
}

type Obj = Map<String, Value>;

impl Parser {
    fn err(&self, problem: impl Into<String>) -> DocumentError {
        DocumentError { path: self.path.join("."), problem: problem.into() }
    }

    /// Checks that `value` is an object with only `allowed` keys.
    fn node<'v>(&self, value: &'v Value, allowed: &[&str]) -> Result<&'v Obj, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        if let Some(key) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
            let kind = obj.get("type").and_then(Value::as_str).unwrap_or("node");
            return Err(self.err(format!("`{kind}` does not allow the field `{key}`")));
        }
        Ok(obj)
    }

    fn type_of<'v>(&self, obj: &'v Obj) -> Result<&'v str, DocumentError> {
        obj.get("type")
            .ok_or_else(|| self.err("node has no `type`"))?
            .as_str()
            .ok_or_else(|| self.err("`type` must be a string"))
    }

    fn expect_type(&self, obj: &Obj, expected: &str) -> Result<(), DocumentError> {
        let found = self.type_of(obj)?;
        if found == expected {
            Ok(())
        } else {
            Err(self.err(format!("expected a `{expected}` node, found `{found}`")))
        }
    }

    fn children<T>(
        &mut self,
        obj: &Obj,
        depth: usize,
        mut each: impl FnMut(&mut Self, &Value, usize) -> Result<T, DocumentError>,
    ) -> Result<Vec<T>, DocumentError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let Some(content) = obj.get("content") else {
            return Ok(vec![]);
        };
        let items = content.as_array().ok_or_else(|| self.err("`content` must be an array"))?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            self.path.push(format!("content[{i}]"));
            out.push(each(self, item, depth + 1)?);
            self.path.pop();
        }
        Ok(out)
    }

    fn attrs<'v>(&self, obj: &'v Obj, kind: &str, allowed: &[&str]) -> Result<&'v Obj, DocumentError> {
        let attrs = obj
            .get("attrs")
            .ok_or_else(|| self.err(format!("`{kind}` needs `attrs`")))?
            .as_object()
            .ok_or_else(|| self.err(format!("`{kind}` attrs must be an object")))?;
        if let Some(key) = attrs.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(self.err(format!("`{kind}` does not allow the attribute `{key}`")));
        }
        for key in allowed {
            if !attrs.contains_key(*key) {
                return Err(self.err(format!("`{kind}` needs the attribute `{key}`")));
            }
        }
        Ok(attrs)
    }

    fn block(&mut self, value: &Value, depth: usize) -> Result<Block, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        let kind = self.type_of(obj)?;
        let block = match kind {
            "paragraph" => {
                self.node(value, &["type", "content"])?;
                Block::Paragraph { content: self.inlines(obj, depth)? }
            }
            "heading" => {
                self.node(value, &["type", "attrs", "content"])?;
                let attrs = self.attrs(obj, kind, &["level"])?;
                let level = attrs["level"].as_u64().filter(|l| (2..=4).contains(l)).ok_or_else(|| {
                    self.err(format!("heading level must be 2, 3 or 4, found {}", attrs["level"]))
                })?;
                Block::Heading {
                    attrs: HeadingAttrs { level: level as u8 },
                    content: self.inlines(obj, depth)?,
                }
            }
            "blockquote" => {
                self.node(value, &["type", "content"])?;
                let content = self.children(obj, depth, |p, v, d| p.block(v, d))?;
                self.non_empty(&content, kind)?;
                Block::Blockquote { content }
            }
            "bulletList" | "orderedList" => {
                let start = if kind == "orderedList" {
                    self.node(value, &["type", "attrs", "content"])?;
                    let attrs = self.attrs(obj, kind, &["start"])?;
                    let start = attrs["start"]
                        .as_u64()
                        .filter(|s| *s >= 1 && *s <= u32::MAX as u64)
                        .ok_or_else(|| self.err("ordered list `start` must be a whole number from 1"))?;
                    Some(start as u32)
                } else {
                    self.node(value, &["type", "content"])?;
                    None
                };
                let content = self.children(obj, depth, |p, v, d| p.list_item(v, d))?;
                self.non_empty(&content, kind)?;
                match start {
                    Some(start) => Block::OrderedList { attrs: OrderedListAttrs { start }, content },
                    None => Block::BulletList { content },
                }
            }
            "figure" => {
                self.node(value, &["type", "attrs"])?;
                let attrs = self.attrs(obj, kind, &["use"])?;
                let photo_use = attrs["use"]
                    .as_str()
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| self.err("figure `use` must name a photo use"))?;
                Block::Figure { attrs: FigureAttrs { photo_use: photo_use.to_string() } }
            }
            "horizontalRule" => {
                self.node(value, &["type"])?;
                Block::HorizontalRule
            }
            "text" | "hardBreak" => {
                return Err(self.err(format!("`{kind}` must sit inside a paragraph or heading")))
            }
            other => return Err(self.err(format!("unknown node type `{other}`"))),
        };
        Ok(block)
    }

    fn non_empty<T>(&self, content: &[T], kind: &str) -> Result<(), DocumentError> {
        if content.is_empty() {
            Err(self.err(format!("`{kind}` must not be empty")))
        } else {
            Ok(())
        }
    }

    fn list_item(&mut self, value: &Value, depth: usize) -> Result<ListItem, DocumentError> {
        let obj = self.node(value, &["type", "content"])?;
        self.expect_type(obj, "listItem")?;
        let content = self.children(obj, depth, |p, v, d| p.block(v, d))?;
        self.non_empty(&content, "listItem")?;
        Ok(ListItem::new(content))
    }

    fn inlines(&mut self, obj: &Obj, depth: usize) -> Result<Vec<Inline>, DocumentError> {
        self.children(obj, depth, |p, v, _| p.inline(v))
    }

    fn inline(&mut self, value: &Value) -> Result<Inline, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a node object"))?;
        match self.type_of(obj)? {
            "text" => {
                self.node(value, &["type", "text", "marks"])?;
                let text = obj
                    .get("text")
                    .and_then(Value::as_str)
                    .ok_or_else(|| self.err("text node needs a string `text`"))?;
                if text.is_empty() {
                    return Err(self.err("text node with empty `text`"));
                }
                let marks = match obj.get("marks") {
                    None => vec![],
                    Some(Value::Array(marks)) => {
                        let mut out = Vec::with_capacity(marks.len());
                        for (i, m) in marks.iter().enumerate() {
                            self.path.push(format!("marks[{i}]"));
                            let mark = self.mark(m)?;
                            if out.contains(&mark) {
                                return Err(self.err("the same mark twice on one text"));
                            }
                            out.push(mark);
                            self.path.pop();
                        }
                        out
                    }
                    Some(_) => return Err(self.err("`marks` must be an array")),
                };
                Ok(Inline::Text { text: text.to_string(), marks })
            }
            "hardBreak" => {
                self.node(value, &["type"])?;
                Ok(Inline::HardBreak)
            }
            other => Err(self.err(format!("`{other}` cannot sit inside a paragraph or heading"))),
        }
    }

    fn mark(&mut self, value: &Value) -> Result<Mark, DocumentError> {
        let obj = value.as_object().ok_or_else(|| self.err("expected a mark object"))?;
        let kind = self.type_of(obj)?;
        match kind {
            "strong" | "em" | "note" => {
                self.node(value, &["type"])?;
                Ok(match kind {
                    "strong" => Mark::Strong,
                    "em" => Mark::Em,
                    _ => Mark::Note,
                })
            }
            "link" => {
                self.node(value, &["type", "attrs"])?;
                let attrs = self.attrs(obj, kind, &["href"])?;
                let href = attrs["href"].as_str().ok_or_else(|| self.err("link `href` must be a string"))?;
                if !link_allowed(href) {
                    return Err(self.err(format!(
                        "link to `{}` refused: only http, https, mailto and story links are allowed",
                        href.chars().take(80).collect::<String>()
                    )));
                }
                Ok(Mark::Link { attrs: LinkAttrs { href: href.to_string() } })
            }
            other => Err(self.err(format!("unknown mark type `{other}`"))),
        }
    }
}

/// Character classes of the word counter: space, `T`, `K`, another letter or digit, other.
const SPACE: u8 = 0;
const LETTER_T: u8 = 1;
const LETTER_K: u8 = 2;
const ALNUM: u8 = 3;
const OTHER: u8 = 4;

/// Counter states: 0 between tokens, 1 in a token with no letter or digit yet, 2 `T`, 3 `TK`,
/// 4 `TK` then punctuation, 5 any other token with a letter or digit. A token is a word when it
/// has a letter or digit; it is a TK note when, trimmed of punctuation, it is exactly `TK`.
const NEXT: [[u8; 5]; 6] =
    [[0, 2, 5, 5, 1], [0, 2, 5, 5, 1], [0, 5, 3, 5, 5], [0, 5, 5, 5, 4], [0, 5, 5, 5, 4], [0, 5, 5, 5, 5]];
const ENDS_WORD: [usize; 6] = [0, 0, 1, 1, 1, 1];
const ENDS_TK: [usize; 6] = [0, 0, 0, 1, 1, 0];

const fn ascii_classes() -> [u8; 128] {
    let mut table = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c == b' ' || (c >= b'\t' && c <= b'\r') {
            SPACE
        } else if c == b'T' {
            LETTER_T
        } else if c == b'K' {
            LETTER_K
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    table
}

static ASCII_CLASS: [u8; 128] = ascii_classes();

fn class_of(c: char) -> u8 {
    if c.is_ascii() {
        ASCII_CLASS[c as usize]
    } else if c.is_whitespace() {
        SPACE
    } else if c.is_alphanumeric() {
        ALNUM
    } else {
        OTHER
    }
}

/// Walks the tree once, counting the copy (notes left out) with a small state machine over its
/// characters; a token may run across text nodes (`Aboul-` bold, `Gheit` plain).
#[derive(Default)]
struct Counter {
    words: usize,
    characters: usize,
    notes: usize,
    tk: usize,
    in_note: bool,
    state: u8,
}

impl Counter {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                for inline in content {
                    self.inline(inline);
                }
                self.end_block();
            }
            Block::Blockquote { content } => content.iter().for_each(|b| self.block(b)),
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                content.iter().flat_map(|item| &item.content).for_each(|b| self.block(b))
            }
            Block::Figure { .. } | Block::HorizontalRule => self.end_block(),
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text { text, marks } => {
                let note = marks.contains(&Mark::Note);
                if note {
                    if !self.in_note {
                        self.notes += 1;
                    }
                } else {
                    self.text(text);
                }
                self.in_note = note;
            }
            // Separates words like a new line, but is not a character of the copy.
            Inline::HardBreak => {
                self.in_note = false;
                self.end_token();
            }
        }
    }

    fn text(&mut self, text: &str) {
        let (mut state, mut words, mut tk) = (self.state as usize, 0usize, 0usize);
        let mut step = |class: u8| {
            let space = usize::from(class == SPACE);
            words += space * ENDS_WORD[state];
            tk += space * ENDS_TK[state];
            state = NEXT[state][class as usize] as usize;
        };
        if text.is_ascii() {
            self.characters += text.len();
            for &b in text.as_bytes() {
                step(ASCII_CLASS[(b & 0x7f) as usize]);
            }
        } else {
            for c in text.chars() {
                self.characters += 1;
                step(class_of(c));
            }
        }
        self.state = state as u8;
        self.words += words;
        self.tk += tk;
    }

    fn end_token(&mut self) {
        let state = self.state as usize;
        self.words += ENDS_WORD[state];
        self.tk += ENDS_TK[state];
        self.state = 0;
    }

    fn end_block(&mut self) {
        self.in_note = false;
        self.end_token();
    }

    fn finish(mut self) -> StoryStats {
        self.end_block();
        StoryStats {
            words: self.words as u32,
            characters: self.characters as u32,
            reading_minutes: self.words.div_ceil(READING_WORDS_PER_MINUTE) as u32,
            notes: (self.notes + self.tk) as u32,
        }
    }
}

/// Collects the copy of each block as plain text, notes left out.
fn plain_blocks(blocks: &[Block], out: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => {
                let mut text = String::new();
                for inline in content {
                    match inline {
                        Inline::Text { text: t, marks } if !marks.contains(&Mark::Note) => text.push_str(t),
                        Inline::Text { .. } => {}
                        Inline::HardBreak => text.push('\n'),
                    }
                }
                if !text.is_empty() {
                    out.push(text);
                }
            }
            Block::Blockquote { content } => plain_blocks(content, out),
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                content.iter().for_each(|item| plain_blocks(&item.content, out))
            }
            Block::Figure { .. } | Block::HorizontalRule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check_err(doc: Value, path: &str, problem: &str) {
        let err = Document::from_value(&doc).expect_err("document should be refused");
        assert_eq!(err.path, path, "wrong path for {err}");
        assert!(err.problem.contains(problem), "`{}` should mention `{problem}`", err.problem);
    }

    #[test]
    fn round_trips_every_node_and_mark() {
        let doc = json!({"type": "doc", "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Rome"}]},
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Aboul-Gheit", "marks": [{"type": "strong"}, {"type": "em"}]},
                {"type": "hardBreak"},
                {"type": "text", "text": "said", "marks": [{"type": "link", "attrs": {"href": "https://example.org/a"}}]},
                {"type": "text", "text": "check quote", "marks": [{"type": "note"}]}
            ]},
            {"type": "paragraph"},
            {"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "q"}]}]},
            {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "a"}]}]}]},
            {"type": "orderedList", "attrs": {"start": 3}, "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "b"}]}]}]},
            {"type": "figure", "attrs": {"use": "u1"}},
            {"type": "horizontalRule"},
            {"type": "paragraph", "content": [{"type": "text", "text": "see", "marks": [{"type": "link", "attrs": {"href": "story:0190c3c4-7b1e-7000-8000-000000000001"}}]}]}
        ]});
        let parsed = Document::from_value(&doc).expect("valid document");
        assert_eq!(parsed.to_value(), doc);
    }

    #[test]
    fn refuses_unknown_things_and_names_where() {
        check_err(
            json!({"type": "doc", "content": [{"type": "codeBlock"}]}),
            "content[0]",
            "unknown node type `codeBlock`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "x", "marks": [{"type": "strong"}, {"type": "underline"}]}]}]}),
            "content[0].content[0].marks[1]",
            "unknown mark type `underline`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "attrs": {"textAlign": "left"}}]}),
            "content[0]",
            "`paragraph` does not allow the field `attrs`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "heading", "attrs": {"level": 2, "id": "x"}}]}),
            "content[0]",
            "does not allow the attribute `id`",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "heading", "attrs": {"level": 1}}]}),
            "content[0]",
            "level must be 2, 3 or 4",
        );
        check_err(json!({"type": "paragraph"}), "", "expected a `doc` node");
        check_err(json!([1, 2]), "", "expected a node object");
        check_err(
            json!({"type": "doc", "content": [{"type": "bulletList", "content": [{"type": "paragraph"}]}]}),
            "content[0].content[0]",
            "expected a `listItem` node",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "text", "text": "loose"}]}),
            "content[0]",
            "must sit inside",
        );
        check_err(
            json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": ""}]}]}),
            "content[0].content[0]",
            "empty `text`",
        );
    }

    #[test]
    fn refuses_links_outside_the_allowed_schemes() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "java\tscript:alert(1)",
            " https://example.org",
            "https://",
            "story:not-a-uuid",
            "//example.org",
        ] {
            let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "x", "marks": [{"type": "link", "attrs": {"href": href}}]}]}]});
            let err = Document::from_value(&doc).expect_err(href);
            assert!(err.problem.contains("refused"), "{href}: {err}");
        }
        for href in
            ["https://example.org", "http://x.y/z?q=1", "mailto:desk@example.org", "HTTPS://EXAMPLE.ORG"]
        {
            assert!(link_allowed(href), "{href}");
        }
    }

    #[test]
    fn refuses_absurd_nesting() {
        let mut node = json!({"type": "paragraph"});
        for _ in 0..100 {
            node = json!({"type": "blockquote", "content": [node]});
        }
        let err = Document::from_value(&json!({"type": "doc", "content": [node]})).expect_err("too deep");
        assert!(err.problem.contains("nested deeper"), "{err}");
    }

    #[test]
    fn counts_words_characters_reading_time_and_notes() {
        let doc = Document::from_value(&json!({"type": "doc", "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Mr. Aboul-Gheit said — TK "},
                {"type": "text", "text": "check title", "marks": [{"type": "note"}]},
                {"type": "text", "text": "more", "marks": [{"type": "note"}, {"type": "em"}]},
                {"type": "text", "text": " today."}
            ]},
            {"type": "paragraph", "content": [{"type": "text", "text": "TK: add quote"}]}
        ]}))
        .expect("valid");
        let stats = doc.stats();
        // "Mr." "Aboul-Gheit" "said" "TK" "today." | "TK:" "add" "quote"; the dash is not a word.
        assert_eq!(stats.words, 8);
        assert_eq!(stats.characters, "Mr. Aboul-Gheit said — TK  today.".chars().count() as u32 + 13);
        assert_eq!(stats.reading_minutes, 1);
        // one note run (two adjacent note texts) + two standalone TKs
        assert_eq!(stats.notes, 3);
        assert_eq!(Document::default().stats().words, 0);
        assert_eq!(Document::default().stats().reading_minutes, 0);
    }
}

#[cfg(test)]
mod shared_stats_cases {
    //! The same cases run in the UI's Vitest suite, so both counts agree.
    use super::*;

    #[test]
    fn counts_agree_with_the_shared_fixture() {
        let text = include_str!("../../../tests/fixtures/stats.json");
        let cases: Vec<Value> = serde_json::from_str(text).expect("fixture is JSON");
        assert!(cases.len() >= 4);
        for case in cases {
            let name = case["name"].as_str().unwrap_or("?");
            let doc = Document::from_value(&case["doc"]).expect(name);
            let want: StoryStats = serde_json::from_value(case["stats"].clone()).expect(name);
            assert_eq!(doc.stats(), want, "{name}");
        }
    }
}

#[cfg(test)]
mod counting_paths_agree {
    //! The ASCII fast path and the general path must count alike.
    use super::*;

    fn stats_of(texts: &[&str]) -> StoryStats {
        let content = texts.iter().map(|t| Inline::Text { text: t.to_string(), marks: vec![] }).collect();
        Document::new(vec![Block::Paragraph { content }]).stats()
    }

    #[test]
    fn ascii_and_unicode_copy_count_the_same() {
        let cases: &[&[&str]] = &[
            &["TK", " (TK) T.K TKs xTK TK. -TK- ", "T", "K"],
            &["Aboul-", "Gheit said ", "\u{2014} ", "TK"],
            &["  lead  ", "  ", "trail\t\n", "T", "K,", " end"],
            &["...", "--", "a", ".", "b", " 42 ", "T-", "K"],
        ];
        for texts in cases {
            let ascii = stats_of(texts);
            // The same copy with a non-ASCII character appended to each text node (outside any
            // token) takes the general path; words and notes must not change.
            let unicode: Vec<String> = texts.iter().map(|t| format!("{t}\u{00a0}")).collect();
            let spaced: Vec<String> = texts.iter().map(|t| format!("{t} ")).collect();
            let u = stats_of(&unicode.iter().map(String::as_str).collect::<Vec<_>>());
            let a = stats_of(&spaced.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!((u.words, u.notes), (a.words, a.notes), "{texts:?}");
            assert!(ascii.words > 0, "{texts:?}");
        }
        assert_eq!(stats_of(&["T", "K"]).notes, 1, "a TK split across text nodes is still a TK");
        assert_eq!(stats_of(&["T-", "K"]).notes, 0);
        assert_eq!(stats_of(&["(T", "K)"]).notes, 1);
        assert_eq!(stats_of(&["Aboul-", "Gheit"]).words, 1);
        assert_eq!(
            stats_of(&["x ", "TK", " y"]),
            StoryStats { words: 3, characters: 6, reading_minutes: 1, notes: 1 }
        );
    }
}
