//! The `outbox` table: sends waiting, leaving, done. A drainer claims one item at a time with a
//! lease, in one statement, so two drainers never send the same item; every later write names
//! the drainer and fails once the item was cancelled or taken over.

use rusqlite::{params, OptionalExtension, Row};

use super::Store;
use byline_model::time::{from_millis, rfc3339};
use byline_model::{OutboxClaim, OutboxItem, OutboxState, Result, SendProgress, SendStatus};

const COLUMNS: &str = "o.id, o.story_id, s.slug, s.headline, d.name, o.status, o.revision, o.state, o.queued,
    o.hold_until, o.next_attempt, o.attempts, o.progress_done, o.progress_total, o.progress_label, o.remote_url,
    o.error, o.last_sent, o.remote_modified, o.finished, o.destination_id, o.payload, o.overwrite";

const FROM: &str =
    "FROM outbox o JOIN stories s ON s.id = o.story_id JOIN destinations d ON d.id = o.destination_id";

fn time(ms: Option<i64>) -> Option<String> {
    ms.map(|t| rfc3339(from_millis(t)))
}

fn item(r: &Row<'_>) -> rusqlite::Result<OutboxItem> {
    let state: String = r.get(7)?;
    let status: String = r.get(5)?;
    let state = OutboxState::parse(&state).unwrap_or(OutboxState::Queued);
    let progress = match (state, r.get::<_, Option<i64>>(12)?, r.get::<_, Option<i64>>(13)?) {
        (OutboxState::Sending, Some(done), Some(total)) => Some(SendProgress {
            done: done as u32,
            total: total as u32,
            label: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
        }),
        _ => None,
    };
    let next_attempt: i64 = r.get(10)?;
    let error: Option<String> = r.get(16)?;
    Ok(OutboxItem {
        id: r.get(0)?,
        story_id: r.get(1)?,
        slug: r.get(2)?,
        headline: r.get(3)?,
        destination: r.get(4)?,
        status: status.parse().unwrap_or(SendStatus::Draft),
        revision: r.get(6)?,
        state,
        queued: rfc3339(from_millis(r.get(8)?)),
        hold_until: time(r.get(9)?),
        // A try planned after a failure; a fresh item has none to show.
        next_attempt: if state == OutboxState::Queued && error.is_some() {
            time(Some(next_attempt))
        } else {
            None
        },
        attempts: r.get::<_, i64>(11)? as u32,
        progress,
        remote_url: r.get(15)?,
        error,
        last_sent: time(r.get(17)?),
        remote_modified: r.get(18)?,
        finished: time(r.get(19)?),
    })
}

/// What a claim needs besides the item: the destination's id, the payload, the overwrite flag.
fn claim_parts(r: &Row<'_>) -> rusqlite::Result<(OutboxItem, i64, String, bool)> {
    Ok((item(r)?, r.get(20)?, r.get(21)?, r.get::<_, i64>(22)? != 0))
}

/// A new item, or the story's unsent item at this destination replaced.
pub struct Enqueue<'a> {
    pub story: &'a str,
    pub destination: i64,
    pub revision: i64,
    pub status: SendStatus,
    pub payload: &'a str,
    pub hold_until: Option<i64>,
    pub now: i64,
}

