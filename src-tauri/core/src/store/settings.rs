//! Library-wide settings (the `settings` table) and the paged library list.

use rusqlite::OptionalExtension;

use super::Library;
use crate::photos::credit;
use crate::{Error, LibrarySettings, Result, Status, StoryPage};

const BASE_URL_KEY: &str = "base_url";

/// A base URL as typed: trimmed, `None` when empty, refused unless http(s) without spaces.
pub fn check_base_url(url: &str) -> Result<Option<String>> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(None);
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    if !ok {
        return Err(Error::InvalidInput(format!(
            "the base URL `{}` is refused: it must start with https:// or http:// and hold no spaces",
            url.chars().take(80).collect::<String>()
        )));
    }
    Ok(Some(url.trim_end_matches('/').to_string()))
}

impl Library {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Where published stories live, if set: story links export as `{base}/{slug}/`.
    pub fn base_url(&self) -> Result<Option<String>> {
        Ok(self.setting(BASE_URL_KEY)?.filter(|u| !u.is_empty()))
    }

    pub fn settings(&self) -> Result<LibrarySettings> {
        Ok(LibrarySettings {
            base_url: self.base_url()?,
            credit_template: self.credit_template()?,
            agencies: credit::group_agencies(&self.agencies()?),
        })
    }

    /// Changes the settings, the agency table included, in one transaction; nothing changes
    /// when any value is refused.
    pub fn set_settings(&mut self, settings: &LibrarySettings) -> Result<LibrarySettings> {
        let base = check_base_url(settings.base_url.as_deref().unwrap_or(""))?;
        credit::check_template(&settings.credit_template)?;
        let agencies = credit::agency_rows(&settings.agencies)?;
        let tx = self.conn.transaction()?;
        let set = "INSERT INTO settings (key, value) VALUES (?1, ?2)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        tx.execute(set, [super::photos::TEMPLATE_KEY, &settings.credit_template])?;
        match base {
            Some(url) => tx.execute(set, [BASE_URL_KEY, &url])?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [BASE_URL_KEY])?,
        };
        tx.execute("DELETE FROM agencies", [])?;
        {
            let mut insert = tx.prepare("INSERT INTO agencies (alias, name) VALUES (?1, ?2)")?;
            for (alias, name) in &agencies {
                insert.execute([alias, name])?;
            }
        }
        tx.commit()?;
        tracing::info!(agencies = settings.agencies.len(), "library settings changed");
        self.settings()
    }

    /// One page of the library list, most recently updated first, and how many stories there
    /// are in all: the list shows a screen at a time however large the library.
    pub fn list_page(&self, status: Option<Status>, offset: u32, limit: u32) -> Result<StoryPage> {
        let total: u32 = self.conn.query_row(
            "SELECT count(*) FROM stories WHERE deleted IS NULL AND (?1 IS NULL OR status = ?1)",
            [status.map(Status::as_str)],
            |r| r.get(0),
        )?;
        let stories = self.list_range(status, offset, limit.clamp(1, 1000))?;
        Ok(StoryPage { total, offset, stories })
    }
}
