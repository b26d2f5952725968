//! The tree: the typed body (`Document`, `Block`, `Inline`, `Mark` and their attributes), how a
//! document is built, and the walks that read it (its story links, its plain text). Parsing and
//! validation are `parse`'s; the counts are `stats`'.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

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
    /// A list item with these blocks.
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

impl Default for Document {
    fn default() -> Self {
        Document::new(vec![Block::Paragraph { content: vec![] }])
    }
}

impl Document {
    /// A document with these blocks.
    pub fn new(content: Vec<Block>) -> Self {
        Document { kind: DocTag::Doc, content }
    }

    /// The document as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// A document of plain paragraphs, one per string.
    pub fn from_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Document {
        let content =
            paragraphs.iter().map(|t| Block::Paragraph { content: text_content(t.as_ref()) }).collect();
        Document::new(content)
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
