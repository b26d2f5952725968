//! Backups of the library: verified copies, rotation, and restoring (which backs up first).

use byline_core::{Library, NewStory, Seed};
use time::{Duration, OffsetDateTime};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    (dir, lib)
}

#[test]
fn a_backup_is_a_verified_copy_made_by_sqlite() {
    let (_dir, mut lib) = library();
    lib.create_story(NewStory { headline: "Kept safe".into(), ..Default::default() }).expect("story");
    let backup = lib.backup("manual").expect("backup");
    assert!(backup.file.ends_with("-manual.sqlite"), "{}", backup.file);
    assert!(backup.bytes > 0);
    let conn = rusqlite::Connection::open(&backup.file).expect("open backup");
    let headline: String =
        conn.query_row("SELECT headline FROM stories", [], |r| r.get(0)).expect("story in backup");
    assert_eq!(headline, "Kept safe");
    assert_eq!(lib.backups().expect("list").len(), 1);
}

#[test]
fn backups_rotate_to_ten_latest_seven_daily_and_four_weekly() {
    let (_dir, lib) = library();
    let start = OffsetDateTime::now_utc() - Duration::days(60);
    // Two backups a day for sixty days.
    for i in 0..120 {
        lib.backup_at("close", start + Duration::hours(12 * i)).expect("backup");
    }
    let kept = lib.backups().expect("list");
    let newest = kept[0].made;
    assert!(kept.len() <= 10 + 7 + 4, "{} kept", kept.len());
    assert!(kept.len() >= 10, "{} kept", kept.len());
    // The latest ten are all there.
    for i in 0..10 {
        let at = start + Duration::hours(12 * (119 - i));
        assert!(
            kept.iter().any(|b| (b.made - at).whole_seconds().abs() < 1),
            "backup {i} from the end is missing"
        );
    }
    // Something from about three weeks ago is still there; nothing from two months ago.
    assert!(kept.iter().any(|b| (newest - b.made).whole_days() >= 14), "weekly backups kept");
    assert!(kept.iter().all(|b| (newest - b.made).whole_days() < 35), "old backups rotated out");
}

#[test]
fn restoring_brings_the_old_text_back_and_backs_up_the_current_one_first() {
    let (_dir, mut lib) = library();
    let story =
        lib.create_story(NewStory { headline: "First version".into(), ..Default::default() }).expect("story");
    let backup = lib.backup("manual").expect("backup");
    let mut edit = lib.story(&story.slug).expect("story").edit();
    edit.headline = "Second version".into();
    lib.save_story(edit).expect("save");
    let other = lib
        .create_story(NewStory { headline: "Written after the backup".into(), ..Default::default() })
        .expect("other");
    let safety = lib.restore_backup(std::path::Path::new(&backup.file)).expect("restore");
    assert_eq!(lib.story(&story.id.to_string()).expect("story").headline, "First version");
    assert!(lib.story(&other.id.to_string()).is_err(), "the library is as it was then");
    // Nothing is lost: what was there before the restore is in the safety backup.
    let conn = rusqlite::Connection::open(&safety.file).expect("safety");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM stories WHERE headline = 'Written after the backup'", [], |r| {
            r.get(0)
        })
        .expect("query");
    assert_eq!(n, 1);
    // The library keeps working after the restore.
    let mut edit = lib.story(&story.slug).expect("story").edit();
    edit.headline = "Third version".into();
    let saved = lib.save_story(edit).expect("save");
    assert_eq!(lib.story(&saved.id.to_string()).expect("story").headline, "Third version");
}

#[test]
fn a_damaged_backup_is_refused_and_nothing_changes() {
    let (dir, mut lib) = library();
    let story =
        lib.create_story(NewStory { headline: "Untouched".into(), ..Default::default() }).expect("story");
    let bad = dir.path().join("backup-1-manual.sqlite");
    std::fs::write(&bad, b"SQLite format 3\0 but not really").expect("write");
    let err = lib.restore_backup(&bad).expect_err("refused");
    assert!(err.to_string().contains("damaged") || err.to_string().contains("not a"), "{err}");
    assert_eq!(lib.story(&story.slug).expect("story").headline, "Untouched");
    assert!(lib.backups().expect("list").is_empty(), "no safety backup for a refused restore");
}

