//! The speller takes more than its dictionary's words: closed compounds ("gameplay"), prefixed
//! words ("counterterrorism"), the other English spelling ("colour"). How many real slips pass
//! with them: every slip of one letter (two swapped, one dropped, one doubled) of every
//! fourth lower-case word of the Wikinews corpus that the dictionary does not know is spelt by
//! the checker (a quarter keeps the test to seconds: a slip that splits in two costs a lookup of
//! suggestions); nearly all must still be unknown.

use std::collections::BTreeSet;

use byline_check::Speller;

fn corpus_words() -> BTreeSet<String> {
    let dir = format!("{}/../../tests/corpus/wikinews", env!("CARGO_MANIFEST_DIR"));
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).expect("story");
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()) {
                    words.insert(w.to_string());
                }
            }
        }
    }
    words
}

fn slips(word: &str) -> Vec<String> {
    let c: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for i in 0..c.len() - 1 {
        let mut s = c.clone();
        s.swap(i, i + 1);
        out.push(s.into_iter().collect());
    }
    for i in 1..c.len() - 1 {
        let mut s = c.clone();
        s.remove(i);
        out.push(s.into_iter().collect());
    }
    for i in 1..c.len() {
        let mut s = c.clone();
        s.insert(i, c[i]);
        out.push(s.into_iter().collect());
    }
    out
}

#[test]
fn hardly_any_slip_passes_for_a_word() {
    let aff = include_str!("../../../assets/dictionaries/en-US/en-US.aff");
    let dic = include_str!("../../../assets/dictionaries/en-US/en-US.dic");
    let speller = Speller::new("en-US", aff, dic).expect("en-US").with_variant(
        "en-GB",
        include_str!("../../../assets/dictionaries/en-GB/en-GB.aff").into(),
        include_str!("../../../assets/dictionaries/en-GB/en-GB.dic").into(),
    );
    let plain = spellbook::Dictionary::new(aff, dic).expect("en-US");
    let words = corpus_words();
    let slips: BTreeSet<String> = words
        .iter()
        .step_by(4)
        .flat_map(|w| slips(w))
        .filter(|s| !words.contains(s) && !plain.check(s))
        .collect();
    assert!(slips.len() > 5_000, "{} slips", slips.len());
    let passed: Vec<&String> = slips.iter().filter(|s| speller.knows(s)).collect();
    let share = passed.len() as f64 / slips.len() as f64;
    println!("{} of {} slips pass ({:.2}%): {passed:?}", passed.len(), slips.len(), share * 100.0);
    assert!(share < 0.005, "{:.2}% of slips pass: {passed:?}", share * 100.0);
    for word in ["gameplay", "spinoff", "wikinews", "cosplayer", "counterterrorism", "colour", "labelled"] {
        assert!(speller.knows(word), "{word}");
    }
}
