//! Publishing against real servers started here on 127.0.0.1: WordPress (Debian's package on
//! PHP and MariaDB) and the Ghost Admin API stand-in; sends read back through each site's API.
//! The secrets are kept for the session (`BYLINE_KEYCHAIN=off`): the keychain has its own test
//! in the command line's tests, inside a D-Bus session with a Secret Service.

mod common;

use std::cell::RefCell;

use byline_core::document::{Block, FigureAttrs, Inline, LinkAttrs, Mark};
use byline_core::publish::Limits;
use byline_core::{
    drain_outbox, DestinationKind, LedgerEntry, Library, NewDestination, NewStory, OutboxItem, OutboxState,
    RelatedLink, SendRequest, SendStatus, SendTicket, Status, Typing,
};
use common::servers::{root, GhostStandIn, WordPress};

fn keychain_off() {
    std::env::set_var("BYLINE_KEYCHAIN", "off");
}

/// One server test at a time: a real Ghost takes seconds to boot, and longer next to a WordPress
/// busy resizing photos on the same two cores.
static SERVERS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_server_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    SERVERS.lock().unwrap_or_else(|p| p.into_inner())
}

/// A library with the sample story (a figure added) and the Ghost stand-in as its site "Ghost".
/// Dropped in this order: the library, the stand-in, the folder, then the servers' turn.
struct GhostDesk {
    lib: Library,
    story: String,
    ghost: GhostStandIn,
    _dir: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

fn ghost_desk() -> GhostDesk {
    keychain_off();
    let _turn = one_server_at_a_time();
    let ghost = GhostStandIn::start();
    let _dir = tempfile::tempdir().expect("temp");
    let mut lib = Library::open(_dir.path().join("library")).expect("library");
    let story = sample_with_figure(&mut lib);
    add_site(&mut lib, "Ghost", DestinationKind::Ghost, ghost.url.clone(), None, ghost.key.clone());
    GhostDesk { lib, story, ghost, _dir, _turn }
}

/// Sends every item due, as the app's worker does.
fn drain(lib: &mut Library) -> Vec<OutboxItem> {
    let report = drain_outbox(&RefCell::new(lib), "test", Limits::default(), &Typing::default(), |_| {})
        .expect("the outbox drains");
    assert!(report.busy.is_none());
    report.items
}

/// Sends the next item due with `hook` in the ledger's place: it writes each step down (or
/// not) and can stop a server in between, as a crash or an outage would.
fn send_with(
    lib: &mut Library,
    mut hook: impl FnMut(&mut Library, &SendTicket, &LedgerEntry) -> byline_core::Result<bool>,
) -> OutboxItem {
    let prepared = lib.claim_send("test").expect("claim").expect("an item due");
    let ticket = prepared.ticket();
    let cell = RefCell::new(lib);
    let result = prepared.run(Limits::default(), &Typing::default(), &mut |entry| {
        hook(&mut cell.borrow_mut(), &ticket, entry)
    });
    let lib = cell.into_inner();
    lib.finish_send(result).expect("the end recorded")
}

fn request(story: &str, destination: &str, status: SendStatus) -> SendRequest {
    SendRequest { story: story.into(), destination: destination.into(), status, hold_until: None }
}

/// The sample story with the wire photo as an inline figure after its first paragraph.
fn sample_with_figure(lib: &mut Library) -> String {
    let story = lib.list_stories(None).expect("stories")[0].id.to_string();
    let photo = root().join("tests/fixtures/photos/cp.jpg");
    let attached = lib.attach_photos(&story, &[photo], false).expect("the wire photo attaches");
    let use_id = attached.uses[0].id.clone();
    lib.update_story(&story, |e| {
        e.body.content.insert(1, Block::Figure { attrs: FigureAttrs { photo_use: use_id } });
        e.standfirst = "The Arab League calls for a joint unit against IS.".into();
        e.tags = vec!["Arab League".into(), "Security".into()];
        Ok(())
    })
    .expect("the figure is saved");
    story
}

/// The story's lead photo as the library holds it.
fn lead_of(lib: &Library, story: &str) -> byline_core::PhotoUse {
    let photos = lib.story(story).expect("story").photos;
    photos.into_iter().find(|u| u.role == byline_core::PhotoRole::Lead).expect("a lead photo")
}

/// Adds a destination (its secret kept for the session).
fn add_site(
    lib: &mut Library,
    name: &str,
    kind: DestinationKind,
    url: String,
    user: Option<String>,
    secret: String,
) {
    lib.add_destination(NewDestination { name: name.into(), kind, url, user, secret })
        .expect("the destination is added");
}

fn count(v: &serde_json::Value) -> usize {
    v.as_array().map_or_else(|| panic!("a list: {v}"), Vec::len)
}

#[test]
fn wordpress_gets_the_story_its_photos_and_updates_never_a_second_copy() {
    keychain_off();
    let _turn = one_server_at_a_time();
    let wp = WordPress::start();
    // WordPress starts with its own "Hello world!" post.
    for p in wp.rest("GET", "/wp/v2/posts", "&context=edit", None).as_array().expect("posts") {
        wp.rest("DELETE", &format!("/wp/v2/posts/{}", p["id"]), "&force=true", None);
    }
    let dir = tempfile::tempdir().expect("temp");
    let mut lib = Library::open(dir.path().join("library")).expect("library");
    let story = sample_with_figure(&mut lib);
    let headline = lib.story(&story).expect("story").headline;
    add_site(
        &mut lib,
        "Newsroom",
        DestinationKind::Wordpress,
        wp.url.clone(),
        Some(wp.user.clone()),
        wp.password.clone(),
    );
    let report = byline_core::test_connection(lib.connection("newsroom", None).expect("connection").as_ref());
    assert!(report.ok && report.message.contains("as editor"), "{report:?}");

    // Published with its photos.
    let queued = lib.queue_send(&request(&story, "newsroom", SendStatus::Publish)).expect("queued");
    assert_eq!(queued.state, OutboxState::Queued);
    assert_eq!(lib.story(&story).expect("story").status, Status::Ready, "queueing publishes nothing");
    let sent = drain(&mut lib);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].state, OutboxState::Sent, "{:?}", sent[0].error);
    let posts = wp.rest("GET", "/wp/v2/posts", "&context=edit&status=publish,draft", None);
    assert_eq!(count(&posts), 1);
    let post = &posts[0];
    assert_eq!(post["title"]["raw"], headline);
    assert_eq!(post["status"], "publish");
    assert_eq!(post["excerpt"]["raw"], "The Arab League calls for a joint unit against IS.");
    assert_eq!(sent[0].remote_url.as_deref(), post["link"].as_str());
    let content = post["content"]["raw"].as_str().expect("content");
    assert!(content.contains("<figure>") && content.contains("<figcaption>"), "{content}");
    assert!(content.contains("/wp-content/uploads/"), "the figure shows the uploaded photo: {content}");
    assert!(!content.contains("TK"), "notes never leave");
    let tags = post["tags"].as_array().expect("tags");
    assert_eq!(tags.len(), 2);
    let featured = wp.rest("GET", &format!("/wp/v2/media/{}", post["featured_media"]), "&context=edit", None);
    let lead = lead_of(&lib, &story);
    assert!(
        featured["caption"]["raw"].as_str().expect("caption").contains(lead.credit_line.trim()),
        "{featured}"
    );
    assert!(featured["caption"]["raw"].as_str().expect("caption").contains("Algiers"));
    assert_eq!(featured["alt_text"], lead.alt_text.trim());
    assert_eq!(count(&wp.rest("GET", "/wp/v2/media", "&context=edit", None)), 2);
    assert_eq!(lib.story(&story).expect("story").status, Status::Published, "published once the site has it");

    // Sent again after an edit: the same post, updated; no photo uploaded twice.
    lib.update_story(&story, |e| {
        e.headline = format!("{headline} (updated)");
        Ok(())
    })
    .expect("edit");
    lib.queue_send(&request(&story, "newsroom", SendStatus::Publish)).expect("queued");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    let posts = wp.rest("GET", "/wp/v2/posts", "&context=edit&status=publish,draft", None);
    assert_eq!(count(&posts), 1, "the same post");
    assert_eq!(posts[0]["title"]["raw"], format!("{headline} (updated)"));
    assert_eq!(count(&wp.rest("GET", "/wp/v2/media", "&context=edit", None)), 2, "no second copy");
    let id = posts[0]["id"].clone();

    // Changed on the site since: Byline stops and asks; overwrite replaces it.
    std::thread::sleep(std::time::Duration::from_millis(1100)); // WordPress dates are to the second
    wp.rest("POST", &format!("/wp/v2/posts/{id}"), "", Some(r#"{"title":"Edited on the site"}"#));
    let item = lib.queue_send(&request(&story, "newsroom", SendStatus::Publish)).expect("queued");
    let changed = drain(&mut lib);
    assert_eq!(changed[0].state, OutboxState::Changed);
    assert!(
        changed[0].last_sent.is_some() && changed[0].remote_modified.is_some(),
        "both dates: {:?}",
        changed[0]
    );
    assert_eq!(
        wp.rest("GET", &format!("/wp/v2/posts/{id}"), "&context=edit", None)["title"]["raw"],
        "Edited on the site"
    );
    lib.retry_send(item.id, true).expect("overwrite");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    assert_eq!(
        wp.rest("GET", &format!("/wp/v2/posts/{id}"), "&context=edit", None)["title"]["raw"],
        format!("{headline} (updated)")
    );

    // The server stops in the middle of a send: the item waits, and finishes once it is back.
    lib.update_story(&story, |e| {
        e.kicker = "Security".into();
        Ok(())
    })
    .expect("edit");
    let item = lib.queue_send(&request(&story, "newsroom", SendStatus::Publish)).expect("queued");
    let mut stopped = false;
    let waiting = send_with(&mut lib, |lib, ticket, entry| {
        let go = lib.note_send(ticket, entry);
        if let LedgerEntry::Progress(p) = entry {
            // Each step shows in the outbox at once (kept in memory, not written each time).
            assert_eq!(lib.outbox_item(ticket.item).expect("item").progress.as_ref(), Some(p));
        }
        if matches!(entry, LedgerEntry::Media { .. }) && !stopped {
            wp.stop_web();
            stopped = true;
        }
        go
    });
    assert!(stopped);
    assert_eq!(waiting.state, OutboxState::Queued, "{waiting:?}");
    assert!(waiting.error.as_deref().is_some_and(|e| e.contains("could not reach")), "{waiting:?}");
    assert!(waiting.next_attempt.is_some());
    wp.start_web();
    lib.retry_send(item.id, false).expect("now");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    assert_eq!(count(&wp.rest("GET", "/wp/v2/posts", "&context=edit&status=publish,draft", None)), 1);
    assert_eq!(count(&wp.rest("GET", "/wp/v2/media", "&context=edit", None)), 2);

    // Answers lost: an upload, then a creation, done on the site but never heard of.
    for lose in ["media", "post"] {
        let other = lib
            .create_story(NewStory { headline: format!("Lost {lose} answer"), ..Default::default() })
            .expect("story");
        let other = other.id.to_string();
        lib.attach_photos(&other, &[root().join("tests/fixtures/photos/iphone_gpsinfo_exif.JPG")], true)
            .expect("photo");
        let item = lib.queue_send(&request(&other, "newsroom", SendStatus::Draft)).expect("queued");
        let lost = send_with(&mut lib, |lib, ticket, entry| match (lose, entry) {
            ("media", LedgerEntry::Media { .. }) | ("post", LedgerEntry::Post(_)) => {
                Err(byline_core::Error::InvalidInput("the answer was lost".into()))
            }
            _ => lib.note_send(ticket, entry),
        });
        assert_eq!(lost.state, OutboxState::Queued, "{lost:?}");
        lib.retry_send(item.id, false).expect("now");
        assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
        let slug = lib.story(&other).expect("story").slug;
        let found =
            wp.rest("GET", "/wp/v2/posts", &format!("&context=edit&status=publish,draft&slug={slug}"), None);
        assert_eq!(count(&found), 1, "one post for the {lose} answer lost");
        assert_eq!(
            lib.story(&other).expect("story").status,
            Status::Draft,
            "a draft send leaves the status alone"
        );
    }
    assert_eq!(
        count(&wp.rest("GET", "/wp/v2/media", "&context=edit&per_page=100", None)),
        4,
        "one copy per photo"
    );
    assert_eq!(count(&wp.rest("GET", "/wp/v2/posts", "&context=edit&status=publish,draft", None)), 3);

    // A follow-up links to the story in its body and its related posts: both point at the
    // story's address on this site; a related story never sent there is plain text.
    let sample_url = wp.rest("GET", &format!("/wp/v2/posts/{id}"), "&context=edit", None)["link"].clone();
    let sample_id = lib.story(&story).expect("story").id;
    let unsent =
        lib.create_story(NewStory { headline: "Never sent".into(), ..Default::default() }).expect("story");
    let follow =
        lib.create_story(NewStory { headline: "Follow-up".into(), ..Default::default() }).expect("story");
    let follow = follow.id.to_string();
    lib.update_story(&follow, |e| {
        e.body.content = vec![Block::Paragraph {
            content: vec![Inline::Text {
                text: "the minister's call".into(),
                marks: vec![Mark::Link { attrs: LinkAttrs { href: format!("story:{sample_id}") } }],
            }],
        }];
        Ok(())
    })
    .expect("link");
    for (target, title) in [(sample_id, "The call"), (unsent.id, "Never sent")] {
        let link = RelatedLink { story_id: Some(target), url: None, title: title.into(), broken: false };
        lib.add_related(&follow, link).expect("related");
    }
    lib.queue_send(&request(&follow, "newsroom", SendStatus::Draft)).expect("queued");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    let slug = lib.story(&follow).expect("story").slug;
    let found = wp.rest("GET", "/wp/v2/posts", &format!("&context=edit&status=draft&slug={slug}"), None);
    let content = found[0]["content"]["raw"].as_str().expect("content").to_string();
    let href = format!("href=\"{}\"", sample_url.as_str().expect("link"));
    assert_eq!(content.matches(&href).count(), 2, "the body's link and the related post: {content}");
    assert!(content.contains("<li>Never sent</li>"), "{content}");
}

#[test]
fn ghost_gets_the_story_with_a_valid_token_and_asks_before_overwriting() {
    let GhostDesk { mut lib, story, ghost, _dir, _turn } = ghost_desk();
    let report = byline_core::test_connection(lib.connection("ghost", None).expect("connection").as_ref());
    assert!(report.ok, "{report:?}");
    // A wrong key is refused in words.
    let wrong = format!("{}:{}", ghost.key.split(':').next().expect("id"), "00".repeat(32));
    let report =
        byline_core::test_connection(lib.connection("ghost", Some(&wrong)).expect("connection").as_ref());
    assert!(!report.ok && report.message.contains("refused the credentials"), "{report:?}");

    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    let sent = drain(&mut lib);
    assert_eq!(sent[0].state, OutboxState::Sent, "{:?}", sent[0].error);
    let state = ghost.state();
    assert_eq!(state["posts"], 1);
    assert_eq!(state["images"], 2);
    let post = &state["post_list"][0];
    assert_eq!(post["status"], "published");

    // Again: the same post (Ghost's collision check passes), the same images.
    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    let state = ghost.state();
    assert_eq!((state["posts"].as_u64(), state["images"].as_u64()), (Some(1), Some(2)));

    // Edited in Ghost: stopped, then overwritten on request.
    ghost.edit(post["id"].as_str().expect("id"));
    let item = lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Changed);
    lib.retry_send(item.id, true).expect("overwrite");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);

    // An upload whose answer was lost is found where Ghost put it, not uploaded again.
    let other = lib
        .create_story(NewStory { headline: "Ghost lost answer".into(), ..Default::default() })
        .expect("story");
    let other = other.id.to_string();
    lib.attach_photos(&other, &[root().join("tests/fixtures/photos/iphone_gpsinfo_exif.JPG")], true)
        .expect("photo");
    let item = lib.queue_send(&request(&other, "ghost", SendStatus::Draft)).expect("queued");
    let lost = send_with(&mut lib, |lib, ticket, entry| match entry {
        LedgerEntry::Media { .. } => Err(byline_core::Error::InvalidInput("the answer was lost".into())),
        _ => lib.note_send(ticket, entry),
    });
    assert_eq!(lost.state, OutboxState::Queued);
    lib.retry_send(item.id, false).expect("now");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    let state = ghost.state();
    assert_eq!((state["posts"].as_u64(), state["images"].as_u64()), (Some(2), Some(3)));
}

