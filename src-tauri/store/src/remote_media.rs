//! The `remote_media` table: each photo use's copy on a site, by Byline's key.

use rusqlite::{params, OptionalExtension};

use super::Store;
use byline_model::Result;

impl Store {
    /// The site's id and address of the photo with `key`, if it was uploaded before.
    pub fn remote_media(&self, destination: i64, key: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT remote_id, url FROM remote_media WHERE destination_id = ?1 AND key = ?2",
                params![destination, key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn note_media_sent(&mut self, destination: i64, key: &str, remote_id: &str, url: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO remote_media (destination_id, key, remote_id, url) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (destination_id, key) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url",
            params![destination, key, remote_id, url],
        )?;
        Ok(())
    }
}
