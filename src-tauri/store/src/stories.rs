//! The `stories` table: create, read, save (with its revision), list, trash.

use rusqlite::{params, OptionalExtension, Row, Transaction, TransactionBehavior};
use time::OffsetDateTime;

use super::revisions::{CurrentBody, CURRENT_BODY_COLUMNS, CURRENT_BODY_JOIN};
use super::{from_millis, now, to_millis, Store};
use byline_model::language::{check_language, default_language};
use byline_model::{
    slug, Document, Error, NewStory, Result, SaveReceipt, Status, Story, StoryEdit, StoryId, StorySummary,
};

/// A row of `stories`, as stored.
struct StoryRow {
    id: String,
    slug: String,
    kicker: String,
    headline: String,
    standfirst: String,
    byline: String,
    dateline: String,
    status: String,
    tags: String,
    word_target: Option<i64>,
    created: i64,
    updated: i64,
    revision: i64,
    published: Option<i64>,
    language: String,
    body: CurrentBody,
}

/// The columns a new story row is written with (its body is in its first revision).
const STORY_COLUMNS: &str = "id, slug, kicker, headline, standfirst, byline, dateline, status, \
                             tags, word_target, created, updated, revision, published, language";

/// One story (`?1`, not in the trash), with what its body is read from, for
/// [`StoryRow::from_row`].
static STORY_BY_ID: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT s.id, s.slug, s.kicker, s.headline, s.standfirst, s.byline, s.dateline, s.status, s.tags,
                s.word_target, s.created, s.updated, s.revision, s.published, s.language, {CURRENT_BODY_COLUMNS}
         FROM stories s {CURRENT_BODY_JOIN}
         WHERE s.id = ?1 AND s.deleted IS NULL"
    )
});

impl StoryRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(StoryRow {
            id: r.get(0)?,
            slug: r.get(1)?,
            kicker: r.get(2)?,
            headline: r.get(3)?,
            standfirst: r.get(4)?,
            byline: r.get(5)?,
            dateline: r.get(6)?,
            status: r.get(7)?,
            tags: r.get(8)?,
            word_target: r.get(9)?,
            created: r.get(10)?,
            updated: r.get(11)?,
            revision: r.get(12)?,
            published: r.get(13)?,
            language: r.get(14)?,
            body: CurrentBody::read(r, 15)?,
        })
    }

    fn into_story(self) -> Result<Story> {
        let damaged = |what: &str, e: &dyn std::fmt::Display| {
            Error::InvalidInput(format!("story {} has a damaged {what} in the library: {e}", self.id))
        };
        let json = self.body.json().map_err(|e| damaged("body", &e))?;
        let body = Document::from_json(&json).map_err(|e| damaged("body", &e))?;
        let stats = body.stats();
        Ok(Story {
            id: self.id.parse().map_err(|e| damaged("id", &e))?,
            tags: serde_json::from_str(&self.tags).map_err(|e| damaged("tag list", &e))?,
            status: self.status.parse()?,
            slug: self.slug,
            kicker: self.kicker,
            headline: self.headline,
            standfirst: self.standfirst,
            byline: self.byline,
            dateline: self.dateline,
            language: self.language,
            word_target: self.word_target.and_then(|w| u32::try_from(w).ok()),
            created: from_millis(self.created),
            updated: from_millis(self.updated),
            revision: self.revision,
            published: self.published.map(from_millis),
            body,
            related: Vec::new(),
            photos: Vec::new(),
            stats,
        })
    }
}

/// Tidies what a journalist typed into the tag list: trimmed, no empties, no duplicates.
fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            out.push(tag.to_string());
        }
    }
    out
}

