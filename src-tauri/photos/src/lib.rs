//! Photos: what a picture file is (sniffed from its bytes, size-limited before decoding), its
//! content address, its derived thumbnail and preview, the metadata it carries (IPTC IIM, XMP,
//! EXIF, read and written), credit lines and agency names, and export renditions.
//!
//! Owns: bytes and paths of photo files. Must not touch: SQL (the store records photos; the
//! `Library` façade decides when), the search index, exports' text formats.

pub mod batch;
pub mod credit;
pub mod ingest;
pub mod metadata;
pub mod quarter;
pub mod rendition;
pub mod uses;

pub use byline_model::{Error, Result};
