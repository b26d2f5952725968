//! The library store, as the app and the CLI use it, on temporary libraries.

use std::path::Path;

use byline_core::{Document, Error, Library, NewStory, Seed, Status, StoryEdit, DATABASE_FILE};
use serde_json::json;
use time::{Duration, OffsetDateTime};

fn empty_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
    (dir, lib)
}

fn paragraphs(texts: &[&str]) -> Document {
    Document::from_paragraphs(texts)
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_new_library_holds_the_sample_story_and_keeps_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path()).expect("open");
    let list = lib.list_stories(None).expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kicker, "Photo captions");
    let story = lib.story(&list[0].slug).expect("by slug");
    assert_eq!(story.headline, "AL Secretary-General calls for international efforts to eliminate IS");
    assert!(story.body.plain_text().contains("Ministerial Conference of the Global Coalition Against ISIS"));
    assert!(story.related.is_empty());
    // Its lead photo is NASA's portrait of Eileen Collins, not the man the caption names: the alt
    // text says who is in it, and the photo is marked as a stand-in, which the checklist raises.
    let lead = &story.photos[0];
    assert_eq!(lead.stand_in, byline_core::sample::LEAD_PHOTO_STAND_IN);
    assert!(lead.alt_text.starts_with("NASA astronaut Eileen Collins"), "{}", lead.alt_text);
    let warnings = lib.photo_warnings(&story.slug).expect("warnings");
    assert_eq!(
        warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [byline_core::PhotoWarningKind::StandIn],
        "{warnings:?}"
    );
    drop(lib);
    // Reopening does not seed again.
    let lib = Library::open(dir.path()).expect("reopen");
    assert_eq!(lib.list_stories(None).expect("list").len(), 1);
}

#[test]
fn every_word_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let id = {
        let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
        let story = lib
            .create_story(NewStory {
                headline: "Coalition meets in Rome".into(),
                kicker: Some("Diplomacy".into()),
                byline: Some("Jane Roe".into()),
            })
            .expect("create");
        let mut edit = story.edit();
        edit.standfirst = "Ministers agree to focus on Africa.".into();
        edit.dateline = "ROME".into();
        edit.status = Status::Editing;
        edit.tags = vec!["IS".into(), " Rome ".into(), "is".into(), "".into()];
        edit.word_target = Some(600);
        edit.body = paragraphs(&["First paragraph, with “quotes” — and é.", "Second paragraph."]);
        lib.save_story(edit).expect("save");
        story.id
    };
    let lib = Library::open_with(dir.path(), Seed::Empty).expect("reopen");
    let story = lib.story(&id.to_string()).expect("story");
    assert_eq!(story.kicker, "Diplomacy");
    assert_eq!(story.byline, "Jane Roe");
    assert_eq!(story.standfirst, "Ministers agree to focus on Africa.");
    assert_eq!(story.dateline, "ROME");
    assert_eq!(story.status, Status::Editing);
    assert_eq!(story.tags, vec!["IS", "Rome"]);
    assert_eq!(story.word_target, Some(600));
    assert_eq!(story.body.plain_text(), "First paragraph, with “quotes” — and é.\n\nSecond paragraph.");
    assert_eq!(story.revision, 2);
    assert_eq!(story.stats.words, 8); // the dash is not a word
    assert_eq!(story.slug, "coalition-meets-in-rome");
}

#[test]
fn a_stale_save_is_a_conflict_and_overwrites_nothing() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "Original".into(), ..Default::default() }).expect("create");
    let mut first = story.edit();
    first.headline = "First writer".into();
    lib.save_story(first).expect("first save");
    let mut stale = story.edit();
    stale.headline = "Second writer".into();
    let err = lib.save_story(stale).expect_err("stale save");
    assert!(matches!(err, Error::Conflict { base: 1, current: 2 }), "{err}");
    assert!(err.to_string().contains("nothing was overwritten"));
    let now = lib.story(&story.id.to_string()).expect("story");
    assert_eq!(now.headline, "First writer");
    assert_eq!(lib.list_revisions(&story.id.to_string()).expect("revs").len(), 2);
}

