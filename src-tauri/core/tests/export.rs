//! Exports of a real story (with photos) checked by the real tools: the Nu Html Checker for
//! HTML, a Hugo build for the page bundle, the zip reader for the package.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use byline_core::export::{ExportOptions, Format};
use byline_core::{Document, Library, NewStory, PhotoUseEdit, RelatedLink, Seed};
use serde_json::json;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/photos").join(name)
}

/// A library with a finished story: lead photo, an inline figure, a note, a story link, related posts.
fn newsroom() -> (tempfile::TempDir, Library, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    let other = lib
        .create_story(NewStory { headline: "Police respond in Montreal".into(), ..Default::default() })
        .expect("other");
    let story = lib
        .create_story(NewStory {
            headline: "Coalition meets in Rome".into(),
            kicker: Some("Diplomacy".into()),
            byline: Some("Jane Roe".into()),
        })
        .expect("story");
    let id = story.id.to_string();
    let lead = lib.attach_photos(&id, &[fixture("cp.jpg")], true).expect("lead").uses.remove(0);
    let inline = lib
        .attach_photos(&id, &[fixture("IPTC-PhotometadataRef-Std2017.1.jpg")], false)
        .expect("inline")
        .uses
        .remove(0);
    lib.edit_photo_use(
        &id,
        &lead.id,
        PhotoUseEdit { alt_text: Some("A police logo on a car door".into()), ..Default::default() },
    )
    .expect("alt");
    lib.edit_photo_use(
        &id,
        &inline.id,
        PhotoUseEdit { alt_text: Some("A reference photo".into()), ..Default::default() },
    )
    .expect("alt");
    let mut edit = lib.story(&id).expect("story").edit();
    edit.standfirst = "Ministers agree to focus on Africa.".into();
    edit.dateline = "ROME".into();
    edit.tags = vec!["IS".into(), "Rome".into()];
    edit.body = Document::from_value(&json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [
            {"type": "text", "text": "Ministers met in Rome. "},
            {"type": "text", "text": "TK check the date", "marks": [{"type": "note"}]},
            {"type": "text", "text": "See also "},
            {"type": "text", "text": "the Montreal story", "marks": [{"type": "link", "attrs": {"href": format!("story:{}", other.id)}}]},
            {"type": "text", "text": " and "},
            {"type": "text", "text": "the agency", "marks": [{"type": "link", "attrs": {"href": "https://example.org/a?b=1&c=2"}}, {"type": "strong"}]},
            {"type": "text", "text": "."}
        ]},
        {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Reactions"}]},
        {"type": "figure", "attrs": {"use": inline.id}},
        {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Egypt", "marks": [{"type": "em"}]}]}]}]},
        {"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "We have received worrying signals."}]}]}
    ]})).expect("body");
    lib.save_story(edit).expect("save");
    lib.set_related(
        &id,
        vec![
            RelatedLink {
                story_id: Some(other.id),
                url: None,
                title: "Police respond in Montreal".into(),
                broken: false,
            },
            RelatedLink {
                story_id: None,
                url: Some("https://example.org/rome-summit".into()),
                title: "Rome summit, day one".into(),
                broken: false,
            },
        ],
    )
    .expect("related");
    (dir, lib, id)
}

fn options() -> ExportOptions {
    ExportOptions { base_url: Some("https://news.example.org/stories".into()), ..Default::default() }
}

/// The Nu Html Checker's errors for a file (empty when valid).
fn vnu_errors(file: &Path) -> String {
    let jar = repo().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "vnu.jar missing: run `npm ci --ignore-scripts --prefix tests/tools` (scripts/setup.sh does)"
    );
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "text"])
        .arg(file)
        .output()
        .expect("java (default-jre-headless)");
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    if out.status.success() {
        String::new()
    } else {
        text
    }
}

