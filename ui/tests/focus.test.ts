/**
 * Where the focus goes as the app changes view, with the keyboard alone: an opened story has it
 * in its body (a new one in its headline), going back to the library puts it on the story's row,
 * the shortcut sheet is a modal that holds it and gives it back, and Esc never leaves the story
 * (from a field, a button, the body or a panel) while Mod-[ and the Back button do.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import App from "../src/App.svelte";
import { FakePlatform } from "../src/platform/fake";
import { lighthouseLibrary } from "./fixtures";

afterEach(() => {
  cleanup();
  location.hash = "";
});

const pause = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** The app on three stories, the library showing. */
async function library() {
  const platform = new FakePlatform({ seed: false });
  const stories = await lighthouseLibrary(platform);
  render(App, { props: { platform } });
  await screen.findAllByTestId("story-row");
  return { platform, ...stories };
}

/** Opens the story of `id` from the library with the keyboard (its row, Enter). */
async function openFromList(id: string): Promise<HTMLElement> {
  const row = screen.getAllByTestId("story-row").find((r) => r.dataset.id === id) as HTMLElement;
  row.focus();
  await fireEvent.keyDown(row, { key: "Enter" });
  return screen.findByTestId("body");
}

describe("focus between the library and the editor", () => {
  it("an opened story has the focus in its body, at its start", async () => {
    const { museum } = await library();
    const body = await openFromList(museum.id);
    await waitFor(() => expect(document.activeElement).toBe(body));
    expect(window.getSelection()?.anchorNode && body.contains(window.getSelection()?.anchorNode ?? null)).toBe(true);
  });

  it("a new story (Mod-N) has the focus in its headline", async () => {
    await library();
    await fireEvent.keyDown(document.body, { key: "n", ctrlKey: true });
    const headline = await screen.findByTestId("headline");
    await waitFor(() => expect(document.activeElement).toBe(headline));
  });

  it("going back (the Back button, or Mod-[) puts the focus on the row of the story left", async () => {
    await library();
    // The middle row, then the last: not the first, where the focus would be anyway.
    const [, middle, last] = screen.getAllByTestId("story-row").map((r) => r.dataset.id as string);
    await openFromList(middle);
    const back = screen.getByTestId("back");
    back.focus();
    await fireEvent.click(back);
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-id", middle));
    expect(document.activeElement).toHaveAttribute("aria-selected", "true");

    const body = await openFromList(last);
    await waitFor(() => expect(document.activeElement).toBe(body));
    await fireEvent.keyDown(body, { key: "[", ctrlKey: true });
    await waitFor(() => expect(document.activeElement).toHaveAttribute("data-id", last));
  });
});

describe("Esc in the story", () => {
  it("never leaves it: not from the kicker, the headline, a header button, the body or the related panel", async () => {
    const { keepers } = await library();
    const body = await openFromList(keepers.id);
    const places = [screen.getByTestId("kicker"), screen.getByTestId("headline"), screen.getByTestId("photos-button"), screen.getByTestId("back"), body];
    for (const el of places) {
      el.focus();
      await fireEvent.keyDown(el, { key: "Escape" });
      await fireEvent.keyDown(el, { key: "Escape" });
    }
    // The related panel: the first Esc closes it (the focus back on its button), the second does nothing.
    const related = screen.getByTestId("related-button");
    related.focus();
    await fireEvent.click(related);
    const panel = await screen.findByTestId("related-panel");
    await waitFor(() => expect(panel.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("related-panel")).toBeNull();
    expect(document.activeElement).toBe(related);
    await fireEvent.keyDown(related, { key: "Escape" });
    await pause(50);
    expect(screen.getByTestId("body")).toBe(body);
    expect(screen.queryByTestId("story-row")).toBeNull();
    expect(location.hash).toBe(`#/story/${keepers.id}`);
  });
});

describe("the shortcut sheet", () => {
  it("is a modal: ? opens it with the focus inside, Tab stays inside, Esc closes it and the focus comes back", async () => {
    await library();
    const newStory = screen.getByTestId("new-story");
    newStory.focus();
    await fireEvent.keyDown(newStory, { key: "?" });
    const sheet = await screen.findByTestId("shortcut-sheet");
    const list = within(sheet).getByTestId("shortcut-list");
    const close = within(sheet).getByTestId("shortcut-sheet-close");
    await waitFor(() => expect(document.activeElement).toBe(list));
    // Tab goes round inside (Close, then the list), in both directions.
    await fireEvent.keyDown(list, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(list);
    // A focus that gets out (to the page under it) is taken back, and Tab from the page itself goes in.
    newStory.focus();
    expect(sheet.contains(document.activeElement)).toBe(true);
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(document.body, { key: "Tab" });
    expect(sheet.contains(document.activeElement)).toBe(true);

    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("shortcut-sheet")).toBeNull();
    expect(document.activeElement).toBe(newStory);
  });

  it("opens from the story with Mod-/ and gives the focus back to the body", async () => {
    const { trams } = await library();
    const body = await openFromList(trams.id);
    await waitFor(() => expect(document.activeElement).toBe(body));
    await fireEvent.keyDown(body, { key: "/", ctrlKey: true });
    const sheet = await screen.findByTestId("shortcut-sheet");
    await waitFor(() => expect(sheet.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("shortcut-sheet")).toBeNull();
    expect(document.activeElement).toBe(body);
    expect(screen.getByTestId("body")).toBe(body);
  });
});
