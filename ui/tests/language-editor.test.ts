/**
 * The story's language in the editor: the labelled "Language" select of the story settings saves
 * the language picked, a tag outside the list is offered as itself, and the news fields, the
 * body's contenteditable (never its toolbar) and a photo's caption, credit and alt text carry the
 * story's `lang` and `dir` (right to left for Arabic, and turning when the language changes).
 */
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import Editor from "../src/components/Editor.svelte";
import { FakePlatform } from "../src/platform/fake";
import type { Story, StoryEdit } from "../src/platform/types";
import { addStory } from "./fixtures";
import { SAMPLE_HEADLINE } from "../src/platform/sample";

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

function toEdit(story: Story): StoryEdit {
  const { id, revision, slug, kicker, headline, standfirst, byline, dateline, language, status, tags, wordTarget, body } = story;
  return { id, baseRevision: revision, slug, kicker, headline, standfirst, byline, dateline, language, status, tags, wordTarget, body };
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
  it("runs an Arabic story's news fields and body text right to left, in its language, and not the toolbar", async () => {
    const { body } = await open("ar");
    for (const id of NEWS_FIELDS) {
      expect(screen.getByTestId(id), id).toHaveAttribute("dir", "rtl");
      expect(screen.getByTestId(id), id).toHaveAttribute("lang", "ar");
    }
    // The language and direction are on the text itself: the contenteditable.
    expect(body).toHaveAttribute("contenteditable", "true");
    expect(body).toHaveAttribute("dir", "rtl");
    expect(body).toHaveAttribute("lang", "ar");
    expect(getComputedStyle(body).direction).toBe("rtl");
    // Nothing around the text carries them: the toolbar keeps the app's direction.
    const toolbar = screen.getByRole("toolbar", { name: "Formatting" });
    expect(toolbar.closest("[dir]")).toBeNull();
    expect(toolbar.closest("[lang]")?.getAttribute("lang")).not.toBe("ar");
    expect(getComputedStyle(toolbar).direction).toBe("ltr");
    expect(body.parentElement?.closest("[dir]")).toBeNull();
    // The app's own controls keep their direction.
    expect(screen.getByTestId("story-language")).not.toHaveAttribute("dir");
  });

  it("runs an English story left to right, and turns when the language changes", async () => {
    const { body } = await open();
    const toolbar = screen.getByRole("toolbar", { name: "Formatting" });
    for (const id of NEWS_FIELDS) expect(screen.getByTestId(id), id).toHaveAttribute("dir", "ltr");
    expect(body).toHaveAttribute("dir", "ltr");
    expect(body).toHaveAttribute("lang", "en-US");
    expect(getComputedStyle(body).direction).toBe("ltr");

    await fireEvent.change(screen.getByTestId("story-language"), { target: { value: "ar" } });
    await waitFor(() => expect(body).toHaveAttribute("dir", "rtl"));
    expect(body).toHaveAttribute("lang", "ar");
    for (const id of NEWS_FIELDS) {
      expect(screen.getByTestId(id), id).toHaveAttribute("dir", "rtl");
      expect(screen.getByTestId(id), id).toHaveAttribute("lang", "ar");
    }
    expect(getComputedStyle(toolbar).direction).toBe("ltr");
    expect(toolbar.closest("[dir]")).toBeNull();
    // The same body, its text untouched, and the toolbar still there.
    expect(screen.getByTestId("body")).toBe(body);
    expect(body).toHaveTextContent("Foreign ministers met in Rome on Monday.");
    expect(screen.getByRole("toolbar", { name: "Formatting" })).toBe(toolbar);

    await fireEvent.change(screen.getByTestId("story-language"), { target: { value: "en-GB" } });
    await waitFor(() => expect(body).toHaveAttribute("dir", "ltr"));
    expect(body).toHaveAttribute("lang", "en-GB");
  });

  it("puts the story's language and direction on a photo's caption, credit and alt text, not on the panel", async () => {
    const platform = new FakePlatform();
    const sample = (await platform.listStories(null, 0, 100)).stories.find((s) => s.headline === SAMPLE_HEADLINE);
    if (!sample) throw new Error("no sample story");
    const story = await platform.getStory(sample.id);
    await platform.saveStory({ ...toEdit(story), language: "ar-EG" });
    render(Editor, { props: { platform, storyId: story.id, onBack: () => {} } });
    await screen.findByTestId("body");
    expect(screen.getByTestId("lead-caption")).toHaveAttribute("dir", "rtl");
    await fireEvent.click(screen.getByTestId("photos-button"));
    await fireEvent.click(await screen.findByTestId("photo-thumb"));
    for (const id of ["use-caption", "use-credit", "use-alt"]) {
      const field = await screen.findByTestId(id);
      expect(field, id).toHaveAttribute("dir", "rtl");
      expect(field, id).toHaveAttribute("lang", "ar-EG");
    }
    // The app's own fields and the panel keep the app's direction.
    expect(screen.getByTestId("use-creator")).not.toHaveAttribute("dir");
    expect(screen.getByTestId("caption-editor").closest("[dir]")).toBeNull();
  });
});
