//! Promise 8: archives and folders Byline reads refuse unsafe entries and zip bombs, and never
//! write outside the library.

use std::io::Write;
use std::path::{Path, PathBuf};

use byline_core::export::{ExportOptions, Format};
use byline_core::{Library, NewStory, Seed};
use zip::write::SimpleFileOptions;

fn library(dir: &Path) -> Library {
    Library::open_with(dir, Seed::Empty).expect("open")
}

fn zip_with(path: &Path, entries: &[(&str, &[u8])]) -> PathBuf {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create zip"));
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
    path.to_path_buf()
}

/// Every file under `dir`, to check nothing was written outside the library.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

const PAGE: &[u8] = b"---\ntitle: Imported\n---\n\nBody text.\n";

#[test]
fn a_story_package_comes_back_in_with_its_photos() {
    let dir = tempfile::tempdir().expect("temp");
    let mut source = library(&dir.path().join("source"));
    let story = source
        .create_story(NewStory { headline: "Rome summit, day one".into(), ..Default::default() })
        .expect("story");
    let mut edit = story.edit();
    edit.body = byline_core::Document::from_paragraphs(&["Delegates arrived in Rome."]);
    source.save_story(edit).expect("save");
    let photo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg");
    let attached = source.attach_photos(&story.id.to_string(), &[photo], true).expect("attach");
    source
        .edit_photo_use(
            &story.id.to_string(),
            &attached.uses[0].id,
            byline_core::PhotoUseEdit {
                caption: Some("Delegates arrive.".into()),
                credit: Some("AFP".into()),
                ..Default::default()
            },
        )
        .expect("caption");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out");
    let package = source
        .export_story(&story.id.to_string(), Format::Zip, &out, &ExportOptions::default())
        .expect("export");

    let mut dest = library(&dir.path().join("dest"));
    let report = dest.import_path(&package).expect("import package");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let imported = dest.story(&report.stories[0].to_string()).expect("story");
    assert_eq!(imported.headline, "Rome summit, day one");
    assert!(imported.body.plain_text().contains("Delegates arrived in Rome."));
    let lead = imported.photos.iter().find(|p| p.role == byline_core::PhotoRole::Lead).expect("lead photo");
    assert_eq!(lead.caption, "Delegates arrive.", "caption read back from the rendition's metadata");
    assert_eq!(lead.credit, "AFP");
}

#[test]
fn unsafe_entries_refuse_the_whole_archive_by_name() {
    let dir = tempfile::tempdir().expect("temp");
    let lib_dir = dir.path().join("lib");
    let mut lib = library(&lib_dir);
    let before = files_under(dir.path());
    for (n, (name, why)) in [
        ("../evil.md", "`..`"),
        ("hugo/../../../evil.md", "`..`"),
        ("/tmp/evil.md", "absolute"),
        ("C:\\Users\\evil.md", "backslash"),
        ("C:/Users/evil.md", "drive letter"),
        ("hugo\\index.md", "backslash"),
    ]
    .into_iter()
    .enumerate()
    {
        let zip =
            zip_with(&dir.path().join(format!("bad-{n}.zip")), &[("hugo/index.md", PAGE), (name, PAGE)]);
        let err = lib.import_path(&zip).expect_err(name);
        let text = err.to_string();
        assert!(text.contains("refused") && text.contains(why), "{name}: {text}");
    }
    assert!(lib.list_stories(None).expect("list").is_empty(), "nothing was imported");
    let after: Vec<PathBuf> =
        files_under(dir.path()).into_iter().filter(|p| p.extension().is_none_or(|e| e != "zip")).collect();
    let before: Vec<PathBuf> =
        before.into_iter().filter(|p| p.extension().is_none_or(|e| e != "zip")).collect();
    let outside: Vec<&PathBuf> =
        after.iter().filter(|p| !p.starts_with(&lib_dir) && !before.contains(p)).collect();
    assert!(outside.is_empty(), "written outside the library: {outside:?}");
    assert!(!dir.path().join("evil.md").exists());
}

