//! Byline's core: everything the newsroom app can do, callable and testable without a window.
//!
//! Architecture Invariant: this crate never depends on Tauri or any GUI crate. The desktop shell
//! (`byline-app`) and the command line (`byline`) are thin front ends over [`Library`].

pub mod archive;
pub mod document;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod paths;
pub mod photos;
pub mod sample;
pub mod search;
pub mod slug;
pub mod store;

pub use document::{Document, DocumentError};
pub use error::{Error, ErrorKind, ErrorReport, Result};
pub use model::*;
pub use store::{Backup, Library, Seed, DATABASE_FILE, SCHEMA_VERSION, SEARCH_DIR};
