//! The `photos`, `photo_uses` and `agencies` tables: photos in the library and in stories.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use super::{from_millis, now, to_millis, Library};
use crate::photos::batch;
use crate::photos::credit::{self, credit_line, normalise_credit};
use crate::photos::ingest::{self, DerivedKind, PhotoFormat};
use crate::photos::metadata::{self, PhotoMetadata};
use crate::{
    AttachProgress, AttachReport, Error, FromPhoto, Photo, PhotoRole, PhotoUse, PhotoUseEdit, PhotoWarning,
    PhotoWarningKind, Result, SkippedPhoto, StoryId,
};

pub(super) const TEMPLATE_KEY: &str = "credit_template";

/// Fills the agency table of a new or upgraded library.
pub(super) fn seed_agencies(conn: &Connection) -> Result<()> {
    let mut insert = conn.prepare("INSERT OR IGNORE INTO agencies (alias, name) VALUES (?1, ?2)")?;
    for (alias, name) in credit::seed_table() {
        insert.execute(params![alias, name])?;
    }
    Ok(())
}

fn role_str(role: PhotoRole) -> &'static str {
    match role {
        PhotoRole::Lead => "lead",
        PhotoRole::Inline => "inline",
    }
}

fn metadata_of(json: &str) -> PhotoMetadata {
    serde_json::from_str(json).unwrap_or_default()
}

/// The uses of a story, lead first, with the credit line composed by `template`.
pub(super) fn uses(conn: &Connection, story: &StoryId, template: &str) -> Result<Vec<PhotoUse>> {
    uses_where(conn, story, None, template)
}

