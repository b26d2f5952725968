//! The rules the UI's fake platform mirrors in TypeScript (credit line, agency table, photo
//! warnings, pre-publish checklist, search query reading) are written down here as cases with
//! the answers the Rust core gives, in `tests/fixtures/rules/`. The UI's Vitest suite runs the
//! fake over the same files, so the two cannot drift. This test fails when a file is stale;
//! regenerate with `UPDATE_FIXTURES=1 cargo test -p byline-core --test rule_fixtures`.

use std::path::{Path, PathBuf};

use byline_core::export::checklist::checklist;
use byline_core::photos::credit::{agency_rows, credit_line, group_agencies};
use byline_core::photos::uses::warnings;
use byline_core::search::query::{parse, Clause};
use byline_core::{Agency, Document, PhotoUse, Story};
use serde_json::{json, Value};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/rules")
}

fn check_or_update(name: &str, cases: Vec<Value>) {
    assert!(cases.len() >= 5, "{name}: too few cases to mean anything");
    let want = serde_json::to_string_pretty(&cases).expect("JSON") + "\n";
    let path = fixture_dir().join(name);
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(fixture_dir()).expect("fixture folder");
        std::fs::write(&path, &want).expect("write fixture");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "tests/fixtures/rules/{name} is stale: run UPDATE_FIXTURES=1 cargo test -p byline-core --test rule_fixtures"
    );
}

#[test]
fn credit_lines() {
    let cases = [
        ("AFP/VNA", "Photo: {credit}"),
        ("  Reuters  ", "Photo: {credit}"),
        ("", "Photo: {credit}"),
        ("   ", "Photo: {credit}"),
        ("AP", "© {credit}"),
        ("Getty Images", "{credit} / {credit}"),
        ("Anadolu Agency", "Photograph by {credit}."),
        ("وكالة الأنباء", "صورة: {credit}"),
    ];
    let out = cases
        .iter()
        .map(|(credit, template)| {
            json!({ "credit": credit, "template": template, "line": credit_line(template, credit) })
        })
        .collect();
    check_or_update("credit.json", out);
}

#[test]
fn agency_tables() {
    let agency = |name: &str, spellings: &[&str]| Agency {
        name: name.into(),
        spellings: spellings.iter().map(|s| s.to_string()).collect(),
    };
    let cases: Vec<(&str, Vec<Agency>)> = vec![
        ("empty table", vec![]),
        (
            "one agency, its name among its spellings",
            vec![agency("AFP", &["AFP Photo", "afp", "Agence France-Presse"])],
        ),
        (
            "names sorted, spellings sorted, blanks dropped",
            vec![
                agency("Reuters", &["Thomson Reuters", " ", "Retuers"]),
                agency("AFP", &["  AFP Photo  "]),
                agency("anadolu", &["AA"]),
            ],
        ),
        (
            "spellings equal but for case are one",
            vec![agency("EPA", &["epa images", "EPA Images", "EPA-EFE"])],
        ),
        ("an agency without a name", vec![agency("  ", &[])]),
        ("a spelling without a name", vec![agency("", &["Canadian Press", "CP"])]),
        (
            "one spelling printing as two agencies",
            vec![agency("AFP", &["AFP Photo"]), agency("Getty", &["afp-photo"])],
        ),
        (
            "punctuation and spaces do not tell spellings apart",
            vec![agency("AP", &["A.P."]), agency("Associated Press", &["A P"])],
        ),
        ("a name over 100 characters", vec![agency(&"N".repeat(101), &[])]),
        ("accents count", vec![agency("Agência Brasil", &["Agencia Brasil"]), agency("Éfe", &["EFE"])]),
    ];
    let out = cases
        .into_iter()
        .map(|(name, agencies)| {
            let (read_back, error) = match agency_rows(&agencies) {
                Ok(rows) => (Some(group_agencies(&rows)), None),
                Err(e) => (None, Some(e.to_string())),
            };
            json!({ "name": name, "agencies": agencies, "readBack": read_back, "error": error })
        })
        .collect();
    check_or_update("agencies.json", out);
}

