//! Photos in the library and in stories, on temporary libraries with the real fixture photos.

use std::path::{Path, PathBuf};
use std::process::Command;

use byline_core::photos::ingest::{self, DerivedKind};
use byline_core::photos::rendition::RenditionOptions;
use byline_core::{Library, NewStory, PhotoRole, PhotoUseEdit, PhotoWarningKind, Seed};
use image::ImageEncoder;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos").join(name)
}

fn library() -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    let story = lib
        .create_story(NewStory { headline: "Police in Montreal".into(), ..Default::default() })
        .expect("story");
    (dir, lib, story.id.to_string())
}

#[test]
fn attaching_prefills_caption_credit_and_creator_from_the_file() {
    let (_dir, mut lib, story) = library();
    let report = lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("attach");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let u = &report.uses[0];
    assert_eq!(u.role, PhotoRole::Lead);
    assert!(u.caption.starts_with("The Montreal Police logo is seen on a police car"), "{}", u.caption);
    assert_eq!(u.credit, "The Canadian Press");
    assert_eq!(u.credit_line, "Photo: The Canadian Press");
    assert_eq!(u.creator, "Paul Chiasson");
    assert_eq!(u.alt_text, "", "the caption is never copied into the alt text");
    assert!(u.from_photo.caption && u.from_photo.credit && u.from_photo.creator);
    assert_eq!((u.width, u.height), (400, 265));
    let story = lib.story(&story).expect("story");
    assert_eq!(story.photos.len(), 1, "show --json carries the photo uses");
}

