//! The `destinations` table: the sites stories are sent to. The secret is never here, only the
//! name of its keychain entry.

use rusqlite::{params, OptionalExtension, Row};

use super::Store;
use byline_model::time::{now, to_millis};
use byline_model::{DestinationKind, DestinationRecord, Error, Result};

const COLUMNS: &str = "id, name, kind, url, user, secret_ref";

fn record(r: &Row<'_>) -> rusqlite::Result<DestinationRecord> {
    let kind: String = r.get(2)?;
    Ok(DestinationRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: kind.parse().unwrap_or(DestinationKind::Wordpress),
        url: r.get(3)?,
        user: r.get(4)?,
        secret_ref: r.get(5)?,
    })
}

impl Store {
    pub fn destinations(&self) -> Result<Vec<DestinationRecord>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM destinations ORDER BY name"))?;
        let rows = stmt.query_map([], record)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A destination by name (any case).
    pub fn destination(&self, name: &str) -> Result<Option<DestinationRecord>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM destinations WHERE name = ?1"), [name.trim()], record)
            .optional()?)
    }

    pub fn destination_by_id(&self, id: i64) -> Result<Option<DestinationRecord>> {
        Ok(self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM destinations WHERE id = ?1"), [id], record)
            .optional()?)
    }

    /// Adds a destination; a name already taken (in any case) is refused.
    pub fn add_destination(
        &mut self,
        name: &str,
        kind: DestinationKind,
        url: &str,
        user: Option<&str>,
        secret_ref: &str,
    ) -> Result<DestinationRecord> {
        let inserted = self.conn.execute(
            "INSERT OR IGNORE INTO destinations (name, kind, url, user, secret_ref, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![name, kind.as_str(), url, user, secret_ref, to_millis(now())],
        )?;
        if inserted == 0 {
            return Err(Error::InvalidInput(format!("there is already a destination named \"{name}\"")));
        }
        self.destination(name)?.ok_or_else(|| Error::InvalidInput(format!("no destination named \"{name}\"")))
    }

    /// Removes a destination, its outbox items and what the library knew of the site.
    pub fn remove_destination(&mut self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM destinations WHERE id = ?1", [id])?;
        Ok(())
    }
}
