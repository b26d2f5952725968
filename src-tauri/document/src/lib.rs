//! The story body: a typed, ProseMirror-compatible document tree.
//!
//! The Rust types here are the schema's source of truth; the editor's TipTap schema mirrors them.
//! Parsing goes through [`Document::from_value`], which rejects any node, mark or attribute the
//! schema does not know, and any link that is not http, https, mailto or a story link, with an
//! error that names what was wrong and where (`content[2].content[0].marks[1]`).
//!
//! Owns: the body's schema (`types`), its parsing and validation (`parse`) and its counts
//! (`stats`). Must not touch: I/O of any kind (files, SQL, the search index), other Byline
//! crates (this one is the bottom of the crate map), how a body is rendered for export.

mod parse;
mod stats;
mod types;

pub use parse::{link_allowed, DocumentError};
pub use stats::{StoryStats, READING_WORDS_PER_MINUTE};
pub use types::{
    Block, DocTag, Document, FigureAttrs, HeadingAttrs, Inline, LinkAttrs, ListItem, ListItemTag, Mark,
    OrderedListAttrs,
};
