//! The `byline` command as a script would use it: real binary, temporary libraries.

use std::path::Path;
use std::process::{Command, Output};

fn byline(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("BYLINE_LIBRARY")
        .output()
        .expect("run byline")
}

fn ok(lib: &Path, args: &[&str]) -> String {
    let out = byline(lib, args);
    assert!(out.status.success(), "byline {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(lib: &Path, args: &[&str]) -> String {
    let out = byline(lib, args);
    assert!(!out.status.success(), "byline {args:?} should fail");
    assert!(out.stdout.is_empty(), "errors go to stderr only");
    String::from_utf8(out.stderr).expect("utf-8")
}

#[test]
fn new_list_show_set_and_revisions() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let id = ok(
        &lib,
        &["new", "--headline", "Coalition meets in Rome", "--kicker", "Diplomacy", "--byline", "Jane Roe"],
    );
    let id = id.trim();
    assert_eq!(id.len(), 36, "prints the id: {id}");
    let list = ok(&lib, &["list"]);
    assert!(list.contains("Coalition meets in Rome") && !list.contains("Photo captions"));
    assert!(list.contains("AL Secretary-General"), "the sample is there: {list}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&lib, &["list", "--json", "--status", "draft"])).expect("json");
    assert_eq!(json.as_array().map(Vec::len), Some(1), "only the new draft: {json}");

    ok(
        &lib,
        &[
            "set",
            "coalition-meets-in-rome",
            "--status",
            "ready",
            "--dateline",
            "ROME",
            "--tags",
            "IS,Rome",
            "--word-target",
            "600",
        ],
    );
    let story: serde_json::Value = serde_json::from_str(&ok(&lib, &["show", id, "--json"])).expect("json");
    assert_eq!(story["status"], "ready");
    assert_eq!(story["dateline"], "ROME");
    assert_eq!(story["kicker"], "Diplomacy");
    assert_eq!(story["byline"], "Jane Roe");
    assert_eq!(story["tags"], serde_json::json!(["IS", "Rome"]));
    assert_eq!(story["wordTarget"], 600);
    assert_eq!(story["body"]["type"], "doc");
    assert_eq!(story["revision"], 2);

    ok(&lib, &["set", id, "--headline", "Coalition agrees in Rome"]);
    let revisions = ok(&lib, &["revisions", id]);
    assert_eq!(revisions.lines().count(), 3, "{revisions}");
    let restored = ok(&lib, &["restore", id, "2"]);
    assert!(restored.contains("restored as revision 4"), "{restored}");
    let shown = ok(&lib, &["show", id]);
    assert!(shown.contains("Coalition meets in Rome"), "{shown}");
}

#[test]
fn import_markdown_and_plain_text() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let md = dir.path().join("story.md");
    std::fs::write(&md, "---\ntitle: Floods hit the delta\nkicker: Weather\nstatus: editing\n---\nWater rose *overnight*.\n\nTK: add figures\n").expect("write");
    let id = ok(&lib, &["import", md.to_str().expect("path")]);
    let story: serde_json::Value =
        serde_json::from_str(&ok(&lib, &["show", id.trim(), "--json"])).expect("json");
    assert_eq!(story["headline"], "Floods hit the delta");
    assert_eq!(story["status"], "editing");
    assert_eq!(story["stats"]["notes"], 1);

    let txt = dir.path().join("story.txt");
    std::fs::write(&txt, "Budget vote delayed\n\nCouncillors asked for figures.\n\nThe vote moves to May.\n")
        .expect("write");
    let id = ok(&lib, &["import", txt.to_str().expect("path")]);
    let shown = ok(&lib, &["show", id.trim()]);
    assert!(shown.contains("Budget vote delayed") && shown.contains("The vote moves to May."), "{shown}");
}

#[test]
fn bad_input_is_named_on_stderr_with_a_non_zero_exit() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    assert!(fails(&lib, &["show", "no-such-story"]).contains("no story no-such-story"));
    assert!(fails(&lib, &["list", "--status", "gone"]).contains("unknown status `gone`"));
    let slug = ok(&lib, &["list", "--json"]);
    let slug = serde_json::from_str::<serde_json::Value>(&slug).expect("json")[0]["slug"]
        .as_str()
        .expect("slug")
        .to_string();
    assert!(fails(&lib, &["set", &slug, "--slug", "Not A Slug"]).contains("is not usable"));
    assert!(fails(&lib, &["restore", &slug, "99"]).contains("no revision 99"));
    assert!(fails(&lib, &["import", "/nonexistent/story.md"]).contains("could not read"));

    let corrupt = dir.path().join("corrupt");
    std::fs::create_dir_all(&corrupt).expect("dir");
    std::fs::write(corrupt.join("library.sqlite"), b"this is not a database at all, not even close")
        .expect("write");
    let err = fails(&corrupt, &["list"]);
    assert!(err.contains("is not a Byline library"), "{err}");
    assert_eq!(
        std::fs::read(corrupt.join("library.sqlite")).expect("read"),
        b"this is not a database at all, not even close"
    );
}

