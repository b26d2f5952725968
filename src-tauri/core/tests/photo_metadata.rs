//! Photo metadata, read and written: real wire and reference photos in, the newsroom's fields out;
//! rendition metadata written, then checked by exiftool (an independent reader) and by our own.
//!
//! exiftool is required (Debian package libimage-exiftool-perl; the CI script installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

use byline_core::photos::metadata::{read, write_jpeg, PhotoMetadata, RenditionMetadata};
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// Helpers

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

/// A JPEG of the given segments (marker, payload) and no image data: enough for `read`.
fn jpeg_with(segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    for (marker, payload) in segments {
        out.extend_from_slice(&[0xFF, *marker]);
        out.extend_from_slice(&u16::try_from(payload.len() + 2).expect("test segment fits").to_be_bytes());
        out.extend_from_slice(payload);
    }
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

fn xmp_segment(packet: &str) -> (u8, Vec<u8>) {
    (0xE1, [b"http://ns.adobe.com/xap/1.0/\0".as_slice(), packet.as_bytes()].concat())
}

/// An XMP packet whose rdf:Description holds `body`.
fn xmp_packet(body: &str) -> String {
    format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">{body}</rdf:Description>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
    )
}

/// IIM datasets (record, number, data).
fn iim(datasets: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (record, number, data) in datasets {
        out.extend_from_slice(&[0x1C, *record, *number]);
        out.extend_from_slice(&u16::try_from(data.len()).expect("short dataset").to_be_bytes());
        out.extend_from_slice(data);
    }
    out
}

/// An APP13 segment carrying `iim` as Photoshop resource 0x0404.
fn iim_segment(iim: &[u8]) -> (u8, Vec<u8>) {
    let mut payload = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    payload.extend_from_slice(&u32::try_from(iim.len()).expect("short block").to_be_bytes());
    payload.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        payload.push(0);
    }
    (0xED, payload)
}

/// An EXIF APP1 segment with one IFD0 ASCII ImageDescription.
fn exif_segment(description: &str) -> (u8, Vec<u8>) {
    let mut text = description.as_bytes().to_vec();
    text.push(0);
    let mut tiff = b"MM\0*\0\0\0\x08\0\x01".to_vec();
    tiff.extend_from_slice(&[0x01, 0x0E, 0x00, 0x02]);
    tiff.extend_from_slice(&u32::try_from(text.len()).expect("short").to_be_bytes());
    tiff.extend_from_slice(&26u32.to_be_bytes()); // 8 + 2 + 12 + 4
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&text);
    (0xE1, [b"Exif\0\0".as_slice(), &tiff].concat())
}

/// exiftool's `-j -G1 -a` view of a file, as one JSON object.
fn exiftool(path: &Path) -> Map<String, Value> {
    let output = Command::new("exiftool")
        .args(["-j", "-G1", "-a"])
        .arg(path)
        .output()
        .expect("exiftool must be installed (apt-get install libimage-exiftool-perl)");
    assert!(output.status.success(), "exiftool failed: {}", String::from_utf8_lossy(&output.stderr));
    let parsed: Value = serde_json::from_slice(&output.stdout).expect("exiftool prints JSON");
    match parsed {
        Value::Array(mut items) if items.len() == 1 => match items.remove(0) {
            Value::Object(map) => map,
            other => panic!("exiftool printed {other}"),
        },
        other => panic!("exiftool printed {other}"),
    }
}

/// What `exiftool -validate` finds wrong with a file: the summary line, then one line per
/// warning; empty when it says "OK".
fn validation_warnings(path: &Path) -> Vec<String> {
    let output = Command::new("exiftool")
        .args(["-validate", "-warning", "-a", "-s3"])
        .arg(path)
        .output()
        .expect("exiftool must be installed (apt-get install libimage-exiftool-perl)");
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    match lines.next() {
        Some("OK") => Vec::new(),
        Some(summary) => std::iter::once(summary).chain(lines).map(str::to_string).collect(),
        None => vec!["exiftool printed nothing".to_string()],
    }
}