#[test]
fn the_same_file_twice_is_one_photo() {
    let (_dir, mut lib, story) = library();
    let a = lib.import_photo(&fixture("cp.jpg")).expect("first");
    let b = lib.import_photo(&fixture("cp.jpg")).expect("second");
    assert_eq!(a.sha256, b.sha256);
    assert_eq!(a.sha256, ingest::content_hash(&std::fs::read(fixture("cp.jpg")).expect("read")));
    let originals: Vec<_> = walk(&lib.dir().join("originals"));
    assert_eq!(originals.len(), 1, "{originals:?}");
    lib.attach_photos(&story, &[fixture("cp.jpg"), fixture("cp.jpg")], false).expect("attach");
    assert_eq!(walk(&lib.dir().join("originals")).len(), 1);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn a_broken_photo_is_skipped_and_the_batch_goes_on() {
    let (dir, mut lib, story) = library();
    let text = dir.path().join("notes.jpg");
    std::fs::write(&text, "not a photo at all").expect("write");
    let truncated = dir.path().join("truncated.jpg");
    let bytes = std::fs::read(fixture("cp.jpg")).expect("read");
    std::fs::write(&truncated, &bytes[..600]).expect("write");
    let mut heic = vec![0, 0, 0, 24];
    heic.extend_from_slice(b"ftypheic");
    heic.extend_from_slice(&[0; 40]);
    let heic_path = dir.path().join("IMG_0042.HEIC");
    std::fs::write(&heic_path, &heic).expect("write");
    let files = [
        text,
        fixture("cp.jpg"),
        truncated,
        heic_path,
        dir.path().join("missing.jpg"),
        fixture("iphone_gpsinfo_exif.JPG"),
    ];
    let report = lib.attach_photos(&story, &files, false).expect("batch");
    assert_eq!(report.uses.len(), 2, "{:?}", report.skipped);
    assert_eq!(report.skipped.len(), 4);
    let problems: Vec<&str> = report.skipped.iter().map(|s| s.problem.as_str()).collect();
    assert!(problems[0].contains("notes.jpg") && problems[0].contains("not a photo"), "{problems:?}");
    assert!(problems[1].contains("truncated.jpg") && problems[1].contains("incomplete"), "{problems:?}");
    assert!(
        problems[2].contains("IMG_0042.HEIC") && problems[2].contains("could not be decoded"),
        "{problems:?}"
    );
    assert!(problems[3].contains("missing.jpg"), "{problems:?}");
}

#[test]
fn derived_files_are_made_and_can_be_rebuilt() {
    let (_dir, mut lib, story) = library();
    let report =
        lib.attach_photos(&story, &[fixture("IPTC-PhotometadataRef-Std2017.1.jpg")], false).expect("attach");
    let sha = report.uses[0].photo.clone();
    let thumb = lib.derived_file(&sha, DerivedKind::Thumbnail);
    let preview = lib.derived_file(&sha, DerivedKind::Preview);
    let t = image::open(&thumb).expect("thumbnail decodes");
    assert_eq!(t.width().max(t.height()), 400);
    let p = image::open(&preview).expect("preview decodes");
    assert_eq!((p.width(), p.height()), (1000, 500), "never enlarged");
    std::fs::remove_dir_all(lib.dir().join("derived")).expect("remove derived");
    let (done, failed) = lib.rebuild_derived().expect("rebuild");
    assert_eq!((done, failed.len()), (1, 0));
    assert!(thumb.exists() && preview.exists());
}

/// A 4x2 JPEG whose EXIF says "rotate 90° clockwise" (orientation 6).
fn rotated_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            image::Rgb([255, 0, 0])
        } else {
            image::Rgb([0, 0, 255])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&img).expect("encode");
    // APP1 Exif: big-endian TIFF, IFD0 with one entry: Orientation (0x0112) SHORT 1 = 6.
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn exif_orientation_is_applied_exactly_once() {
    let (dir, mut lib, story) = library();
    let path = dir.path().join("rotated.jpg");
    std::fs::write(&path, rotated_jpeg()).expect("write");
    let report = lib.attach_photos(&story, &[path], true).expect("attach");
    let u = &report.uses[0];
    assert_eq!((u.width, u.height), (20, 40), "stored upright");
    let thumb = image::open(lib.derived_file(&u.photo, DerivedKind::Thumbnail)).expect("thumb");
    assert_eq!((thumb.width(), thumb.height()), (20, 40));
    // Red was on the left; after a 90° clockwise turn it is on top.
    let top = thumb.to_rgb8().get_pixel(10, 3).0;
    assert!(top[0] > 200 && top[2] < 60, "{top:?}");
    // The rendition is upright too, and carries no orientation tag to turn it again.
    let jpeg = lib.rendition(&story, &u.id, RenditionOptions::default()).expect("rendition");
    let r = image::load_from_memory(&jpeg).expect("decodes");
    assert_eq!((r.width(), r.height()), (20, 40));
    let exif = exiftool(&jpeg);
    assert!(
        exif.get("IFD0:Orientation").is_none() || exif["IFD0:Orientation"] == "Horizontal (normal)",
        "{exif}"
    );
    // Keeping the original EXIF keeps its orientation tag, so the pixels stay as stored.
    let kept = lib
        .rendition(&story, &u.id, RenditionOptions { keep_gps: true, ..Default::default() })
        .expect("kept");
    let k = image::load_from_memory(&kept).expect("decodes");
    assert_eq!((k.width(), k.height()), (40, 20), "stored pixels, turned by the kept tag");
    assert_eq!(exiftool(&kept)["IFD0:Orientation"], "Rotate 90 CW");
}

#[test]
fn each_story_edits_its_own_caption() {
    let (_dir, mut lib, story) = library();
    let other = lib
        .create_story(NewStory { headline: "Second story".into(), ..Default::default() })
        .expect("other")
        .id
        .to_string();
    let a = lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("a").uses.remove(0);
    let b = lib.attach_photos(&other, &[fixture("cp.jpg")], true).expect("b").uses.remove(0);
    let edited = lib
        .edit_photo_use(
            &story,
            &a.id,
            PhotoUseEdit {
                caption: Some("Police car in Montreal.".into()),
                credit: Some("REUTERS".into()),
                alt_text: Some("A police car door with the city's police logo".into()),
                ..Default::default()
            },
        )
        .expect("edit");
    assert_eq!(edited.caption, "Police car in Montreal.");
    assert_eq!(edited.credit, "Reuters", "agency names are normalised");
    assert!(!edited.from_photo.caption && !edited.from_photo.credit);
    let untouched = lib.story(&other).expect("other").photos.remove(0);
    assert_eq!(untouched.id, b.id);
    assert!(untouched.caption.starts_with("The Montreal Police logo"), "{}", untouched.caption);
    let photo = lib.photo(&a.photo).expect("photo").expect("exists");
    assert!(photo.metadata.caption.as_deref().unwrap_or_default().starts_with("The Montreal Police logo"));
    assert!(
        lib.edit_photo_use(&other, &a.id, PhotoUseEdit::default()).is_err(),
        "a use belongs to one story"
    );
}

