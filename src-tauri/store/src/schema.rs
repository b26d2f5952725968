//! The library's schema: embedded, ordered, append-only migrations, run all-or-nothing, with a
//! backup before any upgrade; a library from a newer Byline is refused and never touched.

use std::path::Path;
use std::sync::LazyLock;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use super::APPLICATION_ID;
use byline_model::{Error, Result};

/// The migrations, in order. Append only.
const STEPS: &[&str] = &[
    include_str!("sql/0001-writing-desk.sql"),
    include_str!("sql/0002-photos.sql"),
    include_str!("sql/0003-published.sql"),
    include_str!("sql/0004-links-and-search.sql"),
    include_str!("sql/0005-copy-desk.sql"),
    include_str!("sql/0006-grammar-memo.sql"),
    include_str!("sql/0007-heif-photos.sql"),
    include_str!("sql/0008-outbox.sql"),
    include_str!("sql/0009-stand-in-photos.sql"),
    include_str!("sql/0010-body-in-revision.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// Refuses anything that is not a Byline library this version can open, without writing to it.
pub(super) fn check_is_byline_library(conn: &Connection, path: &Path) -> Result<()> {
    let refuse = |reason: String| Error::NotALibrary { path: path.to_path_buf(), reason };
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(|e| refuse(format!("not a SQLite database, or damaged: {e}")))?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if tables > 0 && app_id != APPLICATION_ID {
        return Err(refuse("a SQLite database of another program".into()));
    }
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerLibrary { path: path.to_path_buf(), found, known: SCHEMA_VERSION });
    }
    Ok(())
}

/// Brings the schema up to date, backing the library up first when it already holds data.
/// Says whether the agency table was made by this upgrade (and still needs its first rows).
pub(super) fn migrate(conn: &mut Connection, dir: &Path, path: &Path) -> Result<bool> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerLibrary { path: path.to_path_buf(), found, known: SCHEMA_VERSION });
    }
    if found > 0 && found < SCHEMA_VERSION {
        let backups = dir.join("backups");
        std::fs::create_dir_all(&backups).map_err(|e| Error::io(&backups, e))?;
        let stamp = super::to_millis(super::now());
        let dest = backups.join(format!("before-upgrade-v{found}-{stamp}.sqlite"));
        vacuum_into(conn, &dest)?;
        // Nothing is changed unless the copy is whole: a backup that cannot be read back is no
        // backup, and the library stays as it was.
        verify_copy(&dest)?;
        tracing::info!(from = found, to = SCHEMA_VERSION, backup = %dest.display(), "upgrading library");
    }
    // A step that rebuilds a table (SQLite's way to change a constraint) drops a table others
    // point at: foreign keys are off while the steps run (they cannot be switched inside the
    // migrations' transaction) and every reference is checked after.
    if found < SCHEMA_VERSION {
        conn.pragma_update(None, "foreign_keys", false)?;
        let ran = run(conn, &MIGRATIONS);
        conn.pragma_update(None, "foreign_keys", true)?;
        ran?;
        let broken: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(Error::Migration(format!("{broken} references broken after the upgrade")));
        }
    }
    // Written only when missing: opening an up-to-date library writes nothing.
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(found < 2)
}

/// Runs `migrations` in one transaction: either all apply or the schema stays as it was.
fn run(conn: &mut Connection, migrations: &Migrations<'_>) -> Result<()> {
    migrations.to_latest(conn).map_err(|e| Error::Migration(e.to_string()))
}

/// A consistent copy of the open database, made by SQLite itself (never a file copy).
pub(super) fn vacuum_into(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::InvalidInput(format!("{} already exists; not overwritten", dest.display())));
    }
    let dest_str = dest
        .to_str()
        .ok_or_else(|| Error::InvalidInput(format!("backup path {} is not UTF-8", dest.display())))?;
    conn.execute("VACUUM INTO ?1", [dest_str])?;
    Ok(())
}

