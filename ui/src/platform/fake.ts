/**
 * An in-memory Platform for Vitest and for running the UI in a plain browser. It behaves like the
 * core where the UI depends on it: revision numbers, stale-revision conflicts (nothing saved),
 * body validation, trash and undo, revision history and restore, the paged library list, search
 * (fakeSearch.ts), related posts with the core's refusals, backlinks, suggestions, library
 * settings.
 */
import { computeStats } from "../lib/stats";
import { slugify } from "../lib/slug";
import { validateDoc, emptyDoc } from "../lib/docSchema";
import { AppError } from "./errors";
import { EXPORT_FORMATS } from "./types";
import { buildPhotoUrl } from "./photoUrl";
import { SAMPLE_HEADLINE, SAMPLE_KICKER, SAMPLE_LEAD, sampleBody } from "./sample";
import { seededStories } from "./fakeSeed";
import { blockTexts, hitsIn, matches, parseQuery, snippet, storyLinkTargets, tellingWords, toSpans } from "./fakeSearch";
import samplePhotoUrl from "../assets/sample-lead.png";
import placeholderPhotoUrl from "../assets/photo-placeholder.png";
import type {
  AttachProgress,
  AttachReport,
  Backlink,
  Backup,
  ChecklistItem,
  ExportDone,
  ExportRequest,
  FromPhoto,
  PhotoSize,
  PhotoUse,
  PhotoUseEdit,
  PhotoWarning,
  SkippedPhoto,
  LibraryHealth,
  LibraryInfo,
  LibrarySettings,
  Agency,
  LibraryState,
  LinkKind,
  NewStory,
  Platform,
  RelatedLink,
  RevisionSummary,
  RevisionView,
  SearchHit,
  SearchQuery,
  SearchResults,
  Status,
  SaveReceipt,
  Story,
  StoryEdit,
  StoryPage,
  StoryRef,
  StorySummary,
  Suggestion,
} from "./types";

/** What a photo file "said" about itself (its IPTC fields), in the fake. */
type FakeMetadata = { caption: string; credit: string; altText: string; creator: string; copyright: string };
type FakePhoto = { sha256: string; width: number; height: number; metadata: FakeMetadata; image: string };

const NO_METADATA: FakeMetadata = { caption: "", credit: "", altText: "", creator: "", copyright: "" };
/** Longest headline the checklist lets through (the core's MAX_HEADLINE_CHARS). */
const MAX_HEADLINE_CHARS = 110;
const READABLE = /\.(jpe?g|png|webp|tiff?)$/i;
/** The library's credit-line template until it is changed. */
const DEFAULT_CREDIT_TEMPLATE = "Photo: {credit}";
/** A few of the core's seeded agencies, grouped as `library_settings` gives them. */
const SEED_AGENCIES: Agency[] = [
  { name: "AFP", spellings: ["AFP Photo", "Agence France-Presse"] },
  { name: "Reuters", spellings: ["Retuers", "Reuters Photo", "Thomson Reuters"] },
  { name: "The Canadian Press", spellings: ["Canadian Press", "CP", "CP Photo"] },
];

/** Letters and digits only, lower-cased: how the core compares spellings. */
const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The core's `agency_rows` check, returning the table as it would be read back. */
function checkAgencies(agencies: Agency[]): Agency[] {
  const owner = new Map<string, string>();
  const out: Agency[] = [];
  for (const a of agencies) {
    const name = a.name.trim();
    if (squash(name) === "") {
      const spelt = a.spellings.map((s) => s.trim()).filter((s) => s !== "").join(", ");
      throw new AppError("invalid_input", spelt === "" ? "an agency needs a name" : `the agency spelt ${spelt} needs a name to print`, "set_library_settings");
    }
    const spellings: string[] = [];
    for (const raw of [name, ...a.spellings.map((s) => s.trim())]) {
      const key = squash(raw);
      if (key === "") continue;
      const other = owner.get(key);
      if (other !== undefined && other !== name) {
        throw new AppError("invalid_input", `“${raw}” cannot print as both ${other} and ${name}; keep it under one agency`, "set_library_settings");
      }
      owner.set(key, name);
      if (raw.toLowerCase() !== name.toLowerCase() && !spellings.some((s) => s.toLowerCase() === raw.toLowerCase())) spellings.push(raw);
    }
    out.push({ name, spellings: spellings.sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase())) });
  }
  return out.sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()));
}

/** A credit line from a template: `{credit}` stands for the credit. */
const creditLine = (credit: string, template = DEFAULT_CREDIT_TEMPLATE): string =>
  credit.trim() === "" ? "" : template.split("{credit}").join(credit.trim());

