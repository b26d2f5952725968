//! Logs go to a daily-rotating file in the OS log folder (seven files kept). Story text is never
//! logged at info level: only ids, counts and events.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Starts logging; keep the guard alive for the life of the app so the last lines are written.
pub fn init() -> Option<WorkerGuard> {
    let filter = EnvFilter::try_from_env("BYLINE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let appender = byline_core::paths::log_dir().and_then(|dir| {
        std::fs::create_dir_all(&dir).ok()?;
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("byline")
            .filename_suffix("log")
            .max_log_files(7)
            .build(dir)
            .ok()
    });
    match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            tracing_subscriber::fmt().with_env_filter(filter).with_writer(writer).with_ansi(false).init();
            Some(guard)
        }
        None => {
            tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
            None
        }
    }
}