impl Store {
    /// Queues a send. An item of the same story and destination that has not left (queued,
    /// failed, or stopped as changed on the site) is replaced by this one, keeping its count of
    /// attempts (an earlier one may have left photos on the site); one that is sending goes on,
    /// and this one waits after it.
    pub fn enqueue(&mut self, e: &Enqueue<'_>) -> Result<i64> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM outbox WHERE story_id = ?1 AND destination_id = ?2 AND state IN ('queued', 'failed', 'changed')
                 ORDER BY id DESC LIMIT 1",
                params![e.story, e.destination],
                |r| r.get(0),
            )
            .optional()?;
        let id = match existing {
            Some(id) => {
                tx.execute(
                    "UPDATE outbox SET revision = ?2, status = ?3, payload = ?4, hold_until = ?5, state = 'queued',
                        queued = ?6, next_attempt = ?6, overwrite = 0, error = NULL, remote_modified = NULL,
                        last_sent = NULL, progress_done = NULL, progress_total = NULL, progress_label = NULL
                     WHERE id = ?1",
                    params![id, e.revision, e.status.as_str(), e.payload, e.hold_until, e.now],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO outbox (story_id, destination_id, revision, status, payload, state, queued, hold_until, next_attempt)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'queued', ?6, ?7, ?6)",
                    params![e.story, e.destination, e.revision, e.status.as_str(), e.payload, e.now, e.hold_until],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok(id)
    }

    /// The outbox, newest first (at most `limit` items).
    pub fn outbox(&self, limit: usize) -> Result<Vec<OutboxItem>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLUMNS} {FROM} ORDER BY o.id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit as i64], item)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn outbox_item(&self, id: i64) -> Result<Option<OutboxItem>> {
        Ok(self.conn.query_row(&format!("SELECT {COLUMNS} {FROM} WHERE o.id = ?1"), [id], item).optional()?)
    }

    /// Claims the next item due (queued, its try and embargo passed; or sending under a lease
    /// that ran out) for `owner` until `lease_until`, in one statement.
    pub fn claim_outbox_item(
        &mut self,
        owner: &str,
        now: i64,
        lease_until: i64,
    ) -> Result<Option<OutboxClaim>> {
        let id: Option<i64> = self
            .conn
            .query_row(
                "UPDATE outbox SET state = 'sending', claimed_by = ?1, claimed_until = ?2, attempts = attempts + 1,
                    progress_done = NULL, progress_total = NULL, progress_label = NULL
                 WHERE id = (SELECT id FROM outbox
                             WHERE (state = 'queued' AND next_attempt <= ?3 AND (hold_until IS NULL OR hold_until <= ?3))
                                OR (state = 'sending' AND claimed_until < ?3)
                             ORDER BY next_attempt, id LIMIT 1)
                 RETURNING id",
                params![owner, lease_until, now],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        let (item, destination, payload, overwrite) =
            self.conn.query_row(&format!("SELECT {COLUMNS} {FROM} WHERE o.id = ?1"), [id], claim_parts)?;
        let destination = self
            .destination_by_id(destination)?
            .ok_or_else(|| byline_model::Error::InvalidInput("the item's destination is gone".into()))?;
        Ok(Some(OutboxClaim { item, destination, payload, overwrite }))
    }

    /// Writes how far the send is and renews the lease; false when the item is no longer this
    /// drainer's to send (cancelled, or taken over).
    pub fn outbox_progress(
        &mut self,
        id: i64,
        owner: &str,
        progress: &SendProgress,
        lease_until: i64,
    ) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE outbox SET progress_done = ?3, progress_total = ?4, progress_label = ?5, claimed_until = ?6
             WHERE id = ?1 AND claimed_by = ?2 AND state = 'sending'",
            params![id, owner, progress.done, progress.total, progress.label, lease_until],
        )? == 1)
    }

    /// Whether the item is still this drainer's to send (not cancelled, not taken over).
    pub fn outbox_claimed(&self, id: i64, owner: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM outbox WHERE id = ?1 AND claimed_by = ?2 AND state = 'sending'",
                params![id, owner],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Ends a send this drainer holds: `state` with its message, address, dates and next try.
    pub fn finish_outbox_item(&mut self, id: i64, owner: &str, end: &OutboxEnd) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = ?3, error = ?4, remote_url = coalesce(?5, remote_url), remote_modified = ?6,
                last_sent = ?7, next_attempt = coalesce(?8, next_attempt), finished = ?9, overwrite = 0,
                claimed_by = NULL, claimed_until = NULL
             WHERE id = ?1 AND claimed_by = ?2 AND state = 'sending'",
            params![
                id,
                owner,
                end.state.as_str(),
                end.error,
                end.remote_url,
                end.remote_modified,
                end.last_sent,
                end.next_attempt,
                end.finished
            ],
        )? == 1)
    }

    /// Cancels an item that has not left; answers whether it was cancelled.
    pub fn cancel_outbox_item(&mut self, id: i64, now: i64) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'cancelled', finished = ?2, claimed_by = NULL, claimed_until = NULL
             WHERE id = ?1 AND state NOT IN ('sent', 'cancelled')",
            params![id, now],
        )? == 1)
    }

    /// Puts an item that waits, failed or stopped back in the queue, due now; with
    /// `overwrite`, a post changed on the site will be replaced.
    pub fn retry_outbox_item(&mut self, id: i64, overwrite: bool, now: i64) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE outbox SET state = 'queued', next_attempt = ?3, overwrite = ?2, error = NULL
             WHERE id = ?1 AND state IN ('queued', 'failed', 'changed')",
            params![id, overwrite as i64, now],
        )? == 1)
    }

    /// When the next item becomes due (milliseconds), if any waits.
    pub fn next_outbox_due(&self) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT min(CASE WHEN state = 'sending' THEN claimed_until ELSE max(next_attempt, coalesce(hold_until, 0)) END)
             FROM outbox WHERE state IN ('queued', 'sending')",
            [],
            |r| r.get(0),
        )?)
    }
}

/// How a send ended, as the outbox records it: its new state, the message, the post's address,
/// the dates shown for a post changed on the site, the next try, when it ended.
pub struct OutboxEnd {
    pub state: OutboxState,
    pub error: Option<String>,
    pub remote_url: Option<String>,
    pub remote_modified: Option<String>,
    pub last_sent: Option<i64>,
    pub next_attempt: Option<i64>,
    pub finished: Option<i64>,
}

impl OutboxEnd {
    /// An end in `state` with nothing else to say.
    pub fn new(state: OutboxState) -> OutboxEnd {
        OutboxEnd {
            state,
            error: None,
            remote_url: None,
            remote_modified: None,
            last_sent: None,
            next_attempt: None,
            finished: None,
        }
    }
}
