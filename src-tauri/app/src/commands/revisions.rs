//! Revision commands: list, preview, restore.

use byline_core::{ErrorReport, RevisionSummary, RevisionView, Story};
use tauri::State;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn list_revisions(desk: State<'_, Desk>, id: String) -> Reply<Vec<RevisionSummary>> {
    desk.run(move |lib| lib.list_revisions(&id)).await
}

#[tauri::command]
pub async fn get_revision(desk: State<'_, Desk>, id: String, revision: i64) -> Reply<RevisionView> {
    desk.run(move |lib| lib.revision(&id, revision)).await
}

#[tauri::command]
pub async fn restore_revision(
    desk: State<'_, Desk>,
    id: String,
    revision: i64,
    base_revision: i64,
) -> Reply<Story> {
    desk.run(move |lib| lib.restore_revision(&id, revision, base_revision)).await
}
