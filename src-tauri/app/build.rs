//! Builds the Tauri context from the root `tauri.conf.json` and generates one permission per
//! app command, so the capability file must name every command the UI may call.

/// Every command the shell exposes (kept in step with `src/commands/`).
const COMMANDS: &[&str] = &[
    "list_stories",
    "create_story",
    "get_story",
    "save_story",
    "delete_story",
    "undelete_story",
    "list_revisions",
    "get_revision",
    "restore_revision",
    "library_info",
    "attach_photos",
    "attach_from_dialog",
    "cancel_attach",
    "attach_pasted_photo",
    "edit_photo_use",
    "detach_photo",
    "photo_warnings",
    "export_checklist",
    "export_story",
    "reveal_export",
    "search_stories",
    "set_related",
    "backlinks",
    "suggest_related",
    "story_refs",
    "library_settings",
    "set_library_settings",
    "list_backups",
    "backup_now",
    "restore_backup",
    "library_health",
    "recover_library",
    "open_external",
];

/// The content security policy, exactly. Loosening it is a decision, made here on purpose.
const CSP: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' photo: http://photo.localhost"),
    ("font-src", "'self'"),
    ("connect-src", "ipc: http://ipc.localhost"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    ("frame-src", "'none'"),
];

/// What the window may do besides the app's own commands.
const CORE_PERMISSIONS: &[&str] =
    &["core:event:allow-listen", "core:event:allow-unlisten", "core:window:allow-destroy"];

/// The commands the UI calls: every `call<…>("name"` in its Tauri platform file.
fn commands_the_ui_calls(source: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find("call<") {
        rest = &rest[at + 5..];
        if let Some(open) = rest.find(">(\"") {
            let name: String =
                rest[open + 3..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Fails the build when the CSP or the capability file allows more than the UI needs.
fn check_surface() {
    let read = |path: &str| {
        println!("cargo:rerun-if-changed={path}");
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("surface check: cannot read {path}: {e}"))
    };
    let conf: serde_json::Value =
        serde_json::from_str(&read("../../tauri.conf.json")).expect("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_object().expect("a CSP in tauri.conf.json");
    let want: std::collections::BTreeMap<&str, &str> = CSP.iter().copied().collect();
    let have: std::collections::BTreeMap<&str, &str> =
        csp.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("?"))).collect();
    assert_eq!(
        have, want,
        "surface check: the CSP in tauri.conf.json changed; update CSP in build.rs only on purpose"
    );
    let ui = commands_the_ui_calls(&read("../../ui/src/platform/tauri.ts"));
    let known: std::collections::BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
    let unused: Vec<_> = known.difference(&ui).collect();
    let unknown: Vec<_> = ui.difference(&known).collect();
    assert!(unused.is_empty(), "surface check: commands the UI never calls must not be exposed: {unused:?}");
    assert!(unknown.is_empty(), "surface check: the UI calls commands the shell does not have: {unknown:?}");
    let cap: serde_json::Value =
        serde_json::from_str(&read("capabilities/main-window.json")).expect("capabilities/main-window.json");
    let granted: std::collections::BTreeSet<String> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("a permission is a string").to_string())
        .collect();
    let mut needed: std::collections::BTreeSet<String> =
        ui.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    needed.extend(CORE_PERMISSIONS.iter().map(|p| p.to_string()));
    let extra: Vec<_> = granted.difference(&needed).collect();
    let missing: Vec<_> = needed.difference(&granted).collect();
    assert!(extra.is_empty(), "surface check: the capability grants more than the UI needs: {extra:?}");
    assert!(missing.is_empty(), "surface check: the capability lacks what the UI calls: {missing:?}");
    assert_eq!(
        cap["windows"],
        serde_json::json!(["main"]),
        "surface check: the capability is for the main window only"
    );
}

fn main() {
    check_surface();
    let attributes = tauri_build::Attributes::new()
        .config_path("../../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
