//! The outbox: a send is queued as the story is at that moment (a frozen revision), waits for
//! its embargo and for the site, and leaves through a drainer, one at a time per library. A
//! drainer claims an item under the library, makes the renditions and talks to the site
//! without it, and writes each confirmed step back as it happens.

use std::cell::RefCell;
use std::sync::Mutex;

use super::export::{render_photos, PhotoJob};
use super::Library;
use crate::typing::{background_priority, Typing};
use byline_export::{split_photos, ExportInput, ExportPhoto, ExportRelated};
use byline_model::time::{from_millis, now, rfc3339, to_millis};
use byline_model::{
    DestinationRecord, Error, OutboxItem, OutboxState, Result, SendProgress, SendRequest, SendStatus, Story,
};
use byline_photos::rendition::RenditionOptions;
use byline_publish::{Known, KnownPost, Limits, RemoteMedia, RemotePost, SendError};
use byline_store::{Enqueue, OutboxEnd};

/// How long a claim holds an item without news from its drainer.
const LEASE_MS: i64 = 120_000;
/// How long a drainer's turn lasts without news.
const TURN_MS: i64 = 300_000;
/// How often a send renews its lease and its drainer's turn in the library (a write with a
/// flush to disk); its other steps are kept in memory.
const RENEW_EVERY_MS: i64 = 20_000;
/// The first wait after a site could not be reached, doubled at each failure up to the last.
const FIRST_RETRY_MS: i64 = 10_000;
const LAST_RETRY_MS: i64 = 600_000;
/// The most items the outbox lists.
const LIST_MAX: usize = 500;

