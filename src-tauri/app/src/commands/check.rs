//! Copy-desk commands: a story's findings, and the words the library or one story accepts.

use byline_core::check::{CheckSettings, Report as CheckReport};
use byline_core::ErrorReport;
use std::sync::Arc;

use tauri::State;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

/// Every finding of the story, in reading order, with suggestions. The check itself runs
/// without the library: a save made meanwhile does not wait for it.
#[tauri::command]
pub async fn check_story(desk: State<'_, Desk>, story: String) -> Reply<CheckReport> {
    let check = Arc::new(desk.run(move |lib| lib.prepare_check(&story, true)).await?);
    let running = check.clone();
    // On a thread of its own at background priority (its grammar readers too): a story checked
    // for the first time keeps both cores busy for a second or two, and the window's painting and
    // the journalist's typing come first. (Not on a blocking thread of the runtime: those are
    // reused, and a lowered priority cannot be raised again without privilege.)
    let stopped = |e: String| ErrorReport::internal(format!("the copy desk stopped: {e}"));
    let report = tauri::async_runtime::spawn_blocking(move || {
        let thread = std::thread::Builder::new().name("copy-desk".into()).spawn(move || {
            byline_core::background_priority();
            running.run()
        });
        thread.map_err(|e| e.to_string())?.join().map_err(|_| "it panicked".to_string())
    })
    .await
    .map_err(|e| stopped(e.to_string()))?
    .map_err(stopped)?;
    desk.run(move |lib| {
        lib.keep_check(&check);
        Ok(())
    })
    .await?;
    Ok(report)
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

/// The copy desk's settings: rules switched off, the house-style table, the known
/// abbreviations and the headline's limit and casing.
#[tauri::command]
pub async fn copy_desk_settings(desk: State<'_, Desk>) -> Reply<CheckSettings> {
    desk.run(move |lib| lib.copy_desk_settings()).await
}

/// Replaces the copy desk's settings (checked whole, then saved in one transaction); returns
/// them as stored, tidied.
#[tauri::command]
pub async fn set_copy_desk_settings(desk: State<'_, Desk>, settings: CheckSettings) -> Reply<CheckSettings> {
    desk.run(move |lib| {
        lib.update_copy_desk_settings(|s| {
            *s = settings;
            Ok(())
        })
    })
    .await
}

/// Switches one rule on or off, in one transaction (a change made meanwhile elsewhere, from the
/// command line, is kept); returns the settings as stored.
#[tauri::command]
pub async fn switch_rule(desk: State<'_, Desk>, rule: String, on: bool) -> Reply<CheckSettings> {
    desk.run(move |lib| lib.switch_rule(&rule, on)).await
}

/// The library's own words, in alphabetical order.
#[tauri::command]
pub async fn dictionary_words(desk: State<'_, Desk>) -> Reply<Vec<String>> {
    desk.run(move |lib| lib.dictionary_words()).await
}

/// Takes a word out of the library dictionary.
#[tauri::command]
pub async fn remove_dictionary_word(desk: State<'_, Desk>, word: String) -> Reply<()> {
    desk.run(move |lib| lib.remove_dictionary_word(&word)).await
}
