//! Backups: consistent copies made by SQLite itself (`VACUUM INTO`, never a file copy), each
//! checked with `integrity_check` before it counts, rotated to the last 10 plus one a day for a
//! week and one a week for a month. Restoring goes through SQLite's backup API into the open
//! library (so its WAL stays consistent), after backing up what is there now.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use time::OffsetDateTime;

use super::{from_millis, now, to_millis, Store};
use byline_model::{Backup, Error, Result};

const PREFIX: &str = "backup-";
/// The backups folder inside a library folder.
pub const BACKUP_DIR: &str = "backups";
const KEEP_LATEST: usize = 10;
const KEEP_DAILY: i64 = 7;
const KEEP_WEEKLY: i64 = 4;

fn parse_name(name: &str) -> Option<(i64, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".sqlite")?;
    let (millis, reason) = rest.split_once('-')?;
    Some((millis.parse().ok()?, reason.to_string()))
}

impl Store {
    fn backups_dir(&self) -> PathBuf {
        self.dir.join(BACKUP_DIR)
    }

    /// Makes a verified backup now and rotates the old ones.
    pub fn backup(&self, reason: &str) -> Result<Backup> {
        self.backup_at(reason, now())
    }

    /// [`Store::backup`] as if made at `at` (for tests of rotation).
    #[doc(hidden)]
    pub fn backup_at(&self, reason: &str, at: OffsetDateTime) -> Result<Backup> {
        let dir = self.backups_dir();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let reason: String = reason.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let name = format!("{PREFIX}{}-{reason}.sqlite", to_millis(at));
        let tmp = dir.join(format!(".{name}.partial"));
        let _ = std::fs::remove_file(&tmp);
        let made =
            super::schema::vacuum_into(&self.conn, &tmp).and_then(|()| super::schema::verify_copy(&tmp));
        if let Err(e) = made {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let dest = dir.join(&name);
        std::fs::rename(&tmp, &dest).map_err(|e| Error::io(&dest, e))?;
        tracing::info!(file = %name, "backup made");
        self.rotate_backups(at)?;
        let bytes = std::fs::metadata(&dest).map(|m| m.len()).unwrap_or(0);
        Ok(Backup { file: dest.display().to_string(), made: from_millis(to_millis(at)), bytes, reason })
    }

    /// The backups of this library, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        Store::backups_of(&self.dir)
    }

    /// The backups of the library in `library_dir`, newest first, without opening it (the
    /// library may be damaged).
    pub fn backups_of(library_dir: &Path) -> Result<Vec<Backup>> {
        let dir = library_dir.join(BACKUP_DIR);
        let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(vec![]) };
        let mut out: Vec<Backup> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let (millis, reason) = parse_name(&name)?;
                Some(Backup {
                    file: e.path().display().to_string(),
                    made: from_millis(millis),
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                    reason,
                })
            })
            .collect();
        out.sort_by_key(|b| std::cmp::Reverse(b.made));
        Ok(out)
    }

    /// Whether a daily backup is due (none made in the last day).
    pub fn daily_backup_due(&self) -> Result<bool> {
        Ok(self.backups()?.first().is_none_or(|b| now() - b.made >= time::Duration::days(1)))
    }

    /// Keeps the newest 10, the newest of each of the last 7 days and of the last 4 weeks.
    fn rotate_backups(&self, at: OffsetDateTime) -> Result<()> {
        let all = self.backups()?;
        let mut keep = std::collections::HashSet::new();
        for b in all.iter().take(KEEP_LATEST) {
            keep.insert(b.file.clone());
        }
        let mut days = std::collections::HashSet::new();
        let mut weeks = std::collections::HashSet::new();
        for b in &all {
            let age_days = (at - b.made).whole_days();
            if age_days < KEEP_DAILY && days.insert(b.made.date()) {
                keep.insert(b.file.clone());
            }
            let week = (b.made.year(), b.made.iso_week());
            if age_days < KEEP_WEEKLY * 7 && weeks.insert(week) {
                keep.insert(b.file.clone());
            }
        }
        for b in all.iter().filter(|b| !keep.contains(&b.file)) {
            let _ = std::fs::remove_file(&b.file);
        }
        Ok(())
    }

    /// Replaces the library's content with a backup's, after backing up what is there now.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<Backup> {
        super::schema::verify_copy(backup)?;
        let safety = self.backup("before-restore")?;
        let quiet: Option<fn(rusqlite::backup::Progress)> = None;
        self.conn.restore(rusqlite::MAIN_DB, backup, quiet)?;
        self.history = Default::default();
        let check: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::Migration(format!("the restored library failed its check: {check}")));
        }
        self.agencies_unseeded =
            super::schema::migrate(&mut self.conn, &self.dir, &self.dir.join(super::DATABASE_FILE))?;
        tracing::info!(from = %backup.display(), "library restored from a backup");
        Ok(safety)
    }
}

impl Store {
    /// Puts a damaged library aside and restores `backup` in its place. Nothing is deleted: the
    /// damaged database (with its WAL and shared-memory files) moves into `damaged-<time>/` in
    /// the library folder. Returns the library and where the damaged files went.
    pub fn recover_from_backup(library_dir: &Path, backup: &Path) -> Result<(Store, PathBuf)> {
        super::schema::verify_copy(backup)?;
        let stamp = to_millis(now());
        let aside = library_dir.join(format!("damaged-{stamp}"));
        std::fs::create_dir_all(&aside).map_err(|e| Error::io(&aside, e))?;
        for suffix in ["", "-wal", "-shm"] {
            let name = format!("{}{suffix}", super::DATABASE_FILE);
            let from = library_dir.join(&name);
            if from.exists() {
                std::fs::rename(&from, aside.join(&name)).map_err(|e| Error::io(&from, e))?;
            }
        }
        let restored = (|| -> Result<Store> {
            {
                let mut fresh = Connection::open(library_dir.join(super::DATABASE_FILE))?;
                let quiet: Option<fn(rusqlite::backup::Progress)> = None;
                fresh.restore(rusqlite::MAIN_DB, backup, quiet)?;
            }
            Store::open(library_dir)
        })();
        let library = match restored {
            Ok(library) => library,
            Err(e) => {
                // Put everything back as it was: the damaged files return, the half-made copy goes.
                for suffix in ["", "-wal", "-shm"] {
                    let name = format!("{}{suffix}", super::DATABASE_FILE);
                    let _ = std::fs::remove_file(library_dir.join(&name));
                    if aside.join(&name).exists() {
                        let _ = std::fs::rename(aside.join(&name), library_dir.join(&name));
                    }
                }
                let _ = std::fs::remove_dir(&aside);
                return Err(e);
            }
        };
        tracing::warn!(damaged = %aside.display(), from = %backup.display(), "library recovered from a backup");
        Ok((library, aside))
    }

    /// The newest backup that passes its integrity check, if any.
    pub fn newest_good_backup(library_dir: &Path) -> Result<Option<Backup>> {
        Ok(Store::backups_of(library_dir)?
            .into_iter()
            .find(|b| super::schema::verify_copy(Path::new(&b.file)).is_ok()))
    }
}
