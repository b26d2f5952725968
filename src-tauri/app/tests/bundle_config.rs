//! The package's configuration agrees with itself: one version everywhere, the .deb as the only
//! Linux bundle (AppImage downloads tools at build time), every icon and file it names present,
//! and the platform files only adding to it. `tests/package/run.sh` checks the built package.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(name)).expect(name);
    serde_json::from_str(&text).expect(name)
}

#[test]
fn one_version_for_the_workspace_the_bundle_and_the_appstream_release() {
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(json("tauri.conf.json")["version"], version, "tauri.conf.json");
    let metainfo =
        std::fs::read_to_string(root().join("assets/linux/org.byline.desk.metainfo.xml")).expect("metainfo");
    assert!(
        metainfo.contains(&format!("<release version=\"{version}\"")),
        "the AppStream metadata lists no release {version}"
    );
}

#[test]
fn the_deb_is_the_only_linux_bundle_and_everything_it_names_is_there() {
    let conf = json("tauri.conf.json");
    let bundle = &conf["bundle"];
    assert_eq!(bundle["targets"], serde_json::json!(["deb"]));
    let app_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let icons = bundle["icon"].as_array().expect("icons");
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let name = format!("assets/icons/{size}x{size}.png");
        assert!(icons.iter().any(|i| i == &name), "no {name} in the bundle's icons");
    }
    for icon in icons {
        let path = app_dir.join(icon.as_str().expect("a path"));
        assert!(path.is_file(), "{} is missing", path.display());
    }
    let deb = &bundle["linux"]["deb"];
    let template = app_dir.join(deb["desktopTemplate"].as_str().expect("a desktop template"));
    assert!(template.is_file(), "{}", template.display());
    let files = deb["files"].as_object().expect("files");
    assert_eq!(files["/usr/bin/byline"], "../../target/release/byline", "the CLI goes into the PATH");
    for (dest, source) in files {
        let source = source.as_str().expect("a path");
        // Build outputs are made before bundling; the rest is in the tree.
        if !source.contains("target/") {
            assert!(app_dir.join(source).exists(), "{dest}: {source} is missing");
        }
    }
}

#[test]
fn the_platform_files_prepare_their_bundles_and_ship_the_same_data() {
    for (name, targets) in
        [("tauri.macos.conf.json", vec!["app", "dmg"]), ("tauri.windows.conf.json", vec!["nsis"])]
    {
        let conf = json(name);
        assert_eq!(conf["bundle"]["targets"], serde_json::json!(targets), "{name}");
        let resources = conf["bundle"]["resources"].as_object().expect(name);
        for data in ["dictionaries", "gazetteer"] {
            assert_eq!(resources[&format!("assets/{data}/")], format!("{data}/"), "{name}: {data}");
        }
        let app_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(app_dir.join(name).exists(), "src-tauri/app/{name} (the Tauri CLI reads it there)");
    }
}