fn slug_taken(tx: &Transaction<'_>, slug: &str, except: &StoryId) -> Result<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM stories WHERE slug = ?1 AND id <> ?2",
            params![slug, except.to_string()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// A slug made from `headline` that no other story uses (`-2`, `-3`… appended when needed).
fn unique_slug(tx: &Transaction<'_>, headline: &str, id: &StoryId) -> Result<String> {
    let base = slug::slugify(headline);
    let mut candidate = base.clone();
    let mut n = 2;
    while slug_taken(tx, &candidate, id)? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

impl Store {
    /// Starts a new story (revision 1) and returns it.
    pub fn create_story(&mut self, new: NewStory) -> Result<Story> {
        let story = Story {
            id: StoryId::new(),
            slug: String::new(),
            kicker: new.kicker.unwrap_or_default().trim().to_string(),
            headline: new.headline.trim().to_string(),
            standfirst: String::new(),
            byline: new.byline.unwrap_or_default().trim().to_string(),
            dateline: String::new(),
            language: default_language(),
            status: Status::Draft,
            tags: vec![],
            word_target: None,
            created: now(),
            updated: now(),
            revision: 0,
            published: None,
            body: Document::default(),
            related: vec![],
            photos: vec![],
            stats: Default::default(),
        };
        self.insert_story(story, now())
    }

    /// Inserts a whole story as a new one (seeding, imports); its slug is made unique.
    pub fn insert_story(&mut self, story: Story, at: OffsetDateTime) -> Result<Story> {
        let mut stories = self.insert_stories(vec![story], at)?;
        Ok(stories.remove(0))
    }

    /// Inserts whole stories as new ones in one transaction (archive imports, generated
    /// libraries): all or none.
    pub fn insert_stories(&mut self, stories: Vec<Story>, at: OffsetDateTime) -> Result<Vec<Story>> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = Vec::with_capacity(stories.len());
        let mut keyframes = Vec::with_capacity(stories.len());
        for story in stories {
            let (story, keyframe) = insert_in(&tx, &mut self.history, story, at)?;
            keyframes.push((story.id, keyframe));
            done.push(story);
        }
        tx.commit()?;
        for (id, keyframe) in keyframes {
            self.history.committed(id, keyframe, false);
            tracing::info!(story = %id, "story created");
        }
        Ok(done)
    }

    /// Saves an edit. The edit names the revision it started from; if the library has moved on
    /// since, nothing is written and [`Error::Conflict`] says so.
    pub fn save_story(&mut self, edit: StoryEdit) -> Result<SaveReceipt> {
        self.save_story_at(edit, now())
    }

    /// [`Store::save_story`] at a given time (for tests of revision retention).
    #[doc(hidden)]
    pub fn save_story_at(&mut self, edit: StoryEdit, at: OffsetDateTime) -> Result<SaveReceipt> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (receipt, keyframe, pruned) = save_in(&tx, &mut self.history, edit, at)?;
        tx.commit()?;
        self.history.committed(receipt.id, keyframe, pruned);
        tracing::debug!(story = %receipt.id, revision = receipt.revision, "story saved");
        Ok(receipt)
    }

    /// Reads a story, lets `change` edit it and saves it, all in one write transaction: another
    /// process's save waits for it (SQLite's lock, with the busy timeout) instead of making it a
    /// conflict, so concurrent edits of single fields all land.
    pub fn update_story(
        &mut self,
        id: &StoryId,
        change: impl FnOnce(&mut StoryEdit) -> Result<()>,
    ) -> Result<SaveReceipt> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row = tx
            .query_row(&STORY_BY_ID, [id.to_string()], StoryRow::from_row)
            .optional()?
            .ok_or_else(|| Error::StoryNotFound(id.to_string()))?;
        let mut edit = row.into_story()?.edit();
        change(&mut edit)?;
        let (receipt, keyframe, pruned) = save_in(&tx, &mut self.history, edit, now())?;
        tx.commit()?;
        self.history.committed(receipt.id, keyframe, pruned);
        tracing::debug!(story = %receipt.id, revision = receipt.revision, "story updated");
        Ok(receipt)
    }

    /// The story with this id (or slug), with its related posts. Its photos are left empty:
    /// they are the façade's to add, through the credit rules ([`Store::photo_uses`]).
    pub fn story(&self, id_or_slug: &str) -> Result<Story> {
        let id = self.resolve(id_or_slug)?;
        let row = self
            .conn
            .query_row(&STORY_BY_ID, [id.to_string()], StoryRow::from_row)
            .optional()?
            .ok_or_else(|| Error::StoryNotFound(id_or_slug.to_string()))?;
        let mut story = row.into_story()?;
        story.related = super::related::load(&self.conn, &story.id)?;
        Ok(story)
    }

    /// Finds a story by id or slug (stories in the trash are not found).
    pub fn resolve(&self, id_or_slug: &str) -> Result<StoryId> {
        let key = id_or_slug.trim();
        let found: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM stories WHERE (id = ?1 OR slug = ?1) AND deleted IS NULL",
                [key.to_ascii_lowercase()],
                |r| r.get(0),
            )
            .optional()?;
        found.and_then(|id| id.parse().ok()).ok_or_else(|| Error::StoryNotFound(key.to_string()))
    }

    /// The library list, most recently updated first; optionally only one status.
    pub fn list_stories(&self, status: Option<Status>) -> Result<Vec<StorySummary>> {
        self.list_range(status, 0, u32::MAX)
    }

    pub(super) fn list_range(
        &self,
        status: Option<Status>,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<StorySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, slug, kicker, headline, status, words, word_target, updated FROM stories
             WHERE deleted IS NULL AND (?1 IS NULL OR status = ?1)
             ORDER BY updated DESC, id DESC LIMIT ?3 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![status.map(Status::as_str), offset, limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, slug, kicker, headline, status, words, word_target, updated) = row?;
            out.push(StorySummary {
                id: id.parse().map_err(|_| Error::InvalidInput(format!("damaged story id {id}")))?,
                slug,
                kicker,
                headline,
                status: status.parse()?,
                words: u32::try_from(words).unwrap_or(0),
                word_target: word_target.and_then(|w| u32::try_from(w).ok()),
                updated: from_millis(updated),
            });
        }
        Ok(out)
    }

    pub fn count_stories(&self) -> Result<u32> {
        Ok(self.conn.query_row("SELECT count(*) FROM stories WHERE deleted IS NULL", [], |r| r.get(0))?)
    }

    /// Moves a story to the trash (undo with [`Store::undelete_story`]).
    pub fn delete_story(&mut self, id_or_slug: &str) -> Result<StoryId> {
        let id = self.resolve(id_or_slug)?;
        self.conn.execute(
            "UPDATE stories SET deleted = ?2 WHERE id = ?1",
            params![id.to_string(), to_millis(now())],
        )?;
        tracing::info!(story = %id, "story moved to trash");
        Ok(id)
    }

    /// Takes a story back out of the trash.
    pub fn undelete_story(&mut self, id: &str) -> Result<StoryId> {
        let changed = self.conn.execute(
            "UPDATE stories SET deleted = NULL WHERE id = ?1 AND deleted IS NOT NULL",
            [id.trim()],
        )?;
        if changed == 0 {
            return Err(Error::StoryNotFound(format!("{id} (not in the trash)")));
        }
        self.resolve(id)
    }
}

