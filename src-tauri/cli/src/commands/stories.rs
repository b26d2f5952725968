//! The story commands: new, list, show, import, set, delete and undelete.

use std::path::Path;

use byline_core::{Error, Library, NewStory, PhotoRole, PhotoUse, Status, Story};

use super::json;
use crate::cli::StoryFields;

/// `new`: starts a story and prints its id.
pub fn new(
    lib: &mut Library,
    headline: String,
    kicker: Option<String>,
    byline: Option<String>,
) -> Result<(), Error> {
    let story = lib.create_story(NewStory { headline, kicker, byline })?;
    println!("{}", story.id);
    Ok(())
}

/// `list`: the stories, most recently updated first.
pub fn list(lib: &Library, status: Option<String>, as_json: bool) -> Result<(), Error> {
    let status = status.map(|s| s.parse::<Status>()).transpose()?;
    let stories = lib.list_stories(status)?;
    if as_json {
        return json(&stories);
    }
    for s in stories {
        println!("{}  {:<9}  {:>6} words  {}  {}", s.id, s.status, s.words, s.slug, s.headline);
    }
    Ok(())
}

/// `show`: one story, and its photo warnings on stderr.
pub fn show(lib: &Library, story: &str, as_json: bool) -> Result<(), Error> {
    let story = lib.story(story)?;
    if as_json {
        return json(&story);
    }
    print_story(&story);
    for w in lib.photo_warnings(&story.slug)? {
        eprintln!("warning: {}", w.message);
    }
    Ok(())
}

/// `import`: a file, a story package or a folder of them; prints the new ids.
pub fn import(lib: &mut Library, file: &Path) -> Result<(), Error> {
    let report = lib.import_path(file)?;
    for note in &report.notes {
        eprintln!("byline: {note}");
    }
    for skipped in &report.skipped {
        eprintln!("byline: skipped {}: {}", skipped.file, skipped.problem);
    }
    for id in &report.stories {
        println!("{id}");
    }
    Ok(())
}

/// `set`: changes the fields given and prints the new revision.
pub fn set(lib: &mut Library, story: &str, fields: StoryFields) -> Result<(), Error> {
    let StoryFields {
        status,
        headline,
        kicker,
        standfirst,
        byline,
        dateline,
        slug,
        tags,
        word_target,
        language,
    } = fields;
    // One read-modify-write transaction: another process's save of this story waits
    // for it instead of making it a conflict.
    let saved = lib.update_story(story, |edit| {
        if let Some(status) = status {
            edit.status = status.parse()?;
        }
        let text_fields = [
            (headline, &mut edit.headline),
            (kicker, &mut edit.kicker),
            (standfirst, &mut edit.standfirst),
            (byline, &mut edit.byline),
            (dateline, &mut edit.dateline),
            (slug, &mut edit.slug),
            (language, &mut edit.language),
        ];
        for (value, field) in text_fields {
            if let Some(value) = value {
                *field = value;
            }
        }
        if let Some(tags) = tags {
            edit.tags = tags.split(',').map(str::to_string).collect();
        }
        if let Some(target) = word_target {
            edit.word_target = Some(target);
        }
        Ok(())
    })?;
    println!("{} revision {}", saved.id, saved.revision);
    Ok(())
}

/// `delete`: moves a story to the trash, naming the stories whose links now show as broken.
pub fn delete(lib: &mut Library, story: &str) -> Result<(), Error> {
    let linking = lib.backlinks(story)?;
    let id = lib.delete_story(story)?;
    if !linking.is_empty() {
        eprintln!("byline: {} stories link to this one; their links now show as broken:", linking.len());
        for link in &linking {
            eprintln!("  {}  {}", link.story.slug, link.story.headline);
        }
    }
    println!("{id} moved to the trash (undo: byline undelete {id})");
    Ok(())
}

/// `undelete`: takes a story out of the trash.
pub fn undelete(lib: &mut Library, id: &str) -> Result<(), Error> {
    let story = lib.undelete_story(id)?;
    println!("{} {}", story.id, story.headline);
    Ok(())
}

/// Prints a story's fields, counts, photos and plain text.
fn print_story(story: &Story) {
    let line = |label: &str, value: &str| {
        if !value.is_empty() {
            println!("{label:<11}{value}");
        }
    };
    line("id", &story.id.to_string());
    line("slug", &story.slug);
    line("status", story.status.as_str());
    line("kicker", &story.kicker);
    line("headline", &story.headline);
    line("standfirst", &story.standfirst);
    line("byline", &story.byline);
    line("dateline", &story.dateline);
    line("tags", &story.tags.join(", "));
    let s = story.stats;
    let target = story.word_target.map(|t| format!(" of {t}")).unwrap_or_default();
    println!(
        "{:<11}{} words{target}, {} characters, {} min read, {} notes, revision {}",
        "counts", s.words, s.characters, s.reading_minutes, s.notes, story.revision
    );
    for u in &story.photos {
        let line = [u.caption.as_str(), u.credit_line.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        line_photo(u, &line);
    }
    println!();
    println!("{}", story.body.plain_text());
}

/// Prints one photo line of [`print_story`].
fn line_photo(u: &PhotoUse, caption: &str) {
    let label = if u.role == PhotoRole::Lead { "lead photo" } else { "photo" };
    println!("{label:<11}{caption}");
}
