//! The `revisions` table: every save kept for the last hour, then one per ten minutes.
//!
//! Storage: a revision is either a keyframe (the snapshot JSON, zstd-compressed) or a delta (the
//! snapshot compressed with its keyframe as zstd's dictionary, usually a few hundred bytes). A
//! delta always points at a keyframe, never at another delta, so thinning old revisions never
//! breaks a chain: a keyframe that a kept delta needs is kept too.
//!
//! A story's current revision holds its current body: a save writes the body once, into the
//! revision, and leaves `stories.body` empty ([`CurrentBody`]). Thinning never takes a story's
//! current revision (nor, so, its keyframe): thinning runs in a save, and looks only at revisions
//! older than the hour before the one that save has just written.

use std::collections::{HashMap, HashSet};

use std::borrow::Cow;

use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde_json::value::RawValue;
use time::{Duration, OffsetDateTime};
use zstd::dict::EncoderDictionary;

use super::{from_millis, to_millis, Store};
use byline_model::{Error, Result, RevisionSummary, RevisionView, SaveReceipt, StoryEdit, StoryId};

/// zstd level of keyframes (rare) and of deltas (every save: fast matters more than size).
const LEVEL: i32 = 3;
const DELTA_LEVEL: i32 = 1;
/// A delta this small is always worth keeping as a delta.
const MAX_SMALL_DELTA: usize = 2048;
/// After this many deltas a new keyframe is written.
const MAX_DELTAS: u32 = 150;
/// Every save is kept this long…
const KEEP_ALL: Duration = Duration::hours(1);
/// …then one per this interval.
const THIN_TO_MS: i64 = 10 * 60 * 1000;
/// Thinning runs at most this often per story.
const PRUNE_EVERY_MS: i64 = 5 * 60 * 1000;

/// What the library remembers between saves: each story's current keyframe and last thinning.
#[derive(Default)]
pub(super) struct History {
    keyframes: HashMap<StoryId, Keyframe>,
    last_prune: HashMap<StoryId, i64>,
    /// One compression context for every delta, made at the first (a context is some hundred
    /// kilobytes: making one per save cost more than compressing the delta).
    delta_context: Option<zstd::zstd_safe::CCtx<'static>>,
}

/// The keyframe new deltas of a story are compressed against (kept in memory after a save).
pub(super) struct Keyframe {
    row_id: i64,
    compressed_len: usize,
    deltas: u32,
    dict: EncoderDictionary<'static>,
}

/// The fields of a snapshot but its body, borrowed, so the body is serialised only once a save.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotFields<'a> {
    id: &'a StoryId,
    base_revision: i64,
    slug: &'a str,
    kicker: &'a str,
    headline: &'a str,
    standfirst: &'a str,
    byline: &'a str,
    dateline: &'a str,
    language: &'a str,
    status: byline_model::Status,
    tags: &'a [String],
    word_target: Option<u32>,
    /// The body JSON the save already made, written as it is.
    body: &'a RawValue,
}

/// The snapshot as `StoryEdit` JSON, built around the body JSON the save already made.
fn snapshot_json(s: &StoryEdit, body: &RawValue) -> Result<Vec<u8>> {
    let fields = SnapshotFields {
        id: &s.id,
        base_revision: s.base_revision,
        slug: &s.slug,
        kicker: &s.kicker,
        headline: &s.headline,
        standfirst: &s.standfirst,
        byline: &s.byline,
        dateline: &s.dateline,
        language: &s.language,
        status: s.status,
        tags: &s.tags,
        word_target: s.word_target,
        body,
    };
    serde_json::to_vec(&fields).map_err(|e| Error::InvalidInput(e.to_string()))
}

/// A snapshot as stored: the zstd frame and the length of the JSON it holds.
pub(super) struct Stored {
    raw_len: i64,
    data: Vec<u8>,
}

/// Longest snapshot read back, in bytes: far past any story (the editor and the import stop
/// long before), so a damaged length is an error, not an allocation that ends the process.
const MAX_SNAPSHOT: i64 = 512 * 1024 * 1024;