#[test]
fn the_outbox_steps_back_while_the_journalist_types() {
    let GhostDesk { mut lib, story, ghost, _dir, _turn } = ghost_desk();
    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    let typing = Typing::with_quiet(std::time::Duration::from_millis(400));
    let keys_go_on = std::sync::atomic::AtomicBool::new(true);
    typing.typed();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while keys_go_on.load(std::sync::atomic::Ordering::Relaxed) {
                typing.typed();
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        });
        let sender = scope.spawn(|| {
            drain_outbox(&RefCell::new(&mut lib), "app", Limits::default(), &typing, |_| {}).expect("drains")
        });
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let state = ghost.state();
        let quiet = (state["posts"].as_u64(), state["images"].as_u64());
        keys_go_on.store(false, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(quiet, (Some(0), Some(0)), "nothing was sent while the journalist typed");
        let report = sender.join().expect("the sender ends");
        assert_eq!(report.items[0].state, OutboxState::Sent, "{:?}", report.items[0].error);
    });
    let state = ghost.state();
    assert_eq!(
        (state["posts"].as_u64(), state["images"].as_u64()),
        (Some(1), Some(2)),
        "sent once typing paused"
    );
}

#[test]
fn an_embargo_holds_an_item_and_a_cancelled_one_never_leaves() {
    keychain_off();
    let dir = tempfile::tempdir().expect("temp");
    let mut lib = Library::open(dir.path().join("library")).expect("library");
    let story = lib.list_stories(None).expect("stories")[0].id.to_string();
    add_site(
        &mut lib,
        "Down",
        DestinationKind::Wordpress,
        format!("http://127.0.0.1:{}", common::servers::free_port()),
        Some("editor".into()),
        "abcd efgh ijkl mnop".into(),
    );
    let later = byline_core::time::rfc3339(byline_core::time::now() + time::Duration::hours(2));
    let held = lib
        .queue_send(&SendRequest {
            hold_until: Some(later.clone()),
            ..request(&story, "down", SendStatus::Publish)
        })
        .expect("queued");
    assert_eq!(held.hold_until.as_deref(), Some(later.as_str()));
    assert!(drain(&mut lib).is_empty(), "held until the embargo, even online");
    // Sending again replaces the unsent item with the story as it is now.
    lib.update_story(&story, |e| {
        e.kicker = "Now".into();
        Ok(())
    })
    .expect("edit");
    let again = lib.queue_send(&request(&story, "down", SendStatus::Publish)).expect("queued");
    assert_eq!(again.id, held.id);
    assert!(again.revision > held.revision && again.hold_until.is_none());
    assert_eq!(lib.outbox().expect("outbox").len(), 1);
    // The site is down: the item waits with the reason, ready to try again.
    let waiting = drain(&mut lib);
    assert_eq!(waiting[0].state, OutboxState::Queued);
    assert!(waiting[0].error.as_deref().is_some_and(|e| e.contains("connection refused")), "{waiting:?}");
    assert!(drain(&mut lib).is_empty(), "not due again before its next try");
    let cancelled = lib.cancel_send(again.id).expect("cancel");
    assert_eq!(cancelled.state, OutboxState::Cancelled);
    assert!(lib.retry_send(again.id, false).is_err(), "a cancelled item stays cancelled");
    // Plain http to another computer is refused before anything is kept.
    let refused = lib.add_destination(NewDestination {
        name: "Plain".into(),
        kind: DestinationKind::Ghost,
        url: "http://news.example.org".into(),
        user: None,
        secret: "a:00".into(),
    });
    assert!(refused.expect_err("refused").to_string().contains("https only"));
}