/// A photo use as the core gives it, with the words that matter to the rules.
fn photo(id: &str, role: &str, caption: &str, credit: &str, alt: &str) -> PhotoUse {
    serde_json::from_value(json!({
        "id": id, "photo": format!("{:0>64}", id.len()), "role": role, "caption": caption,
        "credit": credit, "creditLine": credit_line("Photo: {credit}", credit), "altText": alt,
        "creator": "", "copyright": "", "width": 1600, "height": 1067,
        "fromPhoto": { "caption": false, "credit": false, "altText": false, "creator": false, "copyright": false }
    }))
    .expect("a photo use")
}

fn photo_sets() -> Vec<(&'static str, Vec<PhotoUse>)> {
    vec![
        ("no photos", vec![]),
        (
            "a lead photo with everything",
            vec![photo("u1", "lead", "Aboul-Gheit in Algiers.", "AFP/VNA", "A man at a lectern")],
        ),
        ("a lead photo with nothing", vec![photo("u1", "lead", "", "", "")]),
        (
            "alt text that repeats the caption, ignoring outer spaces",
            vec![photo("u1", "inline", " Ministers meet. ", "Reuters", "Ministers meet.")],
        ),
        ("blank credit and alt text", vec![photo("u1", "lead", "Caption", "  ", "\t")]),
        (
            "lead and inline photos are numbered by position",
            vec![
                photo("u1", "lead", "One", "AP", "a"),
                photo("u2", "inline", "Two", "", "Two"),
                photo("u3", "inline", "", "EPA", ""),
            ],
        ),
        (
            "the agency's instructions and usage terms",
            vec![
                PhotoUse {
                    instructions: "EDITORIAL USE ONLY".into(),
                    ..photo("u1", "lead", "One", "AP", "a")
                },
                PhotoUse { usage_terms: " No archive. ".into(), ..photo("u2", "inline", "Two", "AFP", "b") },
                PhotoUse {
                    instructions: "EMBARGOED UNTIL 06 DEC 2026 18:00 GMT".into(),
                    usage_terms: "News use only".into(),
                    ..photo("u3", "inline", "Three", "EPA", "c")
                },
                PhotoUse { instructions: "   ".into(), ..photo("u4", "inline", "Four", "EPA", "d") },
            ],
        ),
        (
            "stand-in photos",
            vec![
                PhotoUse {
                    stand_in: "Sample photo — stand-in, not the person in the caption".into(),
                    ..photo("u1", "lead", "One", "AP", "a")
                },
                PhotoUse { stand_in: "  ".into(), ..photo("u2", "inline", "Two", "AFP", "b") },
                PhotoUse {
                    stand_in: format!(" {} ", "x".repeat(320)),
                    ..photo("u3", "inline", "Three", "", "c")
                },
            ],
        ),
    ]
}

#[test]
fn photo_warnings() {
    let out = photo_sets()
        .into_iter()
        .map(|(name, photos)| json!({ "name": name, "photos": photos, "warnings": warnings(&photos) }))
        .collect();
    check_or_update("warnings.json", out);
}

fn paragraph(text: &str) -> Value {
    json!({ "type": "paragraph", "content": [{ "type": "text", "text": text }] })
}