#[test]
fn html_export_is_valid_and_complete() {
    let (dir, lib, id) = newsroom();
    let before = lib.story(&id).expect("story");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let folder = lib.export_story(&id, Format::Html, &out, &options()).expect("export");
    let index = folder.join("index.html");
    let html = std::fs::read_to_string(&index).expect("index.html");
    assert_eq!(vnu_errors(&index), "", "Nu Html Checker errors");
    for want in [
        "<p class=\"kicker\">Diplomacy</p>",
        "<h1>Coalition meets in Rome</h1>",
        "<p class=\"byline\">By Jane Roe</p>",
        "The Montreal Police logo is seen",
        "<span class=\"credit\">Photo: The Canadian Press</span>",
        "alt=\"A police logo on a car door\"",
        "<h2>Related Posts</h2>",
        "href=\"https://news.example.org/stories/police-respond-in-montreal/\"",
        "href=\"https://example.org/rome-summit\"",
        "<a href=\"https://example.org/a?b=1&amp;c=2\"><strong>the agency</strong></a>",
        "\"@type\":\"NewsArticle\"",
        "\"creditText\":\"The Canadian Press\"",
    ] {
        assert!(html.contains(want), "missing {want}");
    }
    assert!(!html.contains("TK check the date"), "notes never leave Byline");
    assert!(html.find("class=\"kicker\"") > html.find("<figure>"), "the lead photo is above the headline");
    // The date as a reader reads it, the instant for machines.
    let updated = before.updated;
    let time = format!(
        "<time datetime=\"{}\">{}</time>",
        byline_core::time::rfc3339(updated),
        byline_core::export::dates::reader_date(updated, &before.language)
    );
    assert!(html.contains(&time), "no {time} in {html}");
    assert!(
        time.contains(&format!(" {}, {}<", updated.day(), updated.year())),
        "an en-US story reads “December 6, 2026”: {time}"
    );
    let images: Vec<_> = std::fs::read_dir(folder.join("images")).expect("images").flatten().collect();
    assert_eq!(images.len(), 2);
    assert_eq!(
        lib.story(&id).expect("story").revision,
        before.revision,
        "exporting does not change the story"
    );
    let err = lib.export_story(&id, Format::Html, &out, &options()).expect_err("exists");
    assert!(err.to_string().contains("already exists"), "{err}");
}

/// A published story is dated by its publication, in the page, its JSON-LD and Hugo's front
/// matter, though it changed after; a story not yet published has no publication date.
#[test]
fn a_published_story_is_dated_by_its_publication() {
    let (dir, mut lib, id) = newsroom();
    let html_of = |lib: &Library, name: &str| {
        let out = dir.path().join(name);
        std::fs::create_dir(&out).expect("out");
        let folder = lib.export_story(&id, Format::Html, &out, &options()).expect("export");
        std::fs::read_to_string(folder.join("index.html")).expect("index.html")
    };
    assert!(!html_of(&lib, "draft").contains("datePublished"), "a draft has no publication date");
    let published = lib.mark_published(&id).expect("publish").published.expect("published");
    // Times are kept to the millisecond: the correction comes at least one later.
    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut edit = lib.story(&id).expect("story").edit();
    edit.standfirst = "Corrected after publication.".into();
    let updated = lib.save_story(edit).expect("save").updated;
    let (published, updated) = (byline_core::time::rfc3339(published), byline_core::time::rfc3339(updated));
    assert_ne!(published, updated);
    let html = html_of(&lib, "published");
    assert!(html.contains(&format!("\"datePublished\":\"{published}\"")), "{html}");
    assert!(html.contains(&format!("\"dateModified\":\"{updated}\"")), "{html}");
    assert!(html.contains(&format!("<time datetime=\"{published}\">")), "{html}");
    let content = dir.path().join("hugo");
    std::fs::create_dir(&content).expect("hugo");
    let bundle = lib.export_story(&id, Format::Hugo, &content, &options()).expect("hugo export");
    let md = std::fs::read_to_string(bundle.join("index.md")).expect("index.md");
    assert!(
        md.contains(&format!("date: {published}")) || md.contains(&format!("date: '{published}'")),
        "{md}"
    );
}

