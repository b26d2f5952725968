//! Library-wide settings (the `settings` table) and the paged library list.

use rusqlite::OptionalExtension;

use super::Store;
use byline_model::{Error, Result, Status, StoryPage};

const BASE_URL_KEY: &str = "base_url";
const TEMPLATE_KEY: &str = "credit_template";

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

impl Store {
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

    /// The credit-line template, if one was ever saved.
    pub fn credit_template(&self) -> Result<Option<String>> {
        self.setting(TEMPLATE_KEY)
    }

    /// Reads the settings as stored (base URL, template if ever saved, agency rows), lets
    /// `change` give the new ones, and saves them, all in one write transaction: settings
    /// changed at the same time by another process are read, never overwritten unseen.
    #[allow(clippy::type_complexity)]
    pub fn update_settings(
        &mut self,
        change: impl FnOnce(
            Option<String>,
            Option<String>,
            Vec<(String, String)>,
        ) -> Result<(Option<String>, String, Vec<(String, String)>)>,
    ) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let get = |key: &str| -> Result<Option<String>> {
            Ok(tx
                .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()?)
        };
        let base = get(BASE_URL_KEY)?.filter(|u| !u.is_empty());
        let template = get(TEMPLATE_KEY)?;
        let (base, template, agencies) = change(base, template, super::agencies::table(&tx)?)?;
        let set = "INSERT INTO settings (key, value) VALUES (?1, ?2)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        tx.execute(set, [TEMPLATE_KEY, &template])?;
        match base {
            Some(url) => tx.execute(set, [BASE_URL_KEY, &url])?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [BASE_URL_KEY])?,
        };
        super::agencies::replace(&tx, &agencies)?;
        tx.commit()?;
        Ok(())
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