#[test]
fn unknown_stories_and_revisions_are_named() {
    let (_dir, mut lib) = empty_library();
    let err = lib.story("no-such-story").expect_err("unknown");
    assert_eq!(err.to_string(), "no story no-such-story in this library");
    let ghost = StoryEdit {
        id: byline_core::StoryId::new(),
        base_revision: 1,
        slug: "ghost".into(),
        kicker: String::new(),
        headline: "Ghost".into(),
        standfirst: String::new(),
        byline: String::new(),
        dateline: String::new(),
        language: "en-US".into(),
        status: Status::Draft,
        tags: vec![],
        word_target: None,
        body: Document::default(),
    };
    assert!(matches!(lib.save_story(ghost), Err(Error::StoryNotFound(_))));
    let story = lib.create_story(NewStory { headline: "Real".into(), ..Default::default() }).expect("create");
    let err = lib.revision(&story.slug, 42).expect_err("no revision 42");
    assert!(err.to_string().contains("no revision 42"), "{err}");
}

#[test]
fn an_invalid_body_from_the_editor_is_refused_with_its_path() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "Body check".into(), ..Default::default() }).expect("create");
    let mut value = serde_json::to_value(story.edit()).expect("json");
    value["body"] = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "x", "marks": [{"type": "link", "attrs": {"href": "javascript:alert(1)"}}]}]}]});
    let err = StoryEdit::from_value(value).expect_err("refused");
    assert_eq!(err.kind(), byline_core::ErrorKind::InvalidDocument);
    assert!(err.to_string().contains("content[0].content[0].marks[0]"), "{err}");
    assert_eq!(lib.story(&story.slug).expect("unchanged").revision, 1);
    let mut value = serde_json::to_value(story.edit()).expect("json");
    value["status"] = json!("lost");
    let err = StoryEdit::from_value(value).expect_err("bad status");
    assert_eq!(err.kind(), byline_core::ErrorKind::InvalidInput);
    let saved = lib.save_story(story.edit()).expect("a good edit still saves");
    assert_eq!(saved.revision, 2);
}

#[test]
fn a_corrupt_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join(DATABASE_FILE);
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&db, &garbage).expect("write");
    let err = Library::open(dir.path()).expect_err("corrupt file");
    assert!(matches!(err, Error::NotALibrary { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    assert_eq!(file_bytes(&db), garbage, "the file was not modified");
    assert!(!dir.path().join("library.sqlite-wal").exists());
}

#[test]
fn a_truncated_library_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let _lib = Library::open(dir.path()).expect("create");
    }
    let db = dir.path().join(DATABASE_FILE);
    let whole = file_bytes(&db);
    // Keep a damaged header: the first 100 bytes with the magic string broken.
    let mut damaged = whole[..100].to_vec();
    damaged[0] = b'X';
    std::fs::write(&db, &damaged).expect("truncate");
    let err = Library::open(dir.path()).expect_err("damaged");
    assert!(matches!(err, Error::NotALibrary { .. }), "{err}");
    assert_eq!(file_bytes(&db), damaged);
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&db).expect("sqlite");
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
            .expect("foreign schema");
    }
    let before = file_bytes(&db);
    let err = Library::open(dir.path()).expect_err("foreign");
    assert!(err.to_string().contains("a SQLite database of another program"), "{err}");
    assert_eq!(file_bytes(&db), before);
}