#[test]
fn the_library_can_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("from-env");
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["new", "--headline", "Env library"])
        .env("BYLINE_LIBRARY", &lib)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(lib.join("library.sqlite").exists());
    assert!(ok(&lib, &["list"]).contains("Env library"));
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/photos").join(name).display().to_string()
}

#[test]
fn attach_and_caption_photos() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let id = ok(&lib, &["new", "--headline", "Montreal police"]);
    let id = id.trim();
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, "not a photo").expect("write");
    let out =
        byline(&lib, &["attach", id, &fixture("cp.jpg"), broken.to_str().expect("path"), "--lead", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.jpg"), "the skipped photo is named");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let u = &report["uses"][0];
    assert_eq!(u["credit"], "The Canadian Press");
    assert_eq!(u["creditLine"], "Photo: The Canadian Press");
    assert_eq!(u["role"], "lead");
    let use_id = u["id"].as_str().expect("use id").to_string();
    let printed = ok(
        &lib,
        &[
            "caption",
            id,
            &use_id,
            "--caption",
            "A police car in Montreal.",
            "--credit",
            "REUTERS",
            "--alt",
            "Police logo on a car door",
        ],
    );
    assert!(printed.contains("Photo: Reuters"), "{printed}");
    let story: serde_json::Value = serde_json::from_str(&ok(&lib, &["show", id, "--json"])).expect("json");
    assert_eq!(story["photos"][0]["caption"], "A police car in Montreal.");
    assert_eq!(story["photos"][0]["altText"], "Police logo on a car door");
    assert_eq!(story["photos"][0]["standIn"], "");
    // Marked as a stand-in, and unmarked with an empty note.
    let printed = ok(&lib, &["caption", id, &use_id, "--stand-in", "File photo from 2019"]);
    assert!(printed.contains("STAND-IN File photo from 2019"), "{printed}");
    let printed = ok(&lib, &["caption", id, &use_id, "--stand-in", ""]);
    assert!(!printed.contains("STAND-IN"), "{printed}");
    std::fs::remove_dir_all(lib.join("derived")).expect("remove derived");
    assert!(ok(&lib, &["photos", "rebuild"]).contains("2 photos rebuilt"), "the sample photo and cp.jpg");
    assert!(
        fails(&lib, &["attach", id, broken.to_str().expect("path")]).contains("no photo could be attached")
    );
}

#[test]
fn export_one_story_or_a_batch_by_status() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let list: serde_json::Value = serde_json::from_str(&ok(&lib, &["list", "--json"])).expect("json");
    let sample = list[0]["slug"].as_str().expect("slug").to_string();
    let printed = ok(&lib, &["export", &sample, "--format", "html", "--out", out.to_str().expect("out")]);
    assert!(printed.contains(&format!("{sample}-html")), "{printed}");
    let html = std::fs::read_to_string(out.join(format!("{sample}-html/index.html"))).expect("index.html");
    assert!(html.contains(
        "AL Secretary General Ahmed Aboul-Gheit speaks at a news conference in Algiers, Algieria."
    ));
    assert!(html.contains("Photo: AFP/VNA"));
    // The sample is "ready": a batch by status exports it as a package, with progress.
    ok(&lib, &["new", "--headline", "Draft stays home"]);
    let printed =
        ok(&lib, &["export", "--status", "ready", "--format", "zip", "--out", out.to_str().expect("out")]);
    assert!(printed.contains("[1/1]") && printed.contains(".zip"), "{printed}");
    assert!(out.join(format!("{sample}.zip")).exists());
    // Never overwritten silently.
    let err = fails(&lib, &["export", &sample, "--format", "zip", "--out", out.to_str().expect("out")]);
    assert!(err.contains("already exists"), "{err}");
    assert!(
        fails(&lib, &["export", &sample, "--format", "rtf", "--out", "."]).contains("unknown export format")
    );
    // The Word file and the PDF proof, on Letter paper.
    for (format, page) in [("docx", "a4"), ("pdf", "letter")] {
        let printed = ok(
            &lib,
            &["export", &sample, "--format", format, "--page", page, "--out", out.to_str().expect("out")],
        );
        assert!(printed.contains(&format!("{sample}.{format}")), "{printed}");
    }
    let pdf = std::fs::read(out.join(format!("{sample}.pdf"))).expect("the proof");
    assert!(pdf.starts_with(b"%PDF-") && pdf.windows(9).any(|w| w == b"/MediaBox"), "a PDF");
    assert!(fails(&lib, &["export", &sample, "--format", "pdf", "--page", "a5", "--out", "."])
        .contains("unknown page size"));
}

