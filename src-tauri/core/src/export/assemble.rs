//! Gathering an export: the story, its photo renditions (metadata inside) with safe file names,
//! its related posts as titles and URLs, then writing the chosen format into place.

use std::path::{Path, PathBuf};

use super::filename::{safe_file_name, unique_names};
use super::{ExportInput, ExportOptions, ExportPhoto, ExportRelated, Format, OutputFile};
use crate::store::Library;
use crate::{Error, Result};

impl Library {
    /// Everything the exporters need for one story.
    pub fn export_input(&self, story: &str, options: &ExportOptions) -> Result<ExportInput> {
        let story = self.story(story)?;
        let names: Vec<String> = story
            .photos
            .iter()
            .enumerate()
            .map(|(n, u)| match u.role {
                crate::PhotoRole::Lead => format!("{}-lead.jpg", story.slug),
                crate::PhotoRole::Inline => format!("{}-{}.jpg", story.slug, n),
            })
            .collect();
        let names = unique_names(&names);
        let ids: Vec<String> = story.photos.iter().map(|u| u.id.clone()).collect();
        let jpegs = self.renditions(&story.id.to_string(), &ids, options.rendition)?;
        let mut photos = Vec::new();
        for ((u, file_name), jpeg) in story.photos.iter().zip(names).zip(jpegs) {
            let (width, height) = image::ImageReader::new(std::io::Cursor::new(&jpeg))
                .with_guessed_format()
                .ok()
                .and_then(|r| r.into_dimensions().ok())
                .unwrap_or((u.width, u.height));
            photos.push(ExportPhoto { photo_use: u.clone(), file_name, width, height, jpeg });
        }
        let (lead, inline) = super::split_photos(photos);
        // Only the stories this one links to: a library may hold 100,000.
        let mut linked: Vec<String> = story.body.story_links().into_iter().collect();
        linked.extend(story.related.iter().filter_map(|r| r.story_id.map(|id| id.to_string())));
        let refs: Vec<crate::StoryRef> = self.story_refs(&linked)?.into_iter().filter(|r| r.exists).collect();
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
        Ok(ExportInput { story, lead, inline, related, base_url, exported: crate::store::now(), story_slugs })
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
        if !out.is_dir() {
            return Err(Error::InvalidInput(format!(
                "the destination folder {} does not exist",
                out.display()
            )));
        }
        let input = self.export_input(story, options)?;
        let slug = safe_file_name(&input.story.slug);
        match format {
            Format::Html => {
                super::write_folder(&out.join(format!("{slug}-html")), &super::html::render(&input)?)
            }
            Format::Hugo => {
                super::write_folder(&out.join(format!("{slug}-hugo")), &super::hugo::render(&input)?)
            }
            Format::Ninjs => single(out, &super::ninjs::render(&input)?),
            Format::Newsml => single(out, &super::newsml::render(&input)?),
            Format::Zip => {
                super::write_file(&out.join(format!("{slug}.zip")), &super::package::render(&input)?)
            }
        }
    }
}

fn single(out: &Path, files: &[OutputFile]) -> Result<PathBuf> {
    let file = files.first().ok_or_else(|| Error::InvalidInput("the exporter made no file".into()))?;
    super::write_file(&out.join(safe_file_name(&file.path)), &file.bytes)
}
