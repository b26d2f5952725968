//! Where Harper's time goes when it reads a long story it has never read: its dictionary, its
//! rules, reading the text (tokens, tags, noun phrases) and the rules run over it, one thread.
//! With `--rules`, also each rule run on its own, the costliest first.
//!
//! `cargo run --release -p byline-check --example harper_parts -- STORY.md [--rules]`
//! (`scripts/bench-story.sh` writes the load test's 20,000-word story).

use std::time::{Duration, Instant};

use harper_core::linting::{LintGroup, Linter};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: harper_parts STORY.md [--rules]");
    let per_rule = args.next().is_some_and(|a| a == "--rules");
    let text = std::fs::read_to_string(&path).expect("the story can be read");
    let paragraphs: Vec<&str> =
        text.split("\n\n").map(str::trim).filter(|p| !p.is_empty() && !p.starts_with('#')).collect();

    let t = Instant::now();
    let dictionary = FstDictionary::curated();
    println!("dictionary            {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let mut rules = LintGroup::new_curated(dictionary.clone(), Dialect::American);
    for (rule, _) in byline_check::grammar::OFF {
        rules.config.set_rule_enabled(*rule, false);
    }
    println!("rules built           {:>8.1?}", t.elapsed());
    let t = Instant::now();
    let documents: Vec<Document> =
        paragraphs.iter().map(|p| Document::new_plain_english(p, dictionary.as_ref())).collect();
    println!("{} paragraphs read   {:>8.1?}", documents.len(), t.elapsed());
    let t = Instant::now();
    let found: usize = documents.iter().map(|d| rules.lint(d).len()).sum();
    println!("rules run             {:>8.1?} ({found} findings before Byline's filters)", t.elapsed());
    if !per_rule {
        return;
    }
    let on: Vec<String> =
        rules.iter_keys().filter(|k| rules.config.is_rule_enabled(k)).map(str::to_string).collect();
    rules.set_all_rules_to(Some(false));
    let mut times: Vec<(Duration, String)> = on
        .iter()
        .map(|rule| {
            rules.config.set_rule_enabled(rule, true);
            let t = Instant::now();
            for d in &documents {
                rules.lint(d);
            }
            rules.config.set_rule_enabled(rule, false);
            (t.elapsed(), rule.clone())
        })
        .collect();
    times.sort_by(|a, b| b.cmp(a));
    println!("{} rules on; each on its own (the group's own work included in each):", on.len());
    for (time, rule) in times.iter().take(20) {
        println!("  {time:>8.1?} {rule}");
    }
}