/// The uses of a story, or only the use `only`.
fn uses_where(
    conn: &Connection,
    story: &StoryId,
    only: Option<&str>,
    template: &str,
) -> Result<Vec<PhotoUse>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.photo, u.role, u.caption, u.credit, u.alt_text, u.creator, u.copyright,
                p.width, p.height, p.metadata
         FROM photo_uses u JOIN photos p ON p.sha256 = u.photo
         WHERE u.story_id = ?1 AND (?2 IS NULL OR u.id = ?2) ORDER BY u.role = 'inline', u.position",
    )?;
    let rows = stmt.query_map(params![story.to_string(), only], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            [r.get::<_, String>(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
            r.get::<_, u32>(8)?,
            r.get::<_, u32>(9)?,
            r.get::<_, String>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    // Read only when a use's credit needs comparing with a normalised file credit.
    let mut agencies: Option<Vec<(String, String)>> = None;
    for row in rows {
        let (id, photo, role, [caption, credit, alt_text, creator, copyright], width, height, meta) = row?;
        let meta = metadata_of(&meta);
        let same =
            |field: &str, source: &Option<String>| !field.is_empty() && source.as_deref() == Some(field);
        // The credit was prefilled from the file's credit (or source), normalised by the
        // library's agency table: it is still "from the photo" while it equals that.
        let file_credit =
            meta.credit.as_deref().or(meta.source.as_deref()).map(str::trim).filter(|c| !c.is_empty());
        let credit_from_file = match file_credit {
            Some(c) if !credit.is_empty() => {
                c.eq_ignore_ascii_case(&credit) || {
                    if agencies.is_none() {
                        agencies = Some(agency_table(conn)?);
                    }
                    normalise_credit(c, agencies.as_deref().unwrap_or(&[])) == credit
                }
            }
            _ => false,
        };
        let from_photo = FromPhoto {
            caption: same(&caption, &meta.caption),
            credit: credit_from_file,
            alt_text: same(&alt_text, &meta.alt_text),
            creator: same(&creator, &meta.creator),
            copyright: same(&copyright, &meta.copyright),
        };
        out.push(PhotoUse {
            id,
            photo,
            role: if role == "lead" { PhotoRole::Lead } else { PhotoRole::Inline },
            credit_line: credit_line(template, &credit),
            caption,
            credit,
            alt_text,
            creator,
            copyright,
            width,
            height,
            from_photo,
        });
    }
    Ok(out)
}

/// The agency table as (alias, name) pairs.
fn agency_table(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached("SELECT alias, name FROM agencies ORDER BY name, alias")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Library {
    /// The library's credit-line template (`Photo: {credit}` unless changed).
    pub fn credit_template(&self) -> Result<String> {
        let mut stmt = self.conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?;
        Ok(stmt
            .query_row([TEMPLATE_KEY], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| credit::DEFAULT_TEMPLATE.to_string()))
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
        agency_table(&self.conn)
    }

    pub(crate) fn photo_uses_of(&self, story: &StoryId) -> Result<Vec<PhotoUse>> {
        uses(&self.conn, story, &self.credit_template()?)
    }

    /// One use of a story's photos, by its id.
    fn photo_use(&self, story: &StoryId, id: &str) -> Result<PhotoUse> {
        uses_where(&self.conn, story, Some(id), &self.credit_template()?)?
            .pop()
            .ok_or_else(|| Error::InvalidInput(format!("no photo use {id} in this story")))
    }

    /// Brings a photo file into the library (or finds it there: the same bytes are one photo).
    pub fn import_photo(&mut self, path: &Path) -> Result<Photo> {
        let (bytes, name) = read_photo_file(path)?;
        self.import_photo_bytes(&bytes, &name)
    }

    /// [`Library::import_photo`] from bytes already read.
    pub fn import_photo_bytes(&mut self, bytes: &[u8], name: &str) -> Result<Photo> {
        let known = |sha: &str| self.photo(sha).is_ok_and(|p| p.is_some());
        let prepared = prepare(&self.dir, bytes, name, &known)?;
        self.commit_photo(prepared)
    }

    /// The content addresses of every photo in the library.
    fn photo_shas(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT sha256 FROM photos")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records a prepared photo in the library, or finds it there.
    fn commit_photo(&mut self, prepared: Prepared) -> Result<Photo> {
        if let Some(photo) = self.photo(&prepared.sha256)? {
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
            imported: now(),
            metadata,
        };
        self.conn.execute(
            "INSERT INTO photos (sha256, format, width, height, bytes, original_name, imported, metadata)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                photo.sha256,
                photo.format,
                photo.width,
                photo.height,
                photo.bytes as i64,
                photo.original_name,
                to_millis(photo.imported),
                serde_json::to_string(&photo.metadata).unwrap_or_else(|_| "{}".into()),
            ],
        )?;
        tracing::info!(photo = %photo.sha256, format = photo.format, "photo imported");
        Ok(photo)
    }

    /// A photo of the library by its content address.
    pub fn photo(&self, sha256: &str) -> Result<Option<Photo>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sha256, format, width, height, bytes, original_name, imported, metadata FROM photos WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(Photo {
                        sha256: r.get(0)?,
                        format: r.get(1)?,
                        width: r.get(2)?,
                        height: r.get(3)?,
                        bytes: r.get::<_, i64>(4)? as u64,
                        original_name: r.get(5)?,
                        imported: from_millis(r.get(6)?),
                        metadata: metadata_of(&r.get::<_, String>(7)?),
                    })
                },
            )
            .optional()?)
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
        let known = self.photo_shas()?;
        let dir = self.dir.clone();
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
                let uses = self.photo_uses_of(&story)?.into_iter().filter(|u| u.id == id).collect();
                Ok(AttachReport { uses, skipped: vec![], cancelled: false })
            }
            Err(e) => Ok(AttachReport {
                cancelled: false,
                uses: vec![],
                skipped: vec![SkippedPhoto { file: name.to_string(), problem: e.to_string() }],
            }),
        }
    }

    /// Adds a photo of the library to a story, prefilled from the photo's own metadata.
    pub fn add_use(&mut self, story: &StoryId, photo: &Photo, lead: bool) -> Result<String> {
        let table = self.agencies()?;
        let m = &photo.metadata;
        let credit = m
            .credit
            .as_deref()
            .or(m.source.as_deref())
            .map(|c| normalise_credit(c, &table))
            .unwrap_or_default();
        let id = uuid::Uuid::now_v7().to_string();
        let tx = self.conn.transaction()?;
        if lead {
            tx.execute(
                "UPDATE photo_uses SET role = 'inline' WHERE story_id = ?1 AND role = 'lead'",
                [story.to_string()],
            )?;
        }
        let position: i64 = tx.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM photo_uses WHERE story_id = ?1",
            [story.to_string()],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO photo_uses (id, story_id, photo, role, position, caption, credit, alt_text, creator, copyright)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id,
                story.to_string(),
                photo.sha256,
                role_str(if lead { PhotoRole::Lead } else { PhotoRole::Inline }),
                position,
                m.caption.clone().unwrap_or_default(),
                credit,
                m.alt_text.clone().unwrap_or_default(),
                m.creator.clone().unwrap_or_default(),
                m.copyright.clone().unwrap_or_default(),
            ],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Edits one story's use of a photo; the photo and other stories are not touched.
    pub fn edit_photo_use(&mut self, story: &str, use_id: &str, edit: PhotoUseEdit) -> Result<PhotoUse> {
        let story = self.resolve(story)?;
        let table = self.agencies()?;
        let tx = self.conn.transaction()?;
        let exists = tx
            .query_row(
                "SELECT 1 FROM photo_uses WHERE id = ?1 AND story_id = ?2",
                params![use_id, story.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !exists {
            return Err(Error::InvalidInput(format!("story {story} has no photo {use_id}")));
        }
        let fields = [
            ("caption", edit.caption),
            ("credit", edit.credit.map(|c| normalise_credit(&c, &table))),
            ("alt_text", edit.alt_text),
            ("creator", edit.creator),
            ("copyright", edit.copyright),
        ];
        for (column, value) in fields {
            if let Some(value) = value {
                tx.execute(
                    &format!("UPDATE photo_uses SET {column} = ?1 WHERE id = ?2"),
                    params![value.trim(), use_id],
                )?;
            }
        }
        if let Some(role) = edit.role {
            if role == PhotoRole::Lead {
                tx.execute(
                    "UPDATE photo_uses SET role = 'inline' WHERE story_id = ?1 AND role = 'lead'",
                    [story.to_string()],
                )?;
            }
            tx.execute("UPDATE photo_uses SET role = ?1 WHERE id = ?2", params![role_str(role), use_id])?;
        }
        tx.commit()?;
        self.photo_uses_of(&story)?
            .into_iter()
            .find(|u| u.id == use_id)
            .ok_or_else(|| Error::InvalidInput(format!("story {story} has no photo {use_id}")))
    }

    /// Takes a photo out of a story (the photo stays in the library).
    pub fn detach_photo(&mut self, story: &str, use_id: &str) -> Result<()> {
        let story = self.resolve(story)?;
        let n = self.conn.execute(
            "DELETE FROM photo_uses WHERE id = ?1 AND story_id = ?2",
            params![use_id, story.to_string()],
        )?;
        if n == 0 {
            return Err(Error::InvalidInput(format!("story {story} has no photo {use_id}")));
        }
        Ok(())
    }

    /// What to fix in a story's photos before publishing.
    pub fn photo_warnings(&self, story: &str) -> Result<Vec<PhotoWarning>> {
        let story = self.resolve(story)?;
        let mut out = Vec::new();
        for (n, u) in self.photo_uses_of(&story)?.iter().enumerate() {
            let which = match u.role {
                PhotoRole::Lead => "the lead photo".to_string(),
                PhotoRole::Inline => format!("photo {}", n + 1),
            };
            let mut warn =
                |kind, message: String| out.push(PhotoWarning { photo_use: u.id.clone(), kind, message });
            if u.credit.trim().is_empty() {
                warn(PhotoWarningKind::NoCredit, format!("{which} has no credit"));
            }
            if u.alt_text.trim().is_empty() {
                warn(PhotoWarningKind::NoAltText, format!("{which} has no alt text"));
            } else if u.alt_text.trim() == u.caption.trim() {
                warn(
                    PhotoWarningKind::AltTextIsCaption,
                    format!("{which}: the alt text repeats the caption; describe what the photo shows"),
                );
            }
        }
        Ok(out)
    }

    /// Rebuilds every thumbnail and preview from the originals. Returns how many were rebuilt
    /// and the photos that could not be (each named).
    pub fn rebuild_derived(&mut self) -> Result<(usize, Vec<SkippedPhoto>)> {
        let photos: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare("SELECT sha256, format FROM photos ORDER BY imported")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let dir = self.dir.clone();
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
        ingest::derived_path(&self.dir, kind, sha256)
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

/// The bytes and file name of a photo file, refusing a folder or a file larger than Byline
/// takes before reading it.
fn read_photo_file(path: &Path) -> Result<(Vec<u8>, String)> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Photo { file: name, problem: "is a folder, not a photo".into() });
    }
    if meta.len() > ingest::MAX_PHOTO_BYTES {
        return Err(Error::Photo {
            file: name,
            problem: format!("{} MB is larger than Byline takes", meta.len() / (1024 * 1024)),
        });
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
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
            ingest::write_atomically(&original, bytes, true)?;
        }
        None
    } else {
        let size = ingest::derive(dir, &sha256, bytes, format, name)?;
        ingest::write_atomically(&original, bytes, true)?;
        let metadata = metadata::read(bytes).unwrap_or_else(|e| {
            tracing::warn!(photo = %sha256, "photo metadata unreadable: {e}");
            PhotoMetadata::default()
        });
        Some((size, metadata))
    };
    Ok(Prepared { sha256, format, name: name.to_string(), bytes: bytes.len() as u64, new })
}
