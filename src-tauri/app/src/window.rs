//! The main window. It never navigates away from the app's own pages.

use tauri::{AppHandle, Url, WebviewUrl, WebviewWindowBuilder};

/// Is `url` one of the app's own pages (the bundled UI, or the dev server in development)?
fn is_own_page(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri", Some("localhost")) => true,
        ("http" | "https", Some("tauri.localhost")) => true,
        ("http", Some("localhost")) => tauri::is_dev() && url.port() == Some(1420),
        _ => false,
    }
}

pub fn open_main(app: &AppHandle) -> tauri::Result<()> {
    WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title("Byline")
        .inner_size(1280.0, 820.0)
        .min_inner_size(860.0, 560.0)
        .on_navigation(|url| {
            let allowed = is_own_page(url);
            if !allowed {
                tracing::warn!(scheme = url.scheme(), "navigation away from the app blocked");
            }
            allowed
        })
        .build()?;
    Ok(())
}
