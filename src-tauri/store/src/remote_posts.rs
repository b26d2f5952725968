//! The `remote_posts` table: the post each site holds for a story.

use rusqlite::{params, OptionalExtension};

use super::Store;
use byline_model::{RemotePostRecord, Result};

impl Store {
    pub fn remote_post(&self, destination: i64, story: &str) -> Result<Option<RemotePostRecord>> {
        Ok(self
            .conn
            .query_row(
                "SELECT remote_id, url, modified, sent FROM remote_posts WHERE destination_id = ?1 AND story_id = ?2",
                params![destination, story],
                |r| Ok(RemotePostRecord { remote_id: r.get(0)?, url: r.get(1)?, modified: r.get(2)?, sent: r.get(3)? }),
            )
            .optional()?)
    }

    /// Notes that a post is being created (its answer may be lost); a post already known is
    /// kept as it is.
    pub fn note_post_creating(&mut self, destination: i64, story: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO remote_posts (destination_id, story_id) VALUES (?1, ?2)",
            params![destination, story],
        )?;
        Ok(())
    }

    pub fn note_post_sent(
        &mut self,
        destination: i64,
        story: &str,
        remote_id: &str,
        url: &str,
        modified: &str,
        at: i64,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO remote_posts (destination_id, story_id, remote_id, url, modified, sent) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (destination_id, story_id) DO UPDATE SET
                remote_id = excluded.remote_id, url = excluded.url, modified = excluded.modified, sent = excluded.sent",
            params![destination, story, remote_id, url, modified, at],
        )?;
        Ok(())
    }

    /// The addresses on a site of the stories named (those it has).
    pub fn remote_urls(&self, destination: i64, stories: &[String]) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT url FROM remote_posts WHERE destination_id = ?1 AND story_id = ?2 AND url IS NOT NULL AND remote_id IS NOT NULL",
        )?;
        let mut urls = Vec::new();
        for story in stories {
            if let Some(url) =
                stmt.query_row(params![destination, story], |r| r.get::<_, String>(0)).optional()?
            {
                urls.push((story.clone(), url));
            }
        }
        Ok(urls)
    }
}
