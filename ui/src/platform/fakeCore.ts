/**
 * What every part of the in-memory fake core shares (fake.ts puts the parts together): the stories
 * it holds, the library settings and photo files, the health it opened with, and the call machinery
 * every command goes through (recorded calls, simulated latency, planned failures, a damaged
 * library refusing writes). The commands themselves are in fakeStories.ts, fakeLinks.ts,
 * fakePhotos.ts, fakeExport.ts, fakeLibrary.ts, fakeImport.ts and fakePublish.ts, each a layer on
 * this class.
 */
import { computeStats } from "../lib/stats";
import { slugify } from "../lib/slug";
import { emptyDoc } from "../lib/docSchema";
import { DEFAULT_LANGUAGE } from "../lib/language";
import { AppError } from "./errors";
import type { Agency, LibrarySettings, LibraryState, NewStory, Story, StoryEdit } from "./types";

/** What a photo file "said" about itself (its IPTC fields), in the fake. */
export type FakeMetadata = {
  caption: string;
  credit: string;
  altText: string;
  creator: string;
  copyright: string;
  /** The agency's instructions and usage terms, when the file has them. */
  instructions?: string;
  usageTerms?: string;
  /** The photo desk's soft edits, in words (shown, never applied). */
  softEdits?: string;
};
export type FakePhoto = { sha256: string; width: number; height: number; metadata: FakeMetadata; image: string };

export const NO_METADATA: FakeMetadata = { caption: "", credit: "", altText: "", creator: "", copyright: "" };
/** The library's credit-line template until it is changed. */
const DEFAULT_CREDIT_TEMPLATE = "Photo: {credit}";
/** A few of the core's seeded agencies, grouped as `library_settings` gives them. */
const SEED_AGENCIES: Agency[] = [
  { name: "AFP", spellings: ["AFP Photo", "Agence France-Presse"] },
  { name: "Reuters", spellings: ["Retuers", "Reuters Photo", "Thomson Reuters"] },
  { name: "The Canadian Press", spellings: ["Canadian Press", "CP", "CP Photo"] },
];

/** Trims as the core does (Rust's `str::trim`: Unicode White_Space, so U+0085 but not U+FEFF, unlike JS's `trim`). */
export const trimLikeCore = (s: string): string => s.replace(/^\p{White_Space}+/u, "").replace(/\p{White_Space}+$/u, "");

/** A letter or digit as the core means it (Rust's `char::is_alphanumeric`). */
export const ALPHANUMERIC = /[\p{Alphabetic}\p{N}]/u;

/** A credit line from a template: `{credit}` stands for the credit (the core's `credit_line`). */
export const creditLine = (credit: string, template = DEFAULT_CREDIT_TEMPLATE): string =>
  trimLikeCore(credit) === "" ? "" : template.split("{credit}").join(trimLikeCore(credit));

/** A story as the fake holds it: in the trash or not, with every saved revision. */
export type Stored = { story: Story; deleted: boolean; history: Array<{ revision: number; saved: string; edit: StoryEdit }> };

/** Commands that write to the library: a read-only (damaged) library refuses them. */
const WRITES = new Set([
  "add_dictionary_word",
  "remove_dictionary_word",
  "ignore_word",
  "set_copy_desk_settings",
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
  "add_destination",
  "remove_destination",
  "send_story",
  "retry_outbox",
  "cancel_outbox",
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

export function clone<T>(v: T): T {
  return structuredClone(v);
}

let counter = 0;
/** A UUIDv7-shaped id (time-ordered), good enough for a fake. */
export function newId(now: Date): string {
  counter += 1;
  const hex = (now.getTime().toString(16).padStart(12, "0") + counter.toString(16).padStart(6, "0") + Math.random().toString(16).slice(2)).padEnd(32, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function toEdit(story: Story): StoryEdit {
  return {
    id: story.id,
    baseRevision: story.revision,
    slug: story.slug,
    kicker: story.kicker,
    headline: story.headline,
    standfirst: story.standfirst,
    byline: story.byline,
    dateline: story.dateline,
    language: story.language,
    status: story.status,
    tags: [...story.tags],
    wordTarget: story.wordTarget,
    body: clone(story.body),
  };
}

export abstract class FakeCore {
  protected readonly stories = new Map<string, Stored>();
  /** Simulated latency per call in ms; tests may change it. */
  latencyMs: number;
  protected readonly now: () => Date;
  /** Every call, for tests to assert on. */
  readonly calls: Array<{ command: string; args: unknown }> = [];
  protected readonly photoFiles = new Map<string, FakePhoto>();
  /** When set, the next calls of this command fail with this error (tests). */
  failNext: { command: string; error: AppError; times: number } | null = null;
  protected settings: LibrarySettings = { baseUrl: null, creditTemplate: DEFAULT_CREDIT_TEMPLATE, agencies: clone(SEED_AGENCIES) };
  protected state: LibraryState = "ok";
  protected healthMessage: string | null = null;
  protected afterUncleanShutdown = false;

  constructor(opts: FakeOptions) {
    this.latencyMs = opts.latencyMs ?? 0;
    this.now = opts.now ?? (() => new Date());
  }

  protected insert(input: NewStory, at: string): Story {
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
      language: DEFAULT_LANGUAGE,
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
  protected async enter(command: string, args: unknown): Promise<void> {
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

  protected async call<T>(command: string, args: unknown, run: () => T): Promise<T> {
    await this.enter(command, args);
    try {
      return clone(run());
    } catch (err) {
      throw AppError.from(err, command);
    }
  }

  protected live(id: string, command: string): Stored {
    const entry = this.stories.get(id);
    if (!entry || entry.deleted) throw new AppError("not_found", `no story with id ${id}`, command);
    return entry;
  }

  protected isLive(id: string): boolean {
    const e = this.stories.get(id);
    return !!e && !e.deleted;
  }

  /** Marks related links whose story is in the trash or gone, as the core does when reading. */
  protected refreshBroken(): void {
    for (const { story } of this.stories.values()) {
      for (const r of story.related) r.broken = r.storyId !== null && !this.isLive(r.storyId);
    }
  }
}
