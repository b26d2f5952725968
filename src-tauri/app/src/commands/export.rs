//! Export commands: the pre-publish checklist, exporting through the native folder dialog, and
//! showing the result in the file manager.

use std::path::PathBuf;

use byline_core::export::checklist::ChecklistItem;
use byline_core::export::{ExportDone, ExportRequest};
use byline_core::{Error, ErrorReport};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn export_checklist(desk: State<'_, Desk>, story: String) -> Reply<Vec<ChecklistItem>> {
    desk.run(move |lib| lib.checklist(&story)).await
}

/// Asks for a destination folder (native dialog), then exports there off the UI thread.
#[tauri::command]
pub async fn export_story(
    app: AppHandle,
    desk: State<'_, Desk>,
    story: String,
    request: ExportRequest,
) -> Reply<ExportDone> {
    let (tx, rx) = std::sync::mpsc::channel::<Option<PathBuf>>();
    app.dialog().file().set_title("Export to folder").pick_folder(move |folder| {
        let _ = tx.send(folder.and_then(|f| f.into_path().ok()));
    });
    let folder = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten()).await.ok().flatten();
    let Some(folder) = folder else { return Ok(ExportDone { path: None }) };
    let path =
        desk.run(move |lib| lib.export_story(&story, request.format, &folder, &request.options())).await?;
    desk.remember_export(path.clone());
    Ok(ExportDone { path: Some(path.display().to_string()) })
}

/// Shows an export in the file manager; only paths this session exported are accepted.
#[tauri::command]
pub fn reveal_export(app: AppHandle, desk: State<'_, Desk>, path: String) -> Reply<()> {
    let path = PathBuf::from(path);
    if !desk.was_exported(&path) {
        return Err(ErrorReport::from(&Error::InvalidInput(
            "only an export made in this session can be shown".into(),
        )));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| {
        ErrorReport::from(&Error::InvalidInput(format!("the file manager could not be opened: {e}")))
    })
}
