//! The copy desk's quality on real news copy: the thirteen Wikinews stories of
//! `tests/corpus/wikinews/` (CC BY 2.5, see SOURCES.md there), checked with the en-US dictionary
//! and the starter settings.
//!
//! - False alarms: every finding on the clean stories is listed; the ones judged real slips of
//!   the published text (`tests/corpus/wikinews/known-slips.txt`) count as hits, the rest as false
//!   alarms, per 1,000 words. Goal: at most 1.
//! - Recall: slips of nine kinds injected into copies of the stories by a seeded xorshift (same
//!   seed every run), one per paragraph, several rounds, at least 100 per kind; a slip is caught
//!   when a finding of the kind's rule(s) overlaps the injected text. Goal: at least 90% per kind.
//!
//! A bench measures, it does not assert: each line says "goal met" or "goal not met".
//!
//! Run: `cargo bench -p byline-core --bench copy_desk_quality` (`-- --verbose` lists the misses).
//! `BYLINE_QUALITY_CORPUS=DIR` measures the same on another folder of stories in the same form
//! (`.txt`: the headline, the dateline, then the paragraphs, between blank lines; a
//! `known-slips.txt` beside them if any), such as a newsroom's own copy.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use byline_core::check::{self, CheckSettings, Context, Finding, Grammar, Speller, WordList};
use byline_core::{gazetteer, load_speller};
use byline_model::Story;

/// One story of the corpus: file name, headline, dateline, body paragraphs.
#[derive(Clone)]
struct Copy {
    name: String,
    headline: String,
    dateline: String,
    paragraphs: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("BYLINE_QUALITY_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/wikinews"),
    }
}

/// Line 1 the headline, then paragraphs between blank lines; the first paragraph is the dateline.
fn read_corpus() -> Vec<Copy> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("the corpus folder (tests/corpus/wikinews, or BYLINE_QUALITY_CORPUS)")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && !p.ends_with("known-slips.txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("story");
            let mut blocks = text.split("\n\n").map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
            let headline = blocks.next().unwrap_or_default();
            let dateline = blocks.next().unwrap_or_default();
            Copy {
                name: path.file_stem().expect("a file name").to_string_lossy().to_string(),
                headline,
                dateline,
                paragraphs: blocks.collect(),
            }
        })
        .collect()
}

fn story(c: &Copy) -> Story {
    let content: Vec<serde_json::Value> = c
        .paragraphs
        .iter()
        .map(|t| serde_json::json!({"type": "paragraph", "content": [{"type": "text", "text": t}]}))
        .collect();
    let body = serde_json::json!({"type": "doc", "content": content});
    let doc = byline_document::Document::from_value(&body).expect("body");
    serde_json::from_value(serde_json::json!({
        "id": "0190f1c6-4a55-7000-8000-000000000001", "slug": c.name, "kicker": "", "headline": c.headline,
        "standfirst": "", "byline": "", "dateline": c.dateline, "status": "draft", "tags": [],
        "wordTarget": null, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
        "revision": 1, "published": null, "body": body, "related": [], "photos": [],
        "stats": doc.stats(),
    }))
    .expect("story")
}

/// Same seed every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[self.below(items.len())])
        }
    }
}

/// Words of a text as byte ranges: runs of letters (no digits, no inner marks).
fn plain_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // Whole words only: not part of a word with digits, apostrophes, hyphens, dots or addresses.
    out.retain(|&(s, e)| {
        let prev = text[..s].chars().next_back();
        let next = text[e..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "'’-.@/_".contains(c));
        !joined(prev) && !joined(next)
            || (next == Some('.') && text[e + 1..].starts_with(' ') && !joined(prev))
    });
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Misspelling,
    Place,
    Doubled,
    Article,
    Lowercase,
    Quotes,
    MissingSpace,
    HouseStyle,
    Abbreviation,
}

