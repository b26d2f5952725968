/**
 * The story's photos without the editor (lib/storyPhotos.svelte.ts), against the fake core:
 * photos shown as they are attached, the selection, a new lead, a photo removed, failures, and
 * what the toasts say.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { StoryPhotos } from "../src/lib/storyPhotos.svelte";
import { toasts } from "../src/lib/toasts.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import type { PhotoUse } from "../src/platform/types";

beforeEach(() => {
  toasts.splice(0);
});

/** The sample story (one lead photo) and an inline photo, in an editor stand-in. */
async function setup() {
  const platform = new FakePlatform();
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  await platform.attachPhotos(summary.id, ["/d/afp-2.jpg"], false);
  const story = await platform.getStory(summary.id);
  const seen = { opened: 0, removed: [] as string[] };
  const photos = new StoryPhotos({
    platform,
    storyId: story.id,
    openPanel: () => (seen.opened += 1),
    removeFigures: (id) => seen.removed.push(id),
  });
  photos.load(story.photos ?? []);
  const [lead, inline] = photos.list;
  return { platform, story, photos, seen, lead, inline };
}

const texts = () => toasts.map((t) => t.text);
const roles = (list: PhotoUse[]) => list.map((u) => [u.id, u.role]);

describe("StoryPhotos", () => {
  it("holds the story's photos lead first, and drops a selection that is gone", async () => {
    const s = await setup();
    expect(s.lead.role).toBe("lead");
    expect(s.inline.role).toBe("inline");
    expect(s.photos.lead?.id).toBe(s.lead.id);
    s.photos.selected = s.inline.id;
    s.photos.load([s.lead]);
    expect(s.photos.selected).toBeNull();
    s.photos.selected = s.lead.id;
    s.photos.load([s.lead, s.inline]);
    expect(s.photos.selected).toBe(s.lead.id);
  });

  it("shows attached photos, opening the panel and selecting the first newcomer when asked", async () => {
    const s = await setup();
    const [, inline] = s.photos.list;
    s.photos.load([s.lead]);
    s.photos.show([inline], false);
    expect(s.photos.list.map((u) => u.id)).toEqual([s.lead.id, inline.id]);
    expect(s.seen.opened).toBe(1);
    expect(s.photos.selected).toBeNull();
    s.photos.load([s.lead]);
    s.photos.show([inline]);
    expect(s.photos.selected).toBe(inline.id);
    // Nothing new: the panel is not opened again.
    s.photos.show([inline]);
    expect(s.seen.opened).toBe(2);
  });

  it("makes a photo the lead: the old lead turns inline, the new one leaves the body", async () => {
    const s = await setup();
    await s.photos.makeLead(s.inline);
    expect(roles(s.photos.list)).toEqual([
      [s.inline.id, "lead"],
      [s.lead.id, "inline"],
    ]);
    expect(s.photos.lead?.id).toBe(s.inline.id);
    expect(s.seen.removed).toEqual([s.inline.id]);
    expect(texts()).toEqual(["This photo is now the lead."]);
    expect(s.platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(1);
  });

  it("says so when a new lead could not be saved, and keeps the photos as they were", async () => {
    const s = await setup();
    s.platform.failNext = { command: "edit_photo_use", error: new AppError("io", "database or disk is full", "edit_photo_use"), times: 1 };
    await s.photos.makeLead(s.inline);
    expect(roles(s.photos.list)).toEqual([
      [s.lead.id, "lead"],
      [s.inline.id, "inline"],
    ]);
    expect(s.seen.removed).toEqual([]);
    expect(texts()).toEqual(["Could not save the photo details: database or disk is full"]);
  });

  it("saves a photo's details, shows what the core stored, and throws when it could not", async () => {
    const s = await setup();
    const saved = await s.photos.save(s.inline, { caption: "Ministers in Rome.", credit: null, altText: null, creator: null, copyright: null, role: null, standIn: null });
    expect(saved.caption).toBe("Ministers in Rome.");
    expect(s.photos.list[1].caption).toBe("Ministers in Rome.");
    s.platform.failNext = { command: "edit_photo_use", error: new AppError("io", "disk full", "edit_photo_use"), times: 1 };
    await expect(s.photos.save(s.inline, { caption: "Lost?", credit: null, altText: null, creator: null, copyright: null, role: null, standIn: null })).rejects.toThrow("disk full");
    expect(s.photos.list[1].caption).toBe("Ministers in Rome.");
  });

  it("removes a photo from the story and the body; the selection goes with it", async () => {
    const s = await setup();
    s.photos.selected = s.inline.id;
    await s.photos.detach(s.inline);
    expect(s.photos.list.map((u) => u.id)).toEqual([s.lead.id]);
    expect(s.photos.selected).toBeNull();
    expect(s.seen.removed).toEqual([s.inline.id]);
    expect(texts()).toEqual(["Photo removed from the story. The photo stays in the library."]);
    expect((await s.platform.getStory(s.story.id)).photos?.map((u) => u.id)).toEqual([s.lead.id]);
  });

  it("says so when a photo could not be removed", async () => {
    const s = await setup();
    s.platform.failNext = { command: "detach_photo", error: new AppError("io", "disk full", "detach_photo"), times: 1 };
    await s.photos.detach(s.inline);
    expect(s.photos.list).toHaveLength(2);
    expect(texts()).toEqual(["Could not remove the photo: disk full"]);
  });

  it("edits the lead from above the headline: selected in the photos panel", async () => {
    const s = await setup();
    s.photos.editLead();
    expect(s.photos.selected).toBe(s.lead.id);
    expect(s.seen.opened).toBe(1);
    s.photos.load([s.inline]);
    s.photos.editLead();
    expect(s.seen.opened).toBe(1);
  });

  it("reads what needs fixing before publishing", async () => {
    const s = await setup();
    await s.photos.refreshWarnings();
    expect(s.photos.warnings).toEqual(await s.platform.photoWarnings(s.story.id));
  });
});
