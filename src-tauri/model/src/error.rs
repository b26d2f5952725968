//! The core's error type: every failure names the problem in words a journalist can act on.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::DocumentError;

/// The core's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no story {0} in this library")]
    StoryNotFound(String),
    #[error("no revision {revision} of story {story}")]
    RevisionNotFound { story: String, revision: i64 },
    #[error(
        "this story was changed elsewhere: the edit was based on revision {base}, but the library \
         holds revision {current}; nothing was overwritten"
    )]
    Conflict { base: i64, current: i64 },
    #[error("invalid document: {0}")]
    InvalidDocument(#[from] DocumentError),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{file}: {problem}")]
    Photo { file: String, problem: String },
    #[error(
        "the library at {path} was written by a newer version of Byline (schema version {found}, \
         this version knows up to {known}); it was left untouched"
    )]
    NewerLibrary { path: PathBuf, found: i64, known: i64 },
    #[error("{path} is not a Byline library ({reason}); it was left untouched")]
    NotALibrary { path: PathBuf, reason: String },
    #[error("cannot use the library folder {path}: {source}")]
    LibraryFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not upgrade the library: {0}; the library was left as it was")]
    Migration(String),
    #[error("{}", database_message(.0))]
    Database(#[from] rusqlite::Error),
    #[error("search index: {0} (it is rebuilt from the library with `byline search --reindex`)")]
    Search(String),
    #[error("could not read or write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The kind of an [`Error`], as it crosses IPC (`{kind, message}`) and decides CLI exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    Conflict,
    InvalidDocument,
    InvalidInput,
    Library,
    Io,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::StoryNotFound(_) | Error::RevisionNotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::InvalidDocument(_) => ErrorKind::InvalidDocument,
            Error::InvalidInput(_) | Error::Photo { .. } => ErrorKind::InvalidInput,
            Error::NewerLibrary { .. }
            | Error::NotALibrary { .. }
            | Error::Migration(_)
            | Error::Database(_)
            | Error::Search(_) => ErrorKind::Library,
            Error::LibraryFolder { .. } | Error::Io { .. } => ErrorKind::Io,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
}

/// What a database error means for the journalist: a full disk or a read-only library said
/// plainly, anything else with SQLite's own words.
fn database_message(e: &rusqlite::Error) -> String {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => {
            "the disk is full: nothing was written (earlier versions are safe); free some space and save again".into()
        }
        Some(rusqlite::ErrorCode::ReadOnly) => "the library is open read-only: nothing can be saved to it".into(),
        _ => format!("library database error: {e}"),
    }
}

/// An error as it crosses IPC to the UI: `{kind, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    pub message: String,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport { kind: e.kind(), message: e.to_string() }
    }
}

impl ErrorReport {
    /// Something went wrong in the shell rather than in the library.
    pub fn internal(message: String) -> Self {
        ErrorReport { kind: ErrorKind::Library, message }
    }
}
