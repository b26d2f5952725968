//! The IPTC exports (ninjs 3.1 and NewsML-G2 2.35) checked against the standards' own schemas,
//! kept in `tests/fixtures/schemas/` (CC BY 4.0, see `SOURCES.md` there): a sample-like story
//! with a lead photo, two inline figures and related stories validates and carries its captions,
//! credit lines, alt texts and see-also relations; hostile text in every field keeps both
//! exports valid and reads back as the text that was typed.

use std::path::{Path, PathBuf};
use std::process::Command;

use byline_core::document::{Block, FigureAttrs};
use byline_core::export::{newsml, ninjs, ExportInput, ExportPhoto, ExportRelated};
use byline_core::{FromPhoto, PhotoRole, PhotoUse, Status};
use serde_json::Value;
use time::macros::datetime;

const SEE_ALSO: &str = "http://cv.iptc.org/newscodes/itemrelation/seeAlso";
const STAND_IN: &str = "Sample photo — stand-in, not the person in the caption";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schemas() -> PathBuf {
    repo().join("tests/fixtures/schemas")
}

fn payloads() -> Vec<String> {
    let file = repo().join("tests/fixtures/xss-payloads.txt");
    let text = std::fs::read_to_string(&file).expect("tests/fixtures/xss-payloads.txt");
    let list: Vec<String> = text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect();
    assert!(list.len() >= 50, "only {} payloads", list.len());
    list
}

/// What XML 1.0 can carry of a text: `byline_model::xml` drops the rest.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect()
}

fn photo(id: &str, role: PhotoRole, n: u32) -> ExportPhoto {
    ExportPhoto {
        photo_use: PhotoUse {
            id: id.into(),
            photo: format!("{n:064x}"),
            role,
            caption: format!("Caption {n}: Ahmed Aboul-Gheit speaks in Algiers."),
            credit: "AFP/VNA".into(),
            credit_line: format!("Photo {n}: AFP/VNA"),
            alt_text: format!("Alt {n}: a man in a dark suit at a lectern with microphones"),
            creator: format!("Photographer {n}"),
            copyright: "© 2024 AFP".into(),
            width: 1200,
            height: 800,
            from_photo: FromPhoto::default(),
            instructions: String::new(),
            usage_terms: String::new(),
            soft_edits: String::new(),
            stand_in: String::new(),
        },
        file_name: format!("{id}.jpg"),
        width: 1200,
        height: 800,
        // The renderers never read the bytes.
        jpeg: vec![0xFF, 0xD8, 0xFF, 0xD9],
    }
}

/// The sample story, published, with a lead photo, two inline figures and two related stories.
fn sample_input() -> ExportInput {
    let mut story = byline_core::sample::story();
    story.slug = "arab-league-is-coalition".into();
    story.standfirst = "The Arab League chief calls for a united front.".into();
    story.byline = "VNA correspondent".into();
    story.dateline = "ALGIERS".into();
    story.status = Status::Published;
    story.revision = 3;
    story.created = datetime!(2024-03-01 08:00 UTC);
    story.updated = datetime!(2024-03-01 09:30 +07:00);
    // As in the sample, the lead photo only stands in for the real one, and says so.
    let mut lead = photo("lead-1", PhotoRole::Lead, 1);
    lead.photo_use.stand_in = STAND_IN.into();
    let inline = vec![photo("inline-2", PhotoRole::Inline, 2), photo("inline-3", PhotoRole::Inline, 3)];
    story.body.content.insert(2, Block::Figure { attrs: FigureAttrs { photo_use: "inline-2".into() } });
    story.body.content.push(Block::Figure { attrs: FigureAttrs { photo_use: "inline-3".into() } });
    story.photos = std::iter::once(&lead).chain(&inline).map(|p| p.photo_use.clone()).collect();
    ExportInput {
        story,
        lead: Some(lead),
        inline,
        related: vec![
            ExportRelated {
                title: "Coalition strikes continue".into(),
                url: Some("https://example.org/news/coalition-strikes/?a=1&b=2".into()),
            },
            ExportRelated { title: "A story not yet online".into(), url: None },
        ],
        base_url: Some("https://example.org/news/".into()),
        exported: datetime!(2024-03-01 10:00 UTC),
        story_slugs: Vec::new(),
        story_urls: Vec::new(),
        paper: Default::default(),
    }
}

