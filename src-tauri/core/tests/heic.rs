//! HEIC photos as phones and photo desks send them, made on this machine by Debian's `heif-enc`
//! (libheif-examples, installed by `scripts/setup.sh`) from the fixture JPEGs: read field by
//! field as exiftool reads the same file, turned upright once, attached with their thumbnail and
//! preview, and exported as JPEG renditions that carry the story's words.

use std::path::{Path, PathBuf};
use std::process::Command;

use byline_core::photos::ingest::DerivedKind;
use byline_core::photos::metadata;
use byline_core::photos::rendition::RenditionOptions;
use byline_core::{Library, NewStory, PhotoUseEdit, Seed};
use serde_json::{Map, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos").join(name)
}

fn run(program: &str, args: &[&std::ffi::OsStr], install: &str) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed ({install}; scripts/setup.sh does): {e}"));
    assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A copy of a fixture JPEG, with `exiftool_args` applied, encoded to HEIC by heif-enc.
fn heic_from(dir: &Path, fixture_name: &str, exiftool_args: &[&str], out: &str) -> PathBuf {
    let jpeg = dir.join(format!("{out}.jpg"));
    std::fs::copy(fixture(fixture_name), &jpeg).expect("copy the fixture");
    if !exiftool_args.is_empty() {
        let mut args: Vec<&std::ffi::OsStr> = vec!["-q".as_ref(), "-overwrite_original".as_ref()];
        args.extend(exiftool_args.iter().map(std::ffi::OsStr::new));
        args.push(jpeg.as_os_str());
        run("exiftool", &args, "libimage-exiftool-perl");
    }
    let heic = dir.join(out);
    run(
        "heif-enc",
        &["-q".as_ref(), "85".as_ref(), "-o".as_ref(), heic.as_os_str(), jpeg.as_os_str()],
        "libheif-examples",
    );
    heic
}

/// The HEIC with its `pixi` property turned into a rotation (`irot`, 90° clockwise) of the same
/// size, as an iPhone writes one beside an EXIF orientation that says the same.
fn with_rotation(heic: &Path, out: &Path) -> PathBuf {
    let mut bytes = std::fs::read(heic).expect("read");
    let at = bytes.windows(4).position(|w| w == b"pixi").expect("heif-enc writes a pixi property");
    let size = u32::from_be_bytes(bytes[at - 4..at].try_into().expect("size")) as usize;
    bytes[at..at + 4].copy_from_slice(b"irot");
    bytes[at + 4] = 3; // 270° anticlockwise
    bytes[at + 5..at - 4 + size].fill(0);
    std::fs::write(out, &bytes).expect("write");
    out.to_path_buf()
}

/// exiftool's `-j -G1` view of a file.
fn exiftool(path: &Path) -> Map<String, Value> {
    let out = Command::new("exiftool").args(["-j", "-G1"]).arg(path).output().expect("exiftool");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("exiftool prints JSON");
    json[0].as_object().expect("one object").clone()
}

/// The first of `tags` exiftool has a value for (Byline's precedence: XMP, then IIM, then EXIF),
/// lists joined as Byline joins them.
fn first(tags: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match tags.get(*k)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .map(|i| i.as_str().map_or(i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        other => Some(other.to_string()),
    })
}

#[test]
fn heic_words_agree_with_exiftool_field_by_field() {
    let dir = tempfile::tempdir().expect("dir");
    let files = [
        heic_from(
            dir.path(),
            "IPTC-PhotometadataRef-Std2017.1.jpg",
            &["-IFD0:Orientation#=6"],
            "reference.heic",
        ),
        heic_from(dir.path(), "cp.jpg", &[], "wire.heic"),
        heic_from(dir.path(), "iphone_gpsinfo_exif.JPG", &[], "phone.heic"),
    ];
    let mut compared = 0;
    for file in &files {
        let ours = metadata::read(&std::fs::read(file).expect("read")).expect("reads");
        let theirs = exiftool(file);
        for (field, value, keys) in [
            (
                "caption",
                &ours.caption,
                &["XMP-dc:Description", "IPTC:Caption-Abstract", "IFD0:ImageDescription"][..],
            ),
            ("credit", &ours.credit, &["XMP-photoshop:Credit", "IPTC:Credit"][..]),
            ("creator", &ours.creator, &["XMP-dc:Creator", "IPTC:By-line", "IFD0:Artist"][..]),
            ("copyright", &ours.copyright, &["XMP-dc:Rights", "IPTC:CopyrightNotice", "IFD0:Copyright"][..]),
            (
                "instructions",
                &ours.instructions,
                &["XMP-photoshop:Instructions", "IPTC:SpecialInstructions"][..],
            ),
        ] {
            assert_eq!(value.as_deref(), first(&theirs, keys).as_deref(), "{}: {field}", file.display());
            compared += usize::from(value.is_some());
        }
    }
    // The reference image and the wire photo carry all four words; the phone photo none.
    assert!(compared >= 9, "only {compared} fields had a value on both sides");
    let reference = metadata::read(&std::fs::read(&files[0]).expect("read")).expect("reads");
    assert_eq!(reference.caption.as_deref(), Some("The description aka caption (ref2017.1)"));
    assert_eq!(reference.credit.as_deref(), Some("Credit Line (ref2017.1)"));
}

/// Mean absolute difference per channel value of two images of the same size.
fn difference(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a.as_raw().iter().zip(b.as_raw()).map(|(x, y)| u64::from(x.abs_diff(*y))).sum();
    sum as f64 / a.as_raw().len() as f64
}

