/**
 * The editor's photo batches without the editor (lib/photoBatch.svelte.ts), against the fake core
 * with fake timers: progress and selection as photos land, one batch after another, Cancel, chosen
 * files one at a time, pastes, failures, and what the toasts say.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import { PhotoBatches, sortPhotos, withAttached, type BatchProgress, type PhotoBatchHost } from "../src/lib/photoBatch.svelte";
import { toasts } from "../src/lib/toasts.svelte";
import type { PhotoUse } from "../src/platform/types";

const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];

beforeEach(() => {
  toasts.splice(0);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A story without photos, and an editor stand-in that records what the batches ask of it. */
async function setup() {
  const platform = new FakePlatform({ seed: false });
  const story = await platform.createStory({ headline: "Photos", kicker: null, byline: null });
  let photos: PhotoUse[] = [];
  const shown: Array<{ count: number; select: boolean }> = [];
  const seen = { opened: 0, finished: 0 };
  const host: PhotoBatchHost = {
    platform,
    storyId: story.id,
    needsLead: () => !photos.some((u) => u.role === "lead"),
    show: (uses, select) => {
      photos = withAttached(photos, uses).photos;
      shown.push({ count: uses.length, select });
    },
    openPanel: () => (seen.opened += 1),
    finished: () => (seen.finished += 1),
  };
  const batches = new PhotoBatches(host);
  const progress = (): BatchProgress | null => batches.progress;
  return { platform, story, batches, shown, seen, progress, photos: () => photos };
}

const texts = () => toasts.map((t) => t.text);
const use = (id: string, role: PhotoUse["role"]): PhotoUse => ({
  id,
  photo: "0".repeat(64),
  role,
  caption: "",
  credit: "",
  creditLine: "",
  altText: "",
  creator: "",
  copyright: "",
  width: 10,
  height: 10,
  fromPhoto: { caption: false, credit: false, altText: false, creator: false, copyright: false },
  instructions: "",
  usageTerms: "",
  softEdits: "",
  standIn: "",
});

describe("the story's photos with attached ones", () => {
  it("puts the lead first, demotes an old lead, and adds a use reported twice once", () => {
    expect(sortPhotos([use("a", "inline"), use("b", "lead"), use("c", "inline")]).map((u) => u.id)).toEqual(["b", "a", "c"]);
    const { photos, added } = withAttached([use("old", "lead"), use("a", "inline")], [use("a", "inline"), use("new", "lead")]);
    expect(photos.map((u) => [u.id, u.role])).toEqual([
      ["new", "lead"],
      ["old", "inline"],
      ["a", "inline"],
    ]);
    expect(added.map((u) => u.id)).toEqual(["new"]);
  });
});