#[test]
fn two_drainers_never_send_at_once() {
    keychain_off();
    let dir = tempfile::tempdir().expect("temp");
    let mut lib = Library::open(dir.path().join("library")).expect("library");
    let mut other =
        Library::open(dir.path().join("library")).expect("a second handle, as the command line has");
    assert!(lib.take_outbox_turn("app-1").expect("turn").is_ok());
    let busy = other.take_outbox_turn("cli-2").expect("turn");
    assert_eq!(busy.as_ref().map_err(|(who, _)| who.as_str()), Err("app-1"));
    let report =
        drain_outbox(&RefCell::new(&mut other), "cli-2", Limits::default(), &Typing::default(), |_| {})
            .expect("drain");
    assert!(report.busy.is_some());
    lib.end_outbox_turn("app-1").expect("end");
    assert!(other.take_outbox_turn("cli-2").expect("turn").is_ok());
}

#[test]
fn the_real_ghost_gets_the_story_its_photos_and_the_same_post_again() {
    keychain_off();
    let _turn = one_server_at_a_time();
    let ghost = common::servers::RealGhost::start();
    let dir = tempfile::tempdir().expect("temp");
    let mut lib = Library::open(dir.path().join("library")).expect("library");
    let story = sample_with_figure(&mut lib);
    add_site(&mut lib, "Ghost", DestinationKind::Ghost, ghost.url.clone(), None, ghost.key.clone());
    let report = byline_core::test_connection(lib.connection("ghost", None).expect("connection").as_ref());
    assert!(report.ok, "{report:?}");
    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    let sent = drain(&mut lib);
    assert_eq!(sent[0].state, OutboxState::Sent, "{:?}", sent[0].error);
    let posts = ghost.admin("GET", "posts/?formats=html&limit=all&filter=tag:security", None);
    let list = posts["posts"].as_array().expect("posts");
    assert_eq!(list.len(), 1, "{posts}");
    let post = &list[0];
    let lead = lead_of(&lib, &story);
    assert_eq!(post["status"], "published");
    assert!(post["feature_image"].as_str().is_some_and(|u| u.contains("/content/images/")), "{post}");
    assert_eq!(post["feature_image_alt"], lead.alt_text.trim());
    assert!(
        post["feature_image_caption"].as_str().is_some_and(|c| c.contains(lead.credit_line.trim())),
        "{post}"
    );
    assert_eq!(post["custom_excerpt"], "The Arab League calls for a joint unit against IS.");
    let html = post["html"].as_str().expect("html");
    assert!(html.contains("<figure") && html.contains("<figcaption"), "{html}");
    assert_eq!(sent[0].remote_url.as_deref(), post["url"].as_str());

    // Sent again: the same post, updated through Ghost's collision check.
    lib.update_story(&story, |e| {
        e.headline = "Updated from Byline".into();
        Ok(())
    })
    .expect("edit");
    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    assert_eq!(drain(&mut lib)[0].state, OutboxState::Sent);
    let posts = ghost.admin("GET", "posts/?limit=all&filter=tag:security", None);
    assert_eq!(posts["posts"].as_array().map(Vec::len), Some(1));
    assert_eq!(posts["posts"][0]["title"], "Updated from Byline");

    // Edited in Ghost since: Byline stops and asks.
    std::thread::sleep(std::time::Duration::from_millis(1100)); // Ghost's dates are to the second
    let id = posts["posts"][0]["id"].as_str().expect("id").to_string();
    let updated_at = posts["posts"][0]["updated_at"].as_str().expect("updated_at").to_string();
    let edit = serde_json::json!({ "posts": [{ "title": "Edited in Ghost", "updated_at": updated_at }] });
    ghost.admin("PUT", &format!("posts/{id}/"), Some(&edit.to_string()));
    lib.queue_send(&request(&story, "ghost", SendStatus::Publish)).expect("queued");
    let changed = drain(&mut lib);
    assert_eq!(changed[0].state, OutboxState::Changed, "{:?}", changed[0]);
}
