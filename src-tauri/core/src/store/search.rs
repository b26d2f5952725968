//! Search and suggestions over the library. The tantivy index in `search/` is derived: it is
//! built from the database when missing, and before answering it catches up with the stories
//! listed in `search_pending` (filled by triggers in the same transactions as the saves, so a
//! save costs one small insert whatever the size of the index).

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};
use time::macros::format_description;

use super::{from_millis, Library};
use crate::search::{Filters, IndexedStory, SearchIndex};
use crate::{Document, Error, Result, SearchHit, SearchQuery, SearchResults, StoryRef, Suggestion};

/// The index folder inside a library folder.
pub const SEARCH_DIR: &str = "search";
/// More pending stories than this and the index is rebuilt rather than patched.
const REBUILD_ABOVE: usize = 20_000;
const SNIPPET_CHARS: usize = 180;

const INDEXED_COLUMNS: &str =
    "s.id, s.kicker, s.headline, s.standfirst, s.byline, s.dateline, s.status, s.tags,
     s.updated, s.body,
     (SELECT group_concat(u.caption || ' ' || u.credit, char(10)) FROM photo_uses u WHERE u.story_id = s.id)";

struct Row {
    id: String,
    kicker: String,
    headline: String,
    standfirst: String,
    byline: String,
    dateline: String,
    status: String,
    tags: String,
    updated: i64,
    body: String,
    captions: Option<String>,
}

impl Row {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            kicker: r.get(1)?,
            headline: r.get(2)?,
            standfirst: r.get(3)?,
            byline: r.get(4)?,
            dateline: r.get(5)?,
            status: r.get(6)?,
            tags: r.get(7)?,
            updated: r.get(8)?,
            body: r.get(9)?,
            captions: r.get(10)?,
        })
    }

    /// The searched text besides the headline; the snippet comes from the same text.
    fn text(&self) -> String {
        let body = Document::from_json(&self.body).map(|d| d.plain_text()).unwrap_or_default();
        let mut text = String::with_capacity(body.len() + 256);
        for part in [&self.kicker, &self.standfirst, &self.byline, &self.dateline] {
            if !part.trim().is_empty() {
                text.push_str(part);
                text.push('\n');
            }
        }
        text.push_str(&body);
        if let Some(captions) = &self.captions {
            text.push('\n');
            text.push_str(captions);
        }
        text
    }

    fn indexed(&self) -> IndexedStory {
        IndexedStory {
            id: self.id.clone(),
            headline: self.headline.clone(),
            text: self.text(),
            status: self.status.clone(),
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            updated: self.updated,
        }
    }
}

fn row(conn: &Connection, id: &str) -> Result<Option<Row>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {INDEXED_COLUMNS} FROM stories s WHERE s.id = ?1 AND s.deleted IS NULL"
        ))?
        .query_row([id], Row::read)
        .optional()?)
}

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
    Ok(Some(super::to_millis(at)))
}

impl Library {
    /// The search index, built if missing and caught up with every save.
    fn search_index(&mut self) -> Result<&SearchIndex> {
        self.ensure_search()?;
        self.search.as_ref().ok_or_else(|| Error::Search("the search index could not be opened".into()))
    }

    fn ensure_search(&mut self) -> Result<()> {
        let dir = self.dir.join(SEARCH_DIR);
        if self.search.is_none() {
            self.search = SearchIndex::open(&dir);
        }
        if self.search.is_none() {
            self.rebuild_search()?;
        } else {
            self.catch_up()?;
        }
        Ok(())
    }

    fn catch_up(&mut self) -> Result<()> {
        let Some(index) = self.search.as_mut() else { return Ok(()) };
        index.refresh()?;
        let waiting: i64 = self.conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))?;
        if waiting == 0 {
            return Ok(());
        }
        if waiting as usize > REBUILD_ABOVE {
            return self.rebuild_search().map(|_| ());
        }
        // One write transaction from reading the list to clearing it: a save by another
        // process waits for it, so none is read half-way or cleared unindexed.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let pending: Vec<String> = {
            let mut stmt = tx.prepare_cached("SELECT story_id FROM search_pending")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut stories = Vec::new();
        let mut removed = Vec::new();
        for id in &pending {
            match row(&tx, id)? {
                Some(r) => stories.push(r.indexed()),
                None => removed.push(id.clone()),
            }
        }
        if index.apply(&stories, &removed)? {
            tx.execute("DELETE FROM search_pending", [])?;
            tx.commit()?;
        } else {
            tracing::info!("search index busy in another Byline process; searching what it has");
        }
        Ok(())
    }

    fn rebuild_search(&mut self) -> Result<u64> {
        let dir = self.dir.join(SEARCH_DIR);
        self.search = None;
        let last: i64 =
            self.conn.query_row("SELECT coalesce(max(seq), 0) FROM search_pending", [], |r| r.get(0))?;
        let index = {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT {INDEXED_COLUMNS} FROM stories s WHERE s.deleted IS NULL"))?;
            let rows = stmt.query_map([], Row::read)?;
            SearchIndex::rebuild(&dir, rows.map(|r| Ok(r?.indexed())))?
        };
        self.conn.execute("DELETE FROM search_pending WHERE seq <= ?1", [last])?;
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
        let dir = self.dir.join(SEARCH_DIR);
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
        self.ensure_search()?;
        let index = self
            .search
            .as_ref()
            .ok_or_else(|| Error::Search("the search index could not be opened".into()))?;
        let ranked = index.search(&query.text, query.headline_only, &filters, offset, limit)?;
        let highlighter = index.highlighter(&ranked, SNIPPET_CHARS)?;
        let mut hits = Vec::with_capacity(ranked.hits.len());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INDEXED_COLUMNS}, s.slug, s.words FROM stories s WHERE s.id = ?1 AND s.deleted IS NULL"
        ))?;
        for (score, id) in &ranked.hits {
            let Some((row, slug, words)) = stmt
                .query_row([id], |r| Ok((Row::read(r)?, r.get::<_, String>(11)?, r.get::<_, i64>(12)?)))
                .optional()?
            else {
                continue;
            };
            let text = row.text();
            let (headline_spans, snippet) = highlighter.spans(&row.headline, &text);
            hits.push(SearchHit {
                id: row
                    .id
                    .parse()
                    .map_err(|_| Error::InvalidInput(format!("damaged story id {}", row.id)))?,
                slug,
                kicker: row.kicker,
                headline: row.headline,
                headline_spans,
                snippet,
                status: row.status.parse()?,
                words: u32::try_from(words).unwrap_or(0),
                updated: from_millis(row.updated),
                score: *score,
            });
        }
        Ok(SearchResults { total: ranked.total, hits })
    }

    /// Stories like `story` that it does not link to yet, best first, with the words they share.
    pub fn suggest_related(&mut self, story: &str, limit: usize) -> Result<Vec<Suggestion>> {
        let id = self.resolve(story)?;
        let mut exclude: HashSet<String> = super::links::outgoing(&self.conn, &id)?.into_iter().collect();
        exclude.insert(id.to_string());
        let Some(this) = row(&self.conn, &id.to_string())? else { return Ok(vec![]) };
        let text = format!("{}\n{}", this.headline, this.text());
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