#[test]
fn backup_and_restore_a_library() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let id = ok(&lib, &["new", "--headline", "Before the backup"]);
    let backup = ok(&lib, &["backup"]);
    let backup = backup.trim();
    assert!(std::path::Path::new(backup).exists(), "{backup}");
    ok(&lib, &["set", id.trim(), "--headline", "After the backup"]);
    assert!(ok(&lib, &["backups"]).contains("manual"));
    let out = ok(&lib, &["restore", backup]);
    assert!(out.contains("what was there before is in"), "{out}");
    assert!(ok(&lib, &["show", id.trim()]).contains("Before the backup"));
    assert!(fails(&lib, &["restore", "no-such-file.sqlite"]).contains("not a backup file"));
}

#[test]
fn relate_related_backlinks_search_and_settings() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let rome = ok(&lib, &["new", "--headline", "Rome summit, day one"]).trim().to_string();
    let algiers = ok(&lib, &["new", "--headline", "Aboul-Gheit speaks in Algiers"]).trim().to_string();
    ok(&lib, &["set", &algiers, "--standfirst", "The coalition summit in Rome ends.", "--status", "editing"]);
    ok(&lib, &["set", &rome, "--standfirst", "The coalition summit in Rome opens."]);
    let out = ok(&lib, &["relate", &algiers, &rome]);
    assert!(out.contains("1. Rome summit, day one"), "{out}");
    let out = ok(&lib, &["relate", &algiers, "https://example.org/rome", "--title", "Wire: Rome"]);
    assert!(out.contains("2. Wire: Rome  <https://example.org/rome>"), "{out}");
    for bad in ["javascript:alert(1)", "ftp://example.org/x"] {
        let err = fails(&lib, &["relate", &algiers, bad, "--title", "x"]);
        assert!(err.contains("only http and https"), "{err}");
    }
    let err = fails(&lib, &["relate", &algiers, "https://example.org/no-title"]);
    assert!(err.contains("--title"), "{err}");
    let related: serde_json::Value =
        serde_json::from_str(&ok(&lib, &["related", &algiers, "--json"])).expect("json");
    assert_eq!(related.as_array().expect("list").len(), 2);
    let back = ok(&lib, &["backlinks", &rome]);
    assert!(back.contains("Aboul-Gheit speaks in Algiers") && back.contains("(related)"), "{back}");
    // Search: diacritics folded, filters, syntax characters are words.
    let found = ok(&lib, &["search", "aboul gheït"]);
    // The sample story mentions him too; the headline match ranks first.
    assert!(
        found.starts_with("2 stories match") && found.lines().nth(1).unwrap_or("").contains(&algiers),
        "{found}"
    );
    let found: serde_json::Value =
        serde_json::from_str(&ok(&lib, &["search", "coalition", "--status", "editing", "--json"]))
            .expect("json");
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["id"], algiers.as_str());
    ok(&lib, &["search", "(rome NEAR \"summit"]);
    let reindexed = ok(&lib, &["search", "--reindex"]);
    assert!(reindexed.contains("3 stories"), "{reindexed}");
    // Settings.
    let err = fails(&lib, &["settings", "--base-url", "javascript:alert(1)"]);
    assert!(err.contains("base URL"), "{err}");
    let out = ok(&lib, &["settings", "--base-url", "https://news.example.org"]);
    assert!(out.contains("base URL: https://news.example.org"), "{out}");
    // Deleting a linked story names who links to it.
    let out = byline(&lib, &["delete", &rome]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 stories link to this one") && err.contains("Aboul-Gheit"), "{err}");
    let out = ok(&lib, &["related", &algiers]);
    assert!(out.contains("no longer exists"), "{out}");
}

