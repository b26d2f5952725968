//! Builds the Tauri context from the root `tauri.conf.json` and generates one permission per
//! app command, so the capability file must name every command the UI may call.

/// Every command the shell exposes: each `#[tauri::command]` function in `src/commands/` (the
/// IPC contract test generates the UI's command table and the capability from the same functions).
fn commands() -> Vec<String> {
    println!("cargo:rerun-if-changed=src/commands");
    let mut files: Vec<_> = std::fs::read_dir("src/commands")
        .expect("src/commands")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let source = std::fs::read_to_string(&file).expect("a command file");
        for (at, _) in source.match_indices("#[tauri::command]") {
            let rest = &source[at..];
            let name_at = rest.find("fn ").expect("a command is a function") + 3;
            let name: String =
                rest[name_at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            out.push(name);
        }
    }
    out
}

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
const CORE_PERMISSIONS: &[&str] = &[
    "core:event:allow-listen",
    "core:event:allow-unlisten",
    "core:window:allow-destroy",
    "core:window:allow-set-title",
    "core:webview:allow-set-webview-zoom",
];

/// The commands the UI calls: every `call("name"` in its Tauri platform file.
fn commands_the_ui_calls(source: &str) -> std::collections::BTreeSet<String> {
    source
        .match_indices("call(\"")
        .map(|(at, open)| {
            source[at + open.len()..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect()
        })
        .filter(|name: &String| !name.is_empty())
        .collect()
}

/// Fails the build when the CSP or the capability file allows more than the UI needs.
fn check_surface(commands: &[String]) {
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
    let known: std::collections::BTreeSet<String> = commands.iter().cloned().collect();
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
        known.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
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
    let commands = commands();
    check_surface(&commands);
    // Tauri keeps the names for the whole build; a build script runs once, so leaking is fine.
    let names: Vec<&'static str> = commands.into_iter().map(|c| &*Box::leak(c.into_boxed_str())).collect();
    let attributes = tauri_build::Attributes::new()
        .config_path("../../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(Box::leak(names.into_boxed_slice())));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
