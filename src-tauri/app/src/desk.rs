//! The app's state: the open library, and the one way commands reach it (off the UI thread).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use byline_core::{paths, ErrorReport, Library, LibraryHealth};

/// The library the window works on. Its one connection is the library's one writer; commands
/// run on tokio's blocking pool so saving, importing and exporting never block the webview.
pub struct Desk {
    /// The open library, or why it could not be opened. Replaced only by a recovery.
    library: RwLock<Result<Arc<Mutex<Library>>, ErrorReport>>,
    /// The library folder, for the photo protocol (which must not wait for a save).
    dir: Option<std::path::PathBuf>,
    /// How the library opened: fine, read-only (damaged) or not at all, and why.
    health: RwLock<LibraryHealth>,
    /// Set to stop the photo batch in progress; read between files, without the library lock.
    cancel: Mutex<Arc<AtomicBool>>,
    /// What this session exported: the only paths the UI may ask to show in the file manager.
    exports: Mutex<Vec<std::path::PathBuf>>,
}

impl Desk {
    /// Opens the default library (or `BYLINE_LIBRARY`). A library that cannot be opened is
    /// reported to the UI by every command; it is never replaced or repaired.
    pub fn open() -> Desk {
        let (dir, library, health) = match paths::library_dir(None) {
            Ok(dir) => {
                let (library, health) = open_or_read_only(&dir);
                (Some(dir), library, health)
            }
            Err(e) => {
                let report = ErrorReport::from(&e);
                let health = LibraryHealth::unavailable(String::new(), report.message.clone(), Vec::new());
                (None, Err(report), health)
            }
        };
        Desk {
            library: RwLock::new(library),
            health: RwLock::new(health),
            dir,
            cancel: Mutex::new(Arc::new(AtomicBool::new(false))),
            exports: Mutex::new(Vec::new()),
        }
    }

    /// A fresh cancel flag for a new batch (a cancel before it started does not stop it).
    pub fn start_batch(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        *self.cancel.lock().unwrap_or_else(|p| p.into_inner()) = flag.clone();
        flag
    }

    /// Stops the batch in progress, if any.
    pub fn cancel_batch(&self) {
        self.cancel.lock().unwrap_or_else(|p| p.into_inner()).store(true, Ordering::Relaxed);
    }

    pub fn remember_export(&self, path: std::path::PathBuf) {
        self.exports.lock().unwrap_or_else(|p| p.into_inner()).push(path);
    }

    pub fn was_exported(&self, path: &std::path::Path) -> bool {
        self.exports.lock().unwrap_or_else(|p| p.into_inner()).iter().any(|p| p == path)
    }

    /// How the library opened.
    pub fn health(&self) -> LibraryHealth {
        self.health.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Puts the damaged library aside and restores one of its backups in its place, then works
    /// on that. Only a backup of this library's own backups folder is accepted.
    pub async fn recover(&self, file: String) -> Result<LibraryHealth, ErrorReport> {
        let dir = self.dir.clone().ok_or_else(|| ErrorReport::internal("no library folder".into()))?;
        {
            let current = self.library.read().unwrap_or_else(|p| p.into_inner());
            if let Ok(open) = &*current {
                if !open.lock().unwrap_or_else(|p| p.into_inner()).is_read_only() {
                    return Err(ErrorReport::internal(
                        "the library is not damaged; restore a backup instead".into(),
                    ));
                }
            }
        }
        // Close the damaged library before its files move (Windows cannot rename an open file).
        let old = std::mem::replace(
            &mut *self.library.write().unwrap_or_else(|p| p.into_inner()),
            Err(ErrorReport::internal("the library is being recovered".into())),
        );
        drop(old);
        let result = tauri::async_runtime::spawn_blocking(move || {
            Library::recover(&dir, &file).map_err(|e| ErrorReport::from(&e))
        })
        .await
        .map_err(|e| ErrorReport::internal(format!("the recovery stopped: {e}")))?;
        let (library, health) = match result {
            Ok(done) => done,
            Err(e) => {
                // Nothing moved: open what is there again, read-only as before.
                if let Some(dir) = &self.dir {
                    let (library, _) = open_or_read_only(dir);
                    *self.library.write().unwrap_or_else(|p| p.into_inner()) = library;
                }
                return Err(e);
            }
        };
        *self.library.write().unwrap_or_else(|p| p.into_inner()) = Ok(Arc::new(Mutex::new(library)));
        *self.health.write().unwrap_or_else(|p| p.into_inner()) = health.clone();
        Ok(health)
    }

    /// Backs the library up as the app closes (blocking: the process is about to end).
    pub fn backup_on_close(&self) {
        if let Ok(library) = &*self.library.read().unwrap_or_else(|p| p.into_inner()) {
            let library = library.lock().unwrap_or_else(|p| p.into_inner());
            if library.is_read_only() {
                return;
            }
            if let Err(e) = library.backup("close") {
                tracing::error!("backup on close failed: {e}");
            }
        }
    }

    /// The open library's folder, if it opened.
    pub fn dir(&self) -> Option<&std::path::PathBuf> {
        self.dir.as_ref()
    }

    /// The open library to write to, if there is one (none while damaged or recovering).
    pub fn writable(&self) -> Option<Arc<Mutex<Library>>> {
        let library = self.library.read().unwrap_or_else(|p| p.into_inner()).clone().ok()?;
        let read_only = library.lock().unwrap_or_else(|p| p.into_inner()).is_read_only();
        (!read_only).then_some(library)
    }

    /// Runs `work` on the library away from the UI thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> byline_core::Result<T> + Send + 'static,
    {
        let library = self.library.read().unwrap_or_else(|p| p.into_inner()).clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut library = library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut library).map_err(|e| ErrorReport::from(&e))
        })
        .await
        .map_err(|e| ErrorReport::internal(format!("the library task stopped: {e}")))?
    }
}

/// Opens the library; a damaged one opens read-only when it can, and is never written to.
fn open_or_read_only(dir: &std::path::Path) -> (Result<Arc<Mutex<Library>>, ErrorReport>, LibraryHealth) {
    let (library, health) = Library::open_with_health(dir);
    (library.map(|l| Arc::new(Mutex::new(l))).map_err(|e| ErrorReport::from(&e)), health)
}
