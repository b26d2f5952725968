//! Publishing: a story sent to a WordPress or Ghost site, its photos as the export's
//! metadata-bearing renditions, over HTTPS from Rust (the UI never sends a request).
//!
//! Owns: the HTTP client and its rules (`net`: https, or http to this computer only; a time limit
//! on every phase; answers read up to a size; no redirect followed off the site), each site's
//! API (`wordpress`, `ghost`, with `jwt` for Ghost's token), the send itself (`send`: photos
//! found again before any upload, the post updated rather than made twice, each confirmed step
//! handed to a ledger), and the keychain (`keychain`). Must not touch: SQL (the `Library`
//! façade keeps the outbox and the ledger), the file system, the UI.

pub mod ghost;
pub mod jwt;
pub mod keychain;
pub mod net;
pub mod send;
pub mod wordpress;

use byline_model::{DestinationKind, Error};

pub use net::{check_address, Limits};
pub use send::{media_key, send, Cms, Known, KnownPost, Ledger, RemoteMedia, RemotePost};

/// Why a send stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The site could not be reached, or answered with a server error: try again later.
    #[error("{0}")]
    Unreachable(String),
    /// The site refused (credentials, one of its rules): the journalist must act.
    #[error("{0}")]
    Refused(String),
    /// The post was changed on the site since Byline last sent it.
    #[error("the post was changed on the site ({remote_modified}) since Byline last sent it")]
    Changed { remote_modified: String },
    /// The item was cancelled or taken over while it was sending.
    #[error("cancelled")]
    Cancelled,
}

/// The site a destination names, ready to talk to.
pub fn connect(
    kind: DestinationKind,
    address: &str,
    user: Option<&str>,
    secret: &str,
    limits: Limits,
) -> Result<Box<dyn Cms>, Error> {
    let site = check_address(address).map_err(Error::InvalidInput)?;
    Ok(match kind {
        DestinationKind::Wordpress => {
            let user = user.map(str::trim).filter(|u| !u.is_empty()).ok_or_else(|| {
                Error::InvalidInput(
                    "a WordPress destination needs the user the application password belongs to".into(),
                )
            })?;
            Box::new(wordpress::WordPress::new(site, user, secret, limits))
        }
        DestinationKind::Ghost => {
            Box::new(ghost::Ghost::new(site, secret, limits).map_err(Error::InvalidInput)?)
        }
    })
}