#[test]
fn symlink_entries_are_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("link.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    zip.start_file("hugo/index.md", SimpleFileOptions::default()).expect("entry");
    zip.write_all(PAGE).expect("write");
    zip.add_symlink("hugo/photo.jpg", "/etc/passwd", SimpleFileOptions::default()).expect("symlink");
    zip.finish().expect("finish");
    let mut lib = library(&dir.path().join("lib"));
    let err = lib.import_path(&path).expect_err("symlink");
    assert!(err.to_string().contains("symbolic link"), "{err}");
}

#[test]
fn zip_bombs_and_huge_archives_are_refused_before_expanding() {
    let dir = tempfile::tempdir().expect("temp");
    let mut lib = library(&dir.path().join("lib"));
    // 80 MB of zeros compresses to about 80 KB.
    let bomb = dir.path().join("bomb.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).expect("create"));
        let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("hugo/index.md", deflate).expect("entry");
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..80 {
            zip.write_all(&zeros).expect("write");
        }
        zip.finish().expect("finish");
    }
    assert!(std::fs::metadata(&bomb).expect("bomb").len() < 1 << 20);
    let err = lib.import_path(&bomb).expect_err("bomb");
    assert!(err.to_string().contains("64 MB") || err.to_string().contains("zip bomb"), "{err}");
    // A highly compressible entry under the size limit is still caught by its ratio.
    let ratio = dir.path().join("ratio.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&ratio).expect("create"));
        let deflate = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("hugo/index.md", deflate).expect("entry");
        zip.write_all(&vec![b'a'; 20 << 20]).expect("write");
        zip.finish().expect("finish");
    }
    let err = lib.import_path(&ratio).expect_err("ratio");
    assert!(err.to_string().contains("zip bomb"), "{err}");
    // Too many entries.
    let many = dir.path().join("many.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&many).expect("create"));
        for i in 0..2_001 {
            zip.start_file(format!("f{i}.txt"), SimpleFileOptions::default()).expect("entry");
        }
        zip.finish().expect("finish");
    }
    let err = lib.import_path(&many).expect_err("many");
    assert!(err.to_string().contains("2001 entries"), "{err}");
    assert!(lib.list_stories(None).expect("list").is_empty());
}

#[test]
fn a_folder_of_markdown_imports_without_following_links() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("stories");
    std::fs::create_dir_all(folder.join("2026/november")).expect("folders");
    std::fs::write(folder.join("one.md"), "---\ntitle: One\n---\nFirst.\n").expect("one");
    std::fs::write(folder.join("2026/november/two.txt"), "Two\n\nSecond.\n").expect("two");
    std::fs::write(folder.join("lead.txt"), "Police arrested two people on Sunday.\n\nMore.\n")
        .expect("lead");
    std::fs::write(folder.join("notes.pdf"), b"%PDF").expect("other files are left alone");
    std::fs::write(folder.join("broken.md"), [0xff, 0xfe, 0x00]).expect("not utf-8");
    let outside = dir.path().join("secret.md");
    std::fs::write(&outside, "---\ntitle: Secret\n---\nOutside the folder.\n").expect("outside");
    std::os::unix::fs::symlink(&outside, folder.join("link.md")).expect("symlink");
    std::os::unix::fs::symlink(dir.path(), folder.join("loop")).expect("dir symlink");
    let mut lib = library(&dir.path().join("lib"));
    let report = lib.import_path(&folder).expect("import folder");
    let headlines: Vec<String> =
        lib.list_stories(None).expect("list").into_iter().map(|s| s.headline).collect();
    assert_eq!(report.stories.len(), 3, "{headlines:?} / {:?}", report.skipped);
    // A file that opens with its lead comes in whole, without a headline, and the report says so.
    assert!(headlines.contains(&String::new()), "{headlines:?}");
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    assert!(report.notes[0].starts_with("lead.txt has no headline"), "{:?}", report.notes);
    assert!(headlines.contains(&"One".to_string()) && headlines.contains(&"Two".to_string()));
    assert!(!headlines.contains(&"Secret".to_string()), "symbolic links are not followed");
    let problems: Vec<String> = report.skipped.iter().map(|s| format!("{}: {}", s.file, s.problem)).collect();
    assert!(problems.iter().any(|p| p.contains("link.md") && p.contains("symbolic link")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("loop") && p.contains("symbolic link")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("broken.md") && p.contains("UTF-8")), "{problems:?}");
}