fn insert_in(
    tx: &Transaction<'_>,
    history: &mut super::revisions::History,
    mut story: Story,
    at: OffsetDateTime,
) -> Result<(Story, Option<super::revisions::Keyframe>)> {
    story.slug = if story.slug.is_empty() {
        unique_slug(tx, &story.headline, &story.id)?
    } else {
        slug::validate(&story.slug)?;
        if slug_taken(tx, &story.slug, &story.id)? {
            unique_slug(tx, &story.slug, &story.id)?
        } else {
            story.slug
        }
    };
    story.tags = clean_tags(&story.tags);
    story.language = check_language(&story.language)?;
    story.revision = 1;
    story.created = at;
    story.updated = at;
    story.stats = story.body.stats();
    let body =
        serde_json::value::to_raw_value(&story.body).map_err(|e| Error::InvalidInput(e.to_string()))?;
    // Imports build the tree in Rust: check what is stored as the editor's saves are checked, so
    // no story is stored that could not be opened again.
    Document::from_json(body.get())?;
    tx.prepare_cached(&format!(
        "INSERT INTO stories ({STORY_COLUMNS}, words, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, '')"
    ))?
    .execute(params![
        story.id.to_string(),
        story.slug,
        story.kicker,
        story.headline,
        story.standfirst,
        story.byline,
        story.dateline,
        story.status.as_str(),
        serde_json::to_string(&story.tags).unwrap_or_else(|_| "[]".into()),
        story.word_target,
        to_millis(at),
        to_millis(at),
        story.revision,
        story.published.map(to_millis),
        story.language,
        story.stats.words,
    ])?;
    super::related::replace(tx, &story.id, &story.related)?;
    super::links::replace_body_links(tx, &story.id, &story.body)?;
    let keyframe = history.record(tx, &story.edit(), &body, story.stats.words, at)?;
    Ok((story, keyframe))
}