#[test]
fn without_a_base_url_story_links_are_plain_text() {
    let (dir, lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let folder = lib.export_story(&id, Format::Html, &out, &ExportOptions::default()).expect("export");
    let html = std::fs::read_to_string(folder.join("index.html")).expect("html");
    assert!(html.contains("See also the Montreal story and"), "{html}");
    assert!(!html.contains("story:"), "no story: links leak");
    assert!(html.contains("<li>Police respond in Montreal</li>"));
}

/// Exports the story as a Hugo page bundle into a bare site, builds it with Hugo, and gives back
/// the bundle's `index.md` and the rendered page.
fn hugo_page(dir: &Path, lib: &Library, id: &str) -> (String, String) {
    let site = dir.join("site");
    let content = site.join("content/news");
    std::fs::create_dir_all(&content).expect("site");
    std::fs::create_dir_all(site.join("layouts/_default")).expect("layouts");
    std::fs::write(site.join("hugo.toml"), "baseURL = 'https://news.example.org/'\ntitle = 'Newsroom'\n")
        .expect("config");
    std::fs::write(
        site.join("layouts/_default/single.html"),
        "<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n",
    )
    .expect("layout");
    std::fs::write(
        site.join("layouts/_default/list.html"),
        "<html><body>{{ range .Pages }}{{ .Title }}{{ end }}</body></html>\n",
    )
    .expect("layout");
    let bundle = lib.export_story(id, Format::Hugo, &content, &options()).expect("export");
    let md = std::fs::read_to_string(bundle.join("index.md")).expect("index.md");
    let out = Command::new("hugo")
        .args(["--quiet", "--buildDrafts", "--source"])
        .arg(&site)
        .output()
        .expect("hugo (apt install hugo)");
    assert!(out.status.success(), "hugo failed: {}", String::from_utf8_lossy(&out.stderr));
    let slug = lib.story(id).expect("story").slug;
    let page = std::fs::read_to_string(site.join("public/news").join(&slug).join("index.html"))
        .or_else(|_| {
            std::fs::read_to_string(site.join("public/news").join(format!("{slug}-hugo")).join("index.html"))
        })
        .expect("rendered page");
    (md, page)
}

#[test]
fn hugo_builds_the_page_bundle_with_caption_credit_and_related_links() {
    let (dir, lib, id) = newsroom();
    let (md, page) = hugo_page(dir.path(), &lib, &id);
    assert!(
        md.starts_with("---\n")
            && md.contains("title: Coalition meets in Rome")
            && md.contains("draft: true"),
        "{md}"
    );
    assert!(!md.contains("TK check"), "notes never leave Byline");
    for want in [
        "The Montreal Police logo is seen",
        "Photo: The Canadian Press",
        "https://news.example.org/stories/police-respond-in-montreal/",
        "https://example.org/rome-summit",
        "Related Posts",
        "alt=\"A police logo on a car door\"",
    ] {
        assert!(page.contains(want), "rendered page lacks {want}:\n{page}");
    }
}

#[test]
fn the_package_holds_every_format_and_a_manifest() {
    let (dir, lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let zip_path = lib.export_story(&id, Format::Zip, &out, &options()).expect("export");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).expect("open")).expect("zip");
    let names: Vec<String> =
        (0..zip.len()).map(|i| zip.by_index(i).expect("entry").name().expect("name").to_string()).collect();
    let slug = lib.story(&id).expect("story").slug;
    for want in
        ["manifest.json", "html/index.html", "hugo/index.md", &format!("{slug}.docx"), &format!("{slug}.pdf")]
    {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    assert!(names.iter().any(|n| n.ends_with(".json") && n != "manifest.json"), "ninjs in {names:?}");
    assert!(names.iter().any(|n| n.ends_with(".xml")), "NewsML-G2 in {names:?}");
    assert_eq!(names.iter().filter(|n| n.starts_with("html/images/") && n.ends_with(".jpg")).count(), 2);
    let manifest: serde_json::Value =
        serde_json::from_reader(zip.by_name("manifest.json").expect("manifest")).expect("json");
    assert_eq!(manifest["story"]["id"], id);
    assert_eq!(manifest["files"].as_array().expect("files").len(), names.len() - 1);
    // A rendition in the package carries its caption inside the file.
    let mut jpeg = Vec::new();
    let lead_name =
        names.iter().find(|n| n.starts_with("html/images/") && n.contains("lead")).expect("lead").clone();
    std::io::Read::read_to_end(&mut zip.by_name(&lead_name).expect("lead"), &mut jpeg).expect("read");
    let meta = byline_core::photos::metadata::read(&jpeg).expect("metadata");
    assert!(meta.caption.expect("caption").starts_with("The Montreal Police logo"));
    assert_eq!(meta.alt_text.as_deref(), Some("A police logo on a car door"));
}

#[test]
fn a_vanished_destination_leaves_nothing_and_says_so() {
    let (dir, lib, id) = newsroom();
    // Its parent is gone too: a folder is made only inside one that exists.
    let gone = dir.path().join("gone").join("story");
    let err = lib.export_story(&id, Format::Zip, &gone, &options()).expect_err("no folder");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert!(!gone.exists());
    assert!(!dir.path().join("gone").exists(), "nothing was made on the way");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Hostile text in every field comes out as text: the HTML stays valid with no active content.
#[test]
fn hostile_text_stays_text_in_html_and_hugo() {
    let payloads_file = repo().join("tests/fixtures/xss-payloads.txt");
    let payloads: Vec<String> = std::fs::read_to_string(&payloads_file)
        .expect("payload list")
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    assert!(payloads.len() >= 50, "{} payloads", payloads.len());
    let (dir, mut lib, id) = newsroom();
    let joined = payloads.join(" ");
    let mut edit = lib.story(&id).expect("story").edit();
    edit.headline = joined.clone();
    edit.kicker = payloads[0].clone();
    edit.standfirst = payloads[1].clone();
    edit.byline = payloads[2].clone();
    edit.dateline = payloads[3].clone();
    edit.body = Document::from_paragraphs(&payloads);
    lib.save_story(edit).expect("save");
    let lead = lib.story(&id).expect("story").photos[0].id.clone();
    lib.edit_photo_use(
        &id,
        &lead,
        PhotoUseEdit {
            caption: Some(joined.clone()),
            alt_text: Some(payloads[4].clone()),
            credit: Some(payloads[5].clone()),
            ..Default::default()
        },
    )
    .expect("edit");
    lib.set_related(
        &id,
        payloads
            .iter()
            .take(10)
            .map(|p| RelatedLink {
                story_id: None,
                url: Some("https://example.org/x".into()),
                title: p.clone(),
                broken: false,
            })
            .collect(),
    )
    .expect("related");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let folder = lib.export_story(&id, Format::Html, &out, &options()).expect("export");
    let index = folder.join("index.html");
    assert_eq!(vnu_errors(&index), "", "hostile text broke the HTML");
    let html = std::fs::read_to_string(&index).expect("html");
    let lower = html.to_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "only the JSON-LD script element");
    for active in [
        "<img src=x",
        "<svg",
        "<iframe",
        "<a href=\"javascript",
        "<body onload",
        "<object",
        "<embed",
        "<math",
    ] {
        assert!(!lower.contains(active), "active content `{active}` in the export");
    }
    lib.export_story(&id, Format::Hugo, &out, &options()).expect("hugo export");
    // Hugo builds the page bundle, and nothing typed became markup there either.
    let (_, page) = hugo_page(dir.path(), &lib, &id);
    let lower = page.to_lowercase();
    for active in ["<script", "<img src=x", "<svg", "<iframe", "<a href=\"javascript", "<object", "<embed"] {
        assert!(!lower.contains(active), "active content `{active}` in the Hugo page");
    }
}

#[test]
fn a_full_disk_leaves_no_partial_export_and_says_so() {
    let (dir, lib, id) = newsroom();
    let mount = dir.path().join("tiny");
    let Some(_fs) = common::tiny_filesystem(&mount, "96k") else { return };
    for format in [Format::Zip, Format::Html] {
        let err = lib.export_story(&id, format, &mount, &options()).expect_err("the disk is full");
        assert!(err.to_string().contains("No space left on device"), "{err}");
        let left: Vec<_> =
            std::fs::read_dir(&mount).expect("mount").flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "partial output left behind: {left:?}");
    }
}

