/** The library view: paged list, search as you type with highlights and filters, keys, trash warning, settings. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Library from "../src/components/Library.svelte";
import App from "../src/App.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import type { LibrarySettings } from "../src/platform/types";
import { addStory, lighthouseLibrary } from "./fixtures";

afterEach(() => {
  cleanup();
  location.hash = "";
  vi.useRealTimers();
});

function renderLibrary(platform: FakePlatform) {
  const opened: string[] = [];
  render(Library, { props: { platform, onOpen: (id: string) => opened.push(id), onNew: () => {} } });
  return { opened };
}

const calls = (p: FakePlatform, command: string) => p.calls.filter((c) => c.command === command);

async function type(input: HTMLElement, value: string): Promise<void> {
  await fireEvent.input(input, { target: { value } });
}

describe("paged list", () => {
  it("asks for pages of 100 as the list scrolls and sizes the list from the total", async () => {
    const platform = new FakePlatform({ seed: false });
    for (let i = 0; i < 250; i++) await platform.createStory({ headline: `Story ${i}`, kicker: null, byline: null });
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    expect(calls(platform, "list_stories").map((c) => c.args)).toEqual([{ status: null, offset: 0, limit: 100 }]);
    const list = screen.getByRole("listbox", { name: "Stories" });
    expect(list).toHaveAttribute("data-total", "250");
    expect((list.firstElementChild as HTMLElement).style.height).toBe(`${250 * 76}px`);

    // Scroll to row ~210: page 2 (offset 200) is fetched, rows there are filled in.
    list.scrollTop = 210 * 76;
    await fireEvent.scroll(list);
    await waitFor(() => expect(calls(platform, "list_stories").map((c) => (c.args as { offset: number }).offset)).toContain(200));
    expect(calls(platform, "list_stories")).toHaveLength(2);
    const rows = await screen.findAllByTestId("story-row");
    const indices = rows.map((r) => Number(r.dataset.index));
    expect(Math.min(...indices)).toBeGreaterThanOrEqual(200);
  });

  it("comes back from a search where it was left", async () => {
    const platform = new FakePlatform({ seed: false });
    for (let i = 0; i < 250; i++) await platform.createStory({ headline: `Story ${i}`, kicker: null, byline: null });
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    let list = screen.getByRole("listbox", { name: "Stories" });
    list.scrollTop = 120 * 76;
    await fireEvent.scroll(list);
    await waitFor(() => expect(screen.getAllByTestId("story-row").map((r) => Number(r.dataset.index))).toContain(120));
    const box = screen.getByTestId("library-search");
    await type(box, "story");
    await screen.findAllByTestId("search-result");
    await fireEvent.keyDown(box, { key: "Escape" });
    list = await screen.findByRole("listbox", { name: "Stories" });
    expect(list.scrollTop).toBe(120 * 76);
    expect(screen.getAllByTestId("story-row").map((r) => Number(r.dataset.index))).toContain(120);
  });

  it("adapts App's ?story=first to the paged list (newest story)", async () => {
    const platform = new FakePlatform();
    location.hash = "#/story/first";
    render(App, { props: { platform } });
    expect(await screen.findByTestId("headline")).toBeInTheDocument();
    expect(calls(platform, "list_stories")[0].args).toEqual({ status: null, offset: 0, limit: 1 });
  });
});

describe("search", () => {
  it("searches as you type (after a pause), highlights matches with <mark> and counts results", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    const box = screen.getByTestId("library-search");
    await type(box, "cormor*");
    await type(box, "cormorant");
    const result = await screen.findByTestId("search-result");
    expect(calls(platform, "search_stories")).toHaveLength(1);
    expect(calls(platform, "search_stories")[0].args).toEqual({
      query: { text: "cormorant", status: null, tag: null, since: null, until: null, headlineOnly: false, limit: 50, offset: 0 },
    });
    expect(result).toHaveAttribute("data-id", keepers.id);
    expect(screen.getByTestId("search-count")).toHaveTextContent("1 story found");
    const marks = within(screen.getByTestId("search-result-snippet")).getAllByText("cormorant");
    expect(marks[0].tagName).toBe("MARK");
    expect(screen.queryAllByTestId("story-row")).toHaveLength(0);
  });

  it("shows story text as text, never as HTML", async () => {
    const platform = new FakePlatform({ seed: false });
    await addStory(platform, { headline: "Tags <b>bold</b> <img src=x onerror=alert(1)>", paragraphs: ["A <script>alert(1)</script> body about ferries."] });
    renderLibrary(platform);
    await type(await screen.findByTestId("library-search"), "ferries");
    const result = await screen.findByTestId("search-result");
    expect(result.querySelector("b, img, script")).toBeNull();
    expect(screen.getByTestId("search-result-headline")).toHaveTextContent("Tags <b>bold</b> <img src=x onerror=alert(1)>");
    expect(screen.getByTestId("search-result-snippet").textContent).toContain("<script>alert(1)</script>");
  });

  it("moves through results with the arrow keys, opens with Enter, and Esc goes back to the list", async () => {
    const platform = new FakePlatform({ seed: false });
    await lighthouseLibrary(platform);
    const { opened } = renderLibrary(platform);
    const box = await screen.findByTestId("library-search");
    await type(box, "lighthouse");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(2));
    const results = screen.getAllByTestId("search-result");
    expect(results[0]).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", "search-hit-0");
    await fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(results[1]).toHaveAttribute("aria-selected", "true");
    expect(box).toHaveAttribute("aria-activedescendant", "search-hit-1");
    await fireEvent.keyDown(box, { key: "ArrowDown" }); // stays on the last
    await fireEvent.keyDown(box, { key: "Enter" });
    expect(opened).toEqual([results[1].dataset.id]);
    await fireEvent.click(results[0]);
    expect(opened[1]).toBe(results[0].dataset.id);

    await fireEvent.keyDown(box, { key: "Escape" });
    expect(box).toHaveValue("");
    expect(await screen.findAllByTestId("story-row")).toHaveLength(3);
    expect(screen.queryByTestId("search-result")).toBeNull();
  });

  it("narrows by status, tag and dates; filters alone list the matching stories", async () => {
    const platform = new FakePlatform({ seed: false, now: () => new Date("2026-03-10T12:00:00Z") });
    const { keepers, museum } = await lighthouseLibrary(platform);
    renderLibrary(platform);
    await screen.findAllByTestId("story-row");
    await type(screen.getByTestId("search-tag"), "culture");
    await waitFor(() => expect(screen.getAllByTestId("search-result").map((r) => r.dataset.id)).toEqual([museum.id]));

    await type(screen.getByTestId("search-tag"), "");
    await type(screen.getByTestId("library-search"), "lighthouse");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(2));
    await fireEvent.click(screen.getByRole("button", { name: "Editing" }));
    await waitFor(() => expect(screen.getAllByTestId("search-result").map((r) => r.dataset.id)).toEqual([keepers.id]));
    expect(calls(platform, "search_stories").at(-1)?.args).toMatchObject({ query: { text: "lighthouse", status: "editing" } });

    await fireEvent.click(screen.getByRole("button", { name: "All" }));
    await type(screen.getByTestId("search-since"), "2026-03-11");
    expect(await screen.findByText("No stories match.")).toBeInTheDocument();
    expect(calls(platform, "search_stories").at(-1)?.args).toMatchObject({ query: { since: "2026-03-11", until: null } });
    await type(screen.getByTestId("search-since"), "2026-03-01");
    await type(screen.getByTestId("search-until"), "2026-03-10");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(2));

    await fireEvent.click(screen.getByTestId("search-clear"));
    expect(await screen.findAllByTestId("story-row")).toHaveLength(3);
  });

  it("shows more results on request", async () => {
    const platform = new FakePlatform({ seed: false });
    for (let i = 0; i < 60; i++) await addStory(platform, { headline: `Ferry timetable ${i}` });
    renderLibrary(platform);
    await type(await screen.findByTestId("library-search"), "ferry");
    const box = await screen.findByTestId("library-search");
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(50));
    expect(screen.getByTestId("search-count")).toHaveTextContent("60 stories found");
    // The result picked with the arrows stays picked while more results come in.
    await fireEvent.keyDown(box, { key: "ArrowDown" });
    await fireEvent.keyDown(box, { key: "ArrowDown" });
    expect(box).toHaveAttribute("aria-activedescendant", "search-hit-2");
    await fireEvent.click(screen.getByTestId("search-more"));
    await waitFor(() => expect(screen.getAllByTestId("search-result")).toHaveLength(60));
    expect(box).toHaveAttribute("aria-activedescendant", "search-hit-2");
    expect(calls(platform, "search_stories").at(-1)?.args).toMatchObject({ query: { offset: 50 } });
    expect(screen.queryByTestId("search-more")).toBeNull();
  });

  it("shows a failed search as an error, not as an empty result", async () => {
    const platform = new FakePlatform({ seed: false });
    platform.failNext = { command: "search_stories", error: new AppError("library", "the search index could not be opened", "search_stories"), times: 1 };
    renderLibrary(platform);
    await type(await screen.findByTestId("library-search"), "anything");
    expect(await screen.findByTestId("search-error")).toHaveTextContent("the search index could not be opened");
  });

  it("Mod-K and / focus the search box", async () => {
    const platform = new FakePlatform();
    renderLibrary(platform);
    const box = await screen.findByTestId("library-search");
    const [row] = await screen.findAllByTestId("story-row");
    row.focus();
    await fireEvent.keyDown(row, { key: "/" });
    expect(document.activeElement).toBe(box);
    row.focus();
    await fireEvent.keyDown(row, { key: "k", ctrlKey: true });
    expect(document.activeElement).toBe(box);
    // "/" typed into a field is just a character.
    const tag = screen.getByTestId("search-tag");
    tag.focus();
    await fireEvent.keyDown(tag, { key: "/" });
    expect(document.activeElement).toBe(tag);
  });
});

describe("trash warning", () => {
  it("names the stories that link to a story before trashing it; Cancel keeps it", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum, trams } = await lighthouseLibrary(platform);
    await platform.setRelated(museum.id, [{ storyId: keepers.id, url: null, title: keepers.headline, broken: false }]);
    await platform.setRelated(trams.id, [{ storyId: keepers.id, url: null, title: keepers.headline, broken: false }]);
    renderLibrary(platform);
    const rows = await screen.findAllByTestId("story-row");
    const row = rows.find((r) => r.dataset.id === keepers.id) as HTMLElement;
    await fireEvent.click(within(row).getByTestId("delete-story"));
    const message = await screen.findByTestId("confirm-message");
    expect(message.textContent).toMatch(/^2 stories link to this story: “.+” and “.+”\.$/);
    expect(message).toHaveTextContent(museum.headline);
    expect(message).toHaveTextContent(trams.headline);
    expect(calls(platform, "delete_story")).toHaveLength(0);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("confirm-cancel")));
    await fireEvent.click(screen.getByTestId("confirm-cancel"));
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(calls(platform, "delete_story")).toHaveLength(0);

    await fireEvent.click(within(row).getByTestId("delete-story"));
    await fireEvent.click(await screen.findByTestId("confirm-ok"));
    await waitFor(() => expect(calls(platform, "delete_story")).toHaveLength(1));
    await waitFor(() => expect(screen.getAllByTestId("story-row")).toHaveLength(2));
    // The links now show as broken.
    expect((await platform.getStory(museum.id)).related[0].broken).toBe(true);
  });

  it("trashes a story nothing links to at once (with Undo)", async () => {
    const platform = new FakePlatform({ seed: false });
    const { trams } = await lighthouseLibrary(platform);
    renderLibrary(platform);
    const rows = await screen.findAllByTestId("story-row");
    await fireEvent.click(within(rows.find((r) => r.dataset.id === trams.id) as HTMLElement).getByTestId("delete-story"));
    await waitFor(() => expect(calls(platform, "delete_story")).toHaveLength(1));
    expect(calls(platform, "backlinks")).toEqual([{ command: "backlinks", args: { story: trams.id } }]);
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
  });
});

describe("library settings", () => {
  it("opens from the gear, shows the settings, saves them, and shows the core's refusal inline", async () => {
    const platform = new FakePlatform();
    renderLibrary(platform);
    await fireEvent.click(await screen.findByTestId("settings-button"));
    const base = (await screen.findByTestId("settings-base-url")) as HTMLInputElement;
    const template = screen.getByTestId("settings-credit-template") as HTMLInputElement;
    await waitFor(() => expect(template.value).toBe("Photo: {credit}"));
    expect(base.value).toBe("");
    expect(screen.getByTestId("settings-credit-preview")).toHaveTextContent("Photo: AFP/VNA");

    await fireEvent.input(base, { target: { value: "ftp://news.example.org" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-error")).toHaveTextContent("must start with https:// or http://");
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();

    await fireEvent.input(base, { target: { value: "https://news.example.org/stories/" } });
    await fireEvent.input(template, { target: { value: "Credit: {credit}" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.queryByTestId("settings-dialog")).toBeNull());
    expect(await platform.librarySettings()).toMatchObject({ baseUrl: "https://news.example.org/stories", creditTemplate: "Credit: {credit}" });

    await fireEvent.click(screen.getByTestId("settings-button"));
    await fireEvent.input(await screen.findByTestId("settings-credit-template"), { target: { value: "Photo:" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-error")).toHaveTextContent("has no {credit} placeholder");
    await fireEvent.keyDown(screen.getByTestId("settings-dialog"), { key: "Escape" });
    expect(screen.queryByTestId("settings-dialog")).toBeNull();
  });

  it("edits the agency table: spellings, a new agency, a removed one, and the core's refusal", async () => {
    const platform = new FakePlatform();
    renderLibrary(platform);
    await fireEvent.click(await screen.findByTestId("settings-button"));
    const rows = async (): Promise<Array<[string, string]>> =>
      (await screen.findAllByTestId("agency-row")).map((row) => [
        (within(row).getByTestId("agency-name") as HTMLInputElement).value,
        (within(row).getByTestId("agency-spellings") as HTMLInputElement).value,
      ]);
    await waitFor(async () => expect((await rows())[1]).toEqual(["Reuters", "Retuers, Reuters Photo, Thomson Reuters"]));
    const row = (name: string): HTMLElement => {
      const found = screen.getAllByTestId("agency-row").find((r) => (within(r).getByTestId("agency-name") as HTMLInputElement).value === name);
      if (!found) throw new Error(`no row ${name}`);
      return found;
    };

    // A new agency, focused for typing; one spelling claimed by another agency is refused.
    await fireEvent.click(screen.getByTestId("agency-add"));
    const names = screen.getAllByTestId("agency-name") as HTMLInputElement[];
    const added = names[names.length - 1];
    expect(document.activeElement).toBe(added);
    await fireEvent.input(added, { target: { value: "CP Images" } });
    const spellings = screen.getAllByTestId("agency-spellings") as HTMLInputElement[];
    await fireEvent.input(spellings[spellings.length - 1], { target: { value: "cp, CP Images Wire" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    expect(await screen.findByTestId("settings-error")).toHaveTextContent("“cp” cannot print as both The Canadian Press and CP Images");
    expect(screen.getByTestId("settings-dialog")).toBeInTheDocument();
    expect((await platform.librarySettings()).agencies.some((a) => a.name === "CP Images")).toBe(false);

    // Removing The Canadian Press frees the spelling; Reuters gets one more.
    await fireEvent.click(within(row("The Canadian Press")).getByTestId("agency-remove"));
    const reuters = within(row("Reuters")).getByTestId("agency-spellings");
    await fireEvent.input(reuters, { target: { value: "Retuers, Reuters Photo, Thomson Reuters,  RTRS ," } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await waitFor(() => expect(screen.queryByTestId("settings-dialog")).toBeNull());
    expect((await platform.librarySettings()).agencies).toEqual([
      { name: "AFP", spellings: ["AFP Photo", "Agence France-Presse"] },
      { name: "CP Images", spellings: ["cp", "CP Images Wire"] },
      { name: "Reuters", spellings: ["Retuers", "Reuters Photo", "RTRS", "Thomson Reuters"] },
    ]);
    const sent = platform.calls.filter((c) => c.command === "set_library_settings").at(-1)?.args as { settings: LibrarySettings };
    expect(sent.settings.agencies.find((a) => a.name === "Reuters")?.spellings).toEqual(["Retuers", "Reuters Photo", "Thomson Reuters", "RTRS"]);
  });
});
