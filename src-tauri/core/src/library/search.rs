//! Search and suggestions over the library. The tantivy index in `search/` is derived: it is
//! built from the database when missing, and before answering it catches up with the stories
//! saved since (the store's `search_pending` queue, filled in the saves' own transactions).

use std::collections::HashSet;

use time::macros::format_description;

use super::Library;
use byline_model::{Error, Result, SearchHit, SearchQuery, SearchResults, StoryRef, Suggestion};
use byline_search::{Filters, SearchIndex};

/// The index folder inside a library folder.
pub const SEARCH_DIR: &str = "search";
/// More pending stories than this and the index is rebuilt rather than patched.
const REBUILD_ABOVE: u64 = 20_000;
const SNIPPET_CHARS: usize = 180;

/// A day of a date filter (`2026-11-28`) as unix milliseconds: its first moment, or its last
/// with `end`.
fn day(value: &Option<String>, end: bool) -> Result<Option<i64>> {
    let Some(text) = value.as_deref().map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    let date = time::Date::parse(text, format_description!("[year]-[month]-[day]")).map_err(|_| {
        Error::InvalidInput(format!(
            "the date `{}` is not a day like 2026-11-28",
            text.chars().take(40).collect::<String>()
        ))
    })?;
    let start = date.midnight().assume_utc();
    let at = if end { start + time::Duration::days(1) - time::Duration::milliseconds(1) } else { start };
    Ok(Some(byline_model::time::to_millis(at)))
}

impl Library {
    /// The search index, built if missing and caught up with every save.
    fn search_index(&mut self) -> Result<&SearchIndex> {
        let dir = self.dir().join(SEARCH_DIR);
        if self.search.is_none() {
            self.search = SearchIndex::open(&dir);
        }
        if self.search.is_none() {
            self.rebuild_search()?;
        } else {
            self.catch_up()?;
        }
        self.search.as_ref().ok_or_else(|| Error::Search("the search index could not be opened".into()))
    }

    fn catch_up(&mut self) -> Result<()> {
        let Some(index) = self.search.as_mut() else { return Ok(()) };
        index.refresh()?;
        let waiting = self.store.search_pending()?;
        if waiting == 0 {
            return Ok(());
        }
        if waiting > REBUILD_ABOVE {
            return self.rebuild_search().map(|_| ());
        }
        let taken = self.store.catch_up_search(|stories, removed| index.apply(stories, removed))?;
        if !taken {
            tracing::info!("search index busy in another Byline process; searching what it has");
        }
        Ok(())
    }

    fn rebuild_search(&mut self) -> Result<u64> {
        let dir = self.dir().join(SEARCH_DIR);
        self.search = None;
        let index = self.store.rebuild_search(|stories| SearchIndex::rebuild(&dir, stories))?;
        let count = index.len();
        tracing::info!(stories = count, "search index rebuilt");
        self.search = Some(index);
        Ok(count)
    }

    /// Rebuilds the search index from the library; returns how many stories it holds.
    pub fn reindex(&mut self) -> Result<u64> {
        self.rebuild_search()
    }

    /// Drops the search index (it is rebuilt on the next search), e.g. after a restore.
    pub(crate) fn forget_search(&mut self) {
        self.search = None;
        let dir = self.dir().join(SEARCH_DIR);
        if let Err(e) = std::fs::remove_dir_all(&dir) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e, "could not remove the old search index");
            }
        }
    }

    /// Searches the library: headline, standfirst, body, captions and credits, best first, with
    /// matching words marked. A query without words lists the filtered stories newest first.
    pub fn search(&mut self, query: &SearchQuery) -> Result<SearchResults> {
        let filters = Filters {
            status: query.status.map(|s| s.as_str().to_string()),
            tag: query.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string),
            since: day(&query.since, false)?,
            until: day(&query.until, true)?,
        };
        let limit = query.limit.unwrap_or(20).clamp(1, 200) as usize;
        let offset = query.offset.unwrap_or(0) as usize;
        self.search_index()?;
        let index = self
            .search
            .as_ref()
            .ok_or_else(|| Error::Search("the search index could not be opened".into()))?;
        let ranked = index.search(&query.text, query.headline_only, &filters, offset, limit)?;
        let highlighter = index.highlighter(&ranked, SNIPPET_CHARS)?;
        let mut hits = Vec::with_capacity(ranked.hits.len());
        for (score, id) in &ranked.hits {
            let Some(story) = self.store.indexed_story(id)? else { continue };
            let (headline_spans, snippet) = highlighter.spans(&story.headline, &story.text);
            hits.push(SearchHit {
                id: story
                    .id
                    .parse()
                    .map_err(|_| Error::InvalidInput(format!("damaged story id {}", story.id)))?,
                slug: story.slug,
                kicker: story.kicker,
                headline: story.headline,
                headline_spans,
                snippet,
                status: story.status.parse()?,
                words: story.words,
                updated: byline_model::time::from_millis(story.updated),
                score: *score,
            });
        }
        Ok(SearchResults { total: ranked.total, hits })
    }

    /// Stories like `story` that it does not link to yet, best first, with the words they share.
    pub fn suggest_related(&mut self, story: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let id = self.resolve(story)?;
        let mut exclude: HashSet<String> = self.store.outgoing_links(&id)?.into_iter().collect();
        exclude.insert(id.to_string());
        let Some(this) = self.store.indexed_story(&id.to_string())? else { return Ok(vec![]) };
        let text = format!("{}\n{}", this.headline, this.text);
        let index = self.search_index()?;
        let similar = index.similar(&text, &exclude, limit.clamp(1, 50))?;
        let mut refs = self.story_refs(&similar.iter().map(|(id, _, _)| id.clone()).collect::<Vec<_>>())?;
        let mut out = Vec::new();
        for (id, score, shared) in similar {
            let Some(n) = refs.iter().position(|r| r.id.to_string() == id && r.exists) else { continue };
            let story: StoryRef = refs.swap_remove(n);
            out.push(Suggestion { story, score, shared });
        }
        Ok(out)
    }
}
