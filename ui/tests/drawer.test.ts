/**
 * The shared Drawer frame of the editor's photos, related and revisions drawers: its title,
 * count and ✕, Esc inside it (the field it leaves saves first; a control that uses Esc itself
 * keeps it), and Esc elsewhere in the story closing the open drawer before leaving.
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

  it("Esc elsewhere in the story closes the open drawer first, then goes back", async () => {
    const { onBack } = await openSample();
    await fireEvent.click(screen.getByTestId("revisions-button"));
    await screen.findByTestId("revisions-drawer");
    const headline = screen.getByTestId("headline");
    await fireEvent.keyDown(headline, { key: "Escape" });
    expect(screen.queryByTestId("revisions-drawer")).toBeNull();
    expect(onBack).not.toHaveBeenCalled();
    await fireEvent.keyDown(headline, { key: "Escape" });
    await waitFor(() => expect(onBack).toHaveBeenCalledTimes(1));
  });
});
