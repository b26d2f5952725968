//! `byline`: the same library as the desktop app, from a terminal.
//!
//! Every command is a thin call into `byline-core`; errors go to stderr with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use byline_core::{paths, Error, ErrorKind, Library, NewStory, Status, Story};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "byline", version, about = "Byline, the offline newsroom, from the command line")]
struct Cli {
    /// The library folder (default: the OS data folder).
    #[arg(long, global = true, env = paths::LIBRARY_ENV, value_name = "DIR")]
    library: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new story; prints its id.
    New {
        #[arg(long)]
        headline: String,
        #[arg(long)]
        kicker: Option<String>,
        #[arg(long)]
        byline: Option<String>,
    },
    /// List the stories, most recently updated first.
    List {
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one story (STORY is an id or a slug).
    Show {
        story: String,
        /// The whole story as JSON, body included.
        #[arg(long)]
        json: bool,
    },
    /// Import a Markdown (with YAML front matter) or plain-text file; prints the new id.
    Import { file: PathBuf },
    /// Change a story's fields.
    Set {
        story: String,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        headline: Option<String>,
        #[arg(long)]
        kicker: Option<String>,
        #[arg(long)]
        standfirst: Option<String>,
        #[arg(long)]
        byline: Option<String>,
        #[arg(long)]
        dateline: Option<String>,
        #[arg(long)]
        slug: Option<String>,
        /// Comma-separated tags (replaces the list).
        #[arg(long)]
        tags: Option<String>,
        /// Word target; 0 removes it.
        #[arg(long)]
        word_target: Option<u32>,
    },
    /// List a story's revisions, newest first.
    Revisions {
        story: String,
        #[arg(long)]
        json: bool,
    },
    /// Make an old revision current again (as a new revision).
    Restore { story: String, revision: i64 },
    /// Move a story to the trash.
    Delete { story: String },
    /// Take a story out of the trash (by id).
    Undelete { id: String },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("BYLINE_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
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

fn json(value: &impl serde::Serialize) -> Result<(), Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::InvalidInput(e.to_string()))?;
    println!("{text}");
    Ok(())
}

fn run(cli: Cli) -> Result<(), Error> {
    let mut lib = Library::open(paths::library_dir(cli.library)?)?;
    match cli.command {
        Command::New { headline, kicker, byline } => {
            let story = lib.create_story(NewStory { headline, kicker, byline })?;
            println!("{}", story.id);
        }
        Command::List { status, json: as_json } => {
            let status = status.map(|s| s.parse::<Status>()).transpose()?;
            let stories = lib.list_stories(status)?;
            if as_json {
                return json(&stories);
            }
            for s in stories {
                println!("{}  {:<9}  {:>6} words  {}  {}", s.id, s.status, s.words, s.slug, s.headline);
            }
        }
        Command::Show { story, json: as_json } => {
            let story = lib.story(&story)?;
            if as_json {
                return json(&story);
            }
            print_story(&story);
        }
        Command::Import { file } => {
            let story = lib.import_file(&file)?;
            println!("{}", story.id);
        }
        Command::Set {
            story, status, headline, kicker, standfirst, byline, dateline, slug, tags, word_target,
        } => {
            let mut edit = lib.story(&story)?.edit();
            if let Some(status) = status {
                edit.status = status.parse()?;
            }
            let text_fields = [
                (headline, &mut edit.headline),
                (kicker, &mut edit.kicker),
                (standfirst, &mut edit.standfirst),
                (byline, &mut edit.byline),
                (dateline, &mut edit.dateline),
                (slug, &mut edit.slug),
            ];
            for (value, field) in text_fields {
                if let Some(value) = value {
                    *field = value;
                }
            }
            if let Some(tags) = tags {
                edit.tags = tags.split(',').map(str::to_string).collect();
            }
            if let Some(target) = word_target {
                edit.word_target = Some(target);
            }
            let saved = lib.save_story(edit)?;
            println!("{} revision {}", saved.id, saved.revision);
        }
        Command::Revisions { story, json: as_json } => {
            let revisions = lib.list_revisions(&story)?;
            if as_json {
                return json(&revisions);
            }
            for r in revisions {
                let saved = r.saved.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
                println!("{:>5}  {}  {:>6} words  {}", r.revision, saved, r.words, r.headline);
            }
        }
        Command::Restore { story, revision } => {
            let current = lib.story(&story)?;
            let restored = lib.restore_revision(&story, revision, current.revision)?;
            println!("{} revision {} restored as revision {}", restored.id, revision, restored.revision);
        }
        Command::Delete { story } => {
            let id = lib.delete_story(&story)?;
            println!("{id} moved to the trash (undo: byline undelete {id})");
        }
        Command::Undelete { id } => {
            let story = lib.undelete_story(&id)?;
            println!("{} {}", story.id, story.headline);
        }
    }
    Ok(())
}

fn print_story(story: &Story) {
    let line = |label: &str, value: &str| {
        if !value.is_empty() {
            println!("{label:<11}{value}");
        }
    };
    line("id", &story.id.to_string());
    line("slug", &story.slug);
    line("status", story.status.as_str());
    line("kicker", &story.kicker);
    line("headline", &story.headline);
    line("standfirst", &story.standfirst);
    line("byline", &story.byline);
    line("dateline", &story.dateline);
    line("tags", &story.tags.join(", "));
    let s = story.stats;
    let target = story.word_target.map(|t| format!(" of {t}")).unwrap_or_default();
    println!(
        "{:<11}{} words{target}, {} characters, {} min read, {} notes, revision {}",
        "counts", s.words, s.characters, s.reading_minutes, s.notes, story.revision
    );
    println!();
    println!("{}", story.body.plain_text());
}
