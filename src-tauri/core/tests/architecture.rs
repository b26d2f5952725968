//! The crate map holds: arrows only point down (each crate depends only on the crates below it),
//! nothing but the desktop app depends on Tauri or a GUI crate, and no two modules of a crate
//! import each other, directly or through others. See ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace's crates, bottom first, with the Byline crates each may depend on.
const LAYERS: &[(&str, &[&str])] = &[
    ("byline-document", &[]),
    ("byline-model", &["byline-document"]),
    ("byline-heif", &[]),
    ("byline-photos", &["byline-heif", "byline-model"]),
    ("byline-search", &["byline-model"]),
    ("byline-store", &["byline-document", "byline-model"]),
    ("byline-docx", &["byline-document", "byline-model"]),
    ("byline-proof", &["byline-model"]),
    ("byline-export", &["byline-docx", "byline-document", "byline-model", "byline-photos", "byline-proof"]),
    ("byline-check", &["byline-document", "byline-model"]),
    ("byline-publish", &["byline-export", "byline-model"]),
    (
        "byline-core",
        &[
            "byline-document",
            "byline-model",
            "byline-photos",
            "byline-search",
            "byline-store",
            "byline-export",
            "byline-check",
            "byline-docx",
            "byline-publish",
        ],
    ),
    ("byline", &["byline-core"]),
    ("byline-app", &["byline-core"]),
];

fn cargo(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each workspace crate's normal and build dependencies that are Byline crates.
fn byline_edges() -> BTreeMap<String, BTreeSet<String>> {
    let meta: serde_json::Value =
        serde_json::from_str(&cargo(&["metadata", "--format-version", "1", "--no-deps", "--offline"]))
            .expect("cargo metadata is JSON");
    let mut edges = BTreeMap::new();
    for package in meta["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("name").to_string();
        let deps = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter(|d| d["kind"].is_null() || d["kind"] == "build")
            .filter_map(|d| d["name"].as_str())
            .filter(|d| d.starts_with("byline"))
            .map(str::to_string)
            .collect();
        edges.insert(name, deps);
    }
    edges
}

/// Every crate of `edges` missing from `layers`, and every dependency not allowed by them.
fn off_the_map(edges: &BTreeMap<String, BTreeSet<String>>, layers: &[(&str, &[&str])]) -> Vec<String> {
    let mut found = Vec::new();
    for (name, deps) in edges {
        let Some((_, allowed)) = layers.iter().find(|(n, _)| n == name) else {
            found.push(format!("{name} is not on the crate map in this test and ARCHITECTURE.md"));
            continue;
        };
        for dep in deps.iter().filter(|d| !allowed.contains(&d.as_str())) {
            found.push(format!("{name} depends on {dep}, which is not below it on the map"));
        }
    }
    found
}

#[test]
fn every_crate_depends_only_on_the_crates_below_it() {
    let edges = byline_edges();
    for (name, _) in LAYERS {
        assert!(edges.contains_key(*name), "{name} is not in the workspace");
    }
    let found = off_the_map(&edges, LAYERS);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_map_check_catches_an_upward_arrow_and_an_unknown_crate() {
    let mut edges = byline_edges();
    edges.entry("byline-store".into()).or_default().insert("byline-core".into());
    edges.insert("byline-stray".into(), BTreeSet::new());
    let found = off_the_map(&edges, LAYERS);
    assert_eq!(
        found,
        [
            "byline-store depends on byline-core, which is not below it on the map",
            "byline-stray is not on the crate map in this test and ARCHITECTURE.md",
        ]
    );
}

#[test]
fn nothing_but_the_app_depends_on_tauri() {
    for front in ["byline-core", "byline"] {
        let tree = cargo(&["tree", "-p", front, "--edges", "normal,build", "--prefix", "none", "--offline"]);
        assert!(tree.contains("rusqlite"), "cargo tree of {front} printed no dependency");
        for banned in ["tauri", "wry", "tao ", "webkit", "gtk"] {
            assert!(!tree.lines().any(|l| l.starts_with(banned)), "{front} depends on {banned}");
        }
    }
}

/// The top-level modules of a crate (files and folders under `src/`) and, for each, the other
/// top-level modules it names (`crate::x`, or `super::x` from a file one level down).
fn module_imports(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(src).expect("src").flatten() {
        let path = entry.path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if stem == "lib" || stem == "main" {
            continue;
        }
        let files = if path.is_dir() {
            walk(&path)
        } else if path.extension().is_some_and(|e| e == "rs") {
            vec![path.clone()]
        } else {
            continue;
        };
        modules.entry(stem).or_default().extend(files);
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    let mut imports = BTreeMap::new();
    for (module, files) in &modules {
        let mut named = BTreeSet::new();
        for file in files {
            let text = std::fs::read_to_string(file).expect("source");
            // Tests may reach anywhere in their crate.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let top_level_file = file.parent() == Some(src);
            for other in &names {
                if other == module {
                    continue;
                }
                let via_crate = code.contains(&format!("crate::{other}::"))
                    || code.contains(&format!("crate::{other};"))
                    || code.contains(&format!("crate::{{{other}"));
                let via_super = top_level_file
                    && (code.contains(&format!("super::{other}::"))
                        || code.contains(&format!("super::{other};")));
                if via_crate || via_super {
                    named.insert(other.clone());
                }
            }
        }
        imports.insert(module.clone(), named);
    }
    imports
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// A cycle among the modules, if there is one, as the path that closes it.
fn cycle(imports: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        imports: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in imports.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, imports, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    imports.keys().find_map(|start| visit(start, imports, &mut Vec::new(), &mut done))
}

#[test]
fn no_two_modules_of_a_crate_import_each_other() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut checked = 0;
    for (name, _) in LAYERS {
        let folder = match *name {
            "byline" => "cli".to_string(),
            other => other.trim_start_matches("byline-").to_string(),
        };
        let src = root.join(&folder).join("src");
        assert!(src.is_dir(), "{name}: no {}", src.display());
        let imports = module_imports(&src);
        if let Some(found) = cycle(&imports) {
            panic!("{name}: modules import each other: {}", found.join(" -> "));
        }
        checked += imports.len();
    }
    assert!(checked > 20, "only {checked} modules found");
}

#[test]
fn the_cycle_check_finds_a_cycle_through_a_third_module() {
    let mut imports = BTreeMap::new();
    imports.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    imports.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    imports.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&imports).expect("a cycle"), ["a", "b", "c", "a"]);
    imports.insert("c".to_string(), BTreeSet::new());
    assert_eq!(cycle(&imports), None);
}
