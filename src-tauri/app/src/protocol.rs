//! The `photo:` protocol: the only way image bytes reach the webview. It serves thumbnails and
//! previews from the library's derived folder and nothing else (see `resolve_derived`).

use std::path::PathBuf;

use byline_core::photos::ingest::{resolve_derived, DerivedRefusal};
use tauri::http::{header, Request, Response, StatusCode};

/// Answers one request for `photo://localhost/thumbnails/<sha256>.jpg` (or `/previews/`).
pub fn serve(library: Option<&PathBuf>, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    let refuse = |status: StatusCode| {
        Response::builder().status(status).body(Vec::new()).unwrap_or_else(|_| Response::new(Vec::new()))
    };
    let Some(library) = library else {
        return refuse(StatusCode::SERVICE_UNAVAILABLE);
    };
    match resolve_derived(library, request.uri().path()) {
        Ok(path) => match std::fs::read(&path) {
            Ok(bytes) => Response::builder()
                .status(StatusCode::OK)
                .header(header::CONTENT_TYPE, "image/jpeg")
                .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
                .body(bytes)
                .unwrap_or_else(|_| refuse(StatusCode::INTERNAL_SERVER_ERROR)),
            Err(_) => refuse(StatusCode::NOT_FOUND),
        },
        Err(DerivedRefusal::BadPath) => refuse(StatusCode::FORBIDDEN),
        Err(DerivedRefusal::NotFound) => refuse(StatusCode::NOT_FOUND),
    }
}
