/** The status bar's counts follow the body without a count on every key press. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Recount, computeStats } from "../src/lib/stats";
import type { DocNode, StoryStats } from "../src/platform/types";

const doc = (text: string): DocNode => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

describe("Recount", () => {
  let got: StoryStats[];
  let recount: Recount;
  beforeEach(() => {
    vi.useFakeTimers();
    got = [];
    recount = new Recount((s) => got.push(s), { quietMs: 300, maxWaitMs: 2000 });
  });
  afterEach(() => {
    recount.cancel();
    vi.useRealTimers();
  });

  it("counts at once with now()", () => {
    recount.now(doc("one two three"));
    expect(got).toEqual([computeStats(doc("one two three"))]);
  });

  it("counts the latest body once typing pauses, not on every change", () => {
    recount.later(doc("one"));
    vi.advanceTimersByTime(100);
    recount.later(doc("one two"));
    vi.advanceTimersByTime(299);
    expect(got).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(got.map((s) => s.words)).toEqual([2]);
    vi.advanceTimersByTime(5000);
    expect(got).toHaveLength(1);
  });

  it("counts at least every maxWaitMs while typing goes on", () => {
    let text = "word";
    for (let t = 0; t < 4500; t += 100) {
      text += " word";
      recount.later(doc(text));
      vi.advanceTimersByTime(100);
    }
    expect(got.length).toBe(2);
    expect(got[1].words).toBeGreaterThan(got[0].words);
  });

  it("now() replaces a count still due, and cancel() drops it", () => {
    recount.later(doc("a b c d"));
    recount.now(doc("a"));
    vi.advanceTimersByTime(3000);
    expect(got.map((s) => s.words)).toEqual([1]);
    recount.later(doc("a b"));
    recount.cancel();
    vi.advanceTimersByTime(3000);
    expect(got).toHaveLength(1);
  });

  it("asks a body given as a function only when it counts, and only for the latest one", () => {
    const asked: string[] = [];
    const lazy = (text: string) => () => {
      asked.push(text);
      return doc(text);
    };
    for (const text of ["a", "a b", "a b c"]) {
      recount.later(lazy(text));
      vi.advanceTimersByTime(50);
    }
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(asked).toEqual(["a b c"]);
    expect(got.map((s) => s.words)).toEqual([3]);
  });
});