/// Opens a copy of the library (a backup) read-only and checks it is a whole Byline library.
pub(super) fn verify_copy(path: &Path) -> Result<()> {
    let bad = |reason: String| Error::NotALibrary { path: path.to_path_buf(), reason };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| bad(format!("not a SQLite database, or damaged: {e}")))?;
    if check != "ok" {
        return Err(bad(format!("integrity check failed: {check}")));
    }
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app != APPLICATION_ID {
        return Err(bad("a SQLite database of another program".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().expect("migrations validate");
    }

    #[test]
    fn an_upgrade_backs_the_library_up_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.sqlite");
        {
            let mut conn = Connection::open(&path).expect("db");
            run(&mut conn, &Migrations::new(vec![M::up(STEPS[0])])).expect("v1");
            conn.pragma_update(None, "application_id", APPLICATION_ID).expect("app id");
            conn.execute("INSERT INTO settings (key, value) VALUES ('kept', 'yes')", []).expect("data");
        }
        let mut conn = Connection::open(&path).expect("db");
        let agencies_unseeded = migrate(&mut conn, dir.path(), &path).expect("upgrade");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, SCHEMA_VERSION);
        // The agency table's first rows are the credit rules' (the façade seeds them; see
        // `a_new_or_upgraded_library_knows_the_agencies` in byline-core).
        assert!(agencies_unseeded, "an upgrade from v1 makes the agency table and says it needs rows");
        let backups: Vec<_> =
            std::fs::read_dir(dir.path().join("backups")).expect("backups").flatten().collect();
        assert_eq!(backups.len(), 1);
        let name = backups[0].file_name().to_string_lossy().into_owned();
        assert!(name.starts_with("before-upgrade-v1-"), "{name}");
        let backup = Connection::open(backups[0].path()).expect("backup opens");
        let old: i64 = backup.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(old, 1, "the backup is the library as it was");
        let kept: String = backup
            .query_row("SELECT value FROM settings WHERE key = 'kept'", [], |r| r.get(0))
            .expect("data");
        assert_eq!(kept, "yes");
    }

    /// The rebuild that lets HEIC and AVIF in keeps every photo and every use pointing at it.
    #[test]
    fn the_photos_table_rebuild_keeps_photos_and_their_uses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.sqlite");
        {
            let mut conn = Connection::open(&path).expect("db");
            conn.pragma_update(None, "foreign_keys", true).expect("fk");
            run(&mut conn, &Migrations::new(STEPS[..6].iter().map(|sql| M::up(sql)).collect())).expect("v6");
            conn.pragma_update(None, "application_id", APPLICATION_ID).expect("app id");
            conn.execute_batch(
                "INSERT INTO stories (id, slug, headline, created, updated, revision, body) VALUES ('s1', 'a', 'A', 1, 1, 1, '{}');
                 INSERT INTO photos VALUES ('abc', 'jpeg', 4, 3, 10, 'a.jpg', 1, '{}');
                 INSERT INTO photo_uses (id, story_id, photo, role, position) VALUES ('u1', 's1', 'abc', 'lead', 0);",
            )
            .expect("v6 data");
            let heic =
                conn.execute("INSERT INTO photos VALUES ('def', 'heic', 4, 3, 10, 'a.heic', 1, '{}')", []);
            assert!(heic.is_err(), "v6 refuses HEIC");
        }
        let mut conn = Connection::open(&path).expect("db");
        conn.pragma_update(None, "foreign_keys", true).expect("fk");
        migrate(&mut conn, dir.path(), &path).expect("upgrade");
        let fk: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).expect("fk");
        assert!(fk, "foreign keys are on again");
        conn.execute("INSERT INTO photos VALUES ('def', 'heic', 4, 3, 10, 'a.heic', 1, '{}')", [])
            .expect("heic");
        let used: String = conn
            .query_row(
                "SELECT p.original_name FROM photo_uses u JOIN photos p ON p.sha256 = u.photo",
                [],
                |r| r.get(0),
            )
            .expect("the use still finds its photo");
        assert_eq!(used, "a.jpg");
        // The reference is still enforced.
        let orphan = conn.execute(
            "INSERT INTO photo_uses (id, story_id, photo, role, position) VALUES ('u2', 's1', 'nope', 'inline', 1)",
            [],
        );
        assert!(orphan.is_err(), "a use of no photo is refused");
        assert!(conn
            .execute("INSERT INTO photos VALUES ('x', 'gif', 1, 1, 1, 'x.gif', 1, '{}')", [])
            .is_err());
    }

    /// A library from before stand-in notes opens with every use kept, no use marked but the
    /// sample's lead photo under the sample's own caption.
    #[test]
    fn the_stand_in_step_marks_the_old_sample_lead_photo_only() {
        const SAMPLE_PHOTO: &str = "88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5";
        const SAMPLE_CAPTION: &str =
            "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria.";
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("library.sqlite");
        {
            let mut conn = Connection::open(&path).expect("db");
            run(&mut conn, &Migrations::new(STEPS[..8].iter().map(|sql| M::up(sql)).collect())).expect("v8");
            conn.pragma_update(None, "application_id", APPLICATION_ID).expect("app id");
            conn.execute_batch(&format!(
                "INSERT INTO stories (id, slug, headline, created, updated, revision, body) VALUES ('s1', 'a', 'A', 1, 1, 1, '{{}}');
                 INSERT INTO stories (id, slug, headline, created, updated, revision, body) VALUES ('s2', 'b', 'B', 1, 1, 1, '{{}}');
                 INSERT INTO photos VALUES ('{SAMPLE_PHOTO}', 'png', 512, 512, 10, 'lead-photo.png', 1, '{{}}');
                 INSERT INTO photos VALUES ('abc', 'jpeg', 4, 3, 10, 'a.jpg', 1, '{{}}');
                 INSERT INTO photo_uses (id, story_id, photo, role, position, caption)
                     VALUES ('sample', 's1', '{SAMPLE_PHOTO}', 'lead', 0, '{SAMPLE_CAPTION}');
                 INSERT INTO photo_uses (id, story_id, photo, role, position, caption)
                     VALUES ('recaptioned', 's2', '{SAMPLE_PHOTO}', 'lead', 0, 'NASA astronaut Eileen Collins.');
                 INSERT INTO photo_uses (id, story_id, photo, role, position, caption)
                     VALUES ('other', 's1', 'abc', 'inline', 1, '{SAMPLE_CAPTION}');"
            ))
            .expect("v8 data");
        }
        let mut conn = Connection::open(&path).expect("db");
        migrate(&mut conn, dir.path(), &path).expect("upgrade");
        let notes: Vec<(String, String)> = conn
            .prepare("SELECT id, stand_in FROM photo_uses ORDER BY id")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            notes,
            vec![
                ("other".to_string(), String::new()),
                ("recaptioned".to_string(), String::new()),
                ("sample".to_string(), "Sample photo — stand-in, not the person in the caption".to_string()),
            ]
        );
    }

    #[test]
    fn a_failing_migration_leaves_the_old_schema_intact() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        let v1 = Migrations::new(vec![M::up(STEPS[0])]);
        run(&mut conn, &v1).expect("v1 applies");
        conn.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')", []).expect("insert");
        let broken = Migrations::new(vec![
            M::up(STEPS[0]),
            M::up("CREATE TABLE photos (id TEXT PRIMARY KEY); ALTER TABLE settings ADD COLUMN x;"),
            M::up("THIS IS NOT SQL;"),
        ]);
        let err = run(&mut conn, &broken).expect_err("broken migration fails");
        assert!(matches!(err, Error::Migration(_)), "{err}");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).expect("version");
        assert_eq!(version, 1, "schema version unchanged");
        let photos: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'photos'", [], |r| r.get(0))
            .expect("query");
        assert_eq!(photos, 0, "the half-applied step was rolled back");
        let value: String = conn
            .query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| r.get(0))
            .expect("data kept");
        assert_eq!(value, "v");
    }
}
