//! Copy-desk commands: a story's findings, and the words the library or one story accepts.

use byline_core::check::Report as CheckReport;
use byline_core::ErrorReport;
use tauri::State;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

/// Every finding of the story, in reading order, with suggestions.
#[tauri::command]
pub async fn check_story(desk: State<'_, Desk>, story: String) -> Reply<CheckReport> {
    desk.run(move |lib| lib.check_story(&story, true)).await
}

/// Adds a word to the library dictionary (every story may use it).
#[tauri::command]
pub async fn add_dictionary_word(desk: State<'_, Desk>, word: String) -> Reply<()> {
    desk.run(move |lib| lib.add_dictionary_words(&[word]).map(drop)).await
}

/// Ignores a word in one story (it stays flagged in the others).
#[tauri::command]
pub async fn ignore_word(desk: State<'_, Desk>, story: String, word: String) -> Reply<()> {
    desk.run(move |lib| lib.ignore_word(&story, &word)).await
}
