/**
 * A story's language (lib/language.ts): the languages offered, the tag check the core makes, the
 * direction of the text; and the fake platform keeping, casing and refusing tags like the core.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGE, LANGUAGES, checkLanguage, directionOf, isRightToLeft, languageChoices } from "../src/lib/language";
import { AppError } from "../src/platform/errors";
import { FakePlatform } from "../src/platform/fake";
import { StoryDraft } from "../src/lib/storyDraft.svelte";
import { toEdit } from "../src/platform/fakeCore";
import { addStory } from "./fixtures";

describe("isRightToLeft", () => {
  it("is true for languages written right to left, by their primary subtag, in any case", () => {
    for (const tag of ["ar", "ar-EG", "AR-eg", "he", "he-IL", "fa", "ur", "ps", "yi", "ckb", "dv", "ug", "sd", "ks", "syr", "arc", " ar "]) {
      expect(isRightToLeft(tag), tag).toBe(true);
      expect(directionOf(tag), tag).toBe("rtl");
    }
  });

  it("is false for everything else, including tags that only start like a right-to-left one", () => {
    for (const tag of ["en-US", "en-GB", "fr", "es", "de", "zh-Hant-TW", "arn", "hea", "en-AR", "", "x"]) {
      expect(isRightToLeft(tag), tag).toBe(false);
      expect(directionOf(tag), tag).toBe("ltr");
    }
  });
});

describe("checkLanguage", () => {
  it("takes a tag and writes it in its usual case, as the core stores it", () => {
    expect(checkLanguage("en-US")).toBe("en-US");
    expect(checkLanguage(" EN-us ")).toBe("en-US");
    expect(checkLanguage("zh-hant-tw")).toBe("zh-Hant-TW");
    expect(checkLanguage("ar")).toBe("ar");
    expect(checkLanguage("es-419")).toBe("es-419");
    expect(checkLanguage("de-CH-1996")).toBe("de-CH-1996");
  });

  it("refuses what is not a tag: 2–3 letters, then parts of 1–8 letters or digits", () => {
    for (const bad of ["", "e", "english", "en_US", "en--US", "en-", "-en", "<b>", "en-US-toolongsubtag", "12", "fr-é", "en-US-" + "a".repeat(40)]) {
      expect(checkLanguage(bad), bad).toBeNull();
    }
  });
});

describe("LANGUAGES and languageChoices", () => {
  it("offers the six languages by name, US English the default", () => {
    expect(LANGUAGES.map((l) => l.tag)).toEqual(["en-US", "en-GB", "fr", "es", "de", "ar"]);
    expect(LANGUAGES.map((l) => l.name)).toEqual(["English (US)", "English (UK)", "French", "Spanish", "German", "Arabic"]);
    expect(DEFAULT_LANGUAGE).toBe("en-US");
  });

  it("adds a story's own tag, shown as the tag, when it is not one of them", () => {
    expect(languageChoices("fr")).toEqual([...LANGUAGES]);
    expect(languageChoices("pt-BR")).toEqual([...LANGUAGES, { tag: "pt-BR", name: "pt-BR" }]);
  });
});

describe("the story's language through the draft and the fake platform", () => {
  it("creates stories in en-US", async () => {
    const platform = new FakePlatform({ seed: false });
    const created = await platform.createStory({ headline: "Ministers meet", kicker: null, byline: null });
    expect(created.language).toBe("en-US");
    expect((await platform.getStory(created.id)).language).toBe("en-US");
  });

  it("keeps the language an edit sends, and the draft sends it on every save", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Les ministres se réunissent", language: "fr" });
    expect(story.language).toBe("fr");
    const draft = new StoryDraft();
    draft.fill(story);
    expect(draft.language).toBe("fr");
    draft.headline = "Les ministres se sont réunis";
    const edit = draft.edit(story.id, story.revision, story.body);
    expect(edit.language).toBe("fr");
    const receipt = await platform.saveStory(edit);
    expect(platform.peek(story.id).language).toBe("fr");
    // The revision history holds the language, and a restore brings it back.
    draft.language = "en-GB";
    const second = await platform.saveStory(draft.edit(story.id, receipt.revision, story.body));
    expect(platform.peek(story.id).language).toBe("en-GB");
    const restored = await platform.restoreRevision(story.id, receipt.revision, second.revision);
    expect(restored.language).toBe("fr");
    expect((await platform.getRevision(story.id, receipt.revision)).story.language).toBe("fr");
  });

  it("writes a tag in its usual case, like the core", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Ministros", language: "ES-mx" });
    expect(story.language).toBe("es-MX");
  });

  it("refuses a malformed tag with invalid_input, saving nothing", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Ministers meet", language: "ar" });
    for (const bad of ["english", "en_US", "", "en--US"]) {
      const err = await platform.saveStory({ ...toEdit(story), language: bad }).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(AppError);
      expect((err as AppError).kind).toBe("invalid_input");
      expect((err as AppError).message).toMatch(/is not a language tag/);
    }
    const now = platform.peek(story.id);
    expect(now.revision).toBe(story.revision);
    expect(now.language).toBe("ar");
  });

  it("reads a seeded story without a language as en-US, as the core reads an old one", async () => {
    const platform = new FakePlatform({ seed: false });
    const story = await addStory(platform, { headline: "Old story" });
    const { language: _dropped, ...old } = story;
    const fake = new FakePlatform({ seed: false, stories: [old as typeof story] });
    expect((await fake.getStory(story.id)).language).toBe("en-US");
  });
});
