//! The body's shape (a story rule walking `story.body`) and notes left in the copy.
//!
//! - `structure.empty-heading`: a heading with no text, or with nothing under it (no block with
//!   text, no list, quote or figure) before the next heading of the same or a higher level, or
//!   the end. A subheading with copy under it counts as something under its parent.
//! - `structure.trailing-empty`: empty paragraphs closing the body, one finding at the first.
//! - `structure.tk`: each note left in the copy: a run of note-marked text, or a bare "TK" (with
//!   punctuation around it, as the word counter sees it) in a field or block. An error: notes never
//!   leave Byline, and a TK in a field would go out as written.
//!
//! Left alone: a body with no text at all (a new story is not a story with empty paragraphs at
//! its end), headings inside quotes and lists (only their text is checked), "TK" inside a longer
//! word ("TKO") and the word "tk" in lower case.

use byline_document::{Block, Inline};
use byline_model::Story;

use crate::finding::{Category, Field, Place, Severity};
use crate::text::Passage;
use crate::tokens::words;
use crate::Finding;

pub fn story(story: &Story, passages: &[Passage], out: &mut Vec<Finding>) {
    let blocks = &story.body.content;
    headings(blocks, out);
    trailing_empty(blocks, out);
    for p in passages {
        tk(p, out);
    }
}

fn inline_text(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::HardBreak => "\n",
        })
        .collect()
}

/// Whether a block holds something a reader sees.
fn has_copy(block: &Block) -> bool {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            !inline_text(content).trim().is_empty()
        }
        Block::Blockquote { content } => content.iter().any(has_copy),
        Block::BulletList { content } | Block::OrderedList { content, .. } => {
            content.iter().any(|item| item.content.iter().any(has_copy))
        }
        Block::Figure { .. } => true,
        Block::HorizontalRule => false,
    }
}

fn finding(path: Vec<u32>, rule: &str, severity: Severity, text: String, message: String) -> Finding {
    Finding {
        rule: rule.to_string(),
        category: Category::Structure,
        severity,
        place: Place::block(path),
        start: 0,
        end: 0,
        text,
        message,
        suggestions: Vec::new(),
    }
}

fn headings(blocks: &[Block], out: &mut Vec<Finding>) {
    for (i, block) in blocks.iter().enumerate() {
        let Block::Heading { attrs, content } = block else { continue };
        let text = inline_text(content);
        let title = text.trim();
        if title.is_empty() {
            out.push(finding(
                vec![i as u32],
                "structure.empty-heading",
                Severity::Warning,
                text.clone(),
                "an empty heading".into(),
            ));
            continue;
        }
        let under = blocks[i + 1..]
            .iter()
            .take_while(|b| !matches!(b, Block::Heading { attrs: a, .. } if a.level <= attrs.level))
            .any(|b| !matches!(b, Block::Heading { .. }) && has_copy(b));
        if !under {
            out.push(finding(
                vec![i as u32],
                "structure.empty-heading",
                Severity::Warning,
                text.clone(),
                format!("the heading “{title}” has nothing under it"),
            ));
        }
    }
}

fn trailing_empty(blocks: &[Block], out: &mut Vec<Finding>) {
    let empty =
        |b: &Block| matches!(b, Block::Paragraph { content } if inline_text(content).trim().is_empty());
    let trailing = blocks.iter().rev().take_while(|b| empty(b)).count();
    if trailing == 0 || trailing == blocks.len() || !blocks.iter().any(has_copy) {
        return;
    }
    let first = blocks.len() - trailing;
    let message = if trailing == 1 {
        "an empty paragraph at the end of the story".to_string()
    } else {
        format!("{trailing} empty paragraphs at the end of the story")
    };
    out.push(finding(
        vec![first as u32],
        "structure.trailing-empty",
        Severity::Warning,
        String::new(),
        message,
    ));
}

fn tk(p: &Passage, out: &mut Vec<Finding>) {
    let body = p.place.field == Field::Body;
    let message = if body {
        "a TK note is still in the copy; notes are left out of exports"
    } else {
        "a TK is still in the copy; this field goes out as written"
    };
    for n in &p.notes {
        out.push(p.finding(
            "structure.tk",
            Category::Structure,
            Severity::Error,
            n.clone(),
            "a note is still in the copy; notes are left out of exports",
            Vec::new(),
        ));
    }
    for w in words(&p.text) {
        if &p.text[w.clone()] == "TK" && !p.in_note(&w) {
            out.push(p.finding("structure.tk", Category::Structure, Severity::Error, w, message, Vec::new()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing;
    use serde_json::{json, Value};

    fn para(text: &str) -> Value {
        if text.is_empty() {
            json!({"type": "paragraph"})
        } else {
            json!({"type": "paragraph", "content": [{"type": "text", "text": text}]})
        }
    }

    fn heading(level: u8, text: &str) -> Value {
        let mut h = json!({"type": "heading", "attrs": {"level": level}});
        if !text.is_empty() {
            h["content"] = json!([{"type": "text", "text": text}]);
        }
        h
    }

    fn found(content: Vec<Value>) -> Vec<(String, Vec<u32>, String, String)> {
        let s = testing::story(json!({"type": "doc", "content": content}), Vec::new());
        let mut out = Vec::new();
        story(&s, &crate::text::passages(&s), &mut out);
        out.into_iter()
            .map(|f| (f.rule.trim_start_matches("structure.").to_string(), f.place.block, f.text, f.message))
            .collect()
    }

    #[test]
    fn flags_empty_headings_and_headings_with_nothing_under_them() {
        let f = found(vec![
            para("Lead."),
            heading(2, ""),
            para("Text."),
            heading(2, "Reactions"),
            heading(2, "Next"),
            para("x"),
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].0.as_str(), f[0].1.clone(), f[0].3.as_str()),
            ("empty-heading", vec![1], "an empty heading")
        );
        assert_eq!(f[1].3, "the heading “Reactions” has nothing under it");
        assert_eq!(found(vec![para("Lead."), heading(2, "Last")])[0].1, vec![1]);
        assert!(found(vec![
            heading(2, "Part"),
            heading(3, "Sub"),
            para("Copy."),
            heading(2, "Two"),
            para("More.")
        ])
        .is_empty());
        let f = found(vec![heading(2, "Part"), heading(3, "Sub"), heading(2, "Two"), para("More.")]);
        assert_eq!(f.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(), ["Part", "Sub"]);
    }

    #[test]
    fn flags_trailing_empty_paragraphs_once() {
        let f = found(vec![para("Copy."), para(""), para("More."), para(""), para("  ")]);
        assert_eq!(
            f,
            [(
                "trailing-empty".into(),
                vec![3],
                String::new(),
                "2 empty paragraphs at the end of the story".into()
            )]
        );
        assert!(found(vec![para("")]).is_empty(), "a new, empty story");
        assert!(found(vec![para("Copy."), para(""), para("More.")]).is_empty());
    }

    #[test]
    fn flags_each_note_and_bare_tk() {
        let f = found(vec![json!({"type": "paragraph", "content": [
            {"type": "text", "text": "The minister said "},
            {"type": "text", "text": "check the date", "marks": [{"type": "note"}]},
            {"type": "text", "text": " and TK. Then (TK) and TKO, tk."}
        ]})]);
        let texts: Vec<&str> = f.iter().map(|f| f.2.as_str()).collect();
        assert_eq!(texts, ["check the date", "TK", "TK"]);
        assert!(f.iter().all(|f| f.0 == "tk"));
        assert_eq!(f[1].3, "a TK note is still in the copy; notes are left out of exports");
    }
}
