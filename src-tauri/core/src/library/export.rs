//! Gathering an export: the story, its photo renditions (metadata inside) with safe file names,
//! its related posts as titles and URLs, then writing the chosen format into place.

use std::path::{Path, PathBuf};

use super::Library;
use byline_export::checklist::{self, ChecklistItem};
use byline_export::filename::{safe_file_name, unique_names};
use byline_export::{html, hugo, newsml, ninjs, package, split_photos};
use byline_export::{ExportInput, ExportOptions, ExportPhoto, ExportRelated, Format, OutputFile};
use byline_model::{Error, PhotoRole, PhotoUse, Result, Story, StoryRef};
use byline_photos::rendition::{self, RenditionJob, RenditionOptions};

impl Library {
    /// Everything the exporters need for one story.
    pub fn export_input(&self, story: &str, options: &ExportOptions) -> Result<ExportInput> {
        let story = self.story(story)?;
        let photos = render_photos(self.photo_jobs(&story)?, options.rendition)?;
        let (lead, inline) = split_photos(photos);
        // Only the stories this one links to: a library may hold 100,000.
        let mut linked: Vec<String> = story.body.story_links().into_iter().collect();
        linked.extend(story.related.iter().filter_map(|r| r.story_id.map(|id| id.to_string())));
        let refs: Vec<StoryRef> = self.story_refs(&linked)?.into_iter().filter(|r| r.exists).collect();
        let story_slugs: Vec<(String, String)> =
            refs.iter().map(|r| (r.id.to_string(), r.slug.clone())).collect();
        let base_url = match options.base_url.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
            Some(url) => Some(url.to_string()),
            None => self.base_url()?,
        };
        let url_of = |slug: &str| base_url.as_ref().map(|b| format!("{}/{}/", b.trim_end_matches('/'), slug));
        let related = story
            .related
            .iter()
            .map(|r| match (&r.story_id, &r.url) {
                (Some(id), _) => match refs.iter().find(|s| s.id == *id) {
                    // The story's current headline: it may have changed since it was linked.
                    Some(target) => ExportRelated {
                        title: if target.headline.trim().is_empty() {
                            r.title.clone()
                        } else {
                            target.headline.clone()
                        },
                        url: url_of(&target.slug),
                    },
                    None => ExportRelated { title: r.title.clone(), url: None },
                },
                (None, url) => ExportRelated { title: r.title.clone(), url: url.clone() },
            })
            .collect();
        Ok(ExportInput {
            story,
            lead,
            inline,
            related,
            base_url,
            exported: byline_model::time::now(),
            story_slugs,
            story_urls: Vec::new(),
            paper: options.paper,
        })
    }

    /// The photos of a story ready to render, each with its file name in an export (lead
    /// `<slug>-lead.jpg`, the others `<slug>-<n>.jpg`, safe and unique) and its words as `story`
    /// gives them.
    pub fn photo_jobs(&self, story: &Story) -> Result<Vec<PhotoJob>> {
        let names: Vec<String> = story
            .photos
            .iter()
            .enumerate()
            .map(|(n, u)| match u.role {
                PhotoRole::Lead => format!("{}-lead.jpg", story.slug),
                PhotoRole::Inline => format!("{}-{}.jpg", story.slug, n),
            })
            .collect();
        let names = unique_names(&names);
        story
            .photos
            .iter()
            .zip(names)
            .map(|(u, file_name)| {
                Ok(PhotoJob { photo_use: u.clone(), file_name, job: self.rendition_job_of(u.clone())? })
            })
            .collect()
    }

    /// What to look at before this story goes out (the journalist can export anyway).
    ///
    /// The copy desk's findings come as one item counted by category; the ones the list already
    /// names (TK notes, a photo's missing credit or alt text, alt text repeating the caption)
    /// are not counted twice.
    pub fn checklist(&mut self, story: &str) -> Result<Vec<ChecklistItem>> {
        let s = self.story(story)?;
        let warnings = byline_photos::uses::warnings(&s.photos);
        let mut items = checklist::checklist(&s, &warnings);
        let report = self.check_story(story, false)?;
        items.extend(copy_desk_item(&report));
        Ok(items)
    }

    /// Exports a story in `format` into the folder `out`; returns what was written. Exporting
    /// never changes the story. An existing destination is never overwritten.
    pub fn export_story(
        &self,
        story: &str,
        format: Format,
        out: &Path,
        options: &ExportOptions,
    ) -> Result<PathBuf> {
        destination_folder(out)?;
        let input = self.export_input(story, options)?;
        let slug = safe_file_name(&input.story.slug);
        match format {
            Format::Html => write_folder(&out.join(format!("{slug}-html")), &html::render(&input)?),
            Format::Hugo => write_folder(&out.join(format!("{slug}-hugo")), &hugo::render(&input)?),
            Format::Ninjs => single(out, &ninjs::render(&input)?),
            Format::Newsml => single(out, &newsml::render(&input)?),
            Format::Zip => write_file(&out.join(format!("{slug}.zip")), &package::render(&input)?),
            Format::Docx => {
                write_file(&out.join(format!("{slug}.docx")), &byline_export::docx::render(&input)?)
            }
            Format::Pdf => write_file(
                &out.join(format!("{slug}.pdf")),
                &byline_export::pdf::render(&input, input.paper)?,
            ),
        }
    }
}