impl Library {
    /// Queues a send of the story as it is now. An unsent item of the same story and
    /// destination is replaced by this one. The pre-publish checklist is the caller's to show
    /// first (`checklist`).
    pub fn queue_send(&mut self, request: &SendRequest) -> Result<OutboxItem> {
        let story = self.story(&request.story)?;
        let d = self.destination_record(&request.destination)?;
        let at = now();
        let hold_until = match request.hold_until.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            Some(text) => {
                let t = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                    .map_err(|_| {
                        Error::InvalidInput(format!(
                        "\"{text}\" is not a date and time Byline can read (e.g. 2026-12-07T06:00:00+01:00)"
                    ))
                    })?;
                (t > at).then_some(to_millis(t))
            }
            None => None,
        };
        let payload = serde_json::to_string(&story)
            .map_err(|e| Error::InvalidInput(format!("could not freeze the story: {e}")))?;
        let id = self.store.enqueue(&Enqueue {
            story: &story.id.to_string(),
            destination: d.id,
            revision: story.revision,
            status: request.status,
            payload: &payload,
            hold_until,
            now: to_millis(at),
        })?;
        tracing::info!(item = id, revision = story.revision, "send queued");
        self.outbox_item(id)
    }

    /// The outbox, newest first, with how far this process's sends have gone.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        let mut items = self.store.outbox(LIST_MAX)?;
        for item in &mut items {
            self.sends.show(item);
        }
        Ok(items)
    }

    pub fn outbox_item(&self, id: i64) -> Result<OutboxItem> {
        let mut item = self
            .store
            .outbox_item(id)?
            .ok_or_else(|| Error::InvalidInput(format!("there is no outbox item {id}")))?;
        self.sends.show(&mut item);
        Ok(item)
    }

    /// Cancels an item that has not been sent (one sending stops at its next step).
    pub fn cancel_send(&mut self, id: i64) -> Result<OutboxItem> {
        let item = self.outbox_item(id)?;
        if !self.store.cancel_outbox_item(id, to_millis(now()))? {
            return Err(Error::InvalidInput(format!(
                "item {id} is {} and cannot be cancelled",
                item.state.as_str()
            )));
        }
        self.outbox_item(id)
    }

    /// Sends an item that waits, failed, or stopped because the post changed on the site, now;
    /// `overwrite` replaces a post changed on the site.
    pub fn retry_send(&mut self, id: i64, overwrite: bool) -> Result<OutboxItem> {
        let item = self.outbox_item(id)?;
        if !self.store.retry_outbox_item(id, overwrite, to_millis(now()))? {
            return Err(Error::InvalidInput(format!(
                "item {id} is {} and cannot be sent again",
                item.state.as_str()
            )));
        }
        self.outbox_item(id)
    }

    /// When the next waiting item is due, if one waits.
    pub fn next_send_due(&self) -> Result<Option<time::OffsetDateTime>> {
        Ok(self.store.next_outbox_due()?.map(from_millis))
    }

    /// Takes the drainer's turn for `owner`; `Err((holder, until))` when another drainer has it.
    pub fn take_outbox_turn(&mut self, owner: &str) -> Result<std::result::Result<(), (String, String)>> {
        let at = to_millis(now());
        let (holder, until) = self.store.take_drainer_turn(owner, at, at + TURN_MS)?;
        Ok(if holder == owner { Ok(()) } else { Err((holder, rfc3339(from_millis(until)))) })
    }

    pub fn end_outbox_turn(&mut self, owner: &str) -> Result<()> {
        self.store.end_drainer_turn(owner)
    }

    /// Claims the next item due and gathers what its send needs: the story as queued, its
    /// photos' originals, what the site already holds, the addresses of linked stories there.
    pub fn claim_send(&mut self, owner: &str) -> Result<Option<PreparedSend>> {
        let at = to_millis(now());
        let Some(claim) = self.store.claim_outbox_item(owner, at, at + LEASE_MS)? else { return Ok(None) };
        let ticket = SendTicket {
            item: claim.item.id,
            owner: owner.to_string(),
            destination: claim.destination.id,
            story: claim.item.story_id.clone(),
            status: claim.item.status,
        };
        let gathered = (|| -> Result<Gathered> {
            let story: Story = serde_json::from_str(&claim.payload)
                .map_err(|e| Error::InvalidInput(format!("the queued story cannot be read: {e}")))?;
            let photos = self.photo_jobs(&story)?;
            // An earlier attempt that stopped on the way may have left photos on the site.
            let known = self.known(&claim.destination, &story, claim.item.attempts > 1)?;
            Ok(Gathered { known, photos, story })
        })();
        let secret = self.secret_of(&claim.destination)?;
        Ok(Some(PreparedSend {
            item: claim.item,
            ticket,
            destination: claim.destination,
            secret,
            gathered: gathered.map_err(|e| e.to_string()),
            overwrite: claim.overwrite,
        }))
    }

    /// What the site holds of `story` and the addresses of the stories it links to there.
    fn known(&self, d: &DestinationRecord, story: &Story, resumed: bool) -> Result<KnownSite> {
        let id = story.id.to_string();
        let post = self
            .store
            .remote_post(d.id, &id)?
            .map(|p| KnownPost { remote_id: p.remote_id, modified: p.modified });
        let mut media = Vec::new();
        for u in &story.photos {
            let key = byline_publish::media_key(&u.id);
            if let Some((remote_id, url)) = self.store.remote_media(d.id, &key)? {
                media.push((key, RemoteMedia { id: remote_id, url }));
            }
        }
        let mut linked: Vec<String> = story.body.story_links().into_iter().collect();
        linked.extend(story.related.iter().filter_map(|r| r.story_id.map(|id| id.to_string())));
        let story_urls = self.store.remote_urls(d.id, &linked)?;
        Ok(KnownSite { known: Known { post, media, resumed }, story_urls })
    }

    /// Writes down one step a send made; false when the item is no longer this drainer's
    /// (cancelled, or taken over after its lease ran out).
    pub fn note_send(&mut self, ticket: &SendTicket, entry: &LedgerEntry) -> Result<bool> {
        let at = to_millis(now());
        match entry {
            LedgerEntry::Progress(p) => {
                // In memory; the lease and the turn renewed in the library now and then.
                let renew = self.sends.step(ticket.item, p.clone(), at, RENEW_EVERY_MS);
                if renew {
                    let _ = self.store.take_drainer_turn(&ticket.owner, at, at + TURN_MS)?;
                    self.store.outbox_progress(ticket.item, &ticket.owner, p, at + LEASE_MS)
                } else {
                    self.store.outbox_claimed(ticket.item, &ticket.owner)
                }
            }
            LedgerEntry::Media { key, media } => {
                self.store.note_media_sent(ticket.destination, key, &media.id, &media.url)?;
                Ok(true)
            }
            LedgerEntry::CreatingPost => {
                self.store.note_post_creating(ticket.destination, &ticket.story)?;
                Ok(true)
            }
            LedgerEntry::Post(post) => {
                self.store.note_post_sent(
                    ticket.destination,
                    &ticket.story,
                    &post.id,
                    &post.url,
                    &post.modified,
                    at,
                )?;
                Ok(true)
            }
        }
    }

    /// Records how a send ended: sent (the story marked published when it went out as
    /// published), waiting to try again (the site could not be reached), failed (the site
    /// refused), or stopped because the post changed on the site.
    pub fn finish_send(&mut self, result: SendResult) -> Result<OutboxItem> {
        let t = &result.ticket;
        let at = to_millis(now());
        let end = match &result.outcome {
            Ok(post) => OutboxEnd {
                remote_url: Some(post.url.clone()),
                last_sent: Some(at),
                finished: Some(at),
                ..OutboxEnd::new(OutboxState::Sent)
            },
            Err(SendError::Unreachable(m)) => {
                let attempts = self.store.outbox_item(t.item)?.map_or(1, |i| i.attempts.max(1));
                OutboxEnd {
                    error: Some(format!("{m}; Byline tries again by itself")),
                    next_attempt: Some(at + retry_wait(attempts)),
                    ..OutboxEnd::new(OutboxState::Queued)
                }
            }
            Err(SendError::Refused(m)) => {
                OutboxEnd { error: Some(m.clone()), ..OutboxEnd::new(OutboxState::Failed) }
            }
            Err(SendError::Changed { remote_modified }) => {
                // The post's address shows, to look at it before overwriting.
                let known = self.store.remote_post(t.destination, &t.story)?.unwrap_or_default();
                OutboxEnd {
                    error: Some(
                        "the post was changed on the site since Byline last sent it: overwrite it, or cancel"
                            .into(),
                    ),
                    remote_url: known.url,
                    remote_modified: Some(remote_modified.clone()),
                    last_sent: known.sent,
                    ..OutboxEnd::new(OutboxState::Changed)
                }
            }
            Err(SendError::Cancelled) => {
                self.sends.end(t.item);
                return self.outbox_item(t.item);
            }
        };
        self.sends.end(t.item);
        let recorded = self.store.finish_outbox_item(t.item, &t.owner, &end)?;
        if recorded && result.outcome.is_ok() && t.status == SendStatus::Publish {
            // Published on the site: the story is published (a draft send leaves it alone).
            if let Err(e) = self.mark_published(&t.story) {
                tracing::warn!(item = t.item, "sent, but the story could not be marked published: {e}");
            }
        }
        match &result.outcome {
            Ok(_) => tracing::info!(item = t.item, "sent"),
            Err(e) => tracing::info!(item = t.item, "send stopped: {e}"),
        }
        self.outbox_item(t.item)
    }
}

