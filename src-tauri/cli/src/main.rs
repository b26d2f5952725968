//! `byline`: the same library as the desktop app, from a terminal.
//!
//! Every command is a thin call into `byline-core`; errors go to stderr with a non-zero exit.

use std::path::PathBuf;
use std::process::ExitCode;

use byline_core::export::{ExportOptions, Format};
use byline_core::photos::rendition::RenditionOptions;
use byline_core::{
    paths, Agency, Error, ErrorKind, Library, LinkKind, NewStory, PhotoRole, PhotoUse, PhotoUseEdit,
    RelatedLink, SearchQuery, Status, Story,
};
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
    /// Import a Markdown (with YAML front matter) or plain-text file, a story package (.zip)
    /// or a folder of them; prints the new ids.
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
    /// Mark a story published and record when (exporting never does).
    Publish { story: String },
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
        #[arg(long)]
        caption: Option<String>,
        #[arg(long)]
        credit: Option<String>,
        #[arg(long)]
        alt: Option<String>,
        #[arg(long)]
        creator: Option<String>,
        #[arg(long)]
        copyright: Option<String>,
    },
    /// Export a story (or every story with a status) for publishing.
    Export {
        /// The story (id or slug); leave out with --status for a batch.
        story: Option<String>,
        #[arg(long, value_name = "html|hugo|ninjs|newsml|zip")]
        format: String,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Export every story with this status (e.g. ready), one package each.
        #[arg(long)]
        status: Option<String>,
        /// Where published stories live, for story links and related posts.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Long edge of photo renditions in pixels.
        #[arg(long, default_value_t = 2048)]
        size: u32,
        /// Keep GPS position and camera details in photo renditions.
        #[arg(long)]
        keep_gps: bool,
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
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        /// Updated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DAY")]
        since: Option<String>,
        /// Updated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DAY")]
        until: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
        /// Rebuild the search index from the library.
        #[arg(long)]
        reindex: bool,
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
    },
}

#[derive(Subcommand)]
enum AgenciesCommand {
    /// Add an agency, or give one new spellings: credits spelt SPELLING print as NAME (the
    /// spellings given replace the agency's old ones).
    Set { name: String, spellings: Vec<String> },
    /// Remove an agency and its spellings: its credits print as the file spells them.
    Remove { name: String },
}

