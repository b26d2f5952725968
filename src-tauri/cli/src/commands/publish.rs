//! Publishing from a terminal: `send` and `publish` (queue, then send what can leave now),
//! `outbox` (list, send, retry, cancel) and `destinations` (add, list, remove, test).

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal};

use byline_core::publish::Limits;
use byline_core::{
    drain_outbox, test_connection, Error, Library, NewDestination, OutboxItem, SendRequest, Typing,
};

use crate::cli::{DestinationsCommand, OutboxCommand, SendArgs};

/// `send` and `publish`: shows the pre-publish checklist (and stops unless `--yes`), queues the
/// story as it is now, then sends what is due.
pub fn send(lib: &mut Library, story: &str, args: SendArgs, status: &str) -> Result<(), Error> {
    let items = lib.checklist(story)?;
    if !items.is_empty() && !args.yes {
        eprintln!("Before you send:");
        for item in &items {
            eprintln!("  - {}", item.message);
        }
        return Err(Error::InvalidInput("nothing was sent; send anyway with --yes".into()));
    }
    ask_secret_if_missing(lib, &args.to)?;
    let item = lib.queue_send(&SendRequest {
        story: story.to_string(),
        destination: args.to,
        status: status.parse()?,
        hold_until: args.hold_until,
    })?;
    match &item.hold_until {
        Some(until) => {
            println!("{} queued for {}, held until {until} (item {})", item.slug, item.destination, item.id)
        }
        None => println!("{} queued for {} (item {})", item.slug, item.destination, item.id),
    }
    drain(lib)
}

/// `outbox`: lists the outbox, or sends, retries or cancels.
pub fn outbox(lib: &mut Library, command: Option<OutboxCommand>, json: bool) -> Result<(), Error> {
    match command {
        None if json => super::json(&lib.outbox()?),
        None => {
            let items = lib.outbox()?;
            if items.is_empty() {
                println!("The outbox is empty.");
            }
            for item in &items {
                println!("{}", line(item));
            }
            Ok(())
        }
        Some(OutboxCommand::Send) => {
            // A secret no keychain keeps is asked for, for the destinations with items waiting.
            let waiting = lib.outbox()?;
            for d in lib.destinations()? {
                if d.secret == byline_core::SecretPlace::Missing
                    && waiting.iter().any(|i| i.destination == d.name && !i.state.is_final())
                {
                    ask_secret_if_missing(lib, &d.name)?;
                }
            }
            drain(lib)
        }
        Some(OutboxCommand::Retry { id, overwrite }) => {
            let item = lib.retry_send(id, overwrite)?;
            println!("{}", line(&item));
            ask_secret_if_missing(lib, &item.destination)?;
            drain(lib)
        }
        Some(OutboxCommand::Cancel { id }) => {
            println!("{}", line(&lib.cancel_send(id)?));
            Ok(())
        }
    }
}

/// Sends what is due, printing each item as it ends.
fn drain(lib: &mut Library) -> Result<(), Error> {
    let owner = format!("cli-{}", std::process::id());
    let cell = RefCell::new(lib);
    // Nobody types into the command line while it sends.
    let typing = Typing::default();
    let report = drain_outbox(&cell, &owner, Limits::default(), &typing, |item| println!("{}", line(item)))?;
    if let Some((holder, until)) = report.busy {
        println!("Another Byline ({holder}) is sending the outbox (until {until} at the latest); it will send these items.");
    }
    Ok(())
}

