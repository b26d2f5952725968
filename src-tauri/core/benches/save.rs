//! Saving a 50 KB story with its revision, against a bare 50 KB SQLite UPDATE of one row on the
//! same disk with the same settings (WAL, synchronous=FULL), measured side by side. Prints the
//! ratio of the medians; the goal is at most 1.5x.
//!
//! Run: `cargo bench -p byline-core --bench save`

use std::time::Duration;

use byline_core::{Document, Library, NewStory, Seed, StoryEdit};
use std::hint::black_box;

use criterion::{BatchSize, Criterion};

/// About 50 KB of body JSON: 70 paragraphs of ~100 words drawn from a Zipf-like vocabulary, so
/// the copy compresses like real copy does (about 3:1), not like a repeated phrase.
fn story_paragraphs(round: usize) -> Vec<String> {
    let vocab: Vec<String> = (0..3000)
        .map(|i| {
            let stems = [
                "coalit", "minist", "secur", "afric", "syri", "iraq", "rome", "aid", "forc", "talk",
                "network", "region", "leader", "confer", "threat", "youth", "recruit", "inform", "exchang",
                "operat",
            ];
            let ends = ["ion", "er", "ity", "a", "an", "s", "ed", "ing", "al", "", "ary", "ive"];
            format!(
                "{}{}{}",
                stems[i % stems.len()],
                ends[(i / stems.len()) % ends.len()],
                if i >= 240 { (i / 240).to_string() } else { String::new() }
            )
        })
        .collect();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..52)
        .map(|p| {
            let mut words: Vec<&str> = (0..100)
                .map(|_| {
                    // Zipf-like: small ranks are much more frequent.
                    let u = (next() % 1_000_000) as f64 / 1_000_000.0;
                    let rank = ((vocab.len() as f64).powf(u) as usize).saturating_sub(1);
                    vocab[rank.min(vocab.len() - 1)].as_str()
                })
                .collect();
            words[p % 100] = if round.is_multiple_of(2) { "today" } else { "yesterday" };
            words.join(" ")
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("library");
    let story = lib.create_story(NewStory { headline: "Bench".into(), ..Default::default() }).expect("story");
    let edit = story.edit();
    let bodies: Vec<Document> = (0..2).map(|r| Document::from_paragraphs(&story_paragraphs(r))).collect();
    let body_len = serde_json::to_string(&bodies[0]).expect("json").len();

    let bare = rusqlite::Connection::open(dir.path().join("bare.sqlite")).expect("bare db");
    bare.pragma_update(None, "journal_mode", "wal").expect("wal");
    bare.pragma_update(None, "synchronous", "FULL").expect("full");
    bare.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO t VALUES (1, '');",
    )
    .expect("schema");
    let texts: Vec<String> = bodies.iter().map(|b| serde_json::to_string(b).expect("json")).collect();

    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(60)
        .measurement_time(Duration::from_secs(6))
        .warm_up_time(Duration::from_secs(2));
    // The app hands the core an edit it owns (decoded from the IPC message); making the owned
    // copy here is set-up, outside the measurement, as the bare UPDATE's text is.
    let mut round = 0usize;
    let base = std::cell::Cell::new(edit.base_revision);
    c.bench_function("save_50kb_story_with_revision", |b| {
        b.iter_batched(
            || {
                round += 1;
                StoryEdit { body: bodies[round % 2].clone(), ..edit.clone() }
            },
            |mut next| {
                next.base_revision = base.get();
                let saved = lib.save_story(next).expect("save");
                base.set(saved.revision);
                black_box(saved.revision)
            },
            BatchSize::SmallInput,
        )
    });
    let mut n = 0usize;
    c.bench_function("bare_sqlite_update_50kb", |b| {
        b.iter(|| {
            n += 1;
            bare.execute("UPDATE t SET body = ?1 WHERE id = 1", [&texts[n % 2]]).expect("update")
        })
    });
    c.final_summary();

    let median = |name: &str| -> Option<f64> {
        let path = criterion_dir().join(name).join("new/estimates.json");
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        json["median"]["point_estimate"].as_f64()
    };
    if let (Some(save), Some(update)) =
        (median("save_50kb_story_with_revision"), median("bare_sqlite_update_50kb"))
    {
        println!(
            "\nbody {body_len} bytes: save with revision {:.3} ms, bare UPDATE {:.3} ms, ratio {:.2}x (goal <= 1.5x)",
            save / 1e6,
            update / 1e6,
            save / update
        );
    }
}

fn criterion_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("criterion")
}
