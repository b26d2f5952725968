//! The story body rendered for export, from the typed tree: HTML (also valid XHTML), written
//! with `byline_model::xml::Xml`, and Markdown. Every text is escaped; notes are dropped; story
//! links become the other story's published URL (or plain text without a base URL); figures show
//! the photo with its caption and credit line.

use std::fmt::Write;

use super::ExportInput;
use byline_document::{Block, Inline, Mark};
use byline_model::xml::{carried, Xml};

/// Where a link mark points in an export, or `None` when it must become plain text.
pub(crate) fn link_target(input: &ExportInput, href: &str) -> Option<String> {
    match href.strip_prefix("story:") {
        Some(id) => input.story_link(id),
        None => Some(href.to_string()),
    }
}

/// The element a mark puts around its text in HTML (name and `href`), or `None` when it shows
/// nothing (a note, a link that becomes plain text).
fn mark_element(input: &ExportInput, mark: &Mark) -> Option<(&'static str, Option<String>)> {
    match mark {
        Mark::Strong => Some(("strong", None)),
        Mark::Em => Some(("em", None)),
        Mark::Link { attrs } => link_target(input, &attrs.href).map(|href| ("a", Some(href))),
        Mark::Note => None,
    }
}

/// Whether a block shows anything: a paragraph or heading of notes and white space only is left
/// out, and so is a figure whose photo is not in the export.
fn shows(input: &ExportInput, block: &Block) -> bool {
    match block {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            content.iter().any(|inline| match inline {
                Inline::HardBreak => true,
                Inline::Text { marks, .. } if marks.contains(&Mark::Note) => false,
                Inline::Text { text, marks } => {
                    marks.iter().any(|m| mark_element(input, m).is_some()) || !carried(text).trim().is_empty()
                }
            })
        }
        Block::Figure { attrs } => input.figure(&attrs.photo_use).is_some(),
        Block::Blockquote { .. }
        | Block::BulletList { .. }
        | Block::OrderedList { .. }
        | Block::HorizontalRule => true,
    }
}

/// The body as HTML (also XHTML), one block a line. `image_src` gives the `src` of a photo's
/// file in this export.
pub fn html(input: &ExportInput, image_src: &dyn Fn(&str) -> String) -> String {
    let mut x = Xml::html();
    write_html(input, image_src, &mut x);
    x.finish()
}

/// Writes the body into `x` (an HTML page, or the XHTML of a NewsML-G2 item), one block a line.
pub fn write_html(input: &ExportInput, image_src: &dyn Fn(&str) -> String, x: &mut Xml) {
    write_blocks(input, &input.story.body.content, image_src, x);
}

/// The related posts as a `<section class="related">` (a heading, a list of titles linked to
/// their addresses), one element a line; nothing when there are none.
pub fn write_related(input: &ExportInput, x: &mut Xml) {
    if input.related.is_empty() {
        return;
    }
    x.start("section", &[("class", "related")]).newline();
    x.leaf("h2", &[], "Related Posts").newline();
    x.start("ul", &[]).newline();
    for r in &input.related {
        x.start("li", &[]);
        match &r.url {
            Some(url) => x.leaf("a", &[("href", url)], &r.title),
            None => x.text(&r.title),
        };
        x.end().newline();
    }
    x.end().newline(); // ul
    x.end().newline(); // section
}

/// One block that [`shows`], without a line break after it.
fn html_block(input: &ExportInput, block: &Block, image_src: &dyn Fn(&str) -> String, x: &mut Xml) {
    match block {
        Block::Paragraph { content } => {
            x.start("p", &[]);
            html_inlines(input, content, x);
            x.end();
        }
        Block::Heading { attrs, content } => {
            x.start(&format!("h{}", attrs.level), &[]);
            html_inlines(input, content, x);
            x.end();
        }
        Block::Blockquote { content } => {
            x.start("blockquote", &[]).newline();
            write_blocks(input, content, image_src, x);
            x.end();
        }
        Block::BulletList { content } | Block::OrderedList { content, .. } => {
            let (name, start) = match block {
                Block::OrderedList { attrs, .. } if attrs.start != 1 => ("ol", Some(attrs.start.to_string())),
                Block::OrderedList { .. } => ("ol", None),
                _ => ("ul", None),
            };
            let attributes: Vec<(&str, &str)> = start.iter().map(|s| ("start", s.as_str())).collect();
            x.start(name, &attributes).newline();
            for item in content {
                x.start("li", &[]);
                for (n, b) in item.content.iter().filter(|b| shows(input, b)).enumerate() {
                    if n > 0 {
                        x.newline();
                    }
                    html_block(input, b, image_src, x);
                }
                x.end().newline();
            }
            x.end();
        }
        Block::Figure { attrs } => {
            if let Some(photo) = input.figure(&attrs.photo_use) {
                figure_html(photo, &image_src(&photo.file_name), x);
            }
        }
        Block::HorizontalRule => {
            x.empty("hr", &[]);
        }
    }
}

/// The blocks that [`shows`], each followed by a line break.
fn write_blocks(input: &ExportInput, blocks: &[Block], image_src: &dyn Fn(&str) -> String, x: &mut Xml) {
    for block in blocks.iter().filter(|b| shows(input, b)) {
        html_block(input, block, image_src, x);
        x.newline();
    }
}