/// A library whose database was damaged after a good backup was made.
fn damaged_library() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let (dir, mut lib) = library();
    lib.create_story(NewStory { headline: "Before the damage".into(), ..Default::default() }).expect("story");
    lib.backup("daily").expect("backup");
    let lib_dir = lib.dir().to_path_buf();
    drop(lib);
    let db = lib_dir.join(byline_core::DATABASE_FILE);
    let mut bytes = std::fs::read(&db).expect("read");
    // Scribble over everything after the header's first page.
    for b in bytes.iter_mut().skip(4096) {
        *b = 0x5A;
    }
    std::fs::write(&db, &bytes).expect("damage");
    (dir, lib_dir, bytes)
}

#[test]
fn a_damaged_library_is_refused_kept_and_recovered_from_the_newest_good_backup() {
    let (_dir, lib_dir, damaged) = damaged_library();
    let db = lib_dir.join(byline_core::DATABASE_FILE);
    let err = Library::open_with(&lib_dir, Seed::Empty).expect_err("damaged");
    assert!(err.to_string().contains("left untouched") || err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&db).expect("still there"), damaged, "never written to");
    // A broken newer backup is passed over for the good one.
    let good = Library::newest_good_backup(&lib_dir).expect("list").expect("a good backup");
    std::fs::write(lib_dir.join("backups/backup-9999999999999-manual.sqlite"), b"not a database")
        .expect("bad");
    assert_eq!(Library::backups_of(&lib_dir).expect("list").len(), 2);
    assert_eq!(Library::newest_good_backup(&lib_dir).expect("list").expect("good"), good);
    let (lib, aside) =
        Library::recover_from_backup(&lib_dir, std::path::Path::new(&good.file)).expect("recover");
    assert_eq!(lib.list_stories(None).expect("list")[0].headline, "Before the damage");
    assert_eq!(lib.integrity_check().expect("check"), "ok");
    // The damaged file is kept, byte for byte, beside the library.
    assert_eq!(std::fs::read(aside.join(byline_core::DATABASE_FILE)).expect("kept"), damaged);
}

#[test]
fn a_readable_library_of_another_version_opens_read_only_and_refuses_writes() {
    let (_dir, mut lib) = library();
    let story =
        lib.create_story(NewStory { headline: "Read me".into(), ..Default::default() }).expect("story");
    let lib_dir = lib.dir().to_path_buf();
    drop(lib);
    let before = std::fs::read(lib_dir.join(byline_core::DATABASE_FILE)).expect("read");
    let mut ro = Library::open_read_only(&lib_dir).expect("read-only");
    assert!(ro.is_read_only());
    assert_eq!(ro.story(&story.id.to_string()).expect("readable").headline, "Read me");
    let err = ro.save_story(story.edit()).expect_err("no writes");
    assert!(
        err.to_string().to_lowercase().contains("readonly") || err.to_string().contains("read-only"),
        "{err}"
    );
    drop(ro);
    assert_eq!(std::fs::read(lib_dir.join(byline_core::DATABASE_FILE)).expect("read"), before);
}

#[test]
fn an_unclean_shutdown_is_noticed_and_checked_on_the_next_open() {
    let (_dir, lib) = library();
    let lib_dir = lib.dir().to_path_buf();
    drop(lib);
    let lib = Library::open_with(&lib_dir, Seed::Empty).expect("open");
    assert!(!lib.opened_after_unclean_shutdown(), "closed properly");
    drop(lib);
    // A handle that died with the library open leaves its marker behind, locked by nobody.
    std::fs::write(lib_dir.join(".byline-open-4194304-0"), "").expect("marker of a dead process");
    let lib = Library::open_with(&lib_dir, Seed::Empty).expect("open");
    assert!(lib.opened_after_unclean_shutdown());
    // A second handle while the first is open is not a crash, and its close does not hide one.
    let second = Library::open_with(&lib_dir, Seed::Empty).expect("second handle");
    assert!(!second.opened_after_unclean_shutdown(), "the first handle is alive");
    drop(second);
    std::mem::forget(lib); // the first handle is never closed, as after a crash: its marker stays
}

#[test]
fn an_up_to_date_library_is_not_written_by_opening_it() {
    let (_dir, lib) = library();
    let lib_dir = lib.dir().to_path_buf();
    drop(lib);
    let db = lib_dir.join(byline_core::DATABASE_FILE);
    let before = std::fs::read(&db).expect("read");
    let lib = Library::open_with(&lib_dir, Seed::Empty).expect("reopen");
    drop(lib);
    assert_eq!(std::fs::read(&db).expect("read"), before, "opening and closing changed the file");
}