#[test]
fn the_credit_template_is_a_library_setting() {
    let (_dir, mut lib, story) = library();
    lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("attach");
    lib.set_credit_template("Picture: {credit}").expect("template");
    assert_eq!(lib.story(&story).expect("story").photos[0].credit_line, "Picture: The Canadian Press");
    assert!(lib.set_credit_template("no placeholder").is_err());
    let mut settings = lib.settings().expect("settings");
    settings
        .agencies
        .iter_mut()
        .find(|a| a.name == "The Canadian Press")
        .expect("seeded")
        .spellings
        .push("CP Images".into());
    lib.set_settings(&settings).expect("a new spelling");
    let u = lib.story(&story).expect("story").photos.remove(0);
    let e = lib
        .edit_photo_use(
            &story,
            &u.id,
            PhotoUseEdit { credit: Some("cp images".into()), ..Default::default() },
        )
        .expect("edit");
    assert_eq!(e.credit, "The Canadian Press");
}

#[test]
fn pre_publish_warnings_name_what_is_missing() {
    let (_dir, mut lib, story) = library();
    let u = lib
        .attach_photos(&story, &[fixture("iphone_gpsinfo_exif.JPG")], true)
        .expect("attach")
        .uses
        .remove(0);
    let kinds = |lib: &Library| {
        lib.photo_warnings(&story).expect("warnings").into_iter().map(|w| w.kind).collect::<Vec<_>>()
    };
    assert_eq!(kinds(&lib), vec![PhotoWarningKind::NoCredit, PhotoWarningKind::NoAltText]);
    lib.edit_photo_use(
        &story,
        &u.id,
        PhotoUseEdit {
            caption: Some("A street.".into()),
            alt_text: Some("A street.".into()),
            credit: Some("Jane Roe".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    assert_eq!(kinds(&lib), vec![PhotoWarningKind::AltTextIsCaption]);
    lib.edit_photo_use(
        &story,
        &u.id,
        PhotoUseEdit { alt_text: Some("A narrow street with parked cars".into()), ..Default::default() },
    )
    .expect("edit");
    assert!(kinds(&lib).is_empty());
}

#[test]
fn the_sample_story_has_its_lead_photo_and_credit_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path()).expect("open");
    let slug = lib.list_stories(None).expect("list")[0].slug.clone();
    let story = lib.story(&slug).expect("story");
    let lead = &story.photos[0];
    assert_eq!(lead.role, PhotoRole::Lead);
    assert_eq!(
        format!("{} {}", lead.caption, lead.credit_line),
        "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria. Photo: AFP/VNA"
    );
    assert!(!lead.alt_text.is_empty() && lead.alt_text != lead.caption);
    // The only warning: the photo is a stand-in (NASA's portrait of Eileen Collins, not the man
    // the caption names), and says so.
    let warnings = lib.photo_warnings(&slug).expect("warnings");
    assert_eq!(
        warnings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        [PhotoWarningKind::StandIn],
        "{warnings:?}"
    );
    assert!(lib.derived_file(&lead.photo, DerivedKind::Thumbnail).exists());
}

fn exiftool(jpeg: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rendition.jpg");
    std::fs::write(&path, jpeg).expect("write");
    let out = Command::new("exiftool")
        .args(["-j", "-G1", "-a"])
        .arg(&path)
        .output()
        .expect("exiftool must be installed (libimage-exiftool-perl)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("exiftool json");
    json[0].clone()
}

#[test]
fn renditions_carry_the_story_metadata_and_drop_the_gps() {
    let (_dir, mut lib, story) = library();
    let u = lib
        .attach_photos(&story, &[fixture("iphone_gpsinfo_exif.JPG")], true)
        .expect("attach")
        .uses
        .remove(0);
    let original = exiftool(&std::fs::read(fixture("iphone_gpsinfo_exif.JPG")).expect("read"));
    assert!(
        original.as_object().expect("object").keys().any(|k| k.starts_with("GPS:")),
        "the fixture has GPS"
    );
    let caption = "Ministers meet in Rome — “unity” <b>&</b> Hà Nội";
    lib.edit_photo_use(
        &story,
        &u.id,
        PhotoUseEdit {
            caption: Some(caption.into()),
            credit: Some("AFP/VNA".into()),
            alt_text: Some("Delegates around a long table".into()),
            creator: Some("Jane Roe".into()),
            copyright: Some("© 2026 AFP".into()),
            ..Default::default()
        },
    )
    .expect("edit");
    let jpeg = lib
        .rendition(&story, &u.id, RenditionOptions { long_edge: 256, keep_gps: false })
        .expect("rendition");
    let img = image::load_from_memory(&jpeg).expect("decodes");
    assert_eq!(img.width().max(img.height()), 256);
    let tags = exiftool(&jpeg);
    for (tag, want) in [
        ("XMP-dc:Description", caption),
        ("XMP-photoshop:Credit", "AFP/VNA"),
        ("XMP-dc:Creator", "Jane Roe"),
        ("XMP-dc:Rights", "© 2026 AFP"),
        ("XMP-iptcCore:AltTextAccessibility", "Delegates around a long table"),
        ("IPTC:Caption-Abstract", caption),
        ("IPTC:Credit", "AFP/VNA"),
        ("IPTC:By-line", "Jane Roe"),
        ("IPTC:CopyrightNotice", "© 2026 AFP"),
        ("IFD0:ImageDescription", caption),
        ("IFD0:Artist", "Jane Roe"),
        ("IFD0:Copyright", "© 2026 AFP"),
    ] {
        assert_eq!(tags[tag].as_str(), Some(want), "{tag} in {tags}");
    }
    let keys: Vec<&String> = tags.as_object().expect("object").keys().collect();
    assert!(!keys.iter().any(|k| k.starts_with("GPS:") || k.contains("GPS")), "GPS left in: {keys:?}");
    assert!(!keys.iter().any(|k| k.contains("SerialNumber")), "serial number left in: {keys:?}");
    let kept =
        lib.rendition(&story, &u.id, RenditionOptions { long_edge: 256, keep_gps: true }).expect("rendition");
    let kept = exiftool(&kept);
    assert!(kept.as_object().expect("object").keys().any(|k| k.starts_with("GPS:")), "keep_gps keeps it");
}

/// A PNG declaring `w`x`h` whose pixel data is one tiny chunk (what a decompression bomb looks like).
fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    for (kind, data) in
        [(&b"IDAT"[..], &[0x78u8, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01][..]), (&b"IEND"[..], &[][..])]
    {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn bad_photos_each_get_a_clear_message_and_the_batch_goes_on() {
    let (dir, mut lib, story) = library();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    };
    let cp = std::fs::read(fixture("cp.jpg")).expect("read");
    let empty = write("empty.jpg", b"");
    let random = write(
        "random.jpg",
        &(0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect::<Vec<_>>(),
    );
    let half = write("half.jpg", &cp[..cp.len() / 2]);
    let huge = write("huge.png", &png_declaring(20_000, 20_000));
    // A valid 11000x11000 PNG: one grey row repeated, compressed small.
    let big = {
        let img = image::GrayImage::from_pixel(11_000, 11_000, image::Luma([128]));
        let mut bytes = Vec::new();
        image::codecs::png::PngEncoder::new_with_quality(
            &mut bytes,
            image::codecs::png::CompressionType::Fast,
            image::codecs::png::FilterType::NoFilter,
        )
        .write_image(img.as_raw(), 11_000, 11_000, image::ExtendedColorType::L8)
        .expect("encode");
        write("big.png", &bytes)
    };
    // A JPEG whose EXIF block is garbage: it still imports, upright.
    let bad_exif = {
        let mut bytes = cp[..2].to_vec();
        bytes.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x20]);
        bytes.extend_from_slice(b"Exif\0\0MM\0\x2a\xff\xff\xff\xf0garbage-garbage-gar");
        bytes.extend_from_slice(&cp[2..]);
        write("bad-exif.jpg", &bytes)
    };
    // A PNG named .jpg: the bytes decide.
    let lying = {
        let img = image::RgbImage::from_pixel(30, 20, image::Rgb([10, 20, 30]));
        let mut bytes = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("png");
        write("actually-a-png.jpg", &bytes)
    };
    let folder = d.join("a-folder.jpg");
    std::fs::create_dir(&folder).expect("dir");
    let vanished = d.join("vanished.jpg");
    let files = vec![empty, random, half, huge, big, bad_exif, lying, folder, vanished];
    let report = lib.attach_photos(&story, &files, false).expect("batch");
    let problem = |file: &str| {
        report
            .skipped
            .iter()
            .find(|s| s.file.ends_with(file))
            .map(|s| s.problem.clone())
            .unwrap_or_else(|| panic!("{file} was not skipped: {:?}", report.skipped))
    };
    assert!(problem("empty.jpg").contains("empty"));
    assert!(problem("random.jpg").contains("not a photo"));
    assert!(problem("half.jpg").contains("incomplete"));
    assert!(problem("huge.png").contains("20000x20000"), "{}", problem("huge.png"));
    let big_problem = problem("big.png");
    assert!(
        big_problem.contains("121 megapixels") && big_problem.contains("up to 100 megapixels"),
        "{big_problem}"
    );
    assert!(problem("a-folder.jpg").contains("is a folder"));
    assert!(problem("vanished.jpg").contains("vanished.jpg"));
    assert_eq!(report.skipped.len(), 7);
    assert_eq!(report.uses.len(), 2, "the good files went through");
    let sizes: Vec<(u32, u32)> = report.uses.iter().map(|u| (u.width, u.height)).collect();
    assert!(sizes.contains(&(400, 265)), "bad EXIF falls back to upright: {sizes:?}");
    assert!(sizes.contains(&(30, 20)), "the PNG named .jpg: {sizes:?}");
    let lying_photo = lib
        .photo(&report.uses.iter().find(|u| u.width == 30).expect("png").photo)
        .expect("photo")
        .expect("exists");
    assert_eq!(lying_photo.format, "png");
}

/// Makes "CP Images" the name credits of The Canadian Press print as.
fn house_name_for_the_canadian_press(lib: &mut Library) {
    let mut settings = lib.settings().expect("settings");
    settings.agencies.retain(|a| a.name != "The Canadian Press");
    settings.agencies.push(byline_core::Agency {
        name: "CP Images".into(),
        spellings: vec!["The Canadian Press".into(), "cp".into()],
    });
    let saved = lib.set_settings(&settings).expect("house name");
    // What the library gives back saves again unchanged.
    assert_eq!(lib.set_settings(&saved).expect("round trip"), saved);
}

#[test]
fn a_credit_normalised_by_the_librarys_own_table_still_counts_as_from_the_file() {
    let (_dir, mut lib, story) = library();
    house_name_for_the_canadian_press(&mut lib);
    let u = lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("attach").uses.remove(0);
    assert_eq!(u.credit, "CP Images");
    assert!(u.from_photo.credit, "still the file's credit, as the library prints it");
    let edited = lib
        .edit_photo_use(&story, &u.id, PhotoUseEdit { credit: Some("Jane Roe".into()), ..Default::default() })
        .expect("edit");
    assert!(!edited.from_photo.credit);
}

#[test]
fn a_batch_runs_on_every_core_yet_attaches_in_the_order_given() {
    let (dir, mut lib, story) = library();
    let jpeg = |name: &str, w: u32, h: u32| {
        let path = dir.path().join(name);
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 7 + y) as u8, (y * 3) as u8, (x ^ y) as u8])
        });
        img.save_with_format(&path, image::ImageFormat::Jpeg).expect("write");
        path
    };
    // The first good photo is by far the slowest, so the workers finish the others first.
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, b"\xFF\xD8\xFFnot really").expect("write");
    let mut files = vec![broken, jpeg("big.jpg", 4000, 3000)];
    files.extend((0..6).map(|i| jpeg(&format!("small-{i}.jpg"), 100 + 10 * i, 80)));
    files.push(files[2].clone());
    let mut seen = Vec::new();
    let mut streamed = Vec::new();
    let report = lib
        .attach_photos_with(&story, &files, true, |p| {
            seen.push(p.done);
            streamed.push(p.attached.map(|u| (u.width, u.height)));
            true
        })
        .expect("batch");
    assert_eq!(seen, (1..=files.len() as u32).collect::<Vec<_>>(), "progress counts up in order");
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].file.ends_with("broken.jpg"));
    let story = lib.story(&story).expect("story");
    let sizes: Vec<(u32, u32)> = story.photos.iter().map(|u| (u.width, u.height)).collect();
    let mut want = vec![(4000, 3000)];
    want.extend((0..6).map(|i| (100 + 10 * i, 80)));
    want.push((100, 80));
    assert_eq!(sizes, want, "uses in the order given, the same file twice is two uses");
    // Each photo comes with its progress, so the panel can show it at once; the broken file none.
    let mut each = vec![None];
    each.extend(want.iter().copied().map(Some));
    assert_eq!(streamed, each);
    assert_eq!(report.uses.iter().map(|u| (u.width, u.height)).collect::<Vec<_>>(), want);
    assert_eq!(story.photos[0].role, PhotoRole::Lead, "the first good photo is the lead");
    assert_eq!(story.photos[1].photo, story.photos[7].photo, "and one photo");
    // Every photo has its derived files and its original; no temporary file is left behind.
    let all = walk(lib.dir());
    assert!(!all.iter().any(|p| p.to_string_lossy().ends_with(".tmp")), "{all:?}");
    assert_eq!(walk(&lib.dir().join("originals")).len(), 7);
    for u in &story.photos {
        for kind in [DerivedKind::Thumbnail, DerivedKind::Preview] {
            assert!(lib.derived_file(&u.photo, kind).exists(), "{kind:?} of {}", u.photo);
        }
    }
}

