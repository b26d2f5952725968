//! Words and sentences of a passage, as byte ranges: a word is a run of letters and digits with
//! apostrophes and hyphens inside it (`Egypt’s`, `Aboul-Gheit`); web and mail addresses are not
//! words; a sentence ends at `.`, `!` or `?` followed by white space.

use std::ops::Range;

/// The words of `text`, outside web and mail addresses.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let skip = addresses(text);
    let mut out = words_of(text);
    out.retain(|w| !skip.iter().any(|a| a.start <= w.start && w.end <= a.end));
    out
}

/// [`words`] without leaving out web and mail addresses: for text that holds none, such as a
/// list of place names.
pub fn words_of(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let joins = matches!(c, '\'' | '’' | '-' | '‑')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|&(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(s..at);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Web and mail addresses in `text` (`https://…`, `www.…`, `name@host`, a bare domain such as
/// `Secunia.com`), to leave alone.
pub fn addresses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most copy holds none: one pass over the text says so.
    let www = |t: &str| t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."));
    let any_domain = DOMAINS.iter().any(|d| text.contains(d));
    if !any_domain
        && !text.contains("://")
        && !text.contains('@')
        && !text.split(char::is_whitespace).any(www)
    {
        return out;
    }
    let mut at = 0;
    for token in text.split(char::is_whitespace) {
        if token.contains("://")
            || www(token)
            || (token.contains('@') && token.contains('.'))
            || domain(token)
        {
            out.push(at..at + token.len());
        }
        at += token.len() + text[at + token.len()..].chars().next().map_or(0, char::len_utf8);
    }
    out
}

/// Endings of the domains news copy names bare (`Secunia.com`, `gov.uk`).
const DOMAINS: &[&str] =
    &[".com", ".org", ".net", ".gov", ".edu", ".info", ".int", ".io", ".co.uk", ".org.uk"];

/// Whether a token is a bare domain: a name, a dot, and a known ending (trailing punctuation
/// aside).
fn domain(token: &str) -> bool {
    let t = token.trim_end_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
    DOMAINS.iter().any(|d| {
        t.strip_suffix(d).is_some_and(|name| {
            name.chars().next().is_some_and(|c| c.is_alphanumeric())
                && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
        })
    })
}

/// Whether `word` is written in capitals only (two letters or more): an abbreviation.
pub fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| !c.is_lowercase())
}

/// The end of a dateline opening a paragraph: capitals first ("ALGIERS", "WASHINGTON, D.C."), an
/// optional date and agency, then a dash ("—", "–", " - ", " -- "), within the first 80 bytes; or
/// a colon and a capital within the first 50, as South Asian papers write it ("ISLAMABAD: The",
/// "KATHMANDU, Nov 23: The").
pub fn dateline_end(text: &str) -> Option<usize> {
    let first = words(text).into_iter().next()?;
    if first.start > 0 || !is_all_caps(&text[first]) {
        return None;
    }
    let head = text.get(..text.floor_char_boundary(80)).unwrap_or(text);
    let dash = head
        .char_indices()
        .find(|&(_, c)| matches!(c, '—' | '–'))
        .map(|(i, c)| i + c.len_utf8())
        .into_iter()
        .chain([" - ", " -- "].iter().filter_map(|d| head.find(d).map(|i| i + d.len())));
    let colon = head
        .match_indices(": ")
        .map(|(i, _)| i + 1)
        .filter(|&i| i < 50 && text[i + 1..].chars().next().is_some_and(char::is_uppercase))
        .filter(|&i| {
            words(&text[..i]).into_iter().all(|w| is_all_caps(&text[w.clone()]) || is_date(&text[w]))
        });
    let end = dash.chain(colon).min()?;
    (!text[..end].contains(['“', '"', '!', '?'])).then_some(end)
}

/// The words a text writes twice in a row, a space apart ("the the"): the two words' range and
/// the word.
pub fn doublings(text: &str) -> Vec<(Range<usize>, &str)> {
    doublings_in(text, &words(text))
}

