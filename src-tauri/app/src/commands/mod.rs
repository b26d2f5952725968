//! The Tauri commands, one file per domain. Each is one delegation to the core through [`Desk`].
//!
//! [`Desk`]: crate::desk::Desk

pub mod export;
pub mod library;
pub mod links;
pub mod photos;
pub mod revisions;
pub mod stories;
