//! Hand-off to an editor: the DOCX export of the load test's 20,000-word story with 50 phone
//! photos (12 MP), side by side in one run with LibreOffice converting the same story's HTML
//! export (its images embedded as data URIs, so LibreOffice embeds them too) to DOCX
//! (`soffice --headless --convert-to docx`); and the PDF proof of that story against LibreOffice
//! turning Byline's DOCX of it into PDF. LibreOffice runs warm: one conversion first, to set up
//! its profile, is discarded. Prints the time ratios (goal: at most 0.25x each).
//!
//! Run: `bash scripts/bench-handoff.sh` (installs LibreOffice, fetches the source photo,
//! generates the story).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use byline_core::export::{ExportOptions, Format};
use byline_core::{Library, Seed};

mod common;

const PHOTOS: usize = 50;
const ROUNDS: usize = 3;

fn main() {
    let source = std::env::var("BYLINE_BENCH_PHOTO").unwrap_or_else(|_| {
        eprintln!("set BYLINE_BENCH_PHOTO to a large photo (scripts/bench-handoff.sh does)");
        std::process::exit(2)
    });
    let story_file = std::env::var("BYLINE_BENCH_STORY").unwrap_or_else(|_| {
        eprintln!("set BYLINE_BENCH_STORY to the load test's story (scripts/bench-handoff.sh does)");
        std::process::exit(2)
    });
    let photos = common::phone_set(Path::new(&source), PHOTOS);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("library");
    let story = lib.import_file(Path::new(&story_file)).expect("the 20,000-word story");
    let report = lib.attach_photos(&story.slug, &photos, true).expect("attach");
    assert_eq!(report.uses.len(), PHOTOS, "{:?}", report.skipped);
    // The inline photos as figures spread through the body, as a journalist places them.
    let mut edit = lib.story(&story.slug).expect("story").edit();
    let mut body = edit.body.to_value();
    let blocks = body["content"].as_array_mut().expect("blocks");
    let every = (blocks.len() / PHOTOS).max(1);
    for (n, u) in report.uses.iter().skip(1).enumerate().rev() {
        let at = ((n + 1) * every).min(blocks.len());
        blocks.insert(at, serde_json::json!({"type": "figure", "attrs": {"use": u.id}}));
    }
    edit.body = byline_core::Document::from_value(&body).expect("a valid body");
    lib.save_story(edit).expect("save");
    println!("{}: {} words, {PHOTOS} photos of 12 MP placed in it", story.headline, story.stats.words);

    // LibreOffice's input: the story's own HTML export, images inlined.
    let html_dir = dir.path().join("html");
    std::fs::create_dir_all(&html_dir).expect("html");
    let folder =
        lib.export_story(&story.slug, Format::Html, &html_dir, &ExportOptions::default()).expect("html");
    let html = inline_images(&folder);
    let html_file = dir.path().join("story.html");
    std::fs::write(&html_file, html).expect("write");
    let profile = dir.path().join("lo-profile");
    let soffice = |out: &Path| {
        let start = Instant::now();
        let status = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
            .arg(out)
            .arg(&html_file)
            .output()
            .expect("soffice (apt install libreoffice-writer-nogui)");
        assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
        let docx = out.join("story.docx");
        assert!(docx.exists(), "LibreOffice made no DOCX");
        (start.elapsed().as_secs_f64(), std::fs::metadata(&docx).map_or(0, |m| m.len()))
    };
    // Warm up: LibreOffice sets up its profile on the first run.
    let warm = dir.path().join("warm");
    std::fs::create_dir_all(&warm).expect("warm");
    soffice(&warm);

    // The export's input (the story and its 50 renditions), made once for the assembly timing.
    let input = lib.export_input(&story.slug, &ExportOptions::default()).expect("input");
    let (mut whole, mut assembly, mut theirs) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let out = dir.path().join(format!("out-{round}"));
        std::fs::create_dir_all(&out).expect("out");
        let start = Instant::now();
        let docx =
            lib.export_story(&story.slug, Format::Docx, &out, &ExportOptions::default()).expect("docx");
        whole.push(start.elapsed().as_secs_f64());
        let size = std::fs::metadata(&docx).map_or(0, |m| m.len());
        let start = Instant::now();
        let bytes = byline_core::export::docx::render(&input).expect("docx");
        std::fs::write(out.join("assembled.docx"), &bytes).expect("write");
        assembly.push(start.elapsed().as_secs_f64());
        let lo = dir.path().join(format!("lo-{round}"));
        std::fs::create_dir_all(&lo).expect("lo");
        let (seconds, lo_size) = soffice(&lo);
        theirs.push(seconds);
        println!(
            "round {}: byline DOCX export {:.2} s ({:.1} MB), of which writing the DOCX from the renditions {:.2} s | soffice HTML -> DOCX {:.2} s ({:.1} MB)",
            round + 1,
            whole[round],
            size as f64 / 1e6,
            assembly[round],
            theirs[round],
            lo_size as f64 / 1e6
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    // The PDF proof against LibreOffice turning Byline's DOCX into PDF.
    let docx = dir.path().join("out-0").join(format!("{}.docx", story.slug));
    let (mut proof_whole, mut proof_typeset, mut lo_pdf) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let out = dir.path().join(format!("proof-{round}"));
        std::fs::create_dir_all(&out).expect("out");
        let start = Instant::now();
        let pdf = lib.export_story(&story.slug, Format::Pdf, &out, &ExportOptions::default()).expect("pdf");
        proof_whole.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        let bytes = byline_core::export::pdf::render(&input, input.paper).expect("pdf");
        std::fs::write(out.join("typeset.pdf"), &bytes).expect("write");
        proof_typeset.push(start.elapsed().as_secs_f64());
        let lo = dir.path().join(format!("lo-pdf-{round}"));
        std::fs::create_dir_all(&lo).expect("lo");
        let start = Instant::now();
        let status = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&lo)
            .arg(&docx)
            .output()
            .expect("soffice");
        assert!(status.status.success());
        lo_pdf.push(start.elapsed().as_secs_f64());
        let pages = |path: &Path| {
            let info = Command::new("pdfinfo")
                .arg(path)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
                .unwrap_or_default();
            info.lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .map(|p| p.trim().to_string())
                .unwrap_or_default()
        };
        println!(
            "round {}: byline PDF proof {:.2} s ({} pages), of which typesetting {:.2} s | soffice DOCX -> PDF {:.2} s ({} pages)",
            round + 1,
            proof_whole[round],
            pages(&pdf),
            proof_typeset[round],
            lo_pdf[round],
            pages(&lo.join(docx.with_extension("pdf").file_name().expect("name")))
        );
    }
    let (w, a, t) = (median(&mut whole), median(&mut assembly), median(&mut theirs));
    let (pw, pt, lp) = (median(&mut proof_whole), median(&mut proof_typeset), median(&mut lo_pdf));
    println!("\nDOCX of a 20,000-word story with {PHOTOS} photos, against LibreOffice converting its HTML (goal <= 0.25x):");
    println!("  the DOCX written from the export's renditions, as LibreOffice is given them: {:.3}x", a / t);
    println!(
        "  the whole export, the 50 renditions (decoded, resized, metadata written) made too: {:.3}x",
        w / t
    );
    println!(
        "PDF proof of that story, against LibreOffice turning Byline's DOCX of it into PDF (goal <= 0.25x):"
    );
    println!("  typeset from the export's renditions: {:.3}x", pt / lp);
    println!("  the whole export, renditions made too: {:.3}x", pw / lp);
}

/// The export's `index.html` with each `images/…` source inlined as a data URI.
fn inline_images(folder: &Path) -> String {
    use base64::Engine;
    let html = std::fs::read_to_string(folder.join("index.html")).expect("index.html");
    let mut out = String::with_capacity(html.len() * 2);
    let mut rest = html.as_str();
    while let Some(at) = rest.find("src=\"images/") {
        out.push_str(&rest[..at + 5]);
        let tail = &rest[at + 5..];
        let end = tail.find('"').expect("a closing quote");
        let bytes = std::fs::read(folder.join(&tail[..end])).expect("an image");
        out.push_str("data:image/jpeg;base64,");
        out.push_str(&base64::engine::general_purpose::STANDARD.encode(bytes));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}