#[test]
fn a_new_destination_folder_is_made_when_its_parent_exists() {
    let (dir, lib, id) = newsroom();
    let out = dir.path().join("for-the-desk");
    let written = lib.export_story(&id, Format::Ninjs, &out, &options()).expect("exported");
    assert!(out.is_dir(), "the destination folder was made");
    assert_eq!(written.parent(), Some(out.as_path()));
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"x").expect("file");
    let err = lib.export_story(&id, Format::Ninjs, &file, &options()).expect_err("a file is no folder");
    assert!(err.to_string().contains("is a file, not a folder"), "{err}");
}

/// The text of a DOCX as LibreOffice prints it: `soffice --headless --convert-to pdf` (its own
/// profile in `work`), then `pdftotext`.
fn libreoffice_text(docx: &Path, work: &Path) -> String {
    let profile = format!("file://{}", work.join("lo-profile").display());
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work)
        .arg(docx)
        .output()
        .expect("soffice must be installed (libreoffice-writer-nogui; scripts/setup.sh does)");
    assert!(out.status.success(), "soffice: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = work.join(docx.with_extension("pdf").file_name().expect("name"));
    assert!(pdf.exists(), "LibreOffice made no PDF: {}", String::from_utf8_lossy(&out.stdout));
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(text.status.success());
    String::from_utf8_lossy(&text.stdout).into_owned()
}

