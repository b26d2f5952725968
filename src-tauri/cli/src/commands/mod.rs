//! One module per command area, each command a thin call into `byline-core` that prints what
//! it answers: `stories` (new, list, show, import, set, delete, undelete), `revisions`,
//! `photos` (attach, caption, rebuild), `export`, `related` (relate, related, backlinks),
//! `search`, `library` (backups, restore of a backup, settings, agencies), `check` (the copy desk
//! and the library dictionary), `publish` (send, publish, the outbox, destinations).

pub mod check;
pub mod export;
pub mod library;
pub mod photos;
pub mod publish;
pub mod related;
pub mod revisions;
pub mod search;
pub mod stories;

use byline_core::Error;

/// Prints `value` as pretty JSON.
fn json(value: &impl serde::Serialize) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::InvalidInput(e.to_string()))?;
    println!("{text}");
    Ok(())
}
