/** A long body opens laid out in slices, and ends with every block in normal layout. */
import { afterEach, describe, expect, it } from "vitest";
import { LazyLayout } from "../src/lib/lazyLayout";

const styles = () => document.head.querySelectorAll("style[data-lazy-layout]");

/** The blocks the page's lazy-layout style leaves in normal layout, or null without one. */
function applied(): number | null {
  const all = styles();
  expect(all.length).toBeLessThanOrEqual(1);
  const m = all[0]?.textContent?.match(/nth-child\(n\+(\d+)\)/);
  return m ? Number(m[1]) - 1 : null;
}

describe("LazyLayout", () => {
  let queue: Array<() => void> = [];
  const schedule = (run: () => void) => void queue.push(run);
  const frame = () => {
    const run = queue;
    queue = [];
    for (const r of run) r();
  };
  afterEach(() => {
    queue = [];
    document.head.replaceChildren();
  });

  it("renders the blocks after the first lazily, then hands them back a slice per frame", () => {
    const lazy = new LazyLayout("#host > .ProseMirror", { first: 40, step: 40 }, schedule);
    lazy.start(130);
    expect(styles()).toHaveLength(1);
    expect(styles()[0].textContent).toBe("#host > .ProseMirror > :nth-child(n+41) { content-visibility: auto; contain-intrinsic-size: auto 5em; }");
    expect(lazy.laidOut).toBe(40);
    frame();
    expect(lazy.laidOut).toBe(80);
    expect(applied()).toBe(80);
    frame();
    expect(lazy.laidOut).toBe(120);
    expect(applied()).toBe(120);
    frame();
    expect(lazy.laidOut).toBeNull();
    expect(applied()).toBeNull();
    expect(styles()).toHaveLength(0);
    expect(queue).toHaveLength(0);
  });

  it("leaves a short body alone", () => {
    const lazy = new LazyLayout("#host > .ProseMirror", { first: 40, step: 40 }, schedule);
    lazy.start(40);
    expect(styles()).toHaveLength(0);
    expect(queue).toHaveLength(0);
  });

  it("starts over when another body is loaded, and a stop is final", () => {
    const lazy = new LazyLayout("#host > .ProseMirror", { first: 10, step: 10 }, schedule);
    lazy.start(100);
    frame();
    expect(lazy.laidOut).toBe(20);
    lazy.start(50);
    expect(styles()).toHaveLength(1);
    expect(applied()).toBe(10);
    frame(); // the first run's step is stale: only the second one moves on
    expect(applied()).toBe(20);
    expect(queue).toHaveLength(1);
    lazy.stop();
    expect(styles()).toHaveLength(0);
    frame();
    frame();
    expect(styles()).toHaveLength(0);
  });
});