#[test]
fn the_agency_table_is_edited_with_the_settings_all_or_nothing() {
    let (_dir, mut lib, story) = library();
    let mut settings = lib.settings().expect("settings");
    assert!(settings
        .agencies
        .iter()
        .any(|a| a.name == "The Canadian Press" && a.spellings.contains(&"CP".into())));
    // Refused: "CP" would print as two agencies. Nothing changes, the base URL neither.
    settings.base_url = Some("https://news.example.org".into());
    settings.agencies.push(byline_core::Agency { name: "CP Images".into(), spellings: vec!["cp".into()] });
    let err = lib.set_settings(&settings).expect_err("refused");
    assert!(err.to_string().contains("“cp” cannot print as both The Canadian Press and CP Images"), "{err}");
    assert_eq!(lib.settings().expect("settings").base_url, None);
    // The house name takes the agency's spellings.
    settings.agencies.retain(|a| a.name != "The Canadian Press");
    settings.agencies.last_mut().expect("CP Images").spellings =
        vec!["The Canadian Press".into(), "cp".into()];
    let saved = lib.set_settings(&settings).expect("saved");
    assert_eq!(saved.base_url.as_deref(), Some("https://news.example.org"));
    let cp = saved.agencies.iter().find(|a| a.name == "CP Images").expect("saved agency");
    assert_eq!(cp.spellings, ["cp", "The Canadian Press"]);
    let u = lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("attach").uses.remove(0);
    assert_eq!(u.credit, "CP Images");
    assert!(u.from_photo.credit, "a credit normalised by the table still counts as from the file");
}

