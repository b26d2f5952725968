//! Search, related posts, story links, backlinks and suggestions on small libraries with known
//! answers.

use byline_core::{
    Document, Library, LinkKind, NewStory, RelatedLink, SearchQuery, Seed, Status, Story, SEARCH_DIR,
};
use serde_json::json;

fn empty_library() -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open_with(dir.path(), Seed::Empty).expect("open");
    (dir, lib)
}

fn story(lib: &mut Library, headline: &str, body: &[&str], status: Status, tags: &[&str]) -> Story {
    let s =
        lib.create_story(NewStory { headline: headline.into(), kicker: None, byline: None }).expect("create");
    let mut edit = s.edit();
    edit.body = Document::from_paragraphs(body);
    edit.status = status;
    edit.tags = tags.iter().map(|t| t.to_string()).collect();
    let saved = lib.save_story(edit).expect("save");
    lib.story(&saved.id.to_string()).expect("saved story")
}

fn q(text: &str) -> SearchQuery {
    SearchQuery { text: text.into(), ..Default::default() }
}

fn headlines(lib: &mut Library, query: SearchQuery) -> Vec<String> {
    lib.search(&query).expect("search").hits.into_iter().map(|h| h.headline).collect()
}

/// Three stories with known words.
fn newsroom() -> (tempfile::TempDir, Library, [Story; 3]) {
    let (dir, mut lib) = empty_library();
    let a = story(
        &mut lib,
        "Aboul-Gheit calls for efforts against IS",
        &[
            "The Arab League secretary general spoke at the coalition conference in Rome.",
            "Ministers met in Rome.",
        ],
        Status::Ready,
        &["Diplomacy"],
    );
    let b = story(
        &mut lib,
        "Floods in Algiers",
        &["Heavy rain flooded the streets of Algiers; the coalition government met.", "Algérie weather."],
        Status::Draft,
        &["Weather"],
    );
    let c = story(
        &mut lib,
        "Rome summit, day one",
        &["Delegates arrived in Rome for the coalition summit against IS.", "The league secretary attended."],
        Status::Editing,
        &["Diplomacy", "Rome"],
    );
    (dir, lib, [a, b, c])
}

#[test]
fn words_find_stories_best_first_with_marked_snippets() {
    let (_d, mut lib, [a, b, c]) = newsroom();
    let results = lib.search(&q("algiers")).expect("search");
    assert_eq!(results.total, 1);
    assert_eq!(results.hits[0].id, b.id);
    let marked: Vec<&str> =
        results.hits[0].snippet.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
    assert!(marked.iter().all(|m| m.eq_ignore_ascii_case("algiers")) && !marked.is_empty(), "{marked:?}");
    assert!(results.hits[0].headline_spans.iter().any(|s| s.hit && s.text == "Algiers"));
    // Every word must match: `rome coalition` is in a and c, not b.
    let found = headlines(&mut lib, q("rome coalition"));
    assert_eq!(found.len(), 2);
    assert!(!found.contains(&b.headline));
    // A headline match ranks first.
    assert_eq!(found[0], c.headline);
    assert!(found.contains(&a.headline));
}

