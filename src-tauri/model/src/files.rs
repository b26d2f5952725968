//! Writing and reading the files a user or the library names: writes land whole or not at all
//! (a temporary sibling, flushed, then renamed), and reads are bounded before they start, so an
//! endless or device file gets a clear error instead of filling memory.

use std::io::{Read, Write};
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` through a temporary file and a rename, so no reader ever sees half a
/// file; `durable` also flushes it to disk first (originals).
pub fn write_atomically(path: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    let dir =
        path.parent().ok_or_else(|| Error::InvalidInput(format!("{} has no folder", path.display())))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Unique per write: workers of a batch may write the same content-addressed file at once.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id(),
        WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        if durable {
            file.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Checks that `path` is a regular file before anything opens it: a FIFO could block the open
/// forever and a device could never end. Gives its metadata.
pub fn regular_file(path: &Path, what: &str) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::InvalidInput(format!("{} is a folder, not a {what}", path.display())));
    }
    if !meta.is_file() {
        return Err(Error::InvalidInput(format!(
            "{} is not a regular file (a device, a pipe or a socket); Byline reads a {what} only from a file",
            path.display()
        )));
    }
    Ok(meta)
}

/// Reads a file a user named, refusing anything that is not a regular file (a folder, a FIFO,
/// a device: those could block or never end) and anything larger than `limit` bytes, before
/// reading it. `what` names the kind of file in the message ("photo", "story file").
pub fn read_bounded(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let name = path.display();
    let meta = regular_file(path, what)?;
    if meta.len() > limit {
        return Err(Error::InvalidInput(format!(
            "{name} is {} MB, larger than the {} MB Byline takes for a {what}",
            meta.len().div_ceil(1024 * 1024),
            limit / (1024 * 1024)
        )));
    }
    read_checked(path, &meta, limit, what)
}

/// Reads a file [`regular_file`] has passed and whose size is within `limit`, never more than
/// `limit` bytes of it (the file can grow between the check and the read).
pub fn read_checked(path: &Path, meta: &std::fs::Metadata, limit: u64, what: &str) -> Result<Vec<u8>> {
    let name = path.display();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::InvalidInput(format!(
            "{name} grew past the {} MB Byline takes for a {what} while it was read",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_lands_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("a.txt");
        write_atomically(&path, b"first", true).expect("write");
        write_atomically(&path, b"second", false).expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.txt")]);
    }

    #[test]
    fn a_bounded_read_refuses_folders_and_files_over_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = read_bounded(dir.path(), 10, "photo").expect_err("a folder");
        assert!(folder.to_string().contains("is a folder, not a photo"), "{folder}");
        let big = dir.path().join("big.bin");
        std::fs::write(&big, vec![0u8; 11]).expect("write");
        let over = read_bounded(&big, 10, "photo").expect_err("over the limit");
        assert!(over.to_string().contains("larger than"), "{over}");
        std::fs::write(&big, vec![7u8; 10]).expect("write");
        assert_eq!(read_bounded(&big, 10, "photo").expect("at the limit").len(), 10);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused_at_once_instead_of_read_forever() {
        // /dev/zero never ends; reading it whole would fill memory.
        let e = read_bounded(Path::new("/dev/zero"), 1024, "story file").expect_err("a device");
        assert!(e.to_string().contains("not a regular file"), "{e}");
    }
}