/// The wait before try `attempts + 1`: 10 s, doubled each time, at most 10 minutes.
fn retry_wait(attempts: u32) -> i64 {
    (FIRST_RETRY_MS << attempts.saturating_sub(1).min(10)).min(LAST_RETRY_MS)
}

/// How far the sends of this process have gone, and when each last renewed its lease.
#[derive(Debug, Default)]
pub(super) struct SendsInFlight(std::collections::HashMap<i64, (SendProgress, i64)>);

impl SendsInFlight {
    /// Notes a step; answers whether the lease is due for renewal.
    fn step(&mut self, item: i64, progress: SendProgress, at: i64, every: i64) -> bool {
        match self.0.get_mut(&item) {
            Some((p, renewed)) => {
                *p = progress;
                if at - *renewed >= every {
                    *renewed = at;
                    true
                } else {
                    false
                }
            }
            None => {
                self.0.insert(item, (progress, at));
                true
            }
        }
    }

    fn end(&mut self, item: i64) {
        self.0.remove(&item);
    }

    /// An item this process is sending shows its latest step.
    fn show(&self, item: &mut OutboxItem) {
        if item.state == OutboxState::Sending {
            if let Some((p, _)) = self.0.get(&item.id) {
                item.progress = Some(p.clone());
            }
        }
    }
}