const KINDS: [Kind; 9] = [
    Kind::Misspelling,
    Kind::Place,
    Kind::Doubled,
    Kind::Article,
    Kind::Lowercase,
    Kind::Quotes,
    Kind::MissingSpace,
    Kind::HouseStyle,
    Kind::Abbreviation,
];

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Misspelling => "misspelling",
            Kind::Place => "misspelt place",
            Kind::Doubled => "doubled word",
            Kind::Article => "a/an swapped",
            Kind::Lowercase => "lowercase after full stop",
            Kind::Quotes => "quotation marks",
            Kind::MissingSpace => "missing space",
            Kind::HouseStyle => "house-style variant",
            Kind::Abbreviation => "unexpanded abbreviation",
        }
    }
    fn rules(self) -> &'static [&'static str] {
        match self {
            Kind::Misspelling | Kind::Place => &["spelling.unknown"],
            Kind::Doubled => &["words.doubled"],
            Kind::Article => &["grammar.a-an"],
            Kind::Lowercase => &["sentences.lowercase"],
            Kind::Quotes => &["quotes.reversed", "quotes.unclosed"],
            Kind::MissingSpace => &["punctuation.space-after"],
            Kind::HouseStyle => &["style.variant"],
            Kind::Abbreviation => &["abbreviations.unexplained"],
        }
    }
}

const PLACES: &[&str] = &[
    "Algeria",
    "Argentina",
    "Australia",
    "Austria",
    "Bangladesh",
    "Belgium",
    "Bolivia",
    "Brazil",
    "Bulgaria",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Colombia",
    "Croatia",
    "Denmark",
    "Ecuador",
    "Egypt",
    "Ethiopia",
    "Finland",
    "France",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "Indonesia",
    "Ireland",
    "Israel",
    "Italy",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kenya",
    "Lebanon",
    "Malaysia",
    "Mexico",
    "Morocco",
    "Nigeria",
    "Norway",
    "Pakistan",
    "Paraguay",
    "Peru",
    "Poland",
    "Portugal",
    "Romania",
    "Russia",
    "Senegal",
    "Somalia",
    "Spain",
    "Sweden",
    "Switzerland",
    "Syria",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Turkey",
    "Uganda",
    "Ukraine",
    "Uruguay",
    "Venezuela",
    "Vietnam",
    "Zambia",
    "Zimbabwe",
    "Algiers",
    "Amsterdam",
    "Athens",
    "Baghdad",
    "Bangkok",
    "Beijing",
    "Berlin",
    "Brussels",
    "Budapest",
    "Cairo",
    "Copenhagen",
    "Damascus",
    "Dublin",
    "Helsinki",
    "Islamabad",
    "Jakarta",
    "Kabul",
    "Lisbon",
    "London",
    "Madrid",
    "Moscow",
    "Nairobi",
    "Oslo",
    "Ottawa",
    "Paris",
    "Prague",
    "Rome",
    "Santiago",
    "Stockholm",
    "Tehran",
    "Tokyo",
    "Vienna",
    "Warsaw",
    "Washington",
];

/// Sentences carrying a place: `{}` is where it goes.
const PLACE_SENTENCES: &[&str] = &[
    "Officials in {} were told of the decision.",
    "{} has not commented.",
    "The delegation later flew to {} for talks.",
    "Similar reports came from {} on Friday.",
];

const STYLE_SENTENCES: &[&str] = &[
    "Details were posted on the web site of the ministry.",
    "Prices rose by 4 per cent over the year.",
    "Readers can reply by e-mail to the newsroom.",
    "The Secretary General issued a statement.",
    "Both sides agreed to a cease-fire last week.",
    "The plan also covers health care for the elderly.",
    "Tickets were sold on-line within hours.",
    "A cease fire was announced at noon.",
];

const ABBREVIATIONS: &[&str] = &[
    "NTSB", "OSCE", "IAEA", "WFP", "UNHCR", "ECB", "NHS", "FEMA", "OPCW", "ICRC", "CDC", "WTO", "ASEAN",
    "OECD", "IOC", "RSPCA", "NRA", "ACLU", "EPA", "FDA", "SEC", "DHS", "MSF", "ILO",
];

const ABBREVIATION_SENTENCES: &[&str] = &[
    "A spokesperson for the {} declined to comment.",
    "The {} said it would review the case.",
    "Figures from the {} were not available.",
];

