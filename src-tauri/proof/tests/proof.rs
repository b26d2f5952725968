//! The proof as poppler and qpdf read it: a valid PDF, every font embedded, the words a reader
//! copying them would get (Arabic in its logical order, Vietnamese with its diacritics, Greek and
//! Cyrillic), the title
//! and the page count in its information; the mark across a draft and not across a ready story.

use std::path::Path;
use std::process::Command;

use byline_proof::{render, Paper, ProofInput};
use serde_json::json;

const ARABIC: &str = "دعا الأمين العام للجامعة العربية إلى جهود دولية للقضاء على التنظيم";
const VIETNAMESE: &str = "Bộ trưởng Ngoại giao phát biểu tại hội nghị ở Rô-ma hôm thứ Hai";
const GREEK: &str = "Ο υπουργός Εξωτερικών μίλησε στη Ρώμη τη Δευτέρα";
const CYRILLIC: &str = "Министр иностранных дел выступил в Риме в понедельник";

fn photo() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos/cp.jpg"))
        .expect("fixture")
}

fn story(status: &str, ready: bool, paragraphs: usize) -> serde_json::Value {
    let mut body = vec![
        json!({"type": "paragraph", "content": [
            {"type": "text", "text": "Ministers met in "},
            {"type": "text", "text": "Rome", "marks": [{"type": "strong"}]},
            {"type": "text", "text": " to discuss "},
            {"type": "text", "text": "the coalition", "marks": [{"type": "link", "attrs": {"href": "https://example.org/a?b=1&c=2"}}]},
            {"type": "text", "text": ". #set text(fill: red) [injected] $x$ <label> @ref"}
        ]}),
        json!({"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Reactions"}]}),
        json!({"type": "paragraph", "content": [{"type": "text", "text": VIETNAMESE}]}),
        json!({"type": "paragraph", "content": [{"type": "text", "text": GREEK}]}),
        json!({"type": "paragraph", "content": [{"type": "text", "text": CYRILLIC}]}),
        json!({"type": "figure", "image": "picture-2.jpg", "caption": "Police block the road.", "credit": "Photo: The Canadian Press", "alt": "A police car", "portrait": false}),
        json!({"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "We have received worrying signals."}]}]}),
        json!({"type": "bulletList", "content": [{"content": [{"type": "paragraph", "content": [{"type": "text", "text": "Egypt"}]}]}]}),
        json!({"type": "orderedList", "attrs": {"start": 3}, "content": [{"content": [{"type": "paragraph", "content": [{"type": "text", "text": "Cairo"}]}]}]}),
        json!({"type": "horizontalRule"}),
    ];
    for i in 0..paragraphs {
        body.push(json!({"type": "paragraph", "content": [{"type": "text", "text": format!("Paragraph {i} of the long story, which goes on for a while so that the proof runs to several pages and the page numbers are counted.")}]}));
    }
    json!({
        "kicker": "Diplomacy",
        "headline": "Coalition meets in Rome",
        "standfirst": "Ministers agree to focus on Africa.",
        "byline": "Jane Roe",
        "dateline": "Rome",
        "lang": "en", "region": "GB", "rtl": false,
        "status": status, "forPublication": ready,
        "words": 1234, "tags": ["IS", "Rome"],
        "generated": "2026-12-06 10:00 UTC",
        "lead": {"image": "picture-1.jpg", "caption": "AL Secretary General Ahmed Aboul-Gheit speaks in Algiers.", "credit": "Photo: AFP/VNA", "alt": "A man at a lectern", "portrait": false},
        "body": body,
    })
}

fn pdf(value: serde_json::Value, paper: Paper) -> Vec<u8> {
    let photo = photo();
    render(&ProofInput {
        story: value,
        images: vec![("picture-1.jpg".into(), &photo), ("picture-2.jpg".into(), &photo)],
        paper,
    })
    .expect("a proof")
}

fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let mut command = Command::new(program);
    command.args(args).arg(file);
    if program == "pdftotext" {
        command.arg("-"); // to stdout
    }
    let out = command.output().unwrap_or_else(|e| {
        panic!("{program} must be installed (poppler-utils, qpdf; scripts/setup.sh does): {e}")
    });
    assert!(
        out.status.success(),
        "{program}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// How many times "NOT FOR PUBLICATION" is printed, read in the content's order.
fn mark_count(path: &Path) -> usize {
    let raw: String = tool("pdftotext", &["-raw", "-enc", "UTF-8"], path).split_whitespace().collect();
    raw.matches("NOTFORPUBLICATION").count()
}

#[test]
fn a_proof_is_a_valid_pdf_with_its_fonts_words_title_and_pages() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("proof.pdf");
    let mut value = story("Draft", false, 60);
    value["body"]
        .as_array_mut()
        .expect("body")
        .push(json!({"type": "paragraph", "content": [{"type": "text", "text": ARABIC}]}));
    std::fs::write(&path, pdf(value, Paper::A4)).expect("write");
    tool("qpdf", &["--check"], &path);
    // Every font embedded.
    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in &rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "not embedded: {row}");
    }
    assert!(
        fonts.contains("NotoSerif") && fonts.contains("NotoNaskhArabic") && fonts.contains("NotoSans"),
        "{fonts}"
    );
    // The words, as a reader copying them gets them.
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "DIPLOMACY",
        "Coalition meets in Rome",
        "Ministers agree to focus on Africa.",
        "Jane Roe",
        "AL Secretary General Ahmed Aboul-Gheit speaks in Algiers.",
        "Photo: AFP/VNA",
        "Police block the road.",
        "Photo: The Canadian Press",
        "Reactions",
        "We have received worrying signals.",
        VIETNAMESE,
        GREEK,
        CYRILLIC,
        ARABIC,
        "#set text(fill: red) [injected] $x$ <label> @ref",
        "Draft",
    ] {
        assert!(flat.contains(want), "the proof lacks {want:?}:\n{flat}");
    }
    // Title and pages.
    let info = tool("pdfinfo", &[], &path);
    let field =
        |name: &str| info.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_default();
    assert_eq!(field("Title:"), "Coalition meets in Rome", "{info}");
    assert_eq!(field("Author:"), "Jane Roe");
    assert_eq!(field("Keywords:"), "IS, Rome");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("pages");
    assert!(pages >= 3, "{pages} pages");
    assert!(
        flat.contains(&format!("Page 1 of {pages}")) && flat.contains(&format!("Page {pages} of {pages}")),
        "page numbers"
    );
    // The mark runs across each page at an angle: in the content's own order its letters come in
    // turn, broken over lines.
    assert_eq!(mark_count(&path), pages, "once a page");
    assert!(field("Page size:").starts_with("595.") && field("Page size:").contains("x 841.8"), "A4: {info}");
}

#[test]
fn a_ready_story_has_no_mark_and_letter_is_letter() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ready.pdf");
    std::fs::write(&path, pdf(story("Ready", true, 0), Paper::Letter)).expect("write");
    assert_eq!(mark_count(&path), 0);
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    assert!(text.contains("Ready"));
    let info = tool("pdfinfo", &[], &path);
    assert!(info.lines().any(|l| l.starts_with("Page size:") && l.contains("612 x 792")), "Letter: {info}");
}

#[test]
fn a_right_to_left_story_is_set_right_to_left() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("ar.pdf");
    let mut value = story("Draft", false, 0);
    value["lang"] = json!("ar");
    value["region"] = json!(null);
    value["rtl"] = json!(true);
    value["headline"] = json!("الجامعة العربية تدعو إلى جهود دولية");
    value["body"] = json!([{"type": "paragraph", "content": [{"type": "text", "text": ARABIC}]}]);
    std::fs::write(&path, pdf(value, Paper::A4)).expect("write");
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(ARABIC), "Arabic in logical order:\n{flat}");
    assert!(flat.contains("الجامعة العربية تدعو إلى جهود دولية"), "{flat}");
}