#[test]
fn a_library_from_a_newer_byline_is_refused_and_not_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let _lib = Library::open(dir.path()).expect("create");
    }
    let db = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&db).expect("sqlite");
        conn.pragma_update(None, "user_version", 99).expect("bump");
        conn.pragma_update(None, "journal_mode", "delete").expect("checkpoint");
    }
    let before = file_bytes(&db);
    let err = Library::open(dir.path()).expect_err("newer");
    assert!(matches!(err, Error::NewerLibrary { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer version of Byline"), "{err}");
    assert_eq!(file_bytes(&db), before);
}

#[test]
fn an_unusable_library_folder_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").expect("write");
    let err = Library::open(file.join("library")).expect_err("folder under a file");
    assert!(matches!(err, Error::LibraryFolder { .. }), "{err}");
    assert!(err.to_string().contains("cannot use the library folder"), "{err}");
}

#[test]
fn revisions_can_be_previewed_and_restored_as_a_new_revision() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "Draft one".into(), ..Default::default() }).expect("create");
    let mut edit = story.edit();
    for (i, text) in ["alpha", "alpha beta", "alpha beta gamma"].iter().enumerate() {
        edit.headline = format!("Draft {}", i + 2);
        edit.body = paragraphs(&[text]);
        let saved = lib.save_story(edit.clone()).expect("save");
        edit.base_revision = saved.revision;
    }
    let list = lib.list_revisions(&story.slug).expect("list");
    assert_eq!(list.iter().map(|r| r.revision).collect::<Vec<_>>(), vec![4, 3, 2, 1]);
    assert_eq!(list[0].words, 3);
    let view = lib.revision(&story.slug, 2).expect("revision 2");
    assert_eq!(view.story.headline, "Draft 2");
    assert_eq!(view.story.body.plain_text(), "alpha");
    let restored = lib.restore_revision(&story.slug, 2, 4).expect("restore");
    assert_eq!(restored.revision, 5);
    assert_eq!(restored.headline, "Draft 2");
    assert_eq!(lib.story(&story.slug).expect("now").body.plain_text(), "alpha");
    // the newer text is still in history
    assert_eq!(lib.revision(&story.slug, 4).expect("rev 4").story.body.plain_text(), "alpha beta gamma");
    // restoring from a stale view is a conflict
    assert!(matches!(lib.restore_revision(&story.slug, 3, 4), Err(Error::Conflict { .. })));
}

/// A 5,000-word story: 50 paragraphs of 100 words.
fn long_story(seed: usize) -> Vec<String> {
    let vocab = [
        "coalition",
        "minister",
        "Rome",
        "security",
        "Africa",
        "network",
        "aid",
        "said",
        "the",
        "of",
        "Syria",
        "Iraq",
        "talks",
        "agreed",
        "forces",
        "local",
    ];
    (0..50)
        .map(|p| (0..100).map(|w| vocab[(p * 31 + w * 7 + seed) % vocab.len()]).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn an_hour_of_typing_in_a_5000_word_story_stays_under_10_mb_of_revisions() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "Long read".into(), ..Default::default() }).expect("create");
    let mut paras = long_story(0);
    let mut edit = story.edit();
    let start = OffsetDateTime::now_utc();
    // A save every 2 s for an hour, each after a few more words typed somewhere in the story.
    for i in 0..1800usize {
        let p = (i * 13) % paras.len();
        paras[p].push_str(&format!(" typed{i} word"));
        edit.body = paragraphs(&paras.iter().map(String::as_str).collect::<Vec<_>>());
        let saved = lib.save_story_at(edit.clone(), start + Duration::seconds(2 * i as i64)).expect("save");
        edit.base_revision = saved.revision;
    }
    let bytes = lib.revision_storage(&story.slug).expect("size");
    let json_len = serde_json::to_string(&edit.body).expect("json").len();
    println!("revision storage after 1800 saves of a {json_len}-byte body: {bytes} bytes");
    assert!(bytes < 10 * 1024 * 1024, "{bytes} bytes");
    assert_eq!(lib.list_revisions(&story.slug).expect("list").len(), 1801);
    // spot-check that history decodes exactly
    let mid = lib.revision(&story.slug, 900).expect("rev 900");
    assert!(mid.story.body.plain_text().contains("typed898 word"));
    assert!(!mid.story.body.plain_text().contains("typed899 "));
}

