//! Ghost through its Admin API, signed with an Admin API key (a fresh five-minute token for every
//! request). Posts go as HTML (`?source=html`), which Ghost turns into its own cards.

use serde_json::{json, Value};
use url::Url;

use crate::jwt::AdminKey;
use crate::net::{Answer, Body, Client, Limits};
use crate::send::{Cms, MediaUpload, PostBody, RemoteMedia, RemotePost};
use crate::SendError;
use byline_model::xml::Xml;
use byline_model::SendStatus;

pub struct Ghost {
    client: Client,
    key: AdminKey,
}

/// Ghost's limits on a post's fields (longer is refused with a validation error).
const EXCERPT_MAX: usize = 300;
const ALT_MAX: usize = 191;

impl Ghost {
    pub fn new(site: Url, admin_key: &str, limits: Limits) -> Result<Ghost, String> {
        Ok(Ghost { client: Client::new(site, limits), key: AdminKey::parse(admin_key)? })
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.client.site().clone();
        let base = url.path().trim_end_matches('/').to_string();
        match path.split_once('?') {
            Some((p, q)) => {
                url.set_path(&format!("{base}/ghost/api/admin/{p}"));
                url.set_query(Some(q));
            }
            None => url.set_path(&format!("{base}/ghost/api/admin/{path}")),
        }
        url
    }

    fn call(&self, method: &str, path: &str, body: Body<'_>) -> Result<Answer, SendError> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let headers = [
            ("Authorization", format!("Ghost {}", self.key.token(now))),
            ("Accept-Version", "v6.0".to_string()),
            ("Accept", "application/json".to_string()),
        ];
        self.client.request(method, self.url(path), &headers, body)
    }

    fn json(&self, method: &str, path: &str, body: Body<'_>, what: &str) -> Result<Value, SendError> {
        let answer = self.call(method, path, body)?;
        if !answer.ok() {
            return Err(answer.error(what));
        }
        answer.json()
    }

    fn post_json(&self, post: &PostBody, updated_at: Option<&str>) -> Value {
        let mut p = json!({
            "title": post.title,
            "html": post.html,
            "custom_excerpt": cut(&post.excerpt, EXCERPT_MAX),
            "status": match post.status { SendStatus::Draft => "draft", SendStatus::Publish => "published" },
            "slug": post.slug,
            "tags": post.tags.iter().map(|t| json!({ "name": t })).collect::<Vec<_>>(),
        });
        if let Some((media, caption, alt)) = &post.featured {
            p["feature_image"] = json!(media.url);
            p["feature_image_alt"] = json!(cut(alt, ALT_MAX));
            // Ghost reads the caption as HTML: the text is escaped.
            let mut x = Xml::html();
            x.text(caption);
            p["feature_image_caption"] = json!(x.finish());
        }
        if let Some(at) = updated_at {
            p["updated_at"] = json!(at);
        }
        json!({ "posts": [p] })
    }
}

/// At most `max` characters, cut at a word when it must be cut.
fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max - 1).collect();
    let at = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(head.len());
    format!("{}…", head[..at].trim_end())
}

fn remote_post(v: &Value) -> Result<RemotePost, SendError> {
    let p = &v["posts"][0];
    let id =
        p["id"].as_str().ok_or_else(|| SendError::Refused("Ghost answered without the post's id".into()))?;
    Ok(RemotePost {
        id: id.to_string(),
        url: p["url"].as_str().unwrap_or_default().to_string(),
        modified: p["updated_at"].as_str().unwrap_or_default().to_string(),
    })
}