#[derive(Subcommand)]
enum PhotosCommand {
    /// Rebuild every thumbnail and preview from the originals.
    Rebuild,
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
            for w in lib.photo_warnings(&story.slug)? {
                eprintln!("warning: {}", w.message);
            }
        }
        Command::Import { file } => {
            let report = lib.import_path(&file)?;
            for skipped in &report.skipped {
                eprintln!("byline: skipped {}: {}", skipped.file, skipped.problem);
            }
            for id in &report.stories {
                println!("{id}");
            }
        }
        Command::Set {
            story,
            status,
            headline,
            kicker,
            standfirst,
            byline,
            dateline,
            slug,
            tags,
            word_target,
        } => {
            // One read-modify-write transaction: another process's save of this story waits
            // for it instead of making it a conflict.
            let saved = lib.update_story(&story, |edit| {
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
                Ok(())
            })?;
            println!("{} revision {}", saved.id, saved.revision);
        }
        Command::Revisions { story, json: as_json } => {
            let revisions = lib.list_revisions(&story)?;
            if as_json {
                return json(&revisions);
            }
            for r in revisions {
                let saved =
                    r.saved.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
                println!("{:>5}  {}  {:>6} words  {}", r.revision, saved, r.words, r.headline);
            }
        }
        Command::Restore { target, revision: Some(revision) } => {
            let current = lib.story(&target)?;
            let restored = lib.restore_revision(&target, revision, current.revision)?;
            println!("{} revision {} restored as revision {}", restored.id, revision, restored.revision);
        }
        Command::Restore { target, revision: None } => {
            let path = PathBuf::from(&target);
            if !path.is_file() {
                return Err(Error::InvalidInput(format!(
                    "{target} is not a backup file; to restore a revision, name it: byline restore STORY REVISION"
                )));
            }
            let safety = lib.restore_backup(&path)?;
            println!("library restored from {target}; what was there before is in {}", safety.file);
        }
        Command::Backup => {
            let backup = lib.backup("manual")?;
            println!("{}", backup.file);
        }
        Command::Backups { json: as_json } => {
            let backups = lib.backups()?;
            if as_json {
                return json(&backups);
            }
            for b in backups {
                let made = b.made.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
                println!("{made}  {:<15} {:>9} bytes  {}", b.reason, b.bytes, b.file);
            }
        }
        Command::Publish { story } => {
            let story = lib.mark_published(&story)?;
            let when = story
                .published
                .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
                .unwrap_or_default();
            println!("{} published {when} (revision {})", story.slug, story.revision);
        }
        Command::Delete { story } => {
            let linking = lib.backlinks(&story)?;
            let id = lib.delete_story(&story)?;
            if !linking.is_empty() {
                eprintln!(
                    "byline: {} stories link to this one; their links now show as broken:",
                    linking.len()
                );
                for link in &linking {
                    eprintln!("  {}  {}", link.story.slug, link.story.headline);
                }
            }
            println!("{id} moved to the trash (undo: byline undelete {id})");
        }
        Command::Undelete { id } => {
            let story = lib.undelete_story(&id)?;
            println!("{} {}", story.id, story.headline);
        }
        Command::Attach { story, photos, lead, json: as_json } => {
            let report = lib.attach_photos(&story, &photos, lead)?;
            for skipped in &report.skipped {
                eprintln!("byline: skipped {}", skipped.problem);
            }
            if as_json {
                json(&report)?;
            } else {
                report.uses.iter().for_each(print_use);
            }
            if report.uses.is_empty() && !report.skipped.is_empty() {
                return Err(Error::InvalidInput("no photo could be attached".into()));
            }
        }
        Command::Caption { story, photo_use, caption, credit, alt, creator, copyright } => {
            let edit = PhotoUseEdit { caption, credit, alt_text: alt, creator, copyright, role: None };
            print_use(&lib.edit_photo_use(&story, &photo_use, edit)?);
        }
        Command::Export { story, format, out, status, base_url, size, keep_gps } => {
            let format: Format = format.parse()?;
            let options =
                ExportOptions { rendition: RenditionOptions { long_edge: size, keep_gps }, base_url };
            let stories: Vec<String> = match (story, status) {
                (Some(story), None) => vec![story],
                (None, Some(status)) => {
                    lib.list_stories(Some(status.parse()?))?.into_iter().map(|s| s.slug).collect()
                }
                _ => return Err(Error::InvalidInput("name one story, or use --status for a batch".into())),
            };
            let total = stories.len();
            let mut failed = 0;
            for (n, story) in stories.iter().enumerate() {
                for item in lib.checklist(story)? {
                    eprintln!("warning: {story}: {}", item.message);
                }
                match lib.export_story(story, format, &out, &options) {
                    Ok(path) => println!("[{}/{total}] {story} -> {}", n + 1, path.display()),
                    Err(e) => {
                        failed += 1;
                        eprintln!("byline: [{}/{total}] {story}: {e}", n + 1);
                    }
                }
            }
            if failed > 0 {
                return Err(Error::InvalidInput(format!("{failed} of {total} exports failed")));
            }
        }
        Command::Relate { story, target, title } => {
            let link = if target.contains(':') {
                let title =
                    title.ok_or_else(|| Error::InvalidInput("a link to a URL needs --title".into()))?;
                RelatedLink { story_id: None, url: Some(target), title, broken: false }
            } else {
                let other = lib.story(&target)?;
                RelatedLink {
                    story_id: Some(other.id),
                    url: None,
                    title: title.unwrap_or(other.headline),
                    broken: false,
                }
            };
            print_related(&lib.add_related(&story, link)?);
        }
        Command::Related { story, suggest, json: as_json } => {
            if suggest {
                let found = lib.suggest_related(&story, 10)?;
                if as_json {
                    return json(&found);
                }
                for s in found {
                    println!("{}  {}  (shares: {})", s.story.id, s.story.headline, s.shared.join(", "));
                }
            } else {
                let related = lib.story(&story)?.related;
                if as_json {
                    return json(&related);
                }
                print_related(&related);
            }
        }
        Command::Backlinks { story, json: as_json } => {
            let links = lib.backlinks(&story)?;
            if as_json {
                return json(&links);
            }
            for link in links {
                let via: Vec<&str> = link
                    .via
                    .iter()
                    .map(|v| match v {
                        LinkKind::Body => "body",
                        LinkKind::Related => "related",
                    })
                    .collect();
                println!("{}  {}  ({})", link.story.id, link.story.headline, via.join(", "));
            }
        }
        Command::Search { query, status, tag, since, until, limit, json: as_json, reindex } => {
            if reindex {
                let count = lib.reindex()?;
                println!("search index rebuilt: {count} stories");
                if query.is_none() {
                    return Ok(());
                }
            }
            let status = status.map(|s| s.parse::<Status>()).transpose()?;
            let query = SearchQuery {
                text: query.unwrap_or_default(),
                status,
                tag,
                since,
                until,
                limit: Some(limit),
                ..Default::default()
            };
            let results = lib.search(&query)?;
            if as_json {
                return json(&results);
            }
            println!("{} stories match", results.total);
            for hit in results.hits {
                let snippet: String = hit
                    .snippet
                    .iter()
                    .map(|s| if s.hit { format!("[{}]", s.text) } else { s.text.clone() })
                    .collect();
                println!("{}  {}  [{}]", hit.id, hit.headline, hit.status.as_str());
                if !snippet.trim().is_empty() {
                    println!("    {}", snippet.replace('\n', " "));
                }
            }
        }
        Command::Settings { base_url, credit_template, json: as_json } => {
            let settings = if base_url.is_some() || credit_template.is_some() {
                // One read-modify-write transaction: a setting changed at the same time by
                // another process is kept.
                lib.update_settings(|settings| {
                    if let Some(url) = base_url {
                        settings.base_url = Some(url);
                    }
                    if let Some(template) = credit_template {
                        settings.credit_template = template;
                    }
                    Ok(())
                })?
            } else {
                lib.settings()?
            };
            if as_json {
                return json(&settings);
            }
            println!(
                "base URL: {}",
                settings.base_url.as_deref().unwrap_or("(none: story links export as plain text)")
            );
            println!("credit template: {}", settings.credit_template);
        }
        Command::Agencies { command, json: as_json } => {
            let mut settings = lib.settings()?;
            let find = |list: &[Agency], name: &str| {
                list.iter().position(|a| a.name.eq_ignore_ascii_case(name.trim()))
            };
            match command {
                None => {}
                Some(AgenciesCommand::Set { name, spellings }) => {
                    match find(&settings.agencies, &name) {
                        Some(at) => settings.agencies[at] = Agency { name, spellings },
                        None => settings.agencies.push(Agency { name, spellings }),
                    }
                    settings = lib.set_settings(&settings)?;
                }
                Some(AgenciesCommand::Remove { name }) => {
                    let at = find(&settings.agencies, &name).ok_or_else(|| {
                        Error::InvalidInput(format!("no agency named `{name}` in this library"))
                    })?;
                    settings.agencies.remove(at);
                    settings = lib.set_settings(&settings)?;
                }
            }
            if as_json {
                return json(&settings.agencies);
            }
            for a in &settings.agencies {
                println!("{}  <-  {}", a.name, a.spellings.join(", "));
            }
        }
        Command::Photos { command: PhotosCommand::Rebuild } => {
            let (done, failed) = lib.rebuild_derived()?;
            println!("{done} photos rebuilt");
            for f in &failed {
                eprintln!("byline: {} could not be rebuilt: {}", f.file, f.problem);
            }
            if !failed.is_empty() {
                return Err(Error::InvalidInput(format!("{} photos could not be rebuilt", failed.len())));
            }
        }
    }
    Ok(())
}