/// One edit of a word that the dictionary does not know.
fn misspell(word: &str, rng: &mut Rng, speller: &Speller, place: bool) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    for _ in 0..20 {
        let mut c = chars.clone();
        let n = c.len();
        match rng.below(3) {
            0 if n >= 4 => {
                let i = rng.below(n - 1);
                c.swap(i, i + 1);
            }
            1 if n >= 5 => {
                c.remove(1 + rng.below(n - 2));
            }
            _ => {
                let i = 1 + rng.below(n - 1);
                c.insert(i, c[i]);
            }
        }
        let out: String = c.into_iter().collect();
        if out != word && !speller.knows(&out) && !(place && speller.knows_name(&out)) {
            return Some(out);
        }
    }
    None
}

/// Byte offsets where a sentence ends and another starts inside `text` (after ". ").
fn sentence_gaps(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .match_indices(". ")
        .filter(|(at, _)| {
            let before = &text[..*at];
            let word = before.rsplit(' ').next().unwrap_or("");
            word.chars().count() > 3 && !word.contains('.') && !before.ends_with(char::is_uppercase)
        })
        .map(|(at, _)| at + 2)
        .filter(|&at| text[at..].starts_with(char::is_uppercase))
        .collect();
    if text.ends_with('.') {
        out.push(text.len() + 1);
    }
    out
}

/// Inserts `sentence` at a sentence gap of `text`; the byte range of `part` inside the result.
fn insert_sentence(
    text: &str,
    sentence: &str,
    part: &str,
    rng: &mut Rng,
) -> Option<(String, (usize, usize))> {
    let gaps = sentence_gaps(text);
    let &gap = rng.pick(&gaps)?;
    let (new, at) = if gap > text.len() {
        (format!("{text} {sentence}"), text.len() + 1)
    } else {
        (format!("{}{sentence} {}", &text[..gap], &text[gap..]), gap)
    };
    let offset = sentence.find(part)?;
    Some((new, (at + offset, at + offset + part.len())))
}

