//! For the thumbnail benchmark against vipsthumbnail (`core/benches/thumbnails.rs`): the derived
//! files of many photo files, made on the batch workers as an import makes them.

use std::path::{Path, PathBuf};

use super::derive::derive;
use super::paths::content_hash;
use super::sniff::sniff;
use crate::{Error, Result};

/// Makes the derived files of photo files into `out` (as a library would), `workers` at a time
/// on the same batch workers as an import; for the benchmark against vipsthumbnail. Returns how
/// many were made, or the first file's error.
pub fn derive_files(files: &[PathBuf], out: &Path, workers: usize) -> Result<usize> {
    let derive_file = |file: &PathBuf| -> Result<()> {
        let name = file.display().to_string();
        crate::batch::guarded(&name, || {
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let format = sniff(&bytes, &name)?;
            derive(out, &content_hash(&bytes), &bytes, format, &name).map(drop)
        })
    };
    let mut made = 0;
    let mut first_error = None;
    crate::batch::in_order(files, workers, derive_file, |_, result| match result {
        Ok(()) => {
            made += 1;
            std::ops::ControlFlow::Continue(())
        }
        Err(e) => {
            first_error.get_or_insert(e);
            std::ops::ControlFlow::Break(())
        }
    });
    first_error.map_or(Ok(made), Err)
}
