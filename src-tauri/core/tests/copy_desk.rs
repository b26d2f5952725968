//! The copy desk over a real library and the bundled en-US dictionary: the issue's own sentence
//! is flagged with the right suggestions, the library dictionary and a story's ignored words
//! silence a word, and bad word lists are refused line by line.

use byline_core::check::{Category, Report};
use byline_core::{Document, Library, NewStory, Seed};

fn library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("open");
    (dir, lib)
}

fn story_with(lib: &mut Library, text: &str) -> String {
    let story = lib
        .create_story(NewStory { headline: "Delegation arrives".into(), ..Default::default() })
        .expect("story");
    let mut edit = story.edit();
    edit.body = Document::from_paragraphs(&[text.to_string()]);
    lib.save_story(edit).expect("save");
    story.id.to_string()
}

fn flagged(report: &Report) -> Vec<(String, String, Option<String>)> {
    report.findings.iter().map(|f| (f.rule.clone(), f.text.clone(), f.suggestions.first().cloned())).collect()
}

#[test]
fn the_issue_sentence_is_flagged_with_its_corrections() {
    let (_dir, mut lib) = library();
    let id = story_with(&mut lib, "Teh minister recieved the the delegation in Algieria.");
    let report = lib.check_story(&id, true).expect("check");
    assert!(report.missing_dictionaries.is_empty(), "{:?}", report.missing_dictionaries);
    let found = flagged(&report);
    for (rule, text, first) in [
        ("spelling.unknown", "Teh", "The"),
        ("spelling.unknown", "recieved", "received"),
        ("words.doubled", "the the", "the"),
        ("spelling.unknown", "Algieria", "Algeria"),
    ] {
        assert!(
            found.contains(&(rule.to_string(), text.to_string(), Some(first.to_string()))),
            "{text} not flagged by {rule} with {first} first: {found:?}"
        );
    }
    // Offsets are the editor's (UTF-16 units into the paragraph).
    let algieria = report.findings.iter().find(|f| f.text == "Algieria").expect("Algieria");
    assert_eq!((algieria.start, algieria.end), (44, 52));
    assert_eq!(algieria.place.block, vec![0]);
    assert!(report
        .findings
        .iter()
        .all(|f| f.category != Category::Structure || f.rule.starts_with("structure")));
}

#[test]
fn names_are_left_alone_and_the_library_dictionary_and_ignore_silence_a_word() {
    let (_dir, mut lib) = library();
    let id =
        story_with(&mut lib, "Foreign Minister Sameh Shoukry met Aboul-Gheit in Cairo. The delegaton left.");
    let words = |lib: &mut Library| {
        flagged(&lib.check_story(&id, true).expect("check")).into_iter().map(|f| f.1).collect::<Vec<_>>()
    };
    assert_eq!(words(&mut lib), ["delegaton"], "names are not slips; the misspelling is");
    lib.ignore_word(&id, "delegaton").expect("ignore");
    assert!(words(&mut lib).is_empty());
    let other = story_with(&mut lib, "The delegaton of Shoukri arrived.");
    let in_other: Vec<String> =
        flagged(&lib.check_story(&other, true).expect("check")).into_iter().map(|f| f.1).collect();
    assert_eq!(in_other, ["delegaton"], "ignored in one story only");
    assert_eq!(lib.add_dictionary_words(&["delegaton".into()]).expect("add"), 1);
    assert!(flagged(&lib.check_story(&other, true).expect("check")).is_empty());
    lib.remove_dictionary_word("DELEGATON").expect("removed in any case");
    assert!(lib.remove_dictionary_word("delegaton").is_err(), "saying it was not there");
}

#[test]
fn a_word_list_import_keeps_the_good_lines_and_names_the_refused_ones() {
    let (_dir, mut lib) = library();
    let list = "# names\nAboul-Gheit\n\nShoukry\n<img src=x onerror=alert(1)>\nshoukry\ntwo words\nBlinken\n";
    let done = lib.import_dictionary(list).expect("import");
    assert_eq!((done.added, done.already), (3, 1));
    assert_eq!(done.refused.iter().map(|r| r.0).collect::<Vec<_>>(), [5, 7]);
    assert!(done.refused[0].1.contains("is not a word"), "{}", done.refused[0].1);
    assert_eq!(lib.export_dictionary().expect("export"), "Aboul-Gheit\nBlinken\nShoukry\n");
}

