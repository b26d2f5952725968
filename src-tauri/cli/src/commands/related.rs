//! The link commands: related posts added and listed, suggestions, and backlinks.

use byline_core::{Error, Library, LinkKind, RelatedLink};

use super::json;

/// `relate`: adds a related post (another story or a URL) and prints the story's list.
pub fn relate(lib: &mut Library, story: &str, target: String, title: Option<String>) -> Result<(), Error> {
    let link = if target.contains(':') {
        let title = title.ok_or_else(|| Error::InvalidInput("a link to a URL needs --title".into()))?;
        RelatedLink { story_id: None, url: Some(target), title, broken: false }
    } else {
        let other = lib.story(&target)?;
        RelatedLink {
            story_id: Some(other.id),
            url: None,
            title: title.unwrap_or(other.headline),
            broken: false,
        }
    };
    print_related(&lib.add_related(story, link)?);
    Ok(())
}

/// `related`: a story's related posts, or with `suggest` the stories like it not linked yet.
pub fn related(lib: &mut Library, story: &str, suggest: bool, as_json: bool) -> Result<(), Error> {
    if suggest {
        let found = lib.suggest_related(story, 10)?;
        if as_json {
            return json(&found);
        }
        for s in found {
            println!("{}  {}  (shares: {})", s.story.id, s.story.headline, s.shared.join(", "));
        }
    } else {
        let related = lib.story(story)?.related;
        if as_json {
            return json(&related);
        }
        print_related(&related);
    }
    Ok(())
}

/// `backlinks`: the stories whose body or related posts point at this one.
pub fn backlinks(lib: &Library, story: &str, as_json: bool) -> Result<(), Error> {
    let links = lib.backlinks(story)?;
    if as_json {
        return json(&links);
    }
    for link in links {
        let via: Vec<&str> = link
            .via
            .iter()
            .map(|v| match v {
                LinkKind::Body => "body",
                LinkKind::Related => "related",
            })
            .collect();
        println!("{}  {}  ({})", link.story.id, link.story.headline, via.join(", "));
    }
    Ok(())
}

/// Prints related posts, numbered, each with the story or URL it points at.
fn print_related(links: &[RelatedLink]) {
    for (n, link) in links.iter().enumerate() {
        match (&link.story_id, &link.url) {
            (Some(id), _) if link.broken => {
                println!("{}. {}  (story {id} no longer exists)", n + 1, link.title)
            }
            (Some(id), _) => println!("{}. {}  (story {id})", n + 1, link.title),
            (None, Some(url)) => println!("{}. {}  <{url}>", n + 1, link.title),
            (None, None) => println!("{}. {}", n + 1, link.title),
        }
    }
}
