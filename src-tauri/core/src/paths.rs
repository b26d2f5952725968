//! Where things live on disk: the default library folder and the log folder, per OS.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::{Error, Result};

/// The environment variable that points Byline at a library folder.
pub const LIBRARY_ENV: &str = "BYLINE_LIBRARY";

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("org", "Byline", "Byline")
}

/// The library folder: the one given, else `BYLINE_LIBRARY`, else the OS data folder.
pub fn library_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    if let Some(dir) = std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    project()
        .map(|p| p.data_dir().join("Library"))
        .ok_or_else(|| Error::InvalidInput("no home folder found: pass --library DIR".into()))
}

/// The folder for rotating log files (the OS's log or state folder).
pub fn log_dir() -> Option<PathBuf> {
    let project = project()?;
    Some(project.state_dir().unwrap_or_else(|| project.data_local_dir()).join("logs"))
}