#[test]
fn phrases_prefixes_or_and_diacritics() {
    let (_d, mut lib, [a, b, c]) = newsroom();
    assert_eq!(headlines(&mut lib, q(r#""arab league""#)), vec![a.headline.clone()]);
    // Both words are in a too, but not side by side.
    assert_eq!(headlines(&mut lib, q(r#""secretary attended""#)), vec![c.headline.clone()]);
    assert_eq!(headlines(&mut lib, q("secretary attended")).len(), 1);
    assert_eq!(headlines(&mut lib, q("secret*")).len(), 2);
    assert_eq!(headlines(&mut lib, q("algi*")), vec![b.headline.clone()]);
    let either = headlines(&mut lib, q("floods OR delegates"));
    assert_eq!(either.len(), 2);
    assert!(either.contains(&b.headline) && either.contains(&c.headline));
    for spelling in ["Aboul-Gheit", "aboul gheit", "ABOUL-GHEÏT", "aboul-gheït", "\"aboul gheit\""] {
        assert_eq!(headlines(&mut lib, q(spelling)), vec![a.headline.clone()], "{spelling}");
    }
    assert_eq!(headlines(&mut lib, q("algerie")), vec![b.headline.clone()]);
}

#[test]
fn filters_by_status_tag_and_date() {
    let (_d, mut lib, [a, _b, c]) = newsroom();
    let by_status = SearchQuery { status: Some(Status::Ready), ..q("rome") };
    assert_eq!(headlines(&mut lib, by_status), vec![a.headline.clone()]);
    let by_tag = SearchQuery { tag: Some("rome".into()), ..q("") };
    assert_eq!(headlines(&mut lib, by_tag), vec![c.headline.clone()]);
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let on_day = SearchQuery { since: Some(today.clone()), until: Some(today), ..q("diplomacy OR rome") };
    assert_eq!(headlines(&mut lib, on_day).len(), 2);
    let old = SearchQuery { until: Some("2001-01-01".into()), ..q("rome") };
    assert!(headlines(&mut lib, old).is_empty());
    let bad = SearchQuery { since: Some("yesterday".into()), ..q("rome") };
    let err = lib.search(&bad).expect_err("bad date");
    assert!(err.to_string().contains("`yesterday`"), "{err}");
    // No words: the filtered stories, newest first.
    let all = headlines(&mut lib, q(""));
    assert_eq!(all.len(), 3);
    assert_eq!(all[0], c.headline);
}

#[test]
fn search_syntax_characters_are_only_words() {
    let (_d, mut lib, [a, ..]) = newsroom();
    for nasty in [
        "\"",
        "\"\"",
        "*",
        "**",
        "-",
        "- rome",
        "NEAR",
        "rome NEAR/3 coalition",
        "(rome",
        "rome)",
        "((",
        "AND",
        "OR",
        "NOT rome",
        "rome OR",
        "OR rome",
        "\"unbalanced rome",
        "col:rome",
        "rome^2",
        "{}[]",
        "rome~",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "\\",
        "\u{0}",
        "🦀",
        "a*b*c",
        "ro*me",
    ] {
        let result = lib.search(&q(nasty));
        assert!(result.is_ok(), "{nasty:?}: {result:?}");
    }
    assert_eq!(headlines(&mut lib, q("\"aboul-gheit")), vec![a.headline.clone()]);
    assert_eq!(headlines(&mut lib, q("(aboul")), vec![a.headline.clone()]);
}

#[test]
fn the_index_follows_every_save_delete_and_caption() {
    let (dir, mut lib, [a, b, _c]) = newsroom();
    assert!(headlines(&mut lib, q("zanzibar")).is_empty());
    let mut edit = lib.story(&a.id.to_string()).expect("story").edit();
    edit.body = Document::from_paragraphs(&["Now about Zanzibar."]);
    lib.save_story(edit).expect("save");
    assert_eq!(headlines(&mut lib, q("zanzibar")), vec![a.headline.clone()]);
    assert!(headlines(&mut lib, q("\"arab league\"")).is_empty(), "old words are gone");
    lib.delete_story(&b.id.to_string()).expect("delete");
    assert!(headlines(&mut lib, q("algiers")).is_empty(), "trashed stories are not found");
    lib.undelete_story(&b.id.to_string()).expect("undelete");
    assert_eq!(headlines(&mut lib, q("algiers")).len(), 1);
    // Captions and credits are searched.
    let photo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/photos/IPTC-PhotometadataRef-Std2017.1.jpg");
    let report = lib.attach_photos(&b.id.to_string(), &[photo], false).expect("attach");
    let use_id = report.uses[0].id.clone();
    lib.edit_photo_use(
        &b.id.to_string(),
        &use_id,
        byline_core::PhotoUseEdit {
            caption: Some("Rescuers wade through Bab El Oued".into()),
            credit: Some("Xinhua".into()),
            ..Default::default()
        },
    )
    .expect("caption");
    assert_eq!(headlines(&mut lib, q("wade oued")), vec![b.headline.clone()]);
    assert_eq!(headlines(&mut lib, q("xinhua")), vec![b.headline.clone()]);
    // The index is derived: removed, it comes back from the database.
    drop(lib);
    std::fs::remove_dir_all(dir.path().join(SEARCH_DIR)).expect("remove index");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("reopen");
    assert_eq!(headlines(&mut lib, q("zanzibar")), vec![a.headline.clone()]);
    // Damaged, it is rebuilt too.
    drop(lib);
    std::fs::write(dir.path().join(SEARCH_DIR).join("meta.json"), b"{ not json").expect("damage");
    let mut lib = Library::open_with(dir.path(), Seed::Empty).expect("reopen");
    assert_eq!(headlines(&mut lib, q("zanzibar")), vec![a.headline.clone()]);
    assert_eq!(lib.reindex().expect("reindex"), 3);
}

#[test]
fn saves_by_another_process_reach_the_index() {
    let (dir, mut lib, [a, ..]) = newsroom();
    assert_eq!(headlines(&mut lib, q("aboul")).len(), 1);
    {
        let mut other = Library::open_with(dir.path(), Seed::Empty).expect("second handle");
        let mut edit = other.story(&a.id.to_string()).expect("story").edit();
        edit.headline = "Timbuktu manuscripts saved".into();
        other.save_story(edit).expect("save");
    }
    assert_eq!(headlines(&mut lib, q("timbuktu")), vec!["Timbuktu manuscripts saved".to_string()]);
}

#[test]
fn related_posts_keep_their_order_and_refuse_bad_urls() {
    let (_d, mut lib, [a, b, c]) = newsroom();
    let id = a.id.to_string();
    let links = vec![
        RelatedLink { story_id: Some(c.id), url: None, title: c.headline.clone(), broken: false },
        RelatedLink {
            story_id: None,
            url: Some("https://example.org/x".into()),
            title: "X".into(),
            broken: false,
        },
        RelatedLink { story_id: Some(b.id), url: None, title: b.headline.clone(), broken: false },
    ];
    lib.set_related(&id, links.clone()).expect("relate");
    let order = |lib: &Library| {
        lib.story(&id).expect("story").related.iter().map(|r| r.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(order(&lib), vec![c.headline.clone(), "X".into(), b.headline.clone()]);
    let reordered = vec![links[2].clone(), links[0].clone(), links[1].clone()];
    lib.set_related(&id, reordered).expect("reorder");
    assert_eq!(order(&lib), vec![b.headline.clone(), c.headline.clone(), "X".into()]);
    for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://example.org", "vbscript:x", " https://a b"]
    {
        let link = RelatedLink { story_id: None, url: Some(bad.into()), title: "t".into(), broken: false };
        let err = lib.set_related(&id, vec![link]).expect_err(bad);
        assert!(err.to_string().contains("only http and https"), "{bad}: {err}");
    }
    assert_eq!(order(&lib).len(), 3, "a refused list changes nothing");
    // A deleted target shows as broken, never as an error.
    lib.delete_story(&c.id.to_string()).expect("delete");
    let related = lib.story(&id).expect("story").related;
    assert!(related.iter().find(|r| r.story_id == Some(c.id)).expect("kept").broken);
    assert!(!related.iter().find(|r| r.story_id == Some(b.id)).expect("kept").broken);
}

fn link_body(lib: &mut Library, from: &Story, to: &Story) {
    let mut edit = lib.story(&from.id.to_string()).expect("story").edit();
    edit.body = Document::from_value(&json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [
            {"type": "text", "text": "See "},
            {"type": "text", "text": "the other story", "marks": [{"type": "link", "attrs": {"href": format!("story:{}", to.id)}}]}
        ]}
    ]}))
    .expect("body");
    lib.save_story(edit).expect("save");
}

#[test]
fn backlinks_come_from_bodies_and_related_lists_and_stay_current() {
    let (_d, mut lib, [a, b, c]) = newsroom();
    link_body(&mut lib, &b, &a);
    let rel = RelatedLink { story_id: Some(a.id), url: None, title: "A".into(), broken: false };
    lib.set_related(&c.id.to_string(), vec![rel.clone()]).expect("relate");
    lib.set_related(&b.id.to_string(), vec![rel]).expect("relate");
    let back = lib.backlinks(&a.id.to_string()).expect("backlinks");
    assert_eq!(back.len(), 2);
    let of = |id| back.iter().find(|l| l.story.id == id).expect("linked").via.clone();
    let mut via_b = of(b.id);
    via_b.sort_by_key(|k| format!("{k:?}"));
    assert_eq!(via_b, vec![LinkKind::Body, LinkKind::Related]);
    assert_eq!(of(c.id), vec![LinkKind::Related]);
    assert!(lib.backlinks(&b.id.to_string()).expect("none").is_empty());
    // The body link removed: only the related entry is left.
    let mut edit = lib.story(&b.id.to_string()).expect("story").edit();
    edit.body = Document::from_paragraphs(&["No link now."]);
    lib.save_story(edit).expect("save");
    let back = lib.backlinks(&a.id.to_string()).expect("backlinks");
    assert_eq!(back.iter().find(|l| l.story.id == b.id).expect("b").via, vec![LinkKind::Related]);
    // A linking story in the trash no longer counts.
    lib.delete_story(&c.id.to_string()).expect("delete");
    assert_eq!(lib.backlinks(&a.id.to_string()).expect("backlinks").len(), 1);
}

#[test]
fn links_to_missing_stories_show_as_broken() {
    let (_d, mut lib, [a, b, _c]) = newsroom();
    link_body(&mut lib, &a, &b);
    lib.delete_story(&b.id.to_string()).expect("delete");
    let never = "01900000-0000-7000-8000-000000000000".to_string();
    let refs = lib
        .story_refs(&[b.id.to_string(), never.clone(), "not an id".into(), a.id.to_string()])
        .expect("refs");
    assert_eq!(refs.len(), 3);
    assert!(!refs[0].exists && refs[0].headline == b.headline);
    assert!(!refs[1].exists && refs[1].id.to_string() == never);
    assert!(refs[2].exists);
    // Viewing and exporting the linking story still work.
    let story = lib.story(&a.id.to_string()).expect("opens");
    assert!(story.body.story_links().contains(&b.id.to_string()));
    let input = lib.export_input(&a.id.to_string(), &Default::default()).expect("export input");
    let files = byline_core::export::html::render(&input).expect("render");
    assert!(files.iter().any(|f| String::from_utf8_lossy(&f.bytes).contains("the other story")));
}

#[test]
fn suggestions_rank_by_shared_words_and_leave_out_linked_stories() {
    let (_d, mut lib) = empty_library();
    let base = story(
        &mut lib,
        "Locust swarms reach Kenya",
        &["Desert locust swarms crossed into northern Kenya, threatening pasture and harvests near Marsabit."],
        Status::Draft,
        &[],
    );
    let close = story(
        &mut lib,
        "Kenya fights locust swarms",
        &["Spraying teams in Marsabit target desert locust swarms before the harvests."],
        Status::Draft,
        &[],
    );
    let some = story(&mut lib, "Harvests up in Uganda", &["Good rains and harvests."], Status::Draft, &[]);
    for n in 0..6 {
        story(&mut lib, &format!("Unrelated {n}"), &["Parliament debates the budget."], Status::Draft, &[]);
    }
    let suggested = lib.suggest_related(&base.id.to_string(), 5).expect("suggest");
    assert_eq!(suggested[0].story.id, close.id, "{suggested:?}");
    assert!(suggested[0].shared.iter().any(|w| w == "locust"), "{:?}", suggested[0].shared);
    assert!(suggested.iter().all(|s| s.story.id != base.id), "never itself");
    assert!(suggested.iter().any(|s| s.story.id == some.id));
    assert!(suggested.iter().all(|s| !s.story.headline.starts_with("Unrelated")), "{suggested:?}");
    // Linked stories are not suggested again.
    let rel =
        RelatedLink { story_id: Some(close.id), url: None, title: close.headline.clone(), broken: false };
    lib.set_related(&base.id.to_string(), vec![rel]).expect("relate");
    let suggested = lib.suggest_related(&base.id.to_string(), 5).expect("suggest");
    assert!(suggested.iter().all(|s| s.story.id != close.id));
    link_body(&mut lib, &base, &some);
    let suggested = lib.suggest_related(&base.id.to_string(), 5).expect("suggest");
    assert!(suggested.iter().all(|s| s.story.id != some.id));
}

#[test]
fn story_links_export_to_the_library_base_url_or_as_plain_text() {
    let (_d, mut lib, [a, b, _c]) = newsroom();
    link_body(&mut lib, &a, &b);
    let html = |lib: &Library| {
        let input = lib.export_input(&a.id.to_string(), &Default::default()).expect("input");
        let files = byline_core::export::html::render(&input).expect("render");
        String::from_utf8(files.into_iter().find(|f| f.path.ends_with(".html")).expect("html").bytes)
            .expect("utf-8")
    };
    let plain = html(&lib);
    assert!(
        plain.contains("the other story") && !plain.contains("href=\"story:"),
        "plain text without a base URL"
    );
    let mut settings = lib.settings().expect("settings");
    for bad in ["javascript:alert(1)", "ftp://x.org", "https://", "https://a b.org", "news.example.org"] {
        settings.base_url = Some(bad.into());
        let err = lib.set_settings(&settings).expect_err(bad);
        assert!(err.to_string().contains("base URL"), "{err}");
    }
    assert_eq!(lib.settings().expect("settings").base_url, None, "refused values change nothing");
    settings.base_url = Some(" https://news.example.org/stories/ ".into());
    assert_eq!(
        lib.set_settings(&settings).expect("set").base_url.as_deref(),
        Some("https://news.example.org/stories")
    );
    let linked = html(&lib);
    assert!(linked.contains(&format!("href=\"https://news.example.org/stories/{}/\"", b.slug)), "{linked}");
    settings.base_url = None;
    lib.set_settings(&settings).expect("clear");
    assert!(!html(&lib).contains("news.example.org"));
}

#[test]
fn the_list_comes_a_page_at_a_time() {
    let (_d, lib, [a, b, c]) = newsroom();
    let page = lib.list_page(None, 0, 2).expect("page");
    assert_eq!(page.total, 3);
    assert_eq!(page.stories.iter().map(|s| s.id).collect::<Vec<_>>(), vec![c.id, b.id]);
    let next = lib.list_page(None, 2, 2).expect("next");
    assert_eq!(next.stories.iter().map(|s| s.id).collect::<Vec<_>>(), vec![a.id]);
    let drafts = lib.list_page(Some(Status::Draft), 0, 10).expect("drafts");
    assert_eq!((drafts.total, drafts.stories.len()), (1, 1));
}

#[test]
fn a_small_library_gets_suggestions_too() {
    let (_d, mut lib) = empty_library();
    let keepers = story(
        &mut lib,
        "Lighthouse keepers vote to strike",
        &["The lighthouse keepers of Norrland voted to strike over pay and the old tower lamps."],
        Status::Draft,
        &[],
    );
    let museum = story(
        &mut lib,
        "Norrland lighthouse museum opens",
        &["A museum about the lighthouse keepers of Norrland opened with the old tower lamps on show."],
        Status::Draft,
        &[],
    );
    story(
        &mut lib,
        "Council approves tram budget",
        &["The council approved the budget for trams."],
        Status::Draft,
        &[],
    );
    let suggested = lib.suggest_related(&keepers.id.to_string(), 5).expect("suggest");
    assert_eq!(suggested.first().map(|s| s.story.id), Some(museum.id), "{suggested:?}");
}