/// Why a delta whose keyframe row is gone cannot be read (decoding it without its keyframe would
/// only report a zstd error), for the story's body and for a revision's preview.
const MISSING_KEYFRAME: &str = "stored as changes to an earlier revision, and that revision is missing";

/// The snapshot JSON of a revision: a keyframe on its own, a delta with its keyframe.
fn decode(revision: &Stored, keyframe: Option<&Stored>) -> std::result::Result<Vec<u8>, std::io::Error> {
    let len = |s: &Stored| {
        if !(0..=MAX_SNAPSHOT).contains(&s.raw_len) {
            return Err(std::io::Error::other(format!("a snapshot of {} bytes is stored", s.raw_len)));
        }
        usize::try_from(s.raw_len).map_err(std::io::Error::other)
    };
    match keyframe {
        None => zstd::bulk::decompress(&revision.data, len(revision)?),
        Some(keyframe) => {
            let dict = zstd::bulk::decompress(&keyframe.data, len(keyframe)?)?;
            zstd::bulk::Decompressor::with_dictionary(&dict)?.decompress(&revision.data, len(revision)?)
        }
    }
}

/// The columns that hold the body of a story row `s`, read with [`CURRENT_BODY_JOIN`] and
/// [`CurrentBody::read`].
pub(super) const CURRENT_BODY_COLUMNS: &str =
    "s.body, cur.raw_len, cur.snapshot, key.raw_len, key.snapshot, cur.base";

/// Joins a story row `s` to its current revision (and that revision's keyframe) when the row's
/// own `body` is empty. A row saved before schema 10 (or by no save since) holds its body itself.
pub(super) const CURRENT_BODY_JOIN: &str =
    "LEFT JOIN revisions cur ON s.body = '' AND cur.story_id = s.id AND cur.revision = s.revision
     LEFT JOIN revisions key ON key.id = cur.base";

/// A story's current body as read from its row: the row's own JSON, or its current revision.
pub(super) struct CurrentBody {
    inline: String,
    revision: Option<Stored>,
    keyframe: Option<Stored>,
    /// The row id of the keyframe the revision is a delta against, if it is one.
    base: Option<i64>,
}

impl CurrentBody {
    /// Reads [`CURRENT_BODY_COLUMNS`], starting at column `at`.
    pub(super) fn read(r: &Row<'_>, at: usize) -> rusqlite::Result<CurrentBody> {
        let stored = |len: usize, data: usize| -> rusqlite::Result<Option<Stored>> {
            Ok(match (r.get::<_, Option<i64>>(at + len)?, r.get::<_, Option<Vec<u8>>>(at + data)?) {
                (Some(raw_len), Some(data)) => Some(Stored { raw_len, data }),
                _ => None,
            })
        };
        Ok(CurrentBody {
            inline: r.get(at)?,
            revision: stored(1, 2)?,
            keyframe: stored(3, 4)?,
            base: r.get(at + 5)?,
        })
    }

    /// The body's JSON; the error says what is missing or damaged.
    pub(super) fn json(&self) -> std::result::Result<Cow<'_, str>, String> {
        if !self.inline.is_empty() {
            return Ok(Cow::Borrowed(&self.inline));
        }
        let revision = self.revision.as_ref().ok_or("its current revision is missing")?;
        if self.base.is_some() && self.keyframe.is_none() {
            return Err(format!("its current revision is {MISSING_KEYFRAME}"));
        }
        let raw =
            decode(revision, self.keyframe.as_ref()).map_err(|e| format!("its current revision: {e}"))?;
        #[derive(serde::Deserialize)]
        struct Snapshot<'a> {
            #[serde(borrow)]
            body: &'a RawValue,
        }
        let snapshot: Snapshot =
            serde_json::from_slice(&raw).map_err(|e| format!("its current revision: {e}"))?;
        Ok(Cow::Owned(snapshot.body.get().to_string()))
    }
}

fn compress_error(e: std::io::Error) -> Error {
    Error::InvalidInput(format!("could not compress a revision: {e}"))
}

