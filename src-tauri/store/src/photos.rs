//! The `photos` and `photo_uses` tables: photos in the library and their uses in stories. A use
//! is read back as a [`StoredUse`], with its photo's own metadata; turning it into a `PhotoUse`
//! (credit line, "from IPTC" marks) is the credit rules' job, in the photos crate.

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};

use super::{from_millis, to_millis, Store};
use byline_model::{Error, Photo, PhotoMetadata, PhotoRole, PhotoUseEdit, Result, StoredUse, StoryId};

fn role_str(role: PhotoRole) -> &'static str {
    match role {
        PhotoRole::Lead => "lead",
        PhotoRole::Inline => "inline",
    }
}

fn metadata_of(json: &str) -> PhotoMetadata {
    serde_json::from_str(json).unwrap_or_default()
}

/// The uses of a story, lead first, or only the use `only`.
pub(super) fn uses_where(conn: &Connection, story: &StoryId, only: Option<&str>) -> Result<Vec<StoredUse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.photo, u.role, u.caption, u.credit, u.alt_text, u.creator, u.copyright,
                p.width, p.height, p.metadata, u.stand_in
         FROM photo_uses u JOIN photos p ON p.sha256 = u.photo
         WHERE u.story_id = ?1 AND (?2 IS NULL OR u.id = ?2) ORDER BY u.role = 'inline', u.position",
    )?;
    let rows = stmt.query_map(params![story.to_string(), only], |r| {
        Ok(StoredUse {
            id: r.get(0)?,
            photo: r.get(1)?,
            role: if r.get::<_, String>(2)? == "lead" { PhotoRole::Lead } else { PhotoRole::Inline },
            caption: r.get(3)?,
            credit: r.get(4)?,
            alt_text: r.get(5)?,
            creator: r.get(6)?,
            copyright: r.get(7)?,
            width: r.get(8)?,
            height: r.get(9)?,
            stand_in: r.get(11)?,
            metadata: metadata_of(&r.get::<_, String>(10)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// The uses of a story's photos, lead first.
    pub fn photo_uses(&self, story: &StoryId) -> Result<Vec<StoredUse>> {
        uses_where(&self.conn, story, None)
    }

    /// One use of a story's photos, by its id.
    pub fn photo_use(&self, story: &StoryId, id: &str) -> Result<StoredUse> {
        uses_where(&self.conn, story, Some(id))?
            .pop()
            .ok_or_else(|| Error::InvalidInput(format!("story {story} has no photo {id}")))
    }

    /// The content addresses of every photo in the library.
    pub fn photo_shas(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM photos")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every photo as (content address, format), oldest first.
    pub fn photo_files(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare("SELECT sha256, format FROM photos ORDER BY imported")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a photo whose files are already in the library.
    pub fn insert_photo(&mut self, photo: &Photo) -> Result<()> {
        self.conn.execute(
            "INSERT INTO photos (sha256, format, width, height, bytes, original_name, imported, metadata)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                photo.sha256,
                photo.format,
                photo.width,
                photo.height,
                photo.bytes as i64,
                photo.original_name,
                to_millis(photo.imported),
                serde_json::to_string(&photo.metadata).unwrap_or_else(|_| "{}".into()),
            ],
        )?;
        tracing::info!(photo = %photo.sha256, format = photo.format, "photo imported");
        Ok(())
    }

    /// A photo of the library by its content address.
    pub fn photo(&self, sha256: &str) -> Result<Option<Photo>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sha256, format, width, height, bytes, original_name, imported, metadata FROM photos WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(Photo {
                        sha256: r.get(0)?,
                        format: r.get(1)?,
                        width: r.get(2)?,
                        height: r.get(3)?,
                        bytes: r.get::<_, i64>(4)? as u64,
                        original_name: r.get(5)?,
                        imported: from_millis(r.get(6)?),
                        metadata: metadata_of(&r.get::<_, String>(7)?),
                    })
                },
            )
            .optional()?)
    }

    /// Adds a photo of the library to a story with the words given (the façade prefills them
    /// from the photo's metadata); with `lead`, the old lead stays in the story as inline.
    pub fn add_use(
        &mut self,
        story: &StoryId,
        photo: &Photo,
        lead: bool,
        words: &PhotoUseEdit,
    ) -> Result<String> {
        let id = uuid::Uuid::now_v7().to_string();
        let tx = self.conn.transaction()?;
        if lead {
            tx.execute(
                "UPDATE photo_uses SET role = 'inline' WHERE story_id = ?1 AND role = 'lead'",
                [story.to_string()],
            )?;
        }
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM photo_uses WHERE story_id = ?1",
            [story.to_string()],
            |r| r.get(0),
        )?;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        tx.execute(
            "INSERT INTO photo_uses (id, story_id, photo, role, position, caption, credit, alt_text, creator, copyright, stand_in)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                story.to_string(),
                photo.sha256,
                role_str(if lead { PhotoRole::Lead } else { PhotoRole::Inline }),
                position,
                text(&words.caption),
                text(&words.credit),
                text(&words.alt_text),
                text(&words.creator),
                text(&words.copyright),
                text(&words.stand_in).trim(),
            ],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Edits one story's use of a photo (each field given is trimmed and replaces the stored
    /// one); the photo and other stories are not touched.
    pub fn edit_photo_use(&mut self, story: &StoryId, use_id: &str, edit: PhotoUseEdit) -> Result<StoredUse> {
        let tx = self.conn.transaction()?;
        let exists = tx
            .query_row(
                "SELECT 1 FROM photo_uses WHERE id = ?1 AND story_id = ?2",
                params![use_id, story.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !exists {
            return Err(Error::InvalidInput(format!("story {story} has no photo {use_id}")));
        }
        let fields = [
            ("caption", edit.caption),
            ("credit", edit.credit),
            ("alt_text", edit.alt_text),
            ("creator", edit.creator),
            ("copyright", edit.copyright),
            ("stand_in", edit.stand_in),
        ];
        for (column, value) in fields {
            if let Some(value) = value {
                tx.execute(
                    &format!("UPDATE photo_uses SET {column} = ?1 WHERE id = ?2"),
                    params![value.trim(), use_id],
                )?;
            }
        }
        if let Some(role) = edit.role {
            if role == PhotoRole::Lead {
                tx.execute(
                    "UPDATE photo_uses SET role = 'inline' WHERE story_id = ?1 AND role = 'lead'",
                    [story.to_string()],
                )?;
            }
            tx.execute("UPDATE photo_uses SET role = ?1 WHERE id = ?2", params![role_str(role), use_id])?;
        }
        let stored = uses_where(&tx, story, Some(use_id))?.pop();
        tx.commit()?;
        stored.ok_or_else(|| Error::InvalidInput(format!("story {story} has no photo {use_id}")))
    }

    /// Takes a photo out of a story (the photo stays in the library).
    pub fn detach_photo(&mut self, story: &StoryId, use_id: &str) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM photo_uses WHERE id = ?1 AND story_id = ?2",
            params![use_id, story.to_string()],
        )?;
        if n == 0 {
            return Err(Error::InvalidInput(format!("story {story} has no photo {use_id}")));
        }
        Ok(())
    }
}