/// [`doublings`] among a text's [`words`], already found.
pub fn doublings_in<'t>(text: &'t str, words: &[Range<usize>]) -> Vec<(Range<usize>, &'t str)> {
    let folded = |w: &'t str| w.chars().flat_map(char::to_lowercase);
    words
        .windows(2)
        .filter(|pair| {
            let between = &text[pair[0].end..pair[1].start];
            !between.is_empty()
                && between.bytes().all(|b| b == b' ')
                && folded(&text[pair[0].clone()]).eq(folded(&text[pair[1].clone()]))
        })
        .map(|pair| (pair[0].start..pair[1].end, &text[pair[0].clone()]))
        .collect()
}

/// A word without its possessive ending ("Macri's", "IS’s"), or the word as it is.
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

/// Verbs of saying: a speech tag's ("…,” he added") or the word a quote follows ("He said “We…").
const SAYING: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "added",
    "adds",
    "told",
    "tells",
    "asked",
    "asks",
    "stated",
    "states",
    "explained",
    "explains",
    "noted",
    "notes",
    "warned",
    "warns",
    "wrote",
    "writes",
    "declared",
    "declares",
    "insisted",
    "insists",
    "continued",
    "continues",
    "replied",
    "replies",
    "recalled",
    "recalls",
    "concluded",
    "concludes",
    "stressed",
    "stresses",
    "urged",
    "urges",
    "argued",
    "argues",
    "announced",
    "announces",
    "remarked",
    "observed",
    "read",
    "reads",
];

/// Whether `word` is a verb of saying ([`SAYING`]), in any case.
pub fn is_saying(word: &str) -> bool {
    SAYING.contains(&word.to_lowercase().as_str())
}

/// Whether a dateline's word belongs to its date ("Nov", "23", "June").
fn is_date(word: &str) -> bool {
    const MONTHS: &[&str] =
        &["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];
    word.chars().all(|c| c.is_ascii_digit())
        || MONTHS
            .iter()
            .any(|m| word.strip_prefix(m).is_some_and(|rest| rest.chars().all(char::is_lowercase)))
}

/// Whether the word at `range` starts a sentence: first in the passage, or after `.`, `!`, `?`
/// (with closing quotes or brackets) and white space.
pub fn starts_sentence(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].trim_end_matches(['“', '"', '‘', '(', '[', '«', ' ']);
    let before = before.trim_end();
    before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '\n'])
        || before.ends_with(".”")
        || before.ends_with("?”")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn datelines_end_at_a_dash_or_at_a_colon_after_the_place_and_date() {
        assert_eq!(dateline_end("ALGIERS, June 28 (VNA) – The minister"), Some(26));
        assert_eq!(dateline_end("JAKARTA (Bloomberg) -- A 6.1 magnitude quake"), Some(23));
        assert_eq!(dateline_end("ISLAMABAD: The Ministry of Interior"), Some(10));
        assert_eq!(dateline_end("KATHMANDU, Nov 23: The Election Commission"), Some(18));
        assert_eq!(
            dateline_end("TWO men were held, police said: The fire"),
            None,
            "words of a sentence before the colon"
        );
        assert_eq!(dateline_end("Police said: The fire"), None, "no place in capitals");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens_and_skip_addresses() {
        let t = "Egypt’s Aboul-Gheit said - 'no' at www.example.org, mail a@b.org or https://x.y/z now.";
        assert_eq!(texts(t, &words(t)), ["Egypt’s", "Aboul-Gheit", "said", "no", "at", "mail", "or", "now"]);
        let t = "The firm Secunia.com, and bbc.co.uk said so. Not e.g. this.";
        assert_eq!(texts(t, &words(t)), ["The", "firm", "and", "said", "so", "Not", "e", "g", "this"]);
    }

    #[test]
    fn capitals_and_sentence_starts() {
        assert!(is_all_caps("AL") && is_all_caps("NATO") && !is_all_caps("A") && !is_all_caps("Al"));
        let t = "One. two “Three” said: four";
        let w = words(t);
        let starts: Vec<bool> = w.iter().map(|r| starts_sentence(t, r)).collect();
        assert_eq!(starts, [true, true, false, false, true]);
    }
}
