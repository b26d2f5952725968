/** Stories seeded into the fake from outside (the load spec's headless-browser side). */
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakePlatform } from "../src/platform/fake";
import { SEED_GLOBAL, seededStories } from "../src/platform/fakeSeed";
import type { Story } from "../src/platform/types";

const SHA = "ab".repeat(32);

function story(id: string, body: unknown = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Hello there world" }] }] }): Story {
  return {
    id,
    slug: "seeded",
    kicker: "",
    headline: `Seeded ${id}`,
    standfirst: "",
    byline: "",
    dateline: "",
    language: "en-US",
    status: "draft",
    tags: [],
    wordTarget: null,
    created: "2026-01-02T03:04:05.000Z",
    updated: "2026-01-02T03:04:05.000Z",
    revision: 4,
    published: null,
    body,
    related: [],
    photos: [
      {
        id: `${id}-use`,
        photo: SHA,
        role: "lead",
        caption: "A caption",
        credit: "Agency",
        creditLine: "Photo: Agency",
        altText: "",
        creator: "",
        copyright: "",
        width: 400,
        height: 300,
        fromPhoto: { caption: true, credit: true, altText: false, creator: false, copyright: false },
        instructions: "",
        usageTerms: "",
        softEdits: "",
        standIn: "",
      },
    ],
    stats: { words: 0, characters: 0, readingMinutes: 0, notes: 0 },
  } as Story;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SEED_GLOBAL];
  vi.restoreAllMocks();
});

describe("seeded stories", () => {
  it("takes nothing when no list was set", () => {
    expect(seededStories()).toEqual([]);
    expect(seededStories({ not: "a list" })).toEqual([]);
  });

  it("leaves out what is not a story or has a body the schema refuses", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const good = story("s1");
    const bad = story("s2", { type: "doc", content: [{ type: "script" }] });
    expect(seededStories([good, bad, 42, null]).map((s) => s.id)).toEqual(["s1"]);
    expect(error).toHaveBeenCalledTimes(3);
  });

  it("holds a story from the global as the core returned it, its revision and photos kept", async () => {
    (globalThis as Record<string, unknown>)[SEED_GLOBAL] = [story("s1")];
    const fake = new FakePlatform({ seed: false });
    const got = await fake.getStory("s1");
    expect(got.revision).toBe(4);
    expect(got.stats.words).toBe(3);
    expect(got.photos.map((u) => u.id)).toEqual(["s1-use"]);
    expect(fake.photoUrl(SHA, "thumbnails")).toBeTruthy();
    const page = await fake.listStories(null, 0, 10);
    expect(page.stories.map((s) => s.id)).toEqual(["s1"]);
    // Saving goes on from the seeded revision.
    const edit = { ...got, baseRevision: 4 };
    const saved = await fake.saveStory(edit);
    expect(saved.revision).toBe(5);
  });

  it("prefers stories given as an option, and keeps the sample by default", async () => {
    (globalThis as Record<string, unknown>)[SEED_GLOBAL] = [story("from-global")];
    const fake = new FakePlatform({ stories: [story("from-option")] });
    const ids = (await fake.listStories(null, 0, 10)).stories.map((s) => s.id);
    expect(ids).toContain("from-option");
    expect(ids).not.toContain("from-global");
    expect(ids).toHaveLength(2);
  });
});