/// One part of a zip, as text.
fn zip_text(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap_or_else(|_| panic!("{name}")), &mut text)
        .expect("utf-8");
    text
}

#[test]
fn docx_opens_in_libreoffice_with_the_head_figures_notes_links_and_properties() {
    let (dir, lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let path = lib.export_story(&id, Format::Docx, &out, &options()).expect("export");
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("docx"));
    let story = lib.story(&id).expect("story");
    let lead = story.photos.iter().find(|u| u.role == byline_core::PhotoRole::Lead).expect("lead");

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("a zip");
    let document = zip_text(&mut zip, "word/document.xml");
    for style in
        ["Kicker", "Title", "Subtitle", "Byline", "Dateline", "Heading2", "Quote", "Caption", "Figure"]
    {
        assert!(document.contains(&format!("<w:pStyle w:val=\"{style}\"/>")), "style {style}");
    }
    assert!(document.contains("<w:numId w:val=\"1\"/>"), "the list is a Word list");
    // The TK note is a comment, never body text.
    let comments = zip_text(&mut zip, "word/comments.xml");
    assert_eq!(comments.matches("<w:comment ").count(), 1);
    assert!(comments.contains("TK check the date"));
    assert!(!document.contains("TK check the date"));
    assert_eq!(document.matches("<w:commentReference ").count(), 1);
    // Alt texts are the pictures' descriptions.
    assert!(document.contains("descr=\"A police logo on a car door\""));
    assert!(document.contains("descr=\"A reference photo\""));
    // Links: the story link resolved against the base URL, the other kept, escaped.
    let rels = zip_text(&mut zip, "word/_rels/document.xml.rels");
    let other = lib
        .list_stories(None)
        .expect("list")
        .into_iter()
        .find(|s| s.headline.starts_with("Police"))
        .expect("other");
    assert!(rels.contains(&format!("Target=\"https://news.example.org/stories/{}/\"", other.slug)), "{rels}");
    assert!(rels.contains("Target=\"https://example.org/a?b=1&amp;c=2\" TargetMode=\"External\""), "{rels}");
    // Document properties.
    let core = zip_text(&mut zip, "docProps/core.xml");
    for want in [
        "<dc:title>Coalition meets in Rome</dc:title>",
        "<dc:creator>Jane Roe</dc:creator>",
        "<cp:keywords>IS, Rome</cp:keywords>",
        "<dc:subject>Diplomacy</dc:subject>",
        &format!("<dc:language>{}</dc:language>", story.language),
    ] {
        assert!(core.contains(want), "{want} in {core}");
    }
    // The pictures are the metadata-bearing renditions.
    let mut jpeg = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("word/media/image1.jpeg").expect("lead picture"), &mut jpeg)
        .expect("read");
    let meta = byline_core::photos::metadata::read(&jpeg).expect("metadata");
    assert!(meta.caption.expect("caption").starts_with("The Montreal Police logo"));

    // LibreOffice opens it and prints the words.
    let text = libreoffice_text(&path, dir.path());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Coalition meets in Rome",
        "Ministers agree to focus on Africa.",
        "Jane Roe",
        "Reactions",
        "We have received worrying signals.",
        "The Montreal Police logo",
        lead.credit_line.as_str(),
        "the Montreal story",
    ] {
        assert!(flat.contains(want), "LibreOffice's text lacks {want:?}:\n{flat}");
    }
    assert!(!flat.contains("TK check the date"), "the note stays out of the printed text");
}

