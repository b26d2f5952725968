//! Importing stories into the library: files dropped on the library, or chosen in the native
//! dialog (Word files with their photos, Markdown, plain text, story packages).

use std::path::PathBuf;

use byline_core::archive::ImportReport;
use byline_core::ErrorReport;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

/// Story files dropped on the library: each imported; one that cannot be is named with why.
#[tauri::command]
pub async fn import_stories(desk: State<'_, Desk>, paths: Vec<String>) -> Reply<ImportReport> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    desk.run(move |lib| Ok(lib.import_paths(&paths))).await
}

/// The native file dialog, then the same import; an empty report when the journalist cancels.
#[tauri::command]
pub async fn import_from_dialog(app: AppHandle, desk: State<'_, Desk>) -> Reply<ImportReport> {
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    app.dialog()
        .file()
        .set_title("Import stories")
        .add_filter("Stories", &["docx", "md", "markdown", "txt", "zip"])
        .pick_files(move |picked| {
            let _ =
                tx.send(picked.unwrap_or_default().into_iter().filter_map(|f| f.into_path().ok()).collect());
        });
    // The dialog answers on another thread; wait for it off the async runtime.
    let paths =
        tauri::async_runtime::spawn_blocking(move || rx.recv().unwrap_or_default()).await.unwrap_or_default();
    desk.run(move |lib| Ok(lib.import_paths(&paths))).await
}