#[test]
fn the_checklist_counts_the_copy_desk_by_category_without_repeating_its_own_items() {
    let (_dir, mut lib) = library();
    let id = story_with(&mut lib, "Teh minister recieved the the delegation in Algieria. TK");
    let items = lib.checklist(&id).expect("checklist");
    let copy_desk: Vec<&str> = items
        .iter()
        .filter(|i| i.check == byline_core::export::checklist::ChecklistCheck::CopyDesk)
        .map(|i| i.message.as_str())
        .collect();
    assert_eq!(copy_desk, ["the copy desk has 4 finding(s): 3 spelling, 1 grammar"], "{items:?}");
    assert!(
        items.iter().any(|i| i.check == byline_core::export::checklist::ChecklistCheck::Notes),
        "the TK is the checklist's own item, not counted again"
    );
    lib.add_dictionary_words(&["Teh".into(), "recieved".into(), "Algieria".into()]).expect("add");
    let id_clean = story_with(&mut lib, "The minister received the delegation.");
    assert!(lib
        .checklist(&id_clean)
        .expect("checklist")
        .iter()
        .all(|i| i.check != byline_core::export::checklist::ChecklistCheck::CopyDesk));
}

#[test]
fn known_places_are_never_flagged_and_a_near_miss_gets_the_place_first() {
    let (_dir, mut lib) = library();
    let id =
        story_with(&mut lib, "The team flew from Ouagadougou to Kanata, then on to Kanatta and Ouagadugou.");
    let found = flagged(&lib.check_story(&id, true).expect("check"));
    let texts: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.1.as_str(), f.2.as_deref())).collect();
    assert_eq!(texts, [("Kanatta", Some("Kanata")), ("Ouagadugou", Some("Ouagadougou"))], "{found:?}");
}

#[test]
fn a_name_written_the_same_way_twice_is_meant() {
    let (_dir, mut lib) = library();
    let once = story_with(&mut lib, "The curator met Shoukry at the museum.");
    assert_eq!(flagged(&lib.check_story(&once, false).expect("check")).len(), 0, "an unknown name is a name");
    let twice = story_with(&mut lib, "Madrid's mayor spoke. Then Madird left, and Madird came back.");
    assert!(flagged(&lib.check_story(&twice, false).expect("check")).is_empty(), "twice the same: meant");
    let slip = story_with(&mut lib, "The mayor of Madird spoke in Madrid.");
    let found = flagged(&lib.check_story(&slip, true).expect("check"));
    assert_eq!(found.first().map(|f| (f.1.as_str(), f.2.as_deref())), Some(("Madird", Some("Madrid"))));
}

#[test]
fn a_story_full_of_unknown_tokens_is_checked_within_a_suggestion_budget() {
    let (_dir, mut lib) = library();
    // 300 distinct tokens no dictionary holds, as in pasted code or a data table.
    let junk: Vec<String> =
        (0..300).map(|i| format!("zq{}x", ["b", "c", "d", "f", "g"][i % 5].repeat(1 + i / 5))).collect();
    let id = story_with(&mut lib, &junk.join(" "));
    let report = lib.check_story(&id, true).expect("check");
    let spelling: Vec<_> = report.findings.iter().filter(|f| f.rule == "spelling.unknown").collect();
    assert_eq!(spelling.len(), 300, "every unknown word is still flagged");
    let suggested = spelling.iter().filter(|f| !f.suggestions.is_empty()).count();
    assert!(
        suggested <= byline_core::check::spelling::MAX_SUGGESTED_WORDS,
        "{suggested} words got suggestions"
    );
}