describe("PhotoBatches", () => {
  it("follows a dropped batch: progress from the start, each photo as it lands, the first selected, then a toast", async () => {
    const s = await setup();
    s.platform.attachStepMs = 100;
    const done = s.batches.dropped(["/d/reuters-1.jpg", "/d/afp-2.jpg", "/d/plain-3.jpg"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.progress()).toEqual({ done: 0, total: 3, cancelling: false });
    expect(s.batches.attaching).toBe(true);
    expect(s.seen.opened).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(s.progress()).toEqual({ done: 1, total: 3, cancelling: false });
    expect(s.shown).toEqual([{ count: 1, select: true }]);
    await vi.advanceTimersByTimeAsync(200);
    await done;
    expect(s.progress()).toBeNull();
    expect(s.batches.attaching).toBe(false);
    // Later photos are not selected, nor is anything when the reply repeats them.
    expect(s.shown.map((x) => x.select)).toEqual([true, false, false, false]);
    expect(s.photos().map((u) => u.role)).toEqual(["lead", "inline", "inline"]);
    expect(s.seen).toEqual({ opened: 1, finished: 1 });
    expect(texts()).toEqual(["Attached 3 photos."]);
    expect(s.platform.calls.find((c) => c.command === "attach_photos")?.args).toMatchObject({ lead: true });
  });

  it("runs batches one after another", async () => {
    const s = await setup();
    s.platform.attachStepMs = 100;
    const first = s.batches.dropped(["/d/a-1.jpg", "/d/a-2.jpg"]);
    const second = s.batches.dropped(["/d/b-1.jpg"]);
    await vi.advanceTimersByTimeAsync(150);
    expect(s.platform.calls.filter((c) => c.command === "attach_photos")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    await first;
    await vi.advanceTimersByTimeAsync(100);
    await second;
    const calls = s.platform.calls.filter((c) => c.command === "attach_photos").map((c) => c.args as { files: string[]; lead: boolean });
    expect(calls).toEqual([
      { story: s.story.id, files: ["/d/a-1.jpg", "/d/a-2.jpg"], lead: true },
      { story: s.story.id, files: ["/d/b-1.jpg"], lead: false },
    ]);
    expect(texts()).toEqual(["Attached 2 photos.", "Attached 1 photo."]);
  });

  it("Cancel asks the core once, the strip says it is stopping, and the toast says where the import stopped", async () => {
    const s = await setup();
    s.platform.attachStepMs = 100;
    s.platform.dialogPick = ["/d/a-1.jpg", "/d/a-2.jpg", "/d/a-3.jpg", "/d/a-4.jpg", "/d/a-5.jpg"];
    const done = s.batches.fromDialog();
    await vi.advanceTimersByTimeAsync(100);
    // The dialog's batch size is known from the first progress message.
    expect(s.progress()).toEqual({ done: 1, total: 5, cancelling: false });
    s.batches.cancel();
    s.batches.cancel();
    expect(s.platform.calls.filter((c) => c.command === "cancel_attach")).toHaveLength(1);
    expect(s.progress()?.cancelling).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(s.progress()).toBeNull();
    // The core finishes the file in hand when the cancel came, and starts nothing more.
    expect(texts()).toEqual(["Import stopped: 3 of 5 photos attached."]);
    expect(s.seen.opened).toBe(2);
    expect(s.photos()).toHaveLength(3);
  });

  it("sends chosen files one at a time, names the skipped ones, and stops after the file in hand on Cancel", async () => {
    const s = await setup();
    s.platform.attachStepMs = 100;
    const files = [
      new File([new Uint8Array([...JPEG, 1])], "one.jpg"),
      new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "notes.jpg"),
      new File([new Uint8Array([...JPEG, 3])], "three.jpg"),
      new File([new Uint8Array([...JPEG, 4])], "four.jpg"),
    ];
    const done = s.batches.chosen(files);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.progress()).toEqual({ done: 0, total: 4, cancelling: false });
    await vi.advanceTimersByTimeAsync(200);
    expect(s.progress()).toEqual({ done: 2, total: 4, cancelling: false });
    s.batches.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    const sent = s.platform.calls.filter((c) => c.command === "attach_pasted_photo").map((c) => c.args as { name: string; lead: boolean });
    expect(sent.map((a) => [a.name, a.lead])).toEqual([
      ["one.jpg", true],
      ["notes.jpg", false],
      ["three.jpg", false],
    ]);
    expect(texts()).toEqual(["Import stopped: 2 of 4 photos attached.", "Not attached: notes.jpg (not a photo Byline can read)"]);
    expect(toasts[1].tone).toBe("error");
    // Only the first file to land is selected; the report at the end repeats photos already shown.
    expect(s.shown.map((x) => x.select).slice(0, 3)).toEqual([true, false, false]);
    expect(s.shown.at(-1)).toEqual({ count: 2, select: true });
    expect(s.photos()).toHaveLength(2);
  });

  it("places pasted photos one by one, and says when an attach failed", async () => {
    const s = await setup();
    const placed: string[] = [];
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1]);
    const pasting = s.batches.pasted([new File([png], "a.png"), new File([new Uint8Array([...JPEG, 9])], "b.jpg")], (u) => placed.push(u.id));
    await vi.advanceTimersByTimeAsync(0);
    await pasting;
    expect(placed).toHaveLength(2);
    expect(s.photos().map((u) => u.id)).toEqual(placed);
    expect(s.platform.calls.filter((c) => c.command === "attach_pasted_photo").map((c) => (c.args as { lead: boolean }).lead)).toEqual([false, false]);
    expect(s.batches.attaching).toBe(false);

    s.platform.failNext = { command: "attach_photos", error: new AppError("io", "database or disk is full", "attach_photos"), times: 1 };
    await s.batches.dropped(["/d/c.jpg"]);
    expect(s.progress()).toBeNull();
    expect(s.batches.attaching).toBe(false);
    expect(toasts.at(-1)).toMatchObject({ tone: "error", text: "Could not attach photos: database or disk is full" });
  });
});