#[test]
fn heic_attaches_upright_once_and_exports_with_the_story_words() {
    let dir = tempfile::tempdir().expect("dir");
    // The reference image turned by EXIF alone (heif-enc writes no rotation of its own), the same
    // turned by both its rotation property and EXIF (as an iPhone writes it), and the JPEG it was
    // made from, which Byline turns by its EXIF.
    let turned_jpeg = dir.path().join("turned.jpg");
    let exif_only =
        heic_from(dir.path(), "IPTC-PhotometadataRef-Std2017.1.jpg", &["-IFD0:Orientation#=6"], "exif.heic");
    std::fs::copy(dir.path().join("exif.heic.jpg"), &turned_jpeg).expect("copy");
    let both = with_rotation(&exif_only, &dir.path().join("both.heic"));
    let theirs = exiftool(&both);
    assert_eq!(theirs.get("QuickTime:Rotation"), Some(&Value::from(270)), "exiftool sees the rotation");
    assert_eq!(theirs.get("IFD0:Orientation").and_then(Value::as_str), Some("Rotate 90 CW"));

    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    let story =
        lib.create_story(NewStory { headline: "Upright".into(), ..Default::default() }).expect("story");
    let story = story.id.to_string();
    let report = lib.attach_photos(&story, &[turned_jpeg, exif_only, both], false).expect("attach");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let thumbnail =
        |sha: &str| image::open(lib.derived_file(sha, DerivedKind::Thumbnail)).expect("thumbnail").to_rgb8();
    let jpeg_thumbnail = thumbnail(&report.uses[0].photo);
    assert_eq!(jpeg_thumbnail.dimensions(), (200, 400));
    for (u, name) in report.uses[1..].iter().zip(["exif.heic", "both.heic"]) {
        // exiftool: 1000x500 stored, turned 90°: 500x1000 upright, once.
        assert_eq!((u.width, u.height), (500, 1000), "{name}");
        assert_eq!(u.caption, "The description aka caption (ref2017.1)");
        assert_eq!(u.credit, "Credit Line (ref2017.1)");
        let heic_thumbnail = thumbnail(&u.photo);
        let d = difference(&heic_thumbnail, &jpeg_thumbnail);
        assert!(d < 6.0, "{name}: the HEIC's thumbnail differs from the JPEG's by {d:.2} per value");
        assert!(lib.derived_file(&u.photo, DerivedKind::Preview).exists());
    }

    // Exported as a JPEG rendition carrying the story's words.
    let u = &report.uses[2];
    lib.edit_photo_use(
        &story,
        &u.id,
        PhotoUseEdit {
            caption: Some("Delegates arrive in Algiers.".into()),
            credit: Some("AFP/VNA".into()),
            alt_text: Some("A line of delegates on a red carpet".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    let rendition = lib.rendition(&story, &u.id, RenditionOptions::default()).expect("rendition");
    let path = dir.path().join("rendition.jpg");
    std::fs::write(&path, &rendition).expect("write");
    let tags = exiftool(&path);
    assert_eq!(tags.get("File:FileType").and_then(Value::as_str), Some("JPEG"));
    assert_eq!(tags.get("File:ImageWidth"), Some(&Value::from(500)));
    assert_eq!(tags.get("File:ImageHeight"), Some(&Value::from(1000)));
    for (tag, want) in [
        ("XMP-dc:Description", "Delegates arrive in Algiers."),
        ("XMP-photoshop:Credit", "AFP/VNA"),
        ("XMP-iptcCore:AltTextAccessibility", "A line of delegates on a red carpet"),
        ("IPTC:Caption-Abstract", "Delegates arrive in Algiers."),
    ] {
        assert_eq!(tags.get(tag).and_then(Value::as_str), Some(want), "{tag}");
    }
    assert!(
        tags.get("IFD0:Orientation").is_none_or(|o| o.as_str() == Some("Horizontal (normal)")),
        "the rendition is upright and says nothing else: {:?}",
        tags.get("IFD0:Orientation")
    );
}

#[test]
fn a_phone_heic_keeps_its_gps_only_when_asked_and_stays_upright() {
    let dir = tempfile::tempdir().expect("dir");
    // The phone photo turned by EXIF, as heif-enc keeps it.
    let heic = heic_from(dir.path(), "iphone_gpsinfo_exif.JPG", &["-IFD0:Orientation#=6"], "phone.heic");
    assert!(exiftool(&heic).keys().any(|k| k.starts_with("GPS:")), "heif-enc kept the GPS");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    let story = lib.create_story(NewStory { headline: "GPS".into(), ..Default::default() }).expect("story");
    let story = story.id.to_string();
    let u = lib.attach_photos(&story, &[heic], false).expect("attach").uses.remove(0);
    assert!(u.height > u.width, "turned upright: {}x{}", u.width, u.height);
    for keep_gps in [false, true] {
        let jpeg =
            lib.rendition(&story, &u.id, RenditionOptions { long_edge: 512, keep_gps }).expect("rendition");
        let path = dir.path().join(format!("rendition-{keep_gps}.jpg"));
        std::fs::write(&path, &jpeg).expect("write");
        let tags = exiftool(&path);
        assert_eq!(tags.keys().any(|k| k.starts_with("GPS:")), keep_gps, "GPS kept only when asked");
        assert!(
            tags.get("File:ImageHeight").and_then(Value::as_u64)
                > tags.get("File:ImageWidth").and_then(Value::as_u64)
        );
        assert!(
            tags.get("IFD0:Orientation").is_none_or(|o| o.as_str() == Some("Horizontal (normal)")),
            "keep_gps {keep_gps}: the pixels are upright, and the EXIF says so: {:?}",
            tags.get("IFD0:Orientation")
        );
    }
}