/// A save inside the caller's write transaction: the story row, its body links and its revision,
/// or nothing when the edit is stale. Returns the receipt and what the history must hear once
/// the transaction commits.
fn save_in(
    tx: &Transaction<'_>,
    history: &mut super::revisions::History,
    mut edit: StoryEdit,
    at: OffsetDateTime,
) -> Result<(SaveReceipt, Option<super::revisions::Keyframe>, bool)> {
    edit.tags = clean_tags(&edit.tags);
    edit.headline = edit.headline.trim_end().to_string();
    edit.language = check_language(&edit.language)?;
    if edit.word_target == Some(0) {
        edit.word_target = None;
    }
    let (current, slug_now): (i64, String) = tx
        .prepare_cached("SELECT revision, slug FROM stories WHERE id = ?1 AND deleted IS NULL")?
        .query_row([edit.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::StoryNotFound(edit.id.to_string()))?;
    if current != edit.base_revision {
        return Err(Error::Conflict { base: edit.base_revision, current });
    }
    if edit.slug != slug_now {
        slug::validate(&edit.slug)?;
        if slug_taken(tx, &edit.slug, &edit.id)? {
            return Err(Error::InvalidInput(format!(
                "the slug `{}` is already used by another story",
                edit.slug
            )));
        }
    }
    let stats = edit.body.stats();
    let revision = current + 1;
    // Serialised once, into the revision's snapshot: the revision holds the current body and the
    // row's own `body` is left empty (revisions.rs, `CurrentBody`), so a save writes 50 KB of
    // copy once, not twice.
    let body = serde_json::value::to_raw_value(&edit.body).map_err(|e| Error::InvalidInput(e.to_string()))?;
    // The slug is written only when it changed: SQLite rewrites the entry of every index whose
    // column an UPDATE sets, and the slug's unique index is a page of its own in the save's commit.
    // (An unused `?2` is still bound: a statement takes as many parameters as its highest number.)
    macro_rules! update_story {
        ($slug:literal) => {
            concat!(
                "UPDATE stories SET ",
                $slug,
                "kicker = ?3, headline = ?4, standfirst = ?5, byline = ?6,
                    dateline = ?7, status = ?8, tags = ?9, word_target = ?10, updated = ?11,
                    revision = ?12, body = '', words = ?13, language = ?14,
                    published = CASE WHEN ?8 = 'published' THEN coalesce(published, ?11) ELSE published END
                 WHERE id = ?1 RETURNING published"
            )
        };
    }
    let published: Option<i64> = tx
        .prepare_cached(if edit.slug == slug_now { update_story!("") } else { update_story!("slug = ?2, ") })?
        .query_row(
            params![
                edit.id.to_string(),
                edit.slug,
                edit.kicker,
                edit.headline,
                edit.standfirst,
                edit.byline,
                edit.dateline,
                edit.status.as_str(),
                serde_json::to_string(&edit.tags).unwrap_or_else(|_| "[]".into()),
                edit.word_target,
                to_millis(at),
                revision,
                stats.words,
                edit.language,
            ],
            |r| r.get(0),
        )?;
    let snapshot = StoryEdit { base_revision: revision, ..edit };
    super::links::replace_body_links(tx, &snapshot.id, &snapshot.body)?;
    let keyframe = history.record(tx, &snapshot, &body, stats.words, at)?;
    let pruned = history.prune(tx, &snapshot.id, at)?;
    let receipt = SaveReceipt {
        id: snapshot.id,
        slug: snapshot.slug,
        revision,
        updated: at,
        published: published.map(from_millis),
        stats,
    };
    Ok((receipt, keyframe, pruned))
}