/// A photo of a story ready to render for an export or a send.
pub struct PhotoJob {
    pub photo_use: PhotoUse,
    pub file_name: String,
    pub job: RenditionJob,
}

/// The renditions of `jobs`, made side by side (one worker per core), as the exporters take
/// them. Needs no library: a send makes them without holding it.
pub fn render_photos(jobs: Vec<PhotoJob>, options: RenditionOptions) -> Result<Vec<ExportPhoto>> {
    let (parts, renditions): (Vec<(PhotoUse, String)>, Vec<RenditionJob>) =
        jobs.into_iter().map(|j| ((j.photo_use, j.file_name), j.job)).unzip();
    let jpegs = rendition::render_all(&renditions, options)?;
    Ok(parts
        .into_iter()
        .zip(jpegs)
        .map(|((photo_use, file_name), jpeg)| {
            let (width, height) = image::ImageReader::new(std::io::Cursor::new(&jpeg))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok())
                .unwrap_or((photo_use.width, photo_use.height));
            ExportPhoto { photo_use, file_name, width, height, jpeg }
        })
        .collect())
}

fn single(out: &Path, files: &[OutputFile]) -> Result<PathBuf> {
    let file = files.first().ok_or_else(|| Error::InvalidInput("the exporter made no file".into()))?;
    write_file(&out.join(safe_file_name(&file.path)), &file.bytes)
}

/// Writes `files` as the folder `dest` (which must not exist): first into a temporary sibling,
/// every file flushed, then renamed into place in one step.
pub fn write_folder(dest: &Path, files: &[OutputFile]) -> Result<PathBuf> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another destination (nothing was overwritten)",
            dest.display()
        )));
    }
    let parent = dest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::InvalidInput(format!(
            "the destination folder {} does not exist",
            parent.display()
        )));
    }
    let tmp = parent.join(format!(
        ".{}.partial-{}",
        dest.file_name().and_then(|n| n.to_str()).unwrap_or("export"),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        std::fs::create_dir(&tmp)?;
        for file in files {
            let path = tmp.join(&file.path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut f = std::fs::File::create(&path)?;
            std::io::Write::write_all(&mut f, &file.bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, dest)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(Error::io(dest, e));
    }
    Ok(dest.to_path_buf())
}

/// Writes one file atomically (temporary sibling, flush, rename); refuses to overwrite.
pub fn write_file(dest: &Path, bytes: &[u8]) -> Result<PathBuf> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!(
            "{} already exists; choose another destination (nothing was overwritten)",
            dest.display()
        )));
    }
    byline_model::files::write_atomically(dest, bytes, true)?;
    Ok(dest.to_path_buf())
}

/// Makes sure `out` is a folder to export into: one that exists, or a new one made in a folder
/// that does (a mistyped path several folders deep is still refused, so nothing is scattered).
fn destination_folder(out: &Path) -> Result<()> {
    if out.is_dir() {
        return Ok(());
    }
    if out.exists() {
        return Err(Error::InvalidInput(format!(
            "the destination {} is a file, not a folder",
            out.display()
        )));
    }
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !parent.is_dir() {
        return Err(Error::InvalidInput(format!(
            "the destination folder {} does not exist, and neither does {}",
            out.display(),
            parent.display()
        )));
    }
    std::fs::create_dir(out).map_err(|e| Error::io(out, e))
}

/// The checklist's copy-desk item: the findings counted by category, leaving out the ones the
/// checklist names itself (TK notes, a photo's missing credit or alt text, alt text repeating the
/// caption); none for a clean report.
pub fn copy_desk_item(report: &byline_check::Report) -> Option<ChecklistItem> {
    const ALREADY: [&str; 4] =
        ["structure.tk", "captions.missing-credit", "captions.missing-alt", "captions.alt-is-caption"];
    let mut counts: std::collections::BTreeMap<byline_check::Category, usize> = Default::default();
    for f in report.findings.iter().filter(|f| !ALREADY.contains(&f.rule.as_str())) {
        *counts.entry(f.category).or_default() += 1;
    }
    if counts.is_empty() {
        return None;
    }
    let total: usize = counts.values().sum();
    let parts: Vec<String> =
        counts.iter().map(|(c, n)| format!("{n} {}", format!("{c:?}").to_lowercase())).collect();
    Some(ChecklistItem {
        check: checklist::ChecklistCheck::CopyDesk,
        message: format!("the copy desk has {total} finding(s): {}", parts.join(", ")),
    })
}