#[test]
fn after_a_cancel_the_photos_in_hand_are_attached_and_each_is_reported() {
    let (dir, mut lib, story) = library();
    let files: Vec<PathBuf> = (0..12)
        .map(|i| {
            let path = dir.path().join(format!("p{i}.jpg"));
            image::RgbImage::from_pixel(60 + i, 40, image::Rgb([i as u8 * 20, 90, 200]))
                .save_with_format(&path, image::ImageFormat::Jpeg)
                .expect("write");
            path
        })
        .collect();
    let mut reported = Vec::new();
    let report = lib
        .attach_photos_with(&story, &files, false, |p| {
            reported.extend(p.attached.map(|u| u.id));
            p.done < 2
        })
        .expect("batch");
    assert!(report.cancelled);
    let attached: Vec<String> = report.uses.iter().map(|u| u.id.clone()).collect();
    assert!(attached.len() >= 2 && attached.len() < files.len(), "stopped early: {}", attached.len());
    assert_eq!(reported, attached, "every photo attached was reported as it came, none after");
    assert_eq!(lib.story(&story).expect("story").photos.len(), attached.len());
}

#[test]
fn the_agencys_instructions_travel_with_the_photo_and_are_raised_before_publishing() {
    let (_dir, mut lib, story) = library();
    // The wire photo's file says "EDS NOTE:A FILE PHOTO" (photoshop:Instructions and IIM 2:40).
    let u = lib.attach_photos(&story, &[fixture("cp.jpg")], true).expect("attach").uses.remove(0);
    assert_eq!(u.instructions, "EDS NOTE:A FILE PHOTO");
    assert_eq!(u.usage_terms, "");
    let warnings = lib.photo_warnings(&story).expect("warnings");
    let restricted: Vec<&str> = warnings
        .iter()
        .filter(|w| w.kind == PhotoWarningKind::Restricted)
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(restricted, ["the lead photo comes with the agency's terms: “EDS NOTE:A FILE PHOTO”"]);
    let checklist = lib.checklist(&story).expect("checklist");
    assert!(checklist.iter().any(|i| i.message == restricted[0]), "{checklist:?}");
    // Editing the words leaves the terms alone; the rendition carries them.
    lib.edit_photo_use(
        &story,
        &u.id,
        PhotoUseEdit { caption: Some("New words.".into()), ..Default::default() },
    )
    .expect("edit");
    let jpeg = lib.rendition(&story, &u.id, RenditionOptions::default()).expect("rendition");
    let tags = exiftool(&jpeg);
    assert_eq!(tags["XMP-photoshop:Instructions"], "EDS NOTE:A FILE PHOTO", "{tags}");
    assert_eq!(tags["IPTC:SpecialInstructions"], "EDS NOTE:A FILE PHOTO", "{tags}");
    assert_eq!(lib.story(&story).expect("story").photos[0].instructions, "EDS NOTE:A FILE PHOTO");
}