/// Every field a journalist types set to `payload`.
fn hostile_input(payload: &str) -> ExportInput {
    let mut input = sample_input();
    let s = &mut input.story;
    for field in [&mut s.headline, &mut s.kicker, &mut s.standfirst, &mut s.byline, &mut s.dateline] {
        *field = payload.to_string();
    }
    s.tags = vec![payload.to_string()];
    for p in input.lead.iter_mut().chain(input.inline.iter_mut()) {
        let u = &mut p.photo_use;
        for field in [
            &mut u.caption,
            &mut u.alt_text,
            &mut u.credit,
            &mut u.credit_line,
            &mut u.creator,
            &mut u.copyright,
            &mut u.stand_in,
        ] {
            *field = payload.to_string();
        }
    }
    input.related = vec![
        ExportRelated { title: payload.into(), url: Some("https://example.org/a?x=1&y=2".into()) },
        ExportRelated { title: payload.into(), url: Some(payload.into()) },
        ExportRelated { title: payload.into(), url: None },
    ];
    input
}

// ---- ninjs -------------------------------------------------------------------------------

/// Resolves the schema's one external `$ref` (GeoJSON) to the local copy; nothing else is fetched.
struct LocalSchemas;

impl jsonschema::Retrieve for LocalSchemas {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str().trim_end_matches('#') {
            "https://geojson.org/schema/GeoJSON.json" => {
                let text = std::fs::read_to_string(schemas().join("GeoJSON-schema.json"))?;
                Ok(serde_json::from_str(&text)?)
            }
            other => Err(format!("no network in tests: {other} is not a local schema").into()),
        }
    }
}

fn ninjs_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(schemas().join("ninjs-schema_3.1.json")).expect("ninjs schema");
    let schema: Value = serde_json::from_str(&text).expect("schema JSON");
    // The draft comes from the schema's `$schema` (2020-12).
    jsonschema::options().with_retriever(LocalSchemas).build(&schema).expect("the ninjs schema compiles")
}

fn ninjs_of(input: &ExportInput) -> (String, Value) {
    let files = ninjs::render(input).expect("render ninjs");
    assert_eq!(files.len(), 1);
    let text = String::from_utf8(files[0].bytes.clone()).expect("UTF-8");
    let value = serde_json::from_str(&text).expect("ninjs is JSON");
    (files[0].path.clone(), value)
}

fn schema_errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn description<'a>(item: &'a Value, role: &str) -> Option<&'a str> {
    item["descriptions"].as_array()?.iter().find(|d| d["role"] == role)?["value"].as_str()
}

#[test]
fn ninjs_of_the_sample_validates_against_the_3_1_schema() {
    let input = sample_input();
    let (path, value) = ninjs_of(&input);
    assert_eq!(path, "arab-league-is-coalition.json");
    assert_eq!(schema_errors(&ninjs_validator(), &value), Vec::<String>::new());
    assert_eq!(value["uri"], format!("urn:byline:story:{}", input.story.id));
    assert_eq!(value["type"], "text");
    assert_eq!(value["version"], "3");
    assert_eq!(value["pubStatus"], "usable");
    assert_eq!(value["firstCreated"], "2024-03-01T08:00:00Z");
    assert_eq!(value["versionCreated"], "2024-03-01T09:30:00+07:00");
    assert_eq!(value["headlines"][0], serde_json::json!({"role": "main", "value": input.story.headline}));
    assert_eq!(value["headlines"][1], serde_json::json!({"role": "kicker", "value": "Photo captions"}));
    assert_eq!(description(&value, "summary"), Some("The Arab League chief calls for a united front."));
    assert_eq!(value["by"], "VNA correspondent");
    assert_eq!(value["located"], "ALGIERS");
    assert_eq!(value["bodies"][0]["contentType"], "text/html");
    let body = value["bodies"][0]["value"].as_str().expect("body");
    assert!(body.contains("<img src=\"images/inline-2.jpg\""), "{body}");
    assert_eq!(value["subjects"][0]["name"], "Arab League");
}

