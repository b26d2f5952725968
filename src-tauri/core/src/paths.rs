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

/// The folders that may hold a data folder the program reads at run time (`dictionaries`,
/// `gazetteer`), in order: where the OS's package puts them beside the program, then the source
/// tree's `assets` the program was built from (a build from source, the tests and benches).
///
/// - Linux (the .deb): the program is `/usr/bin/byline-app`, its data `/usr/share/byline/<name>`.
/// - macOS (the .app): `Byline.app/Contents/MacOS/…`, its resources `Contents/Resources/<name>`.
/// - Windows (the installer): the resources sit beside the program.
pub fn asset_dirs(name: &str) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(PathBuf::from)) {
        dirs.push(exe_dir.join(name));
        #[cfg(target_os = "macos")]
        dirs.push(exe_dir.join("../Resources").join(name));
        #[cfg(all(unix, not(target_os = "macos")))]
        dirs.push(exe_dir.join("../share/byline").join(name));
    }
    dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets").join(name));
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assets_are_looked_for_beside_the_program_first() {
        let dirs = asset_dirs("dictionaries");
        let exe_dir = std::env::current_exe().expect("exe").parent().expect("dir").to_path_buf();
        assert_eq!(dirs.first(), Some(&exe_dir.join("dictionaries")));
        assert!(dirs.iter().all(|d| d.ends_with("dictionaries")), "{dirs:?}");
        // The source tree's assets are the last resort, and a test finds them there.
        assert!(dirs.last().expect("a folder").join("en-US/en-US.aff").is_file(), "{dirs:?}");
    }
}
