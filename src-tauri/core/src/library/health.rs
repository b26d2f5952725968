//! The library's health as a front end shows it: open, open read-only because it is damaged
//! (its stories can still be read), or not open at all, with its backups and the newest good
//! one; and the recovery that puts a damaged library aside for one of its own backups. The
//! desktop app and the command line share it.

use std::path::Path;

use super::Library;
use byline_model::{Error, LibraryHealth, LibraryState, Result};

impl Library {
    /// Opens the library in `dir` as a front end does: a damaged library opens read-only when
    /// it can, and is never written to. Gives the library (or why it could not open) and its
    /// health.
    pub fn open_with_health(dir: &Path) -> (Result<Library>, LibraryHealth) {
        let path = dir.display().to_string();
        match Library::open(dir) {
            Ok(library) => {
                let mut health = LibraryHealth::ok(path);
                health.after_unclean_shutdown = library.opened_after_unclean_shutdown();
                (Ok(library), health)
            }
            Err(e) => {
                tracing::error!("library could not be opened: {e}");
                let backups = Library::backups_of(dir).unwrap_or_default();
                let newest_good = Library::newest_good_backup(dir).ok().flatten();
                let damaged = matches!(e, Error::NotALibrary { .. });
                let mut health = LibraryHealth::unavailable(path, e.to_string(), backups);
                health.newest_good_backup = newest_good;
                match Library::open_read_only(dir) {
                    Ok(library) if damaged => {
                        health.state = LibraryState::ReadOnly;
                        (Ok(library), health)
                    }
                    _ => (Err(e), health),
                }
            }
        }
    }

    /// Recovers the damaged library in `dir` from `backup_file`, which must be one of its own
    /// backups (as [`Library::backups_of`] lists them). Gives the library and its health, with
    /// a message that says what was restored and where the damaged files were kept.
    pub fn recover(dir: &Path, backup_file: &str) -> Result<(Library, LibraryHealth)> {
        let known = Library::backups_of(dir)?
            .into_iter()
            .find(|b| b.file == backup_file)
            .ok_or_else(|| Error::InvalidInput("that backup is not one of this library's backups".into()))?;
        let (library, aside) = Library::recover_from_backup(dir, Path::new(&known.file))?;
        let mut health = LibraryHealth::ok(dir.display().to_string());
        health.message = Some(format!(
            "Restored the backup of {}. The damaged library was kept in {}.",
            known.made.date(),
            aside.display()
        ));
        Ok((library, health))
    }
}
