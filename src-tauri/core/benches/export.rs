//! The zip export of a story with 10 camera-size photos (24 MP JPEGs), side by side in one run
//! with ImageMagick `convert` making the same 2048 px renditions (what WordPress does on upload).
//! Prints the time ratio; the goal is at most 0.15x.
//!
//! Run: `bash scripts/bench-export.sh` (installs ImageMagick, fetches the source photo).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use byline_core::export::{ExportOptions, Format};
use byline_core::{Library, NewStory, Seed};

mod common;

const PHOTOS: usize = 10;
const ROUNDS: usize = 3;

fn main() {
    let source = std::env::var("BYLINE_BENCH_PHOTO").unwrap_or_else(|_| {
        eprintln!("set BYLINE_BENCH_PHOTO to a large photo (scripts/bench-export.sh does)");
        std::process::exit(2)
    });
    let photos = common::photo_set(Path::new(&source), PHOTOS, common::Chroma::Full444);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("library");
    let story =
        lib.create_story(NewStory { headline: "Ten photos".into(), ..Default::default() }).expect("story");
    let report = lib.attach_photos(&story.slug, &photos, true).expect("attach");
    assert_eq!(report.uses.len(), PHOTOS, "{:?}", report.skipped);
    let mut ours = Vec::new();
    let mut magick = Vec::new();
    for round in 0..ROUNDS {
        let out = dir.path().join(format!("out-{round}"));
        std::fs::create_dir_all(&out).expect("out");
        let start = Instant::now();
        let zip =
            lib.export_story(&story.slug, Format::Zip, &out, &ExportOptions::default()).expect("export");
        ours.push(start.elapsed().as_secs_f64());
        assert!(zip.exists());
        let start = Instant::now();
        for (n, photo) in photos.iter().enumerate() {
            let status = Command::new("convert")
                .arg(photo)
                .args(["-resize", "2048x2048>", "-quality", "88"])
                .arg(out.join(format!("magick-{n}.jpg")))
                .status()
                .expect("convert (apt install imagemagick)");
            assert!(status.success());
        }
        magick.push(start.elapsed().as_secs_f64());
        println!(
            "round {}: byline zip export {:.2} s | convert x{PHOTOS} {:.2} s",
            round + 1,
            ours[round],
            magick[round]
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (o, m) = (median(&mut ours), median(&mut magick));
    println!(
        "\nzip export of a story with {PHOTOS} 24 MP photos: {:.3}x the time of ImageMagick convert making the same renditions (goal <= 0.15x)",
        o / m
    );
    println!("(the export also writes HTML, Hugo, ninjs, NewsML-G2 and the manifest, and puts the metadata into every rendition)");
}