#[test]
fn the_agency_table_lists_and_changes() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let list = ok(&lib, &["agencies"]);
    assert!(list.lines().any(|l| l == "Reuters  <-  Retuers, Reuters Photo, Thomson Reuters"), "{list}");
    // A spelling may print as one agency only; the refusal names it and changes nothing.
    let err = fails(&lib, &["agencies", "set", "CP Images", "The Canadian Press"]);
    assert!(
        err.contains("“The Canadian Press” cannot print as both The Canadian Press and CP Images"),
        "{err}"
    );
    assert_eq!(ok(&lib, &["agencies"]), list);
    ok(&lib, &["agencies", "remove", "the canadian press"]);
    let out = ok(&lib, &["agencies", "set", "CP Images", "The Canadian Press", "CP"]);
    assert!(out.contains("CP Images  <-  CP, The Canadian Press"), "{out}");
    assert!(fails(&lib, &["agencies", "remove", "Nobody"]).contains("no agency named `Nobody`"));
    // A photo credited "The Canadian Press" in its file now prints as the house name.
    let id = ok(&lib, &["new", "--headline", "Police in Montreal"]);
    let uses: serde_json::Value =
        serde_json::from_str(&ok(&lib, &["attach", id.trim(), &fixture("cp.jpg"), "--json"])).expect("json");
    assert_eq!(uses["uses"][0]["credit"], "CP Images", "{uses}");
    let json: serde_json::Value = serde_json::from_str(&ok(&lib, &["agencies", "--json"])).expect("json");
    assert!(json.as_array().expect("list").iter().any(|a| a["name"] == "CP Images"));
}

/// Hostile input, concurrent edits: twelve `byline set` processes started at once on one story,
/// each changing one field, must all land (each is one read-modify-write transaction; before,
/// most failed with "changed elsewhere").
#[test]
fn twelve_field_edits_at_once_all_land() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let id = ok(&lib, &["new", "--headline", "Summit in Rome"]);
    let id = id.trim().to_string();
    let children: Vec<_> = (0..12)
        .map(|n| {
            let field = if n % 2 == 0 { "--dateline" } else { "--kicker" };
            Command::new(env!("CARGO_BIN_EXE_byline"))
                .arg("--library")
                .arg(&lib)
                .args(["set", &id, field, &format!("value {n}")])
                .env_remove("BYLINE_LIBRARY")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn byline")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "a concurrent set failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let revisions = ok(&lib, &["revisions", &id]);
    assert_eq!(revisions.lines().count(), 13, "one revision per edit, after the first:\n{revisions}");
    let shown = ok(&lib, &["show", &id, "--json"]);
    let story: serde_json::Value = serde_json::from_str(&shown).expect("json");
    assert!(story["dateline"].as_str().expect("dateline").starts_with("value "), "{shown}");
    assert!(story["kicker"].as_str().expect("kicker").starts_with("value "), "{shown}");
}

/// Hostile input, paths: `export --out DIR` makes DIR when its parent exists.
#[test]
fn export_makes_its_destination_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let id = ok(&lib, &["new", "--headline", "Out to a new folder"]);
    let out = dir.path().join("new-folder");
    ok(&lib, &["export", id.trim(), "--format", "ninjs", "--out", out.to_str().expect("utf-8")]);
    assert_eq!(std::fs::read_dir(&out).expect("made").count(), 1);
    let deep = dir.path().join("missing").join("deeper");
    let err =
        fails(&lib, &["export", id.trim(), "--format", "ninjs", "--out", deep.to_str().expect("utf-8")]);
    assert!(err.contains("does not exist"), "{err}");
}

/// Hostile input, files: a device or a FIFO named as a story file is refused at once, never
/// read forever or waited on.
#[test]
fn a_device_or_a_pipe_is_refused_at_once() {
    if !cfg!(target_os = "linux") {
        eprintln!("SKIPPED a_device_or_a_pipe_is_refused_at_once: needs Linux's /dev/zero and mkfifo");
        return;
    }
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let err = fails(&lib, &["import", "/dev/zero"]);
    assert!(err.contains("not a regular file"), "{err}");
    let fifo = dir.path().join("story.md");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success(), "mkfifo");
    let err = fails(&lib, &["import", fifo.to_str().expect("utf-8")]);
    assert!(err.contains("not a regular file"), "{err}");
    let id = ok(&lib, &["new", "--headline", "Photos from a pipe"]);
    let out = byline(&lib, &["attach", id.trim(), fifo.to_str().expect("utf-8")]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("skipped") && said.contains("not a regular file"), "{said}");
}

