//! House style, from the library's table of variant groups (`settings.house_style`).
//!
//! - `style.variant`: a variant written where the house uses the preferred form ("Secretary
//!   General" for "Secretary-General", "e-mail" for "email"); the suggestion is the preferred form
//!   with the first letter's case kept ("E-mail" gives "Email").
//! - `style.mixed`: two forms of one group in the same story. With `style.variant` on, every form
//!   but the house's is already flagged, so this reports only when `style.variant` is switched off
//!   (a house that does not impose its table but wants each story consistent): the forms other
//!   than the story's most used one (the first used, on a tie) are flagged, suggesting that one.
//!
//! Matched as whole words or phrases, case-insensitively, across every passage; a space in a form
//! matches a no-break space too, a hyphen a non-breaking hyphen. Left alone: a form inside a
//! longer word ("e-mailed" is not "e-mail"; "percentage" is not "percent"), and notes.

use std::ops::Range;

use crate::finding::{Category, Severity};
use crate::text::Passage;
use crate::{Context, Finding};

/// One use of a form of a group: passage, byte range, which form (0 is the preferred one).
struct Use {
    passage: usize,
    range: Range<usize>,
    form: usize,
}

pub fn story(passages: &[Passage], cx: &Context, out: &mut Vec<Finding>) {
    let variant_on = cx.settings.enabled("style.variant");
    for group in &cx.settings.house_style {
        let forms: Vec<&str> = std::iter::once(group.preferred.as_str())
            .chain(group.variants.iter().map(String::as_str))
            .filter(|f| !f.trim().is_empty())
            .collect();
        let mut uses: Vec<Use> = Vec::new();
        for (i, p) in passages.iter().enumerate() {
            for (form, f) in forms.iter().enumerate() {
                for range in find_phrase(&p.text, f) {
                    if !p.in_note(&range) {
                        uses.push(Use { passage: i, range, form });
                    }
                }
            }
        }
        // A longer form found inside a shorter one's match ("cease fire" and "fire") is one use.
        uses.sort_by_key(|u| (u.passage, u.range.start, std::cmp::Reverse(u.range.end)));
        uses.dedup_by(|b, a| {
            a.passage == b.passage && a.range.start <= b.range.start && b.range.end <= a.range.end
        });
        if variant_on {
            for u in uses.iter().filter(|u| u.form != 0) {
                let p = &passages[u.passage];
                let written = &p.text[u.range.clone()];
                out.push(p.finding(
                    "style.variant",
                    Category::Style,
                    Severity::Warning,
                    u.range.clone(),
                    format!("house style is “{}”", group.preferred),
                    vec![same_case(written, &group.preferred)],
                ));
            }
            continue;
        }
        let mut counts = vec![0usize; forms.len()];
        for u in &uses {
            counts[u.form] += 1;
        }
        if counts.iter().filter(|&&c| c > 0).count() < 2 {
            continue;
        }
        // The story's own choice: its most used form; on a tie, the one used first.
        let first_use = |form: usize| uses.iter().position(|u| u.form == form).unwrap_or(usize::MAX);
        let Some(main) = (0..forms.len())
            .filter(|&f| counts[f] > 0)
            .max_by_key(|&f| (counts[f], std::cmp::Reverse(first_use(f))))
        else {
            continue;
        };
        for u in uses.iter().filter(|u| u.form != main) {
            let p = &passages[u.passage];
            let written = &p.text[u.range.clone()];
            out.push(p.finding(
                "style.mixed",
                Category::Style,
                Severity::Warning,
                u.range.clone(),
                format!("“{written}” here, “{}” elsewhere in the story", forms[main]),
                vec![same_case(written, forms[main])],
            ));
        }
    }
}

