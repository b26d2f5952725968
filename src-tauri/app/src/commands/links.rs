//! Search, related posts, backlinks, suggestions and story references.

use byline_core::{Backlink, ErrorReport, RelatedLink, SearchQuery, SearchResults, StoryRef, Suggestion};
use tauri::State;

use crate::desk::Desk;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn search_stories(desk: State<'_, Desk>, query: SearchQuery) -> Reply<SearchResults> {
    desk.run(move |lib| lib.search(&query)).await
}

/// Replaces the story's "Related Posts" and returns them as stored (broken ones marked).
#[tauri::command]
pub async fn set_related(
    desk: State<'_, Desk>,
    story: String,
    links: Vec<RelatedLink>,
) -> Reply<Vec<RelatedLink>> {
    desk.run(move |lib| {
        lib.set_related(&story, links)?;
        Ok(lib.story(&story)?.related)
    })
    .await
}

#[tauri::command]
pub async fn backlinks(desk: State<'_, Desk>, story: String) -> Reply<Vec<Backlink>> {
    desk.run(move |lib| lib.backlinks(&story)).await
}

#[tauri::command]
pub async fn suggest_related(desk: State<'_, Desk>, story: String, limit: u32) -> Reply<Vec<Suggestion>> {
    desk.run(move |lib| lib.suggest_related(&story, limit as usize)).await
}

#[tauri::command]
pub async fn story_refs(desk: State<'_, Desk>, ids: Vec<String>) -> Reply<Vec<StoryRef>> {
    desk.run(move |lib| lib.story_refs(&ids)).await
}
