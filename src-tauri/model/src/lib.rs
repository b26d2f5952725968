//! The newsroom's shared vocabulary: the types that cross crates and IPC (`Story`, `PhotoUse`,
//! `SearchQuery`…), the one error type and its IPC form, slugs, time, the file primitives
//! every crate writes and reads through, and `xml`, the one writer of every XML Byline produces.
//!
//! Owns: types and small pure rules over them. Must not touch: SQL, images, the search index,
//! the network. Every other Byline crate depends on this one; it depends only on
//! `byline-document`.

pub mod edit;
pub mod error;
pub mod files;
pub mod language;
pub mod model;
pub mod outbox;
pub mod slug;
pub mod time;
pub mod xml;

pub use byline_document::{Document, DocumentError};
pub use error::{Error, ErrorKind, ErrorReport, Result};
pub use model::*;
pub use outbox::*;
