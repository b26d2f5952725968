//! WordPress through its REST API (`wp/v2`), signed in with an application password (HTTP Basic).
//! Routes are reached as `?rest_route=/wp/v2/…`, which works whatever the site's permalinks.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};
use url::Url;

use crate::net::{Body, Client, Limits};
use crate::send::{Cms, MediaUpload, PostBody, RemoteMedia, RemotePost};
use crate::SendError;
use byline_model::SendStatus;

pub struct WordPress {
    client: Client,
    authorization: String,
}

impl WordPress {
    pub fn new(site: Url, user: &str, application_password: &str, limits: Limits) -> WordPress {
        let credentials = format!("{}:{}", user.trim(), application_password.trim());
        WordPress {
            client: Client::new(site, limits),
            authorization: format!("Basic {}", STANDARD.encode(credentials)),
        }
    }

    fn url(&self, route: &str, query: &[(&str, &str)]) -> Url {
        let mut url = self.client.site().clone();
        let path = format!("{}/", url.path().trim_end_matches('/'));
        url.set_path(&path);
        {
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair("rest_route", route);
            for (k, v) in query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    fn call(
        &self,
        method: &str,
        route: &str,
        query: &[(&str, &str)],
        body: Body<'_>,
    ) -> Result<crate::net::Answer, SendError> {
        let headers =
            [("Authorization", self.authorization.clone()), ("Accept", "application/json".to_string())];
        self.client.request(method, self.url(route, query), &headers, body)
    }

    /// JSON from a successful answer, or the site's message.
    fn json(
        &self,
        method: &str,
        route: &str,
        query: &[(&str, &str)],
        body: Body<'_>,
        what: &str,
    ) -> Result<Value, SendError> {
        let answer = self.call(method, route, query, body)?;
        if !answer.ok() {
            return Err(answer.error(what));
        }
        answer.json()
    }

    /// The ids of the tags named, made on the site when it does not have them yet.
    fn tag_ids(&self, names: &[String]) -> Result<Vec<u64>, SendError> {
        let mut ids = Vec::new();
        for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            let found = self.json(
                "GET",
                "/wp/v2/tags",
                &[("search", name), ("per_page", "100")],
                Body::None,
                "looking up a tag",
            )?;
            let existing = found.as_array().and_then(|tags| {
                tags.iter().find(|t| {
                    t["name"].as_str().is_some_and(|n| decode_entities(n).eq_ignore_ascii_case(name))
                })
            });
            let id = match existing {
                Some(t) => t["id"].as_u64(),
                None => {
                    let answer =
                        self.call("POST", "/wp/v2/tags", &[], Body::Json(&json!({ "name": name })))?;
                    let v = answer.json().ok();
                    match (answer.ok(), v) {
                        (true, Some(v)) => v["id"].as_u64(),
                        // Made meanwhile by someone else: WordPress names the one it has.
                        (false, Some(v)) if v["code"] == "term_exists" => v["data"]["term_id"].as_u64(),
                        _ => return Err(answer.error(&format!("making the tag \"{name}\""))),
                    }
                }
            };
            ids.extend(id);
        }
        Ok(ids)
    }

    fn post_json(&self, post: &PostBody) -> Result<Value, SendError> {
        let featured = post.featured.as_ref().and_then(|(m, _, _)| m.id.parse::<u64>().ok()).unwrap_or(0);
        Ok(json!({
            "title": post.title,
            "content": post.html,
            "excerpt": post.excerpt,
            "status": match post.status { SendStatus::Draft => "draft", SendStatus::Publish => "publish" },
            "slug": post.slug,
            "tags": self.tag_ids(&post.tags)?,
            "featured_media": featured,
        }))
    }
}

/// A post as WordPress answers it.
fn remote_post(v: &Value) -> Result<RemotePost, SendError> {
    let id = v["id"]
        .as_u64()
        .ok_or_else(|| SendError::Refused("WordPress answered without the post's id".into()))?;
    Ok(RemotePost {
        id: id.to_string(),
        url: v["link"].as_str().unwrap_or_default().to_string(),
        // WordPress gives the time in UTC without a zone.
        modified: v["modified_gmt"].as_str().map(|m| format!("{m}Z")).unwrap_or_default(),
    })
}

fn remote_media(v: &Value) -> Option<RemoteMedia> {
    Some(RemoteMedia { id: v["id"].as_u64()?.to_string(), url: v["source_url"].as_str()?.to_string() })
}

/// The few entities WordPress writes into names (`&amp;`).
fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#039;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

impl Cms for WordPress {
    fn check(&self) -> Result<String, SendError> {
        let site = self.client.request("GET", self.url("/", &[]), &[], Body::None)?;
        if site.status >= 500 {
            return Err(site.error("reaching the site"));
        }
        if !site.ok() || site.json().ok().and_then(|v| v.get("namespaces").cloned()).is_none() {
            return Err(SendError::Refused(format!(
                "{} does not look like a WordPress site with its REST API on (it answered {})",
                self.client.site(),
                site.status
            )));
        }
        let name = site.json()?["name"].as_str().map(decode_entities).unwrap_or_default();
        let me = self.json("GET", "/wp/v2/users/me", &[("context", "edit")], Body::None, "signing in")?;
        let can_publish = me["capabilities"]["publish_posts"].as_bool().unwrap_or(false)
            && me["capabilities"]["upload_files"].as_bool().unwrap_or(false);
        let who = me["name"].as_str().unwrap_or_default();
        if !can_publish {
            return Err(SendError::Refused(format!(
                "signed in to {name} as {who}, but this user cannot publish posts and upload photos; \
                 use an Author, Editor or Administrator"
            )));
        }
        Ok(format!("Signed in to {name} as {who}"))
    }

