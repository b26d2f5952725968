//! The [`Library`] façade: an open library folder (`library.sqlite`, `originals/`, `derived/`,
//! `search/`, `backups/`) and everything a journalist does with it. Each method orchestrates
//! the domain crates: the store for what is kept, photos for files, the search index for
//! finding, the export renderers for output. Submodules group the methods by what the
//! journalist is doing; none of them holds SQL.

mod backups;
mod check;
mod destinations;
pub use destinations::test_connection;
mod outbox;
pub use outbox::{
    drain_outbox, DrainReport, LedgerEntry, LibraryAccess, PreparedSend, SendResult, SendTicket,
};

pub use check::{
    dictionary_dirs, find_dictionary, gazetteer, load_speller, ImportedWords, StoryCheck, DICTIONARIES_ENV,
};
mod export;
pub use export::copy_desk_item;
mod health;
mod photos;
mod renditions;
mod search;
mod settings;
mod stories;

use std::path::Path;

use byline_model::{LibraryInfo, PhotoUseEdit, Result};
use byline_photos::credit;
use byline_search::SearchIndex;
use byline_store::Store;

pub use search::SEARCH_DIR;

/// What a newly created library starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The sample story, as on a journalist's first run.
    Sample,
    /// Nothing (tests, scripted imports).
    Empty,
}

/// An open library: a folder holding `library.sqlite`, `originals/`, `derived/`, `search/` and
/// `backups/`.
pub struct Library {
    store: Store,
    /// The search index, opened on first use (derived; see `search.rs`).
    search: Option<SearchIndex>,
    /// The spelling dictionaries loaded so far, by language (see `check.rs`).
    spellers: check::Spellers,
    /// Destination secrets kept for this session only, when there is no keychain (by the
    /// keychain entry's name; see `destinations.rs`). Never written anywhere.
    session_secrets: std::collections::HashMap<String, String>,
    /// How far this process's sends have gone, by outbox item (see `outbox.rs`): kept in
    /// memory, so a step costs no write to the library.
    sends: outbox::SendsInFlight,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("dir", &self.store.dir()).finish_non_exhaustive()
    }
}

impl Library {
    /// Opens the library in `dir`, creating it (with the sample story) if it does not exist.
    pub fn open(dir: impl AsRef<Path>) -> Result<Library> {
        Self::open_with(dir, Seed::Sample)
    }

    /// Opens the library in `dir`; a new library starts as `seed` says.
    ///
    /// A file that is not a SQLite database, a database of another program, or a library from a
    /// newer Byline is refused with an error and left exactly as it was.
    pub fn open_with(dir: impl AsRef<Path>, seed: Seed) -> Result<Library> {
        let mut library = Library::over(Store::open(dir)?)?;
        if library.store.was_created() && seed == Seed::Sample {
            library.seed_sample()?;
        }
        Ok(library)
    }

    /// Opens a library read-only, to read what a damaged library still holds. Nothing is
    /// written: no upgrade, no marker; every save fails.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Library> {
        Ok(Library {
            store: Store::open_read_only(dir)?,
            search: None,
            spellers: Default::default(),
            session_secrets: Default::default(),
            sends: Default::default(),
        })
    }

    /// The façade over an open store.
    fn over(store: Store) -> Result<Library> {
        let mut library = Library {
            store,
            search: None,
            spellers: Default::default(),
            session_secrets: Default::default(),
            sends: Default::default(),
        };
        library.seed_new_agencies()?;
        Ok(library)
    }

    /// A new or upgraded agency table (opened, or restored from an old backup) gets the credit
    /// rules' first rows.
    fn seed_new_agencies(&mut self) -> Result<()> {
        if self.store.agencies_unseeded() {
            self.store.seed_agencies(&credit::seed_table())?;
        }
        Ok(())
    }

    /// Whether this library was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// Whether the last Byline process to open this library stopped without closing it.
    pub fn opened_after_unclean_shutdown(&self) -> bool {
        self.store.opened_after_unclean_shutdown()
    }

    /// SQLite's full `PRAGMA integrity_check`: `ok`, or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        self.store.integrity_check()
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    pub fn info(&self) -> Result<LibraryInfo> {
        Ok(LibraryInfo {
            path: self.dir().display().to_string(),
            stories: self.store.count_stories()?,
            version: env!("CARGO_PKG_VERSION").to_string(),
        })
    }

    fn seed_sample(&mut self) -> Result<()> {
        let story = self.insert_story(crate::sample::story(), byline_model::time::now())?;
        let parts = crate::sample::parts();
        let photo = self.import_photo_bytes(crate::sample::LEAD_PHOTO, crate::sample::LEAD_PHOTO_NAME)?;
        let use_id = self.add_use(&story.id, &photo, true)?;
        self.edit_photo_use(
            &story.id.to_string(),
            &use_id,
            PhotoUseEdit {
                caption: Some(parts.lead_caption),
                credit: Some(parts.lead_credit),
                alt_text: Some(crate::sample::LEAD_PHOTO_ALT.to_string()),
                stand_in: Some(crate::sample::LEAD_PHOTO_STAND_IN.to_string()),
                ..Default::default()
            },
        )?;
        Ok(())
    }
}