impl History {
    /// Writes the revision row for `snapshot` inside the save's transaction. Returns a new
    /// keyframe to remember once the transaction commits.
    pub(super) fn record(
        &mut self,
        tx: &Transaction<'_>,
        snapshot: &StoryEdit,
        body: &RawValue,
        words: u32,
        at: OffsetDateTime,
    ) -> Result<Option<Keyframe>> {
        let raw = snapshot_json(snapshot, body)?;
        let insert = |base: Option<i64>, data: &[u8]| -> Result<i64> {
            tx.prepare_cached(
                "INSERT INTO revisions (story_id, revision, saved, headline, words, base, raw_len, snapshot)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                snapshot.id.to_string(),
                snapshot.base_revision,
                to_millis(at),
                snapshot.headline,
                words,
                base,
                raw.len() as i64,
                data
            ])?;
            Ok(tx.last_insert_rowid())
        };
        if let Some(keyframe) = self.keyframes.get_mut(&snapshot.id) {
            let still_there = tx
                .prepare_cached("SELECT 1 FROM revisions WHERE id = ?1")?
                .query_row([keyframe.row_id], |_| Ok(()))
                .optional()?
                .is_some();
            if still_there && keyframe.deltas < MAX_DELTAS {
                let context = self.delta_context.get_or_insert_with(zstd::zstd_safe::CCtx::create);
                let mut delta = Vec::with_capacity(zstd::zstd_safe::compress_bound(raw.len()));
                context.compress_using_cdict(&mut delta, &raw, keyframe.dict.as_cdict()).map_err(|code| {
                    compress_error(std::io::Error::other(zstd::zstd_safe::get_error_name(code)))
                })?;
                // A delta is kept while it stays small next to a fresh keyframe; once the story
                // has drifted far from its keyframe, a new keyframe is cheaper to store and read.
                if delta.len() <= MAX_SMALL_DELTA || delta.len() * 2 <= keyframe.compressed_len {
                    insert(Some(keyframe.row_id), &delta)?;
                    keyframe.deltas += 1;
                    return Ok(None);
                }
            }
        }
        let compressed = zstd::bulk::compress(&raw, LEVEL).map_err(compress_error)?;
        let row_id = insert(None, &compressed)?;
        Ok(Some(Keyframe {
            row_id,
            compressed_len: compressed.len(),
            deltas: 0,
            dict: EncoderDictionary::copy(&raw, DELTA_LEVEL),
        }))
    }

    /// Called after the save's transaction committed.
    pub(super) fn committed(&mut self, story: StoryId, keyframe: Option<Keyframe>, pruned: bool) {
        if pruned {
            self.keyframes.remove(&story);
        }
        if let Some(keyframe) = keyframe {
            self.keyframes.insert(story, keyframe);
        }
    }

    /// Thins revisions older than an hour to one per ten minutes. Returns whether any went.
    pub(super) fn prune(
        &mut self,
        tx: &Transaction<'_>,
        story: &StoryId,
        at: OffsetDateTime,
    ) -> Result<bool> {
        let now_ms = to_millis(at);
        let last = self.last_prune.get(story).copied().unwrap_or(i64::MIN);
        if now_ms.saturating_sub(last) < PRUNE_EVERY_MS {
            return Ok(false);
        }
        self.last_prune.insert(*story, now_ms);
        let cutoff = to_millis(at - KEEP_ALL);
        let id = story.to_string();
        let mut stmt = tx.prepare_cached(
            "SELECT id, saved, base FROM revisions WHERE story_id = ?1 AND saved < ?2 ORDER BY saved, id",
        )?;
        let old: Vec<(i64, i64, Option<i64>)> = stmt
            .query_map(params![id, cutoff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if old.len() < 2 {
            return Ok(false);
        }
        // Keep the last revision of each ten-minute bucket.
        let mut losers: Vec<(i64, Option<i64>)> = Vec::new();
        for pair in old.windows(2) {
            let (row, saved, base) = pair[0];
            if saved / THIN_TO_MS == pair[1].1 / THIN_TO_MS {
                losers.push((row, base));
            }
        }
        if losers.is_empty() {
            return Ok(false);
        }
        let loser_ids: HashSet<i64> = losers.iter().map(|l| l.0).collect();
        let mut needed: HashSet<i64> = HashSet::new();
        let mut stmt =
            tx.prepare_cached("SELECT id, base FROM revisions WHERE story_id = ?1 AND base IS NOT NULL")?;
        for row in stmt.query_map([&id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (row, base) = row?;
            if !loser_ids.contains(&row) {
                needed.insert(base);
            }
        }
        // Deltas first, then the keyframes nothing needs any more.
        losers.sort_by_key(|l| l.1.is_none());
        let mut delete = tx.prepare_cached("DELETE FROM revisions WHERE id = ?1")?;
        let mut deleted = 0;
        for (row, _) in losers.iter().filter(|l| !needed.contains(&l.0)) {
            deleted += delete.execute([row])?;
        }
        tracing::debug!(story = %story, deleted, "revisions thinned");
        Ok(deleted > 0)
    }
}

impl Store {
    /// The revisions of a story, newest first.
    pub fn list_revisions(&self, id_or_slug: &str) -> Result<Vec<RevisionSummary>> {
        let id = self.resolve(id_or_slug)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT revision, saved, headline, words FROM revisions WHERE story_id = ?1 ORDER BY revision DESC",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok(RevisionSummary {
                revision: r.get(0)?,
                saved: from_millis(r.get(1)?),
                headline: r.get(2)?,
                words: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One revision, whole, for preview.
    pub fn revision(&self, id_or_slug: &str, revision: i64) -> Result<RevisionView> {
        let id = self.resolve(id_or_slug)?;
        let not_found = || Error::RevisionNotFound { story: id.to_string(), revision };
        let (saved, base, revision_data): (i64, Option<i64>, Stored) = self
            .conn
            .query_row(
                "SELECT saved, base, raw_len, snapshot FROM revisions WHERE story_id = ?1 AND revision = ?2",
                params![id.to_string(), revision],
                |r| Ok((r.get(0)?, r.get(1)?, Stored { raw_len: r.get(2)?, data: r.get(3)? })),
            )
            .optional()?
            .ok_or_else(not_found)?;
        let damaged = |e: &dyn std::fmt::Display| {
            Error::InvalidInput(format!("revision {revision} of story {id} is damaged: {e}"))
        };
        let keyframe = match base {
            None => None,
            Some(base) => Some(
                self.conn
                    .query_row("SELECT raw_len, snapshot FROM revisions WHERE id = ?1", [base], |r| {
                        Ok(Stored { raw_len: r.get(0)?, data: r.get(1)? })
                    })
                    .optional()?
                    .ok_or_else(|| damaged(&format!("it is {MISSING_KEYFRAME}")))?,
            ),
        };
        let raw = decode(&revision_data, keyframe.as_ref()).map_err(|e| damaged(&e))?;
        let story: StoryEdit = serde_json::from_slice(&raw).map_err(|e| damaged(&e))?;
        Ok(RevisionView { revision, saved: from_millis(saved), story })
    }

    /// Makes an old revision current again, as a new revision (history is never rewritten).
    /// `base_revision` is the revision the journalist was looking at, as for any save.
    pub fn restore_revision(
        &mut self,
        id_or_slug: &str,
        revision: i64,
        base_revision: i64,
    ) -> Result<SaveReceipt> {
        let current = self.story(id_or_slug)?;
        let old = self.revision(id_or_slug, revision)?.story;
        let slug_free = self.resolve(&old.slug).map(|owner| owner == current.id).unwrap_or(true);
        let edit = StoryEdit {
            base_revision,
            slug: if slug_free { old.slug.clone() } else { current.slug.clone() },
            ..old
        };
        let saved = self.save_story(edit)?;
        tracing::info!(story = %saved.id, from = revision, to = saved.revision, "revision restored");
        Ok(saved)
    }

    /// Bytes the revisions of one story take in the library (for the storage budget).
    pub fn revision_storage(&self, id_or_slug: &str) -> Result<u64> {
        let id = self.resolve(id_or_slug)?;
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(length(snapshot) + length(headline) + 48), 0) FROM revisions WHERE story_id = ?1",
            [id.to_string()],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }
}
