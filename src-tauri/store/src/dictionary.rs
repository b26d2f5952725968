//! The `dictionary_words` and `story_ignored_words` tables: the library's own words and the words
//! ignored in one story. What counts as a word (and refusing junk) is the façade's to decide.

use rusqlite::{params, OptionalExtension};

use super::Store;
use byline_model::time::{now, to_millis};
use byline_model::{Result, StoryId};

/// The settings key of the copy desk's settings (JSON).
const COPY_DESK_KEY: &str = "copy_desk";

impl Store {
    /// The copy desk's settings as stored (JSON), if ever saved.
    pub fn copy_desk_settings(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [COPY_DESK_KEY], |r| r.get(0))
            .optional()?)
    }

    /// Reads the copy desk's settings, lets `change` give the new JSON, and saves it, in one
    /// write transaction (a change made at the same time by another process is read first).
    pub fn update_copy_desk_settings(
        &mut self,
        change: impl FnOnce(Option<String>) -> Result<String>,
    ) -> Result<String> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: Option<String> = tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [COPY_DESK_KEY], |r| r.get(0))
            .optional()?;
        let next = change(current)?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![COPY_DESK_KEY, next],
        )?;
        tx.commit()?;
        Ok(next)
    }

    /// The library's words, in alphabetical order (ignoring case).
    pub fn dictionary_words(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT word FROM dictionary_words ORDER BY word")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds words in one transaction; returns how many were new (a word already there, in any
    /// case, is kept as it was first written).
    pub fn add_dictionary_words(&mut self, words: &[String]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut insert =
                tx.prepare_cached("INSERT OR IGNORE INTO dictionary_words (word, added) VALUES (?1, ?2)")?;
            let at = to_millis(now());
            for word in words {
                added += insert.execute(params![word, at])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Removes a word (in any case); returns whether it was there.
    pub fn remove_dictionary_word(&mut self, word: &str) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM dictionary_words WHERE word = ?1", [word])? > 0)
    }

    /// The words ignored in one story.
    pub fn ignored_words(&self, story: &StoryId) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT word FROM story_ignored_words WHERE story_id = ?1 ORDER BY word")?;
        let rows = stmt.query_map([story.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Ignores a word in one story; returns whether it was new.
    pub fn ignore_word(&mut self, story: &StoryId, word: &str) -> Result<bool> {
        let known: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM stories WHERE id = ?1", [story.to_string()], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            return Err(byline_model::Error::StoryNotFound(story.to_string()));
        }
        Ok(self.conn.execute(
            "INSERT OR IGNORE INTO story_ignored_words (story_id, word) VALUES (?1, ?2)",
            params![story.to_string(), word],
        )? > 0)
    }
}