/// One slip of `kind` in `text`: the new text and the byte range of the slip.
fn inject(
    kind: Kind,
    text: &str,
    rng: &mut Rng,
    speller: &Speller,
    names: &HashSet<String>,
    count: usize,
    para: usize,
) -> Option<(String, (usize, usize))> {
    let words = plain_words(text);
    let replace = |s: usize, e: usize, with: &str| format!("{}{with}{}", &text[..s], &text[e..]);
    match kind {
        Kind::Misspelling => {
            let candidates: Vec<&(usize, usize)> = words
                .iter()
                .filter(|&&(s, e)| {
                    let w = &text[s..e];
                    w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()) && speller.knows(w)
                })
                .collect();
            let &&(s, e) = rng.pick(&candidates)?;
            let wrong = misspell(&text[s..e], rng, speller, false)?;
            Some((replace(s, e, &wrong), (s, s + wrong.len())))
        }
        Kind::Place => {
            let places: Vec<&&str> = PLACES.iter().filter(|p| speller.knows_name(p)).collect();
            let place = rng.pick(&places)?;
            let wrong = misspell(place, rng, speller, true)?;
            // One in five as a wire dateline opening the paragraph, in capitals.
            if count % 5 == 4 {
                let upper = wrong.to_uppercase();
                return Some((format!("{upper}, June 28 (VNA) – {text}"), (0, upper.len())));
            }
            let template = PLACE_SENTENCES[count % PLACE_SENTENCES.len()];
            insert_sentence(text, &template.replace("{}", &wrong), &wrong, rng)
        }
        Kind::Doubled => {
            let candidates: Vec<&(usize, usize)> = words
                .iter()
                .filter(|&&(s, e)| {
                    let w = text[s..e].to_lowercase();
                    !["had", "that", "is", "can", "do", "no", "very", "so"].contains(&w.as_str())
                        && text[e..].starts_with(' ')
                })
                .collect();
            let &&(s, e) = rng.pick(&candidates)?;
            let w = &text[s..e];
            Some((replace(s, e, &format!("{w} {w}")), (s, e + 1 + w.len())))
        }
        Kind::Article => {
            let candidates: Vec<usize> = words
                .windows(2)
                .filter(|p| {
                    let a = &text[p[0].0..p[0].1];
                    let next = &text[p[1].0..p[1].1];
                    (a == "a" || a == "an")
                        && &text[p[0].1..p[1].0] == " "
                        && next.chars().all(|c| c.is_ascii_lowercase())
                })
                .map(|p| p[0].0)
                .collect();
            let &s = rng.pick(&candidates)?;
            let (swapped, old) = if text[s..].starts_with("an ") { ("a", 2) } else { ("an", 1) };
            let next_end = plain_words(&text[s + old + 1..]).first()?.1 + s + old + 1;
            Some((replace(s, s + old, swapped), (s, next_end - old + swapped.len())))
        }
        Kind::Lowercase => {
            let candidates: Vec<usize> = sentence_gaps(text)
                .into_iter()
                .filter(|&at| at < text.len())
                .filter(|&at| {
                    let end = text[at..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |e| at + e);
                    let w = &text[at..end];
                    let lower = w.to_lowercase();
                    w.len() > 1
                        && !names.contains(w)
                        && !speller.knows_name(w)
                        && speller.knows(&lower)
                        && w != "I"
                })
                .collect();
            let &at = rng.pick(&candidates)?;
            let end = text[at..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |e| at + e);
            let lower = text[at..end].to_lowercase();
            Some((replace(at, end, &lower), (at - 2, end)))
        }
        Kind::Quotes => {
            let inner: Vec<&(usize, usize)> = words
                .iter()
                .filter(|&&(s, e)| text[..s].ends_with(' ') && text[e..].starts_with(' '))
                .collect();
            let &&(s, e) = rng.pick(&inner)?;
            if count.is_multiple_of(2) {
                // A reversed mark: ”word”.
                let w = &text[s..e];
                let new = format!("”{w}”");
                Some((replace(s, e, &new), (s, s + new.len())))
            } else {
                // An unclosed quote, in a paragraph without quote marks.
                if text.contains(['"', '“', '”']) {
                    return None;
                }
                Some((replace(s, s, "\""), (s, s + 1)))
            }
        }
        Kind::MissingSpace => {
            let candidates: Vec<usize> = text
                .match_indices(", ")
                .map(|(at, _)| at)
                .filter(|&at| text[at + 2..].starts_with(char::is_alphabetic))
                .chain(sentence_gaps(text).into_iter().filter(|&at| at < text.len()).map(|at| at - 2))
                .collect();
            let &at = rng.pick(&candidates)?;
            let end = text[at + 2..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |e| at + 2 + e);
            Some((replace(at + 1, at + 2, ""), (at, end - 1)))
        }
        Kind::HouseStyle => {
            let sentence = STYLE_SENTENCES[count % STYLE_SENTENCES.len()];
            let variant = [
                "web site",
                "per cent",
                "e-mail",
                "Secretary General",
                "cease-fire",
                "health care",
                "on-line",
                "cease fire",
            ]
            .into_iter()
            .find(|v| sentence.contains(v))?;
            insert_sentence(text, sentence, variant, rng)
        }
        Kind::Abbreviation => {
            // Only an abbreviation's first use is judged: each paragraph of a story gets its own.
            let abbreviation = ABBREVIATIONS.get(para)?;
            if text.contains(abbreviation) {
                return None;
            }
            let sentence =
                ABBREVIATION_SENTENCES[count % ABBREVIATION_SENTENCES.len()].replace("{}", abbreviation);
            insert_sentence(text, &sentence, abbreviation, rng)
        }
    }
}

fn utf16(text: &str, byte: usize) -> u32 {
    text[..byte].encode_utf16().count() as u32
}

/// The words of a story as the copy desk counts them (headline, dateline and body).
fn word_count(c: &Copy) -> usize {
    std::iter::once(&c.headline)
        .chain(std::iter::once(&c.dateline))
        .chain(c.paragraphs.iter())
        .map(|t| t.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count())
        .sum()
}

/// Known real slips: `story | text | rule | why`, one a line.
fn known_slips() -> Vec<(String, String, String)> {
    std::fs::read_to_string(corpus_dir().join("known-slips.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let parts: Vec<&str> = l.split(" | ").map(str::trim).collect();
            (parts.len() >= 3).then(|| (parts[0].to_string(), parts[1].to_string(), parts[2].to_string()))
        })
        .collect()
}

