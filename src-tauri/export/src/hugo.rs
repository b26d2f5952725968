//! The static-site export: a Hugo page bundle, `index.md` with YAML front matter and the photos
//! beside it. Figures use Hugo's built-in `figure` shortcode; every text is escaped for Markdown
//! (and for the shortcode's quoted parameters), so it renders as written.

use serde::Serialize;

use super::body::{escape_markdown, markdown};
use super::{ExportInput, ExportPhoto, OutputFile};
use byline_model::{Result, Status};

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    date: String,
    lastmod: String,
    draft: bool,
    slug: &'a str,
    description: &'a str,
    tags: &'a [String],
    images: Vec<String>,
    kicker: &'a str,
    byline: &'a str,
    dateline: &'a str,
}

/// A shortcode parameter: a double-quoted string with `\` and `"` escaped, no new lines.
fn param(text: &str) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("\"{}\"", flat.replace('\\', "\\\\").replace('"', "\\\""))
}

fn figure(p: &ExportPhoto) -> String {
    let u = &p.photo_use;
    // The shortcode renders caption and attr through Markdown: escape them for it.
    format!(
        "{{{{< figure src={} alt={} caption={} attr={} >}}}}",
        param(&p.file_name),
        param(&u.alt_text),
        param(&escape_markdown(u.caption.trim())),
        param(&escape_markdown(u.credit_line.trim())),
    )
}

pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    let s = &input.story;
    let when = byline_model::time::rfc3339;
    let front = FrontMatter {
        title: s.headline.trim(),
        date: when(s.created),
        lastmod: when(s.updated),
        draft: s.status != Status::Published,
        slug: &s.slug,
        description: s.standfirst.trim(),
        tags: &s.tags,
        images: input.lead.iter().map(|p| p.file_name.clone()).collect(),
        kicker: s.kicker.trim(),
        byline: s.byline.trim(),
        dateline: s.dateline.trim(),
    };
    let yaml = serde_norway::to_string(&front)
        .map_err(|e| crate::Error::InvalidInput(format!("front matter could not be written: {e}")))?;
    let mut page = format!("---\n{yaml}---\n\n");
    if let Some(lead) = &input.lead {
        page.push_str(&figure(lead));
        page.push_str("\n\n");
    }
    page.push_str(&markdown(input, &figure));
    if !input.related.is_empty() {
        page.push_str("\n## Related Posts\n\n");
        for r in &input.related {
            match &r.url {
                Some(url) => page.push_str(&format!(
                    "- [{}](<{}>)\n",
                    escape_markdown(&r.title),
                    url.replace(['<', '>', '\n'], "")
                )),
                None => page.push_str(&format!("- {}\n", escape_markdown(&r.title))),
            }
        }
    }
    let mut files = vec![OutputFile { path: "index.md".into(), bytes: page.into_bytes() }];
    for p in input.lead.iter().chain(&input.inline) {
        files.push(OutputFile { path: p.file_name.clone(), bytes: p.jpeg.clone() });
    }
    Ok(files)
}
