//! Photos: what the newsroom reads from and writes into picture files.

pub mod batch;
pub mod credit;
pub mod ingest;
pub mod metadata;
pub mod quarter;
pub mod rendition;
