/**
 * The story's language in the editor: the labelled "Language" select of the story settings saves
 * the language picked, a tag outside the list is offered as itself, and the news fields and the
 * body (through its wrapper in Editor.svelte) carry the story's `lang` and `dir` (right to left
 * for Arabic, and turning when the language changes).
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import type { StoryEdit } from "../src/platform/types";
import { addStory } from "./fixtures";

afterEach(() => {
  cleanup();
});

const NEWS_FIELDS = ["kicker", "headline", "standfirst", "byline", "dateline"];

async function open(language?: string) {
  const platform = new FakePlatform({ seed: false });
  const story = await addStory(platform, {
    headline: language === "ar" ? "وزراء الخارجية العرب يجتمعون في روما" : "Ministers meet in Rome",
    kicker: "Diplomacy",
    paragraphs: language === "ar" ? ["اجتمع وزراء الخارجية في روما يوم الاثنين (AFP) لمناقشة الأزمة."] : ["Foreign ministers met in Rome on Monday."],
    language,
  });
  platform.calls.length = 0;
  render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
  await screen.findByTestId("headline");
  const body = await screen.findByTestId("body");
  return { platform, story, body };
}

const saves = (platform: FakePlatform) =>
  platform.calls.filter((c) => c.command === "save_story").map((c) => (c.args as { edit: StoryEdit }).edit);

describe("the Language select", () => {
  it("is a labelled select in the story settings showing the story's language", async () => {
    await open("fr");
    const select = screen.getByLabelText("Language") as HTMLSelectElement;
    expect(select).toBe(screen.getByTestId("story-language"));
    expect(select.tagName).toBe("SELECT");
    expect(select.closest("details.settings")).not.toBeNull();
    expect(select.value).toBe("fr");
    expect(within(select).getAllByRole("option").map((o) => [(o as HTMLOptionElement).value, o.textContent])).toEqual([
      ["en-US", "English (US)"],
      ["en-GB", "English (UK)"],
      ["fr", "French"],
      ["es", "Spanish"],
      ["de", "German"],
      ["ar", "Arabic"],
    ]);
  });

  it("offers a story's other tag as the tag itself", async () => {
    await open("pt-BR");
    const select = screen.getByTestId("story-language") as HTMLSelectElement;
    expect(select.value).toBe("pt-BR");
    const options = within(select).getAllByRole("option");
    expect(options).toHaveLength(7);
    expect(options[6]).toHaveTextContent("pt-BR");
  });

  it("saves the language picked, and every later save keeps it", async () => {
    const { platform, story } = await open();
    const select = screen.getByTestId("story-language") as HTMLSelectElement;
    expect(select.value).toBe("en-US");
    await fireEvent.change(select, { target: { value: "fr" } });
    await waitFor(() => expect(saves(platform)).toHaveLength(1));
    expect(saves(platform)[0].language).toBe("fr");
    expect(platform.peek(story.id).language).toBe("fr");

    // A later save of another field sends the language again: the story stays French.
    const headline = screen.getByTestId("headline");
    await fireEvent.input(headline, { target: { value: "Les ministres se réunissent à Rome" } });
    await fireEvent.blur(headline);
    await waitFor(() => expect(saves(platform)).toHaveLength(2));
    expect(saves(platform)[1].language).toBe("fr");
    expect(platform.peek(story.id).language).toBe("fr");
  });
});

describe("the direction of the text", () => {
  it("runs an Arabic story's news fields and body right to left, in its language", async () => {
    const { body } = await open("ar");
    for (const id of NEWS_FIELDS) {
      expect(screen.getByTestId(id), id).toHaveAttribute("dir", "rtl");
      expect(screen.getByTestId(id), id).toHaveAttribute("lang", "ar");
    }
    // The body runs in its wrapper's language and direction.
    expect(body.closest("[dir]")).toHaveAttribute("dir", "rtl");
    expect(body.closest("[lang]")).toHaveAttribute("lang", "ar");
    expect(getComputedStyle(body).direction).toBe("rtl");
    // The app's own controls keep their direction.
    expect(screen.getByTestId("story-language")).not.toHaveAttribute("dir");
  });

  it("runs an English story left to right, and turns when the language changes", async () => {
    const { body } = await open();
    const text = screen.getByTestId("body-text");
    expect(text).toContainElement(body);
    for (const id of NEWS_FIELDS) expect(screen.getByTestId(id), id).toHaveAttribute("dir", "ltr");
    expect(text).toHaveAttribute("dir", "ltr");
    expect(text).toHaveAttribute("lang", "en-US");
    expect(getComputedStyle(body).direction).toBe("ltr");

    await fireEvent.change(screen.getByTestId("story-language"), { target: { value: "ar" } });
    await waitFor(() => expect(text).toHaveAttribute("dir", "rtl"));
    expect(text).toHaveAttribute("lang", "ar");
    for (const id of NEWS_FIELDS) {
      expect(screen.getByTestId(id), id).toHaveAttribute("dir", "rtl");
      expect(screen.getByTestId(id), id).toHaveAttribute("lang", "ar");
    }
    // The same body, its text untouched.
    expect(screen.getByTestId("body")).toBe(body);
    expect(body).toHaveTextContent("Foreign ministers met in Rome on Monday.");

    await fireEvent.change(screen.getByTestId("story-language"), { target: { value: "en-GB" } });
    await waitFor(() => expect(text).toHaveAttribute("dir", "ltr"));
    expect(text).toHaveAttribute("lang", "en-GB");
  });
});
