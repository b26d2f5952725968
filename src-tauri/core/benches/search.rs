//! Search at archive scale: a generated library of 100,000 stories (about 500 words each from a
//! Zipf-distributed vocabulary, some with photo captions), and on it, measured side by side:
//!
//! - 55 fixed queries (terms in about half, a tenth and a hundredth of the stories, two-term OR,
//!   two-term AND, phrases, prefixes): the first page of results as the app gets it (ranked top
//!   20 with total, marked headline and snippet), p50/p95, goal p95 <= 16 ms; and the ranking
//!   alone against tantivy's own top 20 for the same query on the same index, goal <= 10x;
//! - suggestions for 100 stories, goal p95 <= 30 ms;
//! - opening the library and reading the first screen of the list, goal <= 1 s;
//! - saving a 50 KB story with its revision against a bare SQLite UPDATE, in this library
//!   (the ratio of #2's save bench must hold: <= 2x).
//!
//! Run: `bash scripts/bench-search.sh` (or `cargo bench -p byline-core --bench search`).
//! The library is generated once into `target/bench-search-100k/`; `BYLINE_BENCH_STORIES=N`
//! makes a smaller one elsewhere for a quick look.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use byline_core::search::{tokens, Filters, SearchIndex};
use byline_core::{Document, Library, NewStory, PhotoUseEdit, SearchQuery, Seed, Status, Story, StoryId};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, PhrasePrefixQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

const REPS: usize = 15;

/// A deterministic xorshift generator: the same library every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// 30,000 pronounceable words, and a Zipf (s = 1.07) sampler over them.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let onsets =
            ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "ch"];
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
        let codas = ["", "n", "r", "s", "l", "m", "x"];
        let mut words = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        while words.len() < 30_000 {
            let syllables = 1 + (rng.next() % 3) as usize;
            let mut w = String::new();
            for _ in 0..syllables {
                w.push_str(onsets[(rng.next() % onsets.len() as u64) as usize]);
                w.push_str(vowels[(rng.next() % vowels.len() as u64) as usize]);
                w.push_str(codas[(rng.next() % codas.len() as u64) as usize]);
            }
            if w.len() >= 3 && seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let weights: Vec<f64> = (1..=words.len()).map(|r| 1.0 / (r as f64).powf(1.07)).collect();
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cumulative = weights.iter().map(|w| {
            acc += w / total;
            acc
        });
        Vocabulary { words, cumulative: cumulative.collect() }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self.cumulative.partition_point(|&c| c < u).min(self.words.len() - 1);
        &self.words[i]
    }

    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        (0..n).map(|_| self.sample(rng)).collect::<Vec<_>>().join(" ")
    }

    /// The share of 500-word stories expected to hold the word of this rank.
    fn doc_share(&self, rank: usize) -> f64 {
        let p = self.cumulative[rank] - if rank == 0 { 0.0 } else { self.cumulative[rank - 1] };
        1.0 - (1.0 - p).powf(500.0)
    }

    /// Words whose expected share of stories is closest to `share`.
    fn near_share(&self, share: f64, count: usize) -> Vec<String> {
        let mut ranked: Vec<(f64, usize)> =
            (0..2000.min(self.words.len())).map(|r| ((self.doc_share(r) - share).abs(), r)).collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        ranked.iter().take(count).map(|&(_, r)| self.words[r].clone()).collect()
    }
}

fn generated_story(vocab: &Vocabulary, rng: &mut Rng, n: usize) -> Story {
    let paragraphs: Vec<String> = (0..5).map(|_| vocab.sentence(rng, 95)).collect();
    let body = Document::from_paragraphs(&paragraphs);
    let now = time::OffsetDateTime::now_utc();
    Story {
        id: StoryId::new(),
        slug: String::new(),
        kicker: String::new(),
        headline: vocab.sentence(rng, 8),
        standfirst: vocab.sentence(rng, 25),
        byline: String::new(),
        dateline: String::new(),
        language: byline_core::language::default_language(),
        status: [Status::Draft, Status::Editing, Status::Ready, Status::Published][n % 4],
        tags: vec![format!("desk{}", n % 20)],
        word_target: None,
        created: now,
        updated: now,
        revision: 0,
        published: None,
        stats: body.stats(),
        body,
        related: Vec::new(),
        photos: Vec::new(),
    }
}