#[test]
fn checklists() {
    let words = |n: usize| vec!["word"; n].join(" ");
    let (h110, h111, e111) = ("h".repeat(110), "h".repeat(111), "é".repeat(111));
    // (name, headline, word target, body blocks, which photo set of `photo_sets`)
    type Case<'a> = (&'a str, &'a str, Option<u32>, Vec<Value>, usize);
    let cases: Vec<Case> = vec![
        (
            "a clean story",
            "Arab League meets in Algiers",
            Some(5),
            vec![paragraph("The ministers met on Monday.")],
            0,
        ),
        ("an empty headline", "   ", None, vec![paragraph("Text.")], 0),
        ("a headline of 110 characters passes", &h110, None, vec![], 0),
        ("a headline of 111 characters", &h111, None, vec![], 0),
        ("a long headline counted in characters, not bytes", &e111, None, vec![], 0),
        ("under the word target", "Short", Some(600), vec![paragraph(&words(42))], 0),
        ("at the word target", "Exact", Some(3), vec![paragraph("one two three")], 0),
        ("TK notes", "Notes", None, vec![paragraph("The minister said TK. Check TK figures.")], 0),
        (
            "a newsroom note mark",
            "Marked",
            None,
            vec![json!({ "type": "paragraph", "content": [
            { "type": "text", "text": "confirm the date", "marks": [{ "type": "note" }] }] })],
            0,
        ),
        ("photo warnings come last", "", Some(10), vec![paragraph("TK")], 5),
    ];
    let sets = photo_sets();
    let out = cases
        .into_iter()
        .map(|(name, headline, word_target, blocks, photo_set)| {
            let body = json!({ "type": "doc", "content": blocks });
            let doc = Document::from_value(&body).expect(name);
            let story: Story = serde_json::from_value(json!({
                "id": "0190f1c6-4a55-7000-8000-000000000001", "slug": "s", "kicker": "", "headline": headline,
                "standfirst": "", "byline": "", "dateline": "", "status": "draft", "tags": [],
                "wordTarget": word_target, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
                "revision": 1, "published": null, "body": body, "related": [], "photos": [],
                "stats": doc.stats(),
            }))
            .expect(name);
            let photo_warnings = warnings(&sets[photo_set].1);
            json!({
                "name": name,
                "story": { "headline": headline, "wordTarget": word_target, "body": body },
                "photoWarnings": photo_warnings,
                "items": checklist(&story, &photo_warnings),
            })
        })
        .collect();
    check_or_update("checklist.json", out);
}

#[test]
fn search_queries() {
    let cases = [
        "rome",
        "rome \"foreign ministers\" gheit* OR algiers",
        "(rome) && -paris: !",
        "\"unclosed phrase",
        "OR",
        "OR rome",
        "rome OR",
        "a OR b OR c d",
        "\"\" \"  \" rome",
        "\"secretar*\"",
        "gheit**",
        "*",
        "-*",
        "Aboul-Gheït",
        "rome-paris OR cairo",
        "  tabs\tand\nnewlines  ",
        "NEAR(a b)",
        "or",
        "\"a\"\"b\"",
        "rome\"paris\"",
    ];
    let out = cases
        .iter()
        .map(|text| {
            let groups: Vec<Vec<Value>> = parse(text)
                .groups
                .into_iter()
                .map(|group| {
                    group
                        .into_iter()
                        .map(|clause| match clause {
                            Clause::Word(t) => json!({ "kind": "word", "text": t }),
                            Clause::Phrase(t) => json!({ "kind": "phrase", "text": t }),
                            Clause::Prefix(t) => json!({ "kind": "prefix", "text": t }),
                        })
                        .collect()
                })
                .collect();
            json!({ "text": text, "groups": groups })
        })
        .collect();
    check_or_update("query.json", out);
}

