//! The `grammar_memo` table: what the grammar rules found in each passage of a story, by the
//! passage's key, so that a story checked before is not read again. Derived data: replaced whole
//! on every check of the story, safe to delete.

use rusqlite::params;

use super::Store;
use byline_model::{Result, StoryId};

impl Store {
    /// The remembered findings of a story's passages: (key, JSON).
    pub fn grammar_memo(&self, story: &StoryId) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT key, hits FROM grammar_memo WHERE story_id = ?1")?;
        let rows = stmt.query_map([story.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces a story's memo in one transaction: rows whose key is not in `keep` go, `add`
    /// rows are written.
    pub fn replace_grammar_memo(
        &mut self,
        story: &StoryId,
        keep: &[i64],
        add: &[(i64, String)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut current = tx.prepare_cached("SELECT key FROM grammar_memo WHERE story_id = ?1")?;
            let stale: Vec<i64> = current
                .query_map([story.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?
                .into_iter()
                .filter(|k| !keep.contains(k))
                .collect();
            let mut delete =
                tx.prepare_cached("DELETE FROM grammar_memo WHERE story_id = ?1 AND key = ?2")?;
            for key in stale {
                delete.execute(params![story.to_string(), key])?;
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO grammar_memo (story_id, key, hits) VALUES (?1, ?2, ?3)
                 ON CONFLICT (story_id, key) DO UPDATE SET hits = excluded.hits",
            )?;
            for (key, hits) in add {
                insert.execute(params![story.to_string(), key, hits])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
