//! The TypeScript types in `ui/src/bindings/` are generated from the Rust model; this test fails
//! when they are stale. Regenerate with `UPDATE_BINDINGS=1 cargo test -p byline-core --test bindings`.

use std::path::{Path, PathBuf};

use byline_core::archive::ImportReport;
use byline_core::check::{CheckSettings, Report};
use byline_core::export::checklist::ChecklistItem;
use byline_core::export::{ExportDone, ExportRequest};
use byline_core::{
    AttachProgress, AttachReport, Backlink, Backup, ErrorKind, ErrorReport, LibraryHealth, LibraryInfo,
    LibrarySettings, NewStory, Photo, PhotoUseEdit, PhotoWarning, RevisionSummary, RevisionView, SaveReceipt,
    SearchQuery, SearchResults, Story, StoryEdit, StoryPage, StorySummary, Suggestion,
};
use byline_core::{ConnectionReport, Destination, NewDestination, OutboxItem, SendRequest};
use ts_rs::{Config, TS};

fn export_all(dir: &Path) {
    let cfg = Config::new().with_out_dir(dir).with_large_int("number");
    Story::export_all(&cfg).expect("Story");
    SaveReceipt::export_all(&cfg).expect("SaveReceipt");
    StorySummary::export_all(&cfg).expect("StorySummary");
    StoryEdit::export_all(&cfg).expect("StoryEdit");
    NewStory::export_all(&cfg).expect("NewStory");
    RevisionSummary::export_all(&cfg).expect("RevisionSummary");
    RevisionView::export_all(&cfg).expect("RevisionView");
    LibraryInfo::export_all(&cfg).expect("LibraryInfo");
    ErrorKind::export_all(&cfg).expect("ErrorKind");
    ErrorReport::export_all(&cfg).expect("ErrorReport");
    AttachReport::export_all(&cfg).expect("AttachReport");
    AttachProgress::export_all(&cfg).expect("AttachProgress");
    PhotoUseEdit::export_all(&cfg).expect("PhotoUseEdit");
    PhotoWarning::export_all(&cfg).expect("PhotoWarning");
    Photo::export_all(&cfg).expect("Photo");
    SearchQuery::export_all(&cfg).expect("SearchQuery");
    SearchResults::export_all(&cfg).expect("SearchResults");
    Backlink::export_all(&cfg).expect("Backlink");
    Suggestion::export_all(&cfg).expect("Suggestion");
    StoryPage::export_all(&cfg).expect("StoryPage");
    LibrarySettings::export_all(&cfg).expect("LibrarySettings");
    Backup::export_all(&cfg).expect("Backup");
    LibraryHealth::export_all(&cfg).expect("LibraryHealth");
    ChecklistItem::export_all(&cfg).expect("ChecklistItem");
    ExportRequest::export_all(&cfg).expect("ExportRequest");
    ExportDone::export_all(&cfg).expect("ExportDone");
    Report::export_all(&cfg).expect("Report");
    CheckSettings::export_all(&cfg).expect("CheckSettings");
    ImportReport::export_all(&cfg).expect("ImportReport");
    Destination::export_all(&cfg).expect("Destination");
    NewDestination::export_all(&cfg).expect("NewDestination");
    ConnectionReport::export_all(&cfg).expect("ConnectionReport");
    SendRequest::export_all(&cfg).expect("SendRequest");
    OutboxItem::export_all(&cfg).expect("OutboxItem");
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn typescript_bindings_are_current() {
    let committed: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        export_all(&committed);
        return;
    }
    let fresh = tempfile::tempdir().expect("temp dir");
    export_all(fresh.path());
    let (want, have) = (files(fresh.path()), files(&committed));
    assert!(!want.is_empty(), "nothing was generated");
    assert_eq!(
        want.iter().map(|f| &f.0).collect::<Vec<_>>(),
        have.iter().map(|f| &f.0).collect::<Vec<_>>(),
        "binding files differ: run UPDATE_BINDINGS=1 cargo test -p byline-core --test bindings"
    );
    for ((name, want), (_, have)) in want.iter().zip(&have) {
        assert_eq!(want, have, "ui/src/bindings/{name} is stale: run UPDATE_BINDINGS=1 cargo test -p byline-core --test bindings");
    }
}
