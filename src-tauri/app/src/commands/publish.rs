//! Publishing commands: destinations (list, add, remove, test, a secret for this session), the
//! outbox (send, list, retry, cancel), and the typing the outbox steps back for. Sending itself is
//! the outbox worker's (`outbox.rs`); a command only queues and rings its bell. The network is
//! reached from Rust only.

use byline_core::{
    ConnectionReport, Destination, ErrorReport, NewDestination, OutboxItem, SendRequest, Typing,
};
use tauri::State;

use crate::desk::Desk;
use crate::outbox::OutboxBell;

type Reply<T> = Result<T, ErrorReport>;

#[tauri::command]
pub async fn list_destinations(desk: State<'_, Desk>) -> Reply<Vec<Destination>> {
    desk.run(|lib| lib.destinations()).await
}

#[tauri::command]
pub async fn add_destination(desk: State<'_, Desk>, destination: NewDestination) -> Reply<Destination> {
    desk.run(move |lib| lib.add_destination(destination)).await
}

#[tauri::command]
pub async fn remove_destination(desk: State<'_, Desk>, name: String) -> Reply<()> {
    desk.run(move |lib| lib.remove_destination(&name)).await
}

/// Signs in to the site (off the library: the network may be slow) and says what it found.
#[tauri::command]
pub async fn test_destination(
    desk: State<'_, Desk>,
    name: String,
    secret: Option<String>,
) -> Reply<ConnectionReport> {
    let cms = desk.run(move |lib| lib.connection(&name, secret.as_deref())).await?;
    tauri::async_runtime::spawn_blocking(move || byline_core::test_connection(cms.as_ref()))
        .await
        .map_err(|e| ErrorReport::internal(format!("the test stopped: {e}")))
}

#[tauri::command]
pub async fn provide_secret(
    desk: State<'_, Desk>,
    bell: State<'_, OutboxBell>,
    destination: String,
    secret: String,
) -> Reply<()> {
    desk.run(move |lib| lib.provide_secret(&destination, &secret)).await?;
    bell.ring();
    Ok(())
}

/// Queues the story as it is now; the outbox worker sends it when it can.
#[tauri::command]
pub async fn send_story(
    desk: State<'_, Desk>,
    bell: State<'_, OutboxBell>,
    request: SendRequest,
) -> Reply<OutboxItem> {
    let item = desk.run(move |lib| lib.queue_send(&request)).await?;
    bell.ring();
    Ok(item)
}

#[tauri::command]
pub async fn list_outbox(desk: State<'_, Desk>) -> Reply<Vec<OutboxItem>> {
    desk.run(|lib| lib.outbox()).await
}

#[tauri::command]
pub async fn retry_outbox(
    desk: State<'_, Desk>,
    bell: State<'_, OutboxBell>,
    id: i64,
    overwrite: bool,
) -> Reply<OutboxItem> {
    let item = desk.run(move |lib| lib.retry_send(id, overwrite)).await?;
    bell.ring();
    Ok(item)
}

#[tauri::command]
pub async fn cancel_outbox(desk: State<'_, Desk>, id: i64) -> Reply<OutboxItem> {
    desk.run(move |lib| lib.cancel_send(id)).await
}

/// The journalist is typing (the editor says so at most about once a second while keys go in):
/// the outbox holds its next step until typing pauses.
#[tauri::command]
pub async fn note_typing(typing: State<'_, Typing>) -> Reply<()> {
    typing.typed();
    Ok(())
}
