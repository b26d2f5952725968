//! The app's outbox worker: one thread that sends what is due while the app runs, sleeping
//! until the next item is due (at most a few seconds, so a site back online is found soon) or
//! until a send is queued. Each step of a send waits while the journalist types. The core's drainer turn keeps `byline outbox send` from sending the
//! same items at the same time.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use byline_core::publish::Limits;
use byline_core::Typing;
use tauri::{AppHandle, Manager};

use crate::desk::Desk;

/// The longest sleep between two looks at the outbox.
const LOOK_EVERY: Duration = Duration::from_secs(5);

/// Wakes the worker (a send was queued, retried).
#[derive(Default)]
pub struct OutboxBell {
    rung: Mutex<bool>,
    bell: Condvar,
}

impl OutboxBell {
    pub fn ring(&self) {
        *self.rung.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.bell.notify_all();
    }

    fn wait(&self, at_most: Duration) {
        let rung = self.rung.lock().unwrap_or_else(|p| p.into_inner());
        let (mut rung, _) =
            self.bell.wait_timeout_while(rung, at_most, |rung| !*rung).unwrap_or_else(|p| p.into_inner());
        *rung = false;
    }
}

/// Starts the worker thread.
pub fn start(app: AppHandle) {
    let owner = format!("app-{}", std::process::id());
    let spawned = std::thread::Builder::new().name("outbox".into()).spawn(move || {
        byline_core::background_priority();
        worker(&app, &owner)
    });
    if let Err(e) = spawned {
        tracing::error!("the outbox worker could not start: {e}");
    }
}

/// Sends what is due, then sleeps, for as long as the app runs.
fn worker(app: &AppHandle, owner: &str) -> ! {
    loop {
        let desk = app.state::<Desk>();
        let bell = app.state::<OutboxBell>();
        let typing = app.state::<Typing>();
        let mut wait = LOOK_EVERY;
        if let Some(library) = desk.writable() {
            match byline_core::drain_outbox(library.as_ref(), owner, Limits::default(), &typing, |_| {}) {
                Ok(report) if report.busy.is_some() => {}
                Ok(_) => {
                    let due = library.lock().unwrap_or_else(|p| p.into_inner()).next_send_due();
                    if let Ok(Some(due)) = due {
                        let left = (due - byline_core::time::now()).whole_milliseconds().max(50) as u64;
                        wait = wait.min(Duration::from_millis(left));
                    }
                }
                Err(e) => tracing::error!("the outbox could not send: {e}"),
            }
        }
        bell.wait(wait);
    }
}
