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

/// A shortcode parameter, on one line. Hugo reads a raw string (`` `…` ``) as written, so that is
/// the form used; its lexer unescapes nothing in a quoted one but `\"` (a `\\` stays two
/// backslashes, and a backslash before the closing quote escapes it). Only text holding a backtick
/// is quoted, its quotes escaped and a final backslash spaced off from the closing quote.
fn param(text: &str) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if !flat.contains('`') {
        return format!("`{flat}`");
    }
    let quoted = flat.replace('"', "\\\"");
    let end = if quoted.ends_with('\\') { " " } else { "" };
    format!("\"{quoted}{end}\"")
}

/// Text for a parameter the shortcode renders through Markdown: escaped for Markdown, a backtick
/// as its character reference (so the parameter stays a raw string).
fn markdown_param(text: &str) -> String {
    param(&escape_markdown(text).replace("\\`", "&#96;"))
}

fn figure(p: &ExportPhoto) -> String {
    let u = &p.photo_use;
    // The shortcode renders caption and attr through Markdown: escape them for it. A stand-in
    // says so first in the caption, in bold, and its figure has the class `stand-in`.
    let caption = escape_markdown(u.caption.trim());
    let stand_in = escape_markdown(u.stand_in.trim());
    let (caption, class) = match (stand_in.trim().is_empty(), caption.is_empty()) {
        (true, _) => (caption, String::new()),
        (false, true) => (format!("**{stand_in}**"), format!(" class={}", param("stand-in"))),
        (false, false) => (format!("**{stand_in}** {caption}"), format!(" class={}", param("stand-in"))),
    };
    format!(
        "{{{{< figure src={} alt={} caption={} attr={}{class} >}}}}",
        param(&p.file_name),
        param(&u.alt_text),
        param(&caption.replace("\\`", "&#96;")),
        markdown_param(u.credit_line.trim()),
    )
}

pub fn render(input: &ExportInput) -> Result<Vec<OutputFile>> {
    let s = &input.story;
    let when = byline_model::time::rfc3339;
    let front = FrontMatter {
        title: s.headline.trim(),
        // Hugo dates and orders a page by `date`: when it was published, if it was.
        date: when(s.published.unwrap_or(s.created)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_raw_strings_unless_they_hold_a_backtick() {
        assert_eq!(param(r#"say "hi" \ end\"#), r#"`say "hi" \ end\`"#);
        assert_eq!(param("two\nlines"), "`two lines`");
        assert_eq!(param(r#"a `tick` and "quotes" end\"#), r#""a `tick` and \"quotes\" end\ ""#);
        // Markdown's escapes stay as they are for the shortcode's Markdown; a backtick is a reference.
        assert_eq!(markdown_param("2020. Stand-in `x` \\"), r"`2020\. Stand\-in &#96;x&#96; \\`");
    }
}
