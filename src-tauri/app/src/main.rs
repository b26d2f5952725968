//! Byline's desktop shell: opens the library, logs to a rotating file, and hands each UI command
//! to the core. No newsroom logic lives here.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod desk;
mod logging;
mod outbox;
mod protocol;
mod window;

use std::sync::OnceLock;
use std::time::Instant;

use desk::Desk;
use tauri::Manager;

/// When the program started: the log says how long it took until the library was on screen.
static STARTED: OnceLock<Instant> = OnceLock::new();

fn main() {
    STARTED.get_or_init(Instant::now);
    #[cfg(target_os = "linux")]
    window::software_rendering_env();
    let _log_guard = logging::init();
    let desk = Desk::open();
    let library_dir = desk.dir().cloned();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .register_uri_scheme_protocol("photo", move |_ctx, request| {
            protocol::serve(library_dir.as_ref(), &request)
        })
        .manage(desk)
        .manage(outbox::OutboxBell::default())
        .manage(byline_core::Typing::default())
        .invoke_handler(tauri::generate_handler![
            commands::stories::list_stories,
            commands::stories::create_story,
            commands::stories::get_story,
            commands::stories::save_story,
            commands::stories::delete_story,
            commands::stories::undelete_story,
            commands::revisions::list_revisions,
            commands::revisions::get_revision,
            commands::revisions::restore_revision,
            commands::library::library_info,
            commands::library::note_started,
            commands::photos::attach_photos,
            commands::photos::attach_from_dialog,
            commands::photos::cancel_attach,
            commands::photos::attach_pasted_photo,
            commands::photos::edit_photo_use,
            commands::photos::detach_photo,
            commands::photos::photo_warnings,
            commands::export::export_checklist,
            commands::export::export_story,
            commands::export::reveal_export,
            commands::imports::import_stories,
            commands::imports::import_from_dialog,
            commands::links::search_stories,
            commands::links::set_related,
            commands::links::backlinks,
            commands::links::suggest_related,
            commands::links::story_refs,
            commands::library::library_settings,
            commands::library::set_library_settings,
            commands::library::list_backups,
            commands::library::backup_now,
            commands::library::restore_backup,
            commands::library::library_health,
            commands::library::recover_library,
            commands::library::open_external,
            commands::check::check_story,
            commands::check::add_dictionary_word,
            commands::check::ignore_word,
            commands::check::copy_desk_settings,
            commands::check::set_copy_desk_settings,
            commands::check::switch_rule,
            commands::check::dictionary_words,
            commands::check::remove_dictionary_word,
            commands::publish::list_destinations,
            commands::publish::add_destination,
            commands::publish::remove_destination,
            commands::publish::test_destination,
            commands::publish::provide_secret,
            commands::publish::send_story,
            commands::publish::list_outbox,
            commands::publish::retry_outbox,
            commands::publish::cancel_outbox,
            commands::publish::note_typing,
        ])
        .setup(|app| {
            window::open_main(app.handle())?;
            // Sends what waits in the outbox while the app runs.
            outbox::start(app.handle().clone());
            // A daily backup, off the UI thread, when none was made in the last day.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let desk = handle.state::<Desk>();
                let made = desk
                    .run(|lib| if lib.daily_backup_due()? { lib.backup("daily").map(Some) } else { Ok(None) })
                    .await;
                if let Err(e) = made {
                    tracing::error!("daily backup failed: {}", e.message);
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!("../../tauri.conf.json"))
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // A backup every time the app closes (after the UI's last save).
                    handle.state::<Desk>().backup_on_close();
                }
            })
        });
    if let Err(e) = result {
        tracing::error!("Byline stopped: {e}");
        eprintln!("Byline stopped: {e}");
        std::process::exit(1);
    }
}
