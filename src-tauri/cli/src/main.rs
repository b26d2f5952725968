//! `byline`: the same library as the desktop app, from a terminal.
//!
//! Every command is a thin call into `byline-core`; errors go to stderr with a non-zero exit.
//! `cli` holds the clap definitions and `commands` one module per command area; this file opens
//! the library, hands each command to its module and turns an error into the exit code.

mod cli;
mod commands;

use std::process::ExitCode;

use byline_core::{paths, Error, ErrorKind, Library};
use clap::Parser;

use cli::{Cli, Command, PhotosCommand};
use commands::{check, export, library, photos, publish, related, revisions, search, stories};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BYLINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Command::Check { story, json, no_suggestions } = &cli.command {
        // 0: nothing is an error; 1: something is; 2: the check could not run.
        return match open(cli.library.clone())
            .and_then(|mut lib| check::check(&mut lib, story, *json, !no_suggestions))
        {
            Ok(has_errors) => ExitCode::from(u8::from(has_errors)),
            Err(e) => {
                eprintln!("byline: {e}");
                ExitCode::from(2)
            }
        };
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("byline: {e}");
            ExitCode::from(match e.kind() {
                ErrorKind::NotFound => 3,
                ErrorKind::Conflict => 4,
                ErrorKind::InvalidDocument | ErrorKind::InvalidInput => 2,
                ErrorKind::Library | ErrorKind::Io => 1,
            })
        }
    }
}

fn open(dir: Option<std::path::PathBuf>) -> Result<Library, Error> {
    Library::open(paths::library_dir(dir)?)
}

/// Opens the library and runs the command given.
fn run(cli: Cli) -> Result<(), Error> {
    let mut lib = open(cli.library)?;
    match cli.command {
        Command::New { headline, kicker, byline } => stories::new(&mut lib, headline, kicker, byline),
        Command::List { status, json } => stories::list(&lib, status, json),
        Command::Show { story, json } => stories::show(&lib, &story, json),
        Command::Import { file } => stories::import(&mut lib, &file),
        Command::Set { story, fields } => stories::set(&mut lib, &story, fields),
        Command::Publish { story, send } => publish::send(&mut lib, &story, send, "publish"),
        Command::Send { story, send, status } => publish::send(&mut lib, &story, send, &status),
        Command::Outbox { command, json } => publish::outbox(&mut lib, command, json),
        Command::Destinations { command, json } => publish::destinations(&mut lib, command, json),
        Command::Delete { story } => stories::delete(&mut lib, &story),
        Command::Undelete { id } => stories::undelete(&mut lib, &id),
        Command::Revisions { story, json } => revisions::list(&lib, &story, json),
        Command::Restore { target, revision: Some(revision) } => {
            revisions::restore(&mut lib, &target, revision)
        }
        Command::Restore { target, revision: None } => library::restore_backup(&mut lib, &target),
        Command::Backup => library::backup(&lib),
        Command::Backups { json } => library::backups(&lib, json),
        Command::Settings { copy_desk: Some(command), .. } => check::copy_desk(&mut lib, command),
        Command::Settings { base_url, credit_template, json, copy_desk: None } => {
            library::settings(&mut lib, base_url, credit_template, json)
        }
        Command::Agencies { command, json } => library::agencies(&mut lib, command, json),
        Command::Attach { story, photos: files, lead, json } => {
            photos::attach(&mut lib, &story, &files, lead, json)
        }
        Command::Caption { story, photo_use, fields } => {
            photos::caption(&mut lib, &story, &photo_use, fields)
        }
        Command::Photos { command: PhotosCommand::Rebuild } => photos::rebuild(&mut lib),
        Command::Export { story, options } => export::export(&mut lib, story, options),
        Command::Relate { story, target, title } => related::relate(&mut lib, &story, target, title),
        Command::Related { story, suggest, json } => related::related(&mut lib, &story, suggest, json),
        Command::Backlinks { story, json } => related::backlinks(&lib, &story, json),
        Command::Search { query, filters, json, reindex } => {
            search::search(&mut lib, query, filters, json, reindex)
        }
        Command::Check { story, json, no_suggestions } => {
            check::check(&mut lib, &story, json, !no_suggestions).map(drop)
        }
        Command::Dictionary { command } => check::dictionary(&mut lib, command),
    }
}