fn where_(f: &Finding) -> String {
    if f.place.block.is_empty() {
        format!("{:?}", f.place.field).to_lowercase()
    } else {
        format!("¶{}", f.place.block[0] + 1)
    }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose");
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
    let corpus = read_corpus();

    // Clean copy.
    let known = known_slips();
    let mut total_words = 0;
    let (mut hits, mut alarms) = (0, 0);
    println!("Findings on the clean copy ({} stories):", corpus.len());
    for c in &corpus {
        total_words += word_count(c);
        for f in check::check(&story(c), &cx).findings {
            let real = known.iter().any(|(s, t, r)| *s == c.name && *t == f.text && *r == f.rule);
            if real {
                hits += 1;
            } else {
                alarms += 1;
            }
            println!(
                "  {} {:<10} {:<28} {:?}{}",
                if real { "slip " } else { "FALSE" },
                format!("{} {}", c.name, where_(&f)),
                f.rule,
                f.text,
                if real { " (known slip)" } else { "" }
            );
        }
    }
    let rate = alarms as f64 * 1000.0 / total_words as f64;

    // Injected slips.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    println!("\nRecall on injected slips:");
    let mut lines = Vec::new();
    for kind in KINDS {
        let (mut injected, mut caught) = (0usize, 0usize);
        let mut misses = Vec::new();
        let mut round = 0;
        while injected < 150 && round < 12 {
            round += 1;
            for c in &corpus {
                let mut names: HashSet<String> = HashSet::new();
                for p in &c.paragraphs {
                    for (s, e) in plain_words(p) {
                        let w = &p[s..e];
                        if s > 0
                            && !p[..s].trim_end().ends_with(['.', '!', '?'])
                            && w.starts_with(char::is_uppercase)
                        {
                            names.insert(w.to_string());
                        }
                    }
                }
                let mut copy = c.clone();
                let mut slips: Vec<(usize, (usize, usize))> = Vec::new();
                for (i, p) in c.paragraphs.iter().enumerate() {
                    // Short lines (captions, subheadings) keep their text.
                    if p.split_whitespace().count() < 8 {
                        continue;
                    }
                    if let Some((new, range)) = inject(
                        kind,
                        p,
                        &mut rng,
                        &speller,
                        &names,
                        injected,
                        if i < ABBREVIATIONS.len() {
                            (i + round * 5) % ABBREVIATIONS.len()
                        } else {
                            usize::MAX
                        },
                    ) {
                        copy.paragraphs[i] = new;
                        slips.push((i, range));
                        injected += 1;
                    }
                }
                let findings = check::check(&story(&copy), &cx).findings;
                for (i, (s, e)) in slips {
                    let text = &copy.paragraphs[i];
                    let (s16, e16) = (utf16(text, s), utf16(text, e));
                    let hit = findings.iter().any(|f| {
                        f.place.block == [i as u32]
                            && kind.rules().contains(&f.rule.as_str())
                            && f.start < e16
                            && s16 < f.end
                    });
                    if hit {
                        caught += 1;
                    } else {
                        let from = text[..s].char_indices().rev().nth(30).map_or(0, |(k, _)| k);
                        let to = text[e..].char_indices().nth(30).map_or(text.len(), |(k, _)| e + k);
                        misses.push(format!(
                            "{} ¶{}: …{}[{}]{}…",
                            c.name,
                            i + 1,
                            &text[from..s],
                            &text[s..e],
                            &text[e..to]
                        ));
                    }
                }
            }
        }
        let recall = 100.0 * caught as f64 / injected.max(1) as f64;
        let line = format!(
            "  {:<26} {:>4} injected {:>4} caught  recall {:>5.1}%  (goal >= 90%: {})",
            kind.label(),
            injected,
            caught,
            recall,
            if recall >= 90.0 { "goal met" } else { "goal not met" }
        );
        println!("{line}");
        if verbose {
            for m in &misses {
                println!("      missed {m}");
            }
        }
        lines.push(line);
    }
    println!(
        "\nClean copy: {total_words} words, {} findings: {hits} on known real slips, {alarms} false alarms = {rate:.2} per 1,000 words (goal <= 1: {})",
        hits + alarms,
        if rate <= 1.0 { "goal met" } else { "goal not met" }
    );
}