/// One outbox item on one line.
fn line(i: &OutboxItem) -> String {
    let what = match i.state {
        byline_core::OutboxState::Sent => format!("sent: {}", i.remote_url.as_deref().unwrap_or("")),
        byline_core::OutboxState::Queued => match (&i.hold_until, &i.next_attempt, &i.error) {
            (Some(until), _, _) => format!("held until {until}"),
            (_, Some(next), Some(e)) => format!("waiting: {e} (next try {next})"),
            _ => "queued".into(),
        },
        byline_core::OutboxState::Changed => format!(
            "changed on the site since Byline sent it (you sent {}; the site says {}): \
             `byline outbox retry {} --overwrite` or `byline outbox cancel {}`",
            i.last_sent.as_deref().unwrap_or("?"),
            i.remote_modified.as_deref().unwrap_or("?"),
            i.id,
            i.id
        ),
        byline_core::OutboxState::Failed => format!("failed: {}", i.error.as_deref().unwrap_or("")),
        byline_core::OutboxState::Sending => match &i.progress {
            Some(p) => format!("sending: {} ({}/{})", p.label, p.done, p.total),
            None => "sending".into(),
        },
        byline_core::OutboxState::Cancelled => "cancelled".into(),
    };
    format!(
        "{:>4}  {}  → {} ({}, revision {})  {what}",
        i.id,
        i.slug,
        i.destination,
        i.status.as_str(),
        i.revision
    )
}

/// `destinations`: lists them, or adds, removes or tests one.
pub fn destinations(
    lib: &mut Library,
    command: Option<DestinationsCommand>,
    json: bool,
) -> Result<(), Error> {
    match command {
        None if json => super::json(&lib.destinations()?),
        None => {
            let list = lib.destinations()?;
            if list.is_empty() {
                println!("No destinations yet: `byline destinations add NAME --kind wordpress --url https://… --user …`");
            }
            for d in list {
                let secret = match d.secret {
                    byline_core::SecretPlace::Keychain => "secret in the keychain",
                    byline_core::SecretPlace::Session => "secret for this session only",
                    byline_core::SecretPlace::Missing => "secret not stored: asked when sending",
                };
                let user = d.user.map(|u| format!(" as {u}")).unwrap_or_default();
                println!("{}  {} {}{user}  ({secret})", d.name, d.kind.as_str(), d.url);
            }
            Ok(())
        }
        Some(DestinationsCommand::Add { name, kind, url, user }) => {
            let kind: byline_core::DestinationKind = kind.parse()?;
            let secret = read_secret(&format!("{} for {name}: ", kind.secret_name()))?;
            let d = lib.add_destination(NewDestination { name, kind, url, user, secret })?;
            let place = match d.secret {
                byline_core::SecretPlace::Keychain => "its secret is in the keychain",
                _ => "there is no keychain on this computer: the secret was not kept, and is asked for when sending",
            };
            println!("Added {} ({}); {place}", d.name, d.url);
            Ok(())
        }
        Some(DestinationsCommand::Remove { name }) => {
            lib.remove_destination(&name)?;
            println!("Removed {name}");
            Ok(())
        }
        Some(DestinationsCommand::Test { name }) => {
            ask_secret_if_missing(lib, &name)?;
            let report = test_connection(lib.connection(&name, None)?.as_ref());
            if report.ok {
                println!("{}", report.message);
                Ok(())
            } else {
                Err(Error::InvalidInput(report.message))
            }
        }
    }
}

/// Asks for a destination's secret when neither the keychain nor this session has it.
fn ask_secret_if_missing(lib: &mut Library, name: &str) -> Result<(), Error> {
    let Some(d) = lib.destinations()?.into_iter().find(|d| d.name.eq_ignore_ascii_case(name.trim())) else {
        return Ok(()); // the command itself says there is no such destination
    };
    if d.secret == byline_core::SecretPlace::Missing {
        let secret =
            read_secret(&format!("{} for {} (not kept: no keychain): ", d.kind.secret_name(), d.name))?;
        lib.provide_secret(&d.name, &secret)?;
    }
    Ok(())
}

/// A secret from the terminal (not echoed), or the first line of standard input.
fn read_secret(prompt: &str) -> Result<String, Error> {
    let secret = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt)
            .map_err(|e| Error::InvalidInput(format!("could not read the secret: {e}")))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::InvalidInput(format!("could not read the secret: {e}")))?;
        line
    };
    Ok(secret.trim().to_string())
}
