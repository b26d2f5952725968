//! Links between stories: the `story_links` table (body links, kept with every save) and the
//! `related` table read backwards. Backlinks are always current because both are written in the
//! same transaction as the story.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};

use byline_model::{Backlink, Document, Error, LinkKind, Result, StoryId, StoryRef};

pub(super) fn replace_body_links(conn: &Connection, story: &StoryId, body: &Document) -> Result<()> {
    let id = story.to_string();
    conn.prepare_cached("DELETE FROM story_links WHERE story_id = ?1")?.execute([&id])?;
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO story_links (story_id, target) VALUES (?1, ?2)")?;
    for target in body.story_links() {
        if target != id {
            insert.execute(params![id, target])?;
        }
    }
    Ok(())
}

/// The stories `story` links to, in its body and its related list.
pub(super) fn outgoing(conn: &Connection, story: &StoryId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT target FROM story_links WHERE story_id = ?1
         UNION SELECT target_story FROM related WHERE story_id = ?1 AND target_story IS NOT NULL",
    )?;
    let rows = stmt.query_map([story.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn story_ref(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String, bool)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn into_ref(
    (id, slug, headline, status, exists): (String, String, String, String, bool),
) -> Result<StoryRef> {
    Ok(StoryRef {
        id: id.parse().map_err(|_| Error::InvalidInput(format!("damaged story id {id}")))?,
        slug,
        headline,
        status: status.parse()?,
        exists,
    })
}

impl super::Store {
    /// The stories whose body or related list points at `story`, most recently updated first.
    pub fn backlinks(&self, story: &str) -> Result<Vec<Backlink>> {
        let id = self.resolve(story)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.slug, s.headline, s.status, 1, 'body', s.updated
               FROM story_links l JOIN stories s ON s.id = l.story_id
              WHERE l.target = ?1 AND s.deleted IS NULL
             UNION ALL
             SELECT s.id, s.slug, s.headline, s.status, 1, 'related', s.updated
               FROM related r JOIN stories s ON s.id = r.story_id
              WHERE r.target_story = ?1 AND s.deleted IS NULL
             ORDER BY 7 DESC, 1",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| Ok((story_ref(r)?, r.get::<_, String>(5)?)))?;
        let mut out: Vec<Backlink> = Vec::new();
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for row in rows {
            let (fields, kind) = row?;
            let via = if kind == "body" { LinkKind::Body } else { LinkKind::Related };
            match seen.get(&fields.0) {
                Some(&n) => {
                    if !out[n].via.contains(&via) {
                        out[n].via.push(via);
                    }
                }
                None => {
                    seen.insert(fields.0.clone(), out.len());
                    out.push(Backlink { story: into_ref(fields)?, via: vec![via] });
                }
            }
        }
        Ok(out)
    }

    /// How links to these story ids show: headline and status, or broken. Unknown ids (never a
    /// story here) come back with `exists: false` and an empty headline; malformed ids are left out.
    pub fn story_refs(&self, ids: &[String]) -> Result<Vec<StoryRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, slug, headline, status, deleted IS NULL FROM stories WHERE id = ?1",
        )?;
        let mut out = Vec::new();
        for key in ids {
            let key = key.trim().to_ascii_lowercase();
            let Ok(id) = key.parse::<StoryId>() else { continue };
            match stmt.query_row([&key], story_ref).optional()? {
                Some(fields) => out.push(into_ref(fields)?),
                None => out.push(StoryRef {
                    id,
                    slug: String::new(),
                    headline: String::new(),
                    status: byline_model::Status::Draft,
                    exists: false,
                }),
            }
        }
        Ok(out)
    }
}