/// A photo as `<figure><img alt><figcaption>caption credit line</figcaption></figure>`, one
/// element a line, without a line break after it. A stand-in says so first in its caption
/// (`<strong class="stand-in">`), so no reader takes it for the real photo.
pub fn figure_html(photo: &super::ExportPhoto, src: &str, x: &mut Xml) {
    let u = &photo.photo_use;
    let caption = u.caption.trim();
    let credit = u.credit_line.trim();
    let stand_in = u.stand_in.trim();
    let (width, height) = (photo.width.to_string(), photo.height.to_string());
    let has_stand_in = !carried(stand_in).trim().is_empty();
    let figure_attributes: &[(&str, &str)] = if has_stand_in { &[("class", "stand-in")] } else { &[] };
    x.start("figure", figure_attributes).newline();
    x.empty("img", &[("src", src), ("alt", u.alt_text.trim()), ("width", &width), ("height", &height)]);
    x.newline();
    let has_caption = !carried(caption).is_empty();
    if has_caption || !credit.is_empty() || has_stand_in {
        x.start("figcaption", &[]);
        if has_stand_in {
            x.leaf("strong", &[("class", "stand-in")], stand_in);
            if has_caption || !credit.is_empty() {
                x.text(" ");
            }
        }
        if has_caption {
            x.text(caption);
        }
        if !credit.is_empty() {
            if has_caption {
                x.text(" ");
            }
            x.leaf("span", &[("class", "credit")], credit);
        }
        x.end().newline();
    }
    x.end();
}

fn html_inlines(input: &ExportInput, content: &[Inline], x: &mut Xml) {
    for inline in content {
        match inline {
            Inline::HardBreak => {
                x.empty("br", &[]);
            }
            Inline::Text { marks, .. } if marks.contains(&Mark::Note) => {}
            Inline::Text { text, marks } => {
                let mut opened = 0;
                for (name, href) in marks.iter().filter_map(|m| mark_element(input, m)) {
                    match &href {
                        Some(href) => x.start(name, &[("href", href)]),
                        None => x.start(name, &[]),
                    };
                    opened += 1;
                }
                x.text(text);
                for _ in 0..opened {
                    x.end();
                }
            }
        }
    }
}

/// Escapes text so Markdown shows it as written (no emphasis, links, HTML or headings).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.' | '!'
            | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

/// The body as Markdown (CommonMark); figures are written by `figure`.
pub fn markdown(input: &ExportInput, figure: &dyn Fn(&super::ExportPhoto) -> String) -> String {
    let mut out = String::new();
    for block in &input.story.body.content {
        md_block(input, block, figure, "", &mut out);
    }
    out
}

fn md_block(
    input: &ExportInput,
    block: &Block,
    figure: &dyn Fn(&super::ExportPhoto) -> String,
    prefix: &str,
    out: &mut String,
) {
    let para = |text: String, out: &mut String| {
        if !text.trim().is_empty() {
            for line in text.lines() {
                let _ = writeln!(out, "{prefix}{line}");
            }
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
    };
    match block {
        Block::Paragraph { content } => para(md_inlines(input, content), out),
        Block::Heading { attrs, content } => {
            let text = md_inlines(input, content);
            if !text.trim().is_empty() {
                para(format!("{} {}", "#".repeat(attrs.level as usize), text.replace('\n', " ")), out);
            }
        }
        Block::Blockquote { content } => {
            let inner = format!("{prefix}> ");
            content.iter().for_each(|b| md_block(input, b, figure, &inner, out));
        }
        Block::BulletList { content } | Block::OrderedList { content, .. } => {
            let start = match block {
                Block::OrderedList { attrs, .. } => Some(attrs.start),
                _ => None,
            };
            for (i, item) in content.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}. ", s as usize + i),
                    None => "- ".to_string(),
                };
                let mut inner = String::new();
                item.content.iter().for_each(|b| md_block(input, b, figure, "", &mut inner));
                let indent = " ".repeat(marker.len());
                for (n, line) in inner.trim_end().lines().enumerate() {
                    if n == 0 {
                        let _ = writeln!(out, "{prefix}{marker}{line}");
                    } else if line.is_empty() {
                        let _ = writeln!(out, "{}", prefix.trim_end());
                    } else {
                        let _ = writeln!(out, "{prefix}{indent}{line}");
                    }
                }
            }
            let _ = writeln!(out, "{}", prefix.trim_end());
        }
        Block::Figure { attrs } => {
            if let Some(photo) = input.figure(&attrs.photo_use) {
                para(figure(photo), out);
            }
        }
        Block::HorizontalRule => para("* * *".to_string(), out),
    }
}

fn md_inlines(input: &ExportInput, content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::HardBreak => out.push_str("\\\n"),
            Inline::Text { marks, .. } if marks.contains(&Mark::Note) => {}
            Inline::Text { text, marks } => {
                let mut text = escape_markdown(text);
                // Emphasis delimiters must hug the words: keep outer spaces outside.
                let lead = text.len() - text.trim_start().len();
                let trail = text.len() - text.trim_end().len();
                let (pre, mid, post) = (
                    text[..lead].to_string(),
                    text[lead..text.len() - trail].to_string(),
                    text[text.len() - trail..].to_string(),
                );
                if mid.is_empty() {
                    out.push_str(&text);
                    continue;
                }
                let mut core = mid;
                if marks.contains(&Mark::Em) {
                    core = format!("*{core}*");
                }
                if marks.contains(&Mark::Strong) {
                    core = format!("**{core}**");
                }
                for mark in marks {
                    if let Mark::Link { attrs } = mark {
                        if let Some(href) = link_target(input, &attrs.href) {
                            core = format!("[{core}](<{}>)", href.replace(['<', '>', '\n'], ""));
                        }
                    }
                }
                text = format!("{pre}{core}{post}");
                out.push_str(&text);
            }
        }
    }
    out
}