#[test]
fn revisions_older_than_an_hour_thin_to_one_per_ten_minutes() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "Thin me".into(), ..Default::default() }).expect("create");
    let mut edit = story.edit();
    let start = OffsetDateTime::now_utc() - Duration::hours(3);
    // A save every 30 s for three hours.
    let saves = 360;
    for i in 0..saves {
        edit.body = paragraphs(&[&format!("version {i}")]);
        let saved = lib.save_story_at(edit.clone(), start + Duration::seconds(30 * i)).expect("save");
        edit.base_revision = saved.revision;
    }
    let now = start + Duration::seconds(30 * (saves - 1));
    let revs = lib.list_revisions(&story.slug).expect("list");
    let cutoff = now - Duration::hours(1);
    let recent = revs.iter().filter(|r| r.saved >= cutoff).count();
    assert_eq!(recent, 121, "every save of the last hour is kept");
    // Thinning runs at most every five minutes, so look at what is older than that too.
    let thinned = cutoff - Duration::minutes(5);
    let mut buckets = std::collections::BTreeMap::new();
    for r in revs.iter().filter(|r| r.saved < thinned) {
        *buckets.entry(r.saved.unix_timestamp() / 600).or_insert(0) += 1;
    }
    assert!(buckets.len() >= 10, "{buckets:?}");
    // One per ten minutes, plus at most one keyframe a kept delta still needs.
    assert!(buckets.values().all(|n| *n <= 2), "{buckets:?}");
    assert!(revs.len() < 200, "{} revisions kept of {saves}", revs.len());
    for r in &revs {
        let view = lib.revision(&story.slug, r.revision).expect("every kept revision decodes");
        assert_eq!(view.story.id, story.id);
    }
    assert_eq!(lib.story(&story.slug).expect("story").body.plain_text(), format!("version {}", saves - 1));
}

/// A save writes the copy once: into its revision, the story row's own body left empty. The
/// body reads back from the revision, across a reopening, a keyframe and its deltas alike.
#[test]
fn a_saved_body_lives_in_its_revision_and_reads_back_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
    let story = lib.create_story(NewStory { headline: "Once".into(), ..Default::default() }).expect("create");
    let mut edit = story.edit();
    for i in 0..5 {
        edit.body = paragraphs(&[&format!("Draft {i} of the flood story."), "The coast road is closed."]);
        edit.base_revision = lib.save_story(edit.clone()).expect("save").revision;
    }
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).expect("sqlite");
    let (row_body, deltas): (String, i64) = conn
        .query_row(
            "SELECT s.body, (SELECT count(*) FROM revisions r WHERE r.story_id = s.id AND r.base IS NOT NULL)
             FROM stories s",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row");
    assert_eq!(row_body, "", "the row does not hold a second copy of the body");
    assert!(deltas >= 4, "the current body is a delta against its keyframe ({deltas} deltas)");
    drop(lib);
    let mut lib = Library::open(dir.path()).expect("reopen");
    let read = lib.story(&story.slug).expect("story");
    assert_eq!(read.body, edit.body);
    assert_eq!(read.stats.words, edit.body.stats().words);
    let query = byline_core::SearchQuery { text: "\"Draft 4\"".into(), ..Default::default() };
    let found = lib.search(&query).expect("search");
    assert_eq!(found.total, 1, "the index reads the body from the revision too");
}

