//! Real servers for the publishing tests, started and stopped by the scripts in `tests/servers/`
//! on 127.0.0.1 (installed by `scripts/setup.sh`): WordPress (Debian's package, PHP's built-in
//! server, a throwaway MariaDB), Ghost (the npm package on MariaDB) and the Ghost stand-in.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// A port free on 127.0.0.1 now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("its address").port()
}

/// `KEY=value` pairs of a script's output.
fn pairs(text: &str) -> Vec<(String, String)> {
    text.split_whitespace()
        .filter_map(|p| p.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

fn value(pairs: &[(String, String)], key: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("{key} in {pairs:?}"))
}

/// Runs a server script, failing the test with its output when it fails.
fn script(name: &str, args: &[&str]) -> String {
    let out = Command::new("bash")
        .arg(root().join("tests/servers").join(name))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed (run scripts/setup.sh to install the test servers):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A WordPress site of its own, stopped when dropped.
pub struct WordPress {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub user: String,
    pub password: String,
}

impl WordPress {
    pub fn start() -> WordPress {
        let dir = tempfile::tempdir().expect("state folder");
        let port = free_port().to_string();
        let env = pairs(&script("wordpress.sh", &["start", &dir.path().display().to_string(), &port]));
        WordPress {
            url: value(&env, "WP_URL"),
            user: value(&env, "WP_USER"),
            password: value(&env, "WP_APP_PASSWORD"),
            dir,
        }
    }

    fn state(&self) -> String {
        self.dir.path().display().to_string()
    }

    /// Stops the web server only (the site and its database stay).
    pub fn stop_web(&self) {
        script("wordpress.sh", &["stop-web", &self.state()]);
    }

    pub fn start_web(&self) {
        script("wordpress.sh", &["start-web", &self.state()]);
    }

    /// A REST route read or written with curl, as JSON.
    pub fn rest(&self, method: &str, route: &str, query: &str, body: Option<&str>) -> serde_json::Value {
        let mut cmd = Command::new("curl");
        cmd.args(["-s", "-X", method, "-u", &format!("{}:{}", self.user, self.password)]);
        if let Some(b) = body {
            cmd.args(["-H", "Content-Type: application/json", "--data", b]);
        }
        cmd.arg(format!("{}/?rest_route={route}{query}", self.url));
        let out = cmd.output().expect("curl");
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{route}: not JSON: {}", String::from_utf8_lossy(&out.stdout)))
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(root().join("tests/servers/wordpress.sh"))
            .args(["stop", &self.state()])
            .status();
    }
}

/// The Ghost Admin API stand-in (Node), stopped when dropped.
pub struct GhostStandIn {
    child: Child,
    pub dir: tempfile::TempDir,
    pub url: String,
    pub key: String,
}

impl GhostStandIn {
    pub fn start() -> GhostStandIn {
        let dir = tempfile::tempdir().expect("state folder");
        let mut child = Command::new("node")
            .arg(root().join("tests/servers/ghost-standin.mjs"))
            .args(["--port", "0", "--test-hooks", "--state"])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs the Ghost stand-in");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its output")).read_line(&mut line).expect("its address");
        let env = pairs(&line);
        GhostStandIn { child, dir, url: value(&env, "GHOST_URL"), key: value(&env, "GHOST_ADMIN_KEY") }
    }

    /// Someone edits the post in Ghost.
    pub fn edit(&self, id: &str) {
        let out = Command::new("curl")
            .args(["-s", "-f", "-X", "POST", &format!("{}/__standin/edit/{id}", self.url)])
            .output()
            .expect("curl");
        assert!(out.status.success());
    }

    /// The stand-in's state (posts and images).
    pub fn state(&self) -> serde_json::Value {
        let out = Command::new("curl")
            .args(["-s", &format!("{}/__standin/state", self.url)])
            .output()
            .expect("curl");
        serde_json::from_slice(&out.stdout).expect("the stand-in's state as JSON")
    }
}

impl Drop for GhostStandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A real Ghost (the npm package, on a throwaway MariaDB), stopped when dropped.
pub struct RealGhost {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub key: String,
}

impl RealGhost {
    pub fn start() -> RealGhost {
        let dir = tempfile::tempdir().expect("state folder");
        let env = pairs(&script("ghost.sh", &["start", &dir.path().display().to_string(), "0"]));
        RealGhost { url: value(&env, "GHOST_URL"), key: value(&env, "GHOST_ADMIN_KEY"), dir }
    }

    /// An Admin API call with a fresh token, as JSON.
    pub fn admin(&self, method: &str, path: &str, body: Option<&str>) -> serde_json::Value {
        let key = byline_core::publish::jwt::AdminKey::parse(&self.key).expect("the key");
        let token = key.token(time::OffsetDateTime::now_utc().unix_timestamp());
        let mut cmd = Command::new("curl");
        cmd.args([
            "-s",
            "-X",
            method,
            "-H",
            &format!("Authorization: Ghost {token}"),
            "-H",
            "Accept-Version: v6.0",
        ]);
        if let Some(b) = body {
            cmd.args(["-H", "Content-Type: application/json", "--data", b]);
        }
        cmd.arg(format!("{}/ghost/api/admin/{path}", self.url));
        let out = cmd.output().expect("curl");
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&out.stdout)))
    }
}

impl Drop for RealGhost {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(root().join("tests/servers/ghost.sh"))
            .args(["stop", &self.dir.path().display().to_string()])
            .status();
    }
}