#[test]
fn ninjs_carries_captions_credit_lines_alt_texts_and_see_also() {
    let (_, value) = ninjs_of(&sample_input());
    let assoc = value["associations"].as_array().expect("associations");
    let pictures: Vec<&Value> = assoc.iter().filter(|a| a["type"] == "picture").collect();
    assert_eq!(pictures.len(), 3);
    assert_eq!(pictures[0]["name"], "leadimage");
    for (n, p) in pictures.iter().enumerate() {
        let n = n + 1;
        assert_eq!(
            description(p, "caption"),
            Some(format!("Caption {n}: Ahmed Aboul-Gheit speaks in Algiers.").as_str())
        );
        assert_eq!(description(p, "creditline"), Some(format!("Photo {n}: AFP/VNA").as_str()));
        assert_eq!(
            description(p, "alttext"),
            Some(format!("Alt {n}: a man in a dark suit at a lectern with microphones").as_str())
        );
        assert_eq!(p["by"], format!("Photographer {n}"));
        assert_eq!(p["copyrightNotice"], "© 2024 AFP");
        let r = &p["renditions"][0];
        assert_eq!(r["contentType"], "image/jpeg");
        assert_eq!((r["width"].as_u64(), r["height"].as_u64()), (Some(1200), Some(800)));
    }
    assert_eq!(pictures[1]["renditions"][0]["href"], "images/inline-2.jpg");
    // The stand-in's note is the desk's note on its picture, and the body's figure shows it.
    assert_eq!(pictures[0]["edNote"], STAND_IN);
    assert!(pictures[1].get("edNote").is_none() && pictures[2].get("edNote").is_none());
    let related: Vec<&Value> = assoc.iter().filter(|a| a["rel"] == SEE_ALSO).collect();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["uri"], "https://example.org/news/coalition-strikes/?a=1&b=2");
    assert_eq!(related[0]["headlines"][0]["value"], "Coalition strikes continue");
    assert_eq!(related[1]["headlines"][0]["value"], "A story not yet online");
    assert!(related[1]["uri"].as_str().is_some_and(|u| u.starts_with("urn:byline:story:")));
}

#[test]
fn ninjs_of_an_unpublished_story_is_withheld() {
    let mut input = sample_input();
    input.story.status = Status::Ready;
    let (_, value) = ninjs_of(&input);
    assert_eq!(value["pubStatus"], "withheld");
}

#[test]
fn ninjs_schema_check_catches_a_property_the_schema_does_not_have() {
    // Proves the validator is strict (unevaluatedProperties) rather than accepting anything.
    let (_, mut value) = ninjs_of(&sample_input());
    value["kicker"] = Value::String("not a ninjs field".into());
    assert!(!schema_errors(&ninjs_validator(), &value).is_empty());
}

#[test]
fn hostile_text_keeps_ninjs_valid_and_reads_back_as_typed() {
    let validator = ninjs_validator();
    for payload in payloads() {
        let (_, value) = ninjs_of(&hostile_input(&payload));
        assert_eq!(schema_errors(&validator, &value), Vec::<String>::new(), "payload {payload:?}");
        let expected = xml_text(&payload);
        assert_eq!(value["headlines"][0]["value"].as_str(), Some(expected.as_str()), "payload {payload:?}");
        let assoc = value["associations"].as_array().expect("associations");
        assert_eq!(description(&assoc[0], "caption"), Some(expected.trim()), "payload {payload:?}");
        assert_eq!(description(&assoc[0], "alttext"), Some(expected.trim()), "payload {payload:?}");
        let note = (!expected.trim().is_empty()).then_some(expected.trim());
        assert_eq!(assoc[0]["edNote"].as_str(), note, "payload {payload:?}");
        let related: Vec<&Value> = assoc.iter().filter(|a| a["rel"] == SEE_ALSO).collect();
        assert_eq!(related.len(), 3);
        // Only web addresses become a related story's uri; a payload "URL" never does.
        assert!(
            related[1]["uri"].as_str().is_some_and(|u| u.starts_with("urn:byline:")),
            "payload {payload:?}"
        );
        // The body stays well-formed XHTML whatever the captions say.
        let body = value["bodies"][0]["value"].as_str().expect("body");
        roxmltree::Document::parse(&format!("<div>{body}</div>"))
            .unwrap_or_else(|e| panic!("body is not well-formed for {payload:?}: {e}"));
    }
}

// ---- NewsML-G2 ---------------------------------------------------------------------------

