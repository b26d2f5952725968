/**
 * Names and roles: every button's accessible name holds the words it shows (WCAG 2.5.3, read as
 * axe-core reads it), no option holds a control, the library's status filter is a group of toggle
 * buttons, and the editor has a `main` and an `h1`.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { computeAccessibleName } from "dom-accessibility-api";
import App from "../src/App.svelte";
import Editor from "../src/components/Editor.svelte";
import Library from "../src/components/Library.svelte";
import { FakePlatform } from "../src/platform/fake";
import { lighthouseLibrary } from "./fixtures";

afterEach(() => {
  cleanup();
  location.hash = "";
});

/** Words as axe's label-content-name-mismatch compares them: no parentheticals, letters and digits only. */
function words(text: string): string[] {
  let t = text.normalize("NFKD");
  let before;
  do {
    before = t;
    t = t.replace(/\([^()]*\)/g, "");
  } while (t !== before);
  return t
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

/** What a button shows: its text, less what only a screen reader hears or what it hides from one. */
function visibleText(el: Element): string {
  let out = "";
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? "";
    else if (node instanceof Element && !node.matches(".visually-hidden, [aria-hidden='true']")) out += ` ${visibleText(node)} `;
  }
  return out;
}

/** The buttons (and button-like options) whose name lacks the words they show. */
function mismatches(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll("button, [role='button'], [role='option']"))) {
    if (el.closest("[aria-hidden='true'], [inert]")) continue;
    const shown = words(visibleText(el));
    // One letter or a symbol ("B", "?", "✕") is named in words; axe leaves it alone too.
    if (shown.length === 0 || (shown.length === 1 && shown[0].length === 1 && !/\d/.test(shown[0]))) continue;
    const name = words(computeAccessibleName(el));
    const found = name.some((_, i) => shown.every((w, j) => name[i + j] === w));
    if (!found) out.push(`"${visibleText(el).trim().replace(/\s+/g, " ")}" named "${computeAccessibleName(el)}"`);
  }
  return out;
}

/** Controls inside an option (an option is one thing to a screen reader: it holds no control). */
function controlsInOptions(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll("[role='option'] :is(button, a[href], input, select, textarea, [tabindex])")).filter((el) => !el.closest("[inert]"));
}

async function openSample(platform = new FakePlatform()) {
  const [summary] = (await platform.listStories(null, 0, 1)).stories;
  render(Editor, { props: { platform, storyId: summary.id, onBack: () => {} } });
  await screen.findByTestId("headline");
  return platform;
}

describe("accessible names hold the words shown", () => {
  it("the words test itself: it catches a name without the words shown", () => {
    const host = document.createElement("div");
    host.innerHTML = `<button aria-label="Heading 2 (Ctrl+Alt+2)">H2</button><button aria-label="Close">Esc</button><button aria-label="Bold">B</button><button>Photos <span class="visually-hidden">,</span> 2</button>`;
    document.body.append(host);
    expect(mismatches(host)).toEqual([`"H2" named "Heading 2 (Ctrl+Alt+2)"`, `"Esc" named "Close"`]);
    host.remove();
  });

  it("in the editor: the toolbar, the top bar, and the drawers", async () => {
    await openSample();
    expect(mismatches(document.body)).toEqual([]);
    const toolbar = screen.getByRole("toolbar", { name: "Formatting" });
    expect(within(toolbar).getByRole("button", { name: "H2 heading" })).toHaveTextContent("H2");
    expect(within(toolbar).getByRole("button", { name: "1. List, numbered" })).toHaveTextContent("1. List");
    expect(within(toolbar).getByRole("button", { name: "TK note, not exported" })).toHaveAttribute("aria-keyshortcuts", "Control+Shift+K");
    expect(screen.getByTestId("shortcuts-button")).toHaveAccessibleName("Keyboard shortcuts (?)");
    expect(screen.getByTestId("photos-button")).toHaveAccessibleName(/^Photos 1\b/);
    for (const button of ["photos-button", "related-button", "copy-desk-button", "revisions-button"]) {
      await fireEvent.click(screen.getByTestId(button));
      await waitFor(() => expect(document.querySelector("aside")).not.toBeNull());
      expect(mismatches(document.body)).toEqual([]);
    }
  });

  it("the photos button says how many photos and how many to fix", async () => {
    const platform = await openSample();
    const [summary] = (await platform.listStories(null, 0, 1)).stories;
    const story = await platform.getStory(summary.id);
    await platform.editPhotoUse(story.id, story.photos[0].id, { caption: null, credit: "", altText: null, creator: null, copyright: null, role: null, standIn: null });
    cleanup();
    await openSample(platform);
    // The emptied credit, and the sample's lead being a stand-in.
    await waitFor(() => expect(screen.getByTestId("photos-button")).toHaveAccessibleName("Photos 1, 2 to fix"));
    expect(mismatches(document.body)).toEqual([]);
  });

  it("in the library, and on the shortcut sheet", async () => {
    const platform = new FakePlatform({ seed: false });
    await lighthouseLibrary(platform);
    render(App, { props: { platform } });
    await screen.findAllByTestId("story-row");
    expect(mismatches(document.body)).toEqual([]);
    await fireEvent.click(screen.getByTestId("shortcuts-button"));
    const sheet = await screen.findByTestId("shortcut-sheet");
    expect(mismatches(sheet)).toEqual([]);
  });
});

