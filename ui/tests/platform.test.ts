/** The platform layer: AppError wrapping in tauri.ts, and the fake behaving like the core. */
import { describe, expect, it, vi } from "vitest";
import { AppError, isConflict } from "../src/platform/errors";
import { FakePlatform } from "../src/platform/fake";
import { asDoc, validateDoc } from "../src/lib/docSchema";
import type { DocNode } from "../src/platform/types";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));

describe("tauri platform", () => {
  it("passes camelCase args and wraps {kind, message} errors in AppError with the command name", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    invoke.mockRejectedValueOnce({ kind: "conflict", message: "stale revision 3" });
    const err = await p.restoreRevision("id-1", 2, 3).catch((e: unknown) => e);
    expect(invoke).toHaveBeenLastCalledWith("restore_revision", { id: "id-1", revision: 2, baseRevision: 3 });
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: "conflict", message: "stale revision 3", command: "restore_revision" });
    expect(isConflict(err)).toBe(true);

    invoke.mockResolvedValueOnce({ total: 0, offset: 0, stories: [] });
    await expect(p.listStories(null, 0, 100)).resolves.toEqual({ total: 0, offset: 0, stories: [] });
    expect(invoke).toHaveBeenLastCalledWith("list_stories", { status: null, offset: 0, limit: 100 });

    invoke.mockRejectedValueOnce("plain string");
    await expect(p.getStory("x")).rejects.toMatchObject({ kind: "unknown", command: "get_story" });
  });
});

describe("fake platform", () => {
  it("refuses a stale revision and saves nothing", async () => {
    const p = new FakePlatform();
    const [s] = (await p.listStories(null, 0, 100)).stories;
    const story = await p.getStory(s.id);
    const first = await p.saveStory({ ...story, baseRevision: story.revision, headline: "One" });
    expect(first.revision).toBe(story.revision + 1);
    const err = await p.saveStory({ ...story, baseRevision: story.revision, headline: "Two" }).catch((e: unknown) => e);
    expect(isConflict(err)).toBe(true);
    expect((await p.getStory(s.id)).headline).toBe("One");
  });

  it("rejects a body outside the schema, naming the problem", async () => {
    const p = new FakePlatform();
    const [s] = (await p.listStories(null, 0, 100)).stories;
    const story = await p.getStory(s.id);
    const bad = { type: "doc", content: [{ type: "codeBlock", content: [{ type: "text", text: "x" }] }] } as unknown as typeof story.body;
    await expect(p.saveStory({ ...story, baseRevision: story.revision, body: bad })).rejects.toMatchObject({ kind: "invalid_document" });
  });

  it("deletes to the trash and undeletes", async () => {
    const p = new FakePlatform();
    const [s] = (await p.listStories(null, 0, 100)).stories;
    await p.deleteStory(s.id);
    expect(await p.listStories(null, 0, 100)).toEqual({ total: 0, offset: 0, stories: [] });
    await expect(p.getStory(s.id)).rejects.toMatchObject({ kind: "not_found" });
    await p.undeleteStory(s.id);
    expect((await p.listStories(null, 0, 100)).stories.map((x) => x.id)).toEqual([s.id]);
  });
});

describe("validateDoc", () => {
  const doc = (...content: DocNode[]): DocNode => ({ type: "doc", content });
  it.each<[string, DocNode]>([
    ["unknown node", doc({ type: "table" })],
    ["heading level 1", doc({ type: "heading", attrs: { level: 1 } })],
    ["extra attr", doc({ type: "orderedList", attrs: { start: 1, type: "a" }, content: [] })],
    ["start 0", doc({ type: "orderedList", attrs: { start: 0 }, content: [] })],
    ["unknown mark", doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "code" }] }] })],
    ["link extra attr", doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://a.b", target: "_blank" } }] }] })],
    ["javascript link", doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] })],
  ])("rejects %s", (_, d) => {
    expect(validateDoc(d)).not.toBeNull();
    expect(() => asDoc(d)).toThrow(AppError);
  });

  it("accepts an empty paragraph", () => {
    expect(validateDoc(doc({ type: "paragraph" }))).toBeNull();
  });
});
