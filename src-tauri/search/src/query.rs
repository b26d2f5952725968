//! What a journalist types into the search box, read forgivingly: words, "quoted phrases",
//! prefixes (`gheit*`) and `OR` between neighbours. Everything else (parentheses, `-`, `NEAR`,
//! a lone `*`, an unbalanced quote) is only part of a word; reading a query never fails.

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word as typed (it may still split into several tokens, as `Aboul-Gheit` does).
    Word(String),
    /// Words that must follow one another.
    Phrase(String),
    /// Words whose last one may continue (`secretar*`).
    Prefix(String),
}

/// The query as read: every group must match; a group matches when any of its clauses does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<Clause>>,
}

/// Reads `text`. Never fails: what is not syntax is a word.
pub fn parse(text: &str) -> Parsed {
    let mut groups: Vec<Vec<Clause>> = Vec::new();
    let mut join_next = false;
    let push = |clause: Clause, join: &mut bool, groups: &mut Vec<Vec<Clause>>| {
        match groups.last_mut() {
            Some(last) if *join => last.push(clause),
            _ => groups.push(vec![clause]),
        }
        *join = false;
    };
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|&c| c != '"').collect();
            if phrase.trim().is_empty() {
                continue;
            }
            let clause = if phrase.trim_end().ends_with('*') {
                Clause::Prefix(phrase.trim_end().trim_end_matches('*').to_string())
            } else {
                Clause::Phrase(phrase)
            };
            push(clause, &mut join_next, &mut groups);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            if word == "OR" && !groups.is_empty() {
                join_next = true;
                continue;
            }
            let stem = word.trim_end_matches('*');
            let clause = if stem.len() < word.len() && stem.chars().any(char::is_alphanumeric) {
                Clause::Prefix(stem.to_string())
            } else {
                Clause::Word(word)
            };
            push(clause, &mut join_next, &mut groups);
        }
    }
    Parsed { groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(groups: &[&[Clause]]) -> Parsed {
        Parsed { groups: groups.iter().map(|g| g.to_vec()).collect() }
    }

    #[test]
    fn words_phrases_prefixes_and_or() {
        use Clause::*;
        assert_eq!(
            parse(r#"summit "arab league" secretar* algiers OR cairo"#),
            words(&[
                &[Word("summit".into())],
                &[Phrase("arab league".into())],
                &[Prefix("secretar".into())],
                &[Word("algiers".into()), Word("cairo".into())],
            ])
        );
    }

    #[test]
    fn syntax_characters_are_only_words() {
        use Clause::*;
        assert_eq!(
            parse(r#"(NEAR -x * "open"#),
            words(&[
                &[Word("(NEAR".into())],
                &[Word("-x".into())],
                &[Word("*".into())],
                &[Phrase("open".into())],
            ])
        );
        assert_eq!(parse("OR OR"), words(&[&[Word("OR".into())]]));
        assert_eq!(parse(r#""""#), Parsed::default());
        assert_eq!(parse("   "), Parsed::default());
        assert_eq!(parse("a OR"), words(&[&[Word("a".into())]]));
    }
}