#[test]
fn a_docx_exported_and_imported_gives_back_the_story_and_its_photos() {
    let (dir, mut lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let path = lib.export_story(&id, Format::Docx, &out, &options()).expect("export");
    let report = lib.import_path(&path).expect("import");
    assert_eq!(report.stories.len(), 1);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!(report.notes, ["1 Word comment became a TK note"]);
    let (before, after) =
        (lib.story(&id).expect("story"), lib.story(&report.stories[0].to_string()).expect("back"));
    assert_ne!(before.id, after.id, "a new story");
    for (field, a, b) in [
        ("kicker", &before.kicker, &after.kicker),
        ("headline", &before.headline, &after.headline),
        ("standfirst", &before.standfirst, &after.standfirst),
        ("byline", &before.byline, &after.byline),
        ("dateline", &before.dateline, &after.dateline),
        ("language", &before.language, &after.language),
    ] {
        assert_eq!(a, b, "{field}");
    }
    assert_eq!(before.tags, after.tags);
    // Both photos, through the photo pipeline, with their words.
    assert_eq!(after.photos.len(), 2);
    for (a, b) in before.photos.iter().zip(&after.photos) {
        assert_eq!(
            (a.role, &a.caption, &a.credit, &a.alt_text),
            (b.role, &b.caption, &b.credit, &b.alt_text)
        );
        assert!(lib.derived_file(&b.photo, byline_core::photos::ingest::DerivedKind::Thumbnail).exists());
    }
    // The tree, with exactly the differences ARCHITECTURE.md lists for a round trip: the figure
    // points at the new story's use, and a story link comes back as the URL it was exported as.
    let inline = |s: &byline_core::Story| {
        s.photos.iter().find(|u| u.role == byline_core::PhotoRole::Inline).expect("inline").id.clone()
    };
    let other = lib
        .list_stories(None)
        .expect("list")
        .into_iter()
        .find(|s| s.headline.starts_with("Police"))
        .expect("other");
    let expected = serde_json::to_string(&before.body.to_value())
        .expect("json")
        .replace(&inline(&before), &inline(&after))
        .replace(
            &format!("story:{}", other.id),
            &format!("https://news.example.org/stories/{}/", other.slug),
        );
    assert_eq!(serde_json::to_string(&after.body.to_value()).expect("json"), expected);
}

#[test]
fn word_files_that_cannot_be_imported_say_why_and_leave_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    for (name, bytes, says) in [
        ("empty.docx", Vec::new(), "empty"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0".to_vec(),
            "password-protected or is an old Word",
        ),
        ("letter.docx", b"Dear editor".to_vec(), "not a DOCX"),
        ("page.html", b"<p>Dear editor</p>".to_vec(), "not a story file Byline can import"),
        ("scan.pdf", b"%PDF-1.7".to_vec(), "not a story file Byline can import"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        let err = lib.import_path(&path).expect_err(name).to_string();
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
    }
    assert!(lib.list_stories(None).expect("list").is_empty(), "nothing was written");
}

#[test]
fn a_corrupt_picture_in_a_docx_is_skipped_and_the_rest_imported() {
    use std::io::Write;
    let (dir, mut lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let path = lib.export_story(&id, Format::Docx, &out, &options()).expect("export");
    // The same DOCX with its second picture (the inline figure) broken.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut broken = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
        if name == "word/media/image2.jpeg" {
            bytes = b"\xff\xd8\xff\xe0 this is not a picture".to_vec();
        }
        broken.start_file(name, zip::write::SimpleFileOptions::default()).expect("part");
        broken.write_all(&bytes).expect("write");
    }
    let broken_path = dir.path().join("broken.docx");
    std::fs::write(&broken_path, broken.finish().expect("zip").into_inner()).expect("write");
    let report = lib.import_path(&broken_path).expect("imported");
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].file.contains("image2") && !report.skipped[0].problem.is_empty());
    let story = lib.story(&report.stories[0].to_string()).expect("story");
    assert_eq!(story.photos.len(), 1, "the lead went in");
    assert!(
        !serde_json::to_string(&story.body.to_value()).expect("json").contains("\"figure\""),
        "its figure is left out"
    );
    assert!(story.body.plain_text().contains("Ministers met in Rome."));
}

