//! Publishing's vocabulary: the sites a story can be sent to (destinations) and the outbox, the
//! queue of sends kept in the library until each has left.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The kind of site a destination is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DestinationKind {
    /// WordPress through its REST API, signed in with an application password.
    Wordpress,
    /// Ghost through its Admin API, signed with an Admin API key.
    Ghost,
}

impl DestinationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DestinationKind::Wordpress => "wordpress",
            DestinationKind::Ghost => "ghost",
        }
    }

    /// What the secret of this kind of site is called.
    pub fn secret_name(self) -> &'static str {
        match self {
            DestinationKind::Wordpress => "application password",
            DestinationKind::Ghost => "Admin API key",
        }
    }
}

impl std::str::FromStr for DestinationKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wordpress" | "wp" => Ok(DestinationKind::Wordpress),
            "ghost" => Ok(DestinationKind::Ghost),
            other => {
                Err(Error::InvalidInput(format!("unknown kind of site `{other}`: use wordpress or ghost")))
            }
        }
    }
}

/// Where a destination's secret is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SecretPlace {
    /// In the operating system's keychain.
    Keychain,
    /// In memory for this session only (there is no keychain).
    Session,
    /// Nowhere yet: it is asked for when sending.
    Missing,
}

/// A site stories are sent to, as the library keeps it (never with its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Destination {
    pub name: String,
    pub kind: DestinationKind,
    /// The site's address (`https://news.example.org`).
    pub url: String,
    /// WordPress: the user the application password belongs to. Ghost: none.
    pub user: Option<String>,
    pub secret: SecretPlace,
}

/// A destination as the journalist adds it, secret included (it goes to the keychain).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDestination {
    pub name: String,
    pub kind: DestinationKind,
    pub url: String,
    #[serde(default)]
    pub user: Option<String>,
    pub secret: String,
}

/// What "Test connection" found, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub ok: bool,
    pub message: String,
}

/// How a story is sent: as a draft on the site, or published there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SendStatus {
    #[default]
    Draft,
    Publish,
}

impl SendStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SendStatus::Draft => "draft",
            SendStatus::Publish => "publish",
        }
    }
}

impl std::str::FromStr for SendStatus {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "draft" => Ok(SendStatus::Draft),
            "publish" | "published" => Ok(SendStatus::Publish),
            other => Err(Error::InvalidInput(format!("unknown status `{other}`: use draft or publish"))),
        }
    }
}

/// A send the journalist asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendRequest {
    /// The story's id or slug.
    pub story: String,
    /// The destination's name.
    pub destination: String,
    #[serde(default)]
    pub status: SendStatus,
    /// An embargo: the item waits in the outbox until then (RFC 3339), even online.
    #[serde(default)]
    pub hold_until: Option<String>,
}

/// Where an outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OutboxState {
    /// Waiting: for its turn, the network, the site, or its embargo.
    Queued,
    /// Leaving now.
    Sending,
    /// On the site.
    Sent,
    /// Refused by the site (credentials, a rule of the site): it waits for the journalist.
    Failed,
    /// The post was changed on the site since Byline last sent it: overwrite or cancel.
    Changed,
    /// Cancelled by the journalist.
    Cancelled,
}

impl OutboxState {
    pub const ALL: [OutboxState; 6] = [
        OutboxState::Queued,
        OutboxState::Sending,
        OutboxState::Sent,
        OutboxState::Failed,
        OutboxState::Changed,
        OutboxState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
            OutboxState::Changed => "changed",
            OutboxState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxState> {
        OutboxState::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the item is done with (sent or cancelled).
    pub fn is_final(self) -> bool {
        matches!(self, OutboxState::Sent | OutboxState::Cancelled)
    }
}

/// How far a send has gone: photos uploaded of the photos to upload, then the post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendProgress {
    pub done: u32,
    pub total: u32,
    /// What is being done now ("Uploading photo 2 of 3").
    pub label: String,
}

/// One send in the outbox, as the panel and `byline outbox` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxItem {
    pub id: i64,
    pub story_id: String,
    pub slug: String,
    pub headline: String,
    pub destination: String,
    pub status: SendStatus,
    /// The story's revision this item sends (frozen when it was queued).
    pub revision: i64,
    pub state: OutboxState,
    /// When it was queued (RFC 3339).
    pub queued: String,
    /// The embargo, if any (RFC 3339).
    pub hold_until: Option<String>,
    /// When Byline tries again after a failure to reach the site (RFC 3339).
    pub next_attempt: Option<String>,
    pub attempts: u32,
    pub progress: Option<SendProgress>,
    /// The post's address on the site, once sent.
    pub remote_url: Option<String>,
    /// The site's own message (or why the site could not be reached), as text.
    pub error: Option<String>,
    /// For a post changed on the site: when Byline last sent it and when the site says it
    /// was changed (RFC 3339).
    pub last_sent: Option<String>,
    pub remote_modified: Option<String>,
    /// When it finished (sent or cancelled).
    pub finished: Option<String>,
}

/// A destination as the library stores it: the keychain entry's name, never the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestinationRecord {
    pub id: i64,
    pub name: String,
    pub kind: DestinationKind,
    pub url: String,
    pub user: Option<String>,
    pub secret_ref: String,
}

/// What a site holds of one story: its post (its id once confirmed), the post's address, and
/// the site's modification date after Byline's last send.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemotePostRecord {
    pub remote_id: Option<String>,
    pub url: Option<String>,
    pub modified: Option<String>,
    /// When Byline last sent it (milliseconds).
    pub sent: Option<i64>,
}

/// An item a drainer claimed: the item, its destination, the story as queued (JSON), and
/// whether a post changed on the site may be overwritten.
#[derive(Debug, Clone)]
pub struct OutboxClaim {
    pub item: OutboxItem,
    pub destination: DestinationRecord,
    pub payload: String,
    pub overwrite: bool,
}
