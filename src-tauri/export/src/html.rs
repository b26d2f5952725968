//! The HTML export: a folder with `index.html` and `images/`, valid HTML5 with schema.org
//! `NewsArticle` JSON-LD. No script runs in it: the only `<script>` is JSON-LD data, with `<`, `>`
//! and `&` escaped inside the JSON.

use serde_json::json;

use super::body::{figure_html, write_html, write_related};
use super::dates::reader_date;
use super::{ExportInput, OutputFile};
use byline_model::language::is_right_to_left;
use byline_model::time::rfc3339;
use byline_model::xml::{forbidden, Xml};
use byline_model::Result;

const STYLE: &str = "body{font:18px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d1d1b}\
.kicker{font:600 .8rem/1 sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#9b1c1c}\
h1{font-size:2.2rem;line-height:1.15;margin:.3rem 0 1rem}.standfirst{font-size:1.2rem;color:#444}\
.byline,.dateline,time{font:.9rem sans-serif;color:#555}figure{margin:1.5rem 0}img{max-width:100%;height:auto}\
figcaption{font:.85rem/1.4 sans-serif;color:#444}.credit{color:#777}\
figure.stand-in img{outline:4px dashed #9b1c1c;outline-offset:-4px}strong.stand-in{display:block;color:#9b1c1c}";

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` as `\\u` escapes, so no
/// text can close the script element.
pub fn script_safe_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            // Characters HTML forbids raw stay in the data as JSON escapes.
            c if forbidden(c) => {
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
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.headline,
        "alternativeHeadline": s.kicker,
        "description": s.standfirst,
        "author": {"@type": "Person", "name": s.byline},
        "dateCreated": rfc3339(s.created),
        "dateModified": rfc3339(s.updated),
        "keywords": s.tags,
        "wordCount": s.stats.words,
        "image": images,
    });
    // Only a story that was published has a publication date.
    if let Some(published) = s.published {
        article["datePublished"] = json!(rfc3339(published));
    }
    article
}

pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    let s = &input.story;
    let src = |file: &str| format!("images/{file}");
    let mut x = Xml::html();
    x.doctype("html").newline();
    let dir = if is_right_to_left(&s.language) { "rtl" } else { "ltr" };
    x.start("html", &[("lang", s.language.as_str()), ("dir", dir)]).newline();
    x.start("head", &[]).newline();
    x.empty("meta", &[("charset", "utf-8")]).newline();
    x.empty("meta", &[("name", "viewport"), ("content", "width=device-width, initial-scale=1")]).newline();
    x.leaf("title", &[], if s.headline.trim().is_empty() { "Untitled" } else { s.headline.trim() }).newline();
    if !s.standfirst.trim().is_empty() {
        x.empty("meta", &[("name", "description"), ("content", s.standfirst.trim())]).newline();
    }
    // Script and style are raw text in HTML: character references would not be read there, so
    // their content is written as it is (the JSON already has `<`, `>` and `&` escaped).
    x.start("script", &[("type", "application/ld+json")]).raw(&script_safe_json(&json_ld(input))).end();
    x.newline();
    x.start("style", &[]).raw(STYLE).end().newline();
    x.end().newline(); // head
    x.start("body", &[]).newline();
    x.start("article", &[]).newline();
    x.start("header", &[]).newline();
    if let Some(lead) = &input.lead {
        figure_html(lead, &src(&lead.file_name), &mut x);
        x.newline();
    }
    if !s.kicker.trim().is_empty() {
        x.leaf("p", &[("class", "kicker")], s.kicker.trim()).newline();
    }
    x.leaf("h1", &[], s.headline.trim()).newline();
    if !s.standfirst.trim().is_empty() {
        x.leaf("p", &[("class", "standfirst")], s.standfirst.trim()).newline();
    }
    if !s.byline.trim().is_empty() {
        x.leaf("p", &[("class", "byline")], &format!("By {}", s.byline.trim())).newline();
    }
    if !s.dateline.trim().is_empty() {
        x.leaf("p", &[("class", "dateline")], s.dateline.trim()).newline();
    }
    // The date as the story's readers read it, the machine-readable instant in `datetime`: when it
    // was published, or, for a story not yet published, when it was last changed.
    let date = s.published.unwrap_or(s.updated);
    x.leaf("time", &[("datetime", &rfc3339(date))], &reader_date(date, &s.language)).newline();
    x.end().newline(); // header
    write_html(input, &src, &mut x);
    write_related(input, &mut x);
    x.end().newline(); // article
    x.end().newline(); // body
    x.end().newline(); // html
    let page = x.finish();
    let mut files = vec![OutputFile { path: "index.html".into(), bytes: page.into_bytes() }];
    for p in input.lead.iter().chain(&input.inline) {
        files.push(OutputFile { path: format!("images/{}", p.file_name), bytes: p.jpeg.clone() });
    }
    Ok(files)
}
