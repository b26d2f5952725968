//! What the search index is built from: the stories as it reads them, and the `search_pending`
//! queue (filled by triggers in the same transactions as the saves, so a save costs one small
//! insert whatever the size of the index). The index itself lives in the search crate; the
//! façade hands it what is read here.

use rusqlite::{Connection, OptionalExtension};

use super::revisions::{CurrentBody, CURRENT_BODY_COLUMNS, CURRENT_BODY_JOIN};
use super::Store;
use byline_model::{Document, IndexedStory, Result, StoryId};

/// The stories as the index reads them; the caller adds the `WHERE` clause.
static SELECT_INDEXED: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT s.id, s.kicker, s.headline, s.standfirst, s.byline, s.dateline, s.status, s.tags, s.updated,
                (SELECT group_concat(u.caption || ' ' || u.credit, char(10)) FROM photo_uses u WHERE u.story_id = s.id),
                s.slug, s.words, {CURRENT_BODY_COLUMNS}
         FROM stories s {CURRENT_BODY_JOIN}"
    )
});

/// One story (`?1`, not in the trash) as the index reads it.
static INDEXED_BY_ID: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{} WHERE s.id = ?1 AND s.deleted IS NULL", *SELECT_INDEXED));

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
    captions: Option<String>,
    slug: String,
    words: i64,
    body: CurrentBody,
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
            captions: r.get(9)?,
            slug: r.get(10)?,
            words: r.get(11)?,
            body: CurrentBody::read(r, 12)?,
        })
    }

    /// The searched text besides the headline; the snippet comes from the same text.
    fn text(&self) -> String {
        let body = self.body.json().ok().and_then(|json| Document::from_json(&json).ok());
        let body = body.map(|d| d.plain_text()).unwrap_or_default();
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

    fn indexed(self) -> IndexedStory {
        IndexedStory {
            text: self.text(),
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            id: self.id,
            slug: self.slug,
            kicker: self.kicker,
            headline: self.headline,
            status: self.status,
            updated: self.updated,
            words: u32::try_from(self.words).unwrap_or(0),
        }
    }
}

fn row(conn: &Connection, id: &str) -> Result<Option<Row>> {
    Ok(conn.prepare_cached(&INDEXED_BY_ID)?.query_row([id], Row::read).optional()?)
}

impl Store {
    /// How many saved stories the index has not taken in yet.
    pub fn search_pending(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Hands the stories waiting for the index (and the ids of those gone) to `apply`, and
    /// clears the queue when it says they were taken in. One write transaction from reading the
    /// queue to clearing it: a save by another process waits for it, so none is read half-way
    /// or cleared unindexed.
    pub fn catch_up_search(
        &mut self,
        apply: impl FnOnce(&[IndexedStory], &[String]) -> Result<bool>,
    ) -> Result<bool> {
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
        let taken = apply(&stories, &removed)?;
        if taken {
            tx.execute("DELETE FROM search_pending", [])?;
            tx.commit()?;
        }
        Ok(taken)
    }

    /// Hands every story to `build` (a new index) and clears the queue up to where it stood
    /// when the reading started.
    pub fn rebuild_search<R>(
        &mut self,
        build: impl FnOnce(&mut dyn Iterator<Item = Result<IndexedStory>>) -> Result<R>,
    ) -> Result<R> {
        let last: i64 =
            self.conn.query_row("SELECT coalesce(max(seq), 0) FROM search_pending", [], |r| r.get(0))?;
        let built = {
            let mut stmt = self.conn.prepare(&format!("{} WHERE s.deleted IS NULL", *SELECT_INDEXED))?;
            let rows = stmt.query_map([], Row::read)?;
            let mut stories = rows.map(|r| Ok(r?.indexed()));
            build(&mut stories)?
        };
        self.conn.execute("DELETE FROM search_pending WHERE seq <= ?1", [last])?;
        Ok(built)
    }

    /// One story as the index reads it (`None` when it is gone or in the trash).
    pub fn indexed_story(&self, id: &str) -> Result<Option<IndexedStory>> {
        Ok(row(&self.conn, id)?.map(Row::indexed))
    }

    /// The stories `story` links to, in its body and its related list.
    pub fn outgoing_links(&self, story: &StoryId) -> Result<Vec<String>> {
        super::links::outgoing(&self.conn, story)
    }
}
