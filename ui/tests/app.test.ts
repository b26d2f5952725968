/** The app against the fake platform: library list, opening, editing, saving, trash, revisions. */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../src/App.svelte";
import Library from "../src/components/Library.svelte";
import DocView from "../src/components/DocView.svelte";
import { FakePlatform } from "../src/platform/fake";
import { SAMPLE_HEADLINE, SAMPLE_KICKER } from "../src/platform/sample";

afterEach(() => {
  cleanup();
  location.hash = "";
});

describe("Library", () => {
  it("lists the sample story and opens it on click", async () => {
    const platform = new FakePlatform();
    const opened: string[] = [];
    render(Library, { props: { platform, onOpen: (id: string) => opened.push(id), onNew: () => {} } });
    const rows = await screen.findAllByTestId("story-row");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent(SAMPLE_HEADLINE);
    expect(rows[0]).toHaveTextContent(SAMPLE_KICKER);
    expect(within(rows[0]).getByText("Editing")).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("/ 600");
    await fireEvent.click(rows[0]);
    const [summary] = (await platform.listStories(null, 0, 100)).stories;
    expect(opened).toEqual([summary.id]);
  });

  it("opens the selected story with Enter", async () => {
    const platform = new FakePlatform();
    const opened: string[] = [];
    render(Library, { props: { platform, onOpen: (id: string) => opened.push(id), onNew: () => {} } });
    const [row] = await screen.findAllByTestId("story-row");
    await fireEvent.keyDown(row, { key: "Enter" });
    expect(opened).toHaveLength(1);
  });

  it("filters by status and shows an empty state", async () => {
    const platform = new FakePlatform();
    render(Library, { props: { platform, onOpen: () => {}, onNew: () => {} } });
    await screen.findAllByTestId("story-row");
    await fireEvent.click(screen.getByRole("button", { name: "Published" }));
    expect(await screen.findByTestId("empty-library")).toHaveTextContent("No published stories");
    expect(platform.calls.at(-1)).toEqual({ command: "list_stories", args: { status: "published", offset: 0, limit: 100 } });
  });

  it("renders only the visible rows of a long library", async () => {
    const platform = new FakePlatform({ seed: false });
    for (let i = 0; i < 300; i++) await platform.createStory({ headline: `Story ${i}`, kicker: null, byline: null });
    render(Library, { props: { platform, onOpen: () => {}, onNew: () => {} } });
    const rows = await screen.findAllByTestId("story-row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
  });

  it("moves a story to trash and brings it back with Undo", async () => {
    const platform = new FakePlatform();
    render(App, { props: { platform } });
    const [row] = await screen.findAllByTestId("story-row");
    await fireEvent.click(within(row).getByTestId("delete-story"));
    expect(await screen.findByTestId("empty-library")).toBeInTheDocument();
    expect(await screen.findByTestId("toast")).toHaveTextContent("moved to trash");
    await fireEvent.click(screen.getByTestId("toast-action"));
    expect(await screen.findAllByTestId("story-row")).toHaveLength(1);
    expect(platform.calls.map((c) => c.command)).toContain("undelete_story");
  });
});

/**
 * The app with a story opened once and closed again (the editor's code is then loaded, as it is
 * right after the library paints in the app); answers the story's row.
 */
async function backInTheLibrary(platform: FakePlatform): Promise<HTMLElement> {
  render(App, { props: { platform } });
  await fireEvent.click((await screen.findAllByTestId("story-row"))[0]);
  await screen.findByTestId("headline");
  await fireEvent.click(screen.getByTestId("back"));
  return (await screen.findAllByTestId("story-row"))[0];
}

describe("Editor", () => {
  it("opening from the library asks the core once and goes straight from the library to the story", async () => {
    const platform = new FakePlatform();
    const row = await backInTheLibrary(platform);

    let answer: (() => void) | null = null;
    const getStory = platform.getStory.bind(platform);
    let asked = 0;
    platform.getStory = (id: string) => {
      asked += 1;
      return new Promise((resolve, reject) => (answer = () => void getStory(id).then(resolve, reject)));
    };
    await fireEvent.click(row);
    // The core has not answered: the library is still what the window shows, no empty editor.
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("headline")).toBeNull();
    expect(screen.getAllByTestId("story-row")).toHaveLength(1);
    expect(asked).toBe(1);
    answer!();
    const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
    expect(headline.value).toBe(SAMPLE_HEADLINE);
    expect(screen.queryByTestId("story-row")).toBeNull();
    // The editor took the answer the library's click asked for.
    expect(asked).toBe(1);
  });

  it("shows the editor while a slow story loads", async () => {
    const platform = new FakePlatform();
    const row = await backInTheLibrary(platform);
    platform.getStory = () => new Promise(() => {});
    await fireEvent.click(row);
    await waitFor(() => expect(screen.queryByTestId("story-row")).toBeNull(), { timeout: 1_000 });
    expect(screen.queryByTestId("headline")).toBeNull();
  });

  it("opens a story from the library, saves an edit, and goes back", async () => {
    const platform = new FakePlatform();
    render(App, { props: { platform } });
    const [row] = await screen.findAllByTestId("story-row");
    await fireEvent.click(row);
    const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
    expect(headline.value).toBe(SAMPLE_HEADLINE);
    expect(screen.getByTestId("kicker")).toHaveValue(SAMPLE_KICKER);
    expect(screen.getByTestId("save-state").textContent).toBe("Saved");
    await waitFor(() => expect(document.querySelector("[data-testid='body']")).toHaveTextContent("Aboul-Gheit"));
    expect(Number(screen.getByTestId("words").textContent?.replace(/\D/g, ""))).toBeGreaterThan(300);

    await fireEvent.input(headline, { target: { value: "Arab League urges joint action against IS" } });
    expect(screen.getByTestId("save-state").textContent).toBe("Unsaved changes");
    await waitFor(() => expect(screen.getByTestId("save-state").textContent).toBe("Saved"), { timeout: 3000 });
    const [summary] = (await platform.listStories(null, 0, 100)).stories;
    const saved = await platform.getStory(summary.id);
    expect(saved.headline).toBe("Arab League urges joint action against IS");
    expect(saved.revision).toBe(2);

    await fireEvent.click(screen.getByTestId("back"));
    const rows = await screen.findAllByTestId("story-row");
    expect(rows[0]).toHaveTextContent("Arab League urges joint action against IS");
  });

  it("shows the conflict message and overwrites on request", async () => {
    const platform = new FakePlatform();
    const [summary] = (await platform.listStories(null, 0, 100)).stories;
    location.hash = `#/story/${summary.id}`;
    render(App, { props: { platform } });
    const headline = await screen.findByTestId("headline");
    await platform.touchElsewhere(summary.id, "Someone else's headline");
    await fireEvent.input(headline, { target: { value: "My headline" } });
    const banner = await screen.findByTestId("conflict", {}, { timeout: 3000 });
    expect(banner).toHaveTextContent("This story was changed elsewhere");
    expect((headline as HTMLTextAreaElement).value).toBe("My headline");
    await fireEvent.click(screen.getByTestId("conflict-overwrite"));
    await waitFor(() => expect(screen.getByTestId("save-state").textContent).toBe("Saved"));
    expect((await platform.getStory(summary.id)).headline).toBe("My headline");
  });

  it("previews a revision and restores it", async () => {
    const platform = new FakePlatform();
    const [summary] = (await platform.listStories(null, 0, 100)).stories;
    const original = await platform.getStory(summary.id);
    await platform.saveStory({ ...original, baseRevision: original.revision, headline: "Second version" });
    location.hash = `#/story/${summary.id}`;
    render(App, { props: { platform } });
    expect(await screen.findByTestId("headline")).toHaveValue("Second version");
    await fireEvent.click(screen.getByTestId("revisions-button"));
    const rows = await screen.findAllByTestId("revision-row");
    expect(rows).toHaveLength(2);
    await fireEvent.click(rows[1]); // the oldest
    const preview = await screen.findByTestId("revision-preview");
    expect(preview).toHaveTextContent(SAMPLE_HEADLINE);
    expect(preview).toHaveTextContent("Aboul-Gheit");
    await fireEvent.click(screen.getByTestId("restore-revision"));
    await waitFor(() => expect(screen.getByTestId("headline")).toHaveValue(SAMPLE_HEADLINE));
    const now = await platform.getStory(summary.id);
    expect(now.revision).toBe(3);
    expect(now.headline).toBe(SAMPLE_HEADLINE);
  });
});

describe("DocView", () => {
  it("builds the preview from nodes, with marks, and no script or live link", () => {
    const { container } = render(DocView, {
      props: {
        node: {
          type: "doc",
          content: [
            { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Sub" }] },
            {
              type: "paragraph",
              content: [
                { type: "text", text: "<img src=x onerror=alert(1)>", marks: [{ type: "strong" }] },
                { type: "text", text: "link", marks: [{ type: "link", attrs: { href: "https://example.com" } }] },
                { type: "text", text: "TK", marks: [{ type: "note" }, { type: "em" }] },
              ],
            },
            { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "three" }] }] }] },
          ],
        },
      },
    });
    expect(container.querySelector("h3")).toHaveTextContent("Sub");
    expect(container.querySelector("strong")?.textContent).toBe("<img src=x onerror=alert(1)>");
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("a")).toBeNull();
    expect(container.querySelector("mark.note em")).toHaveTextContent("TK");
    expect(container.querySelector("ol")?.getAttribute("start")).toBe("3");
  });
});
