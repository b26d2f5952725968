//! The sites stories are sent to: added with their secret (into the keychain, or kept for the
//! session when there is none), listed, tested, removed.

use super::Library;
use byline_model::{
    ConnectionReport, Destination, DestinationRecord, Error, NewDestination, Result, SecretPlace,
};
use byline_publish::{keychain, Cms, Limits};

/// The longest destination name.
const NAME_MAX: usize = 60;

impl Library {
    /// The destinations, by name, each saying where its secret is.
    pub fn destinations(&self) -> Result<Vec<Destination>> {
        Ok(self.store.destinations()?.into_iter().map(|d| self.destination_view(d)).collect())
    }

    fn destination_view(&self, d: DestinationRecord) -> Destination {
        let secret = if self.session_secrets.contains_key(&d.secret_ref) {
            SecretPlace::Session
        } else {
            match keychain::load(&d.secret_ref) {
                Ok(Some(_)) => SecretPlace::Keychain,
                _ => SecretPlace::Missing,
            }
        };
        Destination { name: d.name, kind: d.kind, url: d.url, user: d.user, secret }
    }

    pub(super) fn destination_record(&self, name: &str) -> Result<DestinationRecord> {
        self.store.destination(name)?.ok_or_else(|| {
            Error::InvalidInput(format!(
                "there is no destination named \"{}\" (add one in Settings → Destinations, or with `byline destinations add`)",
                name.trim()
            ))
        })
    }

    /// Adds a destination. The secret goes into the keychain; when there is none, it is kept
    /// in memory for this session and asked for again after a restart. Nothing secret is
    /// written to the library.
    pub fn add_destination(&mut self, new: NewDestination) -> Result<Destination> {
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(Error::InvalidInput(format!(
                "a destination needs a name of 1 to {NAME_MAX} characters"
            )));
        }
        let url = byline_publish::check_address(&new.url).map_err(Error::InvalidInput)?;
        let user = new.user.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let secret = new.secret.trim();
        if secret.is_empty() {
            return Err(Error::InvalidInput(format!("enter the site's {}", new.kind.secret_name())));
        }
        // A malformed secret or a missing user is refused now, not at the first send.
        byline_publish::connect(new.kind, url.as_str(), user, secret, Limits::default())?;
        if self.store.destination(name)?.is_some() {
            return Err(Error::InvalidInput(format!("there is already a destination named \"{name}\"")));
        }
        let secret_ref = format!("destination-{}", uuid::Uuid::now_v7());
        self.keep_secret(&secret_ref, secret);
        let added = self.store.add_destination(name, new.kind, url.as_str(), user, &secret_ref);
        match added {
            Ok(d) => {
                tracing::info!(kind = d.kind.as_str(), "destination added");
                Ok(self.destination_view(d))
            }
            Err(e) => {
                self.forget_secret(&secret_ref);
                Err(e)
            }
        }
    }

    /// Removes a destination, its secret, its outbox items and what Byline knew of the site
    /// (the posts stay on the site).
    pub fn remove_destination(&mut self, name: &str) -> Result<()> {
        let d = self.destination_record(name)?;
        self.store.remove_destination(d.id)?;
        self.forget_secret(&d.secret_ref);
        Ok(())
    }

    /// Gives a destination its secret again (after a restart without a keychain, or to
    /// change it): into the keychain when there is one, else for this session.
    pub fn provide_secret(&mut self, name: &str, secret: &str) -> Result<()> {
        let d = self.destination_record(name)?;
        let secret = secret.trim();
        if secret.is_empty() {
            return Err(Error::InvalidInput(format!("enter the site's {}", d.kind.secret_name())));
        }
        byline_publish::connect(d.kind, &d.url, d.user.as_deref(), secret, Limits::default())?;
        self.keep_secret(&d.secret_ref, secret);
        Ok(())
    }

    /// The site a destination names, ready to talk to; `secret` when the caller has it (asked
    /// for it), else the kept one. Talking to it needs no library.
    pub fn connection(&self, name: &str, secret: Option<&str>) -> Result<Box<dyn Cms>> {
        let d = self.destination_record(name)?;
        let secret = match secret.map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => s.to_string(),
            None => self.secret_of(&d)?.ok_or_else(|| missing_secret(&d))?,
        };
        byline_publish::connect(d.kind, &d.url, d.user.as_deref(), &secret, Limits::default())
    }

    /// The secret of a destination: this session's, else the keychain's.
    pub(super) fn secret_of(&self, d: &DestinationRecord) -> Result<Option<String>> {
        if let Some(s) = self.session_secrets.get(&d.secret_ref) {
            return Ok(Some(s.clone()));
        }
        Ok(keychain::load(&d.secret_ref).ok().flatten())
    }

    fn keep_secret(&mut self, secret_ref: &str, secret: &str) {
        match keychain::store(secret_ref, secret) {
            Ok(()) => {
                self.session_secrets.remove(secret_ref);
            }
            Err(e) => {
                tracing::info!("{e}: the destination's secret is kept for this session only");
                self.session_secrets.insert(secret_ref.to_string(), secret.to_string());
            }
        }
    }

    fn forget_secret(&mut self, secret_ref: &str) {
        self.session_secrets.remove(secret_ref);
        if let Err(e) = keychain::delete(secret_ref) {
            tracing::warn!("{e}: nothing to remove from it");
        }
    }
}

/// A destination whose secret is neither in the keychain nor given this session.
pub(super) fn missing_secret(d: &DestinationRecord) -> Error {
    Error::InvalidInput(format!(
        "the {} of \"{}\" is not stored (this computer has no keychain, or it was removed): enter it to send",
        d.kind.secret_name(),
        d.name
    ))
}

/// "Test connection": signs in to the site and says what was found, or what is wrong, in words.
pub fn test_connection(cms: &dyn Cms) -> ConnectionReport {
    match cms.check() {
        Ok(message) => ConnectionReport { ok: true, message },
        Err(e) => ConnectionReport { ok: false, message: e.to_string() },
    }
}
