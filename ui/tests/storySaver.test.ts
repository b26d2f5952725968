/**
 * Saving a story without the editor (lib/storySaver.svelte.ts), against the fake core with fake
 * timers: the revision kept, read-only stories, a conflict reloaded or overwritten, a failing save
 * holding back leaving and export, and restoring a revision.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StorySaver, type StorySaverHost } from "../src/lib/storySaver.svelte";
import { StoryDraft } from "../src/lib/storyDraft.svelte";
import { toasts } from "../src/lib/toasts.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import type { Story } from "../src/platform/types";

beforeEach(() => {
  toasts.splice(0);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** The sample story open in an editor stand-in: its fields in a StoryDraft, what it was shown. */
async function setup(opts: { readOnly?: boolean } = {}) {
  const platform = new FakePlatform();
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  const story = await platform.getStory(summary.id);
  const draft = new StoryDraft();
  const shown: Story[] = [];
  const receipts: string[] = [];
  const host: StorySaverHost = {
    platform,
    storyId: story.id,
    readOnly: () => opts.readOnly ?? false,
    edit: (base) => draft.edit(story.id, base, story.body),
    saved: (receipt) => {
      receipts.push(receipt.slug);
      draft.saved(receipt);
    },
    show: (s) => {
      shown.push(s);
      draft.fill(s);
    },
    adopt: (s) => draft.adoptStatus(s),
  };
  const saver = new StorySaver(host);
  saver.open(story);
  const type = (headline: string) => {
    draft.headline = headline;
    saver.edited();
  };
  const saves = () => platform.calls.filter((c) => c.command === "save_story").length;
  return { platform, story, draft, saver, shown, receipts, type, saves };
}

const texts = () => toasts.map((t) => t.text);

describe("StorySaver", () => {
  it("tells the core the journalist is typing, at most once a second, and not in a read-only story", async () => {
    const s = await setup();
    s.type("A");
    s.type("AB");
    expect(s.platform.typingNoted).toBe(1);
    await vi.advanceTimersByTimeAsync(400);
    s.type("ABC");
    expect(s.platform.typingNoted).toBe(1);
    await vi.advanceTimersByTimeAsync(700);
    s.type("ABCD");
    expect(s.platform.typingNoted).toBe(2);
    const ro = await setup({ readOnly: true });
    ro.type("X");
    expect(ro.platform.typingNoted).toBe(0);
  });

  it("shows the story opened and bases each save on the revision the last one returned", async () => {
    const s = await setup();
    expect(s.shown).toEqual([s.story]);
    expect(s.saver.revision).toBe(s.story.revision);
    s.type("First edit");
    expect(s.saver.state).toBe("dirty");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.saver.state).toBe("saved");
    expect(s.saver.revision).toBe(s.story.revision + 1);
    s.type("Second edit");
    await s.saver.flush();
    expect(s.saver.revision).toBe(s.story.revision + 2);
    expect(s.platform.peek(s.story.id).headline).toBe("Second edit");
    expect(s.receipts).toEqual([s.story.slug, s.story.slug]);
  });

  it("records no edits on a read-only story", async () => {
    const s = await setup({ readOnly: true });
    s.type("Not to be saved");
    expect(s.saver.state).toBe("saved");
    await vi.advanceTimersByTimeAsync(5000);
    await s.saver.flush();
    expect(s.saves()).toBe(0);
  });

  it("saves soon only when something is unsaved", async () => {
    const s = await setup();
    s.saver.flushSoon();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.saves()).toBe(0);
    s.type("Left the field");
    s.saver.flushSoon();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.saves()).toBe(1);
    expect(s.saver.state).toBe("saved");
  });

  it("settles a conflict by reloading their version: it replaces the fields and nothing is saved", async () => {
    const s = await setup();
    const theirs = (await s.platform.touchElsewhere(s.story.id, "Their headline")).revision;
    s.type("My headline");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.saver.state).toBe("conflict");
    expect(s.draft.headline).toBe("My headline");
    await s.saver.reloadTheirs();
    expect(s.saver.state).toBe("saved");
    expect(s.draft.headline).toBe("Their headline");
    expect(s.saver.revision).toBe(theirs);
    expect(s.shown.at(-1)?.revision).toBe(theirs);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.platform.peek(s.story.id).headline).toBe("Their headline");
  });

  it("settles a conflict by overwriting with mine, based on their revision", async () => {
    const s = await setup();
    const theirs = (await s.platform.touchElsewhere(s.story.id, "Their headline")).revision;
    s.type("My headline");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.saver.state).toBe("conflict");
    await s.saver.overwrite();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.saver.state).toBe("saved");
    expect(s.saver.revision).toBe(theirs + 1);
    expect(s.platform.peek(s.story.id).headline).toBe("My headline");
    expect(s.shown).toHaveLength(1);
  });

  it("while saves fail: says why, holds back leaving (unless asked) and export, then saves", async () => {
    const s = await setup();
    s.platform.failNext = { command: "save_story", error: new AppError("io", "database or disk is full", "save_story"), times: 2 };
    s.type("Typed while the disk was full");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.saver.state).toBe("failed");
    expect(s.saver.error).toBe("database or disk is full");
    expect(s.saver.stuck).toBe(true);

    const go = vi.fn();
    await s.saver.whenSaved(go, "Leave anyway");
    expect(go).not.toHaveBeenCalled();
    expect(texts()).toEqual(["This story is not saved yet."]);
    expect(toasts[0].action?.label).toBe("Leave anyway");
    await toasts[0].action?.run();
    expect(go).toHaveBeenCalledTimes(1);
    expect(await s.saver.readyForExport()).toBe(true);
    expect(s.saver.state).toBe("saved");
    expect(s.saver.error).toBeNull();
    expect(s.platform.peek(s.story.id).headline).toBe("Typed while the disk was full");
  });

  it("is not ready for an export while a save fails", async () => {
    const s = await setup();
    s.platform.failNext = { command: "save_story", error: new AppError("io", "database or disk is full", "save_story"), times: 5 };
    s.type("Not saved yet");
    expect(await s.saver.readyForExport()).toBe(false);
    expect(s.saver.state).toBe("failed");
  });

  it("goes ahead at once when the story is saved", async () => {
    const s = await setup();
    s.type("Saved before leaving");
    const go = vi.fn();
    await s.saver.whenSaved(go, "Leave anyway");
    expect(go).toHaveBeenCalledTimes(1);
    expect(s.platform.peek(s.story.id).headline).toBe("Saved before leaving");
    expect(texts()).toEqual([]);
  });

  it("restores a revision after saving what is pending, and shows it", async () => {
    const s = await setup();
    s.type("Second version");
    const restored = s.saver.restore(s.story.revision);
    await vi.advanceTimersByTimeAsync(0);
    await restored;
    expect(s.draft.headline).toBe(s.story.headline);
    expect(s.saver.revision).toBe(s.story.revision + 2);
    expect(s.saver.state).toBe("saved");
    expect(texts()).toEqual([`Restored revision ${s.story.revision}. Saved as revision ${s.story.revision + 2}.`]);
  });

  it("says to reload first when a restore meets a story changed elsewhere", async () => {
    const s = await setup();
    await s.platform.touchElsewhere(s.story.id, "Their headline");
    await s.saver.restore(s.story.revision);
    expect(texts()).toEqual(["This story was changed elsewhere; reload it first."]);
    expect(s.shown).toHaveLength(1);
  });
});
