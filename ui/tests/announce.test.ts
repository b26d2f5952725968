/**
 * What a screen reader hears of saving and of photos: "Saved" once typing pauses (not at every
 * save while typing goes on, never "Unsaved changes" or "Saving…"), from the one live region about
 * saving; a failure as an alert at once, said once through its retries; a photo by its alt text
 * (a plain fallback when it has none), never by its caption.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { Autosave } from "../src/lib/autosave";
import { SaveAnnouncer, SAVED_QUIET_MS } from "../src/lib/saveAnnouncer.svelte";
import { NO_ALT_TEXT, photoAlt } from "../src/lib/photoAlt";
import Editor from "../src/components/Editor.svelte";
import Toasts from "../src/components/Toasts.svelte";
import { FakePlatform } from "../src/platform/fake";
import { AppError } from "../src/platform/errors";
import { SAMPLE_LEAD } from "../src/platform/sample";
import { dismissToast, toasts } from "../src/lib/toasts.svelte";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  for (const t of [...toasts]) dismissToast(t.id);
});

describe("SaveAnnouncer", () => {
  it("says Saved once typing pauses: nothing in 15 s of typing, one Saved after", async () => {
    vi.useFakeTimers();
    const announcer = new SaveAnnouncer();
    const said: string[] = [];
    let labels = 0;
    const autosave = new Autosave({
      // A save takes 20 ms, as a small story does.
      save: () => new Promise((r) => setTimeout(r, 20)),
      isConflict: () => false,
      onChange: (state) => {
        labels += 1;
        const before = announcer.message;
        announcer.update(state);
        if (announcer.message !== before && announcer.message) said.push(announcer.message);
      },
    });
    const watch = () => {
      if (announcer.message && said.at(-1) !== announcer.message) said.push(announcer.message);
    };
    // A key every 150 ms for 15 s: autosave saves every 1.5 s meanwhile.
    for (let t = 0; t < 15_000; t += 150) {
      autosave.edited();
      await vi.advanceTimersByTimeAsync(150);
      watch();
    }
    // The visible state changed at every save (the old live region said each of these).
    expect(labels).toBeGreaterThan(20);
    expect(said).toEqual([]);
    // Typing pauses: the last save, then Saved, once.
    await vi.advanceTimersByTimeAsync(500 + 20 + SAVED_QUIET_MS + 10);
    watch();
    expect(said).toEqual(["Saved"]);
    await vi.advanceTimersByTimeAsync(10_000);
    watch();
    expect(said).toEqual(["Saved"]);
    // The next edit clears it, so the next Saved is news again.
    autosave.edited();
    expect(announcer.message).toBe("");
    autosave.dispose();
    announcer.dispose();
  });

  it("says nothing for a story just opened, and Saved after a failure once a retry goes through", async () => {
    vi.useFakeTimers();
    const announcer = new SaveAnnouncer();
    announcer.update("saved");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(announcer.message).toBe("");
    announcer.update("dirty");
    announcer.update("saving");
    announcer.update("failed");
    expect(announcer.message).toBe("");
    announcer.update("saving");
    announcer.update("saved", "Photo details saved");
    await vi.advanceTimersByTimeAsync(SAVED_QUIET_MS);
    expect(announcer.message).toBe("Photo details saved");
  });
});

async function openSample(platform = new FakePlatform()) {
  const [summary] = (await platform.listStories(null, 0, 1)).stories;
  render(Editor, { props: { platform, storyId: summary.id, onBack: () => {} } });
  const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
  return { platform, headline, storyId: summary.id };
}

describe("saving in the editor, as heard", () => {
  it("has one live region about saving: the state shown is not one, the caption editor's neither", async () => {
    await openSample();
    const state = screen.getByTestId("save-state");
    expect(state).not.toHaveAttribute("aria-live");
    expect(state).not.toHaveAttribute("role");
    const region = screen.getByTestId("save-announcement");
    expect(region).toHaveAttribute("role", "status");
    expect(region).toHaveTextContent(/^$/);

    await fireEvent.click(screen.getByTestId("photos-button"));
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const used = await screen.findByTestId("use-saved");
    expect(used).not.toHaveAttribute("aria-live");
    expect(used).not.toHaveAttribute("role");
    // Nothing else in the editor is a live region that speaks of saving.
    const live = Array.from(document.querySelectorAll("[aria-live], [role='status'], [role='alert']")).filter((el) => /sav/i.test(el.textContent ?? ""));
    expect(live).toEqual([]);
  });

  it("says Saved after typing pauses, and not while the keys come", async () => {
    const { headline } = await openSample();
    const region = screen.getByTestId("save-announcement");
    const heard: string[] = [];
    const observer = new MutationObserver(() => {
      if (region.textContent) heard.push(region.textContent);
    });
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    // 2.4 s of typing, a key every 120 ms: saves happen meanwhile (at least every 1.5 s).
    let text = headline.value;
    for (let i = 0; i < 20; i++) {
      text += "x";
      await fireEvent.input(headline, { target: { value: text } });
      await new Promise((r) => setTimeout(r, 120));
    }
    expect(heard).toEqual([]);
    await waitFor(() => expect(region).toHaveTextContent("Saved"), { timeout: 4000 });
    expect(heard).toEqual(["Saved"]);
    observer.disconnect();
  }, 10_000);

  it("says a failing save at once as an alert, and once: the banner stays up through the retries", async () => {
    const { platform, headline } = await openSample();
    platform.failNext = { command: "save_story", error: new AppError("io", "database or disk is full", "save_story"), times: 2 };
    await fireEvent.input(headline, { target: { value: "Typed while the disk was full" } });
    const banner = await screen.findByTestId("save-failed", undefined, { timeout: 3000 });
    expect(banner).toHaveAttribute("role", "alert");
    expect(banner).toHaveTextContent("Not saved — retrying.");
    // Through the retries (1 s, 2 s) the same banner stays: it is not shown, and so said, again.
    const seen = new Set<HTMLElement>();
    await waitFor(
      () => {
        const now = screen.queryByTestId("save-failed");
        if (now) seen.add(now);
        expect(screen.getByTestId("save-state")).toHaveTextContent("Saved");
      },
      { timeout: 6000, interval: 20 },
    );
    expect([...seen]).toEqual([banner]);
    expect(screen.queryByTestId("save-failed")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("save-announcement")).toHaveTextContent("Saved"), { timeout: 3000 });
  }, 12_000);

  it("shows a failed photo save as an alert toast, at once", async () => {
    render(Toasts);
    const { platform } = await openSample();
    await fireEvent.click(screen.getByTestId("photos-button"));
    await fireEvent.click(screen.getAllByTestId("photo-thumb")[0]);
    const caption = (await screen.findByTestId("use-caption")) as HTMLTextAreaElement;
    platform.failNext = { command: "edit_photo_use", error: new AppError("io", "database or disk is full", "edit_photo_use"), times: 1 };
    await fireEvent.input(caption, { target: { value: "A new caption" } });
    await fireEvent.blur(caption);
    const toast = await screen.findByText(/Could not save the photo details/);
    expect(toast.closest("[data-testid='toast']")).toHaveAttribute("role", "alert");
  });
});

/** `text` as a regular expression that matches it literally. */
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("photos, as heard", () => {
  it("a thumbnail is its alt text (with Lead, Stand-in), never its caption; no alt text says so", async () => {
    const { platform, storyId } = await openSample();
    await fireEvent.click(screen.getByTestId("photos-button"));
    const [thumb] = await screen.findAllByTestId("photo-thumb");
    expect(thumb.querySelector("img")).toHaveAttribute("alt", SAMPLE_LEAD.altText);
    // The sample's lead is a stand-in, and needs attention for it.
    await waitFor(() =>
      expect(thumb).toHaveAccessibleName(new RegExp(`^${escaped(SAMPLE_LEAD.altText)} ?, Lead ?, Stand-in ?, needs attention$`)),
    );
    expect(thumb).not.toHaveAccessibleName(new RegExp(escaped(SAMPLE_LEAD.caption.slice(0, 20))));
    // The lead photo above the headline too: its button is named by the alt text.
    const lead = screen.getByTestId("lead-photo-img");
    expect(lead).toHaveAttribute("alt", SAMPLE_LEAD.altText);
    expect(lead.closest("button")).toHaveAccessibleName(SAMPLE_LEAD.altText);

    // The alt text emptied: the plain fallback, everywhere.
    const story = await platform.getStory(storyId);
    await fireEvent.click(thumb);
    const alt = (await screen.findByTestId("use-alt")) as HTMLTextAreaElement;
    await fireEvent.input(alt, { target: { value: "" } });
    await fireEvent.blur(alt);
    await waitFor(() => expect((screen.getAllByTestId("photo-thumb")[0].querySelector("img") as HTMLImageElement).alt).toBe(NO_ALT_TEXT));
    expect(screen.getByTestId("lead-photo-img")).toHaveAttribute("alt", NO_ALT_TEXT);
    expect(within(screen.getByTestId("photos-panel")).getAllByTestId("photo-thumb")[0]).toHaveAccessibleName(new RegExp(`^${NO_ALT_TEXT} ?, Lead`));
    expect(story.photos[0].id).toBe(screen.getAllByTestId("photo-thumb")[0].dataset.use);
  });

  it("photoAlt: the alt text, trimmed, or the fallback", () => {
    expect(photoAlt({ altText: "  A man at a lectern " })).toBe("A man at a lectern");
    expect(photoAlt({ altText: "   " })).toBe(NO_ALT_TEXT);
  });
});