/// A damaged current revision is the story's damaged body, named; the other stories read.
#[test]
fn a_damaged_current_revision_is_named_and_the_other_stories_still_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
    let hurt = lib.create_story(NewStory { headline: "Hurt".into(), ..Default::default() }).expect("a");
    let fine = lib.create_story(NewStory { headline: "Fine".into(), ..Default::default() }).expect("b");
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).expect("sqlite");
    conn.execute("UPDATE revisions SET snapshot = x'00ff00ff' WHERE story_id = ?1", [hurt.id.to_string()])
        .expect("damage");
    let err = lib.story(&hurt.slug).expect_err("a damaged body is an error");
    let message = err.to_string();
    assert!(message.contains(&hurt.id.to_string()) && message.contains("damaged body"), "{message}");
    assert_eq!(lib.story(&fine.slug).expect("the other story").headline, "Fine");
    assert_eq!(lib.list_stories(None).expect("list").len(), 2);
    // A damaged length is an error too, not an allocation of a terabyte.
    conn.execute("UPDATE revisions SET raw_len = 1099511627776 WHERE story_id = ?1", [fine.id.to_string()])
        .expect("damage the length");
    let err = lib.story(&fine.slug).expect_err("a damaged length is an error");
    assert!(err.to_string().contains("1099511627776 bytes"), "{err}");
    assert!(lib.revision(&fine.slug, 1).is_err(), "the revision preview says so too");
}

/// A revision stored as changes to a keyframe whose row is gone says so, for the story and for
/// the revision's preview, rather than reporting a decompression error.
#[test]
fn a_delta_whose_keyframe_is_missing_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
    let story =
        lib.create_story(NewStory { headline: "Deltas".into(), ..Default::default() }).expect("story");
    let mut edit = story.edit();
    for i in 0..3 {
        edit.body = paragraphs(&[&format!("Draft {i} of the story.")]);
        edit.base_revision = lib.save_story(edit.clone()).expect("save").revision;
    }
    let base = edit.base_revision;
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).expect("sqlite");
    let keyframe: i64 = conn
        .query_row(
            "SELECT base FROM revisions WHERE story_id = ?1 AND revision = ?2",
            rusqlite::params![story.id.to_string(), base],
            |r| r.get(0),
        )
        .expect("the current revision is a delta");
    // The schema's foreign key keeps a keyframe a delta needs; damage or another tool need not.
    conn.execute_batch("PRAGMA foreign_keys = OFF").expect("pragma");
    conn.execute("DELETE FROM revisions WHERE id = ?1", [keyframe]).expect("lose the keyframe");
    let err = lib.story(&story.slug).expect_err("the body cannot be rebuilt").to_string();
    assert!(err.contains("damaged body") && err.contains("that revision is missing"), "{err}");
    let err = lib.revision(&story.slug, base).expect_err("nor the preview").to_string();
    assert!(err.contains(&format!("revision {base}")) && err.contains("that revision is missing"), "{err}");
}

/// A library from schema 8 (bodies in the story rows) opens with every body; a story saved
/// after the upgrade moves its body into its revision, the others keep reading their own.
#[test]
fn bodies_of_an_older_library_read_as_they_are_and_move_on_their_next_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/libraries/schema-8");
    std::fs::copy(fixture.join(DATABASE_FILE), dir.path().join(DATABASE_FILE)).expect("copy");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("upgrade");
    let list = lib.list_stories(None).expect("list");
    assert_eq!(list.len(), 3);
    let before: Vec<(String, Document)> =
        list.iter().map(|s| (s.slug.clone(), lib.story(&s.slug).expect("story").body)).collect();
    // Each as the old row holds it.
    let old = rusqlite::Connection::open(fixture.join(DATABASE_FILE)).expect("fixture");
    for (slug, body) in &before {
        let json: String =
            old.query_row("SELECT body FROM stories WHERE slug = ?1", [slug], |r| r.get(0)).expect("old row");
        assert_eq!(body, &Document::from_json(&json).expect("old body"), "{slug}");
    }
    assert!(before.iter().any(|(_, body)| body.plain_text().contains("Aboul-Gheit")));
    let floods = lib.story("floods-close-the-coast-road").expect("floods");
    let mut edit = floods.edit();
    edit.body = paragraphs(&["The coast road reopened on Tuesday."]);
    lib.save_story(edit.clone()).expect("save");
    for (slug, body) in &before {
        let now = lib.story(slug).expect("story").body;
        if slug == "floods-close-the-coast-road" {
            assert_eq!(now, edit.body);
        } else {
            assert_eq!(&now, body, "{slug} reads as it was");
        }
    }
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE)).expect("sqlite");
    let inline: i64 =
        conn.query_row("SELECT count(*) FROM stories WHERE body <> ''", [], |r| r.get(0)).expect("count");
    assert_eq!(inline, 2, "only the saved story moved its body");
}

