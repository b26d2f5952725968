//! The PDF proof (`<slug>.pdf`): the export input as the data `byline-proof` typesets, with the
//! same metadata-bearing renditions as the other formats, story links resolved as they are,
//! notes left out, and the story's status on every page ("not for publication" across it unless
//! the story is ready or published).

use serde_json::{json, Value};

use byline_document::{Block, Inline, Mark};
use byline_model::language::{is_right_to_left, primary_language};
use byline_model::{Result, Status};
use byline_proof::{Paper, ProofInput};

use super::{ExportInput, ExportPhoto};

/// The proof's PDF bytes.
pub fn render(input: &ExportInput, paper: Paper) -> Result<Vec<u8>> {
    let s = &input.story;
    let mut images: Vec<(String, &[u8])> = Vec::new();
    let lead = input.lead.as_ref().map(|p| picture(p, &mut images));
    let body = blocks(input, &s.body.content, &mut images);
    let region = byline_model::language::region(&s.language).filter(|r| r.len() == 2);
    let lang = match primary_language(&s.language) {
        l if (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()) => l,
        _ => "en".to_string(),
    };
    let generated = super::dates::reader_date_time(input.exported, &s.language);
    let story = json!({
        "kicker": s.kicker.trim(),
        "headline": s.headline.trim(),
        "standfirst": s.standfirst.trim(),
        "byline": s.byline.trim(),
        "dateline": s.dateline.trim(),
        "lang": lang,
        "region": region,
        "rtl": is_right_to_left(&s.language),
        "status": status_label(s.status),
        "forPublication": matches!(s.status, Status::Ready | Status::Published),
        "words": s.stats.words,
        "tags": s.tags,
        "generated": generated,
        "lead": lead,
        "body": body,
    });
    byline_proof::render(&ProofInput { story, images, paper })
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "Draft",
        Status::Editing => "Editing",
        Status::Ready => "Ready",
        Status::Published => "Published",
    }
}

/// A picture as the template reads it; its rendition joins `images`.
fn picture<'a>(photo: &'a ExportPhoto, images: &mut Vec<(String, &'a [u8])>) -> Value {
    let name = format!("picture-{}.jpg", images.len() + 1);
    images.push((name.clone(), &photo.jpeg));
    let u = &photo.photo_use;
    json!({
        "image": name,
        "caption": u.caption.trim(),
        "credit": u.credit_line.trim(),
        "alt": u.alt_text.trim(),
        "standIn": u.stand_in.trim(),
        "portrait": photo.height > photo.width,
    })
}

/// The tree as the template reads it: notes and unresolvable links gone, figures as pictures.
fn blocks<'a>(input: &'a ExportInput, content: &[Block], images: &mut Vec<(String, &'a [u8])>) -> Vec<Value> {
    let mut out = Vec::new();
    for block in content {
        match block {
            Block::Paragraph { content } => out.push(json!({"type": "paragraph", "content": inlines(input, content)})),
            Block::Heading { attrs, content } => {
                out.push(json!({"type": "heading", "attrs": {"level": attrs.level}, "content": inlines(input, content)}))
            }
            Block::Blockquote { content } => {
                out.push(json!({"type": "blockquote", "content": blocks(input, content, images)}))
            }
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                let items: Vec<Value> =
                    content.iter().map(|item| json!({"content": blocks(input, &item.content, images)})).collect();
                out.push(match block {
                    Block::OrderedList { attrs, .. } => {
                        json!({"type": "orderedList", "attrs": {"start": attrs.start}, "content": items})
                    }
                    _ => json!({"type": "bulletList", "content": items}),
                });
            }
            Block::Figure { attrs } => {
                if let Some(photo) = input.figure(&attrs.photo_use) {
                    let mut p = picture(photo, images);
                    p["type"] = json!("figure");
                    out.push(p);
                }
            }
            Block::HorizontalRule => out.push(json!({"type": "horizontalRule"})),
        }
    }
    out
}

fn inlines(input: &ExportInput, content: &[Inline]) -> Vec<Value> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::HardBreak => out.push(json!({"type": "hardBreak"})),
            Inline::Text { marks, .. } if marks.contains(&Mark::Note) => {}
            Inline::Text { text, marks } => {
                let marks: Vec<Value> = marks
                    .iter()
                    .filter_map(|m| match m {
                        Mark::Strong => Some(json!({"type": "strong"})),
                        Mark::Em => Some(json!({"type": "em"})),
                        Mark::Link { attrs } => super::body::link_target(input, &attrs.href)
                            .map(|href| json!({"type": "link", "attrs": {"href": href}})),
                        Mark::Note => None,
                    })
                    .collect();
                out.push(json!({"type": "text", "text": text, "marks": marks}));
            }
        }
    }
    out
}