fn print_use(u: &PhotoUse) {
    let role = match u.role {
        PhotoRole::Lead => "lead",
        PhotoRole::Inline => "inline",
    };
    println!("{}  {role}  {}x{}", u.id, u.width, u.height);
    println!("  caption  {}", u.caption);
    println!("  credit   {}  ({})", u.credit, u.credit_line);
    println!("  alt      {}", u.alt_text);
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
    for u in &story.photos {
        let line = [u.caption.as_str(), u.credit_line.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        line_photo(u, &line);
    }
    println!();
    println!("{}", story.body.plain_text());
}

fn line_photo(u: &PhotoUse, caption: &str) {
    let label = if u.role == PhotoRole::Lead { "lead photo" } else { "photo" };
    println!("{label:<11}{caption}");
}

fn print_related(links: &[RelatedLink]) {
    for (n, link) in links.iter().enumerate() {
        match (&link.story_id, &link.url) {
            (Some(id), _) if link.broken => {
                println!("{}. {}  (story {id} no longer exists)", n + 1, link.title)
            }
            (Some(id), _) => println!("{}. {}  (story {id})", n + 1, link.title),
            (None, Some(url)) => println!("{}. {}  <{url}>", n + 1, link.title),
            (None, None) => println!("{}. {}", n + 1, link.title),
        }
    }
}
