/** The paged library list: pages fetched on demand, never twice, stale answers dropped. */
import { describe, expect, it, vi } from "vitest";
import { Pager, type Page } from "../src/lib/pager";

/** A list of `total` numbered rows served page by page, each answer released by hand. */
function source(total: number) {
  const calls: Array<{ offset: number; limit: number; release: () => void; fail: (e: unknown) => void }> = [];
  const fetch = vi.fn(
    (offset: number, limit: number) =>
      new Promise<Page<number>>((resolve, reject) => {
        // The rows as the list holds them when the answer is released.
        const answer = () => ({ total, items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i) });
        calls.push({ offset, limit, release: () => resolve(answer()), fail: reject });
      }),
  );
  return { fetch, calls, setTotal: (n: number) => (total = n) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("Pager", () => {
  it("fetches only the pages a window needs, once, and keeps the total", async () => {
    const src = source(1000);
    const onChange = vi.fn();
    const pager = new Pager({ fetch: src.fetch, pageSize: 100, onChange });
    void pager.ensure(0, 30);
    expect(src.calls.map((c) => [c.offset, c.limit])).toEqual([[0, 100]]);
    expect(pager.loading).toBe(true);
    void pager.ensure(0, 30); // already on its way
    expect(src.calls).toHaveLength(1);
    src.calls[0].release();
    await flush();
    expect(pager.total).toBe(1000);
    expect(pager.get(0)).toBe(0);
    expect(pager.get(99)).toBe(99);
    expect(pager.get(100)).toBeUndefined();
    expect(onChange).toHaveBeenCalled();

    // Scrolled to rows 180–230: pages 1 and 2, not 0 again.
    void pager.ensure(180, 230);
    expect(src.calls.slice(1).map((c) => c.offset)).toEqual([100, 200]);
    src.calls[1].release();
    src.calls[2].release();
    await flush();
    expect(pager.get(230)).toBe(230);
    expect(pager.pagesHeld).toBe(3);

    // Past the end: nothing to fetch.
    void pager.ensure(1000, 1030);
    expect(src.calls).toHaveLength(3);
  });

  it("drops answers from before a reset (another filter)", async () => {
    const src = source(500);
    const pager = new Pager({ fetch: src.fetch, pageSize: 100 });
    void pager.ensure(0, 10);
    void pager.reset();
    expect(src.calls).toHaveLength(2);
    src.setTotal(7);
    src.calls[1].release(); // the new filter's answer: 7 rows
    await flush();
    src.setTotal(500);
    src.calls[0].release(); // the old filter's late answer (500 rows): ignored
    await flush();
    expect(pager.total).toBe(7);
    expect(pager.get(6)).toBe(6);
    expect(pager.get(7)).toBeUndefined();
  });

  it("reload fetches the rows on screen again, forgets the others and follows a new total", async () => {
    const src = source(350);
    const pager = new Pager({ fetch: src.fetch, pageSize: 100 });
    void pager.ensure(0, 350);
    src.calls.forEach((c) => c.release());
    await flush();
    expect(pager.pagesHeld).toBe(4);
    src.setTotal(349);
    void pager.reload(120, 150);
    expect(src.calls.slice(4).map((c) => c.offset)).toEqual([100]);
    // Still shown while the new answer is on its way.
    expect(pager.get(120)).toBe(120);
    src.calls[4].release();
    await flush();
    expect(pager.total).toBe(349);
    expect(pager.pagesHeld).toBe(1);
    expect(pager.get(0)).toBeUndefined();
    void pager.ensure(0, 10);
    expect(src.calls[5].offset).toBe(0);
  });

  it("reports a failed page and fetches it again when asked again", async () => {
    const src = source(100);
    const onError = vi.fn();
    const pager = new Pager({ fetch: src.fetch, pageSize: 100, onError });
    void pager.ensure(0, 10);
    src.calls[0].fail(new Error("disk"));
    await flush();
    expect(onError).toHaveBeenCalledWith(new Error("disk"));
    expect(pager.total).toBeNull();
    expect(pager.loading).toBe(false);
    void pager.ensure(0, 10);
    expect(src.calls).toHaveLength(2);
  });
});