#[test]
fn a_photo_desks_trailer_is_accepted_and_its_soft_edits_shown_not_applied() {
    let (dir, mut lib, story) = library();
    // cp.jpg with a Photo Mechanic-style trailer asking for a 90° turn, and a phone's own block.
    let mut block = vec![0x1C, 2, 216, 0, 4, 0, 0, 0, 1];
    block.resize(0x800, 0);
    let mut bytes = std::fs::read(fixture("cp.jpg")).expect("fixture");
    bytes.extend_from_slice(&block);
    bytes.extend_from_slice(&0x800u32.to_be_bytes());
    bytes.extend_from_slice(b"cbipcbbl");
    let with_trailer = dir.path().join("pm.jpg");
    std::fs::write(&with_trailer, &bytes).expect("write");
    let mut phone = std::fs::read(fixture("cp.jpg")).expect("fixture");
    phone.extend_from_slice(b"SEFH\x00\x00\x00\x01 a phone's own block after the picture");
    let with_block = dir.path().join("phone.jpg");
    std::fs::write(&with_block, &phone).expect("write");
    let report = lib.attach_photos(&story, &[with_trailer, with_block], false).expect("attach");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let uses = &report.uses;
    assert_eq!(uses[0].soft_edits, "Photo Mechanic asks to rotate 90° clockwise; not applied");
    assert_eq!((uses[0].width, uses[0].height), (400, 265), "the turn is not applied");
    assert_eq!(uses[1].soft_edits, "");
    assert_eq!(uses[1].credit, "The Canadian Press");
}

