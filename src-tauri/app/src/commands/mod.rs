//! The Tauri commands, one file per domain. Each is one delegation to the core through [`Desk`].
//!
//! [`Desk`]: crate::desk::Desk

pub mod check;
pub mod export;
pub mod imports;
pub mod library;
pub mod links;
pub mod photos;
pub mod publish;
pub mod revisions;
pub mod stories;

/// An argument taken as plain JSON so that the core checks it and reports a bad part by its path
/// (a typed error), where Tauri's own decoding would give one opaque string. `T` is the shape the
/// UI sends: the generated IPC contract types the argument as `T`.
pub struct Unchecked<T> {
    pub json: serde_json::Value,
    shape: std::marker::PhantomData<fn() -> T>,
}

impl<'de, T> serde::Deserialize<'de> for Unchecked<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self { json: serde_json::Value::deserialize(d)?, shape: std::marker::PhantomData })
    }
}
