/** Vitest setup: jest-dom matchers, and the layout APIs jsdom lacks that ProseMirror calls. */
import "@testing-library/jest-dom/vitest";

function emptyRects(): DOMRectList {
  const list: DOMRect[] = [];
  return Object.assign(list, { item: (i: number) => list[i] ?? null }) as unknown as DOMRectList;
}

const zeroRect = (): DOMRect => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) });

if (typeof Range !== "undefined") {
  Range.prototype.getClientRects = emptyRects;
  Range.prototype.getBoundingClientRect = zeroRect;
}
if (typeof Element !== "undefined" && !Element.prototype.getClientRects) {
  Element.prototype.getClientRects = emptyRects;
}
if (typeof document !== "undefined" && !document.elementFromPoint) {
  document.elementFromPoint = () => null;
}

if (typeof globalThis.ClipboardEvent === "undefined") {
  class FakeClipboardEvent extends Event {
    readonly clipboardData: DataTransfer | null = null;
  }
  globalThis.ClipboardEvent = FakeClipboardEvent as unknown as typeof ClipboardEvent;
}

if (typeof globalThis.ResizeObserver === "undefined") {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  globalThis.ResizeObserver = NoResizeObserver as unknown as typeof ResizeObserver;
}

// The app loads its editor as a chunk of its own (App.svelte); in the tests it is imported up
// front, so a test that opens a story waits for the editor as long as a real page does (a few
// milliseconds), not for Vite to transform TipTap on first use.
await import("../src/components/Editor.svelte");