/// The bench library, generated once (and its search index built).
fn library(dir: &Path, count: usize, vocab: &Vocabulary) -> Library {
    let done = dir.join("generated");
    if done.exists() {
        return Library::open_with(dir, Seed::Empty).expect("open bench library");
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("clear half-made library");
    }
    let started = Instant::now();
    let mut lib = Library::open_with(dir, Seed::Empty).expect("create bench library");
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut made = 0;
    let mut captioned = Vec::new();
    while made < count {
        let batch: Vec<Story> =
            (made..(made + 2000).min(count)).map(|n| generated_story(vocab, &mut rng, n)).collect();
        made += batch.len();
        let stories = lib.insert_stories(batch, time::OffsetDateTime::now_utc()).expect("insert");
        captioned.extend(stories.iter().step_by(50).map(|s| s.id));
        eprint!("\rgenerated {made} stories");
    }
    eprintln!();
    let photo =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/sample/lead-photo.png"))
            .expect("sample photo");
    for (n, id) in captioned.iter().enumerate() {
        let report = lib.attach_photo_bytes(&id.to_string(), &photo, "photo.png", false).expect("attach");
        let use_id = &report.uses[0].id;
        let caption =
            format!("{} Photo: {}", vocab.sentence(&mut rng, 14), ["AFP", "Reuters", "AP", "VNA"][n % 4]);
        let edit = PhotoUseEdit { caption: Some(caption), ..Default::default() };
        lib.edit_photo_use(&id.to_string(), use_id, edit).expect("caption");
    }
    let indexed = lib.reindex().expect("index");
    std::fs::write(&done, format!("{count}")).expect("marker");
    eprintln!(
        "library of {count} stories ({} captioned, {indexed} indexed) made in {:.0} s",
        captioned.len(),
        started.elapsed().as_secs_f64()
    );
    lib
}

/// A query as the journalist types it, and the same query in tantivy's own terms.
struct Probe {
    kind: &'static str,
    text: String,
}

impl Probe {
    fn reference(&self, all: tantivy::schema::Field) -> Box<dyn Query> {
        let term = |w: &str| Term::from_field_text(all, &tokens(w)[0]);
        let tq =
            |w: &str| -> Box<dyn Query> { Box::new(TermQuery::new(term(w), IndexRecordOption::WithFreqs)) };
        let words: Vec<&str> = self.text.split_whitespace().collect();
        match self.kind {
            "or" => Box::new(BooleanQuery::union(vec![tq(words[0]), tq(words[2])])),
            "and" => Box::new(BooleanQuery::intersection(vec![tq(words[0]), tq(words[1])])),
            "phrase" => {
                let inner = self.text.trim_matches('"');
                Box::new(PhraseQuery::new(inner.split_whitespace().map(term).collect()))
            }
            "prefix" => {
                let mut q = PhrasePrefixQuery::new(vec![term(self.text.trim_end_matches('*'))]);
                q.set_max_expansions(64);
                Box::new(q)
            }
            _ => tq(&self.text),
        }
    }
}

fn probes(vocab: &Vocabulary, lib: &Library, sample: &StoryId) -> Vec<Probe> {
    let mut out = Vec::new();
    let half = vocab.near_share(0.5, 10);
    let tenth = vocab.near_share(0.1, 15);
    let hundredth = vocab.near_share(0.01, 15);
    for (kind, words) in [("term ~50%", &half), ("term ~10%", &tenth), ("term ~1%", &hundredth)] {
        out.extend(words.iter().take(10).map(|w| Probe { kind, text: w.clone() }));
    }
    for i in 0..10 {
        out.push(Probe { kind: "or", text: format!("{} OR {}", tenth[i], hundredth[(i + 3) % 15]) });
    }
    for i in 0..5 {
        out.push(Probe { kind: "and", text: format!("{} {}", half[i], tenth[10 + i]) });
    }
    let body = lib.story(&sample.to_string()).expect("sample story").body.plain_text();
    let words: Vec<&str> = body.split_whitespace().collect();
    for i in 0..5 {
        out.push(Probe { kind: "phrase", text: format!("\"{} {}\"", words[i * 17], words[i * 17 + 1]) });
    }
    for w in tenth.iter().skip(10).take(5) {
        out.push(Probe { kind: "prefix", text: format!("{}*", &w[..3.min(w.len())]) });
    }
    out
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (percentile(&ms, 0.5), percentile(&ms, 0.95))
}

