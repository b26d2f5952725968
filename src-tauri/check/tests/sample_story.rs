//! The sample story through the copy desk: each slip it was published with is found, and its
//! corrected copy comes back clean. (The misspelt "Algieria" needs a dictionary; this runs
//! without one; Harper's grammar rules run.)

use std::sync::LazyLock;

use byline_check::{check, CheckSettings, Context, Finding, Gazetteer, Grammar, WordList};
use byline_model::Story;
use serde_json::json;

fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/stories/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Kicker, headline, the lead photo's caption line (split at " Photo: "), then paragraphs until
/// "Related Posts".
fn story(text: &str) -> Story {
    let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
    let kicker = blocks.next().expect("kicker");
    let headline = blocks.next().expect("headline");
    let (caption, credit) = blocks.next().expect("caption").rsplit_once(" Photo: ").expect("credit line");
    let paragraphs: Vec<_> = blocks
        .take_while(|b| *b != "Related Posts")
        .map(|p| json!({"type": "paragraph", "content": [{"type": "text", "text": p}]}))
        .collect();
    let body = json!({"type": "doc", "content": paragraphs});
    let doc = byline_document::Document::from_value(&body).expect("body");
    let no = false;
    serde_json::from_value(json!({
        "id": "0190f1c6-4a55-7000-8000-000000000001", "slug": "arab-league", "kicker": kicker,
        "headline": headline, "standfirst": "", "byline": "", "dateline": "", "status": "ready", "tags": [],
        "wordTarget": 500, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
        "revision": 1, "published": null, "body": body, "related": [], "stats": doc.stats(),
        "photos": [{
            "id": "lead", "photo": "p1", "role": "lead", "caption": caption, "credit": credit,
            "creditLine": format!("Photo: {credit}"),
            "altText": "A man in a dark suit speaking at a lectern in front of flags",
            "creator": "", "copyright": "", "width": 1200, "height": 800,
            "fromPhoto": {"caption": no, "credit": no, "altText": no, "creator": no, "copyright": no}
        }],
    }))
    .expect("story")
}

/// Harper's English rules, loaded once for the tests.
static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::for_language("en").expect("English"));

fn findings(name: &str) -> Vec<Finding> {
    let settings = CheckSettings::default();
    let words = WordList::default();
    let places = Gazetteer::default();
    let cx = Context {
        settings: &settings,
        speller: None,
        grammar: Some(&GRAMMAR),
        library_words: &words,
        ignored: &words,
        places: &places,
        suggestions: true,
    };
    check(&story(&fixture(name)), &cx).findings
}

fn has(found: &[Finding], rule: &str, text: &str) -> bool {
    found.iter().any(|f| f.rule == rule && f.text == text)
}

#[test]
fn every_slip_of_the_sample_is_found() {
    let found = findings("arab-league-is-coalition.txt");
    let list: Vec<String> = found.iter().map(|f| format!("{} {:?} {:?}", f.rule, f.text, f.place)).collect();
    let list = list.join("\n");
    let reversed = found.iter().find(|f| f.rule == "quotes.reversed").expect(&list);
    assert_eq!((reversed.text.as_str(), reversed.suggestions[0].as_str()), ("” eradicate”", "“eradicate”"));
    for slip in [". about", ". into", ". aimed"] {
        assert!(has(&found, "sentences.lowercase", slip), "{slip} in\n{list}");
    }
    assert!(has(&found, "style.variant", "Secretary General"), "{list}");
    let unexplained: Vec<&str> =
        found.iter().filter(|f| f.rule == "abbreviations.unexplained").map(|f| f.text.as_str()).collect();
    assert!(unexplained.contains(&"AL") && unexplained.contains(&"IS"), "{list}");
    let al = found.iter().find(|f| f.rule == "abbreviations.unexplained" && f.text == "AL").expect("AL");
    assert_eq!(al.message, "AL is not spelled out at its first use");
    println!("{list}");
}

#[test]
fn the_corrected_sample_is_clean() {
    let found = findings("arab-league-is-coalition.corrected.txt");
    let list: Vec<String> = found.iter().map(|f| format!("{} {:?} {}", f.rule, f.text, f.message)).collect();
    assert!(found.is_empty(), "{}", list.join("\n"));
}
