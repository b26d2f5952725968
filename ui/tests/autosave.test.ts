/** Autosave timing, one save at a time, retries with backoff, conflicts, with fake timers. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, DEFAULT_MAX_WAIT_MS, type SaveState } from "../src/lib/autosave";
import { AppError, isConflict } from "../src/platform/errors";
import { FakePlatform } from "../src/platform/fake";
import type { Story } from "../src/platform/types";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A story being typed into, saved through the fake platform like the editor does. */
async function typingSession(opts: { latencyMs?: number } = {}) {
  const platform = new FakePlatform();
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  const story: Story = await platform.getStory(summary.id);
  platform.latencyMs = opts.latencyMs ?? 0;
  let revision = story.revision;
  let headline = story.headline;
  const states: SaveState[] = [];
  const saved: string[] = [];
  const autosave = new Autosave({
    isConflict,
    onChange: (s) => states.push(s),
    save: async () => {
      const sent = headline;
      const result = await platform.saveStory({
        id: story.id,
        baseRevision: revision,
        slug: story.slug,
        kicker: story.kicker,
        headline,
        standfirst: story.standfirst,
        byline: story.byline,
        dateline: story.dateline,
        language: story.language,
        status: story.status,
        tags: story.tags,
        wordTarget: story.wordTarget,
        body: story.body,
      });
      revision = result.revision;
      // What the store holds after this save (a receipt carries no text).
      const stored = platform.peek(result.id);
      saved.push(stored.revision === result.revision ? stored.headline : `not stored: ${sent}`);
    },
  });
  const type = (text: string) => {
    headline = text;
    autosave.edited();
  };
  const setRevision = (r: number) => (revision = r);
  return { platform, story, autosave, states, saved, type, setRevision, headline: () => headline, revision: () => revision };
}

