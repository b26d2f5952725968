//! Byline's core: the [`Library`] façade, everything the newsroom app can do, callable and
//! testable without a window. It orchestrates the domain crates below it: the document tree
//! (`byline-document`), the shared model (`byline-model`), photos (`byline-photos`), the
//! database (`byline-store`), the search index (`byline-search`) and the export formats
//! (`byline-export`). Imports, story packages, the sample story and the library's health live
//! here too, because each of them uses several of those crates.
//!
//! Architecture Invariant: this crate never depends on Tauri or any GUI crate. The desktop shell
//! (`byline-app`) and the command line (`byline`) are thin front ends over [`Library`] and
//! depend on this crate only; the domain crates are re-exported for the types they need.

pub mod archive;
pub mod docx_import;
pub mod import;
mod library;
pub mod paths;
pub mod sample;
mod typing;

pub use byline_check as check;
pub use byline_document as document;
pub use byline_export as export;
pub use byline_model::model::*;
pub use byline_model::outbox::*;
pub use byline_model::{files, language, slug, time};
pub use byline_model::{Document, DocumentError, Error, ErrorKind, ErrorReport, Result};
pub use byline_photos as photos;
pub use byline_publish as publish;
pub use byline_search as search;
pub use byline_store::{BACKUP_DIR, DATABASE_FILE, SCHEMA_VERSION};
pub use library::{
    copy_desk_item, dictionary_dirs, drain_outbox, find_dictionary, gazetteer, load_speller, test_connection,
    DrainReport, ImportedWords, LedgerEntry, Library, LibraryAccess, PreparedSend, Seed, SendResult,
    SendTicket, StoryCheck, DICTIONARIES_ENV, SEARCH_DIR,
};
pub use typing::{background_priority, Typing};
