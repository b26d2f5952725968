//! Library commands: facts, settings, backups.

use byline_core::{Backup, ErrorReport, LibraryHealth, LibraryInfo, LibrarySettings};
use tauri::State;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn library_info(desk: State<'_, Desk>) -> Reply<LibraryInfo> {
    desk.run(|lib| lib.info()).await
}

/// The library is on screen for the first time since the program started: the log says how long
/// the start took, and how much of it the page took since it began loading (`page_ms`, as the
/// page measures it); once. The start bench waits for this line.
#[tauri::command]
pub async fn note_started(page_ms: f64) -> Reply<()> {
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        let ms = crate::STARTED.get().map(|t| t.elapsed().as_millis());
        tracing::info!(ms, page_ms = page_ms.round(), "the library is on screen");
    });
    Ok(())
}

#[tauri::command]
pub async fn library_settings(desk: State<'_, Desk>) -> Reply<LibrarySettings> {
    desk.run(|lib| lib.settings()).await
}

#[tauri::command]
pub async fn set_library_settings(
    desk: State<'_, Desk>,
    settings: LibrarySettings,
) -> Reply<LibrarySettings> {
    desk.run(move |lib| lib.set_settings(&settings)).await
}

#[tauri::command]
pub async fn list_backups(desk: State<'_, Desk>) -> Reply<Vec<Backup>> {
    desk.run(|lib| lib.backups()).await
}

#[tauri::command]
pub async fn backup_now(desk: State<'_, Desk>) -> Reply<Backup> {
    desk.run(|lib| lib.backup("manual")).await
}

/// Restores one of this library's own backups (named as `list_backups` gave it; no other path
/// is accepted). The current library is backed up first; returns that safety backup.
#[tauri::command]
pub async fn restore_backup(desk: State<'_, Desk>, file: String) -> Reply<Backup> {
    desk.run(move |lib| {
        let known = lib.backups()?.into_iter().find(|b| b.file == file).ok_or_else(|| {
            byline_core::Error::InvalidInput("that backup is not one of this library's backups".into())
        })?;
        lib.restore_backup(std::path::Path::new(&known.file))
    })
    .await
}

/// How the library opened: fine, damaged and read-only, or not at all; with its backups.
#[tauri::command]
pub fn library_health(desk: State<'_, Desk>) -> LibraryHealth {
    desk.health()
}

/// Restores a damaged library from one of its backups (the damaged file is kept aside).
#[tauri::command]
pub async fn recover_library(desk: State<'_, Desk>, file: String) -> Reply<LibraryHealth> {
    desk.recover(file).await
}

/// Opens an https or mailto link in the system's browser or mail program; nothing else.
#[tauri::command]
pub fn open_external(app: tauri::AppHandle, url: String) -> Reply<()> {
    let parsed = tauri::Url::parse(url.trim()).map_err(|_| refused(&url))?;
    if !crate::window::goes_to_system_browser(&parsed) {
        return Err(refused(&url));
    }
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| ErrorReport::internal(format!("could not open the link: {e}")))
}

fn refused(url: &str) -> ErrorReport {
    ErrorReport::from(&byline_core::Error::InvalidInput(format!(
        "only https and mailto links open outside Byline; `{}` was not opened",
        url.chars().take(80).collect::<String>()
    )))
}