#[test]
fn grammar_is_checked_and_what_it_found_is_kept_for_the_story_as_it_stands() {
    let (dir, mut lib) = library();
    let id = story_with(&mut lib, "The minister said he would of resigned had the vote failed.");
    let report = lib.check_story(&id, false).expect("check");
    let modal = report.findings.iter().find(|f| f.rule == "harper.ModalOf").expect("would of flagged");
    assert_eq!(modal.category, Category::Grammar);
    let rows = |dir: &std::path::Path| -> Vec<i64> {
        let db = rusqlite::Connection::open(dir.join("lib/library.sqlite")).expect("db");
        let mut stmt = db.prepare("SELECT key FROM grammar_memo ORDER BY key").expect("query");
        stmt.query_map([], |r| r.get(0)).expect("rows").map(|r| r.expect("row")).collect()
    };
    let first = rows(dir.path());
    assert_eq!(first.len(), 1, "one prose passage, one memo");

    // Reopened, the library finds the same from its memo; an edited paragraph replaces it.
    drop(lib);
    let mut lib = Library::open_with(dir.path().join("lib"), Seed::Empty).expect("reopen");
    assert_eq!(lib.check_story(&id, false).expect("check").findings, report.findings);
    let mut edit = lib.story(&id).expect("story").edit();
    edit.body = Document::from_paragraphs(&["The minister said he would have resigned.".to_string()]);
    lib.save_story(edit).expect("save");
    let after = lib.check_story(&id, false).expect("check");
    assert!(after.findings.iter().all(|f| !f.rule.starts_with("harper.")), "{:?}", after.findings);
    let second = rows(dir.path());
    assert_eq!(second.len(), 1, "the old paragraph's memo went");
    assert_ne!(first, second);
}

#[test]
fn a_story_in_another_language_gets_spelling_but_no_english_grammar() {
    let (_dir, mut lib) = library();
    let id = story_with(&mut lib, "Le ministre a dit qu'il would of démissionné.");
    let mut edit = lib.story(&id).expect("story").edit();
    edit.language = "fr".into();
    lib.save_story(edit).expect("save");
    let report = lib.check_story(&id, false).expect("check");
    assert!(report.findings.iter().all(|f| !f.rule.starts_with("harper.")), "{:?}", report.findings);
}

#[test]
fn a_damaged_dictionary_is_named_once_and_the_other_rules_still_run() {
    // en-ZA is no other test's language: its damaged files are only found for this story.
    let dicts = tempfile::tempdir().expect("temp");
    let folder = dicts.path().join("en-ZA");
    std::fs::create_dir_all(&folder).expect("dir");
    std::fs::write(folder.join("en-ZA.aff"), "SET UTF-8\n").expect("aff");
    std::fs::write(folder.join("en-ZA.dic"), b"2\nhello\n\xff\xfe broken\n").expect("dic");
    std::env::set_var(byline_core::DICTIONARIES_ENV, dicts.path());
    let (_dir, mut lib) = library();
    let id = story_with(&mut lib, "They met the the delegation.");
    let mut edit = lib.story(&id).expect("story").edit();
    edit.language = "en-ZA".into();
    lib.save_story(edit).expect("save");
    for _ in 0..2 {
        let report = lib.check_story(&id, false).expect("the check still runs");
        assert_eq!(report.missing_dictionaries.len(), 1, "{:?}", report.missing_dictionaries);
        let reason = &report.missing_dictionaries[0];
        assert!(reason.contains("en-ZA") && reason.contains("could not be read"), "{reason}");
        assert!(report.findings.iter().any(|f| f.rule == "words.doubled"), "{:?}", report.findings);
    }
}

#[test]
fn a_long_pasted_paragraph_is_checked_whole_and_a_slip_at_its_end_is_found() {
    let (_dir, mut lib) = library();
    let sentence = "The council met on Monday and voted on the harbour plan after a long night. ";
    let text = format!("{}They said they don`t know and recieved no answer.", sentence.repeat(1_500));
    assert!(text.len() > 100_000);
    let id = story_with(&mut lib, &text);
    let report = lib.check_story(&id, false).expect("check");
    let tail = |rule: &str| report.findings.iter().any(|f| f.rule == rule && f.start as usize > 100_000);
    assert!(tail("spelling.unknown") && tail("harper.WrongApostrophe"), "{:?}", report.findings);
}