#[test]
fn the_pdf_proof_passes_qpdf_and_prints_the_head_captions_and_credits() {
    let (dir, lib, id) = newsroom();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let options = ExportOptions { paper: byline_core::export::Paper::Letter, ..options() };
    let path = lib.export_story(&id, Format::Pdf, &out, &options).expect("export");
    assert_eq!(path.extension().and_then(|e| e.to_str()), Some("pdf"));
    let run = |program: &str, args: &[&str]| {
        let mut command = Command::new(program);
        command.args(args).arg(&path);
        if program == "pdftotext" {
            command.arg("-");
        }
        let output = command.output().expect("qpdf and poppler-utils must be installed (scripts/setup.sh)");
        assert!(output.status.success(), "{program}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    run("qpdf", &["--check"]);
    let fonts = run("pdffonts", &[]);
    assert!(fonts.lines().skip(2).all(|row| row.split_whitespace().rev().nth(4) == Some("yes")), "{fonts}");
    let text = run("pdftotext", &["-enc", "UTF-8"]).split_whitespace().collect::<Vec<_>>().join(" ");
    let story = lib.story(&id).expect("story");
    for want in [
        "Coalition meets in Rome",
        "Ministers agree to focus on Africa.",
        "The Montreal Police logo",
        story.photos[0].credit_line.as_str(),
        "Reactions",
        "Page 1 of",
        "the Montreal story",
    ] {
        assert!(text.contains(want), "the proof lacks {want:?}: {text}");
    }
    assert!(!text.contains("TK check the date"), "notes stay in Byline");
    // A draft: marked across every page.
    let raw: String = run("pdftotext", &["-raw"]).split_whitespace().collect();
    assert!(raw.contains("NOTFORPUBLICATION"));
    let info = run("pdfinfo", &[]);
    assert!(
        info.lines().any(|l| l.starts_with("Title:") && l.ends_with("Coalition meets in Rome")),
        "{info}"
    );
    assert!(info.lines().any(|l| l.starts_with("Page size:") && l.contains("612 x 792")), "Letter: {info}");
}

/// A photo marked as a stand-in says so beside it in every export a person reads (the page, the
/// Hugo site, the Word file, the proof), in the file itself, and before publishing; a Word file
/// Byline wrote gives the mark back on import.
#[test]
fn a_stand_in_photo_is_marked_in_every_export_and_comes_back_from_word() {
    const NOTE: &str = "Stand-in — not the ministers in the caption";
    let (dir, mut lib, id) = newsroom();
    let inline = lib
        .story(&id)
        .expect("story")
        .photos
        .into_iter()
        .find(|u| u.role == byline_core::PhotoRole::Inline)
        .expect("inline");
    let edited = lib
        .edit_photo_use(
            &id,
            &inline.id,
            PhotoUseEdit { stand_in: Some(format!("  {NOTE} ")), ..Default::default() },
        )
        .expect("marked");
    assert_eq!(edited.stand_in, NOTE, "kept trimmed");
    let warnings = lib.photo_warnings(&id).expect("warnings");
    assert!(
        warnings.iter().any(|w| w.kind == byline_core::PhotoWarningKind::StandIn
            && w.photo_use == inline.id
            && w.message.contains(NOTE)),
        "{warnings:?}"
    );
    assert!(lib.checklist(&id).expect("checklist").iter().any(|i| i.message.contains("is a stand-in")));
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");

    // The HTML page: the note first in the figure's caption, and the page still valid.
    let folder = lib.export_story(&id, Format::Html, &out, &options()).expect("html");
    let html = std::fs::read_to_string(folder.join("index.html")).expect("index.html");
    assert!(html.contains(&format!("<figcaption><strong class=\"stand-in\">{NOTE}</strong> ")), "{html}");
    assert_eq!(html.matches("<figure class=\"stand-in\">").count(), 1, "the lead is the real photo");
    assert_eq!(vnu_errors(&folder.join("index.html")), "", "Nu Html Checker errors");
    // The rendition warns whoever receives the file.
    let image = std::fs::read_dir(folder.join("images"))
        .expect("images")
        .flatten()
        .map(|e| e.path())
        .find(|p| !p.to_string_lossy().contains("lead"))
        .expect("the inline rendition");
    let meta = byline_core::photos::metadata::read(&std::fs::read(image).expect("jpeg")).expect("metadata");
    assert!(
        meta.instructions.as_deref().is_some_and(|i| i.starts_with(&format!("STAND-IN: {NOTE}"))),
        "{meta:?}"
    );

    // The Hugo site, as Hugo renders it.
    let (md, page) = hugo_page(dir.path(), &lib, &id);
    assert!(md.contains("class=`stand-in`"), "{md}");
    assert!(page.contains("<figure class=\"stand-in\">"), "{page}");
    assert!(page.contains(&format!("<strong>{NOTE}</strong>")), "{page}");
    // Markdown's escapes are read by Hugo, not printed (the credit line's brackets and dots).
    assert!(page.contains("Photo: Credit Line (ref2017.1)"), "{page}");

    // The Word file, as LibreOffice prints it, and imported back.
    let docx = lib.export_story(&id, Format::Docx, &out, &options()).expect("docx");
    let flat = libreoffice_text(&docx, dir.path()).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(NOTE), "LibreOffice's text lacks the note:\n{flat}");
    let report = lib.import_path(&docx).expect("import");
    let back = lib.story(&report.stories[0].to_string()).expect("imported");
    let notes: Vec<(&str, &str)> =
        back.photos.iter().map(|u| (u.stand_in.as_str(), u.caption.as_str())).collect();
    assert_eq!(notes, [("", lead_caption(&lib, &id).as_str()), (NOTE, inline.caption.as_str())]);

    // The proof.
    let pdf = lib.export_story(&id, Format::Pdf, &out, &options()).expect("pdf");
    let text =
        Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(NOTE), "the proof lacks the note: {text}");
}

fn lead_caption(lib: &Library, id: &str) -> String {
    let story = lib.story(id).expect("story");
    story.photos.iter().find(|u| u.role == byline_core::PhotoRole::Lead).expect("lead").caption.clone()
}
