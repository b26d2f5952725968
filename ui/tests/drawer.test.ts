/**
 * The shared Drawer frame of the editor's photos, related, copy desk and revisions drawers: its
 * title, count and ✕, Esc inside it (the field it leaves saves first; a control that uses Esc
 * itself keeps it), Esc elsewhere in the story closing the open drawer and never leaving the
 * story; the focus taken when it opens and given back to its opener (or its button) when it closes.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import { lighthouseLibrary } from "./fixtures";

afterEach(() => {
  cleanup();
});

async function openSample(platform = new FakePlatform()) {
  const [summary] = (await platform.listStories(null, 0, 100)).stories;
  const onBack = vi.fn();
  render(Editor, { props: { platform, storyId: summary.id, onBack } });
  await screen.findByTestId("headline");
  return { platform, onBack };
}

describe("Drawer", () => {
  it("is a labelled side column with its title, count and close button", async () => {
    await openSample();
    await fireEvent.click(screen.getByTestId("photos-button"));
    const panel = await screen.findByTestId("photos-panel");
    expect(panel.tagName).toBe("ASIDE");
    expect(panel).toHaveAttribute("aria-label", "Photos");
    expect(within(panel).getByRole("heading", { level: 2 })).toHaveTextContent(/^Photos 1$/);
    await fireEvent.click(within(panel).getByLabelText("Close photos"));
    expect(screen.queryByTestId("photos-panel")).toBeNull();

    await fireEvent.click(screen.getByTestId("revisions-button"));
    const drawer = await screen.findByTestId("revisions-drawer");
    expect(drawer).toHaveAttribute("aria-label", "Revisions");
    expect(within(drawer).getByRole("heading", { level: 2 }).textContent).toBe("Revisions");
    await fireEvent.click(within(drawer).getByLabelText("Close revisions"));
    expect(screen.queryByTestId("revisions-drawer")).toBeNull();
  });

  it("closes on Esc inside it, after the field it was in has saved; the story stays open", async () => {
    const { platform, onBack } = await openSample();
    await fireEvent.click(screen.getByTestId("photos-button"));
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const caption = (await screen.findByTestId("use-caption")) as HTMLTextAreaElement;
    caption.focus();
    await fireEvent.input(caption, { target: { value: "Aboul-Gheit in Algiers." } });
    await fireEvent.keyDown(caption, { key: "Escape" });
    expect(screen.queryByTestId("photos-panel")).toBeNull();
    await waitFor(() => expect(platform.calls.filter((c) => c.command === "edit_photo_use")).toHaveLength(1));
    expect(onBack).not.toHaveBeenCalled();
  });

  it("leaves Esc to a control inside that uses it (the related picker clears first)", async () => {
    const platform = new FakePlatform({ seed: false });
    const { keepers } = await lighthouseLibrary(platform);
    render(Editor, { props: { platform, storyId: keepers.id, onBack: () => {} } });
    await screen.findByTestId("headline");
    await fireEvent.click(screen.getByTestId("related-button"));
    const search = (await screen.findByTestId("related-search")) as HTMLInputElement;
    search.focus();
    await fireEvent.input(search, { target: { value: "museum" } });
    await fireEvent.keyDown(search, { key: "Escape" });
    expect(search.value).toBe("");
    expect(screen.getByTestId("related-panel")).toBeInTheDocument();
    await fireEvent.keyDown(search, { key: "Escape" });
    expect(screen.queryByTestId("related-panel")).toBeNull();
  });

  it("Esc elsewhere in the story closes the open drawer, and never leaves the story", async () => {
    const { onBack } = await openSample();
    await fireEvent.click(screen.getByTestId("revisions-button"));
    await screen.findByTestId("revisions-drawer");
    const headline = screen.getByTestId("headline");
    headline.focus();
    await fireEvent.keyDown(headline, { key: "Escape" });
    expect(screen.queryByTestId("revisions-drawer")).toBeNull();
    // The focus stays where it was put (the drawer gives back only a focus it had).
    expect(document.activeElement).toBe(headline);
    await fireEvent.keyDown(headline, { key: "Escape" });
    await fireEvent.keyDown(headline, { key: "Escape" });
    await new Promise((r) => setTimeout(r, 50));
    expect(onBack).not.toHaveBeenCalled();
    expect(screen.getByTestId("headline")).toBe(headline);
  });
});

/** The drawers' buttons in the top bar, and a control each drawer has inside. */
const DRAWERS = [
  { button: "photos-button", drawer: "photos-panel" },
  { button: "related-button", drawer: "related-panel" },
  { button: "copy-desk-button", drawer: "copy-desk-panel" },
  { button: "revisions-button", drawer: "revisions-drawer" },
] as const;

