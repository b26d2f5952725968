//! The app's state: the open library, and the one way commands reach it (off the UI thread).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use byline_core::{paths, ErrorReport, Library};

/// The library the window works on. Its one connection is the library's one writer; commands
/// run on tokio's blocking pool so saving, importing and exporting never block the webview.
pub struct Desk {
    library: Result<Arc<Mutex<Library>>, ErrorReport>,
    /// The library folder, for the photo protocol (which must not wait for a save).
    dir: Option<std::path::PathBuf>,
    /// Set to stop the photo batch in progress; read between files, without the library lock.
    cancel: Mutex<Arc<AtomicBool>>,
    /// What this session exported: the only paths the UI may ask to show in the file manager.
    exports: Mutex<Vec<std::path::PathBuf>>,
}

impl Desk {
    /// Opens the default library (or `BYLINE_LIBRARY`). A library that cannot be opened is
    /// reported to the UI by every command; it is never replaced or repaired.
    pub fn open() -> Desk {
        let library = paths::library_dir(None).and_then(Library::open);
        if let Err(e) = &library {
            tracing::error!("library could not be opened: {e}");
        }
        let dir = library.as_ref().ok().map(|l| l.dir().to_path_buf());
        Desk {
            library: library.map(|l| Arc::new(Mutex::new(l))).map_err(|e| ErrorReport::from(&e)),
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

    /// Backs the library up as the app closes (blocking: the process is about to end).
    pub fn backup_on_close(&self) {
        if let Ok(library) = &self.library {
            let library = library.lock().unwrap_or_else(|p| p.into_inner());
            if let Err(e) = library.backup("close") {
                tracing::error!("backup on close failed: {e}");
            }
        }
    }

    /// The open library's folder, if it opened.
    pub fn dir(&self) -> Option<&std::path::PathBuf> {
        self.dir.as_ref()
    }

    /// Runs `work` on the library away from the UI thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ErrorReport>
    where
        T: Send + 'static,
        F: FnOnce(&mut Library) -> byline_core::Result<T> + Send + 'static,
    {
        let library = self.library.clone()?;
        tauri::async_runtime::spawn_blocking(move || {
            let mut library = library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut library).map_err(|e| ErrorReport::from(&e))
        })
        .await
        .map_err(|e| ErrorReport::internal(format!("the library task stopped: {e}")))?
    }
}