fn time_ms(f: &mut dyn FnMut()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let count: usize =
        std::env::var("BYLINE_BENCH_STORIES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let dir: PathBuf = target.join(if count == 100_000 {
        "bench-search-100k".to_string()
    } else {
        format!("bench-search-{count}")
    });
    let vocab = Vocabulary::new();
    let mut lib = library(&dir, count, &vocab);
    let sample = lib.list_page(None, 7, 1).expect("list").stories[0].id;
    let probes = probes(&vocab, &lib, &sample);
    // Warm: the first search catches the index up.
    lib.search(&SearchQuery { text: "warm".into(), ..Default::default() }).expect("search");

    // tantivy itself on the same index folder, for reference.
    let index_dir = dir.join(byline_core::SEARCH_DIR);
    let reference = tantivy::Index::open_in_dir(&index_dir).expect("tantivy index");
    reference.tokenizers().register("byline_words", byline_core::search::analyzer());
    let searcher = reference.reader().expect("reader").searcher();
    let all = reference.schema().get_field("all").expect("field");
    let ours = SearchIndex::open(&index_dir).expect("our index");

    let mut page = Vec::new();
    let mut ranking = Vec::new();
    let mut tantivy_ms = Vec::new();
    let mut by_kind: HashMap<&str, (Vec<f64>, Vec<f64>)> = HashMap::new();
    let mut worst: (f64, String) = (0.0, String::new());
    println!("{} stories; {} queries, {REPS} runs each\n", ours.len(), probes.len());
    println!("{:<10} {:>8} {:>9} {:>9} {:>9}  query", "kind", "matches", "page ms", "rank ms", "tantivy");
    for probe in &probes {
        let query = SearchQuery { text: probe.text.clone(), limit: Some(20), ..Default::default() };
        let reference_query = probe.reference(all);
        let total = lib.search(&query).expect("search").total;
        let (mut p, mut r, mut t) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..REPS {
            p.push(time_ms(&mut || {
                std::hint::black_box(lib.search(&query).expect("search"));
            }));
            r.push(time_ms(&mut || {
                std::hint::black_box(
                    ours.search(&probe.text, false, &Filters::default(), 0, 20).expect("rank").hits,
                );
            }));
            t.push(time_ms(&mut || {
                std::hint::black_box(
                    searcher
                        .search(&*reference_query, &TopDocs::with_limit(20).order_by_score())
                        .expect("tantivy"),
                );
            }));
        }
        let (pm, rm, tm) = (summary(p.clone()).0, summary(r.clone()).0, summary(t.clone()).0);
        println!("{:<10} {:>8} {:>9.3} {:>9.3} {:>9.3}  {}", probe.kind, total, pm, rm, tm, probe.text);
        if rm / tm > worst.0 {
            worst = (rm / tm, probe.text.clone());
        }
        let entry = by_kind.entry(probe.kind).or_default();
        entry.0.extend(r.iter().copied());
        entry.1.extend(t.iter().copied());
        page.extend(p);
        ranking.extend(r);
        tantivy_ms.extend(t);
    }
    let (page50, page95) = summary(page);
    let (rank50, rank95) = summary(ranking);
    let (tan50, tan95) = summary(tantivy_ms);

    // Suggestions for 100 stories spread over the library.
    let mut suggest = Vec::new();
    let step = (count / 100).max(1) as u32;
    for n in 0..100u32 {
        let Some(s) = lib.list_page(None, n * step, 1).expect("list").stories.pop() else { break };
        let id = s.id.to_string();
        suggest.push(time_ms(&mut || {
            std::hint::black_box(lib.suggest_related(&id, 5).expect("suggest"));
        }));
    }
    let (sug50, sug95) = summary(suggest);

    // Saving in this library against a bare UPDATE, the same way as the save bench.
    let story =
        lib.create_story(NewStory { headline: "Bench save".into(), ..Default::default() }).expect("story");
    let mut edit = story.edit();
    let mut rng = Rng(7);
    let bodies: Vec<Document> = (0..2)
        .map(|_| {
            Document::from_paragraphs(&(0..52).map(|_| vocab.sentence(&mut rng, 100)).collect::<Vec<_>>())
        })
        .collect();
    let texts: Vec<String> = bodies.iter().map(|b| serde_json::to_string(b).expect("json")).collect();
    let bare_dir = tempfile::tempdir_in(&target).expect("bare dir");
    let bare = rusqlite::Connection::open(bare_dir.path().join("bare.sqlite")).expect("bare db");
    bare.pragma_update(None, "journal_mode", "wal").expect("wal");
    bare.pragma_update(None, "synchronous", "FULL").expect("full");
    bare.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL); INSERT INTO t VALUES (1, '');",
    )
    .expect("schema");
    // The same story in an empty library beside it: the index must not slow saving down.
    let small_dir = tempfile::tempdir_in(&target).expect("small dir");
    let mut small = Library::open_with(small_dir.path(), Seed::Empty).expect("small library");
    let mut small_edit = small
        .create_story(NewStory { headline: "Bench save".into(), ..Default::default() })
        .expect("story")
        .edit();
    let (mut saves, mut updates, mut small_saves) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..60 {
        edit.body = bodies[round % 2].clone();
        small_edit.body = bodies[round % 2].clone();
        // The edit is the core's to own (decoded from the IPC message): copied outside the
        // timing, as the save bench does.
        let mut next = Some(edit.clone());
        saves.push(time_ms(&mut || {
            let saved = lib.save_story(next.take().expect("one save")).expect("save");
            edit.base_revision = saved.revision;
        }));
        let mut next = Some(small_edit.clone());
        small_saves.push(time_ms(&mut || {
            let saved = small.save_story(next.take().expect("one save")).expect("save");
            small_edit.base_revision = saved.revision;
        }));
        updates.push(time_ms(&mut || {
            bare.execute("UPDATE t SET body = ?1 WHERE id = 1", [&texts[round % 2]]).expect("update");
        }));
    }
    let (save50, _) = summary(saves);
    let (update50, _) = summary(updates);
    let (small50, _) = summary(small_saves);
    lib.delete_story(&story.id.to_string()).expect("tidy");
    drop(lib);

    // Opening the library and reading the first screen of the list.
    let mut opens = Vec::new();
    for _ in 0..5 {
        opens.push(time_ms(&mut || {
            let lib = Library::open_with(&dir, Seed::Empty).expect("open");
            std::hint::black_box(lib.list_page(None, 0, 60).expect("first screen"));
        }));
    }
    let (open50, open95) = summary(opens);

    println!("\nranking time against tantivy by kind (p50):");
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by_key(|k| k.0);
    for (kind, (r, t)) in kinds {
        let (r50, t50) = (summary(r).0, summary(t).0);
        println!("  {kind:<10} ours {r50:.3} ms, tantivy {t50:.3} ms, {:.1}x", r50 / t50);
    }
    println!("\n{count} stories:");
    println!("  first page (top 20, total, marked headline and snippet): p50 {page50:.2} ms, p95 {page95:.2} ms (goal p95 <= 16 ms)");
    println!(
        "  ranked top 20: ours p50 {rank50:.3} ms / p95 {rank95:.3} ms, tantivy p50 {tan50:.3} ms / p95 {tan95:.3} ms: {:.1}x at p50, {:.1}x at p95 (goal <= 10x); worst query {:.1}x ({})",
        rank50 / tan50,
        rank95 / tan95,
        worst.0,
        worst.1
    );
    println!("  suggestions: p50 {sug50:.2} ms, p95 {sug95:.2} ms (goal p95 <= 30 ms)");
    println!("  open the library + first screen of the list: p50 {open50:.1} ms, max {open95:.1} ms (goal <= 1000 ms)");
    println!(
        "  save a 50 KB story with revision: {save50:.2} ms here vs {small50:.2} ms in an empty library: {:.2}x (goal: about 1x); vs a bare UPDATE {update50:.2} ms: {:.2}x (two unrelated bodies in turn, so each save is a new keyframe; an edit at a time is the save bench's figure)",
        save50 / small50,
        save50 / update50
    );
}
