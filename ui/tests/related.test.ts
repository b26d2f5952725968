/** Related posts: the helpers, the fake core's rules, and the editor's Related panel. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { backlinkWarning, externalLink, isBroken, moveItem, relatedTitle, storyIdOf, storyLink, viaLabel } from "../src/lib/related";
import type { Backlink, RelatedLink, StoryRef } from "../src/platform/types";
import { addStory, lighthouseLibrary, storyLinkText } from "./fixtures";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const ref = (id: string, headline: string, exists = true): StoryRef => ({ id, slug: id, headline, status: "draft", exists });
const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);

describe("related helpers", () => {
  it("moves an item, clamping the target", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b", "c"], 1, 9)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 1, -3)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a"], 5, 0)).toEqual(["a"]);
  });

  it("builds story and web links; titles fall back sensibly", () => {
    expect(storyLink({ id: "x", headline: "  " })).toEqual({ storyId: "x", url: null, title: "Untitled story", broken: false });
    expect(externalLink(" https://a.example/p ", "")).toEqual({ storyId: null, url: "https://a.example/p", title: "https://a.example/p", broken: false });
    const link: RelatedLink = { storyId: "x", url: null, title: "Old headline", broken: false };
    expect(relatedTitle(link, ref("x", "New headline"))).toBe("New headline");
    expect(relatedTitle(link, ref("x", "New headline", false))).toBe("Old headline");
    expect(relatedTitle(link, undefined)).toBe("Old headline");
    expect(isBroken(link, undefined)).toBe(false);
    expect(isBroken({ ...link, broken: true }, undefined)).toBe(true);
    expect(isBroken(link, ref("x", "", false))).toBe(true);
    expect(isBroken(externalLink("https://a.example", "A"), undefined)).toBe(false);
  });

  it("reads story ids from story: hrefs only", () => {
    expect(storyIdOf("story:0190A2B4-1C2D-7E3F-8A9B-0C1D2E3F4A5B")).toBe("0190a2b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b");
    expect(storyIdOf("story:nope")).toBeNull();
    expect(storyIdOf("https://example.org")).toBeNull();
    expect(storyIdOf(undefined)).toBeNull();
  });

  it("words the trash warning with the linking headlines", () => {
    const b = (headline: string, exists = true): Backlink => ({ story: ref(headline, headline, exists), via: ["body"] });
    expect(backlinkWarning([])).toBeNull();
    expect(backlinkWarning([b("Gone", false)])).toBeNull();
    expect(backlinkWarning([b("One")])?.message).toBe("1 story links to this story: “One”.");
    expect(backlinkWarning([b("One"), b("Two")])?.message).toBe("2 stories link to this story: “One” and “Two”.");
    expect(backlinkWarning([b("A"), b("B"), b("C")])?.message).toBe("3 stories link to this story: “A”, “B” and “C”.");
    expect(backlinkWarning(["1", "2", "3", "4", "5", "6", "7"].map((n) => b(n)))?.message).toBe(
      "7 stories link to this story: “1”, “2”, “3”, “4”, “5” and 2 more.",
    );
    expect(viaLabel(["body"])).toBe("in the text");
    expect(viaLabel(["related"])).toBe("in related posts");
    expect(viaLabel(["body", "related"])).toBe("in the text and related posts");
  });
});

describe("fake core: related, backlinks, suggestions, refs", () => {
  it("stores related links in order and refuses what the core refuses", async () => {
    const p = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(p);
    const stored = await p.setRelated(keepers.id, [storyLink(museum), externalLink("https://example.org/lamps", "Lamps")]);
    expect(stored.map((l) => l.storyId ?? l.url)).toEqual([museum.id, "https://example.org/lamps"]);
    expect((await p.getStory(keepers.id)).related).toEqual(stored);
    await expect(p.setRelated(keepers.id, [externalLink("javascript:alert(1)", "x")])).rejects.toMatchObject({
      kind: "invalid_input",
      message: expect.stringContaining("only http and https addresses"),
    });
    await expect(p.setRelated(keepers.id, [storyLink(keepers)])).rejects.toMatchObject({ message: "a story cannot be related to itself" });
    await expect(p.setRelated(keepers.id, [{ storyId: museum.id, url: "https://x.example", title: "x", broken: false }])).rejects.toMatchObject({
      message: "a related post is either a story or a URL",
    });
    expect((await p.getStory(keepers.id)).related).toEqual(stored);
  });

  it("marks links to a trashed story broken, and mends them on undelete", async () => {
    const p = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(p);
    await p.setRelated(keepers.id, [storyLink(museum)]);
    await p.deleteStory(museum.id);
    expect((await p.getStory(keepers.id)).related[0].broken).toBe(true);
    expect(await p.storyRefs([museum.id, "0190a2b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b"])).toEqual([
      { id: museum.id, slug: museum.slug, headline: museum.headline, status: "ready", exists: false },
      { id: "0190a2b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b", slug: "", headline: "", status: "draft", exists: false },
    ]);
    await p.undeleteStory(museum.id);
    expect((await p.getStory(keepers.id)).related[0].broken).toBe(false);
  });

  it("finds backlinks from related lists and from story links in bodies", async () => {
    const p = new FakePlatform({ seed: false });
    const { keepers, museum, trams } = await lighthouseLibrary(p);
    await p.setRelated(museum.id, [storyLink(keepers)]);
    const linking = await addStory(p, { headline: "Column", nodes: [[{ type: "text", text: "See " }, storyLinkText("the strike", keepers.id)]] });
    await p.setRelated(linking.id, [storyLink(keepers)]);
    const back = await p.backlinks(keepers.id);
    expect(back.map((b) => [b.story.id, b.via])).toEqual(
      expect.arrayContaining([
        [museum.id, ["related"]],
        [linking.id, ["body", "related"]],
      ]),
    );
    expect(back).toHaveLength(2);
    expect(await p.backlinks(trams.id)).toEqual([]);
  });

  it("suggests similar stories not linked yet, with the words they share", async () => {
    const p = new FakePlatform({ seed: false });
    const { keepers, museum, trams } = await lighthouseLibrary(p);
    const s = await p.suggestRelated(keepers.id, 5);
    expect(s[0].story.id).toBe(museum.id);
    expect(s[0].shared).toEqual(expect.arrayContaining(["lighthouse", "keepers", "norrland"]));
    expect(s.map((x) => x.story.id)).not.toContain(keepers.id);
    expect(s.map((x) => x.story.id)).not.toContain(trams.id);
    await p.setRelated(keepers.id, [storyLink(museum)]);
    expect((await p.suggestRelated(keepers.id, 5)).map((x) => x.story.id)).not.toContain(museum.id);
  });
});

async function openEditor(platform: FakePlatform, storyId: string) {
  const onOpenStory = vi.fn();
  render(Editor, { props: { platform, storyId, onBack: () => {}, onOpenStory } });
  await screen.findByTestId("headline");
  await fireEvent.click(screen.getByTestId("related-button"));
  const panel = await screen.findByTestId("related-panel");
  return { panel, onOpenStory };
}

const items = () => screen.queryAllByTestId("related-item");
const itemTargets = () => items().map((i) => i.dataset.storyId ?? i.dataset.url);

describe("Related panel", () => {
  it("adds a suggestion with one click and stores the list through set_related", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    await openEditor(platform, keepers.id);
    const suggestion = await screen.findByTestId("suggestion");
    expect(suggestion).toHaveAttribute("data-id", museum.id);
    expect(within(suggestion).getByTestId("suggestion-shared")).toHaveTextContent(/lighthouse/);
    await fireEvent.click(within(suggestion).getByTestId("suggestion-add"));
    await waitFor(() => expect(itemTargets()).toEqual([museum.id]));
    expect(calls(platform, "set_related").at(-1)?.args).toEqual({
      story: keepers.id,
      links: [{ storyId: museum.id, url: null, title: museum.headline, broken: false }],
    });
    expect(screen.getByTestId("related-title")).toHaveTextContent(museum.headline);
    await waitFor(() => expect(screen.getByTestId("related-announce")).toHaveTextContent(`Added “${museum.headline}” to related posts.`));
    // The suggestion is gone once it is linked; the header counts the list.
    await waitFor(() => expect(screen.queryAllByTestId("suggestion").map((s) => s.dataset.id)).not.toContain(museum.id));
    expect(screen.getByTestId("related-button")).toHaveAccessibleName("Related 1");
  });

  it("adds a story by search as you type (prefix, not itself, not twice) with the keyboard", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    await openEditor(platform, keepers.id);
    const box = screen.getByTestId("related-search");
    await fireEvent.input(box, { target: { value: "lightho" } });
    const results = await screen.findAllByTestId("related-search-result");
    expect(calls(platform, "search_stories").at(-1)?.args).toMatchObject({ query: { text: "lightho*", headlineOnly: false } });
    // This story matches too, but is never offered.
    expect(results.map((r) => r.dataset.id)).toEqual([museum.id]);
    await fireEvent.keyDown(box, { key: "Enter" });
    await waitFor(() => expect(itemTargets()).toEqual([museum.id]));
    expect(box).toHaveValue("");
    await fireEvent.input(box, { target: { value: "lighthouse" } });
    expect(await screen.findByTestId("related-search-none")).toHaveTextContent("No other story matches.");
  });

  it("adds a web page, showing the core's refusal inline", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    await openEditor(platform, keepers.id);
    const url = screen.getByTestId("related-url");
    await fireEvent.input(url, { target: { value: "ftp://files.example.org/x" } });
    await fireEvent.input(screen.getByTestId("related-title-input"), { target: { value: "Files" } });
    await fireEvent.click(screen.getByTestId("related-add-link"));
    expect(await screen.findByTestId("related-link-error")).toHaveTextContent("refused: only http and https addresses");
    expect(items()).toHaveLength(0);
    expect(url).toHaveAttribute("aria-invalid", "true");

    await fireEvent.input(url, { target: { value: "https://example.org/lamps" } });
    expect(screen.queryByTestId("related-link-error")).toBeNull();
    await fireEvent.click(screen.getByTestId("related-add-link"));
    await waitFor(() => expect(itemTargets()).toEqual(["https://example.org/lamps"]));
    expect(screen.getByTestId("related-title")).toHaveTextContent("Files");
    expect(screen.getByTestId("related-url-text")).toHaveTextContent("https://example.org/lamps");
    await waitFor(() => expect(url).toHaveValue(""));
  });

  it("reorders with Alt+↑/↓ (announced, focus follows) and by drag and drop; Delete removes", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum, trams } = await lighthouseLibrary(platform);
    await platform.setRelated(keepers.id, [storyLink(museum), storyLink(trams), externalLink("https://example.org/a", "A")]);
    await openEditor(platform, keepers.id);
    await waitFor(() => expect(items()).toHaveLength(3));

    await fireEvent.keyDown(items()[0], { key: "ArrowDown", altKey: true });
    await waitFor(() => expect(itemTargets()).toEqual([trams.id, museum.id, "https://example.org/a"]));
    await waitFor(() => expect(screen.getByTestId("related-announce")).toHaveTextContent(`Moved “${museum.headline}” to position 2 of 3.`));
    await waitFor(() => expect(document.activeElement).toBe(items()[1]));
    expect((await platform.getStory(keepers.id)).related.map((l) => l.storyId ?? l.url)).toEqual([trams.id, museum.id, "https://example.org/a"]);

    await fireEvent.keyDown(items()[1], { key: "ArrowUp", altKey: true });
    await waitFor(() => expect(itemTargets()).toEqual([museum.id, trams.id, "https://example.org/a"]));
    // Alt+↑ on the first item does nothing.
    const before = calls(platform, "set_related").length;
    await fireEvent.keyDown(items()[0], { key: "ArrowUp", altKey: true });
    expect(calls(platform, "set_related")).toHaveLength(before);

    // Drag the web page onto the first item.
    await fireEvent.dragStart(items()[2]);
    await fireEvent.dragOver(items()[0]);
    await fireEvent.drop(items()[0]);
    await waitFor(() => expect(itemTargets()).toEqual(["https://example.org/a", museum.id, trams.id]));

    await fireEvent.keyDown(items()[1], { key: "Delete" });
    await waitFor(() => expect(itemTargets()).toEqual(["https://example.org/a", trams.id]));
    await waitFor(() => expect(screen.getByTestId("related-announce")).toHaveTextContent(`Removed “${museum.headline}” from related posts.`));
    await fireEvent.click(within(items()[0]).getByTestId("related-remove"));
    await waitFor(() => expect(itemTargets()).toEqual([trams.id]));
  });

  it("marks a related story that no longer exists, and opens one that does", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum, trams } = await lighthouseLibrary(platform);
    await platform.setRelated(keepers.id, [storyLink(museum), storyLink(trams)]);
    await platform.deleteStory(trams.id);
    const { onOpenStory } = await openEditor(platform, keepers.id);
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(items()[1]).toHaveClass("broken");
    expect(within(items()[1]).getByTestId("related-broken")).toHaveTextContent("story no longer exists");
    expect(within(items()[0]).queryByTestId("related-broken")).toBeNull();
    await fireEvent.click(within(items()[0]).getByTestId("related-title"));
    await waitFor(() => expect(onOpenStory).toHaveBeenCalledWith(museum.id));
  });

  it("lists the stories that link here and opens them", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    await platform.setRelated(museum.id, [storyLink(keepers)]);
    const { onOpenStory } = await openEditor(platform, keepers.id);
    const back = await screen.findByTestId("backlink");
    expect(back).toHaveAttribute("data-id", museum.id);
    expect(back).toHaveTextContent("in related posts");
    await fireEvent.click(within(back).getByTestId("backlink-open"));
    await waitFor(() => expect(onOpenStory).toHaveBeenCalledWith(museum.id));
  });

  it("opens and closes with Mod-Shift-L and shares the side with the photos panel", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    render(Editor, { props: { platform, storyId: keepers.id, onBack: () => {} } });
    await screen.findByTestId("headline");
    await fireEvent.keyDown(window, { key: "L", ctrlKey: true, shiftKey: true });
    expect(await screen.findByTestId("related-panel")).toBeInTheDocument();
    await fireEvent.click(screen.getByTestId("photos-button"));
    expect(screen.queryByTestId("related-panel")).toBeNull();
    await fireEvent.keyDown(window, { key: "l", ctrlKey: true, shiftKey: true });
    expect(await screen.findByTestId("related-panel")).toBeInTheDocument();
    expect(screen.queryByTestId("photos-panel")).toBeNull();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("related-panel")).toBeNull();
  });
});
