//! Promise 9 (the core's part): importing 1,000 photos at once stays within a fixed memory
//! budget, can be cancelled, and resumes where it stopped without attaching anything twice.
//! The import runs in a child process so its peak RSS is its own; the figure is printed.

use std::path::{Path, PathBuf};
use std::process::Command;

use byline_core::photos::batch;
use byline_core::{Library, NewStory, Seed};

const CHILD: &str = "BYLINE_LOAD_CHILD";
const PHOTOS: usize = 1_000;
const CANCEL_AT: u32 = 400;
/// Peak resident memory allowed for the whole batch: a few photos per worker are in memory, never
/// the batch.
const BUDGET_MB: u64 = 100;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmHWM:").map(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
            })
        })
        .flatten()
        .unwrap_or(0)
}

/// 1,000 different photos (each its own picture, so none is a duplicate of another).
fn photos(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("photos dir");
    (0..PHOTOS)
        .map(|i| {
            let path = dir.join(format!("photo-{i:04}.jpg"));
            let img = image::RgbImage::from_fn(320, 240, |x, y| {
                image::Rgb([
                    (x as usize * 7 + i) as u8,
                    (y as usize * 3 + i / 7) as u8,
                    ((x ^ y) as usize + i / 50) as u8,
                ])
            });
            img.save_with_format(&path, image::ImageFormat::Jpeg).expect("write photo");
            path
        })
        .collect()
}

/// Only runs as the child of `a_thousand_photos_stay_within_budget_and_resume_after_cancel`.
#[test]
#[ignore = "the child process of a_thousand_photos_stay_within_budget_and_resume_after_cancel; started by it with --ignored"]
fn load_child() {
    let Some(dir) = std::env::var_os(CHILD) else { return };
    let dir = PathBuf::from(dir);
    let files: Vec<PathBuf> = {
        let mut f: Vec<PathBuf> =
            std::fs::read_dir(dir.join("photos")).expect("photos").flatten().map(|e| e.path()).collect();
        f.sort();
        f
    };
    let mut lib = Library::open_with(dir.join("lib"), Seed::Empty).expect("library");
    let story = lib
        .create_story(NewStory { headline: "A thousand photos".into(), ..Default::default() })
        .expect("story");
    let id = story.id.to_string();
    let first = lib.attach_photos_with(&id, &files, false, |p| p.done < CANCEL_AT).expect("first batch");
    let processed = first.uses.len() + first.skipped.len();
    println!("cancelled {} after {processed}", first.cancelled);
    // Resume with what was left.
    let rest = lib.attach_photos_with(&id, &files[processed..], false, |_| true).expect("resumed batch");
    let uses = lib.story(&id).expect("story").photos.len();
    println!("resumed {} skipped {}", rest.uses.len(), first.skipped.len() + rest.skipped.len());
    println!("uses {uses}");
    println!("peak_kb {}", peak_rss_kb());
}

#[test]
fn a_thousand_photos_stay_within_budget_and_resume_after_cancel() {
    let dir = tempfile::tempdir().expect("temp");
    photos(&dir.path().join("photos"));
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "load_child", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir.path())
        .output()
        .expect("run child");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    let value = |key: &str| -> String {
        // The first value shares its line with the test runner's `test load_child ... `.
        text.lines()
            .find_map(|l| l.find(key).map(|at| &l[at + key.len()..]))
            .unwrap_or_else(|| panic!("no `{key}` in {text}"))
            .trim()
            .to_string()
    };
    // Photos already in the workers' hands when the cancel came are attached too, never more
    // than the batch runs ahead.
    let stopped = value("cancelled ");
    let after: u32 = stopped
        .strip_prefix("true after ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("the batch was not cancelled: {stopped}"));
    let ahead = (batch::AHEAD * batch::workers()) as u32;
    assert!(
        (CANCEL_AT..=CANCEL_AT + ahead).contains(&after),
        "the batch stopped after {after} photos, cancelled at {CANCEL_AT}"
    );
    assert_eq!(
        value("uses ").parse::<usize>().expect("uses"),
        PHOTOS,
        "every photo attached once after resuming"
    );
    let peak_mb = value("peak_kb ").parse::<u64>().expect("peak") / 1024;
    println!("importing {PHOTOS} photos (cancelled at {CANCEL_AT}, resumed): peak RSS {peak_mb} MB (budget {BUDGET_MB} MB)");
    assert!(peak_mb <= BUDGET_MB, "peak RSS {peak_mb} MB is over the {BUDGET_MB} MB budget");
}
