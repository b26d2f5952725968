/**
 * An in-memory Platform for Vitest and for running the UI in a plain browser. It behaves like the
 * core where the UI depends on it: revision numbers, stale-revision conflicts (nothing saved),
 * body validation, trash and undo, revision history and restore.
 */
import { computeStats } from "../lib/stats";
import { slugify } from "../lib/slug";
import { validateDoc, emptyDoc } from "../lib/docSchema";
import { AppError } from "./errors";
import { SAMPLE_HEADLINE, SAMPLE_KICKER, SAMPLE_STANDFIRST, sampleBody } from "./sample";
import type {
  LibraryInfo,
  NewStory,
  Platform,
  RevisionSummary,
  RevisionView,
  Status,
  Story,
  StoryEdit,
  StorySummary,
} from "./types";

type Stored = { story: Story; deleted: boolean; history: Array<{ revision: number; saved: string; edit: StoryEdit }> };

export type FakeOptions = {
  /** Seed the sample story (default true). */
  seed?: boolean;
  /** Simulated latency per call in ms (default 0). */
  latencyMs?: number;
  now?: () => Date;
};

function clone<T>(v: T): T {
  return structuredClone(v);
}

let counter = 0;
/** A UUIDv7-shaped id (time-ordered), good enough for a fake. */
function newId(now: Date): string {
  counter += 1;
  const hex = (now.getTime().toString(16).padStart(12, "0") + counter.toString(16).padStart(6, "0") + Math.random().toString(16).slice(2)).padEnd(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function toEdit(story: Story): StoryEdit {
  return {
    id: story.id,
    baseRevision: story.revision,
    slug: story.slug,
    kicker: story.kicker,
    headline: story.headline,
    standfirst: story.standfirst,
    byline: story.byline,
    dateline: story.dateline,
    status: story.status,
    tags: [...story.tags],
    wordTarget: story.wordTarget,
    body: clone(story.body),
  };
}

export class FakePlatform implements Platform {
  private readonly stories = new Map<string, Stored>();
  /** Simulated latency per call in ms; tests may change it. */
  latencyMs: number;
  private readonly now: () => Date;
  /** Every call, for tests to assert on. */
  readonly calls: Array<{ command: string; args: unknown }> = [];
  /** When set, the next calls of this command fail with this error (tests). */
  failNext: { command: string; error: AppError; times: number } | null = null;

  constructor(opts: FakeOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.now = opts.now ?? (() => new Date());
    if (opts.seed ?? true) this.seed();
  }

  private seed(): void {
    const created = new Date(this.now().getTime() - 26 * 60_000).toISOString();
    const story = this.insert({ headline: SAMPLE_HEADLINE, kicker: SAMPLE_KICKER, byline: "Byline staff" }, created);
    story.standfirst = SAMPLE_STANDFIRST;
    story.dateline = "ROME";
    story.status = "editing";
    story.tags = ["Arab League", "IS", "Diplomacy"];
    story.wordTarget = 600;
    story.body = sampleBody();
    story.stats = computeStats(story.body);
    const entry = this.stories.get(story.id);
    if (entry) entry.history = [{ revision: 1, saved: created, edit: toEdit(story) }];
  }

  private insert(input: NewStory, at: string): Story {
    const id = newId(new Date(at));
    const body = emptyDoc();
    const story: Story = {
      id,
      slug: slugify(input.headline),
      kicker: input.kicker ?? "",
      headline: input.headline,
      standfirst: "",
      byline: input.byline ?? "",
      dateline: "",
      status: "draft",
      tags: [],
      wordTarget: null,
      created: at,
      updated: at,
      revision: 1,
      body,
      related: [],
      stats: computeStats(body),
    };
    this.stories.set(id, { story, deleted: false, history: [{ revision: 1, saved: at, edit: toEdit(story) }] });
    return story;
  }

  private async call<T>(command: string, args: unknown, run: () => T): Promise<T> {
    this.calls.push({ command, args: clone(args) });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    else await Promise.resolve();
    if (this.failNext && this.failNext.command === command && this.failNext.times > 0) {
      this.failNext.times -= 1;
      const error = this.failNext.error;
      if (this.failNext.times === 0) this.failNext = null;
      throw error;
    }
    try {
      return clone(run());
    } catch (err) {
      throw AppError.from(err, command);
    }
  }

  private live(id: string, command: string): Stored {
    const entry = this.stories.get(id);
    if (!entry || entry.deleted) throw new AppError("not_found", `no story with id ${id}`, command);
    return entry;
  }

  listStories(status: Status | null): Promise<StorySummary[]> {
    return this.call("list_stories", { status }, () =>
      [...this.stories.values()]
        .filter((e) => !e.deleted && (status === null || e.story.status === status))
        .map(({ story: s }) => ({
          id: s.id,
          slug: s.slug,
          kicker: s.kicker,
          headline: s.headline,
          status: s.status,
          words: s.stats.words,
          wordTarget: s.wordTarget,
          updated: s.updated,
        }))
        .sort((a, b) => b.updated.localeCompare(a.updated)),
    );
  }

  createStory(story: NewStory): Promise<Story> {
    return this.call("create_story", { story }, () => this.insert(story, this.now().toISOString()));
  }

  getStory(id: string): Promise<Story> {
    return this.call("get_story", { id }, () => this.live(id, "get_story").story);
  }

  /** Test hook: another writer saves this story (bumps the revision behind the editor's back). */
  async touchElsewhere(id: string, headline: string): Promise<Story> {
    const entry = this.live(id, "touch");
    const edit = { ...toEdit(entry.story), headline };
    return this.apply(entry, edit);
  }

  private apply(entry: Stored, edit: StoryEdit): Story {
    const s = entry.story;
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
      status: edit.status,
      tags: [...edit.tags],
      wordTarget: edit.wordTarget,
      body: clone(edit.body),
      updated: at > s.updated ? at : s.updated,
      revision: s.revision + 1,
    });
    s.stats = computeStats(s.body);
    entry.history.push({ revision: s.revision, saved: at, edit: toEdit(s) });
    return s;
  }

  saveStory(edit: StoryEdit): Promise<Story> {
    return this.call("save_story", { edit }, () => {
      const entry = this.live(edit.id, "save_story");
      if (edit.baseRevision !== entry.story.revision) {
        throw new AppError(
          "conflict",
          `story was saved elsewhere: revision ${entry.story.revision}, edit based on ${edit.baseRevision}`,
          "save_story",
        );
      }
      return this.apply(entry, edit);
    });
  }

  deleteStory(id: string): Promise<void> {
    return this.call("delete_story", { id }, () => {
      this.live(id, "delete_story").deleted = true;
    });
  }

  undeleteStory(id: string): Promise<Story> {
    return this.call("undelete_story", { id }, () => {
      const entry = this.stories.get(id);
      if (!entry || !entry.deleted) throw new AppError("not_found", `no story ${id} in the trash`, "undelete_story");
      entry.deleted = false;
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

  libraryInfo(): Promise<LibraryInfo> {
    return this.call("library_info", {}, () => ({
      path: "(in memory)",
      stories: [...this.stories.values()].filter((e) => !e.deleted).length,
    }));
  }

  async onCloseRequested(_handler: () => Promise<void>): Promise<() => void> {
    return () => {};
  }
}
