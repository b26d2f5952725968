/** A long body opens laid out in slices, and ends with every block in normal layout. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LazyLayout } from "../src/lib/lazyLayout";

const styles = () => document.head.querySelectorAll("style[data-lazy-layout]");
const host = () => document.getElementById("host") as HTMLElement;

/** The blocks the host's attribute leaves in normal layout, or null when it has none. */
function applied(): number | null {
  const from = host().getAttribute("data-lazy-from");
  if (from === null) return null;
  // The attribute only ever names a slice the stylesheets have a rule for.
  const rules = Array.from(styles()).map((s) => s.textContent ?? "").join("\n");
  expect(rules).toContain(`#host[data-lazy-from="${from}"] > .ProseMirror > :nth-child(n+${Number(from) + 1}) {`);
  return Number(from);
}

/** The slice starts the stylesheets have rules for. */
function ruled(): number[] {
  const text = Array.from(styles()).map((s) => s.textContent ?? "").join("\n");
  return Array.from(text.matchAll(/data-lazy-from="(\d+)"/g), (m) => Number(m[1]));
}

describe("LazyLayout", () => {
  let queue: Array<() => void> = [];
  const schedule = (run: () => void) => void queue.push(run);
  const frame = () => {
    const run = queue;
    queue = [];
    for (const r of run) r();
  };
  beforeEach(() => {
    const el = document.createElement("div");
    el.id = "host";
    document.body.replaceChildren(el);
  });
  afterEach(() => {
    queue = [];
    document.head.replaceChildren();
    document.body.replaceChildren();
  });

  it("waits for the story to settle on screen before the first slice, then goes a slice per frame", () => {
    const settling: Array<() => void> = [];
    const lazy = new LazyLayout("host", { first: 40, step: 40 }, schedule, (run) => void settling.push(run));
    lazy.start(130);
    expect(applied()).toBe(40);
    expect(settling).toHaveLength(1);
    // Frames go by while the story settles: nothing moves.
    frame();
    expect(applied()).toBe(40);
    settling[0]();
    expect(applied()).toBe(80);
    frame();
    expect(applied()).toBe(120);
    expect(settling).toHaveLength(1);
  });

  it("renders the blocks after the first lazily, then hands them back a slice per frame", () => {
    const lazy = new LazyLayout("host", { first: 40, step: 40 }, schedule, schedule);
    lazy.start(130);
    expect(styles()).toHaveLength(1);
    expect(styles()[0].textContent).toBe(
      [40, 80, 120]
        .map((n) => `#host[data-lazy-from="${n}"] > .ProseMirror > :nth-child(n+${n + 1}) { content-visibility: auto; contain-intrinsic-size: auto 5em; }`)
        .join("\n"),
    );
    expect(lazy.laidOut).toBe(40);
    expect(applied()).toBe(40);
    const sheet = styles()[0].textContent;
    frame();
    expect(lazy.laidOut).toBe(80);
    expect(applied()).toBe(80);
    frame();
    expect(lazy.laidOut).toBe(120);
    expect(applied()).toBe(120);
    // The slices move by the attribute alone: the stylesheet is never rewritten.
    expect(styles()).toHaveLength(1);
    expect(styles()[0].textContent).toBe(sheet);
    frame();
    expect(lazy.laidOut).toBeNull();
    expect(applied()).toBeNull();
    expect(queue).toHaveLength(0);
    // Its rules stay, selecting nothing, until the editor goes.
    expect(styles()).toHaveLength(1);
    lazy.dispose();
    expect(styles()).toHaveLength(0);
  });

  it("leaves a short body alone", () => {
    const lazy = new LazyLayout("host", { first: 40, step: 40 }, schedule, schedule);
    lazy.start(40);
    expect(styles()).toHaveLength(0);
    expect(applied()).toBeNull();
    expect(queue).toHaveLength(0);
  });

  it("starts over when another body is loaded, and a stop is final", () => {
    const lazy = new LazyLayout("host", { first: 10, step: 10 }, schedule, schedule);
    lazy.start(100);
    frame();
    expect(lazy.laidOut).toBe(20);
    lazy.start(50);
    // The rules of the first run cover the second: no stylesheet is added or changed.
    expect(styles()).toHaveLength(1);
    expect(applied()).toBe(10);
    frame(); // the first run's step is stale: only the second one moves on
    expect(applied()).toBe(20);
    expect(queue).toHaveLength(1);
    lazy.stop();
    expect(applied()).toBeNull();
    frame();
    frame();
    expect(applied()).toBeNull();
    expect(lazy.laidOut).toBeNull();
  });

  it("adds a stylesheet with only the missing rules for a longer body", () => {
    const lazy = new LazyLayout("host", { first: 10, step: 10 }, schedule, schedule);
    lazy.start(35);
    expect(ruled()).toEqual([10, 20, 30]);
    const first = styles()[0].textContent;
    lazy.start(65);
    expect(styles()).toHaveLength(2);
    expect(styles()[0].textContent).toBe(first);
    expect(ruled()).toEqual([10, 20, 30, 40, 50, 60]);
    for (let i = 0; i < 5; i++) frame();
    expect(applied()).toBe(60);
    frame();
    expect(applied()).toBeNull();
    lazy.dispose();
    expect(styles()).toHaveLength(0);
  });
});