/// Hostile input, depth: thousands of nested quotes in Markdown are flattened into the deepest
/// kept, with their text; never a stack overflow that aborts the process.
#[test]
fn deeply_nested_markdown_is_flattened_not_a_crash() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let file = dir.path().join("deep.md");
    std::fs::write(&file, format!("# Deep\n\n{} the end\n", ">".repeat(20_000))).expect("write");
    let out = byline(&lib, &["import", file.to_str().expect("utf-8")]);
    assert!(out.status.code().is_some(), "killed by a signal: {out:?}");
    assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
    let shown = ok(&lib, &["show", "deep", "--json"]);
    assert!(shown.contains("the end"), "the text is kept: {shown}");
    let lists = format!(
        "# Lists\n\n{}deepest item\n",
        (0..1000).map(|n| format!("{}- level {n}\n", "  ".repeat(n))).collect::<String>()
    );
    std::fs::write(&file, lists).expect("write");
    let out = byline(&lib, &["import", file.to_str().expect("utf-8")]);
    assert!(out.status.success(), "import failed: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn check_exits_by_what_it_finds_and_the_dictionary_takes_words() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let file = dir.path().join("story.md");
    std::fs::write(
        &file,
        "---\nheadline: Delegation arrives\n---\n\nThe minister recieved the delegation of Shoukry in Cairo.\n",
    )
    .expect("write");
    let id = ok(&lib, &["import", file.to_str().expect("path")]);
    let id = id.trim();

    let out = byline(&lib, &["check", id, "--json"]);
    assert_eq!(out.status.code(), Some(1), "a misspelling is an error: exit 1");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let texts: Vec<&str> =
        report["findings"].as_array().expect("findings").iter().filter_map(|f| f["text"].as_str()).collect();
    assert_eq!(texts, ["recieved"], "{report}");
    assert_eq!(report["findings"][0]["suggestions"][0], "received");

    ok(&lib, &["dictionary", "add", "recieved"]);
    let out = byline(&lib, &["check", id]);
    assert_eq!(out.status.code(), Some(0), "nothing left: exit 0: {}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 finding(s)"));

    let out = byline(&lib, &["check", "no-such-story"]);
    assert_eq!(out.status.code(), Some(2), "could not check: exit 2");

    let list = dir.path().join("words.txt");
    std::fs::write(&list, "Aboul-Gheit\n<script>alert(1)</script>\n\n# a comment\nBlinken\n").expect("write");
    let out = byline(&lib, &["dictionary", "import", list.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2 refused"));
    assert_eq!(ok(&lib, &["dictionary", "list"]), "Aboul-Gheit\nBlinken\nrecieved\n");
    ok(&lib, &["dictionary", "remove", "recieved"]);
    let exported = dir.path().join("out.txt");
    ok(&lib, &["dictionary", "export", "--out", exported.to_str().expect("path")]);
    assert_eq!(std::fs::read_to_string(&exported).expect("read"), "Aboul-Gheit\nBlinken\n");
    assert!(fails(&lib, &["dictionary", "remove", "recieved"]).contains("not in the library dictionary"));
}

#[test]
fn the_copy_desk_settings_change_what_check_finds() {
    let dir = tempfile::tempdir().expect("temp");
    let lib = dir.path().join("lib");
    let file = dir.path().join("story.md");
    std::fs::write(
        &file,
        "---\nheadline: Talks resume\n---\n\nThe AL delegation sent an e-mail on Monday.\n",
    )
    .expect("write");
    let id = ok(&lib, &["import", file.to_str().expect("path")]);
    let id = id.trim();
    let rules = |lib: &Path| -> Vec<String> {
        let out = byline(lib, &["check", id, "--json", "--no-suggestions"]);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["rule"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let before = rules(&lib);
    assert!(
        before.contains(&"style.variant".to_string())
            && before.contains(&"abbreviations.unexplained".to_string()),
        "{before:?}"
    );

    ok(&lib, &["settings", "abbreviations", "AL"]);
    ok(&lib, &["settings", "rule", "style.variant"]);
    assert!(rules(&lib).is_empty(), "{:?}", rules(&lib));
    ok(&lib, &["settings", "rule", "style.variant", "--on"]);
    ok(&lib, &["settings", "house-style", "email"]);
    assert!(rules(&lib).is_empty(), "the e-mail group removed: {:?}", rules(&lib));
    ok(&lib, &["settings", "house-style", "email", "e-mail", "E-Mail"]);
    assert_eq!(rules(&lib), ["style.variant"].map(String::from), "the group is back");

    let shown = ok(&lib, &["settings", "copy-desk"]);
    assert!(
        shown.contains("email (not e-mail)\n") && shown.contains("AL"),
        "one spelling of a form: {shown}"
    );
    assert!(fails(&lib, &["settings", "abbreviations", "al"]).contains("not an abbreviation in capitals"));
    assert!(
        fails(&lib, &["settings", "house-style", "Secretary General", "Secretary-General"]).contains("twice")
    );
    assert!(fails(&lib, &["settings", "headline", "--case", "shouty"]).contains("unknown headline case"));
}
