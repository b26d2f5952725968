//! Photos in the library and in stories: import (type, hash, derived files and metadata away
//! from the database, on every core), attach in batches, caption, detach, warnings, and the
//! derived files rebuilt from the originals.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::Library;
use byline_model::{
    AttachProgress, AttachReport, Error, Photo, PhotoMetadata, PhotoUse, PhotoUseEdit, PhotoWarning, Result,
    SkippedPhoto, StoryId,
};
use byline_photos::credit::{self, normalise_credit};
use byline_photos::ingest::{self, DerivedKind, PhotoFormat};
use byline_photos::{batch, metadata, uses};

impl Library {
    /// The library's credit-line template (`Photo: {credit}` unless changed).
    pub fn credit_template(&self) -> Result<String> {
        Ok(self.store.credit_template()?.unwrap_or_else(|| credit::DEFAULT_TEMPLATE.to_string()))
    }

    /// Changes the credit-line template; it must contain `{credit}`.
    pub fn set_credit_template(&mut self, template: &str) -> Result<()> {
        let mut settings = self.settings()?;
        settings.credit_template = template.to_string();
        self.set_settings(&settings).map(drop)
    }

    /// The agency table as (spelling, name) rows; edit it through [`Library::set_settings`],
    /// which checks it whole.
    pub fn agencies(&self) -> Result<Vec<(String, String)>> {
        self.store.agencies()
    }

    /// A story's photo uses as the journalist sees them, lead first.
    pub(crate) fn photo_uses_of(&self, story: &StoryId) -> Result<Vec<PhotoUse>> {
        let stored = self.store.photo_uses(story)?;
        if stored.is_empty() {
            return Ok(Vec::new());
        }
        let (template, agencies) = (self.credit_template()?, self.agencies()?);
        Ok(stored.into_iter().map(|s| uses::photo_use(s, &template, &agencies)).collect())
    }

    /// One use of a story's photos, by its id.
    fn photo_use(&self, story: &StoryId, id: &str) -> Result<PhotoUse> {
        let stored = self.store.photo_use(story, id)?;
        Ok(uses::photo_use(stored, &self.credit_template()?, &self.agencies()?))
    }

    /// Brings a photo file into the library (or finds it there: the same bytes are one photo).
    pub fn import_photo(&mut self, path: &Path) -> Result<Photo> {
        let (bytes, name) = read_photo_file(path)?;
        self.import_photo_bytes(&bytes, &name)
    }

    /// [`Library::import_photo`] from bytes already read.
    pub fn import_photo_bytes(&mut self, bytes: &[u8], name: &str) -> Result<Photo> {
        let known = |sha: &str| self.store.photo(sha).is_ok_and(|p| p.is_some());
        let prepared = prepare(self.dir(), bytes, name, &known)?;
        self.commit_photo(prepared)
    }

    /// Records a prepared photo in the library, or finds it there.
    fn commit_photo(&mut self, prepared: Prepared) -> Result<Photo> {
        if let Some(photo) = self.store.photo(&prepared.sha256)? {
            return Ok(photo);
        }
        let Some(((width, height), metadata)) = prepared.new else {
            return Err(Error::Photo {
                file: prepared.name,
                problem: "was removed from the library while it was being attached; attach it again".into(),
            });
        };
        let photo = Photo {
            sha256: prepared.sha256,
            format: prepared.format.as_str().to_string(),
            width,
            height,
            bytes: prepared.bytes,
            original_name: prepared.name,
            imported: byline_model::time::now(),
            metadata,
        };
        self.store.insert_photo(&photo)?;
        Ok(photo)
    }

    /// A photo of the library by its content address.
    pub fn photo(&self, sha256: &str) -> Result<Option<Photo>> {
        self.store.photo(sha256)
    }

    /// Attaches photo files to a story. A file that cannot be read is skipped with the reason
    /// and the batch goes on. With `lead`, the first photo attached becomes the lead (the old
    /// lead stays in the story as an inline photo).
    pub fn attach_photos(&mut self, story: &str, files: &[PathBuf], lead: bool) -> Result<AttachReport> {
        self.attach_photos_with(story, files, lead, |_| true)
    }

