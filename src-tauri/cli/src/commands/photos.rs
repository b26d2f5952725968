//! The photo commands: attach, caption, and the derived files rebuilt.

use std::path::PathBuf;

use byline_core::{Error, Library, PhotoRole, PhotoUse, PhotoUseEdit};

use super::json;
use crate::cli::CaptionFields;

/// `attach`: attaches photos to a story and prints each use; an error when none could be.
pub fn attach(
    lib: &mut Library,
    story: &str,
    photos: &[PathBuf],
    lead: bool,
    as_json: bool,
) -> Result<(), Error> {
    let report = lib.attach_photos(story, photos, lead)?;
    for skipped in &report.skipped {
        eprintln!("byline: skipped {}", skipped.problem);
    }
    if as_json {
        json(&report)?;
    } else {
        report.uses.iter().for_each(print_use);
    }
    if report.uses.is_empty() && !report.skipped.is_empty() {
        return Err(Error::InvalidInput("no photo could be attached".into()));
    }
    Ok(())
}

/// `caption`: edits one story's caption, credit and alt text of a photo, and prints the use.
pub fn caption(lib: &mut Library, story: &str, photo_use: &str, fields: CaptionFields) -> Result<(), Error> {
    let CaptionFields { caption, credit, alt, creator, copyright, stand_in } = fields;
    let edit = PhotoUseEdit { caption, credit, alt_text: alt, creator, copyright, role: None, stand_in };
    print_use(&lib.edit_photo_use(story, photo_use, edit)?);
    Ok(())
}

/// `photos rebuild`: every thumbnail and preview made again from the originals.
pub fn rebuild(lib: &mut Library) -> Result<(), Error> {
    let (done, failed) = lib.rebuild_derived()?;
    println!("{done} photos rebuilt");
    for f in &failed {
        eprintln!("byline: {} could not be rebuilt: {}", f.file, f.problem);
    }
    if !failed.is_empty() {
        return Err(Error::InvalidInput(format!("{} photos could not be rebuilt", failed.len())));
    }
    Ok(())
}

/// Prints a photo use: its id, role and size, caption, credit and alt text.
fn print_use(u: &PhotoUse) {
    let role = match u.role {
        PhotoRole::Lead => "lead",
        PhotoRole::Inline => "inline",
    };
    println!("{}  {role}  {}x{}", u.id, u.width, u.height);
    println!("  caption  {}", u.caption);
    println!("  credit   {}  ({})", u.credit, u.credit_line);
    println!("  alt      {}", u.alt_text);
    if !u.stand_in.trim().is_empty() {
        println!("  STAND-IN {}", u.stand_in);
    }
}
