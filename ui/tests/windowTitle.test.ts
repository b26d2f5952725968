/**
 * The window's title names the view: "Library — Byline", the story being edited by its headline
 * as typed, "New story — Byline"; App sets it in one place, on the page (`document.title`) and on
 * the window (`Platform.setWindowTitle`), only when it changes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import { FakePlatform } from "../src/platform/fake";
import { SAMPLE_HEADLINE } from "../src/platform/sample";
import { TITLE_MAX, windowTitle } from "../src/lib/windowTitle";

afterEach(() => {
  cleanup();
  location.hash = "";
});

describe("the window's title", () => {
  it("words: the library, a story by its headline, a new story", () => {
    expect(windowTitle({ view: "library" })).toBe("Library — Byline");
    expect(windowTitle({ view: "story", headline: "Dockers\n strike " })).toBe("Dockers strike — Byline");
    // What the window manager gets is one short line of plain text, whatever was pasted.
    expect(windowTitle({ view: "story", headline: "Nul\u0000 and\u0007 bell\u009b" })).toBe("Nul and bell — Byline");
    expect(windowTitle({ view: "story", headline: "half \uD800 pair" })).toBe("half \uFFFD pair — Byline");
    expect(windowTitle({ view: "story", headline: "flag 🇩🇿 kept" })).toBe("flag 🇩🇿 kept — Byline");
    const long = windowTitle({ view: "story", headline: "word ".repeat(5000) });
    expect(Array.from(long.replace(" — Byline", "")).length).toBeLessThanOrEqual(TITLE_MAX);
    expect(long.endsWith("… — Byline")).toBe(true);
    expect(windowTitle({ view: "story", headline: "  " })).toBe("New story — Byline");
    expect(windowTitle({ view: "story", headline: null })).toBe("Byline");
  });

  it("follows the view and the headline as typed, on the page and on the window", async () => {
    const platform = new FakePlatform();
    render(App, { props: { platform } });
    const [row] = await screen.findAllByTestId("story-row");
    await waitFor(() => expect(document.title).toBe("Library — Byline"));
    expect(platform.windowTitles.at(-1)).toBe("Library — Byline");

    await fireEvent.click(row);
    const headline = (await screen.findByTestId("headline")) as HTMLTextAreaElement;
    await waitFor(() => expect(document.title).toBe(`${SAMPLE_HEADLINE} — Byline`));
    expect(platform.windowTitles.at(-1)).toBe(document.title);
    await fireEvent.input(headline, { target: { value: "Arab League meets in Rome" } });
    await waitFor(() => expect(document.title).toBe("Arab League meets in Rome — Byline"));
    expect(platform.windowTitles.at(-1)).toBe(document.title);

    await fireEvent.click(screen.getByTestId("back"));
    await waitFor(() => expect(document.title).toBe("Library — Byline"));
    expect(platform.windowTitles.at(-1)).toBe("Library — Byline");

    await fireEvent.keyDown(document.body, { key: "n", ctrlKey: true });
    await screen.findByTestId("headline");
    await waitFor(() => expect(document.title).toBe("New story — Byline"));
    expect(platform.windowTitles.at(-1)).toBe("New story — Byline");
    // Never the same title twice in a row: it is set when it changes.
    expect(platform.windowTitles.filter((t, i, all) => i > 0 && all[i - 1] === t)).toEqual([]);
  });
});
