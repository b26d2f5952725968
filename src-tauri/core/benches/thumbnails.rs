//! Thumbnail + preview generation for 20 camera-size JPEGs (24 MP), side by side in one run with
//! `vipsthumbnail -s 400` (libvips) on the same files with the same number of workers. Prints
//! the throughput ratio (goal: at least 1.3x vips) and the peak-memory ratio (goal: at most 0.5x)
//! for each of three sets that differ only in chroma subsampling (4:4:4, 4:2:2, 4:2:0), since
//! cameras differ there and the ratio depends on it.
//!
//! Run: `bash scripts/bench-thumbnails.sh` (installs libvips-tools and GNU time, fetches a real
//! 18-megapixel photo from Debian's mate-backgrounds package, then runs this bench).
//! Both sides run as child processes under `/usr/bin/time`, so wall time and peak RSS are
//! measured the same way.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use byline_core::photos::ingest;

mod common;

const PHOTOS: usize = 20;
const WORKERS: usize = 2;
const ROUNDS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--derive-child") {
        let out = PathBuf::from(&args[2]);
        let files: Vec<PathBuf> = args[3..].iter().map(PathBuf::from).collect();
        let made = ingest::derive_files(&files, &out, WORKERS).expect("derive");
        assert_eq!(made, files.len());
        return;
    }
    let source = std::env::var("BYLINE_BENCH_PHOTO").unwrap_or_else(|_| {
        eprintln!("set BYLINE_BENCH_PHOTO to a large photo (scripts/bench-thumbnails.sh does)");
        std::process::exit(2)
    });
    let mut summary = Vec::new();
    for chroma in common::Chroma::ALL {
        let set = common::photo_set(Path::new(&source), PHOTOS, chroma);
        let size: u64 = set.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
        println!("{} photos, {:.1} MB each on average:", chroma.label(), size as f64 / PHOTOS as f64 / 1e6);
        let (speed, memory) = compare(&set);
        summary.push(format!(
            "  {}: throughput {speed:.2}x vipsthumbnail (goal >= 1.3x), peak memory {memory:.2}x (goal <= 0.5x)",
            chroma.label()
        ));
    }
    println!("\n{PHOTOS} JPEGs of 24 MP (quality 97) for each chroma subsampling, {WORKERS} workers each:");
    for line in summary {
        println!("{line}");
    }
    println!("(byline makes a 400 px thumbnail and a ~1600 px preview; vipsthumbnail makes the 400 px thumbnail only)");
}

/// Runs both sides ROUNDS times on `set`, alternating; returns (throughput ratio, peak-memory ratio).
fn compare(set: &[PathBuf]) -> (f64, f64) {
    let mut ours = Vec::new();
    let mut vips = Vec::new();
    for round in 0..ROUNDS {
        let work = tempfile::tempdir().expect("temp dir");
        ours.push(run_ours(set, &work.path().join("byline")));
        vips.push(run_vips(set, &work.path().join("vips")));
        let (o, v) = (ours[round], vips[round]);
        println!(
            "  round {}: byline {:.2} s, {} MB peak | vipsthumbnail {:.2} s, {} MB peak",
            round + 1,
            o.0,
            o.1 / 1024,
            v.0,
            v.1 / 1024
        );
    }
    let median = |runs: &mut Vec<(f64, u64)>| {
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        runs[runs.len() / 2]
    };
    let (o, v) = (median(&mut ours), median(&mut vips));
    let peaks = |runs: &[(f64, u64)]| runs.iter().map(|r| r.1).max().unwrap_or(0);
    (v.0 / o.0, peaks(&ours) as f64 / peaks(&vips) as f64)
}

/// Runs `command` under GNU time; returns (seconds, peak RSS in KB).
fn timed(mut command: Command) -> std::process::Child {
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
    command.spawn().expect("spawn /usr/bin/time (apt install time)")
}

fn peak_kb(child: std::process::Child) -> u64 {
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stderr);
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("peak-kb="))
        .and_then(|v| v.trim().parse().ok())
        .expect("peak")
}

fn run_ours(files: &[PathBuf], out: &Path) -> (f64, u64) {
    let mut command = Command::new("/usr/bin/time");
    command
        .args(["-f", "peak-kb=%M"])
        .arg(std::env::current_exe().expect("exe"))
        .arg("--derive-child")
        .arg(out)
        .args(files);
    let start = Instant::now();
    let peak = peak_kb(timed(command));
    (start.elapsed().as_secs_f64(), peak)
}

fn run_vips(files: &[PathBuf], out: &Path) -> (f64, u64) {
    std::fs::create_dir_all(out).expect("out");
    let start = Instant::now();
    let children: Vec<_> = files
        .chunks(files.len().div_ceil(WORKERS))
        .map(|part| {
            let mut command = Command::new("/usr/bin/time");
            command
                .args(["-f", "peak-kb=%M", "vipsthumbnail", "-s", "400", "-o"])
                .arg(format!("{}/%s.jpg", out.display()))
                .args(part)
                .env("VIPS_CONCURRENCY", "1");
            timed(command)
        })
        .collect();
    // Peak memory of the whole run: the two workers run at once, so their peaks add up.
    let peak: u64 = children.into_iter().map(peak_kb).sum();
    (start.elapsed().as_secs_f64(), peak)
}
