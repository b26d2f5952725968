//! Re-checking one edited paragraph (its own rules and the story-wide ones) against checking the
//! whole story from scratch, on the load test's 20,000-word story, side by side. Prints the ratio
//! of the medians; the goal is at most 2%. Also printed: the re-check without the grammar, and the
//! whole story re-checked with the grammar's memo warm, which costs little since Harper reads
//! nothing new (the edited paragraph is new to it, so its re-check is a large share of that). `scripts/bench-copydesk.sh` writes the story and sets
//! `BYLINE_BENCH_STORY`; without it a story of the same size is made here.
//!
//! Run: `bash scripts/bench-copydesk.sh`, or `cargo bench -p byline-core --bench copy_desk`.

use std::hint::black_box;
use std::time::Duration;

use byline_core::check::{self, CheckSettings, Context, Grammar, WordList};
use byline_core::{gazetteer, load_speller, Library, Seed};
use criterion::Criterion;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("library");
    let file = match std::env::var_os("BYLINE_BENCH_STORY") {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let path = dir.path().join("story.txt");
            let sentence =
                "The council voted on the harbour plan after a long night of debate in the old hall.";
            let paragraphs: Vec<String> =
                (0..340).map(|i| format!("{sentence} Item {i} was read twice. {sentence}")).collect();
            std::fs::write(&path, paragraphs.join("\n\n")).expect("write");
            path
        }
    };
    let id = lib.import_file(&file).expect("import").id.to_string();
    let story = lib.story(&id).expect("story");
    // As the library loads it: with the British dictionary for British spellings.
    let speller = load_speller("en-US").expect("the en-US dictionary");
    let grammar = Grammar::for_language("en-US");
    let settings = CheckSettings::default();
    let words = WordList::default();
    let places = gazetteer();
    let cx = Context {
        settings: &settings,
        speller: Some(&speller),
        grammar: grammar.as_ref(),
        library_words: &words,
        ignored: &words,
        places: &places,
        suggestions: false,
    };
    // The first paragraph from the middle on.
    let half = story.body.content.len() / 2;
    let at = (half..story.body.content.len())
        .find(|&i| matches!(story.body.content[i], byline_core::document::Block::Paragraph { .. }))
        .expect("a paragraph");
    let middle = vec![at as u32];

    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(2));
    // The editor's state: the grammar has read the story before (its memo is warm); the
    // paragraph just edited is new to it, so each re-check reads that one paragraph afresh.
    black_box(check::check(&story, &cx));
    c.bench_function("check_whole_story", |b| b.iter(|| black_box(check::check(&story, &cx)).findings.len()));
    let mut edits = 0u64;
    // Also without the grammar: what Harper's read of the edited paragraph leaves.
    let without_grammar = Context { grammar: None, ..cx };
    for (name, cx) in
        [("recheck_one_paragraph", &cx), ("recheck_one_paragraph_without_grammar", &without_grammar)]
    {
        c.bench_function(name, |b| {
            b.iter_batched(
                || {
                    edits += 1;
                    edited(&story, middle[0] as usize, edits)
                },
                |edited| black_box(check::check_block(&edited, &middle, cx)).len(),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    // The whole story checked from scratch: by a grammar that never read it.
    c.bench_function("check_whole_story_cold", |b| {
        b.iter_batched(
            || Grammar::for_language("en-US"),
            |cold| black_box(check::check(&story, &Context { grammar: cold.as_ref(), ..cx })).findings.len(),
            criterion::BatchSize::PerIteration,
        )
    });
    c.final_summary();

    let median = |name: &str| -> Option<f64> {
        let path = criterion_dir().join(name).join("new/estimates.json");
        let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
        json["median"]["point_estimate"].as_f64()
    };
    let names = ["check_whole_story", "recheck_one_paragraph", "check_whole_story_cold"];
    let rest = median("recheck_one_paragraph_without_grammar");
    if let [Some(whole), Some(one), Some(cold)] = names.map(median) {
        println!(
            "\n{} words: one edited paragraph re-checked {:.2} ms ({} ms without the grammar); \
             the whole story checked from scratch {:.0} ms: ratio {:.2}% (goal <= 2%)",
            story.stats.words,
            one / 1e6,
            rest.map_or("?".into(), |r| format!("{:.2}", r / 1e6)),
            cold / 1e6,
            100.0 * one / cold
        );
        println!(
            "For the record, the whole story re-checked with the grammar's memo of every paragraph warm \
             (nothing for Harper to read): {:.2} ms, so the edited paragraph's re-check, which Harper must \
             read, is {:.0}% of it",
            whole / 1e6,
            100.0 * one / whole
        );
    }
}

/// The story with block `at` (a paragraph) changed by one word, as a journalist's edit.
fn edited(story: &byline_core::Story, at: usize, n: u64) -> byline_core::Story {
    use byline_core::document::{Block, Inline};
    let mut story = story.clone();
    if let Some(Block::Paragraph { content }) = story.body.content.get_mut(at) {
        content.push(Inline::Text { text: format!(" Edit {n}."), marks: Vec::new() });
    }
    story
}

fn criterion_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("criterion")
}
