//! The revision commands: a story's revisions, and an old one made current again.

use byline_core::{Error, Library};

use super::json;

/// `revisions`: a story's revisions, newest first.
pub fn list(lib: &Library, story: &str, as_json: bool) -> Result<(), Error> {
    let revisions = lib.list_revisions(story)?;
    if as_json {
        return json(&revisions);
    }
    for r in revisions {
        let saved = byline_core::time::rfc3339(r.saved);
        println!("{:>5}  {}  {:>6} words  {}", r.revision, saved, r.words, r.headline);
    }
    Ok(())
}

/// `restore STORY REVISION`: makes an old revision current again, as a new revision.
pub fn restore(lib: &mut Library, target: &str, revision: i64) -> Result<(), Error> {
    let current = lib.story(target)?;
    let restored = lib.restore_revision(target, revision, current.revision)?;
    println!("{} revision {} restored as revision {}", restored.id, revision, restored.revision);
    Ok(())
}