describe("Drawer focus", () => {
  for (const { button, drawer } of DRAWERS) {
    it(`${drawer}: takes the focus when its button opens it, and gives it back on Esc and on ✕`, async () => {
      await openSample();
      const opener = screen.getByTestId(button);
      opener.focus();
      await fireEvent.click(opener);
      const panel = await screen.findByTestId(drawer);
      await waitFor(() => expect(panel.contains(document.activeElement)).toBe(true));
      // Not on its ✕: on what it is for.
      expect(document.activeElement).not.toBe(within(panel).getByRole("button", { name: /^Close / }));

      await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
      expect(screen.queryByTestId(drawer)).toBeNull();
      expect(document.activeElement).toBe(opener);

      await fireEvent.click(opener);
      const again = await screen.findByTestId(drawer);
      await waitFor(() => expect(again.contains(document.activeElement)).toBe(true));
      const close = within(again).getByRole("button", { name: /^Close / });
      close.focus();
      await fireEvent.click(close);
      expect(screen.queryByTestId(drawer)).toBeNull();
      expect(document.activeElement).toBe(opener);
    });
  }

  it("opened by its shortcut from the body, gives the focus back to the body", async () => {
    await openSample();
    const body = screen.getByTestId("body");
    await waitFor(() => expect(document.activeElement).toBe(body));
    await fireEvent.keyDown(body, { key: "P", ctrlKey: true, shiftKey: true });
    const panel = await screen.findByTestId("photos-panel");
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getAllByTestId("photo-thumb")[0]));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("photos-panel")).toBeNull();
    expect(document.activeElement).toBe(body);

    await fireEvent.keyDown(body, { key: "L", ctrlKey: true, shiftKey: true });
    const related = await screen.findByTestId("related-panel");
    await waitFor(() => expect(related.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "L", ctrlKey: true, shiftKey: true });
    expect(screen.queryByTestId("related-panel")).toBeNull();
    expect(document.activeElement).toBe(body);
  });

  it("gives the focus to its button when what opened it is gone (another drawer's control)", async () => {
    await openSample();
    const copyButton = screen.getByTestId("copy-desk-button");
    copyButton.focus();
    await fireEvent.click(copyButton);
    const copy = await screen.findByTestId("copy-desk-panel");
    await waitFor(() => expect(copy.contains(document.activeElement)).toBe(true));
    // From inside the copy desk, the photos panel takes its place.
    const inside = document.activeElement as HTMLElement;
    await fireEvent.keyDown(inside, { key: "P", ctrlKey: true, shiftKey: true });
    const photos = await screen.findByTestId("photos-panel");
    await waitFor(() => expect(photos.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(screen.queryByTestId("photos-panel")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("photos-button"));
  });

  it("revisions: a preview takes the focus, All revisions goes back to its row", async () => {
    const { platform } = await openSample();
    const [summary] = (await platform.listStories(null, 0, 1)).stories;
    const story = await platform.getStory(summary.id);
    await platform.saveStory({ ...story, id: story.id, baseRevision: story.revision, headline: "A second version" } as never);
    await fireEvent.click(screen.getByTestId("revisions-button"));
    const drawer = await screen.findByTestId("revisions-drawer");
    const rows = await within(drawer).findAllByTestId("revision-row");
    await waitFor(() => expect(document.activeElement).toBe(rows[0]));
    const older = rows[rows.length - 1];
    older.focus();
    await fireEvent.click(older);
    const preview = await within(drawer).findByTestId("revision-preview");
    // Its page: a labelled region the keys scroll.
    const page = within(preview).getByTestId("revision-preview-page");
    await waitFor(() => expect(document.activeElement).toBe(page));
    expect(page).toHaveAccessibleName(/^Revision r\d+/);
    expect(page).toHaveAttribute("tabindex", "0");
    await fireEvent.click(within(preview).getByTestId("revision-preview-back"));
    await waitFor(() => expect(document.activeElement).toBe(within(drawer).getAllByTestId("revision-row").at(-1)));
  });
});