/// Which item a drainer holds, for writing its steps down.
#[derive(Debug, Clone)]
pub struct SendTicket {
    pub item: i64,
    pub owner: String,
    destination: i64,
    story: String,
    status: SendStatus,
}

/// One step a send made, to write down at once.
#[derive(Debug, Clone)]
pub enum LedgerEntry {
    Progress(SendProgress),
    Media { key: String, media: RemoteMedia },
    CreatingPost,
    Post(RemotePost),
}

/// How a send ended.
#[derive(Debug)]
pub struct SendResult {
    pub ticket: SendTicket,
    pub outcome: std::result::Result<RemotePost, SendError>,
}

struct Gathered {
    story: Story,
    photos: Vec<PhotoJob>,
    known: KnownSite,
}

struct KnownSite {
    known: Known,
    story_urls: Vec<(String, String)>,
}

/// A claimed item with everything its send needs; it runs without the library.
pub struct PreparedSend {
    pub item: OutboxItem,
    ticket: SendTicket,
    destination: DestinationRecord,
    secret: Option<String>,
    gathered: std::result::Result<Gathered, String>,
    overwrite: bool,
}

impl PreparedSend {
    pub fn ticket(&self) -> SendTicket {
        self.ticket.clone()
    }

    /// Makes the renditions and sends: `note` writes each step down (under the library) and
    /// answers whether to go on. Each step (a rendition made, a photo sent) waits first while
    /// the journalist types.
    pub fn run(
        self,
        limits: Limits,
        typing: &Typing,
        note: &mut dyn FnMut(&LedgerEntry) -> Result<bool>,
    ) -> SendResult {
        let ticket = self.ticket.clone();
        // Not a byte to the site while the journalist types, a story without photos included.
        typing.step_back();
        let outcome = std::thread::scope(|scope| self.send(limits, typing, scope, note));
        SendResult { ticket, outcome }
    }

    fn send<'scope>(
        self,
        limits: Limits,
        typing: &'scope Typing,
        scope: &'scope std::thread::Scope<'scope, '_>,
        note: &mut dyn FnMut(&LedgerEntry) -> Result<bool>,
    ) -> std::result::Result<RemotePost, SendError> {
        let g = self.gathered.map_err(SendError::Refused)?;
        let d = &self.destination;
        let secret = self
            .secret
            .ok_or_else(|| SendError::Refused(super::destinations::missing_secret(d).to_string()))?;
        let cms = byline_publish::connect(d.kind, &d.url, d.user.as_deref(), &secret, limits)
            .map_err(|e| SendError::Refused(e.to_string()))?;
        let mut ledger = Notes { note };
        // The renditions are made one after another on a thread of their own, in upload order,
        // while the photos before them go up: the site's time and the making overlap.
        let mut jobs = g.photos;
        if let Some(lead) = jobs.iter().position(|j| j.photo_use.role == byline_model::PhotoRole::Lead) {
            let lead = jobs.remove(lead);
            jobs.insert(0, lead);
        }
        let placeholders: Vec<ExportPhoto> = jobs
            .iter()
            .map(|j| ExportPhoto {
                photo_use: j.photo_use.clone(),
                file_name: j.file_name.clone(),
                width: j.photo_use.width,
                height: j.photo_use.height,
                jpeg: Vec::new(),
            })
            .collect();
        let (lead, inline) = split_photos(placeholders);
        let (tx, rx) = std::sync::mpsc::sync_channel::<std::result::Result<ExportPhoto, String>>(2);
        let maker = std::thread::Builder::new().name("renditions".into()).spawn_scoped(scope, move || {
            background_priority();
            for job in jobs {
                typing.step_back();
                let made = render_photos(vec![job], RenditionOptions::default())
                    .map(|mut one| one.remove(0))
                    .map_err(|e| e.to_string());
                if tx.send(made).is_err() {
                    return; // the send stopped
                }
            }
        });
        let maker =
            maker.map_err(|e| SendError::Refused(format!("could not start making the photos: {e}")))?;
        let mut rendition = |_: &ExportPhoto| {
            typing.step_back();
            match rx.recv() {
                Ok(made) => made.map_err(SendError::Refused),
                Err(_) => Err(SendError::Refused("the photos could not be made".into())),
            }
        };
        let related = g
            .story
            .related
            .iter()
            .map(|r| ExportRelated {
                title: r.title.clone(),
                url: match (&r.story_id, &r.url) {
                    (Some(id), _) => {
                        let id = id.to_string();
                        g.known.story_urls.iter().find(|(s, _)| *s == id).map(|(_, u)| u.clone())
                    }
                    (None, url) => url.clone(),
                },
            })
            .collect();
        let input = ExportInput {
            story: g.story,
            lead,
            inline,
            related,
            base_url: None,
            exported: now(),
            story_slugs: Vec::new(),
            story_urls: g.known.story_urls,
            paper: Default::default(),
        };
        let sent = byline_publish::send(
            cms.as_ref(),
            input,
            self.ticket.status,
            &g.known.known,
            self.overwrite,
            &mut ledger,
            &mut rendition,
        );
        drop(rx);
        let _ = maker.join();
        sent
    }
}