/** A stable 64-hex "content address" for a fake file (FNV-1a, stretched): not a real SHA-256. */
export function fakeSha256(input: string): string {
  let out = "";
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < input.length; i++) {
      h ^= input.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/** The IPTC fields a fake file carries, guessed from its name ("reuters-…jpg" reads as Reuters). */
function fakeMetadata(name: string): FakeMetadata {
  const lower = name.toLowerCase();
  if (lower.includes("reuters")) {
    return {
      caption: "Foreign ministers arrive for the Ministerial Conference of the Global Coalition Against ISIS in Rome, Italy.",
      credit: "Reuters",
      altText: "",
      creator: "Remo Casilli",
      copyright: "© 2021 Thomson Reuters",
    };
  }
  if (lower.includes("afp")) {
    return { caption: "Delegates at the conference in Rome.", credit: "AFP/VNA", altText: "", creator: "Filippo Monteforte", copyright: "© AFP" };
  }
  return NO_METADATA;
}

type Stored = { story: Story; deleted: boolean; history: Array<{ revision: number; saved: string; edit: StoryEdit }> };

/** A backup in the fake: what the library held when it was made; `good` false = fails its check. */
type FakeBackup = { backup: Backup; stories: Map<string, Stored>; settings: LibrarySettings; good: boolean };

/** Where the fake's library "lives" (its health and backups name it). */
const FAKE_LIBRARY_PATH = "(in memory)";

/** Commands that write to the library: a read-only (damaged) library refuses them. */
const WRITES = new Set([
  "create_story",
  "save_story",
  "delete_story",
  "undelete_story",
  "restore_revision",
  "set_related",
  "set_library_settings",
  "attach_photos",
  "attach_from_dialog",
  "attach_pasted_photo",
  "edit_photo_use",
  "detach_photo",
  "restore_backup",
]);

/** Commands that still answer when the library could not be opened at all. */
const WITHOUT_LIBRARY = new Set(["library_health", "recover_library", "open_external"]);

export type FakeOptions = {
  /** Seed the sample story (default true). */
  seed?: boolean;
  /** Simulated latency per call in ms (default 0). */
  latencyMs?: number;
  /** Simulated time per file of a photo batch in ms (default 0: one microtask per file). */
  attachStepMs?: number;
  now?: () => Date;
  /** Stories to hold besides the sample, as the core would return them (default: fakeSeed.ts). */
  stories?: Story[];
  /** How the library "opened" (default: fine). */
  health?: { state?: LibraryState; message?: string | null; afterUncleanShutdown?: boolean };
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
  /** What the fake file dialog "picks" (tests may change it; empty = cancelled). */
  dialogPick: string[] = ["/home/desk/Pictures/reuters-rome-coalition-meeting.jpg", "/home/desk/Pictures/rome-ministers.jpg"];
  private readonly photoFiles = new Map<string, FakePhoto>();
  private readonly dropHandlers = new Set<{ drop: (paths: string[]) => void; hover?: (over: boolean) => void }>();
  /** When set, the next calls of this command fail with this error (tests). */
  failNext: { command: string; error: AppError; times: number } | null = null;
  /** Simulated time per file of a photo batch in ms; tests (with fake timers) may change it. */
  attachStepMs: number;
  /** What the fake folder dialog of an export "picks" (tests may change it; null = cancelled). */
  exportFolderPick: string | null = "/home/you/Exports";
  /** Paths exported in this session (the only ones `revealExport` shows). */
  readonly exported = new Set<string>();
  /** `cancelAttach` was called during the batch in progress. */
  private cancelRequested = false;
  private settings: LibrarySettings = { baseUrl: null, creditTemplate: DEFAULT_CREDIT_TEMPLATE, agencies: clone(SEED_AGENCIES) };
  /** The library's backups, newest first. */
  private readonly backupList: FakeBackup[] = [];
  private lastBackupMillis = 0;
  private state: LibraryState = "ok";
  private healthMessage: string | null = null;
  private afterUncleanShutdown = false;
  /** Links handed to the system's browser or mail program (tests). */
  readonly openedExternally: string[] = [];

  constructor(opts: FakeOptions = {}) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.attachStepMs = opts.attachStepMs ?? 0;
    this.now = opts.now ?? (() => new Date());
    if (opts.seed ?? true) this.seed();
    for (const story of opts.stories ?? seededStories()) this.adopt(story);
    this.state = opts.health?.state ?? "ok";
    this.healthMessage = opts.health?.message ?? (this.state === "ok" ? null : "the library is damaged: database disk image is malformed");
    this.afterUncleanShutdown = opts.health?.afterUncleanShutdown ?? false;
  }

  private seed(): void {
    const created = new Date(this.now().getTime() - 26 * 60_000).toISOString();
    const story = this.insert({ headline: SAMPLE_HEADLINE, kicker: SAMPLE_KICKER, byline: "Byline staff" }, created);
    story.dateline = "ROME";
    story.status = "editing";
    story.tags = ["Arab League", "IS", "Diplomacy"];
    story.wordTarget = 600;
    story.body = sampleBody();
    story.stats = computeStats(story.body);
    const lead: FakePhoto = {
      sha256: SAMPLE_LEAD.sha256,
      width: 512,
      height: 512,
      metadata: NO_METADATA,
      image: samplePhotoUrl,
    };
    this.photoFiles.set(lead.sha256, lead);
    story.photos = [
      {
        ...this.newUse(lead, "lead"),
        caption: SAMPLE_LEAD.caption,
        credit: SAMPLE_LEAD.credit,
        creditLine: creditLine(SAMPLE_LEAD.credit),
        altText: SAMPLE_LEAD.altText,
      },
    ];
    const entry = this.stories.get(story.id);
    if (entry) entry.history = [{ revision: 1, saved: created, edit: toEdit(story) }];
  }

  /** Takes a whole story (body, photo uses) as it is; its photos show the placeholder image. */
  private adopt(given: Story): void {
    const story = clone(given);
    story.stats = computeStats(story.body);
    for (const use of story.photos) {
      if (!this.photoFiles.has(use.photo)) {
        this.photoFiles.set(use.photo, { sha256: use.photo, width: use.width, height: use.height, metadata: NO_METADATA, image: placeholderPhotoUrl });
      }
    }
    this.stories.set(story.id, { story, deleted: false, history: [{ revision: story.revision, saved: story.updated, edit: toEdit(story) }] });
  }

  private insert(input: NewStory, at: string): Story {
    const id = newId(new Date(at));
    const body = emptyDoc();
    const story: Story = {
      published: null,
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
      photos: [],
      stats: computeStats(body),
    };
    this.stories.set(id, { story, deleted: false, history: [{ revision: 1, saved: at, edit: toEdit(story) }] });
    return story;
  }

  /** Records a call, waits the simulated latency and throws a planned failure (`failNext`). */
  private async enter(command: string, args: unknown): Promise<void> {
    this.calls.push({ command, args: clone(args) });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    else await Promise.resolve();
    if (this.state === "unavailable" && !WITHOUT_LIBRARY.has(command)) throw new AppError("library", this.healthMessage ?? "the library could not be opened", command);
    if (this.state === "readOnly" && WRITES.has(command)) throw new AppError("library", "attempt to write a readonly database", command);
    if (this.failNext && this.failNext.command === command && this.failNext.times > 0) {
      this.failNext.times -= 1;
      const error = this.failNext.error;
      if (this.failNext.times === 0) this.failNext = null;
      throw error;
    }
  }

  private async call<T>(command: string, args: unknown, run: () => T): Promise<T> {
    await this.enter(command, args);
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
      // Like the core: the first time a story becomes "published", the time is recorded.
      published: edit.status === "published" ? (s.published ?? at) : s.published,
    });
    s.stats = computeStats(s.body);
    entry.history.push({ revision: s.revision, saved: at, edit: toEdit(s) });
    return s;
  }

  saveStory(edit: StoryEdit): Promise<SaveReceipt> {
    return this.call("save_story", { edit }, () => {
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

  // ------------------------------------------------------------------------------ search and links

  private isLive(id: string): boolean {
    const e = this.stories.get(id);
    return !!e && !e.deleted;
  }

  /** Marks related links whose story is in the trash or gone, as the core does when reading. */
  private refreshBroken(): void {
    for (const { story } of this.stories.values()) {
      for (const r of story.related) r.broken = r.storyId !== null && !this.isLive(r.storyId);
    }
  }

  private refOf(id: string): StoryRef {
    const e = this.stories.get(id);
    if (!e) return { id, slug: "", headline: "", status: "draft", exists: false };
    return { id, slug: e.story.slug, headline: e.story.headline, status: e.story.status, exists: !e.deleted };
  }

  searchStories(query: SearchQuery): Promise<SearchResults> {
    return this.call("search_stories", { query }, () => {
      const parsed = parseQuery(query.text);
      const tag = query.tag?.trim().toLowerCase() || null;
      const hits: SearchHit[] = [];
      for (const { story: s, deleted } of this.stories.values()) {
        if (deleted) continue;
        if (query.status !== null && s.status !== query.status) continue;
        if (tag !== null && !s.tags.some((t) => t.toLowerCase() === tag)) continue;
        const day = s.updated.slice(0, 10);
        if (query.since && day < query.since) continue;
        if (query.until && day > query.until) continue;
        const rest = [s.standfirst, ...blockTexts(s.body), ...s.photos.map((u) => u.caption)].filter((t) => t.trim() !== "");
        const fields = query.headlineOnly ? [s.headline] : [s.headline, s.kicker, ...rest];
        if (parsed.length > 0 && !matches(fields, parsed)) continue;
        const inHeadline = hitsIn(s.headline, parsed).length;
        const elsewhere = query.headlineOnly ? 0 : fields.slice(1).reduce((n, f) => n + hitsIn(f, parsed).length, 0);
        hits.push({
          id: s.id,
          slug: s.slug,
          kicker: s.kicker,
          headline: s.headline,
          headlineSpans: toSpans(s.headline, hitsIn(s.headline, parsed)),
          snippet: snippet(rest, parsed),
          status: s.status,
          words: s.stats.words,
          updated: s.updated,
          score: inHeadline * 3 + elsewhere,
        });
      }
      hits.sort((a, b) => b.score - a.score || b.updated.localeCompare(a.updated));
      const offset = query.offset ?? 0;
      const limit = Math.max(1, Math.min(200, query.limit ?? 20));
      return { total: hits.length, hits: hits.slice(offset, offset + limit) };
    });
  }

  setRelated(story: string, links: RelatedLink[]): Promise<RelatedLink[]> {
    return this.call("set_related", { story, links }, () => {
      const s = this.live(story, "set_related").story;
      for (const link of links) {
        if (link.storyId !== null && link.url === null) {
          if (link.storyId === s.id) throw new AppError("invalid_input", "a story cannot be related to itself", "set_related");
        } else if (link.storyId === null && link.url !== null) {
          const lower = link.url.trim().toLowerCase();
          const ok = (lower.startsWith("https://") || lower.startsWith("http://")) && lower.length > 8 && !/[\s\p{Cc}]/u.test(link.url);
          if (!ok) {
            throw new AppError("invalid_input", `related link \`${[...link.url].slice(0, 80).join("")}\` refused: only http and https addresses`, "set_related");
          }
        } else {
          throw new AppError("invalid_input", "a related post is either a story or a URL", "set_related");
        }
      }
      s.related = links.map((l) => ({ storyId: l.storyId, url: l.url, title: l.title, broken: false }));
      this.refreshBroken();
      return s.related;
    });
  }

  backlinks(story: string): Promise<Backlink[]> {
    return this.call("backlinks", { story }, () => {
      const out: Array<Backlink & { updated: string }> = [];
      for (const { story: s, deleted } of this.stories.values()) {
        if (deleted || s.id === story) continue;
        const via: LinkKind[] = [];
        if (storyLinkTargets(s.body).includes(story)) via.push("body");
        if (s.related.some((r) => r.storyId === story)) via.push("related");
        if (via.length > 0) out.push({ story: this.refOf(s.id), via, updated: s.updated });
      }
      return out.sort((a, b) => b.updated.localeCompare(a.updated)).map(({ story: ref, via }) => ({ story: ref, via }));
    });
  }

  suggestRelated(story: string, limit: number): Promise<Suggestion[]> {
    return this.call("suggest_related", { story, limit }, () => {
      const s = this.live(story, "suggest_related").story;
      const textOf = (x: Story) => [x.headline, x.standfirst, ...blockTexts(x.body)].join(" ");
      const live = [...this.stories.values()].filter((e) => !e.deleted).map((e) => e.story);
      const words = new Map(live.map((x) => [x.id, tellingWords(textOf(x))]));
      const df = new Map<string, number>();
      for (const w of words.values()) for (const k of w.keys()) df.set(k, (df.get(k) ?? 0) + 1);
      const mine = words.get(s.id) ?? new Map<string, number>();
      const linked = new Set([...s.related.map((r) => r.storyId), ...storyLinkTargets(s.body)]);
      const out: Suggestion[] = [];
      for (const other of live) {
        if (other.id === s.id || linked.has(other.id)) continue;
        const theirs = words.get(other.id) ?? new Map<string, number>();
        const shared: Array<[string, number]> = [];
        for (const [w, n] of mine) {
          const m = theirs.get(w);
          if (m === undefined) continue;
          shared.push([w, Math.min(n, m) * Math.log(1 + live.length / (df.get(w) ?? 1))]);
        }
        if (shared.length === 0) continue;
        shared.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        const score = shared.reduce((n, [, w]) => n + w, 0);
        out.push({ story: this.refOf(other.id), score, shared: shared.slice(0, 5).map(([w]) => w) });
      }
      return out.sort((a, b) => b.score - a.score).slice(0, limit);
    });
  }

  storyRefs(ids: string[]): Promise<StoryRef[]> {
    return this.call("story_refs", { ids }, () => ids.map((id) => this.refOf(id)));
  }

  librarySettings(): Promise<LibrarySettings> {
    return this.call("library_settings", {}, () => this.settings);
  }

  /**
   * Checks like the core: an http(s) base URL or none; a template with `{credit}` in it; every
   * agency named, and no spelling printing as two agencies.
   */
  setLibrarySettings(settings: LibrarySettings): Promise<LibrarySettings> {
    return this.call("set_library_settings", { settings }, () => {
      const base = settings.baseUrl?.trim() ?? "";
      if (base !== "") {
        const lower = base.toLowerCase();
        const rest = lower.startsWith("https://") ? lower.slice(8) : lower.startsWith("http://") ? lower.slice(7) : null;
        const ok = rest !== null && rest !== "" && !rest.startsWith("/") && !/[\s\p{Cc}"<>\\]/u.test(base);
        if (!ok) {
          throw new AppError(
            "invalid_input",
            `the base URL \`${[...base].slice(0, 80).join("")}\` is refused: it must start with https:// or http:// and hold no spaces`,
            "set_library_settings",
          );
        }
      }
      const template = settings.creditTemplate;
      if (!template.includes("{credit}")) {
        throw new AppError("invalid_input", `the credit template \`${template}\` has no {credit} placeholder`, "set_library_settings");
      }
      const agencies = checkAgencies(settings.agencies);
      this.settings = { baseUrl: base === "" ? null : base.replace(/\/+$/, ""), creditTemplate: template, agencies };
      for (const { story } of this.stories.values()) for (const u of story.photos) u.creditLine = creditLine(u.credit, template);
      return this.settings;
    });
  }

  libraryInfo(): Promise<LibraryInfo> {
    return this.call("library_info", {}, () => ({
      path: "(in memory)",
      stories: [...this.stories.values()].filter((e) => !e.deleted).length,
    }));
  }

  // ------------------------------------------------------------------------------ health and backups

  private health(): LibraryHealth {
    const damaged = this.state !== "ok";
    const backups = damaged ? this.backupList.map((b) => b.backup) : [];
    const good = damaged ? (this.backupList.find((b) => b.good)?.backup ?? null) : null;
    return {
      state: this.state,
      path: FAKE_LIBRARY_PATH,
      message: this.healthMessage,
      afterUncleanShutdown: this.afterUncleanShutdown,
      backups,
      newestGoodBackup: good,
    };
  }

  /** Test hook: the library is found damaged (read-only) or cannot be opened at all. */
  damage(state: Exclude<LibraryState, "ok">, message = "the library is damaged: database disk image is malformed"): void {
    this.state = state;
    this.healthMessage = message;
  }

  /** Test hook: a backup that no longer passes its check (a recovery from it fails). */
  spoilBackup(file: string): void {
    const b = this.backupList.find((x) => x.backup.file === file);
    if (b) b.good = false;
  }

  /** Makes a backup of what the library holds now (also a test hook; `at` backdates it). */
  makeBackup(reason: string, at: Date = this.now()): Backup {
    const millis = Math.max(at.getTime(), this.lastBackupMillis + 1);
    this.lastBackupMillis = Math.max(this.lastBackupMillis, millis);
    const stories = new Map([...this.stories].map(([id, e]) => [id, clone(e)]));
    const bytes = JSON.stringify([...stories.values()]).length + 4096;
    const backup: Backup = { file: `${FAKE_LIBRARY_PATH}/backups/backup-${millis}-${reason}.sqlite`, made: new Date(millis).toISOString(), bytes, reason };
    this.backupList.push({ backup, stories, settings: clone(this.settings), good: true });
    this.backupList.sort((a, b) => b.backup.made.localeCompare(a.backup.made));
    return backup;
  }

  private findBackup(file: string, command: string): FakeBackup {
    const b = this.backupList.find((x) => x.backup.file === file);
    if (!b) throw new AppError("invalid_input", "that backup is not one of this library's backups", command);
    if (!b.good) throw new AppError("library", `${file} is not a Byline library (left untouched): integrity check failed`, command);
    return b;
  }

  /** The library's content becomes the backup's. */
  private putBack(b: FakeBackup): void {
    this.stories.clear();
    for (const [id, e] of b.stories) this.stories.set(id, clone(e));
    this.settings = clone(b.settings);
  }

  libraryHealth(): Promise<LibraryHealth> {
    return this.call("library_health", {}, () => this.health());
  }

  listBackups(): Promise<Backup[]> {
    return this.call("list_backups", {}, () => this.backupList.map((b) => b.backup));
  }

  backupNow(): Promise<Backup> {
    return this.call("backup_now", {}, () => this.makeBackup("manual"));
  }

  /** Like the core: checks the backup, backs up what is there now, then puts the backup back. */
  restoreBackup(file: string): Promise<Backup> {
    return this.call("restore_backup", { file }, () => {
      const b = this.findBackup(file, "restore_backup");
      const safety = this.makeBackup("before-restore");
      this.putBack(b);
      return safety;
    });
  }

  /** Like the core: only a damaged library; the damaged one is "kept aside", the backup put back. */
  recoverLibrary(file: string): Promise<LibraryHealth> {
    return this.call("recover_library", { file }, () => {
      if (this.state === "ok") throw new AppError("unknown", "the library is not damaged; restore a backup instead", "recover_library");
      const b = this.findBackup(file, "recover_library");
      this.putBack(b);
      this.state = "ok";
      this.afterUncleanShutdown = false;
      this.healthMessage = `Restored the backup of ${b.backup.made.slice(0, 10)}. The damaged library was kept in ${FAKE_LIBRARY_PATH}/damaged-${this.now().getTime()}.`;
      return this.health();
    });
  }

  /** Records the link; refuses what the core refuses (anything but https with a host, or mailto). */
  openExternal(url: string): Promise<void> {
    return this.call("open_external", { url }, () => {
      let ok = false;
      try {
        const u = new URL(url.trim());
        ok = (u.protocol === "https:" && u.hostname !== "" && u.username === "") || (u.protocol === "mailto:" && u.pathname !== "");
      } catch {
        ok = false;
      }
      if (!ok) {
        throw new AppError("invalid_input", `only https and mailto links open outside Byline; \`${[...url].slice(0, 80).join("")}\` was not opened`, "open_external");
      }
      this.openedExternally.push(url.trim());
    });
  }

  // ------------------------------------------------------------------------------ photos

  private newUse(photo: FakePhoto, role: PhotoUse["role"]): PhotoUse {
    const m = photo.metadata;
    return {
      id: newId(this.now()),
      photo: photo.sha256,
      role,
      caption: m.caption,
      credit: m.credit,
      creditLine: creditLine(m.credit, this.settings.creditTemplate),
      altText: m.altText,
      creator: m.creator,
      copyright: m.copyright,
      width: photo.width,
      height: photo.height,
      fromPhoto: fromPhoto(m, m),
    };
  }

  /** Adds uses to a story: with `lead`, the first becomes the lead and the old lead goes inline. */
  private addUses(story: Story, photos: FakePhoto[], lead: boolean): PhotoUse[] {
    const added = photos.map((p, i) => this.newUse(p, lead && i === 0 ? "lead" : "inline"));
    if (added.some((u) => u.role === "lead")) for (const u of story.photos) u.role = "inline";
    story.photos.push(...added);
    sortUses(story.photos);
    return added;
  }

  private importFile(path: string): FakePhoto | SkippedPhoto {
    const name = path.split(/[\\/]/).pop() ?? path;
    if (!READABLE.test(name)) return { file: path, problem: "not a photo Byline can read" };
    const sha256 = fakeSha256(name);
    const photo = this.photoFiles.get(sha256) ?? { sha256, width: 1600, height: 1067, metadata: fakeMetadata(name), image: placeholderPhotoUrl };
    this.photoFiles.set(sha256, photo);
    return photo;
  }

  /** One simulated file's worth of work: `attachStepMs`, or a microtask. */
  private async step(): Promise<void> {
    if (this.attachStepMs > 0) await new Promise((r) => setTimeout(r, this.attachStepMs));
    else await Promise.resolve();
  }

  /**
   * A batch like the core's: progress after each file with the use it became; a cancel starts
   * nothing more, the one file in hand is still attached, and the report says `cancelled`.
   */
  private async attachBatch(
    command: string,
    args: unknown,
    story: string,
    files: () => string[],
    lead: boolean,
    onProgress?: (p: AttachProgress) => void,
  ): Promise<AttachReport> {
    this.cancelRequested = false;
    await this.enter(command, args);
    let entry: Stored;
    try {
      entry = this.live(story, command);
    } catch (err) {
      throw AppError.from(err, command);
    }
    const list = files();
    const uses: PhotoUse[] = [];
    const skipped: SkippedPhoto[] = [];
    let wantLead = lead;
    let cancelled = false;
    // Like the core's workers: after a cancel, the file already in hand is still attached.
    let last = list.length - 1;
    for (let n = 0; n <= last; n++) {
      await this.step();
      const r = this.importFile(list[n]);
      let attached: PhotoUse | null = null;
      if ("problem" in r) skipped.push(r);
      else {
        const added = this.addUses(entry.story, [r], wantLead);
        uses.push(...added);
        attached = clone(added[0]);
        wantLead = false;
      }
      onProgress?.({ done: n + 1, total: list.length, attached });
      if (this.cancelRequested && !cancelled && n + 1 < list.length) {
        cancelled = true;
        last = n + 1;
      }
    }
    this.cancelRequested = false;
    return clone({ uses, skipped, cancelled });
  }

  attachPhotos(story: string, files: string[], lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport> {
    return this.attachBatch("attach_photos", { story, files, lead }, story, () => files, lead, onProgress);
  }

  attachFromDialog(story: string, lead: boolean, onProgress?: (p: AttachProgress) => void): Promise<AttachReport> {
    return this.attachBatch("attach_from_dialog", { story, lead }, story, () => [...this.dialogPick], lead, onProgress);
  }

  cancelAttach(): Promise<void> {
    this.calls.push({ command: "cancel_attach", args: {} });
    this.cancelRequested = true;
    return Promise.resolve();
  }

  /** Bytes as the core gets them from a paste or a file input: JPEG or PNG, else skipped. */
  private attachBytes(command: string, story: string, bytes: Uint8Array, name: string, metadata: FakeMetadata, lead: boolean): AttachReport {
    const entry = this.live(story, command);
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
    if (!jpeg && !png) return { uses: [], skipped: [{ file: name, problem: "not a photo Byline can read" }], cancelled: false };
    let digest = "";
    for (let i = 0; i < Math.min(bytes.length, 4096); i++) digest += String.fromCharCode(bytes[i]);
    const sha256 = fakeSha256(`${digest}:${bytes.length}`);
    const photo = this.photoFiles.get(sha256) ?? { sha256, width: 1200, height: 800, metadata, image: placeholderPhotoUrl };
    this.photoFiles.set(sha256, photo);
    return { uses: this.addUses(entry.story, [photo], lead), skipped: [], cancelled: false };
  }

  attachPastedPhoto(story: string, bytes: Uint8Array, lead: boolean): Promise<AttachReport> {
    return this.call("attach_pasted_photo", { story, bytes: bytes.length, lead }, () =>
      this.attachBytes("attach_pasted_photo", story, bytes, "pasted photo", NO_METADATA, lead),
    );
  }

  /** A chosen file: like a paste, named; its "IPTC" fields are guessed from the name. */
  async attachFileBytes(story: string, bytes: Uint8Array, name: string, lead: boolean): Promise<AttachReport> {
    await this.step();
    return this.call("attach_pasted_photo", { story, bytes: bytes.length, name, lead }, () =>
      this.attachBytes("attach_pasted_photo", story, bytes, name, fakeMetadata(name), lead),
    );
  }

  editPhotoUse(story: string, useId: string, edit: PhotoUseEdit): Promise<PhotoUse> {
    return this.call("edit_photo_use", { story, useId, edit }, () => {
      const s = this.live(story, "edit_photo_use").story;
      const use = s.photos.find((u) => u.id === useId);
      if (!use) throw new AppError("invalid_input", `story ${story} has no photo ${useId}`, "edit_photo_use");
      if (edit.caption !== null) use.caption = edit.caption.trim();
      if (edit.credit !== null) use.credit = edit.credit.trim();
      if (edit.altText !== null) use.altText = edit.altText.trim();
      if (edit.creator !== null) use.creator = edit.creator.trim();
      if (edit.copyright !== null) use.copyright = edit.copyright.trim();
      if (edit.role !== null) {
        if (edit.role === "lead") for (const u of s.photos) u.role = "inline";
        use.role = edit.role;
        sortUses(s.photos);
      }
      use.creditLine = creditLine(use.credit, this.settings.creditTemplate);
      use.fromPhoto = fromPhoto(this.photoFiles.get(use.photo)?.metadata ?? NO_METADATA, use);
      return use;
    });
  }

  detachPhoto(story: string, useId: string): Promise<void> {
    return this.call("detach_photo", { story, useId }, () => {
      const s = this.live(story, "detach_photo").story;
      const i = s.photos.findIndex((u) => u.id === useId);
      if (i < 0) throw new AppError("invalid_input", `story ${story} has no photo ${useId}`, "detach_photo");
      s.photos.splice(i, 1);
    });
  }

  photoWarnings(story: string): Promise<PhotoWarning[]> {
    return this.call("photo_warnings", { story }, () => this.warningsOf(this.live(story, "photo_warnings").story));
  }

  private warningsOf(s: Story): PhotoWarning[] {
    const out: PhotoWarning[] = [];
    s.photos.forEach((u, n) => {
      const which = u.role === "lead" ? "the lead photo" : `photo ${n + 1}`;
      const warn = (kind: PhotoWarning["kind"], message: string) => out.push({ photoUse: u.id, kind, message });
      if (u.credit.trim() === "") warn("noCredit", `${which} has no credit`);
      if (u.altText.trim() === "") warn("noAltText", `${which} has no alt text`);
      else if (u.altText.trim() === u.caption.trim()) warn("altTextIsCaption", `${which}: the alt text repeats the caption; describe what the photo shows`);
    });
    return out;
  }

  // ------------------------------------------------------------------------------ export

  /** The pre-publish checklist, by the core's rules and with its messages. */
  exportChecklist(story: string): Promise<ChecklistItem[]> {
    return this.call("export_checklist", { story }, () => {
      const s = this.live(story, "export_checklist").story;
      const items: ChecklistItem[] = [];
      const add = (check: string, message: string) => items.push({ check, message });
      const stats = computeStats(s.body);
      if (stats.notes > 0) add("notes", `${stats.notes} unresolved TK or newsroom note(s) in the copy (they are left out of exports)`);
      const headline = s.headline.trim();
      const chars = [...headline].length;
      if (headline === "") add("headline", "the headline is empty");
      else if (chars > MAX_HEADLINE_CHARS) add("headlineLength", `the headline has ${chars} characters (more than ${MAX_HEADLINE_CHARS})`);
      if (s.wordTarget !== null && stats.words < s.wordTarget) add("wordTarget", `${stats.words} words, under the target of ${s.wordTarget}`);
      for (const w of this.warningsOf(s)) add("photo", w.message);
      return items;
    });
  }

  /**
   * "Exports" into `exportFolderPick` (null: the dialog was cancelled). Nothing is written; a
   * story whose slug contains "exists" meets an existing destination, like the core refusing to
   * overwrite.
   */
  exportStory(story: string, request: ExportRequest): Promise<ExportDone> {
    return this.call("export_story", { story, request }, () => {
      const s = this.live(story, "export_story").story;
      if (!EXPORT_FORMATS.includes(request.format)) {
        throw new AppError("invalid_input", `unknown export format ${String(request.format)}`, "export_story");
      }
      if (!Number.isInteger(request.longEdge) || request.longEdge < 256 || request.longEdge > 8192) {
        throw new AppError("invalid_input", "the rendition size must be 256 to 8192 pixels", "export_story");
      }
      if (this.exportFolderPick === null) return { path: null };
      const slug = s.slug || "untitled";
      const path = `${this.exportFolderPick}/${slug}${request.format === "zip" ? ".zip" : `-${request.format}`}`;
      if (slug.includes("exists")) {
        throw new AppError("invalid_input", `${path} already exists; choose another destination (nothing was overwritten)`, "export_story");
      }
      this.exported.add(path);
      return { path };
    });
  }

  revealExport(path: string): Promise<void> {
    return this.call("reveal_export", { path }, () => {
      if (!this.exported.has(path)) throw new AppError("invalid_input", "only an export made in this session can be shown", "reveal_export");
    });
  }

  /** Validates like the real one, then points at a bundled image (the fake has no derived files). */
  photoUrl(sha256: string, size: PhotoSize): string {
    buildPhotoUrl(sha256, size);
    return this.photoFiles.get(sha256)?.image ?? placeholderPhotoUrl;
  }

  /**
   * In a plain browser, dropped files have names but no paths: the names stand in for paths.
   * Tests call `dropFiles` instead.
   */
  async onFilesDropped(handler: (paths: string[]) => void, onHover?: (over: boolean) => void): Promise<() => void> {
    const entry = { drop: handler, hover: onHover };
    this.dropHandlers.add(entry);
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes("Files");
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      onHover?.(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) onHover?.(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      onHover?.(false);
      const names = Array.from(e.dataTransfer?.files ?? []).map((f) => f.name);
      if (names.length > 0) handler(names);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      this.dropHandlers.delete(entry);
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }

  /** Test hook: files dragged over the window (`paths` null = hover only) or dropped on it. */
  dropFiles(paths: string[] | null): void {
    for (const h of this.dropHandlers) {
      if (paths === null) h.hover?.(true);
      else {
        h.hover?.(false);
        h.drop(paths);
      }
    }
  }

  async onCloseRequested(_handler: () => Promise<void>): Promise<() => void> {
    return () => {};
  }
}

/** A row of the library list. */
function summaryOf(s: Story): StorySummary {
  return { id: s.id, slug: s.slug, kicker: s.kicker, headline: s.headline, status: s.status, words: s.stats.words, wordTarget: s.wordTarget, updated: s.updated };
}

/** A use's fields that still equal what the photo said (and say something). */
function fromPhoto(said: FakeMetadata, now: Pick<PhotoUse, "caption" | "credit" | "altText" | "creator" | "copyright">): FromPhoto {
  const same = (a: string, b: string) => a !== "" && a === b;
  return {
    caption: same(said.caption, now.caption),
    credit: same(said.credit, now.credit),
    altText: same(said.altText, now.altText),
    creator: same(said.creator, now.creator),
    copyright: same(said.copyright, now.copyright),
  };
}

/** Lead first, then inline uses in the order they were added (stable sort). */
function sortUses(uses: PhotoUse[]): void {
  uses.sort((a, b) => (a.role === b.role ? 0 : a.role === "lead" ? -1 : 1));
}