fn write_temp(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

/// The image data of a JPEG: everything from the first SOS marker, found by walking segments.
fn image_data(jpeg: &[u8]) -> &[u8] {
    let mut pos = 2;
    while pos + 4 <= jpeg.len() {
        assert_eq!(jpeg[pos], 0xFF, "segment walk lost its way at {pos}");
        if jpeg[pos + 1] == 0xDA {
            return &jpeg[pos..];
        }
        pos += 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
    }
    panic!("no SOS marker");
}

/// The payloads of all segments with `marker` before the image data.
fn segments(jpeg: &[u8], marker: u8) -> Vec<&[u8]> {
    let mut found = Vec::new();
    let mut pos = 2;
    while pos + 4 <= jpeg.len() && jpeg[pos + 1] != 0xDA {
        let end = pos + 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        if jpeg[pos + 1] == marker {
            found.push(&jpeg[pos + 4..end]);
        }
        pos = end;
    }
    found
}

/// Text nobody would write by accident: non-ASCII, quotes, markup and ampersands.
fn hostile_rendition() -> RenditionMetadata {
    RenditionMetadata {
        caption: "Élodie Gagné « dit \"non\" » à <script>alert('x')</script> & Co — 東京 ✓".to_string(),
        credit: "La Presse canadienne & \"Agence\" <b>Ünal</b>".to_string(),
        creator: "Zoë O'Brien & <i>Søren</i>".to_string(),
        copyright: "© 2026 \"Byline\" & Co <script>".to_string(),
        alt_text: "Une voiture de police à Montréal, logo \"SPVM\" visible <script>&amp;".to_string(),
        instructions: "EDITORIAL USE ONLY & \"MANDATORY CREDIT\" <no archive>".to_string(),
        usage_terms: "Usage limité à « l'actualité » & <b>rien d'autre</b>".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading real photos

#[test]
fn iptc_reference_image_reads_every_field() {
    let meta = read(&fixture("IPTC-PhotometadataRef-Std2017.1.jpg")).expect("reads");
    // Expected values checked with `exiftool -G1 -a -s`. The 2017.1 reference image predates the
    // accessibility fields (added in IPTC 2021.1), so alt text and extended description are absent.
    let expected = PhotoMetadata {
        caption: some("The description aka caption (ref2017.1)"),
        headline: some("The Headline (ref2017.1)"),
        credit: some("Credit Line (ref2017.1)"),
        creator: some("Creator1 (ref2017.1), Creator2 (ref2017.1)"),
        copyright: some("Copyright (Notice) 2017.1 IPTC - www.iptc.org  (ref2017.1)"),
        source: some("Source (ref2017.1)"),
        date_created: some("2017-07-13T17:01:00+00:00"),
        city: some("City (Core) (ref2017.1)"),
        country: some("Country (Core) (ref2017.1)"),
        alt_text: None,
        extended_description: None,
        instructions: some("An Instruction (ref2017.1)"),
        // As the reference image writes it.
        usage_terms: some("Rights Usage Termns (ref2017.1)"),
        soft_edits: None,
    };
    assert_eq!(meta, expected);
}

#[test]
fn wire_photo_reads_caption_credit_and_place_but_no_alt_text() {
    let meta = read(&fixture("cp.jpg")).expect("reads");
    let caption = meta.caption.clone().unwrap_or_default();
    assert!(caption.starts_with("The Montreal Police logo is seen"), "caption: {caption:?}");
    assert_eq!(meta.credit, some("The Canadian Press"));
    assert_eq!(meta.creator, some("Paul Chiasson"));
    assert_eq!(meta.city, some("Montreal"));
    assert_eq!(meta.country, some("Canada"));
    // photoshop:Source (XMP, "CP") wins over IIM 2:115 ("The Canadian Press").
    assert_eq!(meta.source, some("CP"));
    assert_eq!(meta.date_created, some("2020-07-08"));
    assert_eq!(meta.alt_text, None, "alt text must never be copied from the caption");
}

#[test]
fn phone_photo_reads_its_capture_date() {
    let meta = read(&fixture("iphone_gpsinfo_exif.JPG")).expect("reads");
    assert_eq!(meta.date_created, some("2014-03-08T16:59:52.137"));
    assert_eq!(meta.caption, None);
}

// ---------------------------------------------------------------------------------------------
// Which source wins

#[test]
fn xmp_is_preferred_over_iim_and_iim_over_exif() {
    let packet = xmp_packet(
        r#"<dc:description><rdf:Alt><rdf:li xml:lang="x-default">From XMP</rdf:li></rdf:Alt></dc:description>"#,
    );
    let block = iim(&[(2, 120, b"From IIM"), (2, 105, b"Headline from IIM"), (2, 110, b"Credit from IIM")]);
    type Segments = Vec<(u8, Vec<u8>)>;
    let cases: &[(&str, Segments, Option<String>)] = &[
        (
            "all three",
            vec![exif_segment("From EXIF"), xmp_segment(&packet), iim_segment(&block)],
            some("From XMP"),
        ),
        ("IIM and EXIF", vec![exif_segment("From EXIF"), iim_segment(&block)], some("From IIM")),
        ("EXIF only", vec![exif_segment("From EXIF")], some("From EXIF")),
    ];
    for (name, segments, expected) in cases {
        let meta = read(&jpeg_with(segments)).expect("reads");
        assert_eq!(&meta.caption, expected, "{name}");
    }
    // Fields XMP lacks still come from IIM.
    let meta = read(&jpeg_with(&[xmp_segment(&packet), iim_segment(&block)])).expect("reads");
    assert_eq!(meta.headline, some("Headline from IIM"));
    assert_eq!(meta.credit, some("Credit from IIM"));
}

#[test]
fn xmp_properties_are_read_in_element_and_attribute_form() {
    let packet = xmp_packet(
        r#"
        <photoshop:Headline>Element &amp; form</photoshop:Headline>
        <dc:creator><rdf:Seq><rdf:li>Ann</rdf:li><rdf:li>Bob &#233;</rdf:li></rdf:Seq></dc:creator>
        <Iptc4xmpCore:AltTextAccessibility><rdf:Alt>
          <rdf:li xml:lang="fr">Texte</rdf:li><rdf:li xml:lang="x-default">Alt &lt;text&gt;</rdf:li>
        </rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
        <Iptc4xmpCore:ExtDescrAccessibility><rdf:Alt>
          <rdf:li xml:lang="x-default">A longer description.</rdf:li>
        </rdf:Alt></Iptc4xmpCore:ExtDescrAccessibility>
        "#,
    );
    // Attribute form lives on a second rdf:Description, with a different prefix for photoshop.
    let packet = packet.replace(
        "</rdf:RDF>",
        r#"<rdf:Description rdf:about="" xmlns:ps="http://ns.adobe.com/photoshop/1.0/"
             ps:Credit="Attr &quot;credit&quot;" ps:City="Québec"/></rdf:RDF>"#,
    );
    let meta = read(&jpeg_with(&[xmp_segment(&packet)])).expect("reads");
    let expected = PhotoMetadata {
        headline: some("Element & form"),
        creator: some("Ann, Bob é"),
        credit: some("Attr \"credit\""),
        city: some("Québec"),
        alt_text: some("Alt <text>"),
        extended_description: some("A longer description."),
        ..PhotoMetadata::default()
    };
    assert_eq!(meta, expected);
}

#[test]
fn iim_text_is_decoded_by_its_declared_character_set() {
    const UTF8: &[u8] = b"\x1b%G";
    let cases: &[(&str, Vec<u8>, &str)] = &[
        ("Latin-1, nothing declared", iim(&[(2, 90, b"Montr\xe9al")]), "Montréal"),
        ("UTF-8 declared by 1:90", iim(&[(1, 90, UTF8), (2, 90, "Montréal".as_bytes())]), "Montréal"),
        ("UTF-8 undeclared but valid", iim(&[(2, 90, "Montréal".as_bytes())]), "Montréal"),
        ("declared UTF-8, broken bytes", iim(&[(1, 90, UTF8), (2, 90, b"Montr\xe9al")]), "Montr\u{FFFD}al"),
    ];
    for (name, block, expected) in cases {
        let meta = read(&jpeg_with(&[iim_segment(block)])).expect("reads");
        assert_eq!(meta.city.as_deref(), Some(*expected), "{name}");
    }
}

#[test]
fn iim_repeated_bylines_are_joined_and_dates_become_iso() {
    let block = iim(&[(2, 80, b"Ann"), (2, 80, b"Bob"), (2, 55, b"20200708"), (2, 60, b"094913-0400")]);
    let meta = read(&jpeg_with(&[iim_segment(&block)])).expect("reads");
    assert_eq!(meta.creator, some("Ann, Bob"));
    assert_eq!(meta.date_created, some("2020-07-08T09:49:13-04:00"));
}

// ---------------------------------------------------------------------------------------------
// Other formats, written by exiftool from tiny base images

const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x04, 0x00, 0x00, 0x00, 0xb5, 0x1c, 0x0c, 0x02, 0x00,
    0x00, 0x00, 0x0b, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0x00, 0x00, 0x00, 0x06, 0x00,
    0x02, 0x30, 0x81, 0xd0, 0x2f, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const TINY_WEBP: &[u8] = &[
    0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c, 0x0d,
    0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00,
];
const TINY_TIFF: &[u8] = &[
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x02, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x03, 0x01, 0x03, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
    0x00, 0x00, 0x11, 0x01, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x7a, 0x00, 0x00, 0x00, 0x15, 0x01, 0x03,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x16, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x17, 0x01, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x80,
];

#[test]
fn png_webp_and_tiff_metadata_written_by_exiftool_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    // (file, base image, exiftool arguments, expected metadata)
    let cases: Vec<(&str, &[u8], Vec<&str>, PhotoMetadata)> = vec![
        (
            "tiny.png",
            TINY_PNG,
            vec!["-XMP-dc:Description=PNG caption é", "-EXIF:Artist=PNG artist", "-EXIF:Copyright=PNG ©"],
            PhotoMetadata {
                caption: some("PNG caption é"),
                creator: some("PNG artist"),
                copyright: some("PNG ©"),
                ..PhotoMetadata::default()
            },
        ),
        (
            "tiny.webp",
            TINY_WEBP,
            vec!["-XMP-photoshop:Credit=WebP credit", "-EXIF:ImageDescription=WebP caption"],
            PhotoMetadata {
                caption: some("WebP caption"),
                credit: some("WebP credit"),
                ..PhotoMetadata::default()
            },
        ),
        (
            "tiny.tif",
            TINY_TIFF,
            vec![
                "-XMP-dc:Description=TIFF caption",
                "-EXIF:Artist=TIFF artist",
                "-IPTC:Credit=TIFF credit",
                "-IPTC:City=Montréal",
                "-IPTC:CodedCharacterSet=UTF8",
            ],
            PhotoMetadata {
                caption: some("TIFF caption"),
                creator: some("TIFF artist"),
                credit: some("TIFF credit"),
                city: some("Montréal"),
                ..PhotoMetadata::default()
            },
        ),
    ];
    for (name, base, args, expected) in cases {
        let path = write_temp(dir.path(), name, base);
        let status = Command::new("exiftool")
            .args(["-q", "-q", "-overwrite_original"])
            .args(&args)
            .arg(&path)
            .status()
            .expect("exiftool must be installed");
        assert!(status.success(), "exiftool could not write {name}");
        let bytes = std::fs::read(&path).expect("read back");
        assert_eq!(read(&bytes).expect("reads"), expected, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Writing renditions

#[test]
fn rendition_metadata_round_trips_through_exiftool() {
    let original = fixture("cp.jpg");
    let meta = hostile_rendition();
    let rendition = write_jpeg(&original, &meta, None).expect("writes");
    assert_eq!(image_data(&rendition), image_data(&original), "the picture itself must not change");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(dir.path(), "rendition.jpg", &rendition);
    let tags = exiftool(&path);
    let expected: &[(&str, &str)] = &[
        ("XMP-dc:Description", &meta.caption),
        ("XMP-photoshop:Credit", &meta.credit),
        ("XMP-dc:Creator", &meta.creator),
        ("XMP-dc:Rights", &meta.copyright),
        ("XMP-iptcCore:AltTextAccessibility", &meta.alt_text),
        ("XMP-photoshop:Instructions", &meta.instructions),
        ("XMP-xmpRights:UsageTerms", &meta.usage_terms),
        ("IPTC:SpecialInstructions", &meta.instructions),
        ("IPTC:Caption-Abstract", &meta.caption),
        ("IPTC:Credit", &meta.credit),
        ("IPTC:By-line", &meta.creator),
        ("IPTC:CopyrightNotice", &meta.copyright),
        ("IPTC:CodedCharacterSet", "UTF8"),
        ("IFD0:ImageDescription", &meta.caption),
        ("IFD0:Artist", &meta.creator),
        ("IFD0:Copyright", &meta.copyright),
    ];
    let mismatches: Vec<String> = expected
        .iter()
        .filter(|(key, want)| tags.get(*key).and_then(Value::as_str) != Some(*want))
        .map(|(key, want)| format!("{key}: exiftool read {:?}, expected {want:?}", tags.get(*key)))
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    // IIM's legacy limits (By-line and Credit 32 bytes, Copyright Notice 128) are deliberately not
    // enforced: wire systems that read only IIM should get the whole credit. Only those warnings
    // are acceptable; the caption's 2,000-byte limit is enforced.
    let warnings = validation_warnings(&path);
    let unexpected: Vec<&String> = warnings
        .iter()
        .skip(1) // the summary line
        .filter(|w| {
            !["By-line", "Credit", "CopyrightNotice"]
                .iter()
                .any(|tag| w.starts_with(&format!("[minor] IPTC {tag} too long")))
        })
        .collect();
    assert!(unexpected.is_empty(), "exiftool -validate: {warnings:?}");
    // The wire photo's own place and source are gone with its old blocks.
    assert!(tags.get("XMP-photoshop:City").is_none() && tags.get("IPTC:City").is_none());

    // Our own reader agrees.
    let expected = PhotoMetadata {
        caption: Some(meta.caption.clone()),
        credit: Some(meta.credit.clone()),
        creator: Some(meta.creator.clone()),
        copyright: Some(meta.copyright.clone()),
        alt_text: Some(meta.alt_text.clone()),
        instructions: Some(meta.instructions.clone()),
        usage_terms: Some(meta.usage_terms.clone()),
        ..PhotoMetadata::default()
    };
    assert_eq!(read(&rendition).expect("reads"), expected);

    // The XMP packet is well-formed XML to an independent parser, and says the same.
    let xmp_header = b"http://ns.adobe.com/xap/1.0/\0";
    let packets: Vec<&[u8]> = segments(&rendition, 0xE1)
        .into_iter()
        .filter_map(|p| p.strip_prefix(xmp_header.as_slice()))
        .collect();
    assert_eq!(packets.len(), 1, "exactly one XMP packet");
    let packet = std::str::from_utf8(packets[0]).expect("XMP is UTF-8");
    let document = roxmltree::Document::parse(packet).expect("XMP is well-formed");
    let description = document
        .descendants()
        .find(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", "description")))
        .and_then(|n| n.descendants().find(|li| li.has_tag_name("li") || li.tag_name().name() == "li"))
        .and_then(|li| li.text());
    assert_eq!(description, Some(meta.caption.as_str()));
}

#[test]
fn rendition_replaces_every_old_metadata_block_with_one_of_each() {
    let rendition = write_jpeg(&fixture("IPTC-PhotometadataRef-Std2017.1.jpg"), &hostile_rendition(), None)
        .expect("writes");
    let app1 = segments(&rendition, 0xE1);
    assert_eq!(app1.len(), 2, "one EXIF and one XMP segment");
    assert!(app1[0].starts_with(b"Exif\0\0") && app1[1].starts_with(b"http://ns.adobe.com/xap/1.0/\0"));
    assert_eq!(segments(&rendition, 0xED).len(), 1, "one Photoshop/IPTC segment");
    let meta = read(&rendition).expect("reads");
    assert_eq!(meta.headline, None, "the old headline must be gone");
    assert_eq!(meta.alt_text.as_deref(), Some(hostile_rendition().alt_text.as_str()));
}

#[test]
fn long_captions_are_cut_at_a_character_boundary_in_iim_only() {
    // 1,999 ASCII bytes then a two-byte "é": 2,000 bytes would split it.
    let caption = format!("{}é and more", "a".repeat(1999));
    let meta = RenditionMetadata { caption: caption.clone(), ..RenditionMetadata::default() };
    let rendition = write_jpeg(&fixture("cp.jpg"), &meta, None).expect("writes");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(dir.path(), "long.jpg", &rendition);
    assert_eq!(validation_warnings(&path), Vec::<String>::new());
    let tags = exiftool(&path);
    assert_eq!(tags.get("IPTC:Caption-Abstract").and_then(Value::as_str), Some("a".repeat(1999).as_str()));
    assert_eq!(tags.get("XMP-dc:Description").and_then(Value::as_str), Some(caption.as_str()));
    assert_eq!(read(&rendition).expect("reads").caption, Some(caption));
}

#[test]
fn gps_and_camera_details_are_stripped_unless_kept() {
    let original = fixture("iphone_gpsinfo_exif.JPG");
    let dir = tempfile::tempdir().expect("temp dir");
    let has_gps =
        |tags: &Map<String, Value>| tags.keys().any(|k| k.starts_with("GPS:") || k.contains("GPSLatitude"));

    let before = exiftool(&write_temp(dir.path(), "original.jpg", &original));
    assert!(has_gps(&before), "the fixture must carry GPS for this test to mean anything");

    let meta = RenditionMetadata { caption: "Santiago".to_string(), ..RenditionMetadata::default() };
    let stripped_path =
        write_temp(dir.path(), "stripped.jpg", &write_jpeg(&original, &meta, None).expect("writes"));
    assert_eq!(validation_warnings(&stripped_path), Vec::<String>::new());
    let stripped = exiftool(&stripped_path);
    let leaks: Vec<&String> = stripped
        .keys()
        .filter(|k| {
            k.starts_with("GPS:")
                || k.contains("GPS")
                || k.contains("Serial")
                || k.starts_with("ExifIFD:")
                || k.starts_with("MakerNotes")
                || k.starts_with("Apple:")
                || k.as_str() == "IFD0:Make"
                || k.as_str() == "IFD0:Model"
        })
        .collect();
    assert!(leaks.is_empty(), "private details left in the rendition: {leaks:?}");
    assert_eq!(stripped.get("IFD0:ImageDescription").and_then(Value::as_str), Some("Santiago"));
    assert_eq!(stripped.get("IFD0:Orientation").and_then(Value::as_str), Some("Horizontal (normal)"));

    let kept = exiftool(&write_temp(
        dir.path(),
        "kept.jpg",
        &write_jpeg(&original, &meta, Some(&original)).expect("writes"),
    ));
    assert!(kept.contains_key("GPS:GPSLatitude"), "keep GPS must keep GPSLatitude: {:?}", kept.keys());
    assert_eq!(kept.get("GPS:GPSLatitude"), before.get("GPS:GPSLatitude"));
}

// ---------------------------------------------------------------------------------------------
// Hostile input

#[test]
fn hostile_input_never_panics_and_broken_blocks_do_not_hide_good_ones() {
    let cp = fixture("cp.jpg");
    let good_iim = iim_segment(&iim(&[(2, 110, b"Good credit")]));
    let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><photoshop:Credit>&b;</photoshop:Credit>
        </rdf:Description></rdf:RDF></x:xmpmeta>"#;
    let mut app1_past_end = vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0];
    app1_past_end.extend_from_slice(b"Exif\0\0MM\0*");
    let mut iim_past_end = iim(&[(2, 110, b"Credit before damage")]);
    iim_past_end.extend_from_slice(&[0x1C, 2, 120, 0x7F, 0xFF, b'x']);
    let mut iim_extended_huge = iim(&[(2, 110, b"Credit")]);
    iim_extended_huge.extend_from_slice(&[0x1C, 2, 120, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF]);
    let looping_tiff: Vec<u8> = [
        b"MM\0*\0\0\0\x08".as_slice(),
        &[0xFF, 0xFF],                                                 // 65,535 entries claimed
        &[0x87, 0x69, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 8], // Exif IFD pointing at IFD0
    ]
    .concat();

    // (what, bytes, expected credit: Some(..) when a good block must still be read)
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("empty", vec![], None),
        ("random bytes", (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect(), None),
        ("only SOI", vec![0xFF, 0xD8], None),
        ("truncated JPEG", cp[..cp.len() / 3].to_vec(), None),
        ("truncated inside first segment", cp[..40].to_vec(), None),
        ("APP1 length past the end", app1_past_end, None),
        (
            "garbage XMP before good IIM",
            jpeg_with(&[xmp_segment("<x:xmpmeta><<>>&&& garbage"), good_iim.clone()]),
            Some("Good credit"),
        ),
        (
            "unclosed XMP before good IIM",
            jpeg_with(&[xmp_segment(&xmp_packet("<photoshop:Credit>Bad")), good_iim.clone()]),
            Some("Good credit"),
        ),
        (
            "mismatched XMP tags",
            jpeg_with(&[xmp_segment("<a><b></a></b>"), good_iim.clone()]),
            Some("Good credit"),
        ),
        (
            "deeply nested XMP",
            jpeg_with(&[xmp_segment(&deep[..60_000]), good_iim.clone()]),
            Some("Good credit"),
        ),
        ("entity bomb XMP", jpeg_with(&[xmp_segment(bomb), good_iim.clone()]), Some("Good credit")),
        (
            "XMP with bad UTF-8",
            jpeg_with(&[(0xE1, b"http://ns.adobe.com/xap/1.0/\0\xff\xfe<\xc3".to_vec()), good_iim.clone()]),
            Some("Good credit"),
        ),
        ("IIM length past the end", jpeg_with(&[iim_segment(&iim_past_end)]), Some("Credit before damage")),
        ("IIM extended length huge", jpeg_with(&[iim_segment(&iim_extended_huge)]), Some("Credit")),
        (
            "8BIM size past the end",
            jpeg_with(&[
                (0xED, b"Photoshop 3.0\08BIM\x04\x04\0\0\xff\xff\xff\xff\x1c".to_vec()),
                exif_segment("Caption"),
            ]),
            None,
        ),
        (
            "EXIF IFD loop and huge count",
            jpeg_with(&[(0xE1, [b"Exif\0\0".as_slice(), &looping_tiff].concat()), good_iim.clone()]),
            Some("Good credit"),
        ),
        ("bare looping TIFF", looping_tiff.clone(), None),
        (
            "PNG chunk past the end",
            [&TINY_PNG[..8], &[0x7F, 0xFF, 0xFF, 0xFF], b"iTXt".as_slice()].concat(),
            None,
        ),
        (
            "WebP chunk past the end",
            [&TINY_WEBP[..12], b"XMP ".as_slice(), &[0xFF, 0xFF, 0xFF, 0xFF]].concat(),
            None,
        ),
    ];
    for (what, bytes, credit) in cases {
        let result = read(&bytes);
        if let Some(credit) = credit {
            let meta = result.unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(meta.credit.as_deref(), Some(credit), "{what}");
        }
        // Writing must refuse or succeed, never panic.
        let _ = write_jpeg(&bytes, &hostile_rendition(), Some(&bytes));
    }
}

#[test]
fn two_thousand_random_mutations_of_the_fixtures_never_panic() {
    let fixtures = [
        fixture("cp.jpg"),
        fixture("IPTC-PhotometadataRef-Std2017.1.jpg"),
        fixture("iphone_gpsinfo_exif.JPG"),
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: deterministic, so a failure can be replayed.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let meta = hostile_rendition();
    for round in 0..2000 {
        let mut bytes = fixtures[round % fixtures.len()].clone();
        // Mostly hit the metadata at the start of the file.
        let window = if next() % 4 == 0 { bytes.len() } else { bytes.len().min(32 * 1024) };
        for _ in 0..1 + next() % 8 {
            let at = (next() as usize) % window;
            bytes[at] = match next() % 4 {
                0 => 0xFF,
                1 => 0x00,
                2 => bytes[at] ^ (1 << (next() % 8)),
                _ => next() as u8,
            };
        }
        if next() % 5 == 0 {
            let keep = (next() as usize) % bytes.len();
            bytes.truncate(keep);
        }
        let _ = read(&bytes);
        if round % 10 == 0 {
            let _ = write_jpeg(&bytes, &meta, Some(&bytes));
        }
    }
}

/// The XMP packet of a JPEG (its APP1 after the XMP header), with the file's other bytes.
fn split_xmp(jpeg: &[u8]) -> (usize, usize, Vec<u8>) {
    let header = b"http://ns.adobe.com/xap/1.0/\0";
    let mut pos = 2;
    while pos + 4 <= jpeg.len() && jpeg[pos + 1] != 0xDA {
        let end = pos + 2 + usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        if jpeg[pos + 1] == 0xE1 && jpeg[pos + 4..end].starts_with(header) {
            return (pos, end, jpeg[pos + 4 + header.len()..end].to_vec());
        }
        pos = end;
    }
    panic!("no XMP packet");
}

#[test]
fn an_xmp_packet_in_utf16_or_utf32_reads_as_exiftool_reads_it() {
    // The wire photo's XMP (caption, credit, creator and more) without its IIM, so that a missed
    // packet cannot hide behind the IIM copy of the same fields.
    let original = fixture("cp.jpg");
    let (start, end, packet) = split_xmp(&original);
    let text = std::str::from_utf8(&packet).expect("the fixture's packet is UTF-8");
    let utf8 = read(&jpeg_with(&[xmp_segment(text)])).expect("reads");
    assert!(utf8.caption.is_some() && utf8.credit.is_some() && utf8.creator.is_some(), "{utf8:?}");
    let dir = tempfile::tempdir().expect("temp");
    let encodings: [(&str, Vec<u8>); 5] = [
        ("utf16be", text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        ("utf16le", text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        (
            "utf16be-bom",
            std::iter::once('\u{feff}')
                .chain(text.chars())
                .collect::<String>()
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect(),
        ),
        ("utf32be", text.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect()),
        ("utf32le", text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()),
    ];
    for (name, encoded) in encodings {
        let mut payload = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
        payload.extend_from_slice(&encoded);
        if payload.len() > 0xFFFF - 2 {
            // Four bytes a character: the packet's padding makes it too long for one segment.
            let trimmed = text.trim_end_matches(|c: char| c != '>').trim_end();
            let shorter: Vec<u8> = if name.ends_with("be") {
                trimmed.chars().flat_map(|c| u32::from(c).to_be_bytes()).collect()
            } else {
                trimmed.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()
            };
            payload.truncate(29);
            payload.extend_from_slice(&shorter);
        }
        let mut file = original[..start].to_vec();
        file.extend_from_slice(&[0xFF, 0xE1]);
        file.extend_from_slice(&u16::try_from(payload.len() + 2).expect("fits").to_be_bytes());
        file.extend_from_slice(&payload);
        file.extend_from_slice(&original[end..]);
        let ours = read(&jpeg_with(&[(0xE1, payload.clone())])).expect("reads");
        assert_eq!(ours.caption, utf8.caption, "{name}: caption");
        assert_eq!(ours.credit, utf8.credit, "{name}: credit");
        assert_eq!(ours.creator, utf8.creator, "{name}: creator");
        assert_eq!(ours.copyright, utf8.copyright, "{name}: copyright");
        // exiftool reads the same file the same way.
        let path = write_temp(dir.path(), &format!("{name}.jpg"), &file);
        let theirs = exiftool(&path);
        let field = |key: &str| theirs.get(key).and_then(Value::as_str).map(str::to_string);
        assert_eq!(field("XMP-photoshop:Credit"), ours.credit, "{name}: exiftool's credit");
        assert_eq!(field("XMP-dc:Description"), ours.caption, "{name}: exiftool's caption");
    }
}

/// A Photo Mechanic-style trailer: IIM datasets (4-byte soft edits, text fields), padded to
/// 2 KB as Photo Mechanic does, then the block's length and `cbipcbbl`.
fn photo_mechanic_trailer(numbers: &[(u8, i32)], text: &[(u8, &[u8])]) -> Vec<u8> {
    let mut block = Vec::new();
    for (number, value) in numbers {
        block.extend_from_slice(&[0x1C, 2, *number, 0, 4]);
        block.extend_from_slice(&value.to_be_bytes());
    }
    for (number, data) in text {
        block.extend_from_slice(&[0x1C, 2, *number]);
        block.extend_from_slice(&u16::try_from(data.len()).expect("short").to_be_bytes());
        block.extend_from_slice(data);
    }
    block.resize(block.len().max(0x800), 0);
    let len = u32::try_from(block.len()).expect("fits");
    [block, len.to_be_bytes().to_vec(), b"cbipcbbl".to_vec()].concat()
}

#[test]
fn a_photo_mechanic_trailer_is_read_as_exiftool_reads_it_and_never_applied() {
    use byline_core::photos::metadata::soft_edits;
    let dir = tempfile::tempdir().expect("temp");
    // A photo whose only metadata is the trailer's, and the wire photo, whose own IIM and XMP
    // win over a trailer's.
    let bare = {
        let mut out = Vec::new();
        image::RgbImage::from_pixel(64, 48, image::Rgb([90, 120, 150]))
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
            .expect("jpeg");
        out
    };
    let trailer = photo_mechanic_trailer(
        &[(216, 1), (217, 10), (218, 20), (219, 300), (220, 200), (222, 1)],
        &[(120, b"Caption from the trailer"), (110, b"Trailer Agency")],
    );
    let file = [bare.clone(), trailer.clone()].concat();
    let path = write_temp(dir.path(), "pm.jpg", &file);
    let theirs = exiftool(&path);
    let number = |key: &str| theirs.get(key).and_then(Value::as_i64);
    let edits = soft_edits(&file).expect("a trailer");
    assert_eq!(edits.rotation, Some(90));
    assert_eq!(number("PhotoMechanic:Rotation"), Some(90), "{theirs:?}");
    let crop = edits.crop.expect("a crop");
    for (i, key) in ["CropLeft", "CropTop", "CropRight", "CropBottom"].iter().enumerate() {
        assert_eq!(number(&format!("PhotoMechanic:{key}")), Some(i64::from(crop[i])), "{key}");
    }
    assert_eq!(
        read(&file).expect("reads").soft_edits.as_deref(),
        Some("Photo Mechanic asks to rotate 90° clockwise and crop to (10, 20)–(300, 200); not applied")
    );
    // Its IPTC fields count like the file's own IIM when the file has none (exiftool lists only
    // the soft edits from a trailer).
    let meta = read(&file).expect("reads");
    assert_eq!(meta.caption, some("Caption from the trailer"));
    assert_eq!(meta.credit, some("Trailer Agency"));
    // The picture is attached as it is: the trailer's rotation is not applied.
    let image = image::load_from_memory(
        &file[..byline_core::photos::metadata::jpeg_picture_len(&file).expect("complete")],
    )
    .expect("decodes");
    assert_eq!((image.width(), image.height()), (64, 48));
    // The wire photo's own IIM and XMP win over a trailer's.
    let wire = [fixture("cp.jpg"), trailer].concat();
    assert_eq!(read(&wire).expect("reads").credit, some("The Canadian Press"));
    assert!(soft_edits(&bare).is_none(), "no trailer, no soft edits");
}