/// Validates every file with the NewsML-G2 2.35 XSD in one `xmllint` run; returns its complaints.
fn xmllint_errors(files: &[PathBuf]) -> String {
    let schema = schemas().join("NewsML-G2_2.35-spec-All-Power.xsd");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(&schema)
        .args(files)
        .output()
        .expect("xmllint must be installed (Debian: libxml2-utils) to check the NewsML-G2 export");
    if out.status.success() {
        String::new()
    } else {
        format!("exit {:?}\n{}", out.status.code(), String::from_utf8_lossy(&out.stderr))
    }
}

fn newsml_of(input: &ExportInput) -> (String, String) {
    let files = newsml::render(input).expect("render NewsML-G2");
    assert_eq!(files.len(), 1);
    (files[0].path.clone(), String::from_utf8(files[0].bytes.clone()).expect("UTF-8"))
}

const NAR: &str = "http://iptc.org/std/nar/2006-10-01/";

fn nar<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    node.descendants().filter(|n| n.has_tag_name((NAR, name))).collect()
}

fn items<'a>(doc: &'a roxmltree::Document<'a>, class: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    nar(doc.root_element(), "newsItem")
        .into_iter()
        .filter(|item| nar(*item, "itemClass").first().and_then(|c| c.attribute("qcode")) == Some(class))
        .collect()
}

fn text_of<'a>(item: roxmltree::Node<'a, 'a>, name: &str, role: Option<&str>) -> Option<String> {
    nar(item, name)
        .into_iter()
        .find(|n| n.attribute("role") == role)
        .map(|n| n.text().unwrap_or("").to_string())
}

#[test]
fn newsml_of_the_sample_validates_against_the_2_35_xsd() {
    let (path, xml) = newsml_of(&sample_input());
    assert_eq!(path, "arab-league-is-coalition.xml");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(&path);
    std::fs::write(&file, &xml).expect("write");
    assert_eq!(xmllint_errors(&[file]), "", "{xml}");
}

#[test]
fn newsml_packages_the_story_and_its_photos() {
    let input = sample_input();
    let (_, xml) = newsml_of(&input);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let package = nar(doc.root_element(), "packageItem");
    assert_eq!(package.len(), 1);
    let refs: Vec<_> = nar(package[0], "itemRef").iter().filter_map(|r| r.attribute("residref")).collect();
    assert_eq!(
        refs,
        [
            "urn:byline:story:".to_string() + &input.story.id.to_string(),
            "urn:byline:photo-use:lead-1".into(),
            "urn:byline:photo-use:inline-2".into(),
            "urn:byline:photo-use:inline-3".into()
        ]
    );
    let text = items(&doc, "ninat:text");
    assert_eq!(text.len(), 1);
    let story = text[0];
    assert_eq!(story.attribute("version"), Some("3"));
    assert_eq!(nar(story, "pubStatus")[0].attribute("qcode"), Some("stat:usable"));
    assert_eq!(text_of(story, "headline", None).as_deref(), Some(input.story.headline.as_str()));
    assert_eq!(text_of(story, "headline", Some("bylhrol:kicker")).as_deref(), Some("Photo captions"));
    assert_eq!(
        text_of(story, "description", Some("drol:summary")).as_deref(),
        Some(input.story.standfirst.as_str())
    );
    assert_eq!(text_of(story, "by", None).as_deref(), Some("VNA correspondent"));
    assert_eq!(text_of(story, "dateline", None).as_deref(), Some("ALGIERS"));
    let xhtml = "http://www.w3.org/1999/xhtml";
    let body = story.descendants().find(|n| n.has_tag_name((xhtml, "body"))).expect("XHTML body");
    assert!(body.children().filter(|n| n.has_tag_name((xhtml, "p"))).count() >= 7);
    assert_eq!(body.descendants().filter(|n| n.has_tag_name((xhtml, "img"))).count(), 2);
}

