//! Helpers shared by the integration tests (each test file uses some of them).
#![allow(dead_code)]

pub mod servers;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Mounts a tiny tmpfs (needs root, as CI has); `None` elsewhere.
pub fn tiny_filesystem(dir: &Path, size: &str) -> Option<TinyFs> {
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.as_deref() != Some("0") {
        eprintln!("not root: the full-disk test needs to mount a tmpfs");
        return None;
    }
    std::fs::create_dir_all(dir).expect("mount point");
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(dir)
        .status()
        .expect("mount");
    assert!(ok.success(), "as root, mounting a tmpfs must work");
    Some(TinyFs(dir.to_path_buf()))
}

pub struct TinyFs(PathBuf);

impl Drop for TinyFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}
