/**
 * The story's news fields without the editor (lib/storyDraft.svelte.ts): filled from a story, the
 * slug following the headline until edited by hand, tags and word target as typed, the edit built.
 */
import { describe, expect, it } from "vitest";
import { StoryDraft } from "../src/lib/storyDraft.svelte";
import { FakePlatform } from "../src/platform/fake";
import type { DocNode, Story } from "../src/platform/types";

async function sampleStory(): Promise<Story> {
  const platform = new FakePlatform();
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  return platform.getStory(summary.id);
}

const BODY: DocNode = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] };

describe("StoryDraft", () => {
  it("shows a story's fields: tags joined, no word target as an empty field", async () => {
    const story = await sampleStory();
    const draft = new StoryDraft();
    draft.fill({ ...story, tags: ["Arab League", "Algeria"], wordTarget: null });
    expect(draft.headline).toBe(story.headline);
    expect(draft.kicker).toBe(story.kicker);
    expect(draft.slug).toBe(story.slug);
    expect(draft.status).toBe(story.status);
    expect(draft.tagsText).toBe("Arab League, Algeria");
    expect(draft.wordTargetText).toBe("");
    expect(draft.wordTarget).toBeNull();
    draft.fill({ ...story, wordTarget: 600 });
    expect(draft.wordTargetText).toBe("600");
    expect(draft.wordTarget).toBe(600);
  });

  it("lets the slug follow the headline until the slug is typed in", async () => {
    const story = await sampleStory();
    const draft = new StoryDraft();
    draft.fill({ ...story, headline: "Old headline", slug: "old-headline" });
    draft.headline = "Ministers meet in Rome";
    draft.headlineTyped();
    expect(draft.slug).toBe("ministers-meet-in-rome");
    draft.slug = "rome-talks";
    draft.slugTyped();
    draft.headline = "Ministers meet in Rome again";
    draft.headlineTyped();
    expect(draft.slug).toBe("rome-talks");
  });

  it("keeps a slug of its own from the story, but follows an untitled or empty one", async () => {
    const story = await sampleStory();
    const draft = new StoryDraft();
    draft.fill({ ...story, headline: "Old headline", slug: "chosen-by-hand" });
    draft.headline = "New headline";
    draft.headlineTyped();
    expect(draft.slug).toBe("chosen-by-hand");
    for (const slug of ["", "untitled"]) {
      draft.fill({ ...story, headline: "", slug });
      draft.headline = "New headline";
      draft.headlineTyped();
      expect(draft.slug).toBe("new-headline");
    }
  });

  it("takes the core's slug after a save only when its own is empty", async () => {
    const story = await sampleStory();
    const draft = new StoryDraft();
    draft.fill({ ...story, slug: "mine" });
    draft.saved({ slug: "theirs" });
    expect(draft.slug).toBe("mine");
    draft.slug = "  ";
    draft.saved({ slug: "theirs" });
    expect(draft.slug).toBe("theirs");
  });

  it("reads tags without blanks or repeats, and a word target only as a positive whole number", () => {
    const draft = new StoryDraft();
    draft.tagsText = " Rome ,, EU,Rome , ";
    expect(draft.tags()).toEqual(["Rome", "EU"]);
    for (const [text, target] of [["800", 800], ["0", null], ["-50", null], ["", null], ["abc", null]] as const) {
      draft.wordTargetText = text;
      expect(draft.wordTarget).toBe(target);
    }
  });

  it("builds the edit: slug trimmed, tags read, the body checked against the schema", async () => {
    const story = await sampleStory();
    const draft = new StoryDraft();
    draft.fill(story);
    draft.slug = " rome-talks ";
    draft.tagsText = "Rome, EU";
    draft.wordTargetText = "500";
    draft.status = "ready";
    expect(draft.edit(story.id, 7, BODY)).toEqual({
      id: story.id,
      baseRevision: 7,
      slug: "rome-talks",
      kicker: story.kicker,
      headline: story.headline,
      standfirst: story.standfirst,
      byline: story.byline,
      dateline: story.dateline,
      language: story.language,
      status: "ready",
      tags: ["Rome", "EU"],
      wordTarget: 500,
      body: BODY,
    });
  });
});
