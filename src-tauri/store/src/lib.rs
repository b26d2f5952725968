//! The library database: the only crate with SQL. SQLite is the single source of truth.
//!
//! One [`Store`] owns the library's one write connection (WAL, foreign keys, synchronous=FULL).
//! Modules hold the SQL of one table each; row structs stay private and convert into model types.
//!
//! Owns: `library.sqlite` (its schema, migrations, backups and open markers). Must not touch:
//! photo files, the search index, exports; what to do with a library (import, attach, seed,
//! recover) is the `Library` façade's in `byline-core`.

mod agencies;
mod backups;
mod destinations;
mod dictionary;
mod grammar_memo;
mod links;
mod outbox;
mod outbox_drainer;
mod photos;
mod related;
mod remote_media;
mod remote_posts;
mod revisions;
mod schema;
mod search;
mod settings;
mod stories;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use byline_model::time::{from_millis, now, to_millis};
use byline_model::{Error, Result};

pub use backups::BACKUP_DIR;
pub use outbox::{Enqueue, OutboxEnd};
pub use schema::SCHEMA_VERSION;
pub use settings::check_base_url;

/// The file name of the database inside a library folder.
pub const DATABASE_FILE: &str = "library.sqlite";
/// `PRAGMA application_id` of a Byline library ("BYLN").
pub const APPLICATION_ID: i32 = 0x4259_4C4E;

/// An open library: a folder holding `library.sqlite`, `originals/`, `derived/` and `backups/`.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
    history: revisions::History,
    /// The database file was made by this open (a new library).
    created: bool,
    /// The agency table was made by this open's upgrade and has no rows yet.
    agencies_unseeded: bool,
    /// Opened after a Byline process stopped without closing it (a crash, a kill, power loss);
    /// the database then passed a quick check before anything else.
    after_unclean_shutdown: bool,
    /// Opened read-only (a damaged library, shown so its stories can still be read).
    read_only: bool,
    /// This handle's open marker, locked while the library is open (see [`OPEN_MARKER`]).
    marker: Option<(PathBuf, std::fs::File)>,
}

/// Each handle that opens a library holds an OS lock on its own marker file
/// (`.byline-open-<pid>-<n>`) and removes it on a clean close. A marker nobody holds a lock on
/// was left by a process that stopped without closing the library (a crash, a kill, power
/// loss). OS locks end with their process on every system, so this needs no process table.
const OPEN_MARKER: &str = ".byline-open-";

impl Drop for Store {
    fn drop(&mut self) {
        if let Some((path, file)) = self.marker.take() {
            let _ = std::fs::remove_file(&path);
            drop(file);
        }
    }
}

/// The markers left by handles that are gone (nobody holds their lock).
fn stale_markers(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return vec![] };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(OPEN_MARKER))
        .map(|e| e.path())
        .filter(|path| {
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .map(|f| f.try_lock().is_ok())
                .unwrap_or(false)
        })
        .collect()
}

/// Creates and locks this handle's marker. It is locked under another name and then renamed
/// into place (the lock stays with the file), so no other process ever sees it unlocked and
/// takes it for a stale one.
fn take_marker(dir: &Path) -> Option<(PathBuf, std::fs::File)> {
    static HANDLES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = HANDLES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id = format!("{}-{n}", std::process::id());
    let path = dir.join(format!("{OPEN_MARKER}{id}"));
    let opening = dir.join(format!(".byline-opening-{id}"));
    let made = std::fs::File::create(&opening)
        .and_then(|f| f.lock().map(|_| f))
        .and_then(|f| std::fs::rename(&opening, &path).map(|_| f));
    match made {
        Ok(file) => Some((path, file)),
        Err(e) => {
            let _ = std::fs::remove_file(&opening);
            tracing::warn!(error = %e, "could not write the open marker");
            None
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the library database in `dir`, creating it (empty) if it does not exist.
    ///
    /// A file that is not a SQLite database, a database of another program, or a library from a
    /// newer Byline is refused with an error and left exactly as it was.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| Error::LibraryFolder { path: dir.clone(), source })?;
        let path = dir.join(DATABASE_FILE);
        let fresh = std::fs::metadata(&path).map(|m| m.len() == 0).unwrap_or(true);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::CannotOpen
                    || f.code == rusqlite::ErrorCode::ReadOnly
                    || f.code == rusqlite::ErrorCode::PermissionDenied =>
            {
                Error::LibraryFolder {
                    path: dir.clone(),
                    source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string()),
                }
            }
            other => Error::Database(other),
        })?;
        if !fresh {
            schema::check_is_byline_library(&conn, &path)?;
        }
        // A handle that did not close the library: check it before anything is written.
        let stale = stale_markers(&dir);
        let after_unclean_shutdown = !stale.is_empty();
        if after_unclean_shutdown {
            let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            tracing::warn!(check, "the library was not closed last time; quick check done");
            if check != "ok" {
                return Err(Error::NotALibrary {
                    path: path.clone(),
                    reason: format!("damaged: its quick check after an unclean shutdown says {check}"),
                });
            }
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))
            .map_err(|e| not_writable(&dir, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "library could not switch to WAL journaling");
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
        let agencies_unseeded = schema::migrate(&mut conn, &dir, &path)?;
        for marker in stale {
            let _ = std::fs::remove_file(marker);
        }
        let marker = take_marker(&dir);
        tracing::info!(path = %dir.display(), "library open");
        Ok(Store {
            dir,
            conn,
            history: Default::default(),
            created: fresh,
            agencies_unseeded,
            after_unclean_shutdown,
            read_only: false,
            marker,
        })
    }

    /// Opens a library read-only, to read what a damaged library still holds. Nothing is
    /// written: no upgrade, no marker; every save fails.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        let path = dir.join(DATABASE_FILE);
        if !path.is_file() {
            return Err(Error::NotALibrary { path, reason: "there is no library database here".into() });
        }
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags)?;
        schema::check_is_byline_library(&conn, &path)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found != SCHEMA_VERSION {
            return Err(Error::NotALibrary {
                path,
                reason: format!("schema version {found}, this Byline reads {SCHEMA_VERSION}"),
            });
        }
        Ok(Store {
            dir,
            conn,
            history: Default::default(),
            created: false,
            agencies_unseeded: false,
            after_unclean_shutdown: false,
            read_only: true,
            marker: None,
        })
    }

    /// Whether this open made the library (a new, empty database).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// Whether this library was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether the last Byline process to open this library stopped without closing it.
    pub fn opened_after_unclean_shutdown(&self) -> bool {
        self.after_unclean_shutdown
    }

    /// SQLite's full `PRAGMA integrity_check`: `ok`, or what is wrong.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(lines.join("; "))
    }

    /// The library folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes a consistent copy of the library database to `dest` (SQLite's `VACUUM INTO`).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        schema::vacuum_into(&self.conn, dest)
    }
}

fn not_writable(dir: &Path, e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::PermissionDenied
            ) =>
        {
            Error::LibraryFolder {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, e.to_string()),
            }
        }
        _ => Error::Database(e),
    }
}