describe("roles", () => {
  it("the library: no control inside a story's option (Delete is its key), the status filter a group of toggles", async () => {
    const platform = new FakePlatform({ seed: false });
    await lighthouseLibrary(platform);
    render(Library, { props: { platform, onOpen: () => {}, onNew: () => {} } });
    const rows = await screen.findAllByTestId("story-row");
    expect(controlsInOptions(document.body)).toEqual([]);
    expect(screen.getByRole("listbox", { name: "Stories" })).toHaveAccessibleDescription(/Delete moves it to the trash/);
    // The pointer's trash can is still there, and works.
    expect(within(rows[0]).getByTestId("delete-story")).toBeInTheDocument();

    expect(screen.queryAllByRole("tab")).toEqual([]);
    expect(screen.queryByRole("tablist")).toBeNull();
    const group = screen.getByRole("group", { name: "Show stories by status" });
    const toggles = within(group).getAllByRole("button");
    expect(toggles.map((b) => b.textContent)).toEqual(["All", "Draft", "Editing", "Ready", "Published"]);
    expect(toggles.map((b) => b.getAttribute("aria-pressed"))).toEqual(["true", "false", "false", "false", "false"]);
    await fireEvent.click(within(group).getByRole("button", { name: "Ready" }));
    expect(toggles.map((b) => b.getAttribute("aria-pressed"))).toEqual(["false", "false", "false", "true", "false"]);
  });

  it("the related panel: no control inside an item's option (Enter opens, Delete removes)", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers, museum } = await lighthouseLibrary(platform);
    await platform.setRelated(keepers.id, [{ storyId: museum.id, url: null, title: museum.headline, broken: false }]);
    render(Editor, { props: { platform, storyId: keepers.id, onBack: () => {} } });
    await screen.findByTestId("headline");
    await fireEvent.click(screen.getByTestId("related-button"));
    await screen.findAllByTestId("related-item");
    expect(controlsInOptions(document.body)).toEqual([]);
  });

  it("the editor: a main landmark with the headline field as its h1", async () => {
    await openSample();
    const main = screen.getByRole("main");
    const h1 = within(main).getByRole("heading", { level: 1 });
    expect(h1).toContainElement(screen.getByTestId("headline"));
    expect(screen.getAllByRole("heading", { level: 1 })).toEqual([h1]);
    expect(main).toContainElement(screen.getByTestId("body"));
  });

  it("a new story's h1 is named while its headline is empty", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await platform.createStory({ headline: "", kicker: null, byline: null });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
    const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
    expect(screen.getByRole("heading", { level: 1 })).toHaveAccessibleName("New story");
    await fireEvent.input(headline, { target: { value: "Dockers strike" } });
    expect(screen.getByRole("heading", { level: 1 })).not.toHaveAttribute("aria-label");
  });
});
