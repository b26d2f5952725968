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

/// Links that may leave the app, to the system's browser or mail program: https and mailto only
/// (never http, file, javascript, data or custom schemes).
pub fn goes_to_system_browser(url: &Url) -> bool {
    match url.scheme() {
        "https" => url.host_str().is_some_and(|h| !h.is_empty()) && url.username().is_empty(),
        "mailto" => !url.path().is_empty(),
        _ => false,
    }
}

pub fn open_main(app: &AppHandle) -> tauri::Result<()> {
    let handle = app.clone();
    let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title("Byline")
        .inner_size(1280.0, 820.0)
        // Small enough for a 1366×768 laptop screen at 200% scaling; the UI turns its side
        // panels into overlays when the story column would get too narrow.
        .min_inner_size(640.0, 400.0)
        // Ctrl+= / Ctrl+- / Ctrl+0 zoom the page (WCAG 1.4.4, resize text); on Linux and macOS
        // Tauri does it with a script calling set_webview_zoom, hence that permission.
        .zoom_hotkeys_enabled(true)
        .on_navigation(move |url| {
            if is_own_page(url) {
                return true;
            }
            // A followed link never replaces the app: https and mailto go to the system.
            if goes_to_system_browser(url) {
                use tauri_plugin_opener::OpenerExt;
                if let Err(e) = handle.opener().open_url(url.as_str(), None::<&str>) {
                    tracing::warn!(error = %e, "could not open a link in the system browser");
                }
            } else {
                tracing::warn!(scheme = url.scheme(), "navigation away from the app blocked");
            }
            false
        })
        .build()?;
    #[cfg(target_os = "linux")]
    window.with_webview(|webview| software_rendering(&webview.inner()))?;
    Ok(())
}

/// Keeps GTK from loading OpenGL when the window opens (`GDK_GL=disable`), since the page is
/// drawn without it (see `software_rendering`): on a machine without a GPU driver that was Mesa's
/// software rasteriser and LLVM loaded on the way to the first paint, some 25 ms of every start
/// (the start bench, `scripts/bench-start.py`). Not set when the user set `GDK_GL`, or asked for
/// hardware acceleration (`BYLINE_HARDWARE_ACCELERATION=always`). Runs before GTK starts, while
/// the program has one thread.
///
/// `WEBKIT_DISABLE_DMABUF_RENDERER=1` was measured too and left out: the page's process then
/// starts sooner on a warm start, but a cold start (the page cache dropped) took 40% longer.
#[cfg(target_os = "linux")]
pub fn software_rendering_env() {
    let accelerated = std::env::var("BYLINE_HARDWARE_ACCELERATION").is_ok_and(|v| v == "always");
    if !accelerated && std::env::var_os("GDK_GL").is_none() {
        std::env::set_var("GDK_GL", "disable");
    }
}

/// Renders the page without WebKitGTK's accelerated compositing unless
/// `BYLINE_HARDWARE_ACCELERATION=always` asks for it. A writing surface has no 3D or video; on
/// machines without a fast GPU (software GL, remote and virtual displays) compositing adds a
/// frame of delay to every key press in a long story (the load test measures it), and it is
/// the usual cause of blank WebKitGTK windows on some GPU drivers.
#[cfg(target_os = "linux")]
fn software_rendering(webview: &webkit2gtk::WebView) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
    let wanted = std::env::var("BYLINE_HARDWARE_ACCELERATION").ok();
    let policy = match wanted.as_deref() {
        Some("always") => HardwareAccelerationPolicy::Always,
        _ => HardwareAccelerationPolicy::Never,
    };
    if let Some(settings) = webview.settings() {
        settings.set_hardware_acceleration_policy(policy);
        tracing::info!(?policy, "webview rendering");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn only_https_and_mailto_leave_the_app() {
        for ok in ["https://example.org/a", "mailto:desk@example.org", "HTTPS://EXAMPLE.ORG"] {
            assert!(goes_to_system_browser(&url(ok)), "{ok}");
        }
        for no in [
            "http://example.org",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://example.org",
            "tauri://localhost/index.html",
            "https://user@example.org",
            "photo://localhost/derived/x",
            "smb://server/share",
        ] {
            assert!(!goes_to_system_browser(&url(no)), "{no}");
        }
    }

    #[test]
    fn only_the_apps_own_pages_load_in_the_window() {
        assert!(is_own_page(&url("tauri://localhost/index.html")));
        assert!(is_own_page(&url("http://tauri.localhost/index.html")));
        for no in ["https://example.org", "http://localhost:8080", "file:///tmp/x.html", "about:blank"] {
            assert!(!is_own_page(&url(no)), "{no}");
        }
    }
}
