//! Publishing from the command line: destinations with their secret in a real keychain (a
//! Secret Service, gnome-keyring, in a D-Bus session of the test's own), never in the library,
//! its backups or the log; the outbox listed, sent, retried and cancelled.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `byline` with `stdin`, with the keychain off unless `keychain` (then inside the test's
/// D-Bus session: the environment of `session`).
fn byline(lib: &Path, args: &[&str], stdin: &str, env: &[(String, String)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        .env("BYLINE_LOG", "debug")
        .envs(env.iter().cloned())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run byline");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("byline ends")
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A D-Bus session with an unlocked gnome-keyring: its address, stopped when dropped.
struct KeyringSession {
    dbus: std::process::Child,
    env: Vec<(String, String)>,
}

impl KeyringSession {
    fn start(home: &Path) -> KeyringSession {
        let mut dbus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon (scripts/setup.sh --with-e2e installs it)");
        let mut address = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(dbus.stdout.take().expect("out")),
            &mut address,
        )
        .expect("the session's address");
        let env = vec![
            ("DBUS_SESSION_BUS_ADDRESS".to_string(), address.trim().to_string()),
            ("HOME".to_string(), home.display().to_string()),
            ("XDG_DATA_HOME".to_string(), home.join("data").display().to_string()),
            ("XDG_RUNTIME_DIR".to_string(), home.display().to_string()),
        ];
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--daemonize"])
            .envs(env.iter().cloned())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon (scripts/setup.sh --with-e2e installs it)");
        keyring
            .stdin
            .take()
            .expect("stdin")
            .write_all(b"\n")
            .expect("an empty password unlocks the login keyring");
        assert!(keyring.wait().expect("keyring").success());
        KeyringSession { dbus, env }
    }
}

impl Drop for KeyringSession {
    fn drop(&mut self) {
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
    }
}

/// Every byte of the library folder (database, WAL, backups), to look for a secret in.
fn library_bytes(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).expect("library folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            all.extend(library_bytes(&path));
        } else {
            all.extend(std::fs::read(&path).unwrap_or_default());
        }
    }
    all
}

#[test]
fn a_secret_goes_to_the_keychain_and_nowhere_else() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let session = KeyringSession::start(&home);
    let secret = "kT7q Xw3e Zr9p Lm2n Vb5c Hs8d";
    let added = byline(
        &lib,
        &[
            "destinations",
            "add",
            "Newsroom",
            "--kind",
            "wordpress",
            "--url",
            "https://news.example.org",
            "--user",
            "editor",
        ],
        &format!("{secret}\n"),
        &session.env,
    );
    let (out, err) = text(&added);
    assert!(added.status.success(), "{err}");
    assert!(out.contains("its secret is in the keychain"), "{out}");
    let listed = text(&byline(&lib, &["destinations"], "", &session.env)).0;
    assert!(listed.contains("secret in the keychain"), "{listed}");
    // The Secret Service holds it, under Byline's name.
    let found = Command::new("secret-tool")
        .args(["search", "--all", "service", "Byline"])
        .envs(session.env.iter().cloned())
        .output()
        .expect("secret-tool (scripts/setup.sh --with-e2e installs it)");
    let found = String::from_utf8_lossy(&found.stdout);
    assert!(found.contains(secret), "the keychain has it: {found}");
    // A backup, then: the secret is in no file of the library, and in no log line.
    let backup = byline(&lib, &["backup"], "", &session.env);
    assert!(backup.status.success());
    let bytes = library_bytes(&lib);
    assert!(
        !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "no secret in the library or its backups"
    );
    assert!(!err.contains(secret) && !text(&backup).1.contains(secret), "no secret in the log");
    // Removed: gone from the keychain too.
    assert!(byline(&lib, &["destinations", "remove", "newsroom"], "", &session.env).status.success());
    let found = Command::new("secret-tool")
        .args(["search", "--all", "service", "Byline"])
        .envs(session.env.iter().cloned())
        .output()
        .expect("secret-tool");
    assert!(!String::from_utf8_lossy(&found.stdout).contains(secret));
}

#[test]
fn without_a_keychain_the_secret_is_asked_for_and_the_outbox_says_why_it_waits() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let off = [("BYLINE_KEYCHAIN".to_string(), "off".to_string())];
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let url = format!("http://127.0.0.1:{port}");
    let added = byline(
        &lib,
        &["destinations", "add", "Local", "--kind", "wordpress", "--url", &url, "--user", "editor"],
        "abcd efgh\n",
        &off,
    );
    let (out, _) = text(&added);
    assert!(added.status.success());
    assert!(out.contains("no keychain"), "{out}");
    // Plain http to another computer is refused in words.
    let refused = byline(
        &lib,
        &["destinations", "add", "Far", "--kind", "ghost", "--url", "http://news.example.org"],
        "a:00\n",
        &off,
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused).1.contains("https only"));
    let story = "al-secretary-general-calls-for-international-efforts-to-eliminate-is";
    // The checklist speaks first.
    let asked = byline(&lib, &["send", story, "--to", "local"], "abcd efgh\n", &off);
    assert_eq!(asked.status.code(), Some(2));
    assert!(text(&asked).1.contains("Before you send"));
    // The secret asked for again (no keychain), then queued; the site is down, so it waits.
    let sent = byline(&lib, &["send", story, "--to", "local", "--yes"], "abcd efgh\n", &off);
    let (out, err) = text(&sent);
    assert!(sent.status.success(), "{err}");
    assert!(out.contains("queued for Local") && out.contains("waiting: could not reach 127.0.0.1"), "{out}");
    let listed = byline(&lib, &["outbox", "--json"], "", &off);
    let items: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert_eq!(items[0]["state"], "queued");
    assert!(items[0]["nextAttempt"].is_string());
    let id = items[0]["id"].to_string();
    let cancelled = byline(&lib, &["outbox", "cancel", &id], "", &off);
    assert!(text(&cancelled).0.contains("cancelled"));
    assert_eq!(byline(&lib, &["outbox", "cancel", &id], "", &off).status.code(), Some(2), "cancelled once");
    assert!(!String::from_utf8_lossy(&library_bytes(&lib)).contains("abcd efgh"));
}