#[test]
fn newsml_carries_captions_credit_lines_alt_texts_and_see_also() {
    let (_, xml) = newsml_of(&sample_input());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let pictures = items(&doc, "ninat:picture");
    assert_eq!(pictures.len(), 3);
    for (n, p) in pictures.iter().enumerate() {
        let n = n + 1;
        assert_eq!(
            text_of(*p, "description", Some("drol:caption")),
            Some(format!("Caption {n}: Ahmed Aboul-Gheit speaks in Algiers."))
        );
        assert_eq!(text_of(*p, "creditline", None), Some(format!("Photo {n}: AFP/VNA")));
        assert_eq!(
            text_of(*p, "description", Some("drol:altText")),
            Some(format!("Alt {n}: a man in a dark suit at a lectern with microphones"))
        );
        assert_eq!(text_of(*p, "by", None), Some(format!("Photographer {n}")));
        assert_eq!(text_of(*p, "copyrightNotice", None).as_deref(), Some("© 2024 AFP"));
        let remote = nar(*p, "remoteContent")[0];
        assert_eq!(remote.attribute("contenttype"), Some("image/jpeg"));
        assert_eq!((remote.attribute("width"), remote.attribute("height")), (Some("1200"), Some("800")));
    }
    assert_eq!(nar(pictures[0], "remoteContent")[0].attribute("href"), Some("images/lead-1.jpg"));
    // The stand-in's note is the desk's note on its picture item.
    assert_eq!(text_of(pictures[0], "edNote", None).as_deref(), Some(STAND_IN));
    assert!(nar(pictures[1], "edNote").is_empty() && nar(pictures[2], "edNote").is_empty());
    let links: Vec<_> = nar(items(&doc, "ninat:text")[0], "link");
    assert!(links.iter().all(|l| l.attribute("rel") == Some("irel:seeAlso")));
    assert_eq!(links[0].attribute("href"), Some("https://example.org/news/coalition-strikes/?a=1&b=2"));
    assert_eq!(text_of(links[0], "title", None).as_deref(), Some("Coalition strikes continue"));
    assert_eq!(links[1].attribute("href"), None);
    assert_eq!(text_of(links[1], "title", None).as_deref(), Some("A story not yet online"));
    assert!(xml.contains("catalog.IPTC-G2-Standards_38.xml"));
}

#[test]
fn newsml_of_an_unpublished_story_is_withheld() {
    let mut input = sample_input();
    input.story.status = Status::Draft;
    let (_, xml) = newsml_of(&input);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let statuses: Vec<_> =
        nar(doc.root_element(), "pubStatus").iter().filter_map(|s| s.attribute("qcode")).collect();
    assert_eq!(statuses.len(), 5);
    assert!(statuses.iter().all(|s| *s == "stat:withheld"), "{statuses:?}");
}

#[test]
fn newsml_schema_check_catches_an_element_out_of_place() {
    // Proves the XSD run can fail: a headline before itemMeta is not NewsML-G2.
    let (_, xml) = newsml_of(&sample_input());
    let broken = xml.replacen("<itemMeta>", "<headline>misplaced</headline><itemMeta>", 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.xml");
    std::fs::write(&file, broken).expect("write");
    assert_ne!(xmllint_errors(&[file]), "");
}

#[test]
fn hostile_text_keeps_newsml_valid_and_reads_back_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for (n, payload) in payloads().iter().enumerate() {
        let (_, xml) = newsml_of(&hostile_input(payload));
        let doc = roxmltree::Document::parse(&xml)
            .unwrap_or_else(|e| panic!("not well-formed for {payload:?}: {e}"));
        let expected = xml_text(payload);
        let story = items(&doc, "ninat:text")[0];
        assert_eq!(text_of(story, "headline", None), Some(expected.clone()), "payload {payload:?}");
        assert_eq!(text_of(story, "by", None), Some(expected.clone()), "payload {payload:?}");
        let picture = items(&doc, "ninat:picture")[0];
        assert_eq!(text_of(picture, "description", Some("drol:caption")), Some(expected.trim().to_string()));
        assert_eq!(text_of(picture, "description", Some("drol:altText")), Some(expected.trim().to_string()));
        let note = (!expected.trim().is_empty()).then(|| expected.trim().to_string());
        assert_eq!(text_of(picture, "edNote", None), note, "payload {payload:?}");
        // G2 types a credit line as one line: tabs and line breaks become spaces.
        let one_line = expected.replace(['\t', '\n', '\r'], " ");
        assert_eq!(text_of(picture, "creditline", None), Some(one_line.trim().to_string()));
        let links = nar(story, "link");
        assert_eq!(links.len(), 3);
        assert_eq!(text_of(links[0], "title", None), Some(expected.clone()), "payload {payload:?}");
        // A payload "URL" is never written as a link target.
        assert_eq!(links[1].attribute("href"), None, "payload {payload:?}");
        // Nothing the journalist typed turns into markup in the XHTML body.
        let xhtml = "http://www.w3.org/1999/xhtml";
        let body = story.descendants().find(|n| n.has_tag_name((xhtml, "body"))).expect("XHTML body");
        for bad in ["script", "svg", "iframe", "object", "embed", "style", "math", "body", "html"] {
            assert_eq!(
                body.descendants().filter(|n| n.tag_name().name().eq_ignore_ascii_case(bad)).count(),
                usize::from(bad == "body"),
                "<{bad}> from {payload:?}"
            );
        }
        let file = dir.path().join(format!("hostile-{n:03}.xml"));
        std::fs::write(&file, &xml).expect("write");
        files.push(file);
    }
    assert_eq!(xmllint_errors(&files), "");
}

