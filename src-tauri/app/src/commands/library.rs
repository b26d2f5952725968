//! Library commands.

use byline_core::{ErrorReport, LibraryInfo};
use tauri::State;

use crate::desk::Desk;

#[tauri::command]
pub async fn library_info(desk: State<'_, Desk>) -> Result<LibraryInfo, ErrorReport> {
    desk.run(|lib| lib.info()).await
}