#[test]
fn slugs_are_unique_and_editable() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_story(NewStory { headline: "Same headline".into(), ..Default::default() }).expect("a");
    let b = lib.create_story(NewStory { headline: "Same headline".into(), ..Default::default() }).expect("b");
    assert_eq!(a.slug, "same-headline");
    assert_eq!(b.slug, "same-headline-2");
    let mut edit = b.edit();
    edit.slug = "same-headline".into();
    let err = lib.save_story(edit.clone()).expect_err("taken");
    assert!(err.to_string().contains("already used"), "{err}");
    edit.slug = "Bad Slug".into();
    assert!(lib.save_story(edit.clone()).is_err());
    edit.slug = "rome-follow-up".into();
    assert_eq!(lib.save_story(edit).expect("renamed").slug, "rome-follow-up");
    assert_eq!(lib.resolve("rome-follow-up").expect("by slug"), b.id);
}

#[test]
fn deleting_goes_to_the_trash_and_can_be_undone() {
    let (_dir, mut lib) = empty_library();
    let story = lib.create_story(NewStory { headline: "Oops".into(), ..Default::default() }).expect("create");
    lib.delete_story(&story.slug).expect("delete");
    assert!(lib.list_stories(None).expect("list").is_empty());
    assert!(matches!(lib.story(&story.slug), Err(Error::StoryNotFound(_))));
    let back = lib.undelete_story(&story.id.to_string()).expect("undo");
    assert_eq!(back.headline, "Oops");
    assert_eq!(lib.list_stories(None).expect("list").len(), 1);
}

#[test]
fn the_list_filters_by_status() {
    let (_dir, mut lib) = empty_library();
    let a = lib.create_story(NewStory { headline: "A".into(), ..Default::default() }).expect("a");
    lib.create_story(NewStory { headline: "B".into(), ..Default::default() }).expect("b");
    let mut edit = a.edit();
    edit.status = Status::Ready;
    lib.save_story(edit).expect("save");
    let ready = lib.list_stories(Some(Status::Ready)).expect("ready");
    assert_eq!(ready.len(), 1);
    assert_eq!(ready[0].headline, "A");
    assert_eq!(lib.list_stories(None).expect("all").len(), 2);
}

#[test]
fn marking_published_records_the_time_once() {
    let (_dir, mut lib) = empty_library();
    let story =
        lib.create_story(NewStory { headline: "To press".into(), ..Default::default() }).expect("create");
    assert_eq!(story.published, None);
    let published = lib.mark_published(&story.slug).expect("publish");
    assert_eq!(published.status, Status::Published);
    let first = published.published.expect("time recorded");
    let mut edit = published.edit();
    edit.headline = "To press, corrected".into();
    let again = lib.save_story(edit).expect("save");
    assert_eq!(again.published, Some(first), "a later save keeps the first publication time");
    assert_eq!(lib.story(&story.slug).expect("story").published, Some(first));
}

#[test]
fn a_new_or_upgraded_library_knows_the_agencies() {
    // The store makes the agency table (new library, or upgraded from v1) and says it is empty;
    // the library gives it the credit rules' first rows, once.
    let (_dir, lib) = empty_library();
    let agencies = lib.agencies().expect("agencies");
    assert!(agencies.len() > 10, "agency table seeded: {}", agencies.len());
    assert!(agencies.iter().any(|(alias, name)| alias == "Agence France-Presse" && name == "AFP"));
}
