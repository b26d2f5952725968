//! The copy desk from a terminal: a story's findings, and the library dictionary.

use byline_core::{Error, Library};

use super::json;
use byline_core::check::{CheckSettings, HeadlineCase, VariantGroup};

use crate::cli::{CopyDeskCommand, DictionaryCommand};

/// The largest word list `dictionary import` reads (a few hundred thousand words).
const MAX_WORD_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// `check`: prints the story's findings (or the report as JSON); answers whether any finding is
/// an error.
pub fn check(lib: &mut Library, story: &str, as_json: bool, suggestions: bool) -> Result<bool, Error> {
    let report = lib.check_story(story, suggestions)?;
    for missing in &report.missing_dictionaries {
        eprintln!("byline: {missing}");
    }
    if as_json {
        json(&report)?;
        return Ok(report.has_errors());
    }
    for f in &report.findings {
        let place = match (&f.place.photo_use, f.place.block.is_empty()) {
            (Some(use_id), _) => format!("{:?} of photo {use_id}", f.place.field),
            (None, false) => format!("body {:?}", f.place.block),
            (None, true) => format!("{:?}", f.place.field),
        };
        let suggestions = if f.suggestions.is_empty() {
            String::new()
        } else {
            format!(
                " → {}",
                f.suggestions.iter().take(3).map(|s| format!("“{s}”")).collect::<Vec<_>>().join(", ")
            )
        };
        println!(
            "{place} {}-{}: {} ({}): {} [{}]{suggestions}",
            f.start,
            f.end,
            format!("{:?}", f.severity).to_lowercase(),
            format!("{:?}", f.category).to_lowercase(),
            f.message,
            f.rule
        );
    }
    let counts: Vec<String> =
        report.counts().iter().map(|(c, n)| format!("{n} {c:?}").to_lowercase()).collect();
    println!(
        "{} finding(s){}",
        report.findings.len(),
        if counts.is_empty() { String::new() } else { format!(": {}", counts.join(", ")) }
    );
    Ok(report.has_errors())
}

/// `dictionary`: adds, removes, lists, imports or exports the library's own words.
pub fn dictionary(lib: &mut Library, command: DictionaryCommand) -> Result<(), Error> {
    match command {
        DictionaryCommand::Add { words } => {
            let added = lib.add_dictionary_words(&words)?;
            println!("{added} word(s) added, {} already there", words.len() - added);
        }
        DictionaryCommand::Remove { word } => {
            lib.remove_dictionary_word(&word)?;
            println!("removed “{}”", word.trim());
        }
        DictionaryCommand::List => print!("{}", lib.export_dictionary()?),
        DictionaryCommand::Import { file } => {
            let text = byline_core::files::read_bounded(&file, MAX_WORD_LIST_BYTES, "word list")?;
            let text = String::from_utf8(text)
                .map_err(|_| Error::InvalidInput(format!("{} is not UTF-8 text", file.display())))?;
            let done = lib.import_dictionary(&text)?;
            for (line, why) in &done.refused {
                eprintln!("byline: line {line} refused: {why}");
            }
            println!(
                "{} word(s) added, {} already there, {} line(s) refused",
                done.added,
                done.already,
                done.refused.len()
            );
        }
        DictionaryCommand::Export { out: Some(path) } => {
            byline_core::files::write_atomically(&path, lib.export_dictionary()?.as_bytes(), true)?;
            println!("{}", path.display());
        }
        DictionaryCommand::Export { out: None } => print!("{}", lib.export_dictionary()?),
    }
    Ok(())
}

/// `settings copy-desk|house-style|abbreviations|rule|headline`: shows or changes the copy
/// desk's settings, each change one read-modify-write transaction.
pub fn copy_desk(lib: &mut Library, command: CopyDeskCommand) -> Result<(), Error> {
    let settings = match command {
        CopyDeskCommand::CopyDesk { json: true } => return json(&lib.copy_desk_settings()?),
        CopyDeskCommand::CopyDesk { json: false } => lib.copy_desk_settings()?,
        CopyDeskCommand::HouseStyle { preferred, variants } => lib.update_copy_desk_settings(|s| {
            s.house_style.retain(|g| !g.preferred.eq_ignore_ascii_case(preferred.trim()));
            if !variants.is_empty() {
                s.house_style.push(VariantGroup { preferred, variants });
            }
            Ok(())
        })?,
        CopyDeskCommand::Abbreviations { abbreviations, remove } => lib.update_copy_desk_settings(|s| {
            if remove {
                s.known_abbreviations.retain(|a| !abbreviations.iter().any(|r| r.trim() == a));
            } else {
                s.known_abbreviations.extend(abbreviations);
            }
            Ok(())
        })?,
        CopyDeskCommand::Rule { id, on } => lib.switch_rule(&id, on)?,
        CopyDeskCommand::Headline { max, case } => lib.update_copy_desk_settings(|s| {
            if let Some(max) = max {
                s.headline_max = max;
            }
            if let Some(case) = case {
                s.headline_case = match case.trim().to_ascii_lowercase().as_str() {
                    "sentence" => HeadlineCase::Sentence,
                    "title" => HeadlineCase::Title,
                    "any" => HeadlineCase::Any,
                    other => {
                        return Err(Error::InvalidInput(format!(
                            "unknown headline case `{other}`: use sentence, title or any"
                        )))
                    }
                };
            }
            Ok(())
        })?,
    };
    print_copy_desk(&settings);
    Ok(())
}

fn print_copy_desk(s: &CheckSettings) {
    println!("house style:");
    for g in &s.house_style {
        println!("  {} (not {})", g.preferred, g.variants.join(", "));
    }
    println!("known abbreviations: {}", s.known_abbreviations.join(" "));
    println!("rules off: {}", if s.disabled.is_empty() { "none".to_string() } else { s.disabled.join(", ") });
    println!("headline: at most {} characters, {:?} case", s.headline_max, s.headline_case);
}
