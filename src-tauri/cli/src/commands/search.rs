//! The search command: the library searched, and its index rebuilt.

use byline_core::{Error, Library, SearchQuery, Status};

use super::json;
use crate::cli::SearchFilters;

/// `search`: rebuilds the index when asked, then prints the stories that match the query.
pub fn search(
    lib: &mut Library,
    query: Option<String>,
    filters: SearchFilters,
    as_json: bool,
    reindex: bool,
) -> Result<(), Error> {
    if reindex {
        let count = lib.reindex()?;
        println!("search index rebuilt: {count} stories");
        if query.is_none() {
            return Ok(());
        }
    }
    let SearchFilters { status, tag, since, until, limit } = filters;
    let status = status.map(|s| s.parse::<Status>()).transpose()?;
    let query = SearchQuery {
        text: query.unwrap_or_default(),
        status,
        tag,
        since,
        until,
        limit: Some(limit),
        ..Default::default()
    };
    let results = lib.search(&query)?;
    if as_json {
        return json(&results);
    }
    println!("{} stories match", results.total);
    for hit in results.hits {
        let snippet: String = hit
            .snippet
            .iter()
            .map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() })
            .collect();
        println!("{}  {}  [{}]", hit.id, hit.headline, hit.status.as_str());
        if !snippet.trim().is_empty() {
            println!("    {}", snippet.replace('\n', " "));
        }
    }
    Ok(())
}
