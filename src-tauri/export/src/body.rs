//! The story body rendered for export, from the typed tree: HTML (also valid XHTML) and Markdown.
//! Every text is escaped; notes are dropped; story links become the other story's published URL
//! (or plain text without a base URL); figures show the photo with its caption and credit line.

use std::fmt::Write;

use super::ExportInput;
use byline_document::{Block, Inline, Mark};

/// Characters that may not appear in HTML or XML text: C0 controls but tab and new lines, C1
/// controls, and Unicode noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF).
pub fn forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Escapes text for HTML and XML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 and HTML forbid are dropped rather than written.
            c if forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Where a link mark points in an export, or `None` when it must become plain text.
fn link_target(input: &ExportInput, href: &str) -> Option<String> {
    match href.strip_prefix("story:") {
        Some(id) => input.story_slug(id).and_then(|slug| input.story_url(&slug)),
        None => Some(href.to_string()),
    }
}

/// The body as HTML fragments. `image_src` gives the `src` of a photo's file in this export.
pub fn html(input: &ExportInput, image_src: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    for block in &input.story.body.content {
        html_block(input, block, image_src, &mut out);
    }
    out
}

fn html_block(input: &ExportInput, block: &Block, image_src: &dyn Fn(&str) -> String, out: &mut String) {
    match block {
        Block::Paragraph { content } => {
            let inner = html_inlines(input, content);
            if !inner.trim().is_empty() {
                let _ = writeln!(out, "<p>{inner}</p>");
            }
        }
        Block::Heading { attrs, content } => {
            let inner = html_inlines(input, content);
            if !inner.trim().is_empty() {
                let _ = writeln!(out, "<h{l}>{inner}</h{l}>", l = attrs.level);
            }
        }
        Block::Blockquote { content } => {
            out.push_str("<blockquote>\n");
            content.iter().for_each(|b| html_block(input, b, image_src, out));
            out.push_str("</blockquote>\n");
        }
        Block::BulletList { content } | Block::OrderedList { content, .. } => {
            let tag = match block {
                Block::OrderedList { attrs, .. } if attrs.start != 1 => {
                    format!("ol start=\"{}\"", attrs.start)
                }
                Block::OrderedList { .. } => "ol".to_string(),
                _ => "ul".to_string(),
            };
            let _ = writeln!(out, "<{tag}>");
            for item in content {
                out.push_str("<li>");
                let mut inner = String::new();
                item.content.iter().for_each(|b| html_block(input, b, image_src, &mut inner));
                out.push_str(inner.trim_end());
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "</{}>", &tag[..2]);
        }
        Block::Figure { attrs } => {
            if let Some(photo) = input.figure(&attrs.photo_use) {
                out.push_str(&figure_html(photo, &image_src(&photo.file_name)));
            }
        }
        Block::HorizontalRule => out.push_str("<hr/>\n"),
    }
}

/// A photo as `<figure><img alt><figcaption>caption credit line</figcaption></figure>`.
pub fn figure_html(photo: &super::ExportPhoto, src: &str) -> String {
    let u = &photo.photo_use;
    let mut caption = escape(u.caption.trim());
    if !u.credit_line.trim().is_empty() {
        if !caption.is_empty() {
            caption.push(' ');
        }
        let _ = write!(caption, "<span class=\"credit\">{}</span>", escape(u.credit_line.trim()));
    }
    let mut out = format!(
        "<figure>\n<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"/>\n",
        escape(src),
        escape(u.alt_text.trim()),
        photo.width,
        photo.height
    );
    if !caption.is_empty() {
        let _ = writeln!(out, "<figcaption>{caption}</figcaption>");
    }
    out.push_str("</figure>\n");
    out
}

fn html_inlines(input: &ExportInput, content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::HardBreak => out.push_str("<br/>"),
            Inline::Text { marks, .. } if marks.contains(&Mark::Note) => {}
            Inline::Text { text, marks } => {
                let mut open = String::new();
                let mut close = Vec::new();
                for mark in marks {
                    match mark {
                        Mark::Strong => {
                            open.push_str("<strong>");
                            close.push("</strong>");
                        }
                        Mark::Em => {
                            open.push_str("<em>");
                            close.push("</em>");
                        }
                        Mark::Link { attrs } => {
                            if let Some(href) = link_target(input, &attrs.href) {
                                let _ = write!(open, "<a href=\"{}\">", escape(&href));
                                close.push("</a>");
                            }
                        }
                        Mark::Note => {}
                    }
                }
                out.push_str(&open);
                out.push_str(&escape(text));
                close.iter().rev().for_each(|c| out.push_str(c));
            }
        }
    }
    out
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
