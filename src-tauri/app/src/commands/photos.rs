//! Photo commands: attach (dialog, dropped files, pasted bytes), edit a use, detach, warnings.

use std::path::PathBuf;

use std::sync::atomic::Ordering;

use byline_core::{AttachProgress, AttachReport, ErrorReport, PhotoUse, PhotoUseEdit, PhotoWarning};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

/// Files dropped on the story or the photos panel; progress goes to `progress` after each file,
/// and [`cancel_attach`] stops the batch: nothing more is started, and the photos already being
/// decoded are attached too.
#[tauri::command]
pub async fn attach_photos(
    desk: State<'_, Desk>,
    story: String,
    files: Vec<PathBuf>,
    lead: bool,
    progress: Channel<AttachProgress>,
) -> Reply<AttachReport> {
    let cancel = desk.start_batch();
    desk.run(move |lib| {
        lib.attach_photos_with(&story, &files, lead, |p| {
            let _ = progress.send(p);
            !cancel.load(Ordering::Relaxed)
        })
    })
    .await
}

/// Stops the photo batch in progress (the photos already attached stay).
#[tauri::command]
pub fn cancel_attach(desk: State<'_, Desk>) {
    desk.cancel_batch();
}

/// The native file dialog, then the same attach; an empty report when the journalist cancels.
#[tauri::command]
pub async fn attach_from_dialog(
    app: AppHandle,
    desk: State<'_, Desk>,
    story: String,
    lead: bool,
    progress: Channel<AttachProgress>,
) -> Reply<AttachReport> {
    let files = pick_photos(app).await;
    attach_photos(desk, story, files, lead, progress).await
}

async fn pick_photos(app: AppHandle) -> Vec<PathBuf> {
    let (tx, rx) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    app.dialog()
        .file()
        .set_title("Attach photos")
        .add_filter("Photos", &["jpg", "jpeg", "heic", "heif", "png", "webp", "tif", "tiff", "avif"])
        .pick_files(move |picked| {
            let _ =
                tx.send(picked.unwrap_or_default().into_iter().filter_map(|f| f.into_path().ok()).collect());
        });
    // The dialog answers on another thread; wait for it off the async runtime.
    tauri::async_runtime::spawn_blocking(move || rx.recv().unwrap_or_default()).await.unwrap_or_default()
}

/// A pasted image, or a file picked in the webview: the bytes arrive as the raw request body
/// (never as JSON); the story id, the lead flag and the file name (`byline-name`) as headers.
#[tauri::command]
pub async fn attach_pasted_photo(desk: State<'_, Desk>, request: Request<'_>) -> Reply<AttachReport> {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let story = header("byline-story").unwrap_or_default();
    let lead = header("byline-lead").as_deref() == Some("true");
    let name = header("byline-name").filter(|n| !n.is_empty()).unwrap_or_else(|| "pasted photo".to_string());
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ErrorReport::from(&byline_core::Error::InvalidInput(
            "a pasted photo must arrive as raw bytes".into(),
        )));
    };
    let bytes = bytes.clone();
    desk.run(move |lib| lib.attach_photo_bytes(&story, &bytes, &name, lead)).await
}

#[tauri::command]
pub async fn edit_photo_use(
    desk: State<'_, Desk>,
    story: String,
    use_id: String,
    edit: PhotoUseEdit,
) -> Reply<PhotoUse> {
    desk.run(move |lib| lib.edit_photo_use(&story, &use_id, edit)).await
}

#[tauri::command]
pub async fn detach_photo(desk: State<'_, Desk>, story: String, use_id: String) -> Reply<()> {
    desk.run(move |lib| lib.detach_photo(&story, &use_id)).await
}

#[tauri::command]
pub async fn photo_warnings(desk: State<'_, Desk>, story: String) -> Reply<Vec<PhotoWarning>> {
    desk.run(move |lib| lib.photo_warnings(&story)).await
}