    fn find_media(&self, media: &MediaUpload<'_>) -> Result<Option<RemoteMedia>, SendError> {
        let key = media.key;
        let found = self.json(
            "GET",
            "/wp/v2/media",
            &[("search", key), ("context", "edit")],
            Body::None,
            "looking for a photo",
        )?;
        Ok(found
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["source_url"].as_str().is_some_and(|u| u.contains(key)))
            .and_then(remote_media))
    }

    fn upload_media(&self, media: &MediaUpload<'_>) -> Result<RemoteMedia, SendError> {
        let answer = self.client.request(
            "POST",
            self.url("/wp/v2/media", &[]),
            &[
                ("Authorization", self.authorization.clone()),
                ("Accept", "application/json".to_string()),
                (
                    "Content-Disposition",
                    format!("attachment; filename=\"{}\"", media.file_name.replace('"', "")),
                ),
            ],
            Body::Bytes { content_type: "image/jpeg", bytes: media.jpeg },
        )?;
        if !answer.ok() {
            return Err(answer.error(&format!("uploading {}", media.file_name)));
        }
        remote_media(&answer.json()?)
            .ok_or_else(|| SendError::Refused("WordPress answered the upload without the photo's id".into()))
    }

    fn describe_media(&self, remote: &RemoteMedia, media: &MediaUpload<'_>) -> Result<(), SendError> {
        let body =
            json!({ "caption": media.caption, "alt_text": media.alt_text, "description": media.description });
        self.json(
            "POST",
            &format!("/wp/v2/media/{}", remote.id),
            &[],
            Body::Json(&body),
            "setting a photo's caption",
        )?;
        Ok(())
    }

    fn post(&self, id: &str) -> Result<Option<RemotePost>, SendError> {
        let answer = self.call("GET", &format!("/wp/v2/posts/{id}"), &[("context", "edit")], Body::None)?;
        if answer.status == 404 || answer.status == 410 {
            return Ok(None);
        }
        if !answer.ok() {
            return Err(answer.error("looking for the story on the site"));
        }
        let v = answer.json()?;
        // A post in the bin is gone for the newsroom: a new one is made.
        if v["status"] == "trash" {
            return Ok(None);
        }
        remote_post(&v).map(Some)
    }

    fn find_post(&self, slug: &str, marker: &str) -> Result<Option<RemotePost>, SendError> {
        let found = self.json(
            "GET",
            "/wp/v2/posts",
            &[("slug", slug), ("status", "draft,publish,pending,future,private"), ("context", "edit")],
            Body::None,
            "looking for the story on the site",
        )?;
        let post = found
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["content"]["raw"].as_str().is_some_and(|raw| raw.contains(marker)));
        post.map(remote_post).transpose()
    }

    fn create_post(&self, post: &PostBody) -> Result<RemotePost, SendError> {
        let body = self.post_json(post)?;
        remote_post(&self.json("POST", "/wp/v2/posts", &[], Body::Json(&body), "sending the story")?)
    }

    fn update_post(&self, current: &RemotePost, post: &PostBody) -> Result<RemotePost, SendError> {
        let body = self.post_json(post)?;
        remote_post(&self.json(
            "POST",
            &format!("/wp/v2/posts/{}", current.id),
            &[],
            Body::Json(&body),
            "updating the story",
        )?)
    }
}
