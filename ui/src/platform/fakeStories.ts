/**
 * The fake core's stories: the library list, create, read, save with the stale-revision conflict
 * (nothing saved), body and language validation, trash and undo, and the revision history with
 * restore.
 */
import { computeStats } from "../lib/stats";
import { slugify } from "../lib/slug";
import { validateDoc } from "../lib/docSchema";
import { checkLanguage } from "../lib/language";
import { AppError } from "./errors";
import { FakeCore, clone, toEdit, trimLikeCore, type Stored } from "./fakeCore";
import type { NewStory, RevisionSummary, RevisionView, SaveReceipt, Status, Story, StoryEdit, StoryPage, StorySummary } from "./types";

export abstract class FakeStories extends FakeCore {
  listStories(status: Status | null, offset: number, limit: number): Promise<StoryPage> {
    return this.call("list_stories", { status, offset, limit }, () => {
      const all = [...this.stories.values()]
        .filter((e) => !e.deleted && (status === null || e.story.status === status))
        .map(({ story }) => summaryOf(story))
        .sort((a, b) => b.updated.localeCompare(a.updated));
      return { total: all.length, offset, stories: all.slice(offset, offset + limit) };
    });
  }

  createStory(story: NewStory): Promise<Story> {
    return this.call("create_story", { story }, () => this.insert(story, this.now().toISOString()));
  }

  getStory(id: string): Promise<Story> {
    return this.call("get_story", { id }, () => this.live(id, "get_story").story);
  }

  /** Test hook: the story as stored now, read at once (no latency, no call recorded). */
  peek(id: string): Story {
    return this.live(id, "peek").story;
  }

  /** Test hook: another writer saves this story (bumps the revision behind the editor's back). */
  async touchElsewhere(id: string, headline: string): Promise<Story> {
    const entry = this.live(id, "touch");
    const edit = { ...toEdit(entry.story), headline };
    return this.apply(entry, edit);
  }

  /**
   * Like the core once a send with status "publish" went out: the story is marked published, as a
   * new revision (the time is recorded the first time). Null when the story is gone.
   */
  protected markPublished(id: string): Story | null {
    const entry = this.stories.get(id);
    if (!entry || entry.deleted) return null;
    return this.apply(entry, { ...toEdit(entry.story), status: "published" });
  }

  private apply(entry: Stored, edit: StoryEdit): Story {
    const s = entry.story;
    const language = languageOf(edit);
    const problem = validateDoc(edit.body);
    if (problem) throw new AppError("invalid_document", problem, "save_story");
    if (edit.wordTarget !== null && (!Number.isInteger(edit.wordTarget) || edit.wordTarget < 0)) {
      throw new AppError("invalid_input", "word target must be a whole number", "save_story");
    }
    const at = this.now().toISOString();
    Object.assign(s, {
      slug: edit.slug.trim() === "" ? slugify(edit.headline) : edit.slug,
      kicker: edit.kicker,
      headline: edit.headline,
      standfirst: edit.standfirst,
      byline: edit.byline,
      dateline: edit.dateline,
      language,
      status: edit.status,
      tags: [...edit.tags],
      wordTarget: edit.wordTarget,
      body: clone(edit.body),
      updated: at > s.updated ? at : s.updated,
      revision: s.revision + 1,
      // Like the core: the first time a story becomes "published", the time is recorded.
      published: edit.status === "published" ? (s.published ?? at) : s.published,
    });
    s.stats = computeStats(s.body);
    entry.history.push({ revision: s.revision, saved: at, edit: toEdit(s) });
    return s;
  }

  saveStory(edit: StoryEdit): Promise<SaveReceipt> {
    return this.call("save_story", { edit }, () => {
      // Like the core: a bad language tag is refused before the story is looked up.
      languageOf(edit);
      const entry = this.live(edit.id, "save_story");
      if (edit.baseRevision !== entry.story.revision) {
        throw new AppError(
          "conflict",
          `story was saved elsewhere: revision ${entry.story.revision}, edit based on ${edit.baseRevision}`,
          "save_story",
        );
      }
      const s = this.apply(entry, edit);
      return { id: s.id, slug: s.slug, revision: s.revision, updated: s.updated, published: s.published, stats: s.stats };
    });
  }

  deleteStory(id: string): Promise<void> {
    return this.call("delete_story", { id }, () => {
      this.live(id, "delete_story").deleted = true;
      this.refreshBroken();
    });
  }

  undeleteStory(id: string): Promise<Story> {
    return this.call("undelete_story", { id }, () => {
      const entry = this.stories.get(id);
      if (!entry || !entry.deleted) throw new AppError("not_found", `no story ${id} in the trash`, "undelete_story");
      entry.deleted = false;
      this.refreshBroken();
      return entry.story;
    });
  }

  listRevisions(id: string): Promise<RevisionSummary[]> {
    return this.call("list_revisions", { id }, () =>
      this.live(id, "list_revisions")
        .history.map((h) => ({ revision: h.revision, saved: h.saved, headline: h.edit.headline, words: computeStats(h.edit.body).words }))
        .reverse(),
    );
  }

  getRevision(id: string, revision: number): Promise<RevisionView> {
    return this.call("get_revision", { id, revision }, () => {
      const h = this.live(id, "get_revision").history.find((x) => x.revision === revision);
      if (!h) throw new AppError("not_found", `story ${id} has no revision ${revision}`, "get_revision");
      return { revision: h.revision, saved: h.saved, story: h.edit };
    });
  }

  restoreRevision(id: string, revision: number, baseRevision: number): Promise<Story> {
    return this.call("restore_revision", { id, revision, baseRevision }, () => {
      const entry = this.live(id, "restore_revision");
      if (baseRevision !== entry.story.revision) {
        throw new AppError("conflict", `story was saved elsewhere: revision ${entry.story.revision}`, "restore_revision");
      }
      const h = entry.history.find((x) => x.revision === revision);
      if (!h) throw new AppError("not_found", `story ${id} has no revision ${revision}`, "restore_revision");
      return this.apply(entry, { ...clone(h.edit), baseRevision });
    });
  }
}

/** The edit's language as the core stores it (checked, in its usual case); refuses a malformed tag. */
function languageOf(edit: StoryEdit): string {
  const tag = checkLanguage(edit.language);
  if (tag === null) {
    const shown = [...trimLikeCore(edit.language)].slice(0, 40).join("");
    throw new AppError("invalid_input", `“${shown}” is not a language tag: use one such as en-US, en-GB, fr, es, de or ar`, "save_story");
  }
  return tag;
}

/** A row of the library list. */
function summaryOf(s: Story): StorySummary {
  return { id: s.id, slug: s.slug, kicker: s.kicker, headline: s.headline, status: s.status, words: s.stats.words, wordTarget: s.wordTarget, updated: s.updated };
}
