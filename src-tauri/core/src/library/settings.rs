//! Library-wide settings (base URL, credit-line template, the agency table), checked whole and
//! saved in one transaction, and the paged library list.

use super::Library;
use byline_model::{LibrarySettings, Result, Status, StoryPage};
use byline_photos::credit;
use byline_store::check_base_url;

impl Library {
    /// Where published stories live, if set: story links export as `{base}/{slug}/`.
    pub fn base_url(&self) -> Result<Option<String>> {
        self.store.base_url()
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
        let settings = settings.clone();
        self.update_settings(|current| {
            *current = settings;
            Ok(())
        })
    }

    /// Reads the settings, lets `change` edit them and saves them whole, in one write
    /// transaction (the command line's single-field edits never lose another's change). Nothing
    /// changes when any value is refused.
    pub fn update_settings(
        &mut self,
        change: impl FnOnce(&mut LibrarySettings) -> Result<()>,
    ) -> Result<LibrarySettings> {
        self.store.update_settings(|base_url, template, rows| {
            let mut settings = LibrarySettings {
                base_url,
                credit_template: template.unwrap_or_else(|| credit::DEFAULT_TEMPLATE.to_string()),
                agencies: credit::group_agencies(&rows),
            };
            change(&mut settings)?;
            let base = check_base_url(settings.base_url.as_deref().unwrap_or(""))?;
            credit::check_template(&settings.credit_template)?;
            let agencies = credit::agency_rows(&settings.agencies)?;
            tracing::info!(agencies = settings.agencies.len(), "library settings changed");
            Ok((base, settings.credit_template, agencies))
        })?;
        self.settings()
    }

    /// One page of the library list, most recently updated first, and how many stories there
    /// are in all: the list shows a screen at a time however large the library.
    pub fn list_page(&self, status: Option<Status>, offset: u32, limit: u32) -> Result<StoryPage> {
        self.store.list_page(status, offset, limit)
    }
}
