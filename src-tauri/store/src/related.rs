//! The `related` table: a story's ordered "Related Posts".

use rusqlite::{params, Connection};

use byline_model::{RelatedLink, Result, StoryId};

pub(super) fn load(conn: &Connection, story: &StoryId) -> Result<Vec<RelatedLink>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.target_story, r.url, r.title,
                r.target_story IS NOT NULL AND NOT EXISTS
                    (SELECT 1 FROM stories s WHERE s.id = r.target_story AND s.deleted IS NULL)
         FROM related r WHERE r.story_id = ?1 ORDER BY r.position",
    )?;
    let rows = stmt.query_map([story.to_string()], |r| {
        Ok(RelatedLink {
            story_id: r.get::<_, Option<String>>(0)?.and_then(|s| s.parse().ok()),
            url: r.get(1)?,
            title: r.get(2)?,
            broken: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn replace(conn: &Connection, story: &StoryId, links: &[RelatedLink]) -> Result<()> {
    conn.execute("DELETE FROM related WHERE story_id = ?1", [story.to_string()])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO related (story_id, position, target_story, url, title) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, link) in links.iter().enumerate() {
        insert.execute(params![
            story.to_string(),
            position as i64,
            link.story_id.map(|s| s.to_string()),
            link.url,
            link.title
        ])?;
    }
    Ok(())
}

impl super::Store {
    /// Replaces a story's "Related Posts" with `links`, in order. Each is another story of the
    /// library or an http(s) URL, with a title.
    pub fn set_related(&mut self, story: &str, links: Vec<RelatedLink>) -> Result<()> {
        let id = self.resolve(story)?;
        check(&id, &links)?;
        let tx = self.conn.transaction()?;
        replace(&tx, &id, &links)?;
        tx.commit()?;
        Ok(())
    }
}

/// Refuses a link to the story itself, a URL that is not http(s), or a link that is neither a
/// story nor a URL.
fn check(id: &StoryId, links: &[RelatedLink]) -> Result<()> {
    for link in links {
        match (&link.story_id, &link.url) {
            (Some(target), None) => {
                if target == id {
                    return Err(byline_model::Error::InvalidInput(
                        "a story cannot be related to itself".into(),
                    ));
                }
            }
            (None, Some(url)) => {
                let lower = url.trim().to_ascii_lowercase();
                let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
                    && lower.len() > 8
                    && !url.chars().any(|c| c.is_whitespace() || c.is_control());
                if !ok {
                    return Err(byline_model::Error::InvalidInput(format!(
                        "related link `{}` refused: only http and https addresses",
                        url.chars().take(80).collect::<String>()
                    )));
                }
            }
            _ => {
                return Err(byline_model::Error::InvalidInput(
                    "a related post is either a story or a URL".into(),
                ))
            }
        }
    }
    Ok(())
}

impl super::Store {
    /// Adds one link at the end of a story's "Related Posts", reading and writing the list in
    /// one write transaction, so links added at the same time by other processes are all kept.
    pub fn add_related(&mut self, story: &StoryId, link: RelatedLink) -> Result<Vec<RelatedLink>> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut links = load(&tx, story)?;
        links.push(link);
        check(story, &links)?;
        replace(&tx, story, &links)?;
        let links = load(&tx, story)?;
        tx.commit()?;
        Ok(links)
    }
}
