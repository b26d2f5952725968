//! HTTP as publishing needs it, and nothing more: HTTPS through rustls (plain http only to this
//! computer), a time limit on every phase, answers read up to a size, redirects followed only
//! within the site (credentials never go to another host), and a site's answer kept as data.

use std::time::Duration;

use url::Url;

use crate::SendError;

/// The limits every request runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connecting (TCP and TLS).
    pub connect: Duration,
    /// The longest silence while reading or writing: a trickle that stops is cut here.
    pub stall: Duration,
    /// One whole exchange of a small request (JSON in, JSON out).
    pub call: Duration,
    /// One whole exchange that uploads a photo.
    pub upload: Duration,
    /// The largest answer read (a site's answer is never larger than a few hundred KB).
    pub max_answer: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(15),
            stall: Duration::from_secs(30),
            call: Duration::from_secs(60),
            upload: Duration::from_secs(600),
            max_answer: 16 * 1024 * 1024,
        }
    }
}

/// A site's address as Byline accepts it: https, or plain http to this computer only; no user
/// name or password inside; no query or fragment. The path is kept (a site may live in a
/// folder), without its trailing slash.
pub fn check_address(address: &str) -> Result<Url, String> {
    let address = address.trim();
    let mut url = Url::parse(address).map_err(|e| format!("`{address}` is not a web address ({e})"))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(format!(
                "`{address}` uses plain http: Byline sends stories and passwords over https only \
                 (plain http is allowed to this computer alone). Use https://{}",
                url.host_str().unwrap_or_default()
            ))
        }
        other => return Err(format!("`{address}` is not a web address (it starts with {other}:)")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{address}` has no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("put the user name and password in their own fields, not in the address".into());
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_string();
    url.set_path(&path);
    Ok(url)
}

/// Whether the address is this computer (`localhost`, 127.0.0.0/8, ::1).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Whether two addresses are the same site (scheme, host and port).
fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// A site's answer: its status, its type and its body (read up to the limit).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON, or what the site said instead.
    pub fn json(&self) -> Result<serde_json::Value, SendError> {
        serde_json::from_slice(&self.body).map_err(|_| {
            SendError::Refused(format!("the site's answer is not what Byline expected: {}", self.text()))
        })
    }

    /// The body as plain text for a message: the message of a JSON error (WordPress's
    /// `message`, Ghost's `errors[].message` and `context`), else the text of the page with its
    /// tags taken out, cut short. Never rendered: a page is data.
    pub fn text(&self) -> String {
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&self.body) {
            if let Some(m) = v.get("message").and_then(|m| m.as_str()) {
                return short(m);
            }
            if let Some(e) = v.get("errors").and_then(|e| e.get(0)) {
                let message = e.get("message").and_then(|m| m.as_str()).unwrap_or_default();
                let context = e.get("context").and_then(|m| m.as_str()).unwrap_or_default();
                return short(
                    &[message, context]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
        let text = without_code(&String::from_utf8_lossy(&self.body));
        let mut plain = String::with_capacity(text.len().min(4096));
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    plain.push(' ');
                }
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        short(&plain)
    }

    /// What went wrong with an answer that is not a success, for the outbox: a server error, a
    /// timeout or too many requests can pass (try again later); anything else is the site
    /// refusing (the journalist must act).
    pub fn error(&self, what: &str) -> SendError {
        let message = format!("{what}: the site answered {} {}", self.status, self.text());
        match self.status {
            408 | 425 | 429 | 500..=599 => SendError::Unreachable(message),
            401 | 403 => SendError::Refused(format!(
                "{what}: the site refused the credentials ({} {})",
                self.status,
                self.text()
            )),
            _ => SendError::Refused(message),
        }
    }
}

/// A page without its scripts and styles (what they hold is not words for a journalist).
fn without_code(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    loop {
        let lower = rest.to_ascii_lowercase();
        let next = ["<script", "<style"].iter().filter_map(|t| lower.find(t).map(|i| (i, *t))).min();
        let Some((at, tag)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = format!("</{}", &tag[1..]);
        match lower[at..].find(&close) {
            Some(end) => {
                let tail = &rest[at + end..];
                rest = tail.find('>').map_or("", |gt| &tail[gt + 1..]);
            }
            None => return out,
        }
    }
}

/// Whitespace folded, at most 300 characters.
fn short(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > 300 {
        format!("{}…", folded.chars().take(300).collect::<String>())
    } else if folded.is_empty() {
        "(no message)".into()
    } else {
        folded
    }
}

/// A request body.
pub enum Body<'a> {
    None,
    Json(&'a serde_json::Value),
    Bytes { content_type: &'a str, bytes: &'a [u8] },
}

/// The HTTP client of one destination: its address, its limits, the headers every request
/// carries (the credentials among them, sent to this site only).
pub struct Client {
    agent: ureq::Agent,
    site: Url,
    limits: Limits,
}

impl Client {
    pub fn new(site: Url, limits: Limits) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(limits.connect))
            .timeout_per_read(Some(limits.stall))
            .timeout_per_write(Some(limits.stall))
            .user_agent(format!("Byline/{}", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Client { agent, site, limits }
    }

    pub fn site(&self) -> &Url {
        &self.site
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Sends one request to `url` (which must be on this site) with `headers`, following a
    /// redirect only when it stays on the site and the method is GET; reads the answer up to
    /// the limit. Network failures are [`SendError::Unreachable`]; the answer's status is the
    /// caller's to judge.
    pub fn request(
        &self,
        method: &str,
        url: Url,
        headers: &[(&str, String)],
        body: Body<'_>,
    ) -> Result<Answer, SendError> {
        let mut url = url;
        for _ in 0..4 {
            if !same_origin(&url, &self.site) {
                return Err(SendError::Refused(format!(
                    "the site sent Byline to another address ({}); Byline does not follow it with \
                     your credentials. Check the site's address in the destination",
                    url.host_str().unwrap_or_default()
                )));
            }
            let (answer, location) = self.once(method, &url, headers, &body)?;
            if !(300..400).contains(&answer.status) || answer.status == 304 {
                return Ok(answer);
            }
            let status = answer.status;
            let location = location.ok_or_else(|| {
                SendError::Refused(format!("the site answered {status} without saying where to"))
            })?;
            let next = url
                .join(&location)
                .map_err(|_| SendError::Refused(format!("the site answered {status} with a bad address")))?;
            if method != "GET" || !same_origin(&next, &self.site) {
                return Err(SendError::Refused(format!(
                    "the site redirected Byline to {next}; Byline does not follow a redirect with your \
                     credentials{}. Check the site's address in the destination",
                    if same_origin(&next, &self.site) { " when sending" } else { " to another address" }
                )));
            }
            url = next;
        }
        Err(SendError::Refused("the site redirected Byline too many times".into()))
    }

    fn once(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, String)],
        body: &Body<'_>,
    ) -> Result<(Answer, Option<String>), SendError> {
        // The answer, and where a redirect points.
        let host = url.host_str().unwrap_or_default().to_string();
        let unreachable = |e: ureq::Error| SendError::Unreachable(network_message(&host, &e));
        let per_call = match body {
            Body::Bytes { .. } => self.limits.upload,
            _ => self.limits.call,
        };
        let mut builder = ureq::http::Request::builder().method(method).uri(url.as_str());
        for (name, value) in headers {
            builder = builder.header(*name, value);
        }
        let (bytes, content_type): (Vec<u8>, Option<&str>) = match body {
            Body::None => (Vec::new(), None),
            Body::Json(v) => (serde_json::to_vec(v).unwrap_or_default(), Some("application/json")),
            Body::Bytes { content_type, bytes } => (bytes.to_vec(), Some(content_type)),
        };
        if let Some(t) = content_type {
            builder = builder.header("Content-Type", t);
        }
        let request = builder
            .body(bytes)
            .map_err(|e| SendError::Refused(format!("could not make the request to {host}: {e}")))?;
        let request = self.agent.configure_request(request).timeout_per_call(Some(per_call)).build();
        let mut response = self.agent.run(request).map_err(unreachable)?;
        let status = response.status().as_u16();
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let content_type = header("content-type").unwrap_or_default();
        let location = header("location");
        let body = response.body_mut().with_config().limit(self.limits.max_answer).read_to_vec().map_err(
            |e| match e {
                ureq::Error::BodyExceedsLimit(_) => SendError::Unreachable(format!(
                    "{host} sent an answer larger than {} MB; Byline stopped reading it",
                    self.limits.max_answer / (1024 * 1024)
                )),
                e => unreachable(e),
            },
        )?;
        Ok((Answer { status, content_type, body }, location))
    }
}

/// A network failure in words: which host, and what happened.
fn network_message(host: &str, e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(what) => format!("{host} did not answer in time ({what})"),
        ureq::Error::HostNotFound => format!("could not find {host}: no network, or the address is wrong"),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            format!("could not reach {host}: connection refused (is the site up?)")
        }
        ureq::Error::Io(io) => format!("could not reach {host}: {io}"),
        ureq::Error::Tls(t) => format!("could not talk securely to {host}: {t}"),
        ureq::Error::Rustls(t) => format!("could not talk securely to {host}: {t}"),
        other => format!("could not reach {host}: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_http_only_to_this_computer() {
        assert!(check_address("https://news.example.org/").is_ok());
        assert_eq!(
            check_address("https://news.example.org/blog/").expect("as written").as_str(),
            "https://news.example.org/blog"
        );
        assert!(check_address("http://127.0.0.1:8080").is_ok());
        assert!(check_address("http://localhost:2368").is_ok());
        assert!(check_address("http://[::1]:2368").is_ok());
        let refused = check_address("http://news.example.org").expect_err("an error");
        assert!(refused.contains("https only"), "{refused}");
        assert!(check_address("ftp://news.example.org").is_err());
        assert!(check_address("news.example.org").is_err());
        assert!(check_address("https://editor:secret@news.example.org")
            .expect_err("an error")
            .contains("own fields"));
    }

    #[test]
    fn an_answer_is_text_never_markup() {
        let page = Answer {
            status: 500,
            content_type: "text/html".into(),
            body: b"<html><body><h1>Error establishing a database connection</h1></body></html>".to_vec(),
        };
        assert_eq!(page.text(), "Error establishing a database connection");
        assert!(matches!(page.error("sending"), SendError::Unreachable(_)));
        let wp = Answer {
            status: 401,
            content_type: "application/json".into(),
            body: br#"{"code":"incorrect_password","message":"The provided password is an invalid application password."}"#.to_vec(),
        };
        match wp.error("signing in") {
            SendError::Refused(m) => assert!(m.contains("invalid application password"), "{m}"),
            other => panic!("{other:?}"),
        }
        let ghost = Answer {
            status: 422,
            content_type: "application/json".into(),
            body: br#"{"errors":[{"message":"Validation error, cannot save post.","context":"Value in [posts.title] cannot be blank."}]}"#.to_vec(),
        };
        assert_eq!(
            ghost.text(),
            "Validation error, cannot save post. Value in [posts.title] cannot be blank."
        );
    }
}
