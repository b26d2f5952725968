//! The command line's shape: the clap definitions of every command and its arguments.

use std::path::PathBuf;

use byline_core::paths;
use clap::{Args, Parser, Subcommand};

/// The `byline` command line.
#[derive(Parser)]
#[command(name = "byline", version, about = "Byline, the offline newsroom, from the command line")]
pub struct Cli {
    /// The library folder (default: the OS data folder).
    #[arg(long, global = true, env = paths::LIBRARY_ENV, value_name = "DIR")]
    pub library: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Subcommand)]
pub enum Command {
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
    /// Import a Markdown (with YAML front matter) or plain-text file, a story package (.zip)
    /// or a folder of them; prints the new ids.
    Import { file: PathBuf },
    /// Change a story's fields.
    Set {
        story: String,
        #[command(flatten)]
        fields: StoryFields,
    },
    /// List a story's revisions, newest first.
    Revisions {
        story: String,
        #[arg(long)]
        json: bool,
    },
    /// Make an old revision current again (`restore STORY REV`), or put a whole library backup
    /// back (`restore BACKUP`; what is there now is backed up first).
    Restore { target: String, revision: Option<i64> },
    /// Make a verified backup of the library now.
    Backup,
    /// List the library's backups, newest first.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Send a story to a site as published (`send --status publish`); the story becomes
    /// published when the site has it. To mark a story published without sending it:
    /// `byline set STORY --status published`.
    Publish {
        story: String,
        #[command(flatten)]
        send: SendArgs,
    },
    /// Send a story to a site (WordPress or Ghost) through the outbox: it leaves now when the
    /// site can be reached, else it waits in the outbox (`byline outbox send` sends it later).
    Send {
        story: String,
        #[command(flatten)]
        send: SendArgs,
        /// draft (the default: a draft on the site) or publish.
        #[arg(long, default_value = "draft")]
        status: String,
    },
    /// The outbox: what waits to be sent, is sending, was sent or failed. Without a
    /// subcommand, lists it.
    Outbox {
        #[command(subcommand)]
        command: Option<OutboxCommand>,
        #[arg(long)]
        json: bool,
    },
    /// The sites stories are sent to. Without a subcommand, lists them.
    Destinations {
        #[command(subcommand)]
        command: Option<DestinationsCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Move a story to the trash.
    Delete { story: String },
    /// Take a story out of the trash (by id).
    Undelete { id: String },
    /// Attach photos to a story; prints each use with its prefilled caption, credit and alt text.
    Attach {
        story: String,
        #[arg(required = true)]
        photos: Vec<PathBuf>,
        /// The first photo becomes the story's lead photo.
        #[arg(long)]
        lead: bool,
        #[arg(long)]
        json: bool,
    },
    /// Edit one story's caption, credit and alt text of a photo (USE is the id `attach` printed).
    Caption {
        story: String,
        #[arg(name = "USE")]
        photo_use: String,
        #[command(flatten)]
        fields: CaptionFields,
    },
    /// Export a story (or every story with a status) for publishing.
    Export {
        /// The story (id or slug); leave out with --status for a batch.
        story: Option<String>,
        #[command(flatten)]
        options: ExportArgs,
    },
    /// The library's photos.
    Photos {
        #[command(subcommand)]
        command: PhotosCommand,
    },
    /// The agency table: credits read from photo files print as these names ("REUTERS",
    /// "Reuters Photo" -> "Reuters"). Without a subcommand, lists it.
    Agencies {
        #[command(subcommand)]
        command: Option<AgenciesCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Add a related post to a story: TARGET is another story (id or slug) or an http(s) URL.
    Relate {
        story: String,
        target: String,
        /// The title shown for the link (default: the story's headline; required for a URL).
        #[arg(long)]
        title: Option<String>,
    },
    /// A story's related posts, in order; with --suggest, stories like it that are not linked yet.
    Related {
        story: String,
        #[arg(long)]
        suggest: bool,
        #[arg(long)]
        json: bool,
    },
    /// The stories whose body or related posts point at this one.
    Backlinks {
        story: String,
        #[arg(long)]
        json: bool,
    },
    /// Search the library: words, "phrases", prefix*, OR. With --reindex, rebuild the index.
    Search {
        #[arg(required_unless_present = "reindex")]
        query: Option<String>,
        #[command(flatten)]
        filters: SearchFilters,
        #[arg(long)]
        json: bool,
        /// Rebuild the search index from the library.
        #[arg(long)]
        reindex: bool,
    },
    /// Check a story's copy: spelling, grammar, punctuation, house style, captions, structure.
    /// Exit status 0 when nothing is an error, 1 when something is, 2 when it could not check.
    Check {
        story: String,
        #[arg(long)]
        json: bool,
        /// Leave out spelling suggestions (faster).
        #[arg(long)]
        no_suggestions: bool,
    },
    /// The library dictionary: words every story may use (names such as Aboul-Gheit).
    Dictionary {
        #[command(subcommand)]
        command: DictionaryCommand,
    },
    /// Show or change the library settings.
    Settings {
        /// Where published stories live (empty to remove).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// How photo credits print, e.g. "Photo: {credit}".
        #[arg(long)]
        credit_template: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        copy_desk: Option<CopyDeskCommand>,
    },
}

/// The copy desk's settings (`byline settings house-style …`).
#[derive(Subcommand)]
pub enum CopyDeskCommand {
    /// Show the copy desk's settings (house style, known abbreviations, rules off, headline).
    CopyDesk {
        #[arg(long)]
        json: bool,
    },
    /// Set a house-style group: the form the house uses, then the variants it replaces (they
    /// replace the group's old ones); with no variants, the group is removed.
    HouseStyle { preferred: String, variants: Vec<String> },
    /// Abbreviations that need no spelling out: add (or `--remove`) them.
    Abbreviations {
        #[arg(required = true)]
        abbreviations: Vec<String>,
        #[arg(long)]
        remove: bool,
    },
    /// Switch a rule off (or on again with `--on`), by its id (`style.variant`, `grammar.a-an`…).
    Rule {
        id: String,
        #[arg(long)]
        on: bool,
    },
    /// The headline's longest length and house casing.
    Headline {
        #[arg(long)]
        max: Option<u32>,
        /// sentence, title or any
        #[arg(long)]
        case: Option<String>,
    },
}

/// What `agencies` does to the agency table.
#[derive(Subcommand)]
pub enum AgenciesCommand {
    /// Add an agency, or give one new spellings: credits spelt SPELLING print as NAME (the
    /// spellings given replace the agency's old ones).
    Set { name: String, spellings: Vec<String> },
    /// Remove an agency and its spellings: its credits print as the file spells them.
    Remove { name: String },
}

/// What `dictionary` does.
#[derive(Subcommand)]
pub enum DictionaryCommand {
    /// Add words.
    Add {
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Remove a word.
    Remove { word: String },
    /// List the words, one per line.
    List,
    /// Add the words of a plain word list (one per line; `#` comments); refused lines are named.
    Import { file: PathBuf },
    /// Print the words as a plain word list (to a file with --out).
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// What `photos` does.
#[derive(Subcommand)]
pub enum PhotosCommand {
    /// Rebuild every thumbnail and preview from the originals.
    Rebuild,
}

/// The fields `set` changes; each one left out keeps its value.
#[derive(Args)]
pub struct StoryFields {
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub headline: Option<String>,
    #[arg(long)]
    pub kicker: Option<String>,
    #[arg(long)]
    pub standfirst: Option<String>,
    #[arg(long)]
    pub byline: Option<String>,
    #[arg(long)]
    pub dateline: Option<String>,
    #[arg(long)]
    pub slug: Option<String>,
    /// Comma-separated tags (replaces the list).
    #[arg(long)]
    pub tags: Option<String>,
    /// Word target; 0 removes it.
    #[arg(long)]
    pub word_target: Option<u32>,
    /// The story's language, a BCP 47 tag (en-US, en-GB, fr, es, de, ar…).
    #[arg(long)]
    pub language: Option<String>,
}

/// What `caption` changes; each one left out keeps its value.
#[derive(Args)]
pub struct CaptionFields {
    #[arg(long)]
    pub caption: Option<String>,
    #[arg(long)]
    pub credit: Option<String>,
    #[arg(long)]
    pub alt: Option<String>,
    #[arg(long)]
    pub creator: Option<String>,
    #[arg(long)]
    pub copyright: Option<String>,
    /// Marks the photo as a stand-in for the real one, with this note printed beside it in
    /// every export (an empty text: the photo is the real one).
    #[arg(long, value_name = "NOTE")]
    pub stand_in: Option<String>,
}

/// What to export as, where, and how.
#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "html|hugo|ninjs|newsml|docx|pdf|zip")]
    pub format: String,
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Export every story with this status (e.g. ready), one package each.
    #[arg(long)]
    pub status: Option<String>,
    /// Where published stories live, for story links and related posts.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Long edge of photo renditions in pixels.
    #[arg(long, default_value_t = 2048)]
    pub size: u32,
    /// Keep GPS position and camera details in photo renditions.
    #[arg(long)]
    pub keep_gps: bool,
    /// The PDF proof's page size: a4 or letter.
    #[arg(long, value_name = "a4|letter", default_value = "a4")]
    pub page: String,
}

/// What narrows a search, and how many results.
#[derive(Args)]
pub struct SearchFilters {
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long)]
    pub tag: Option<String>,
    /// Updated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub since: Option<String>,
    /// Updated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub until: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

/// Where and how a story is sent.
#[derive(Args)]
pub struct SendArgs {
    /// The destination's name (`byline destinations` lists them).
    #[arg(long = "to", value_name = "DESTINATION")]
    pub to: String,
    /// Hold the story in the outbox until then (an embargo; RFC 3339, e.g. 2026-12-07T06:00:00+01:00).
    #[arg(long, value_name = "TIME")]
    pub hold_until: Option<String>,
    /// Send even when the pre-publish checklist has something to say.
    #[arg(long)]
    pub yes: bool,
}

/// The outbox's subcommands.
#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Send every item due now (one sender at a time: when the app is sending, it says so).
    Send,
    /// Send an item that waits, failed, or stopped because the post changed on the site, now.
    Retry {
        id: i64,
        /// Replace the post even though it was changed on the site.
        #[arg(long)]
        overwrite: bool,
    },
    /// Cancel an item that has not been sent.
    Cancel { id: i64 },
}

/// The destinations' subcommands.
#[derive(Subcommand)]
pub enum DestinationsCommand {
    /// Add a site. The secret (WordPress: an application password; Ghost: an Admin API key) is
    /// asked for, or read from standard input when it is not a terminal; it goes into the
    /// keychain, never into the library.
    Add {
        name: String,
        /// wordpress or ghost.
        #[arg(long)]
        kind: String,
        /// The site's address (https; plain http only to this computer).
        #[arg(long)]
        url: String,
        /// WordPress: the user the application password belongs to.
        #[arg(long)]
        user: Option<String>,
    },
    /// Remove a site (its posts stay on the site).
    Remove { name: String },
    /// Sign in to a site and say what was found, or what is wrong.
    Test { name: String },
}
