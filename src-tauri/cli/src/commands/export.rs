//! The export command: one story, or every story with a status, for publishing.

use byline_core::export::{ExportOptions, Format};
use byline_core::photos::rendition::RenditionOptions;
use byline_core::{Error, Library};

use crate::cli::ExportArgs;

/// `export`: each story's checklist warnings on stderr, then its export; an error when any
/// export failed.
pub fn export(lib: &mut Library, story: Option<String>, args: ExportArgs) -> Result<(), Error> {
    let ExportArgs { format, out, status, base_url, size, keep_gps, page } = args;
    let format: Format = format.parse()?;
    let paper = byline_core::export::Paper::parse(&page)?;
    let options =
        ExportOptions { rendition: RenditionOptions { long_edge: size, keep_gps }, base_url, paper };
    let stories: Vec<String> = match (story, status) {
        (Some(story), None) => vec![story],
        (None, Some(status)) => {
            lib.list_stories(Some(status.parse()?))?.into_iter().map(|s| s.slug).collect()
        }
        _ => return Err(Error::InvalidInput("name one story, or use --status for a batch".into())),
    };
    let total = stories.len();
    let mut failed = 0;
    for (n, story) in stories.iter().enumerate() {
        for item in lib.checklist(story)? {
            eprintln!("warning: {story}: {}", item.message);
        }
        match lib.export_story(story, format, &out, &options) {
            Ok(path) => println!("[{}/{total}] {story} -> {}", n + 1, path.display()),
            Err(e) => {
                failed += 1;
                eprintln!("byline: [{}/{total}] {story}: {e}", n + 1);
            }
        }
    }
    if failed > 0 {
        return Err(Error::InvalidInput(format!("{failed} of {total} exports failed")));
    }
    Ok(())
}
