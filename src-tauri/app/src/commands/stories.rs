//! Story commands: list, create, open, save, trash.

use byline_core::{ErrorReport, NewStory, SaveReceipt, Status, Story, StoryEdit, StoryPage};
use tauri::State;

use super::Unchecked;
use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn list_stories(
    desk: State<'_, Desk>,
    status: Option<Status>,
    offset: u32,
    limit: u32,
) -> Reply<StoryPage> {
    desk.run(move |lib| lib.list_page(status, offset, limit)).await
}

#[tauri::command]
pub async fn create_story(desk: State<'_, Desk>, story: NewStory) -> Reply<Story> {
    desk.run(move |lib| lib.create_story(story)).await
}

#[tauri::command]
pub async fn get_story(desk: State<'_, Desk>, id: String) -> Reply<Story> {
    desk.run(move |lib| lib.story(&id)).await
}

/// The edit arrives as JSON so that a bad body is reported with its path, as a typed error. The
/// answer is a receipt: the UI has the text it sent, and a long body is not sent back each save.
#[tauri::command]
pub async fn save_story(desk: State<'_, Desk>, edit: Unchecked<StoryEdit>) -> Reply<SaveReceipt> {
    desk.run(move |lib| lib.save_story(StoryEdit::from_value(edit.json)?)).await
}

#[tauri::command]
pub async fn delete_story(desk: State<'_, Desk>, id: String) -> Reply<()> {
    desk.run(move |lib| lib.delete_story(&id).map(drop)).await
}

#[tauri::command]
pub async fn undelete_story(desk: State<'_, Desk>, id: String) -> Reply<Story> {
    desk.run(move |lib| lib.undelete_story(&id)).await
}
