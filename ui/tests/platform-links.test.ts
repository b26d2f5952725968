/** The Tauri platform's new commands: names and camelCase arguments exactly as the core takes them. */
import { describe, expect, it, vi } from "vitest";
import { createTauriPlatform } from "../src/platform/tauri";
import { AppError } from "../src/platform/errors";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args), Channel: class {} }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));
vi.mock("@tauri-apps/api/webview", () => ({ getCurrentWebview: () => ({ onDragDropEvent: async () => () => {} }) }));

describe("tauri platform: search, links, settings", () => {
  it("invokes each command with its arguments and hands back the reply", async () => {
    const p = createTauriPlatform();
    const cases: Array<[() => Promise<unknown>, string, Record<string, unknown> | undefined]> = [
      [() => p.listStories("ready", 200, 100), "list_stories", { status: "ready", offset: 200, limit: 100 }],
      [
        () => p.searchStories({ text: "rome", status: null, tag: "IS", since: "2026-01-01", until: null, headlineOnly: true, limit: 8, offset: 0 }),
        "search_stories",
        { query: { text: "rome", status: null, tag: "IS", since: "2026-01-01", until: null, headlineOnly: true, limit: 8, offset: 0 } },
      ],
      [
        () => p.setRelated("s1", [{ storyId: null, url: "https://a.example", title: "A", broken: false }]),
        "set_related",
        { story: "s1", links: [{ storyId: null, url: "https://a.example", title: "A", broken: false }] },
      ],
      [() => p.backlinks("s1"), "backlinks", { story: "s1" }],
      [() => p.suggestRelated("s1", 5), "suggest_related", { story: "s1", limit: 5 }],
      [() => p.storyRefs(["a", "b"]), "story_refs", { ids: ["a", "b"] }],
      [() => p.librarySettings(), "library_settings", undefined],
      [
        () => p.setLibrarySettings({ baseUrl: null, creditTemplate: "Photo: {credit}", agencies: [] }),
        "set_library_settings",
        { settings: { baseUrl: null, creditTemplate: "Photo: {credit}", agencies: [] } },
      ],
    ];
    for (const [run, command, args] of cases) {
      const reply = { from: command };
      invoke.mockResolvedValueOnce(reply);
      expect(await run()).toBe(reply);
      expect(invoke).toHaveBeenLastCalledWith(command, args);
    }
  });

  it("turns a refusal into an AppError naming the command", async () => {
    const p = createTauriPlatform();
    invoke.mockRejectedValueOnce({ kind: "invalid_input", message: "related link `ftp://x` refused: only http and https addresses" });
    const err = await p.setRelated("s1", []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: "invalid_input", command: "set_related", message: expect.stringContaining("refused") });
  });
});
