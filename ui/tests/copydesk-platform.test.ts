/** The copy desk's IPC: the Tauri calls and the fake core's stand-in checker. */
import { describe, expect, it, vi } from "vitest";
import { FakePlatform } from "../src/platform/fake";
import { addStory } from "./fixtures";

const invoke = vi.fn();
vi.mock("@tauri-apps/api/core", () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
vi.mock("@tauri-apps/api/window", () => ({ getCurrentWindow: () => ({ onCloseRequested: async () => () => {} }) }));

describe("copy desk over tauri", () => {
  it("calls check_story, add_dictionary_word and ignore_word with camelCase args", async () => {
    const { createTauriPlatform } = await import("../src/platform/tauri");
    const p = createTauriPlatform();
    invoke.mockResolvedValueOnce({ findings: [], missingDictionaries: [] });
    await expect(p.checkStory("s1")).resolves.toEqual({ findings: [], missingDictionaries: [] });
    expect(invoke).toHaveBeenLastCalledWith("check_story", { story: "s1" });
    invoke.mockResolvedValueOnce(null);
    await p.addDictionaryWord("Shoukry");
    expect(invoke).toHaveBeenLastCalledWith("add_dictionary_word", { word: "Shoukry" });
    invoke.mockResolvedValueOnce(null);
    await p.ignoreWord("s1", "delegaton");
    expect(invoke).toHaveBeenLastCalledWith("ignore_word", { story: "s1", word: "delegaton" });
  });
});

describe("the fake's copy desk", () => {
  it("flags its known misspellings with editor offsets until a word is accepted", async () => {
    const p = new FakePlatform({ seed: false });
    const created = await addStory(p, { headline: "Delegation arrives", paragraphs: ["Teh minister recieved the delegaton."] });
    const first = await p.checkStory(created.id);
    expect(first.findings.map((f) => [f.text, f.start, f.end, f.suggestions[0]])).toEqual([
      ["Teh", 0, 3, "The"],
      ["recieved", 13, 21, "received"],
      ["delegaton", 26, 35, "delegation"],
    ]);
    expect(first.findings[0].place).toEqual({ field: "body", block: [0], photoUse: null });
    await p.ignoreWord(created.id, "delegaton");
    await p.addDictionaryWord("recieved");
    const after = await p.checkStory(created.id);
    expect(after.findings.map((f) => f.text)).toEqual(["Teh"]);
    await expect(p.addDictionaryWord("<b>x</b>")).rejects.toMatchObject({ kind: "invalid_input" });
  });
});

describe("the checklist's copy-desk count", () => {
  it("counts findings by category as the core words it, and goes when the copy is clean", async () => {
    const p = new FakePlatform({ seed: false });
    const s = await addStory(p, { headline: "Delegation arrives", paragraphs: ["Teh minister recieved the delegation."] });
    const items = await p.exportChecklist(s.id);
    expect(items.filter((i) => i.check === "copyDesk").map((i) => i.message)).toEqual(["the copy desk has 2 finding(s): 2 spelling"]);
    await p.addDictionaryWord("Teh");
    await p.addDictionaryWord("recieved");
    expect((await p.exportChecklist(s.id)).some((i) => i.check === "copyDesk")).toBe(false);
  });
});
