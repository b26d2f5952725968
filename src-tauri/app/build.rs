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

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
