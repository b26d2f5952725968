//! The story as the copy desk reads it: one passage per field, body block, caption, credit and
//! alt text, in reading order, each with its place and its text as the editor holds it (a hard
//! break is a line feed; TK and newsroom notes are kept, and marked so that rules skip them).

use std::ops::Range;

use byline_document::{Block, Inline, Mark};
use byline_model::{PhotoRole, PhotoUse, Story};

use crate::finding::{Category, Field, Finding, Place, Severity};

/// What a passage is, for the rules that care (headings, list items, quotes, captions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A field of the story's head, or of a photo use (the place says which).
    Field,
    Paragraph,
    Heading,
    /// A paragraph inside a list item.
    ListItem,
    /// A paragraph inside a block quote.
    Quote,
}

/// One stretch of text the rules read.
#[derive(Debug, Clone)]
pub struct Passage {
    pub place: Place,
    pub kind: Kind,
    pub text: String,
    /// Byte ranges of `text` inside notes: not copy, never flagged.
    pub notes: Vec<Range<usize>>,
}

impl Passage {
    /// A passage of plain text (a field): no notes.
    pub fn plain(place: Place, text: &str) -> Self {
        Passage { place, kind: Kind::Field, text: text.to_string(), notes: Vec::new() }
    }

    /// The UTF-16 offset (as the editor counts) of a byte offset of `text`.
    pub fn utf16(&self, byte: usize) -> u32 {
        self.text[..byte].encode_utf16().count() as u32
    }

    /// Whether any of `range` is note text.
    pub fn in_note(&self, range: &Range<usize>) -> bool {
        self.notes.iter().any(|n| n.start < range.end && range.start < n.end)
    }

    /// A finding about `range` of this passage.
    pub fn finding(
        &self,
        rule: &str,
        category: Category,
        severity: Severity,
        range: Range<usize>,
        message: impl Into<String>,
        suggestions: Vec<String>,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            category,
            severity,
            place: self.place.clone(),
            start: self.utf16(range.start),
            end: self.utf16(range.end),
            text: self.text[range].to_string(),
            message: message.into(),
            suggestions,
        }
    }
}

/// Every passage of a story, in reading order: the head's fields, the lead photo's words, then
/// the body's blocks (a figure's caption, credit and alt text where the figure stands), then any
/// photo use the body does not show.
pub fn passages(story: &Story) -> Vec<Passage> {
    let mut out = Vec::new();
    for (field, text) in [
        (Field::Kicker, &story.kicker),
        (Field::Headline, &story.headline),
        (Field::Standfirst, &story.standfirst),
        (Field::Byline, &story.byline),
        (Field::Dateline, &story.dateline),
    ] {
        if !text.trim().is_empty() {
            out.push(Passage::plain(Place::field(field), text));
        }
    }
    let mut shown: Vec<&str> = Vec::new();
    for u in story.photos.iter().filter(|u| u.role == PhotoRole::Lead) {
        photo_passages(u, &mut out);
        shown.push(&u.id);
    }
    for (i, block) in story.body.content.iter().enumerate() {
        block_passages(block, vec![i as u32], Kind::Paragraph, story, &mut shown, &mut out);
    }
    for u in story.photos.iter().filter(|u| !shown.contains(&u.id.as_str())) {
        photo_passages(u, &mut out);
    }
    out
}

fn photo_passages(u: &PhotoUse, out: &mut Vec<Passage>) {
    for (field, text) in
        [(Field::Caption, &u.caption), (Field::Credit, &u.credit), (Field::AltText, &u.alt_text)]
    {
        out.push(Passage::plain(Place::photo(field, &u.id), text));
    }
}

fn block_passages<'s>(
    block: &Block,
    path: Vec<u32>,
    inside: Kind,
    story: &'s Story,
    shown: &mut Vec<&'s str>,
    out: &mut Vec<Passage>,
) {
    let child = |path: &[u32], i: usize| {
        let mut p = path.to_vec();
        p.push(i as u32);
        p
    };
    match block {
        Block::Paragraph { content } => out.push(inline_passage(content, path, inside)),
        Block::Heading { content, .. } => out.push(inline_passage(content, path, Kind::Heading)),
        Block::Blockquote { content } => {
            for (i, b) in content.iter().enumerate() {
                block_passages(b, child(&path, i), Kind::Quote, story, shown, out);
            }
        }
        Block::BulletList { content } | Block::OrderedList { content, .. } => {
            for (i, item) in content.iter().enumerate() {
                let item_path = child(&path, i);
                for (j, b) in item.content.iter().enumerate() {
                    block_passages(b, child(&item_path, j), Kind::ListItem, story, shown, out);
                }
            }
        }
        Block::Figure { attrs } => {
            if let Some(u) = story.photos.iter().find(|u| u.id == attrs.photo_use) {
                if !shown.contains(&u.id.as_str()) {
                    photo_passages(u, out);
                    shown.push(&u.id);
                }
            }
        }
        Block::HorizontalRule => {}
    }
}

fn inline_passage(content: &[Inline], path: Vec<u32>, kind: Kind) -> Passage {
    let mut text = String::new();
    let mut notes: Vec<Range<usize>> = Vec::new();
    for inline in content {
        match inline {
            Inline::Text { text: t, marks } => {
                let start = text.len();
                text.push_str(t);
                if marks.contains(&Mark::Note) {
                    match notes.last_mut() {
                        Some(last) if last.end == start => last.end = text.len(),
                        _ => notes.push(start..text.len()),
                    }
                }
            }
            Inline::HardBreak => text.push('\n'),
        }
    }
    Passage { place: Place::block(path), kind, text, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn story(body: serde_json::Value) -> Story {
        let doc = byline_document::Document::from_value(&body).expect("body");
        serde_json::from_value(json!({
            "id": "0190f1c6-4a55-7000-8000-000000000001", "slug": "s", "kicker": "", "headline": "A headline",
            "standfirst": "", "byline": "", "dateline": "ALGIERS", "status": "draft", "tags": [],
            "wordTarget": null, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
            "revision": 1, "published": null, "body": body, "related": [], "photos": [],
            "stats": doc.stats(),
        }))
        .expect("story")
    }

    #[test]
    fn passages_come_in_reading_order_with_paths_and_notes() {
        let s = story(json!({"type": "doc", "content": [
            {"type": "paragraph", "content": [
                {"type": "text", "text": "Café "},
                {"type": "text", "text": "check", "marks": [{"type": "note"}]},
                {"type": "hardBreak"},
                {"type": "text", "text": "end"}
            ]},
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "item"}]}]}
            ]},
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Sub"}]}
        ]}));
        let p = passages(&s);
        let places: Vec<(Field, Vec<u32>)> =
            p.iter().map(|p| (p.place.field, p.place.block.clone())).collect();
        assert_eq!(
            places,
            vec![
                (Field::Headline, vec![]),
                (Field::Dateline, vec![]),
                (Field::Body, vec![0]),
                (Field::Body, vec![1, 0, 0]),
                (Field::Body, vec![2]),
            ]
        );
        let body = &p[2];
        assert_eq!(body.text, "Café check\nend");
        assert_eq!(body.notes, vec![6..11]);
        assert!(body.in_note(&(7..8)) && !body.in_note(&(0..4)));
        // "é" is two bytes but one UTF-16 unit: the editor's offset of "check" is 5.
        assert_eq!(body.utf16(6), 5);
        assert_eq!(p[3].kind, Kind::ListItem);
        assert_eq!(p[4].kind, Kind::Heading);
    }
}