#[test]
fn an_arabic_story_says_its_language_and_direction_in_every_format() {
    let mut input = sample_input();
    input.story.language = "ar".into();
    input.story.headline = "الأمين العام للجامعة العربية يدعو إلى جهود دولية".into();
    let (_, ninjs) = ninjs_of(&input);
    assert_eq!(ninjs["language"], "ar");
    assert_eq!(schema_errors(&ninjs_validator(), &ninjs), Vec::<String>::new());

    let (path, xml) = newsml_of(&input);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(&path);
    std::fs::write(&file, &xml).expect("write");
    assert_eq!(xmllint_errors(&[file]), "", "{xml}");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let xml_ns = "http://www.w3.org/XML/1998/namespace";
    for item in items(&doc, "ninat:text") {
        assert_eq!(item.attribute((xml_ns, "lang")), Some("ar"));
    }
    let html = doc.descendants().find(|n| n.has_tag_name("html")).expect("inline XHTML");
    assert_eq!((html.attribute("lang"), html.attribute("dir")), (Some("ar"), Some("rtl")));

    let page = byline_core::export::html::render(&input).expect("html");
    let index = String::from_utf8(page[0].bytes.clone()).expect("utf-8");
    assert!(index.contains(r#"<html lang="ar" dir="rtl">"#), "{}", &index[..200]);
    assert!(index.contains(r#"<time datetime="2024-03-01T09:30:00+07:00">1 مارس 2024</time>"#), "{index}");
}

#[test]
fn the_html_page_shows_the_date_as_its_readers_read_it() {
    for (language, date) in [
        ("en-US", "March 1, 2024"),
        ("en-GB", "1 March 2024"),
        ("fr", "1 mars 2024"),
        ("es", "1 de marzo de 2024"),
        ("de", "1. März 2024"),
        ("ar", "1 مارس 2024"),
    ] {
        let mut input = sample_input();
        input.story.language = language.into();
        let page = byline_core::export::html::render(&input).expect("html");
        let index = String::from_utf8(page[0].bytes.clone()).expect("utf-8");
        let time = format!(r#"<time datetime="2024-03-01T09:30:00+07:00">{date}</time>"#);
        assert!(index.contains(&time), "{language}: no {time} in\n{index}");
        // Machine data keeps RFC 3339.
        assert!(index.contains(r#""dateModified":"2024-03-01T09:30:00+07:00""#), "{language}");
    }
}

#[test]
fn a_stand_in_photo_says_so_beside_it_in_the_page_and_the_bodies() {
    let input = sample_input();
    let page = byline_core::export::html::render(&input).expect("html");
    let index = String::from_utf8(page[0].bytes.clone()).expect("utf-8");
    let lead = &index[index.find("<figure").expect("the lead figure")..];
    let lead = &lead[..lead.find("</figure>").expect("figure closes")];
    assert!(lead.starts_with(r#"<figure class="stand-in">"#), "{lead}");
    assert!(
        lead.contains(&format!(r#"<figcaption><strong class="stand-in">{STAND_IN}</strong> Caption 1:"#)),
        "{lead}"
    );
    // The real photos carry no mark.
    assert_eq!(index.matches(r#"class="stand-in""#).count(), 2, "the lead's figure and note only");
    let (_, ninjs) = ninjs_of(&input);
    assert!(
        ninjs["bodies"][0]["value"].as_str().is_some_and(|b| !b.contains("stand-in")),
        "no inline stand-in"
    );
}