    /// [`Library::attach_photos`], reporting progress after each file with the use it became;
    /// when `progress` returns false no further file is started, the files the workers already
    /// hold are attached (and reported) too, what was attached stays attached, and the report
    /// says the batch was cancelled.
    pub fn attach_photos_with(
        &mut self,
        story: &str,
        files: &[PathBuf],
        lead: bool,
        mut progress: impl FnMut(AttachProgress) -> bool,
    ) -> Result<AttachReport> {
        let story = self.resolve(story)?;
        let known = self.store.photo_shas()?;
        let dir = self.dir().to_path_buf();
        let total = files.len() as u32;
        let mut uses = Vec::new();
        let mut skipped = Vec::new();
        let mut want_lead = lead;
        let mut cancelled = false;
        let mut failure = None;
        // Reading, hashing and decoding run on every core; the database takes the photos one
        // at a time, in the order given, so the first photo attached is the lead.
        let prepare_file = |file: &PathBuf| {
            batch::guarded(&file_name(file), || {
                let (bytes, name) = read_photo_file(file)?;
                prepare(&dir, &bytes, &name, &|sha| known.contains(sha))
            })
        };
        batch::in_order(files, batch::workers(), prepare_file, |n, prepared| {
            if failure.is_some() {
                return ControlFlow::Break(());
            }
            let mut attached = None;
            match prepared.and_then(|p| self.commit_photo(p)) {
                Ok(photo) => {
                    match self.add_use(&story, &photo, want_lead).and_then(|id| self.photo_use(&story, &id)) {
                        Ok(photo_use) => {
                            uses.push(photo_use.clone());
                            attached = Some(photo_use);
                            want_lead = false;
                        }
                        Err(e) => {
                            failure = Some(e);
                            return ControlFlow::Break(());
                        }
                    }
                }
                Err(e) => {
                    tracing::warn!("photo skipped: {e}");
                    skipped
                        .push(SkippedPhoto { file: files[n].display().to_string(), problem: e.to_string() });
                }
            }
            // After a cancel, the photos already in hand are still attached and still reported
            // (so each shows at once); only the first answer to stop counts.
            let done = n as u32 + 1;
            let go_on = progress(AttachProgress { done, total, attached });
            if !cancelled && !go_on && done < total {
                cancelled = true;
            }
            if cancelled {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        // The uses as each was read back once attached: only the batch's first can be the lead,
        // so no later one changed them.
        Ok(AttachReport { uses, skipped, cancelled })
    }

    /// Attaches photo bytes (a pasted image) to a story.
    pub fn attach_photo_bytes(
        &mut self,
        story: &str,
        bytes: &[u8],
        name: &str,
        lead: bool,
    ) -> Result<AttachReport> {
        let story = self.resolve(story)?;
        match self.import_photo_bytes(bytes, name) {
            Ok(photo) => {
                let id = self.add_use(&story, &photo, lead)?;
                let uses = vec![self.photo_use(&story, &id)?];
                Ok(AttachReport { uses, skipped: vec![], cancelled: false })
            }
            Err(e) => Ok(AttachReport {
                cancelled: false,
                uses: vec![],
                skipped: vec![SkippedPhoto { file: name.to_string(), problem: e.to_string() }],
            }),
        }
    }

    /// Adds a photo of the library to a story, prefilled from the photo's own metadata (the
    /// credit printed as the library's agency table says).
    pub fn add_use(&mut self, story: &StoryId, photo: &Photo, lead: bool) -> Result<String> {
        let table = self.agencies()?;
        let m = &photo.metadata;
        let words = PhotoUseEdit {
            caption: m.caption.clone(),
            credit: m.credit.as_deref().or(m.source.as_deref()).map(|c| normalise_credit(c, &table)),
            alt_text: m.alt_text.clone(),
            creator: m.creator.clone(),
            copyright: m.copyright.clone(),
            role: None,
            stand_in: None,
        };
        self.store.add_use(story, photo, lead, &words)
    }

    /// Edits one story's use of a photo; the photo and other stories are not touched.
    pub fn edit_photo_use(&mut self, story: &str, use_id: &str, mut edit: PhotoUseEdit) -> Result<PhotoUse> {
        let story = self.resolve(story)?;
        let agencies = self.agencies()?;
        if let Some(credit) = &edit.credit {
            edit.credit = Some(normalise_credit(credit, &agencies));
        }
        let stored = self.store.edit_photo_use(&story, use_id, edit)?;
        Ok(uses::photo_use(stored, &self.credit_template()?, &agencies))
    }

    /// Takes a photo out of a story (the photo stays in the library).
    pub fn detach_photo(&mut self, story: &str, use_id: &str) -> Result<()> {
        let story = self.resolve(story)?;
        self.store.detach_photo(&story, use_id)
    }

    /// What to fix in a story's photos before publishing.
    pub fn photo_warnings(&self, story: &str) -> Result<Vec<PhotoWarning>> {
        let story = self.resolve(story)?;
        Ok(uses::warnings(&self.photo_uses_of(&story)?))
    }

    /// Rebuilds every thumbnail and preview from the originals. Returns how many were rebuilt
    /// and the photos that could not be (each named).
    pub fn rebuild_derived(&mut self) -> Result<(usize, Vec<SkippedPhoto>)> {
        let photos = self.store.photo_files()?;
        let dir = self.dir().to_path_buf();
        let mut done = 0;
        let mut failed = Vec::new();
        let rebuild = |(sha, format): &(String, String)| {
            batch::guarded(sha, || {
                let format = PhotoFormat::parse(format).unwrap_or(PhotoFormat::Jpeg);
                let path = ingest::original_path(&dir, sha, format);
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                ingest::derive(&dir, sha, &bytes, format, sha).map(drop)
            })
        };
        batch::in_order(&photos, batch::workers(), rebuild, |n, result| {
            match result {
                Ok(()) => done += 1,
                Err(e) => failed.push(SkippedPhoto { file: photos[n].0.clone(), problem: e.to_string() }),
            }
            ControlFlow::Continue(())
        });
        Ok((done, failed))
    }

    /// The derived file of a photo (thumbnail or preview) the UI may show.
    pub fn derived_file(&self, sha256: &str, kind: DerivedKind) -> PathBuf {
        ingest::derived_path(self.dir(), kind, sha256)
    }
}

/// A photo file made ready for the library away from the database: typed, hashed and, when the
/// library does not have it yet, decoded into its derived files, its metadata read; its original
/// is in the library either way.
struct Prepared {
    sha256: String,
    format: PhotoFormat,
    name: String,
    bytes: u64,
    /// Upright size and metadata; `None` when the library already had the photo.
    new: Option<((u32, u32), PhotoMetadata)>,
}

/// The name a photo file is called by in messages: its file name, or the whole path if it has none.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// The bytes and file name of a photo file, refusing a folder, anything that is not a regular
/// file (a FIFO or a device could block or never end) or a file larger than Byline takes, before
/// reading it; the read itself stops at the limit.
fn read_photo_file(path: &Path) -> Result<(Vec<u8>, String)> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Photo { file: name, problem: "is a folder, not a photo".into() });
    }
    if !meta.is_file() {
        return Err(Error::Photo {
            file: name,
            problem: "is not a regular file (a device or a pipe), not a photo".into(),
        });
    }
    if meta.len() > ingest::MAX_PHOTO_BYTES {
        return Err(Error::Photo {
            file: name,
            problem: format!("{} MB is larger than Byline takes", meta.len() / (1024 * 1024)),
        });
    }
    let bytes = byline_model::files::read_checked(path, &meta, ingest::MAX_PHOTO_BYTES, "photo")?;
    Ok((bytes, name))
}

/// Everything of an import that needs no database (it runs on the batch workers). Derived files
/// come first and the original last, so a photo recorded in the library always has both.
fn prepare(dir: &Path, bytes: &[u8], name: &str, known: &dyn Fn(&str) -> bool) -> Result<Prepared> {
    let format = ingest::sniff(bytes, name)?;
    let sha256 = ingest::content_hash(bytes);
    let original = ingest::original_path(dir, &sha256, format);
    let new = if known(&sha256) {
        if !original.exists() {
            byline_model::files::write_atomically(&original, bytes, true)?;
        }
        None
    } else {
        let size = ingest::derive(dir, &sha256, bytes, format, name)?;
        byline_model::files::write_atomically(&original, bytes, true)?;
        let metadata = metadata::read(bytes).unwrap_or_else(|e| {
            tracing::warn!(photo = %sha256, "photo metadata unreadable: {e}");
            PhotoMetadata::default()
        });
        Some((size, metadata))
    };
    Ok(Prepared { sha256, format, name: name.to_string(), bytes: bytes.len() as u64, new })
}
