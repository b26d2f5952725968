//! Sending the sample story with 10 camera photos (24 MP JPEGs) to a real WordPress on
//! 127.0.0.1, side by side in one run with `curl` doing the same work from files: uploading the
//! renditions Byline made, setting each photo's caption and alt text, and creating the post.
//! Byline's time runs from queueing to sent, its renditions made on the way (what goes over the
//! wire is the renditions, never the originals). Prints the time ratio; the goal is at most 1.2x.
//!
//! Run: `bash scripts/bench-publish.sh` (starts WordPress, fetches the source photo).

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use byline_core::document::{Block, FigureAttrs};
use byline_core::publish::Limits;
use byline_core::{
    drain_outbox, DestinationKind, Library, NewDestination, OutboxState, SendRequest, SendStatus, Typing,
};

mod common;
// The test servers' helpers; the bench uses WordPress only.
#[allow(dead_code)]
#[path = "../tests/common/servers.rs"]
mod servers;

const PHOTOS: usize = 10;
const ROUNDS: usize = 3;

fn main() {
    std::env::set_var("BYLINE_KEYCHAIN", "off");
    let source = std::env::var("BYLINE_BENCH_PHOTO").unwrap_or_else(|_| {
        eprintln!("set BYLINE_BENCH_PHOTO to a large photo (scripts/bench-publish.sh does)");
        std::process::exit(2)
    });
    let photos = common::photo_set(Path::new(&source), PHOTOS, common::Chroma::Full444);
    let wp = servers::WordPress::start();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open(dir.path().join("lib")).expect("library with the sample story");
    let story = lib.list_stories(None).expect("stories")[0].id.to_string();
    let report = lib.attach_photos(&story, &photos, false).expect("attach");
    assert_eq!(report.uses.len(), PHOTOS, "{:?}", report.skipped);
    let uses: Vec<String> = report.uses.iter().map(|u| u.id.clone()).collect();
    lib.update_story(&story, |e| {
        for (n, u) in uses.iter().enumerate() {
            let at = (2 * n + 1).min(e.body.content.len());
            e.body.content.insert(at, Block::Figure { attrs: FigureAttrs { photo_use: u.clone() } });
        }
        Ok(())
    })
    .expect("figures");

    let mut ours = Vec::new();
    let mut peer = Vec::new();
    for round in 0..ROUNDS {
        // An empty site and a destination of its own each round: everything is uploaded.
        for kind in ["media", "posts"] {
            loop {
                let list =
                    wp.rest("GET", &format!("/wp/v2/{kind}"), "&context=edit&per_page=100&status=any", None);
                let Some(items) = list.as_array().filter(|l| !l.is_empty()) else { break };
                for item in items {
                    wp.rest("DELETE", &format!("/wp/v2/{kind}/{}", item["id"]), "&force=true", None);
                }
            }
        }
        let name = format!("site-{round}");
        lib.add_destination(NewDestination {
            name: name.clone(),
            kind: DestinationKind::Wordpress,
            url: wp.url.clone(),
            user: Some(wp.user.clone()),
            secret: wp.password.clone(),
        })
        .expect("destination");
        let start = Instant::now();
        lib.queue_send(&SendRequest {
            story: story.clone(),
            destination: name,
            status: SendStatus::Draft,
            hold_until: None,
        })
        .expect("queued");
        let sent =
            drain_outbox(&RefCell::new(&mut lib), "bench", Limits::default(), &Typing::default(), |_| {})
                .expect("drain");
        ours.push(start.elapsed().as_secs_f64());
        assert_eq!(sent.items.len(), 1);
        assert_eq!(sent.items[0].state, OutboxState::Sent, "{:?}", sent.items[0].error);

        // curl: the same renditions from files, each photo's words, then the post.
        let s = lib.story(&story).expect("story");
        let files = dir.path().join(format!("renditions-{round}"));
        std::fs::create_dir_all(&files).expect("folder");
        let ids: Vec<String> = s.photos.iter().map(|u| u.id.clone()).collect();
        let jpegs = lib.renditions(&story, &ids, Default::default()).expect("renditions");
        let mut paths = Vec::new();
        for (n, jpeg) in jpegs.iter().enumerate() {
            let p = files.join(format!("peer-{round}-{n}.jpg"));
            std::fs::write(&p, jpeg).expect("write");
            paths.push(p);
        }
        let auth = format!("{}:{}", wp.user, wp.password);
        let start = Instant::now();
        let mut media = Vec::new();
        for (p, u) in paths.iter().zip(&s.photos) {
            let up = curl(&[
                "-u",
                &auth,
                "-H",
                &format!(
                    "Content-Disposition: attachment; filename=\"{}\"",
                    p.file_name().and_then(|f| f.to_str()).unwrap_or("x.jpg")
                ),
                "-H",
                "Content-Type: image/jpeg",
                "--data-binary",
                &format!("@{}", p.display()),
                &format!("{}/?rest_route=/wp/v2/media", wp.url),
            ]);
            let id = up["id"].as_u64().expect("media id");
            let words = serde_json::json!({ "caption": format!("{} {}", u.caption, u.credit_line), "alt_text": u.alt_text, "description": u.caption });
            curl(&[
                "-u",
                &auth,
                "-H",
                "Content-Type: application/json",
                "--data",
                &words.to_string(),
                &format!("{}/?rest_route=/wp/v2/media/{id}", wp.url),
            ]);
            media.push((id, up["source_url"].as_str().unwrap_or_default().to_string()));
        }
        let html: String = media
            .iter()
            .map(|(_, src)| {
                format!("<figure><img src=\"{src}\" alt=\"\"><figcaption>x</figcaption></figure>\n")
            })
            .collect();
        let post = serde_json::json!({ "title": s.headline, "content": html, "status": "draft", "featured_media": media[0].0 });
        curl(&[
            "-u",
            &auth,
            "-H",
            "Content-Type: application/json",
            "--data",
            &post.to_string(),
            &format!("{}/?rest_route=/wp/v2/posts", wp.url),
        ]);
        peer.push(start.elapsed().as_secs_f64());
        println!(
            "round {round}: Byline {:.2} s (queue to sent, renditions included), curl {:.2} s",
            ours[round], peer[round]
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (o, p) = (median(&mut ours), median(&mut peer));
    println!(
        "send to WordPress, {} photos of 24 MP: Byline {o:.2} s, curl {p:.2} s (median of {ROUNDS}): {:.2}x curl (goal: at most 1.2x)",
        PHOTOS + 1,
        o / p
    );
}

/// Runs curl, failing on an HTTP error; the answer as JSON.
fn curl(args: &[&str]) -> serde_json::Value {
    let out = Command::new("curl").arg("-sf").args(args).output().expect("curl");
    assert!(out.status.success(), "curl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}
