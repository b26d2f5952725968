/** Story links in the body: the "@" picker, the link dialog's story search, headlines and broken links on hover. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { findMention } from "../src/editor/storyMention";
import { storyLinkTitle } from "../src/editor/storyLinks";
import { looksLikeAddress } from "../src/lib/links";
import { validateDoc } from "../src/lib/docSchema";
import type { DocNode } from "../src/platform/types";
import { addStory, bodyEditor, lighthouseLibrary, storyLinkText } from "./fixtures";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);

async function openBody(platform: FakePlatform, storyId: string) {
  render(Editor, { props: { platform, storyId, onBack: () => {} } });
  const body = await screen.findByTestId("body");
  return { body, editor: bodyEditor(body) };
}

/** The link marks of a body, as [text, href]. */
function links(doc: DocNode): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (n: DocNode) => {
    const link = n.marks?.find((m) => m.type === "link");
    if (link && n.text) out.push([n.text, String(link.attrs?.href)]);
    n.content?.forEach(walk);
  };
  walk(doc);
  return out;
}

describe("findMention", () => {
  it.each<[string, { offset: number; query: string } | null]>([
    ["@", { offset: 0, query: "" }],
    ["See @light", { offset: 4, query: "light" }],
    ["See @lighthouse keep", { offset: 4, query: "lighthouse keep" }],
    ["(@rome", { offset: 1, query: "rome" }],
    ["mail desk@example.org", null],
    ["See @ light", null],
    ["See @light  ", null],
    ["See @a@b", null],
    [`@${"x".repeat(61)}`, null],
  ])("%j", (text, want) => {
    expect(findMention(text)).toEqual(want);
  });

  it("tells addresses from headline words, and words the hover text", () => {
    expect(looksLikeAddress("example.org")).toBe(true);
    expect(looksLikeAddress("https://x")).toBe(true);
    expect(looksLikeAddress("desk@example")).toBe(true);
    expect(looksLikeAddress("story:abc")).toBe(true);
    expect(looksLikeAddress("lighthouse keepers")).toBe(false);
    expect(storyLinkTitle(undefined)).toBe("Link to another story");
    expect(storyLinkTitle({ id: "x", slug: "x", headline: "Strike", status: "draft", exists: true })).toBe("Story: Strike");
    expect(storyLinkTitle({ id: "x", slug: "x", headline: "Strike", status: "draft", exists: false })).toBe("This story no longer exists");
  });
});

describe("the @ picker", () => {
  it("searches headlines as you type after @ and links the chosen story's headline", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    const { body, editor } = await openBody(platform, keepers.id);
    editor.chain().focus("end").insertContent(" See @").run();
    const popup = await screen.findByTestId("mention-popup");
    editor.chain().insertContent("lightho").run();
    await waitFor(() => expect(within(popup).getAllByTestId("mention-option").map((o) => o.dataset.id)).toEqual([museum.id]));
    // Headlines only, prefix on what is typed; never this story.
    expect(calls(platform, "search_stories").at(-1)?.args).toMatchObject({ query: { text: "lightho*", headlineOnly: true } });
    expect(body).toHaveAttribute("aria-activedescendant", "mention-hits-0");

    await fireEvent.keyDown(body, { key: "Enter" });
    await waitFor(() => expect(screen.queryByTestId("mention-popup")).toBeNull());
    const doc = editor.getJSON() as DocNode;
    expect(links(doc)).toEqual([[museum.headline, `story:${museum.id}`]]);
    expect(editor.getText()).toContain(`See ${museum.headline} `);
    expect(editor.getText()).not.toContain("@");
    expect(validateDoc(doc)).toBeNull();
    expect(body).not.toHaveAttribute("aria-activedescendant");
    // Saved with the story (the core accepts story: links).
    await waitFor(() => expect(calls(platform, "save_story").length).toBeGreaterThan(3), { timeout: 3000 });
    expect(links((await platform.getStory(keepers.id)).body as unknown as DocNode)).toEqual([[museum.headline, `story:${museum.id}`]]);
  });

  it("moves with the arrow keys, picks with a click, and Esc closes it leaving the text", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    await addStory(platform, { headline: "Lighthouse lamps restored" });
    const { body, editor } = await openBody(platform, keepers.id);
    editor.chain().focus("end").insertContent(" @light").run();
    await waitFor(() => expect(screen.getAllByTestId("mention-option")).toHaveLength(2));
    const options = screen.getAllByTestId("mention-option");
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    await fireEvent.keyDown(body, { key: "ArrowDown" });
    expect(screen.getAllByTestId("mention-option")[1]).toHaveAttribute("aria-selected", "true");
    await fireEvent.keyDown(body, { key: "Escape" });
    await waitFor(() => expect(screen.queryByTestId("mention-popup")).toBeNull());
    expect(editor.getText()).toContain("@light");
    expect(links(editor.getJSON() as DocNode)).toEqual([]);

    // Typing on after the dismissed "@" keeps it closed; a new "@" opens it again.
    editor.chain().insertContent("h").run();
    expect(screen.queryByTestId("mention-popup")).toBeNull();
    editor.chain().insertContent(" @lamps").run();
    const option = await screen.findByTestId("mention-option");
    await fireEvent.click(option);
    expect(links(editor.getJSON() as DocNode)).toEqual([["Lighthouse lamps restored", `story:${option.dataset.id}`]]);
  });

  it("says when no headline matches, and leaves Enter to the text then", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    const { body, editor } = await openBody(platform, keepers.id);
    editor.chain().focus("end").insertContent(" @zebra").run();
    await waitFor(() => expect(screen.getByTestId("mention-popup")).toHaveTextContent("No story headline matches “zebra”."));
    const paragraphs = (editor.getJSON() as DocNode).content?.length ?? 0;
    await fireEvent.keyDown(body, { key: "Enter" });
    await waitFor(() => expect((editor.getJSON() as DocNode).content?.length).toBe(paragraphs + 1));
  });
});

