//! The `agencies` table: the library's spellings of agency names, as (alias, name) rows. What
//! the rows mean (how a credit is normalised, whether a table is consistent) is the photos
//! crate's `credit` rules; here they are only read and written.

use rusqlite::{params, Connection};

use super::Store;
use byline_model::Result;

/// The agency table as (alias, name) pairs.
pub(super) fn table(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT alias, name FROM agencies ORDER BY name, alias")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the whole table inside the caller's transaction.
pub(super) fn replace(conn: &Connection, rows: &[(String, String)]) -> Result<()> {
    conn.execute("DELETE FROM agencies", [])?;
    let mut insert = conn.prepare("INSERT INTO agencies (alias, name) VALUES (?1, ?2)")?;
    for (alias, name) in rows {
        insert.execute(params![alias, name])?;
    }
    Ok(())
}

impl Store {
    /// The agency table as (spelling, name) rows.
    pub fn agencies(&self) -> Result<Vec<(String, String)>> {
        table(&self.conn)
    }

    /// Whether the agency table was made by this open's upgrade and has no rows yet.
    pub fn agencies_unseeded(&self) -> bool {
        self.agencies_unseeded
    }

    /// Gives a new agency table its first rows (kept where a spelling is already there).
    pub fn seed_agencies(&mut self, rows: &[(String, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare("INSERT OR IGNORE INTO agencies (alias, name) VALUES (?1, ?2)")?;
            for (alias, name) in rows {
                insert.execute(params![alias, name])?;
            }
        }
        tx.commit()?;
        self.agencies_unseeded = false;
        Ok(())
    }
}