describe("Autosave", () => {
  it("saves once, 500 ms after typing pauses", async () => {
    const s = await typingSession();
    s.type("A");
    s.type("AB");
    s.type("ABC");
    expect(s.autosave.state).toBe("dirty");
    await vi.advanceTimersByTimeAsync(499);
    expect(s.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.saved).toEqual(["ABC"]);
    expect(s.autosave.state).toBe("saved");
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.saved).toHaveLength(1);
    expect(s.revision()).toBe(s.story.revision + 1);
  });

  it("without a max wait, saves only once typing pauses", async () => {
    const saves: number[] = [];
    const autosave = new Autosave({ isConflict, maxWaitMs: null, save: async () => void saves.push(Date.now()) });
    for (let ms = 0; ms < 5000; ms += 100) {
      autosave.edited();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(saves).toHaveLength(1);
    expect(autosave.state).toBe("saved");
    autosave.dispose();
  });

  it("saves at least every 2 s while typing continues", async () => {
    const s = await typingSession();
    for (let ms = 0; ms < 5000; ms += 100) {
      s.type(`headline ${ms}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(s.saved.length).toBeGreaterThanOrEqual(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(s.saved.at(-1)).toBe("headline 4900");
    expect(s.autosave.state).toBe("saved");
  });

  it("keeps one save in flight; edits made meanwhile are saved after it, on the new revision", async () => {
    const s = await typingSession({ latencyMs: 300 });
    let concurrent = 0;
    let maxConcurrent = 0;
    const original = s.platform.saveStory.bind(s.platform);
    s.platform.saveStory = async (edit) => {
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      try {
        return await original(edit);
      } finally {
        concurrent -= 1;
      }
    };
    s.type("first");
    await vi.advanceTimersByTimeAsync(500); // save 1 starts
    expect(s.autosave.state).toBe("saving");
    s.type("second"); // during the flight
    await vi.advanceTimersByTimeAsync(100);
    s.type("third");
    await vi.advanceTimersByTimeAsync(3000);
    expect(maxConcurrent).toBe(1);
    expect(s.saved[0]).toBe("first");
    expect(s.saved.at(-1)).toBe("third");
    expect(s.autosave.state).toBe("saved");
    s.platform.latencyMs = 0;
    const current = await s.platform.getStory(s.story.id);
    expect(current.headline).toBe("third");
    expect(current.revision).toBe(s.revision());
  });

  it("on failure shows failed, keeps the text and retries with backoff", async () => {
    const s = await typingSession();
    s.platform.failNext = { command: "save_story", error: new AppError("io", "disk full", "save_story"), times: 2 };
    s.type("Important headline");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.autosave.state).toBe("failed");
    expect(s.headline()).toBe("Important headline");
    expect(s.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(999);
    expect(s.autosave.state).toBe("failed");
    await vi.advanceTimersByTimeAsync(1); // retry 1 after 1 s: fails again
    expect(s.autosave.state).toBe("failed");
    await vi.advanceTimersByTimeAsync(1999);
    expect(s.saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // retry 2 after 2 s: succeeds
    expect(s.saved).toEqual(["Important headline"]);
    expect(s.autosave.state).toBe("saved");
    expect(s.states).toContain("failed");
  });

  it("caps the backoff at 15 s", async () => {
    const saves: number[] = [];
    const autosave = new Autosave({
      isConflict,
      save: async () => {
        saves.push(Date.now());
        throw new AppError("io", "no", "save_story");
      },
    });
    autosave.edited();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 4000 + 8000 + 15000 + 15000);
    const gaps = saves.slice(1).map((t, i) => t - saves[i]);
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    autosave.dispose();
  });

  it("surfaces a conflict, stops saving, and can overwrite after rebasing", async () => {
    const s = await typingSession();
    await s.platform.touchElsewhere(s.story.id, "Changed on another machine");
    s.type("My headline");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.autosave.state).toBe("conflict");
    expect(isConflict(s.autosave.error)).toBe(true);
    s.type("My headline, edited");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.saved).toEqual([]);
    expect((await s.platform.getStory(s.story.id)).headline).toBe("Changed on another machine");
    // Overwrite: take the current revision number and save on top of it.
    const current = await s.platform.getStory(s.story.id);
    s.setRevision(current.revision);
    s.autosave.resolved(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.autosave.state).toBe("saved");
    const after = await s.platform.getStory(s.story.id);
    expect(after.headline).toBe("My headline, edited");
    expect(after.revision).toBe(current.revision + 1);
  });

  it("after a conflict, reloading discards the pending edits", async () => {
    const s = await typingSession();
    await s.platform.touchElsewhere(s.story.id, "Theirs");
    s.type("Mine");
    await vi.advanceTimersByTimeAsync(500);
    expect(s.autosave.state).toBe("conflict");
    s.autosave.resolved(false);
    expect(s.autosave.state).toBe("saved");
    expect(s.autosave.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(s.saved).toEqual([]);
  });

  it("flush() saves immediately and waits for it", async () => {
    const s = await typingSession({ latencyMs: 50 });
    s.type("Leaving now");
    const done = s.autosave.flush();
    await vi.advanceTimersByTimeAsync(50);
    await done;
    expect(s.saved).toEqual(["Leaving now"]);
    expect(s.autosave.state).toBe("saved");
  });

  it("while typing goes on, a save starts at least every 1.5 s (a crash loses at most the last ~2 s)", async () => {
    expect(DEFAULT_MAX_WAIT_MS).toBeLessThanOrEqual(1500);
    const s = await typingSession({ latencyMs: 40 });
    const starts: number[] = [];
    const original = s.platform.saveStory.bind(s.platform);
    s.platform.saveStory = (edit) => {
      starts.push(Date.now());
      return original(edit);
    };
    const t0 = Date.now();
    // A word every 100 ms for 8 s, never pausing long enough for the 500 ms debounce.
    for (let ms = 0; ms < 8000; ms += 100) {
      s.type(`word ${ms}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    const gaps = [starts[0] - t0, ...starts.slice(1).map((t, i) => t - starts[i])];
    expect(starts.length).toBeGreaterThanOrEqual(5);
    // The max wait, plus at most one save's latency and one keystroke's tick.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1500 + 40 + 100);
    await vi.advanceTimersByTimeAsync(600);
    expect(s.saved.at(-1)).toBe("word 7900");
  });

  it("on a full disk keeps the text and the core's message, retries with backoff, and saves the latest text once space is freed", async () => {
    const s = await typingSession();
    const errors: string[] = [];
    let diskFull = true;
    const original = s.platform.saveStory.bind(s.platform);
    const attempts: number[] = [];
    s.platform.saveStory = (edit) => {
      attempts.push(Date.now());
      if (diskFull) return Promise.reject(new AppError("io", "database or disk is full", "save_story"));
      return original(edit);
    };
    const autosave = new Autosave({
      isConflict,
      save: async () => {
        await s.platform.saveStory({ ...(await s.platform.getStory(s.story.id)), headline: s.headline(), baseRevision: s.revision() }).then((r) => s.setRevision(r.revision));
      },
      onChange: (state, err) => {
        if (state === "failed") errors.push(AppError.from(err, "save_story").message);
      },
    });
    s.autosave.dispose();
    const type = (text: string) => {
      s.type(text);
      autosave.edited();
    };
    type("Before the disk filled");
    await vi.advanceTimersByTimeAsync(500);
    expect(autosave.state).toBe("failed");
    expect(errors).toEqual(["database or disk is full"]);
    // Typing goes on while the disk is full: nothing is lost from the editor, nothing is saved.
    type("Before the disk filled, and after");
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
    expect(autosave.state).toBe("failed");
    expect(autosave.dirty).toBe(true);
    expect(s.headline()).toBe("Before the disk filled, and after");
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]);
    expect(gaps).toEqual([1000, 2000, 4000]);
    // Space is freed: the next retry (8 s later) saves the latest text.
    diskFull = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect(autosave.state).toBe("saved");
    expect((await s.platform.getStory(s.story.id)).headline).toBe("Before the disk filled, and after");
    autosave.dispose();
  });
});
