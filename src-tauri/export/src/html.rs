//! The HTML export: a folder with `index.html` and `images/`, valid HTML5 with schema.org
//! `NewsArticle` JSON-LD. No script runs in it: the only `<script>` is JSON-LD data, with `<`, `>`
//! and `&` escaped inside the JSON.

use std::fmt::Write;

use serde_json::json;

use super::body::{escape, figure_html};
use super::{ExportInput, OutputFile};
use byline_model::Result;

const STYLE: &str = "body{font:18px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d1d1b}\
.kicker{font:600 .8rem/1 sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#9b1c1c}\
h1{font-size:2.2rem;line-height:1.15;margin:.3rem 0 1rem}.standfirst{font-size:1.2rem;color:#444}\
.byline,.dateline,time{font:.9rem sans-serif;color:#555}figure{margin:1.5rem 0}img{max-width:100%;height:auto}\
figcaption{font:.85rem/1.4 sans-serif;color:#444}.credit{color:#777}";

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` as `\\u` escapes, so no
/// text can close the script element.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            // Characters HTML forbids raw stay in the data as JSON escapes.
            c if super::body::forbidden(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn rfc3339(t: time::OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// schema.org NewsArticle for the story.
pub fn json_ld(input: &ExportInput) -> serde_json::Value {
    let s = &input.story;
    let images: Vec<serde_json::Value> = input
        .lead
        .iter()
        .chain(&input.inline)
        .map(|p| {
            let u = &p.photo_use;
            json!({
                "@type": "ImageObject",
                "contentUrl": format!("images/{}", p.file_name),
                "width": p.width,
                "height": p.height,
                "caption": u.caption,
                "creditText": u.credit,
                "creator": {"@type": "Person", "name": u.creator},
                "copyrightNotice": u.copyright,
                "description": u.alt_text,
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.headline,
        "alternativeHeadline": s.kicker,
        "description": s.standfirst,
        "author": {"@type": "Person", "name": s.byline},
        "dateCreated": rfc3339(s.created),
        "dateModified": rfc3339(s.updated),
        "datePublished": rfc3339(s.updated),
        "keywords": s.tags,
        "wordCount": s.stats.words,
        "image": images,
    })
}

pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    let s = &input.story;
    let src = |file: &str| format!("images/{file}");
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n",
        escape(if s.headline.trim().is_empty() { "Untitled" } else { s.headline.trim() })
    );
    if !s.standfirst.trim().is_empty() {
        let _ = writeln!(page, "<meta name=\"description\" content=\"{}\">", escape(s.standfirst.trim()));
    }
    let _ =
        writeln!(page, "<script type=\"application/ld+json\">{}</script>", script_safe_json(&json_ld(input)));
    let _ = writeln!(page, "<style>{STYLE}</style>\n</head>\n<body>\n<article>\n<header>");
    if let Some(lead) = &input.lead {
        page.push_str(&figure_html(lead, &src(&lead.file_name)));
    }
    if !s.kicker.trim().is_empty() {
        let _ = writeln!(page, "<p class=\"kicker\">{}</p>", escape(s.kicker.trim()));
    }
    let _ = writeln!(page, "<h1>{}</h1>", escape(s.headline.trim()));
    if !s.standfirst.trim().is_empty() {
        let _ = writeln!(page, "<p class=\"standfirst\">{}</p>", escape(s.standfirst.trim()));
    }
    if !s.byline.trim().is_empty() {
        let _ = writeln!(page, "<p class=\"byline\">By {}</p>", escape(s.byline.trim()));
    }
    if !s.dateline.trim().is_empty() {
        let _ = writeln!(page, "<p class=\"dateline\">{}</p>", escape(s.dateline.trim()));
    }
    let _ = writeln!(page, "<time datetime=\"{0}\">{0}</time>\n</header>", escape(&rfc3339(s.updated)));
    page.push_str(&super::body::html(input, &src));
    if !input.related.is_empty() {
        page.push_str("<section class=\"related\">\n<h2>Related Posts</h2>\n<ul>\n");
        for r in &input.related {
            match &r.url {
                Some(url) => {
                    let _ = writeln!(page, "<li><a href=\"{}\">{}</a></li>", escape(url), escape(&r.title));
                }
                None => {
                    let _ = writeln!(page, "<li>{}</li>", escape(&r.title));
                }
            }
        }
        page.push_str("</ul>\n</section>\n");
    }
    page.push_str("</article>\n</body>\n</html>\n");
    let mut files = vec![OutputFile { path: "index.html".into(), bytes: page.into_bytes() }];
    for p in input.lead.iter().chain(&input.inline) {
        files.push(OutputFile { path: format!("images/{}", p.file_name), bytes: p.jpeg.clone() });
    }
    Ok(files)
}
