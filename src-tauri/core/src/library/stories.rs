//! Stories: create, read (with their photos as the credit rules print them), save, list, trash,
//! revisions, related posts and links between stories.

use time::OffsetDateTime;

use super::Library;
use byline_model::{
    Backlink, NewStory, RelatedLink, Result, RevisionSummary, RevisionView, SaveReceipt, Status, Story,
    StoryEdit, StoryId, StoryRef, StorySummary,
};

impl Library {
    /// Starts a new story (revision 1) and returns it.
    pub fn create_story(&mut self, new: NewStory) -> Result<Story> {
        self.store.create_story(new)
    }

    /// Inserts a whole story as a new one (seeding, imports); its slug is made unique.
    pub fn insert_story(&mut self, story: Story, at: OffsetDateTime) -> Result<Story> {
        self.store.insert_story(story, at)
    }

    /// Inserts whole stories as new ones in one transaction (archive imports, generated
    /// libraries): all or none.
    pub fn insert_stories(&mut self, stories: Vec<Story>, at: OffsetDateTime) -> Result<Vec<Story>> {
        self.store.insert_stories(stories, at)
    }

    /// Saves an edit. The edit names the revision it started from; if the library has moved on
    /// since, nothing is written and [`byline_model::Error::Conflict`] says so. Answers with the
    /// receipt (revision, slug, counts), not the story: a save does only what a save needs.
    pub fn save_story(&mut self, edit: StoryEdit) -> Result<SaveReceipt> {
        self.store.save_story(edit)
    }

    /// [`Library::save_story`] at a given time (for tests of revision retention).
    #[doc(hidden)]
    pub fn save_story_at(&mut self, edit: StoryEdit, at: OffsetDateTime) -> Result<SaveReceipt> {
        self.store.save_story_at(edit, at)
    }

    /// Changes one story with `change` in one read-modify-write transaction: what another
    /// process saved in between is kept (a field edit from the command line never conflicts
    /// with another one; the editor's saves still name their base revision).
    pub fn update_story(
        &mut self,
        id_or_slug: &str,
        change: impl FnOnce(&mut StoryEdit) -> Result<()>,
    ) -> Result<Story> {
        let id = self.resolve(id_or_slug)?;
        self.store.update_story(&id, change)?;
        self.story(&id.to_string())
    }

    /// The story with this id (or slug), with its related posts and its photos.
    pub fn story(&self, id_or_slug: &str) -> Result<Story> {
        let mut story = self.store.story(id_or_slug)?;
        story.photos = self.photo_uses_of(&story.id)?;
        Ok(story)
    }

    /// Finds a story by id or slug (stories in the trash are not found).
    pub fn resolve(&self, id_or_slug: &str) -> Result<StoryId> {
        self.store.resolve(id_or_slug)
    }

    /// The library list, most recently updated first; optionally only one status.
    pub fn list_stories(&self, status: Option<Status>) -> Result<Vec<StorySummary>> {
        self.store.list_stories(status)
    }

    /// Marks a story published (a new revision with that status) and records when, the first
    /// time. Exporting never does this by itself.
    pub fn mark_published(&mut self, id_or_slug: &str) -> Result<Story> {
        self.update_story(id_or_slug, |edit| {
            edit.status = Status::Published;
            Ok(())
        })
    }

    /// Moves a story to the trash (undo with [`Library::undelete_story`]).
    pub fn delete_story(&mut self, id_or_slug: &str) -> Result<StoryId> {
        self.store.delete_story(id_or_slug)
    }

    /// Takes a story back out of the trash.
    pub fn undelete_story(&mut self, id: &str) -> Result<Story> {
        let id = self.store.undelete_story(id)?;
        self.story(&id.to_string())
    }

    /// The revisions of a story, newest first.
    pub fn list_revisions(&self, id_or_slug: &str) -> Result<Vec<RevisionSummary>> {
        self.store.list_revisions(id_or_slug)
    }

    /// One revision, whole, for preview.
    pub fn revision(&self, id_or_slug: &str, revision: i64) -> Result<RevisionView> {
        self.store.revision(id_or_slug, revision)
    }

    /// Makes an old revision current again, as a new revision (history is never rewritten).
    /// `base_revision` is the revision the journalist was looking at, as for any save.
    pub fn restore_revision(&mut self, id_or_slug: &str, revision: i64, base_revision: i64) -> Result<Story> {
        let saved = self.store.restore_revision(id_or_slug, revision, base_revision)?;
        self.story(&saved.id.to_string())
    }

    /// Bytes the revisions of one story take in the library (for the storage budget).
    pub fn revision_storage(&self, id_or_slug: &str) -> Result<u64> {
        self.store.revision_storage(id_or_slug)
    }

    /// Replaces a story's "Related Posts" with `links`, in order. Each is another story of the
    /// library or an http(s) URL, with a title.
    pub fn set_related(&mut self, story: &str, links: Vec<RelatedLink>) -> Result<()> {
        self.store.set_related(story, links)
    }

    /// Adds one link at the end of a story's "Related Posts" (read and written in one
    /// transaction); gives the list as it is now.
    pub fn add_related(&mut self, story: &str, link: RelatedLink) -> Result<Vec<RelatedLink>> {
        let id = self.resolve(story)?;
        self.store.add_related(&id, link)
    }

    /// The stories whose body or related posts point at `story`.
    pub fn backlinks(&self, story: &str) -> Result<Vec<Backlink>> {
        self.store.backlinks(story)
    }

    /// What the editor needs to show story links: each id's slug, headline and status, or that
    /// it is gone.
    pub fn story_refs(&self, ids: &[String]) -> Result<Vec<StoryRef>> {
        self.store.story_refs(ids)
    }
}
