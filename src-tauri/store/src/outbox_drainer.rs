//! The `outbox_drainer` table: one row naming who sends the outbox now, until when. A drainer
//! that stops without saying so (a crash) loses its turn when its time runs out.

use rusqlite::params;

use super::Store;
use byline_model::Result;

impl Store {
    /// Takes (or keeps) the drainer's turn for `owner` until `until` (milliseconds) unless
    /// another drainer holds it; answers who holds it and until when.
    pub fn take_drainer_turn(&mut self, owner: &str, now: i64, until: i64) -> Result<(String, i64)> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO outbox_drainer (id, owner, until) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, until = excluded.until
             WHERE outbox_drainer.owner = excluded.owner OR outbox_drainer.until < ?3",
            params![owner, until, now],
        )?;
        let holder = tx.query_row("SELECT owner, until FROM outbox_drainer WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        tx.commit()?;
        Ok(holder)
    }

    /// Gives the turn back, if `owner` holds it.
    pub fn end_drainer_turn(&mut self, owner: &str) -> Result<()> {
        self.conn.execute("DELETE FROM outbox_drainer WHERE owner = ?1", [owner])?;
        Ok(())
    }
}