/// The copy desk's checklist item: findings of several categories and rules, counted as the
/// checklist counts them.
#[test]
fn copy_desk_checklist_items() {
    let finding = |rule: &str, category: &str| {
        json!({"rule": rule, "category": category, "severity": "warning",
               "place": {"field": "body", "block": [0], "photoUse": null},
               "start": 0, "end": 1, "text": "x", "message": "m", "suggestions": []})
    };
    let cases: Vec<(&str, Vec<Value>)> = vec![
        ("clean", vec![]),
        ("one spelling", vec![finding("spelling.unknown", "spelling")]),
        (
            "categories in order",
            vec![
                finding("structure.empty-heading", "structure"),
                finding("harper.WrongApostrophe", "punctuation"),
                finding("spelling.unknown", "spelling"),
                finding("spelling.unknown", "spelling"),
                finding("style.variant", "style"),
            ],
        ),
        (
            "the checklist's own items are not counted twice",
            vec![
                finding("structure.tk", "structure"),
                finding("captions.missing-alt", "captions"),
                finding("captions.missing-credit", "captions"),
                finding("captions.alt-is-caption", "captions"),
            ],
        ),
        (
            "captions counted when not the checklist's",
            vec![finding("captions.not-a-sentence", "captions"), finding("structure.tk", "structure")],
        ),
        ("grammar", vec![finding("words.doubled", "grammar"), finding("harper.ModalOf", "grammar")]),
    ];
    let out = cases
        .into_iter()
        .map(|(name, findings)| {
            let report: byline_core::check::Report =
                serde_json::from_value(json!({"findings": findings, "missingDictionaries": []}))
                    .expect("report");
            json!({"name": name, "report": report, "item": byline_core::copy_desk_item(&report)})
        })
        .collect();
    check_or_update("copy-desk-checklist.json", out);
}

/// Copy-desk settings as the library tidies or refuses them, and words as the library
/// dictionary takes or refuses them.
#[test]
fn copy_desk_settings_and_dictionary_words() {
    use byline_core::check::CheckSettings;
    let dir = tempfile::tempdir().expect("temp");
    let mut lib =
        byline_core::Library::open_with(dir.path().join("lib"), byline_core::Seed::Empty).expect("library");
    let base = serde_json::to_value(CheckSettings::default()).expect("settings");
    let with = |change: Value| {
        let mut v = base.clone();
        for (k, x) in change.as_object().expect("object") {
            v[k] = x.clone();
        }
        v
    };
    let settings = [
        ("the starter settings", with(json!({}))),
        (
            "forms trimmed, empty and repeated variants dropped",
            with(
                json!({"houseStyle": [{"preferred": " email ", "variants": ["e-mail", " E-mail", "", "email"]}]}),
            ),
        ),
        (
            "abbreviations and rules sorted without repeats",
            with(
                json!({"knownAbbreviations": ["UN", " NATO", "UN"], "disabled": ["quotes.mixed", "harper.Dashes", "quotes.mixed"]}),
            ),
        ),
        (
            "a group without the house's form",
            with(json!({"houseStyle": [{"preferred": "  ", "variants": ["x"]}]})),
        ),
        (
            "a form in two groups",
            with(
                json!({"houseStyle": [{"preferred": "email", "variants": ["e-mail"]}, {"preferred": "E-mail", "variants": ["mail"]}]}),
            ),
        ),
        ("an abbreviation not in capitals", with(json!({"knownAbbreviations": ["Nato"]}))),
        ("a headline limit of 0", with(json!({"headlineMax": 0}))),
    ];
    let mut out: Vec<Value> = settings
        .iter()
        .map(|(name, given)| {
            let given_settings: CheckSettings = serde_json::from_value(given.clone()).expect("settings");
            let result = lib.update_copy_desk_settings(|s| {
                *s = given_settings;
                Ok(())
            });
            match result {
                Ok(saved) => json!({"name": name, "settings": given, "saved": saved, "error": null}),
                Err(e) => json!({"name": name, "settings": given, "saved": null, "error": e.to_string()}),
            }
        })
        .collect();
    check_or_update("copy-desk-settings.json", std::mem::take(&mut out));

    let words = [
        " Aboul-Gheit ",
        "O’Brien",
        "U.N.",
        "two words",
        "<script>",
        "-lead",
        "\"quoted\"",
        "a\u{0}b\tc",
        &"x".repeat(65),
    ];
    let out = words
        .iter()
        .map(|w| match lib.add_dictionary_words(&[w.to_string()]) {
            Ok(_) => json!({"word": w, "taken": w.trim(), "error": null}),
            Err(e) => json!({"word": w, "taken": null, "error": e.to_string()}),
        })
        .collect();
    check_or_update("dictionary-words.json", out);
}
