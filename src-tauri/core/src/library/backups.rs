//! Backups: verified copies of the library database, made and restored by the store (SQLite's
//! `VACUUM INTO` and backup API). A restore or a recovery also drops the search index, which is
//! derived and rebuilt on the next search.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::Library;
use byline_model::{Backup, Result};
use byline_store::Store;

impl Library {
    /// A verified backup now; `reason` names it (`manual`, `close`, `daily`, `before-restore`).
    pub fn backup(&self, reason: &str) -> Result<Backup> {
        self.store.backup(reason)
    }

    /// [`Library::backup`] as if made at `at` (for tests of rotation).
    #[doc(hidden)]
    pub fn backup_at(&self, reason: &str, at: OffsetDateTime) -> Result<Backup> {
        self.store.backup_at(reason, at)
    }

    /// Writes a consistent copy of the library database to `dest` (SQLite's `VACUUM INTO`).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.store.backup_to(dest)
    }

    /// This library's backups, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        self.store.backups()
    }

    /// The backups of the library in `library_dir`, newest first (the library need not open).
    pub fn backups_of(library_dir: &Path) -> Result<Vec<Backup>> {
        Store::backups_of(library_dir)
    }

    /// Whether the day's backup is still to be made.
    pub fn daily_backup_due(&self) -> Result<bool> {
        self.store.daily_backup_due()
    }

    /// Replaces the library's content with a backup's, after backing up what is there now.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<Backup> {
        let safety = self.store.restore_backup(backup)?;
        self.forget_search();
        self.seed_new_agencies()?;
        Ok(safety)
    }

    /// Puts a damaged library aside and restores `backup` in its place. Nothing is deleted: the
    /// damaged database (with its WAL and shared-memory files) moves into `damaged-<time>/` in
    /// the library folder. Returns the library and where the damaged files went.
    pub fn recover_from_backup(library_dir: &Path, backup: &Path) -> Result<(Library, PathBuf)> {
        let _ = std::fs::remove_dir_all(library_dir.join(super::SEARCH_DIR));
        let (store, aside) = Store::recover_from_backup(library_dir, backup)?;
        Ok((Library::over(store)?, aside))
    }

    /// The newest backup that passes its integrity check, if any.
    pub fn newest_good_backup(library_dir: &Path) -> Result<Option<Backup>> {
        Store::newest_good_backup(library_dir)
    }
}
