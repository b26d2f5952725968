//! Destination secrets in the operating system's keychain (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows), through the keyring crate. The library keeps only the
//! entry's name. Without a keychain, the caller keeps the secret in memory for the session.

/// The keychain's service name for every Byline entry.
const SERVICE: &str = "Byline";

/// Why the keychain could not be used, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable(pub String);

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no keychain on this computer ({})", self.0)
    }
}

/// `BYLINE_KEYCHAIN=off` turns the keychain off (secrets are then kept for the session only).
fn turned_off() -> bool {
    std::env::var("BYLINE_KEYCHAIN").is_ok_and(|v| v.eq_ignore_ascii_case("off"))
}

fn entry(reference: &str) -> Result<keyring::Entry, Unavailable> {
    if turned_off() {
        return Err(Unavailable("turned off with BYLINE_KEYCHAIN=off".into()));
    }
    keyring::Entry::new(SERVICE, reference).map_err(|e| Unavailable(e.to_string()))
}

/// Keeps `secret` under `reference`, replacing what was there.
pub fn store(reference: &str, secret: &str) -> Result<(), Unavailable> {
    let entry = entry(reference)?;
    entry.set_password(secret).map_err(|e| Unavailable(e.to_string()))?;
    // Read back: some stores accept a write they cannot keep (a locked or missing collection).
    match entry.get_password() {
        Ok(kept) if kept == secret => Ok(()),
        Ok(_) => Err(Unavailable("the keychain did not keep the secret".into())),
        Err(e) => Err(Unavailable(e.to_string())),
    }
}

/// The secret under `reference`: none when the keychain has no such entry.
pub fn load(reference: &str) -> Result<Option<String>, Unavailable> {
    match entry(reference)?.get_password() {
        Ok(secret) => Ok(Some(secret)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(Unavailable(e.to_string())),
    }
}

/// Forgets the secret under `reference` (nothing to forget is fine).
pub fn delete(reference: &str) -> Result<(), Unavailable> {
    match entry(reference)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(Unavailable(e.to_string())),
    }
}
