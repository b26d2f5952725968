//! Thumbnail + preview generation for 20 camera-size JPEGs (24 MP), side by side in one run with
//! `vipsthumbnail -s 400` (libvips) on the same files with the same number of workers. Prints
//! the throughput ratio (goal: at least 1.3x vips) and the peak-memory ratio (goal: at most 0.5x)
//! for each of three sets that differ only in chroma subsampling (4:4:4, 4:2:2, 4:2:0), since
//! cameras differ there and the ratio depends on it; then the same for 20 iPhone-size HEICs
//! (12 MP; goal: at least 1.0x), which libvips reads through the same system libheif.
//! `BYLINE_BENCH_ONLY=heic` or `=jpeg` runs one part.
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
    // `BYLINE_BENCH_ONLY=heic` (or `jpeg`) runs one part.
    let only = std::env::var("BYLINE_BENCH_ONLY").unwrap_or_default();
    let jpeg_sets = if only == "heic" { &[][..] } else { &common::Chroma::ALL[..] };
    for &chroma in jpeg_sets {
        let set = common::photo_set(Path::new(&source), PHOTOS, chroma);
        let size: u64 = set.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
        println!("{} photos, {:.1} MB each on average:", chroma.label(), size as f64 / PHOTOS as f64 / 1e6);
        let ratios = compare(&set);
        summary.push(format!(
            "  {}: throughput {:.2}x vipsthumbnail (goal >= 1.3x), peak memory {:.2}x (goal <= 0.5x), CPU time ratio {:.2}x",
            chroma.label(),
            ratios.throughput,
            ratios.memory,
            ratios.cpu
        ));
    }
    if only != "jpeg" {
        let set = common::heic_set(Path::new(&source), PHOTOS);
        let size: u64 = set.iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum();
        println!("HEIC photos (12 MP, 4:2:0), {:.1} MB each on average:", size as f64 / PHOTOS as f64 / 1e6);
        let ratios = compare(&set);
        summary.push(format!(
            "  HEIC 12 MP: throughput {:.2}x vipsthumbnail (goal >= 1.0x), peak memory {:.2}x, CPU time ratio {:.2}x",
            ratios.throughput, ratios.memory, ratios.cpu
        ));
    }
    println!("\n{PHOTOS} JPEGs of 24 MP (quality 97) for each chroma subsampling, {PHOTOS} HEICs of 12 MP, {WORKERS} workers each:");
    for line in summary {
        println!("{line}");
    }
    println!("(byline makes a 400 px thumbnail and a ~1600 px preview; vipsthumbnail makes the 400 px thumbnail only;");
    println!(" throughput is vipsthumbnail's median wall time over Byline's; the CPU time ratio is vipsthumbnail's user + system");
    println!(" time over Byline's, over all rounds: steadier than wall time on a shared machine)");
}

/// One run of one side.
#[derive(Clone, Copy)]
struct Run {
    /// Wall time, seconds.
    wall: f64,
    /// User + system time of every process, seconds.
    cpu: f64,
    /// Peak resident memory of the whole run, KB.
    peak_kb: u64,
}

struct Ratios {
    throughput: f64,
    memory: f64,
    cpu: f64,
}

/// Runs both sides ROUNDS times on `set`, alternating, and compares them.
fn compare(set: &[PathBuf]) -> Ratios {
    let mut ours = Vec::new();
    let mut vips = Vec::new();
    for round in 0..ROUNDS {
        let work = tempfile::tempdir().expect("temp dir");
        ours.push(run_ours(set, &work.path().join("byline")));
        vips.push(run_vips(set, &work.path().join("vips")));
        let (o, v) = (ours[round], vips[round]);
        println!(
            "  round {}: byline {:.2} s ({:.2} s CPU), {} MB peak | vipsthumbnail {:.2} s ({:.2} s CPU), {} MB peak",
            round + 1,
            o.wall,
            o.cpu,
            o.peak_kb / 1024,
            v.wall,
            v.cpu,
            v.peak_kb / 1024
        );
    }
    let median = |runs: &[Run]| {
        let mut walls: Vec<f64> = runs.iter().map(|r| r.wall).collect();
        walls.sort_by(f64::total_cmp);
        walls[walls.len() / 2]
    };
    let peak = |runs: &[Run]| runs.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64;
    let cpu = |runs: &[Run]| runs.iter().map(|r| r.cpu).sum::<f64>();
    Ratios {
        throughput: median(&vips) / median(&ours),
        memory: peak(&ours) / peak(&vips),
        cpu: cpu(&vips) / cpu(&ours),
    }
}

/// GNU time's report: peak RSS and CPU seconds of the command.
const TIME_FORMAT: &str = "peak-kb=%M cpu=%U %S";

/// Runs `command` (under GNU time) with its output out of the way.
fn timed(mut command: Command) -> std::process::Child {
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped());
    command.spawn().expect("spawn /usr/bin/time (apt install time)")
}

/// Waits for a `timed` child; returns (peak RSS in KB, CPU seconds).
fn report(child: std::process::Child) -> (u64, f64) {
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().rev().find(|l| l.trim().starts_with("peak-kb=")).expect("GNU time report");
    let mut parts = line.trim().split(['=', ' ']);
    let mut field = |name: &str| {
        assert_eq!(parts.next(), Some(name), "{line}");
        parts.next().expect("value").to_string()
    };
    let peak = field("peak-kb").parse().expect("peak");
    let user: f64 = field("cpu").parse().expect("user");
    let system: f64 = parts.next().and_then(|v| v.parse().ok()).expect("system");
    (peak, user + system)
}

fn run_ours(files: &[PathBuf], out: &Path) -> Run {
    let mut command = Command::new("/usr/bin/time");
    command
        .args(["-f", TIME_FORMAT])
        .arg(std::env::current_exe().expect("exe"))
        .arg("--derive-child")
        .arg(out)
        .args(files);
    let start = Instant::now();
    let (peak_kb, cpu) = report(timed(command));
    Run { wall: start.elapsed().as_secs_f64(), cpu, peak_kb }
}

fn run_vips(files: &[PathBuf], out: &Path) -> Run {
    std::fs::create_dir_all(out).expect("out");
    let start = Instant::now();
    let children: Vec<_> = files
        .chunks(files.len().div_ceil(WORKERS))
        .map(|part| {
            let mut command = Command::new("/usr/bin/time");
            command
                .args(["-f", TIME_FORMAT, "vipsthumbnail", "-s", "400", "-o"])
                .arg(format!("{}/%s.jpg", out.display()))
                .args(part)
                .env("VIPS_CONCURRENCY", "1");
            timed(command)
        })
        .collect();
    // Peak memory of the whole run: the two workers run at once, so their peaks add up.
    let reports: Vec<(u64, f64)> = children.into_iter().map(report).collect();
    let wall = start.elapsed().as_secs_f64();
    Run { wall, cpu: reports.iter().map(|r| r.1).sum(), peak_kb: reports.iter().map(|r| r.0).sum() }
}