/// `form` with the first letter in the case of `written`'s.
fn same_case(written: &str, form: &str) -> String {
    let upper = written.chars().next().is_some_and(char::is_uppercase);
    let mut chars = form.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether two characters match: equal ignoring case, a space any space, a hyphen any hyphen.
fn same_char(a: char, b: char) -> bool {
    let class = |c: char| match c {
        ' ' | '\u{a0}' | '\u{202f}' => ' ',
        '-' | '‑' | '‐' => '-',
        '’' => '\'',
        c => c,
    };
    let (a, b) = (class(a), class(b));
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Whole-word, case-insensitive matches of `phrase` in `text`.
pub fn find_phrase(text: &str, phrase: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = phrase.chars().collect();
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let word_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '‑' | '_');
    // Only a position whose character is a form of the phrase's first (lower, upper, as written)
    // can start a match: those are found with the standard library's search. A phrase starting
    // with a space, a dash or an apostrophe (which match their look-alikes) tries everywhere.
    let n = needle[0];
    let starts: Vec<usize> = if matches!(n, ' ' | '\u{a0}' | '\u{202f}' | '-' | '‑' | '‐' | '\'' | '’')
    {
        text.char_indices().map(|(i, _)| i).collect()
    } else {
        let mut forms: Vec<char> = n.to_lowercase().chain(n.to_uppercase()).chain([n]).collect();
        forms.sort_unstable();
        forms.dedup();
        let mut starts: Vec<usize> =
            forms.iter().flat_map(|&c| text.match_indices(c).map(|(i, _)| i)).collect();
        starts.sort_unstable();
        starts
    };
    for start in starts {
        if text[..start].chars().next_back().is_some_and(word_char) {
            continue;
        }
        let mut hay = text[start..].char_indices();
        let mut end = start;
        let matched = needle.iter().all(|&n| match hay.next() {
            Some((i, c)) if same_char(c, n) => {
                end = start + i + c.len_utf8();
                true
            }
            _ => false,
        });
        if matched && !text[end..].chars().next().is_some_and(word_char) {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{body, context, with};
    use crate::CheckSettings;

    fn found(paragraphs: &[&str], settings: &CheckSettings) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        story(&body(paragraphs), &with(settings), &mut out);
        out.into_iter().map(|f| (f.rule, f.text, f.suggestions.join("|"))).collect()
    }

    fn one(rule: &str, text: &str, suggestion: &str) -> (String, String, String) {
        (rule.to_string(), text.to_string(), suggestion.to_string())
    }

    #[test]
    fn flags_variants_with_the_preferred_form_in_the_same_case() {
        let s = CheckSettings::default();
        assert_eq!(
            found(&["The AL Secretary-General spoke.", "AL Secretary General Ahmed Aboul-Gheit"], &s),
            [one("style.variant", "Secretary General", "Secretary-General")]
        );
        assert_eq!(
            found(&["Send an E-mail.", "It rose 5 per cent."], &s),
            [one("style.variant", "E-mail", "Email"), one("style.variant", "per cent", "percent")]
        );
        assert_eq!(found(&["a cease\u{a0}fire"], &s), [one("style.variant", "cease\u{a0}fire", "ceasefire")]);
    }

    #[test]
    fn leaves_longer_words_and_the_preferred_form_alone() {
        let s = CheckSettings::default();
        assert!(found(&["She e-mailed the percentage to the Secretary-General by email."], &s).is_empty());
        assert!(found(&["a ceasefire, percent, online, healthcare"], &s).is_empty());
    }

    #[test]
    fn flags_mixed_forms_when_the_table_is_not_imposed() {
        let s = CheckSettings { disabled: vec!["style.variant".into()], ..CheckSettings::default() };
        assert_eq!(
            found(&["It rose 5 percent.", "Then 3 percent.", "Then 2 per cent."], &s),
            [one("style.mixed", "per cent", "percent")]
        );
        assert_eq!(
            found(&["The Secretary General spoke.", "The Secretary-General left."], &s),
            [one("style.mixed", "Secretary-General", "Secretary General")]
        );
        assert!(found(&["It rose 5 percent.", "Then 3 percent."], &s).is_empty());
    }

    #[test]
    fn skips_notes() {
        let mut p = body(&["check per cent here"]);
        p[0].notes.push(6..14);
        let mut out = Vec::new();
        story(&p, &context(), &mut out);
        assert!(out.is_empty());
    }
}