/// The ledger a send writes to: each entry through the caller's `note`.
struct Notes<'a> {
    note: &'a mut dyn FnMut(&LedgerEntry) -> Result<bool>,
}

impl Notes<'_> {
    fn write(&mut self, entry: LedgerEntry) -> std::result::Result<(), SendError> {
        match (self.note)(&entry) {
            Ok(true) => Ok(()),
            Ok(false) => Err(SendError::Cancelled),
            Err(e) => Err(SendError::Unreachable(format!("could not write to the library: {e}"))),
        }
    }
}

impl byline_publish::Ledger for Notes<'_> {
    fn progress(&mut self, done: u32, total: u32, label: &str) -> std::result::Result<(), SendError> {
        self.write(LedgerEntry::Progress(SendProgress { done, total, label: label.to_string() }))
    }
    fn media_sent(&mut self, key: &str, media: &RemoteMedia) -> std::result::Result<(), SendError> {
        self.write(LedgerEntry::Media { key: key.to_string(), media: media.clone() })
    }
    fn creating_post(&mut self) -> std::result::Result<(), SendError> {
        self.write(LedgerEntry::CreatingPost)
    }
    fn post_sent(&mut self, post: &RemotePost) -> std::result::Result<(), SendError> {
        self.write(LedgerEntry::Post(post.clone()))
    }
}

/// A way to reach the library for a moment: the app's mutex, or the command line's own handle.
pub trait LibraryAccess {
    fn with<T>(&self, work: impl FnOnce(&mut Library) -> T) -> T;
}

impl LibraryAccess for Mutex<Library> {
    fn with<T>(&self, work: impl FnOnce(&mut Library) -> T) -> T {
        work(&mut self.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl LibraryAccess for RefCell<&mut Library> {
    fn with<T>(&self, work: impl FnOnce(&mut Library) -> T) -> T {
        work(&mut self.borrow_mut())
    }
}

/// What a drain did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DrainReport {
    /// The items that ended (sent or not), in order.
    pub items: Vec<OutboxItem>,
    /// Another drainer holds the turn: who, and until when.
    pub busy: Option<(String, String)>,
}

/// Sends every item due, one at a time, as `owner`, holding the library only to claim an item
/// and to write each step down; `each` hears about every item that ends. Stops when nothing is
/// due, or at once when another drainer has the turn. Steps back while `typing` says the
/// journalist types.
pub fn drain_outbox(
    library: &impl LibraryAccess,
    owner: &str,
    limits: Limits,
    typing: &Typing,
    mut each: impl FnMut(&OutboxItem),
) -> Result<DrainReport> {
    let mut report = DrainReport::default();
    if let Err(holder) = library.with(|lib| lib.take_outbox_turn(owner))? {
        report.busy = Some(holder);
        return Ok(report);
    }
    let result = (|| -> Result<()> {
        while let Some(prepared) = library.with(|lib| lib.claim_send(owner))? {
            let ticket = prepared.ticket();
            let result =
                prepared.run(limits, typing, &mut |entry| library.with(|lib| lib.note_send(&ticket, entry)));
            let item = library.with(|lib| lib.finish_send(result))?;
            each(&item);
            report.items.push(item);
        }
        Ok(())
    })();
    library.with(|lib| lib.end_outbox_turn(owner))?;
    result.map(|()| report)
}