describe("story links in the body", () => {
  it("show their story's headline on hover and a broken style when it is gone", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, trams } = await lighthouseLibrary(platform);
    const column = await addStory(platform, {
      headline: "Column",
      nodes: [[storyLinkText("the strike", keepers.id), { type: "text", text: " and " }, storyLinkText("the trams", trams.id)]],
    });
    await platform.deleteStory(trams.id);
    await openBody(platform, column.id);
    // Decorated at once; titled once the core has answered.
    await waitFor(() => expect(document.querySelectorAll(".story-link")).toHaveLength(2));
    const live = () => document.querySelector(`[data-story-id="${keepers.id}"]`) as HTMLElement;
    const gone = () => document.querySelector(`[data-story-id="${trams.id}"]`) as HTMLElement;
    await waitFor(() => expect(live()).toHaveAttribute("title", `Story: ${keepers.headline}`));
    expect(live().closest("a")).toHaveAttribute("href", `story:${keepers.id}`);
    expect(live()).not.toHaveClass("story-link-broken");
    expect(gone()).toHaveAttribute("title", "This story no longer exists");
    expect(gone()).toHaveClass("story-link-broken");
    expect(calls(platform, "story_refs")[0].args).toEqual({ ids: [keepers.id, trams.id] });
  });

  it("the link dialog finds a story by headline and links the selection to it", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    const { body, editor } = await openBody(platform, keepers.id);
    // Select "lighthouse keepers" in the first paragraph.
    const text = editor.state.doc.textBetween(0, editor.state.doc.content.size, "\n");
    const at = text.indexOf("lighthouse keepers");
    editor.chain().focus().setTextSelection({ from: at + 1, to: at + 1 + "lighthouse keepers".length }).run();
    await fireEvent.keyDown(body, { key: "k", ctrlKey: true });
    const input = await screen.findByTestId("link-href");
    await fireEvent.input(input, { target: { value: "museum" } });
    const result = await screen.findByTestId("link-story-result");
    expect(result).toHaveAttribute("data-id", museum.id);
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(screen.queryByTestId("link-dialog")).toBeNull());
    expect(links(editor.getJSON() as DocNode)).toEqual([["lighthouse keepers", `story:${museum.id}`]]);

    // Reopened on the link: the dialog says where it points; an address is not searched.
    editor.chain().setTextSelection(at + 3).run();
    await fireEvent.keyDown(body, { key: "k", ctrlKey: true });
    expect(await screen.findByTestId("link-target")).toHaveTextContent(`Links to the story “${museum.headline}”`);
    const before = calls(platform, "search_stories").length;
    await fireEvent.input(screen.getByTestId("link-href"), { target: { value: "example.org/museum" } });
    await new Promise((r) => setTimeout(r, 200));
    expect(calls(platform, "search_stories")).toHaveLength(before);
    expect(screen.queryByTestId("link-story-result")).toBeNull();
  });

  it("keeps the focus in the link field while a story address is typed letter by letter, then applies it", async () => {
    const platform = new FakePlatform({ seed: false });
    platform.latencyMs = 5;
    const { keepers, museum } = await lighthouseLibrary(platform);
    const { body, editor } = await openBody(platform, keepers.id);
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    editor.view.focus();
    // A web link first (the editor takes the focus back a frame after the dialog closes)...
    await fireEvent.keyDown(body, { key: "k", ctrlKey: true });
    let input = (await screen.findByTestId("link-href")) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    await fireEvent.input(input, { target: { value: "https://example.org/agency" } });
    await fireEvent.submit(screen.getByTestId("link-dialog"));
    await waitFor(() => expect(screen.queryByTestId("link-dialog")).toBeNull());
    editor.commands.insertContent(" and ");
    // ...then a story link, typed as a user types it: the first letters read as headline words
    // and start searches whose results come and go while the field keeps the focus.
    await fireEvent.keyDown(body, { key: "k", ctrlKey: true });
    input = (await screen.findByTestId("link-href")) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    const href = `story:${museum.id}`;
    for (let n = 1; n <= href.length; n++) {
      await fireEvent.input(input, { target: { value: href.slice(0, n) } });
      await new Promise((r) => setTimeout(r, n < 8 ? 30 : 2));
      expect(document.activeElement, `focus after "${href.slice(0, n)}"`).toBe(input);
    }
    await new Promise((r) => setTimeout(r, 300)); // any search still under way settles
    expect(document.activeElement).toBe(input);
    expect(await screen.findByTestId("link-target")).toHaveTextContent(`Links to the story “${museum.headline}”`);
    await fireEvent.keyDown(input, { key: "Enter" });
    await fireEvent.submit(screen.getByTestId("link-dialog"));
    await waitFor(() => expect(screen.queryByTestId("link-dialog")).toBeNull());
    expect(links(editor.getJSON() as DocNode).map(([, h]) => h)).toEqual(["https://example.org/agency", href]);
  });
});
