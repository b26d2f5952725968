//! Promise 2, full disk: a library on a tiny filesystem fills up during saves. The save fails
//! with an error that says so, nothing half-written is left, earlier revisions are intact, and
//! the same edit saves once space is freed. Needs root to mount a tmpfs (CI runs as root).

use byline_core::{Document, Library, NewStory, Seed};

mod common;

#[test]
fn a_full_disk_fails_the_save_cleanly_and_it_saves_once_space_is_freed() {
    let dir = tempfile::tempdir().expect("temp");
    let mount = dir.path().join("tiny");
    let Some(_fs) = common::tiny_filesystem(&mount, "2m") else { return };
    let lib_dir = mount.join("lib");
    let mut lib = Library::open_with(&lib_dir, Seed::Empty).expect("library");
    let story =
        lib.create_story(NewStory { headline: "Full disk".into(), ..Default::default() }).expect("story");
    let mut edit = story.edit();
    edit.body = Document::from_paragraphs(&["The first version, saved while there was room."]);
    let first = lib.save_story(edit.clone()).expect("first save");
    // Fill the disk, leaving a few KB.
    let filler = mount.join("filler");
    let mut size = 0usize;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).expect("filler");
        let block = vec![0x55u8; 16 * 1024];
        while f.write_all(&block).and_then(|_| f.sync_all()).is_ok() {
            size += block.len();
        }
    }
    assert!(size > 0);
    // Big, incompressible-ish edits until one cannot be written.
    let mut failure = None;
    let mut base = first.revision;
    for round in 0..50 {
        let paragraphs: Vec<String> = (0..400)
            .map(|p| {
                format!(
                    "Round {round}, paragraph {p}: {:x}",
                    (p as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_mul(round + 1)
                )
            })
            .collect();
        edit.body = Document::from_paragraphs(&paragraphs);
        edit.base_revision = base;
        match lib.save_story(edit.clone()) {
            Ok(saved) => base = saved.revision,
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let err = failure.expect("the disk filled up");
    let text = err.to_string().to_lowercase();
    assert!(text.contains("full") || text.contains("space"), "the error says the disk is full: {err}");
    // Nothing half-written: the library is whole and the last acknowledged revision is current.
    assert_eq!(lib.integrity_check().expect("check"), "ok");
    let now = lib.story(&story.id.to_string()).expect("story");
    assert_eq!(now.revision, base, "the failed save changed nothing");
    let old = lib.revision(&story.id.to_string(), first.revision).expect("first revision kept");
    assert!(old.story.body.plain_text().contains("The first version"));
    // Space freed: the same edit saves.
    std::fs::remove_file(&filler).expect("free space");
    edit.base_revision = base;
    let saved = lib.save_story(edit.clone()).expect("saves once space is freed");
    assert_eq!(lib.story(&saved.id.to_string()).expect("story").body, edit.body);
    drop(lib);
    let lib = Library::open_with(&lib_dir, Seed::Empty).expect("reopen");
    assert_eq!(lib.story(&story.id.to_string()).expect("story").revision, saved.revision);
}