/// One multipart/form-data body: the file and the fields Ghost reads with it.
fn multipart(boundary: &str, file_name: &str, bytes: &[u8], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::with_capacity(bytes.len() + 512);
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: image/jpeg\r\n\r\n",
            file_name.replace(['"', '\r', '\n'], "")
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

impl Cms for Ghost {
    fn check(&self) -> Result<String, SendError> {
        let site = self.client.request(
            "GET",
            self.url("site/"),
            &[("Accept-Version", "v6.0".into())],
            Body::None,
        )?;
        let title = match site.json() {
            Ok(v) if site.ok() && v["site"].is_object() => {
                v["site"]["title"].as_str().unwrap_or_default().to_string()
            }
            _ => {
                return Err(SendError::Refused(format!(
                    "{} does not look like a Ghost site (its Admin API answered {})",
                    self.client.site(),
                    site.status
                )))
            }
        };
        self.json("GET", "posts/?limit=1&fields=id", Body::None, "signing in")?;
        Ok(format!("Signed in to {title} with the Admin API key"))
    }

    fn find_media(&self, media: &MediaUpload<'_>) -> Result<Option<RemoteMedia>, SendError> {
        // Ghost files an upload under content/images/<year>/<month>/ by its name, and has no
        // search for images: an upload whose answer was lost is where its name puts it, this
        // month or the last.
        let now = time::OffsetDateTime::now_utc();
        let last = now - time::Duration::days(28);
        for at in [now, last] {
            let mut url = self.client.site().clone();
            let base = url.path().trim_end_matches('/').to_string();
            url.set_path(&format!(
                "{base}/content/images/{}/{:02}/{}",
                at.year(),
                u8::from(at.month()),
                media.file_name
            ));
            let answer = self.client.request("GET", url.clone(), &[], Body::None)?;
            if answer.ok() && answer.body == media.jpeg {
                return Ok(Some(RemoteMedia { id: url.to_string(), url: url.to_string() }));
            }
        }
        Ok(None)
    }

    fn upload_media(&self, media: &MediaUpload<'_>) -> Result<RemoteMedia, SendError> {
        let boundary = format!("byline-{}", media.key);
        let body =
            multipart(&boundary, media.file_name, media.jpeg, &[("purpose", "image"), ("ref", media.key)]);
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let answer = self.client.request(
            "POST",
            self.url("images/upload/"),
            &[
                ("Authorization", format!("Ghost {}", self.key.token(now))),
                ("Accept-Version", "v6.0".to_string()),
                ("Accept", "application/json".to_string()),
            ],
            Body::Bytes { content_type: &content_type, bytes: &body },
        )?;
        if !answer.ok() {
            return Err(answer.error(&format!("uploading {}", media.file_name)));
        }
        let v = answer.json()?;
        let url = v["images"][0]["url"].as_str().ok_or_else(|| {
            SendError::Refused("Ghost answered the upload without the image's address".into())
        })?;
        Ok(RemoteMedia { id: url.to_string(), url: url.to_string() })
    }

    fn describe_media(&self, _remote: &RemoteMedia, _media: &MediaUpload<'_>) -> Result<(), SendError> {
        // Ghost keeps no words with an image: the caption and alt text travel in the post.
        Ok(())
    }

    fn post(&self, id: &str) -> Result<Option<RemotePost>, SendError> {
        let answer = self.call("GET", &format!("posts/{id}/"), Body::None)?;
        if answer.status == 404 {
            return Ok(None);
        }
        if !answer.ok() {
            return Err(answer.error("looking for the story on the site"));
        }
        remote_post(&answer.json()?).map(Some)
    }

    fn find_post(&self, slug: &str, _marker: &str) -> Result<Option<RemotePost>, SendError> {
        // Ghost keeps no comment of the HTML it is sent: a post whose creation was not
        // confirmed is known by its slug, which Byline set.
        let slug: String = slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let v = self.json(
            "GET",
            &format!("posts/?filter=slug:{slug}&limit=1"),
            Body::None,
            "looking for the story on the site",
        )?;
        if v["posts"].as_array().is_none_or(|p| p.is_empty()) {
            return Ok(None);
        }
        remote_post(&v).map(Some)
    }

    fn create_post(&self, post: &PostBody) -> Result<RemotePost, SendError> {
        let body = self.post_json(post, None);
        remote_post(&self.json("POST", "posts/?source=html", Body::Json(&body), "sending the story")?)
    }

    fn update_post(&self, current: &RemotePost, post: &PostBody) -> Result<RemotePost, SendError> {
        // Ghost refuses an update that does not name the post's current `updated_at`.
        let body = self.post_json(post, Some(&current.modified));
        remote_post(&self.json(
            "PUT",
            &format!("posts/{}/?source=html", current.id),
            Body::Json(&body),
            "updating the story",
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_fields_are_cut_at_a_word_to_ghosts_limits() {
        let long = "word ".repeat(100);
        let cut_text = cut(&long, EXCERPT_MAX);
        assert!(cut_text.chars().count() <= EXCERPT_MAX);
        assert!(cut_text.ends_with("word…"));
        assert_eq!(cut("short", ALT_MAX), "short");
    }

    #[test]
    fn the_multipart_body_carries_the_file_whole() {
        let bytes = [0xFFu8, 0xD8, 0, 13, 10, 0xFF, 0xD9];
        let body = multipart("b", "a\".jpg", &bytes, &[("ref", "k")]);
        let text = String::from_utf8_lossy(&body);
        assert!(text.starts_with("--b\r\nContent-Disposition: form-data; name=\"ref\"\r\n\r\nk\r\n"));
        assert!(text.contains("filename=\"a.jpg\""));
        assert!(body.windows(bytes.len()).any(|w| w == bytes));
        assert!(text.ends_with("\r\n--b--\r\n"));
    }
}