#[test]
fn a_batch_of_100_mixed_files_takes_every_good_one_and_names_every_bad_one() {
    let (dir, mut lib, story) = library();
    let encode = |i: u32, format: image::ImageFormat| {
        let img = image::RgbImage::from_fn(40 + i, 30 + i % 7, |x, y| {
            image::Rgb([(x * 5) as u8, (y * 7) as u8, i as u8])
        });
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut std::io::Cursor::new(&mut out), format)
            .expect("encode");
        out
    };
    let mut files = Vec::new();
    let mut bad: Vec<(String, &str)> = Vec::new();
    for i in 0..100u32 {
        let (name, bytes, problem): (String, Vec<u8>, Option<&str>) = match i % 10 {
            0 => (format!("{i}.jpg"), encode(i, image::ImageFormat::Jpeg), None),
            // HEIC and AVIF, as Debian's heif-enc writes them from a PNG.
            1 => {
                let png = dir.path().join(format!("{i}-source.png"));
                std::fs::write(&png, encode(i, image::ImageFormat::Png)).expect("write");
                let name = if i % 20 == 1 { format!("{i}.heic") } else { format!("{i}.avif") };
                let out = dir.path().join(&name);
                let status = Command::new("heif-enc")
                    .args(["-q", "60", "-o"])
                    .arg(&out)
                    .arg(&png)
                    .output()
                    .expect("heif-enc must be installed (libheif-examples; scripts/setup.sh does)");
                assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
                (name, std::fs::read(&out).expect("heif-enc's file"), None)
            }
            2 => (format!("{i}.png"), encode(i, image::ImageFormat::Png), None),
            3 => (format!("{i}.webp"), encode(i, image::ImageFormat::WebP), None),
            4 => (format!("{i}.tif"), encode(i, image::ImageFormat::Tiff), None),
            5 => {
                let mut b = encode(i, image::ImageFormat::Jpeg);
                b.extend_from_slice(&[0x1C, 2, 216, 0, 4, 0, 0, 0, 2]);
                b.extend_from_slice(&9u32.to_be_bytes());
                b.extend_from_slice(b"cbipcbbl");
                (format!("{i}-trailer.jpg"), b, None)
            }
            6 => {
                let mut b = encode(i, image::ImageFormat::Jpeg);
                b.extend_from_slice(&vec![0xAB; 300]);
                (format!("{i}-phone.jpg"), b, None)
            }
            7 => {
                let b = encode(i, image::ImageFormat::Jpeg);
                let cut = b[..b.len() * 2 / 3].to_vec();
                (format!("{i}-cut.jpg"), cut, Some("incomplete"))
            }
            8 => match i % 3 {
                // Their headers: enough for the bytes to say what they are.
                0 => (
                    format!("{i}.gif"),
                    b"GIF89a\x01\x00\x01\x00\x80\x00\x00".to_vec(),
                    Some("GIF is not supported"),
                ),
                1 => (
                    format!("{i}.bmp"),
                    b"BM\x3e\0\0\0\0\0\0\0\x3e\0\0\0\x28\0\0\0".to_vec(),
                    Some("BMP is not supported"),
                ),
                _ => {
                    (format!("{i}.NEF"), b"II*\0\x08\0\0\0\0\0\0\0".to_vec(), Some("camera RAW files (NEF)"))
                }
            },
            _ if i % 20 == 19 => {
                // A HEIC cut off while copying: its boxes point past the end.
                let heic = files.iter().find(|f: &&PathBuf| f.extension().is_some_and(|e| e == "heic"));
                let bytes = std::fs::read(heic.expect("a HEIC made above")).expect("read");
                (format!("{i}-cut.heic"), bytes[..bytes.len() / 2].to_vec(), Some("could not be decoded"))
            }
            _ => (format!("{i}.jpg"), format!("not a photo {i}").into_bytes(), Some("not a photo")),
        };
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).expect("write");
        if let Some(p) = problem {
            bad.push((name.clone(), p));
        }
        files.push(path);
    }
    let report = lib.attach_photos(&story, &files, false).expect("batch");
    assert_eq!(report.uses.len(), 100 - bad.len(), "every good file is in: {:?}", report.skipped);
    assert_eq!(report.skipped.len(), bad.len());
    for (name, problem) in &bad {
        let skipped = report
            .skipped
            .iter()
            .find(|s| s.file.ends_with(name.as_str()))
            .unwrap_or_else(|| panic!("{name} not named"));
        assert!(skipped.problem.contains(problem), "{name}: {}", skipped.problem);
    }
}
